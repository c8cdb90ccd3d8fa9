//! Code blocks, highlighted by syntect with CSS classes (`hl-*`).
//!
//! Classes rather than inline colours let the theme's stylesheet choose colours that meet
//! the 4.5:1 contrast rule on the code background, and keep the print stylesheet in charge.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// A `<pre>` block for `code`, highlighted when `lang` names a known syntax.
pub fn code_block(code: &str, lang: &str) -> String {
    let lang = lang.split([',', ' ']).next().unwrap_or("").trim();
    let escaped = || escape(code);
    let body = if lang.is_empty() {
        escaped()
    } else {
        let set = syntaxes();
        match set.find_syntax_by_token(lang) {
            Some(syntax) => {
                let mut generator = ClassedHTMLGenerator::new_with_class_style(
                    syntax,
                    set,
                    ClassStyle::SpacedPrefixed { prefix: "hl-" },
                );
                let ok = LinesWithEndings::from(code).all(|line| {
                    generator
                        .parse_html_for_line_which_includes_newline(line)
                        .is_ok()
                });
                if ok { generator.finalize() } else { escaped() }
            }
            None => escaped(),
        }
    };
    // tabindex lets keyboard users scroll a wide block (WCAG 2.1.1).
    format!("<pre class=\"code\" tabindex=\"0\"><code>{body}</code></pre>\n")
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(s, &mut out);
    out
}

/// [`escape`], onto the end of `out`. Copies runs of ordinary text whole: escaping a
/// character at a time was half the time spent writing the papers' bodies as HTML.
pub fn escape_into(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        if !SPECIAL[bytes[i] as usize] {
            i += 1;
            continue;
        }
        let Some((with, len)) = replacement(&bytes[i..]) else {
            i += 1;
            continue;
        };
        // `i` is at an ASCII byte or the first byte of a character: a char boundary.
        out.push_str(&s[run..i]);
        out.push_str(with);
        i += len;
        run = i;
    }
    out.push_str(&s[run..]);
}

/// The bytes that may start something [`escape`] replaces: markup characters, ASCII
/// control characters, and the first bytes of C1 controls (U+0080 to U+009F) and of
/// the noncharacters U+FFFE and U+FFFF.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = !matches!(b as u8, b'\t' | b'\n' | b'\r');
        b += 1;
    }
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[0x7f] = true;
    t[0xc2] = true;
    t[0xef] = true;
    t
};

/// What the text starting with a [`SPECIAL`] byte becomes, and how many bytes that
/// replaces; `None` if it stays as it is. Control characters pasted from a word
/// processor (a manual line break, a page break) are not allowed in XML or HTML: a
/// feed holding one is refused whole by feed readers.
fn replacement(at: &[u8]) -> Option<(&'static str, usize)> {
    match at {
        [b'&', ..] => Some(("&amp;", 1)),
        [b'<', ..] => Some(("&lt;", 1)),
        [b'>', ..] => Some(("&gt;", 1)),
        [b'"', ..] => Some(("&quot;", 1)),
        [b'\'', ..] => Some(("&#39;", 1)),
        [0xc2, 0x80..=0x9f, ..] => Some((" ", 2)),
        [0xef, 0xbf, 0xbe | 0xbf, ..] => Some((" ", 3)),
        [0xc2 | 0xef, ..] => None,
        _ => Some((" ", 1)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn highlights_known_and_escapes_unknown() {
        let html = super::code_block("fn main() { let x = \"<b>\"; }\n", "rust");
        assert!(html.contains("hl-"), "{html}");
        assert!(!html.contains("<b>"));
        let plain = super::code_block("<b>", "nosuchlang");
        assert!(plain.contains("&lt;b&gt;"));
    }

    /// The escaping, a character at a time, as it was first written.
    fn by_char(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                '\t' | '\n' | '\r' => out.push(c),
                c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => out.push(' '),
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn escapes_as_a_character_at_a_time() {
        let samples = [
            "",
            "plain words",
            "Tom & Jerry's <b>\"bold\"</b>",
            "tab\there\nline\r\u{0}\u{1f}\u{7f}",
            "C1 \u{80}\u{85}\u{9f} and after \u{a0}\u{a9}\u{bf}",
            "\u{fffe}\u{ffff}\u{fffd}\u{ef00}\u{f000} end",
            "é ü £ € — “quotes” ‘single’ 😀",
            "&&<<>>",
        ];
        for s in samples {
            assert_eq!(super::escape(s), by_char(s), "{s:?}");
        }
        // Every character of the first two planes, alone and between text.
        for c in (0..0x2_0000u32).filter_map(char::from_u32) {
            let s = format!("a{c}b{c}");
            assert_eq!(super::escape(&s), by_char(&s), "{c:?}");
        }
        // Each character that may be replaced, at every place in a longer text.
        let odd = "&<>\"'\u{0}\t\n\r\u{1f}\u{7f}\u{80}\u{9f}\u{a0}\u{fffe}\u{ffff}\u{fffd}é";
        for c in odd.chars() {
            for at in 0..20 {
                let s = format!("{}{c}{}", "x".repeat(at), "y".repeat(20 - at));
                assert_eq!(super::escape(&s), by_char(&s), "{s:?}");
            }
        }
    }
}
