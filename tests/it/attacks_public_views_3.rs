//! Third round on the minutes and gate fixes: `minutes-in-another-folder`
//! (`model::misfiled`), untyped minutes read as minutes (`model::minutes::resolve`),
//! withheld titles never excused by a same-meeting title (`gate::predates`), and forward
//! plan changes dated by the agendas out on their day (`gate::inventory::plan_changes`).
//!
//! Part A: realistic council content that must still build, with the exempt minutes of
//! the meetings around it withheld from the public and shown to members. Those marked
//! `Was a false refusal:` were refused when written; the rules were narrowed since
//! (`misfiled`: dates by title within the committee, other committees only when named,
//! headings matched whole within the committee, never by number alone).
//!
//! Part B: bypasses with plausible officer input, each with a positive control (the
//! members' edition holds the canary, or a contrasting input is refused). Those marked
//! `Was a leak:` published the canary when written and are refused or withheld now.
//! Two that are not caught are described where they were, and in docs/authoring.md.

use crate::common::attack::{assert_refused, assert_withheld, owned};
use crate::common::public_views::{
    CABINET, JULY_ITEMS, NUMBERED, PANEL, PROPERTY_UPDATE, REWORDED, UNNUMBERED,
    assert_builds_withholding, assert_refused_for_julys_heading, assert_refused_for_julys_title,
    cabinet_in_september, executive_cabinet, fostering_minutes_noted, hidden_title_site,
    july_meeting, july_minutes_in_september, key_decision_agenda, placement_minutes,
    private_cabinet_meeting, published, purchase_paper, purchase_plan_entry, secret,
    september_meeting,
};
use crate::common::scan::missing_from;
use crate::common::site::{AS_OF, Site, meeting, paper};
use crate::common::{build, build_ok, example_site, stderr};

/// Minutes of a meeting with `JULY_ITEMS`, titled `title`, with `kind` (a front matter
/// line or ""), the exempt minute holding `canary` under `heads[2]`.
fn minutes(title: &str, kind: &str, heads: [&str; 3], canary: &str) -> String {
    placement_minutes(&format!("title: \"{title}\"\n{kind}"), heads, canary)
}

/// The panel's meeting of `date` (agenda out `published`) with `JULY_ITEMS` and its own
/// minutes.md, whose exempt minute holds `canary`.
fn exempt_meeting_with_minutes(site: &Site, date: &str, published: &str, canary: &str) {
    meeting(site, "panel", date, published, JULY_ITEMS);
    site.write(
        &format!("{PANEL}/{date}/minutes.md"),
        &minutes("Minutes", "kind: minutes\n", NUMBERED, canary),
    );
}

/// A site with Cabinet and the Overview and Scrutiny Committee (which hears call-ins of
/// Cabinet's decisions), both ordinary committees here.
fn cabinet_and_scrutiny(label: &str) -> Site {
    let site = Site::new(label);
    site.committee("cabinet", "Cabinet");
    site.committee("scrutiny", "Overview and Scrutiny Committee");
    site
}

/// Cabinet (an ordinary committee here) and its meeting of 15 September 2021 (agenda out
/// 7 September) with the agenda `items` and its own `minutes`: the other committee's
/// exempt business, a week before the panel's meeting.
fn cabinet_on_15_september(site: &Site, items: &str, minutes: &str) {
    site.committee("cabinet", "Cabinet");
    meeting(site, "cabinet", "2021-09-15", "2021-09-07", items);
    site.write(&format!("{CABINET}/2021-09-15/minutes.md"), minutes);
}

// ============================================================ A. false refusals

/// The example site builds in both editions with the new checks. Held.
#[test]
fn the_example_site_builds_in_both_editions() {
    let site = example_site();
    build_ok(site.path(), "2021-11-01", &[]);
    build_ok(site.path(), "2021-11-01", &["--confidential"]);
}

/// An agenda item titled as last meeting's minutes, with no documents (the minutes were
/// sent separately): an item is not a document, so nothing is checked. July's exempt
/// minute stays withheld. Held.
#[test]
fn an_item_titled_as_last_meetings_minutes_without_documents_builds() {
    let canary = "CANARY_PV3_ITEM_NO_DOCS";
    let site = Site::new("pv3-item-no-docs");
    exempt_meeting_with_minutes(&site, "2021-07-02", "2021-06-24", canary);
    september_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Minutes of the meeting held on 2 July 2021\n    body: The minutes were circulated with the agenda.\n",
    );
    assert_withheld(&site, AS_OF, &[canary]);
}

// Was a false refusal: a report titled "Minutes of the Youth Council, 2 July 2021" (a body quire does not hold) before Children's Scrutiny on 24 Sept is refused (minutes-in-another-folder) because the Corporate Parenting Panel also met, with exempt business, on 2 July.
#[test]
fn another_bodys_minutes_dated_like_an_exempt_meeting_build() {
    let canary = "CANARY_PV3_YOUTH_COUNCIL";
    let site = Site::new("pv3-youth-council");
    site.committee("scrutiny", "Children's Scrutiny Committee");
    exempt_meeting_with_minutes(&site, "2021-07-02", "2021-06-24", canary);
    meeting(
        &site,
        "scrutiny",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Youth Council\n    documents: [youth-council.md]\n",
    );
    site.write(
        "content/committees/scrutiny/2021-09-24/youth-council.md",
        "---\ntitle: Minutes of the Youth Council, 2 July 2021\nkind: report\n---\n\nThe Youth Council met at the Civic Centre and agreed its priorities for the year.\n",
    );
    assert_builds_withholding(&site, AS_OF, &[canary]);
    assert!(
        site.out("output/committees/scrutiny/2021-09-24/youth-council/index.html")
            .exists()
    );
}

/// Another body's minutes, undated, with numbered headings of their own, before a meeting
/// that has exempt business of its own: they are not this meeting's minutes, so they are
/// not read against its agenda. The meeting's own exempt minute stays withheld. Held.
#[test]
fn another_bodys_minutes_before_a_meeting_with_exempt_business_build() {
    let canary = "CANARY_PV3_YOUTH_COUNCIL_EXEMPT_HOST";
    let site = Site::new("pv3-youth-council-host");
    september_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Youth Council\n    documents: [youth-council.md]\n  - title: Exclusion of the public\n  - title: Placement of Child X\n    public_title: An individual placement\n    exempt: [1]\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/youth-council.md"),
        "---\ntitle: Minutes of the Youth Council\nkind: report\n---\n\n## 1 Welcome\n\nThe Chair welcomed new members.\n\n## 2 Youth voice survey\n\nThe results were presented.\n\n## 3 Placements and care leavers\n\nCare leavers spoke about their placements.\n\n## 4 Any other business\n\nNone.\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/minutes.md"),
        &format!(
            "---\ntitle: Minutes\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Youth Council\n\nNoted.\n\n## 3 Exclusion of the public\n\n**Resolved:** That the public be excluded.\n\n## 4 An individual placement\n\nThe Panel discussed {canary}.\n"
        ),
    );
    assert_builds_withholding(&site, AS_OF, &[canary]);
}

/// The extract of Cabinet's decision, in the papers of the scrutiny meeting that hears its
/// call-in, titled as councils title it. Cabinet's own minutes keep their exempt minute.
// Was a false refusal: "Extract from the minutes of Cabinet held on 24 September 2021" (kind: report) in Overview and Scrutiny's call-in meeting of 5 October is refused (minutes-in-another-folder: "their title names the meeting of 24 September 2021 of Cabinet, which had exempt business"); Cabinet nearly always has exempt business.
#[test]
fn an_extract_of_cabinet_minutes_for_a_call_in_builds() {
    let canary = "CANARY_PV3_CALL_IN_EXTRACT";
    let site = cabinet_and_scrutiny("pv3-call-in-extract");
    meeting(
        &site,
        "cabinet",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Green Lane depot\n  - title: Exclusion of the public\n  - title: Sale of land at Mill Lane\n    exempt: [3]\n",
    );
    site.write(
        &format!("{CABINET}/2021-09-24/minutes.md"),
        &format!(
            "---\ntitle: Minutes\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Green Lane depot\n\n**Resolved:** That the depot close.\n\n## 3 Exclusion of the public\n\n**Resolved:** That the public be excluded.\n\n## 4 Sale of land at Mill Lane\n\nCabinet agreed {canary}.\n"
        ),
    );
    meeting(
        &site,
        "scrutiny",
        "2021-10-05",
        "2021-09-27",
        "  - title: Apologies for absence\n  - title: Call-in of the Cabinet decision on Green Lane depot\n    documents: [extract.md]\n",
    );
    site.write(
        "content/committees/scrutiny/2021-10-05/extract.md",
        "---\ntitle: Extract from the minutes of Cabinet held on 24 September 2021\nkind: report\n---\n\nMinute 2, Green Lane depot. **Resolved:** That the depot close.\n",
    );
    let as_of = "2021-10-10";
    assert_builds_withholding(&site, as_of, &[canary]);
}

/// A committee's own minutes titled with its own date, when another committee met in
/// private the same day; and the panel's own minutes naming the later meeting (which
/// also has exempt business) that will approve them. Held.
#[test]
fn own_minutes_naming_a_day_of_other_exempt_business_build() {
    let (c1, c2) = ("CANARY_PV3_SAME_DAY_PANEL", "CANARY_PV3_SAME_DAY_NOV");
    let site = Site::new("pv3-same-day");
    site.committee("scrutiny", "Children's Scrutiny Committee");
    september_meeting(&site, JULY_ITEMS);
    site.write(
        &format!("{PANEL}/2021-09-24/minutes.md"),
        &minutes(
            "Minutes of the meeting held on 24 September 2021, to be approved at the meeting on 5 November 2021",
            "kind: minutes\n",
            NUMBERED,
            c1,
        ),
    );
    exempt_meeting_with_minutes(&site, "2021-11-05", "2021-10-28", c2);
    meeting(
        &site,
        "scrutiny",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Youth justice plan\n",
    );
    site.write(
        "content/committees/scrutiny/2021-09-24/minutes.md",
        "---\ntitle: Minutes of the meeting held on 24 September 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Youth justice plan\n\n**Resolved:** That the plan be endorsed.\n",
    );
    let as_of = "2021-11-10";
    assert_builds_withholding(&site, as_of, &[c1, c2]);
}

// Was a false refusal: the Licensing Committee's own minutes.md (folder 2021-09-23) titled "Minutes of the meeting held on 23 and 24 September 2021" (a two-day hearing) are refused (minutes-in-another-folder: the title names 24 September, when the panel met with exempt business; "23 and" is not read as a date).
#[test]
fn minutes_of_a_two_day_meeting_build() {
    let canary = "CANARY_PV3_TWO_DAY";
    let site = Site::new("pv3-two-day");
    site.committee("licensing", "Licensing Committee");
    exempt_meeting_with_minutes(&site, "2021-09-24", "2021-09-16", canary);
    meeting(
        &site,
        "licensing",
        "2021-09-23",
        "2021-09-15",
        "  - title: Apologies for absence\n  - title: Review of a premises licence\n",
    );
    site.write(
        "content/committees/licensing/2021-09-23/minutes.md",
        "---\ntitle: Minutes of the meeting held on 23 and 24 September 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Review of a premises licence\n\n**Resolved:** That the licence be suspended.\n",
    );
    assert_builds_withholding(&site, AS_OF, &[canary]);
}

/// The same exempt item at consecutive meetings (a standing "Placement review"), at
/// another number the second time; the second meeting's minutes head the approval of
/// July's minutes "Minutes of the previous meeting" (the agenda names the date). Both
/// meetings' exempt minutes are withheld. Held.
#[test]
fn recurring_exempt_items_keep_each_minute_out() {
    let (july, sept) = ("CANARY_PV3_RECURRING_JULY", "CANARY_PV3_RECURRING_SEPT");
    let site = Site::new("pv3-recurring");
    july_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Exclusion of the public\n  - title: Placement review\n    exempt: [1]\n",
    );
    site.write(
        &format!("{PANEL}/2021-07-02/minutes.md"),
        &format!(
            "---\ntitle: Minutes of the meeting held on 2 July 2021\nkind: minutes\napproved_at: 2021-09-24\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Exclusion of the public\n\n**Resolved:** That the public be excluded.\n\n## 3 Placement review\n\nThe Panel reviewed {july}.\n"
        ),
    );
    september_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Minutes of the meeting held on 2 July 2021\n    documents: [../2021-07-02/minutes.md]\n  - title: Fostering update\n  - title: Exclusion of the public\n  - title: Placement review\n    exempt: [1]\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/minutes.md"),
        &format!(
            "---\ntitle: Minutes of the meeting held on 24 September 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Minutes of the previous meeting\n\n**Resolved:** That the minutes be approved.\n\n## 3 Fostering update\n\nNoted.\n\n## 4 Exclusion of the public\n\n**Resolved:** That the public be excluded.\n\n## 5 Placement review\n\nThe Panel reviewed {sept}.\n"
        ),
    );
    assert_builds_withholding(&site, AS_OF, &[july, sept]);
}

/// Items councils often mark exempt as a whole: "Exclusion of the press and public" (a
/// parent over the exempt business) and "Any other business", at two committees; a third
/// committee with no exempt business minutes its own public "Any other business". Every
/// exempt minute is withheld. Held.
#[test]
fn two_committees_with_the_same_exempt_titles_build() {
    let site = cabinet_and_scrutiny("pv3-same-exempt-titles");
    let items = |inner: &str| {
        format!(
            "  - title: Apologies for absence\n  - title: Exclusion of the press and public\n    exempt: [3]\n    items:\n      - title: {inner}\n  - title: Any other business\n    exempt: [3]\n"
        )
    };
    let text = |inner: &str, a: &str, b: &str| {
        format!(
            "---\ntitle: Minutes\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Exclusion of the press and public\n\n**Resolved:** That the public be excluded.\n\n### 2a {inner}\n\nMembers agreed {a}.\n\n## 3 Any other business\n\nMembers noted {b}.\n"
        )
    };
    september_meeting(&site, &items("Placement review"));
    site.write(
        &format!("{PANEL}/2021-09-24/minutes.md"),
        &text(
            "Placement review",
            "CANARY_PV3_SAME_TITLES_PANEL_A",
            "CANARY_PV3_SAME_TITLES_PANEL_B",
        ),
    );
    meeting(
        &site,
        "cabinet",
        "2021-09-15",
        "2021-09-07",
        &items("Sale of land at Mill Lane"),
    );
    site.write(
        &format!("{CABINET}/2021-09-15/minutes.md"),
        &text(
            "Sale of land at Mill Lane",
            "CANARY_PV3_SAME_TITLES_CABINET_A",
            "CANARY_PV3_SAME_TITLES_CABINET_B",
        ),
    );
    meeting(
        &site,
        "scrutiny",
        "2021-09-28",
        "2021-09-20",
        "  - title: Apologies for absence\n  - title: Work programme\n  - title: Any other business\n",
    );
    site.write(
        "content/committees/scrutiny/2021-09-28/minutes.md",
        "---\ntitle: Minutes of the meeting held on 28 September 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Work programme\n\nAgreed.\n\n## 3 Any other business\n\nThere was none.\n",
    );
    assert_builds_withholding(
        &site,
        AS_OF,
        &[
            "CANARY_PV3_SAME_TITLES_PANEL_A",
            "CANARY_PV3_SAME_TITLES_PANEL_B",
            "CANARY_PV3_SAME_TITLES_CABINET_A",
            "CANARY_PV3_SAME_TITLES_CABINET_B",
        ],
    );
}

// Was a false refusal: the panel's own minutes (no exempt business at all) head minute 2 "Exclusion of the press and public" while its agenda says "Exclusion of the public"; because Cabinet's exempt parent item is titled "Exclusion of the press and public", the build is refused (minutes-in-another-folder: "is headed as exempt item 2 of the meeting of 15 September 2021 of Cabinet").
#[test]
fn a_standard_heading_worded_unlike_the_agenda_builds() {
    let canary = "CANARY_PV3_EXCLUSION_WORDING";
    let site = Site::new("pv3-exclusion-wording");
    cabinet_on_15_september(
        &site,
        "  - title: Apologies for absence\n  - title: Exclusion of the press and public\n    exempt: [3]\n    items:\n      - title: Sale of land at Mill Lane\n",
        &format!(
            "---\ntitle: Minutes\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Exclusion of the press and public\n\n### 2a Sale of land at Mill Lane\n\nCabinet agreed {canary}.\n"
        ),
    );
    september_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Exclusion of the public\n  - title: Fostering update\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/minutes.md"),
        "---\ntitle: Minutes of the meeting held on 24 September 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Exclusion of the press and public\n\nThe Panel did not need to exclude the public.\n\n## 3 Fostering update\n\nNoted.\n",
    );
    assert_builds_withholding(&site, AS_OF, &[canary]);
}

/// A heading of three common words: "Matters arising from the minutes", at a committee
/// whose agenda calls the item "Action log", while another committee's exempt item is
/// "Matters arising from the exempt minutes". Held.
#[test]
fn a_matters_arising_heading_builds() {
    let canary = "CANARY_PV3_MATTERS_ARISING";
    let site = Site::new("pv3-matters-arising");
    cabinet_on_15_september(
        &site,
        "  - title: Apologies for absence\n  - title: Matters arising from the exempt minutes\n    exempt: [3]\n",
        &format!(
            "---\ntitle: Minutes\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Matters arising from the exempt minutes\n\nCabinet noted {canary}.\n"
        ),
    );
    september_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Action log\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/minutes.md"),
        "---\ntitle: Minutes\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Matters arising from the minutes\n\nAll actions were complete.\n",
    );
    assert_builds_withholding(&site, AS_OF, &[canary]);
}

// Was a false refusal: Overview and Scrutiny's own minutes (5 October, no exempt business) of a public call-in head minute 2 "Call-in: sale of land at Mill Lane" (agenda: "Call-in of the Cabinet decision on Mill Lane"); Cabinet took "Sale of land at Mill Lane" in private on 24 Sept, so the build is refused (minutes-in-another-folder: "is headed as exempt item 3 of the meeting of 24 September 2021 of Cabinet").
#[test]
fn a_public_minute_on_a_past_exempt_matter_builds() {
    let canary = "CANARY_PV3_CALL_IN_HEADING";
    let site = cabinet_and_scrutiny("pv3-call-in-heading");
    meeting(
        &site,
        "cabinet",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Exclusion of the public\n  - title: Sale of land at Mill Lane\n    exempt: [3]\n",
    );
    site.write(
        &format!("{CABINET}/2021-09-24/minutes.md"),
        &format!(
            "---\ntitle: Minutes\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Exclusion of the public\n\n**Resolved:** That the public be excluded.\n\n## 3 Sale of land at Mill Lane\n\nCabinet agreed {canary}.\n"
        ),
    );
    meeting(
        &site,
        "scrutiny",
        "2021-10-05",
        "2021-09-27",
        "  - title: Apologies for absence\n  - title: Call-in of the Cabinet decision on Mill Lane\n",
    );
    site.write(
        "content/committees/scrutiny/2021-10-05/minutes.md",
        "---\ntitle: Minutes of the meeting held on 5 October 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Call-in: sale of land at Mill Lane\n\nThe Committee heard from the Leader. **Resolved:** That the decision not be referred back.\n",
    );
    let as_of = "2021-10-10";
    assert_builds_withholding(&site, as_of, &[canary]);
}

// Was a false refusal: the panel's own minutes (no exempt business) head a public item "4 Award of contract for home care" (agenda: "Home care contract"); Cabinet's exempt item has the generic public_title "Award of contract", which is a run of the heading, so the build is refused (minutes-in-another-folder).
#[test]
fn a_heading_holding_a_generic_public_title_builds() {
    let canary = "CANARY_PV3_GENERIC_PUBLIC_TITLE";
    let site = Site::new("pv3-generic-public-title");
    cabinet_on_15_september(
        &site,
        "  - title: Apologies for absence\n  - title: Exclusion of the public\n  - title: Leisure management contract with Zorblax Ltd\n    public_title: Award of contract\n    exempt: [3]\n",
        &format!(
            "---\ntitle: Minutes\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Exclusion of the public\n\n**Resolved:** That the public be excluded.\n\n## 3 Award of contract\n\nCabinet agreed {canary}.\n"
        ),
    );
    september_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Fostering update\n  - title: Placement sufficiency\n  - title: Home care contract\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/minutes.md"),
        "---\ntitle: Minutes\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Fostering update\n\nNoted.\n\n## 3 Placement sufficiency\n\nNoted.\n\n## 4 Award of contract for home care\n\n**Resolved:** That the award be noted.\n",
    );
    assert_builds_withholding(&site, AS_OF, &[canary]);
}

// Was a false refusal: the panel's September minutes (no exempt business) head item 4 "Performance" (agenda: "Quarter 1 dashboard"); July's exempt item 4 was "Performance of the residential care contract", so by number and a heading contained in its title the build is refused (minutes-in-another-folder: "is headed as exempt item 4 of the meeting of 2 July 2021").
#[test]
fn a_short_heading_numbered_like_a_past_exempt_item_builds() {
    let canary = "CANARY_PV3_SHORT_HEADING";
    let site = Site::new("pv3-short-heading");
    july_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Minutes\n  - title: Exclusion of the public\n  - title: Performance of the residential care contract\n    exempt: [3]\n",
    );
    site.write(
        &format!("{PANEL}/2021-07-02/minutes.md"),
        &format!(
            "---\ntitle: Minutes\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Minutes\n\nApproved.\n\n## 3 Exclusion of the public\n\n**Resolved:** That the public be excluded.\n\n## 4 Performance of the residential care contract\n\nThe Panel noted {canary}.\n"
        ),
    );
    september_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Minutes\n  - title: Fostering update\n  - title: Quarter 1 dashboard\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/minutes.md"),
        "---\ntitle: Minutes\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Minutes\n\nApproved.\n\n## 3 Fostering update\n\nNoted.\n\n## 4 Performance\n\nThe dashboard was noted.\n",
    );
    assert_builds_withholding(&site, AS_OF, &[canary]);
}

// ================================================================== B. bypasses

/// The members' edition builds and holds `canary`, or (when the minutes are refused as
/// another meeting's, in both editions) is refused in the same words.
fn assert_members_have(site: &Site, as_of: &str, canary: &str) {
    let out = build(site.path(), as_of, &["--confidential"]);
    if !out.status.success() {
        let err = stderr(&out);
        assert!(err.contains("minutes") && err.contains("hint:"), "{err}");
        return;
    }
    let missing = missing_from(&site.out("confidential"), &owned(&[canary]));
    assert!(missing.is_empty(), "the members' edition lacks {missing:?}");
}

// Was a leak: July's minutes in September's folder, titled "Minutes of the last meeting" without kind:, headed exactly as July's agenda but without numbers ("## An individual placement"), publish July's exempt minute at /committees/panel/2021-09-24/minutes-2-july/ (model::minutes `sections` reads numbers only from headings that write them unless the kind is minutes, so `misfiled` sees no heading).
#[test]
fn another_meetings_untyped_minutes_with_unnumbered_headings_are_not_published() {
    let canary = "CANARY_PV3_UNTYPED_UNNUMBERED";
    let site = july_minutes_in_september(
        "pv3-untyped-unnumbered",
        canary,
        "title: Minutes of the last meeting\n",
        UNNUMBERED,
    );
    let leaked = published(&site, AS_OF, canary, "2021-09-24/minutes-2-july.md");
    assert_members_have(&site, AS_OF, canary);
    // The control: the same file with numbered headings is refused.
    let control = july_minutes_in_september(
        "pv3-untyped-unnumbered-control",
        "CANARY_PV3_UNTYPED_UNNUMBERED_CONTROL",
        "title: Minutes of the last meeting\n",
        NUMBERED,
    );
    assert_refused_for_julys_heading(&control);
    assert!(
        leaked.is_empty(),
        "July's exempt minute was published: {leaked:#?}"
    );
}

// Was a leak: July's minutes in September's folder with kind: minutes that open with a title heading ("# Corporate Parenting Panel"), so that the agenda headings are level 2 and unnumbered, publish July's exempt minute at /committees/panel/2021-09-24/minutes-2-july/ (model::minutes `sections`: only depth-1 headings are numbered by the tree; lower ones count only with a written number).
#[test]
fn another_meetings_minutes_under_a_title_heading_are_not_published() {
    let canary = "CANARY_PV3_TITLE_HEADING";
    let site = july_minutes_in_september(
        "pv3-title-heading",
        canary,
        "title: Minutes of the last meeting\nkind: minutes\n",
        UNNUMBERED,
    );
    // The same minutes, opening with a title heading.
    let file = site
        .path()
        .join(format!("{PANEL}/2021-09-24/minutes-2-july.md"));
    let text = std::fs::read_to_string(&file).unwrap().replacen(
        "---\n\n## ",
        "---\n\n# Corporate Parenting Panel\n\n## ",
        1,
    );
    std::fs::write(&file, text).unwrap();
    let leaked = published(&site, AS_OF, canary, "2021-09-24/minutes-2-july.md");
    assert_members_have(&site, AS_OF, canary);
    // The control: without the title heading the same minutes are refused.
    let control = july_minutes_in_september(
        "pv3-title-heading-control",
        "CANARY_PV3_TITLE_HEADING_CONTROL",
        "title: Minutes of the last meeting\nkind: minutes\n",
        UNNUMBERED,
    );
    assert_refused_for_julys_heading(&control);
    assert!(
        leaked.is_empty(),
        "July's exempt minute was published: {leaked:#?}"
    );
}

// Not caught, and documented (docs/authoring.md, "Minutes"): July's minutes as a PDF
// listed in September under a title with no date ("Minutes of the last meeting"). quire
// cannot read which meeting a PDF minutes, and the gate cannot know the minute's words.

// Was a leak: July's minutes in September's folder (kind: minutes) with the date written "the 2nd of July 2021", "2/7/21" or "2 July" (no year), and the exempt minute headed in other words in number order ("3 Placement of a child"), publish July's exempt minute at /committees/panel/2021-09-24/minutes-2-july/ (model::misfiled `dates_in` reads none of these as a date).
#[test]
fn another_meetings_minutes_with_dates_written_otherwise_are_not_published() {
    let titles = [
        "Minutes of the meeting held on the 2nd of July 2021",
        "Minutes of the meeting held on 2/7/21",
        "Minutes of the meeting held on Friday 2 July",
    ];
    let heads = REWORDED;
    let mut leaked = Vec::new();
    for (i, t) in titles.iter().enumerate() {
        let canary = format!("CANARY_PV3_DATE_FORM_{i}");
        let site = july_minutes_in_september(
            &format!("pv3-date-form-{i}"),
            &canary,
            &format!("title: \"{t}\"\nkind: minutes\n"),
            heads,
        );
        let hits = published(&site, AS_OF, &canary, "2021-09-24/minutes-2-july.md");
        if !hits.is_empty() {
            leaked.push((t.to_string(), hits));
        }
        assert_members_have(&site, AS_OF, &canary);
    }
    // The control: "2 July 2021" is refused.
    let control = july_minutes_in_september(
        "pv3-date-form-control",
        "CANARY_PV3_DATE_FORM_CONTROL",
        "title: Minutes of the meeting held on 2 July 2021\nkind: minutes\n",
        heads,
    );
    assert_refused_for_julys_title(&control);
    assert!(
        leaked.is_empty(),
        "July's exempt minute was published: {leaked:#?}"
    );
}

// Was a leak: the Fostering Sub-Committee's minutes saved in the panel's September folder, titled "Minutes of the Fostering Sub-Committee held on 2 July 2021, for noting on 24 September 2021", with the exempt minute headed in other words ("3 Placement of a child"), publish the sub-committee's exempt minute at /committees/panel/2021-09-24/fostering-minutes/ (model::misfiled skips the title check when the title also names the folder's own date).
#[test]
fn a_title_naming_both_meetings_does_not_hide_another_committees_exempt_minute() {
    let make = |label: &str, canary: &str, title: &str| {
        let site = fostering_minutes_noted(label);
        site.write(
            &format!("{PANEL}/2021-09-24/fostering-minutes.md"),
            &minutes(title, "kind: minutes\n", REWORDED, canary),
        );
        site
    };
    let canary = "CANARY_PV3_BOTH_DATES";
    let site = make(
        "pv3-both-dates",
        canary,
        "Minutes of the Fostering Sub-Committee held on 2 July 2021, for noting on 24 September 2021",
    );
    let leaked = published(&site, AS_OF, canary, "2021-09-24/fostering-minutes.md");
    assert_members_have(&site, AS_OF, canary);
    // The control: the title naming July only is refused.
    let control = make(
        "pv3-both-dates-control",
        "CANARY_PV3_BOTH_DATES_CONTROL",
        "Minutes of the Fostering Sub-Committee held on 2 July 2021",
    );
    assert_refused(
        &control,
        AS_OF,
        "2021-09-24/fostering-minutes.md",
        "their title names the meeting of 2 July 2021",
    );
    assert!(
        leaked.is_empty(),
        "the sub-committee's exempt minute was published: {leaked:#?}"
    );
}

// Was a leak: July's exempt item is "Sale of land & buildings at Mill Lane"; its minutes in September's folder (no date in the title) head it "3 Sale of land and buildings at Mill Lane", which `words` does not equal ("&" is dropped, "and" is a word), and July's exempt minute is published at /committees/panel/2021-09-24/minutes-2-july/.
#[test]
fn an_ampersand_written_as_and_does_not_hide_another_meetings_exempt_minute() {
    let july_items = "  - title: Apologies for absence\n  - title: Exclusion of the public\n  - title: Sale of land & buildings at Mill Lane\n    exempt: [3]\n";
    let make = |label: &str, canary: &str, heading: &str| {
        let site = july_minutes_in_september(
            label,
            canary,
            "title: Minutes of the last meeting\nkind: minutes\n",
            [
                "1 Apologies for absence",
                "2 Exclusion of the public",
                heading,
            ],
        );
        meeting(&site, "panel", "2021-07-02", "2021-06-24", july_items);
        site
    };
    let canary = "CANARY_PV3_AMPERSAND";
    let site = make(
        "pv3-ampersand",
        canary,
        "3 Sale of land and buildings at Mill Lane",
    );
    let leaked = published(&site, AS_OF, canary, "2021-09-24/minutes-2-july.md");
    assert_members_have(&site, AS_OF, canary);
    // The control: the heading as the agenda writes it is refused.
    let control = make(
        "pv3-ampersand-control",
        "CANARY_PV3_AMPERSAND_CONTROL",
        "3 Sale of land & buildings at Mill Lane",
    );
    assert_refused_for_julys_heading(&control);
    assert!(
        leaked.is_empty(),
        "July's exempt minute was published: {leaked:#?}"
    );
}

// Not caught, and documented: July's minutes in September's folder, with no date in
// the title, whose exempt minute is headed like an item on September's own agenda
// ("Purchase of a property" beside September's "Purchase of a property: completion").
// A heading like one of the meeting's own items is taken as its own, so that a meeting's
// own minutes of a recurring exempt item are never refused.

// Was a leak: the meeting's own minutes saved as draft-minutes.md without kind:, titled "Draft minutes", with unnumbered headings, listed from the next meeting, are published whole, exempt minute included, at /committees/panel/2021-09-24/draft-minutes/ (model::minutes `own_minutes_untyped` needs the own date in the title or a numbered heading; `sections` skips unnumbered headings of a document that is not kind minutes).
#[test]
fn own_untyped_minutes_with_unnumbered_headings_are_not_published_whole() {
    let make = |label: &str, canary: &str, heads: [&str; 3]| {
        let site = Site::new(label);
        september_meeting(&site, JULY_ITEMS);
        meeting(
            &site,
            "panel",
            "2021-10-22",
            "2021-10-14",
            "  - title: Minutes of the last meeting\n    documents: [../2021-09-24/draft-minutes.md]\n",
        );
        site.write(
            &format!("{PANEL}/2021-09-24/draft-minutes.md"),
            &minutes("Draft minutes", "", heads, canary),
        );
        site
    };
    let as_of = "2021-11-01";
    let canary = "CANARY_PV3_OWN_UNTYPED";
    let site = make("pv3-own-untyped", canary, UNNUMBERED);
    let leaked = published(&site, as_of, canary, "2021-09-24/draft-minutes.md");
    assert_members_have(&site, as_of, canary);
    // The control: with numbered headings the same file is read as minutes and refused.
    let control = make(
        "pv3-own-untyped-control",
        "CANARY_PV3_OWN_UNTYPED_CONTROL",
        NUMBERED,
    );
    assert_refused(
        &control,
        as_of,
        "2021-09-24/draft-minutes.md",
        "these minutes are kind: other",
    );
    assert!(
        leaked.is_empty(),
        "the exempt minute was published: {leaked:#?}"
    );
}

/// The panel meeting of 24 September whose exempt item 3 has the real title `real`
/// (public title "A property matter") and the exclusion item names it; the exempt report
/// says `report`.
fn real_title_site(label: &str, real: &str, report: &str) -> Site {
    let exclusion = format!("Exclusion of the public for item 3, {real}");
    hidden_title_site(label, &exclusion, real, "", report)
}

// Was a leak: an exempt item's real title ("Purchase of CANARY_PV3_REPORT_HEADING Lodge", public_title "A property matter") repeated in the exclusion item's title is published (meeting page, pack, feed) when the exempt report opens with the real title as its heading: the report's line and the title are one phrase, added first as text (title: false), so gate::predates excuses it by the same-meeting public title.
#[test]
fn a_real_title_repeated_as_the_exempt_reports_heading_is_not_published() {
    let real = "Purchase of CANARY_PV3_REPORT_HEADING Lodge";
    let canary = "CANARY_PV3_REPORT_HEADING";
    let site = real_title_site(
        "pv3-report-heading",
        real,
        &format!("## {real}\n\nThe valuation is attached."),
    );
    let leaked = published(&site, AS_OF, canary, "2021-09-24/meeting.yaml");
    assert_members_have(&site, AS_OF, canary);
    // The control: without the heading in the report, the build is refused.
    let control = real_title_site(
        "pv3-report-heading-control",
        real,
        "The valuation is attached.",
    );
    assert_refused(
        &control,
        AS_OF,
        "2021-09-24/meeting.yaml",
        "a title withheld from the public",
    );
    assert!(
        leaked.is_empty(),
        "the real title was published: {leaked:#?}"
    );
}

/// Cabinet took the exempt report `purchase.md` (holding `secret(canary)`) on 24
/// September (agenda out 16 September); if `relisted`, it deferred the item and the same
/// report is listed again at its meeting of 22 October (agenda out 14 October).
fn deferred_site(label: &str, canary: &str, relisted: bool) -> Site {
    let site = executive_cabinet(label);
    let agenda = |title: &str, doc: &str| key_decision_agenda(PROPERTY_UPDATE, title, doc);
    cabinet_in_september(&site, &agenda("Purchase of a property", "purchase.md"));
    site.write(
        &format!("{CABINET}/2021-09-24/purchase.md"),
        &purchase_paper(&secret(canary)),
    );
    site.write(
        &format!("{CABINET}/2021-09-24/update.md"),
        &paper("Property update", "An update on the council's property.\n"),
    );
    if relisted {
        private_cabinet_meeting(
            &site,
            "2021-10-22",
            "2021-10-14",
            "2021-09-20",
            &agenda(
                "Purchase of a property (deferred from 24 September)",
                "../2021-09-24/purchase.md",
            ),
        );
        site.write(
            &format!("{CABINET}/2021-10-22/update.md"),
            &paper("Property update", "A further update.\n"),
        );
    }
    plan_entry(&site, "");
    site
}

/// The forward plan entry of the purchase, in the plan since 1 August and expected on 22
/// October (after the deferral), with `extra` added.
fn plan_entry(site: &Site, extra: &str) {
    purchase_plan_entry(site, "2021-10-22", "2021-08-01", extra);
}

/// After Cabinet deferred its exempt item and listed the report again, `quote` repeats
/// the exempt report in public after the first meeting: nothing of it is published, and
/// members have it. The control: the report not listed again, the same words are refused.
fn assert_deferral_excuses_no_quote(label: &str, canary: &str, quote: impl Fn(&Site)) {
    let site = deferred_site(label, canary, true);
    quote(&site);
    let leaked = published(&site, DEFERRED_AS_OF, canary, "2021-09-24/purchase.md");
    assert_members_have(&site, DEFERRED_AS_OF, canary);
    let control = deferred_site(&format!("{label}-control"), canary, false);
    quote(&control);
    assert_refused(
        &control,
        DEFERRED_AS_OF,
        "2021-09-24/purchase.md",
        "words withheld from the public",
    );
    assert!(
        leaked.is_empty(),
        "the exempt report was quoted in public: {leaked:#?}"
    );
}

const DEFERRED_AS_OF: &str = "2021-11-01";

// Was a leak: Cabinet deferred its exempt "Purchase of a property" on 24 Sept and listed the same report again on 22 Oct; a forward plan history change dated 27 Sept (after the meeting) quoting the report is published at /forward-plan/kd-02-21/: the change is dated as the meeting of 24 Sept, but the report is dated by the last meeting that lists it (22 Oct), so gate::predates takes the change as earlier.
#[test]
fn a_plan_change_after_a_deferred_exempt_item_cannot_quote_its_report() {
    let canary = "CANARY_PV3_DEFERRED_PLAN";
    // A history change dated 27 September, after the first meeting, quotes the report.
    assert_deferral_excuses_no_quote("pv3-deferred-plan", canary, |site| {
        let change = format!("Deferred on 24 September. {}", secret(canary));
        plan_entry(
            site,
            &format!("history:\n  - date: 2021-09-27\n    change: \"{change}\"\n"),
        );
    });
}

// Was a leak: the same deferral lets a public report of the first meeting (24 Sept "Property update") quote the exempt report, published at /committees/cabinet/2021-09-24/update/ and its pack: the exempt report is dated 22 Oct (the last meeting listing it), so gate::predates excuses the 24 Sept public report as earlier.
#[test]
fn a_public_report_beside_a_deferred_exempt_item_cannot_quote_it() {
    let canary = "CANARY_PV3_DEFERRED_REPORT";
    // The public report of 24 September quotes the exempt report.
    assert_deferral_excuses_no_quote("pv3-deferred-report", canary, |site| {
        site.write(
            &format!("{CABINET}/2021-09-24/update.md"),
            &paper(
                "Property update",
                &format!("An update. {}\n", secret(canary)),
            ),
        );
    });
}
