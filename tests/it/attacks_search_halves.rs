//! Round 10 of the red team: the newest year's search index in halves
//! (`pagefind/<year>-h1/`, January to June, and `-h2/`, July to December), the former
//! newest year made one shard (`pagefind/<year>/`) again when a newer year's papers are
//! out, each shard cached in `.quire-cache/public/search/<name>.bin`.
//!
//! Each test builds a small site as an officer would change it between builds: a
//! meeting's date moved across the half boundary (30 June to 1 July) or across the new
//! year while its item is marked exempt, a newer year added or taken out while an item
//! turns exempt, an item deferred to the next meeting across the boundary, a paper made
//! a draft, a cache restored under other shards' names, the members' edition's cache
//! copied into the public one, a refused build followed by a fixed one. Each then reads
//! every public byte (the index's gzip-compressed files decompressed) for the canary,
//! with a positive control: the same canary in the public index before it was withheld
//! (in the shard expected) and in the members' edition.
//!
//! All held when written: a shard's records are made from the redacted public edition,
//! its cache key hashes its folder's name with its records (so a cache file under another
//! shard's name, or the members' edition's, is never used), and the writer removes the
//! folders of shards no longer made.

use std::fs;

use crate::common::attack::{assert_built, outside_sources_holding};
use crate::common::scan::{appears_in, found_in, readable};
use crate::common::site::Site;
use crate::common::{build, list_files, stderr};

/// After every meeting below.
const AS_OF: &str = "2023-03-01";

/// The public search cache.
const CACHE: &str = ".quire-cache/public/search";

/// The exempt marking of an item, as `meeting.yaml` writes it.
const EXEMPT: &str = "    exempt: [3]\n";

/// A secret sentence long enough for the leak gate to know it, holding `canary`.
fn secret(canary: &str) -> String {
    format!(
        "The preferred bidder {canary} Holdings offered four hundred and twelve thousand pounds for the old depot site on Mill Lane"
    )
}

/// A meeting of `committee` on `date` whose agenda was published on `published`, with
/// `items` (YAML).
fn meeting(site: &Site, committee: &str, date: &str, published: &str, items: &str) {
    site.write(
        &format!("content/committees/{committee}/{date}/meeting.yaml"),
        &format!("date: {date}\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: scheduled\nagenda_published: {published}\nitems:\n{items}"),
    );
}

/// An item "Sale of the depot" (marked with `marking`) whose body and report
/// (`tender.md` in the meeting's folder) hold the secret with `canary`.
fn depot_item(site: &Site, committee: &str, date: &str, marking: &str, canary: &str) -> String {
    report(
        site,
        &format!("content/committees/{committee}/{date}/tender.md"),
        "Tender report",
        "",
        &format!("{}.", secret(canary)),
    );
    format!(
        "  - title: Sale of the depot\n{marking}    body: {}.\n    documents: [tender.md]\n",
        secret(canary)
    )
}

/// A plain public item.
const APOLOGIES: &str =
    "  - title: Apologies for absence\n    body: Apologies were received from the vice-chair.\n";

fn report(site: &Site, rel: &str, title: &str, front: &str, body: &str) {
    site.write(
        rel,
        &format!("---\ntitle: {title}\nkind: report\n{front}---\n\n{body}\n"),
    );
}

/// Removes a meeting's folder.
fn remove_meeting(site: &Site, committee: &str, date: &str) {
    fs::remove_dir_all(
        site.path()
            .join(format!("content/committees/{committee}/{date}")),
    )
    .unwrap();
}

/// The panel's meeting of `from` taken out, and one of `to` (its agenda out on
/// `published`) made with the depot item, marked with `marking`: an officer moving a
/// meeting, and perhaps withholding its item in the same edit.
fn move_item(site: &Site, from: &str, to: &str, published: &str, marking: &str, canary: &str) {
    remove_meeting(site, "panel", from);
    let items = depot_item(site, "panel", to, marking, canary);
    meeting(site, "panel", to, published, &items);
}

/// Builds the public site, checks its shards are `shards` (newest first) and that the
/// canary is nowhere in it.
fn withheld_in_shards(site: &Site, canary: &str, shards: &[&str]) {
    public_build(site);
    assert_eq!(listed(site), shards);
    withheld(site, canary);
}

fn public_build(site: &Site) {
    assert_built(&build(site.path(), AS_OF, &[]));
}

/// The shards (`2021-h1`, `2021`, or `` for the site's own) of the public index whose
/// files hold `canary`, decompressed.
fn shards_holding(site: &Site, canary: &str) -> Vec<String> {
    let dir = site.out("output").join("pagefind");
    let mut out: Vec<String> = list_files(&dir)
        .into_iter()
        .filter(|f| readable(&dir.join(f)).iter().any(|t| t.contains(canary)))
        .map(|f| match f.split_once('/') {
            Some((first, _)) if first.chars().next().is_some_and(|c| c.is_ascii_digit()) => {
                first.to_string()
            }
            _ => String::new(),
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The shards `pagefind/quire.json` lists, newest first.
fn listed(site: &Site) -> Vec<String> {
    crate::common::search::shards(&site.out("output"))
}

/// The control: the canary is public now, in the index's `shard` folder.
fn public_in_shard(site: &Site, canary: &str, shard: &str) {
    public_build(site);
    assert_eq!(
        shards_holding(site, canary),
        [shard],
        "the control: {canary} should be in the public index's {shard} shard"
    );
}

/// No byte of the public output (the index decompressed) holds the canary, nor does the
/// public search cache; and the members' edition holds it, so the scan proves something.
fn withheld(site: &Site, canary: &str) {
    let hits = found_in(&site.out("output"), &[canary.to_string()]);
    assert!(
        hits.is_empty(),
        "withheld matter in the public build: {hits:#?}"
    );
    let cached = found_in(&site.path().join(CACHE), &[canary.to_string()]);
    assert!(
        cached.is_empty(),
        "withheld matter kept in the public search cache: {cached:#?}"
    );
    assert_built(&build(site.path(), AS_OF, &["--confidential"]));
    assert!(
        appears_in(&site.out("confidential"), canary),
        "the members' edition lacks {canary}, so the public scan proves nothing"
    );
}

/// The cache file names in the public search cache.
fn cache_names(site: &Site) -> Vec<String> {
    list_files(&site.path().join(CACHE))
}

// ------------------------------------------------------- a meeting across the half line

/// A meeting of 30 June moved to 1 July (the first half to the second) while its item is
/// marked exempt, and one of 1 July moved to 30 June, each beside a meeting that keeps
/// its half alive.
/// The panel's meeting of `date` (its agenda out on `published`) with the depot item
/// public; checks the canary is public in `shard`.
fn item_public_in(site: &Site, date: &str, published: &str, canary: &str, shard: &str) {
    let items = depot_item(site, "panel", date, "", canary);
    meeting(site, "panel", date, published, &items);
    public_in_shard(site, canary, shard);
}

/// The panel's meeting of 30 June 2021 with the depot item public, and one of 15
/// September 2021 (so 2021 has both halves); checks the canary is public in `2021-h1`.
fn both_halves_with_the_item_public(site: &Site, canary: &str) {
    meeting(site, "panel", "2021-09-15", "2021-09-01", APOLOGIES);
    item_public_in(site, "2021-06-30", "2021-06-20", canary, "2021-h1");
}

#[test]
fn a_meeting_moved_across_the_half_line_as_its_item_turns_exempt_publishes_nothing() {
    // (from, to, the other meeting, the shard before, the shards after)
    let moves = [
        (
            "2021-06-30",
            "2021-07-01",
            "2021-03-10",
            "2021-h1",
            ["2021-h2", "2021-h1"],
        ),
        (
            "2021-07-01",
            "2021-06-30",
            "2021-10-20",
            "2021-h2",
            ["2021-h2", "2021-h1"],
        ),
    ];
    for (i, (from, to, other, before, after)) in moves.into_iter().enumerate() {
        let canary = ["CANARY_HALF_JUNE_JULY", "CANARY_HALF_JULY_JUNE"][i];
        let site = Site::new("halves-move");
        meeting(&site, "panel", other, "2021-01-05", APOLOGIES);
        let items = depot_item(&site, "panel", from, "", canary);
        meeting(&site, "panel", from, "2021-06-20", &items);
        public_in_shard(&site, canary, before);

        move_item(&site, from, to, "2021-06-20", EXEMPT, canary);
        public_build(&site);
        assert_eq!(listed(&site), after, "{from} to {to}");
        withheld(&site, canary);
    }
}

// ------------------------------------------------------------- a newer year, and back

/// The first build publishes the item in `2021-h1`; a meeting in 2022 makes 2021 one
/// shard (the item still public, in `2021/`); then the 2022 meeting is taken out while
/// the item is marked exempt, so `2021-h1` comes back: the first build's `2021-h1`
/// folder, kept in the writer's standby copy, and its cache file must not come back
/// with it. Then the newer year again, with the item still exempt.
#[test]
fn a_newer_year_added_and_taken_out_as_an_item_turns_exempt_publishes_nothing() {
    let canary = "CANARY_HALF_ROLLOVER";
    let site = Site::new("halves-rollover");
    both_halves_with_the_item_public(&site, canary);

    meeting(&site, "panel", "2022-07-12", "2022-07-01", APOLOGIES);
    public_in_shard(&site, canary, "2021");
    assert_eq!(listed(&site), ["2022-h2", "2021"]);
    assert!(!cache_names(&site).contains(&"2021-h1.bin".to_string()));

    // The newer year taken out, the item exempt at once.
    move_item(
        &site,
        "2022-07-12",
        "2021-06-30",
        "2021-06-20",
        EXEMPT,
        canary,
    );
    withheld_in_shards(&site, canary, &["2021-h2", "2021-h1"]);

    // A newer year once more, the item still exempt: 2021 one shard again.
    meeting(&site, "panel", "2022-02-02", "2022-01-20", APOLOGIES);
    withheld_in_shards(&site, canary, &["2022-h1", "2021"]);
}

// ------------------------------------------------------------- across the new year

/// A meeting of 31 December 2021 moved to 1 January 2022 while its item turns exempt:
/// 2022 becomes the newest year (`2022-h1`) and 2021 one shard; then moved back, still
/// exempt, so 2021 is in halves again and `2022-h1` and `2021` go.
#[test]
fn a_meeting_moved_into_a_new_year_and_back_as_its_item_turns_exempt_publishes_nothing() {
    let canary = "CANARY_HALF_NEW_YEAR";
    let site = Site::new("halves-new-year");
    meeting(&site, "panel", "2021-05-05", "2021-04-20", APOLOGIES);
    item_public_in(&site, "2021-12-31", "2021-12-20", canary, "2021-h2");

    move_item(
        &site,
        "2021-12-31",
        "2022-01-01",
        "2021-12-20",
        EXEMPT,
        canary,
    );
    withheld_in_shards(&site, canary, &["2022-h1", "2021"]);

    move_item(
        &site,
        "2022-01-01",
        "2021-12-31",
        "2021-12-20",
        EXEMPT,
        canary,
    );
    public_build(&site);
    assert_eq!(listed(&site), ["2021-h2", "2021-h1"]);
    assert_eq!(
        cache_names(&site),
        ["2021-h1.bin", "2021-h2.bin", "site.bin"]
    );
    withheld(&site, canary);
}

// ----------------------------------------------------- two meetings on the half line

/// The item is public at the panel's meeting of 30 June; it is deferred to the audit
/// committee's meeting of 1 July (the other half) and marked exempt there, in one edit;
/// then the 30 June meeting is taken out, leaving the first half empty.
#[test]
fn an_item_deferred_across_the_half_line_and_made_exempt_publishes_nothing() {
    let canary = "CANARY_HALF_DEFERRED";
    let site = Site::new("halves-deferred");
    site.committee("audit", "Audit Committee");
    let items = depot_item(&site, "panel", "2021-06-30", "", canary);
    meeting(
        &site,
        "panel",
        "2021-06-30",
        "2021-06-20",
        &format!("{APOLOGIES}{items}"),
    );
    meeting(&site, "audit", "2021-07-01", "2021-06-21", APOLOGIES);
    public_in_shard(&site, canary, "2021-h1");

    // Deferred: gone from 30 June (its report moves with it), exempt on 1 July.
    meeting(&site, "panel", "2021-06-30", "2021-06-20", APOLOGIES);
    fs::remove_file(
        site.path()
            .join("content/committees/panel/2021-06-30/tender.md"),
    )
    .unwrap();
    let items = depot_item(&site, "audit", "2021-07-01", EXEMPT, canary);
    meeting(
        &site,
        "audit",
        "2021-07-01",
        "2021-06-21",
        &format!("{APOLOGIES}{items}"),
    );
    withheld_in_shards(&site, canary, &["2021-h2", "2021-h1"]);

    // The first half emptied: only `2021-h2` is left, and `2021-h1` goes everywhere.
    remove_meeting(&site, "panel", "2021-06-30");
    public_build(&site);
    assert_eq!(listed(&site), ["2021-h2"]);
    assert!(list_files(&site.out("output").join("pagefind/2021-h1")).is_empty());
    assert_eq!(cache_names(&site), ["2021-h2.bin", "site.bin"]);
    withheld(&site, canary);
}

// ---------------------------------------------------------------------------- a draft

/// A report public at the meeting of 30 June is made a draft while the meeting moves to
/// 1 July, and the first half is left empty; then a newer year makes 2021 one shard.
#[test]
fn a_paper_made_draft_as_its_meeting_crosses_the_half_line_publishes_nothing() {
    let canary = "CANARY_HALF_DRAFT";
    let site = Site::new("halves-draft");
    let tender = |date: &str, front: &str| {
        report(
            &site,
            &format!("content/committees/panel/{date}/tender.md"),
            "Tender report",
            front,
            &format!("{}.", secret(canary)),
        );
        meeting(
            &site,
            "panel",
            date,
            "2021-06-20",
            "  - title: Sale of the depot\n    documents: [tender.md]\n",
        );
    };
    tender("2021-06-30", "");
    public_in_shard(&site, canary, "2021-h1");

    remove_meeting(&site, "panel", "2021-06-30");
    tender("2021-07-01", "draft: true\n");
    withheld_in_shards(&site, canary, &["2021-h2"]);

    meeting(&site, "panel", "2022-03-03", "2022-02-20", APOLOGIES);
    withheld_in_shards(&site, canary, &["2022-h1", "2021"]);
}

// ---------------------------------------------------------- a cache restored by hand

/// The public search cache of a build that published the item (in `2021-h1`) is saved;
/// the item is made exempt; then an administrator "restores" the saved cache files, each
/// under every shard's name (its own, the other half's, the whole year's, the site's,
/// next year's halves). The next builds, before and after a newer year, must index
/// again, not hand over the restored files.
#[test]
fn old_cache_files_restored_under_every_shard_name_publish_nothing() {
    let canary = "CANARY_HALF_RESTORED";
    let site = Site::new("halves-restore");
    both_halves_with_the_item_public(&site, canary);
    let cache = site.path().join(CACHE);
    let saved: Vec<(String, Vec<u8>)> = cache_names(&site)
        .into_iter()
        .map(|n| {
            let bytes = fs::read(cache.join(&n)).unwrap();
            (n, bytes)
        })
        .collect();
    assert_eq!(
        saved.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        ["2021-h1.bin", "2021-h2.bin", "site.bin"]
    );
    let h1 = &saved[0].1;
    assert!(
        readable(&cache.join("2021-h1.bin"))
            .iter()
            .any(|t| t.contains(canary)),
        "the saved first half holds the canary"
    );

    let items = depot_item(&site, "panel", "2021-06-30", EXEMPT, canary);
    meeting(&site, "panel", "2021-06-30", "2021-06-20", &items);
    public_build(&site);
    withheld(&site, canary);

    let names = [
        "2021-h1.bin",
        "2021-h2.bin",
        "2021.bin",
        "site.bin",
        "2022-h1.bin",
        "2022-h2.bin",
        "2022.bin",
    ];
    let restore = |bytes: &[u8]| {
        for n in names {
            fs::write(cache.join(n), bytes).unwrap();
        }
    };
    // The first half's old file under every name, and then each old file under its
    // own name.
    restore(h1);
    public_build(&site);
    withheld(&site, canary);
    for (n, bytes) in &saved {
        fs::write(cache.join(n), bytes).unwrap();
    }
    public_build(&site);
    withheld(&site, canary);

    // A newer year, with the old first half under every name: 2021 one shard.
    restore(h1);
    meeting(&site, "panel", "2022-07-12", "2022-07-01", APOLOGIES);
    withheld_in_shards(&site, canary, &["2022-h2", "2021"]);
}

// ------------------------------------------------------ the members' edition's cache

/// The members' edition is built first; its search cache (which holds the exempt item,
/// in the same shard names) is copied into the public cache, each file under its own name
/// and under the other half's; the public build must not hand them over.
#[test]
fn the_members_search_cache_copied_into_the_public_one_publishes_nothing() {
    let canary = "CANARY_HALF_MEMBERS_CACHE";
    let site = Site::new("halves-members");
    let items = depot_item(&site, "panel", "2021-06-30", EXEMPT, canary);
    meeting(
        &site,
        "panel",
        "2021-06-30",
        "2021-06-20",
        &format!("{APOLOGIES}{items}"),
    );
    meeting(&site, "panel", "2021-07-01", "2021-06-21", APOLOGIES);
    assert_built(&build(site.path(), AS_OF, &["--confidential"]));
    let members = site.path().join(".quire-cache/confidential/search");
    let h1 = fs::read(members.join("2021-h1.bin")).expect("the members' first half");
    assert!(
        readable(&members.join("2021-h1.bin"))
            .iter()
            .any(|t| t.contains(canary)),
        "the control: the members' cache holds the exempt item"
    );
    let public = site.path().join(CACHE);
    fs::create_dir_all(&public).unwrap();
    for n in list_files(&members) {
        fs::copy(members.join(&n), public.join(&n)).unwrap();
    }
    withheld_in_shards(&site, canary, &["2021-h2", "2021-h1"]);

    // The members' first half under the public second half's name, and the public
    // first half's.
    fs::write(public.join("2021-h1.bin"), &h1).unwrap();
    fs::write(public.join("2021-h2.bin"), &h1).unwrap();
    public_build(&site);
    withheld(&site, canary);
}

// ------------------------------------------------------ a refused build, then fixed

/// The item public on 30 June; then, in one edit, moved to 1 July and made exempt while a
/// public update of 1 July quotes it: refused, the output as it was. Then the quote is
/// taken out: the fixed build publishes nothing of it, in either half.
#[test]
fn a_refused_build_across_the_half_line_then_fixed_publishes_nothing() {
    let canary = "CANARY_HALF_REFUSED";
    let site = Site::new("halves-refused");
    meeting(&site, "panel", "2021-03-10", "2021-03-01", APOLOGIES);
    item_public_in(&site, "2021-06-30", "2021-06-20", canary, "2021-h1");
    let before = crate::common::contents(&site.out("output"));

    remove_meeting(&site, "panel", "2021-06-30");
    let items = depot_item(&site, "panel", "2021-07-01", EXEMPT, canary);
    let update = "  - title: Update on the estate\n    documents: [update.md]\n";
    meeting(
        &site,
        "panel",
        "2021-07-01",
        "2021-06-21",
        &format!("{update}{items}"),
    );
    let quote = |quoting: bool| {
        report(
            &site,
            "content/committees/panel/2021-07-01/update.md",
            "Estate update",
            "",
            &if quoting {
                format!("As reported elsewhere on this agenda, {}.", secret(canary))
            } else {
                "The estate review goes on.".to_string()
            },
        );
    };
    quote(true);
    let out = build(site.path(), AS_OF, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("update"), "{}", stderr(&out));
    assert!(
        crate::common::contents(&site.out("output")) == before,
        "a refused build changed output/"
    );

    quote(false);
    withheld_in_shards(&site, canary, &["2021-h2", "2021-h1"]);
    let beside = outside_sources_holding(&site, canary);
    assert!(
        beside.iter().all(|f| !f.starts_with("output/")),
        "{beside:?}"
    );
}

// ------------------------------------------------ minutes taken across the half line

/// The minutes of 30 June, taken at the meeting of 1 July (the other half), hold the
/// minute of the depot item; the item is made exempt, and at once the minutes are taken
/// instead at a meeting of 2022 (a newer year: 2021 one shard).
#[test]
fn an_exempt_minute_taken_across_the_half_line_and_the_year_publishes_nothing() {
    let canary = "CANARY_HALF_MINUTE";
    let site = Site::new("halves-minutes");
    let june = |marking: &str| {
        meeting(
            &site,
            "panel",
            "2021-06-30",
            "2021-06-20",
            &format!(
                "{APOLOGIES}  - title: Sale of the depot\n{marking}    body: The report on the sale of the depot.\n"
            ),
        );
    };
    let taken_at = |date: &str, published: &str| {
        meeting(
            &site,
            "panel",
            date,
            published,
            "  - title: Minutes of the meeting held on 30 June 2021\n    documents: [../2021-06-30/minutes.md]\n",
        );
        site.write(
            "content/committees/panel/2021-06-30/minutes.md",
            &format!(
                "---\ntitle: Minutes of 30 June\nkind: minutes\napproved_at: {date}\n---\n\n## 1 Apologies for absence\n\nApologies were received from the vice-chair.\n\n## 2 Sale of the depot\n\n{}.\n\nResolved: That the sale go ahead.\n",
                secret(canary)
            ),
        );
    };
    june("");
    taken_at("2021-07-01", "2021-06-21");
    public_build(&site);
    assert!(
        !shards_holding(&site, canary).is_empty(),
        "the control: the minute is in the public index"
    );

    june(EXEMPT);
    remove_meeting(&site, "panel", "2021-07-01");
    taken_at("2022-01-12", "2022-01-04");
    withheld_in_shards(&site, canary, &["2022-h1", "2021"]);

    // Back to 1 July: 2021 in halves again, the exemption kept.
    remove_meeting(&site, "panel", "2022-01-12");
    taken_at("2021-07-01", "2021-06-21");
    withheld_in_shards(&site, canary, &["2021-h2", "2021-h1"]);
}

// ------------------------------------------------- an agenda put back, across the line

/// In the newest year, a meeting of 30 June 2023 whose agenda is out (on the build date,
/// 1 March 2023) is moved to 1 July with its agenda put back to 22 June, not out yet:
/// its items leave the index, while its cached first half (which held them) is not used.
#[test]
fn an_agenda_put_back_as_its_meeting_crosses_the_half_line_publishes_nothing() {
    let canary = "CANARY_HALF_NOT_YET";
    let site = Site::new("halves-not-yet");
    meeting(&site, "panel", "2023-01-11", "2023-01-03", APOLOGIES);
    item_public_in(&site, "2023-06-30", "2023-02-20", canary, "2023-h1");

    move_item(&site, "2023-06-30", "2023-07-01", "2023-06-22", "", canary);
    withheld_in_shards(&site, canary, &["2023-h2", "2023-h1"]);
}

// ---------------------------------------------------------------------- unusual dates

/// Meetings on odd days: 29 February 2024 (the exempt item), 31 December 2024 and a
/// meeting of year 999 (named `999` as its shard), with 2024 the newest year; then 2024
/// left with its second half alone when the leap-day meeting moves to 1 January 2025.
#[test]
fn meetings_on_unusual_dates_publish_nothing_exempt() {
    let canary = "CANARY_HALF_LEAP_DAY";
    let site = Site::new("halves-odd-dates");
    meeting(&site, "panel", "0999-06-30", "0999-06-20", APOLOGIES);
    meeting(&site, "panel", "2024-12-31", "2024-12-20", APOLOGIES);
    let items = depot_item(&site, "panel", "2024-02-29", "", canary);
    meeting(&site, "panel", "2024-02-29", "2024-02-20", &items);
    let as_of = "2025-03-01";
    assert_built(&build(site.path(), as_of, &[]));
    assert_eq!(
        crate::common::search::shards(&site.out("output")),
        ["2024-h2", "2024-h1", "999"]
    );
    assert_eq!(shards_holding(&site, canary), ["2024-h1"], "the control");

    let items = depot_item(&site, "panel", "2024-02-29", EXEMPT, canary);
    meeting(&site, "panel", "2024-02-29", "2024-02-20", &items);
    assert_built(&build(site.path(), as_of, &[]));
    let hits = found_in(&site.out("output"), &[canary.to_string()]);
    assert!(hits.is_empty(), "{hits:#?}");

    move_item(
        &site,
        "2024-02-29",
        "2025-01-01",
        "2024-12-20",
        EXEMPT,
        canary,
    );
    assert_built(&build(site.path(), as_of, &[]));
    assert_eq!(
        crate::common::search::shards(&site.out("output")),
        ["2025-h1", "2024", "999"]
    );
    let hits = found_in(&site.out("output"), &[canary.to_string()]);
    assert!(hits.is_empty(), "{hits:#?}");
    assert!(found_in(&site.path().join(CACHE), &[canary.to_string()]).is_empty());
    assert_built(&build(site.path(), as_of, &["--confidential"]));
    assert!(appears_in(&site.out("confidential"), canary), "the control");
}

// ------------------------------------------------- a file moved in with its old times

/// An exempt copy of the report, written before the first build, is moved over the
/// public one after it (a rename keeps its modification time), and the meeting's folder
/// is renamed from 30 June to 1 July (its files keep their times; only `meeting.yaml` is
/// rewritten with the new date): the first build's first half must not come back.
#[test]
fn an_exempt_report_moved_in_with_its_old_times_across_the_half_line_publishes_nothing() {
    let canary = "CANARY_HALF_MOVED_IN";
    let site = Site::new("halves-moved-in");
    meeting(&site, "panel", "2021-03-10", "2021-03-01", APOLOGIES);
    let items = depot_item(&site, "panel", "2021-06-30", "", canary);
    meeting(&site, "panel", "2021-06-30", "2021-06-20", &items);
    // Prepared beside the sources, outside content/, before the first build.
    report(
        &site,
        "prepared/tender.md",
        "Tender report",
        "exempt: [3]\n",
        &format!("{}.", secret(canary)),
    );
    public_in_shard(&site, canary, "2021-h1");
    std::thread::sleep(crate::common::SETTLE);

    let panel = site.path().join("content/committees/panel");
    fs::rename(panel.join("2021-06-30"), panel.join("2021-07-01")).unwrap();
    fs::rename(
        site.path().join("prepared/tender.md"),
        panel.join("2021-07-01/tender.md"),
    )
    .unwrap();
    meeting(
        &site,
        "panel",
        "2021-07-01",
        "2021-06-20",
        "  - title: Sale of the depot\n    documents: [tender.md]\n",
    );
    withheld_in_shards(&site, canary, &["2021-h2", "2021-h1"]);
}
