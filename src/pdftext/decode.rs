//! A PDF stream's bytes as its filters give them back, or an error: never bytes half
//! undone.
//!
//! lopdf undoes Flate, LZW and ASCII85, but a predictor only when the stream's
//! parameters are one dictionary, and only PNG's. A red-team session (3 December 2026)
//! attached to a public PDF a text file compressed with a TIFF predictor, or with its
//! parameters given as an array (one for each filter, as the PDF standard allows), and
//! lopdf gave back differences between bytes instead of words, with no error: the gate
//! read noise and published the file. Here each filter of a chain gets its own
//! parameters, both kinds of predictor are undone, and anything else is an error, which
//! the gate warns of by the file's name.

use std::io::Read;

use lopdf::{Dictionary, Object, Stream, dictionary};

/// More than any council paper holds: a stream that unpacks to more is a trap (a few
/// kilobytes that unpack to gigabytes), not a document.
const MAX_BYTES: u64 = 512 << 20;

/// The stream's bytes with every filter undone, in order.
pub(super) fn stream(s: &Stream) -> Result<Vec<u8>, String> {
    let filters = match s.dict.get(b"Filter") {
        Err(_) => return Ok(s.content.clone()),
        Ok(Object::Name(name)) => vec![name.as_slice()],
        Ok(Object::Array(names)) => names
            .iter()
            .map(|n| {
                n.as_name()
                    .map_err(|_| "a filter that is not a name".to_string())
            })
            .collect::<Result<_, _>>()?,
        Ok(_) => return Err("a filter that is not a name".into()),
    };
    let mut bytes = s.content.clone();
    for (i, filter) in filters.into_iter().enumerate() {
        bytes = undo(filter, &bytes, params(&s.dict, i)?)?;
    }
    Ok(bytes)
}

/// The parameters of the `i`th filter: the one dictionary, or the `i`th of an array.
/// Parameters given by reference (another object of the file) are an error: read
/// without them, the stream would be noise (a red-team session, 3 December 2026).
fn params(dict: &Dictionary, i: usize) -> Result<Option<&Dictionary>, String> {
    let by_reference = || Err("its parameters are given by reference".to_string());
    let params = match dict.get(b"DecodeParms") {
        Err(_) => return Ok(None),
        Ok(Object::Dictionary(d)) => d,
        Ok(Object::Array(each)) => match each.get(i) {
            Some(Object::Dictionary(d)) => d,
            Some(Object::Reference(_)) => return by_reference(),
            _ => return Ok(None),
        },
        Ok(Object::Reference(_)) => return by_reference(),
        Ok(_) => return Ok(None),
    };
    if params
        .iter()
        .any(|(_, v)| matches!(v, Object::Reference(_)))
    {
        return by_reference();
    }
    Ok(Some(params))
}

pub(super) fn undo(
    filter: &[u8],
    bytes: &[u8],
    params: Option<&Dictionary>,
) -> Result<Vec<u8>, String> {
    match filter {
        b"FlateDecode" | b"Fl" => predicted(inflate(bytes)?, params),
        b"LZWDecode" | b"LZW" => {
            // lopdf's own, given only what the code needs, so it applies no predictor.
            let early = params
                .and_then(|p| p.get(b"EarlyChange").ok())
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(1);
            let plain = by_lopdf(
                dictionary! { "Filter" => "LZWDecode", "DecodeParms" => dictionary! { "EarlyChange" => early } },
                bytes,
            )?;
            predicted(plain, params)
        }
        b"ASCII85Decode" | b"A85" => by_lopdf(dictionary! { "Filter" => "ASCII85Decode" }, bytes),
        b"ASCIIHexDecode" | b"AHx" => hex(bytes),
        b"RunLengthDecode" | b"RL" => run_length(bytes, MAX_BYTES),
        other => Err(format!(
            "its filter {} is not one quire can undo",
            String::from_utf8_lossy(other)
        )),
    }
}

fn by_lopdf(dict: Dictionary, bytes: &[u8]) -> Result<Vec<u8>, String> {
    Stream::new(dict, bytes.to_vec())
        .decompressed_content()
        .map_err(|e| format!("it cannot be unpacked: {e}"))
}

/// Zlib data inflated. A stream cut short gives what it holds, as viewers show it, and
/// so does one whose checksum is wrong: viewers do not check it (a red-team session, 4
/// December 2026, published a page whose checksum it spoilt, warned of but readable).
fn inflate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(3));
    let mut read = flate2::read::ZlibDecoder::new(bytes)
        .take(MAX_BYTES + 1)
        .read_to_end(&mut out);
    if read.is_err() && bytes.len() > 2 {
        // The data after zlib's two-byte header, without its checksum at the end.
        let mut raw = Vec::with_capacity(out.capacity());
        let again = flate2::read::DeflateDecoder::new(&bytes[2..])
            .take(MAX_BYTES + 1)
            .read_to_end(&mut raw);
        if raw.len() > out.len() {
            (out, read) = (raw, again);
        }
    }
    if out.len() as u64 > MAX_BYTES {
        return Err("it unpacks to more than 512 MB".into());
    }
    match read {
        Err(e) if out.is_empty() && !bytes.is_empty() => Err(format!("it cannot be inflated: {e}")),
        _ => Ok(out),
    }
}

fn hex(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(bytes.len() / 2);
    let mut high: Option<u8> = None;
    for &b in bytes {
        let nibble = match b {
            b'>' => break,
            _ if b.is_ascii_whitespace() => continue,
            _ => (b as char)
                .to_digit(16)
                .ok_or("its hexadecimal data holds a character that is not a digit")?
                as u8,
        };
        match high.take() {
            Some(h) => out.push(h << 4 | nibble),
            None => high = Some(nibble),
        }
    }
    // An odd digit at the end is followed by a 0.
    out.extend(high.map(|h| h << 4));
    Ok(out)
}

/// Run-length data undone, to at most `limit` bytes.
fn run_length(bytes: &[u8], limit: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(bytes.len() * 2);
    let mut rest = bytes;
    while let Some((&length, tail)) = rest.split_first() {
        match length {
            128 => break,
            0..=127 => {
                let n = usize::from(length) + 1;
                let run = tail.get(..n).ok_or("its run-length data is cut short")?;
                out.extend_from_slice(run);
                rest = &tail[n..];
            }
            _ => {
                let &byte = tail.first().ok_or("its run-length data is cut short")?;
                out.extend(std::iter::repeat_n(byte, 257 - usize::from(length)));
                rest = &tail[1..];
            }
        }
        if out.len() as u64 > limit {
            return Err(format!("it unpacks to more than {} MB", limit >> 20));
        }
    }
    Ok(out)
}

/// The bytes with the predictor the parameters name undone (PDF 32000-1, 7.4.4.4).
fn predicted(bytes: Vec<u8>, params: Option<&Dictionary>) -> Result<Vec<u8>, String> {
    let number = |key: &[u8], default: i64| {
        params
            .and_then(|p| p.get(key).ok())
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(default)
    };
    // As viewers read them: a predictor of 1 or less is none, and a size of 0 or less
    // is the default (pdf.js's test files have such parameters).
    let predictor = number(b"Predictor", 1);
    if predictor <= 1 {
        return Ok(bytes);
    }
    let size = |key: &[u8], default: i64| {
        Some(number(key, default))
            .filter(|&n| n > 0)
            .unwrap_or(default)
    };
    let (colors, bits, columns) = (
        size(b"Colors", 1),
        size(b"BitsPerComponent", 8),
        size(b"Columns", 1),
    );
    let sizes = usize::try_from(colors)
        .ok()
        .zip(usize::try_from(bits).ok())
        .zip(usize::try_from(columns).ok())
        .filter(|((c, b), n)| *c >= 1 && [1, 2, 4, 8, 16].contains(b) && *n >= 1);
    let Some(((colors, bits), columns)) = sizes else {
        return Err("its predictor's parameters are not valid".into());
    };
    let row = colors
        .checked_mul(bits)
        .and_then(|n| n.checked_mul(columns))
        .map(|n| n.div_ceil(8))
        .ok_or("its predictor's parameters are not valid")?;
    let pixel = (colors * bits).div_ceil(8);
    match predictor {
        2 if bits >= 8 => Ok(tiff(bytes, row, colors, bits / 8)),
        2 => Err(format!(
            "its predictor on {bits}-bit samples is not one quire can undo"
        )),
        10..=15 => png(&bytes, row, pixel),
        _ => Err(format!(
            "its predictor {predictor} is not one quire can undo"
        )),
    }
}

/// TIFF predictor 2 on samples of `width` bytes (1 or 2, big-endian): each sample was
/// stored as its difference from the same colour of the pixel before it in the row.
fn tiff(mut bytes: Vec<u8>, row: usize, colors: usize, width: usize) -> Vec<u8> {
    let step = colors * width;
    for line in bytes.chunks_mut(row) {
        let mut i = step;
        while i + width <= line.len() {
            if width == 1 {
                line[i] = line[i].wrapping_add(line[i - step]);
            } else {
                let before = u16::from_be_bytes([line[i - step], line[i - step + 1]]);
                let now = u16::from_be_bytes([line[i], line[i + 1]]).wrapping_add(before);
                line[i..i + 2].copy_from_slice(&now.to_be_bytes());
            }
            i += width;
        }
    }
    bytes
}

/// PNG predictors: each row starts with a byte naming how it was stored.
fn png(bytes: &[u8], row: usize, pixel: usize) -> Result<Vec<u8>, String> {
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    // A row longer than the data is the data: allocate no more than there is.
    let mut above = vec![0u8; row.min(bytes.len())];
    for line in bytes.chunks(row.saturating_add(1)) {
        let (&kind, stored) = line.split_first().expect("chunks are not empty");
        let mut now = stored.to_vec();
        for i in 0..now.len() {
            let left = if i >= pixel { now[i - pixel] } else { 0 };
            let up = above[i];
            let up_left = if i >= pixel { above[i - pixel] } else { 0 };
            let guess = match kind {
                0 => 0,
                1 => left,
                2 => up,
                3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                4 => paeth(left, up, up_left),
                _ => {
                    return Err(format!(
                        "a row of its data is stored by a way numbered {kind}, which PNG does not have"
                    ));
                }
            };
            now[i] = now[i].wrapping_add(guess);
        }
        above[..now.len()].copy_from_slice(&now);
        out.extend_from_slice(&now);
    }
    Ok(out)
}

fn paeth(left: u8, up: u8, up_left: u8) -> u8 {
    let p = i16::from(left) + i16::from(up) - i16::from(up_left);
    let (a, b, c) = (
        (p - i16::from(left)).abs(),
        (p - i16::from(up)).abs(),
        (p - i16::from(up_left)).abs(),
    );
    if a <= b && a <= c {
        left
    } else if b <= c {
        up
    } else {
        up_left
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const WORDS: &[u8] = b"The placement costs quoted in the exempt report, line by line.";

    fn deflate(bytes: &[u8]) -> Vec<u8> {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(bytes).unwrap();
        z.finish().unwrap()
    }

    /// `bytes` stored as PNG's "Up" predictor (type 2) in rows of `row` bytes.
    fn png_up(bytes: &[u8], row: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut above = vec![0u8; row];
        for line in bytes.chunks(row) {
            out.push(2);
            out.extend(line.iter().zip(&above).map(|(b, a)| b.wrapping_sub(*a)));
            above[..line.len()].copy_from_slice(line);
        }
        out
    }

    /// `bytes` stored as TIFF predictor 2 with one colour, in rows of `row` bytes.
    fn tiff_diff(bytes: &[u8], row: usize) -> Vec<u8> {
        let mut out = Vec::new();
        for line in bytes.chunks(row) {
            out.push(line[0]);
            out.extend(line.windows(2).map(|w| w[1].wrapping_sub(w[0])));
        }
        out
    }

    fn decoded(dict: Dictionary, content: Vec<u8>) -> Result<Vec<u8>, String> {
        stream(&Stream::new(dict, content))
    }

    #[test]
    fn a_png_predictor_with_its_parameters_in_an_array_is_undone() {
        let content = deflate(&png_up(WORDS, 8));
        let params = dictionary! { "Predictor" => 12, "Columns" => 8 };
        let dict = dictionary! {
            "Filter" => vec![Object::from("FlateDecode")],
            "DecodeParms" => vec![Object::from(params)],
        };
        assert_eq!(decoded(dict, content).unwrap(), WORDS);
    }

    #[test]
    fn a_tiff_predictor_is_undone() {
        let content = deflate(&tiff_diff(WORDS, 10));
        let dict = dictionary! {
            "Filter" => "FlateDecode",
            "DecodeParms" => dictionary! { "Predictor" => 2, "Columns" => 10 },
        };
        assert_eq!(decoded(dict, content).unwrap(), WORDS);
    }

    #[test]
    fn a_tiff_predictor_on_16_bit_samples_is_undone() {
        // Two 16-bit samples a pixel: "AB" "CD", then each less the one before it.
        let words = b"ABCDEFGH";
        let sample = |i: usize| u16::from_be_bytes([words[i], words[i + 1]]);
        let mut stored = words[..4].to_vec();
        for i in (4..8).step_by(2) {
            stored.extend(sample(i).wrapping_sub(sample(i - 4)).to_be_bytes());
        }
        let dict = dictionary! {
            "Filter" => "FlateDecode",
            "DecodeParms" => dictionary! {
                "Predictor" => 2, "Colors" => 2, "BitsPerComponent" => 16, "Columns" => 2,
            },
        };
        assert_eq!(decoded(dict, deflate(&stored)).unwrap(), words);
    }

    #[test]
    fn every_png_row_type_is_undone() {
        // Rows stored as None, Sub, Up, Average and Paeth by hand: each stored byte is
        // the row's byte less the guess, so undoing must give the words back.
        let row = 4;
        let mut stored = Vec::new();
        let mut above = [0u8; 4];
        for (n, line) in WORDS[..20].chunks(row).enumerate() {
            let kind = n as u8 % 5;
            stored.push(kind);
            for i in 0..line.len() {
                let left = if i >= 1 { line[i - 1] } else { 0 };
                let up_left = if i >= 1 { above[i - 1] } else { 0 };
                let guess = match kind {
                    0 => 0,
                    1 => left,
                    2 => above[i],
                    3 => ((u16::from(left) + u16::from(above[i])) / 2) as u8,
                    _ => paeth(left, above[i], up_left),
                };
                stored.push(line[i].wrapping_sub(guess));
            }
            above.copy_from_slice(line);
        }
        let dict = dictionary! {
            "Filter" => "FlateDecode",
            "DecodeParms" => dictionary! { "Predictor" => 15, "Columns" => 4 },
        };
        assert_eq!(decoded(dict, deflate(&stored)).unwrap(), &WORDS[..20]);
    }

    #[test]
    fn a_chain_of_filters_each_with_its_own_parameters_is_undone() {
        let flate = deflate(&png_up(WORDS, 6));
        let hexed: String = flate.iter().map(|b| format!("{b:02x} ")).collect();
        let dict = dictionary! {
            "Filter" => vec![Object::from("ASCIIHexDecode"), Object::from("FlateDecode")],
            "DecodeParms" => vec![Object::Null, dictionary! { "Predictor" => 10, "Columns" => 6 }.into()],
        };
        assert_eq!(
            decoded(dict, format!("{hexed}>").into_bytes()).unwrap(),
            WORDS
        );
    }

    #[test]
    fn a_wrong_checksum_is_passed_over_as_viewers_do() {
        let mut packed = deflate(b"BT (Zorblax Holdings) Tj ET");
        let end = packed.len();
        packed[end - 1] ^= 0xff;
        assert_eq!(inflate(&packed).unwrap(), b"BT (Zorblax Holdings) Tj ET");
    }

    #[test]
    fn run_length_and_an_odd_hex_digit_are_undone() {
        // "ab", then "z" four times, then the end.
        let dict = dictionary! { "Filter" => "RunLengthDecode" };
        let content = vec![1, b'a', b'b', 253, b'z', 128, b'x'];
        assert_eq!(decoded(dict, content).unwrap(), b"abzzzz");
        let dict = dictionary! { "Filter" => "AHx" };
        assert_eq!(decoded(dict, b"4 1 4>".to_vec()).unwrap(), b"A@");
    }

    #[test]
    fn what_cannot_be_undone_is_an_error_not_noise() {
        let cases = [
            dictionary! { "Filter" => "JBIG2Decode" },
            dictionary! { "Filter" => "FlateDecode", "DecodeParms" => dictionary! { "Predictor" => 7 } },
            dictionary! {
                "Filter" => "FlateDecode",
                "DecodeParms" => dictionary! { "Predictor" => 2, "BitsPerComponent" => 4 },
            },
            dictionary! {
                "Filter" => "FlateDecode",
                "DecodeParms" => dictionary! { "Predictor" => 12, "BitsPerComponent" => 3 },
            },
        ];
        for dict in cases {
            let described = format!("{dict:?}");
            assert!(decoded(dict, deflate(WORDS)).is_err(), "{described}");
        }
        // A row stored by a way PNG does not have.
        let dict = dictionary! {
            "Filter" => "FlateDecode",
            "DecodeParms" => dictionary! { "Predictor" => 12, "Columns" => 4 },
        };
        assert!(decoded(dict, deflate(&[9, 1, 2, 3, 4])).is_err());
        assert!(decoded(dictionary! { "Filter" => "Fl" }, b"not zlib".to_vec()).is_err());
    }

    #[test]
    fn parameters_by_reference_and_a_run_length_bomb_are_errors() {
        let dict = dictionary! { "Filter" => "FlateDecode", "DecodeParms" => (9, 0) };
        assert!(decoded(dict, deflate(WORDS)).is_err());
        let dict = dictionary! {
            "Filter" => "FlateDecode",
            "DecodeParms" => dictionary! { "Predictor" => (9, 0) },
        };
        assert!(decoded(dict, deflate(WORDS)).is_err());
        // Each pair of bytes repeats one 128 times: 2 KB of runs unpack to 128 KB.
        let bomb: Vec<u8> = std::iter::repeat_n([129u8, 0], 1024).flatten().collect();
        assert!(run_length(&bomb, 64 << 10).is_err());
        assert_eq!(run_length(&bomb, 128 << 10).map(|b| b.len()), Ok(128 << 10));
    }

    #[test]
    fn a_predictor_of_0_is_none_and_sizes_of_0_are_the_defaults() {
        let dict = dictionary! {
            "Filter" => "FlateDecode",
            "DecodeParms" => dictionary! { "Predictor" => 0, "Columns" => 5 },
        };
        assert_eq!(decoded(dict, deflate(WORDS)).unwrap(), WORDS);
        let dict = dictionary! {
            "Filter" => "FlateDecode",
            "DecodeParms" => dictionary! { "Predictor" => 12, "Colors" => 0, "Columns" => 0 },
        };
        let mut stored = Vec::new();
        for b in &WORDS[..4] {
            stored.extend([0, *b]);
        }
        assert_eq!(decoded(dict, deflate(&stored)).unwrap(), &WORDS[..4]);
    }

    #[test]
    fn a_stream_without_a_filter_is_as_it_is_and_huge_columns_allocate_nothing() {
        assert_eq!(decoded(dictionary! {}, WORDS.to_vec()).unwrap(), WORDS);
        let dict = dictionary! {
            "Filter" => "FlateDecode",
            "DecodeParms" => dictionary! { "Predictor" => 10, "Columns" => i64::from(i32::MAX) },
        };
        let mut stored = vec![0u8];
        stored.extend_from_slice(WORDS);
        assert_eq!(decoded(dict, deflate(&stored)).unwrap(), WORDS);
    }
}
