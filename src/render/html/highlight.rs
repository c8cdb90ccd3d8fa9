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
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters pasted from a word processor (a manual line break, a
            // page break) are not allowed in XML or HTML: a feed holding one is refused
            // whole by feed readers.
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
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
}
