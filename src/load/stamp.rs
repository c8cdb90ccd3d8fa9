//! The stamp of a site's inputs: every file and folder a build reads (`site.toml`,
//! `content/`, `themes/`), known by its place and its facts on disk, without reading it.
//!
//! Two builds by the same quire, with the same options, of inputs with the same stamp
//! make the same site: the second may leave the output as the first made it (see
//! `pipeline::build`). The facts of a file are its size, modification and change times
//! (nanoseconds) and inode number. Any edit changes the change time, which no tool can
//! set back; a file replaced by another has another inode; a file added, removed or
//! renamed changes the list of places.

use std::path::Path;

use rayon::prelude::*;

/// The folders and file, under the site root, that a build reads. `quire serve` watches
/// the same three.
const INPUTS: [&str; 3] = [crate::config::SITE_FILE, super::CONTENT_DIR, "themes"];

/// How long after its last change a file is trusted to keep the facts it has. File
/// systems keep times to a clock tick (or two seconds, on FAT), so a file changed twice
/// within one tick, the second time at the same size, would show the same facts: a
/// stamp taken within this long of a change is not kept for the next build.
const SETTLE_NANOS: i128 = 2_000_000_000;

/// The stamp of a site's inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub print: u128,
    /// Whether every input had last changed more than two seconds before the stamp was
    /// taken (see [`SETTLE_NANOS`]). A build keeps only a settled stamp.
    pub settled: bool,
}

/// The stamp of the inputs under `root`, mixed with `options` (what else decides the
/// site: the version of quire, the build date, the edition). `None` if any part of the
/// inputs cannot be listed or looked at: the build then does all its work.
pub fn stamp(root: &Path, options: &[u8]) -> Option<Stamp> {
    let now = now_nanos()?;
    // Each place by its name under the root; an absent input (no themes/ folder) is
    // named too, with no facts, so that adding it changes the stamp.
    let mut places: Vec<(String, Option<(std::path::PathBuf, bool)>)> = Vec::new();
    for input in INPUTS {
        let path = root.join(input);
        if std::fs::symlink_metadata(&path).is_err() {
            places.push((input.to_string(), None));
            continue;
        }
        // Through symbolic links (a theme folder or site.toml kept elsewhere and linked
        // in), as the build reads them: an edit to what a link points at is an edit.
        // A link that loops is an error, and the build does all its work. Inside
        // content/ the build refuses links, so they are not followed there (a link to
        // a vast folder would be walked first); content/ itself may be one.
        let follow = input != super::CONTENT_DIR;
        let walk = walkdir::WalkDir::new(&path).follow_links(follow);
        for entry in walk.sort_by_file_name() {
            let entry = entry.ok()?;
            let rel = entry.path().strip_prefix(root).ok()?;
            let link = entry.path_is_symlink();
            places.push((
                rel.to_string_lossy().into_owned(),
                Some((entry.into_path(), link)),
            ));
        }
    }
    // One system call a file (two for a link), 55,000 files in an archive: on every core.
    let facts: Vec<Option<[Facts; 2]>> = (places.par_iter())
        .map(|(_, place)| match place {
            Some((path, true)) => Some([Facts::of(path, false)?, Facts::of(path, true)?]),
            Some((path, false)) => Some([Facts::of(path, false)?, Facts::default()]),
            None => Some([Facts::default(); 2]),
        })
        .collect();
    let mut h = Print::default();
    h.field(options);
    let mut newest = i128::MIN;
    for ((name, _), facts) in places.iter().zip(facts) {
        h.field(name.as_bytes());
        // The place itself (a link, if it is one) and what it leads to.
        for facts in facts? {
            newest = newest.max(facts.changed);
            h.field(&facts.bytes());
        }
    }
    Some(Stamp {
        print: h.finish(),
        settled: newest < now - SETTLE_NANOS,
    })
}

/// What the file system says of one place, without reading it.
#[derive(Debug, Default, Clone, Copy)]
struct Facts {
    kind: u8,
    size: u64,
    modified: i128,
    changed: i128,
    inode: u64,
    mode: u32,
}

impl Facts {
    /// The facts of `path` itself, or with `follow`, of what it leads to if it is a
    /// symbolic link.
    #[cfg(unix)]
    fn of(path: &Path, follow: bool) -> Option<Facts> {
        use std::os::unix::fs::MetadataExt;
        let m = match follow {
            true => std::fs::metadata(path),
            false => std::fs::symlink_metadata(path),
        };
        let m = m.ok()?;
        let t = m.file_type();
        let nanos = |s: i64, ns: i64| i128::from(s) * 1_000_000_000 + i128::from(ns);
        Some(Facts {
            kind: if t.is_file() {
                1
            } else if t.is_dir() {
                2
            } else {
                3
            },
            size: m.len(),
            modified: nanos(m.mtime(), m.mtime_nsec()),
            changed: nanos(m.ctime(), m.ctime_nsec()),
            inode: m.ino(),
            mode: m.mode(),
        })
    }

    /// Without change times and inodes, nothing can be trusted to be the same.
    #[cfg(not(unix))]
    fn of(_path: &Path, _follow: bool) -> Option<Facts> {
        None
    }

    fn bytes(&self) -> Vec<u8> {
        let mut b = vec![self.kind];
        b.extend(self.size.to_le_bytes());
        b.extend(self.modified.to_le_bytes());
        b.extend(self.changed.to_le_bytes());
        b.extend(self.inode.to_le_bytes());
        b.extend(self.mode.to_le_bytes());
        b
    }
}

/// The time now, as the file system writes it into change times.
fn now_nanos() -> Option<i128> {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(d.as_nanos() as i128)
}

/// A 128-bit hash of fields, each with its length, so that no two lists of fields run
/// together into the same bytes.
#[derive(Default)]
struct Print(siphasher::sip128::SipHasher13);

impl Print {
    fn field(&mut self, bytes: &[u8]) {
        use std::hash::Hasher;
        self.0.write_u64(bytes.len() as u64);
        self.0.write(bytes);
    }

    fn finish(&self) -> u128 {
        use siphasher::sip128::Hasher128;
        self.0.finish128().as_u128()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small site in a folder of its own (`label`), made afresh.
    fn site(label: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("quire-stamp-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("content/pages")).unwrap();
        std::fs::write(dir.join("site.toml"), "title = \"x\"\n").unwrap();
        std::fs::write(dir.join("content/pages/a.md"), "one\n").unwrap();
        dir
    }

    #[test]
    fn the_same_inputs_and_options_have_the_same_stamp() {
        let dir = site("same");
        let a = stamp(&dir, b"o").unwrap();
        assert_eq!(a.print, stamp(&dir, b"o").unwrap().print);
        assert_ne!(a.print, stamp(&dir, b"p").unwrap().print);
        // Just written: not settled.
        assert!(!a.settled);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_edit_at_the_same_size_and_time_a_new_file_a_folder_or_a_theme_changes_it() {
        let dir = site("edits");
        let root = dir.as_path();
        let mut prints = vec![stamp(root, b"").unwrap().print];
        let file = root.join("content/pages/a.md");
        let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
        std::fs::write(&file, "two\n").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        prints.push(stamp(root, b"").unwrap().print);
        std::fs::create_dir(root.join("content/pages/empty")).unwrap();
        prints.push(stamp(root, b"").unwrap().print);
        std::fs::create_dir_all(root.join("themes/council/templates")).unwrap();
        prints.push(stamp(root, b"").unwrap().print);
        std::fs::write(root.join("content/.hidden"), "").unwrap();
        prints.push(stamp(root, b"").unwrap().print);
        std::fs::write(root.join("output-not-an-input"), "").unwrap();
        let last = stamp(root, b"").unwrap().print;
        assert_eq!(&last, prints.last().unwrap(), "other files are not inputs");
        let mut distinct = prints.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), prints.len(), "{prints:x?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
