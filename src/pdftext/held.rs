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

use std::collections::{BTreeMap, HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::decode::stream as decoded;
use super::{Reader, Texts};

/// How deep a PDF attached to a PDF (attached to a PDF…) is read.
pub(super) const MAX_FILES: usize = 3;

/// Reads the words of an attached file that is not a PDF: the caller knows office files.
pub type FileReader<'a> = &'a dyn Fn(&str, &[u8]) -> String;

/// The words of every attached file, of the XMP metadata, and of every content stream
/// that is not a page's own (`pages`: their objects), a stream a line. What cannot be
/// unpacked is noted in `ctx`. With `raw`, every stream that may be text is also added
/// to it as [`super::raw_text`] reads it: a page's or a form's comments, any other
/// stream whole.
pub(super) fn streams(
    doc: &Document,
    pages: &std::collections::HashSet<lopdf::ObjectId>,
    ctx: &super::Ctx<'_>,
    depth: usize,
    out: &mut String,
    mut raw: Option<&mut String>,
) {
    let names = attached_names(doc);
    let form = xfa_parts(doc);
    let mut resources = None;
    let want_raw = raw.is_some();
    for (id, object) in &doc.objects {
        let Object::Stream(s) = object else {
            continue;
        };
        let mut raw_of = |bytes: &[u8]| {
            if let Some(raw) = raw.as_deref_mut() {
                let subtype = s.dict.get(b"Subtype").and_then(Object::as_name).ok();
                let content = pages.contains(id) || subtype == Some(b"Form");
                raw.push('\n');
                match content {
                    true => raw.push_str(&super::content::comments(bytes)),
                    false => raw.push_str(&String::from_utf8_lossy(bytes)),
                }
            }
        };
        if let Some(part) = form.get(id) {
            // What was typed into the form, not the form's own captions and scripts,
            // which a council's withheld and public forms made from one template share.
            let bytes = (part == "datasets" || want_raw)
                .then(|| decoded(s).ok())
                .flatten();
            if let Some(bytes) = bytes {
                raw_of(&bytes);
                if part == "datasets" {
                    out.push_str(&xml_text(&bytes));
                }
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
            if may_draw_text(s) {
                raw_of(&bytes);
            }
            if attached {
                let file = names.get(id).map_or("", String::as_str);
                out.push_str(&self::attached(file, &bytes, ctx, depth));
            } else {
                out.push_str(&xml_text(&bytes));
            }
        } else if let Some(picture) = picture_file(doc, s) {
            match picture {
                Ok(bytes) => {
                    // A photo placed as it was keeps its properties (EXIF, XMP), which
                    // anyone can read from the file: as text in a text editor.
                    if let Some(raw) = raw.as_deref_mut() {
                        raw.push('\n');
                        raw.push_str(&crate::scrub::metadata_text(&bytes));
                    }
                    hold_picture(&bytes, ctx)
                }
                Err(_) => ctx.note("a picture in it is packed in a way quire cannot unpack"),
            }
        } else if may_draw_text(s) {
            let Some(bytes) = decoded(s).ok() else {
                continue;
            };
            raw_of(&bytes);
            // JPEGs written into the content itself, a page's or a form's.
            for picture in super::content::pictures(&bytes) {
                hold_picture(&picture, ctx);
            }
            if pages.contains(id) {
                // Its text is read as the page's.
            } else if is_xml(&bytes) {
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

/// The picture file a stream holds as it was: a JPEG (or JPEG 2000) placed on a page,
/// which a PDF writer copies in byte for byte, perhaps packed again by filters before
/// its own (a red-team session, 4 December 2026, hid a withheld photo behind
/// `[/FlateDecode /DCTDecode]`, and behind a filter given by reference). `None` if the
/// stream's last filter is not a picture's; an error if those before it cannot be undone.
fn picture_file(doc: &Document, s: &Stream) -> Option<Result<Vec<u8>, String>> {
    let resolve = |o: &Object| doc.dereference(o).ok().map(|(_, o)| o.clone());
    let mut filters = match resolve(s.dict.get(b"Filter").ok()?)? {
        Object::Array(each) => each.iter().map(resolve).collect::<Option<Vec<_>>>()?,
        name => vec![name],
    };
    let last = filters.pop()?;
    // A picture compressed with Flate holds a PNG's compressed pixels as they were, if
    // it was placed as img2pdf places a PNG: the gate knows a withheld PNG by them.
    let image = s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image");
    let kept = match last.as_name() {
        Ok(b"DCTDecode" | b"DCT" | b"JPXDecode") => true,
        Ok(b"FlateDecode" | b"Fl") => image,
        _ => false,
    };
    if !kept {
        return None;
    }
    if filters.is_empty() {
        return Some(Ok(s.content.clone()));
    }
    let mut packed = Stream::new(s.dict.clone(), s.content.clone());
    packed.dict.set("Filter", Object::Array(filters));
    if let Some(params) = s.dict.get(b"DecodeParms").ok().and_then(resolve) {
        packed.dict.set("DecodeParms", params);
    }
    Some(decoded(&packed))
}

/// Holds a picture, and if bytes come before its start (a JPEG's `FF D8 FF`), the
/// picture from there too: a viewer finds the start, and `pdfimages` gives the file.
pub(super) fn hold_picture(bytes: &[u8], ctx: &super::Ctx<'_>) {
    ctx.hold(bytes);
    let head = &bytes[..bytes.len().min(64 << 10)];
    if let Some(at) = head.windows(3).position(|w| w == [0xFF, 0xD8, 0xFF])
        && at > 0
    {
        ctx.hold(&bytes[at..]);
    }
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
    hold_members(bytes, ctx);
    // An e-mail's attachments (a red-team session, 4 December 2026, attached to a public
    // PDF an e-mail carrying a withheld photo).
    for file in crate::gate::attachment::mime_files(bytes) {
        hold_picture(&file, ctx);
    }
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
    // A PDF that cannot be read is read as bytes too: whatever text they show. A
    // metafile draws its text from records, in UTF-16 (red-team round 18 attached one).
    let mut text = (ctx.files)(name, bytes);
    if crate::scrub::is_metafile(bytes) {
        text.push('\n');
        text.push_str(&crate::scrub::metadata_text(bytes));
    }
    text
}

/// Each file inside an attached zip (a Word file's pictures, a zip's files), held as
/// the zip is (a red-team session, 4 December 2026, attached to a public PDF a Word file
/// holding a withheld photo). At most 256 MB is unpacked; a zip that holds more, or
/// whose members share their bytes (a "zip bomb"), is noted as not read whole.
fn hold_members(bytes: &[u8], ctx: &super::Ctx<'_>) {
    use std::io::Read;
    const TOO_LARGE: &str = "a file attached to it unpacks to more than 256 MB";
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return;
    };
    if zip.has_overlapping_files().unwrap_or(true) {
        return ctx.note(TOO_LARGE);
    }
    let mut budget: u64 = 256 << 20;
    for i in 0..zip.len() {
        let Ok(member) = zip.by_index(i) else {
            ctx.note(
                "a file in a zip attached to it is locked, or packed in a way quire cannot unpack",
            );
            continue;
        };
        let mut data = Vec::new();
        let read = member.take(budget + 1).read_to_end(&mut data);
        let Some(left) = budget.checked_sub(data.len() as u64) else {
            return ctx.note(TOO_LARGE);
        };
        budget = left;
        match read {
            Ok(_) => ctx.hold(&data),
            // Packed some way this build of the zip crate cannot unpack (bzip2, zstd).
            Err(_) => {
                ctx.note("a file in a zip attached to it is packed in a way quire cannot unpack")
            }
        }
    }
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
pub(super) fn may_draw_text(s: &Stream) -> bool {
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
    let head = crate::text::decoded(&bytes[..bytes.len().min(512)]);
    let head = head.trim_start_matches(['\u{feff}', '\0', ' ', '\t', '\r', '\n']);
    head.starts_with('<') || head.contains("<?xpacket") || head.contains("xmpmeta")
}

/// The text of XML (XMP metadata), in UTF-8 or UTF-16: what is between its tags,
/// character data sections whole, entities decoded; not the name of the program that
/// made the file, as in [`super::pdf_text`].
pub(super) fn xml_text(bytes: &[u8]) -> String {
    // UTF-16 without a byte-order mark: the first `<` beside a zero byte.
    let xml = match bytes {
        [b'<', 0, ..] => crate::text::decoded(&[&[0xff, 0xfe], bytes].concat()),
        [0, b'<', ..] => crate::text::decoded(&[&[0xfe, 0xff], bytes].concat()),
        _ => crate::text::decoded(bytes),
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

/// The file with a table of objects added that lists every object written in it (`12 0
/// obj`), each where it last begins, if some object is one that no version of the file
/// read so far (`seen`) has, or begins last elsewhere than the file's table says
/// (`places`): a viewer that finds a file's table wrong rebuilds it so, the last
/// definition of an object winning, and anyone can read such an object in the file's
/// bytes (red-team sessions, 4 December 2026, left a sentence in an object the table
/// leaves out, and in a second definition of an object the table lists at its first).
/// `None` if there is none.
pub(super) fn unlisted(
    bytes: &[u8],
    seen: &HashSet<ObjectId>,
    places: &HashMap<ObjectId, usize>,
) -> Option<Vec<u8>> {
    let mut starts: BTreeMap<ObjectId, usize> = BTreeMap::new();
    for (id, at) in object_starts(bytes) {
        starts.insert(id, at);
    }
    let elsewhere = |id: &ObjectId, at: &usize| places.get(id).is_some_and(|p| p != at);
    if (starts.iter()).all(|(id, at)| seen.contains(id) && !elsewhere(id, at)) {
        return None;
    }
    let mut file = bytes.to_vec();
    file.extend_from_slice(b"\n");
    let table = file.len();
    file.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \n");
    for (&(number, generation), &at) in &starts {
        let entry = format!("{number} 1\n{at:010} {generation:05} n \n");
        file.extend_from_slice(entry.as_bytes());
    }
    let size = starts.keys().last().map_or(1, |(n, _)| u64::from(*n) + 1);
    let root = last_root(bytes).map_or(String::new(), |(n, g)| format!(" /Root {n} {g} R"));
    let trailer = format!("trailer\n<< /Size {size}{root} >>\nstartxref\n{table}\n%%EOF\n");
    file.extend_from_slice(trailer.as_bytes());
    Some(file)
}

/// Where each object written in the file begins (`12 0 obj`), in order: its number and
/// generation, and the offset of its number.
fn object_starts(bytes: &[u8]) -> Vec<(ObjectId, usize)> {
    let delimiter = |b: u8| b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b);
    let mut found = Vec::new();
    for at in (0..bytes.len().saturating_sub(2)).filter(|&i| &bytes[i..i + 3] == b"obj") {
        if bytes.get(at + 3).is_some_and(|&b| !delimiter(b)) {
            continue;
        }
        // Back over whitespace, a generation, whitespace and a number.
        let mut i = at;
        let mut fields = [0usize; 2];
        let mut ok = true;
        for field in &mut fields {
            let end = i;
            while i > 0 && bytes[i - 1].is_ascii_whitespace() {
                i -= 1;
            }
            let digits_end = i;
            while i > 0 && bytes[i - 1].is_ascii_digit() {
                i -= 1;
            }
            *field = i;
            ok &= digits_end < end && i < digits_end && digits_end - i <= 10;
        }
        if !ok || (i > 0 && !delimiter(bytes[i - 1])) {
            continue;
        }
        let number = |from: usize| -> Option<u64> {
            let digits = bytes[from..].iter().take_while(|b| b.is_ascii_digit());
            std::str::from_utf8(&bytes[from..from + digits.count()])
                .ok()?
                .parse()
                .ok()
        };
        let n = number(fields[1]).and_then(|n| u32::try_from(n).ok());
        let g = number(fields[0]).and_then(|g| u16::try_from(g).ok());
        if let (Some(n), Some(g)) = (n, g) {
            found.push(((n, g), fields[1]));
        }
    }
    found
}

/// The object the file's last trailer names as its catalogue (`/Root 1 0 R`).
fn last_root(bytes: &[u8]) -> Option<(u32, u16)> {
    let at = (0..bytes.len().saturating_sub(4))
        .rev()
        .find(|&i| &bytes[i..i + 5] == b"/Root")?;
    let mut words = bytes[at + 5..]
        .split(u8::is_ascii_whitespace)
        .filter(|w| !w.is_empty());
    let mut next = || -> Option<u64> { std::str::from_utf8(words.next()?).ok()?.parse().ok() };
    Some((u32::try_from(next()?).ok()?, u16::try_from(next()?).ok()?))
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
    fn objects_are_found_where_they_begin_and_nowhere_else() {
        let file = b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\n 12  3\r\nobj [] endobj\nx4 0 obj\n5 0 objstm\n(6 0 obj)";
        let starts = object_starts(file);
        let at = |needle: &[u8]| {
            file.windows(needle.len())
                .position(|w| w == needle)
                .unwrap()
        };
        assert_eq!(
            starts,
            vec![
                ((1, 0), at(b"1 0 obj")),
                ((12, 3), at(b"12  3")),
                ((6, 0), at(b"6 0 obj"))
            ]
        );
        assert_eq!(
            last_root(b"trailer<</Root 1 0 R>> trailer<</Size 3/Root 7 2 R>>"),
            Some((7, 2))
        );
        assert_eq!(last_root(b"no catalogue"), None);
    }

    #[test]
    fn a_table_is_added_only_for_objects_no_version_read() {
        let file = b"%PDF-1.7\n1 0 obj\n<</Type/Catalog>>\nendobj\n2 0 obj\n(hidden)\nendobj\ntrailer<</Root 1 0 R>>";
        let seen_all: HashSet<ObjectId> = [(1, 0), (2, 0)].into();
        let places = HashMap::from([((1, 0), 9), ((2, 0), 42)]);
        assert_eq!(unlisted(file, &seen_all, &places), None);
        // The table lists object 2 elsewhere than where it last begins.
        let elsewhere = HashMap::from([((1, 0), 9), ((2, 0), 9)]);
        assert!(unlisted(file, &seen_all, &elsewhere).is_some());
        let rebuilt = unlisted(file, &[(1, 0)].into(), &places).expect("a table added");
        let doc = Document::load_mem(&rebuilt).expect("the rebuilt file loads");
        assert_eq!(doc.get_object((2, 0)).unwrap().as_str().unwrap(), b"hidden");
        assert!(doc.catalog().is_ok());
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
