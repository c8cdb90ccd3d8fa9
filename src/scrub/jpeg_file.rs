use img_parts::jpeg::{Jpeg, JpegSegment, markers};
use img_parts::{Bytes, Error, ImageEXIF, ImageICC};

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
    // img-parts joins a profile split over several segments, and ignores one whose
    // segments are missing, repeated or inconsistent, as libjpeg does. A profile that
    // cannot be read is dropped (see [`super::icc`]).
    let profile = jpeg.icc_profile().and_then(|p| super::icc::clean(&p));
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
    // Written back split as needed, before the frame header.
    jpeg.set_icc_profile(profile.map(Bytes::from));
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
/// The colour profile's segments are not kept here: the profile is written back cleaned.
fn keep_header_segment(segment: &JpegSegment) -> Option<JpegSegment> {
    let contents = segment.contents();
    match segment.marker() {
        markers::APP0 => jfif_without_thumbnail(contents),
        // Decoders read the colour transform from it; anything past its 12 bytes is not
        // part of it.
        markers::APP14 if contents.starts_with(b"Adobe") => Some(JpegSegment::new_with_contents(
            markers::APP14,
            contents.slice(..contents.len().min(ADOBE_LEN)),
        )),
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

/// The picture itself, in one order: its frame, tables and compressed scans, without
/// any `APPn` or comment segment (JFIF, EXIF, a colour profile, Adobe's) and without what
/// follows its end. A tool that strips metadata (`exiftool -all=`, `jpegtran -copy
/// none`) or adds some, or writes the same tables another way (all in one segment or
/// one a segment, in another order, a restart interval of 0, an extended frame marker
/// for an 8-bit baseline picture), gives the same bytes here: each table before the
/// first scan is written once, by its number, in one order. `None` if the bytes are not
/// a whole JPEG.
pub fn essence(bytes: &[u8]) -> Option<Vec<u8>> {
    let rest = bytes.strip_prefix(&[0xFF, markers::SOI])?;
    let mut header = Header::default();
    let mut pos = 0;
    loop {
        // Any number of fill bytes may precede a marker.
        let at = pos + rest.get(pos..)?.iter().position(|&b| b != 0xFF)?;
        if at == pos {
            return None;
        }
        let marker = rest[at];
        if !has_length(marker) {
            return None;
        }
        let end = segment_end(rest, at).ok()?;
        let contents = &rest[at + 3..end];
        if marker == markers::SOS {
            let mut out = header.written()?;
            out.extend_from_slice(&[0xFF, markers::SOS]);
            out.extend_from_slice(&rest[at + 1..end]);
            out.extend(clean_tail(&rest[end..]).ok()?);
            return Some(out);
        }
        header.read(marker, contents)?;
        pos = end;
    }
}

/// The contents of each `APPn` and comment segment before the first scan: EXIF (a
/// description, Windows' comments), XMP, a photo editor's comment. Not the picture.
pub fn metadata(bytes: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let Some(rest) = bytes.strip_prefix(&[0xFF, markers::SOI]) else {
        return out;
    };
    let mut pos = 0;
    while let Some(skip) = rest
        .get(pos..)
        .and_then(|r| r.iter().position(|&b| b != 0xFF))
    {
        let at = pos + skip;
        let marker = rest[at];
        if at == pos || marker == markers::SOS || !has_length(marker) {
            break;
        }
        let Ok(end) = segment_end(rest, at) else {
            break;
        };
        if matches!(marker, 0xE0..=0xEF | markers::COM) {
            out.push(&rest[at + 3..end]);
        }
        pos = end;
    }
    out
}

/// The tables and frame of a JPEG before its first scan, each by its number.
#[derive(Default)]
struct Header {
    /// Quantisation tables by number: precision and number, then the table.
    quantisation: std::collections::BTreeMap<u8, Vec<u8>>,
    /// Huffman tables by class and number: that byte, the counts, the values.
    huffman: std::collections::BTreeMap<u8, Vec<u8>>,
    frame: Option<(u8, Vec<u8>)>,
    restart: Option<Vec<u8>>,
    /// Arithmetic coding's conditioning segments, as they were.
    other: Vec<(u8, Vec<u8>)>,
}

impl Header {
    fn read(&mut self, marker: u8, mut contents: &[u8]) -> Option<()> {
        match marker {
            markers::DQT => {
                while let [first, ..] = contents {
                    let len = 1 + if first >> 4 == 0 { 64 } else { 128 };
                    self.quantisation
                        .insert(first & 0x0F, contents.get(..len)?.to_vec());
                    contents = &contents[len..];
                }
            }
            markers::DHT => {
                while let [first, ..] = contents {
                    let counts = contents.get(1..17)?;
                    let len = 17 + counts.iter().map(|&c| usize::from(c)).sum::<usize>();
                    self.huffman.insert(*first, contents.get(..len)?.to_vec());
                    contents = &contents[len..];
                }
            }
            markers::DRI => {
                self.restart = (contents.get(..2)? != [0, 0]).then(|| contents.to_vec());
            }
            m if is_frame_header(m) => {
                // An extended frame of 8-bit samples is decoded as a baseline one.
                let m = if m == markers::SOF1 && contents.first() == Some(&8) {
                    markers::SOF0
                } else {
                    m
                };
                self.frame = Some((m, contents.to_vec()));
            }
            m if is_picture_marker(m) => self.other.push((m, contents.to_vec())),
            _ => {}
        }
        Some(())
    }

    /// The header written in one order: SOI, quantisation tables, the frame, Huffman
    /// tables, the restart interval, the rest. `None` without a frame.
    fn written(&self) -> Option<Vec<u8>> {
        let mut out = vec![0xFF, markers::SOI];
        let mut segment = |marker: u8, contents: &[u8]| {
            out.extend_from_slice(&[0xFF, marker]);
            out.extend_from_slice(&u16::try_from(contents.len() + 2).ok()?.to_be_bytes());
            out.extend_from_slice(contents);
            Some(())
        };
        for table in self.quantisation.values() {
            segment(markers::DQT, table)?;
        }
        let (marker, frame) = self.frame.as_ref()?;
        segment(*marker, frame)?;
        for table in self.huffman.values() {
            segment(markers::DHT, table)?;
        }
        if let Some(restart) = &self.restart {
            segment(markers::DRI, restart)?;
        }
        for (marker, contents) in &self.other {
            segment(*marker, contents)?;
        }
        Some(out)
    }
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
            markers::DHT | markers::DAC | markers::DQT | markers::DRI | markers::DNL | markers::SOS
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
