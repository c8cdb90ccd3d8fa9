//! Generates a synthetic site at a council's real scale, for benchmarks:
//! `cargo run --release --example generate_site -- DIR [MEETINGS]` (default 5,000 meetings,
//! ten documents each, so about 50,000 documents over 25 committees).
//!
//! Then time `quire build --root DIR --as-of 2026-11-22 --no-cache`.

// A benchmark writes its corpus to disk.
#![allow(clippy::disallowed_methods)]

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const USAGE: &str = "usage: generate_site [DIR] [MEETINGS]  (default target/scale-site, 5000)";

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "target/scale-site".into());
    let meetings: usize = match args.next().map(|n| n.parse()) {
        None => 5000,
        Some(Ok(n)) => n,
        Some(Err(_)) => fail(USAGE),
    };
    if dir.starts_with('-') {
        fail(USAGE);
    }
    let root = Path::new(&dir);
    // The folder is emptied first: only one this program wrote, never a folder of
    // someone's work named by mistake (`generate_site .`).
    if root.exists() && !written_here(root) {
        fail(&format!(
            "{dir} already exists and is not a site generate_site wrote: give a new folder"
        ));
    }
    let _ = fs::remove_dir_all(root);
    fs::create_dir_all(root.join("content/members"))?;
    fs::write(
        root.join("site.toml"),
        "title = \"Committee papers\"\ncouncil = \"Scale Test Council\"\nbase_url = \"https://scale.example.gov.uk\"\n",
    )?;
    for m in 0..200 {
        fs::write(
            root.join(format!("content/members/m{m}.yaml")),
            format!("name: Councillor M{m}\n"),
        )?;
    }
    let committees = 25;
    let per = meetings.div_ceil(committees);
    let mut made = 0;
    for c in 0..committees {
        let cdir = root.join(format!("content/committees/committee-{c}"));
        fs::create_dir_all(&cdir)?;
        let mut yaml =
            format!("name: Committee {c}\ndescription: Committee number {c}.\nmembers:\n");
        for k in 0..12 {
            let _ = writeln!(yaml, "  - {{ member: m{} }}", (c * 7 + k) % 200);
        }
        fs::write(cdir.join("committee.yaml"), yaml)?;
        for i in 0..per {
            if made == meetings {
                break;
            }
            made += 1;
            // Spread meetings over ten years, one every few days per committee.
            let day = 2015 * 372 + i * 372 * 10 / per.max(1);
            let (y, rest) = (day / 372, day % 372);
            let (month, dom) = (rest / 31 + 1, (rest % 31).min(27) + 1);
            let date = format!("{y}-{month:02}-{dom:02}");
            // The agenda out twelve days before (every month has a 28th).
            let agenda = match (month, dom) {
                (_, d) if d > 12 => format!("{y}-{month:02}-{:02}", d - 12),
                (1, d) => format!("{}-12-{:02}", y - 1, d + 16),
                (m, d) => format!("{y}-{:02}-{:02}", m - 1, d + 16),
            };
            meeting(&cdir.join(&date), &date, &agenda, c, i)?;
        }
    }
    println!("generated {made} meetings under {}", root.display());
    Ok(())
}

fn meeting(dir: &Path, date: &str, agenda: &str, c: usize, i: usize) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    let mut yaml = format!(
        "date: {date}\ntime: \"10:00\"\nvenue: Council Chamber\nstatus: held\nagenda_published: {agenda}\nattendance:\n  present: [m{}, m{}]\nitems:\n",
        (c * 7) % 200,
        (c * 7 + 1) % 200
    );
    for d in 0..10 {
        let exempt = if d == 9 { "    exempt: [3]\n" } else { "" };
        let _ = write!(
            yaml,
            "  - title: Report {d} of meeting {i}\n{exempt}    documents: [report-{d}.md]\n"
        );
        let mut body = String::new();
        for p in 0..8 {
            let _ = writeln!(
                body,
                "Paragraph {p} of report {d}, with figures such as {} young people and £{}.\n",
                i + p,
                d * 1000 + p
            );
        }
        fs::write(
            dir.join(format!("report-{d}.md")),
            format!(
                "---\ntitle: Report {d}\nkind: report\nreport_of: Head of Service\n---\n# Purpose\n\n{body}"
            ),
        )?;
    }
    fs::write(dir.join("meeting.yaml"), yaml)
}

/// Whether `root` is a site this program wrote (its `site.toml` names the council).
fn written_here(root: &Path) -> bool {
    fs::read_to_string(root.join("site.toml")).is_ok_and(|t| t.contains("Scale Test Council"))
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(2)
}
