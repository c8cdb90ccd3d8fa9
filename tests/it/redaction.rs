//! The redaction suite: canaries planted in every exempt, draft and unpublished field of
//! the `redaction` fixture must appear nowhere in the public build, and every one of them
//! must appear in the members' edition (the positive control that proves the scan works).

use crate::common;

use std::fs;
use std::io::Read;

use crate::common::scan::{canaries, found_in, missing_from, readable};
use crate::common::{build_ok, fixture, list_files};

const AS_OF: &str = "2026-11-22";

#[test]
fn no_canary_reaches_the_public_build_and_all_reach_the_members_edition() {
    let site = fixture("redaction");
    let canaries = canaries(site.path());
    assert!(
        canaries.len() >= 20,
        "the fixture should plant many canaries, found {canaries:?}"
    );

    build_ok(site.path(), AS_OF, &[]);
    let public = found_in(&site.path().join("output"), &canaries);
    assert!(
        public.is_empty(),
        "exempt or draft text in the public build: {public:#?}"
    );
    // The public build also writes its pack cache: nothing exempt there either.
    let cache = site.path().join(".quire-cache/public");
    assert!(
        !list_files(&cache).is_empty(),
        "the public build should have cached its packs"
    );
    let cached = found_in(&cache, &canaries);
    assert!(
        cached.is_empty(),
        "exempt or draft text in the public pack cache: {cached:#?}"
    );

    build_ok(site.path(), AS_OF, &["--confidential"]);
    let missing = missing_from(&site.path().join("confidential"), &canaries);
    assert!(
        missing.is_empty(),
        "the members' edition lacks {missing:?}, so the scan cannot be trusted"
    );
}

#[test]
fn the_scan_reads_text_inside_packs() {
    // Positive control for the PDF part of the scan: the members' pack alone must show
    // the exempt text it holds, or a clean public pack would prove nothing.
    let site = fixture("redaction");
    build_ok(site.path(), AS_OF, &["--confidential"]);
    let pack = site
        .path()
        .join("confidential/committees/panel/2021-09-24/agenda-pack.pdf");
    let texts = readable(&pack);
    for c in [
        "CANARY_EXEMPT_ITEM_DOC_BODY",
        "CANARY_EXEMPT_LETTER_SIGNED",
        "CANARY_EXEMPT_REASON",
        "CANARY_DRAFT_BODY",
        "CANARY_EXEMPT_SUBITEM_TITLE",
    ] {
        assert!(
            texts.iter().any(|t| t.contains(c)),
            "{c} is in the members' pack but the scan cannot read it"
        );
    }
}

#[test]
fn public_matter_stays_public() {
    let site = fixture("redaction");
    build_ok(site.path(), AS_OF, &[]);
    let out = site.path().join("output");
    let meeting = common::read(&out.join("committees/panel/2021-09-24/index.html"));
    // The lapsed exemption is public now; the exempt items keep number and public title.
    assert!(meeting.contains("LAPSED_ITEM_BODY_NOW_PUBLIC"));
    // The public record of the release: when, and under which paragraph it was withheld.
    assert!(
        meeting.contains("Published on 1 January 2024; previously exempt under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972."),
        "{meeting}"
    );
    // An exemption still in force says nothing of the kind.
    assert_eq!(meeting.matches("previously exempt").count(), 1, "{meeting}");
    // The redaction record names what is withheld as the agenda does, with the law in
    // words and whether a public interest statement was recorded, never the statement.
    let record = common::read(&out.join("redactions/index.html"));
    assert!(
        record.contains("Exempt item by list") && record.contains("Staffing matter"),
        "{record}"
    );
    assert!(
        record.contains("Paragraph 2: information likely to reveal the identity of an individual"),
        "{record}"
    );
    assert!(
        record.contains("1 January 2030"),
        "the lapse date is recorded: {record}"
    );
    let json: serde_json::Value = serde_json::from_str(&common::read(
        &out.join("committees/panel/2021-09-24/redactions.json"),
    ))
    .unwrap();
    let staffing = json
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == "Staffing matter")
        .expect("the staffing item is recorded");
    assert_eq!(staffing["item"], "7");
    assert_eq!(staffing["public_interest_statement"], true);
    // A notice links to the record; the unpublished meeting's items are not in it.
    assert!(meeting.contains("href=\"/redactions/\""));
    assert!(
        !record.contains("2027")
            && !out
                .join("committees/panel/2027-03-19/redactions.json")
                .exists(),
        "{record}"
    );
    // The pack's front sheet records the release too.
    let pack = readable(&out.join("committees/panel/2021-09-24/agenda-pack.pdf"));
    assert!(
        pack.iter()
            .any(|t| t.contains("previously exempt under paragraph 3")),
        "the pack does not record the release"
    );
    // A lapsed exemption's public-interest reason is for members only, and never printed.
    // Read through the same scan as the canaries, so packs are searched in their text.
    let reason = common::scan::found_in(&out, &["SECRET_LAPSED_REASON".to_string()]);
    assert!(reason.is_empty(), "{reason:?}");
    assert!(
        fs::read_to_string(out.join("committees/panel/2021-09-24/lapsed-report/index.html"))
            .unwrap()
            .contains("LAPSED_REPORT_BODY_NOW_PUBLIC")
    );
    assert!(meeting.contains("Exempt item by list"));
    assert!(meeting.contains("Staffing matter"));
    assert!(meeting.contains("Not for publication by virtue of paragraph 1 of Part 1 of Schedule 12A to the Local Government Act 1972"));
    assert!(meeting.contains("Not for publication by virtue of paragraphs 1 and 2 of Part 1"));
    assert!(meeting.contains("information relating to any individual"));
    assert!(meeting.contains("information likely to reveal the identity of an individual"));
    // The exempt appendix is listed under its public title with a notice.
    assert!(meeting.contains("Appendix 1: Contract prices"));
    assert!(meeting.contains("Appendix 3: Costs"));
    assert!(meeting.contains("paragraph 3 of Part 1"));
    // Item numbers survive redaction.
    for n in [
        "<span class=\"agenda-item__number\">6</span>",
        "<span class=\"agenda-item__number\">7</span>",
        "<span class=\"agenda-item__number\">4a</span>",
    ] {
        assert!(meeting.contains(n), "missing {n}");
    }
    // The unpublished meeting shows its date, time and venue and when papers come.
    let future = common::read(&out.join("committees/panel/2027-03-19/index.html"));
    assert!(future.contains("Friday 19 March 2027"));
    assert!(future.contains("2.00pm"));
    assert!(future.contains("Committee Room 2"));
    assert!(future.contains("Papers will be published on 11 March 2027"));
    // No agenda: the heading the published meeting's page has is not on this one.
    assert!(meeting.contains("<h2>Agenda</h2>") && !future.contains("<h2>Agenda</h2>"));
    assert!(!future.contains("agenda-item"), "{future}");
    assert!(meeting.contains("agenda-item"));
    // Positive control for "NOT FOR PUBLICATION": only in the members' edition.
    assert!(!meeting.contains("NOT FOR PUBLICATION"));
    build_ok(site.path(), AS_OF, &["--confidential"]);
    let conf = common::read(
        &site
            .path()
            .join("confidential/committees/panel/2021-09-24/index.html"),
    );
    assert!(conf.contains("NOT FOR PUBLICATION"));
    // The window's title says which edition it is, as the banner does; a public page's
    // does not.
    assert!(conf.contains("(members' edition) - "), "{conf}");
    assert!(!meeting.contains("(members' edition) - "), "{meeting}");
    // Each printed sheet says so too, not only the first with the banner: a print
    // stylesheet in the members' edition's pages only (CI's print check prints them).
    let every_sheet = "@top-center { content: \"Members' edition: NOT FOR PUBLICATION\"";
    assert!(conf.contains(every_sheet), "{conf}");
    assert!(!meeting.contains("@top-center"), "{meeting}");
    let doc = common::read(
        &site
            .path()
            .join("confidential/committees/panel/2021-09-24/exempt-appendix/index.html"),
    );
    assert!(doc.contains("NOT FOR PUBLICATION") && doc.contains("paragraph 3"));
    // A paper's window title names its committee: every committee's minutes of a day
    // share a title.
    assert!(
        doc.contains(", Corporate Parenting Panel - Committee papers (members' edition)"),
        "{doc}"
    );
}

#[test]
fn the_members_edition_never_goes_into_output() {
    let site = fixture("redaction");
    let out = common::build(
        site.path(),
        AS_OF,
        &[
            "--confidential",
            "--output",
            &site.path().join("output").to_string_lossy(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(common::stderr(&out).contains("members' edition cannot be written into output/"));
    assert!(!site.path().join("output").exists());
    // Nor a relative path to a folder inside output/ that does not exist yet.
    let rel = common::quire()
        .current_dir(site.path())
        .args([
            "build",
            "--as-of",
            AS_OF,
            "--confidential",
            "--output",
            "output/members-copy",
        ])
        .output()
        .unwrap();
    assert_eq!(rel.status.code(), Some(1), "{}", common::stderr(&rel));
    assert!(!site.path().join("output").exists());
    // Positive control: the default folder works.
    build_ok(site.path(), AS_OF, &["--confidential"]);
    assert!(site.path().join("confidential/index.html").is_file());
}

#[test]
fn compressed_outputs_are_read_by_the_scan() {
    // The scan reads files whole; a compressed output (the search index's fragments,
    // filters and meta) must be read decompressed, or a canary inside it would pass.
    let site = fixture("redaction");
    build_ok(site.path(), AS_OF, &[]);
    let out = site.path().join("output");
    let mut compressed = 0;
    for f in list_files(&out) {
        let mut head = [0u8; 2];
        let _ = fs::File::open(out.join(&f)).and_then(|mut h| h.read(&mut head));
        if head != [0x1f, 0x8b] {
            continue;
        }
        compressed += 1;
        assert!(
            f.starts_with("pagefind/"),
            "{f} is gzip-compressed; teach the scan and the leak gate to read it"
        );
        let inner = common::search::gunzip(&fs::read(out.join(&f)).unwrap()).unwrap();
        let inner = String::from_utf8_lossy(&inner).into_owned();
        assert!(
            readable(&out.join(&f)).contains(&inner),
            "the scan does not read {f} decompressed"
        );
    }
    assert!(compressed > 10, "the search index should be compressed");
}

#[test]
fn the_search_index_holds_no_canary_and_the_members_index_holds_them() {
    let site = fixture("redaction");
    let canaries = canaries(site.path());
    build_ok(site.path(), AS_OF, &[]);
    let public = common::search::all_text(&site.path().join("output"));
    let leaked: Vec<&String> = canaries
        .iter()
        .filter(|c| public.contains(c.as_str()))
        .collect();
    assert!(
        leaked.is_empty(),
        "the public search index holds {leaked:?}"
    );
    // Public words are there: the scan of the index is not blind.
    assert!(public.contains("LAPSED_REPORT_BODY_NOW_PUBLIC"));
    assert!(public.contains("LAPSED_ITEM_BODY_NOW_PUBLIC"));

    // The positive control: the members' index is made the same way from the members'
    // edition, and holds the exempt and draft text, inside its compressed fragments.
    build_ok(site.path(), AS_OF, &["--confidential"]);
    let members = site.path().join("confidential");
    let text = common::search::all_text(&members);
    for c in [
        "CANARY_EXEMPT_ITEM_DOC_BODY",
        "CANARY_EXEMPT_SUBITEM_TITLE",
        "CANARY_DRAFT_BODY",
    ] {
        assert!(text.contains(c), "{c} is not in the members' search index");
        // Only decompressed: the raw bytes do not show it.
        let raw: Vec<(String, String)> = found_raw(&members.join("pagefind"), c);
        assert!(
            raw.is_empty(),
            "{c} is readable without decompressing: {raw:?}"
        );
    }
    let hits = found_in(
        &members.join("pagefind"),
        &["CANARY_EXEMPT_ITEM_DOC_BODY".to_string()],
    );
    assert!(
        !hits.is_empty(),
        "the scan cannot read the members' search index"
    );
    // And the members' search cache, which the scan reads too.
    let cache = site.path().join(".quire-cache/confidential/search");
    let hits = found_in(&cache, &["CANARY_EXEMPT_ITEM_DOC_BODY".to_string()]);
    assert!(!hits.is_empty(), "the scan cannot read the search cache");
}

/// Files whose raw bytes (not decompressed) hold `needle`.
fn found_raw(dir: &std::path::Path, needle: &str) -> Vec<(String, String)> {
    list_files(dir)
        .into_iter()
        .filter(|f| common::read_bytes_lossy(&dir.join(f)).contains(needle))
        .map(|f| (needle.to_string(), f))
        .collect()
}
