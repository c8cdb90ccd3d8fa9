use std::io::Cursor;
use std::sync::OnceLock;

use gif::{AnyExtension, ColorOutput, DecodeOptions, DisposalMethod, Frame, Repeat};
use image::{AnimationDecoder, ImageFormat};
use img_parts::jpeg::{Jpeg, JpegSegment, markers};
use img_parts::png::{Png, PngChunk};
use img_parts::{ImageEXIF, ImageICC};
use proptest::prelude::*;

use super::*;

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Scrubs twice, checking the two results are the same bytes.
fn scrub_deterministic(ext: &str, input: &[u8]) -> Vec<u8> {
    let first = scrub(ext, input.to_vec()).expect("first scrub");
    let second = scrub(ext, input.to_vec()).expect("second scrub");
    assert_eq!(first, second, "scrubbing {ext} is not deterministic");
    first
}

fn assert_canaries(input: &[u8], output: &[u8], canaries: &[&str]) {
    for canary in canaries {
        assert!(
            contains(input, canary),
            "positive control: {canary} not in input"
        );
        assert!(!contains(output, canary), "{canary} leaked into the output");
    }
}

/// Width, height and RGBA pixels as the `image` crate decodes them.
fn pixels(bytes: &[u8], format: ImageFormat) -> (u32, u32, Vec<u8>) {
    let picture = image::load_from_memory_with_format(bytes, format).expect("decodes");
    (
        picture.width(),
        picture.height(),
        picture.to_rgba8().into_raw(),
    )
}

// ---- sample files ----

/// A little-endian EXIF TIFF structure with an Orientation, an Artist holding `artist`,
/// and a GPS IFD with a latitude.
fn exif_tiff(orientation: u16, artist: &str) -> Vec<u8> {
    fn entry(tiff: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32) {
        tiff.extend_from_slice(&tag.to_le_bytes());
        tiff.extend_from_slice(&kind.to_le_bytes());
        tiff.extend_from_slice(&count.to_le_bytes());
        tiff.extend_from_slice(&value.to_le_bytes());
    }
    let mut artist = artist.as_bytes().to_vec();
    artist.push(0);
    let artist_at = 8 + 2 + 3 * 12 + 4;
    let gps_at = (artist_at + artist.len()).next_multiple_of(2);
    let rationals_at = gps_at + 2 + 2 * 12 + 4;
    let mut tiff = b"II*\0".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    tiff.extend_from_slice(&3u16.to_le_bytes());
    entry(&mut tiff, 0x0112, 3, 1, u32::from(orientation));
    entry(&mut tiff, 0x013B, 2, artist.len() as u32, artist_at as u32);
    entry(&mut tiff, 0x8825, 4, 1, gps_at as u32);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(&artist);
    tiff.resize(gps_at, 0);
    tiff.extend_from_slice(&2u16.to_le_bytes());
    entry(&mut tiff, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    entry(&mut tiff, 0x0002, 5, 3, rationals_at as u32);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    for (numerator, denominator) in [(51u32, 1u32), (30, 1), (2640, 100)] {
        tiff.extend_from_slice(&numerator.to_le_bytes());
        tiff.extend_from_slice(&denominator.to_le_bytes());
    }
    tiff
}

/// A zlib stream holding `data` in one stored (uncompressed) block.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let len = u16::try_from(data.len()).unwrap();
    let mut out = vec![0x78, 0x01, 0x01];
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(data);
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

/// UTF-16BE, as ICC profiles store Unicode text.
fn utf16be(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

fn be32(n: usize) -> [u8; 4] {
    u32::try_from(n).unwrap().to_be_bytes()
}

/// The tag data of a hand-made profile, each starting with its type.
fn icc_tags(canary: &str) -> Vec<([u8; 4], Vec<u8>)> {
    let mut desc = b"desc\0\0\0\0".to_vec();
    let ascii = format!("{canary}_DESC\0");
    desc.extend_from_slice(&be32(ascii.len()));
    desc.extend_from_slice(ascii.as_bytes());
    let unicode = format!("{canary}_UNI\0");
    desc.extend_from_slice(&[0, 0, 0, 0]); // no language
    desc.extend_from_slice(&be32(unicode.len()));
    desc.extend_from_slice(&utf16be(&unicode));
    let mac = format!("{canary}_MAC");
    desc.extend_from_slice(&[0, 0, u8::try_from(mac.len()).unwrap()]);
    let mut mac = mac.into_bytes();
    mac.resize(67, 0);
    desc.extend_from_slice(&mac);

    let model = utf16be(&format!("{canary}_MLUC"));
    let mut mluc = b"mluc\0\0\0\0".to_vec();
    mluc.extend_from_slice(&be32(1));
    mluc.extend_from_slice(&be32(12));
    mluc.extend_from_slice(b"enGB");
    mluc.extend_from_slice(&be32(model.len()));
    mluc.extend_from_slice(&be32(28));
    mluc.extend_from_slice(&model);

    let mut xyz = b"XYZ \0\0\0\0".to_vec();
    for value in [0x6FA2u32, 0x38F5, 0x0390] {
        xyz.extend_from_slice(&value.to_be_bytes());
    }
    vec![
        (*b"desc", desc),
        (*b"dmdd", mluc),
        (
            *b"cprt",
            format!("text\0\0\0\0{canary}_CPRT\0").into_bytes(),
        ),
        (
            *b"zzzz",
            format!("zzzz\0\0\0\0{canary}_PRIVATE").into_bytes(),
        ),
        (*b"rXYZ", xyz),
        // gamma 2.2 as u8Fixed8
        (*b"rTRC", b"curv\0\0\0\0\0\0\0\x01\x02\x33".to_vec()),
    ]
}

/// A hand-made ICC profile: a 128-byte header with a profile ID and something in its
/// reserved bytes, then a tag table. Its text holds `canary` (ASCII and UTF-16), as does
/// the gap left between two tags. A dmnd tag shares the description's data.
fn icc_profile(canary: &str) -> Vec<u8> {
    let tags = icc_tags(canary);
    let table_len = 4 + 12 * (tags.len() + 1);
    let mut data = Vec::new();
    let mut table = Vec::new();
    for (signature, bytes) in &tags {
        if signature == b"zzzz" {
            data.extend_from_slice(format!("{canary}_GAP").as_bytes());
        }
        data.resize(data.len().next_multiple_of(4), 0);
        let offset = 128 + table_len + data.len();
        for signature in std::iter::once(signature).chain((signature == b"desc").then_some(b"dmnd"))
        {
            table.extend_from_slice(signature);
            table.extend_from_slice(&be32(offset));
            table.extend_from_slice(&be32(bytes.len()));
        }
        data.extend_from_slice(bytes);
    }
    let mut header = Vec::new();
    header.extend_from_slice(&be32(128 + table_len + data.len()));
    header.extend_from_slice(b"lcms\x02\x10\0\0mntrRGB XYZ ");
    for part in [2024u16, 1, 2, 3, 4, 5] {
        header.extend_from_slice(&part.to_be_bytes());
    }
    header.extend_from_slice(b"acspAPPL\0\0\0\0APPLmdl1\0\0\0\0\0\0\0\0\0\0\0\0");
    for value in [0xF6D6u32, 0x1_0000, 0xD32D] {
        header.extend_from_slice(&value.to_be_bytes());
    }
    header.extend_from_slice(b"lcms");
    header.extend_from_slice(&[0xAB; 16]);
    header.extend_from_slice(format!("{canary}_RESERVED").as_bytes());
    header.resize(128, 0);
    header.extend_from_slice(&be32(tags.len() + 1));
    header.extend_from_slice(&table);
    header.extend_from_slice(&data);
    header
}

/// The text planted by [`icc_profile`], as it is stored.
fn icc_canaries(canary: &str) -> Vec<Vec<u8>> {
    let ascii = ["DESC", "MAC", "CPRT", "PRIVATE", "GAP", "RESERVED"]
        .map(|part| format!("{canary}_{part}").into_bytes());
    let unicode = ["UNI", "MLUC"].map(|part| utf16be(&format!("{canary}_{part}")));
    ascii.into_iter().chain(unicode).collect()
}

fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The data of the tag `signature` in a profile.
fn icc_tag<'p>(profile: &'p [u8], signature: &[u8; 4]) -> &'p [u8] {
    let count = u32::from_be_bytes(profile[128..132].try_into().unwrap()) as usize;
    let entry = (0..count)
        .map(|i| 132 + 12 * i)
        .find(|&at| &profile[at..at + 4] == signature)
        .unwrap();
    let read = |at: usize| u32::from_be_bytes(profile[at..at + 4].try_into().unwrap()) as usize;
    &profile[read(entry + 4)..read(entry + 4) + read(entry + 8)]
}

/// Checks a cleaned profile against the one it came from: no planted text (with the
/// positive control in `input`, the whole file), every length, offset and colour number
/// kept, the profile ID zeroed, and cleaning it again changing nothing.
fn assert_icc_cleaned(input: &[u8], canary: &str, before: &[u8], after: &[u8]) {
    for planted in icc_canaries(canary) {
        let shown = String::from_utf8_lossy(&planted).into_owned();
        assert!(contains_bytes(input, &planted), "positive control: {shown}");
        assert!(!contains_bytes(after, &planted), "{shown} leaked");
    }
    assert_eq!(before.len(), after.len());
    assert_eq!(before[..84], after[..84], "header");
    assert_eq!(after[84..128], [0; 44], "profile ID and reserved bytes");
    let table_end = 132 + 12 * 7;
    assert_eq!(before[128..table_end], after[128..table_end], "tag table");
    for colour in [b"rXYZ", b"rTRC"] {
        assert_eq!(icc_tag(before, colour), icc_tag(after, colour));
    }
    let (desc_in, desc_out) = (icc_tag(before, b"desc"), icc_tag(after, b"desc"));
    assert_eq!(desc_in[..12], desc_out[..12], "type and ASCII count");
    let mluc_in = icc_tag(before, b"dmdd");
    assert_eq!(mluc_in[..28], icc_tag(after, b"dmdd")[..28], "the record");
    assert_eq!(icc::clean(after).as_deref(), Some(after));
}

fn png_plain() -> Vec<u8> {
    let picture = image::RgbaImage::from_fn(5, 4, |x, y| {
        image::Rgba([x as u8 * 50, y as u8 * 60, 128, 155 + x as u8 * 20])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgba8(picture)
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .unwrap();
    out
}

/// A PNG with text, EXIF, time, a named colour profile and a private chunk.
fn png_sample() -> Vec<u8> {
    let mut png = Png::from_bytes(png_plain().into()).unwrap();
    let mut profile = b"CANARY_PNG_ICC_NAME\0\0".to_vec();
    profile.extend_from_slice(&zlib_stored(&icc_profile("CANARY_PNG_ICC")));
    let extra: [([u8; 4], Vec<u8>); 6] = [
        (*b"tEXt", b"Comment\0CANARY_PNG_TEXT".to_vec()),
        (*b"eXIf", exif_tiff(1, "CANARY_PNG_EXIF")),
        (*b"tIME", vec![7, 233, 1, 2, 3, 4, 5]),
        (*b"iCCP", profile),
        (*b"iTXt", b"Author\0\0\0en\0\0CANARY_PNG_ITXT".to_vec()),
        (*b"zzPr", b"CANARY_PNG_PRIVATE".to_vec()),
    ];
    for (i, (kind, data)) in extra.into_iter().enumerate() {
        png.chunks_mut()
            .insert(1 + i, PngChunk::new(kind, data.into()));
    }
    png.encoder().bytes().to_vec()
}

fn jpeg_plain() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(16, 8, |x, y| {
        image::Rgb([x as u8 * 15, y as u8 * 30, 200 - x as u8 * 10])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Jpeg)
        .unwrap();
    out
}

/// Inserts segments after the JFIF header (or after SOI).
fn jpeg_with(segments: Vec<(u8, Vec<u8>)>) -> Vec<u8> {
    let mut jpeg = Jpeg::from_bytes(jpeg_plain().into()).unwrap();
    let at = usize::from(jpeg.segments().first().map(|s| s.marker()) == Some(markers::APP0));
    for (i, (marker, contents)) in segments.into_iter().enumerate() {
        let segment = JpegSegment::new_with_contents(marker, contents.into());
        jpeg.segments_mut().insert(at + i, segment);
    }
    jpeg.encoder().bytes().to_vec()
}

fn jpeg_sample() -> Vec<u8> {
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&exif_tiff(6, "CANARY_JPEG_EXIF"));
    let mut bytes = jpeg_with(vec![
        (markers::APP1, exif),
        (
            markers::APP1,
            b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>CANARY_XMP</x:xmpmeta>".to_vec(),
        ),
        (
            markers::APP13,
            b"Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x10\x1c\x02\x50\0\x0bCANARY_IPTC".to_vec(),
        ),
        (markers::COM, b"CANARY_JPEG_COMMENT".to_vec()),
        (markers::APP2, b"MPF\0CANARY_JPEG_MPF".to_vec()),
    ]);
    bytes.extend_from_slice(b"CANARY_JPEG_TRAILER");
    bytes
}

fn gif_palette(colours: usize) -> Vec<u8> {
    (0..colours * 3).map(|i| (i * 37 % 256) as u8).collect()
}

/// Two frames, the second interlaced with its own palette and a transparent colour.
fn gif_sample(with_metadata: bool) -> Vec<u8> {
    let mut encoder = gif::Encoder::new(Vec::new(), 4, 3, &gif_palette(4)).unwrap();
    encoder.set_repeat(Repeat::Infinite).unwrap();
    if with_metadata {
        encoder
            .write_raw_extension(AnyExtension(0xFE), &[b"CANARY_GIF_COMMENT"])
            .unwrap();
        encoder
            .write_raw_extension(
                AnyExtension(0xFF),
                &[b"XMP DataXMP", b"<x:xmpmeta>CANARY_GIF_XMP</x:xmpmeta>"],
            )
            .unwrap();
    }
    let first = Frame {
        width: 4,
        height: 3,
        delay: 10,
        buffer: vec![0, 1, 2, 3, 3, 2, 1, 0, 1, 1, 2, 2].into(),
        ..Frame::default()
    };
    encoder.write_frame(&first).unwrap();
    if with_metadata {
        encoder
            .write_raw_extension(AnyExtension(0x01), &[&[0; 12], b"CANARY_GIF_PLAIN_TEXT"])
            .unwrap();
    }
    let second = Frame {
        width: 3,
        height: 3,
        left: 1,
        delay: 25,
        dispose: DisposalMethod::Keep,
        transparent: Some(0),
        interlaced: true,
        palette: Some(gif_palette(8)),
        buffer: vec![0, 5, 6, 7, 0, 4, 3, 2, 0].into(),
        ..Frame::default()
    };
    encoder.write_frame(&second).unwrap();
    encoder.into_inner().unwrap()
}

fn riff_chunk(id: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = id.to_vec();
    chunk.extend_from_slice(&(data.len() as u32).to_le_bytes());
    chunk.extend_from_slice(data);
    if data.len() % 2 == 1 {
        chunk.push(0);
    }
    chunk
}

fn riff(chunks: &[Vec<u8>]) -> Vec<u8> {
    let body: Vec<u8> = chunks.concat();
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32 + 4).to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend_from_slice(&body);
    out
}

/// A 1x1 lossless bitstream (from the libwebp feature probes).
const VP8L: &[u8] = &[
    0x2f, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07,
];

fn webp_sample() -> Vec<u8> {
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&exif_tiff(1, "CANARY_WEBP_EXIF"));
    riff(&[
        // ICC, alpha, EXIF and XMP flags; reserved bytes misused
        riff_chunk(b"VP8X", &[0x3C, b'C', b'A', b'N', 0, 0, 0, 0, 0, 0]),
        riff_chunk(b"ICCP", &icc_profile("CANARY_WEBP_ICC")),
        riff_chunk(b"VP8L", VP8L),
        riff_chunk(b"EXIF", &exif),
        riff_chunk(b"XMP ", b"<x:xmpmeta>CANARY_WEBP_XMP</x:xmpmeta>"),
        riff_chunk(b"ZZZZ", b"CANARY_WEBP_UNKNOWN"),
    ])
}

fn webp_animated() -> Vec<u8> {
    let mut frame = vec![0; 15];
    frame.push(0); // flags
    frame.extend_from_slice(&riff_chunk(b"VP8L", VP8L));
    frame.extend_from_slice(&riff_chunk(b"ZZZZ", b"CANARY_WEBP_FRAME"));
    riff(&[
        riff_chunk(b"VP8X", &[0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        riff_chunk(b"ANIM", &[0, 0, 0, 0, 0, 0]),
        riff_chunk(b"ANMF", &frame),
        riff_chunk(b"XMP ", b"CANARY_WEBP_ANIMATED_XMP"),
    ])
}

const SVG_RECT: &str = r##"<rect x="10" y="10" width="30" height="20" fill="#1d70b8"/>"##;
const SVG_TEXT: &str = r#"<text x="50" y="30" font-size="12">Ward 3 &amp; 4</text>"#;
const SVG_USE: &str = r##"<use xlink:href="#box" x="5"/>"##;

fn svg_sample() -> String {
    format!(
        r##"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape by CANARY_SVG_COMMENT -->
<?xml-stylesheet href="CANARY_SVG_PI.css"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/"
   width="100" height="50" viewBox="0 0 100 50"
   sodipodi:docname="CANARY_SVG_DOCNAME-smith-family-chart.svg"
   inkscape:export-filename="CANARY_SVG_EXPORT.png">
  <title>CANARY_SVG_TITLE</title>
  <desc>CANARY_SVG_DESC</desc>
  <metadata><rdf:RDF><dc:creator>CANARY_SVG_METADATA</dc:creator></rdf:RDF></metadata>
  <sodipodi:namedview id="namedview" inkscape:current-layer="CANARY_SVG_NAMEDVIEW"/>
  <g inkscape:label="CANARY_SVG_LABEL" inkscape:groupmode="layer" id="layer1" data-name="CANARY_SVG_DATA">
<!-- CANARY_SVG_INNER_COMMENT -->
<defs><rect id="box" width="4" height="4"/></defs>
{SVG_RECT}
{SVG_TEXT}
{SVG_USE}
CANARY_SVG_STRAY_TEXT
  </g>
</svg>"##
    )
}

const SVG_CANARIES: [&str; 12] = [
    "CANARY_SVG_COMMENT",
    "CANARY_SVG_PI",
    "CANARY_SVG_DOCNAME",
    "CANARY_SVG_EXPORT",
    "CANARY_SVG_TITLE",
    "CANARY_SVG_DESC",
    "CANARY_SVG_METADATA",
    "CANARY_SVG_NAMEDVIEW",
    "CANARY_SVG_LABEL",
    "CANARY_SVG_DATA",
    "CANARY_SVG_INNER_COMMENT",
    "CANARY_SVG_STRAY_TEXT",
];

// ---- PNG ----

#[test]
fn png_metadata_is_removed_and_pixels_kept() {
    let input = png_sample();
    let output = scrub_deterministic("png", &input);
    assert_canaries(
        &input,
        &output,
        &[
            "CANARY_PNG_TEXT",
            "CANARY_PNG_EXIF",
            "CANARY_PNG_ICC_NAME",
            "CANARY_PNG_ITXT",
            "CANARY_PNG_PRIVATE",
        ],
    );
    assert_eq!(
        pixels(&input, ImageFormat::Png),
        pixels(&output, ImageFormat::Png)
    );
    let kinds: Vec<[u8; 4]> = Png::from_bytes(output.into())
        .unwrap()
        .chunks()
        .iter()
        .map(PngChunk::kind)
        .collect();
    assert!(!kinds.contains(b"tIME") && !kinds.contains(b"eXIf"));
    assert!(kinds.contains(b"iCCP"), "the colour profile is kept");
}

#[test]
fn png_profile_text_is_blanked_under_a_fixed_name() {
    let input = png_sample();
    let output = scrub("png", input.clone()).unwrap();
    let png = Png::from_bytes(output.clone().into()).unwrap();
    let contents = png.chunk_by_type(*b"iCCP").unwrap().contents().clone();
    assert!(contents.starts_with(b"ICC profile\0\0"));
    let profile = png.icc_profile().unwrap();
    assert_icc_cleaned(
        &input,
        "CANARY_PNG_ICC",
        &icc_profile("CANARY_PNG_ICC"),
        &profile,
    );
    assert_eq!(
        pixels(&input, ImageFormat::Png),
        pixels(&output, ImageFormat::Png)
    );
}

#[test]
fn png_data_after_the_end_is_dropped() {
    let mut input = png_plain();
    input.extend_from_slice(b"CANARY_PNG_TRAILER");
    let output = scrub("png", input.clone()).unwrap();
    assert_canaries(&input, &output, &["CANARY_PNG_TRAILER"]);
}

#[test]
fn png_refuses_wrong_type_and_damage() {
    let error = scrub("png", jpeg_plain()).unwrap_err();
    assert!(error.contains("not a PNG image"), "{error}");
    let mut damaged = png_plain();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x55;
    let error = scrub("png", damaged).unwrap_err();
    assert!(error.contains("PNG file is damaged"), "{error}");
}

// ---- JPEG ----

#[test]
fn jpeg_metadata_is_removed_and_pixels_kept() {
    let input = jpeg_sample();
    let output = scrub_deterministic("jpg", &input);
    assert_canaries(
        &input,
        &output,
        &[
            "CANARY_JPEG_EXIF",
            "CANARY_XMP",
            "CANARY_IPTC",
            "CANARY_JPEG_COMMENT",
            "CANARY_JPEG_MPF",
            "CANARY_JPEG_TRAILER",
        ],
    );
    // The GPS latitude's IFD and rational values are gone with the EXIF.
    assert!(!contains(&output, "N\0\0\0"));
    assert_eq!(
        pixels(&input, ImageFormat::Jpeg),
        pixels(&output, ImageFormat::Jpeg)
    );
    let jpeg = Jpeg::from_bytes(output.into()).unwrap();
    let exif = jpeg.exif().expect("the orientation is written back");
    assert_eq!(jpeg_file::orientation(&exif), Some(6));
    assert_eq!(&exif[..], &jpeg_file::orientation_exif(6)[..]);
    let allowed = [
        markers::APP0,
        markers::APP1,
        markers::DQT,
        markers::DHT,
        markers::SOF0,
    ];
    for segment in jpeg.segments() {
        let marker = segment.marker();
        assert!(
            allowed.contains(&marker) || marker == markers::SOS,
            "{marker:#x} kept"
        );
    }
}

#[test]
fn jpeg_without_turn_gets_no_exif() {
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&exif_tiff(1, "CANARY_JPEG_UPRIGHT"));
    let input = jpeg_with(vec![(markers::APP1, exif)]);
    let output = scrub("jpeg", input.clone()).unwrap();
    assert_canaries(&input, &output, &["CANARY_JPEG_UPRIGHT"]);
    assert!(Jpeg::from_bytes(output.into()).unwrap().exif().is_none());
}

#[test]
fn jpeg_jfif_thumbnail_is_dropped() {
    let plain = jpeg_plain();
    let mut jpeg = Jpeg::from_bytes(plain.clone().into()).unwrap();
    // a 2x2 RGB thumbnail is 12 bytes
    let jfif = b"JFIF\0\x01\x01\x00\x00\x01\x00\x01\x02\x02CANARY_THUMB".to_vec();
    let segments = jpeg.segments_mut();
    segments.retain(|s| s.marker() != markers::APP0);
    segments.insert(
        0,
        JpegSegment::new_with_contents(markers::APP0, jfif.into()),
    );
    let input = jpeg.encoder().bytes().to_vec();
    let output = scrub("jpg", input.clone()).unwrap();
    assert_canaries(&input, &output, &["CANARY_THUMB"]);
    let cleaned = Jpeg::from_bytes(output.clone().into()).unwrap();
    let app0 = cleaned
        .segment_by_marker(markers::APP0)
        .unwrap()
        .contents()
        .clone();
    assert_eq!(&app0[..], b"JFIF\0\x01\x01\x00\x00\x01\x00\x01\x00\x00");
    assert_eq!(
        pixels(&plain, ImageFormat::Jpeg),
        pixels(&output, ImageFormat::Jpeg)
    );
}

/// A JPEG segment as written: marker, length, contents.
fn segment(marker: u8, contents: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, marker];
    out.extend_from_slice(&(contents.len() as u16 + 2).to_be_bytes());
    out.extend_from_slice(contents);
    out
}

#[test]
fn jpeg_segments_after_the_scan_are_cleaned() {
    let plain = jpeg_plain();
    assert_eq!(&plain[plain.len() - 2..], &[0xFF, 0xD9]);
    let mut input = plain[..plain.len() - 2].to_vec();
    input.extend_from_slice(&segment(markers::COM, b"CANARY_LATE_COMMENT"));
    input.extend_from_slice(&segment(markers::APP1, b"Exif\0\0CANARY_LATE_X"));
    input.extend_from_slice(&[0xFF, 0xD9]);
    // a second picture, as in multi-picture files
    input.extend_from_slice(&jpeg_sample());
    let output = scrub("jpg", input.clone()).unwrap();
    assert_canaries(
        &input,
        &output,
        &["CANARY_LATE_COMMENT", "CANARY_LATE_X", "CANARY_XMP"],
    );
    assert_eq!(output, scrub("jpg", plain).unwrap());
}

#[test]
fn jpeg_tail_keeps_scans_and_tables_only() {
    let mut tail = vec![0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56];
    let dht = [0xFF, 0xC4, 0x00, 0x04, 0xAA, 0xBB];
    let sos = [0xFF, 0xDA, 0x00, 0x03, 0x01];
    tail.extend_from_slice(&dht);
    tail.extend_from_slice(b"junk");
    tail.extend_from_slice(&[0xFF, 0xFF]); // fill bytes
    tail.extend_from_slice(&sos);
    tail.push(0x78);
    tail.extend_from_slice(&[0xFF, 0xEF, 0x00, 0x08]);
    tail.extend_from_slice(b"CANARY");
    tail.extend_from_slice(&[0x9A, 0xFF, 0xD9]);
    tail.extend_from_slice(b"TRAILER");
    let mut expected = vec![0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56];
    expected.extend_from_slice(&dht);
    expected.extend_from_slice(&sos);
    expected.extend_from_slice(&[0x78, 0xFF, 0xD9]);
    assert_eq!(jpeg_file::clean_tail(&tail).unwrap(), expected);
    // cut short: no end-of-image marker
    assert!(jpeg_file::clean_tail(&tail[..12]).is_err());
    assert!(jpeg_file::clean_tail(&[0x12, 0xFF]).is_err());
    assert!(jpeg_file::clean_tail(&[0xFF, 0xC4, 0x00, 0x09, 0x01]).is_err());
}

#[test]
fn jpeg_orientation_is_read_carefully() {
    use jpeg_file::{orientation, orientation_exif};
    for value in 2..=8 {
        assert_eq!(orientation(&orientation_exif(value)), Some(value));
    }
    assert_eq!(orientation(&exif_tiff(8, "x")), Some(8));
    assert_eq!(orientation(&orientation_exif(1)), None);
    assert_eq!(orientation(&orientation_exif(9)), None);
    // truncated anywhere, or pointing anywhere
    let full = exif_tiff(3, "x");
    for end in 0..full.len() {
        let _ = orientation(&full[..end]);
    }
    let mut far = orientation_exif(6);
    far[4..8].copy_from_slice(&u32::MAX.to_be_bytes());
    assert_eq!(orientation(&far), None);
    let mut many = orientation_exif(6);
    many[8..10].copy_from_slice(&u16::MAX.to_be_bytes());
    many[10..12].copy_from_slice(&0u16.to_be_bytes());
    assert_eq!(orientation(&many), None);
    let mut wrong_type = orientation_exif(6);
    wrong_type[13] = 4; // LONG
    assert_eq!(orientation(&wrong_type), None);
}

// ---- GIF ----

/// Every frame as gif decodes it with indexed colour: exact indices and palettes.
fn gif_indexed(bytes: &[u8]) -> (Vec<u8>, Repeat, Vec<Frame<'static>>) {
    let mut options = DecodeOptions::new();
    options.set_color_output(ColorOutput::Indexed);
    let mut decoder = options.read_info(bytes).unwrap();
    let palette = decoder.global_palette().unwrap().to_vec();
    let mut frames = Vec::new();
    while let Some(frame) = decoder.read_next_frame().unwrap() {
        let mut frame = frame.clone();
        frame.interlaced = false;
        frames.push(frame);
    }
    (palette, decoder.repeat(), frames)
}

/// A frame's dimensions, delay (numerator and denominator in ms) and RGBA pixels.
type ComposedFrame = ((u32, u32), (u32, u32), Vec<u8>);

/// Every composed frame as the `image` crate decodes it, with its delay.
fn gif_rgba(bytes: &[u8]) -> Vec<ComposedFrame> {
    let decoder = image::codecs::gif::GifDecoder::new(Cursor::new(bytes)).unwrap();
    let frames = decoder.into_frames().collect_frames().unwrap();
    frames
        .into_iter()
        .map(|f| {
            let delay = f.delay().numer_denom_ms();
            let buffer = f.into_buffer();
            (buffer.dimensions(), delay, buffer.into_raw())
        })
        .collect()
}

#[test]
fn gif_metadata_is_removed_and_frames_kept() {
    let input = gif_sample(true);
    let output = scrub_deterministic("gif", &input);
    assert_canaries(
        &input,
        &output,
        &[
            "CANARY_GIF_COMMENT",
            "CANARY_GIF_XMP",
            "CANARY_GIF_PLAIN_TEXT",
            "XMP DataXMP",
        ],
    );
    assert_eq!(
        pixels(&input, ImageFormat::Gif),
        pixels(&output, ImageFormat::Gif)
    );
    assert_eq!(gif_rgba(&input), gif_rgba(&output));
    let (palette_in, repeat_in, frames_in) = gif_indexed(&input);
    let (palette_out, repeat_out, frames_out) = gif_indexed(&output);
    assert_eq!(palette_in, palette_out);
    assert_eq!(
        (repeat_in, repeat_out),
        (Repeat::Infinite, Repeat::Infinite)
    );
    assert_eq!(frames_in.len(), frames_out.len());
    for (a, b) in frames_in.iter().zip(&frames_out) {
        assert_eq!(a.buffer, b.buffer);
        assert_eq!(a.palette, b.palette);
        assert_eq!(
            (a.delay, a.dispose, a.transparent),
            (b.delay, b.dispose, b.transparent)
        );
        assert_eq!(
            (a.left, a.top, a.width, a.height),
            (b.left, b.top, b.width, b.height)
        );
    }
}

#[test]
fn gif_without_loop_gets_none() {
    let mut encoder = gif::Encoder::new(Vec::new(), 2, 1, &gif_palette(2)).unwrap();
    let frame = Frame {
        width: 2,
        height: 1,
        buffer: vec![0, 1].into(),
        ..Frame::default()
    };
    encoder.write_frame(&frame).unwrap();
    let input = encoder.into_inner().unwrap();
    let output = scrub("gif", input).unwrap();
    assert!(!contains(&output, "NETSCAPE2.0"));
}

#[test]
fn gif_refuses_wrong_type() {
    let error = scrub("gif", png_plain()).unwrap_err();
    assert!(error.contains("not a GIF image"), "{error}");
}

// ---- WebP ----

/// The chunks of a RIFF file as (id, data), without recursing.
fn webp_chunks(bytes: &[u8]) -> Vec<([u8; 4], Vec<u8>)> {
    let mut chunks = Vec::new();
    let mut rest = &bytes[12..];
    while rest.len() >= 8 {
        let len = u32::from_le_bytes(rest[4..8].try_into().unwrap()) as usize;
        chunks.push((rest[..4].try_into().unwrap(), rest[8..8 + len].to_vec()));
        rest = &rest[(8 + len + len % 2).min(rest.len())..];
    }
    chunks
}

#[test]
fn webp_metadata_is_removed_and_picture_kept() {
    let input = webp_sample();
    let output = scrub_deterministic("webp", &input);
    assert_canaries(
        &input,
        &output,
        &[
            "CANARY_WEBP_EXIF",
            "CANARY_WEBP_XMP",
            "CANARY_WEBP_UNKNOWN",
            "CAN",
        ],
    );
    let size = u32::from_le_bytes(output[4..8].try_into().unwrap()) as usize;
    assert_eq!(size + 8, output.len());
    let chunks = webp_chunks(&output);
    let ids: Vec<&[u8; 4]> = chunks.iter().map(|(id, _)| id).collect();
    assert_eq!(ids, [b"VP8X", b"ICCP", b"VP8L"]);
    // the flags keep the profile and alpha, and no longer announce EXIF or XMP
    assert_eq!(chunks[0].1, [0x30, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let profile = icc_profile("CANARY_WEBP_ICC");
    assert_icc_cleaned(&input, "CANARY_WEBP_ICC", &profile, &chunks[1].1);
    // the picture's own bytes, untouched (no WebP decoder among the dev-dependencies)
    assert_eq!(chunks[2].1, VP8L);
}

#[test]
fn webp_animation_frames_are_cleaned() {
    let input = webp_animated();
    let output = scrub_deterministic("webp", &input);
    assert_canaries(
        &input,
        &output,
        &["CANARY_WEBP_FRAME", "CANARY_WEBP_ANIMATED_XMP"],
    );
    let chunks = webp_chunks(&output);
    assert_eq!(chunks[0].1[0], 0x02, "only the animation flag is left");
    let frame = &chunks[2].1;
    assert_eq!(&frame[..16], &[0; 16]);
    assert_eq!(&frame[16..], &riff_chunk(b"VP8L", VP8L)[..]);
}

#[test]
fn webp_refuses_wrong_type_and_missing_picture() {
    let error = scrub("webp", png_plain()).unwrap_err();
    assert!(error.contains("not a WebP image"), "{error}");
    let empty = riff(&[riff_chunk(b"EXIF", b"CANARY")]);
    assert!(scrub("webp", empty).is_err());
}

// ---- SVG ----

fn scrub_svg(svg: &str) -> Result<String, String> {
    scrub("svg", svg.as_bytes().to_vec()).map(|bytes| String::from_utf8(bytes).unwrap())
}

#[test]
fn svg_metadata_is_removed_and_drawing_kept() {
    let input = svg_sample();
    let output = scrub_deterministic("svg", input.as_bytes());
    assert_canaries(input.as_bytes(), &output, &SVG_CANARIES);
    let output = String::from_utf8(output).unwrap();
    for kept in [
        r#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>"#,
        r#"<defs><rect id="box" width="4" height="4"/></defs>"#,
        SVG_RECT,
        SVG_TEXT,
        SVG_USE,
        r#"<g id="layer1">"#,
        "\n   width=\"100\" height=\"50\" viewBox=\"0 0 100 50\">",
    ] {
        assert!(output.contains(kept), "lost {kept:?} in\n{output}");
    }
    assert!(output.starts_with("<?xml"));
    assert!(output.contains(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink""#
    ));
    for gone in [
        "sodipodi",
        "inkscape",
        "rdf",
        "<title",
        "<desc",
        "<metadata",
        "<!--",
        "<?xml-",
    ] {
        assert!(!output.contains(gone), "{gone} left in\n{output}");
    }
    assert!(roxmltree::Document::parse(&output).is_ok());
}

#[test]
fn svg_refuses_scripts() {
    let cases = [
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
            "script",
        ),
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg"><rect onclick="alert(1)"/></svg>"#,
            "event handler",
        ),
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg" onLoad="x()"/>"#,
            "event handler",
        ),
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg"><a href=" java&#x09;script:alert(1)"><rect/></a></svg>"#,
            "javascript",
        ),
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject></svg>"#,
            "foreignObject",
        ),
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg"><metadata><h:script xmlns:h="http://www.w3.org/1999/xhtml"/></metadata></svg>"#,
            "script",
        ),
    ];
    for (svg, reason) in cases {
        let error = scrub_svg(svg).unwrap_err();
        assert!(error.contains(reason), "{svg}: {error}");
    }
    let error = scrub_svg(cases[0].0).unwrap_err();
    assert!(error.contains("export it again from your drawing program as plain SVG"));
}

#[test]
fn svg_doctype_entities_are_refused_and_plain_doctype_cut() {
    let entity = r#"<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY who "CANARY_SVG_ENTITY">]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&who;</text></svg>"#;
    let error = scrub_svg(entity).unwrap_err();
    assert!(error.contains("entities"), "{error}");
    assert!(!error.contains("CANARY"));
    let plain = r#"<!-- <!DOCTYPE in a comment --><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>"#;
    let output = scrub_svg(plain).unwrap();
    assert_eq!(
        output,
        "\n<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>"
    );
}

#[test]
fn svg_embedded_pictures_are_scrubbed() {
    let png = png_sample();
    let svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image width="5" height="4" xlink:href="data:image/png;name=CANARY_NAME.png;base64,{}"/></svg>"#,
        b64::encode(&png)
    );
    let output = scrub_svg(&svg).unwrap();
    assert!(!output.contains("CANARY_NAME"));
    let start = output.find("base64,").unwrap() + 7;
    let end = start + output[start..].find('"').unwrap();
    let embedded = b64::decode(&output[start..end]).unwrap();
    assert_eq!(embedded, scrub("png", png.clone()).unwrap());
    assert!(output.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image width="5" height="4" xlink:href="data:image/png;base64,"#));
    assert_eq!(
        scrub_svg(&output).unwrap(),
        output,
        "scrubbing is idempotent"
    );
}

#[test]
fn svg_refuses_outside_files_and_unknown_embeds() {
    let cases = [
        r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///C:/Users/smith/photo.jpg"/></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="../Desktop/photo.jpg"/></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/svg+xml;base64,PHN2Zy8+"/></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png,rawtext"/></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url( 'data:image/png;base64,AAAA')"/></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><style>@font-face{src:url(data:font/woff2;base64,AA)}</style></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;base64,AAAA"/></svg>"#,
    ];
    for svg in cases {
        assert!(scrub_svg(svg).is_err(), "{svg}");
    }
    let link = r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="https://www.example.gov.uk/"><rect/></a></svg>"#;
    assert_eq!(scrub_svg(link).unwrap(), link);
}

#[test]
fn svg_hidden_text_is_cut_and_drawn_text_kept() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg">CANARY_ROOT<![CDATA[CANARY_CDATA]]>&amp;<g>CANARY_G</g><text>Kept <tspan>also</tspan><a href="https://x.example/">link</a></text><flowRoot><flowPara>CANARY_FLOW</flowPara></flowRoot><style>.a{fill:red}</style></svg>"#;
    let output = scrub_svg(svg).unwrap();
    assert_eq!(
        output,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><g></g><text>Kept <tspan>also</tspan><a href="https://x.example/">link</a></text><flowRoot><flowPara></flowPara></flowRoot><style>.a{fill:red}</style></svg>"#
    );
}

#[test]
fn svg_foreign_namespaces_and_declarations_go() {
    let svg = r##"<svg:svg xmlns:svg="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink" xmlns:x="urn:CANARY_NS" xmlns="urn:other"><svg:rect x:a="CANARY_A" svg:width="1" xml:space="preserve" xml:base="file:///C:/Users/CANARY_BASE/"/><svg:use l:href="#a" l:title="CANARY_TITLE"/><p>CANARY_P</p></svg:svg>"##;
    let output = scrub_svg(svg).unwrap();
    assert_eq!(
        output,
        r##"<svg:svg xmlns:svg="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink"><svg:rect svg:width="1" xml:space="preserve"/><svg:use l:href="#a"/></svg:svg>"##
    );
}

#[test]
fn svg_refuses_other_documents() {
    assert!(
        scrub_svg(r#"<html xmlns="http://www.w3.org/1999/xhtml"/>"#)
            .unwrap_err()
            .contains("not an SVG")
    );
    assert!(scrub_svg("<svg/>").unwrap_err().contains("not an SVG"));
    // UTF-16 is read (see a_utf16_svg_is_published_as_utf8), but a lone "<" is no SVG.
    assert!(scrub("svg", vec![0xFF, 0xFE, 0x3C, 0x00]).is_err());
    assert!(
        scrub("svg", vec![0x3C, 0xC3, 0x28])
            .unwrap_err()
            .contains("UTF-8")
    );
    assert!(
        scrub_svg("<svg xmlns=\"http://www.w3.org/2000/svg\">")
            .unwrap_err()
            .contains("damaged")
    );
}

/// An SVG document around `body`, with the XLink namespace declared.
fn svg_doc(body: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{body}</svg>"#
    )
}

/// Checks each SVG is refused with a message holding `reason`, its canary planted.
fn assert_svg_refused(cases: &[&str], reason: &str) {
    for body in cases {
        let svg = svg_doc(body);
        assert!(svg.contains("CANARY_"), "positive control: {svg}");
        let error = scrub_svg(&svg).expect_err(&svg);
        assert!(error.contains(reason), "{svg}: {error}");
        assert!(error.contains("export it again"), "{svg}: {error}");
    }
}

#[test]
fn svg_css_pointing_outside_the_drawing_is_refused() {
    assert_svg_refused(
        &[
            r#"<style>@import url("file:///C:/Users/CANARY_IMPORT/s.css");</style>"#,
            r#"<style><![CDATA[@IMPORT 'CANARY_CDATA.css';]]></style>"#,
            "<style>@im/**/port 'CANARY_SPLIT.css';</style>",
        ],
        "@import",
    );
    assert_svg_refused(
        &[
            r#"<rect style="fill:url(file:///home/CANARY_STYLE/p.svg#x)"/>"#,
            r#"<rect filter="url(file:///C:/Users/CANARY_FILTER/f.svg#blur)"/>"#,
            r#"<rect fill="URL( 'https://example.com/CANARY_WEB.svg#g' )"/>"#,
            r#"<rect mask="url(../../Users/CANARY_RELATIVE/m.svg#m)"/>"#,
            r#"<rect clip-path="url(&quot;CANARY_ENTITY.svg#c&quot;)"/>"#,
            "<style>.a{fill:url/**/(CANARY_COMMENTED.svg#x)}</style>",
            r#"<style>.a{fill:url("file:///C:/Users/CANARY_SHEET/p.svg#x")}</style>"#,
            r#"<style>.a{background:image-set("/home/CANARY_SET/x.png" 1x)}</style>"#,
        ],
        "outside the drawing",
    );
    assert_svg_refused(
        &[
            r"<style>.a{fill:u\72l(file:///C:/Users/CANARY_ESCAPE/p.svg#x)}</style>",
            r#"<rect fill="u\72l(CANARY_ESCAPED_ATTRIBUTE.svg#x)"/>"#,
        ],
        "backslash",
    );
    // Places in the drawing stay, byte for byte; "color-profile:" is not "file:".
    let same = svg_doc(
        r##"<style>.a{fill:url(#g)}</style><rect fill="url(#g)" clip-path="URL( '#c' )" style="fill:url( &quot;#g&quot; ); color-profile: sRGB"/>"##,
    );
    assert_eq!(scrub_svg(&same).unwrap(), same);
}

#[test]
fn svg_links_to_local_files_are_refused() {
    assert_svg_refused(
        &[
            r#"<a href="C:\Users\CANARY_DRIVE\draft.docx"><rect/></a>"#,
            r#"<a xlink:href="\\server\share\CANARY_UNC\x.docx"><rect/></a>"#,
            r#"<a href="../../Users/CANARY_RELATIVE/x.docx"><rect/></a>"#,
            r#"<a href=" file:///home/CANARY_FILE/x.pdf"><rect/></a>"#,
            r#"<a href="FILE:C:/CANARY_UPPER/x.pdf"><rect/></a>"#,
            r#"<a href="CANARY_BARE.docx"><rect/></a>"#,
        ],
        "a file on someone's computer",
    );
    assert_svg_refused(
        &[
            r#"<a href="ftp://server/CANARY_FTP/x"><rect/></a>"#,
            r#"<a href="https:\\server\CANARY_BACKSLASH"><rect/></a>"#,
            r#"<a href="data:image/png;base64,CANARY_DATA"><rect/></a>"#,
        ],
        "remove the link",
    );
    for href in [
        "#part-2",
        "http://www.example.gov.uk/",
        "HTTPS://www.example.gov.uk/a?b=c",
        "mailto:committee@example.gov.uk",
        "",
    ] {
        let svg = svg_doc(&format!(r#"<a href="{href}"><rect/></a>"#));
        assert_eq!(scrub_svg(&svg).unwrap(), svg);
    }
}

#[test]
fn svg_css_comments_are_cut() {
    let input = svg_doc(concat!(
        "<style><![CDATA[/* CANARY_CDATA by J. Smith */.a{fill:red}]]>",
        "/* CANARY_PLAIN */.b{fill:blue}\r\n.c{fill:green}/* CANARY_OPEN</style>",
        r#"<rect class="a" style="fill:red/* CANARY_STYLE */;stroke:blue" "#,
        r#"fill="blue /* CANARY_FILL */"/><text>/* not CSS */</text>"#,
    ));
    let output = scrub_deterministic("svg", input.as_bytes());
    assert_canaries(
        input.as_bytes(),
        &output,
        &[
            "CANARY_CDATA",
            "CANARY_PLAIN",
            "CANARY_OPEN",
            "CANARY_STYLE",
            "CANARY_FILL",
        ],
    );
    let expected = svg_doc(concat!(
        "<style><![CDATA[.a{fill:red}]]>.b{fill:blue}\r\n.c{fill:green}</style>",
        r#"<rect class="a" style="fill:red;stroke:blue" fill="blue "/>"#,
        "<text>/* not CSS */</text>",
    ));
    assert_eq!(String::from_utf8(output).unwrap(), expected);
    // A comment across a CDATA marker cannot be cut without cutting the marker.
    assert_svg_refused(
        &["<style><![CDATA[/* a ]]>CANARY_ACROSS */</style>"],
        "comment",
    );
}

#[test]
fn svg_hidden_elements_are_cut() {
    let input = svg_doc(concat!(
        r#"<g style="display:none"><text>CANARY_LAYER</text></g>"#,
        r#"<g display="none"><text>CANARY_DISPLAY</text></g>"#,
        r#"<text visibility="hidden">CANARY_VISIBILITY</text>"#,
        r#"<g style="visibility : HIDDEN"><text>CANARY_VISIBILITY_STYLE</text></g>"#,
        r#"<text opacity="0">CANARY_OPACITY</text>"#,
        r#"<text style="opacity:0%">CANARY_OPACITY_STYLE</text>"#,
        r#"<rect style="display:none" display="inline" id="CANARY_STYLE_WINS"/>"#,
        r#"<text>Kept <tspan display="none">CANARY_TSPAN</tspan>line</text>"#,
        r#"<g visibility="hidden"><text>CANARY_INHERITED</text><text visibility="visible">Shown</text></g>"#,
        // A hidden path that text is drawn along stays; what is beside it goes.
        r#"<g display="none"><path id="arc" d="M0 0 L9 9"/><text>CANARY_BESIDE</text></g>"#,
        r##"<text><textPath href="#arc">Along the path</textPath></text>"##,
        // Only the first cut leaves the second unreferenced; a second round cuts it.
        r##"<g display="none"><use href="#b"/></g><g display="none" id="b"><text>CANARY_CHAIN</text></g>"##,
        // A style sheet applies whether or not it is drawn.
        r#"<g display="none"><style>.k{fill:red}</style><text>CANARY_NEAR_STYLE</text></g>"#,
        r#"<rect display="none" style="display:inline"/><rect opacity="0.5"/>"#,
    ));
    let output = scrub_deterministic("svg", input.as_bytes());
    assert_canaries(
        input.as_bytes(),
        &output,
        &[
            "CANARY_LAYER",
            "CANARY_DISPLAY",
            "CANARY_VISIBILITY",
            "CANARY_VISIBILITY_STYLE",
            "CANARY_OPACITY",
            "CANARY_OPACITY_STYLE",
            "CANARY_STYLE_WINS",
            "CANARY_TSPAN",
            "CANARY_INHERITED",
            "CANARY_BESIDE",
            "CANARY_CHAIN",
            "CANARY_NEAR_STYLE",
        ],
    );
    let expected = svg_doc(concat!(
        r#"<text>Kept line</text>"#,
        r#"<g visibility="hidden"><text visibility="visible">Shown</text></g>"#,
        r#"<g display="none"><path id="arc" d="M0 0 L9 9"/></g>"#,
        r##"<text><textPath href="#arc">Along the path</textPath></text>"##,
        r#"<g display="none"><style>.k{fill:red}</style></g>"#,
        r#"<rect display="none" style="display:inline"/><rect opacity="0.5"/>"#,
    ));
    assert_eq!(String::from_utf8(output).unwrap(), expected);
}

#[test]
fn svg_hidden_parts_that_cannot_be_cut_are_refused() {
    assert_svg_refused(
        &[
            r#"<text>Dear <tspan visibility="hidden">CANARY_WORD</tspan>resident</text>"#,
            r#"<text>Dear <tspan opacity="0">CANARY_CLEAR</tspan>resident</text>"#,
            r#"<text visibility="hidden">CANARY_AROUND<tspan visibility="visible">x</tspan></text>"#,
        ],
        "hidden words inside a line of visible text",
    );
    assert_svg_refused(
        &[r#"<style>.h{display:none}</style><g class="h"><text>CANARY_CLASS</text></g>"#],
        "styles hide parts of the drawing",
    );
    assert_svg_refused(
        &[
            r#"<style>g{display:inline}</style><g display="none"><text>CANARY_OVERRIDE</text></g>"#,
            r#"<g display="none"><set attributeName="display" to="inline" begin="1s"/><text>CANARY_LATER</text></g>"#,
        ],
        "styles or animations can change",
    );
}

// ---- ICC colour profiles ----

#[test]
fn icc_profile_text_is_blanked_and_colour_data_kept() {
    let profile = icc_profile("CANARY_ICC");
    let cleaned = icc::clean(&profile).unwrap();
    assert_icc_cleaned(&profile, "CANARY_ICC", &profile, &cleaned);
    // Bytes after the size the header declares are not part of the profile.
    let mut longer = profile.clone();
    longer.extend_from_slice(b"CANARY_ICC_AFTER");
    assert_eq!(icc::clean(&longer).unwrap(), cleaned);
}

/// Sets the big-endian u32 at `at`.
fn put32(bytes: &mut [u8], at: usize, value: usize) {
    bytes[at..at + 4].copy_from_slice(&be32(value));
}

#[test]
fn icc_profiles_that_cannot_be_read_are_dropped() {
    let profile = icc_profile("CANARY_ICC");
    let entry = |signature: &[u8; 4]| {
        (132..132 + 12 * 7)
            .step_by(12)
            .find(|&at| &profile[at..at + 4] == signature)
            .unwrap()
    };
    let desc = u32::from_be_bytes(profile[entry(b"desc") + 4..][..4].try_into().unwrap());
    let mluc = u32::from_be_bytes(profile[entry(b"dmdd") + 4..][..4].try_into().unwrap());
    type Damage<'a> = Box<dyn Fn(&mut Vec<u8>) + 'a>;
    let broken: Vec<(&str, Damage)> = vec![
        ("no acsp signature", Box::new(|p| p[36] = b'x')),
        (
            "declared longer than it is",
            Box::new(|p| p.truncate(p.len() - 1)),
        ),
        ("too many tags", Box::new(|p| put32(p, 128, 100_000))),
        (
            "a tag past the end",
            Box::new(move |p| put32(p, entry(b"cprt") + 8, 1 << 20)),
        ),
        (
            "a tag inside the header",
            Box::new(move |p| put32(p, entry(b"cprt") + 4, 64)),
        ),
        (
            "ASCII running past its tag",
            Box::new(move |p| put32(p, desc as usize + 8, 999)),
        ),
        (
            "records past their tag",
            Box::new(move |p| put32(p, mluc as usize + 8, 99)),
        ),
        // the copyright text pointing at the red colorant, and running into the curve
        (
            "text over a colour tag",
            Box::new(move |p| {
                let colorant = p[entry(b"rXYZ") + 4..][..4].to_vec();
                p[entry(b"cprt") + 4..][..4].copy_from_slice(&colorant);
            }),
        ),
    ];
    for (why, damage) in broken {
        let mut bad = profile.clone();
        damage(&mut bad);
        assert_eq!(icc::clean(&bad), None, "{why}");
    }
    assert_eq!(icc::clean(b"a colour profile"), None);
}

#[test]
fn unreadable_profiles_are_dropped_from_every_format() {
    let mut png = Png::from_bytes(png_plain().into()).unwrap();
    let mut chunk = b"CANARY_NAME\0\0".to_vec();
    chunk.extend_from_slice(&zlib_stored(b"CANARY_NOT_A_PROFILE"));
    png.chunks_mut()
        .insert(1, PngChunk::new(*b"iCCP", chunk.into()));
    let input = png.encoder().bytes().to_vec();
    let output = scrub("png", input.clone()).unwrap();
    assert_canaries(&input, &output, &["CANARY_NAME", "CANARY_NOT_A_PROFILE"]);
    assert!(
        Png::from_bytes(output.into())
            .unwrap()
            .chunk_by_type(*b"iCCP")
            .is_none()
    );

    let input = jpeg_with(vec![(
        markers::APP2,
        b"ICC_PROFILE\0\x01\x01CANARY_JPEG_BAD".to_vec(),
    )]);
    let output = scrub("jpg", input.clone()).unwrap();
    assert_canaries(&input, &output, &["CANARY_JPEG_BAD"]);
    assert!(
        Jpeg::from_bytes(output.into())
            .unwrap()
            .icc_profile()
            .is_none()
    );

    let input = riff(&[
        riff_chunk(b"VP8X", &[0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        riff_chunk(b"ICCP", b"CANARY_WEBP_BAD"),
        riff_chunk(b"VP8L", VP8L),
    ]);
    let output = scrub("webp", input.clone()).unwrap();
    assert_canaries(&input, &output, &["CANARY_WEBP_BAD"]);
    let chunks = webp_chunks(&output);
    assert_eq!(chunks.len(), 2, "no ICCP chunk");
    assert_eq!(chunks[0].1[0], 0, "the profile flag goes with it");
}

#[test]
fn jpeg_profile_split_over_segments_is_blanked() {
    let profile = icc_profile("CANARY_JPEG_ICC");
    // Split where the copyright tag starts, so that each part holds some of the text.
    let split = profile.windows(4).position(|w| w == b"text").unwrap();
    let part = |seq: u8, bytes: &[u8]| {
        let mut contents = b"ICC_PROFILE\0".to_vec();
        contents.extend_from_slice(&[seq, 2]);
        contents.extend_from_slice(bytes);
        (markers::APP2, contents)
    };
    // out of order, as the format allows
    let input = jpeg_with(vec![part(2, &profile[split..]), part(1, &profile[..split])]);
    let output = scrub_deterministic("jpg", &input);
    let jpeg = Jpeg::from_bytes(output.clone().into()).unwrap();
    let cleaned = jpeg.icc_profile().unwrap();
    assert_icc_cleaned(&input, "CANARY_JPEG_ICC", &profile, &cleaned);
    assert_eq!(
        pixels(&input, ImageFormat::Jpeg),
        pixels(&output, ImageFormat::Jpeg)
    );
}

// ---- all formats ----

#[test]
fn base64_round_trips() {
    for len in 0..10 {
        let data: Vec<u8> = (0..len).map(|i| (i * 91 + 7) as u8).collect();
        assert_eq!(b64::decode(&b64::encode(&data)).unwrap(), data);
    }
    assert_eq!(b64::encode(b"quire"), "cXVpcmU=");
    assert_eq!(b64::decode("cXVp\n cmU=").unwrap(), b"quire");
    assert!(b64::decode("cX*p").is_none());
}

#[test]
fn other_extensions_pass_through_and_case_is_ignored() {
    assert!(is_image("png") && is_image("JPEG") && is_image("webp") && is_image("svg"));
    assert!(!is_image("pdf") && !is_image("tiff") && !is_image(""));
    assert_eq!(scrub("pdf", b"%PDF-1.7".to_vec()).unwrap(), b"%PDF-1.7");
    let output = scrub("PNG", png_sample()).unwrap();
    assert!(!contains(&output, "CANARY_PNG_TEXT"));
}

/// Whole files that end exactly where their format says, so every strict prefix of them
/// is damaged.
fn samples() -> &'static [(&'static str, Vec<u8>)] {
    static SAMPLES: OnceLock<Vec<(&'static str, Vec<u8>)>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        vec![
            ("png", png_sample()),
            ("jpg", jpeg_plain()),
            ("gif", gif_sample(true)),
            ("webp", webp_sample()),
            ("svg", svg_sample().into_bytes()),
        ]
    })
}

#[test]
fn samples_are_accepted_whole() {
    for (ext, bytes) in samples() {
        assert!(scrub(ext, bytes.clone()).is_ok(), "{ext}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn truncated_files_are_refused(which in 0usize..5, cut in any::<prop::sample::Index>()) {
        let (ext, bytes) = &samples()[which];
        let end = cut.index(bytes.len());
        prop_assert!(scrub_known(ext, bytes[..end].to_vec()).is_err(), "{} cut at {}", ext, end);
    }

    #[test]
    fn random_bytes_are_refused(which in 0usize..5, bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let ext = samples()[which].0;
        prop_assert!(scrub_known(ext, bytes).is_err());
    }

    #[test]
    fn random_data_after_a_signature_never_panics(which in 0usize..5, bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let (ext, sample) = &samples()[which];
        let mut input = sample[..sample.len().min(40)].to_vec();
        input.extend_from_slice(&bytes);
        let _ = scrub_known(ext, input);
    }

    #[test]
    fn corrupted_files_never_panic(which in 0usize..5, flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let (ext, sample) = &samples()[which];
        let mut input = sample.clone();
        for (at, value) in flips {
            let at = at.index(input.len());
            input[at] = value;
        }
        let _ = scrub_known(ext, input);
    }

    #[test]
    fn random_jpeg_scan_data_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = jpeg_file::clean_tail(&bytes);
        let mut input = jpeg_plain();
        let sos = input.windows(2).rposition(|w| w == [0xFF, 0xDA]).unwrap();
        input.truncate(sos + 14);
        input.extend_from_slice(&bytes);
        let _ = scrub_known("jpg", input);
    }
}

#[test]
fn a_picture_is_known_by_its_first_bytes_and_published_as_it_is_cleaned() {
    assert_eq!(kind_of(&jpeg_plain()), Some("jpg"));
    assert_eq!(kind_of(&png_plain()), Some("png"));
    assert_eq!(kind_of(&gif_sample(false)), Some("gif"));
    assert_eq!(kind_of(b"RIFF\0\0\0\0WEBPVP8 "), Some("webp"));
    assert_eq!(kind_of(b"%PDF-1.7"), None);
    // A photo with metadata is published as its cleaned bytes; those clean again to
    // themselves, so a public copy of a cleaned withheld photo is the same file.
    let clean = published(&jpeg_sample()).expect("the sample has metadata");
    assert_eq!(clean, scrub("jpg", jpeg_sample()).unwrap());
    assert_eq!(published(&clean), None);
    assert_eq!(published(b"not a picture"), None);
}

#[test]
fn a_picture_alone_is_its_data_without_metadata_or_what_follows() {
    // A PNG's compressed pixels, whatever chunks surround them or follow its end.
    let png = png_plain();
    let bare = png_file::essence(&png).expect("a PNG");
    let padded = [png.clone(), b"appended data".to_vec()].concat();
    assert_eq!(png_file::essence(&padded), Some(bare.clone()));
    assert_eq!(essence(&png_sample()), essence(&png_plain()));
    // A JPEG without its APPn and comment segments, or anything after its end.
    assert_eq!(essence(&jpeg_sample()), essence(&jpeg_plain()));
    // Pictures inside other bytes, found where they start.
    let wrapped = [
        b"header".to_vec(),
        jpeg_plain(),
        b"tail".to_vec(),
        png.clone(),
    ]
    .concat();
    let found = pictures_within(&wrapped);
    assert_eq!(found.len(), 2);
    assert_eq!(essence(found[0]), essence(&jpeg_plain()));
    assert_eq!(essence(found[1]), Some(bare));
    assert!(pictures_within(&png).is_empty());
}

#[test]
fn a_utf16_svg_is_published_as_utf8() {
    let svg = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\" fill=\"red\"/></svg>";
    let le: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(svg.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xfe, 0xff]
        .into_iter()
        .chain(svg.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    for bytes in [le, be] {
        let out = String::from_utf8(scrub("svg", bytes).unwrap()).expect("UTF-8");
        assert!(
            out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
            "{out}"
        );
        assert!(out.contains("<rect"), "{out}");
    }
    // Not UTF-16 after all: an odd number of bytes after the mark is refused.
    assert!(scrub("svg", vec![0xff, 0xfe, b'<']).is_err());
}

#[test]
fn a_jpeg_with_its_tables_written_another_way_is_the_same_picture() {
    let plain = jpeg_plain();
    let jpeg = Jpeg::from_bytes(plain.clone().into()).unwrap();
    let segments = jpeg.segments().to_vec();
    let rewritten = |segments: Vec<JpegSegment>| {
        let mut copy = Jpeg::from_bytes(plain.clone().into()).unwrap();
        *copy.segments_mut() = segments;
        copy.encoder().bytes().to_vec()
    };
    // Every Huffman table in one segment, as Photoshop and many cameras write them.
    let tables: Vec<u8> = (segments.iter())
        .filter(|s| s.marker() == markers::DHT)
        .flat_map(|s| s.contents().to_vec())
        .collect();
    assert!(
        segments
            .iter()
            .filter(|s| s.marker() == markers::DHT)
            .count()
            > 1
    );
    let mut merged: Vec<JpegSegment> = Vec::new();
    for s in &segments {
        match s.marker() {
            markers::DHT if merged.iter().any(|m| m.marker() == markers::DHT) => {}
            markers::DHT => merged.push(JpegSegment::new_with_contents(
                markers::DHT,
                tables.clone().into(),
            )),
            _ => merged.push(s.clone()),
        }
    }
    // The quantisation tables after the Huffman ones, and a restart interval of 0.
    let mut reordered: Vec<JpegSegment> = segments
        .iter()
        .filter(|s| s.marker() != markers::DQT)
        .cloned()
        .collect();
    let at = reordered
        .iter()
        .position(|s| s.marker() == markers::SOS)
        .unwrap();
    for (i, s) in segments
        .iter()
        .filter(|s| s.marker() == markers::DQT)
        .enumerate()
    {
        reordered.insert(at + i, s.clone());
    }
    reordered.insert(
        1,
        JpegSegment::new_with_contents(markers::DRI, vec![0, 0].into()),
    );
    let want = essence(&plain).unwrap();
    for other in [rewritten(merged), rewritten(reordered)] {
        assert_ne!(other, plain);
        assert_eq!(essence(&other).as_ref(), Some(&want));
    }
}

#[test]
fn the_text_a_picture_keeps_besides_its_pixels_is_read() {
    let jpeg = metadata_text(&jpeg_sample());
    assert!(jpeg.contains("CANARY_JPEG_EXIF"), "{jpeg}");
    let png = metadata_text(&png_sample());
    for canary in ["CANARY_PNG_TEXT", "CANARY_PNG_EXIF", "CANARY_PNG_ITXT"] {
        assert!(png.contains(canary), "{canary} in {png}");
    }
    // Not the pixels, and nothing of a file that is not a picture.
    assert!(metadata_text(&jpeg_plain()).len() < 100);
    assert_eq!(metadata_text(b"CANARY plain text"), "");
}

#[test]
fn a_pngs_packed_text_is_unpacked_to_a_bound_in_all() {
    use std::io::Write;
    // 64 chunks of 8 KB of zlib, each asking for 8 MB.
    let mut packed = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    packed.write_all(&vec![b'a'; 8 << 20]).unwrap();
    let packed = packed.finish().unwrap();
    let mut png = Png::from_bytes(png_plain().into()).unwrap();
    for _ in 0..64 {
        let data = [b"Comment\0\0".as_slice(), &packed].concat();
        png.chunks_mut()
            .insert(1, PngChunk::new(*b"zTXt", data.into()));
    }
    let unpacked: usize = png_file::metadata(&png.encoder().bytes())
        .iter()
        .map(Vec::len)
        .sum();
    assert!(unpacked <= (16 << 20) + 64 * 16, "{unpacked}");
    assert!(unpacked >= 16 << 20, "{unpacked}");
}

#[test]
fn a_gif_or_tiff_is_read_whole_for_its_text() {
    let gif = [
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00!\xfe\x13".as_slice(),
        b"CANARY_GIF_COMMENT",
    ]
    .concat();
    assert!(metadata_text(&gif).contains("CANARY_GIF_COMMENT"));
    let tiff = [b"II*\0\x08\0\0\0".as_slice(), b"CANARY_TIFF_DESCRIPTION"].concat();
    assert!(metadata_text(&tiff).contains("CANARY_TIFF_DESCRIPTION"));
}

/// An enhanced metafile's header record, with " EMF" at byte 40.
fn emf_header() -> Vec<u8> {
    let mut header = vec![0u8; 88];
    header[0..4].copy_from_slice(&1u32.to_le_bytes());
    header[4..8].copy_from_slice(&88u32.to_le_bytes());
    header[40..44].copy_from_slice(b" EMF");
    header
}

/// One `EMR_EXTTEXTOUTW` record drawing `text` in UTF-16, as Word keeps a table pasted
/// as a picture: its count of characters at byte 44, their place at byte 48.
fn emf_text(text: &str) -> Vec<u8> {
    let mut r = vec![0u8; 76];
    r[0..4].copy_from_slice(&84u32.to_le_bytes());
    r[44..48].copy_from_slice(&(text.encode_utf16().count() as u32).to_le_bytes());
    r[48..52].copy_from_slice(&76u32.to_le_bytes());
    r.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    r.resize(r.len().div_ceil(4) * 4, 0);
    let size = r.len() as u32;
    r[4..8].copy_from_slice(&size.to_le_bytes());
    r
}

#[test]
fn a_metafile_is_read_whole_for_its_text() {
    let emf = [emf_header(), emf_text("CANARY_EMF_TEXT")].concat();
    assert_eq!(&emf[40..44], b" EMF");
    assert!(metadata_text(&emf).contains("CANARY_EMF_TEXT"));
    let wmf = [
        [0xD7u8, 0xCD, 0xC6, 0x9A].as_slice(),
        &[0; 18],
        b"CANARY_WMF_TEXT",
    ]
    .concat();
    assert!(metadata_text(&wmf).contains("CANARY_WMF_TEXT"));
    // Not every run of bytes is a metafile.
    assert_eq!(metadata_text(b"\x01\0\0\0CANARY plain"), "");
}

#[test]
fn a_metafiles_text_records_are_read_in_order() {
    let records = ["Zorblax", "Holdings", "Ltd"].map(emf_text);
    let emf = [vec![emf_header()], records.to_vec()].concat().concat();
    let text = metafile_text(&emf).expect("a metafile");
    assert!(text.contains("Zorblax Holdings Ltd"), "{text}");
    assert!(text.contains("ZorblaxHoldingsLtd"), "{text}");
    // A record whose text would run past its end is passed over, not read beyond.
    let mut damaged = emf_text("Zorblax");
    damaged[44..48].copy_from_slice(&1000u32.to_le_bytes());
    assert!(metafile_text(&[emf_header(), damaged].concat()).is_some());
    assert_eq!(metafile_text(b"not a metafile"), None);
}
