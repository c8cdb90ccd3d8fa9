//! Round 32 of the red team: keys that keep something back, typed under a block of text
//! and so read as words. The check (`key-inside-text`) knew only `exempt:`, `draft:` and
//! `public_title:`; a minutes' `status: draft` under a long title folded with `>-`
//! published unapproved minutes on a site that keeps them back, and a late item's
//! `published:` under its `body: |` published it days early. Each is refused now; the
//! control writes the same key where it belongs, and the matter is withheld.

use crate::common::attack::{assert_refused, assert_withheld};
use crate::common::public_views::september_meeting;
use crate::common::site::{Site, meeting, minutes_taken_next_meeting};

/// A site that keeps draft minutes back, with the minutes of 2 July 2021 (taken on 24
/// September) whose title is folded over lines and followed by `status` at `indent`.
fn folded_minutes(label: &str, indent: &str) -> Site {
    let site = Site::new(label);
    let mut toml = std::fs::read_to_string(site.path().join("site.toml")).unwrap();
    toml.push_str("\n[minutes]\npublish_drafts = false\n");
    site.write("site.toml", &toml);
    minutes_taken_next_meeting(
        &site,
        &format!(
            "title: >-\n  Minutes of the meeting of the panel\n  held on 2 July 2021\n{indent}status: draft\n"
        ),
        "Councillor Quibbleton sent apologies for the Vardlemoor visit.",
    );
    // The helper's own title line comes first; the folded one must be the only title.
    let path = "content/committees/panel/2021-07-02/minutes.md";
    let text = std::fs::read_to_string(site.path().join(path)).unwrap();
    site.write(path, &text.replacen("title: Minutes of 2 July\n", "", 1));
    site
}

#[test]
fn a_minutes_status_folded_into_its_title_is_refused() {
    let site = folded_minutes("swallowed-status", "  ");
    assert_refused(
        &site,
        "2021-08-01",
        "content/committees/panel/2021-07-02/minutes.md:6",
        "status: is indented as part of the text that starts on line 3",
    );
    // The control: the same minutes with the key where it belongs are kept back.
    let site = folded_minutes("status-in-place", "");
    assert_withheld(&site, "2021-08-01", &["Quibbleton"]);
}

/// The panel's meeting of 1 February 2027 (agenda out 22 January) with a late item whose
/// `published:` day is 29 January, written at `indent` under its body.
fn late_item(label: &str, indent: &str) -> Site {
    let site = Site::new(label);
    meeting(
        &site,
        "panel",
        "2027-02-01",
        "2027-01-22",
        &format!(
            "  - title: Apologies for absence\n  - title: Zellmarch depot update\n    body: |\n      The Zellmarch report will follow.\n{indent}published: 2027-01-29\n"
        ),
    );
    site
}

#[test]
fn a_late_items_day_typed_under_its_body_is_refused() {
    let site = late_item("swallowed-published", "      ");
    assert_refused(
        &site,
        "2027-01-25",
        "content/committees/panel/2027-02-01/meeting.yaml:11",
        "published: is indented as part of the text that starts on line 9",
    );
    let site = late_item("published-in-place", "    ");
    assert_withheld(&site, "2027-01-25", &["Zellmarch"]);
}

/// The panel's meeting of 24 September 2021 with one paper, `depot.md`, whose front
/// matter is `front` then `kind: report` (its first key is on line 2).
fn depot_paper(label: &str, front: &str) -> Site {
    let site = Site::new(label);
    september_meeting(&site, "  - title: Depot\n    documents: [depot.md]\n");
    site.write(
        "content/committees/panel/2021-09-24/depot.md",
        &format!("---\n{front}kind: report\n---\n\nThe Yarrowgate depot is to be sold.\n"),
    );
    site
}

/// Round 33: a block of text opened with an anchor or a tag (`title: &t >-`), and a
/// quoted title carried on to the next line, are text too.
#[test]
fn a_draft_key_inside_text_opened_with_an_anchor_or_a_quote_is_refused() {
    for (label, title, line) in [
        (
            "swallowed-anchor",
            "title: &t >-\n  Depot report\n  draft: true\n",
            4,
        ),
        (
            "swallowed-quote",
            "title: \"Depot report\n  draft: true\"\n",
            3,
        ),
    ] {
        let site = depot_paper(label, title);
        assert_refused(
            &site,
            "2021-10-01",
            &format!("content/committees/panel/2021-09-24/depot.md:{line}"),
            "draft: is indented as part of the text that starts on line 2",
        );
    }
}

/// Round 34: YAML lets a value start on the line below its key, after a comment or not,
/// so a quoted title opened there is text too; and a quote in a comment opens nothing.
#[test]
fn a_quote_opened_below_its_key_is_text_and_a_quote_in_a_comment_is_not() {
    let site = depot_paper(
        "swallowed-quote-below",
        "title:\n  # the long one\n  \"Depot report\n  draft: true\"\n",
    );
    assert_refused(
        &site,
        "2021-10-01",
        "content/committees/panel/2021-09-24/depot.md:5",
        "draft: is indented as part of the text that starts on line 4",
    );
    // The control: a comment holding a quote mark above the key that keeps the paper back
    // refuses nothing, and the paper is kept back.
    let site = depot_paper(
        "quote-in-comment",
        "# legal's note: \"check before it goes out\ntitle: Depot report\ndraft: true\n",
    );
    assert_withheld(&site, "2021-10-01", &["Yarrowgate"]);
}
