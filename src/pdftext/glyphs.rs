//! The text of a simple font without a ToUnicode map, from the glyph names its
//! `/Encoding` gives in `/Differences`.
//!
//! pdfTeX writes no ToUnicode map unless told to, and names its ligatures (`/fi`,
//! `/ffl`) at codes below 32: read as Latin-1, every "fi" was a control character, which
//! parts a word, so no phrase of a LaTeX appendix with a ligature in every few words
//! could be found. `pdftotext` reads the names; so does this, for the names a text face
//! uses (Adobe's standard names, `uniXXXX` and `uXXXX`, ligatures joined by `_`, and
//! variants after a `.`). A name it does not know stands for nothing.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

/// Every code of the font's encoding: Latin-1 (close enough to the standard
/// encodings), with its `/Differences` by glyph name. `None` if it has no differences.
pub fn encoding(doc: &Document, font: &Dictionary) -> Option<HashMap<u32, String>> {
    let encoding = doc.dereference(font.get(b"Encoding").ok()?).ok()?.1;
    let differences = encoding.as_dict().ok()?.get(b"Differences").ok()?;
    let differences = doc.dereference(differences).ok()?.1.as_array().ok()?;
    let mut map: HashMap<u32, String> = (0..=255u8)
        .map(|b| (u32::from(b), char::from(b).to_string()))
        .collect();
    let mut code: Option<u32> = None;
    for item in differences {
        match item {
            Object::Integer(n) => code = u32::try_from(*n).ok(),
            Object::Name(name) => {
                let Some(c) = code.filter(|c| *c <= 255) else {
                    continue;
                };
                match text(&String::from_utf8_lossy(name)) {
                    Some(t) => map.insert(c, t),
                    None => map.remove(&c),
                };
                code = Some(c + 1);
            }
            _ => {}
        }
    }
    Some(map)
}

/// The text a glyph name stands for, if known.
pub fn text(name: &str) -> Option<String> {
    // A variant ("a.sc", "one.oldstyle") is its glyph's text.
    let name = name.split('.').next()?;
    if name.contains('_') {
        return name.split('_').map(text).collect();
    }
    let hex = |h: &str| u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    if let Some(h) = name
        .strip_prefix("uni")
        .filter(|h| h.len() % 4 == 0 && !h.is_empty())
        && let Some(t) = (0..h.len() / 4)
            .map(|i| h.get(i * 4..i * 4 + 4).and_then(hex))
            .collect::<Option<String>>()
    {
        return Some(t);
    }
    if let Some(c) = (name.strip_prefix('u'))
        .filter(|h| (4..=6).contains(&h.len()))
        .and_then(hex)
    {
        return Some(c.to_string());
    }
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_ascii_alphabetic().then(|| c.to_string());
    }
    named(name).map(str::to_string).or_else(|| accented(name))
}

/// The names of a text face's other glyphs.
fn named(name: &str) -> Option<&'static str> {
    Some(match name {
        "ff" => "ff",
        "fi" => "fi",
        "fl" => "fl",
        "ffi" => "ffi",
        "ffl" => "ffl",
        "germandbls" => "ss",
        "ae" | "AE" => "ae",
        "oe" | "OE" => "oe",
        "oslash" | "Oslash" => "o",
        "dotlessi" => "i",
        "zero" => "0",
        "one" => "1",
        "two" => "2",
        "three" => "3",
        "four" => "4",
        "five" => "5",
        "six" => "6",
        "seven" => "7",
        "eight" => "8",
        "nine" => "9",
        "space" | "nbspace" => " ",
        "hyphen" | "minus" => "-",
        "endash" => "–",
        "emdash" => "—",
        "period" => ".",
        "comma" => ",",
        "colon" => ":",
        "semicolon" => ";",
        "exclam" => "!",
        "question" => "?",
        "quoteright" | "quotesingle" => "’",
        "quoteleft" => "‘",
        "quotedblleft" => "“",
        "quotedblright" | "quotedbl" => "”",
        "parenleft" => "(",
        "parenright" => ")",
        "bracketleft" => "[",
        "bracketright" => "]",
        "slash" => "/",
        "percent" => "%",
        "ampersand" => "&",
        "sterling" => "£",
        "Euro" => "€",
        "dollar" => "$",
        "at" => "@",
        "bullet" => "•",
        _ => return None,
    })
}

/// A letter with an accent ("eacute", "Ccedilla"): the letter, since the gate passes
/// over accents.
fn accented(name: &str) -> Option<String> {
    const ACCENTS: [&str; 10] = [
        "acute",
        "grave",
        "circumflex",
        "dieresis",
        "tilde",
        "ring",
        "cedilla",
        "caron",
        "macron",
        "breve",
    ];
    let mut chars = name.chars();
    let letter = chars.next().filter(char::is_ascii_alphabetic)?;
    ACCENTS
        .contains(&chars.as_str())
        .then(|| letter.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_as_their_text() {
        let read = |n: &str| text(n);
        assert_eq!(read("fi").as_deref(), Some("fi"));
        assert_eq!(read("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(read("a.sc").as_deref(), Some("a"));
        assert_eq!(read("uni00660069").as_deref(), Some("fi"));
        assert_eq!(read("u1F600").as_deref(), Some("😀"));
        assert_eq!(read("eacute").as_deref(), Some("e"));
        assert_eq!(read("uacute").as_deref(), Some("u"));
        assert_eq!(read("Z").as_deref(), Some("Z"));
        assert_eq!(read("sterling").as_deref(), Some("£"));
        assert_eq!(read("g123"), None);
    }
}
