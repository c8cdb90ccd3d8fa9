//! The leak gate reads the words of the attachments papers link to that are not PDFs:
//! Word, Excel, PowerPoint and OpenDocument files, plain text and CSV. Each test plants
//! an exempt report's words in such a file the public would download, checks that the
//! public build stops naming the withheld source and the file, and has its positive
//! control: the same site with nothing exempt builds and publishes the file.
//!
//! The office files are deflated, so the words are not in their raw bytes: only a gate
//! that opens the file finds them.

use std::io::Write;

use crate::common::scan::appears_in;
use crate::common::site::{Site, meeting, paper};
use crate::common::stderr;

/// The exempt report's words: a bidder and a price.
const TENDER: &str = "The lowest tender, from CANARY_ATTACHED Builders Limited of Durham, was 1,234,567 pounds for the whole of the works at the site.";

const MEETING: &str = "content/committees/panel/2021-09-24";
const OUT: &str = "committees/panel/2021-09-24";

/// A zip of these parts, deflated.
fn zip_of(parts: &[(&str, String)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// A Word file whose body has `text` split into runs at every space (as Word does where
/// formatting changes), and `extra` parts.
fn docx_with(text: &str, body_extra: &str, extra: &[(&str, String)]) -> Vec<u8> {
    let runs: String = text
        .split_inclusive(' ')
        .map(|w| format!("<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{w}</w:t></w:r>"))
        .collect();
    let mut parts = vec![(
        "word/document.xml",
        format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Briefing note</w:t></w:r></w:p><w:p>{runs}{body_extra}</w:p></w:body></w:document>"#
        ),
    )];
    parts.extend(extra.iter().map(|(n, t)| (*n, t.clone())));
    zip_of(&parts)
}

fn docx(text: &str) -> Vec<u8> {
    docx_with(text, "", &[])
}

/// A spreadsheet whose shared strings hold `text` in one cell.
fn xlsx(text: &str) -> Vec<u8> {
    zip_of(&[(
        "xl/sharedStrings.xml",
        format!(r#"<sst xmlns="s"><si><t>Bidder</t></si><si><t>{text}</t></si></sst>"#),
    )])
}

/// An OpenDocument text whose paragraph holds `text`, part of it in a span.
fn odt(text: &str) -> Vec<u8> {
    let (a, b) = text.split_at(text.len() / 2);
    zip_of(&[(
        "content.xml",
        format!(
            r#"<office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text><text:p>{a}<text:span>{b}</text:span></text:p></office:text></office:body></office:document-content>"#
        ),
    )])
}

/// A site whose meeting lists a public update (`update.md`) and a contract report
/// (`tender.md`), exempt or not.
fn contract_meeting(label: &str, exempt: bool) -> Site {
    let site = Site::new(label);
    let marking = if exempt { "    exempt: [3]\n" } else { "" };
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        &format!(
            "  - title: Leisure centre works\n    documents: [update.md]\n  - title: Award of the works contract\n{marking}    documents: [tender.md]\n"
        ),
    );
    site
}

/// A meeting with a public update linking `files/<name>` and a contract report holding
/// the tender, exempt or not.
fn site_with(label: &str, exempt: bool, name: &str, bytes: &[u8]) -> Site {
    let tender = format!("## Tenders\n\n{TENDER}\n");
    let update = format!("The [briefing](files/{name}) has the details.\n");
    papers(label, exempt, &tender, &update, &[(name, bytes.to_vec())])
}

/// The contract meeting with these bodies for the tender report and the update, and
/// these files in its `files/` folder.
fn papers(
    label: &str,
    exempt: bool,
    tender: &str,
    update: &str,
    files: &[(&str, Vec<u8>)],
) -> Site {
    let site = contract_meeting(label, exempt);
    site.write(
        &format!("{MEETING}/tender.md"),
        &paper("Tender report", tender),
    );
    site.write(
        &format!("{MEETING}/update.md"),
        &paper("Progress update", update),
    );
    for (name, bytes) in files {
        site.write_bytes(&format!("{MEETING}/files/{name}"), bytes);
    }
    site
}

/// The public build stops, naming the exempt report and the attachment, and writes
/// nothing; with nothing exempt, it builds and publishes the attachment.
fn assert_caught(name: &str, bytes: &[u8]) {
    let site = site_with(&format!("att-{name}"), true, name, bytes);
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{name} leaked:\n{err}");
    assert!(
        err.contains(&format!("error: {MEETING}/tender.md:8: words withheld")),
        "{name}: the message does not name the exempt report:\n{err}"
    );
    assert!(
        err.contains(&format!("{OUT}/files/{name}")),
        "{name}: the message does not name the file:\n{err}"
    );
    assert!(
        err.contains(&format!(
            "hint: the attached file {OUT}/files/{name} has these words"
        )),
        "{name}: the hint does not point at the file:\n{err}"
    );
    assert!(
        !err.contains("CANARY_ATTACHED"),
        "the message prints the secret:\n{err}"
    );
    assert!(
        !site.out("output").exists(),
        "a stopped build wrote output/"
    );
    // The members' edition publishes the file, words and all.
    let members = site.build(&["--confidential"]);
    assert!(members.status.success(), "{}", stderr(&members));
    assert!(appears_in(&site.out("confidential"), "CANARY_ATTACHED"));

    let control = site_with(&format!("att-{name}-control"), false, name, bytes);
    let out = control.build(&[]);
    assert!(out.status.success(), "{name}: {}", stderr(&out));
    assert!(
        control
            .out("output")
            .join(OUT)
            .join("files")
            .join(name)
            .exists(),
        "{name} was not published"
    );
}

#[test]
fn withheld_words_in_a_public_word_file_stop_the_build() {
    assert_caught("briefing.docx", &docx(TENDER));
}

#[test]
fn withheld_words_in_a_public_spreadsheet_or_opendocument_file_stop_the_build() {
    assert_caught("prices.xlsx", &xlsx(TENDER));
    assert_caught("notes.odt", &odt(TENDER));
}

#[test]
fn withheld_words_in_a_public_text_or_csv_file_stop_the_build() {
    assert_caught(
        "notes.txt",
        format!("Notes of the site visit\n\n{TENDER}\n").as_bytes(),
    );
    assert_caught(
        "bids.csv",
        format!("bidder,note\n1,\"{}\"\n", TENDER.replace('"', "")).as_bytes(),
    );
}

#[test]
fn an_exempt_spreadsheet_saved_again_is_caught_by_its_words() {
    // The exempt item's own spreadsheet, and the same cells saved again (other bytes)
    // as a public report's attachment.
    let make = |label: &str, exempt: bool| {
        let mut again = xlsx(TENDER);
        again.extend(b"saved again");
        let files = [("evaluation.xlsx", xlsx(TENDER)), ("costs.xlsx", again)];
        let tender = "The [evaluation](files/evaluation.xlsx) is attached.\n";
        papers(
            label,
            exempt,
            tender,
            "The [costs](files/costs.xlsx) so far.\n",
            &files,
        )
    };
    let site = make("att-resaved", true);
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(!out.status.success(), "the copy leaked:\n{err}");
    assert!(
        err.contains(&format!(
            "error: {MEETING}/files/evaluation.xlsx: words withheld"
        )) && err.contains("costs.xlsx"),
        "{err}"
    );
    let control = make("att-resaved-control", false);
    assert!(control.build(&[]).status.success());
    assert!(
        control
            .out("output")
            .join(OUT)
            .join("files/costs.xlsx")
            .exists()
    );
}

#[test]
fn an_office_file_the_gate_cannot_read_is_published_with_a_warning() {
    // Not a zip at all: a password-protected Word file looks like this to the gate.
    let site = site_with("att-unreadable", true, "locked.docx", b"not an office file");
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!("warning: {OUT}/files/locked.docx: the leak gate could not read the text of this appendix")),
        "{err}"
    );
    assert!(err.contains("check it by eye"), "{err}");
}

#[test]
fn audit_reads_the_words_of_an_office_file_added_by_hand() {
    let site = site_with("att-audit", true, "notes.txt", b"Nothing to see.\n");
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = site.out("output");
    std::fs::write(public.join("briefing.docx"), docx(TENDER)).unwrap();
    let found = audit(&site, &public);
    let err = stderr(&found);
    assert_eq!(found.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("error: {MEETING}/tender.md:8")) && err.contains("briefing.docx"),
        "{err}"
    );
    // An office file the audit cannot open is not vouched for.
    std::fs::remove_file(public.join("briefing.docx")).unwrap();
    std::fs::write(public.join("locked.xlsx"), b"not a zip").unwrap();
    let err = stderr(&audit(&site, &public));
    assert!(
        err.contains("locked.xlsx") && err.contains("could not read"),
        "{err}"
    );
    // The control: the site as built passes.
    std::fs::remove_file(public.join("locked.xlsx")).unwrap();
    let clean = audit(&site, &public);
    assert!(clean.status.success(), "{}", stderr(&clean));
}

fn audit(site: &Site, folder: &std::path::Path) -> std::process::Output {
    crate::common::quire()
        .args(["audit", "--as-of", crate::common::site::AS_OF, "--root"])
        .arg(site.path())
        .arg(folder)
        .output()
        .unwrap()
}

/// A public build of a site where nothing is exempt, stopped by the hidden matter of
/// `files/<name>`: it names the file and what it holds, gives the steps the hint must
/// include, never prints the hidden words and writes nothing. The positive control: the
/// members' edition publishes the file with `canary` in it. Then `clean` is put in its
/// place and the public build publishes it.
fn assert_hidden(
    label: &str,
    name: &str,
    bytes: &[u8],
    holds: &str,
    steps: &[&str],
    canary: &str,
    clean: &[u8],
) {
    let site = site_with(label, false, name, bytes);
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(!out.status.success(), "published with {holds}:\n{err}");
    assert!(
        err.contains(&format!(
            "error: {MEETING}/files/{name}: this file holds {holds}"
        )) && err.contains(&format!("would be published in {OUT}/files/{name}")),
        "{err}"
    );
    for step in steps {
        assert!(err.contains(step), "the hint lacks {step:?}: {err}");
    }
    assert!(!err.contains("CANARY"), "{err}");
    assert!(
        !site.out("output").exists(),
        "a stopped build wrote output/"
    );
    // Members may have the file as it is.
    let members = site.build(&["--confidential"]);
    assert!(members.status.success(), "{}", stderr(&members));
    assert!(appears_in(&site.out("confidential"), canary));
    // The control: the file cleaned is published.
    std::fs::write(site.path().join(MEETING).join("files").join(name), clean).unwrap();
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        site.out("output")
            .join(OUT)
            .join("files")
            .join(name)
            .exists()
    );
}

#[test]
fn a_public_word_file_with_tracked_changes_or_comments_is_not_published() {
    // A draft's deleted paragraph, still in the file as a tracked deletion, and a
    // reviewer's comment: neither is on the page, both are in the file. Nothing here is
    // exempt, so only the file's hidden matter stops the build.
    let deleted = r#"<w:del w:id="1" w:author="Officer"><w:r><w:delText>CANARY_DELETED_DRAFT_WORDS</w:delText></w:r></w:del>"#;
    let comment = (
        "word/comments.xml",
        r#"<w:comments xmlns:w="w"><w:comment w:id="0"><w:p><w:r><w:t>CANARY_REVIEW_COMMENT</w:t></w:r></w:p></w:comment></w:comments>"#.to_string(),
    );
    assert_hidden(
        "att-hidden",
        "briefing.docx",
        &docx_with("The works are on time.", deleted, &[comment]),
        "comments and tracked changes",
        &["Accept All Changes", "Delete All Comments"],
        "CANARY_DELETED_DRAFT_WORDS",
        &docx("The works are on time."),
    );
}

#[test]
fn a_public_spreadsheet_with_a_hidden_row_or_a_hidden_slide_is_not_published() {
    // A list of bids filtered to the lots already announced: the other rows are hidden,
    // not deleted, and a reader who clears the filter sees the price.
    let sheet = |hidden: &str| {
        zip_of(&[(
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<worksheet xmlns="x"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Lot 1 awarded</t></is></c></row><row r="2"{hidden}><c r="A2" t="inlineStr"><is><t>CANARY_FILTERED_ROW_PRICE</t></is></c></row></sheetData></worksheet>"#
            ),
        )])
    };
    assert_hidden(
        "att-hidden-row",
        "bids.xlsx",
        &sheet(r#" hidden="1""#),
        "hidden rows",
        &["unhide the hidden rows (and clear any filter)"],
        "CANARY_FILTERED_ROW_PRICE",
        &sheet(""),
    );
    // A slide deck with a hidden slide that still says who won.
    let deck = |show: &str| {
        zip_of(&[(
            "ppt/slides/slide2.xml",
            format!(
                r#"<p:sld xmlns:p="p" xmlns:a="a"{show}><p:cSld><a:p><a:r><a:t>CANARY_HIDDEN_SLIDE_BIDDER</a:t></a:r></a:p></p:cSld></p:sld>"#
            ),
        )])
    };
    assert_hidden(
        "att-hidden-slide",
        "briefing.pptx",
        &deck(r#" show="0""#),
        "hidden slides",
        &["unhide the hidden slides"],
        "CANARY_HIDDEN_SLIDE_BIDDER",
        &deck(""),
    );
}

#[test]
fn a_public_report_quoting_a_withheld_word_file_stops_the_build() {
    // The exempt report attaches a Word file; a public report quotes a paragraph of it.
    // The Markdown says nothing secret: the words are only in the attachment.
    let make = |label: &str, exempt: bool| {
        let tender = "The [evaluation](files/evaluation.docx) is attached.\n";
        let files = [("evaluation.docx", docx(TENDER))];
        papers(label, exempt, tender, &format!("{TENDER}\n"), &files)
    };
    let site = make("att-quoted", true);
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(!out.status.success(), "the quote leaked:\n{err}");
    assert!(
        err.contains(&format!(
            "error: {MEETING}/files/evaluation.docx: words withheld"
        )) && err.contains(&format!("{OUT}/update/index.html")),
        "{err}"
    );
    assert!(!err.contains("CANARY_ATTACHED"), "{err}");
    let control = make("att-quoted-control", false);
    let out = control.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(appears_in(&control.out("output"), "CANARY_ATTACHED"));
}

#[test]
fn real_office_files_are_published_clean_and_refused_with_hidden_matter() {
    // Files written by python-pptx, openpyxl and python-docx (tests/fixtures/office/
    // make.py): a PowerPoint template's masters and layouts, a filtered table with a
    // white heading on a dark fill and an empty hidden row and column, a Word file with
    // lists and a table. None of that hides words, so all three are published.
    let dir = crate::common::repo().join("tests/fixtures/office");
    let file = |name: &str| std::fs::read(dir.join(name)).unwrap();
    let clean = ["clean.docx", "clean.xlsx", "clean.pptx"];
    let links: String = clean
        .iter()
        .map(|n| format!("The [file](files/{n}).\n"))
        .collect();
    let files: Vec<(&str, Vec<u8>)> = clean.iter().map(|n| (*n, file(n))).collect();
    let site = papers("att-real", false, "Nothing secret.\n", &links, &files);
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    for name in clean {
        assert_eq!(
            std::fs::read(site.out("output").join(OUT).join("files").join(name)).unwrap(),
            file(name)
        );
    }
    // The same programs hiding one thing each, that holds words.
    for (name, holds) in [
        ("row.xlsx", "hidden rows"),
        ("filter.xlsx", "hidden rows"),
        ("col.xlsx", "hidden columns"),
        ("sheet.xlsx", "hidden sheets"),
        ("fmt.xlsx", "hidden text"),
        ("hidden.docx", "hidden text"),
        ("slide.pptx", "hidden slides"),
    ] {
        let site = site_with(&format!("att-real-{name}"), false, name, &file(name));
        let out = site.build(&[]);
        let err = stderr(&out);
        assert!(
            !out.status.success()
                && err.contains(&format!(
                    "error: {MEETING}/files/{name}: this file holds {holds},"
                )),
            "{name}: {err}"
        );
    }
}
