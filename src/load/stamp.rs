//! The stamp of a site's inputs: every file and folder a build reads (`site.toml`,
//! `content/`, `themes/`), known by its place and its facts on disk, without reading it.
//!
//! Two builds by the same quire, with the same options, of inputs with the same stamp
//! make the same site: the second may leave the output as the first made it (see
//! `pipeline::build`). The facts of a file are its device and inode numbers, size, mode,
//! and modification and change times (nanoseconds). An edit changes the change time,
//! which no tool can set back (short of setting the system clock back); a file replaced
//! by another has another inode; a file added, removed or renamed changes the list of
//! places.
//!
//! That holds on a local disk with a file system that keeps change times. Where the
//! facts cannot be trusted to follow every edit (a network share, whose cached facts lag
//! behind another machine's edits; FUSE and virtual machines' shared folders; FAT and
//! exFAT, which keep no change time), or where quire cannot tell (outside Linux), there
//! is no stamp, and every build does all its work.

use std::path::{Path, PathBuf};

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
pub fn stamp(root: &Path, options: &[&[u8]]) -> Option<Stamp> {
    let now = now_nanos()?;
    let places = places(root)?;
    // The file systems the inputs are on, through every link.
    let roots = (INPUTS.iter())
        .map(|input| root.join(input))
        .filter(|path| path.exists());
    let links = places.iter().filter_map(|(_, place)| match place {
        Some((path, Kind::Link)) => Some(path.clone()),
        _ => None,
    });
    if !std::iter::once(root.to_path_buf())
        .chain(roots)
        .chain(links)
        .all(|path| keeps_change_times(&path))
    {
        return None;
    }
    // One system call a file (two for a link), 55,000 files in an archive: on every core.
    let facts: Vec<Option<[Facts; 2]>> = (places.par_iter())
        .map(|(_, place)| match place {
            Some((path, Kind::Link)) => Some([Facts::of(path, false)?, Facts::of(path, true)?]),
            Some((path, _)) => Some([Facts::of(path, false)?, Facts::default()]),
            None => Some([Facts::default(); 2]),
        })
        .collect();
    let mut h = Print::default();
    for option in options {
        h.field(option);
    }
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

/// What a place in the inputs is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A file or folder.
    Plain,
    /// A symbolic link to a file or folder, which the walk has followed.
    Link,
    /// A symbolic link that leads nowhere, or back to a folder above it.
    Dead,
}

/// A place's name under the root, and where it is and what it is (none for an absent
/// input).
type Place = (String, Option<(PathBuf, Kind)>);

/// Every place in the inputs, by its name under the root, in a stable order. An absent
/// input (no themes/ folder) is named too, with no place, so that adding it changes the
/// stamp. `None` if a folder cannot be listed.
fn places(root: &Path) -> Option<Vec<Place>> {
    let mut places = Vec::new();
    for input in INPUTS {
        let path = root.join(input);
        if std::fs::symlink_metadata(&path).is_err() {
            places.push((input.to_string(), None));
            continue;
        }
        // Through symbolic links (a theme folder or site.toml kept elsewhere and linked
        // in): an edit to what a link points at is an edit. Inside content/ the build
        // refuses links, so they are not followed there (a link to a vast folder would
        // be walked first); content/ itself may be one. A dead or looping link is a
        // place of its own: the theme ignores it, and it must not turn the stamp off.
        let follow = input != super::CONTENT_DIR;
        let walk = walkdir::WalkDir::new(&path).follow_links(follow);
        for entry in walk.sort_by_file_name() {
            let (path, kind) = match entry {
                Ok(e) if e.path_is_symlink() => (e.into_path(), Kind::Link),
                Ok(e) => (e.into_path(), Kind::Plain),
                Err(e) => {
                    let path = e.path()?.to_path_buf();
                    let meta = std::fs::symlink_metadata(&path).ok()?;
                    if !meta.file_type().is_symlink() {
                        return None;
                    }
                    (path, Kind::Dead)
                }
            };
            let rel = path.strip_prefix(root).ok()?.to_string_lossy().into_owned();
            places.push((rel, Some((path, kind))));
        }
    }
    Some(places)
}

/// Whether the file system `path` is on keeps faithful change times for every edit,
/// seen from this machine. Not network shares (NFS, SMB, Ceph, AFS, 9P, which also
/// carries WSL's Windows drives), FUSE (sshfs, ntfs-3g, virtiofs, cloud drives), the
/// shared folders of VirtualBox, nor FAT and exFAT.
#[cfg(target_os = "linux")]
fn keeps_change_times(path: &Path) -> bool {
    const UNFAITHFUL: [u32; 14] = [
        0x6969,      // NFS
        0x517b,      // SMB
        0xff53_4d42, // CIFS
        0xfe53_4d42, // SMB2
        0x00c3_6400, // Ceph
        0x5346_414f, // AFS
        0x6b41_4653, // kAFS
        0x0102_1997, // 9P
        0x6573_5546, // FUSE
        0x786f_4256, // VirtualBox shared folders
        0x4d44,      // FAT
        0x2011_bab0, // exFAT
        0x7375_7245, // Coda
        0x0bd0_0bd0, // Lustre
    ];
    match rustix::fs::statfs(path) {
        // The magic number is 32 bits wide, in a field that may be wider and signed.
        Ok(fs) => !UNFAITHFUL.contains(&(fs.f_type as u64 as u32)),
        Err(_) => false,
    }
}

/// Outside Linux quire cannot tell what a folder is on: no stamp is trusted.
#[cfg(not(target_os = "linux"))]
fn keeps_change_times(_path: &Path) -> bool {
    false
}

/// What the file system says of one place, without reading it.
#[derive(Debug, Default, Clone, Copy)]
struct Facts {
    kind: u8,
    size: u64,
    modified: i128,
    changed: i128,
    device: u64,
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
        let (modified, changed) = super::file_times(&m);
        Some(Facts {
            kind: if t.is_file() {
                1
            } else if t.is_dir() {
                2
            } else {
                3
            },
            size: m.len(),
            modified,
            changed,
            device: m.dev(),
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
        b.extend(self.device.to_le_bytes());
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
        let a = stamp(&dir, &[b"o"]).unwrap();
        assert_eq!(a.print, stamp(&dir, &[b"o"]).unwrap().print);
        assert_ne!(a.print, stamp(&dir, &[b"p"]).unwrap().print);
        // Just written: not settled.
        assert!(!a.settled);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_edit_at_the_same_size_and_time_a_new_file_a_folder_or_a_theme_changes_it() {
        let dir = site("edits");
        let root = dir.as_path();
        let mut prints = vec![stamp(root, &[b""]).unwrap().print];
        let file = root.join("content/pages/a.md");
        let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
        std::fs::write(&file, "two\n").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        prints.push(stamp(root, &[b""]).unwrap().print);
        std::fs::create_dir(root.join("content/pages/empty")).unwrap();
        prints.push(stamp(root, &[b""]).unwrap().print);
        std::fs::create_dir_all(root.join("themes/council/templates")).unwrap();
        prints.push(stamp(root, &[b""]).unwrap().print);
        std::fs::write(root.join("content/.hidden"), "").unwrap();
        prints.push(stamp(root, &[b""]).unwrap().print);
        std::fs::write(root.join("output-not-an-input"), "").unwrap();
        let last = stamp(root, &[b""]).unwrap().print;
        assert_eq!(&last, prints.last().unwrap(), "other files are not inputs");
        // A dead link and a looping one in a theme (which the theme ignores) are places
        // like any other: the stamp is still taken, and changes.
        let theme = root.join("themes/council");
        std::os::unix::fs::symlink(root.join("nowhere"), theme.join("dead")).unwrap();
        prints.push(stamp(root, &[b""]).unwrap().print);
        std::os::unix::fs::symlink(&theme, theme.join("templates/loop")).unwrap();
        prints.push(stamp(root, &[b""]).unwrap().print);
        let mut distinct = prints.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), prints.len(), "{prints:x?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
