//! The search index: a chunked static index made by Pagefind, in process, from the
//! edition.
//!
//! The old index was one JSON file that every search downloaded whole (35 MB at 5,000
//! meetings). Pagefind splits the index into chunks of words, one fragment per page and
//! one file per filter, so a search fetches only the chunks for its words and the
//! fragments of the results it shows.
//!
//! What is indexed is built here from the [`Edition`], as records, not by reading the
//! rendered pages: every record is made from the same redacted view the pages are made
//! from, so the index can hold only what the audience may see. The public index is
//! made from the public edition, and the leak gate reads its fragments, filters and
//! meta (they are gzip-compressed; see `gate::words::readable`).
//!
//! Records rather than pages: the edition already holds each paper's words as a tree,
//! so no HTML is parsed again, titles and "where it sits" are exact, and the index can
//! be made and cached without the pages.
//!
//! The output is deterministic (records go in, in the edition's order, and Pagefind
//! names every file by a hash of its bytes), and it is cached: the key is a SHA-256 of
//! every record and setting fed to Pagefind, so a build whose records are unchanged
//! reads the previous index from one file instead of indexing again.

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::diag::Diagnostic;
use crate::redact::{DocBody, Edition, ItemView, Papers};
use crate::render::Artefact;
use crate::text::{clock_time, long_date, short_date};

/// The folder of the index in the output.
pub const DIR: &str = "pagefind";

/// The files of the index whose names are fixed, whatever was indexed. The others
/// (`pagefind.<hash>.pf_meta`, `fragment/`, `index/`, `filter/` and the language's
/// `wasm.<language>.pagefind`) are named by the index itself: see [`is_named_by_index`].
pub const FILES: [&str; 4] = [
    "pagefind/pagefind-entry.json",
    "pagefind/pagefind-worker.js",
    "pagefind/pagefind.js",
    "pagefind/wasm.unknown.pagefind",
];

/// Whether `path` is a file of the index whose name depends on what was indexed, so a
/// plan made before indexing cannot list it.
pub fn is_named_by_index(path: &str) -> bool {
    path.strip_prefix("pagefind/")
        .is_some_and(|rest| !FILES.contains(&path) && !rest.is_empty())
}

/// One thing a reader can find: a page of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub url: String,
    pub title: String,
    /// Where it sits: "Report, Cabinet, Wednesday 13 October 2021".
    pub context: String,
    /// The words of the page that are searched and shown in excerpts.
    pub text: String,
    /// Filter name ("kind", "committee", "year") to values.
    pub filters: BTreeMap<String, Vec<String>>,
}

/// The kinds of record, as the search page's filter shows them.
pub const KIND: &str = "kind";
pub const COMMITTEE: &str = "committee";
pub const YEAR: &str = "year";

/// Every record of the edition, in a fixed order: committees, meetings, documents,
/// councillors, pages.
pub fn records(ed: &Edition) -> Vec<Record> {
    let mut out = Vec::new();
    let filters = |kind: &str, committee: Option<&str>, year: Option<i32>| {
        let mut f = BTreeMap::new();
        f.insert(KIND.to_string(), vec![kind.to_string()]);
        if let Some(c) = committee {
            f.insert(COMMITTEE.to_string(), vec![c.to_string()]);
        }
        if let Some(y) = year {
            f.insert(YEAR.to_string(), vec![y.to_string()]);
        }
        f
    };
    for c in ed.committees() {
        out.push(Record {
            url: c.url.clone(),
            title: c.name.clone(),
            context: "Committee".into(),
            text: c
                .description
                .as_ref()
                .map(|d| d.words(usize::MAX))
                .unwrap_or_default(),
            filters: filters("Committee", Some(c.name.as_str()), None),
        });
    }
    for m in ed.meetings() {
        let committee = &ed.committees()[m.committee].name;
        // Items are empty while the audience may not see the papers.
        let mut text = match m.papers {
            Papers::Published(_) => String::new(),
            Papers::NotYet(d) => format!("Papers will be published on {}. ", short_date(d)),
            Papers::NotScheduled => "Papers are not published yet. ".to_string(),
        };
        item_words(&m.items, &mut text);
        out.push(Record {
            url: m.url.clone(),
            title: ed.meeting_title(m),
            context: format!(
                "Meeting, {}{}, {}",
                long_date(m.date),
                m.time
                    .map(|t| format!(", {}", clock_time(t)))
                    .unwrap_or_default(),
                m.venue
            ),
            text: text.trim().to_string(),
            filters: filters("Meeting", Some(committee.as_str()), Some(m.date.year())),
        });
    }
    for d in ed.documents() {
        let m = &ed.meetings()[d.meeting];
        let committee = &ed.committees()[d.committee].name;
        let text = match &d.body {
            DocBody::Markdown(t) => t.words(usize::MAX),
            DocBody::Pdf { pages, .. } => format!(
                "{}. PDF document, {pages} {}.",
                d.title,
                if *pages == 1 { "page" } else { "pages" }
            ),
        };
        out.push(Record {
            url: d.url.clone(),
            title: d.title.clone(),
            context: format!("{}, {}", d.kind.label(), ed.meeting_title(m)),
            text,
            filters: filters(
                d.kind.label(),
                Some(committee.as_str()),
                Some(m.date.year()),
            ),
        });
    }
    for p in ed.members() {
        let mut f = filters("Councillor", None, None);
        let mut committees: Vec<String> = p
            .roles
            .iter()
            .filter_map(|(c, _)| ed.committees().get(*c).map(|c| c.name.clone()))
            .collect();
        committees.sort();
        committees.dedup();
        if !committees.is_empty() {
            f.insert(COMMITTEE.to_string(), committees.clone());
        }
        let text = [p.party.clone(), p.division.clone()]
            .into_iter()
            .flatten()
            .chain(committees)
            .collect::<Vec<_>>()
            .join(". ");
        out.push(Record {
            url: p.url.clone(),
            title: p.name.clone(),
            context: "Councillor".into(),
            text,
            filters: f,
        });
    }
    for p in ed.pages() {
        out.push(Record {
            url: p.url.clone(),
            title: p.title.clone(),
            context: "Page".into(),
            text: p.body.words(usize::MAX),
            filters: filters("Page", None, None),
        });
    }
    // Pagefind leaves out a record without words: every page is found by its title at
    // least.
    for r in &mut out {
        if r.text.split_whitespace().next().is_none() {
            r.text = r.title.clone();
        }
    }
    out
}

/// The agenda as the meeting page shows it: each item's number, title and words.
fn item_words(items: &[ItemView], out: &mut String) {
    for it in items {
        out.push_str(&format!("{}. {}. ", it.number, it.title));
        if let Some(body) = &it.body {
            out.push_str(&body.words(usize::MAX));
            out.push(' ');
        }
        item_words(&it.items, out);
    }
}

/// Pagefind's language for the site's (`en-GB` is `en`): it decides the stemmer.
fn language(ed: &Edition) -> String {
    let base: String = ed
        .config()
        .language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if base.len() >= 2 && base.bytes().all(|b| b.is_ascii_lowercase()) {
        base
    } else {
        "unknown".into()
    }
}

/// Bump when what is fed to Pagefind, or how, changes in a way the key does not see.
const FORMAT: &str = "quire-search-v1";
/// The Pagefind crate the index is made with (its files change with it).
const PAGEFIND: &str = "pagefind-1.6";

/// The cache key: a SHA-256 of every record and setting fed to Pagefind.
fn key(records: &[Record], language: &str) -> String {
    let mut h = Sha256::new();
    let mut field = |b: &[u8]| {
        h.update((b.len() as u64).to_le_bytes());
        h.update(b);
    };
    field(FORMAT.as_bytes());
    field(PAGEFIND.as_bytes());
    field(env!("CARGO_PKG_VERSION").as_bytes());
    field(language.as_bytes());
    // Pagefind reads this setting from the environment: it changes the chunks.
    field(
        std::env::var("PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE")
            .unwrap_or_default()
            .as_bytes(),
    );
    for r in records {
        field(r.url.as_bytes());
        field(r.title.as_bytes());
        field(r.context.as_bytes());
        field(r.text.as_bytes());
        field(&(r.filters.len() as u64).to_le_bytes());
        for (name, values) in &r.filters {
            field(name.as_bytes());
            field(&(values.len() as u64).to_le_bytes());
            for v in values {
                field(v.as_bytes());
            }
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The search index of the edition, as files under `pagefind/`, sorted by path. With a
/// cache folder (`.quire-cache/<edition>/`), the index is read from `search/` there when
/// nothing fed to it changed, and saved there when it was made.
pub fn index(ed: &Edition, cache: Option<&Path>) -> Result<Vec<Artefact>, Diagnostic> {
    let records = records(ed);
    let language = language(ed);
    let key = key(&records, &language);
    let dir = cache.map(|c| c.join("search"));
    if let Some(dir) = &dir
        && let Some(files) = cache::load(dir, &key)
    {
        return Ok(artefacts(files));
    }
    // Pagefind reads the current folder (and stops if it is gone): say so plainly.
    if std::env::current_dir().is_err() {
        return Err(Diagnostic::error(
            "site.toml",
            None,
            "the search index (pagefind/) cannot be made: the folder this command was run from no longer exists",
        )
        .hint("change to the site folder (cd) and build again"));
    }
    // A fault inside Pagefind stops the build with a message, not a crash.
    let made =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build(&records, &language)))
            .unwrap_or_else(|_| Err("the indexer stopped unexpectedly".to_string()));
    let files = made.map_err(|e| {
        Diagnostic::error(
            "site.toml",
            None,
            format!("the search index (pagefind/) could not be made: {e}"),
        )
        .hint("this is a fault in quire, not in the papers: report it with this message; the rest of the site was not written either")
    })?;
    if let Some(dir) = &dir {
        cache::store(dir, &key, &files);
    }
    Ok(artefacts(files))
}

fn artefacts(files: Vec<(String, Vec<u8>)>) -> Vec<Artefact> {
    files
        .into_iter()
        .map(|(path, bytes)| Artefact::bytes(path, bytes))
        .collect()
}

/// Pagefind's own files the search page does not use (its ready-made interfaces).
fn wanted(name: &str) -> bool {
    !(name.starts_with("pagefind-ui.")
        || name.starts_with("pagefind-modular-ui.")
        || name.starts_with("pagefind-component-ui.")
        || name == "pagefind-highlight.js"
        || name.starts_with("playground/"))
}

/// Feeds the records to Pagefind and returns its files as (output path, bytes), sorted.
fn build(records: &[Record], language: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("cannot start the indexer: {e}"))?;
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .force_language(language.to_string())
            .keep_index_url(true)
            .build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        for r in records {
            let meta = BTreeMap::from([
                ("title".to_string(), r.title.clone()),
                ("context".to_string(), r.context.clone()),
            ]);
            index
                .add_custom_record(
                    r.url.clone(),
                    r.text.clone(),
                    language.to_string(),
                    Some(meta),
                    Some(r.filters.clone()),
                    None,
                )
                .await
                .map_err(|e| format!("{}: {e}", r.url))?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        let mut out: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .filter_map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                wanted(&name).then(|| (format!("{DIR}/{name}"), f.contents))
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok::<Vec<(String, Vec<u8>)>, String>(out)
    })
}

mod cache {
    //! The index of the last build, kept in one file: `search/index.bin` in the edition's
    //! cache folder. It holds the key, then each file as its path and bytes. A file that
    //! is missing, damaged or made for other records is not used.

    // The search cache keeps the last index between builds: it may touch the disk, like
    // the pack cache (see clippy.toml).
    #![allow(clippy::disallowed_methods)]

    use std::path::Path;

    const MAGIC: &[u8] = b"quire-search-cache-v1\n";
    const FILE: &str = "index.bin";

    pub fn load(dir: &Path, key: &str) -> Option<Vec<(String, Vec<u8>)>> {
        let bytes = std::fs::read(dir.join(FILE)).ok()?;
        let mut rest = bytes.strip_prefix(MAGIC)?;
        let stored = take(&mut rest)?;
        if stored != key.as_bytes() {
            return None;
        }
        let mut files = Vec::new();
        while !rest.is_empty() {
            let path = String::from_utf8(take(&mut rest)?.to_vec()).ok()?;
            let contents = take(&mut rest)?.to_vec();
            files.push((path, contents));
        }
        Some(files)
    }

    fn take<'a>(rest: &mut &'a [u8]) -> Option<&'a [u8]> {
        let (len, tail) = rest.split_first_chunk::<8>()?;
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        if tail.len() < len {
            return None;
        }
        let (field, tail) = tail.split_at(len);
        *rest = tail;
        Some(field)
    }

    /// Saves the index. Failing to write the cache never fails the build.
    pub fn store(dir: &Path, key: &str, files: &[(String, Vec<u8>)]) {
        let mut out = Vec::with_capacity(files.iter().map(|f| f.0.len() + f.1.len() + 16).sum());
        out.extend_from_slice(MAGIC);
        let mut put = |b: &[u8]| {
            out.extend_from_slice(&(b.len() as u64).to_le_bytes());
            out.extend_from_slice(b);
        };
        put(key.as_bytes());
        for (path, contents) in files {
            put(path.as_bytes());
            put(contents);
        }
        let _ = (|| -> std::io::Result<()> {
            std::fs::create_dir_all(dir)?;
            let tmp = dir.join(format!("{FILE}.tmp-{}", std::process::id()));
            std::fs::write(&tmp, &out)?;
            std::fs::rename(&tmp, dir.join(FILE))
        })();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(url: &str, text: &str) -> Record {
        Record {
            url: url.into(),
            title: format!("Title of {url}"),
            context: "Report, Cabinet, Wednesday 13 October 2021".into(),
            text: text.into(),
            filters: BTreeMap::from([(KIND.to_string(), vec!["Report".to_string()])]),
        }
    }

    #[test]
    fn the_same_records_give_the_same_files() {
        let records: Vec<Record> = (0..40)
            .map(|i| {
                record(
                    &format!("/r/{i}/"),
                    &format!("The depot at Mill Lane, plot {i}"),
                )
            })
            .collect();
        let a = build(&records, "en").unwrap();
        let b = build(&records, "en").unwrap();
        assert_eq!(a, b);
        let paths: Vec<&str> = a.iter().map(|f| f.0.as_str()).collect();
        for f in FILES {
            assert!(paths.contains(&f), "{f} missing from {paths:?}");
        }
        assert!(paths.iter().any(|p| p.starts_with("pagefind/fragment/")));
        assert!(
            paths
                .iter()
                .all(|p| FILES.contains(p) || is_named_by_index(p))
        );
        assert!(!paths.iter().any(|p| p.contains("-ui.")), "{paths:?}");
    }

    #[test]
    fn the_key_sees_every_field() {
        let base = vec![record("/a/", "one two")];
        let k = key(&base, "en");
        let mut changed = base.clone();
        changed[0].text.push('!');
        assert_ne!(key(&changed, "en"), k);
        let mut changed = base.clone();
        changed[0]
            .filters
            .insert(YEAR.to_string(), vec!["2021".to_string()]);
        assert_ne!(key(&changed, "en"), k);
        assert_ne!(key(&base, "cy"), k);
        assert_eq!(key(&base, "en"), k);
    }

    #[test]
    // The test damages a cache file on disk.
    #[allow(clippy::disallowed_methods)]
    fn a_cached_index_is_used_only_for_its_own_key() {
        let dir = std::env::temp_dir().join(format!("quire-search-cache-{}", std::process::id()));
        let files = vec![
            ("pagefind/a".to_string(), b"one".to_vec()),
            ("pagefind/b".to_string(), Vec::new()),
        ];
        cache::store(&dir, "k1", &files);
        assert_eq!(cache::load(&dir, "k1"), Some(files));
        assert_eq!(cache::load(&dir, "k2"), None);
        // A damaged file is not used.
        let p = dir.join("index.bin");
        let mut bytes = std::fs::read(&p).unwrap();
        bytes.truncate(bytes.len() - 2);
        std::fs::write(&p, bytes).unwrap();
        assert_eq!(cache::load(&dir, "k1"), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
