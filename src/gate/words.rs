//! Words as the gate compares them, and the readable text of each kind of artefact.
//!
//! Every text, source or artefact, is reduced to its words: lowercase letters and digits,
//! with every other character a separator, one space between words and one at each end.
//! A pattern " w1 w2 … " then matches whole words only, whatever the markup, punctuation,
//! line breaks or capitals around them.
//!
//! Text is folded as a reader sees it, so that what looks the same compares the same:
//! compatibility forms are decomposed (the ligature "ﬁ" is "fi", a full-width "Ａ" is
//! "a"), accents are dropped ("é" and "e" followed by a combining accent are both "e"),
//! and invisible characters inside a word (soft hyphens, zero-width spaces, joiners,
//! direction marks) are ignored rather than splitting it. An ampersand is the word
//! "and".

/// The words of `text`, in the gate's normal form.
pub fn normal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    push_normal(text, &mut out);
    out
}

/// Appends the words of `text` to a normal form that ends in a space.
pub fn push_normal(text: &str, out: &mut String) {
    let mut in_word = false;
    for ch in text.chars() {
        fold(ch, |c| match c {
            Some(c) => {
                out.push(c);
                in_word = true;
            }
            None if in_word => {
                out.push(' ');
                in_word = false;
            }
            None => {}
        });
    }
    if in_word {
        out.push(' ');
    }
}

/// Folds one character: `emit(Some(c))` for each lowercase letter or digit it stands for,
/// `emit(None)` if it separates words, nothing at all if it is invisible.
fn fold(ch: char, mut emit: impl FnMut(Option<char>)) {
    // "O'Brien & Co" is read "O'Brien and Co" (a red-team session, 4 December 2026,
    // published a withheld title so).
    if ch == '&' {
        emit(None);
        "and".chars().for_each(|c| emit(Some(c)));
        return emit(None);
    }
    if ch.is_ascii() {
        return emit(ch.is_ascii_alphanumeric().then(|| ch.to_ascii_lowercase()));
    }
    if crate::text::invisible(ch) {
        return;
    }
    unicode_normalization::char::decompose_compatible(ch, |d| {
        if unicode_normalization::char::is_combining_mark(d) || crate::text::invisible(d) {
            return;
        }
        if let Some(latin) = latin_look_alike(d) {
            emit(Some(latin));
        } else if d.is_alphanumeric() {
            d.to_lowercase().for_each(|l| emit(Some(l)));
        } else {
            emit(None);
        }
    });
}

/// The Latin letter (lower case) that a letter of another script looks like, so that a
/// sentence retyped with look-alike letters (`Holly Gаrth` with a Cyrillic `а`) reads as
/// the same words. Capitals and small letters are mapped each by its own look: Greek `Υ`
/// looks like `Y` but `υ` like `u`. Letters with no Latin twin are left alone.
fn latin_look_alike(c: char) -> Option<char> {
    let latin = match c {
        // Cyrillic capitals and small letters.
        'А' | 'а' => 'a',
        'В' | 'в' | 'Ь' | 'ь' => 'b',
        'С' | 'с' | 'Ϲ' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'Е' | 'е' => 'e',
        'Ԍ' | 'ԍ' => 'g',
        'Н' | 'н' | 'һ' | 'Һ' => 'h',
        'І' | 'і' | 'Ӏ' => 'i',
        'ӏ' => 'l',
        'Ј' | 'ј' | 'ϳ' => 'j',
        'К' | 'к' => 'k',
        'М' | 'м' => 'm',
        'О' | 'о' => 'o',
        'Р' | 'р' => 'p',
        'Ԛ' | 'ԛ' => 'q',
        'Ѕ' | 'ѕ' => 's',
        'Т' | 'т' => 't',
        'Ѵ' | 'ѵ' => 'v',
        'Ԝ' | 'ԝ' => 'w',
        'Х' | 'х' => 'x',
        'У' | 'у' | 'Ү' | 'ү' => 'y',
        // Greek: capitals by their look, small letters by theirs.
        'Α' | 'α' => 'a',
        'Β' | 'β' => 'b',
        'Ε' => 'e',
        'Ζ' => 'z',
        'Η' => 'h',
        'Ι' | 'ι' => 'i',
        'Κ' | 'κ' => 'k',
        'Μ' => 'm',
        'Ν' | 'η' => 'n',
        'ν' => 'v',
        'Ο' | 'ο' => 'o',
        'Ρ' | 'ρ' => 'p',
        'Τ' | 'τ' => 't',
        'Υ' | 'γ' => 'y',
        'υ' => 'u',
        'Χ' | 'χ' => 'x',
        // Latin small capitals, and letters without their dot.
        'ᴀ' => 'a',
        'ʙ' => 'b',
        'ᴄ' => 'c',
        'ᴅ' => 'd',
        'ᴇ' => 'e',
        'ꜰ' => 'f',
        'ɢ' => 'g',
        'ʜ' => 'h',
        'ɪ' | 'ı' => 'i',
        'ᴊ' | 'ȷ' => 'j',
        'ᴋ' => 'k',
        'ʟ' => 'l',
        'ᴍ' => 'm',
        'ɴ' => 'n',
        'ᴏ' => 'o',
        'ᴘ' => 'p',
        'ꞯ' => 'q',
        'ʀ' => 'r',
        'ꜱ' => 's',
        'ᴛ' => 't',
        'ᴜ' => 'u',
        'ᴠ' => 'v',
        'ᴡ' => 'w',
        'ʏ' => 'y',
        'ᴢ' => 'z',
        // Armenian letters that look Latin.
        'օ' => 'o',
        'ս' => 'u',
        'հ' => 'h',
        'ո' => 'n',
        // Latin letters of phonetics, and a click, drawn as plain letters in text faces.
        'ɑ' => 'a',
        'ɡ' => 'g',
        'ɩ' => 'i',
        'ǀ' => 'l',
        // Coptic.
        'Ⲟ' | 'ⲟ' => 'o',
        'Ⲣ' | 'ⲣ' => 'p',
        'Ⲥ' | 'ⲥ' => 'c',
        // Lisu, whose letters are Latin capitals (some turned, which are left alone).
        'ꓐ' => 'b',
        'ꓑ' => 'p',
        'ꓓ' => 'd',
        'ꓔ' => 't',
        'ꓖ' => 'g',
        'ꓗ' => 'k',
        'ꓙ' => 'j',
        'ꓚ' => 'c',
        'ꓜ' => 'z',
        'ꓝ' => 'f',
        'ꓟ' => 'm',
        'ꓠ' => 'n',
        'ꓡ' => 'l',
        'ꓢ' => 's',
        'ꓣ' => 'r',
        'ꓦ' => 'v',
        'ꓧ' => 'h',
        'ꓪ' => 'w',
        'ꓫ' => 'x',
        'ꓬ' => 'y',
        'ꓮ' => 'a',
        'ꓰ' => 'e',
        'ꓲ' => 'l',
        'ꓳ' => 'o',
        'ꓴ' => 'u',
        // Cherokee capitals, and their small letters (which look the same).
        '\u{AB70}'..='\u{ABBF}' => {
            return char::from_u32(c as u32 - 0xAB70 + 0x13A0).and_then(latin_look_alike);
        }
        'Ꭰ' => 'd',
        'Ꭱ' | 'Ꮢ' => 'r',
        'Ꭲ' => 't',
        'Ꭵ' => 'i',
        'Ꭹ' => 'y',
        'Ꭺ' => 'a',
        'Ꭻ' => 'j',
        'Ꭼ' => 'e',
        'Ꮃ' | 'Ꮤ' => 'w',
        'Ꮇ' => 'm',
        'Ꮋ' => 'h',
        'Ꮐ' => 'g',
        'Ꮒ' => 'h',
        'Ꮓ' => 'z',
        'Ꮟ' => 'b',
        'Ꮥ' | 'Ꮪ' => 's',
        'Ꮭ' | 'Ꮮ' => 'l',
        'Ꮯ' => 'c',
        'Ꮲ' => 'p',
        'Ꮩ' => 'v',
        'Ꮶ' => 'k',
        'Ᏼ' => 'b',
        _ => return None,
    };
    Some(latin)
}

/// The byte offset in `text` at which the words of `pattern` (in normal form) start,
/// so a message can name the line of a withheld passage.
pub fn locate(text: &str, pattern: &str) -> Option<usize> {
    let want: Vec<&str> = pattern.split_whitespace().collect();
    let first = *want.first()?;
    let words: Vec<(usize, String)> = word_offsets(text);
    words.windows(want.len()).find_map(|w| {
        (w[0].1 == first && w.iter().zip(&want).all(|((_, a), b)| a == b)).then_some(w[0].0)
    })
}

fn word_offsets(text: &str) -> Vec<(usize, String)> {
    let mut words = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, ch) in text.char_indices() {
        fold(ch, |c| match c {
            Some(c) => current.get_or_insert_with(|| (i, String::new())).1.push(c),
            None => words.extend(current.take()),
        });
    }
    words.extend(current);
    words
}

/// What the gate reads in one artefact, by its kind: each string is scanned on its own.
pub fn readable(path: &str, bytes: &[u8]) -> Vec<String> {
    // `REPORT.HTM` is a web page as much as `report.htm`.
    let ext = (path.rsplit_once('.')).map_or(String::new(), |(_, e)| e.to_ascii_lowercase());
    let ext = ext.as_str();
    match ext {
        // The search index (Pagefind). Its files are gzip-compressed, and start with
        // "pagefind_dcd" once decompressed. A fragment is JSON holding one page's title,
        // place and whole text; filters and meta are CBOR holding filter values, titles
        // of index chunks and fragment names: every string in them is read.
        "pf_fragment" | "pf_filter" | "pf_meta" => {
            let Some((inner, _)) = gunzip(bytes) else {
                // Not gzip after all: read it as it is.
                return vec![normal(&String::from_utf8_lossy(bytes))];
            };
            let inner = inner.strip_prefix(b"pagefind_dcd").unwrap_or(&inner);
            if ext == "pf_fragment" {
                json_readings(&String::from_utf8_lossy(inner))
            } else {
                vec![normal(&cbor_text(inner))]
            }
        }
        // Index chunks hold single words (stemmed, each with the numbers of the pages it
        // is on), never a run of words, so no phrase can be found in them; the same words
        // are read in order in the fragments above. Skipped.
        "pf_index" => Vec::new(),
        // Pagefind's own search program (WebAssembly), the same in every build.
        "pagefind" => Vec::new(),
        _ => readable_text(ext, bytes),
    }
}

/// The most a gzip file is unpacked to.
pub const GUNZIP_LIMIT: u64 = 256 << 20;

/// A gzip file's contents, if it is one, and whether they were read to their end: at
/// most [`GUNZIP_LIMIT`], so a damaged or hostile file cannot exhaust the memory. A
/// stream cut short, or followed by other bytes, is read as far as it goes, as `zcat`
/// and browsers read it.
pub(super) fn gunzip(bytes: &[u8]) -> Option<(Vec<u8>, bool)> {
    use std::io::Read;
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return None;
    }
    let mut out = Vec::new();
    // On an error, what was unpacked before it is already in `out`.
    let _ = flate2::read::MultiGzDecoder::new(bytes)
        .take(GUNZIP_LIMIT + 1)
        .read_to_end(&mut out);
    let whole = out.len() as u64 <= GUNZIP_LIMIT;
    out.truncate(GUNZIP_LIMIT as usize);
    Some((out, whole))
}

/// Every text string of a CBOR file, one a line. Items are read in order (an array's or
/// a map's items follow its head), so one pass finds every string however deep; a
/// damaged file is read up to the fault, then as raw text.
fn cbor_text(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut at = 0;
    while at < bytes.len() {
        let head = bytes[at];
        at += 1;
        let (major, info) = (head >> 5, head & 0x1f);
        let arg = match info {
            0..=23 => Some(u64::from(info)),
            24..=27 => {
                let n = 1usize << (info - 24);
                let Some(b) = bytes.get(at..at + n) else {
                    break;
                };
                at += n;
                Some(b.iter().fold(0u64, |v, &x| (v << 8) | u64::from(x)))
            }
            // Indefinite length (the chunks of a string follow) or a "break".
            31 => None,
            _ => break,
        };
        // Byte and text strings: the text is kept, bytes are skipped. Numbers, array
        // and map heads, tags, simple values and floats are passed over: their items
        // (if any) follow.
        if let (2 | 3, Some(len)) = (major, arg) {
            let Some(end) = usize::try_from(len).ok().and_then(|l| at.checked_add(l)) else {
                break;
            };
            let Some(b) = bytes.get(at..end) else {
                break;
            };
            if major == 3 {
                out.push_str(&String::from_utf8_lossy(b));
                out.push('\n');
            }
            at = end;
        }
    }
    if at < bytes.len() {
        out.push_str(&String::from_utf8_lossy(&bytes[at..]));
    }
    out
}

/// A JSON file's strings (a data file's, a search fragment's): as a reader sees them
/// (markup inside taken out), as written, and with words run together taken apart.
fn json_readings(json: &str) -> Vec<String> {
    let strings = json_text(json);
    let shown = strip_tags(&strings);
    let mut out = vec![normal(&shown), normal(&strings)];
    out.extend(apart(&shown).map(|t| normal(&t)));
    out
}

/// What the gate reads in a file of text or markup, by its extension.
fn readable_text(ext: &str, bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    match ext {
        // Markup: the text a reader sees (tags as spaces, so inline markup does not break
        // a phrase), and everything else the file holds (attributes, addresses, comments).
        // Tags are stripped before entities are decoded: a "<" the reader sees is written
        // "&lt;", and must not hide the text after it.
        "html" | "htm" | "xml" | "svg" | "atom" | "rss" => split_markup(&text).readings(),
        "json" => json_readings(&text),
        "ics" => vec![normal(&unescape_ics(&text))],
        // A script, and its strings as it writes them (`\u0020` for a space).
        "js" | "mjs" => {
            let mut out = vec![normal(&text)];
            out.extend(crate::text::js_unescaped(&text).map(|t| normal(&t)));
            out
        }
        // Rich Text, as Word saves it: its control words between the runs of a sentence
        // would break every phrase.
        "rtf" => vec![normal(&rtf_text(&text))],
        // Fonts, images and the like carry no text an officer wrote.
        "woff" | "woff2" | "ttf" | "otf" | "png" | "jpg" | "jpeg" | "gif" | "webp" | "ico" => {
            Vec::new()
        }
        // Anything else as it is, and, if it looks like markup (a web page saved as
        // `.xhtml`, `.shtml`, or with no extension), as markup too: tags between the
        // words would otherwise break every phrase.
        _ => {
            let mut out = vec![normal(&text)];
            out.extend(apart(&text).map(|t| normal(&t)));
            if text.trim_start().starts_with('<') {
                out.extend(split_markup(&text).readings());
            }
            out
        }
    }
}

/// The text of a Rich Text file: control words (`\insrsid123`), `\'hh` escapes and
/// braces taken out, so that the runs Word writes a sentence in join up again. A
/// paragraph, line, tab or table cell is a space.
fn rtf_text(rtf: &str) -> String {
    let mut out = String::with_capacity(rtf.len());
    let mut chars = rtf.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '{' | '}' | '\r' | '\n' => {}
            '\\' => match chars.peek().copied() {
                Some(c) if c.is_ascii_alphabetic() => {
                    let mut word = String::new();
                    while let Some(c) = chars.next_if(|c| c.is_ascii_alphabetic()) {
                        word.push(c);
                    }
                    while chars.next_if(|c| c.is_ascii_digit() || *c == '-').is_some() {}
                    chars.next_if_eq(&' ');
                    if matches!(word.as_str(), "par" | "line" | "tab" | "cell" | "row") {
                        out.push(' ');
                    }
                }
                Some('\'') => {
                    chars.next();
                    let hex: String = chars.by_ref().take(2).collect();
                    if let Ok(b) = u8::from_str_radix(&hex, 16) {
                        // Windows-1252 for the letters Word writes this way; the rest
                        // of the byte range is Latin-1 there too.
                        out.push(char::from(b));
                    }
                }
                Some(c) => {
                    chars.next();
                    out.push(c);
                }
                None => {}
            },
            c => out.push(c),
        }
    }
    out
}

/// Markup read in one pass (see [`split_markup`]).
struct Markup {
    /// The text a reader sees, each tag a space.
    words: String,
    /// Everything inside the tags.
    attributes: String,
    /// The text a reader sees with the tags of inline elements inside a word
    /// (`Zo<em>rblax</em>`) joining its letters, as a browser draws them; only if
    /// there is such a tag.
    joined: Option<String>,
    /// The text a reader sees without its superscripts, so that a footnote's number
    /// does not stick to the word it follows ("Quokkaplex¹ grievance appeal": round 19);
    /// only if there is one.
    unraised: Option<String>,
}

impl Markup {
    /// The readings the gate scans, each in normal form.
    fn readings(self) -> Vec<String> {
        let attributes = decode_entities(&self.attributes);
        let words = decode_entities(&self.words);
        let mut out = vec![normal(&words) + &normal(&attributes)];
        out.extend(self.joined.map(|j| normal(&decode_entities(&j))));
        out.extend(self.unraised.map(|u| normal(&decode_entities(&u))));
        out.extend(apart(&words).map(|t| normal(&t)));
        // An address as its reader sees it: a `mailto:` link whose body is
        // "The%20lowest%20tender..." opens an e-mail saying so (round 17).
        out.extend(crate::text::percent_unescaped(&attributes).map(|a| normal(&a)));
        out
    }
}

/// The text with words an officer ran together taken apart, if it has any: the letters
/// of a word split at each capital after a small letter where the word has two such
/// places or more ("QuokkaplexGrievanceAppeal"), and a word broken with a hyphen at the
/// end of a Markdown line ("griev-" then "ance", which reaches the page as "griev- ance")
/// joined again. Round 18 found a hidden title published both ways. `None` for the usual
/// page, which has neither: it is then not read again.
pub fn apart(text: &str) -> Option<String> {
    if !run_together_in(text) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // A hyphen after a letter, then spaces, then a small letter: one word.
        if is_hyphen(c) && i > 0 && chars[i - 1].is_alphabetic() {
            let mut j = i + 1;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if j > i + 1 && chars.get(j).is_some_and(|n| n.is_lowercase()) {
                changed = true;
                i = j;
                continue;
            }
        }
        if c.is_alphanumeric() {
            let end = (i..chars.len())
                .find(|&k| !chars[k].is_alphanumeric())
                .unwrap_or(chars.len());
            let word = &chars[i..end];
            // A small letter then a capital: where a run-together word is taken apart.
            let hump = |k: usize| k > 0 && word[k - 1].is_lowercase() && word[k].is_uppercase();
            let split = (1..word.len()).filter(|&k| hump(k)).count() >= 2;
            for (k, &ch) in word.iter().enumerate() {
                if split && hump(k) {
                    out.push(' ');
                    changed = true;
                }
                out.push(ch);
            }
            i = end;
            continue;
        }
        out.push(c);
        i += 1;
    }
    changed.then_some(out)
}

/// `text` with a space where a word a file name runs into the next one shows it: before
/// a capital that follows a small letter (`QuokkaplexComplaint`), and between letters and
/// figures (`Complaint2021`). `None` if there is no such place.
pub fn split_at_capitals(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 8);
    let mut before: Option<char> = None;
    let mut split = false;
    for c in text.chars() {
        if let Some(b) = before {
            let case = b.is_lowercase() && c.is_uppercase();
            let figure = (b.is_alphabetic() && c.is_ascii_digit())
                || (b.is_ascii_digit() && c.is_alphabetic());
            if case || figure {
                out.push(' ');
                split = true;
            }
        }
        out.push(c);
        before = Some(c);
    }
    split.then_some(out)
}

/// Text in normal form with each footnote's number taken off the word it follows: a
/// word of two letters or more then one or two digits ("quokkaplex1") loses the digits.
/// `None` if there is no such word. A Word file (and a PDF that draws the number close
/// enough) shows the number raised, but its text joins it to the word.
pub fn without_note_numbers(text: &str) -> Option<String> {
    let noted = |w: &str| {
        let digits = w.len() - w.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let letters = &w[..w.len() - digits];
        (1..=2).contains(&digits)
            && letters.chars().count() >= 2
            && letters.chars().all(char::is_alphabetic)
    };
    if !text.split(' ').any(noted) {
        return None;
    }
    let words = text.split(' ').map(|w| match noted(w) {
        true => w.trim_end_matches(|c: char| c.is_ascii_digit()),
        false => w,
    });
    Some(words.collect::<Vec<_>>().join(" "))
}

/// A hyphen a word may be broken with: the keyboard's, and those pasted from Word or a
/// PDF (Unicode's hyphen, the non-breaking and the optional one; round 20).
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{00ad}')
}

/// Whether [`apart`] has anything to do, found without making anything: every page
/// the gate reads goes through this.
fn run_together_in(text: &str) -> bool {
    let (mut prev, mut humps) = (' ', 0);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_alphanumeric() {
            humps = 0;
        } else if prev.is_lowercase() && c.is_uppercase() {
            humps += 1;
            if humps >= 2 {
                return true;
            }
        }
        if is_hyphen(c) && prev.is_alphabetic() && chars.next_if(|n| n.is_whitespace()).is_some() {
            while chars.next_if(|n| n.is_whitespace()).is_some() {}
            if chars.peek().is_some_and(|n| n.is_lowercase()) {
                return true;
            }
            prev = ' ';
            continue;
        }
        prev = c;
    }
    false
}

/// Elements a browser draws inside a line of text: a tag of one between two letters
/// does not part them. An SVG `tspan` may be placed anywhere, but one that starts between
/// two letters most often continues a word (Illustrator starts one where kerning changes).
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "tspan", "u",
    "var", "wbr",
];

/// Markup split in one pass into the text a reader sees (each tag a space) and
/// everything inside its tags, each read as words: attribute values (alternative text,
/// titles, addresses, quoted or not) and comments (`<!-- … -->`), which a reader does
/// not see but anyone who opens the file can. Every tag is a space, since a tag may end
/// a block (a paragraph, a cell) with nothing between; where an inline element's tag
/// stands between two letters, a reading with those letters joined is made too.
fn split_markup(text: &str) -> Markup {
    let mut words = String::with_capacity(text.len());
    let mut attributes = String::new();
    let mut in_tag = false;
    let mut quote: Option<char> = None;
    // The name of the tag being read (while `naming`); the run of tags since the last
    // text (where its spaces start in `words`, whether a letter stood before it, and
    // whether all its tags are inline); the spaces of runs inside words.
    let (mut name, mut naming) = (String::new(), false);
    let mut run: Option<(usize, bool, bool)> = None;
    let mut joins: Vec<std::ops::Range<usize>> = Vec::new();
    // Whether the tag being read closes an element; where the open `<sup>` began in
    // `words`, and the spans of superscripts.
    let (mut closing, mut sup_at, mut sups) = (false, None, Vec::new());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if in_tag {
            if naming {
                match ch {
                    '/' if name.is_empty() => {
                        closing = true;
                        continue;
                    }
                    c if c.is_ascii_alphanumeric() => {
                        name.push(c.to_ascii_lowercase());
                        attributes.push(c);
                        continue;
                    }
                    _ => naming = false,
                }
            }
            match (quote, ch) {
                (Some(q), c) if c == q => {
                    quote = None;
                    attributes.push(' ');
                }
                (None, '"' | '\'') => {
                    quote = Some(ch);
                    attributes.push(' ');
                }
                (None, '>') => {
                    in_tag = false;
                    if let Some(r) = run.as_mut() {
                        r.2 &= INLINE.contains(&name.as_str());
                    }
                    if name == "sup" {
                        match (closing, sup_at) {
                            (true, Some(start)) => {
                                sups.push(start..words.len());
                                sup_at = None;
                            }
                            (false, None) => sup_at = Some(words.len() + 1),
                            _ => {}
                        }
                    }
                    words.push(' ');
                    attributes.push(' ');
                }
                (_, c) => attributes.push(c),
            }
        } else if ch == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
        {
            in_tag = true;
            name.clear();
            (naming, closing) = (true, false);
            if run.is_none() {
                let after_letter = words.chars().next_back().is_some_and(char::is_alphanumeric);
                run = Some((words.len(), after_letter, true));
            }
        } else {
            // Text after a run of inline tags between two letters (`Zo<em><b>rb`): the
            // run's spaces are inside a word.
            if let Some((start, after_letter, inline)) = run.take()
                && after_letter
                && inline
                && ch.is_alphanumeric()
            {
                joins.push(start..words.len());
            }
            // A character drawn raised or lowered ("Quokkaplexⁱ", "Quokkaplex¹²"), outside
            // a `<sup>`, is a superscript too (round 21).
            if sup_at.is_none() && is_raised(ch) {
                sups.push(words.len()..words.len() + ch.len_utf8());
            }
            words.push(ch);
        }
    }
    let joined = (!joins.is_empty()).then(|| without(&words, &joins));
    let unraised = (!sups.is_empty()).then(|| without(&words, &sups));
    Markup {
        words,
        attributes,
        joined,
        unraised,
    }
}

/// Whether `c` is a character drawn raised or lowered: a superscript or subscript digit,
/// sign or letter (`¹ ² ³ ⁱ ⁿ ₂`, the modifier letters `ᵃ` to `ᶻ`), as a footnote's
/// marker may be typed.
fn is_raised(c: char) -> bool {
    matches!(c, '\u{b2}' | '\u{b3}' | '\u{b9}' | '\u{2070}'..='\u{209f}' | '\u{1d2c}'..='\u{1d6a}' | '\u{1d9b}'..='\u{1dbf}')
}

/// `text` without the (ordered, separate) byte ranges `cut`.
pub(super) fn without(text: &str, cut: &[std::ops::Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for range in cut {
        out.push_str(&text[last..range.start]);
        last = range.end;
    }
    out.push_str(&text[last..]);
    out
}

/// Markup with every tag replaced by a space. A "<" not followed by a letter, "/", "!"
/// or "?" is text ("< 5", "<£1m"), as browsers read it.
pub fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '<' if !in_tag
                && chars
                    .peek()
                    .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')) =>
            {
                in_tag = true
            }
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out
}

/// HTML and XML character references, decoded: `O&#x27;Brien` must read as `O'Brien`.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map(|i| i + 1);
        let decoded = end
            .filter(|&e| rest.as_bytes().get(e) == Some(&b';'))
            .and_then(|e| entity(&rest[1..e]).map(|c| (c, e + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(n);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "rsquo" | "lsquo" => '\'',
        "ldquo" | "rdquo" => '"',
        "ndash" | "mdash" => '-',
        "pound" => '£',
        // The named references of ASCII's punctuation, which a browser decodes in an
        // address as in text: `data:image/jpeg&semi;base64&comma;…` is an address.
        "excl" => '!',
        "num" => '#',
        "dollar" => '$',
        "percnt" => '%',
        "lpar" => '(',
        "rpar" => ')',
        "ast" | "midast" => '*',
        "plus" => '+',
        "comma" => ',',
        "period" => '.',
        "sol" => '/',
        "colon" => ':',
        "semi" => ';',
        "equals" => '=',
        "quest" => '?',
        "commat" => '@',
        "lsqb" | "lbrack" => '[',
        "bsol" => '\\',
        "rsqb" | "rbrack" => ']',
        "Hat" => '^',
        "lowbar" | "UnderBar" => '_',
        "grave" => '`',
        "lcub" | "lbrace" => '{',
        "verbar" | "vert" | "VerticalLine" => '|',
        "rcub" | "rbrace" => '}',
        "Tab" => '\t',
        "NewLine" => '\n',
        _ => return None,
    })
}

/// Every string and key of a JSON file, one per line; the raw text if it is not JSON.
fn json_text(text: &str) -> String {
    fn walk(v: &serde_json::Value, out: &mut String) {
        match v {
            serde_json::Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(o) => o.iter().for_each(|(k, v)| {
                out.push_str(k);
                out.push('\n');
                walk(v, out);
            }),
            other => {
                out.push_str(&other.to_string());
                out.push('\n');
            }
        }
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) => {
            let mut out = String::new();
            walk(&v, &mut out);
            out
        }
        Err(_) => text.to_string(),
    }
}

/// iCalendar text: folded lines joined, escapes undone.
fn unescape_ics(text: &str) -> String {
    text.replace("\r\n ", "")
        .replace("\n ", "")
        .replace("\\n", " ")
        .replace("\\N", " ")
        .replace('\\', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_form_keeps_words_only() {
        assert_eq!(
            normal("The PRICE: £1.2m, (per year)!"),
            " the price 1 2m per year "
        );
        assert_eq!(normal(""), " ");
        assert_eq!(normal("don’t"), " don t ");
        assert_eq!(normal("Smith & Co"), normal("Smith and Co"));
        assert_eq!(normal("R&D"), " r and d ");
    }

    #[test]
    fn markup_does_not_break_a_phrase() {
        let html = "<p>the <em>secret</em> price of O&#x27;Brien&amp;Co</p>";
        let r = readable("a/index.html", html.as_bytes());
        assert!(
            r[0].contains(" the secret price of o brien and co "),
            "{r:?}"
        );
    }

    #[test]
    fn rich_text_is_read_as_its_words() {
        let rtf = r"{\rtf1\ansi{\fonttbl{\f0 Arial;}}\pard\f0 The lowest {\insrsid123 tender, from} Caf\'e9 Builders\par next}";
        let r = readable("a/Report.RTF", rtf.as_bytes());
        assert!(
            r[0].contains(" the lowest tender from cafe builders next "),
            "{r:?}"
        );
    }

    #[test]
    fn markup_under_any_name_is_read_as_markup_too() {
        let page = "<p>the <span>secret</span> price</p>";
        for name in ["a/page.HTM", "a/page.xhtml", "a/page"] {
            let r = readable(name, page.as_bytes());
            assert!(
                r.iter().any(|t| t.contains(" the secret price ")),
                "{name}: {r:?}"
            );
        }
    }

    #[test]
    fn attributes_are_read_too() {
        let html =
            r#"<img alt="Secret plan of the depot" src="/files/secret-plan.png"><p>Visible</p>"#;
        let r = readable("a.html", html.as_bytes());
        assert_eq!(r.len(), 1);
        assert!(r[0].contains(" visible "), "{r:?}");
        assert!(r[0].contains(" secret plan of the depot "), "{r:?}");
        assert!(r[0].contains(" files secret plan png "), "{r:?}");
    }

    #[test]
    fn an_inline_tag_inside_a_word_joins_it_in_a_second_reading() {
        let html = "<p>Zo<em>rblax</em> <strong>Hold</strong>ings <a href=\"x\"><b>of</b></a>fered</p><td>one</td><td>two</td>";
        let r = readable("a.html", html.as_bytes());
        assert_eq!(r.len(), 2, "{r:?}");
        assert!(r[1].contains(" zorblax holdings offered one two "), "{r:?}");
        // The first reading parts them, as before: a block's tag between two words.
        assert!(
            r[0].contains(" zo rblax hold ings of fered one two "),
            "{r:?}"
        );
        // No such tag, no second reading.
        assert_eq!(readable("a.html", b"<p>the <em>price</em></p>").len(), 1);
    }

    #[test]
    fn a_footnotes_number_joined_to_its_word_is_taken_off() {
        assert_eq!(
            without_note_numbers(" the quokkaplex1 grievance appeal12 in 2021 a1 ").as_deref(),
            Some(" the quokkaplex grievance appeal in 2021 a1 ")
        );
        // Numbers that are not a footnote's: a year, a road, three digits.
        assert_eq!(without_note_numbers(" in 2021 the a167 and room123 "), None);
    }

    #[test]
    fn a_footnotes_number_is_left_out_in_a_reading() {
        let html = "<p>The Quokkaplex<sup class=\"footnote-ref\"><a href=\"#fn-q\" id=\"fr-q\">1</a></sup> grievance appeal, 2<sup>nd</sup> time</p>";
        let r = readable("a.html", html.as_bytes());
        assert!(
            r.iter()
                .any(|t| t.contains(" the quokkaplex grievance appeal 2 time ")),
            "{r:?}"
        );
        // The number is still read where it stands, joined to its word and apart.
        assert!(r[0].contains(" quokkaplex 1 grievance "), "{r:?}");
        assert!(
            r.iter().any(|t| t.contains(" quokkaplex1 grievance ")),
            "{r:?}"
        );
        // No superscript, no such reading.
        assert_eq!(readable("a.html", b"<p>the price</p>").len(), 1);
        // Raised characters typed as such: an endnote's numeral, a marker of two digits.
        for html in [
            "<p>The Quokkaplex\u{2071}\u{1d5b} grievance appeal</p>",
            "<p>The Quokkaplex\u{b9}\u{b2} grievance appeal</p>",
        ] {
            let r = readable("a.html", html.as_bytes());
            assert!(
                r.iter()
                    .any(|t| t.contains(" the quokkaplex grievance appeal ")),
                "{r:?}"
            );
        }
    }

    #[test]
    fn comments_and_unquoted_values_are_read_too() {
        let html = "<p>Hi</p><!-- the owner accepted £412,500 --><img alt=Holly-Garth-plan>";
        let r = readable("a.html", html.as_bytes());
        assert!(r[0].contains(" the owner accepted 412 500 "), "{r:?}");
        assert!(r[0].contains(" holly garth plan "), "{r:?}");
        // A tag ends a run of words on both sides: "p" and "hi" do not join.
        assert!(!r[0].contains(" phi "), "{r:?}");
    }

    #[test]
    fn json_strings_are_read_not_their_escapes() {
        let r = readable("s.json", br#"{"t":"line one\nline \"two\"","n":3}"#);
        assert!(r[0].contains(" line one line two "), "{r:?}");
    }

    #[test]
    fn words_run_together_are_taken_apart() {
        let apart = |t: &str| super::apart(t).map(|a| normal(&a));
        assert_eq!(
            apart("The QuokkaplexGrievanceAppeal was heard.").as_deref(),
            Some(" the quokkaplex grievance appeal was heard ")
        );
        assert_eq!(
            apart("The Quokkaplex griev- ance appeal").as_deref(),
            Some(" the quokkaplex grievance appeal ")
        );
        assert_eq!(apart("griev-\n  ance").as_deref(), Some(" grievance "));
        for hyphen in ['\u{2010}', '\u{2011}', '\u{00ad}'] {
            let text = format!("griev{hyphen} ance");
            assert_eq!(apart(&text).as_deref(), Some(" grievance "), "{text:?}");
        }
        // Ordinary words stay as they are, and are not read again: one capital inside
        // a word (PowerPoint, McDonald), a hyphen inside a word or before a capital or a
        // number, a dash between words.
        for text in [
            "A PowerPoint file from McDonald and iPhone users.",
            "A well-known two-year plan - agreed.",
            "North- East; items 3- 4",
        ] {
            assert_eq!(apart(text), None, "{text}");
        }
    }

    #[test]
    fn folded_calendar_lines_are_joined() {
        let r = readable("c.ics", b"SUMMARY:the secr\r\n et price\\, paid\r\n");
        assert!(r[0].contains(" the secret price paid "), "{r:?}");
    }

    #[test]
    fn locate_finds_the_first_word_of_a_phrase() {
        let text = "title: x\nbody: |\n  The Secret, price here\n";
        let at = locate(text, " the secret price ").unwrap();
        assert_eq!(&text[at..at + 3], "The");
        assert_eq!(locate(text, " no such words "), None);
    }

    #[test]
    fn what_looks_the_same_compares_the_same() {
        // Ligatures, full-width letters, decomposed and precomposed accents, soft hyphens
        // and zero-width spaces inside words.
        assert_eq!(normal("ﬁnal ＯＦＦＥＲ café"), " final offer cafe ");
        assert_eq!(
            normal("cafe\u{301} of\u{ad}fer zor\u{200b}blax"),
            " cafe offer zorblax "
        );
        let at = locate("x Zor\u{200b}blax Ltd", " zorblax ltd ").unwrap();
        assert_eq!(at, 2);
    }

    #[test]
    fn every_invisible_character_is_passed_over() {
        // Tag characters, musical beams and shorthand format controls inside words, as
        // a red-team session hid "Zorblax Holdings" from the gate (3 December 2026).
        assert_eq!(
            normal("Zo\u{E0020}rblax Ho\u{1D173}ldings pa\u{1BCA0}id"),
            " zorblax holdings paid "
        );
        assert_eq!(normal("hi\u{E007F}d\u{FFF9}den\u{3164}"), " hidden ");
    }

    #[test]
    fn phonetic_lisu_and_cherokee_look_alikes_read_as_latin() {
        assert_eq!(
            normal("Holdinɡs tweǀve Hoǀly ɑnd"),
            " holdings twelve holly and "
        );
        assert_eq!(normal("ꓧꓳꓡꓡꓬ ꓖꓮꓣꓔꓧ"), " holly garth ");
        // Ᏼ Ꭺ Ꮪ Ꭼ, the third as its small letter.
        assert_eq!(normal("\u{13F4}\u{13AA}\u{ABAA}\u{13AC}"), " base ");
    }

    #[test]
    fn cyrillic_and_greek_look_alikes_read_as_latin() {
        // "Holly Garth", "Zorblax", "PAY THE COST" retyped with look-alike letters.
        assert_eq!(normal("Hоlly Gаrth"), " holly garth ");
        assert_eq!(normal("ΖοrbΙαx"), " zorbiax ");
        assert_eq!(normal("РАУ ТНЕ СОЅТ"), " pay the cost ");
        // A Greek capital and small letter each by its own look; small capitals; the
        // dotless i; Cyrillic letters with a diaeresis fold as the plain letter.
        assert_eq!(
            normal("Υeoνil υnit ᴄᴜʀᴠᴇx ıtem ёxtra"),
            " yeovil unit curvex item extra "
        );
        // Letters with no Latin twin stay as they are.
        assert_eq!(normal("щ λ"), " щ λ ");
    }

    #[test]
    fn a_less_than_sign_in_text_hides_nothing() {
        let html = "<p>&lt;£1m offer from <a href=\"x\">Zorblax</a> Holdings</p>";
        let r = readable("a.html", html.as_bytes());
        assert!(r[0].contains(" 1m offer from zorblax holdings "), "{r:?}");
        let json = r#"{"t":"<£1m offer from Zorblax Holdings"}"#;
        let r = readable("redactions.json", json.as_bytes());
        assert!(
            r.iter()
                .any(|t| t.contains(" 1m offer from zorblax holdings ")),
            "{r:?}"
        );
    }

    #[test]
    fn unknown_entities_stay_as_written() {
        assert_eq!(
            decode_entities("a &bogus; b & c &#65;"),
            "a &bogus; b & c A"
        );
    }
}
