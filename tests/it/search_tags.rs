//! `pagefind/quire.json` tells the search page each shard's entry tag and the files
//! Pagefind will read first, so it can fetch them ahead: the same sources give the same
//! list, an edit changes the tag of its year's shard only, and every file named is there.

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
