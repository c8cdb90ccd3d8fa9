//! Withheld words written so that the gate read them as other words, while a reader
//! sees them whole. A red-team session (3 December 2026) published the sentence of an
//! exempt report four ways, each build passing:
//!
//! - a public PDF appendix saved from Chrome or Edge, whose writer places every glyph
//!   with a move of its own: the gate took every move for a space and read single
//!   letters (`src/pdftext/pen.rs` now follows the pen and the fonts' widths);
//! - invisible characters inside its words (tag characters, musical beams, shorthand
//!   format controls), which the gate took for spaces, and letters of other scripts that
//!   look Latin in common faces (`ɡ`, `ǀ`), which it read as other letters;
//! - an SVG figure placing each word in a `tspan` of its own with no space between, and
//!   splitting words across `tspan`s, which the gate read all as spaces or all joined;
//! - emphasis inside a word (`Zo*rblax*`), which the gate found only in the search
//!   index, and so blamed on quire.
//!
//! A second session (the same day) got past those fixes three ways: a Chrome PDF whose
//! bold was drawn in a Type 3 font (its widths in its own units, which the reader did
//! not scale, so it could not follow the pen), a Chrome PDF of letter-spaced text
//! (every gap between letters wider than the gap the reader allowed inside a word), and
//! an SVG from Illustrator, which starts a placed `tspan` inside a word wherever
//! kerning changes.
//!
//! A third session found three more in the PDF reader: a justified column hyphenated at
//! its line ends (Word, InDesign, LaTeX), letter-spaced text with no spaces drawn
//! (pdfTeX's spaced letters, a Mac's PDFs), and pdfTeX's fonts without a ToUnicode map,
//! whose ligatures ("fi", "ff") were read as control characters.
//!
//! Each test is refused, naming the file; the control shows the members' edition holding
//! the sentence and the public build without the public paper withholding it.

use crate::common::attack::{assert_refused, assert_withheld};
use crate::common::site::{AS_OF, Site};
use crate::common::{PdfFont, pdf_as_chrome, pdf_drawing, pdf_glyph_by_glyph};
use lopdf::content::Operation;

pub(crate) const MEETING: &str = "content/committees/panel/2021-09-24";
/// The exempt report's sentence.
pub(crate) const SENTENCE: &str = "The preferred bidder Zorblax Holdings offered four hundred and twelve thousand pounds for Holly Garth depot site";

/// The panel's meeting with a public item "Depot update" (its report `update.md`
/// saying `update`, and `documents` more) and the exempt item "Sale of land".
pub(crate) fn depot_site(label: &str, update: &str, documents: &str) -> Site {
    let site = Site::new(label);
    site.write(
        &format!("{MEETING}/meeting.yaml"),
        &format!("date: 2021-09-24\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: held\nagenda_published: 2021-09-16\nitems:\n  - title: Depot update\n    documents: [update.md{documents}]\n  - title: Sale of land\n    exempt: [3]\n    documents: [tender.md]\n"),
    );
    site.write(
        &format!("{MEETING}/tender.md"),
        &format!("---\ntitle: Sale of land at the depot\nkind: report\n---\n\n{SENTENCE}.\n"),
    );
    site.write(
        &format!("{MEETING}/update.md"),
        &format!("---\ntitle: Depot update\nkind: report\n---\n\n{update}\n"),
    );
    site
}

/// The site with a public appendix `files/briefing.pdf` of these bytes.
pub(crate) fn appendix_site(label: &str, pdf: &[u8]) -> Site {
    let site = depot_site(
        label,
        "See the briefing note.",
        ", { file: files/briefing.pdf, title: \"Appendix: briefing note\" }",
    );
    site.write_bytes(&format!("{MEETING}/files/briefing.pdf"), pdf);
    site
}

/// The public build of `site` is refused for withheld words found in `file`.
pub(crate) fn refused_in(site: &Site, file: &str) {
    assert_refused(site, AS_OF, file, "words withheld from the public");
}

/// The control: with nothing of the sentence in the public report, it is withheld from
/// the public and shown to members.
#[test]
fn the_sentence_is_withheld_from_a_clean_update() {
    let site = depot_site("breaks-control", "The depot is closed.", "");
    assert_withheld(&site, AS_OF, &["Zorblax Holdings"]);
}

/// Was a leak: a PDF appendix placed glyph by glyph, as Chrome saves a page.
#[test]
fn a_pdf_placed_glyph_by_glyph_is_read_as_words() {
    let site = appendix_site("breaks-chrome-pdf", &pdf_glyph_by_glyph(SENTENCE));
    refused_in(&site, "files/briefing.pdf");
}

/// Were leaks: the same appendix in the Type 3 font Chrome draws a made-up bold in, and
/// letter-spaced by a fifth of an em.
#[test]
fn chrome_pdfs_in_bold_and_letter_spaced_are_read_as_words() {
    for (n, (spacing, type3)) in [(0.0, true), (2.0, false), (2.0, true)]
        .into_iter()
        .enumerate()
    {
        let pdf = pdf_as_chrome(SENTENCE, spacing, type3);
        let site = appendix_site(&format!("breaks-chrome-{n}"), &pdf);
        refused_in(&site, "files/briefing.pdf");
    }
}

/// Was a leak: the sentence in a narrow justified column, two words hyphenated at line
/// ends, each line placed on its own as Word writes it.
#[test]
fn a_pdf_hyphenated_at_line_ends_is_read_as_words() {
    let lines = [
        "The preferred bidder Zor-",
        "blax Holdings offered four",
        "hundred and twelve thou-",
        "sand pounds for Holly",
        "Garth depot site.",
    ];
    let mut ops = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let y = 800 - 12 * i as i64;
        ops.push(Operation::new(
            "Tm",
            vec![1.into(), 0.into(), 0.into(), 1.into(), 40.into(), y.into()],
        ));
        ops.push(Operation::new("Tj", vec![PdfFont::Composite.string(line)]));
    }
    let site = appendix_site("breaks-hyphenated", &pdf_drawing(PdfFont::Composite, ops));
    refused_in(&site, "files/briefing.pdf");
}

/// Was a leak: the sentence letter-spaced as pdfTeX spaces letters, a quarter of an em
/// between letters and 0.65 between words, no space drawn.
#[test]
fn a_pdf_letter_spaced_without_spaces_is_read_as_words() {
    let mut tj: Vec<lopdf::Object> = Vec::new();
    for (i, word) in SENTENCE.split(' ').enumerate() {
        if i > 0 {
            tj.push((-650).into());
        }
        for (j, c) in word.chars().enumerate() {
            if j > 0 {
                tj.push((-250).into());
            }
            tj.push(PdfFont::Composite.string(&c.to_string()));
        }
    }
    let ops = vec![
        Operation::new("Td", vec![20.into(), 800.into()]),
        Operation::new("TJ", vec![tj.into()]),
    ];
    let site = appendix_site("breaks-tex-spaced", &pdf_drawing(PdfFont::Composite, ops));
    refused_in(&site, "files/briefing.pdf");
}

/// Was a leak: an exempt sentence with a ligature in every few words, quoted by an
/// appendix from pdfTeX, whose font has no ToUnicode map and names its ligatures.
#[test]
fn a_pdf_with_named_ligatures_is_read_as_words() {
    const LIGATURES: &str = "The final offer from Zorblax Holdings was significantly below the figure in the first valuation of the Holly Garth depot";
    let coded = LIGATURES.replace("fi", "\u{1c}").replace("ff", "\u{1b}");
    let ops = vec![
        Operation::new("Td", vec![20.into(), 800.into()]),
        Operation::new("Tj", vec![PdfFont::TexLigatures.string(&coded)]),
    ];
    let site = appendix_site(
        "breaks-tex-ligatures",
        &pdf_drawing(PdfFont::TexLigatures, ops),
    );
    site.write(
        &format!("{MEETING}/tender.md"),
        &format!("---\ntitle: Sale of land at the depot\nkind: report\n---\n\n{LIGATURES}.\n"),
    );
    refused_in(&site, "files/briefing.pdf");
}

/// Was a leak: an invisible character inside each word of the sentence, three kinds.
#[test]
fn invisible_characters_inside_words_are_passed_over() {
    for (n, invisible) in ["\u{E0020}", "\u{1D173}", "\u{1BCA0}"].iter().enumerate() {
        let hidden: Vec<String> = (SENTENCE.split(' '))
            .map(|w| match w.char_indices().nth(2) {
                Some((at, _)) => format!("{}{invisible}{}", &w[..at], &w[at..]),
                None => w.to_string(),
            })
            .collect();
        let site = depot_site(&format!("breaks-invisible-{n}"), &hidden.join(" "), "");
        refused_in(&site, "update/index.html");
    }
}

/// Was a leak: three letters swapped for others that look the same.
#[test]
fn look_alike_letters_are_read_as_latin() {
    let swapped = SENTENCE
        .replace("Holdings", "Holdinɡs")
        .replace("twelve", "tweǀve")
        .replace("Holly", "Hoǀly");
    let site = depot_site("breaks-look-alike", &swapped, "");
    refused_in(&site, "update/index.html");
}

/// Was a leak: an SVG figure with each word placed in a `tspan`, and each word split
/// by a second `tspan` without a place of its own.
#[test]
fn svg_words_placed_in_tspans_are_read() {
    let mut parts = String::new();
    for (i, word) in SENTENCE.split(' ').enumerate() {
        let half = (word.len() / 2).max(1);
        let x = 10 + i * 60;
        parts.push_str(&format!(
            "<tspan x=\"{x}\" y=\"40\">{}</tspan>",
            &word[..half]
        ));
        if half < word.len() {
            parts.push_str(&format!("<tspan>{}</tspan>", &word[half..]));
        }
    }
    let site = depot_site(
        "breaks-svg",
        "Site plan of the depot.\n\n![Site plan of the depot](files/plan.svg)",
        "",
    );
    site.write(
        &format!("{MEETING}/files/plan.svg"),
        &format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"60\"><text font-size=\"16\">{parts}</text></svg>\n"),
    );
    refused_in(&site, "files/plan.svg");
}

/// Was a leak: an SVG as Illustrator saves kerned text, a placed `tspan` starting inside
/// a word on the same line, and the next line placed below.
#[test]
fn svg_words_split_by_kerning_are_read() {
    let site = depot_site(
        "breaks-svg-kerning",
        "Site plan of the depot.\n\n![Site plan of the depot](files/plan.svg)",
        "",
    );
    site.write(
        &format!("{MEETING}/files/plan.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 480 80\"><text transform=\"matrix(1 0 0 1 20 34)\"><tspan x=\"0\" y=\"0\">The preferred bidder Zorblax Holdings o</tspan><tspan x=\"212.78\" y=\"0\">ffered four hundred and tw</tspan><tspan x=\"353.55\" y=\"0\">elve</tspan><tspan x=\"0\" y=\"14.4\">thousand pounds for Holl</tspan><tspan x=\"133.44\" y=\"14.4\">y Garth depot site.</tspan></text></svg>\n",
    );
    refused_in(&site, "files/plan.svg");
}

/// Was found only in the search index: emphasis inside every fourth word, so that no
/// run of the sentence was whole on the page. The page itself is named now.
#[test]
fn emphasis_inside_words_is_read_on_the_page() {
    let emphasised: Vec<String> = (SENTENCE.split(' ').enumerate())
        .map(|(i, w)| match i % 4 {
            3 => format!("{}*{}*", &w[..1], &w[1..]),
            _ => w.to_string(),
        })
        .collect();
    let site = depot_site("breaks-emphasis", &emphasised.join(" "), "");
    refused_in(&site, "update/index.html");
}
