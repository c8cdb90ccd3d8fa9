//! `quire check`: every validation of the build, and the checks an officer needs before
//! publishing, without writing anything.
//!
//! The build's own checks come first (settings, files, YAML, references, the notice
//! period, exemption reviews, templates, the leak gate on what would be published). Then
//! the checks only `check` makes, each a warning with its own code (docs/diagnostics.md):
//! the conduct of each meeting ([`meetings`]), the writing ([`writing`]), and PDF
//! appendices a screen reader cannot read ([`pdfs`]).

mod meetings;
mod pdfs;
mod writing;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
use crate::layout::meeting_file;
use crate::model::Library;
use crate::pipeline::{BuildOptions, Copies};
use crate::redact::Audience;
use crate::{config, load, model, theme};

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    pub as_of: time::Date,
}

/// Every finding, errors first, then by file and line.
pub fn check(opts: &CheckOptions) -> Vec<Diagnostic> {
    let mut diags = Diagnostics::default();
    // A broken site.toml must not hide the content's own errors: read on with defaults.
    let config = config::load(&opts.root, &mut diags).unwrap_or_else(config::Config::fallback);
    let mut sources = load::load(&opts.root, &mut diags);
    let library = model::build(config, &mut sources, &mut diags);
    drop(sources);
    model::deadlines::check(&library, &mut diags);
    model::reviews::check(&library, opts.as_of, &mut diags);
    model::item_titles::check(&library, opts.as_of, &mut diags);
    theme::Theme::load(&opts.root, &library.config.theme, &mut diags);
    let mut lines = Lines::new(&opts.root);
    meetings::check(&library, opts.as_of, &mut lines, &mut diags);
    writing::check(&library, &mut lines, &mut diags);
    pdfs::check(&library, &mut lines, &mut diags);
    // What the build would render, in memory: templates, and the leak gate on the public
    // artefacts (packs are read as the data typst would lay out).
    if !diags.has_errors() {
        let preview = BuildOptions {
            root: opts.root.clone(),
            output: None,
            as_of: opts.as_of,
            audience: Audience::Public,
            cache: false,
            copies: Copies::None,
        };
        if let Err(problems) = crate::pipeline::preview(&preview) {
            diags.extend(problems);
        }
    }
    drop(library);
    diags.sorted()
}

/// The findings as a JSON array, each with severity, code, file, line, column, message
/// and hint (and clear_days and required_days for the notice period).
pub fn to_json(findings: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(&findings.iter().map(Diagnostic::to_json).collect::<Vec<_>>())
        .unwrap_or_else(|_| "[]".into())
}

/// Finds the line of a passage in a source file, for checks on parsed text (which keeps
/// no positions). Each file is read once.
pub(crate) struct Lines {
    root: PathBuf,
    files: HashMap<PathBuf, Option<String>>,
}

impl Lines {
    fn new(root: &Path) -> Lines {
        Lines {
            root: root.to_path_buf(),
            files: HashMap::new(),
        }
    }

    /// A file's text, read once.
    fn text(&mut self, file: &Path) -> Option<&str> {
        let root = &self.root;
        self.files
            .entry(file.to_path_buf())
            .or_insert_with(|| load::read_text(&root.join(file)))
            .as_deref()
    }

    /// The line, at or after line `from`, where `words` start in `file`.
    pub(crate) fn find(&mut self, file: &Path, from: Option<usize>, words: &str) -> Option<usize> {
        let normal = crate::gate::words::normal(words);
        // The first few words are enough to find a paragraph, and survive markup.
        let head: Vec<&str> = normal.split_whitespace().take(6).collect();
        if head.is_empty() {
            return from;
        }
        let head = format!(" {} ", head.join(" "));
        let text = self.text(file)?;
        crate::diag::line_of_words(text, &head, from).or(from)
    }

    /// The line of a key (`title:`) at or after line `from`.
    pub(crate) fn key(&mut self, file: &Path, from: Option<usize>, key: &str) -> Option<usize> {
        let skip = from.unwrap_or(1).saturating_sub(1);
        self.text(file)?
            .lines()
            .enumerate()
            .skip(skip)
            .find(|(_, l)| l.trim_start().trim_start_matches("- ").starts_with(key))
            .map(|(i, _)| i + 1)
    }
}

/// Every Markdown text of the library with the file it is in and the line it starts
/// at: documents, item bodies, committee descriptions and pages.
fn texts(
    lib: &Library,
) -> Vec<(
    PathBuf,
    Option<usize>,
    &model::tree::Tree,
    Option<model::Kind>,
)> {
    let mut out = Vec::new();
    for d in &lib.documents {
        if let model::Body::Markdown { tree, .. } = &d.body {
            out.push((d.rel.clone(), None, &**tree, Some(d.kind)));
        }
    }
    for c in &lib.committees {
        if let Some(t) = &c.description {
            let file = Path::new(crate::layout::CONTENT_DIR)
                .join(crate::layout::committee_dir(&c.slug))
                .join("committee.yaml");
            out.push((file, None, t, None));
        }
        for m in &c.meetings {
            let file = meeting_file(&c.slug, &m.slug);
            fn items<'a>(
                list: &'a [model::Item],
                file: &Path,
                out: &mut Vec<(
                    PathBuf,
                    Option<usize>,
                    &'a model::tree::Tree,
                    Option<model::Kind>,
                )>,
            ) {
                for i in list {
                    if let Some(b) = &i.body {
                        out.push((file.to_path_buf(), i.line, b, None));
                    }
                    items(&i.items, file, out);
                }
            }
            items(&m.items, &file, &mut out);
        }
    }
    for p in &lib.pages {
        out.push((
            Path::new(crate::layout::CONTENT_DIR).join(&p.key),
            None,
            &p.body,
            None,
        ));
    }
    out
}
