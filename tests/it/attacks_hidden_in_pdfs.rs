//! Withheld words in a public PDF appendix where its pages do not show them. A red-team
//! session (3 December 2026) published the sentence of an exempt report four ways, the
//! build and `quire audit` both passing, because the gate read a PDF's text strings and
//! its pages' text and nothing else:
//!
//! - a file attached to the PDF (Acrobat's Attachments panel): a briefing note quoting
//!   the report;
//! - the PDF made from the exempt one by deleting the paragraph and pressing Save, which
//!   appends the change to the end of the file and keeps the page as it was before it;
//! - the XMP description of the PDF (a stream of XML, not a text string);
//! - a PDF embedded in a public Word file by Insert > Object, which wraps it in
//!   `oleObject1.bin`, where its compressed pages show no words as bytes.
//!
//! The session also published it in a content stream no page shows. A second session
//! got past the fixes four more ways (see below). Each test is
//! refused, naming the file; the control shows a PDF holding clean words in all those
//! places published.

use crate::attacks_attachments::zip_with;
use crate::attacks_word_breaks::{MEETING, SENTENCE, appendix_site, depot_site, refused_in};
use crate::common::attack::assert_withheld;
use crate::common::pdf_with_text;
use crate::common::site::AS_OF;
use lopdf::content::{Content, Operation};
use lopdf::{Document, IncrementalDocument, Object, Stream, dictionary};

/// What the appendix's page shows.
pub(crate) const PAGE: &str = "Appendix 1: Sufficiency data";

/// A one-page PDF showing `page`, changed by `extra`, its streams compressed as every
/// PDF editor writes them (so that no word is in the file's bytes as they are).
pub(crate) fn pdf(page: &str, extra: impl FnOnce(&mut Document)) -> Vec<u8> {
    let mut doc = Document::load_mem(&pdf_with_text(page)).expect("a PDF");
    extra(&mut doc);
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("write PDF");
    assert!(
        !String::from_utf8_lossy(&out).contains("Zorblax"),
        "the words are in the file's bytes, so the test proves less than it says"
    );
    out
}

/// A stream of `bytes` compressed, however short (lopdf leaves a short one as it is).
pub(crate) fn deflated(dict: lopdf::Dictionary, bytes: Vec<u8>) -> Stream {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&bytes).expect("compress");
    let mut dict = dict;
    dict.set("Filter", "FlateDecode");
    Stream::new(dict, z.finish().expect("compress"))
}

fn catalog(doc: &mut Document) -> &mut lopdf::Dictionary {
    let root = doc.trailer.get(b"Root").and_then(Object::as_reference);
    let root = root.expect("a catalog");
    doc.get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .expect("a catalog")
}

/// Attaches a file to the document, as Acrobat's Attachments panel does.
pub(crate) fn attach(doc: &mut Document, name: &str, bytes: Vec<u8>) {
    let file = doc.add_object(deflated(dictionary! { "Type" => "EmbeddedFile" }, bytes));
    list_attached(doc, name, file, false);
}

/// Lists the stream `file` as the document's attached file `name`, its file
/// specification an object of its own or, if `inline`, written inside the list.
fn list_attached(doc: &mut Document, name: &str, file: lopdf::ObjectId, inline: bool) {
    let spec = dictionary! {
        "Type" => "Filespec",
        "F" => Object::string_literal(name),
        "UF" => Object::string_literal(name),
        "EF" => dictionary! { "F" => file },
    };
    let spec: Object = match inline {
        true => spec.into(),
        false => doc.add_object(spec).into(),
    };
    let names = dictionary! {
        "EmbeddedFiles" => dictionary! {
            "Names" => vec![Object::string_literal(name), spec],
        },
    };
    catalog(doc).set("Names", names);
}

/// Gives the document an XMP packet whose description is `text`.
fn describe(doc: &mut Document, text: &str) {
    let xmp = format!(
        "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{text}</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>"
    );
    let id = doc.add_object(deflated(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp.into_bytes(),
    ));
    catalog(doc).set("Metadata", id);
}

/// A content stream showing `text` in the page's font, that nothing refers to.
fn unshown(doc: &mut Document, text: &str) {
    let ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 12.into()]),
        Operation::new("Td", vec![72.into(), 700.into()]),
        Operation::new("Tj", vec![Object::string_literal(text)]),
        Operation::new("ET", vec![]),
    ];
    doc.add_object(deflated(
        dictionary! {},
        Content { operations: ops }.encode().expect("content"),
    ));
}

/// A PDF showing `before`, then saved again as Acrobat's Save writes an edit: the page
/// now showing `after`, appended to the end of the file as a new revision.
fn edited(before: &str, after: &str) -> Vec<u8> {
    let first = pdf(before, |_| {});
    let doc = Document::load_mem(&first).expect("a PDF");
    let page = *doc.get_pages().values().next().expect("a page");
    let content = doc.get_page_contents(page)[0];
    let mut edit = IncrementalDocument::create_from(first, doc);
    let ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 12.into()]),
        Operation::new("Td", vec![72.into(), 720.into()]),
        Operation::new("Tj", vec![Object::string_literal(after)]),
        Operation::new("ET", vec![]),
    ];
    let stream = deflated(
        dictionary! {},
        Content { operations: ops }.encode().expect("content"),
    );
    edit.new_document.set_object(content, stream);
    let mut out = Vec::new();
    edit.save_to(&mut out).expect("write PDF");
    out
}

/// Was a leak: a briefing note quoting the exempt report, attached to the public PDF as
/// a text file, and as a Word file.
#[test]
fn a_file_attached_to_a_public_pdf_is_read() {
    let note = format!("Briefing note for the Head of Property\n\n{SENTENCE}.\n");
    let word = zip_with(
        &[(
            "word/document.xml",
            format!("<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>{SENTENCE}</w:t></w:r></w:p></w:body></w:document>").into_bytes(),
        )],
        zip::CompressionMethod::Deflated,
        false,
    );
    for (n, (name, bytes)) in [
        ("briefing-note.txt", note.into_bytes()),
        ("briefing-note.docx", word),
    ]
    .into_iter()
    .enumerate()
    {
        let bytes = pdf(PAGE, |doc| attach(doc, name, bytes));
        let site = appendix_site(&format!("hidden-attached-{n}"), &bytes);
        refused_in(&site, "files/briefing.pdf");
    }
}

/// Was a leak: the public appendix made from the exempt one by deleting the sentence and
/// saving, which keeps the page as it was in the file.
#[test]
fn an_earlier_revision_of_a_public_pdf_is_read() {
    let bytes = edited(&format!("{PAGE} {SENTENCE}."), PAGE);
    // The page as a reader sees it now shows only the clean words.
    let doc = Document::load_mem(&bytes).expect("a PDF");
    let page = *doc.get_pages().values().next().expect("a page");
    let shown = String::from_utf8_lossy(&doc.get_page_content(page).expect("content")).into_owned();
    assert!(
        shown.contains("Sufficiency") && !shown.contains("Zorblax"),
        "{shown}"
    );
    let site = appendix_site("hidden-revision", &bytes);
    refused_in(&site, "files/briefing.pdf");
}

/// Was a leak: the sentence as the XMP description of the public PDF.
#[test]
fn the_xmp_metadata_of_a_public_pdf_is_read() {
    let bytes = pdf(PAGE, |doc| describe(doc, &format!("{SENTENCE}.")));
    let site = appendix_site("hidden-xmp", &bytes);
    refused_in(&site, "files/briefing.pdf");
}

/// Was a leak: the sentence drawn by a content stream no page shows.
#[test]
fn text_no_page_shows_is_read() {
    let bytes = pdf(PAGE, |doc| unshown(doc, &format!("{SENTENCE}.")));
    let site = appendix_site("hidden-unshown", &bytes);
    refused_in(&site, "files/briefing.pdf");
}

/// Was a leak: a PDF quoting the report, embedded in a public Word file the old way
/// (Insert > Object), which wraps it in a file of its own.
#[test]
fn a_pdf_embedded_in_a_public_word_file_is_read() {
    let inner = pdf(&format!("Summary of bids. {SENTENCE}."), |_| {});
    // The wrapper: a compound file's signature and header, the PDF, then padding to the
    // end of its sector.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(512, 0);
    ole.extend_from_slice(&inner);
    ole.resize(ole.len().div_ceil(512) * 512 + 512, 0);
    let word = zip_with(
        &[
            (
                "word/document.xml",
                b"<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>Briefing for the public</w:t></w:r></w:p></w:body></w:document>".to_vec(),
            ),
            ("word/embeddings/oleObject1.bin", ole),
        ],
        zip::CompressionMethod::Deflated,
        false,
    );
    let site = depot_site(
        "hidden-ole",
        "See the [briefing for the public (Word)](files/briefing.docx).",
        "",
    );
    site.write_bytes(
        "content/committees/panel/2021-09-24/files/briefing.docx",
        &word,
    );
    refused_in(&site, "files/briefing.docx");
}

/// The control: a PDF holding clean words in each of those places (an attached note, its
/// XMP description, an earlier revision, a stream no page shows) is published, and the
/// sentence is withheld from the public and shown to members.
#[test]
fn a_pdf_with_clean_words_in_all_those_places_is_published() {
    let clean = "The depot closed in March for repairs to its roof.";
    let first = pdf(PAGE, |doc| {
        attach(doc, "note.txt", clean.as_bytes().to_vec());
        describe(doc, clean);
        unshown(doc, clean);
    });
    let doc = Document::load_mem(&first).expect("a PDF");
    let page = *doc.get_pages().values().next().expect("a page");
    let content = doc.get_page_contents(page)[0];
    let mut edit = IncrementalDocument::create_from(first, doc);
    let revised = format!("BT /F1 12 Tf 72 720 Td ({PAGE}, revised) Tj ET");
    edit.new_document
        .set_object(content, deflated(dictionary! {}, revised.into_bytes()));
    let mut bytes = Vec::new();
    edit.save_to(&mut bytes).expect("write PDF");
    let site = appendix_site("hidden-control", &bytes);
    assert_withheld(&site, AS_OF, &["Zorblax Holdings"]);
    let published = site.out("output/committees/panel/2021-09-24/files/briefing.pdf");
    assert_eq!(
        std::fs::read(published).expect("the appendix is published"),
        bytes
    );
}

/// A second red-team session (the same day) got past those fixes in these ways, each now
/// refused: the sentence in the 17th of 34 saves (the reader read only the first and
/// last 16), a file specification written inside the list of attached files and its
/// stream not marked as an attached file, and XMP written as character data or in
/// UTF-16.
#[test]
fn a_file_saved_34_times_is_read_in_every_version() {
    let mut bytes = pdf(&format!("{PAGE}, draft 1"), |_| {});
    for n in 2..=34 {
        let doc = Document::load_mem(&bytes).expect("a PDF");
        let page = *doc.get_pages().values().next().expect("a page");
        let content = doc.get_page_contents(page)[0];
        let mut edit = IncrementalDocument::create_from(bytes, doc);
        let shown = match n {
            17 => format!("{PAGE}, draft 17. {SENTENCE}."),
            _ => format!("{PAGE}, draft {n}"),
        };
        let ops = format!("BT /F1 12 Tf 72 720 Td ({shown}) Tj ET");
        edit.new_document
            .set_object(content, deflated(dictionary! {}, ops.into_bytes()));
        bytes = Vec::new();
        edit.save_to(&mut bytes).expect("write PDF");
    }
    let site = appendix_site("hidden-34-saves", &bytes);
    refused_in(&site, "files/briefing.pdf");
}

#[test]
fn an_attached_file_named_only_by_the_list_of_attached_files_is_read() {
    let bytes = pdf(PAGE, |doc| {
        let file = doc.add_object(deflated(
            dictionary! {},
            format!("Briefing note. {SENTENCE}.").into_bytes(),
        ));
        // The specification written inside the list, not as an object of its own.
        list_attached(doc, "note.txt", file, true);
    });
    let site = appendix_site("hidden-untyped-attachment", &bytes);
    refused_in(&site, "files/briefing.pdf");
}

#[test]
fn xmp_as_character_data_and_in_utf16_is_read() {
    let cdata = format!("<![CDATA[{SENTENCE}.]]>");
    let utf16 = |doc: &mut Document| {
        let xmp = format!(
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><dc:description>{SENTENCE}.</dc:description></x:xmpmeta>"
        );
        let wide: Vec<u8> = xmp.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let id = doc.add_object(deflated(
            dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
            wide,
        ));
        catalog(doc).set("Metadata", id);
    };
    let in_cdata = pdf(PAGE, |doc| describe(doc, &cdata));
    let in_utf16 = pdf(PAGE, utf16);
    for (n, bytes) in [in_cdata, in_utf16].iter().enumerate() {
        let site = appendix_site(&format!("hidden-xmp-{n}"), bytes);
        refused_in(&site, "files/briefing.pdf");
    }
}

/// What the gate cannot unpack, it says so: an attached file in a filter quire does not
/// undo (JPEG 2000, a picture's) is published with a warning naming the appendix, never
/// in silence.
#[test]
fn an_attached_file_quire_cannot_unpack_is_warned_of() {
    let bytes = pdf(PAGE, |doc| {
        let file = doc.add_object(Stream::new(
            dictionary! { "Type" => "EmbeddedFile", "Filter" => "JPXDecode" },
            b"Briefing note".to_vec(),
        ));
        list_attached(doc, "note.txt", file, false);
    });
    let site = appendix_site("hidden-unpackable", &bytes);
    let err = published_with_warning(&site, "packed in a way quire cannot unpack");
    // The pages were read and checked: the warning says only part was not.
    assert!(
        err.contains("read this appendix but not all of it"),
        "{err}"
    );
}

/// Was a leak (round 8): the note attached compressed with a predictor, which PDF
/// writers use for pictures, its parameters given as an array (one for each filter), or
/// TIFF's predictor. quire's PDF library gave back the differences between bytes, not
/// the words, with no error, and the build published the file. Both are now undone, and
/// so are the filters round 8 had published with a warning: ASCIIHex, run-length, and
/// a chain of two.
#[test]
fn an_attached_file_in_any_filter_for_text_is_read() {
    let note = format!("Briefing note. {SENTENCE}.").into_bytes();
    // PNG's "Up" (each byte less the one above it) in rows of 16, and TIFF's (each byte
    // less the one before it).
    let mut png = Vec::new();
    let mut above = [0u8; 16];
    for row in note.chunks(16) {
        png.push(2);
        png.extend(row.iter().zip(above).map(|(b, a)| b.wrapping_sub(a)));
        above[..row.len()].copy_from_slice(row);
    }
    let tiff: Vec<u8> = (note.iter().enumerate())
        .map(|(i, b)| b.wrapping_sub(if i % 16 == 0 { 0 } else { note[i - 1] }))
        .collect();
    let flate = |dict: lopdf::Dictionary, bytes: Vec<u8>| deflated(dict, bytes);
    let plain =
        |filter: Object, bytes: Vec<u8>| Stream::new(dictionary! { "Filter" => filter }, bytes);
    let hex: String = note.iter().map(|b| format!("{b:02X}")).collect();
    let hexed_flate: String = (flate(dictionary! {}, note.clone()).content.iter())
        .map(|b| format!("{b:02x} "))
        .collect();
    // Runs of one byte: a length byte of 0 before each.
    let runs: Vec<u8> = note.iter().flat_map(|&b| [0, b]).chain([128]).collect();
    let files = [
        flate(
            dictionary! { "DecodeParms" => vec![Object::from(dictionary! { "Predictor" => 12, "Columns" => 16 })] },
            png,
        ),
        flate(
            dictionary! { "DecodeParms" => dictionary! { "Predictor" => 2, "Columns" => 16 } },
            tiff,
        ),
        plain("ASCIIHexDecode".into(), format!("{hex}>").into_bytes()),
        plain("RunLengthDecode".into(), runs),
        plain(
            vec![Object::from("ASCIIHexDecode"), Object::from("FlateDecode")].into(),
            format!("{hexed_flate}>").into_bytes(),
        ),
    ];
    for (n, mut file) in files.into_iter().enumerate() {
        file.dict.set("Type", "EmbeddedFile");
        let bytes = pdf(PAGE, |doc| {
            let file = doc.add_object(file);
            list_attached(doc, "note.txt", file, false);
        });
        let site = appendix_site(&format!("hidden-filter-{n}"), &bytes);
        refused_in(&site, "files/briefing.pdf");
    }
}

/// The public build of `site` passes, warning that it could not read all of the
/// appendix `files/briefing.pdf`, and why. Returns what the build printed.
pub(crate) fn published_with_warning(site: &crate::common::site::Site, why: &str) -> String {
    let out = site.build(&[]);
    let err = crate::common::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("files/briefing.pdf") && err.contains(why),
        "{err}"
    );
    err
}

/// A PDF whose page's stream gives a wrong length (a common fault of the programs that
/// write PDFs, which every viewer repairs) read as a page showing nothing: it is now
/// warned of, naming the appendix.
#[test]
fn a_damaged_page_is_warned_of_not_read_as_empty() {
    let shown = format!("BT /F1 12 Tf 72 720 Td ({SENTENCE}) Tj ET");
    let data = deflated(dictionary! {}, shown.into_bytes()).content;
    let objects: Vec<Vec<u8>> = vec![
        b"<</Type/Catalog/Pages 2 0 R>>".to_vec(),
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>".to_vec(),
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>".to_vec(),
        [
            format!("<</Length {}/Filter/FlateDecode>>\nstream\n", data.len() + 40).as_bytes(),
            &data,
            b"\nendstream",
        ]
        .concat(),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>".to_vec(),
    ];
    let file = by_hand(&objects, None);
    let site = appendix_site("hidden-damaged", &file);
    published_with_warning(&site, "page 1 cannot be read");
}

/// A PDF of these objects (numbered from 1) as a program writes one by hand, with its
/// table of where each object is; `wrong`: an object whose place the table gives three
/// bytes out.
pub(crate) fn by_hand(objects: &[Vec<u8>], wrong: Option<usize>) -> Vec<u8> {
    let mut file = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(file.len() + if wrong == Some(i + 1) { 3 } else { 0 });
        file.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        file.extend_from_slice(body);
        file.extend_from_slice(b"\nendobj\n");
    }
    let xref = file.len();
    let size = objects.len() + 1;
    file.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
    for offset in offsets {
        file.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    file.extend_from_slice(
        format!("trailer\n<</Size {size}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    file
}

/// Was a leak (round 10): the sentence drawn by glyph number in a font whose map to
/// letters is in an object the file's table places three bytes out, as a tool that
/// edits a file in place without writing the table again leaves it. Every viewer
/// repairs the table and shows the sentence; quire's PDF library dropped the object with
/// no error, and the gate read glyph numbers. Since round 11 quire reads the object where
/// it begins, as a viewer does, and refuses the file like the control, the same file
/// with its table right. An object it cannot find at all (its own first line damaged
/// too) is warned of, naming the file.
#[test]
fn an_object_the_table_of_objects_misplaces_is_read_where_it_begins() {
    let objects = by_glyph_number(SENTENCE);
    let control = appendix_site("hidden-misplaced-control", &by_hand(&objects, None));
    refused_in(&control, "files/briefing.pdf");
    let site = appendix_site("hidden-misplaced", &by_hand(&objects, Some(5)));
    refused_in(&site, "files/briefing.pdf");
    let lost = appendix_site("hidden-lost", &headless(by_hand(&objects, Some(5)), 5));
    published_with_warning(
        &lost,
        "of its objects cannot be read where its table of objects says",
    );
}

/// The file with the first line of object `n` (`5 0 obj`) damaged, so that nothing can
/// find where the object begins.
pub(crate) fn headless(file: Vec<u8>, n: usize) -> Vec<u8> {
    let header = format!("\n{n} 0 obj");
    let at = (file
        .windows(header.len())
        .position(|w| w == header.as_bytes()))
    .expect("the object");
    [
        &file[..at],
        format!("\n{n} 0 xbj").as_bytes(),
        &file[at + header.len()..],
    ]
    .concat()
}

/// The same fault in an exempt appendix (round 10): the gate read it as glyph numbers,
/// so it had none of its words to look for, and a public report quoting it was
/// published. Since round 11 the gate reads the object where it begins, and the report
/// is refused as with the control, its table right; an object it cannot find at all is
/// warned of: the withheld file could not be read whole.
#[test]
fn a_withheld_pdf_the_gate_cannot_read_whole_is_warned_of() {
    const VALUATION: &str = "The district valuer put the Holly Garth site at three hundred and ninety thousand pounds in March";
    let objects = by_glyph_number(VALUATION);
    for (label, file) in [
        ("withheld-misplaced-control", by_hand(&objects, None)),
        ("withheld-misplaced", by_hand(&objects, Some(5))),
        ("withheld-lost", headless(by_hand(&objects, Some(5)), 5)),
    ] {
        let site = depot_site(label, &format!("{VALUATION}."), "");
        site.write(
            &format!("{MEETING}/meeting.yaml"),
            "date: 2021-09-24\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: held\nagenda_published: 2021-09-16\nitems:\n  - title: Depot update\n    documents: [update.md]\n  - title: Sale of land\n    exempt: [3]\n    documents: [tender.md, { file: files/valuation.pdf, title: Valuation }]\n",
        );
        site.write_bytes(&format!("{MEETING}/files/valuation.pdf"), &file);
        if label != "withheld-lost" {
            refused_in(&site, "files/valuation.pdf");
            continue;
        }
        let out = site.build(&[]);
        let err = crate::common::stderr(&out);
        assert!(out.status.success(), "{err}");
        assert!(
            err.contains(
                "files/valuation.pdf: the leak gate could not read all of this withheld file"
            ),
            "{err}"
        );
    }
}

/// A one-page PDF (objects numbered from 1) drawing `sentence` by glyph number in a
/// font whose map to letters (object 6) is named by the font, object 5.
pub(crate) fn by_glyph_number(sentence: &str) -> Vec<Vec<u8>> {
    let letters: std::collections::BTreeSet<char> = sentence.chars().collect();
    let glyph = |c: char| letters.iter().position(|&l| l == c).expect("a letter") + 3;
    let codes: String = sentence
        .chars()
        .map(|c| format!("{:04X}", glyph(c)))
        .collect();
    let shown = format!("BT /F1 12 Tf 72 720 Td <{codes}> Tj ET");
    let entries: String = (letters.iter())
        .map(|&c| format!("<{:04X}> <{:04X}>\n", glyph(c), c as u32))
        .collect();
    let map = format!(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n{} beginbfchar\n{entries}endbfchar\nendcmap end end",
        letters.len()
    );
    vec![
        b"<</Type/Catalog/Pages 2 0 R>>".to_vec(),
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>".to_vec(),
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>".to_vec(),
        compressed(shown.into_bytes()),
        b"<</Type/Font/Subtype/Type0/BaseFont/Arial/Encoding/Identity-H/DescendantFonts[7 0 R]/ToUnicode 6 0 R>>".to_vec(),
        compressed(map.into_bytes()),
        b"<</Type/Font/Subtype/CIDFontType2/BaseFont/Arial/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>>>".to_vec(),
    ]
}

/// A stream object's body as `by_hand` takes it: `bytes` compressed with Flate.
pub(crate) fn compressed(bytes: Vec<u8>) -> Vec<u8> {
    let data = deflated(dictionary! {}, bytes).content;
    let head = format!("<</Length {}/Filter/FlateDecode>>\nstream\n", data.len());
    [head.as_bytes(), &data, b"\nendstream"].concat()
}

/// A 16 by 16 photo, as a JPEG file; `seed` makes another.
pub(crate) fn jpeg(seed: u8) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(16, 16, |x, y| {
        image::Rgb([x as u8 * 16, y as u8 * 16, seed.wrapping_mul(97)])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new(&mut out)
        .encode_image(&pixels)
        .expect("a JPEG");
    out
}

/// Was a leak (round 10): a photo only the exempt report shows, placed on a page of a
/// public PDF (a PDF keeps a JPEG's bytes as they are, and `pdfimages -j` gives the file
/// back), attached to one, or written into a public SVG figure. The gate compared
/// withheld files only with whole files. All are refused, naming the photo; the
/// control, another photo placed on the page, is published.
#[test]
fn a_withheld_photo_held_in_a_public_pdf_is_refused() {
    let placed = |bytes: Vec<u8>| {
        pdf(PAGE, move |doc| {
            let dict = dictionary! {
                "Type" => "XObject", "Subtype" => "Image", "Width" => 16, "Height" => 16,
                "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8, "Filter" => "DCTDecode",
            };
            doc.add_object(Stream::new(dict, bytes));
        })
    };
    let attached = |bytes: Vec<u8>| pdf(PAGE, move |doc| attach(doc, "site.jpg", bytes));
    let cases = [
        ("held-placed", placed(jpeg(1)), true),
        ("held-attached", attached(jpeg(1)), true),
        ("held-control", placed(jpeg(2)), false),
    ];
    for (label, bytes, refused) in cases {
        let site = appendix_site(label, &bytes);
        site.write(
            &format!("{MEETING}/tender.md"),
            &format!("---\ntitle: Sale of land at the depot\nkind: report\n---\n\n{SENTENCE}.\n\n![The depot from the road](files/depot.jpg)\n"),
        );
        site.write_bytes(&format!("{MEETING}/files/depot.jpg"), &jpeg(1));
        if refused {
            crate::common::attack::assert_refused(
                &site,
                AS_OF,
                "files/briefing.pdf",
                "files/depot.jpg",
            );
        } else {
            let out = site.build(&[]);
            assert!(out.status.success(), "{}", crate::common::stderr(&out));
        }
    }
    // The same photo written into a public SVG figure as a `data:` address.
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(jpeg(1));
    let site = depot_site("held-svg", "![Figure: the depot](files/figure.svg)", "");
    site.write(
        &format!("{MEETING}/files/figure.svg"),
        &format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16\" height=\"16\"><image width=\"16\" height=\"16\" href=\"data:image/jpeg;base64,{encoded}\"/></svg>"),
    );
    site.write(
        &format!("{MEETING}/tender.md"),
        &format!("---\ntitle: Sale of land at the depot\nkind: report\n---\n\n{SENTENCE}.\n\n![The depot from the road](files/depot.jpg)\n"),
    );
    site.write_bytes(&format!("{MEETING}/files/depot.jpg"), &jpeg(1));
    crate::common::attack::assert_refused(&site, AS_OF, "files/figure.svg", "files/depot.jpg");
}

/// A third red-team session (the same day) published the sentence in a form filled in
/// Acrobat (XFA: the page shows only "Please wait...", and Acrobat draws the form from
/// XML in the file), and in an e-mail attached to a PDF, its text in base64 as most mail
/// programs send it. Both are refused.
#[test]
fn a_filled_in_xfa_form_and_an_attached_e_mail_are_read() {
    use base64::Engine;
    let form = pdf(
        "Please wait... If this message is not eventually replaced",
        |doc| {
            let data = format!(
                "<xfa:datasets xmlns:xfa=\"http://www.xfa.org/schema/xfa-data/1.0/\"><xfa:data><form><Summary>{SENTENCE}.</Summary></form></xfa:data></xfa:datasets>"
            );
            let id = doc.add_object(deflated(dictionary! {}, data.into_bytes()));
            let template = doc.add_object(deflated(
                dictionary! {},
                b"<template><subform><field name=\"Summary\"/></subform></template>".to_vec(),
            ));
            let fields: Vec<Object> = Vec::new();
            let xfa = vec![
                Object::string_literal("template"),
                template.into(),
                Object::string_literal("datasets"),
                id.into(),
            ];
            catalog(doc).set("AcroForm", dictionary! { "Fields" => fields, "XFA" => xfa });
        },
    );
    let body = base64::engine::general_purpose::STANDARD.encode(format!("{SENTENCE}."));
    let lines: Vec<&str> = (0..body.len())
        .step_by(76)
        .map(|i| &body[i..(i + 76).min(body.len())])
        .collect();
    let mail = format!(
        "From: officer@example.gov.uk\r\nSubject: Consultation\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
        lines.join("\r\n")
    );
    let mailed = pdf(PAGE, |doc| {
        attach(doc, "consultation.eml", mail.into_bytes())
    });
    for (n, bytes) in [form, mailed].iter().enumerate() {
        let site = appendix_site(&format!("hidden-form-mail-{n}"), bytes);
        refused_in(&site, "files/briefing.pdf");
    }
}
