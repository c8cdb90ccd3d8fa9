//! The pack cache: a rebuild reuses every pack whose inputs have not changed.
//!
//! The key is a SHA-256 of everything the compilation and export read: quire's and
//! typst's versions, the theme's `pdf/` and `fonts/` files, the pack's data file, the
//! bytes of every image and PDF appendix it embeds, the build date (the PDF's date) and
//! the document identifier. Each entry is `<key>.pdf` with `<key>.json` (page count,
//! item ranges, PDF/UA-1 claim, the text the leak gate reads, the PDF's SHA-256) beside
//! it. Entries that the current build did not use are removed afterwards, so the folder
//! holds one build's packs.

// The pack cache keeps laid-out packs between builds: it may touch the disk (see clippy.toml).
#![allow(clippy::disallowed_methods)]

use std::collections::{BTreeMap, HashSet};

use std::path::Path;

use sha2::{Digest, Sha256};

use super::Rendered;
use super::data::PackData;
use crate::digest::{Fields, sha256_hex};
use crate::render::{Contents, Kept};
use crate::theme::Theme;

/// Bump when the cache format or anything else not hashed below changes.
const FORMAT: &str = "quire-pack-cache-v3";
const TYPST: &str = "typst-0.15.1";

/// A hash of the theme files every pack depends on.
pub fn theme_hash(theme: &Theme, folders: &[&str]) -> String {
    let mut h = Fields::new();
    for folder in folders {
        for (path, bytes) in theme.under(folder) {
            h.field(folder.as_bytes())
                .field(path.as_bytes())
                .field(bytes);
        }
    }
    h.hex()
}

/// The key of one pack.
pub fn key(theme_hash: &str, data: &PackData, as_of: time::Date) -> Result<String, String> {
    let mut h = Fields::new();
    h.field(FORMAT.as_bytes())
        .field(env!("CARGO_PKG_VERSION").as_bytes())
        .field(TYPST.as_bytes())
        .field(theme_hash.as_bytes())
        .field(data.json.as_bytes())
        .field(data.ident.as_bytes())
        .field(crate::model::text::iso_date(as_of).as_bytes());
    for (vpath, file) in &data.files {
        h.field(vpath.as_bytes());
        // The bytes the pack embeds: an image as published, without its metadata.
        let bytes = file
            .read()
            .map_err(|e| format!("cannot read {}: {e}", file.file_name()))?;
        h.field(&Sha256::digest(&bytes));
    }
    Ok(h.hex())
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Meta {
    pages: usize,
    items: BTreeMap<String, (usize, usize)>,
    ua1: bool,
    bytes: u64,
    /// The pack's text, which the leak gate reads.
    text: String,
    /// The PDF file as stored (inode, modification and change times): the text above is
    /// its text only while the file is that same file. One replaced by hand, even with
    /// its old size and time, is laid out again rather than published unread.
    file: (u64, i128, i128),
    /// The SHA-256 of the PDF's bytes. A cache copied or restored elsewhere (a CI
    /// system's saved cache) has new inodes and times but the same bytes: a file that
    /// no longer is the one stored but has these bytes is the same pack, so it is used
    /// rather than laid out again. Entries of earlier versions have none.
    #[serde(default)]
    sha256: Option<String>,
}

/// What identifies a stored file on disk.
fn file_facts(path: &Path) -> Option<(u64, i128, i128)> {
    Some(facts(&std::fs::metadata(path).ok()?))
}

fn facts(m: &std::fs::Metadata) -> (u64, i128, i128) {
    use std::os::unix::fs::MetadataExt;
    let (modified, changed) = crate::load::file_times(m);
    (m.ino(), modified, changed)
}

/// The packs of earlier builds, kept in a folder by the key of their inputs. The build
/// opens it and hands it to the renderer, which only asks it for a key and gives it packs.
#[derive(Debug)]
pub struct PackCache {
    dir: std::path::PathBuf,
}

impl PackCache {
    /// The cache in `dir`, which need not exist yet.
    pub fn open(dir: &Path) -> PackCache {
        PackCache {
            dir: dir.to_path_buf(),
        }
    }

    pub(super) fn load(&self, key: &str) -> Option<Rendered> {
        load(&self.dir, key)
    }

    pub(super) fn store(&self, r: Rendered) -> Rendered {
        store(&self.dir, r)
    }

    pub(super) fn prune(&self, keep: &[String]) {
        prune(&self.dir, keep)
    }
}

/// The cached pack with this key, if there is a complete one. Its bytes stay on disk:
/// the build publishes the cache file itself (see [`Kept`]).
fn load(dir: &Path, key: &str) -> Option<Rendered> {
    let meta_path = dir.join(format!("{key}.json"));
    let mut meta: Meta = serde_json::from_slice(&std::fs::read(&meta_path).ok()?).ok()?;
    let had_hash = meta.sha256.is_some();
    let path = dir.join(format!("{key}.pdf"));
    // One look at the file for its size and identity: a build looks at every pack.
    let m = std::fs::metadata(&path).ok()?;
    if m.len() != meta.bytes {
        return None;
    }
    let moved = facts(&m) != meta.file;
    if moved {
        meta.file = same_bytes(&path, &meta)?;
    } else if meta.sha256.is_none() {
        // An entry of an earlier version, still the file it stored: hashed once, so a
        // copy of the cache can be used later.
        meta.sha256 = std::fs::read(&path).ok().map(|b| sha256_hex(&b));
    }
    if moved || (meta.sha256.is_some() && !had_hash) {
        // Noted, so the next build needs one look again; a failure costs only a hash.
        if let Ok(json) = serde_json::to_vec(&meta) {
            let tmp = dir.join(format!("{key}.json.tmp-{}", std::process::id()));
            let _ = std::fs::write(&tmp, json).and_then(|()| std::fs::rename(&tmp, &meta_path));
        }
    }
    Some(Rendered {
        key: key.to_string(),
        pdf: Contents::Kept(Kept {
            path,
            bytes: meta.bytes,
        }),
        pages: meta.pages,
        items: meta.items,
        ua1: meta.ua1,
        text: meta.text,
        handed_over: None,
    })
}

/// The stored file's identity now, if it is no longer the file stored but holds the
/// bytes that were: the cache was copied, moved or restored from a backup. A file
/// replaced by other bytes, or changed while it is read, is not the pack.
fn same_bytes(path: &Path, meta: &Meta) -> Option<(u64, i128, i128)> {
    let expected = meta.sha256.as_deref()?;
    let before = file_facts(path)?;
    let bytes = std::fs::read(path).ok()?;
    let after = file_facts(path)?;
    (before == after && bytes.len() as u64 == meta.bytes && sha256_hex(&bytes) == expected)
        .then_some(after)
}

/// Stores a pack, and hands it back as the stored file, so its bytes can leave memory.
/// Failing to write the cache never fails the build: the pack is then kept in memory.
fn store(dir: &Path, mut r: Rendered) -> Rendered {
    let Contents::Bytes(pdf) = &r.pdf else {
        return r;
    };
    let stored = (|| -> std::io::Result<Kept> {
        std::fs::create_dir_all(dir)?;
        let tmp = |ext: &str| dir.join(format!("{}.{ext}.tmp-{}", r.key, std::process::id()));
        let path = dir.join(format!("{}.pdf", r.key));
        std::fs::write(tmp("pdf"), pdf)?;
        std::fs::rename(tmp("pdf"), &path)?;
        let meta = Meta {
            pages: r.pages,
            items: r.items.clone(),
            ua1: r.ua1,
            bytes: pdf.len() as u64,
            text: r.text.clone(),
            file: file_facts(&path).ok_or_else(|| std::io::Error::other("stored pack gone"))?,
            sha256: Some(sha256_hex(pdf)),
        };
        // The metadata goes last: an entry without it is never used.
        std::fs::write(tmp("json"), serde_json::to_vec(&meta).unwrap_or_default())?;
        std::fs::rename(tmp("json"), dir.join(format!("{}.json", r.key)))?;
        Ok(Kept {
            path,
            bytes: meta.bytes,
        })
    })();
    if let Ok(kept) = stored {
        r.pdf = Contents::Kept(kept);
    }
    r
}

impl Kept {
    /// The file's bytes, for the few places that need them whole (numbered copies'
    /// record, `quire serve`).
    pub fn read(&self) -> std::io::Result<Vec<u8>> {
        std::fs::read(&self.path)
    }
}

/// Removes cache entries this build did not use.
fn prune(dir: &Path, keep: &[String]) {
    let keep: HashSet<&str> = keep.iter().map(String::as_str).collect();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stem = name.split('.').next().unwrap_or("");
        let ours = stem.len() == 64 && stem.bytes().all(|b| b.is_ascii_hexdigit());
        if ours && !keep.contains(stem) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(key: &str, pdf: &[u8]) -> Rendered {
        Rendered {
            key: key.to_string(),
            pdf: Contents::Bytes(pdf.to_vec()),
            pages: 2,
            items: BTreeMap::new(),
            ua1: true,
            text: "Agenda".into(),
            handed_over: None,
        }
    }

    /// Puts these bytes in place of the file as a new file, as a copy or a restored
    /// backup does: a new inode and new times.
    fn replace(path: &Path, bytes: &[u8]) {
        let tmp = path.with_extension("new");
        std::fs::write(&tmp, bytes).unwrap();
        std::fs::rename(&tmp, path).unwrap();
    }

    #[test]
    fn a_pack_copied_or_restored_is_used_only_while_its_bytes_are_the_ones_stored() {
        let dir = std::env::temp_dir().join(format!("quire-pack-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let key = "a".repeat(64);
        let pdf = b"%PDF-1.7 the pack as laid out".as_slice();
        store(&dir, rendered(&key, pdf));
        let path = dir.join(format!("{key}.pdf"));
        assert!(load(&dir, &key).is_some());

        // The same bytes in a new file: used, and noted so that the next build needs
        // one look again.
        replace(&path, pdf);
        let found = load(&dir, &key).expect("the same bytes are the same pack");
        assert_eq!(found.text, "Agenda");
        let meta: Meta =
            serde_json::from_slice(&std::fs::read(dir.join(format!("{key}.json"))).unwrap())
                .unwrap();
        assert_eq!(Some(meta.file), file_facts(&path));

        // Other bytes of the same size, and the stored ones from before this version of
        // the cache (no hash): laid out again.
        let forged = b"%PDF-1.7 forged, of same size".as_slice();
        assert_eq!(forged.len(), pdf.len());
        replace(&path, forged);
        assert!(load(&dir, &key).is_none());
        replace(&path, pdf);
        let mut old: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join(format!("{key}.json"))).unwrap())
                .unwrap();
        old.as_object_mut().unwrap().remove("sha256");
        old["file"] = serde_json::json!([0, 0, 0]);
        std::fs::write(dir.join(format!("{key}.json")), old.to_string()).unwrap();
        assert!(load(&dir, &key).is_none());
        // Such an entry that is still its own file is used, and hashed for later.
        let facts = file_facts(&path).unwrap();
        old["file"] = serde_json::json!([facts.0, facts.1, facts.2]);
        std::fs::write(dir.join(format!("{key}.json")), old.to_string()).unwrap();
        assert!(load(&dir, &key).is_some());
        replace(&path, pdf);
        assert!(load(&dir, &key).is_some(), "hashed when last used");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
