//! Round 7: attacks through themes and site-level settings, the things a council's web
//! officer sets up once: files in `themes/<theme>/` (templates, `static/`, `pdf/`),
//! `site.toml`, where the output goes, and `quire serve`.
//!
//! Each test plants `CANARY_…` tokens in what must stay private (an exempt report, its
//! appendices, a draft, an unpublished meeting) and asserts that no public byte holds
//! them while the members' edition does (the positive control), or that the build
//! refuses, naming the file, and writes nothing.
//!
//! | attack | outcome |
//! |---|---|
//! | the exempt site with the built-in theme (control) | held |
//! | the exempt Word appendix copied into `static/` under another name | **leaked**, now refused (`a_withheld_word_file_copied_into_static_is_not_published`) |
//! | the exempt site plan (PNG) copied into `static/` under another name | **leaked**, metadata and all; now refused (`a_withheld_image_copied_into_static_is_not_published`) |
//! | a withheld file copied into `static/` under its own name | refused (the withheld file's name) |
//! | the exempt PDF appendix in `static/` | refused; any PDF in `static/` was, as "a bug in quire" (wrong, not a leak); now read (`a_public_pdf_in_static_is_read_not_refused_as_a_bug`) |
//! | the exempt words in a `.txt`, `.html`, `.json`, `.md` file in `static/` | refused |
//! | links in `static/` to a withheld file, a `files/` folder, a report | not followed (silently skipped) |
//! | `static/index.html`, `static/search/index.html`, `static/pagefind/…`, `static/robots.txt` | published under `/static/` only; no page replaced |
//! | a pack template reading the report, an appendix, the members' edition by relative, `..`, site-absolute and disk-absolute paths; `read`, `image`, `json`, `include`; a link inside `pdf/` | refused, naming `pdf/pack.typ` |
//! | the exempt PDF appendix copied into the theme's `pdf/` and placed with `image()` | **leaked** inside every public pack; now refused, naming the theme file (`a_withheld_pdf_placed_from_the_theme_pdf_folder_is_not_published`) |
//! | `base.html` printing `{{ __tera_context }}` (every variable) in text and in an attribute | held: the public context holds no exempt title, reason, draft or unpublished meeting |
//! | `{% include %}`, `{% import %}`, `{% extends %}` of a content, site or members' file | refused, naming the template |
//! | the exempt words in `accessibility_contact` or `phone` | refused, but was blamed on "a bug in quire" (wrong, not a leak); now the hint names the setting (`exempt_words_in_a_setting_name_site_toml`) |
//! | the exempt words in `title` or `council` | **leaked** on every page, the feed and the packs; now refused (`exempt_words_in_the_site_title_are_stopped`) |
//! | an exempt report signed with the council's name, a paragraph of its own (control) | builds (`an_exempt_report_signed_with_the_council_name_still_builds`) |
//! | `theme` naming `../content`, `../confidential`, `/tmp`, `content/committees`, `..` | refused, naming site.toml |
//! | `themes/council` a link to a meeting folder with a `static/` holding the exempt PDF | refused |
//! | `output` a link to `confidential/`, `confidential` a link to `output/`, `--output` through a link into the other edition | refused |
//! | a public build into a deleted members' folder whose standby copy is still beside it | held: nothing of the members' edition left in or beside it |
//! | `--output` inside a served folder, a paper made exempt after it went out by mistake | **leaked**: the standby copy `.papers.building/` beside the output kept it; now brought to the new site after the exchange (`the_standby_copy_beside_a_served_output_keeps_nothing_withheld_since`) |
//! | `quire serve` asked for `..` (plain, `%2e`, `%2E`, `%252e`), `%2f`, `%5c`, `;`, `%00`, `//abs`, `/confidential/…`, `/content/…`, `/.quire-cache/…`, `/themes/…`, a withheld appendix's address | never answered (404), no withheld byte |
//!
//! Tests marked "Found:" failed when written (five leaks, and two messages that sent the
//! officer the wrong way), and pass since the fixes of the fourteenth session.

use std::fs;
use std::io::{Read, Write};

use crate::common::attack::{assert_built, assert_withheld, assert_withheld_or_refused};
use crate::common::site::{AS_OF, Site};
use crate::common::theme_site::{
    EXEMPT_BLOCK, M, MEETING, PDF_SECRET, SECRET, TENDER, builtin, canaries_in, exempt_site,
    pack_typ_with, set_setting, withheld,
};
use crate::common::{build, pdf_with_text, stderr};

const OUT: &str = "committees/panel/2021-09-24";

// ------------------------------------------------------------------ the site

/// Builds with `extra` and returns stderr, asserting the build failed with exit code 1.
fn refused(site: &Site, extra: &[&str]) -> String {
    let out = build(site.path(), AS_OF, extra);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected a refusal, got:\n{err}"
    );
    err
}

/// The exempt site's canaries that both editions would show as text if published (the
/// image's tEXt chunk is taken out of every published image, so it is looked for apart).
const CANARIES: [&str; 4] = [
    "CANARY_SITE_TENDER",
    "CANARY_SITE_DOCX",
    "CANARY_SITE_PDF",
    "CANARY_SITE_REASON",
];

/// The control: the exempt site as written, theme untouched, withholds every canary.
#[test]
fn the_exempt_site_withholds_its_canaries_with_the_built_in_theme() {
    let site = exempt_site("site-control");
    assert_withheld(&site, AS_OF, &CANARIES);
}

// ------------------------------------------------------------------ static/

/// Found: an officer copies the exempt report's Word appendix into the theme's `static/`
/// folder under another name (to link it from a template, or thinking it is where files
/// go). It is published at `/static/tender-costs.docx` with every word. Theme files are
/// `Contents::Bytes` (`render::html::Renderer::extras`), and `gate::Gate::scan` reads
/// bytes only as page text: a Word file's words are compressed, so no phrase is found, and
/// its bytes are never compared with the withheld files (`same_bytes` runs only for
/// copies). (Saved under its own name, it is caught by the withheld file's name.)
#[test]
fn a_withheld_word_file_copied_into_static_is_not_published() {
    let site = exempt_site("static-docx");
    site.write_bytes(
        "themes/default/static/tender-costs.docx",
        &withheld("costs.docx"),
    );
    assert_withheld_or_refused(&site, AS_OF, &["CANARY_SITE_DOCX"], "tender-costs.docx");
}

/// Found: the exempt report's site plan copied into `static/` under another name is
/// published byte for byte (with its metadata, which the copy under `files/` loses): the
/// gate compares the bytes of copies with the withheld files, never a theme's files.
#[test]
fn a_withheld_image_copied_into_static_is_not_published() {
    let site = exempt_site("static-png");
    site.write_bytes("themes/default/static/site-plan.png", &withheld("plan.png"));
    let out = build(site.path(), AS_OF, &[]);
    if out.status.success() {
        let published = fs::read(site.out("output/static/site-plan.png")).ok();
        assert_ne!(
            published.as_deref(),
            Some(&withheld("plan.png")[..]),
            "the withheld image is published at /static/site-plan.png"
        );
    } else {
        assert!(stderr(&out).contains("site-plan.png"), "{}", stderr(&out));
        assert!(!site.out("output").exists());
    }
    // The control: the members' edition shows the plan with the report.
    assert_built(&build(site.path(), AS_OF, &["--confidential"]));
    assert!(
        site.out("confidential")
            .join(OUT)
            .join("files/plan.png")
            .exists()
    );
}

/// The exempt PDF appendix copied into `static/`: refused, never published.
#[test]
fn a_withheld_pdf_copied_into_static_is_not_published() {
    let site = exempt_site("static-pdf");
    site.write_bytes(
        "themes/default/static/leaflet.pdf",
        &pdf_with_text(PDF_SECRET),
    );
    assert_withheld_or_refused(&site, AS_OF, &["CANARY_SITE_PDF"], "leaflet.pdf");
}

/// The exempt report's words saved as a text or HTML file in `static/` (a briefing note
/// for the web team, a "page" added by hand): read and stopped like a page.
#[test]
fn exempt_words_in_a_static_text_file_are_stopped() {
    for name in ["briefing.txt", "notes.html", "data.json", "tender.md"] {
        let site = exempt_site(&format!("static-text-{name}"));
        let text = if name.ends_with(".json") {
            format!("{{\"note\": \"{SECRET}\"}}")
        } else {
            format!("{SECRET}\n")
        };
        site.write(&format!("themes/default/static/{name}"), &text);
        assert_withheld_or_refused(&site, AS_OF, &["CANARY_SITE_TENDER"], name);
    }
}

/// A symbolic link in the theme to a withheld file or to a folder of `content/` (an
/// officer "sharing" the meeting's files with the theme): never followed into the site.
#[test]
fn links_in_static_to_content_are_not_followed() {
    let site = exempt_site("static-links");
    let st = site.path().join("themes/default/static");
    fs::create_dir_all(&st).unwrap();
    let files = site.path().join(M).join("files");
    std::os::unix::fs::symlink(files.join("costs.docx"), st.join("briefing.docx")).unwrap();
    std::os::unix::fs::symlink(&files, st.join("papers")).unwrap();
    std::os::unix::fs::symlink(site.path().join(TENDER), st.join("tender.txt")).unwrap();
    assert_withheld_or_refused(
        &site,
        AS_OF,
        &["CANARY_SITE_DOCX", "CANARY_SITE_PDF", "CANARY_SITE_TENDER"],
        "themes/default/static",
    );
    assert!(
        !site.out("output/static/papers").exists(),
        "a linked folder was copied"
    );
}

/// Static files named like generated ones cannot replace a page: they are published
/// under `/static/` only, so `static/index.html` or `static/search/index.html` never
/// shadow the home or search page, and a `..` name cannot be made by a file system.
#[test]
fn static_files_stay_under_static() {
    let site = exempt_site("static-shadow");
    for name in [
        "index.html",
        "search/index.html",
        "pagefind/pagefind.js",
        "robots.txt",
    ] {
        site.write(
            &format!("themes/default/static/{name}"),
            "<p>Replaced by the theme CANARY_SITE_SHADOW</p>",
        );
    }
    assert_built(&build(site.path(), AS_OF, &[]));
    for page in [
        "index.html",
        "search/index.html",
        "pagefind/pagefind.js",
        "robots.txt",
    ] {
        let text = fs::read_to_string(site.out("output").join(page)).unwrap();
        assert!(!text.contains("CANARY_SITE_SHADOW"), "{page} was replaced");
        assert!(
            site.out("output/static").join(page).exists(),
            "static/{page} was not published under /static/"
        );
    }
}

/// Not a leak, but wrong: any PDF in `static/` (a public leaflet, a form) stops every
/// public build with "the leak gate could not read the text of this file … this is a bug
/// in quire", naming `static/leaflet.pdf` (the output path, not the theme file). The gate
/// takes every PDF it is handed as bytes for an agenda pack, whose text typst gives it.
#[test]
fn a_public_pdf_in_static_is_read_not_refused_as_a_bug() {
    let site = exempt_site("static-leaflet");
    site.write_bytes(
        "themes/default/static/leaflet.pdf",
        &pdf_with_text("Come to the open day at County Hall on Saturday."),
    );
    let out = build(site.path(), AS_OF, &[]);
    assert!(
        out.status.success() || stderr(&out).contains("themes/default/static/leaflet.pdf"),
        "{}",
        stderr(&out)
    );
}

// ------------------------------------------------------------------ pdf/ (typst)

/// A theme's pack template that reads a file outside its own `pdf/` folder: the exempt
/// report by a relative path, with `..`, by absolute path from the site or the disk, the
/// members' edition, the cache, through a link inside `pdf/`. Typst's world holds only the
/// theme's `pdf/`, the pack's data and the pack's own files, so every one is refused,
/// naming the theme's file.
#[test]
fn a_pack_template_cannot_read_outside_its_folder() {
    let probe = exempt_site("typst-probe");
    assert_built(&build(probe.path(), AS_OF, &["--confidential"]));
    let abs = probe.path().join(TENDER).display().to_string();
    let members = probe
        .path()
        .join("confidential/committees/panel/2021-09-24/tender/index.html")
        .display()
        .to_string();
    for (label, call) in [
        (
            "rel",
            "read(\"../../../content/committees/panel/2021-09-24/tender.md\")".to_string(),
        ),
        (
            "root",
            "read(\"/content/committees/panel/2021-09-24/tender.md\")".to_string(),
        ),
        (
            "up",
            "read(\"/../../../content/committees/panel/2021-09-24/tender.md\")".to_string(),
        ),
        ("abs", format!("read(\"{abs}\")")),
        ("members", format!("read(\"{members}\")")),
        (
            "image",
            "image(\"/content/committees/panel/2021-09-24/files/plan.png\")".to_string(),
        ),
        (
            "pdf",
            "image(\"../../../content/committees/panel/2021-09-24/files/annex.pdf\")".to_string(),
        ),
        (
            "json",
            "json(\"../../../confidential/redactions.json\")".to_string(),
        ),
        (
            "include",
            "include \"../../../content/committees/panel/2021-09-24/tender.md\"".to_string(),
        ),
        ("link", "read(\"tender.typ\")".to_string()),
    ] {
        let site = exempt_site(&format!("typst-{label}"));
        assert_built(&build(site.path(), AS_OF, &["--confidential"]));
        let pdf = site.path().join("themes/default/pdf");
        fs::create_dir_all(&pdf).unwrap();
        std::os::unix::fs::symlink(site.path().join(TENDER), pdf.join("tender.typ")).unwrap();
        pack_typ_with(&site, &format!("#page[#{call}]"));
        let out = build(site.path(), AS_OF, &[]);
        let err = stderr(&out);
        if out.status.success() {
            let found = canaries_in(&site.out("output"), &CANARIES);
            assert!(found.is_empty(), "{label}: {found:?}");
        } else {
            assert_eq!(out.status.code(), Some(1), "{label}: {err}");
            assert!(
                err.contains("themes/default/pdf/pack.typ"),
                "{label}: the refusal does not name the template:\n{err}"
            );
            assert!(!site.out("output").exists(), "{label}: wrote output/");
        }
    }
}

/// Found: an officer puts a copy of the exempt PDF appendix in the theme's `pdf/` folder (as a
/// cover or a back page, or thinking it is where a pack's PDFs go) and places it with
/// `image(…)`. Typst embeds the PDF's pages in every public pack. The gate reads a pack
/// by the text typst laid out (`render::pdf::text_of`), which has no text for an image,
/// and never compares the theme's files with the withheld ones.
#[test]
fn a_withheld_pdf_placed_from_the_theme_pdf_folder_is_not_published() {
    let site = exempt_site("typst-cover");
    site.write_bytes("themes/default/pdf/cover.pdf", &pdf_with_text(PDF_SECRET));
    pack_typ_with(
        &site,
        "#page(margin: 0pt)[#image(\"cover.pdf\", width: 100%)]",
    );
    assert_withheld_or_refused(&site, AS_OF, &["CANARY_SITE_PDF"], "cover.pdf");
}

// ------------------------------------------------------------------ templates/ (tera)

/// A theme's `base.html` that prints the whole template context (`{{ __tera_context }}`,
/// the Tera way to see every variable) on every page, in the text and in an attribute.
/// The public pages' context must hold nothing withheld: no exempt title behind a
/// `public_title`, no public interest reason, no draft, no paper of a meeting whose
/// agenda is not out.
#[test]
fn the_public_template_context_holds_nothing_withheld() {
    let site = exempt_site("tera-dump");
    site.write(
        "content/committees/panel/2021-10-22/meeting.yaml",
        "date: 2021-10-22\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: scheduled\nagenda_published: 2021-10-14\nitems:\n  - title: CANARY_SITE_FUTURE budget options\n    body: CANARY_SITE_FUTURE_BODY members are asked to choose.\n",
    );
    site.write(
        &format!("{M}/draft.md"),
        "---\ntitle: CANARY_SITE_DRAFT_TITLE note\nkind: report\ndraft: true\n---\n\nCANARY_SITE_DRAFT_BODY the figures are not final.\n",
    );
    let items = fs::read_to_string(site.path().join(MEETING)).unwrap();
    site.write(
        MEETING,
        &items.replace(
            "    documents: [update.md]\n",
            "    documents: [update.md, draft.md]\n",
        ),
    );
    let base = builtin("templates/base.html");
    assert!(base.contains("</main>"));
    site.write(
        "themes/default/templates/base.html",
        &base.replace(
            "</main>",
            "<pre data-all=\"{{ __tera_context }}\">{{ __tera_context }}</pre></main>",
        ),
    );
    let mut canaries = CANARIES.to_vec();
    canaries.extend([
        "CANARY_SITE_FUTURE",
        "CANARY_SITE_FUTURE_BODY",
        "CANARY_SITE_DRAFT_TITLE",
        "CANARY_SITE_DRAFT_BODY",
    ]);
    assert_withheld(&site, AS_OF, &canaries);
    // The dump is there: the public pages print the context.
    let home = fs::read_to_string(site.out("output/index.html")).unwrap();
    assert!(home.contains("data-all="), "no dump in the page");
}

/// A template that includes a content file, or a file above the theme, by path: Tera
/// knows only the theme's templates by name, so the build stops, naming the template.
#[test]
fn a_template_cannot_include_a_content_file() {
    for (label, tag) in [
        (
            "rel",
            "{% include \"../../../content/committees/panel/2021-09-24/tender.md\" %}",
        ),
        (
            "abs",
            "{% include \"/content/committees/panel/2021-09-24/tender.md\" %}",
        ),
        ("import", "{% import \"../../../site.toml\" as s %}"),
        (
            "extends",
            "{% extends \"../../../confidential/index.html\" %}",
        ),
    ] {
        let site = exempt_site(&format!("tera-{label}"));
        assert_built(&build(site.path(), AS_OF, &["--confidential"]));
        site.write(
            "themes/default/templates/page-extra.html",
            &format!("{tag}\n<p>Extra</p>\n"),
        );
        let base = builtin("templates/base.html");
        site.write(
            "themes/default/templates/base.html",
            &base.replace("</main>", &format!("{tag}</main>")),
        );
        let err = refused(&site, &[]);
        assert!(
            err.contains("themes/default/templates/"),
            "{label}: the refusal does not name the template:\n{err}"
        );
        assert!(!err.contains("panicked"), "{label}: {err}");
        assert!(!site.out("output").exists(), "{label}: wrote output/");
    }
}

// ------------------------------------------------------------------ site.toml

/// The exempt report's words pasted into `key` of site.toml: the build stops, naming the
/// exempt report, without the words, and writes nothing.
fn assert_setting_stopped(key: &str) {
    let site = exempt_site(&format!("toml-{key}"));
    set_setting(&site, key, SECRET);
    let out = build(site.path(), AS_OF, &[]);
    let err = stderr(&out);
    let published = canaries_in(&site.out("output"), &["CANARY_SITE_TENDER"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{key}: built, publishing the words in {} files, first {:?}\n{err}",
        published.len(),
        published.first()
    );
    assert!(
        err.contains(TENDER),
        "{key}: the source is not named:\n{err}"
    );
    assert!(
        !err.contains("CANARY_SITE_TENDER"),
        "{key}: the message repeats the words"
    );
    assert!(!site.out("output").exists(), "{key}: wrote output/");
}

/// The exempt report's words pasted into the accessibility contact or the phone setting,
/// which the accessibility statement publishes: the gate scans the page and stops.
#[test]
fn exempt_words_in_the_contact_settings_are_stopped() {
    for key in ["accessibility_contact", "phone"] {
        assert_setting_stopped(key);
    }
}

/// Found: the exempt report's words pasted into the site's `title` (or `council`) are
/// published on every page, in the feed and the packs, and the build passes.
/// `gate::inventory::Reader::meetings` enters both settings as public text dated
/// `Date::MIN` (`public_title(&lib.config.title, site, always)`), so every phrase in them
/// counts as public before any paper was written: the gate excuses those words wherever
/// they appear, in the settings' own places and also in the accessibility contact, a
/// public paper, anywhere.
#[test]
fn exempt_words_in_the_site_title_are_stopped() {
    for key in ["title", "council"] {
        assert_setting_stopped(key);
    }
}

/// Not a leak, but wrong: when the words come from `site.toml`, the hint says "quire
/// itself put them there" and calls it a bug in quire, sending the officer to report a
/// bug instead of to the setting they typed (`gate::Gate` looks for the words in public
/// papers and file names only).
#[test]
fn exempt_words_in_a_setting_name_site_toml() {
    let site = exempt_site("toml-hint");
    set_setting(&site, "accessibility_contact", SECRET);
    let err = refused(&site, &[]);
    assert!(err.contains("site.toml"), "site.toml is not named:\n{err}");
    assert!(
        err.contains("`accessibility_contact` setting") && !err.contains("bug in quire"),
        "the hint does not send the officer to the setting:\n{err}"
    );
}

/// The positive control of the two tests above: an exempt report signed with the
/// council's name as a paragraph of its own (a phrase long enough to be looked for),
/// which every page shows as the site's `council`. The whole setting is no secret, so
/// the build passes and publishes nothing of the report.
#[test]
fn an_exempt_report_signed_with_the_council_name_still_builds() {
    let site = exempt_site("toml-signed");
    let council = "The Royal Borough of Test and Chelsea";
    set_setting(&site, "council", council);
    let report = fs::read_to_string(site.path().join(TENDER)).unwrap();
    site.write(TENDER, &format!("{report}\n{council}\n"));
    assert_built(&build(site.path(), AS_OF, &[]));
    let home = fs::read_to_string(site.out("output/index.html")).unwrap();
    assert!(home.contains(council), "the council's name is not shown");
    assert!(canaries_in(&site.out("output"), &["CANARY_SITE_TENDER"]).is_empty());
}

/// `theme` naming a folder elsewhere (`content/`, `confidential/`, an absolute path, a
/// path with `..`): refused, naming site.toml, before anything is read.
#[test]
fn a_theme_outside_themes_is_refused() {
    for theme in [
        "../content",
        "../confidential",
        "/tmp",
        "content/committees",
        "..",
    ] {
        let site = exempt_site("toml-theme");
        let toml = fs::read_to_string(site.path().join("site.toml")).unwrap();
        site.write("site.toml", &format!("theme = \"{theme}\"\n{toml}"));
        let err = refused(&site, &[]);
        assert!(err.contains("site.toml"), "{theme}: {err}");
        assert!(err.contains("themes/"), "{theme}: {err}");
        assert!(!site.out("output").exists(), "{theme}: wrote output/");
    }
}

/// `themes/<theme>` itself a link to a meeting's folder of `content/` that has a
/// `static/` folder (an officer "sharing" files): the theme is read through the link
/// (as the guide says, to share a theme between sites), so what that folder holds is the
/// theme's: its `static/` is published. The withheld PDF under it must still be stopped.
#[test]
fn a_theme_folder_linked_to_content_publishes_nothing_withheld() {
    let site = exempt_site("toml-theme-link");
    site.write_bytes(
        &format!("{M}/static/annex-copy.pdf"),
        &withheld("annex.pdf"),
    );
    fs::create_dir_all(site.path().join("themes")).unwrap();
    std::os::unix::fs::symlink(site.path().join(M), site.path().join("themes/council")).unwrap();
    let toml = fs::read_to_string(site.path().join("site.toml")).unwrap();
    site.write("site.toml", &format!("theme = \"council\"\n{toml}"));
    assert_withheld_or_refused(&site, AS_OF, &["CANARY_SITE_PDF"], "annex-copy.pdf");
}

// ------------------------------------------------------------------ where quire writes

/// A link named `output` pointing at the members' edition, and one named `confidential`
/// pointing at the public site: each build is refused (the other edition is there), and
/// the public site never gets the members' pages.
#[test]
fn linked_output_folders_never_mix_the_editions() {
    let site = exempt_site("out-links");
    assert_built(&build(site.path(), AS_OF, &["--confidential"]));
    std::os::unix::fs::symlink(site.out("confidential"), site.out("output")).unwrap();
    let err = refused(&site, &[]);
    assert!(err.contains("other edition"), "{err}");
    // A public build through a link to a folder inside the members' edition.
    std::os::unix::fs::symlink(site.out("confidential/committees"), site.out("pub")).unwrap();
    let publ = site.out("pub").display().to_string();
    let out = build(site.path(), AS_OF, &["--output", &publ]);
    assert!(
        !out.status.success(),
        "a public build went into confidential/committees"
    );

    let site = exempt_site("out-links-2");
    assert_built(&build(site.path(), AS_OF, &[]));
    std::os::unix::fs::symlink(site.out("output"), site.out("confidential")).unwrap();
    let err = refused(&site, &["--confidential"]);
    assert!(err.contains("output/"), "{err}");
    fs::remove_file(site.out("confidential")).unwrap();
    std::os::unix::fs::symlink(site.out("output/committees"), site.out("members")).unwrap();
    let members = site.out("members").display().to_string();
    let err = refused(&site, &["--confidential", "--output", &members]);
    assert!(err.contains("members"), "{err}");
    assert!(canaries_in(&site.out("output"), &CANARIES).is_empty());
}

/// The members' edition built twice into a folder of its own (so its standby copy beside
/// it holds a whole members' edition), the folder then deleted, and a public build sent
/// there: nothing of the members' edition is left in the public folder or beside it.
#[test]
fn a_public_build_into_a_deleted_members_folder_leaves_nothing_of_it() {
    let site = exempt_site("out-reuse");
    let members = site.out("members").display().to_string();
    assert_built(&build(
        site.path(),
        AS_OF,
        &["--confidential", "--output", &members],
    ));
    assert_built(&build(
        site.path(),
        AS_OF,
        &["--confidential", "--output", &members, "--no-cache"],
    ));
    assert!(!canaries_in(&site.out("members"), &CANARIES).is_empty());
    fs::remove_dir_all(site.out("members")).unwrap();
    assert_built(&build(site.path(), AS_OF, &["--output", &members]));
    assert!(
        fs::read_to_string(site.out("members/robots.txt"))
            .unwrap()
            .starts_with("# quire public edition")
    );
    for canary in CANARIES {
        let held = crate::common::attack::outside_sources_holding(&site, canary);
        assert!(held.is_empty(), "{canary} in {held:?}");
    }
}

/// Found: a public build with `--output` inside the web server's folder
/// (`--output /srv/www/papers`, as the building guide shows) keeps its standby copy
/// beside it, `/srv/www/.papers.building`: the previous site, served by any web server
/// that serves hidden folders (nginx and Apache do, by default). When a paper published by
/// mistake is made exempt and the site rebuilt, the paper is gone from `papers/` but stays
/// at `/.papers.building/…` until the build after next. `write::Staging::begin` puts the
/// standby copy at `parent/.{name}.building` without regard to what `parent` is.
#[test]
fn the_standby_copy_beside_a_served_output_keeps_nothing_withheld_since() {
    let site = exempt_site("out-served");
    // Day 1: the tender report is public by mistake.
    let exempt = fs::read_to_string(site.path().join(MEETING)).unwrap();
    let public = exempt.replace(EXEMPT_BLOCK, "");
    assert_ne!(public, exempt);
    site.write(MEETING, &public);
    fs::create_dir_all(site.path().join("www")).unwrap();
    site.write("www/index.html", "<p>The council's web server</p>");
    let out = "www/papers";
    let papers = site.out(out).display().to_string();
    assert_built(&build(site.path(), AS_OF, &["--output", &papers]));
    assert!(!canaries_in(&site.out(out), &["CANARY_SITE_TENDER"]).is_empty());
    // Day 2: found and put right: the report is made exempt and the site rebuilt.
    site.write(MEETING, &exempt);
    assert_built(&build(site.path(), AS_OF, &["--output", &papers]));
    assert!(canaries_in(&site.out(out), &["CANARY_SITE_TENDER"]).is_empty());
    let served = canaries_in(&site.out("www"), &["CANARY_SITE_TENDER"]);
    assert!(
        served.is_empty(),
        "the web server's folder still serves the paper: {served:?}"
    );
}

// ------------------------------------------------------------------ quire serve

/// One request to `quire serve` on `port`, the target sent exactly as given.
fn http_get(port: u16, target: &str) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(120)))
        .unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// `quire serve` (the public site) on a site whose members' edition, pack cache and
/// sources are all on disk, asked for them by every spelling of a path out of the site:
/// `..` plain and percent-encoded (upper and lower case, double-encoded), encoded slashes
/// and backslashes, the members' folder by name, the cache, a withheld appendix at the
/// address the members' edition gives it, and the theme's folders. Nothing withheld is
/// ever answered.
#[test]
fn serve_never_answers_with_withheld_files() {
    use std::io::BufRead;
    let site = exempt_site("serve-paths");
    assert_built(&build(site.path(), AS_OF, &["--confidential"]));
    site.write("themes/default/static/site.css", "body { color: black }");
    let mut child = crate::common::quire()
        .args(["serve", "--port", "0", "--as-of", AS_OF, "--root"])
        .arg(site.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start quire serve");
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let stdout = child.stdout.take().unwrap();
    let child = Kill(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let port: u16 = loop {
        let line = rx
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("quire serve printed no address");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    // The control: the server answers, and the public meeting page is there.
    let (status, page) = http_get(port, &format!("/{OUT}/"));
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Contract award"));
    let (status, _) = http_get(port, "/static/site.css");
    assert_eq!(status, 200);
    let members = format!("confidential/{OUT}/tender/index.html");
    let content = format!("content/{}", TENDER.trim_start_matches("content/"));
    for target in [
        format!("/../{members}"),
        format!("/%2e%2e/{members}"),
        format!("/%2E%2E/{members}"),
        format!("/%252e%252e/{members}"),
        format!("/static/..%2f..%2f{members}"),
        format!("/static/%2e%2e%2f%2e%2e%2f{members}"),
        format!("/static/..%5c..%5c{members}"),
        format!("/{members}"),
        format!("/{OUT}/tender/"),
        format!("/{OUT}/tender/index.html"),
        format!("/{OUT}/files/costs.docx"),
        format!("/{OUT}/files/annex.pdf"),
        format!("/{OUT}/files/plan.png"),
        format!("/{OUT}/tender.md"),
        format!("/../{content}"),
        format!("/{content}"),
        format!("/%2e%2e/{content}"),
        "/.quire-cache/public/gate.json".to_string(),
        "/../.quire-cache/confidential/".to_string(),
        "/themes/default/static/site.css".to_string(),
        "/static/../../confidential/index.html".to_string(),
        format!("/static/%2e%2e/{members}"),
        format!("//{}/{members}", site.path().display()),
        format!("/{OUT}/agenda-pack.pdf/../tender/"),
        format!("/{OUT}/tender%2findex.html"),
        format!("/{OUT}/tender/index.html%00"),
        format!("/{OUT}/tender/index.html;x"),
    ] {
        let (status, body) = http_get(port, &target);
        assert!(
            !body.contains("CANARY_SITE"),
            "{target} answered {status} with withheld matter"
        );
        assert_ne!(status, 200, "{target} answered 200");
    }
    drop(child);
}
