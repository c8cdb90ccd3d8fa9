//! Round 8: attacks on the public build through dates and time, as a democratic services
//! officer could make them by mistake: the build date (`--as-of`), `agenda_published:`,
//! an item's or a paper's own `published:` (supplements), exemptions that lapse
//! (`until:`, `src/model/lapses.rs`), malformed dates, far dates and leap days, meetings
//! not yet published (calendar, feed, sitemap, search), a build date moved back after a
//! later one (output/, the standby copy `.output.building`, `.quire-cache/`), and the leak
//! gate's rule that public text dated before a withheld paper may share its words
//! (`src/gate/mod.rs` `predates`, `src/gate/inventory.rs`).
//!
//! Each test writes a small site, plants `CANARY_…` tokens in what must stay private and
//! asserts that no public byte holds them (pages, packs, search index, feed, calendar,
//! sitemap, file names) while the members' edition does, or that the build refuses,
//! naming the file, with a hint, and writes nothing.
//!
//! | attack | outcome |
//! |---|---|
//! | a quote of an exempt report at its own meeting; a plan entry first out after its meeting (controls) | refused |
//! | a late item (`published:`) or a late paper on an EARLIER meeting's agenda quoting an exempt report | **leaked** (gate dates them by their meeting) |
//! | another committee's agenda, out a day after members had the exempt report, meeting earlier | **leaked** |
//! | minutes published (`published:`) after the exempt report went out; minutes with no next meeting dated "today" | **leaked** |
//! | an officer's decision published after the exempt report went out, dated before its meeting | **leaked** |
//! | a forward plan entry first published between the exempt agenda and its meeting | **leaked** |
//! | a forward plan entry's summary edited in place after the exempt agenda went out (keeping `first_published`, no `history:` line) | not caught, and no test: the gate cannot tell when a file's words were written (docs/leak-gate.md, "What the gate does not do") |
//! | an exempt meeting's folder and `date:` a year late (2022 for 2021), agenda out on time | **leaked**: every public text of the year between is "earlier" |
//! | a lapsed item with an appendix or a sub-item exempt for ever; a paper lapsed under an item exempt for ever; a lapsed paper listed exempt in an unpublished agenda | held |
//! | the minute of a lapsed item (public) beside one exempt for ever (withheld) | held |
//! | `until:` a mistyped year on an item (control) | refused (`lapsed-before-published`) |
//! | the same on a meeting's own minutes, on an officer's decision | **leaked** (never checked) |
//! | `until:` between the agenda and a paper's or PDF listing's own `published:` | **leaked** (checked against the agenda's day) |
//! | `until:` as 01/02/2027, a year, a datetime, 29 February 2027, 2027-1-1, words, 20270101; in front matter | refused with the file, line and hint (`+2027-01-01` is read as 2027 and withholds) |
//! | `until:` quoted or not; lapses on its day, not before | held |
//! | `--as-of` moved back after a later build (a lapse, an agenda, a supplement, an officer's decision named by its file); the "nothing changed" shortcut | held: nothing in output/, the standby copy, manifests or `.quire-cache/` |
//! | a meeting not yet published; an item published after the build date | held: date, time and venue only; no feed entry |
//! | meetings on 9999-12-31, 0001-01-01 and 29 February 2024, built on 9999-12-31 | built, no panic, exemptions hold |
//! | 29 February 2023 as `agenda_published:`; folder and `date:` disagreeing; a bad `--as-of` | refused (exit 1 with the file, or exit 2) |
//! | an item published after its meeting | **wrong message**: told to add `urgent:`, which silences it |
//!
//! Tests with a doc comment starting "Found:" failed when written (thirteen: twelve leaks
//! and one message), and pass since the fixes of the fifteenth session:
//! - public text is dated by the day it went public, withheld text by the day members
//!   had it (`gate::inventory::Unit::day`), and public text excuses only the words of
//!   withheld text members had on a later day (`gate::predates`): a late item
//!   or paper, another committee's agenda out after members had the exempt report,
//!   minutes (`published:`, or today), an officer's decision (`published:`), a plan entry
//!   (`first_published`), and every public text once a misdated exempt meeting's agenda
//!   was out;
//! - `lapsed-before-published` (`model::lapses`) also checks a meeting's own minutes
//!   (from the meeting's day), officers' decisions (from `published:`), and a paper's or
//!   a PDF listing's own `published:` day;
//! - an item published after its meeting is told so (`published-after-meeting`), with or
//!   without `urgent:`.

use crate::common::attack::{
    assert_built, assert_refused, assert_withheld, assert_withheld_or_refused,
    outside_sources_holding, owned,
};
use crate::common::dates::{PANEL, TENDER, assert_gate_stops, report, tender_site};
use crate::common::scan::{appears_in, found_in};
use crate::common::site::{Site, meeting};
use crate::common::{build, read, stderr};

// ---------------------------------------------------------------- the gate's dates

/// The control for the gate tests: the same quote at the exempt meeting itself stops the
/// build, and with the tender public it builds and publishes the words.
#[test]
fn the_gate_stops_a_quote_at_the_same_meeting_and_publishes_it_when_nothing_is_exempt() {
    let site = tender_site("dates-gate-control", true, "");
    report(
        &site,
        &format!("{PANEL}/2021-09-24/update.md"),
        "",
        &format!("As the other report says: {TENDER}"),
    );
    let items = "  - title: Apologies for absence\n  - title: Leisure centre update\n    documents: [update.md]\n  - title: Award of the works contract\n    exempt: [3]\n    documents: [tender.md]\n";
    meeting(&site, "panel", "2021-09-24", "2021-09-16", items);
    assert_gate_stops(&site, "2021-10-01", "tender.md", "CANARY_DATES_BIDDER");
    let open = tender_site("dates-gate-control-open", false, "");
    assert_built(&build(open.path(), "2021-10-01", &[]));
    assert!(appears_in(&open.out("output"), "CANARY_DATES_BIDDER"));
}

/// Found: an item added to an EARLIER meeting's agenda after the exempt report went out
/// (`published: 2021-09-28`, on the panel's meeting of 1 September) quotes the exempt
/// tender of 24 September in its body. The gate dates the item's text by its meeting
/// (1 September), "before" the tender, so `predates` excuses every phrase; the build
/// succeeds (with only a notice-period warning, "0 clear working days before the
/// meeting", for an item published after its meeting) and the bidder and price are on
/// the public meeting page, in `supplementary-1.pdf` and in the search index.
/// Diagnosis: `src/gate/inventory.rs` `Reader::item` dates every unit of an item with
/// `Some(m.date)` and ignores `item.published`; `Reader::written` likewise ignores a
/// document's own `published:`. Fix: date public text by the later of its meeting and
/// the day it was actually published (the item's or paper's `published:`, mapped onto
/// the meeting-date scale with `Issued::as_meeting`), so a late paper is never "earlier"
/// than what members already had.
#[test]
fn a_late_item_on_an_earlier_meetings_agenda_cannot_quote_an_exempt_report() {
    let site = tender_site("dates-late-item", true, "");
    meeting(
        &site,
        "panel",
        "2021-09-01",
        "2021-08-20",
        &format!(
            "  - title: Apologies for absence\n  - title: Leisure centre works, further information\n    published: 2021-09-28\n    body: >-\n      Further to the meeting, the Panel is informed: {TENDER}\n"
        ),
    );
    assert_gate_stops(&site, "2021-10-01", "tender.md", "CANARY_DATES_BIDDER");
}

/// Found: the same quote in a paper of the panel's meeting of 1 September with its own
/// `published: 2021-09-28` (a supplementary paper filed in last month's folder) builds:
/// the tender's bidder and price are on `2021-09-01/works-note/`, in
/// `supplementary-1.pdf` and in the search index.
/// Diagnosis: `src/gate/inventory.rs` `Reader::written` dates a public paper by the
/// meetings that show it (`shown_on`, `first_shown`) and never by its own `published:`
/// day, so `predates` in `src/gate/mod.rs` sees 1 September < 24 September. Fix: as for
/// items, date a public paper no earlier than `Issued::as_meeting(published)`.
#[test]
fn a_late_paper_on_an_earlier_meetings_agenda_cannot_quote_an_exempt_report() {
    let site = tender_site("dates-late-paper", true, "");
    meeting(
        &site,
        "panel",
        "2021-09-01",
        "2021-08-20",
        "  - title: Apologies for absence\n  - title: Leisure centre works\n    documents: [works-note.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-01/works-note.md"),
        "published: 2021-09-28\n",
        &format!("Further to the meeting, the Panel is informed: {TENDER}"),
    );
    assert_gate_stops(&site, "2021-10-01", "tender.md", "CANARY_DATES_BIDDER");
}

/// Found: two committees whose agenda cycles overlap. The panel's exempt tender went to
/// members on 16 September (meeting 24 September); Cabinet's agenda for 20 September
/// went out on 17 September with a report quoting the tender. The build succeeds (only a
/// notice-period warning) and the bidder and price are on
/// `cabinet/2021-09-20/programme/`, in its `agenda-pack.pdf` and the search index.
/// Diagnosis: `src/gate/mod.rs` `predates` compares meeting dates (20 < 24 September),
/// but the public report was written after the withheld one was circulated. The gate
/// already knows this for the forward plan (`src/gate/inventory.rs` `Issued`:
/// "members have them from the day the agenda goes out"), but not for meeting papers.
/// Fix: date each public unit by `max(meeting date, Issued::as_meeting(day it was
/// published))` (agenda_published, or the item's or paper's own `published:`), so
/// public text is "earlier" only if it was out before the withheld text went to members.
#[test]
fn a_report_published_after_the_exempt_one_went_out_is_not_earlier_public_text() {
    let site = tender_site("dates-overlap", true, "");
    site.committee("cabinet", "Cabinet");
    meeting(
        &site,
        "cabinet",
        "2021-09-20",
        "2021-09-17",
        "  - title: Leisure centre programme\n    documents: [programme.md]\n",
    );
    report(
        &site,
        "content/committees/cabinet/2021-09-20/programme.md",
        "",
        &format!("The Panel will be told: {TENDER}"),
    );
    assert_gate_stops(&site, "2021-10-01", "tender.md", "CANARY_DATES_BIDDER");
}

/// Found: Cabinet's minutes of 1 September, approved at its meeting of 10 September but
/// published (`published: 2021-09-28`) after the panel's exempt tender went to members
/// (16 September), quote the tender. The build succeeds; bidder and price are on
/// `cabinet/2021-09-01/minutes/` and in the search index.
/// Diagnosis: `src/gate/inventory.rs` `Reader::meetings` dates minutes by the next
/// meeting of their own committee (10 September) and `predates` excuses them against
/// the tender (24 September); the minutes' own `published:` day is ignored. Fix: date
/// minutes no earlier than `Issued::as_meeting` of their `published:` day (and of the
/// build date when they have none, as for minutes with no next meeting).
#[test]
fn minutes_published_after_the_exempt_report_went_out_cannot_quote_it() {
    let site = tender_site("dates-late-minutes", true, "");
    site.committee("cabinet", "Cabinet");
    meeting(
        &site,
        "cabinet",
        "2021-09-01",
        "2021-08-20",
        "  - title: Leisure centre programme\n",
    );
    meeting(
        &site,
        "cabinet",
        "2021-09-10",
        "2021-09-02",
        "  - title: Apologies for absence\n",
    );
    site.write(
        "content/committees/cabinet/2021-09-01/minutes.md",
        &format!("---\ntitle: Minutes of the meeting held on 1 September 2021\nkind: minutes\npublished: 2021-09-28\n---\n\n## 1 Leisure centre programme\n\nCabinet noted: {TENDER}\n"),
    );
    assert_gate_stops(&site, "2021-10-01", "tender.md", "CANARY_DATES_BIDDER");
}

// --------------------------------------------------------------- lapsing exemptions

/// An exempt item whose exemption lapsed publishes its report in full, marked
/// "previously exempt"; its PDF appendix, exempt on its own with no end date, stays
/// withheld on the page, in the pack and in search.
#[test]
fn a_lapsed_item_keeps_its_appendix_that_is_exempt_for_ever() {
    let site = Site::new("dates-lapsed-appendix");
    site.pdf(&format!("{PANEL}/2021-09-24/files/appendix.pdf"));
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: { paragraphs: [3], until: 2021-09-30 }\n    documents:\n      - works.md\n      - { file: files/appendix.pdf, title: \"Appendix A: CANARY_DATES_APPENDIX_TITLE\", public_title: \"Appendix A\", exempt: [3] }\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/works.md"),
        "",
        "The works contract was awarded. CANARY_DATES_LAPSED_PUBLIC",
    );
    assert_withheld(
        &site,
        "2021-10-01",
        &["CANARY_EXEMPT_PDF_TEXT", "CANARY_DATES_APPENDIX_TITLE"],
    );
    // What the public sees: the report, in full, as previously exempt.
    let page = site.text("output/committees/panel/2021-09-24/index.html");
    assert!(page.contains("Award of the works contract"), "{page}");
    assert!(appears_in(
        &site.out("output"),
        "CANARY_DATES_LAPSED_PUBLIC"
    ));
    assert!(
        appears_in(&site.out("output"), "previously exempt"),
        "the lapsed item is not marked as previously exempt"
    );
}

/// The reverse: the paper's own exemption lapsed, the item listing it is exempt with no
/// end date. The most restrictive wins.
#[test]
fn a_paper_whose_own_exemption_lapsed_stays_withheld_by_its_exempt_item() {
    let site = Site::new("dates-paper-lapsed");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: [3]\n    documents: [works.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/works.md"),
        "exempt: { paragraphs: [3], until: 2021-09-30 }\n",
        "The price was CANARY_DATES_ITEM_FOREVER.",
    );
    assert_withheld(&site, "2021-10-01", &["CANARY_DATES_ITEM_FOREVER"]);
    // And after both would have lapsed had the item an end date, still withheld.
    assert_withheld(&site, "2099-01-01", &["CANARY_DATES_ITEM_FOREVER"]);
}

/// A lapsed parent item with a sub-item exempt with no end date: the sub-item's paper
/// stays withheld; the parent's paper is public.
#[test]
fn a_lapsed_item_keeps_its_sub_item_that_is_exempt_for_ever() {
    let site = Site::new("dates-lapsed-sub");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Children's homes\n    exempt: { paragraphs: [1], until: 2021-09-30 }\n    documents: [homes.md]\n    items:\n      - title: Placement of Child CANARY_DATES_SUB_TITLE\n        public_title: An individual placement\n        exempt: [1, 2]\n        documents: [placement.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/homes.md"),
        "",
        "Ofsted rated two homes good. CANARY_DATES_PARENT_PUBLIC",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/placement.md"),
        "",
        "Child CANARY_DATES_SUB_CHILD was placed out of area.",
    );
    assert_withheld(
        &site,
        "2021-10-01",
        &["CANARY_DATES_SUB_TITLE", "CANARY_DATES_SUB_CHILD"],
    );
    assert!(appears_in(
        &site.out("output"),
        "CANARY_DATES_PARENT_PUBLIC"
    ));
    let page = site.text("output/committees/panel/2021-09-24/index.html");
    assert!(page.contains("An individual placement"), "{page}");
}

/// A paper listed by an item whose exemption lapsed, and by an exempt item of a later
/// meeting whose agenda is not out yet: the later listing still withholds it, and its
/// title there is not shown.
#[test]
fn a_paper_exempt_again_in_an_unpublished_agenda_stays_withheld_after_a_lapse() {
    let site = Site::new("dates-relisted");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: { paragraphs: [3], until: 2021-09-30 }\n    documents: [works.md]\n",
    );
    meeting(
        &site,
        "panel",
        "2021-11-24",
        "2021-11-16",
        "  - title: Works contract dispute CANARY_DATES_LATER_TITLE\n    exempt: [3, 5]\n    documents: [../2021-09-24/works.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/works.md"),
        "",
        "The price was CANARY_DATES_RELISTED_PRICE.",
    );
    assert_withheld(
        &site,
        "2021-10-01",
        &["CANARY_DATES_RELISTED_PRICE", "CANARY_DATES_LATER_TITLE"],
    );
}

/// The minute of an exempt item follows the item: withheld while the exemption is in
/// force, published in full once it lapses. A second exempt item with no end date keeps
/// its minute withheld in the same minutes.
#[test]
fn minutes_of_a_lapsed_item_are_public_and_of_an_item_exempt_for_ever_are_not() {
    let site = Site::new("dates-minutes-lapse");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: { paragraphs: [3], until: 2021-12-31 }\n    minutes_summary: The Panel awarded the works contract.\n  - title: Staffing matter\n    exempt: [1]\n    minutes_summary: The Panel considered a staffing matter.\n",
    );
    meeting(
        &site,
        "panel",
        "2021-10-20",
        "2021-10-12",
        "  - title: Minutes of the meeting held on 24 September 2021\n    documents: [../2021-09-24/minutes.md]\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/minutes.md"),
        "---\ntitle: Minutes of the meeting held on 24 September 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Award of the works contract\n\nThe Panel awarded the contract at CANARY_DATES_MINUTE_LAPSES.\n\n## 3 Staffing matter\n\nThe Panel agreed to dismiss CANARY_DATES_MINUTE_FOREVER.\n",
    );
    assert_withheld(
        &site,
        "2021-11-01",
        &["CANARY_DATES_MINUTE_LAPSES", "CANARY_DATES_MINUTE_FOREVER"],
    );
    // After the first lapses: its minute is out, the other is not.
    assert_withheld(&site, "2022-01-01", &["CANARY_DATES_MINUTE_FOREVER"]);
    assert!(
        appears_in(&site.out("output"), "CANARY_DATES_MINUTE_LAPSES"),
        "the lapsed item's minute was not published"
    );
}

/// The control for the typo findings below: an item exempt `until:` a mistyped year is
/// refused (`lapsed-before-published`), naming meeting.yaml and its line, with a hint.
#[test]
fn an_item_exempt_until_a_mistyped_year_is_refused() {
    let site = Site::new("dates-item-typo");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: { paragraphs: [3], until: 2020-09-30 }\n    documents: [works.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/works.md"),
        "",
        "The price was CANARY_DATES_ITEM_TYPO.",
    );
    assert_refused(
        &site,
        "2021-10-10",
        "2021-09-24/meeting.yaml:9",
        "on or before the day these papers were first published",
    );
}

/// Found: a meeting's own minutes exempt in their front matter with a mistyped year
/// (`until: 2020-09-30` for 2027) are never checked by `lapsed-before-published`: the
/// build publishes them in full as "previously exempt ... Published on 30 September
/// 2020", a date before the meeting was held.
/// Diagnosis: `src/model/lapses.rs` `check` notes the first publication only of the
/// documents items list (`items`), never a meeting's own `minutes` (`m.minutes`), which
/// are published with the meeting page without an item listing them. Fix: in `check`,
/// also note `m.minutes` with the day the minutes were published (their `published:`
/// or the agenda's day).
#[test]
fn minutes_exempt_until_a_mistyped_year_are_refused() {
    let site = Site::new("dates-minutes-typo");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Staffing\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/minutes.md"),
        "---\ntitle: Minutes of the meeting held on 24 September 2021\nkind: minutes\nexempt: { paragraphs: [1], until: 2020-09-30 }\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Staffing\n\nThe Panel agreed to dismiss CANARY_DATES_MINUTES_TYPO.\n",
    );
    assert_withheld_or_refused(
        &site,
        "2021-10-10",
        &["CANARY_DATES_MINUTES_TYPO"],
        "2021-09-24/minutes.md",
    );
}

/// Found: a supplementary paper (front matter `published: 2021-09-22`, agenda out on
/// 16 September) exempt `until: 2021-09-20` (a slip) builds without a word: it is never
/// out while exempt, and from 22 September it is published in full as "previously
/// exempt" (`works/`, `supplementary-1.pdf`, search index).
/// Diagnosis: `src/model/lapses.rs` `items` takes a document's first publication as the
/// day of the item listing it (`item.published` or the agenda's day) and ignores the
/// document's own `published:` (`Document::published`), so `until` is compared with 16
/// September, not 22. Fix: in `check`, compare a document's `until` with the later of its
/// first listing's day and its own `published:` day.
#[test]
fn a_supplementary_paper_exempt_until_before_its_own_publication_is_refused() {
    let site = Site::new("dates-supplement-typo");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    documents: [works.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/works.md"),
        "published: 2021-09-22\nexempt: { paragraphs: [3], until: 2021-09-20 }\n",
        "The price was CANARY_DATES_SUPPLEMENT_TYPO.",
    );
    assert_withheld_or_refused(
        &site,
        "2021-09-23",
        &["CANARY_DATES_SUPPLEMENT_TYPO"],
        "2021-09-24/works.md",
    );
}

/// An exemption lapses on its `until:` day, not the day before; a quoted date and an
/// unquoted one are the same date.
#[test]
fn an_exemption_lapses_on_its_day_whether_the_date_is_quoted_or_not() {
    for (label, until) in [
        ("plain", "2021-10-05"),
        ("quoted", "\"2021-10-05\""),
        ("single", "'2021-10-05'"),
    ] {
        let site = Site::new(&format!("dates-lapse-day-{label}"));
        meeting(
            &site,
            "panel",
            "2021-09-24",
            "2021-09-16",
            &format!(
                "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: {{ paragraphs: [3], until: {until} }}\n    documents: [works.md]\n"
            ),
        );
        report(
            &site,
            &format!("{PANEL}/2021-09-24/works.md"),
            "",
            "The price was CANARY_DATES_LAPSE_DAY.",
        );
        assert_withheld(&site, "2021-10-04", &["CANARY_DATES_LAPSE_DAY"]);
        assert_built(&build(site.path(), "2021-10-05", &[]));
        assert!(
            appears_in(&site.out("output"), "CANARY_DATES_LAPSE_DAY"),
            "{label}: not published on its until: day"
        );
    }
}

/// `until:` written any way but `YYYY-MM-DD` is refused, naming meeting.yaml, with a
/// hint: a British date (01/02/2027: 1 February or 2 January?), a year, a date with a
/// time, a day that does not exist (29 February 2027), a date without zeros, words.
#[test]
fn an_until_that_is_not_a_plain_date_is_refused() {
    let variants = [
        "01/02/2027",
        "2027",
        "2027-01-01T00:00:00Z",
        "2027-01-01 09:00",
        "2027-02-29",
        "2027-1-1",
        "1 February 2027",
        "\"2027-13-01\"",
        "20270101",
        "+2027-01-01",
        "2027-01-01.",
    ];
    let mut wrong = Vec::new();
    for v in variants {
        let site = Site::new("dates-bad-until");
        meeting(
            &site,
            "panel",
            "2021-09-24",
            "2021-09-16",
            &format!(
                "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: {{ paragraphs: [3], until: {v} }}\n    documents: [works.md]\n"
            ),
        );
        report(
            &site,
            &format!("{PANEL}/2021-09-24/works.md"),
            "",
            "The price was CANARY_DATES_BAD_UNTIL.",
        );
        // Before the day the officer meant (2027): a date read as any earlier day
        // would publish the price.
        let out = build(site.path(), "2026-06-01", &[]);
        let err = stderr(&out);
        let public = site.out("output").exists()
            && appears_in(&site.out("output"), "CANARY_DATES_BAD_UNTIL");
        let refused = out.status.code() == Some(1)
            && err.contains("2021-09-24/meeting.yaml")
            && err.contains("until")
            && err.contains("hint:")
            && !err.contains("internal error")
            && !site.out("output").exists();
        if out.status.success() && !public {
            eprintln!("until: {v} is read as a date on or after 2026-06-01 and withholds");
        }
        if public || !(refused || out.status.success()) {
            wrong.push(format!("until: {v} (public: {public}):\n{err}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n---\n"));
}

/// The same for an exemption in a paper's front matter.
#[test]
fn an_until_in_front_matter_that_is_not_a_plain_date_is_refused() {
    for v in ["01/02/2027", "2027", "2027-01-01T09:00:00"] {
        let site = Site::new("dates-bad-until-front");
        meeting(
            &site,
            "panel",
            "2021-09-24",
            "2021-09-16",
            "  - title: Apologies for absence\n  - title: Award of the works contract\n    documents: [works.md]\n",
        );
        report(
            &site,
            &format!("{PANEL}/2021-09-24/works.md"),
            &format!("exempt: {{ paragraphs: [3], until: {v} }}\n"),
            "The price was CANARY_DATES_BAD_UNTIL_FRONT.",
        );
        assert_refused(&site, "2099-01-01", "2021-09-24/works.md", "until");
    }
}

// ------------------------------------------------------------- moving the build date

/// The build date moved forward past `until:` publishes the item (the control), then
/// moved back before it withdraws it again: from output/, the standby copy beside it,
/// and every file outside the sources and the cache.
#[test]
fn an_earlier_build_date_after_a_later_one_withdraws_a_lapsed_paper() {
    let site = Site::new("dates-back");
    site.pdf(&format!("{PANEL}/2021-09-24/files/appendix.pdf"));
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Placement of Child CANARY_DATES_BACK_TITLE\n    public_title: An individual placement\n    exempt: { paragraphs: [1], until: 2027-01-01 }\n    documents:\n      - placement.md\n      - { file: files/appendix.pdf, title: Appendix }\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/placement.md"),
        "",
        "Child CANARY_DATES_BACK_CHILD was placed out of area.",
    );
    let canaries = [
        "CANARY_DATES_BACK_TITLE",
        "CANARY_DATES_BACK_CHILD",
        "CANARY_EXEMPT_PDF_TEXT",
    ];
    // Lapsed: all public.
    assert_built(&build(site.path(), "2027-01-02", &[]));
    for c in canaries {
        assert!(
            appears_in(&site.out("output"), c),
            "{c} not public after the lapse"
        );
    }
    // Built again for the same date, so a standby copy exists beside the output.
    assert_built(&build(site.path(), "2027-01-02", &[]));
    // Back before the lapse.
    let out = build(site.path(), "2026-12-31", &[]);
    assert_built(&out);
    let mut leaks = Vec::new();
    for c in canaries {
        let held = outside_sources_holding(&site, c);
        if !held.is_empty() {
            leaks.push(format!("{c}: {held:?}"));
        }
    }
    assert!(
        leaks.is_empty(),
        "withdrawn matter still beside the site: {leaks:#?}"
    );
    let page = site.text("output/committees/panel/2021-09-24/index.html");
    assert!(page.contains("An individual placement"), "{page}");
    // And again, now that the standby copy holds the lapsed build's files.
    assert_built(&build(site.path(), "2026-12-31", &[]));
    for c in canaries {
        let held = outside_sources_holding(&site, c);
        assert!(held.is_empty(), "{c} after a second build: {held:?}");
    }
}

/// The same, where the only change between two builds is `--as-of` and nothing else was
/// touched, so the build that finds nothing changed must not take its shortcut.
#[test]
fn only_the_build_date_changing_is_not_nothing_changed() {
    let site = Site::new("dates-back-unchanged");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: { paragraphs: [3], until: 2027-01-01 }\n    documents: [works.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/works.md"),
        "",
        "The price was CANARY_DATES_SHORTCUT.",
    );
    std::thread::sleep(crate::common::SETTLE);
    assert_built(&build(site.path(), "2027-01-01", &[]));
    assert!(appears_in(&site.out("output"), "CANARY_DATES_SHORTCUT"));
    std::thread::sleep(crate::common::SETTLE);
    let out = build(site.path(), "2027-01-01", &[]);
    assert_eq!(
        crate::common::build_verb(&out),
        "Left",
        "the shortcut was not taken"
    );
    let out = build(site.path(), "2026-12-31", &[]);
    assert_built(&out);
    let held = outside_sources_holding(&site, "CANARY_DATES_SHORTCUT");
    assert!(held.is_empty(), "kept after moving the date back: {held:?}");
}

/// What `.quire-cache/` keeps of a lapsed paper after the date is moved back, twice:
/// nothing (the pack, search shards and gate of the later date are dropped), and the
/// public output is the same as the first time back.
#[test]
fn the_public_cache_does_not_bring_back_a_withdrawn_pack() {
    let site = Site::new("dates-back-cache");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: { paragraphs: [3], until: 2027-01-01 }\n    documents: [works.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/works.md"),
        "",
        "The price was CANARY_DATES_CACHE.",
    );
    assert_built(&build(site.path(), "2027-01-01", &[]));
    assert!(appears_in(&site.out("output"), "CANARY_DATES_CACHE"));
    assert_built(&build(site.path(), "2026-12-31", &[]));
    assert!(!appears_in(&site.out("output"), "CANARY_DATES_CACHE"));
    // Forward again then back again: the same bytes as the first build back.
    let first_back = crate::common::contents(&site.out("output"));
    assert_built(&build(site.path(), "2027-01-01", &[]));
    assert_built(&build(site.path(), "2026-12-31", &[]));
    let second_back = crate::common::contents(&site.out("output"));
    assert_eq!(
        first_back.keys().collect::<Vec<_>>(),
        second_back.keys().collect::<Vec<_>>()
    );
    assert!(!appears_in(&site.out("output"), "CANARY_DATES_CACHE"));
    let held = outside_sources_holding(&site, "CANARY_DATES_CACHE");
    assert!(held.is_empty(), "{held:?}");
    // What the cache keeps (never served), read as the public scan reads (PDF text too).
    let cached = found_in(&site.out(".quire-cache"), &owned(&["CANARY_DATES_CACHE"]));
    assert!(
        cached.is_empty(),
        "the public cache keeps the withdrawn paper: {cached:?}"
    );
}

// ------------------------------------------------------ meetings not yet published

/// A meeting whose agenda goes out after the build date: the calendar shows it (date,
/// time, venue), nothing of its business is anywhere public.
#[test]
fn a_meeting_not_yet_published_shows_its_date_only_in_the_calendar_and_feed() {
    let site = Site::new("dates-not-yet");
    meeting(
        &site,
        "panel",
        "2021-10-20",
        "2021-10-12",
        "  - title: Closure of CANARY_DATES_HOME_TITLE children's home\n    documents: [closure.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-10-20/closure.md"),
        "",
        "Residents CANARY_DATES_RESIDENT will move.",
    );
    assert_withheld(
        &site,
        "2021-10-11",
        &["CANARY_DATES_HOME_TITLE", "CANARY_DATES_RESIDENT"],
    );
    let ics = read(&site.out("output/meetings.ics"));
    assert!(
        ics.contains("DTSTART;TZID=Europe/London:20211020T100000"),
        "{ics}"
    );
    let page = site.text("output/committees/panel/2021-10-20/index.html");
    assert!(
        page.contains("Papers will be published on 12 October 2021"),
        "{page}"
    );
    let feed = read(&site.out("output/feed.xml"));
    assert!(!feed.contains("committees/panel/2021-10-20"), "{feed}");
    // The control: on its day, it is out.
    assert_built(&build(site.path(), "2021-10-12", &[]));
    assert!(appears_in(&site.out("output"), "CANARY_DATES_RESIDENT"));
}

// ------------------------------------------------------------ far dates, leap days

/// A build dated at the end of the calendar, with meetings on the last day there is and
/// the first, and a leap day: no internal error, and an exemption with no end date
/// still withholds.
#[test]
fn far_dates_and_leap_days_do_not_break_the_build_or_lapse_an_exemption() {
    let site = Site::new("dates-far");
    meeting(
        &site,
        "panel",
        "9999-12-31",
        "9999-12-20",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: [3]\n    documents: [works.md]\n",
    );
    meeting(
        &site,
        "panel",
        "2024-02-29",
        "2024-02-20",
        "  - title: Staffing\n    exempt: { paragraphs: [1], until: 2025-02-28 }\n    documents: [staff.md]\n",
    );
    meeting(
        &site,
        "panel",
        "0001-01-01",
        "0001-01-01",
        "  - title: Apologies for absence\n",
    );
    report(
        &site,
        &format!("{PANEL}/9999-12-31/works.md"),
        "",
        "The price was CANARY_DATES_FAR_PRICE.",
    );
    report(
        &site,
        &format!("{PANEL}/2024-02-29/staff.md"),
        "",
        "The Panel considered CANARY_DATES_LEAP_STAFF.",
    );
    let out = build(site.path(), "9999-12-31", &[]);
    let err = stderr(&out);
    assert!(
        !err.contains("internal error") && !err.contains("panicked"),
        "{err}"
    );
    assert_withheld(&site, "9999-12-31", &["CANARY_DATES_FAR_PRICE"]);
    assert!(appears_in(&site.out("output"), "CANARY_DATES_LEAP_STAFF"));
    let out = build(site.path(), "2025-02-27", &[]);
    let err = stderr(&out);
    assert!(
        !err.contains("internal error") && !err.contains("panicked"),
        "{err}"
    );
    assert_withheld(
        &site,
        "2025-02-27",
        &["CANARY_DATES_LEAP_STAFF", "CANARY_DATES_FAR_PRICE"],
    );
}

/// A meeting folder or `agenda_published:` on a day that does not exist (29 February
/// 2023) is refused with the file and a hint.
#[test]
fn a_day_that_does_not_exist_is_refused() {
    let site = Site::new("dates-no-such-day");
    meeting(
        &site,
        "panel",
        "2023-03-01",
        "2023-02-29",
        "  - title: Staffing\n    exempt: [1]\n    documents: [staff.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2023-03-01/staff.md"),
        "",
        "The Panel considered CANARY_DATES_NO_SUCH_DAY.",
    );
    assert_refused(
        &site,
        "2023-03-10",
        "2023-03-01/meeting.yaml",
        "agenda_published",
    );
}

/// A paper withdrawn by moving the build date back before its agenda's
/// `agenda_published:` day (a preview built for tomorrow, then today's build): nothing
/// of it stays in output/, the standby copy or beside them.
#[test]
fn an_earlier_build_date_withdraws_papers_published_by_a_later_one() {
    let site = Site::new("dates-back-agenda");
    meeting(
        &site,
        "panel",
        "2021-10-20",
        "2021-10-12",
        "  - title: Closure of CANARY_DATES_BACK_AGENDA_TITLE\n    documents: [closure.md]\n  - title: Late report CANARY_DATES_BACK_SUPP_TITLE\n    published: 2021-10-14\n    documents: [late.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-10-20/closure.md"),
        "",
        "Residents CANARY_DATES_BACK_AGENDA_DOC will move.",
    );
    report(
        &site,
        &format!("{PANEL}/2021-10-20/late.md"),
        "",
        "The late figure is CANARY_DATES_BACK_SUPP_DOC.",
    );
    let canaries = [
        "CANARY_DATES_BACK_AGENDA_TITLE",
        "CANARY_DATES_BACK_AGENDA_DOC",
        "CANARY_DATES_BACK_SUPP_TITLE",
        "CANARY_DATES_BACK_SUPP_DOC",
    ];
    for _ in 0..2 {
        assert_built(&build(site.path(), "2021-10-14", &[]));
    }
    for c in canaries {
        assert!(
            appears_in(&site.out("output"), c),
            "{c} not out on 14 October"
        );
    }
    // The day before the supplement: the agenda stays, the supplement goes.
    assert_built(&build(site.path(), "2021-10-13", &[]));
    assert!(appears_in(
        &site.out("output"),
        "CANARY_DATES_BACK_AGENDA_DOC"
    ));
    for c in &canaries[2..] {
        let held = outside_sources_holding(&site, c);
        assert!(held.is_empty(), "{c} on 13 October: {held:?}");
    }
    let feed = read(&site.out("output/feed.xml"));
    assert!(feed.contains("CANARY_DATES_BACK_AGENDA_TITLE"), "{feed}");
    // The day before the agenda: everything goes.
    for _ in 0..2 {
        assert_built(&build(site.path(), "2021-10-11", &[]));
        for c in canaries {
            let held = outside_sources_holding(&site, c);
            assert!(held.is_empty(), "{c} on 11 October: {held:?}");
        }
    }
    let page = site.text("output/committees/panel/2021-10-20/index.html");
    assert!(
        page.contains("Papers will be published on 12 October 2021"),
        "{page}"
    );
}

/// An item added to a published agenda with its own `published:` day after the build
/// date: its title is in no feed entry, calendar event, sitemap, search entry or page.
#[test]
fn an_item_published_after_the_build_date_is_in_no_feed_or_listing() {
    let site = Site::new("dates-future-item");
    meeting(
        &site,
        "panel",
        "2021-10-20",
        "2021-10-12",
        "  - title: Apologies for absence\n  - title: Urgent closure of CANARY_DATES_FUTURE_ITEM home\n    published: 2021-10-18\n    urgent: The home must close before the next meeting.\n    body: >-\n      Residents CANARY_DATES_FUTURE_BODY will move.\n",
    );
    assert_withheld(
        &site,
        "2021-10-15",
        &["CANARY_DATES_FUTURE_ITEM", "CANARY_DATES_FUTURE_BODY"],
    );
    let feed = read(&site.out("output/feed.xml"));
    assert!(feed.contains("Apologies for absence"), "{feed}");
    assert_built(&build(site.path(), "2021-10-18", &[]));
    assert!(appears_in(&site.out("output"), "CANARY_DATES_FUTURE_BODY"));
}

/// Found: an officer's decision exempt `until:` a mistyped year (2020-10-20 for 2027),
/// decided on 20 October 2021 and published the next day, builds with no error or
/// warning: the decision, its reasons and the price are published in full at its own
/// address (named from the file) and in the decisions feed, with no word that it was
/// ever exempt.
/// Diagnosis: `src/model/lapses.rs` `check` walks only the meetings' items; officers'
/// decisions in `content/decisions/` (`src/model/decisions.rs`) are never checked for
/// an exemption that lapses on or before their `published:` (or `date:`) day. Fix:
/// check each officer's decision's exemption against its first public day as items are.
#[test]
fn an_officers_decision_exempt_until_a_mistyped_year_is_refused() {
    let site = Site::new("dates-officer-typo");
    site.write(
        "content/decisions/2021-10-20-purchase-of-holly-garth.md",
        "---\ntitle: Purchase of a property\ndecision_maker: { name: Jane Doe, post: Corporate Director }\ndate: 2021-10-20\npublished: 2021-10-21\nreasons: The vendor CANARY_DATES_OFFICER_REASON accepted.\nexempt: { paragraphs: [3], until: 2020-10-20 }\n---\n\nTo buy the property for CANARY_DATES_OFFICER_PRICE pounds.\n",
    );
    assert_withheld_or_refused(
        &site,
        "2021-11-01",
        &["CANARY_DATES_OFFICER_PRICE", "CANARY_DATES_OFFICER_REASON"],
        "2021-10-20-purchase-of-holly-garth.md",
    );
}

/// Found: a PDF appendix listed as `{ file: files/costs.pdf, published: 2021-09-22,
/// exempt: { paragraphs: [3], until: 2021-09-20 } }` (agenda out 16 September) builds:
/// on 23 September `files/costs.pdf` and `supplementary-1.pdf` carry its text, as
/// "previously exempt", though it was never withheld from the public.
/// Diagnosis: as for a paper's own `published:`, `src/model/lapses.rs` `items` dates the
/// listing by its item, not by the listing's own `published:` day. Fix: take the later
/// of the two (per listing) as the first publication when checking `until`.
#[test]
fn a_supplementary_appendix_exempt_until_before_its_own_publication_is_refused() {
    let site = Site::new("dates-supplement-pdf-typo");
    site.pdf(&format!("{PANEL}/2021-09-24/files/costs.pdf"));
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    documents:\n      - { file: files/costs.pdf, title: Costs, published: 2021-09-22, exempt: { paragraphs: [3], until: 2021-09-20 } }\n",
    );
    assert_withheld_or_refused(
        &site,
        "2021-09-23",
        &["CANARY_EXEMPT_PDF_TEXT"],
        "2021-09-24/meeting.yaml",
    );
}

/// A public forward plan entry, its `summary:` quoting the exempt tender.
fn plan_entry(site: &Site, first_published: &str) {
    site.write(
        "content/forward-plan/cyps-09-21.yaml",
        &format!("ref: CYPS/09/21\nmatter: Leisure centre works contract\nsummary: >-\n  {TENDER}\ndecision_maker: Corporate Director of Resources\nexpected: 2021-12-15\nfirst_published: {first_published}\n"),
    );
}

/// The control: a plan entry that first appeared after the tender's meeting and quotes
/// it stops the build.
#[test]
fn a_plan_entry_first_published_after_the_exempt_meeting_cannot_quote_it() {
    let site = tender_site("dates-plan-after", true, "");
    plan_entry(&site, "2021-09-27");
    assert_gate_stops(&site, "2021-10-01", "tender.md", "CANARY_DATES_BIDDER");
}

/// Found: a forward plan entry that first appeared on 20 September, after the exempt
/// tender went to members (agenda out 16 September) and before its meeting (24
/// September), quotes the tender in its summary. The build succeeds; the bidder and
/// price are on the entry's page, `/forward-plan/cyps-09-21/`.
/// Diagnosis: `src/gate/inventory.rs` `Reader::forward_plan` dates the entry's words by
/// `first_published` as a calendar day (20 September) and `predates` compares it with
/// the tender's meeting date (24 September); the entry's `history` changes, by
/// contrast, go through `Issued::as_meeting` ("members have them from the day the
/// agenda goes out"). Fix: date the entry's words `Some(issued.as_meeting(day))` as
/// `plan_changes` does.
#[test]
fn a_plan_entry_first_published_while_members_had_the_exempt_report_cannot_quote_it() {
    let site = tender_site("dates-plan-between", true, "");
    plan_entry(&site, "2021-09-20");
    assert_gate_stops(&site, "2021-10-01", "tender.md", "CANARY_DATES_BIDDER");
}

/// An exempt officer's decision, its file name saying what it is about, published under
/// its name once the exemption lapses (the control); moving the build date back before
/// the lapse takes the name, the price and the address out of output/, the standby copy
/// and every file beside them.
#[test]
fn an_officers_decision_named_by_its_file_is_withdrawn_when_the_date_moves_back() {
    let site = Site::new("dates-officer-back");
    site.write(
        "content/decisions/2021-10-20-purchase-of-canary-dates-holly-garth.md",
        "---\ntitle: Purchase of CANARY_DATES_OFFICER_TITLE\npublic_title: Purchase of a property\ndecision_maker: { name: Jane Doe, post: Corporate Director }\ndate: 2021-10-20\npublished: 2021-10-21\nexempt: { paragraphs: [3], until: 2027-01-01 }\n---\n\nTo buy the property for CANARY_DATES_OFFICER_BACK pounds.\n",
    );
    let canaries = [
        "canary-dates-holly-garth",
        "CANARY_DATES_OFFICER_TITLE",
        "CANARY_DATES_OFFICER_BACK",
    ];
    for _ in 0..2 {
        assert_built(&build(site.path(), "2027-01-02", &[]));
    }
    for c in canaries {
        assert!(
            appears_in(&site.out("output"), c),
            "{c} not out after the lapse"
        );
    }
    for _ in 0..2 {
        assert_built(&build(site.path(), "2026-12-31", &[]));
        for c in canaries {
            let held = outside_sources_holding(&site, c);
            assert!(held.is_empty(), "{c} after moving the date back: {held:?}");
        }
    }
    assert!(
        site.out("output/decisions/officers/2021-10-20-exempt-1/index.html")
            .exists()
    );
    assert_withheld(&site, "2026-12-31", &canaries);
}

/// A meeting rearranged by changing `date:` but not its folder is refused, naming
/// meeting.yaml, with a hint; so is a folder renamed without its `date:`.
#[test]
fn a_meeting_whose_date_and_folder_disagree_is_refused() {
    for (folder, date) in [("2021-09-24", "2021-09-30"), ("2021-09-30", "2021-09-24")] {
        let site = Site::new("dates-moved");
        site.write(
            &format!("{PANEL}/{folder}/meeting.yaml"),
            &format!("date: {date}\ntime: \"10:00\"\nvenue: Committee Room 1\nagenda_published: 2021-09-16\nitems:\n  - title: Staffing\n    exempt: [1]\n    documents: [staff.md]\n"),
        );
        report(
            &site,
            &format!("{PANEL}/{folder}/staff.md"),
            "",
            "The Panel considered CANARY_DATES_MOVED.",
        );
        assert_refused(
            &site,
            "2021-10-10",
            &format!("{folder}/meeting.yaml"),
            "does not match the folder name",
        );
    }
}

/// A build date that is not a plain date is a usage error (exit 2) that writes nothing:
/// never a build for some other day.
#[test]
fn a_build_date_that_is_not_a_plain_date_is_a_usage_error() {
    let site = Site::new("dates-bad-as-of");
    meeting(
        &site,
        "panel",
        "2021-10-20",
        "2021-10-12",
        "  - title: Closure of CANARY_DATES_AS_OF home\n",
    );
    for v in [
        "2021-02-29",
        "21-10-12",
        "12/10/2021",
        "2021-10-12T00:00:00",
        "today",
        "",
    ] {
        let out = build(site.path(), v, &[]);
        assert_eq!(
            out.status.code(),
            Some(2),
            "--as-of {v:?}: {}",
            stderr(&out)
        );
        assert!(!site.out("output").exists(), "--as-of {v:?} wrote output/");
    }
    assert_withheld(&site, "2021-10-11", &["CANARY_DATES_AS_OF"]);
}

/// Found: Cabinet's minutes of 1 September, with no later Cabinet meeting yet, written up
/// and published by a build of 14 October, quote the panel's exempt tender of 20 October
/// whose agenda went to members on 12 October. The build succeeds; the bidder and price
/// are on `cabinet/2021-09-01/minutes/` and in the search index.
/// Diagnosis: `src/gate/inventory.rs` `Reader::meetings` dates minutes with no next
/// meeting "as written today" (the build date, 14 October), and `predates` compares that
/// calendar day with the tender's meeting date (20 October), though members had the
/// tender from 12 October. Fix: date them `Issued::as_meeting(as_of)` (here 20 October),
/// as `plan_changes` does for the plan.
#[test]
fn minutes_written_today_cannot_quote_an_exempt_report_members_already_have() {
    let site = Site::new("dates-minutes-today");
    meeting(
        &site,
        "panel",
        "2021-10-20",
        "2021-10-12",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: [3]\n    documents: [tender.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-10-20/tender.md"),
        "",
        &format!("## Tenders\n\nFour tenders were received.\n\n{TENDER}\n"),
    );
    site.committee("cabinet", "Cabinet");
    meeting(
        &site,
        "cabinet",
        "2021-09-01",
        "2021-08-20",
        "  - title: Leisure centre programme\n",
    );
    site.write(
        "content/committees/cabinet/2021-09-01/minutes.md",
        &format!("---\ntitle: Minutes of the meeting held on 1 September 2021\nkind: minutes\n---\n\n## 1 Leisure centre programme\n\nCabinet noted: {TENDER}\n"),
    );
    assert_gate_stops(&site, "2021-10-14", "tender.md", "CANARY_DATES_BIDDER");
}

/// Found: an officer's decision taken on 20 September and published on 28 September
/// quotes the panel's exempt tender (agenda out 16 September, meeting 24 September) in
/// its reasons. The build succeeds; the bidder and price are on the decision's page.
/// Diagnosis: `src/gate/inventory.rs` dates an officer's decision by its `date:`
/// (`Some(d.date)`, 20 September) and `predates` finds it earlier than the tender's
/// meeting; neither the day it was published nor the day members had the tender count.
/// Fix: date it `Issued::as_meeting(published.unwrap_or(date))`.
#[test]
fn an_officers_decision_published_after_the_exempt_report_went_out_cannot_quote_it() {
    let site = tender_site("dates-officer-quote", true, "");
    site.write(
        "content/decisions/2021-09-20-leisure-centre-works.md",
        &format!("---\ntitle: Leisure centre works\ndecision_maker: {{ name: Jane Doe, post: Corporate Director }}\ndate: 2021-09-20\npublished: 2021-09-28\nreasons: >-\n  {TENDER}\n---\n\nTo start the works in spring.\n"),
    );
    assert_gate_stops(&site, "2021-10-01", "tender.md", "CANARY_DATES_BIDDER");
}

/// Found (a message that sends the officer the wrong way): an item added to a meeting
/// already held (`published: 2021-09-28` on the meeting of 1 September, most often the
/// wrong meeting.yaml) gets only the late-item warning, "only 0 clear working days
/// before the meeting", with the hint "add urgent: with the chair's reason". Following
/// the hint silences the warning, and the public agenda and pack of 1 September then say
/// the chair agreed to take as urgent business a paper published four weeks after the
/// meeting (and the gate dates its words 1 September: see
/// `a_late_item_on_an_earlier_meetings_agenda_cannot_quote_an_exempt_report`).
/// Diagnosis: `src/model/deadlines.rs` `late_items` treats `published:` after the
/// meeting like one just before it (`clear_days_between` is 0 either way). Fix: when
/// `published` is after the meeting's date, say so ("item 2 was published on 28
/// September 2021, after the meeting of 1 September 2021") with a hint to move the item
/// to the meeting that will take it or correct the date, whether or not `urgent:` is set.
#[test]
fn an_item_published_after_its_meeting_is_told_so() {
    let site = Site::new("dates-after-meeting");
    let late = "  - title: Apologies for absence\n  - title: Leisure centre works, further information\n    published: 2021-09-28\n";
    meeting(&site, "panel", "2021-09-01", "2021-08-20", late);
    let out = build(site.path(), "2021-10-01", &[]);
    let err = stderr(&out);
    assert!(err.contains("2021-09-01/meeting.yaml"), "{err}");
    assert!(
        err.contains("after the meeting") && !err.contains("add urgent:"),
        "the warning does not say the item came after its meeting:\n{err}"
    );
    // As the hint said: the chair's reason added.
    meeting(
        &site,
        "panel",
        "2021-09-01",
        "2021-08-20",
        &format!("{late}    urgent: The works start before the next meeting.\n"),
    );
    let out = build(site.path(), "2021-10-01", &[]);
    let err = stderr(&out);
    assert!(
        err.contains("after the meeting"),
        "urgent: silences it:\n{err}"
    );
}

/// Found: the exempt tender's meeting folder and `date:` typed with the wrong year
/// (`2022-09-24` for 2021-09-24, both written by `quire new`), its agenda out on 16
/// September 2021 as intended. A public report at the panel's next meeting (20 October
/// 2021) quotes the tender. The build succeeds with no warning about a meeting a year
/// after its agenda, and the bidder and price are on `2021-10-20/update/`, its pack and
/// the search index.
/// Diagnosis: `src/gate/inventory.rs` dates the withheld tender by its meeting
/// (2022-09-24), so `predates` in `src/gate/mod.rs` counts every public text of the
/// year between as "earlier" and excuses it; the date the members received it
/// (`agenda_published`, 2021-09-16) is not used. Fix: date a withheld text no later than
/// `Issued::as_meeting` of the day it was circulated (its agenda's or its own
/// `published:` day), and warn (`src/model/deadlines.rs`) when `agenda_published` is
/// implausibly long before the meeting (a mistyped year).
#[test]
fn an_exempt_meeting_dated_a_year_late_does_not_excuse_quotes_of_it() {
    let site = Site::new("dates-year-typo");
    meeting(
        &site,
        "panel",
        "2022-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: [3]\n    documents: [tender.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2022-09-24/tender.md"),
        "",
        &format!("## Tenders\n\nFour tenders were received.\n\n{TENDER}\n"),
    );
    meeting(
        &site,
        "panel",
        "2021-10-20",
        "2021-10-12",
        "  - title: Leisure centre update\n    documents: [update.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-10-20/update.md"),
        "",
        &format!("As the Panel was told: {TENDER}"),
    );
    let err = assert_gate_stops(&site, "2021-10-25", "tender.md", "CANARY_DATES_BIDDER");
    // The slip itself is named, beside the leak it would have let through.
    assert!(
        err.contains("2022-09-24/meeting.yaml")
            && err.contains("agenda_published 16 September 2021 is 373 days before the meeting"),
        "no word of the mistyped year:\n{err}"
    );
}
