//! Reading the search index (Pagefind) back: its files are gzip-compressed, and each
//! starts with "pagefind_dcd" once decompressed. A fragment is one page's JSON: its
//! address, title, filters (where it sits among them) and whole text. The index is in
//! shards: `pagefind/` and one folder a year (`pagefind/2021/`; the newest year in halves,
//! `pagefind/2027-h1/`), each with its own
//! `fragment/`, `index/` and `filter/`.

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

/// Every fragment of the site's index, in every shard, as JSON.
pub fn fragments(site: &Path) -> Vec<serde_json::Value> {
    let dir = site.join("pagefind");
    let files: Vec<String> = list_files(&dir)
        .into_iter()
        .filter(|f| f.ends_with(".pf_fragment"))
        .collect();
    assert!(!files.is_empty(), "no fragments in {}", site.display());
    files
        .iter()
        .map(|f| {
            let bytes = inflate(&dir.join(f));
            serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("fragment {f}: {e}"))
        })
        .collect()
}

/// The shards of the site's index, as `pagefind/quire.json` lists them (newest first).
pub fn shards(site: &Path) -> Vec<String> {
    let list: serde_json::Value =
        serde_json::from_slice(&fs::read(site.join("pagefind/quire.json")).unwrap()).unwrap();
    list["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// The fragment of the page at `url`.
pub fn fragment(site: &Path, url: &str) -> serde_json::Value {
    fragments(site)
        .into_iter()
        .find(|f| f["url"] == url)
        .unwrap_or_else(|| panic!("no fragment for {url} in {}", site.display()))
}

/// Everything the index holds, in every shard, decompressed: fragments, filters, meta
/// and word chunks.
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
