//! Attacks on the public build through decisions, the forward plan and notices: the
//! record of a resolution, the regulation 12 record (`decision:` in meeting.yaml),
//! officers' decisions in `content/decisions/`, the register, its feed and spreadsheet,
//! private forward plan entries and the notices of exempt items.
//!
//! Each test writes a small site as a democratic services officer might (mistakes, odd
//! formatting, edge dates included), plants `CANARY_…` tokens in what the public must not
//! read, and scans every byte of the public build for them (pages, JSON, CSV, feeds,
//! sitemap, search fragments decompressed, packs, file names). The positive control is the
//! members' edition, which must hold the same canaries, or a refusal naming the file.
//!
//! Eight of these found holes when they were written (an exempt decision's call-in
//! record, an exempt officer decision's file name as its address, an officer decision
//! public before it was taken, an unknown forward plan reference, control characters in
//! the feed, a sub-item's resolution recorded as its parent's, a crash on a sub-item's
//! minute inside an exempt one); all are fixed. The others are attacks quire withstood,
//! kept against regressions.

use std::path::Path;

use crate::common::attack::{
    assert_built, assert_refused, assert_withheld, assert_withheld_or_refused, owned,
};
use crate::common::scan::{found_in, missing_from};
use crate::common::site::{Site, meeting};
use crate::common::{build, list_files, read, stderr};

const PANEL: &str = "content/committees/panel";

/// After the meeting of 13 October 2021 and the call-in of its decisions.
const AFTER: &str = "2021-11-01";

/// The words of every decision page of an edition whose words contain `needle`.
fn decision_pages_with(edition: &Path, needle: &str) -> Vec<(String, String)> {
    list_files(&edition.join("decisions"))
        .into_iter()
        .filter(|f| f.ends_with("index.html"))
        .map(|f| {
            let text = crate::common::page_words(&edition.join("decisions").join(&f));
            (f, text)
        })
        .filter(|(_, t)| t.contains(needle))
        .collect()
}

/// A site whose `panel` is the executive (Cabinet).
fn cabinet(label: &str) -> Site {
    let site = Site::new(label);
    site.write(
        &format!("{PANEL}/committee.yaml"),
        "name: Cabinet\nexecutive: true\nmembers:\n  - { member: a-chair, role: Leader }\n  - { member: b-vice }\n",
    );
    site
}

fn minutes(site: &Site, folder: &str, front: &str, body: &str) {
    site.write(
        &format!("{PANEL}/{folder}/minutes.md"),
        &format!("---\ntitle: Minutes\nkind: minutes\nstatus: approved\n{front}---\n\n{body}"),
    );
}

fn officer(site: &Site, slug: &str, front: &str, body: &str) {
    site.write(
        &format!("content/decisions/{slug}.md"),
        &format!("---\n{front}\n---\n\n{body}\n"),
    );
}

/// A forward plan entry first published long before any decision here.
fn plan_entry(site: &Site) {
    site.write(
        "content/forward-plan/cyps-04-21.yaml",
        "ref: CYPS/04/21\nmatter: Acquisition of a property for a children's home\ndecision_maker: panel\nexpected: 2021-10-13\nfirst_published: 2021-08-02\nprivate: { paragraphs: [3], reason: The report contains the price. }\n",
    );
}

// ---------------------------------------------------------------------------------------
// Findings: holes found by these attacks. Each fails until fixed.
// ---------------------------------------------------------------------------------------

/// Finding 1. The public record of an exempt item's decision withholds its reasons and
/// alternatives, but prints its call-in record from the same `decision:` in full: the
/// reason it was urgent (or not subject to call-in), and who called it in and what came
/// of it. A reason of three words or fewer (a price, a name: the canaries here) also
/// passes the gate and is published; a longer one stops the build as "a bug in quire",
/// so an exempt item with an urgent decision cannot be published at all.
#[test]
fn an_exempt_items_call_in_record_is_withheld() {
    let site = cabinet("dec-exempt-call-in");
    meeting(
        &site,
        "panel",
        "2021-10-13",
        "2021-10-05",
        r#"  - title: Acquisition of a property
    exempt: [3]
    minutes_summary: "**Resolved:** That the property be acquired."
    decision:
      published: 2021-10-15
      urgent: CANARY_URGENT
  - title: Placement of a child
    exempt: [1, 2]
    minutes_summary: "**Resolved:** That the placement be approved."
    decision:
      published: 2021-10-15
      called_in: { on: 2021-10-20, by: CANARY_CALLER, outcome: CANARY_OUTCOME }
  - title: Disposal of land
    exempt: [3]
    minutes_summary: "**Resolved:** That the land be sold."
    decision:
      published: 2021-10-15
      no_call_in: CANARY_NOCALLIN
"#,
    );
    minutes(
        &site,
        "2021-10-13",
        "",
        "## 1 Acquisition of a property\n\n**Resolved:** That the property be bought.\n\n## 2 Placement of a child\n\n**Resolved:** That the placement be approved.\n\n## 3 Disposal of land\n\n**Resolved:** That the land be sold.\n",
    );
    assert_withheld(
        &site,
        AFTER,
        &[
            "CANARY_URGENT",
            "CANARY_CALLER",
            "CANARY_OUTCOME",
            "CANARY_NOCALLIN",
        ],
    );
}

/// Finding 2. The same hole through an officer's exempt key decision: its decision and
/// reasons are withheld, its call-in record (urgent reason, called-in outcome) printed.
#[test]
fn an_exempt_officer_decisions_call_in_record_is_withheld() {
    let site = cabinet("dec-officer-call-in");
    plan_entry(&site);
    officer(
        &site,
        "2021-10-22-property",
        "title: Purchase of a property\ndecision_maker: { name: Jane Doe, post: Corporate Director }\ndate: 2021-10-22\npublished: 2021-10-22\nkey_decision: CYPS/04/21\nexempt: [3]\nurgent: CANARY_OURGENT",
        "To buy the property for CANARY_OFFICER_PRICE.",
    );
    officer(
        &site,
        "2021-10-25-contract",
        "title: Award of a contract\ndecision_maker: { name: Jane Doe }\ndate: 2021-10-25\npublished: 2021-10-25\nkey_decision: CYPS/04/21\nexempt: [3]\ncalled_in: { on: 2021-10-27, by: Scrutiny, outcome: CANARY_OOUTCOME }",
        "To award the contract.",
    );
    assert_withheld(
        &site,
        AFTER,
        &["CANARY_OURGENT", "CANARY_OOUTCOME", "CANARY_OFFICER_PRICE"],
    );
}

/// Finding 3. An exempt officer's decision with a `public_title` is published at
/// `/decisions/officers/<file name>/`, and its file name, which docs/decisions.md asks
/// to be "named for its date and subject", is also its public "reference" in the page,
/// the register, the CSV, the feed and the sitemap: the subject `public_title` hides.
#[test]
fn an_exempt_officer_decisions_file_name_is_not_published() {
    let site = cabinet("dec-officer-slug");
    officer(
        &site,
        "2021-10-22-holly-garth-mill-lane",
        "title: Purchase of Holly Garth, Mill Lane\npublic_title: Purchase of a property\ndecision_maker: { name: Jane Doe, post: Corporate Director }\ndate: 2021-10-22\npublished: 2021-10-22\nexempt: [3]",
        "To buy Holly Garth.",
    );
    assert_withheld_or_refused(
        &site,
        AFTER,
        &["holly-garth", "Holly Garth"],
        "content/decisions/2021-10-22-holly-garth-mill-lane.md",
    );
}

/// Round 22. An officer's decision with a `public_title` and no `exempt:` (only its
/// valuation, a background paper, is exempt) was published under its real title, at an
/// address made from its file name: the page, the register, the CSV, the feed and the
/// search index. A public title is what the public sees wherever it is written, as on
/// items and documents: the public sees "Purchase of a property" at an address made
/// from the date, and the gate refuses the real title in any other public page. The
/// control: the members' edition shows the real title.
#[test]
fn an_officer_decisions_public_title_hides_its_title_without_an_exemption() {
    let front = "title: Purchase of Holly Garth CANARY_PT_TITLE\npublic_title: Purchase of a property\ndecision_maker: { name: Jane Doe, post: Corporate Director }\ndate: 2021-10-22\npublished: 2021-10-22\nbackground_papers:\n  - { title: Valuation report, inspect: Legal Services, exempt: [3] }";
    let site = cabinet("dec-officer-public-title");
    officer(
        &site,
        "2021-10-22-holly-garth",
        front,
        "To buy the property.",
    );
    assert_withheld(
        &site,
        AFTER,
        &["CANARY_PT_TITLE", "Holly Garth", "holly-garth"],
    );
    let shown = decision_pages_with(&site.out("output"), "Purchase of a property");
    assert!(
        shown
            .iter()
            .any(|(f, _)| f.starts_with("officers/2021-10-22-decision-1/")),
        "{shown:?}"
    );
    // Words the public title hides, written in a public page, stop the build.
    let quoted = cabinet("dec-officer-public-title-quoted");
    officer(
        &quoted,
        "2021-10-22-holly-garth",
        front,
        "To buy the property.",
    );
    quoted.write(
        "content/pages/news.md",
        "---\ntitle: News\n---\n\nThe Purchase of Holly Garth CANARY_PT_TITLE is complete.\n",
    );
    assert_refused(
        &quoted,
        AFTER,
        "content/pages/news.md",
        "its public_title hides it",
    );
    // Once an exemption written beside it lapses, the real title is public.
    let lapsed = cabinet("dec-officer-public-title-lapsed");
    officer(
        &lapsed,
        "2021-10-22-holly-garth",
        &format!("{front}\nexempt: {{ paragraphs: [3], until: 2021-10-30 }}"),
        "To buy the property.",
    );
    assert_built(&build(lapsed.path(), AFTER, &[]));
    assert_eq!(
        missing_from(&lapsed.out("output"), &owned(&["CANARY_PT_TITLE"])),
        Vec::<String>::new()
    );
}

/// Found by the helper that hunted false alarms in round 23: a decision belongs to no
/// meeting, so a title of three words its public title hid was looked for nowhere, and
/// the decision's own reasons could repeat it on its page. It is looked for in the pages
/// of the officers' decisions of its day. The controls: the same decision without the
/// words builds and hides them; another day's decision may use them (a short title is
/// ordinary wording away from its own business).
#[test]
fn an_officer_decisions_short_hidden_title_is_looked_for_in_its_own_page() {
    let front = "title: Purchase of Zorblax\npublic_title: Purchase of a property\ndecision_maker: { name: Jane Doe, post: Corporate Director }\ndate: 2021-10-22\npublished: 2021-10-22";
    let site = cabinet("dec-officer-short-title");
    officer(
        &site,
        "2021-10-22-property",
        front,
        "The purchase of Zorblax is approved.",
    );
    assert_refused(
        &site,
        AFTER,
        "content/decisions/2021-10-22-property.md",
        "decisions/officers/2021-10-22-decision-1/index.html",
    );
    let open = cabinet("dec-officer-short-title-open");
    officer(
        &open,
        "2021-10-22-property",
        front,
        "The purchase is approved.",
    );
    officer(
        &open,
        "2021-10-29-fees",
        "title: Fees\ndecision_maker: { name: Jane Doe }\ndate: 2021-10-29\npublished: 2021-10-29",
        "Fees since the purchase of Zorblax are unchanged.",
    );
    assert_built(&build(open.path(), AFTER, &[]));
    let public = crate::common::page_words(&open.out("output/decisions/officers/index.html"));
    assert!(
        public.contains("Purchase of a property") && !public.contains("Purchase of Zorblax"),
        "{public}"
    );
}

/// The same short hidden title is looked for in the notices of that day's officers'
/// decisions: another decision's notice of a general exception, whose reasons name it,
/// is refused (its record does not show the reasons; only the notice does).
#[test]
fn an_officer_decisions_short_hidden_title_is_looked_for_in_that_days_notices() {
    let front = "title: Purchase of Zorblax\npublic_title: Purchase of a property\ndecision_maker: { name: Jane Doe, post: Corporate Director }\ndate: 2021-10-22\npublished: 2021-10-22";
    let routed = |reasons: &str| {
        format!(
            "title: Fees\ndecision_maker: {{ name: Jane Doe }}\ndate: 2021-10-22\npublished: 2021-10-22\nkey_decision:\n  general_exception: {{ notice_published: 2021-10-13, scrutiny_chair: Councillor C Hunt, reasons: {reasons} }}"
        )
    };
    let site = cabinet("dec-officer-short-title-notice");
    officer(
        &site,
        "2021-10-22-property",
        front,
        "The purchase is approved.",
    );
    officer(
        &site,
        "2021-10-22-fees",
        &routed("The purchase of Zorblax closes on 22 October."),
        "Fees are unchanged.",
    );
    assert_refused(
        &site,
        AFTER,
        "content/decisions/2021-10-22-property.md",
        "notices/officer-decisions/2021-10-22-fees-general-exception/index.html",
    );
    // The control: the same notice without the hidden title is built.
    let open = cabinet("dec-officer-short-title-notice-open");
    officer(
        &open,
        "2021-10-22-property",
        front,
        "The purchase is approved.",
    );
    officer(
        &open,
        "2021-10-22-fees",
        &routed("The fees are due on 22 October."),
        "Fees are unchanged.",
    );
    assert_built(&build(open.path(), AFTER, &[]));
    let notice =
        open.text("output/notices/officer-decisions/2021-10-22-fees-general-exception/index.html");
    assert!(
        notice.contains("The fees are due on 22 October."),
        "{notice}"
    );
}

// ---------------------------------------------------------------- round 27: officers' notices

/// A decision whose title a public title hides, and another of the same day.
const STAFFING: &str = "title: Quokkaplex grievance appeal\npublic_title: Staffing matter\ndecision_maker: { name: Jane Doe, post: Corporate Director }\ndate: 2021-10-21\npublished: 2021-10-21";

/// A decision of 21 October 2021 taken under the general exception, with these reasons.
fn routed_on_21(reasons: &str) -> String {
    format!(
        "title: Roof repairs\ndecision_maker: {{ name: Jane Doe }}\ndate: 2021-10-21\npublished: 2021-10-21\nkey_decision:\n  general_exception: {{ notice_published: 2021-10-12, scrutiny_chair: Councillor C Hunt, reasons: {reasons} }}"
    )
}

/// Finding 1 (round 27). The gate looked for a short hidden title only in the notices
/// whose addresses start with the day, so a same-day decision saved without the date at
/// the start of its name (`20211021-roof-repairs.md`) published it in its notice's
/// reasons. The refusal's hint now names the reasons, not a bug in quire.
#[test]
fn a_hidden_title_is_looked_for_in_the_notice_of_a_decision_named_without_its_date() {
    let site = cabinet("dec-notice-dateless-name");
    officer(
        &site,
        "2021-10-21-staffing",
        STAFFING,
        "The appeal is upheld.",
    );
    officer(
        &site,
        "20211021-roof-repairs",
        &routed_on_21("The Quokkaplex grievance appeal delayed the works."),
        "To repair the roof.",
    );
    assert_refused(
        &site,
        AFTER,
        "content/decisions/2021-10-21-staffing.md",
        "notices/officer-decisions/20211021-roof-repairs-general-exception/index.html",
    );
    let err = stderr(&build(site.path(), AFTER, &[]));
    assert!(err.contains("take these words out of the reasons"), "{err}");
}

/// Finding 2 (round 27). A same-day decision whose file name spells the hidden title,
/// without the date at its start, published it in its notice's address and its record's.
#[test]
fn a_hidden_title_is_looked_for_in_the_address_of_a_decision_named_without_its_date() {
    let site = cabinet("dec-notice-named-title");
    officer(
        &site,
        "2021-10-21-staffing",
        STAFFING,
        "The appeal is upheld.",
    );
    officer(
        &site,
        "quokkaplex-grievance-appeal-costs",
        &routed_on_21("The works cannot wait."),
        "To pay the costs.",
    );
    assert_refused(
        &site,
        AFTER,
        "content/decisions/2021-10-21-staffing.md",
        "notices/officer-decisions/quokkaplex-grievance-appeal-costs-general-exception/index.html",
    );
}

/// Findings 3 and 4 (round 27). Hidden decisions' notices are numbered within their day
/// in the order they went out, so no number is kept for a notice not yet out (which told
/// of it) and a decision without a route takes none; and a file named like a number
/// (`2021-10-21-1.md`) no longer meets a numbered notice's address.
#[test]
fn officers_notices_are_numbered_as_they_go_out_and_never_meet_a_file_name() {
    let site = cabinet("dec-notice-numbers");
    site.write(
        "content/forward-plan/cyps-04-21.yaml",
        "ref: CYPS/04/21\nmatter: Short breaks\ndecision_maker: Corporate Director\nexpected: 2021-10-21\nfirst_published: 2021-08-02\n",
    );
    // First by file name, but its notice goes out last; then one with no route at all.
    officer(
        &site,
        "2021-10-21-a-placement",
        "title: CANARY_NOTICE_A_TITLE\npublic_title: A placement\ndecision_maker: { name: Jane Doe }\ndate: 2021-10-21\nexempt: [1]\nkey_decision:\n  special_urgency: { agreed_by: Councillor C Hunt, agreed_on: 2021-10-18, reasons: It could not wait. }",
        "CANARY_NOTICE_A_TEXT",
    );
    officer(
        &site,
        "2021-10-21-b-breaks",
        "title: CANARY_NOTICE_B_TITLE\npublic_title: Short breaks\ndecision_maker: { name: Jane Doe }\ndate: 2021-10-21\nkey_decision: CYPS/04/21",
        "Text.",
    );
    officer(
        &site,
        "2021-10-21-c-home",
        "title: A home at Wombat Lane\npublic_title: A home\ndecision_maker: { name: Jane Doe }\ndate: 2021-10-21\nexempt: { paragraphs: [3], until: 2021-11-15 }\nkey_decision:\n  special_urgency: { agreed_by: Councillor C Hunt, agreed_on: 2021-10-14, reasons: The seller set a deadline. }",
        "CANARY_NOTICE_C_TEXT",
    );
    officer(
        &site,
        "2021-10-21-1",
        "title: Fees\ndecision_maker: { name: Jane Doe }\ndate: 2021-10-21\nkey_decision:\n  special_urgency: { agreed_by: Councillor C Hunt, agreed_on: 2021-10-12, reasons: The fees fall due. }",
        "Text.",
    );
    let notices = |site: &Site| -> Vec<String> {
        list_files(&site.out("output"))
            .into_iter()
            .filter(|f| f.starts_with("notices/officer-decisions/"))
            .collect()
    };
    // 15 October: the fees' notice (12 October) and C's (14 October) are out; C is the
    // second of its day.
    assert_built(&build(site.path(), "2021-10-15", &[]));
    assert_eq!(
        notices(&site),
        [
            "notices/officer-decisions/2021-10-21-1-special-urgency/index.html",
            "notices/officer-decisions/2021-10-21/2-special-urgency/index.html",
        ]
    );
    let c = site.text("output/notices/officer-decisions/2021-10-21/2-special-urgency/index.html");
    assert!(c.contains("A home"), "{c}");
    // The regulation 19 list of decisions taken lists them from 21 October (round 29).
    let taken = site.text("output/notices/special-urgency/index.html");
    assert!(
        !taken.contains("A home") && !taken.contains("Fees"),
        "{taken}"
    );
    // 1 November: A's is out too, the third; C keeps its number.
    assert_withheld(
        &site,
        AFTER,
        &[
            "CANARY_NOTICE_A_TITLE",
            "CANARY_NOTICE_A_TEXT",
            "Wombat Lane",
            "CANARY_NOTICE_C_TEXT",
        ],
    );
    assert_eq!(
        notices(&site),
        [
            "notices/officer-decisions/2021-10-21-1-special-urgency/index.html",
            "notices/officer-decisions/2021-10-21/2-special-urgency/index.html",
            "notices/officer-decisions/2021-10-21/3-special-urgency/index.html",
        ]
    );
    let a = site.text("output/notices/officer-decisions/2021-10-21/3-special-urgency/index.html");
    assert!(a.contains("A placement"), "{a}");
    let taken = site.text("output/notices/special-urgency/index.html");
    assert!(
        taken.contains("A home") && taken.contains("Fees"),
        "{taken}"
    );
    // 1 December: C's exemption has lapsed, so its notice is at its file's name and its
    // real title; A keeps number 3 (round 28: it became number 2, and the address and
    // feed id that had named C named A).
    assert_built(&build(site.path(), "2021-12-01", &[]));
    assert_eq!(
        notices(&site),
        [
            "notices/officer-decisions/2021-10-21-1-special-urgency/index.html",
            "notices/officer-decisions/2021-10-21-c-home-special-urgency/index.html",
            "notices/officer-decisions/2021-10-21/3-special-urgency/index.html",
        ]
    );
    let c =
        site.text("output/notices/officer-decisions/2021-10-21-c-home-special-urgency/index.html");
    assert!(c.contains("A home at Wombat Lane"), "{c}");
}

/// Round 28, finding 1. A file named `2021-10-21b-roof.md` starts with the day, so the
/// gate did not add its address, yet its record's address did not start with
/// `decisions/officers/2021-10-21-` either: its reasons published a same-day decision's
/// hidden title.
#[test]
fn a_hidden_title_is_looked_for_in_a_record_named_with_its_day_run_on() {
    let site = cabinet("dec-notice-day-run-on");
    officer(
        &site,
        "2021-10-21-staffing",
        STAFFING,
        "The appeal is upheld.",
    );
    officer(
        &site,
        "2021-10-21b-roof",
        "title: Roof repairs\ndecision_maker: { name: Jane Doe }\ndate: 2021-10-21\npublished: 2021-10-21\nreasons: The Quokkaplex grievance appeal delayed the works.",
        "To repair the roof.",
    );
    assert_refused(
        &site,
        AFTER,
        "content/decisions/2021-10-21-staffing.md",
        "decisions/officers/2021-10-21b-roof/index.html",
    );
}

/// Round 28, finding 2. An ordinary decision taken under the general exception names
/// itself in its notice before its record is out; the gate counted its title withheld
/// (not yet published) and stopped every build until the record was out.
#[test]
fn an_officers_notice_may_name_its_decision_before_the_record_is_out() {
    let site = cabinet("dec-notice-before-record");
    officer(
        &site,
        "2021-10-21-roof",
        "title: Roof repairs at County Hall\ndecision_maker: { name: Jane Doe }\ndate: 2021-10-21\npublished: 2021-10-22\nkey_decision:\n  general_exception: { notice_published: 2021-10-12, scrutiny_chair: Councillor C Hunt, reasons: The roof leaks. }",
        "To repair the roof at CANARY_ROOF_COST.",
    );
    assert_withheld(&site, "2021-10-15", &["CANARY_ROOF_COST"]);
    let notice =
        site.text("output/notices/officer-decisions/2021-10-21-roof-general-exception/index.html");
    assert!(
        notice.contains("General exception notice: Roof repairs at County Hall"),
        "{notice}"
    );
    assert!(
        !site
            .out("output/decisions/officers/2021-10-21-roof/index.html")
            .exists(),
        "the record is not out until 22 October"
    );
}

/// The exempt words of round 29: an exempt officer's decision of 5 October 2021.
const WEXHOLLOW: &str = "title: Property purchase\ndecision_maker: { name: Jane Doe }\ndate: 2021-10-05\npublished: 2021-10-05\nexempt: [3]";
const WEXHOLLOW_TEXT: &str = "To complete the purchase of the Wexhollow Lane freehold from Zorblaxian Holdings Limited for CANARY_WEXHOLLOW_PRICE.";

/// A decision (Y) titled with the exempt words, taken under the general exception on
/// 20 October, its notice out on 1 October and its record on 21 October; `plan` names
/// a forward plan entry or not.
fn wexhollow_completion(site: &Site, plan: &str) {
    site.write(
        "content/forward-plan/cyps-08-21.yaml",
        "ref: CYPS/08/21\nmatter: Residential care property purchase\ndecision_maker: Corporate Director\nexpected: 2021-10-20\nfirst_published: 2021-09-28\n",
    );
    officer(site, "2021-10-05-purchase", WEXHOLLOW, WEXHOLLOW_TEXT);
    officer(
        site,
        "2021-10-20-completion",
        &format!(
            "title: Completion of the purchase of the Wexhollow Lane freehold from Zorblaxian Holdings Limited\ndecision_maker: {{ name: Jane Doe }}\ndate: 2021-10-20\npublished: 2021-10-21\nkey_decision:\n  {plan}general_exception: {{ notice_published: 2021-10-01, scrutiny_chair: Councillor C Hunt, reasons: The vendor set a deadline. }}"
        ),
        "To complete the purchase.",
    );
    // Z, published on 19 October, quotes the exempt words.
    officer(
        site,
        "2021-10-19-adaptations",
        "title: Adaptations\ndecision_maker: { name: Jane Doe }\ndate: 2021-10-19\npublished: 2021-10-19\nreasons: The purchase of the Wexhollow Lane freehold from Zorblaxian Holdings Limited is agreed.",
        "To appoint a contractor.",
    );
}

/// Round 29, finding 1. A decision's title was counted public from its notice's day even
/// when the notice, naming a forward plan entry, showed the entry's matter instead: a
/// public paper quoting exempt words the title shared was published.
#[test]
fn a_title_its_notice_does_not_show_excuses_nothing() {
    let site = cabinet("dec-notice-plan-matter");
    wexhollow_completion(&site, "plan: CYPS/08/21\n  ");
    assert_refused(
        &site,
        "2021-10-19",
        "content/decisions/2021-10-05-purchase.md",
        "decisions/officers/2021-10-19-adaptations/index.html",
    );
}

/// Round 29, finding 3, and the control of finding 1. Without an entry, the notice shows
/// the title from 1 October, before the exempt decision of 5 October: the words were
/// public first, so Z may repeat them, on 19 October and still on 21 October, once Y's
/// record is out (the gate dated the title by the record then, and refused pages it had
/// passed).
#[test]
fn a_title_its_notice_shows_is_public_from_the_notice_whatever_the_record() {
    let site = cabinet("dec-notice-title-first");
    wexhollow_completion(&site, "");
    for day in ["2021-10-19", "2021-10-21"] {
        assert_withheld(&site, day, &["CANARY_WEXHOLLOW_PRICE"]);
    }
    let notice = site.text(
        "output/notices/officer-decisions/2021-10-20-completion-general-exception/index.html",
    );
    assert!(notice.contains("Zorblaxian Holdings Limited"), "{notice}");
}

/// A decision (D) of `day` whose real title copies the exempt words, hidden behind a
/// public title until its exemption lapses on 15 October; `route` is its key decision,
/// if any. Z, published on 19 October, quotes the exempt words.
fn wexhollow_lapsing(site: &Site, day: &str, route: &str) {
    officer(site, "2021-10-05-purchase", WEXHOLLOW, WEXHOLLOW_TEXT);
    officer(
        site,
        &format!("{day}-property"),
        &format!(
            "title: Completion of the purchase of the Wexhollow Lane freehold from Zorblaxian Holdings Limited\npublic_title: Property matter\ndecision_maker: {{ name: Jane Doe }}\ndate: {day}\npublished: {day}\nexempt: {{ paragraphs: [3], until: 2021-10-15 }}{route}"
        ),
        "To complete the purchase.",
    );
    officer(
        site,
        "2021-10-19-adaptations",
        "title: Adaptations\ndecision_maker: { name: Jane Doe }\ndate: 2021-10-19\npublished: 2021-10-19\nreasons: The purchase of the Wexhollow Lane freehold from Zorblaxian Holdings Limited is agreed.",
        "To appoint a contractor.",
    );
}

/// Round 30, finding 1. The title of a decision whose notice went out on 1 October was
/// counted public from then, though until its exemption lapsed the notice showed only
/// its public title: once it lapsed, the exempt words it shared were published.
#[test]
fn a_title_hidden_in_its_notice_until_it_lapsed_is_not_public_from_the_notice() {
    let site = cabinet("dec-notice-lapsed-title");
    wexhollow_lapsing(
        &site,
        "2021-10-12",
        "\nkey_decision:\n  general_exception: { notice_published: 2021-10-01, scrutiny_chair: Councillor C Hunt, reasons: The vendor set a deadline. }",
    );
    assert_withheld_or_refused(
        &site,
        "2021-10-19",
        &["Zorblaxian"],
        "content/decisions/2021-10-05-purchase.md",
    );
}

/// Round 31. An item's title a public title hid until its exemption lapsed counts from
/// the day members had it (its agenda), as every lapsed paper's words do: they were
/// written before any exempt paper sent since, which may repeat them, and once lapsed
/// the public reads them there. Counting it from the lapse (tried in round 30) refused
/// this ordinary site: the item's report, still exempt, names its item.
#[test]
fn an_items_report_may_name_its_item_once_the_items_title_has_lapsed() {
    let site = cabinet("item-lapsed-title-report");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Staffing of the Quokkaplex residential service review for children and young people\n    public_title: A staffing matter\n    exempt: { paragraphs: [1], until: 2021-10-15 }\n    documents: [staffing.md]\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/staffing.md"),
        "---\ntitle: Staffing report\nkind: report\nexempt: [1]\n---\n\nThis report on the staffing of the Quokkaplex residential service review for children and young people names CANARY_STAFF_MEMBER.\n",
    );
    assert_withheld(&site, "2021-10-19", &["CANARY_STAFF_MEMBER"]);
    let page = site.text("output/committees/panel/2021-09-24/index.html");
    assert!(
        page.contains("Staffing of the Quokkaplex residential service review for children"),
        "{page}"
    );
}

/// Finding 4. An officer's decision without `published:` is public at once, even when
/// its `date:` has not come: the public register states as taken a decision that has not
/// been, and the leak gate counts its text public.
#[test]
fn an_officer_decision_is_not_public_before_it_is_taken() {
    let site = cabinet("dec-officer-future");
    officer(
        &site,
        "2021-11-05-fees",
        "title: Fees for 2022/23 CANARY_FUTURE_TITLE\ndecision_maker: { name: Jane Doe }\ndate: 2021-11-05",
        "To set the fees at CANARY_FUTURE_DECISION.",
    );
    assert_withheld_or_refused(
        &site,
        AFTER,
        &["CANARY_FUTURE_TITLE", "CANARY_FUTURE_DECISION"],
        "content/decisions/2021-11-05-fees.md",
    );
}

/// Finding 5. An agenda item naming a forward plan entry that does not exist stops the
/// build; an officer's key decision naming one is published without a word, as "Key
/// decision: Yes: forward plan entry CYPS/4/21", and no 28-day rule is checked.
#[test]
fn an_officer_key_decision_must_name_a_forward_plan_entry() {
    let site = cabinet("dec-officer-plan");
    plan_entry(&site);
    officer(
        &site,
        "2021-10-22-fees",
        "title: Fees\ndecision_maker: { name: Jane Doe }\ndate: 2021-10-22\npublished: 2021-10-22\nkey_decision: CYPS/4/21",
        "To set the fees.",
    );
    assert_refused(
        &site,
        AFTER,
        "content/decisions/2021-10-22-fees.md",
        "CYPS/4/21",
    );
}

/// Finding 6. A resolution pasted from Word keeps its manual line break (U+000B) or page
/// break (U+000C); the decisions feed copies it into `<summary>`, and XML 1.0 allows
/// neither, so every feed reader rejects the whole feed.
#[test]
fn the_decisions_feed_stays_well_formed_with_pasted_control_characters() {
    let site = cabinet("dec-feed-control");
    meeting(
        &site,
        "panel",
        "2021-10-13",
        "2021-10-05",
        "  - title: Residential care\n    decision: { published: 2021-10-15 }\n",
    );
    minutes(
        &site,
        "2021-10-13",
        "",
        "## 1 Residential care\n\n**Resolved:** That the plan\u{b}be approved\u{c}in full.\n",
    );
    assert_built(&build(site.path(), AFTER, &[]));
    let xml = read(&site.out("output/decisions/feed.xml"));
    if let Err(e) = roxmltree::Document::parse(&xml) {
        panic!("the decisions feed is not well-formed XML: {e}");
    }
}

/// Finding 7. docs/authoring.md allows a sub-item's minute as a lower heading inside its
/// parent's (`### 1b ...`). The decision records attribute every resolution to the last
/// top-level minute, so the public summary of exempt sub-item 1b is published as a
/// decision of item 1, under item 1's title, with item 1's reasons and call-in dates: a
/// false public record. In the members' edition the full exempt resolution (the price)
/// is on a page without the NOT FOR PUBLICATION marking.
#[test]
fn an_exempt_sub_items_resolution_is_not_recorded_as_its_parents() {
    let site = cabinet("dec-sub-heading");
    meeting(
        &site,
        "panel",
        "2021-10-13",
        "2021-10-05",
        r#"  - title: Residential care
    decision:
      published: 2021-10-15
      reasons: More children can live near home.
    items:
      - title: Annual review of residential homes
      - title: A property matter
        exempt: [3]
        minutes_summary: "**Resolved:** That the property be sold."
"#,
    );
    minutes(
        &site,
        "2021-10-13",
        "",
        "## 1 Residential care\n\n**Resolved:** That the plan be approved.\n\n### 1a Annual review of residential homes\n\n**Resolved:** That the review be noted.\n\n### 1b A property matter\n\n**Resolved:** That the property be sold for CANARY_EXEMPT_PRICE.\n",
    );
    assert_withheld(&site, AFTER, &["CANARY_EXEMPT_PRICE"]);
    let public = decision_pages_with(&site.out("output"), "That the property be sold.");
    assert!(!public.is_empty(), "no public record of the summary");
    for (page, text) in &public {
        assert!(
            !text.contains("More children can live near home."),
            "{page} gives item 1's reasons for sub-item 1b's decision: {text}"
        );
        assert!(
            text.contains("The record of this decision beyond its wording is exempt."),
            "{page} records an exempt item's decision without its notice: {text}"
        );
    }
    for (page, text) in decision_pages_with(&site.out("confidential"), "CANARY_EXEMPT_PRICE") {
        assert!(
            text.contains("NOT FOR PUBLICATION: this page contains exempt information"),
            "{page} shows exempt matter to members unmarked: {text}"
        );
    }
}

/// Finding 8. The minute of a sub-item of an exempt item written as a lower heading inside
/// the exempt minute (`## 2 ...` then `### 2a ...`, as docs/authoring.md allows) makes
/// every public build panic ("range end index out of range"): the gate's inventory cuts
/// the nested sections out of the minutes one after the other with stale ranges. No
/// decisions are needed to trigger it; the members' edition builds.
#[test]
fn a_sub_items_minute_inside_an_exempt_minute_does_not_crash_the_build() {
    let site = Site::new("dec-nested-panic");
    meeting(
        &site,
        "panel",
        "2021-10-13",
        "2021-10-05",
        "  - title: Residential care\n  - title: Acquisition of a property\n    exempt: [3]\n    items:\n      - title: Valuation\n",
    );
    minutes(
        &site,
        "2021-10-13",
        "",
        "## 1 Residential care\n\nNoted.\n\n## 2 Acquisition of a property\n\nCANARY_NESTED_DISCUSSION\n\n### 2a Valuation\n\nThe price was CANARY_NESTED_PRICE.\n",
    );
    let out = build(site.path(), AFTER, &[]);
    let err = stderr(&out);
    assert!(!err.contains("internal error"), "quire crashed:\n{err}");
    assert_withheld_or_refused(
        &site,
        AFTER,
        &["CANARY_NESTED_DISCUSSION", "CANARY_NESTED_PRICE"],
        "minutes.md",
    );
}

// ---------------------------------------------------------------------------------------
// Attacks quire withstood.
// ---------------------------------------------------------------------------------------

/// Resolutions written anywhere in an exempt item's minute (a list, a quote inside a
/// list, a quote, a table cell, bold in mid-sentence, a sub-item's minute with its own
/// `decision:`) stay out; so do a real title behind `public_title` on a key decision, the
/// forward plan entry it names and the private meeting notice, and a private entry whose
/// `first_published` has not come.
#[test]
fn resolutions_anywhere_in_an_exempt_minute_and_its_notices_stay_out() {
    let site = cabinet("dec-odd-places");
    plan_entry(&site);
    site.write(
        "content/forward-plan/cyps-09-21.yaml",
        "ref: CYPS/09/21\nmatter: CANARY_FUTURE_ENTRY\ndecision_maker: panel\nexpected: 2021-12-13\nfirst_published: 2021-11-02\nprivate: { paragraphs: [1], reason: CANARY_FUTURE_REASON }\ndocuments: [CANARY_FUTURE_DOCUMENT]\n",
    );
    site.write(
        &format!("{PANEL}/2021-10-13/meeting.yaml"),
        r#"date: 2021-10-13
time: "10:00"
venue: Committee Room 1
status: scheduled
agenda_published: 2021-10-05
private_notice:
  first: 2021-09-10
  final: 2021-10-05
  reasons: Cabinet will consider a purchase in private.
  representations: None received.
  response: None needed.
items:
  - title: Residential care
    decision: { published: 2021-10-15, reasons: More children can live near home. }
  - title: Acquisition of Holly Garth CANARY_REAL_TITLE
    public_title: Acquisition of a property
    exempt: [3]
    key_decision: CYPS/04/21
    minutes_summary: "**Resolved:** That the property be acquired."
    decision: { published: 2021-10-15, reasons: CANARY_EXEMPT_REASONS }
    items:
      - title: Valuation CANARY_SUB_TITLE
        decision: { published: 2021-10-15, reasons: CANARY_SUB_REASONS }
"#,
    );
    minutes(
        &site,
        "2021-10-13",
        "",
        "## 1 Residential care\n\n**Resolved:** That the plan be approved.\n\n## 2 Acquisition of a property\n\n- **Resolved:** CANARY_IN_LIST\n- Also:\n  > **Resolved:** CANARY_IN_NESTED_QUOTE\n\n> **Resolved:** CANARY_IN_QUOTE\n\n| Decision | Vote |\n|---|---|\n| **Resolved:** CANARY_IN_TABLE | 5 |\n\nThe Cabinet **Resolved:** CANARY_MID_BOLD\n\n## 2a Valuation\n\n**Resolved:** CANARY_SUB_RESOLVED\n",
    );
    assert_withheld(
        &site,
        AFTER,
        &[
            "CANARY_FUTURE_ENTRY",
            "CANARY_FUTURE_REASON",
            "CANARY_FUTURE_DOCUMENT",
            "CANARY_REAL_TITLE",
            "CANARY_EXEMPT_REASONS",
            "CANARY_SUB_TITLE",
            "CANARY_SUB_REASONS",
            "CANARY_IN_LIST",
            "CANARY_IN_NESTED_QUOTE",
            "CANARY_IN_QUOTE",
            "CANARY_IN_TABLE",
            "CANARY_MID_BOLD",
            "CANARY_SUB_RESOLVED",
        ],
    );
    // The public still learns what the law says it must: the summary's resolution, the
    // entry, and the private meeting notice naming the item by its public title.
    let record =
        crate::common::page_words(&site.out("output/decisions/panel/2021-10-13/2/index.html"));
    assert!(
        record.contains("That the property be acquired."),
        "{record}"
    );
    let entry = crate::common::page_words(&site.out("output/forward-plan/cyps-04-21/index.html"));
    assert!(entry.contains("Acquisition of a property"), "{entry}");
    let notice = crate::common::page_words(
        &site.out("output/notices/panel-2021-10-13-private-meeting/index.html"),
    );
    assert!(notice.contains("Acquisition of a property"), "{notice}");
}

/// A meeting whose `agenda_published` is a year out (a typo) and minutes whose own
/// `published:` has not come give the public no decision records, whatever `decision:`
/// says.
#[test]
fn decisions_of_unpublished_papers_and_minutes_stay_out() {
    let site = cabinet("dec-unpublished");
    meeting(
        &site,
        "panel",
        "2021-10-13",
        "2022-10-05",
        "  - title: Residential care CANARY_UNPUBLISHED_TITLE\n    decision: { published: 2021-10-15, reasons: CANARY_UNPUBLISHED_REASONS }\n",
    );
    minutes(
        &site,
        "2021-10-13",
        "",
        "## 1 Residential care CANARY_UNPUBLISHED_TITLE\n\n**Resolved:** CANARY_UNPUBLISHED_RESOLUTION\n",
    );
    meeting(
        &site,
        "panel",
        "2021-10-20",
        "2021-10-12",
        "  - title: School transport\n    decision: { published: 2021-10-22, reasons: CANARY_LATE_REASONS }\n",
    );
    minutes(
        &site,
        "2021-10-20",
        "published: 2021-12-01\n",
        "## 1 School transport\n\n**Resolved:** CANARY_LATE_MINUTES\n",
    );
    assert_withheld(
        &site,
        AFTER,
        &[
            "CANARY_UNPUBLISHED_TITLE",
            "CANARY_UNPUBLISHED_REASONS",
            "CANARY_UNPUBLISHED_RESOLUTION",
            "CANARY_LATE_REASONS",
            "CANARY_LATE_MINUTES",
        ],
    );
}

/// Officers' decisions: a draft (whose title is that of a public page), one whose
/// `published:` is tomorrow, and an exempt one whose `until:` is the next day stay out;
/// on the `until:` day the exemption lapses and the full record is public.
#[test]
fn officer_decisions_drafts_future_and_lapsing_exemptions() {
    let site = cabinet("dec-officer-dates");
    site.write(
        "content/pages/about.md",
        "---\ntitle: About these papers\n---\n\nAbout.\n",
    );
    officer(
        &site,
        "2021-10-25-draft",
        "title: About these papers\ndecision_maker: { name: Jane Doe }\ndate: 2021-10-25\ndraft: true\nreasons: CANARY_DRAFT_REASONS",
        "CANARY_DRAFT_TEXT",
    );
    officer(
        &site,
        "2021-10-29-tomorrow",
        "title: Tomorrow's decision CANARY_TOMORROW_TITLE\ndecision_maker: { name: Jane Doe }\ndate: 2021-10-29\npublished: 2021-11-01",
        "CANARY_TOMORROW_TEXT",
    );
    officer(
        &site,
        "2021-10-22-contract",
        "title: Award of the visiting contract\ndecision_maker: { name: Jane Doe }\ndate: 2021-10-22\npublished: 2021-10-22\nexempt: { paragraphs: [3], until: 2021-11-01 }\nreasons: CANARY_LAPSING_REASONS",
        "To award the contract at CANARY_LAPSING_PRICE.",
    );
    assert_withheld(
        &site,
        "2021-10-31",
        &[
            "CANARY_DRAFT_REASONS",
            "CANARY_DRAFT_TEXT",
            "CANARY_TOMORROW_TITLE",
            "CANARY_TOMORROW_TEXT",
            "CANARY_LAPSING_REASONS",
            "CANARY_LAPSING_PRICE",
        ],
    );
    assert_built(&build(site.path(), "2021-11-01", &[]));
    let lapsed = owned(&[
        "CANARY_LAPSING_REASONS",
        "CANARY_LAPSING_PRICE",
        "CANARY_TOMORROW_TEXT",
    ]);
    assert_eq!(
        missing_from(&site.out("output"), &lapsed),
        Vec::<String>::new()
    );
    let draft = owned(&["CANARY_DRAFT_REASONS", "CANARY_DRAFT_TEXT"]);
    assert_eq!(found_in(&site.out("output"), &draft), vec![]);
}

/// A title that is a spreadsheet formula is neutralised in the CSV, and markup in titles
/// and resolutions is text in the feed and the register, not elements.
#[test]
fn formulas_and_markup_in_titles_are_text_in_the_csv_the_feed_and_the_register() {
    let site = cabinet("dec-csv-feed");
    meeting(
        &site,
        "panel",
        "2021-10-13",
        "2021-10-05",
        "  - title: \"=HYPERLINK(\\\"http://evil.example/\\\",\\\"Open\\\")\"\n    decision: { published: 2021-10-15 }\n  - title: \"+cmd|' /C calc'!A0\"\n  - title: \"Care <script>alert(1)</script> & homes\"\n",
    );
    minutes(
        &site,
        "2021-10-13",
        "",
        "## 1 The first item\n\n**Resolved:** That the plan be approved.\n\n## 2 The second item\n\n**Resolved:** @SUM(A1) be noted.\n\n## 3 Care homes\n\n**Resolved:** That <b>x</b> & y ]]> be noted.\n",
    );
    assert_built(&build(site.path(), AFTER, &[]));
    let csv = read(&site.out("output/decisions/decisions.csv"));
    for line in csv.split("\r\n").skip(1).filter(|l| !l.is_empty()) {
        // Each field that begins with a formula character is prefixed with a quote.
        for field in line.split(',') {
            let f = field.trim_start_matches('"');
            assert!(
                !f.starts_with(['=', '+', '@']),
                "a formula in the CSV: {field} in {line}"
            );
        }
    }
    let xml = read(&site.out("output/decisions/feed.xml"));
    let doc = roxmltree::Document::parse(&xml).expect("the feed is well-formed XML");
    let titles: Vec<String> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "title")
        .filter_map(|n| n.text().map(str::to_string))
        .collect();
    assert!(
        titles.contains(&"Care <script>alert(1)</script> & homes".to_string()),
        "{titles:?}"
    );
    assert!(
        !doc.descendants().any(|n| n.tag_name().name() == "script"),
        "markup became an element of the feed"
    );
    let register = read(&site.out("output/decisions/index.html"));
    assert!(!register.contains("<script>alert(1)"), "{register}");
}

/// A resolution of a public item, or the `decision:` reasons of a public item, that copy
/// a passage of the exempt report stop the build: the gate reads the decision records.
#[test]
fn a_public_resolution_or_reasons_copied_from_the_exempt_report_stop_the_build() {
    let secret = "The council will pay four hundred and twelve thousand pounds for Holly Garth to the Mill Lane Trust";
    for (label, reasons, resolution) in [
        ("minute", "More children can live near home.", secret),
        ("reasons", secret, "That the plan be approved."),
    ] {
        let site = cabinet(&format!("dec-gate-{label}"));
        meeting(
            &site,
            "panel",
            "2021-10-13",
            "2021-10-05",
            &format!(
                "  - title: Residential care\n    decision: {{ published: 2021-10-15, reasons: \"{reasons}\" }}\n  - title: Acquisition of a property\n    exempt: [3]\n    documents: [valuation.md]\n    minutes_summary: \"**Resolved:** That the property be acquired.\"\n"
            ),
        );
        site.write(
            &format!("{PANEL}/2021-10-13/valuation.md"),
            &format!("---\ntitle: Valuation\nkind: report\n---\n\n{secret}.\n"),
        );
        minutes(
            &site,
            "2021-10-13",
            "",
            &format!(
                "## 1 Residential care\n\n**Resolved:** {resolution}.\n\n## 2 Acquisition of a property\n\n**Resolved:** That the property be bought.\n"
            ),
        );
        let out = build(site.path(), AFTER, &[]);
        let err = stderr(&out);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{label}: the build succeeded:\n{err}"
        );
        assert!(
            err.contains("valuation.md") && err.contains("decisions/panel/2021-10-13/1/index.html"),
            "{label}: the refusal names neither the report nor the record:\n{err}"
        );
        assert!(
            !err.contains("Holly Garth"),
            "{label}: the message repeats the secret"
        );
        assert!(
            !site.out("output").exists(),
            "{label}: a refused build wrote output/"
        );
    }
}

/// An officer's decision that links to the exempt report or its PDF appendix is refused:
/// a decision record is words and web addresses only.
#[test]
fn an_officer_decision_linking_to_an_exempt_report_or_pdf_is_refused() {
    for (label, link) in [
        (
            "report",
            "[the report](../committees/panel/2021-10-13/valuation.md)",
        ),
        (
            "pdf",
            "[the valuation](../committees/panel/2021-10-13/files/valuation.pdf)",
        ),
    ] {
        let site = cabinet(&format!("dec-officer-link-{label}"));
        meeting(
            &site,
            "panel",
            "2021-10-13",
            "2021-10-05",
            "  - title: Acquisition of a property\n    exempt: [3]\n    documents: [valuation.md, files/valuation.pdf]\n",
        );
        site.write(
            &format!("{PANEL}/2021-10-13/valuation.md"),
            "---\ntitle: Valuation\nkind: report\n---\n\nCANARY_LINKED_REPORT\n",
        );
        site.pdf(&format!("{PANEL}/2021-10-13/files/valuation.pdf"));
        officer(
            &site,
            "2021-10-22-purchase",
            "title: Purchase of a property\ndecision_maker: { name: Jane Doe }\ndate: 2021-10-22\npublished: 2021-10-22",
            &format!("To buy the property, as set out in {link}."),
        );
        assert_refused(
            &site,
            AFTER,
            "content/decisions/2021-10-22-purchase.md",
            "a decision record links to or shows a file of the site",
        );
    }
}
