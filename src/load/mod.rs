//! Load: walk `content/` and read every source file into memory, once.
//!
//! Nothing here interprets the files beyond their place in the folder layout; parsing
//! and cross-checking happen in [`crate::model`]. Problems with the layout itself
//! (a stray folder, a file that is not UTF-8) become diagnostics.

// Load is the stage that reads `content/`: it may touch the disk (see clippy.toml).
#![allow(clippy::disallowed_methods)]

pub mod frontmatter;
pub mod misplaced;
pub mod stamp;
pub mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, relative};
use crate::digest::Fields;

/// One text file read from the site, with the path shown to the officer.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// Relative to the site root, for messages.
    pub rel: PathBuf,
    pub text: String,
}

#[derive(Debug)]
pub struct MeetingDir {
    pub slug: String,
    pub dir: PathBuf,
    pub meeting: Option<SourceFile>,
    /// meeting.yaml is there but could not be read (already reported).
    pub meeting_unreadable: bool,
    pub markdown: Vec<SourceFile>,
}

#[derive(Debug)]
pub struct CommitteeDir {
    pub slug: String,
    pub dir: PathBuf,
    pub committee: Option<SourceFile>,
    /// committee.yaml is there but could not be read (already reported).
    pub committee_unreadable: bool,
    pub meetings: Vec<MeetingDir>,
}

/// Everything read from `content/`, in a stable (sorted) order.
#[derive(Debug, Default)]
pub struct Sources {
    pub root: PathBuf,
    pub content: PathBuf,
    pub committees: Vec<CommitteeDir>,
    pub members: Vec<SourceFile>,
    pub pages: Vec<SourceFile>,
    /// `content/forward-plan/*.yaml`: the forward plan, one entry a file.
    pub forward_plan: Vec<SourceFile>,
    /// `content/decisions/*.md`: decisions of officers and individual members.
    pub decisions: Vec<SourceFile>,
    /// A SHA-256 of `site.toml` and of the path and size of every file under
    /// `content/`: with the texts read, what [`Sources::print`] covers.
    pub listing: [u8; 32],
}

impl Sources {
    /// A SHA-256 of everything the library is made from: `site.toml`, the path and size
    /// of every file under `content/`, and the path and words of every text file read.
    /// The same print, read by the same quire, makes the same library, except for what
    /// other files hold: whoever keeps work by this print checks the files it read.
    pub fn print(&self) -> [u8; 32] {
        let mut h = Fields::new();
        h.field(&self.listing);
        let committees: Vec<[u8; 32]> = (self.committees.par_iter())
            .map(|c| {
                let mut h = Fields::new();
                let meetings = c.meetings.iter();
                let texts = (c.committee.iter())
                    .chain(meetings.flat_map(|m| m.meeting.iter().chain(&m.markdown)));
                texts.for_each(|f| hash_text(&mut h, f));
                h.finish()
            })
            .collect();
        committees.iter().for_each(|c| {
            h.field(c);
        });
        let others = [
            &self.members,
            &self.pages,
            &self.forward_plan,
            &self.decisions,
        ];
        others
            .into_iter()
            .flatten()
            .for_each(|f| hash_text(&mut h, f));
        h.finish()
    }
}

/// One text file's path and words.
fn hash_text(h: &mut Fields, f: &SourceFile) {
    h.field(f.rel.to_string_lossy().as_bytes())
        .field(f.text.as_bytes());
}

/// What makes two paths the same file: the device and inode on Unix, so that a second
/// path or a hard link to a file is recognised as that file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileIdentity {
    dev: u64,
    ino: u64,
}

impl FileIdentity {
    #[cfg(unix)]
    pub fn of(meta: &std::fs::Metadata) -> FileIdentity {
        use std::os::unix::fs::MetadataExt;
        FileIdentity {
            dev: meta.dev(),
            ino: meta.ino(),
        }
    }

    /// Elsewhere there are no hard links to speak of; a file is only itself.
    #[cfg(not(unix))]
    pub fn of(_meta: &std::fs::Metadata) -> FileIdentity {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        FileIdentity {
            dev: 0,
            ino: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }
}

pub use crate::layout::CONTENT_DIR;

/// Reads the site's content folder.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Sources {
    let content = root.join(CONTENT_DIR);
    let mut sources = Sources {
        root: root.to_path_buf(),
        content: content.clone(),
        ..Sources::default()
    };
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(CONTENT_DIR, None, "there is no content folder").code("missing-content")
                .hint("create content/committees/<committee>/committee.yaml, or pass --root DIR to point at the site"),
        );
        return sources;
    }
    sources.listing = check_tree(&content, root, diags);
    for entry in sorted_entries(&content, root, diags) {
        let name = file_name(&entry);
        match name.as_str() {
            crate::layout::COMMITTEES if entry.is_dir() => {
                sources.committees = load_committees(&entry, root, diags)
            }
            "members" if entry.is_dir() => {
                sources.members = read_files_with_ext(&entry, "yaml", root, diags)
            }
            "pages" if entry.is_dir() => {
                sources.pages = read_files_with_ext(&entry, "md", root, diags);
            }
            crate::model::decisions::DIR if entry.is_dir() => {
                sources.decisions = read_files_with_ext(&entry, "md", root, diags)
            }
            crate::model::forward_plan::DIR if entry.is_dir() => {
                sources.forward_plan = read_files_with_ext(&entry, "yaml", root, diags)
            }
            _ => {}
        }
    }
    sources
}

fn load_committees(dir: &Path, root: &Path, diags: &mut Diagnostics) -> Vec<CommitteeDir> {
    let mut out = Vec::new();
    for cdir in sorted_entries(dir, root, diags) {
        if !cdir.is_dir() {
            continue;
        }
        let mut committee = CommitteeDir {
            slug: file_name(&cdir),
            dir: cdir.path.clone(),
            committee: None,
            committee_unreadable: false,
            meetings: Vec::new(),
        };
        let mut meeting_dirs = Vec::new();
        for entry in sorted_entries(&cdir, root, diags) {
            if entry.is_dir() {
                meeting_dirs.push(entry);
            } else if file_name(&entry) == "committee.yaml" {
                committee.committee = read_source(&entry, root, diags);
                committee.committee_unreadable = committee.committee.is_none();
            }
        }
        // Reading thousands of small files is the slow part of loading: do it in parallel.
        let loaded: Vec<(MeetingDir, Diagnostics)> = meeting_dirs
            .par_iter()
            .map(|dir| {
                let mut local = Diagnostics::default();
                (load_meeting(dir, root, &mut local), local)
            })
            .collect();
        for (meeting, local) in loaded {
            committee.meetings.push(meeting);
            diags.extend(local.sorted());
        }
        out.push(committee);
    }
    out
}

fn load_meeting(dir: &Path, root: &Path, diags: &mut Diagnostics) -> MeetingDir {
    let mut meeting = MeetingDir {
        slug: file_name(dir),
        dir: dir.to_path_buf(),
        meeting: None,
        meeting_unreadable: false,
        markdown: Vec::new(),
    };
    for entry in sorted_entries(dir, root, diags) {
        let name = file_name(&entry);
        if entry.is_file() && name == "meeting.yaml" {
            meeting.meeting = read_source(&entry, root, diags);
            meeting.meeting_unreadable = meeting.meeting.is_none();
        } else if entry.is_file() && name.ends_with(".md") {
            meeting.markdown.extend(read_source(&entry, root, diags));
        }
    }
    meeting
}

fn read_files_with_ext(
    dir: &Path,
    ext: &str,
    root: &Path,
    diags: &mut Diagnostics,
) -> Vec<SourceFile> {
    sorted_entries(dir, root, diags)
        .into_iter()
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == ext))
        .filter_map(|p| read_source(&p, root, diags))
        .collect()
}

/// A text file in another encoding: which one it looks like, and the line of the first
/// character that is not UTF-8.
fn not_utf8(rel: PathBuf, bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
    let (line, message) = if utf16 {
        (None, "this file is UTF-16 text, not UTF-8")
    } else {
        let line = bytes[..valid_up_to].iter().filter(|&&b| b == b'\n').count() + 1;
        (
            Some(line),
            "this file is not UTF-8 text (it looks like Windows or Latin-1 text)",
        )
    };
    Diagnostic::error(rel, line, message)
        .code("not-utf8")
        .hint("save it as UTF-8 in your editor (in Notepad: Save as, Encoding: UTF-8)")
}

/// Reads one text file, reporting unreadable or non-UTF-8 files.
pub fn read_source(path: &Path, root: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
    let rel = relative(root, path);
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(mut text) => {
                if text.starts_with('\u{feff}') {
                    text.remove(0);
                }
                Some(SourceFile {
                    path: path.to_path_buf(),
                    rel,
                    text,
                })
            }
            Err(e) => {
                diags.push(not_utf8(rel, e.as_bytes(), e.utf8_error().valid_up_to()));
                None
            }
        },
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    rel,
                    None,
                    format!("cannot read this file: {}", crate::diag::plain_io(&e)),
                )
                .code("unreadable"),
            );
            None
        }
    }
}

/// Walks the whole of `content/` once, before anything is read, and refuses what quire
/// cannot safely publish from:
/// - symbolic links: a link named `files/notes.txt` can point at an exempt `.md` file or
///   at a file outside the site, and every later check ("no reference leaves content/",
///   "a source file is never published") would see the link's name, not its target;
/// - named pipes, sockets and devices, which would block or feed a build endless data.
///
/// Returns a SHA-256 of `site.toml` and of every file's path and size, in the walk's
/// (sorted) order: see [`Sources::print`].
fn check_tree(content: &Path, root: &Path, diags: &mut Diagnostics) -> [u8; 32] {
    let mut listing = Fields::new();
    let site = std::fs::read(root.join(crate::config::SITE_FILE)).unwrap_or_default();
    listing.field(&site);
    // The walk only lists folders; each file is looked at (its size, its links) after,
    // on every core: 55,000 system calls in an archive.
    let mut files: Vec<(PathBuf, PathBuf)> = Vec::new();
    for entry in walkdir::WalkDir::new(content)
        .min_depth(1)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| relative(root, content));
                diags.push(
                    Diagnostic::error(
                        at,
                        None,
                        format!("cannot read this: {}", plain_io(e.io_error())),
                    )
                    .code("unreadable")
                    .hint("check that the folder exists and that you may read it"),
                );
                continue;
            }
        };
        let kind = entry.file_type();
        let rel = relative(root, entry.path());
        if kind.is_symlink() {
            diags.push(
                Diagnostic::error(
                    rel,
                    None,
                    "this is a symbolic link, and quire does not publish through links",
                )
                .code("symbolic-link")
                .hint("replace the link with a copy of the file or folder it points to"),
            );
        } else if !kind.is_file() && !kind.is_dir() {
            diags.push(
                Diagnostic::error(
                    rel,
                    None,
                    "this is not an ordinary file or folder (a pipe, socket or device)",
                )
                .code("special-file")
                .hint("remove it from the content folder"),
            );
        } else if kind.is_file() {
            files.push((entry.into_path(), rel));
        }
    }
    let metas: Vec<Option<std::fs::Metadata>> = (files.par_iter())
        .map(|(path, _)| std::fs::symlink_metadata(path).ok())
        .collect();
    // Files with more than one name, by identity: the first name met.
    let mut linked: HashMap<FileIdentity, PathBuf> = HashMap::new();
    for ((_, rel), meta) in files.into_iter().zip(metas) {
        let name = rel.to_string_lossy();
        let size = meta.as_ref().map_or(u64::MAX, |m| m.len());
        listing.field(name.as_bytes()).field(&size.to_le_bytes());
        if let Some(meta) = meta {
            check_hard_link(&meta, rel, &mut linked, diags);
        }
    }
    listing.finish()
}

/// Refuses a second name for a file already met (a hard link). Two names for one file
/// would be two documents with two publication dates and two sets of exemptions, one of
/// which could publish what the other withholds; a copy is honest about being two files.
fn check_hard_link(
    meta: &std::fs::Metadata,
    rel: PathBuf,
    linked: &mut HashMap<FileIdentity, PathBuf>,
    diags: &mut Diagnostics,
) {
    if !has_other_names(meta) {
        return;
    }
    match linked.entry(FileIdentity::of(meta)) {
        std::collections::hash_map::Entry::Occupied(first) => diags.push(
            Diagnostic::error(&rel, None, format!("this is the same file as {} (a hard link), not a copy of it", first.get().display())).code("hard-link")
                .hint("quire treats every file as one document with one place; replace one of the two with a real copy, or remove it"),
        ),
        std::collections::hash_map::Entry::Vacant(slot) => {
            slot.insert(rel);
        }
    }
}

#[cfg(unix)]
fn has_other_names(meta: &std::fs::Metadata) -> bool {
    std::os::unix::fs::MetadataExt::nlink(meta) > 1
}

#[cfg(not(unix))]
fn has_other_names(_meta: &std::fs::Metadata) -> bool {
    false
}

/// An I/O error in words an officer can act on.
fn plain_io(e: Option<&std::io::Error>) -> String {
    match e.map(|e| e.kind()) {
        Some(std::io::ErrorKind::PermissionDenied) => "permission denied".into(),
        Some(std::io::ErrorKind::NotFound) => "it no longer exists".into(),
        _ => e
            .map(|e| e.to_string())
            .unwrap_or_else(|| "a folder links back to itself".into()),
    }
}

/// A file or folder of a listing, with its kind as the listing gave it. Asking the file
/// system again (`Path::is_file`) costs a system call a file: 55,000 in an archive.
#[derive(Debug, Clone)]
struct Entry {
    path: PathBuf,
    dir: bool,
}

impl Entry {
    fn is_dir(&self) -> bool {
        self.dir
    }

    fn is_file(&self) -> bool {
        !self.dir
    }
}

impl std::ops::Deref for Entry {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.path
    }
}

/// The entries of a folder, sorted by name so every run sees the same order. Symbolic
/// links and special files are left out: [`check_tree`] has reported them.
fn sorted_entries(dir: &Path, root: &Path, diags: &mut Diagnostics) -> Vec<Entry> {
    let mut entries = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if file_name(e.path()).starts_with('.') => {}
            Ok(e) if e.file_type().is_file() || e.file_type().is_dir() => entries.push(Entry {
                dir: e.file_type().is_dir(),
                path: e.into_path(),
            }),
            Ok(_) => {}
            Err(e) => diags.push(
                Diagnostic::error(
                    relative(root, dir),
                    None,
                    format!(
                        "cannot read this folder: {}",
                        e.io_error().map_or_else(
                            || "a folder links back to itself".to_string(),
                            crate::diag::plain_io
                        )
                    ),
                )
                .code("unreadable"),
            ),
        }
    }
    entries
}

/// Reads a file from `content/` as it may be published: images lose their hidden
/// metadata (EXIF and GPS positions, text chunks, SVG titles and comments), other files
/// are as they are. The site's copy and the pack's embedded image both come through here.
pub fn read_asset(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    let bytes = std::fs::read(path)?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !crate::scrub::is_image(&ext) {
        return Ok(bytes);
    }
    crate::scrub::scrub(&ext, bytes).map_err(std::io::Error::other)
}

/// What the model needs to know of a file it does not read as text: that it is an
/// ordinary file, its size, and its identity on disk.
#[derive(Debug, Clone, Copy)]
pub struct FileFacts {
    pub bytes: u64,
    pub identity: FileIdentity,
}

/// A file's modification and change times, in nanoseconds since 1970: what the writer's
/// manifests and the pack cache know a file by, with its size or inode. The change time
/// cannot be set by any tool, so a file rewritten and given back its old modification
/// time is still told apart.
pub fn file_times(m: &std::fs::Metadata) -> (i128, i128) {
    use std::os::unix::fs::MetadataExt;
    let nanos = |secs: i64, nsec: i64| i128::from(secs) * 1_000_000_000 + i128::from(nsec);
    (
        nanos(m.mtime(), m.mtime_nsec()),
        nanos(m.ctime(), m.ctime_nsec()),
    )
}

/// A file as the build first looked at it: size, inode and times. A file published from
/// `content/` is read again when it is written or served, after the leak gate read it;
/// it is used only if it is still this file (see [`read_asset_as_seen`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Seen {
    bytes: u64,
    dev: u64,
    ino: u64,
    modified: i128,
    changed: i128,
}

/// The file at `path` as it is now, following a link as reading it does.
pub fn seen(path: &Path) -> Option<Seen> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    let (modified, changed) = file_times(&m);
    Some(Seen {
        bytes: m.len(),
        dev: m.dev(),
        ino: m.ino(),
        modified,
        changed,
    })
}

/// [`read_asset`], if the file is still the one `seen` describes once it has been read:
/// an appendix saved over while the site was built (or while `quire serve` shows the
/// last good build) holds bytes the leak gate never read, and is not used.
pub fn read_asset_as_seen(path: &Path, seen: Option<Seen>) -> std::io::Result<Vec<u8>> {
    let bytes = read_asset(path)?;
    if seen.is_none() || self::seen(path) != seen {
        return Err(std::io::Error::other(format!(
            "{} changed after the build began, so the checks did not read what it holds now; build again",
            file_name(path)
        )));
    }
    Ok(bytes)
}

/// The facts of an ordinary file, or `None` if there is none at `path`.
pub fn file_facts(path: &Path) -> Option<FileFacts> {
    let meta = std::fs::symlink_metadata(path)
        .ok()
        .filter(|m| m.is_file())?;
    Some(FileFacts {
        bytes: meta.len(),
        identity: FileIdentity::of(&meta),
    })
}

/// The first `n` bytes of a file (fewer if it is shorter or cannot be read), to check
/// that an image is what its name says.
pub fn head(path: &Path, n: usize) -> Vec<u8> {
    let mut buf = vec![0u8; n];
    let read = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut buf))
        .unwrap_or(0);
    buf.truncate(read);
    buf
}

/// The number of pages of a PDF appendix, read with hayro-syntax (the PDF reader typst
/// itself uses, so it accepts exactly the files the pack can embed). Checked when the
/// site is loaded, so a damaged appendix is reported against the line that lists it on
/// every build, not on the day its meeting's papers are published.
pub fn pdf_pages(path: &std::path::Path) -> Result<usize, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("cannot be read: {}", crate::diag::plain_io(&e)))?;
    // A copy cut short still opens (readers rebuild what they can), but its last pages
    // or fonts are missing: the pack would show empty pages. Every complete PDF ends
    // with an end-of-file marker, give or take a little trailing space.
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err("is cut short (it has no end-of-file marker), so part of it is missing".into());
    }
    let pdf = hayro_syntax::Pdf::new(bytes).map_err(|_| "is damaged or encrypted".to_string())?;
    match pdf.pages().len() {
        0 => Err("has no pages".into()),
        n => Ok(n),
    }
}

pub fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A file's bytes exactly as they are on disk, for the leak gate to compare.
pub fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    std::fs::read(path)
}

/// A text file, for the leak gate to find the line of a passage; `None` if unreadable.
pub fn read_text(path: &Path) -> Option<String> {
    std::fs::read(path)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_as_seen_only_while_it_is_that_file() {
        let dir = std::env::temp_dir().join(format!("quire-seen-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("appendix.pdf");
        std::fs::write(&path, b"public").unwrap();
        let before = seen(&path);
        assert!(before.is_some());
        assert_eq!(read_asset_as_seen(&path, before).unwrap(), b"public");
        // Saved over with other bytes of the same length: not read.
        std::fs::write(&path, b"exempt").unwrap();
        let err = read_asset_as_seen(&path, before).unwrap_err();
        assert!(
            err.to_string()
                .contains("appendix.pdf changed after the build began")
        );
        // A file the build never saw is never read.
        assert!(read_asset_as_seen(&path, None).is_err());
        assert_eq!(read_asset_as_seen(&path, seen(&path)).unwrap(), b"exempt");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
