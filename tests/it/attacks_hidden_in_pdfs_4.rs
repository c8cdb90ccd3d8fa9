//! Withheld matter in public files where round 13 of the red team (4 December 2026)
//! found the gate blind: a sentence in a tagged span's `/ActualText` over glyphs that
//! show something else; a withheld PNG's compressed pixels written into a page, or
//! behind another filter; a withheld JPEG whose tables a tool wrote another way; a
//! withheld photo attached to an e-mail saved as text; a page whose compression
//! checksum is wrong; a photo split across a page's two content streams. And where
//! round 14 found it blind: a sentence in a PDF's script or a program's private data,
//! in a comment or after the file's end; a photo attached to an e-mail attached to a
//! PDF; a photo or sentence in an e-mail saved as text, quoted-printable or uuencoded.
//! Each is refused; each control is published.

use base64::Engine;
use lopdf::{Object, dictionary};

use crate::attacks_hidden_in_pdfs::{PAGE, attach, by_hand, compressed, deflated, jpeg, pdf};
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

/// Were leaks: the sentence in a public PDF's document script (`pdfinfo -js` prints it,
/// Acrobat shows it on opening), in Illustrator's private data (its hidden layers), in a
/// comment after the file's end, and in a compressed page as the operand of an operator
/// no viewer knows or as a comment (a text editor shows each, the page unpacked). The
/// controls, clean words in the same places, are published.
#[test]
fn a_sentence_in_a_script_private_data_or_a_comment_is_refused() {
    let script = |words: &str| {
        let words = words.to_string();
        pdf(PAGE, move |doc| {
            let js = format!("app.alert(\"{words}\");");
            let id = doc.add_object(deflated(dictionary! {}, js.into_bytes()));
            let action = doc.add_object(dictionary! { "S" => "JavaScript", "JS" => id });
            let root = doc
                .trailer
                .get(b"Root")
                .and_then(Object::as_reference)
                .unwrap();
            let catalog = doc
                .get_object_mut(root)
                .and_then(Object::as_dict_mut)
                .unwrap();
            catalog.set("OpenAction", action);
        })
    };
    let private = |words: &str| {
        let words = words.to_string();
        pdf(PAGE, move |doc| {
            let data = format!("%AI12_CompressedData\n({words}) Tx\n");
            let id = doc.add_object(deflated(dictionary! {}, data.into_bytes()));
            let page = *doc.get_pages().values().next().unwrap();
            let info = dictionary! { "Illustrator" => dictionary! { "Private" => dictionary! { "AIPrivateData1" => id } } };
            doc.get_object_mut(page)
                .and_then(Object::as_dict_mut)
                .unwrap()
                .set("PieceInfo", info);
        })
    };
    let commented = |words: &str| {
        let mut file = by_hand(&page_of(b"BT /F1 12 Tf 72 720 Td (Appendix 1) Tj ET"), None);
        file.extend_from_slice(format!("%{words}\n").as_bytes());
        file
    };
    // A compressed page whose content holds `extra` after its text.
    let page_with = |extra: String| {
        let shown = format!("BT /F1 12 Tf 72 720 Td (Appendix 1) Tj ET\n{extra}\n");
        let mut objects = page_of(b"");
        objects[3] = compressed(shown.into_bytes());
        by_hand(&objects, None)
    };
    // The sentence as the operand of an operator no viewer knows, and as a comment.
    let unknown = |words: &str| page_with(format!("({words}) foo"));
    let page_comment = |words: &str| page_with(format!("% {words}"));
    let makers = [
        &script as &dyn Fn(&str) -> Vec<u8>,
        &private,
        &commented,
        &unknown,
        &page_comment,
    ];
    for (i, make) in makers.iter().enumerate() {
        refused_in(
            &appendix_site(&format!("raw-{i}"), &make(SENTENCE)),
            "files/briefing.pdf",
        );
        published_quietly(
            &appendix_site(&format!("raw-control-{i}"), &make("Appendix 2: Site plan")),
            "files/briefing.pdf",
        );
    }
}

/// An e-mail with `photo` attached, encoded as `encoding` says.
fn e_mail(photo: &[u8], encoding: &str) -> String {
    let head = "From: officer@council.example\nSubject: Site photographs\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain\n\nPhotographs attached.\n";
    match encoding {
        "uuencode" => {
            let mut text = String::from("Photographs attached.\n\nbegin 644 site.jpg\n");
            for row in photo.chunks(45) {
                let enc = |v: u8| if v == 0 { '`' } else { char::from(v + 32) };
                text.push(enc(row.len() as u8));
                for g in row.chunks(3) {
                    let b = [g[0], *g.get(1).unwrap_or(&0), *g.get(2).unwrap_or(&0)];
                    for v in [
                        b[0] >> 2,
                        (b[0] << 4 | b[1] >> 4) & 63,
                        (b[1] << 2 | b[2] >> 6) & 63,
                        b[2] & 63,
                    ] {
                        text.push(enc(v));
                    }
                }
                text.push('\n');
            }
            text + "`\nend\n"
        }
        "quoted-printable" => {
            let body: String = photo
                .iter()
                .map(|b| format!("={b:02X}"))
                .collect::<Vec<_>>()
                .chunks(25)
                .map(|c| c.concat() + "=\n")
                .collect();
            format!(
                "{head}--b1\nContent-Type: image/jpeg\nContent-Transfer-Encoding: quoted-printable\n\n{body}\n--b1--\n"
            )
        }
        _ => {
            let encoded = base64::engine::general_purpose::STANDARD.encode(photo);
            format!(
                "{head}--b1\nContent-Type: image/jpeg\nContent-Transfer-Encoding: base64\n\n{encoded}\n--b1--\n"
            )
        }
    }
}

/// Were leaks: the withheld photo attached to an e-mail attached to a public PDF; and
/// attached, quoted-printable or uuencoded, to an e-mail saved as a public `.txt`; and
/// the sentence in a quoted-printable e-mail body (`=20` for each space, words broken
/// by soft line ends). The controls, another photo and clean words, are published.
#[test]
fn e_mails_carrying_the_photo_or_the_sentence_any_way_are_refused() {
    let photo = jpeg(1);
    let in_pdf = |photo: &[u8]| {
        let mail = e_mail(photo, "base64").into_bytes();
        pdf(PAGE, move |doc| attach(doc, "mail.eml", mail))
    };
    let site = picture_site("mail-in-pdf", "depot.jpg", &photo, "See the briefing note.");
    with_briefing(&site, &in_pdf(&photo));
    assert_refused(&site, AS_OF, "files/briefing.pdf", "files/depot.jpg");
    with_briefing(&site, &in_pdf(&jpeg(2)));
    published_quietly(&site, "files/briefing.pdf");

    let link = "See the [e-mail](files/mail.txt).";
    for encoding in ["quoted-printable", "uuencode"] {
        let site = picture_site(&format!("mail-{encoding}"), "depot.jpg", &photo, link);
        site.write(
            &format!("{MEETING}/files/mail.txt"),
            &e_mail(&photo, encoding),
        );
        assert_refused(&site, AS_OF, "files/mail.txt", "files/depot.jpg");
        site.write(
            &format!("{MEETING}/files/mail.txt"),
            &e_mail(&jpeg(2), encoding),
        );
        published_quietly(&site, "files/mail.txt");
    }

    let body = |words: &str| {
        let coded = words.replace(' ', "=20");
        let (first, rest) = coded.split_at(coded.len() / 2);
        format!(
            "Subject: Notes\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n{first}=\r\n{rest}\n"
        )
    };
    let site = picture_site("mail-qp-text", "depot.jpg", &photo, link);
    site.write(&format!("{MEETING}/files/mail.txt"), &body(SENTENCE));
    assert_refused(
        &site,
        AS_OF,
        "files/mail.txt",
        "words withheld from the public",
    );
    site.write(
        &format!("{MEETING}/files/mail.txt"),
        &body("The site was visited in March"),
    );
    published_quietly(&site, "files/mail.txt");
}
