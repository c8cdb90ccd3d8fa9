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
    let mut places = Places {
        lines,
        files: HashMap::new(),
    };
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
            places: &mut places,
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
    // Headings come in order, so each line is counted on from the one before.
    let (mut at, mut line) = (0, 1);
    for (event, range) in
        Parser::new_ext(&text[body_start..], crate::model::tree::options()).into_offset_iter()
    {
        if let Event::Start(Tag::Heading { level, .. }) = event {
            let level = level as u8;
            if last > 0 && level > last + 1 {
                let offset = (body_start + range.start).max(at);
                line += text[at..offset].bytes().filter(|&b| b == b'\n').count();
                at = offset;
                diags.push(
                    Diagnostic::warning(
                        file,
                        Some(line),
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

/// Where passages of parsed text were written, for the lines of warnings. A report of
/// thousands of paragraphs can have thousands of warnings, and searching the file from the
/// top for each one took time in proportion to the file every time; here each file's
/// words are read once, and each passage is found by a lookup.
struct Places<'l> {
    lines: &'l mut Lines,
    /// Each file's words, `None` if it cannot be read.
    files: HashMap<std::path::PathBuf, Option<Passages>>,
}

impl Places<'_> {
    /// The line, at or after line `from`, where `words` start in `file`: the answer
    /// [`Lines::find`] gives.
    fn find(&mut self, file: &Path, from: Option<usize>, words: &str) -> Option<usize> {
        let normal = crate::gate::words::normal(words);
        // The first few words are enough to find a paragraph, and survive markup.
        let head: Vec<u64> = normal.split_whitespace().take(6).map(word_hash).collect();
        if head.is_empty() {
            return from;
        }
        let lines = &mut *self.lines;
        let passages = self
            .files
            .entry(file.to_path_buf())
            .or_insert_with(|| lines.text(file).map(Passages::new))
            .as_mut()?;
        passages.find(from, &head).or(from)
    }
}

/// A file's words in the gate's normal form, with the line of each, and where each run of
/// words starts, by its hash, for each length of run asked about.
struct Passages {
    words: Vec<u64>,
    lines: Vec<usize>,
    /// Run length → (run hash, where the run starts) for every run, sorted.
    runs: HashMap<usize, Vec<(u64, usize)>>,
}

impl Passages {
    fn new(text: &str) -> Passages {
        let mut words = Vec::new();
        let mut lines = Vec::new();
        // A line break separates words, so each line's words are its own.
        for (i, line) in text.lines().enumerate() {
            for w in crate::gate::words::normal(line).split_whitespace() {
                words.push(word_hash(w));
                lines.push(i + 1);
            }
        }
        Passages {
            words,
            lines,
            runs: HashMap::new(),
        }
    }

    /// The line of the first run of words `want` that starts at or after line `from`.
    fn find(&mut self, from: Option<usize>, want: &[u64]) -> Option<usize> {
        let first = self.lines.partition_point(|&l| l < from.unwrap_or(1));
        let words = &self.words;
        let runs = self
            .runs
            .entry(want.len())
            .or_insert_with(|| index_runs(words, want.len()));
        let key = run_hash(want);
        let after = runs.partition_point(|&run| run < (key, first));
        runs[after..]
            .iter()
            .take_while(|&&(hash, _)| hash == key)
            .find(|&&(_, s)| words.get(s..s + want.len()) == Some(want))
            .map(|&(_, s)| self.lines[s])
    }
}

/// Every run of `len` words, by its hash and then where it starts.
fn index_runs(words: &[u64], len: usize) -> Vec<(u64, usize)> {
    let mut runs: Vec<(u64, usize)> = words
        .windows(len)
        .enumerate()
        .map(|(start, run)| (run_hash(run), start))
        .collect();
    runs.sort_unstable();
    runs
}

fn word_hash(w: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    w.hash(&mut h);
    h.finish()
}

fn run_hash(run: &[u64]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    run.hash(&mut h);
    h.finish()
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

struct Writer<'a, 'b> {
    file: &'a Path,
    /// The line the text starts at (an item's body), if not the file's start.
    from: Option<usize>,
    places: &'a mut Places<'b>,
    diags: &'a mut Diagnostics,
    /// The ids of this text's own headings.
    own: HashSet<&'a str>,
    /// The ids of every document's headings.
    anchors: &'a HashMap<&'a Path, HashSet<&'a str>>,
}

impl Writer<'_, '_> {
    fn tree(&mut self, tree: &Tree) {
        for b in &tree.blocks {
            self.block(b);
        }
    }

    fn warn(&mut self, near: &str, code: &'static str, message: String, hint: &str) {
        let line = self.places.find(self.file, self.from, near);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What `Lines::find` answers, searching the text from line `from` each time.
    fn searched(text: &str, from: Option<usize>, words: &str) -> Option<usize> {
        let normal = crate::gate::words::normal(words);
        let head: Vec<&str> = normal.split_whitespace().take(6).collect();
        if head.is_empty() {
            return from;
        }
        let head = format!(" {} ", head.join(" "));
        crate::diag::line_of_words(text, &head, from).or(from)
    }

    #[test]
    fn passages_are_found_where_searching_finds_them() {
        let text = "---\ntitle: T\n---\n\nClick here.\n\nThe COUNCIL'S\nplan, **here**: click\nhere.\r\n\nCafé ﬁnal here\n";
        let mut p = Passages::new(text);
        for from in [None, Some(1), Some(5), Some(6), Some(8), Some(11), Some(40)] {
            for near in [
                "click here",
                "here",
                "the council's plan",
                "cafe final",
                "not there",
                "",
                "final here click",
            ] {
                let head: Vec<u64> = crate::gate::words::normal(near)
                    .split_whitespace()
                    .take(6)
                    .map(word_hash)
                    .collect();
                let found = if head.is_empty() {
                    from
                } else {
                    p.find(from, &head).or(from)
                };
                assert_eq!(found, searched(text, from, near), "{near:?} from {from:?}");
            }
        }
    }
}
