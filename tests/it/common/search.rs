//! Reading the search index (Pagefind) back: its files are gzip-compressed, and each
//! starts with "pagefind_dcd" once decompressed. A fragment is one page's JSON: its
//! address, title, place, filters and whole text.

use std::fs;
use std::io::Read;
use std::path::Path;

use super::list_files;

/// The bytes of a gzip file decompressed, or `None` if it is not gzip.
pub fn gunzip(bytes: &[u8]) -> Option<Vec<u8>> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return None;
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// A Pagefind file's contents, decompressed and without its "pagefind_dcd" mark.
pub fn inflate(path: &Path) -> Vec<u8> {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let inner = gunzip(&bytes).unwrap_or_else(|| panic!("{} is not gzip", path.display()));
    match inner.strip_prefix(b"pagefind_dcd") {
        Some(rest) => rest.to_vec(),
        None => inner,
    }
}

/// Every fragment of the site's index, as JSON.
pub fn fragments(site: &Path) -> Vec<serde_json::Value> {
    let files: Vec<String> = list_files(&site.join("pagefind/fragment"));
    assert!(!files.is_empty(), "no fragments in {}", site.display());
    files
        .iter()
        .map(|f| {
            let bytes = inflate(&site.join("pagefind/fragment").join(f));
            serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("fragment {f}: {e}"))
        })
        .collect()
}

/// The fragment of the page at `url`.
pub fn fragment(site: &Path, url: &str) -> serde_json::Value {
    fragments(site)
        .into_iter()
        .find(|f| f["url"] == url)
        .unwrap_or_else(|| panic!("no fragment for {url} in {}", site.display()))
}

/// Everything the index holds, decompressed: fragments, filters, meta and word chunks.
pub fn all_text(site: &Path) -> String {
    let mut out = String::new();
    for f in list_files(&site.join("pagefind")) {
        let bytes = fs::read(site.join("pagefind").join(&f)).unwrap();
        let inner = gunzip(&bytes).unwrap_or(bytes);
        out.push_str(&String::from_utf8_lossy(&inner));
        out.push('\n');
    }
    out
}
