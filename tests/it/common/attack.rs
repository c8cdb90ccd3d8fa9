//! What every attack on the public build asserts: the canaries are in no public byte
//! and all are in the members' edition (the positive control), or the build refuses,
//! naming the file, and writes nothing.

use std::process::Output;

use super::scan::{found_in, missing_from};
use super::site::Site;
use super::{build, stderr};

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
