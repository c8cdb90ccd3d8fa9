//! Markdown → a tree of plain data nodes for the pack templates.
//!
//! The text officers write never becomes typst markup. Each document body is parsed with
//! pulldown-cmark and turned into JSON nodes (`{"t": "p", "c": [...]}`); strings in the
//! tree are text and nothing else. `pdf/nodes.typ` walks the tree and builds typst content
//! with function calls, so a `#`, `$` or `]` in a report is printed, never evaluated.
//!
//! Block nodes: `p` (with `n`, the paragraph number of a report, and `resolved`), `h`
//! (`level`, `n` for minutes sections), `list` (`ordered`, `start`, `tight`, `items`),
//! `quote`, `codeblock`, `table` (`align`, `head`, `rows`), `hr`, `img`.
//! Inline nodes: plain strings, `em`, `strong`, `del`, `code`, `link` (`url` or null),
//! `br`, `fn` (footnote, with block content), `img` (`src` or null, `alt`).

use std::collections::HashMap;

use pulldown_cmark::{Alignment, Event, HeadingLevel, Parser, Tag, TagEnd};
use serde_json::{Map, Value, json};

/// How references in a document resolve: images to files the pack may read, links to
/// addresses on the published site.
pub trait Resolve {
    /// The virtual path (e.g. `/content/committees/x/files/chart.png`) of an image the
    /// pack may embed, or `None` if it is not available to this edition.
    fn image(&self, dest: &str) -> Option<String>;
    /// An absolute URL for a link, or `None` to print the link text without a link.
    fn link(&self, dest: &str) -> Option<String>;
}

/// What to number while converting.
#[derive(Debug, Clone, Copy, Default)]
pub struct Numbering {
    /// Number every top-level paragraph 1, 2, 3 (reports).
    pub paragraphs: bool,
    /// Number the `## ` headings 1, 2, 3 (minutes), or take the number the heading starts
    /// with ("5a Induction").
    pub sections: bool,
}

/// Converts a Markdown body into block nodes.
pub fn blocks(text: &str, numbering: Numbering, resolve: &dyn Resolve) -> Vec<Value> {
    let events: Vec<Event<'_>> = Parser::new_ext(text, crate::markdown::options()).collect();
    // Footnote definitions are lifted out first and placed at their references.
    let mut definitions: HashMap<String, Vec<Event<'_>>> = HashMap::new();
    let mut body = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    while let Some(ev) = iter.next() {
        if let Event::Start(Tag::FootnoteDefinition(label)) = ev {
            let mut depth = 1;
            let mut inner = Vec::new();
            for ev in iter.by_ref() {
                match &ev {
                    Event::Start(Tag::FootnoteDefinition(_)) => depth += 1,
                    Event::End(TagEnd::FootnoteDefinition) => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                inner.push(ev);
            }
            definitions.entry(label.to_string()).or_insert(inner);
        } else {
            body.push(ev);
        }
    }
    let mut conv = Converter {
        resolve,
        definitions: &definitions,
        numbering,
        para: 0,
        section: 0,
        footnote_depth: 0,
    };
    let mut out = conv.convert(body);
    normalise_headings(&mut out);
    out
}

/// One container being built.
enum Frame {
    /// Blocks: the document root, a block quote, a list item, a footnote.
    Blocks(Vec<Value>),
    /// A paragraph opened implicitly by inline content in a tight list item.
    ImplicitPara(Vec<Value>),
    /// Inline content of a paragraph, heading, emphasis, link, image, table cell.
    Inline {
        kind: InlineKind,
        c: Vec<Value>,
    },
    List {
        ordered: bool,
        start: u64,
        tight: bool,
        items: Vec<Value>,
    },
    Table {
        align: Vec<&'static str>,
        head: Vec<Value>,
        rows: Vec<Value>,
        row: Vec<Value>,
    },
    Code(String),
    Html(String),
}

enum InlineKind {
    Para,
    Heading(u8),
    Em,
    Strong,
    Del,
    Link(Option<String>),
    Image(Option<String>),
    Cell,
}

struct Converter<'r, 'e> {
    resolve: &'r dyn Resolve,
    definitions: &'r HashMap<String, Vec<Event<'e>>>,
    numbering: Numbering,
    para: u32,
    section: u32,
    footnote_depth: u32,
}

impl<'e> Converter<'_, 'e> {
    fn convert(&mut self, events: Vec<Event<'e>>) -> Vec<Value> {
        let mut stack: Vec<Frame> = vec![Frame::Blocks(Vec::new())];
        for ev in events {
            self.event(&mut stack, ev);
        }
        close_implicit(&mut stack);
        // Unbalanced input cannot come from pulldown-cmark, but never lose text.
        while stack.len() > 1 {
            let f = stack.pop().unwrap();
            let v = self.finish(f, &stack);
            push_value(&mut stack, v);
        }
        match stack.pop() {
            Some(Frame::Blocks(b)) => b,
            _ => Vec::new(),
        }
    }

    fn event(&mut self, stack: &mut Vec<Frame>, ev: Event<'e>) {
        match ev {
            Event::Start(tag) => self.start(stack, tag),
            Event::End(end) => self.end(stack, end),
            Event::Text(t) => match stack.last_mut() {
                Some(Frame::Code(s)) | Some(Frame::Html(s)) => s.push_str(&t),
                _ => push_inline(stack, Value::from(t.as_ref())),
            },
            Event::Code(t) => push_inline(stack, json!({"t": "code", "s": t.as_ref()})),
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                push_inline(stack, Value::from(t.as_ref()))
            }
            Event::Html(t) => {
                if let Some(Frame::Html(s)) = stack.last_mut() {
                    s.push_str(&t)
                }
            }
            // Inline HTML is shown as the text it is, never interpreted.
            Event::InlineHtml(t) => {
                if !t.trim_start().starts_with("<!--") {
                    push_inline(stack, Value::from(t.as_ref()))
                }
            }
            Event::FootnoteReference(label) => {
                let v = match self.definitions.get(label.as_ref()) {
                    Some(def) if self.footnote_depth < 4 => {
                        self.footnote_depth += 1;
                        let saved = (self.para, self.numbering);
                        self.numbering = Numbering::default();
                        let c = self.convert(def.clone());
                        (self.para, self.numbering) = saved;
                        self.footnote_depth -= 1;
                        json!({"t": "fn", "c": c})
                    }
                    _ => Value::from(format!("[^{label}]")),
                };
                push_inline(stack, v);
            }
            Event::SoftBreak => push_inline(stack, Value::from(" ")),
            Event::HardBreak => push_inline(stack, json!({"t": "br"})),
            Event::Rule => {
                close_implicit(stack);
                push_value(stack, json!({"t": "hr"}));
            }
            Event::TaskListMarker(done) => {
                push_inline(stack, Value::from(if done { "[x] " } else { "[ ] " }))
            }
        }
    }

    fn start(&mut self, stack: &mut Vec<Frame>, tag: Tag<'e>) {
        match tag {
            Tag::Paragraph => {
                close_implicit(stack);
                stack.push(Frame::Inline {
                    kind: InlineKind::Para,
                    c: Vec::new(),
                });
            }
            Tag::Heading { level, .. } => {
                close_implicit(stack);
                stack.push(Frame::Inline {
                    kind: InlineKind::Heading(heading_level(level)),
                    c: Vec::new(),
                });
            }
            Tag::BlockQuote(_)
            | Tag::Item
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {
                close_implicit(stack);
                stack.push(Frame::Blocks(Vec::new()));
            }
            Tag::CodeBlock(_) => {
                close_implicit(stack);
                stack.push(Frame::Code(String::new()));
            }
            Tag::HtmlBlock => {
                close_implicit(stack);
                stack.push(Frame::Html(String::new()));
            }
            Tag::List(start) => {
                close_implicit(stack);
                stack.push(Frame::List {
                    ordered: start.is_some(),
                    start: start.unwrap_or(1),
                    tight: true,
                    items: Vec::new(),
                });
            }
            Tag::FootnoteDefinition(_) => stack.push(Frame::Blocks(Vec::new())),
            Tag::Table(aligns) => {
                close_implicit(stack);
                let align = aligns
                    .iter()
                    .map(|a| match a {
                        Alignment::None | Alignment::Left => "left",
                        Alignment::Center => "center",
                        Alignment::Right => "right",
                    })
                    .collect();
                stack.push(Frame::Table {
                    align,
                    head: Vec::new(),
                    rows: Vec::new(),
                    row: Vec::new(),
                });
            }
            Tag::TableHead | Tag::TableRow => {}
            Tag::TableCell => stack.push(Frame::Inline {
                kind: InlineKind::Cell,
                c: Vec::new(),
            }),
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
                if matches!(stack.last(), Some(Frame::Blocks(_))) =>
            {
                stack.push(Frame::ImplicitPara(Vec::new()));
                self.start(stack, tag);
            }
            Tag::Emphasis => stack.push(Frame::Inline {
                kind: InlineKind::Em,
                c: Vec::new(),
            }),
            Tag::Strong => stack.push(Frame::Inline {
                kind: InlineKind::Strong,
                c: Vec::new(),
            }),
            Tag::Strikethrough | Tag::Superscript | Tag::Subscript => stack.push(Frame::Inline {
                kind: InlineKind::Del,
                c: Vec::new(),
            }),
            Tag::Link { dest_url, .. } => {
                let url = self.resolve.link(&dest_url);
                stack.push(Frame::Inline {
                    kind: InlineKind::Link(url),
                    c: Vec::new(),
                });
            }
            Tag::Image { dest_url, .. } => {
                let src = self.resolve.image(&dest_url);
                stack.push(Frame::Inline {
                    kind: InlineKind::Image(src),
                    c: Vec::new(),
                });
            }
            Tag::MetadataBlock(_) => stack.push(Frame::Html(String::new())),
        }
    }

    fn end(&mut self, stack: &mut Vec<Frame>, end: TagEnd) {
        match end {
            TagEnd::TableHead => {
                if let Some(Frame::Table { head, row, .. }) = stack.last_mut() {
                    *head = std::mem::take(row);
                }
                return;
            }
            TagEnd::TableRow => {
                if let Some(Frame::Table {
                    rows, row, align, ..
                }) = stack.last_mut()
                {
                    let mut cells = std::mem::take(row);
                    cells.resize(align.len().max(cells.len()), Value::Array(Vec::new()));
                    rows.push(Value::Array(cells));
                }
                return;
            }
            TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => {
                close_implicit(stack)
            }
            TagEnd::MetadataBlock(_) => {
                stack.pop();
                return;
            }
            _ => {}
        }
        let Some(frame) = stack.pop() else { return };
        let v = self.finish(frame, stack);
        if !v.is_null() {
            push_value(stack, v);
        }
    }

    /// Turns a finished frame into its node.
    fn finish(&mut self, frame: Frame, stack: &[Frame]) -> Value {
        match frame {
            Frame::Blocks(b) => match stack.last() {
                // A list item: record whether it held real (loose) paragraphs.
                Some(Frame::List { .. }) => Value::Array(b),
                _ => json!({"t": "quote", "c": b}),
            },
            Frame::ImplicitPara(c) => json!({"t": "p", "c": merge_text(c)}),
            Frame::Inline { kind, c } => {
                let c = merge_text(c);
                match kind {
                    InlineKind::Para => self.paragraph(c, stack),
                    InlineKind::Heading(level) => self.heading(level, c),
                    InlineKind::Em => json!({"t": "em", "c": c}),
                    InlineKind::Strong => json!({"t": "strong", "c": c}),
                    InlineKind::Del => json!({"t": "del", "c": c}),
                    InlineKind::Link(url) => json!({"t": "link", "url": url, "c": c}),
                    InlineKind::Image(src) => {
                        json!({"t": "img", "src": src, "alt": plain_text(&c)})
                    }
                    InlineKind::Cell => Value::Array(c),
                }
            }
            Frame::List {
                ordered,
                start,
                tight,
                items,
            } => {
                json!({"t": "list", "ordered": ordered, "start": start, "tight": tight, "items": items})
            }
            Frame::Table {
                align, head, rows, ..
            } => json!({"t": "table", "align": align, "head": head, "rows": rows}),
            Frame::Code(s) => json!({"t": "codeblock", "s": s.trim_end_matches('\n')}),
            Frame::Html(s) => {
                let t = s.trim();
                if t.is_empty() || (t.starts_with("<!--") && t.ends_with("-->")) {
                    Value::Null
                } else {
                    json!({"t": "p", "c": [t]})
                }
            }
        }
    }

    fn paragraph(&mut self, c: Vec<Value>, stack: &[Frame]) -> Value {
        // A paragraph that is one image is a block image.
        if c.len() == 1 && c[0]["t"] == "img" {
            let mut img = c[0].clone();
            img["block"] = Value::Bool(true);
            return img;
        }
        // Decisions are set apart in minutes only, as on the web page.
        let resolved = self.numbering.sections && starts_resolved(&c);
        let top = stack.len() == 1;
        let mut p = Map::new();
        p.insert("t".into(), "p".into());
        p.insert("c".into(), Value::Array(c));
        if resolved {
            p.insert("resolved".into(), true.into());
        }
        if top && self.numbering.paragraphs {
            self.para += 1;
            p.insert("n".into(), self.para.into());
        }
        if !top {
            // Inside a list item: a real paragraph, so the list is loose.
            p.insert("inner".into(), true.into());
        }
        Value::Object(p)
    }

    fn heading(&mut self, level: u8, mut c: Vec<Value>) -> Value {
        let mut h = json!({"t": "h", "level": level, "md": level});
        if self.numbering.sections && level == 2 {
            let n = match take_leading_number(&mut c) {
                // "5a" keeps its number, and the count continues from 5, by the same rule
                // as the web page (crate::markdown::section_number).
                Some(n) => {
                    if let Some(v) = crate::markdown::section_value(&n) {
                        self.section = v;
                    }
                    n
                }
                None => {
                    self.section += 1;
                    self.section.to_string()
                }
            };
            h["n"] = Value::from(n);
        }
        h["c"] = Value::Array(c);
        h
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Closes a paragraph that inline content opened implicitly (in a tight list item).
fn close_implicit(stack: &mut Vec<Frame>) {
    if let Some(Frame::ImplicitPara(_)) = stack.last()
        && let Some(Frame::ImplicitPara(c)) = stack.pop()
    {
        push_value(stack, json!({"t": "p", "c": merge_text(c)}));
    }
}

fn push_inline(stack: &mut Vec<Frame>, v: Value) {
    match stack.last_mut() {
        Some(Frame::Inline { c, .. }) | Some(Frame::ImplicitPara(c)) => c.push(v),
        Some(Frame::Blocks(_)) => stack.push(Frame::ImplicitPara(vec![v])),
        Some(Frame::Code(s)) | Some(Frame::Html(s)) => {
            if let Some(t) = v.as_str() {
                s.push_str(t)
            }
        }
        // Text directly in a list or table (not produced by pulldown-cmark).
        _ => {}
    }
}

fn push_value(stack: &mut [Frame], v: Value) {
    match stack.last_mut() {
        Some(Frame::Blocks(b)) => b.push(v),
        Some(Frame::List { items, tight, .. }) => {
            if let Value::Array(blocks) = &v
                && blocks.iter().any(|b| b.get("inner").is_some())
            {
                *tight = false;
            }
            items.push(v)
        }
        Some(Frame::Table { row, .. }) => row.push(v),
        Some(Frame::Inline { c, .. }) | Some(Frame::ImplicitPara(c)) => c.push(v),
        Some(Frame::Code(_)) | Some(Frame::Html(_)) | None => {}
    }
}

/// Joins neighbouring strings, so the templates walk fewer nodes.
fn merge_text(c: Vec<Value>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::with_capacity(c.len());
    for v in c {
        if let (Some(Value::String(prev)), Value::String(s)) = (out.last_mut(), &v) {
            prev.push_str(s);
            continue;
        }
        out.push(v);
    }
    out
}

/// The text of inline nodes, for alt text.
pub fn plain_text(c: &[Value]) -> String {
    let mut s = String::new();
    fn walk(v: &Value, s: &mut String) {
        match v {
            Value::String(t) => s.push_str(t),
            Value::Array(a) => a.iter().for_each(|v| walk(v, s)),
            Value::Object(o) => {
                if let Some(t) = o.get("s").and_then(Value::as_str) {
                    s.push_str(t);
                }
                if let Some(c) = o.get("c") {
                    walk(c, s);
                }
                if o.get("t").and_then(Value::as_str) == Some("br") {
                    s.push(' ');
                }
            }
            _ => {}
        }
    }
    c.iter().for_each(|v| walk(v, &mut s));
    s.trim().to_string()
}

/// Whether a paragraph starts with **Resolved** (a decision in minutes).
fn starts_resolved(c: &[Value]) -> bool {
    c.first().is_some_and(|first| {
        first["t"] == "strong"
            && plain_text(std::slice::from_ref(first))
                .to_lowercase()
                .starts_with("resolved")
    })
}

/// Takes a leading "5a " or "5. " from a heading's text (see
/// [`crate::markdown::section_number`]).
fn take_leading_number(c: &mut [Value]) -> Option<String> {
    let Some(Value::String(s)) = c.first_mut() else {
        return None;
    };
    let (number, rest) = crate::markdown::section_number(s)?;
    let (number, rest) = (number.to_string(), rest.to_string());
    *s = rest;
    Some(number)
}

/// Shifts a document's own headings below the pack's (level 1 is the agenda item, level
/// 2 the document title), and never lets a heading skip a level, which PDF/UA forbids.
fn normalise_headings(blocks: &mut [Value]) {
    let mut min = 6;
    visit_headings(blocks, &mut |h| {
        min = min.min(h["level"].as_u64().unwrap_or(6))
    });
    let mut prev = 2u64;
    visit_headings(blocks, &mut |h| {
        let level = h["level"].as_u64().unwrap_or(6) - min + 3;
        let level = level.min(prev + 1).min(6);
        h["level"] = level.into();
        prev = level;
    });
}

fn visit_headings(blocks: &mut [Value], f: &mut dyn FnMut(&mut Value)) {
    for b in blocks {
        match b["t"].as_str() {
            Some("h") => f(b),
            Some("quote") => {
                if let Some(Value::Array(c)) = b.get_mut("c") {
                    visit_headings(c, f)
                }
            }
            Some("list") => {
                if let Some(Value::Array(items)) = b.get_mut("items") {
                    for it in items {
                        if let Value::Array(c) = it {
                            visit_headings(c, f)
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoFiles;
    impl Resolve for NoFiles {
        fn image(&self, dest: &str) -> Option<String> {
            (dest == "files/chart.png").then(|| "/content/files/chart.png".to_string())
        }
        fn link(&self, dest: &str) -> Option<String> {
            dest.starts_with("https://").then(|| dest.to_string())
        }
    }

    fn conv(md: &str, n: Numbering) -> Value {
        Value::Array(blocks(md, n, &NoFiles))
    }

    #[test]
    fn markup_is_data() {
        let v = conv("# #set text(red) $x$ <b> ]", Numbering::default());
        assert_eq!(v[0]["t"], "h");
        assert_eq!(v[0]["c"][0], "#set text(red) $x$ <b> ]");
        let p = conv("Cost #1 is $5 \\* [x] @ref <lbl> ]", Numbering::default());
        assert_eq!(p[0]["c"][0], "Cost #1 is $5 * [x] @ref <lbl> ]");
    }

    #[test]
    fn report_paragraphs_are_numbered() {
        let v = conv(
            "# Purpose\n\nOne.\n\nTwo:\n\n1. a\n2. b\n\n## Background\n\nThree.",
            Numbering {
                paragraphs: true,
                sections: false,
            },
        );
        assert_eq!(v[0]["t"], "h");
        assert_eq!(v[0]["level"], 3);
        assert_eq!(v[1]["n"], 1);
        assert_eq!(v[2]["n"], 2);
        assert_eq!(v[3]["t"], "list");
        assert_eq!(v[3]["ordered"], true);
        assert_eq!(v[3]["tight"], true);
        assert_eq!(v[3]["items"][0][0]["c"][0], "a");
        assert_eq!(v[4]["level"], 4);
        assert_eq!(v[5]["n"], 3);
    }

    #[test]
    fn minutes_sections_and_decisions() {
        let v = conv(
            "## Apologies\n\nNone.\n\n## 5a Induction\n\n**Resolved:** That the report be noted.\n\n## Any other business",
            Numbering {
                paragraphs: false,
                sections: true,
            },
        );
        assert_eq!(v[0]["n"], "1");
        assert_eq!(v[2]["n"], "5a");
        assert_eq!(v[2]["c"][0], "Induction");
        assert_eq!(v[3]["resolved"], true);
        assert_eq!(v[4]["n"], "6");
    }

    #[test]
    fn tables_footnotes_images_links() {
        let md = "| A | B |\n|:--|--:|\n| 1 | 2 |\n| 3 |\n\nText[^n] and [site](https://x.example) and [gone](exempt.md).\n\n![A chart](files/chart.png)\n\n![Missing](files/none.png)\n\n[^n]: The note.\n";
        let v = conv(md, Numbering::default());
        assert_eq!(v[0]["t"], "table");
        assert_eq!(v[0]["align"], json!(["left", "right"]));
        assert_eq!(v[0]["head"][1], json!(["B"]));
        assert_eq!(v[0]["rows"][1][1], json!([]));
        let c = &v[1]["c"];
        assert_eq!(c[1]["t"], "fn");
        assert_eq!(c[1]["c"][0]["c"][0], "The note.");
        assert_eq!(c[3]["url"], "https://x.example");
        assert_eq!(c[5]["url"], Value::Null);
        assert_eq!(v[2]["t"], "img");
        assert_eq!(v[2]["block"], true);
        assert_eq!(v[2]["src"], "/content/files/chart.png");
        assert_eq!(v[2]["alt"], "A chart");
        assert_eq!(v[3]["src"], Value::Null);
    }

    #[test]
    fn loose_lists_and_quotes() {
        let v = conv(
            "- one\n\n- two\n\n  more\n\n> quoted\n",
            Numbering {
                paragraphs: true,
                sections: false,
            },
        );
        assert_eq!(v[0]["tight"], false);
        assert_eq!(v[1]["t"], "quote");
        assert_eq!(v[1]["c"][0]["c"][0], "quoted");
        assert!(v[1]["c"][0].get("n").is_none());
    }
}
