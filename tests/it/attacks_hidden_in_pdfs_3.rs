//! Withheld matter in public files where round 12 of the red team (4 December 2026)
//! found the gate blind: a withheld picture whose metadata a tool stripped (a JPEG's
//! JFIF header or colour profile, a PNG's resolution), or placed in a PDF as img2pdf
//! places a PNG; a withheld JPEG written into a page's content; a sentence after a
//! picture in a page's content that one viewer ends earlier than another, or after a
//! byte quire's PDF library stopped reading at; a second definition of an object; a
//! photo three Word files deep. Each is refused; each control is published.

use lopdf::{Object, Stream, dictionary};

use crate::attacks_attachments::zip_with;
use crate::attacks_hidden_in_pdfs::{PAGE, by_hand, deflated, jpeg, pdf};
use crate::attacks_word_breaks::{MEETING, SENTENCE, appendix_site, depot_site, refused_in};
use crate::common::attack::assert_refused;
use crate::common::site::{AS_OF, Site};
use crate::common::stderr;

/// The depot site whose exempt report shows the picture `files/{name}` (`bytes`); its
/// public report says `update`.
pub(crate) fn picture_site(label: &str, name: &str, bytes: &[u8], update: &str) -> Site {
    let site = depot_site(label, update, "");
    site.write(
        &format!("{MEETING}/tender.md"),
        &format!("---\ntitle: Sale of land at the depot\nkind: report\n---\n\n{SENTENCE}.\n\n![The depot from the road](files/{name})\n"),
    );
    site.write_bytes(&format!("{MEETING}/files/{name}"), bytes);
    site
}

/// The public build passes without a word about `file`.
pub(crate) fn published_quietly(site: &Site, file: &str) {
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains(file), "{err}");
}

/// The JPEG without its `APPn` segments (JFIF, EXIF, a colour profile), as `exiftool
/// -all=` or `jpegtran -copy none` leave one: the same picture, other bytes.
fn without_metadata(jpeg: &[u8]) -> Vec<u8> {
    let mut at = 2;
    while jpeg[at] == 0xFF && matches!(jpeg[at + 1], 0xE0..=0xEF | 0xFE) {
        at += 2 + usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
    }
    let stripped = [&jpeg[..2], &jpeg[at..]].concat();
    assert_ne!(stripped, jpeg, "the photo had no metadata to strip");
    stripped
}

/// A 16 by 16 PNG; `seed` makes another, and `resolution` gives it a `pHYs` chunk (which
/// quire keeps when it publishes a PNG).
pub(crate) fn png(seed: u8, resolution: bool) -> Vec<u8> {
    let pixels: Vec<u8> = (0..16 * 16 * 3)
        .map(|i| (i as u8).wrapping_mul(seed))
        .collect();
    let mut out = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut out, 16, 16);
    encoder.set_color(::png::ColorType::Rgb);
    encoder.set_depth(::png::BitDepth::Eight);
    if resolution {
        encoder.set_pixel_dims(Some(::png::PixelDimensions {
            xppu: 3780,
            yppu: 3780,
            unit: ::png::Unit::Meter,
        }));
    }
    let mut writer = encoder.write_header().expect("a PNG");
    writer.write_image_data(&pixels).expect("a PNG");
    writer.finish().expect("a PNG");
    out
}

/// The compressed pixels of a PNG: its `IDAT` chunks' data joined.
pub(crate) fn idat(png: &[u8]) -> Vec<u8> {
    let mut rest = &png[8..];
    let mut data = Vec::new();
    while rest.len() >= 12 {
        let len = u32::from_be_bytes(rest[..4].try_into().unwrap()) as usize;
        if &rest[4..8] == b"IDAT" {
            data.extend_from_slice(&rest[8..8 + len]);
        }
        rest = &rest[12 + len..];
    }
    data
}

/// A one-page PDF showing PAGE with a 16 by 16 picture: `bytes` under `filter`.
pub(crate) fn with_picture(
    filter: Object,
    bytes: Vec<u8>,
    params: Option<lopdf::Dictionary>,
) -> Vec<u8> {
    pdf(PAGE, move |doc| {
        let mut dict = dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 16, "Height" => 16,
            "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8, "Filter" => filter,
        };
        if let Some(params) = params {
            dict.set("DecodeParms", params);
        }
        doc.add_object(Stream::new(dict, bytes));
    })
}

/// Were leaks: the withheld photo with its metadata stripped (as `exiftool -all=` does),
/// shown in the public report and placed in a public PDF; the withheld PNG without its
/// resolution chunk; and the withheld PNG's compressed pixels placed in a public PDF as
/// img2pdf places a PNG. quire compared a picture only as it was and as quire would
/// clean it, which keeps the JFIF header, a colour profile and a resolution. The
/// controls, other pictures treated the same way, are published.
#[test]
fn a_withheld_picture_stripped_of_its_metadata_is_refused() {
    let (photo, other) = (jpeg(1), jpeg(2));
    let stripped = |label: &str, jpeg: &[u8]| {
        let site = picture_site(label, "depot.jpg", &photo, "![The site](files/site.jpg)");
        site.write_bytes(
            &format!("{MEETING}/files/site.jpg"),
            &without_metadata(jpeg),
        );
        site
    };
    assert_refused(
        &stripped("stripped", &photo),
        AS_OF,
        "files/site.jpg",
        "files/depot.jpg",
    );
    published_quietly(&stripped("stripped-control", &other), "files/site.jpg");

    let placed = |label: &str, jpeg: &[u8]| {
        let site = picture_site(label, "depot.jpg", &photo, "See the briefing note.");
        let file = with_picture("DCTDecode".into(), without_metadata(jpeg), None);
        site.write_bytes(&format!("{MEETING}/files/briefing.pdf"), &file);
        site.write(&format!("{MEETING}/update.md"), "---\ntitle: Depot update\nkind: report\n---\n\nSee the [briefing note](files/briefing.pdf).\n");
        site
    };
    assert_refused(
        &placed("stripped-pdf", &photo),
        AS_OF,
        "files/briefing.pdf",
        "files/depot.jpg",
    );

    let plan = png(3, true);
    let site = picture_site("png", "plan.png", &plan, "![The plan](files/site.png)");
    site.write_bytes(&format!("{MEETING}/files/site.png"), &png(3, false));
    assert_refused(&site, AS_OF, "files/site.png", "files/plan.png");
    let control = picture_site(
        "png-control",
        "plan.png",
        &plan,
        "![The plan](files/site.png)",
    );
    control.write_bytes(&format!("{MEETING}/files/site.png"), &png(5, false));
    published_quietly(&control, "files/site.png");

    let as_img2pdf = |png: &[u8]| {
        let params = dictionary! {
            "Predictor" => 15, "Colors" => 3, "Columns" => 16, "BitsPerComponent" => 8,
        };
        with_picture("FlateDecode".into(), idat(png), Some(params))
    };
    let site = picture_site("png-pdf", "plan.png", &plan, "See the briefing note.");
    site.write(&format!("{MEETING}/update.md"), "---\ntitle: Depot update\nkind: report\n---\n\nSee the [briefing note](files/briefing.pdf).\n");
    site.write_bytes(&format!("{MEETING}/files/briefing.pdf"), &as_img2pdf(&plan));
    assert_refused(&site, AS_OF, "files/briefing.pdf", "files/plan.png");
    site.write_bytes(
        &format!("{MEETING}/files/briefing.pdf"),
        &as_img2pdf(&png(5, true)),
    );
    published_quietly(&site, "files/briefing.pdf");
}

/// The objects of a one-page PDF whose page's content (object 4, not compressed) is
/// `content`, in Helvetica.
pub(crate) fn page_of(content: &[u8]) -> Vec<Vec<u8>> {
    let head = format!("<</Length {}>>\nstream\n", content.len());
    vec![
        b"<</Type/Catalog/Pages 2 0 R>>".to_vec(),
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>".to_vec(),
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>".to_vec(),
        [head.as_bytes(), content, b"\nendstream"].concat(),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>".to_vec(),
    ]
}

/// Were leaks: the withheld photo written into a page's content as an inline picture
/// (`BI … /F /DCT ID <JPEG> EI`), and placed with bytes before its start. The control,
/// another photo written in, is published.
#[test]
fn a_withheld_photo_written_into_a_page_is_refused() {
    let inline = |jpeg: &[u8]| {
        let content = [
            b"q 160 0 0 160 72 500 cm\nBI /W 16 /H 16 /CS /RGB /BPC 8 /F /DCT ID ".as_slice(),
            jpeg,
            b"\nEI Q\nBT /F1 12 Tf 72 720 Td (Appendix 1: Site photograph) Tj ET",
        ]
        .concat();
        by_hand(&page_of(&content), None)
    };
    let photo = jpeg(1);
    let site = picture_site(
        "inline-photo",
        "depot.jpg",
        &photo,
        "See the briefing note.",
    );
    site.write(&format!("{MEETING}/update.md"), "---\ntitle: Depot update\nkind: report\n---\n\nSee the [briefing note](files/briefing.pdf).\n");
    site.write_bytes(&format!("{MEETING}/files/briefing.pdf"), &inline(&photo));
    assert_refused(&site, AS_OF, "files/briefing.pdf", "files/depot.jpg");
    let padded = [b"\0\0\0\0".as_slice(), &photo].concat();
    site.write_bytes(
        &format!("{MEETING}/files/briefing.pdf"),
        &with_picture("DCTDecode".into(), padded, None),
    );
    assert_refused(&site, AS_OF, "files/briefing.pdf", "files/depot.jpg");
    site.write_bytes(&format!("{MEETING}/files/briefing.pdf"), &inline(&jpeg(2)));
    published_quietly(&site, "files/briefing.pdf");
}

/// Were leaks: the sentence after a picture in a page's content that poppler ends at
/// `XEI` (pdf.js runs on, and quire read as pdf.js does), and after a form feed between
/// two operators (white space to a viewer, where quire's PDF library stopped reading the
/// page, and dropped the rest with no error). The control, clean words after both, is
/// published without a warning.
#[test]
fn text_after_what_one_reader_passes_over_is_read() {
    let cases = |words: &str| {
        [
            format!(
                "q BI /W 1 /H 1 /CS /G /BPC 8 ID XEI Q\nBT /F1 12 Tf 72 720 Td ({words}) Tj ET"
            ),
            format!(
                "BT /F1 12 Tf 72 740 Td ({PAGE}) Tj ET\x0cBT /F1 12 Tf 72 720 Td ({words}) Tj ET"
            ),
        ]
    };
    for (i, content) in cases(SENTENCE).iter().enumerate() {
        let site = appendix_site(
            &format!("reader-{i}"),
            &by_hand(&page_of(content.as_bytes()), None),
        );
        refused_in(&site, "files/briefing.pdf");
    }
    for (i, content) in cases("Appendix 2: Site plan").iter().enumerate() {
        let site = appendix_site(
            &format!("reader-control-{i}"),
            &by_hand(&page_of(content.as_bytes()), None),
        );
        published_quietly(&site, "files/briefing.pdf");
    }
}

/// Was a leak: the page's content written twice in one version of the file, the table of
/// objects pointing at the first (clean), the second holding the sentence. A viewer that
/// rebuilds the table (any damage to it makes one) shows the second. The control, the
/// second clean too, is published.
#[test]
fn a_second_definition_of_an_object_is_read() {
    let twice = |words: &str| {
        let objects = page_of(b"BT /F1 12 Tf 72 720 Td (Appendix 1: Sufficiency data) Tj ET");
        let mut file = by_hand(&objects, None);
        let table = 1 + file
            .windows(6)
            .rposition(|w| w == b"\nxref\n")
            .expect("a table");
        let shown = format!("BT /F1 12 Tf 72 720 Td ({words}) Tj ET");
        let data = deflated(dictionary! {}, shown.into_bytes()).content;
        let again = [
            format!(
                "4 0 obj\n<</Length {}/Filter/FlateDecode>>\nstream\n",
                data.len()
            )
            .as_bytes(),
            &data,
            b"\nendstream\nendobj\n",
        ]
        .concat();
        let moved = again.len();
        file.splice(table..table, again);
        // The table now starts `moved` bytes later.
        let start = file
            .windows(10)
            .rposition(|w| w == b"startxref\n")
            .expect("startxref");
        file.truncate(start);
        file.extend_from_slice(format!("startxref\n{}\n%%EOF\n", table + moved).as_bytes());
        file
    };
    refused_in(
        &appendix_site("twice", &twice(SENTENCE)),
        "files/briefing.pdf",
    );
    published_quietly(
        &appendix_site("twice-control", &twice("Appendix 2: Site plan")),
        "files/briefing.pdf",
    );
}

/// Was a leak: the withheld photo in a Word file inside a Word file inside the public Word
/// file (Insert > Object, twice), where the gate opened one level. The control, another
/// photo as deep, is published.
#[test]
fn a_photo_three_word_files_deep_is_refused() {
    let nested = |photo: Vec<u8>| {
        let body = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Photographs of the site, March 2021.</w:t></w:r></w:p></w:body></w:document>";
        let deflated = zip::CompressionMethod::Deflated;
        let mut word = zip_with(&[("word/media/image1.jpeg", photo)], deflated, false);
        for name in [
            "word/embeddings/Document1.docx",
            "word/embeddings/Document2.docx",
        ] {
            let parts = [
                ("[Content_Types].xml", b"<Types/>".to_vec()),
                ("word/document.xml", body.as_bytes().to_vec()),
                (name, word),
            ];
            word = zip_with(&parts, deflated, false);
        }
        word
    };
    let photo = jpeg(1);
    let link = "See the [photographs](files/photos.docx).";
    let site = picture_site("nested-word", "depot.jpg", &photo, link);
    site.write_bytes(
        &format!("{MEETING}/files/photos.docx"),
        &nested(photo.clone()),
    );
    assert_refused(&site, AS_OF, "files/photos.docx", "files/depot.jpg");
    site.write_bytes(&format!("{MEETING}/files/photos.docx"), &nested(jpeg(2)));
    published_quietly(&site, "files/photos.docx");
}

/// The file with its `startxref` pointing nowhere, as a tool that rewrites a file in place
/// can leave it: the table of objects cannot be found, and every viewer rebuilds it.
fn table_lost(file: Vec<u8>) -> Vec<u8> {
    let start = (file.windows(10).rposition(|w| w == b"startxref\n")).expect("startxref");
    [&file[..start], b"startxref\n1\n%%EOF\n"].concat()
}

/// Was a warning, and so a leak with a warning: a PDF whose table of objects cannot be
/// found could not be read at all, though every viewer shows its pages. It is now read
/// as a viewer repairs it: the sentence on its page is refused, and clean words are
/// published without a warning.
#[test]
fn a_pdf_whose_table_of_objects_is_lost_is_read_as_viewers_repair_it() {
    let page = |words: &str| {
        let content = format!("BT /F1 12 Tf 72 720 Td ({words}) Tj ET");
        table_lost(by_hand(&page_of(content.as_bytes()), None))
    };
    refused_in(
        &appendix_site("table-lost", &page(SENTENCE)),
        "files/briefing.pdf",
    );
    published_quietly(
        &appendix_site("table-lost-control", &page("Appendix 2: Site plan")),
        "files/briefing.pdf",
    );
}

/// Was a leak: the withheld photo embedded in the public Word file as an object (Insert >
/// Object > Create from file), which wraps the file, byte for byte, in a part of its own
/// (`word/embeddings/oleObject1.bin`). The control, another photo so wrapped, is
/// published.
#[test]
fn a_photo_embedded_as_an_object_in_a_word_file_is_refused() {
    let wrapped = |photo: &[u8]| {
        let body = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Photographs of the site, March 2021.</w:t></w:r></w:p></w:body></w:document>";
        // What Word writes before and after the file: its name, its path, its size.
        let object = [
            b"\x02\x00depot.jpg\x00C:\\Users\\officer\\depot.jpg\x00\x00\x03\x00".as_slice(),
            photo,
            &[0u8; 64],
        ]
        .concat();
        let parts = [
            ("[Content_Types].xml", b"<Types/>".to_vec()),
            ("word/document.xml", body.as_bytes().to_vec()),
            ("word/embeddings/oleObject1.bin", object),
        ];
        zip_with(&parts, zip::CompressionMethod::Deflated, false)
    };
    let photo = jpeg(1);
    let link = "See the [photographs](files/photos.docx).";
    let site = picture_site("object-word", "depot.jpg", &photo, link);
    site.write_bytes(&format!("{MEETING}/files/photos.docx"), &wrapped(&photo));
    assert_refused(&site, AS_OF, "files/photos.docx", "files/depot.jpg");
    site.write_bytes(&format!("{MEETING}/files/photos.docx"), &wrapped(&jpeg(2)));
    published_quietly(&site, "files/photos.docx");
}

/// Was a false alarm: an SVG figure saved as UTF-16 (with its byte-order mark), which
/// browsers draw, was refused as not UTF-8. It is published, as UTF-8; and read as the
/// gate reads any SVG, so the withheld photo in it as a `data:` address is refused.
#[test]
fn a_utf16_svg_is_published_and_read() {
    use base64::Engine;
    let svg = |photo: &[u8]| {
        let encoded = base64::engine::general_purpose::STANDARD.encode(photo);
        let text = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16\" height=\"16\"><image width=\"16\" height=\"16\" href=\"data:image/jpeg;base64,{encoded}\"/></svg>"
        );
        let wide = text.encode_utf16().flat_map(u16::to_le_bytes);
        [0xff, 0xfe].into_iter().chain(wide).collect::<Vec<u8>>()
    };
    let photo = jpeg(1);
    let site = picture_site(
        "utf16-svg",
        "depot.jpg",
        &photo,
        "![Figure: the depot](files/figure.svg)",
    );
    site.write_bytes(&format!("{MEETING}/files/figure.svg"), &svg(&photo));
    assert_refused(&site, AS_OF, "files/figure.svg", "files/depot.jpg");
    site.write_bytes(&format!("{MEETING}/files/figure.svg"), &svg(&jpeg(2)));
    published_quietly(&site, "files/figure.svg");
    let published = std::fs::read(
        site.out("output")
            .join("committees/panel/2021-09-24/files/figure.svg"),
    )
    .expect("the figure is published");
    assert!(published.starts_with(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
}
