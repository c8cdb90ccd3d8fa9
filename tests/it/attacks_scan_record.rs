//! Attacks on three changes to the leak gate and the search index:
//!
//! 1. the record in `.quire-cache/public/scanned.manifest` of every file a build the gate
//!    passed wrote, which a later public build into any output folder (a new, empty one
//!    included) trusts to skip scanning a file of the same path, bytes (or pack cache
//!    file) and gate fingerprint;
//! 2. public papers' words held as their tree and put in normal form only when the gate
//!    reads them (`Unit::words`);
//! 3. the search index made in two steps (`Index::start`, `Index::finish`), the edition
//!    dropped between them.
//!
//! Each test builds a site as an officer or a deployment would (a new output folder each
//! time, another build date, the members' edition sharing the cache, a refused build, a
//! cache restored from a backup or another copy of the site, a cached pack replaced, a
//! theme file, an `allow` entry taken out), then either expects a refusal that names the
//! file and writes nothing, or scans every public byte for `CANARY_…` tokens, with the
//! members' edition (or the same words published before the change) as the positive
//! control.
//!
//! All held when written. The record is sound because the gate's verdict on a file is a
//! function of its path, its bytes and what the fingerprint hashes (the phrases looked
//! for, withheld file names and files), and a pack cache file cannot keep its identity
//! (inode, times) once replaced. The last test is the control of the others, and a known
//! limit: a record edited by hand to carry today's fingerprint (its checksum is unkeyed)
//! is trusted, so the skip really does rest on the fingerprint.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Command, Output};

use crate::common::attack::{
    assert_built, assert_withheld, cached_pack, outside_sources_holding, owned,
};
use crate::common::scan::{appears_in, found_in, readable};
use crate::common::site::{Site, meeting};
use crate::common::{build, contents, list_files, stderr};

const PANEL: &str = "content/committees/panel";

/// After every meeting below: 6 November 2020 and 24 September 2021 are out.
const AS_OF: &str = "2021-10-10";

/// The record the public build keeps in its cache.
const RECORD: &str = ".quire-cache/public/scanned.manifest";

const CANARY: &str = "CANARY_REC_VALUATION";

/// The words of meeting A's report (2020), which meeting B's public review (2021) quotes.
const HOLLY: &str = "The valuation of the Holly Garth home by the district valuer came to CANARY_REC_VALUATION pounds last spring";

/// Meeting B's review: its page, its pack and its search shard.
const REVIEW_PAGE: &str = "committees/panel/2021-09-24/review/index.html";
const REVIEW_PACK: &str = "committees/panel/2021-09-24/agenda-pack.pdf";
const REVIEW_SHARD: &str = "pagefind/2021-h2/fragment/";

const SITE_TOML: &str = "title = \"Committee papers\"\ncouncil = \"Test Borough Council\"\nbase_url = \"https://papers.example.gov.uk\"\nlanguage = \"en-GB\"\njurisdiction = \"england\"\n";

fn report(site: &Site, rel: &str, title: &str, front: &str, body: &str) {
    site.write(
        rel,
        &format!("---\ntitle: {title}\nkind: report\n{front}---\n\n{body}\n"),
    );
}

/// Meeting A (6 November 2020, its item marked with `marking`) has the Holly Garth report;
/// meeting B (24 September 2021) has a public review quoting it, or not (`quote`). A and
/// B are in different search shards, so B's shard (and pack, and page) stays the same
/// when only A's marking changes.
fn holly(site: &Site, marking: &str, quote: bool) {
    holly_with(site, marking, "2020-10-29", "", quote);
}

/// [`holly`], with A's agenda published on `published` and `front` in its report's front
/// matter.
fn holly_with(site: &Site, marking: &str, published: &str, front: &str, quote: bool) {
    meeting(
        site,
        "panel",
        "2020-11-06",
        published,
        &format!("  - title: Holly Garth valuation\n{marking}    documents: [holly.md]\n"),
    );
    report(
        site,
        &format!("{PANEL}/2020-11-06/holly.md"),
        "Holly Garth report",
        front,
        &format!("{HOLLY}."),
    );
    meeting(
        site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Estate review\n    documents: [review.md]\n",
    );
    let body = if quote {
        format!(
            "This review follows last year's report.\n\n{HOLLY}.\n\nNo further action is needed."
        )
    } else {
        "This review follows last year's report.\n\nNo further action is needed.".to_string()
    };
    report(
        site,
        &format!("{PANEL}/2021-09-24/review.md"),
        "Estate review",
        "",
        &body,
    );
}

const EXEMPT: &str = "    exempt: [3]\n";

/// `quire build --output <site>/<folder>` (cache on unless `extra` says otherwise).
fn build_into(site: &Site, as_of: &str, folder: &str, extra: &[&str]) -> Output {
    let out = site.out(folder);
    let mut args = vec!["--output", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    build(site.path(), as_of, &args)
}

fn refused(out: &Output) -> String {
    assert!(
        !out.status.success(),
        "the build should have been refused:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(out));
    stderr(out)
}

fn record(site: &Site) -> Option<Vec<u8>> {
    fs::read(site.path().join(RECORD)).ok()
}

/// The record's entries: path → identity (hex), and its gate fingerprint.
fn record_entries(site: &Site) -> (String, BTreeMap<String, String>) {
    let text = String::from_utf8(record(site).expect("the record is kept")).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("quire output manifest 4"), "{text}");
    let gate = lines.next().unwrap().to_string();
    let mut entries = BTreeMap::new();
    let files = lines.filter(|l| !l.starts_with("end ") && !l.starts_with("folder "));
    for line in files {
        let parts: Vec<&str> = line.splitn(5, ' ').collect();
        entries.insert(parts[4].to_string(), parts[0].to_string());
    }
    (gate, entries)
}

/// What the record calls a file made in memory: SipHash-1-3 (128) of a 0 and its bytes.
fn id_of(bytes: &[u8]) -> String {
    use siphasher::sip128::{Hasher128, SipHasher13};
    use std::hash::Hasher;
    let mut h = SipHasher13::new();
    h.write_u8(0);
    h.write(bytes);
    format!("{:032x}", h.finish128().as_u128())
}

fn cp_a(from: &Path, to: &Path) {
    let status = Command::new("cp")
        .arg("-a")
        .arg(from)
        .arg(to)
        .status()
        .unwrap();
    assert!(
        status.success(),
        "cp -a {} {}",
        from.display(),
        to.display()
    );
}

/// The refusal names meeting A's report and each of B's files that quote it: its page,
/// its pack and its search fragment.
fn names_every_quote(err: &str) {
    assert!(err.contains("2020-11-06/holly.md"), "{err}");
    for file in [REVIEW_PAGE, REVIEW_PACK, REVIEW_SHARD] {
        assert!(
            err.contains(file),
            "{file} is not named, so it was not read:\n{err}"
        );
    }
}

/// The members' edition holds the canary: the public scans prove something.
fn members_hold(site: &Site, as_of: &str, canary: &str) {
    assert_built(&build(site.path(), as_of, &["--confidential"]));
    assert!(
        appears_in(&site.out("confidential"), canary),
        "the members' edition lacks {canary}, so the public scan proves nothing"
    );
}

// ------------------------------------------------------ change 1: the record in the cache

#[test]
fn a_new_output_folder_reads_again_what_the_record_vouches_for_once_its_words_are_withheld() {
    // A deployment builds into a new, empty folder each time, keeping only .quire-cache.
    // Between two builds meeting A's report becomes exempt: B's page, pack (the same
    // cache file) and 2021 search shard (from the search cache) do not change at all,
    // and the record lists each of them as found clean.
    let site = Site::new("rec-exempt");
    holly(&site, "", true);
    assert_built(&build_into(&site, AS_OF, "deploy-1", &[]));
    assert!(
        appears_in(&site.out("deploy-1"), CANARY),
        "control: the words are public before the change"
    );
    let (_, entries) = record_entries(&site);
    // The record lists exactly the files written: every one went through the outlet.
    assert_eq!(
        entries.keys().cloned().collect::<Vec<_>>(),
        list_files(&site.out("deploy-1"))
    );
    for file in [REVIEW_PAGE, REVIEW_PACK] {
        assert!(
            entries.contains_key(file),
            "the record lacks {file}: {entries:#?}"
        );
    }
    assert!(entries.keys().any(|p| p.starts_with(REVIEW_SHARD)));
    let (pack, inode) = cached_pack(&site, "Estate review");
    let shard = site.path().join(".quire-cache/public/search/2021-h2.bin");
    let shard_inode = fs::metadata(&shard).unwrap().ino();
    let kept = record(&site);

    holly(&site, EXEMPT, true);
    for folder in ["deploy-2", "deploy-3"] {
        let err = refused(&build_into(&site, AS_OF, folder, &[]));
        names_every_quote(&err);
        assert!(!site.out(folder).exists(), "a refused build wrote {folder}");
        assert_eq!(record(&site), kept, "a refused build changed the record");
    }
    assert_eq!(
        fs::metadata(&pack).unwrap().ino(),
        inode,
        "the attack needs B's pack to come from the same cache file"
    );
    assert_eq!(
        fs::metadata(&shard).unwrap().ino(),
        shard_inode,
        "the attack needs B's shard to come from the search cache"
    );
    // The attack needs B's page to be the very bytes the record vouches for: with the
    // passage allowed, the build writes them.
    site.write(
        "site.toml",
        &format!("{SITE_TOML}\n[leak_gate]\nallow = [\"{HOLLY}\"]\n"),
    );
    assert_built(&build_into(&site, AS_OF, "allowed", &[]));
    assert_eq!(
        fs::read(site.out("allowed").join(REVIEW_PAGE)).unwrap(),
        fs::read(site.out("deploy-1").join(REVIEW_PAGE)).unwrap()
    );
    site.write("site.toml", SITE_TOML);
    members_hold(&site, AS_OF, CANARY);
}

#[test]
fn a_new_output_folder_reads_again_whatever_marking_withholds_the_quoted_words() {
    // As above, for each other way an officer withholds A's report after the record was
    // kept: a public title, a draft, an agenda not yet out, a paper published later.
    let variants: [(&str, &str, &str, &str); 4] = [
        (
            "public_title",
            "    public_title: A property matter\n    exempt: [3]\n",
            "2020-10-29",
            "",
        ),
        ("draft", "", "2020-10-29", "draft: true\n"),
        ("agenda_published later", "", "2021-10-20", ""),
        (
            "published later",
            "",
            "2020-10-29",
            "published: 2021-10-20\n",
        ),
    ];
    for (what, marking, published, front) in variants {
        let site = Site::new("rec-marking");
        holly(&site, "", true);
        assert_built(&build_into(&site, AS_OF, "deploy-1", &[]));
        assert!(appears_in(&site.out("deploy-1"), CANARY), "{what}: control");
        assert!(record_entries(&site).1.contains_key(REVIEW_PAGE));
        holly_with(&site, marking, published, front, true);
        let err = refused(&build_into(&site, AS_OF, "deploy-2", &[]));
        assert!(
            err.contains("2020-11-06/holly.md") && err.contains(REVIEW_PAGE),
            "{what}: B's page is not named, so it was not read:\n{err}"
        );
        assert!(!site.out("deploy-2").exists(), "{what}");
        if what != "draft" {
            members_hold(&site, AS_OF, CANARY);
        }
    }
}

#[test]
fn an_earlier_build_date_does_not_trust_the_record_of_a_later_one() {
    // The exemption lapses on 20 October 2021. A build dated after it (a preview of next
    // week's site) publishes the words and keeps its record; the next build, dated today,
    // into a new folder, must read B's files again.
    let site = Site::new("rec-as-of");
    holly(
        &site,
        "    exempt:\n      paragraphs: [3]\n      until: 2021-10-20\n",
        true,
    );
    assert_built(&build_into(&site, "2021-10-25", "next-week", &[]));
    assert!(
        appears_in(&site.out("next-week"), CANARY),
        "control: the lapsed exemption publishes the words"
    );
    assert!(record_entries(&site).1.contains_key(REVIEW_PAGE));
    let kept = record(&site);
    let err = refused(&build_into(&site, AS_OF, "today", &[]));
    names_every_quote(&err);
    assert!(!site.out("today").exists());
    assert_eq!(record(&site), kept);
    // Into the folder of the later build, too (its manifests vouch for the same bytes).
    let before = contents(&site.out("next-week"));
    let err = refused(&build_into(&site, AS_OF, "next-week", &[]));
    assert!(err.contains(REVIEW_PAGE), "{err}");
    assert_eq!(contents(&site.out("next-week")), before);
    members_hold(&site, AS_OF, CANARY);
}

#[test]
fn a_members_build_sharing_the_cache_never_counts_as_scanned() {
    // A exempt, B clean. The members' edition is built between two public builds, with
    // the cache on; then an officer restores the members' cache folder over the public
    // one by mistake. No members' file holding the canary may be vouched for, and no
    // public build may publish it.
    let site = Site::new("rec-members");
    holly(&site, EXEMPT, false);
    assert_built(&build_into(&site, AS_OF, "public-1", &[]));
    let kept = record(&site).expect("the record is kept");
    members_hold(&site, AS_OF, CANARY);
    assert_eq!(
        record(&site),
        Some(kept),
        "a members' build changed the public record"
    );
    assert!(
        !site
            .path()
            .join(".quire-cache/confidential/scanned.manifest")
            .exists(),
        "the members' build keeps a record of files no gate read"
    );
    let (_, entries) = record_entries(&site);
    // The identity computed here is the record's: every public page is listed with it.
    let public = site.out("public-1");
    let pages: Vec<String> = list_files(&public)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(!pages.is_empty());
    for f in &pages {
        assert_eq!(
            entries.get(f),
            Some(&id_of(&fs::read(public.join(f)).unwrap())),
            "{f}"
        );
    }
    // No members' file that holds the canary is vouched for, by path and bytes.
    let members = site.out("confidential");
    let holding: Vec<String> = list_files(&members)
        .into_iter()
        .filter(|f| {
            readable(&members.join(f))
                .iter()
                .any(|t| t.contains(CANARY))
        })
        .collect();
    assert!(
        !holding.is_empty(),
        "control: the members' edition holds the canary"
    );
    for f in &holding {
        let id = id_of(&fs::read(members.join(f)).unwrap());
        assert_ne!(
            entries.get(f),
            Some(&id),
            "the record vouches for the members' {f}"
        );
    }
    // A public build into a new folder after the members' build.
    assert_built(&build_into(&site, AS_OF, "public-2", &[]));
    let leaked = found_in(&site.out("public-2"), &owned(&[CANARY]));
    assert!(leaked.is_empty(), "{leaked:#?}");
    // The members' cache restored over the public one (search shards of the same names).
    let conf_cache = site.path().join(".quire-cache/confidential");
    for f in list_files(&conf_cache) {
        let to = site.path().join(".quire-cache/public").join(&f);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(conf_cache.join(&f), &to).unwrap();
    }
    for folder in ["public-3", "output"] {
        let out = build_into(&site, AS_OF, folder, &[]);
        if out.status.success() {
            let leaked = found_in(&site.out(folder), &owned(&[CANARY]));
            assert!(leaked.is_empty(), "{folder}: {leaked:#?}");
        } else {
            refused(&out);
            assert!(!site.out(folder).exists());
        }
    }
    let beside: Vec<String> = outside_sources_holding(&site, CANARY)
        .into_iter()
        .filter(|f| !f.starts_with("confidential/") && !f.starts_with(".confidential"))
        .collect();
    assert!(beside.is_empty(), "{beside:#?}");
}

#[test]
fn a_refused_build_leaves_the_record_as_it_was_and_the_words_nowhere() {
    // A exempt. An officer pastes its words into B's review; the build into a new folder
    // is refused; a second try into another new folder is refused too; the officer takes
    // the words out and the next build publishes nothing of them.
    let site = Site::new("rec-refused");
    holly(&site, EXEMPT, false);
    assert_built(&build_into(&site, AS_OF, "deploy-1", &[]));
    let kept = record(&site);
    holly(&site, EXEMPT, true);
    for folder in ["deploy-2", "deploy-3"] {
        let err = refused(&build_into(&site, AS_OF, folder, &[]));
        names_every_quote(&err);
        assert_eq!(record(&site), kept);
    }
    let beside = outside_sources_holding(&site, CANARY);
    assert!(beside.is_empty(), "withheld words on disk: {beside:#?}");
    holly(&site, EXEMPT, false);
    assert_built(&build_into(&site, AS_OF, "deploy-4", &[]));
    assert!(outside_sources_holding(&site, CANARY).is_empty());
    // A build without the cache neither reads nor keeps the record.
    let kept = record(&site);
    holly(&site, EXEMPT, true);
    refused(&build_into(&site, AS_OF, "deploy-5", &["--no-cache"]));
    assert_eq!(record(&site), kept);
    holly(&site, EXEMPT, false);
    assert_built(&build_into(&site, AS_OF, "deploy-6", &["--no-cache"]));
    assert_eq!(
        record(&site),
        kept,
        "a build without the cache kept a record"
    );
    members_hold(&site, AS_OF, CANARY);
}

#[test]
fn a_cache_restored_from_before_the_change_or_copied_from_another_copy_of_the_site_is_not_trusted()
{
    // The record (with the packs and search shards) comes back from a backup taken while
    // A's report was public, by copying or moving it back; or from another checkout of
    // the site where A is still public (a CI cache shared between branches).
    for how in ["cp -a", "mv", "another checkout"] {
        let site = Site::new("rec-restore");
        let other = Site::new("rec-other");
        let source = if how == "another checkout" {
            &other
        } else {
            &site
        };
        holly(source, "", true);
        assert_built(&build_into(source, AS_OF, "deploy-1", &[]));
        assert!(
            appears_in(&source.out("deploy-1"), CANARY),
            "{how}: control"
        );
        let backup = site.path().join("cache-backup");
        cp_a(&source.path().join(".quire-cache"), &backup);
        holly(&site, EXEMPT, true);
        refused(&build_into(&site, AS_OF, "deploy-2", &[]));
        let cache = site.path().join(".quire-cache");
        let _ = fs::remove_dir_all(&cache);
        if how == "mv" {
            fs::rename(&backup, &cache).unwrap();
        } else {
            cp_a(&backup, &cache);
            fs::remove_dir_all(&backup).unwrap();
        }
        assert!(
            site.path().join(RECORD).exists(),
            "{how}: the record is back"
        );
        let err = refused(&build_into(&site, AS_OF, "deploy-3", &[]));
        assert!(
            err.contains(REVIEW_PAGE) && err.contains(REVIEW_SHARD),
            "{how}: {err}"
        );
        assert!(!site.out("deploy-3").exists());
        members_hold(&site, AS_OF, CANARY);
    }
}

#[test]
fn an_allowed_passage_taken_out_of_the_allow_list_is_read_again_in_a_new_folder() {
    // The words are exempt but listed under `allow` (the officer decided they may be
    // public). The build publishes them and keeps its record. The monitoring officer
    // disagrees and the entry is taken out: B's files are the same bytes as before.
    let site = Site::new("rec-allow");
    holly(&site, EXEMPT, true);
    site.write(
        "site.toml",
        &format!("{SITE_TOML}\n[leak_gate]\nallow = [\"{HOLLY}\"]\n"),
    );
    assert_built(&build_into(&site, AS_OF, "deploy-1", &[]));
    assert!(
        appears_in(&site.out("deploy-1"), CANARY),
        "control: allowed, so published"
    );
    site.write("site.toml", SITE_TOML);
    let err = refused(&build_into(&site, AS_OF, "deploy-2", &[]));
    names_every_quote(&err);
    assert!(!site.out("deploy-2").exists());
}

#[test]
fn a_cached_pack_replaced_by_hand_is_not_published_through_the_record() {
    // A exempt, B clean: B's pack is vouched for by the record as the cache file it came
    // from. The cache file is then replaced by a PDF of the same size and modification
    // time that shows A's words; the next build goes to a new folder.
    let site = Site::new("rec-pack");
    holly(&site, EXEMPT, false);
    assert_built(&build_into(&site, AS_OF, "deploy-1", &[]));
    assert!(record_entries(&site).1.contains_key(REVIEW_PACK));
    let (pack, _) = cached_pack(&site, "Estate review");
    let size = fs::metadata(&pack).unwrap().len() as usize;
    let mut forged = crate::common::pdf_with_text(&format!("{HOLLY}."));
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
    assert!(
        readable(&pack).iter().any(|t| t.contains(CANARY)),
        "control: the forged pack shows the words"
    );
    let out = build_into(&site, AS_OF, "deploy-2", &[]);
    if out.status.success() {
        let leaked = found_in(&site.out("deploy-2"), &owned(&[CANARY]));
        assert!(
            leaked.is_empty(),
            "a replaced cached pack was published: {leaked:#?}"
        );
    } else {
        refused(&out);
        assert!(!site.out("deploy-2").exists());
    }
    members_hold(&site, AS_OF, CANARY);
}

#[test]
fn a_theme_file_found_clean_is_read_again_when_its_words_become_exempt() {
    // A theme override publishes a notice quoting A's report while it is public; the
    // file does not change when A becomes exempt.
    let site = Site::new("rec-theme");
    holly(&site, "", false);
    site.write("themes/default/static/notice.txt", &format!("{HOLLY}.\n"));
    assert_built(&build_into(&site, AS_OF, "deploy-1", &[]));
    assert!(
        fs::read_to_string(site.out("deploy-1").join("static/notice.txt"))
            .unwrap()
            .contains(CANARY),
        "control: the theme's notice is published"
    );
    assert!(record_entries(&site).1.contains_key("static/notice.txt"));
    holly(&site, EXEMPT, false);
    let err = refused(&build_into(&site, AS_OF, "deploy-2", &[]));
    assert!(err.contains("static/notice.txt"), "{err}");
    assert!(!site.out("deploy-2").exists());
    // The officer takes the notice out of the theme.
    fs::remove_file(site.path().join("themes/default/static/notice.txt")).unwrap();
    assert_built(&build_into(&site, AS_OF, "deploy-3", &[]));
    assert!(found_in(&site.out("deploy-3"), &owned(&[CANARY])).is_empty());
    members_hold(&site, AS_OF, CANARY);
}

// ------------------------------------------ change 2: public papers' words made when read

/// Sixteen words of a report template, and a secret in a paragraph of its own.
const TEMPLATE: &str = "The Panel considered the report of the Director of Children's Services on the matters set out below";
const SECRET: &str = "The preferred provider CANARY_TREE_PROVIDER charges nine thousand pounds a week for each placement";

/// July: a public paper with the template line (minutes approved on 30 July), as a report (`minutes` false) or in the
/// public part of minutes that also minute an exempt item (split by the gate). September:
/// an exempt tender with the template and the secret, and a public update with `update`.
fn template_site(site: &Site, july: Option<bool>, update: &str) {
    match july {
        None => {}
        Some(false) => {
            meeting(
                site,
                "panel",
                "2021-07-02",
                "2021-06-24",
                "  - title: Review of placements\n    documents: [review.md]\n",
            );
            report(
                site,
                &format!("{PANEL}/2021-07-02/review.md"),
                "Review of placements",
                "",
                &format!("{TEMPLATE}."),
            );
        }
        Some(true) => {
            meeting(
                site,
                "panel",
                "2021-07-02",
                "2021-06-24",
                "  - title: Review of placements\n  - title: Placement of Child Y\n    public_title: An individual placement\n    exempt: [1]\n",
            );
            site.write(
                &format!("{PANEL}/2021-07-02/minutes.md"),
                &format!(
                    "---\ntitle: Minutes of the meeting held on 2 July 2021\nkind: minutes\nstatus: approved\n---\n\n## 1 Review of placements\n\n{TEMPLATE}.\n\n## 2 An individual placement\n\nThe Panel agreed the placement of Child Y with CANARY_TREE_MINUTE at a weekly cost of eleven thousand pounds.\n"
                ),
            );
        }
    }
    // Minutes count as written at the next meeting, where they are approved: this one,
    // before September's.
    meeting(
        site,
        "panel",
        "2021-07-30",
        "2021-07-22",
        "  - title: Apologies for absence\n",
    );
    meeting(
        site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Update on placements\n    documents: [update.md]\n  - title: Award of the placements contract\n    exempt: [3]\n    documents: [tender.md]\n",
    );
    report(
        site,
        &format!("{PANEL}/2021-09-24/tender.md"),
        "Tender report",
        "",
        &format!("{TEMPLATE}.\n\n{SECRET}."),
    );
    report(
        site,
        &format!("{PANEL}/2021-09-24/update.md"),
        "Update on placements",
        "",
        update,
    );
}

#[test]
fn a_public_papers_words_still_excuse_template_wording_and_still_name_the_leak() {
    // The July paper is public: its words are read from its tree (a report) or from the
    // minutes left once the exempt minute is taken out (split_minutes). Either excuses the
    // template line in September's exempt tender, which the public update repeats.
    for minutes in [false, true] {
        let what = if minutes { "minutes" } else { "report" };
        let site = Site::new("rec-template");
        template_site(&site, Some(minutes), &format!("{TEMPLATE}."));
        assert_withheld(&site, AS_OF, &["CANARY_TREE_PROVIDER"]);
        if minutes {
            assert_withheld(&site, AS_OF, &["CANARY_TREE_MINUTE"]);
        }
        // Control: without July's public words, the template line is a leak. So July's
        // words were read.
        let site = Site::new("rec-template-none");
        template_site(&site, None, &format!("{TEMPLATE}."));
        let err = refused(&build(site.path(), AS_OF, &[]));
        assert!(err.contains("2021-09-24/tender.md"), "{what}: {err}");
        // The update quoting the secret is caught, and the message names it as the public
        // paper with the same words (keep_distinctive read the update's words too).
        let site = Site::new("rec-template-leak");
        template_site(
            &site,
            Some(minutes),
            &format!("{TEMPLATE}.\n\nFor information: {SECRET}."),
        );
        let err = refused(&build(site.path(), AS_OF, &[]));
        assert!(err.contains("2021-09-24/tender.md"), "{what}: {err}");
        assert!(
            err.contains("2021-09-24/update.md is public and has the same words"),
            "{what}: the public paper is not named, so its words were not read:\n{err}"
        );
        assert!(!err.contains("bug in quire"), "{what}: {err}");
    }
}

#[test]
fn an_exempt_minute_quoted_in_a_later_public_report_is_caught_and_named() {
    // The exempt minute is a unit made by split_minutes; the later public report is read
    // through its tree. The message names both.
    let site = Site::new("rec-minute");
    template_site(&site, Some(true), "All is well.");
    assert_withheld(&site, AS_OF, &["CANARY_TREE_MINUTE"]);
    let before = contents(&site.out("output"));
    report(
        &site,
        &format!("{PANEL}/2021-09-24/update.md"),
        "Update on placements",
        "",
        "In July the Panel agreed the placement of Child Y with CANARY_TREE_MINUTE at a weekly cost of eleven thousand pounds.",
    );
    let err = refused(&build(site.path(), AS_OF, &[]));
    assert!(err.contains("2021-07-02/minutes.md"), "{err}");
    assert!(
        err.contains("2021-09-24/update.md is public and has the same words"),
        "{err}"
    );
    assert_eq!(
        contents(&site.out("output")),
        before,
        "the output is untouched"
    );
}

// --------------------------------------------- change 3: the search index in two steps

#[test]
fn the_search_index_holds_only_public_words_made_fresh_from_the_cache_or_in_a_new_folder() {
    // A exempt (its report and its public title's real title), B clean. The index is made
    // without a cache, with one (all shards indexed in `finish`), from it (all shards
    // handed over in `start`), and into a new folder trusting the record.
    let site = Site::new("rec-search");
    holly(
        &site,
        "    public_title: A property matter\n    exempt: [3]\n",
        false,
    );
    meeting(
        &site,
        "panel",
        "2020-11-06",
        "2020-10-29",
        "  - title: Sale of the CANARY_REC_TITLE childrens home\n    public_title: A property matter\n    exempt: [3]\n    documents: [holly.md]\n",
    );
    let canaries = owned(&[CANARY, "CANARY_REC_TITLE"]);
    let mut indexes = Vec::new();
    for (folder, extra) in [
        ("fresh", &["--no-cache"][..]),
        ("first", &[][..]),
        ("cached", &[][..]),
        ("cached-again", &[][..]),
    ] {
        assert_built(&build_into(&site, AS_OF, folder, extra));
        let text = crate::common::search::all_text(&site.out(folder));
        for c in &canaries {
            assert!(
                !text.contains(c.as_str()),
                "{folder}: {c} in the search index"
            );
        }
        let leaked = found_in(&site.out(folder), &canaries);
        assert!(leaked.is_empty(), "{folder}: {leaked:#?}");
        indexes.push(contents(&site.out(folder).join("pagefind")));
    }
    assert!(
        indexes.windows(2).all(|w| w[0] == w[1]),
        "the index differs between a fresh build and one from the cache"
    );
    // Control: the members' index holds both.
    assert_built(&build(site.path(), AS_OF, &["--confidential"]));
    let text = crate::common::search::all_text(&site.out("confidential"));
    for c in &canaries {
        assert!(
            text.contains(c.as_str()),
            "control: the members' index lacks {c}"
        );
    }
    // And after the members' build, the public index from the cache is still public.
    assert_built(&build_into(&site, AS_OF, "after-members", &[]));
    assert_eq!(
        contents(&site.out("after-members").join("pagefind")),
        indexes[0]
    );
}

#[test]
fn a_leak_in_a_shard_indexed_in_finish_is_read_by_the_gate() {
    // A and B both in 2021: B's quote changes 2021's shard, which waits for `finish` (the
    // edition gone) to be indexed. Its fragment must still be scanned, with and without
    // the cache, into a new folder.
    let site = Site::new("rec-finish");
    meeting(
        &site,
        "panel",
        "2021-07-02",
        "2021-06-24",
        "  - title: Holly Garth valuation\n    exempt: [3]\n    documents: [holly.md]\n",
    );
    report(
        &site,
        &format!("{PANEL}/2021-07-02/holly.md"),
        "Holly Garth report",
        "",
        &format!("{HOLLY}."),
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
        "No further action is needed.",
    );
    assert_built(&build_into(&site, AS_OF, "deploy-1", &[]));
    report(
        &site,
        &format!("{PANEL}/2021-09-24/review.md"),
        "Estate review",
        "",
        &format!("As reported in July, {HOLLY}.\n\nNo further action is needed."),
    );
    for (folder, extra) in [("deploy-2", &[][..]), ("deploy-3", &["--no-cache"][..])] {
        let err = refused(&build_into(&site, AS_OF, folder, extra));
        assert!(err.contains("2021-07-02/holly.md"), "{folder}: {err}");
        assert!(
            err.contains(REVIEW_SHARD),
            "{folder}: the fragment is not read:\n{err}"
        );
        assert!(!site.out(folder).exists());
    }
    assert!(outside_sources_holding(&site, CANARY).is_empty());
    members_hold(&site, AS_OF, CANARY);
}

#[test]
fn two_builds_at_once_sharing_the_cache_never_let_the_other_dates_record_vouch_for_a_leak() {
    // A deployment builds next week's preview and today's site at the same time, into two
    // folders (each locked on its own) sharing .quire-cache: the record, the packs and the
    // search shards. Next week the exemption has lapsed and the words are public; today
    // they are not, and today's build must never publish them.
    let site = Site::new("rec-race");
    holly(
        &site,
        "    exempt:\n      paragraphs: [3]\n      until: 2021-10-20\n",
        true,
    );
    let spawn = |as_of: &str, folder: &str| {
        let out = site.out(folder);
        crate::common::quire()
            .arg("build")
            .arg("--root")
            .arg(site.path())
            .arg("--as-of")
            .arg(as_of)
            .arg("--output")
            .arg(&out)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut previews = Vec::new();
    for round in 0..4 {
        let late = spawn("2021-10-25", &format!("preview-{round}"));
        let early = spawn(AS_OF, &format!("today-{round}"));
        let (late, early) = (
            late.wait_with_output().unwrap(),
            early.wait_with_output().unwrap(),
        );
        if late.status.success() {
            previews.push(format!("preview-{round}"));
        }
        assert!(
            !early.status.success(),
            "round {round}: today's build published the exempt words"
        );
        assert_eq!(early.status.code(), Some(1), "{}", stderr(&early));
        let today = site.out(&format!("today-{round}"));
        assert!(
            !today.exists() || found_in(&today, &owned(&[CANARY])).is_empty(),
            "round {round}"
        );
    }
    // Control: next week's builds publish the words (and keep their record).
    assert!(
        !previews.is_empty(),
        "no preview built, so nothing was recorded"
    );
    for p in &previews {
        assert!(appears_in(&site.out(p), CANARY), "{p}");
    }
    eprintln!("previews built: {}", previews.len());
    let err = refused(&build_into(&site, AS_OF, "today", &[]));
    names_every_quote(&err);
    members_hold(&site, AS_OF, CANARY);
}

// ------------------------------------------- the control of the attacks above: a forgery

/// A manifest's text with its end line: the count and an (unkeyed) SipHash of the rest.
fn sealed(body: &str, count: usize) -> String {
    use siphasher::sip128::{Hasher128, SipHasher13};
    use std::hash::Hasher;
    let mut h = SipHasher13::new();
    h.write(body.as_bytes());
    format!("{body}\nend {count} {:032x}\n", h.finish128().as_u128())
}

#[test]
fn the_record_alone_decides_the_skip_so_a_forged_one_is_trusted() {
    // The positive control of the attacks above, and a known limit (docs/building.md,
    // "The leak gate"): the skip rests on the record alone. The record of
    // a build where A was public (B's page, pack and 2021 shard quoting it) is given, by
    // hand, the fingerprint of today's gate (read from the manifest beside a build
    // without the cache). The checksum is unkeyed, so anyone who can write .quire-cache
    // can seal it again. The same holds of the pack cache (a PDF and a .json written to
    // match) and of the manifests beside the output folder: the cache and the folders
    // beside the output are trusted, as before this change.
    let site = Site::new("rec-forged");
    holly(&site, "", true);
    assert_built(&build_into(&site, AS_OF, "deploy-1", &[]));
    assert!(appears_in(&site.out("deploy-1"), CANARY), "control");
    // Today's gate fingerprint, from a build that writes no record.
    holly(&site, EXEMPT, false);
    assert_built(&build_into(&site, AS_OF, "deploy-2", &["--no-cache"]));
    let beside = list_files(site.path())
        .into_iter()
        .find(|f| f.starts_with(".deploy-2.manifest-"))
        .expect("the manifest beside deploy-2");
    let manifest = fs::read_to_string(site.path().join(beside)).unwrap();
    let today = manifest.lines().nth(1).unwrap().to_string();
    assert!(today.starts_with("gate "), "{manifest}");
    let text = String::from_utf8(record(&site).unwrap()).unwrap();
    let (body, end) = text.strip_suffix('\n').unwrap().rsplit_once('\n').unwrap();
    let count: usize = end.split(' ').nth(1).unwrap().parse().unwrap();
    let mut lines: Vec<&str> = body.lines().collect();
    assert_ne!(lines[1], today, "the gate changed");
    lines[1] = &today;
    fs::write(site.path().join(RECORD), sealed(&lines.join("\n"), count)).unwrap();
    // Today, B quotes the exempt report: the same bytes the forged record lists. Without
    // the cache the gate reads them and refuses; with the forged record it skips them.
    holly(&site, EXEMPT, true);
    let unforged = build_into(&site, AS_OF, "deploy-3", &["--no-cache"]);
    assert!(!unforged.status.success(), "the gate reads B's files");
    let out = build_into(&site, AS_OF, "deploy-4", &[]);
    assert_built(&out);
    let leaked = found_in(&site.out("deploy-4"), &owned(&[CANARY]));
    assert!(
        !leaked.is_empty(),
        "the forged record was not trusted: the refusals above come from something else"
    );
}
