//! Round 32 of the red team: `quire new document` lists a new paper under an item titled
//! as the paper; the officer then takes the paper in private with a `public_title:`, as
//! the paper's note said, and the item published the title it hid (a two-word title,
//! too short for the leak gate to look for anywhere). The build refuses it now, naming
//! the item's line; the same item given the paper's public title builds with the title
//! withheld everywhere (the members' edition has it), and once the exemption has lapsed
//! the item may show the title again.

use crate::common::attack::{assert_built, assert_refused, assert_withheld};
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
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
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
            "is the title content/committees/panel/2021-09-24/staffing.md hides behind its public_title \"Staffing matter\"",
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
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n",
    );
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
