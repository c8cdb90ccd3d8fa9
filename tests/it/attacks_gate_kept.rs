//! Attacks on the leak gate kept between builds (`.quire-cache/public/gate.json`, see
//! `src/gate/kept.rs`).
//!
//! A public build takes the gate's preparation from the kept file when its key (quire's
//! code, the build date, the site's root, and `Sources::print`: `site.toml`, the path
//! and size of every file under `content/`, the path and words of every text source)
//! matches, and when every other file the preparation read (withheld files, public files
//! of the same size as one) has the SHA-256 it had. A stale preparation would look for
//! yesterday's secrets and let today's through, so each test below changes the site the
//! way an officer or a deployment pipeline could, while keeping as much as it can the
//! same (sizes, paths, modification times: `keeping_times`), and expects the build to
//! refuse exactly as a build with `--no-cache` does, naming the file, or to withhold the
//! canary with the members' edition as the positive control.
//!
//! | attack | outcome |
//! |---|---|
//! | a paper quoted publicly becomes exempt, `public_title`d, draft, published later or its agenda later, in an edit of the same size and mtime | held: prepared again, refused as fresh |
//! | a withheld PDF appendix and a public one of the same size rewritten in place with the same new bytes, mtimes kept | held: the read list catches it |
//! | a withheld PDF appendix rewritten in place, its new words quoted by a theme file (the key cannot see it) | held |
//! | a withheld text attachment (read for its words) and a public one rewritten in place, the public one quoting the new words | held: the read list covers it |
//! | a withheld SVG image and a public one rewritten in place with the same new bytes | held |
//! | `[leak_gate] allow` and `allow_files` changed in an edit of the same size and mtime | held |
//! | `--as-of` moved back across the end of an exemption | held |
//! | a fresh checkout at the same path, new bytes in same-size appendices, the old cache restored | held |
//! | the site and its cache copied to another folder, then attacked there | held: the copy prepares its own gate |
//! | gate.json damaged (empty, truncated, garbage, another shape, a unit out of range, a bad fingerprint), a folder, or another site's | held: prepared again, same verdict |
//! | a members' edition built with the cache between public builds, or its cache folder put in place of the public one | held |
//! | kept and fresh gates' messages on every kind of hit (words, title, bytes, PDF words, file name) | identical, file, line and hint |
//! | gate.json forged with the right key and nothing to look for | held since the red team's report: the fingerprint is recomputed from the kept phrases, so the forgery is prepared afresh and refused. Known limit: a forger who also recomputes the (unkeyed) fingerprint would be trusted, as a forged `scanned.manifest` is; what that build vouched for carries the forged fingerprint, which honest gates do not trust |
//!
//! The red team first found that a forgery which kept the real fingerprint was trusted,
//! and that what it vouched for stayed trusted by honest gates after gate.json was
//! removed; the fingerprint now covers only the phrases looked for and is recomputed
//! from the kept file.
//!
//! No leak through the kept gate was found. It holds because the preparation is a
//! function of what the key hashes (every text source's words, every file's path and
//! size, `site.toml`'s bytes, the date, the root, the code) and of the bytes of the files
//! in its read list, which are hashed again on every hit; the text of withheld PDFs comes
//! from those same bytes (the pdf-text cache is keyed by the change time too, so an
//! appendix rewritten with its old modification time is read again).

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::process::Output;
use std::time::SystemTime;

use crate::common::attack::assert_built;
use crate::common::scan::appears_in;
use crate::common::site::{AS_OF, Site, meeting};
use crate::common::{TempDir, build, copy_dir, list_files, pdf_with_text, stderr};

const KEPT: &str = ".quire-cache/public/gate.json";
const PANEL: &str = "content/committees/panel";

// ------------------------------------------------------------------------ helpers

/// The kept file's inode: it is written again (a new file renamed into place) only when
/// a build prepared the gate afresh.
fn kept_inode(site: &Site) -> Option<u64> {
    fs::metadata(site.path().join(KEPT)).ok().map(|m| m.ino())
}

fn kept_json(site: &Site) -> serde_json::Value {
    serde_json::from_slice(&fs::read(site.path().join(KEPT)).expect("a kept gate"))
        .expect("the kept gate is JSON")
}

fn refused(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected a refusal, got:\n{}",
        stderr(out)
    );
    stderr(out)
}

/// Builds with the cache, then with `--no-cache`: both refuse, with the very same
/// messages (file, line, hint). Returns them.
fn refused_as_fresh(site: &Site, as_of: &str) -> String {
    let kept = refused(&build(site.path(), as_of, &[]));
    let fresh = refused(&build(site.path(), as_of, &["--no-cache"]));
    assert_eq!(kept, fresh, "a kept gate and a fresh one disagree");
    kept
}

/// The control: the members' edition has the canary, so its absence from the public one
/// (or the refusal) is the gate's doing.
fn members_hold(site: &Site, as_of: &str, canary: &str) {
    assert_built(&build(site.path(), as_of, &["--confidential"]));
    assert!(
        appears_in(&site.out("confidential"), canary),
        "the members' edition lacks {canary}, so the public check proves nothing"
    );
}

/// The path and size of `site.toml` and of every file under `content/`: what the key
/// knows of a file that is not a text source.
fn listing(site: &Site) -> BTreeMap<String, u64> {
    let mut files: Vec<String> = list_files(&site.path().join("content"))
        .into_iter()
        .map(|f| format!("content/{f}"))
        .collect();
    files.push("site.toml".into());
    files
        .into_iter()
        .map(|f| {
            let size = fs::metadata(site.path().join(&f)).unwrap().len();
            (f, size)
        })
        .collect()
}

/// Runs `change`, then gives every file of `site.toml` and `content/` that still exists
/// its old modification time back, as `touch -r` or a careful copy would: nothing
/// stat-based may tell the change.
fn keeping_times(site: &Site, change: impl FnOnce()) {
    let times: Vec<(std::path::PathBuf, SystemTime)> = listing(site)
        .into_keys()
        .map(|f| site.path().join(f))
        .map(|p| {
            let t = fs::metadata(&p).unwrap().modified().unwrap();
            (p, t)
        })
        .collect();
    change();
    for (p, t) in times {
        if let Ok(f) = fs::File::options().write(true).open(&p) {
            f.set_modified(t).unwrap();
        }
    }
}

/// Each line of a YAML marking commented out by its first character: the same bytes
/// but one, so the file keeps its size.
fn commented(marking: &str) -> String {
    marking
        .lines()
        .map(|l| {
            let indent = l.len() - l.trim_start().len();
            format!("{}#{}\n", &l[..indent], &l[indent + 1..])
        })
        .collect()
}

fn report(site: &Site, rel: &str, title: &str, front: &str, body: &str) {
    site.write(
        rel,
        &format!("---\ntitle: {title}\nkind: report\n{front}---\n\n{body}\n"),
    );
}

/// An SVG image showing `text`.
fn svg(text: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"20\"><text x=\"1\" y=\"15\">{text}</text></svg>"
    )
}

/// A one-page PDF of `text`, asserting that `same_as` (another text of the same length)
/// makes a PDF of the same size: the attacks swap bytes without changing sizes.
fn pdf_sized(text: &str, same_as: &str) -> Vec<u8> {
    let (a, b) = (pdf_with_text(text), pdf_with_text(same_as));
    assert_eq!(a.len(), b.len(), "{text:?} and {same_as:?} differ in size");
    a
}

// ------------------------------------------------------------- the tender papers

const TENDER_CANARY: &str = "CANARY_KG_TENDER";
/// 18 words: one phrase of its own for a draft or an unpublished paper, several of an
/// exempt one.
const TENDER: &str = "The preferred bidder CANARY_KG_TENDER Holdings priced the residential care contract at four million pounds a year";
const TENDER_MD: &str = "content/committees/panel/2021-09-10/tender.md";
const REVIEW_PAGE: &str = "committees/panel/2021-09-24/review/index.html";

/// 10 September: the tender report, under `marking` (its item) and `front` (its front
/// matter), the agenda out on `agenda`. 24 September: a public review, quoting it or not.
fn tender(site: &Site, marking: &str, front: &str, agenda: &str, quoted: bool) {
    meeting(
        site,
        "panel",
        "2021-09-10",
        agenda,
        &format!("  - title: Care contract\n{marking}    documents: [tender.md]\n"),
    );
    report(
        site,
        TENDER_MD,
        "Care contract tender",
        front,
        &format!("{TENDER}."),
    );
    meeting(
        site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Contract review\n    documents: [review.md]\n",
    );
    let quote = if quoted {
        format!("{TENDER}.\n\n")
    } else {
        String::new()
    };
    report(
        site,
        &format!("{PANEL}/2021-09-24/review.md"),
        "Contract review",
        "",
        &format!("The review began in the summer.\n\n{quote}The contract started well."),
    );
}

const EXEMPT: &str = "    exempt: [3]\n";

/// The tender exempt and quoted: every build of it must be refused.
fn leaking_site(label: &str) -> Site {
    let site = Site::new(label);
    tender(&site, EXEMPT, "", "2021-09-01", true);
    site
}

// ------------------------------------------------------------- the appendix papers

const APPX: &str = "content/committees/panel/2021-09-24/files";

/// 24 September: a public review with `files/summary.pdf`, and an exempt item with
/// `files/prices.pdf`.
fn appendices(site: &Site, summary: &[u8], prices: &[u8]) {
    meeting(
        site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Contract review\n    documents:\n      - { file: files/summary.pdf, title: Summary }\n  - title: Care contract prices\n    exempt: [3]\n    documents:\n      - { file: files/prices.pdf, title: Prices }\n",
    );
    fs::create_dir_all(site.path().join(APPX)).unwrap();
    fs::write(site.path().join(APPX).join("summary.pdf"), summary).unwrap();
    fs::write(site.path().join(APPX).join("prices.pdf"), prices).unwrap();
}

const SUMMARY_TEXT: &str =
    "Summary of the care contract review CANARY_KG_SUMMARY_ONE for the panel of the council";
const PRICES_OLD: &str =
    "Prices schedule of the care contract CANARY_KG_PRICES_OLD for the panel of the council";
const PRICES_NEW: &str =
    "Prices schedule of the care contract CANARY_KG_PRICES_NEW for the panel of the council";

/// Builds the appendix papers (the prices withheld, the summary public) and checks the
/// control: the summary is published, the prices are not.
fn appendices_built(site: &Site) {
    appendices(
        site,
        &pdf_sized(SUMMARY_TEXT, PRICES_OLD),
        &pdf_sized(PRICES_OLD, PRICES_NEW),
    );
    assert_built(&build(site.path(), AS_OF, &[]));
    assert!(appears_in(&site.out("output"), "CANARY_KG_SUMMARY_ONE"));
    assert!(!appears_in(&site.out("output"), "CANARY_KG_PRICES_OLD"));
    assert!(kept_inode(site).is_some(), "a public build keeps its gate");
}

// ------------------------------------------------------------------------ attacks

#[test]
fn a_quoted_paper_withheld_in_an_edit_of_the_same_size_and_time_is_refused() {
    // Each way an officer withholds a paper, applied to the 10 September tender after a
    // build that published it (and the review quoting it) and kept its gate. The edit
    // uncomments a line already there, or changes a date to one of the same length, and
    // every file keeps its modification time: only the words differ.
    let variants: [(&str, &str, &str, &str); 5] = [
        ("exempt", EXEMPT, "", "2021-09-01"),
        (
            "public_title",
            "    public_title: A contract matter\n    exempt: [3]\n",
            "",
            "2021-09-01",
        ),
        ("draft", "", "draft: true\n", "2021-09-01"),
        (
            "published later",
            "",
            "published: 2021-10-20\n",
            "2021-09-01",
        ),
        ("agenda_published later", "", "", "2021-10-20"),
    ];
    for (what, marking, front, agenda) in variants {
        let site = Site::new("kg-marking");
        tender(
            &site,
            &commented(marking),
            &commented(front),
            "2021-09-01",
            true,
        );
        assert_built(&build(site.path(), AS_OF, &[]));
        assert!(
            appears_in(&site.out("output"), TENDER_CANARY),
            "{what}: control, the public tender is published"
        );
        let first = kept_inode(&site).expect("a public build keeps its gate");
        let before = listing(&site);
        keeping_times(&site, || tender(&site, marking, front, agenda, true));
        assert_eq!(
            listing(&site),
            before,
            "{what}: the attack keeps every size"
        );
        let err = refused_as_fresh(&site, AS_OF);
        assert!(
            err.contains("2021-09-10/tender.md") && err.contains(REVIEW_PAGE),
            "{what}: {err}"
        );
        assert_ne!(
            kept_inode(&site),
            Some(first),
            "{what}: the gate of the public tender was used"
        );
        if what != "draft" {
            members_hold(&site, AS_OF, TENDER_CANARY);
        }
    }
}

#[test]
fn a_withheld_appendix_and_a_public_one_rewritten_in_place_are_read_again() {
    // Both appendices get the new prices, bytes for bytes, keeping their names, sizes and
    // modification times. A gate kept from the first build knows only the old prices'
    // SHA-256 and words; the summary now is the withheld file.
    let site = Site::new("kg-appendix");
    appendices_built(&site);
    let first = kept_inode(&site);
    let before = listing(&site);
    let new = pdf_sized(PRICES_NEW, PRICES_OLD);
    keeping_times(&site, || {
        fs::write(site.path().join(APPX).join("prices.pdf"), &new).unwrap();
        fs::write(site.path().join(APPX).join("summary.pdf"), &new).unwrap();
    });
    assert_eq!(listing(&site), before);
    let err = refused_as_fresh(&site, AS_OF);
    assert!(
        err.contains(&format!("the withheld file {APPX}/prices.pdf"))
            && err.contains("2021-09-24/files/summary.pdf"),
        "{err}"
    );
    assert_ne!(kept_inode(&site), first, "the stale gate was used");
    assert!(!appears_in(&site.out("output"), "CANARY_KG_PRICES_NEW"));
    members_hold(&site, AS_OF, "CANARY_KG_PRICES_NEW");
}

#[test]
fn new_words_of_a_withheld_appendix_are_looked_for_outside_the_papers() {
    // Only the withheld appendix changes (same name, size and time); its new words turn
    // up in a theme file, which no key of the library covers. A kept gate holding the
    // old words would let them through: the read list must send it back to prepare.
    let site = Site::new("kg-appendix-theme");
    appendices_built(&site);
    let first = kept_inode(&site);
    let new = pdf_sized(PRICES_NEW, PRICES_OLD);
    keeping_times(&site, || {
        fs::write(site.path().join(APPX).join("prices.pdf"), &new).unwrap();
    });
    site.write(
        "themes/default/static/notice.txt",
        &format!("{PRICES_NEW}\n"),
    );
    let err = refused_as_fresh(&site, AS_OF);
    assert!(
        err.contains("static/notice.txt")
            && err.contains("error: content/committees/panel/2021-09-24/files/prices.pdf: "),
        "{err}"
    );
    assert_ne!(kept_inode(&site), first, "the stale gate was used");
    members_hold(&site, AS_OF, "CANARY_KG_PRICES_NEW");
}

#[test]
fn a_withheld_image_and_a_public_one_rewritten_in_place_are_read_again() {
    // The same for images: an exempt report's site plan and a public report's chart, of
    // the same size, both given the new plan in place.
    const CHART: &str = "CANARY_KG_CHART_ONE";
    const PLAN_OLD: &str = "CANARY_KG_PLAN_OLD0";
    const PLAN_NEW: &str = "CANARY_KG_PLAN_NEW0";
    let site = Site::new("kg-image");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Contract review\n    documents: [review.md]\n  - title: Depot site\n    exempt: [3]\n    documents: [plan.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/review.md"),
        "Contract review",
        "",
        "The chart shows the spend.\n\n![Spend chart](files/chart.svg)",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/plan.md"),
        "Depot site plan",
        "",
        "The plan shows the plots for sale.\n\n![Site plan](files/plan.svg)",
    );
    site.write(&format!("{APPX}/chart.svg"), &svg(CHART));
    site.write(&format!("{APPX}/plan.svg"), &svg(PLAN_OLD));
    assert_built(&build(site.path(), AS_OF, &[]));
    assert!(appears_in(&site.out("output"), CHART), "control");
    assert!(!appears_in(&site.out("output"), PLAN_OLD));
    let first = kept_inode(&site);
    let before = listing(&site);
    keeping_times(&site, || {
        site.write(&format!("{APPX}/chart.svg"), &svg(PLAN_NEW));
        site.write(&format!("{APPX}/plan.svg"), &svg(PLAN_NEW));
    });
    assert_eq!(listing(&site), before);
    let err = refused_as_fresh(&site, AS_OF);
    assert!(
        err.contains(&format!("the withheld file {APPX}/plan.svg"))
            && err.contains("files/chart.svg"),
        "{err}"
    );
    assert_ne!(kept_inode(&site), first, "the stale gate was used");
    assert!(!appears_in(&site.out("output"), PLAN_NEW));
    members_hold(&site, AS_OF, PLAN_NEW);
}

const SITE_TOML: &str = "title = \"Committee papers\"\ncouncil = \"Test Borough Council\"\nbase_url = \"https://papers.example.gov.uk\"\nlanguage = \"en-GB\"\njurisdiction = \"england\"\n";

#[test]
fn an_allow_entry_changed_in_place_is_read_again() {
    // The tender's passage is allowed, so the review publishes it (the control). Then one
    // letter of the entry changes: the same size, the same time, but the phrases with
    // the canary in them are no longer allowed.
    let site = leaking_site("kg-allow");
    site.write(
        "site.toml",
        &format!("{SITE_TOML}\n[leak_gate]\nallow = [\"{TENDER}\"]\n"),
    );
    assert_built(&build(site.path(), AS_OF, &[]));
    assert!(appears_in(&site.out("output"), TENDER_CANARY), "control");
    let first = kept_inode(&site);
    let before = listing(&site);
    keeping_times(&site, || {
        let other = TENDER.replace(TENDER_CANARY, "CANARY_KG_TENDEX");
        site.write(
            "site.toml",
            &format!("{SITE_TOML}\n[leak_gate]\nallow = [\"{other}\"]\n"),
        );
    });
    assert_eq!(listing(&site), before);
    let err = refused_as_fresh(&site, AS_OF);
    assert!(
        err.contains(TENDER_MD) && err.contains(REVIEW_PAGE),
        "{err}"
    );
    assert_ne!(
        kept_inode(&site),
        first,
        "the gate of the allowed passage was used"
    );
    members_hold(&site, AS_OF, TENDER_CANARY);
}

#[test]
fn an_allowed_file_changed_in_place_is_read_again() {
    // The summary is a copy of the withheld prices, and the prices are listed under
    // `allow_files`, so the copy is published (the control). Then the entry names
    // another file, in a path of the same length.
    let site = Site::new("kg-allow-files");
    let prices = pdf_sized(PRICES_OLD, PRICES_NEW);
    appendices(&site, &prices, &prices);
    let settings = |name: &str| {
        format!(
            "{SITE_TOML}\n[leak_gate]\nallow_files = [\"committees/panel/2021-09-24/files/{name}\"]\n"
        )
    };
    site.write("site.toml", &settings("prices.pdf"));
    assert_built(&build(site.path(), AS_OF, &[]));
    assert!(
        appears_in(&site.out("output"), "CANARY_KG_PRICES_OLD"),
        "control"
    );
    let first = kept_inode(&site);
    let before = listing(&site);
    keeping_times(&site, || site.write("site.toml", &settings("pricez.pdf")));
    assert_eq!(listing(&site), before);
    let err = refused_as_fresh(&site, AS_OF);
    assert!(
        err.contains(&format!("the withheld file {APPX}/prices.pdf")),
        "{err}"
    );
    assert_ne!(
        kept_inode(&site),
        first,
        "the gate that allowed the file was used"
    );
}

#[test]
fn a_build_date_moved_back_across_an_exemption_is_refused() {
    // The exemption ends on 20 October. A build dated after it publishes the tender and
    // keeps its gate; a build dated before it must not take that gate.
    let site = Site::new("kg-as-of");
    tender(
        &site,
        "    exempt:\n      paragraphs: [3]\n      until: 2021-10-20\n",
        "",
        "2021-09-01",
        true,
    );
    assert_built(&build(site.path(), "2021-10-25", &[]));
    assert!(appears_in(&site.out("output"), TENDER_CANARY), "control");
    let later = kept_json(&site);
    let err = refused_as_fresh(&site, AS_OF);
    assert!(
        err.contains(TENDER_MD) && err.contains(REVIEW_PAGE),
        "{err}"
    );
    assert_ne!(kept_json(&site)["key"], later["key"]);
    // And forth again: the later date prepares its own gate, and publishes.
    assert_built(&build(site.path(), "2021-10-25", &[]));
    assert_eq!(kept_json(&site)["key"], later["key"]);
    members_hold(&site, AS_OF, TENDER_CANARY);
}

#[test]
fn a_fresh_checkout_at_the_same_path_with_the_cache_restored_is_read_again() {
    // A deployment pipeline builds in the same folder every time: it checks the papers
    // out afresh and restores `.quire-cache` from its last run. Today's checkout has new
    // prices in both appendices (same names and sizes); the texts are as they were, so
    // the key is the same.
    let site = Site::new("kg-checkout");
    appendices_built(&site);
    let saved = TempDir::new("kg-checkout-cache");
    copy_dir(&site.path().join(".quire-cache"), saved.path());
    fs::remove_dir_all(site.path().join("content")).unwrap();
    fs::remove_dir_all(site.path().join(".quire-cache")).unwrap();
    fs::remove_dir_all(site.out("output")).unwrap();
    let new = pdf_sized(PRICES_NEW, PRICES_OLD);
    for m in ["a-chair", "b-vice", "c-member"] {
        site.write(
            &format!("content/members/{m}.yaml"),
            &format!("name: Councillor {m}\n"),
        );
    }
    site.committee("panel", "Corporate Parenting Panel");
    appendices(&site, &new, &new);
    copy_dir(saved.path(), &site.path().join(".quire-cache"));
    let key = kept_json(&site)["key"].clone();
    let err = refused_as_fresh(&site, AS_OF);
    assert!(
        err.contains(&format!("the withheld file {APPX}/prices.pdf")),
        "{err}"
    );
    assert_eq!(
        kept_json(&site)["key"],
        key,
        "the attack needs the same key"
    );
    members_hold(&site, AS_OF, "CANARY_KG_PRICES_NEW");
}

#[test]
fn a_withheld_text_attachment_rewritten_in_place_is_read_again() {
    // The exempt item links a plain-text price list, read by the gate for its words; a
    // public report links notes of the same size. Both are rewritten in place (same
    // sizes and times) so that the notes quote the new prices: a gate kept from before
    // would look for the old prices only.
    const OLD: &str =
        "Price list of the care contract CANARY_KG_TXT_OLD for the panel of the council\n";
    const NEW: &str =
        "Price list of the care contract CANARY_KG_TXT_NEW for the panel of the council\n";
    const NOTES: &str =
        "Notes of the review of the care contract by the panel and its officers, today.\n";
    assert_eq!(OLD.len(), NEW.len());
    assert_eq!(OLD.len(), NOTES.len());
    let site = Site::new("kg-text");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Contract review\n    documents: [review.md]\n  - title: Care contract prices\n    exempt: [3]\n    documents: [prices.md]\n",
    );
    report(
        &site,
        "content/committees/panel/2021-09-24/review.md",
        "Review",
        "",
        "The [notes](files/notes.txt) of the review.",
    );
    report(
        &site,
        "content/committees/panel/2021-09-24/prices.md",
        "Prices",
        "",
        "The [price list](files/prices.txt).",
    );
    fs::create_dir_all(site.path().join(APPX)).unwrap();
    fs::write(site.path().join(APPX).join("notes.txt"), NOTES).unwrap();
    fs::write(site.path().join(APPX).join("prices.txt"), OLD).unwrap();
    assert_built(&build(site.path(), AS_OF, &[]));
    let first = kept_inode(&site);
    let before = listing(&site);
    keeping_times(&site, || {
        fs::write(site.path().join(APPX).join("prices.txt"), NEW).unwrap();
        fs::write(site.path().join(APPX).join("notes.txt"), NEW).unwrap();
    });
    assert_eq!(listing(&site), before, "the attack needs the same listing");
    let err = refused_as_fresh(&site, AS_OF);
    assert!(
        err.contains("content/committees/panel/2021-09-24/prices.md")
            && err.contains("2021-09-24/files/notes.txt"),
        "{err}"
    );
    assert_ne!(kept_inode(&site), first, "the stale gate was used");
    members_hold(&site, AS_OF, "CANARY_KG_TXT_NEW");
}

#[test]
fn a_site_copied_with_its_cache_prepares_its_own_gate() {
    // The site, its output and its cache copied to another folder (a second checkout, a
    // backup restored elsewhere), where the appendices are then rewritten in place. The
    // copy's gate must be its own, and the original's must be left as it was.
    let site = Site::new("kg-copy");
    appendices_built(&site);
    let original = kept_json(&site);
    let copy = Site(TempDir::new("kg-copy-to"));
    copy_dir(site.path(), copy.path());
    assert_built(&build(copy.path(), AS_OF, &[]));
    assert_ne!(
        kept_json(&copy)["key"],
        original["key"],
        "the copy took the original's gate"
    );
    let new = pdf_sized(PRICES_NEW, PRICES_OLD);
    keeping_times(&copy, || {
        fs::write(copy.path().join(APPX).join("prices.pdf"), &new).unwrap();
        fs::write(copy.path().join(APPX).join("summary.pdf"), &new).unwrap();
    });
    let err = refused_as_fresh(&copy, AS_OF);
    assert!(
        err.contains(&format!("the withheld file {APPX}/prices.pdf")),
        "{err}"
    );
    members_hold(&copy, AS_OF, "CANARY_KG_PRICES_NEW");
    // The original still builds, on its own gate.
    let inode = kept_inode(&site);
    assert_built(&build(site.path(), AS_OF, &[]));
    assert_eq!(kept_inode(&site), inode);
    assert_eq!(kept_json(&site), original);
}

#[test]
fn a_damaged_or_foreign_kept_gate_is_prepared_again() {
    // A build of the leaking site is refused and keeps its gate. Each damage below is
    // put in its place; every build after must be refused exactly as before and keep
    // the very same preparation again.
    let site = leaking_site("kg-damaged");
    let expected = refused_as_fresh(&site, AS_OF);
    let kept = site.path().join(KEPT);
    let good = fs::read(&kept).unwrap();
    let other = Site::new("kg-damaged-other");
    tender(&other, EXEMPT, "", "2021-09-01", false);
    assert_built(&build(other.path(), AS_OF, &[]));
    let foreign = fs::read(other.path().join(KEPT)).unwrap();
    let edited = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v: serde_json::Value = serde_json::from_slice(&good).unwrap();
        edit(&mut v);
        serde_json::to_vec(&v).unwrap()
    };
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("not JSON", b"\x00\xff gate".to_vec()),
        ("another shape", b"{\"key\": 1}".to_vec()),
        (
            "the right key, a phrase naming a unit out of range",
            edited(&|v| v["prepared"]["phrases"][0][1] = 9999.into()),
        ),
        (
            "the right key, no units at all",
            edited(&|v| v["prepared"]["units"] = serde_json::json!([])),
        ),
        (
            "the right key, a fingerprint that is not hexadecimal",
            edited(&|v| v["prepared"]["print"] = "not hex".into()),
        ),
        ("another site's", foreign),
    ];
    for (what, bytes) in variants {
        fs::write(&kept, &bytes).unwrap();
        assert_eq!(refused(&build(site.path(), AS_OF, &[])), expected, "{what}");
        assert_eq!(fs::read(&kept).unwrap(), good, "{what}: not prepared again");
    }
    // A folder in its place: nothing can be kept, and every build prepares afresh.
    fs::remove_file(&kept).unwrap();
    fs::create_dir_all(kept.join("inside")).unwrap();
    assert_eq!(refused(&build(site.path(), AS_OF, &[])), expected);
    assert!(kept.is_dir());
    members_hold(&site, AS_OF, TENDER_CANARY);
}

#[test]
fn a_members_build_sharing_the_cache_leaves_the_public_gate_alone() {
    // The members' edition is built with the cache between two public builds, then its
    // cache folder is put in place of the public one by mistake.
    let site = leaking_site("kg-members");
    let expected = refused_as_fresh(&site, AS_OF);
    let good = fs::read(site.path().join(KEPT)).unwrap();
    let inode = kept_inode(&site);
    members_hold(&site, AS_OF, TENDER_CANARY);
    assert_eq!(fs::read(site.path().join(KEPT)).unwrap(), good);
    assert!(
        !site
            .path()
            .join(".quire-cache/confidential/gate.json")
            .exists()
    );
    // The retry takes the kept gate, and says the same.
    assert_eq!(refused(&build(site.path(), AS_OF, &[])), expected);
    assert_eq!(
        kept_inode(&site),
        inode,
        "the retry did not use the kept gate"
    );
    let cache = site.path().join(".quire-cache");
    fs::remove_dir_all(cache.join("public")).unwrap();
    copy_dir(&cache.join("confidential"), &cache.join("public"));
    assert_eq!(refused(&build(site.path(), AS_OF, &[])), expected);
}

#[test]
fn a_kept_gate_says_what_a_fresh_one_says() {
    // Every kind of hit at once: exempt words (two passages), a title withheld by
    // `public_title`, and a public copy of a withheld appendix (its bytes and its words);
    // and a harmless theme file with a withheld file's name, which is not refused (since
    // the fourteenth session a theme's file is judged by what it holds, not its name).
    // The first build prepares the gate,
    // the second takes it from the kept file, the third prepares it without a cache:
    // the three must say the same, file, line and hint.
    const SECOND: &str = "The second bidder CANARY_KG_SECOND offered three million pounds and asked for a long lease on the depot";
    const TITLE: &str = "Sale of the CANARY_KG_TITLE childrens home at Holly Garth";
    let site = Site::new("kg-messages");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        &format!(
            "  - title: Contract review\n    documents: [review.md]\n  - title: Contract summary\n    documents:\n      - {{ file: files/summary.pdf, title: Summary }}\n  - title: {TITLE}\n    public_title: A property matter\n    exempt: [3]\n    documents: [tender.md]\n  - title: Prices for the sale\n    exempt: [3]\n    documents:\n      - {{ file: files/prices.pdf, title: Prices }}\n"
        ),
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/tender.md"),
        "Tender report",
        "",
        &format!("{TENDER}.\n\nThe depot is empty.\n\n{SECOND}.\n\n![Site plan](files/plan.svg)"),
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/review.md"),
        "Contract review",
        "",
        &format!(
            "The review began.\n\n{TENDER}.\n\nThe chart follows.\n\n{SECOND}.\n\nThe home: {TITLE}."
        ),
    );
    let prices = pdf_sized(PRICES_OLD, PRICES_NEW);
    fs::create_dir_all(site.path().join(APPX)).unwrap();
    fs::write(site.path().join(APPX).join("prices.pdf"), &prices).unwrap();
    fs::write(site.path().join(APPX).join("summary.pdf"), &prices).unwrap();
    site.write(&format!("{APPX}/plan.svg"), &svg("CANARY_KG_PLAN_OLD0"));
    site.write("themes/default/static/plan.svg", &svg("A harmless drawing"));
    let prepared = refused(&build(site.path(), AS_OF, &[]));
    let inode = kept_inode(&site).expect("a refused build keeps its gate");
    let kept = refused(&build(site.path(), AS_OF, &[]));
    assert_eq!(
        kept_inode(&site),
        Some(inode),
        "the second build prepared again"
    );
    let fresh = refused(&build(site.path(), AS_OF, &["--no-cache"]));
    assert_eq!(kept, prepared);
    assert_eq!(kept, fresh);
    for said in [
        "words withheld from the public",
        "a title withheld from the public",
        "the withheld file content/committees/panel/2021-09-24/files/prices.pdf",
        "tender.md:",
        "(and the passage",
        "hint:",
    ] {
        assert!(kept.contains(said), "no {said:?} in:\n{kept}");
    }
    assert!(!kept.contains("static/plan.svg"), "{kept}");
    members_hold(&site, AS_OF, "CANARY_KG_SECOND");
}

#[test]
fn a_kept_gate_with_its_phrases_taken_out_is_not_trusted() {
    // The control of every test above. A refused build keeps a gate whose key is right
    // for the leaking site as it is; whoever can write the cache can keep that key and
    // empty what is looked for. The gate's fingerprint is recomputed from the phrases
    // kept, so a file whose phrases no longer match the fingerprint it carries is
    // prepared afresh, and the build is refused as a fresh one is. Known limit: the
    // fingerprint is not keyed, so a forger who also recomputes it (it hashes quire's own
    // source and the phrases) would be trusted, as a forged `scanned.manifest` is (see
    // attacks_scan_record.rs); what it vouched for would then carry the forged
    // fingerprint, which no honest gate trusts.
    let site = leaking_site("kg-forged");
    let expected = refused_as_fresh(&site, AS_OF);
    let mut forged = kept_json(&site);
    forged["prepared"]["phrases"] = serde_json::json!([]);
    fs::write(site.path().join(KEPT), serde_json::to_vec(&forged).unwrap()).unwrap();
    assert_eq!(refused(&build(site.path(), AS_OF, &[])), expected);
    assert!(!appears_in(&site.out("output"), TENDER_CANARY));
    // The control: without the cache the same site is refused the same way.
    let elsewhere = site.out("elsewhere");
    let elsewhere = ["--no-cache", "--output", elsewhere.to_str().unwrap()];
    assert_eq!(refused(&build(site.path(), AS_OF, &elsewhere)), expected);
}
