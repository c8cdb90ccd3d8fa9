//! The exempt tender site that the attacks through themes and site settings share
//! (`attacks_site.rs`, `attacks_site_2.rs`, `attacks_site_3.rs`): the panel's meeting of
//! 24 September 2021, with a public update and an exempt tender report showing a site
//! plan and linking a Word and a PDF appendix; its canaries; the files it withholds; and
//! the theme and `site.toml` edits the attacks make.

use std::fs;
use std::io::Write;
use std::path::Path;

use super::scan::found_in;
use super::site::{Site, meeting, paper};
use super::{pdf_with_text, repo};

/// The meeting's folder.
pub const M: &str = "content/committees/panel/2021-09-24";
/// The meeting's items.
pub const MEETING: &str = "content/committees/panel/2021-09-24/meeting.yaml";
/// The exempt tender report.
pub const TENDER: &str = "content/committees/panel/2021-09-24/tender.md";
/// The exempt report's words: 24 words, so every run of a phrase is caught.
pub const SECRET: &str = "The lowest tender, from CANARY_SITE_TENDER Builders Limited of Durham, was 1,234,567 pounds for the whole of the works at the site.";
/// The exempt Word appendix's words.
pub const DOCX_SECRET: &str = "The second bidder, CANARY_SITE_DOCX Construction of Consett, offered 1,456,000 pounds but failed the quality threshold on three counts.";
/// The exempt PDF appendix's (annex's) words.
pub const PDF_SECRET: &str = "The evaluation panel scored CANARY_SITE_PDF Limited lowest on price and highest on quality for the whole of the works.";
/// The exempt item's block in meeting.yaml: taken out, the tender report is public.
pub const EXEMPT_BLOCK: &str = "    public_title: Contract award\n    exempt:\n      paragraphs: [3]\n      reason: CANARY_SITE_REASON the bidders' prices would harm the next tender round if known.\n";
/// The withheld site plan's pixels (2×2, RGB).
pub const PLAN: [u8; 12] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255];

/// A 2×2 RGB PNG of `pixels` (12 bytes) with a tEXt chunk holding `text` (none if empty).
pub fn png_of(pixels: &[u8; 12], text: &str) -> Vec<u8> {
    let mut buf = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut buf, 2, 2);
        enc.set_color(png::ColorType::Rgb);
        if !text.is_empty() {
            enc.add_text_chunk("Author".into(), text.into()).unwrap();
        }
        let mut w = enc.write_header().unwrap();
        w.write_image_data(pixels).unwrap();
    }
    buf
}

/// A zip of `files`, by name, deflated or stored.
pub fn zip_of(files: &[(&str, Vec<u8>)], deflated: bool) -> Vec<u8> {
    let method = if deflated {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (name, bytes) in files {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// A Word file whose body is one paragraph of `text`.
pub fn docx(text: &str) -> Vec<u8> {
    zip_of(
        &[(
            "word/document.xml",
            format!(
                r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:body></w:document>"#
            )
            .into_bytes(),
        )],
        true,
    )
}

/// The withheld files of [`exempt_site`], by name under the meeting's `files/`.
pub fn withheld_files() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("plan.png", png_of(&PLAN, "CANARY_SITE_PNG")),
        ("costs.docx", docx(DOCX_SECRET)),
        ("annex.pdf", pdf_with_text(PDF_SECRET)),
    ]
}

/// A withheld file's bytes, from [`withheld_files`].
pub fn withheld(name: &str) -> Vec<u8> {
    withheld_files()
        .into_iter()
        .find(|(n, _)| *n == name)
        .unwrap()
        .1
}

/// The panel's meeting of 24 September 2021 (published on the 16th), in `site`: a
/// public item "Works progress", whose paper `update.md` says `update`, and the exempt
/// item "Award of the works contract" ([`EXEMPT_BLOCK`]), whose paper `tender.md` and
/// its files are the caller's to write.
pub fn exempt_meeting(site: &Site, update: &str) {
    meeting(
        site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        &format!(
            "  - title: Works progress\n    documents: [update.md]\n  - title: Award of the works contract\n{EXEMPT_BLOCK}    documents: [tender.md]\n"
        ),
    );
    site.write(&format!("{M}/update.md"), &paper("Works progress", update));
}

/// The panel's meeting of 24 September 2021 (published on the 16th): a public update and
/// an exempt tender report (paragraph 3) showing a site plan and linking a Word and a PDF
/// appendix, all withheld.
pub fn exempt_site(label: &str) -> Site {
    let site = Site::new(label);
    exempt_meeting(&site, "The works began in August and are on programme.\n");
    site.write(
        TENDER,
        &paper(
            "Holly Garth tender evaluation",
            &format!(
                "## Tenders\n\n{SECRET}\n\n![Site plan](files/plan.png)\n\n- [Costs](files/costs.docx)\n- [Annex](files/annex.pdf)\n"
            ),
        ),
    );
    for (name, bytes) in withheld_files() {
        site.write_bytes(&format!("{M}/files/{name}"), &bytes);
    }
    site
}

/// Which files under `dir` hold which of `canaries`.
pub fn canaries_in(dir: &Path, canaries: &[&str]) -> Vec<(String, String)> {
    found_in(dir, &super::attack::owned(canaries))
}

/// The built-in theme file at `rel` (`templates/base.html`, `pdf/pack.typ`).
pub fn builtin(rel: &str) -> String {
    fs::read_to_string(repo().join("themes/default").join(rel)).unwrap()
}

/// The built-in `pack.typ` with `tail` added at its end.
pub fn pack_typ_with(site: &Site, tail: &str) {
    site.write(
        "themes/default/pdf/pack.typ",
        &format!("{}\n{tail}\n", builtin("pdf/pack.typ")),
    );
}

/// Sets `key = "value"` in the site's site.toml, replacing the line if there is one.
pub fn set_setting(site: &Site, key: &str, value: &str) {
    let toml = fs::read_to_string(site.path().join("site.toml")).unwrap();
    let line = format!("{key} = \"{value}\"\n");
    let mut replaced = false;
    let mut out = String::new();
    for l in toml.lines() {
        if l.starts_with(&format!("{key} = ")) {
            out.push_str(&line);
            replaced = true;
        } else {
            out.push_str(l);
            out.push('\n');
        }
    }
    site.write(
        "site.toml",
        &if replaced {
            out
        } else {
            format!("{line}{out}")
        },
    );
}
