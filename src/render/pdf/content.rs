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

use serde_json::{Map, Value, json};

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

/// The body's blocks as nodes.
pub fn blocks(tree: &Tree, resolve: &dyn Resolve) -> Vec<Value> {
    let w = Writer {
        tree,
        resolve,
        notes_open: 0,
    };
    w.blocks(&tree.blocks, false)
}

/// One slide of a presentation as `{title, body}`: the tree decides where slides start.
pub fn slides(tree: &Tree, resolve: &dyn Resolve) -> Vec<Value> {
    let w = Writer {
        tree,
        resolve,
        notes_open: 0,
    };
    tree.slides()
        .iter()
        .map(|s| {
            let title = match s.heading {
                Some(Block::Heading { number, c, .. }) => {
                    let mut t = w.inlines(c);
                    if let Some(n) = number {
                        t.insert(0, Value::from(format!("{n} ")));
                    }
                    Value::Array(t)
                }
                _ => Value::Null,
            };
            json!({"title": title, "body": w.blocks(s.blocks, false)})
        })
        .collect()
}

struct Writer<'a> {
    tree: &'a Tree,
    resolve: &'a dyn Resolve,
    /// Footnotes inside footnotes are followed this deep, and no deeper.
    notes_open: u8,
}

impl Writer<'_> {
    fn blocks(&self, blocks: &[Block], inner: bool) -> Vec<Value> {
        blocks.iter().map(|b| self.block(b, inner)).collect()
    }

    fn block(&self, b: &Block, inner: bool) -> Value {
        match b {
            Block::Para { n, decision, c } => {
                let mut p = Map::new();
                p.insert("t".into(), "p".into());
                p.insert("c".into(), Value::Array(self.inlines(c)));
                if *decision {
                    p.insert("resolved".into(), true.into());
                }
                if let Some(n) = n {
                    p.insert("n".into(), (*n).into());
                }
                if inner {
                    p.insert("inner".into(), true.into());
                }
                Value::Object(p)
            }
            Block::Figure { dest, alt, .. } => {
                json!({"t": "img", "src": self.resolve.image(dest), "alt": alt, "block": true})
            }
            Block::Heading {
                depth, number, c, ..
            } => {
                let mut h = json!({"t": "h", "level": (depth + FIRST_LEVEL - 1).min(6), "c": self.inlines(c)});
                if let Some(n) = number {
                    h["n"] = Value::from(n.as_str());
                }
                h
            }
            Block::List {
                ordered,
                start,
                tight,
                items,
                ..
            } => {
                let items: Vec<Value> = items
                    .iter()
                    .map(|item| Value::Array(self.blocks(item, !tight)))
                    .collect();
                json!({"t": "list", "ordered": ordered, "start": start, "tight": tight, "items": items})
            }
            Block::Quote(inner) => json!({"t": "quote", "c": self.blocks(inner, false)}),
            Block::Code { text, .. } => json!({"t": "codeblock", "s": text}),
            Block::Table { align, head, rows } => json!({
                "t": "table",
                "align": align.iter().map(|a| a.name()).collect::<Vec<_>>(),
                "head": head.iter().map(|c| Value::Array(self.inlines(c))).collect::<Vec<_>>(),
                "rows": rows.iter().map(|r| r.iter().map(|c| Value::Array(self.inlines(c))).collect::<Vec<_>>()).collect::<Vec<_>>(),
            }),
            Block::Rule => json!({"t": "hr"}),
        }
    }

    fn inlines(&self, c: &[Inline]) -> Vec<Value> {
        c.iter().map(|i| self.inline(i)).collect()
    }

    fn inline(&self, i: &Inline) -> Value {
        match i {
            Inline::Text(t) => Value::from(t.as_str()),
            Inline::Code(t) => json!({"t": "code", "s": t}),
            Inline::Em(c) => json!({"t": "em", "c": self.inlines(c)}),
            Inline::Strong(c) => json!({"t": "strong", "c": self.inlines(c)}),
            Inline::Del(c) => json!({"t": "del", "c": self.inlines(c)}),
            Inline::Link { dest, c, .. } => {
                json!({"t": "link", "url": self.resolve.link(dest), "c": self.inlines(c)})
            }
            Inline::Image { dest, alt, .. } => {
                json!({"t": "img", "src": self.resolve.image(dest), "alt": alt})
            }
            Inline::Break => json!({"t": "br"}),
            // The pack sets a footnote at its reference, as print does.
            Inline::Note(n) => match self.tree.notes.get(n - 1) {
                Some(note) if self.notes_open < NOTE_DEPTH => {
                    let deeper = Writer {
                        tree: self.tree,
                        resolve: self.resolve,
                        notes_open: self.notes_open + 1,
                    };
                    json!({"t": "fn", "c": deeper.blocks(note, false)})
                }
                _ => Value::from(""),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

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
        Value::Array(blocks(&tree, &Files))
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
