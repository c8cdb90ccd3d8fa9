//! The build, in order: config → load → model → redact → render → gate → write.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Instant;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::redact::Audience;
use crate::render::{Artefact, Contents, html, pdf};
use crate::{config, gate, load, model, redact, theme, unchanged, write};

/// Set when a build is interrupted (Ctrl-C, or the SIGTERM a CI job's timeout sends):
/// the build stops at the next file it would write and removes what it wrote, as a
/// failed build does, instead of dying with its standby folder half made, holding
/// whatever it had written (`quire build` sets it; see main.rs).
pub static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// An error once the build has been interrupted.
pub(crate) fn not_interrupted() -> Result<(), Diagnostic> {
    if !INTERRUPTED.load(Ordering::Relaxed) {
        return Ok(());
    }
    Err(
        Diagnostic::error(config::SITE_FILE, None, "the build was interrupted")
            .code("interrupted")
            .hint("build again when you are ready; what this build wrote has been removed"),
    )
}

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/output` (public) or `<root>/confidential` (members).
    pub output: Option<PathBuf>,
    pub as_of: time::Date,
    pub audience: Audience,
    /// Whether to keep packs in `<root>/.quire-cache/` between builds.
    pub cache: bool,
    /// Numbered copies of the members' packs (members' edition only).
    pub copies: Copies,
}

/// Copies of the members' packs that say whose they are, so a leaked copy can be traced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Copies {
    /// The packs as they are.
    #[default]
    None,
    /// Every pack stamped for this member (by slug): `--for m-simmons`.
    For(String),
    /// Beside each pack, one stamped copy for every member of the meeting's committee.
    EachMember,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub files: usize,
    /// Files written because they were new or had changed.
    pub written: usize,
    pub pages: usize,
    pub packs: usize,
    pub warnings: Vec<Diagnostic>,
    pub seconds: f64,
    /// Whether nothing had changed since the last build of this output, which was left
    /// as it was without rendering anything (see [`crate::unchanged`]).
    pub unchanged: bool,
}

/// The default output folder for an audience.
pub fn default_output(root: &Path, audience: Audience) -> PathBuf {
    match audience {
        Audience::Public => root.join("output"),
        Audience::Confidential => root.join("confidential"),
    }
}

/// Builds the site. On any error the output is left as it was and every problem is
/// returned.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    let requested = opts
        .output
        .clone()
        .unwrap_or_else(|| default_output(&opts.root, opts.audience));
    let output = write::check_output(
        &opts.root,
        &requested,
        opts.audience == Audience::Confidential,
    )
    .map_err(|e| vec![e])?;
    // Held until the build returns: one build of a folder at a time.
    let _lock = write::lock_output(&output).map_err(|e| vec![e])?;
    let mut clock = Phases::new();
    // Taken before the build reads anything: an input changed while it runs makes the
    // next build's stamp differ.
    let cache = cache_dir(opts);
    let (stamp, last) = match &cache {
        Some(cache) => unchanged::last_build(opts, cache, &output),
        None => (None, None),
    };
    if let Some(mut report) = last {
        clock.lap("unchanged");
        report.seconds = start.elapsed().as_secs_f64();
        return Ok(report);
    }
    clock.lap("stamp");
    let mut staging = write::Staging::begin(&output).map_err(|e| vec![e])?;
    if opts.audience == Audience::Public
        && let Some(cache) = &cache
    {
        staging.remember_scans(cache.join(SCANNED));
    }
    clock.lap("manifests");
    // Files go to the standby folder as they are made and checked; if the build fails
    // (the leak gate included), dropping `staging` removes them all.
    let made = render_into(opts, PackMode::Render, &mut clock, &staging)?;
    debug_assert!(
        made.pending.is_empty() && staging.paths() == made.planned,
        "a build writes exactly the files it planned"
    );
    let written = staging.finish().map_err(|e| vec![e])?;
    clock.lap("write");
    let mut report = BuildReport {
        output,
        files: written.files,
        written: written.written,
        pages: made.pages,
        packs: made.packs,
        warnings: made.warnings,
        seconds: 0.0,
        unchanged: false,
    };
    if let Some(cache) = &cache {
        unchanged::remember(cache, stamp, &report);
    }
    report.seconds = start.elapsed().as_secs_f64();
    Ok(report)
}

/// Where a build's checked artefacts go, one at a time and from many threads: the
/// standby folder of a build, or memory for `quire serve`.
pub trait Sink: Sync {
    fn put(&self, artefact: Artefact) -> Result<(), Diagnostic>;

    /// Told the fingerprint of the build's leak gate before any artefact arrives.
    fn use_gate(&self, _print: u128) {}

    /// Whether these very bytes at this path were found clean by a gate with this
    /// fingerprint before, so the gate need not scan them again.
    fn scanned_before(&self, _artefact: &Artefact, _gate: u128) -> bool {
        false
    }
}

impl Sink for write::Staging {
    fn put(&self, artefact: Artefact) -> Result<(), Diagnostic> {
        write::Staging::put(self, artefact)
    }

    fn use_gate(&self, print: u128) {
        write::Staging::use_gate(self, print);
    }

    fn scanned_before(&self, artefact: &Artefact, gate: u128) -> bool {
        write::Staging::scanned_before(self, artefact, gate)
    }
}

/// Holds a site in memory. Packs are read out of the pack cache, which a later build
/// may prune while this site is still served.
#[derive(Default)]
struct Collect(std::sync::Mutex<Vec<Artefact>>);

impl Sink for Collect {
    fn put(&self, mut artefact: Artefact) -> Result<(), Diagnostic> {
        if let Contents::Kept(kept) = &artefact.contents {
            let bytes = kept.read().map_err(|e| {
                Diagnostic::error(&kept.path, None, format!("cannot read the pack: {e}"))
                    .code("pack-error")
            })?;
            artefact.contents = Contents::Bytes(bytes);
        }
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(artefact);
        Ok(())
    }
}

/// A site made in memory and checked by the leak gate: what `quire serve` serves.
#[derive(Debug)]
pub struct Site {
    pub artefacts: Vec<Artefact>,
    /// How many artefacts are web pages.
    pub pages: usize,
    /// How many meetings have a pack (numbered copies aside).
    pub packs: usize,
    pub warnings: Vec<Diagnostic>,
    /// What the site says of each meeting's pack, by the pack's URL.
    pub pack_info: BTreeMap<String, pdf::PackInfo>,
    /// With [`PackMode::CachedOnly`]: the paths of the packs not laid out yet, which
    /// `artefacts` lacks.
    pub pending: Vec<String>,
}

/// How [`render_site`] makes the agenda packs.
#[derive(Debug, Clone, Copy)]
pub enum PackMode<'a> {
    /// Lay out every pack (or take it from the cache): the whole site.
    Render,
    /// Take packs only from the cache and lay out none, so pages are ready at once. A
    /// page whose pack is missing shows what it said before (`previous`, by pack URL)
    /// until the whole site is made; the missing packs are listed in [`Site::pending`].
    CachedOnly {
        previous: &'a BTreeMap<String, pdf::PackInfo>,
    },
}

/// config → load → model → redact → render → gate, in memory. Writes nothing but the
/// pack cache (when `opts.cache`).
pub fn render_site(
    opts: &BuildOptions,
    mode: PackMode<'_>,
    clock: &mut Phases,
) -> Result<Site, Vec<Diagnostic>> {
    let sink = Collect::default();
    let made = render_into(opts, mode, clock, &sink)?;
    let mut artefacts = sink.0.into_inner().unwrap_or_else(|e| e.into_inner());
    // Threads hand artefacts over in any order; a site in memory is kept in path order.
    artefacts.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    Ok(Site {
        artefacts,
        pages: made.pages,
        packs: made.packs,
        warnings: made.warnings,
        pack_info: made.pack_info,
        pending: made.pending,
    })
}

/// What [`render_into`] made, besides the artefacts it handed to the sink.
struct Made {
    pages: usize,
    packs: usize,
    warnings: Vec<Diagnostic>,
    pack_info: BTreeMap<String, pdf::PackInfo>,
    pending: Vec<String>,
    /// The files the plan said the build would make, sorted.
    planned: Vec<String>,
}

/// Pages rendered, checked and handed over at a time: enough to keep both cores busy,
/// few enough that a large site's pages are never all in memory at once.
const PAGE_CHUNK: usize = 256;

/// config → load → model → redact → render → gate, handing each artefact to `sink` as
/// soon as the gate has scanned it. Returns an error, and the sink must then be thrown
/// away, if anything failed or the gate found a leak.
fn render_into(
    opts: &BuildOptions,
    mode: PackMode<'_>,
    clock: &mut Phases,
    sink: &dyn Sink,
) -> Result<Made, Vec<Diagnostic>> {
    let prepared = prepare(opts, clock)?;
    // A build the leak gate stops still shows the warnings found before: one of them may
    // explain the error (a meeting dated a year late, its agenda out on time).
    let warnings = prepared.warnings.clone();
    render_prepared(opts, mode, clock, sink, prepared).map_err(|mut problems| {
        problems.extend(warnings);
        problems
    })
}

fn render_prepared(
    opts: &BuildOptions,
    mode: PackMode<'_>,
    clock: &mut Phases,
    sink: &dyn Sink,
    prepared: Prepared,
) -> Result<Made, Vec<Diagnostic>> {
    let Prepared {
        edition,
        theme,
        mut warnings,
        gate,
    } = prepared;
    let plan = Plan::of(&edition, &theme, &opts.copies).map_err(|e| vec![e])?;
    if let Some(gate) = &gate {
        sink.use_gate(gate.fingerprint());
    }
    let outlet = Outlet {
        gate: gate.as_ref(),
        sink,
        scanned: Default::default(),
        pages: Default::default(),
        gate_reads: Default::default(),
        copies: Copied::of(&plan),
    };
    outlet.scan_pack_files(&theme);
    let (packs, pending) = make_packs(opts, mode, &edition, &theme, &plan, &outlet)?;
    clock.lap("pdf");
    if pending.is_empty()
        && let Some(record) = outlet.copies.record()
    {
        outlet.put_all(vec![record])?;
    }
    let pack_info = packs
        .info
        .values()
        .map(|info| (info.url.clone(), info.clone()))
        .collect();
    let pack_count = packs.info.len();
    let inputs = html::Inputs {
        ed: &edition,
        theme: &theme,
        packs: &packs.info,
    };
    let renderer = html::Renderer::new(&inputs)?;
    for chunk in plan.pages.chunks(PAGE_CHUNK) {
        outlet.put_all(renderer.pages(chunk)?)?;
    }
    let mut rest = renderer.extras();
    rest.extend(copied_and_robots(&edition));
    outlet.put_all(rest)?;
    // What the pages needed is free before the search index is made.
    drop(renderer);
    clock.lap("html");
    let planned = search_index(opts, edition, &outlet, plan)?;
    clock.lap("search");
    let pages = outlet.pages.load(Ordering::Relaxed);
    let scanned = outlet
        .scanned
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(gate) = &gate {
        warnings.extend(gate.verdict(scanned)?.warnings);
    }
    let [read, skipped] = outlet
        .gate_reads
        .each_ref()
        .map(|n| n.load(Ordering::Relaxed));
    clock.note(&format!(
        "gate read {read} files, skipped {skipped} already found clean"
    ));
    clock.lap("gate");
    Ok(Made {
        pages,
        packs: pack_count,
        warnings,
        pack_info,
        pending,
        planned,
    })
}

/// Where this edition keeps its packs and search index between builds, unless the build
/// keeps nothing.
fn cache_dir(opts: &BuildOptions) -> Option<PathBuf> {
    let which = match opts.audience {
        Audience::Public => "public",
        Audience::Confidential => "confidential",
    };
    opts.cache
        .then(|| opts.root.join(".quire-cache").join(which))
}

/// Hands the search index (`pagefind/`) to the outlet shard by shard, and returns the
/// planned files with its files added: most of them are named by what they hold, so the
/// plan cannot know them beforehand.
///
/// Takes the edition, the last thing to need it: it is dropped once each shard's records
/// are made, before Pagefind indexes the shards that changed.
fn search_index(
    opts: &BuildOptions,
    edition: redact::Edition,
    outlet: &Outlet<'_>,
    plan: Plan,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let mut planned = plan.files(&edition);
    drop(plan);
    let mut put = |files: Vec<Artefact>| {
        let named = files.iter().map(|a| &a.path);
        planned.extend(
            named
                .filter(|p| html::search::is_named_by_index(p))
                .cloned(),
        );
        outlet.put_all(files)
    };
    let index = html::search::Index::start(
        &edition,
        cache_dir(opts).as_deref(),
        &mut put,
        html::search::HOLD,
    )?;
    // Freeing the edition takes a core for tens of milliseconds and nothing after this
    // reads it: another thread frees it while the build goes on, and a build that ends
    // first does not wait for it.
    let _ = (std::thread::Builder::new())
        .name("free-edition".into())
        .spawn(move || drop(edition));
    index.finish(&mut put)?;
    planned.sort_unstable();
    Ok(planned)
}

/// The packs of the plan, laid out or from the cache as `mode` says and handed to the
/// outlet, and the paths of those not laid out yet.
fn make_packs(
    opts: &BuildOptions,
    mode: PackMode<'_>,
    edition: &redact::Edition,
    theme: &theme::Theme,
    plan: &Plan,
    outlet: &Outlet<'_>,
) -> Result<(pdf::Packs, Vec<String>), Vec<Diagnostic>> {
    let cache = cache_dir(opts).as_deref().map(pdf::PackCache::open);
    match (mode, &cache) {
        (PackMode::CachedOnly { previous }, Some(cache)) => {
            let (mut packs, missing) = pdf::cached_packs(edition, theme, &plan.packs, cache)?;
            // A pack not made yet: the meeting page says what it said before. First the
            // agenda packs, so that a missing supplementary pack finds its meeting's.
            let mut missing_jobs: Vec<&pdf::PackJob> =
                missing.iter().filter(|job| job.member.is_none()).collect();
            missing_jobs.sort_by_key(|job| job.supplement.is_some());
            for job in missing_jobs {
                let Some(before) = previous.get(&pdf::pack_url(edition, job.meeting)) else {
                    continue;
                };
                match job.supplement {
                    None => {
                        let mut info = before.clone();
                        let now = &edition.meetings()[job.meeting].supplements;
                        info.supplements
                            .retain(|n, _| now.iter().any(|s| s.number == *n));
                        packs.info.insert(job.meeting, info);
                        // Supplementary packs the cache did hold are as they are now.
                        let held = std::mem::take(&mut packs.orphans);
                        packs.attach(held);
                    }
                    Some(n) => {
                        if let (Some(now), Some(old)) =
                            (packs.info.get_mut(&job.meeting), before.supplements.get(&n))
                        {
                            now.supplements.insert(n, old.clone());
                        }
                    }
                }
            }
            let texts = std::mem::take(&mut packs.texts);
            outlet.put_packs(std::mem::take(&mut packs.artefacts), &texts)?;
            Ok((packs, missing.into_iter().map(|job| job.path).collect()))
        }
        _ => {
            // Each pack is scanned and written as soon as it is laid out.
            let emit = |pack: Artefact, text: String| outlet.put(pack, Some(&text));
            let packs = pdf::stream_packs(edition, theme, &plan.packs, cache.as_ref(), &emit)?;
            Ok((packs, Vec::new()))
        }
    }
}

/// Hands artefacts to the sink once the leak gate (in a public build) has scanned them,
/// keeping only what the gate found.
struct Outlet<'a> {
    gate: Option<&'a gate::Gate>,
    sink: &'a dyn Sink,
    scanned: std::sync::Mutex<Vec<gate::Scanned>>,
    pages: std::sync::atomic::AtomicUsize,
    /// How many files the gate read, and how many it skipped because a build with its
    /// fingerprint wrote the same bytes: for `QUIRE_TIMINGS`, where a rebuild that reads
    /// every file again shows.
    gate_reads: [std::sync::atomic::AtomicUsize; 2],
    /// The numbered copies of members' packs, as they pass.
    copies: Copied,
}

impl Outlet<'_> {
    fn put_all(&self, artefacts: Vec<Artefact>) -> Result<(), Vec<Diagnostic>> {
        use rayon::prelude::*;
        (artefacts.into_par_iter())
            .try_for_each(|a| self.put(a, None))
            .map_err(|e| vec![e])
    }

    /// Packs, with the text of each (by path) for the gate.
    fn put_packs(
        &self,
        packs: Vec<Artefact>,
        texts: &BTreeMap<String, String>,
    ) -> Result<(), Vec<Diagnostic>> {
        use rayon::prelude::*;
        (packs.into_par_iter())
            .try_for_each(|a| {
                let text = texts.get(&a.path).map(String::as_str);
                self.put(a, text)
            })
            .map_err(|e| vec![e])
    }

    /// The files a pack template may place from the theme's `pdf/` folder (a picture, a
    /// PDF cover page), read as the gate reads a file the site publishes: the gate reads
    /// a pack's text as typst lays it out, which does not see into what is placed.
    fn scan_pack_files(&self, theme: &theme::Theme) {
        let Some(gate) = self.gate else {
            return;
        };
        let placed = theme
            .under("pdf")
            .filter(|(path, _)| !path.ends_with(".typ"));
        for (path, bytes) in placed {
            let source = theme.source_of(&format!("pdf/{path}"));
            let found = gate.scan_theme_file(&source, bytes);
            if found.has_findings() {
                (self.scanned.lock().unwrap_or_else(|e| e.into_inner())).push(found);
            }
        }
    }

    /// One artefact; `pack_text` is the text of a pack's pages and metadata.
    fn put(&self, a: Artefact, pack_text: Option<&str>) -> Result<(), Diagnostic> {
        not_interrupted()?;
        let withheld = self
            .gate
            .is_some_and(|gate| self.check(gate, &a, pack_text));
        if a.path.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        self.copies.note(&a);
        if withheld {
            // The gate will refuse this build: a file holding withheld matter is not
            // written even to the standby folder, where a build killed before its
            // verdict (and so before it removes what it wrote) would leave it.
            return Ok(());
        }
        self.sink.put(a)
    }

    /// Scans one artefact, unless a build with this gate's fingerprint wrote its bytes;
    /// says whether it holds anything withheld.
    fn check(&self, gate: &gate::Gate, a: &Artefact, pack_text: Option<&str>) -> bool {
        let before = self.sink.scanned_before(a, gate.fingerprint());
        self.gate_reads[usize::from(before)].fetch_add(1, Ordering::Relaxed);
        if before {
            return false;
        }
        let found = gate.scan(a, pack_text);
        let withheld = found.has_hits();
        if found.has_findings() {
            (self.scanned.lock().unwrap_or_else(|e| e.into_inner())).push(found);
        }
        withheld
    }
}

/// What a build would publish, held in memory and written nowhere: every file but the
/// packs, and for each pack the data typst lays out and the files it embeds (everything
/// the pack can show) instead of the laid-out PDF. For tests that build thousands of
/// random sites, where laying out every pack would take hours.
#[derive(Debug)]
pub struct Preview {
    pub artefacts: Vec<Artefact>,
    /// (pack path, pack data as JSON, content files it embeds)
    pub packs: Vec<(String, String, Vec<crate::redact::FileHandle>)>,
}

/// Runs the build up to rendering, without laying out packs or writing anything.
pub fn preview(opts: &BuildOptions) -> Result<Preview, Vec<Diagnostic>> {
    let prepared = prepare(opts, &mut Phases::new())?;
    let (edition, theme) = (&prepared.edition, &prepared.theme);
    let packs = pdf::pack_previews(edition)
        .map_err(|e| vec![Diagnostic::error(&opts.root, None, e).code("pack-error")])?;
    let plan = Plan::of(edition, theme, &opts.copies).map_err(|e| vec![e])?;
    let mut artefacts = site_artefacts(edition, theme, &plan, &Default::default())?;
    // The search index, which the gate reads like any other file.
    html::search::index(edition, None, &mut |files| {
        artefacts.extend(files);
        Ok(())
    })?;
    if let Some(gate) = &prepared.gate {
        // Without laid-out packs, the gate reads what typst would lay out.
        let texts = packs
            .iter()
            .map(|(path, json, _)| (path.clone(), json.clone()))
            .collect();
        gate.check(&artefacts, &texts)?;
    }
    Ok(Preview { artefacts, packs })
}

/// Every file a build would write, as sorted paths inside the output folder, decided
/// from the edition without rendering anything.
pub fn planned_files(opts: &BuildOptions) -> Result<Vec<String>, Vec<Diagnostic>> {
    let prepared = prepare(opts, &mut Phases::new())?;
    let plan = Plan::of(&prepared.edition, &prepared.theme, &opts.copies).map_err(|e| vec![e])?;
    Ok(plan.files(&prepared.edition))
}

/// What a build will write, decided from the edition before anything is rendered: the
/// renderers are then handed their part of it.
struct Plan {
    pages: Vec<html::Page>,
    /// The packs to lay out, numbered copies included.
    packs: Vec<pdf::PackJob>,
    /// Theme files published under `static/`.
    statics: Vec<String>,
}

impl Plan {
    fn of(
        edition: &redact::Edition,
        theme: &theme::Theme,
        copies: &Copies,
    ) -> Result<Plan, Diagnostic> {
        Ok(Plan {
            pages: html::plan_pages(edition),
            packs: pack_jobs(edition, copies)?,
            statics: theme
                .under("static")
                .map(|(p, _)| html::static_path(p))
                .collect(),
        })
    }

    /// The output paths, sorted.
    fn files(&self, edition: &redact::Edition) -> Vec<String> {
        let mut files: Vec<String> = Vec::new();
        files.extend(
            self.pages
                .iter()
                .map(|&p| Artefact::path_of_url(&html::page_url(edition, p))),
        );
        files.extend(self.packs.iter().map(|job| job.path.clone()));
        if self.packs.iter().any(|job| job.member.is_some()) {
            files.push(COPIES.to_string());
        }
        files.extend(
            edition
                .assets()
                .keys()
                .map(|url| Artefact::path_of_url(url)),
        );
        files.extend(html::FEED_FILES.iter().map(|f| f.to_string()));
        files.extend(html::record::files(edition));
        files.extend(self.statics.iter().cloned());
        files.push(ROBOTS.to_string());
        files.sort_unstable();
        files
    }
}

/// The packs to lay out: each meeting's, and the copies asked for.
fn pack_jobs(edition: &redact::Edition, copies: &Copies) -> Result<Vec<pdf::PackJob>, Diagnostic> {
    let meetings = pdf::plan(edition);
    if *copies != Copies::None && !edition.is_confidential() {
        return Err(Diagnostic::error(
            SITE,
            None,
            "copies for members are made only of the members' edition",
        )
        .code("usage")
        .hint("add --confidential: the public pack is the same for everyone and needs no copies"));
    }
    // Each meeting's agenda pack, then a pack for each of its supplementary agendas.
    let own: Vec<pdf::PackJob> = meetings
        .iter()
        .flat_map(|&mi| pdf::meeting_jobs(edition, mi))
        .collect();
    Ok(match copies {
        Copies::None => own,
        Copies::For(member) => {
            if edition.member(member).is_none() {
                return Err(Diagnostic::error(
                    SITE,
                    None,
                    format!("--for {member}: there is no such member"),
                )
                .code("unknown-member")
                .hint("give the member's file name without .yaml, as in content/members/"));
            }
            own.iter()
                .map(|job| pdf::stamped_job(edition, job, member))
                .collect()
        }
        Copies::EachMember => own
            .iter()
            .flat_map(|job| {
                let meeting = &edition.meetings()[job.meeting];
                let committee = &edition.committees()[meeting.committee];
                std::iter::once(job.clone()).chain(
                    committee
                        .members_on(meeting.date)
                        .map(move |m| pdf::copy_job(edition, job, &m.member)),
                )
            })
            .collect(),
    })
}

/// The record of copies, in the members' edition: who each copy is for, and the SHA-256
/// of the file, so that a copy found where it should not be can be traced to its member.
/// The numbered copies of the plan, by path with their member, and the SHA-256 of each
/// as it passed the outlet: the packs themselves are written and gone by then.
#[derive(Default)]
struct Copied {
    /// (member, pack path), in the plan's order.
    jobs: Vec<(String, String)>,
    paths: std::collections::HashSet<String>,
    hashes: std::sync::Mutex<std::collections::HashMap<String, String>>,
}

impl Copied {
    fn of(plan: &Plan) -> Copied {
        let jobs: Vec<(String, String)> = (plan.packs.iter())
            .filter_map(|job| Some((job.member.clone()?, job.path.clone())))
            .collect();
        Copied {
            paths: jobs.iter().map(|(_, path)| path.clone()).collect(),
            jobs,
            hashes: Default::default(),
        }
    }

    /// Hashes a numbered copy.
    fn note(&self, a: &Artefact) {
        if !self.paths.contains(&a.path) {
            return;
        }
        let hash = match &a.contents {
            Contents::Bytes(b) => crate::digest::sha256_hex(b),
            Contents::Kept(kept) => match kept.read() {
                Ok(bytes) => crate::digest::sha256_hex(&bytes),
                Err(_) => return,
            },
            Contents::Copy(_) => return,
        };
        (self.hashes.lock().unwrap_or_else(|e| e.into_inner())).insert(a.path.clone(), hash);
    }

    /// The record of the copies made, if any.
    fn record(&self) -> Option<Artefact> {
        let hashes = self.hashes.lock().unwrap_or_else(|e| e.into_inner());
        let mut csv = String::from("member,meeting,file,sha256\n");
        let mut any = false;
        for (member, path) in &self.jobs {
            let Some(hash) = hashes.get(path) else {
                continue;
            };
            any = true;
            let meeting = path.trim_end_matches(|c| c != '/').trim_end_matches('/');
            csv.push_str(&format!("{member},{meeting},{path},{hash}\n"));
        }
        any.then(|| Artefact::bytes(COPIES, csv))
    }
}

/// The record of numbered copies, in the members' edition.
const COPIES: &str = "copies.csv";

/// Where messages about the command line point.
const SITE: &str = "site.toml";

/// robots.txt's path in the output.
const ROBOTS: &str = "robots.txt";

/// The record, in the public edition's cache folder, of the files the last build's leak
/// gate passed (see [`write::Staging::remember_scans`]).
const SCANNED: &str = "scanned.manifest";

/// The leak gate's preparation, in the public edition's cache folder (see
/// [`gate::kept`]).
const GATE: &str = "gate.json";

/// The edition and theme a build renders, and the warnings found on the way.
struct Prepared {
    edition: redact::Edition,
    theme: theme::Theme,
    warnings: Vec<Diagnostic>,
    /// The leak gate, for a public build.
    gate: Option<gate::Gate>,
}

/// config → load → model → redact. Stops with every problem found if there is an error.
fn prepare(opts: &BuildOptions, clock: &mut Phases) -> Result<Prepared, Vec<Diagnostic>> {
    let mut diags = Diagnostics::default();
    // A broken site.toml must not hide the content's own errors: read on with defaults.
    let config = config::load(&opts.root, &mut diags).unwrap_or_else(config::Config::fallback);
    let mut sources = load::load(&opts.root, &mut diags);
    // Taken now: building the library frees the texts. Only a public build that keeps
    // its gate uses it.
    let sources_print = (opts.audience == Audience::Public && opts.cache).then(|| sources.print());
    clock.lap("load");
    let library = model::build(config, &mut sources, &mut diags);
    // The library holds all it needs of the source texts; they need not stay for the
    // rest of the build, which at a council's scale is tens of megabytes.
    drop(sources);
    model::deadlines::check(&library, &mut diags);
    model::reviews::check(&library, opts.as_of, &mut diags);
    model::item_titles::check(&library, opts.as_of, &mut diags);
    let theme = theme::Theme::load(&opts.root, &library.config.theme, &mut diags);
    clock.lap("model");
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    // The gate reads the library by its own rules, never the edition: the two are made
    // side by side from the library alone. Neither stage uses both cores all the time,
    // and together they were a second of every build at a council's scale.
    let (gate, edition) = rayon::join(
        || leak_gate(opts, &library, sources_print),
        || redact::edition(&library, opts.audience, opts.as_of),
    );
    drop(library);
    clock.lap("gate and redact");
    let gate = match gate {
        Ok(gate) => gate,
        // With the warnings found so far, as `render_into` gives them.
        Err(e) => {
            let mut problems = diags.sorted();
            problems.push(e);
            return Err(problems);
        }
    };
    let warnings = diags
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    Ok(Prepared {
        edition,
        theme,
        warnings,
        gate,
    })
}

/// The leak gate of a public build (none for the members' edition), prepared from the
/// library, or kept from the last build whose sources were the same.
fn leak_gate(
    opts: &BuildOptions,
    library: &model::Library,
    sources_print: Option<[u8; 32]>,
) -> Result<Option<gate::Gate>, Diagnostic> {
    if opts.audience == Audience::Confidential {
        return Ok(None);
    }
    let texts = gate::PdfTexts::new(
        opts.cache
            .then(|| opts.root.join(".quire-cache").join("pdf-text")),
    );
    let keep = cache_dir(opts)
        .zip(sources_print)
        .map(|(dir, sources)| gate::Keep {
            file: dir.join(GATE),
            sources,
        });
    match &keep {
        Some(keep) => gate::Gate::kept(library, opts.as_of, texts, keep),
        None => gate::Gate::new(library, opts.as_of, texts),
    }
    .map(Some)
}

/// Every file of the site except the packs: pages, feeds, search index, static files,
/// the content files the edition publishes, and robots.txt.
fn site_artefacts(
    edition: &redact::Edition,
    theme: &theme::Theme,
    plan: &Plan,
    packs: &std::collections::BTreeMap<usize, pdf::PackInfo>,
) -> Result<Vec<Artefact>, Vec<Diagnostic>> {
    let inputs = html::Inputs {
        ed: edition,
        theme,
        packs,
    };
    let mut artefacts = html::render(&inputs, &plan.pages)?;
    artefacts.extend(copied_and_robots(edition));
    Ok(artefacts)
}

/// The content files the edition publishes, and robots.txt: the same for a build and a
/// preview, so the gate sees in a preview every file a build writes.
fn copied_and_robots(edition: &redact::Edition) -> Vec<Artefact> {
    let mut files: Vec<Artefact> = edition
        .assets()
        .iter()
        .map(|(url, source)| Artefact {
            path: url.trim_start_matches('/').to_string(),
            contents: Contents::Copy(source.clone()),
        })
        .collect();
    files.push(robots(edition));
    files
}

/// robots.txt: the members' edition asks not to be indexed, and is recognisable as such.
fn robots(ed: &redact::Edition) -> Artefact {
    let text = if ed.is_confidential() {
        format!("{}\nUser-agent: *\nDisallow: /\n", write::CONFIDENTIAL_MARK)
    } else {
        format!(
            "{}\nUser-agent: *\nAllow: /\nSitemap: {}/sitemap.xml\n",
            write::PUBLIC_MARK,
            ed.config().base_url
        )
    };
    Artefact::bytes(ROBOTS, text)
}

/// Phase timings, printed to stderr when `QUIRE_TIMINGS` is set (for benchmarks).
#[derive(Debug)]
pub struct Phases {
    last: Instant,
    show: bool,
    /// The process's processor time when the last phase ended, so each phase shows how
    /// many cores it kept busy.
    cpu: f64,
}

impl Default for Phases {
    fn default() -> Self {
        Phases::new()
    }
}

impl Phases {
    pub fn new() -> Self {
        let show = std::env::var_os("QUIRE_TIMINGS").is_some();
        Phases {
            last: Instant::now(),
            show,
            cpu: if show { processor_seconds() } else { 0.0 },
        }
    }

    pub fn lap(&mut self, name: &str) {
        if self.show {
            let cpu = processor_seconds();
            eprintln!(
                "timing: {name} {:.2}s (processor {:.2}s)",
                self.last.elapsed().as_secs_f64(),
                cpu - self.cpu
            );
            self.cpu = cpu;
        }
        self.last = Instant::now();
    }

    /// A line of its own among the timings, such as how much work a phase skipped.
    pub fn note(&self, line: &str) {
        if self.show {
            eprintln!("timing:   {line}");
        }
    }
}

/// The processor time this process has used so far, user and system, in seconds (0 where
/// /proc cannot say): for `QUIRE_TIMINGS` only.
fn processor_seconds() -> f64 {
    #[allow(clippy::disallowed_methods)] // a diagnostic, read only when asked for
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command's name, which is in brackets and may hold spaces:
    // user and system time are the 12th and 13th, in clock ticks of 1/100 s.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Remembers the paths it was handed.
    #[derive(Default)]
    struct Recording(std::sync::Mutex<Vec<String>>);

    impl Sink for Recording {
        fn put(&self, artefact: Artefact) -> Result<(), Diagnostic> {
            self.0.lock().unwrap().push(artefact.path);
            Ok(())
        }
    }

    /// Round 38: a page the gate will refuse is not handed to the writer, so a build
    /// killed before its verdict leaves no withheld words in the standby folder.
    #[test]
    fn a_file_with_withheld_words_is_never_handed_to_the_writer() {
        let gate = gate::Gate::looking_for(&[" alpha beta gamma delta epsilon "]);
        let sink = Recording::default();
        let outlet = Outlet {
            gate: Some(&gate),
            sink: &sink,
            scanned: Default::default(),
            pages: Default::default(),
            gate_reads: Default::default(),
            copies: Copied::default(),
        };
        let page = |path: &str, text: &str| Artefact::bytes(path, format!("<p>{text}</p>"));
        outlet
            .put(
                page("leak/index.html", "Alpha beta gamma delta epsilon."),
                None,
            )
            .unwrap();
        outlet
            .put(page("clean/index.html", "Nothing withheld here."), None)
            .unwrap();
        assert_eq!(
            *sink.0.lock().unwrap(),
            vec!["clean/index.html".to_string()]
        );
        // The refusal itself is kept for the verdict, and both pages were counted.
        let scanned = outlet.scanned.lock().unwrap();
        assert!(scanned.len() == 1 && scanned[0].has_hits());
        assert_eq!(outlet.pages.load(Ordering::Relaxed), 2);
    }
}
