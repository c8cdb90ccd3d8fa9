//! The leak gate, attacked the way an officer could leak by mistake: each test writes a
//! site where withheld matter reaches a public source or file, and checks that the public
//! build stops before writing anything, naming the withheld source (file and line) and
//! the artefact, and never printing the secret. Each has its positive control: the same
//! site with nothing withheld builds, and publishes the words the gate stopped.

use crate::common::scan::appears_in;
use crate::common::site::{Site, meeting};
use crate::common::stderr;

/// Officer-written secret prose: a sentence with a price and a name in it.
const TENDER: &str = "The lowest tender, from CANARY Builders Limited of Durham, was 1,234,567 pounds for the whole of the works at the site.";

/// What a stopped build must say.
struct Stop<'a> {
    /// The withheld source, with its line: "content/…/tender.md:7".
    source: &'a str,
    /// Where the withheld matter would have been published.
    artefact: &'a str,
    /// Words that must not appear in the message.
    secret: &'a str,
}

fn assert_stopped(site: &Site, stop: &Stop) -> String {
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(
        !out.status.success(),
        "the gate let the build through:\n{err}"
    );
    assert!(
        err.contains(&format!("error: {}: ", stop.source)),
        "the message does not name {}:\n{err}",
        stop.source
    );
    assert!(
        err.contains(stop.artefact),
        "the message does not name {}:\n{err}",
        stop.artefact
    );
    assert!(
        !err.to_lowercase().contains(&stop.secret.to_lowercase()),
        "the message prints the secret:\n{err}"
    );
    assert!(
        !site.out("output").exists(),
        "a stopped build wrote output/"
    );
    err
}

/// The control: the site builds, and the public sees `words`.
fn assert_published(site: &Site, words: &str) {
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        appears_in(&site.out("output"), words),
        "{words} is not in the public site"
    );
}

/// The control for a withheld file: the same site, nothing withheld, builds and
/// publishes the file at `path` in the output.
fn assert_publishes_file(site: &Site, path: &str) {
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        site.out("output").join(path).exists(),
        "{path} was not published"
    );
}

fn report(site: &Site, rel: &str, front: &str, body: &str) {
    site.write(
        rel,
        &format!("---\ntitle: {}\nkind: report\n{front}---\n\n{body}\n", {
            let name = rel.rsplit('/').next().unwrap_or(rel);
            name.trim_end_matches(".md").replace('-', " ")
        }),
    );
}

fn tender_site(label: &str, exempt: bool) -> Site {
    let site = Site::new(label);
    let marking = if exempt { "    exempt: [3]\n" } else { "" };
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        &format!(
            "  - title: Leisure centre works\n    documents: [update.md]\n  - title: Award of the works contract\n{marking}    documents: [tender.md]\n"
        ),
    );
    report(
        &site,
        "content/committees/panel/2021-09-24/tender.md",
        "",
        &format!("## Tenders\n\nFour tenders were received.\n\n{TENDER}\n"),
    );
    site
}

#[test]
fn a_public_report_quoting_an_exempt_one_stops_the_build() {
    let site = tender_site("gate-quote", true);
    report(
        &site,
        "content/committees/panel/2021-09-24/update.md",
        "",
        &format!("## Progress\n\nWork starts in spring.\n\nAs the other report says: {TENDER}\n"),
    );
    let err = assert_stopped(
        &site,
        &Stop {
            source: "content/committees/panel/2021-09-24/tender.md:10",
            artefact: "committees/panel/2021-09-24/update/index.html",
            secret: "CANARY",
        },
    );
    assert!(
        err.contains("exempt under Schedule 12A paragraph 3")
            && err.contains("content/committees/panel/2021-09-24/update.md is public and has the same words")
            // The text of the pack's pages is read, not only the web pages.
            && err.contains("committees/panel/2021-09-24/agenda-pack.pdf"),
        "{err}"
    );
    // The control: the same papers, with the tender not exempt, build and publish it.
    let open = tender_site("gate-quote-control", false);
    report(
        &open,
        "content/committees/panel/2021-09-24/update.md",
        "",
        &format!("## Progress\n\nAs the other report says: {TENDER}\n"),
    );
    assert_published(&open, "CANARY Builders");
}

#[test]
fn an_officer_can_allow_a_passage_the_gate_stopped() {
    let site = tender_site("gate-allow", true);
    report(
        &site,
        "content/committees/panel/2021-09-24/update.md",
        "",
        &format!("As the other report says: {TENDER}\n"),
    );
    assert!(!site.build(&[]).status.success());
    site.write(
        "site.toml",
        &format!(
            "title = \"Committee papers\"\ncouncil = \"Test Borough Council\"\nbase_url = \"https://papers.example.gov.uk\"\n\n[leak_gate]\nallow = [\"{TENDER}\"]\n"
        ),
    );
    assert_published(&site, "CANARY Builders");
}

#[test]
fn an_exempt_title_repeated_in_a_public_items_body_stops_the_build() {
    let items = |exempt: &str| {
        format!(
            "  - title: Purchase of CANARY House, 12 Mill Lane\n    public_title: Acquisition of a property\n{exempt}  - title: Capital programme\n    body: |\n      The purchase of CANARY House, 12 Mill Lane is part of the programme.\n"
        )
    };
    let site = Site::new("gate-title");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        &items("    exempt: [3]\n"),
    );
    assert_stopped(
        &site,
        &Stop {
            source: "content/committees/panel/2021-09-24/meeting.yaml:7",
            artefact: "committees/panel/2021-09-24/index.html",
            secret: "Mill Lane",
        },
    );
    // Without the exemption and its public title, the real title is public.
    let open = Site::new("gate-title-control");
    meeting(
        &open,
        "panel",
        "2021-09-24",
        "2021-09-16",
        &items("").replace("    public_title: Acquisition of a property\n", ""),
    );
    assert_published(&open, "CANARY House");
}

#[test]
fn a_withheld_image_reused_in_a_public_report_stops_the_build() {
    let build = |label: &str, exempt: bool| {
        let site = tender_site(label, exempt);
        std::fs::create_dir_all(
            site.path()
                .join("content/committees/panel/2021-09-24/files"),
        )
        .unwrap();
        std::fs::write(
            site.path()
                .join("content/committees/panel/2021-09-24/files/site-plan.png"),
            png(),
        )
        .unwrap();
        report(
            &site,
            "content/committees/panel/2021-09-24/tender.md",
            "",
            "## Site\n\n![The plan of the site](files/site-plan.png)\n",
        );
        report(
            &site,
            "content/committees/panel/2021-09-24/update.md",
            "",
            "## Progress\n\n![Where the works are](files/site-plan.png)\n",
        );
        site
    };
    let err = assert_stopped(
        &build("gate-image", true),
        &Stop {
            source: "content/committees/panel/2021-09-24/tender.md",
            artefact: "committees/panel/2021-09-24/files/site-plan.png",
            secret: "plan of the site",
        },
    );
    assert!(
        err.contains("the withheld file content/committees/panel/2021-09-24/files/site-plan.png"),
        "{err}"
    );
    assert_publishes_file(
        &build("gate-image-control", false),
        "committees/panel/2021-09-24/files/site-plan.png",
    );
}

#[test]
fn a_drafts_text_in_another_meetings_minutes_stops_the_build() {
    let draft = "The panel is asked to agree a new approach to placements in which every CANARY child placed more than twenty miles from home is visited by a senior manager within one month.";
    let build = |label: &str, marking: &str| {
        let site = Site::new(label);
        meeting(
            &site,
            "panel",
            "2021-09-24",
            "2021-09-16",
            "  - title: Placements\n    documents: [placements.md]\n",
        );
        report(
            &site,
            "content/committees/panel/2021-09-24/placements.md",
            marking,
            &format!("## Proposal\n\n{draft}\n"),
        );
        // A later meeting's minutes, which are public, repeat the draft.
        meeting(
            &site,
            "panel",
            "2021-09-28",
            "2021-09-20",
            "  - title: Minutes\n",
        );
        site.write(
            "content/committees/panel/2021-09-28/minutes.md",
            &format!("---\ntitle: Minutes\nkind: minutes\n---\n\n## Placements\n\n{draft}\n"),
        );
        site
    };
    assert_stopped(
        &build("gate-draft", "draft: true\n"),
        &Stop {
            source: "content/committees/panel/2021-09-24/placements.md:9",
            artefact: "committees/panel/2021-09-28/minutes/index.html",
            secret: "twenty miles",
        },
    );
    assert_published(&build("gate-draft-control", ""), "twenty miles from home");
}

#[test]
fn an_exempt_appendix_copied_under_another_name_stops_the_build() {
    let build = |label: &str, exempt: &str| {
        let site = Site::new(label);
        site.pdf("content/committees/panel/2021-09-24/files/costs.pdf");
        site.pdf("content/committees/panel/2021-09-24/files/annex.pdf");
        meeting(
            &site,
            "panel",
            "2021-09-24",
            "2021-09-16",
            &format!(
                "  - title: Fostering costs\n    documents:\n      - {{ file: files/costs.pdf, title: Cost breakdown{exempt} }}\n  - title: Budget\n    documents:\n      - {{ file: files/annex.pdf, title: Budget annex }}\n"
            ),
        );
        site
    };
    let err = assert_stopped(
        &build("gate-copy", ", exempt: [3]"),
        &Stop {
            // The listing that makes the file exempt.
            source: "content/committees/panel/2021-09-24/meeting.yaml:9",
            artefact: "committees/panel/2021-09-24/files/annex.pdf",
            secret: "CANARY_EXEMPT_PDF_TEXT",
        },
    );
    assert!(err.contains("allow_files"), "{err}");
    assert_publishes_file(
        &build("gate-copy-control", ""),
        "committees/panel/2021-09-24/files/annex.pdf",
    );
}

#[test]
fn shared_standard_wording_does_not_stop_the_build() {
    // Minutes repeat the same headings and sentences at every meeting; draft minutes
    // share them with the approved ones, and exempt reports share a template's headings.
    let standard = "## Declarations of interest\n\nThere were no declarations of interest.\n\n## Minutes\n\nThe minutes of the last meeting were confirmed as a correct record and signed by the Chair.\n";
    let site = Site::new("gate-standard");
    for (date, published) in [
        ("2021-09-01", "2021-08-20"),
        ("2021-09-10", "2021-09-01"),
        ("2021-09-24", "2021-09-16"),
    ] {
        meeting(&site, "panel", date, published, "  - title: Minutes\n");
        let draft = if date == "2021-09-24" {
            "draft: true\n"
        } else {
            ""
        };
        site.write(
            &format!("content/committees/panel/{date}/minutes.md"),
            &format!("---\ntitle: Minutes\nkind: minutes\n{draft}---\n\n{standard}"),
        );
    }
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// A small PNG, 3x2 pixels.
fn png() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(3, 2, image::Rgb([10, 120, 200]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("encode PNG");
    out.into_inner()
}

// ---------------------------------------------------------------------------------------
// quire audit: the same gate, on a folder already published.

fn audit(root: &std::path::Path, folder: &std::path::Path) -> std::process::Output {
    crate::common::quire()
        .args(["audit", "--as-of", "2021-12-01", "--root"])
        .arg(root)
        .arg(folder)
        .output()
        .expect("run quire audit")
}

#[test]
fn audit_passes_a_clean_site_and_finds_what_was_added_to_it() {
    use crate::common::{build_ok, example_site};
    let site = example_site();
    build_ok(site.path(), "2021-12-01", &[]);
    let public = site.path().join("output");
    let clean = audit(site.path(), &public);
    assert!(clean.status.success(), "{}", stderr(&clean));
    assert!(
        String::from_utf8_lossy(&clean.stdout).contains("nothing withheld was found"),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );

    // Someone edits the live site by hand: a sentence of the exempt report in a page,
    // the exempt appendix under another name, and the members' pack of a meeting.
    let page = public.join("committees/cabinet/2021-10-13/index.html");
    let html = crate::common::read(&page).replace(
        "</main>",
        "<p>Cabinet approved the purchase of the property known as Holly Garth for £412,500, plus fees.</p></main>",
    );
    std::fs::write(&page, html).unwrap();
    std::fs::copy(
        site.path().join(
            "content/committees/corporate-parenting-panel/2021-09-24/files/ifa-placement-costs.pdf",
        ),
        public.join("costs-2021.pdf"),
    )
    .unwrap();
    build_ok(site.path(), "2021-12-01", &["--confidential"]);
    std::fs::copy(
        site.path()
            .join("confidential/committees/corporate-parenting-panel/2021-07-02/agenda-pack.pdf"),
        public.join("committees/corporate-parenting-panel/2021-07-02/agenda-pack.pdf"),
    )
    .unwrap();

    let out = audit(site.path(), &public);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for expected in [
        // The exempt report's words, in the page...
        "error: content/committees/cabinet/2021-10-13/property-acquisition.md:",
        "is published in committees/cabinet/2021-10-13/index.html",
        // ...the exempt appendix, by its bytes...
        "the withheld file content/committees/corporate-parenting-panel/2021-09-24/files/ifa-placement-costs.pdf",
        "costs-2021.pdf",
        // ...and the exempt item of the members' pack, read from the PDF's text.
        "committees/corporate-parenting-panel/2021-07-02/agenda-pack.pdf",
    ] {
        assert!(
            err.contains(expected),
            "the audit did not report {expected}:\n{err}"
        );
    }
    assert!(
        !err.contains("Holly Garth"),
        "the audit prints the secret:\n{err}"
    );

    // The members' edition itself, put where the public can read it.
    let members = audit(site.path(), &site.path().join("confidential"));
    assert!(
        stderr(&members).contains("this folder is the members' edition"),
        "{}",
        stderr(&members)
    );
}

#[test]
fn audit_without_a_folder_is_a_usage_error() {
    let out = crate::common::quire().arg("audit").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("<FOLDER_OR_LIST>"),
        "{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------------------------------
// Holes a red team found in the first version of the gate, each pinned.

#[test]
fn a_passage_quoted_twice_is_still_caught() {
    // Two public copies of an exempt passage must not make it "common".
    let site = tender_site("gate-twice", true);
    report(
        &site,
        "content/committees/panel/2021-09-24/update.md",
        "",
        &format!("As the other report says: {TENDER}\n"),
    );
    site.write(
        "content/committees/panel/2021-09-24/minutes.md",
        // The exempt item has a minute of its own, so the rest of the minutes is public.
        &format!("---\ntitle: Minutes\nkind: minutes\n---\n\n## Leisure centre works\n\nThe officer reported that {TENDER}\n\n## 2 Award of the works contract\n\nThe contract was awarded.\n"),
    );
    assert_stopped(
        &site,
        &Stop {
            source: "content/committees/panel/2021-09-24/tender.md:10",
            artefact: "committees/panel/2021-09-24/minutes/index.html",
            secret: "CANARY",
        },
    );
}

#[test]
fn disguised_copies_are_caught() {
    // Soft hyphens and zero-width spaces inside words, a ligature, a "<" before the
    // passage, and markup inside it: all look the same to a reader.
    let disguised = TENDER
        .replace("lowest", "low\u{ad}est")
        .replace("Builders", "Build\u{200b}ers")
        .replace("final", "ﬁnal")
        .replace("CANARY", "<strong>CANARY</strong>");
    let site = tender_site("gate-disguised", true);
    report(
        &site,
        "content/committees/panel/2021-09-24/update.md",
        "",
        &format!("Costs < budget. {disguised}\n"),
    );
    assert_stopped(
        &site,
        &Stop {
            source: "content/committees/panel/2021-09-24/tender.md:10",
            artefact: "committees/panel/2021-09-24/update/index.html",
            secret: "CANARY",
        },
    );
}

#[test]
fn the_titles_inside_an_exempt_item_are_withheld_titles() {
    let site = Site::new("gate-subitem");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Depot\n    exempt: [3]\n    items:\n      - title: Offer from CANARY Holdings for the depot\n  - title: Update\n    body: |\n      We discussed the Offer from CANARY Holdings for the depot.\n",
    );
    assert_stopped(
        &site,
        &Stop {
            source: "content/committees/panel/2021-09-24/meeting.yaml:10",
            artefact: "committees/panel/2021-09-24/index.html",
            secret: "CANARY",
        },
    );
}

#[test]
fn an_unlisted_note_is_not_public_text() {
    // A note left in an earlier meeting's folder is never published, so it cannot make
    // the same words "already public" when a later paper leaks them.
    let site = tender_site("gate-unlisted", true);
    meeting(
        &site,
        "panel",
        "2021-09-01",
        "2021-08-20",
        "  - title: Apologies\n",
    );
    report(
        &site,
        "content/committees/panel/2021-09-01/notes.md",
        "",
        &format!("{TENDER}\n"),
    );
    report(
        &site,
        "content/committees/panel/2021-09-24/update.md",
        "",
        &format!("Quoted: {TENDER}\n"),
    );
    let out = site.build(&[]);
    assert!(!out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("committees/panel/2021-09-24/update/index.html"));
}

#[test]
fn the_statutory_notice_quoted_in_an_exempt_report_is_not_a_leak() {
    let site = tender_site("gate-notice", true);
    report(
        &site,
        "content/committees/panel/2021-09-24/tender.md",
        "",
        "Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972.\n\nInformation relating to the financial or business affairs of any particular person (including the authority holding that information).\n\nThe tenders are set out below.\n",
    );
    report(
        &site,
        "content/committees/panel/2021-09-24/update.md",
        "",
        "Work starts in spring.\n",
    );
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn withheld_words_inside_a_public_pdf_appendix_are_caught() {
    // An exempt report's words printed into a PDF that is listed as a public appendix.
    let build = |label: &str, exempt: &str| {
        let site = Site::new(label);
        site.pdf("content/committees/panel/2021-09-24/files/costs.pdf");
        meeting(
            &site,
            "panel",
            "2021-09-24",
            "2021-09-16",
            &format!(
                "  - title: Costs\n    documents:\n      - {{ file: files/costs.pdf, title: Costs }}\n  - title: Contract\n{exempt}    documents: [contract.md]\n"
            ),
        );
        report(
            &site,
            "content/committees/panel/2021-09-24/contract.md",
            "",
            "CANARY_EXEMPT_PDF_TEXT contract costs\n",
        );
        site
    };
    let err = assert_stopped(
        &build("gate-pdf-text", "    exempt: [3]\n"),
        &Stop {
            source: "content/committees/panel/2021-09-24/contract.md:6",
            artefact: "committees/panel/2021-09-24/files/costs.pdf",
            secret: "CANARY",
        },
    );
    assert!(
        err.contains(
            "the PDF appendix committees/panel/2021-09-24/files/costs.pdf has these words"
        ),
        "{err}"
    );
    assert!(
        build("gate-pdf-text-control", "")
            .build(&[])
            .status
            .success()
    );
}

#[test]
fn a_resaved_copy_of_an_exempt_appendix_is_caught_by_its_words() {
    // The same pages with other bytes (saved again): its words are the exempt file's.
    let site = Site::new("gate-resaved");
    site.pdf("content/committees/panel/2021-09-24/files/costs.pdf");
    site.pdf("content/committees/panel/2021-09-24/files/costs-v2.pdf");
    let copy = site
        .path()
        .join("content/committees/panel/2021-09-24/files/costs-v2.pdf");
    let mut bytes = std::fs::read(&copy).unwrap();
    bytes.extend(b"\n% saved again\n");
    std::fs::write(&copy, bytes).unwrap();
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Costs\n    documents:\n      - { file: files/costs.pdf, title: Costs, exempt: [3] }\n  - title: Budget\n    documents:\n      - { file: files/costs-v2.pdf, title: Budget annex }\n",
    );
    assert_stopped(
        &site,
        &Stop {
            source: "content/committees/panel/2021-09-24/files/costs.pdf",
            artefact: "committees/panel/2021-09-24/files/costs-v2.pdf",
            secret: "CANARY",
        },
    );
}

#[test]
fn audit_fetches_a_list_of_web_addresses_and_finds_what_they_serve() {
    use crate::common::{build_ok, example_site};
    let site = example_site();
    build_ok(site.path(), "2021-12-01", &[]);
    let public = site.path().join("output");
    // The live site: the public build, with one page edited by hand on the server.
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let root = public.clone();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let path = request.url().trim_start_matches('/').to_string();
            let mut file = root.join(&path);
            if path.is_empty() || path.ends_with('/') {
                file = file.join("index.html");
            }
            let mut body = std::fs::read(&file).unwrap_or_default();
            if path == "committees/cabinet/2021-10-13/" {
                body.extend(b"<p>Cabinet approved the purchase of the property known as Holly Garth for \xc2\xa3412,500, plus fees.</p>");
            }
            let status = if file.exists() { 200 } else { 404 };
            let _ = request.respond(tiny_http::Response::from_data(body).with_status_code(status));
        }
    });
    let list = site.path().join("live.txt");
    let base = format!("http://127.0.0.1:{port}");
    std::fs::write(
        &list,
        format!("# the live site\n{base}/\n{base}/committees/cabinet/2021-10-13/agenda-pack.pdf\n"),
    )
    .unwrap();
    let clean = audit(site.path(), &list);
    assert!(clean.status.success(), "{}", stderr(&clean));
    assert!(String::from_utf8_lossy(&clean.stdout).contains("2 files"));

    std::fs::write(
        &list,
        format!("{base}/committees/cabinet/2021-10-13/\n{base}/no-such-page/\n"),
    )
    .unwrap();
    let out = audit(site.path(), &list);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("live.txt:2:") && err.contains("could not be fetched"),
        "{err}"
    );
    std::fs::write(&list, format!("{base}/committees/cabinet/2021-10-13/\n")).unwrap();
    let err = stderr(&audit(site.path(), &list));
    assert!(
        err.contains("content/committees/cabinet/2021-10-13/property-acquisition.md:")
            && err.contains(&format!(
                "127.0.0.1:{port}/committees/cabinet/2021-10-13/index.html"
            )),
        "{err}"
    );
    assert!(!err.contains("Holly Garth"), "{err}");
}

#[test]
fn a_short_exempt_paragraph_quoted_in_public_is_caught() {
    // Four words are enough to name a bidder: short paragraphs are not excused.
    let site = tender_site("gate-short", true);
    report(
        &site,
        "content/committees/panel/2021-09-24/tender.md",
        "",
        "## Tenders\n\nPreferred bidder: CANARY Holdings.\n",
    );
    report(
        &site,
        "content/committees/panel/2021-09-24/update.md",
        "",
        "Work starts in spring.\n\nPreferred bidder: CANARY Holdings.\n",
    );
    assert_stopped(
        &site,
        &Stop {
            source: "content/committees/panel/2021-09-24/tender.md:8",
            artefact: "committees/panel/2021-09-24/update/index.html",
            secret: "CANARY",
        },
    );
}

// The second red team's findings, each pinned.

#[test]
fn an_exempt_draft_is_exempt_and_table_rows_and_addresses_are_passages() {
    // A report both draft and exempt keeps the exempt rules (eight-word phrases, no
    // excuse for the same meeting's papers); a table row and a link's address copied
    // into a public report are passages of their own.
    let site = tender_site("gate-draft-exempt", true);
    report(
        &site,
        "content/committees/panel/2021-09-24/tender.md",
        "draft: true\n",
        "| Bidder | Offer |\n| --- | --- |\n| CANARY Holdings Limited of Durham | 4,250,000 pounds |\n\nSee [the offer](https://files.example.org/canary-holdings-offer-4250000-final.pdf).\n",
    );
    report(
        &site,
        "content/committees/panel/2021-09-24/update.md",
        "",
        "| Firm | Price |\n| --- | --- |\n| CANARY Holdings Limited of Durham | 4,250,000 pounds |\n",
    );
    assert_stopped(
        &site,
        &Stop {
            source: "content/committees/panel/2021-09-24/tender.md:9",
            artefact: "committees/panel/2021-09-24/update/index.html",
            secret: "CANARY",
        },
    );
    report(
        &site,
        "content/committees/panel/2021-09-24/update.md",
        "",
        "Read [this](https://files.example.org/canary-holdings-offer-4250000-final.pdf).\n",
    );
    let err = stderr(&site.build(&[]));
    assert!(
        err.contains("tender.md:11"),
        "the address was not caught:\n{err}"
    );
}

#[test]
fn minutes_of_an_earlier_meeting_written_later_do_not_excuse_a_leak() {
    // Minutes of 1 September are approved at the next meeting (24 September): they are
    // no earlier than the exempt report of 24 September they quote.
    let site = tender_site("gate-minutes-later", true);
    report(
        &site,
        "content/committees/panel/2021-09-24/update.md",
        "",
        "Work starts in spring.\n",
    );
    meeting(
        &site,
        "panel",
        "2021-09-01",
        "2021-08-20",
        "  - title: Apologies\n",
    );
    site.write(
        "content/committees/panel/2021-09-01/minutes.md",
        &format!("---\ntitle: Minutes\nkind: minutes\n---\n\n## Apologies\n\n{TENDER}\n"),
    );
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("committees/panel/2021-09-01/minutes/index.html"),
        "{err}"
    );
}

#[test]
fn a_copy_of_an_exempt_appendix_at_an_earlier_meeting_stops_the_build_until_allowed() {
    // July's public item shows costs.pdf; September's exempt item shows a copy of it.
    // Either July's file was published in July (no secret), or an officer saved the exempt
    // appendix into July's folder today (a leak). The bytes cannot tell which, so the
    // build stops until the officer says so in allow_files.
    let site = Site::new("gate-reused");
    site.pdf("content/committees/panel/2021-07-02/files/costs.pdf");
    site.pdf("content/committees/panel/2021-09-24/files/costs.pdf");
    meeting(
        &site,
        "panel",
        "2021-07-02",
        "2021-06-20",
        "  - title: Costs\n    documents:\n      - { file: files/costs.pdf, title: Costs }\n",
    );
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Contract\n    exempt: [3]\n    documents:\n      - { file: files/costs.pdf, title: Costs again }\n",
    );
    let err = assert_stopped(
        &site,
        &Stop {
            source: "content/committees/panel/2021-09-24/meeting.yaml",
            artefact: "committees/panel/2021-07-02/files/costs.pdf",
            secret: "CANARY_EXEMPT_PDF_TEXT",
        },
    );
    assert!(
        err.contains("the withheld file content/committees/panel/2021-09-24/files/costs.pdf")
            && err.contains("an appendix the public already had from an earlier meeting"),
        "{err}"
    );
    // The officer confirms that July's file was public.
    site.write(
        "site.toml",
        "title = \"Committee papers\"\ncouncil = \"Test Borough Council\"\nbase_url = \"https://papers.example.gov.uk\"\n\n[leak_gate]\nallow_files = [\"committees/panel/2021-09-24/files/costs.pdf\"]\n",
    );
    assert_publishes_file(&site, "committees/panel/2021-07-02/files/costs.pdf");
}

/// Round 23, again. A report that may be published but whose title names a person, given
/// a `public_title` and no exemption: the public sees the public title, but a file (or a
/// file it shows) named after the real title spelt it in an address. The gate looks for
/// that title in its meeting's addresses only, since the report's own text, an item
/// titled as it, and a colleague's report may all repeat it (a rule that read them too
/// stopped ordinary builds). The controls: named after the public title, the same site
/// builds though another report repeats the real title; an item that shows the real title
/// makes it public; another committee's paper may be named with the same words; a lapsed
/// exemption beside the public title publishes the real one; the members' edition has it.
#[test]
fn a_public_papers_address_must_not_spell_the_title_its_public_title_hides() {
    let folder = "content/committees/panel/2021-09-24";
    let paper = |site: &Site, file: &str, body: &str, front: &str, item: &str| {
        meeting(
            site,
            "panel",
            "2021-09-24",
            "2021-09-16",
            &format!(
                "  - title: {item}\n    documents: [{file}.md]\n  - title: Other business\n    documents: [other.md]\n"
            ),
        );
        site.write(
            &format!("{folder}/{file}.md"),
            &format!("---\ntitle: Quokkaplex grievance appeal hearing\npublic_title: Staffing report\nkind: report\n{front}---\n\n{body}\n"),
        );
        site.write(
            &format!("{folder}/other.md"),
            "---\ntitle: Other report\nkind: report\n---\n\nOfficers will report on the Quokkaplex grievance appeal hearing later.\n",
        );
    };
    let stopped = |label: &str, file: &str, body: &str, address: &str| {
        let site = Site::new(label);
        paper(&site, file, body, "", "Staffing");
        let out = site.build(&[]);
        let err = stderr(&out);
        assert!(!out.status.success(), "the gate let {address} through");
        assert!(
            err.contains(&format!("error: {folder}/{file}.md:2: a title withheld from the public (its public_title hides it)"))
                && err.contains(address)
                && err.contains("rename that file"),
            "{err}"
        );
        assert!(
            !site.out("output").exists(),
            "a stopped build wrote output/"
        );
        // The members' edition has the real title, at the same address.
        let members = site.build(&["--confidential"]);
        assert!(members.status.success(), "{}", stderr(&members));
        let members = site.out("confidential");
        assert!(appears_in(&members, "Quokkaplex grievance appeal hearing"));
    };
    stopped(
        "gate-address-named",
        "quokkaplex-grievance-appeal-hearing",
        "The report may be published.",
        "committees/panel/2021-09-24/quokkaplex-grievance-appeal-hearing/index.html",
    );
    stopped(
        "gate-address-run-together",
        "quokkaplexgrievanceappealhearing",
        "The report may be published.",
        "quokkaplexgrievanceappealhearing",
    );
    let notes = "committees/panel/2021-09-24/files/quokkaplex-grievance-appeal-hearing-notes.txt";
    let site_notes = |label: &str| {
        let site = Site::new(label);
        site.write(&format!("content/{notes}"), "Notes of the hearing.\n");
        site
    };
    let site = site_notes("gate-address-file-shown");
    paper(
        &site,
        "staffing-report",
        "See [the notes](files/quokkaplex-grievance-appeal-hearing-notes.txt).",
        "",
        "Staffing",
    );
    let err = stderr(&site.build(&[]));
    assert!(
        err.contains(notes) && err.contains("public_title hides"),
        "{err}"
    );

    // The controls. Named after its public title, with its own text and another
    // report repeating the real title, it builds under the public title.
    let open = Site::new("gate-address-open");
    paper(
        &open,
        "staffing-report",
        "This report on the Quokkaplex grievance appeal hearing may be published.",
        "",
        "Staffing",
    );
    // Another committee's paper named with the same words is not this paper's address:
    // the title is looked for in its own meeting's addresses (and its follow-up's).
    open.committee("board", "Board");
    meeting(
        &open,
        "board",
        "2021-09-20",
        "2021-09-10",
        "  - title: Hearings\n    documents: [quokkaplex-grievance-appeal-hearing-policy.md]\n",
    );
    open.write(
        "content/committees/board/2021-09-20/quokkaplex-grievance-appeal-hearing-policy.md",
        "---\ntitle: Hearings policy\nkind: report\n---\n\nThe policy.\n",
    );
    assert_published(&open, "Staffing report");
    assert_publishes_file(
        &open,
        "committees/panel/2021-09-24/staffing-report/index.html",
    );
    assert_publishes_file(
        &open,
        "committees/board/2021-09-20/quokkaplex-grievance-appeal-hearing-policy/index.html",
    );
    // An item that shows the real title has made it public.
    let item = site_notes("gate-address-item-titled");
    paper(
        &item,
        "staffing-report",
        "See [the notes](files/quokkaplex-grievance-appeal-hearing-notes.txt).",
        "",
        "Quokkaplex grievance appeal hearing",
    );
    assert_publishes_file(&item, notes);
    // A lapsed exemption beside the public title publishes the real title.
    let lapsed = Site::new("gate-address-lapsed");
    paper(
        &lapsed,
        "quokkaplex-grievance-appeal-hearing",
        "The report may be published.",
        "exempt: { paragraphs: [1], until: 2021-10-01 }\n",
        "Staffing",
    );
    assert_published(&lapsed, "Quokkaplex grievance appeal hearing");
}

/// Round 24 attacked the rule above. A file name gives a title in other forms than the
/// gate read it in: `&` dropped (read "and"), an apostrophe's letter joined to its word
/// in a title too long for the joined forms of short ones, a letter such as `ł` written
/// plainly as quire asks file names to be, `%20` for a space, and a title of two words
/// (a person's name). Each is refused, naming the address; the members' edition builds.
#[test]
fn a_hidden_title_is_found_in_the_forms_a_file_name_gives_it() {
    let cases = [
        (
            "Quokkaplex & Zorblax fostering complaint",
            "quokkaplex-zorblax-fostering-complaint.md",
        ),
        (
            "Review of the complaint about Mr Quokkaplex's foster carers",
            "review-of-the-complaint-about-mr-quokkaplexs-foster-carers.md",
        ),
        (
            "Complaint from Łukasz Quokkaplex",
            "complaint-from-lukasz-quokkaplex.md",
        ),
        ("Quokkaplex complaint", "quokkaplex-complaint.md"),
        (
            "Quokkaplex family complaint review",
            "files/Quokkaplex%20family%20complaint%20review.pdf",
        ),
        // Round 25: capitals and figures running words together, a German spelling, and
        // an apostrophe inside a name in a long title.
        ("Quokkaplex complaint", "files/QuokkaplexComplaintFinal.pdf"),
        (
            "Complaint from Jürgen Müller",
            "complaint-from-juergen-mueller.md",
        ),
        (
            "Complaint from Sa'id Quokkaplex about the foster carers",
            "complaint-from-said-quokkaplex-about-the-foster-carers.md",
        ),
    ];
    for (i, (title, file)) in cases.into_iter().enumerate() {
        let site = Site::new(&format!("gate-address-form-{i}"));
        let folder = "committees/panel/2021-09-24";
        let listing = if file.ends_with(".pdf") {
            site.pdf(&format!("content/{folder}/{file}"));
            format!(
                "      - {{ file: \"{file}\", title: \"{title}\", public_title: Complaint about a foster carer }}\n"
            )
        } else {
            site.write(
                &format!("content/{folder}/{file}"),
                &format!("---\ntitle: \"{title}\"\npublic_title: Complaint about a foster carer\nkind: report\n---\n\nThe report may be published.\n"),
            );
            format!("      - {file}\n")
        };
        meeting(
            &site,
            "panel",
            "2021-09-24",
            "2021-09-16",
            &format!("  - title: Complaint\n    documents:\n{listing}"),
        );
        let out = site.build(&[]);
        let err = stderr(&out);
        let address = file.trim_end_matches(".md");
        assert!(
            !out.status.success()
                && err.contains("its public_title hides it")
                && err.contains(&format!("{folder}/{address}")),
            "{title}: {err}"
        );
        let members = site.build(&["--confidential"]);
        assert!(members.status.success(), "{}", stderr(&members));
    }
}

/// Round 24, continued. A report saved in the folder of the meeting it was meant for and
/// taken at the next one is part of the next one's papers; the same words hidden earlier
/// on an exempt item do not stop them being looked for here; an appendix listed twice is
/// named everywhere by the public title one listing gives it, so the other listing's
/// title is hidden too. Each is refused. The controls: a later paper whose own public
/// title holds the words may be named with them; the next meeting's papers are not
/// looked through.
#[test]
fn a_hidden_title_is_looked_for_in_every_address_its_meeting_shows() {
    let july = |site: &Site, items: &str| meeting(site, "panel", "2021-07-02", "2021-06-24", items);
    let september =
        |site: &Site, items: &str| meeting(site, "panel", "2021-09-24", "2021-09-16", items);
    let report = |site: &Site, path: &str, front: &str| {
        site.write(
            &format!("content/committees/panel/{path}.md"),
            &format!("---\n{front}kind: report\n---\n\nThe report may be published.\n"),
        );
    };
    let hidden =
        "title: Quokkaplex complaint review\npublic_title: Complaint about a foster carer\n";
    let refused = |site: &Site, address: &str| {
        let out = site.build(&[]);
        let err = stderr(&out);
        assert!(
            !out.status.success()
                && err.contains("its public_title hides it")
                && err.contains(address),
            "{address}: {err}"
        );
    };
    let deferred = Site::new("gate-address-deferred");
    july(&deferred, "  - title: Apologies for absence\n");
    report(&deferred, "2021-07-02/quokkaplex-complaint-review", hidden);
    september(
        &deferred,
        "  - title: Complaint\n    documents: [../2021-07-02/quokkaplex-complaint-review.md]\n",
    );
    refused(
        &deferred,
        "committees/panel/2021-07-02/quokkaplex-complaint-review/index.html",
    );

    let earlier = Site::new("gate-address-hidden-earlier");
    july(
        &earlier,
        "  - title: Quokkaplex complaint review\n    public_title: Complaint about a foster carer\n    exempt: [1]\n",
    );
    report(&earlier, "2021-09-24/quokkaplex-complaint-review", hidden);
    september(
        &earlier,
        "  - title: Complaint\n    documents: [quokkaplex-complaint-review.md]\n",
    );
    refused(
        &earlier,
        "committees/panel/2021-09-24/quokkaplex-complaint-review/index.html",
    );

    let twice = Site::new("gate-address-listed-twice");
    let pdf = "files/quokkaplex-household-support-plan.pdf";
    twice.pdf(&format!("content/committees/panel/2021-09-24/{pdf}"));
    september(
        &twice,
        &format!(
            "  - title: Support\n    documents:\n      - {{ file: {pdf}, title: Quokkaplex family support arrangements, public_title: Support plan }}\n  - title: Support again\n    documents:\n      - {{ file: {pdf}, title: Quokkaplex household support plan }}\n"
        ),
    );
    refused(&twice, &format!("committees/panel/2021-09-24/{pdf}"));

    // The controls. November's report, titled with the words in public (after
    // September's paper) and saved in September's folder, may be named with them.
    let later = Site::new("gate-address-later-title");
    report(&later, "2021-09-24/complaint-about-a-foster-carer", hidden);
    september(
        &later,
        "  - title: Complaint\n    documents: [complaint-about-a-foster-carer.md]\n",
    );
    let november = |site: &Site, items: &str| {
        meeting(site, "panel", "2021-11-05", "2021-09-28", items);
    };
    november(
        &later,
        "  - title: Quokkaplex complaint review outcome\n    documents: [../2021-09-24/quokkaplex-complaint-review-outcome.md]\n",
    );
    report(
        &later,
        "2021-09-24/quokkaplex-complaint-review-outcome",
        "title: Quokkaplex complaint review outcome\n",
    );
    assert_publishes_file(
        &later,
        "committees/panel/2021-09-24/quokkaplex-complaint-review-outcome/index.html",
    );
    // The next meeting's routine paper is named as it always was, whatever September's
    // working title was (round 25).
    let routine = Site::new("gate-address-routine");
    report(
        &routine,
        "2021-09-24/workforce-report",
        "title: Staffing update\npublic_title: Workforce report\n",
    );
    september(
        &routine,
        "  - title: Workforce\n    documents: [workforce-report.md]\n",
    );
    november(
        &routine,
        "  - title: Staffing\n    documents: [staffing-update.md]\n",
    );
    report(
        &routine,
        "2021-11-05/staffing-update",
        "title: Workforce figures\n",
    );
    assert_publishes_file(
        &routine,
        "committees/panel/2021-11-05/staffing-update/index.html",
    );
}
