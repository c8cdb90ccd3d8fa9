//! The words of a published PDF, as a reader or a search engine could get them: every
//! text string in the file (metadata, bookmarks, alternative text, annotations; not the
//! name of the program that made it), then the text shown on each page, decoded through each font's ToUnicode map (typst writes
//! Identity-H fonts, whose bytes are glyph numbers, not characters).

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};

/// Text nested deeper than this in form XObjects is not followed.
const MAX_DEPTH: usize = 4;

/// Arrays and dictionaries nested deeper than this are refused before parsing: the
/// parser recurses, and a hostile file could overflow the stack.
const MAX_NESTING: usize = 256;

/// The words of the PDF in `bytes`, or why it could not be read.
pub fn pdf_text(bytes: &[u8]) -> Result<String, String> {
    let doc = load(bytes)?;
    let mut out = String::new();
    // The program that made the file is named in every PDF it makes: not words anyone
    // wrote, and the same in withheld and public files alike.
    let info = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
    for (id, object) in &doc.objects {
        match (Some(*id) == info, object) {
            (true, Object::Dictionary(d)) => d
                .iter()
                .filter(|(k, _)| !matches!(k.as_slice(), b"Producer" | b"Creator"))
                .for_each(|(_, o)| strings(o, &mut out)),
            _ => strings(object, &mut out),
        }
    }
    out.push_str(&page_text(&doc)?);
    Ok(out)
}

/// Parses a PDF, refusing one nested too deeply to parse safely.
pub fn load(bytes: &[u8]) -> Result<Document, String> {
    if nesting(bytes) > MAX_NESTING {
        return Err("its objects are nested too deeply to read safely".into());
    }
    Document::load_mem(bytes).map_err(|e| e.to_string())
}

/// The text shown on the pages, a line per page.
pub fn page_text(doc: &Document) -> Result<String, String> {
    let mut out = String::new();
    let pages = doc.get_pages();
    // A page tree that loops or lies about its size hides pages: refuse to vouch for it.
    let declared = doc
        .catalog()
        .ok()
        .and_then(|c| dict(doc, c, b"Pages"))
        .and_then(|p| p.get(b"Count").ok().and_then(|c| c.as_i64().ok()));
    if declared.is_some_and(|n| n != pages.len() as i64) {
        return Err("its page tree does not match its page count".into());
    }
    for (n, page) in pages {
        let resources = doc
            .get_dictionary(page)
            .ok()
            .and_then(|d| dict(doc, d, b"Resources"))
            .unwrap_or_default();
        let content = doc
            .get_page_content(page)
            .map_err(|e| format!("page {n} cannot be read: {e}"))?;
        Reader { doc }
            .content(&content, &resources, 0, &mut out)
            .map_err(|e| format!("page {n} cannot be read: {e}"))?;
        out.push('\n');
    }
    Ok(out)
}

/// Every font the pages use, with whether its glyphs are embedded in the file.
pub fn fonts(doc: &Document) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for page in doc.get_pages().into_values() {
        let Some(resources) = doc
            .get_dictionary(page)
            .ok()
            .and_then(|d| dict(doc, d, b"Resources"))
        else {
            continue;
        };
        let Some(fonts) = dict(doc, &resources, b"Font") else {
            continue;
        };
        for (_, f) in fonts.iter() {
            let Some(font) = doc.dereference(f).ok().and_then(|(_, o)| o.as_dict().ok()) else {
                continue;
            };
            let name = font
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            if font.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type3") {
                continue;
            }
            // A composite font keeps its descriptor in its descendant.
            let descendant = font
                .get(b"DescendantFonts")
                .ok()
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_dict().ok());
            let descriptor = dict(doc, descendant.unwrap_or(font), b"FontDescriptor");
            let embedded = descriptor.is_some_and(|d| {
                [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                    .iter()
                    .any(|k| d.has(k))
            });
            out.push((name, embedded));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Whether the file is tagged: marked, with a structure tree for screen readers.
pub fn is_tagged(doc: &Document) -> bool {
    let Ok(catalog) = doc.catalog() else {
        return false;
    };
    let marked = dict(doc, catalog, b"MarkInfo")
        .and_then(|m| m.get(b"Marked").ok().and_then(|b| b.as_bool().ok()))
        .unwrap_or(false);
    marked && catalog.has(b"StructTreeRoot")
}

/// The title in the document's information dictionary, if any.
pub fn title(doc: &Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let info = doc.dereference(info).ok()?.1.as_dict().ok()?;
    match info.get(b"Title").ok()? {
        Object::String(s, _) => Some(text_string(s)).filter(|t| !t.trim().is_empty()),
        _ => None,
    }
}

/// The deepest nesting of arrays (`[`) and dictionaries (`<<`) in a PDF's syntax, not
/// counting string literals and stream data, whose bytes are not syntax.
fn nesting(bytes: &[u8]) -> usize {
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'[' => depth += 1,
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b']' => depth = depth.saturating_sub(1),
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'(' => i = skip_string(bytes, i),
            b's' if bytes[i..].starts_with(b"stream") => {
                i = find(bytes, i + 6, b"endstream").map_or(bytes.len(), |e| e + 9);
                continue;
            }
            _ => {}
        }
        deepest = deepest.max(depth);
        i += 1;
    }
    deepest
}

/// The index of the `)` that closes the string literal opening at `start`.
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let (mut depth, mut i) = (0usize, start);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Every string object outside content streams, as text. Walked with a stack, not by
/// recursion: a file can nest arrays deeply enough to overflow the call stack.
fn strings(o: &Object, out: &mut String) {
    let mut stack = vec![o];
    while let Some(o) = stack.pop() {
        match o {
            Object::String(s, _) => {
                out.push_str(&text_string(s));
                out.push('\n');
            }
            Object::Array(a) => stack.extend(a.iter().rev()),
            Object::Dictionary(d) => stack.extend(d.iter().map(|(_, o)| o)),
            Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, o)| o)),
            _ => {}
        }
    }
}

/// A PDF text string: UTF-16BE after a byte-order mark, else PDFDocEncoding (as Latin-1).
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(rest) => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

fn dict(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<Dictionary> {
    let o = d.get(key).ok()?;
    doc.dereference(o).ok()?.1.as_dict().ok().cloned()
}

/// A font's map from codes to text, and its code width in bytes.
struct Font {
    map: HashMap<u32, String>,
    width: usize,
}

impl Font {
    fn decode(&self, bytes: &[u8]) -> String {
        if self.map.is_empty() {
            // No map: a simple font, whose bytes are (close enough to) Latin-1.
            return bytes.iter().map(|&b| char::from(b)).collect();
        }
        bytes
            .chunks(self.width)
            .filter_map(|c| {
                let code = c.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b));
                self.map.get(&code).map(String::as_str)
            })
            .collect()
    }
}

struct Reader<'d> {
    doc: &'d Document,
}

impl Reader<'_> {
    fn font(&self, font: &Dictionary) -> Font {
        let width = match font.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Type0") => 2,
            _ => 1,
        };
        let stream = font
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| self.doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_stream().ok());
        let map = stream
            .map(|s| {
                let data = s
                    .decompressed_content()
                    .unwrap_or_else(|_| s.content.clone());
                cmap(&String::from_utf8_lossy(&data))
            })
            .unwrap_or_default();
        Font { map, width }
    }

    fn fonts(&self, resources: &Dictionary) -> HashMap<Vec<u8>, Font> {
        dict(self.doc, resources, b"Font")
            .map(|fonts| {
                fonts
                    .iter()
                    .filter_map(|(name, o)| {
                        let f = self.doc.dereference(o).ok()?.1.as_dict().ok()?;
                        Some((name.clone(), self.font(f)))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The text a content stream shows, following form XObjects (embedded pages).
    fn content(
        &self,
        content: &[u8],
        resources: &Dictionary,
        depth: usize,
        out: &mut String,
    ) -> Result<(), String> {
        let fonts = self.fonts(resources);
        let xobjects = dict(self.doc, resources, b"XObject").unwrap_or_default();
        let content = Content::decode(content).map_err(|e| e.to_string())?;
        let mut font: Option<&Font> = None;
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    font = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|n| fonts.get(n));
                }
                "Tj" | "'" | "\"" => {
                    if let (Some(f), Some(Object::String(s, _))) = (font, op.operands.last()) {
                        out.push_str(&f.decode(s));
                    }
                }
                "TJ" => {
                    let Some(Object::Array(parts)) = op.operands.first() else {
                        continue;
                    };
                    for part in parts {
                        match (part, font) {
                            (Object::String(s, _), Some(f)) => out.push_str(&f.decode(s)),
                            // A wide negative adjustment is a space between words.
                            (Object::Integer(i), _) if *i < -200 => out.push(' '),
                            (Object::Real(r), _) if *r < -200.0 => out.push(' '),
                            _ => {}
                        }
                    }
                }
                "Td" | "TD" | "T*" | "Tm" | "ET" => out.push(' '),
                "Do" if depth < MAX_DEPTH => {
                    if let Some(form) = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|n| xobjects.get(n).ok())
                        .and_then(|o| self.doc.dereference(o).ok())
                        .and_then(|(_, o)| o.as_stream().ok())
                        .filter(|s| {
                            s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form")
                        })
                    {
                        let inner = dict(self.doc, &form.dict, b"Resources").unwrap_or_default();
                        let data = form.decompressed_content().map_err(|e| e.to_string())?;
                        self.content(&data, &inner, depth + 1, out)?;
                        out.push(' ');
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// A ToUnicode CMap's `bfchar` and `bfrange` entries.
fn cmap(text: &str) -> HashMap<u32, String> {
    let mut map = HashMap::new();
    let hex = |s: &str| u32::from_str_radix(s, 16).ok();
    let utf16 = |s: &str| {
        let units: Vec<u16> = (0..s.len() / 4)
            .filter_map(|i| u16::from_str_radix(s.get(i * 4..i * 4 + 4)?, 16).ok())
            .collect();
        String::from_utf16_lossy(&units)
    };
    let mut section = "";
    for line in text.lines().map(str::trim) {
        if line.ends_with("beginbfchar") || line.ends_with("beginbfrange") {
            section = if line.ends_with("char") {
                "char"
            } else {
                "range"
            };
            continue;
        }
        if line.starts_with("end") {
            section = "";
            continue;
        }
        // The hex strings of the line, in order: <0041> <0042> [<…> <…>]
        let tokens: Vec<&str> = line
            .split(['<', '>', '[', ']', ' '])
            .filter(|t| !t.is_empty())
            .collect();
        match (section, tokens.as_slice()) {
            ("char", [code, to, ..]) => {
                if let Some(c) = hex(code) {
                    map.insert(c, utf16(to));
                }
            }
            ("range", [lo, hi, first, rest @ ..]) => {
                let (Some(lo), Some(hi)) = (hex(lo), hex(hi)) else {
                    continue;
                };
                if line.contains('[') {
                    for (i, t) in std::iter::once(first).chain(rest).enumerate() {
                        map.insert(lo + i as u32, utf16(t));
                    }
                } else if let Some(start) = hex(first) {
                    for code in lo..=hi.min(lo + 0xffff) {
                        if let Some(c) = char::from_u32(start + (code - lo)) {
                            map.insert(code, c.to_string());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cmap_maps_single_codes_ranges_and_arrays() {
        let m = cmap(
            "2 beginbfchar\n<0003> <0041>\n<0004> <00660069>\nendbfchar\n1 beginbfrange\n<0010> <0012> <0061>\nendbfrange\n1 beginbfrange\n<0020> <0021> [<0058> <0059>]\nendbfrange\n",
        );
        assert_eq!(m[&3], "A");
        assert_eq!(m[&4], "fi");
        assert_eq!((m[&0x10].as_str(), m[&0x12].as_str()), ("a", "c"));
        assert_eq!((m[&0x20].as_str(), m[&0x21].as_str()), ("X", "Y"));
    }

    #[test]
    fn text_strings_are_utf16_or_latin1() {
        assert_eq!(text_string(&[0xfe, 0xff, 0, b'H', 0, b'i']), "Hi");
        assert_eq!(text_string(b"Caf\xe9"), "Café");
    }

    #[test]
    fn a_damaged_pdf_is_an_error_not_a_panic() {
        assert!(pdf_text(b"%PDF-1.7\nnot really").is_err());
    }

    #[test]
    fn a_deeply_nested_file_is_refused_before_parsing() {
        let mut pdf = b"%PDF-1.7\n1 0 obj\n".to_vec();
        pdf.extend(std::iter::repeat_n(b'[', 100_000));
        pdf.extend(std::iter::repeat_n(b']', 100_000));
        pdf.extend(b"\nendobj\n(a [[[ string) 2 0 obj\nstream\n[[[[[[\nendstream\n");
        assert!(pdf_text(&pdf).unwrap_err().contains("nested too deeply"));
        assert_eq!(
            nesting(b"[ (a [[[ b) << /K [1 2] >> ] stream\n[[[[\nendstream"),
            3
        );
    }

    #[test]
    fn deeply_nested_arrays_do_not_overflow_the_stack() {
        let deep = Object::Array(vec![]);
        let mut o = deep;
        for _ in 0..200_000 {
            o = Object::Array(vec![o]);
        }
        let mut out = String::new();
        strings(&o, &mut out);
        assert!(out.is_empty());
        // Dropping it is recursive in lopdf; leak it instead of overflowing in the test.
        std::mem::forget(o);
    }
}
