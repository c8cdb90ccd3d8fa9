//! Round 32 of the red team: `quire new document` lists a new paper under an item titled
//! as the paper; the officer then takes the paper in private with a `public_title:`, as
//! the paper's note said, and the item published the title it hid (a two-word title,
//! too short for the leak gate to look for anywhere). The build refuses it now, naming
//! the item's line; the same item given the paper's public title builds with the title
//! withheld everywhere (the members' edition has it), and once the exemption has lapsed
//! the item may show the title again.

use crate::common::attack::{assert_built, assert_refused, assert_withheld};
use crate::common::public_views::september_meeting;
use crate::common::site::{Site, meeting};
use crate::common::{build, quire, stderr};

const MEETING: &str = "content/committees/panel/2021-09-24";

/// The panel's meeting of 24 September 2021 with an item titled `item_title` (and the
/// item's own keys `item_keys`) listing `staffing.md`, a report titled "Quimby grievance"
/// taken in private until `until` (if any) with a public title (its file named after that, as it must be).
fn site(label: &str, item_title: &str, item_keys: &str, until: Option<&str>) -> Site {
    let site = Site::new(label);
    let until = until.map(|d| format!("  until: {d}\n")).unwrap_or_default();
    site.write(
        &format!("{MEETING}/staffing.md"),
        &format!("---\ntitle: Quimby grievance\nkind: report\nexempt:\n  paragraphs: [1]\n{until}public_title: Staffing matter\n---\n\nThe panel heard the appeal.\n"),
    );
    september_meeting(
        &site,
        &format!(
            "  - title: Apologies for absence\n  - title: \"{item_title}\"\n{item_keys}    documents: [staffing.md]\n"
        ),
    );
    site
}

#[test]
fn an_item_titled_as_the_title_its_paper_hides_is_refused() {
    // As `quire new document` writes it, and with the title's case or spacing changed.
    for title in ["Quimby grievance", "QUIMBY  Grievance"] {
        let site = site("item-title-hidden", title, "", None);
        assert_refused(
            &site,
            "2021-10-01",
            &format!("{MEETING}/meeting.yaml:8"),
            "item 2's title holds the title content/committees/panel/2021-09-24/staffing.md hides behind its public_title \"Staffing matter\"",
        );
        // The message is a build log's line: it never says the title it keeps back.
        let err = stderr(&build(site.path(), "2021-10-01", &[]));
        assert!(!err.to_lowercase().contains("quimby"), "{err}");
    }
    // An exempt item shows its own title too.
    let site = site(
        "item-title-exempt",
        "Quimby grievance",
        "    exempt: [1]\n",
        None,
    );
    assert_refused(
        &site,
        "2021-10-01",
        "meeting.yaml:8",
        "so the agenda would publish it",
    );
}

#[test]
fn the_item_given_the_papers_public_title_withholds_it() {
    let site = site(
        "item-title-public",
        "Quimby grievance",
        "    public_title: Staffing matter\n",
        None,
    );
    assert_withheld(&site, "2021-10-01", &["Quimby"]);
}

#[test]
fn once_the_papers_exemption_has_lapsed_the_item_may_show_its_title() {
    let site = site(
        "item-title-lapsed",
        "Quimby grievance",
        "",
        Some("2022-01-01"),
    );
    let refused = build(site.path(), "2021-12-31", &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert_built(&build(site.path(), "2022-01-01", &[]));
}

#[test]
fn quire_new_documents_note_says_to_retitle_the_item_too() {
    let site = Site::new("item-title-note");
    september_meeting(&site, "  - title: Apologies for absence\n");
    let out = quire()
        .current_dir(site.path())
        .args([
            "new",
            "document",
            "panel/2021-09-24",
            "report",
            "Quimby grievance",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(site.path().join(format!("{MEETING}/quimby-grievance.md")))
        .unwrap();
    assert!(
        text.contains("The item that lists it in meeting.yaml is public under its own title"),
        "{text}"
    );
}

// ---------------------------------------------------------------------- round 33

/// The panel's meeting of 24 September 2021 with `items` (YAML) and `staffing.md`, a
/// report titled `title` with a public title, exempt on its own if `own` (otherwise
/// only through the item that lists it, if that item is exempt).
fn listing(label: &str, title: &str, own: bool, items: &str) -> Site {
    let site = Site::new(label);
    let exempt = if own { "exempt: [1]\n" } else { "" };
    site.write(
        &format!("{MEETING}/staffing.md"),
        &format!("---\ntitle: \"{title}\"\nkind: report\n{exempt}public_title: Staffing matter\n---\n\nThe panel heard the appeal.\n"),
    );
    september_meeting(&site, &format!("  - title: Apologies for absence\n{items}"));
    site
}

/// Refused at `line` of `meeting`'s file, with `what` in the message, never saying the title.
fn refused_at(site: &Site, meeting: &str, line: usize, what: &str) {
    assert_refused(
        site,
        "2021-11-01",
        &format!("content/committees/panel/{meeting}/meeting.yaml:{line}"),
        what,
    );
    let err = stderr(&build(site.path(), "2021-11-01", &[]));
    assert!(!err.to_lowercase().contains("quimby"), "{err}");
}

#[test]
fn every_public_title_above_and_at_the_papers_items_is_looked_at() {
    // The title with words added; an exempt item above the sub-item that lists it (an
    // exempt item's title is public); the item's own public title.
    for (label, items, what) in [
        (
            "more-words",
            "  - title: \"Quimby grievance: appeal\"\n    documents: [staffing.md]\n",
            "item 2's title holds",
        ),
        (
            "parent",
            "  - title: Quimby grievance\n    exempt: [1]\n    items:\n      - title: The report\n        documents: [staffing.md]\n",
            "item 2's title holds",
        ),
        (
            "own-public-title",
            "  - title: Purchase\n    public_title: Quimby grievance\n    documents: [staffing.md]\n",
            "item 2's public_title holds",
        ),
    ] {
        let site = listing(
            &format!("item-title-{label}"),
            "Quimby grievance",
            true,
            items,
        );
        refused_at(&site, "2021-09-24", 8, what);
    }
}

#[test]
fn an_accent_written_another_way_is_the_same_title() {
    // "Renée" with é as one character in the paper, and as e and a combining accent (as
    // text copied from some programs is) in the item.
    let site = listing(
        "item-title-accent",
        "Quimby Ren\u{e9}e",
        true,
        "  - title: \"Quimby Rene\u{301}e\"\n    documents: [staffing.md]\n",
    );
    refused_at(&site, "2021-09-24", 8, "item 2's title holds");
}

#[test]
fn an_item_of_another_meeting_listing_the_paper_is_looked_at() {
    // The paper withheld only by its own meeting's exempt item, which uses the public
    // title; October's public item lists it under the hidden title.
    let site = listing(
        "item-title-elsewhere",
        "Quimby grievance",
        false,
        "  - title: Staffing matter\n    exempt: [1]\n    documents: [staffing.md]\n",
    );
    meeting(
        &site,
        "panel",
        "2021-10-20",
        "2021-10-12",
        "  - title: Apologies for absence\n  - title: Quimby grievance\n    documents: [../2021-09-24/staffing.md]\n",
    );
    refused_at(&site, "2021-10-20", 8, "item 2's title holds");
}

#[test]
fn a_sub_item_of_an_exempt_item_keeps_its_title_back_and_is_not_refused() {
    let site = listing(
        "item-title-sub-item",
        "Quimby grievance",
        true,
        "  - title: Staffing matters\n    exempt: [1]\n    items:\n      - title: Quimby grievance\n        documents: [staffing.md]\n",
    );
    assert_withheld(&site, "2021-11-01", &["Quimby"]);
}
