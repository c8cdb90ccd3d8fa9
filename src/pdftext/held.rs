//! What a PDF holds besides the text of its pages and its text strings, that anyone who
//! has the file can read (a red-team session, 3 December 2026, published an exempt
//! report's sentence in each of these, the build passing):
//!
//! - files attached to it (Acrobat's Attachments panel): a note, a spreadsheet, another
//!   PDF;
//! - its XMP metadata (the description a document system or "Document Properties"
//!   writes), which is XML in a stream, not a text string;
//! - its earlier revisions: Acrobat's Save appends each change to the end of the file, so
//!   a paragraph deleted from the page is still in it, and cutting the file at its first
//!   `%%EOF` gives the page back;
//! - text drawn by a content stream no page shows: an object nothing refers to, or an
//!   annotation's appearance.
//!
//! A second session got past the first reading by saving a file 34 times (it read the
//! first and last 16 versions), by attached files named only in the list of attachments,
//! by XMP in character data or UTF-16, and by what could not be unpacked, which it
//! skipped in silence: now every version is read, within a budget of parses (see
//! `MAX_PARSES`), and what cannot be unpacked is noted, for the gate to warn of.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, Stream};

use super::decode::stream as decoded;
use super::{Reader, Texts};

/// How deep a PDF attached to a PDF (attached to a PDF…) is read.
pub(super) const MAX_FILES: usize = 3;

/// Reads the words of an attached file that is not a PDF: the caller knows office files.
pub type FileReader<'a> = &'a dyn Fn(&str, &[u8]) -> String;

/// The words of every attached file, of the XMP metadata, and of every content stream
/// that is not a page's own (`pages`: their objects), a stream a line. What cannot be
/// unpacked is noted in `ctx`.
pub(super) fn streams(
    doc: &Document,
    pages: &std::collections::HashSet<lopdf::ObjectId>,
    ctx: &super::Ctx<'_>,
    depth: usize,
    out: &mut String,
) {
    let names = attached_names(doc);
    let form = xfa_parts(doc);
    let mut resources = None;
    for (id, object) in &doc.objects {
        let Object::Stream(s) = object else {
            continue;
        };
        if let Some(part) = form.get(id) {
            // What was typed into the form, not the form's own captions and scripts,
            // which a council's withheld and public forms made from one template share.
            if let (true, Some(bytes)) = (part == "datasets", decoded(s).ok()) {
                out.push_str(&xml_text(&bytes));
            }
            continue;
        }
        let name = |key: &[u8]| s.dict.get(key).and_then(Object::as_name).ok();
        let attached = name(b"Type") == Some(b"EmbeddedFile") || names.contains_key(id);
        let xml = name(b"Type") == Some(b"Metadata") || name(b"Subtype") == Some(b"XML");
        if attached || xml {
            let Some(bytes) = decoded(s).ok() else {
                ctx.note(match attached {
                    true => "a file attached to it is packed in a way quire cannot unpack",
                    false => "its metadata is packed in a way quire cannot unpack",
                });
                continue;
            };
            if attached {
                let file = names.get(id).map_or("", String::as_str);
                out.push_str(&self::attached(file, &bytes, ctx, depth));
            } else {
                out.push_str(&xml_text(&bytes));
            }
        } else if is_picture_file(s) {
            ctx.hold(&s.content);
        } else if !pages.contains(id) && may_draw_text(s) {
            let Some(bytes) = decoded(s).ok() else {
                continue;
            };
            if is_xml(&bytes) {
                // Metadata not marked as such, or a form's fields as Acrobat fills them
                // in (XFA: the page shows only "Please wait...").
                out.push_str(&xml_text(&bytes));
            } else if draws_text(&bytes) {
                // Drawn with whichever fonts the file gives these names anywhere.
                let resources = resources.get_or_insert_with(|| every_font(doc));
                out.push_str(&unshown(doc, &bytes, resources));
            }
            // Other streams that are text (a font's map of codes, a script) are not
            // read: the same in every file a program makes, withheld and public alike,
            // their words would be taken for a withheld file's and refuse a public one.
        }
        out.push('\n');
    }
}

/// Whether the stream is a picture kept as the file it was: a JPEG (or JPEG 2000) placed
/// on a page, which a PDF writer copies in byte for byte.
fn is_picture_file(s: &Stream) -> bool {
    let filter = match s.dict.get(b"Filter") {
        Ok(Object::Array(filters)) if filters.len() == 1 => &filters[0],
        Ok(filter) => filter,
        Err(_) => return false,
    };
    matches!(filter.as_name(), Ok(b"DCTDecode" | b"DCT" | b"JPXDecode"))
}

/// The text a content stream no page shows would draw, read every way.
fn unshown(doc: &Document, bytes: &[u8], resources: &Dictionary) -> String {
    let mut texts = Texts::default();
    let mut out = String::new();
    // Depth at its limit: forms it names are read where they are streams here.
    if (Reader { doc })
        .content(bytes, resources, super::MAX_DEPTH, &mut texts)
        .is_ok()
    {
        texts.end_line();
        for reading in [&texts.placed, &texts.moves, &texts.drawn, &texts.spaced] {
            out.push_str(reading);
            out.push('\n');
        }
    }
    out
}

/// The words of one attached file: a PDF read as this module reads one, anything else
/// by the context's reader.
fn attached(name: &str, bytes: &[u8], ctx: &super::Ctx<'_>, depth: usize) -> String {
    ctx.hold(bytes);
    if bytes.starts_with(b"%PDF-") {
        if depth >= MAX_FILES {
            ctx.note("it holds PDFs attached to PDFs more deeply than quire reads");
        } else {
            match super::read(bytes, ctx, depth + 1) {
                Ok(text) => return text,
                Err(why) => ctx.note(format!("a PDF attached to it cannot be read ({why})")),
            }
        }
    }
    // A PDF that cannot be read is read as bytes too: whatever text they show.
    (ctx.files)(name, bytes)
}

/// The attached files' streams, each with its file name (`/UF` or `/F` of the file
/// specification that holds it in `/EF`). A specification may be an object of its own
/// or written inside another (the list of attached files, an annotation).
fn attached_names(doc: &Document) -> HashMap<lopdf::ObjectId, String> {
    let mut names = HashMap::new();
    let mut stack: Vec<&Object> = doc.objects.values().collect();
    while let Some(object) = stack.pop() {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            Object::Array(a) => {
                stack.extend(a.iter());
                continue;
            }
            _ => continue,
        };
        stack.extend(dict.iter().map(|(_, o)| o));
        let Some(ef) = super::dict(doc, dict, b"EF") else {
            continue;
        };
        let name = [b"UF".as_slice(), b"F"]
            .iter()
            .find_map(|k| dict.get(k).ok()?.as_str().ok())
            .map(super::text_string)
            .unwrap_or_default();
        for (_, o) in ef.iter() {
            if let Ok(id) = o.as_reference() {
                names.insert(id, name.clone());
            }
        }
    }
    names
}

/// The streams of a form filled in Acrobat (XFA), each with the name of its part
/// (`template`, `datasets`…): `/AcroForm /XFA` lists them as name and stream in turn.
/// A form kept whole in one stream is not listed, and is read as any XML is.
fn xfa_parts(doc: &Document) -> HashMap<lopdf::ObjectId, String> {
    let parts = (doc.catalog().ok())
        .and_then(|c| super::dict(doc, c, b"AcroForm"))
        .and_then(|form| {
            let xfa = form.get(b"XFA").ok()?;
            doc.dereference(xfa).ok()?.1.as_array().ok().cloned()
        })
        .unwrap_or_default();
    (parts.chunks_exact(2))
        .filter_map(|pair| {
            let name = super::text_string(pair[0].as_str().ok()?);
            Some((pair[1].as_reference().ok()?, name))
        })
        .collect()
}

/// Whether a stream could be drawing: not a picture or a font program.
fn may_draw_text(s: &Stream) -> bool {
    let subtype = s.dict.get(b"Subtype").and_then(Object::as_name).ok();
    let font_program = [b"Length1".as_slice(), b"Length2", b"Length3"]
        .iter()
        .any(|k| s.dict.has(k));
    !font_program
        && !matches!(
            subtype,
            Some(b"Image" | b"Type1C" | b"CIDFontType0C" | b"OpenType")
        )
}

/// Whether decoded content shows text at all: most streams draw no text, and are not
/// parsed.
fn draws_text(bytes: &[u8]) -> bool {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    has(b"BT") && (has(b"Tj") || has(b"TJ") || has(b"'"))
}

/// Resources naming every font any resources of the file name, the first by each name.
fn every_font(doc: &Document) -> Dictionary {
    let mut fonts = Dictionary::new();
    for object in doc.objects.values() {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        let Some(resources) = super::dict(doc, dict, b"Resources") else {
            continue;
        };
        for (name, font) in super::dict(doc, &resources, b"Font")
            .unwrap_or_default()
            .iter()
        {
            if !fonts.has(name) {
                fonts.set(name.clone(), font.clone());
            }
        }
    }
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(fonts));
    resources
}

/// Whether decoded bytes are XML: an XMP packet, or a part of an XFA form.
fn is_xml(bytes: &[u8]) -> bool {
    let head = super::plain(&bytes[..bytes.len().min(512)]);
    let head = head.trim_start_matches(['\u{feff}', '\0', ' ', '\t', '\r', '\n']);
    head.starts_with('<') || head.contains("<?xpacket") || head.contains("xmpmeta")
}

/// The text of XML (XMP metadata), in UTF-8 or UTF-16: what is between its tags,
/// character data sections whole, entities decoded; not the name of the program that
/// made the file, as in [`super::pdf_text`].
pub(super) fn xml_text(bytes: &[u8]) -> String {
    // UTF-16 without a byte-order mark: the first `<` beside a zero byte.
    let xml = match bytes {
        [b'<', 0, ..] => super::plain(&[&[0xff, 0xfe], bytes].concat()),
        [0, b'<', ..] => super::plain(&[&[0xfe, 0xff], bytes].concat()),
        _ => super::plain(bytes),
    };
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml.as_str();
    let mut tag = "";
    while let Some(open) = rest.find('<') {
        if !PROGRAM.iter().any(|p| tag.ends_with(p)) {
            out.push_str(&unescape(&rest[..open]));
        }
        out.push('\n');
        if let Some(cdata) = rest[open..].strip_prefix("<![CDATA[") {
            let end = cdata.find("]]>").unwrap_or(cdata.len());
            out.push_str(&cdata[..end]);
            out.push('\n');
            rest = cdata.get(end + 3..).unwrap_or("");
            continue;
        }
        let Some(close) = rest[open..].find('>') else {
            return out;
        };
        tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
    }
    out.push_str(&unescape(rest));
    out
}

/// The XMP properties that name the program that made a file (`xmp:CreatorTool`,
/// `pdf:Producer`): the same in withheld and public files alike.
const PROGRAM: [&str; 2] = [":CreatorTool", ":Producer"];

fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let entity = after
            .find(';')
            .filter(|&end| end <= 10)
            .map(|end| &after[..end]);
        let decoded = entity.and_then(|e| match e {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => {
                let number = e.strip_prefix('#')?;
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        match (decoded, entity) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &after[e.len() + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The file as it was before each later save: cut after each `%%EOF` but the last (an
/// update appended since holds what was changed, not what was taken away). How many
/// are read is bounded by the parses a file is given (see `MAX_PARSES`).
pub(super) fn earlier_revisions(bytes: &[u8]) -> Vec<&[u8]> {
    let ends: Vec<usize> = (bytes.windows(5).enumerate())
        .filter(|(_, w)| *w == b"%%EOF")
        .map(|(i, _)| i + 5)
        .collect();
    // The last end is the file as it is now (with perhaps a line break after it).
    let Some((_, earlier)) = ends.split_last() else {
        return Vec::new();
    };
    earlier.iter().map(|&end| &bytes[..end]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_reads_between_tags_and_decodes_entities() {
        let xml = "<x:xmpmeta><dc:description><rdf:li xml:lang=\"x-default\">Offers &amp; bids from Zorblax&#x20;Holdings &#8212; &lt;4.2m&gt;</rdf:li></dc:description></x:xmpmeta>";
        let text = xml_text(xml.as_bytes());
        assert!(
            text.contains("Offers & bids from Zorblax Holdings \u{2014} <4.2m>"),
            "{text}"
        );
        assert!(!text.contains("rdf:li"), "{text}");
        assert_eq!(unescape("a & b &unknown; &#xZZ;"), "a & b &unknown; &#xZZ;");
        let made = xml_text(
            b"<xmp:CreatorTool>Microsoft Word for Microsoft 365</xmp:CreatorTool><pdf:Producer>Acrobat PDFMaker</pdf:Producer><dc:title>Depot sale</dc:title>",
        );
        assert!(
            !made.contains("Microsoft") && !made.contains("PDFMaker"),
            "{made}"
        );
        assert!(made.contains("Depot sale"), "{made}");
    }

    #[test]
    fn earlier_revisions_are_the_file_cut_at_each_end_but_the_last() {
        let file = b"%PDF-1.7 one %%EOF\ntwo %%EOF\nthree %%EOF\n";
        let cuts = earlier_revisions(file);
        assert_eq!(
            cuts,
            vec![
                &b"%PDF-1.7 one %%EOF"[..],
                &b"%PDF-1.7 one %%EOF\ntwo %%EOF"[..]
            ]
        );
        assert!(earlier_revisions(b"%PDF-1.7 only %%EOF").is_empty());
        assert!(earlier_revisions(b"no end").is_empty());
    }

    #[test]
    fn xmp_in_utf16_and_in_character_data_is_read() {
        let xml = "<dc:description><![CDATA[Offers from Zorblax <Holdings>]]></dc:description>";
        assert!(xml_text(xml.as_bytes()).contains("Offers from Zorblax <Holdings>"));
        let wide: Vec<u8> = "<x:xmpmeta>Zorblax Holdings</x:xmpmeta>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(
            xml_text(&wide).contains("Zorblax Holdings"),
            "{}",
            xml_text(&wide)
        );
        assert!(is_xml(b"<?xpacket begin=\"\"?><x:xmpmeta>"));
        assert!(is_xml(
            b"\n<xfa:datasets><Summary>Offers</Summary></xfa:datasets>"
        ));
        assert!(!is_xml(b"BT /F1 12 Tf (Hello) Tj ET"));
    }
}
