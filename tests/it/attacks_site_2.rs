//! Round 7b: attacks on the fixes of round 7 (tests/it/attacks_site.rs): theme `static/`
//! files read as `quire audit` reads a published file, the files of the theme's `pdf/`
//! folder read the same way, the site's `title` and `council` no longer excusing
//! withheld words (a whole setting is no secret), and the standby copy beside the output
//! brought to the new site after each exchange.
//!
//! Each test plants `CANARY_…` tokens in what must stay private (an exempt report, its
//! appendices) and asserts that no public byte holds them while the members' edition
//! does (the positive control), or that the build refuses, naming the file, and writes
//! nothing. Where the withheld matter cannot be seen in a file's bytes (a compressed PDF,
//! a zip, a gzip file, a picture), the file itself must not be published.
//!
//! | attack | outcome |
//! |---|---|
//! | the exempt report printed to PDF, in `static/` as `.pdf` (control) | refused |
//! | the same PDF named `.PDF` in `static/` | **leaked**; now refused (`an_exempt_report_as_a_pdf_with_an_upper_case_extension_in_static_is_not_published`) |
//! | the same PDF named `.PDF` in `pdf/`, placed in every pack with `image()` | **leaked**; now refused (`an_exempt_pdf_with_an_upper_case_extension_placed_in_packs_is_not_published`) |
//! | the same PDF in a subfolder `pdf/img/`, placed | refused |
//! | the exempt report as a Word file named `.DOCX`, with no extension, `.css`, `.woff2`, in `static/a/b/` | refused |
//! | a zip in `static/` holding the report as a PDF | **leaked**; now refused (`a_zip_holding_the_report_as_a_pdf_in_static_is_not_published`) |
//! | a zip in `static/` holding the withheld site plan | **leaked**; now refused (`a_zip_holding_the_withheld_plan_in_static_is_not_published`) |
//! | a zip in `static/` holding the report as text, or the withheld Word appendix (control) | refused |
//! | the report's words in a compressed SVG (`.svgz`) | **leaked**; now refused (`a_compressed_svg_in_static_is_read`) |
//! | a page of the report's words precompressed (`.html.gz`) | **leaked**; now refused (`a_gzip_file_in_static_is_read`) |
//! | the withheld site plan saved again (same pixels, other bytes) | **leaked**; now refused (`a_withheld_image_saved_again_into_static_is_not_published`) |
//! | the report saved from Word as a web page, named `.htm` (control) | refused |
//! | the same web page named `.HTM` | **leaked**; now refused (`an_exempt_word_web_page_with_an_upper_case_extension_is_stopped`) |
//! | the same web page named `.xhtml` / `.shtml` | **leaked**; now refused (`an_exempt_word_web_page_named_xhtml_is_stopped`) |
//! | the report saved from Word as `.rtf` | **leaked**; now refused (`an_exempt_report_saved_as_rtf_is_stopped`) |
//! | a harmless file in `static/` named after the exempt report's real title | refused, naming the file |
//! | the words in a comment wrapped across lines (` * `) in an overriding `quire.css` or `search.js`, an SVG icon's title, a text file in `static/a/b/` | refused |
//! | a pack template printing `read("notes.txt")` or `json("data.json")` of its folder | refused, naming the file |
//! | a `.typ` file holding the words never laid out; a `.TYP` file | held (nothing published) |
//! | the report's sentence split between `title` and `council` | refused, naming site.toml |
//! | a council's long formal name (10 words) quoted in an exempt report | **wrong**: false positive, every build refused, the hint said to take the council's name out of site.toml; now builds (`an_exempt_report_naming_a_council_with_a_long_name_still_builds`) |
//! | the council's name as a signature in capitals with a full stop | builds, nothing withheld published |
//! | an exempt item and a public item whose title is the site's title | builds, nothing withheld published |
//! | a paper public by mistake, exempt, public, exempt, into `www/papers` | held: after each exempt build nothing outside the sources holds it; the standby copy is the output file for file; a rebuild writes 0 |
//! | a paper public by mistake then withdrawn (item and files deleted), with and without `--no-cache` | held |
//! | a file added to the output by hand, then the paper made exempt | held: the standby copy is removed |
//! | `--output` a symbolic link to another folder | held |
//! | the manifests beside the output, or the standby copy, deleted by hand; then the paper made exempt | held |
//! | the members' edition built twice (standby copy), then public builds elsewhere | held: canaries only in `confidential/` and `.confidential.*` |
//! | a rebuild with nothing changed after an exchange; one edit | held: "(0 written)"; the edit writes exactly the files whose bytes changed |
//!
//! Not tried: a build failing after the exchange (`Staging::mirror` failing, then
//! `remove_tree` failing): the tests run as root, so a read-only folder does not stop a
//! removal.
//!
//! Tests marked "Found:" failed when written (ten leaks, one false positive), and pass
//! since the fixes of the fourteenth session: extensions read in any case, a PDF found by
//! its first bytes, gzip files unpacked, each member of a zip read, Rich Text read, text
//! that looks like markup read as markup, a theme's pictures compared with withheld ones
//! by their pixels, and a phrase inside a setting of at most 12 words not looked for
//! (`gate::SETTING_WORDS`).

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::common::attack::{assert_built, assert_withheld, assert_withheld_or_refused};
use crate::common::scan::readable;
use crate::common::site::{AS_OF, Site, paper};
use crate::common::theme_site::{
    EXEMPT_BLOCK, M, MEETING, PLAN, SECRET, TENDER, canaries_in, docx, exempt_site, pack_typ_with,
    png_of, set_setting, withheld, zip_of,
};
use crate::common::{build, contents, list_files, pdf_with_text, repo, stderr};

// ------------------------------------------------------------------ the site

/// `bytes` compressed with gzip.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// The one-page PDF of [`pdf_with_text`], its page compressed (Flate) as every PDF that
/// Word or a printer driver writes is, so no word of it is in its bytes.
fn compressed_pdf(text: &str) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(&pdf_with_text(text)).unwrap();
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Stream(page) = object {
            let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
            enc.write_all(&page.content).unwrap();
            page.dict.set("Filter", "FlateDecode");
            page.set_content(enc.finish().unwrap());
        }
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    assert!(
        !String::from_utf8_lossy(&out).contains("CANARY"),
        "the PDF's words are in its bytes"
    );
    out
}

/// The control every attack here shares: the members' edition shows the exempt report.
fn assert_members_have_the_report(site: &Site) {
    assert_built(&build(site.path(), AS_OF, &["--confidential"]));
    assert!(
        !canaries_in(&site.out("confidential"), &["CANARY_SITE_TENDER"]).is_empty(),
        "the members' edition lacks the report, so the public build proves nothing"
    );
}

/// The theme's file `rel` (under `themes/default/`) is never published as it is: the
/// public build refuses, naming `name`, and writes nothing; or it builds and the file is
/// not in the output. For a file whose withheld matter is compressed (a PDF, a zip, a
/// gzip file) or is a picture, so that no canary can be looked for in its bytes: the
/// file itself is the leak.
fn assert_theme_file_stopped(site: &Site, rel: &str, name: &str) {
    let out = build(site.path(), AS_OF, &[]);
    let err = stderr(&out);
    if out.status.success() {
        let published = site.out("output").join(rel);
        assert!(
            !published.exists(),
            "built, and published {rel} with withheld matter in it"
        );
    } else {
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains(name),
            "the refusal does not name {name}:\n{err}"
        );
        assert!(
            !site.out("output").exists(),
            "a refused build wrote output/"
        );
    }
    assert_members_have_the_report(site);
}

/// The number of files a build says it wrote.
fn written_count(out: &std::process::Output) -> usize {
    let said = String::from_utf8_lossy(&out.stdout);
    said.split(" written)")
        .next()
        .and_then(|s| s.rsplit('(').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count of files written in {said}"))
}

// ------------------------------------------------------------------ static/

/// The exempt report printed to PDF by the officer (a compressed PDF, not a copy of any
/// withheld file) and put in `static/` with an upper-case extension, as Windows tools
/// and scanners often name files. The same file named `.pdf` is read and stopped (the
/// control, below).
///
/// Found: published. `Gate::scan_file` (src/gate/mod.rs) takes a file for a PDF only if
/// its path ends in `.pdf` (case matters), though `Gate::scan` worked out the PDF's text
/// for any case: `Tender-report.PDF` is read as bytes, in which a real PDF's words are
/// compressed, and only a copy byte for byte of a withheld file is caught.
#[test]
fn an_exempt_report_as_a_pdf_with_an_upper_case_extension_in_static_is_not_published() {
    let site = exempt_site("static-upper-pdf");
    site.write_bytes(
        "themes/default/static/Tender-report.PDF",
        &compressed_pdf(SECRET),
    );
    assert_theme_file_stopped(&site, "static/Tender-report.PDF", "Tender-report.PDF");
}

/// The control of the test above: the same PDF named `.pdf` is read for its text.
#[test]
fn an_exempt_report_as_a_pdf_in_static_is_not_published() {
    let site = exempt_site("static-lower-pdf");
    site.write_bytes(
        "themes/default/static/Tender-report.pdf",
        &compressed_pdf(SECRET),
    );
    assert_theme_file_stopped(&site, "static/Tender-report.pdf", "Tender-report.pdf");
}

/// The exempt report as a Word file (the officer's original, of which `tender.md` is the
/// conversion) under names a web officer might give a file for the site: upper-case
/// `.DOCX`, no extension, renamed `.css` or `.woff2`, in a nested folder. A zip is read
/// as an office file whatever its name.
#[test]
fn an_exempt_word_file_under_any_name_in_static_is_not_published() {
    for name in [
        "Tender.DOCX",
        "tender",
        "print.css",
        "fonts/heading.woff2",
        "a/b/tender copy.docx",
    ] {
        let site = exempt_site("static-word-names");
        site.write_bytes(&format!("themes/default/static/{name}"), &docx(SECRET));
        let leaf = name.rsplit('/').next().unwrap();
        assert_theme_file_stopped(&site, &format!("static/{name}"), leaf);
    }
}

/// A zip of the meeting's papers for download ("all papers, zipped") put in `static/`,
/// with the exempt report as a PDF in it (compressed, as every real PDF is). The gate
/// reads a zip as an office file: a part that is a PDF is read as raw bytes, so its
/// compressed words are never seen.
///
/// Found: published. `Gate::scan_file` reads a zip as an office document
/// (`attachment::read` → `office::part`): a part that is not XML is read for the text its
/// raw bytes show, which a compressed PDF has none of.
#[test]
fn a_zip_holding_the_report_as_a_pdf_in_static_is_not_published() {
    let site = exempt_site("static-zip-pdf");
    site.write_bytes(
        "themes/default/static/downloads/panel-2021-09-24.zip",
        &zip_of(
            &[
                ("update.md", b"The works began in August.".to_vec()),
                ("tender.pdf", compressed_pdf(SECRET)),
            ],
            true,
        ),
    );
    assert_theme_file_stopped(
        &site,
        "static/downloads/panel-2021-09-24.zip",
        "panel-2021-09-24.zip",
    );
}

/// The same zip with the withheld site plan in it, under its own name: a picture in a
/// zip is not read at all, and only the zip's own bytes and name are compared with the
/// withheld files.
///
/// Found: published. `office::unpack` skips pictures (`is_media`), and
/// `Gate::same_bytes` compares the zip's own bytes only, never its members'.
#[test]
fn a_zip_holding_the_withheld_plan_in_static_is_not_published() {
    let site = exempt_site("static-zip-png");
    site.write_bytes(
        "themes/default/static/downloads/panel-2021-09-24.zip",
        &zip_of(
            &[
                ("update.md", b"The works began in August.".to_vec()),
                ("files/plan.png", withheld("plan.png")),
            ],
            true,
        ),
    );
    assert_theme_file_stopped(
        &site,
        "static/downloads/panel-2021-09-24.zip",
        "panel-2021-09-24.zip",
    );
}

/// The control of the two tests above: a zip holding the exempt report as text (or the Word
/// appendix) is read part by part and stopped.
#[test]
fn a_zip_of_text_or_word_files_in_static_is_stopped() {
    let site = exempt_site("static-zip-text");
    site.write_bytes(
        "themes/default/static/papers.zip",
        &zip_of(
            &[
                ("tender.txt", SECRET.as_bytes().to_vec()),
                ("costs.docx", withheld("costs.docx")),
            ],
            true,
        ),
    );
    assert_theme_file_stopped(&site, "static/papers.zip", "papers.zip");
}

/// The exempt site plan redrawn with its labels as an SVG and saved compressed (`.svgz`,
/// Inkscape's "compressed SVG", which browsers show as an SVG).
///
/// Found: published. `words::readable` unpacks gzip only for the search index's files
/// (`pf_fragment`, `pf_filter`, `pf_meta`); any other gzip file is read as its compressed
/// bytes.
#[test]
fn a_compressed_svg_in_static_is_read() {
    let site = exempt_site("static-svgz");
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"100\"><text x=\"0\" y=\"20\">{SECRET}</text></svg>"
    );
    site.write_bytes(
        "themes/default/static/site-plan.svgz",
        &gzip(svg.as_bytes()),
    );
    assert_theme_file_stopped(&site, "static/site-plan.svgz", "site-plan.svgz");
}

/// A page of the exempt report's words precompressed for the web server (`.html.gz`,
/// for nginx's `gzip_static`, which serves it to any browser that asks for the page).
///
/// Found: published, as the test above: only the search index's gzip files are
/// unpacked.
#[test]
fn a_gzip_file_in_static_is_read() {
    let site = exempt_site("static-gz");
    site.write_bytes(
        "themes/default/static/briefing.html.gz",
        &gzip(format!("<p>{SECRET}</p>").as_bytes()),
    );
    assert_theme_file_stopped(&site, "static/briefing.html.gz", "briefing.html.gz");
}

/// The exempt site plan, opened and saved again by an image editor (its pixels the same,
/// its bytes not: the metadata gone, compressed anew), put in `static/` to show on a
/// "current projects" page. Only a file of the same bytes as a withheld one is found.
///
/// Found: published. A picture has no words for the gate (`words::readable_text` reads
/// nothing of `.png`), and `Gate::same_bytes` finds only a copy byte for byte.
#[test]
fn a_withheld_image_saved_again_into_static_is_not_published() {
    let site = exempt_site("static-resaved-png");
    let resaved = png_of(&PLAN, "");
    assert_ne!(resaved, withheld("plan.png"));
    site.write_bytes("themes/default/static/projects/holly-garth.png", &resaved);
    assert_theme_file_stopped(&site, "static/projects/holly-garth.png", "holly-garth.png");
}

/// The exempt report as Word saves it as a web page, every few words in a `<span>`
/// of their own (Word starts a run at every edit, spelling mark and change of language).
fn word_html() -> String {
    let mut html =
        String::from("<html><body><p class=MsoNormal><span lang=EN-GB style='font-size:12.0pt'>");
    for run in SECRET.split(' ').collect::<Vec<_>>().chunks(4) {
        html.push_str(&format!(
            "{}</span><span lang=EN-GB style='mso-bidi-font-size:11.0pt'> ",
            run.join(" ")
        ));
    }
    html.push_str("</span></p></body></html>\n");
    html
}

/// The exempt report saved from Word as a web page and copied from a Windows share that
/// shows its extension in capitals (`Tender.HTM`).
///
/// Found: published. `words::readable` matches the extension as written (`"HTM"` is
/// not `"htm"`), so the page falls to plain text: tag names and attributes sit between
/// every few words, and no phrase of 8 words is left whole.
#[test]
fn an_exempt_word_web_page_with_an_upper_case_extension_is_stopped() {
    let site = exempt_site("static-word-HTM");
    site.write("themes/default/static/Tender.HTM", &word_html());
    assert_withheld_or_refused(&site, AS_OF, &["CANARY_SITE_TENDER"], "Tender.HTM");
}

/// The same web page named `.xhtml` (or `.shtml`, `.php`: a web team's names for a page).
///
/// Found: published, as the test above: only `html`, `htm`, `xml`, `svg`, `atom` and
/// `rss` are read as markup.
#[test]
fn an_exempt_word_web_page_named_xhtml_is_stopped() {
    for name in ["tender.xhtml", "tender.shtml"] {
        let site = exempt_site("static-word-xhtml");
        site.write(&format!("themes/default/static/{name}"), &word_html());
        assert_withheld_or_refused(&site, AS_OF, &["CANARY_SITE_TENDER"], name);
    }
}

/// The exempt report saved from Word as Rich Text (`.rtf`): Word writes each run as a
/// group with its own control words (`{\rtlch\fcs1 \af0 \insrsid… words}`).
///
/// Found: published. Nothing reads Rich Text: `words::readable_text` takes it for plain
/// text, and the control words between Word's runs leave no phrase of 8 words whole.
#[test]
fn an_exempt_report_saved_as_rtf_is_stopped() {
    let mut rtf =
        String::from("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\\pard\\plain \\ltrpar\\ql ");
    for (i, run) in SECRET.split(' ').collect::<Vec<_>>().chunks(4).enumerate() {
        rtf.push_str(&format!(
            "{{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\insrsid{} {} }}",
            4_000_000 + i,
            run.join(" ")
        ));
    }
    rtf.push_str("\\par }\n");
    let site = exempt_site("static-rtf");
    site.write("themes/default/static/tender.rtf", &rtf);
    assert_withheld_or_refused(&site, AS_OF, &["CANARY_SITE_TENDER"], "tender.rtf");
}

/// The control of the three tests above: the same Word web page named `.htm`, as Word
/// names it, is read as markup and stopped.
#[test]
fn an_exempt_report_saved_from_word_as_htm_is_stopped() {
    let site = exempt_site("static-word-htm");
    site.write("themes/default/static/tender.htm", &word_html());
    assert_withheld_or_refused(&site, AS_OF, &["CANARY_SITE_TENDER"], "tender.htm");
}

/// A harmless file in `static/` saved under the exempt report's real title (an officer
/// naming a file after the paper it goes with): the address says what the withheld title
/// says, so the build refuses, naming the file.
#[test]
fn a_static_file_named_after_the_exempt_title_is_refused() {
    let site = exempt_site("static-title-name");
    site.write(
        "themes/default/static/Holly Garth tender evaluation.txt",
        "See the agenda for the meeting.\n",
    );
    assert_theme_file_stopped(
        &site,
        "static/Holly Garth tender evaluation.txt",
        "Holly Garth tender evaluation.txt",
    );
    assert!(!site.out("output").exists(), "the build was not refused");
}

/// The exempt words in a theme file that replaces a built-in one (`quire.css`,
/// `search.js`), as a comment block wrapped across lines with ` * ` at each line's start
/// (how an editor wraps a comment), or in an SVG icon's title, or wrapped in a text file.
#[test]
fn exempt_words_wrapped_in_comments_of_overridden_static_files_are_stopped() {
    let wrapped: String = SECRET
        .split(' ')
        .collect::<Vec<_>>()
        .chunks(5)
        .map(|c| format!(" * {}\n", c.join(" ")))
        .collect();
    for name in ["quire.css", "search.js", "a/b/notes.txt", "icons/plan.svg"] {
        assert!(
            name.contains('/')
                || Path::new(&repo().join("themes/default/static").join(name)).exists(),
            "{name} is not a built-in static file"
        );
        let text = if name.ends_with(".svg") {
            format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>\n{wrapped}</title><rect width=\"1\" height=\"1\"/></svg>\n"
            )
        } else if name.ends_with(".txt") {
            wrapped.replace(" * ", "")
        } else {
            let built =
                fs::read_to_string(repo().join("themes/default/static").join(name)).unwrap();
            format!("/*\n{wrapped} */\n{built}")
        };
        let site = exempt_site("static-comment");
        site.write(&format!("themes/default/static/{name}"), &text);
        assert_withheld_or_refused(&site, AS_OF, &["CANARY_SITE_TENDER"], name);
    }
}

/// Round 18: the exempt words in a script of the theme, as a string whose spaces are
/// written `\u0020` (a reader of the file sees "\u0020", a browser that runs it shows
/// the words).
#[test]
fn exempt_words_escaped_in_a_themes_script_are_stopped() {
    let escaped = SECRET.replace(' ', "\\u0020");
    let site = exempt_site("static-script-escaped");
    site.write(
        "themes/default/static/notice.js",
        &format!("var notice = \"{escaped}\";\n"),
    );
    assert_withheld_or_refused(&site, AS_OF, &["CANARY_SITE_TENDER"], "notice.js");
}

// ------------------------------------------------------------------ pdf/ (typst)

/// The exempt report printed to PDF and placed as a back page of every pack from
/// `pdf/<name>`: the build refuses naming the file, or no pack holds the placed page.
fn assert_placed_pdf_stopped(label: &str, name: &str) {
    let site = exempt_site(label);
    site.write_bytes(
        &format!("themes/default/pdf/{name}"),
        &compressed_pdf(SECRET),
    );
    pack_typ_with(
        &site,
        &format!("#page(margin: 0pt)[#image(\"{name}\", width: 100%)]"),
    );
    let out = build(site.path(), AS_OF, &[]);
    let err = stderr(&out);
    if out.status.success() {
        let packs: Vec<String> = list_files(&site.out("output"))
            .into_iter()
            .filter(|f| f.ends_with(".pdf"))
            .collect();
        assert!(!packs.is_empty(), "{name}: no pack was made");
        for pack in &packs {
            let bytes = fs::read(site.out("output").join(pack)).unwrap();
            let doc = lopdf::Document::load_mem(&bytes).unwrap();
            // The placed page is a form XObject: its stream holds the words once
            // decompressed.
            let placed = doc.objects.values().any(|o| {
                matches!(o, lopdf::Object::Stream(s)
                    if s.decompressed_content().unwrap_or_else(|_| s.content.clone())
                        .windows(18).any(|w| w == b"CANARY_SITE_TENDER"))
            });
            assert!(!placed, "{name}: the exempt report is placed in {pack}");
        }
    } else {
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(name), "{name}: not named:\n{err}");
        assert!(!site.out("output").exists(), "{name}: wrote output/");
    }
    assert_members_have_the_report(&site);
}

/// The exempt report as a PDF placed from a subfolder of `pdf/` (`pdf/img/back.pdf`).
#[test]
fn an_exempt_pdf_placed_from_a_pdf_subfolder_is_stopped() {
    assert_placed_pdf_stopped("typst-subfolder", "img/back.pdf");
}

/// The exempt report as a PDF placed from `pdf/` with an upper-case extension
/// (`back.PDF`), as a scanner or a Windows tool names it.
///
/// Found: the exempt report's pages are placed in every public pack.
/// `Outlet::scan_pack_files` (src/pipeline.rs) works out the text of `back.PDF`, but
/// `Gate::scan_file` reads a file as a PDF only if its path ends in lower-case `.pdf`, and
/// typst places the PDF whatever the case of its name.
#[test]
fn an_exempt_pdf_with_an_upper_case_extension_placed_in_packs_is_not_published() {
    assert_placed_pdf_stopped("typst-upper", "back.PDF");
}

/// A pack template that prints a text or data file of its own folder (`read`, `json`):
/// the file is read as a placed file, and the words are laid out, so the pack's text
/// has them too. Stopped, naming the file.
#[test]
fn a_pack_template_printing_a_text_or_data_file_is_stopped() {
    for (file, bytes, call) in [
        (
            "notes.txt",
            SECRET.to_string(),
            "#page[#read(\"notes.txt\")]",
        ),
        (
            "data.json",
            format!("{{\"note\": \"{SECRET}\"}}"),
            "#page[#json(\"data.json\").note]",
        ),
    ] {
        let site = exempt_site("typst-read");
        site.write(&format!("themes/default/pdf/{file}"), &bytes);
        pack_typ_with(&site, call);
        assert_withheld_or_refused(&site, AS_OF, &["CANARY_SITE_TENDER"], file);
    }
}

/// A template file in `pdf/` that holds the exempt words but is never laid out (an old
/// copy, `pack-old.typ`), and a `.TYP` file: nothing of them reaches a pack, so the
/// build may pass; what it must not do is publish the words.
#[test]
fn a_template_never_laid_out_publishes_nothing() {
    let site = exempt_site("typst-unused");
    site.write(
        "themes/default/pdf/pack-old.typ",
        &format!("// {SECRET}\n#page[{SECRET}]\n"),
    );
    site.write(
        "themes/default/pdf/Cover.TYP",
        &format!("#page[{SECRET}]\n"),
    );
    let out = build(site.path(), AS_OF, &[]);
    if out.status.success() {
        assert_withheld(&site, AS_OF, &["CANARY_SITE_TENDER"]);
    } else {
        assert!(stderr(&out).contains("Cover.TYP"), "{}", stderr(&out));
        assert!(!site.out("output").exists());
    }
}

// ------------------------------------------------------------------ site.toml

/// The exempt report's sentence split between the site's `title` and `council` (each
/// half longer than a phrase): stopped, naming the report and a setting.
#[test]
fn exempt_words_split_across_title_and_council_are_stopped() {
    let site = exempt_site("toml-split");
    let words: Vec<&str> = SECRET.split(' ').collect();
    let (a, b) = words.split_at(words.len() / 2);
    set_setting(&site, "title", &a.join(" "));
    set_setting(&site, "council", &b.join(" "));
    let out = build(site.path(), AS_OF, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "built:\n{err}");
    assert!(err.contains(TENDER), "{err}");
    assert!(err.contains("site.toml"), "{err}");
    assert!(!err.contains("CANARY_SITE_TENDER"), "{err}");
    assert!(!site.out("output").exists());
}

/// A council with a long formal name (ten words once "King's" is two) whose exempt
/// report names it in a sentence, as reports do ("The Borough Council of … invited
/// tenders"). Every page shows the `council` setting; the report's first phrase lies
/// wholly inside it. The council's name is no secret: the build must pass, and publish
/// nothing of the report.
///
/// Found: refused, on every page, with the hint "site.toml's `council` setting has these
/// words … take them out of site.toml". The report's first phrase (8 words) lies wholly
/// inside the 10-word name; `Table::add` (src/gate/mod.rs) skips a phrase only if it is a
/// WHOLE setting, so it is looked for, and every page shows the council's name. Before
/// round 7 the name was public text, which excused it.
#[test]
fn an_exempt_report_naming_a_council_with_a_long_name_still_builds() {
    let site = exempt_site("toml-long-council");
    let council = "The Borough Council of King's Lynn and West Norfolk";
    set_setting(&site, "council", council);
    let report = fs::read_to_string(site.path().join(TENDER)).unwrap();
    site.write(
        TENDER,
        &report.replace(
            "## Tenders\n\n",
            &format!(
                "## Tenders\n\n{council} invited tenders for the works in May, and six firms replied.\n\n"
            ),
        ),
    );
    let out = build(site.path(), AS_OF, &[]);
    assert_built(&out);
    assert!(canaries_in(&site.out("output"), &["CANARY_SITE_TENDER"]).is_empty());
    assert_members_have_the_report(&site);
}

/// An exempt report signed with the council's name in capitals and with a full stop
/// (`THE ROYAL BOROUGH OF TEST AND CHELSEA.`): the same words as the setting, read in
/// normal form, so no secret, and the build passes.
#[test]
fn a_signature_in_other_case_and_punctuation_is_the_whole_setting() {
    let site = exempt_site("toml-signed-caps");
    set_setting(&site, "council", "The Royal Borough of Test and Chelsea");
    let report = fs::read_to_string(site.path().join(TENDER)).unwrap();
    site.write(
        TENDER,
        &format!("{report}\nTHE ROYAL BOROUGH OF TEST AND CHELSEA.\n"),
    );
    assert_built(&build(site.path(), AS_OF, &[]));
    assert!(canaries_in(&site.out("output"), &["CANARY_SITE_TENDER"]).is_empty());
    assert_members_have_the_report(&site);
}

/// An exempt item whose real title is the site's title, and a public item titled the
/// same: the title is the site's and no secret; the build passes and publishes nothing
/// else of the exempt item.
#[test]
fn an_item_titled_as_the_site_builds_and_withholds_the_rest() {
    let site = exempt_site("toml-item-title");
    let title = "Holly Garth Regeneration Board papers";
    set_setting(&site, "title", title);
    let yaml = fs::read_to_string(site.path().join(MEETING)).unwrap();
    let yaml = yaml
        .replace(
            "title: Award of the works contract",
            &format!("title: {title}"),
        )
        .replace("title: Works progress", &format!("title: {title}"));
    site.write(MEETING, &yaml);
    assert_withheld(
        &site,
        AS_OF,
        &[
            "CANARY_SITE_TENDER",
            "CANARY_SITE_REASON",
            "CANARY_SITE_DOCX",
        ],
    );
}

// ------------------------------------------------------------------ the standby copy

/// The tender report made public (its exempt block taken out) or exempt again.
fn set_public(site: &Site, public: bool) {
    let yaml = fs::read_to_string(site.path().join(MEETING)).unwrap();
    let exempt = if yaml.contains(EXEMPT_BLOCK) {
        yaml
    } else {
        yaml.replace(
            "  - title: Award of the works contract\n",
            &format!("  - title: Award of the works contract\n{EXEMPT_BLOCK}"),
        )
    };
    assert!(exempt.contains(EXEMPT_BLOCK));
    site.write(
        MEETING,
        &if public {
            exempt.replace(EXEMPT_BLOCK, "")
        } else {
            exempt
        },
    );
}

/// Every file in the site's folder outside its sources, cache and `keep` folders (the
/// members' edition), beside the output or anywhere else, that holds `canary` (PDF text
/// and zip parts read too).
fn holding_outside(site: &Site, canary: &str, keep: &[&str]) -> Vec<String> {
    list_files(site.path())
        .into_iter()
        .filter(|rel| !rel.starts_with("content/") && !rel.starts_with(".quire-cache/"))
        .filter(|rel| !keep.iter().any(|k| rel.starts_with(k)))
        .filter(|rel| {
            let mut texts = readable(&site.path().join(rel));
            texts.push(rel.clone());
            texts.iter().any(|t| t.contains(canary))
        })
        .collect()
}

/// The standby copy beside `out` (`.<name>.building`), if there is one, holds exactly
/// what the output does.
fn assert_standby_mirrors(out: &Path) {
    let standby = out.parent().unwrap().join(format!(
        ".{}.building",
        out.file_name().unwrap().to_string_lossy()
    ));
    if standby.exists() {
        let (a, b) = (contents(out), contents(&standby));
        let differ: Vec<&String> = (a.keys().chain(b.keys()))
            .filter(|p| a.get(*p) != b.get(*p))
            .collect();
        assert!(differ.is_empty(), "the standby copy differs: {differ:?}");
    }
}

/// A paper that goes public by mistake, exempt, public, exempt again, built each time
/// into a folder of a web server's (`www/papers`): after each exempt build, no file in
/// the site's folder but its sources holds the report, and the standby copy is the
/// output file for file.
#[test]
fn a_paper_public_then_exempt_twice_leaves_nothing_beside_the_output() {
    let site = exempt_site("mirror-flip");
    let papers = site.out("www/papers").display().to_string();
    for (step, public) in [true, false, true, false].into_iter().enumerate() {
        set_public(&site, public);
        assert_built(&build(site.path(), AS_OF, &["--output", &papers]));
        let held = holding_outside(&site, "CANARY_SITE_TENDER", &[]);
        if public {
            assert!(
                !held.is_empty(),
                "step {step}: the public report is not published"
            );
        } else {
            assert!(
                held.is_empty(),
                "step {step}: the exempt report is in {held:?}"
            );
        }
        assert_standby_mirrors(&site.out("www/papers"));
    }
    // Nothing changed: nothing is written.
    let again = build(site.path(), AS_OF, &["--output", &papers]);
    assert_built(&again);
    assert_eq!(
        written_count(&again),
        0,
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
}

/// The paper published by mistake is then withdrawn altogether (its item taken out of
/// meeting.yaml, the file deleted), and the site built again with `--no-cache`.
#[test]
fn a_paper_withdrawn_after_going_out_leaves_nothing_beside_the_output() {
    for no_cache in [false, true] {
        let site = exempt_site("mirror-withdrawn");
        set_public(&site, true);
        let papers = site.out("www/papers").display().to_string();
        assert_built(&build(site.path(), AS_OF, &["--output", &papers]));
        assert!(!holding_outside(&site, "CANARY_SITE_TENDER", &[]).is_empty());
        let yaml = fs::read_to_string(site.path().join(MEETING)).unwrap();
        let cut = yaml.find("  - title: Award of the works contract").unwrap();
        site.write(MEETING, &yaml[..cut]);
        fs::remove_file(site.path().join(TENDER)).unwrap();
        fs::remove_dir_all(site.path().join(M).join("files")).unwrap();
        let mut args = vec!["--output", &papers];
        if no_cache {
            args.push("--no-cache");
        }
        assert_built(&build(site.path(), AS_OF, &args));
        for canary in ["CANARY_SITE_TENDER", "CANARY_SITE_DOCX", "CANARY_SITE_PDF"] {
            let held = holding_outside(&site, canary, &[]);
            assert!(held.is_empty(), "no_cache {no_cache}: {canary} in {held:?}");
        }
        assert_standby_mirrors(&site.out("www/papers"));
    }
}

/// A web officer adds a file to the output by hand (a search engine's verification
/// page) between builds; then the report, public by mistake, is made exempt. The old
/// output, not as its manifest says, is not brought up to date but removed whole.
#[test]
fn an_output_edited_by_hand_leaves_nothing_beside_it() {
    let site = exempt_site("mirror-hand");
    set_public(&site, true);
    let papers = site.out("www/papers").display().to_string();
    assert_built(&build(site.path(), AS_OF, &["--output", &papers]));
    assert_built(&build(site.path(), AS_OF, &["--output", &papers]));
    site.write(
        "www/papers/google1234.html",
        "google-site-verification: google1234.html",
    );
    set_public(&site, false);
    assert_built(&build(site.path(), AS_OF, &["--output", &papers]));
    let held = holding_outside(&site, "CANARY_SITE_TENDER", &[]);
    assert!(held.is_empty(), "{held:?}");
    assert_standby_mirrors(&site.out("www/papers"));
}

/// The files quire keeps beside the output deleted by hand between builds (a deploy
/// script's clean-up of hidden files: the manifests, or the standby copy itself), then
/// the report, public by mistake, made exempt.
#[test]
fn hidden_files_beside_the_output_deleted_by_hand_leave_nothing_beside_it() {
    for what in ["manifests", "standby"] {
        let site = exempt_site("mirror-cleaned");
        set_public(&site, true);
        let papers = site.out("www/papers").display().to_string();
        assert_built(&build(site.path(), AS_OF, &["--output", &papers]));
        assert_built(&build(site.path(), AS_OF, &["--output", &papers]));
        let mut deleted = 0;
        for entry in fs::read_dir(site.out("www")).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if what == "manifests" && name.starts_with(".papers.manifest-") {
                fs::remove_file(entry.path()).unwrap();
                deleted += 1;
            } else if what == "standby" && name == ".papers.building" {
                fs::remove_dir_all(entry.path()).unwrap();
                deleted += 1;
            }
        }
        assert!(deleted > 0, "{what}: nothing to delete");
        set_public(&site, false);
        assert_built(&build(site.path(), AS_OF, &["--output", &papers]));
        let held = holding_outside(&site, "CANARY_SITE_TENDER", &[]);
        assert!(held.is_empty(), "{what}: {held:?}");
        assert_standby_mirrors(&site.out("www/papers"));
    }
}

/// The output named through a symbolic link (`www/papers` a link to `real/papers`, as a
/// web server's folder often is): the paper public by mistake, then exempt.
#[test]
fn an_output_through_a_link_leaves_nothing_beside_it() {
    let site = exempt_site("mirror-link");
    fs::create_dir_all(site.out("real/papers")).unwrap();
    fs::create_dir_all(site.out("www")).unwrap();
    std::os::unix::fs::symlink(site.out("real/papers"), site.out("www/papers")).unwrap();
    let papers = site.out("www/papers").display().to_string();
    set_public(&site, true);
    assert_built(&build(site.path(), AS_OF, &["--output", &papers]));
    assert!(!canaries_in(&site.out("www/papers"), &["CANARY_SITE_TENDER"]).is_empty());
    set_public(&site, false);
    assert_built(&build(site.path(), AS_OF, &["--output", &papers]));
    let held = holding_outside(&site, "CANARY_SITE_TENDER", &[]);
    assert!(held.is_empty(), "{held:?}");
    assert!(
        site.out("www/papers/index.html").exists(),
        "the public site is not at the address given"
    );
}

/// The members' edition built twice (so it has a standby copy, `.confidential.building`),
/// then a public build into a web server's folder: the canaries are in the members'
/// folders only.
#[test]
fn the_members_standby_copy_stays_with_the_members_edition() {
    let site = exempt_site("mirror-members");
    assert_built(&build(site.path(), AS_OF, &["--confidential"]));
    site.write(
        &format!("{M}/update.md"),
        &paper("Works progress", "The works began in September.\n"),
    );
    assert_built(&build(site.path(), AS_OF, &["--confidential"]));
    assert!(site.out(".confidential.building").exists());
    let papers = site.out("www/papers").display().to_string();
    assert_built(&build(site.path(), AS_OF, &["--output", &papers]));
    assert_built(&build(
        site.path(),
        AS_OF,
        &["--output", &papers, "--no-cache"],
    ));
    for canary in [
        "CANARY_SITE_TENDER",
        "CANARY_SITE_DOCX",
        "CANARY_SITE_PDF",
        "CANARY_SITE_REASON",
    ] {
        let held = holding_outside(&site, canary, &["confidential/", ".confidential."]);
        assert!(held.is_empty(), "{canary} in {held:?}");
        assert!(
            !holding_outside(&site, canary, &[]).is_empty(),
            "{canary} is nowhere: the members' edition proves nothing"
        );
    }
}

/// The first rebuild after a build from nothing, with nothing changed, writes nothing
/// (not even into the empty standby copy). Once a build has exchanged the output and
/// brought the standby copy to it, an edit of one public paper writes exactly the files
/// whose bytes changed, and the build after that writes nothing again.
#[test]
fn after_the_standby_copy_is_brought_up_to_date_only_changes_are_written() {
    let site = exempt_site("mirror-counts");
    let out = site.out("output");
    assert_built(&build(site.path(), AS_OF, &[]));
    let same = build(site.path(), AS_OF, &[]);
    assert_built(&same);
    assert_eq!(written_count(&same), 0);
    // The first edit copies every file it did not change into the standby copy, from
    // the output, before the exchange.
    let update = |words: &str| {
        site.write(
            &format!("{M}/update.md"),
            &paper("Works progress", &format!("{words}\n")),
        );
    };
    update("The works began in August.");
    assert_built(&build(site.path(), AS_OF, &[]));
    assert_standby_mirrors(&out);
    for (i, words) in [
        "The works began in September.",
        "The works began in October.",
    ]
    .into_iter()
    .enumerate()
    {
        let before = contents(&out);
        update(words);
        let edit = build(site.path(), AS_OF, &[]);
        assert_built(&edit);
        let after = contents(&out);
        let changed = after
            .iter()
            .filter(|(p, b)| before.get(*p) != Some(b))
            .count();
        assert!(changed > 0);
        assert_eq!(
            written_count(&edit),
            changed,
            "edit {i}: written is not the number of files that changed"
        );
        assert_standby_mirrors(&out);
        let again = build(site.path(), AS_OF, &[]);
        assert_built(&again);
        assert_eq!(written_count(&again), 0, "edit {i}: a rebuild wrote files");
    }
}
