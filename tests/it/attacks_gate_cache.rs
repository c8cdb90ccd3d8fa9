//! Attacks on the leak gate across sequential builds of one site: the skips that depend
//! on what an earlier build wrote (a cached pack found clean before is not scanned again,
//! a page whose bytes were found clean is not scanned again), packs written as soon as
//! they are laid out, the gate's one automaton, and the rule that a public paper dated
//! before a withheld one may share its words.
//!
//! Each test builds a site, changes it the way an officer (or bad luck) would, builds
//! again, and scans every public byte for `CANARY_…` tokens, with the members' edition as
//! the positive control, or expects a refusal that leaves the output as it was.
//!
//! Four findings, each now fixed and kept as a test that failed against the code it was
//! written for:
//! 1. the gate judges a phrase by the first withheld text it read it in, so another
//!    withheld copy (later, or a draft, or not yet published) excuses a public quote of
//!    an exempt paper at its own meeting;
//! 2. the same for a title withheld by `public_title`: a later exempt report headed by
//!    it excuses it;
//! 3. a refused build leaves the folders of the pages it wrote in the standby copy, with
//!    their names (which the gate refused), and the next build swaps them into output/;
//! 4. the gate reads a cached pack's text from the cache's `.json`, never the PDF that is
//!    published: a cached PDF replaced by hand went out unread.
//!
//! The fixes: a phrase remembers every withheld text that has it, and public text excuses
//! it only if it excuses it for all of them (`src/gate/mod.rs`); a refused build removes
//! the folders its files leave empty (`src/write.rs`); a cached pack is used only while
//! its PDF is the very file stored with its text (`src/render/pdf/cache.rs`).
//!
//! The skips and streaming added with them held: a cached pack, a cached search shard
//! and a page found clean before are read again whenever the gate's fingerprint changes,
//! whatever the officer changed (exempt, public_title, draft, agenda_published,
//! published), and whether the cache was restored by copying or by moving; a refused
//! pack among many leaves nothing readable beside the output; one automaton with
//! overlapping matches does not let a template phrase mask a secret.

use std::fs;
use std::os::unix::fs::MetadataExt;

use crate::common::attack::{
    assert_withheld, assert_withheld_or_refused, cached_pack, outside_sources_holding, owned,
};
use crate::common::scan::found_in;
use crate::common::site::{Site, meeting};
use crate::common::{TempDir, build, build_ok, contents, copy_dir, list_files, stderr};

const PANEL: &str = "content/committees/panel";

/// After every meeting below but the last: 24 September and 8 October 2021 are out.
const AS_OF: &str = "2021-10-10";

fn report(site: &Site, rel: &str, title: &str, front: &str, body: &str) {
    site.write(
        rel,
        &format!("---\ntitle: {title}\nkind: report\n{front}---\n\n{body}\n"),
    );
}

fn refused(out: &std::process::Output) -> String {
    assert!(
        !out.status.success(),
        "the build should have been refused:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(out));
    stderr(out)
}

// ------------------------------------------- finding: the first withheld owner decides

/// The secret of the tender, with its canary: 16 words.
const TENDER: &str = "The preferred bidder CANARY_TWICE_BIDDER Holdings offered four hundred and twelve thousand pounds for the site";

/// A meeting on 24 September 2021: a public update that quotes the exempt tender report
/// of the same meeting. The gate's own rule: a public text of the same meeting holding
/// exempt words is the leak.
fn quoted_tender(site: &Site) {
    meeting(
        site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Update on the estate\n    documents: [update.md]\n  - title: Sale of the depot\n    exempt: [3]\n    documents: [tender.md]\n",
    );
    report(
        site,
        &format!("{PANEL}/2021-09-24/tender.md"),
        "Tender report",
        "",
        &format!("{TENDER}."),
    );
    report(
        site,
        &format!("{PANEL}/2021-09-24/update.md"),
        "Estate update",
        "",
        &format!("As reported elsewhere on this agenda, {TENDER}."),
    );
}

#[test]
fn exempt_words_stay_protected_when_another_withheld_paper_repeats_them() {
    /// A change to the site, and what it is.
    type Variant = (&'static str, fn(&Site));
    // Each variant adds one more withheld text holding the tender's words: the matter
    // exempt again at a later meeting, a paper not out yet, a draft. None of them is
    // public, so none can make the words "public before". But `candidates` files each
    // phrase under the first withheld text it reads (item bodies before documents,
    // committees in order, documents in agenda order), and `keep_distinctive` applies
    // that text's date and rule alone (`predates`): a later date, or the `p <= o` rule of
    // a draft or unpublished paper, excused the public update of 24 September (fixed).
    let variants: [Variant; 4] = [
        (
            "exempt again in an item's body at the panel's next meeting",
            |site| {
                meeting(
                    site,
                    "panel",
                    "2021-10-08",
                    "2021-09-30",
                    &format!(
                        "  - title: Sale of the depot, further report\n    exempt: [3]\n    body: {TENDER}.\n"
                    ),
                );
            },
        ),
        ("exempt again in a report to another committee", |site| {
            site.committee("audit", "Audit Committee");
            meeting(
                site,
                "audit",
                "2021-10-05",
                "2021-09-27",
                "  - title: Depot sale follow-up\n    exempt: [3]\n    documents: [award.md]\n",
            );
            report(
                site,
                "content/committees/audit/2021-10-05/award.md",
                "Award report",
                "",
                &format!("{TENDER}."),
            );
        }),
        (
            "in another committee's paper whose agenda is not out yet",
            |site| {
                site.committee("audit", "Audit Committee");
                meeting(
                    site,
                    "audit",
                    "2021-11-01",
                    "2021-10-20",
                    "  - title: Depot sale follow-up\n    documents: [award.md]\n",
                );
                report(
                    site,
                    "content/committees/audit/2021-11-01/award.md",
                    "Award report",
                    "",
                    &format!("{TENDER}."),
                );
            },
        ),
        ("in a draft briefing listed beside it", |site| {
            meeting(
                site,
                "panel",
                "2021-09-24",
                "2021-09-16",
                "  - title: Update on the estate\n    documents: [update.md, briefing.md]\n  - title: Sale of the depot\n    exempt: [3]\n    documents: [tender.md]\n",
            );
            report(
                site,
                &format!("{PANEL}/2021-09-24/briefing.md"),
                "Briefing",
                "draft: true\n",
                &format!("{TENDER}."),
            );
        }),
    ];
    let mut leaks = Vec::new();
    for (what, add) in variants {
        let site = Site::new("gate-owner");
        quoted_tender(&site);
        // The control: on its own, the quote is caught.
        let err = refused(&build(site.path(), AS_OF, &[]));
        assert!(
            err.contains("2021-09-24/tender.md") && err.contains("update/index.html"),
            "{err}"
        );
        add(&site);
        let tried = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            assert_withheld_or_refused(
                &site,
                AS_OF,
                &["CANARY_TWICE_BIDDER"],
                "2021-09-24/tender.md",
            )
        }));
        if tried.is_err() {
            leaks.push(what);
        }
    }
    assert!(
        leaks.is_empty(),
        "the exempt tender is published: {leaks:#?}"
    );
}

#[test]
fn a_withheld_title_stays_protected_when_a_later_exempt_report_is_headed_by_it() {
    let site = Site::new("gate-title-owner");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Update on the estate\n    documents: [update.md]\n  - title: Sale of the CANARY_TITLE_HOME childrens home\n    public_title: A property matter\n    exempt: [3]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/update.md"),
        "Estate update",
        "",
        "Item 2 concerns the Sale of the CANARY_TITLE_HOME childrens home.",
    );
    // The control: the public update naming the withheld title is caught.
    let err = refused(&build(site.path(), AS_OF, &[]));
    assert!(err.contains("a title withheld"), "{err}");
    // The matter comes back, exempt, at the next meeting: its report is headed by the
    // real title.
    meeting(
        &site,
        "panel",
        "2021-10-08",
        "2021-09-30",
        "  - title: A property matter, further report\n    exempt: [3]\n    documents: [further.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-10-08/further.md"),
        "Further report",
        "",
        "## Sale of the CANARY_TITLE_HOME childrens home\n\nThe sale completed.",
    );
    assert_withheld_or_refused(
        &site,
        AS_OF,
        &["CANARY_TITLE_HOME"],
        "2021-09-24/meeting.yaml",
    );
}

#[test]
fn exempt_words_in_a_public_paper_of_the_same_or_a_later_meeting_are_caught() {
    // The `predates` rule after the move to one automaton: same meeting and later
    // meeting are leaks; only an earlier public paper excuses the words.
    for (date, published) in [("2021-09-24", "2021-09-16"), ("2021-10-08", "2021-09-30")] {
        let site = Site::new("gate-predates");
        meeting(
            &site,
            "panel",
            "2021-09-24",
            "2021-09-16",
            "  - title: Sale of the depot\n    exempt: [3]\n    documents: [tender.md]\n",
        );
        report(
            &site,
            &format!("{PANEL}/2021-09-24/tender.md"),
            "Tender report",
            "",
            &format!("{TENDER}."),
        );
        let folder = format!("{PANEL}/{date}");
        let items = if date == "2021-09-24" {
            "  - title: Update on the estate\n    documents: [update.md]\n  - title: Sale of the depot\n    exempt: [3]\n    documents: [tender.md]\n"
        } else {
            "  - title: Update on the estate\n    documents: [update.md]\n"
        };
        meeting(&site, "panel", date, published, items);
        report(
            &site,
            &format!("{folder}/update.md"),
            "Estate update",
            "",
            &format!("As the panel heard, {TENDER}."),
        );
        assert_withheld_or_refused(
            &site,
            AS_OF,
            &["CANARY_TWICE_BIDDER"],
            "2021-09-24/tender.md",
        );
        let err = refused(&build(site.path(), AS_OF, &[]));
        assert!(err.contains(&format!("{date}/update/index.html")), "{err}");
    }
}

// ------------------------------------- the masking of change 3: one automaton, overlapping

#[test]
fn a_secret_that_runs_on_from_a_template_sentence_is_still_caught() {
    // Sixteen words every set of minutes has used since July, then four secret words in
    // the same paragraph: the only phrase worth looking for starts inside the template
    // and overlaps the (not looked for) phrase that ends the template.
    let template = "The Panel considered the report of the Director of Children's Services on the matters set out below";
    let secret = "CANARY_MASKED_PRICE is nine hundred";
    let site = Site::new("gate-mask");
    meeting(
        &site,
        "panel",
        "2021-07-02",
        "2021-06-24",
        "  - title: Review of placements\n    documents: [review.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-07-02/review.md"),
        "Review of placements",
        "",
        &format!("{template}."),
    );
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Update on the estate\n    documents: [update.md]\n  - title: Sale of the depot\n    exempt: [3]\n    documents: [tender.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/tender.md"),
        "Tender report",
        "",
        &format!("{template} {secret}."),
    );
    // Copied whole into the public update.
    report(
        &site,
        &format!("{PANEL}/2021-09-24/update.md"),
        "Estate update",
        "",
        &format!("{template} {secret}."),
    );
    let err = refused(&build(site.path(), AS_OF, &[]));
    assert!(err.contains("2021-09-24/tender.md"), "{err}");
    assert!(!site.out("output").exists());
    // Control: the template alone, as in July, builds; the members' edition has the secret.
    report(
        &site,
        &format!("{PANEL}/2021-09-24/update.md"),
        "Estate update",
        "",
        &format!("{template}."),
    );
    assert_withheld(&site, AS_OF, &["CANARY_MASKED_PRICE"]);
}

// ------------------------------------------------ change 1: cached packs found clean before

/// Meeting A (24 September) has a public report; meeting B (8 October) has a public
/// report quoting it, and so does B's pack. Built twice, so the output and the standby
/// copy both have manifests that record B's cached pack as found clean.
const HOLLY: &str = "The valuation of the Holly Garth home by the district valuer came to CANARY_KEPT_VALUATION pounds last spring";
const HOLLY_TITLE: &str = "Sale of the Holly Garth children's home";

fn two_meetings(site: &Site, a_items_extra: &str, a_published: &str, a_front: &str) {
    meeting(
        site,
        "panel",
        "2021-09-24",
        a_published,
        &format!("  - title: {HOLLY_TITLE}\n{a_items_extra}    documents: [holly.md]\n"),
    );
    report(
        site,
        &format!("{PANEL}/2021-09-24/holly.md"),
        "Holly Garth report",
        a_front,
        &format!("{HOLLY}."),
    );
    meeting(
        site,
        "panel",
        "2021-10-08",
        "2021-09-30",
        "  - title: Estate review\n    documents: [review.md]\n",
    );
    report(
        site,
        &format!("{PANEL}/2021-10-08/review.md"),
        "Estate review",
        "",
        &format!(
            "This review follows the {HOLLY_TITLE}, reported last month.\n\n{HOLLY}.\n\nNo further action is needed."
        ),
    );
}

#[test]
fn a_cached_pack_found_clean_before_is_scanned_again_when_what_it_quotes_is_withheld() {
    // Meeting B's pack does not change at all (its cache key, file and inode stay the
    // same): only meeting A's marking does. The gate now looks for new words, so the
    // pack must be read again and the build refused.
    let variants: [(&str, &str, &str, &str); 5] = [
        ("exempt", "    exempt: [3]\n", "2021-09-16", ""),
        (
            "public_title",
            "    public_title: A property matter\n    exempt: [3]\n",
            "2021-09-16",
            "",
        ),
        ("draft", "", "2021-09-16", "draft: true\n"),
        ("agenda_published later", "", "2021-10-20", ""),
        (
            "published later",
            "",
            "2021-09-16",
            "published: 2021-10-20\n",
        ),
    ];
    for (what, extra, published, front) in variants {
        let site = Site::new("gate-kept");
        two_meetings(&site, "", "2021-09-16", "");
        build_ok(site.path(), AS_OF, &[]);
        build_ok(site.path(), AS_OF, &[]);
        let before = contents(&site.out("output"));
        assert!(
            crate::common::scan::appears_in(&site.out("output"), "CANARY_KEPT_VALUATION"),
            "control: the words are public before the change"
        );
        let (pack, inode) = cached_pack(&site, "Estate review");
        two_meetings(&site, extra, published, front);
        let out = build(site.path(), AS_OF, &[]);
        let err = refused(&out);
        assert!(
            err.contains("committees/panel/2021-10-08/agenda-pack.pdf"),
            "{what}: meeting B's cached pack is not named, so it was not scanned again:\n{err}"
        );
        assert_eq!(
            fs::metadata(&pack).map(|m| m.ino()).ok(),
            Some(inode),
            "{what}: the attack needs B's pack to come from the same cache file"
        );
        assert_eq!(
            contents(&site.out("output")),
            before,
            "{what}: the output is untouched"
        );
    }
}

#[test]
fn a_pack_cache_restored_from_a_backup_does_not_let_a_pack_skip_the_gate() {
    // The cache is put back as it was before the change, by copying (new inodes) and by
    // moving the folder back (the very same files): either way the gate reads B's pack.
    for how in ["cp -a", "mv"] {
        let site = Site::new("gate-restore");
        two_meetings(&site, "", "2021-09-16", "");
        build_ok(site.path(), AS_OF, &[]);
        build_ok(site.path(), AS_OF, &[]);
        let cache = site.path().join(".quire-cache");
        let backup = site.path().join("cache-backup");
        let status = std::process::Command::new("cp")
            .arg("-a")
            .arg(&cache)
            .arg(&backup)
            .status()
            .unwrap();
        assert!(status.success());
        if how == "mv" {
            fs::remove_dir_all(&backup).unwrap();
            fs::rename(&cache, &backup).unwrap();
        }
        two_meetings(&site, "    exempt: [3]\n", "2021-09-16", "");
        // A refused build, then the backup put back over what it left.
        refused(&build(site.path(), AS_OF, &[]));
        let _ = fs::remove_dir_all(&cache);
        if how == "mv" {
            fs::rename(&backup, &cache).unwrap();
        } else {
            let status = std::process::Command::new("cp")
                .arg("-a")
                .arg(&backup)
                .arg(&cache)
                .status()
                .unwrap();
            assert!(status.success());
            fs::remove_dir_all(&backup).unwrap();
        }
        let err = refused(&build(site.path(), AS_OF, &[]));
        assert!(
            err.contains("committees/panel/2021-10-08/agenda-pack.pdf"),
            "{how}: {err}"
        );
    }
}

#[test]
fn identical_packs_of_two_meetings_are_two_cache_entries_and_one_going_exempt_is_caught() {
    // Two committees meet on the same day with the same paper: their packs differ only
    // in the committee. One makes the item exempt; the other's public copy is then a
    // same-day public text holding exempt words.
    let site = Site::new("gate-twins");
    site.committee("audit", "Audit Committee");
    let body = "The preferred bidder CANARY_TWIN_BIDDER offered four hundred and twelve thousand pounds for the depot";
    for c in ["panel", "audit"] {
        meeting(
            &site,
            c,
            "2021-09-24",
            "2021-09-16",
            "  - title: Sale of the depot\n    documents: [tender.md]\n",
        );
        report(
            &site,
            &format!("content/committees/{c}/2021-09-24/tender.md"),
            "Tender report",
            "",
            &format!("{body}."),
        );
    }
    build_ok(site.path(), AS_OF, &[]);
    build_ok(site.path(), AS_OF, &[]);
    let packs = list_files(&site.path().join(".quire-cache/public"))
        .into_iter()
        .filter(|f| f.ends_with(".pdf"))
        .count();
    assert_eq!(packs, 2, "one cache entry per meeting");
    let before = contents(&site.out("output"));
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Sale of the depot\n    exempt: [3]\n    documents: [tender.md]\n",
    );
    let err = refused(&build(site.path(), AS_OF, &[]));
    assert!(
        err.contains("committees/audit/2021-09-24/agenda-pack.pdf"),
        "{err}"
    );
    assert_eq!(contents(&site.out("output")), before);
}

// ------------------------------------ hand-edited cache: is the pack read, or its side file?

#[test]
fn a_cached_pack_replaced_by_hand_is_not_published_unread() {
    // Someone (or some tool) replaces a cached pack with another PDF of the same size and
    // gives it back its modification time; its `.json`, whose `text` is what the gate
    // reads, is left as it was. The PDF now shows the words of the exempt tender.
    let site = Site::new("gate-tamper");
    quoted_tender(&site);
    // No quote: the site builds.
    report(
        &site,
        &format!("{PANEL}/2021-09-24/update.md"),
        "Estate update",
        "",
        "All is well on the estate.",
    );
    build_ok(site.path(), AS_OF, &[]);
    build_ok(site.path(), AS_OF, &[]);
    let (pack, _) = cached_pack(&site, "Estate update");
    let size = fs::metadata(&pack).unwrap().len() as usize;
    let mut forged = crate::common::pdf_with_text(&format!("{TENDER}."));
    assert!(forged.len() < size);
    forged.extend(std::iter::repeat_n(b' ', size - forged.len()));
    let modified = fs::metadata(&pack).unwrap().modified().unwrap();
    fs::write(&pack, &forged).unwrap();
    fs::File::options()
        .write(true)
        .open(&pack)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let out = build(site.path(), AS_OF, &[]);
    if out.status.success() {
        let public = found_in(&site.out("output"), &owned(&["CANARY_TWICE_BIDDER"]));
        assert!(
            public.is_empty(),
            "a cached pack replaced by hand is published without the gate reading it: {public:#?}"
        );
    }
}

// ------------------------------------------- change 2: a refused pack among many, streamed

#[test]
fn a_pack_refused_midway_leaves_nothing_beside_the_output_and_the_next_build_is_right() {
    let site = Site::new("gate-stream");
    let dates = [
        ("2021-04-09", "2021-04-01"),
        ("2021-05-07", "2021-04-29"),
        ("2021-06-04", "2021-05-27"),
        ("2021-07-02", "2021-06-24"),
        ("2021-07-30", "2021-07-22"),
        ("2021-09-24", "2021-09-16"),
    ];
    let secret = "the preferred bidder CANARY_STREAM_BIDDER offered four hundred thousand pounds for the depot";
    for (date, published) in dates {
        meeting(
            &site,
            "panel",
            date,
            published,
            "  - title: Update\n    documents: [update.md]\n  - title: Award of the contract\n    exempt: [3]\n    documents: [tender.md]\n",
        );
        report(
            &site,
            &format!("{PANEL}/{date}/tender.md"),
            "Tender",
            "",
            &format!("At the meeting of {date}, {secret}."),
        );
        report(
            &site,
            &format!("{PANEL}/{date}/update.md"),
            "Update",
            "",
            &format!("All is well on {date}."),
        );
    }
    build_ok(site.path(), AS_OF, &[]);
    build_ok(site.path(), AS_OF, &[]);
    let before = contents(&site.out("output"));
    // An officer pastes the exempt words into the public update of the July meeting; its
    // pack is laid out, scanned and written to the standby copy among the others.
    let update = format!("{PANEL}/2021-07-02/update.md");
    report(
        &site,
        &update,
        "Update",
        "",
        &format!("As reported, at the meeting of 2021-07-02, {secret}."),
    );
    let err = refused(&build(site.path(), AS_OF, &[]));
    assert!(
        err.contains("committees/panel/2021-07-02/agenda-pack.pdf"),
        "{err}"
    );
    assert_eq!(
        contents(&site.out("output")),
        before,
        "the output is untouched"
    );
    let beside = outside_sources_holding(&site, "CANARY_STREAM_BIDDER");
    assert!(
        beside.is_empty(),
        "withheld words left on disk after a refused build: {beside:#?}"
    );
    // Fixed: the next builds are what a clean build of the same sources writes.
    report(&site, &update, "Update", "", "All is well in July.");
    for _ in 0..2 {
        build_ok(site.path(), AS_OF, &[]);
        let clean = TempDir::new("gate-stream-clean");
        fs::copy(
            site.path().join("site.toml"),
            clean.path().join("site.toml"),
        )
        .unwrap();
        copy_dir(&site.path().join("content"), &clean.path().join("content"));
        build_ok(clean.path(), AS_OF, &["--no-cache"]);
        assert_eq!(
            contents(&site.out("output")),
            contents(&clean.path().join("output"))
        );
    }
    assert!(outside_sources_holding(&site, "CANARY_STREAM_BIDDER").is_empty());
    // Control: the members' edition has the secret.
    assert_withheld(&site, AS_OF, &["CANARY_STREAM_BIDDER"]);
}

// ------------------------------------- a refused build's folders, and the next build's output

#[test]
fn a_refused_build_leaves_no_folder_named_with_withheld_words() {
    // An officer files a public note under a name that spells out the real title of an
    // exempt item (its public title hides it). The gate refuses the page's address; the
    // page was already written to the standby copy and is removed, but its folder stays.
    let site = Site::new("gate-folder");
    let items = |docs: &str| {
        format!(
            "  - title: Update on the estate\n    documents: [{docs}]\n  - title: Award to Zorblax Holdings Limited\n    public_title: A contract matter\n    exempt: [3]\n"
        )
    };
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        &items("update.md"),
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/update.md"),
        "Estate update",
        "",
        "All is well.",
    );
    build_ok(site.path(), AS_OF, &[]);
    build_ok(site.path(), AS_OF, &[]);
    let named = "award-to-zorblax-holdings-limited";
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        &items(&format!("update.md, {named}.md")),
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/{named}.md"),
        "Note",
        "",
        "A note.",
    );
    let err = refused(&build(site.path(), AS_OF, &[]));
    assert!(err.contains(named), "{err}");
    // The message points at the file name, not at quire.
    assert!(
        err.contains("rename it") && !err.contains("bug in quire"),
        "{err}"
    );
    // Every path beside the sources, folders included.
    let leftovers = |site: &Site| -> Vec<String> {
        walkdir::WalkDir::new(site.path())
            .into_iter()
            .flatten()
            .map(|e| {
                e.path()
                    .strip_prefix(site.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|rel| !rel.starts_with("content") && !rel.starts_with(".quire-cache"))
            .filter(|rel| rel.to_lowercase().contains("zorblax"))
            .collect()
    };
    let after_refusal = leftovers(&site);
    // The officer renames the note; the next builds succeed.
    fs::rename(
        site.path().join(format!("{PANEL}/2021-09-24/{named}.md")),
        site.path().join(format!("{PANEL}/2021-09-24/note.md")),
    )
    .unwrap();
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        &items("update.md, note.md"),
    );
    build_ok(site.path(), AS_OF, &[]);
    build_ok(site.path(), AS_OF, &[]);
    let after_fix = leftovers(&site);
    // Control: the real title is withheld matter, in no public byte but in the members'.
    assert_withheld(&site, AS_OF, &["Zorblax"]);
    assert!(
        after_refusal.is_empty() && after_fix.is_empty(),
        "withheld words in folder names: after the refusal {after_refusal:#?}, after the fix {after_fix:#?}"
    );
}

// ------------------------------------------ change 5: trees shared by library and edition

#[test]
fn the_gate_still_reads_an_exempt_minute_the_public_minutes_leave_out() {
    // The public minutes are a new tree without the exempt minute; the library's tree,
    // which the gate reads, must still hold it (and the public report beside the minutes
    // is the library's own tree, shared).
    let site = Site::new("gate-shared-tree");
    let minute = "The Panel agreed to place Child X with CANARY_SHARED_PROVIDER at a weekly cost of nine thousand pounds";
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Placement of Child X in unregistered provision\n    public_title: An individual placement\n    exempt: [1]\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/minutes.md"),
        &format!(
            "---\ntitle: Minutes of the meeting held on 24 September 2021\nkind: minutes\nstatus: approved\n---\n\n## 1 Apologies for absence\n\nNone were received from CANARY_SHARED_PUBLIC.\n\n## 2 An individual placement\n\n{minute}.\n"
        ),
    );
    assert_withheld(&site, AS_OF, &["CANARY_SHARED_PROVIDER"]);
    assert!(
        crate::common::scan::appears_in(&site.out("output"), "CANARY_SHARED_PUBLIC"),
        "control: the public minute is published"
    );
    // A later public report quotes the exempt minute: the gate must know its words.
    meeting(
        &site,
        "panel",
        "2021-10-08",
        "2021-09-30",
        "  - title: Placements update\n    documents: [placements.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-10-08/placements.md"),
        "Placements update",
        "",
        &format!("Last month, {minute}."),
    );
    let err = refused(&build(site.path(), AS_OF, &[]));
    assert!(err.contains("2021-09-24/minutes.md"), "{err}");
}

// ----------------------------------------------- change 4: the search index, shard by shard

#[test]
fn a_cached_search_shard_found_clean_before_is_scanned_again_when_the_gate_changes() {
    // 2021's shard does not change (its records, cache file and output bytes stay the
    // same): only a 2020 report becomes exempt, which 2021's public report quotes.
    let site = Site::new("gate-shard");
    let quoted = "The district valuer put the Holly Garth home at CANARY_SHARD_VALUATION pounds in the spring";
    let items = |marking: &str| {
        format!("  - title: Holly Garth valuation\n{marking}    documents: [valuation.md]\n")
    };
    meeting(&site, "panel", "2020-11-06", "2020-10-29", &items(""));
    report(
        &site,
        &format!("{PANEL}/2020-11-06/valuation.md"),
        "Valuation",
        "",
        &format!("{quoted}."),
    );
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Estate review\n    documents: [review.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/review.md"),
        "Estate review",
        "",
        &format!("As the panel heard last year, {quoted}."),
    );
    build_ok(site.path(), AS_OF, &[]);
    build_ok(site.path(), AS_OF, &[]);
    let shard = site.path().join(".quire-cache/public/search/2021-h2.bin");
    let inode = fs::metadata(&shard).unwrap().ino();
    let before = contents(&site.out("output"));
    meeting(
        &site,
        "panel",
        "2020-11-06",
        "2020-10-29",
        &items("    exempt: [3]\n"),
    );
    let err = refused(&build(site.path(), AS_OF, &[]));
    assert!(err.contains("pagefind/2021-h2/fragment/"), "{err}");
    assert_eq!(
        fs::metadata(&shard).unwrap().ino(),
        inode,
        "the attack needs 2021's shard to come from the cache"
    );
    assert_eq!(contents(&site.out("output")), before);
}

#[test]
fn an_exempt_minutes_words_in_a_public_paper_of_its_own_meeting_are_caught() {
    // The minute of an exempt item is as old as its meeting: the same words in a public
    // paper of that meeting are the leak (the one-automaton change must not excuse them).
    let site = Site::new("gate-minute-same");
    let minute = "The Panel agreed to place Child X with CANARY_SAME_PROVIDER at a weekly cost of nine thousand pounds";
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies for absence\n  - title: Update\n    documents: [update.md]\n  - title: Placement of Child X in unregistered provision\n    public_title: An individual placement\n    exempt: [1]\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/minutes.md"),
        &format!(
            "---\ntitle: Minutes of the meeting held on 24 September 2021\nkind: minutes\nstatus: approved\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Update\n\nNoted.\n\n## 3 An individual placement\n\n{minute}.\n"
        ),
    );
    report(
        &site,
        &format!("{PANEL}/2021-09-24/update.md"),
        "Update",
        "",
        &format!("For information: {minute}."),
    );
    assert_withheld_or_refused(
        &site,
        AS_OF,
        &["CANARY_SAME_PROVIDER"],
        "2021-09-24/minutes.md",
    );
    refused(&build(site.path(), AS_OF, &[]));
}
