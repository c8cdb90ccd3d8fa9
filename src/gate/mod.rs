//! The leak gate: a second, independent check that no withheld words, titles or files
//! reach the public edition.
//!
//! [`crate::redact`] decides what the public sees, and is the first line of defence. The
//! gate does not ask it anything. Before a public build writes a byte, the gate reads the
//! library by its own simpler rules ([`inventory`]), turns every withheld text into
//! distinctive phrases, and scans every artefact the build is about to write for them:
//! the text a reader sees in each page, the addresses and attributes in it, feeds, the
//! calendar, every JSON file (the search index and redaction records included), the text
//! of every pack page and its metadata, every file name, and the bytes of every copied
//! file. A hit stops the build; the message names the withheld source and the artefact,
//! never the words.
//!
//! # Phrases
//!
//! An exempt text becomes phrases of [`PHRASE`] words (a draft or unpublished one, of
//! [`LONG_PHRASE`] words), one starting every [`STEP`] words, so any run of
//! `PHRASE + STEP - 1` words copied from it is caught; a withheld text shorter than a
//! phrase is one phrase of its own, if it has [`MIN_WORDS`] words. Titles
//! withheld by `public_title` (and titles of withheld papers) are phrases too, unless the
//! public sees the same title elsewhere; a title hidden by `public_title` of three words
//! is looked for in its own meeting's pages and its committee's next meeting's only (see
//! [`SCOPED_MIN_WORDS`]). A title a public paper's own `public_title` hides is looked for
//! in the addresses of its own meeting's folders only (see [`Phrase::address_only`]).
//!
//! Papers share wording that is not secret: "the minutes of the meeting were agreed as a
//! correct record", a report template's headings, a recommendation the minutes repeat.
//! So a phrase is not looked for when:
//! - public text dated before the withheld text already contains it (for a draft or an
//!   unpublished paper, public text of its own meeting too: minutes repeat their agenda),
//!   or quire's own wording does (the statutory notice, the categories of Schedule 12A);
//! - an officer has listed a passage holding it under `allow` in `[leak_gate]`.
//!
//! How many texts share a phrase is deliberately not a reason to drop it: the copies of a
//! leak would count towards it, and a matter exempt at several meetings would lose its
//! protection. Nor is a short paragraph ("Preferred bidder: Zorblax Holdings.") excused
//! for being short: a template line ("Cabinet is recommended to:") is in earlier public
//! papers in any real archive, and a new site lists its first few under `allow`.
//!
//! A public paper that quotes a withheld one is still caught: the same words, in a public
//! text of the same meeting or later, are the leak this gate exists to stop.

pub mod attachment;
mod inventory;
pub mod kept;
mod office;
pub mod pdfcache;
#[cfg(test)]
mod tests;
pub mod words;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::diag::Diagnostic;
use crate::model::Library;
use crate::render::{Artefact, Contents};
use inventory::{Inventory, Unit, Why};
pub use kept::Keep;
pub use pdfcache::PdfTexts;

/// Words in a phrase of exempt text: long enough that ordinary prose does not repeat it
/// by chance, short enough to catch a sentence with a price or a name in it.
pub const PHRASE: usize = 8;
/// Words in a phrase of a draft or unpublished paper. Their secrecy lasts only until
/// publication, and minutes are written in the same words meeting after meeting, so only
/// a copied passage of a sentence or more counts.
pub const LONG_PHRASE: usize = 24;
/// A phrase starts every `STEP` words of a withheld text.
pub const STEP: usize = 4;
/// A withheld text (or title) shorter than a phrase is looked for whole if it has at
/// least this many words; shorter ones are too common to be told apart.
pub const MIN_WORDS: usize = 4;
/// A title an officer hid behind a public title, too short to be looked for everywhere,
/// is looked for in its own meeting's pages (its folder, the pack included, and its
/// decisions') and its committee's next meeting's, if it has at least this many words:
/// there it is the leak redaction exists to stop ("2 Quokkaplex grievance appeal" typed
/// into the minutes' text, or in a bold line, a lower heading, a decision's reasons, the
/// next meeting's matters arising), and those papers use its public title instead. Not
/// two: "Contract award" or "Staffing matters" is ordinary wording in the same meeting's
/// public reports (red-team round 18).
pub const SCOPED_MIN_WORDS: usize = 3;
/// The same for a paragraph of a draft or unpublished paper: a sentence of its own.
pub const LONG_MIN_WORDS: usize = 12;

/// The gate for one public build.
pub struct Gate {
    root: PathBuf,
    units: Vec<Unit>,
    /// The owner unit of each phrase looked for, and a public source that has it too.
    phrases: Vec<Phrase>,
    /// The automaton of every phrase: made with the phrases, or, for a gate kept from
    /// an earlier build, when the first file is scanned (see [`Gate::matcher`]).
    matcher: OnceLock<Result<Option<AhoCorasick>, Diagnostic>>,
    /// Withheld files by size, then SHA-256, for comparing copied files.
    files: WithheldFiles,
    /// Lower-case names of files only withheld papers show.
    names: HashMap<String, usize>,
    /// Whether the files scanned are already published (`quire audit`), not about to be.
    published: bool,
    /// The text of PDF appendices.
    texts: PdfTexts,
    /// What this gate looks for, as one number: see [`Gate::fingerprint`].
    print: u128,
    /// The settings of site.toml that pages show (see [`shown_settings`]), for messages.
    settings: Vec<(&'static str, String)>,
    /// Withheld files the gate could not read whole, and why: words it did not read it
    /// cannot look for, so every verdict warns of them.
    unread: Vec<(PathBuf, String)>,
    /// The withheld pictures by their size: see [`Gate::pictures`].
    pictures: OnceLock<HashMap<(u32, u32), Vec<WithheldPicture>>>,
}

/// A picture's width and height, and the SHA-256 of its pixels.
type Pixels = ((u32, u32), [u8; 32]);

/// A withheld picture, and its pixels once a public picture of its size needed them.
#[derive(Debug)]
struct WithheldPicture {
    unit: usize,
    key: PathBuf,
    pixels: OnceLock<Option<Pixels>>,
}

impl WithheldPicture {
    /// Its pixels' hash, decoded once however many public pictures share its size.
    fn pixels(&self, root: &Path) -> Option<Pixels> {
        *self.pixels.get_or_init(|| {
            let path = root.join(crate::layout::CONTENT_DIR).join(&self.key);
            crate::load::read_bytes(&path).ok().and_then(|b| pixels(&b))
        })
    }
}

/// The most words a setting of site.toml may have for the phrases inside it not to be
/// looked for: a name ("The Borough Council of King's Lynn and West Norfolk", quoted in
/// an exempt report, is no secret), not a passage. A longer setting excuses only a
/// withheld passage equal to it whole.
const SETTING_WORDS: usize = 12;

/// The settings of site.toml that pages show, by key, in normal form. They are public
/// from the start, but their words never excuse a withheld paper's: words pasted into
/// the site's title from an exempt report would be on every page. A withheld passage
/// that is a whole setting (the council's name as a report's signature line), or part of
/// a short one, is no secret, and is not looked for.
fn shown_settings(config: &crate::config::Config) -> Vec<(&'static str, String)> {
    let settings = [
        ("title", Some(&config.title)),
        ("council", Some(&config.council)),
        (
            "accessibility_contact",
            config.accessibility_contact.as_ref(),
        ),
        ("phone", config.phone.as_ref()),
    ];
    (settings.into_iter())
        .filter_map(|(key, value)| Some((key, words::normal(value?))))
        .collect()
}

/// Withheld files by size: each one's SHA-256, the unit that withholds it, its path.
type WithheldFiles = HashMap<u64, Vec<([u8; 32], usize, PathBuf)>>;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Phrase {
    words: String,
    /// The withheld text messages name: the first read that has these words, or the
    /// one a public text would leak (see [`keep_distinctive`]).
    unit: usize,
    /// Every withheld text that has these words, `unit` first. Public text excuses a
    /// phrase only if it excuses it for every one of them: another withheld paper
    /// repeating the words (a later exempt item, a draft) must not lend its own dates.
    owners: Vec<usize>,
    /// A public text holding the same words: the likely place of the leak.
    public: Option<usize>,
    title: bool,
    /// A title the officer hid behind a public title, or one inside an exempt item: no
    /// other title of the same meeting may repeat it (see [`predates`]).
    hidden: bool,
    /// Whether to look for it in artefacts: not a probe (which is only counted), and
    /// distinctive (see [`keep_distinctive`]). Matches of the others are ignored.
    search: bool,
    /// For a long phrase: the ordinary-length phrases inside it.
    probes: Vec<usize>,
    /// The folders of the site it is looked for in (a short hidden title: its meetings');
    /// `None`, everywhere.
    #[serde(default)]
    scope: Option<Vec<String>>,
    /// Looked for only in addresses (see [`Gate::name_hits`]): a title a public paper's
    /// own `public_title` hides, which its text and other papers may repeat.
    #[serde(default)]
    address_only: bool,
}

impl Phrase {
    /// A phrase of one withheld text, looked for everywhere in text and addresses.
    fn new(words: String, unit: usize, title: bool, search: bool) -> Phrase {
        Phrase {
            words,
            unit,
            owners: vec![unit],
            public: None,
            title,
            hidden: false,
            search,
            probes: Vec::new(),
            scope: None,
            address_only: false,
        }
    }
}

/// What the gate did, for the build's timings, and what it could not check.
#[derive(Debug, Default)]
pub struct Stats {
    pub phrases: usize,
    pub bytes: u64,
    pub files: usize,
    /// PDF appendices whose text could not be read.
    pub warnings: Vec<Diagnostic>,
}

/// What was found in one file.
#[derive(Debug)]
pub struct Scanned {
    path: String,
    hits: Vec<Hit>,
    bytes: u64,
    warning: Option<Diagnostic>,
}

#[cfg(test)]
impl Gate {
    /// A gate that looks for these phrases (normalised: " alpha beta gamma delta ")
    /// and nothing else, for tests of what passes it.
    pub(crate) fn looking_for(phrases: &[&str]) -> Gate {
        tests::gate_of(phrases.iter().map(|p| tests::phrase(p, true)).collect())
    }
}

impl Scanned {
    /// Whether the gate found anything, or could not read something: the build keeps
    /// only these until the verdict.
    pub fn has_findings(&self) -> bool {
        !self.hits.is_empty() || self.warning.is_some()
    }

    /// Whether the gate found something withheld in the file: the build will be refused.
    pub fn has_hits(&self) -> bool {
        !self.hits.is_empty()
    }
}

/// Where a withheld thing turned up.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Hit {
    Phrase(usize),
    /// A phrase in the file's own address: a page's address is made from a file name.
    Address(usize),
    Name(usize),
    Bytes(usize, PathBuf),
    /// A file whose text the gate was not given or could not read whole (a PDF, a zip,
    /// a gzip file), with why if known: it cannot vouch for it.
    Unread(Option<String>),
    /// The automaton of phrases could not be made, so nothing was looked for.
    Unprepared,
    /// An office document holding what its reader does not see but anyone who opens
    /// the file can (tracked changes, comments): what, and its source under `content/`.
    Hidden(Vec<&'static str>, Option<PathBuf>),
    /// A file that carries the words quire marks its members' edition with: any file of
    /// that edition (a page, pack, feed, JSON record, spreadsheet, search fragment,
    /// robots.txt), copied into the theme or the content.
    Members,
}

/// The words, in the gate's normal form, that only the members' edition prints: the
/// banner of each page, the first line of its robots.txt and the marking of its data
/// files ("Members' edition: NOT FOR PUBLICATION", see `Edition::marking`), and the
/// cover of each pack ("Members' pack. Items marked NOT FOR PUBLICATION ..."). A copy
/// of such a file put where the public build copies files from may hold withheld matter
/// too short for the phrases to find (a two-word title).
const MEMBERS_MARKS: [&str; 2] = [
    " members edition not for publication ",
    " members pack items marked not for publication ",
];

impl Gate {
    /// Reads the library and prepares the phrases, before anything is rendered.
    pub fn new(lib: &Library, as_of: time::Date, texts: PdfTexts) -> Result<Gate, Diagnostic> {
        Gate::prepare(lib, as_of, texts).map(|(gate, _)| gate)
    }

    /// The same gate as [`Gate::new`], kept between builds: taken from `keep` when the
    /// library is made from the same files, by the same quire, for the same date, and
    /// otherwise prepared and kept there (see [`kept`]).
    pub fn kept(
        lib: &Library,
        as_of: time::Date,
        texts: PdfTexts,
        keep: &Keep,
    ) -> Result<Gate, Diagnostic> {
        let key = kept::key(keep, &lib.root, as_of);
        let parts = kept::load(keep, &key, &lib.content).and_then(|p| p.into_parts());
        if let Some(p) = parts.filter(|p| p.print == fingerprint_of(&p.phrases, &p.names, &p.files))
        {
            return Ok(Gate {
                root: lib.root.clone(),
                units: p.units,
                phrases: p.phrases,
                matcher: OnceLock::new(),
                files: p.files,
                names: p.names,
                published: false,
                texts,
                print: p.print,
                settings: shown_settings(&lib.config),
                unread: p.unread,
                pictures: OnceLock::new(),
            });
        }
        let (gate, read) = Gate::prepare(lib, as_of, texts)?;
        kept::store(keep, &key, kept::Prepared::of(&gate, read));
        Ok(gate)
    }

    /// The gate, and every file other than a text source whose bytes it read (under
    /// `content/`, with size and SHA-256).
    fn prepare(
        lib: &Library,
        as_of: time::Date,
        texts: PdfTexts,
    ) -> Result<(Gate, Vec<Read>), Diagnostic> {
        let mut inv = inventory::of(lib, as_of);
        let allowed_files: HashSet<&PathBuf> = lib.config.gate_allow_files.iter().collect();
        // Each withheld file is read and hashed once. A public copy of one is refused even
        // when it belongs to an earlier meeting: the gate cannot tell a file published
        // back then from an exempt one saved into an old meeting's folder today. The
        // officer says which it is, in allow_files.
        let prints: Vec<Option<Print>> = inv
            .files
            .iter()
            .map(|f| fingerprint(&lib.content.join(&f.key)))
            .collect();
        let mut read: Vec<Read> = (inv.files.iter())
            .map(|f| f.key.clone())
            .zip(prints.iter().copied())
            .collect();
        let unread = withheld_file_texts(&mut inv, lib, &allowed_files, &texts);
        let allow: Vec<String> = lib
            .config
            .gate_allow
            .iter()
            .map(|a| words::normal(a))
            .collect();
        let settings = shown_settings(&lib.config);
        let whole: Vec<&str> = settings.iter().map(|(_, s)| s.as_str()).collect();
        let mut phrases = candidates(&inv, &allow, &whole);
        // One automaton of every candidate both chooses the phrases and scans for them:
        // building it is most of the gate's preparation in an archive with many exempt
        // papers.
        let matcher = build_matcher(&phrases)?;
        if let Some(all) = &matcher {
            keep_distinctive(&inv.units, &mut phrases, all);
        }
        let matcher = OnceLock::from(Ok(matcher));
        let mut files: WithheldFiles = HashMap::new();
        let mut names = HashMap::new();
        for (f, print) in inv.files.iter().zip(&prints) {
            if allowed_files.contains(&f.key) {
                continue;
            }
            let likenesses = match print {
                Some(_) => likeness_prints(&lib.content.join(&f.key)),
                None => Vec::new(),
            };
            for (size, hash) in print.iter().chain(&likenesses) {
                files
                    .entry(*size)
                    .or_default()
                    .push((*hash, f.unit, f.key.clone()));
            }
            if let Some(name) = f.key.file_name() {
                let name = name.to_string_lossy().to_lowercase();
                if !inv.public_names.contains(&name) {
                    names.entry(name).or_insert(f.unit);
                }
            }
        }
        let print = fingerprint_of(&phrases, &names, &files);
        // The texts were needed only to choose the phrases: messages name a unit's file
        // and line. At a council's scale they are a few hundred megabytes.
        let mut units = inv.units;
        for u in &mut units {
            u.text = String::new();
            u.tree = None;
        }
        let gate = Gate {
            root: lib.root.clone(),
            units,
            phrases,
            matcher,
            files,
            names,
            published: false,
            texts,
            print,
            settings,
            unread,
            pictures: OnceLock::new(),
        };
        read.sort();
        read.dedup();
        Ok((gate, read))
    }

    /// A hash of everything the gate looks for in a file's bytes and path: its phrases,
    /// withheld file names and withheld files, and the gate's own version. A file the
    /// gate found clean is clean again under the same fingerprint, so a rebuild need not
    /// scan a page whose bytes a build with this fingerprint already wrote.
    pub fn fingerprint(&self) -> u128 {
        self.print
    }

    /// The gate for a site already written: messages say what is published, not what
    /// would be.
    pub fn for_published(self) -> Gate {
        Gate {
            published: true,
            ..self
        }
    }

    /// Scans what a build is about to write. `packs` holds the text of every pack, by its
    /// path: the text of its pages and its metadata. Returns every leak found.
    pub fn check(
        &self,
        artefacts: &[Artefact],
        packs: &BTreeMap<String, String>,
    ) -> Result<Stats, Vec<Diagnostic>> {
        let laid_out: HashSet<&str> = artefacts.iter().map(|a| a.path.as_str()).collect();
        let scanned: Vec<Scanned> = artefacts
            .par_iter()
            .map(|a| self.scan(a, packs.get(&a.path).map(String::as_str)))
            // A preview lays out no packs: what typst would lay out is scanned instead.
            .chain(
                packs
                    .par_iter()
                    .filter(|(path, _)| !laid_out.contains(path.as_str()))
                    .map(|(path, text)| self.pack_text(path, text)),
            )
            .collect();
        self.verdict(scanned)
    }

    /// Scans one artefact a build is about to write; `pack_text` is the text of a pack's
    /// pages and metadata. A build streams its artefacts through here one at a time and
    /// keeps only what was found, then asks [`Gate::verdict`].
    pub fn scan(&self, a: &Artefact, pack_text: Option<&str>) -> Scanned {
        // A file of the theme's static/ folder is whatever the site put there (a leaflet,
        // a plan, a copy of an exempt appendix by mistake), not a page quire made: it is
        // read as `quire audit` reads a published file, for its bytes, its words and any
        // hidden matter, and a PDF for its pages.
        if let Contents::Bytes(b) = &a.contents
            && crate::render::html::is_static(&a.path)
        {
            return self.scan_theme_file(&a.path, b);
        }
        let mut hits = self.name_hits(&a.path);
        let mut bytes = 0;
        let mut warning = None;
        match &a.contents {
            Contents::Bytes(_) | Contents::Kept(_) if a.path.ends_with(".pdf") => {
                // A pack: the gate reads the text typst laid out, which it must be given.
                match pack_text {
                    Some(text) => self.phrases_in(&words::normal(text), &mut hits),
                    None => hits.push(Hit::Unread(None)),
                }
                bytes = pack_text.map_or(0, |t| t.len() as u64);
            }
            Contents::Bytes(b) => {
                for text in words::readable(&a.path, b) {
                    self.phrases_in(&text, &mut hits);
                }
                // Markup an officer pasted into a report is shown as text, a `data:`
                // address and all.
                self.data_files(b, &mut hits);
                bytes = b.len() as u64;
            }
            Contents::Kept(_) => hits.push(Hit::Unread(None)),
            Contents::Copy(handle) => {
                let path = handle.content_path();
                let ext = handle.extension();
                if attachment::has_words(&ext) {
                    // A spreadsheet or a Word file may hold withheld words as easily as a
                    // report: it is read whole, for its bytes and its words.
                    warning = self.copied_words(&a.path, path, &ext, &mut hits);
                } else if crate::scrub::is_image(&ext) && !self.files.is_empty() {
                    // A picture is read whole: a withheld photo with other metadata, or
                    // none, is the same picture, and is published cleaned as it would be.
                    if let Ok(bytes) = crate::load::read_bytes(path) {
                        self.same_file(&bytes, &mut hits);
                    }
                    let published = handle.read().ok();
                    let len = published.as_ref().map_or(0, |b| b.len() as u64);
                    self.same_bytes(len, || published, &mut hits);
                } else if let Some(facts) = crate::load::file_facts(path) {
                    self.same_bytes(
                        facts.bytes,
                        || crate::load::read_bytes(path).ok(),
                        &mut hits,
                    );
                }
                // A PDF appendix may hold withheld words: an exempt report printed to PDF.
                if ext == "pdf" {
                    let read = self.texts.text(path, true);
                    self.raw_words(
                        read.as_ref().ok(),
                        || crate::load::read_bytes(path).ok(),
                        &mut hits,
                    );
                    match read {
                        Ok(read) => {
                            self.words_in(&words::normal(&read.text), &mut hits);
                            self.files_held(&read, &mut hits);
                            warning =
                                (read.unread).map(|why| partly_unread_appendix(&a.path, &why));
                        }
                        Err(e) => warning = Some(unread_appendix(&a.path, &e)),
                    }
                }
            }
        }
        self.keep_in_scope(&a.path, &mut hits);
        Scanned {
            path: a.path.clone(),
            hits,
            bytes,
            warning,
        }
    }

    /// Drops the hits of phrases not looked for in this file (see [`Phrase::scope`]).
    fn keep_in_scope(&self, path: &str, hits: &mut Vec<Hit>) {
        hits.retain(|h| match h {
            Hit::Phrase(p) | Hit::Address(p) => (self.phrases[*p].scope.as_ref())
                .is_none_or(|folders| folders.iter().any(|f| path.starts_with(f.as_str()))),
            _ => true,
        });
    }

    /// Scans a copied attachment other than a PDF for the bytes of a withheld file and
    /// for withheld words. Returns a warning if its words could not be read.
    fn copied_words(
        &self,
        out: &str,
        path: &Path,
        ext: &str,
        hits: &mut Vec<Hit>,
    ) -> Option<Diagnostic> {
        let bytes = match crate::load::read_bytes(path) {
            Ok(bytes) => bytes,
            Err(e) => return Some(unread_appendix(out, &e.to_string())),
        };
        self.same_bytes(bytes.len() as u64, || Some(bytes.clone()), hits);
        let read = attachment::read(ext, &bytes);
        for text in read.scanned() {
            self.words_in(&text, hits);
        }
        // Markup and text are also read as the pages are, attributes and all.
        if !attachment::is_office(ext) {
            for text in words::readable(out, &bytes) {
                self.words_in(&text, hits);
            }
            self.data_files(&bytes, hits);
        }
        // A Word file's pictures, a zip's files: each against the withheld files. A part
        // the gate cannot unpack is warned of, as a file it cannot read is.
        let mut unread = None;
        if office::is_zip(&bytes) {
            let mut inside = Vec::new();
            self.zip_members(&bytes, &mut inside);
            for hit in inside {
                match hit {
                    Hit::Unread(why) => unread = unread.or(why),
                    hit => hits.push(hit),
                }
            }
        }
        if !read.hidden.is_empty() {
            let source = path.strip_prefix(&self.root).ok().map(Path::to_path_buf);
            hits.push(Hit::Hidden(read.hidden.into_iter().collect(), source));
        }
        (read.problem.map(|e| unread_appendix(out, &e)))
            .or_else(|| unread.map(|why| partly_unread_appendix(out, &why)))
    }

    /// The text of a pack that was not laid out.
    fn pack_text(&self, path: &str, text: &str) -> Scanned {
        let mut hits = self.name_hits(path);
        self.phrases_in(&words::normal(text), &mut hits);
        self.keep_in_scope(path, &mut hits);
        Scanned {
            path: path.to_string(),
            hits,
            bytes: text.len() as u64,
            warning: None,
        }
    }

    /// Scans a file of the theme (`static/`, or a picture or PDF of `pdf/` a pack can
    /// place), named by `path`: as [`Gate::scan_file`] does, and a picture for the
    /// pixels of a withheld one (a withheld plan opened and saved again by an image
    /// editor has other bytes but the same pixels).
    pub fn scan_theme_file(&self, path: &str, bytes: &[u8]) -> Scanned {
        let mut scanned = self.scan_file(path, bytes, None);
        // A theme's file named like a withheld one (`logo.png`, a name many files share)
        // is not refused for its name: its bytes, words and pixels decide.
        scanned.hits.retain(|h| !matches!(h, Hit::Name(_)));
        self.same_pixels(bytes, &mut scanned.hits);
        scanned
    }

    /// A withheld picture with the same pixels as the picture `bytes`, if any: only
    /// withheld pictures of the same width and height are decoded. (A picture saved as a
    /// JPEG again has other pixels, and is not found.) Pictures in `content/` that
    /// public papers show are not compared this way: decoding every one of them on every
    /// build would cost far more than the theme's few.
    fn same_pixels(&self, bytes: &[u8], hits: &mut Vec<Hit>) {
        let Some(size) = dimensions(bytes) else {
            return;
        };
        let Some(same_size) = self.pictures().get(&size) else {
            return;
        };
        // Decoded only when a withheld picture has its size.
        let Some(mine) = pixels(bytes) else {
            return;
        };
        for picture in same_size {
            if picture.pixels(&self.root).is_some_and(|p| p == mine) {
                hits.push(Hit::Bytes(picture.unit, picture.key.clone()));
            }
        }
    }

    /// The withheld pictures by width and height, read from their headers the first time
    /// a public picture is compared: a public office file may hold many pictures, and
    /// each was compared with every withheld file.
    fn pictures(&self) -> &HashMap<(u32, u32), Vec<WithheldPicture>> {
        self.pictures.get_or_init(|| {
            let content = self.root.join(crate::layout::CONTENT_DIR);
            // A withheld file is listed once for its bytes and once for each likeness.
            let mut seen = HashSet::new();
            let mut by_size: HashMap<(u32, u32), Vec<WithheldPicture>> = HashMap::new();
            for (_, unit, key) in self.files.values().flatten() {
                if !seen.insert(key) {
                    continue;
                }
                if let Ok(size) = image::image_dimensions(content.join(key)) {
                    by_size.entry(size).or_default().push(WithheldPicture {
                        unit: *unit,
                        key: key.clone(),
                        pixels: OnceLock::new(),
                    });
                }
            }
            by_size
        })
    }

    /// Scans one file of a site already written, for `quire audit`: its name, its words,
    /// its bytes, and for a PDF its words as [`pdf_words`] read them (`None`: not read
    /// yet, so they are read here if the bytes are a PDF).
    pub fn scan_file(&self, path: &str, bytes: &[u8], pdf: Option<&PdfWords>) -> Scanned {
        let mut hits = self.name_hits(path);
        self.contents(path, bytes, pdf, &mut hits);
        // A file compressed whole (`.gz`, `.svgz`) is read once more for what it holds,
        // as the file it unpacks to (one level: a file inside that is not unpacked). The
        // search index's files are read apart, by `words::readable`.
        let ext = extension(path);
        if !ext.starts_with("pf_")
            && ext != "pagefind"
            && let Some((inner, whole)) = words::gunzip(bytes)
        {
            if !whole {
                hits.push(Hit::Unread(Some(format!(
                    "it unpacks to more than {} MB",
                    words::GUNZIP_LIMIT >> 20
                ))));
            }
            let stem = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
            let inner_path = match ext.as_str() {
                "svgz" => format!("{stem}.svg"),
                _ => stem.to_string(),
            };
            self.contents(&inner_path, &inner, None, &mut hits);
        }
        self.keep_in_scope(path, &mut hits);
        Scanned {
            path: path.to_string(),
            hits,
            bytes: bytes.len() as u64,
            warning: None,
        }
    }

    /// The words of a public PDF as a text editor shows them (see
    /// [`crate::pdftext::raw_text`]): from its reading, or from its bytes if the reading
    /// has none (the file could not be read for its text).
    fn raw_words(
        &self,
        read: Option<&PdfRead>,
        bytes: impl FnOnce() -> Option<Vec<u8>>,
        hits: &mut Vec<Hit>,
    ) {
        let raw = match read.and_then(|read| read.raw.as_deref()) {
            Some(raw) => std::borrow::Cow::Borrowed(raw),
            None => match bytes() {
                Some(bytes) => crate::pdftext::raw_text(&bytes).into(),
                None => return,
            },
        };
        self.words_in(&words::normal(&raw), hits);
    }

    /// What the gate finds in a file's bytes, read for what they are: a PDF's text (given
    /// as `pdf_text`), an office file's words and hidden matter, each member of a zip
    /// (a PDF's text, and its bytes against the withheld files), text and markup, and
    /// the bytes themselves against the withheld files.
    fn contents(&self, path: &str, bytes: &[u8], pdf: Option<&PdfWords>, hits: &mut Vec<Hit>) {
        let ext = extension(path);
        // A PDF under another name (none, `.bin`, `.dat`) is read as a PDF all the same.
        let sniffed = (pdf.is_none() && (ext == "pdf" || bytes.starts_with(b"%PDF-")))
            .then(|| pdf_words(bytes, true));
        if let Some(read) = pdf.or(sniffed.as_ref()) {
            self.raw_words(read.as_ref().ok(), || Some(bytes.to_vec()), hits);
            match read {
                Ok(read) => {
                    self.words_in(&words::normal(&read.text), hits);
                    self.files_held(read, hits);
                    if let Some(why) = &read.unread {
                        hits.push(Hit::Unread(Some(why.clone())));
                    }
                }
                // Why, so that the officer knows: a password, a damaged file.
                Err(why) => hits.push(Hit::Unread(Some(why.clone()))),
            }
        } else if attachment::has_words(&ext) || attachment::is_document(bytes) {
            // As a build reads the attachments it copies (a spreadsheet, a text file),
            // and as it reads the pages it makes.
            for text in words::readable(path, bytes) {
                self.words_in(&text, hits);
            }
            let read = attachment::read(&ext, bytes);
            for text in read.scanned() {
                self.words_in(&text, hits);
            }
            if !read.hidden.is_empty() {
                hits.push(Hit::Hidden(read.hidden.into_iter().collect(), None));
            }
            if let Some(why) = read.problem {
                hits.push(Hit::Unread(Some(why)));
            }
        } else {
            for text in words::readable(path, bytes) {
                self.words_in(&text, hits);
            }
        }
        if !attachment::is_document(bytes) && !bytes.starts_with(b"%PDF-") {
            self.data_files(bytes, hits);
        }
        if office::is_zip(bytes) {
            self.zip_members(bytes, hits);
        }
        self.same_file(bytes, hits);
    }

    /// Each member of a zip file: a PDF's text, and its bytes against the withheld files
    /// (a zip of an exempt report printed to PDF, or of a withheld picture, which an
    /// office file's reading does not open; a Word file's pictures are members too), and
    /// a zip inside it the same way, three levels down. At most 256 MB is read in all: a zip
    /// that holds more, or whose members share their bytes (a "zip bomb"), cannot be
    /// vouched for.
    fn zip_members(&self, bytes: &[u8], hits: &mut Vec<Hit>) {
        let mut budget: u64 = 256 << 20;
        if self.members_within(bytes, &mut budget, 4, hits).is_err() {
            hits.push(Hit::Unread(Some("it unpacks to more than 256 MB".into())));
        }
    }

    /// [`Gate::zip_members`] with what is left of its budget, to `depth` levels of zips;
    /// `Err` when the budget runs out.
    fn members_within(
        &self,
        bytes: &[u8],
        budget: &mut u64,
        depth: usize,
        hits: &mut Vec<Hit>,
    ) -> Result<(), ()> {
        use std::io::Read;
        let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
            return Ok(());
        };
        if zip.has_overlapping_files().unwrap_or(true) {
            return Err(());
        }
        for i in 0..zip.len() {
            let Ok(mut member) = zip.by_index(i) else {
                // A member locked with a password, or one whose header is damaged.
                hits.push(Hit::Unread(Some(
                    "a file in it is locked, or packed in a way quire cannot unpack".into(),
                )));
                continue;
            };
            let mut data = Vec::new();
            let read = (&mut member).take(*budget + 1).read_to_end(&mut data);
            *budget = budget.checked_sub(data.len() as u64).ok_or(())?;
            if member.is_dir() {
                continue;
            }
            if read.is_err() {
                // Packed some way this build of the zip crate cannot unpack (bzip2, zstd).
                let why = format!(
                    "a file in it, {}, is packed in a way quire cannot unpack",
                    member.name().unwrap_or_default()
                );
                hits.push(Hit::Unread(Some(why)));
                continue;
            }
            if data.starts_with(b"%PDF-") {
                match pdf_words(&data, false) {
                    Ok(read) => {
                        self.words_in(&words::normal(&read.text), hits);
                        self.files_held(&read, hits);
                        hits.extend(read.unread.map(|why| Hit::Unread(Some(why))));
                    }
                    Err(why) => hits.push(Hit::Unread(Some(why))),
                }
            }
            if depth > 1 && office::is_zip(&data) {
                self.members_within(&data, budget, depth - 1, hits)?;
            }
            self.member_text(&data, hits);
            self.same_file(&data, hits);
            // A picture pasted into a Word file is written again, its pixels the same.
            self.same_pixels(&data, hits);
        }
        Ok(())
    }

    /// What a public office file's part holds that its reading (see
    /// [`attachment::read`]) leaves out, since a withheld file's would refuse public
    /// ones made from the same template: every attribute of its markup (a formula, a
    /// drop-down's choices, a field's code, WordArt, a number format, a style's name),
    /// and a picture's properties. A red-team session (4 December 2026) published an
    /// exempt sentence in each, as Word, Excel and LibreOffice write them.
    fn member_text(&self, data: &[u8], hits: &mut Vec<Hit>) {
        let head = attachment::decode(&data[..data.len().min(64)]);
        if head.trim_start().starts_with('<') {
            let text = attachment::decode(data);
            for reading in words::readable("part.xml", text.as_bytes()) {
                self.words_in(&reading, hits);
            }
        }
        let properties = crate::scrub::metadata_text(data);
        if !properties.is_empty() {
            self.words_in(&words::normal(&properties), hits);
        }
        // A metafile kept compressed (`.emz`, `.wmz`), as Office keeps some (red-team
        // round 18).
        if let Some((inner, _)) = words::gunzip(data) {
            let drawn = crate::scrub::metadata_text(&inner);
            if !drawn.is_empty() {
                self.words_in(&words::normal(&drawn), hits);
            }
        }
    }

    /// Every leak in what was scanned, as messages; or what the scan covered.
    pub fn verdict(&self, scanned: Vec<Scanned>) -> Result<Stats, Vec<Diagnostic>> {
        let mut found: BTreeMap<Hit, BTreeSet<String>> = BTreeMap::new();
        let mut stats = Stats {
            phrases: self.phrases.iter().filter(|p| p.search).count(),
            files: scanned.len(),
            ..Stats::default()
        };
        stats
            .warnings
            .extend(self.unread.iter().map(|(f, why)| unread_withheld(f, why)));
        for s in scanned {
            stats.bytes += s.bytes;
            stats.warnings.extend(s.warning);
            for h in s.hits {
                found.entry(h).or_default().insert(s.path.clone());
            }
        }
        if found.is_empty() {
            return Ok(stats);
        }
        Err(self.report(found))
    }

    /// Withheld words or a withheld file's name in an output path.
    fn name_hits(&self, path: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        self.phrases_read(&words::normal(path), true, &mut hits);
        // A file named `Quokkaplex%20grievance.pdf` is served at an address a browser
        // shows as "Quokkaplex grievance.pdf" (round 24).
        if let Some(shown) = crate::text::percent_unescaped(path) {
            self.phrases_read(&words::normal(&shown), true, &mut hits);
        }
        // `QuokkaplexComplaintFinal.pdf`, `Complaint2021.pdf`: words a file name runs
        // together, told apart by their capitals and figures (round 25).
        if let Some(apart) = words::split_at_capitals(path) {
            self.phrases_read(&words::normal(&apart), true, &mut hits);
        }
        for hit in &mut hits {
            if let Hit::Phrase(p) = *hit {
                *hit = Hit::Address(p);
            }
        }
        if let Some(name) = path.rsplit('/').next()
            && let Some(&unit) = self.names.get(&name.to_lowercase())
        {
            hits.push(Hit::Name(unit));
        }
        hits
    }

    /// A file whose bytes are those of a withheld file, under any name. Only a file of
    /// the same size as a withheld one is read.
    fn same_bytes(&self, len: u64, read: impl FnOnce() -> Option<Vec<u8>>, hits: &mut Vec<Hit>) {
        if !self.files.contains_key(&len) {
            return;
        }
        let Some(bytes) = read() else {
            return;
        };
        self.same_print(&(len, Sha256::digest(&bytes).into()), hits);
    }

    /// A file whose bytes are a withheld file's, as they are or, for a picture, in any
    /// of its likenesses (see [`crate::scrub::likenesses`]): a withheld photo with other
    /// metadata, or none, inside a public Word file or SVG, is found all the same.
    fn same_file(&self, bytes: &[u8], hits: &mut Vec<Hit>) {
        if self.files.is_empty() {
            return;
        }
        for form in crate::scrub::likenesses(bytes) {
            self.same_bytes(form.len() as u64, || Some(form), hits);
        }
        self.same_bytes(bytes.len() as u64, || Some(bytes.to_vec()), hits);
        // A picture wrapped in another file as it was (an object Word embeds).
        for picture in crate::scrub::pictures_within(bytes) {
            if let Some(form) = crate::scrub::essence(picture) {
                self.same_bytes(form.len() as u64, || Some(form), hits);
            }
        }
    }

    /// A withheld file with this size and SHA-256, if any.
    fn same_print(&self, (len, hash): &Print, hits: &mut Vec<Hit>) {
        let Some(same_size) = self.files.get(len) else {
            return;
        };
        hits.extend(
            same_size
                .iter()
                .filter(|(h, _, _)| h == hash)
                .map(|(_, unit, key)| Hit::Bytes(*unit, key.clone())),
        );
    }

    /// What a text's `data:` addresses carry (see [`attachment::data_uris`]), and the
    /// files an e-mail saved as text attaches (see [`attachment::mime_files`]): each is
    /// compared with the withheld files, and an address's that is text is read for
    /// withheld words and for addresses of its own, to a depth of three.
    fn data_files(&self, bytes: &[u8], hits: &mut Vec<Hit>) {
        self.data_files_within(bytes, 3, hits);
    }

    fn data_files_within(&self, bytes: &[u8], depth: usize, hits: &mut Vec<Hit>) {
        // An e-mail saved as text carries its attachments so too.
        for file in attachment::mime_files(bytes) {
            self.same_file(&file, hits);
        }
        for file in attachment::data_uris(bytes) {
            if attachment::looks_like_text(&file) {
                self.words_in(&words::normal(&attachment::decode(&file)), hits);
                if depth > 1 {
                    self.data_files_within(&file, depth - 1, hits);
                }
            }
            self.same_file(&file, hits);
        }
    }

    /// The withheld files a public PDF holds as they were: attached to it, or a photo
    /// placed on a page (a red-team session, 3 December 2026, published an exempt
    /// report's photo both ways, the gate comparing only whole files).
    fn files_held(&self, read: &PdfRead, hits: &mut Vec<Hit>) {
        for print in &read.held {
            self.same_print(print, hits);
        }
    }

    /// Every phrase looked for that `text` holds. The automaton also knows the phrases
    /// not looked for, so every match is reported (overlapping ones too) and theirs are
    /// passed over: a match of one of them can never hide one of a phrase looked for.
    fn phrases_in(&self, text: &str, hits: &mut Vec<Hit>) {
        self.phrases_read(text, false, hits);
    }

    /// [`Gate::phrases_in`] for a text, or for an `address` (which is also looked
    /// through for the phrases looked for only there).
    fn phrases_read(&self, text: &str, address: bool, hits: &mut Vec<Hit>) {
        self.phrases_in_reading(text, address, hits);
        // A footnote's number drawn or written after a word ("quokkaplex1", from
        // "Quokkaplex¹" in a PDF or a Word file: round 20): read again without it.
        if let Some(bare) = words::without_note_numbers(text) {
            self.phrases_in_reading(&bare, address, hits);
        }
    }

    /// The phrases looked for in one reading of a text, as [`Gate::phrases_read`].
    fn phrases_in_reading(&self, text: &str, address: bool, hits: &mut Vec<Hit>) {
        match self.matcher() {
            Ok(Some(m)) => {
                let looked_for = |p: &Phrase| p.search && (address || !p.address_only);
                let found = (m.find_overlapping_iter(text))
                    .map(|m| m.pattern().as_usize())
                    .filter(|&p| looked_for(&self.phrases[p]));
                hits.extend(found.map(Hit::Phrase));
            }
            Ok(None) => {}
            // The gate fails closed: a file it could not look through is not clean.
            Err(_) => hits.push(Hit::Unprepared),
        }
    }

    /// What the text of a file quire did not make holds (a theme's file, a copied one, a
    /// file `quire audit` reads): every phrase looked for, as [`Gate::phrases_in`] finds
    /// them, and the marks of the members' edition.
    fn words_in(&self, text: &str, hits: &mut Vec<Hit>) {
        self.phrases_in(text, hits);
        if MEMBERS_MARKS.iter().any(|m| text.contains(m)) {
            hits.push(Hit::Members);
        }
    }

    /// The automaton of every phrase (none if there are none), made the first time it is
    /// needed by a gate kept from an earlier build.
    fn matcher(&self) -> Result<Option<&AhoCorasick>, &Diagnostic> {
        let made = self.matcher.get_or_init(|| build_matcher(&self.phrases));
        made.as_ref().map(Option::as_ref)
    }

    /// One message per withheld source and kind of hit, naming up to three artefacts.
    fn report(&self, found: BTreeMap<Hit, BTreeSet<String>>) -> Vec<Diagnostic> {
        // (unit, what was found) → (artefacts, a public source, a phrase to find the line,
        // whether a file's address has it)
        type Group = (BTreeSet<String>, Option<usize>, BTreeSet<usize>, bool);
        let mut by_source: BTreeMap<(usize, Kind), Group> = BTreeMap::new();
        let mut out = Vec::new();
        for (hit, paths) in found {
            let address = matches!(hit, Hit::Address(_));
            let (key, public, phrase) =
                match hit {
                    Hit::Phrase(p) | Hit::Address(p) => {
                        let ph = &self.phrases[p];
                        let kind = if ph.title { Kind::Title } else { Kind::Words };
                        ((ph.unit, kind), ph.public, Some(p))
                    }
                    Hit::Name(unit) => ((unit, Kind::Name), None, None),
                    Hit::Bytes(unit, key) => ((unit, Kind::File(key)), None, None),
                    Hit::Unprepared => {
                        if let Err(e) = self.matcher() {
                            out.push(e.clone());
                        }
                        continue;
                    }
                    Hit::Hidden(what, source) => {
                        out.extend(paths.iter().map(|path| {
                            hidden_matter(path, &what, source.as_deref(), self.published)
                        }));
                        continue;
                    }
                    Hit::Unread(why) => {
                        out.extend(paths.iter().map(|path| unread_file(path, why.as_deref())));
                        continue;
                    }
                    Hit::Members => {
                        out.extend(paths.iter().map(|path| members_copy(path)));
                        continue;
                    }
                };
            let entry = by_source.entry(key).or_default();
            entry.0.extend(paths);
            entry.1 = entry.1.or(public);
            entry.2.extend(phrase);
            entry.3 |= address;
        }
        for ((unit, kind), (paths, public, phrases, address)) in by_source {
            let found = Found {
                paths: &paths,
                public,
                phrases: &phrases,
                address,
            };
            out.push(self.message(unit, &kind, &found));
        }
        out
    }

    fn message(&self, unit: usize, kind: &Kind, found: &Found<'_>) -> Diagnostic {
        let (paths, public, phrases) = (found.paths, found.public, found.phrases);
        let u = &self.units[unit];
        let why = match &u.withheld {
            Some(Why::Exempt(p)) => format!(
                "exempt under Schedule 12A paragraph{} {}",
                if p.len() == 1 { "" } else { "s" },
                crate::text::and_list(&p.iter().map(u32::to_string).collect::<Vec<_>>())
            ),
            Some(Why::Statement) => "a public interest statement, which only members read".into(),
            Some(Why::Draft) => "a draft".into(),
            Some(Why::Unpublished) => "no published agenda shows it yet".into(),
            // The title of an item that is not exempt itself (its report is): withheld
            // only because the officer gave it a public title.
            None if matches!(kind, Kind::Title) => "its public_title hides it".into(),
            None => "public".into(),
        };
        let mut places: Vec<String> = paths.iter().take(3).map(|p| p.to_string()).collect();
        if paths.len() > 3 {
            let more = paths.len() - 3;
            places.push(format!(
                "{more} other file{}",
                if more == 1 { "" } else { "s" }
            ));
        }
        let what = match kind {
            Kind::Words => "words withheld from the public".to_string(),
            Kind::Title => "a title withheld from the public".to_string(),
            Kind::Name => "the name of a withheld file".to_string(),
            Kind::File(key) => format!(
                "the withheld file content/{}",
                crate::layout::slash_path(key)
            ),
        };
        let in_theme = paths.iter().all(|p| of_theme(p));
        let hint = match (kind, public.map(|p| &self.units[p])) {
            _ if in_theme => "the file is part of the theme, in themes/ in the site's folder (its static/ folder is published as it is, and what its pdf/ folder holds can be placed in every pack): take it out of the theme, or take the withheld matter out of it".to_string(),
            (Kind::Title, _) if found.address && phrases.iter().all(|&p| self.phrases[p].address_only) => "a page's address is made from its file name, and the file or folder named here spells the title this paper's public_title hides: rename that file, and change the links to it; or, if the title may be public after all (a public_title used as a short label), take out public_title (one in any listing of a PDF names it on every agenda), or list the title under allow = [...] in [leak_gate] in site.toml".to_string(),
            (Kind::Words | Kind::Title, _) if u.whole_minutes => "these minutes are withheld whole, every word of them, because quire could not find the minute of their exempt item (see the warning exempt-minute-not-found): head that minute as the agenda numbers it, for example \"## 15 Title of the item\", so that only it is withheld and the words of the other minutes are public again".to_string(),
            (Kind::Name | Kind::File(_), _) if matches!(u.withheld, Some(Why::Draft)) => "a public paper shows a file that this draft also shows (a draft revising a published report that keeps its figures, say). If it is the very file the public paper published, list it in allow_files = [...] under [leak_gate] in site.toml; if the draft needs a changed version, save that under a new name, so that the public paper keeps the one it showed".to_string(),
            (Kind::Name | Kind::File(_), _) => "a public paper shows a file that a withheld paper shows (or a copy of it): take it out of the public paper; or, if the file is not secret (a logo, or an appendix the public already had from an earlier meeting), list it in allow_files = [...] under [leak_gate] in site.toml".to_string(),
            (_, Some(p)) => format!(
                "{} is public and has the same words: take them out there, or withhold that paper too. If the words are not secret after all, add the passage to allow = [...] under [leak_gate] in site.toml",
                crate::layout::slash_path(&p.file)
            ),
            (_, None) if let Some(key) = self.setting_with(phrases) => format!(
                "site.toml's `{key}` setting has these words, and the site shows it on every page: take them out of site.toml"
            ),
            (_, None) if found.address => "a file or folder name in content/ has these words, and a page's address is made from its file name: rename it so that its name does not say what the withheld paper says".to_string(),
            (_, None) if let Some((path, kind)) = paths.iter().find_map(|p| Some((p, appendix_kind(p)?))) => format!(
                "the {kind} {path} has these words{}: take it out of the public papers, or withhold it too",
                if kind == "PDF appendix" { UNSEEN_IN_PDF } else { "" }
            ),
            (_, None) if paths.iter().any(|p| p.starts_with(crate::redact::NOTICES_URL.trim_start_matches('/'))) => "a notice of a key decision taken by general exception or special urgency, or of a private meeting, shows the reasons written for it (reasons: under general_exception:, special_urgency: or private_notice:), and the leak gate never counts those reasons as public, since they could quote the exempt report: take these words out of the reasons".to_string(),
            (_, None) if self.published => "none of the site's public papers has these words: the file was added or edited by hand, or it is an appendix that quotes withheld matter. Take it down, then check it".to_string(),
            (_, None) => "no public paper has these words, so quire itself put them there: this is a bug in quire, not in your papers. Please report it with the files named".to_string(),
        };
        // Every passage found, by line, so that one build shows all there is to fix.
        let mut lines: Vec<usize> = match kind {
            // An item's title is on its own line; a document's is found in its file.
            Kind::Title if u.line.is_some() => u.line.into_iter().collect(),
            Kind::Words | Kind::Title => phrases
                .iter()
                .filter_map(|&p| self.line_of_phrase(&u.file, &self.phrases[p].words, u.line))
                .collect(),
            _ => Vec::new(),
        };
        lines.sort_unstable();
        lines.dedup();
        // A title found only run together (in a file name) is on the paper's title line.
        if lines.is_empty() && matches!(kind, Kind::Title) {
            lines.extend(self.title_line(&u.file));
        }
        let line = lines.first().copied().or(u.line);
        let also = match lines.get(1..) {
            Some(rest) if !rest.is_empty() => format!(
                " (and the passage{} at line{} {})",
                if rest.len() == 1 { "" } else { "s" },
                if rest.len() == 1 { "" } else { "s" },
                crate::text::and_list(&rest.iter().map(usize::to_string).collect::<Vec<_>>())
            ),
            _ => String::new(),
        };
        let verb = if self.published {
            "is published in"
        } else {
            "would be published in"
        };
        let written = if self.published {
            ""
        } else {
            "; nothing was written"
        };
        Diagnostic::error(
            &u.file,
            line,
            format!(
                "{what}{also} ({why}) {verb} {}{written}",
                crate::text::and_list(&places)
            ),
        )
        .code("withheld-published")
        .secret()
        .hint(hint)
    }

    /// The first setting of site.toml that pages show and that holds one of `phrases`.
    fn setting_with(&self, phrases: &BTreeSet<usize>) -> Option<&'static str> {
        let (key, _) = self.settings.iter().find(|(_, text)| {
            (phrases.iter()).any(|&p| text.contains(self.phrases[p].words.as_str()))
        })?;
        Some(key)
    }

    /// The line of a Markdown paper's `title:`, if it has one.
    fn title_line(&self, file: &Path) -> Option<usize> {
        if file.extension().is_none_or(|e| e != "md") {
            return None;
        }
        let text = crate::load::read_text(&self.root.join(file))?;
        (text.lines().position(|l| l.starts_with("title:"))).map(|i| i + 1)
    }

    /// The line where a phrase starts in a source file, if it can be found there: the
    /// first at or after line `from` (an item's own text, not an earlier item quoting it).
    fn line_of_phrase(&self, file: &Path, phrase: &str, from: Option<usize>) -> Option<usize> {
        // A PDF's or an office file's bytes have no lines an officer could go to.
        let ext = file
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        if ext
            .as_deref()
            .is_some_and(|e| e == "pdf" || attachment::is_office(e))
        {
            return None;
        }
        let text = crate::load::read_text(&self.root.join(file))?;
        crate::diag::line_of_words(&text, phrase, from)
    }
}

/// Where a PDF holds words its pages do not show (see `pdftext::held`), for the hint of
/// an appendix whose pages an officer has read and found clean.
const UNSEEN_IN_PDF: &str = ", perhaps where its pages do not show them: in a file attached to it, in its document properties, or in an earlier version of a page that the file keeps after an edit (a PDF editor's Save adds the change to the end of the file). To publish a clean copy, save it as a new PDF with your PDF editor's \"remove hidden information\" (or \"sanitise\") command, or print it to a new PDF";

/// Whether an output path is a file copied from `content/` that the gate reads for
/// words (a PDF appendix, not a pack; a Word file, a spreadsheet), and what to call it.
fn appendix_kind(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
    if ext == "pdf" {
        let pack = name.starts_with(crate::layout::PACK_FILE.trim_end_matches(".pdf"));
        (!pack).then_some("PDF appendix")
    } else {
        attachment::has_words(&ext).then_some("attached file")
    }
}

/// A file the gate could not read whole, and so cannot vouch for: `why`, if known.
fn unread_file(path: &str, why: Option<&str>) -> Diagnostic {
    let message = match why {
        Some(why) => format!(
            "the leak gate could not read this file whole ({why}), so it cannot vouch for it"
        ),
        None => "the leak gate could not read the text of this file, so it cannot vouch for it"
            .to_string(),
    };
    let hint = match (of_theme(path), why) {
        (true, Some(_)) => {
            "the file is part of the theme (in themes/ in the site's folder): save it again so that it can be read whole (without a password, and smaller), or take it out of the theme"
        }
        (true, None) => {
            "the file is part of the theme (in themes/ in the site's folder), and a PDF that is damaged or encrypted cannot be read: save it again without a password, or take it out of the theme"
        }
        (false, Some(_)) => {
            "open it and check it by hand; save it again so that it can be read whole (without a password, and smaller)"
        }
        (false, None) => {
            "a PDF that is damaged or encrypted cannot be read: open it and check it by hand. In a build, this is a bug in quire: please report it"
        }
    };
    Diagnostic::error(path, None, message)
        .code("leak-gate-unread")
        .hint(hint)
}

/// A file of the members' edition, found among what the public build copies.
fn members_copy(path: &str) -> Diagnostic {
    let hint = if of_theme(path) {
        "the file is part of the theme, in themes/ in the site's folder, whose static/ folder is published as it is: take it out, and never save a file of the members' edition in the site's folder"
    } else {
        "take the file out of the site's folder, or list a public version of it instead: a file of the members' edition holds exempt information, some of it (such as a short title) too short for the gate to find by its words"
    };
    Diagnostic::error(
        path,
        None,
        "this file is a copy from the members' edition: it says \"NOT FOR PUBLICATION\" as only that edition's files do",
    )
    .code("members-edition-copy")
    .hint(hint)
}

/// The words of a PDF as the gate reads them (see [`crate::pdftext::pdf_text_with`]),
/// each file attached to it read as the file it is (a Word file, a spreadsheet), as a
/// copied attachment is; and what of it could not be read. With `raw`, also what a
/// text editor shows of it, which the gate reads of public PDFs only (see
/// [`crate::pdftext::raw_text`]).
pub fn pdf_words(bytes: &[u8], raw: bool) -> Result<PdfRead, String> {
    thread_local! {
        /// How many PDFs are being read on this thread, each inside the one before (a
        /// PDF attaching a Word file that embeds a PDF…).
        static NESTED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }
    let depth = NESTED.get();
    if depth >= MAX_NESTED_PDFS {
        return Err("it holds files inside files too deep to read".into());
    }
    NESTED.set(depth + 1);
    let words = crate::pdftext::pdf_text_with(
        bytes,
        &|name, data| {
            let ext = extension(name);
            let readable = attachment::has_words(&ext)
                || attachment::is_document(data)
                || attachment::looks_like_text(data);
            if !readable {
                // A picture, a sound, a program.
                return String::new();
            }
            let read = attachment::read(&ext, data);
            format!("{}\n{}", read.words, read.flat)
        },
        raw,
    );
    NESTED.set(depth);
    words
}

/// A PDF's words, what of it could not be read, and the files it holds, as
/// [`pdf_words`] gives them.
pub type PdfRead = crate::pdftext::Read;

/// A PDF's words, or why none could be read.
pub type PdfWords = Result<PdfRead, String>;

/// How deep [`pdf_words`] follows PDFs inside office files inside PDFs.
const MAX_NESTED_PDFS: usize = 4;

/// A public appendix (a PDF, a Word file, a spreadsheet) whose words the gate could not
/// read. Its bytes were still compared with every withheld file, and a pack shows a PDF
/// as images of its pages; the officer checks its text by eye.
fn unread_appendix(path: &str, why: &str) -> Diagnostic {
    Diagnostic::warning(
        path,
        None,
        format!("the leak gate could not read the text of this appendix ({why}), so it has not checked it for withheld words"),
    )
    .code("leak-gate-unread")
    .hint("open it and check it by eye before publishing; saving it again from its source program usually makes it readable")
}

/// A public PDF appendix the gate read, but not all of: an attached file, its metadata
/// or a page it could not unpack. What it read was checked; the rest the officer checks,
/// or removes, since what a PDF holds besides its pages is rarely meant for the public.
fn partly_unread_appendix(path: &str, why: &str) -> Diagnostic {
    Diagnostic::warning(
        path,
        None,
        format!("the leak gate read this appendix but not all of it ({why}): that part has not been checked for withheld words"),
    )
    .code("leak-gate-unread")
    .hint("open it and check it by eye before publishing, with its attached files and document properties, or publish a clean copy made with your PDF editor's \"Remove hidden information\" command or by printing it to a new PDF")
}

/// A public office document that holds tracked changes, comments, hidden text, or
/// hidden sheets, rows, columns, slides or shapes. Deleted text and comments are where
/// drafts keep what the final version left out, and anyone who opens the file can read
/// them, so it is not published until the officer has cleaned it.
fn hidden_matter(path: &str, what: &[&str], source: Option<&Path>, published: bool) -> Diagnostic {
    let file = source.map_or_else(|| path.to_string(), crate::layout::slash_path);
    // What to do about each kind, in the order an officer would do it.
    const STEPS: [(&str, &str); 8] = [
        (
            "tracked changes",
            "accept or reject every tracked change (in Word: Review, Accept, Accept All Changes)",
        ),
        (
            "comments",
            "delete every comment (Review, Delete, Delete All Comments)",
        ),
        (
            "hidden text",
            "show the hidden text and delete what should not be there",
        ),
        (
            "hidden sheets",
            "unhide the hidden sheets and delete those the public should not have",
        ),
        (
            "hidden rows",
            "unhide the hidden rows (and clear any filter) and delete those the public should not have",
        ),
        (
            "hidden columns",
            "unhide the hidden columns and delete those the public should not have",
        ),
        (
            "hidden slides",
            "unhide the hidden slides and delete those the public should not have",
        ),
        (
            "hidden shapes",
            "show the hidden shapes and text boxes (Home, Select, Selection Pane) and delete those the public should not have",
        ),
    ];
    let steps: Vec<&str> = (STEPS.iter())
        .filter(|(kind, _)| what.contains(kind))
        .map(|(_, step)| *step)
        .collect();
    Diagnostic::error(
        &file,
        None,
        format!(
            "this file holds {}, which a reader of the document does not see but anyone who opens the file can; it {} {path}",
            crate::text::and_list(&what.iter().map(|w| w.to_string()).collect::<Vec<_>>()),
            if published { "is published at" } else { "would be published in" }
        ),
    )
    .code("hidden-matter")
    .hint(format!(
        "open it, {}, then save it and build again. Word's File, Info, Check for Issues, Inspect Document finds all of these; or publish a PDF made from the finished version instead",
        crate::text::and_list(&steps.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    ))
}

/// A file's size and SHA-256, to compare copies under any name.
type Print = (u64, [u8; 32]);

/// A file the gate's preparation read, under `content/`, and its fingerprint (none if it
/// could not be read).
type Read = (PathBuf, Option<Print>);

fn fingerprint(path: &Path) -> Option<Print> {
    let size = crate::load::file_facts(path)?.bytes;
    let bytes = crate::load::read_bytes(path).ok()?;
    Some((size, Sha256::digest(&bytes).into()))
}

/// The sizes and SHA-256 of the other bytes a withheld picture may have (see
/// [`crate::scrub::likenesses`]): a public copy with other metadata, or with none, has
/// one of them, and is published as one of them.
fn likeness_prints(path: &Path) -> Vec<Print> {
    let Ok(bytes) = crate::load::read_bytes(path) else {
        return Vec::new();
    };
    let mut forms = crate::scrub::likenesses(&bytes);
    // An SVG has no signature to know it by: cleaned as its name says.
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
    {
        forms.extend(crate::load::read_asset(path).ok().filter(|c| *c != bytes));
    }
    (forms.iter())
        .map(|f| (f.len() as u64, Sha256::digest(f).into()))
        .collect()
}

/// Adds the words of every withheld attachment (a PDF, a Word file, a spreadsheet) to
/// the inventory, as withheld text of its own: a copy saved again, printed to another
/// PDF or pasted into another file shows the same words under other bytes. Returns the
/// files it could not read whole (under `content/`), and why.
fn withheld_file_texts(
    inv: &mut Inventory,
    lib: &Library,
    allowed: &HashSet<&PathBuf>,
    texts: &PdfTexts,
) -> Vec<(PathBuf, String)> {
    let mut unread = Vec::new();
    let files: Vec<(PathBuf, usize)> = inv
        .files
        .iter()
        .filter(|f| !allowed.contains(&f.key))
        .map(|f| (f.key.clone(), f.unit))
        .collect();
    for (key, owner) in files {
        let (text, why) = withheld_file_words(&lib.content.join(&key), texts);
        let file = Path::new(crate::layout::CONTENT_DIR).join(&key);
        unread.extend(why.map(|why| (file.clone(), why)));
        let Some(text) = text else {
            continue;
        };
        let o = &inv.units[owner];
        // Messages name the attachment, where the officer will find the words; the
        // paper that shows it says why, and when, they are withheld.
        let unit = Unit {
            file,
            line: None,
            withheld: o.withheld.clone(),
            meeting: o.meeting,
            day: o.day,
            text,
            tree: None,
            title: false,
            summarised_by: None,
            // The paper's public title may name its attachment.
            titled_by: o.titled_by.clone(),
            whole_minutes: false,
        };
        inv.units.push(unit);
    }
    unread
}

/// The words of a withheld attachment, a paragraph (for a PDF, a page) a line (`None`
/// for a file with no words the gate can read, an image, whose bytes are compared), and
/// why it could not be read whole, if it could not.
fn withheld_file_words(path: &Path, texts: &PdfTexts) -> (Option<String>, Option<String>) {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if ext == "pdf" {
        return match texts.text(path, false) {
            Ok(read) => {
                let pages = read.text.split('\n').map(|page| words::normal(page) + "\n");
                (Some(pages.collect()), read.unread)
            }
            Err(why) => (None, Some(why)),
        };
    }
    if !attachment::has_words(&ext) {
        return (None, None);
    }
    let bytes = match crate::load::read_bytes(path) {
        Ok(bytes) => bytes,
        Err(e) => return (None, Some(e.to_string())),
    };
    // Whatever could be read, even of a file that would not open whole: more phrases
    // to look for, never fewer.
    let read = attachment::read(&ext, &bytes);
    (Some(read.words), read.problem)
}

/// A withheld file the gate could not read whole: a public paper that quotes what it
/// could not read is not caught, so the officer is told, though nothing public is wrong.
fn unread_withheld(file: &Path, why: &str) -> Diagnostic {
    Diagnostic::warning(
        file,
        None,
        format!("the leak gate could not read all of this withheld file ({why}), so it cannot find what it could not read in the public papers"),
    )
    .code("leak-gate-unread-withheld")
    .hint("save it again from the program that made it (or print it to a new PDF) so that it can be read whole, and check that no public paper quotes it")
}

/// What the gate found of one withheld source, for its message.
struct Found<'a> {
    paths: &'a BTreeSet<String>,
    /// A public text that has the same words.
    public: Option<usize>,
    phrases: &'a BTreeSet<usize>,
    /// Whether an address (a file's path) has the words.
    address: bool,
}

/// A raster picture's width and height, and a SHA-256 of its pixels as RGBA; `None` for
/// anything else, or a picture over 64 megapixels (not decoded, to bound the memory).
fn pixels(bytes: &[u8]) -> Option<Pixels> {
    let (w, h) = dimensions(bytes)?;
    if u64::from(w) * u64::from(h) > 64 << 20 {
        return None;
    }
    let picture = image::load_from_memory(bytes).ok()?.into_rgba8();
    Some(((w, h), Sha256::digest(picture.as_raw()).into()))
}

/// A raster picture's width and height, from its header alone.
fn dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    reader.into_dimensions().ok()
}

/// A path's extension, in lower case (`Report.PDF` is a PDF); empty if it has none.
fn extension(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.')
        .map_or(String::new(), |(_, ext)| ext.to_ascii_lowercase())
}

/// Whether a path the gate names is a theme's file: a static file as published, or a
/// file of the theme's `pdf/` folder named as [`crate::theme::Theme::source_of`] does.
fn of_theme(path: &str) -> bool {
    crate::render::html::is_static(path) || path.starts_with("themes/")
}

/// What of a withheld source was found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Words,
    Title,
    Name,
    File(PathBuf),
}

/// Every phrase of every withheld text and title, once, with the first unit that has it.
/// A long phrase (of a draft or unpublished paper) also lists the ordinary-length
/// phrases inside it, as probes: they are counted but never looked for.
/// A phrase equal to one of `whole` (a setting every page shows), or inside a short one,
/// is not looked for.
fn candidates(inv: &Inventory, allow: &[String], whole: &[&str]) -> Vec<Phrase> {
    let mut table = Table {
        seen: HashMap::new(),
        seen_address: HashMap::new(),
        out: Vec::new(),
        allow,
        whole,
    };
    for (i, u) in inv.units.iter().enumerate() {
        let long = match u.withheld {
            None => continue,
            Some(Why::Draft | Why::Unpublished) => true,
            Some(_) => false,
        };
        if !long {
            for p in phrases_of(&u.words(), PHRASE, MIN_WORDS) {
                table.add(p, i, false, true);
            }
            continue;
        }
        for p in phrases_of(&u.words(), LONG_PHRASE, LONG_MIN_WORDS) {
            let Some(at) = table.add(p.clone(), i, false, true) else {
                continue;
            };
            let probes: Vec<usize> = phrases_of(&p, PHRASE, PHRASE)
                .into_iter()
                .filter_map(|w| table.add(w, i, false, false))
                .collect();
            table.out[at].probes = probes;
        }
    }
    for (title, unit, hidden) in &inv.titles {
        let n = title.split_whitespace().count();
        // A title the public sees is not withheld (a name, or a title out before the
        // withheld paper, or that day on its own meeting's agenda: `FirstOut::before`),
        // unless it is the real title an item's `public_title` hides:
        // then a public item titled the same (an item copied to split it, a YAML alias)
        // publishes it, and only the date rules may excuse it. A public title out later
        // may have been copied from it: the date rules decide.
        let u = &inv.units[*unit];
        let (day, meeting) = match inv.title_days.get(unit) {
            Some(&(day, meeting)) => (Some(day), meeting),
            None => (u.day, u.meeting),
        };
        let public = (inv.public_titles.get(title)).is_some_and(|f| f.before(day, meeting));
        if n >= MIN_WORDS && (*hidden || !public) {
            // The title as written, then run together (unless its words were allowed).
            let Some(at) = table.add(title.clone(), *unit, true, true) else {
                continue;
            };
            let joined: Vec<usize> = (run_together(inv, title).into_iter())
                .filter_map(|words| table.add(words, *unit, true, true))
                .collect();
            for at in std::iter::once(at).chain(joined).filter(|_| *hidden) {
                table.out[at].hidden = true;
            }
        }
    }
    for (title, unit, meeting) in &inv.renamed {
        let n = title.split_whitespace().count();
        if !(SCOPED_MIN_WORDS..MIN_WORDS).contains(&n) {
            continue;
        }
        let Some(folders) = scoped_folders(inv, title, *meeting) else {
            continue;
        };
        // The title as written, then run together (unless its words were allowed).
        for words in std::iter::once(title.clone()).chain(run_together(inv, title)) {
            // No phrase of fewer than MIN_WORDS words is added anywhere else, so one seen
            // already is another meeting's short title.
            let seen = table.seen.contains_key(&words);
            let Some(at) = table.add(words, *unit, true, true) else {
                break;
            };
            let phrase = &mut table.out[at];
            phrase.hidden = true;
            match &mut phrase.scope {
                Some(scope) => {
                    let new = folders.iter().filter(|f| !scope.contains(f)).cloned();
                    let new: Vec<String> = new.collect();
                    scope.extend(new);
                }
                None if !seen => phrase.scope = Some(folders.clone()),
                None => {}
            }
        }
    }
    addressed(inv, &mut table);
    table.out
}

/// The titles public papers' own public titles hide (see [`Inventory::addressed`]), as
/// phrases looked for only in the addresses of their meetings' own folders, in the forms
/// a file name may give them (see [`address_forms`]). Not in the next meeting's: its
/// routine papers ("Staffing update") are named as they always were, whatever an earlier
/// paper's working title was (round 25). Not a title whose words the public sees in a
/// title, on any day (a later report "Care leavers' local offer: annual review", an
/// appendix listed under that title at an earlier meeting): an address that spells them
/// tells nothing new. Public text out by then with the same words excuses them as any
/// phrase (see [`keep_distinctive`]).
fn addressed(inv: &Inventory, table: &mut Table<'_>) {
    let titles: Vec<String> = inv
        .addressed
        .iter()
        .map(|(t, _, _)| words::normal(t))
        .collect();
    let shown = in_public_titles(inv, titles.iter().map(String::as_str));
    for ((written, unit, meeting), title) in inv.addressed.iter().zip(&titles) {
        if title.split_whitespace().count() < ADDRESS_MIN_WORDS || shown.contains(title.as_str()) {
            continue;
        }
        let Some(folders) = inv.meeting_folders.get(meeting) else {
            continue;
        };
        for words in address_forms(inv, written) {
            table.add_address(words, *unit, folders);
        }
    }
}

/// The fewest words of a title a public paper's public title hides that is looked for in
/// addresses: two, a person's name. Looked for only in its meeting's addresses, where
/// a file named with them is named after the title.
const ADDRESS_MIN_WORDS: usize = 2;

/// Those of `titles` that some public title holds, by the words of each.
fn in_public_titles<'t>(
    inv: &Inventory,
    titles: impl Iterator<Item = &'t str>,
) -> HashSet<&'t str> {
    let titles: Vec<&str> = titles.collect::<BTreeSet<_>>().into_iter().collect();
    let Ok(ac) = AhoCorasick::new(&titles) else {
        return HashSet::new();
    };
    let mut found = HashSet::new();
    for public in inv.public_titles.keys() {
        found.extend(
            ac.find_overlapping_iter(public)
                .map(|m| titles[m.pattern().as_usize()]),
        );
    }
    found
}

/// A title, as written, in normal form as a file name may spell it, each form once: as
/// it reads; with its apostrophes and hyphens left out (`O'Brien` and `Sa'id` named
/// `obrien` and `said`, `Smith's` `smiths`, `Quokka-Zorblax` `quokkazorblax`); with
/// `ä`, `ö`, `ü`, `ø` and `å` spelt `ae`, `oe`, `ue`, `oe` and `aa` (`mueller`); with the
/// letters that have no plain form written plainly (`łukasz` as `lukasz`, as quire asks
/// for file names); `and` left out (`Quokkaplex & Zorblax` read "and", named
/// `quokkaplex-zorblax`); and each of these run together (see [`run_together`]).
fn address_forms(inv: &Inventory, written: &str) -> Vec<String> {
    let title = words::normal(written);
    let unmarked: String = (written.chars())
        .filter(|c| !matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '´' | '-' | '‐' | '‑'))
        .collect();
    let mut bases = vec![
        title.clone(),
        words::normal(&unmarked),
        words::normal(&spelt_out(written)),
    ];
    bases.extend(bases.clone().iter().map(|b| plain_letters(b)));
    let mut forms: Vec<String> = Vec::new();
    for base in bases {
        for form in [without_and(&base), base] {
            if form.split_whitespace().count() >= ADDRESS_MIN_WORDS || form == title {
                forms.push(form);
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    for form in forms {
        for f in std::iter::once(form.clone()).chain(run_together(inv, &form)) {
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    out
}

/// Letters with two dots or a ring spelt as German and Nordic names are in English
/// (`Müller` as `Mueller`), before the normal form takes the marks off.
fn spelt_out(text: &str) -> String {
    respelt(text, |c| match c {
        'ä' => Some("ae"),
        'ö' | 'ø' => Some("oe"),
        'ü' => Some("ue"),
        'å' => Some("aa"),
        'Ä' => Some("Ae"),
        'Ö' | 'Ø' => Some("Oe"),
        'Ü' => Some("Ue"),
        'Å' => Some("Aa"),
        _ => None,
    })
}

/// Letters with no plain form in Unicode's decomposition, written as English file names
/// write them.
fn plain_letters(text: &str) -> String {
    respelt(text, |c| match c {
        'ł' => Some("l"),
        'ø' => Some("o"),
        'đ' | 'ð' => Some("d"),
        'ħ' => Some("h"),
        'ŧ' => Some("t"),
        'ı' => Some("i"),
        'ß' => Some("ss"),
        'æ' => Some("ae"),
        'œ' => Some("oe"),
        'þ' => Some("th"),
        _ => None,
    })
}

/// `text` with each letter `spelling` gives a spelling for written so.
fn respelt(text: &str, spelling: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match spelling(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out
}

/// The words without "and".
fn without_and(words: &str) -> String {
    let kept: Vec<&str> = words.split_whitespace().filter(|w| *w != "and").collect();
    format!(" {} ", kept.join(" "))
}

/// A withheld title (in normal form) with its words run together: all into one
/// ("quokkaplexgrievanceappeal": a hashtag, a file name, a word with an acronym such as
/// "QPXGrievanceAppeal"), and, for a title of up to [`JOINED_PAIRS_MAX`] words, each
/// two neighbours into one ("projectquokkaplex review"), as round 20 published them.
/// Not a form the public sees as a title: a public title that is the title respelt
/// ("O'Brien" as "OBrien") is warned of when the papers are read, and the item's public
/// title does not stop the build.
fn run_together(inv: &Inventory, title: &str) -> Vec<String> {
    let words: Vec<&str> = title.split_whitespace().collect();
    if words.len() < 2 {
        return Vec::new();
    }
    let mut out = vec![format!(" {} ", words.concat())];
    if words.len() > 2 && words.len() <= JOINED_PAIRS_MAX {
        for i in 0..words.len() - 1 {
            let (before, after) = (words[..i].join(" "), words[i + 2..].join(" "));
            let pair = format!("{}{}", words[i], words[i + 1]);
            let joined = [before.as_str(), pair.as_str(), after.as_str()];
            let joined: Vec<&str> = joined.into_iter().filter(|w| !w.is_empty()).collect();
            out.push(format!(" {} ", joined.join(" ")));
        }
    }
    out.retain(|words| !inv.public_titles.contains_key(words));
    out
}

/// The longest title whose every pair of neighbouring words is also looked for run
/// together: a title is short, but a long one would add a phrase for each pair.
const JOINED_PAIRS_MAX: usize = 6;

/// Where a short hidden title of `meeting` is looked for (see [`SCOPED_MIN_WORDS`]): its
/// meeting's folders, and its committee's next meeting's, which confirms its minutes and
/// hears what came of its items ("matters arising"), again naming an item by its public
/// title (with the meetings before it that did not meet with papers out; see
/// `inventory::Reader::follow_up`). Not the next meetings' if the public sees these
/// words as a title anywhere: an item titled so in public is not a leak of this one.
fn scoped_folders(inv: &Inventory, title: &str, meeting: u32) -> Option<Vec<String>> {
    let mut folders = inv.meeting_folders.get(&meeting)?.clone();
    if !inv.public_titles.contains_key(title) {
        let next = inv.next_meetings.get(&meeting).into_iter().flatten();
        let theirs = next.filter_map(|n| inv.meeting_folders.get(n));
        folders.extend(theirs.flatten().cloned());
    }
    Some(folders)
}

/// Candidate phrases, each once.
struct Table<'a> {
    seen: HashMap<String, usize>,
    /// The phrases looked for only in addresses, by their words.
    seen_address: HashMap<String, usize>,
    out: Vec<Phrase>,
    allow: &'a [String],
    whole: &'a [&'a str],
}

impl Table<'_> {
    /// Whether an officer allowed these words, or they are a site's setting or part of a
    /// short one (see [`SETTING_WORDS`]).
    fn excluded(&self, words: &str) -> bool {
        let in_setting = |s: &&str| {
            *s == words || (s.contains(words) && s.split_whitespace().count() <= SETTING_WORDS)
        };
        self.allow.iter().any(|a| a.contains(words)) || self.whole.iter().any(in_setting)
    }

    /// Adds a title looked for only in the addresses of `folders` (see
    /// [`Phrase::address_only`]), or adds the folders to it. Kept apart from the phrases
    /// looked for in text, even with the same words, so neither changes the other's scope
    /// or which public texts excuse it.
    fn add_address(&mut self, words: String, unit: usize, folders: &[String]) {
        if self.excluded(&words) {
            return;
        }
        if let Some(&at) = self.seen_address.get(&words) {
            let phrase = &mut self.out[at];
            let scope = phrase.scope.get_or_insert_with(Vec::new);
            let new: Vec<String> = (folders.iter())
                .filter(|f| !scope.contains(f))
                .cloned()
                .collect();
            scope.extend(new);
            if !phrase.owners.contains(&unit) {
                phrase.owners.push(unit);
            }
            return;
        }
        self.seen_address.insert(words.clone(), self.out.len());
        self.out.push(Phrase {
            scope: Some(folders.to_vec()),
            address_only: true,
            ..Phrase::new(words, unit, true, true)
        });
    }

    /// Adds a phrase (or finds it); `None` if an officer allowed its words, or they are
    /// a site's setting or part of a short one (see [`SETTING_WORDS`]).
    fn add(&mut self, words: String, unit: usize, title: bool, search: bool) -> Option<usize> {
        if self.excluded(&words) {
            return None;
        }
        if let Some(&at) = self.seen.get(&words) {
            let phrase = &mut self.out[at];
            phrase.search |= search;
            // Words that are a withheld title somewhere are a title, wherever else they
            // are also found (an exempt report headed with its own real title).
            phrase.title |= title;
            if !phrase.owners.contains(&unit) {
                phrase.owners.push(unit);
            }
            return Some(at);
        }
        self.seen.insert(words.clone(), self.out.len());
        self.out.push(Phrase::new(words, unit, title, search));
        Some(self.out.len() - 1)
    }
}

/// The phrases of one text in normal form: in each block (the text between line
/// breaks), phrases of `len` words, one every [`STEP`] words and one ending at its end; a
/// block shorter than `len` is one phrase if it has at least `min` words.
pub fn phrases_of(text: &str, len: usize, min: usize) -> Vec<String> {
    let mut out = Vec::new();
    for block in text.split('\n') {
        let w: Vec<&str> = block.split_whitespace().collect();
        let join = |s: &[&str]| format!(" {} ", s.join(" "));
        if w.len() < len {
            if w.len() >= min {
                out.push(join(&w));
            }
            continue;
        }
        let last = w.len() - len;
        let mut starts: Vec<usize> = (0..=last).step_by(STEP).collect();
        if starts.last() != Some(&last) {
            starts.push(last);
        }
        out.extend(starts.into_iter().map(|s| join(&w[s..s + len])));
    }
    out
}

/// Stops looking for the phrases that are not distinctive (see the module docs), and
/// notes for each phrase kept a public text that has it too: the likely place of a leak.
/// `all` is the automaton of every phrase.
fn keep_distinctive(units: &[Unit], phrases: &mut [Phrase], all: &AhoCorasick) {
    let mut earlier_public = vec![false; phrases.len()];
    // Every public text of the archive is read here: in parallel, then taken in order,
    // so the public text named for a phrase is the same on every run.
    let found: Vec<(usize, Vec<usize>)> = units
        .par_iter()
        .enumerate()
        .filter(|(_, u)| u.withheld.is_none())
        .map(|(ui, u)| {
            let mut hits: Vec<usize> = (all.find_overlapping_iter(u.words().as_ref()))
                .map(|m| m.pattern().as_usize())
                .collect();
            // What follows depends only on which phrases a text has.
            hits.sort_unstable();
            hits.dedup();
            (ui, hits)
        })
        .collect();
    for (ui, hits) in found {
        let u = &units[ui];
        for p in hits {
            // The public summary of an exempt minute may share its words: the officer wrote
            // it to be published. Only with that minute, though.
            let hidden = phrases[p].hidden;
            // So may the public title of a withheld paper (its notice's heading), whatever
            // its day, unless the phrase is a title the officer hid.
            let excuses = |o: usize| {
                predates(u, &units[o], hidden)
                    || units[o].summarised_by == Some(ui)
                    || (units[o].titled_by.contains(&ui) && !hidden)
            };
            let phrase = &mut phrases[p];
            match phrase.owners.iter().copied().find(|&o| !excuses(o)) {
                None => earlier_public[p] = true,
                // Messages name the withheld paper this public text would leak.
                Some(owner) if phrase.public.is_none() => {
                    phrase.public = Some(ui);
                    phrase.unit = owner;
                }
                Some(_) => {}
            }
        }
    }
    let novel = |i: usize| !earlier_public[i];
    // A long phrase made only of earlier-published wording is a template (a run of
    // standard minute headings), not a passage anyone could leak.
    let keep: Vec<bool> = phrases
        .iter()
        .enumerate()
        .map(|(i, ph)| {
            ph.search && novel(i) && (ph.probes.is_empty() || ph.probes.iter().any(|&w| novel(w)))
        })
        .collect();
    for (ph, keep) in phrases.iter_mut().zip(keep) {
        ph.search = keep;
        ph.probes = Vec::new();
    }
}

/// Whether public text `public` was out before withheld text `owner` could be copied
/// into it: out on an earlier day than the day members had `owner` (see
/// [`inventory::Unit::day`]). Of the same meeting, public text may also share the words
/// of a draft or unpublished paper; and a title on the public agenda, which the officer
/// made public, those of an exempt one, unless the phrase is a title the officer hid
/// (`hidden`): a title hidden behind a public title must not come back in another title
/// of the same meeting. Only a title out with the exempt paper, though: one added to
/// the agenda after members had the paper (an item published after its meeting) may
/// have been copied from it.
fn predates(public: &Unit, owner: &Unit, hidden: bool) -> bool {
    let earlier = matches!((public.day, owner.day), (Some(p), Some(o)) if p < o);
    let not_later = matches!((public.day, owner.day), (Some(p), Some(o)) if p <= o);
    let same_meeting = public.meeting.is_some()
        && public.meeting == owner.meeting
        && match owner.withheld {
            Some(Why::Draft | Why::Unpublished) => true,
            _ => public.title && !hidden && not_later,
        };
    earlier || same_meeting
}

/// Bump when what the gate reads in a file changes (`words::readable`, `scan`): files
/// found clean by an older gate are then scanned again.
const GATE_FORMAT: &str = "quire-leak-gate-4";

/// The source of the code that decides what the gate reads in a file and finds there,
/// part of its fingerprint (see [`fingerprint_of`]).
const READING: [&str; 2] = [include_str!("mod.rs"), include_str!("words.rs")];

fn fingerprint_of(
    phrases: &[Phrase],
    names: &HashMap<String, usize>,
    files: &WithheldFiles,
) -> u128 {
    use siphasher::sip128::{Hasher128, SipHasher13};
    use std::hash::Hasher;
    let mut h = SipHasher13::new();
    let mut field = |bytes: &[u8]| {
        h.write_u64(bytes.len() as u64);
        h.write(bytes);
    };
    field(GATE_FORMAT.as_bytes());
    field(env!("CARGO_PKG_VERSION").as_bytes());
    // How the gate reads a file is this code: a quire whose reading changed, even without
    // a new version number or GATE_FORMAT, scans every file again rather than trusting
    // what an older one found clean.
    for source in READING {
        field(source.as_bytes());
    }
    // Only the phrases looked for: a kept gate holds no others, and recomputes this from
    // what it holds, so a kept file whose phrases were tampered with cannot vouch for
    // files under an honest gate's fingerprint.
    for p in phrases.iter().filter(|p| p.search) {
        field(p.words.as_bytes());
        // A phrase looked for in fewer folders finds less: a file it passed is clean
        // under it only where it looks.
        for folder in p.scope.iter().flatten() {
            field(folder.as_bytes());
        }
    }
    let mut names: Vec<&String> = names.keys().collect();
    names.sort_unstable();
    for n in names {
        field(n.as_bytes());
    }
    let mut prints: Vec<(u64, [u8; 32])> = files
        .iter()
        .flat_map(|(size, list)| list.iter().map(move |(hash, _, _)| (*size, *hash)))
        .collect();
    prints.sort_unstable();
    for (size, hash) in prints {
        field(&size.to_le_bytes());
        field(&hash);
    }
    h.finish128().as_u128()
}

/// The matcher for a set of phrases; none when there are none. The gate fails closed:
/// a matcher that cannot be built stops the build.
fn build_matcher(phrases: &[Phrase]) -> Result<Option<AhoCorasick>, Diagnostic> {
    if phrases.is_empty() {
        return Ok(None);
    }
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(phrases.iter().map(|p| p.words.as_str()))
        .map(Some)
        .map_err(|e| {
            Diagnostic::error(
                crate::config::SITE_FILE,
                None,
                format!("the leak gate could not prepare its search of the withheld papers: {e}"),
            ).code("leak-gate-limit")
            .hint("this is a limit of quire, not a problem with your papers; nothing was written. Please report it")
        })
}
