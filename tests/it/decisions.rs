//! Decisions (issue 10): a record for every resolution in the minutes, the regulation 12
//! record of executive decisions and their call-in, officers' decisions, the register,
//! its feed (parsed as XML) and its spreadsheet. Canaries stand in what the public may
//! not read, scanned in every public byte, with the members' edition as the control.

use crate::common::scan::{found_in, missing_from};
use crate::common::site::{Site, meeting};
use crate::common::{build, read, stderr};

const PANEL: &str = "content/committees/panel";

fn both(site: &Site, as_of: &str) {
    for extra in [&[][..], &["--confidential"][..]] {
        let out = build(site.path(), as_of, extra);
        assert!(out.status.success(), "{}", stderr(&out));
    }
}

/// An executive panel: a public decision published on Friday 15 October 2021, an exempt
/// one with a public summary, an urgent one and one called in; two officers' decisions.
fn site() -> Site {
    let site = Site::new("decisions");
    site.write(
        &format!("{PANEL}/committee.yaml"),
        "name: Cabinet\nexecutive: true\nmembers:\n  - { member: a-chair, role: Leader }\n  - { member: b-vice }\n",
    );
    meeting(
        &site,
        "panel",
        "2021-10-13",
        "2021-10-05",
        r#"  - title: Residential care
    decision:
      published: 2021-10-15
      reasons: More children can live near home.
      alternatives: Buying places from other providers.
      interests: None declared.
  - title: Acquisition of a property
    exempt: [3]
    minutes_summary: "**Resolved:** That the property be acquired."
    decision:
      published: 2021-10-15
      reasons: CANARY_EXEMPT_REASONS
      alternatives: CANARY_EXEMPT_ALTERNATIVES
  - title: Grant application
    decision:
      published: 2021-10-14
      urgent: The grant closes on 20 October 2021.
  - title: School transport
    decision:
      published: 2021-10-15
      called_in: { on: 2021-10-20, by: Five members of the scrutiny committee, outcome: No further action. }
"#,
    );
    site.write(
        &format!("{PANEL}/2021-10-13/minutes.md"),
        "---\ntitle: Minutes\nkind: minutes\nstatus: approved\n---\n\n## 1 Residential care\n\n**Resolved:** That the plan be approved.\n\n## 2 Acquisition of a property\n\n**Resolved:** That the property be bought for CANARY_EXEMPT_PRICE.\n\n## 3 Grant application\n\n**Resolved:** That the application be made.\n\n## 4 School transport\n\n**Resolved:** That the new routes start in January.\n\n**Resolved:** That the routes be reviewed after a year.\n",
    );
    site.write(
        "content/decisions/2021-10-20-allowances.md",
        "---\ntitle: Foster carers' allowances\ndecision_maker: { name: Jane Doe, post: Corporate Director }\ndate: 2021-10-20\npublished: 2021-10-21\nreasons: The national minimum rose.\n---\n\nTo raise the allowances by 1.5 per cent.\n",
    );
    site.write(
        "content/decisions/2021-10-22-contract.md",
        "---\ntitle: Award of the visiting contract\ndecision_maker: { name: Jane Doe, post: Corporate Director }\ndate: 2021-10-22\npublished: 2021-10-22\nexempt: [3]\nreasons: CANARY_OFFICER_REASONS\n---\n\nTo award the contract at CANARY_OFFICER_PRICE a year.\n",
    );
    site.write(
        "content/decisions/2021-10-25-draft.md",
        "---\ntitle: CANARY_DRAFT_DECISION_TITLE\ndecision_maker: { name: Jane Doe }\ndate: 2021-10-25\ndraft: true\n---\n\nCANARY_DRAFT_DECISION_TEXT\n",
    );
    site
}

#[test]
fn exempt_decisions_show_only_what_is_public() {
    let site = site();
    both(&site, "2021-11-01");
    let secret: Vec<String> = [
        "CANARY_EXEMPT_REASONS",
        "CANARY_EXEMPT_ALTERNATIVES",
        "CANARY_EXEMPT_PRICE",
        "CANARY_OFFICER_REASONS",
        "CANARY_OFFICER_PRICE",
        "CANARY_DRAFT_DECISION_TITLE",
        "CANARY_DRAFT_DECISION_TEXT",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(found_in(&site.out("output"), &secret), vec![]);
    assert_eq!(
        missing_from(&site.out("confidential"), &secret),
        Vec::<String>::new()
    );
    let exempt = site.text("output/decisions/panel/2021-10-13/2/index.html");
    assert!(
        exempt.contains("Resolved: That the property be acquired."),
        "{exempt}"
    );
    assert!(
        exempt.contains("The record of this decision beyond its wording is exempt."),
        "{exempt}"
    );
    let officer = site.text("output/decisions/officers/2021-10-22-exempt-1/index.html");
    assert!(
        officer.contains("Award of the visiting contract"),
        "{officer}"
    );
    assert!(
        officer.contains("The decision is exempt and is not published."),
        "{officer}"
    );
}

#[test]
fn an_executive_decision_shows_its_record_and_call_in() {
    let site = site();
    both(&site, "2021-10-18");
    let page = site.text("output/decisions/panel/2021-10-13/1/index.html");
    for wanted in [
        "Decision maker Cabinet",
        "Meeting Cabinet, Wednesday 13 October 2021 , minute 1",
        "Published Friday 15 October 2021",
        "Call-in deadline 4.00pm on Friday 22 October 2021",
        "Effective from Monday 25 October 2021, unless it is called in",
        "Decision Resolved: That the plan be approved.",
        "Reasons for the decision More children can live near home.",
        "Alternative options considered and rejected Buying places from other providers.",
        "Conflicts of interest declared None declared.",
    ] {
        assert!(page.contains(wanted), "{wanted:?} in {page}");
    }
    // Decisions share titles across meetings: the window's title says whose and when.
    let raw = std::fs::read_to_string(
        site.path()
            .join("output/decisions/panel/2021-10-13/1/index.html"),
    )
    .expect("the decision's page");
    assert!(
        raw.contains(", Cabinet, Wednesday 13 October 2021 - "),
        "{raw}"
    );
    let urgent = site.text("output/decisions/panel/2021-10-13/3/index.html");
    assert!(
        urgent.contains("Not subject to call-in: taken as a matter of urgency. The grant closes on 20 October 2021. Effective from Thursday 14 October 2021, on publication"),
        "{urgent}"
    );
    let called = site.text("output/decisions/panel/2021-10-13/4/index.html");
    assert!(
        called.contains("Called in Wednesday 20 October 2021 by Five members of the scrutiny committee Outcome No further action."),
        "{called}"
    );
    // Two resolutions under one minute are two records.
    let second = site.text("output/decisions/panel/2021-10-13/4-2/index.html");
    assert!(
        second.contains("That the routes be reviewed after a year."),
        "{second}"
    );
    // The meeting's agenda links each item to its decisions.
    let meeting = read(&site.out("output/committees/panel/2021-10-13/index.html"));
    assert!(
        meeting.contains("href=\"/decisions/panel/2021-10-13/4-2/\""),
        "{meeting}"
    );
}

#[test]
fn the_register_its_spreadsheet_and_its_feed() {
    let site = site();
    both(&site, "2021-11-01");
    let register = site.text("output/decisions/index.html");
    // Newest first: the officers' decisions, then Cabinet's in the order of its minutes.
    let order: Vec<usize> = [
        "Award of the visiting contract",
        "Foster carers' allowances",
        "Residential care",
        "Acquisition of a property",
        "Grant application",
    ]
    .iter()
    .map(|t| {
        register
            .find(t)
            .unwrap_or_else(|| panic!("{t} in {register}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{register}");
    assert!(!register.contains("CANARY_DRAFT"), "{register}");

    let csv = read(&site.out("output/decisions/decisions.csv"));
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "date,reference,title,decision_maker,key_decision,call_in_deadline,effective_from,status,url"
    );
    assert!(lines.contains(&"2021-10-13,\"Cabinet, 13 October 2021, minute 1\",Residential care,Cabinet,,2021-10-22,2021-10-25,In effect from Monday 25 October 2021,https://papers.example.gov.uk/decisions/panel/2021-10-13/1/"), "{csv}");
    assert_eq!(
        lines.len(),
        1 + 7 + 1,
        "a header, seven decisions and the last line end: {csv}"
    );

    // The feed is well-formed Atom with the elements RFC 4287 requires.
    let xml = read(&site.out("output/decisions/feed.xml"));
    let doc = roxmltree::Document::parse(&xml).expect("the feed is well-formed XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    for required in ["id", "title", "updated"] {
        assert!(
            feed.children().any(|c| c.tag_name().name() == required),
            "feed {required}"
        );
    }
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .collect();
    assert_eq!(entries.len(), 7);
    for e in &entries {
        for required in ["id", "title", "updated", "link"] {
            assert!(
                e.children().any(|c| c.tag_name().name() == required),
                "entry {required}"
            );
        }
    }
}

#[test]
fn a_decision_is_not_public_before_its_minutes_and_papers() {
    let site = site();
    // The meeting's papers are out, its minutes not yet written on 6 October.
    std::fs::remove_file(site.out(&format!("{PANEL}/2021-10-13/minutes.md"))).unwrap();
    both(&site, "2021-10-06");
    assert!(!site.out("output/decisions/panel").exists());
    // An officer's decision is public from its published day, not before.
    let out = build(site.path(), "2021-10-21", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        site.out("output/decisions/officers/2021-10-20-allowances/index.html")
            .exists()
    );
    assert!(
        !site
            .out("output/decisions/officers/2021-10-22-exempt-1/index.html")
            .exists()
    );
}

#[test]
fn a_decision_that_is_both_urgent_and_called_in_is_refused() {
    let site = site();
    let yaml = site.out(&format!("{PANEL}/2021-10-13/meeting.yaml"));
    let bad = read(&yaml).replace(
        "      urgent: The grant closes on 20 October 2021.",
        "      urgent: The grant closes on 20 October 2021.\n      called_in: { on: 2021-10-20 }",
    );
    std::fs::write(&yaml, bad).unwrap();
    let out = build(site.path(), "2021-11-01", &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("content/committees/panel/2021-10-13/meeting.yaml:22: the decision is recorded as called in, but also as not subject to call-in"),
        "{err}"
    );
}

/// The forward plan entry CYPS/09/21, first published on 1 October 2021, and the
/// allowances decision of 20 October with `key` written under its date: the decision's
/// file and its new text.
fn allowances_as_key_decision(site: &Site, key: &str) -> (std::path::PathBuf, String) {
    site.write(
        "content/forward-plan/cyps-09-21.yaml",
        "ref: CYPS/09/21\nmatter: Foster carers' allowances\ndecision_maker: Corporate Director\nexpected: 2021-10-20\nfirst_published: 2021-10-01\n",
    );
    let file = site.out("content/decisions/2021-10-20-allowances.md");
    let text = read(&file).replace("date: 2021-10-20\n", &format!("date: 2021-10-20\n{key}"));
    std::fs::write(&file, &text).unwrap();
    (file, text)
}

#[test]
fn an_officers_key_decision_keeps_the_notice_rules_of_a_meeting() {
    let site = site();
    let (file, with_key) = allowances_as_key_decision(&site, "key_decision: CYPS/09/21\n");
    // First published 1 October, taken 20 October: 18 clear days, not 28.
    let out = build(site.path(), "2021-11-01", &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("content/decisions/2021-10-20-allowances.md:"),
        "{err}"
    );
    assert!(err.contains("18 clear days"), "{err}");
    // The general exception route, with its notice five clear working days before.
    let routed = with_key.replace(
        "key_decision: CYPS/09/21\n",
        "key_decision:\n  plan: CYPS/09/21\n  general_exception: { notice_published: 2021-10-12, scrutiny_chair: Councillor C Hunt, reasons: The uplift is due from 1 October. }\n",
    );
    std::fs::write(&file, routed).unwrap();
    let out = build(site.path(), "2021-11-01", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.text("output/decisions/officers/2021-10-20-allowances/index.html");
    assert!(
        page.contains("Key decision Yes: forward plan entry CYPS/09/21"),
        "{page}"
    );
}

/// An officer's key decision taken by an exception route: its general exception notice
/// goes out before the decision, its special urgency decision joins the regulation 19
/// list, and the forward plan entry it takes is shown as decided. A withheld decision's
/// notice names it by its public title and its day, as its record does, and a draft's
/// notice is the members' only.
#[test]
fn an_officers_exception_route_is_published_as_its_notice() {
    let site = site();
    allowances_as_key_decision(
        &site,
        "key_decision:\n  plan: CYPS/09/21\n  general_exception: { notice_published: 2021-10-12, scrutiny_chair: Councillor C Hunt, reasons: The uplift is due from 1 October. }\n",
    );
    site.write(
        "content/decisions/2021-10-21-quokkavale-home-placement.md",
        "---\ntitle: CANARY_URGENT_TITLE Quokkavale home placement\npublic_title: An urgent placement\ndecision_maker: { name: Jane Doe, post: Corporate Director }\ndate: 2021-10-21\npublished: 2021-10-29\nexempt: [1]\nkey_decision:\n  special_urgency: { agreed_by: Councillor D Ash, agreed_as: Chair of the Scrutiny Committee, agreed_on: 2021-10-20, reasons: The placement could not wait. }\n---\n\nCANARY_URGENT_TEXT\n",
    );
    site.write(
        "content/decisions/2021-10-26-draft-route.md",
        "---\ntitle: CANARY_DRAFT_ROUTE_TITLE\ndecision_maker: { name: Jane Doe }\ndate: 2021-10-26\ndraft: true\nkey_decision:\n  general_exception: { notice_published: 2021-10-18, scrutiny_chair: Councillor C Hunt, reasons: CANARY_DRAFT_ROUTE_REASONS }\n---\n\nText.\n",
    );
    // Not exempt, but its title hidden by a public title: the file's name is not shown.
    site.write(
        "content/decisions/2021-10-27-wombatcrest-lease.md",
        "---\ntitle: Wombatcrest lease renewal\npublic_title: A lease renewal\ndecision_maker: { name: Jane Doe, post: Corporate Director }\ndate: 2021-10-27\nkey_decision:\n  general_exception: { notice_published: 2021-10-19, scrutiny_chair: Councillor C Hunt, reasons: The lease ends on 31 October. }\n---\n\nTo renew the lease.\n",
    );
    let general = "notices/officer-decisions/2021-10-20-allowances-general-exception/index.html";
    let urgent = "notices/officer-decisions/2021-10-21/1-special-urgency/index.html";

    // 13 October: the general exception notice is out, a week before the decision.
    let out = build(site.path(), "2021-10-13", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let notice = site.text(&format!("output/{general}"));
    for words in [
        "General exception notice: Foster carers' allowances",
        "Decision of Jane Doe, Corporate Director, Wednesday 20 October 2021",
        "The uplift is due from 1 October.",
        "Councillor C Hunt",
    ] {
        assert!(notice.contains(words), "{words} not in {notice}");
    }
    // The record is not out yet, so the notice does not link to it.
    let html = read(&site.out(&format!("output/{general}")));
    assert!(
        !html.contains("/decisions/officers/2021-10-20-allowances/"),
        "{html}"
    );
    assert!(!site.out(&format!("output/{urgent}")).exists());
    let entry = site.text("output/forward-plan/cyps-09-21/index.html");
    assert!(!entry.contains("Decided on"), "{entry}");

    // 1 November: both decisions are taken and their records out.
    both(&site, "2021-11-01");
    let html = read(&site.out(&format!("output/{general}")));
    assert!(
        html.contains("href=\"/decisions/officers/2021-10-20-allowances/\""),
        "{html}"
    );
    let entry = site.text("output/forward-plan/cyps-09-21/index.html");
    assert!(
        entry.contains("Decided on Wednesday 20 October 2021"),
        "{entry}"
    );
    assert!(
        entry.contains("Foster carers' allowances (taken under general exception)"),
        "{entry}"
    );
    let html = read(&site.out("output/forward-plan/cyps-09-21/index.html"));
    assert!(
        html.contains(
            "<a href=\"/decisions/officers/2021-10-20-allowances/\">Decision of Jane Doe"
        ),
        "{html}"
    );
    let notice = site.text(&format!("output/{urgent}"));
    for words in [
        "Special urgency notice: An urgent placement",
        "Councillor D Ash, Chair of the Scrutiny Committee, on Wednesday 20 October 2021",
        "The placement could not wait.",
    ] {
        assert!(notice.contains(words), "{words} not in {notice}");
    }
    let html = read(&site.out(&format!("output/{urgent}")));
    assert!(
        html.contains("href=\"/decisions/officers/2021-10-21-exempt-1/\""),
        "{html}"
    );
    let list = read(&site.out("output/notices/special-urgency/index.html"));
    assert!(list.contains("<h2>2021/22</h2>"), "{list}");
    assert!(
        list.contains(&format!(
            "<a href=\"/{}\">An urgent placement</a>",
            urgent.trim_end_matches("index.html")
        )),
        "{list}"
    );
    // Each record says it is a key decision, how it was taken and links to its notice:
    // the urgent one too, though it names no forward plan entry.
    let record = site.text("output/decisions/officers/2021-10-20-allowances/index.html");
    assert!(
        record.contains("Key decision Yes: forward plan entry CYPS/09/21")
            && record.contains("taken under general exception"),
        "{record}"
    );
    let record = site.text("output/decisions/officers/2021-10-21-exempt-1/index.html");
    assert!(
        record.contains("Key decision Yes, taken under special urgency"),
        "{record}"
    );
    let html = read(&site.out("output/decisions/officers/2021-10-21-exempt-1/index.html"));
    assert!(
        html.contains(&format!(
            "<a href=\"/{}\">special urgency</a>",
            urgent.trim_end_matches("index.html")
        )),
        "{html}"
    );
    let register = read(&site.out("output/decisions/decisions.csv"));
    assert!(register.contains(",special urgency,"), "{register}");
    assert!(
        register.contains(",\"CYPS/09/21, general exception\","),
        "{register}"
    );
    let notices = site.text("output/notices/index.html");
    assert!(notices.contains("Foster carers' allowances"), "{notices}");
    assert!(notices.contains("An urgent placement"), "{notices}");
    let lease = "output/notices/officer-decisions/2021-10-27/1-general-exception/index.html";
    assert!(
        site.text(lease)
            .contains("General exception notice: A lease renewal")
    );

    let secret: Vec<String> = [
        "CANARY_URGENT_TITLE",
        "CANARY_URGENT_TEXT",
        "CANARY_DRAFT_ROUTE_TITLE",
        "CANARY_DRAFT_ROUTE_REASONS",
        "quokkavale",
        "Wombatcrest",
        "wombatcrest",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(found_in(&site.out("output"), &secret), vec![]);
    assert_eq!(
        missing_from(&site.out("confidential"), &secret),
        Vec::<String>::new()
    );
    // Members read the notices under the file names, the draft's among them.
    for page in [
        "notices/officer-decisions/2021-10-21-quokkavale-home-placement-special-urgency/index.html",
        "notices/officer-decisions/2021-10-26-draft-route-general-exception/index.html",
    ] {
        assert!(
            site.out(&format!("confidential/{page}")).exists(),
            "no {page}"
        );
    }
}
