//! Times the agenda pack renderer on a generated meeting about the size of a real
//! council pack (about 125 pages), cold and from the cache, and writes the pack out.
//!
//!     cargo run --release --example pack_bench [-- SITE_ROOT]
//!
//! With SITE_ROOT, renders that site's public packs instead of the generated one.

// A benchmark writes its corpus to disk.
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use quire::diag::Diagnostics;
use quire::redact::Audience;
use quire::render::pdf::render_packs;
use quire::theme::Theme;

fn main() {
    let arg = std::env::args().nth(1);
    let tmp = std::env::temp_dir().join(format!("quire-pack-bench-{}", std::process::id()));
    let root = match &arg {
        Some(r) => PathBuf::from(r),
        None => {
            generate(&tmp);
            tmp.clone()
        }
    };
    let as_of = time::macros::date!(2021 - 10 - 01);
    let mut diags = Diagnostics::default();
    let config = quire::config::load(&root, &mut diags).expect("site.toml");
    let mut sources = quire::load::load(&root, &mut diags);
    let lib = quire::model::build(config, &mut sources, &mut diags);
    let theme = Theme::load(&root, &lib.config.theme, &mut diags);
    for d in diags.iter() {
        eprintln!("{d}");
    }
    let ed = quire::redact::edition(&lib, Audience::Public, as_of);
    let cache_dir = tmp.join("cache");
    let _ = std::fs::remove_dir_all(&cache_dir);
    let cache = quire::render::pdf::PackCache::open(&cache_dir);
    let meetings = quire::render::pdf::jobs(&ed);

    let t = Instant::now();
    let packs =
        render_packs(&ed, &theme, &meetings, Some(&cache)).unwrap_or_else(|e| panic!("{e:#?}"));
    let cold = t.elapsed();
    let pages: usize = packs.info.values().map(|p| p.pages).sum();

    let t = Instant::now();
    render_packs(&ed, &theme, &meetings, None).unwrap();
    let again = t.elapsed();

    let t = Instant::now();
    render_packs(&ed, &theme, &meetings, Some(&cache)).unwrap();
    let cached = t.elapsed();

    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/pack-bench");
    std::fs::create_dir_all(&out).unwrap();
    for a in &packs.artefacts {
        let name = a.path.replace('/', "_");
        match &a.contents {
            quire::render::Contents::Bytes(b) => std::fs::write(out.join(name), b).unwrap(),
            quire::render::Contents::Kept(kept) => {
                std::fs::write(out.join(name), kept.read().unwrap()).unwrap()
            }
            quire::render::Contents::Copy(_) => {}
        }
    }
    println!("{} pack(s), {pages} pages", packs.info.len());
    for p in packs.info.values() {
        println!(
            "  {} {} pages {} bytes ua1={}",
            p.url, p.pages, p.bytes, p.ua1
        );
    }
    println!(
        "cold render (fresh process, no cache): {:.0} ms",
        cold.as_secs_f64() * 1000.0
    );
    println!(
        "second render, no cache (memoised):    {:.0} ms",
        again.as_secs_f64() * 1000.0
    );
    println!(
        "cached (inputs unchanged):              {:.1} ms",
        cached.as_secs_f64() * 1000.0
    );
    println!("packs written to {}", out.display());
    let _ = std::fs::remove_dir_all(&tmp);
}

/// A site with one meeting shaped like the reference pack: minutes, a letter, reports
/// with numbered paragraphs and tables, a presentation, annual reports and exempt items.
fn generate(root: &Path) {
    let _ = std::fs::remove_dir_all(root);
    let meeting = root.join("content/committees/panel/2021-09-24");
    let held = root.join("content/committees/panel/2021-07-02");
    std::fs::create_dir_all(&meeting).unwrap();
    std::fs::create_dir_all(&held).unwrap();
    std::fs::create_dir_all(root.join("content/members")).unwrap();
    write(
        root,
        "site.toml",
        "title = \"Committee papers\"\ncouncil = \"Durham County Council\"\nbase_url = \"https://democracy.example.gov.uk\"\n\n[pdf]\nduplex = true\n",
    );
    let mut members = String::from("name: Corporate Parenting Panel\nmembers:\n");
    for i in 0..16 {
        write(
            root,
            &format!("content/members/member-{i}.yaml"),
            &format!("name: Councillor A Member{i}\n"),
        );
        let role = match i {
            0 => ", role: Chair",
            1 => ", role: Vice-Chair",
            _ => "",
        };
        members.push_str(&format!("  - {{ member: member-{i}{role} }}\n"));
    }
    members.push_str(
        "clerk: { name: Jane Smith, email: jane.smith@example.gov.uk, phone: \"03000 000000\" }\n",
    );
    write(root, "content/committees/panel/committee.yaml", &members);
    write(
        root,
        "content/committees/panel/2021-07-02/meeting.yaml",
        "date: 2021-07-02\ntime: \"09:30\"\nvenue: Council Chamber, County Hall, Durham\nstatus: held\nagenda_published: 2021-06-24\nattendance:\n  present: [member-0, member-1, member-2, member-3]\n  apologies: [member-4]\n  officers: [\"Helen Fergusson, Head of Children's Social Care\"]\n",
    );
    let mut minutes = String::from(
        "---\ntitle: Minutes of the meeting held on 2 July 2021\nkind: minutes\n---\n\n",
    );
    for s in 0..17 {
        minutes.push_str(&format!(
            "## Item {s} of the minutes\n\n{}\n\n{}\n\n**Resolved:** That the report be noted.\n\n",
            para(s, 6),
            para(s + 1, 5)
        ));
    }
    write(
        root,
        "content/committees/panel/2021-07-02/minutes.md",
        &minutes,
    );

    let mut items = String::from(
        "date: 2021-09-24\ntime: \"09:30\"\nvenue: Council Chamber, County Hall, Durham\nstatus: scheduled\nagenda_published: 2021-09-16\nitems:\n  - title: Apologies for absence\n  - title: Substitute members\n  - title: Minutes of the meeting held on 2 July 2021\n    documents: [../2021-07-02/minutes.md]\n  - title: Declarations of interest\n",
    );
    let docs = [
        ("ofsted-letter", "letter", 10),
        ("ne-submission", "other", 90),
        ("newsletter", "presentation", 12),
        ("cicc-update", "report", 14),
        ("supporting-solutions", "annual-report", 45),
        ("fostering", "annual-report", 70),
        ("adoption", "annual-report", 58),
        ("adoption-fees", "report", 16),
        ("reg44-update", "report", 20),
        ("reg44-procurement", "report", 28),
    ];
    for (i, (slug, kind, paras)) in docs.iter().enumerate() {
        items.push_str(&format!(
            "  - title: Item about {slug}\n    documents: [{slug}.md]\n"
        ));
        let mut body = format!(
            "---\ntitle: \"{} report {i}\"\nkind: {kind}\nreport_of: Helen Fergusson, Head of Children's Social Care\ndivisions: None\nfrom: [Ofsted, Piccadilly Gate, Manchester]\nto: [Durham County Council, County Hall]\ndate: 2021-08-23\nsigned: [Louise Hollick, Her Majesty's Inspector]\ncontact: {{ name: Jane Smith, phone: \"03000 000000\" }}\n---\n\n",
            slug
        );
        for p in 0..*paras {
            if p % 8 == 0 {
                body.push_str(&format!("## Section {p}\n\n"));
            }
            body.push_str(&para(p + i, 7));
            body.push_str("\n\n");
            if p % 10 == 3 {
                body.push_str("1. first point of the list\n2. second point, with *emphasis*\n3. third point[^n]\n\n");
            }
            if p % 12 == 5 {
                body.push_str("| Measure | 2019/20 | 2020/21 |\n|:--|--:|--:|\n| Children in care | 900 | 950 |\n| Care leavers | 380 | 400 |\n| Foster carers | 300 | 310 |\n\n");
            }
        }
        body.push_str("[^n]: Source: the council's performance data.\n");
        write(
            root,
            &format!("content/committees/panel/2021-09-24/{slug}.md"),
            &body,
        );
    }
    items.push_str(
        "  - title: Exclusion of the public\n    body: The public may be excluded for the following items.\n",
    );
    items.push_str(
        "  - title: Regulation 44 ratings\n    exempt: [1]\n    documents: [reg44-ratings.md]\n",
    );
    write(
        root,
        "content/committees/panel/2021-09-24/reg44-ratings.md",
        "---\ntitle: Regulation 44 ratings\nkind: report\n---\n\nExempt text.\n",
    );
    items.push_str("  - title: Staffing matter\n    exempt: [1, 2]\n");
    write(
        root,
        "content/committees/panel/2021-09-24/meeting.yaml",
        &items,
    );
}

fn para(seed: usize, sentences: usize) -> String {
    const WORDS: [&str; 24] = [
        "children",
        "care",
        "placement",
        "council",
        "service",
        "young",
        "people",
        "report",
        "panel",
        "support",
        "foster",
        "families",
        "review",
        "outcomes",
        "quality",
        "visits",
        "homes",
        "school",
        "health",
        "plans",
        "social",
        "workers",
        "leaving",
        "improvement",
    ];
    let mut s = String::new();
    for k in 0..sentences {
        let mut sentence = String::from("The");
        for w in 0..14 {
            sentence.push(' ');
            sentence.push_str(WORDS[(seed * 7 + k * 5 + w * 3) % WORDS.len()]);
        }
        sentence.push_str(". ");
        s.push_str(&sentence);
    }
    s.trim_end().to_string()
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}
