//! Rebuilds write only what changed, and the output is still replaced whole or not at all.
//!
//! Each test builds a site, changes it the way an officer would, builds again, and
//! compares the output file by file: which files are new inodes (written), which kept
//! theirs, and that the result is byte for byte what a clean build of the same sources
//! writes.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use crate::common::site::{Site, meeting};
use crate::common::{build, build_ok, contents, example_site, list_files, read};

const AS_OF: &str = "2026-11-22";

/// Each output file's inode and modification time: a file written again gets a new inode.
fn stamps(dir: &Path) -> BTreeMap<String, (u64, i64, i64)> {
    list_files(dir)
        .into_iter()
        .map(|rel| {
            let m = fs::metadata(dir.join(&rel)).unwrap();
            (rel, (m.ino(), m.mtime(), m.mtime_nsec()))
        })
        .collect()
}

/// The files of `after` that are not the same file (inode and time) as in `before`.
fn rewritten(
    before: &BTreeMap<String, (u64, i64, i64)>,
    after: &BTreeMap<String, (u64, i64, i64)>,
) -> Vec<String> {
    after
        .iter()
        .filter(|(p, s)| before.get(*p) != Some(s))
        .map(|(p, _)| p.clone())
        .collect()
}

fn written_count(out: &std::process::Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout);
    stdout
        .split(" written)")
        .next()
        .and_then(|s| s.rsplit('(').next())
        .unwrap_or("?")
        .to_string()
}

/// A clean build of a copy of `root`'s sources, for comparison.
fn clean_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let copy = crate::common::TempDir::new("clean");
    fs::copy(root.join("site.toml"), copy.path().join("site.toml")).unwrap();
    crate::common::copy_dir(&root.join("content"), &copy.path().join("content"));
    build_ok(copy.path(), AS_OF, &["--no-cache"]);
    contents(&copy.path().join("output"))
}

#[test]
fn a_rebuild_with_nothing_changed_writes_nothing_and_an_edit_writes_only_what_it_changes() {
    let site = example_site();
    let out = site.path().join("output");
    build_ok(site.path(), AS_OF, &[]);
    let first = stamps(&out);
    let output_inode = fs::metadata(&out).unwrap().ino();
    let standby = site.path().join(".output.building");

    // From the second build on, with nothing changed, nothing is written, not even into
    // the standby copy (which a build from nothing leaves empty), and the output folder
    // is left as it is.
    for _ in 0..2 {
        let again = build_ok(site.path(), AS_OF, &[]);
        assert_eq!(
            written_count(&again),
            "0",
            "{}",
            String::from_utf8_lossy(&again.stdout)
        );
        assert!(rewritten(&first, &stamps(&out)).is_empty());
        assert_eq!(fs::metadata(&out).unwrap().ino(), output_inode);
        assert!(
            !standby.exists() || list_files(&standby).is_empty(),
            "the standby copy is empty"
        );
    }

    // A first edit: the files it did not change are copied from the output into the
    // standby copy before the exchange, and the standby copy is then brought to the
    // new site.
    let other = site
        .path()
        .join("content/committees/cabinet/2021-10-13/residential-sufficiency.md");
    fs::write(&other, read(&other) + "\nA further note.\n").unwrap();
    let filled = build_ok(site.path(), AS_OF, &[]);
    let all = contents(&out);
    assert_eq!(written_count(&filled), all.len().to_string());
    let held = contents(&standby);
    let differ: Vec<&String> = (all.keys().chain(held.keys()))
        .filter(|p| all.get(*p) != held.get(*p))
        .collect();
    assert!(differ.is_empty(), "the standby copy differs: {differ:?}");

    // One report edited: its page, its meeting's page and pack, and the pages and feeds
    // that quote its words change; nothing else is written.
    let report = site
        .path()
        .join("content/committees/corporate-parenting-panel/2021-09-24/fostering-annual-report.md");
    let text = read(&report) + "\nThe panel thanked the fostering team for the report.\n";
    fs::write(&report, text).unwrap();
    let before = contents(&out);
    // The build brings the standby copy (which holds what the output holds) up to date,
    // then exchanges the two folders.
    let before_stamps = stamps(&standby);
    let edited = build_ok(site.path(), AS_OF, &[]);
    let after = contents(&out);
    let changed: Vec<String> = after
        .iter()
        .filter(|(p, b)| before.get(*p) != Some(*b))
        .map(|(p, _)| p.clone())
        .collect();
    let meeting = "committees/corporate-parenting-panel/2021-09-24/";
    for must in [
        format!("{meeting}fostering-annual-report/index.html"),
        format!("{meeting}agenda-pack.pdf"),
    ] {
        assert!(changed.contains(&must), "{must} should change: {changed:?}");
    }
    assert_eq!(
        rewritten(&before_stamps, &stamps(&out)),
        changed,
        "exactly the files whose bytes changed are written"
    );
    assert_eq!(written_count(&edited), changed.len().to_string());
    assert!(
        changed.len() < after.len() / 4,
        "an edit to one report rewrote {} of {} files: {changed:?}",
        changed.len(),
        after.len()
    );
    assert_eq!(
        after,
        clean_build(site.path()),
        "the same bytes as a clean build"
    );
}

#[test]
fn files_no_longer_made_are_removed_and_hand_made_changes_are_undone() {
    let site = example_site();
    let out = site.path().join("output");
    build_ok(site.path(), AS_OF, &[]);
    build_ok(site.path(), AS_OF, &[]);
    // A document taken off the agenda: its page and folder go.
    let dir = "content/committees/corporate-parenting-panel/2021-07-02";
    let yaml = read(&site.path().join(dir).join("meeting.yaml"));
    assert!(
        yaml.contains("useful-resources"),
        "the fixture lists the document"
    );
    let kept: String = yaml
        .lines()
        .filter(|l| !l.contains("useful-resources"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(site.path().join(dir).join("meeting.yaml"), kept).unwrap();
    fs::remove_file(site.path().join(dir).join("useful-resources.md")).unwrap();
    // And someone edits and adds files in the output by hand.
    fs::write(out.join("index.html"), "edited by hand").unwrap();
    fs::write(out.join("stray.html"), "left by hand").unwrap();
    let result = build(site.path(), AS_OF, &[]);
    if !result.status.success() {
        panic!("{}", String::from_utf8_lossy(&result.stderr));
    }
    let files = contents(&out);
    assert!(!files.keys().any(|p| p.contains("useful-resources")));
    assert_eq!(files, clean_build(site.path()));
    // Two more builds: what was in the output by hand never comes back.
    build_ok(site.path(), AS_OF, &[]);
    fs::write(
        site.path().join(dir).join("minutes.md"),
        read(&site.path().join(dir).join("minutes.md")) + "\nA further note.\n",
    )
    .unwrap();
    build_ok(site.path(), AS_OF, &[]);
    assert!(!out.join("stray.html").exists());
    assert_eq!(contents(&out), clean_build(site.path()));
}

#[test]
fn a_build_the_leak_gate_stops_leaves_no_withheld_words_anywhere_on_disk() {
    let site = Site::new("incremental-gate");
    let secret = "the preferred bidder Zorblax Holdings offered four hundred thousand pounds";
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Update\n    documents: [update.md]\n  - title: Award of the contract\n    exempt: [3]\n    documents: [tender.md]\n",
    );
    site.write(
        "content/committees/panel/2021-09-24/tender.md",
        &format!("---\ntitle: Tender\nkind: report\n---\n\n{secret}.\n"),
    );
    let update = "content/committees/panel/2021-09-24/update.md";
    site.write(
        update,
        "---\ntitle: Update\nkind: report\n---\n\nAll is well.\n",
    );
    build_ok(site.path(), "2021-10-01", &[]);
    build_ok(site.path(), "2021-10-01", &[]);
    let before = contents(&site.path().join("output"));
    // An officer pastes the exempt words into the public report.
    site.write(
        update,
        &format!("---\ntitle: Update\nkind: report\n---\n\nAs reported, {secret}.\n"),
    );
    let refused = build(site.path(), "2021-10-01", &[]);
    assert!(!refused.status.success(), "the gate must stop this build");
    assert_eq!(
        contents(&site.path().join("output")),
        before,
        "the output is untouched"
    );
    // Nothing beside the output (the standby copy, manifests) holds the words either.
    let needle = "Zorblax";
    for rel in list_files(site.path()) {
        if rel.starts_with("content/") || rel.starts_with(".quire-cache/") {
            continue;
        }
        let bytes = fs::read(site.path().join(&rel)).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(needle),
            "{rel} holds the withheld words after a refused build"
        );
    }
    // Positive control: the members' edition, which may hold them, does.
    build_ok(site.path(), "2021-10-01", &["--confidential"]);
    let members = contents(&site.path().join("confidential"));
    assert!(
        members
            .values()
            .any(|b| String::from_utf8_lossy(b).contains(needle))
    );
}

#[test]
fn a_page_already_written_is_scanned_again_when_the_gate_looks_for_new_words() {
    // A rebuild skips the gate's scan of a page whose bytes an earlier build wrote and
    // found clean, but only while the gate looks for the same things. Here the page does
    // not change: the report it quotes becomes exempt.
    let site = Site::new("incremental-regate");
    let quoted = "the preferred bidder Zorblax Holdings offered four hundred thousand pounds";
    let items = |marking: &str| {
        format!(
            "  - title: Update\n    documents: [update.md]\n  - title: Award of the contract\n{marking}    documents: [tender.md]\n"
        )
    };
    meeting(&site, "panel", "2021-09-24", "2021-09-16", &items(""));
    site.write(
        "content/committees/panel/2021-09-24/tender.md",
        &format!("---\ntitle: Tender\nkind: report\n---\n\n{quoted}.\n"),
    );
    site.write(
        "content/committees/panel/2021-09-24/update.md",
        &format!("---\ntitle: Update\nkind: report\n---\n\nAs reported, {quoted}.\n"),
    );
    build_ok(site.path(), "2021-10-01", &[]);
    build_ok(site.path(), "2021-10-01", &[]);
    let update_page = site
        .path()
        .join("output/committees/panel/2021-09-24/update/index.html");
    let page = read(&update_page);
    assert!(
        page.contains("Zorblax"),
        "the control: public words are published"
    );
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        &items("    exempt: [3]\n"),
    );
    let refused = build(site.path(), "2021-10-01", &[]);
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success(), "the gate must stop this build");
    assert!(
        err.contains("committees/panel/2021-09-24/update/index.html"),
        "the unchanged page is scanned again and named: {err}"
    );
    assert_eq!(read(&update_page), page, "the output is as it was");
}

#[test]
fn an_appendix_rewritten_in_place_with_its_old_time_is_read_again() {
    // The gate keeps each appendix's text between builds. A PDF rewritten in place, of
    // the same size and given back its modification time, must be read again: its
    // change time is new.
    let site = Site::new("incremental-appendix");
    let pdf = "content/committees/panel/2021-09-24/files/costs.pdf";
    let harmless = crate::common::pdf_with_text("the harmless notes are nine hundred words");
    let leaked = crate::common::pdf_with_text("the contract price is nine hundred pounds");
    assert_eq!(
        harmless.len(),
        leaked.len(),
        "the two appendices must be the same size"
    );
    site.write(pdf, "");
    fs::write(site.path().join(pdf), &harmless).unwrap();
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Costs\n    documents:\n      - { file: files/costs.pdf, title: Costs }\n  - title: Contract\n    exempt: [3]\n    documents: [contract.md]\n",
    );
    site.write(
        "content/committees/panel/2021-09-24/contract.md",
        "---\ntitle: Contract\nkind: report\n---\n\nThe contract price is nine hundred pounds.\n",
    );
    build_ok(site.path(), "2021-10-01", &[]);
    let path = site.path().join(pdf);
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let mut file = fs::File::options().write(true).open(&path).unwrap();
    std::io::Write::write_all(&mut file, &leaked).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    let refused = build(site.path(), "2021-10-01", &[]);
    assert!(
        !refused.status.success(),
        "the rewritten appendix holds exempt words: {}",
        String::from_utf8_lossy(&refused.stdout)
    );
    assert!(String::from_utf8_lossy(&refused.stderr).contains("files/costs.pdf"));
}

#[test]
fn a_site_copied_with_its_cache_lays_out_no_pack_again_unless_one_was_changed() {
    // A CI system saves `.quire-cache/` after a build and puts it back before the next,
    // as new files: new inodes, new times, the same bytes.
    let site = example_site();
    build_ok(site.path(), AS_OF, &[]);
    let copy = crate::common::TempDir::new("copied");
    let status = std::process::Command::new("cp")
        .arg("-r")
        .arg(site.path().join("."))
        .arg(copy.path())
        .status()
        .unwrap();
    assert!(status.success());
    let cache = copy.path().join(".quire-cache/public");
    let packs = |dir: &Path| -> BTreeMap<String, u64> {
        list_files(dir)
            .into_iter()
            .filter(|f| f.ends_with(".pdf") && !f.contains('/'))
            .map(|f| (f.clone(), fs::metadata(dir.join(&f)).unwrap().ino()))
            .collect()
    };
    let before = packs(&cache);
    assert!(before.len() > 3, "the example site has packs: {before:?}");
    build_ok(copy.path(), AS_OF, &[]);
    assert_eq!(
        packs(&cache),
        before,
        "every pack comes from the copied cache, none laid out again"
    );
    assert_eq!(
        contents(&copy.path().join("output")),
        contents(&site.path().join("output"))
    );

    // One cached pack changed by hand, keeping its size: that pack alone is laid out
    // again, and the output is what it was.
    let (name, _) = before.iter().next().unwrap();
    let file = cache.join(name);
    let mut bytes = fs::read(&file).unwrap();
    let last = bytes.len() - 2;
    bytes[last] ^= 1;
    fs::write(&file, bytes).unwrap();
    build_ok(copy.path(), AS_OF, &[]);
    let after = packs(&cache);
    let changed: Vec<_> = (after.iter())
        .filter(|(f, ino)| before.get(*f) != Some(ino))
        .map(|(f, _)| f.clone())
        .collect();
    assert_eq!(changed, std::slice::from_ref(name));
    assert_eq!(
        contents(&copy.path().join("output")),
        contents(&site.path().join("output"))
    );
}

/// A build given the site's folder by a relative path (`--root site`) after builds
/// given it by its full path (`--root /srv/site`, or `quire build` in the folder)
/// writes only what changed: a pack from the cache, or an appendix
/// copied from `content/`, is the same file however its path is spelt. (Before, every
/// pack and appendix was written again whole.)
#[test]
fn a_build_given_the_sites_folder_another_way_writes_only_what_changed() {
    let site = example_site();
    let out = site.path().join("output");
    build_ok(site.path(), AS_OF, &[]);
    // Settled: both folders hold the site.
    let other = site
        .path()
        .join("content/committees/cabinet/2021-10-13/residential-sufficiency.md");
    fs::write(&other, read(&other) + "\nA further note.\n").unwrap();
    build_ok(site.path(), AS_OF, &[]);

    let report = site
        .path()
        .join("content/committees/corporate-parenting-panel/2021-09-24/fostering-annual-report.md");
    fs::write(&report, read(&report) + "\nThe panel thanked the team.\n").unwrap();
    let before = contents(&out);
    // As a script run from the folder above might: `quire build --root site`.
    let (above, name) = (
        site.path().parent().unwrap(),
        site.path().file_name().unwrap(),
    );
    let from_folder = crate::common::quire()
        .current_dir(above)
        .arg("build")
        .arg("--root")
        .arg(name)
        .args(["--as-of", AS_OF])
        .output()
        .unwrap();
    assert!(
        from_folder.status.success(),
        "{}",
        String::from_utf8_lossy(&from_folder.stderr)
    );
    let after = contents(&out);
    let changed = (after.iter())
        .filter(|(p, b)| before.get(*p) != Some(*b))
        .count();
    assert!(
        changed > 0 && changed < 20,
        "{changed} files changed for one edit"
    );
    assert!(
        after
            .keys()
            .any(|p| p.ends_with(".pdf") && !p.ends_with("agenda-pack.pdf")),
        "the example site publishes an appendix"
    );
    assert_eq!(written_count(&from_folder), changed.to_string());
}
