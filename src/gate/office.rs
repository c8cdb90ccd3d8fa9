//! The words of office documents: Word, Excel and PowerPoint files, and OpenDocument
//! text and spreadsheets. Each is a zip of parts, mostly XML.
//!
//! Every part is read but pictures and fonts (the body, headers and footers, footnotes,
//! comments, tracked deletions, slide notes, document properties, pivot caches, link
//! addresses, the alternative text of pictures, and whatever is embedded: another
//! office file, an old-style object, a chunk of HTML), because anyone who opens the file
//! can see all of it. Word splits a word across "runs" wherever its formatting or
//! editing history changes ("Con" + "fidential"), so runs are joined and only
//! paragraph-like elements separate text.

use std::io::Read;

use super::attachment::{Reading, decode, raw_text};

/// At most this much is read from one document, so a small file that inflates to
/// gigabytes (a "zip bomb") cannot exhaust the machine.
const LIMIT: u64 = 256 << 20;

/// How deep a document embedded in another (a spreadsheet in a Word file) is read.
const DEPTH: usize = 3;

/// Whether these bytes are a zip, as every office document of this century is.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Whether these bytes are an OLE compound file: a Word or Excel file of 1997 to 2003,
/// or a new one protected by a password.
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Reads an office document into `reading`. An error says why it could not be read
/// whole; what was read before it stays.
pub(super) fn read(bytes: &[u8], reading: &mut Reading) -> Result<(), String> {
    let mut budget = LIMIT;
    zip(bytes, DEPTH, &mut budget, reading)
}

/// Reads every part of a zip. A part that cannot be opened does not stop the others
/// from being read: the first such problem is returned once all have been.
fn zip(bytes: &[u8], depth: usize, budget: &mut u64, reading: &mut Reading) -> Result<(), String> {
    let damaged = |e: &dyn std::fmt::Display| {
        format!("a part of it is damaged or packed in a way quire cannot open ({e})")
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let mut problem = None;
    // A workbook's cells name their text by its number in the shared strings, so these
    // are read first; an embedded workbook has its own.
    let outer = std::mem::take(&mut reading.shared);
    if let Some(i) = (0..zip.len()).find(|&i| {
        (zip.name_for_index(i).and_then(Result::ok))
            .is_some_and(|n| n.eq_ignore_ascii_case("xl/sharedStrings.xml"))
    }) && let Ok(Some((_, data))) = unpack(&mut zip, i, budget)
    {
        reading.shared = shared_strings(&decode(&data));
    }
    // Which of its cell formats show nothing (`;;;`), for the cells that use them.
    if let Some(i) = (0..zip.len()).find(|&i| {
        (zip.name_for_index(i).and_then(Result::ok))
            .is_some_and(|n| n.eq_ignore_ascii_case("xl/styles.xml"))
    }) && let Ok(Some((_, data))) = unpack(&mut zip, i, budget)
    {
        reading.hidden_styles.extend(blank_formats(&decode(&data)));
    }
    for i in 0..zip.len() {
        let (name, data) = match unpack(&mut zip, i, budget) {
            Ok(Some(part)) => part,
            Ok(None) => continue,
            Err(Unpack::Damaged(e)) => {
                problem.get_or_insert(damaged(&e));
                continue;
            }
            Err(Unpack::Stop(e)) => return Err(e),
        };
        if let Err(e) = self::part(&name, &data, depth, budget, reading) {
            problem.get_or_insert(e);
        }
    }
    reading.shared = outer;
    problem.map_or(Ok(()), Err)
}

/// The texts of a workbook's shared strings, in order.
fn shared_strings(xml: &str) -> Vec<String> {
    let body = xml.find("<sst").map_or(xml, |at| &xml[at..]);
    let Ok(doc) = roxmltree::Document::parse(body) else {
        return Vec::new();
    };
    (doc.root_element().children())
        .filter(|si| si.tag_name().name() == "si")
        .map(|si| {
            (si.descendants())
                .filter(|t| {
                    t.is_text()
                        && t.parent_element()
                            .is_some_and(|p| p.tag_name().name() == "t")
                })
                .filter_map(|t| t.text())
                .collect()
        })
        .collect()
}

/// Why a part was not unpacked: it alone, or the whole document.
enum Unpack {
    Damaged(String),
    Stop(String),
}

/// The name (in lower case) and bytes of part `i`, or `None` for a picture, a font or
/// a folder.
fn unpack(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    i: usize,
    budget: &mut u64,
) -> Result<Option<(String, Vec<u8>)>, Unpack> {
    let mut part = zip
        .by_index(i)
        .map_err(|e| Unpack::Damaged(e.to_string()))?;
    let name = part
        .name()
        .map_err(|e| Unpack::Damaged(e.to_string()))?
        .to_ascii_lowercase();
    // A folder holds nothing; a "folder" that holds bytes is read like any part.
    if is_media(&name) || (part.is_dir() && part.size() == 0) {
        return Ok(None);
    }
    if part.encrypted() {
        return Err(Unpack::Stop("it is protected by a password".into()));
    }
    let mut data = Vec::new();
    (&mut part)
        .take(*budget + 1)
        .read_to_end(&mut data)
        .map_err(|e| Unpack::Damaged(e.to_string()))?;
    *budget = (budget.checked_sub(data.len() as u64))
        .ok_or_else(|| Unpack::Stop("it holds more than 256 MB".into()))?;
    Ok(Some((name, data)))
}

/// Reads one part of a document: XML, another document, or anything else for the text
/// its bytes hold (an old-style embedded object, a chunk of HTML Word shows). An error
/// says what could not be read whole; what could be read has been.
fn part(
    name: &str,
    data: &[u8],
    depth: usize,
    budget: &mut u64,
    reading: &mut Reading,
) -> Result<(), String> {
    if is_zip(data) {
        if depth == 0 {
            raw(data, reading);
            return Err("it holds documents inside documents more than three deep".into());
        }
        // An embedded document that cannot be opened whole is also read as bytes.
        return zip(data, depth - 1, budget, reading).inspect_err(|_| raw(data, reading));
    }
    let text = decode(data);
    // Excel's legacy drawing of a note (VML, which Excel writes as markup that is not
    // XML) is a comment, its `comments1.xml` there or not.
    if name.ends_with(".vml")
        && (text.contains("ObjectType=\"Note\"") || text.contains("ObjectType='Note'"))
    {
        reading.hidden.insert("comments");
    }
    let xml = text.trim_start();
    if !(xml.starts_with('<') || name.ends_with(".xml") || name.ends_with(".rels")) {
        raw(data, reading);
        return Ok(());
    }
    let xml = &*without_housekeeping(name, xml);
    // A style marked hidden is not hidden text until a paragraph uses it (see
    // `Reading::hidden_styles`).
    let before = reading.hidden.clone();
    xml_paragraphs(xml, reading);
    if name.ends_with("styles.xml") || name.ends_with("styleswitheffects.xml") {
        reading.hidden = before;
        styles(xml, reading);
    }
    Ok(())
}

/// The properties a program, and the people and organisation using it, write the same
/// in every file they save: the program's name and version, the template, counts of
/// pages and words, dates, who wrote and last saved it, the company, and a document
/// library's columns. By local name, in `docProps/app.xml`, `docProps/core.xml` and
/// `docProps/custom.xml` (Office) and `meta.xml` (OpenDocument).
const HOUSEKEEPING: &[&str] = &[
    "creator",
    "lastModifiedBy",
    "initial-creator",
    "Company",
    "Manager",
    "property",
    "user-defined",
    "Application",
    "AppVersion",
    "Template",
    "DocSecurity",
    "ScaleCrop",
    "LinksUpToDate",
    "SharedDoc",
    "HyperlinksChanged",
    "TotalTime",
    "Pages",
    "Words",
    "Characters",
    "CharactersWithSpaces",
    "Lines",
    "Paragraphs",
    "Slides",
    "Notes",
    "HiddenSlides",
    "MMClips",
    "PresentationFormat",
    "revision",
    "created",
    "modified",
    "lastPrinted",
    "generator",
    "creation-date",
    "date",
    "print-date",
    "editing-duration",
    "editing-cycles",
];

/// A properties part without [`HOUSEKEEPING`]; any other part as it is. A withheld
/// file's would refuse every public file the same program, officer or library saved:
/// round 17 found LibreOffice's "LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/…",
/// round 18 an author "Smith, Jane (Democratic Services)", a company and a SharePoint
/// column. The title, subject, description and keywords stay. A public file's are all
/// still read, with the rest of its markup (see `Gate::member_text`).
fn without_housekeeping<'x>(name: &str, xml: &'x str) -> std::borrow::Cow<'x, str> {
    let lower = name.to_ascii_lowercase();
    let parts = [
        "docprops/app.xml",
        "docprops/core.xml",
        "docprops/custom.xml",
    ];
    let properties = parts.contains(&lower.as_str()) || lower == "meta.xml";
    let body_at = xml
        .find("?>")
        .filter(|_| xml.starts_with("<?xml"))
        .map_or(0, |at| at + 2);
    let parsed = properties
        .then(|| roxmltree::Document::parse(&xml[body_at..]).ok())
        .flatten();
    let Some(doc) = parsed else {
        return xml.into();
    };
    let mut cuts: Vec<std::ops::Range<usize>> = (doc.descendants())
        .filter(|n| n.is_element() && HOUSEKEEPING.contains(&n.tag_name().name()))
        .map(|n| n.range())
        .collect();
    cuts.sort_by_key(|r| r.start);
    let body = &xml[body_at..];
    let mut out = String::with_capacity(xml.len());
    let mut at = 0;
    for cut in cuts {
        // A fact inside another is cut with it.
        if cut.start >= at {
            out.push_str(&body[at..cut.start]);
            at = cut.end;
        }
    }
    out.push_str(&body[at..]);
    out.into()
}

/// Reads bytes for whatever text they hold, and for the words of any PDF inside them.
fn raw(data: &[u8], reading: &mut Reading) {
    for run in raw_text(data) {
        reading.flat.push_str(&run);
        reading.flat.push(' ');
        reading.paragraphs.push(run);
    }
    inner_pdfs(data, reading);
}

/// The most PDFs read inside one part.
const MAX_INNER_PDFS: usize = 8;

/// Reads each PDF found inside bytes that are not a document of their own: an object
/// embedded the old way (Word's Insert > Object wraps the PDF it embeds in a file of its
/// own, `oleObject1.bin`), whose compressed pages show no words as bytes. A red-team
/// session (3 December 2026) published an exempt report's sentence in a PDF so embedded
/// in a public Word file, the build passing.
pub(super) fn inner_pdfs(data: &[u8], reading: &mut Reading) {
    let starts = (data.windows(5).enumerate())
        .filter(|(_, w)| *w == b"%PDF-")
        .map(|(i, _)| i)
        .take(MAX_INNER_PDFS);
    for start in starts {
        // To its last end: what follows (the wrapper's padding) is not the PDF's.
        let inner = &data[start..];
        let Some(end) = (inner.windows(5).rposition(|w| w == b"%%EOF")).map(|e| e + 5) else {
            reading
                .unread
                .get_or_insert("a PDF embedded in it cannot be read".into());
            continue;
        };
        let text = match super::pdf_words(&inner[..end], false) {
            Ok(read) => {
                reading.unread = reading.unread.take().or(read.unread);
                read.text
            }
            Err(why) => {
                let why = format!("a PDF embedded in it cannot be read ({why})");
                reading.unread.get_or_insert(why);
                continue;
            }
        };
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            reading.flat.push_str(line);
            reading.flat.push(' ');
            reading.paragraphs.push(line.to_string());
        }
    }
}

/// Pictures and fonts: their bytes hold no words an officer wrote.
fn is_media(name: &str) -> bool {
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    matches!(
        ext,
        "png"
            | "jpg"
            | "jpeg"
            | "gif"
            | "bmp"
            | "tif"
            | "tiff"
            | "emf"
            | "wmf"
            | "wdp"
            | "jxr"
            | "ttf"
            | "otf"
            | "odttf"
            | "fntdata"
            | "woff"
            | "woff2"
    )
}

/// The paragraphs of an XML part: its text, with inline elements (runs, spans, links,
/// tracked changes, fields) joined and every other element a paragraph of its own; and
/// what attributes say that a reader sees. Markup that does not parse (HTML, or
/// damaged XML) is read with its tags as spaces.
pub(super) fn xml_paragraphs(xml: &str, reading: &mut Reading) {
    // The declaration may name an encoding roxmltree does not take ("UTF-16"); the text
    // is decoded already.
    let body = match xml.strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map_or(rest, |(_, body)| body),
        None => xml,
    };
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    let parsed = if body.len() > TREE_LIMIT {
        None
    } else {
        roxmltree::Document::parse_with_options(body, options).ok()
    };
    match parsed {
        Some(doc) => walk(doc.root(), reading),
        None => {
            if body.len() > TREE_LIMIT {
                reading.hidden.extend(hidden_flat(body));
            }
            let text = super::words::decode_entities(&super::words::strip_tags(xml));
            reading.flat.push_str(&text);
            reading.paragraphs.push(text);
        }
    }
    reading.flat.push(' ');
}

/// What a part too large to read as a tree is seen to hide from its tags alone: a
/// tracked change in a Word or OpenDocument file, and in a sheet a hidden row (hidden,
/// filtered, or of no height) that holds something. Tags are read as XML allows them
/// to be written (any prefix, either quote, any space), as another program may.
/// Hidden text, hidden columns and hidden slides need the tree (a style, a column's
/// cells), so in such a part they are not found: docs/leak-gate.md says so.
fn hidden_flat(xml: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    for tag in FlatTags::new(xml) {
        let what = match tag.name {
            "del" | "ins" | "moveFrom" | "moveTo" | "changed-region" => "tracked changes",
            "row" if !tag.empty && hides_row(|a| tag.attribute(a)) => "hidden rows",
            "table-row"
                if !tag.empty
                    && matches!(tag.attribute("visibility"), Some("collapse" | "filter")) =>
            {
                "hidden rows"
            }
            _ => continue,
        };
        if found.contains(&what) {
            continue;
        }
        if what == "hidden rows" && !holds_text_flat(&xml[tag.end..], tag.name) {
            continue;
        }
        found.push(what);
        if found.len() == 2 {
            break;
        }
    }
    found
}

/// Whether an Excel row, by its attributes, is hidden: by hand or by a filter
/// (`hidden`), or by a height of less than a point (`ht="0"`, as some programs write a
/// hidden row).
fn hides_row<'a>(attribute: impl Fn(&str) -> Option<&'a str>) -> bool {
    is_true(attribute("hidden"))
        || attribute("ht")
            .and_then(|h| h.trim().parse::<f64>().ok())
            .is_some_and(|h| h < 1.0)
}

/// Whether the text after a start tag, to the end tag of the element it opened (named
/// `name`, whatever its prefix), has words outside its tags.
fn holds_text_flat(after: &str, name: &str) -> bool {
    let mut rest = after;
    loop {
        let (text, tail) = rest.split_once('<').unwrap_or((rest, ""));
        if !text.trim().is_empty() {
            return true;
        }
        if tail.is_empty() {
            return false;
        }
        let close = tail.strip_prefix('/').map(|t| {
            let end = t
                .find(|c: char| c == '>' || c.is_whitespace())
                .unwrap_or(t.len());
            let qualified = &t[..end];
            qualified
                .rsplit_once(':')
                .map_or(qualified, |(_, local)| local)
        });
        if close == Some(name) {
            return false;
        }
        rest = tail.split_once('>').map_or("", |(_, r)| r);
    }
}

/// A start tag found in markup read without a tree.
struct FlatTag<'a> {
    /// Its local name, the prefix left off.
    name: &'a str,
    /// What lies between its name and its end.
    attributes: &'a str,
    /// Whether it closes itself (`<row/>`).
    empty: bool,
    /// Where the text after it starts.
    end: usize,
}

impl<'a> FlatTag<'a> {
    /// The value of the attribute with this local name, in either quote.
    fn attribute(&self, local: &str) -> Option<&'a str> {
        let mut rest = self.attributes;
        loop {
            rest = rest.trim_start();
            let eq = rest.find('=')?;
            let qualified = rest[..eq].trim();
            let after = rest[eq + 1..].trim_start();
            let quote = after.chars().next().filter(|q| matches!(q, '"' | '\''))?;
            let (value, tail) = after[1..].split_once(quote)?;
            if qualified.rsplit_once(':').map_or(qualified, |(_, l)| l) == local {
                return Some(value);
            }
            rest = tail;
        }
    }
}

/// The start tags of markup, in order.
struct FlatTags<'a> {
    xml: &'a str,
    at: usize,
}

impl<'a> FlatTags<'a> {
    fn new(xml: &'a str) -> Self {
        FlatTags { xml, at: 0 }
    }
}

impl<'a> Iterator for FlatTags<'a> {
    type Item = FlatTag<'a>;

    fn next(&mut self) -> Option<FlatTag<'a>> {
        loop {
            let start = self.at + self.xml.get(self.at..)?.find('<')? + 1;
            let bytes = self.xml.as_bytes();
            // A comment, a CDATA section, a declaration: to its own end, quotes and all.
            let rest = &self.xml[start..];
            let skip = [("!--", "-->"), ("![CDATA[", "]]>"), ("!", ">"), ("?", "?>")]
                .into_iter()
                .find(|(open, _)| rest.starts_with(open));
            if let Some((_, close)) = skip {
                self.at = start + rest.find(close)? + close.len();
                continue;
            }
            // The end of the tag: the first `>` outside quotes.
            let mut quote = None;
            let mut end = start;
            while end < bytes.len() {
                match (bytes[end], quote) {
                    (b'"' | b'\'', None) => quote = Some(bytes[end]),
                    (q, Some(open)) if q == open => quote = None,
                    (b'>', None) => break,
                    _ => {}
                }
                end += 1;
            }
            self.at = (end + 1).min(bytes.len());
            let tag = &self.xml[start..end.min(bytes.len())];
            if tag.starts_with('/') || end >= bytes.len() {
                if end >= bytes.len() {
                    return None;
                }
                continue;
            }
            let split = tag
                .find(|c: char| c.is_whitespace() || c == '/')
                .unwrap_or(tag.len());
            let qualified = &tag[..split];
            return Some(FlatTag {
                name: qualified.rsplit_once(':').map_or(qualified, |(_, l)| l),
                attributes: tag[split..].trim_end_matches('/'),
                empty: tag.ends_with('/'),
                end: self.at,
            });
        }
    }
}

/// A part larger than this is read with its tags as spaces rather than as a tree: the
/// tree of a spreadsheet's 250 MB sheet takes gigabytes.
const TREE_LIMIT: usize = 16 << 20;

/// Reads a tree of XML in document order. The walk keeps its own stack, so a document
/// nested a million levels deep (roxmltree accepts one) cannot overflow the thread's.
/// Each element that is not inline writes into a paragraph of its own, so the words of
/// a paragraph before and after a footnote inside it stay one passage; but a table row
/// is one paragraph, its cells apart by a space, as a report's table rows are.
fn walk(root: roxmltree::Node<'_, '_>, reading: &mut Reading) {
    // For each open element, what its end does.
    let mut stack: Vec<End> = Vec::new();
    let mut paragraphs: Vec<String> = vec![String::new()];
    let mut rows = 0;
    // The `y` of the last SVG `tspan` placed.
    let mut line: Option<String> = None;
    // Nodes to visit, and the ends of elements to close.
    let mut visits: Vec<(roxmltree::Node<'_, '_>, bool)> = vec![(root, false)];
    while let Some((n, closing)) = visits.pop() {
        if closing {
            let end = stack.pop();
            if let Some(End::Paragraph { row }) = end
                && let Some(p) = paragraphs.pop()
            {
                rows -= usize::from(row);
                reading.paragraphs.push(p);
            }
            if end == Some(End::Space)
                && let Some(p) = paragraphs.last_mut()
            {
                p.push(' ');
            }
            continue;
        }
        if n.is_text() {
            // Indentation between elements is not text: Word writes none, but a file
            // written by another program may, between the runs of one word.
            let text = shared(&n, &reading.shared).unwrap_or(n.text().unwrap_or(""));
            if !(text.contains('\n') && text.trim().is_empty())
                && let Some(p) = paragraphs.last_mut()
            {
                p.push_str(text);
                let at = reading.flat.len();
                reading.flat.push_str(text);
                if in_raised_run(&n) {
                    reading.raised.push(at..reading.flat.len());
                }
            }
            continue;
        }
        let name = n.is_element().then(|| n.tag_name().name());
        if let Some(name) = name {
            if is_gap(&n, name)
                && let Some(p) = paragraphs.last_mut()
            {
                p.push(' ');
                // A `tspan` placed on the line of the last one may continue a word
                // (Illustrator starts one wherever kerning changes): the flat reading
                // joins it, and parts only one placed on another line.
                if name != "tspan" || new_line(&n, &mut line) {
                    reading.flat.push(' ');
                }
            }
            reading.paragraphs.extend(described(&n));
            note_hidden(&n, reading);
        }
        let end = match name {
            Some(name) if INLINE.contains(&name) => End::Nothing,
            Some(name) if ROWS.contains(&name) => {
                rows += 1;
                End::Paragraph { row: true }
            }
            Some(_) if rows > 0 => End::Space,
            Some(_) => End::Paragraph { row: false },
            None => End::Nothing,
        };
        if matches!(end, End::Paragraph { .. }) {
            paragraphs.push(String::new());
        }
        stack.push(end);
        visits.push((n, true));
        visits.extend(n.children().rev().map(|c| (c, false)));
    }
    reading.paragraphs.extend(paragraphs);
}

/// The text a spreadsheet cell's value stands for, if it is the number of a shared
/// string (`<c t="s"><v>3</v></c>`).
fn shared<'s>(n: &roxmltree::Node<'_, '_>, strings: &'s [String]) -> Option<&'s str> {
    let v = n.parent_element().filter(|v| v.tag_name().name() == "v")?;
    let c = v.parent_element().filter(|c| c.tag_name().name() == "c")?;
    if c.attribute("t") != Some("s") {
        return None;
    }
    let i: usize = n.text()?.trim().parse().ok()?;
    strings.get(i).map(String::as_str)
}

/// What the end of an element does to the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// Ends the element's own paragraph (a table row's, if `row`).
    Paragraph { row: bool },
    /// Parts it from what follows: a cell, or a paragraph inside a table row.
    Space,
    /// Nothing: an inline element's text runs on.
    Nothing,
}

/// Table rows: Word's and PowerPoint's, Excel's, OpenDocument's.
const ROWS: &[&str] = &["tr", "row", "table-row"];

/// Notes what an element hides: see [`hidden`]; and, for Word's styles, which hide
/// their text and which the document uses.
fn note_hidden(n: &roxmltree::Node<'_, '_>, reading: &mut Reading) {
    let name = n.tag_name().name();
    if matches!(name, "pStyle" | "rStyle")
        && let Some(style) = n.attribute((W, "val")).or(n.attribute("val"))
    {
        reading.used_styles.insert(style.to_string());
    }
    if name == "vanish"
        && switched_on(n)
        && let Some(style) = n.ancestors().find(|a| a.tag_name().name() == "style")
        && let Some(id) = style
            .attribute((W, "styleId"))
            .or(style.attribute("styleId"))
    {
        reading.hidden_styles.insert(id.to_string());
    }
    // OpenDocument's styles used by name; an automatic style (one of a paragraph's
    // own) uses its parent.
    for a in n.attributes() {
        let automatic = || {
            n.parent_element()
                .is_some_and(|p| p.tag_name().name() == "automatic-styles")
        };
        if a.name() == "style-name" || (a.name() == "parent-style-name" && automatic()) {
            reading.used_styles.insert(a.value().to_string());
        }
    }
    // An Excel cell whose format shows nothing (see `blank_formats`).
    if name == "c"
        && reading
            .hidden_styles
            .first()
            .is_some_and(|k| k.starts_with('\0'))
        && let Some(xf) = n.attribute("s")
    {
        let text = matches!(n.attribute("t"), Some("s" | "inlineStr" | "str"));
        let key = format!("\0{}:{xf}", if text { "all" } else { "numbers" });
        if reading.hidden_styles.contains(&key) && holds_text(n) {
            reading.used_styles.insert(key);
        }
    }
    if let Some(what) = hidden(n) {
        reading.hidden.insert(what);
    }
}

/// Whether a text is in a run drawn raised or lowered: Word's superscript or subscript
/// (`w:vertAlign`), PowerPoint's (`a:rPr baseline`). A footnote's or endnote's marker
/// is one ("Quokkaplex" then a raised "i"), which the flat reading joins to its word.
fn in_raised_run(text: &roxmltree::Node<'_, '_>) -> bool {
    let Some(run) =
        (text.ancestors().take(3)).find(|a| a.is_element() && a.tag_name().name() == "r")
    else {
        return false;
    };
    let Some(props) = run.children().find(|c| c.tag_name().name() == "rPr") else {
        return false;
    };
    let shifted = attribute(&props, "baseline").is_some_and(|b| b.trim() != "0");
    shifted
        || props.children().any(|c| {
            c.tag_name().name() == "vertAlign"
                && matches!(attribute(&c, "val"), Some("superscript" | "subscript"))
        })
}

/// The value of an attribute by its local name, whatever its namespace.
fn attribute<'a>(n: &roxmltree::Node<'a, '_>, local: &str) -> Option<&'a str> {
    n.attributes()
        .find(|a| a.name() == local)
        .map(|a| a.value())
}

/// Notes the styles of a styles part (Word's, OpenDocument's) that hide their text:
/// those that say so, and those based on one that does (`w:basedOn`,
/// `style:parent-style-name`) unless they say otherwise. A hidden default style
/// (Word's `w:default`) is in use wherever no other is named, and document defaults
/// that hide text (`w:rPrDefault`) hide all of it.
fn styles(xml: &str, reading: &mut Reading) {
    use std::collections::HashMap;
    let body = match xml.strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map_or(rest, |(_, body)| body),
        None => xml,
    };
    if body.len() > TREE_LIMIT {
        return;
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    let Ok(doc) = roxmltree::Document::parse_with_options(body, options) else {
        return;
    };
    // Each style: its parent, and whether it says it hides its text or shows it.
    let mut own: HashMap<&str, (Option<&str>, Option<bool>)> = HashMap::new();
    let mut defaults = Vec::new();
    for style in doc.descendants().filter(|n| n.tag_name().name() == "style") {
        let Some(id) = attribute(&style, "styleId").or(attribute(&style, "name")) else {
            continue;
        };
        let child = |name: &str| style.children().find(|c| c.tag_name().name() == name);
        let parent = child("basedOn")
            .and_then(|b| attribute(&b, "val"))
            .or(attribute(&style, "parent-style-name"));
        let vanish = child("rPr")
            .and_then(|r| r.children().find(|c| c.tag_name().name() == "vanish"))
            .map(|v| switched_on(&v));
        let display = child("text-properties")
            .and_then(|t| attribute(&t, "display"))
            .map(|d| d == "none");
        own.insert(id, (parent, vanish.or(display)));
        if is_true(attribute(&style, "default")) {
            defaults.push(id);
        }
    }
    for &id in own.keys() {
        let mut at = id;
        // A chain of styles is short; a loop of them hides nothing.
        for _ in 0..32 {
            match own.get(at) {
                Some((_, Some(hides))) => {
                    if *hides {
                        reading.hidden_styles.insert(id.to_string());
                        if defaults.contains(&id) {
                            reading.used_styles.insert(id.to_string());
                        }
                    }
                    break;
                }
                Some((Some(parent), None)) => at = parent,
                _ => break,
            }
        }
    }
    let hides_all = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "rPrDefault")
        .flat_map(|d| d.descendants())
        .any(|v| v.tag_name().name() == "vanish" && switched_on(&v));
    if hides_all {
        reading.hidden.insert("hidden text");
    }
}

/// The cell formats of a workbook's styles (`xl/styles.xml`) whose number format shows
/// nothing: `;;;` hides whatever a cell holds, `;;` any number (a cell's words still
/// show). Each is named `"\0all:N"` or `"\0numbers:N"` (N its place in `cellXfs`), for
/// [`Reading::hidden_styles`]: a cell that holds something in one of them is hidden text.
fn blank_formats(xml: &str) -> Vec<String> {
    use std::collections::HashMap;
    let body = xml.find("<styleSheet").map_or(xml, |at| &xml[at..]);
    let Ok(doc) = roxmltree::Document::parse(body) else {
        return Vec::new();
    };
    let formats: HashMap<&str, (bool, bool)> = (doc.descendants())
        .filter(|n| n.tag_name().name() == "numFmt")
        .filter_map(|n| {
            Some((
                n.attribute("numFmtId")?,
                shows_nothing(n.attribute("formatCode")?),
            ))
        })
        .collect();
    let mut found = Vec::new();
    let xfs = (doc.descendants())
        .filter(|n| n.tag_name().name() == "cellXfs")
        .flat_map(|x| x.children().filter(|c| c.tag_name().name() == "xf"));
    for (i, xf) in xfs.enumerate() {
        let Some(&(numbers, all)) = xf.attribute("numFmtId").and_then(|id| formats.get(id)) else {
            continue;
        };
        if numbers {
            found.push(format!("\0numbers:{i}"));
        }
        if all {
            found.push(format!("\0all:{i}"));
        }
    }
    found
}

/// Whether an Excel number format shows nothing of a number, and of anything: its
/// sections (positive; negative; zero; text) are empty, but for colours and conditions
/// (`[Red]`), spaces and padding (`_)`). `0;-0;;@` hides only zeros, so it hides
/// nothing here.
fn shows_nothing(code: &str) -> (bool, bool) {
    let mut sections = vec![false];
    let mut chars = code.chars();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        let shows = sections.last_mut().expect("one section at least");
        match c {
            '"' => quoted = !quoted,
            _ if quoted => *shows = true,
            ';' => sections.push(false),
            '[' => {
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                }
            }
            '_' => {
                chars.next();
            }
            c if c.is_whitespace() => {}
            _ => *shows = true,
        }
    }
    let n = sections.len();
    let numbers = n >= 2 && sections[..n.min(3)].iter().all(|s| !s);
    (numbers, numbers && n >= 4 && !sections[3])
}

/// WordprocessingML's namespace, for its attributes.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Whether a Word on/off property is on: `<w:vanish/>`, but not `<w:vanish w:val="0"/>`.
fn switched_on(n: &roxmltree::Node<'_, '_>) -> bool {
    let val = n
        .attributes()
        .find(|a| a.name() == "val")
        .map(|a| a.value());
    !matches!(val, Some("0" | "false" | "off"))
}

/// What an element holds that a reader of the finished document does not see, but
/// anyone who opens the file can: tracked changes, comments, hidden text, and hidden
/// sheets, rows, columns, slides and shapes that hold something.
fn hidden(n: &roxmltree::Node<'_, '_>) -> Option<&'static str> {
    let parent = n.parent_element().map(|p| p.tag_name().name());
    let grandparent =
        (n.parent_element().and_then(|p| p.parent_element())).map(|p| p.tag_name().name());
    Some(match n.tag_name().name() {
        // Word's tracked changes; OpenDocument's.
        "del" | "ins" | "moveFrom" | "moveTo" | "changed-region" => "tracked changes",
        // MathML's annotation is a formula's source, shown as the formula.
        "annotation"
            if parent == Some("semantics")
                || n.tag_name()
                    .namespace()
                    .is_some_and(|ns| ns.contains("MathML")) =>
        {
            return None;
        }
        // Word's, PowerPoint's, Excel's and OpenDocument's comments.
        "comment" | "cm" | "threadedComment" | "annotation" => "comments",
        // Hidden text; but a hidden paragraph mark (Word's style separator, which runs
        // a heading into its paragraph) hides no words.
        "vanish" | "specVanish"
            if switched_on(n) && !(parent == Some("rPr") && grandparent == Some("pPr")) =>
        {
            // A style's own properties hide nothing until the style is used, and a list
            // level's (`numbering.xml`) hide only its number.
            if n.ancestors()
                .any(|a| matches!(a.tag_name().name(), "style" | "lvl" | "lvlOverride"))
            {
                return None;
            }
            "hidden text"
        }
        "hidden-text" | "hidden-paragraph" => "hidden text",
        "section" | "text-properties"
            if n.attributes()
                .any(|a| a.name() == "display" && a.value() == "none") =>
        {
            "hidden text"
        }
        // A LibreOffice section hidden when a condition holds, as it may.
        "section"
            if n.attributes()
                .any(|a| a.name() == "display" && a.value() == "condition")
                && holds_text(n) =>
        {
            "hidden text"
        }
        "sheet"
            if n.attribute("state").is_some_and(|s| {
                s.eq_ignore_ascii_case("hidden") || s.eq_ignore_ascii_case("veryHidden")
            }) =>
        {
            "hidden sheets"
        }
        // Excel's hidden rows (hidden by hand or by a filter, or of no height) and
        // OpenDocument's; a hidden row with nothing in it hides nothing.
        "row" if hides_row(|a| n.attribute(a)) && holds_text(n) => "hidden rows",
        // LibreOffice's collapsed group of rows.
        "table-row-group"
            if n.attributes()
                .any(|a| a.name() == "display" && a.value() == "false")
                && holds_text(n) =>
        {
            "hidden rows"
        }
        // A shared workbook's change history (Excel's Track Changes (Legacy)): a cell's
        // old value, a deleted row or column with its cells.
        "oc" if holds_text(n) => "tracked changes",
        "rrc"
            if n.attribute("action")
                .is_some_and(|a| a.starts_with("delete"))
                && holds_text(n) =>
        {
            "tracked changes"
        }
        // A shape hidden in the Selection Pane (PowerPoint, Excel: its `cNvPr`, in its
        // shape's `nvSpPr`; Word: its `docPr`) that holds words.
        "cNvPr"
            if is_true(n.attribute("hidden"))
                && n.parent_element()
                    .and_then(|p| p.parent_element())
                    .is_some_and(|shape| holds_text(&shape)) =>
        {
            "hidden shapes"
        }
        "docPr"
            if is_true(n.attribute("hidden"))
                && n.parent_element().is_some_and(|shape| holds_text(&shape)) =>
        {
            "hidden shapes"
        }
        // Word's table row hidden by its properties (`<w:trPr><w:hidden/>`).
        "hidden" if parent == Some("trPr") && switched_on(n) => "hidden rows",
        "table-row" if is_collapsed(n) && holds_text(n) => "hidden rows",
        "cols" if hides_excel_cells(n) => "hidden columns",
        "table" if hides_opendocument_cells(n) => "hidden columns",
        // PowerPoint's hidden slides (`<p:sld show="0">`) and OpenDocument's.
        "sld" if is_false(n.attribute("show")) && holds_text(n) => "hidden slides",
        "page"
            if n.attributes()
                .any(|a| a.name() == "visibility" && a.value() == "hidden")
                && holds_text(n) =>
        {
            "hidden slides"
        }
        "table-properties"
            if n.attributes()
                .any(|a| a.name() == "display" && a.value() == "false") =>
        {
            "hidden sheets"
        }
        _ => return None,
    })
}

/// An XML boolean that is on: `"1"` or `"true"` (in any case: Excel reads `"TRUE"`).
fn is_true(value: Option<&str>) -> bool {
    value.is_some_and(|v| v == "1" || v.eq_ignore_ascii_case("true"))
}

/// An XML boolean that is off: `"0"` or `"false"`, in any case.
fn is_false(value: Option<&str>) -> bool {
    value.is_some_and(|v| v == "0" || v.eq_ignore_ascii_case("false"))
}

/// An OpenDocument row or column hidden by hand (`collapse`) or by a filter.
fn is_collapsed(n: &roxmltree::Node<'_, '_>) -> bool {
    n.attributes()
        .any(|a| a.name() == "visibility" && matches!(a.value(), "collapse" | "filter"))
}

/// Whether an element holds any words: the hidden part of a document matters only if it
/// does.
fn holds_text(n: &roxmltree::Node<'_, '_>) -> bool {
    n.descendants()
        .any(|d| d.is_text() && d.text().is_some_and(|t| !t.trim().is_empty()))
}

/// Whether an Excel sheet's list of columns (`<cols>`) hides a column (by hand, or by
/// a width of less than a tenth of a character) that holds a cell with a value in the
/// sheet's data. A cell without a reference (streaming writers leave it out) is in the
/// column after the cell before it.
fn hides_excel_cells(cols: &roxmltree::Node<'_, '_>) -> bool {
    let narrow = |c: &roxmltree::Node<'_, '_>| {
        (c.attribute("width"))
            .and_then(|w| w.trim().parse::<f64>().ok())
            .is_some_and(|w| w < 0.1)
    };
    let hidden: Vec<(u64, u64)> = (cols.children())
        .filter(|c| c.tag_name().name() == "col" && (is_true(c.attribute("hidden")) || narrow(c)))
        .filter_map(|c| {
            Some((
                c.attribute("min")?.parse().ok()?,
                c.attribute("max")?.parse().ok()?,
            ))
        })
        .collect();
    if hidden.is_empty() {
        return false;
    }
    let Some(sheet) = cols.parent_element() else {
        return false;
    };
    let rows = sheet.descendants().filter(|r| r.tag_name().name() == "row");
    rows.into_iter().any(|row| {
        let mut col = 0;
        row.children()
            .filter(|c| c.tag_name().name() == "c")
            .any(|c| {
                col = c.attribute("r").and_then(excel_column).unwrap_or(col + 1);
                hidden.iter().any(|&(min, max)| (min..=max).contains(&col)) && holds_text(&c)
            })
    })
}

/// The column of an Excel cell reference, from 1: `"C5"` is 3.
fn excel_column(reference: &str) -> Option<u64> {
    let letters = reference.bytes().take_while(u8::is_ascii_alphabetic);
    let mut column: u64 = 0;
    for b in letters {
        column = column
            .checked_mul(26)?
            .checked_add(u64::from(b.to_ascii_uppercase() - b'A' + 1))?;
    }
    (column > 0).then_some(column)
}

/// Whether an OpenDocument table hides a column that holds a cell with words. Columns
/// and cells may stand for many (`number-columns-repeated`), so both are compared as
/// ranges rather than counted out one by one.
fn hides_opendocument_cells(table: &roxmltree::Node<'_, '_>) -> bool {
    let repeated = |n: &roxmltree::Node<'_, '_>| -> u64 {
        (n.attributes())
            .find(|a| a.name() == "number-columns-repeated")
            .and_then(|a| a.value().parse().ok())
            .unwrap_or(1)
    };
    let mut hidden = Vec::new();
    let mut at = 0u64;
    let own = |d: &roxmltree::Node<'_, '_>| {
        d.ancestors()
            .skip(1)
            .find(|a| a.tag_name().name() == "table")
            == Some(*table)
    };
    for col in table
        .descendants()
        .filter(|d| d.tag_name().name() == "table-column" && own(d))
    {
        let n = repeated(&col);
        let in_closed_group = || {
            (col.ancestors().skip(1))
                .take_while(|a| a != table)
                .any(|a| {
                    a.tag_name().name() == "table-column-group"
                        && a.attributes()
                            .any(|x| x.name() == "display" && x.value() == "false")
                })
        };
        if is_collapsed(&col) || in_closed_group() {
            hidden.push((at, at.saturating_add(n)));
        }
        at = at.saturating_add(n);
    }
    if hidden.is_empty() {
        return false;
    }
    let rows = table
        .descendants()
        .filter(|d| d.tag_name().name() == "table-row" && own(d));
    rows.into_iter().any(|row| {
        let mut at = 0u64;
        row.children().filter(|c| c.is_element()).any(|cell| {
            let (start, n) = (at, repeated(&cell));
            at = at.saturating_add(n);
            let end = start.saturating_add(n);
            hidden.iter().any(|&(s, e)| start < e && s < end) && holds_text(&cell)
        })
    })
}

/// What an element says in its attributes that a reader sees: a picture's alternative
/// text, a link's address and tip, a sheet's name, a cell's text kept as an attribute
/// (pivot caches, OpenDocument cells), the messages of a cell's input rules. Other
/// attributes are formatting and identifiers, the same in every file.
fn described(n: &roxmltree::Node<'_, '_>) -> Vec<String> {
    let element = n.tag_name().name();
    let external = n.attribute("TargetMode") == Some("External");
    n.attributes()
        .filter(|a| match a.name() {
            "descr" | "title" | "alt" | "description" | "tooltip" | "display" | "prompt"
            | "error" | "promptTitle" | "errorTitle" | "string-value" => true,
            "Target" => external,
            // A document variable, a legacy form field's help, a content control's or a
            // slide's tag: kept in the file, shown nowhere.
            "val" => matches!(element, "docVar" | "helpText" | "statusText" | "tag"),
            "href" => element == "a" || element == "hyperlink",
            "name" => element == "sheet",
            "v" => element == "s",
            _ => false,
        })
        .map(|a| match a.name() {
            // An address reads as its reader sees it: "Holly%20Garth" is "Holly Garth".
            "Target" | "href" => {
                let decoded = crate::text::percent_decoded(a.value());
                String::from_utf8_lossy(&decoded).into_owned()
            }
            _ => a.value().to_string(),
        })
        .collect()
}

/// Elements that join the text around them into one paragraph, by local name (the same
/// in Word's, PowerPoint's, Excel's and OpenDocument's vocabularies): runs of text and
/// their pieces, links, fields, tracked insertions and deletions, content controls.
const INLINE: &[&str] = &[
    // Word and PowerPoint (DrawingML)
    "r",
    "t",
    "delText",
    "dir",
    "bdo",
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "hyperlink",
    "smartTag",
    "fldSimple",
    "fld",
    "sdt",
    "sdtContent",
    "customXml",
    "proofErr",
    "bookmarkStart",
    "bookmarkEnd",
    "commentRangeStart",
    "commentRangeEnd",
    "tab",
    "br",
    "noBreakHyphen",
    "softHyphen",
    "sym",
    "lastRenderedPageBreak",
    "footnoteReference",
    "endnoteReference",
    "commentReference",
    // OpenDocument: spans, links, spaces, and fields that show text in a sentence
    "span",
    "a",
    "s",
    "line-break",
    "soft-page-break",
    "bookmark",
    "bookmark-start",
    "bookmark-end",
    "bookmark-ref",
    "reference-mark",
    "reference-ref",
    "change-start",
    "change-end",
    "date",
    "time",
    "sequence",
    "sequence-ref",
    "page-number",
    "note-ref",
    "author-name",
    "author-initials",
    "chapter",
    "user-defined",
    "variable-get",
    "text-input",
    "variable-set",
    "variable-input",
    "user-field-get",
    "user-field-input",
    "expression",
    "database-display",
    "database-name",
    "placeholder",
    "drop-down",
    "conditional-text",
    "hidden-text",
    "page-variable-get",
    "file-name",
    // SVG
    "tspan",
];

/// Empty elements that stand for a space between words.
const GAPS: &[&str] = &["tab", "br", "s", "line-break", "cr", "noBreakHyphen"];

/// Whether the SVG `tspan` `n`, placed where it starts, is on another line than the last
/// one placed (its `y` differs), noting its line.
fn new_line(n: &roxmltree::Node<'_, '_>, line: &mut Option<String>) -> bool {
    let Some(y) = n.attribute("y") else {
        return false;
    };
    let new = line.as_deref() != Some(y);
    *line = Some(y.to_string());
    new
}

/// Whether the element `n` (named `name`) parts the words around it: one of [`GAPS`],
/// or an SVG `tspan` placed where it starts (`x` or `y`), as drawing programs write each
/// line, and converters each word, with no space between. A `tspan` without a place of
/// its own (a change of style or kerning) runs on from the text before it, often inside
/// a word. Illustrator also places a `tspan` inside a word where kerning changes: the
/// flat reading joins those on one line (see [`new_line`]).
fn is_gap(n: &roxmltree::Node<'_, '_>, name: &str) -> bool {
    match name {
        "tspan" => n.has_attribute("x") || n.has_attribute("y"),
        _ => GAPS.contains(&name),
    }
}

#[cfg(test)]
mod tests {
    use super::super::attachment::read;
    use std::io::Write;

    /// A zip holding these parts, deflated.
    pub fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        for (name, text) in parts {
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file(*name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    fn words(ext: &str, bytes: &[u8]) -> String {
        let read = read(ext, bytes);
        assert_eq!(read.problem, None);
        read.words
    }

    #[test]
    fn a_raised_marker_is_left_out_in_one_reading() {
        let run = |props: &str, text: &str| {
            format!("<w:r>{props}<w:t xml:space=\"preserve\">{text}</w:t></w:r>")
        };
        for (marker, props) in [
            ("iv", "<w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr>"),
            (
                "1,2 ",
                "<w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr>",
            ),
            ("a", "<w:rPr><w:vertAlign w:val=\"subscript\"/></w:rPr>"),
        ] {
            let body = format!(
                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>{}{}{}</w:p></w:body></w:document>",
                run("", "The Quokkaplex"),
                run(props, marker),
                run("", " grievance appeal"),
            );
            let read = read("docx", &zip_of(&[("word/document.xml", &body)]));
            assert!(
                read.flat.contains(" the quokkaplex grievance appeal "),
                "{marker}: {}",
                read.flat
            );
        }
        // A run not raised is in the one reading only.
        let body = format!(
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>{}</w:p></w:body></w:document>",
            run(
                "<w:rPr><w:vertAlign w:val=\"baseline\"/></w:rPr>",
                "The Quokkaplex"
            )
        );
        let read = read("docx", &zip_of(&[("word/document.xml", &body)]));
        assert!(!read.flat.contains('\n'), "{}", read.flat);
    }

    const DOCX_BODY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body>
<w:p><w:r><w:t>The preferred bidder is Con</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>fidential Holdings</w:t></w:r><w:r><w:tab/><w:t>at</w:t></w:r><w:del><w:r><w:delText> £412,500</w:delText></w:r></w:del></w:p>
<w:p><w:r><w:t>Second paragraph.</w:t></w:r></w:p>
</w:body></w:document>"#;

    #[test]
    fn word_runs_are_joined_and_paragraphs_kept_apart() {
        let docx = zip_of(&[("word/document.xml", DOCX_BODY)]);
        assert_eq!(
            words("docx", &docx),
            " the preferred bidder is confidential holdings at 412 500 \n second paragraph \n"
        );
    }

    #[test]
    fn comments_properties_links_and_alternative_text_are_read() {
        let docx = zip_of(&[
            (
                "word/comments.xml",
                r#"<w:comments xmlns:w="w"><w:comment><w:p><w:r><w:t>Comment words here</w:t></w:r></w:p></w:comment></w:comments>"#,
            ),
            (
                "docProps/core.xml",
                r#"<cp:coreProperties xmlns:cp="c" xmlns:dc="d"><dc:title>Title words</dc:title></cp:coreProperties>"#,
            ),
            (
                "word/_rels/document.xml.rels",
                r#"<Relationships xmlns="r"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/styles" Target="styles.xml"/><Relationship Id="rId2" TargetMode="External" Target="https://example.org/award%20to%20bidder"/></Relationships>"#,
            ),
            (
                "word/document.xml",
                r#"<w:document xmlns:w="w" xmlns:wp="p"><wp:docPr id="1" name="Picture 1" descr="Alt words of a photo"/></w:document>"#,
            ),
            ("word/media/image1.png", "not read"),
        ]);
        let text = words("docx", &docx);
        for want in [
            " comment words here \n",
            " title words \n",
            " https example org award to bidder \n",
            " alt words of a photo \n",
        ] {
            assert!(text.contains(want), "{want:?} in {text:?}");
        }
        assert!(!text.contains("styles"), "{text:?}");
        assert!(!text.contains("not read"), "{text:?}");
    }

    #[test]
    fn spreadsheet_cells_attributes_and_embedded_documents_are_read() {
        let inner = zip_of(&[
            (
                "xl/sharedStrings.xml",
                r#"<sst xmlns="s"><si><t>Embedded cell words</t></si><si><r><t>Rich </t></r><r><t>text</t></r></si></sst>"#,
            ),
            (
                "xl/workbook.xml",
                r#"<workbook xmlns="x"><sheets><sheet name="Bid prices" sheetId="1"/></sheets></workbook>"#,
            ),
            (
                "xl/pivotCache/pivotCacheRecords1.xml",
                r#"<pivotCacheRecords xmlns="x"><r><s v="Pivot words"/><n v="412500"/></r></pivotCacheRecords>"#,
            ),
        ]);
        let mut outer = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut outer);
        let stored = zip::write::SimpleFileOptions::default();
        zip.start_file("word/embeddings/Sheet1.xlsm", stored)
            .unwrap();
        zip.write_all(&inner).unwrap();
        zip.start_file("word/embeddings/oleObject1.bin", stored)
            .unwrap();
        zip.write_all(b"\xd0\xcf\x11\xe0\x00Packaged text words\x00")
            .unwrap();
        zip.finish().unwrap();
        let text = words("docx", &outer.into_inner());
        for want in [
            " embedded cell words \n",
            " rich text \n",
            " bid prices \n",
            " pivot words \n",
            " packaged text words \n",
        ] {
            assert!(text.contains(want), "{want:?} in {text:?}");
        }
    }

    #[test]
    fn opendocument_spans_fields_and_notes_are_read() {
        let odt = zip_of(&[(
            "content.xml",
            r#"<office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text><text:p>One<text:s/>two <text:span>thr</text:span>ee on <text:date>1 May</text:date> then<text:note><text:note-body><text:p>A note.</text:p></text:note-body></text:note> four</text:p><text:h>Heading</text:h></office:text></office:body></office:document-content>"#,
        )]);
        assert_eq!(
            words("odt", &odt),
            " a note \n one two three on 1 may then four \n heading \n"
        );
    }

    #[test]
    fn xml_parts_in_utf16_are_read() {
        let xml = r#"<?xml version="1.0" encoding="UTF-16"?><w:document xmlns:w="w"><w:p><w:r><w:t>Wide </w:t></w:r><w:r><w:t>words</w:t></w:r></w:p></w:document>"#;
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(&utf16).unwrap();
        zip.finish().unwrap();
        assert_eq!(words("docx", &out.into_inner()), " wide words \n");
    }

    #[test]
    fn a_table_row_is_one_paragraph_with_a_workbooks_shared_strings_in_its_cells() {
        let docx = zip_of(&[(
            "word/document.xml",
            r#"<w:document xmlns:w="w"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Zorblax</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>412,500</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#,
        )]);
        assert_eq!(words("docx", &docx), " zorblax 412 500 \n");
        let xlsx = zip_of(&[
            (
                "xl/worksheets/sheet1.xml",
                r#"<worksheet xmlns="x"><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1"><v>412500</v></c></row></sheetData></worksheet>"#,
            ),
            (
                "xl/sharedStrings.xml",
                r#"<sst xmlns="x"><si><t>Unused</t></si><si><r><t>Zorblax </t></r><r><t>Holdings</t></r></si></sst>"#,
            ),
        ]);
        assert!(
            words("xlsx", &xlsx).starts_with(" zorblax holdings 412500 \n"),
            "{}",
            words("xlsx", &xlsx)
        );
    }

    #[test]
    fn a_hidden_paragraph_mark_a_switched_off_vanish_and_a_formula_are_not_hidden_matter() {
        let hidden = |parts: &[(&str, &str)]| read("docx", &zip_of(parts)).hidden.len();
        let separator = r#"<w:document xmlns:w="w"><w:p><w:pPr><w:rPr><w:vanish/><w:specVanish/></w:rPr></w:pPr><w:r><w:t>Heading</w:t></w:r></w:p></w:document>"#;
        let off = r#"<w:document xmlns:w="w"><w:p><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>Shown</w:t></w:r></w:p></w:document>"#;
        let math = r#"<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mi>x</mi><annotation>x</annotation></semantics></math>"#;
        assert_eq!(hidden(&[("word/document.xml", separator)]), 0);
        assert_eq!(hidden(&[("word/document.xml", off)]), 0);
        assert_eq!(hidden(&[("Object 1/content.xml", math)]), 0);
        // A style that hides its text, used by the document, is hidden text.
        let styles = r#"<w:styles xmlns:w="w"><w:style w:styleId="Guidance"><w:rPr><w:vanish/></w:rPr></w:style></w:styles>"#;
        let used = r#"<w:document xmlns:w="w"><w:p><w:r><w:rPr><w:rStyle w:val="Guidance"/></w:rPr><w:t>Notes</w:t></w:r></w:p></w:document>"#;
        assert_eq!(hidden(&[("word/styles.xml", styles)]), 0);
        assert_eq!(
            hidden(&[("word/styles.xml", styles), ("word/document.xml", used)]),
            1
        );
    }

    #[test]
    fn a_zip_named_as_text_is_read_as_a_document() {
        let docx = zip_of(&[("word/document.xml", DOCX_BODY)]);
        assert!(words("txt", &docx).contains(" second paragraph \n"));
    }

    #[test]
    fn a_document_that_inflates_past_the_limit_is_refused() {
        let big = "a ".repeat((super::LIMIT as usize) / 2 + 10);
        let docx = zip_of(&[("word/document.xml", &big)]);
        assert!(docx.len() < 2 << 20, "the test needs a small zip");
        let problem = read("docx", &docx).problem.unwrap();
        assert!(problem.contains("256 MB"), "{problem}");
    }

    #[test]
    fn tracked_changes_comments_and_hidden_matter_are_found() {
        let hidden = |parts: &[(&str, &str)]| -> Vec<&'static str> {
            read("docx", &zip_of(parts)).hidden.into_iter().collect()
        };
        assert_eq!(
            hidden(&[("word/document.xml", DOCX_BODY)]),
            ["tracked changes"]
        );
        assert_eq!(
            hidden(&[(
                "word/comments.xml",
                r#"<w:comments xmlns:w="w"><w:comment><w:p><w:r><w:t>Ask legal.</w:t></w:r></w:p></w:comment></w:comments>"#
            )]),
            ["comments"]
        );
        assert_eq!(
            hidden(&[(
                "word/document.xml",
                r#"<w:document xmlns:w="w"><w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>Unseen</w:t></w:r></w:p></w:document>"#
            )]),
            ["hidden text"]
        );
        assert_eq!(
            hidden(&[(
                "xl/workbook.xml",
                r#"<workbook xmlns="x"><sheets><sheet name="Prices" sheetId="1" state="veryHidden"/></sheets></workbook>"#
            )]),
            ["hidden sheets"]
        );
        assert_eq!(
            hidden(&[(
                "content.xml",
                r#"<office:document-content xmlns:office="o" xmlns:text="t"><text:p>Text<office:annotation><text:p>Note</text:p></office:annotation></text:p></office:document-content>"#
            )]),
            ["comments"]
        );
        // A hidden style, a visible sheet and an empty list of comments are clean.
        let clean = hidden(&[
            (
                "word/styles.xml",
                r#"<w:styles xmlns:w="w"><w:style><w:rPr><w:vanish/></w:rPr></w:style></w:styles>"#,
            ),
            (
                "xl/workbook.xml",
                r#"<workbook xmlns="x"><sheets><sheet name="Prices" state="visible"/></sheets></workbook>"#,
            ),
            ("word/comments.xml", r#"<w:comments xmlns:w="w"/>"#),
        ]);
        assert!(clean.is_empty(), "{clean:?}");
    }

    #[test]
    fn hidden_rows_columns_and_slides_that_hold_words_are_hidden_matter() {
        let hidden = |ext: &str, part: &str, xml: &str| -> Vec<&'static str> {
            read(ext, &zip_of(&[(part, xml)]))
                .hidden
                .into_iter()
                .collect()
        };
        let sheet = |cols: &str, rows: &str| {
            format!(r#"<worksheet xmlns="x">{cols}<sheetData>{rows}</sheetData></worksheet>"#)
        };
        let xlsx = |xml: &str| hidden("xlsx", "xl/worksheets/sheet1.xml", xml);
        let priced = r#"<row r="2"><c r="A2" t="inlineStr"><is><t>Lot 1</t></is></c><c r="C2"><v>48250</v></c></row>"#;
        // A row hidden by hand or by a filter, with a price in it.
        let row = sheet("", &priced.replace(r#"r="2">"#, r#"r="2" hidden="1">"#));
        assert_eq!(xlsx(&row), ["hidden rows"]);
        // Column C hidden, and C2 holds the price.
        let cols = r#"<cols><col min="3" max="3" width="0" hidden="1"/></cols>"#;
        assert_eq!(xlsx(&sheet(cols, priced)), ["hidden columns"]);
        // Hidden but empty: a hidden row with no cells, a hidden column D beside the data.
        let empty_row = r#"<row r="9" hidden="1"/><row r="10" hidden="true"><c r="A10"/></row>"#;
        let empty_col = r#"<cols><col min="4" max="20" hidden="1"/></cols>"#;
        assert!(xlsx(&sheet(empty_col, &format!("{priced}{empty_row}"))).is_empty());
        assert_eq!(super::excel_column("AB12"), Some(28));
        assert_eq!(super::excel_column("12"), None);

        // OpenDocument: a collapsed row; the third of three columns, written as one
        // plain column and a pair of which the second repeats.
        let ods = |table: &str| {
            hidden(
                "ods",
                "content.xml",
                &format!(
                    r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><table:table table:name="Bids">{table}</table:table></office:document-content>"#
                ),
            )
        };
        let cells = r#"<table:table-row><table:table-cell><text:p>Lot 1</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"><text:p>48250</text:p></table:table-cell></table:table-row>"#;
        let visible = r#"<table:table-column table:number-columns-repeated="3"/>"#;
        let collapsed_row = cells.replace(
            "<table:table-row>",
            r#"<table:table-row table:visibility="collapse">"#,
        );
        assert_eq!(ods(&format!("{visible}{collapsed_row}")), ["hidden rows"]);
        let third_hidden = r#"<table:table-column table:number-columns-repeated="2"/><table:table-column table:visibility="collapse"/>"#;
        assert_eq!(ods(&format!("{third_hidden}{cells}")), ["hidden columns"]);
        let fourth_hidden = r#"<table:table-column table:number-columns-repeated="3"/><table:table-column table:visibility="collapse" table:number-columns-repeated="1000"/>"#;
        assert!(ods(&format!("{fourth_hidden}{cells}")).is_empty());

        // A hidden slide with words on it; a hidden slide with none.
        let slide = |show: &str, words: &str| {
            hidden(
                "pptx",
                "ppt/slides/slide2.xml",
                &format!(
                    r#"<p:sld xmlns:p="p" xmlns:a="a" show="{show}"><p:cSld><a:p><a:r><a:t>{words}</a:t></a:r></a:p></p:cSld></p:sld>"#
                ),
            )
        };
        assert_eq!(slide("0", "Preferred bidder"), ["hidden slides"]);
        assert!(slide("0", " ").is_empty());
        assert!(slide("1", "Preferred bidder").is_empty());
        let odp = r#"<office:document-content xmlns:office="o" xmlns:draw="d" xmlns:presentation="p" xmlns:text="x"><draw:page presentation:visibility="hidden"><text:p>Preferred bidder</text:p></draw:page></office:document-content>"#;
        assert_eq!(hidden("odp", "content.xml", odp), ["hidden slides"]);

        // Word's table row hidden by its properties.
        let docx = r#"<w:document xmlns:w="w"><w:tbl><w:tr><w:trPr><w:hidden/></w:trPr><w:tc><w:p><w:r><w:t>Lot 1</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:document>"#;
        assert_eq!(hidden("docx", "word/document.xml", docx), ["hidden rows"]);
    }

    #[test]
    fn a_part_too_large_for_a_tree_is_still_searched_for_hidden_rows_and_changes() {
        let filler = format!(
            r#"<row r="1"><c r="A1"><v>{}</v></c></row>"#,
            "1".repeat(super::TREE_LIMIT)
        );
        let sheet = |rows: &str| {
            let xml = format!(
                r#"<worksheet xmlns="x"><sheetData>{filler}{rows}</sheetData></worksheet>"#
            );
            read("xlsx", &zip_of(&[("xl/worksheets/sheet1.xml", &xml)])).hidden
        };
        assert!(
            sheet(r#"<row r="2" hidden="1"><c r="A2"><v>5</v></c></row>"#).contains("hidden rows")
        );
        assert!(sheet(r#"<row r="2" hidden="1"/>"#).is_empty());
        let body = format!(
            r#"<w:document xmlns:w="w"><w:p><w:r><w:t>{}</w:t></w:r><w:del w:id="1"><w:r><w:delText>£412,500</w:delText></w:r></w:del></w:p></w:document>"#,
            "word ".repeat(super::TREE_LIMIT / 5)
        );
        let docx = read("docx", &zip_of(&[("word/document.xml", &body)]));
        assert!(docx.hidden.contains("tracked changes"));
    }

    #[test]
    fn matter_hidden_as_other_programs_hide_it_is_found() {
        let hidden = |ext: &str, parts: &[(&str, &str)]| -> Vec<&'static str> {
            read(ext, &zip_of(parts)).hidden.into_iter().collect()
        };
        let sheet = |cols: &str, rows: &str| {
            format!(r#"<worksheet xmlns="x">{cols}<sheetData>{rows}</sheetData></worksheet>"#)
        };
        let xlsx = |xml: &str| hidden("xlsx", &[("xl/worksheets/sheet1.xml", xml)]);
        let priced = r#"<row r="2"><c r="A2"><v>48250</v></c></row>"#;
        // A row of no height; a column of no width; cells without references, the
        // second in hidden column B; a boolean in capitals.
        let flat = priced.replace(r#"r="2">"#, r#"r="2" ht="0" customHeight="1">"#);
        assert_eq!(xlsx(&sheet("", &flat)), ["hidden rows"]);
        let narrow = r#"<cols><col min="1" max="1" width="0" customWidth="1"/></cols>"#;
        assert_eq!(xlsx(&sheet(narrow, priced)), ["hidden columns"]);
        let unreferenced = r#"<row><c><v>1</v></c><c><v>48250</v></c></row>"#;
        let b = r#"<cols><col min="2" max="2" hidden="1"/></cols>"#;
        assert_eq!(xlsx(&sheet(b, unreferenced)), ["hidden columns"]);
        let upper = priced.replace(r#"r="2">"#, r#"r="2" hidden="TRUE">"#);
        assert_eq!(xlsx(&sheet("", &upper)), ["hidden rows"]);
        // Empty: a row of no height, a narrow column beside the data, `hidden="0"`.
        let empty = r#"<row r="3" ht="0" customHeight="1"/><row r="4" hidden="0"><c r="A4"><v>1</v></c></row>"#;
        let wide =
            r#"<cols><col min="1" max="1" width="0.5"/><col min="2" max="9" width="0"/></cols>"#;
        assert!(xlsx(&sheet(wide, &format!("{priced}{empty}"))).is_empty());

        // A note left as VML alone; a shared workbook's old value and deleted row.
        let vml = r#"<xml><v:shape><v:textbox><div>Note<br>words</div></v:textbox><x:ClientData ObjectType="Note"/></v:shape></xml>"#;
        assert_eq!(
            hidden("xlsx", &[("xl/drawings/vmldrawing1.vml", vml)]),
            ["comments"]
        );
        let old = r#"<revisions xmlns="x"><rcc rId="1"><oc r="A2" t="inlineStr"><is><t>Old</t></is></oc><nc r="A2"><v>1</v></nc></rcc><rrc rId="2" action="insertRow"><rcc><nc r="A3"><v>2</v></nc></rcc></rrc></revisions>"#;
        assert_eq!(
            hidden("xlsx", &[("xl/revisions/revisionLog1.xml", old)]),
            ["tracked changes"]
        );
        let deleted = r#"<revisions xmlns="x"><rrc rId="2" action="deleteRow"><rcc><nc r="A3"><v>2</v></nc></rcc></rrc></revisions>"#;
        assert_eq!(
            hidden("xlsx", &[("xl/revisions/revisionLog1.xml", deleted)]),
            ["tracked changes"]
        );

        // Cells in a format that shows nothing: `;;;` hides words, `;;` numbers only.
        let styles = r#"<styleSheet xmlns="x"><numFmts><numFmt numFmtId="164" formatCode=";;;"/><numFmt numFmtId="165" formatCode="[Red];;"/><numFmt numFmtId="166" formatCode="0;-0;;@"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs></styleSheet>"#;
        let cells = |cells: &str| {
            let rows = format!(r#"<row r="1">{cells}</row>"#);
            hidden(
                "xlsx",
                &[
                    ("xl/worksheets/sheet1.xml", &sheet("", &rows)),
                    ("xl/styles.xml", styles),
                ],
            )
        };
        let words = |s: u8| format!(r#"<c r="A1" s="{s}" t="inlineStr"><is><t>Words</t></is></c>"#);
        let number = |s: u8| format!(r#"<c r="A1" s="{s}"><v>48250</v></c>"#);
        assert_eq!(cells(&words(1)), ["hidden text"]);
        assert_eq!(cells(&number(1)), ["hidden text"]);
        assert_eq!(cells(&number(2)), ["hidden text"]);
        for clean in [
            words(2),
            words(3),
            number(3),
            number(0),
            r#"<c r="A1" s="1"/>"#.into(),
        ] {
            assert!(cells(&clean).is_empty(), "{clean}");
        }
        assert_eq!(super::shows_nothing(";;;"), (true, true));
        assert_eq!(super::shows_nothing(r#""";"";"";"""#), (true, true));
        assert_eq!(super::shows_nothing(";;"), (true, false));
        assert_eq!(
            super::shows_nothing(r#"#,##0_);[Red](#,##0);;@"#),
            (false, false)
        );
        assert_eq!(super::shows_nothing("General"), (false, false));

        // Shapes hidden in the Selection Pane: with words, and a picture without.
        let shape = |hidden: &str, words: &str| {
            format!(
                r#"<p:sld xmlns:p="p" xmlns:a="a"><p:cSld><p:spTree><p:sp><p:nvSpPr><p:cNvPr id="3" name="TextBox 2" hidden="{hidden}"/></p:nvSpPr><p:txBody><a:p><a:r><a:t>{words}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"#
            )
        };
        let slide = |xml: &str| hidden("pptx", &[("ppt/slides/slide1.xml", xml)]);
        assert_eq!(slide(&shape("1", "Preferred bidder")), ["hidden shapes"]);
        assert!(slide(&shape("1", " ")).is_empty());
        assert!(slide(&shape("0", "Preferred bidder")).is_empty());
        let docx = r#"<w:document xmlns:w="w" xmlns:wp="wp"><w:p><w:r><w:drawing><wp:anchor><wp:docPr id="5" name="Text Box 5" hidden="1"/><w:txbxContent><w:p><w:r><w:t>Words</w:t></w:r></w:p></w:txbxContent></wp:anchor></w:drawing></w:r></w:p></w:document>"#;
        assert_eq!(
            hidden("docx", &[("word/document.xml", docx)]),
            ["hidden shapes"]
        );
    }

    #[test]
    fn styles_that_hide_by_inheritance_or_by_default_are_hidden_text() {
        let hidden = |ext: &str, parts: &[(&str, &str)]| -> Vec<&'static str> {
            read(ext, &zip_of(parts)).hidden.into_iter().collect()
        };
        let ns = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
        let styles = format!(
            r#"<w:styles {ns}><w:style w:styleId="Guidance"><w:rPr><w:vanish/></w:rPr></w:style><w:style w:styleId="GuidanceBullet"><w:basedOn w:val="Guidance"/></w:style><w:style w:styleId="Shown"><w:basedOn w:val="Guidance"/><w:rPr><w:vanish w:val="0"/></w:rPr></w:style><w:style w:styleId="A"><w:basedOn w:val="B"/></w:style><w:style w:styleId="B"><w:basedOn w:val="A"/></w:style></w:styles>"#
        );
        let using = |style: &str| {
            format!(
                r#"<w:document {ns}><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>Notes</w:t></w:r></w:p></w:document>"#
            )
        };
        let docx = |style: &str| {
            hidden(
                "docx",
                &[
                    ("word/styles.xml", &styles),
                    ("word/document.xml", &using(style)),
                ],
            )
        };
        assert_eq!(docx("GuidanceBullet"), ["hidden text"]);
        assert!(docx("Shown").is_empty());
        assert!(docx("A").is_empty());
        // A hidden default style is in use; document defaults that hide hide all.
        let plain =
            format!(r#"<w:document {ns}><w:p><w:r><w:t>Notes</w:t></w:r></w:p></w:document>"#);
        let default = format!(
            r#"<w:styles {ns}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr><w:vanish/></w:rPr></w:style></w:styles>"#
        );
        let defaults = format!(
            r#"<w:styles {ns}><w:docDefaults><w:rPrDefault><w:rPr><w:vanish/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"#
        );
        for styles in [default, defaults] {
            let parts = [
                ("word/styles.xml", &styles[..]),
                ("word/document.xml", &plain[..]),
            ];
            assert_eq!(hidden("docx", &parts), ["hidden text"], "{styles}");
        }
        // A list level's hidden number is not hidden text.
        let numbering = format!(
            r#"<w:numbering {ns}><w:abstractNum><w:lvl w:ilvl="0"><w:rPr><w:vanish/></w:rPr></w:lvl></w:abstractNum></w:numbering>"#
        );
        assert!(hidden("docx", &[("word/numbering.xml", &numbering)]).is_empty());

        // OpenDocument: a named style that hides, used by a span; an automatic style
        // whose parent hides; a section hidden on a condition; collapsed groups.
        let odf = r#"xmlns:office="o" xmlns:style="s" xmlns:text="t" xmlns:table="tb""#;
        let named = format!(
            r#"<office:document-styles {odf}><office:styles><style:style style:name="Hidden" style:family="text"><style:text-properties text:display="none"/></style:style><style:style style:name="Unused" style:family="text" style:parent-style-name="Hidden"/></office:styles></office:document-styles>"#
        );
        let content = |body: &str| {
            format!(
                r#"<office:document-content {odf}><office:body>{body}</office:body></office:document-content>"#
            )
        };
        let odt = |body: &str| {
            hidden(
                "odt",
                &[("content.xml", &content(body)), ("styles.xml", &named)],
            )
        };
        let span = r#"<text:p><text:span text:style-name="Hidden">Words</text:span></text:p>"#;
        assert_eq!(odt(span), ["hidden text"]);
        let parent = r#"<office:automatic-styles><style:style style:name="T1" style:family="text" style:parent-style-name="Hidden"/></office:automatic-styles><text:p><text:span text:style-name="T1">Words</text:span></text:p>"#;
        assert_eq!(odt(parent), ["hidden text"]);
        assert!(odt(r#"<text:p>Words</text:p>"#).is_empty());
        let section = r#"<text:section text:display="condition" text:condition="ooow:1"><text:p>Words</text:p></text:section>"#;
        assert_eq!(odt(section), ["hidden text"]);
        let row = r#"<table:table-row><table:table-cell><text:p>A</text:p></table:table-cell><table:table-cell><text:p>Words</text:p></table:table-cell></table:table-row>"#;
        let table = |inner: &str| odt(&format!("<table:table>{inner}</table:table>"));
        assert_eq!(
            table(&format!(
                r#"<table:table-row-group table:display="false">{row}</table:table-row-group>"#
            )),
            ["hidden rows"]
        );
        assert_eq!(
            table(&format!(
                r#"<table:table-column/><table:table-column-group table:display="false"><table:table-column/></table:table-column-group>{row}"#
            )),
            ["hidden columns"]
        );
        assert!(
            table(&format!(r#"<table:table-column-group table:display="true"><table:table-column table:number-columns-repeated="2"/></table:table-column-group>{row}"#))
                .is_empty()
        );
    }

    #[test]
    fn words_kept_in_attributes_no_reader_sees_are_read() {
        let docx = zip_of(&[
            (
                "word/settings.xml",
                r#"<w:settings xmlns:w="w"><w:docVars><w:docVar w:name="Note" w:val="Variable words"/></w:docVars></w:settings>"#,
            ),
            (
                "word/document.xml",
                r#"<w:document xmlns:w="w"><w:ffData><w:helpText w:type="text" w:val="Help words"/><w:statusText w:val="Status words"/></w:ffData></w:document>"#,
            ),
        ]);
        let text = words("docx", &docx);
        for want in ["variable words", "help words", "status words"] {
            assert!(text.contains(want), "{want:?} in {text:?}");
        }
        let pptx = zip_of(&[(
            "ppt/tags/tag1.xml",
            r#"<p:tagLst xmlns:p="p"><p:tag name="N" val="Tag words"/></p:tagLst>"#,
        )]);
        assert!(words("pptx", &pptx).contains("tag words"));
    }

    #[test]
    fn hidden_rows_in_a_part_too_large_for_a_tree_are_found_however_the_tags_are_written() {
        let filler = "1".repeat(super::TREE_LIMIT);
        let sheet = |row: &str| {
            let xml = format!(
                r#"<x:worksheet xmlns:x="x"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>{filler}</x:v></x:c></x:row>{row}</x:sheetData></x:worksheet>"#
            );
            read("xlsx", &zip_of(&[("xl/worksheets/sheet1.xml", &xml)])).hidden
        };
        for tag in [
            "<x:row r='2' hidden='1'>",
            "<x:row\n\thidden = \"true\" r=\"2\">",
            r#"<x:row r="2" ht="0" customHeight="1">"#,
            r#"<x:row note="a > b" hidden="1">"#,
        ] {
            let row = format!(r#"{tag}<x:c r="A2"><x:v>5</x:v></x:c></x:row>"#);
            assert!(sheet(&row).contains("hidden rows"), "{tag}");
        }
        // A hidden row of formatted empty cells hides nothing; a shown row shows.
        let formatted = r#"<x:row r="2" hidden="1"><x:c r="A2" s="3"/></x:row><x:row r="3"><x:c r="A3"><x:v>5</x:v></x:c></x:row>"#;
        assert!(sheet(formatted).is_empty());
        assert!(
            sheet(r#"<x:row r="2" hidden="0" ht="15"><x:c><x:v>5</x:v></x:c></x:row>"#).is_empty()
        );
        let tags: Vec<_> =
            super::FlatTags::new(r#"<?xml?><!-- it's --><![CDATA[<b "]]><a:b c='1' d = "2"/><e>"#)
                .map(|t| (t.name, t.attribute("c"), t.attribute("d"), t.empty))
                .collect();
        assert_eq!(
            tags,
            [("b", Some("1"), Some("2"), true), ("e", None, None, false)]
        );
    }

    #[test]
    fn a_part_nested_a_million_levels_deep_is_read_without_overflowing() {
        let depth = 1_000_000;
        let xml = format!("{}deep words{}", "<a>".repeat(depth), "</a>".repeat(depth));
        let docx = zip_of(&[("word/document.xml", &xml)]);
        assert_eq!(words("docx", &docx), " deep words \n");
    }

    #[test]
    fn a_damaged_part_does_not_hide_the_others() {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("word/header1.xml", stored).unwrap();
        zip.write_all(
            b"<w:hdr xmlns:w=\"w\"><w:p><w:r><w:t>Damaged part</w:t></w:r></w:p></w:hdr>",
        )
        .unwrap();
        zip.start_file("word/document.xml", stored).unwrap();
        zip.write_all(DOCX_BODY.as_bytes()).unwrap();
        zip.finish().unwrap();
        let mut docx = out.into_inner();
        // One byte of the first part changed: its checksum no longer matches.
        let at = docx.windows(7).position(|w| w == b"Damaged").unwrap();
        docx[at] = b'd';
        let read = read("docx", &docx);
        assert!(
            read.words.contains(" second paragraph \n"),
            "{}",
            read.words
        );
        assert!(read.problem.unwrap().contains("damaged"));
    }

    #[test]
    fn a_file_that_is_not_a_zip_or_is_damaged_is_reported() {
        let mut docx = zip_of(&[("word/document.xml", DOCX_BODY)]);
        let len = docx.len();
        docx.truncate(len / 2);
        assert!(read("docx", &docx).problem.is_some());
    }
}
