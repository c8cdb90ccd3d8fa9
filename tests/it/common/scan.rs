//! Reading back everything a reader could get out of a built site, to look for canaries:
//! file bytes, decompressed PDF streams, PDF strings in UTF-16, and each PDF page's text
//! through its fonts' ToUnicode maps.

use std::fs;
use std::path::Path;

use super::list_files;

/// Every `CANARY_…` token planted in the fixture's sources.
pub fn canaries(root: &Path) -> Vec<String> {
    let mut found = std::collections::BTreeSet::new();
    for f in list_files(&root.join("content")) {
        let bytes = fs::read(root.join("content").join(&f)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let mut rest: &str = &text;
        while let Some(i) = rest.find("CANARY_") {
            let tail = &rest[i..];
            let end = tail
                .find(|c: char| !(c.is_ascii_uppercase() || c == '_'))
                .unwrap_or(tail.len());
            found.insert(tail[..end].to_string());
            rest = &tail[end..];
        }
    }
    found.into_iter().collect()
}

/// Everything a reader could get out of a file: its bytes, its decompressed PDF streams,
/// PDF strings in UTF-16, the text of each PDF page, the contents of a gzip file (the
/// search index's fragments, filters and meta), and each file in the search index's cache.
pub fn readable(path: &Path) -> Vec<String> {
    let bytes = fs::read(path).unwrap();
    let mut out = vec![String::from_utf8_lossy(&bytes).into_owned()];
    if let Some(inner) = super::search::gunzip(&bytes) {
        out.push(String::from_utf8_lossy(&inner).into_owned());
    }
    for (name, contents) in search_cache_files(&bytes) {
        out.push(name);
        out.push(String::from_utf8_lossy(&contents).into_owned());
        if let Some(inner) = super::search::gunzip(&contents) {
            out.push(String::from_utf8_lossy(&inner).into_owned());
        }
    }
    zip_parts(&bytes, 0, &mut out);
    if path.extension().is_some_and(|e| e == "pdf")
        && let Ok(doc) = lopdf::Document::load_mem(&bytes)
    {
        for obj in doc.objects.values() {
            if let lopdf::Object::Stream(s) = obj {
                let data = s
                    .decompressed_content()
                    .unwrap_or_else(|_| s.content.clone());
                out.push(String::from_utf8_lossy(&data).into_owned());
            }
        }
        collect_strings(&doc, &mut out);
        // Page text through the fonts' ToUnicode maps, as a viewer would copy it.
        for &page in doc.get_pages().values() {
            out.push(super::pdftext::page_text(&doc, page));
        }
    }
    out
}

/// Every part of a zip (an office document: Word, Excel, OpenDocument), read as text
/// and with its tags taken out (Word splits words into runs), and the parts of the zips
/// inside it.
fn zip_parts(bytes: &[u8], depth: usize, out: &mut Vec<String>) {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return;
    };
    for i in 0..zip.len() {
        let mut data = Vec::new();
        if let Ok(mut part) = zip.by_index(i)
            && part.read_to_end(&mut data).is_ok()
        {
            let text = String::from_utf8_lossy(&data).into_owned();
            let mut untagged = String::new();
            let mut in_tag = false;
            for c in text.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    _ if !in_tag => untagged.push(c),
                    _ => {}
                }
            }
            out.push(text);
            out.push(untagged);
            if depth < 2 {
                zip_parts(&data, depth + 1, out);
            }
        }
    }
}

/// The files kept in the search index's cache (`.quire-cache/<edition>/search/index.bin`):
/// a mark, then the key and each file's path and bytes, each as a little-endian u64
/// length and the bytes. Empty for any other file.
pub fn search_cache_files(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    if !bytes.starts_with(b"quire-search-cache-") {
        return Vec::new();
    }
    let Some(mut rest) = bytes.strip_prefix(b"quire-search-cache-v1\n".as_slice()) else {
        panic!("a search cache of another version: teach the scan its format");
    };
    let mut take = || -> Option<Vec<u8>> {
        let (len, tail) = rest.split_first_chunk::<8>()?;
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        let field = tail.get(..len)?.to_vec();
        rest = &tail[len..];
        Some(field)
    };
    let _key = take();
    let mut files = Vec::new();
    while let (Some(name), Some(contents)) = (take(), take()) {
        files.push((String::from_utf8_lossy(&name).into_owned(), contents));
    }
    assert!(
        !files.is_empty(),
        "a search cache that the scan cannot read: teach it the format"
    );
    files
}

/// PDF text strings inside dictionaries (titles, bookmarks, alt text), UTF-16 decoded.
fn collect_strings(doc: &lopdf::Document, out: &mut Vec<String>) {
    fn walk(o: &lopdf::Object, out: &mut Vec<String>) {
        match o {
            lopdf::Object::String(s, _) => out.push(utf16(s)),
            lopdf::Object::Array(a) => a.iter().for_each(|x| walk(x, out)),
            lopdf::Object::Dictionary(d) => d.iter().for_each(|(_, v)| walk(v, out)),
            lopdf::Object::Stream(s) => s.dict.iter().for_each(|(_, v)| walk(v, out)),
            _ => {}
        }
    }
    doc.objects.values().for_each(|o| walk(o, out));
}

fn utf16(s: &[u8]) -> String {
    if s.starts_with(&[0xfe, 0xff]) {
        let units: Vec<u16> = s[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(s).into_owned()
    }
}

/// Which canaries appear anywhere in the folder: in a file's contents or in its name,
/// in any case (a heading's words reach its anchor, and a title its address, in lower
/// case: a red-team session found a hidden title so that a scan for it as written
/// missed).
pub fn found_in(dir: &Path, canaries: &[String]) -> Vec<(String, String)> {
    found(dir, canaries, str::to_lowercase)
}

/// Which of `texts` appear in the folder exactly as written, case and all: the members'
/// marking "NOT FOR PUBLICATION", where the public notice says "Not for publication".
pub fn found_as_written(dir: &Path, texts: &[String]) -> Vec<(String, String)> {
    found(dir, texts, str::to_string)
}

/// Which of `needles` appear in the folder, with `fold` applied to both sides.
fn found(dir: &Path, needles: &[String], fold: fn(&str) -> String) -> Vec<(String, String)> {
    let mut hits = Vec::new();
    let folded: Vec<String> = needles.iter().map(|c| fold(c)).collect();
    for f in list_files(dir) {
        let mut texts = readable(&dir.join(&f));
        texts.push(f.clone());
        let texts: Vec<String> = texts.iter().map(|t| fold(t)).collect();
        for (c, low) in needles.iter().zip(&folded) {
            if texts.iter().any(|t| t.contains(low.as_str())) {
                hits.push((c.clone(), f.clone()));
            }
        }
    }
    hits
}

/// The canaries that appear nowhere in the folder: a positive control's failures.
pub fn missing_from(dir: &Path, canaries: &[String]) -> Vec<String> {
    let hits = found_in(dir, canaries);
    canaries
        .iter()
        .filter(|c| !hits.iter().any(|(h, _)| h == *c))
        .cloned()
        .collect()
}

/// Whether one canary appears anywhere in the folder.
pub fn appears_in(dir: &Path, canary: &str) -> bool {
    !found_in(dir, &[canary.to_string()]).is_empty()
}
