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
    /// not be read at all. A file with something unread is read again each time, so
    /// that every build warns of it.
    pub fn text(&self, path: &Path) -> Result<super::PdfRead, String> {
        let key = self.key(path);
        if let (Some(dir), Some(key)) = (&self.dir, &key)
            && let Ok(text) = std::fs::read_to_string(dir.join(format!("{key}.txt")))
        {
            return Ok((text, None));
        }
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        let (text, unread) = super::pdf_words(&bytes)?;
        if let (Some(dir), Some(key), None) = (&self.dir, &key, &unread) {
            store(dir, key, &text);
        }
        Ok((text, unread))
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

/// Keeps a text. Failing to keep it never fails the build.
fn store(dir: &Path, key: &str, text: &str) {
    let _ = (|| -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!("{key}.txt.tmp-{}", std::process::id()));
        std::fs::write(&tmp, text)?;
        std::fs::rename(tmp, dir.join(format!("{key}.txt")))
    })();
}
