//! Papers that follow the agenda: when each paper is out, and what it replaces.
//!
//! A supplementary paper is one whose `published:` date (its own, or its item's) is later
//! than the agenda's. The agenda as first published stays as it was; the replaced paper
//! stays too, marked as replaced, because the public may already have read it.

use std::path::Path;

use super::{DocId, Document, Item, Meeting};
use crate::diag::{Diagnostic, Diagnostics};

/// Holds each paper back until the latest day any item listing it was published, and
/// resolves every `replaces:` written by the documents from `first` on (one committee's).
pub fn resolve(
    meetings: &[Meeting],
    documents: &mut [Document],
    first: usize,
    diags: &mut Diagnostics,
) {
    for m in meetings {
        hold_back(&m.items, None, documents);
    }
    replacements(documents, first, diags);
    cycles(documents, first, diags);
}

/// A paper listed by an item added after the agenda is out only from that day, however
/// many other agendas list it: its `published` is the latest day of any listing.
fn hold_back(items: &[Item], parent: Option<time::Date>, documents: &mut [Document]) {
    for item in items {
        let day = item.published.max(parent);
        if let Some(day) = day {
            for &d in &item.documents {
                documents[d.0].published = documents[d.0].published.max(Some(day));
            }
        }
        hold_back(&item.items, day, documents);
    }
}

fn replacements(documents: &mut [Document], first: usize, diags: &mut Diagnostics) {
    for i in first..documents.len() {
        let Some((written, line)) = documents[i].pending.replaces.clone() else {
            continue;
        };
        let doc = &documents[i];
        let dir = crate::layout::meeting_dir(&doc.committee, &doc.meeting);
        // Only a paper of the same meeting folder: a meeting's papers replace each other.
        let target =
            super::links::join_inside(&dir, &written).filter(|t| t.parent() == Some(dir.as_path()));
        let found = target.as_ref().and_then(|t| {
            documents[first..]
                .iter()
                .position(|d| &d.key == t)
                .map(|p| DocId(first + p))
        });
        match found {
            Some(id) if id.0 != i => documents[i].replaces = Some(id),
            Some(_) => diags.push(
                Diagnostic::error(&doc.rel, line, "a document cannot replace itself")
                    .code("bad-replaces")
                    .hint("write the file name of the earlier paper this one replaces"),
            ),
            None => diags.push(unknown(&doc.rel, line, &written, &dir)),
        }
    }
}

/// Papers that (through others) replace themselves have no latest version: refused.
fn cycles(documents: &mut [Document], first: usize, diags: &mut Diagnostics) {
    for i in first..documents.len() {
        let mut seen = vec![i];
        let mut at = documents[i].replaces;
        while let Some(next) = at {
            if next.0 == i {
                let doc = &documents[i];
                let line = doc.pending.replaces.as_ref().and_then(|r| r.1);
                diags.push(
                    Diagnostic::error(
                        &doc.rel,
                        line,
                        "these papers replace each other in a circle",
                    )
                    .code("bad-replaces")
                    .hint("only the newer paper says replaces:, naming the one it replaces"),
                );
                documents[i].replaces = None;
                break;
            }
            if seen.contains(&next.0) {
                break;
            }
            seen.push(next.0);
            at = documents[next.0].replaces;
        }
    }
}

fn unknown(rel: &Path, line: Option<usize>, written: &str, dir: &Path) -> Diagnostic {
    Diagnostic::error(rel, line, format!("replaces: \"{written}\" is not a document of this meeting"))
        .code("bad-replaces")
        .hint(format!("write the file name of the paper being replaced, as it is in content/{}, for example replaces: report.md", dir.display()))
}
