//! Pictures written into a page's content (`BI … ID <data> EI`, an "inline image": a
//! logo, a signature, a scanned line) cut out before lopdf reads the content. lopdf takes
//! only uncompressed ones in a few colours, and fails the whole content, hence the page,
//! on any other: a public PDF with a small compressed picture on a page could not be
//! read, and was refused. They hold no text.
//!
//! Where a picture's data ends is found as pdf.js finds it: at the first `EI` with white
//! space before it and after it, followed by no binary bytes. A viewer that measures the
//! data instead can only end it later, so every byte it reads as content is read here
//! as content too: never fewer words than a viewer shows.

use std::borrow::Cow;

/// The content with each inline image replaced by a space. Unchanged (and not copied)
/// when it has none.
pub(super) fn without_images(content: &[u8]) -> Cow<'_, [u8]> {
    if !content.windows(2).any(|w| w == b"BI") {
        return Cow::Borrowed(content);
    }
    let mut out = Vec::with_capacity(content.len());
    let mut copied = 0;
    let mut at = 0;
    while let Some((start, end)) = next_token(content, at) {
        at = end;
        if &content[start..end] != b"BI" {
            continue;
        }
        // Its dictionary runs to the `ID` token; its data starts after one white space.
        let mut data = None;
        while let Some((s, e)) = next_token(content, at) {
            at = e;
            if &content[s..e] == b"ID" {
                data = Some(e + 1);
                break;
            }
        }
        let Some(data) = data else {
            break;
        };
        let finish = image_end(content, data.min(content.len()));
        out.extend_from_slice(&content[copied..start]);
        out.push(b' ');
        copied = finish;
        at = finish;
    }
    out.extend_from_slice(&content[copied.min(content.len())..]);
    Cow::Owned(out)
}

/// The end of the `EI` that ends an image whose data starts at `data`, or the end of the
/// content if none does.
fn image_end(content: &[u8], data: usize) -> usize {
    let white = |i: usize| content.get(i).is_none_or(u8::is_ascii_whitespace);
    let mut i = data;
    while i + 1 < content.len() {
        let is_end = &content[i..i + 2] == b"EI"
            && (i == data || white(i - 1))
            && white(i + 2)
            && !binary(&content[(i + 2).min(content.len())..(i + 12).min(content.len())]);
        if is_end {
            return i + 2;
        }
        i += 1;
    }
    content.len()
}

/// Whether bytes hold something no content stream's operators do: a control character
/// or a byte above ASCII.
fn binary(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .any(|&b| b > 0x7e || (b < 0x20 && !b.is_ascii_whitespace() && b != 0))
}

/// The next token from `at`, as `(start, end)`: a string, a hex string, `<<` or `>>`, a
/// name, an array or procedure bracket, or a run of regular characters. Comments and
/// white space are passed over.
fn next_token(s: &[u8], mut at: usize) -> Option<(usize, usize)> {
    let delimiter = |b: u8| b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b) || b == 0;
    loop {
        match s.get(at)? {
            b if b.is_ascii_whitespace() || *b == 0 => at += 1,
            b'%' => {
                while s.get(at).is_some_and(|&b| b != b'\n' && b != b'\r') {
                    at += 1;
                }
            }
            _ => break,
        }
    }
    let start = at;
    let end = match s[at] {
        b'(' => string_end(s, at),
        b'<' if s.get(at + 1) == Some(&b'<') => at + 2,
        b'>' if s.get(at + 1) == Some(&b'>') => at + 2,
        b'<' => s[at..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(s.len(), |p| at + p + 1),
        b'/' => at + 1 + s[at + 1..].iter().take_while(|&&b| !delimiter(b)).count(),
        b'[' | b']' | b'{' | b'}' | b')' | b'>' => at + 1,
        _ => at + s[at..].iter().take_while(|&&b| !delimiter(b)).count(),
    };
    Some((start, end))
}

/// The end of a literal string that starts at `at`: its parentheses balance, and a
/// backslash escapes the next byte.
fn string_end(s: &[u8], at: usize) -> usize {
    let mut depth = 0;
    let mut i = at;
    while i < s.len() {
        match s[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(content: &[u8]) -> String {
        String::from_utf8_lossy(&without_images(content)).into_owned()
    }

    #[test]
    fn a_compressed_picture_is_cut_and_the_text_around_it_kept() {
        let content = b"BT (before) Tj ET\nq BI /W 2 /H 2 /CS /G /BPC 8 /F /Fl ID \x78\x9c\x01\xffEIx\nEI Q\nBT (after) Tj ET";
        assert_eq!(cut(content), "BT (before) Tj ET\nq   Q\nBT (after) Tj ET");
        let parsed = lopdf::content::Content::decode(&without_images(content)).unwrap();
        let shown: Vec<_> = (parsed.operations.iter())
            .filter(|o| o.operator == "Tj")
            .collect();
        assert_eq!(shown.len(), 2);
    }

    #[test]
    fn bi_in_a_string_a_name_or_a_comment_is_no_picture() {
        for content in [
            &b"BT (BI ID EI) Tj ET"[..],
            b"/BI gs BT (x) Tj ET",
            b"% BI ID\nBT (x) Tj ET",
            b"BT [(a) -250 (BI)] TJ ET",
        ] {
            assert_eq!(
                cut(content),
                String::from_utf8_lossy(content),
                "{content:?}"
            );
        }
    }

    #[test]
    fn the_first_ei_a_viewer_would_take_ends_the_picture() {
        // Data with an `EI` inside a run of binary bytes runs on; the first `EI` with
        // plain operators after it ends it, even where a measured length would not.
        let content =
            b"BI /W 40 /H 1 /CS /G /BPC 8 ID \x01 EI \x02\x03 more\nEI BT (shown) Tj ET padding EI";
        assert_eq!(cut(content), "  BT (shown) Tj ET padding EI");
        // No end: the rest is the picture.
        assert_eq!(cut(b"BT (x) Tj ET BI /W 1 ID \x01\x02"), "BT (x) Tj ET  ");
    }
}
