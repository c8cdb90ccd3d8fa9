//! Adding an agenda item to a meeting.yaml the officer has already edited, keeping every
//! line and comment they wrote. The edit is checked by reading the result back with the
//! same parser the build uses; if it does not come out as exactly one more item at the
//! end, the file is left alone and the officer is told what to add.

use crate::model::raw::{RawDocRef, RawMeeting};

/// The result of trying to list `file` under a new item.
#[derive(Debug, PartialEq, Eq)]
pub enum Added {
    /// The new text of meeting.yaml.
    Edited(String),
    /// An item already lists the file: nothing to add.
    AlreadyListed,
    /// The file could not be edited safely; the officer adds this entry by hand.
    Manual(String),
}

/// A YAML string in double quotes, safe for any title.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn entry(indent: usize, title: &str, file: &str) -> String {
    let pad = " ".repeat(indent);
    format!(
        "{pad}- title: {}\n{pad}  documents: [{file}]\n",
        quoted(title)
    )
}

/// The lines of a late item for an agenda already published, as the officer adds them
/// once the paper goes out (`published:` shown with `day`, to be set to that day).
pub fn late_entry(title: &str, file: &str, day: time::Date) -> String {
    format!(
        "  - title: {}\n    published: {} # the day the paper goes out\n    documents: [{file}]\n",
        quoted(title),
        crate::text::iso_date(day)
    )
}

fn parse(text: &str) -> Option<RawMeeting> {
    serde_saphyr::from_str::<RawMeeting>(text).ok()
}

fn lists(items: &[crate::model::raw::RawItem], file: &str) -> bool {
    items.iter().any(|i| {
        i.documents
            .iter()
            .any(|d| matches!(&d.value, RawDocRef::Markdown(m) if m.trim() == file))
            || lists(&i.items, file)
    })
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Adds an item titled `title` listing `file` (a file name in the meeting's folder) at the
/// end of the agenda in `text`, a meeting.yaml.
pub fn add_item(text: &str, title: &str, file: &str) -> Added {
    let manual = || Added::Manual(format!("items:\n{}", entry(2, title, file)));
    let Some(before) = parse(text) else {
        return manual();
    };
    if lists(&before.items, file) {
        return Added::AlreadyListed;
    }
    let Some(edited) = insert(text, title, file) else {
        return manual();
    };
    // The edit is kept only if the build reads it as the same agenda plus our item.
    match parse(&edited) {
        Some(after)
            if after.items.len() == before.items.len() + 1
                && after.items.last().is_some_and(|i| {
                    i.title.value == title.trim()
                        && i.items.is_empty()
                        && i.documents.len() == 1
                        && matches!(&i.documents[0].value, RawDocRef::Markdown(m) if m == file)
                }) =>
        {
            Added::Edited(edited)
        }
        _ => manual(),
    }
}

/// The text edit itself: `None` when the agenda is written in a way not edited here
/// (a one-line `items: [...]` list, an anchor).
fn insert(text: &str, title: &str, file: &str) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let with_newline = |s: &str| {
        if s.ends_with('\n') || s.is_empty() {
            s.to_string()
        } else {
            format!("{s}\n")
        }
    };
    let Some(at) = lines.iter().position(|l| l.starts_with("items:")) else {
        // No agenda yet: add one at the end.
        return Some(format!(
            "{}items:\n{}",
            with_newline(text),
            entry(2, title, file)
        ));
    };
    let rest = lines[at]["items:".len()..].trim_end();
    let (value, comment) = match rest
        .find(" #")
        .or_else(|| rest.trim_start().starts_with('#').then_some(0))
    {
        Some(i) => (rest[..i].trim(), rest[i..].trim()),
        None => (rest.trim(), ""),
    };
    let head: String = lines[..at].concat();
    match value {
        "[]" => {
            let tail: String = lines[at + 1..].concat();
            let key = if comment.is_empty() {
                "items:\n".to_string()
            } else {
                format!("items: {comment}\n")
            };
            Some(format!("{head}{key}{}{tail}", entry(2, title, file)))
        }
        "" => {
            // The block runs until the next line that starts at the left margin with
            // anything but a list entry or a comment (the next key).
            let end = (at + 1..lines.len())
                .find(|&i| {
                    let l = lines[i];
                    !(l.trim().is_empty()
                        || l.starts_with(' ')
                        || l.starts_with('-')
                        || l.starts_with('#'))
                })
                .unwrap_or(lines.len());
            let indent = lines[at + 1..end]
                .iter()
                .find(|l| {
                    let t = l.trim_start();
                    t.starts_with("- ") || t.trim_end() == "-"
                })
                .map(|l| indent_of(l))
                .unwrap_or(2);
            // After the last line of content; comments at the list's own level after it
            // (commented-out examples) stay below the new item.
            let last = (at + 1..end).rev().find(|&i| {
                let l = lines[i];
                let t = l.trim();
                !t.is_empty() && (!t.starts_with('#') || indent_of(l) > indent)
            });
            let split = last.map_or(at + 1, |i| i + 1);
            let block: String = lines[at..split].concat();
            let tail: String = lines[split..].concat();
            Some(format!(
                "{head}{}{}{tail}",
                with_newline(&block),
                entry(indent, title, file)
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "date: 2021-09-24\nvenue: County Hall # the usual room\n";

    fn edited(text: &str) -> String {
        match add_item(text, "Fostering: annual report", "fostering.md") {
            Added::Edited(t) => t,
            other => panic!("not edited: {other:?}"),
        }
    }

    #[test]
    fn appends_to_a_block_list_keeping_comments() {
        let text = format!(
            "{HEAD}items:\n  # the usual opening items\n  - title: Apologies for absence\n  - title: Minutes\n    documents: [../2021-07-02/minutes.md]   # last time's\n  # - title: An example\n\n# notes at the end\n"
        );
        let out = edited(&text);
        assert_eq!(
            out,
            format!(
                "{HEAD}items:\n  # the usual opening items\n  - title: Apologies for absence\n  - title: Minutes\n    documents: [../2021-07-02/minutes.md]   # last time's\n  - title: \"Fostering: annual report\"\n    documents: [fostering.md]\n  # - title: An example\n\n# notes at the end\n"
            )
        );
    }

    #[test]
    fn keeps_the_indentation_the_officer_used() {
        let text = format!("items:\n- title: Apologies\n{HEAD}");
        let out = edited(&text);
        assert!(
            out.starts_with("items:\n- title: Apologies\n- title: \"Fostering: annual report\"\n  documents: [fostering.md]\ndate:"),
            "{out}"
        );
    }

    #[test]
    fn adds_an_agenda_when_there_is_none() {
        assert_eq!(
            edited(HEAD),
            format!(
                "{HEAD}items:\n  - title: \"Fostering: annual report\"\n    documents: [fostering.md]\n"
            )
        );
        let no_newline = HEAD.trim_end();
        assert!(edited(no_newline).contains("the usual room\nitems:\n"));
        let empty = format!("{HEAD}items: [] # none yet\n");
        assert!(edited(&empty).ends_with("items: # none yet\n  - title: \"Fostering: annual report\"\n    documents: [fostering.md]\n"));
        let blank = format!("{HEAD}items:\n  # add items here\n");
        // `items:` with no value: edited if the build reads it as an empty agenda.
        if parse(&blank).is_some() {
            assert!(edited(&blank).ends_with("items:\n  - title: \"Fostering: annual report\"\n    documents: [fostering.md]\n  # add items here\n"));
        } else {
            assert!(matches!(add_item(&blank, "B", "b.md"), Added::Manual(_)));
        }
    }

    #[test]
    fn a_block_text_with_a_hash_line_is_not_cut() {
        let text = format!(
            "{HEAD}items:\n  - title: A\n    body: |\n      Some text\n      # not a comment\n"
        );
        let out = edited(&text);
        assert!(out.ends_with("      # not a comment\n  - title: \"Fostering: annual report\"\n    documents: [fostering.md]\n"), "{out}");
    }

    #[test]
    fn what_cannot_be_edited_safely_is_left_to_the_officer() {
        let flow = format!("{HEAD}items: [{{ title: A }}]\n");
        assert!(
            matches!(add_item(&flow, "B", "b.md"), Added::Manual(m) if m.contains("documents: [b.md]"))
        );
        let broken = "date: [\n";
        assert!(matches!(add_item(broken, "B", "b.md"), Added::Manual(_)));
        let listed = format!(
            "{HEAD}items:\n  - title: A\n    items:\n      - title: B\n        documents: [b.md]\n"
        );
        assert_eq!(add_item(&listed, "B", "b.md"), Added::AlreadyListed);
    }

    #[test]
    fn titles_are_quoted_safely() {
        assert_eq!(quoted("a \"b\" \\ c: d #e"), "\"a \\\"b\\\" \\\\ c: d #e\"");
    }
}
