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
//! Each test is refused, naming the file; the control shows the members' edition holding
//! the sentence and the public build without the public paper withholding it.

use crate::common::attack::{assert_refused, assert_withheld};
use crate::common::pdf_glyph_by_glyph;
use crate::common::site::{AS_OF, Site};

const MEETING: &str = "content/committees/panel/2021-09-24";
/// The exempt report's sentence.
const SENTENCE: &str = "The preferred bidder Zorblax Holdings offered four hundred and twelve thousand pounds for Holly Garth depot site";

/// The panel's meeting with a public item "Depot update" (its report `update.md`
/// saying `update`, and `documents` more) and the exempt item "Sale of land".
fn depot_site(label: &str, update: &str, documents: &str) -> Site {
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
    let site = depot_site(
        "breaks-chrome-pdf",
        "See the briefing note.",
        ", { file: files/briefing.pdf, title: \"Appendix: briefing note\" }",
    );
    site.write_bytes(
        &format!("{MEETING}/files/briefing.pdf"),
        &pdf_glyph_by_glyph(SENTENCE),
    );
    assert_refused(
        &site,
        AS_OF,
        "files/briefing.pdf",
        "words withheld from the public",
    );
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
        assert_refused(
            &site,
            AS_OF,
            "update/index.html",
            "words withheld from the public",
        );
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
    assert_refused(
        &site,
        AS_OF,
        "update/index.html",
        "words withheld from the public",
    );
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
    assert_refused(
        &site,
        AS_OF,
        "files/plan.svg",
        "words withheld from the public",
    );
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
    assert_refused(
        &site,
        AS_OF,
        "update/index.html",
        "words withheld from the public",
    );
}
