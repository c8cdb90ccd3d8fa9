//! Attacks on the shortcut of a build that finds nothing changed (`src/unchanged.rs`,
//! `src/load/stamp.rs`): every way found of changing what decides the public site while
//! the stamp of the inputs and the output's manifest still say "nothing had changed".
//!
//! Each test first shows that the shortcut is taken (the build says "Left"), then
//! changes something, then checks what a reader of `output/` would see.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::PathBuf;
use std::process::Output;
use std::time::Duration;

use crate::common::scan::appears_in;
use crate::common::site::{AS_OF, Site, meeting, minutes_taken_next_meeting, paper};
use crate::common::{SETTLE, build, build_verb, quire, read, stderr};

const CANARY: &str = "CANARY_UNCHANGED_ATTACK_PRICE";

const MEETING: &str = "content/committees/panel/2021-09-24";

/// The settings every test site starts from (as `Site::new` writes them).
const SETTINGS: &str = "title = \"Committee papers\"\ncouncil = \"Test Borough Council\"\nbase_url = \"https://papers.example.gov.uk\"\nlanguage = \"en-GB\"\njurisdiction = \"england\"\n";

/// A site with one public report (published 10 September 2021) whose body holds the
/// canary. Not yet settled.
fn site(label: &str) -> Site {
    let site = Site::new(label);
    public_item(&site);
    site.write(
        &format!("{MEETING}/costs.md"),
        &paper(
            "Placement costs",
            &format!("The weekly cost of the placement is {CANARY}.\n"),
        ),
    );
    site
}

fn public_item(site: &Site) {
    meeting(site, "panel", "2021-09-24", "2021-09-10", &items(""));
}

/// The officer marks the costs report's item exempt (paragraph 3).
fn mark_exempt(site: &Site) {
    meeting(
        site,
        "panel",
        "2021-09-24",
        "2021-09-10",
        &items("    public_title: Placement matter\n    exempt: [3]\n"),
    );
}

fn items(extra: &str) -> String {
    format!("  - title: Placement costs\n{extra}    documents: [costs.md]\n")
}

fn said(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn record(site: &Site, edition: &str) -> PathBuf {
    site.path()
        .join(format!(".quire-cache/{edition}/last-build.json"))
}

/// Builds a settled site twice: the first build keeps its record, the second finds
/// nothing changed (the shortcut is really taken before any attack).
fn built_and_left(site: &Site, extra: &[&str]) {
    assert_eq!(build_verb(&site.build(extra)), "Built");
    assert_eq!(
        build_verb(&site.build(extra)),
        "Left",
        "the shortcut is taken"
    );
}

// ---------------------------------------------------------------------------------
// Inputs reached through a symbolic link.
// ---------------------------------------------------------------------------------

/// Councils keep `site.toml` in configuration management and link it into the site
/// folder. quire reads the settings through the link, so the stamp must know the file
/// the link points to, not only the link: here the council stops publishing draft
/// minutes, and the draft must leave the public site at the next build.
#[test]
fn draft_minutes_leave_the_site_when_a_linked_site_toml_stops_publishing_drafts() {
    let site = Site::new("au-linked-toml");
    let draft = "CANARY_UNCHANGED_DRAFT_MINUTES";
    minutes_taken_next_meeting(&site, "status: draft\n", draft);
    // The settings live in settings/site.toml; site.toml is a link to them.
    site.write(
        "settings/site.toml",
        &format!("{SETTINGS}\n[minutes]\npublish_drafts = true\n"),
    );
    fs::remove_file(site.path().join("site.toml")).unwrap();
    symlink("settings/site.toml", site.path().join("site.toml")).unwrap();
    std::thread::sleep(SETTLE);
    built_and_left(&site, &[]);
    let out = site.out("output");
    assert!(
        appears_in(&out, draft),
        "positive control: the site publishes draft minutes"
    );

    // The council decides to stop publishing drafts, and edits its settings.
    site.write(
        "settings/site.toml",
        &format!("{SETTINGS}\n[minutes]\npublish_drafts = false\n"),
    );
    std::thread::sleep(SETTLE);
    let after = site.build(&[]);
    assert!(
        !appears_in(&out, draft),
        "the draft minutes are still public after publish_drafts = false; the build said: {}",
        said(&after)
    );
    assert_eq!(build_verb(&after), "Built");
}

/// A council's theme shared between its sites and linked in as `themes/default`: quire
/// reads the theme through the link, so an edit to the shared theme must reach the site.
#[test]
fn an_edit_to_a_linked_theme_folder_reaches_the_site() {
    let site = site("au-linked-theme");
    let css = |colour: &str| format!("/* the council's own */ body {{ color: #{colour}; }}\n");
    site.write("shared/council-theme/static/quire.css", &css("0b0c0c"));
    fs::create_dir_all(site.path().join("themes")).unwrap();
    symlink(
        "../shared/council-theme",
        site.path().join("themes/default"),
    )
    .unwrap();
    std::thread::sleep(SETTLE);
    built_and_left(&site, &[]);
    let served = site.out("output/static/quire.css");
    assert_eq!(read(&served), css("0b0c0c"), "positive control");

    site.write("shared/council-theme/static/quire.css", &css("d4351c"));
    std::thread::sleep(SETTLE);
    let after = site.build(&[]);
    assert_eq!(
        read(&served),
        css("d4351c"),
        "the theme's edit never reached the site; the build said: {}",
        said(&after)
    );
    assert_eq!(build_verb(&after), "Built");
}

/// `content/` itself a link (a shared drive mounted elsewhere): the stamp walks through
/// it, so an item marked exempt there is taken out.
#[test]
fn an_item_marked_exempt_in_a_linked_content_folder_is_taken_out() {
    let site = site("au-linked-content");
    fs::create_dir_all(site.path().join("store")).unwrap();
    fs::rename(
        site.path().join("content"),
        site.path().join("store/content"),
    )
    .unwrap();
    symlink("store/content", site.path().join("content")).unwrap();
    std::thread::sleep(SETTLE);
    built_and_left(&site, &[]);
    let out = site.out("output");
    assert!(appears_in(&out, CANARY), "positive control: public before");

    mark_exempt(&site);
    assert!(read(&site.path().join("store").join(MEETING).join("meeting.yaml")).contains("exempt"));
    std::thread::sleep(SETTLE);
    let after = site.build(&[]);
    assert!(!appears_in(&out, CANARY), "{}", said(&after));
    assert_eq!(build_verb(&after), "Built");
}

// ---------------------------------------------------------------------------------
// Edits made while a build runs.
// ---------------------------------------------------------------------------------

/// An officer marks an item exempt while a build is running, at several moments of it
/// (before its stamp, between the stamp and the reading of the papers, after): whatever
/// that build did, the next one must take the item out.
#[test]
fn an_item_marked_exempt_during_a_build_is_taken_out_by_the_next() {
    let site = site("au-during");
    let out = site.out("output");
    // The exempt version of meeting.yaml, put in place in one rename as an editor saves,
    // so the running build never reads half a file.
    mark_exempt(&site);
    let meeting_yaml = site.path().join(MEETING).join("meeting.yaml");
    let exempt = read(&meeting_yaml);
    let swap_in = site.path().join("meeting.yaml.new");
    for delay in [0u64, 40, 150, 600] {
        public_item(&site);
        std::thread::sleep(SETTLE);
        assert_eq!(build_verb(&site.build(&[])), "Built", "at {delay} ms");
        assert_eq!(build_verb(&site.build(&[])), "Left", "at {delay} ms");
        assert!(appears_in(&out, CANARY), "positive control at {delay} ms");
        // Without its record, the running build does all its work, so the edit lands
        // while it stamps, reads or renders, and it keeps a record if it may.
        fs::remove_file(record(&site, "public")).unwrap();
        fs::write(&swap_in, &exempt).unwrap();

        let running = quire()
            .arg("build")
            .arg("--root")
            .arg(site.path())
            .arg("--as-of")
            .arg(AS_OF)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        fs::rename(&swap_in, &meeting_yaml).unwrap();
        let during = running.wait_with_output().unwrap();
        assert_eq!(build_verb(&during), "Built", "at {delay} ms");

        std::thread::sleep(SETTLE);
        let after = site.build(&[]);
        assert!(
            !appears_in(&out, CANARY),
            "marked exempt {delay} ms into a build; the next build said: {}",
            said(&after)
        );
    }
}

// ---------------------------------------------------------------------------------
// The build date, and the output folder.
// ---------------------------------------------------------------------------------

/// Rebuilding the site as it stood before the agenda was published (`--as-of` set back,
/// as after a build with the wrong date) takes the papers out again.
#[test]
fn going_back_to_a_date_before_publication_takes_the_papers_out() {
    let site = site("au-as-of-back");
    std::thread::sleep(SETTLE);
    let out = site.out("output");
    let before = "2021-09-09";
    assert_eq!(build_verb(&build(site.path(), before, &[])), "Built");
    assert_eq!(build_verb(&build(site.path(), before, &[])), "Left");
    assert!(!appears_in(&out, CANARY), "not yet due on {before}");
    assert_eq!(build_verb(&build(site.path(), AS_OF, &[])), "Built");
    assert_eq!(build_verb(&build(site.path(), AS_OF, &[])), "Left");
    assert!(appears_in(&out, CANARY), "positive control: due on {AS_OF}");

    let back = build(site.path(), before, &[]);
    assert!(!appears_in(&out, CANARY), "{}", said(&back));
    assert_eq!(build_verb(&back), "Built");
}

/// Building into another folder replaces the edition's record; coming back to the
/// first folder, whose copy still shows the item, must rebuild it.
#[test]
fn a_build_into_another_folder_and_back_takes_the_item_out_of_the_first() {
    let site = site("au-output-back");
    std::thread::sleep(SETTLE);
    built_and_left(&site, &[]);
    let out = site.out("output");
    assert!(appears_in(&out, CANARY), "positive control");

    mark_exempt(&site);
    std::thread::sleep(SETTLE);
    let web = site.out("web");
    let to_web = ["--output", web.to_str().unwrap()];
    built_and_left(&site, &to_web);
    assert!(!appears_in(&web, CANARY));
    assert!(
        appears_in(&out, CANARY),
        "output/ was not built since the item was marked"
    );

    let back = site.build(&[]);
    assert!(!appears_in(&out, CANARY), "{}", said(&back));
    assert_eq!(build_verb(&back), "Built");
}

/// The standby folder beside the output, with a manifest that is genuine and files
/// exactly as quire wrote them, put in place of the output (by hand, or by a tool that
/// "restores the last version"), must not be left there. Since the fourteenth session
/// it no longer holds the previous site: after the exchange it is brought to the new one,
/// so the item withdrawn is not there to restore.
#[test]
fn the_previous_site_swapped_back_into_place_is_rebuilt() {
    let site = site("au-standby");
    std::thread::sleep(SETTLE);
    built_and_left(&site, &[]);
    let out = site.out("output");
    assert!(appears_in(&out, CANARY), "positive control");
    mark_exempt(&site);
    std::thread::sleep(SETTLE);
    built_and_left(&site, &[]);
    let standby = site.out(".output.building");
    assert!(!appears_in(&out, CANARY));
    assert!(standby.join("index.html").exists(), "no standby copy");
    assert!(
        !appears_in(&standby, CANARY),
        "the standby copy still holds the item withdrawn"
    );

    let aside = site.out("aside");
    fs::rename(&out, &aside).unwrap();
    fs::rename(&standby, &out).unwrap();
    fs::rename(&aside, &standby).unwrap();
    let after = site.build(&[]);
    assert!(!appears_in(&out, CANARY), "{}", said(&after));
    assert_eq!(build_verb(&after), "Built");
}

// ---------------------------------------------------------------------------------
// Records restored, copied or spliced by hand.
// ---------------------------------------------------------------------------------

/// Replaces one field of a record's JSON.
fn splice(text: &str, field: &str, from: &str) -> String {
    let mut into: serde_json::Value = serde_json::from_str(text).unwrap();
    let from: serde_json::Value = serde_json::from_str(from).unwrap();
    into[field] = from[field].clone();
    into.to_string()
}

/// A record restored from a backup taken before the item was marked exempt, or pieced
/// together from two real records (the old stamp with the new output's checksum, the new
/// stamp with the old output's), or copied from the members' edition's cache: none may
/// make the public build leave an output it did not make from these inputs.
#[test]
fn records_restored_spliced_or_copied_from_the_members_edition_are_not_trusted() {
    let site = site("au-records");
    std::thread::sleep(SETTLE);
    built_and_left(&site, &[]);
    let out = site.out("output");
    let file = record(&site, "public");
    let old = read(&file);
    assert!(appears_in(&out, CANARY), "positive control");
    mark_exempt(&site);
    std::thread::sleep(SETTLE);
    built_and_left(&site, &[]);
    let new = read(&file);
    assert!(!appears_in(&out, CANARY));

    // Each record put in place of the real one must make a full build; the output must
    // then still lack the item.
    let attempts = [
        ("the old record", old.clone()),
        ("old stamp, new output", splice(&old, "output", &new)),
        ("new stamp, old output", splice(&new, "output", &old)),
    ];
    for (what, text) in attempts {
        fs::write(&file, &text).unwrap();
        let after = site.build(&[]);
        assert_eq!(build_verb(&after), "Built", "{what}");
        assert!(!appears_in(&out, CANARY), "{what}");
        assert_eq!(
            build_verb(&site.build(&[])),
            "Left",
            "{what}: the real record is kept again"
        );
    }

    // The members' edition's record, copied into the public cache.
    assert_eq!(build_verb(&site.build(&["--confidential"])), "Built");
    assert!(appears_in(&site.out("confidential"), CANARY));
    fs::copy(record(&site, "confidential"), &file).unwrap();
    let after = site.build(&[]);
    assert_eq!(build_verb(&after), "Built", "a members' record");
    assert!(!appears_in(&out, CANARY));
}

/// A theme named by a path (`theme = "/srv/shared/theme"`, `"../other"`) would be read
/// from outside the three inputs the stamp covers, so an edit there would never make a
/// full build: it is refused, and the hint says to link the folder into `themes/`.
#[test]
fn a_theme_named_by_a_path_outside_themes_is_refused() {
    let site = site("au-theme-path");
    let shared = site.path().join("shared-theme");
    fs::create_dir_all(shared.join("static")).unwrap();
    fs::write(
        shared.join("static/quire.css"),
        "body { color: #0b0c0c; }\n",
    )
    .unwrap();
    fs::create_dir_all(site.path().join("themes")).unwrap();
    for name in [shared.to_str().unwrap(), "../shared-theme", "a/b", ".."] {
        site.write("site.toml", &format!("{SETTINGS}theme = {name:?}\n"));
        let out = site.build(&[]);
        assert!(!out.status.success(), "theme = {name:?} was accepted");
        let said = stderr(&out);
        assert!(
            said.contains("is not the name of a folder in themes/")
                && said.contains("link its folder into themes/"),
            "theme = {name:?}: {said}"
        );
    }
    // Positive control: the same folder, linked into themes/, is used.
    symlink(&shared, site.path().join("themes/shared")).unwrap();
    site.write("site.toml", &format!("{SETTINGS}theme = \"shared\"\n"));
    assert_eq!(build_verb(&site.build(&[])), "Built");
    assert_eq!(
        read(&site.out("output").join("static/quire.css")),
        "body { color: #0b0c0c; }\n"
    );
}
