//! Papers too long to lay out in an agenda pack: the build stops with an error naming the
//! file, before any layout starts, instead of exhausting the machine's memory.
//!
//! The inputs are small: a footnote is set again at every reference in the pack, so a
//! few kilobytes of references stand for more than a thousand pages.

use crate::common::site::{Site, meeting};
use crate::common::stderr;

const DATE: &str = "2021-09-24";

/// A report whose one long footnote is cited `refs` times: about `refs` / 1.2 pages.
fn cited_report(refs: usize) -> String {
    let note = "This note repeats a long explanation of the figures. ".repeat(40);
    format!(
        "---\ntitle: A long report\nkind: report\n---\n\nThe figures{}.\n\n[^n]: {note}\n",
        "[^n]".repeat(refs)
    )
}

fn fails_with(site: &Site, words: &[&str]) -> String {
    let out = site.build(&[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "expected failure: {err}");
    assert!(!err.contains("panicked"), "{err}");
    for w in words {
        assert!(err.contains(w), "missing {w:?} in: {err}");
    }
    assert!(err.contains("Nothing was written"), "{err}");
    assert!(!site.out("output").exists(), "a failed build wrote output/");
    err
}

#[test]
fn a_document_too_long_for_a_pack_is_an_error_naming_it() {
    let site = Site::new("too-long-document");
    meeting(
        &site,
        "panel",
        DATE,
        "2021-09-10",
        "  - title: Budget\n    documents: [long.md]\n",
    );
    site.write(
        &format!("content/committees/panel/{DATE}/long.md"),
        &cited_report(2_000),
    );
    let err = fails_with(
        &site,
        &[
            &format!(
                "error: content/committees/panel/{DATE}/long.md: this document is too long to lay out in an agenda pack"
            ),
            "and a pack holds at most 1,200",
            "hint: split it into shorter documents",
            "PDF appendix",
        ],
    );
    // Said once, for the document, not again for its meeting.
    assert_eq!(err.matches("too long to lay out").count(), 1, "{err}");
}

#[test]
fn a_meeting_whose_documents_together_are_too_long_is_an_error_naming_it() {
    let site = Site::new("too-long-meeting");
    meeting(
        &site,
        "panel",
        DATE,
        "2021-09-10",
        "  - title: One\n    documents: [one.md]\n  - title: Two\n    documents: [two.md]\n",
    );
    // Each fits in a pack on its own; the two together do not.
    for name in ["one", "two"] {
        site.write(
            &format!("content/committees/panel/{DATE}/{name}.md"),
            &cited_report(900),
        );
    }
    fails_with(
        &site,
        &[
            &format!(
                "error: content/committees/panel/{DATE}/meeting.yaml: this meeting's agenda pack is too long to lay out"
            ),
            "hint: move some documents to another meeting",
        ],
    );
}

#[test]
fn footnotes_that_cite_themselves_stop_the_build_at_once() {
    let site = Site::new("self-citing-note");
    meeting(
        &site,
        "panel",
        DATE,
        "2021-09-10",
        "  - title: Budget\n    documents: [notes.md]\n",
    );
    // The pack would set the note inside itself, four deep: 300^4 copies.
    site.write(
        &format!("content/committees/panel/{DATE}/notes.md"),
        &format!(
            "---\ntitle: Notes\n---\n\nSee the note[^a].\n\n[^a]: And again{}\n",
            "[^a]".repeat(300)
        ),
    );
    fails_with(
        &site,
        &[&format!(
            "content/committees/panel/{DATE}/notes.md: this document is too long"
        )],
    );
}
