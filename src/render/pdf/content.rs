//! A document tree as plain data nodes for the pack templates.
//!
//! This reader decides nothing: every number, depth, decision and slide comes from
//! [`crate::model::tree`], which the web page reads too. The text officers write never
//! becomes typst markup: strings in the nodes are text and nothing else, and
//! `pdf/nodes.typ` builds typst content from them with function calls, so a `#`, `$` or
//! `]` in a report is printed, never evaluated.
//!
//! Block nodes: `p` (with `n`, the paragraph number of a report, `resolved` for a
//! decision, `inner` inside a list item), `h` (`level`, `n` for minutes sections), `list`
//! (`ordered`, `start`, `tight`, `items`), `quote`, `codeblock`, `table` (`align`,
//! `head`, `rows`), `hr`, `img` (`block`).
//! Inline nodes: plain strings, `em`, `strong`, `del`, `code`, `link` (`url` or null),
//! `br`, `fn` (footnote, with block content), `img` (`src` or null, `alt`).

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::model::links::Dest;
use crate::model::tree::{Block, Inline, NOTE_DEPTH, Tree};

/// How references resolve in a pack: images to files the pack may read, links to
/// addresses on the published site.
pub trait Resolve {
    /// The virtual path (e.g. `/content/0.png`) of an image the pack may embed, or
    /// `None` if it is not available to this edition.
    fn image(&self, dest: &Dest) -> Option<String>;
    /// An absolute URL for a link, or `None` to print the link text without a link.
    fn link(&self, dest: &Dest) -> Option<String>;
}

/// The pack's heading level of a depth-1 heading: level 1 is the agenda item, level 2
/// the document's title.
const FIRST_LEVEL: u8 = 3;

/// The body's blocks as nodes, written when serialised: the papers' text goes straight
/// into the pack's JSON text. Building `serde_json::Value`s first, and dropping them,
/// was most of a rebuild's "pdf" phase with every pack cached.
///
/// Objects are written with their keys in byte order, as a `Value` would write them,
/// so the text (and each pack's cache key) is what it was. Images are resolved as they
/// are written, in the order of the text.
pub fn blocks<'a>(tree: &'a Tree, resolve: &'a dyn Resolve) -> Blocks<'a> {
    Writer {
        tree,
        resolve,
        notes_open: 0,
    }
    .blocks(&tree.blocks, false)
}

/// One slide of a presentation as `{body, title}`: the tree decides where slides start.
pub fn slides<'a>(tree: &'a Tree, resolve: &'a dyn Resolve) -> Slides<'a> {
    Slides(Writer {
        tree,
        resolve,
        notes_open: 0,
    })
}

#[derive(Clone, Copy)]
struct Writer<'a> {
    tree: &'a Tree,
    resolve: &'a dyn Resolve,
    /// Footnotes inside footnotes are followed this deep, and no deeper.
    notes_open: u8,
}

impl<'a> Writer<'a> {
    fn blocks(self, blocks: &'a [Block], inner: bool) -> Blocks<'a> {
        Blocks {
            w: self,
            blocks,
            inner,
        }
    }

    fn inlines(self, c: &'a [Inline]) -> Inlines<'a> {
        Inlines { w: self, c }
    }
}

/// A list of block nodes (see [`blocks`]).
#[derive(Clone, Copy)]
pub struct Blocks<'a> {
    w: Writer<'a>,
    blocks: &'a [Block],
    /// Paragraphs inside a loose list item.
    inner: bool,
}

impl Serialize for Blocks<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.blocks.iter().map(|b| BlockNode {
            w: self.w,
            b,
            inner: self.inner,
        }))
    }
}

struct BlockNode<'a> {
    w: Writer<'a>,
    b: &'a Block,
    inner: bool,
}

impl Serialize for BlockNode<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let w = self.w;
        // Every object's keys in byte order (see [`blocks`]).
        let mut m = s.serialize_map(None)?;
        match self.b {
            Block::Para { n, decision, c } => {
                m.serialize_entry("c", &w.inlines(c))?;
                if self.inner {
                    m.serialize_entry("inner", &true)?;
                }
                if let Some(n) = n {
                    m.serialize_entry("n", n)?;
                }
                if *decision {
                    m.serialize_entry("resolved", &true)?;
                }
                m.serialize_entry("t", "p")?;
            }
            Block::Figure { dest, alt, .. } => {
                m.serialize_entry("alt", alt)?;
                m.serialize_entry("block", &true)?;
                m.serialize_entry("src", &w.resolve.image(dest))?;
                m.serialize_entry("t", "img")?;
            }
            Block::Heading {
                depth, number, c, ..
            } => {
                m.serialize_entry("c", &w.inlines(c))?;
                m.serialize_entry("level", &(depth + FIRST_LEVEL - 1).min(6))?;
                if let Some(n) = number {
                    m.serialize_entry("n", n)?;
                }
                m.serialize_entry("t", "h")?;
            }
            Block::List {
                ordered,
                start,
                tight,
                items,
                ..
            } => {
                let items = Items {
                    w,
                    items,
                    inner: !tight,
                };
                m.serialize_entry("items", &items)?;
                m.serialize_entry("ordered", ordered)?;
                m.serialize_entry("start", start)?;
                m.serialize_entry("t", "list")?;
                m.serialize_entry("tight", tight)?;
            }
            Block::Quote(inner) => {
                m.serialize_entry("c", &w.blocks(inner, false))?;
                m.serialize_entry("t", "quote")?;
            }
            Block::Code { text, .. } => {
                m.serialize_entry("s", text)?;
                m.serialize_entry("t", "codeblock")?;
            }
            Block::Table { align, head, rows } => {
                let names: Vec<&str> = align.iter().map(|a| a.name()).collect();
                m.serialize_entry("align", &names)?;
                m.serialize_entry("head", &Cells { w, cells: head })?;
                m.serialize_entry("rows", &Rows { w, rows })?;
                m.serialize_entry("t", "table")?;
            }
            Block::Rule => m.serialize_entry("t", "hr")?,
        }
        m.end()
    }
}

/// A list's items, each a list of blocks.
struct Items<'a> {
    w: Writer<'a>,
    items: &'a [Vec<Block>],
    inner: bool,
}

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.items
                .iter()
                .map(|item| self.w.blocks(item, self.inner)),
        )
    }
}

/// A table row's cells, each a list of inline nodes.
struct Cells<'a> {
    w: Writer<'a>,
    cells: &'a [Vec<Inline>],
}

impl Serialize for Cells<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.cells.iter().map(|c| self.w.inlines(c)))
    }
}

struct Rows<'a> {
    w: Writer<'a>,
    rows: &'a [Vec<Vec<Inline>>],
}

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.rows.iter().map(|cells| Cells { w: self.w, cells }))
    }
}

/// A list of inline nodes.
struct Inlines<'a> {
    w: Writer<'a>,
    c: &'a [Inline],
}

impl Serialize for Inlines<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.c.iter().map(|i| InlineNode { w: self.w, i }))
    }
}

struct InlineNode<'a> {
    w: Writer<'a>,
    i: &'a Inline,
}

impl Serialize for InlineNode<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let w = self.w;
        // A plain string, or an object with its keys in byte order.
        let (tag, content) = match self.i {
            Inline::Text(t) => return s.serialize_str(t),
            Inline::Em(c) => ("em", c),
            Inline::Strong(c) => ("strong", c),
            Inline::Del(c) => ("del", c),
            Inline::Code(t) => return tagged(s, "code", "s", t),
            Inline::Image { dest, alt, .. } => {
                let mut m = s.serialize_map(Some(3))?;
                m.serialize_entry("alt", alt)?;
                m.serialize_entry("src", &w.resolve.image(dest))?;
                m.serialize_entry("t", "img")?;
                return m.end();
            }
            Inline::Link { dest, c, .. } => {
                let mut m = s.serialize_map(Some(3))?;
                m.serialize_entry("c", &w.inlines(c))?;
                m.serialize_entry("t", "link")?;
                m.serialize_entry("url", &w.resolve.link(dest))?;
                return m.end();
            }
            Inline::Break => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("t", "br")?;
                return m.end();
            }
            // The pack sets a footnote at its reference, as print does.
            Inline::Note(n) => {
                return match w.tree.notes.get(n - 1) {
                    Some(note) if w.notes_open < NOTE_DEPTH => {
                        let deeper = Writer {
                            notes_open: w.notes_open + 1,
                            ..w
                        };
                        let mut m = s.serialize_map(Some(2))?;
                        m.serialize_entry("c", &deeper.blocks(note, false))?;
                        m.serialize_entry("t", "fn")?;
                        m.end()
                    }
                    _ => s.serialize_str(""),
                };
            }
        };
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("c", &w.inlines(content))?;
        m.serialize_entry("t", tag)?;
        m.end()
    }
}

/// `{key: value, "t": tag}`, for a key that sorts before `t`.
fn tagged<S: Serializer>(s: S, tag: &str, key: &str, value: &str) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(2))?;
    m.serialize_entry(key, value)?;
    m.serialize_entry("t", tag)?;
    m.end()
}

/// A presentation's slides (see [`slides`]).
#[derive(Clone, Copy)]
pub struct Slides<'a>(Writer<'a>);

impl Serialize for Slides<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let w = self.0;
        let mut seq = s.serialize_seq(None)?;
        for slide in w.tree.slides() {
            seq.serialize_element(&SlideNode {
                w,
                heading: slide.heading,
                blocks: slide.blocks,
            })?;
        }
        seq.end()
    }
}

struct SlideNode<'a> {
    w: Writer<'a>,
    heading: Option<&'a Block>,
    blocks: &'a [Block],
}

impl Serialize for SlideNode<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("body", &self.w.blocks(self.blocks, false))?;
        match self.heading {
            Some(Block::Heading { number, c, .. }) => m.serialize_entry(
                "title",
                &Title {
                    number: number.as_deref(),
                    c: self.w.inlines(c),
                },
            )?,
            _ => m.serialize_entry("title", &())?,
        }
        m.end()
    }
}

/// A slide's title: its section number, if any, then its inline nodes.
struct Title<'a> {
    number: Option<&'a str>,
    c: Inlines<'a>,
}

impl Serialize for Title<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        if let Some(n) = self.number {
            seq.serialize_element(&format!("{n} "))?;
        }
        for i in self.c.c {
            seq.serialize_element(&InlineNode { w: self.c.w, i })?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::{Value, json};

    use super::*;
    use crate::diag::Diagnostics;
    use crate::model::Kind;
    use crate::model::tree::{Source, parse};

    struct Files;
    impl Resolve for Files {
        fn image(&self, dest: &Dest) -> Option<String> {
            matches!(dest, Dest::Local { target, .. } if target.ends_with("files/chart.png"))
                .then(|| "/content/0.png".to_string())
        }
        fn link(&self, dest: &Dest) -> Option<String> {
            match dest {
                Dest::Web(u) => Some(u.clone()),
                _ => None,
            }
        }
    }

    fn conv(md: &str, kind: Kind) -> Value {
        let text = crate::model::comments::strip(md).unwrap();
        let src = Source {
            dir: Path::new("committees/c/m"),
            first_line: 1,
            rel: Path::new("d.md"),
        };
        let (tree, _) = parse(&text, kind, &src, &mut Diagnostics::default());
        serde_json::to_value(blocks(&tree, &Files)).unwrap()
    }

    #[test]
    fn markup_is_data() {
        let v = conv("# #set text(red) $x$ <b> ]", Kind::Other);
        assert_eq!(v[0]["t"], "h");
        assert_eq!(v[0]["c"][0], "#set text(red) $x$ <b> ]");
        let p = conv("Cost #1 is $5 \\* [x] @ref <lbl> ]", Kind::Other);
        assert_eq!(p[0]["c"][0], "Cost #1 is $5 * [x] @ref <lbl> ]");
    }

    #[test]
    fn report_numbers_and_levels_come_from_the_tree() {
        let v = conv(
            "# Purpose\n\nOne.\n\nTwo:\n\n1. a\n2. b\n\n### Background\n\nThree.",
            Kind::Report,
        );
        assert_eq!(v[0]["level"], 3);
        assert_eq!(v[1]["n"], 1);
        assert_eq!(v[2]["n"], 2);
        assert_eq!(v[3]["t"], "list");
        assert_eq!(v[3]["tight"], true);
        assert_eq!(v[3]["items"][0][0]["c"][0], "a");
        // `###` after `#` is one level down, not two.
        assert_eq!(v[4]["level"], 4);
        assert_eq!(v[5]["n"], 3);
    }

    #[test]
    fn minutes_sections_and_decisions() {
        let v = conv(
            "## Apologies\n\nNone.\n\n## 5a Induction\n\n**Resolved:** That the report be noted.\n\n## Any other business",
            Kind::Minutes,
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
        let v = conv(md, Kind::Other);
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
        assert_eq!(v[2]["src"], "/content/0.png");
        assert_eq!(v[2]["alt"], "A chart");
        assert_eq!(v[3]["src"], Value::Null);
    }

    #[test]
    fn loose_lists_and_quotes() {
        let v = conv("- one\n\n- two\n\n  more\n\n> quoted\n", Kind::Report);
        assert_eq!(v[0]["tight"], false);
        assert_eq!(v[1]["t"], "quote");
        assert_eq!(v[1]["c"][0]["c"][0], "quoted");
        assert!(v[1]["c"][0].get("n").is_none());
    }
}
