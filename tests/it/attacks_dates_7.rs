//! Round 8g: attacks on the titles of round 8f (commit ba72656): `inventory::FirstOut`
//! (a withheld title equal to a public title is dropped only if that title was out on an
//! earlier day, or the same day on its own meeting's agenda) and `Unit::titled_by`, now a
//! list: a withheld paper may repeat, whatever the days, the title of each exempt item
//! that lists it (`Reader::item` collects `item_titles`), as well as its own notice
//! title or public title.
//!
//! Each leak test plants `CANARY_…` tokens in what must stay private and asserts that the
//! build refuses, naming the withheld file; each has a control beside it, the same words
//! caught in circumstances the gate handles. Each false positive test is a site a council
//! would publish, its withheld words checked absent from the public build and present in
//! the members' edition, with a control that builds.
//!
//! | attack | outcome |
//! |---|---|
//! | Cabinet's agenda out the day after the panel's titles an item with the panel's withheld evaluation title (control) | refused |
//! | the same, December's agenda (`agenda_published:` 2 December, not yet out) listing the deferred evaluation under an exempt item titled as the report | refused (was leaked: CANARY on Cabinet's page, pack, feed, search) |
//! | the same, December's meeting.yaml with no `agenda_published:` yet | refused (was leaked) |
//! | the same, an exempt item added late to October's agenda, its `published:` after the build date | refused (was leaked) |
//! | Cabinet's report out the day after members had the tender quoting its first sentence (control) | refused |
//! | the same, December's agenda (not out) listing the tender under an exempt item titled with that sentence | refused (was leaked: the tender's body words on Cabinet's report page) |
//! | December's exempt item titled with September's evaluation title, listing a new note only | refused |
//! | an exempt item titled with the real title its paper hides behind `public_title` | refused |
//! | a sub-item (hidden title) of December's exempt item titled as the evaluation and listing it; Cabinet's title of 17 September the same | refused |
//! | the evaluation listed again under a public item (`exempt:` left off) titled with its body's words | refused |
//! | December's exempt item titled with a line of September's exempt score sheet, listing a note that links the same sheet | refused |
//! | Cabinet's item added with `published:` the day members had the evaluation, titled as it | refused |
//! | a second panel meeting the same day, agenda out the same day, an item titled as the evaluation | refused |
//! | a deferred report listed under December's exempt item titled with the report's first line (control) | built |
//! | the same item hiding its real title behind a `public_title` equal to the report's first line | built (was a false positive) |
//!
//! Held elsewhere or documented, not repeated here: names (council, committees, members,
//! parties, divisions) drop an equal withheld title whatever the day, by design; a title
//! on the public agenda of the same meeting excuses a withheld paper of that meeting; an
//! exempt item's title may repeat the words of the papers it lists, whatever the days.
//!
//! Tests with a doc comment starting "Found:" failed when written (four leaks, one false
//! positive); each asserts the correct behaviour and gives the diagnosis. The four leaks
//! had one cause: `inventory::Reader::item` took an exempt item's title as a public
//! title, and as the heading of its papers' notices (`item_titles`, then
//! `Unit::titled_by`), whether or not the item was out on the build date. All five pass
//! since the same session: only an item that is out shows a title, and an exempt item's
//! `public_title` heads its papers' notices as its title does (`Reader::heads_notices`).

use crate::common::attack::assert_withheld;
use crate::common::dates::{
    CABINET, PANEL, TENDER, assert_gate_stops, cabinet_item, evaluation_site, report, tender_site,
};
use crate::common::pdf_with_text;
use crate::common::site::{Site, meeting};

/// The title of the tender's evaluation, withheld with the September exempt item.
const EVALUATION: &str = "Tender evaluation: CANARY_DATES7_TITLE Limited, the preferred bidder";

/// The body of the evaluation.
const EVALUATION_BODY: &str = "Four tenders were scored; CANARY_DATES7_BODY scored highest.";

/// The panel's December meeting (10 December) whose meeting.yaml has `agenda` (an
/// `agenda_published:` line, or nothing) and `items`.
fn december_raw(site: &Site, agenda: &str, items: &str) {
    site.write(
        &format!("{PANEL}/2021-12-10/meeting.yaml"),
        &format!(
            "date: 2021-12-10\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: scheduled\n{agenda}items:\n{items}"
        ),
    );
}

/// December's exempt item titled `title`, listing the September evaluation again
/// (deferred).
fn deferred_item(title: &str) -> String {
    format!(
        "  - title: Apologies for absence\n  - title: \"{title}\"\n    exempt: [3]\n    documents: [../2021-09-24/evaluation.md]\n"
    )
}

// --------------------------------- `titled_by` from an exempt item the public has not seen

/// The control: Cabinet's agenda, out on 17 September, the day after members had the
/// evaluation, titles an item with its withheld title: refused on 1 October.
#[test]
fn cabinets_later_title_repeating_the_evaluation_is_refused() {
    let site = evaluation_site("dates7-control", EVALUATION, EVALUATION_BODY);
    cabinet_item(&site, "2021-09-17", EVALUATION, "");
    assert_gate_stops(&site, "2021-10-01", "evaluation.md", "CANARY_DATES7_TITLE");
}

/// Found: the build succeeds on 1 October and CANARY_DATES7_TITLE, the evaluation's
/// withheld title, is on Cabinet's meeting page, its agenda pack, the feed and the
/// search index: December's item title, which no one outside has seen, excuses it.
/// Diagnosis: `src/gate/inventory.rs` `Reader::item` takes an exempt item's title as a
/// public title (`public_title`) and pushes it to `item_titles` for each paper it lists
/// whenever the item is exempt (`why != Some(Why::Unpublished)`), even when the item is
/// not out (`published` false: its agenda's `agenda_published:` after the build date or
/// missing, or its own `published:` later); `Reader::document` then puts that title unit
/// in the paper's `Unit::titled_by`, and `src/gate/mod.rs` `keep_distinctive` excuses a
/// phrase for its owner through `titled_by` whatever the days, marking it
/// `earlier_public`, so the phrase is never looked for and the public text out after
/// members had the paper passes. Fix: in `Reader::item`, note an exempt item's title as a
/// public title, and push it to `item_titles`, only if `published` (the item is out on
/// the build date); a title not yet out is withheld text like the rest of the item.
/// The attack: the same, with December's agenda being drafted: its `agenda_published:`
/// is 2 December (not yet out on 1 October), and it lists the deferred evaluation under
/// an exempt item titled as the report. Nobody outside has seen December's title.
#[test]
fn an_unpublished_agendas_item_title_does_not_excuse_a_withheld_title() {
    let site = evaluation_site("dates7-unpublished-agenda", EVALUATION, EVALUATION_BODY);
    cabinet_item(&site, "2021-09-17", EVALUATION, "");
    december_raw(
        &site,
        "agenda_published: 2021-12-02\n",
        &deferred_item(EVALUATION),
    );
    assert_gate_stops(&site, "2021-10-01", "evaluation.md", "CANARY_DATES7_TITLE");
}

/// Found: the same leak (quire warns that December's papers are not published, and
/// publishes Cabinet's title with CANARY_DATES7_TITLE).
/// Diagnosis and fix: as for
/// `an_unpublished_agendas_item_title_does_not_excuse_a_withheld_title`.
/// The attack: the same, December's meeting.yaml written with no `agenda_published:`
/// yet.
#[test]
fn an_agenda_with_no_publication_day_does_not_excuse_a_withheld_title() {
    let site = evaluation_site("dates7-no-agenda-day", EVALUATION, EVALUATION_BODY);
    cabinet_item(&site, "2021-09-17", EVALUATION, "");
    december_raw(&site, "", &deferred_item(EVALUATION));
    assert_gate_stops(&site, "2021-10-01", "evaluation.md", "CANARY_DATES7_TITLE");
}

/// Found: the same leak, through a late item of a published agenda (quire only warns
/// that the evaluation "says published: 5 October 2021", from the late listing).
/// Diagnosis and fix: as for
/// `an_unpublished_agendas_item_title_does_not_excuse_a_withheld_title`.
/// The attack: the same, the deferred evaluation brought back instead by an exempt item
/// added late to the agenda of the panel's meeting of 15 October (out 30 September),
/// the item's own `published:` 5 October: not yet out on 1 October.
#[test]
fn a_late_items_title_not_yet_out_does_not_excuse_a_withheld_title() {
    let site = evaluation_site("dates7-late-item", EVALUATION, EVALUATION_BODY);
    cabinet_item(&site, "2021-09-17", EVALUATION, "");
    meeting(
        &site,
        "panel",
        "2021-10-15",
        "2021-09-30",
        &format!(
            "  - title: Apologies for absence\n  - title: \"{EVALUATION}\"\n    published: 2021-10-05\n    exempt: [3]\n    documents: [../2021-09-24/evaluation.md]\n"
        ),
    );
    let err = assert_gate_stops(&site, "2021-10-01", "evaluation.md", "CANARY_DATES7_TITLE");
    assert!(
        err.contains("would be published in committees/cabinet/2021-09-27"),
        "{err}"
    );
}

/// The tender's words as an item title: its first sentence.
fn tender_words() -> &'static str {
    TENDER.trim_end_matches('.')
}

/// The tender of 24 September; Cabinet's public report out 17 September quoting its
/// first sentence; and, if `december`, December's agenda (not out yet) listing the
/// tender again under an exempt item titled with that sentence.
fn tender_quote_site(label: &str, december: bool) -> Site {
    let site = tender_site(label, true, "");
    cabinet_item(&site, "2021-09-17", "Leisure centre works", "");
    report(
        &site,
        &format!("{CABINET}/2021-09-27/works.md"),
        "",
        &format!("The panel was told: {TENDER}"),
    );
    if december {
        let items = format!(
            "  - title: Apologies for absence\n  - title: \"{}\"\n    exempt: [3]\n    documents: [../2021-09-24/tender.md]\n",
            tender_words()
        );
        december_raw(&site, "agenda_published: 2021-12-02\n", &items);
    }
    site
}

/// The control: Cabinet's report, out the day after members had the tender, quotes
/// it: refused.
#[test]
fn cabinets_report_quoting_the_tender_is_refused() {
    let site = tender_quote_site("dates7-quote-control", false);
    assert_gate_stops(&site, "2021-10-01", "tender.md", "CANARY_DATES_BIDDER");
}

/// Found: the build succeeds and CANARY_DATES_BIDDER, the tender's bidder and price,
/// is on Cabinet's report page, its pack and the search index: not a title this time,
/// but the paper's own words, excused because an item not yet out quotes them.
/// Diagnosis and fix: as for
/// `an_unpublished_agendas_item_title_does_not_excuse_a_withheld_title`.
/// The attack: the same, December's agenda (not out) listing the tender under an exempt
/// item titled with the quoted sentence.
#[test]
fn an_unpublished_item_title_does_not_excuse_a_quote_of_its_paper() {
    let site = tender_quote_site("dates7-quote-december", true);
    assert_gate_stops(&site, "2021-10-01", "tender.md", "CANARY_DATES_BIDDER");
}

// ------------------------------------------------ what an exempt item's title excuses

/// December's agenda (out 2 December) with an exempt item titled [`EVALUATION`] that
/// lists a new note of its own, not the evaluation (the officer copied September's
/// report title for the new item). Refused: the note's notice may repeat its item's
/// title, but the evaluation was September's.
#[test]
fn an_item_title_quoting_another_exempt_paper_is_refused() {
    let site = evaluation_site("dates7-other-paper", EVALUATION, EVALUATION_BODY);
    meeting(
        &site,
        "panel",
        "2021-12-10",
        "2021-12-02",
        &format!(
            "  - title: Apologies for absence\n  - title: \"{EVALUATION}\"\n    exempt: [3]\n    documents: [note.md]\n"
        ),
    );
    site.write(
        &format!("{PANEL}/2021-12-10/note.md"),
        "---\ntitle: Works note\nkind: report\n---\n\nThe works begin on CANARY_DATES7_NOTE.\n",
    );
    assert_gate_stops(&site, "2021-12-20", "evaluation.md", "CANARY_DATES7_TITLE");
}

/// The evaluation with a `public_title` of its own, its real title hidden; the
/// September exempt item that lists it titled with that real title (the officer's
/// mistake). Refused: a hidden title is always looked for.
#[test]
fn an_exempt_item_titled_with_its_papers_hidden_title_is_refused() {
    let site = Site::new("dates7-hidden-paper-title");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        &format!(
            "  - title: Apologies for absence\n  - title: \"{EVALUATION}\"\n    exempt: [3]\n    documents: [evaluation.md]\n"
        ),
    );
    site.write(
        &format!("{PANEL}/2021-09-24/evaluation.md"),
        &format!(
            "---\ntitle: \"{EVALUATION}\"\npublic_title: Tender evaluation report\nkind: report\n---\n\nFour tenders were scored.\n"
        ),
    );
    assert_gate_stops(&site, "2021-10-01", "evaluation.md", "CANARY_DATES7_TITLE");
}

/// The September evaluation listed again in December under an exempt item whose own
/// title is inside an exempt item (a sub-item, its title hidden), titled as the report;
/// Cabinet's item of 17 September titled the same. Refused: the sub-item's title was
/// never public.
#[test]
fn a_sub_items_hidden_title_does_not_excuse_a_withheld_title() {
    let site = evaluation_site("dates7-sub-item", EVALUATION, EVALUATION_BODY);
    cabinet_item(&site, "2021-09-17", EVALUATION, "");
    meeting(
        &site,
        "panel",
        "2021-12-10",
        "2021-12-02",
        &format!(
            "  - title: Apologies for absence\n  - title: Leisure centre works\n    exempt: [3]\n    items:\n      - title: \"{EVALUATION}\"\n        documents: [../2021-09-24/evaluation.md]\n"
        ),
    );
    assert_gate_stops(&site, "2021-12-20", "evaluation.md", "CANARY_DATES7_TITLE");
}

/// The September evaluation listed again in December under a public item (deferred, the
/// officer leaving `exempt:` off) whose title quotes the report's body. Refused.
#[test]
fn a_public_items_title_quoting_its_withheld_paper_is_refused() {
    let site = evaluation_site("dates7-public-item", EVALUATION, EVALUATION_BODY);
    meeting(
        &site,
        "panel",
        "2021-12-10",
        "2021-12-02",
        "  - title: \"Four tenders were scored; CANARY_DATES7_BODY scored highest\"\n    documents: [../2021-09-24/evaluation.md]\n",
    );
    assert_gate_stops(&site, "2021-12-20", "evaluation.md", "CANARY_DATES7_BODY");
}

/// A line of the tender's score sheet (a PDF), long enough to be a phrase.
const SCORES: &str = "Quality and price scores: CANARY_DATES7_SCORES Limited 87, Holly Construction 81, Garth Builders 74";

/// The tender of 24 September links its score sheet; December's agenda (out 2
/// December) has an exempt item titled [`SCORES`] listing a new note that links the same
/// sheet. Refused: the note's item heading may name its own attachment, but September's
/// tender had the sheet first.
#[test]
fn an_item_title_cannot_repeat_an_attachment_another_withheld_paper_had_first() {
    let site = tender_site("dates7-scores", true, "[Score sheet](files/scores.pdf)");
    site.write_bytes(
        &format!("{PANEL}/2021-09-24/files/scores.pdf"),
        &pdf_with_text(SCORES),
    );
    meeting(
        &site,
        "panel",
        "2021-12-10",
        "2021-12-02",
        &format!(
            "  - title: Apologies for absence\n  - title: \"{SCORES}\"\n    exempt: [3]\n    documents: [note.md]\n"
        ),
    );
    site.write(
        &format!("{PANEL}/2021-12-10/note.md"),
        "---\ntitle: Works note\nkind: report\n---\n\nThe works begin in January. [Score sheet](../2021-09-24/files/scores.pdf)\n",
    );
    assert_gate_stops(&site, "2021-12-20", "scores.pdf", "CANARY_DATES7_SCORES");
}

// ------------------------------------------------------ the same day, another meeting

/// Cabinet's agenda out on 10 September; an item added to it with its own `published:`
/// of 16 September (the day members had the evaluation) titled with the evaluation's
/// title. Refused: the same day, but not the panel's agenda.
#[test]
fn a_late_item_of_another_meeting_the_same_day_cannot_repeat_a_withheld_title() {
    let site = evaluation_site("dates7-late-same-day", EVALUATION, EVALUATION_BODY);
    cabinet_item(
        &site,
        "2021-09-10",
        EVALUATION,
        "    published: 2021-09-16\n",
    );
    assert_gate_stops(&site, "2021-10-01", "evaluation.md", "CANARY_DATES7_TITLE");
}

/// A second panel meeting the same day (`2021-09-24-extra`), its agenda out on 16
/// September too, with a public item titled as the evaluation. Refused: another
/// meeting's agenda.
#[test]
fn a_second_meeting_the_same_day_cannot_repeat_a_withheld_title() {
    let site = evaluation_site("dates7-extra-same-day", EVALUATION, EVALUATION_BODY);
    site.write(
        &format!("{PANEL}/2021-09-24-extra/meeting.yaml"),
        &format!(
            "date: 2021-09-24\ntime: \"14:00\"\nvenue: Committee Room 1\nstatus: scheduled\nagenda_published: 2021-09-16\nitems:\n  - title: \"{EVALUATION}\"\n    documents: [works.md]\n"
        ),
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24-extra/works.md"),
        "",
        "The works are to start in the new year.",
    );
    assert_gate_stops(&site, "2021-10-01", "evaluation.md", "CANARY_DATES7_TITLE");
}

// ------------------------------------------------------------- ordinary sites that build

/// The first line of the evaluation's body, which a neutral public title may repeat.
const HEADING: &str =
    "Leisure centre works contract: the evaluation of the tenders received in August";

/// The evaluation (its body opening with [`HEADING`]) under September's exempt item;
/// December's agenda (out 2 December) lists it again under an exempt item whose real
/// title names the bidder and whose `public_title` is `public`, or (`None`) under an
/// exempt item titled [`HEADING`].
fn heading_site(label: &str, public: Option<&str>) -> Site {
    let site = Site::new(label);
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: [3]\n    documents: [evaluation.md]\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/evaluation.md"),
        &format!(
            "---\ntitle: Tender evaluation\nkind: report\n---\n\n{HEADING}.\n\nThe preferred bidder is CANARY_DATES7_BIDDER Limited.\n"
        ),
    );
    let item = match public {
        Some(p) => format!(
            "  - title: \"Award to CANARY_DATES7_HIDDEN Limited\"\n    public_title: \"{p}\"\n"
        ),
        None => format!("  - title: \"{HEADING}\"\n"),
    };
    meeting(
        &site,
        "panel",
        "2021-12-10",
        "2021-12-02",
        &format!(
            "  - title: Apologies for absence\n{item}    exempt: [3]\n    documents: [../2021-09-24/evaluation.md]\n"
        ),
    );
    site
}

/// The control: December's exempt item titled with the report's first line: built.
#[test]
fn a_deferred_report_repeating_its_items_title_builds() {
    let site = heading_site("dates7-heading-title", None);
    assert_withheld(&site, "2021-12-20", &["CANARY_DATES7_BIDDER"]);
}

/// Found (a false positive): the build stops, "words withheld from the public … would be
/// published in committees/panel/2021-12-10/agenda-pack.pdf …", the hint naming
/// December's meeting.yaml, though the public sees that line only as the heading of the
/// report's own notice (authoring.md: a paper withheld by an exempt item is named by the
/// item's `public_title`, or its title). The control, the same line as the item's title,
/// builds.
/// Diagnosis: `src/gate/inventory.rs` `Reader::item`, arm `Some(p) if !lapsed && …`
/// (an exempt item with a `public_title`), notes `p` as a public title but does not push
/// its unit to `item_titles` for the item's documents, as the plain-title arm does; so the
/// report's `Unit::titled_by` lacks it, the title is dated 2 December, the report 16
/// September, and `gate::predates` does not excuse it (another meeting). Fix: in that arm,
/// when the item is exempt (and out), push the `public_title`'s unit to `item_titles` for
/// each document it lists; the real title stays hidden, so `keep_distinctive`'s
/// `!hidden` check still keeps it looked for.
/// The attack: the same, December's item keeping the bidder's name out of its heading
/// with a `public_title` equal to the report's first line: the notice for the report is
/// headed with it (authoring.md, "What the public sees").
#[test]
fn a_deferred_report_repeating_its_items_public_title_builds() {
    let site = heading_site("dates7-heading-public-title", Some(HEADING));
    assert_withheld(
        &site,
        "2021-12-20",
        &["CANARY_DATES7_BIDDER", "CANARY_DATES7_HIDDEN"],
    );
}
