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
    let mut kept = Vec::new();
    for chunk in webp.chunks() {
        if let Some(chunk) = keep_chunk(chunk)? {
            kept.push(chunk);
        }
    }
    // Only now is it known whether a profile survived cleaning.
    let has_profile = kept.iter().any(|c| c.id() == CHUNK_ICCP);
    for chunk in kept.iter_mut().filter(|c| c.id() == CHUNK_VP8X) {
        let data = chunk
            .content()
            .data()
            .ok_or_else(|| super::damaged("WebP"))?;
        *chunk = data_chunk(CHUNK_VP8X, clean_vp8x(data, has_profile)?);
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
/// unknown is dropped. The colour profile's text is blanked, and a profile that cannot be
/// read is dropped (see [`super::icc`]). VP8X is cleaned once the profile's fate is known.
fn keep_chunk(chunk: &RiffChunk) -> Result<Option<RiffChunk>, String> {
    let data = || chunk.content().data().ok_or_else(|| super::damaged("WebP"));
    Ok(match chunk.id() {
        CHUNK_ANMF => Some(data_chunk(CHUNK_ANMF, clean_frame(data()?)?)),
        CHUNK_ICCP => super::icc::clean(data()?).map(|p| data_chunk(CHUNK_ICCP, p.into())),
        CHUNK_VP8X | CHUNK_VP8 | CHUNK_VP8L | CHUNK_ALPH | CHUNK_ANIM => {
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
