//! A build that finds nothing changed since the last one leaves the output as it is,
//! without loading or rendering anything, and says what the last build said. Every
//! change an officer (or anyone) can make to what decides the site makes a full build:
//! above all, an item marked exempt after it was published is taken out at once.
//!
//! The last build keeps its record only when every input had settled (no change in the
//! two seconds before it read them), so each test waits that long after changing a file
//! before the build whose record the next step relies on.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use crate::common::scan::appears_in;
use crate::common::site::{AS_OF, Site, meeting, paper};
use crate::common::{SETTLE, build_verb, contents, list_files, read, stderr};

const CANARY: &str = "CANARY_PRICE_WITHHELD_LATER";

const MEETING: &str = "content/committees/panel/2021-09-24";

/// A site with one public report whose body holds the canary, settled.
fn site(label: &str) -> Site {
    let site = Site::new(label);
    meeting(&site, "panel", "2021-09-24", "2021-09-10", &items(""));
    site.write(
        &format!("{MEETING}/costs.md"),
        &paper(
            "Placement costs",
            &format!("The weekly cost of the placement is {CANARY}.\n"),
        ),
    );
    std::thread::sleep(SETTLE);
    site
}

/// The meeting's items, the costs report's item carrying `extra` (exemption keys).
fn items(extra: &str) -> String {
    format!("  - title: Placement costs\n{extra}    documents: [costs.md]\n")
}

fn record(site: &Site) -> std::path::PathBuf {
    site.path().join(".quire-cache/public/last-build.json")
}

/// Builds a settled site twice: the first build keeps its record, the second finds
/// nothing changed.
fn built_and_left(site: &Site) {
    assert_eq!(build_verb(&site.build(&[])), "Built");
    assert!(record(site).is_file(), "a settled build keeps its record");
    assert_eq!(build_verb(&site.build(&[])), "Left");
}

/// Each output file's inode and change time.
fn stamps(dir: &Path) -> Vec<(String, u64, i64, i64)> {
    list_files(dir)
        .into_iter()
        .map(|rel| {
            let m = fs::metadata(dir.join(&rel)).unwrap();
            (rel, m.ino(), m.ctime(), m.ctime_nsec())
        })
        .collect()
}

/// Rewrites `rel` with `text` (at the same size as before) and gives it back its
/// modification time, as a careless copy or a clock set back could.
fn rewrite_keeping_time(path: &Path, text: &str) {
    let before = fs::metadata(path).unwrap();
    assert_eq!(before.len() as usize, text.len(), "the same size");
    fs::write(path, text).unwrap();
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(before.modified().unwrap())
        .unwrap();
}

#[test]
fn nothing_changed_leaves_the_output_as_it_was_and_repeats_the_warnings() {
    let site = site("unchanged-left");
    // Published one day before the meeting: a short-notice warning on every build.
    meeting(&site, "panel", "2021-09-24", "2021-09-23", &items(""));
    std::thread::sleep(SETTLE);
    let full = site.build(&[]);
    assert_eq!(build_verb(&full), "Built");
    let out = site.out("output");
    let before = stamps(&out);
    let left = site.build(&[]);
    assert_eq!(build_verb(&left), "Left");
    let said = String::from_utf8_lossy(&left.stdout);
    assert!(
        said.contains("nothing had changed since the last build") && said.contains("(0 written)"),
        "{said}"
    );
    assert!(
        stderr(&full).contains("clear working days"),
        "{}",
        stderr(&full)
    );
    assert_eq!(
        stderr(&left),
        stderr(&full),
        "the same warnings, word for word"
    );
    let full_said = String::from_utf8_lossy(&full.stdout);
    assert_eq!(
        counts(&said),
        counts(&full_said),
        "the same pages, packs, files and warnings"
    );
    assert_eq!(stamps(&out), before, "no file in the output was touched");
    assert!(
        appears_in(&out, CANARY),
        "positive control: the report is public"
    );
}

/// What a build said it made, without what it wrote or how long it took: "3 pages, 1
/// agenda packs, 40 files, 1 warning".
fn counts(said: &str) -> String {
    let made = said.rsplit_once(": ").map(|(_, m)| m).unwrap_or_default();
    let made = made.split(", in ").next().unwrap_or_default();
    match made.split_once(" (") {
        Some((files, rest)) => format!(
            "{files}{}",
            rest.split_once(')').map(|(_, r)| r).unwrap_or_default()
        ),
        None => made.to_string(),
    }
}

#[test]
fn an_item_marked_exempt_after_a_build_is_taken_out_by_the_next() {
    let site = site("unchanged-exempt");
    built_and_left(&site);
    let out = site.out("output");
    assert!(appears_in(&out, CANARY), "positive control: public before");
    // The officer marks the item exempt, and the build comes within a second of the
    // edit (the record the last build kept must not be trusted).
    let edited = std::time::Instant::now();
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-10",
        &items("    public_title: Placement matter\n    exempt: [3]\n"),
    );
    assert_eq!(build_verb(&site.build(&[])), "Built");
    assert!(!appears_in(&out, CANARY), "the exempt report is taken out");
    // The build looked at its inputs within two seconds of the edit if it ended within
    // them (on a machine busy enough to take longer, this cannot be known).
    if edited.elapsed() < std::time::Duration::from_millis(1_900) {
        assert!(
            !record(&site).exists(),
            "a build of inputs changed a moment before keeps no record"
        );
    }
    // The next build does all its work again, then one after finds nothing changed.
    std::thread::sleep(SETTLE);
    built_and_left(&site);
    assert!(!appears_in(&out, CANARY));
    // Positive control: the members' edition has it, and keeps its own record.
    assert_eq!(build_verb(&site.build(&["--confidential"])), "Built");
    assert!(appears_in(&site.out("confidential"), CANARY));
    assert_eq!(build_verb(&site.build(&["--confidential"])), "Left");
    assert_eq!(
        build_verb(&site.build(&[])),
        "Left",
        "each edition has its own record"
    );
}

#[test]
fn every_change_to_what_decides_the_site_makes_a_full_build() {
    let site = site("unchanged-changes");
    built_and_left(&site);
    let out = site.out("output");
    let report = site.path().join(MEETING).join("costs.md");
    let page = out.join("committees/panel/2021-09-24/costs/index.html");
    assert!(read(&page).contains(CANARY), "positive control");

    // Each change, then (once it has settled) a build that must do all its work and show
    // it, and that keeps the record the next step starts from.
    let full_build = |what: &str, as_of: &str| {
        std::thread::sleep(SETTLE);
        let out = crate::common::build(site.path(), as_of, &[]);
        assert_eq!(build_verb(&out), "Built", "after {what}");
        assert!(record(&site).is_file(), "after {what}");
        // The record it kept is the one the next step is checked against.
        let again = crate::common::build(site.path(), as_of, &[]);
        assert_eq!(build_verb(&again), "Left", "after {what}");
    };

    // A report edited at the same size, with its old modification time put back.
    let text = read(&report).replace(CANARY, &CANARY.replace("LATER", "EARLY"));
    rewrite_keeping_time(&report, &text);
    full_build("an edit at the same size and time", AS_OF);
    assert!(read(&page).contains("CANARY_PRICE_WITHHELD_EARLY"));

    // A report replaced by another file with the same size and modification time.
    let copy = site.path().join("costs.md.new");
    fs::write(&copy, text.replace("EARLY", "LATEX")).unwrap();
    let modified = fs::metadata(&report).unwrap().modified().unwrap();
    let file = fs::File::options().write(true).open(&copy).unwrap();
    file.set_modified(modified).unwrap();
    assert_eq!(
        fs::metadata(&copy).unwrap().len(),
        fs::metadata(&report).unwrap().len()
    );
    fs::rename(&copy, &report).unwrap();
    full_build("a file replaced", AS_OF);
    assert!(read(&page).contains("CANARY_PRICE_WITHHELD_LATEX"));

    // A new file in content/ (a member).
    site.write("content/members/d-new.yaml", "name: Councillor Dee New\n");
    full_build("a new member", AS_OF);
    assert!(out.join("members/d-new/index.html").is_file());

    // A theme file the site overrides.
    let css = "/* the council's own */ body { color: #0b0c0c; }\n";
    site.write("themes/default/static/quire.css", css);
    full_build("a theme override", AS_OF);
    assert_eq!(read(&out.join("static/quire.css")), css);

    // site.toml.
    let toml = read(&site.path().join("site.toml")).replace("Committee papers", "Council papers");
    site.write("site.toml", &toml);
    full_build("site.toml", AS_OF);
    assert!(read(&page).contains("Council papers"));

    // Another build date.
    full_build("another --as-of", "2021-10-02");
    assert_eq!(
        build_verb(&crate::common::build(site.path(), "2021-10-02", &[])),
        "Left"
    );

    // A page in the output edited by hand, at the same size and time.
    let html = read(&page);
    let words = "CANARY_PRICE_WITHHELD_LATEX";
    rewrite_keeping_time(&page, &html.replace(words, &"X".repeat(words.len())));
    full_build("a page edited in the output", "2021-10-02");
    assert_eq!(read(&page), html, "the page is made again");

    // A file put into the output by hand.
    fs::write(out.join("stray.html"), "<p>not from quire</p>").unwrap();
    full_build("a file put into the output", "2021-10-02");
    assert!(!out.join("stray.html").exists());

    // A damaged record.
    fs::write(record(&site), "{").unwrap();
    full_build("a damaged record", "2021-10-02");

    // The last state is exactly what a clean build of the same sources writes.
    assert_eq!(
        build_verb(&crate::common::build(site.path(), "2021-10-02", &[])),
        "Left"
    );
    let clean = site.out("clean");
    let built = crate::common::build(
        site.path(),
        "2021-10-02",
        &["--no-cache", "--output", clean.to_str().unwrap()],
    );
    assert_eq!(build_verb(&built), "Built");
    assert_eq!(contents(&out), contents(&clean));
}

#[test]
fn a_build_without_the_cache_keeps_no_record_and_never_skips() {
    let site = site("unchanged-no-cache");
    assert_eq!(build_verb(&site.build(&["--no-cache"])), "Built");
    assert!(!site.path().join(".quire-cache").exists());
    assert_eq!(build_verb(&site.build(&["--no-cache"])), "Built");
    // With the cache, then without: the cached record is not used.
    built_and_left(&site);
    assert_eq!(build_verb(&site.build(&["--no-cache"])), "Built");
}
