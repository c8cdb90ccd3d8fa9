//! How each meeting is conducted and recorded: the exclusion resolution before exempt
//! business, public interest statements, a status that fits the date, minutes that are
//! due or do not match the agenda, and reports missing their standard sections.

use std::collections::BTreeSet;
use std::path::Path;

use time::Date;

use super::Lines;
use crate::diag::{Diagnostic, Diagnostics};
use crate::layout::meeting_file;
use crate::model::schedule12a::Jurisdiction;
use crate::model::tree::{Block, plain};
use crate::model::{Body, Exemption, Item, Kind, Library, Meeting, Status};

/// Minutes are due this many days after a meeting (a common council standard).
pub const MINUTES_DUE_DAYS: i64 = 28;

pub fn check(lib: &Library, as_of: Date, lines: &mut Lines, diags: &mut Diagnostics) {
    for c in &lib.committees {
        for m in &c.meetings {
            let file = meeting_file(&c.slug, &m.slug);
            status(m, as_of, &file, lines, diags);
            if m.status == Status::Cancelled {
                continue;
            }
            exclusion(m, &file, diags);
            for item in &m.items {
                statements(lib, item, &file, diags);
            }
            minutes_match(lib, m, diags);
        }
    }
    for d in lib.documents.iter().filter(|d| d.kind == Kind::Report) {
        if let Body::Markdown { tree, .. } = &d.body {
            report_sections(&d.rel, tree, d.background.is_some(), diags);
        }
    }
}

/// A meeting's status must fit its date.
fn status(m: &Meeting, as_of: Date, file: &Path, lines: &mut Lines, diags: &mut Diagnostics) {
    let line = lines.key(file, None, "status:");
    let finding = match m.status {
        Status::Held if m.date > as_of => Some((
            "held-in-future",
            "status: held, but the meeting is in the future",
            "write status: scheduled until the meeting has taken place",
        )),
        Status::Scheduled if m.date < as_of => Some((
            "scheduled-in-past",
            "status: scheduled, but the meeting date has passed",
            "write status: held (or cancelled or postponed), and add the attendance and minutes",
        )),
        Status::Held
            if m.minutes.is_none() && (as_of - m.date).whole_days() >= MINUTES_DUE_DAYS =>
        {
            Some((
                "minutes-due",
                "the meeting was held more than 28 days ago and has no minutes",
                "add minutes.md to the meeting's folder, with status: draft until approved_at: names the meeting that approved them",
            ))
        }
        _ => None,
    };
    if let Some((code, message, hint)) = finding {
        diags.push(
            Diagnostic::warning(file, line, message)
                .code(code)
                .hint(hint),
        );
    }
}

/// Exempt business is taken after a resolution to exclude the press and public.
fn exclusion(m: &Meeting, file: &Path, diags: &mut Diagnostics) {
    let mut excluded = false;
    for item in &m.items {
        let title = item.title.to_lowercase();
        if title.contains("exclusion of") && title.contains("public") {
            excluded = true;
        }
        if item.exempt.is_some() && !excluded {
            diags.push(
                Diagnostic::warning(file, item.line, format!("item {} is exempt, but no \"Exclusion of the press and public\" item comes before it", item.number))
                    .code("no-exclusion-item")
                    // The line is the exempt item's title, which may be withheld.
                    .secret()
                    .hint("add an item before the exempt business, for example: - title: Exclusion of the press and public, with the resolution in its body"),
            );
            // One warning per meeting is enough.
            return;
        }
    }
}

/// Every exemption records why the public interest favours withholding (a public
/// interest statement), except where the law needs none: paragraph 16 in Wales.
fn statements(lib: &Library, item: &Item, file: &Path, diags: &mut Diagnostics) {
    let needs = |e: &Exemption| {
        e.reason.is_none()
            && !(lib.config.jurisdiction == Jurisdiction::Wales
                && e.paragraphs.iter().all(|&p| p == 16))
    };
    if let Some(e) = &item.exempt
        && needs(e)
    {
        diags.push(statement_missing(
            file,
            e.line.or(item.line),
            &format!("item {}", item.number),
        ));
    }
    for &d in &item.documents {
        let doc = &lib.documents[d];
        if let Some(e) = &doc.exempt
            && needs(e)
        {
            diags.push(statement_missing(
                &doc.rel,
                e.line,
                &format!("\"{}\"", doc.title),
            ));
        }
    }
    for sub in &item.items {
        statements(lib, sub, file, diags);
    }
}

fn statement_missing(file: &Path, line: Option<usize>, what: &str) -> Diagnostic {
    Diagnostic::warning(file, line, format!("the exemption of {what} has no public interest statement"))
        .code("no-public-interest-statement")
        .secret()
        .hint("write exempt: { paragraphs: [3], reason: \"...\" }, saying why the public interest in keeping it private outweighs the interest in publishing it; only members read it")
}

/// The minutes' sections should be the agenda's items, no more and no fewer: each
/// top-level heading of the minutes is matched to an item by its title.
fn minutes_match(lib: &Library, m: &Meeting, diags: &mut Diagnostics) {
    let Some(doc) = m.minutes.map(|d| &lib.documents[d]) else {
        return;
    };
    let Body::Markdown { tree, .. } = &doc.body else {
        return;
    };
    let key = |t: &str| crate::gate::words::normal(t);
    let top = tree
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { depth, c, .. } => Some((*depth, plain(c))),
            _ => None,
        })
        .map(|(d, _)| d)
        .min();
    let sections: BTreeSet<String> = tree
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { depth, c, .. } if Some(*depth) == top => Some(key(&plain(c))),
            _ => None,
        })
        .collect();
    if sections.is_empty() {
        return;
    }
    let titled = |i: &Item| {
        [Some(&i.title), i.public_title.as_ref()]
            .into_iter()
            .flatten()
            .any(|t| sections.contains(&key(t)))
    };
    let missing: Vec<String> = m
        .items
        .iter()
        .filter(|i| !titled(i))
        .map(|i| i.number.clone())
        .collect();
    if !missing.is_empty() {
        diags.push(
            Diagnostic::warning(&doc.rel, None, format!("the minutes have no section titled as agenda item{} {}", plural(&missing), crate::text::and_list(&missing)))
                .code("minutes-missing-item")
                .hint("give each agenda item a heading in the minutes with the item's title, even if only to record that it was noted or deferred"),
        );
    }
}

fn plural(list: &[String]) -> &'static str {
    if list.len() == 1 { "" } else { "s" }
}

/// A committee report states its recommendations and its background papers.
/// A list in `background_papers:` (or None written there) counts as the section.
fn report_sections(
    file: &Path,
    tree: &crate::model::tree::Tree,
    listed_background: bool,
    diags: &mut Diagnostics,
) {
    let headings: Vec<String> = tree
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { c, .. } => Some(plain(c).to_lowercase()),
            _ => None,
        })
        .collect();
    let has = |w: &str| headings.iter().any(|h| h.contains(w));
    if !has("recommendation") {
        diags.push(
            Diagnostic::warning(file, None, "this report has no Recommendations section")
                .code("no-recommendations")
                .hint("add a heading ## Recommendations saying what the committee is asked to decide or note"),
        );
    }
    if !has("background paper") && !listed_background {
        diags.push(
            Diagnostic::warning(file, None, "this report lists no background papers")
                .code("no-background-papers")
                .hint("add background_papers: to the front matter, listing what the report relied on or saying None (section 100D of the Local Government Act 1972)"),
        );
    }
}
