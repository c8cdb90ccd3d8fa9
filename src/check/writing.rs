//! The writing, checked the way the GOV.UK content guidance and WCAG ask: images with
//! alternative text, headings in order, links that say where they go, tables with a
//! header row, no long runs of capitals, and paragraphs short enough to read.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::Lines;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::links::Dest;
use crate::model::tree::{Block, Inline, Tree, plain};
use crate::model::{Body, Library};

/// Words in a paragraph above which it is hard to read on a phone.
pub const LONG_PARAGRAPH: usize = 150;
/// Words in capitals in a row that read as shouting (and that screen readers may spell).
pub const CAPITALS: usize = 5;

/// Link texts that say nothing about where the link goes.
const VAGUE: [&str; 8] = [
    "click here",
    "here",
    "this link",
    "link",
    "more",
    "read more",
    "this",
    "this page",
];

pub fn check(lib: &Library, lines: &mut Lines, diags: &mut Diagnostics) {
    // The headings of every document, by its path under content/, for links to them.
    let anchors: HashMap<&Path, HashSet<&str>> = lib
        .documents
        .iter()
        .filter_map(|d| match &d.body {
            Body::Markdown { tree, .. } => Some((d.key.as_path(), ids(tree))),
            Body::Pdf { .. } => None,
        })
        .collect();
    for d in &lib.documents {
        if let Body::Markdown { .. } = d.body
            && let Some(text) = crate::load::read_text(&lib.root.join(&d.rel))
        {
            skipped_levels(&d.rel, &text, diags);
        }
    }
    for (file, from, tree, _) in super::texts(lib) {
        let mut w = Writer {
            file: &file,
            from,
            lines,
            diags,
            own: ids(tree),
            anchors: &anchors,
        };
        w.tree(tree);
    }
}

/// Headings written more than one level below the one before (`##` then `####`). quire
/// shows them one level down, but the officer should decide what was meant.
fn skipped_levels(file: &Path, text: &str, diags: &mut Diagnostics) {
    use pulldown_cmark::{Event, Parser, Tag};
    // The body starts after the front matter's closing line.
    let body_start = text
        .strip_prefix("---")
        .and_then(|rest| rest.find("\n---").map(|i| i + 3 + 4))
        .and_then(|i| text[i..].find('\n').map(|n| i + n + 1))
        .unwrap_or(0)
        .min(text.len());
    let mut last = 0u8;
    for (event, range) in
        Parser::new_ext(&text[body_start..], crate::model::tree::options()).into_offset_iter()
    {
        if let Event::Start(Tag::Heading { level, .. }) = event {
            let level = level as u8;
            if last > 0 && level > last + 1 {
                diags.push(
                    Diagnostic::warning(
                        file,
                        Some(crate::diag::line_of_offset(text, body_start + range.start)),
                        format!("this heading skips a level (h{level} after h{last}); quire shows it as h{}", last + 1),
                    )
                    .code("skipped-heading-level")
                    .hint("use one more # than the heading above it, so screen reader users can follow the structure"),
                );
            }
            last = level;
        }
    }
}

/// The ids of a text's headings: the places a link can point at.
fn ids(tree: &Tree) -> HashSet<&str> {
    tree.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { id, .. } => Some(id.as_str()),
            _ => None,
        })
        .collect()
}

/// Words to find a link or image by in its source: the file name, or the address.
fn dest_words(d: &Dest) -> String {
    match d {
        Dest::Local { target, .. } => target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        Dest::Web(s) | Dest::Site(s) | Dest::Anchor(s) => s.clone(),
        Dest::Refused => String::new(),
    }
}

struct Writer<'a> {
    file: &'a Path,
    /// The line the text starts at (an item's body), if not the file's start.
    from: Option<usize>,
    lines: &'a mut Lines,
    diags: &'a mut Diagnostics,
    /// The ids of this text's own headings.
    own: HashSet<&'a str>,
    /// The ids of every document's headings.
    anchors: &'a HashMap<&'a Path, HashSet<&'a str>>,
}

impl Writer<'_> {
    fn tree(&mut self, tree: &Tree) {
        for b in &tree.blocks {
            self.block(b);
        }
    }

    fn warn(&mut self, near: &str, code: &'static str, message: String, hint: &str) {
        let line = self.lines.find(self.file, self.from, near);
        self.diags.push(
            Diagnostic::warning(self.file, line, message)
                .code(code)
                .hint(hint),
        );
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading { c, .. } => {
                // Skipped levels are found in the source (see `skipped_levels`): the
                // parsed text has its levels repaired already.
                let text = plain(c);
                self.inlines(c);
                self.capitals(&text);
            }
            Block::Para { c, .. } => {
                let text = plain(c);
                let words = text.split_whitespace().count();
                if words > LONG_PARAGRAPH {
                    self.warn(&text, "long-paragraph", format!("this paragraph has {words} words"),
                        "split it: paragraphs of under 100 words are easier to read, especially on a phone");
                }
                self.inlines(c);
                self.capitals(&text);
            }
            Block::Figure { alt, dest, .. } => {
                if alt.trim().is_empty() {
                    let near = dest_words(dest);
                    self.warn(&near, "image-without-alt", "this image has no alternative text".into(),
                        "write what the image shows between the brackets: ![Chart of placements by type, 2020 to 2021](chart.png)");
                }
            }
            Block::List { items, .. } => items.iter().flatten().for_each(|b| self.block(b)),
            Block::Quote(inner) => inner.iter().for_each(|b| self.block(b)),
            Block::Table { head, rows, .. } => {
                if head.iter().all(|cell| plain(cell).trim().is_empty()) {
                    let near = rows
                        .first()
                        .and_then(|r| r.first())
                        .map(|c| plain(c))
                        .unwrap_or_default();
                    self.warn(&near, "table-without-header", "this table has no header row".into(),
                        "give the table's first row a heading for each column, so screen readers can say what each cell is");
                }
                for cell in head.iter().chain(rows.iter().flatten()) {
                    self.inlines(cell);
                }
            }
            Block::Code { .. } | Block::Rule => {}
        }
    }

    fn inlines(&mut self, c: &[Inline]) {
        for i in c {
            match i {
                Inline::Link { c, dest, .. } => {
                    let text = plain(c);
                    let t = text.trim().trim_end_matches('.').to_lowercase();
                    if VAGUE.contains(&t.as_str()) {
                        self.warn(&text, "vague-link-text", format!("the link text \"{}\" does not say where the link goes", text.trim()),
                            "make the link text the name of what it opens, for example [the fostering annual report](annual-report.md)");
                    } else if t.starts_with("http://")
                        || t.starts_with("https://")
                        || t.starts_with("www.")
                    {
                        self.warn(&text, "bare-url-link", "this link's text is a web address".into(),
                            "write what the page is instead, for example [Ofsted's report on the service](https://...)");
                    }
                    self.anchor(dest, &text);
                    self.inlines(c);
                }
                Inline::Image { alt, dest, .. } if alt.trim().is_empty() => {
                    let near = dest_words(dest);
                    self.warn(&near, "image-without-alt", "this image has no alternative text".into(),
                        "write what the image shows between the brackets: ![Chart of placements by type](chart.png)");
                }
                Inline::Em(c) | Inline::Strong(c) | Inline::Del(c) => self.inlines(c),
                _ => {}
            }
        }
    }

    /// A link to a place in a document must find that place.
    fn anchor(&mut self, dest: &Dest, text: &str) {
        let (found, place) = match dest {
            Dest::Anchor(f) => (self.own.contains(f.as_str()), format!("#{f}")),
            Dest::Local {
                target,
                fragment: Some(f),
            } => match self.anchors.get(target.as_path()) {
                Some(ids) => (
                    ids.contains(f.as_str()),
                    format!("{}#{f}", target.display()),
                ),
                None => return,
            },
            _ => return,
        };
        if !found {
            self.warn(text, "broken-anchor", format!("the link \"{}\" points at {place}, which is no heading there", text.trim()),
                "link to a heading that exists: its id is its words in lowercase with hyphens, for example #financial-implications");
        }
    }

    /// A run of words in capitals.
    fn capitals(&mut self, text: &str) {
        let mut run = 0;
        for w in text.split_whitespace() {
            let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
            if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
                run += 1;
                if run == CAPITALS {
                    self.warn(text, "capitals", "this text has a run of words in capitals".into(),
                        "write it in sentence case; use bold (**like this**) for emphasis. Capitals are harder to read and some screen readers spell them out");
                    return;
                }
            } else {
                run = 0;
            }
        }
    }
}
