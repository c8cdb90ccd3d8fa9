//! Whether each agenda pack can be laid out: an estimate made before any layout starts.
//!
//! typst holds a whole pack in memory while it lays it out, about 1 MB for every page of
//! a report's text, and more for footnotes, tables and short paragraphs. A 10 MB report
//! took 4.4 GB, a 50 MB one 21 GB. So the model estimates what each pack would take from
//! the trees it already has, and a document or meeting over [`MAX_PAGES`] is an error
//! that names the file, instead of a build that exhausts the machine.
//!
//! The costs are bytes of typst's peak memory, fitted to packs of the default theme and
//! erring on the side of too much. Measured peak (estimate) for one pack of each:
//!
//! | content | pages | peak | estimate, about |
//! | --- | --- | --- | --- |
//! | 1 MB report, 7,000 paragraphs | 434 | 458 MB | 504 MB |
//! | 1 MB of 3-word paragraphs (50,000) | 1,212 | 927 MB | 1,005 MB |
//! | 1 MB report, a footnote in every paragraph | 724 | 995 MB | 1,080 MB |
//! | 0.5 MB table (57,000 cells) | 334 | 621 MB | 661 MB |
//! | 1 MB list (22,000 items) | 466 | 549 MB | 692 MB |
//! | 40,000 agenda items, titles only | | 1,497 MB | 1,480 MB |
//! | 10,000 agenda items with a body each | | 903 MB | 1,070 MB |
//! | 5,190 pages of PDF appendices | 5,186 | 435 MB | 519 MB |

use std::collections::{HashMap, HashSet};

use super::tree::{Block, Inline, NOTE_DEPTH, Tree};
use super::{Body, DocId, Document, Item, Library};
use crate::diag::{Diagnostic, Diagnostics};

/// Each character printed: its glyph, shaped and placed, kept by layout and its caches.
const CHAR: u64 = 450;
/// Each paragraph, heading, list item, figure or other block: its frames and tags.
const BLOCK: u64 = 12_000;
/// Each table cell, measured and laid out by the table.
const CELL: u64 = 8_000;
/// Each footnote reference: the pack sets the note's text at every reference.
const FOOTNOTE: u64 = 75_000;
/// Each entry of the front sheet's agenda: its block, number and title.
const ITEM: u64 = 25_000;
/// Each page of a PDF appendix, embedded as it is.
const PDF_PAGE: u64 = 100_000;

/// What one printed page of a report's plain text costs, to say sizes in pages.
pub const PAGE: u64 = 1_200_000;
/// The most a pack may hold, in pages of plain text: about 1.4 GB of layout, which two
/// packs laid out at once on two cores can afford.
pub const MAX_PAGES: u64 = 1_200;

/// The estimated layout cost of a tree, in bytes.
pub fn tree(t: &Tree) -> u64 {
    let mut w = Weigher {
        tree: t,
        notes: HashMap::new(),
    };
    w.blocks(&t.blocks, 0)
}

/// The estimated layout cost of a line of text, such as a title.
pub fn text(s: &str) -> u64 {
    (s.chars().count() as u64).saturating_mul(CHAR)
}

/// An estimated cost as pages of plain text, rounded up.
pub fn pages(cost: u64) -> u64 {
    cost.div_ceil(PAGE)
}

/// Whether a pack of this cost can be laid out.
pub fn fits(cost: u64) -> bool {
    pages(cost) <= MAX_PAGES
}

/// Walks a tree as `render::pdf::content` writes it: a footnote's text at each of its
/// references, notes within notes [`NOTE_DEPTH`] deep. Each note's cost is reckoned once
/// per depth, so a note that cites itself costs a lookup, not an explosion.
struct Weigher<'t> {
    tree: &'t Tree,
    /// (note number, notes open) → cost of the note's text.
    notes: HashMap<(usize, u8), u64>,
}

impl Weigher<'_> {
    fn blocks(&mut self, bs: &[Block], open: u8) -> u64 {
        bs.iter()
            .fold(0u64, |sum, b| sum.saturating_add(self.block(b, open)))
    }

    fn block(&mut self, b: &Block, open: u8) -> u64 {
        let own = match b {
            Block::Para { c, .. } | Block::Heading { c, .. } => self.inlines(c, open),
            Block::Figure { alt, .. } => text(alt),
            Block::List { items, .. } => items.iter().fold(0u64, |sum, item| {
                sum.saturating_add(self.blocks(item, open))
            }),
            Block::Quote(inner) => self.blocks(inner, open),
            Block::Code { text: t, .. } => text(t),
            Block::Table { head, rows, .. } => {
                head.iter()
                    .chain(rows.iter().flatten())
                    .fold(0u64, |sum, cell| {
                        sum.saturating_add(CELL)
                            .saturating_add(self.inlines(cell, open))
                    })
            }
            Block::Rule => 0,
        };
        own.saturating_add(BLOCK)
    }

    fn inlines(&mut self, c: &[Inline], open: u8) -> u64 {
        c.iter()
            .fold(0u64, |sum, i| sum.saturating_add(self.inline(i, open)))
    }

    fn inline(&mut self, i: &Inline, open: u8) -> u64 {
        match i {
            Inline::Text(t) | Inline::Code(t) => text(t),
            Inline::Em(c) | Inline::Strong(c) | Inline::Del(c) | Inline::Link { c, .. } => {
                self.inlines(c, open)
            }
            Inline::Image { alt, .. } => text(alt).saturating_add(BLOCK),
            Inline::Break => 0,
            Inline::Note(n) if open < NOTE_DEPTH => FOOTNOTE.saturating_add(self.note(*n, open)),
            Inline::Note(_) => 0,
        }
    }

    fn note(&mut self, n: usize, open: u8) -> u64 {
        if let Some(&cost) = self.notes.get(&(n, open)) {
            return cost;
        }
        let tree = self.tree;
        let cost = match n.checked_sub(1).and_then(|i| tree.notes.get(i)) {
            Some(blocks) => self.blocks(blocks, open + 1),
            None => 0,
        };
        self.notes.insert((n, open), cost);
        cost
    }
}

/// The cost of a document in a pack.
fn document(d: &Document) -> u64 {
    let body = match &d.body {
        Body::Markdown { tree: t, .. } => tree(t),
        Body::Pdf { pages, .. } => (*pages as u64).saturating_mul(PDF_PAGE),
    };
    body.saturating_add(text(&d.title)).saturating_add(BLOCK)
}

/// Reports every document too long for any pack, and every meeting whose pack would be
/// too long, before a pack is laid out.
pub fn check(lib: &Library, diags: &mut Diagnostics) {
    let mut costs: HashMap<DocId, u64> = HashMap::new();
    let mut reported: HashSet<DocId> = HashSet::new();
    for c in &lib.committees {
        for m in &c.meetings {
            let mut pack = Pack {
                lib,
                costs: &mut costs,
                reported: &mut reported,
                too_long: false,
                diags,
            };
            let cost = pack.items(&m.items);
            if !pack.too_long && !fits(cost) {
                diags.push(meeting_too_long(&c.slug, &m.slug, cost));
            }
        }
    }
}

/// One meeting's pack being added up.
struct Pack<'a> {
    lib: &'a Library,
    costs: &'a mut HashMap<DocId, u64>,
    reported: &'a mut HashSet<DocId>,
    /// Whether one of its documents is too long on its own (said once, for that file).
    too_long: bool,
    diags: &'a mut Diagnostics,
}

impl Pack<'_> {
    /// The front sheet's entries and the documents of `items` and their sub-items.
    fn items(&mut self, items: &[Item]) -> u64 {
        let mut sum = 0u64;
        for item in items {
            sum = sum
                .saturating_add(ITEM)
                .saturating_add(text(&item.title))
                .saturating_add(item.body.as_ref().map_or(0, tree));
            for &d in &item.documents {
                sum = sum.saturating_add(self.document(d));
            }
            sum = sum.saturating_add(self.items(&item.items));
        }
        sum
    }

    fn document(&mut self, id: DocId) -> u64 {
        let doc = &self.lib.documents[id];
        let cost = *self.costs.entry(id).or_insert_with(|| document(doc));
        if !fits(cost) {
            self.too_long = true;
            if self.reported.insert(id) {
                self.diags.push(document_too_long(doc, cost));
            }
        }
        cost
    }
}

fn document_too_long(doc: &Document, cost: u64) -> Diagnostic {
    let (file, what) = match &doc.body {
        Body::Markdown { .. } => (doc.rel.clone(), "this document".to_string()),
        Body::Pdf { .. } => (
            doc.rel.clone(),
            format!("the PDF appendix \"{}\"", doc.slug),
        ),
    };
    Diagnostic::error(
        file,
        None,
        format!(
            "{what} is too long to lay out in an agenda pack: it comes to about {} pages, and a pack holds at most {}",
            group(pages(cost)),
            group(MAX_PAGES)
        ),
    )
    .code("pack-too-large")
    .hint(match doc.body {
        Body::Markdown { .. } => "split it into shorter documents for different meetings, or attach the long part as a PDF appendix ({ file: files/name.pdf, title: ... }), which costs far less to lay out",
        Body::Pdf { .. } => "split the PDF into parts and list them at different meetings",
    })
}

fn meeting_too_long(committee: &str, meeting: &str, cost: u64) -> Diagnostic {
    Diagnostic::error(
        crate::layout::meeting_file(committee, meeting),
        None,
        format!(
            "this meeting's agenda pack is too long to lay out: its items and documents come to about {} pages, and a pack holds at most {}",
            group(pages(cost)),
            group(MAX_PAGES)
        ),
    )
    .code("pack-too-large")
    .hint("move some documents to another meeting, or attach the long ones as PDF appendices ({ file: files/name.pdf, title: ... }), which cost far less to lay out")
}

/// 4300 → "4,300".
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::model::Kind;
    use crate::model::tree::{Source, parse};

    fn weigh(md: &str) -> u64 {
        let text = crate::model::comments::strip(md).unwrap();
        let src = Source {
            dir: Path::new("committees/c/m"),
            first_line: 1,
            rel: Path::new("d.md"),
        };
        let (t, _) = parse(&text, Kind::Report, &src, &mut Diagnostics::default());
        tree(&t)
    }

    #[test]
    fn text_costs_by_the_character_and_blocks_by_the_block() {
        assert_eq!(weigh(""), 0);
        assert_eq!(weigh("Hello."), 6 * CHAR + BLOCK);
        assert_eq!(weigh("One.\n\nTwo."), 2 * (4 * CHAR + BLOCK));
        // Markup and link targets are not printed.
        assert_eq!(
            weigh("**One** [two](https://x.example/long/address)"),
            weigh("One two")
        );
        assert_eq!(
            weigh("| A | B |\n|---|---|\n| c | d |"),
            BLOCK + 4 * (CELL + CHAR)
        );
        // Accented letters are one glyph each, whatever their bytes.
        assert_eq!(weigh("é"), CHAR + BLOCK);
    }

    #[test]
    fn a_footnote_costs_its_text_at_every_reference() {
        let once = weigh("A[^n].\n\n[^n]: The note.");
        let twice = weigh("A[^n] and[^n].\n\n[^n]: The note.");
        let note = FOOTNOTE + 9 * CHAR + BLOCK;
        assert_eq!(twice - once, 4 * CHAR + note);
    }

    #[test]
    fn notes_that_cite_themselves_cost_a_bounded_amount_quickly() {
        // Each of 200 references sets the note again, four deep: 200^4 copies in all.
        let refs = "[^a] ".repeat(200);
        let md = format!("Start[^a].\n\n[^a]: Again {refs}\n");
        let cost = weigh(&md);
        assert!(!fits(cost), "{cost}");
    }

    #[test]
    fn sizes_are_said_in_pages_of_plain_text() {
        assert_eq!(pages(0), 0);
        assert_eq!(pages(1), 1);
        assert_eq!(pages(PAGE * 3), 3);
        assert!(fits(PAGE * MAX_PAGES));
        assert!(!fits(PAGE * MAX_PAGES + 1));
        assert!(!fits(u64::MAX));
        assert_eq!(group(4300), "4,300");
        assert_eq!(group(1_234_567), "1,234,567");
        assert_eq!(group(12), "12");
    }
}
