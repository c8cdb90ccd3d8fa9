//! Keys that YAML would read as text. An officer who presses Enter at the end of a block
//! of text (`body: |`, a letter's `signed: |`) gets the next line indented like the text,
//! and `exempt: [3]` typed there is one more line of it; a non-breaking space pasted after
//! `exempt:` makes the line no key at all, so an over-indented one joins the title above.
//! Either way the item or paper would be published, with "exempt: [3]" shown as words
//! beside the matter it should have withheld. So these lines are refused before the
//! file's settings are read.

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

/// The keys of an item that hold what an exempt item keeps back: swallowed by its public
/// title or summary, their words are published with it (round 36: a decision's reasons
/// in the public summary of an exempt item's minutes; round 37: its sub-items).
const KEPT_WITH_ITEM: [&str; 5] = ["body", "decision", "urgent", "documents", "items"];

/// What is wrong with a line.
#[derive(Debug, PartialEq, Eq)]
pub enum Misplaced {
    /// A withholding key at the start of a line that is part of a text starting on line
    /// `opened` (a block of text's `|` or `>` line, or the line a quoted text opens on).
    InsideText { key: &'static str, opened: usize },
    /// A withholding key after a comma in a one-line text (`title: Depot, exempt:[3]`).
    AfterComma { key: &'static str },
    /// A withholding key after a character an editor may show as a new line but YAML
    /// does not (U+2028, U+2029, U+0085), so that it is part of the text or comment before.
    AfterSeparator { key: &'static str, separator: char },
    /// A key followed by a space YAML does not count as one (a non-breaking space).
    OddSpace { key: String },
}

/// Characters an editor may break a line at that YAML does not: what follows them is on
/// the same line to YAML, inside the text or the comment before them.
const SEPARATORS: [char; 3] = ['\u{2028}', '\u{2029}', '\u{85}'];

/// Each problem with the 0-based line it is on (a line of `text`, as YAML counts lines).
///
/// Which lines are text is YAML's own answer: the text is parsed, and a line whose first
/// character falls inside a text value (a block of text, a quoted or a plain text carried
/// over lines or starting a line of its own, in any mapping or list, flow or block) is
/// text. An earlier scan that guessed the structure line by line was fooled by tabs,
/// comments, flow mappings, anchors on their own line and quotes inside text (rounds 33
/// and 34); the parser is not.
pub fn scan(text: &str) -> Vec<(usize, Misplaced)> {
    let lines = yaml_lines(text);
    let (texts, mut found) = text_spans(text, &lines);
    let mut spans = texts.iter().peekable();
    for (i, line) in lines.iter().enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let (column, content) = past_dashes(indent, &line[indent..]);
        let at = (i, column);
        // Spans are in order and do not overlap: drop those that end before this line.
        while spans.peek().is_some_and(|s| s.end <= at) {
            spans.next();
        }
        let inside = spans.peek().filter(|s| s.holds(at));
        if let Some(span) = inside
            && let Some(key) = withholding_key(content)
        {
            let opened = span.opened;
            found.push((i, Misplaced::InsideText { key, opened }));
        } else if inside.is_none()
            && let Some(key) = key_before_odd_space(content)
        {
            found.push((i, Misplaced::OddSpace { key }));
        }
        for (at, separator) in line.char_indices().filter(|(_, c)| SEPARATORS.contains(c)) {
            if let Some(key) = withholding_key(&line[at + separator.len_utf8()..]) {
                found.push((i, Misplaced::AfterSeparator { key, separator }));
            }
        }
    }
    found.sort_by_key(|(i, _)| *i);
    found
}

/// The lines of `text` as YAML breaks them: at a line feed, a carriage return, or both.
fn yaml_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(['\n', '\r']) {
        lines.push(&rest[..at]);
        let skip = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[at + skip..];
    }
    if !rest.is_empty() {
        lines.push(rest);
    }
    lines
}

/// Where a text value lies, as (0-based line, column) positions.
struct TextSpan {
    start: (usize, usize),
    end: (usize, usize),
    /// Whether its first line is a line of text too: a block of text's, or a value that
    /// starts a line of its own (`body:` above it). Otherwise its first character is on
    /// the line of its key, which is no line of text.
    first_line: bool,
    /// The line the text opens on, for the message.
    opened: usize,
}

impl TextSpan {
    /// Whether a line whose first character is at `at` is a line of this text.
    fn holds(&self, at: (usize, usize)) -> bool {
        let after_start = if self.first_line {
            self.start <= at
        } else {
            self.start < at
        };
        after_start && at < self.end
    }
}

/// The text values of `text` that may hold a line of text, in order, and the keys found
/// after a comma in one-line texts. Keys of mappings are not text. A text that YAML cannot
/// read to its end is cut short there: that error stops the build.
fn text_spans(text: &str, lines: &[&str]) -> (Vec<TextSpan>, Vec<(usize, Misplaced)>) {
    use serde_saphyr::granit_parser::{Event, Marker, Parser, ScalarStyle};
    let (mut spans, mut found) = (Vec::new(), Vec::new());
    // For each open mapping, whether its next node is a key; `None` for a sequence.
    let mut open: Vec<Option<bool>> = Vec::new();
    let mut parser = Parser::new_from_str(text);
    while let Some(Ok((event, span))) = parser.next_event() {
        let is_key = match event {
            Event::Scalar(..)
            | Event::Alias(..)
            | Event::UnresolvedAlias(..)
            | Event::SequenceStart(..)
            | Event::MappingStart(..) => match open.last_mut() {
                Some(Some(key_next)) => std::mem::replace(key_next, !*key_next),
                _ => false,
            },
            Event::SequenceEnd | Event::MappingEnd => {
                open.pop();
                false
            }
            _ => false,
        };
        match event {
            Event::SequenceStart(..) => open.push(None),
            Event::MappingStart(..) => open.push(Some(true)),
            _ => {}
        }
        let Event::Scalar(value, style, ..) = event else {
            continue;
        };
        if is_key {
            continue;
        }
        let position = |m: Marker| (m.line().saturating_sub(1), m.col());
        let (start, end) = (position(span.start), position(span.end));
        let block = matches!(style, ScalarStyle::Literal | ScalarStyle::Folded);
        let first_line = block || starts_its_line(lines, start);
        if start.0 != end.0 || first_line {
            // The line that opens the text: a block's `|`, the key above an unquoted text
            // that starts a line of its own (whose first words are the key), or the line
            // of the opening quote.
            let plain_below = first_line && style == ScalarStyle::Plain;
            let opened = if block || plain_below {
                header_line(lines, start.0)
            } else {
                start.0
            };
            spans.push(TextSpan {
                start,
                end,
                first_line,
                opened,
            });
        }
        if style == ScalarStyle::Plain && value.contains(',') {
            // `title: Depot, exempt:[3]`: one plain text to YAML, two settings to the eye,
            // on any of its lines (round 36: the second line of a wrapped title).
            let after_comma = (start.0..=end.0).find_map(|i| {
                let line = lines.get(i)?;
                let key = line.split(',').skip(1).find_map(withholding_key)?;
                Some((i, Misplaced::AfterComma { key }))
            });
            found.extend(after_comma);
        }
    }
    (spans, found)
}

/// Whether nothing but indentation and list dashes comes before `at` on its line.
fn starts_its_line(lines: &[&str], (line, column): (usize, usize)) -> bool {
    lines.get(line).is_some_and(|l| {
        let indent = l.len() - l.trim_start_matches([' ', '\t']).len();
        past_dashes(indent, &l[indent..]).0 == column
    })
}

/// The line of a block of text's `|` or `>`, or of the key above a text on lines of its
/// own: the last line above its first that is not blank.
fn header_line(lines: &[&str], first: usize) -> usize {
    (0..first)
        .rev()
        .find(|&i| lines.get(i).is_some_and(|l| !l.trim().is_empty()))
        .unwrap_or(first)
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

/// One of the [`WITHHOLDING`] or [`KEPT_WITH_ITEM`] keys, if a line of text starts with
/// it as a key would be typed: after any spaces (a pasted non-breaking one too) and list
/// dashes, bare or in quotes, then a colon, with or without a space after it (round 34:
/// `"exempt": [3]`, `exempt:[3]` and a tab or a non-breaking space before the key all hid
/// from a stricter match, though YAML reads each as the key where it belongs).
pub fn withholding_key(line: &str) -> Option<&'static str> {
    key_among(line, WITHHOLDING.into_iter().chain(KEPT_WITH_ITEM))
}

/// One of the [`WITHHOLDING`] keys a paper's front matter may hold, typed as
/// [`withholding_key`] finds them.
pub fn front_matter_key(line: &str) -> Option<&'static str> {
    key_among(line, WITHHOLDING.into_iter())
}

fn key_among(line: &str, mut keys: impl Iterator<Item = &'static str>) -> Option<&'static str> {
    let mut rest = line.trim_start_matches(is_space);
    while let Some(after) = rest.strip_prefix('-').filter(|a| a.starts_with(is_space)) {
        rest = after.trim_start_matches(is_space);
    }
    // In quotes, or after the quote that opens a quoted text starting a line (round 36).
    let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
    keys.find(|key| {
        let after = rest.strip_prefix(key);
        let after = after.map(|a| a.strip_prefix(['"', '\'']).unwrap_or(a));
        after.is_some_and(|a| a.trim_start_matches(is_space).starts_with(':'))
    })
}

/// Any space a line may start with: YAML's own, those pasted from elsewhere, and the
/// characters that show as nothing (a zero-width space or joiner, a word joiner, a soft
/// hyphen: round 35).
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' | '\u{180e}'
        )
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
        // The first line of the text too.
        for (text, line) in [
            ("body: |\n  exempt: [3]\n  The offer.\n", 1),
            ("title: >-\n\n  draft: true\n", 2),
        ] {
            let lines: Vec<usize> = scan(text).iter().map(|(i, _)| *i).collect();
            assert_eq!(lines, vec![line], "{text}");
        }
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
        let text = "items:\n  - title: Staffing\n    exempt:\u{a0}[3]\n";
        assert_eq!(
            scan(text),
            vec![(
                2,
                Misplaced::OddSpace {
                    key: "exempt".into()
                }
            )]
        );
        // Indented one step too far, the line is more words of the title above.
        let text = "items:\n  - title: Staffing\n      exempt:\u{a0}[3]\n";
        assert_eq!(
            scan(text),
            vec![(
                2,
                Misplaced::InsideText {
                    key: "exempt",
                    opened: 1
                }
            )]
        );
        assert_eq!(scan("date: 2021-09-24\ntitle:\u{2003}A\n").len(), 1);
        assert_eq!(scan("date: 2021-09-24\ntitle:\u{200b}A\n").len(), 1);
        assert!(scan("title: A\u{a0}B\nnote: Time:\u{a0}10\n").is_empty());
    }
}
