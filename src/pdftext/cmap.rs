//! A font's ToUnicode CMap: which text each code the page draws stands for.
//!
//! A CMap is PostScript, read here token by token. quire first read it a line at a
//! time, one entry to a line, as most programs write it. A red-team session (3 December
//! 2026) gave a font a map that is just as valid laid out otherwise (lines ended by a
//! carriage return alone, the whole map on one line, a range's list split over lines):
//! quire read no words from the page, every viewer read the sentence, and the build
//! published it.

use std::collections::HashMap;

/// The codes of a ToUnicode CMap's `bfchar` and `bfrange` entries, and their text.
pub(super) fn parse(text: &str) -> HashMap<u32, String> {
    let mut map = HashMap::new();
    let mut tokens = Tokens { rest: text };
    // A font has at most 65,536 two-byte codes: a map whose ranges give more than
    // twice that (the same codes again and again, say) is a trap, a few kilobytes
    // asking for gigabytes or minutes, and its first codes are enough.
    let mut budget = MAX_CODES;
    while let Some(token) = tokens.next().filter(|_| budget > 0) {
        match token {
            Token::Word("beginbfchar") => chars(&mut tokens, &mut map),
            Token::Word("beginbfrange") => ranges(&mut tokens, &mut map, &mut budget),
            _ => {}
        }
    }
    map
}

/// More codes than any font has (see [`parse`]).
const MAX_CODES: usize = 1 << 17;

/// `<code> <text>` pairs, to `endbfchar`.
fn chars(tokens: &mut Tokens<'_>, map: &mut HashMap<u32, String>) {
    // Until `endbfchar`; an entry whose text is a glyph's name (`/space`) is passed by.
    while let Some(Token::Hex(code)) = tokens.next() {
        if let (Some(code), Some(Token::Hex(to))) = (number(&code), tokens.next()) {
            map.insert(code, text(&to));
        }
    }
}

/// `<low> <high> <first text>` or `<low> <high> [<text> …]`, to `endbfrange`.
fn ranges(tokens: &mut Tokens<'_>, map: &mut HashMap<u32, String>, budget: &mut usize) {
    // Until `endbfrange`, which is not taken with the token after it.
    while let Some(Token::Hex(low)) = tokens.next() {
        let (Some(low), Some(Token::Hex(high))) = (number(&low), tokens.next()) else {
            return;
        };
        let Some(high) = number(&high) else {
            return;
        };
        // A hostile map cannot make quire fill memory with one range.
        let high = high.min(low.saturating_add(0xffff));
        match tokens.next() {
            Some(Token::Hex(first)) => {
                let mut units: Vec<u16> = units(&first);
                let n = match high.checked_sub(low) {
                    Some(span) => (span as usize + 1).min(*budget),
                    None => 0,
                };
                *budget -= n;
                for code in (low..=high).take(n) {
                    map.insert(code, String::from_utf16_lossy(&units));
                    // The next code's text: the last unit one more.
                    if let Some(last) = units.last_mut() {
                        *last = last.wrapping_add(1);
                    }
                }
            }
            Some(Token::Open) => {
                let mut code = low;
                while let Some(Token::Hex(to)) = tokens.next() {
                    map.insert(code, text(&to));
                    code = code.saturating_add(1);
                }
            }
            _ => return,
        }
    }
}

fn number(hex: &str) -> Option<u32> {
    u32::from_str_radix(hex, 16).ok()
}

/// The UTF-16 units a hex string spells; a single byte (`<41>`), which some programs
/// write, is a unit of its own.
fn units(hex: &str) -> Vec<u16> {
    if hex.len() <= 2 {
        return number(hex).map(|n| vec![n as u16]).unwrap_or_default();
    }
    (0..hex.len() / 4)
        .filter_map(|i| u16::from_str_radix(hex.get(i * 4..i * 4 + 4)?, 16).ok())
        .collect()
}

fn text(hex: &str) -> String {
    String::from_utf16_lossy(&units(hex))
}

/// What a CMap is made of, as far as its entries need.
#[derive(Debug, PartialEq)]
enum Token<'a> {
    /// A hex string's digits, spaces taken out.
    Hex(String),
    Open,
    Close,
    /// Anything else: an operator, a name, a number, a dictionary's bracket, a string.
    Word(&'a str),
}

struct Tokens<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            self.rest = self
                .rest
                .trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '\0');
            let mut chars = self.rest.chars();
            let first = chars.next()?;
            let after = chars.as_str();
            match first {
                '%' => self.rest = after.split_once(['\r', '\n']).map_or("", |(_, r)| r),
                '<' if after.starts_with('<') => return Some(self.take(2)),
                '>' if after.starts_with('>') => return Some(self.take(2)),
                '<' => {
                    let (digits, rest) = after.split_once('>').unwrap_or((after, ""));
                    self.rest = rest;
                    let hex = digits.chars().filter(char::is_ascii_hexdigit).collect();
                    return Some(Token::Hex(hex));
                }
                '[' => {
                    self.rest = after;
                    return Some(Token::Open);
                }
                ']' => {
                    self.rest = after;
                    return Some(Token::Close);
                }
                '(' => return Some(self.string()),
                _ => {
                    let end = (self.rest.char_indices().skip(1))
                        .find(|&(_, c)| c.is_ascii_whitespace() || "<>[]()/%".contains(c))
                        .map_or(self.rest.len(), |(i, _)| i);
                    return Some(self.take(end));
                }
            }
        }
    }
}

impl<'a> Tokens<'a> {
    fn take(&mut self, n: usize) -> Token<'a> {
        let (word, rest) = self.rest.split_at(n);
        self.rest = rest;
        Token::Word(word)
    }

    /// A string in parentheses, which may nest and escape them: skipped whole.
    fn string(&mut self) -> Token<'a> {
        let mut depth = 0;
        let mut escaped = false;
        for (i, c) in self.rest.char_indices() {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '(') => depth += 1,
                (false, ')') if depth == 1 => return self.take(i + 1),
                (false, ')') => depth -= 1,
                _ => {}
            }
        }
        self.take(self.rest.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_codes_ranges_and_arrays_are_mapped() {
        let m = parse(
            "2 beginbfchar\n<0003> <0041>\n<0004> <00660069>\nendbfchar\n1 beginbfrange\n<0010> <0012> <0061>\nendbfrange\n1 beginbfrange\n<0020> <0021> [<0058> <0059>]\nendbfrange\n",
        );
        assert_eq!(m[&3], "A");
        assert_eq!(m[&4], "fi");
        assert_eq!((m[&0x10].as_str(), m[&0x12].as_str()), ("a", "c"));
        assert_eq!((m[&0x20].as_str(), m[&0x21].as_str()), ("X", "Y"));
    }

    /// Were leaks: the same entries with carriage returns alone, on one line, and a
    /// range's list split over lines with a comment and a string before.
    #[test]
    fn a_map_laid_out_any_way_is_read_the_same() {
        let lines = "/CIDInit /ProcSet findresource begin\n2 beginbfchar\n<0003> <0041>\n<0004> <00660069>\nendbfchar\n1 beginbfrange\n<0010> <0012> <0061>\nendbfrange\n1 beginbfrange\n<0020> <0021> [<0058> <0059>]\nendbfrange\nend";
        let expected = parse(lines);
        assert_eq!(expected.len(), 7);
        let returns = lines.replace('\n', "\r");
        let one_line = lines.replace('\n', " ");
        let split = lines.replace(
            "[<0058> <0059>]",
            "% the X and the Y\n[\n<00\n58>\n<0059>\n]",
        );
        let split = format!("(a (nested) \\) string) pop\n{split}");
        for layout in [returns, one_line, split] {
            assert_eq!(parse(&layout), expected, "{layout:?}");
        }
    }

    #[test]
    fn a_range_of_two_units_counts_on_the_last() {
        // A ligature range, and a single-byte text.
        let m =
            parse("beginbfrange <01> <02> <00660066> endbfrange beginbfchar <05> <41> endbfchar");
        assert_eq!((m[&1].as_str(), m[&2].as_str()), ("ff", "fg"));
        assert_eq!(m[&5], "A");
    }

    #[test]
    fn a_map_of_many_huge_ranges_stops_at_the_most_codes_a_font_has() {
        let ranges = "<0000> <FFFF> <0041>\n".repeat(10_000);
        let m = parse(&format!("beginbfrange {ranges} endbfrange"));
        assert_eq!(m.len(), 0x10000);
    }

    #[test]
    fn a_huge_range_is_capped_and_junk_ends_a_section() {
        let m = parse("beginbfrange <0000> <FFFFFFFF> <0041> endbfrange");
        assert_eq!(m.len(), 0x10000);
        let m = parse("beginbfchar <01> /space <02> <0042> endbfchar <03> <0043>");
        assert_eq!(m, HashMap::from([(2, "B".to_string())]));
    }
}
