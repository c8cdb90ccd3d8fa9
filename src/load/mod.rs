//! Load: walk `content/` and read every source file into memory, once.
//!
//! Nothing here interprets the files beyond their place in the folder layout; parsing
//! and cross-checking happen in [`crate::model`]. Problems with the layout itself
//! (a stray folder, a file that is not UTF-8) become diagnostics.

pub mod frontmatter;
pub mod yaml;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{relative, Diagnostic, Diagnostics};

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
    pub markdown: Vec<SourceFile>,
}

#[derive(Debug)]
pub struct CommitteeDir {
    pub slug: String,
    pub dir: PathBuf,
    pub committee: Option<SourceFile>,
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
}

pub const CONTENT_DIR: &str = "content";

/// Reads the site's content folder.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Sources {
    let content = root.join(CONTENT_DIR);
    let mut sources = Sources { root: root.to_path_buf(), content: content.clone(), ..Sources::default() };
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(CONTENT_DIR, None, "there is no content folder")
                .hint("create content/committees/<committee>/committee.yaml, or pass --root DIR to point at the site"),
        );
        return sources;
    }
    for entry in sorted_entries(&content, root, diags) {
        let name = file_name(&entry);
        match name.as_str() {
            "committees" if entry.is_dir() => sources.committees = load_committees(&entry, root, diags),
            "members" if entry.is_dir() => sources.members = read_files_with_ext(&entry, "yaml", root, diags),
            "pages" if entry.is_dir() => {
                sources.pages = read_files_with_ext(&entry, "md", root, diags);
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
            dir: cdir.clone(),
            committee: None,
            meetings: Vec::new(),
        };
        let mut meeting_dirs = Vec::new();
        for entry in sorted_entries(&cdir, root, diags) {
            if entry.is_dir() {
                meeting_dirs.push(entry);
            } else if file_name(&entry) == "committee.yaml" {
                committee.committee = read_source(&entry, root, diags);
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
    let mut meeting = MeetingDir { slug: file_name(dir), dir: dir.to_path_buf(), meeting: None, markdown: Vec::new() };
    for entry in sorted_entries(dir, root, diags) {
        let name = file_name(&entry);
        if entry.is_file() && name == "meeting.yaml" {
            meeting.meeting = read_source(&entry, root, diags);
        } else if entry.is_file() && name.ends_with(".md") {
            meeting.markdown.extend(read_source(&entry, root, diags));
        }
    }
    meeting
}

fn read_files_with_ext(dir: &Path, ext: &str, root: &Path, diags: &mut Diagnostics) -> Vec<SourceFile> {
    sorted_entries(dir, root, diags)
        .into_iter()
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == ext))
        .filter_map(|p| read_source(&p, root, diags))
        .collect()
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
                Some(SourceFile { path: path.to_path_buf(), rel, text })
            }
            Err(_) => {
                diags.push(
                    Diagnostic::error(rel, None, "this file is not UTF-8 text")
                        .hint("save it as UTF-8 in your editor"),
                );
                None
            }
        },
        Err(e) => {
            diags.push(Diagnostic::error(rel, None, format!("cannot read this file: {e}")));
            None
        }
    }
}

/// The entries of a folder, sorted by name so every run sees the same order.
fn sorted_entries(dir: &Path, root: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut entries = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).max_depth(1).sort_by_file_name() {
        match entry {
            Ok(e) if !file_name(e.path()).starts_with('.') => entries.push(e.into_path()),
            Ok(_) => {}
            Err(e) => diags.push(Diagnostic::error(relative(root, dir), None, format!("cannot read this folder: {e}"))),
        }
    }
    entries
}

pub fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}
