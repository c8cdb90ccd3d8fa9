//! Markdown: the CommonMark dialect officers write, and its rendering to HTML fragments
//! with the layout rules of each document kind.
//!
//! - Headings are renumbered so the document's top level becomes `<h2>` and no level is
//!   skipped: the page's only `<h1>` is the document title.
//! - Reports number every top-level paragraph 1, 2, 3 across the whole report; ordered
//!   lists inside them are lettered (a), (b).
//! - Minutes number their `## ` headings as sections (a heading that starts with its own
//!   number, such as "5a Induction", keeps it and the count goes on from 5) and set
//!   "**Resolved:**" paragraphs apart.
//! - Presentations become one `<section>` per top-level heading, labelled "Slide N of M".
//! - Raw HTML in Markdown is shown as text, never passed through. HTML comments never get
//!   here: [`crate::model::comments`] removed them when the site was loaded.
//! - Local links and images are rewritten to the URL the edition gives them; a link to
//!   something the edition does not publish keeps its text and loses the link.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::model::Kind;
use crate::model::refs::{is_local, join_inside};

/// The Markdown extensions the authoring format promises: tables, footnotes,
/// strikethrough, heading attributes and smart punctuation.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// The words of a Markdown body, without markup or link targets: what the search index
/// may hold. (Comments never reach here: the model removed them.)
pub fn words(text: &str, limit: usize) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => out.push(' '),
            _ => {}
        }
        if out.len() >= limit {
            break;
        }
    }
    let mut cut = limit.min(out.len());
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a web address is safe to link from a public page: the web, e-mail and
/// telephone only (never `javascript:` or `data:`).
pub fn is_safe_external(dest: &str) -> bool {
    let lower = dest.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:", "tel:", "//"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Splits a minutes heading such as "5a Induction" or "7. Fostering" into its own
/// number and the rest. A number is one to three digits with at most one letter, then a
/// dot or a space; "2021/22 budget" and "3D printing" are not numbered headings.
pub fn section_number(text: &str) -> Option<(&str, &str)> {
    let t = text.trim_start();
    let bytes = t.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let mut end = digits;
    if bytes.get(end).is_some_and(|b| b.is_ascii_lowercase()) {
        end += 1;
    }
    let mut rest = end;
    if bytes.get(rest) == Some(&b'.') {
        rest += 1;
    }
    let after = t[rest..].chars().next()?;
    if !after.is_whitespace() {
        return None;
    }
    let title = t[rest..].trim_start();
    (!title.is_empty()).then_some((&t[..end], title))
}

/// The count a section number sets: "5a" → 5.
pub fn section_value(number: &str) -> Option<u32> {
    number
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
}

/// A rendered body.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// Top-level headings (id, text), for contents lists.
    pub headings: Vec<(String, String)>,
}

/// Where relative links resolve: the source's folder relative to `content/`, and the
/// URLs of everything the edition publishes.
pub struct Links<'a> {
    pub dir: PathBuf,
    pub urls: &'a BTreeMap<PathBuf, String>,
}

impl<'a> Links<'a> {
    pub fn for_source(key: &Path, urls: &'a BTreeMap<PathBuf, String>) -> Self {
        Links {
            dir: key.parent().map(Path::to_path_buf).unwrap_or_default(),
            urls,
        }
    }

    /// The published URL for a written destination; `None` if it is local but unpublished.
    fn resolve(&self, dest: &str) -> Option<String> {
        if !is_local(dest) {
            let fine = is_safe_external(dest)
                || dest.starts_with('#')
                || (dest.starts_with('/') && !dest.starts_with("//"));
            return fine.then(|| dest.to_string());
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let key = join_inside(&self.dir, path)?;
        let url = self.urls.get(&key)?;
        Some(match fragment {
            Some(f) => format!("{url}#{f}"),
            None => url.clone(),
        })
    }
}

/// Renders a document body with the layout of its kind.
pub fn render(text: &str, kind: Kind, links: &Links) -> Rendered {
    let events: Vec<Event> = Parser::new_ext(text, options()).collect();
    let events = sanitise(events, links);
    let levels = heading_levels(&events);
    let mut r = Renderer {
        kind,
        levels,
        out: Vec::new(),
        headings: Vec::new(),
        ids: BTreeMap::new(),
    };
    r.run(events);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, r.out.into_iter());
    if kind == Kind::Presentation {
        html = slides(&html, &r.headings);
    }
    Rendered {
        html,
        headings: r.headings,
    }
}

/// Renders short Markdown (descriptions, item bodies, pages) with no numbering.
pub fn render_plain(text: &str, links: &Links) -> String {
    render(text, Kind::Other, links).html
}

/// Raw HTML becomes text; local links and images point at published URLs.
fn sanitise<'e>(events: Vec<Event<'e>>, links: &Links) -> Vec<Event<'e>> {
    let mut out = Vec::with_capacity(events.len());
    let mut dropped_links = 0usize;
    let mut dropped_images = 0usize;
    // A footnote's label is never shown, only its number; an officer may write anything
    // in it ("[^mrs-smith]"). So the page's ids are numbers in order of first use, never
    // the label, and they stay apart from the headings' ids.
    let mut footnotes: BTreeMap<String, usize> = BTreeMap::new();
    let mut footnote_id = |label: &str| {
        let next = footnotes.len() + 1;
        format!("fn-{}", footnotes.entry(label.to_string()).or_insert(next))
    };
    for e in events {
        match e {
            Event::Html(h) | Event::InlineHtml(h) => out.push(Event::Text(h)),
            Event::FootnoteReference(label) => {
                out.push(Event::FootnoteReference(footnote_id(&label).into()))
            }
            Event::Start(Tag::FootnoteDefinition(label)) => out.push(Event::Start(
                Tag::FootnoteDefinition(footnote_id(&label).into()),
            )),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match links.resolve(&dest_url) {
                Some(url) => out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: url.into(),
                    title,
                    id,
                })),
                None => dropped_links += 1,
            },
            Event::End(TagEnd::Link) if dropped_links > 0 => dropped_links -= 1,
            // An image the edition does not publish is replaced by its description.
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => match links.resolve(&dest_url) {
                Some(url) => out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: url.into(),
                    title,
                    id,
                })),
                None => dropped_images += 1,
            },
            Event::End(TagEnd::Image) if dropped_images > 0 => dropped_images -= 1,
            other => out.push(other),
        }
    }
    out
}

/// The HTML level of each Markdown heading level: the levels a document uses become
/// h2, h3, ... in order, so the page's only h1 is its title and no level is skipped
/// (a `#` followed by `###` becomes h2 then h3), as in the pack.
fn heading_levels(events: &[Event]) -> [usize; 7] {
    let mut used = [false; 7];
    for e in events {
        if let Event::Start(Tag::Heading { level, .. }) = e {
            used[*level as usize] = true;
        }
    }
    let mut map = [6usize; 7];
    let mut next = 2;
    for (md, is_used) in used.iter().enumerate().skip(1) {
        if *is_used {
            map[md] = next.min(6);
            next += 1;
        }
    }
    map
}

fn level(n: usize) -> HeadingLevel {
    match n {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// A URL fragment from heading text.
pub fn slugify(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

struct Renderer<'e> {
    kind: Kind,
    levels: [usize; 7],
    out: Vec<Event<'e>>,
    headings: Vec<(String, String)>,
    ids: BTreeMap<String, usize>,
}

impl<'e> Renderer<'e> {
    fn run(&mut self, events: Vec<Event<'e>>) {
        let mut depth = 0usize;
        let mut para = 0usize;
        let mut section = 0u32;
        let mut tables = 0u32;
        let mut i = 0;
        while i < events.len() {
            let e = &events[i];
            match e {
                // A heading's id comes from its visible words only. Heading attributes
                // (`{#id .class key=value}`) are never published: they would put words an
                // officer cannot see on the page into its HTML.
                Event::Start(Tag::Heading { level: l, .. }) => {
                    let end = find_end(&events, i);
                    let text = plain_text(&events[i + 1..end]);
                    let new_level = self.levels[*l as usize];
                    let top = new_level == 2;
                    let id = self.unique_id(slugify(&text));
                    let mut label = text.clone();
                    let mut prefix = None;
                    // Minutes sections are the `## ` headings, as in the pack.
                    if *l == HeadingLevel::H2 && self.kind == Kind::Minutes {
                        match section_number(&text) {
                            // "5a" continues the count from 5, so the next heading is 6.
                            Some((n, rest)) => {
                                if let Some(v) = section_value(n) {
                                    section = v;
                                }
                                prefix = Some(n.to_string());
                                label = rest.to_string();
                            }
                            None => {
                                section += 1;
                                prefix = Some(section.to_string());
                            }
                        }
                    }
                    if top {
                        self.headings.push((id.clone(), label.clone()));
                    }
                    self.out.push(Event::Start(Tag::Heading {
                        level: level(new_level),
                        id: Some(CowStr::from(id)),
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    }));
                    match prefix {
                        Some(p) => {
                            self.out.push(Event::Html(
                                format!("<span class=\"section-number\">{p}</span> ").into(),
                            ));
                            self.out.push(Event::Text(label.into()));
                        }
                        None => self.out.extend(events[i + 1..end].iter().cloned()),
                    }
                    self.out.push(Event::End(TagEnd::Heading(level(new_level))));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Paragraph) if depth == 0 => {
                    let end = find_end(&events, i);
                    let inner = &events[i + 1..end];
                    if self.kind == Kind::Report && !is_figure(inner) {
                        para += 1;
                        self.out.push(Event::Html(
                            format!("<p class=\"numbered\" id=\"para-{para}\"><span class=\"para-number\">{para}</span> ").into(),
                        ));
                        self.out.extend(inner.iter().cloned());
                        self.out.push(Event::Html("</p>\n".into()));
                    } else if self.kind == Kind::Minutes && is_resolution(inner) {
                        self.out
                            .push(Event::Html("<div class=\"decision\"><p>".into()));
                        self.out.extend(inner.iter().cloned());
                        self.out.push(Event::Html("</p></div>\n".into()));
                    } else {
                        self.out.extend(events[i..=end].iter().cloned());
                    }
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::List(Some(_))) if self.kind == Kind::Report => {
                    self.out.push(Event::Html("<ol class=\"lettered\">".into()));
                    depth += 1;
                    i += 1;
                    continue;
                }
                Event::End(TagEnd::List(true)) if self.kind == Kind::Report => {
                    self.out.push(Event::Html("</ol>\n".into()));
                    depth -= 1;
                    i += 1;
                    continue;
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let end = find_end(&events, i);
                    let code = plain_text(&events[i + 1..end]);
                    let lang = match kind {
                        CodeBlockKind::Fenced(l) => l.to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    self.out.push(Event::Html(
                        crate::render::html::highlight::code_block(&code, &lang).into(),
                    ));
                    i = end + 1;
                    continue;
                }
                // Wide tables scroll inside a labelled, focusable region instead of
                // widening the page (WCAG 1.4.10 reflow at 320px).
                Event::Start(Tag::Table(_)) => {
                    tables += 1;
                    self.out.push(Event::Html(
                        format!("<div class=\"table-wrap\" role=\"region\" aria-label=\"Table {tables}\" tabindex=\"0\">").into(),
                    ));
                    depth += 1;
                }
                Event::End(TagEnd::Table) => {
                    self.out.push(e.clone());
                    self.out.push(Event::Html("</div>\n".into()));
                    depth = depth.saturating_sub(1);
                    i += 1;
                    continue;
                }
                Event::Start(t) if is_container(t) => depth += 1,
                Event::End(t) if is_container_end(t) => depth = depth.saturating_sub(1),
                _ => {}
            }
            self.out.push(e.clone());
            i += 1;
        }
    }

    fn unique_id(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let n = self.ids.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 { base } else { format!("{base}-{n}") }
    }
}

fn is_container(t: &Tag) -> bool {
    matches!(
        t,
        Tag::List(_) | Tag::Item | Tag::BlockQuote(_) | Tag::Table(_) | Tag::FootnoteDefinition(_)
    )
}

fn is_container_end(t: &TagEnd) -> bool {
    matches!(
        t,
        TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::Table
            | TagEnd::FootnoteDefinition
    )
}

/// Index of the end event matching the start at `start`.
fn find_end(events: &[Event], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, e) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

/// The text of a run of inline events.
pub fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// A paragraph that is only an image is a figure: reports do not number it (as in the pack).
fn is_figure(inner: &[Event]) -> bool {
    matches!(inner.first(), Some(Event::Start(Tag::Image { .. })))
        && matches!(inner.last(), Some(Event::End(TagEnd::Image)))
        && find_end(inner, 0) == inner.len() - 1
}

/// Whether a paragraph starts with bold "Resolved:".
fn is_resolution(inner: &[Event]) -> bool {
    matches!(inner, [Event::Start(Tag::Strong), Event::Text(t), ..] if t.trim_start().to_lowercase().starts_with("resolved"))
}

/// Wraps each top-level heading and what follows it in a slide section.
fn slides(html: &str, headings: &[(String, String)]) -> String {
    let total = headings.len();
    let mut out = String::new();
    let mut rest = html;
    let mut n = 0;
    while let Some(pos) = rest.find("<h2") {
        if n > 0 {
            out.push_str(&rest[..pos]);
            out.push_str("</section>\n");
        } else {
            out.push_str(&rest[..pos]);
        }
        n += 1;
        let id = headings.get(n - 1).map(|h| h.0.as_str()).unwrap_or("");
        out.push_str(&format!(
            "<section class=\"slide\" aria-labelledby=\"{id}\"><p class=\"slide-number\">Slide {n} of {total}</p>\n"
        ));
        rest = &rest[pos..];
        let after = rest.find('>').map(|p| p + 1).unwrap_or(rest.len());
        out.push_str(&rest[..after]);
        rest = &rest[after..];
    }
    out.push_str(rest);
    if n > 0 {
        out.push_str("</section>\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> BTreeMap<PathBuf, String> {
        let mut m = BTreeMap::new();
        m.insert(
            PathBuf::from("committees/c/m/files/a.png"),
            "/committees/c/m/files/a.png".to_string(),
        );
        m.insert(
            PathBuf::from("committees/c/m/other.md"),
            "/committees/c/m/other/".to_string(),
        );
        m
    }

    fn r(text: &str, kind: Kind) -> Rendered {
        let urls = links();
        let l = Links::for_source(Path::new("committees/c/m/doc.md"), &urls);
        render(text, kind, &l)
    }

    #[test]
    fn report_paragraphs_are_numbered_across_headings() {
        let out = r(
            "# Purpose\n\nFirst.\n\n## Background\n\nSecond.\n\n1. a list\n2. more\n\n- item para\n\nThird.",
            Kind::Report,
        );
        assert!(
            out.html
                .contains("<span class=\"para-number\">1</span> First."),
            "{}",
            out.html
        );
        assert!(
            out.html
                .contains("<span class=\"para-number\">3</span> Third."),
            "{}",
            out.html
        );
        assert!(!out.html.contains("para-number\">4"));
        assert!(
            out.html.contains("<h2 id=\"purpose\">Purpose</h2>"),
            "{}",
            out.html
        );
        assert!(out.html.contains("<h3 id=\"background\">"));
        assert!(out.html.contains("<ol class=\"lettered\">"));
    }

    #[test]
    fn minutes_sections_and_resolutions() {
        let out = r(
            "## Apologies\n\nNone.\n\n## 5a Induction\n\n**Resolved:** that the report be noted.\n\n## Next",
            Kind::Minutes,
        );
        assert!(
            out.html
                .contains("<span class=\"section-number\">1</span> Apologies"),
            "{}",
            out.html
        );
        assert!(
            out.html
                .contains("<span class=\"section-number\">5a</span> Induction"),
            "{}",
            out.html
        );
        assert!(
            out.html
                .contains("<span class=\"section-number\">6</span> Next"),
            "{}",
            out.html
        );
        assert!(
            out.html
                .contains("<div class=\"decision\"><p><strong>Resolved:</strong>"),
            "{}",
            out.html
        );
    }

    #[test]
    fn only_safe_schemes_are_links() {
        let out = r(
            "[a](javascript://x%0aalert(1)) [b](data:text/html,x) [c](https://ok.example)",
            Kind::Other,
        );
        assert!(
            !out.html.contains("javascript") && !out.html.contains("data:"),
            "{}",
            out.html
        );
        assert!(out.html.contains("href=\"https://ok.example\""));
    }

    #[test]
    fn unpublished_image_becomes_its_description_and_figures_are_not_numbered() {
        let out = r("First.\n\n![Map of the area](files/gone.png)", Kind::Other);
        assert!(!out.html.contains("<img"), "{}", out.html);
        assert!(out.html.contains("Map of the area"));
        let out = r("First.\n\n![Chart](files/a.png)\n\nSecond.", Kind::Report);
        assert!(out.html.contains("<img"), "{}", out.html);
        assert!(
            out.html
                .contains("<span class=\"para-number\">2</span> Second."),
            "{}",
            out.html
        );
    }

    #[test]
    fn section_numbers() {
        assert_eq!(section_number("5a Induction"), Some(("5a", "Induction")));
        assert_eq!(section_number("7. Fostering"), Some(("7", "Fostering")));
        assert_eq!(section_number("2021/22 budget"), None);
        assert_eq!(section_number("3D printing"), None);
        assert_eq!(section_number("12"), None);
        assert_eq!(section_value("5a"), Some(5));
    }

    #[test]
    fn raw_html_is_text_and_links_are_rewritten() {
        let out = r(
            "<script>alert(1)</script>\n\n[other](other.md) and [gone](gone.md) ![Chart](files/a.png) [web](https://x.org)",
            Kind::Other,
        );
        assert!(!out.html.contains("<script>"), "{}", out.html);
        assert!(out.html.contains("&lt;script&gt;"));
        assert!(out.html.contains("href=\"/committees/c/m/other/\""));
        assert!(out.html.contains("gone") && !out.html.contains("gone.md"));
        assert!(
            out.html
                .contains("src=\"/committees/c/m/files/a.png\" alt=\"Chart\""),
            "{}",
            out.html
        );
        assert!(out.html.contains("href=\"https://x.org\""));
    }

    #[test]
    fn heading_levels_are_never_skipped() {
        let out = r("# Top\n\n### Deep\n\n###### Deeper", Kind::Other);
        assert!(
            out.html.contains("<h2 id=\"top\">")
                && out.html.contains("<h3 id=\"deep\">")
                && out.html.contains("<h4 id=\"deeper\">"),
            "{}",
            out.html
        );
    }

    #[test]
    fn footnote_ids_never_clash_with_headings() {
        let out = r(
            "## Budget\n\nText.[^budget]\n\n[^budget]: Note.",
            Kind::Other,
        );
        assert!(out.html.contains("<h2 id=\"budget\">"), "{}", out.html);
        assert!(out.html.contains("id=\"fn-1\""), "{}", out.html);
        assert!(out.html.contains("href=\"#fn-1\""), "{}", out.html);
    }

    #[test]
    fn labels_and_heading_attributes_are_never_published() {
        let text = "## Placement {#mrs-smith-placement .secret-class data-note=CANARY_ATTR}\n\nText.[^canary-label-smith]\n\n[^canary-label-smith]: Note.";
        let out = r(text, Kind::Report);
        for hidden in ["mrs-smith", "secret-class", "CANARY_ATTR", "canary-label"] {
            assert!(!out.html.contains(hidden), "{hidden} in {}", out.html);
        }
        // Positive control: the visible words are all there.
        assert!(
            out.html.contains("<h2 id=\"placement\">Placement</h2>") && out.html.contains("Note."),
            "{}",
            out.html
        );
    }

    #[test]
    fn presentation_slides() {
        let out = r("## One\n\n- a\n\n## Two\n\n- b\n", Kind::Presentation);
        assert_eq!(out.html.matches("<section class=\"slide\"").count(), 2);
        assert!(out.html.contains("Slide 2 of 2"));
        assert_eq!(out.html.matches("</section>").count(), 2);
    }
}
