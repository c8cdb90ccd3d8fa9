//! The document tree: each Markdown text parsed once, with every layout rule decided.
//!
//! Officers cite "paragraph 12 of the report" and "minute 5a", so the web page and the
//! printed pack must agree on every number. They cannot disagree, because neither decides
//! anything: both are thin readers of this tree, as are the search index and the feeds.
//! The rules, all decided here:
//!
//! - Headings get a depth with no skipped level: a heading is at most one level deeper
//!   than the heading before it, and the shallowest level written is depth 1 (`#`, `###`,
//!   `##` give depths 1, 2, 2; `##`, `#`, `##` give 1, 1, 2). The web page shows depth 1
//!   as `<h2>`, under the page's one `<h1>`; the pack shows it below the document title.
//! - Reports number every paragraph that stands at the top level, 1, 2, 3 across the whole
//!   report. Headings, list items, quotes, tables and figures (a paragraph that is only an
//!   image, published or not) are not numbered. Ordered lists in reports are lettered.
//! - Minutes number their depth-1 headings as sections 1, 2, 3. A heading that starts with
//!   its own number ("5a Induction", "7. Fostering") keeps it, and the count goes on from
//!   it (5a is followed by 6). A paragraph that starts with bold "Resolved" is a decision,
//!   wherever it stands (a list of resolutions included).
//! - Presentations are slides, one per depth-1 heading; text before the first heading is
//!   an untitled first slide.
//! - Footnotes are numbered 1, 2, 3 in order of first reference; their labels are never
//!   published. A reference to a footnote that has no text is an error.
//! - Links and images point at a [`Dest`], parsed once.
//! - Raw HTML is text. (Comments were removed before parsing: see [`super::comments`].)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::comments::Stripped;
use super::links::Dest;
use super::raw::Kind;
use crate::diag::{Diagnostic, Diagnostics};

/// The Markdown extensions the authoring format promises: tables, footnotes,
/// strikethrough, heading attributes and smart punctuation.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// How deeply quotes, lists and emphasis may nest in a document.
/// Twelve is far beyond any real paper, and within what the pack's layout can nest.
pub const MAX_NESTING: usize = 12;

/// How deep the pack follows footnotes within footnotes: it sets a note's text at each
/// reference, so a note citing itself would otherwise never end.
pub const NOTE_DEPTH: u8 = 4;

/// A parsed document body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tree {
    pub blocks: Vec<Block>,
    /// Footnote texts; note `n` is `notes[n - 1]`.
    pub notes: Vec<Vec<Block>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `n`: the paragraph number of a report. `decision`: a "Resolved" paragraph of minutes.
    Para {
        n: Option<u32>,
        decision: bool,
        c: Vec<Inline>,
    },
    /// A paragraph that is one image.
    Figure {
        dest: Dest,
        alt: String,
        title: String,
    },
    /// `depth` starts at 1; `number` is a minutes section number; `id` is unique in the
    /// document and made from the heading's visible words.
    Heading {
        depth: u8,
        id: String,
        number: Option<String>,
        c: Vec<Inline>,
    },
    List {
        ordered: bool,
        lettered: bool,
        start: u64,
        tight: bool,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    Code {
        lang: String,
        text: String,
    },
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Rule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

impl Align {
    pub fn name(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Code(String),
    Em(Vec<Inline>),
    Strong(Vec<Inline>),
    Del(Vec<Inline>),
    Link {
        dest: Dest,
        title: String,
        c: Vec<Inline>,
    },
    Image {
        dest: Dest,
        alt: String,
        title: String,
    },
    Break,
    /// Footnote number `n`.
    Note(usize),
}

/// A local file or document a body links to or shows, for the model to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    /// The path as written (without `#fragment` or `?query`).
    pub written: String,
    /// Resolved path relative to `content/`.
    pub target: PathBuf,
    /// 1-based line in the source file.
    pub line: usize,
    pub image: bool,
}

/// One slide of a presentation: its heading (none for the untitled first slide) and
/// what follows it.
pub struct Slide<'t> {
    pub heading: Option<&'t Block>,
    pub blocks: &'t [Block],
}

impl Tree {
    /// The slides of a presentation, by the rule in the module docs.
    pub fn slides(&self) -> Vec<Slide<'_>> {
        let starts: Vec<usize> = self
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b, Block::Heading { depth: 1, .. }))
            .map(|(i, _)| i)
            .collect();
        let mut out = Vec::new();
        let first = starts.first().copied().unwrap_or(self.blocks.len());
        if first > 0 {
            out.push(Slide {
                heading: None,
                blocks: &self.blocks[..first],
            });
        }
        for (k, &s) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(self.blocks.len());
            out.push(Slide {
                heading: Some(&self.blocks[s]),
                blocks: &self.blocks[s + 1..end],
            });
        }
        out
    }

    /// The depth-1 headings, (id, text without a section number), for contents lists.
    pub fn outline(&self) -> Vec<(String, String)> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading {
                    depth: 1, id, c, ..
                } => Some((id.clone(), plain(c))),
                _ => None,
            })
            .collect()
    }

    /// The words of the body, without markup or link targets, up to about `limit` bytes:
    /// what the search index and feeds may hold.
    pub fn words(&self, limit: usize) -> String {
        let mut out = String::new();
        fn blocks(bs: &[Block], out: &mut String, limit: usize) {
            for b in bs {
                if out.len() >= limit {
                    return;
                }
                match b {
                    Block::Para { c, .. } | Block::Heading { c, .. } => inlines(c, out),
                    Block::Figure { alt, .. } => out.push_str(alt),
                    Block::List { items, .. } => items.iter().for_each(|i| blocks(i, out, limit)),
                    Block::Quote(inner) => blocks(inner, out, limit),
                    Block::Code { text, .. } => out.push_str(text),
                    Block::Table { head, rows, .. } => {
                        head.iter().chain(rows.iter().flatten()).for_each(|cell| {
                            inlines(cell, out);
                            out.push(' ');
                        });
                    }
                    Block::Rule => {}
                }
                out.push(' ');
            }
        }
        fn inlines(c: &[Inline], out: &mut String) {
            out.push_str(&plain(c));
        }
        blocks(&self.blocks, &mut out, limit);
        let mut cut = limit.min(out.len());
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        one_spaced(&out)
    }
}

/// `s` with each run of whitespace made one space and none at either end: its
/// `split_whitespace` words joined with spaces, in one pass over its bytes. Splitting a
/// character at a time was most of the time a rebuild spent keying the search index.
fn one_spaced(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut word: Option<usize> = None;
    let mut i = 0;
    while i < s.len() {
        let b = s.as_bytes()[i];
        // ASCII whitespace is what `char::is_whitespace` says it is: a space, or a tab to
        // a carriage return.
        let (space, len) = match b {
            b' ' | b'\t'..=b'\r' => (true, 1),
            0..0x80 => (false, 1),
            _ => {
                let c = s[i..].chars().next().unwrap_or(' ');
                (c.is_whitespace(), c.len_utf8())
            }
        };
        match (space, word) {
            (true, Some(start)) => {
                push_word(&mut out, &s[start..i]);
                word = None;
            }
            (false, None) => word = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(start) = word {
        push_word(&mut out, &s[start..]);
    }
    out
}

fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

/// The text of inline content, as a screen reader would read it.
pub fn plain(c: &[Inline]) -> String {
    let mut s = String::new();
    fn walk(c: &[Inline], s: &mut String) {
        for i in c {
            match i {
                Inline::Text(t) | Inline::Code(t) => s.push_str(t),
                Inline::Em(c) | Inline::Strong(c) | Inline::Del(c) | Inline::Link { c, .. } => {
                    walk(c, s)
                }
                Inline::Image { alt, .. } => s.push_str(alt),
                Inline::Break => s.push(' '),
                Inline::Note(_) => {}
            }
        }
    }
    walk(c, &mut s);
    s
}

/// The words of a tree's blocks, one line a block, for feeds and summaries.
pub fn plain_text(tree: &Tree) -> String {
    let mut lines = Vec::new();
    fn walk(blocks: &[Block], lines: &mut Vec<String>) {
        for b in blocks {
            match b {
                Block::Para { c, .. } | Block::Heading { c, .. } => lines.push(plain(c)),
                Block::List { items, .. } => items.iter().for_each(|i| walk(i, lines)),
                Block::Quote(inner) => walk(inner, lines),
                Block::Table { head, rows, .. } => {
                    for row in std::iter::once(head).chain(rows) {
                        lines.push(row.iter().map(|c| plain(c)).collect::<Vec<_>>().join(" | "));
                    }
                }
                Block::Code { text, .. } => lines.push(text.clone()),
                Block::Figure { alt, .. } => lines.push(alt.clone()),
                Block::Rule => {}
            }
        }
    }
    walk(&tree.blocks, &mut lines);
    lines.join("\n")
}

/// Gives every heading of `blocks` (nested ones included) an id no heading before it
/// has, keeping the first of each and numbering the others on (`minute-2-2`). A parsed
/// document's ids are unique already; redaction gives headings ids of its own
/// (`minute-N`), and two headings of the minutes may name the same item.
pub fn unique_heading_ids(blocks: &mut [Block]) {
    fn walk(blocks: &mut [Block], seen: &mut std::collections::HashSet<String>) {
        for b in blocks {
            match b {
                Block::Heading { id, .. } if !seen.insert(id.clone()) => {
                    let fresh = (2..)
                        .map(|n| format!("{id}-{n}"))
                        .find(|candidate| !seen.contains(candidate))
                        .unwrap_or_default();
                    seen.insert(fresh.clone());
                    *id = fresh;
                }
                Block::List { items, .. } => items.iter_mut().for_each(|i| walk(i, seen)),
                Block::Quote(inner) => walk(inner, seen),
                _ => {}
            }
        }
    }
    walk(blocks, &mut Default::default());
}

/// Calls `f` on every inline of `blocks`, nested ones included (footnote texts are not
/// in the blocks, so they are not visited).
pub fn visit_inlines(blocks: &[Block], f: &mut dyn FnMut(&Inline)) {
    fn inlines(c: &[Inline], f: &mut dyn FnMut(&Inline)) {
        for i in c {
            f(i);
            if let Inline::Em(c) | Inline::Strong(c) | Inline::Del(c) | Inline::Link { c, .. } = i {
                inlines(c, f);
            }
        }
    }
    for b in blocks {
        match b {
            Block::Para { c, .. } | Block::Heading { c, .. } => inlines(c, f),
            Block::List { items, .. } => items.iter().for_each(|i| visit_inlines(i, f)),
            Block::Quote(inner) => visit_inlines(inner, f),
            Block::Table { head, rows, .. } => {
                head.iter().for_each(|c| inlines(c, f));
                rows.iter().flatten().for_each(|c| inlines(c, f));
            }
            Block::Figure { .. } | Block::Code { .. } | Block::Rule => {}
        }
    }
}

/// What a kind numbers and sets apart.
#[derive(Debug, Clone, Copy, Default)]
struct Layout {
    paragraphs: bool,
    sections: bool,
    lettered: bool,
}

impl Layout {
    fn of(kind: Kind) -> Layout {
        Layout {
            paragraphs: kind == Kind::Report,
            sections: kind == Kind::Minutes,
            lettered: kind == Kind::Report,
        }
    }
}

/// Where a text comes from, for its references and errors.
pub struct Source<'a> {
    /// The folder of the text, relative to `content/`: links are relative to it.
    pub dir: &'a Path,
    /// The file line where the text starts.
    pub first_line: usize,
    /// The file, relative to the site root.
    pub rel: &'a Path,
}

/// Reads a Markdown text as written: removes its comments (reporting an unclosed one),
/// then parses it. Every Markdown text of the site comes through here.
pub fn read(text: &str, kind: Kind, src: &Source, diags: &mut Diagnostics) -> (Tree, Vec<Ref>) {
    let stripped = super::comments::strip_markdown(text, src.first_line, src.rel, diags);
    parse(&stripped, kind, src, diags)
}

/// Parses a comment-free Markdown text into its tree, and lists its local references.
pub fn parse(
    text: &Stripped,
    kind: Kind,
    src: &Source,
    diags: &mut Diagnostics,
) -> (Tree, Vec<Ref>) {
    let mut b = Builder {
        layout: Layout::of(kind),
        src,
        text,
        stack: vec![Frame::Blocks(Vec::new())],
        refs: Vec::new(),
        para: 0,
        section: 0,
        headings: Vec::new(),
        ids: BTreeMap::new(),
        notes: NoteBook::default(),
        nesting: 0,
        too_deep: false,
        offset: 0,
    };
    for (event, range) in Parser::new_ext(&text.text, options()).into_offset_iter() {
        b.offset = range.start;
        b.event(event, diags);
    }
    b.close_implicit();
    while b.stack.len() > 1 {
        let f = b.stack.pop().expect("stack is not empty");
        b.finish(f);
    }
    let blocks = match b.stack.pop() {
        Some(Frame::Blocks(blocks)) => blocks,
        _ => Vec::new(),
    };
    let notes = b.notes.finish(src, diags);
    (Tree { blocks, notes }, b.refs)
}

/// Footnotes as they are met: numbers by first reference, texts by label.
#[derive(Default)]
struct NoteBook {
    numbers: BTreeMap<String, usize>,
    /// (label, line) of each number's first reference.
    first: Vec<(String, usize)>,
    texts: BTreeMap<String, Vec<Block>>,
}

impl NoteBook {
    fn number(&mut self, label: &str, line: usize) -> usize {
        if let Some(&n) = self.numbers.get(label) {
            return n;
        }
        self.first.push((label.to_string(), line));
        let n = self.first.len();
        self.numbers.insert(label.to_string(), n);
        n
    }

    fn finish(mut self, src: &Source, diags: &mut Diagnostics) -> Vec<Vec<Block>> {
        let mut notes = Vec::with_capacity(self.first.len());
        for (label, line) in &self.first {
            match self.texts.remove(label) {
                Some(text) => notes.push(text),
                None => {
                    diags.push(
                        Diagnostic::error(src.rel, Some(*line), "this footnote has no text").code("empty-footnote")
                            .hint("write the note at the end of the document, on a line of its own starting with the same [^label] followed by a colon"),
                    );
                    notes.push(Vec::new());
                }
            }
        }
        notes
    }
}

/// One container being built.
enum Frame {
    /// The document, a quote, a list item, a footnote's text.
    Blocks(Vec<Block>),
    /// A paragraph opened by inline content with no paragraph around it (a tight list item).
    ImplicitPara(Vec<Inline>),
    Inline(InlineKind, Vec<Inline>),
    List {
        ordered: bool,
        start: u64,
        tight: bool,
        items: Vec<Vec<Block>>,
    },
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        row: Vec<Vec<Inline>>,
    },
    Code {
        lang: String,
        text: String,
    },
    Html(String),
    Note(String),
    /// Content that is dropped (front-matter-like metadata blocks).
    Skip,
}

enum InlineKind {
    Para,
    Heading(u8),
    Em,
    Strong,
    Del,
    /// Superscript, subscript: their text, with no markup.
    Span,
    Link(Dest, String),
    Image(Dest, String),
    Cell,
}

struct Builder<'a> {
    layout: Layout,
    src: &'a Source<'a>,
    text: &'a Stripped,
    stack: Vec<Frame>,
    refs: Vec<Ref>,
    para: u32,
    section: u32,
    /// The Markdown levels of the headings above the current place, for depths.
    headings: Vec<u8>,
    ids: BTreeMap<String, usize>,
    notes: NoteBook,
    nesting: usize,
    too_deep: bool,
    /// Offset of the current event in the text, for lines.
    offset: usize,
}

impl Builder<'_> {
    fn line(&self) -> usize {
        self.text.line_of(self.offset) + self.src.first_line - 1
    }

    fn event(&mut self, ev: Event, diags: &mut Diagnostics) {
        match ev {
            Event::Start(tag) => self.start(tag, diags),
            Event::End(end) => self.end(end),
            Event::Text(t) => match self.stack.last_mut() {
                Some(Frame::Code { text, .. }) | Some(Frame::Html(text)) => text.push_str(&t),
                _ => self.inline(Inline::Text(t.to_string())),
            },
            Event::Code(t) => self.inline(Inline::Code(t.to_string())),
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.inline(Inline::Text(t.to_string()))
            }
            Event::Html(t) => match self.stack.last_mut() {
                Some(Frame::Html(s)) => s.push_str(&t),
                _ => self.inline(Inline::Text(t.to_string())),
            },
            Event::InlineHtml(t) => self.inline(Inline::Text(t.to_string())),
            Event::FootnoteReference(label) => {
                let line = self.line();
                let n = self.notes.number(&label, line);
                self.inline(Inline::Note(n));
            }
            Event::SoftBreak => self.inline(Inline::Text(" ".into())),
            Event::HardBreak => self.inline(Inline::Break),
            Event::Rule => {
                self.close_implicit();
                self.push_block(Block::Rule);
            }
            Event::TaskListMarker(done) => {
                self.inline(Inline::Text(if done { "[x] " } else { "[ ] " }.into()))
            }
        }
    }

    /// Counts nesting the pack could not lay out, and reports it once.
    fn nest(&mut self, diags: &mut Diagnostics) {
        self.nesting += 1;
        if self.nesting > MAX_NESTING && !self.too_deep {
            self.too_deep = true;
            diags.push(
                Diagnostic::error(self.src.rel, Some(self.line()), format!("quotes, lists or emphasis are nested more than {MAX_NESTING} levels deep here")).code("nested-too-deep")
                    .hint("check for a run of > or * characters, or a list indented too far"),
            );
        }
    }

    fn start(&mut self, tag: Tag, diags: &mut Diagnostics) {
        if matches!(
            tag,
            Tag::BlockQuote(_) | Tag::List(_) | Tag::Emphasis | Tag::Strong | Tag::Link { .. }
        ) {
            self.nest(diags);
        }
        let inline_start = matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        );
        if inline_start && matches!(self.stack.last(), Some(Frame::Blocks(_))) {
            self.stack.push(Frame::ImplicitPara(Vec::new()));
        } else if !inline_start && !matches!(tag, Tag::TableHead | Tag::TableRow | Tag::TableCell) {
            self.close_implicit();
        }
        let frame = match tag {
            Tag::Paragraph => Frame::Inline(InlineKind::Para, Vec::new()),
            Tag::Heading { level, .. } => {
                Frame::Inline(InlineKind::Heading(md_level(level)), Vec::new())
            }
            Tag::BlockQuote(_)
            | Tag::Item
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => Frame::Blocks(Vec::new()),
            Tag::CodeBlock(kind) => Frame::Code {
                lang: match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                },
                text: String::new(),
            },
            Tag::HtmlBlock => Frame::Html(String::new()),
            Tag::List(start) => Frame::List {
                ordered: start.is_some(),
                start: start.unwrap_or(1),
                tight: true,
                items: Vec::new(),
            },
            Tag::FootnoteDefinition(label) => Frame::Note(label.to_string()),
            Tag::Table(aligns) => Frame::Table {
                align: aligns
                    .iter()
                    .map(|a| match a {
                        Alignment::None | Alignment::Left => Align::Left,
                        Alignment::Center => Align::Center,
                        Alignment::Right => Align::Right,
                    })
                    .collect(),
                head: Vec::new(),
                rows: Vec::new(),
                row: Vec::new(),
            },
            Tag::TableHead | Tag::TableRow => return,
            Tag::TableCell => Frame::Inline(InlineKind::Cell, Vec::new()),
            Tag::Emphasis => Frame::Inline(InlineKind::Em, Vec::new()),
            Tag::Strong => Frame::Inline(InlineKind::Strong, Vec::new()),
            Tag::Strikethrough => Frame::Inline(InlineKind::Del, Vec::new()),
            Tag::Superscript | Tag::Subscript => Frame::Inline(InlineKind::Span, Vec::new()),
            Tag::Link {
                dest_url, title, ..
            } => Frame::Inline(
                InlineKind::Link(self.dest(&dest_url, false, diags), title.to_string()),
                Vec::new(),
            ),
            Tag::Image {
                dest_url, title, ..
            } => Frame::Inline(
                InlineKind::Image(self.dest(&dest_url, true, diags), title.to_string()),
                Vec::new(),
            ),
            Tag::MetadataBlock(_) => Frame::Skip,
        };
        // A block inside a footnote's text, a list item or a quote is below the top level.
        if let Frame::Note(_) = frame {
            self.stack.push(frame);
            self.stack.push(Frame::Blocks(Vec::new()));
            return;
        }
        self.stack.push(frame);
    }

    /// Parses a destination and records a local reference, or reports one that leaves
    /// `content/`.
    fn dest(&mut self, written: &str, image: bool, diags: &mut Diagnostics) -> Dest {
        let dest = Dest::parse(written, self.src.dir);
        match &dest {
            Dest::Local { target, .. } => self.refs.push(Ref {
                written: written.split(['#', '?']).next().unwrap_or("").to_string(),
                target: target.clone(),
                line: self.line(),
                image,
            }),
            Dest::Refused if Dest::leaves_content(written, self.src.dir) => diags.push(
                Diagnostic::error(self.src.rel, Some(self.line()), format!("the link \"{written}\" leaves the content folder")).code("outside-content")
                    .hint("keep images and appendices in the meeting's files/ folder and link to them as files/name.png"),
            ),
            _ => {}
        }
        dest
    }

    fn end(&mut self, end: TagEnd) {
        if matches!(
            end,
            TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Link
        ) {
            self.nesting = self.nesting.saturating_sub(1);
        }
        match end {
            TagEnd::TableHead => {
                if let Some(Frame::Table { head, row, .. }) = self.stack.last_mut() {
                    *head = std::mem::take(row);
                }
                return;
            }
            TagEnd::TableRow => {
                if let Some(Frame::Table {
                    rows, row, align, ..
                }) = self.stack.last_mut()
                {
                    let mut cells = std::mem::take(row);
                    cells.resize(align.len().max(cells.len()), Vec::new());
                    rows.push(cells);
                }
                return;
            }
            TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.close_implicit(),
            _ => {}
        }
        if let Some(frame) = self.stack.pop() {
            self.finish(frame);
        }
    }

    /// Turns a finished frame into its block or inline, in its parent.
    fn finish(&mut self, frame: Frame) {
        match frame {
            Frame::Blocks(b) => match self.stack.last_mut() {
                Some(Frame::List { items, .. }) => items.push(b),
                Some(Frame::Note(_)) => {
                    if let Some(Frame::Note(label)) = self.stack.pop() {
                        self.notes.texts.entry(label).or_insert(b);
                    }
                }
                _ => self.push_block(Block::Quote(b)),
            },
            Frame::ImplicitPara(c) => {
                let para = self.paragraph(merge(c));
                self.push_block(para);
            }
            Frame::Inline(kind, c) => self.finish_inline(kind, merge(c)),
            Frame::List {
                ordered,
                start,
                tight,
                items,
            } => self.push_block(Block::List {
                ordered,
                lettered: ordered && self.layout.lettered,
                start,
                tight,
                items,
            }),
            Frame::Table {
                align, head, rows, ..
            } => self.push_block(Block::Table { align, head, rows }),
            Frame::Code { lang, text } => self.push_block(Block::Code {
                lang,
                text: text.trim_end_matches('\n').to_string(),
            }),
            Frame::Html(s) => {
                let t = s.trim();
                if !t.is_empty() {
                    self.push_block(Block::Para {
                        n: None,
                        decision: false,
                        c: vec![Inline::Text(t.to_string())],
                    });
                }
            }
            Frame::Note(_) | Frame::Skip => {}
        }
    }

    fn finish_inline(&mut self, kind: InlineKind, c: Vec<Inline>) {
        match kind {
            InlineKind::Para => {
                let explicit = self.paragraph(c);
                // A real paragraph inside a list item makes the list loose.
                if let Some(Frame::List { tight, .. }) = self.stack.iter_mut().rev().nth(1) {
                    *tight = false;
                }
                self.push_block(explicit);
            }
            InlineKind::Heading(level) => {
                let heading = self.heading(level, c);
                self.push_block(heading);
            }
            InlineKind::Em => self.inline(Inline::Em(c)),
            InlineKind::Strong => self.inline(Inline::Strong(c)),
            InlineKind::Del => self.inline(Inline::Del(c)),
            InlineKind::Span => c.into_iter().for_each(|i| self.inline(i)),
            InlineKind::Link(dest, title) => self.inline(Inline::Link { dest, title, c }),
            InlineKind::Image(dest, title) => self.inline(Inline::Image {
                dest,
                alt: plain(&c),
                title,
            }),
            InlineKind::Cell => {
                if let Some(Frame::Table { row, .. }) = self.stack.last_mut() {
                    row.push(c);
                }
            }
        }
    }

    /// A paragraph with its number and whether it is a decision.
    fn paragraph(&mut self, c: Vec<Inline>) -> Block {
        if let [Inline::Image { dest, alt, title }] = c.as_slice() {
            return Block::Figure {
                dest: dest.clone(),
                alt: alt.clone(),
                title: title.clone(),
            };
        }
        let decision = self.layout.sections && is_resolution(&c);
        let top = self.stack.len() == 1;
        let n = (top && self.layout.paragraphs).then(|| {
            self.para += 1;
            self.para
        });
        Block::Para { n, decision, c }
    }

    fn heading(&mut self, level: u8, mut c: Vec<Inline>) -> Block {
        while self.headings.last().is_some_and(|&l| l >= level) {
            self.headings.pop();
        }
        self.headings.push(level);
        let depth = self.headings.len() as u8;
        let id = self.unique_id(slugify(&plain(&c)));
        let number = (self.layout.sections && depth == 1).then(|| match take_number(&mut c) {
            Some(n) => {
                if let Some(v) = section_value(&n) {
                    self.section = v;
                }
                n
            }
            None => {
                self.section += 1;
                self.section.to_string()
            }
        });
        Block::Heading {
            depth,
            id,
            number,
            c,
        }
    }

    fn unique_id(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let n = self.ids.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 { base } else { format!("{base}-{n}") }
    }

    fn inline(&mut self, i: Inline) {
        match self.stack.last_mut() {
            Some(Frame::Inline(_, c)) | Some(Frame::ImplicitPara(c)) => c.push(i),
            Some(Frame::Blocks(_)) => self.stack.push(Frame::ImplicitPara(vec![i])),
            Some(Frame::Code { text, .. }) | Some(Frame::Html(text)) => {
                if let Inline::Text(t) = i {
                    text.push_str(&t)
                }
            }
            _ => {}
        }
    }

    fn push_block(&mut self, b: Block) {
        if let Some(Frame::Blocks(blocks)) = self.stack.last_mut() {
            blocks.push(b);
        }
    }

    fn close_implicit(&mut self) {
        if let Some(Frame::ImplicitPara(_)) = self.stack.last()
            && let Some(Frame::ImplicitPara(c)) = self.stack.pop()
        {
            let para = self.paragraph(merge(c));
            self.push_block(para);
        }
    }
}

fn md_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// Joins neighbouring text, so readers walk fewer nodes.
///
/// Every tree of an archive stays in memory for the whole build, so the result is sized
/// exactly: one allocation per run of text, none of the slack of strings and vectors
/// grown by pushing.
fn merge(c: Vec<Inline>) -> Vec<Inline> {
    let text = |i: &Inline| matches!(i, Inline::Text(_));
    let starts = |k: usize| !text(&c[k]) || k == 0 || !text(&c[k - 1]);
    let mut out: Vec<Inline> = Vec::with_capacity((0..c.len()).filter(|&k| starts(k)).count());
    let mut run: Vec<String> = Vec::new();
    for i in c {
        match i {
            Inline::Text(s) => run.push(s),
            other => {
                flush_text(&mut run, &mut out);
                out.push(other);
            }
        }
    }
    flush_text(&mut run, &mut out);
    out
}

/// Ends a run of text nodes as one node.
fn flush_text(run: &mut Vec<String>, out: &mut Vec<Inline>) {
    match run.len() {
        0 => {}
        1 => out.extend(run.pop().map(Inline::Text)),
        _ => {
            out.push(Inline::Text(run.concat()));
            run.clear();
        }
    }
}

/// Whether a paragraph starts with bold "Resolved".
fn is_resolution(c: &[Inline]) -> bool {
    matches!(c.first(), Some(Inline::Strong(inner)) if plain(inner).trim_start().to_lowercase().starts_with("resolved"))
}

/// Takes a leading "5a " or "7. " from a heading's first text.
fn take_number(c: &mut [Inline]) -> Option<String> {
    let Some(Inline::Text(s)) = c.first_mut() else {
        return None;
    };
    let (number, rest) = section_number(s)?;
    let (number, rest) = (number.to_string(), rest.to_string());
    *s = rest;
    Some(number)
}

/// Splits a minutes heading such as "5a Induction", "4A Staffing matter" or "7.
/// Fostering" into its own number and the rest. A number is one to three digits with at
/// most one letter, then a dot or a space; "2021/22 budget" is not a numbered heading.
pub fn section_number(text: &str) -> Option<(&str, &str)> {
    let t = text.trim_start();
    let bytes = t.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    // A letter of either case: an agenda may number an item 4A, and its minute is
    // headed "4A Staffing matter" (so a heading "3D printing" is numbered 3D).
    let mut end = digits;
    if bytes.get(end).is_some_and(|b| b.is_ascii_alphabetic()) {
        end += 1;
    }
    let mut rest = end;
    if bytes.get(rest) == Some(&b'.') {
        rest += 1;
    }
    let after = t[rest..].chars().next()?;
    if !after.is_whitespace() {
        return None;
    }
    let title = t[rest..].trim_start();
    (!title.is_empty()).then_some((&t[..end], title))
}

/// The count a section number sets: "5a" → 5.
pub fn section_value(number: &str) -> Option<u32> {
    number
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
}

/// A URL fragment from heading text.
pub fn slugify(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ids_made_unique_keep_the_first_and_number_the_rest() {
        let heading = |id: &str| Block::Heading {
            depth: 2,
            id: id.into(),
            number: None,
            c: Vec::new(),
        };
        let mut blocks = vec![
            heading("minute-2"),
            heading("minute-2-2"),
            Block::Quote(vec![heading("minute-2")]),
            heading("minute-2"),
            heading("close"),
        ];
        unique_heading_ids(&mut blocks);
        let mut ids = Vec::new();
        fn collect(blocks: &[Block], ids: &mut Vec<String>) {
            for b in blocks {
                match b {
                    Block::Heading { id, .. } => ids.push(id.clone()),
                    Block::Quote(inner) => collect(inner, ids),
                    _ => {}
                }
            }
        }
        collect(&blocks, &mut ids);
        assert_eq!(
            ids,
            [
                "minute-2",
                "minute-2-2",
                "minute-2-3",
                "minute-2-4",
                "close"
            ]
        );
    }

    #[test]
    fn one_spaced_is_the_words_joined_with_spaces() {
        let spaces: String = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        let samples = [
            String::new(),
            " ".into(),
            "one".into(),
            "  one  two\tthree\n\n four \r\n".into(),
            format!("{spaces}a{spaces}b\u{1c}c\u{200b}d é{spaces}"),
            "x\u{a0}y\u{85}z\u{2028}w\u{3000}v \u{feff} ünï cödé 😀 end".into(),
        ];
        for s in &samples {
            let words: Vec<&str> = s.split_whitespace().collect();
            assert_eq!(super::one_spaced(s), words.join(" "), "{s:?}");
        }
    }

    fn tree(md: &str, kind: Kind) -> (Tree, Vec<Ref>, Vec<Diagnostic>) {
        let mut d = Diagnostics::default();
        let text = super::super::comments::strip(md).unwrap();
        let src = Source {
            dir: Path::new("committees/c/2021-09-24"),
            first_line: 5,
            rel: Path::new("r.md"),
        };
        let (t, refs) = parse(&text, kind, &src, &mut d);
        (t, refs, d.sorted())
    }

    fn depths(t: &Tree) -> Vec<u8> {
        t.blocks
            .iter()
            .filter_map(|b| {
                if let Block::Heading { depth, .. } = b {
                    Some(*depth)
                } else {
                    None
                }
            })
            .collect()
    }

    #[test]
    fn heading_depths_never_skip_a_level() {
        assert_eq!(
            depths(&tree("# A\n\n### B\n\n## C", Kind::Other).0),
            vec![1, 2, 2]
        );
        assert_eq!(
            depths(&tree("## A\n\n# B\n\n## C", Kind::Other).0),
            vec![1, 1, 2]
        );
        assert_eq!(
            depths(&tree("### A\n\n###### B\n\n#### C\n\n## D", Kind::Other).0),
            vec![1, 2, 2, 1]
        );
    }

    #[test]
    fn report_paragraphs_figures_and_lettered_lists() {
        let (t, _, _) = tree(
            "# Purpose\n\nOne.\n\n![Map](files/gone.png)\n\nTwo:\n\n1. a\n2. b\n\n> quoted\n\nThree.",
            Kind::Report,
        );
        let numbers: Vec<u32> = t
            .blocks
            .iter()
            .filter_map(|b| {
                if let Block::Para { n: Some(n), .. } = b {
                    Some(*n)
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(numbers, vec![1, 2, 3]);
        assert!(
            t.blocks
                .iter()
                .any(|b| matches!(b, Block::Figure { alt, .. } if alt == "Map"))
        );
        assert!(t.blocks.iter().any(|b| matches!(
            b,
            Block::List {
                lettered: true,
                tight: true,
                ..
            }
        )));
    }

    #[test]
    fn minutes_sections_continue_after_their_own_numbers_and_decisions_stand_anywhere() {
        let (t, _, _) = tree(
            "## Apologies\n\n## 5a Induction\n\n- **Resolved:** noted.\n\n> **Resolved:** agreed.\n\n## Next",
            Kind::Minutes,
        );
        let numbers: Vec<String> = t
            .blocks
            .iter()
            .filter_map(|b| {
                if let Block::Heading {
                    number: Some(n), ..
                } = b
                {
                    Some(n.clone())
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(numbers, vec!["1", "5a", "6"]);
        let Block::List { items, .. } = &t.blocks[2] else {
            panic!("{:?}", t.blocks[2])
        };
        assert!(matches!(items[0][0], Block::Para { decision: true, .. }));
        let Block::Quote(q) = &t.blocks[3] else {
            panic!()
        };
        assert!(matches!(q[0], Block::Para { decision: true, .. }));
    }

    #[test]
    fn slides_start_at_each_top_heading_and_an_intro_is_the_first() {
        let (t, _, _) = tree(
            "Intro text.\n\n## One\n\n- a\n\n### Detail\n\n## Two\n",
            Kind::Presentation,
        );
        let slides = t.slides();
        assert_eq!(slides.len(), 3);
        assert!(slides[0].heading.is_none());
        assert_eq!(slides[1].blocks.len(), 2);
        let (t, _, _) = tree("## One\n\n## Two\n", Kind::Presentation);
        assert_eq!(t.slides().len(), 2);
    }

    #[test]
    fn references_lines_and_footnotes() {
        let (t, refs, errs) = tree(
            "Para[^b] and[^a].\n\n![Chart](files/c.png)\n\n[x](../../../../x.md) [y](my%20file.pdf?download)\n\n[^a]: A.\n[^b]: B.\n",
            Kind::Other,
        );
        assert!(
            matches!(&t.blocks[0], Block::Para { c, .. } if c.contains(&Inline::Note(1)) && c.contains(&Inline::Note(2)))
        );
        assert_eq!(t.notes.len(), 2);
        assert!(matches!(&t.notes[0][0], Block::Para { c, .. } if plain(c) == "B."));
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].line, 7);
        assert!(refs[0].image);
        assert_eq!(
            refs[1].target,
            PathBuf::from("committees/c/2021-09-24/my file.pdf")
        );
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, Some(9));
        assert!(errs[0].message.contains("leaves the content folder"));
        // A reference with no note is not a footnote to CommonMark: it stays as written.
        let (t, _, errs) = tree("Text[^missing].\n", Kind::Other);
        assert!(errs.is_empty() && t.notes.is_empty());
        assert!(matches!(&t.blocks[0], Block::Para { c, .. } if plain(c) == "Text[^missing]."));
    }

    #[test]
    fn words_are_the_visible_text_and_stop_near_the_limit() {
        let (t, _, _) = tree(
            "# Purpose\n\nThe **council** owns [Holly Garth](https://x.example).\n\n| A | B |\n|---|---|\n| one | two |\n",
            Kind::Report,
        );
        assert_eq!(
            t.words(1000),
            "Purpose The council owns Holly Garth. A B one two"
        );
        let short = t.words(12);
        assert!(
            !short.is_empty() && short.len() <= 12 && "Purpose The council".starts_with(&short),
            "{short}"
        );
    }

    #[test]
    fn markup_is_text() {
        let (t, _, _) = tree(
            "<script>alert(1)</script>\n\nCost #1 is $5 <b>x</b>",
            Kind::Other,
        );
        assert!(
            matches!(&t.blocks[0], Block::Para { c, .. } if plain(c) == "<script>alert(1)</script>")
        );
        assert!(
            matches!(&t.blocks[1], Block::Para { c, .. } if plain(c) == "Cost #1 is $5 <b>x</b>")
        );
    }

    #[test]
    fn section_numbers() {
        assert_eq!(section_number("5a Induction"), Some(("5a", "Induction")));
        assert_eq!(section_number("7. Fostering"), Some(("7", "Fostering")));
        assert_eq!(section_number("2021/22 budget"), None);
        assert_eq!(
            section_number("4A Staffing matter"),
            Some(("4A", "Staffing matter"))
        );
        assert_eq!(section_number("3D printing"), Some(("3D", "printing")));
        assert_eq!(section_number("3Dprinting"), None);
        assert_eq!(section_number("12"), None);
        assert_eq!(section_value("5a"), Some(5));
    }
}
