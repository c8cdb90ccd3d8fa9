//! Scrub: strips hidden metadata from images before they are published.
//!
//! Officers' pictures carry more than pixels: camera GPS positions, owners' names, original
//! file names, editor layer names. Every format here is cleaned by allow-list, keeping only
//! what a browser needs to draw the picture exactly as before, so kinds of metadata nobody has
//! thought of yet are dropped too. A file that cannot be parsed as its type is refused, never
//! passed through.

/// The extensions [`scrub`] cleans.
const IMAGE_EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "gif", "svg", "webp"];

/// Whether `ext` is an image type that [`scrub`] cleans.
pub fn is_image(ext: &str) -> bool {
    IMAGE_EXTENSIONS
        .iter()
        .any(|known| known.eq_ignore_ascii_case(ext))
}

/// Returns the image with its hidden metadata removed and its pixels exactly as they were.
///
/// `ext` is the lower-case file extension without the dot ("png", "jpg", "jpeg", "gif", "svg",
/// "webp"). Any other extension returns the bytes unchanged (the caller only passes images).
/// Err(plain English reason) when the file cannot be parsed as the type its name says.
pub fn scrub(ext: &str, bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    // An upper-case extension slipping past the match would publish the file untouched.
    let ext = ext.to_ascii_lowercase();
    if !is_image(&ext) {
        return Ok(bytes);
    }
    // The parsers belong to other crates. Should one of them panic on a hostile file, the
    // file must be refused, not take down the build or slip through.
    std::panic::catch_unwind(move || scrub_known(&ext, bytes)).unwrap_or_else(|_| {
        Err("quire could not read this image safely; \
             export it again from the program that made it"
            .to_string())
    })
}

/// Dispatches on an extension already lower-cased.
fn scrub_known(ext: &str, bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    match ext {
        "png" => png_file::scrub(bytes),
        "jpg" | "jpeg" => jpeg_file::scrub(bytes),
        "gif" => gif_file::scrub(&bytes),
        "webp" => webp_file::scrub(bytes),
        "svg" => svg_file::scrub(&bytes),
        _ => Ok(bytes),
    }
}

/// The message for a file of the right type that cannot be read.
fn damaged(kind: &str) -> String {
    format!(
        "the {kind} file is damaged and cannot be read; \
         export it again from the program that made it"
    )
}

/// The message for a file whose contents do not match its extension.
fn wrong_type(ext: &str, kind: &str) -> String {
    format!(
        "the file is named .{ext} but is not {kind}; \
         check it is the right file, or rename it to match its type"
    )
}

mod png_file {
    use img_parts::png::{Png, PngChunk};
    use img_parts::{Bytes, Error};

    /// What a browser needs to draw the picture, colours and APNG animation included. Text,
    /// EXIF, time stamps and private chunks are not here, so they are dropped.
    const KEEP: [[u8; 4]; 16] = [
        *b"IHDR", *b"PLTE", *b"IDAT", *b"IEND", *b"tRNS", *b"gAMA", *b"cHRM", *b"sRGB", *b"iCCP",
        *b"sBIT", *b"pHYs", *b"bKGD", *b"cICP", *b"acTL", *b"fcTL", *b"fdAT",
    ];

    /// The name written in place of an embedded colour profile's own.
    const PROFILE_NAME: &[u8] = b"ICC profile\0";

    pub fn scrub(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
        // img-parts checks every chunk's CRC, and drops anything after IEND.
        let mut png = Png::from_bytes(Bytes::from(bytes)).map_err(read_error)?;
        check_complete(&png)?;
        let chunks = std::mem::take(png.chunks_mut());
        *png.chunks_mut() = chunks
            .into_iter()
            .filter(|chunk| KEEP.contains(&chunk.kind()))
            .filter_map(rename_profile)
            .collect();
        Ok(png.encoder().bytes().to_vec())
    }

    fn read_error(error: Error) -> String {
        match error {
            Error::WrongSignature => super::wrong_type("png", "a PNG image"),
            _ => super::damaged("PNG"),
        }
    }

    /// img-parts stops quietly where the data ends, so a file cut short between two chunks
    /// would otherwise pass as whole.
    fn check_complete(png: &Png) -> Result<(), String> {
        let chunks = png.chunks();
        let starts = chunks.first().is_some_and(|c| c.kind() == *b"IHDR");
        let ends = chunks.last().is_some_and(|c| c.kind() == *b"IEND");
        let has_pixels = chunks.iter().any(|c| c.kind() == *b"IDAT");
        if starts && ends && has_pixels {
            Ok(())
        } else {
            Err(super::damaged("PNG"))
        }
    }

    /// An iCCP profile's name is free text, often the name of someone's calibrated display,
    /// so it becomes a fixed one. A profile without a readable name is dropped: browsers
    /// ignore such a chunk anyway.
    fn rename_profile(chunk: PngChunk) -> Option<PngChunk> {
        if chunk.kind() != *b"iCCP" {
            return Some(chunk);
        }
        let contents = chunk.contents();
        // The name is at most 79 bytes, then its terminating NUL.
        let nul = contents.iter().take(80).position(|&b| b == 0)?;
        let mut renamed = PROFILE_NAME.to_vec();
        renamed.extend_from_slice(contents.get(nul + 1..)?);
        Some(PngChunk::new(*b"iCCP", Bytes::from(renamed)))
    }
}

mod jpeg_file {
    use img_parts::jpeg::{Jpeg, JpegSegment, markers};
    use img_parts::{Bytes, Error, ImageEXIF};

    /// The EXIF tag that says how to turn the picture for display.
    const ORIENTATION_TAG: u16 = 0x0112;
    /// The EXIF type code of an unsigned 16-bit value.
    const SHORT: u16 = 3;
    /// Length of a JFIF APP0 segment up to its thumbnail size bytes.
    const JFIF_LEN: usize = 14;
    /// Length of an Adobe APP14 segment: "Adobe", version, two flag words, transform.
    const ADOBE_LEN: usize = 12;

    pub fn scrub(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
        let mut jpeg = Jpeg::from_bytes(Bytes::from(bytes)).map_err(read_error)?;
        let orientation = jpeg.exif().and_then(|tiff| orientation(&tiff));
        let mut kept: Vec<JpegSegment> = jpeg
            .segments()
            .iter()
            .filter_map(keep_header_segment)
            .collect();
        // img-parts parses up to the first scan header, whose "entropy" is the rest of the file.
        let scan = kept
            .pop()
            .filter(|s| s.marker() == markers::SOS && s.has_entropy())
            .ok_or_else(|| super::damaged("JPEG"))?;
        if !kept.iter().any(|s| is_frame_header(s.marker())) {
            return Err(super::damaged("JPEG"));
        }
        let tail = clean_tail(&scan_tail(&scan)?)?;
        kept.push(JpegSegment::new_with_entropy(
            markers::SOS,
            scan.contents().clone(),
            Bytes::from(tail),
        ));
        *jpeg.segments_mut() = kept;
        if let Some(value) = orientation {
            // Without it a portrait photo taken sideways would be published sideways.
            jpeg.set_exif(Some(Bytes::from(orientation_exif(value))));
        }
        Ok(jpeg.encoder().bytes().to_vec())
    }

    fn read_error(error: Error) -> String {
        match error {
            Error::WrongSignature => super::wrong_type("jpg", "a JPEG image"),
            _ => super::damaged("JPEG"),
        }
    }

    /// The bytes after the first scan header. img-parts has no getter for them, but encodes
    /// them right after the header.
    fn scan_tail(scan: &JpegSegment) -> Result<Bytes, String> {
        let encoded = scan.clone().encoder().bytes();
        encoded
            .get(scan.len()..)
            .map(Bytes::copy_from_slice)
            .ok_or_else(|| super::damaged("JPEG"))
    }

    /// Keeps a segment before the first scan if a decoder needs it, trimmed to what it needs.
    fn keep_header_segment(segment: &JpegSegment) -> Option<JpegSegment> {
        let contents = segment.contents();
        match segment.marker() {
            markers::APP0 => jfif_without_thumbnail(contents),
            markers::APP2 if contents.starts_with(b"ICC_PROFILE\0") => Some(segment.clone()),
            // Decoders read the colour transform from it; anything past its 12 bytes is not
            // part of it.
            markers::APP14 if contents.starts_with(b"Adobe") => {
                Some(JpegSegment::new_with_contents(
                    markers::APP14,
                    contents.slice(..contents.len().min(ADOBE_LEN)),
                ))
            }
            marker if is_picture_marker(marker) => Some(segment.clone()),
            _ => None,
        }
    }

    /// The JFIF header without its thumbnail, which may still show a picture as it was before
    /// it was cropped or blurred.
    fn jfif_without_thumbnail(contents: &Bytes) -> Option<JpegSegment> {
        if !contents.starts_with(b"JFIF\0") {
            return None;
        }
        let mut header = contents.get(..JFIF_LEN)?.to_vec();
        header[JFIF_LEN - 2..].fill(0);
        Some(JpegSegment::new_with_contents(
            markers::APP0,
            Bytes::from(header),
        ))
    }

    /// Start-of-frame markers (SOF0 to SOF15, less DHT, JPG and DAC which share the range).
    fn is_frame_header(marker: u8) -> bool {
        matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF)
    }

    /// Segments that carry the picture itself: frame and scan headers and their tables.
    fn is_picture_marker(marker: u8) -> bool {
        is_frame_header(marker)
            || matches!(
                marker,
                markers::DHT
                    | markers::DAC
                    | markers::DQT
                    | markers::DRI
                    | markers::DNL
                    | markers::SOS
            )
    }

    /// Markers followed by a two-byte length.
    fn has_length(marker: u8) -> bool {
        matches!(marker, 0xC0..=0xCF | 0xDA..=0xDF | 0xE0..=0xEF | 0xF0..=0xFE)
    }

    /// Walks what follows the first scan header: compressed data, then for progressive files
    /// more tables and scans. Comments and APPn segments can sit between scans, and anything
    /// after the end-of-image marker (a second picture, appended data) is dropped.
    pub(super) fn clean_tail(tail: &[u8]) -> Result<Vec<u8>, String> {
        let mut out = Vec::with_capacity(tail.len());
        let mut pos = 0;
        let mut in_scan = true;
        loop {
            // A file that ends before its end-of-image marker has been cut short.
            let ff = pos
                + tail[pos..]
                    .iter()
                    .position(|&b| b == 0xFF)
                    .ok_or_else(|| super::damaged("JPEG"))?;
            if in_scan {
                out.extend_from_slice(&tail[pos..ff]);
            }
            // Any number of 0xFF fill bytes may precede a marker.
            let at = ff
                + tail[ff..]
                    .iter()
                    .position(|&b| b != 0xFF)
                    .ok_or_else(|| super::damaged("JPEG"))?;
            let marker = tail[at];
            match marker {
                // A stuffed zero or a restart marker is part of the compressed data.
                0x00 | markers::RST0..=markers::RST7 => {
                    if in_scan {
                        out.extend_from_slice(&tail[ff..=at]);
                    }
                    pos = at + 1;
                }
                markers::EOI => {
                    out.extend_from_slice(&[0xFF, markers::EOI]);
                    return Ok(out);
                }
                // TEM carries no data.
                0x01 => pos = at + 1,
                m if has_length(m) => {
                    let end = segment_end(tail, at)?;
                    if is_picture_marker(m) {
                        out.extend_from_slice(&[0xFF, m]);
                        out.extend_from_slice(&tail[at + 1..end]);
                    }
                    in_scan = m == markers::SOS;
                    pos = end;
                }
                _ => return Err(super::damaged("JPEG")),
            }
        }
    }

    /// Where the segment whose marker byte is at `at` ends, its length being checked.
    fn segment_end(tail: &[u8], at: usize) -> Result<usize, String> {
        let length = tail
            .get(at + 1..at + 3)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
            .filter(|&length| length >= 2)
            .ok_or_else(|| super::damaged("JPEG"))?;
        let end = at + 1 + length;
        if end <= tail.len() {
            Ok(end)
        } else {
            Err(super::damaged("JPEG"))
        }
    }

    /// Reads the Orientation (2 to 8) from IFD0 of an EXIF TIFF structure, in either byte order.
    /// Returns None for 1 (as shot), for absent or malformed values, and for malformed EXIF.
    pub(super) fn orientation(tiff: &[u8]) -> Option<u16> {
        let big_endian = match tiff.get(..4)? {
            b"MM\0*" => true,
            b"II*\0" => false,
            _ => return None,
        };
        let read16 = |at: usize| -> Option<u16> {
            let b = tiff.get(at..at.checked_add(2)?)?;
            let b = [b[0], b[1]];
            Some(if big_endian {
                u16::from_be_bytes(b)
            } else {
                u16::from_le_bytes(b)
            })
        };
        let read32 = |at: usize| -> Option<u32> {
            let b = tiff.get(at..at.checked_add(4)?)?;
            let b = [b[0], b[1], b[2], b[3]];
            Some(if big_endian {
                u32::from_be_bytes(b)
            } else {
                u32::from_le_bytes(b)
            })
        };
        let ifd = usize::try_from(read32(4)?).ok()?;
        let count = usize::from(read16(ifd)?);
        let first = ifd.checked_add(2)?;
        let mut found = None;
        for i in 0..count {
            // 12 bytes an entry; an IFD running past the end of the data ends the search.
            let entry = first.checked_add(i * 12)?;
            if read16(entry)? == ORIENTATION_TAG {
                found = Some(entry);
                break;
            }
        }
        let entry = found?;
        // A single SHORT, stored in the first two bytes of the value field.
        if read16(entry.checked_add(2)?)? != SHORT || read32(entry.checked_add(4)?)? != 1 {
            return None;
        }
        let value = read16(entry.checked_add(8)?)?;
        (2..=8).contains(&value).then_some(value)
    }

    /// A minimal big-endian TIFF structure holding only the Orientation, built by hand so the
    /// same value always gives the same bytes.
    pub(super) fn orientation_exif(value: u16) -> Vec<u8> {
        let mut tiff = Vec::with_capacity(26);
        tiff.extend_from_slice(b"MM\0*");
        tiff.extend_from_slice(&8u32.to_be_bytes()); // IFD0 right after the header
        tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry
        tiff.extend_from_slice(&ORIENTATION_TAG.to_be_bytes());
        tiff.extend_from_slice(&SHORT.to_be_bytes());
        tiff.extend_from_slice(&1u32.to_be_bytes()); // count
        tiff.extend_from_slice(&value.to_be_bytes());
        tiff.extend_from_slice(&[0, 0]); // the value field's unused half
        tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD, so no thumbnail
        tiff
    }
}

mod gif_file {
    use gif::{ColorOutput, DecodeOptions, DecodingError, Encoder, EncodingError};

    /// Decodes every frame and encodes it again, so that only the screen, the palettes, the
    /// frames with their timing, disposal and transparency, and the loop count survive.
    /// Comments, plain text and application extensions (XMP among them) are never written.
    pub fn scrub(bytes: &[u8]) -> Result<Vec<u8>, String> {
        // The decoder's own error would call a mislabelled PNG a damaged GIF.
        if !(bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a")) {
            return Err(super::wrong_type("gif", "a GIF image"));
        }
        let mut options = DecodeOptions::new();
        // Palette indices rather than colours: re-encoding colours would need re-quantising.
        options.set_color_output(ColorOutput::Indexed);
        let mut decoder = options.read_info(bytes).map_err(read_error)?;
        let palette = decoder.global_palette().unwrap_or_default().to_vec();
        let (width, height) = (decoder.width(), decoder.height());
        let mut encoder = Encoder::new(Vec::new(), width, height, &palette).map_err(write_error)?;
        // A file without a loop extension reads as Finite(0), which the encoder leaves out.
        encoder.set_repeat(decoder.repeat()).map_err(write_error)?;
        let mut frames = 0usize;
        while let Some(frame) = decoder.read_next_frame().map_err(read_error)? {
            let mut frame = frame.clone();
            // The decoder hands rows back in display order; the encoder does not reorder them.
            frame.interlaced = false;
            encoder.write_frame(&frame).map_err(write_error)?;
            frames += 1;
        }
        if frames == 0 {
            return Err(super::damaged("GIF"));
        }
        encoder.into_inner().map_err(write_error)
    }

    fn read_error(error: DecodingError) -> String {
        match error {
            DecodingError::MemoryLimit | DecodingError::OutOfMemory => {
                "the GIF is too large for quire to check (over 50 million pixels a frame); \
                 make it smaller and try again"
                    .to_string()
            }
            _ => super::damaged("GIF"),
        }
    }

    fn write_error(_: EncodingError) -> String {
        super::damaged("GIF")
    }
}

mod webp_file {
    use img_parts::riff::{RiffChunk, RiffContent};
    use img_parts::webp::{
        CHUNK_ALPH, CHUNK_ANIM, CHUNK_ANMF, CHUNK_ICCP, CHUNK_VP8, CHUNK_VP8L, CHUNK_VP8X, WebP,
    };
    use img_parts::{Bytes, Error};

    /// VP8X flag bits that stay true after scrubbing: colour profile, alpha, animation.
    /// The EXIF and XMP bits go with their chunks.
    const ICC: u8 = 0b0010_0000;
    const ALPHA: u8 = 0b0001_0000;
    const ANIMATION: u8 = 0b0000_0010;
    /// Length of the VP8X payload: flags, three reserved bytes, canvas width and height.
    const VP8X_LEN: usize = 10;
    /// Length of an ANMF frame header, before the frame's own chunks.
    const FRAME_HEADER_LEN: usize = 16;

    pub fn scrub(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
        // img-parts drops anything after the RIFF chunk.
        let mut webp = WebP::from_bytes(Bytes::from(bytes)).map_err(read_error)?;
        let has_profile = webp.has_chunk(CHUNK_ICCP);
        let mut kept = Vec::new();
        for chunk in webp.chunks() {
            if let Some(chunk) = keep_chunk(chunk, has_profile)? {
                kept.push(chunk);
            }
        }
        let has_picture = kept
            .iter()
            .any(|c| matches!(c.id(), CHUNK_VP8 | CHUNK_VP8L | CHUNK_ANMF));
        if !has_picture {
            return Err(super::damaged("WebP"));
        }
        *webp.chunks_mut() = kept;
        Ok(webp.encoder().bytes().to_vec())
    }

    fn read_error(error: Error) -> String {
        match error {
            Error::WrongSignature => super::wrong_type("webp", "a WebP image"),
            _ => super::damaged("WebP"),
        }
    }

    /// Keeps the picture, animation and colour profile chunks; EXIF, XMP and anything
    /// unknown is dropped.
    fn keep_chunk(chunk: &RiffChunk, has_profile: bool) -> Result<Option<RiffChunk>, String> {
        let data = || chunk.content().data().ok_or_else(|| super::damaged("WebP"));
        Ok(match chunk.id() {
            CHUNK_VP8X => Some(data_chunk(CHUNK_VP8X, clean_vp8x(data()?, has_profile)?)),
            CHUNK_ANMF => Some(data_chunk(CHUNK_ANMF, clean_frame(data()?)?)),
            CHUNK_VP8 | CHUNK_VP8L | CHUNK_ALPH | CHUNK_ANIM | CHUNK_ICCP => {
                data()?;
                Some(chunk.clone())
            }
            _ => None,
        })
    }

    fn data_chunk(id: [u8; 4], data: Bytes) -> RiffChunk {
        RiffChunk::new(id, RiffContent::Data(data))
    }

    /// Rewrites the flags so that they no longer announce EXIF or XMP (img-parts only fixes
    /// the EXIF one), and zeroes the reserved bytes, which could hold anything.
    fn clean_vp8x(data: &[u8], has_profile: bool) -> Result<Bytes, String> {
        let data = data.get(..VP8X_LEN).ok_or_else(|| super::damaged("WebP"))?;
        let mut flags = data[0] & (ICC | ALPHA | ANIMATION);
        if !has_profile {
            flags &= !ICC;
        }
        let mut clean = vec![flags, 0, 0, 0];
        clean.extend_from_slice(&data[4..]);
        Ok(Bytes::from(clean))
    }

    /// An animation frame holds its own chunks after a 16-byte header: keeps its alpha and
    /// picture data, drops the "unknown chunks" the format allows there.
    fn clean_frame(data: &[u8]) -> Result<Bytes, String> {
        let damaged = || super::damaged("WebP");
        let mut out = data.get(..FRAME_HEADER_LEN).ok_or_else(damaged)?.to_vec();
        let mut rest = &data[FRAME_HEADER_LEN..];
        let mut has_picture = false;
        while !rest.is_empty() {
            let (id, body) = frame_chunk(rest).ok_or_else(damaged)?;
            if matches!(id, CHUNK_ALPH | CHUNK_VP8 | CHUNK_VP8L) {
                has_picture |= id != CHUNK_ALPH;
                out.extend_from_slice(&id);
                out.extend_from_slice(
                    &u32::try_from(body.len())
                        .map_err(|_| damaged())?
                        .to_le_bytes(),
                );
                out.extend_from_slice(body);
                if body.len() % 2 == 1 {
                    out.push(0);
                }
            }
            // Chunks are padded to an even length; a missing last pad byte is tolerated.
            let next = 8 + body.len() + body.len() % 2;
            rest = rest.get(next..).unwrap_or_default();
        }
        if has_picture {
            Ok(Bytes::from(out))
        } else {
            Err(damaged())
        }
    }

    /// The id and body of the chunk at the start of `data`.
    fn frame_chunk(data: &[u8]) -> Option<([u8; 4], &[u8])> {
        let id: [u8; 4] = data.get(..4)?.try_into().ok()?;
        let len: [u8; 4] = data.get(4..8)?.try_into().ok()?;
        let len = usize::try_from(u32::from_le_bytes(len)).ok()?;
        let body = data.get(8..8usize.checked_add(len)?)?;
        Some((id, body))
    }
}

mod svg_file {
    use std::ops::Range;

    use roxmltree::{Attribute, Document, Node, NodeType, ParsingOptions};

    const SVG_NS: &str = "http://www.w3.org/2000/svg";
    const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
    const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

    const NOT_UTF8: &str = "the SVG file is not UTF-8 text; \
        export it again from your drawing program as plain SVG";
    const NOT_SVG: &str = "the file is named .svg but is not an SVG drawing; \
        check it is the right file, or rename it to match its type";
    const SCRIPT: &str = "the SVG contains a script, which quire will not publish; \
        export it again from your drawing program as plain SVG";
    const EVENT_HANDLER: &str = "the SVG contains an event handler (an attribute such as \
        onclick), which is a script that quire will not publish; \
        export it again from your drawing program as plain SVG";
    const SCRIPT_LINK: &str = "the SVG contains a javascript: link, which is a script that \
        quire will not publish; export it again from your drawing program as plain SVG";
    const FOREIGN_OBJECT: &str = "the SVG contains a foreignObject (web page content inside \
        the drawing), which quire will not publish; export it again from your drawing program \
        as plain SVG";
    const ENTITIES: &str = "the SVG declares its own entities in a DOCTYPE, which can hide \
        text, so quire will not publish it; export it again from your drawing program as \
        plain SVG";
    const STYLE_DATA: &str = "the SVG's styles embed a file (a data: URL), which quire cannot \
        check for hidden information; export it again from your drawing program as plain SVG";
    const NOT_BASE64: &str = "the SVG embeds a file written out as text rather than as a \
        base64 picture, which quire cannot check; embed PNG, JPEG, GIF or WebP pictures only";
    const UNSAFE: &str = "quire could not remove the hidden information from this SVG safely; \
        export it again from your drawing program as plain SVG";

    /// Whether embedded pictures are cleaned (first pass) or only checked (verification).
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Embedded {
        Scrub,
        Check,
    }

    /// Bytes of the original text to replace; empty `with` cuts them out.
    struct Edit {
        range: Range<usize>,
        with: String,
    }

    fn cut(range: Range<usize>) -> Edit {
        Edit {
            range,
            with: String::new(),
        }
    }

    /// Cuts the hidden parts out of the original text, leaving every other byte as it was,
    /// then parses the result again to prove nothing hidden is left.
    pub fn scrub(bytes: &[u8]) -> Result<Vec<u8>, String> {
        let text = std::str::from_utf8(bytes).map_err(|_| NOT_UTF8.to_string())?;
        // A DOCTYPE is parsed so that one without entity declarations can simply be cut.
        let doc = parse(text, true)?;
        check_drawing(&doc)?;
        let mut edits = Vec::new();
        cut_doctype(&doc, &mut edits)?;
        plan(&doc, Embedded::Scrub, &mut edits)?;
        let cleaned = apply(text, edits).ok_or_else(|| UNSAFE.to_string())?;
        verify(&cleaned)?;
        Ok(cleaned.into_bytes())
    }

    fn parse(text: &str, allow_dtd: bool) -> Result<Document<'_>, String> {
        let options = ParsingOptions {
            allow_dtd,
            ..ParsingOptions::default()
        };
        Document::parse_with_options(text, options).map_err(|error| {
            format!(
                "the SVG file is damaged and cannot be read ({error}); \
                 export it again from your drawing program as plain SVG"
            )
        })
    }

    /// Planning the cleaned text again must find nothing left to cut. If it does, the byte
    /// surgery went wrong somewhere, and the file is refused rather than published.
    fn verify(cleaned: &str) -> Result<(), String> {
        let doc = parse(cleaned, false).map_err(|_| UNSAFE.to_string())?;
        check_drawing(&doc)?;
        let mut edits = Vec::new();
        plan(&doc, Embedded::Check, &mut edits)?;
        if edits.is_empty() {
            Ok(())
        } else {
            Err(UNSAFE.to_string())
        }
    }

    /// The root must be an SVG element, and nothing anywhere may run code.
    fn check_drawing(doc: &Document) -> Result<(), String> {
        let root = doc.root_element().tag_name();
        if root.namespace() != Some(SVG_NS) || root.name() != "svg" {
            return Err(NOT_SVG.to_string());
        }
        doc.descendants()
            .filter(Node::is_element)
            .try_for_each(refuse_active_content)
    }

    fn refuse_active_content(node: Node) -> Result<(), String> {
        let name = node.tag_name().name();
        if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("handler") {
            return Err(SCRIPT.to_string());
        }
        if name.eq_ignore_ascii_case("foreignObject") {
            return Err(FOREIGN_OBJECT.to_string());
        }
        for attribute in node.attributes().filter(is_kept_attribute) {
            if attribute.name().to_ascii_lowercase().starts_with("on") {
                return Err(EVENT_HANDLER.to_string());
            }
            if has_script_url(attribute.value()) {
                return Err(SCRIPT_LINK.to_string());
            }
        }
        Ok(())
    }

    /// Whether a value holds a script URL, however it is spaced or capitalised.
    fn has_script_url(value: &str) -> bool {
        let compact: String = value
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect::<String>()
            .to_ascii_lowercase();
        compact.contains("javascript:") || compact.contains("vbscript:")
    }

    /// Whether CSS text loads a file from a data: URL, which could be a picture with its
    /// own metadata.
    fn has_css_data_url(css: &str) -> bool {
        let lower = css.to_ascii_lowercase();
        lower.match_indices("url(").any(|(at, _)| {
            lower[at + 4..]
                .trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'')
                .starts_with("data:")
        })
    }

    /// Cuts a DOCTYPE, which a browser does not need. One with an internal subset can declare
    /// entities that smuggle text into the drawing, so it is refused instead.
    fn cut_doctype(doc: &Document, edits: &mut Vec<Edit>) -> Result<(), String> {
        let text = doc.input_text();
        let prolog = &text[..doc.root_element().range().start];
        // "<!DOCTYPE" may also appear inside a comment or processing instruction.
        let skip: Vec<Range<usize>> = doc
            .root()
            .children()
            .filter(|n| n.is_comment() || n.is_pi())
            .map(|n| n.range())
            .collect();
        let start = prolog
            .match_indices("<!DOCTYPE")
            .map(|(at, _)| at)
            .find(|at| !skip.iter().any(|r| r.contains(at)));
        let Some(start) = start else {
            return Ok(());
        };
        let end = doctype_end(prolog.as_bytes(), start)?;
        edits.push(cut(start..end));
        Ok(())
    }

    /// The end of a DOCTYPE without an internal subset; Err if it has one.
    fn doctype_end(prolog: &[u8], start: usize) -> Result<usize, String> {
        let mut i = start + "<!DOCTYPE".len();
        while let Some(&b) = prolog.get(i) {
            match b {
                b'"' | b'\'' => {
                    let close = prolog[i + 1..].iter().position(|&c| c == b);
                    i += 2 + close.ok_or_else(|| UNSAFE.to_string())?;
                }
                b'[' => return Err(ENTITIES.to_string()),
                b'>' => return Ok(i + 1),
                _ => i += 1,
            }
        }
        Err(UNSAFE.to_string())
    }

    /// Plans the cuts: comments, processing instructions, title/desc/metadata, elements and
    /// attributes outside the SVG, XLink and XML namespaces, unused namespace declarations
    /// and text that is never drawn. Embedded pictures are cleaned in place.
    fn plan(doc: &Document, embedded: Embedded, edits: &mut Vec<Edit>) -> Result<(), String> {
        let text = doc.input_text();
        // Nodes come in document order; everything inside a cut element goes with it.
        let mut cut_until = 0;
        for node in doc.descendants() {
            let range = node.range();
            if range.start < cut_until {
                continue;
            }
            match node.node_type() {
                NodeType::Comment | NodeType::PI => edits.push(cut(range)),
                NodeType::Element if !is_kept_element(node) => {
                    cut_until = range.end;
                    edits.push(cut(range));
                }
                NodeType::Element => plan_attributes(text, node, embedded, edits)?,
                NodeType::Text => plan_text(text, node, edits)?,
                NodeType::Root => {}
            }
        }
        Ok(())
    }

    /// Only SVG elements are drawn; title, desc and metadata are not, and hold free text.
    fn is_kept_element(node: Node) -> bool {
        let name = node.tag_name();
        name.namespace() == Some(SVG_NS) && !matches!(name.name(), "title" | "desc" | "metadata")
    }

    /// Attributes in no namespace or the SVG one are the drawing's own. Editors' (inkscape:label,
    /// sodipodi:docname) are not, nor are data-* attributes, which no renderer reads and some
    /// editors fill with layer names. Of the XLink and XML ones only those that change the
    /// drawing are kept: xlink:title is free text and xml:base can name a folder.
    fn is_kept_attribute(attribute: &Attribute) -> bool {
        let name = attribute.name();
        match attribute.namespace() {
            None => !name.starts_with("data-"),
            Some(SVG_NS) => true,
            Some(XLINK_NS) => name == "href",
            Some(XML_NS) => name == "space" || name == "lang",
            Some(_) => false,
        }
    }

    fn plan_attributes(
        text: &str,
        node: Node,
        embedded: Embedded,
        edits: &mut Vec<Edit>,
    ) -> Result<(), String> {
        let tag = start_tag(text, node.range().start).ok_or_else(|| UNSAFE.to_string())?;
        // roxmltree does not list namespace declarations among the attributes.
        for raw in &tag.attributes {
            let declares = raw.name == "xmlns" || raw.name.starts_with("xmlns:");
            if declares && !matches!(raw.value, SVG_NS | XLINK_NS | XML_NS) {
                edits.push(cut(with_leading_space(text, raw.range.clone())));
            }
        }
        for attribute in node.attributes() {
            if !is_kept_attribute(&attribute) {
                edits.push(cut(with_leading_space(text, attribute.range())));
            } else if is_link(&attribute) {
                check_link(text, node, &attribute, embedded, edits)?;
            } else if has_css_data_url(attribute.value()) {
                return Err(STYLE_DATA.to_string());
            }
        }
        Ok(())
    }

    fn is_link(attribute: &Attribute) -> bool {
        attribute.name() == "href" && matches!(attribute.namespace(), None | Some(XLINK_NS))
    }

    /// Links inside the drawing (#id) are fine, as are a hyperlink's web addresses. Embedded
    /// pictures are cleaned. Any other outside file would not show on the website and often
    /// names a file on someone's computer.
    fn check_link(
        text: &str,
        node: Node,
        attribute: &Attribute,
        embedded: Embedded,
        edits: &mut Vec<Edit>,
    ) -> Result<(), String> {
        let value = attribute.value().trim();
        let lower = value.to_ascii_lowercase();
        if lower.starts_with("data:") {
            return clean_embedded(text, attribute, embedded, edits);
        }
        let is_hyperlink = node.tag_name().name() == "a" && !lower.starts_with("file:");
        if value.is_empty() || value.starts_with('#') || is_hyperlink {
            return Ok(());
        }
        let shown: String = value.chars().take(80).collect();
        Err(format!(
            "the SVG links to a file outside itself (\"{shown}\"), which would not show on \
             the website and may reveal a file name; embed the picture in the drawing \
             instead, or export it again from your drawing program as plain SVG"
        ))
    }

    /// Replaces an embedded picture with its scrubbed self. The data URL's parameters (which
    /// can include a file name) are dropped; only its media type is kept.
    fn clean_embedded(
        text: &str,
        attribute: &Attribute,
        embedded: Embedded,
        edits: &mut Vec<Edit>,
    ) -> Result<(), String> {
        let (mime, payload) = parse_data_url(attribute.value())?;
        let ext = match mime.as_str() {
            "image/png" => "png",
            "image/jpeg" | "image/jpg" => "jpeg",
            "image/gif" => "gif",
            "image/webp" => "webp",
            _ => {
                return Err(format!(
                    "the SVG embeds a file of a type quire cannot check ({mime}); \
                     embed PNG, JPEG, GIF or WebP pictures only"
                ));
            }
        };
        if embedded == Embedded::Check {
            return Ok(());
        }
        let damaged = || {
            "a picture embedded in the SVG is damaged and cannot be read; \
             export the drawing again from your drawing program as plain SVG"
                .to_string()
        };
        let bytes = super::b64::decode(payload).ok_or_else(damaged)?;
        let clean = super::scrub_known(ext, bytes).map_err(|error| {
            format!("a picture embedded in the SVG cannot be published: {error}")
        })?;
        let range = value_range(text, attribute.range()).ok_or_else(|| UNSAFE.to_string())?;
        let with = format!("data:{mime};base64,{}", super::b64::encode(&clean));
        edits.push(Edit { range, with });
        Ok(())
    }

    /// The lower-cased media type and the base64 payload of a data: URL.
    fn parse_data_url(value: &str) -> Result<(String, &str), String> {
        let value = value.trim();
        let rest = value.get(5..).ok_or_else(|| UNSAFE.to_string())?;
        let (header, payload) = rest.split_once(',').ok_or_else(|| NOT_BASE64.to_string())?;
        let mut parts = header.split(';');
        let mime = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        if !parts.any(|p| p.trim().eq_ignore_ascii_case("base64")) {
            return Err(NOT_BASE64.to_string());
        }
        Ok((mime, payload))
    }

    /// Text outside text elements is never drawn, so it can only be hidden. Whitespace is
    /// left alone to keep the layout of the file.
    fn plan_text(text: &str, node: Node, edits: &mut Vec<Edit>) -> Result<(), String> {
        let content = node.text().unwrap_or_default();
        if content.trim_matches(is_xml_space).is_empty() {
            return Ok(());
        }
        let parent = node.parent_element().ok_or_else(|| UNSAFE.to_string())?;
        if is_drawn_text(parent) {
            if parent.tag_name().name() == "style" && has_css_data_url(content) {
                return Err(STYLE_DATA.to_string());
            }
            return Ok(());
        }
        edits.push(cut(
            text_extent(text, node, parent).ok_or_else(|| UNSAFE.to_string())?
        ));
        Ok(())
    }

    /// Elements whose text content is drawn (or, for style, read as CSS).
    fn is_drawn_text(element: Node) -> bool {
        let is_svg = |n: &Node, names: &[&str]| {
            n.tag_name().namespace() == Some(SVG_NS) && names.contains(&n.tag_name().name())
        };
        is_svg(
            &element,
            &["text", "tspan", "textPath", "altGlyph", "style"],
        ) || (is_svg(&element, &["a"]) && element.ancestors().any(|a| is_svg(&a, &["text"])))
    }

    /// The bytes of a text node. roxmltree merges text, CDATA and references into one node
    /// but gives only the first piece's range, so the extent is taken between its neighbours.
    fn text_extent(text: &str, node: Node, parent: Node) -> Option<Range<usize>> {
        let start = match node.prev_sibling() {
            Some(sibling) => sibling.range().end,
            None => start_tag(text, parent.range().start)?.end,
        };
        let end = match node.next_sibling() {
            Some(sibling) => sibling.range().start,
            None => text.get(..parent.range().end)?.rfind("</")?,
        };
        (start < end).then_some(start..end)
    }

    /// The range of an attribute's value inside its quotes.
    fn value_range(text: &str, attribute: Range<usize>) -> Option<Range<usize>> {
        let written = text.get(attribute.clone())?;
        let equals = written.find('=')?;
        let quote = equals + 1 + written[equals + 1..].find(['"', '\''])?;
        let (start, end) = (attribute.start + quote + 1, attribute.end.checked_sub(1)?);
        (start <= end).then_some(start..end)
    }

    /// Widens a cut attribute's range over the whitespace before it, so no gap is left.
    fn with_leading_space(text: &str, range: Range<usize>) -> Range<usize> {
        let before = &text.as_bytes()[..range.start];
        let spaces = before
            .iter()
            .rev()
            .take_while(|&&b| is_xml_space_byte(b))
            .count();
        range.start - spaces..range.end
    }

    fn is_xml_space(c: char) -> bool {
        matches!(c, ' ' | '\t' | '\n' | '\r')
    }

    fn is_xml_space_byte(b: u8) -> bool {
        matches!(b, b' ' | b'\t' | b'\n' | b'\r')
    }

    /// An attribute as written in a start tag.
    struct RawAttribute<'t> {
        name: &'t str,
        value: &'t str,
        range: Range<usize>,
    }

    /// The attributes of a start tag as written, and where the tag ends. The text has already
    /// been parsed, so it is well formed; this only finds positions roxmltree does not give.
    struct StartTag<'t> {
        attributes: Vec<RawAttribute<'t>>,
        end: usize,
    }

    fn start_tag(text: &str, start: usize) -> Option<StartTag<'_>> {
        let b = text.as_bytes();
        let at = |i: usize| b.get(i).copied();
        let mut i = start.checked_add(1)?;
        while !matches!(at(i)?, b'>' | b'/') && !is_xml_space_byte(at(i)?) {
            i += 1;
        }
        let mut attributes = Vec::new();
        loop {
            while is_xml_space_byte(at(i)?) {
                i += 1;
            }
            match at(i)? {
                b'>' => {
                    return Some(StartTag {
                        attributes,
                        end: i + 1,
                    });
                }
                b'/' => {
                    return Some(StartTag {
                        attributes,
                        end: i + 2,
                    });
                }
                _ => {}
            }
            let name_start = i;
            while at(i)? != b'=' && !is_xml_space_byte(at(i)?) {
                i += 1;
            }
            let name = text.get(name_start..i)?;
            while is_xml_space_byte(at(i)?) {
                i += 1;
            }
            if at(i)? != b'=' {
                return None;
            }
            i += 1;
            while is_xml_space_byte(at(i)?) {
                i += 1;
            }
            let quote = at(i)?;
            if quote != b'"' && quote != b'\'' {
                return None;
            }
            let value_start = i + 1;
            let value_end = value_start + b.get(value_start..)?.iter().position(|&c| c == quote)?;
            i = value_end + 1;
            let value = text.get(value_start..value_end)?;
            attributes.push(RawAttribute {
                name,
                value,
                range: name_start..i,
            });
        }
    }

    /// Applies the edits in document order. An edit inside an earlier cut goes with it.
    fn apply(text: &str, mut edits: Vec<Edit>) -> Option<String> {
        edits.sort_by(|a, b| {
            a.range
                .start
                .cmp(&b.range.start)
                .then(b.range.end.cmp(&a.range.end))
        });
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for edit in edits {
            if edit.range.start < at {
                // Ranges from a parsed tree nest or are apart; a partial overlap is a bug.
                if edit.range.end > at {
                    return None;
                }
                continue;
            }
            out.push_str(text.get(at..edit.range.start)?);
            out.push_str(&edit.with);
            at = edit.range.end;
        }
        out.push_str(text.get(at..)?);
        Some(out)
    }
}

/// Standard base64 with padding, for pictures embedded in SVG data: URLs.
/// Base64 for data URLs in SVGs, through the `base64` crate (already in typst's tree).
mod b64 {
    use base64::Engine;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

    /// Standard alphabet; padding optional when reading, as editors differ.
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );

    pub fn encode(bytes: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    /// Decodes, ignoring whitespace (editors wrap long lines). None if anything else is off.
    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        LENIENT.decode(compact).ok()
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;
    use std::sync::OnceLock;

    use gif::{AnyExtension, ColorOutput, DecodeOptions, DisposalMethod, Frame, Repeat};
    use image::{AnimationDecoder, ImageFormat};
    use img_parts::ImageEXIF;
    use img_parts::jpeg::{Jpeg, JpegSegment, markers};
    use img_parts::png::{Png, PngChunk};
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
        profile.extend_from_slice(&zlib_stored(b"a colour profile"));
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
            riff_chunk(b"ICCP", b"a colour profile"),
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
    fn png_profile_keeps_its_data_under_a_fixed_name() {
        let output = scrub("png", png_sample()).unwrap();
        let png = Png::from_bytes(output.into()).unwrap();
        let profile = png.chunk_by_type(*b"iCCP").unwrap().contents().clone();
        let mut expected = b"ICC profile\0\0".to_vec();
        expected.extend_from_slice(&zlib_stored(b"a colour profile"));
        assert_eq!(&profile[..], &expected[..]);
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
        assert_eq!(chunks[1].1, b"a colour profile");
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
        assert!(
            scrub("svg", vec![0xFF, 0xFE, 0x3C, 0x00])
                .unwrap_err()
                .contains("UTF-8")
        );
        assert!(
            scrub_svg("<svg xmlns=\"http://www.w3.org/2000/svg\">")
                .unwrap_err()
                .contains("damaged")
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
}
