//! Papers that follow the agenda: `replaces:` resolved to the document it names.
//!
//! A supplementary paper is one whose `published:` date (its own, or its item's) is later
//! than the agenda's. The agenda as first published stays as it was; the replaced paper
//! stays too, marked as replaced, because the public may already have read it.

use std::path::Path;

use super::{DocId, Document, Meeting};
use crate::diag::{Diagnostic, Diagnostics};

/// Resolves every `replaces:` written by the documents from `first` on (one committee's).
pub fn resolve(
    meetings: &[Meeting],
    documents: &mut [Document],
    first: usize,
    diags: &mut Diagnostics,
) {
    for i in first..documents.len() {
        let Some((written, line)) = documents[i].pending.replaces.clone() else {
            continue;
        };
        let doc = &documents[i];
        let dir = crate::layout::meeting_dir(&doc.committee, &doc.meeting);
        let target = super::links::join_inside(&dir, &written);
        let found = target.as_ref().and_then(|t| {
            documents[first..]
                .iter()
                .position(|d| &d.key == t)
                .map(|p| DocId(first + p))
        });
        let meeting_exists = meetings.iter().any(|m| m.slug == doc.meeting);
        match found {
            Some(id) if id.0 != i && meeting_exists => documents[i].replaces = Some(id),
            Some(_) => diags.push(
                Diagnostic::error(&doc.rel, line, "a document cannot replace itself")
                    .code("bad-replaces")
                    .hint("write the file name of the earlier paper this one replaces"),
            ),
            None => diags.push(unknown(&doc.rel, line, &written, &dir)),
        }
    }
}

fn unknown(rel: &Path, line: Option<usize>, written: &str, dir: &Path) -> Diagnostic {
    Diagnostic::error(rel, line, format!("replaces: \"{written}\" is not a document of this meeting"))
        .code("bad-replaces")
        .hint(format!("write the file name of the paper being replaced, as it is in content/{}, for example replaces: report.md", dir.display()))
}
