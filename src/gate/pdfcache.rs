//! The text of PDF appendices, for the leak gate, kept between builds.
//!
//! Reading a PDF's text costs milliseconds; a council has thousands of appendices that
//! rarely change. Each text is kept in `.quire-cache/pdf-text/<key>.txt`, where the key is
//! a SHA-256 of the file's path, size, modification and change times and identity on
//! disk, so an appendix that changes in any way is read again.

// The gate keeps the text of appendices between builds: it may touch the disk (see
// clippy.toml).
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};

use crate::digest::Fields;

/// Where texts are kept, if anywhere.
#[derive(Debug, Clone, Default)]
pub struct PdfTexts {
    dir: Option<PathBuf>,
}

impl PdfTexts {
    /// Texts kept in `dir` (created when first needed), or read afresh every time.
    pub fn new(dir: Option<PathBuf>) -> PdfTexts {
        PdfTexts { dir }
    }

    /// The words of the PDF at `path` and what of it could not be read, or why it could
    /// not be read at all; with `raw`, also what a text editor shows of it (a public
    /// file's). A file with something unread is read again each time, so that every
    /// build warns of it.
    pub fn text(&self, path: &Path, raw: bool) -> Result<super::PdfRead, String> {
        let key = self.key(path);
        if let (Some(dir), Some(key)) = (&self.dir, &key)
            && let Ok(kept) = std::fs::read_to_string(dir.join(format!("{key}.txt")))
            && let Some(read) = unkept(&kept)
            // A file withheld at its last reading, published now, is read again for it.
            && (read.raw.is_some() || !raw)
        {
            return Ok(read);
        }
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        let read = super::pdf_words(&bytes, raw)?;
        if let (Some(dir), Some(key), None) = (&self.dir, &key, &read.unread) {
            store(dir, key, &kept(&read));
        }
        Ok(read)
    }

    fn key(&self, path: &Path) -> Option<String> {
        self.dir.as_ref()?;
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        let identity = crate::load::FileIdentity::of(&meta);
        let mut h = Fields::new();
        h.field(crate::pdftext::READING.as_bytes())
            .field(path.as_os_str().as_encoded_bytes())
            .field(&meta.len().to_le_bytes())
            .field(&modified.as_nanos().to_le_bytes())
            .field(format!("{identity:?}").as_bytes());
        // The change time too: a file rewritten in place and given back its old
        // modification time (`touch -r`, `cp -p`) has a new change time, which no tool
        // can set.
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            h.field(&meta.ctime().to_le_bytes())
                .field(&meta.ctime_nsec().to_le_bytes());
        }
        Some(h.hex())
    }
}

/// How a reading is kept: a line naming how many files the PDF holds and the length of
/// its raw text (`-` if it was not read), a line for each file (its size and SHA-256),
/// the raw text, then the text.
fn kept(read: &super::PdfRead) -> String {
    let raw = read
        .raw
        .as_ref()
        .map_or("-".into(), |raw| raw.len().to_string());
    let mut out = format!("{HEADER}{} raw {raw}\n", read.held.len());
    for (size, hash) in &read.held {
        let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
        out.push_str(&format!("{size} {hex}\n"));
    }
    out.push_str(read.raw.as_deref().unwrap_or_default());
    out + &read.text
}

const HEADER: &str = "quire-pdf-text held ";

/// A reading kept by [`kept`], or `None` if the file is not one (damaged, or kept by
/// another version of quire), so that the PDF is read again.
fn unkept(kept: &str) -> Option<super::PdfRead> {
    let (first, mut rest) = kept.strip_prefix(HEADER)?.split_once('\n')?;
    let (count, raw) = first.split_once(" raw ")?;
    let count: usize = count.parse().ok()?;
    let mut held = Vec::new();
    for _ in 0..count {
        let (line, after) = rest.split_once('\n')?;
        let (size, hex) = line.split_once(' ')?;
        let bytes: Vec<u8> = (0..hex.len() / 2)
            .map(|i| u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok())
            .collect::<Option<_>>()?;
        held.push((size.parse().ok()?, bytes.try_into().ok()?));
        rest = after;
    }
    let raw = match raw {
        "-" => None,
        len => {
            let (raw, text) = rest.split_at_checked(len.parse().ok()?)?;
            rest = text;
            Some(raw.to_string())
        }
    };
    Some(super::PdfRead {
        text: rest.to_string(),
        unread: None,
        held,
        raw,
    })
}

/// Keeps a text. Failing to keep it never fails the build.
fn store(dir: &Path, key: &str, text: &str) {
    let _ = (|| -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!("{key}.txt.tmp-{}", std::process::id()));
        std::fs::write(&tmp, text)?;
        std::fs::rename(tmp, dir.join(format!("{key}.txt")))
    })();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reading_is_kept_with_the_files_the_pdf_holds_and_its_raw_text() {
        let mut read = crate::gate::PdfRead {
            text: "Appendix 1\nquire-pdf-text held 3\nmore".into(),
            unread: None,
            held: vec![(12, [7; 32]), (40_000, [0xab; 32])],
            raw: None,
        };
        assert_eq!(unkept(&kept(&read)), Some(read.clone()));
        read.raw = Some("%é comment\n1 0 obj".into());
        assert_eq!(unkept(&kept(&read)), Some(read.clone()));
        read.raw = Some(String::new());
        assert_eq!(unkept(&kept(&read)), Some(read));
        // Kept by another version, or damaged: read again.
        assert_eq!(unkept("Appendix 1"), None);
        assert_eq!(unkept("quire-pdf-text held 2\n12 0707\n"), None);
        assert_eq!(unkept("quire-pdf-text held 0 raw 9\nshort"), None);
        // A length that ends inside a character.
        assert_eq!(unkept("quire-pdf-text held 0 raw 1\né"), None);
    }
}
