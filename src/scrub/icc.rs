//! ICC colour profiles, as embedded in PNG (iCCP), JPEG (APP2) and WebP (ICCP) files.
//!
//! A profile is mostly numbers a colour engine needs, but its description, copyright and
//! device name tags are free text, and a profile made by calibrating someone's screen is often
//! named after them or their computer. The profile is rebuilt by allow-list into zeroed bytes
//! of the same length: the header, the tag table and the tags of number-only types are copied,
//! and of the text tags only the counts that keep their structure valid. Every length and
//! offset stays as it was, so the profile still parses and colours render the same.

use std::ops::Range;

/// Length of the fixed header, before the tag count.
const HEADER_LEN: usize = 128;
/// The profile ID, an MD5 over the profile that no longer matches once text is blanked.
/// Zero means "not computed". The 28 reserved bytes after it must be zero anyway.
const PROFILE_ID_START: usize = 84;
/// Where the profile file signature "acsp" sits in the header.
const SIGNATURE: Range<usize> = 36..40;
/// Real profiles have a few dozen tags; many more is a hostile file, and the overlap check
/// compares every pair.
const MAX_TAGS: usize = 200;
/// Length of a tag's type signature and its reserved bytes, before its data.
const TAG_HEADER_LEN: usize = 8;

/// Tags that hold text whatever type they claim: description, copyright, device maker
/// and model descriptions.
const TEXT_TAGS: [[u8; 4]; 4] = [*b"desc", *b"cprt", *b"dmnd", *b"dmdd"];

/// Tag types made only of numbers and signatures, which colour engines read: curves,
/// matrices, lookup tables, chromaticities, measurement and viewing conditions, and the
/// video card gamma table. Every other type (text, descriptions, dictionaries, profile
/// sequences, named colours, dates, private types) has its contents blanked.
const COLOUR_TYPES: [[u8; 4]; 22] = [
    *b"chrm", *b"cicp", *b"clro", *b"curv", *b"mft1", *b"mft2", *b"mAB ", *b"mBA ", *b"meas",
    *b"mpet", *b"para", *b"rcs2", *b"sf32", *b"sig ", *b"uf32", *b"ui08", *b"ui16", *b"ui32",
    *b"ui64", *b"view", *b"XYZ ", *b"vcgt",
];

/// A tag table entry: its signature and the bytes its data takes in the profile.
struct Tag {
    signature: [u8; 4],
    range: Range<usize>,
}

/// The profile with its text blanked and its ID zeroed, the same length as the size its
/// header declares. None when it cannot be parsed: the caller then drops it, which may
/// change colours slightly but never publishes text that was not checked.
pub fn clean(data: &[u8]) -> Option<Vec<u8>> {
    let data = data.get(..declared_size(data)?)?;
    let tags = tag_table(data)?;
    let (colour, text): (Vec<&Tag>, Vec<&Tag>) = tags.iter().partition(|tag| is_colour(data, tag));
    if text.iter().any(|t| is_tangled(data, &tags, t)) {
        return None;
    }
    let table_end = HEADER_LEN + 4 + 12 * tags.len();
    let mut out = vec![0; data.len()];
    copy(&mut out, data, 0..PROFILE_ID_START);
    copy(&mut out, data, HEADER_LEN..table_end);
    for tag in &colour {
        let start = tag.range.start;
        // The type signature and the data; the reserved bytes between stay zero.
        copy(&mut out, data, start..start + 4);
        copy(&mut out, data, start + TAG_HEADER_LEN..tag.range.end);
    }
    for tag in &text {
        copy(&mut out, data, tag.range.start..tag.range.start + 4);
        for field in text_structure(&data[tag.range.clone()])? {
            copy(
                &mut out,
                data,
                tag.range.start + field.start..tag.range.start + field.end,
            );
        }
    }
    Some(out)
}

fn copy(out: &mut [u8], data: &[u8], range: Range<usize>) {
    out[range.clone()].copy_from_slice(&data[range]);
}

/// Whether a text tag shares bytes with another tag other than by being the same text.
/// Blanking text inside a colour tag would change colours, and the counts kept from one
/// text tag could be the text of another. Neither happens in a well-made profile, where
/// tags share data only by pointing at the same place.
fn is_tangled(data: &[u8], tags: &[Tag], text: &Tag) -> bool {
    tags.iter().any(|other| {
        let overlaps = text.range.start < other.range.end && other.range.start < text.range.end;
        let same_text = other.range.start == text.range.start && !is_colour(data, other);
        overlaps && !same_text
    })
}

fn read_u32(data: &[u8], at: usize) -> Option<usize> {
    let bytes: [u8; 4] = data.get(at..at.checked_add(4)?)?.try_into().ok()?;
    usize::try_from(u32::from_be_bytes(bytes)).ok()
}

/// The size the header declares, checked against the data and the file signature. Bytes
/// after it are not part of the profile and are dropped.
fn declared_size(data: &[u8]) -> Option<usize> {
    let size = read_u32(data, 0)?;
    let valid = size >= HEADER_LEN + 4
        && size <= data.len()
        && data.get(SIGNATURE) == Some(b"acsp".as_slice());
    valid.then_some(size)
}

/// The tag table, every tag lying between the end of the table and the end of the profile.
fn tag_table(data: &[u8]) -> Option<Vec<Tag>> {
    let count = read_u32(data, HEADER_LEN)?;
    if count > MAX_TAGS {
        return None;
    }
    let table_end = HEADER_LEN + 4 + 12 * count;
    (0..count)
        .map(|i| {
            let entry = HEADER_LEN + 4 + 12 * i;
            let signature = data.get(entry..entry + 4)?.try_into().ok()?;
            let start = read_u32(data, entry + 4)?;
            let end = start.checked_add(read_u32(data, entry + 8)?)?;
            let valid = start >= table_end && end <= data.len();
            (valid && end - start >= TAG_HEADER_LEN).then_some(Tag {
                signature,
                range: start..end,
            })
        })
        .collect()
}

/// Whether a tag holds only numbers, so is copied as it is.
fn is_colour(data: &[u8], tag: &Tag) -> bool {
    let kind = &data[tag.range.start..tag.range.start + 4];
    !TEXT_TAGS.contains(&tag.signature) && COLOUR_TYPES.iter().any(|t| t == kind)
}

/// The parts of a text tag (relative to its start) that are counts rather than text, so
/// that a blanked tag still parses. None when the counts run past the tag.
fn text_structure(tag: &[u8]) -> Option<Vec<Range<usize>>> {
    match &tag[..4] {
        b"desc" => description_counts(tag),
        b"mluc" => localized_records(tag),
        // textType and everything else: all zero reads as empty text, an empty
        // dictionary or an empty sequence.
        _ => Some(Vec::new()),
    }
}

/// Where a textDescriptionType keeps the length of its ASCII text.
const ASCII_COUNT: Range<usize> = 8..12;

/// textDescriptionType (ICC v2): an ASCII count and text, then optionally a Unicode
/// language, count and text, then a ScriptCode code, count and 67 bytes. The counts are
/// kept; the language and script codes go with the text.
fn description_counts(tag: &[u8]) -> Option<Vec<Range<usize>>> {
    let ascii = read_u32(tag, 8)?;
    let unicode_at = 12usize.checked_add(ascii)?;
    if unicode_at > tag.len() {
        return None;
    }
    let mut kept = vec![ASCII_COUNT];
    // Many writers leave out the Unicode and ScriptCode parts; readers allow that.
    let Some(unicode) = read_u32(tag, unicode_at + 4) else {
        return Some(kept);
    };
    kept.push(unicode_at + 4..unicode_at + 8);
    let script_count = unicode
        .checked_mul(2)
        .and_then(|bytes| (unicode_at + 8).checked_add(bytes)?.checked_add(2));
    if let Some(at) = script_count.filter(|&at| at < tag.len()) {
        kept.push(at..at + 1);
    }
    Some(kept)
}

/// multiLocalizedUnicodeType (ICC v4): a record count and size, then records of
/// language, country, string length and string offset. The records are kept (past their
/// twelve defined bytes a record is blanked); the strings they point at are not.
fn localized_records(tag: &[u8]) -> Option<Vec<Range<usize>>> {
    let count = read_u32(tag, 8)?;
    let size = read_u32(tag, 12)?;
    let end = count.checked_mul(size)?.checked_add(16)?;
    if size < 12 || end > tag.len() {
        return None;
    }
    let records = (0..count).map(|i| 16 + i * size..16 + i * size + 12);
    Some(std::iter::once(8..16).chain(records).collect())
}
