//! Diagnostics: problems found in a site, reported to the officer who wrote it.
//!
//! Every stage pushes into one [`Diagnostics`] collection instead of returning at the
//! first problem, so that a single run of `quire build` lists everything that needs fixing.
//! Each problem names its file, its line when known, what is wrong, and how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

/// The 1-based line where `words` (in the leak gate's normal form) first start in
/// `text` at or after line `from`: how checks on parsed text, which keeps no positions,
/// name the line of a passage.
pub fn line_of_words(text: &str, words: &str, from: Option<usize>) -> Option<usize> {
    // Byte offset of the start of line `from`.
    let start = match from {
        Some(line) if line > 1 => text
            .match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1),
        _ => 0,
    };
    crate::gate::words::locate(&text[start..], words).map(|at| line_of_offset(text, start + at))
}

/// 1-based line number of a byte offset in `text`.
pub fn line_of_offset(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Every code a message can have, each explained in docs/diagnostics.md (a test keeps
/// the two in step). Codes never change meaning: scripts rely on them.
pub const CODES: &[&str] = &[
    "decision-with-file",
    "exempt-minute-not-found",
    "decision-call-in",
    "attendance-not-a-member",
    "bad-membership",
    "urgent-without-reason",
    "summary-of-public-item",
    "summary-with-file",
    "bad-background-papers",
    "minutes-only",
    "minutes-status",
    "minutes-approval",
    "minutes-out-of-step",
    "minutes-in-another-folder",
    "exempt-minute-attachment",
    "bad-replaces",
    "published-after-meeting",
    "agenda-long-before-meeting",
    "agenda-after-meeting",
    "published-before-agenda",
    "late-item",
    "attendance-contradiction",
    "bad-item-number",
    "agenda-not-published",
    "bad-date",
    "bad-file",
    "bad-image",
    "bad-meeting-folder",
    "bad-name",
    "bad-time",
    "bare-url-link",
    "blank-exempt",
    "broken-anchor",
    "capitals",
    "conflicting-public-title",
    "damaged-pdf",
    "date-mismatch",
    "duplicate-item-number",
    "empty-footnote",
    "empty-public-title",
    "public-title-shows-title",
    "item-shows-hidden-title",
    "empty-title",
    "error",
    "exemption-review-due",
    "exists",
    "hard-link",
    "held-in-future",
    "image-without-alt",
    "invalid-paragraph",
    "leak-gate-limit",
    "leak-gate-unread",
    "leak-gate-unread-withheld",
    "members-edition-copy",
    "hidden-matter",
    "long-paragraph",
    "members-edition-published",
    "minutes-due",
    "minutes-missing-item",
    "missing-committee-yaml",
    "missing-content",
    "missing-file",
    "missing-front-matter",
    "second-front-matter",
    "key-inside-text",
    "space-after-key",
    "lapsed-before-published",
    "missing-key",
    "missing-meeting-yaml",
    "nested-too-deep",
    "no-background-papers",
    "no-exclusion-item",
    "no-paragraphs",
    "no-public-interest-statement",
    "no-recommendations",
    "no-site",
    "not-a-pdf",
    "not-utf8",
    "output-folder",
    "outside-content",
    "pack-error",
    "pack-too-large",
    "interrupted",
    "pdf-fonts-not-embedded",
    "pdf-no-text",
    "pdf-no-title",
    "pdf-untagged",
    "reserved-name",
    "scheduled-in-past",
    "short-notice",
    "site-settings",
    "skipped-heading-level",
    "special-file",
    "symbolic-link",
    "table-without-header",
    "template-error",
    "unclosed-comment",
    "unknown-committee",
    "unknown-document",
    "unknown-key",
    "unknown-kind",
    "unknown-meeting",
    // The forward plan and the notice rules of SI 2012/2089 (docs/forward-plan.md).
    "bad-plan-entry",
    "key-decision-notice",
    "general-exception",
    "special-urgency",
    "unknown-plan-entry",
    "private-meeting-notice",
    "unknown-member",
    "unknown-theme",
    "theme-link",
    "unlisted-document",
    "unpublishable-file",
    "unreadable",
    "usage",
    "vague-link-text",
    "withheld-published",
    "write-failed",
    "yaml",
];

/// How serious a problem is. Errors stop the build; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, tied to a place in the site's sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable name for the kind of problem, listed in docs/diagnostics.md
    /// ("unknown-member", "short-notice"), for scripts and for looking it up.
    pub code: &'static str,
    /// Path relative to the site root, as the officer sees it in their editor.
    pub file: PathBuf,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<u32>,
    pub message: String,
    /// What to do about it, in plain words.
    pub hint: Option<String>,
    /// For a notice finding: the clear working days given and the days the law requires.
    pub days: Option<(u16, u16)>,
    /// Whether the message may quote the source line. Never for the leak gate: its
    /// source line is the secret.
    pub quote: bool,
}

impl Diagnostic {
    pub fn error(
        file: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code: "error",
            file: file.into(),
            line,
            column: None,
            message: message.into(),
            hint: None,
            days: None,
            quote: true,
        }
    }

    pub fn warning(
        file: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, line, message)
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Marks a finding whose source line must never be shown (it is withheld matter).
    pub fn secret(mut self) -> Self {
        self.quote = false;
        self
    }

    /// Names the kind of problem (see [`Diagnostic::code`]).
    pub fn code(mut self, code: &'static str) -> Self {
        debug_assert!(
            CODES.contains(&code),
            "the code {code} is not in diag::CODES and docs/diagnostics.md"
        );
        self.code = code;
        self
    }

    pub fn column(mut self, column: Option<u32>) -> Self {
        self.column = column;
        self
    }

    /// Records the clear days given and required, for a notice finding.
    pub fn days(mut self, clear: u32, required: u32) -> Self {
        let small = |n: u32| u16::try_from(n).unwrap_or(u16::MAX);
        self.days = Some((small(clear), small(required)));
        self
    }

    /// The finding as JSON, for `quire check --format json`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::json!({
            "severity": match self.severity { Severity::Error => "error", Severity::Warning => "warning" },
            "code": self.code,
            "file": self.file.to_string_lossy().replace('\\', "/"),
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
        });
        if let (Some((clear, required)), Some(obj)) = (self.days, v.as_object_mut()) {
            obj.insert("clear_days".into(), clear.into());
            obj.insert("required_days".into(), required.into());
        }
        v
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// A finding as the terminal (and `quire serve`'s overlay) shows it: the first line as
/// [`Diagnostic`]'s `Display` gives it (file:line:column), then the offending line of the
/// source file with a marker under the offending words, then the hint.
pub fn render(d: &Diagnostic, root: &Path) -> String {
    let source = source_line(d, root);
    let mut plain = d.clone();
    plain.hint = None;
    // The column a parser gave is in the first line; a quoted name's is shown by the
    // marker, under the name itself.
    let span = source.as_deref().map(|s| marked_span(d, s));
    let mut out = plain.to_string();
    if let (Some(src), Some(span)) = (source.as_deref(), span) {
        out.push('\n');
        out.push_str(&snippet(d, src, span));
    }
    if let Some(hint) = &d.hint {
        out.push_str(&format!("\n  hint: {hint}"));
    }
    out
}

/// The source line a finding points at, if it may be quoted and can be read.
fn source_line(d: &Diagnostic, root: &Path) -> Option<String> {
    if !d.quote {
        return None;
    }
    let line = d.line?;
    let path = root.join(&d.file);
    // The file as it is now: its size and identity, so an edit saved since is read anew.
    let facts = crate::load::file_facts(&path).map(|f| (f.bytes, f.identity));
    let source = SOURCES.with(|cache| {
        let mut cache = cache.borrow_mut();
        let fresh = cache
            .as_ref()
            .is_some_and(|c| c.path == path && c.facts == facts);
        if !fresh {
            let lines = crate::load::read_text(&path)
                .map(|t| t.lines().map(str::to_string).collect())
                .unwrap_or_default();
            *cache = Some(Quoted { path, facts, lines });
        }
        let lines = &cache.as_ref()?.lines;
        lines.get(line.checked_sub(1)?).cloned()
    })?;
    (!source.trim().is_empty() && source.len() <= 300).then_some(source)
}

/// The lines of the file the last message quoted.
struct Quoted {
    path: PathBuf,
    facts: Option<(u64, crate::load::FileIdentity)>,
    lines: Vec<String>,
}

thread_local! {
    /// A long report can have thousands of warnings, and reading the whole file again
    /// for each one was quadratic; messages about one file come one after another.
    static SOURCES: std::cell::RefCell<Option<Quoted>> = const { std::cell::RefCell::new(None) };
}

/// The bytes of the source line to mark: from the column if known; else the first name
/// the message quotes ("z-nobody"), where the line has it; else the whole line.
fn marked_span(d: &Diagnostic, source: &str) -> (usize, usize) {
    let indent = source.len() - source.trim_start().len();
    let end_of_line = source.trim_end().len();
    // A span ends at least one whole character after it starts: the character there may
    // be a space YAML does not count, which `trim_end` removes (round 35: a line ending
    // in a non-breaking space was cut inside the character, and quire panicked).
    let past = |i: usize| i + source[i..].chars().next().map_or(0, char::len_utf8);
    if let Some((i, _)) = d
        .column
        .and_then(|c| source.char_indices().nth((c as usize).saturating_sub(1)))
    {
        return (i, end_of_line.max(past(i)));
    }
    let quoted = d.message.split('"').nth(1).filter(|q| !q.is_empty());
    match quoted.and_then(|q| source.find(q).map(|at| (at, at + q.len()))) {
        Some(span) => span,
        None => (indent, end_of_line.max(past(indent))),
    }
}

/// The source line with a marker under `span`, in the style of compiler messages.
fn snippet(d: &Diagnostic, source: &str, span: (usize, usize)) -> String {
    use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let report = &[Group::with_level(level).element(
        Snippet::source(source)
            .line_start(d.line.unwrap_or(1))
            .fold(false)
            .annotation(AnnotationKind::Primary.span(span.0..span.1)),
    )];
    Renderer::plain().render(report).to_string()
}

/// All problems found so far in one run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Problems in a stable order (errors before warnings, then by file and line), so
    /// the output is the same every run.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (a.severity, &a.file, a.line, &a.message)
                .cmp(&(b.severity, &b.file, b.line, &b.message))
        });
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// An input/output error in plain English, without the system's error number.
pub fn plain_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "it does not exist".into(),
        PermissionDenied => "permission denied".into(),
        AlreadyExists => "it already exists".into(),
        IsADirectory => "it is a folder, not a file".into(),
        NotADirectory => "a part of the path is a file, not a folder".into(),
        StorageFull => "the disk is full".into(),
        ReadOnlyFilesystem => "the disk is read-only".into(),
        InvalidData => "it is not text quire can read".into(),
        _ => {
            // The system's wording, without its "(os error N)".
            let text = e.to_string();
            match text.rfind(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

/// Path of `path` relative to `root`, for messages; falls back to the path itself.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_span_never_ends_inside_a_character() {
        // Round 35: YAML's column pointed at a non-breaking space that ends the line.
        let line = "title: \"Depot disposal\"\u{a0}";
        let at = line.chars().count() as u32;
        let d = super::Diagnostic::error("m.yaml", Some(1), "bad").column(Some(at));
        let (start, end) = super::marked_span(&d, line);
        assert_eq!(&line[start..end], "\u{a0}");
        let d = super::Diagnostic::error("m.yaml", Some(1), "bad");
        assert_eq!(super::marked_span(&d, "\u{a0}"), (2, 2));
        assert_eq!(super::marked_span(&d, "\u{e9}t\u{e9}"), (0, 5));
    }

    #[test]
    fn every_code_is_documented_and_every_documented_code_exists() {
        let doc = include_str!("../docs/diagnostics.md");
        let documented: Vec<&str> = doc
            .lines()
            .filter_map(|l| l.strip_prefix("| `")?.split('`').next())
            .collect();
        for code in super::CODES {
            assert!(
                documented.contains(code),
                "{code} is not in docs/diagnostics.md"
            );
        }
        for code in &documented {
            assert!(
                super::CODES.contains(code),
                "docs/diagnostics.md lists {code}, which quire never gives"
            );
        }
    }
}
