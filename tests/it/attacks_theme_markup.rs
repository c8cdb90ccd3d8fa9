//! Withheld words hidden in the markup of a theme's files, where a reader of the page
//! does not see them but anyone who opens its source does. Found on 3 December 2026: the
//! gate read a web page's text and its quoted attribute values, but skipped everything
//! else inside a tag, so a sentence of an exempt report pasted into an HTML comment
//! (`<!-- … -->`) of a theme's page or template was published. Comments in Markdown
//! never were: quire removes them before anything is read.
//!
//! Each refusal has its control: the members' edition holds the sentence, and the public
//! build without the copy withholds it.

use crate::common::attack::{assert_refused, assert_withheld};
use crate::common::site::{AS_OF, Site};

const MEETING: &str = "content/committees/panel/2021-09-24";
/// A sentence of the exempt report, long enough for the gate's phrases.
const SENTENCE: &str = "The owner CANARYOFFER accepted an offer of £412,500 for the house on condition that contracts are exchanged";

/// The panel's meeting of 24 September 2021, with an exempt item whose report holds
/// [`SENTENCE`].
fn exempt_site(label: &str) -> Site {
    let site = Site::new(label);
    site.write(
        &format!("{MEETING}/meeting.yaml"),
        "date: 2021-09-24\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: held\nagenda_published: 2021-09-16\nitems:\n  - title: Apologies for absence\n  - title: Acquisition of a property\n    exempt: [3]\n    documents: [acquisition.md]\n",
    );
    site.write(
        &format!("{MEETING}/acquisition.md"),
        &format!("---\ntitle: Acquisition of a property\nkind: report\n---\n\n## The property\n\n{SENTENCE} by 30 November 2021.\n"),
    );
    site
}

/// The control both tests share: without the theme's file, the sentence is withheld from
/// the public and shown to members.
#[test]
fn the_sentence_is_withheld_without_the_theme_file() {
    assert_withheld(&exempt_site("markup-control"), AS_OF, &["CANARYOFFER"]);
}

/// Was a leak: the sentence in a comment of a page of the theme's static folder, and
/// (a second file) as an unquoted attribute value, whose words after the first a
/// browser reads as attributes of their own.
#[test]
fn a_comment_in_a_theme_page_is_read() {
    let site = exempt_site("markup-comment");
    site.write(
        "themes/default/static/note.html",
        &format!("<!doctype html>\n<html lang=\"en\"><body><p>Opening hours</p>\n<!-- {SENTENCE} -->\n</body></html>\n"),
    );
    assert_refused(
        &site,
        AS_OF,
        "static/note.html",
        "words withheld from the public",
    );
    std::fs::remove_file(site.path().join("themes/default/static/note.html")).unwrap();
    site.write(
        "themes/default/static/plan.svg",
        &format!("<svg xmlns=\"http://www.w3.org/2000/svg\"><g data-note={SENTENCE}></g></svg>\n"),
    );
    assert_refused(
        &site,
        AS_OF,
        "static/plan.svg",
        "words withheld from the public",
    );
}

/// Was a leak: the sentence in a comment of a template the site overrides, so on every
/// page the template makes.
#[test]
fn a_comment_in_a_template_is_read() {
    let site = exempt_site("markup-template");
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
    )
    .unwrap();
    assert!(base.contains("</body>"));
    let base = base.replacen("</body>", &format!("<!-- {SENTENCE} -->\n</body>"), 1);
    site.write("themes/default/templates/base.html", &base);
    assert_refused(&site, AS_OF, "index.html", "words withheld from the public");
}
