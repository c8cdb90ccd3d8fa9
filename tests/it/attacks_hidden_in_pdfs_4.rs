//! Withheld matter in public files where round 13 of the red team (4 December 2026)
//! found the gate blind: a sentence in a tagged span's `/ActualText` over glyphs that
//! show something else; a withheld PNG's compressed pixels written into a page, or
//! behind another filter; a withheld JPEG whose tables a tool wrote another way; a
//! withheld photo attached to an e-mail saved as text; a page whose compression
//! checksum is wrong; a photo split across a page's two content streams. Each is
//! refused; each control is published.

use base64::Engine;
use lopdf::{Object, dictionary};

use crate::attacks_hidden_in_pdfs::{by_hand, deflated, jpeg};
use crate::attacks_hidden_in_pdfs_3::{
    idat, page_of, picture_site, png, published_quietly, with_picture,
};
use crate::attacks_word_breaks::{MEETING, SENTENCE, appendix_site, refused_in};
use crate::common::attack::assert_refused;
use crate::common::site::{AS_OF, Site};

/// The public report links the appendix `files/briefing.pdf`, of these bytes.
fn with_briefing(site: &Site, pdf: &[u8]) {
    site.write(
        &format!("{MEETING}/update.md"),
        "---\ntitle: Depot update\nkind: report\n---\n\nSee the [briefing note](files/briefing.pdf).\n",
    );
    site.write_bytes(&format!("{MEETING}/files/briefing.pdf"), pdf);
}

/// Was a leak: the page draws "xxxx" where the sentence was, and keeps the sentence as
/// the span's `/ActualText`, which copying and `pdftotext` give (a redaction that only
/// overdraws glyphs leaves this). The control, clean words so kept, is published.
#[test]
fn a_sentence_kept_as_actual_text_is_refused() {
    let page = |words: &str| {
        let content =
            format!("/Span <</ActualText ({words})>> BDC BT /F1 12 Tf 72 720 Td (xxxx) Tj ET EMC");
        by_hand(&page_of(content.as_bytes()), None)
    };
    refused_in(
        &appendix_site("actual-text", &page(SENTENCE)),
        "files/briefing.pdf",
    );
    published_quietly(
        &appendix_site("actual-text-control", &page("Appendix 2: Site plan")),
        "files/briefing.pdf",
    );
}

/// Were leaks: the withheld PNG's compressed pixels written into a page's content
/// (`BI … /F /Fl … ID`), and placed as a picture behind ASCIIHex as well as Flate. The
/// controls, another PNG so placed, are published.
#[test]
fn a_withheld_png_written_into_a_page_or_behind_another_filter_is_refused() {
    let inline = |png: &[u8]| {
        let content = [
            b"q 160 0 0 160 72 500 cm\nBI /W 16 /H 16 /CS /RGB /BPC 8 /F /Fl /DP <</Predictor 15 /Colors 3 /Columns 16>> ID ".as_slice(),
            &idat(png),
            b"\nEI Q\nBT /F1 12 Tf 72 720 Td (Appendix 1: Site plan) Tj ET",
        ]
        .concat();
        by_hand(&page_of(&content), None)
    };
    let hex = |png: &[u8]| {
        let text: String = idat(png).iter().map(|b| format!("{b:02x}")).collect();
        let filters = vec![Object::from("ASCIIHexDecode"), Object::from("FlateDecode")];
        with_picture(filters.into(), format!("{text}>").into_bytes(), None)
    };
    let plan = png(3, true);
    for (label, make) in [
        ("png-inline", &inline as &dyn Fn(&[u8]) -> Vec<u8>),
        ("png-hex", &hex),
    ] {
        let site = picture_site(label, "plan.png", &plan, "See the briefing note.");
        with_briefing(&site, &make(&plan));
        assert_refused(&site, AS_OF, "files/briefing.pdf", "files/plan.png");
        with_briefing(&site, &make(&png(5, true)));
        published_quietly(&site, "files/briefing.pdf");
    }
}

/// The JPEG with its Huffman tables in one segment, as Photoshop and many cameras write
/// them: the same picture, other bytes.
fn tables_merged(jpeg: &[u8]) -> Vec<u8> {
    let mut at = 2;
    let (mut before, mut tables, mut after) = (Vec::new(), Vec::new(), Vec::new());
    while jpeg[at] == 0xFF && jpeg[at + 1] != 0xDA {
        let end = at + 2 + usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
        match jpeg[at + 1] {
            0xC4 => tables.extend_from_slice(&jpeg[at + 4..end]),
            _ if tables.is_empty() => before.extend_from_slice(&jpeg[at..end]),
            _ => after.extend_from_slice(&jpeg[at..end]),
        }
        at = end;
    }
    let len = u16::try_from(tables.len() + 2).unwrap().to_be_bytes();
    let merged = [
        &jpeg[..2],
        &before,
        &[0xFF, 0xC4],
        &len,
        &tables,
        &after,
        &jpeg[at..],
    ]
    .concat();
    assert_ne!(merged, jpeg, "the photo had one Huffman table segment");
    merged
}

/// Were leaks: the withheld photo with its tables written in one segment, shown in the
/// public report; and attached (in base64) to an e-mail saved as a public `.txt`. The
/// controls, another photo treated so, are published.
#[test]
fn a_withheld_photo_rewritten_or_attached_to_an_e_mail_is_refused() {
    let photo = jpeg(1);
    let site = picture_site("merged", "depot.jpg", &photo, "![The site](files/site.jpg)");
    site.write_bytes(&format!("{MEETING}/files/site.jpg"), &tables_merged(&photo));
    assert_refused(&site, AS_OF, "files/site.jpg", "files/depot.jpg");
    site.write_bytes(
        &format!("{MEETING}/files/site.jpg"),
        &tables_merged(&jpeg(2)),
    );
    published_quietly(&site, "files/site.jpg");

    let mail = |photo: &[u8]| {
        let encoded = base64::engine::general_purpose::STANDARD.encode(photo);
        let lines: Vec<&str> = (0..encoded.len())
            .step_by(76)
            .map(|i| &encoded[i..(i + 76).min(encoded.len())])
            .collect();
        format!(
            "From: officer@council.example\nSubject: Site photographs\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain\n\nPhotographs attached.\n--b1\nContent-Type: image/jpeg; name=\"site.jpg\"\nContent-Transfer-Encoding: base64\n\n{}\n--b1--\n",
            lines.join("\n")
        )
    };
    let link = "See the [e-mail](files/mail.txt).";
    let site = picture_site("mail", "depot.jpg", &photo, link);
    site.write(&format!("{MEETING}/files/mail.txt"), &mail(&photo));
    assert_refused(&site, AS_OF, "files/mail.txt", "files/depot.jpg");
    site.write(&format!("{MEETING}/files/mail.txt"), &mail(&jpeg(2)));
    published_quietly(&site, "files/mail.txt");
}

/// Were leaks (published with a warning): the sentence on a page whose compressed
/// content has a wrong checksum, which viewers do not check; and the withheld photo
/// written into a page whose content is two streams, the photo running from the first
/// into the second, which pdf.js reads as one. The controls are published quietly.
#[test]
fn a_spoilt_checksum_or_a_photo_split_across_streams_is_refused() {
    let spoilt = |words: &str| {
        let shown = format!("BT /F1 12 Tf 72 720 Td ({words}) Tj ET");
        let mut data = deflated(dictionary! {}, shown.into_bytes()).content;
        let end = data.len();
        data[end - 1] ^= 0xff;
        let mut objects = page_of(b"");
        let head = format!("<</Length {}/Filter/FlateDecode>>\nstream\n", data.len());
        objects[3] = [head.as_bytes(), &data, b"\nendstream"].concat();
        by_hand(&objects, None)
    };
    refused_in(
        &appendix_site("adler", &spoilt(SENTENCE)),
        "files/briefing.pdf",
    );
    published_quietly(
        &appendix_site("adler-control", &spoilt("Appendix 2: Site plan")),
        "files/briefing.pdf",
    );

    let split = |photo: &[u8]| {
        let content = [
            b"q 160 0 0 160 72 500 cm\nBI /W 16 /H 16 /CS /RGB /BPC 8 /F /DCT ID ".as_slice(),
            photo,
            b"\nEI Q\nBT /F1 12 Tf 72 720 Td (Appendix 1: Site photograph) Tj ET",
        ]
        .concat();
        let half = content.len() / 2;
        let stream = |part: &[u8]| {
            let head = format!("<</Length {}>>\nstream\n", part.len());
            [head.as_bytes(), part, b"\nendstream"].concat()
        };
        let mut objects = page_of(b"");
        objects[2] = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents[4 0 R 6 0 R]>>".to_vec();
        objects[3] = stream(&content[..half]);
        objects.push(stream(&content[half..]));
        by_hand(&objects, None)
    };
    let photo = jpeg(1);
    let site = picture_site("split", "depot.jpg", &photo, "See the briefing note.");
    with_briefing(&site, &split(&photo));
    assert_refused(&site, AS_OF, "files/briefing.pdf", "files/depot.jpg");
    with_briefing(&site, &split(&jpeg(2)));
    published_quietly(&site, "files/briefing.pdf");
}
