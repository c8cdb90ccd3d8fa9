//! Reading the text of PDFs back, for tests: typst writes Identity-H fonts with ToUnicode
//! maps, which general text extractors do not decode, so this follows the maps itself
//! and sees the text a reader's PDF viewer would copy.

use std::collections::{BTreeMap, HashMap};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

pub fn collect_strings(obj: &Object, out: &mut Vec<u8>) {
    match obj {
        Object::String(s, _) => {
            out.extend_from_slice(s);
            out.push(b' ');
        }
        Object::Array(a) => a.iter().for_each(|o| collect_strings(o, out)),
        Object::Dictionary(d) => d.iter().for_each(|(_, o)| collect_strings(o, out)),
        _ => {}
    }
}

pub fn contains_bytes(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The ToUnicode map of a font: code → text, and the code width in bytes.
pub fn to_unicode(doc: &Document, font: &Dictionary) -> (HashMap<u32, String>, usize) {
    let width = if font
        .get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|n| n == b"Type0")
    {
        2
    } else {
        1
    };
    let mut map = HashMap::new();
    let Ok(obj) = font.get(b"ToUnicode") else {
        return (map, width);
    };
    let stream = match obj {
        Object::Reference(id) => doc.get_object(*id).and_then(Object::as_stream).ok(),
        Object::Stream(s) => Some(s),
        _ => None,
    };
    let Some(stream) = stream else {
        return (map, width);
    };
    let data = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let text = String::from_utf8_lossy(&data);
    let hex = |s: &str| u32::from_str_radix(s.trim_matches(|c| c == '<' || c == '>'), 16).ok();
    let utf16 = |s: &str| {
        let h = s.trim_matches(|c| c == '<' || c == '>');
        let units: Vec<u16> = (0..h.len() / 4)
            .filter_map(|i| u16::from_str_radix(&h[i * 4..i * 4 + 4], 16).ok())
            .collect();
        String::from_utf16_lossy(&units)
    };
    let mut mode = "";
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            mode = "char";
            continue;
        }
        if line.ends_with("beginbfrange") {
            mode = "range";
            continue;
        }
        if line.starts_with("end") {
            mode = "";
            continue;
        }
        let tokens: Vec<&str> = line
            .split(|c: char| c == '>' || c.is_whitespace() || c == '[' || c == ']')
            .map(|t| t.trim_start_matches('<'))
            .filter(|t| !t.is_empty())
            .collect();
        match mode {
            "char" if tokens.len() >= 2 => {
                if let Some(code) = hex(tokens[0]) {
                    map.insert(code, utf16(tokens[1]));
                }
            }
            "range" if tokens.len() >= 3 => {
                let (Some(lo), Some(hi)) = (hex(tokens[0]), hex(tokens[1])) else {
                    continue;
                };
                if line.contains('[') {
                    for (i, t) in tokens[2..].iter().enumerate() {
                        map.insert(lo + i as u32, utf16(t));
                    }
                } else if let Some(start) = hex(tokens[2]) {
                    for code in lo..=hi {
                        if let Some(c) = char::from_u32(start + (code - lo)) {
                            map.insert(code, c.to_string());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    (map, width)
}

pub fn decode(bytes: &[u8], font: &(HashMap<u32, String>, usize)) -> String {
    let (map, width) = font;
    bytes
        .chunks(*width)
        .map(|c| {
            let code = c.iter().fold(0u32, |a, &b| (a << 8) | b as u32);
            map.get(&code).cloned().unwrap_or_default()
        })
        .collect()
}

pub fn page_text(doc: &Document, page: ObjectId) -> String {
    let resources = doc
        .get_dictionary(page)
        .ok()
        .and_then(|d| d.get(b"Resources").ok())
        .and_then(|r| doc.dereference(r).ok())
        .and_then(|(_, o)| o.as_dict().ok().cloned())
        .unwrap_or_default();
    let mut out = String::new();
    content_text(
        doc,
        &doc.get_page_content(page).unwrap_or_default(),
        &resources,
        0,
        &mut out,
    );
    out
}

pub fn deref_dict(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<Dictionary> {
    let o = d.get(key).ok()?;
    doc.dereference(o).ok()?.1.as_dict().ok().cloned()
}

/// The text of a content stream, following form XObjects (embedded PDF pages).
pub fn content_text(
    doc: &Document,
    content: &[u8],
    resources: &Dictionary,
    depth: usize,
    out: &mut String,
) {
    let fonts: BTreeMap<Vec<u8>, (HashMap<u32, String>, usize)> =
        deref_dict(doc, resources, b"Font")
            .map(|fd| {
                fd.iter()
                    .filter_map(|(name, o)| {
                        let font = doc.dereference(o).ok()?.1.as_dict().ok()?;
                        Some((name.clone(), to_unicode(doc, font)))
                    })
                    .collect()
            })
            .unwrap_or_default();
    let xobjects = deref_dict(doc, resources, b"XObject").unwrap_or_default();
    let content = Content::decode(content).unwrap_or(Content { operations: vec![] });
    let mut font = None;
    for op in &content.operations {
        match op.operator.as_str() {
            "Tf" => {
                font = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|n| fonts.get(n))
            }
            "Tj" | "'" | "\"" => {
                if let (Some(f), Some(Object::String(s, _))) = (font, op.operands.last()) {
                    out.push_str(&decode(s, f));
                }
            }
            "TJ" => {
                if let (Some(f), Some(Object::Array(items))) = (font, op.operands.first()) {
                    for it in items {
                        match it {
                            Object::String(s, _) => out.push_str(&decode(s, f)),
                            Object::Integer(i) if *i < -200 => out.push(' '),
                            Object::Real(r) if *r < -200.0 => out.push(' '),
                            _ => {}
                        }
                    }
                }
            }
            "Td" | "TD" | "T*" | "Tm" => out.push(' '),
            "ET" => out.push('\n'),
            "Do" if depth < 4 => {
                let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else {
                    continue;
                };
                let Some(stream) = xobjects
                    .get(name)
                    .ok()
                    .and_then(|o| doc.dereference(o).ok())
                    .and_then(|(_, o)| o.as_stream().ok())
                else {
                    continue;
                };
                if stream
                    .dict
                    .get(b"Subtype")
                    .and_then(Object::as_name)
                    .is_ok_and(|n| n == b"Form")
                {
                    let inner = deref_dict(doc, &stream.dict, b"Resources").unwrap_or_default();
                    let data = stream
                        .decompressed_content()
                        .unwrap_or_else(|_| stream.content.clone());
                    content_text(doc, &data, &inner, depth + 1, out);
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

/// The bookmarks of a PDF, in order: (level from 1, title, page from 1). Read by walking
/// the outline tree, because lopdf's own table of contents merges bookmarks that share a
/// title (two reports both with "Purpose of the report").
pub fn outline(doc: &Document) -> Vec<(usize, String, usize)> {
    let pages: HashMap<ObjectId, usize> = doc
        .get_pages()
        .into_iter()
        .map(|(n, id)| (id, n as usize))
        .collect();
    let mut out = Vec::new();
    let Ok(catalog) = doc.catalog() else {
        return out;
    };
    if let Some(outlines) = deref_dict(doc, catalog, b"Outlines") {
        walk_outline(doc, &outlines, 1, &pages, &mut out);
    }
    out
}

fn walk_outline(
    doc: &Document,
    parent: &Dictionary,
    level: usize,
    pages: &HashMap<ObjectId, usize>,
    out: &mut Vec<(usize, String, usize)>,
) {
    let mut next = deref_dict(doc, parent, b"First");
    while let Some(item) = next {
        let title = match item.get(b"Title") {
            Ok(Object::String(bytes, _)) => text_string(bytes),
            _ => String::new(),
        };
        let dest = item
            .get(b"Dest")
            .ok()
            .cloned()
            .or_else(|| deref_dict(doc, &item, b"A").and_then(|a| a.get(b"D").ok().cloned()));
        let dest = dest.and_then(|d| doc.dereference(&d).ok().map(|(_, o)| o.clone()));
        let page = match dest {
            Some(Object::Array(a)) => a
                .first()
                .and_then(|o| o.as_reference().ok())
                .and_then(|id| pages.get(&id).copied()),
            _ => None,
        };
        out.push((level, title, page.unwrap_or(0)));
        walk_outline(doc, &item, level + 1, pages, out);
        next = deref_dict(doc, &item, b"Next");
    }
}

/// A PDF text string: UTF-16 with a byte-order mark, or PDFDocEncoding (read as Latin-1).
fn text_string(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xfe, 0xff]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}
