//! Words as the gate compares them, and the readable text of each kind of artefact.
//!
//! Every text, source or artefact, is reduced to its words: lowercase letters and digits,
//! with every other character a separator, one space between words and one at each end.
//! A pattern " w1 w2 … " then matches whole words only, whatever the markup, punctuation,
//! line breaks or capitals around them.

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
        if ch.is_alphanumeric() {
            out.extend(ch.to_lowercase());
            in_word = true;
        } else if in_word {
            out.push(' ');
            in_word = false;
        }
    }
    if in_word {
        out.push(' ');
    }
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
        if ch.is_alphanumeric() {
            current
                .get_or_insert_with(|| (i, String::new()))
                .1
                .extend(ch.to_lowercase());
        } else if let Some(w) = current.take() {
            words.push(w);
        }
    }
    words.extend(current);
    words
}

/// What the gate reads in one artefact, by its kind: each string is scanned on its own.
pub fn readable(path: &str, bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        // Markup: the text a reader sees (tags as spaces, so inline markup does not break
        // a phrase), and everything else the file holds (attributes, addresses).
        "html" | "htm" | "xml" | "svg" | "atom" | "rss" => {
            let decoded = decode_entities(&text);
            vec![normal(&strip_tags(&decoded)), normal(&decoded)]
        }
        "json" => vec![normal(&json_text(&text))],
        "ics" => vec![normal(&unescape_ics(&text))],
        // Fonts, images and the like carry no text an officer wrote.
        "woff" | "woff2" | "ttf" | "otf" | "png" | "jpg" | "jpeg" | "gif" | "webp" | "ico" => {
            Vec::new()
        }
        _ => vec![normal(&text)],
    }
}

/// Markup with every tag replaced by a space.
pub fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for ch in text.chars() {
        match ch {
            '<' => in_tag = true,
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
            // HTML inside JSON (a search excerpt) is read as a page would show it.
            strip_tags(&decode_entities(&out))
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
    }

    #[test]
    fn markup_does_not_break_a_phrase() {
        let html = "<p>the <em>secret</em> price of O&#x27;Brien&amp;Co</p>";
        let r = readable("a/index.html", html.as_bytes());
        assert!(r[0].contains(" the secret price of o brien co "), "{r:?}");
    }

    #[test]
    fn json_strings_are_read_not_their_escapes() {
        let r = readable("s.json", br#"{"t":"line one\nline \"two\"","n":3}"#);
        assert!(r[0].contains(" line one line two "), "{r:?}");
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
    fn unknown_entities_stay_as_written() {
        assert_eq!(
            decode_entities("a &bogus; b & c &#65;"),
            "a &bogus; b & c A"
        );
    }
}
