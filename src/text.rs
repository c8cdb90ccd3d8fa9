//! Small text helpers every stage shares: line numbers, slugs, dates and lists.

pub use crate::diag::line_of_offset;

/// A slug is what appears in a URL: lowercase ASCII letters, digits and single hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Bytes as text: UTF-16 after a byte-order mark, else UTF-8 where it is valid (the rest
/// replaced), as a browser or text editor opens a file of unknown kind.
pub fn decoded(bytes: &[u8]) -> String {
    let utf16 = |rest: &[u8], from: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| from([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    };
    match bytes {
        [0xfe, 0xff, rest @ ..] => utf16(rest, u16::from_be_bytes),
        [0xff, 0xfe, rest @ ..] => utf16(rest, u16::from_le_bytes),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Parses an ISO date such as `2021-09-24`.
pub fn parse_date(s: &str) -> Option<time::Date> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.trim(), fmt).ok()
}

/// `2021-09-24`
pub fn iso_date(d: time::Date) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    d.format(fmt).unwrap_or_default()
}

/// `Friday 24 September 2021`, as councils write dates on agendas.
pub fn long_date(d: time::Date) -> String {
    format!("{} {} {} {}", d.weekday(), d.day(), d.month(), d.year())
}

/// `24 September 2021`
pub fn short_date(d: time::Date) -> String {
    format!("{} {} {}", d.day(), d.month(), d.year())
}

/// Parses a 24-hour time such as `09:30`.
pub fn parse_time(s: &str) -> Option<time::Time> {
    let fmt = time::macros::format_description!("[hour]:[minute]");
    time::Time::parse(s.trim(), fmt).ok()
}

/// `9.30am`, `2.00pm`: the house style of council agendas.
pub fn clock_time(t: time::Time) -> String {
    let (h, m) = (t.hour(), t.minute());
    let suffix = if h < 12 { "am" } else { "pm" };
    let h12 = match h % 12 {
        0 => 12,
        h => h,
    };
    format!("{h12}.{m:02}{suffix}")
}

/// Joins words as "1", "1 and 2", "1, 2 and 3".
pub fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Characters that show nothing and do not separate words on screen: every one of
/// Unicode's Default_Ignorable_Code_Point (tag characters and musical beams among them:
/// a browser and a pack draw a word with one inside it whole), and the format controls
/// that draw nothing (interlinear annotation, Egyptian hieroglyph joiners).
pub fn invisible(ch: char) -> bool {
    matches!(ch,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}' | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// `%` escapes undone, as in an address; a `%` not followed by two hex digits stays.
pub fn percent_decoded(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], escaped_byte(bytes, i)) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// `text` with its `%` escapes undone, as its reader sees an address (a link that opens
/// an e-mail with "The%20lowest%20tender" in its body shows "The lowest tender"), if it
/// has any.
pub fn percent_unescaped(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let escaped = (0..bytes.len()).any(|i| bytes[i] == b'%' && escaped_byte(bytes, i).is_some());
    escaped.then(|| String::from_utf8_lossy(&percent_decoded(text)).into_owned())
}

/// `text` with the escapes of a JavaScript string undone (`\n`, `\x20`, `\u0020`,
/// `\u{20}`), as a script's reader sees the message it writes: a PDF's "Email the
/// clerk" button whose script fills in an e-mail (red-team round 18). `None` if it has
/// no backslash.
pub fn js_unescaped(text: &str) -> Option<String> {
    if !text.contains('\\') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            out.push(ch);
            continue;
        }
        let hex = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>, n: usize| {
            let digits: String = (0..n)
                .filter_map(|_| chars.next_if(char::is_ascii_hexdigit))
                .collect();
            u32::from_str_radix(&digits, 16)
                .ok()
                .and_then(char::from_u32)
        };
        match chars.next() {
            Some('n' | 'r' | 't' | 'f' | 'v') => out.push(' '),
            Some('x') => out.extend(hex(&mut chars, 2)),
            Some('u') if chars.next_if_eq(&'{').is_some() => {
                out.extend(hex(&mut chars, 6));
                chars.next_if_eq(&'}');
            }
            Some('u') => out.extend(hex(&mut chars, 4)),
            Some(other) => out.push(other),
            None => {}
        }
    }
    Some(out)
}

/// The byte an escape at `i` (`%2B`, or `=2B` in quoted-printable) stands for: the two
/// hex digits after it.
pub fn escaped_byte(bytes: &[u8], i: usize) -> Option<u8> {
    let hex = bytes.get(i + 1..i + 3)?;
    let digit = |b: u8| char::from(b).to_digit(16);
    Some((digit(hex[0])? * 16 + digit(hex[1])?) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn javascript_escapes_are_undone() {
        assert_eq!(js_unescaped("no escapes"), None);
        assert_eq!(
            js_unescaped(r#"The\x20lowest\u0020tender\ncame\u{20}from \"Zorblax\""#).as_deref(),
            Some("The lowest tender came from \"Zorblax\"")
        );
        // An escape cut short keeps what it has, and never panics.
        assert_eq!(js_unescaped(r"a\x4").as_deref(), Some("a\u{4}"));
        assert_eq!(js_unescaped("end\\").as_deref(), Some("end"));
    }

    #[test]
    fn slugs() {
        assert!(is_slug("corporate-parenting-panel"));
        assert!(is_slug("2021-09-24-extraordinary"));
        assert!(!is_slug("Cabinet"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("with space"));
        assert!(!is_slug(""));
    }

    #[test]
    fn dates_and_times() {
        let d = parse_date("2021-09-24").unwrap();
        assert_eq!(long_date(d), "Friday 24 September 2021");
        assert_eq!(iso_date(d), "2021-09-24");
        assert!(parse_date("2021-02-30").is_none());
        assert_eq!(clock_time(parse_time("09:30").unwrap()), "9.30am");
        assert_eq!(clock_time(parse_time("14:00").unwrap()), "2.00pm");
        assert_eq!(clock_time(parse_time("12:15").unwrap()), "12.15pm");
        assert!(parse_time("25:00").is_none());
    }

    #[test]
    fn lines_and_lists() {
        assert_eq!(line_of_offset("a\nb\nc", 4), 3);
        assert_eq!(line_of_offset("a", 0), 1);
        assert_eq!(
            and_list(&["1".into(), "2".into(), "3".into()]),
            "1, 2 and 3"
        );
        assert_eq!(and_list(&["1".into()]), "1");
    }
}

/// Edit distance between two strings, by characters (Levenshtein).
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}

/// The candidate an officer most likely meant by a near miss (`m-simons` for
/// `m-simmons`, `exmept` for `exempt`), if one is close enough.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (input.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (distance(input, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod suggestion_tests {
    use super::did_you_mean;

    #[test]
    fn near_misses_get_a_suggestion() {
        assert_eq!(
            did_you_mean("m-simons", ["m-simmons", "a-chair"]),
            Some("m-simmons")
        );
        assert_eq!(
            did_you_mean("exmept", ["title", "exempt", "items"]),
            Some("exempt")
        );
        assert_eq!(did_you_mean("zzz", ["title", "exempt"]), None);
    }
}
