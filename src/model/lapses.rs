//! Exemptions that lapse before their papers were first published. `until:` says when an
//! exempt item or paper becomes public; one that falls on or before the day its agenda was
//! published never withheld anything, so the matter would be published in full as
//! "previously exempt". That is always a slip, most often a mistyped year (`2020` for
//! `2027`), and the build stops at it.

use std::collections::HashMap;
use std::path::Path;

use super::{DocId, Exemption, Item, Library};
use crate::diag::{Diagnostic, Diagnostics};

/// Reports every exemption of an item or document that lapses on or before its first
/// publication.
pub fn check(lib: &Library, diags: &mut Diagnostics) {
    // A document's first publication: the earliest day any listing of it was published.
    let mut first: HashMap<DocId, time::Date> = HashMap::new();
    for c in &lib.committees {
        for m in &c.meetings {
            let Some(agenda) = m.agenda_published else {
                continue;
            };
            let file = crate::layout::meeting_file(&c.slug, &m.slug);
            items(&m.items, agenda, &file, &mut first, diags);
        }
    }
    let mut listed: Vec<(DocId, time::Date)> = first.into_iter().collect();
    listed.sort_unstable_by_key(|(id, _)| *id);
    for (id, day) in listed {
        let d = &lib.documents[id];
        if let Some(e) = &d.exempt {
            lapsed(e, day, &d.rel, diags);
        }
    }
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
            first
                .entry(id)
                .and_modify(|d| *d = (*d).min(day))
                .or_insert(day);
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
