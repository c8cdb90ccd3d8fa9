//! `quire audit`: the leak gate ([`crate::gate`]), run on a site already written: the
//! folder on the council's web server, a copy downloaded from it, or the live site itself
//! through a list of its web addresses ([`web`]). It reads the site's sources to learn
//! what is withheld on the date given, then every file: words, names, bytes, and the text
//! of every PDF.

// The audit reads a published folder, which no other stage may do (see clippy.toml).
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::gate::{Gate, Scanned};
mod web;

use crate::{config, load, model, write};

/// What to audit.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    /// The site whose sources say what is withheld.
    pub root: PathBuf,
    /// The published folder to check, or a text file listing web addresses (one per
    /// line) of the live site.
    pub folder: PathBuf,
    /// The date that decides what is withheld: usually today.
    pub as_of: time::Date,
}

/// What a clean audit covered.
#[derive(Debug)]
pub struct AuditReport {
    pub files: usize,
    pub bytes: u64,
    pub phrases: usize,
}

/// Checks every file of `opts.folder`. Every leak, and every file that could not be
/// checked, is an error.
pub fn audit(opts: &AuditOptions) -> Result<AuditReport, Vec<Diagnostic>> {
    let mut diags = Diagnostics::default();
    // A broken site.toml must not hide the content's own errors: read on with defaults.
    let config = config::load(&opts.root, &mut diags).unwrap_or_else(config::Config::fallback);
    let mut sources = load::load(&opts.root, &mut diags);
    let library = model::build(config, &mut sources, &mut diags);
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    let gate = Gate::new(&library, opts.as_of, crate::gate::PdfTexts::new(None))
        .map_err(|e| vec![e])?
        .for_published();
    drop(library);
    if opts.folder.is_file() {
        let scanned = web::scan_list(&gate, &opts.folder)?;
        let stats = gate.verdict(scanned)?;
        return Ok(AuditReport {
            files: stats.files,
            bytes: stats.bytes,
            phrases: stats.phrases,
        });
    }
    let files = files_of(&opts.folder)?;
    if let Some(e) = members_edition(&opts.folder) {
        return Err(vec![e]);
    }
    let scanned: Vec<Scanned> = files
        .par_iter()
        .map(|(path, rel)| scan(&gate, path, rel))
        .collect();
    let stats = gate.verdict(scanned)?;
    Ok(AuditReport {
        files: stats.files,
        bytes: stats.bytes,
        phrases: stats.phrases,
    })
}

fn scan(gate: &Gate, path: &Path, rel: &str) -> Scanned {
    let bytes = std::fs::read(path).unwrap_or_default();
    scan_bytes(gate, rel, &bytes)
}

/// One published file, by its path or address, and its bytes.
fn scan_bytes(gate: &Gate, rel: &str, bytes: &[u8]) -> Scanned {
    gate.scan_file(rel, bytes, None)
}

/// Every file under the folder, with its path inside it (forward slashes).
fn files_of(folder: &Path) -> Result<Vec<(PathBuf, String)>, Vec<Diagnostic>> {
    if !folder.is_dir() {
        return Err(vec![
            Diagnostic::error(folder, None, "there is no folder here to audit").code("usage")
                .hint("give the folder of the published site, for example output, or a copy of the live site"),
        ]);
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(folder).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(folder).unwrap_or(e.path());
                files.push((e.path().to_path_buf(), crate::layout::slash_path(rel)));
            }
            // A link may point anywhere; a web server may follow it. It is not checked, so
            // the audit cannot vouch for it.
            Ok(e) if e.path_is_symlink() => problems.push(
                Diagnostic::error(e.path(), None, "this is a symbolic link, which the audit does not follow, so it was not checked")
                    .code("symbolic-link")
                    .hint("replace the link with the file itself, or check what it points to by hand"),
            ),
            Ok(_) => {}
            Err(e) => problems.push(
                Diagnostic::error(
                    e.path().unwrap_or(folder),
                    None,
                    "this could not be read, so it was not checked",
                ).code("unreadable")
                .hint("make sure quire may read every file and folder of the site"),
            ),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// The members' edition must never be on a public server: say so before anything else.
fn members_edition(folder: &Path) -> Option<Diagnostic> {
    let robots = std::fs::read_to_string(folder.join("robots.txt")).ok()?;
    robots.starts_with(write::CONFIDENTIAL_MARK).then(|| {
        Diagnostic::error(
            folder.join("robots.txt"),
            Some(1),
            "this folder is the members' edition (NOT FOR PUBLICATION), not the public site",
        )
        .code("members-edition-published")
        .hint("if this is on a public web server, take it down now and tell the monitoring officer")
    })
}
