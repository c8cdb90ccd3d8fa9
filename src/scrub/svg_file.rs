use std::collections::{HashMap, HashSet};
use std::ops::Range;

use roxmltree::{Attribute, Document, Node, NodeId, NodeType, ParsingOptions};

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

const NOT_UTF8: &str = "the SVG file is not UTF-8 text; \
    export it again from your drawing program as plain SVG";
const NOT_SVG: &str = "the file is named .svg but is not an SVG drawing; \
    check it is the right file, or rename it to match its type";
const SCRIPT: &str = "the SVG contains a script, which quire will not publish; \
    export it again from your drawing program as plain SVG";
const EVENT_HANDLER: &str = "the SVG contains an event handler (an attribute such as \
    onclick), which is a script that quire will not publish; \
    export it again from your drawing program as plain SVG";
const SCRIPT_LINK: &str = "the SVG contains a javascript: link, which is a script that \
    quire will not publish; export it again from your drawing program as plain SVG";
const FOREIGN_OBJECT: &str = "the SVG contains a foreignObject (web page content inside \
    the drawing), which quire will not publish; export it again from your drawing program \
    as plain SVG";
const ENTITIES: &str = "the SVG declares its own entities in a DOCTYPE, which can hide \
    text, so quire will not publish it; export it again from your drawing program as \
    plain SVG";
const NOT_BASE64: &str = "the SVG embeds a file written out as text rather than as a \
    base64 picture, which quire cannot check; embed PNG, JPEG, GIF or WebP pictures only";
const UNSAFE: &str = "quire could not remove the hidden information from this SVG safely; \
    export it again from your drawing program as plain SVG";
const HIDDEN_IN_TEXT: &str = "the SVG has hidden words inside a line of visible text, \
    which quire cannot remove without moving the rest of the line; delete the hidden \
    words in your drawing program and export it again";
const HIDDEN_UNCLEAR: &str = "the SVG hides parts of the drawing in a way its styles or \
    animations can change, so quire cannot tell what is shown; delete the hidden parts \
    (such as hidden layers) in your drawing program and export it again";
const STYLE_HIDES: &str = "the SVG's styles hide parts of the drawing, and quire cannot \
    tell which parts; delete the hidden parts (such as hidden layers) in your drawing \
    program and export it again";
const STYLE_ELEMENTS: &str = "the SVG has other elements inside a style element, which \
    quire cannot check; export it again from your drawing program as plain SVG";

/// How many times the cleaned text is planned again. Cutting a hidden element can leave
/// another one no longer referenced, so it is cut the next time; real files settle in two.
const MAX_ROUNDS: usize = 4;

/// Whether embedded pictures are cleaned (first pass) or only checked (verification).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Embedded {
    Scrub,
    Check,
}

/// Bytes of the original text to replace; empty `with` cuts them out.
struct Edit {
    range: Range<usize>,
    with: String,
}

fn cut(range: Range<usize>) -> Edit {
    Edit {
        range,
        with: String::new(),
    }
}

/// Cuts the hidden parts out of the original text, leaving every other byte as it was,
/// then parses the result again until planning finds nothing left to cut.
pub fn scrub(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let text = utf8_text(bytes).ok_or_else(|| NOT_UTF8.to_string())?;
    let text = text.as_ref();
    // A DOCTYPE is parsed so that one without entity declarations can simply be cut.
    let doc = parse(text, true)?;
    check_drawing(&doc)?;
    let mut edits = Vec::new();
    cut_doctype(&doc, &mut edits)?;
    plan(&doc, Embedded::Scrub, &mut edits)?;
    let mut cleaned = apply(text, edits).ok_or_else(|| UNSAFE.to_string())?;
    for _ in 0..MAX_ROUNDS {
        match replan(&cleaned)? {
            Some(edits) => cleaned = apply(&cleaned, edits).ok_or_else(|| UNSAFE.to_string())?,
            None => return Ok(cleaned.into_bytes()),
        }
    }
    Err(UNSAFE.to_string())
}

/// The SVG's text: UTF-8 as it is, or UTF-16 after its byte-order mark (as some editors
/// save it, and browsers draw it) as UTF-8, its XML declaration saying so, so that the
/// published file is UTF-8 (a red-team session, 4 December 2026, found a UTF-16 logo
/// refused). `None` for anything else.
fn utf8_text(bytes: &[u8]) -> Option<std::borrow::Cow<'_, str>> {
    let units = |rest: &[u8], from: fn([u8; 2]) -> u16| -> Option<String> {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| from([c[0], c[1]])).collect();
        String::from_utf16(&units).ok()
    };
    let wide = match bytes {
        [0xff, 0xfe, rest @ ..] if rest.len() % 2 == 0 => units(rest, u16::from_le_bytes)?,
        [0xfe, 0xff, rest @ ..] if rest.len() % 2 == 0 => units(rest, u16::from_be_bytes)?,
        _ => {
            return std::str::from_utf8(bytes)
                .ok()
                .map(std::borrow::Cow::Borrowed);
        }
    };
    let declared = wide.starts_with("<?xml").then(|| wide.find("?>")).flatten();
    let text = match declared {
        Some(end) => {
            let declaration = &wide[..end];
            let fixed = ["\"UTF-16\"", "'UTF-16'", "\"utf-16\"", "'utf-16'"]
                .iter()
                .fold(declaration.to_string(), |d, e| d.replace(e, "\"UTF-8\""));
            fixed + &wide[end..]
        }
        None => wide,
    };
    Some(std::borrow::Cow::Owned(text))
}

fn parse(text: &str, allow_dtd: bool) -> Result<Document<'_>, String> {
    let options = ParsingOptions {
        allow_dtd,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|error| {
        format!(
            "the SVG file is damaged and cannot be read ({error}); \
             export it again from your drawing program as plain SVG"
        )
    })
}

/// Plans the cleaned text again, proving it still parses and passes every check. None
/// when nothing is left to cut. Something to cut means either a hidden element that only
/// a cut one referred to, or byte surgery gone wrong; another round cuts it, and a file
/// that never settles is refused rather than published.
fn replan(cleaned: &str) -> Result<Option<Vec<Edit>>, String> {
    let doc = parse(cleaned, false).map_err(|_| UNSAFE.to_string())?;
    check_drawing(&doc)?;
    let mut edits = Vec::new();
    plan(&doc, Embedded::Check, &mut edits)?;
    Ok((!edits.is_empty()).then_some(edits))
}

/// The root must be an SVG element, and nothing anywhere may run code.
fn check_drawing(doc: &Document) -> Result<(), String> {
    let root = doc.root_element().tag_name();
    if root.namespace() != Some(SVG_NS) || root.name() != "svg" {
        return Err(NOT_SVG.to_string());
    }
    doc.descendants()
        .filter(Node::is_element)
        .try_for_each(refuse_active_content)
}

fn refuse_active_content(node: Node) -> Result<(), String> {
    let name = node.tag_name().name();
    if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("handler") {
        return Err(SCRIPT.to_string());
    }
    if name.eq_ignore_ascii_case("foreignObject") {
        return Err(FOREIGN_OBJECT.to_string());
    }
    for attribute in node.attributes().filter(is_kept_attribute) {
        if attribute.name().to_ascii_lowercase().starts_with("on") {
            return Err(EVENT_HANDLER.to_string());
        }
        if has_script_url(attribute.value()) {
            return Err(SCRIPT_LINK.to_string());
        }
    }
    Ok(())
}

/// Whether a value holds a script URL, however it is spaced or capitalised.
fn has_script_url(value: &str) -> bool {
    let compact: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    compact.contains("javascript:") || compact.contains("vbscript:")
}

/// Cuts a DOCTYPE, which a browser does not need. One with an internal subset can declare
/// entities that smuggle text into the drawing, so it is refused instead.
fn cut_doctype(doc: &Document, edits: &mut Vec<Edit>) -> Result<(), String> {
    let text = doc.input_text();
    let prolog = &text[..doc.root_element().range().start];
    // "<!DOCTYPE" may also appear inside a comment or processing instruction.
    let skip: Vec<Range<usize>> = doc
        .root()
        .children()
        .filter(|n| n.is_comment() || n.is_pi())
        .map(|n| n.range())
        .collect();
    let start = prolog
        .match_indices("<!DOCTYPE")
        .map(|(at, _)| at)
        .find(|at| !skip.iter().any(|r| r.contains(at)));
    let Some(start) = start else {
        return Ok(());
    };
    let end = doctype_end(prolog.as_bytes(), start)?;
    edits.push(cut(start..end));
    Ok(())
}

/// The end of a DOCTYPE without an internal subset; Err if it has one.
fn doctype_end(prolog: &[u8], start: usize) -> Result<usize, String> {
    let mut i = start + "<!DOCTYPE".len();
    while let Some(&b) = prolog.get(i) {
        match b {
            b'"' | b'\'' => {
                let close = prolog[i + 1..].iter().position(|&c| c == b);
                i += 2 + close.ok_or_else(|| UNSAFE.to_string())?;
            }
            b'[' => return Err(ENTITIES.to_string()),
            b'>' => return Ok(i + 1),
            _ => i += 1,
        }
    }
    Err(UNSAFE.to_string())
}

/// Plans the cuts: comments, processing instructions, title/desc/metadata, elements and
/// attributes outside the SVG, XLink and XML namespaces, unused namespace declarations,
/// elements that are never drawn (hidden), text that is never drawn, and CSS comments.
/// Embedded pictures are cleaned in place.
fn plan(doc: &Document, embedded: Embedded, edits: &mut Vec<Edit>) -> Result<(), String> {
    let text = doc.input_text();
    let hiding = Hiding::gather(doc)?;
    // Nodes come in document order; everything inside a cut element goes with it.
    let mut cut_until = 0;
    for node in doc.descendants() {
        let range = node.range();
        if range.start < cut_until {
            continue;
        }
        match node.node_type() {
            NodeType::Comment | NodeType::PI => edits.push(cut(range)),
            NodeType::Element => {
                if is_kept_element(node) && !hiding.is_never_drawn(node)? {
                    plan_element(text, node, embedded, edits)?;
                } else {
                    cut_until = range.end;
                    edits.push(cut(range));
                }
            }
            NodeType::Text => plan_text(text, node, edits)?,
            NodeType::Root => {}
        }
    }
    Ok(())
}

/// Only SVG elements are drawn; title, desc and metadata are not, and hold free text.
fn is_kept_element(node: Node) -> bool {
    let name = node.tag_name();
    name.namespace() == Some(SVG_NS) && !matches!(name.name(), "title" | "desc" | "metadata")
}

/// Attributes in no namespace or the SVG one are the drawing's own. Editors' (inkscape:label,
/// sodipodi:docname) are not, nor are data-* attributes, which no renderer reads and some
/// editors fill with layer names. Of the XLink and XML ones only those that change the
/// drawing are kept: xlink:title is free text and xml:base can name a folder.
fn is_kept_attribute(attribute: &Attribute) -> bool {
    let name = attribute.name();
    match attribute.namespace() {
        None => !name.starts_with("data-"),
        Some(SVG_NS) => true,
        Some(XLINK_NS) => name == "href",
        Some(XML_NS) => name == "space" || name == "lang",
        Some(_) => false,
    }
}

fn plan_element(
    text: &str,
    node: Node,
    embedded: Embedded,
    edits: &mut Vec<Edit>,
) -> Result<(), String> {
    plan_attributes(text, node, embedded, edits)?;
    if is_svg(node, &["style"]) {
        plan_stylesheet(text, node, edits)?;
    }
    Ok(())
}

fn plan_attributes(
    text: &str,
    node: Node,
    embedded: Embedded,
    edits: &mut Vec<Edit>,
) -> Result<(), String> {
    let tag = start_tag(text, node.range().start).ok_or_else(|| UNSAFE.to_string())?;
    // roxmltree does not list namespace declarations among the attributes.
    for raw in &tag.attributes {
        let declares = raw.name == "xmlns" || raw.name.starts_with("xmlns:");
        if declares && !matches!(raw.value, SVG_NS | XLINK_NS | XML_NS) {
            edits.push(cut(with_leading_space(text, raw.range.clone())));
        }
    }
    for attribute in node.attributes() {
        if !is_kept_attribute(&attribute) {
            edits.push(cut(with_leading_space(text, attribute.range())));
        } else if is_link(&attribute) {
            check_link(text, node, &attribute, embedded, edits)?;
        } else {
            plan_css_value(text, &attribute, edits)?;
        }
    }
    Ok(())
}

/// The text of a style element, as the browser reads it.
fn stylesheet_text(node: Node) -> String {
    node.children()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect()
}

/// A style element: its CSS comments are cut, and what is left is checked. Its text can
/// be split over CDATA sections, so the CSS is gathered with the place each byte came from.
fn plan_stylesheet(text: &str, node: Node, edits: &mut Vec<Edit>) -> Result<(), String> {
    if node.children().any(|c| c.is_element()) {
        return Err(STYLE_ELEMENTS.to_string());
    }
    let mut css = MappedCss::default();
    for child in node.children().filter(Node::is_text) {
        let range = text_extent(text, child, node).ok_or_else(|| UNSAFE.to_string())?;
        if !css.push_raw(text, range) {
            return check_unmapped(&stylesheet_text(node));
        }
    }
    let comments = css::comments(&css.text);
    for comment in &comments {
        let range = css.source(comment);
        edits.push(cut(range.ok_or_else(|| css::TANGLED_COMMENT.to_string())?));
    }
    css::check(&css::without(&css.text, &comments))
}

/// CSS written with character references (&#47; and the like) has no simple map back to
/// the bytes of the file, so it is only accepted without comments.
fn check_unmapped(css: &str) -> Result<(), String> {
    if css::comments(css).is_empty() {
        css::check(css)
    } else {
        Err(css::TANGLED_COMMENT.to_string())
    }
}

/// CSS text with, for each of its bytes, where that byte is in the file.
#[derive(Default)]
struct MappedCss {
    text: String,
    origin: Vec<usize>,
}

impl MappedCss {
    /// Adds the raw text at `range`: plain text as it is, CDATA sections without their
    /// markers. False when plain text holds a character reference.
    fn push_raw(&mut self, file: &str, range: Range<usize>) -> bool {
        let mut at = range.start;
        while at < range.end {
            let Some((content, skip)) = css_piece(&file[at..range.end]) else {
                return false;
            };
            let content = at + content.start..at + content.end;
            self.text.push_str(&file[content.clone()]);
            self.origin.extend(content);
            at += skip;
        }
        true
    }

    /// Where a range of the CSS is in the file; None if it spans a CDATA marker or runs
    /// from one text node into another, when cutting it would cut more than CSS.
    fn source(&self, range: &Range<usize>) -> Option<Range<usize>> {
        let start = *self.origin.get(range.start)?;
        let end = *self.origin.get(range.end.checked_sub(1)?)? + 1;
        (end - start == range.len()).then_some(start..end)
    }
}

/// The CSS at the start of raw text, up to the next CDATA marker: where it is in `raw`,
/// and how many bytes to step over. None for plain text holding a character reference.
fn css_piece(raw: &str) -> Option<(Range<usize>, usize)> {
    const OPEN: &str = "<![CDATA[";
    const CLOSE: &str = "]]>";
    if let Some(section) = raw.strip_prefix(OPEN) {
        // The file parsed, so every section is closed.
        let end = OPEN.len() + section.find(CLOSE)?;
        return Some((OPEN.len()..end, end + CLOSE.len()));
    }
    let end = raw.find(OPEN).unwrap_or(raw.len());
    (!raw[..end].contains('&')).then_some((0..end, end))
}

/// Any other kept attribute may be CSS: style, or a presentation attribute such as fill or
/// filter. Its comments are cut and the rest is checked like a style sheet.
fn plan_css_value(text: &str, attribute: &Attribute, edits: &mut Vec<Edit>) -> Result<(), String> {
    let value = attribute.value();
    if !value.contains("/*") {
        return css::check(value);
    }
    let range = value_range(text, attribute.range()).ok_or_else(|| UNSAFE.to_string())?;
    let raw = &text[range.clone()];
    if raw.contains('&') {
        return check_unmapped(value);
    }
    // The raw bytes, since the parsed value has its line ends turned into spaces.
    for comment in css::comments(raw) {
        edits.push(cut(range.start + comment.start..range.start + comment.end));
    }
    css::check(&css::uncommented(value))
}

fn is_link(attribute: &Attribute) -> bool {
    attribute.name() == "href" && matches!(attribute.namespace(), None | Some(XLINK_NS))
}

/// Links inside the drawing (#id) are fine, and hyperlinks are checked on their own.
/// Embedded pictures are cleaned. Any other outside file would not show on the website and
/// often names a file on someone's computer.
fn check_link(
    text: &str,
    node: Node,
    attribute: &Attribute,
    embedded: Embedded,
    edits: &mut Vec<Edit>,
) -> Result<(), String> {
    let value = attribute.value().trim();
    if node.tag_name().name() == "a" {
        return check_hyperlink(value);
    }
    if value.to_ascii_lowercase().starts_with("data:") {
        return clean_embedded(text, attribute, embedded, edits);
    }
    if value.is_empty() || value.starts_with('#') {
        return Ok(());
    }
    let shown: String = value.chars().take(80).collect();
    Err(format!(
        "the SVG links to a file outside itself (\"{shown}\"), which would not show on \
         the website and may reveal a file name; embed the picture in the drawing \
         instead, or export it again from your drawing program as plain SVG"
    ))
}

/// A hyperlink may go to a place in the drawing, a web page or an email address. Anything
/// else is most often a file on the author's computer or network (C:\Users\..., a
/// \\server\share path, ../.., file:), which readers could not open and whose folders
/// can name people.
fn check_hyperlink(value: &str) -> Result<(), String> {
    let lower = value.to_ascii_lowercase();
    let allowed = value.is_empty()
        || value.starts_with('#')
        || ["http://", "https://", "mailto:"]
            .iter()
            .any(|scheme| lower.starts_with(scheme));
    // A backslash has no place in a web address; browsers read it as a slash.
    if allowed && !value.contains('\\') {
        return Ok(());
    }
    let shown: String = value.chars().take(80).collect();
    if has_other_scheme(&lower) {
        return Err(format!(
            "the SVG links to an address quire cannot check (\"{shown}\"); only links to \
             web pages (http or https), email addresses (mailto) or places in the drawing \
             can be published; remove the link and export it again"
        ));
    }
    Err(format!(
        "the SVG links to a file on someone's computer (\"{shown}\"); remove the link and \
         export it again"
    ))
}

/// Whether an address starts with a scheme such as ftp: or tel:, rather than being a path.
/// A single letter before the colon is a Windows drive (C:), and file: is a path too.
fn has_other_scheme(lower: &str) -> bool {
    lower.split_once(':').is_some_and(|(scheme, _)| {
        scheme.len() > 1
            && scheme != "file"
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// Replaces an embedded picture with its scrubbed self. The data URL's parameters (which
/// can include a file name) are dropped; only its media type is kept.
fn clean_embedded(
    text: &str,
    attribute: &Attribute,
    embedded: Embedded,
    edits: &mut Vec<Edit>,
) -> Result<(), String> {
    let (mime, payload) = parse_data_url(attribute.value())?;
    let ext = match mime.as_str() {
        "image/png" => "png",
        "image/jpeg" | "image/jpg" => "jpeg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        _ => {
            return Err(format!(
                "the SVG embeds a file of a type quire cannot check ({mime}); \
                 embed PNG, JPEG, GIF or WebP pictures only"
            ));
        }
    };
    if embedded == Embedded::Check {
        return Ok(());
    }
    let damaged = || {
        "a picture embedded in the SVG is damaged and cannot be read; \
         export the drawing again from your drawing program as plain SVG"
            .to_string()
    };
    let bytes = super::b64::decode(payload).ok_or_else(damaged)?;
    let clean = super::scrub_known(ext, bytes)
        .map_err(|error| format!("a picture embedded in the SVG cannot be published: {error}"))?;
    let range = value_range(text, attribute.range()).ok_or_else(|| UNSAFE.to_string())?;
    let with = format!("data:{mime};base64,{}", super::b64::encode(&clean));
    edits.push(Edit { range, with });
    Ok(())
}

/// The lower-cased media type and the base64 payload of a data: URL.
fn parse_data_url(value: &str) -> Result<(String, &str), String> {
    let value = value.trim();
    let rest = value.get(5..).ok_or_else(|| UNSAFE.to_string())?;
    let (header, payload) = rest.split_once(',').ok_or_else(|| NOT_BASE64.to_string())?;
    let mut parts = header.split(';');
    let mime = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    if !parts.any(|p| p.trim().eq_ignore_ascii_case("base64")) {
        return Err(NOT_BASE64.to_string());
    }
    Ok((mime, payload))
}

/// Text outside text elements is never drawn, so it can only be hidden. Whitespace is
/// left alone to keep the layout of the file.
fn plan_text(text: &str, node: Node, edits: &mut Vec<Edit>) -> Result<(), String> {
    let content = node.text().unwrap_or_default();
    if content.trim_matches(is_xml_space).is_empty() {
        return Ok(());
    }
    let parent = node.parent_element().ok_or_else(|| UNSAFE.to_string())?;
    // A style element's text is planned with the element.
    if is_drawn_text(parent) {
        return Ok(());
    }
    edits.push(cut(
        text_extent(text, node, parent).ok_or_else(|| UNSAFE.to_string())?
    ));
    Ok(())
}

/// Elements whose text content is drawn (or, for style, read as CSS).
fn is_drawn_text(element: Node) -> bool {
    is_svg(element, &["text", "tspan", "textPath", "altGlyph", "style"])
        || (is_svg(element, &["a"]) && element.ancestors().any(|a| is_svg(a, &["text"])))
}

/// Whether the node is an SVG element with one of these names.
fn is_svg(node: Node, names: &[&str]) -> bool {
    node.tag_name().namespace() == Some(SVG_NS) && names.contains(&node.tag_name().name())
}

/// The bytes of a text node. roxmltree merges text, CDATA and references into one node
/// but gives only the first piece's range, so the extent is taken between its neighbours.
fn text_extent(text: &str, node: Node, parent: Node) -> Option<Range<usize>> {
    let start = match node.prev_sibling() {
        Some(sibling) => sibling.range().end,
        None => start_tag(text, parent.range().start)?.end,
    };
    let end = match node.next_sibling() {
        Some(sibling) => sibling.range().start,
        None => text.get(..parent.range().end)?.rfind("</")?,
    };
    (start < end).then_some(start..end)
}

/// The range of an attribute's value inside its quotes.
fn value_range(text: &str, attribute: Range<usize>) -> Option<Range<usize>> {
    let written = text.get(attribute.clone())?;
    let equals = written.find('=')?;
    let quote = equals + 1 + written[equals + 1..].find(['"', '\''])?;
    let (start, end) = (attribute.start + quote + 1, attribute.end.checked_sub(1)?);
    (start <= end).then_some(start..end)
}

/// Widens a cut attribute's range over the whitespace before it, so no gap is left.
fn with_leading_space(text: &str, range: Range<usize>) -> Range<usize> {
    let before = &text.as_bytes()[..range.start];
    let spaces = before
        .iter()
        .rev()
        .take_while(|&&b| is_xml_space_byte(b))
        .count();
    range.start - spaces..range.end
}

fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn is_xml_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// An attribute as written in a start tag.
struct RawAttribute<'t> {
    name: &'t str,
    value: &'t str,
    range: Range<usize>,
}

/// The attributes of a start tag as written, and where the tag ends. The text has already
/// been parsed, so it is well formed; this only finds positions roxmltree does not give.
struct StartTag<'t> {
    attributes: Vec<RawAttribute<'t>>,
    end: usize,
}

fn start_tag(text: &str, start: usize) -> Option<StartTag<'_>> {
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied();
    let mut i = start.checked_add(1)?;
    while !matches!(at(i)?, b'>' | b'/') && !is_xml_space_byte(at(i)?) {
        i += 1;
    }
    let mut attributes = Vec::new();
    loop {
        while is_xml_space_byte(at(i)?) {
            i += 1;
        }
        match at(i)? {
            b'>' => {
                return Some(StartTag {
                    attributes,
                    end: i + 1,
                });
            }
            b'/' => {
                return Some(StartTag {
                    attributes,
                    end: i + 2,
                });
            }
            _ => {}
        }
        let name_start = i;
        while at(i)? != b'=' && !is_xml_space_byte(at(i)?) {
            i += 1;
        }
        let name = text.get(name_start..i)?;
        while is_xml_space_byte(at(i)?) {
            i += 1;
        }
        if at(i)? != b'=' {
            return None;
        }
        i += 1;
        while is_xml_space_byte(at(i)?) {
            i += 1;
        }
        let quote = at(i)?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let value_start = i + 1;
        let value_end = value_start + b.get(value_start..)?.iter().position(|&c| c == quote)?;
        i = value_end + 1;
        let value = text.get(value_start..value_end)?;
        attributes.push(RawAttribute {
            name,
            value,
            range: name_start..i,
        });
    }
}

/// Applies the edits in document order. An edit inside an earlier cut goes with it.
fn apply(text: &str, mut edits: Vec<Edit>) -> Option<String> {
    edits.sort_by(|a, b| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.range.end.cmp(&a.range.end))
    });
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        if edit.range.start < at {
            // Ranges from a parsed tree nest or are apart; a partial overlap is a bug.
            if edit.range.end > at {
                return None;
            }
            continue;
        }
        out.push_str(text.get(at..edit.range.start)?);
        out.push_str(&edit.with);
        at = edit.range.end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

/// A CSS property that can keep an element from being drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Hider {
    Display,
    Visibility,
    Opacity,
}

impl Hider {
    /// In the order [`own_values`] gives them.
    const ALL: [Hider; 3] = [Hider::Display, Hider::Visibility, Hider::Opacity];

    fn named(property: &str) -> Option<Hider> {
        match property.trim() {
            "display" => Some(Hider::Display),
            "visibility" => Some(Hider::Visibility),
            "opacity" => Some(Hider::Opacity),
            _ => None,
        }
    }

    fn property(self) -> &'static str {
        match self {
            Hider::Display => "display",
            Hider::Visibility => "visibility",
            Hider::Opacity => "opacity",
        }
    }

    /// Whether a lower-cased value of the property hides the element. Opacity is
    /// clamped to 0..1, so a negative one hides it too.
    fn hides(self, value: &str) -> bool {
        match self {
            Hider::Display => value == "none",
            Hider::Visibility => matches!(value, "hidden" | "collapse"),
            Hider::Opacity => opacity(value).is_some_and(|o| o <= 0.0),
        }
    }
}

/// A CSS opacity, a number or a percentage; None if it is neither.
fn opacity(value: &str) -> Option<f64> {
    let (number, scale) = match value.strip_suffix('%') {
        Some(number) => (number, 100.0),
        None => (value, 1.0),
    };
    // Rust would also read "inf" and "NaN", which CSS does not.
    let numeric = |c: char| c.is_ascii_digit() || matches!(c, '.' | '+' | '-' | 'e');
    if number.is_empty() || !number.chars().all(numeric) {
        return None;
    }
    number.parse::<f64>().ok().map(|n| n / scale)
}

/// The element's own values of display, visibility and opacity (in [`Hider::ALL`] order),
/// lower-cased: its style attribute wins over its presentation attributes, as in a browser.
fn own_values(node: Node) -> [Option<String>; 3] {
    let declared: Vec<(String, String)> = node
        .attribute("style")
        .map(|style| css::declarations(&css::uncommented(style)).collect())
        .unwrap_or_default();
    Hider::ALL.map(|hider| {
        let property = hider.property();
        let styled = declared.iter().rev().find(|(name, _)| name == property);
        styled.map(|(_, value)| value.clone()).or_else(|| {
            node.attribute(property)
                .map(|value| value.trim().to_ascii_lowercase())
        })
    })
}

fn sets_visible(node: Node) -> bool {
    let [_, visibility, _] = own_values(node);
    visibility.as_deref() == Some("visible")
}

/// What keeps an element from being drawn, its ancestors included: display:none and
/// opacity 0 hide everything inside, and visibility is inherited until an element inside
/// sets it again.
#[derive(Clone, Copy, Default)]
struct Hidden {
    display: bool,
    visibility: bool,
    opacity: bool,
}

impl Hidden {
    fn within(parent: Hidden, node: Node) -> Hidden {
        let [display, visibility, opacity] = own_values(node);
        let hides =
            |hider: Hider, value: Option<String>| value.is_some_and(|value| hider.hides(&value));
        Hidden {
            display: parent.display || hides(Hider::Display, display),
            visibility: match visibility.as_deref() {
                Some("visible") => false,
                Some("hidden" | "collapse") => true,
                _ => parent.visibility,
            },
            opacity: parent.opacity || hides(Hider::Opacity, opacity),
        }
    }

    /// Display first: only a display:none element can be cut from a line of text.
    fn by(self) -> Option<Hider> {
        Hider::ALL.into_iter().find(|hider| match hider {
            Hider::Display => self.display,
            Hider::Visibility => self.visibility,
            Hider::Opacity => self.opacity,
        })
    }
}

/// What the whole drawing says about hiding, gathered before planning.
struct Hiding {
    /// Ids something refers to (href="#id", url(#id)). Such an element may be drawn
    /// somewhere else, hidden or not: as a gradient or clip, a path for text, through use.
    referenced: HashSet<String>,
    /// Properties that style sheets or animations set, which can undo a hiding attribute.
    changeable: Vec<Hider>,
    /// What hides each element, worked out once from the root down.
    hidden: HashMap<NodeId, Hidden>,
}

impl Hiding {
    /// Refuses style sheets that hide anything: which elements their selectors match is
    /// more than quire works out, so the hidden parts could not be found and cut.
    fn gather(doc: &Document) -> Result<Hiding, String> {
        let mut hiding = Hiding {
            referenced: HashSet::new(),
            changeable: Vec::new(),
            hidden: HashMap::new(),
        };
        // Document order: every parent comes before its children.
        for node in doc.descendants().filter(Node::is_element) {
            let parent = node
                .parent()
                .map(|p| hiding.hidden_of(p))
                .unwrap_or_default();
            hiding
                .hidden
                .insert(node.id(), Hidden::within(parent, node));
            for attribute in node.attributes() {
                if is_link(&attribute) {
                    hiding.refer(attribute.value().trim());
                } else {
                    hiding.refer_in_css(attribute.value());
                }
            }
            if is_svg(node, &["style"]) {
                hiding.read_stylesheet(&css::uncommented(&stylesheet_text(node)))?;
            }
            let animated = node.attribute("attributeName").and_then(Hider::named);
            if let Some(hider) = animated.filter(|_| is_svg(node, &["set", "animate"])) {
                hiding.changeable.push(hider);
            }
        }
        Ok(hiding)
    }

    fn hidden_of(&self, node: Node) -> Hidden {
        self.hidden.get(&node.id()).copied().unwrap_or_default()
    }

    fn refer(&mut self, target: &str) {
        if let Some(id) = target.strip_prefix('#') {
            self.referenced.insert(id.trim().to_string());
        }
    }

    fn refer_in_css(&mut self, css: &str) {
        for (name, args) in css::functions(css) {
            if name == "url" {
                self.refer(css::url_target(args));
            }
        }
    }

    fn read_stylesheet(&mut self, css: &str) -> Result<(), String> {
        self.refer_in_css(css);
        for (name, value) in css::declarations(css) {
            if let Some(hider) = Hider::named(&name) {
                if hider.hides(&value) {
                    return Err(STYLE_HIDES.to_string());
                }
                self.changeable.push(hider);
            }
        }
        Ok(())
    }

    /// Whether a kept element is never drawn, so is cut with everything inside it. Errs
    /// when it is hidden but cutting it could change the drawing, or leave hidden text.
    fn is_never_drawn(&self, node: Node) -> Result<bool, String> {
        // The root stays, whatever it says: without it there is no drawing.
        let hider = self.hidden_of(node).by();
        let Some(hider) = hider.filter(|_| node.parent_element().is_some()) else {
            return Ok(false);
        };
        if self.changeable.contains(&hider) {
            return Err(HIDDEN_UNCLEAR.to_string());
        }
        if self.may_be_used(node) {
            return Ok(false);
        }
        let in_text = node.ancestors().skip(1).any(|a| is_svg(a, &["text"]));
        let shows_part = hider == Hider::Visibility && node.descendants().skip(1).any(sets_visible);
        if shows_part {
            // Its visible parts are drawn. Elsewhere the hidden ones around them are cut
            // one by one, but hidden characters in a line of text cannot be.
            if in_text || is_svg(node, &["text"]) {
                return Err(HIDDEN_IN_TEXT.to_string());
            }
            return Ok(false);
        }
        // Invisible or transparent words still take up their room in the line, so
        // cutting them would move the words after them; display:none ones do not.
        if hider != Hider::Display && in_text {
            return Err(HIDDEN_IN_TEXT.to_string());
        }
        Ok(true)
    }

    /// Whether cutting the element could change what is drawn: something refers to it,
    /// to an element inside it, or to one around it; or it holds a style sheet, an
    /// animation or a font, which apply whether or not they are drawn.
    fn may_be_used(&self, node: Node) -> bool {
        let is_used = |n: Node| {
            n.attribute("id")
                .is_some_and(|id| self.referenced.contains(id))
        };
        let applies_anyway = |n: Node| {
            is_svg(
                n,
                &[
                    "style",
                    "set",
                    "animate",
                    "animateMotion",
                    "animateTransform",
                    "animateColor",
                    "font",
                    "font-face",
                ],
            )
        };
        node.ancestors().any(is_used) || node.descendants().any(|d| is_used(d) || applies_anyway(d))
    }
}

/// CSS as written in style elements and in attributes (presentation attributes such as
/// fill are CSS values too): its comments, found the way a browser finds them, and the
/// checks for anything that loads a file or names one.
mod css {
    use std::ops::Range;

    const ESCAPE: &str = "the SVG's styles contain a backslash, which in CSS can disguise \
        a file address, so quire will not publish it; export it again from your drawing \
        program as plain SVG";
    const IMPORT: &str = "the SVG's styles import another style sheet (@import), which \
        names a file outside the drawing; export it again from your drawing program as \
        plain SVG, with its styles inside it";
    pub const TANGLED_COMMENT: &str = "the SVG's styles contain a comment that quire cannot \
        remove safely; delete the comment, or export it again from your drawing program \
        as plain SVG";
    const LOADS_PICTURE: &str = "the SVG's styles load a picture from outside the \
        drawing, which would not show on the website and may reveal a file name; export \
        it again from your drawing program as plain SVG";
    const DATA: &str = "the SVG's styles embed a file (a data: URL), which quire cannot \
        check for hidden information; export it again from your drawing program as plain \
        SVG";

    /// The byte ranges of the comments, skipping strings as a browser does. An unclosed
    /// comment runs to the end.
    pub fn comments(css: &str) -> Vec<Range<usize>> {
        let b = css.as_bytes();
        let mut found = Vec::new();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'"' | b'\'' => i = string_end(b, i),
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    let end = css[i + 2..].find("*/").map_or(b.len(), |at| i + at + 4);
                    found.push(i..end);
                    i = end;
                }
                _ => i += 1,
            }
        }
        found
    }

    /// Where the string whose opening quote is at `start` ends: after its closing quote,
    /// or at a line end, where CSS ends an unclosed string.
    fn string_end(b: &[u8], start: usize) -> usize {
        let quote = b[start];
        let stop = b[start + 1..]
            .iter()
            .position(|&c| c == quote || matches!(c, b'\n' | b'\r' | b'\x0c'));
        match stop {
            Some(at) if b[start + 1 + at] == quote => start + at + 2,
            Some(at) => start + 1 + at,
            None => b.len(),
        }
    }

    /// The CSS with the given ranges cut out.
    pub fn without(css: &str, cuts: &[Range<usize>]) -> String {
        let mut out = String::with_capacity(css.len());
        let mut at = 0;
        for range in cuts {
            out.push_str(&css[at..range.start]);
            at = range.end;
        }
        out.push_str(&css[at..]);
        out
    }

    /// The CSS with its comments cut out, as it will be published.
    pub fn uncommented(css: &str) -> String {
        without(css, &comments(css))
    }

    /// Refuses CSS (comments already cut) that loads or names a file: @import, url() to
    /// anything but a place in the drawing (#id), file: addresses, and the picture
    /// functions. A backslash is refused outright, since CSS escapes (u\72l) can spell
    /// any of these in a way a plain search would miss.
    pub fn check(css: &str) -> Result<(), String> {
        if css.contains('\\') {
            return Err(ESCAPE.to_string());
        }
        // Cutting a comment can join "/" and "*" into a new one, as in "//**/*".
        if css.contains("/*") {
            return Err(TANGLED_COMMENT.to_string());
        }
        let lower = css.to_ascii_lowercase();
        if lower.contains("@import") {
            return Err(IMPORT.to_string());
        }
        if let Some(at) = words_at(&lower, "file:").next() {
            return Err(outside_file(&css[at..]));
        }
        for (name, args) in functions(css) {
            // url-prefix() (in Firefox's @-moz-document) takes an address too.
            if name.starts_with("url") {
                check_url(args)?;
            } else if name == "src" || name.contains("image") {
                return Err(LOADS_PICTURE.to_string());
            }
        }
        Ok(())
    }

    fn check_url(args: &str) -> Result<(), String> {
        let target = url_target(args);
        if target.is_empty() || target.starts_with('#') {
            Ok(())
        } else if target.to_ascii_lowercase().starts_with("data:") {
            Err(DATA.to_string())
        } else {
            Err(outside_file(target))
        }
    }

    fn outside_file(target: &str) -> String {
        let shown: String = target.chars().take_while(|&c| c != ')').take(80).collect();
        format!(
            "the SVG's styles point at a file outside the drawing (\"{shown}\"), which \
             would not show on the website and may reveal a file or user name; export it \
             again from your drawing program as plain SVG, with nothing linked from outside"
        )
    }

    fn is_name_byte(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
    }

    /// Where `word` starts a word of its own, not the end of a longer one
    /// ("color-profile:" is not "file:").
    fn words_at<'a>(lower: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
        lower
            .match_indices(word)
            .map(|(at, _)| at)
            .filter(|&at| at == 0 || !is_name_byte(lower.as_bytes()[at - 1]))
    }

    /// Every function call: its lower-cased name and the text after its parenthesis. A
    /// name is only a function when the parenthesis follows it directly.
    pub fn functions(css: &str) -> impl Iterator<Item = (String, &str)> {
        css.match_indices('(').map(move |(at, _)| {
            let start = css[..at]
                .bytes()
                .rposition(|b| !is_name_byte(b))
                .map_or(0, |p| p + 1);
            (css[start..at].to_ascii_lowercase(), &css[at + 1..])
        })
    }

    /// The address inside url(...), without its quotes and surrounding spaces.
    pub fn url_target(args: &str) -> &str {
        let args = args.trim_start();
        let inner = match args.chars().next() {
            Some(quote @ ('"' | '\'')) => args[1..].split(quote).next(),
            _ => args.split(')').next(),
        };
        inner.unwrap_or_default().trim()
    }

    /// The declarations as (property, value), lower-cased, without !important. In a style
    /// sheet the selectors come out as nonsense pairs, which no caller looks for.
    pub fn declarations(css: &str) -> impl Iterator<Item = (String, String)> + '_ {
        css.split([';', '{', '}']).filter_map(|piece| {
            let (name, value) = piece.split_once(':')?;
            let value = value.split('!').next().unwrap_or_default();
            Some((
                name.trim().to_ascii_lowercase(),
                value.trim().to_ascii_lowercase(),
            ))
        })
    }
}
