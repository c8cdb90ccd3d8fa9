//! The search index: a chunked static index made by Pagefind, in process, from the
//! edition, in shards.
//!
//! The old index was one JSON file that every search downloaded whole (35 MB at 5,000
//! meetings). Pagefind splits an index into chunks of words, one fragment per page and
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
//! Shards. The site is indexed as several Pagefind indexes, which the search page merges
//! in the browser (Pagefind's `mergeIndex`): `pagefind/` itself holds the committees,
//! councillors and free pages (and Pagefind's program), and `pagefind/<year>/` the
//! meetings and documents of meetings held that year. The newest year with published
//! papers is in two halves (`pagefind/<year>-h1/`, January to June, and `-h2/`): a
//! search over all years answers first from the shard of the newest published papers,
//! and scoring a common word's matches there is most of that first answer's wait; and
//! current papers are the ones edited most, so an edit usually indexes half a year
//! again. (Not the newest year of meetings: a council sets its meetings a year ahead,
//! and a year of meetings whose papers are not out yet holds almost nothing to find.)
//! A year or half whose records weigh more than [`CAP`] is cut into parts of whole
//! months (`pagefind/2016-jan-apr/`), so that no shard, however much a council wrote
//! that year, costs Pagefind more than the cap's worth of memory and time.
//! Each shard is cached on its own,
//! keyed by a SHA-256 of its records (hashed a month at a time, so a year is weighed
//! and keyed before it is cut), so editing one paper indexes one shard again, and
//! the shards are indexed one at a time, so memory is bounded by the largest shard, not
//! the archive. Pagefind's own cost also grows faster than its records (it looks each
//! new record's address up among all the records it holds), which shards keep small.
//! `pagefind/quire.json` lists the shards and the values of each filter, so the search
//! page fills its filters without downloading the filter files.
//!
//! Where a result sits ("Report, Cabinet, Wednesday 13 October 2021") is stored as a
//! filter value, not as meta: Pagefind searches every meta field's words, and words such
//! as "report" or "committee" would then match every page. Filter values are shown with
//! the result but never searched.
//!
//! The output is deterministic (records go in, in the edition's order, and Pagefind
//! names every file by a hash of its bytes).

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::Diagnostic;
use crate::digest::{Fields, sha256_hex};
use crate::redact::{DocBody, Edition, ItemView, MeetingView, Papers};
use crate::render::Artefact;
use crate::text::{clock_time, long_date, short_date};

/// The folder of the index in the output.
pub const DIR: &str = "pagefind";

/// The files of the index whose names are fixed, whatever was indexed. The others
/// (`pagefind.<hash>.pf_meta`, `fragment/`, `index/`, `filter/` and the language's
/// `wasm.<language>.pagefind`, the list of shards `quire.json` and each year's shard
/// under `<year>/` or `<year>-h1/`) depend on what was indexed: see [`is_named_by_index`].
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
/// Where a result sits, kept as a filter value so that its words are shown, not searched.
pub const CONTEXT: &str = "context";
/// The members' edition's marking, kept as a filter value for the same reason: as words
/// of a page (or of its metadata, which Pagefind searches too) it would match every page.
const MARKING: &str = "marking";

/// The list of shards and filter values, read by the search page.
pub const LIST: &str = "pagefind/quire.json";

/// Every record of the edition, in a fixed order: committees, meetings, documents,
/// councillors, pages.
#[cfg(test)]
pub fn records(ed: &Edition) -> Vec<Record> {
    records_in(ed, None)
}

/// The records of one shard (all of them for `None`), in the edition's order. A shard's
/// records are made only when it is its turn: the words of a whole archive's pages are
/// a hundred megabytes or more.
fn records_in(ed: &Edition, shard: Option<&Shard>) -> Vec<Record> {
    let mut out = Vec::new();
    each_record(ed, shard, &mut |_, r| out.push(r));
    out
}

/// Hands the records of one shard (all of them for `None`) to `take`, one at a time, in
/// the edition's order, each with the month of its meeting (1 to 12; 0 for a record of
/// no meeting): a shard is keyed and weighed a month at a time without holding its
/// words.
fn each_record(ed: &Edition, shard: Option<&Shard>, take: &mut dyn FnMut(u8, Record)) {
    // Pagefind leaves out a record without words: every page is found by its title at
    // least.
    let mut out = |month: u8, mut r: Record| {
        if r.text.split_whitespace().next().is_none() {
            r.text = r.title.clone();
        }
        take(month, r);
    };
    let in_site = shard.is_none_or(|s| *s == Shard::Site);
    let in_meeting = |m: usize| shard.is_none_or(|s| s.holds(ed.meetings()[m].date));
    let month = |m: usize| u8::from(ed.meetings()[m].date.month());
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
    for c in ed.committees().iter().filter(|_| in_site) {
        out(
            0,
            Record {
                url: c.url.clone(),
                title: c.name.clone(),
                context: "Committee".into(),
                text: c
                    .description
                    .as_ref()
                    .map(|d| d.words(usize::MAX))
                    .unwrap_or_default(),
                filters: filters("Committee", Some(c.name.as_str()), None),
            },
        );
    }
    for (i, m) in (ed.meetings().iter().enumerate()).filter(|(i, _)| in_meeting(*i)) {
        let committee = &ed.committees()[m.committee].name;
        // Items are empty while the audience may not see the papers.
        let mut text = match m.papers {
            Papers::Published(_) => String::new(),
            Papers::NotYet(d) => format!("Papers will be published on {}. ", short_date(d)),
            Papers::NotScheduled => "Papers are not published yet. ".to_string(),
        };
        // When and where it meets are found as words of the meeting (its context is
        // shown, not searched).
        let when = format!(
            "{}{}, {}",
            long_date(m.date),
            m.time
                .map(|t| format!(", {}", clock_time(t)))
                .unwrap_or_default(),
            m.venue
        );
        text = format!("{when}. {text}");
        item_words(&m.items, &mut text);
        out(
            month(i),
            Record {
                url: m.url.clone(),
                title: ed.meeting_title(m),
                context: format!("Meeting, {when}"),
                text: text.trim().to_string(),
                filters: filters("Meeting", Some(committee.as_str()), Some(m.date.year())),
            },
        );
    }
    for d in ed.documents() {
        if !in_meeting(d.meeting) {
            continue;
        }
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
        out(
            month(d.meeting),
            Record {
                url: d.url.clone(),
                title: d.title.clone(),
                context: format!("{}, {}", d.kind.label(), ed.meeting_title(m)),
                text,
                filters: filters(
                    d.kind.label(),
                    Some(committee.as_str()),
                    Some(m.date.year()),
                ),
            },
        );
    }
    for p in ed.members().iter().filter(|_| in_site) {
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
        out(
            0,
            Record {
                url: p.url.clone(),
                title: p.name.clone(),
                context: "Councillor".into(),
                text,
                filters: f,
            },
        );
    }
    for p in ed.pages().iter().filter(|_| in_site) {
        out(
            0,
            Record {
                url: p.url.clone(),
                title: p.title.clone(),
                context: "Page".into(),
                text: p.body.words(usize::MAX),
                filters: filters("Page", None, None),
            },
        );
    }
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

/// What every record of an edition is fed to Pagefind with.
#[derive(Debug, Clone)]
struct Setup {
    /// Pagefind's language: see [`language`].
    language: String,
    /// The members' edition's marking (see [`Edition::marking`]), kept as a filter of
    /// every record (see [`MARKING`]): a fragment holds a page's title, words and filters,
    /// so a copy of one is known.
    marking: Option<&'static str>,
}

impl Setup {
    fn of(ed: &Edition) -> Setup {
        Setup {
            language: language(ed),
            marking: ed.marking(),
        }
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
const FORMAT: &str = "quire-search-v2";
/// The Pagefind crate the index is made with (its files change with it).
const PAGEFIND: &str = "pagefind-1.6";

/// Which index a record goes in: the year of its meeting (or a part of that year, see
/// [`Shard::Part`]), or the site's own shard (committees, councillors, free pages) for a
/// record without a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shard {
    Site,
    Year(String),
    /// The months `first..=last` (1 to 12) of a year: the newest year with published
    /// papers is in halves, and a year or half whose records weigh more than [`CAP`]
    /// is in parts of a few months (see [`parts`]).
    Part(String, u8, u8),
}

/// The order of the list: the site's shard, then by time, oldest first (a year before
/// its parts, which are never in the same build).
impl Ord for Shard {
    fn cmp(&self, other: &Shard) -> std::cmp::Ordering {
        let key = |s: &Shard| match s {
            Shard::Site => (0, 0, String::new(), 0),
            Shard::Year(y) => (1, y.len(), y.clone(), 0),
            Shard::Part(y, first, _) => (1, y.len(), y.clone(), *first),
        };
        key(self).cmp(&key(other))
    }
}

impl PartialOrd for Shard {
    fn partial_cmp(&self, other: &Shard) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The most a shard's records may weigh (see [`weight`]) before its year, or half year,
/// is indexed in parts. Pagefind holds a shard's every word with its positions while it
/// indexes it, about fifteen times the words' bytes, and takes about 0.15 s a megabyte:
/// a year of long reports (25 MB of words in the benchmark's corpus B; more at some
/// councils) took 480 MB and 3.8 s to index again after one edit. Parts bound both by
/// this weight, whatever a year holds. A year of short papers (5,000 of them, 6 MB with
/// the records' own weight, in corpus A) stays whole: each part is one more set of
/// files a search over all years fetches.
const CAP: usize = 8 << 20;

/// The environment variable that sets another cap than [`CAP`], in bytes: for tests,
/// which cannot afford 8 MB of papers, and for a machine with little memory.
pub const CAP_VARIABLE: &str = "QUIRE_SEARCH_PART_BYTES";

/// The cap this build cuts years into parts by: [`CAP_VARIABLE`] if it is a number above
/// zero, otherwise [`CAP`].
fn cap() -> usize {
    (std::env::var(CAP_VARIABLE).ok())
        .and_then(|v| v.trim().parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or(CAP)
}

/// What a record weighs for Pagefind: its words, and what each record costs besides
/// (measured: 5,000 short records cost Pagefind as much as 2.5 MB more words).
fn weight(r: &Record) -> usize {
    r.text.len() + r.title.len() + 512
}

/// The year a meeting on `date` is indexed under, as its records' `year` filter gives
/// it; none for a year that cannot be a folder's name (it stays in the site's shard).
fn year_of(date: time::Date) -> Option<String> {
    match Shard::of_value(Some(&date.year().to_string())) {
        Shard::Year(y) => Some(y),
        _ => None,
    }
}

/// The year in halves: that of the newest meeting whose papers are published (or of
/// the newest meeting, if none are), and that newest published meeting's day, whose
/// shard a search over all years answers from first. (Not the newest year of meetings:
/// a council sets its meetings a year ahead, and a year of meetings whose papers are
/// not out yet holds almost nothing to find.)
fn newest(ed: &Edition) -> (Option<String>, Option<time::Date>) {
    let published = |m: &&MeetingView| matches!(m.papers, Papers::Published(_));
    let newest = (ed.meetings().iter().filter(published))
        .map(|m| m.date)
        .max();
    let split = newest.or_else(|| ed.meetings().iter().map(|m| m.date).max());
    (split.and_then(year_of), newest)
}

/// The shards of one year, given the weight of its records in each month that has any
/// (`months`, by month 1 to 12, in order): the whole year, or its halves when
/// `halves`, and any of those that weighs more than `cap` cut into parts of whole
/// months, in order, each as heavy as it can be without going over (a month heavier
/// than `cap` is a part of its own). Only parts with a month of records are shards.
fn parts(year: &str, months: &[(u8, usize)], halves: bool, cap: usize) -> Vec<Shard> {
    let spans: &[(u8, u8)] = if halves {
        &[(1, 6), (7, 12)]
    } else {
        &[(1, 12)]
    };
    let mut out = Vec::new();
    for &(from, to) in spans {
        let within = || (months.iter()).filter(|(m, _)| (from..=to).contains(m));
        if within().next().is_none() {
            continue;
        }
        let mut start = from;
        let mut held = 0usize;
        for &(month, w) in within() {
            if held > 0 && held.saturating_add(w) > cap {
                out.push((start, month - 1));
                start = month;
                held = 0;
            }
            held = held.saturating_add(w);
        }
        out.push((start, to));
    }
    // A part with no month of records is no shard; a year that came out whole is a year.
    out.retain(|(a, b)| months.iter().any(|(m, _)| (*a..=*b).contains(m)));
    if out == [(1, 12)] {
        return vec![Shard::Year(year.to_string())];
    }
    (out.into_iter())
        .map(|(a, b)| Shard::Part(year.to_string(), a, b))
        .collect()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Shard {
    fn of_value(year: Option<&String>) -> Shard {
        match year {
            // A year is digits (the edition's dates); anything else stays in the site's
            // shard rather than becoming a folder name.
            Some(y) if !y.is_empty() && y.len() <= 6 && y.bytes().all(|b| b.is_ascii_digit()) => {
                Shard::Year(y.clone())
            }
            _ => Shard::Site,
        }
    }

    /// Whether the records of a meeting on `date` go in this shard.
    fn holds(&self, date: time::Date) -> bool {
        let month = u8::from(date.month());
        match (self, year_of(date)) {
            (Shard::Site, year) => year.is_none(),
            (Shard::Year(y), Some(year)) => *y == year,
            (Shard::Part(y, a, b), Some(year)) => *y == year && (*a..=*b).contains(&month),
            _ => false,
        }
    }

    /// Whether the records of this month of its year (0: of no meeting) go in it.
    fn has_month(&self, month: u8) -> bool {
        match self {
            Shard::Site | Shard::Year(_) => true,
            Shard::Part(_, a, b) => (*a..=*b).contains(&month),
        }
    }

    /// Its name in the list (`2021`, `2024-h2`, `2016-jan-apr`, `2016-mar`), and in the
    /// output and the cache; none for the site's shard. Halves keep the names they had
    /// before years were cut into parts.
    fn name(&self) -> Option<String> {
        let short = |m: u8| MONTHS[usize::from(m.clamp(1, 12)) - 1][..3].to_ascii_lowercase();
        match self {
            Shard::Site => None,
            Shard::Year(y) => Some(y.clone()),
            Shard::Part(y, 1, 6) => Some(format!("{y}-h1")),
            Shard::Part(y, 7, 12) => Some(format!("{y}-h2")),
            Shard::Part(y, a, b) if a == b => Some(format!("{y}-{}", short(*a))),
            Shard::Part(y, a, b) => Some(format!("{y}-{}-{}", short(*a), short(*b))),
        }
    }

    /// The year of its meetings.
    fn year(&self) -> Option<&str> {
        match self {
            Shard::Site => None,
            Shard::Year(y) | Shard::Part(y, ..) => Some(y),
        }
    }

    /// What its meetings' time is called on the search page ("From July to December
    /// 2024: …", "March 2016").
    fn label(&self) -> Option<String> {
        let long = |m: u8| MONTHS[usize::from(m.clamp(1, 12)) - 1];
        match self {
            Shard::Site => None,
            Shard::Year(y) => Some(y.clone()),
            Shard::Part(y, a, b) if a == b => Some(format!("{} {y}", long(*a))),
            Shard::Part(y, a, b) => Some(format!("{} to {} {y}", long(*a), long(*b))),
        }
    }

    /// Its folder in the output, ending in `/`.
    pub fn dir(&self) -> String {
        match self.name() {
            None => format!("{DIR}/"),
            Some(name) => format!("{DIR}/{name}/"),
        }
    }

    /// Its file in the cache folder.
    fn cache_name(&self) -> String {
        match self.name() {
            None => "site.bin".into(),
            Some(name) => format!("{name}.bin"),
        }
    }
}

/// The records in shards by their `year` filter alone (no year is split in halves, as
/// the records do not say their month), in a fixed order (the site's shard first, then
/// years ascending), each keeping the edition's order. The site's shard is always there,
/// even empty: it carries Pagefind's program.
#[cfg(test)]
pub fn shards(records: Vec<Record>) -> Vec<(Shard, Vec<Record>)> {
    let mut map: BTreeMap<Shard, Vec<Record>> = BTreeMap::new();
    map.insert(Shard::Site, Vec::new());
    for r in records {
        let year = r.filters.get(YEAR).and_then(|v| v.first());
        map.entry(Shard::of_value(year)).or_default().push(r);
    }
    map.into_iter().collect()
}

/// A shard's cache key: a SHA-256 of every setting fed to Pagefind and, a month at a
/// time, of every record (see [`Weighed`]).
struct Key(Fields);

impl Key {
    fn new(shard: &Shard, setup: &Setup) -> Key {
        let mut k = Fields::new();
        k.field(FORMAT.as_bytes())
            .field(PAGEFIND.as_bytes())
            .field(env!("CARGO_PKG_VERSION").as_bytes())
            .field(setup.language.as_bytes())
            .field(setup.marking.unwrap_or_default().as_bytes())
            .field(shard.dir().as_bytes())
            // Pagefind reads this setting from the environment: it changes the chunks.
            .field(
                std::env::var("PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE")
                    .unwrap_or_default()
                    .as_bytes(),
            );
        Key(k)
    }

    /// The key of `shard`, one of the shards of the year (or the site's shard) whose
    /// records were weighed as `months`: its settings and the hash of each of its months.
    fn of(shard: &Shard, months: &Months, setup: &Setup) -> String {
        let mut k = Key::new(shard, setup);
        for (month, (_, hash)) in months.iter().filter(|(m, _)| shard.has_month(**m)) {
            k.0.field(&[*month]).field(hash.as_bytes());
        }
        k.0.hex()
    }
}

/// Adds a record, every field of it that is fed to Pagefind, to a hash.
fn add_record(k: &mut Fields, r: &Record) {
    k.field(r.url.as_bytes())
        .field(r.title.as_bytes())
        .field(r.context.as_bytes())
        .field(r.text.as_bytes())
        .count(r.filters.len());
    for (name, values) in &r.filters {
        k.field(name.as_bytes()).count(values.len());
        for v in values {
            k.field(v.as_bytes());
        }
    }
}

/// A year's records (or the site's shard's) by the month of their meeting (0 for a
/// record of no meeting): what they weigh (see [`weight`]) and a hash of them, in the
/// edition's order.
type Months = BTreeMap<u8, (usize, String)>;

/// The records of a year, or of the site's shard, weighed and hashed a month at a time
/// without holding their words: what decides the year's parts and each part's key.
struct Weighed {
    /// [`Shard::Site`] or a [`Shard::Year`].
    shard: Shard,
    months: Months,
    values: Values,
}

impl Weighed {
    fn of(ed: &Edition, shard: Shard) -> Weighed {
        let mut months: BTreeMap<u8, (usize, Fields)> = BTreeMap::new();
        let mut values = Values::new();
        each_record(ed, Some(&shard), &mut |month, r| {
            let (w, hash) = months.entry(month).or_default();
            *w = w.saturating_add(weight(&r));
            add_record(hash, &r);
            add_values(std::slice::from_ref(&r), &mut values);
        });
        let months = (months.into_iter())
            .map(|(m, (w, hash))| (m, (w, hash.hex())))
            .collect();
        Weighed {
            shard,
            months,
            values,
        }
    }

    /// The shards its records go in: the site's shard whole, a year whole or in parts.
    fn shards(&self, halved: Option<&str>) -> Vec<Shard> {
        match &self.shard {
            Shard::Year(y) => {
                let weights: Vec<(u8, usize)> =
                    self.months.iter().map(|(m, (w, _))| (*m, *w)).collect();
                parts(y, &weights, halved == Some(y.as_str()), cap())
            }
            other => vec![other.clone()],
        }
    }
}

/// The list the search page reads first: the year shards to merge, newest first, and the
/// values of each filter it offers, so it fills its filters without Pagefind's filter
/// files (which it fetches only when a filter is used).
#[cfg(test)]
fn list(shards: &[(Shard, Vec<Record>)], first: Option<&Shard>, entries: &Entries) -> Vec<u8> {
    let mut values = Values::new();
    let mut dated = Kinds::new();
    for (shard, records) in shards {
        let mut more = Values::new();
        add_values(records, &mut more);
        note_kinds(shard, &more, &mut dated);
        add_values_of(more, &mut values);
    }
    list_of(
        shards.iter().map(|(s, _)| s),
        first,
        &values,
        &dated,
        entries,
    )
}

/// The values of each filter the search page offers.
type Values = BTreeMap<&'static str, std::collections::BTreeSet<String>>;

fn add_values(records: &[Record], values: &mut Values) {
    for r in records {
        for name in [COMMITTEE, YEAR, KIND] {
            for v in r.filters.get(name).into_iter().flatten() {
                values.entry(name).or_default().insert(v.clone());
            }
        }
    }
}

/// The kinds of page found in some year's shard.
type Kinds = std::collections::BTreeSet<String>;

/// Adds the kinds of a year shard's records (`values`) to `dated`.
fn note_kinds(shard: &Shard, values: &Values, dated: &mut Kinds) {
    if let (Some(_), Some(kinds)) = (shard.year(), values.get(KIND)) {
        dated.extend(kinds.iter().cloned());
    }
}

fn add_values_of(more: Values, values: &mut Values) {
    for (name, set) in more {
        values.entry(name).or_default().extend(set);
    }
}

/// What the search page needs to know of a shard's entry (`pagefind-entry.json`) to
/// fetch the files Pagefind will ask for, before Pagefind has read the entry: a tag that
/// changes whenever the entry does (Pagefind's `metaCacheTag`, so the entry's address
/// is stable and can be cached), and the names of its metadata file and, in the site's
/// shard, its wasm.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
struct Entry {
    tag: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wasm: Option<String>,
}

/// The entries of each shard, by its folder in the site (`/pagefind/`, `/pagefind/2021/`).
type Entries = BTreeMap<String, Entry>;

/// The length of an entry's tag in hexadecimal digits: 48 bits of a SHA-256 of the entry.
const TAG: usize = 12;

/// The entry of `shard` among its files, if they hold it. The tag is a hash of the
/// entry's bytes, so it is the same whether the shard was made or taken from the cache,
/// and changes whenever the entry does (the entry names the metadata file by a hash of
/// the index).
fn entry_of<'f>(
    shard: &Shard,
    files: impl IntoIterator<Item = (&'f str, &'f [u8])>,
) -> Option<Entry> {
    let want = format!("{}pagefind-entry.json", shard.dir());
    let (_, bytes) = files.into_iter().find(|(path, _)| *path == want)?;
    let tag = sha256_hex(bytes)[..TAG].to_string();
    // The search page knows which language Pagefind picks only when the entry has one
    // (quire forces the site's): otherwise it names no file, and Pagefind finds them.
    let json: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    let languages = json.get("languages").and_then(|l| l.as_object());
    let only = languages
        .filter(|l| l.len() == 1)
        .and_then(|l| l.values().next());
    let name = |field: &str| only.and_then(|l| l.get(field)).and_then(|v| v.as_str());
    let safe = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    };
    Some(Entry {
        tag,
        meta: name("hash")
            .filter(|h| safe(h))
            .map(|h| format!("pagefind.{h}.pf_meta")),
        wasm: (*shard == Shard::Site)
            .then(|| name("wasm").unwrap_or("unknown"))
            .filter(|w| safe(w))
            .map(|w| format!("wasm.{w}.pagefind")),
    })
}

/// The page's list of shards (years and halves, newest first), with the year of each
/// (what a search in one year needs) and what to call it, and the shard a search over
/// all years answers from `first` (that of the newest published papers); the filter
/// values and each shard's entry; and the kinds of page that only the site's shard
/// holds (committees, councillors: pages with no year), so that a search for one of
/// those kinds loads no year shard and is complete at once.
fn list_of<'s>(
    shards: impl DoubleEndedIterator<Item = &'s Shard>,
    first: Option<&Shard>,
    values: &Values,
    dated: &Kinds,
    entries: &Entries,
) -> Vec<u8> {
    let dated_shards: Vec<&Shard> = shards.rev().filter(|s| s.year().is_some()).collect();
    let names = |of: fn(&Shard) -> Option<String>| -> BTreeMap<String, String> {
        (dated_shards.iter())
            .filter_map(|s| Some((s.name()?, of(s)?)))
            .collect()
    };
    let years: Vec<String> = dated_shards.iter().filter_map(|s| s.name()).collect();
    let yearless: Vec<&String> = (values.get(KIND).into_iter().flatten())
        .filter(|kind| !dated.contains(*kind))
        .collect();
    let json = serde_json::json!({
        "shards": years,
        "first": first.and_then(Shard::name),
        "years": names(|s| s.year().map(str::to_string)),
        "labels": names(Shard::label),
        "filters": values,
        "yearless": yearless,
        "entries": entries,
    });
    let mut out = serde_json::to_vec(&json).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The search index of the edition, as files under `pagefind/`. With a
/// cache folder (`.quire-cache/<edition>/`), each shard is read from `search/` there when
/// nothing fed to it changed, and saved there when it was made; shards are made one at a
/// time.
///
/// Each shard's files go to `put` as soon as they are made or read from the cache, so the
/// index of a large archive (a hundred megabytes of fragments) is never held whole.
pub fn index(ed: &Edition, cache: Option<&Path>, put: &mut Put<'_>) -> Result<(), Vec<Diagnostic>> {
    Index::start(ed, cache, put, HOLD)?.finish(put)
}

/// Where the files of the index go, a shard at a time.
pub type Put<'a> = dyn FnMut(Vec<Artefact>) -> Result<(), Vec<Diagnostic>> + 'a;

/// The most words of records [`Index::start`] holds for Pagefind, in bytes: a rebuild's
/// changed shards (a year or two) fit, and a first build of a large archive indexes
/// the rest at once instead of holding every record.
pub const HOLD: usize = 96 << 20;

/// The records of each shard the cache does not hold, made again on all cores and kept
/// while the words kept stay within `hold`; the others are dropped once made, so memory
/// stays bounded as when shards were made one at a time.
fn held_records(
    ed: &Edition,
    missing: &[(Shard, String)],
    hold: usize,
) -> Vec<Option<Vec<Record>>> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let held = AtomicUsize::new(0);
    (missing.par_iter())
        .map(|(shard, _)| {
            let records = records_in(ed, Some(shard));
            let words: usize = records.iter().map(|r| r.text.len()).sum();
            let kept = (held.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |h| {
                h.checked_add(words).filter(|total| *total <= hold)
            }))
            .is_ok();
            kept.then_some(records)
        })
        .collect()
}

/// The search index half made: the shards read from the cache are handed over, and the
/// records of those to index wait for [`Index::finish`]. Made in two steps so that a
/// build can drop the edition before Pagefind, whose indexing of a year of a large
/// archive takes a hundred megabytes or more, runs: the two are then never in memory
/// together.
pub struct Index {
    setup: Setup,
    /// Every shard, in order.
    shards: Vec<Shard>,
    /// The shard of the newest published papers.
    first: Option<Shard>,
    /// The shards still to index, with their cache keys and records.
    waiting: Vec<(Shard, String, Vec<Record>)>,
    values: Values,
    /// The kinds of page in some year's shard.
    dated: Kinds,
    /// Each shard's entry, as its files are handed over.
    entries: Entries,
    /// The search folder of the cache, if any.
    dir: Option<std::path::PathBuf>,
    indexed: usize,
    runtime: Option<tokio::runtime::Runtime>,
    started: std::time::Instant,
}

impl Index {
    /// Weighs and keys every shard, and hands over the shards the cache holds. The
    /// records of the others are made again and kept for [`Index::finish`] up to `hold`
    /// bytes of words; a shard beyond that is indexed at once.
    pub fn start(
        ed: &Edition,
        cache: Option<&Path>,
        put: &mut Put<'_>,
        hold: usize,
    ) -> Result<Index, Vec<Diagnostic>> {
        let mut index = Index::new(ed, cache);
        let mut missing = Vec::new();
        for (shard, key) in index.plan(ed) {
            if let Some(dir) = &index.dir
                && cache::hand_over(&dir.join(shard.cache_name()), &key, &mut |files| {
                    note(&shard, &files, &mut index.entries);
                    put(artefacts(files))
                })?
            {
                continue;
            }
            missing.push((shard, key));
        }
        let held = held_records(ed, &missing, hold);
        for ((shard, key), records) in missing.into_iter().zip(held) {
            match records {
                Some(records) => index.waiting.push((shard, key, records)),
                // Over `hold`: made again now and indexed at once.
                None => {
                    let records = records_in(ed, Some(&shard));
                    index.make(&shard, &key, records, put)?;
                }
            }
        }
        Ok(index)
    }

    /// The index of `ed`, nothing planned or made yet.
    fn new(ed: &Edition, cache: Option<&Path>) -> Index {
        Index {
            setup: Setup::of(ed),
            shards: Vec::new(),
            first: None,
            waiting: Vec::new(),
            values: Values::new(),
            dated: Kinds::new(),
            entries: Entries::new(),
            dir: cache.map(|c| c.join("search")),
            indexed: 0,
            runtime: None,
            started: std::time::Instant::now(),
        }
    }

    /// Weighs every year's records on all cores (the words of every paper are most of a
    /// rebuild's search time, and years are independent), cuts the years into their
    /// shards, and notes the shards, the first one and the filter values. Gives every
    /// shard, in order, with its cache key.
    fn plan(&mut self, ed: &Edition) -> Vec<(Shard, String)> {
        use rayon::prelude::*;
        // The site's shard is always there, even empty: it carries Pagefind's program.
        let years: std::collections::BTreeSet<Shard> = std::iter::once(Shard::Site)
            .chain(
                ed.meetings()
                    .iter()
                    .filter_map(|m| year_of(m.date).map(Shard::Year)),
            )
            .collect();
        let years: Vec<Shard> = years.into_iter().collect();
        let weighed: Vec<Weighed> = (years.into_par_iter())
            .map(|year| Weighed::of(ed, year))
            .collect();
        let (halved, newest) = newest(ed);
        let mut planned = Vec::new();
        for w in weighed {
            for shard in w.shards(halved.as_deref()) {
                let key = Key::of(&shard, &w.months, &self.setup);
                planned.push((shard, key));
            }
            note_kinds(&w.shard, &w.values, &mut self.dated);
            add_values_of(w.values, &mut self.values);
        }
        planned.sort_by(|a, b| a.0.cmp(&b.0));
        self.shards = planned.iter().map(|(s, _)| s.clone()).collect();
        self.first = newest.and_then(|d| self.shards.iter().find(|s| s.holds(d)).cloned());
        planned
    }

    /// Indexes the shards still waiting, hands over the list of shards, and prunes the
    /// cache of shards no longer made.
    pub fn finish(mut self, put: &mut Put<'_>) -> Result<(), Vec<Diagnostic>> {
        for (shard, key, records) in std::mem::take(&mut self.waiting) {
            self.make(&shard, &key, records, put)?;
        }
        put(vec![Artefact::bytes(
            LIST,
            list_of(
                self.shards.iter(),
                self.first.as_ref(),
                &self.values,
                &self.dated,
                &self.entries,
            ),
        )])?;
        if let Some(dir) = &self.dir {
            let kept: Vec<String> = self.shards.iter().map(Shard::cache_name).collect();
            cache::prune(dir, &kept);
        }
        // Part of the "search" phase of QUIRE_TIMINGS (which also counts the gate reading
        // the index and the writer).
        if std::env::var_os("QUIRE_TIMINGS").is_some() {
            eprintln!(
                "timing:   search index {:.2}s ({} of {} shards indexed, the others from the cache)",
                self.started.elapsed().as_secs_f64(),
                self.indexed,
                self.shards.len()
            );
        }
        Ok(())
    }

    /// Indexes one shard, keeps it in the cache and hands it over.
    fn make(
        &mut self,
        shard: &Shard,
        key: &str,
        records: Vec<Record>,
        put: &mut Put<'_>,
    ) -> Result<(), Vec<Diagnostic>> {
        self.indexed += 1;
        let files = made(shard, records, &self.setup, &mut self.runtime).map_err(|e| vec![e])?;
        if let Some(dir) = &self.dir {
            cache::store(&dir.join(shard.cache_name()), key, &files);
        }
        note(shard, &files, &mut self.entries);
        put(artefacts(files))
    }
}

/// Keeps the entry of `shard` if `files` (all or part of its files) hold it.
fn note(shard: &Shard, files: &[(String, Vec<u8>)], entries: &mut Entries) {
    let files = files.iter().map(|(p, b)| (p.as_str(), b.as_slice()));
    if let Some(entry) = entry_of(shard, files) {
        entries.insert(format!("/{}", shard.dir()), entry);
    }
}

/// One shard indexed by Pagefind, or the build's error.
fn made(
    shard: &Shard,
    records: Vec<Record>,
    setup: &Setup,
    runtime: &mut Option<tokio::runtime::Runtime>,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let fail = |e: String| {
        Diagnostic::error(
            "site.toml",
            None,
            format!("the search index ({}) could not be made: {e}", shard.dir()),
        )
        .hint("this is a fault in quire, not in the papers: report it with this message; the rest of the site was not written either")
    };
    // Pagefind reads the current folder (and stops if it is gone): say so plainly.
    if std::env::current_dir().is_err() {
        return Err(Diagnostic::error(
            "site.toml",
            None,
            "the search index (pagefind/) cannot be made: the folder this command was run from no longer exists",
        )
        .hint("change to the site folder (cd) and build again"));
    }
    if runtime.is_none() {
        *runtime = Some(
            tokio::runtime::Builder::new_current_thread()
                .build()
                .map_err(|e| fail(format!("cannot start the indexer: {e}")))?,
        );
    }
    let Some(rt) = runtime.as_ref() else {
        return Err(fail("cannot start the indexer".into()));
    };
    // A fault inside Pagefind stops the build with a message, not a crash.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        build(rt, shard, records, setup)
    }))
    .unwrap_or_else(|_| Err("the indexer stopped unexpectedly".to_string()))
    .map_err(fail)
}

fn artefacts(files: Vec<(String, Vec<u8>)>) -> Vec<Artefact> {
    files
        .into_iter()
        .map(|(path, bytes)| Artefact::bytes(path, bytes))
        .collect()
}

/// Pagefind's files the search page uses from a shard: its program only from the site's
/// shard (a merged index uses the first one's), never its ready-made interfaces.
fn wanted(shard: &Shard, name: &str) -> bool {
    let program = !name.contains('/')
        && (name.starts_with("pagefind.js")
            || name.starts_with("pagefind-worker")
            || name.starts_with("wasm."));
    let ui = name.starts_with("pagefind-ui.")
        || name.starts_with("pagefind-modular-ui.")
        || name.starts_with("pagefind-component-ui.")
        || name == "pagefind-highlight.js"
        || name.starts_with("playground/");
    !ui && (*shard == Shard::Site || !program)
}

/// Feeds one shard's records to Pagefind and returns its files as (output path, bytes),
/// sorted. The records are moved in, and Pagefind's state is dropped before returning.
fn build(
    runtime: &tokio::runtime::Runtime,
    shard: &Shard,
    records: Vec<Record>,
    setup: &Setup,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;

    let prefix = shard.dir();
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .force_language(setup.language.clone())
            .keep_index_url(true)
            .build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        for r in records {
            let meta = BTreeMap::from([("title".to_string(), r.title)]);
            let mut filters = r.filters;
            filters.insert(CONTEXT.to_string(), vec![r.context]);
            if let Some(marking) = setup.marking {
                filters.insert(MARKING.to_string(), vec![marking.to_string()]);
            }
            index
                .add_custom_record(
                    r.url.clone(),
                    r.text,
                    setup.language.clone(),
                    Some(meta),
                    Some(filters),
                    None,
                )
                .await
                .map_err(|e| format!("{}: {e}", r.url))?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        drop(index);
        let mut out: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .filter_map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                wanted(shard, &name).then(|| (format!("{prefix}{name}"), f.contents))
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok::<Vec<(String, Vec<u8>)>, String>(out)
    })
}

mod cache {
    //! Each shard of the last build's index, kept in one file in `search/` in the
    //! edition's cache folder (`site.bin`, `<year>.bin`). A file holds the shard's key,
    //! then each file as its path and bytes. A file that is missing, damaged or made for
    //! other records is not used.

    // The search cache keeps the last index between builds: it may touch the disk, like
    // the pack cache (see clippy.toml).
    #![allow(clippy::disallowed_methods)]

    use std::path::Path;

    // The layout of a file is unchanged since the single index (tests/it/common/scan.rs
    // reads it): what changed is in the key (FORMAT).
    const MAGIC: &[u8] = b"quire-search-cache-v1\n";

    /// The files of the shard saved in `file` with `key`, if it is whole.
    #[cfg(test)]
    pub fn load(file: &Path, key: &str) -> Option<Vec<(String, Vec<u8>)>> {
        let mut files = Vec::new();
        let whole = walk(file, key, true, &mut |path, bytes| {
            files.push((path, bytes));
            Ok::<(), ()>(())
        });
        (whole == Ok(true)).then_some(files)
    }

    /// The bytes of files [`hand_over`] reads before handing them over.
    const PART: usize = 4 << 20;

    /// Files of a shard, as (output path, bytes).
    type Files = Vec<(String, Vec<u8>)>;

    /// Hands the files of the shard saved in `file` with `key` to `put`, a few
    /// megabytes at a time, so that a year's index (tens of megabytes) is never in
    /// memory whole. False, with nothing handed over, if the file is missing, damaged or
    /// was saved for other records.
    pub fn hand_over<E>(
        file: &Path,
        key: &str,
        put: &mut dyn FnMut(Files) -> Result<(), E>,
    ) -> Result<bool, E> {
        // Checked whole first: a shard handed over in part could not be made again, as
        // its first files would then be written twice. (The cache folder is the build's
        // own: the file does not change between the two readings.)
        if !walk(file, key, false, &mut |_, _| Ok(()))? {
            return Ok(false);
        }
        let (mut part, mut bytes) = (Vec::new(), 0);
        let whole = walk(file, key, true, &mut |path, contents| {
            bytes += contents.len();
            part.push((path, contents));
            if bytes < PART {
                return Ok(());
            }
            bytes = 0;
            put(std::mem::take(&mut part))
        })?;
        if !part.is_empty() {
            put(part)?;
        }
        Ok(whole)
    }

    /// Reads the files of the shard saved in `file` with `key` in order, handing each
    /// one's path and (with `read`) bytes to `each`. False if the file is missing,
    /// damaged or was saved for other records; the files handed over until then are
    /// not to be used.
    fn walk<E>(
        file: &Path,
        key: &str,
        read: bool,
        each: &mut dyn FnMut(String, Vec<u8>) -> Result<(), E>,
    ) -> Result<bool, E> {
        let Some(mut r) = Fields::open(file) else {
            return Ok(false);
        };
        if r.magic() != Some(true) || r.field(true).as_deref() != Some(key.as_bytes()) {
            return Ok(false);
        }
        while r.left > 0 {
            let Some(path) = r.field(true).and_then(|p| String::from_utf8(p).ok()) else {
                return Ok(false);
            };
            let Some(contents) = r.field(read) else {
                return Ok(false);
            };
            each(path, contents)?;
        }
        Ok(true)
    }

    /// A shard's file read a field at a time: each is its length (8 bytes, little
    /// endian), then its bytes.
    struct Fields {
        r: std::io::BufReader<std::fs::File>,
        /// Bytes not read yet.
        left: u64,
    }

    impl Fields {
        fn open(file: &Path) -> Option<Fields> {
            let f = std::fs::File::open(file).ok()?;
            let left = f.metadata().ok()?.len();
            Some(Fields {
                r: std::io::BufReader::with_capacity(1 << 16, f),
                left,
            })
        }

        fn bytes(&mut self, n: u64) -> Option<Vec<u8>> {
            use std::io::Read;
            self.left = self.left.checked_sub(n)?;
            let mut out = vec![0; usize::try_from(n).ok()?];
            self.r.read_exact(&mut out).ok()?;
            Some(out)
        }

        fn magic(&mut self) -> Option<bool> {
            Some(self.bytes(MAGIC.len() as u64)? == MAGIC)
        }

        /// The next field, or without `read` an empty one with its bytes skipped.
        fn field(&mut self, read: bool) -> Option<Vec<u8>> {
            let len = self.bytes(8)?;
            let n = u64::from_le_bytes(len.try_into().ok()?);
            if read {
                return self.bytes(n);
            }
            self.left = self.left.checked_sub(n)?;
            self.r.seek_relative(i64::try_from(n).ok()?).ok()?;
            Some(Vec::new())
        }
    }

    /// The key `file` was saved with, reading only the start of it (a key is a SHA-256
    /// in hexadecimal): a shard found here is handed over by [`hand_over`], which checks
    /// the whole file.
    #[cfg(test)]
    pub fn stored_key(file: &Path) -> Option<Vec<u8>> {
        use std::io::Read;
        const KEY: usize = 64;
        let want = MAGIC.len() + 8 + KEY;
        let mut head = Vec::with_capacity(want);
        std::fs::File::open(file)
            .and_then(|f| f.take(want as u64).read_to_end(&mut head))
            .ok()?;
        let mut rest = head.strip_prefix(MAGIC)?;
        take(&mut rest).map(<[u8]>::to_vec)
    }

    #[cfg(test)]
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

    /// Whether `file` is a shard saved with `key`, reading only the start of it.
    #[cfg(test)]
    pub fn holds(file: &Path, key: &str) -> bool {
        stored_key(file).is_some_and(|stored| stored == key.as_bytes())
    }

    /// Saves a shard. Failing to write the cache never fails the build.
    pub fn store(file: &Path, key: &str, files: &[(String, Vec<u8>)]) {
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
            let dir = file.parent().unwrap_or(Path::new("."));
            std::fs::create_dir_all(dir)?;
            let name = file.file_name().unwrap_or_default().to_string_lossy();
            let tmp = dir.join(format!("{name}.tmp-{}", std::process::id()));
            std::fs::write(&tmp, &out)?;
            std::fs::rename(&tmp, file)
        })();
    }

    /// Removes the cached shards this build did not use (a year no longer published, the
    /// single index of older versions), so the cache does not grow for ever.
    pub fn prune(dir: &Path, kept: &[String]) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".bin") && !kept.contains(&name) {
                let _ = std::fs::remove_file(e.path());
            }
        }
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

    fn in_year(mut r: Record, year: &str) -> Record {
        r.filters.insert(YEAR.to_string(), vec![year.to_string()]);
        r
    }

    /// What the public edition's records are fed with.
    fn en() -> Setup {
        Setup {
            language: "en".into(),
            marking: None,
        }
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
    }

    /// The example site's public edition.
    fn example() -> Edition {
        example_on(time::macros::date!(2026 - 11 - 22))
    }

    /// The example site's public edition built as if on `as_of`.
    fn example_on(as_of: time::Date) -> Edition {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut diags = crate::diag::Diagnostics::default();
        let config = crate::config::load(&root, &mut diags).expect("site.toml");
        let mut sources = crate::load::load(&root, &mut diags);
        let lib = crate::model::build(config, &mut sources, &mut diags);
        crate::redact::edition(&lib, crate::redact::Audience::Public, as_of)
    }

    #[test]
    fn each_shard_makes_its_own_records_and_the_index_lists_them_all() {
        let ed = example();
        let whole: Vec<(Shard, Vec<Record>)> = (planned(&ed).0.into_iter())
            .map(|s| {
                let own = records_in(&ed, Some(&s));
                (s, own)
            })
            .collect();
        assert!(whole.len() > 2, "the example has several years");
        // Every record is in one shard, and each shard has some (the site's always).
        let mut each: Vec<&str> = whole
            .iter()
            .flat_map(|(_, rs)| rs.iter().map(|r| r.url.as_str()))
            .collect();
        let all = records(&ed);
        let mut urls: Vec<&str> = all.iter().map(|r| r.url.as_str()).collect();
        each.sort_unstable();
        urls.sort_unstable();
        assert_eq!(each, urls);
        assert!(
            whole
                .iter()
                .all(|(s, rs)| !rs.is_empty() || *s == Shard::Site)
        );
        let mut files = Vec::new();
        index(&ed, None, &mut |made| {
            files.extend(made);
            Ok(())
        })
        .unwrap();
        let listed = files.iter().find(|a| a.path == LIST).expect("the list");
        let crate::render::Contents::Bytes(bytes) = &listed.contents else {
            panic!("bytes")
        };
        let by_path = bytes_of(&files);
        let mut entries = Entries::new();
        for (shard, _) in &whole {
            let entry = format!("{}pagefind-entry.json", shard.dir());
            assert!(files.iter().any(|a| a.path == entry), "{entry}");
            let e = entry_of(shard, by_path.iter().copied()).expect("an entry");
            // The files the page fetches ahead are the shard's own.
            let has = |name: &str| {
                by_path
                    .iter()
                    .any(|(p, _)| *p == format!("{}{name}", shard.dir()))
            };
            assert!(has(e.meta.as_deref().expect("one language")), "{e:?}");
            match shard {
                Shard::Site => assert!(has(e.wasm.as_deref().expect("the wasm")), "{e:?}"),
                Shard::Year(_) | Shard::Part(..) => assert_eq!(e.wasm, None),
            }
            entries.insert(format!("/{}", shard.dir()), e);
        }
        assert_eq!(*bytes, list(&whole, planned(&ed).1.as_ref(), &entries));
        let json: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        let listed = json["entries"].as_object().unwrap();
        assert_eq!(listed.len(), whole.len());
        // The newest published papers are those of 8 January 2027 (out on 20 November
        // 2026), so 2027 is in halves, its meetings all in the first.
        assert!(listed.contains_key("/pagefind/") && listed.contains_key("/pagefind/2021/"));
        assert!(listed.contains_key("/pagefind/2027-h1/"), "{listed:?}");
        assert_eq!(json["shards"], serde_json::json!(["2027-h1", "2021"]));
        assert_eq!(json["first"], "2027-h1");
        assert_eq!(json["years"]["2027-h1"], "2027");
        assert_eq!(json["labels"]["2027-h1"], "January to June 2027");
        assert_eq!(json["labels"]["2021"], "2021");
        assert!(listed.values().all(|e| {
            e["tag"]
                .as_str()
                .is_some_and(|t| t.len() == TAG && t.bytes().all(|b| b.is_ascii_hexdigit()))
        }));
    }

    #[test]
    fn an_entry_tag_follows_the_entry_and_names_its_files() {
        let records: Vec<Record> = (0..5)
            .map(|i| record(&format!("/r/{i}/"), &format!("The depot, plot {i}")))
            .collect();
        let rt = runtime();
        let year = Shard::Year("2021".into());
        let entry = |shard: &Shard, records: &[Record]| {
            let files = build(&rt, shard, records.to_vec(), &en()).unwrap();
            entry_of(shard, files.iter().map(|(p, b)| (p.as_str(), b.as_slice()))).unwrap()
        };
        let a = entry(&year, &records);
        // The same records: the same tag (a shard taken from the cache keeps its tag).
        assert_eq!(entry(&year, &records), a);
        assert!(
            a.meta
                .as_deref()
                .is_some_and(|m| m.starts_with("pagefind.en_") && m.ends_with(".pf_meta")),
            "{a:?}"
        );
        assert_eq!(a.wasm, None);
        // A shard made again from other records has another tag and metadata file.
        let mut edited = records.clone();
        edited[0].text.push_str(" and the library");
        let b = entry(&year, &edited);
        assert_ne!(b.tag, a.tag);
        assert_ne!(b.meta, a.meta);
        // The site's shard names its wasm too.
        let site = entry(&Shard::Site, &records);
        assert_eq!(site.wasm.as_deref(), Some("wasm.en.pagefind"));
        // No entry among the files: none.
        assert_eq!(entry_of(&year, [("pagefind/2021/x", &b"y"[..])]), None);
    }

    /// The files `put` was given, by path, in a run of the index in two steps.
    fn two_steps(ed: &Edition, cache: Option<&Path>, hold: usize) -> (Vec<String>, Vec<Artefact>) {
        let files = std::cell::RefCell::new(Vec::new());
        let mut put = |made: Vec<Artefact>| {
            files.borrow_mut().extend(made);
            Ok(())
        };
        let index = Index::start(ed, cache, &mut put, hold).unwrap();
        let first = files.borrow().iter().map(|a| a.path.clone()).collect();
        index.finish(&mut put).unwrap();
        let mut files = files.into_inner();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        (first, files)
    }

    /// The shards of `ed` in order, and the first one, as a build plans them.
    fn planned(ed: &Edition) -> (Vec<Shard>, Option<Shard>) {
        let mut index = Index::new(ed, None);
        index.plan(ed);
        (index.shards, index.first)
    }

    fn bytes_of(files: &[Artefact]) -> Vec<(&str, &[u8])> {
        files
            .iter()
            .map(|a| match &a.contents {
                crate::render::Contents::Bytes(b) => (a.path.as_str(), b.as_slice()),
                _ => panic!("{} is not bytes", a.path),
            })
            .collect()
    }

    #[test]
    // The test keeps a search cache in a temporary folder.
    #[allow(clippy::disallowed_methods)]
    fn shards_held_for_later_or_indexed_at_once_give_the_same_files() {
        let ed = example();
        // Nothing held: every shard is indexed while the edition is there.
        let (at_once, all) = two_steps(&ed, None, 0);
        assert!(at_once.iter().any(|p| p.ends_with("pagefind-entry.json")));
        // Everything held: nothing is handed over before `finish`.
        let (early, later) = two_steps(&ed, None, usize::MAX);
        assert!(early.is_empty(), "{early:?}");
        assert_eq!(bytes_of(&all), bytes_of(&later));
        // With a cache: the second build hands every shard over in `start`, from the
        // cache, and the files are the same.
        let dir = std::env::temp_dir().join(format!("quire-search-steps-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (_, made) = two_steps(&ed, Some(&dir), usize::MAX);
        let (early, cached) = two_steps(&ed, Some(&dir), usize::MAX);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(bytes_of(&made), bytes_of(&all));
        assert_eq!(bytes_of(&cached), bytes_of(&all));
        let shards = all
            .iter()
            .filter(|a| a.path.ends_with("pagefind-entry.json"))
            .count();
        let early_shards = early
            .iter()
            .filter(|p| p.ends_with("pagefind-entry.json"))
            .count();
        assert_eq!(
            early_shards, shards,
            "every shard came from the cache in `start`"
        );
        assert!(!early.iter().any(|p| p == LIST), "the list comes last");
    }

    #[test]
    fn records_made_again_are_held_within_the_limit() {
        let ed = example();
        let shards: Vec<(Shard, String)> = (planned(&ed).0.into_iter())
            .map(|s| (s, String::new()))
            .collect();
        // No limit: every shard keeps its records, as they are made one at a time.
        let all = held_records(&ed, &shards, usize::MAX);
        for ((shard, _), records) in shards.iter().zip(&all) {
            assert_eq!(
                records.as_ref(),
                Some(&records_in(&ed, Some(shard))),
                "{shard:?}"
            );
        }
        // No words may be held: no shard keeps its records.
        assert!(held_records(&ed, &shards, 0).iter().all(Option::is_none));
        // Room for one shard's words: the others are dropped once made.
        let largest = (all.iter().flatten())
            .map(|rs| rs.iter().map(|r| r.text.len()).sum::<usize>())
            .max()
            .unwrap();
        let kept = held_records(&ed, &shards, largest);
        let kept = kept.iter().filter(|r| r.is_some()).count();
        assert!((1..shards.len()).contains(&kept), "{kept}");
    }

    #[test]
    fn a_shards_values_and_key_are_those_of_its_months_records() {
        let ed = example();
        let setup = Setup::of(&ed);
        let mut values = Values::new();
        add_values(&records(&ed), &mut values);
        let mut weighed = Values::new();
        let mut index = Index::new(&ed, None);
        for (shard, key) in index.plan(&ed) {
            // The key is the same made again, and another shard's is another.
            let year = Shard::of_value(shard.year().map(str::to_string).as_ref());
            assert_eq!(key, Key::of(&shard, &Weighed::of(&ed, year).months, &setup));
        }
        add_values_of(std::mem::take(&mut index.values), &mut weighed);
        assert_eq!(weighed, values);
    }

    #[test]
    fn a_parts_key_changes_with_its_own_months_only() {
        let setup = Setup {
            language: "en".into(),
            marking: None,
        };
        let months = |march: &str| -> Months {
            [
                (2, (10, "feb".to_string())),
                (3, (10, march.to_string())),
                (7, (10, "jul".into())),
            ]
            .into_iter()
            .collect()
        };
        let (before, after) = (months("mar"), months("mar, edited"));
        let spring = Shard::Part("2016".into(), 1, 4);
        let summer = Shard::Part("2016".into(), 5, 8);
        assert_ne!(
            Key::of(&spring, &before, &setup),
            Key::of(&spring, &after, &setup)
        );
        assert_eq!(
            Key::of(&summer, &before, &setup),
            Key::of(&summer, &after, &setup)
        );
        // A whole year, and a part of the same months named otherwise, are other keys.
        let year = Shard::Year("2016".into());
        assert_ne!(
            Key::of(&year, &before, &setup),
            Key::of(&year, &after, &setup)
        );
        assert_ne!(
            Key::of(&Shard::Part("2016".into(), 1, 3), &before, &setup),
            Key::of(&spring, &before, &setup)
        );
    }

    #[test]
    fn a_year_heavier_than_the_cap_is_cut_into_parts_of_whole_months() {
        let part = |a, b| Shard::Part("2016".into(), a, b);
        let year = Shard::Year("2016".into());
        let even: Vec<(u8, usize)> = (1..=12).map(|m| (m, 10)).collect();
        // Within the cap: the whole year, or its halves for the year in halves.
        assert_eq!(
            parts("2016", &even, false, 120),
            std::slice::from_ref(&year)
        );
        assert_eq!(parts("2016", &even, true, 120), [part(1, 6), part(7, 12)]);
        // Over it: parts as heavy as they can be, in order; the last takes the rest.
        assert_eq!(
            parts("2016", &even, false, 40),
            [part(1, 4), part(5, 8), part(9, 12)]
        );
        assert_eq!(
            parts("2016", &even, false, 50),
            [part(1, 5), part(6, 10), part(11, 12)]
        );
        // Halves over the cap are each cut, never across the middle of the year.
        assert_eq!(
            parts("2016", &even, true, 40),
            [part(1, 4), part(5, 6), part(7, 10), part(11, 12)]
        );
        // A month heavier than the cap is a part of its own; months with no records
        // belong to the part before them, and a part with none is no shard.
        let lumpy = [(2, 5), (3, 100), (4, 5), (9, 5)];
        assert_eq!(
            parts("2016", &lumpy, false, 40),
            [part(1, 2), part(3, 3), part(4, 12)]
        );
        assert_eq!(parts("2016", &[(11, 5)], true, 40), [part(7, 12)]);
        // All the weight in one month still makes the year whole.
        assert_eq!(parts("2016", &[(3, 100)], false, 40), [year]);
    }

    #[test]
    fn a_part_is_named_and_called_by_its_months() {
        use time::macros::date;
        let part = |a, b| Shard::Part("2016".into(), a, b);
        assert_eq!(part(1, 6).name().as_deref(), Some("2016-h1"));
        assert_eq!(part(7, 12).name().as_deref(), Some("2016-h2"));
        assert_eq!(part(1, 4).name().as_deref(), Some("2016-jan-apr"));
        assert_eq!(part(3, 3).name().as_deref(), Some("2016-mar"));
        assert_eq!(part(1, 4).dir(), "pagefind/2016-jan-apr/");
        assert_eq!(part(3, 3).cache_name(), "2016-mar.bin");
        assert_eq!(
            part(7, 12).label().as_deref(),
            Some("July to December 2016")
        );
        assert_eq!(part(5, 8).label().as_deref(), Some("May to August 2016"));
        assert_eq!(part(3, 3).label().as_deref(), Some("March 2016"));
        // A meeting goes in the part of its month; the parts sort by their first month.
        assert!(part(1, 4).holds(date!(2016 - 04 - 30)));
        assert!(!part(1, 4).holds(date!(2016 - 05 - 01)));
        assert!(!part(1, 4).holds(date!(2017 - 02 - 01)));
        assert!(Shard::Year("2016".into()).holds(date!(2016 - 12 - 31)));
        assert!(!Shard::Site.holds(date!(2016 - 12 - 31)));
        let mut shards = [
            part(9, 12),
            part(3, 3),
            Shard::Year("2015".into()),
            part(1, 2),
        ];
        shards.sort();
        assert_eq!(
            shards.map(|s| s.name().unwrap()),
            ["2015", "2016-jan-feb", "2016-mar", "2016-sep-dec"]
        );
    }

    #[test]
    // The test keeps a search cache in a temporary folder.
    #[allow(clippy::disallowed_methods)]
    fn a_damaged_cached_shard_is_indexed_again() {
        let ed = example();
        let dir = std::env::temp_dir().join(format!("quire-search-keyed-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        two_steps(&ed, Some(&dir), usize::MAX);
        // A cached shard damaged past its start: its records are made again and it is
        // indexed again, to the same files; the others come from the cache in `start`.
        let year = planned(&ed).0.last().unwrap().clone();
        let file = dir.join("search").join(year.cache_name());
        let mut bytes = std::fs::read(&file).unwrap();
        bytes.truncate(bytes.len() - 2);
        std::fs::write(&file, bytes).unwrap();
        let (early, files) = two_steps(&ed, Some(&dir), usize::MAX);
        let (_, fresh) = two_steps(&ed, None, 0);
        let _ = std::fs::remove_dir_all(&dir);
        assert!(!early.contains(&format!("{}pagefind-entry.json", year.dir())));
        assert!(early.contains(&"pagefind/pagefind-entry.json".to_string()));
        assert_eq!(bytes_of(&files), bytes_of(&fresh));
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
        let rt = runtime();
        let a = build(&rt, &Shard::Site, records.clone(), &en()).unwrap();
        let b = build(&rt, &Shard::Site, records.clone(), &en()).unwrap();
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
        // A year's shard holds its index only: the program comes from the site's shard.
        let year = Shard::Year("2021".into());
        let c = build(&rt, &year, records, &en()).unwrap();
        let paths: Vec<&str> = c.iter().map(|f| f.0.as_str()).collect();
        assert!(
            paths.contains(&"pagefind/2021/pagefind-entry.json"),
            "{paths:?}"
        );
        assert!(paths.iter().all(|p| p.starts_with("pagefind/2021/")));
        assert!(
            !paths
                .iter()
                .any(|p| p.ends_with(".js") || p.ends_with(".pagefind")),
            "{paths:?}"
        );
    }

    #[test]
    fn where_a_result_sits_is_shown_but_not_searched() {
        let rt = runtime();
        let files = build(&rt, &Shard::Site, vec![record("/a/", "depot")], &en()).unwrap();
        let words: String = files
            .iter()
            .filter(|f| f.0.ends_with(".pf_index"))
            .map(|f| {
                use std::io::Read;
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(&f.1[..])
                    .read_to_end(&mut out)
                    .unwrap();
                String::from_utf8_lossy(&out).into_owned()
            })
            .collect();
        let fragment = files
            .iter()
            .find(|f| f.0.ends_with(".pf_fragment"))
            .map(|f| crate::gate::words::readable(&f.0, &f.1).join(" "))
            .unwrap();
        // The context is in the fragment, as a filter value, but its words are not in
        // the index: only the text's and the title's are.
        assert!(fragment.contains("wednesday 13 october 2021"), "{fragment}");
        assert!(words.contains("depot") && words.contains("titl"), "{words}");
        assert!(
            !words.contains("cabinet") && !words.contains("wednesday"),
            "{words}"
        );
    }

    #[test]
    fn records_go_to_the_shard_of_their_year() {
        let mut committee = record("/committees/a/", "committee");
        committee
            .filters
            .insert(KIND.into(), vec!["Committee".into()]);
        let records = vec![
            committee,
            in_year(record("/m/2021/", "meeting"), "2021"),
            in_year(record("/m/2019/", "meeting"), "2019"),
            in_year(record("/d/2021/", "document"), "2021"),
            in_year(record("/odd/", "odd"), "../x"),
        ];
        let shards = shards(records);
        let names: Vec<(String, Vec<&str>)> = shards
            .iter()
            .map(|(s, rs)| (s.dir(), rs.iter().map(|r| r.url.as_str()).collect()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("pagefind/".to_string(), vec!["/committees/a/", "/odd/"]),
                ("pagefind/2019/".to_string(), vec!["/m/2019/"]),
                ("pagefind/2021/".to_string(), vec!["/m/2021/", "/d/2021/"]),
            ]
        );
        // The site's shard is there even with nothing in it: it carries the program.
        assert_eq!(shards_of_nothing(), vec![Shard::Site]);
        // The page's list: years newest first, and every filter's values.
        let list: serde_json::Value =
            serde_json::from_slice(&list(&shards, None, &Entries::new())).unwrap();
        assert_eq!(list["shards"], serde_json::json!(["2021", "2019"]));
        assert_eq!(
            list["filters"][KIND],
            serde_json::json!(["Committee", "Report"])
        );
        // Committees are only in the site's shard; reports are in years' too (and one
        // is in the site's shard, with a year that is not digits).
        assert_eq!(list["yearless"], serde_json::json!(["Committee"]));
    }

    #[test]
    fn the_list_says_what_each_shard_is_newest_first() {
        let year = |y: &str| Shard::Year(y.into());
        let h2 = Shard::Part("2024".into(), 7, 12);
        assert_eq!(h2.dir(), "pagefind/2024-h2/");
        assert_eq!(h2.cache_name(), "2024-h2.bin");
        // The list: newest first (a year set ahead, after the year in halves; a year by
        // its number, not its digits), each with its year and what to call it.
        let mut shards = [
            Shard::Site,
            h2.clone(),
            year("2025"),
            year("2023"),
            Shard::Part("2024".into(), 1, 6),
            year("999"),
        ];
        shards.sort();
        let list: serde_json::Value = serde_json::from_slice(&list_of(
            shards.iter(),
            Some(&h2),
            &Values::new(),
            &Kinds::new(),
            &Entries::new(),
        ))
        .unwrap();
        assert_eq!(
            list["shards"],
            serde_json::json!(["2025", "2024-h2", "2024-h1", "2023", "999"])
        );
        assert_eq!(list["first"], "2024-h2");
        assert_eq!(list["years"]["2024-h1"], "2024");
        assert_eq!(list["years"]["2025"], "2025");
        assert_eq!(
            list["labels"],
            serde_json::json!({
                "2025": "2025",
                "2024-h2": "July to December 2024",
                "2024-h1": "January to June 2024",
                "2023": "2023",
                "999": "999"
            })
        );
    }

    #[test]
    fn the_year_in_halves_is_that_of_the_newest_published_papers() {
        use time::macros::date;
        let names = |ed: &Edition| {
            let (shards, first) = planned(ed);
            let mut all: Vec<String> = shards.iter().filter_map(Shard::name).collect();
            all.sort();
            all.dedup();
            (all, first.and_then(|f| f.name()))
        };
        // Before 20 November 2026 no paper of 2027 is out: 2027's meetings are set, and
        // 2021 (papers out up to October) is the year in halves, its second half first.
        assert_eq!(
            names(&example_on(date!(2026 - 11 - 19))),
            (
                vec!["2021-h1".into(), "2021-h2".into(), "2027".into()],
                Some("2021-h2".to_string())
            )
        );
        // The papers of 8 January 2027 are out on 20 November 2026.
        assert_eq!(
            names(&example_on(date!(2026 - 11 - 20))),
            (
                vec!["2021".into(), "2027-h1".into()],
                Some("2027-h1".to_string())
            )
        );
        // With nothing published at all, the newest year of meetings is in halves.
        assert_eq!(
            names(&example_on(date!(2020 - 01 - 01))),
            (vec!["2021".into(), "2027-h1".into()], None)
        );
    }

    /// The key of a whole year's (or the site's) `records`, as if all were of one month.
    fn key(shard: &Shard, records: &[Record], setup: &Setup) -> String {
        let mut hash = Fields::new();
        records.iter().for_each(|r| add_record(&mut hash, r));
        Key::of(shard, &Months::from([(0, (0, hash.hex()))]), setup)
    }

    fn shards_of_nothing() -> Vec<Shard> {
        shards(Vec::new()).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn an_edit_changes_the_key_of_its_shard_only() {
        let shards = shards(vec![
            in_year(record("/a/", "one"), "2020"),
            in_year(record("/b/", "two"), "2021"),
        ]);
        let keys = |shards: &[(Shard, Vec<Record>)]| -> Vec<String> {
            shards.iter().map(|(s, r)| key(s, r, &en())).collect()
        };
        let before = keys(&shards);
        let mut edited = shards.clone();
        edited[2].1[0].text.push_str(" three");
        let after = keys(&edited);
        assert_eq!(before[0], after[0]);
        assert_eq!(before[1], after[1]);
        assert_ne!(before[2], after[2]);
        // The same records in another shard are another index.
        assert_ne!(
            key(&Shard::Year("2020".into()), &shards[1].1, &en()),
            key(&Shard::Year("2019".into()), &shards[1].1, &en())
        );
    }

    #[test]
    fn the_key_sees_every_field() {
        let base = vec![record("/a/", "one two")];
        let k = key(&Shard::Site, &base, &en());
        let mut changed = base.clone();
        changed[0].text.push('!');
        assert_ne!(key(&Shard::Site, &changed, &en()), k);
        let mut changed = base.clone();
        changed[0].context.push('!');
        assert_ne!(key(&Shard::Site, &changed, &en()), k);
        let mut changed = base.clone();
        changed[0]
            .filters
            .insert(YEAR.to_string(), vec!["2021".to_string()]);
        assert_ne!(key(&Shard::Site, &changed, &en()), k);
        let welsh = Setup {
            language: "cy".into(),
            ..en()
        };
        assert_ne!(key(&Shard::Site, &base, &welsh), k);
        // The members' edition's index is made with its marking: never taken for the
        // public edition's.
        let members = Setup {
            marking: Some(crate::redact::MEMBERS_MARKING),
            ..en()
        };
        assert_ne!(key(&Shard::Site, &base, &members), k);
        assert_eq!(key(&Shard::Site, &base, &en()), k);
    }

    #[test]
    // The test damages a cache file on disk.
    #[allow(clippy::disallowed_methods)]
    fn a_cached_shard_is_used_only_for_its_own_key_and_unused_ones_are_removed() {
        let dir = std::env::temp_dir().join(format!("quire-search-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let files = vec![
            ("pagefind/a".to_string(), b"one".to_vec()),
            ("pagefind/b".to_string(), Vec::new()),
        ];
        let p = dir.join("2021.bin");
        cache::store(&p, "k1", &files);
        cache::store(&dir.join("2020.bin"), "k0", &files);
        assert_eq!(cache::load(&p, "k1"), Some(files));
        assert_eq!(cache::load(&p, "k2"), None);
        // Its start says whose it is.
        assert!(cache::holds(&p, "k1"));
        assert!(!cache::holds(&p, "k2") && !cache::holds(&p, "k10") && !cache::holds(&p, "k"));
        assert!(!cache::holds(&dir.join("none.bin"), "k1"));
        // A damaged file is not used.
        let mut bytes = std::fs::read(&p).unwrap();
        bytes.truncate(bytes.len() - 2);
        std::fs::write(&p, bytes).unwrap();
        assert_eq!(cache::load(&p, "k1"), None);
        // Its start is whole, so it seems to be there; `load`, which hands it over, sees
        // it is not.
        assert!(cache::holds(&p, "k1"));
        std::fs::write(&p, b"quire-search-cache-v1\n\x02").unwrap();
        assert!(!cache::holds(&p, "k1"));
        // A shard no longer made is removed; others stay.
        cache::prune(&dir, &["2021.bin".to_string()]);
        assert!(p.exists());
        assert!(!dir.join("2020.bin").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
