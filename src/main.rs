//! The `quire` command line: parse arguments (clap), run a command, print what happened.
//!
//! Exit codes: 0 fine, 1 problems in the papers (or a leak found), 2 a wrong command.

// The command line checks that the folders it is given exist before running anything
// (see clippy.toml).
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use quire::diag::{Diagnostic, Severity};
use quire::pipeline::{BuildOptions, Copies, build};
use quire::redact::Audience;

/// See Cargo.toml: faster than glibc's malloc here, and it gives memory back sooner.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "quire",
    version,
    about = "Committee papers as an accessible website and printable agenda packs",
    long_about = "quire turns committee papers written in Markdown and YAML into an accessible \
website and a PDF agenda pack for each meeting. Exempt information (Schedule 12A) is kept \
out of the public site; the members' edition has it, marked NOT FOR PUBLICATION.",
    after_help = "Examples:\n  quire build\n  quire serve\n  quire check --as-of 2021-09-16\n  quire new meeting cabinet 2021-10-13\n  quire audit output\n\nDocumentation: docs/README.md"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into output/ (or the members' edition into confidential/)
    #[command(
        after_help = "Examples:\n  quire build\n  quire build --as-of 2021-09-24\n  quire build --preview --as-of 2027-01-05\n  quire build --confidential --for-each-member\n  quire build --root path/to/site --output /srv/www/papers"
    )]
    Build(BuildArgs),
    /// Show the site at http://127.0.0.1:8000/, rebuilt and reloaded as you save
    #[command(
        after_help = "Examples:\n  quire serve\n  quire serve --port 8080 --as-of 2021-09-24\n  quire serve --confidential\n\nServe writes nothing into output/ or confidential/. Stop it with Ctrl-C."
    )]
    Serve(ServeArgs),
    /// Check every paper before publishing, writing nothing
    #[command(
        after_help = "Examples:\n  quire check\n  quire check --as-of 2021-09-16 --strict\n  quire check --format json > findings.json\n\nEvery finding has a code, listed with its fix in docs/diagnostics.md."
    )]
    Check(CheckArgs),
    /// Check a published folder for anything withheld (the leak gate, after the fact)
    #[command(
        after_help = "Examples:\n  quire audit output\n  quire audit --as-of 2021-12-01 /var/www/democracy\n\nSee docs/leak-gate.md."
    )]
    Audit(AuditArgs),
    /// Write starting files for a site, committee, meeting or document
    #[command(subcommand)]
    New(NewCommand),
    /// Print a completion script for your shell
    #[command(after_help = "Example:\n  quire completions bash > /etc/bash_completion.d/quire")]
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
}

/// Where the site is.
#[derive(Args)]
struct SiteArgs {
    /// The site folder (with site.toml and content/); default: the nearest folder upwards
    /// from here that has a site.toml
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Where to write; default: DIR/output, or DIR/confidential with --confidential
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Build as if today were this date; it decides what is published (a later date
    /// than today needs --output, or --confidential)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<time::Date>,
    /// The members' edition: exempt items included and marked NOT FOR PUBLICATION
    #[arg(long)]
    confidential: bool,
    /// Lay out every agenda pack again, ignoring .quire-cache/
    #[arg(long)]
    no_cache: bool,
    /// A preview of the public site, into DIR/preview (or --output), never output/: a
    /// public build as of a day after today needs it
    #[arg(long, conflicts_with = "confidential")]
    preview: bool,
    /// With --confidential: stamp every page of every pack "Copy for Councillor …"
    /// (MEMBER is the file name in content/members/ without .yaml)
    #[arg(
        long = "for",
        value_name = "MEMBER",
        conflicts_with = "for_each_member"
    )]
    for_member: Option<String>,
    /// With --confidential: beside each pack, one stamped copy per committee member
    #[arg(long)]
    for_each_member: bool,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The port on 127.0.0.1 (0 picks a free one)
    #[arg(long, default_value_t = quire::serve::DEFAULT_PORT)]
    port: u16,
    /// Show the site as it is (or will be) on this date
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<time::Date>,
    /// Serve the members' edition, with NOT FOR PUBLICATION on every page
    #[arg(long)]
    confidential: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Check as if today were this date (the notice period, minutes due, reviews)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<time::Date>,
    /// human (default) or json: an array of findings with code, file, line and hint
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    strict: bool,
}

#[derive(Args)]
struct AuditArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The date that decides what is withheld; default today
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<time::Date>,
    /// The published folder to check (output/, or a copy of the live site), or a text
    /// file listing the live site's web addresses, one per line
    #[arg(value_name = "FOLDER_OR_LIST")]
    folder: PathBuf,
}

#[derive(Subcommand)]
enum NewCommand {
    /// A new site in DIR: site.toml, a member, a committee and a meeting
    #[command(after_help = "Example:\n  quire new site democracy")]
    Site { dir: PathBuf },
    /// A committee: content/committees/<name>/committee.yaml
    #[command(after_help = "Example:\n  quire new committee \"Corporate Parenting Panel\"")]
    Committee {
        #[command(flatten)]
        site: SiteArgs,
        /// The committee's name, as the public sees it
        name: String,
    },
    /// A meeting of COMMITTEE on DATE: its folder and meeting.yaml
    #[command(after_help = "Example:\n  quire new meeting corporate-parenting-panel 2021-09-24")]
    Meeting {
        #[command(flatten)]
        site: SiteArgs,
        /// The committee's folder name
        committee: String,
        /// The meeting's date
        #[arg(value_parser = parse_date)]
        date: time::Date,
    },
    /// A document of MEETING (committee/YYYY-MM-DD) of KIND, titled TITLE
    #[command(
        after_help = "Example:\n  quire new document corporate-parenting-panel/2021-09-24 report \"Fostering annual report\""
    )]
    Document {
        #[command(flatten)]
        site: SiteArgs,
        /// The meeting, as committee/YYYY-MM-DD
        meeting: String,
        /// report, minutes, letter, presentation or other
        kind: String,
        /// The document's title
        title: String,
    },
}

/// mimalloc asks the kernel for transparent huge pages, and every 2 MiB page it frees
/// and takes back is zeroed whole: a tenth of a rebuild's time, and 35 MB more memory
/// at its peak, on the archive benchmark. Ordinary pages are faster here.
fn without_huge_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

/// mimalloc's option that says how long freed memory is kept before it goes back to the
/// kernel, by its number in mimalloc 3's `mi_option_e` (the crate gives the options no
/// names, "for stability reasons"). A unit test checks that this number is that option.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc 3 keeps memory it has freed for a second (ten for whole arenas) before it
/// gives it back to the kernel, in case it is asked for again. A build frees much as it
/// goes from one stage to the next (the library once the edition is made, each pack as
/// it is written), and what it kept counted at a rebuild's peak: 541 to 579 MiB after
/// one edit of the 5,000-meeting archive, 512 to 514 MiB when it is given back at once,
/// in no more time. A first build's packs, laid out in chunks that each free typst's
/// memory, take about a tenth more processor time (docs/performance.md, "Twenty-first
/// session"): a first build is rare, a rebuild is every edit.
/// `MIMALLOC_PURGE_DELAY`, where set, still wins, for measuring.
fn free_memory_at_once() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: mi_option_set is not thread safe; this runs first in main, before
        // any thread is started.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
    }
}

fn main() -> ExitCode {
    // quire must never panic on any input; if a bug makes it, say so plainly instead
    // of printing a trace at an officer. The build writes nothing until the very end,
    // so the previous site is untouched.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "error: quire hit an internal error (a bug in quire, not a problem with your papers): {info}\n\
             Nothing was written; the previous site is unchanged. Please report this with the command you ran."
        );
    }));
    without_huge_pages();
    free_memory_at_once();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => {
            let preview = args.preview;
            build_options(args).map(|o| run_build(&o, preview))
        }
        Command::Serve(args) => serve_options(args).map(|o| run_serve(&o)),
        Command::Check(args) => run_check(args),
        Command::Audit(args) => audit_options(args).map(|o| run_audit(&o)),
        Command::New(what) => run_new(what),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "quire", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
    };
    result.unwrap_or_else(|msg| usage_error(&msg))
}

/// A wrong command: the message, then how to get help. Exit code 2.
fn usage_error(msg: &str) -> ExitCode {
    eprintln!("error: {msg}\n\nFor more information, try '--help'.");
    ExitCode::from(2)
}

fn parse_date(v: &str) -> Result<time::Date, String> {
    quire::model::text::parse_date(v)
        .ok_or_else(|| format!("{v} is not a date; write it as YYYY-MM-DD"))
}

fn today() -> time::Date {
    // The build date decides what is published; without --as-of it is today (UTC).
    stood_in().unwrap_or_else(|| time::OffsetDateTime::now_utc().date())
}

/// QUIRE_TODAY (YYYY-MM-DD), which stands in for the clock: for tests, and to repeat a
/// build as it ran on a given day.
fn stood_in() -> Option<time::Date> {
    let day = std::env::var("QUIRE_TODAY").ok()?;
    quire::text::parse_date(day.trim())
}

/// The latest day it is today anywhere quire is used: in the UK an hour ahead of UTC in
/// summer, so that a nightly build soon after midnight, given today's date by the
/// machine's own clock (`--as-of $(date +%F)`), is not taken for a look ahead.
fn today_in_the_uk_at_latest() -> time::Date {
    stood_in().unwrap_or_else(|| uk_date_at_latest(time::OffsetDateTime::now_utc()))
}

fn uk_date_at_latest(now: time::OffsetDateTime) -> time::Date {
    (now + time::Duration::HOUR).date()
}

/// The site folder: --root as given (it must hold site.toml), or the nearest one upwards.
fn root_of(site: SiteArgs) -> Result<PathBuf, String> {
    match site.root {
        Some(r) if r.join(quire::config::SITE_FILE).is_file() => Ok(r),
        Some(r) if !r.is_dir() => Err(format!("--root {}: there is no such folder", r.display())),
        Some(r) => Err(format!(
            "--root {}: this folder has no site.toml; give the folder that holds site.toml and content/",
            r.display()
        )),
        None => std::env::current_dir()
            .ok()
            .and_then(|d| quire::config::find_root(&d))
            .ok_or_else(|| "no site.toml here or in any folder above; pass --root DIR".to_string()),
    }
}

fn build_options(a: BuildArgs) -> Result<BuildOptions, String> {
    let copies = match (a.for_member, a.for_each_member) {
        (Some(m), _) => Copies::For(m),
        (None, true) => Copies::EachMember,
        (None, false) => Copies::None,
    };
    if copies != Copies::None && !a.confidential {
        return Err(
            "--for and --for-each-member make copies of the members' edition: add --confidential"
                .into(),
        );
    }
    if let Some(out) = &a.output
        && out.is_file()
    {
        return Err(format!(
            "--output {}: this is a file; give a folder for the site",
            out.display()
        ));
    }
    let root = root_of(a.site)?;
    let as_of = a.as_of.unwrap_or_else(today);
    let today = today_in_the_uk_at_latest();
    if !a.confidential && !a.preview && as_of > today {
        // A public build is what a council publishes, wherever it is written: a later
        // date would put papers out before their day, and exempt ones whose exemption
        // lapses before it. Only a build that says it is a preview may look ahead.
        return Err(format!(
            "--as-of {as_of} is after today ({today}): the public site would show papers before their publication day, and lift exemptions before they lapse. To see the site as it will be, add --preview (quire build --preview --as-of {as_of} writes it into preview/, never output/), or use quire serve --as-of {as_of}"
        ));
    }
    let output = match (a.preview, a.output) {
        (true, None) => Some(root.join("preview")),
        (true, Some(out)) if same_folder(&out, &root.join("output")) => {
            return Err(format!(
                "--preview --output {}: a preview is never built into output/, the folder that is published; leave --output out to write it into preview/",
                out.display()
            ));
        }
        (_, output) => output,
    };
    Ok(BuildOptions {
        root,
        output,
        as_of,
        audience: audience(a.confidential),
        cache: !a.no_cache,
        copies,
    })
}

/// Whether two paths name one folder, as far as can be told before it exists.
fn same_folder(a: &Path, b: &Path) -> bool {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => absolute(a).components().eq(absolute(b).components()),
    }
}

fn audience(confidential: bool) -> Audience {
    if confidential {
        Audience::Confidential
    } else {
        Audience::Public
    }
}

fn run_build(opts: &BuildOptions, preview: bool) -> ExitCode {
    // The first Ctrl-C (or SIGTERM) stops the build at its next file, which then cleans
    // up after itself; a second stops it at once.
    let _ = ctrlc::set_handler(|| {
        if quire::pipeline::INTERRUPTED.swap(true, std::sync::atomic::Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    match build(opts) {
        Ok(report) => {
            for w in &report.warnings {
                eprintln!("{}", quire::diag::render(w, &opts.root));
            }
            // A preview says so: it is the site as it will be, not as it may be published.
            let edition = match (opts.audience, preview) {
                (Audience::Public, true) => format!(
                    "preview of the public site as it will be on {}",
                    quire::text::long_date(opts.as_of)
                ),
                (Audience::Public, false) => "public site".into(),
                (Audience::Confidential, _) => "members' edition (NOT FOR PUBLICATION)".into(),
            };
            let (done, after) = match report.unchanged {
                true => ("Left", ": nothing had changed since the last build"),
                false => ("Built", ""),
            };
            println!(
                "{done} the {edition} in {}{after}: {} pages, {} agenda packs, {} files ({} written), {} warning{}, in {:.2}s.",
                report.output.display(),
                report.pages,
                report.packs,
                report.files,
                report.written,
                report.warnings.len(),
                if report.warnings.len() == 1 { "" } else { "s" },
                report.seconds
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            let errors = print_problems(&problems, &opts.root);
            eprintln!(
                "\nThe build stopped with {errors} error{}. Nothing was written; the previous site is unchanged.",
                if errors == 1 { "" } else { "s" }
            );
            ExitCode::FAILURE
        }
    }
}

fn serve_options(a: ServeArgs) -> Result<quire::serve::ServeOptions, String> {
    Ok(quire::serve::ServeOptions {
        root: root_of(a.site)?,
        port: a.port,
        as_of: a.as_of.unwrap_or_else(today),
        audience: audience(a.confidential),
    })
}

fn run_serve(opts: &quire::serve::ServeOptions) -> ExitCode {
    match quire::serve::serve(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn run_check(a: CheckArgs) -> Result<ExitCode, String> {
    let root = root_of(a.site)?;
    let opts = quire::check::CheckOptions {
        root: root.clone(),
        as_of: a.as_of.unwrap_or_else(today),
    };
    let findings = quire::check::check(&opts);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    match a.format {
        Format::Json => println!("{}", quire::check::to_json(&findings)),
        Format::Human => {
            for f in &findings {
                eprintln!("{}", quire::diag::render(f, &root));
            }
            println!(
                "Checked {}: {errors} error{}, {warnings} warning{}. Nothing was written.",
                root.display(),
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" }
            );
        }
    }
    Ok(if errors > 0 || (a.strict && warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn audit_options(a: AuditArgs) -> Result<quire::audit::AuditOptions, String> {
    Ok(quire::audit::AuditOptions {
        root: root_of(a.site)?,
        folder: a.folder,
        as_of: a.as_of.unwrap_or_else(today),
    })
}

fn run_audit(opts: &quire::audit::AuditOptions) -> ExitCode {
    match quire::audit::audit(opts) {
        Ok(report) => {
            println!(
                "Audited {}: {} files ({:.1} MB), {} withheld phrases looked for; nothing withheld was found.",
                opts.folder.display(),
                report.files,
                report.bytes as f64 / 1e6,
                report.phrases
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_problems(&problems, &opts.root);
            eprintln!(
                "\nThe audit found {} problem{} in {}.",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" },
                opts.folder.display()
            );
            ExitCode::FAILURE
        }
    }
}

fn run_new(what: NewCommand) -> Result<ExitCode, String> {
    use quire::scaffold::New;
    let (root, what) = match what {
        NewCommand::Site { dir } => (dir.clone(), New::Site { dir }),
        NewCommand::Committee { site, name } => (root_of(site)?, New::Committee { name }),
        NewCommand::Meeting {
            site,
            committee,
            date,
        } => (root_of(site)?, New::Meeting { committee, date }),
        NewCommand::Document {
            site,
            meeting,
            kind,
            title,
        } => (
            root_of(site)?,
            New::Document {
                meeting,
                kind,
                title,
            },
        ),
    };
    match quire::scaffold::create(&root, &what, today()) {
        Ok(created) => {
            for f in &created.written {
                println!("wrote {}", f.display());
            }
            for f in &created.updated {
                println!("updated {}", f.display());
            }
            for step in &created.next {
                println!("next: {step}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => {
            print_problems(&problems, &root);
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Prints every problem; returns how many are errors.
fn print_problems(problems: &[Diagnostic], root: &std::path::Path) -> usize {
    for p in problems {
        eprintln!("{}", quire::diag::render(p, root));
    }
    problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// PURGE_DELAY names mimalloc's purge delay: the only option whose default is 1000
    /// (milliseconds). If a new mimalloc renumbers its options, this fails rather than
    /// quire setting some other option to 0.
    #[test]
    fn purge_delay_is_mimallocs_option_of_that_name() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        let value = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(value, 1000);
    }

    #[test]
    fn a_nightly_build_soon_after_midnight_in_summer_is_today() {
        use time::macros::{date, datetime};
        // 00:30 in London on 2 July is 23:30 UTC on 1 July.
        let night = datetime!(2026-07-01 23:30 UTC);
        assert_eq!(uk_date_at_latest(night), date!(2026 - 07 - 02));
        let noon = datetime!(2026-07-01 12:00 UTC);
        assert_eq!(uk_date_at_latest(noon), date!(2026 - 07 - 01));
    }
}
