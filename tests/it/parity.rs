//! The web page and the printed pack agree. Officers and councillors cite "paragraph 12
//! of the report" and "minute 5a" from either, so for every Markdown document of the
//! example site and of the fixtures, the heading outline (minute numbers included), the
//! paragraph numbers, the decisions and the slides read back from the written HTML must
//! be the ones read back from the PDF's bookmarks and page text.

use crate::common;

use std::path::Path;

use crate::common::pdftext::{page_text, squash};
use crate::common::{TempDir, build_ok, list_files, read};

/// What a reader can check of one document's layout.
#[derive(Debug, Default, PartialEq, Eq)]
struct Layout {
    /// (depth below the document title, text), in order.
    outline: Vec<(usize, String)>,
    /// (number, the words that follow it).
    paragraphs: Vec<(u32, String)>,
    decisions: usize,
    slides: usize,
}

// ---------------------------------------------------------------- the web page

/// Tags removed and entities decoded: the text a reader sees.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// The document body: the inside of `<div class="prose …">`, up to its matching `</div>`.
fn body_of(page: &str) -> &str {
    let start = page
        .find("<div class=\"prose")
        .expect("a document page has a prose body");
    let mut depth = 0usize;
    let mut i = start;
    while i < page.len() {
        if page[i..].starts_with("<div") {
            depth += 1;
        } else if page[i..].starts_with("</div>") {
            depth -= 1;
            if depth == 0 {
                return &page[start..i];
            }
        }
        i += page[i..].chars().next().map_or(1, char::len_utf8);
    }
    &page[start..]
}

/// The first words of a text, for matching a paragraph across the two renderings.
fn first_words(text: &str) -> String {
    text.split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ")
}

fn web_layout(page: &str) -> Layout {
    let body = body_of(page);
    let mut layout = Layout::default();
    let mut rest = body;
    while let Some(i) = rest.find("<h") {
        rest = &rest[i + 2..];
        let Some(level) = rest.chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        let close = format!("</h{level}>");
        let (Some(open_end), Some(end)) = (rest.find('>'), rest.find(&close)) else {
            continue;
        };
        layout.outline.push((
            level as usize - 1,
            text_of(&rest[open_end + 1..end])
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        ));
        rest = &rest[end..];
    }
    let mut rest = body;
    while let Some(i) = rest.find("<span class=\"para-number\">") {
        rest = &rest[i + "<span class=\"para-number\">".len()..];
        let n: u32 = rest[..rest.find('<').unwrap()].parse().unwrap();
        let after = &rest[rest.find("</span>").unwrap() + 7..];
        let para = &after[..after.find("</p>").unwrap()];
        layout.paragraphs.push((n, first_words(&text_of(para))));
    }
    layout.decisions = body.matches("<div class=\"decision\">").count();
    layout.slides = body.matches("<section class=\"slide\"").count();
    layout
}

// ---------------------------------------------------------------- the pack

struct Pack {
    doc: lopdf::Document,
    /// (level, title, page)
    bookmarks: Vec<(usize, String, usize)>,
    pages: Vec<lopdf::ObjectId>,
}

impl Pack {
    fn open(path: &Path) -> Pack {
        let doc = lopdf::Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let bookmarks = common::pdftext::outline(&doc);
        let pages = doc.get_pages().into_values().collect();
        Pack {
            doc,
            bookmarks,
            pages,
        }
    }

    /// The layout and page text of the document whose title bookmark is at `at`: its
    /// headings are the bookmarks below it, its pages run to the next bookmark at its
    /// level or above. (Paragraph numbers are looked for in the text.)
    fn layout(&self, at: usize) -> (Layout, String) {
        let (level, _, first) = self.bookmarks[at];
        let next = self.bookmarks[at + 1..]
            .iter()
            .position(|b| b.0 <= level)
            .map(|p| at + 1 + p);
        // Minutes open with the urgent business their meeting took, under their heading
        // in the pack and above their text on the web page, which is outside the prose
        // compared here.
        let outline = self.bookmarks[at + 1..next.unwrap_or(self.bookmarks.len())]
            .iter()
            .enumerate()
            .filter(|(i, (_, t, _))| !(*i == 0 && t == "Urgent business"))
            .map(|(_, (l, t, _))| {
                (
                    l - level,
                    t.split_whitespace().collect::<Vec<_>>().join(" "),
                )
            })
            .collect();
        let last = next
            .map(|n| self.bookmarks[n].2 - 1)
            .unwrap_or(self.pages.len())
            .max(first);
        let text: String = (first..=last)
            .map(|p| page_text(&self.doc, self.pages[p - 1]))
            .collect::<Vec<_>>()
            .join("\n");
        let layout = Layout {
            outline,
            paragraphs: Vec::new(),
            decisions: text.matches("Resolved").count(),
            slides: count_slides(&text),
        };
        (layout, text)
    }
}

fn count_slides(text: &str) -> usize {
    let squashed = squash(text);
    (1..=50)
        .take_while(|n| squashed.contains(&format!("Slide{n}of")))
        .count()
}

// ---------------------------------------------------------------- the check

/// Text with no spaces and no hyphens, so that a word the pack hyphenated at the end of a
/// line ("Cedar-hurst") matches the web page's.
fn flat(s: &str) -> String {
    squash(s)
        .chars()
        .filter(|c| !matches!(c, '-' | '\u{2010}' | '\u{ad}'))
        .collect()
}

/// Compares every Markdown document page of a built site with its sections in the packs
/// of the meetings that list it (two documents may share a title, never a pack).
/// Returns how many document sections were compared.
fn check(out: &Path) -> usize {
    let files = list_files(out);
    let is_doc = |f: &&String| {
        f.starts_with("committees/") && f.ends_with("/index.html") && f.matches('/').count() == 4
    };
    let meetings: Vec<&String> = files
        .iter()
        .filter(|f| f.ends_with("/index.html") && f.matches('/').count() == 3)
        .collect();
    let mut compared = 0;
    for page in files.iter().filter(is_doc) {
        let html = read(&out.join(page));
        let h1 = &html[html.find("<h1").unwrap()..html.find("</h1>").unwrap()];
        // The caption inside the heading (the paper's kind and committee) is not its title.
        let title = text_of(h1.rsplit("</span>").next().unwrap_or(h1));
        let title = title[title.find('>').map_or(0, |i| i + 1)..]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let web = web_layout(&html);
        let url = format!("href=\"/{}\"", page.trim_end_matches("index.html"));
        for meeting in meetings
            .iter()
            .filter(|m| read(&out.join(m)).contains(&url))
        {
            let pack_file = out.join(meeting.replace("index.html", "agenda-pack.pdf"));
            let pack = Pack::open(&pack_file);
            for (at, (level, t, _)) in pack.bookmarks.iter().enumerate() {
                if *level == 2 && t.split_whitespace().collect::<Vec<_>>().join(" ") == title {
                    compare(page, &web, &pack, at);
                    compared += 1;
                }
            }
        }
    }
    compared
}

fn compare(page: &str, web: &Layout, pack: &Pack, at: usize) {
    let (printed, text) = pack.layout(at);
    let text = flat(&text);
    assert_eq!(
        web.outline, printed.outline,
        "{page}: the headings differ between the web page and the pack"
    );
    for (n, words) in &web.paragraphs {
        let wanted = flat(&format!("{n} {words}"));
        assert!(
            text.contains(&wanted),
            "{page}: paragraph {n} ({words}) is not numbered {n} in the pack"
        );
    }
    let numbers: Vec<u32> = web.paragraphs.iter().map(|p| p.0).collect();
    assert_eq!(
        numbers,
        (1..=numbers.len() as u32).collect::<Vec<_>>(),
        "{page}: paragraph numbers skip"
    );
    assert_eq!(
        web.decisions, printed.decisions,
        "{page}: decisions differ (web boxes, pack 'Resolved')"
    );
    assert_eq!(web.slides, printed.slides, "{page}: slide counts differ");
}

fn built(root: &Path, as_of: &str) -> TempDir {
    let out = TempDir::new("parity-out");
    // The members' edition holds every document, so nothing is left out of the comparison.
    build_ok(
        root,
        as_of,
        &[
            "--confidential",
            "--output",
            &out.path().join("site").to_string_lossy(),
        ],
    );
    out
}

#[test]
fn the_example_site_prints_what_it_shows() {
    let site = common::example_site();
    let out = built(site.path(), "2021-12-31");
    let n = check(&out.path().join("site"));
    assert!(n >= 15, "only {n} documents were compared");
}

#[test]
fn the_fixtures_print_what_they_show() {
    for (name, as_of) in [
        ("parity", "2021-10-20"),
        ("redaction", "2026-11-22"),
        ("pdf-pack", "2021-10-01"),
        ("pdf-injection", "2021-10-01"),
        ("pdf-override", "2021-10-01"),
    ] {
        let site = common::fixture(name);
        let out = built(site.path(), as_of);
        assert!(
            check(&out.path().join("site")) > 0,
            "{name}: nothing was compared"
        );
    }
}

#[test]
fn each_drift_is_fixed() {
    let site = common::fixture("parity");
    let out = built(site.path(), "2021-10-20");
    let site_dir = out.path().join("site");
    let doc = |slug: &str| {
        web_layout(&read(
            &site_dir.join(format!("committees/cabinet/2021-10-13/{slug}/index.html")),
        ))
    };
    // D1: `#`, `###`, `##` are depths 1, 2, 2: no skipped level on the web or in print.
    let headings = doc("headings");
    let depths: Vec<usize> = headings.outline.iter().map(|h| h.0).collect();
    assert_eq!(depths, vec![1, 2, 2, 2]);
    // D7: the figure is not numbered; the paragraphs run 1 to 5.
    assert_eq!(
        headings.paragraphs.iter().map(|p| p.0).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5]
    );
    // D2: text before the first heading is slide 1 of 3, on the web and in print.
    assert_eq!(doc("slides").slides, 3);
    // D3: decisions in a list and a quote are decisions.
    assert_eq!(doc("minutes").decisions, 4);
    assert_eq!(
        doc("minutes")
            .outline
            .iter()
            .map(|h| h.1.clone())
            .collect::<Vec<_>>(),
        vec![
            "1 Apologies for absence",
            "5a Headings written out of order",
            "6 Briefing slides"
        ]
    );
    // D4, D5, D6: the same links on the web and in print.
    let links = read(&site_dir.join("committees/cabinet/2021-10-13/links/index.html"));
    for href in [
        "href=\"/committees/cabinet/\"",
        "href=\"/committees/cabinet/2021-10-13/files/a.pdf\"",
        "href=\"/committees/cabinet/2021-10-13/files/my file.pdf\"",
    ] {
        assert!(links.contains(href), "{href} missing from the web page");
    }
    let pack =
        std::fs::read(site_dir.join("committees/cabinet/2021-10-13/agenda-pack.pdf")).unwrap();
    let pack = String::from_utf8_lossy(&pack);
    for uri in [
        "https://papers.example.gov.uk/committees/cabinet/",
        "https://papers.example.gov.uk/committees/cabinet/2021-10-13/files/a.pdf",
        "https://papers.example.gov.uk/committees/cabinet/2021-10-13/files/my",
    ] {
        assert!(pack.contains(uri), "{uri} missing from the pack's links");
    }
    // D8: two meetings on one day have different pack titles and front sheets.
    let first = Pack::open(&site_dir.join("committees/cabinet/2021-10-13/agenda-pack.pdf"));
    let second =
        Pack::open(&site_dir.join("committees/cabinet/2021-10-13-extraordinary/agenda-pack.pdf"));
    let front = |p: &Pack| page_text(&p.doc, p.pages[0]);
    assert!(
        squash(&front(&second)).contains(&squash("Cabinet (extraordinary)")),
        "{}",
        front(&second)
    );
    assert!(!squash(&front(&first)).contains("extraordinary"));
    let title = |p: &Pack| {
        format!(
            "{:?}",
            p.doc
                .trailer
                .get(b"Info")
                .ok()
                .and_then(|i| i.as_reference().ok())
                .and_then(|r| p.doc.get_object(r).ok())
        )
    };
    assert_ne!(title(&first), title(&second));
}
