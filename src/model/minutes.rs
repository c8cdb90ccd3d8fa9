//! Minutes: whether they are approved, and which of their sections minute exempt items.
//!
//! A meeting's minutes are one Markdown document whose top-level sections follow the
//! agenda's numbers. The minute of an exempt item is as exempt as the item, so the public
//! minutes must leave it out; this module finds it. It finds it by number and then checks
//! the heading against the item's title, because a section numbered differently from the
//! agenda would otherwise publish one item's confidential minute under another's number.

use std::path::Path;

use super::tree::{Block, Inline, Tree};
use super::{Approval, Body, Document, Item, Meeting, MinuteSection};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::SourceFile;

/// Resolves `approved_at:` and finds the exempt minutes of every meeting of a committee.
/// `sources` are the Markdown files of the committee, to find a heading's line.
pub fn resolve(
    meetings: &mut [Meeting],
    documents: &mut [Document],
    first: usize,
    sources: &[&SourceFile],
    diags: &mut Diagnostics,
) {
    for doc in documents[first..].iter_mut() {
        approval(doc, meetings, diags);
    }
    for m in meetings.iter_mut() {
        let Some(id) = m.minutes else { continue };
        let doc = &documents[id.0];
        let Body::Markdown { tree, .. } = &doc.body else {
            continue;
        };
        let source = sources.iter().find(|s| s.rel == doc.rel).copied();
        let found = exempt_sections(&m.items, tree, &doc.rel, source, diags);
        m.exempt_minutes = found;
    }
}

/// Sets an approved document's meeting from `approved_at:`.
fn approval(doc: &mut Document, meetings: &[Meeting], diags: &mut Diagnostics) {
    let Some((written, line)) = doc.pending.approved_at.clone() else {
        return;
    };
    let slug = written.trim_start_matches("../").trim_end_matches('/');
    let own = meetings
        .iter()
        .find(|m| m.slug == doc.meeting)
        .map(|m| m.date);
    match meetings.iter().find(|m| m.slug == slug) {
        Some(m) if own.is_some_and(|own| m.date > own) => {
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

/// A top-level section of minutes: its number, heading words and blocks.
struct Section {
    number: String,
    heading: String,
    blocks: std::ops::Range<usize>,
}

fn sections(tree: &Tree) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for (i, b) in tree.blocks.iter().enumerate() {
        if let Block::Heading {
            depth: 1,
            number: Some(n),
            c,
            ..
        } = b
        {
            if let Some(last) = out.last_mut() {
                last.blocks.end = i;
            }
            out.push(Section {
                number: n.clone(),
                heading: super::tree::plain(c),
                blocks: i..tree.blocks.len(),
            });
        }
    }
    out
}

/// Lower-case words only, so that punctuation and case do not decide a match.
fn words(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn same_matter(heading: &str, item: &Item) -> bool {
    let h = words(heading);
    let titles = std::iter::once(&item.title).chain(&item.public_title);
    titles
        .map(|t| words(t))
        .any(|t| !t.is_empty() && !h.is_empty() && (h == t || h.contains(&t) || t.contains(&h)))
}

fn exempt_items<'i>(items: &'i [Item], out: &mut Vec<&'i Item>) {
    for i in items {
        if i.exempt.is_some() {
            out.push(i);
        }
        exempt_items(&i.items, out);
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

fn exempt_sections(
    items: &[Item],
    tree: &Tree,
    rel: &Path,
    source: Option<&SourceFile>,
    diags: &mut Diagnostics,
) -> Vec<MinuteSection> {
    let mut exempt = Vec::new();
    exempt_items(items, &mut exempt);
    if exempt.is_empty() {
        return Vec::new();
    }
    let sections = sections(tree);
    let mut found = Vec::new();
    for item in exempt {
        let by_number = sections.iter().find(|s| s.number == item.number);
        match by_number {
            Some(s) if same_matter(&s.heading, item) => {
                check_contents(&tree.blocks[s.blocks.clone()], item, rel, heading_line(source, &s.heading), diags);
                found.push(MinuteSection {
                    item: item.number.clone(),
                    blocks: s.blocks.clone(),
                });
            }
            Some(s) => diags.push(
                Diagnostic::error(rel, heading_line(source, &s.heading), format!("minute {} is headed \"{}\", but item {} on the agenda is the exempt item \"{}\"", s.number, s.heading, item.number, item.title))
                    .code("minutes-out-of-step")
                    .hint(format!("number each minute as its agenda item: head the minute of the exempt item \"## {} {}\", so that quire can keep it out of the public minutes", item.number, item.title)),
            ),
            None => {}
        }
        // The same matter under another number would be published as a public minute.
        for s in sections
            .iter()
            .filter(|s| s.number != item.number && same_matter(&s.heading, item))
        {
            diags.push(
                Diagnostic::error(rel, heading_line(source, &s.heading), format!("minute {} (\"{}\") looks like the minute of exempt item {}", s.number, s.heading, item.number))
                    .code("minutes-out-of-step")
                    .hint(format!("number the minute {} as on the agenda (\"## {} {}\"), so that it is kept out of the public minutes", item.number, item.number, s.heading)),
            );
        }
    }
    found
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
    }
}
