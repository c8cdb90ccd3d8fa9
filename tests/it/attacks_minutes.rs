//! Where an exempt minute ends (`model::minutes::check_ends`). A withheld minute runs
//! to the next heading of its own level or higher, so that heading decides how much of
//! the minutes the public sees. A red-team session (3 December 2026) published the
//! second half of an exempt minute in two ways, each with plausible officer input and a
//! build that passed:
//!
//! - a `## Decision` heading inside the minute, at the minute's own level, which quire
//!   counted as minute 3, the number of an agenda item nobody had minuted;
//! - minutes opened with a `# Minutes of the Panel` title, so that every minute was one
//!   level down, where unnumbered headings were never checked against the agenda.
//!
//! The text under `## Decision` reached the public minutes page, a decision record, the
//! decisions feed and the search index. Both are refused now, naming the file and line.
//! A second session the same day got round that fix twice (a sub-item's minute inside
//! a parent whose exemption lapses first; a heading that is one word of the next item's
//! title) and published minutes saved as "Notes of the meeting": see the second round.
//! A third got round those fixes with sub-items headed at their parent's level, with a
//! footnote or link defined by label inside the exempt minute, and with notes heading
//! the exempt minute "Item 2: ..." or in bold: see the third round.
//! A fourth (4 December 2026, round 15) found the minute of an item numbered 4A refused
//! with a hint no officer could follow, and the minute of an item with a public title,
//! headed with the title it hides, published: see round 15. Its fix gave two such
//! headings the same anchor (found in review, 4 December 2026).
//! Each refusal has a positive control (the same minutes, written as the hint says,
//! build: the canaries are withheld from the public and present for members), and two
//! ordinary ways of writing minutes still build.

use crate::common::attack::{assert_refused, assert_withheld};
use crate::common::site::{AS_OF, Site};
use crate::common::{read, stderr};

const MEETING: &str = "content/committees/panel/2021-09-24";
const OUT: &str = "committees/panel/2021-09-24";

/// Held on 24 September 2021, agenda out on the 16th: item 2 is exempt, and item 3 is
/// `third`.
fn panel_meeting(label: &str, third: &str) -> Site {
    let site = Site::new(label);
    site.write(
        &format!("{MEETING}/meeting.yaml"),
        &format!("date: 2021-09-24\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: held\nagenda_published: 2021-09-16\nitems:\n  - title: Apologies for absence\n  - title: Placement of Child X\n    public_title: An individual placement\n    exempt: [1]\n  - title: {third}\n"),
    );
    site
}

/// The minutes: `top` (a `#` title line, or nothing) above them, and the exempt minute's
/// discussion, then a heading `decision` and the resolution holding `canary`, then `rest`.
fn minutes(site: &Site, top: &str, decision: &str, canary: &str, rest: &str) {
    site.write(
        &format!("{MEETING}/minutes.md"),
        &format!("---\ntitle: Minutes of the meeting held on 24 September 2021\nkind: minutes\n---\n\n{top}## 1 Apologies for absence\n\nNone.\n\n## 2 An individual placement\n\nThe Panel discussed the placement.\n\n{decision}\n\n**Resolved:** That the placement with {canary} be agreed at the enhanced weekly rate.\n{rest}"),
    );
}

/// The build is refused, naming `file` (with its line, if given), because the minute of
/// exempt item `item` ends at the heading "Decision".
fn assert_ends_at_decision(site: &Site, as_of: &str, file: &str, item: &str) {
    let message = format!("the minute of exempt item {item} ends at the heading \"Decision\"");
    assert_refused(site, as_of, file, &message);
}

/// Was a leak: `## Decision` is counted as minute 3, which is on the agenda ("Any other
/// business") but not minuted, so the exempt minute ended there and the resolution was
/// published as minute 3, with a decision record titled "Any other business".
#[test]
fn a_decision_heading_at_the_minutes_own_level_is_refused() {
    let site = panel_meeting("min-decision-level", "Any other business");
    minutes(&site, "", "## Decision", "CANARY_MIN_LEVEL", "");
    assert_ends_at_decision(&site, AS_OF, "minutes.md:14", "2");
}

/// The control for the refusal above and the title's below: the same minutes, without a
/// title and with the heading one level down, as the hint says.
#[test]
fn a_decision_heading_one_level_down_stays_in_the_exempt_minute() {
    let site = panel_meeting("min-decision-lower", "Any other business");
    minutes(&site, "", "### Decision", "CANARY_MIN_LOWER", "");
    assert_withheld(&site, AS_OF, &["CANARY_MIN_LOWER"]);
}

/// Was a leak: a `#` title above the minutes makes each minute a level-2 heading, and an
/// unnumbered `## Decision` ended the exempt minute unchecked, even with the exempt item
/// last on the agenda.
#[test]
fn a_title_above_the_minutes_cannot_let_a_heading_end_the_exempt_minute() {
    let site = panel_meeting("min-title", "Any other business");
    minutes(
        &site,
        "# Minutes of the Corporate Parenting Panel\n\n",
        "## Decision",
        "CANARY_MIN_TITLE",
        "",
    );
    assert_ends_at_decision(&site, AS_OF, "minutes.md:16", "2");
}

/// Not a false refusal: a `#` title is harmless when the next minute is headed with its
/// agenda item's number and title, and the decision heading is below the minute's.
#[test]
fn a_titled_set_of_minutes_numbered_as_the_agenda_builds() {
    let site = panel_meeting("min-title-numbered", "Any other business");
    minutes(
        &site,
        "# Minutes of the Corporate Parenting Panel\n\n",
        "### Decision",
        "CANARY_MIN_TITLE_NUMBERED",
        "\n## 3 Any other business\n\nThere was none.\n",
    );
    assert_withheld(&site, AS_OF, &["CANARY_MIN_TITLE_NUMBERED"]);
}

/// Not a false refusal: the next minute unnumbered, which quire counts as 3, with item
/// 3's own title, ends the exempt minute as it should.
#[test]
fn the_next_minute_counted_by_quire_with_its_agenda_title_builds() {
    let site = panel_meeting("min-counted-next", "Any other business");
    minutes(
        &site,
        "",
        "### Decision",
        "CANARY_MIN_COUNTED",
        "\n## Any other business\n\nThere was none.\n",
    );
    assert_withheld(&site, AS_OF, &["CANARY_MIN_COUNTED"]);
}

/// A minute numbered by the officer as item 3 but headed with other words is refused too:
/// it could be a heading of the exempt minute given a number by mistake.
#[test]
fn a_next_minute_numbered_as_the_agenda_but_headed_otherwise_is_refused() {
    let site = panel_meeting("min-numbered-other", "Any other business");
    minutes(
        &site,
        "",
        "### Decision",
        "CANARY_MIN_OTHER",
        "\n## 3 Cost of the placement\n\nCANARY_MIN_OTHER_TOO was agreed.\n",
    );
    assert_refused(
        &site,
        AS_OF,
        "minutes.md",
        "ends at the heading \"Cost of the placement\"",
    );
}

// ------------------------------------------------ second round (3 December 2026)

/// Item 2, exempt until 1 January 2022, holds sub-item 2a, exempt for good; the minutes
/// put 2a's minute inside 2's, then `decision` and the resolution holding `canary`.
fn lapsing_parent(label: &str, decision: &str, canary: &str) -> Site {
    let site = Site::new(label);
    site.write(
        &format!("{MEETING}/meeting.yaml"),
        "date: 2021-09-24\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: held\nagenda_published: 2021-09-16\nitems:\n  - title: Apologies for absence\n  - title: Review of residential placements\n    exempt: { paragraphs: [3], until: 2022-01-01 }\n    items:\n      - title: Placement of Child X\n        public_title: An individual placement\n        exempt: [1]\n  - title: Any other business\n",
    );
    site.write(
        &format!("{MEETING}/minutes.md"),
        &format!("---\ntitle: Minutes of the meeting held on 24 September 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Review of residential placements\n\nThe Panel reviewed the placements.\n\n### 2a An individual placement\n\nThe Panel discussed the placement.\n\n{decision}\n\n**Resolved:** That the placement with {canary} be agreed.\n\n## 3 Any other business\n\nNone.\n"),
    );
    site
}

/// Was a leak: a sub-item's minute inside its parent's was not checked, as the parent's
/// minute was taken to cover what followed it. Once the parent's exemption lapsed, the
/// resolution under `### Decision` was published while the sub-item was still exempt.
#[test]
fn a_heading_ending_a_sub_items_minute_inside_a_lapsing_parent_is_refused() {
    let site = lapsing_parent("min-lapsing-parent", "### Decision", "CANARY_MIN_LAPSING");
    assert_ends_at_decision(&site, "2022-02-01", "minutes.md:18", "2a");
}

/// The control: the decision heading one level below the sub-item's minute stays in it,
/// withheld after the parent's exemption has lapsed.
#[test]
fn a_decision_heading_inside_the_sub_items_minute_stays_withheld_after_the_parent_lapses() {
    let site = lapsing_parent(
        "min-lapsing-control",
        "#### Decision",
        "CANARY_MIN_LAPSING_CONTROL",
    );
    assert_withheld(&site, "2022-02-01", &["CANARY_MIN_LAPSING_CONTROL"]);
}

/// Was a leak: `## Decision`, counted as minute 3, was taken for the minute of item 3
/// because its one word is in that item's title, "Decisions taken under delegated
/// powers". The next minute must hold its item's whole title.
#[test]
fn a_heading_that_is_part_of_the_next_items_title_is_refused() {
    let site = panel_meeting("min-part-title", "Decisions taken under delegated powers");
    minutes(&site, "", "## Decision", "CANARY_MIN_PART", "");
    assert_ends_at_decision(&site, AS_OF, "minutes.md:14", "2");
}

/// Was a leak: the meeting's minutes saved as `notes.md`, titled "Notes of the meeting
/// held on 24 September 2021", without `kind:`. Not called minutes, they were published
/// whole, the exempt item's minute with them, though a heading gives its number and
/// title, and the next meeting lists them. Such a heading now makes them minutes, to be
/// written `kind: minutes`.
#[test]
fn notes_with_the_minute_of_an_exempt_item_are_read_as_minutes() {
    let site = panel_meeting("min-notes", "Any other business");
    let notes = |kind: &str| {
        format!(
            "---\ntitle: Notes of the meeting held on 24 September 2021\n{kind}---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 An individual placement\n\nThe Panel agreed the placement with CANARY_MIN_NOTES.\n"
        )
    };
    // Taken at the panel's next meeting, which publishes them.
    site.write(
        "content/committees/panel/2021-09-30/meeting.yaml",
        "date: 2021-09-30\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: held\nagenda_published: 2021-09-22\nitems:\n  - title: Notes of the last meeting\n    documents: [../2021-09-24/notes.md]\n",
    );
    site.write(&format!("{MEETING}/notes.md"), &notes(""));
    assert_refused(
        &site,
        AS_OF,
        "notes.md",
        "these minutes are kind: other, but the meeting has exempt business",
    );
    // The control: written as minutes, as the hint says, they build, the minute withheld.
    site.write(&format!("{MEETING}/notes.md"), &notes("kind: minutes\n"));
    assert_withheld(&site, AS_OF, &["CANARY_MIN_NOTES"]);
}

// ------------------------------------------------- third round (3 December 2026)

/// Item 2 is exempt and holds sub-items 2a and 2b, exempt only through it; item 3 is
/// not minuted. The minutes, under `top`, head 2a and 2b at 2's level (`## 2b ...`, as
/// the docs allow), and 2b's minute holds `decision` and the resolution with `canary`.
fn sub_items_at_the_parents_level(label: &str, top: &str, decision: &str, canary: &str) -> Site {
    let site = Site::new(label);
    site.write(
        &format!("{MEETING}/meeting.yaml"),
        "date: 2021-09-24\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: held\nagenda_published: 2021-09-16\nitems:\n  - title: Apologies for absence\n  - title: Review of residential placements\n    exempt: [1]\n    items:\n      - title: Placements out of the county\n      - title: Placements in the county\n  - title: Any other business\n",
    );
    site.write(
        &format!("{MEETING}/minutes.md"),
        &format!("---\ntitle: Minutes of the meeting held on 24 September 2021\nkind: minutes\n---\n\n{top}## 1 Apologies for absence\n\nNone.\n\n## 2 Review of residential placements\n\nThe Panel reviewed the placements.\n\n## 2a Placements out of the county\n\nThe Panel noted the placements.\n\n## 2b Placements in the county\n\nThe Panel discussed the placements.\n\n{decision}\n\n**Resolved:** That the placement with {canary} be agreed.\n"),
    );
    site
}

/// Was a leak: a sub-item exempt only through its parent was not checked, on the belief
/// that the parent's minute covered it; headed at the parent's level, it is not inside
/// the parent's minute. Under a `#` title, `## Decision` ended 2b's minute unchecked.
#[test]
fn a_sub_item_headed_at_its_parents_level_is_checked_under_a_title() {
    let site = sub_items_at_the_parents_level(
        "min-sub-title",
        "# Minutes of the Corporate Parenting Panel\n\n",
        "## Decision",
        "CANARY_MIN_SUB_TITLE",
    );
    assert_ends_at_decision(&site, AS_OF, "minutes.md", "2b");
}

/// Was a leak: without the title, `## Decision` was counted as minute 3, which nobody
/// had minuted: the first leak of the day, at a sub-item.
#[test]
fn a_sub_item_headed_at_its_parents_level_is_checked_without_a_title() {
    let site = sub_items_at_the_parents_level("min-sub", "", "## Decision", "CANARY_MIN_SUB");
    assert_ends_at_decision(&site, AS_OF, "minutes.md", "2b");
}

/// The control: the decision heading below 2b's minute stays in it.
#[test]
fn a_decision_heading_below_the_sub_items_minute_stays_withheld() {
    let site =
        sub_items_at_the_parents_level("min-sub-control", "", "### Decision", "CANARY_MIN_SUB_OK");
    assert_withheld(&site, AS_OF, &["CANARY_MIN_SUB_OK"]);
}

/// Was a leak: a footnote's text and a link's address defined by label inside the exempt
/// minute, and used by a public minute with the same label, were published: Markdown
/// applies a definition to the whole file, and the first of one label wins.
#[test]
fn footnotes_and_links_defined_by_label_in_minutes_with_exempt_business_are_refused() {
    for (label, public, exempt) in [
        (
            "min-footnote",
            "The Chair thanked officers.[^1]",
            "[^1]: CANARY_MIN_FOOTNOTE the provider's weekly rate was agreed.",
        ),
        (
            "min-link",
            "The Panel noted the [annual report][1].",
            "[1]: https://example.org/CANARY_MIN_LINK",
        ),
    ] {
        let site = panel_meeting(label, "Any other business");
        minutes(
            &site,
            "",
            "",
            "",
            &format!("\n{exempt}\n\n## 3 Any other business\n\n{public}\n"),
        );
        assert_refused(
            &site,
            AS_OF,
            "minutes.md",
            "these minutes define a footnote or a link by a label",
        );
    }
    // The control: the link written in place builds, the exempt minute withheld.
    let site = panel_meeting("min-link-control", "Any other business");
    minutes(
        &site,
        "",
        "",
        "CANARY_MIN_INLINE",
        "\n## 3 Any other business\n\nThe Panel noted the [annual report](https://example.org/annual).\n",
    );
    assert_withheld(&site, AS_OF, &["CANARY_MIN_INLINE"]);
}

/// Was a leak: notes without `kind:` whose exempt minute was headed "Item 2: ..." or by
/// a line in bold were published whole: only a heading starting with the number made
/// them minutes. The exempt item's whole title, however set out, does now.
#[test]
fn notes_heading_the_exempt_minute_any_way_are_read_as_minutes() {
    for (label, head) in [
        ("min-notes-item", "## Item 2: An individual placement"),
        ("min-notes-minute", "## Minute 2 - An individual placement"),
        ("min-notes-bold", "**2. An individual placement**"),
    ] {
        let site = panel_meeting(label, "Any other business");
        site.write(
            "content/committees/panel/2021-09-30/meeting.yaml",
            "date: 2021-09-30\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: held\nagenda_published: 2021-09-22\nitems:\n  - title: Notes of the last meeting\n    documents: [../2021-09-24/notes.md]\n",
        );
        site.write(
            &format!("{MEETING}/notes.md"),
            &format!("---\ntitle: Notes of the meeting held on 24 September 2021\n---\n\nApologies were received.\n\n{head}\n\nThe Panel agreed the placement with CANARY_MIN_NOTES_ANY.\n"),
        );
        assert_refused(
            &site,
            AS_OF,
            "notes.md",
            "these minutes are kind: other, but the meeting has exempt business",
        );
    }
}

// ------------------------------------------------------------------ round 15

/// A meeting whose items are 1 to 4, an exempt item numbered 4A (as `authoring.md`
/// numbers urgent business), then 5; with `extra` items after item 4's title.
fn numbered_4a(label: &str, extra: &str) -> Site {
    let site = Site::new(label);
    site.write(
        &format!("{MEETING}/meeting.yaml"),
        &format!("date: 2021-09-24\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: held\nagenda_published: 2021-09-16\nitems:\n  - title: Apologies for absence\n  - title: Declarations of interest\n  - title: Minutes\n  - title: Budget monitoring\n{extra}  - title: Staffing matter\n    number: 4A\n    exempt: [1]\n  - title: Close\n"),
    );
    site
}

/// Was a false alarm (round 15): the minute of item 4A headed "## 4A Staffing matter",
/// as the agenda numbers it, was read as minute 5, refused as the exempt item's minute
/// under another number, with a hint to head it "## 4A 4A Staffing matter". It is
/// withheld now; the members' edition keeps it (the control).
#[test]
fn a_minute_numbered_with_a_capital_letter_is_its_items() {
    let site = numbered_4a("min-4a", "");
    site.write(
        &format!("{MEETING}/minutes.md"),
        "---\ntitle: Minutes of the meeting held on 24 September 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Declarations of interest\n\nNone.\n\n## 3 Minutes\n\nAgreed.\n\n## 4 Budget monitoring\n\nNoted.\n\n## 4A Staffing matter\n\n**Resolved:** That CANARY_MIN_4A be regraded.\n\n## 5 Close\n\nThe meeting closed at 11am.\n",
    );
    assert_withheld(&site, AS_OF, &["CANARY_MIN_4A"]);
    let page = std::fs::read_to_string(
        site.out("output")
            .join("committees/panel/2021-09-24/minutes/index.html"),
    )
    .expect("the minutes page");
    assert!(
        page.contains("<span class=\"section-number\">4A</span> Staffing matter"),
        "{page}"
    );
    assert!(
        page.contains("<span class=\"section-number\">5</span> Close"),
        "{page}"
    );
}

/// A sub-item 4a beside an item numbered 4A cannot be told apart in the minutes, which
/// name items whatever the case of their letter: the agenda is refused, naming both.
#[test]
fn an_item_numbered_4a_beside_a_sub_item_4a_is_refused() {
    let site = numbered_4a(
        "min-4a-sub",
        "    items:\n      - title: Capital programme\n",
    );
    assert_refused(
        &site,
        AS_OF,
        "meeting.yaml:",
        "two items are numbered 4A (the other, 4a, is on line",
    );
}

/// Was a leak (round 15): an item that is not exempt itself, whose report is, with a
/// public title hiding a name; its minute headed with the agenda's title, as the minutes
/// of every other item are. The heading was published on the minutes page and in the
/// search index (the leak gate does not look for a title of three words). The public
/// minutes head it with the public title now; the members' edition keeps the heading as
/// written (the control).
#[test]
fn a_minute_headed_with_the_title_its_item_hides_takes_the_public_title() {
    // As the agenda numbers it, and in the council's running series of minutes.
    for (label, number) in [("min-hidden-title", "2"), ("min-hidden-title-44", "44")] {
        hidden_title_minute(label, number, "Quokkaplex grievance appeal", "Quokkaplex");
    }
    // Round 17: a soft hyphen or a zero-width space pasted inside a word, which nobody
    // sees, kept the heading from being retitled.
    // The members' edition has the heading as written: the words after the invisible
    // character are the canary.
    for (label, written, canary) in [
        (
            "min-hidden-title-shy",
            "Quok\u{ad}kaplex grievance appeal",
            "kaplex grievance appeal",
        ),
        (
            "min-hidden-title-zwsp",
            "Quokka\u{200b}plex grievance appeal",
            "plex grievance appeal",
        ),
    ] {
        hidden_title_minute(label, "2", written, canary);
    }
}

/// The panel's meeting of 24 September 2021: item 2, "Quokkaplex grievance appeal", is
/// shown to the public as "Staffing appeal", and its report is exempt. No minutes yet.
fn appeal_meeting(label: &str) -> Site {
    let site = Site::new(label);
    site.write(
        &format!("{MEETING}/meeting.yaml"),
        "date: 2021-09-24\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: held\nagenda_published: 2021-09-16\nitems:\n  - title: Apologies for absence\n  - title: Quokkaplex grievance appeal\n    public_title: Staffing appeal\n    documents: [appeal.md]\n  - title: Close\n",
    );
    site.write(
        &format!("{MEETING}/appeal.md"),
        "---\ntitle: Grievance appeal\nexempt: [1]\n---\n\nThe appeal is set out in the appendix.\n",
    );
    site
}

fn hidden_title_minute(label: &str, number: &str, written: &str, canary: &str) {
    let site = appeal_meeting(label);
    site.write(
        &format!("{MEETING}/minutes.md"),
        &format!("---\ntitle: Minutes of the meeting held on 24 September 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## {number} {written}\n\n**Resolved:** That the appeal be dismissed.\n\n## Close\n\nThe meeting closed at 11am.\n"),
    );
    // The scan reads any case: the heading's anchor was made from its words.
    assert_withheld(&site, AS_OF, &[canary]);
    let page = std::fs::read_to_string(
        site.out("output")
            .join("committees/panel/2021-09-24/minutes/index.html"),
    )
    .expect("the minutes page");
    assert!(
        page.contains(&format!(
            "<span class=\"section-number\">{number}</span> Staffing appeal"
        )),
        "{page}"
    );
    assert!(page.contains("That the appeal be dismissed"), "{page}");
}

/// Two minutes headed with the title an item hides (the appeal heard, adjourned and
/// heard again), beside a heading "Minute 2" of the officer's own: each retitled
/// heading took the anchor `minute-2`, so the page had one id three times and a link to
/// `#minute-2` could not say which it meant. Every id on the page is unique now; the
/// members' edition keeps the headings as written (the control).
#[test]
fn minutes_retitled_twice_keep_their_anchors_unique() {
    let site = appeal_meeting("min-hidden-title-twice");
    site.write(
        &format!("{MEETING}/minutes.md"),
        "---\ntitle: Minutes of the meeting held on 24 September 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n### Minute 2\n\nThe appeal follows.\n\n## 2 Quokkaplex grievance appeal\n\nThe hearing was adjourned.\n\n## 44 Quokkaplex grievance appeal (resumed)\n\n**Resolved:** That the appeal be dismissed.\n\n## Close\n\nThe meeting closed at 11am.\n",
    );
    assert_withheld(&site, AS_OF, &["Quokkaplex"]);
    let page = std::fs::read_to_string(
        site.out("output")
            .join("committees/panel/2021-09-24/minutes/index.html"),
    )
    .expect("the minutes page");
    let ids = ids_in(&page);
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "an id twice on the page: {ids:?}");
    for id in ["minute-2", "minute-2-2", "minute-2-3"] {
        assert!(ids.iter().any(|i| i == id), "no {id} in {ids:?}");
    }
    assert!(page.matches("Staffing appeal").count() >= 2, "{page}");
}

/// Every `id="..."` value of an HTML page, in order.
fn ids_in(page: &str) -> Vec<String> {
    page.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(id, _)| id.to_string()))
        .collect()
}

/// The minutes of the meeting where item 2 hides "Quokkaplex grievance appeal" behind
/// "Staffing appeal", its minute headed with the public title, and `rest` after it.
fn short_hidden_title(label: &str, rest: &str) -> Site {
    let site = appeal_meeting(label);
    site.write(
        &format!("{MEETING}/minutes.md"),
        &format!("---\ntitle: Minutes of the meeting held on 24 September 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Staffing appeal\n\n{rest}\n\n## Close\n\nThe meeting closed at 11am.\n"),
    );
    site
}

/// Round 17 found the hidden title, three words long, published wherever redaction did
/// not retitle a heading; the docs had named the minute's text, a line in bold and a
/// lower heading as limits. The gate now looks for a hidden title of three words in its
/// own meeting's pages, and refuses each; round 18 then wrote it run together and broken
/// over a line with a hyphen. The control: the same minutes with the public title build,
/// and the members' edition has the hidden title as written.
#[test]
fn a_short_hidden_title_in_its_meetings_minutes_is_refused() {
    let rest = "**Resolved:** That the appeal be dismissed.";
    assert_withheld(
        &short_hidden_title("min-short-title-control", rest),
        AS_OF,
        &["Quokkaplex"],
    );
    for (i, written) in [
        "The Quokkaplex grievance appeal was heard in private.",
        "**2 Quokkaplex grievance appeal**\n\nThe appeal was heard.",
        "### Quokkaplex grievance appeal: decision\n\nDismissed.",
        // Round 18: run together, and broken over a line with a hyphen.
        "The QuokkaplexGrievanceAppeal was heard in private.",
        "The Quokkaplex griev-\nance appeal was heard in private.",
    ]
    .iter()
    .enumerate()
    {
        let site = short_hidden_title(&format!("min-short-title-{i}"), written);
        let members = site.build(&["--confidential"]);
        assert!(members.status.success(), "{}", stderr(&members));
        let minutes = site
            .out("confidential")
            .join(format!("{OUT}/minutes/index.html"));
        assert!(read(&minutes).contains("Quokkaplex"));
        assert_refused(
            &site,
            AS_OF,
            &format!("{OUT}/minutes/"),
            "a title withheld from the public (its public_title hides it)",
        );
    }
}

/// The panel's meeting of 2 July 2021, where "Workforce report" is public and `title`
/// is hidden behind `public`, and the panel's meeting of `other` (with its agenda out on
/// `published`) whose workforce report says `report`; 2 July's own report when `other`
/// is that day.
fn short_title_elsewhere(
    label: &str,
    (title, public): (&str, &str),
    (other, published): (&str, &str),
    report: &str,
) -> Site {
    let site = Site::new(label);
    crate::common::site::meeting(
        &site,
        "panel",
        "2021-07-02",
        "2021-06-24",
        &format!(
            "  - title: {title}\n    public_title: \"{public}\"\n    documents: [appeal.md]\n  - title: Workforce report\n    documents: [workforce.md]\n"
        ),
    );
    site.write(
        "content/committees/panel/2021-07-02/appeal.md",
        "---\ntitle: Appeal\nexempt: [1]\n---\n\nThe appeal is set out in the appendix.\n",
    );
    site.write(
        "content/committees/panel/2021-07-02/workforce.md",
        "---\ntitle: Workforce report\nkind: report\n---\n\nThe report covers recruitment.\n",
    );
    if other != "2021-07-02" {
        crate::common::site::meeting(
            &site,
            "panel",
            other,
            published,
            "  - title: Workforce update\n    documents: [workforce.md]\n",
        );
    }
    site.write(
        &format!("content/committees/panel/{other}/workforce.md"),
        &format!("---\ntitle: Workforce report\nkind: report\n---\n\n{report}\n"),
    );
    site
}

/// The hidden title (behind its public title) and the next meeting (its day and the
/// day its agenda was out) of the tests of a short title beyond its own meeting.
const HIDDEN: (&str, &str) = ("Staffing matters review", "Exempt staffing item");
const NEXT: (&str, &str) = ("2021-09-24", "2021-09-16");

/// The public build is refused for the hidden title on the next meeting's report.
fn refused_in_next_meeting(site: &Site) {
    assert_refused(
        site,
        AS_OF,
        "committees/panel/2021-09-24/workforce/index.html",
        "a title withheld from the public (its public_title hides it)",
    );
}

/// A short hidden title is looked for only in its own meeting's pages, where the
/// meeting's papers use the public title, and its committee's next meeting's: three
/// common words ("Staffing matters review") in an earlier meeting's report are not
/// refused. A public title holding the whole title ("Staffing matters review: appeal")
/// hides nothing, so nothing is looked for. Nor is a title of two words, which the
/// meeting's own reports use ordinarily ("Each contract award is published...": round 18
/// found it refused).
#[test]
fn a_short_hidden_title_is_looked_for_in_its_own_meeting_only() {
    for (label, title, public, other) in [
        (
            "min-short-scope",
            "Staffing matters review",
            "Exempt staffing item",
            ("2021-05-07", "2021-04-29"),
        ),
        (
            "min-short-scope-within",
            "Staffing matters review",
            "Staffing matters review: appeal",
            ("2021-09-24", "2021-09-16"),
        ),
        (
            "min-short-scope-two-words",
            "Staffing matters",
            "Exempt staffing item",
            ("2021-07-02", "2021-06-24"),
        ),
    ] {
        let report = format!("{title} was completed in the autumn.");
        let site = short_title_elsewhere(label, (title, public), other, &report);
        let out = site.build(&[]);
        assert!(out.status.success(), "{label}: {}", stderr(&out));
        let page = read(
            &site
                .out("output")
                .join(format!("committees/panel/{}/workforce/index.html", other.0)),
        );
        assert!(page.contains(&report), "{page}");
    }
}

/// The committee's next meeting confirms the minutes and hears what came of the items
/// ("matters arising"): a short hidden title typed into its papers is refused there too.
/// The control: the members' edition has it. The meeting after that is not looked in
/// (unless the next was cancelled), nor is the next meeting if the words are an item's
/// public title anywhere (here, the next meeting's own item).
#[test]
fn a_short_hidden_title_in_the_next_meetings_papers_is_refused() {
    let hidden = HIDDEN;
    let report = "Matters arising: the Staffing matters review ended in June.";
    let next = NEXT;
    let site = short_title_elsewhere("min-short-next", hidden, next, report);
    let members = site.build(&["--confidential"]);
    assert!(members.status.success(), "{}", stderr(&members));
    let page = site
        .out("confidential")
        .join("committees/panel/2021-09-24/workforce/index.html");
    assert!(read(&page).contains(report));
    assert_refused(
        &site,
        AS_OF,
        "committees/panel/2021-09-24/",
        "a title withheld from the public (its public_title hides it)",
    );
    // Two meetings later: 24 September comes between. Unless 24 September was
    // cancelled, when the minutes wait for the meeting after it.
    let later = ("2021-09-30", "2021-09-22");
    for (label, status) in [
        ("min-short-after-next", "held"),
        ("min-short-after-cancelled", "cancelled"),
    ] {
        let site = short_title_elsewhere(label, hidden, later, report);
        site.write(
            "content/committees/panel/2021-09-24/meeting.yaml",
            &format!("date: 2021-09-24\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: {status}\nagenda_published: 2021-09-16\nitems:\n  - title: Apologies for absence\n"),
        );
        let out = site.build(&[]);
        if status == "held" {
            assert!(out.status.success(), "{}", stderr(&out));
        } else {
            assert_refused(
                &site,
                AS_OF,
                "committees/panel/2021-09-30/",
                "a title withheld from the public (its public_title hides it)",
            );
        }
    }
    // The next meeting takes an item of that title in public: the words are public now.
    // (Public words from before the hidden title's meeting are never looked for.)
    let site = short_title_elsewhere("min-short-next-public", hidden, next, report);
    crate::common::site::meeting(
        &site,
        "panel",
        "2021-08-06",
        "2021-07-29",
        "  - title: Staffing matters review\n",
    );
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Round 19 found the next meeting's papers passed when the hidden title had a
/// footnote's number after its first word ("Quokkaplex¹ grievance appeal": the page was
/// read with the number joined to the word). A reading without superscripts finds it.
/// The control: the members' edition has the words.
#[test]
fn a_short_hidden_title_with_a_footnote_inside_is_refused() {
    let hidden = HIDDEN;
    let report = "Matters arising: the Staffing[^s] matters review ended in June.\n\n[^s]: The panel's staffing team.";
    let next = NEXT;
    let site = short_title_elsewhere("min-short-footnote", hidden, next, report);
    let members = site.build(&["--confidential"]);
    assert!(members.status.success(), "{}", stderr(&members));
    let page = site
        .out("confidential")
        .join("committees/panel/2021-09-24/workforce/index.html");
    assert!(read(&page).contains("matters review ended in June"));
    refused_in_next_meeting(&site);
}

/// Round 19: the meeting that follows a meeting up is not always the next folder. A
/// meeting between that was never published (left "scheduled", no agenda date) did not
/// meet; a special meeting between is passed over when the minutes say the later one
/// approved them (`approved_at:`). Either way the later meeting's matters arising are
/// looked in.
#[test]
fn a_short_hidden_title_is_looked_for_where_the_meeting_is_followed_up() {
    let hidden = HIDDEN;
    let report = "Matters arising: the Staffing matters review ended in June.";
    let next = NEXT;
    let between = |agenda: &str| {
        format!(
            "date: 2021-08-06\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: scheduled\n{agenda}items:\n  - title: Budget\n"
        )
    };
    let unpublished = short_title_elsewhere("min-short-unpublished-between", hidden, next, report);
    unpublished.write(
        "content/committees/panel/2021-08-06/meeting.yaml",
        &between(""),
    );
    let special = short_title_elsewhere("min-short-special-between", hidden, next, report);
    special.write(
        "content/committees/panel/2021-08-06/meeting.yaml",
        &between("agenda_published: 2021-07-29\n"),
    );
    special.write(
        "content/committees/panel/2021-07-02/minutes.md",
        "---\ntitle: Minutes of the meeting held on 2 July 2021\nkind: minutes\napproved_at: 2021-09-24\n---\n\n## 1 Workforce report\n\nNoted.\n",
    );
    for site in [&unpublished, &special] {
        refused_in_next_meeting(site);
    }
    // Without approved_at:, the special meeting is the one that follows up...
    special.write(
        "content/committees/panel/2021-07-02/minutes.md",
        "---\ntitle: Minutes of the meeting held on 2 July 2021\nkind: minutes\n---\n\n## 1 Workforce report\n\nNoted.\n",
    );
    let out = special.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    // ... unless the later meeting's agenda lists the minutes (round 20). (The refused
    // build leaves the last one's output as it was: that is taken away first.)
    std::fs::remove_dir_all(special.out("output")).unwrap();
    crate::common::site::meeting(
        &special,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Minutes of the meeting held on 2 July 2021\n    documents: [../2021-07-02/minutes.md]\n  - title: Workforce update\n    documents: [workforce.md]\n",
    );
    refused_in_next_meeting(&special);
    // Round 21: or lists them as most agendas do, by an item's title and a line of text.
    crate::common::site::meeting(
        &special,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Minutes of the meeting held on 2 July 2021\n    body: To confirm the minutes.\n  - title: Workforce update\n    documents: [workforce.md]\n",
    );
    refused_in_next_meeting(&special);
}

/// Round 21: a committee met twice in a day, at 10:00 (the hidden item) and at 14:00
/// (folder `2021-07-02-pm`), whose report names the hidden title. The later meeting of
/// the day is looked in, whatever its folder is called; one whose time says it was held
/// first is not, and builds. The minutes may say the afternoon approved them. The
/// control: the members' edition builds.
#[test]
fn a_short_hidden_title_is_looked_for_at_a_later_meeting_the_same_day() {
    let report = "The Staffing matters review ended this morning.";
    let other = ("2021-07-02-pm", "2021-06-24");
    let site = short_title_elsewhere("min-short-same-day", HIDDEN, other, report);
    let afternoon = |time: &str| {
        format!(
            "date: 2021-07-02\ntime: \"{time}\"\nvenue: Committee Room 1\nstatus: scheduled\nagenda_published: 2021-06-24\nitems:\n  - title: Workforce update\n    documents: [workforce.md]\n"
        )
    };
    let yaml = "content/committees/panel/2021-07-02-pm/meeting.yaml";
    site.write(yaml, &afternoon("14:00"));
    site.write(
        "content/committees/panel/2021-07-02/minutes.md",
        "---\ntitle: Minutes of the meeting held on 2 July 2021\nkind: minutes\napproved_at: 2021-07-02-pm\n---\n\n## 1 Workforce report\n\nNoted.\n",
    );
    let members = site.build(&["--confidential"]);
    assert!(members.status.success(), "{}", stderr(&members));
    assert_refused(
        &site,
        AS_OF,
        "committees/panel/2021-07-02-pm/workforce/index.html",
        "a title withheld from the public (its public_title hides it)",
    );
    site.write(yaml, &afternoon("09:00"));
    site.write(
        "content/committees/panel/2021-07-02/minutes.md",
        "---\ntitle: Minutes of the meeting held on 2 July 2021\nkind: minutes\n---\n\n## 1 Workforce report\n\nNoted.\n",
    );
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Round 20: the hidden title run together other ways than capital by capital: a
/// hashtag in small letters, an acronym before the words, and broken at a line end by
/// a hyphen pasted from Word or a PDF (Unicode's hyphen, the non-breaking one), two of
/// its words joined, and a footnote's number stuck to a word (as a PDF's or a Word
/// file's text has it). The title is also looked for with its words run together, and
/// every text is also read with a footnote's number taken off its word. The control:
/// the members' edition builds with each.
#[test]
fn a_short_hidden_title_run_together_any_way_is_refused() {
    let next = NEXT;
    for (i, (title, report)) in [
        (
            "Staffing matters review",
            "Follow #staffingmattersreview for news.",
        ),
        (
            "QPX grievance appeal",
            "The QPXGrievanceAppeal was dismissed.",
        ),
        (
            "Staffing matters review",
            "The Staffing matters re\u{2010}\nview ended.",
        ),
        (
            "Staffing matters review",
            "The Staffing matters re\u{2011}\nview ended.",
        ),
        (
            "Project Quokkaplex review",
            "The ProjectQuokkaplex review ended.",
        ),
        // A footnote's number pasted from Word as a character, joined to its word.
        (
            "Staffing matters review",
            "The Staffing\u{b9} matters review ended.",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let hidden = (title, "Exempt staffing item");
        let site = short_title_elsewhere(&format!("min-short-joined-{i}"), hidden, next, report);
        let members = site.build(&["--confidential"]);
        assert!(members.status.success(), "{report}: {}", stderr(&members));
        refused_in_next_meeting(&site);
    }
}

/// Round 20: a footnote's number a PDF draws smaller and raised after its word (as
/// Word's PDF export does) was read as a word of its own, so "Staffing¹ matters review"
/// in the next meeting's PDF appendix passed; round 21: so did an endnote's numeral
/// ("ⁱᵛ"), a letter, three digits, and the same markers in a Word file or typed as
/// raised characters in a report. Each is refused; the control: the members' edition
/// builds.
#[test]
fn a_short_hidden_title_with_a_raised_marker_is_refused() {
    use crate::common::{PdfFont, pdf_drawing};
    use lopdf::content::Operation;
    let f = PdfFont::Composite;
    let at = |x: f32, y: f32| {
        let m: Vec<lopdf::Object> =
            vec![1.into(), 0.into(), 0.into(), 1.into(), x.into(), y.into()];
        Operation::new("Tm", m)
    };
    let size = |s: i64| Operation::new("Tf", vec!["F1".into(), s.into()]);
    let show = |t: &str| Operation::new("Tj", vec![f.string(t)]);
    // At 10 points a glyph is 5 wide and a space 2.5: "The Staffing" ends at 97.5. The
    // marker is drawn there at 6 points, 4 higher, and the line goes on after it.
    let pdf = |marker: &str| {
        let width = 3.0 * marker.chars().count() as f32;
        pdf_drawing(
            f,
            vec![
                at(40.0, 700.0),
                show("The Staffing"),
                size(6),
                at(97.5, 704.0),
                show(marker),
                size(10),
                at(97.5 + width, 700.0),
                show(" matters review ended."),
            ],
        )
    };
    let docx = |marker: &str| {
        let run = |props: &str, text: &str| {
            format!("<w:r>{props}<w:t xml:space=\"preserve\">{text}</w:t></w:r>")
        };
        let body = format!(
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>{}{}{}</w:p></w:body></w:document>",
            run("", "The Staffing"),
            run(
                "<w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr>",
                marker
            ),
            run("", " matters review ended."),
        );
        crate::common::theme_site::zip_of(&[("word/document.xml", body.into_bytes())], true)
    };
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("note.pdf", pdf("1")),
        ("note.pdf", pdf("iv")),
        ("note.pdf", pdf("a")),
        ("note.pdf", pdf("100")),
        ("note.docx", docx("i")),
        ("note.docx", docx("100")),
    ];
    for (i, (name, bytes)) in files.into_iter().enumerate() {
        let report = format!("See [the outcome note](files/{name}).");
        let site = short_title_elsewhere(&format!("min-short-marker-{i}"), HIDDEN, NEXT, &report);
        site.write_bytes(
            &format!("content/committees/panel/{}/files/{name}", NEXT.0),
            &bytes,
        );
        let members = site.build(&["--confidential"]);
        assert!(members.status.success(), "{name} {i}: {}", stderr(&members));
        assert_refused(
            &site,
            AS_OF,
            &format!("committees/panel/2021-09-24/files/{name}"),
            "a title withheld from the public (its public_title hides it)",
        );
    }
    // Typed as raised characters in the report itself.
    let report = "The Staffing\u{2071}\u{1d5b} matters review ended.";
    let site = short_title_elsewhere("min-short-marker-typed", HIDDEN, NEXT, report);
    refused_in_next_meeting(&site);
}

/// Round 19: a title hidden by a paper's own `public_title` (not its item's) was not
/// looked for at all, even in its own meeting. It is now, as an item's is. The control:
/// the members' edition has the words.
#[test]
fn a_short_title_hidden_on_a_paper_is_refused_in_its_meeting() {
    let site = Site::new("min-short-paper-title");
    crate::common::site::meeting(
        &site,
        "panel",
        "2021-07-02",
        "2021-06-24",
        "  - title: Staffing report\n    documents: [cover.md, appeal.md]\n",
    );
    site.write(
        "content/committees/panel/2021-07-02/appeal.md",
        "---\ntitle: Quokkaplex grievance appeal\npublic_title: Staffing appeal\nexempt: [1]\n---\n\nThe appeal is set out here for members only.\n",
    );
    site.write(
        "content/committees/panel/2021-07-02/cover.md",
        "---\ntitle: Staffing report\nkind: report\n---\n\nThe Quokkaplex grievance appeal is in the exempt appendix.\n",
    );
    let members = site.build(&["--confidential"]);
    assert!(members.status.success(), "{}", stderr(&members));
    assert_refused(
        &site,
        AS_OF,
        "committees/panel/2021-07-02/cover/index.html",
        "a title withheld from the public (exempt",
    );
}

/// Round 19: the next meeting's report shows a picture saved in an older meeting's
/// folder, and the picture's text holds the hidden title. The picture is published in
/// the older folder, outside the scope, though the next meeting's page and pack show it.
/// The files a meeting's public papers show are in its scope wherever they are saved.
/// The control: the same report with a picture of other words builds.
#[test]
fn a_short_hidden_title_in_a_picture_saved_elsewhere_is_refused() {
    let hidden = HIDDEN;
    let report = "![Chart of outcomes](../2021-05-07/files/chart.svg)";
    let next = NEXT;
    let chart = |words: &str| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"100\" viewBox=\"0 0 400 100\"><text x=\"10\" y=\"50\">{words}</text></svg>"
        )
    };
    for (label, words) in [
        (
            "min-short-picture",
            "Outcome: Staffing matters review dismissed",
        ),
        ("min-short-picture-control", "Outcome: appeals dismissed"),
    ] {
        let site = short_title_elsewhere(label, hidden, next, report);
        crate::common::site::meeting(
            &site,
            "panel",
            "2021-05-07",
            "2021-04-29",
            "  - title: Apologies for absence\n",
        );
        site.write(
            "content/committees/panel/2021-05-07/files/chart.svg",
            &chart(words),
        );
        if label.ends_with("control") {
            let out = site.build(&[]);
            assert!(out.status.success(), "{}", stderr(&out));
        } else {
            assert_refused(
                &site,
                AS_OF,
                "committees/panel/2021-05-07/files/chart.svg",
                "a title withheld from the public (its public_title hides it)",
            );
        }
    }
}

/// Round 18: the hidden title in the reasons of the item's decision record, published
/// on the decision's page, outside the meeting's folder. Its decisions' folder is looked
/// in too. The control: the members' edition has the words, and the same record without
/// them builds (the minutes' heading is retitled).
#[test]
fn a_short_hidden_title_in_its_decision_record_is_refused() {
    let with_reasons = |label: &str, reasons: &str| {
        let site = short_hidden_title(label, "**Resolved:** That the appeal be dismissed.");
        site.write(
            "content/committees/panel/committee.yaml",
            "name: Panel\nexecutive: true\n",
        );
        site.write(
            &format!("{MEETING}/meeting.yaml"),
            &format!("date: 2021-09-24\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: held\nagenda_published: 2021-09-16\nitems:\n  - title: Apologies for absence\n  - title: Quokkaplex grievance appeal\n    public_title: Staffing appeal\n    documents: [appeal.md]\n    decision:\n      published: 2021-09-27\n      reasons: {reasons}\n  - title: Close\n"),
        );
        site
    };
    assert_withheld(
        &with_reasons(
            "min-short-decision-control",
            "The appeal raised no new evidence.",
        ),
        AS_OF,
        &["Quokkaplex"],
    );
    let site = with_reasons(
        "min-short-decision",
        "The Quokkaplex grievance appeal raised no new evidence.",
    );
    let members = site.build(&["--confidential"]);
    assert!(members.status.success(), "{}", stderr(&members));
    assert_refused(
        &site,
        AS_OF,
        "decisions/panel/2021-09-24/",
        "a title withheld from the public (its public_title hides it)",
    );
}
