//! The forward plan and the notice rules of SI 2012/2089 (issue 10, parts 5 and 6):
//! what a reader sees of the plan, its entries, the notices and the feed, what an officer
//! reads when a notice period is short, and that nothing private or not yet published
//! reaches any public byte.
//!
//! One site, built on 1 October 2021: a Cabinet (`executive: true`) that met on 24
//! September 2021 and took four key decisions, one on time, one in private, one under
//! the general exception and one under special urgency; and a plan with an entry still to
//! come and one not yet published. Canaries (`CANARY_…`) stand in every field the public
//! may not read; each is looked for in every byte of the public build and found in the
//! members' edition, which proves the scan can see it.

use crate::common;
use crate::common::scan::{found_in, missing_from};
use crate::common::site::Site;

/// The exempt report and real title of the private item: never public.
const EXEMPT_BODY: &str = "CANARY_FP_EXEMPT_BODY";
const EXEMPT_TITLE: &str = "CANARY_FP_EXEMPT_TITLE";
/// The exemption's public interest statement: members only.
const STATEMENT: &str = "CANARY_FP_STATEMENT";
/// An entry first published after the build date, and a change to an entry made after it.
const UNPUBLISHED_ENTRY: &str = "CANARY_FP_UNPUBLISHED_ENTRY";
const FUTURE_CHANGE: &str = "CANARY_FP_FUTURE_CHANGE";
/// A private meeting's further notice, dated after the build date.
const FUTURE_FINAL: &str = "CANARY_FP_FUTURE_REPRESENTATIONS";

const CABINET: &str = "name: Cabinet\nexecutive: true\nmembers:\n  - { member: a-chair, role: Leader }\n  - { member: b-vice }\n";

const MEETING: &str = r#"date: 2021-09-24
time: "10:00"
venue: Council Chamber
status: held
agenda_published: 2021-09-16
private_notice:
  first: 2021-08-26
  final: 2021-09-16
  reasons: The price of a property is discussed.
  representations: None received.
  response: None needed.
items:
  - title: Apologies for absence
  - title: Budget for new children's homes
    key_decision: KD/01/21
  - title: Children's services update
    key_decision:
      plan: KD/03/21
      general_exception:
        notice_published: 2021-09-16
        scrutiny_chair: Councillor Scrutiny Chair
        reasons: Ofsted's letter arrived late.
  - title: Response to the national review
    key_decision:
      plan: KD/04/21
      special_urgency:
        agreed_by: Councillor Scrutiny Chair
        agreed_as: Chair of the Children's Scrutiny Committee
        agreed_on: 2021-09-20
        reasons: The government's deadline is 30 September.
  - title: Exclusion of the public
    body: The public may be excluded for the next item.
  - title: Purchase of CANARY_FP_EXEMPT_TITLE
    public_title: A property matter
    exempt: { paragraphs: [3], reason: "CANARY_FP_STATEMENT" }
    key_decision: KD/02/21
    body: The price agreed is CANARY_FP_EXEMPT_BODY, below the asking price.
"#;

fn entry(reference: &str, matter: &str, first: &str, expected: &str, extra: &str) -> String {
    format!(
        "ref: {reference}\nmatter: \"{matter}\"\ndecision_maker: cabinet\nexpected: {expected}\ndocuments:\n  - Report of the Corporate Director\nhow_to_get: From Democratic Services.\nrepresentations: Write to the lead officer.\nlead_officer: {{ name: Pat Officer, post: Head of Service, email: pat@example.gov.uk }}\nfirst_published: {first}\n{extra}"
    )
}

fn site() -> Site {
    let site = Site::new("forward-plan");
    site.write(
        "site.toml",
        "title = \"Committee papers\"\ncouncil = \"Test Borough Council\"\nbase_url = \"https://papers.example.gov.uk\"\nlanguage = \"en-GB\"\njurisdiction = \"england\"\n\n[forward_plan]\nfrom = 2021-01-01\n",
    );
    site.write("content/committees/cabinet/committee.yaml", CABINET);
    site.write(
        "content/committees/cabinet/2021-09-24/meeting.yaml",
        MEETING,
    );
    let plan = "content/forward-plan";
    site.write(
        &format!("{plan}/kd-01-21.yaml"),
        &entry(
            "KD/01/21",
            "Budget for new children's homes",
            "2021-08-26",
            "2021-09-24",
            "history:\n  - { date: 2021-09-01, change: Expected date moved to 24 September 2021. }\n  - { date: 2021-11-01, change: CANARY_FP_FUTURE_CHANGE }\n",
        ),
    );
    site.write(
        &format!("{plan}/kd-02-21.yaml"),
        &entry(
            "KD/02/21",
            "Purchase of a property for a children's home",
            "2021-08-20",
            "2021-09-24",
            "private:\n  paragraphs: [3]\n  reason: The report gives the price under negotiation.\n",
        ),
    );
    site.write(
        &format!("{plan}/kd-03-21.yaml"),
        &entry(
            "KD/03/21",
            "Children's services update",
            "2021-09-10",
            "2021-09-24",
            "",
        ),
    );
    site.write(
        &format!("{plan}/kd-04-21.yaml"),
        &entry(
            "KD/04/21",
            "Response to the national review",
            "2021-09-21",
            "2021-09-24",
            "",
        ),
    );
    site.write(
        &format!("{plan}/kd-06-21.yaml"),
        &entry(
            "KD/06/21",
            "Short breaks for disabled children",
            "2021-09-01",
            "2021-11-10",
            "",
        ),
    );
    site.write(
        &format!("{plan}/kd-07-21.yaml"),
        &entry(
            "KD/07/21",
            "CANARY_FP_UNPUBLISHED_ENTRY",
            "2021-10-20",
            "2021-12-15",
            "",
        ),
    );
    // A private meeting in November whose further notice is not yet out on 1 October.
    site.write(
        "content/committees/cabinet/2021-11-10/meeting.yaml",
        "date: 2021-11-10\ntime: \"10:00\"\nvenue: Council Chamber\nstatus: scheduled\nagenda_published: 2021-11-02\nprivate_notice:\n  first: 2021-09-30\n  final: 2021-11-02\n  reasons: A contract award is discussed.\n  representations: CANARY_FP_FUTURE_REPRESENTATIONS\nitems:\n  - title: Short breaks for disabled children\n    key_decision: KD/06/21\n  - title: A contract award\n    exempt: [3]\n",
    );
    site
}

fn page(site: &Site, dir: &str, url: &str) -> String {
    common::read(
        &site
            .path()
            .join(dir)
            .join(url.trim_start_matches('/'))
            .join("index.html"),
    )
}

#[test]
fn the_plan_its_entries_and_notices_are_published_and_linked() {
    let site = site();
    common::build_ok(site.path(), common::site::AS_OF, &[]);

    // The current plan: the entry still to come, not the decided ones, not the unpublished.
    let plan = page(&site, "output", "/forward-plan/");
    assert!(plan.contains("href=\"/forward-plan/kd-06-21/\""), "{plan}");
    assert!(plan.contains("Wednesday 10 November 2021"));
    assert!(!plan.contains("KD/01/21") && !plan.contains("KD/07/21"));
    assert!(
        plan.contains("<a href=\"/forward-plan/\">Forward plan</a>"),
        "the menu links the plan"
    );
    let past = page(&site, "output", "/forward-plan/past/");
    for r in ["KD/01/21", "KD/02/21", "KD/03/21", "KD/04/21"] {
        assert!(past.contains(r), "{r} is past: {past}");
    }
    assert!(past.contains("Decided on Friday 24 September 2021"));

    // An entry: its facts, its history so far, and the meeting and item that took it.
    let e = page(&site, "output", "/forward-plan/kd-01-21/");
    assert!(e.contains("Budget for new children&#39;s homes"));
    assert!(e.contains("<a href=\"/committees/cabinet/\">Cabinet</a>"));
    assert!(
        e.contains("Members: Councillor a-chair, Councillor b-vice"),
        "{e}"
    );
    assert!(e.contains("Thursday 26 August 2021: first published in the forward plan"));
    assert!(e.contains("Wednesday 1 September 2021: Expected date moved to 24 September 2021."));
    assert!(e.contains("<a href=\"/committees/cabinet/2021-09-24/\">Cabinet, Friday 24 September 2021</a>: item 2, Budget for new children&#39;s homes"), "{e}");
    assert!(e.contains("Pat Officer, Head of Service"));

    // The private entry: matter, paragraph and reason public; the item by its public title.
    let p = page(&site, "output", "/forward-plan/kd-02-21/");
    assert!(p.contains("Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A"));
    assert!(p.contains("The report gives the price under negotiation."));
    assert!(p.contains("item 6, A property matter"), "{p}");

    // The meeting page links each key decision to its entry, and the routes to their notices.
    let m = page(&site, "output", "/committees/cabinet/2021-09-24/");
    assert!(
        m.contains("Key decision: <a href=\"/forward-plan/kd-01-21/\">KD/01/21</a>"),
        "{m}"
    );
    assert!(m.contains("Key decision: <a href=\"/forward-plan/kd-03-21/\">KD/03/21</a> (taken under <a href=\"/notices/cabinet-2021-09-24-item-3-general-exception/\">general exception</a>)"), "{m}");
    assert!(m.contains("(taken under <a href=\"/notices/cabinet-2021-09-24-item-4-special-urgency/\">special urgency</a>)"));
    assert!(m.contains("Key decision: <a href=\"/forward-plan/kd-02-21/\">KD/02/21</a>"));

    // The notices: each route, and both private meetings (the second's first notice only).
    let notices = page(&site, "output", "/notices/");
    for url in [
        "/notices/cabinet-2021-09-24-item-3-general-exception/",
        "/notices/cabinet-2021-09-24-item-4-special-urgency/",
        "/notices/cabinet-2021-09-24-private-meeting/",
        "/notices/cabinet-2021-11-10-private-meeting/",
    ] {
        assert!(
            notices.contains(&format!("href=\"{url}\"")),
            "{url}: {notices}"
        );
    }
    let ge = page(
        &site,
        "output",
        "/notices/cabinet-2021-09-24-item-3-general-exception/",
    );
    assert!(
        ge.contains("Councillor Scrutiny Chair")
            && ge.contains("Ofsted&#39;s letter arrived late.")
    );
    assert!(ge.contains("regulation 10"));
    let private = page(
        &site,
        "output",
        "/notices/cabinet-2021-09-24-private-meeting/",
    );
    assert!(private.contains("Item 6: A property matter"), "{private}");
    assert!(private.contains("None received.") && private.contains("Paragraph 3:"));
    let later = page(
        &site,
        "output",
        "/notices/cabinet-2021-11-10-private-meeting/",
    );
    assert!(later.contains("A contract award is discussed."));
    assert!(
        !later.contains("Further notice"),
        "the further notice is not out yet"
    );

    // Regulation 19: special urgency decisions by municipal year.
    let su = page(&site, "output", "/notices/special-urgency/");
    assert!(su.contains("<h2>2021/22</h2>"), "{su}");
    assert!(
        su.contains("Response to the national review")
            && su.contains("Chair of the Children&#39;s Scrutiny Committee")
    );

    // The sitemap lists every new page.
    let sitemap = common::read(&site.out("output/sitemap.xml"));
    assert!(sitemap.contains("https://papers.example.gov.uk/forward-plan/kd-06-21/"));
    assert!(sitemap.contains("https://papers.example.gov.uk/notices/special-urgency/"));
}

/// The feed, read with an XML parser and checked against what RFC 4287 requires of an
/// Atom feed and its entries: one id, title and updated each, an author, a link.
/// A decision taken by an exception route says so on its record, with a link to its
/// notice, whether or not it names a forward plan entry.
#[test]
fn a_decisions_record_names_the_route_it_took_and_links_its_notice() {
    let site = site();
    site.write(
        "content/committees/cabinet/2021-09-24/minutes.md",
        "---\ntitle: Minutes\nkind: minutes\nstatus: approved\n---\n\n## 3 Children's services update\n\n**Resolved:** That the update be noted.\n\n## 4 Response to the national review\n\n**Resolved:** That the response be sent.\n\n## 6 A property matter\n\n**Resolved:** That the property be bought.\n",
    );
    common::build_ok(site.path(), common::site::AS_OF, &[]);
    let urgent = page(&site, "output", "/decisions/cabinet/2021-09-24/4/");
    assert!(
        urgent.contains(", taken under <a href=\"/notices/cabinet-2021-09-24-item-4-special-urgency/\">special urgency</a>"),
        "{urgent}"
    );
    let general = page(&site, "output", "/decisions/cabinet/2021-09-24/3/");
    assert!(
        general.contains(", taken under <a href=\"/notices/cabinet-2021-09-24-item-3-general-exception/\">general exception</a>"),
        "{general}"
    );
}

#[test]
fn the_feed_carries_every_notice_as_valid_atom() {
    let site = site();
    common::build_ok(site.path(), common::site::AS_OF, &[]);
    let xml = common::read(&site.out("output/feed.xml"));
    let doc = roxmltree::Document::parse(&xml).expect("the feed is well-formed XML");
    const ATOM: &str = "http://www.w3.org/2005/Atom";
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM));
    fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
        n.children()
            .filter(|c| c.is_element() && c.tag_name().name() == name)
            .collect()
    }
    for name in ["id", "title", "updated"] {
        assert_eq!(child(feed, name).len(), 1, "the feed has one {name}");
    }
    let entries = child(feed, "entry");
    let mut titles = Vec::new();
    for e in &entries {
        for name in ["id", "title", "updated"] {
            assert_eq!(child(*e, name).len(), 1, "an entry has one {name}");
        }
        assert!(!child(*e, "author").is_empty() || !child(feed, "author").is_empty());
        let link = child(*e, "link");
        assert!(link.iter().any(|l| {
            l.attribute("href")
                .is_some_and(|h| h.starts_with("https://"))
        }));
        let updated = child(*e, "updated")[0].text().unwrap_or("");
        assert!(
            updated.len() == 20 && updated.ends_with("T00:00:00Z"),
            "an RFC 3339 date: {updated}"
        );
        titles.push(child(*e, "title")[0].text().unwrap_or("").to_string());
    }
    let ids: std::collections::BTreeSet<_> = entries
        .iter()
        .map(|e| child(*e, "id")[0].text().unwrap_or(""))
        .collect();
    assert_eq!(ids.len(), entries.len(), "entry ids are unique");
    for kind in [
        "General exception notice: Children's services update",
        "Special urgency notice: Response to the national review",
        "Notice of a meeting to be held partly in private: Cabinet, Friday 24 September 2021",
        "Notice of a meeting to be held partly in private: Cabinet, Wednesday 10 November 2021",
    ] {
        assert!(titles.iter().any(|t| t == kind), "{kind} in {titles:?}");
    }
}

#[test]
fn nothing_private_or_unpublished_reaches_the_public_and_members_see_it_all() {
    let site = site();
    let canaries: Vec<String> = [
        EXEMPT_BODY,
        EXEMPT_TITLE,
        STATEMENT,
        UNPUBLISHED_ENTRY,
        FUTURE_CHANGE,
        FUTURE_FINAL,
    ]
    .map(String::from)
    .to_vec();
    common::build_ok(site.path(), common::site::AS_OF, &[]);
    let public = found_in(&site.path().join("output"), &canaries);
    assert!(
        public.is_empty(),
        "withheld text in the public build: {public:?}"
    );
    // The positive control: the members' edition has every one, so the scan can see them.
    common::build_ok(site.path(), common::site::AS_OF, &["--confidential"]);
    let missing = missing_from(&site.path().join("confidential"), &canaries);
    assert!(missing.is_empty(), "the members' edition lacks {missing:?}");
}

/// The line of the first line of `text` that contains `needle`, 1-based.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

fn fails_with(site: &Site) -> String {
    let out = site.build(&[]);
    assert!(!out.status.success(), "the build should fail");
    common::stderr(&out)
}

#[test]
fn a_late_entry_an_unknown_one_and_short_notices_are_errors_with_file_and_line() {
    let site = site();
    // One day short of every period; an unknown reference; a special urgency without its day.
    site.write(
        "content/forward-plan/kd-01-21.yaml",
        &entry(
            "KD/01/21",
            "Budget for new children's homes",
            "2021-08-27",
            "2021-09-24",
            "",
        ),
    );
    let meeting = MEETING
        .replace("first: 2021-08-26", "first: 2021-08-27")
        .replace(
            "notice_published: 2021-09-16",
            "notice_published: 2021-09-17",
        )
        .replace("        agreed_on: 2021-09-20\n", "")
        .replace("key_decision: KD/02/21", "key_decision: KD/2/21");
    site.write(
        "content/committees/cabinet/2021-09-24/meeting.yaml",
        &meeting,
    );
    let err = fails_with(&site);
    let file = "content/committees/cabinet/2021-09-24/meeting.yaml";
    let at = |needle: &str| format!("{file}:{}:", line_of(&meeting, needle));
    let expect = [
        (
            at("key_decision: KD/01/21"),
            "item 2 \"Budget for new children's homes\" takes key decision KD/01/21 on Friday 24 September 2021, but the entry was first published in the forward plan on Friday 27 August 2021: 27 clear days before, 1 short of the 28 regulation 9 requires",
        ),
        (
            // A map's line is its first key's.
            at("plan: KD/03/21"),
            "under the general exception, but the notice was published on Friday 17 September 2021: 4 clear working days before, 1 short of the 5 regulation 10 requires",
        ),
        (
            at("plan: KD/04/21"),
            "item 4 \"Response to the national review\" takes a key decision on Friday 24 September 2021 under special urgency, but does not record agreed_on:",
        ),
        (
            at("key_decision: KD/2/21"),
            "names forward plan entry KD/2/21, but there is no such entry",
        ),
        (
            at("first: 2021-08-27"),
            "the first notice of the private meeting on Friday 24 September 2021 went out on Friday 27 August 2021: 27 clear days before, 1 short of the 28 regulation 5(2) requires",
        ),
    ];
    for (place, message) in expect {
        assert!(
            err.lines()
                .any(|l| l.starts_with(&format!("error: {place}")) && l.contains(message)),
            "expected `{place} … {message}` in:\n{err}"
        );
    }
    assert!(err.contains("hint: did you mean KD/02/21?"), "{err}");
    assert!(
        err.contains("the entry needed first_published: Thursday 26 August 2021 or earlier"),
        "{err}"
    );
    assert!(
        err.contains("publish the notice by Thursday 16 September 2021 at the latest"),
        "{err}"
    );
}

#[test]
fn an_executive_meeting_with_an_exempt_item_needs_private_notice_once_the_plan_is_kept() {
    let site = site();
    let meeting = MEETING.replace(
        "private_notice:\n  first: 2021-08-26\n  final: 2021-09-16\n  reasons: The price of a property is discussed.\n  representations: None received.\n  response: None needed.\n",
        "",
    );
    site.write(
        "content/committees/cabinet/2021-09-24/meeting.yaml",
        &meeting,
    );
    let err = fails_with(&site);
    let line = line_of(&meeting, "exempt: { paragraphs");
    assert!(
        err.contains(&format!("error: content/committees/cabinet/2021-09-24/meeting.yaml:{line}: the meeting on Friday 24 September 2021 will be held partly in private (item 6 \"Purchase of CANARY_FP_EXEMPT_TITLE\" is exempt), but meeting.yaml has no private_notice:")),
        "{err}"
    );
    assert!(
        err.contains("first: 2021-08-26, final: 2021-09-16"),
        "{err}"
    );

    // An archive without forward plan data: no `[forward_plan] from`, no key decisions.
    // An executive meeting with an exempt item builds as it always did.
    site.write(
        "site.toml",
        "title = \"Committee papers\"\ncouncil = \"Test Borough Council\"\nbase_url = \"https://papers.example.gov.uk\"\n",
    );
    site.write(
        "content/committees/cabinet/2021-09-24/meeting.yaml",
        "date: 2021-09-24\ntime: \"10:00\"\nvenue: Council Chamber\nstatus: held\nagenda_published: 2021-09-16\nitems:\n  - title: A property matter\n    exempt: [3]\n",
    );
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
}
