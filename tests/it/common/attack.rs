//! What every attack on the public build asserts: the canaries are in no public byte
//! and all are in the members' edition (the positive control), or the build refuses,
//! naming the file, and writes nothing.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::process::Output;

use super::scan::{found_in, missing_from, readable};
use super::site::Site;
use super::{build, list_files, stderr};

pub fn owned(canaries: &[&str]) -> Vec<String> {
    canaries.iter().map(|c| c.to_string()).collect()
}

pub fn assert_built(out: &Output) {
    assert!(out.status.success(), "the build failed:\n{}", stderr(out));
}

/// The canaries are in no public byte on `as_of`, and all are in the members' edition.
pub fn assert_withheld(site: &Site, as_of: &str, canaries: &[&str]) {
    let canaries = owned(canaries);
    assert_built(&build(site.path(), as_of, &[]));
    let public = found_in(&site.out("output"), &canaries);
    assert!(
        public.is_empty(),
        "withheld matter in the public build: {public:#?}"
    );
    assert_built(&build(site.path(), as_of, &["--confidential"]));
    let missing = missing_from(&site.out("confidential"), &canaries);
    assert!(
        missing.is_empty(),
        "the members' edition lacks {missing:?}, so the public scan proves nothing"
    );
}

/// Either the build refuses, naming `file` and writing nothing, or it builds and the
/// canaries are withheld (with the members' edition as the control). Both are safe: what
/// must never happen is a build that succeeds and publishes them.
pub fn assert_withheld_or_refused(site: &Site, as_of: &str, canaries: &[&str], file: &str) {
    let out = build(site.path(), as_of, &[]);
    if out.status.success() {
        assert_withheld(site, as_of, canaries);
        return;
    }
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(file),
        "the refusal does not name {file}:\n{err}"
    );
    assert!(
        !site.out("output").exists(),
        "a refused build wrote output/"
    );
}

/// The build refuses, naming `file` and `message`, and writes nothing.
pub fn assert_refused(site: &Site, as_of: &str, file: &str, message: &str) {
    let out = build(site.path(), as_of, &[]);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected a refusal, got:\n{err}"
    );
    assert!(
        err.contains(file) && err.contains(message),
        "expected `{file}` and `{message}` in:\n{err}"
    );
    assert!(err.contains("hint:"), "no hint in:\n{err}");
    assert!(
        !site.out("output").exists(),
        "a refused build wrote output/"
    );
}

/// Every file of the site folder a reader of the server could ever be handed, apart from
/// the sources and quire's own cache: the output, the standby copy beside it, manifests,
/// locks. Which of them hold `canary`, read as [`readable`] reads them (PDF text too).
pub fn outside_sources_holding(site: &Site, canary: &str) -> Vec<String> {
    list_files(site.path())
        .into_iter()
        .filter(|rel| !rel.starts_with("content/") && !rel.starts_with(".quire-cache/"))
        .filter(|rel| {
            let mut texts = readable(&site.path().join(rel));
            texts.push(rel.clone());
            texts.iter().any(|t| t.contains(canary))
        })
        .collect()
}

/// The pack cache's PDF whose text (in its `.json`) holds `needle`, and its inode.
pub fn cached_pack(site: &Site, needle: &str) -> (PathBuf, u64) {
    let dir = site.path().join(".quire-cache/public");
    let mut found = Vec::new();
    for f in list_files(&dir) {
        if !f.ends_with(".json") || f.contains('/') {
            continue;
        }
        let meta = fs::read_to_string(dir.join(&f)).unwrap();
        if meta.contains(needle) {
            let pdf = dir.join(f.replace(".json", ".pdf"));
            let ino = fs::metadata(&pdf).unwrap().ino();
            found.push((pdf, ino));
        }
    }
    assert_eq!(
        found.len(),
        1,
        "one cached pack holds {needle:?}: {found:?}"
    );
    found.pop().unwrap()
}
