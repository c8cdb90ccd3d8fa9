//! A year of the search index heavier than the cap is indexed in parts of whole months
//! (`pagefind/2020-jan-feb/`, ...), so that Pagefind's memory and an edit's indexing are
//! bounded by the cap, not by how much a council wrote in a year.
//!
//! The cap is 8 MB of words; these tests set it to 45,000 bytes
//! (`QUIRE_SEARCH_PART_BYTES`) and write one 20 KB report a month, so each part holds
//! two months.

use std::collections::BTreeMap;
use std::fs;
use std::process::Output;

use crate::common::attack::assert_built;
use crate::common::scan::{appears_in, found_in, readable};
use crate::common::site::{AS_OF, Site, meeting};
use crate::common::{list_files, quire};

const CAP: &str = "45000";
const CACHE: &str = ".quire-cache/public/search";

/// The parts of 2020 two months each, newest first.
const PARTS: [&str; 6] = [
    "2020-nov-dec",
    "2020-sep-oct",
    "2020-jul-aug",
    "2020-may-jun",
    "2020-mar-apr",
    "2020-jan-feb",
];

/// Builds with the cap (`None`: quire's own), in the members' edition with `extra`.
fn build(site: &Site, cap: Option<&str>, extra: &[&str]) -> Output {
    let mut cmd = quire();
    cmd.arg("build")
        .arg("--root")
        .arg(site.path())
        .arg("--as-of")
        .arg(AS_OF)
        .args(extra);
    match cap {
        Some(cap) => cmd.env("QUIRE_SEARCH_PART_BYTES", cap),
        None => cmd.env_remove("QUIRE_SEARCH_PART_BYTES"),
    };
    cmd.output().expect("run quire")
}

/// About 20 KB of words no other month's report has: `marker` starts each sentence.
fn words(marker: &str) -> String {
    (1..=250)
        .map(|i| format!("{marker}{i}: the panel noted line {i} of the programme for the month. "))
        .collect()
}

/// A meeting on the 15th of each month of 2020, each with a public report whose sentences
/// start "Month<m>-"; May's also has an exempt item whose report holds `canary`.
fn year_of_reports(canary: &str) -> Site {
    let site = Site::new("search-parts");
    for m in 1..=12 {
        let date = format!("2020-{m:02}-15");
        let folder = format!("content/committees/panel/{date}");
        site.write(
            &format!("{folder}/programme.md"),
            &format!(
                "---\ntitle: Programme report {m}\nkind: report\n---\n\n{}\n",
                words(&format!("Month{m}-"))
            ),
        );
        let mut items = "  - title: The programme\n    documents: [programme.md]\n".to_string();
        if m == 5 {
            site.write(
                &format!("{folder}/tender.md"),
                &format!(
                    "---\ntitle: Tender report\nkind: report\n---\n\nThe preferred bidder {canary} Holdings offered four hundred and twelve thousand pounds for the old depot.\n"
                ),
            );
            items.push_str(
                "  - title: Sale of the depot\n    exempt: [3]\n    documents: [tender.md]\n",
            );
        }
        meeting(&site, "panel", &date, &format!("2020-{m:02}-05"), &items);
    }
    site
}

/// `pagefind/quire.json` of the public build.
fn list(site: &Site) -> serde_json::Value {
    let path = site.out("output").join("pagefind/quire.json");
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

/// The shards of the public index whose files (decompressed) hold `text`.
fn holding(site: &Site, text: &str) -> Vec<String> {
    let dir = site.out("output").join("pagefind");
    let mut out: Vec<String> = (list_files(&dir).into_iter())
        .filter(|f| readable(&dir.join(f)).iter().any(|t| t.contains(text)))
        .filter_map(|f| Some(f.split_once('/')?.0.to_string()))
        .filter(|first| first.starts_with("20"))
        .collect();
    out.dedup();
    out
}

/// Every file of the public search cache, with its bytes.
fn cached(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let dir = site.path().join(CACHE);
    (list_files(&dir).into_iter())
        .map(|f| {
            let bytes = fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

#[test]
fn a_year_heavier_than_the_cap_is_indexed_in_parts_of_whole_months() {
    let canary = "Quenwick";
    let site = year_of_reports(canary);
    assert_built(&build(&site, Some(CAP), &[]));
    let json = list(&site);
    assert_eq!(json["shards"], serde_json::json!(PARTS));
    assert_eq!(json["first"], "2020-nov-dec");
    assert_eq!(json["labels"]["2020-mar-apr"], "March to April 2020");
    assert!(PARTS.iter().all(|p| json["years"][p] == "2020"), "{json}");
    // Each month's report is found in its own part, and only there.
    for (m, part) in [
        (1, "2020-jan-feb"),
        (4, "2020-mar-apr"),
        (12, "2020-nov-dec"),
    ] {
        assert_eq!(holding(&site, &format!("Month{m}-7:")), [part], "month {m}");
    }
    // The exempt report of May is in no part, nor in the cache; the members' edition,
    // indexed in the same parts, has it.
    let hits = found_in(&site.out("output"), &[canary.to_string()]);
    assert!(
        hits.is_empty(),
        "withheld matter in the public build: {hits:#?}"
    );
    let kept = found_in(&site.path().join(CACHE), &[canary.to_string()]);
    assert!(
        kept.is_empty(),
        "withheld matter in the public search cache: {kept:#?}"
    );
    assert_built(&build(&site, Some(CAP), &["--confidential"]));
    assert!(
        appears_in(
            &site.out("confidential").join("pagefind/2020-may-jun"),
            canary
        ),
        "the members' edition's index lacks {canary}, so the public scan proves nothing"
    );
}

#[test]
fn an_edit_indexes_its_own_part_again_and_the_cap_undone_makes_halves() {
    let site = year_of_reports("Quenwick");
    assert_built(&build(&site, Some(CAP), &[]));
    let before = cached(&site);
    let mut names: Vec<String> = PARTS.iter().map(|p| format!("{p}.bin")).collect();
    names.push("site.bin".into());
    names.sort();
    assert_eq!(before.keys().cloned().collect::<Vec<_>>(), names);
    // A sentence added to April's report: its part alone is indexed again.
    let april = site
        .path()
        .join("content/committees/panel/2020-04-15/programme.md");
    let mut text = fs::read_to_string(&april).unwrap();
    text.push_str("\nA late note on the Brackenfold allotments.\n");
    fs::write(&april, text).unwrap();
    assert_built(&build(&site, Some(CAP), &[]));
    let after = cached(&site);
    let changed: Vec<&String> = (after.iter())
        .filter(|(name, bytes)| before.get(*name) != Some(bytes))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(changed, ["2020-mar-apr.bin"]);
    assert_eq!(holding(&site, "Brackenfold"), ["2020-mar-apr"]);
    // quire's own cap: 2020, the newest year with published papers, is in halves; the
    // parts' folders and cache files are gone.
    assert_built(&build(&site, None, &[]));
    assert_eq!(
        list(&site)["shards"],
        serde_json::json!(["2020-h2", "2020-h1"])
    );
    assert_eq!(holding(&site, "Brackenfold"), ["2020-h1"]);
    let folders: Vec<String> = list_files(&site.out("output").join("pagefind"))
        .into_iter()
        .filter_map(|f| Some(f.split_once('/')?.0.to_string()))
        .filter(|first| first.starts_with("20"))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(folders, ["2020-h1", "2020-h2"]);
    assert_eq!(
        cached(&site).into_keys().collect::<Vec<_>>(),
        ["2020-h1.bin", "2020-h2.bin", "site.bin"]
    );
}
