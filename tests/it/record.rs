//! The whole record of a meeting on the web (issue 11): the minute of an exempt item,
//! minutes' approval, papers published after the agenda, urgent items, background papers
//! and the publication record. (The packs are tested in `supplements.rs`.)
//!
//! Each test writes a small site and builds it with the real binary. A canary stands in
//! every field the public may not read; each is looked for in every byte of the public
//! build (pages, JSON, CSV, feeds, search index, packs) and found in the members'
//! edition, which proves the scan can see it.

use crate::common::scan::{found_in, missing_from};
use crate::common::site::{Site, meeting, minutes_taken_next_meeting};
use crate::common::{build, read, stderr};

const PANEL: &str = "content/committees/panel";

/// `site.toml` with `[minutes] publish_drafts` set as given.
fn settings(site: &Site, publish_drafts: bool) {
    site.write(
        "site.toml",
        &format!(
            "title = \"Committee papers\"\ncouncil = \"Test Borough Council\"\nbase_url = \"https://papers.example.gov.uk\"\n\n[minutes]\npublish_drafts = {publish_drafts}\n"
        ),
    );
}

fn public_and_members(site: &Site, as_of: &str) {
    let public = build(site.path(), as_of, &[]);
    assert!(public.status.success(), "{}", stderr(&public));
    let members = build(site.path(), as_of, &["--confidential"]);
    assert!(members.status.success(), "{}", stderr(&members));
}

/// A held meeting on 24 September 2021 whose item 2 is exempt, and its minutes.
fn exempt_minute_site(heading: &str) -> Site {
    let site = Site::new("record-minutes");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Purchase of a home for children\n    exempt: [3]\n    minutes_summary: |-\n      The Panel considered the purchase of a home. CANARY_PUBLIC_SUMMARY\n\n      **Resolved:** That the purchase be approved.\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/minutes.md"),
        &format!("---\ntitle: Minutes of the meeting held on 24 September 2021\nkind: minutes\nstatus: approved\n---\n\n## Apologies for absence\n\nNone.\n\n{heading}\n\nThe price agreed was CANARY_EXEMPT_MINUTE_PRICE.\n\n**Resolved:** That the home be bought for CANARY_EXEMPT_RESOLUTION.\n"),
    );
    site
}

#[test]
fn the_minute_of_an_exempt_item_is_its_notice_and_summary_in_public() {
    let site = exempt_minute_site("## Purchase of a home for children");
    public_and_members(&site, "2021-10-01");
    let secret = [
        "CANARY_EXEMPT_MINUTE_PRICE".to_string(),
        "CANARY_EXEMPT_RESOLUTION".to_string(),
    ];
    assert_eq!(found_in(&site.out("output"), &secret), vec![]);
    // Positive control: the members' edition has the full minute.
    assert_eq!(
        missing_from(&site.out("confidential"), &secret),
        Vec::<String>::new()
    );

    let page = site.text("output/committees/panel/2021-09-24/minutes/index.html");
    assert!(page.contains("2 Purchase of a home for children Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972 Public summary of this minute: The Panel considered the purchase of a home. CANARY_PUBLIC_SUMMARY Resolved: That the purchase be approved."), "{page}");
    let members = site.text("confidential/committees/panel/2021-09-24/minutes/index.html");
    assert!(members.contains("NOT FOR PUBLICATION"), "{members}");
    assert!(members.contains("CANARY_PUBLIC_SUMMARY"), "{members}");
}

#[test]
fn a_minute_numbered_out_of_step_with_the_agenda_stops_the_build() {
    // The officer's heading takes the number of item 1: the exempt minute would be
    // published as minute 1 if quire trusted numbers alone.
    let site = exempt_minute_site("## 1 Purchase of a home for children");
    let out = build(site.path(), "2021-10-01", &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("error: content/committees/panel/2021-09-24/minutes.md:11: minute 1 (\"Purchase of a home for children\") looks like the minute of exempt item 2"),
        "{err}"
    );
    assert!(
        err.contains("## 2 Purchase of a home for children"),
        "{err}"
    );
    assert!(!site.out("output").exists());
}

#[test]
fn a_lapsed_exemption_publishes_the_full_minute() {
    let site = exempt_minute_site("## Purchase of a home for children");
    let yaml = site.out(&format!("{PANEL}/2021-09-24/meeting.yaml"));
    let lapsing = read(&yaml).replace(
        "exempt: [3]",
        "exempt: { paragraphs: [3], until: 2022-01-01 }",
    );
    std::fs::write(&yaml, lapsing).unwrap();
    public_and_members(&site, "2022-01-01");
    let page = site.text("output/committees/panel/2021-09-24/minutes/index.html");
    assert!(page.contains("CANARY_EXEMPT_MINUTE_PRICE"), "{page}");
    assert!(!page.contains("Not for publication"), "{page}");
}

fn minutes_site(front: &str) -> Site {
    let site = Site::new("record-approval");
    minutes_taken_next_meeting(&site, front, "CANARY_MINUTES_TEXT");
    site
}

#[test]
fn draft_minutes_are_not_public_unless_the_site_publishes_drafts() {
    let canary = ["CANARY_MINUTES_TEXT".to_string()];
    let site = minutes_site("status: draft\n");
    public_and_members(&site, "2021-10-01");
    assert_eq!(found_in(&site.out("output"), &canary), vec![]);
    assert_eq!(
        missing_from(&site.out("confidential"), &canary),
        Vec::<String>::new()
    );
    let meeting = site.text("output/committees/panel/2021-09-24/index.html");
    assert!(!meeting.contains("Minutes of 2 July"), "{meeting}");

    settings(&site, true);
    public_and_members(&site, "2021-10-01");
    let page = site.text("output/committees/panel/2021-07-02/minutes/index.html");
    assert!(page.contains("DRAFT: not yet approved."), "{page}");
    assert!(page.contains("CANARY_MINUTES_TEXT"), "{page}");
}

#[test]
fn minutes_are_approved_from_the_day_of_the_meeting_that_approves_them() {
    let site = minutes_site("approved_at: 2021-09-24\npublished: 2021-07-12\n");
    // Before 24 September they are a draft, and the site does not publish drafts.
    public_and_members(&site, "2021-09-20");
    assert_eq!(
        found_in(&site.out("output"), &["CANARY_MINUTES_TEXT".to_string()]),
        vec![]
    );
    public_and_members(&site, "2021-09-24");
    let page = site.text("output/committees/panel/2021-07-02/minutes/index.html");
    assert!(
        page.contains("Approved at the meeting held on Friday 24 September 2021"),
        "{page}"
    );
    assert!(page.contains("Published Monday 12 July 2021."), "{page}");
    let approving = site.text("output/committees/panel/2021-09-24/index.html");
    assert!(
        approving.contains("Minutes approved at this meeting Minutes of 2 July"),
        "{approving}"
    );
    let record: serde_json::Value = serde_json::from_str(&read(
        &site.out("output/committees/panel/2021-07-02/compliance.json"),
    ))
    .unwrap();
    assert_eq!(
        record["minutes"],
        serde_json::json!({
            "published": "Monday 12 July 2021",
            "status": "approved",
            "approved_at": "Corporate Parenting Panel, Friday 24 September 2021"
        })
    );
}

#[test]
fn approved_at_must_name_a_later_meeting_of_the_committee() {
    let site = minutes_site("approved_at: 2021-06-01\n");
    let out = build(site.path(), "2021-10-01", &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("error: content/committees/panel/2021-07-02/minutes.md:4: approved_at: 2021-06-01 is not a meeting of this committee"),
        "{err}"
    );
}

/// An agenda of 16 September, a paper replaced on 20 September and an item added on 22.
fn late_papers_site() -> Site {
    let site = Site::new("record-late");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        r#"  - title: Budget monitoring
    documents: [budget.md, budget-revised.md]
  - title: Roof repairs at the home
    published: 2021-09-22
    urgent: The roof must be made safe before the winter.
    body: CANARY_LATE_ITEM_BODY
"#,
    );
    site.write(
        &format!("{PANEL}/2021-09-24/budget.md"),
        "---\ntitle: Budget monitoring report\nkind: report\nbackground_papers: None\n---\n\nThe first version.\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/budget-revised.md"),
        "---\ntitle: Budget monitoring report (revised)\nkind: report\npublished: 2021-09-20\nreplaces: budget.md\nbackground_papers:\n  - { title: Budget book 2021/22, link: \"https://example.gov.uk/budget\" }\n  - { title: CANARY_EXEMPT_BACKGROUND, inspect: CANARY_EXEMPT_PLACE, exempt: [3] }\n---\n\nCANARY_REVISED_BODY\n",
    );
    site
}

#[test]
fn papers_after_the_agenda_are_public_from_their_own_day() {
    let site = late_papers_site();
    let later = [
        "CANARY_REVISED_BODY".to_string(),
        "CANARY_LATE_ITEM_BODY".to_string(),
    ];
    public_and_members(&site, "2021-09-17");
    assert_eq!(found_in(&site.out("output"), &later), vec![]);
    assert_eq!(
        missing_from(&site.out("confidential"), &later),
        Vec::<String>::new()
    );
    let meeting = site.text("output/committees/panel/2021-09-24/index.html");
    assert!(!meeting.contains("Supplementary"), "{meeting}");
    assert!(!meeting.contains("Roof repairs"), "{meeting}");

    public_and_members(&site, "2021-09-23");
    assert_eq!(
        missing_from(&site.out("output"), &later),
        Vec::<String>::new()
    );
    let meeting = site.text("output/committees/panel/2021-09-24/index.html");
    assert!(
        meeting.contains("Supplementary agenda 1, published 20 September 2021 Item 1: \"Budget monitoring report (revised)\" replaces \"Budget monitoring report\""),
        "{meeting}"
    );
    assert!(
        meeting.contains("Supplementary agenda 2, published 22 September 2021 Item 2 added: \"Roof repairs at the home\""),
        "{meeting}"
    );
    assert!(
        meeting.contains("Urgent business. The chair agreed to consider this item as a matter of urgency because: The roof must be made safe before the winter."),
        "{meeting}"
    );
    let old = site.text("output/committees/panel/2021-09-24/budget/index.html");
    assert!(
        old.contains("Replaced on 20 September 2021 by \"Budget monitoring report (revised)\""),
        "{old}"
    );
    let new = site.text("output/committees/panel/2021-09-24/budget-revised/index.html");
    assert!(
        new.contains("This replaces Budget monitoring report, published with the agenda."),
        "{new}"
    );
}

#[test]
fn background_papers_are_listed_and_exempt_ones_only_for_members() {
    let site = late_papers_site();
    public_and_members(&site, "2021-10-01");
    let secret = [
        "CANARY_EXEMPT_BACKGROUND".to_string(),
        "CANARY_EXEMPT_PLACE".to_string(),
    ];
    assert_eq!(found_in(&site.out("output"), &secret), vec![]);
    assert_eq!(
        missing_from(&site.out("confidential"), &secret),
        Vec::<String>::new()
    );
    let revised = site.text("output/committees/panel/2021-09-24/budget-revised/index.html");
    assert!(
        revised.contains(
            "Background papers Budget book 2021/22. Available at https://example.gov.uk/budget"
        ),
        "{revised}"
    );
    let first = site.text("output/committees/panel/2021-09-24/budget/index.html");
    assert!(first.contains("Background papers None."), "{first}");
}

#[test]
fn the_publication_record_states_what_the_dates_say() {
    let site = late_papers_site();
    public_and_members(&site, "2021-10-01");
    let record: serde_json::Value = serde_json::from_str(&read(
        &site.out("output/committees/panel/2021-09-24/compliance.json"),
    ))
    .unwrap();
    assert_eq!(
        record,
        serde_json::json!({
            "required": 5,
            "agenda": {
                "published": "Thursday 16 September 2021",
                "published_iso": "2021-09-16",
                "clear_working_days": 5,
                "met": true
            },
            "supplements": [
                {
                    "number": 1,
                    "published": "Monday 20 September 2021",
                    "published_iso": "2021-09-20",
                    "clear_working_days": 3,
                    "met": false,
                    "papers": ["Item 1: Budget monitoring report (revised) (replacement paper)"]
                },
                {
                    "number": 2,
                    "published": "Wednesday 22 September 2021",
                    "published_iso": "2021-09-22",
                    "clear_working_days": 1,
                    "met": false,
                    "papers": ["Item 2: Roof repairs at the home (item added)"]
                }
            ],
            "urgent": [{
                "item": "2",
                "title": "Roof repairs at the home",
                "reason": "The roof must be made safe before the winter."
            }],
            "exempt": [],
            "minutes": null
        })
    );
    let page = site.text("output/committees/panel/2021-09-24/index.html");
    assert!(
        page.contains("Supplementary agenda 2 Wednesday 22 September 2021: 1 clear working day before the meeting (fewer than 5)"),
        "{page}"
    );
}

#[test]
fn an_urgent_item_needs_the_chairs_reason_and_a_late_item_without_one_is_warned() {
    let site = Site::new("record-urgent");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Roof repairs\n    published: 2021-09-22\n    urgent: true\n  - title: Late report\n    published: 2021-09-22\n",
    );
    let out = build(site.path(), "2021-10-01", &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("error: content/committees/panel/2021-09-24/meeting.yaml:9: item 1 is marked urgent without the chair's reason"),
        "{err}"
    );
    assert!(
        err.contains("warning: content/committees/panel/2021-09-24/meeting.yaml:10: item 2 was published on 22 September 2021, only 1 clear working days before the meeting"),
        "{err}"
    );
}

#[test]
fn minutes_whose_exempt_minute_cannot_be_found_are_left_out_whole() {
    // The exempt item's minute is written under a bold line, not a numbered heading:
    // quire cannot tell where it ends, so none of the minutes is public while it is exempt.
    let site = exempt_minute_site("**Purchase of a home for children**");
    let out = build(site.path(), "2021-10-01", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning: content/committees/panel/2021-09-24/minutes.md: the minutes have no minute numbered 2 for the exempt item \"Purchase of a home for children\", so the public site leaves these minutes out while it is exempt"),
        "{err}"
    );
    let all = [
        "CANARY_EXEMPT_MINUTE_PRICE".to_string(),
        "CANARY_EXEMPT_RESOLUTION".to_string(),
    ];
    assert_eq!(found_in(&site.out("output"), &all), vec![]);
    assert!(
        !site
            .out("output/committees/panel/2021-09-24/minutes/index.html")
            .exists()
    );
    let members = build(site.path(), "2021-10-01", &["--confidential"]);
    assert!(members.status.success(), "{}", stderr(&members));
    assert_eq!(
        missing_from(&site.out("confidential"), &all),
        Vec::<String>::new()
    );
}

#[test]
fn an_exempt_minute_copied_into_a_public_paper_of_its_meeting_stops_the_build() {
    // The minute is written after the meeting, but it is as old as the meeting for the
    // leak gate: a public paper of that meeting holding its words is the leak.
    let site = exempt_minute_site("## Purchase of a home for children");
    site.write(
        &format!("{PANEL}/2021-09-24/update.md"),
        "---\ntitle: Update\nkind: report\n---\n\nThe price agreed was CANARY_EXEMPT_MINUTE_PRICE.\n",
    );
    let yaml = site.out(&format!("{PANEL}/2021-09-24/meeting.yaml"));
    let with_update = read(&yaml).replace(
        "  - title: Apologies for absence\n",
        "  - title: Apologies for absence\n    documents: [update.md]\n",
    );
    std::fs::write(&yaml, with_update).unwrap();
    let out = build(site.path(), "2021-10-01", &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("error: content/committees/panel/2021-09-24/minutes.md:")
            && err.contains("words withheld from the public (exempt under Schedule 12A paragraph 3) would be published in ")
            && err.contains("committees/panel/2021-09-24/update/index.html"),
        "{err}"
    );
}
