//! YAML parsing with errors mapped to the officer's file and line.

use serde::de::DeserializeOwned;

use super::misplaced::Misplaced;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::SourceFile;

/// Parses `text`, which starts at 1-based line `first_line` of `file`.
/// On failure, records one diagnostic and returns `None`.
pub fn parse<T: DeserializeOwned>(
    file: &SourceFile,
    text: &str,
    first_line: usize,
    diags: &mut Diagnostics,
) -> Option<T> {
    let misplaced = misplaced_keys(file, text, first_line, diags);
    match serde_saphyr::from_str::<T>(text) {
        Ok(v) => (!misplaced).then_some(v),
        Err(e) => {
            let message = plain_message(&e);
            let line = if first_line > 1 && message.contains("missing field") {
                // In front matter a missing key belongs to the block, which opens on the line before.
                Some(first_line - 1)
            } else {
                e.location()
                    .map(|l| l.line() as usize + first_line - 1)
                    .filter(|&l| l > 0)
            };
            let hint = hint_for(&message);
            let code = if message.contains("unknown field") {
                "unknown-key"
            } else if message.contains("missing field") {
                "missing-key"
            } else {
                "yaml"
            };
            let column = e
                .location()
                .filter(|l| l.line() > 0 && !message.contains("missing field"))
                .map(|l| l.column() as u32);
            let mut d = Diagnostic::error(&file.rel, line, message)
                .code(code)
                .column(column);
            if let Some(h) = hint {
                d = d.hint(h);
            }
            diags.push(d);
            None
        }
    }
}

/// Records each line that reads as a key but that YAML would take for text (see
/// [`super::misplaced`]); whether there was one.
fn misplaced_keys(
    file: &SourceFile,
    text: &str,
    first_line: usize,
    diags: &mut Diagnostics,
) -> bool {
    let found = super::misplaced::scan(text);
    for (i, problem) in &found {
        let line = Some(i + first_line);
        diags.push(match problem {
            Misplaced::InsideText { key, opened } => Diagnostic::error(
                &file.rel,
                line,
                format!("{key}: is indented as part of the text that starts on line {}, so it would be published as words, not read as a setting", opened + first_line),
            )
            .code("key-inside-text")
            .hint(format!("move {key}: left, to the same indentation as the key it belongs with (title:, body: ...); if it really is text, reword the line so that it does not start with {key}:")),
            Misplaced::AfterComma { key } => Diagnostic::error(
                &file.rel,
                line,
                format!("{key}: follows a comma on this line, so YAML reads it as more of the text before it and it would be published as words, not read as a setting"),
            )
            .code("key-inside-text")
            .hint(format!("put {key}: on a line of its own, at the same indentation as the key it belongs with (title:, body: ...)")),
            Misplaced::AfterSeparator { key, separator } => Diagnostic::error(
                &file.rel,
                line,
                format!("{key}: follows an invisible line separator (U+{:04X}) that an editor may show as a new line but YAML does not, so it would be published as words, not read as a setting", u32::from(*separator)),
            )
            .code("key-inside-text")
            .hint(format!("delete the invisible character before {key}: and press Enter there instead")),
            Misplaced::OddSpace { key } => Diagnostic::error(
                &file.rel,
                line,
                format!("the space after {key}: is not an ordinary space (a non-breaking or other special space, often pasted from a word processor or an email)"),
            )
            .code("space-after-key")
            .hint(format!("delete the space after {key}: and type an ordinary one")),
        });
    }
    !found.is_empty()
}

/// The error's message without the library's own position and snippet, which we replace
/// with the position in the whole file.
fn plain_message(e: &serde_saphyr::Error) -> String {
    let text = e.without_snippet().to_string();
    let first = text.lines().next().unwrap_or("").trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    // Drop a trailing " at line N, column M" which would give the wrong line for front matter.
    let cut = first.rfind(" at line ").unwrap_or(first.len());
    plain_english(first[..cut].trim_end_matches(':').trim())
}

/// The YAML library's wording, said as an officer would understand it.
fn plain_english(message: &str) -> String {
    if message.contains("unexpected end of input") || message.contains("EOF while parsing") {
        return "the file ends before its settings are complete (is it empty?)".into();
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(rest);
        return format!("the key {key}: is written twice");
    }
    if let Some(breach) = message.strip_prefix("budget breached: ") {
        return budget_breach(breach);
    }
    if message.contains("multiple YAML documents detected") {
        return "a line --- above this one starts a second set of settings, which quire would not read".into();
    }
    if let Some(rest) = message.strip_prefix("invalid type: floating point `") {
        let (number, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = expected.trim_start_matches(',').trim();
        let expected = expected.strip_prefix("expected ").unwrap_or(expected);
        return format!("this is read as the decimal number {number}, but it should be {expected}");
    }
    if message == "invalid boolean" {
        return "this should be true or false".into();
    }
    if message.contains("expected sequence start") {
        return "this should be a list: [a, b], or one line per entry starting with -".into();
    }
    if message.contains("expected string scalar") {
        return "this should be a piece of text, not a list or a set of keys".into();
    }
    if message.contains("invalid u32") || message.contains("expected u32") {
        return "this should be a whole number".into();
    }
    message.to_string()
}

/// The YAML library stops reading a file past its limits, which keep a hostile or
/// mistaken file from exhausting the machine. Which limit was reached, in plain words.
fn budget_breach(breach: &str) -> String {
    let kind = breach.split([' ', '{']).next().unwrap_or("");
    match kind {
        "Depth" | "InclusionDepth" => "this YAML is nested far too deeply".into(),
        "Aliases" | "Anchors" | "MergeKeys" => {
            "this YAML repeats &anchors or *aliases far too often".into()
        }
        _ => "this file is too large to read: it holds more entries than quire reads in one file"
            .into(),
    }
}

fn hint_for(message: &str) -> Option<String> {
    if message.starts_with("this file is too large to read") {
        return Some("split the agenda across meetings, or move long texts into documents: a meeting this large could not be laid out in an agenda pack either".into());
    }
    if message.contains("(is it empty?)") {
        return Some("write the file's keys, as in docs/authoring.md, or delete the file".into());
    }
    if message.contains("starts a second set of settings") {
        return Some("delete the --- line and put what follows it with the settings above: a file holds one set".into());
    }
    if message.contains("is read as the decimal number") {
        return Some(
            "write whole numbers with no leading zero or decimal point, for example exempt: [3]"
                .into(),
        );
    }
    if message == "this should be true or false" {
        return Some(
            "write true or false after the key, or delete the line if it does not apply".into(),
        );
    }
    if message.contains("is written twice") {
        return Some("keep one of them: the second would silently replace the first".into());
    }
    if let Some(near) = near_key(message) {
        Some(format!(
            "did you mean `{near}:`? Check the spelling of the key"
        ))
    } else if message.contains("unknown field") {
        Some("check the spelling of the key; the keys allowed here are listed in the message and in docs/authoring.md".into())
    } else if message.contains("missing field") {
        Some("add the key named in the message".into())
    } else if message.contains("unknown variant") {
        Some("use one of the values listed in the message".into())
    } else if message.contains("invalid type") {
        Some("check the value's shape: a list is written [a, b] or with - on each line; text with a colon needs quotes".into())
    } else {
        Some("check the indentation and quoting on this line; text containing ': ' or starting with a symbol needs quotes".into())
    }
}

/// For "unknown field `exmept`, expected one of `title`, `exempt`, …": the key meant.
fn near_key(message: &str) -> Option<String> {
    let rest = message.split("unknown field").nth(1)?;
    let field = rest.split('`').nth(1)?;
    let expected = rest.split("expected").nth(1)?;
    let keys = expected
        .trim_start_matches(" one of")
        .split([',', ' ', '`'])
        .filter(|k| !k.is_empty() && *k != "or");
    crate::text::did_you_mean(field, keys).map(str::to_string)
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_yaml_limit_is_said_plainly() {
        let say = super::plain_english;
        assert_eq!(
            say("budget breached: Depth { depth: 65 }"),
            "this YAML is nested far too deeply"
        );
        assert!(say("budget breached: Nodes { nodes: 250001 }").contains("too large to read"));
        assert!(say("budget breached: Events { events: 1000001 }").contains("too large to read"));
        assert!(say("budget breached: Aliases { aliases: 50001 }").contains("aliases"));
    }

    #[test]
    fn a_misspelt_key_gets_a_suggestion() {
        assert_eq!(
            super::near_key(
                "unknown field `exmept`, expected one of title, public_title, exempt, items"
            )
            .as_deref(),
            Some("exempt")
        );
        assert_eq!(
            super::near_key("unknown field `colour`, expected `paper` or `duplex`"),
            None
        );
    }
}
