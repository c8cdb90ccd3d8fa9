//! Write: the only code that writes the built site to disk.
//!
//! The site is written into a staging folder beside the target, then swapped into place,
//! so a failed build leaves the previous output exactly as it was and a reader never sees
//! half a site.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::render::{Artefact, Contents};

/// The first line of robots.txt in a members' edition, used to recognise one.
pub const CONFIDENTIAL_MARK: &str = "# quire members' edition: NOT FOR PUBLICATION";

/// Writes `artefacts` to `output`, replacing whatever was there only once all is written.
pub fn write_site(artefacts: &[Artefact], output: &Path) -> Result<(), Diagnostic> {
    let err = |msg: String| Diagnostic::error(output, None, msg);
    let mut seen = BTreeSet::new();
    for a in artefacts {
        if !seen.insert(a.path.as_str()) || a.path.contains("..") || a.path.starts_with('/') {
            return Err(err(format!("two outputs would be written to {}", a.path))
                .hint("two files or pages have the same address; rename one of them"));
        }
    }
    let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| err(format!("cannot create {}: {e}", parent.display())))?;
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    let staging = parent.join(format!(".{name}.building"));
    let old = parent.join(format!(".{name}.previous"));
    remove_tree(&staging);
    let result = write_all(artefacts, &staging).and_then(|()| swap(&staging, output, &old));
    if result.is_err() {
        remove_tree(&staging);
    }
    result.map_err(|e| err(format!("cannot write the site: {e}")))
}

fn write_all(artefacts: &[Artefact], dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    let folders: BTreeSet<PathBuf> = artefacts.iter().filter_map(|a| dir.join(&a.path).parent().map(Path::to_path_buf)).collect();
    for f in &folders {
        fs::create_dir_all(f)?;
    }
    // Tens of thousands of small files: writing them in parallel keeps the disk busy.
    artefacts.par_iter().try_for_each(|a| {
        let path = dir.join(&a.path);
        match &a.contents {
            Contents::Bytes(b) => fs::write(&path, b),
            Contents::Copy(src) => fs::copy(src, &path).map(|_| ()),
        }
    })
}

/// Removes a folder tree. The entries of its first two levels are removed in parallel:
/// a site keeps most of its files under one or two folders (`committees/...`).
fn remove_tree(dir: &Path) {
    let _ = remove_level(dir, 2);
}

fn remove_level(dir: &Path, parallel_levels: usize) -> std::io::Result<()> {
    if parallel_levels == 0 {
        return fs::remove_dir_all(dir);
    }
    let entries: Vec<PathBuf> = fs::read_dir(dir)?.flatten().map(|e| e.path()).collect();
    entries.par_iter().for_each(|p| {
        let _ = if p.is_dir() { remove_level(p, parallel_levels - 1) } else { fs::remove_file(p) };
    });
    fs::remove_dir_all(dir)
}

/// Moves `staging` to `output`, keeping the old output until the new one is in place.
fn swap(staging: &Path, output: &Path, old: &Path) -> std::io::Result<()> {
    remove_tree(old);
    let had_old = output.exists();
    if had_old {
        fs::rename(output, old)?;
    }
    if let Err(e) = fs::rename(staging, output) {
        if had_old {
            let _ = fs::rename(old, output);
        }
        return Err(e);
    }
    remove_tree(old);
    Ok(())
}

/// Refuses output folders that would destroy sources or mix the two editions.
pub fn check_output(root: &Path, output: &Path, confidential: bool) -> Result<(), Diagnostic> {
    let abs = |p: &Path| absolute(p);
    let root_abs = abs(root);
    let out_abs = abs(output);
    let refuse = |msg: &str, hint: &str| Err(Diagnostic::error(output, None, msg.to_string()).hint(hint.to_string()));
    if root_abs.starts_with(&out_abs) || out_abs.starts_with(root_abs.join("content")) || out_abs.starts_with(root_abs.join("themes")) {
        return refuse("the output folder would overwrite the site's own files", "choose an output folder outside content/ and themes/, such as output/");
    }
    if confidential && out_abs.starts_with(abs(&root.join("output"))) {
        return refuse(
            "the members' edition cannot be written into output/, the public site",
            "leave out --output to use confidential/, or name a folder outside output/",
        );
    }
    if output.is_dir() && fs::read_dir(output).map(|mut d| d.next().is_some()).unwrap_or(false) {
        let robots = fs::read_to_string(output.join("robots.txt")).unwrap_or_default();
        if robots.is_empty() {
            return refuse(
                "the output folder is not empty and was not written by quire",
                "choose an empty or new folder; quire replaces the whole output folder on every build",
            );
        }
        if robots.starts_with(CONFIDENTIAL_MARK) != confidential {
            return refuse(
                "this folder holds the other edition of the site",
                "keep the public build (output/) and the members' edition (confidential/) in separate folders",
            );
        }
    }
    Ok(())
}

/// An absolute, symlink-free form of `p`, even when `p` (or its tail) does not exist yet:
/// the deepest existing ancestor is canonicalised and the rest appended, so a relative
/// `output/new-folder` is compared correctly with the site root.
fn absolute(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    let mut existing = joined.as_path();
    let mut tail = Vec::new();
    loop {
        if let Ok(c) = fs::canonicalize(existing) {
            let mut out = c;
            for part in tail.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                tail.push(name.to_os_string());
                existing = parent;
            }
            _ => return joined,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_that_do_not_exist_yet_are_checked() {
        let dir = std::env::temp_dir().join(format!("quire-check-{}", std::process::id()));
        fs::create_dir_all(dir.join("content")).unwrap();
        assert!(check_output(&dir, &dir.join("output/members-copy"), true).is_err());
        assert!(check_output(&dir, &dir.join("content/x/y"), false).is_err());
        assert!(check_output(&dir, &dir.join("elsewhere"), true).is_ok());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn swap_replaces_and_duplicate_paths_fail() {
        let dir = std::env::temp_dir().join(format!("quire-write-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let out = dir.join("output");
        write_site(&[Artefact::bytes("a/index.html", "one")], &out).unwrap();
        write_site(&[Artefact::bytes("b.html", "two")], &out).unwrap();
        assert!(!out.join("a/index.html").exists());
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "two");
        let dup = [Artefact::bytes("x", "1"), Artefact::bytes("x", "2")];
        assert!(write_site(&dup, &out).is_err());
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "two");
        let _ = fs::remove_dir_all(&dir);
    }
}
