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

/// The kind of picture `bytes` are, by their first bytes, as an extension [`scrub`]
/// takes: JPEG, PNG, GIF or WebP (an SVG has no signature to know it by).
pub fn kind_of(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xff, 0xd8, 0xff, ..] => Some("jpg"),
        [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', ..] => Some("png"),
        [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => Some("gif"),
        [
            b'R',
            b'I',
            b'F',
            b'F',
            _,
            _,
            _,
            _,
            b'W',
            b'E',
            b'B',
            b'P',
            ..,
        ] => Some("webp"),
        _ => None,
    }
}

/// The bytes as quire would publish them if they are a picture of a kind it cleans, and
/// cleaning changes them: a withheld photo and a public copy of it with other metadata,
/// or with bytes after its end, are the same file once published (see the leak gate).
pub fn published(bytes: &[u8]) -> Option<Vec<u8>> {
    let clean = scrub(kind_of(bytes)?, bytes.to_vec()).ok()?;
    (clean != bytes).then_some(clean)
}

/// Other bytes the same picture may have, for the leak gate to know it by: as quire
/// would publish it (see [`published`]), and for a JPEG or PNG the picture alone, without
/// metadata of any kind (see `jpeg_file::essence`): a withheld photo whose profile or
/// JFIF header a tool stripped, or whose chunks it rewrote, is the same picture (a
/// red-team session, 4 December 2026, published one so). Each differs from `bytes`.
pub fn likenesses(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut forms: Vec<Vec<u8>> = published(bytes).into_iter().chain(essence(bytes)).collect();
    forms.retain(|f| f.as_slice() != bytes);
    forms.dedup();
    forms
}

/// A JPEG's or PNG's picture alone, without metadata of any kind, and without what
/// follows its end (see `jpeg_file::essence`, `png_file::essence`).
pub fn essence(bytes: &[u8]) -> Option<Vec<u8>> {
    match kind_of(bytes) {
        Some("jpg") => jpeg_file::essence(bytes),
        Some("png") => png_file::essence(bytes),
        _ => None,
    }
}

/// The text a JPEG or PNG keeps besides its picture, which quire drops from the pictures
/// it publishes but which a picture inside a Word file or a PDF keeps: a photo's EXIF
/// description and Windows' comments (UTF-16), its XMP, a PNG's text chunks unpacked. A
/// red-team session (4 December 2026) published an exempt report's sentence so, in a
/// photo's properties. Each piece is read as single bytes and as UTF-16, in the
/// alphabets below U+0600, since EXIF does not say which its strings are.
pub fn metadata_text(bytes: &[u8]) -> String {
    let tiff = bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*");
    let pieces: Vec<Vec<u8>> = match kind_of(bytes) {
        Some("jpg") => jpeg_file::metadata(bytes)
            .into_iter()
            .map(<[u8]>::to_vec)
            .collect(),
        Some("png") => png_file::metadata(bytes),
        // A GIF's comment, a TIFF's description, a WebP's EXIF: the whole file is read,
        // as quire does not take these apart (a red-team session found the first two).
        Some(_) => vec![bytes.to_vec()],
        // A Windows metafile (a table or a chart pasted as a picture, a drawing's
        // preview) draws its text from UTF-16 or ANSI records: read whole too (round 17
        // published exempt words in one inside a public Word file).
        None if tiff || is_metafile(bytes) => vec![bytes.to_vec()],
        None => return String::new(),
    };
    let mut out = metafile_text(bytes).unwrap_or_default();
    for piece in pieces {
        out.push_str(&String::from_utf8_lossy(&piece));
        for start in [0, 1] {
            let units: Vec<u16> = (piece.get(start..).unwrap_or_default().chunks_exact(2))
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            out.push('\n');
            let wide = String::from_utf16_lossy(&units);
            out.extend(
                wide.chars()
                    .map(|c| if u32::from(c) < 0x600 { c } else { '\n' }),
            );
        }
        out.push('\n');
    }
    out
}

/// The text an enhanced metafile draws, from its text records (`EMR_EXTTEXTOUTW` and
/// `…A`) in order: once with a space between records and once run together. A program
/// may draw a sentence a word, or a letter, at a time (red-team round 18), which
/// reading the file whole leaves split by the records' other bytes. `None` for anything
/// else.
pub fn metafile_text(bytes: &[u8]) -> Option<String> {
    if !(bytes.starts_with(&[1, 0, 0, 0]) && bytes.get(40..44) == Some(b" EMF")) {
        return None;
    }
    let word = |at: usize| -> Option<usize> {
        let b = bytes.get(at..at + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let mut runs: Vec<String> = Vec::new();
    let mut at = 0;
    while let (Some(kind), Some(size)) = (word(at), word(at + 4)) {
        if size < 8 || at + size > bytes.len() {
            break;
        }
        let record = &bytes[at..at + size];
        // The text's length in characters at byte 44, and where it starts at byte 48.
        if let (83 | 84, Some(chars), Some(from)) = (kind, word(at + 44), word(at + 48)) {
            let wide = kind == 84;
            let len = if wide { chars.saturating_mul(2) } else { chars };
            if let Some(text) = from.checked_add(len).and_then(|end| record.get(from..end)) {
                runs.push(match wide {
                    true => {
                        let units: Vec<u16> = (text.chunks_exact(2))
                            .map(|c| u16::from_le_bytes([c[0], c[1]]))
                            .collect();
                        String::from_utf16_lossy(&units)
                    }
                    false => text.iter().map(|&b| char::from(b)).collect(),
                });
            }
        }
        at += size;
    }
    Some(format!("{}\n{}\n", runs.join(" "), runs.concat()))
}

/// Whether `bytes` are a Windows metafile: an enhanced one (EMF, EMF+), whose first
/// record is its header with " EMF" at byte 40, or an old one (WMF), with or without its
/// placeable header.
pub fn is_metafile(bytes: &[u8]) -> bool {
    let emf = bytes.starts_with(&[1, 0, 0, 0]) && bytes.get(40..44) == Some(b" EMF");
    let placeable = bytes.starts_with(&[0xD7, 0xCD, 0xC6, 0x9A]);
    let wmf = bytes.starts_with(&[1, 0, 9, 0]) || bytes.starts_with(&[2, 0, 9, 0]);
    emf || placeable || wmf
}

/// The JPEG and PNG pictures inside bytes that are not a picture, each from its start to
/// the end of the bytes (its end is found by [`essence`]): Word's Insert > Object
/// wraps the file it embeds so (`oleObject1.bin`), as a red-team session (4 December
/// 2026) found with a withheld photo. At most 16.
pub fn pictures_within(bytes: &[u8]) -> Vec<&[u8]> {
    if kind_of(bytes).is_some() {
        return Vec::new();
    }
    (0..bytes.len().saturating_sub(8))
        .filter(|&i| kind_of(&bytes[i..]).is_some_and(|k| k == "jpg" || k == "png"))
        .take(16)
        .map(|i| &bytes[i..])
        .collect()
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

// One module per format, and the pieces they share.
pub(crate) mod b64;
mod gif_file;
mod icc;
mod jpeg_file;
mod png_file;
mod svg_file;
mod webp_file;

#[cfg(test)]
mod tests;
