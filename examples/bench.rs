//! The scale benchmark (issue 13): generates two corpora, runs `quire build` on each as a
//! separate process and prints the wall time, CPU time and peak memory of every run, with
//! how many files each run wrote.
//!
//! ```sh
//! cargo build --release --bin quire --example bench --example generate_site
//! target/release/examples/bench target/bench              # both corpora
//! target/release/examples/bench target/bench --corpus a   # corpus A only
//! ```
//!
//! Corpus A is this repository's `generate_site` example (5,000 meetings, about 55,000
//! files). Corpus B is 5,000 committee reports in 1,000 meetings, written by
//! `gen_quire.py`, with its Zola twin written by `gen_corpus.py --layout zola`. Those two
//! scripts live outside the repository, in `../shared/bench/` beside it; pass `--shared DIR`
//! or set `QUIRE_BENCH_SHARED` if they are elsewhere. Without them corpus B is skipped and
//! corpus A still runs. If a `zola` binary is found (`--zola`, `ZOLA`, or `PATH`), Zola
//! builds the twin in the same conditions as quire's HTML path.
//!
//! Rows, for each corpus:
//! - first build: no pack cache, no output folder;
//! - rebuild, nothing changed: the same build again, doing all its work (the record the
//!   last build kept of its inputs is removed first);
//! - rebuild, nothing changed, record kept: the same build again, which finds from that
//!   record that nothing changed and leaves the output as it is;
//! - rebuild, one edit: after a sentence is appended to one report's body;
//! - a deployment: into a new, empty output folder (`<site>/deploy`), with the caches the
//!   runs above left;
//! - corpus B only, HTML path: packs cached, into a fresh output folder on tmpfs (median of
//!   `--repeat` runs), and Zola's build of the twin into a fresh folder on tmpfs.
//!
//! "Files written" counts the files of the output modified since the run started (a file
//! the build left alone, or linked or kept from an earlier build, keeps its older time);
//! "bytes changed" counts
//! the files that are new or whose contents differ, by hashing the output before and after.
//! Peak memory is the child's own `ru_maxrss`, from `wait4`.
//!
//! See docs/performance.md.

// A benchmark writes its corpora and reads the outputs it measures.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::io::{self, Write as _};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use clap::{Parser, ValueEnum};

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

/// The sentence the one-edit rebuild appends to one report.
const EDIT: &str =
    "\nThis sentence was added by the benchmark to measure a rebuild after one edit.\n";

#[derive(Parser)]
#[command(
    about = "Time quire's first build, no-change rebuild and one-edit rebuild on two corpora",
    after_help = "Corpus B needs gen_quire.py and gen_corpus.py from ../shared/bench (outside the \
                  repository): pass --shared DIR or set QUIRE_BENCH_SHARED. Set ZOLA or pass \
                  --zola to compare with Zola. See docs/performance.md."
)]
struct Args {
    /// Scratch folder for the corpora, their outputs, the logs and results.md.
    #[arg(default_value = "target/bench")]
    scratch: PathBuf,
    /// The quire binary to measure [default: target/release/quire in this repository].
    #[arg(long)]
    quire: Option<PathBuf>,
    /// The folder holding gen_quire.py and gen_corpus.py, for corpus B
    /// [default: $QUIRE_BENCH_SHARED, else ../shared/bench beside the repository].
    #[arg(long)]
    shared: Option<PathBuf>,
    /// A zola binary, to build corpus B's twin [default: $ZOLA, else zola on PATH].
    #[arg(long)]
    zola: Option<PathBuf>,
    /// Which corpora to run.
    #[arg(long, value_enum, default_value_t = Which::Both)]
    corpus: Which,
    /// Meetings in corpus A.
    #[arg(long, default_value_t = 5000)]
    meetings: usize,
    /// Reports in corpus B (and pages in its Zola twin).
    #[arg(long, default_value_t = 5000)]
    reports: usize,
    /// Runs of the HTML-path and Zola rows; the table shows the median.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// The build date given to quire.
    #[arg(long, default_value = "2026-11-22")]
    as_of: String,
    /// A tmpfs folder for the HTML-path and Zola outputs.
    #[arg(long, default_value = "/dev/shm")]
    tmpfs: PathBuf,
    /// Keep corpora already in the scratch folder instead of generating them again.
    #[arg(long)]
    reuse: bool,
    /// Skip hashing the output (the "bytes changed" column is left empty).
    #[arg(long)]
    no_hash: bool,
    /// Print quire's stage timings (QUIRE_TIMINGS) under the table.
    #[arg(long)]
    timings: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Which {
    A,
    B,
    Both,
}

/// One line of the table.
struct Row {
    corpus: &'static str,
    run: String,
    wall: f64,
    cpu: Option<f64>,
    rss_kib: Option<u64>,
    pages: Option<u64>,
    files: usize,
    written: usize,
    changed: Option<usize>,
    removed: usize,
    load: f64,
    log: PathBuf,
}

type Failure = Box<dyn std::error::Error>;

fn main() {
    let args = Args::parse();
    if let Err(e) = run(&args) {
        eprintln!("bench: {e}");
        std::process::exit(1);
    }
}

fn run(args: &Args) -> Result<(), Failure> {
    let manifest = Path::new(MANIFEST);
    let quire = absolute(
        args.quire
            .clone()
            .unwrap_or_else(|| manifest.join("target/release/quire")),
    )?;
    if !quire.is_file() {
        return Err(format!(
            "no quire binary at {} (run `cargo build --release` or pass --quire PATH)",
            quire.display()
        )
        .into());
    }
    let shared = args
        .shared
        .clone()
        .or_else(|| std::env::var_os("QUIRE_BENCH_SHARED").map(PathBuf::from))
        .unwrap_or_else(|| manifest.join("../shared/bench"));
    let zola = args
        .zola
        .clone()
        .or_else(|| std::env::var_os("ZOLA").map(PathBuf::from))
        .or_else(|| on_path("zola"));
    fs::create_dir_all(&args.scratch)?;
    let scratch = absolute(args.scratch.clone())?;
    let logs = scratch.join("logs");
    fs::create_dir_all(&logs)?;

    let mut head = String::new();
    let _ = writeln!(head, "# quire benchmark\n");
    let _ = writeln!(head, "- date: {}", now_utc());
    let _ = writeln!(head, "- machine: {}", machine());
    let _ = writeln!(head, "- load average at start: {}", loadavg_line());
    let _ = writeln!(
        head,
        "- quire: {} ({})",
        quire.display(),
        version(&quire).unwrap_or_else(|| "version unknown".into())
    );
    let _ = writeln!(head, "- build date (--as-of): {}", args.as_of);
    print!("{head}");
    io::stdout().flush()?;

    let mut rows = Vec::new();
    let mut notes = Vec::new();
    if args.corpus != Which::B {
        corpus_a(args, &quire, &scratch, &mut rows, &mut notes)?;
    }
    if args.corpus != Which::A {
        let scripts_here =
            shared.join("gen_quire.py").is_file() && shared.join("gen_corpus.py").is_file();
        if scripts_here {
            corpus_b(
                args,
                &quire,
                &shared,
                zola.as_deref(),
                &scratch,
                &mut rows,
                &mut notes,
            )?;
        } else {
            let note = format!(
                "Corpus B skipped: it needs gen_quire.py and gen_corpus.py in {} (the \
                 shared/bench folder beside the repository, which a fresh clone does not \
                 have); pass --shared DIR or set QUIRE_BENCH_SHARED.",
                shared.display()
            );
            eprintln!("{note}");
            notes.push(note);
        }
    }

    let mut out = head;
    let _ = writeln!(out, "- load average at end: {}\n", loadavg_line());
    out.push_str(&table(&rows));
    for n in &notes {
        let _ = writeln!(out, "\n{n}");
    }
    let _ = writeln!(out, "\nLogs of every run: {}", logs.display());
    println!("\n{}", &out[out.find("| Corpus").unwrap_or(0)..]);
    if args.timings {
        for r in &rows {
            let err = fs::read_to_string(r.log.with_extension("err")).unwrap_or_default();
            let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("timing:")).collect();
            if !lines.is_empty() {
                println!("{} {}: {}", r.corpus, r.run, lines.join("; "));
            }
        }
    }
    fs::write(scratch.join("results.md"), &out)?;
    println!("Written to {}", scratch.join("results.md").display());
    Ok(())
}

fn corpus_a(
    args: &Args,
    quire: &Path,
    scratch: &Path,
    rows: &mut Vec<Row>,
    notes: &mut Vec<String>,
) -> Result<(), Failure> {
    let site = scratch.join("a-site");
    if !(args.reuse && site.join("site.toml").is_file()) {
        eprintln!(
            "generating corpus A: {} meetings in {}",
            args.meetings,
            site.display()
        );
        let t = Instant::now();
        let mut cmd = generator();
        cmd.arg(&site).arg(args.meetings.to_string());
        let status = cmd.status()?;
        if !status.success() {
            return Err(format!("generate_site failed: {status}").into());
        }
        eprintln!("  generated in {:.1}s", t.elapsed().as_secs_f64());
    }
    // Edit a report in the middle of the archive: committee 12's middle meeting.
    let committee = site.join("content/committees/committee-12");
    let mut meetings = subfolders(&committee)?;
    meetings.sort();
    let edited = meetings
        .get(meetings.len() / 2)
        .map(|m| m.join("report-3.md"))
        .ok_or("corpus A has no meetings in committee-12 (use --meetings 25 or more)")?;
    rebuild_rows("A", args, quire, &site, &edited, scratch, rows)?;
    notes.push(format!(
        "Corpus A: `generate_site` with {} meetings; the edit appends a sentence to {}.",
        args.meetings,
        edited.strip_prefix(&site).unwrap_or(&edited).display()
    ));
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn corpus_b(
    args: &Args,
    quire: &Path,
    shared: &Path,
    zola: Option<&Path>,
    scratch: &Path,
    rows: &mut Vec<Row>,
    notes: &mut Vec<String>,
) -> Result<(), Failure> {
    let site = scratch.join("b-site");
    let twin = scratch.join("b-zola");
    let n = args.reports.to_string();
    if !(args.reuse && site.join("site.toml").is_file()) {
        eprintln!(
            "generating corpus B: {} reports in {}",
            args.reports,
            site.display()
        );
        let t = Instant::now();
        python(
            Command::new("python3")
                .arg(shared.join("gen_quire.py"))
                .args(["-n".as_ref(), n.as_ref(), "-o".as_ref(), site.as_os_str()]),
        )?;
        eprintln!("  generated in {:.1}s", t.elapsed().as_secs_f64());
    }
    if zola.is_some() && !(args.reuse && twin.join("config.toml").is_file()) {
        eprintln!("generating corpus B's Zola twin in {}", twin.display());
        python(
            Command::new("python3")
                .arg(shared.join("gen_corpus.py"))
                .args(["site", "--layout", "zola", "--force", "-n"])
                .arg(&n)
                .arg("-o")
                .arg(&twin),
        )?;
    }
    let exempt = unique_exempt_wording(&site)?;
    let name = format!("report-{:06}.md", args.reports / 2);
    let edited = find_file(&site.join("content"), &name)?
        .ok_or_else(|| format!("corpus B has no {name}"))?;
    rebuild_rows("B", args, quire, &site, &edited, scratch, rows)?;
    notes.push(format!(
        "Corpus B: `gen_quire.py -n {}` from {}; the edit appends a sentence to {}. \
         The {exempt} exempt reports were given unique wording (a marker word in every \
         three, and the title \"Exempt report N\") so that the leak gate lets the public \
         build through: gen_quire.py draws every report's sentences from one small pool.",
        args.reports,
        shared.display(),
        edited.strip_prefix(&site).unwrap_or(&edited).display()
    ));

    // The HTML path: packs come from the cache the builds above left, output on tmpfs.
    let tmp_is_tmpfs = is_tmpfs(&args.tmpfs);
    let tmp = args
        .tmpfs
        .join(format!("quire-bench-{}", std::process::id()));
    fs::create_dir_all(&tmp)?;
    let mut html = Vec::new();
    for k in 1..=args.repeat.max(1) {
        let out = tmp.join("quire-html");
        let _ = fs::remove_dir_all(&out);
        let log = scratch.join(format!("logs/b-html-{k}"));
        let mut cmd = quire_build(quire, &site, &args.as_of);
        cmd.arg("--output").arg(&out);
        let m = measure(&mut cmd, &log)?;
        let snap = snapshot(&out, false)?;
        html.push(row(
            "B",
            "HTML path: packs cached, fresh output on tmpfs",
            m,
            pages(&log),
            &BTreeMap::new(),
            &snap,
            log,
        ));
        let _ = fs::remove_dir_all(&out);
    }
    rows.push(median(html, args.repeat));
    let mut tmpfs_note = format!(
        "HTML path and Zola: output into a fresh folder in {}",
        args.tmpfs.display()
    );
    if tmp_is_tmpfs {
        if let Some(size) = tmpfs_size(&args.tmpfs) {
            let _ = write!(tmpfs_note, " (tmpfs, {size})");
        } else {
            tmpfs_note.push_str(" (tmpfs)");
        }
    } else {
        tmpfs_note.push_str(", which is NOT a tmpfs: pass --tmpfs DIR");
    }
    tmpfs_note.push_str("; the site's sources stay where they were generated.");

    match zola {
        Some(zola) => {
            let zv = version(zola).unwrap_or_else(|| "version unknown".into());
            let mut runs = Vec::new();
            for k in 1..=args.repeat.max(1) {
                let out = tmp.join("zola-public");
                let _ = fs::remove_dir_all(&out);
                let log = scratch.join(format!("logs/b-zola-{k}"));
                let mut cmd = Command::new(zola);
                cmd.arg("--root")
                    .arg(&twin)
                    .arg("build")
                    .arg("--output-dir")
                    .arg(&out)
                    .current_dir(&twin);
                let m = measure(&mut cmd, &log)?;
                let snap = snapshot(&out, false)?;
                runs.push(row(
                    "B",
                    "Zola, the twin: fresh output on tmpfs",
                    m,
                    pages(&log),
                    &BTreeMap::new(),
                    &snap,
                    log,
                ));
                let _ = fs::remove_dir_all(&out);
            }
            rows.push(median(runs, args.repeat));
            let _ = write!(tmpfs_note, " Zola: {} ({zv}).", zola.display());
            let (q, z) = (&rows[rows.len() - 2], &rows[rows.len() - 1]);
            if let (Some(qp), Some(zp)) = (q.pages, z.pages) {
                let (qr, zr) = (qp as f64 / q.wall, zp as f64 / z.wall);
                let _ = write!(
                    tmpfs_note,
                    " quire's HTML path makes {qr:.0} pages/s against Zola's {zr:.0}: {:.2} times",
                    qr / zr
                );
                if let (Some(qm), Some(zm)) = (q.rss_kib, z.rss_kib) {
                    let _ = write!(
                        tmpfs_note,
                        ", at {} MiB peak against {} MiB",
                        qm / 1024,
                        zm / 1024
                    );
                }
                tmpfs_note.push('.');
            }
        }
        None => tmpfs_note.push_str(
            " Zola not run: no zola binary (pass --zola PATH, set ZOLA, or put zola on PATH).",
        ),
    }
    let _ = fs::remove_dir_all(&tmp);
    notes.push(tmpfs_note);
    Ok(())
}

/// Makes the wording of corpus B's exempt reports their own, and returns how many there are.
///
/// gen_quire.py draws every report's sentences, headings and table rows from one small
/// pool, so an exempt report shares whole paragraphs and titles with public reports, and
/// the leak gate (rightly) refuses the public build. Exempt reports are withheld from the
/// public edition, so making their wording unique leaves every public page as it was and
/// the gate with as many withheld phrases to look for: the title becomes "Exempt report
/// N" and a marker word ("xqN") goes before every third word of the body. A line that
/// already has the marker is left alone, so a reused corpus is not marked twice.
fn unique_exempt_wording(site: &Path) -> io::Result<usize> {
    let mut meetings = Vec::new();
    for committee in subfolders(&site.join("content/committees"))? {
        meetings.extend(subfolders(&committee)?);
    }
    meetings.sort();
    let mut count = 0;
    for meeting in meetings {
        let Ok(yaml) = fs::read_to_string(meeting.join("meeting.yaml")) else {
            continue;
        };
        let lines: Vec<&str> = yaml.lines().collect();
        for (k, line) in lines.iter().enumerate() {
            if !line.trim_start().starts_with("exempt:") {
                continue;
            }
            let Some(docs) = lines.get(k + 1).and_then(|l| {
                l.trim()
                    .strip_prefix("documents: [")
                    .and_then(|d| d.strip_suffix(']'))
            }) else {
                continue;
            };
            for doc in docs.split(',').map(str::trim) {
                let path = meeting.join(doc);
                let stem = doc.trim_end_matches(".md").trim_start_matches("report-");
                let text = fs::read_to_string(&path)?;
                fs::write(&path, mark(&text, &format!("xq{stem}")))?;
                count += 1;
            }
        }
    }
    Ok(count)
}

fn mark(text: &str, marker: &str) -> String {
    let mut out = String::with_capacity(text.len() * 5 / 4);
    let mut fences = 0;
    for line in text.lines() {
        if line == "---" {
            fences += 1;
            out.push_str(line);
        } else if fences < 2 {
            // Front matter: only the title changes.
            if line.starts_with("title:") {
                let _ = write!(out, "title: \"Exempt report {marker}\"");
            } else {
                out.push_str(line);
            }
        } else if line.contains(marker) || line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
        {
            out.push_str(line);
        } else {
            for (k, word) in line.split(' ').enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                if k % 3 == 1 && !word.is_empty() {
                    out.push_str(marker);
                    out.push(' ');
                }
                out.push_str(word);
            }
        }
        out.push('\n');
    }
    out
}

/// The rows every corpus has: first build, rebuild with nothing changed, rebuild after
/// appending a sentence to `edited`, and a build into a new output folder.
fn rebuild_rows(
    corpus: &'static str,
    args: &Args,
    quire: &Path,
    site: &Path,
    edited: &Path,
    scratch: &Path,
    rows: &mut Vec<Row>,
) -> Result<(), Failure> {
    let output = site.join("output");
    // A first build starts with no cache and no output (nor leftovers of a stopped build).
    for leftover in [".quire-cache", "output", ".output.building", ".output.old"] {
        let _ = fs::remove_dir_all(site.join(leftover));
    }
    let _ = fs::remove_file(site.join(".output.lock"));
    let lower = corpus.to_lowercase();
    let mut before = BTreeMap::new();
    for (key, label) in [
        ("first", "first build: no cache, no output"),
        ("nochange", "rebuild, nothing changed, all its work"),
        ("left", "rebuild, nothing changed, record kept"),
        ("edit", "rebuild, one report edited"),
    ] {
        if key == "nochange" {
            let _ = fs::remove_file(site.join(".quire-cache/public/last-build.json"));
        }
        if key == "edit" {
            let mut f = fs::OpenOptions::new().append(true).open(edited)?;
            f.write_all(EDIT.as_bytes())?;
        }
        let log = scratch.join(format!("logs/{lower}-{key}"));
        let m = measure(&mut quire_build(quire, site, &args.as_of), &log)?;
        if key == "left" {
            // A row timed under this label must be the shortcut it names.
            let said = fs::read_to_string(log.with_extension("out")).unwrap_or_default();
            if !said.starts_with("Left") {
                return Err(format!(
                    "the rebuild with nothing changed did all its work although the record was kept: {}",
                    said.trim()
                )
                .into());
            }
        }
        let after = snapshot(&output, !args.no_hash)?;
        // Which files' bytes changed, for reading after the run.
        let changed: Vec<String> = after
            .iter()
            .filter(|(p, now)| before.get(*p).is_none_or(|was: &Seen| was.hash != now.hash))
            .map(|(p, _)| p.display().to_string())
            .collect();
        if key != "first" {
            let list: String = changed.iter().map(|c| format!("{c}\n")).collect();
            fs::write(log.with_extension("changed"), list)?;
        }
        rows.push(row(corpus, label, m, pages(&log), &before, &after, log));
        before = after;
    }
    // A deployment: a new, empty output folder, with the caches the builds above left.
    let deploy = site.join("deploy");
    let _ = fs::remove_dir_all(&deploy);
    let log = scratch.join(format!("logs/{lower}-deploy"));
    let mut cmd = quire_build(quire, site, &args.as_of);
    cmd.arg("--output").arg(&deploy);
    let m = measure(&mut cmd, &log)?;
    let after = snapshot(&deploy, !args.no_hash)?;
    let label = "new output folder, caches kept (a deployment)";
    rows.push(row(corpus, label, m, pages(&log), &before, &after, log));
    let _ = fs::remove_dir_all(&deploy);
    Ok(())
}

fn quire_build(quire: &Path, site: &Path, as_of: &str) -> Command {
    let mut cmd = Command::new(quire);
    cmd.arg("build")
        .arg("--root")
        .arg(site)
        .arg("--as-of")
        .arg(as_of)
        .env("QUIRE_TIMINGS", "1")
        .current_dir(site);
    cmd
}

/// What one child process cost.
struct Measured {
    wall: f64,
    cpu: Option<f64>,
    rss_kib: Option<u64>,
    load: f64,
    /// When the run started, as (seconds, nanoseconds) since 1970, less 50 ms for the
    /// kernel's coarse file clock: a file modified since then was written by the run.
    started: (i64, i64),
}

/// Runs `cmd` with its output in `log`.out and `log`.err, and fails if it fails.
fn measure(cmd: &mut Command, log: &Path) -> Result<Measured, Failure> {
    let load = loadavg();
    eprintln!("running {} (load {load:.2})", log.display());
    cmd.stdin(Stdio::null())
        .stdout(fs::File::create(log.with_extension("out"))?)
        .stderr(fs::File::create(log.with_extension("err"))?);
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .saturating_sub(std::time::Duration::from_millis(50));
    let started = (
        i64::try_from(since.as_secs())?,
        i64::from(since.subsec_nanos()),
    );
    let start = Instant::now();
    let child = cmd.spawn()?;
    let (status, usage) = wait(child)?;
    let wall = start.elapsed().as_secs_f64();
    if status != "exit 0" {
        let err = fs::read_to_string(log.with_extension("err")).unwrap_or_default();
        let tail: Vec<&str> = err.lines().rev().take(20).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "{:?} failed ({status}); its messages:\n{}",
            cmd,
            tail.join("\n")
        )
        .into());
    }
    let (cpu, rss_kib) = match usage {
        Some((cpu, rss)) => (Some(cpu), Some(rss)),
        None => (None, None),
    };
    eprintln!(
        "  {wall:.2}s wall{}{}",
        cpu.map(|c| format!(", {c:.2}s CPU")).unwrap_or_default(),
        rss_kib
            .map(|k| format!(", {} MiB peak", k / 1024))
            .unwrap_or_default()
    );
    Ok(Measured {
        wall,
        cpu,
        rss_kib,
        load,
        started,
    })
}

/// Waits for the child with `wait4`, which reports its CPU time and peak resident memory
/// (`ru_maxrss`, KiB on Linux). Returns "exit N" or "signal N", and (CPU seconds, KiB).
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn wait(child: std::process::Child) -> io::Result<(String, Option<(f64, u64)>)> {
    use std::ffi::{c_int, c_long};

    #[repr(C)]
    #[derive(Default)]
    struct Timeval {
        sec: c_long,
        usec: c_long,
    }
    // struct rusage on 64-bit Linux: two timevals, then fourteen longs.
    #[repr(C)]
    #[derive(Default)]
    struct Rusage {
        utime: Timeval,
        stime: Timeval,
        maxrss: c_long,
        rest: [c_long; 13],
    }
    unsafe extern "C" {
        fn wait4(pid: c_int, status: *mut c_int, options: c_int, rusage: *mut Rusage) -> c_int;
    }

    let pid = c_int::try_from(child.id()).map_err(io::Error::other)?;
    loop {
        let mut status: c_int = 0;
        let mut ru = Rusage::default();
        // SAFETY: `status` and `ru` are live, writable and laid out as wait4 expects; the
        // child is ours and not yet reaped (std's Child never waits on drop).
        let got = unsafe { wait4(pid, &mut status, 0, &mut ru) };
        if got == pid {
            let outcome = if status & 0x7f == 0 {
                format!("exit {}", (status >> 8) & 0xff)
            } else {
                format!("signal {}", status & 0x7f)
            };
            let secs = |t: &Timeval| t.sec as f64 + t.usec as f64 / 1e6;
            let cpu = secs(&ru.utime) + secs(&ru.stime);
            return Ok((outcome, Some((cpu, u64::try_from(ru.maxrss).unwrap_or(0)))));
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// Elsewhere: the time only.
#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn wait(mut child: std::process::Child) -> io::Result<(String, Option<(f64, u64)>)> {
    let status = child.wait()?;
    let outcome = match status.code() {
        Some(c) => format!("exit {c}"),
        None => "signal".to_string(),
    };
    Ok((outcome, None))
}

/// A file of the output as the benchmark saw it.
#[derive(PartialEq)]
struct Seen {
    mtime: (i64, i64),
    size: u64,
    hash: Option<u64>,
}

type Snapshot = BTreeMap<PathBuf, Seen>;

/// Every file under `root` (following a symbolic link at the root), by path relative to it.
fn snapshot(root: &Path, hash: bool) -> io::Result<Snapshot> {
    let mut snap = Snapshot::new();
    if fs::metadata(root).is_err() {
        return Ok(snap);
    }
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for entry in fs::read_dir(root.join(&rel))? {
            let entry = entry?;
            let rel = rel.join(entry.file_name());
            let path = root.join(&rel);
            let meta = fs::metadata(&path)?;
            if meta.is_dir() {
                stack.push(rel);
            } else {
                let hash = if hash {
                    let mut h = DefaultHasher::new();
                    h.write(&fs::read(&path)?);
                    Some(h.finish())
                } else {
                    None
                };
                snap.insert(
                    rel,
                    Seen {
                        mtime: (meta.mtime(), meta.mtime_nsec()),
                        size: meta.size(),
                        hash,
                    },
                );
            }
        }
    }
    Ok(snap)
}

fn row(
    corpus: &'static str,
    run: &str,
    m: Measured,
    pages: Option<u64>,
    before: &Snapshot,
    after: &Snapshot,
    log: PathBuf,
) -> Row {
    let mut written = 0;
    let mut changed = 0;
    let mut hashed = true;
    for (path, now) in after {
        hashed &= now.hash.is_some();
        // Written: modified since the run started. A file the build left alone, or took
        // over from a folder it keeps (a hard link, or a standby copy of the site),
        // keeps its older time, whatever its inode.
        if now.mtime >= m.started {
            written += 1;
        }
        match before.get(path) {
            None => changed += 1,
            Some(was) => {
                if was.size != now.size || was.hash != now.hash {
                    changed += 1;
                }
            }
        }
    }
    Row {
        corpus,
        run: run.to_string(),
        wall: m.wall,
        cpu: m.cpu,
        rss_kib: m.rss_kib,
        pages,
        files: after.len(),
        written,
        changed: hashed.then_some(changed),
        removed: before.keys().filter(|p| !after.contains_key(*p)).count(),
        load: m.load,
        log,
    }
}

/// The run with the median wall time, labelled with how many runs it is the median of.
fn median(mut runs: Vec<Row>, repeat: usize) -> Row {
    runs.sort_by(|a, b| a.wall.total_cmp(&b.wall));
    let walls: Vec<String> = runs.iter().map(|r| format!("{:.2}", r.wall)).collect();
    let peak = runs.iter().filter_map(|r| r.rss_kib).max();
    let mut mid = runs.swap_remove(runs.len() / 2);
    if repeat > 1 {
        let _ = write!(
            mid.run,
            " (median of {repeat}: {} s; peak memory is the highest)",
            walls.join(", ")
        );
        mid.rss_kib = peak;
    }
    mid
}

fn table(rows: &[Row]) -> String {
    let mut t = String::from(
        "| Corpus | Run | Wall (s) | CPU (s) | Peak RSS (MiB) | Pages | Pages/s | Files in output | Files written | Bytes changed | Removed | Load at start |\n\
         | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for r in rows {
        let na = || "n/a".to_string();
        let _ = writeln!(
            t,
            "| {} | {} | {:.2} | {} | {} | {} | {} | {} | {} | {} | {} | {:.2} |",
            r.corpus,
            r.run,
            r.wall,
            r.cpu.map(|c| format!("{c:.1}")).unwrap_or_else(na),
            r.rss_kib.map(|k| (k / 1024).to_string()).unwrap_or_else(na),
            r.pages.map(|p| p.to_string()).unwrap_or_else(na),
            r.pages
                .map(|p| format!("{:.0}", p as f64 / r.wall))
                .unwrap_or_else(na),
            r.files,
            r.written,
            r.changed.map(|c| c.to_string()).unwrap_or_else(na),
            r.removed,
            r.load,
        );
    }
    t
}

/// The page count a run printed: quire's "N pages" in its summary, or Zola's
/// "Creating N pages".
fn pages(log: &Path) -> Option<u64> {
    ["out", "err"].iter().find_map(|ext| {
        let text = fs::read_to_string(log.with_extension(ext)).ok()?;
        let at = text.find(" pages")?;
        let digits: String = text[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.chars().rev().collect::<String>().parse().ok()
    })
}

/// Corpus A's generator: the `generate_site` example built beside this one, or else
/// through cargo.
fn generator() -> Command {
    let sibling = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.join("generate_site")));
    match sibling {
        Some(path) if path.is_file() => Command::new(path),
        _ => {
            let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
            cmd.args([
                "run",
                "--release",
                "--quiet",
                "--example",
                "generate_site",
                "--manifest-path",
            ])
            .arg(Path::new(MANIFEST).join("Cargo.toml"))
            .arg("--");
            cmd
        }
    }
}

fn python(cmd: &mut Command) -> Result<(), Failure> {
    let status = cmd
        .status()
        .map_err(|e| format!("could not run python3: {e}"))?;
    if !status.success() {
        return Err(format!("{cmd:?} failed: {status}").into());
    }
    Ok(())
}

fn subfolders(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir)? {
        let e = e?;
        if e.file_type()?.is_dir() {
            out.push(e.path());
        }
    }
    Ok(out)
}

/// The first file called `name` under `dir`, in sorted order.
fn find_file(dir: &Path, name: &str) -> io::Result<Option<PathBuf>> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        if e.file_type()?.is_dir() {
            if let Some(found) = find_file(&path, name)? {
                return Ok(Some(found));
            }
        } else if e.file_name() == name {
            return Ok(Some(path));
        }
    }
    Ok(None)
}

fn absolute(p: PathBuf) -> io::Result<PathBuf> {
    if p.is_absolute() {
        Ok(p)
    } else {
        Ok(std::env::current_dir()?.join(p))
    }
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn version(bin: &Path) -> Option<String> {
    let out = Command::new(bin).arg("--version").output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn now_utc() -> String {
    let now = time::OffsetDateTime::now_utc();
    let f = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    now.format(&f).unwrap_or_default()
}

fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            let kib: f64 = m
                .lines()
                .find(|l| l.starts_with("MemTotal:"))?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            Some(format!("{:.1} GiB memory", kib / 1024.0 / 1024.0))
        })
        .unwrap_or_else(|| "memory unknown".into());
    format!("{cores} cores ({model}), {mem}")
}

fn loadavg_line() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn loadavg() -> f64 {
    loadavg_line()
        .split_whitespace()
        .next()
        .and_then(|l| l.parse().ok())
        .unwrap_or(f64::NAN)
}

/// The /proc/mounts line of a tmpfs mounted exactly at `dir`.
fn tmpfs_mount(dir: &Path) -> Option<String> {
    let mounts = fs::read_to_string("/proc/mounts").ok()?;
    let dir = dir.to_str()?;
    mounts
        .lines()
        .find(|l| {
            let mut f = l.split_whitespace();
            f.next();
            f.next() == Some(dir) && f.next() == Some("tmpfs")
        })
        .map(str::to_string)
}

fn is_tmpfs(dir: &Path) -> bool {
    tmpfs_mount(dir).is_some()
}

fn tmpfs_size(dir: &Path) -> Option<String> {
    let line = tmpfs_mount(dir)?;
    let opts = line.split_whitespace().nth(3)?;
    let kib: f64 = opts
        .split(',')
        .find_map(|o| o.strip_prefix("size="))?
        .strip_suffix('k')?
        .parse()
        .ok()?;
    Some(format!("{:.1} GiB", kib / 1024.0 / 1024.0))
}
