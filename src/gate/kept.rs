//! The leak gate's preparation, kept between builds.
//!
//! Preparing the gate reads every text of the library: it turns the withheld ones into
//! phrases and looks for each phrase in every public one (see [`super::keep_distinctive`]).
//! At a council's scale that is a quarter of a second to more than half a second of
//! every build, though most builds change nothing the gate reads. What it makes depends
//! only on the library, the build date and quire itself, so it is kept in
//! `.quire-cache/public/gate.json` under a [`key`] of those, and a build whose key is
//! the same uses it again. The automaton of phrases is not kept (it cannot be written
//! down): it is made when the first file has to be scanned, which in a rebuild that
//! changed nothing is never.
//!
//! What the key covers is everything the library is made from ([`Sources::print`]):
//! `site.toml`, the path and words of every text file, the path and size of every other
//! file. The gate also reads the bytes of withheld files, and the words of those that
//! have any (PDFs, Word and Excel files, text). Those are listed, with their
//! SHA-256, in what is kept, and it is used only if every one is as it was.
//!
//! Anything wrong with the kept file (missing, damaged, another key, a file that
//! changed) means the gate is prepared afresh: it is never an error, and never trusted
//! in part.
//!
//! [`Sources::print`]: crate::load::Sources::print

// The gate keeps its preparation between builds: it may touch the disk (see
// clippy.toml).
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};

use crate::digest::Fields;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::inventory::Why;
use super::{Phrase, Read, Unit, WithheldFiles};

/// Bump when what is kept, or how it is read, changes.
const FORMAT: &str = "quire-gate-kept-5";

/// Where a build keeps the gate's preparation, and what its library was made from.
#[derive(Debug, Clone)]
pub struct Keep {
    /// `.quire-cache/public/gate.json`.
    pub file: PathBuf,
    /// [`crate::load::Sources::print`] of the build's sources.
    pub sources: [u8; 32],
}

/// The gate's preparation, without its automaton, and with only what scanning and its
/// messages use: the phrases looked for, and the units they (and the withheld files)
/// name. At 50,000 documents the public units alone would be most of the file.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Prepared {
    /// Each unit a message may name: its file, line and why it is withheld.
    units: Vec<(PathBuf, Option<usize>, Option<Why>, bool)>,
    /// Each phrase looked for: its words, its unit, a public unit that has it too,
    /// whether it is a title, the folders it is looked for in (`None`: everywhere), and
    /// whether only in addresses.
    phrases: Vec<KeptPhrase>,
    /// The withheld files: size, SHA-256, unit, path under `content/`.
    files: Vec<(u64, [u8; 32], usize, PathBuf)>,
    names: Vec<(String, usize)>,
    /// The gate's fingerprint, as hexadecimal.
    print: String,
    /// Every file other than a text source whose bytes the preparation read, under
    /// `content/`, with its size and SHA-256 (none if it could not be read).
    read: Vec<Read>,
    /// Withheld files the gate could not read whole, and why.
    unread: Vec<(PathBuf, String)>,
}

/// A phrase as kept: see [`Prepared::phrases`].
type KeptPhrase = (
    String,
    usize,
    Option<usize>,
    bool,
    Option<Vec<String>>,
    bool,
);

/// What a kept preparation gives back, for [`Gate::kept`](super::Gate::kept).
pub(super) struct Parts {
    pub units: Vec<Unit>,
    pub phrases: Vec<Phrase>,
    pub files: WithheldFiles,
    pub names: std::collections::HashMap<String, usize>,
    pub print: u128,
    pub unread: Vec<(PathBuf, String)>,
}

impl Prepared {
    /// What to keep of a gate just prepared, and the files it read.
    pub fn of(gate: &super::Gate, read: Vec<Read>) -> Prepared {
        // The units named, renumbered in their order: messages come out in that order.
        let searched = gate.phrases.iter().filter(|p| p.search);
        let mut named: Vec<usize> = (searched.clone())
            .flat_map(|p| std::iter::once(p.unit).chain(p.public))
            .chain(gate.files.values().flatten().map(|f| f.1))
            .chain(gate.names.values().copied())
            .collect();
        named.sort_unstable();
        named.dedup();
        // Every unit looked up here is in `named`, which was made from the same lists.
        let number = |u: usize| named.binary_search(&u).unwrap_or_default();
        let units = (named.iter())
            .map(|&u| &gate.units[u])
            .map(|u| (u.file.clone(), u.line, u.withheld.clone(), u.whole_minutes))
            .collect();
        // A phrase not looked for is never reported: its matches are passed over.
        let phrases = searched
            .map(|p| {
                (
                    p.words.clone(),
                    number(p.unit),
                    p.public.map(number),
                    p.title,
                    p.scope.clone(),
                    p.address_only,
                )
            })
            .collect();
        let files = (files_list(&gate.files).into_iter())
            .map(|(size, hash, unit, path)| (size, hash, number(unit), path))
            .collect();
        let mut names: Vec<(String, usize)> = (gate.names.iter())
            .map(|(n, u)| (n.clone(), number(*u)))
            .collect();
        names.sort();
        Prepared {
            units,
            phrases,
            files,
            names,
            print: format!("{:032x}", gate.print),
            read,
            unread: gate.unread.clone(),
        }
    }

    /// The gate's parts, or none if the fingerprint is damaged.
    pub fn into_parts(self) -> Option<Parts> {
        let print = u128::from_str_radix(&self.print, 16).ok()?;
        let units = (self.units.into_iter())
            .map(|(file, line, withheld, whole_minutes)| Unit {
                file,
                line,
                withheld,
                whole_minutes,
                meeting: None,
                day: None,
                text: String::new(),
                tree: None,
                title: false,
                summarised_by: None,
                titled_by: Vec::new(),
            })
            .collect::<Vec<Unit>>();
        let known = |u: usize| u < units.len();
        let phrases: Vec<Phrase> = (self.phrases.into_iter())
            .map(|(words, unit, public, title, scope, address_only)| Phrase {
                words,
                unit,
                owners: vec![unit],
                public,
                title,
                // Used only while the gate is prepared, which the kept file replaces.
                hidden: false,
                search: true,
                probes: Vec::new(),
                scope,
                address_only,
            })
            .collect();
        let sound = phrases
            .iter()
            .all(|p| known(p.unit) && p.public.is_none_or(known))
            && self.files.iter().all(|f| known(f.2))
            && self.names.iter().all(|n| known(n.1));
        sound.then(|| Parts {
            phrases,
            files: files_map(self.files),
            names: self.names.into_iter().collect(),
            print,
            units,
            unread: self.unread,
        })
    }
}

#[derive(Serialize, Deserialize)]
struct File {
    key: String,
    prepared: Prepared,
}

/// The key of a preparation: the code of this quire, the build date, the site's root
/// and everything its library is made from.
pub fn key(keep: &Keep, root: &Path, as_of: time::Date) -> String {
    let (date, root) = (as_of.to_string(), root.to_string_lossy());
    let mut h = Fields::new();
    h.field(FORMAT.as_bytes())
        .field(env!("QUIRE_SOURCE_HASH").as_bytes())
        .field(date.as_bytes())
        .field(root.as_bytes())
        .field(&keep.sources);
    h.hex()
}

/// The kept preparation, if there is one for this key and every file it read is as it
/// was.
pub(super) fn load(keep: &Keep, key: &str, content: &Path) -> Option<Prepared> {
    let bytes = std::fs::read(&keep.file).ok()?;
    let file: File = serde_json::from_slice(&bytes).ok()?;
    if file.key != key {
        return None;
    }
    let unchanged = (file.prepared.read.par_iter())
        .all(|(path, print)| super::fingerprint(&content.join(path)) == *print);
    unchanged.then_some(file.prepared)
}

/// Keeps a preparation for the next build. Best effort: a build that cannot keep it
/// prepares the gate again next time.
pub(super) fn store(keep: &Keep, key: &str, prepared: Prepared) {
    let file = File {
        key: key.to_string(),
        prepared,
    };
    let Ok(json) = serde_json::to_vec(&file) else {
        return;
    };
    let Some(dir) = keep.file.parent() else {
        return;
    };
    // Written beside and renamed over, so a build never reads half a file.
    let tmp = dir.join(format!(".gate.json.tmp-{}", std::process::id()));
    let kept = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&tmp, json))
        .and_then(|()| std::fs::rename(&tmp, &keep.file));
    if kept.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// The withheld files as a list, in a fixed order.
fn files_list(files: &WithheldFiles) -> Vec<(u64, [u8; 32], usize, PathBuf)> {
    let mut list: Vec<(u64, [u8; 32], usize, PathBuf)> = files
        .iter()
        .flat_map(|(size, same)| {
            same.iter()
                .map(move |(hash, unit, path)| (*size, *hash, *unit, path.clone()))
        })
        .collect();
    list.sort();
    list
}

/// The withheld files, by size, from their list.
fn files_map(list: Vec<(u64, [u8; 32], usize, PathBuf)>) -> WithheldFiles {
    let mut files = WithheldFiles::new();
    for (size, hash, unit, path) in list {
        files.entry(size).or_default().push((hash, unit, path));
    }
    files
}
