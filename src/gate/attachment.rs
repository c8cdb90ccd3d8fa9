//! The words of files papers attach that are not PDFs: plain text, CSV, SVG, and office
//! documents (Word, Excel, PowerPoint, OpenDocument: see [`super::office`]).
//!
//! An officer can paste an exempt paragraph into a spreadsheet or a Word file as easily
//! as into a report, so the gate reads these files for words both ways: a public copy is
//! scanned for withheld phrases, and a withheld one lends its own phrases to the scan.
//!
//! A file is read for what it is, not for what its name says: a Word file renamed
//! `.txt` is opened as a Word file, and a file that will not open as what it claims is
//! still read for whatever text its bytes hold, with a warning.

use std::borrow::Cow;
use std::collections::BTreeSet;

use super::office;
use super::words::normal;

/// Whether the gate reads the words of a file with this extension (lower case): the
/// publishable kinds other than PDFs (read by [`super::PdfTexts`]) and raster images
/// (whose metadata is stripped when they are published).
pub fn has_words(ext: &str) -> bool {
    matches!(ext, "txt" | "csv" | "svg") || is_office(ext)
}

/// Whether these bytes are an office document of any kind (a zip, or an old-style OLE
/// file), whatever the file's name: `quire audit` opens them all.
pub fn is_document(bytes: &[u8]) -> bool {
    office::is_zip(bytes) || office::is_ole(bytes)
}

/// Whether bytes that no name tells the kind of are text: UTF-16, or hardly a control
/// character in their first 8 KB. A picture, a sound or a program is not, and holds no
/// words an officer wrote; reading its bytes as text would only cost time.
pub fn looks_like_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let few = |controls: usize, of: usize| controls * 100 <= of;
    let is_control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c');
    // Single-byte text: the bytes below 0x20 (Windows-1252 gives the others letters).
    let single = (head.iter())
        .filter(|&&b| is_control(char::from(b)) && b < 0x80)
        .count();
    // UTF-16, with or without a byte-order mark, either way round.
    let wide = |from: fn([u8; 2]) -> u16| {
        let units = head.chunks_exact(2).map(|c| from([c[0], c[1]]));
        let chars: Vec<char> = char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{1}'))
            .filter(|&c| c != '\u{feff}')
            .collect();
        let controls = chars.iter().filter(|&&c| is_control(c)).count();
        // Random bytes read two at a time give characters of every script; text in
        // UTF-16 is mostly in the alphabets below U+0600, as in `raw_text`.
        let alphabets = chars.iter().filter(|&&c| u32::from(c) < 0x600).count();
        !chars.is_empty() && few(controls, chars.len()) && alphabets * 10 >= chars.len() * 9
    };
    few(single, head.len()) || wide(u16::from_le_bytes) || wide(u16::from_be_bytes)
}

/// Whether a file with this extension (lower case) is an office document.
pub fn is_office(ext: &str) -> bool {
    matches!(ext, "docx" | "xlsx" | "pptx" | "odt" | "ods")
}

/// What the gate reads of an attachment.
#[derive(Debug, Default)]
pub struct Attachment {
    /// The words, in normal form, paragraph by paragraph: each ends in a line break, so
    /// no phrase of a withheld one runs from one paragraph into the next.
    pub words: String,
    /// What an office document holds that its reader does not see but anyone who opens
    /// the file can ("tracked changes", "comments", "hidden text", "hidden sheets",
    /// "hidden rows", "hidden columns", "hidden slides", "hidden shapes").
    pub hidden: BTreeSet<&'static str>,
    /// Why the file could not be read as what it is: its words are then only what its
    /// bytes showed as text, which the gate cannot vouch for.
    pub problem: Option<String>,
    /// For the scan of a public copy: every text of the file run together, in normal
    /// form, with nothing between one element and the next. A sentence that something
    /// the reading above takes for the end of a paragraph (a field, a cell) cuts in two
    /// is whole here.
    pub flat: String,
}

impl Attachment {
    /// What the scan of a public copy reads: the words, with paragraphs run together
    /// (a phrase may span them in a copy), and the flat reading.
    pub fn scanned(&self) -> [String; 2] {
        [self.words.replace('\n', " "), self.flat.clone()]
    }
}

/// The paragraphs read so far, what was found hidden, and the flat reading (see
/// [`Attachment::flat`]).
#[derive(Default)]
pub(super) struct Reading {
    pub paragraphs: Vec<String>,
    pub hidden: BTreeSet<&'static str>,
    pub flat: String,
    /// Word's styles that hide their text, and the styles the document uses.
    pub hidden_styles: BTreeSet<String>,
    pub used_styles: BTreeSet<String>,
    /// The workbook's shared strings, which its cells name by number.
    pub shared: Vec<String>,
    /// What was found inside that could not be read (a PDF embedded in a Word file).
    pub unread: Option<String>,
    /// Where `flat` holds text drawn raised or lowered (a footnote's marker), in order.
    pub raised: Vec<std::ops::Range<usize>>,
}

/// Reads an attachment whose name ends in `ext` (lower case).
pub fn read(ext: &str, bytes: &[u8]) -> Attachment {
    let mut reading = Reading::default();
    let problem = if office::is_zip(bytes) {
        office::read(bytes, &mut reading).err()
    } else if office::is_ole(bytes) {
        reading.paragraphs.extend(raw_text(bytes));
        office::inner_pdfs(bytes, &mut reading);
        Some("it is an old Word or Excel file (97 to 2003) saved with a new name, or it is protected by a password, so only part of its text can be read: save it again as a PDF or in the new format".into())
    } else if is_office(ext) {
        reading.paragraphs.extend(raw_text(bytes));
        Some("it is not a Word, Excel, PowerPoint or OpenDocument file as its name says, or it is damaged".into())
    } else {
        for text in decodings(bytes) {
            self::text(ext, &text, &mut reading);
        }
        None
    };
    if (reading.hidden_styles.intersection(&reading.used_styles))
        .next()
        .is_some()
    {
        reading.hidden.insert("hidden text");
    }
    let problem = problem.or(reading.unread);
    let mut flat = normal(&reading.flat);
    // Also read without its raised text, so that a footnote's marker ("Quokkaplexⁱ",
    // "Quokkaplex¹⁰⁰") does not hide the word it follows (round 21).
    if !reading.raised.is_empty() {
        flat.push('\n');
        flat.push_str(&normal(&super::words::without(
            &reading.flat,
            &reading.raised,
        )));
    }
    let mut words = String::new();
    for p in reading.paragraphs {
        let p = normal(&p);
        if !p.trim().is_empty() {
            words.push_str(&p);
            words.push('\n');
        }
    }
    Attachment {
        words,
        hidden: reading.hidden,
        problem,
        flat,
    }
}

/// The paragraphs of a text file by its kind.
fn text(ext: &str, text: &str, reading: &mut Reading) {
    if ext != "svg" {
        reading.flat.push_str(text);
        reading.flat.push(' ');
    }
    match ext {
        // A CSV row is a table row: a paragraph of its own, as in a report's tables.
        "csv" => reading.paragraphs.extend(csv_rows(text)),
        "svg" => {
            office::xml_paragraphs(text, reading);
            // Hidden matter is an office document's: an SVG's elements are all drawn.
            reading.hidden.clear();
        }
        // Plain text is often wrapped by hand, so a paragraph runs to the next blank line.
        _ => reading
            .paragraphs
            .extend(text.replace("\r\n", "\n").split("\n\n").map(str::to_string)),
    }
    for part in encoded_parts(text).iter().filter(|p| looks_like_text(p)) {
        self::text("txt", &decode(part), reading);
    }
}

/// What the `data:` addresses in a text carry (`<image href="data:image/jpeg;base64,…">`
/// in an SVG figure, an address pasted into a report), each decoded as a browser decodes
/// it: character references undone and tabs and line breaks dropped (markup), `%`
/// escapes undone, then base64 where the address says so. The gate compares each with
/// the withheld files and reads those that are text for withheld words (red-team
/// sessions, 3 and 4 December 2026, published an exempt report's photo in a public SVG,
/// then the same photo with `&#43;` for each `+` of its base64, and an officer's pasted
/// `<img src="data:…">` carried it onto a page as text).
pub fn data_uris(bytes: &[u8]) -> Vec<Vec<u8>> {
    // Most texts hold no address, and are not copied: `data:` written with references
    // (`d&#97;ta:`) needs an ampersand. UTF-16 (an SVG saved so) is read as text.
    let text = decode(bytes);
    if !text.contains('&') && !contains_ignoring_case(text.as_bytes(), b"data:") {
        return Vec::new();
    }
    let text = match text.contains('&') {
        true => super::words::decode_entities(&text),
        false => text.into_owned(),
    };
    // A browser drops tabs and line breaks anywhere in an address.
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let lower = text.to_ascii_lowercase();
    let mut files = Vec::new();
    for (at, _) in lower.match_indices("data:") {
        let rest = &text[at + 5..];
        let Some(comma) = rest.find([',', '"', '\'', '<', '>', ')']) else {
            continue;
        };
        if rest.as_bytes()[comma] != b',' {
            continue;
        }
        let header = rest[..comma].trim_end().to_ascii_lowercase();
        let base64 =
            (header.strip_suffix("base64")).is_some_and(|h| h.trim_end_matches(' ').ends_with(';'));
        let body = &rest[comma + 1..];
        let end = match base64 {
            // Base64 may be wrapped, and its letters escaped with `%`.
            true => body.find(|c: char| {
                !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '%' | ' '))
            }),
            false => body.find(['"', '\'', '<', '>', ')', ' ']),
        };
        let body = crate::text::percent_decoded(&body[..end.unwrap_or(body.len())]);
        let file = match base64 {
            true => crate::scrub::b64::decode(&String::from_utf8_lossy(&body)),
            false => Some(body),
        };
        files.extend(file.filter(|f| !f.is_empty()));
    }
    files
}

/// Whether `needle` (lower case) is in `haystack`, in any case.
fn contains_ignoring_case(haystack: &[u8], needle: &[u8]) -> bool {
    (haystack.windows(needle.len())).any(|w| w.eq_ignore_ascii_case(needle))
}

/// The files an e-mail saved as text (`.eml`, `.txt`, a web archive `.mht`) carries as
/// attachments, in base64, quoted-printable or uuencode: the gate compares each with the
/// withheld files (red-team sessions, 4 December 2026, published a withheld photo
/// attached to an e-mail saved as a public `.txt` each way).
pub fn mime_files(bytes: &[u8]) -> Vec<Vec<u8>> {
    // Most texts are no e-mail, and are not copied: a page is read here too.
    let text = decode(bytes);
    let mime = contains_ignoring_case(text.as_bytes(), b"content-transfer-encoding");
    let uuencoded = text.starts_with("begin ") || text.contains("\nbegin ");
    if !mime && !uuencoded {
        return Vec::new();
    }
    encoded_parts(&text)
}

/// The parts of an e-mail (`.eml`, a web archive `.mht`) sent in base64 or
/// quoted-printable, and files uuencoded into a text, decoded: most mail programs send
/// text in UTF-8 and in HTML so. A red-team session (3 December 2026) published an
/// exempt report's sentence in an e-mail attached to a public PDF, where the gate had
/// read only the letters of its base64, and another (4 December) with `=20` for each
/// space.
fn encoded_parts(text: &str) -> Vec<Vec<u8>> {
    const HEADER: &str = "content-transfer-encoding:";
    let lower = text.to_ascii_lowercase();
    let mut parts = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find(HEADER) {
        from += at + HEADER.len();
        let kind = lower[from..].trim_start();
        let base64 = kind.starts_with("base64");
        if !base64 && !kind.starts_with("quoted-printable") {
            continue;
        }
        // The body starts after the part's headers, at the first blank line.
        let Some(blank) = (text[from..].find("\n\n").map(|b| b + 2))
            .or_else(|| text[from..].find("\r\n\r\n").map(|b| b + 4))
        else {
            break;
        };
        let body = &text[from + blank..];
        if base64 {
            let encoded: String = (body.lines())
                .take_while(|line| !line.trim().is_empty() && !line.starts_with("--"))
                .flat_map(|line| line.trim().chars())
                .collect();
            // Padded or not, as mail programs differ.
            parts.extend(crate::scrub::b64::decode(&encoded));
        } else {
            let lines: Vec<&str> = (body.split('\n'))
                .take_while(|line| !line.starts_with("--"))
                .collect();
            parts.push(quoted_printable(&lines.join("\n")));
        }
    }
    parts.extend(uuencoded(text));
    parts
}

/// Quoted-printable undone: `=XX` is a byte, and `=` at the end of a line joins it to
/// the next.
fn quoted_printable(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], crate::text::escaped_byte(bytes, i)) {
            (b'=', Some(b)) => (out.push(b), i += 3).1,
            (b'=', None) if bytes[i + 1..].starts_with(b"\r\n") => i += 3,
            (b'=', None) if bytes[i + 1..].starts_with(b"\n") => i += 2,
            (b'\r', _) if bytes.get(i + 1) == Some(&b'\n') => i += 1,
            (b, _) => (out.push(b), i += 1).1,
        }
    }
    out
}

/// Each file uuencoded into a text (`begin 644 photo.jpg` … `end`), decoded.
fn uuencoded(text: &str) -> Vec<Vec<u8>> {
    let mut files = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let is_begin = (line.strip_prefix("begin "))
            .and_then(|rest| rest.split_whitespace().next())
            .is_some_and(|mode| !mode.is_empty() && mode.bytes().all(|b| b.is_ascii_digit()));
        if !is_begin {
            continue;
        }
        let mut file = Vec::new();
        for line in lines.by_ref().take_while(|l| l.trim_end() != "end") {
            let six = |c: u8| c.wrapping_sub(b' ') & 63;
            let Some((&first, rest)) = line.as_bytes().split_first() else {
                continue;
            };
            let mut row = Vec::new();
            for group in rest.chunks(4) {
                let c: Vec<u8> = (0..4)
                    .map(|i| six(*group.get(i).unwrap_or(&b'`')))
                    .collect();
                row.extend([
                    c[0] << 2 | c[1] >> 4,
                    c[1] << 4 | c[2] >> 2,
                    c[2] << 6 | c[3],
                ]);
            }
            row.truncate(usize::from(six(first)));
            file.extend(row);
        }
        files.push(file);
    }
    files
}

/// The rows of a CSV file. A quoted cell may hold line breaks (text pasted from a
/// report): they are spaces in its row, not the end of it.
fn csv_rows(text: &str) -> Vec<String> {
    let mut rows = Vec::new();
    let mut row = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                row.push(c);
            }
            '\n' if !quoted => rows.push(std::mem::take(&mut row)),
            '\n' | '\r' => row.push(' '),
            _ => row.push(c),
        }
    }
    rows.push(row);
    rows
}

/// The text a file's bytes hold, whatever the file: read as single-byte text and as
/// UTF-16 (old Word files keep their text in one or the other), each run of printable
/// characters a paragraph.
pub(super) fn raw_text(bytes: &[u8]) -> Vec<String> {
    let runs = |text: String| -> Vec<String> {
        text.split(|c: char| c.is_control() || c == char::REPLACEMENT_CHARACTER)
            .filter(|run| run.trim().len() > 1)
            .map(str::to_string)
            .collect()
    };
    let mut out = runs(single_byte(bytes, &WINDOWS_1252));
    // Two bytes of single-byte text read as UTF-16 make a character above U+2000 (a
    // Chinese one, mostly): only the alphabets below U+0600 are kept from this reading,
    // so single-byte text is not read a second time as nonsense words.
    let alphabets = |text: String| -> String {
        text.chars()
            .map(|c| if u32::from(c) < 0x600 { c } else { '\u{1}' })
            .collect()
    };
    for start in [0, 1] {
        let wide = utf16(bytes.get(start..).unwrap_or_default(), true);
        out.extend(runs(alphabets(wide)));
    }
    out
}

/// The readings of a text file: in UTF-8; in UTF-16, as Excel saves "Unicode text"
/// (with a byte order mark, or without one if a fifth of its bytes are zero, as in any
/// UTF-16 text and no other); and where it is not UTF-8, each byte that is not read as
/// Windows-1252 (as Excel saves "CSV"), and the whole file also as Mac Roman (Excel for
/// Mac) and as code page 850 ("CSV (MS-DOS)"), which cannot be told apart from it.
pub(super) fn decodings(bytes: &[u8]) -> Vec<Cow<'_, str>> {
    let text = decode(bytes);
    let plain = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if std::str::from_utf8(plain).is_ok()
        || is_utf16(bytes)
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
    {
        return vec![text];
    }
    vec![
        text,
        single_byte(bytes, &MAC_ROMAN).into(),
        single_byte(bytes, &CP850).into(),
    ]
}

/// The main reading of a text: see [`decodings`].
pub(super) fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true).into();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false).into();
    }
    if is_utf16(bytes) {
        let zeros_at = |start: usize| {
            (bytes.iter().skip(start).step_by(2))
                .filter(|&&b| b == 0)
                .count()
        };
        return utf16(bytes, zeros_at(1) >= zeros_at(0)).into();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.into();
    }
    // UTF-8 with a stray byte from another program: the rest is still UTF-8.
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        out.push_str(&single_byte(chunk.invalid(), &WINDOWS_1252));
    }
    out.into()
}

/// UTF-16 without a byte order mark: a fifth of the bytes or more are zero. (UTF-8 text
/// has none, but for a stray one.)
fn is_utf16(bytes: &[u8]) -> bool {
    bytes.len() >= 4 && bytes.iter().filter(|&&b| b == 0).count() * 5 >= bytes.len()
}

fn utf16(bytes: &[u8], little: bool) -> String {
    let units = bytes.chunks_exact(2).map(|c| {
        let pair = [c[0], c[1]];
        if little {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// Bytes in a single-byte code page: ASCII below 0x80, `high` above.
fn single_byte(bytes: &[u8], high: &[char; 128]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80.. => high[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// Windows-1252, bytes 0x80 to 0xFF: Latin-1, with printable characters (curly quotes,
/// the euro, dashes) in place of the control codes 0x80 to 0x9F.
const WINDOWS_1252: [char; 128] = chars(concat!(
    "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8d}Ž\u{8f}\u{90}‘’“”•–—˜™š›œ\u{9d}žŸ",
    "\u{a0}¡¢£¤¥¦§¨©ª«¬\u{ad}®¯°±²³´µ¶·¸¹º»¼½¾¿",
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ"
));

/// Mac Roman, bytes 0x80 to 0xFF.
const MAC_ROMAN: [char; 128] = chars(
    "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u{a0}ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{f8ff}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ",
);

/// Code page 850 (MS-DOS, Western Europe), bytes 0x80 to 0xFF.
const CP850: [char; 128] = chars(
    "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u{ad}±‗¾¶§÷¸°¨·¹³²■\u{a0}",
);

/// The 128 characters of a code page's upper half, written as a string. A table of the
/// wrong length does not compile.
const fn chars(s: &str) -> [char; 128] {
    let bytes = s.as_bytes();
    let mut table = ['\0'; 128];
    let (mut i, mut at) = (0, 0);
    while at < bytes.len() {
        // One UTF-8 character, decoded by hand: `str::chars` cannot be called here.
        let b = bytes[at] as u32;
        let (len, mut c) = match b {
            0..0x80 => (1, b),
            0xC0..0xE0 => (2, b & 0x1F),
            0xE0..0xF0 => (3, b & 0x0F),
            _ => (4, b & 0x07),
        };
        let mut k = 1;
        while k < len {
            c = (c << 6) | (bytes[at + k] as u32 & 0x3F);
            k += 1;
        }
        table[i] = match char::from_u32(c) {
            Some(c) => c,
            None => panic!("not a character"),
        };
        i += 1;
        at += len;
    }
    assert!(i == 128, "a code page's upper half has 128 characters");
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_in_data_addresses_are_decoded() {
        let svg = "<svg><image href=\"data:image/jpeg;BASE64,/9j/4A\nAQ\" /><a href='data:text/plain;base64,aGk='/></svg>";
        assert_eq!(
            data_uris(svg.as_bytes()),
            vec![vec![0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], b"hi".to_vec()]
        );
        assert!(data_uris(b"an address with no data; base64, written loosely").is_empty());
        assert!(data_uris(b"no address &amp; no data").is_empty());
        let wide: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(svg.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(data_uris(&wide), data_uris(svg.as_bytes()));
    }

    #[test]
    fn files_an_e_mail_carries_are_decoded_every_way() {
        let mail = "Content-Type: image/jpeg\nContent-Transfer-Encoding: quoted-printable\n\n=FF=D8=FF=\nab=3D\n--b1--\nContent-Transfer-Encoding: base64\n\naGk=\n\nbegin 644 a.bin\n#86)C\n`\nend\n";
        assert_eq!(
            mime_files(mail.as_bytes()),
            vec![b"\xff\xd8\xffab=".to_vec(), b"hi".to_vec(), b"abc".to_vec()]
        );
        assert!(mime_files(b"no mail here").is_empty());
        assert_eq!(
            quoted_printable("The=20bidder Zorb=\r\nlax"),
            b"The bidder Zorblax"
        );
    }

    #[test]
    fn data_addresses_are_decoded_as_a_browser_decodes_them() {
        // "+/8=" is the base64 of [0xfb, 0xff]; each is written another way a browser reads.
        let ways = [
            "<image href=\"data:image/png;base64,&#43;/8=\"/>",
            "<image href=\"data:image/png;base64,&plus;&sol;8&equals;\"/>",
            "<image href=\"data:image/png;base64,%2B%2f8%3D\"/>",
            "<image href=\"d&#97;ta:image/png&semi; bas\ne64 &comma;+/\t8=\"/>",
            "&lt;img src=&quot;data:image/png;base64,+/8=&quot;&gt;",
        ];
        for way in ways {
            assert_eq!(data_uris(way.as_bytes()), vec![vec![0xfb, 0xff]], "{way}");
        }
        // An address that is not base64 carries its text, `%` escapes undone.
        assert_eq!(
            data_uris(b"<a href=\"data:text/plain,Zorblax%20Holdings\">x</a>"),
            vec![b"Zorblax Holdings".to_vec()]
        );
        assert_eq!(crate::text::percent_decoded("100% %zz %4"), b"100% %zz %4");
        assert_eq!(crate::text::percent_decoded("%+1"), b"%+1");
    }

    fn words(ext: &str, bytes: &[u8]) -> String {
        let read = read(ext, bytes);
        assert_eq!(read.problem, None);
        read.words
    }

    #[test]
    fn an_e_mail_is_read_in_its_base64_parts() {
        use base64::Engine;
        let sentence = "The preferred bidder Zorblax Holdings tendered a price";
        let body = base64::engine::general_purpose::STANDARD.encode(sentence);
        let (first, rest) = body.split_at(20);
        let mail = format!(
            "From: a@example.org\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{first}\r\n{rest}\r\n--b--\r\n"
        );
        assert!(words("eml", mail.as_bytes()).contains("zorblax holdings tendered"));
    }

    #[test]
    fn text_is_told_from_pictures_and_sounds_by_its_bytes() {
        assert!(looks_like_text(
            b"Briefing note\r\n\r\nThe preferred bidder\t4.2m\x0c"
        ));
        assert!(looks_like_text("Caf\u{e9} menu, \u{a3}4".as_bytes()));
        assert!(looks_like_text(&[0xFF, 0xFE, b'A', 0, b'B', 0]));
        assert!(looks_like_text(b""));
        // A WAV file's header, and a PNG's.
        let noise: Vec<u8> = (0..8192u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(!looks_like_text(&noise));
        let wide: Vec<u8> = "Plain words in UTF-16"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(looks_like_text(&wide));
        assert!(!looks_like_text(
            b"RIFF\x24\x08\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x02\x00"
        ));
        assert!(!looks_like_text(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
        ));
    }

    #[test]
    fn text_and_csv_keep_their_paragraphs_and_rows() {
        assert_eq!(
            words("txt", b"One line\r\nwrapped here.\r\n\r\nNext"),
            " one line wrapped here \n next \n"
        );
        assert_eq!(
            words("csv", b"Bidder,Price\nZorblax,412500\n"),
            " bidder price \n zorblax 412500 \n"
        );
    }

    #[test]
    fn a_quoted_csv_cell_keeps_its_lines_in_its_row() {
        assert_eq!(
            words(
                "csv",
                b"Bidder,Note\nZorblax,\"first line\nsecond line\"\nNext,row\n"
            ),
            " bidder note \n zorblax first line second line \n next row \n"
        );
    }

    #[test]
    fn text_saved_as_utf16_or_windows_1252_is_read() {
        let utf16 = |text: &str, bom: bool| -> Vec<u8> {
            let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            out
        };
        for bom in [true, false] {
            assert_eq!(
                words("csv", &utf16("Bidder\tPrice\r\nZorblax’s\t412500\r\n", bom)),
                " bidder price \n zorblax s 412500 \n"
            );
        }
        let mut big_endian = vec![0xFE, 0xFF];
        big_endian.extend("Café".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(words("txt", &big_endian), " cafe \n");
        // Not UTF-8: read as Windows-1252 first, then as Mac Roman and code page 850.
        let text = words("csv", b"Caf\xe9 \x93quoted\x94,\xa3412\n");
        assert!(text.starts_with(" cafe quoted 412 \n"), "{text}");
        assert!(words("csv", b"Mac caf\x8e").contains(" mac cafe \n"));
        assert!(words("csv", b"DOS caf\x82").contains(" dos cafe \n"));
        // UTF-8 with a stray byte: the rest is still read as UTF-8.
        assert!(
            words(
                "txt",
                "Zoë’s caf\u{e9}"
                    .bytes()
                    .chain([0x96])
                    .collect::<Vec<u8>>()
                    .as_slice()
            )
            .starts_with(" zoe s cafe \n")
        );
        // A stray zero byte does not make UTF-8 text UTF-16.
        assert_eq!(
            words("txt", b"Plain text\0 with a stray zero byte"),
            " plain text with a stray zero byte \n"
        );
        assert_eq!(words("txt", b"\xef\xbb\xbfMarked"), " marked \n");
    }

    #[test]
    fn a_file_is_read_for_what_it_is_not_for_its_name() {
        // Plain text named as a Word file: read, with a warning.
        let read = read("docx", b"Plain words in a renamed file");
        assert_eq!(read.words, " plain words in a renamed file \n");
        assert!(read.problem.unwrap().contains("not a Word"));
        // An old Word file: its text, single-byte and UTF-16, with a warning.
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        ole.extend(b"Eight bit words here\r\x00");
        ole.extend("Wide words here".encode_utf16().flat_map(u16::to_le_bytes));
        let read = super::read("docx", &ole);
        assert!(
            read.words.contains(" eight bit words here \n"),
            "{}",
            read.words
        );
        assert!(read.words.contains(" wide words here \n"), "{}", read.words);
        assert!(read.problem.unwrap().contains("old Word"));
    }

    #[test]
    fn svg_text_and_titles_are_read() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg"><title>Map of the site</title><text x="1">Plot <tspan>nine</tspan></text></svg>"#;
        assert_eq!(
            words("svg", svg.as_bytes()),
            " map of the site \n plot nine \n"
        );
    }

    #[test]
    fn svg_tspans_part_words_only_where_they_are_placed() {
        // Each word placed on its own, with no space between (as converters write
        // them), and a word split by a change of style.
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg"><text><tspan x="10" y="40">The</tspan><tspan x="40" y="40">pre</tspan><tspan font-weight="bold">ferred</tspan><tspan x="90" y="40">bidder</tspan></text></svg>"#;
        let read = words("svg", svg.as_bytes());
        assert!(read.contains(" the preferred bidder "), "{read:?}");
    }

    #[test]
    fn svg_tspans_placed_on_one_line_are_joined_in_the_flat_reading() {
        // As Illustrator writes kerned text: a new `tspan`, placed, inside a word; and
        // the next line.
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg"><text><tspan x="0" y="0">bidder Zorblax Holdings o</tspan><tspan x="212.78" y="0">ffered four hundred and tw</tspan><tspan x="353.55" y="0">elve</tspan><tspan x="0" y="14.4">thousand pounds</tspan></text></svg>"#;
        let flat = normal(&read("svg", svg.as_bytes()).flat);
        assert!(
            flat.contains(" holdings offered four hundred and twelve thousand pounds "),
            "{flat:?}"
        );
    }
}

/// No input makes the reading panic: arbitrary bytes under every name, and office files
/// whose markup and zip structure are damaged at random (stored, not deflated, so that
/// the damage reaches the XML readers rather than stopping at a checksum).
#[cfg(test)]
mod damaged {
    use super::read;
    use proptest::prelude::*;
    use std::io::Write;

    fn stored_zip(parts: &[(&str, String)]) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, text) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    /// A fragment of office markup: elements the reader treats specially, with
    /// attributes it reads, nested and left unclosed at random.
    fn markup() -> impl Strategy<Value = String> {
        let tag = prop::sample::select(vec![
            "w:p",
            "w:r",
            "w:t",
            "w:del",
            "w:vanish",
            "w:trPr",
            "w:hidden",
            "row",
            "c",
            "v",
            "col",
            "cols",
            "sheet",
            "p:sld",
            "a:t",
            "table:table",
            "table:table-row",
            "table:table-column",
            "table:table-cell",
            "text:p",
            "draw:page",
            "si",
            "is",
        ]);
        let attr = prop::sample::select(vec![
            "",
            " hidden=\"1\"",
            " show=\"0\"",
            " r=\"ZZZ99\"",
            " min=\"0\" max=\"99999999999999999999\"",
            " table:number-columns-repeated=\"18446744073709551615\"",
            " table:visibility=\"collapse\"",
            " state=\"veryHidden\"",
            " t=\"s\"",
            " w:val=\"0\"",
            " descr=\"&amp;\"",
        ]);
        let piece = (tag, attr, "[ -~]{0,12}", any::<bool>()).prop_map(|(t, a, text, close)| {
            let end = if close {
                format!("</{t}>")
            } else {
                String::new()
            };
            format!("<{t}{a}>{text}{end}")
        });
        prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn arbitrary_bytes_are_read_without_panicking(
            bytes in prop::collection::vec(any::<u8>(), 0..2048),
            ext in prop::sample::select(vec!["docx", "xlsx", "pptx", "ods", "csv", "txt", "svg"]),
        ) {
            let read = read(ext, &bytes);
            prop_assert!(read.words.len() <= 16 * (bytes.len() + 16));
        }

        #[test]
        fn damaged_office_files_are_read_without_panicking(
            body in markup(),
            strings in markup(),
            flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
            cut in any::<prop::sample::Index>(),
        ) {
            let parts = [
                ("word/document.xml", format!("<w:document xmlns:w=\"w\">{body}</w:document>")),
                ("xl/sharedStrings.xml", format!("<sst xmlns=\"s\">{strings}</sst>")),
                ("xl/worksheets/sheet1.xml", format!("<worksheet xmlns=\"x\">{body}</worksheet>")),
                ("content.xml", format!("<office:document-content xmlns:office=\"o\" xmlns:table=\"t\" xmlns:text=\"x\" xmlns:draw=\"d\">{body}</office:document-content>")),
            ];
            let mut bytes = stored_zip(&parts);
            let whole = read("docx", &bytes);
            prop_assert!(whole.problem.is_none(), "{:?}", whole.problem);
            for (at, b) in flips {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
            let _ = read("xlsx", &bytes);
            bytes.truncate(cut.index(bytes.len() + 1));
            let _ = read("ods", &bytes);
        }
    }
}
