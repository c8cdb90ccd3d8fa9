//! A content stream's operations as a viewer reads them, which lopdf alone does not:
//!
//! - Pictures written into the content (`BI … ID <data> EI`, an "inline image": a logo,
//!   a signature, a scanned line) are cut out first. lopdf takes only uncompressed ones
//!   in a few colours, and fails the whole content on any other: a public PDF with a
//!   small compressed picture on a page could not be read, and was refused. They hold no
//!   text; a JPEG among them is kept for the gate to compare (see [`pictures`]).
//! - lopdf stops, with no error, at the first thing it cannot parse (a form feed or a
//!   zero byte between operators, a stray bracket), and drops the rest of the content,
//!   which viewers go on to show. When it stops short, the content is read operation by
//!   operation, passing over what cannot be parsed, as a viewer does.
//!
//! Where a picture's data ends, viewers differ: pdf.js takes the first `EI` with white
//! space around it and plain operators after it; poppler measures the data, then takes
//! the next `EI` whatever is around it. The content is read with both cuts where they
//! differ (a red-team session, 4 December 2026, hid a sentence after `ID XEI`), so that
//! no viewer shows a word it was not read for.

use std::borrow::Cow;

use lopdf::content::{Content, Operation};

/// The content with its pictures cut out, every way a viewer may cut them (see the
/// module's notes): once, or twice when viewers would end a picture in different
/// places. Each is read with [`operations`], one at a time: a content stream's
/// operations take many times its bytes.
pub(super) fn cuts(content: &[u8]) -> Vec<Cow<'_, [u8]>> {
    let spans = images(content);
    let mut cuts = vec![without(content, &spans, |s| s.end)];
    if spans.iter().any(|s| s.earliest != s.end) {
        cuts.push(without(content, &spans, |s| s.earliest));
    }
    cuts
}

/// The JPEG (or JPEG 2000) pictures written into the content, and the compressed pixels
/// of those compressed with Flate (a PNG's, perhaps), each with any filters before its
/// own undone: the gate compares them with the withheld pictures.
pub(super) fn pictures(content: &[u8]) -> Vec<Vec<u8>> {
    let mut found = Vec::new();
    for span in images(content) {
        let dict = &content[span.dict.0..span.dict.1];
        let Some((last, before)) = filters(dict)
            .split_last()
            .map(|(l, b)| (l.clone(), b.to_vec()))
        else {
            continue;
        };
        // A JPEG, or a PNG's compressed pixels as they were (Flate is kept as it is).
        if !matches!(
            last.as_slice(),
            b"DCTDecode" | b"DCT" | b"JPXDecode" | b"FlateDecode" | b"Fl"
        ) {
            continue;
        }
        // To the white space before `EI`, which parts the data from it.
        let mut stop = span.end.saturating_sub(2).max(span.data);
        if stop > span.data && content[stop - 1].is_ascii_whitespace() {
            stop -= 1;
        }
        let mut data = content[span.data..stop].to_vec();
        for filter in &before {
            match super::decode::undo(filter, &data, None) {
                Ok(undone) => data = undone,
                Err(_) => break,
            }
        }
        found.push(data);
    }
    found
}

/// One inline picture: where `BI` starts, its dictionary, where its data starts, and
/// where the `EI` that ends it ends, as pdf.js finds it (`end`) and at the earliest
/// (`earliest`: the first `EI` after the data, as poppler may take it).
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    dict: (usize, usize),
    data: usize,
    end: usize,
    earliest: usize,
}

fn images(content: &[u8]) -> Vec<Span> {
    let mut spans = Vec::new();
    if !content.windows(2).any(|w| w == b"BI") {
        return spans;
    }
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
                data = Some(((end, s), (e + 1).min(content.len())));
                break;
            }
        }
        let Some((dict, data)) = data else {
            break;
        };
        let finish = image_end(content, data);
        let earliest = (content[data..].windows(2).position(|w| w == b"EI"))
            .map_or(content.len(), |p| data + p + 2);
        spans.push(Span {
            start,
            dict,
            data,
            end: finish,
            earliest: earliest.min(finish),
        });
        at = finish;
    }
    spans
}

/// The content with each picture replaced by a space, each ended where `end` says.
fn without<'a>(content: &'a [u8], spans: &[Span], end: impl Fn(&Span) -> usize) -> Cow<'a, [u8]> {
    if spans.is_empty() {
        return Cow::Borrowed(content);
    }
    let mut out = Vec::with_capacity(content.len());
    let mut copied = 0;
    for span in spans {
        out.extend_from_slice(&content[copied.min(span.start)..span.start]);
        out.push(b' ');
        copied = end(span);
    }
    out.extend_from_slice(&content[copied.min(content.len())..]);
    Cow::Owned(out)
}

/// The content's operations: lopdf's, if it read every operator there is; otherwise
/// read operation by operation, passing over what cannot be parsed.
pub(super) fn operations(content: &[u8]) -> Vec<Operation> {
    let tokens = tokens(content);
    let operators = (tokens.iter())
        .filter(|&&(s, e)| is_operator(&content[s..e]))
        .count();
    if let Ok(whole) = Content::decode(content)
        && whole.operations.len() >= operators
    {
        return whole.operations;
    }
    let mut ops = Vec::new();
    let mut from = 0;
    for (i, &(s, e)) in tokens.iter().enumerate() {
        if !is_operator(&content[s..e]) {
            continue;
        }
        // The operator and its operands: from the token after the last that no operand
        // starts with (garbage passed over), else with one operand or none. A few tries
        // each, so that a long run of tokens costs no more than reading it.
        let garbage = (tokens[from..i].iter())
            .rposition(|&(s, e)| !is_operand(&content[s..e]))
            .map_or(from, |p| from + p + 1);
        for first in [garbage, i.saturating_sub(1).max(garbage), i] {
            if let Ok(c) = Content::decode(&content[tokens[first].0..e])
                && !c.operations.is_empty()
            {
                ops.extend(c.operations);
                break;
            }
        }
        from = i + 1;
    }
    ops
}

/// The comments of a content stream (`% …` to the end of the line), which no viewer
/// shows but a text editor does once the stream is unpacked: the gate reads a public
/// PDF's (see `raw_text`).
pub(super) fn comments(content: &[u8]) -> String {
    let mut out = String::new();
    if !content.contains(&b'%') {
        return out;
    }
    let mut at = 0;
    while let Some((start, end)) = next_token(content, at) {
        // What the lexer passed over before this token: white space and comments.
        let gap = &content[at..start];
        if let Some(p) = gap.iter().position(|&b| b == b'%') {
            out.push_str(&String::from_utf8_lossy(&gap[p..]));
            out.push('\n');
        }
        at = end;
    }
    let tail = &content[at.min(content.len())..];
    if let Some(p) = tail.iter().position(|&b| b == b'%') {
        out.push_str(&String::from_utf8_lossy(&tail[p..]));
    }
    out
}

/// Whether a token is an operator as lopdf reads one: letters, `*`, `'` and `"`, but not
/// `true`, `false` or `null`.
fn is_operator(token: &[u8]) -> bool {
    !token.is_empty()
        && token
            .iter()
            .all(|&b| b.is_ascii_alphabetic() || b"*'\"".contains(&b))
        && !matches!(token, b"true" | b"false" | b"null")
}

/// Whether a token can be (or start) an operand: a number, a name, a string, an array
/// or dictionary bracket, or `true`, `false` or `null`.
fn is_operand(token: &[u8]) -> bool {
    matches!(token, b"true" | b"false" | b"null")
        || token
            .first()
            .is_some_and(|b| b.is_ascii_digit() || b"+-./(<>[]".contains(b))
}

/// Every token of the content, pictures' data and all.
fn tokens(content: &[u8]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some((s, e)) = next_token(content, at) {
        found.push((s, e));
        at = e;
    }
    found
}

/// The filters a picture's dictionary names (`/F /DCT`, `/Filter [/AHx /DCT]`), without
/// their slashes.
fn filters(dict: &[u8]) -> Vec<Vec<u8>> {
    let tokens = tokens(dict);
    let name = |i: usize| tokens.get(i).map(|&(s, e)| &dict[s..e]);
    let Some(key) = (0..tokens.len()).find(|&i| matches!(name(i), Some(b"/F" | b"/Filter"))) else {
        return Vec::new();
    };
    let strip = |t: &[u8]| t.strip_prefix(b"/").map(<[u8]>::to_vec);
    match name(key + 1) {
        Some(b"[") => (key + 2..tokens.len())
            .map_while(|i| name(i).filter(|t| *t != b"]"))
            .filter_map(strip)
            .collect(),
        Some(one) => strip(one).into_iter().collect(),
        None => Vec::new(),
    }
}

/// The end of the `EI` that ends a picture whose data starts at `data`, as pdf.js finds
/// it, or the end of the content if none does.
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
        // Past the `)` that closes it, or to the end if none does.
        b'(' => (super::skip_string(s, at) + 1).min(s.len()),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What the content shows, every reading, as the strings of its `Tj` operators.
    fn shown(content: &[u8]) -> Vec<Vec<String>> {
        (cuts(content).iter())
            .map(|cut| operations(cut))
            .map(|ops| {
                (ops.iter())
                    .filter(|o| o.operator == "Tj")
                    .filter_map(|o| o.operands.first()?.as_str().ok())
                    .map(|s| String::from_utf8_lossy(s).into_owned())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_compressed_picture_is_cut_and_the_text_around_it_kept() {
        let content = b"BT (before) Tj ET\nq BI /W 2 /H 2 /CS /G /BPC 8 /F /Fl ID \x78\x9c\x01\xffEIx\nEI Q\nBT (after) Tj ET";
        let spans = images(content);
        assert_eq!(
            without(content, &spans, |s| s.end).as_ref(),
            b"BT (before) Tj ET\nq   Q\nBT (after) Tj ET"
        );
        // poppler could end the picture at the first `EI`: read that way too.
        assert_eq!(
            shown(content),
            vec![vec!["before", "after"], vec!["before", "after"]]
        );
    }

    #[test]
    fn bi_in_a_string_a_name_or_a_comment_is_no_picture() {
        for content in [
            &b"BT (BI ID EI) Tj ET"[..],
            b"/BI gs BT (x) Tj ET",
            b"% BI ID\nBT (x) Tj ET",
            b"BT [(a) -250 (BI)] TJ ET",
        ] {
            assert!(images(content).is_empty(), "{content:?}");
        }
    }

    #[test]
    fn text_after_an_ei_any_viewer_would_take_is_read() {
        // pdf.js runs on past `XEI` to the end; poppler ends the picture there.
        let content = b"q BI /W 1 /H 1 /CS /G /BPC 8 ID XEI Q BT (Zorblax) Tj ET";
        assert_eq!(shown(content), vec![vec![], vec!["Zorblax"]]);
        // pdf.js passes over an `EI` with binary bytes after it.
        let content = b"BI /W 40 /H 1 /CS /G /BPC 8 ID \x01 EI \x02\x03 more\nEI BT (shown) Tj ET";
        assert!(
            shown(content).iter().all(|r| r == &["shown"]),
            "{:?}",
            shown(content)
        );
    }

    #[test]
    fn what_lopdf_cannot_parse_is_passed_over_not_the_rest_dropped() {
        // A form feed is white space to a viewer; a stray bracket is passed over.
        for content in [
            &b"BT (one) Tj ET\x0c BT (two) Tj ET"[..],
            b"BT (one) Tj ET } BT /F1 12 Tf (two) Tj ET",
            b"BT (one) Tj\0ET BT (two) Tj ET",
        ] {
            assert_eq!(shown(content), vec![vec!["one", "two"]], "{content:?}");
        }
    }

    #[test]
    fn comments_are_found_but_not_in_strings() {
        let content = b"BT (50% off) Tj % a note\nET %another";
        let found = comments(content);
        assert!(
            found.contains("% a note") && found.contains("%another"),
            "{found}"
        );
        assert!(!found.contains("off"), "{found}");
    }

    #[test]
    fn a_long_run_of_operands_before_garbage_is_read_once() {
        // 200,000 numbers, a byte lopdf stops at, then text: read in a few passes, not
        // one pass for each number.
        let mut content = "1 ".repeat(200_000).into_bytes();
        content.extend_from_slice(b"\x01 BT (two) Tj ET");
        assert_eq!(shown(&content), vec![vec!["two"]]);
    }

    #[test]
    fn a_jpeg_written_into_the_content_is_kept_for_the_gate() {
        let jpeg = b"\xff\xd8\xff\xe0 pretend \xff\xd9";
        let plain = [
            b"BI /W 1 /H 1 /CS /RGB /BPC 8 /F /DCT ID ".as_slice(),
            jpeg,
            b"\nEI",
        ]
        .concat();
        assert_eq!(pictures(&plain), vec![jpeg.to_vec()]);
        let hex: String = jpeg.iter().map(|b| format!("{b:02x}")).collect();
        let coded = format!("BI /W 1 /H 1 /Filter [/AHx /DCT] ID {hex}>\nEI");
        assert_eq!(pictures(coded.as_bytes()), vec![jpeg.to_vec()]);
        assert_eq!(
            pictures(b"BI /W 1 /H 1 /F /Fl ID x\nEI"),
            vec![b"x".to_vec()]
        );
        assert!(pictures(b"BI /W 1 /H 1 /F /RL ID x\nEI").is_empty());
    }
}
