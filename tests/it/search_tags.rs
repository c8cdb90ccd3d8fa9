//! `pagefind/quire.json` tells the search page each shard's entry tag and the files
//! Pagefind will read first, so it can fetch them ahead: the same sources give the same
//! list, an edit changes the tag of its year's shard only, and every file named is there.
//! The newest year with published papers is in halves, and becomes one shard again when
//! a newer year's papers are out.

use std::fs;
use std::path::Path;

use crate::common::{build_ok, example_site, read};

const AS_OF: &str = "2026-11-22";

fn entries(out: &Path) -> serde_json::Map<String, serde_json::Value> {
    let list: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("pagefind/quire.json")).unwrap()).unwrap();
    list["entries"].as_object().unwrap().clone()
}

#[test]
fn an_edit_changes_the_entry_tag_of_its_year_only_and_every_named_file_exists() {
    let site = example_site();
    let out = site.path().join("output");
    build_ok(site.path(), AS_OF, &[]);
    let first = fs::read(out.join("pagefind/quire.json")).unwrap();
    let before = entries(&out);
    assert!(before.contains_key("/pagefind/") && before.contains_key("/pagefind/2021/"));
    for (dir, e) in &before {
        let folder = out.join(dir.trim_start_matches('/'));
        assert!(
            folder.join(e["meta"].as_str().unwrap()).is_file(),
            "{dir}: {e}"
        );
        if dir == "/pagefind/" {
            assert!(folder.join(e["wasm"].as_str().unwrap()).is_file(), "{e}");
        } else {
            assert!(e.get("wasm").is_none(), "{dir}: {e}");
        }
    }
    // Nothing changed: the same bytes, the shards taken from the cache.
    build_ok(site.path(), AS_OF, &[]);
    assert_eq!(fs::read(out.join("pagefind/quire.json")).unwrap(), first);

    // A 2021 report edited: the 2021 shard is indexed again, with a new tag and
    // metadata; the others keep theirs.
    let report = site
        .path()
        .join("content/committees/corporate-parenting-panel/2021-09-24/fostering-annual-report.md");
    let text = read(&report) + "\nThe panel thanked the fostering team for the report.\n";
    fs::write(&report, text).unwrap();
    build_ok(site.path(), AS_OF, &[]);
    let after = entries(&out);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    for (dir, e) in &after {
        if dir == "/pagefind/2021/" {
            assert_ne!(e["tag"], before[dir]["tag"]);
            assert_ne!(e["meta"], before[dir]["meta"]);
        } else {
            assert_eq!(e, &before[dir], "{dir}");
        }
        let entry = fs::read(
            out.join(dir.trim_start_matches('/'))
                .join("pagefind-entry.json"),
        )
        .unwrap();
        let hash = entry_hash(&entry);
        assert!(hash.starts_with(e["tag"].as_str().unwrap()), "{dir}: {e}");
    }
}

/// The SHA-256 of an entry, in hexadecimal.
fn entry_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The URLs of the pages whose fragments are in one shard's folder (`pagefind/2027/`).
fn urls_in(out: &Path, shard: &str) -> Vec<String> {
    let dir = out.join("pagefind").join(shard).join("fragment");
    let mut urls: Vec<String> = (fs::read_dir(&dir).unwrap_or_else(|e| panic!("{shard}: {e}")))
        .map(|f| crate::common::search::inflate(&f.unwrap().path()))
        .map(|bytes| {
            let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            json["url"].as_str().unwrap().to_string()
        })
        .collect();
    urls.sort();
    urls
}

/// The files under `dir` whose path contains `part`.
fn named(dir: &Path, part: &str) -> Vec<String> {
    (crate::common::list_files(dir).into_iter())
        .filter(|f| f.contains(part))
        .collect()
}

#[test]
fn a_newer_year_with_published_papers_makes_the_year_in_halves_one_shard_again() {
    let site = example_site();
    let out = site.path().join("output");
    let cache = site.path().join(".quire-cache/public/search");
    build_ok(site.path(), AS_OF, &[]);
    // The newest published papers are of January 2027: 2027 is in halves, its meetings
    // (January to March) all in the first.
    assert_eq!(crate::common::search::shards(&out), ["2027-h1", "2021"]);
    let newest = urls_in(&out, "2027-h1");
    assert!(
        newest.contains(&"/committees/cabinet/2027-01-13/".to_string()),
        "{newest:?}"
    );
    assert!(cache.join("2027-h1.bin").is_file());

    // A meeting set for July 2028, its papers not out: 2028 is one shard, and 2027
    // stays in halves, as the one the search page answers from first.
    let july = site.path().join("content/committees/cabinet/2028-07-12");
    fs::create_dir_all(&july).unwrap();
    let meeting = |published: &str| {
        format!(
            "date: 2028-07-12\ntime: \"10:00\"\nvenue: Council Chamber, County Hall, Durham\nstatus: scheduled\n{published}items:\n  - title: Declarations of interest\n    body: Members are asked to declare any interest in an item on this agenda.\n"
        )
    };
    fs::write(july.join("meeting.yaml"), meeting("")).unwrap();
    build_ok(site.path(), AS_OF, &[]);
    assert_eq!(
        crate::common::search::shards(&out),
        ["2028", "2027-h1", "2021"]
    );
    assert_eq!(list(&out)["first"], "2027-h1");

    // Its papers out: 2028 is in halves, and 2027 one shard again, holding the same
    // pages; its half's folder and cache file are gone.
    fs::write(
        july.join("meeting.yaml"),
        meeting("agenda_published: 2026-11-21\n"),
    )
    .unwrap();
    build_ok(site.path(), AS_OF, &[]);
    assert_eq!(
        crate::common::search::shards(&out),
        ["2028-h2", "2027", "2021"]
    );
    assert_eq!(urls_in(&out, "2027"), newest);
    assert_eq!(named(&out, "pagefind/2027-h1/"), Vec::<String>::new());
    assert!(!cache.join("2027-h1.bin").exists() && cache.join("2027.bin").is_file());
    let list = list(&out);
    assert_eq!(list["first"], "2028-h2");
    assert_eq!(list["labels"]["2028-h2"], "July to December 2028");
    assert_eq!(list["years"]["2028-h2"], "2028");
    assert_eq!(list["labels"]["2027"], "2027");

    // The meeting taken out again: 2027's half comes back, and 2027's whole shard goes.
    fs::remove_dir_all(&july).unwrap();
    build_ok(site.path(), AS_OF, &[]);
    assert_eq!(crate::common::search::shards(&out), ["2027-h1", "2021"]);
    assert_eq!(urls_in(&out, "2027-h1"), newest);
    assert_eq!(named(&out, "pagefind/2027/"), Vec::<String>::new());
    assert_eq!(named(&out, "pagefind/2028"), Vec::<String>::new());
    assert!(!cache.join("2027.bin").exists() && !cache.join("2028-h2.bin").exists());
}

/// The site's `pagefind/quire.json`.
fn list(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(out.join("pagefind/quire.json")).unwrap()).unwrap()
}
