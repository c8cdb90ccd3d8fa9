//! Render: pure functions from an [`crate::redact::Edition`] to artefacts in memory.
//!
//! Renderers never read `content/` except through paths the edition hands them (assets,
//! PDF appendices), and never write to disk: [`crate::write`] does that.

pub mod html;
pub mod pdf;
pub mod wording;

/// One file of the built site.
#[derive(Debug)]
pub struct Artefact {
    /// Path inside the output folder, with forward slashes, e.g. `committees/cabinet/index.html`.
    pub path: String,
    pub contents: Contents,
}

#[derive(Debug)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// A file from `content/`, as the edition publishes it.
    Copy(crate::redact::FileHandle),
    /// A file quire made and keeps, published byte for byte: a laid-out pack in the pack
    /// cache. Holding its path instead of its bytes keeps thousands of packs out of memory.
    Kept(Kept),
}

/// A file in the pack cache, named by the hash of its inputs, so the name says what the
/// bytes are without reading them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub path: std::path::PathBuf,
    pub bytes: u64,
}

impl Artefact {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Artefact {
            path: path.into(),
            contents: Contents::Bytes(bytes.into()),
        }
    }

    /// The output path of a URL such as `/committees/cabinet/` or `/files/a.pdf`.
    pub fn path_of_url(url: &str) -> String {
        let trimmed = url.trim_start_matches('/');
        if trimmed.is_empty() || trimmed.ends_with('/') {
            format!("{trimmed}index.html")
        } else {
            trimmed.to_string()
        }
    }
}
