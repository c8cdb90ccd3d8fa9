//! Write: the only code that writes the built site to disk.
//!
//! The site is written into a staging folder beside the target, then swapped into place,
//! so a failed build leaves the previous output exactly as it was and a reader never sees
//! half a site.

// Write is the stage that writes the site: it may touch the disk (see clippy.toml).
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::render::{Artefact, Contents};

/// The first line of robots.txt in a members' edition, used to recognise one.
pub const CONFIDENTIAL_MARK: &str = "# quire members' edition: NOT FOR PUBLICATION";

/// The output folder held for one build. Two builds of one folder at once would write
/// into the same staging folder and swap in a mix of both sites (with two build dates, a
/// mix could publish papers early), so the second stops instead. Released when dropped.
#[derive(Debug)]
pub struct OutputLock {
    _file: fs::File,
}

/// Takes the lock beside `output` (`.<name>.lock`), or says that another build holds it.
pub fn lock_output(output: &Path) -> Result<OutputLock, Diagnostic> {
    let err = |msg: String| Diagnostic::error(output, None, msg).code("output-folder");
    let (parent, name) = beside(output);
    fs::create_dir_all(&parent)
        .map_err(|e| err(format!("cannot create {}: {e}", parent.display())))?;
    let path = parent.join(format!(".{name}.lock"));
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| {
            err(format!(
                "cannot lock the output folder ({}): {e}",
                path.display()
            ))
        })?;
    match file.try_lock() {
        Ok(()) => Ok(OutputLock { _file: file }),
        Err(fs::TryLockError::WouldBlock) => Err(err(
            "another quire build (or quire serve) is writing this folder right now".into(),
        )
        .hint("wait for it to finish, then build again; two builds at once would mix their files")),
        Err(fs::TryLockError::Error(e)) => Err(err(format!(
            "cannot lock the output folder ({}): {e}",
            path.display()
        ))),
    }
}

/// The folder an output sits in, and its name: staging, the old site and the lock go there.
fn beside(output: &Path) -> (PathBuf, String) {
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    (parent.to_path_buf(), name)
}

/// Writes `artefacts` to `output`, replacing whatever was there only once all is written.
pub fn write_site(artefacts: &[Artefact], output: &Path) -> Result<(), Diagnostic> {
    let err = |msg: String| Diagnostic::error(output, None, msg).code("output-folder");
    let mut seen = BTreeSet::new();
    for a in artefacts {
        if !seen.insert(a.path.as_str()) || a.path.contains("..") || a.path.starts_with('/') {
            return Err(err(format!("two outputs would be written to {}", a.path))
                .hint("two files or pages have the same address; rename one of them"));
        }
    }
    let (parent, name) = beside(output);
    fs::create_dir_all(&parent)
        .map_err(|e| err(format!("cannot create {}: {e}", parent.display())))?;
    let staging = parent.join(format!(".{name}.building"));
    let old = parent.join(format!(".{name}.previous"));
    remove_tree(&staging);
    let result = write_all(artefacts, &staging).and_then(|()| swap(&staging, output, &old));
    if result.is_err() {
        remove_tree(&staging);
    }
    result.map_err(|e| {
        err(format!(
            "cannot write the site: {}",
            crate::diag::plain_io(&e)
        ))
    })
}

fn write_all(artefacts: &[Artefact], dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    let folders: BTreeSet<PathBuf> = artefacts
        .iter()
        .filter_map(|a| dir.join(&a.path).parent().map(Path::to_path_buf))
        .collect();
    for f in &folders {
        fs::create_dir_all(f)?;
    }
    // Tens of thousands of small files: writing them in parallel keeps the disk busy.
    artefacts.par_iter().try_for_each(|a| {
        let path = dir.join(&a.path);
        match &a.contents {
            Contents::Bytes(b) => fs::write(&path, b),
            Contents::Copy(file) => fs::write(&path, file.read()?),
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
        let _ = if p.is_dir() {
            remove_level(p, parallel_levels - 1)
        } else {
            fs::remove_file(p)
        };
    });
    fs::remove_dir_all(dir)
}

/// Puts `staging` in place of `output`. When there is an old output the two folders are
/// exchanged in one step, so a reader, a web server or a build killed at any moment sees
/// either the whole old site or the whole new one, never none. Where the file system
/// cannot exchange folders, the old output is moved aside first and put back on failure.
fn swap(staging: &Path, output: &Path, old: &Path) -> std::io::Result<()> {
    remove_tree(old);
    if !output.exists() {
        return fs::rename(staging, output);
    }
    if exchange(staging, output).is_ok() {
        // `staging` now holds the previous site.
        remove_tree(staging);
        return Ok(());
    }
    fs::rename(output, old)?;
    if let Err(e) = fs::rename(staging, output) {
        let _ = fs::rename(old, output);
        return Err(e);
    }
    remove_tree(old);
    Ok(())
}

/// Exchanges two folders atomically (renameat2 with RENAME_EXCHANGE).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("no atomic exchange on this system"))
}

/// Refuses output folders that would destroy sources or mix the two editions, and returns
/// the folder to write, absolute and with every `..` and symbolic link resolved.
///
/// The members' edition may never be written into, or below, any folder that holds a
/// public edition (recognised by [`PUBLIC_MARK`] in its robots.txt) or the site's default
/// `output/`. Both the path as written and the path with its links resolved are checked,
/// because a web server serving the public folder follows a link inside it, and the
/// operating system follows a link on the way to the target.
pub fn check_output(root: &Path, output: &Path, confidential: bool) -> Result<PathBuf, Diagnostic> {
    let root_abs = resolved(root);
    let forms = [lexical(output), resolved(output)];
    let refuse = |msg: &str, hint: &str| {
        Err(Diagnostic::error(output, None, msg.to_string())
            .code("output-folder")
            .hint(hint.to_string()))
    };
    if output.is_file() {
        return refuse(
            "the output folder is a file",
            "name a folder, for example --output output",
        );
    }
    for out in &forms {
        if root_abs.starts_with(out)
            || out.starts_with(root_abs.join("content"))
            || out.starts_with(root_abs.join("themes"))
        {
            return refuse(
                "the output folder would overwrite the site's own files",
                "choose an output folder outside content/ and themes/, such as output/",
            );
        }
    }
    if confidential {
        let public_default = [
            lexical(&root.join("output")),
            resolved(&root.join("output")),
        ];
        let inside_public = forms.iter().any(|out| {
            public_default.iter().any(|p| out.starts_with(p)) || holds_public_edition(out)
        });
        if inside_public {
            return refuse(
                "the members' edition cannot be written into output/ or any folder holding the public site",
                "leave out --output to use confidential/, or name a folder outside every public build",
            );
        }
    }
    if output.is_dir()
        && fs::read_dir(output)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false)
    {
        let robots = fs::read_to_string(output.join("robots.txt")).unwrap_or_default();
        if !written_by_quire(&robots) {
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
    Ok(forms[1].clone())
}

/// The first line of robots.txt in a public edition, used to recognise one.
pub const PUBLIC_MARK: &str = "# quire public edition";

/// Whether `dir` or any folder above it is a website: it has a robots.txt that is not a
/// members' edition's. That covers every public edition quire wrote (with [`PUBLIC_MARK`],
/// or before the mark existed) wherever `--output` put it, and any other site's web root.
fn holds_public_edition(dir: &Path) -> bool {
    dir.ancestors().any(|a| {
        fs::read_to_string(a.join("robots.txt")).is_ok_and(|r| !r.starts_with(CONFIDENTIAL_MARK))
    })
}

/// Whether a robots.txt is one quire wrote for either edition (public ones written before
/// the mark existed began with these words).
fn written_by_quire(robots: &str) -> bool {
    robots.starts_with(CONFIDENTIAL_MARK)
        || robots.starts_with(PUBLIC_MARK)
        || robots.starts_with("User-agent: *\nAllow: /\nSitemap: ")
}

/// `p` made absolute with `.` and `..` applied to the words as written, following no link.
fn lexical(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    normalise(&joined)
}

/// Applies `.` and `..` to a path's words.
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    push_normalised(&mut out, p.components());
    out
}

/// Appends `parts` to `out`, a `..` taking the last part off.
fn push_normalised<'a>(
    out: &mut PathBuf,
    parts: impl IntoIterator<Item = std::path::Component<'a>>,
) {
    for c in parts {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
}

/// An absolute, symlink-free form of `p`, even when `p` (or its tail) does not exist yet:
/// the deepest existing ancestor is canonicalised and the rest, which cannot hold a link
/// because it does not exist, is normalised and appended. So `output/missing/../..` and a
/// relative `output/new-folder` are compared correctly with the site root.
fn resolved(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let parts: Vec<_> = joined.components().collect();
    for keep in (1..=parts.len()).rev() {
        let head: PathBuf = parts[..keep].iter().collect();
        if let Ok(mut out) = fs::canonicalize(&head) {
            push_normalised(&mut out, parts[keep..].iter().copied());
            return out;
        }
    }
    normalise(&joined)
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
        // A missing folder followed by `..` lands in output/ all the same.
        assert!(check_output(&dir, &dir.join("missing/../output/x"), true).is_err());
        assert!(check_output(&dir, &dir.join("output/missing/.."), true).is_err());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_existing_output_is_exchanged_in_one_step() {
        let dir = std::env::temp_dir().join(format!("quire-exchange-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let (staging, output) = (dir.join("new"), dir.join("output"));
        fs::create_dir_all(&staging).unwrap();
        fs::create_dir_all(&output).unwrap();
        fs::write(staging.join("index.html"), "new").unwrap();
        fs::write(output.join("index.html"), "old").unwrap();
        exchange(&staging, &output).unwrap();
        assert_eq!(
            fs::read_to_string(output.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(
            fs::read_to_string(staging.join("index.html")).unwrap(),
            "old"
        );
        swap(&staging, &output, &dir.join("aside")).unwrap();
        assert_eq!(
            fs::read_to_string(output.join("index.html")).unwrap(),
            "old"
        );
        assert!(!staging.exists() && !dir.join("aside").exists());
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
