//! Attacks on the public build with sites an officer could write, by mistake or on purpose.
//!
//! Each test writes a small site, plants `CANARY_…` tokens in what must stay private, and
//! scans every byte of the public build (PDF text through the fonts' ToUnicode maps,
//! metadata, bookmarks, search index, feeds, calendar, sitemap, file names) for them. Each
//! has its positive control: the same canaries are found in the members' edition, or the
//! build refuses with the file, the line and a hint, and writes nothing.

use crate::common;

use std::fs;
use std::process::Output;

use crate::common::scan::{appears_in, found_in, missing_from};
use crate::common::{TempDir, build, list_files, stderr};

const AS_OF: &str = "2021-10-01";

use crate::common::site::{Site, meeting};

fn report(site: &Site, rel: &str, front: &str, body: &str) {
    site.write(rel, &format!("---\n{front}\nkind: report\n---\n{body}\n"));
}

fn assert_built(out: &Output) {
    assert!(out.status.success(), "the build failed:\n{}", stderr(out));
}

/// The canaries absent from every public byte, and present in the members' edition.
fn assert_withheld(site: &Site, canaries: &[&str]) {
    let canaries: Vec<String> = canaries.iter().map(|c| c.to_string()).collect();
    assert_built(&site.build(&[]));
    let public = found_in(&site.out("output"), &canaries);
    assert!(
        public.is_empty(),
        "withheld matter in the public build: {public:#?}"
    );
    assert_built(&site.build(&["--confidential"]));
    let missing = missing_from(&site.out("confidential"), &canaries);
    assert!(
        missing.is_empty(),
        "the members' edition lacks {missing:?}, so the public scan proves nothing"
    );
}

/// The canaries absent from both editions: hidden text is never published, even to members.
fn assert_never_published(site: &Site, canaries: &[&str], visible: &[&str]) {
    let canaries: Vec<String> = canaries.iter().map(|c| c.to_string()).collect();
    let visible: Vec<String> = visible.iter().map(|c| c.to_string()).collect();
    for (extra, dir) in [
        (&[][..], "output"),
        (&["--confidential"][..], "confidential"),
    ] {
        assert_built(&site.build(extra));
        let hits = found_in(&site.out(dir), &canaries);
        assert!(hits.is_empty(), "hidden text published in {dir}: {hits:#?}");
        // Positive control: the words around the hidden text are there, so the scan reads
        // the places the canaries would have been.
        let missing = missing_from(&site.out(dir), &visible);
        assert!(
            missing.is_empty(),
            "{dir} lacks the visible text {missing:?}"
        );
    }
}

/// The build refuses: exit 1, each expected message with its file and line, and nothing
/// written, in both editions.
fn assert_refused(site: &Site, expected: &[(&str, &str)]) {
    for (extra, dir) in [
        (&[][..], "output"),
        (&["--confidential"][..], "confidential"),
    ] {
        let out = site.build(extra);
        let err = stderr(&out);
        assert_eq!(
            out.status.code(),
            Some(1),
            "expected a refusal, got:\n{err}"
        );
        for (place, message) in expected {
            assert!(
                err.contains(place) && err.contains(message),
                "expected `{place}` and `{message}` in:\n{err}"
            );
        }
        assert!(
            err.contains("hint:") || err.contains("help:") || err.contains("= "),
            "no hint in:\n{err}"
        );
        assert!(!site.out(dir).exists(), "a refused build wrote {dir}/");
    }
}

// ---------------------------------------------------------------- 1. blank withholding keys

#[test]
fn a_blank_exempt_key_is_refused_wherever_it_is_written() {
    for blank in ["", " ~", " null", " # waiting for legal advice"] {
        let site = Site::new("blank-exempt");
        meeting(
            &site,
            "panel",
            "2021-09-24",
            "2021-09-16",
            &format!(
                "  - title: Placement review\n    exempt:{blank}\n    documents:\n      - review.md\n      - {{ file: files/costs.pdf, title: Costs, exempt:{} }}\n",
                if blank.contains('#') { " ~" } else { blank }
            ),
        );
        report(
            &site,
            "content/committees/panel/2021-09-24/review.md",
            &format!("title: Review\nexempt:{blank}"),
            "CANARY_BLANK_EXEMPT_BODY",
        );
        site.pdf("content/committees/panel/2021-09-24/files/costs.pdf");
        assert_refused(
            &site,
            &[
                (
                    "content/committees/panel/2021-09-24/meeting.yaml:8",
                    "exempt: has no value",
                ),
                (
                    "content/committees/panel/2021-09-24/meeting.yaml:11",
                    "exempt: has no value",
                ),
                (
                    "content/committees/panel/2021-09-24/review.md:3",
                    "exempt: has no value",
                ),
            ],
        );
    }
}

#[test]
fn a_blank_or_empty_public_title_is_refused() {
    for blank in ["", " \"\"", " ~", " \"   \""] {
        let site = Site::new("blank-public-title");
        meeting(
            &site,
            "panel",
            "2021-09-24",
            "2021-09-16",
            &format!("  - title: CANARY_REAL_TITLE\n    public_title:{blank}\n    exempt: [1]\n"),
        );
        assert_refused(
            &site,
            &[(
                "content/committees/panel/2021-09-24/meeting.yaml:8",
                "public_title: is empty",
            )],
        );
    }
    // Positive control: written, it stands in for the real title.
    let site = Site::new("public-title-control");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: CANARY_REAL_TITLE\n    public_title: Staffing matter\n    exempt: [1]\n",
    );
    assert_withheld(&site, &["CANARY_REAL_TITLE"]);
    assert!(
        common::read(&site.out("output/committees/panel/2021-09-24/index.html"))
            .contains("Staffing matter")
    );
}

// ---------------------------------------------------------------- 2 and 6. one file, one document

#[test]
fn an_appendix_exempt_in_one_committee_is_exempt_when_another_lists_it() {
    let site = Site::new("cross-committee");
    site.committee("cabinet", "Cabinet");
    site.pdf("content/committees/panel/2021-09-24/files/costs.pdf");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Fostering costs\n    documents:\n      - { file: files/costs.pdf, title: \"Appendix: CANARY_COSTS_TITLE\", public_title: \"Appendix (exempt)\", exempt: [3] }\n",
    );
    // Another committee lists the same file by a relative path, twice.
    meeting(
        &site,
        "cabinet",
        "2021-09-28",
        "2021-09-20",
        "  - title: Budget\n    documents:\n      - { file: ../../panel/2021-09-24/files/costs.pdf, title: \"CANARY_COSTS_TITLE again\" }\n      - { file: ../../panel/2021-09-24/files/../files/costs.pdf, title: \"CANARY_COSTS_TITLE by another path\" }\n",
    );
    assert_withheld(&site, &["CANARY_EXEMPT_PDF_TEXT", "CANARY_COSTS_TITLE"]);
    let files = list_files(&site.out("output"));
    assert!(
        !files.iter().any(|f| f.ends_with("costs.pdf")),
        "the exempt file was copied: {files:?}"
    );
    let cabinet = common::read(&site.out("output/committees/cabinet/2021-09-28/index.html"));
    assert!(
        cabinet.contains("Appendix (exempt)") && cabinet.contains("paragraph 3"),
        "{cabinet}"
    );
}

#[test]
fn a_withheld_files_name_is_not_published_even_when_a_public_report_links_it() {
    let site = Site::new("file-name");
    site.pdf("content/committees/panel/2021-09-24/files/CANARY_SMITH_FAMILY_COSTS.pdf");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Costs\n    documents:\n      - report.md\n      - { file: files/CANARY_SMITH_FAMILY_COSTS.pdf, title: Appendix A, exempt: [1] }\n",
    );
    report(
        &site,
        "content/committees/panel/2021-09-24/report.md",
        "title: Costs",
        "See [appendix A](files/CANARY_SMITH_FAMILY_COSTS.pdf).",
    );
    // The scan reads file names as well as contents: the members' edition has the file.
    assert_withheld(
        &site,
        &["CANARY_SMITH_FAMILY_COSTS", "CANARY_EXEMPT_PDF_TEXT"],
    );
}

#[test]
fn two_listings_with_different_public_titles_are_refused() {
    let site = Site::new("two-public-titles");
    site.pdf("content/committees/panel/2021-09-24/files/costs.pdf");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: A\n    documents:\n      - { file: files/costs.pdf, title: T, public_title: One, exempt: [3] }\n  - title: B\n    documents:\n      - { file: files/costs.pdf, title: T, public_title: Two }\n",
    );
    assert_refused(
        &site,
        &[(
            "meeting.yaml:12",
            "listed elsewhere with another public_title",
        )],
    );
}

#[test]
fn a_pdf_listed_twice_takes_the_public_title_of_the_exempt_listing() {
    let site = Site::new("pdf-twice");
    site.pdf("content/committees/panel/2021-09-24/files/costs.pdf");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Public item\n    documents:\n      - { file: files/costs.pdf, title: \"CANARY_PDF_REAL_TITLE\" }\n  - title: Exempt listing\n    documents:\n      - { file: files/costs.pdf, title: \"CANARY_PDF_REAL_TITLE\", public_title: \"Appendix B (exempt)\", exempt: [3] }\n",
    );
    assert_withheld(&site, &["CANARY_PDF_REAL_TITLE", "CANARY_EXEMPT_PDF_TEXT"]);
    assert!(
        common::read(&site.out("output/committees/panel/2021-09-24/index.html"))
            .contains("Appendix B (exempt)")
    );
}

// ---------------------------------------------------------------- 3. publication dates propagate

#[test]
fn an_unpublished_meetings_papers_stay_unpublished_whoever_lists_them() {
    let site = Site::new("unpublished");
    // The October meeting's papers come out on 1 November; September's are out.
    site.write(
        "content/committees/panel/2021-11-08/meeting.yaml",
        "date: 2021-11-08\nvenue: Room 2\nstatus: held\nagenda_published: 2021-11-01\nattendance:\n  present: [a-chair]\n  officers: [\"CANARY_OFFICER_NAME, Head of Service\"]\nitems:\n  - title: Future report\n    documents: [future.md]\n",
    );
    report(
        &site,
        "content/committees/panel/2021-11-08/future.md",
        "title: CANARY_FUTURE_TITLE",
        "CANARY_FUTURE_BODY",
    );
    site.pdf("content/committees/panel/2021-11-08/files/future.pdf");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Listed early by mistake\n    documents:\n      - ../2021-11-08/future.md\n      - { file: ../2021-11-08/files/future.pdf, title: CANARY_FUTURE_PDF_TITLE }\n",
    );
    assert_withheld(
        &site,
        &[
            "CANARY_FUTURE_TITLE",
            "CANARY_FUTURE_BODY",
            "CANARY_OFFICER_NAME",
            "CANARY_EXEMPT_PDF_TEXT",
            "CANARY_FUTURE_PDF_TITLE",
        ],
    );
    // The future meeting itself still shows when and where it is.
    let future = common::read(&site.out("output/committees/panel/2021-11-08/index.html"));
    assert!(
        future.contains("Room 2") && future.contains("Papers will be published on 1 November 2021"),
        "{future}"
    );
    // Positive control on dates: built on the day of publication, the papers are public.
    assert_built(&build(site.path(), "2021-11-01", &[]));
    let hits = found_in(
        &site.out("output"),
        &[
            "CANARY_FUTURE_BODY".to_string(),
            "CANARY_OFFICER_NAME".to_string(),
        ],
    );
    for c in ["CANARY_FUTURE_BODY", "CANARY_OFFICER_NAME"] {
        assert!(
            hits.iter().any(|(h, _)| h == c),
            "{c} is missing once the papers are published: {hits:?}"
        );
    }
}

// ---------------------------------------------------------------- 4 and 5. titles

#[test]
fn a_document_withheld_by_an_exempt_item_never_shows_its_real_title() {
    let site = Site::new("withheld-title");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Children's homes update\n    documents: [homes.md]\n  - title: CANARY_EXEMPT_ITEM_TITLE\n    public_title: Regulation 44 visits\n    exempt: [1]\n    documents: [homes.md]\n",
    );
    report(
        &site,
        "content/committees/panel/2021-09-24/homes.md",
        "title: CANARY_HOMES_REAL_TITLE",
        "CANARY_HOMES_BODY",
    );
    assert_withheld(
        &site,
        &[
            "CANARY_HOMES_REAL_TITLE",
            "CANARY_HOMES_BODY",
            "CANARY_EXEMPT_ITEM_TITLE",
        ],
    );
    let page = common::read(&site.out("output/committees/panel/2021-09-24/index.html"));
    assert!(
        page.matches("Regulation 44 visits").count() >= 2,
        "the withheld document is named by the exempt item's public title: {page}"
    );
}

#[test]
fn a_public_title_is_what_the_public_sees_even_on_a_public_item() {
    let site = Site::new("public-title-public-item");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: CANARY_ITEM_REAL_TITLE\n    public_title: Placement report\n    documents: [placement.md]\n",
    );
    report(
        &site,
        "content/committees/panel/2021-09-24/placement.md",
        "title: CANARY_REPORT_REAL_TITLE\npublic_title: Placement report (exempt)\nexempt: [2]",
        "CANARY_PLACEMENT_BODY",
    );
    assert_withheld(
        &site,
        &[
            "CANARY_ITEM_REAL_TITLE",
            "CANARY_REPORT_REAL_TITLE",
            "CANARY_PLACEMENT_BODY",
        ],
    );
    let page = common::read(&site.out("output/committees/panel/2021-09-24/index.html"));
    assert!(
        page.contains("Placement report") && page.contains("Placement report (exempt)"),
        "{page}"
    );
}

// ---------------------------------------------------------------- 7. hidden comments

#[test]
fn comments_are_never_published_wherever_they_stand() {
    let site = Site::new("comments");
    site.write(
        "content/committees/panel/committee.yaml",
        "name: Panel <!-- CANARY_COMMITTEE_NAME_COMMENT -->\ndescription: |\n  The panel VISIBLE_DESCRIPTION <!-- CANARY_DESCRIPTION_COMMENT\n\n  still hidden -->\nmembers: [{ member: a-chair }]\n",
    );
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Report VISIBLE_ITEM_TITLE <!-- CANARY_ITEM_TITLE_COMMENT -->\n    body: |\n      VISIBLE_ITEM_BODY <!-- CANARY_ITEM_BODY_COMMENT\n\n      -->\n\n          <!-- CANARY_ITEM_BODY_INDENTED -->\n    documents: [report.md]\n",
    );
    report(
        &site,
        "content/committees/panel/2021-09-24/report.md",
        "title: \"VISIBLE_DOC_TITLE <!-- CANARY_DOC_TITLE_COMMENT -->\"",
        "VISIBLE_BODY_START <!-- CANARY_INLINE_OVER_BLANK_LINE\n\nstill in the comment --> VISIBLE_BODY_END\n\n    <!-- CANARY_INDENTED_COMMENT -->\n\n```\n<!-- CANARY_FENCED_COMMENT -->\n```\n\n> <!-- CANARY_QUOTED_COMMENT -->\n\n- item <!--\n\n  CANARY_LIST_COMMENT -->\n",
    );
    site.write(
        "content/pages/about.md",
        "---\ntitle: About VISIBLE_PAGE_TITLE\n---\nVISIBLE_PAGE_BODY\n\n    <!-- CANARY_PAGE_INDENTED -->\n\n<!-- CANARY_PAGE_COMMENT\n\n-->\n",
    );
    assert_never_published(
        &site,
        &[
            "CANARY_COMMITTEE_NAME_COMMENT",
            "CANARY_DESCRIPTION_COMMENT",
            "CANARY_ITEM_TITLE_COMMENT",
            "CANARY_ITEM_BODY_COMMENT",
            "CANARY_ITEM_BODY_INDENTED",
            "CANARY_DOC_TITLE_COMMENT",
            "CANARY_INLINE_OVER_BLANK_LINE",
            "CANARY_INDENTED_COMMENT",
            "CANARY_FENCED_COMMENT",
            "CANARY_QUOTED_COMMENT",
            "CANARY_LIST_COMMENT",
            "CANARY_PAGE_INDENTED",
            "CANARY_PAGE_COMMENT",
        ],
        &[
            "VISIBLE_DESCRIPTION",
            "VISIBLE_ITEM_TITLE",
            "VISIBLE_ITEM_BODY",
            "VISIBLE_DOC_TITLE",
            "VISIBLE_BODY_START",
            "VISIBLE_BODY_END",
            "VISIBLE_PAGE_TITLE",
            "VISIBLE_PAGE_BODY",
        ],
    );
}

#[test]
fn comments_in_numbers_and_site_settings_are_never_published() {
    let site = Site::new("more-comments");
    site.write(
        "site.toml",
        "title = \"Committee papers <!-- CANARY_TOML_TITLE_COMMENT -->\"\ncouncil = \"Test Borough Council <!-- CANARY_TOML_COUNCIL_COMMENT -->\"\nbase_url = \"https://papers.example.gov.uk\"\n",
    );
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Public item\n    number: \"4A <!-- CANARY_NUMBER_COMMENT -->\"\n",
    );
    assert_never_published(
        &site,
        &[
            "CANARY_TOML_TITLE_COMMENT",
            "CANARY_TOML_COUNCIL_COMMENT",
            "CANARY_NUMBER_COMMENT",
        ],
        &["Test Borough Council", "Public item"],
    );
    assert!(
        common::read(&site.out("output/committees/panel/2021-09-24/index.html")).contains(">4A<")
    );
}

#[test]
fn a_pdf_public_title_written_in_an_unpublished_agenda_waits_for_it() {
    let site = Site::new("early-public-title");
    site.pdf("content/committees/panel/2021-09-24/files/data.pdf");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Data\n    documents:\n      - { file: files/data.pdf, title: Appendix A }\n",
    );
    meeting(
        &site,
        "panel",
        "2021-11-08",
        "2021-11-01",
        "  - title: Later\n    documents:\n      - { file: ../2021-09-24/files/data.pdf, title: Appendix A, public_title: \"CANARY_EARLY_PUBLIC_TITLE\", exempt: [3] }\n",
    );
    assert_built(&site.build(&[]));
    let hits = found_in(
        &site.out("output"),
        &["CANARY_EARLY_PUBLIC_TITLE".to_string()],
    );
    assert!(hits.is_empty(), "{hits:?}");
    // The appendix is exempt (the later listing says so). A public title was written for
    // it, so its real title is not shown either: it is a restricted document until then.
    let page = common::read(&site.out("output/committees/panel/2021-09-24/index.html"));
    assert!(
        page.contains("Restricted document")
            && page.contains("paragraph 3")
            && !page.contains("Appendix A"),
        "{page}"
    );
    // Positive control: once the later agenda is out, its public title names the appendix.
    assert_built(&build(site.path(), "2021-11-01", &[]));
    assert!(appears_in(&site.out("output"), "CANARY_EARLY_PUBLIC_TITLE"));
}

#[test]
fn an_unclosed_comment_is_refused_at_its_line() {
    let site = Site::new("unclosed-comment");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Report\n    documents: [report.md]\n",
    );
    report(
        &site,
        "content/committees/panel/2021-09-24/report.md",
        "title: Report",
        "First paragraph.\n\n<!-- CANARY_NEVER_CLOSED\n\nThe rest.",
    );
    assert_refused(
        &site,
        &[(
            "content/committees/panel/2021-09-24/report.md:7",
            "never closed",
        )],
    );
}

#[test]
fn footnote_labels_and_heading_attributes_are_never_published() {
    let site = Site::new("labels");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Report\n    documents: [report.md]\n",
    );
    report(
        &site,
        "content/committees/panel/2021-09-24/report.md",
        "title: Report",
        "## VISIBLE_HEADING {#canary-heading-id .CANARY_HEADING_CLASS data-x=CANARY_HEADING_ATTR}\n\nVISIBLE_TEXT.[^canary-footnote-label]\n\n[^canary-footnote-label]: VISIBLE_NOTE.\n",
    );
    // Labels are lower case in the source; the scan looks for the words as written.
    let site_canaries = ["CANARY_HEADING_CLASS", "CANARY_HEADING_ATTR"];
    assert_never_published(
        &site,
        &site_canaries,
        &["VISIBLE_HEADING", "VISIBLE_TEXT", "VISIBLE_NOTE"],
    );
    for dir in ["output", "confidential"] {
        for f in list_files(&site.out(dir)) {
            let text = common::read_bytes_lossy(&site.out(dir).join(&f));
            assert!(
                !text.contains("canary-footnote-label") && !text.contains("canary-heading-id"),
                "a label reached {dir}/{f}"
            );
        }
    }
}

// ---------------------------------------------------------------- 8. where the members' edition goes

#[test]
fn the_members_edition_is_never_written_inside_a_public_site() {
    let site = Site::new("members-output");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Report\n    exempt: [1]\n    body: CANARY_MEMBERS_ONLY\n",
    );
    let refused = |args: &[&str]| {
        let out = common::quire()
            .current_dir(site.path())
            .args(["build", "--as-of", AS_OF, "--confidential"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?} was not refused: {}",
            stderr(&out)
        );
        assert!(
            stderr(&out).contains("members' edition cannot be written"),
            "{}",
            stderr(&out)
        );
    };
    // A missing folder followed by `..` lands in output/.
    refused(&["--output", "missing/../output/members"]);
    assert!(!site.out("missing").exists() && !site.out("output").exists());
    // A public site built to a custom folder is remembered by its marker.
    assert_built(
        &common::quire()
            .current_dir(site.path())
            .args(["build", "--as-of", AS_OF, "--output", "public-site"])
            .output()
            .unwrap(),
    );
    refused(&["--output", "public-site/members"]);
    refused(&["--output", "public-site"]);
    // A link inside the public site, and a link pointing into it.
    let elsewhere = TempDir::new("elsewhere");
    std::os::unix::fs::symlink(elsewhere.path(), site.path().join("public-site/linked")).unwrap();
    refused(&["--output", "public-site/linked/members"]);
    std::os::unix::fs::symlink(
        site.path().join("public-site"),
        site.path().join("innocent"),
    )
    .unwrap();
    refused(&["--output", "innocent/members"]);
    let leaked = found_in(
        &site.out("public-site"),
        &["CANARY_MEMBERS_ONLY".to_string()],
    );
    assert!(
        leaked.is_empty() && list_files(elsewhere.path()).is_empty(),
        "{leaked:?}"
    );
    // Positive control: the default folder works, and holds the canary.
    assert_built(&site.build(&["--confidential"]));
    assert!(appears_in(&site.out("confidential"), "CANARY_MEMBERS_ONLY"));
}

// ---------------------------------------------------------------- 9. links and special files

#[test]
fn symbolic_links_in_content_are_refused() {
    let outside = TempDir::new("outside");
    fs::write(outside.path().join("secret.txt"), "CANARY_OUTSIDE_FILE").unwrap();
    for (name, target) in [
        ("notes.txt", "exempt"),
        ("outside.txt", "outside"),
        ("folder", "dir"),
    ] {
        let site = Site::new("symlink");
        meeting(
            &site,
            "panel",
            "2021-09-24",
            "2021-09-16",
            "  - title: Report\n    documents: [public.md]\n  - title: Exempt\n    exempt: [1]\n    documents: [exempt.md]\n",
        );
        report(
            &site,
            "content/committees/panel/2021-09-24/exempt.md",
            "title: Exempt",
            "CANARY_SYMLINKED_SOURCE",
        );
        let link = match target {
            "dir" => "content/committees/panel/2021-09-24/files/folder/notes.txt",
            _ => "content/committees/panel/2021-09-24/files/notes.txt",
        };
        report(
            &site,
            "content/committees/panel/2021-09-24/public.md",
            "title: Public",
            &format!(
                "See [the notes]({}).",
                link.trim_start_matches("content/committees/panel/2021-09-24/")
            ),
        );
        let files = site
            .path()
            .join("content/committees/panel/2021-09-24/files");
        fs::create_dir_all(&files).unwrap();
        match target {
            "exempt" => std::os::unix::fs::symlink("../exempt.md", files.join(name)).unwrap(),
            "outside" => std::os::unix::fs::symlink(
                outside.path().join("secret.txt"),
                files.join("notes.txt"),
            )
            .unwrap(),
            _ => std::os::unix::fs::symlink(outside.path(), files.join(name)).unwrap(),
        }
        assert_refused(
            &site,
            &[(
                "content/committees/panel/2021-09-24/files/",
                "symbolic link",
            )],
        );
    }
}

#[test]
fn hard_links_in_content_are_refused() {
    // A second name for an exempt report, a report of an unpublished meeting listed early,
    // and a source file published as a text file: each would be a second document with its
    // own dates and exemptions.
    for (from, to) in [
        ("2021-09-24/exempt.md", "2021-09-24/exempt-v2.md"),
        ("2021-11-08/files/future.pdf", "2021-09-24/files/future.pdf"),
        ("2021-09-24/exempt.md", "2021-09-24/files/notes.txt"),
    ] {
        let site = Site::new("hardlink");
        meeting(
            &site,
            "panel",
            "2021-09-24",
            "2021-09-16",
            "  - title: Report\n    documents: [public.md]\n  - title: Exempt\n    exempt: [1]\n    documents: [exempt.md]\n",
        );
        meeting(
            &site,
            "panel",
            "2021-11-08",
            "2021-11-01",
            "  - title: Future\n    documents:\n      - { file: files/future.pdf, title: Future }\n",
        );
        report(
            &site,
            "content/committees/panel/2021-09-24/exempt.md",
            "title: Exempt",
            "CANARY_HARDLINKED_SOURCE",
        );
        report(
            &site,
            "content/committees/panel/2021-09-24/public.md",
            "title: Public",
            "See [the notes](files/notes.txt).",
        );
        site.pdf("content/committees/panel/2021-11-08/files/future.pdf");
        let dir = site.path().join("content/committees/panel");
        fs::create_dir_all(dir.join("2021-09-24/files")).unwrap();
        fs::hard_link(dir.join(from), dir.join(to)).unwrap();
        let names = [from, to].map(|n| format!("content/committees/panel/{n}"));
        let later = names.iter().max().unwrap();
        assert_refused(
            &site,
            &[(later.as_str(), "(a hard link), not a copy of it")],
        );
    }
}

#[test]
fn a_named_pipe_is_refused_not_waited_on() {
    let site = Site::new("fifo");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Report\n",
    );
    let fifo = site
        .path()
        .join("content/committees/panel/2021-09-24/notes.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // A build that waited on the pipe would never end; the test harness would hang.
    assert_refused(
        &site,
        &[(
            "content/committees/panel/2021-09-24/notes.md",
            "not an ordinary file",
        )],
    );
}

// ---------------------------------------------------------------- image metadata

/// A 2×2 PNG with a tEXt chunk holding `text`.
fn png_with_text(text: &str) -> Vec<u8> {
    let mut buf = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut buf, 2, 2);
        enc.set_color(png::ColorType::Rgb);
        enc.add_text_chunk("Author".into(), text.into()).unwrap();
        let mut w = enc.write_header().unwrap();
        w.write_image_data(&[255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255])
            .unwrap();
    }
    buf
}

#[test]
fn published_images_carry_no_metadata_and_the_same_pixels() {
    let site = Site::new("images");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Report\n    documents: [report.md]\n",
    );
    report(
        &site,
        "content/committees/panel/2021-09-24/report.md",
        "title: Report",
        "![A chart](files/chart.png)\n\n![A diagram](files/diagram.svg)",
    );
    let png = png_with_text("CANARY_PNG_AUTHOR");
    fs::create_dir_all(
        site.path()
            .join("content/committees/panel/2021-09-24/files"),
    )
    .unwrap();
    fs::write(
        site.path()
            .join("content/committees/panel/2021-09-24/files/chart.png"),
        &png,
    )
    .unwrap();
    site.write(
        "content/committees/panel/2021-09-24/files/diagram.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\" width=\"20\" height=\"20\" sodipodi:docname=\"CANARY_SVG_DOCNAME.svg\"><title>CANARY_SVG_TITLE</title><desc>CANARY_SVG_DESC</desc><!-- CANARY_SVG_COMMENT --><rect width=\"20\" height=\"20\" fill=\"#123456\"/></svg>",
    );
    let hidden = [
        "CANARY_PNG_AUTHOR",
        "CANARY_SVG_DOCNAME",
        "CANARY_SVG_TITLE",
        "CANARY_SVG_DESC",
        "CANARY_SVG_COMMENT",
    ];
    // Positive control: the sources hold every canary.
    let sources = common::scan::canaries(site.path());
    assert!(
        hidden.iter().all(|c| sources.contains(&c.to_string())),
        "{sources:?}"
    );
    assert_never_published(&site, &hidden, &["A chart"]);
    let published =
        fs::read(site.out("confidential/committees/panel/2021-09-24/files/chart.png")).unwrap();
    let before = image::load_from_memory(&png).unwrap().to_rgb8();
    let after = image::load_from_memory(&published).unwrap().to_rgb8();
    assert_eq!(before.as_raw(), after.as_raw(), "the pixels changed");
    let svg = common::read(&site.out("output/committees/panel/2021-09-24/files/diagram.svg"));
    assert!(
        svg.contains("<rect width=\"20\" height=\"20\" fill=\"#123456\"/>"),
        "{svg}"
    );
}
