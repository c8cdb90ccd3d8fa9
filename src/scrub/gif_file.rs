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
