//! Round 8e: attacks on the sixteenth session's dating of titles and minute papers
//! (commits 2bb0911 and cc8077a): `gate::inventory::Reader::when_of` (a paper belongs to
//! its first listing's meeting; its own `published:` moves members' day only within
//! that meeting), `Reader::recorded` (an exempt minute paper is as old as the earliest
//! meeting or day its title names, its folder's meeting, and its committee's last
//! meeting with exempt business), `Reader::document` (a PDF's one shown title, its first
//! published listing's in load order, dated by `Reader::listing_when`; a self-exempt
//! paper's title dated by `Reader::title_when`), `Unit::title_of` (now `Unit::titled_by`:
//! a withheld paper's public title excuses its own words whatever the days) and `gate::predates`'
//! same-meeting title rule (`not_later`).
//!
//! Each leak test plants `CANARY_…` tokens in what must stay private and asserts that the
//! build refuses, naming the withheld file (or that no public byte holds them); each has
//! a control beside it, the same words caught in the circumstances the gate already
//! handles. Each false positive test is a site a council would publish, with the control
//! that shows what tips it.
//!
//! | attack | outcome |
//! |---|---|
//! | December's note exempt on its own titled with a September paper's withheld title and one word more (control) | refused |
//! | the same note titled with that title word for word | refused (was leaked: `gate::candidates` skips a withheld title equal to any public title, whatever its day) |
//! | an exempt officer's decision with a public title (control) | built |
//! | the same decision with `public_title:` equal to its title | built (was a false positive: pushed as a hidden title) |
//! | an exempt report naming its self-exempt appendix in other words (control) | built |
//! | the same report naming it by the appendix's `public_title`, shown in its notice | built (was a false positive: a document's `public_title` is never a public title to the gate) |
//! | an exempt minute titled with its meeting's day and year, quoting a report public before (control) | built |
//! | the same minute titled with the day and month, no year | built (was a false positive: dated a year early) |
//! | a sub-committee's exempt minute titled with its day; a report out a week after repeating it (control) | refused |
//! | the same minute titled with its month ("October 2021") | refused (was leaked: dated by the parent's later meeting with exempt business) |
//! | an exempt minute kept as a PDF, listed by the panel (control) | refused |
//! | the same PDF listed first (load order) by Cabinet under a title with no "minute" | refused (was leaked: `minute_paper` reads the first listing's title only) |
//! | an exempt PDF of the panel's agenda listed again by Cabinet; Cabinet's report quoting it (control) | refused |
//! | the same, Cabinet's listing saying `published:` a day before the panel's meeting | refused (was leaked: the merged `published:` moved members' day) |
//! | a special meeting's report quoting the exempt report listed again there (control) | refused |
//! | the same, the report's own `published:` (the special meeting's supplement) before the first meeting | refused (was leaked: members' day moved to it) |
//! | an urgent item's appendix titled with the tender's words (control) | refused |
//! | the same appendix listed again by an item of the agenda as it went out | refused (was leaked: `listing_when` dated the shown title by the other item) |
//! | a self-exempt PDF whose first page repeats its title (control) | built |
//! | the same PDF listed again by Cabinet (first in load order) | built (was a false positive: `title_of` does not reach a PDF's words) |
//! | an exempt report naming its public appendix by the title on the same agenda (control) | built |
//! | the same appendix listed again by Cabinet under the same title | built (was a false positive: the shown title is dated by Cabinet's listing) |
//! | a self-exempt note repeating its own long title | built |
//! | a self-exempt note whose title and body quote the tender | refused |
//! | a self-exempt note titled with the tender's words, first listed under a September item not yet out | not published (quire takes the item's day as the note's) |
//! | an exempt decision whose public title quotes the tender | refused |
//! | an exempt decision repeating its own public title | built |
//! | an exempt minute naming its meeting (`24.09.2021`) and a day after its listing | refused |
//! | the exempt tender listed again under a public item (deferred, `exempt:` left off) | withheld |
//!
//! Tests with a doc comment starting "Found:" failed when written (six leaks and five
//! false positives); each asserts the correct behaviour and gives the diagnosis. All
//! eleven pass since the fixes of the same session:
//! - a withheld title equal to a public title is dropped only if that title was out no
//!   later than the withheld paper (or is a name), `gate::candidates`;
//! - an exempt minute paper's days come from every title it has (a PDF's at each
//!   listing), read with a month and year alone as the first of the month and a day
//!   with no year as this year's, and its committee from its folder
//!   (`inventory::named_days`, `Reader::recorded`);
//! - a paper's own `published:` moves members' day only for its first listing: a PDF's
//!   from that listing, a Markdown paper's unless the day falls within another listing's
//!   agenda and meeting (`Reader::own_published`);
//! - a PDF listed twice by one meeting has its title dated by the later item, and its
//!   shown title by the earliest published listing with the same words
//!   (`Reader::listing_when`, `Reader::shown_listing_title`);
//! - an exempt decision whose `public_title` is its title hides nothing;
//! - the public title a withheld paper's notice shows is a public title, which the paper
//!   and its attachments may repeat (`Unit::titled_by`).

use crate::common::attack::{assert_withheld, assert_withheld_or_refused};
use crate::common::dates::{
    CABINET, PANEL, PROGRAMME, QUOTE, TENDER, assert_gate_stops, december, report, tender_site,
};
use crate::common::pdf_with_text;
use crate::common::site::{Site, meeting};

/// Cabinet's meeting of 13 December 2021 (agenda out 3 December) with `items`.
fn cabinet_december(site: &Site, items: &str) {
    site.committee("cabinet", "Cabinet");
    meeting(site, "cabinet", "2021-12-13", "2021-12-03", items);
}

/// Cabinet's meeting on `date` (agenda out `agenda`) with one public report, `works.md`,
/// holding `body`, and `extra` items.
fn cabinet_report(site: &Site, date: &str, agenda: &str, body: &str, extra: &str) {
    site.committee("cabinet", "Cabinet");
    meeting(
        site,
        "cabinet",
        date,
        agenda,
        &format!(
            "  - title: Apologies for absence\n  - title: Leisure centre works\n    documents: [works.md]\n{extra}"
        ),
    );
    report(site, &format!("{CABINET}/{date}/works.md"), "", body);
}

// --------------------------------- a notice titled as another withheld paper is titled

/// The title of the tender's evaluation, a paper withheld by the September item.
const EVALUATION: &str = "Tender evaluation: CANARY_DATES5_TITLE Limited, the preferred bidder";

/// The panel's meeting of 24 September with the evaluation under the exempt item, and
/// December's with a note exempt on its own, titled `note`, under a public item.
fn title_copy_site(label: &str, note: &str) -> Site {
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
            "---\ntitle: \"{EVALUATION}\"\nkind: report\n---\n\nFour tenders were scored for quality and price.\n"
        ),
    );
    december(
        &site,
        "  - title: Apologies for absence\n  - title: Leisure centre works\n    documents: [works-note.md]\n",
    );
    site.write(
        &format!("{PANEL}/2021-12-10/works-note.md"),
        &format!(
            "---\ntitle: \"{note}\"\nkind: report\nexempt: [3]\n---\n\nThe works begin in January.\n"
        ),
    );
    site
}

/// The control: December's note exempt on its own, titled with the evaluation's withheld
/// title and one word more: its notice, public from 2 December, after members had the
/// evaluation, stops the build.
#[test]
fn a_later_notice_titled_with_a_withheld_papers_title_and_more_is_refused() {
    let site = title_copy_site(
        "dates5-title-copy-longer",
        &format!("{EVALUATION} (update)"),
    );
    assert_gate_stops(&site, "2021-12-20", "evaluation.md", "CANARY_DATES5_TITLE");
}

/// Found: the same note titled with the evaluation's title word for word (the officer
/// copied the evaluation to write the note and kept its title). The build succeeds: the
/// withheld title, CANARY_DATES5_TITLE and all, is in December's notice (meeting page,
/// pack, `redactions.json`, the redactions page, `compliance.json`).
/// Diagnosis: `src/gate/mod.rs` `candidates` skips every withheld title that equals a
/// title the public sees (`inv.public_titles.contains(title)`) unless it is hidden, and
/// `Reader::document` (`src/gate/inventory.rs`) puts the note's title there, whatever
/// its day: so the evaluation's title is looked for nowhere, though its only public
/// twin went public two months after members had it. (A public item titled the same
/// does the same.) Round 7's fix (`attacks_inputs`) covered hidden titles only. Fix:
/// add a withheld title equal to a public one as a candidate like any other, and let
/// `keep_distinctive` excuse it by the public title's day and meeting (a title on the
/// same agenda, out with it, still excuses it; an earlier public paper titled the same
/// too).
#[test]
fn a_later_notice_cannot_repeat_a_withheld_papers_title_word_for_word() {
    let site = title_copy_site("dates5-title-copy", EVALUATION);
    assert_gate_stops(&site, "2021-12-20", "evaluation.md", "CANARY_DATES5_TITLE");
}

// ----------------------------------- an exempt decision whose public title is its title

/// A director's exempt decision of 20 October, published 27 October, with `public`.
fn decision_site(label: &str, public: &str) -> Site {
    let site = Site::new(label);
    site.write(
        "content/decisions/2021-10-20-purchase-of-a-property-for-the-service.md",
        &format!(
            "---\ntitle: Purchase of a property for the service\npublic_title: {public}\ndecision_maker: {{ name: Jane Doe, post: Corporate Director }}\ndate: 2021-10-20\npublished: 2021-10-27\nexempt: [3]\n---\n\nTo buy the property for CANARY_DATES5_PRICE pounds.\n"
        ),
    );
    site
}

/// The control: an exempt officer's decision with a public title other than its title
/// builds.
#[test]
fn an_exempt_decision_with_a_public_title_builds() {
    let site = decision_site("dates5-decision-public-title", "Property matter");
    assert_withheld(&site, "2021-11-01", &["CANARY_DATES5_PRICE"]);
}

/// Found (a false positive): the same decision with `public_title:` copied from its
/// title word for word, which hides nothing. The build stops: "a title withheld from the
/// public … would be published in decisions/decisions.csv, decisions/feed.xml …".
/// Diagnosis: `src/gate/inventory.rs` `Reader::officer_decisions` pushes the title as a
/// hidden title whenever a `public_title` is written (`d.public_title.is_some()`), even
/// one equal to it; a hidden phrase is never excused by `Unit::title_of` nor by the
/// same-meeting title rule (`gate::predates`), and the public title is out on 27
/// October, after the decision's day. Items and documents compare the two (`hides` in
/// `Reader::document`, `normal(p) != normal(&item.title)` in `Reader::item`). Fix: the
/// same there: a `public_title` whose normal form equals the title's hides nothing, so
/// push no hidden title (the title is then a public one).
#[test]
fn an_exempt_decision_whose_public_title_is_its_title_builds() {
    let site = decision_site(
        "dates5-decision-same-title",
        "Purchase of a property for the service",
    );
    assert_withheld(&site, "2021-11-01", &["CANARY_DATES5_PRICE"]);
}

// ------------------------------------- an appendix's public title in its exempt report

/// The tender site, the tender listing its appendices by `names`; a valuation (an
/// exempt PDF) under the exempt item, its public title "Appendix 2: exempt financial
/// information".
fn appendix_site(label: &str, names: &str) -> Site {
    let site = Site::new(label);
    site.write_bytes(
        &format!("{PANEL}/2021-09-24/files/valuation.pdf"),
        &pdf_with_text("The site is valued at CANARY_DATES5_VALUATION pounds."),
    );
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: [3]\n    documents: [tender.md]\n  - title: Leisure centre site\n    documents:\n      - { file: files/valuation.pdf, title: Valuation by Knight and Co, exempt: [3], public_title: \"Appendix 2: exempt financial information\" }\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/tender.md"),
        "",
        &format!("## Appendices\n\n- Appendix 1: site plan\n- {names}\n\n## Tenders\n\n{TENDER}\n"),
    );
    site
}

/// The control: the tender lists its appendices, naming the valuation (an appendix exempt
/// on its own, with a public title) in other words than its public title: built.
#[test]
fn an_exempt_report_may_name_its_appendix_in_other_words() {
    let site = appendix_site("dates5-appendix-other-words", "Appendix 2: the valuation");
    assert_withheld(
        &site,
        "2021-10-01",
        &["CANARY_DATES_BIDDER", "CANARY_DATES5_VALUATION"],
    );
}

/// Found (a false positive): the tender names the valuation by its public title,
/// "Appendix 2: exempt financial information", as the list of appendices of an exempt
/// report does. The build stops, the hint saying "quire itself put them there: this is a
/// bug in quire".
/// Diagnosis: `src/gate/inventory.rs` `Reader::document` never makes a document's
/// `public_title` (its own, or a PDF listing's) a public title unit, though the public
/// edition shows it in the notice (`redact::withheld_document_title`); items' and
/// officers' decisions' public titles are (`Reader::item`, `Reader::officer_decisions`).
/// So the tender's paragraph, a whole paragraph of withheld text, is in a public file
/// that no public text of the gate's has, and nothing can excuse it, not even the
/// same-meeting title rule. Fix: in the withheld branch of `Reader::document`, add the
/// public title the edition shows (a Markdown paper's `public_title`, the first
/// published listing's for a PDF) with `public_title`, dated like the notice
/// (`Reader::title_when`, `Reader::listing_when`), and `title_of` the paper.
#[test]
fn an_exempt_report_may_name_its_appendix_by_its_public_title() {
    let site = appendix_site(
        "dates5-appendix-public-title",
        "Appendix 2: exempt financial information",
    );
    assert_withheld(
        &site,
        "2021-10-01",
        &["CANARY_DATES_BIDDER", "CANARY_DATES5_VALUATION"],
    );
}

// --------------------------------------------- an exempt minute titled without a year

/// The tender site; Cabinet's public report of 12 July; and the exempt minute of 24
/// September, titled `title`, filed and listed exempt in December, quoting Cabinet.
fn yearless_site(label: &str, title: &str) -> Site {
    let site = tender_site(label, true, "");
    cabinet_report(
        &site,
        "2021-07-12",
        "2021-07-02",
        &format!("## The programme\n\n{PROGRAMME}\n"),
        "",
    );
    site.write(
        &format!("{PANEL}/2021-12-10/exempt-minute.md"),
        &format!(
            "---\ntitle: {title}\nkind: report\nexempt: [3]\n---\n\n## Award of the works contract\n\nThe panel noted Cabinet's report of 12 July: {PROGRAMME}\n\nResolved: that the contract be awarded to CANARY_DATES5_WINNER Construction Limited.\n"
        ),
    );
    december(
        &site,
        "  - title: Apologies for absence\n  - title: Exempt minute\n    exempt: [3]\n    documents: [exempt-minute.md]\n",
    );
    site
}

/// The control: the exempt minute, its title naming its meeting's day and year, quotes
/// Cabinet's report public since 2 July: built.
#[test]
fn an_exempt_minute_may_quote_a_report_public_before_its_meeting() {
    let site = yearless_site(
        "dates5-minute-year",
        "Exempt minute of the meeting held on Friday 24 September 2021",
    );
    assert_withheld(&site, "2021-12-20", &["CANARY_DATES5_WINNER"]);
}

/// Found (a false positive): the same minute titled "Exempt minute of the meeting held on
/// Friday 24 September", no year, as clerks title them. The build stops, naming Cabinet's
/// July report.
/// Diagnosis: `src/model/misfiled.rs` `dates_in` reads a day and month with no year as
/// BOTH this year's and last year's (24 September 2021 and 2020), and
/// `src/gate/inventory.rs` `Reader::recorded` takes every named day before the listing,
/// with no meeting that day the day itself: the minute counts as with members since 24
/// September 2020, so a report out in July 2021 is later and cannot share its words.
/// Fix: in `recorded`, of the candidates a yearless date gives, take only the latest
/// before the listing (this year's, or last year's if this year's is not before it).
#[test]
fn an_exempt_minute_titled_without_a_year_may_quote_a_report_public_before_its_meeting() {
    let site = yearless_site(
        "dates5-minute-no-year",
        "Exempt minute of the meeting held on Friday 24 September",
    );
    assert_withheld(&site, "2021-12-20", &["CANARY_DATES5_WINNER"]);
}

// ------------------------------------- a sub-committee's exempt minute named by its month

/// The decision the sub-panel took in private on 15 October.
const DECISION: &str = "Resolved: that the works contract be awarded to CANARY_DATES5_WINNER Construction Limited, the second lowest tenderer, as the lowest tender failed the quality assessment.";

/// The panel meets on 24 September (public business), 5 November (agenda out 28
/// October, with exempt business) and 10 December; its Fostering Sub-Panel met on 15
/// October (agenda out 7 October) and decided in private. The sub-panel's exempt minute,
/// titled `title`, is listed under an exempt December item. Cabinet's report for 1
/// November, out 22 October, repeats the decision.
fn month_site(label: &str, title: &str) -> Site {
    let site = Site::new(label);
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Holiday activities programme\n",
    );
    meeting(
        &site,
        "panel",
        "2021-11-05",
        "2021-10-28",
        "  - title: Apologies for absence\n  - title: Placement of a child\n    exempt: [1, 2]\n",
    );
    site.committee("fostering-sub-panel", "Fostering Sub-Panel");
    meeting(
        &site,
        "fostering-sub-panel",
        "2021-10-15",
        "2021-10-07",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: [3]\n",
    );
    site.write(
        &format!("{PANEL}/2021-12-10/sub-panel-minute.md"),
        &format!(
            "---\ntitle: \"{title}\"\nkind: report\nexempt: [3]\n---\n\n## Award of the works contract\n\n{DECISION}\n"
        ),
    );
    december(
        &site,
        "  - title: Apologies for absence\n  - title: Exempt minute of the Fostering Sub-Panel\n    exempt: [3]\n    documents: [sub-panel-minute.md]\n",
    );
    cabinet_report(
        &site,
        "2021-11-01",
        "2021-10-22",
        &format!("## The contract\n\nThe sub-panel met in October. {DECISION}\n"),
        "",
    );
    site
}

/// The control: the minute titled with the sub-panel's day: Cabinet's report, out a week
/// after the sub-panel decided, cannot repeat it.
#[test]
fn a_report_cannot_repeat_a_sub_committees_exempt_minute_named_by_its_day() {
    let site = month_site(
        "dates5-month-day",
        "Exempt minute of the Fostering Sub-Panel held on 15 October 2021",
    );
    assert_gate_stops(
        &site,
        "2021-12-20",
        "sub-panel-minute.md",
        "CANARY_DATES5_WINNER",
    );
}

/// Found: the same minute titled "Fostering Sub-Panel exempt minutes, October 2021". The
/// build succeeds: Cabinet's report (out 22 October) publishes the private decision
/// (its page, its pack and the search index).
/// Diagnosis: `src/gate/inventory.rs` `Reader::recorded`: `dates_in` reads no day from
/// "October 2021", so `named` is empty; the folder's meeting is December; and `before`,
/// the panel's last meeting with exempt business before December, is 5 November (agenda
/// 28 October), after the sub-panel's 15 October. The minute counts as with members
/// from 28 October. Fix: a month and year named with no day counts from that month's
/// first day (the meetings of any committee held that month with exempt business, or
/// the 1st itself), as a named day does.
#[test]
fn a_report_cannot_repeat_a_sub_committees_exempt_minute_named_by_its_month() {
    let site = month_site(
        "dates5-month-only",
        "Fostering Sub-Panel exempt minutes, October 2021",
    );
    assert_gate_stops(
        &site,
        "2021-12-20",
        "sub-panel-minute.md",
        "CANARY_DATES5_WINNER",
    );
}

// -------------------------- an exempt minute (a PDF) that another committee titles otherwise

/// The panel's 24 September meeting with the private award; its exempt minute, a PDF
/// filed with December's papers, listed there under an exempt item as "Exempt minute of
/// the meeting held on 24 September 2021" and, if `cabinet`, by Cabinet's December
/// agenda under another title; Cabinet's report for 18 October, out 8 October, repeats
/// the decision.
fn pdf_minute_site(label: &str, cabinet: bool) -> Site {
    let site = tender_site(label, true, "");
    site.write_bytes(
        &format!("{PANEL}/2021-12-10/files/exempt-minute.pdf"),
        &pdf_with_text(DECISION),
    );
    december(
        &site,
        "  - title: Apologies for absence\n  - title: Exempt minute\n    exempt: [3]\n    documents:\n      - { file: files/exempt-minute.pdf, title: Exempt minute of the meeting held on 24 September 2021 }\n",
    );
    let extra = if cabinet {
        "  - title: Leisure centre works contract\n    exempt: [3]\n    documents:\n      - { file: ../../panel/2021-12-10/files/exempt-minute.pdf, title: The panel's decision on the works contract }\n"
    } else {
        ""
    };
    cabinet_report(
        &site,
        "2021-10-18",
        "2021-10-08",
        &format!("## The contract\n\nThe panel met on 24 September. {DECISION}\n"),
        "",
    );
    cabinet_december(&site, &format!("  - title: Apologies for absence\n{extra}"));
    site
}

/// The control: the exempt minute, a PDF listed only by the panel: Cabinet's report out
/// 8 October cannot repeat it.
#[test]
fn a_report_cannot_repeat_an_exempt_minute_kept_as_a_pdf() {
    let site = pdf_minute_site("dates5-pdf-minute", false);
    assert_gate_stops(
        &site,
        "2021-12-20",
        "exempt-minute.pdf",
        "CANARY_DATES5_WINNER",
    );
}

/// Found: the same PDF also listed by Cabinet's December agenda as "The panel's decision
/// on the works contract". The build succeeds: Cabinet's October report publishes the
/// private decision (its page, its pack and the search index).
/// Diagnosis: `src/gate/inventory.rs` `minute_paper` and `Reader::recorded` read only
/// `doc.title`, which for a PDF is the title of its first listing in load order
/// (`src/model/meetings.rs` `MeetingCtx::file_doc`; committees load alphabetically,
/// Cabinet before the panel); that title has no "minute" and no date, so
/// `Reader::when_of` dates the minute by its first exempt listing (2 December).
/// (`recorded`'s `before` would also take `doc.committee`, Cabinet, not the folder's
/// committee.) Fix: a PDF is a minute paper if any listing's title says so; read the
/// dates of every listing's title; take the committee for `before` from the folder
/// (`layout::home_meeting`).
#[test]
fn a_report_cannot_repeat_an_exempt_minute_another_committee_titles_otherwise() {
    let site = pdf_minute_site("dates5-pdf-minute-cabinet", true);
    assert_gate_stops(
        &site,
        "2021-12-20",
        "exempt-minute.pdf",
        "CANARY_DATES5_WINNER",
    );
}

// ------------------------------- an exempt PDF sent later to another committee's meeting

/// The tender's evaluation, an exempt PDF of the panel's 24 September item (agenda out
/// 16 September), listed again under Cabinet's exempt item of 27 September (agenda out
/// 20 September) with `listing` added; Cabinet's public report, out 20 September,
/// quotes it.
fn referred_pdf_site(label: &str, listing: &str) -> Site {
    let site = Site::new(label);
    site.write_bytes(
        &format!("{PANEL}/2021-09-24/files/evaluation.pdf"),
        &pdf_with_text(TENDER),
    );
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: [3]\n    documents:\n      - { file: files/evaluation.pdf, title: Tender evaluation }\n",
    );
    cabinet_report(
        &site,
        "2021-09-27",
        "2021-09-20",
        &format!("## The works\n\n{TENDER}\n"),
        &format!(
            "  - title: Award of the works contract\n    exempt: [3]\n    documents:\n      - {{ file: ../../panel/2021-09-24/files/evaluation.pdf, title: Tender evaluation{listing} }}\n"
        ),
    );
    site
}

/// The control: the evaluation, first on the panel's agenda (16 September), listed by
/// Cabinet too: Cabinet's report out 20 September cannot quote it.
#[test]
fn a_report_cannot_quote_an_exempt_pdf_another_committee_had_first() {
    let site = referred_pdf_site("dates5-referred-pdf", "");
    assert_gate_stops(&site, "2021-10-01", "evaluation.pdf", "CANARY_DATES_BIDDER");
}

/// Found: the same, Cabinet's listing saying `published: 2021-09-23` (sent to Cabinet as
/// a supplementary paper). The build succeeds: Cabinet's report publishes the bidder
/// (its page, its pack and the search index).
/// Diagnosis: `src/model/meetings.rs` (`MeetingCtx::file_doc`, a file listed again)
/// merges every listing's `published:` into `doc.published` (the latest), and
/// `src/gate/inventory.rs` `Reader::when_of` moves members' day to it when it is not
/// after the first listing's meeting (`p <= f.date`): Cabinet's 23 September is before
/// the panel's 24 September, so the evaluation counts as with members from 23 September
/// instead of 16. Fix: for a PDF, use the first listing's own `Listing::published` (the
/// listing of `f`'s meeting), never `doc.published`.
#[test]
fn an_exempt_pdf_sent_later_to_another_committee_is_as_old_as_its_first_agenda() {
    let site = referred_pdf_site("dates5-referred-pdf-late", ", published: 2021-09-23");
    assert_gate_stops(&site, "2021-10-01", "evaluation.pdf", "CANARY_DATES_BIDDER");
}

// ---------------------------------------- an appendix listed twice by one agenda

/// The tender site, with a site plan (a public PDF) listed first by an urgent item added
/// on 22 September under a title quoting the tender, and, if `again`, by an item of the
/// agenda as it went out (16 September) as "Site plan".
fn twice_site(label: &str, again: bool) -> Site {
    let site = Site::new(label);
    site.write_bytes(
        &format!("{PANEL}/2021-09-24/files/site-plan.pdf"),
        &pdf_with_text("Site plan of the leisure centre."),
    );
    let again = if again {
        "  - title: Leisure centre site\n    documents:\n      - { file: files/site-plan.pdf, title: Site plan }\n"
    } else {
        ""
    };
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        &format!(
            "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: [3]\n    documents: [tender.md]\n  - title: Leisure centre site access\n    published: 2021-09-22\n    urgent: The works must start before the winter.\n    documents:\n      - {{ file: files/site-plan.pdf, title: \"{QUOTE}\" }}\n{again}"
        ),
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/tender.md"),
        "",
        &format!("## Tenders\n\nFour tenders were received.\n\n{TENDER}\n"),
    );
    site
}

/// The control: a site plan listed only by an urgent item added on 22 September, under a
/// title quoting the tender: refused.
#[test]
fn a_late_items_appendix_title_cannot_quote_an_exempt_report() {
    let site = twice_site("dates5-twice-control", false);
    assert_gate_stops(&site, "2021-10-01", "tender.md", "CANARY_DATES_BIDDER");
}

/// Found: the same site plan also listed, later in the same agenda, by an item of the
/// agenda as it went out, as "Site plan". The build succeeds: the bidder is on the
/// September meeting page, `supplementary-1.pdf`, `compliance.json` and the search
/// index.
/// Diagnosis: `src/gate/inventory.rs` `Reader::listing_when` finds the `Shown` of a
/// listing by its meeting only (`s.meeting == held.id`) and takes the earliest
/// (`min_by_key(|s| s.out)`): the title the public sees is the urgent item's listing's
/// (first in the agenda), but it is dated by the other item's day, 16 September, so
/// `gate::predates`' same-meeting title rule excuses the tender's words. Fix: date each
/// listing by its own item (keep the item's day, or the index of its `Shown`, in
/// `model::Listing`), or at the least take the latest `out` of that meeting's
/// listings.
#[test]
fn a_late_items_appendix_title_cannot_quote_an_exempt_report_if_listed_again() {
    let site = twice_site("dates5-twice", true);
    assert_gate_stops(&site, "2021-10-01", "tender.md", "CANARY_DATES_BIDDER");
}

// ---------------------------- a paper exempt on its own, referred on to Cabinet

/// The valuation's title, which its first page repeats.
const VALUATION: &str = "Valuation of 14 Holly Garth for the proposed leisure centre extension";

/// A valuation exempt in its own listing (a PDF whose first page repeats its title),
/// under a public item of the panel's 24 September meeting, and, if `cabinet`, under a
/// public item of Cabinet's December meeting too, with the same title.
fn referred_own_site(label: &str, cabinet: bool) -> Site {
    let site = Site::new(label);
    site.write_bytes(
        &format!("{PANEL}/2021-09-24/files/valuation.pdf"),
        &pdf_with_text(&format!(
            "{VALUATION}. The site is valued at CANARY_DATES5_VALUE pounds."
        )),
    );
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        &format!(
            "  - title: Apologies for absence\n  - title: Leisure centre extension\n    documents:\n      - {{ file: files/valuation.pdf, title: {VALUATION}, exempt: [3] }}\n"
        ),
    );
    if cabinet {
        cabinet_december(
            &site,
            &format!(
                "  - title: Apologies for absence\n  - title: Leisure centre extension\n    documents:\n      - {{ file: ../../panel/2021-09-24/files/valuation.pdf, title: {VALUATION} }}\n"
            ),
        );
    }
    site
}

/// The control: a valuation exempt on its own (a PDF whose first page repeats its title)
/// listed by the panel only: built.
#[test]
fn an_appendix_exempt_on_its_own_may_repeat_its_title() {
    let site = referred_own_site("dates5-own-pdf", false);
    assert_withheld(&site, "2021-12-20", &["CANARY_DATES5_VALUE"]);
}

/// Found (a false positive): the same valuation listed again by Cabinet in December,
/// under the same title. The build stops: "valuation.pdf: words withheld from the public
/// … would be published in committees/cabinet/2021-12-13/agenda-pack.pdf …".
/// Diagnosis: `Unit::title_of` excuses the words of the paper's own unit, but a PDF's
/// unit has no words (`Reader::document`, `Body::Pdf`): its words are in a unit that
/// `src/gate/mod.rs` `withheld_file_texts` adds, with no link to the title. It worked
/// before only because the panel's title was the shown one, of the same meeting and
/// day (`predates`); now the shown title is Cabinet's (the first listing in load order,
/// committees alphabetically), out 3 December, two months after members had the PDF.
/// Fix: let the unit `withheld_file_texts` makes know its owner (say `Unit::paper`),
/// and let `keep_distinctive` excuse it when `u.title_of` is that owner.
#[test]
fn an_appendix_exempt_on_its_own_referred_to_cabinet_may_repeat_its_title() {
    let site = referred_own_site("dates5-own-pdf-cabinet", true);
    assert_withheld(&site, "2021-12-20", &["CANARY_DATES5_VALUE"]);
}

// ------------------------------------- a public appendix referred on to Cabinet

/// The tender, which lists its public appendix by title, "Site plan of Holly Garth", a
/// PDF under a public item of the same meeting, listed again, if `cabinet`, by Cabinet
/// in December under the same title.
fn referred_plan_site(label: &str, cabinet: bool) -> Site {
    let site = Site::new(label);
    site.write_bytes(
        &format!("{PANEL}/2021-09-24/files/site-plan.pdf"),
        &pdf_with_text("Site plan of the leisure centre."),
    );
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: [3]\n    documents: [tender.md]\n  - title: Leisure centre site\n    documents:\n      - { file: files/site-plan.pdf, title: Site plan of Holly Garth }\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/tender.md"),
        "",
        &format!("## Appendices\n\n- Site plan of Holly Garth\n\n## Tenders\n\n{TENDER}\n"),
    );
    if cabinet {
        cabinet_december(
            &site,
            "  - title: Apologies for absence\n  - title: Leisure centre extension\n    documents:\n      - { file: ../../panel/2021-09-24/files/site-plan.pdf, title: Site plan of Holly Garth }\n",
        );
    }
    site
}

/// The control: the tender names its public appendix by its title, shown on the same
/// agenda: built (the same-meeting title rule).
#[test]
fn an_exempt_report_may_name_its_public_appendix() {
    let site = referred_plan_site("dates5-plan", false);
    assert_withheld(&site, "2021-12-20", &["CANARY_DATES_BIDDER"]);
}

/// Found (a false positive): the same appendix listed again by Cabinet in December under
/// the same title. The build stops, naming the tender, with the September meeting's
/// page and pack among the files.
/// Diagnosis: `src/gate/inventory.rs` `Reader::document` dates a PDF's one shown title
/// by its first published listing in load order, Cabinet's (committees load
/// alphabetically), 3 December, though the panel's agenda printed the same words on 16
/// September with the tender; the same-meeting title rule then has no September title.
/// Fix: date the shown title by the earliest published listing whose title has the
/// same words (in normal form), with that listing's meeting.
#[test]
fn an_exempt_report_may_name_its_public_appendix_referred_to_cabinet() {
    let site = referred_plan_site("dates5-plan-cabinet", true);
    assert_withheld(&site, "2021-12-20", &["CANARY_DATES_BIDDER"]);
}

// ------------------------------------ a supplement's published: on a paper listed twice

/// The tender site; a special panel meeting on 28 September (agenda out 21 September)
/// lists the tender again under an exempt item, the tender saying `front` (a copy sent
/// to it as a supplementary paper), with a public report quoting the tender.
fn special_site(label: &str, front: &str) -> Site {
    let site = tender_site(label, true, "");
    report(
        &site,
        &format!("{PANEL}/2021-09-24/tender.md"),
        front,
        &format!("## Tenders\n\nFour tenders were received.\n\n{TENDER}\n"),
    );
    meeting(
        &site,
        "panel",
        "2021-09-28",
        "2021-09-21",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: [3]\n    documents: [../2021-09-24/tender.md]\n  - title: Leisure centre works\n    documents: [works.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-28/works.md"),
        "",
        &format!("## The works\n\n{TENDER}\n"),
    );
    site
}

/// The control: a public report of the special meeting, out 21 September, cannot quote
/// the tender, with members since 16 September.
#[test]
fn a_report_of_a_special_meeting_cannot_quote_an_exempt_report_members_had_first() {
    let site = special_site("dates5-special", "");
    assert_gate_stops(&site, "2021-10-01", "tender.md", "CANARY_DATES_BIDDER");
}

/// Found: the same, the tender saying `published: 2021-09-23` (a copy sent to the
/// special meeting as a supplementary paper). The build succeeds: the special meeting's
/// report publishes the bidder (its page, its pack and the search index).
/// Diagnosis: `src/gate/inventory.rs` `Reader::when_of` applies a paper's own
/// `published:` to its FIRST listing whenever it is not after that meeting (`p <=
/// f.date`): 23 September is before 24 September, so the tender counts as with members
/// from 23 September, though it was on the agenda of 16 September; the day belongs to
/// the special meeting's listing. Fix: use `published:` only when no other listing could
/// own it: if another listing's meeting has `sent <= p <= date`, keep `f.sent`.
#[test]
fn a_supplements_published_day_does_not_move_an_earlier_agendas_exempt_report() {
    let site = special_site("dates5-special-supplement", "published: 2021-09-23\n");
    assert_gate_stops(&site, "2021-10-01", "tender.md", "CANARY_DATES_BIDDER");
}

// ------------------------------------- what `Unit::title_of` must not excuse, and must

/// The tender site; December's note exempt on its own, under a public item, titled
/// `title`, its body `body`.
fn own_note_site(label: &str, title: &str, body: &str) -> Site {
    let site = tender_site(label, true, "");
    december(
        &site,
        "  - title: Apologies for absence\n  - title: Leisure centre works\n    documents: [works-note.md]\n",
    );
    site.write(
        &format!("{PANEL}/2021-12-10/works-note.md"),
        &format!("---\ntitle: \"{title}\"\nkind: report\nexempt: [3]\n---\n\n{body}\n"),
    );
    site
}

/// A note exempt on its own may open by repeating its own long title, which its notice
/// shows: `title_of` excuses its own words.
#[test]
fn a_note_exempt_on_its_own_may_repeat_its_long_title() {
    let title =
        "Leisure centre works: the programme for the new changing village and the pool hall";
    let site = own_note_site(
        "dates5-own-note-title",
        title,
        &format!(
            "## {title}\n\nThe contractor, CANARY_DATES5_CONTRACTOR Limited, starts in January.\n"
        ),
    );
    assert_withheld(&site, "2021-12-20", &["CANARY_DATES5_CONTRACTOR"]);
}

/// The same note, its title and body both quoting the September tender: its title
/// excuses its own words, never the tender's, which members had first.
#[test]
fn a_note_exempt_on_its_own_cannot_quote_another_exempt_report_in_title_and_body() {
    let site = own_note_site(
        "dates5-own-note-quote",
        QUOTE,
        &format!("## {QUOTE}\n\n{TENDER}\n"),
    );
    assert_gate_stops(&site, "2021-12-20", "tender.md", "CANARY_DATES_BIDDER");
}

/// The same note first listed under a September item that is not out until 22
/// December (after the build date), then under December's public item. The September
/// listing must not make its title public in September, before members had the tender.
/// (quire takes the item's day as the note's own `published:` and warns
/// `published-after-meeting`, so no notice shows it before 22 December: a refusal or a
/// build without the bidder are both safe.)
#[test]
fn a_notes_listing_under_an_item_not_yet_out_does_not_date_its_title() {
    let site = own_note_site(
        "dates5-own-note-not-out",
        QUOTE,
        "The works begin in January.",
    );
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: [3]\n    documents: [tender.md]\n  - title: Leisure centre works\n    published: 2021-12-22\n    documents: [../2021-12-10/works-note.md]\n",
    );
    assert_withheld_or_refused(&site, "2021-12-20", &["CANARY_DATES_BIDDER"], "tender.md");
}

/// An exempt officer's decision whose public title quotes the September tender: the
/// public title excuses the decision's words, not the tender's.
#[test]
fn an_exempt_decisions_public_title_cannot_quote_an_exempt_report() {
    let site = tender_site("dates5-decision-quote", true, "");
    site.write(
        "content/decisions/2021-10-20-leisure-centre-works.md",
        &format!(
            "---\ntitle: Leisure centre works contract award\npublic_title: \"{QUOTE}\"\ndecision_maker: {{ name: Jane Doe, post: Corporate Director }}\ndate: 2021-10-20\npublished: 2021-10-27\nexempt: [3]\n---\n\n## {QUOTE}\n\nTo award the contract.\n"
        ),
    );
    assert_gate_stops(&site, "2021-11-01", "tender.md", "CANARY_DATES_BIDDER");
}

/// The control: an exempt decision whose body repeats its own public title builds.
#[test]
fn an_exempt_decision_may_repeat_its_public_title() {
    let site = Site::new("dates5-decision-own");
    let public = "Leisure centre works: award of the contract for the new changing village";
    site.write(
        "content/decisions/2021-10-20-leisure-centre-works.md",
        &format!(
            "---\ntitle: Award to CANARY_DATES5_AWARDEE Limited\npublic_title: \"{public}\"\ndecision_maker: {{ name: Jane Doe, post: Corporate Director }}\ndate: 2021-10-20\npublished: 2021-10-27\nexempt: [3]\n---\n\n## {public}\n\nTo award the contract to CANARY_DATES5_AWARDEE Limited.\n"
        ),
    );
    assert_withheld(&site, "2021-11-01", &["CANARY_DATES5_AWARDEE"]);
}

// --------------------------------------- minute papers naming several days

/// The exempt minute of 24 September, titled with its meeting's day and a later day it
/// was confirmed (after the agenda that lists it), filed and listed in December; a
/// report out 8 October repeats it.
#[test]
fn an_exempt_minute_naming_a_later_day_too_is_as_old_as_its_meeting() {
    let site = tender_site("dates5-minute-two-days", true, "");
    site.write(
        &format!("{PANEL}/2021-12-10/exempt-minute.md"),
        &format!(
            "---\ntitle: \"Exempt minute of 24.09.2021, to be confirmed on 10 January 2022\"\nkind: report\nexempt: [3]\n---\n\n## Award of the works contract\n\n{DECISION}\n"
        ),
    );
    december(
        &site,
        "  - title: Apologies for absence\n  - title: Exempt minute\n    exempt: [3]\n    documents: [exempt-minute.md]\n",
    );
    cabinet_report(
        &site,
        "2021-10-18",
        "2021-10-08",
        &format!("## The contract\n\n{DECISION}\n"),
        "",
    );
    assert_gate_stops(
        &site,
        "2021-12-20",
        "exempt-minute.md",
        "CANARY_DATES5_WINNER",
    );
}

// ----------------------------- an exempt report listed again under a public item

/// The tender exempt in September, listed again in December under a public item (the
/// officer left `exempt:` off the deferred item): the exemption combines, and neither
/// its words nor its title are published.
#[test]
fn an_exempt_report_listed_again_under_a_public_item_stays_withheld() {
    let site = Site::new("dates5-relisted-public");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Award of the works contract\n    exempt: [3]\n    documents: [tender.md]\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/tender.md"),
        &format!(
            "---\ntitle: Tenders from CANARY_DATES5_SHORTLIST and others\nkind: report\n---\n\n## Tenders\n\n{TENDER}\n"
        ),
    );
    december(
        &site,
        "  - title: Apologies for absence\n  - title: Award of the works contract (deferred)\n    documents: [../2021-09-24/tender.md]\n",
    );
    assert_withheld(
        &site,
        "2021-12-20",
        &["CANARY_DATES_BIDDER", "CANARY_DATES5_SHORTLIST"],
    );
}
