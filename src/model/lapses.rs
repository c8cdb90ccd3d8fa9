//! Exemptions that lapse before their papers were first published. `until:` says when an
//! exempt item, paper or officer's decision becomes public; one that falls on or before
//! the day it was first published (its agenda's day, its own `published:` day, the day
//! of the meeting its minutes record) never withheld anything, so the matter would be
//! published in full as "previously exempt". That is always a slip, most often a
//! mistyped year (`2020` for `2027`), and the build stops at it.

use std::collections::HashMap;
use std::path::Path;

use super::{DocId, Exemption, Item, Library};
use crate::diag::{Diagnostic, Diagnostics};

/// Reports every exemption of an item, a document or an officer's decision that lapses
/// on or before its first publication.
pub fn check(lib: &Library, diags: &mut Diagnostics) {
    // A document's first publication: the earliest day any listing of it was published.
    let mut first: HashMap<DocId, time::Date> = HashMap::new();
    for c in &lib.committees {
        for m in &c.meetings {
            let Some(agenda) = m.agenda_published else {
                continue;
            };
            // A meeting's own minutes come out after it: at the earliest on its day.
            if let Some(id) = m.minutes {
                earliest(&mut first, id, m.date);
            }
            let file = crate::layout::meeting_file(&c.slug, &m.slug);
            items(&m.items, agenda, &file, &mut first, diags);
        }
    }
    let mut listed: Vec<(DocId, time::Date)> = first.into_iter().collect();
    listed.sort_unstable_by_key(|(id, _)| *id);
    for (id, day) in listed {
        let d = &lib.documents[id];
        // A paper (or an appendix's listing) with a `published:` day of its own, after
        // its agenda, is first out on that day.
        let day = d.published.map_or(day, |p| p.max(day));
        if let Some(e) = &d.exempt {
            lapsed(e, day, &d.rel, diags);
        }
        background(d.background.as_ref(), day, &d.rel, diags);
    }
    for d in &lib.officer_decisions {
        let day = d.facts.published.map_or(d.date, |p| p.max(d.date));
        if let Some(e) = &d.exempt {
            lapsed(e, day, &d.rel, diags);
        }
        background(d.background.as_ref(), day, &d.rel, diags);
    }
}

/// The exempt background papers a report or decision lists, first out with it.
fn background(
    papers: Option<&super::Background>,
    day: time::Date,
    file: &Path,
    diags: &mut Diagnostics,
) {
    if let Some(super::Background::Papers(list)) = papers {
        for e in list.iter().filter_map(|p| p.exempt.as_ref()) {
            lapsed(e, day, file, diags);
        }
    }
}

fn earliest(first: &mut HashMap<DocId, time::Date>, id: DocId, day: time::Date) {
    first
        .entry(id)
        .and_modify(|d| *d = (*d).min(day))
        .or_insert(day);
}

/// Checks the items (and the items inside them), each published with the agenda unless
/// it has its own `published:` day, and notes when each document was first published.
fn items(
    list: &[Item],
    agenda: time::Date,
    file: &Path,
    first: &mut HashMap<DocId, time::Date>,
    diags: &mut Diagnostics,
) {
    for item in list {
        let day = item.published.unwrap_or(agenda);
        if let Some(e) = &item.exempt {
            lapsed(e, day, file, diags);
        }
        for &id in &item.documents {
            earliest(first, id, day);
        }
        items(&item.items, day, file, first, diags);
    }
}

fn lapsed(e: &Exemption, published: time::Date, file: &Path, diags: &mut Diagnostics) {
    let Some(until) = e.until.filter(|u| *u <= published) else {
        return;
    };
    diags.push(
        Diagnostic::error(
            file,
            e.line,
            format!(
                "the exemption ends (until: {until}) on or before the day these papers were first published ({published}), so it would withhold nothing and the matter would be published in full"
            ),
        )
        .code("lapsed-before-published")
        .hint("check the year of until:; it is the day the matter may become public, after the meeting (leave until: out if there is no such day yet)"),
    );
}
