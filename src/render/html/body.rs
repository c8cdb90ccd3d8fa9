//! A document tree as HTML. This reader decides nothing: every number, depth, decision
//! and slide comes from [`crate::model::tree`], which the pack reads too.
//!
//! - Depth 1 headings are `<h2>` (the page's one `<h1>` is the title), and so on down.
//! - Numbered paragraphs carry their number and an anchor (`#para-3`).
//! - Wide tables scroll inside a labelled, focusable region instead of widening the page
//!   (WCAG 1.4.10 reflow at 320px).
//! - A link to something this edition does not publish keeps its text and loses the link;
//!   an image it does not publish is replaced by its description.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::PathBuf;

use crate::model::Kind;
use crate::model::links::Dest;
use crate::model::tree::{Block, Inline, Tree};

use super::highlight::{code_block, escape, escape_into};

/// Where local links resolve: the URLs of everything the edition publishes.
pub struct Links<'a> {
    pub urls: &'a BTreeMap<PathBuf, String>,
}

impl<'a> Links<'a> {
    pub fn new(urls: &'a BTreeMap<PathBuf, String>) -> Self {
        Links { urls }
    }

    /// The address to link to, or `None` if the target is not published or not safe.
    pub fn resolve(&self, dest: &Dest) -> Option<String> {
        match dest {
            Dest::Web(url) => Some(url.clone()),
            Dest::Anchor(f) => Some(format!("#{f}")),
            Dest::Site(path) => Some(path.clone()),
            Dest::Local { target, fragment } => {
                let url = self.urls.get(target)?;
                Some(match fragment {
                    Some(f) => format!("{url}#{f}"),
                    None => url.clone(),
                })
            }
            Dest::Refused => None,
        }
    }
}

/// Renders a document body with the layout of its kind.
pub fn render(tree: &Tree, kind: Kind, links: &Links) -> String {
    let w = Writer { links };
    let mut out = String::new();
    if kind == Kind::Presentation {
        w.slides(tree, &mut out);
    } else {
        w.blocks(&tree.blocks, &mut out);
    }
    w.notes(tree, &mut out);
    out
}

struct Writer<'a> {
    links: &'a Links<'a>,
}

impl Writer<'_> {
    fn slides(&self, tree: &Tree, out: &mut String) {
        let slides = tree.slides();
        let total = slides.len();
        for (i, slide) in slides.iter().enumerate() {
            let n = i + 1;
            let label = match slide.heading {
                Some(Block::Heading { id, .. }) => format!("aria-labelledby=\"{id}\""),
                _ => format!("aria-label=\"Slide {n}\""),
            };
            let _ = writeln!(
                out,
                "<section class=\"slide\" {label}><p class=\"slide-number\">Slide {n} of {total}</p>"
            );
            if let Some(h) = slide.heading {
                self.block(h, out);
            }
            self.blocks(slide.blocks, out);
            out.push_str("</section>\n");
        }
    }

    fn blocks(&self, blocks: &[Block], out: &mut String) {
        let mut tables = 0;
        self.blocks_counting(blocks, out, &mut tables);
    }

    fn blocks_counting(&self, blocks: &[Block], out: &mut String, tables: &mut u32) {
        // A screen reader lists regions by name: "Table 2: Financial implications" says
        // which table, where "Table 2" alone did not (a reviewer, 4 December 2026).
        let mut under = String::new();
        for b in blocks {
            if let Block::Heading { c, .. } = b {
                under = crate::model::tree::plain(c).trim().to_string();
            }
            if let Block::Table { .. } = b {
                *tables += 1;
                let name = match under.as_str() {
                    "" => format!("Table {tables}"),
                    heading => format!("Table {tables}: {heading}"),
                };
                let _ = write!(
                    out,
                    "<div class=\"table-wrap\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">",
                    escape(&name)
                );
                self.block(b, out);
                out.push_str("</div>\n");
            } else {
                self.block(b, out);
            }
        }
    }

    fn block(&self, b: &Block, out: &mut String) {
        match b {
            Block::Para { n: Some(n), c, .. } => {
                let _ = write!(
                    out,
                    "<p class=\"numbered\" id=\"para-{n}\"><span class=\"para-number\">{n}</span> "
                );
                self.inlines(c, out);
                out.push_str("</p>\n");
            }
            Block::Para {
                decision: true, c, ..
            } => {
                out.push_str("<div class=\"decision\"><p>");
                self.inlines(c, out);
                out.push_str("</p></div>\n");
            }
            Block::Para { c, .. } => {
                out.push_str("<p>");
                self.inlines(c, out);
                out.push_str("</p>\n");
            }
            Block::Figure { dest, alt, title } => {
                out.push_str("<p>");
                self.image(dest, alt, title, out);
                out.push_str("</p>\n");
            }
            Block::Heading {
                depth,
                id,
                number,
                c,
            } => {
                let h = (*depth as usize + 1).min(6);
                let _ = write!(out, "<h{h} id=\"{}\">", escape(id));
                if let Some(n) = number {
                    let _ = write!(out, "<span class=\"section-number\">{}</span> ", escape(n));
                }
                self.inlines(c, out);
                let _ = writeln!(out, "</h{h}>");
            }
            Block::List {
                ordered,
                lettered,
                start,
                tight,
                items,
            } => self.list(*ordered, *lettered, *start, *tight, items, out),
            Block::Quote(inner) => {
                out.push_str("<blockquote>\n");
                self.blocks(inner, out);
                out.push_str("</blockquote>\n");
            }
            Block::Code { lang, text } => out.push_str(&code_block(text, lang)),
            Block::Table { align, head, rows } => {
                out.push_str("<table>");
                let cell = |tag: &str, i: usize, c: &[Inline], out: &mut String| {
                    match align.get(i).map(|a| a.name()) {
                        Some("left") | None => {
                            let _ = write!(out, "<{tag}>");
                        }
                        Some(a) => {
                            let _ = write!(out, "<{tag} style=\"text-align: {a}\">");
                        }
                    }
                    self.inlines(c, out);
                    let _ = write!(out, "</{tag}>");
                };
                out.push_str("<thead><tr>");
                head.iter()
                    .enumerate()
                    .for_each(|(i, c)| cell("th", i, c, out));
                out.push_str("</tr></thead><tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    row.iter()
                        .enumerate()
                        .for_each(|(i, c)| cell("td", i, c, out));
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody></table>\n");
            }
            Block::Rule => out.push_str("<hr />\n"),
        }
    }

    fn list(
        &self,
        ordered: bool,
        lettered: bool,
        start: u64,
        tight: bool,
        items: &[Vec<Block>],
        out: &mut String,
    ) {
        let close = match (ordered, lettered) {
            (true, true) => {
                out.push_str("<ol class=\"lettered\">\n");
                "</ol>\n"
            }
            (true, false) if start != 1 => {
                let _ = writeln!(out, "<ol start=\"{start}\">");
                "</ol>\n"
            }
            (true, false) => {
                out.push_str("<ol>\n");
                "</ol>\n"
            }
            (false, _) => {
                out.push_str("<ul>\n");
                "</ul>\n"
            }
        };
        for item in items {
            out.push_str("<li>");
            for (i, b) in item.iter().enumerate() {
                match b {
                    // A tight list's paragraphs are its items' text.
                    Block::Para {
                        n: None,
                        decision: false,
                        c,
                    } if tight => {
                        if i > 0 {
                            out.push('\n');
                        }
                        self.inlines(c, out);
                    }
                    other => self.block(other, out),
                }
            }
            out.push_str("</li>\n");
        }
        out.push_str(close);
    }

    fn notes(&self, tree: &Tree, out: &mut String) {
        for (i, note) in tree.notes.iter().enumerate() {
            let n = i + 1;
            let _ = write!(
                out,
                "<div class=\"footnote-definition\" id=\"fn-{n}\"><sup class=\"footnote-definition-label\">{n}</sup>"
            );
            self.blocks(note, out);
            out.push_str("</div>\n");
        }
    }

    fn inlines(&self, c: &[Inline], out: &mut String) {
        for i in c {
            self.inline(i, out);
        }
    }

    fn inline(&self, i: &Inline, out: &mut String) {
        match i {
            Inline::Text(t) => escape_into(t, out),
            Inline::Code(t) => {
                let _ = write!(out, "<code>{}</code>", escape(t));
            }
            Inline::Em(c) => self.wrap("em", c, out),
            Inline::Strong(c) => self.wrap("strong", c, out),
            Inline::Del(c) => self.wrap("del", c, out),
            Inline::Link { dest, title, c } => match self.links.resolve(dest) {
                Some(url) => {
                    let _ = write!(out, "<a href=\"{}\"", escape(&url));
                    if !title.is_empty() {
                        let _ = write!(out, " title=\"{}\"", escape(title));
                    }
                    out.push('>');
                    self.inlines(c, out);
                    out.push_str("</a>");
                }
                None => self.inlines(c, out),
            },
            Inline::Image { dest, alt, title } => self.image(dest, alt, title, out),
            Inline::Break => out.push_str("<br />\n"),
            Inline::Note(n) => {
                let _ = write!(
                    out,
                    "<sup class=\"footnote-reference\"><a href=\"#fn-{n}\">{n}</a></sup>"
                );
            }
        }
    }

    fn wrap(&self, tag: &str, c: &[Inline], out: &mut String) {
        let _ = write!(out, "<{tag}>");
        self.inlines(c, out);
        let _ = write!(out, "</{tag}>");
    }

    /// An image, or its description when this edition does not publish it.
    fn image(&self, dest: &Dest, alt: &str, title: &str, out: &mut String) {
        let url = match dest {
            Dest::Local { .. } => self.links.resolve(dest),
            _ => None,
        };
        match url {
            Some(url) => {
                let _ = write!(out, "<img src=\"{}\" alt=\"{}\"", escape(&url), escape(alt));
                if !title.is_empty() {
                    let _ = write!(out, " title=\"{}\"", escape(title));
                }
                out.push_str(" />");
            }
            None => escape_into(alt, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diag::Diagnostics;
    use crate::model::tree::{Source, parse};

    fn r(text: &str, kind: Kind) -> String {
        let mut urls = BTreeMap::new();
        urls.insert(
            PathBuf::from("committees/c/m/files/a.png"),
            "/committees/c/m/files/a.png".to_string(),
        );
        urls.insert(
            PathBuf::from("committees/c/m/other.md"),
            "/committees/c/m/other/".to_string(),
        );
        let text = crate::model::comments::strip(text).unwrap();
        let src = Source {
            dir: Path::new("committees/c/m"),
            first_line: 1,
            rel: Path::new("doc.md"),
        };
        let (tree, _) = parse(&text, kind, &src, &mut Diagnostics::default());
        render(&tree, kind, &Links::new(&urls))
    }

    #[test]
    fn report_paragraphs_are_numbered_across_headings() {
        let html = r(
            "# Purpose\n\nFirst.\n\n## Background\n\nSecond.\n\n1. a list\n2. more\n\n- item para\n\nThird.",
            Kind::Report,
        );
        assert!(
            html.contains("<span class=\"para-number\">1</span> First."),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"para-number\">3</span> Third."),
            "{html}"
        );
        assert!(!html.contains("para-number\">4"));
        assert!(html.contains("<h2 id=\"purpose\">Purpose</h2>"), "{html}");
        assert!(html.contains("<h3 id=\"background\">"));
        assert!(html.contains("<ol class=\"lettered\">"));
    }

    #[test]
    fn tables_are_regions_named_after_their_heading() {
        let html = r(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n## Costs & savings\n\n| c |\n|---|\n| 3 |\n",
            Kind::Report,
        );
        assert!(
            html.contains("aria-label=\"Table 1\" tabindex=\"0\""),
            "{html}"
        );
        assert!(
            html.contains("aria-label=\"Table 2: Costs &amp; savings\""),
            "{html}"
        );
    }

    #[test]
    fn minutes_sections_and_resolutions() {
        let html = r(
            "## Apologies\n\nNone.\n\n## 5a Induction\n\n**Resolved:** that the report be noted.\n\n## Next",
            Kind::Minutes,
        );
        assert!(
            html.contains("<span class=\"section-number\">1</span> Apologies"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"section-number\">5a</span> Induction"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"section-number\">6</span> Next"),
            "{html}"
        );
        assert!(
            html.contains("<div class=\"decision\"><p><strong>Resolved:</strong>"),
            "{html}"
        );
    }

    #[test]
    fn only_safe_schemes_are_links() {
        let html = r(
            "[a](javascript://x%0aalert(1)) [b](data:text/html,x) [c](https://ok.example) [d](/committees/x/)",
            Kind::Other,
        );
        assert!(
            !html.contains("javascript") && !html.contains("data:"),
            "{html}"
        );
        assert!(
            html.contains("href=\"https://ok.example\"")
                && html.contains("href=\"/committees/x/\""),
            "{html}"
        );
    }

    #[test]
    fn unpublished_image_becomes_its_description_and_figures_are_not_numbered() {
        let html = r(
            "First.\n\n![Map of the area](files/gone.png)\n\nSecond.",
            Kind::Report,
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("Map of the area"));
        assert!(
            html.contains("<span class=\"para-number\">2</span> Second."),
            "{html}"
        );
        let html = r("First.\n\n![Chart](files/a.png)\n\nSecond.", Kind::Report);
        assert!(
            html.contains("src=\"/committees/c/m/files/a.png\" alt=\"Chart\""),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"para-number\">2</span> Second."),
            "{html}"
        );
    }

    #[test]
    fn raw_html_is_text_and_links_are_rewritten() {
        let html = r(
            "<script>alert(1)</script>\n\n[other](other.md) and [gone](gone.md) [web](https://x.org)",
            Kind::Other,
        );
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("href=\"/committees/c/m/other/\""));
        assert!(html.contains("gone") && !html.contains("gone.md"));
        assert!(html.contains("href=\"https://x.org\""));
    }

    #[test]
    fn heading_levels_are_never_skipped() {
        let html = r("# Top\n\n### Deep\n\n###### Deeper\n\n## Back", Kind::Other);
        for h in [
            "<h2 id=\"top\">",
            "<h3 id=\"deep\">",
            "<h4 id=\"deeper\">",
            "<h3 id=\"back\">",
        ] {
            assert!(html.contains(h), "{h} in {html}");
        }
    }

    #[test]
    fn footnotes_are_numbered_and_never_clash_with_headings() {
        let html = r(
            "## Budget\n\nText.[^budget]\n\n[^budget]: Note.",
            Kind::Other,
        );
        assert!(html.contains("<h2 id=\"budget\">"), "{html}");
        assert!(
            html.contains("id=\"fn-1\"") && html.contains("href=\"#fn-1\""),
            "{html}"
        );
    }

    #[test]
    fn labels_and_heading_attributes_are_never_published() {
        let text = "## Placement {#mrs-smith-placement .secret-class data-note=CANARY_ATTR}\n\nText.[^canary-label-smith]\n\n[^canary-label-smith]: Note.";
        let html = r(text, Kind::Report);
        for hidden in ["mrs-smith", "secret-class", "CANARY_ATTR", "canary-label"] {
            assert!(!html.contains(hidden), "{hidden} in {html}");
        }
        assert!(
            html.contains("<h2 id=\"placement\">Placement</h2>") && html.contains("Note."),
            "{html}"
        );
    }

    #[test]
    fn presentation_slides_count_an_intro() {
        let html = r("## One\n\n- a\n\n## Two\n\n- b\n", Kind::Presentation);
        assert_eq!(html.matches("<section class=\"slide\"").count(), 2);
        assert!(html.contains("Slide 2 of 2"));
        let html = r("Welcome.\n\n## One\n\n## Two\n", Kind::Presentation);
        assert!(
            html.contains("Slide 1 of 3") && html.contains("aria-label=\"Slide 1\""),
            "{html}"
        );
    }
}
