//! What the attacks through dates and time (`attacks_dates` to `attacks_dates_7`) share:
//! a panel whose meeting of 24 September 2021 has an exempt tender, its meeting of 10
//! December, Cabinet's folder, the words they quote, and the refusal they expect when
//! public text quotes the tender.

use super::attack::owned;
use super::scan::found_in;
use super::site::{Site, meeting};
use super::{build, stderr};

pub const PANEL: &str = "content/committees/panel";

/// Officer-written secret prose: a tender with a bidder's name and a price.
pub const TENDER: &str = "The lowest tender, from CANARY_DATES_BIDDER Limited of Durham, was 1,234,567 pounds for the whole of the works at the site.";

/// A title quoting the tender: its bidder, and enough of its words to be a phrase.
pub const QUOTE: &str =
    "Leisure centre works, the lowest tender from CANARY_DATES_BIDDER Limited of Durham";

/// Cabinet's folder.
pub const CABINET: &str = "content/committees/cabinet";

/// A public paragraph of a Cabinet report, which exempt papers repeat.
pub const PROGRAMME: &str = "The leisure capital programme for 2021 to 2024 provides for the refurbishment of the main pool hall, the replacement of the changing village and new plant for the whole of the centre.";

/// The panel's meeting of 10 December 2021 (agenda out 2 December), after the tender's.
pub fn december(site: &Site, items: &str) {
    meeting(site, "panel", "2021-12-10", "2021-12-02", items);
}

/// A report at `rel`, titled from its file name.
pub fn report(site: &Site, rel: &str, front: &str, body: &str) {
    let title = rel
        .rsplit('/')
        .next()
        .unwrap_or(rel)
        .trim_end_matches(".md")
        .replace('-', " ");
    site.write(
        rel,
        &format!("---\ntitle: {title}\nkind: report\n{front}---\n\n{body}\n"),
    );
}

/// The panel's meeting of 24 September 2021 (agenda out 16 September) with the tender
/// exempt under paragraph 3 (or public, for a control); `extra` is added to the tender.
pub fn tender_site(label: &str, exempt: bool, extra: &str) -> Site {
    let site = Site::new(label);
    let marking = if exempt { "    exempt: [3]\n" } else { "" };
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        &format!(
            "  - title: Apologies for absence\n  - title: Award of the works contract\n{marking}    documents: [tender.md]\n"
        ),
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/tender.md"),
        "",
        &format!("## Tenders\n\nFour tenders were received.\n\n{TENDER}\n\n{extra}\n"),
    );
    site
}

/// The panel's meeting of 24 September (agenda out 16 September) with a report titled
/// `title`, holding `body`, under the exempt item "Award of the works contract".
pub fn evaluation_site(label: &str, title: &str, body: &str) -> Site {
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
        &format!("---\ntitle: \"{title}\"\nkind: report\n---\n\n{body}\n"),
    );
    site
}

/// Cabinet's meeting of 27 September, its agenda out on `agenda`, with a public item
/// titled `title` (a report of its own); `extra` is added to that item.
pub fn cabinet_item(site: &Site, agenda: &str, title: &str, extra: &str) {
    site.committee("cabinet", "Cabinet");
    meeting(
        site,
        "cabinet",
        "2021-09-27",
        agenda,
        &format!(
            "  - title: Apologies for absence\n  - title: \"{title}\"\n{extra}    documents: [works.md]\n"
        ),
    );
    report(
        site,
        &format!("{CABINET}/2021-09-27/works.md"),
        "",
        "The works are to start in the new year.",
    );
}

/// The build refuses: exit 1, names `file`, has a hint, never prints `secret`, and
/// writes no output. Returns the messages.
pub fn assert_gate_stops(site: &Site, as_of: &str, file: &str, secret: &str) -> String {
    let out = build(site.path(), as_of, &[]);
    let err = stderr(&out);
    assert!(
        !out.status.success(),
        "the build published the exempt matter:\n{err}\npublic hits: {:?}",
        found_in(&site.out("output"), &owned(&[secret]))
    );
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(file),
        "the refusal does not name {file}:\n{err}"
    );
    assert!(err.contains("hint:"), "no hint in:\n{err}");
    assert!(
        !err.contains(secret),
        "the message prints the secret:\n{err}"
    );
    assert!(
        !site.out("output").exists(),
        "a refused build wrote output/"
    );
    err
}
