//! A build with nothing to do: when no input has changed since the last build of an
//! output, and the output is still exactly what that build wrote, the build leaves it as
//! it is without loading, rendering or checking anything, and reports what the last one
//! did (its warnings included).
//!
//! The last build's record is kept in the edition's cache folder (`last-build.json`). It
//! holds the stamp of the inputs taken before that build read them (see
//! [`crate::load::stamp`]), mixed with everything else that decides the site: the
//! version of quire and its built-in theme, the build date, the edition, the copies, and
//! the output and root folders. It is tied to the output by the checksum of the output's
//! manifest, which the writer checks file by file against the folder. So an edit to any
//! input, a new day, a new quire, or a file changed in the output by hand each make a
//! full build, and a build killed before it kept its record leaves one that no longer
//! matches the output.
//!
//! The record is kept only by a build that passed (the leak gate included), and only
//! when every input had settled before the build read it: a file changed twice within
//! one tick of the file system's clock could keep its facts.

// This stage reads and keeps the record in the cache folder (see clippy.toml).
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Severity};
use crate::load::stamp::{Stamp, stamp};
use crate::pipeline::{BuildOptions, BuildReport};

/// The record's file in the edition's cache folder.
const RECORD: &str = "last-build.json";

/// Changed whenever the record's fields change, so an old record is never misread.
const FORMAT: u32 = 1;

/// The stamp of the build's inputs and options, taken before anything is read.
fn stamp_inputs(opts: &BuildOptions, output: &Path) -> Option<Stamp> {
    let copies = format!("{:?}", opts.copies);
    let (as_of, audience) = (opts.as_of.to_string(), format!("{:?}", opts.audience));
    let (root, out) = (opts.root.to_string_lossy(), output.to_string_lossy());
    // Pagefind reads this from the environment to size its index chunks, and quire the
    // other to cut years of the index into parts.
    let chunks = std::env::var("PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE").unwrap_or_default();
    let parts = std::env::var(crate::render::html::search::CAP_VARIABLE).unwrap_or_default();
    let fields: [&[u8]; 9] = [
        &FORMAT.to_le_bytes(),
        env!("QUIRE_SOURCE_HASH").as_bytes(),
        as_of.as_bytes(),
        audience.as_bytes(),
        copies.as_bytes(),
        root.as_bytes(),
        out.as_bytes(),
        chunks.as_bytes(),
        parts.as_bytes(),
    ];
    stamp(&opts.root, &fields)
}

/// The stamp of this build's inputs and options, and what the last build of
/// this output did if its inputs were the same and the output is still exactly what it
/// wrote.
pub fn last_build(
    opts: &BuildOptions,
    cache: &Path,
    output: &Path,
) -> (Option<Stamp>, Option<BuildReport>) {
    let stamp = stamp_inputs(opts, output);
    // One after the other, not at once: checking the output reads the facts of its every
    // file, which is wasted on a build whose inputs changed (the usual full build).
    let last = || {
        let now = hex(stamp?.print);
        let record = read(cache).filter(|r| r.stamp == now)?;
        let checksum = crate::write::intact_output(output)?;
        record.report(output, checksum)
    };
    (stamp, last())
}

/// Keeps the record of a build that passed, if its stamp had settled; otherwise removes
/// the record, so the next build does all its work. Failing to keep it never fails the
/// build.
pub fn remember(cache: &Path, stamp: Option<Stamp>, report: &BuildReport) {
    let file = cache.join(RECORD);
    let checksum = crate::write::output_checksum(&report.output);
    let (Some(stamp), Some(checksum)) = (stamp.filter(|s| s.settled), checksum) else {
        let _ = std::fs::remove_file(&file);
        return;
    };
    let record = Record {
        format: FORMAT,
        stamp: hex(stamp.print),
        output: hex(checksum),
        files: report.files,
        pages: report.pages,
        packs: report.packs,
        warnings: report.warnings.iter().map(Warning::of).collect(),
    };
    let Ok(text) = serde_json::to_string(&record) else {
        let _ = std::fs::remove_file(&file);
        return;
    };
    let _ = std::fs::create_dir_all(cache);
    let tmp = cache.join(format!("{RECORD}.tmp-{}", std::process::id()));
    if std::fs::write(&tmp, text).is_err() || std::fs::rename(&tmp, &file).is_err() {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(&file);
    }
}

impl Record {
    /// What the last build did, if it left the output whose manifest has this checksum.
    fn report(self, output: &Path, checksum: u128) -> Option<BuildReport> {
        if self.output != hex(checksum) {
            return None;
        }
        Some(BuildReport {
            output: output.to_path_buf(),
            files: self.files,
            written: 0,
            pages: self.pages,
            packs: self.packs,
            warnings: (self.warnings.into_iter())
                .map(Warning::into_diagnostic)
                .collect::<Option<_>>()?,
            seconds: 0.0,
            unchanged: true,
        })
    }
}

fn read(cache: &Path) -> Option<Record> {
    let text = std::fs::read_to_string(cache.join(RECORD)).ok()?;
    serde_json::from_str::<Record>(&text)
        .ok()
        .filter(|r| r.format == FORMAT)
}

fn hex(n: u128) -> String {
    format!("{n:032x}")
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Record {
    format: u32,
    /// The stamp of the inputs and options, in hex.
    stamp: String,
    /// The checksum of the output's manifest after the build, in hex.
    output: String,
    files: usize,
    pages: usize,
    packs: usize,
    warnings: Vec<Warning>,
}

/// A warning of the last build, shown again by a build that finds nothing changed.
#[derive(serde::Serialize, serde::Deserialize)]
struct Warning {
    code: String,
    file: PathBuf,
    line: Option<usize>,
    column: Option<u32>,
    message: String,
    hint: Option<String>,
    days: Option<(u16, u16)>,
    quote: bool,
}

impl Warning {
    fn of(d: &Diagnostic) -> Warning {
        Warning {
            code: d.code.to_string(),
            file: d.file.clone(),
            line: d.line,
            column: d.column,
            message: d.message.clone(),
            hint: d.hint.clone(),
            days: d.days,
            quote: d.quote,
        }
    }

    /// The warning as it was, if its code is one this quire knows.
    fn into_diagnostic(self) -> Option<Diagnostic> {
        let code = crate::diag::CODES.iter().find(|c| **c == self.code)?;
        Some(Diagnostic {
            severity: Severity::Warning,
            code,
            file: self.file,
            line: self.line,
            column: self.column,
            message: self.message,
            hint: self.hint,
            days: self.days,
            quote: self.quote,
        })
    }
}
