//! The exact words an officer reads when a site cannot be built: a snapshot of quire's
//! output for a dozen mistakes officers make. A change to any message shows up here as a
//! diff to review, so wording cannot get worse by accident.
//!
//! To accept new wording after reviewing it: `INSTA_UPDATE=always cargo test --test it messages::`.

use std::fs;
use std::path::Path;

use crate::common::{TempDir, build, stderr};

const AS_OF: &str = "2021-10-01";

/// A small valid site, then `change` applied to it; returns what `quire build` printed.
fn messages(change: impl FnOnce(&Path)) -> String {
    let (_site, out) = built(change);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stderr(&out)
}

/// A small valid site, `change` applied to it, and how `quire build` went.
fn built(change: impl FnOnce(&Path)) -> (TempDir, std::process::Output) {
    let site = TempDir::new("messages");
    let root = site.path();
    let w = |rel: &str, text: &str| {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    };
    w(
        "site.toml",
        "title = \"Committee papers\"\ncouncil = \"Test Borough Council\"\nbase_url = \"https://papers.example.gov.uk\"\nlanguage = \"en-GB\"\njurisdiction = \"england\"\n",
    );
    w(
        "content/members/m-simmons.yaml",
        "name: Councillor M Simmons\n",
    );
    w(
        "content/committees/panel/committee.yaml",
        "name: Corporate Parenting Panel\nmembers:\n  - { member: m-simmons, role: Chair }\n",
    );
    w(
        "content/committees/panel/2021-09-24/meeting.yaml",
        "date: 2021-09-24\ntime: \"09:30\"\nvenue: Council Chamber\nstatus: held\nagenda_published: 2021-09-16\nitems:\n  - title: Apologies for absence\n  - title: Placements update\n    documents: [report.md]\n",
    );
    w(
        "content/committees/panel/2021-09-24/report.md",
        "---\ntitle: Placements update\nkind: report\n---\n## Purpose\n\nThe purpose of this report.\n",
    );
    // Positive control: the site builds as written.
    let ok = build(root, AS_OF, &[]);
    assert!(
        ok.status.success(),
        "the site should build before it is broken: {}",
        stderr(&ok)
    );
    change(root);
    let out = build(root, AS_OF, &[]);
    (site, out)
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let p = root.join(rel);
    let text = fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel} lacks {from:?}");
    fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

const MEETING: &str = "content/committees/panel/2021-09-24/meeting.yaml";
const REPORT: &str = "content/committees/panel/2021-09-24/report.md";

#[test]
fn a_blank_exempt() {
    insta::assert_snapshot!(messages(|r| edit(
        r,
        MEETING,
        "    documents: [report.md]\n",
        "    exempt:\n    documents: [report.md]\n"
    )));
}

/// A public title that is the title with its apostrophe dropped (round 15 of the red
/// team published a name so): a warning naming the line, and the build goes on.
#[test]
fn a_public_title_that_is_the_title_respelt() {
    let (_site, out) = built(|r| {
        edit(
            r,
            MEETING,
            "  - title: Placements update\n",
            "  - title: Appeal of Mr Quokkaplex O'Brien\n    public_title: Appeal of Mr Quokkaplex OBrien\n    exempt: [1]\n",
        )
    });
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let want = "warning: content/committees/panel/2021-09-24/meeting.yaml:9: public_title \"Appeal of Mr Quokkaplex OBrien\" differs from the title \"Appeal of Mr Quokkaplex O'Brien\" only in its spelling or punctuation, so the public sees the title";
    assert!(err.contains(want), "{err}");
    assert!(
        err.contains("hint: if the title must not be published"),
        "{err}"
    );
}

#[test]
fn an_empty_public_title() {
    insta::assert_snapshot!(messages(|r| edit(
        r,
        MEETING,
        "    documents: [report.md]\n",
        "    public_title: \"\"\n    exempt: [1]\n    documents: [report.md]\n"
    )));
}

#[test]
fn a_misspelt_key() {
    insta::assert_snapshot!(messages(|r| edit(
        r,
        MEETING,
        "    documents: [report.md]\n",
        "    exmept: [1]\n    documents: [report.md]\n"
    )));
}

#[test]
fn an_unknown_member() {
    insta::assert_snapshot!(messages(|r| edit(
        r,
        "content/committees/panel/committee.yaml",
        "member: m-simmons",
        "member: m-simons"
    )));
}

#[test]
fn a_date_that_is_not_a_date() {
    insta::assert_snapshot!(messages(|r| edit(
        r,
        MEETING,
        "agenda_published: 2021-09-16",
        "agenda_published: 2021-09-31"
    )));
}

#[test]
fn a_paragraph_of_the_other_nation() {
    insta::assert_snapshot!(messages(|r| edit(
        r,
        MEETING,
        "    documents: [report.md]\n",
        "    exempt: [14]\n    documents: [report.md]\n"
    )));
}

#[test]
fn a_comment_never_closed() {
    insta::assert_snapshot!(messages(|r| edit(
        r,
        REPORT,
        "The purpose",
        "<!-- check with legal\n\nThe purpose"
    )));
}

#[test]
fn a_link_out_of_the_site() {
    insta::assert_snapshot!(messages(|r| edit(
        r,
        REPORT,
        "The purpose of this report.",
        "See [the settings](../../../../site.toml)."
    )));
}

#[test]
fn a_missing_document() {
    insta::assert_snapshot!(messages(|r| edit(
        r,
        MEETING,
        "documents: [report.md]",
        "documents: [reprot.md]"
    )));
}

#[test]
fn no_front_matter() {
    insta::assert_snapshot!(messages(|r| fs::write(
        r.join(REPORT),
        "## Purpose\n\nNo front matter.\n"
    )
    .unwrap()));
}

#[test]
fn a_symbolic_link() {
    insta::assert_snapshot!(messages(|r| std::os::unix::fs::symlink(
        "../report.md",
        r.join("content/committees/panel/2021-09-24/notes.txt")
    )
    .unwrap()));
}

#[test]
fn a_yaml_syntax_error() {
    insta::assert_snapshot!(messages(|r| edit(
        r,
        MEETING,
        "venue: Council Chamber",
        "venue: Council Chamber: Room 1"
    )));
}

#[test]
fn a_file_that_is_not_utf8() {
    insta::assert_snapshot!(messages(|r| fs::write(
        r.join(REPORT),
        b"---\ntitle: Caf\xe9\n---\nText\n"
    )
    .unwrap()));
}
