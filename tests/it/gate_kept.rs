//! The leak gate kept between builds (`.quire-cache/public/gate.json`): a public build
//! whose library is made of the same files takes the kept gate instead of preparing it
//! again, and it finds what a gate prepared afresh finds. Whether a build took the kept
//! gate is told by the file itself: it is written (a new file, renamed into place) only
//! when the gate was prepared.

use std::fs;
use std::os::unix::fs::MetadataExt;

use crate::common::attack::{assert_built, owned};
use crate::common::scan::{found_in, missing_from};
use crate::common::site::{AS_OF, Site, meeting};
use crate::common::{build, contents, stderr};

const KEPT: &str = ".quire-cache/public/gate.json";
const CANARY: &str = "CANARY_KEPT_TENDER";
const TENDER: &str = "The preferred bidder CANARY_KEPT_TENDER priced the care contract at four million pounds a year";

/// September's meeting has the tender report, exempt or not; October's a public review
/// that quotes it, or not.
fn papers(site: &Site, exempt: bool, quoted: bool) {
    let marking = if exempt { "    exempt: [3]\n" } else { "" };
    meeting(
        site,
        "panel",
        "2021-09-10",
        "2021-09-01",
        &format!("  - title: Care contract\n{marking}    documents: [tender.md]\n"),
    );
    site.write(
        "content/committees/panel/2021-09-10/tender.md",
        &format!("---\ntitle: Care contract tender\nkind: report\n---\n\n{TENDER}.\n"),
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
    site.write(
        "content/committees/panel/2021-09-24/review.md",
        &format!(
            "---\ntitle: Contract review\nkind: report\n---\n\n{quote}The contract started well.\n"
        ),
    );
}

/// The kept gate's file, as an identity that changes whenever it is written again.
fn kept(site: &Site) -> Option<u64> {
    fs::metadata(site.path().join(KEPT)).ok().map(|m| m.ino())
}

fn refusal(out: &std::process::Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected a refusal:\n{}",
        stderr(out)
    );
    stderr(out)
}

#[test]
fn a_kept_gate_reads_what_changed_outside_the_papers() {
    let site = Site::new("kept-theme");
    papers(&site, true, false);
    assert_built(&build(site.path(), AS_OF, &[]));
    let first = kept(&site).expect("a public build keeps its gate");
    // A theme file quotes the exempt tender: the papers are as they were, so the gate is
    // taken from the kept file, and must still read the new file.
    site.write("themes/default/static/notice.txt", &format!("{TENDER}.\n"));
    let err = refusal(&build(site.path(), AS_OF, &[]));
    assert_eq!(kept(&site), Some(first), "the gate was prepared again");
    assert!(
        err.contains("static/notice.txt") && err.contains("tender.md"),
        "{err}"
    );
    // The output is still the first build's.
    assert!(found_in(&site.out("output"), &owned(&[CANARY])).is_empty());
    // The control: a gate prepared afresh says the same.
    assert_eq!(refusal(&build(site.path(), AS_OF, &["--no-cache"])), err);
}

#[test]
fn a_paper_made_exempt_after_a_build_prepares_the_gate_again() {
    let site = Site::new("kept-exempt");
    papers(&site, false, true);
    assert_built(&build(site.path(), AS_OF, &[]));
    let first = kept(&site).expect("a public build keeps its gate");
    // The control: while the tender is public, both papers publish its words.
    assert!(missing_from(&site.out("output"), &owned(&[CANARY])).is_empty());
    papers(&site, true, true);
    let err = refusal(&build(site.path(), AS_OF, &[]));
    assert_ne!(
        kept(&site),
        Some(first),
        "the kept gate of the public tender was used"
    );
    assert!(
        err.contains("tender.md") && err.contains("review.md"),
        "{err}"
    );
    // Once the review no longer quotes it, the tender is withheld.
    papers(&site, true, false);
    assert_built(&build(site.path(), AS_OF, &[]));
    assert!(found_in(&site.out("output"), &owned(&[CANARY])).is_empty());
    assert_built(&build(site.path(), AS_OF, &["--confidential"]));
    assert!(missing_from(&site.out("confidential"), &owned(&[CANARY])).is_empty());
}

#[test]
fn kept_and_fresh_gates_let_the_same_bytes_through() {
    let site = Site::new("kept-bytes");
    papers(&site, true, false);
    let out = |name: &str| site.out(name).to_string_lossy().into_owned();
    for (folder, extra) in [("one", ""), ("two", ""), ("fresh", "--no-cache")] {
        let mut args = vec!["--output".to_string(), out(folder)];
        args.extend((!extra.is_empty()).then(|| extra.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_built(&build(site.path(), AS_OF, &args));
    }
    let one = contents(&site.out("one"));
    assert!(!one.is_empty());
    assert_eq!(contents(&site.out("two")), one);
    assert_eq!(contents(&site.out("fresh")), one);
}
