//! Minutes: whether they are approved, and which of their sections minute exempt items.
//!
//! A meeting's minutes are Markdown documents (`minutes.md`, or any document of kind
//! minutes in the meeting's folder) whose sections follow the agenda's numbers. The
//! minute of an exempt item is as exempt as the item, so the public minutes must leave it
//! out; this module finds it. It fails closed: in the minutes of a meeting with exempt
//! business, every top-level section must be numbered as an agenda item, once, and the
//! minute of each exempt item must be found by its number and carry its title. Anything
//! else stops the build, because a minute numbered out of step with the agenda would
//! otherwise be published as a public one.

use std::path::Path;

use super::raw::Kind;
use super::tree::{Block, Inline, Tree};
use super::{Approval, Body, Document, Item, Meeting, MinuteSection};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::SourceFile;

/// Resolves `approved_at:` and finds the exempt minutes in every set of minutes of a
/// committee. `sources` are the Markdown files of the committee, to find a heading's line.
pub fn resolve(
    meetings: &[Meeting],
    documents: &mut [Document],
    first: usize,
    sources: &[&SourceFile],
    diags: &mut Diagnostics,
) {
    for doc in documents[first..].iter_mut() {
        approval(doc, meetings, diags);
    }
    for doc in documents[first..].iter_mut() {
        let Some(m) = meetings.iter().find(|m| m.slug == doc.meeting) else {
            continue;
        };
        // The meeting's own minutes saved under another name without `kind: minutes`
        // are taken for minutes too, so that they are not published whole.
        let is_minutes =
            doc.kind == Kind::Minutes || m.minutes == Some(doc.id) || own_minutes_untyped(doc, m);
        if let Body::Markdown { tree, .. } = &doc.body
            && doc.kind == Kind::Minutes
        {
            doc.retitled_sections = retitled_sections(&m.items, tree);
        }
        if !is_minutes || !has_exempt(&m.items) {
            continue;
        }
        let source = sources.iter().find(|s| s.rel == doc.rel).copied();
        let (found, unplaced) = match &doc.body {
            Body::Markdown { tree, .. } if doc.kind == Kind::Minutes => {
                exempt_sections(&m.items, tree, &doc.rel, source, diags)
            }
            // A meeting's minutes.md laid out as something else has no sections to find
            // the exempt minute by.
            Body::Markdown { .. } => {
                diags.push(
                    Diagnostic::error(&doc.rel, None, format!("these minutes are kind: {}, but the meeting has exempt business", doc.kind.name()))
                        .code("minutes-out-of-step")
                        .hint("write kind: minutes, so that quire can find the minute of each exempt item and keep it out of the public minutes; if the paper is not minutes, write its kind (kind: report)"),
                );
                (Vec::new(), Vec::new())
            }
            Body::Pdf { .. } => (Vec::new(), Vec::new()),
        };
        doc.exempt_sections = found;
        doc.unplaced_exempt_minutes = unplaced;
    }
}

/// Whether a document without a kind is this meeting's minutes all the same: it has a
/// heading, or a line in bold, that holds the whole title of one of its exempt items
/// ("## 2 An individual placement", "## Item 2: An individual placement", "**2. An
/// individual placement**"), whatever its title calls it ("Notes of the meeting"); or
/// its title calls it minutes and names the meeting's date. Another body's minutes, put
/// before the meeting to be noted, do neither, and are left as they are.
fn own_minutes_untyped(doc: &Document, m: &Meeting) -> bool {
    let Body::Markdown { tree, .. } = &doc.body else {
        return false;
    };
    // A kind written out (`kind: report`) is the officer's word; an exempt paper is
    // withheld whole anyway.
    if doc.kind != Kind::Other || doc.exempt.is_some() {
        return false;
    }
    let mut every = Vec::new();
    all_items(&m.items, false, &mut every);
    let exempt: Vec<&Item> = (every.into_iter())
        .filter(|(_, own)| *own == Some(true))
        .map(|(i, _)| i)
        .collect();
    // However the minute is numbered or set out: the exempt item's whole title is enough.
    // (Asked of every untyped paper, so its headings are read only if there is a title.)
    if !exempt.is_empty()
        && (heading_lines(tree).iter()).any(|h| exempt.iter().any(|i| heads(h, i)))
    {
        return true;
    }
    titled_as_minutes(&doc.title) && super::misfiled::dates_in(&doc.title, m.date).contains(&m.date)
}

/// The headings of a document, and the paragraphs that are one run of bold text, which
/// officers also head minutes with.
fn heading_lines(tree: &Tree) -> Vec<String> {
    (tree.blocks.iter())
        .filter_map(|b| match b {
            Block::Heading { c, .. } => Some(super::tree::plain(c)),
            Block::Para { c, .. } => match c.as_slice() {
                [Inline::Strong(inner)] => Some(super::tree::plain(inner)),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// Whether a title calls its document minutes ("Minutes of the meeting held on …",
/// "Draft minutes").
pub fn titled_as_minutes(title: &str) -> bool {
    words(title).split(' ').any(|w| w == "minutes")
}

fn has_exempt(items: &[Item]) -> bool {
    items
        .iter()
        .any(|i| i.exempt.is_some() || has_exempt(&i.items))
}

/// Sets an approved document's meeting from `approved_at:`.
fn approval(doc: &mut Document, meetings: &[Meeting], diags: &mut Diagnostics) {
    let Some((written, line)) = doc.pending.approved_at.clone() else {
        return;
    };
    let slug = written.trim_start_matches("../").trim_end_matches('/');
    let own = meetings.iter().find(|m| m.slug == doc.meeting);
    // A meeting later the same day counts when both give their times (round 21).
    let after = |m: &Meeting, own: &Meeting| {
        m.date > own.date
            || (m.date == own.date && m.time.zip(own.time).is_some_and(|(a, b)| a > b))
    };
    match meetings.iter().find(|m| m.slug == slug) {
        Some(m) if own.is_some_and(|own| after(m, own)) => {
            if matches!(doc.approval, Some(Approval::Approved { .. })) {
                doc.approval = Some(Approval::Approved {
                    at: Some((m.slug.clone(), m.date)),
                });
            }
        }
        Some(_) => diags.push(
            Diagnostic::error(&doc.rel, line, format!("approved_at: {written} is not a meeting after the one these minutes record"))
                .code("minutes-approval")
                .hint("minutes are approved at a later meeting of the same committee: write that meeting's folder name, for example approved_at: 2021-09-24"),
        ),
        None => {
            let near = crate::text::did_you_mean(slug, meetings.iter().map(|m| m.slug.as_str()));
            diags.push(
                Diagnostic::error(&doc.rel, line, format!("approved_at: {written} is not a meeting of this committee"))
                    .code("minutes-approval")
                    .hint(match near {
                        Some(n) => format!("did you mean {n}? Write the folder name of the meeting that approved the minutes"),
                        None => "write the folder name of the later meeting that approved the minutes, for example approved_at: 2021-09-24".into(),
                    }),
            );
        }
    }
}

/// A numbered heading of minutes: its number, depth, words and the blocks it heads (to
/// the next heading of the same or a higher level).
struct Section {
    number: String,
    depth: u8,
    heading: String,
    blocks: std::ops::Range<usize>,
}

/// Every numbered heading. Top-level headings carry the number the tree gave them;
/// a lower heading counts only when it starts with a number of its own ("### 8b ...").
fn sections(tree: &Tree) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for (i, b) in tree.blocks.iter().enumerate() {
        let Block::Heading {
            depth, number, c, ..
        } = b
        else {
            continue;
        };
        let words = super::tree::plain(c);
        let (number, heading) = match number {
            Some(n) => (n.clone(), words),
            None => match super::tree::section_number(&words) {
                Some((n, rest)) => (n.to_string(), rest.to_string()),
                None => continue,
            },
        };
        let end = tree.blocks[i + 1..]
            .iter()
            .position(|b| matches!(b, Block::Heading { depth: d, .. } if d <= depth))
            .map_or(tree.blocks.len(), |p| i + 1 + p);
        out.push(Section {
            number: number.to_lowercase(),
            depth: *depth,
            heading,
            blocks: i..end,
        });
    }
    out
}

/// The headings of the minutes of items with a public title that hold the title it
/// hides: an item that is not exempt itself whose report is (a red-team session, 4
/// December 2026, published "Quokkaplex grievance appeal" so, a title too short for
/// the leak gate to look for), or an exempt one whose exemption lapses.
fn retitled_sections(items: &[Item], tree: &Tree) -> Vec<MinuteSection> {
    let mut every = Vec::new();
    all_items(items, false, &mut every);
    let sections = sections(tree);
    let mut out = Vec::new();
    for (item, _) in every {
        let Some(public) = &item.public_title else {
            continue;
        };
        let hidden = words(&item.title);
        if hidden.is_empty() || hidden == words(public) {
            continue;
        }
        // Under any number: minutes numbered in the council's running series (minute 44
        // for item 2, a red-team session found) name the item all the same.
        let named = (sections.iter()).filter(|s| words(&s.heading).contains(&hidden));
        out.extend(named.map(|s| MinuteSection {
            item: item.number.clone(),
            blocks: s.blocks.start..s.blocks.start + 1,
        }));
    }
    out
}

/// Lower-case words only, so that punctuation and case do not decide a match.
pub(super) fn words(s: &str) -> String {
    // "Land & buildings" is "land and buildings" however it is written.
    // A soft hyphen or a zero-width space pasted inside a word leaves it one word on
    // screen (a red-team session, 4 December 2026: "Quok\u{ad}kaplex" kept a heading
    // from being retitled).
    s.replace('&', " and ")
        .chars()
        .filter(|&c| !crate::text::invisible(c))
        .collect::<String>()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn same_matter(heading: &str, item: &Item) -> bool {
    let h = words(heading);
    let titles = std::iter::once(&item.title).chain(&item.public_title);
    titles
        .map(|t| words(t))
        .any(|t| !t.is_empty() && !h.is_empty() && (h == t || h.contains(&t) || t.contains(&h)))
}

/// Every item, with whether it is exempt on its own (`true`) or through a parent.
pub(super) fn all_items<'i>(
    items: &'i [Item],
    parent_exempt: bool,
    out: &mut Vec<(&'i Item, Option<bool>)>,
) {
    for i in items {
        let own = i.exempt.is_some();
        let exempt = match (own, parent_exempt) {
            (true, _) => Some(true),
            (false, true) => Some(false),
            (false, false) => None,
        };
        out.push((i, exempt));
        all_items(&i.items, own || parent_exempt, out);
    }
}

/// The line of the heading that reads `heading` in the minutes' source.
fn heading_line(source: Option<&SourceFile>, heading: &str) -> Option<usize> {
    let want = words(heading);
    source?
        .text
        .lines()
        .position(|l| l.trim_start().starts_with('#') && words(l).contains(&want))
        .map(|i| i + 1)
}

/// The minutes of the exempt items found, and the numbers of the items exempt on their
/// own whose minute was not found.
fn exempt_sections(
    items: &[Item],
    tree: &Tree,
    rel: &Path,
    source: Option<&SourceFile>,
    diags: &mut Diagnostics,
) -> (Vec<MinuteSection>, Vec<String>) {
    let mut every = Vec::new();
    all_items(items, false, &mut every);
    let sections = sections(tree);
    let at = |s: &Section| heading_line(source, &s.heading);
    let numbers: std::collections::HashSet<String> =
        every.iter().map(|(i, _)| i.number.to_lowercase()).collect();
    let mut seen = std::collections::HashSet::new();
    for s in sections.iter().filter(|s| s.depth == 1) {
        if !numbers.contains(&s.number) {
            diags.push(
                Diagnostic::error(rel, at(s), format!("minute {} (\"{}\") is not numbered as an item of the agenda, and the meeting has exempt business", s.number, s.heading))
                    .code("minutes-out-of-step")
                    .hint("head each minute with its agenda item's number and title; a heading inside a minute must be a lower level (### instead of ##), so that the minute of an exempt item cannot run on into a public one"),
            );
        } else if !seen.insert(s.number.clone()) {
            diags.push(
                Diagnostic::error(rel, at(s), format!("two minutes are numbered {}", s.number))
                    .code("minutes-out-of-step")
                    .hint("give each agenda item one minute; continue a minute under a lower heading (###) rather than a second heading with the same number"),
            );
        }
    }
    let mut found = Vec::new();
    let mut unplaced = Vec::new();
    for &(item, exempt) in &every {
        let Some(own) = exempt else { continue };
        let number = item.number.to_lowercase();
        let mine: Vec<&Section> = sections.iter().filter(|s| s.number == number).collect();
        for s in &mine {
            if !same_matter(&s.heading, item) {
                diags.push(
                    Diagnostic::error(rel, at(s), format!("minute {} is headed \"{}\", but item {} on the agenda is the exempt item \"{}\"", s.number, s.heading, item.number, item.title))
                        .code("minutes-out-of-step")
                        .hint(format!("number each minute as its agenda item: head the minute of the exempt item \"## {} {}\", so that quire can keep it out of the public minutes", item.number, item.title)),
                );
            }
            check_contents(&tree.blocks[s.blocks.clone()], item, rel, at(s), diags);
            found.push(MinuteSection {
                item: item.number.clone(),
                blocks: s.blocks.clone(),
            });
        }
        // An item exempt on its own must have its minute found; one exempt through its
        // parent may be minuted inside the parent's. If it is not found, its minute may be
        // anywhere: the public site leaves these minutes out while the exemption holds.
        if mine.is_empty() && own {
            diags.push(
                Diagnostic::warning(rel, None, format!("the minutes have no minute numbered {} for the exempt item \"{}\", so the public site leaves these minutes out while it is exempt", item.number, item.title))
                    .code("exempt-minute-not-found")
                    .hint(format!("head its minute \"## {} {}\" (even if it only records that the item was withdrawn), so that quire can keep just that minute out of the public minutes; number the other minutes as the agenda too", item.number, item.title)),
            );
            unplaced.push(item.number.clone());
        }
        // The same matter under another number would be published as a public minute.
        for s in sections
            .iter()
            .filter(|s| s.number != number && same_matter(&s.heading, item))
        {
            diags.push(
                Diagnostic::error(rel, at(s), format!("minute {} (\"{}\") looks like the minute of exempt item {}", s.number, s.heading, item.number))
                    .code("minutes-out-of-step")
                    .hint(format!("number the minute {} as on the agenda (\"## {} {}\"), so that it is kept out of the public minutes", item.number, item.number, s.heading)),
            );
        }
    }
    check_ends(&found, &sections, (items, &every), tree, rel, source, diags);
    check_definitions(tree, rel, source, diags);
    (found, unplaced)
}

/// A footnote's text (`[^1]: ...`) and a link's address by label (`[1]: address`) apply
/// to the whole file, wherever they are written, and the first of two with one label
/// wins. Written inside an exempt minute, either would be shown by a public minute
/// that uses its label, and neither is a block of the minute that the public edition
/// leaves out. So the minutes of a meeting with exempt business use neither.
fn check_definitions(
    tree: &Tree,
    rel: &Path,
    source: Option<&SourceFile>,
    diags: &mut Diagnostics,
) {
    let defined = source.is_some_and(|s| {
        let mut parser = pulldown_cmark::Parser::new_ext(&s.text, super::tree::options());
        let links = parser.reference_definitions().iter().next().is_some();
        links
            || parser.any(|e| {
                matches!(
                    e,
                    pulldown_cmark::Event::Start(pulldown_cmark::Tag::FootnoteDefinition(_))
                )
            })
    });
    if defined || !tree.notes.is_empty() {
        diags.push(
            Diagnostic::error(rel, None, "these minutes define a footnote or a link by a label ([^1]: ... or [1]: ...), and the meeting has exempt business")
                .code("exempt-minute-attachment")
                .hint("write each link in place, [words](address), and each note as words in its own minute: a definition applies to the whole file, so one written in an exempt minute could be shown in a public one"),
        );
    }
}

/// An exempt minute runs to the next heading of its own level or higher, so that heading
/// decides what is withheld. It must be the minute of another agenda item: its number on
/// the agenda, and that item's whole title. Any other heading there (a `## Decision` at
/// the minute's own level, a heading numbered by quire's count rather than by the
/// officer that happens to match an unminuted item, or a document title `#` above the
/// minutes that makes every minute one level deeper) would end the withheld minute
/// early and publish the rest of it, so it stops the build. Headings one level lower
/// stay inside the minute.
///
/// Every exempt minute is checked, a sub-item's too, wherever it stands: a sub-item's
/// minute inside its parent's is published on its own once the parent's exemption
/// lapses, if the sub-item is exempt for longer; and one headed at its parent's level
/// (`## 2b ...`) is not inside the parent's minute at all.
fn check_ends(
    found: &[MinuteSection],
    sections: &[Section],
    (items, every): (&[Item], &[(&Item, Option<bool>)]),
    tree: &Tree,
    rel: &Path,
    source: Option<&SourceFile>,
    diags: &mut Diagnostics,
) {
    let mut checked = std::collections::HashSet::new();
    for m in found {
        let end = m.blocks.end;
        let Some(Block::Heading { c, .. }) = tree.blocks.get(end) else {
            continue;
        };
        let next = sections.iter().find(|s| s.blocks.start == end);
        // A sub-item's minute (`## 2a ...` after `## 2 ...`) is withheld at least as long
        // as its parent's, and its own end is checked in turn: its number is enough.
        let inner = inside(items, &m.item);
        let minutes_an_item = next.is_some_and(|s| {
            inner.contains(&s.number)
                || (every.iter()).any(|(item, _)| {
                    item.number.to_lowercase() == s.number && heads(&s.heading, item)
                })
        });
        if minutes_an_item || !checked.insert(end) {
            continue;
        }
        // As the officer wrote it: a number quire counted is not in the text.
        let heading = super::tree::plain(c);
        diags.push(
            Diagnostic::error(rel, heading_line(source, &heading), format!("the minute of exempt item {} ends at the heading \"{heading}\", which is not the minute of another agenda item, so the rest of the exempt minute would be published", m.item))
                .code("minutes-out-of-step")
                .hint("write a heading inside a minute one level lower than the minute's own heading (### Decision under ## 2 ...), and head the next minute with its agenda item's number and whole title as the agenda gives them; if the minutes start with a # title, remove it (the title: line gives the page its title)"),
        );
    }
}

/// The numbers (lower case) of every item inside the item numbered `number`, at any depth.
fn inside(items: &[Item], number: &str) -> std::collections::HashSet<String> {
    fn all(items: &[Item], out: &mut std::collections::HashSet<String>) {
        for i in items {
            out.insert(i.number.to_lowercase());
            all(&i.items, out);
        }
    }
    let mut out = std::collections::HashSet::new();
    let mut stack: Vec<&Item> = items.iter().collect();
    while let Some(i) = stack.pop() {
        if i.number.eq_ignore_ascii_case(number) {
            all(&i.items, &mut out);
        }
        stack.extend(&i.items);
    }
    out
}

/// Whether a heading holds an item's whole title (or public title), word for word. Not
/// [`same_matter`]'s test, which also takes a heading that is a part of the title: a
/// `## Decision` would then head an item called "Decisions taken under delegated
/// powers", and end an exempt minute before it.
fn heads(heading: &str, item: &Item) -> bool {
    let h = format!(" {} ", words(heading));
    std::iter::once(&item.title)
        .chain(&item.public_title)
        .map(|t| words(t))
        .any(|t| !t.is_empty() && h.contains(&format!(" {t} ")))
}

/// A withheld minute is left out of the public minutes block by block; a footnote or a
/// file it shows lives elsewhere in the document or the site, so it is refused.
fn check_contents(
    blocks: &[Block],
    item: &Item,
    rel: &Path,
    line: Option<usize>,
    diags: &mut Diagnostics,
) {
    let mut bad = None;
    super::tree::visit_inlines(blocks, &mut |i| match i {
        Inline::Note(_) => bad = bad.or(Some("a footnote")),
        Inline::Image { .. } => bad = bad.or(Some("an image")),
        Inline::Link {
            dest: super::links::Dest::Local { target, .. },
            ..
        } if target.extension().is_none_or(|e| e != "md") => bad = bad.or(Some("a link to a file")),
        _ => {}
    });
    if blocks.iter().any(|b| matches!(b, Block::Figure { .. })) {
        bad = bad.or(Some("an image"));
    }
    if let Some(what) = bad {
        diags.push(
            Diagnostic::error(rel, line, format!("the minute of exempt item {} has {what}", item.number))
                .code("exempt-minute-attachment")
                .hint("the minute of an exempt item is words only: put figures, notes and files in the exempt report itself"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_ignore_case_and_punctuation() {
        assert_eq!(words("Children's Home: (exempt)"), "children s home exempt");
        assert_eq!(
            words("Quok\u{ad}kaplex gr\u{200b}ievance"),
            "quokkaplex grievance"
        );
    }
}
