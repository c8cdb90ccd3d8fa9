//! Files of the members' edition copied to where the public build copies files from. A
//! red-team session (3 December 2026) copied a members' meeting page into the theme's
//! `static/` folder: it was published, with the real title of an exempt item ("Hollygarth
//! disposal") that its `public_title` hides. Two words are too few for the gate to look
//! for (a title of four words or more is), and nothing recognised the page as the
//! members' edition's. `quire audit` passed it too.
//!
//! The gate now refuses any file it did not make itself (a theme's file, an attachment,
//! a file `quire audit` reads) that carries the words only the members' edition prints:
//! the banner of its pages, the first line of its robots.txt, the cover of its packs.
//! Each refusal has its control: the members' edition holds the short title, and the
//! public build without the copy withholds it.
//!
//! A third red-team session copied the members' edition's data files instead (its
//! `feed.xml`, `redactions.json`, a `compliance.json`): they carried none of those words,
//! and were published with the short title. Every file of that edition that can hold a
//! withheld title now carries its marking, "Members' edition: NOT FOR PUBLICATION"
//! (`Edition::marking`), where its readers pass over it.

use crate::common::attack::{assert_refused, assert_withheld};
use crate::common::scan::{found_as_written, found_in};
use crate::common::site::{AS_OF, Site};
use crate::common::{build, list_files, quire, stderr};

const MEETING: &str = "content/committees/panel/2021-09-24";
/// The exempt item's real title, two words: too short for the gate's phrases.
const SHORT: &str = "CANARYHOLLY disposal";

/// The panel's meeting of 24 September 2021, with the exempt item "CANARYHOLLY disposal"
/// (public title "Land matter") and its report, and `extra` items.
fn disposal_site(label: &str, extra: &str) -> Site {
    let site = Site::new(label);
    site.write(
        &format!("{MEETING}/meeting.yaml"),
        &format!("date: 2021-09-24\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: held\nagenda_published: 2021-09-16\nitems:\n  - title: Apologies for absence\n  - title: {SHORT}\n    public_title: Land matter\n    exempt: [3]\n    documents: [disposal.md]\n{extra}"),
    );
    site.write(
        &format!("{MEETING}/disposal.md"),
        "---\ntitle: Land matter\nkind: report\n---\n\n## Purpose\n\nTo seek approval to sell the land to the highest of the three bidders.\n",
    );
    site
}

/// The members' edition of `site`, built and read: its file at `rel`.
fn members_file(site: &Site, rel: &str) -> Vec<u8> {
    let out = site.build(&["--confidential"]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::read(site.out("confidential").join(rel)).unwrap()
}

/// The control every test here shares: without the copy, the short title is withheld
/// from the public and shown to members.
#[test]
fn the_short_title_is_withheld_without_a_copy() {
    let site = disposal_site("members-copy-control", "");
    assert_withheld(&site, AS_OF, &[SHORT]);
}

/// Was a leak: the members' meeting page, saved in the theme's static folder.
#[test]
fn a_members_page_in_the_theme_is_refused() {
    let site = disposal_site("members-copy-page", "");
    let page = members_file(&site, "committees/panel/2021-09-24/index.html");
    assert!(String::from_utf8_lossy(&page).contains(SHORT));
    site.write_bytes("themes/default/static/agenda.html", &page);
    assert_refused(
        &site,
        AS_OF,
        "static/agenda.html",
        "this file is a copy from the members' edition",
    );
}

/// Was a leak: the whole members' edition copied into the theme, robots.txt and all.
/// The robots.txt alone is refused (its first line is the edition's mark).
#[test]
fn a_members_robots_file_in_the_theme_is_refused() {
    let site = disposal_site("members-copy-robots", "");
    let robots = members_file(&site, "robots.txt");
    site.write_bytes("themes/default/static/m/robots.txt", &robots);
    assert_refused(
        &site,
        AS_OF,
        "static/m/robots.txt",
        "this file is a copy from the members' edition",
    );
}

/// The members' pack, attached to a public item as if it were the public agenda.
#[test]
fn a_members_pack_attached_to_a_public_item_is_refused() {
    let site = disposal_site("members-copy-pack", "");
    let bytes = members_pack(&site);
    site.write_bytes(&format!("{MEETING}/files/agenda-pack.pdf"), &bytes);
    site.write(
        &format!("{MEETING}/meeting.yaml"),
        &format!("date: 2021-09-24\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: held\nagenda_published: 2021-09-16\nitems:\n  - title: Apologies for absence\n    documents: [{{ file: files/agenda-pack.pdf, title: Agenda pack }}]\n  - title: {SHORT}\n    public_title: Land matter\n    exempt: [3]\n    documents: [disposal.md]\n"),
    );
    assert_refused(
        &site,
        AS_OF,
        "agenda-pack.pdf",
        "this file is a copy from the members' edition",
    );
}

/// The members' pack of the meeting, as its edition writes it.
fn members_pack(site: &Site) -> Vec<u8> {
    members_file(site, "robots.txt");
    let dir = site.out("confidential").join("committees/panel/2021-09-24");
    let pdf = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("the members' edition has a pack");
    std::fs::read(pdf).unwrap()
}

/// `quire audit` finds a members' page put on the live site by hand, and passes the
/// site without it.
#[test]
fn audit_finds_a_members_page_on_the_live_site() {
    let site = disposal_site("members-copy-audit", "");
    let page = members_file(&site, "committees/panel/2021-09-24/index.html");
    assert!(site.build(&[]).status.success());
    let audit = || {
        let mut cmd = quire();
        cmd.args(["audit", "--as-of", AS_OF, "--root"]);
        cmd.arg(site.path()).arg(site.out("output"));
        cmd.output().unwrap()
    };
    let clean = audit();
    assert!(clean.status.success(), "{}", stderr(&clean));
    std::fs::write(site.out("output").join("agenda.html"), &page).unwrap();
    let found = audit();
    let err = stderr(&found);
    assert!(!found.status.success(), "the audit passed the copy:\n{err}");
    assert!(
        err.contains("agenda.html")
            && err.contains("this file is a copy from the members' edition"),
        "{err}"
    );
}

/// After the decision of 24 September 2021 is in the register.
const AFTER: &str = "2021-11-01";

/// The data files of the members' edition that hold the short title, as the edition
/// writes them (the search index's fragments apart).
const DATA_FILES: [&str; 6] = [
    "feed.xml",
    "redactions.json",
    "committees/panel/2021-09-24/redactions.json",
    "committees/panel/2021-09-24/compliance.json",
    "decisions/feed.xml",
    "decisions/decisions.csv",
];

/// Was open (leak 10): every data file of the members' edition, copied into the theme's
/// static folder, is refused by name in one run: the six above, its search fragments,
/// its sitemap (which holds the withheld report's address) and its calendar (which holds
/// nothing withheld, but is that edition's all the same).
#[test]
fn the_members_data_files_in_the_theme_are_refused() {
    let site = disposal_site("members-copy-data", "");
    site.write(
        &format!("{MEETING}/minutes.md"),
        &format!("---\ntitle: Minutes\nkind: minutes\nstatus: approved\n---\n\n## 1 Apologies for absence\n\nThere were none.\n\n## 2 {SHORT}\n\n**Resolved** that the land be sold to the highest bidder.\n"),
    );
    let members = build(site.path(), AFTER, &["--confidential"]);
    assert!(members.status.success(), "{}", stderr(&members));
    let edition = site.out("confidential");
    // The control: the members' edition holds the short title in each of them.
    let holding: Vec<String> = (found_in(&edition, &[SHORT.to_string()]).into_iter())
        .map(|(_, file)| file)
        .collect();
    let fragments: Vec<&String> = (holding.iter())
        .filter(|f| f.ends_with(".pf_fragment"))
        .collect();
    assert!(!fragments.is_empty(), "{holding:?}");
    for file in DATA_FILES {
        assert!(holding.iter().any(|h| h == file), "{file}: {holding:?}");
    }
    let sitemap = std::fs::read_to_string(edition.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("/2021-09-24/disposal/"), "{sitemap}");
    let mut copied: Vec<String> = DATA_FILES.iter().map(|f| f.to_string()).collect();
    copied.extend(fragments.into_iter().cloned());
    copied.extend(["sitemap.xml".to_string(), "meetings.ics".to_string()]);
    for file in &copied {
        let bytes = std::fs::read(edition.join(file)).unwrap();
        site.write_bytes(&format!("themes/default/static/m/{file}"), &bytes);
    }
    let public = build(site.path(), AFTER, &[]);
    let err = stderr(&public);
    assert_eq!(public.status.code(), Some(1), "{err}");
    for file in &copied {
        assert!(
            err.contains(&format!(
                "static/m/{file}: this file is a copy from the members' edition"
            )),
            "{file} is not refused:\n{err}"
        );
    }
    assert!(
        !site.out("output").exists(),
        "a refused build wrote output/"
    );
}

/// The public edition's files carry no marking: a feed or a spreadsheet of the public
/// site saying NOT FOR PUBLICATION would be wrong, and the gate would refuse a copy of it.
#[test]
fn the_public_data_files_carry_no_marking() {
    let site = disposal_site("members-copy-public-files", "");
    let out = build(site.path(), AS_OF, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let output = site.out("output");
    let marked = found_as_written(&output, &["NOT FOR PUBLICATION".to_string()]);
    assert!(marked.is_empty(), "{marked:?}");
    // The files it would be in, were it there.
    let files = list_files(&output);
    for file in ["feed.xml", "sitemap.xml", "meetings.ics", "redactions.json"] {
        assert!(files.iter().any(|f| f == file), "{file}: {files:?}");
    }
    assert!(
        files.iter().any(|f| f.ends_with(".pf_fragment")),
        "{files:?}"
    );
}
