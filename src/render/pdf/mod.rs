//! PDF agenda packs: one paginated PDF per meeting whose papers are published, rendered
//! in-process with typst, and one more for each of its supplementary agendas.
//!
//! The agenda pack stays as the agenda was first published. An item added after it, and
//! a paper published after it, go in the pack of their supplementary agenda
//! (`supplementary-1.pdf` beside `agenda-pack.pdf`): its own front sheet, its items and
//! its own page numbers. Both kinds are [`PackJob`]s and go through the same cache,
//! parallel layout and leak gate.
//!
//! For each meeting, [`data::pack_data`] turns the edition's view of the meeting into a
//! JSON file (front sheet, then one section per document or restricted notice, Markdown
//! as a tree of nodes). The theme's `pdf/pack.typ` reads that file with `json(...)` and
//! lays it out; the text of the papers is data and never typst code. [`world::PackWorld`]
//! lets the compiler read only the theme's `pdf/` files, that data file, and the images
//! and PDF appendices the pack shows. Fonts are the theme's and typst's embedded ones.
//!
//! The front sheet's page ranges are computed in the same compilation (metadata markers,
//! `query` and `context`); the template also places the computed ranges in a metadata
//! element labelled `<quire-ranges>`, which is read back here for [`PackInfo::items`], so
//! the site and the front sheet always agree.
//!
//! Packs are byte-for-byte reproducible: the PDF's date is the build date (`--as-of`), its
//! identifier is derived from the committee and meeting, and `today` is the build date.
//! A pack whose inputs have not changed is taken from the cache (see [`cache`]).
//!
//! # PDF/UA-1
//!
//! Every pack is a tagged PDF with its title and language set, bookmarks for every item
//! and document, and running headers, footers and page numbers marked as artifacts. A
//! pack is exported claiming PDF/UA-1 when typst's PDF/UA-1 export accepts it. typst
//! refuses to embed pages of other PDFs under PDF/UA-1, because it cannot know that those
//! pages are accessible; so a pack with a PDF appendix is exported as a tagged PDF
//! without the PDF/UA-1 claim (`PackInfo::ua1` is false), keeping the appendix pages as
//! vectors with selectable text. We never claim PDF/UA-1 for a file typst did not
//! validate: if the PDF/UA-1 export fails for any other reason, the pack is exported as
//! plain tagged PDF too and `ua1` is false.

mod cache;
pub mod content;
mod data;
mod lanes;

mod world;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use typst::World;
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Label, Smart, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::Diagnostic;
use crate::redact::Edition;
use crate::render::{Artefact, Contents};
use crate::theme::Theme;

pub use cache::PackCache;
pub use world::Fonts;

/// What the site needs to know about one meeting's pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackInfo {
    /// "/committees/<c>/<m>/agenda-pack.pdf"
    pub url: String,
    pub bytes: u64,
    pub pages: usize,
    /// Item number ("1", "8a") → (first page, last page), the same numbers as the front sheet.
    pub items: BTreeMap<String, (usize, usize)>,
    /// Whether this file claims PDF/UA-1.
    pub ua1: bool,
    /// The meeting's supplementary packs, by the number of their supplementary agenda
    /// ("/committees/<c>/<m>/supplementary-1.pdf"); each one's page numbers and item
    /// ranges are its own. Empty in a supplementary pack's own info.
    pub supplements: BTreeMap<usize, PackInfo>,
}

/// The packs of an edition.
#[derive(Debug)]
pub struct Packs {
    pub artefacts: Vec<Artefact>,
    /// The text of each pack's pages and metadata, by path, for the leak gate.
    pub texts: BTreeMap<String, String>,
    /// Key: index into [`Edition::meetings`]. Each meeting's agenda pack, with its
    /// supplementary packs in [`PackInfo::supplements`].
    pub info: BTreeMap<usize, PackInfo>,
    /// Supplementary packs whose meeting's agenda pack was not made (only cached packs
    /// were asked for), by (meeting, number): [`Packs::attach`] files them once it is.
    pub orphans: BTreeMap<(usize, usize), PackInfo>,
}

/// Packs rendered between two evictions of typst's memo cache. The cache holds what
/// every pack since the last eviction laid out: with 32, a first build of corpus B (1,000
/// packs of long reports) peaked at 1.09 GB; with 8, at 0.52 GB, and no slower, as packs
/// share little but fonts, which typst keeps outside that cache.
const PACK_CHUNK: usize = 8;
/// Stack size of the threads that lay out packs.
const PACK_STACK: usize = 64 * 1024 * 1024;

/// The theme folders whose files are inputs of every pack.
const THEME_FOLDERS: [&str; 2] = ["pdf", "fonts"];

/// Renders the packs `jobs` lists (see [`jobs`]: every meeting's whose papers the edition
/// shows, and its supplementary packs), in parallel. `cache` keeps packs between builds.
pub fn render_packs(
    ed: &Edition,
    theme: &Theme,
    jobs: &[PackJob],
    cache: Option<&PackCache>,
) -> Result<Packs, Vec<Diagnostic>> {
    packs_of(ed, theme, jobs, cache, false, None).map(|(packs, _)| packs)
}

/// Where [`stream_packs`] hands each pack, with the text of its pages and metadata for
/// the leak gate. Called from the threads that lay packs out.
pub type Emit<'a> = &'a (dyn Fn(Artefact, String) -> Result<(), Diagnostic> + Sync);

/// Lays out (or takes from the cache) every pack like [`render_packs`], handing each to
/// `emit` as soon as it is made: a build never holds the packs of a whole archive, which
/// without a cache are hundreds of megabytes. [`Packs::artefacts`] and [`Packs::texts`]
/// stay empty.
pub fn stream_packs(
    ed: &Edition,
    theme: &Theme,
    jobs: &[PackJob],
    cache: Option<&PackCache>,
    emit: Emit<'_>,
) -> Result<Packs, Vec<Diagnostic>> {
    packs_of(ed, theme, jobs, cache, false, Some(emit)).map(|(packs, _)| packs)
}

/// Only the packs the cache already holds, laying out none, and the jobs it did not
/// hold: for `quire serve`, which shows an edited page at once and lays out its pack
/// after. The cache is not pruned.
pub fn cached_packs(
    ed: &Edition,
    theme: &Theme,
    jobs: &[PackJob],
    cache: &PackCache,
) -> Result<(Packs, Vec<PackJob>), Vec<Diagnostic>> {
    packs_of(ed, theme, jobs, Some(cache), true, None)
}

fn packs_of(
    ed: &Edition,
    theme: &Theme,
    jobs: &[PackJob],
    cache: Option<&PackCache>,
    only_cached: bool,
    emit: Option<Emit<'_>>,
) -> Result<(Packs, Vec<PackJob>), Vec<Diagnostic>> {
    if jobs.is_empty() {
        return Ok((
            Packs {
                artefacts: Vec::new(),
                texts: BTreeMap::new(),
                info: BTreeMap::new(),
                orphans: BTreeMap::new(),
            },
            Vec::new(),
        ));
    }
    if theme.get(world::MAIN.trim_start_matches('/')).is_none() {
        return Err(vec![
            Diagnostic::error(
                theme.source_of("pdf/pack.typ"),
                None,
                "the theme has no pdf/pack.typ",
            )
            .code("template-error")
            .hint("remove the site's override of the pdf/ folder, or add a pack.typ to it"),
        ]);
    }
    let templates: Vec<(String, Vec<u8>)> = theme
        .under("pdf")
        .map(|(p, b)| (format!("pdf/{p}"), b.to_vec()))
        .collect();
    let theme_hash = cache::theme_hash(theme, &THEME_FOLDERS);
    let fonts = std::sync::OnceLock::new();
    let (clock, started) = (PackClock::default(), std::time::Instant::now());
    let renderer = Renderer {
        ed,
        theme,
        templates: &templates,
        theme_hash,
        fonts: &fonts,
        cache,
        only_cached,
        clock: &clock,
    };

    // typst memoises layout in a process-wide cache (comemo) and lays out deeply nested
    // content on the stack. At a council's scale (thousands of packs) one unbroken
    // parallel pass grew that cache to many gigabytes and overflowed rayon's default
    // 2 MiB stacks, so packs render in chunks, in lanes with large stacks (see [`lanes`]:
    // no thread lays out two packs at once), and the cache is evicted after every chunk.
    let progress = Progress::new(jobs.len());
    // A cached pack is only read, which is quick and needs no large stack, so every job
    // is looked up at once first: a rebuild that lays out one pack of thousands does not
    // pay for the lanes once for every eight packs. A pack the cache lacks makes its data
    // (and key) again when it is laid out: holding every missing pack's data from here
    // would hold a whole archive's papers at once in a first build.
    let looked: Vec<Option<Outcome>> = jobs
        .par_iter()
        .map(|job| {
            let found = match renderer.cached(job) {
                Ok(None) if !only_cached => return None,
                found => found.and_then(|hit| hand_over(job, hit, emit)),
            };
            progress.step();
            Some(found)
        })
        .collect();
    let misses: Vec<&PackJob> = jobs
        .iter()
        .zip(&looked)
        .filter_map(|(job, found)| found.is_none().then_some(job))
        .collect();
    let mut laid_out = Vec::with_capacity(misses.len());
    for chunk in misses.chunks(PACK_CHUNK) {
        laid_out.extend(lanes::run(chunk, PACK_STACK, |job| {
            let outcome = renderer.render(job).and_then(|r| hand_over(job, r, emit));
            progress.step();
            outcome
        }));
        typst::comemo::evict(0);
    }
    let mut laid_out = laid_out.into_iter();
    let results: Vec<(&PackJob, Outcome)> = jobs
        .iter()
        .zip(looked)
        .filter_map(|(job, found)| Some((job, found.or_else(|| laid_out.next())?)))
        .collect();

    let mut packs = Packs {
        artefacts: Vec::new(),
        texts: BTreeMap::new(),
        info: BTreeMap::new(),
        orphans: BTreeMap::new(),
    };
    let mut errors = Vec::new();
    let mut keys = Vec::new();
    let mut missing = Vec::new();
    let mut supplements: BTreeMap<(usize, usize), PackInfo> = BTreeMap::new();
    for (job, result) in results {
        match result {
            Ok(None) => missing.push(job.clone()),
            Ok(Some(r)) => {
                keys.push(r.key.clone());
                // The site links to the meeting's own packs; numbered copies are extra files.
                let url = part_url(ed, job.meeting, job.supplement);
                if job.path == url.trim_start_matches('/') {
                    let info = PackInfo {
                        url,
                        bytes: r.bytes(),
                        pages: r.pages,
                        items: r.items,
                        ua1: r.ua1,
                        supplements: BTreeMap::new(),
                    };
                    match job.supplement {
                        None => {
                            packs.info.insert(job.meeting, info);
                        }
                        Some(n) => {
                            supplements.insert((job.meeting, n), info);
                        }
                    }
                }
                if r.handed_over.is_none() {
                    packs.texts.insert(job.path.clone(), r.text);
                    packs.artefacts.push(Artefact {
                        path: job.path.clone(),
                        contents: r.pdf,
                    });
                }
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    packs.attach(supplements);
    if !errors.is_empty() {
        // The same fault in a shared template is reported once, not once per pack.
        let mut seen = std::collections::HashSet::new();
        errors.retain(|d| seen.insert((d.file.clone(), d.line, d.message.clone())));
        return Err(errors);
    }
    if let Some(cache) = cache
        && !only_cached
    {
        cache.prune(&keys);
    }
    clock.report(started.elapsed());
    Ok((packs, missing))
}

impl Packs {
    /// Files each supplementary pack's info under its meeting's agenda pack, or among
    /// the orphans while that is not made.
    pub fn attach(&mut self, supplements: BTreeMap<(usize, usize), PackInfo>) {
        for ((mi, n), info) in supplements {
            match self.info.get_mut(&mi) {
                Some(main) => {
                    main.supplements.insert(n, info);
                }
                None => {
                    self.orphans.insert((mi, n), info);
                }
            }
        }
    }
}

/// A progress bar for laying out packs, on a terminal only, shown once the work has
/// taken more than a second (a quick rebuild flashes nothing).
struct Progress {
    bar: indicatif::ProgressBar,
    start: std::time::Instant,
    shown: std::sync::atomic::AtomicBool,
}

impl Progress {
    fn new(len: usize) -> Progress {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(len as u64),
            indicatif::ProgressDrawTarget::hidden(),
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "Agenda packs {bar:30} {pos}/{len} ({eta} left)",
        ) {
            bar.set_style(style);
        }
        Progress {
            bar,
            start: std::time::Instant::now(),
            shown: std::sync::atomic::AtomicBool::new(false),
        }
    }

    fn step(&self) {
        use std::io::IsTerminal;
        use std::sync::atomic::Ordering;
        if self.start.elapsed().as_secs_f64() > 1.0
            && std::io::stderr().is_terminal()
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        self.bar.inc(1);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// The meetings that have a pack: those whose papers the edition shows.
pub fn plan(ed: &Edition) -> Vec<usize> {
    ed.meetings()
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.items.is_empty())
        .map(|(i, _)| i)
        .collect()
}

/// One pack to lay out: a meeting's agenda pack or one of its supplementary packs,
/// written to `path`, and in the members' edition perhaps a copy for one member, stamped
/// with their name on every page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackJob {
    pub meeting: usize,
    /// `None` for the agenda pack; `Some(n)` for the pack of supplementary agenda `n`.
    pub supplement: Option<usize>,
    /// Path in the output folder.
    pub path: String,
    /// "Copy for Councillor M Simmons, NOT FOR PUBLICATION": printed on every page.
    pub copy_for: Option<String>,
    /// The member a copy is for, by slug, for the record of copies.
    pub member: Option<String>,
}

/// Every meeting's own packs, as [`plan`] lists them: its agenda pack, then its
/// supplementary packs.
pub fn jobs(ed: &Edition) -> Vec<PackJob> {
    plan(ed)
        .into_iter()
        .flat_map(|mi| meeting_jobs(ed, mi))
        .collect()
}

/// A meeting's agenda pack and one pack for each of its supplementary agendas.
pub fn meeting_jobs(ed: &Edition, meeting: usize) -> Vec<PackJob> {
    std::iter::once(pack_job(ed, meeting))
        .chain(
            ed.meetings()[meeting]
                .supplements
                .iter()
                .map(move |s| supplement_job(ed, meeting, s.number)),
        )
        .collect()
}

/// The meeting's own agenda pack.
pub fn pack_job(ed: &Edition, meeting: usize) -> PackJob {
    PackJob {
        meeting,
        supplement: None,
        path: pack_path(ed, meeting),
        copy_for: None,
        member: None,
    }
}

/// The pack of the meeting's supplementary agenda `number`.
pub fn supplement_job(ed: &Edition, meeting: usize, number: usize) -> PackJob {
    PackJob {
        meeting,
        supplement: Some(number),
        path: part_url(ed, meeting, Some(number))
            .trim_start_matches('/')
            .to_string(),
        copy_for: None,
        member: None,
    }
}

/// A copy of a meeting's pack (`job`, one of [`meeting_jobs`]) for one member, beside
/// it: `agenda-pack-<member>.pdf`, `supplementary-1-<member>.pdf`.
pub fn copy_job(ed: &Edition, job: &PackJob, member: &str) -> PackJob {
    let path = match job.path.strip_suffix(".pdf") {
        Some(stem) => format!("{stem}-{member}.pdf"),
        None => format!("{}-{member}", job.path),
    };
    PackJob {
        path,
        copy_for: Some(copy_line(ed, member)),
        member: Some(member.to_string()),
        ..job.clone()
    }
}

/// A stamped copy written in place of the meeting's own pack `job`.
pub fn stamped_job(ed: &Edition, job: &PackJob, member: &str) -> PackJob {
    PackJob {
        copy_for: Some(copy_line(ed, member)),
        member: Some(member.to_string()),
        ..job.clone()
    }
}

fn copy_line(ed: &Edition, member: &str) -> String {
    format!("Copy for {}, NOT FOR PUBLICATION", ed.member_name(member))
}

fn pack_path(ed: &Edition, mi: usize) -> String {
    pack_url(ed, mi).trim_start_matches('/').to_string()
}

/// For each pack the edition would have: its path, the data typst would lay out, and the
/// content files it would embed. Everything a pack can show is in these.
pub fn pack_previews(
    ed: &Edition,
) -> Result<Vec<(String, String, Vec<crate::redact::FileHandle>)>, String> {
    let mut out = Vec::new();
    for job in jobs(ed) {
        let data = data::pack_data(ed, job.meeting, job.supplement, None)?;
        out.push((job.path, data.json, data.files.into_values().collect()));
    }
    Ok(out)
}

/// The URL of meeting `mi`'s agenda pack.
pub fn pack_url(ed: &Edition, mi: usize) -> String {
    crate::layout::pack_url(&ed.meetings()[mi].url)
}

/// The URL of the pack of meeting `mi`'s supplementary agenda `number`.
pub fn supplement_url(ed: &Edition, mi: usize, number: usize) -> String {
    crate::layout::supplement_url(&ed.meetings()[mi].url, number)
}

/// The URL of one of meeting `mi`'s packs.
pub fn part_url(ed: &Edition, mi: usize, supplement: Option<usize>) -> String {
    match supplement {
        None => pack_url(ed, mi),
        Some(n) => supplement_url(ed, mi, n),
    }
}

/// Where the time of laying out packs goes, summed over threads, for `QUIRE_TIMINGS`:
/// typst's own work (layout and PDF export) against everything quire does around it.
#[derive(Default)]
struct PackClock {
    packs: AtomicU64,
    pages: AtomicU64,
    /// Nanoseconds: the whole of each pack laid out, typst's layout, typst's export.
    total: AtomicU64,
    layout: AtomicU64,
    export: AtomicU64,
}

impl PackClock {
    fn add(counter: &AtomicU64, since: std::time::Instant) {
        counter.fetch_add(since.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }

    fn report(&self, wall: std::time::Duration) {
        let packs = self.packs.load(Ordering::Relaxed);
        if packs == 0 || std::env::var_os("QUIRE_TIMINGS").is_none() {
            return;
        }
        let secs = |c: &AtomicU64| c.load(Ordering::Relaxed) as f64 / 1e9;
        let pages = self.pages.load(Ordering::Relaxed) as f64;
        // Each pack's clocks run while its thread waits inside typst, and a waiting thread
        // may lay out another pack meanwhile: with many packs the sums overlap. For one
        // pack alone (examples/pack_bench.rs) they show typst's share exactly.
        eprintln!(
            "timing: packs laid out: {packs} packs, {pages} pages in {:.2}s, {:.0} pages a second; per pack, summed: typst layout {:.2}s and export {:.2}s of {:.2}s",
            wall.as_secs_f64(),
            pages / wall.as_secs_f64().max(1e-9),
            secs(&self.layout),
            secs(&self.export),
            secs(&self.total),
        );
    }
}

struct Renderer<'a> {
    clock: &'a PackClock,
    ed: &'a Edition,
    theme: &'a Theme,
    templates: &'a [(String, Vec<u8>)],
    theme_hash: String,
    fonts: &'a std::sync::OnceLock<Fonts>,
    cache: Option<&'a PackCache>,
    /// Lay out nothing: a pack the cache does not hold is `None`.
    only_cached: bool,
}

/// The error a pack whose data cannot be made is reported as, at its meeting.
fn pack_error(place: &str) -> impl Fn(String) -> Vec<Diagnostic> + '_ {
    move |e| {
        vec![
            Diagnostic::error(place, None, format!("cannot make the agenda pack: {e}"))
                .code("pack-error"),
        ]
    }
}

/// A pack, `None` if only cached packs were asked for and this one is not.
type Outcome = Result<Option<Rendered>, Vec<Diagnostic>>;

/// One rendered (or cached) pack.
pub(crate) struct Rendered {
    pub key: String,
    /// In memory when just laid out; the cache's file once stored or when found there.
    pub pdf: Contents,
    pub pages: usize,
    pub items: BTreeMap<String, (usize, usize)>,
    pub ua1: bool,
    /// The words on its pages and in its metadata (see [`text_of`]).
    pub text: String,
    /// Set once the file and text were handed to the build (see [`stream_packs`]): the
    /// size of the file.
    pub handed_over: Option<u64>,
}

/// With `emit`, gives a pack's file and text away as soon as it is made, keeping only
/// what the site says of it.
fn hand_over(job: &PackJob, rendered: Option<Rendered>, emit: Option<Emit<'_>>) -> Outcome {
    let (mut r, emit) = match (rendered, emit) {
        (Some(r), Some(emit)) => (r, emit),
        (rendered, _) => return Ok(rendered),
    };
    let bytes = r.bytes();
    let pdf = std::mem::replace(&mut r.pdf, Contents::Bytes(Vec::new()));
    let pack = Artefact {
        path: job.path.clone(),
        contents: pdf,
    };
    emit(pack, std::mem::take(&mut r.text)).map_err(|e| vec![e])?;
    r.handed_over = Some(bytes);
    Ok(Some(r))
}

impl Rendered {
    fn bytes(&self) -> u64 {
        if let Some(bytes) = self.handed_over {
            return bytes;
        }
        match &self.pdf {
            Contents::Bytes(b) => b.len() as u64,
            Contents::Kept(k) => k.bytes,
            Contents::Copy(_) => 0,
        }
    }
}

impl Renderer<'_> {
    /// The pack if the cache holds it, laying out nothing.
    fn cached(&self, job: &PackJob) -> Outcome {
        let Some(cache) = self.cache else {
            return Ok(None);
        };
        let (place, data) = self.data(job)?;
        let key =
            cache::key(&self.theme_hash, &data, self.ed.as_of()).map_err(pack_error(&place))?;
        Ok(cache.load(&key))
    }

    /// Where a pack's problems are reported, and what it shows.
    fn data(&self, job: &PackJob) -> Result<(String, data::PackData), Vec<Diagnostic>> {
        let m = &self.ed.meetings()[job.meeting];
        let committee = &self.ed.committees()[m.committee];
        let place = format!(
            "content/committees/{}/{}/meeting.yaml",
            committee.slug, m.slug
        );
        let data = data::pack_data(
            self.ed,
            job.meeting,
            job.supplement,
            job.copy_for.as_deref(),
        )
        .map_err(pack_error(&place))?;
        Ok((place, data))
    }

    /// The pack, or `None` if it is not cached and the renderer lays out nothing.
    fn render(&self, job: &PackJob) -> Outcome {
        // An interrupted build lays out no more packs.
        crate::pipeline::not_interrupted().map_err(|d| vec![d])?;
        let started = std::time::Instant::now();
        let (place, data) = self.data(job)?;
        let key =
            cache::key(&self.theme_hash, &data, self.ed.as_of()).map_err(pack_error(&place))?;
        if let Some(cache) = self.cache
            && let Some(hit) = cache.load(&key)
        {
            return Ok(Some(hit));
        }
        if self.only_cached {
            return Ok(None);
        }
        let fonts = self.fonts.get_or_init(|| Fonts::new(self.theme));
        let files: Vec<(String, crate::redact::FileHandle)> = data
            .files
            .iter()
            .map(|(v, p)| (v.clone(), p.clone()))
            .collect();
        let world =
            world::PackWorld::new(fonts, self.templates, data.json, &files, self.ed.as_of());

        let layout = std::time::Instant::now();
        let warned = typst::compile::<PagedDocument>(&world);
        PackClock::add(&self.clock.layout, layout);
        let doc = warned
            .output
            .map_err(|errs| self.diagnostics(&world, &place, &data.title, errs))?;
        // If the layout never settled, the front sheet's page ranges may be stale: never
        // publish a pack whose ranges could be wrong.
        if let Some(w) = warned
            .warnings
            .iter()
            .find(|w| w.message.contains("did not converge"))
        {
            return Err(vec![Diagnostic::error(self.theme.source_of("pdf/pack.typ"), None, format!("{}: {}", data.title, w.message)).code("template-error")
                .hint("the pack's page numbers did not settle; a template that changes length with its page numbers can cause this")]);
        }

        let items = read_ranges(&doc).map_err(|e| {
            vec![
                Diagnostic::error(self.theme.source_of("pdf/pack.typ"), None, format!("{}: {e}", data.title)).code("template-error")
                    .hint("the pack template must place the computed page ranges in `metadata(..) <quire-ranges>`"),
            ]
        })?;

        let d = self.ed.as_of();
        let stamp = Datetime::from_ymd_hms(d.year(), d.month() as u8, d.day(), 0, 0, 0)
            .map(Timestamp::new_utc);
        let options = |standards: PdfStandards| PdfOptions {
            ident: Smart::Custom(data.ident.clone()),
            creator: Smart::Custom(Some(format!("quire {}", env!("CARGO_PKG_VERSION")))),
            timestamp: stamp,
            page_ranges: None,
            standards,
            tagged: true,
            pretty: false,
        };
        let ua1_standards =
            PdfStandards::new(&[PdfStandard::Ua_1]).expect("PDF/UA-1 is a valid standard");
        let export = std::time::Instant::now();
        // Embedded PDF pages cannot be exported under PDF/UA-1 (see the module docs).
        let ua1_result = if data.has_pdf {
            None
        } else {
            typst_pdf::pdf(&doc, &options(ua1_standards)).ok()
        };
        let (pdf, ua1) = match ua1_result {
            Some(pdf) => (pdf, true),
            None => {
                let mut pdf = typst_pdf::pdf(&doc, &options(PdfStandards::default()))
                    .map_err(|errs| self.diagnostics(&world, &place, &data.title, errs))?;
                display_doc_title(&mut pdf);
                (pdf, false)
            }
        };
        PackClock::add(&self.clock.export, export);
        let rendered = Rendered {
            key,
            pdf: Contents::Bytes(pdf),
            pages: doc.pages().len(),
            items,
            ua1,
            text: text_of(&doc),
            handed_over: None,
        };
        let rendered = match self.cache {
            Some(cache) => cache.store(rendered),
            None => rendered,
        };
        self.clock.packs.fetch_add(1, Ordering::Relaxed);
        self.clock
            .pages
            .fetch_add(rendered.pages as u64, Ordering::Relaxed);
        PackClock::add(&self.clock.total, started);
        Ok(Some(rendered))
    }

    /// typst's errors, named by the template file and line they point at.
    fn diagnostics(
        &self,
        world: &world::PackWorld,
        place: &str,
        title: &str,
        errs: typst::ecow::EcoVec<SourceDiagnostic>,
    ) -> Vec<Diagnostic> {
        errs.iter()
            .filter(|e| e.severity == Severity::Error)
            .map(|e| {
                let mut file = place.to_string();
                let mut line = None;
                let mut span = e.span;
                // Point at the template line that called into a failing function, if the
                // error itself is inside the data or detached.
                if span
                    .id()
                    .is_none_or(|id| !id.vpath().get_with_slash().starts_with("/pdf/"))
                    && let Some(t) = e.trace.iter().rev().find(|t| t.span.id().is_some())
                {
                    span = t.span.into();
                }
                if let Some(id) = span.id() {
                    let vpath = id.vpath().get_with_slash().to_string();
                    if let Some(rel) = vpath.strip_prefix('/')
                        && rel.starts_with("pdf/")
                    {
                        file = self.theme.source_of(rel);
                        line = world
                            .range(span)
                            .and_then(|r| {
                                world
                                    .source(id)
                                    .ok()
                                    .and_then(|s| s.lines().byte_to_line(r.start))
                            })
                            .map(|l| l + 1);
                    }
                }
                // An error in the site's own template is the same for every pack: say it
                // once, without the pack's name.
                let message = if file == place {
                    format!("{title}: {}", e.message)
                } else {
                    e.message.to_string()
                };
                let mut d = Diagnostic::error(file, line, message).code("template-error");
                let hints: Vec<String> = e.hints.iter().map(|h| h.v.to_string()).collect();
                if !hints.is_empty() {
                    d = d.hint(hints.join("; "));
                }
                d
            })
            .collect()
    }
}

/// The text of a laid-out pack as a reader could copy it, for the leak gate: the title,
/// author, description and keywords of its metadata, then every run of text on every
/// page (bookmarks are the headings' text, so they are in it too). Runs are joined with
/// spaces, since a run ends at a line break.
pub fn text_of(doc: &PagedDocument) -> String {
    use typst::layout::{Frame, FrameItem};
    use typst::model::Document as _;
    fn frame(f: &Frame, out: &mut String) {
        for (_, item) in f.items() {
            match item {
                FrameItem::Group(g) => frame(&g.frame, out),
                FrameItem::Text(t) => {
                    out.push_str(t.text.as_str());
                    out.push(' ');
                }
                _ => {}
            }
        }
    }
    let info = doc.info();
    let mut out = String::new();
    for s in info
        .title
        .iter()
        .chain(&info.author)
        .chain(&info.description)
        .chain(&info.keywords)
    {
        out.push_str(s.as_str());
        out.push('\n');
    }
    for page in doc.pages() {
        frame(&page.frame, &mut out);
        out.push('\n');
    }
    out
}

/// Asks viewers to show the document title rather than the file name
/// (`/ViewerPreferences /DisplayDocTitle true`). typst sets it only under PDF/UA-1, so a
/// pack exported without that claim gets it here. The catalog is the last object typst
/// writes, just before the cross-reference table, so the flag is inserted into it and
/// only `startxref` moves. If the file is not laid out that way it is left as it is.
fn display_doc_title(pdf: &mut Vec<u8>) -> bool {
    fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
        hay.windows(needle.len()).position(|w| w == needle)
    }
    fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
        hay.windows(needle.len()).rposition(|w| w == needle)
    }
    let Some(sx) = rfind(pdf, b"startxref") else {
        return false;
    };
    let tail = String::from_utf8_lossy(&pdf[sx + 9..]).into_owned();
    let mut lines = tail.split_whitespace();
    let Some(Ok(xref)) = lines.next().map(str::parse::<usize>) else {
        return false;
    };
    if lines.next() != Some("%%EOF") || !pdf.get(xref..).is_some_and(|r| r.starts_with(b"xref")) {
        return false;
    }
    // The last object before the table must be the catalog.
    let Some(obj) = rfind(&pdf[..xref], b" 0 obj") else {
        return false;
    };
    let object = &pdf[obj..xref];
    if find(object, b"/Type/Catalog").is_none() || find(object, b"DisplayDocTitle").is_some() {
        return false;
    }
    let (at, insert): (usize, &[u8]) = match find(object, b"/ViewerPreferences<<") {
        Some(i) => (
            obj + i + b"/ViewerPreferences<<".len(),
            b"/DisplayDocTitle true",
        ),
        None => match find(object, b"/Type/Catalog") {
            Some(i) => (
                obj + i + b"/Type/Catalog".len(),
                b"/ViewerPreferences<</DisplayDocTitle true>>",
            ),
            None => return false,
        },
    };
    let new_xref = xref + insert.len();
    pdf.splice(at..at, insert.iter().copied());
    let sx = sx + insert.len();
    let end = pdf.len();
    pdf.splice(
        sx..end,
        format!("startxref\n{new_xref}\n%%EOF\n").into_bytes(),
    );
    true
}

/// Reads `<quire-ranges>`: item number → (first, last) page.
fn read_ranges(doc: &PagedDocument) -> Result<BTreeMap<String, (usize, usize)>, String> {
    let label = Label::new(PicoStr::intern("quire-ranges")).expect("valid label");
    let elem = doc
        .introspector()
        .query_label(label)
        .map_err(|e| format!("cannot read the page ranges: {e}"))?;
    let meta = elem
        .to_packed::<MetadataElem>()
        .ok_or("<quire-ranges> is not a metadata element")?;
    let Value::Dict(dict) = &meta.value else {
        return Err("<quire-ranges> is not a dictionary".into());
    };
    let mut out = BTreeMap::new();
    for (k, v) in dict.iter() {
        let pair = match v {
            Value::Array(a) if a.len() == 2 => {
                let n = |v: &Value| match v {
                    Value::Int(i) if *i > 0 => Ok(*i as usize),
                    _ => Err(format!("page range of item {k} is not two page numbers")),
                };
                (n(&a.as_slice()[0])?, n(&a.as_slice()[1])?)
            }
            _ => return Err(format!("page range of item {k} is not two page numbers")),
        };
        out.insert(k.to_string(), pair);
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
