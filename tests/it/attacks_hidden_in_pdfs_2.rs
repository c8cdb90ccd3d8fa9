//! Withheld matter in public files where round 11 of the red team (4 December 2026) found
//! the gate blind, with an officer's or a tool's doing: a withheld photo packed again
//! inside a public PDF, given other metadata, put in a public Word file, or pasted into
//! a report as markup; a `data:` address written with character references; an object
//! a PDF's table of objects leaves out. And one false alarm: a public PDF with a
//! compressed picture in a page's content could not be read at all, and was refused.
//! Each leak is refused, naming the photo or the words; each control is published.

use base64::Engine;
use lopdf::{Object, Stream, dictionary};

use crate::attacks_attachments::zip_with;
use crate::attacks_hidden_in_pdfs::{
    PAGE, attach, by_hand, compressed, deflated, jpeg, pdf, published_with_warning,
};
use crate::attacks_word_breaks::{MEETING, SENTENCE, appendix_site, depot_site, refused_in};
use crate::common::attack::assert_refused;
use crate::common::site::{AS_OF, Site};
use crate::common::stderr;

/// The depot site whose exempt report shows the photo `files/depot.jpg` (`jpeg(1)`); its
/// public report says `update` and lists `documents` more.
fn photo_site(label: &str, update: &str, documents: &str) -> Site {
    let site = depot_site(label, update, documents);
    site.write(
        &format!("{MEETING}/tender.md"),
        &format!("---\ntitle: Sale of land at the depot\nkind: report\n---\n\n{SENTENCE}.\n\n![The depot from the road](files/depot.jpg)\n"),
    );
    site.write_bytes(&format!("{MEETING}/files/depot.jpg"), &jpeg(1));
    site
}

/// The public build is refused for the withheld photo, found in `file`.
fn photo_refused(site: &Site, file: &str) {
    assert_refused(site, AS_OF, file, "files/depot.jpg");
}

/// The public build passes without a word of warning about `file`.
fn published_quietly(site: &Site, file: &str) {
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains(file), "{err}");
}

/// A 16 by 16 picture placed in a PDF as `bytes` under `filter`.
fn image(filter: Object, bytes: Vec<u8>) -> Stream {
    let dict = dictionary! {
        "Type" => "XObject", "Subtype" => "Image", "Width" => 16, "Height" => 16,
        "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8, "Filter" => filter,
    };
    Stream::new(dict, bytes)
}

/// The JPEG with a comment after its first marker, as a photo editor saves one: other
/// bytes, the same picture, and the same file once quire has cleaned it.
fn with_comment(jpeg: &[u8]) -> Vec<u8> {
    let text = b"Edited on the council's laptop";
    let len = (text.len() + 2) as u16;
    [
        &jpeg[..2],
        &[0xff, 0xfe],
        &len.to_be_bytes(),
        text,
        &jpeg[2..],
    ]
    .concat()
}

/// Were leaks: the photo only the exempt report shows, placed on a page of a public PDF
/// compressed once more (`[/FlateDecode /DCTDecode]`, as some PDF tools write every
/// stream), with its filter named by reference, or with bytes after its end (a
/// scanner's padding). The gate took only a JPEG stream as it was. The control, another
/// photo packed the same way, is published.
#[test]
fn a_withheld_photo_packed_again_in_a_public_pdf_is_refused() {
    let zlib = |b: &[u8]| deflated(dictionary! {}, b.to_vec()).content;
    let twice = |photo: Vec<u8>| {
        pdf(PAGE, move |doc| {
            let filters = vec![Object::from("FlateDecode"), Object::from("DCTDecode")];
            doc.add_object(image(filters.into(), zlib(&photo)));
        })
    };
    let by_reference = |photo: Vec<u8>| {
        pdf(PAGE, move |doc| {
            let name = doc.add_object(Object::Name(b"DCTDecode".to_vec()));
            doc.add_object(image(name.into(), photo));
        })
    };
    let padded = |photo: Vec<u8>| {
        let photo = [photo, b"\0\0\0\0scanner padding".to_vec()].concat();
        pdf(PAGE, move |doc| {
            doc.add_object(image("DCTDecode".into(), photo));
        })
    };
    for (label, bytes) in [
        ("packed-flate", twice(jpeg(1))),
        ("packed-reference", by_reference(jpeg(1))),
        ("packed-padded", padded(jpeg(1))),
    ] {
        let site = photo_site(label, "See the briefing note.", BRIEFING);
        site.write_bytes(&format!("{MEETING}/files/briefing.pdf"), &bytes);
        photo_refused(&site, "files/briefing.pdf");
    }
    let control = photo_site("packed-control", "See the briefing note.", BRIEFING);
    control.write_bytes(&format!("{MEETING}/files/briefing.pdf"), &twice(jpeg(2)));
    published_quietly(&control, "files/briefing.pdf");
}

/// The public report's list of documents with the appendix `files/briefing.pdf`.
const BRIEFING: &str = ", { file: files/briefing.pdf, title: \"Appendix: briefing note\" }";

/// Were leaks: the withheld photo with a comment added (as a photo editor saves it) shown
/// in the public report, where quire publishes it cleaned, byte for byte the withheld
/// one as the gate would have published it; and the same photo written into a public SVG
/// figure with `&#43;` for each `+` of its base64 (which the browser decodes), where the
/// gate read the address only to the first `&`. The control, another photo, is
/// published.
#[test]
fn a_withheld_photo_with_other_metadata_or_escaped_base64_is_refused() {
    let site = photo_site("metadata", "![The depot](files/photo.jpg)", "");
    site.write_bytes(
        &format!("{MEETING}/files/photo.jpg"),
        &with_comment(&jpeg(1)),
    );
    photo_refused(&site, "files/photo.jpg");
    let control = photo_site("metadata-control", "![The depot](files/photo.jpg)", "");
    control.write_bytes(
        &format!("{MEETING}/files/photo.jpg"),
        &with_comment(&jpeg(2)),
    );
    published_quietly(&control, "files/photo.jpg");

    let svg = |photo: &[u8]| {
        let encoded = base64::engine::general_purpose::STANDARD
            .encode(photo)
            .replace('+', "&#43;");
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16\" height=\"16\"><image width=\"16\" height=\"16\" href=\"data:image/jpeg;base64,{encoded}\"/></svg>"
        )
    };
    // The withheld photo's base64 has a `+`, so that the escape matters.
    let (withheld, other) = (jpeg(1), jpeg(2));
    let encoded = base64::engine::general_purpose::STANDARD.encode(&withheld);
    assert!(encoded.contains('+'), "{encoded}");
    let site = photo_site("escaped", "![Figure: the depot](files/figure.svg)", "");
    site.write(&format!("{MEETING}/files/figure.svg"), &svg(&withheld));
    photo_refused(&site, "files/figure.svg");
    let control = photo_site(
        "escaped-control",
        "![Figure: the depot](files/figure.svg)",
        "",
    );
    control.write(&format!("{MEETING}/files/figure.svg"), &svg(&other));
    published_quietly(&control, "files/figure.svg");
}

/// A Word file holding `photo` as its picture, as Word saves one.
fn word_with(photo: Vec<u8>) -> Vec<u8> {
    word_packed(photo, zip::CompressionMethod::Deflated)
}

fn word_packed(photo: Vec<u8>, method: zip::CompressionMethod) -> Vec<u8> {
    let body = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Photographs of the site, March 2021.</w:t></w:r></w:p></w:body></w:document>";
    zip_with(
        &[
            ("[Content_Types].xml", b"<Types/>".to_vec()),
            ("word/document.xml", body.as_bytes().to_vec()),
            ("word/media/image1.jpeg", photo),
        ],
        method,
        false,
    )
}

/// Were leaks: the withheld photo inside a public Word appendix (Word keeps a picture's
/// file as it was, in `word/media/`), and inside a Word file attached to a public PDF.
/// The build read a Word file's words but did not open its other parts. The controls,
/// the same with another photo, are published.
#[test]
fn a_withheld_photo_inside_a_public_word_file_is_refused() {
    const LINK: &str = "See the [photographs](files/photos.docx).";
    let site = photo_site("word-photo", LINK, "");
    site.write_bytes(&format!("{MEETING}/files/photos.docx"), &word_with(jpeg(1)));
    photo_refused(&site, "files/photos.docx");
    let control = photo_site("word-photo-control", LINK, "");
    control.write_bytes(&format!("{MEETING}/files/photos.docx"), &word_with(jpeg(2)));
    published_quietly(&control, "files/photos.docx");

    let attached = |photo| pdf(PAGE, |doc| attach(doc, "photos.docx", word_with(photo)));
    let site = photo_site("word-in-pdf", "See the briefing note.", BRIEFING);
    site.write_bytes(&format!("{MEETING}/files/briefing.pdf"), &attached(jpeg(1)));
    photo_refused(&site, "files/briefing.pdf");
    let control = photo_site("word-in-pdf-control", "See the briefing note.", BRIEFING);
    control.write_bytes(&format!("{MEETING}/files/briefing.pdf"), &attached(jpeg(2)));
    published_quietly(&control, "files/briefing.pdf");
}

/// Was a leak: an officer pasted `<img src="data:…">` into the public report, copying a
/// picture from an e-mail. quire shows pasted markup as text, so the page carried the
/// withheld photo's base64, which anyone can paste into a browser's address bar; a
/// `data:` address of text carried the exempt sentence so too. The build read its own
/// pages only for words. The control, another photo pasted so, is published.
#[test]
fn a_picture_pasted_into_a_report_as_markup_is_refused() {
    let pasted = |bytes: &[u8], kind: &str| {
        let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
        format!("Site photograph:\n\n<img src=\"data:{kind};base64,{encoded}\">")
    };
    let site = photo_site("pasted-photo", &pasted(&jpeg(1), "image/jpeg"), "");
    photo_refused(&site, "update");
    let site = photo_site(
        "pasted-text",
        &pasted(SENTENCE.as_bytes(), "text/plain"),
        "",
    );
    assert_refused(&site, AS_OF, "update", "words withheld from the public");
    let control = photo_site("pasted-control", &pasted(&jpeg(2), "image/jpeg"), "");
    let out = control.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// The objects of a one-page PDF whose page shows `page`, and a seventh object: content
/// no page shows, drawing `hidden`.
fn with_hidden_object(page: &str, hidden: &str) -> Vec<Vec<u8>> {
    let stream =
        |text: &str| compressed(format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET").into_bytes());
    vec![
        b"<</Type/Catalog/Pages 2 0 R>>".to_vec(),
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>".to_vec(),
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>".to_vec(),
        stream(page),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>".to_vec(),
        b"<</Producer(quire tests)>>".to_vec(),
        stream(hidden),
    ]
}

/// The file `by_hand` writes, its table of objects cut to the first `listed` objects
/// (the rest still in the file), or with the rest listed at offset 0 (`zero`).
fn leaving_out(objects: &[Vec<u8>], listed: usize, zero: bool) -> Vec<u8> {
    let file = by_hand(objects, None);
    // The table's own `xref`, not the one of `startxref`.
    let table = 1 + (file.windows(6).rposition(|w| w == b"\nxref\n")).expect("a table");
    let text = String::from_utf8(file[table..].to_vec()).expect("a table in ASCII");
    let mut entries: Vec<&str> = text.lines().skip(3).take(objects.len()).collect();
    let zeroed = "0000000000 00000 n ";
    match zero {
        true => entries[listed..].iter_mut().for_each(|e| *e = zeroed),
        false => entries.truncate(listed),
    }
    let size = entries.len() + 1;
    let rows: String = entries.iter().map(|e| format!("{e}\n")).collect();
    let end = format!(
        "xref\n0 {size}\n0000000000 65535 f \n{rows}trailer\n<</Size {size}/Root 1 0 R>>\nstartxref\n{table}\n%%EOF\n"
    );
    [&file[..table], end.as_bytes()].concat()
}

/// Was a leak, to the build and the audit alike: the sentence in an object the PDF's
/// table of objects leaves out, or lists at offset 0, which quire's PDF library does not
/// load, and which a viewer rebuilding the table, or anyone reading the file's bytes,
/// finds. The control, the same object holding clean words, is published without a
/// warning.
#[test]
fn an_object_the_table_of_objects_leaves_out_is_read() {
    for (label, zero) in [("unlisted", false), ("unlisted-zero", true)] {
        let objects = with_hidden_object(PAGE, SENTENCE);
        let site = appendix_site(label, &leaving_out(&objects, 6, zero));
        refused_in(&site, "files/briefing.pdf");
    }
    let clean = with_hidden_object(PAGE, "Appendix 2: Site plan");
    let site = appendix_site("unlisted-control", &leaving_out(&clean, 6, false));
    published_quietly(&site, "files/briefing.pdf");
}

/// A page whose content shows `text` after a small picture written into the content,
/// compressed, as a scanner or Word writes a logo or a signature.
fn with_inline_picture(text: &str) -> Vec<u8> {
    let pixels = deflated(dictionary! {}, vec![0x40, 0x80, 0xc0, 0xff]).content;
    let content = [
        b"q 20 0 0 20 72 600 cm\nBI /W 2 /H 2 /CS /G /BPC 8 /F /Fl ID ".as_slice(),
        &pixels,
        format!("\nEI Q\nBT /F1 12 Tf 72 720 Td ({text}) Tj ET").as_bytes(),
    ]
    .concat();
    let head = format!("<</Length {}>>\nstream\n", content.len());
    let objects = vec![
        b"<</Type/Catalog/Pages 2 0 R>>".to_vec(),
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>".to_vec(),
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>".to_vec(),
        [head.as_bytes(), &content, b"\nendstream"].concat(),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>".to_vec(),
    ];
    by_hand(&objects, None)
}

/// Was a false alarm: a public PDF with a compressed picture written into a page's
/// content (`/F /Fl`, as most writers of such pictures compress them) could not be read
/// at all (quire's PDF library takes only uncompressed ones), so the build warned and
/// `quire audit` failed. Its words are now read: clean ones are published without a
/// warning, and the sentence after the picture is refused.
#[test]
fn a_page_with_a_compressed_picture_in_its_content_is_read() {
    let site = appendix_site("inline-picture", &with_inline_picture(PAGE));
    published_quietly(&site, "files/briefing.pdf");
    let site = appendix_site("inline-picture-leak", &with_inline_picture(SENTENCE));
    refused_in(&site, "files/briefing.pdf");
}

/// A zip member packed some way quire cannot unpack (bzip2: a zip tool's option) is not
/// passed over in silence: the gate cannot vouch for the file, and warns of it by name,
/// as of a file it cannot read. The Word file is written stored, then its picture marked
/// as bzip2, as `zip -Z bzip2` marks a member: its words are read, its picture is not.
#[test]
fn a_zip_member_quire_cannot_unpack_is_not_passed_over() {
    let mut word = word_packed(jpeg(2), zip::CompressionMethod::Stored);
    for (header, method) in [(&b"PK\x03\x04"[..], 8), (b"PK\x01\x02", 10)] {
        let starts: Vec<usize> = (0..word.len() - 4)
            .filter(|&i| &word[i..i + 4] == header)
            .collect();
        assert_eq!(starts.len(), 3, "three parts");
        // The method is at byte 8 of a part's own header and byte 10 of the directory's;
        // the picture is the third part.
        let at = starts[2] + method;
        word[at..at + 2].copy_from_slice(&12u16.to_le_bytes());
    }
    let site = depot_site("zip-bzip2", "See the [photographs](files/photos.docx).", "");
    site.write_bytes(&format!("{MEETING}/files/photos.docx"), &word);
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("files/photos.docx") && err.contains("word/media/image1.jpeg, is packed"),
        "{err}"
    );
    // The same Word file attached to a PDF is warned of.
    let attached = pdf(PAGE, |doc| attach(doc, "photos.docx", word.clone()));
    let site = appendix_site("zip-bzip2-in-pdf", &attached);
    published_with_warning(&site, "quire cannot unpack");
}
