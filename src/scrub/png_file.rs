use img_parts::png::{Png, PngChunk};
use img_parts::{Bytes, Error, ImageICC};

/// The PNG file signature.
const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

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
        .filter_map(clean_profile)
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
/// so it becomes a fixed one, and the profile's own text is blanked (see [`super::icc`]).
/// A profile that cannot be read is dropped: the picture then shows in the browser's
/// default colours, which may differ slightly, but nothing unchecked is published.
fn clean_profile(chunk: PngChunk) -> Option<PngChunk> {
    if chunk.kind() != *b"iCCP" {
        return Some(chunk);
    }
    let profile = super::icc::clean(&read_profile(chunk)?)?;
    profile_chunk(profile)
}

/// An empty PNG to borrow img-parts' iCCP reading and writing, which inflate through
/// miniz_oxide with a 16 MiB limit, so a small chunk cannot fill the memory.
fn scratch() -> Option<Png> {
    Png::from_bytes(Bytes::from_static(SIGNATURE)).ok()
}

/// The uncompressed profile in an iCCP chunk. Anything after the compressed stream is
/// left behind.
fn read_profile(chunk: PngChunk) -> Option<Bytes> {
    let mut png = scratch()?;
    png.chunks_mut().push(chunk);
    png.icc_profile()
}

/// A new iCCP chunk holding `profile` under [`PROFILE_NAME`].
fn profile_chunk(profile: Vec<u8>) -> Option<PngChunk> {
    let mut png = scratch()?;
    png.set_icc_profile(Some(Bytes::from(profile)));
    let written = png.chunk_by_type(*b"iCCP")?.contents().clone();
    // img-parts names it "icc"; what follows is the compression method and the data.
    let compressed = written.strip_prefix(b"icc\0")?;
    let mut contents = PROFILE_NAME.to_vec();
    contents.extend_from_slice(compressed);
    Some(PngChunk::new(*b"iCCP", Bytes::from(contents)))
}

/// The most a PNG's compressed text chunks are unpacked to, together: a few bytes of
/// zlib can ask for gigabytes.
const TEXT_LIMIT: u64 = 16 << 20;

/// The text a PNG keeps besides its picture: each `tEXt`, `zTXt` and `iTXt` chunk's
/// keyword and text, unpacked, and its EXIF (`eXIf`). Not the picture.
pub fn metadata(bytes: &[u8]) -> Vec<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    let Some(mut rest) = bytes.strip_prefix(SIGNATURE) else {
        return out;
    };
    let mut left = TEXT_LIMIT;
    let mut inflate = |packed: &[u8]| {
        let mut text = Vec::new();
        let _ = flate2::read::ZlibDecoder::new(packed)
            .take(left)
            .read_to_end(&mut text);
        left -= text.len() as u64;
        text
    };
    while rest.len() >= 12 {
        let Ok(len) = usize::try_from(u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]))
        else {
            break;
        };
        let Some(chunk) = rest.get(8..8 + len) else {
            break;
        };
        // The keyword, then for a packed chunk its flag and method, language and
        // translated keyword (iTXt), then the text.
        let (keyword, after) = chunk.split_at(chunk.iter().position(|&b| b == 0).unwrap_or(len));
        let after = after.get(1..).unwrap_or_default();
        match &rest[4..8] {
            b"tEXt" | b"eXIf" => out.push(chunk.to_vec()),
            b"zTXt" => out.extend([
                keyword.to_vec(),
                inflate(after.get(1..).unwrap_or_default()),
            ]),
            b"iTXt" => {
                let packed = after.first() == Some(&1);
                let mut fields = after.get(2..).unwrap_or_default().splitn(3, |&b| b == 0);
                let (language, translated) = (fields.next(), fields.next());
                let text = fields.next().unwrap_or_default();
                out.push(keyword.to_vec());
                out.extend(language.into_iter().chain(translated).map(<[u8]>::to_vec));
                out.push(if packed { inflate(text) } else { text.to_vec() });
            }
            b"IEND" => break,
            _ => {}
        }
        let Some(next) = rest.get(12 + len..) else {
            break;
        };
        rest = next;
    }
    out
}

/// The picture's compressed pixels: its `IDAT` chunks' data joined, without the chunks
/// around them (a profile, a resolution, text) that tools strip or add. A PDF that holds
/// a PNG picture as it was (img2pdf writes one so) holds exactly these bytes.
pub fn essence(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut rest = bytes.strip_prefix(SIGNATURE)?;
    let mut data = Vec::new();
    while rest.len() >= 12 {
        let len = usize::try_from(u32::from_be_bytes(rest[..4].try_into().ok()?)).ok()?;
        let chunk = rest.get(8..8 + len)?;
        match &rest[4..8] {
            b"IDAT" => data.extend_from_slice(chunk),
            // What follows the end is not the picture's.
            b"IEND" => break,
            _ => {}
        }
        rest = rest.get(12 + len..)?;
    }
    (!data.is_empty()).then_some(data)
}
