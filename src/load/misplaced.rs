//! Keys that YAML would read as text. An officer who presses Enter at the end of a block
//! of text (`body: |`, a letter's `signed: |`) gets the next line indented like the text,
//! and `exempt: [3]` typed there is one more line of it; a non-breaking space pasted after
//! `exempt:` makes the line no key at all, so an over-indented one joins the title above.
//! Either way the item or paper would be published, with "exempt: [3]" shown as words
//! beside the matter it should have withheld. So these lines are refused before YAML
//! reads the file.

/// The keys that withhold something: written where YAML takes them for text, they
/// publish what they were meant to hide. `exempt:`, `draft:` and `public_title:` hide a
/// paper, an item or a title; `published:` keeps a late paper or item back until its
/// day; `status:` and `approved_at:` say whether minutes are still a draft, which a site
/// may keep back; and `kind:` says a paper is minutes at all (round 32: a status swallowed
/// by a folded title published unapproved minutes).
const WITHHOLDING: [&str; 7] = [
    "exempt",
    "draft",
    "public_title",
    "published",
    "status",
    "approved_at",
    "kind",
];

/// What is wrong with a line.
#[derive(Debug, PartialEq, Eq)]
pub enum Misplaced {
    /// A withholding key inside a block of text (`|` or `>`) that starts above.
    InsideText { key: &'static str, opened: usize },
    /// A key followed by a space YAML does not count as one (a non-breaking space).
    OddSpace { key: String },
}

/// Each problem with the 0-based line it is on (a line of `text`).
pub fn scan(text: &str) -> Vec<(usize, Misplaced)> {
    let mut found = Vec::new();
    // The column of the key whose block of text the following lines may belong to, and
    // its line.
    let mut block: Option<(usize, usize)> = None;
    // A quoted text that runs on past its line: its quote mark, and its line.
    let mut quoted: Option<(char, usize)> = None;
    // The column of a key whose value starts on a line below (`title:` then an indented
    // `>-` or `"...`): YAML lets the value, and its block or quote, start there.
    let mut awaiting: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let (column, content) = past_dashes(indent, &line[indent..]);
        if let Some((mark, opened)) = quoted {
            if let Some(key) = withholding_key(content) {
                found.push((i, Misplaced::InsideText { key, opened }));
            }
            if closes(content, mark) {
                quoted = None;
            }
            continue;
        }
        if let Some((key_column, opened)) = block {
            if content.trim().is_empty() {
                continue;
            }
            if indent > key_column {
                if let Some(key) = withholding_key(content) {
                    found.push((i, Misplaced::InsideText { key, opened }));
                }
                continue;
            }
            block = None;
        }
        // A comment line is nothing to YAML outside text (round 34: `# note: "see`
        // opened a quote that refused the keys below, and hid the blocks they were in).
        if content.trim().is_empty() || content.starts_with('#') {
            continue;
        }
        if let Some(key) = key_before_odd_space(content) {
            found.push((i, Misplaced::OddSpace { key }));
        }
        // The column of the node this line's value belongs to, if the line is a value on
        // its own: a list entry indented past its dash, or the value a key above awaits.
        let own_value = match awaiting.take() {
            Some(key_column) if indent > key_column => Some(key_column),
            _ => (column > indent).then_some(indent),
        };
        let value = content.split_once(':').map(|(_, value)| value);
        if value.is_some_and(|v| is_block_indicator(past_properties(v))) {
            block = Some((column, i));
        } else if let Some(parent) =
            own_value.filter(|_| is_block_indicator(past_properties(content)))
        {
            // `- |`, or `|` under `body:`: a block of text indented past its parent.
            block = Some((parent, i));
        } else if let Some(mark) = value
            .and_then(opens_quote)
            .or_else(|| own_value.and_then(|_| opens_quote(content)))
        {
            quoted = Some((mark, i));
        } else if value.is_some_and(|v| uncommented(past_properties(v)).is_empty()) {
            awaiting = Some(column);
        }
    }
    found
}

/// A value without a comment that follows it: a `#` at its start or after a space or a
/// tab. Only for values that are not quoted, where `#` may be text.
fn uncommented(value: &str) -> &str {
    let at = value
        .char_indices()
        .find(|&(at, c)| c == '#' && (at == 0 || value[..at].ends_with([' ', '\t'])))
        .map_or(value.len(), |(at, _)| at);
    value[..at].trim_end()
}

/// A value without the anchor (`&name`) and tag (`!!str`, `!x`) YAML allows before it:
/// `title: &t >-` opens a block of text as `title: >-` does (round 33).
fn past_properties(value: &str) -> &str {
    let mut v = value.trim_start_matches([' ', '\t']);
    while v.starts_with(['&', '!']) {
        match v.find([' ', '\t']) {
            Some(end) => v = v[end..].trim_start_matches([' ', '\t']),
            None => return "",
        }
    }
    v
}

/// The quote mark of a value that opens a quoted text and does not close it on its line:
/// the lines below, up to the closing mark, are the text's (round 33: a double-quoted
/// title carried on to the next line swallowed the key typed there).
fn opens_quote(value: &str) -> Option<char> {
    let v = past_properties(value);
    let mark = v.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    (!closes(&v[1..], mark)).then_some(mark)
}

/// Whether `text`, inside a quoted text opened with `mark`, holds its closing mark: a `"`
/// not escaped with a backslash, or a `'` not doubled.
fn closes(text: &str, mark: char) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (mark, c) {
            ('"', '\\') => {
                chars.next();
            }
            ('"', '"') => return true,
            ('\'', '\'') if chars.peek() == Some(&'\'') => {
                chars.next();
            }
            ('\'', '\'') => return true,
            _ => {}
        }
    }
    false
}

/// The line after any `- ` that start sequence entries, with the column it starts at.
fn past_dashes(mut column: usize, mut rest: &str) -> (usize, &str) {
    while let Some(after) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("-\t")) {
        let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
        column += 2 + spaces;
        rest = &after[spaces..];
    }
    (column, rest)
}

/// One of the [`WITHHOLDING`] keys, if the line starts with that key and a colon.
fn withholding_key(content: &str) -> Option<&'static str> {
    WITHHOLDING.into_iter().find(|key| {
        content.strip_prefix(key).is_some_and(|rest| {
            let rest = rest.trim_start_matches([' ', '\t']);
            rest.strip_prefix(':')
                .is_some_and(|v| v.is_empty() || v.starts_with(char::is_whitespace))
        })
    })
}

/// The key of a line such as `exempt:\u{a0}[3]`: a lower-case key, a colon, and a space
/// other than the ordinary space or tab (prose starts with a capital, keys do not).
fn key_before_odd_space(content: &str) -> Option<String> {
    let (key, value) = content.split_once(':')?;
    let is_key = !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    let odd = value
        .chars()
        .next()
        .is_some_and(|c| c.is_whitespace() && c != ' ' && c != '\t' && c != '\r' && c != '\n')
        || value.starts_with(['\u{200b}', '\u{feff}']);
    (is_key && odd).then(|| key.to_string())
}

/// `|`, `>`, or either with its chomping and indentation signs (`|-`, `>+2`).
fn is_block_indicator(value: &str) -> bool {
    let value = uncommented(value).trim();
    let mut chars = value.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| c == '-' || c == '+' || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_inside_a_block_of_text_is_found() {
        let text = "items:\n  - title: Disposal\n    body: |\n      The buyer offers.\n      exempt: [3]\n";
        assert_eq!(
            scan(text),
            vec![(
                4,
                Misplaced::InsideText {
                    key: "exempt",
                    opened: 2
                }
            )]
        );
        let letter = "title: Letter\nsigned: |\n  Yours sincerely\n  draft: true\n";
        assert_eq!(scan(letter).len(), 1);
        let entry = "notes:\n  - |\n    A note.\n    exempt: [3]\n  - Next\nexempt: [3]\n";
        assert_eq!(
            scan(entry).iter().map(|(i, _)| *i).collect::<Vec<_>>(),
            vec![3]
        );
    }

    #[test]
    fn every_key_that_keeps_something_back_is_found_inside_text() {
        // Round 32: minutes' status under a folded title, a late item's day under its body.
        let minutes = "title: >-\n  Minutes of the panel\n  held on 24 September 2021\n  status: draft\nkind: minutes\n";
        assert_eq!(
            scan(minutes),
            vec![(
                3,
                Misplaced::InsideText {
                    key: "status",
                    opened: 0
                }
            )]
        );
        for key in ["published", "approved_at", "kind"] {
            let text = format!(
                "items:\n  - title: Late\n    body: |\n      Words.\n      {key}: 2027-01-29\n"
            );
            assert_eq!(scan(&text).len(), 1, "{key}");
        }
        // Text that only mentions them, capitalised or mid-line, is text.
        let prose =
            "body: |\n  Status: the works are on time.\n  The report was published: see below.\n";
        assert!(scan(prose).is_empty(), "{:?}", scan(prose));
    }

    #[test]
    fn a_block_or_quoted_text_opened_with_an_anchor_or_a_tag_is_text_too() {
        // Round 33: an anchor or a tag before `>-` or `|`, and a quoted title carried on.
        for text in [
            "title: &t >-\n  Minutes of the panel\n  status: draft\n",
            "items:\n  - title: Depot\n    body: &std |-\n      Words.\n      exempt: [3]\n",
            "title: !!str |\n  Minutes\n  draft: true\n",
            "title: \"Minutes of the panel\n  draft: true\"\nkind: minutes\n",
            "title: 'It''s the panel\n  status: draft'\n",
            "notes:\n  - \"A note\n    exempt: [3]\"\n",
        ] {
            assert_eq!(scan(text).len(), 1, "{text}");
        }
        // Closed on its line, a quoted text takes nothing below it; escaped and doubled
        // marks do not close it.
        for text in [
            "title: \"Minutes: the panel\"\nstatus: draft\n",
            "title: 'It''s done'\nstatus: draft\n",
            "title: &t Minutes\nstatus: draft\n",
        ] {
            assert!(scan(text).is_empty(), "{text}: {:?}", scan(text));
        }
        assert!(!closes("say \\\" more", '"'));
        assert!(closes("say \\\" more\"", '"'));
        assert!(!closes("it''s", '\''));
    }

    #[test]
    fn comments_open_nothing_and_hide_nothing() {
        // Round 34: a quote or a block sign in a comment is not one.
        for text in [
            "# note: \"see the officer\ntitle: Depot\nexempt: [3]\n",
            "items:\n  - title: Depot\n#   body: |\n    exempt: [3]\n",
            "title: Depot # the officer's \"note\nexempt: [3]\n",
        ] {
            assert!(scan(text).is_empty(), "{text}: {:?}", scan(text));
        }
        // The blocks below such a comment are still seen, and a comment after a block's
        // sign, after a tab too, leaves it a block.
        for text in [
            "# note: \"see\nbody: |\n  Words.\n  exempt: [3]\n",
            "body: |\t# the offer\n  Words.\n  exempt: [3]\n",
            "body: >- # folded\n  Words.\n  draft: true\n",
        ] {
            assert_eq!(scan(text).len(), 1, "{text}");
        }
        assert_eq!(uncommented("| # x"), "|");
        assert_eq!(uncommented("#x"), "");
        assert_eq!(uncommented("a#b"), "a#b");
    }

    #[test]
    fn a_block_or_quote_on_the_line_below_its_key_is_text_too() {
        // Round 34: YAML lets a value start under its key, after a comment or not.
        for text in [
            "title:\n  >-\n  Minutes of the panel\n  status: draft\n",
            "title: # the long one\n  \"Minutes of the panel\n  draft: true\"\n",
            "items:\n  - title: Depot\n    body: &b\n      # the offer\n      |\n        Words.\n        exempt: [3]\n",
        ] {
            assert_eq!(scan(text).len(), 1, "{text}: {:?}", scan(text));
        }
        // A mapping or a list under a key is not text.
        for text in [
            "items:\n  - title: Depot\n    exempt: [3]\n",
            "exempt:\n  - 3\ndraft: true\n",
            "meta:\n  \"key\": value\n  draft: true\n",
        ] {
            assert!(scan(text).is_empty(), "{text}: {:?}", scan(text));
        }
    }

    #[test]
    fn the_next_key_after_a_block_is_not_inside_it() {
        let text = "items:\n  - title: Disposal\n    body: |\n      The buyer offers.\n\n    exempt: [3]\n  - title: Next\n    draft: true\n";
        assert!(scan(text).is_empty(), "{:?}", scan(text));
        let folded = "summary: >-\n  Text\n  more text\nexempt: [3]\n";
        assert!(scan(folded).is_empty());
    }

    #[test]
    fn prose_and_other_keys_in_text_are_left_alone() {
        let text =
            "body: |\n  Draft: the committee noted it.\n  Note: exempt: as said.\n  drafting: ok\n";
        assert!(scan(text).is_empty(), "{:?}", scan(text));
    }

    #[test]
    fn a_non_breaking_space_after_a_key_is_found() {
        let text = "items:\n  - title: Staffing\n      exempt:\u{a0}[3]\n";
        assert_eq!(
            scan(text),
            vec![(
                2,
                Misplaced::OddSpace {
                    key: "exempt".into()
                }
            )]
        );
        assert_eq!(scan("title:\u{2003}A\n").len(), 1);
        assert_eq!(scan("title:\u{200b}A\n").len(), 1);
        assert!(scan("title: A\u{a0}B\nnote: Time:\u{a0}10\n").is_empty());
    }
}
