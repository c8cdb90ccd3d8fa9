//! The `quire` command line: parse arguments, run the pipeline, print diagnostics.

use std::path::PathBuf;
use std::process::ExitCode;

use quire::diag::Diagnostic;
use quire::pipeline::{BuildOptions, Copies, build};
use quire::redact::Audience;

const USAGE: &str = "\
quire: committee papers as an accessible website and agenda packs

Usage:
  quire build [--root DIR] [--output DIR] [--as-of YYYY-MM-DD] [--confidential] [--no-cache]
              [--for MEMBER | --for-each-member]
  quire audit [--root DIR] [--as-of YYYY-MM-DD] FOLDER
  quire serve [--root DIR] [--port N] [--as-of YYYY-MM-DD] [--confidential]

  build   makes the site (output/) and its agenda packs
  audit   checks a site already published (FOLDER: output/, or a copy of the live site)
          for anything the site's sources withhold on the date given (default today):
          withheld words and titles, withheld files under any name, and the text of
          every PDF. Exits 1 if it finds any.
  serve   builds the site in memory and shows it at http://127.0.0.1:N/ (default port
          8000; 0 picks a free one), rebuilding and reloading the page on every save;
          writes nothing into output/ or confidential/. Ctrl-C stops it.

Options:
  --root DIR        the site folder (holding site.toml and content/); default: the
                    nearest folder upwards from here that has a site.toml
  --output DIR      where to write; default: DIR/output, or DIR/confidential with
                    --confidential
  --as-of DATE      build as if today were DATE; decides what is published
  --confidential    the members' edition: exempt items included and marked
                    NOT FOR PUBLICATION; never written into output/
  --no-cache        render every agenda pack again
  --for MEMBER      with --confidential: stamp every page of every pack \"Copy for
                    Councillor …, NOT FOR PUBLICATION\" (MEMBER is the file name in
                    content/members/ without .yaml), and record it in copies.csv
  --for-each-member with --confidential: beside each pack, one stamped copy for each
                    member of the committee (agenda-pack-MEMBER.pdf), recorded in
                    copies.csv
  -h, --help        show this help
  -V, --version     show the version
";

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
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("build") => match parse_build(&args[1..]) {
            Ok(opts) => run_build(&opts),
            Err(msg) => usage_error(&msg),
        },
        Some("serve") => match parse_serve(&args[1..]) {
            Ok(opts) => match quire::serve::serve(&opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(msg) => {
                    eprintln!("error: {msg}");
                    ExitCode::FAILURE
                }
            },
            Err(msg) => usage_error(&msg),
        },
        Some("audit") => match parse_audit(&args[1..]) {
            Ok(opts) => run_audit(&opts),
            Err(msg) => usage_error(&msg),
        },
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("-V" | "--version") => {
            println!("quire {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some(other) => usage_error(&format!("unknown command \"{other}\"")),
        None => usage_error("no command given"),
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("error: {msg}\n\n{USAGE}");
    ExitCode::from(2)
}

fn parse_build(args: &[String]) -> Result<BuildOptions, String> {
    let mut root = None;
    let mut output = None;
    let mut as_of = None;
    let mut audience = Audience::Public;
    let mut cache = true;
    let mut copies = Copies::None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--root" => root = Some(PathBuf::from(value("--root")?)),
            "--output" => output = Some(PathBuf::from(value("--output")?)),
            "--as-of" => as_of = Some(parse_as_of(&value("--as-of")?)?),
            "--confidential" => audience = Audience::Confidential,
            "--no-cache" => cache = false,
            "--for" => copies = Copies::For(value("--for")?),
            "--for-each-member" => copies = Copies::EachMember,
            other => return Err(format!("unknown option \"{other}\"")),
        }
    }
    if copies != Copies::None && audience != Audience::Confidential {
        return Err(
            "--for and --for-each-member make copies of the members' edition: add --confidential"
                .into(),
        );
    }
    let root = match root {
        Some(r) => r,
        None => find_root().ok_or("no site.toml here or in any folder above; pass --root DIR")?,
    };
    Ok(BuildOptions {
        root,
        output,
        // The build date decides what is published; without --as-of it is today (UTC).
        as_of: as_of.unwrap_or_else(|| time::OffsetDateTime::now_utc().date()),
        audience,
        cache,
        copies,
    })
}

fn parse_audit(args: &[String]) -> Result<quire::audit::AuditOptions, String> {
    let mut root = None;
    let mut as_of = None;
    let mut folder = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--root" => root = Some(PathBuf::from(value("--root")?)),
            "--as-of" => as_of = Some(parse_as_of(&value("--as-of")?)?),
            other if other.starts_with('-') => return Err(format!("unknown option \"{other}\"")),
            other if folder.is_none() => folder = Some(PathBuf::from(other)),
            other => return Err(format!("audit checks one folder; \"{other}\" is a second")),
        }
    }
    let folder =
        folder.ok_or("audit needs the folder to check, for example: quire audit output")?;
    let root = match root {
        Some(r) => r,
        None => find_root().ok_or("no site.toml here or in any folder above; pass --root DIR")?,
    };
    Ok(quire::audit::AuditOptions {
        root,
        folder,
        as_of: as_of.unwrap_or_else(|| time::OffsetDateTime::now_utc().date()),
    })
}

fn parse_serve(args: &[String]) -> Result<quire::serve::ServeOptions, String> {
    let mut root = None;
    let mut port = quire::serve::DEFAULT_PORT;
    let mut as_of = None;
    let mut audience = Audience::Public;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--root" => root = Some(PathBuf::from(value("--root")?)),
            "--port" => {
                let v = value("--port")?;
                port = v
                    .parse()
                    .map_err(|_| format!("--port {v} is not a port number (0 to 65535)"))?;
            }
            "--as-of" => as_of = Some(parse_as_of(&value("--as-of")?)?),
            "--confidential" => audience = Audience::Confidential,
            other => return Err(format!("unknown option \"{other}\"")),
        }
    }
    let root = match root {
        Some(r) => r,
        None => find_root().ok_or("no site.toml here or in any folder above; pass --root DIR")?,
    };
    Ok(quire::serve::ServeOptions {
        root,
        port,
        as_of: as_of.unwrap_or_else(|| time::OffsetDateTime::now_utc().date()),
        audience,
    })
}

fn parse_as_of(v: &str) -> Result<time::Date, String> {
    quire::model::text::parse_date(v)
        .ok_or_else(|| format!("--as-of {v} is not a date; write it as YYYY-MM-DD"))
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
            for p in &problems {
                eprintln!("{p}");
            }
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

fn find_root() -> Option<PathBuf> {
    quire::config::find_root(&std::env::current_dir().ok()?)
}

fn run_build(opts: &BuildOptions) -> ExitCode {
    match build(opts) {
        Ok(report) => {
            for w in &report.warnings {
                eprintln!("{w}");
            }
            let edition = match opts.audience {
                Audience::Public => "public site",
                Audience::Confidential => "members' edition (NOT FOR PUBLICATION)",
            };
            println!(
                "Built the {edition} in {}: {} files, {} pages, {} agenda packs, in {:.2}s.",
                report.output.display(),
                report.files,
                report.pages,
                report.packs,
                report.seconds
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_problems(&problems);
            ExitCode::FAILURE
        }
    }
}

fn print_problems(problems: &[Diagnostic]) {
    for p in problems {
        eprintln!("{p}");
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == quire::diag::Severity::Error)
        .count();
    eprintln!(
        "\nThe build stopped with {errors} error{}. Nothing was written; the previous site is unchanged.",
        if errors == 1 { "" } else { "s" }
    );
}
