//! Round 32 of the red team: two refusals whose hints sent the officer the wrong way.
//!
//! - Minutes whose exempt item's minute quire cannot find are withheld whole, every word
//!   of them, so later public minutes that repeat an ordinary sentence were refused with
//!   a hint to edit those later minutes. The hint now names the cause (the minute not
//!   found) and the fix; heading the minute as the agenda numbers it lets the site build
//!   with only that minute withheld.
//! - A draft (every paper `quire new document` makes starts as one) that shows a chart a
//!   public paper already shows is refused, as a withheld file in a public paper: the
//!   gate cannot tell the same file from a secret one saved over it. The hint now says
//!   so, and `allow_files` lets the build through with the chart still public.

use crate::common::attack::{assert_built, assert_refused, assert_withheld};
use crate::common::public_views::september_meeting;
use crate::common::site::{Site, meeting};
use crate::common::theme_site::png_of;
use crate::common::{build, stderr};

const SEPTEMBER: &str = "content/committees/panel/2021-09-24";

/// A sentence of ordinary minutes, long enough for the leak gate to know it.
const ROUTINE: &str =
    "There were no declarations of interest from the members present at the meeting.";

/// The panel's meeting of 24 September 2021 with an exempt item 2, minuted with
/// `exempt_minute` (nothing: its minute is missing), and the meeting of 20 October whose
/// public minutes repeat the routine sentence.
fn minutes_site(label: &str, exempt_minute: &str) -> Site {
    let site = Site::new(label);
    september_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Placement of a child\n    public_title: An individual placement\n    exempt: [1]\n  - title: Any other business\n",
    );
    site.write(
        &format!("{SEPTEMBER}/minutes.md"),
        &format!("---\ntitle: Minutes of 24 September 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\n{ROUTINE}\n\n{exempt_minute}## 3 Any other business\n\nNone.\n"),
    );
    meeting(
        &site,
        "panel",
        "2021-10-20",
        "2021-10-12",
        "  - title: Apologies for absence\n",
    );
    site.write(
        "content/committees/panel/2021-10-20/minutes.md",
        &format!("---\ntitle: Minutes of 20 October 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\n{ROUTINE}\n"),
    );
    site
}

#[test]
fn minutes_withheld_whole_say_the_missing_minute_is_the_cause() {
    let site = minutes_site("whole-minutes", "");
    assert_refused(
        &site,
        "2021-11-01",
        &format!("{SEPTEMBER}/minutes.md"),
        "words withheld from the public",
    );
    let err = stderr(&build(site.path(), "2021-11-01", &[]));
    assert!(
        err.contains("these minutes are withheld whole") && err.contains("exempt-minute-not-found"),
        "{err}"
    );
    // Minuted as the agenda numbers it, only that minute is withheld, and the routine
    // sentence is public in both minutes.
    let site = minutes_site(
        "whole-minutes-mended",
        "## 2 An individual placement\n\nThe Panel agreed the Vossbeck placement.\n\n",
    );
    assert_withheld(&site, "2021-11-01", &["Vossbeck"]);
    assert!(
        site.text("output/committees/panel/2021-09-24/minutes/index.html")
            .contains(ROUTINE)
    );
}

/// The panel's meeting of 24 September 2021: a public report showing `files/chart.png`
/// and a draft revising it that shows the same chart, with `settings` added to site.toml.
fn chart_site(label: &str, settings: &str) -> Site {
    let site = Site::new(label);
    let mut toml = std::fs::read_to_string(site.path().join("site.toml")).unwrap();
    toml.push_str(settings);
    site.write("site.toml", &toml);
    site.write_bytes(
        &format!("{SEPTEMBER}/files/chart.png"),
        &png_of(&[9; 12], ""),
    );
    site.write(
        &format!("{SEPTEMBER}/placements.md"),
        "---\ntitle: Placements report\nkind: report\n---\n\nThe chart shows placements by quarter.\n\n![Bar chart of placements](files/chart.png)\n",
    );
    site.write(
        &format!("{SEPTEMBER}/placements-revised.md"),
        "---\ntitle: \"Placements report: revised figures\"\nkind: report\ndraft: true\n---\n\nRevised text in preparation.\n\n![Bar chart of placements](files/chart.png)\n",
    );
    september_meeting(
        &site,
        "  - title: Placements\n    documents: [placements.md, placements-revised.md]\n",
    );
    site
}

#[test]
fn a_draft_showing_a_published_chart_says_how_to_let_it_through() {
    let site = chart_site("draft-chart", "");
    assert_refused(
        &site,
        "2021-10-01",
        &format!("{SEPTEMBER}/files/chart.png"),
        "(a draft) would be published",
    );
    let err = stderr(&build(site.path(), "2021-10-01", &[]));
    assert!(
        err.contains("a public paper shows a file that this draft also shows"),
        "{err}"
    );
    // Listed as the officer is told, the site builds, the chart public with its report.
    let site = chart_site(
        "draft-chart-allowed",
        "\n[leak_gate]\nallow_files = [\"committees/panel/2021-09-24/files/chart.png\"]\n",
    );
    assert_built(&build(site.path(), "2021-10-01", &[]));
    assert!(
        site.out("output/committees/panel/2021-09-24/files/chart.png")
            .exists()
    );
    assert!(
        !site
            .text("output/committees/panel/2021-09-24/index.html")
            .contains("revised figures")
    );
}
