//! Attacks on the public build through the views that have no attack file of their own:
//! the forward plan and its notices, the attendance recorded in `meeting.yaml`, minutes
//! filed in another meeting's folder, supplementary agendas and drafts, and Unicode
//! variants of exempt words pasted into a public paper.
//!
//! Each test writes a small site as a democratic services officer might, plants
//! `CANARY_…` tokens in what the public must not read, and scans every byte of the public
//! build for them (pages, JSON, feeds, sitemap, search fragments decompressed, packs, file
//! names). The positive control is the members' edition, which must hold the same
//! canaries, or a refusal that names the withheld source and writes nothing.
//!
//! Findings when written (each marked `Was a leak:` at its test), all fixed since:
//! - a forward plan entry's `history:` change and `withdrawn: reason:` are dated by the
//!   gate from the entry's `first_published`, not their own day, so exempt words copied
//!   into them after the exempt meeting pass the gate as "already public";
//! - the officers named in `attendance: officers:` count for the gate as a title on the
//!   public agenda of the same meeting, so exempt words written there pass as public;
//! - minutes of an earlier meeting filed in the next meeting's folder are read against
//!   the next meeting's agenda, so the earlier meeting's exempt minute is published;
//! - a draft late paper still takes a supplementary agenda number, so the public site
//!   shows "Supplementary agenda 2" (and `supplementary-2.pdf`) with no agenda 1;
//! - exempt words retyped with Cyrillic look-alike letters pass the gate.
//!
//! The fixes: the gate dates each plan change and withdrawal by its own day
//! (`gate::inventory`, `plan_changes`); attendance lines are public text, not titles;
//! minutes that look like another meeting's stop the build (`minutes-in-another-folder`,
//! `model::minutes`); a draft is in no supplementary agenda (`redact::record`); the gate
//! reads Cyrillic and Greek look-alikes as the Latin letters (`gate::words`).

use crate::common::attack::{assert_withheld, owned};
use crate::common::public_views::{
    CABINET, JULY_ITEMS, NUMBERED, PANEL, assert_refused_but_members_have,
    assert_refused_for_exempt_words, assert_refused_for_julys_heading,
    assert_refused_for_julys_title, cabinet_in_september, cabinet_site, entry_after_the_meeting,
    executive_cabinet, july_meeting, late_report, officers_attending, pasted_site,
    placement_minutes, purchase_agenda, purchase_entry, purchase_paper, secret, september_meeting,
    supplementary_packs, withdrawn_entry,
};
use crate::common::scan::found_in;
use crate::common::site::{AS_OF, Site};
use crate::common::{build, list_files, stderr};

/// The public build is refused by the leak gate, naming the exempt report, and the
/// members' edition (the positive control) builds with the canary in it.
fn assert_gate_refuses(site: &Site, canary: &str) {
    assert_refused_but_members_have(site, "2021-09-24/purchase.md", canary);
}

// ------------------------------------------------------------------- the forward plan

// Was a leak: a history change dated after the exempt meeting, quoting the exempt report, was published on /forward-plan/kd-02-21/: the gate took it as public since first_published.
#[test]
fn a_forward_plan_change_written_after_the_exempt_meeting_cannot_quote_its_report() {
    let canary = "CANARY_PV_PLAN_HISTORY";
    let site = cabinet_site("pv-plan-history", canary);
    // Three days after the meeting, the officer records what was decided, copying the
    // exempt report's sentence into the entry's history.
    purchase_entry(
        &site,
        &format!(
            "history:\n  - date: 2021-09-27\n    change: \"{}\"\n",
            secret(canary)
        ),
    );
    assert_gate_refuses(&site, canary);
}

// Was a leak: a withdrawal reason dated after the exempt meeting, quoting the exempt report, was published on /forward-plan/kd-09-21/: the gate took it as public since first_published.
#[test]
fn a_forward_plan_withdrawal_written_after_the_exempt_meeting_cannot_quote_its_report() {
    let canary = "CANARY_PV_PLAN_WITHDRAWN";
    let site = cabinet_site("pv-plan-withdrawn", canary);
    purchase_entry(&site, "");
    // Another entry, in the plan since August, withdrawn after the meeting with a reason
    // copied from the exempt report.
    withdrawn_entry(&site, "2021-09-28", &secret(canary));
    assert_gate_refuses(&site, canary);
}

/// The control for the two above: the same words in an entry that first appeared after
/// the meeting are refused, so the gate does read the plan and the words are distinctive.
#[test]
fn a_forward_plan_entry_first_published_after_the_exempt_meeting_cannot_quote_its_report() {
    let canary = "CANARY_PV_PLAN_LATER_ENTRY";
    let site = cabinet_site("pv-plan-later", canary);
    purchase_entry(&site, "");
    entry_after_the_meeting(&site, "10", &format!("summary: \"{}\"\n", secret(canary)));
    // Refused; and the members' edition publishes the report, so the canary was really
    // planted.
    assert_gate_refuses(&site, canary);
}

/// The plan, its entries and notices name the items that take key decisions only as the
/// public agenda does: an exempt item by its public title, nothing of its sub-items, and
/// nothing of an agenda not yet published (nor a private meeting's further notice before
/// its day). Held when written.
#[test]
fn the_plan_and_notices_show_nothing_of_exempt_items_or_unpublished_agendas() {
    let site = executive_cabinet("pv-plan-views");
    cabinet_in_september(
        &site,
        r#"  - title: Apologies for absence
  - title: Exclusion of the public
  - title: Purchase of CANARY_PV_FP_REAL_TITLE
    public_title: A property matter
    exempt: { paragraphs: [3], reason: "CANARY_PV_FP_STATEMENT" }
    urgent: "CANARY_PV_FP_URGENT"
    key_decision:
      plan: KD/02/21
      special_urgency:
        agreed_by: Councillor Scrutiny Chair
        agreed_as: Chair of Scrutiny
        agreed_on: 2021-09-20
        reasons: The vendor's deadline is 30 September.
    documents: [purchase.md]
    items:
      - title: CANARY_PV_FP_SUB_TITLE
        key_decision: KD/03/21
"#,
    );
    site.write(
        &format!("{CABINET}/2021-09-24/purchase.md"),
        "---\ntitle: CANARY_PV_FP_DOC_TITLE\nkind: report\n---\n\nCANARY_PV_FP_BODY\n",
    );
    // A private meeting in November: its agenda and further notice are not out on
    // 1 October, though its first notice is.
    site.write(
        &format!("{CABINET}/2021-11-10/meeting.yaml"),
        r#"date: 2021-11-10
time: "10:00"
venue: Council Chamber
status: scheduled
agenda_published: 2021-11-02
private_notice:
  first: 2021-09-30
  final: 2021-11-02
  reasons: A contract award is discussed.
  representations: CANARY_PV_FP_FUTURE_REPS
items:
  - title: CANARY_PV_FP_UNPUBLISHED_ITEM
    key_decision: KD/04/21
  - title: Award of CANARY_PV_FP_UNPUBLISHED_EXEMPT
    exempt: [3]
"#,
    );
    for (r, expected) in [
        ("02", "2021-09-24"),
        ("03", "2021-09-24"),
        ("04", "2021-11-10"),
    ] {
        site.write(
            &format!("content/forward-plan/kd-{r}-21.yaml"),
            &format!(
                "ref: KD/{r}/21\nmatter: \"Matter {r}\"\ndecision_maker: cabinet\nexpected: {expected}\nfirst_published: 2021-08-01\nprivate: {{ paragraphs: [3], reason: \"The price.\" }}\n"
            ),
        );
    }
    assert_withheld(
        &site,
        AS_OF,
        &[
            "CANARY_PV_FP_REAL_TITLE",
            "CANARY_PV_FP_STATEMENT",
            "CANARY_PV_FP_URGENT",
            "CANARY_PV_FP_SUB_TITLE",
            "CANARY_PV_FP_DOC_TITLE",
            "CANARY_PV_FP_BODY",
            "CANARY_PV_FP_FUTURE_REPS",
            "CANARY_PV_FP_UNPUBLISHED_ITEM",
            "CANARY_PV_FP_UNPUBLISHED_EXEMPT",
        ],
    );
    // The plan and notices were really made, so their pages were part of the scan.
    let public = list_files(&site.out("output"));
    for page in [
        "forward-plan/kd-02-21/index.html",
        "forward-plan/kd-03-21/index.html",
        "forward-plan/kd-04-21/index.html",
        "notices/cabinet-2021-09-24-item-3-special-urgency/index.html",
        "notices/cabinet-2021-09-24-private-meeting/index.html",
        "notices/cabinet-2021-11-10-private-meeting/index.html",
    ] {
        assert!(public.iter().any(|f| f == page), "no {page} in {public:?}");
    }
    let notice = site.text("output/notices/cabinet-2021-09-24-item-3-special-urgency/index.html");
    assert!(notice.contains("A property matter"), "{notice}");
}

// ------------------------------------------------------------------------- attendance

// Was a leak: exempt words written in attendance officers: were published on the meeting page; the gate counted the line as an agenda title of the same meeting and excused them.
#[test]
fn an_attendance_note_cannot_quote_the_exempt_report_of_its_meeting() {
    let canary = "CANARY_PV_OFFICERS";
    let site = Site::new("pv-officers");
    september_meeting(&site, &purchase_agenda(""));
    // The officer notes why the valuer attended, in the words of the exempt report.
    officers_attending(
        &site,
        &[&format!(
            "\"Pat Jones, Valuer, who advised that {}\"",
            secret(canary)
        )],
    );
    site.write(
        &format!("{PANEL}/2021-09-24/purchase.md"),
        &purchase_paper(&secret(canary)),
    );
    assert_gate_refuses(&site, canary);
}

// ------------------------------------------------------------------------------ minutes

/// The control for minutes filed in another folder: an exempt item that comes back at
/// every meeting under the same title does not make a meeting's own minutes look like
/// another's, and their exempt minute is still kept out of the public site.
#[test]
fn a_recurring_exempt_item_does_not_make_a_meetings_own_minutes_look_misfiled() {
    let canary = "CANARY_PV_OWN_MINUTE";
    let site = Site::new("pv-own-minutes");
    july_meeting(&site, JULY_ITEMS);
    september_meeting(&site, JULY_ITEMS);
    site.write(
        &format!("{PANEL}/2021-09-24/minutes.md"),
        &format!(
            "---\ntitle: Minutes of the meeting held on 24 September 2021 (adjourned from 2 July 2021)\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Exclusion of the public\n\n**Resolved:** That the public be excluded.\n\n## 3 An individual placement\n\nThe Panel discussed {canary}.\n"
        ),
    );
    assert_withheld(&site, "2021-10-30", &[canary]);
}

// Was a leak: the July minutes filed in September's folder were read against September's agenda, so the minute of July's exempt item 3 was published at /committees/panel/2021-09-24/minutes-2-july/, in the pack and in search.
#[test]
fn minutes_filed_in_the_next_meetings_folder_keep_their_exempt_minute_out() {
    let canary = "CANARY_PV_JULY_MINUTE";
    let site = Site::new("pv-july-minutes");
    july_meeting(&site, JULY_ITEMS);
    // The officer saves July's minutes with the September papers that approve them.
    september_meeting(
        &site,
        "  - title: Minutes of the meeting held on 2 July 2021\n    documents: [minutes-2-july.md]\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/minutes-2-july.md"),
        &placement_minutes(
            "title: Minutes of the meeting held on 2 July 2021\nkind: minutes\n",
            NUMBERED,
            canary,
        ),
    );
    assert_refused_for_julys_title(&site);
    // Without the date in the title, the heading of July's exempt item gives them away.
    let file = site
        .path()
        .join(format!("{PANEL}/2021-09-24/minutes-2-july.md"));
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace(
            "title: Minutes of the meeting held on 2 July 2021",
            "title: Minutes",
        ),
    )
    .unwrap();
    assert_refused_for_julys_heading(&site);
    // The control: the same minutes in July's own folder, listed from September, build,
    // and their exempt minute is in the members' edition only.
    std::fs::rename(
        &file,
        site.path().join(format!("{PANEL}/2021-07-02/minutes.md")),
    )
    .unwrap();
    let yaml = site.path().join(format!("{PANEL}/2021-09-24/meeting.yaml"));
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        text.replace("[minutes-2-july.md]", "[../2021-07-02/minutes.md]"),
    )
    .unwrap();
    assert_withheld(&site, AS_OF, &[canary]);
}

// --------------------------------------------------------------- supplementary agendas

// Was a leak: (a trace, not words) a draft late paper took supplementary agenda 1, so the public site showed "Supplementary agenda 2" and supplementary-2.pdf with no agenda 1.
#[test]
fn a_draft_late_paper_leaves_no_gap_in_the_supplementary_agendas() {
    let site = Site::new("pv-draft-supplement");
    september_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Fostering\n    documents: [note.md, late.md]\n",
    );
    // A late paper dated 17 September, then put back into draft while it is revised.
    site.write(
        &format!("{PANEL}/2021-09-24/note.md"),
        "---\ntitle: CANARY_PV_DRAFT_TITLE\nkind: report\ndraft: true\npublished: 2021-09-17\n---\n\nCANARY_PV_DRAFT_BODY\n",
    );
    late_report(&site);
    let as_of = "2021-09-21";
    assert_withheld(
        &site,
        as_of,
        &["CANARY_PV_DRAFT_TITLE", "CANARY_PV_DRAFT_BODY"],
    );
    // The control: members see the draft under its item, but it has not been issued, so
    // for them too the late report is supplementary agenda 1, and there is no other.
    let members = list_files(&site.out("confidential/committees/panel/2021-09-24"));
    let theirs = supplementary_packs(&members);
    assert_eq!(theirs, vec!["supplementary-1.pdf"], "{members:?}");
    let page = site.text("confidential/committees/panel/2021-09-24/index.html");
    assert!(page.contains("CANARY_PV_DRAFT_TITLE"), "{page}");
    // The public sees one supplementary agenda, the late report: it is their first.
    let public = list_files(&site.out("output/committees/panel/2021-09-24"));
    let packs = supplementary_packs(&public);
    assert_eq!(
        packs,
        vec!["supplementary-1.pdf"],
        "the public site numbers its only supplementary agenda after the draft's: {public:?}"
    );
    let page = site.text("output/committees/panel/2021-09-24/index.html");
    assert!(page.contains("Late report"), "{page}");
    assert!(
        !page.contains("Supplementary agenda 2"),
        "the public page counts a supplementary agenda the public never sees: {page}"
    );
}

// ----------------------------------------------------- Unicode variants of exempt words

/// A site whose public report `update.md` (same meeting) says `public`, and whose exempt
/// report says the plain sentence.
fn pasted(label: &str, public: &str) -> Site {
    pasted_site(label, PLAIN, public)
}

const PLAIN: &str = "The council will pay the agreed price to Zorblax Holdings for the freehold of Holly Garth next spring.";

/// Exempt words pasted into a public paper as word processors and keyboards write them:
/// non-breaking spaces, soft hyphens (as characters and as `&shy;`), zero-width spaces,
/// emphasis or code inside a word, a link over part of a word, accents. Each is refused.
/// Held when written.
#[test]
fn exempt_words_pasted_with_invisible_or_typographic_variants_are_refused() {
    let variants: Vec<(&str, String)> = vec![
        ("plain", PLAIN.to_string()),
        ("nbsp", PLAIN.replace(' ', "\u{a0}")),
        (
            "soft-hyphen",
            PLAIN
                .replace("Zorblax", "Zorb\u{ad}lax")
                .replace("freehold", "free\u{ad}hold")
                .replace("council", "coun\u{ad}cil"),
        ),
        (
            "shy-entity",
            PLAIN
                .replace("Zorblax", "Zorb&shy;lax")
                .replace("freehold", "free&shy;hold")
                .replace("council", "coun&shy;cil"),
        ),
        (
            "zero-width",
            PLAIN
                .replace("Zorblax", "Zorb&#8203;lax")
                .replace("freehold", "free\u{200b}hold")
                .replace("council", "coun\u{2060}cil"),
        ),
        (
            "emphasis",
            PLAIN
                .replace("Zorblax", "Zorb**lax**")
                .replace("freehold", "free*hold*")
                .replace("council", "coun`cil`"),
        ),
        (
            "link",
            PLAIN.replace("Zorblax", "[Zorb](https://example.com/)lax"),
        ),
        (
            "accents",
            PLAIN
                .replace("Zorblax", "Zörblax")
                .replace("Garth", "Gärth"),
        ),
        ("decomposed", PLAIN.replace("Zorblax", "Zo\u{308}rblax")),
        ("fullwidth", PLAIN.replace("Zorblax", "Ｚｏｒｂｌａｘ")),
    ];
    let mut published = Vec::new();
    for (label, text) in &variants {
        let site = pasted(&format!("pv-unicode-{label}"), text);
        let out = build(site.path(), AS_OF, &[]);
        if out.status.success() {
            published.push(label.to_string());
            continue;
        }
        assert_refused_for_exempt_words(label, &out);
        assert!(
            !site.out("output").exists(),
            "{label}: a refused build wrote output/"
        );
    }
    assert!(
        published.is_empty(),
        "exempt words pasted as these variants were published: {published:?}"
    );
}

// Was a leak: the exempt sentence retyped with Cyrillic а (U+0430) for Latin a read the same and was published in /committees/panel/2021-09-24/update/ and the pack: the gate folded accents and compatibility forms but not look-alike letters.
#[test]
fn exempt_words_with_look_alike_letters_are_refused() {
    // The control: the same sentence in Latin letters is refused.
    let control = pasted("pv-unicode-latin", &format!("CANARY_PV_LOOKALIKE {PLAIN}"));
    let out = build(control.path(), AS_OF, &[]);
    assert!(
        !out.status.success() && stderr(&out).contains("2021-09-24/purchase.md"),
        "the control was not refused: {}",
        stderr(&out)
    );
    let lookalike = PLAIN.replace('a', "\u{430}");
    assert_ne!(lookalike, PLAIN);
    let site = pasted(
        "pv-unicode-cyrillic",
        &format!("CANARY_PV_LOOKALIKE {lookalike}"),
    );
    let out = build(site.path(), AS_OF, &[]);
    if out.status.success() {
        let hits = found_in(&site.out("output"), &owned(&["CANARY_PV_LOOKALIKE"]));
        panic!("the exempt sentence in look-alike letters was published in {hits:?}");
    }
    let err = stderr(&out);
    assert!(
        err.contains("2021-09-24/purchase.md") && err.contains("words withheld from the public"),
        "{err}"
    );
}
