//! What a reader of the public site sees, page by page, and the exact list of files.

use crate::common;

use crate::common::{build_ok, fixture, list_files, read};

const AS_OF: &str = "2026-11-22";

fn built() -> common::TempDir {
    let site = fixture("redaction");
    build_ok(site.path(), AS_OF, &[]);
    site
}

/// Every file of the fixture's public build.
const EXPECTED: &[&str] = &[
    "404.html",
    "about/index.html",
    "accessibility/index.html",
    "committees/index.html",
    "committees/panel/2021-07-02/agenda-pack.pdf",
    "committees/panel/2021-07-02/compliance.json",
    "committees/panel/2021-07-02/index.html",
    "committees/panel/2021-07-02/minutes/index.html",
    "committees/panel/2021-09-24/agenda-pack.pdf",
    "committees/panel/2021-09-24/compliance.json",
    "committees/panel/2021-09-24/files/public-appendix.pdf",
    "committees/panel/2021-09-24/files/public-chart.svg",
    "committees/panel/2021-09-24/index.html",
    "committees/panel/2021-09-24/lapsed-report/index.html",
    "committees/panel/2021-09-24/newsletter/index.html",
    "committees/panel/2021-09-24/public-report/index.html",
    "committees/panel/2021-09-24/redactions.json",
    "committees/panel/2021-09-24/sub-report/index.html",
    "committees/panel/2027-03-19/index.html",
    "committees/panel/index.html",
    "decisions/decisions.csv",
    "decisions/feed.xml",
    "decisions/index.html",
    "decisions/panel/2021-07-02/1/index.html",
    "decisions/panel/index.html",
    "feed.xml",
    "index.html",
    "meetings.ics",
    "members/a-chair/index.html",
    "members/attendance.csv",
    "members/attendance/index.html",
    "members/b-vice/index.html",
    "members/c-member/index.html",
    "members/index.html",
    "pagefind/pagefind-entry.json",
    "pagefind/pagefind-worker.js",
    "pagefind/pagefind.js",
    "pagefind/wasm.unknown.pagefind",
    "redactions.json",
    "redactions/index.html",
    "robots.txt",
    "search/index.html",
    "sitemap.xml",
    "static/decisions.js",
    "static/quire.css",
    "static/search.js",
];

#[test]
fn the_plan_lists_exactly_these_files_without_rendering() {
    let site = common::fixture("redaction");
    let opts = quire::pipeline::BuildOptions {
        root: site.path().to_path_buf(),
        output: None,
        as_of: quire::text::parse_date(AS_OF).unwrap(),
        audience: quire::redact::Audience::Public,
        cache: false,
        copies: Default::default(),
    };
    let planned = quire::pipeline::planned_files(&opts).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(planned, EXPECTED);
    // Nothing was rendered or written to plan it.
    assert!(!site.path().join("output").exists() && !site.path().join(".quire-cache").exists());
}

/// Files of the search index named by what it holds (a hash), so no plan lists them.
fn named_by_index(f: &str) -> bool {
    quire::render::html::search::is_named_by_index(f)
}

#[test]
fn the_public_build_writes_exactly_these_files() {
    let site = built();
    let files = list_files(&site.path().join("output"));
    let planned: Vec<&String> = files.iter().filter(|f| !named_by_index(f)).collect();
    assert_eq!(planned, EXPECTED);
    // The rest is the search index, in shards: the site's own (committees, councillors,
    // pages) in pagefind/ with the English stemmer, and one folder a year. Each shard has
    // its meta, chunks, fragments and filters, and nothing else.
    let index: Vec<&String> = files.iter().filter(|f| named_by_index(f)).collect();
    let one = |pattern: &dyn Fn(&str) -> bool| index.iter().filter(|f| pattern(f)).count();
    assert_eq!(one(&|f| f == "pagefind/wasm.en.pagefind"), 1, "{index:?}");
    assert_eq!(one(&|f| f == "pagefind/quire.json"), 1, "{index:?}");
    let shards = common::search::shards(&site.path().join("output"));
    // The newest published papers are of 2021 (July and September), so 2021 is in
    // halves, its meetings all in the second; the meeting set for 2027 is one shard.
    assert_eq!(shards, ["2027", "2021-h2"], "{index:?}");
    let mut counted = 2;
    for shard in std::iter::once(String::new()).chain(shards.iter().map(|y| format!("{y}/"))) {
        let dir = format!("pagefind/{shard}");
        let inside = |f: &str, sub: &str, ext: &str| {
            f.strip_prefix(&dir)
                .and_then(|rest| rest.strip_prefix(sub))
                .is_some_and(|name| {
                    name.starts_with("en_") && name.ends_with(ext) && !name.contains('/')
                })
        };
        let meta = one(&|f| inside(f, "pagefind.", ".pf_meta"));
        let fragments = one(&|f| inside(f, "fragment/", ".pf_fragment"));
        let chunks = one(&|f| inside(f, "index/", ".pf_index"));
        let filters = one(&|f| inside(f, "filter/", ".pf_filter"));
        let entry = if shard.is_empty() {
            0
        } else {
            one(&|f| f == format!("{dir}pagefind-entry.json"))
        };
        assert_eq!(meta, 1, "{dir}: {index:?}");
        assert!(fragments >= 1 && chunks >= 1, "{dir}: {index:?}");
        // Committee, kind and where it sits; a year's shard also has the year.
        let want = if shard.is_empty() { 3 } else { 4 };
        assert_eq!(filters, want, "{dir}: {index:?}");
        assert_eq!(entry, usize::from(!shard.is_empty()), "{dir}: {index:?}");
        counted += meta + fragments + chunks + filters + entry;
    }
    // One fragment a page: committees, meetings, documents, councillors, free pages.
    assert!(one(&|f| f.ends_with(".pf_fragment")) >= 12, "{index:?}");
    assert_eq!(counted, index.len(), "{index:?}");
}

#[test]
fn the_search_index_finds_public_words_with_their_place_and_filters() {
    let site = built();
    let out = site.path().join("output");
    let report = common::search::fragment(&out, "/committees/panel/2021-09-24/lapsed-report/");
    // The words of a public paper are findable: the fragment holds its text.
    assert!(
        report["content"]
            .as_str()
            .is_some_and(|t| t.contains("LAPSED_REPORT_BODY_NOW_PUBLIC")),
        "{report}"
    );
    // A result shows its title and where it sits.
    assert!(
        report["meta"]["title"]
            .as_str()
            .is_some_and(|t| !t.is_empty()),
        "{report}"
    );
    // Where it sits is a filter value: shown with the result, but its words are not
    // searched (they would match every page), so it is not meta.
    assert_eq!(
        report["filters"]["context"][0],
        "Report, Corporate Parenting Panel, Friday 24 September 2021",
        "{report}"
    );
    assert!(report["meta"].get("context").is_none(), "{report}");
    // Filters: committee, year and kind.
    assert_eq!(
        report["filters"]["committee"][0],
        "Corporate Parenting Panel"
    );
    assert_eq!(report["filters"]["year"][0], "2021");
    assert_eq!(report["filters"]["kind"][0], "Report");
    let meeting = common::search::fragment(&out, "/committees/panel/2021-09-24/");
    assert_eq!(meeting["filters"]["kind"][0], "Meeting");
    assert!(
        meeting["filters"]["context"][0]
            .as_str()
            .is_some_and(|c| c.starts_with("Meeting, Friday 24 September 2021")),
        "{meeting}"
    );
    // A meeting is found by when and where it meets: they are its first words.
    assert!(
        meeting["content"]
            .as_str()
            .is_some_and(|c| c.starts_with("Friday 24 September 2021")),
        "{meeting}"
    );
    let member = common::search::fragment(&out, "/members/a-chair/");
    assert_eq!(member["filters"]["kind"][0], "Councillor");
    let committee = common::search::fragment(&out, "/committees/panel/");
    assert_eq!(committee["filters"]["kind"][0], "Committee");
    assert_eq!(
        committee["filters"]["committee"][0],
        "Corporate Parenting Panel"
    );
    // The filter files, and the list the search page fills its filters from, hold every
    // value the page offers.
    let text = common::search::all_text(&out);
    let list = read(&out.join("pagefind/quire.json"));
    for value in [
        "Corporate Parenting Panel",
        "2021",
        "Report",
        "Meeting",
        "Councillor",
        "Page",
    ] {
        assert!(text.contains(value), "no filter value {value}");
        assert!(
            list.contains(&format!("\"{value}\"")),
            "{value} not in {list}"
        );
    }
    // A meeting whose papers are not published is found by its date, with no agenda.
    let future = common::search::fragment(&out, "/committees/panel/2027-03-19/");
    assert!(
        future["content"]
            .as_str()
            .is_some_and(|c| c.starts_with("Friday 19 March 2027")
                && c.ends_with(". Papers will be published on 11 March 2027.")),
        "{future}"
    );
    // The search page is built on that index, and says when JavaScript is off.
    let page = read(&out.join("search/index.html"));
    assert!(page.contains("<noscript>") && page.contains("Search needs JavaScript"));
    // Before the form, which does nothing without it (a reviewer, 4 December 2026).
    let said = page.find("Search needs JavaScript").unwrap_or(usize::MAX);
    assert!(said < page.find("<form").unwrap_or(0), "{page}");
    let home = read(&out.join("index.html"));
    assert!(home.contains("Search needs JavaScript"), "{home}");
    let script = read(&out.join("static/search.js"));
    assert!(
        script.contains("\"pagefind.js\"")
            && script.contains("mergeIndex")
            && script.contains("quire.json"),
        "{script}"
    );
    assert!(!script.contains("search-index.json"));
}

/// Every page has one h1, a skip link to main, landmarks and a language.
#[test]
fn every_page_has_the_accessible_skeleton() {
    let site = built();
    let out = site.path().join("output");
    let pages: Vec<String> = list_files(&out)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(pages.len() >= 15, "{pages:?}");
    for p in pages {
        let html = read(&out.join(&p));
        assert_eq!(
            html.matches("<h1").count(),
            1,
            "{p} must have exactly one h1"
        );
        assert!(html.contains("<html lang=\"en-GB\">"), "{p}");
        assert!(
            html.contains("<a href=\"#main-content\" class=\"skip-link\">"),
            "{p}"
        );
        assert!(html.contains("<main id=\"main-content\""), "{p}");
        assert!(
            html.contains("<header") && html.contains("<footer") && html.contains("<nav"),
            "{p}"
        );
        assert!(html.contains("name=\"viewport\""), "{p}");
    }
}

#[test]
fn home_and_committee_pages() {
    let site = built();
    let out = site.path().join("output");
    let home = read(&out.join("index.html"));
    assert!(home.contains("Upcoming meetings"));
    assert!(home.contains("Corporate Parenting Panel: Friday 19 March 2027"));
    assert!(home.contains("Recently published papers"));
    assert!(home.contains("Corporate Parenting Panel: Friday 24 September 2021"));
    let committee = read(&out.join("committees/panel/index.html"));
    assert!(
        committee.contains("<strong>corporate parent</strong>"),
        "description is Markdown"
    );
    assert!(
        committee
            .contains("<a href=\"/members/a-chair/\">Councillor A Chair</a></td><td>Chair</td>")
    );
    assert!(committee.contains("<h3>2027</h3>") && committee.contains("<h3>2021</h3>"));
    assert!(committee.contains("jane.clerk@example.gov.uk"));
    let index = read(&out.join("committees/index.html"));
    assert!(index.contains("<a href=\"/committees/panel/\">Corporate Parenting Panel</a>"));
}

#[test]
fn meeting_page_shows_details_attendance_and_agenda() {
    let site = built();
    let html = read(
        &site
            .path()
            .join("output/committees/panel/2021-09-24/index.html"),
    );
    // The committee is part of the heading, which a screen reader's list of headings
    // reads out alone: every committee met on some Friday.
    assert!(html.contains(
        "<h1><span class=\"caption\">Corporate Parenting Panel</span> Friday 24 September 2021</h1>"
    ));
    assert!(html.contains("<dt>Time</dt><dd>9.30am</dd>"));
    assert!(html.contains("Council Chamber, County Hall"));
    assert!(html.contains("tag--green\">Held</strong>"));
    assert!(html.contains("<dt>Apologies</dt>") && html.contains("Councillor C Member"));
    assert!(html.contains("Helen Officer, Head of Service"));
    assert!(html.contains("<a href=\"/committees/panel/2021-07-02/minutes/\">Minutes of the meeting held on 2 July 2021</a>"));
    assert!(html.contains("<a href=\"/committees/panel/2021-09-24/files/public-appendix.pdf\">Appendix 2: Public data</a>"));
    assert!(html.contains("Public sub-item"));
    assert!(html.contains("nav class=\"breadcrumbs\""));
}

#[test]
fn report_minutes_and_presentation_layouts() {
    let site = built();
    let out = site.path().join("output/committees/panel");
    let report = read(&out.join("2021-09-24/public-report/index.html"));
    assert!(report.contains("<dt>Report of</dt><dd>Helen Officer, Head of Service</dd>"));
    assert!(report.contains("<dt>Electoral divisions affected</dt><dd>None</dd>"));
    assert!(report.contains("<span class=\"para-number\">1</span> PUBLIC_REPORT_FIRST_PARAGRAPH"));
    assert!(report.contains("<span class=\"para-number\">2</span> The service supported"));
    assert!(report.contains("<ol class=\"lettered\">"));
    assert!(report.contains("<table>") && report.contains("<th>Year</th>"));
    assert!(report.contains("class=\"footnote-definition\""));
    assert!(report.contains("<img src=\"/committees/panel/2021-09-24/files/public-chart.svg\" alt=\"Chart of young people supported\""));
    let minutes = read(&out.join("2021-07-02/minutes/index.html"));
    assert!(minutes.contains("<span class=\"section-number\">1</span> Apologies for absence"));
    assert!(minutes.contains("<div class=\"decision\"><p><strong>Resolved:</strong>"));
    let slides = read(&out.join("2021-09-24/sub-report/index.html"));
    assert!(slides.contains("Slide 1 of 2") && slides.contains("Slide 2 of 2"));
}

#[test]
fn members_pages_and_generated_pages() {
    let site = built();
    let out = site.path().join("output");
    let member = read(&out.join("members/c-member/index.html"));
    assert!(
        member.contains("<a href=\"/committees/panel/\">Corporate Parenting Panel</a>: Member")
    );
    assert!(member.contains("Apologies"));
    let chair = read(&out.join("members/a-chair/index.html"));
    assert!(chair.contains("<dt>Party</dt><dd>Independent</dd>"));
    assert!(chair.contains("Present"));
    let a11y = read(&out.join("accessibility/index.html"));
    assert!(a11y.contains("Accessibility statement") && a11y.contains("Fixture Borough Council"));
    // The parts the model statement asks for (a reviewer, 4 December 2026), and what
    // needs JavaScript.
    for part in [
        "Compliance status",
        "Non-accessible content",
        "need JavaScript",
    ] {
        assert!(a11y.contains(part), "no {part}: {a11y}");
    }
    let about = read(&out.join("about/index.html"));
    assert!(
        about.contains("href=\"/committees/panel/2021-09-24/public-report/\""),
        "page links are rewritten"
    );
    assert!(
        about.contains(
            "<pre class=\"code\" tabindex=\"0\"><code><span class=\"hl-source hl-yaml\">"
        ),
        "code is highlighted: {about}"
    );
    assert!(about.contains("hl-comment"), "{about}");
    let css = read(&out.join("static/quire.css"));
    assert!(
        css.contains(".hl-comment") && css.contains(".hl-string"),
        "the theme styles the classes"
    );
    assert!(
        home_footer_links_pages(&read(&out.join("index.html"))),
        "free pages are linked from the footer"
    );
    assert_eq!(
        common::search::fragment(&out, "/about/")["filters"]["kind"][0],
        "Page",
        "free pages are searchable"
    );
    let notfound = read(&out.join("404.html"));
    assert!(notfound.contains("Page not found"));
    let feed = read(&out.join("feed.xml"));
    assert!(feed.contains("https://papers.example.gov.uk/committees/panel/2021-09-24/"));
    let ics = read(&out.join("meetings.ics"));
    assert!(ics.contains("DTSTART;TZID=Europe/London:20270319T140000"));
}

#[test]
fn two_builds_on_the_same_date_are_byte_identical() {
    let a = built();
    let b = built();
    let files = list_files(&a.path().join("output"));
    assert_eq!(files, list_files(&b.path().join("output")));
    for f in files {
        let x = std::fs::read(a.path().join("output").join(&f)).unwrap();
        let y = std::fs::read(b.path().join("output").join(&f)).unwrap();
        assert!(x == y, "{f} differs between two builds");
    }
}

#[test]
fn the_example_site_builds_both_editions() {
    let site = common::example_site();
    let out = build_ok(site.path(), AS_OF, &[]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Built the public site"));
    build_ok(site.path(), AS_OF, &["--confidential"]);
    let committees = read(&site.path().join("output/committees/index.html"));
    for name in ["Corporate Parenting Panel", "Cabinet"] {
        assert!(committees.contains(name), "{name}");
    }
    // Two meetings of one committee on one day are told apart by the folder's suffix.
    let extra = read(
        &site
            .path()
            .join("output/committees/cabinet/2021-10-13-extraordinary/index.html"),
    );
    assert!(
        extra.contains("</span> Wednesday 13 October 2021 (extraordinary)</h1>"),
        "{extra}"
    );
}

fn home_footer_links_pages(html: &str) -> bool {
    html.split("<footer")
        .nth(1)
        .is_some_and(|f| f.contains("<a href=\"/about/\">About these papers</a>"))
}

/// A file linked into a theme (a logo linked in from elsewhere) is not followed, since a
/// link could lead into `content/`: the build says so, naming the link, and publishes
/// nothing for it.
#[test]
fn a_link_inside_a_theme_is_named_in_a_warning() {
    use crate::common::site::{AS_OF, Site, meeting};
    let site = Site::new("theme-link");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n",
    );
    site.write(
        "elsewhere/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let link = site.path().join("themes/default/static/logo.svg");
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(site.path().join("elsewhere/logo.svg"), &link).unwrap();
    let out = common::build(site.path(), AS_OF, &[]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("themes/default/static/logo.svg") && err.contains("symbolic link"),
        "{err}"
    );
    assert!(!site.out("output/static/logo.svg").exists());
}
