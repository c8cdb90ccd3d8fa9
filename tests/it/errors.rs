//! Bad input: every problem reported in one run with file, line and hint; exit code 1;
//! and the previous output left exactly as it was.

use crate::common;

use std::fs;
use std::path::Path;

use crate::common::{build, build_ok, fixture, list_files};

const AS_OF: &str = "2026-11-22";

/// Builds once so there is an output to protect, applies `break_it`, builds again and
/// checks the failure. Returns stderr.
fn fails_and_keeps_output(break_it: impl FnOnce(&Path)) -> String {
    let site = fixture("redaction");
    build_ok(site.path(), AS_OF, &[]);
    let out_dir = site.path().join("output");
    let before: Vec<(String, Vec<u8>)> = list_files(&out_dir)
        .into_iter()
        .map(|f| {
            let b = fs::read(out_dir.join(&f)).unwrap();
            (f, b)
        })
        .collect();
    break_it(site.path());
    let out = build(site.path(), AS_OF, &[]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "expected failure, got: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("internal error"),
        "{err}"
    );
    let after: Vec<(String, Vec<u8>)> = list_files(&out_dir)
        .into_iter()
        .map(|f| {
            let b = fs::read(out_dir.join(&f)).unwrap();
            (f, b)
        })
        .collect();
    assert!(
        before == after,
        "the previous output/ changed after a failed build"
    );
    assert!(err.contains("Nothing was written"), "{err}");
    // The exact words the officer reads, kept as a snapshot named after the test (and
    // numbered, for a test that breaks the site more than once).
    thread_local!(static CALLS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) });
    let n = CALLS.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let test = std::thread::current()
        .name()
        .unwrap_or("unnamed")
        .rsplit("::")
        .next()
        .unwrap_or("unnamed")
        .to_string();
    let name = if n == 1 { test } else { format!("{test}-{n}") };
    insta::with_settings!({ filters => vec![(r"/tmp/quire-test-[^/\s]+", "[site]")] }, {
        insta::assert_snapshot!(name, err.as_str());
    });
    err
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let p = root.join(rel);
    let text = fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "fixture {rel} lacks {from:?}");
    fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

const MEETING: &str = "content/committees/panel/2021-09-24/meeting.yaml";
const REPORT: &str = "content/committees/panel/2021-09-24/public-report.md";

#[test]
fn yaml_syntax_error_names_the_line() {
    let err = fails_and_keeps_output(|r| {
        edit(
            r,
            MEETING,
            "venue: Council Chamber, County Hall",
            "venue: [unclosed",
        )
    });
    assert!(err.contains("meeting.yaml:3:"), "{err}");
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn misspelt_exempt_key_is_an_error_not_a_leak() {
    let err =
        fails_and_keeps_output(|r| edit(r, MEETING, "    exempt: [1]\n", "    exmept: [1]\n"));
    assert!(
        err.contains("meeting.yaml:") && err.contains("exmept"),
        "{err}"
    );
}

#[test]
fn unknown_key_in_front_matter_names_the_file_line() {
    let err = fails_and_keeps_output(|r| edit(r, REPORT, "divisions: None", "divisons: None"));
    assert!(err.contains("public-report.md:5:"), "{err}");
    assert!(err.contains("divisons"), "{err}");
}

#[test]
fn unknown_member_committee_and_document() {
    let err = fails_and_keeps_output(|r| {
        edit(
            r,
            MEETING,
            "present: [a-chair, b-vice]",
            "present: [a-chair, z-nobody]",
        );
        edit(
            r,
            MEETING,
            "documents: [newsletter.md]",
            "documents: [newsleter.md]",
        );
        edit(
            r,
            MEETING,
            "documents: [../2021-07-02/minutes.md]",
            "documents: [../../other/2021-07-02/minutes.md]",
        );
    });
    assert!(
        err.contains("meeting.yaml:7: unknown member \"z-nobody\""),
        "{err}"
    );
    assert!(err.contains("unknown document \"newsleter.md\""), "{err}");
    assert!(
        err.contains("unknown document \"../../other/2021-07-02/minutes.md\""),
        "{err}"
    );
    assert!(err.contains("same committee"), "{err}");
    assert!(err.contains("3 errors"), "all problems in one run: {err}");
}

#[test]
fn committee_without_committee_yaml() {
    let err = fails_and_keeps_output(|r| {
        fs::create_dir_all(r.join("content/committees/ghost/2021-01-01")).unwrap();
        fs::write(
            r.join("content/committees/ghost/2021-01-01/meeting.yaml"),
            "date: 2021-01-01\nvenue: x\n",
        )
        .unwrap();
    });
    assert!(
        err.contains("committees/ghost: this committee folder has no committee.yaml"),
        "{err}"
    );
}

#[test]
fn paragraph_outside_the_jurisdiction() {
    let err =
        fails_and_keeps_output(|r| edit(r, MEETING, "    exempt: [1]\n", "    exempt: [12]\n"));
    assert!(
        err.contains("paragraph 12 is not an exempt category of Part 1"),
        "{err}"
    );
    assert!(err.contains("1 to 7"), "{err}");
}

#[test]
fn welsh_site_rejects_english_paragraphs() {
    let err = fails_and_keeps_output(|r| {
        edit(
            r,
            "site.toml",
            "jurisdiction = \"england\"",
            "jurisdiction = \"wales\"",
        )
    });
    assert!(err.contains("not an exempt category of Part 4"), "{err}");
    assert!(err.contains("12 to 18"), "{err}");
}

#[test]
fn path_leaving_content() {
    let err = fails_and_keeps_output(|r| {
        edit(
            r,
            REPORT,
            "(files/public-chart.svg)",
            "(../../../../../site.toml)",
        );
        edit(
            r,
            MEETING,
            "files/public-appendix.pdf",
            "../../../../../etc/passwd.pdf",
        );
    });
    assert!(
        err.contains(
            "public-report.md:24: the link \"../../../../../site.toml\" leaves the content folder"
        ),
        "{err}"
    );
    assert!(err.contains("is outside the content folder"), "{err}");
}

#[test]
fn duplicate_slug() {
    let err = fails_and_keeps_output(|r| {
        fs::write(
            r.join("content/pages/committees.md"),
            "---\ntitle: Our committees\n---\nText\n",
        )
        .unwrap();
    });
    assert!(err.contains("duplicate slug"), "{err}");
}

#[test]
fn bad_dates() {
    let err = fails_and_keeps_output(|r| {
        edit(
            r,
            MEETING,
            "agenda_published: 2021-09-16",
            "agenda_published: 16/09/2021",
        );
        edit(r, MEETING, "until: 2030-01-01", "until: 2030-02-30");
    });
    assert!(
        err.contains("meeting.yaml:5: agenda_published: \"16/09/2021\" is not a date"),
        "{err}"
    );
    assert!(err.contains("until: \"2030-02-30\" is not a date"), "{err}");
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

/// A red-team session found a second, false error after the first: the exempt item
/// whose `exempt:` held a bad date was said to have a summary "but is not exempt".
#[test]
fn an_exempt_item_with_a_bad_date_has_one_error_not_two() {
    let err = fails_and_keeps_output(|r| {
        edit(
            r,
            MEETING,
            "    body: CANARY_EXEMPT_MAP_ITEM_BODY",
            "    body: CANARY_EXEMPT_MAP_ITEM_BODY\n    minutes_summary: The panel agreed the recommendation.",
        );
        edit(r, MEETING, "until: 2030-01-01", "until: 2030-02-30");
    });
    assert!(err.contains("until: \"2030-02-30\" is not a date"), "{err}");
    assert!(!err.contains("but is not exempt"), "{err}");
}

#[test]
fn missing_title() {
    let err = fails_and_keeps_output(|r| {
        edit(
            r,
            REPORT,
            "title: \"Annual report: Supporting Solutions\"\n",
            "",
        )
    });
    assert!(
        err.contains("public-report.md:1: missing field `title`"),
        "{err}"
    );
    assert!(
        !err.contains("unknown document"),
        "no knock-on errors: {err}"
    );
    assert!(err.contains("1 error."), "{err}");
}

#[test]
fn missing_front_matter_and_non_utf8() {
    let err = fails_and_keeps_output(|r| {
        fs::write(r.join(REPORT), "# No front matter\n").unwrap();
        fs::write(
            r.join("content/committees/panel/2021-09-24/minutes.md"),
            "---\rtitle: Minutes\rkind: minutes\r---\rThe text.\r",
        )
        .unwrap();
        fs::write(
            r.join("content/committees/panel/2021-09-24/newsletter.md"),
            [0xff, 0xfe, 0x00],
        )
        .unwrap();
    });
    assert!(
        err.contains("public-report.md:1: the file does not start with front matter"),
        "{err}"
    );
    assert!(
        err.contains("minutes.md:1: the file's lines end with a carriage return alone"),
        "{err}"
    );
    assert!(
        err.contains("newsletter.md: this file is UTF-16 text, not UTF-8"),
        "{err}"
    );
}

#[test]
fn missing_site_toml_and_bad_as_of() {
    let site = fixture("redaction");
    fs::remove_file(site.path().join("site.toml")).unwrap();
    // No site.toml where --root points: the command is wrong (exit 2), as documented.
    let out = build(site.path(), AS_OF, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::stderr(&out).contains("this folder has no site.toml"),
        "{}",
        common::stderr(&out)
    );
    let out = build(site.path(), "24/09/2021", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("write it as YYYY-MM-DD"));
}

#[test]
fn unlisted_document_is_a_warning_and_not_published() {
    let site = fixture("redaction");
    let stray = site
        .path()
        .join("content/committees/panel/2021-09-24/stray.md");
    fs::write(&stray, "---\ntitle: STRAY_DOCUMENT\n---\nBody\n").unwrap();
    let out = build_ok(site.path(), AS_OF, &[]);
    let err = common::stderr(&out);
    assert!(err.contains("warning: content/committees/panel/2021-09-24/stray.md: no agenda item lists this document"), "{err}");
    // Not a page, not a file, and not a word of it anywhere in the site.
    let out = site.path().join("output");
    let stray = common::scan::found_in(&out, &["STRAY_DOCUMENT".to_string()]);
    assert!(stray.is_empty(), "{stray:?}");
    // Positive control: the listed documents of the same meeting are published.
    assert!(!common::scan::found_in(&out, &["Supporting Solutions".to_string()]).is_empty());
}

#[test]
fn a_due_review_is_warned_at_its_line_until_the_exemption_lapses() {
    let site = fixture("redaction");
    edit(
        site.path(),
        MEETING,
        "    exempt: [1]\n    body: CANARY_EXEMPT_ITEM_BODY",
        "    exempt: { paragraphs: [1], review: 2026-06-01 }\n    body: CANARY_EXEMPT_ITEM_BODY",
    );
    let out = build_ok(site.path(), AS_OF, &[]);
    let err = common::stderr(&out);
    let line = fs::read_to_string(site.path().join(MEETING))
        .unwrap()
        .lines()
        .position(|l| l.contains("review: 2026-06-01"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!(
            "warning: {MEETING}:{line}: the exemption of item 6 was due for review on 1 June 2026"
        )),
        "{err}"
    );
    // Control: before the review date there is no warning.
    let early = common::stderr(&build_ok(site.path(), "2026-05-31", &[]));
    assert!(!early.contains("due for review"), "{early}");
}

#[test]
fn two_builds_of_one_folder_never_run_at_once() {
    let site = fixture("redaction");
    build_ok(site.path(), AS_OF, &[]);
    let out_dir = site.path().join("output");
    let before = list_files(&out_dir);
    // Another build holds the folder (as a running build or `quire serve` would).
    let held = fs::File::create(site.path().join(".output.lock")).unwrap();
    held.lock().unwrap();
    let out = build(site.path(), "2027-03-19", &[]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("another quire build (or quire serve) is writing this folder right now"),
        "{err}"
    );
    assert_eq!(
        list_files(&out_dir),
        before,
        "the second build touched the site"
    );
    // Control: once the first has finished, the build runs.
    drop(held);
    build_ok(site.path(), "2027-03-19", &[]);
    assert!(
        out_dir
            .join("committees/panel/2027-03-19/agenda-pack.pdf")
            .exists()
    );
}

#[test]
fn late_agenda_is_warned() {
    let site = fixture("redaction");
    edit(
        site.path(),
        MEETING,
        "agenda_published: 2021-09-16",
        "agenda_published: 2021-09-20",
    );
    let out = build_ok(site.path(), AS_OF, &[]);
    let err = common::stderr(&out);
    assert!(err.contains("gives only 3 clear working days"), "{err}");
    assert!(err.contains("publish by 16 September 2021"), "{err}");
}

#[test]
fn any_input_bytes_never_panic() {
    // A few hostile inputs in every YAML slot.
    for junk in [
        "",
        "---",
        "[",
        "{a: [}",
        "\u{0}\u{1}",
        "- - - -",
        "title: &a [*a]",
        "date: 99999-99-99",
    ] {
        let site = fixture("redaction");
        fs::write(site.path().join(MEETING), junk).unwrap();
        fs::write(site.path().join("content/members/a-chair.yaml"), junk).unwrap();
        fs::write(
            site.path().join("content/committees/panel/committee.yaml"),
            junk,
        )
        .unwrap();
        let out = build(site.path(), AS_OF, &[]);
        let err = common::stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{junk:?}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("internal error"),
            "{junk:?}: {err}"
        );
    }
}

#[test]
fn damaged_image_names_the_document_line() {
    let err = fails_and_keeps_output(|r| {
        fs::write(
            r.join("content/committees/panel/2021-09-24/files/public-chart.svg"),
            "not an image",
        )
        .unwrap();
    });
    assert!(
        err.contains("public-report.md:24: the image \"files/public-chart.svg\" is damaged"),
        "{err}"
    );
}

#[test]
fn links_to_source_files_are_refused() {
    let err = fails_and_keeps_output(|r| {
        edit(
            r,
            REPORT,
            "[Appendix 3](files/exempt-appendix.pdf)",
            "[the agenda](meeting.yaml)",
        )
    });
    assert!(
        err.contains("public-report.md:14: \"meeting.yaml\" is not a kind of file quire publishes"),
        "{err}"
    );
}

#[test]
fn broken_meeting_still_reports_its_documents() {
    let err = fails_and_keeps_output(|r| {
        edit(
            r,
            MEETING,
            "venue: Council Chamber, County Hall",
            "venue: [unclosed",
        );
        edit(r, REPORT, "divisions: None", "divisons: None");
    });
    assert!(err.contains("meeting.yaml:3:"), "{err}");
    assert!(err.contains("public-report.md:5:"), "{err}");
    assert!(
        !err.contains("unknown document"),
        "no knock-on errors: {err}"
    );
}

#[test]
fn damaged_appendix_and_reserved_pack_name() {
    let err = fails_and_keeps_output(|r| {
        fs::write(
            r.join("content/committees/panel/2021-09-24/files/public-appendix.pdf"),
            "%PDF-1.4 truncated",
        )
        .unwrap();
        fs::write(
            r.join("content/committees/panel/2021-09-24/agenda-pack.pdf"),
            "%PDF",
        )
        .unwrap();
        edit(
            r,
            MEETING,
            "files/public-appendix.pdf, title: \"Appendix 2: Public data\" }",
            "files/public-appendix.pdf, title: \"Appendix 2: Public data\" }\n      - { file: agenda-pack.pdf, title: Clash }",
        );
    });
    assert!(
        err.contains("meeting.yaml:20: the PDF \"files/public-appendix.pdf\" is cut short"),
        "{err}"
    );
    assert!(
        err.contains("\"agenda-pack.pdf\" has the name of the agenda pack"),
        "{err}"
    );
}

#[test]
fn absurd_nesting_is_an_error_not_a_crash() {
    let err = fails_and_keeps_output(|r| {
        let body = format!(
            "---\ntitle: Nested\n---\n{} deep\n\n{}x{}\n",
            ">".repeat(3000),
            "[".repeat(2000),
            "]".repeat(2000)
        );
        fs::write(
            r.join("content/committees/panel/2021-09-24/newsletter.md"),
            body,
        )
        .unwrap();
    });
    assert!(
        err.contains(
            "newsletter.md:4: quotes, lists or emphasis are nested more than 12 levels deep"
        ),
        "{err}"
    );
}

#[test]
fn nesting_up_to_the_limit_builds_with_its_pack() {
    // Positive control for the nesting limit: twelve levels lay out in the pack.
    let site = fixture("redaction");
    let body = format!(
        "---\ntitle: Nested\n---\n{} twelve\n\n{}\n",
        ">".repeat(12),
        (0..12)
            .map(|i| format!("{}- level {i}", "  ".repeat(i)))
            .collect::<Vec<_>>()
            .join("\n")
    );
    fs::write(
        site.path()
            .join("content/committees/panel/2021-09-24/newsletter.md"),
        body,
    )
    .unwrap();
    build_ok(site.path(), AS_OF, &[]);
    assert!(
        site.path()
            .join("output/committees/panel/2021-09-24/agenda-pack.pdf")
            .is_file()
    );
}

#[test]
fn contradictions_in_the_record_are_errors() {
    use crate::common::site::{Site, meeting};
    let site = Site::new("contradictions");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Apologies\n    number: -3\n  - title: Budget\n    number: 100000\n",
    );
    let file = site
        .path()
        .join("content/committees/panel/2021-09-24/meeting.yaml");
    let text = fs::read_to_string(&file).unwrap().replace(
        "items:",
        "attendance:\n  present: [a-chair, b-vice]\n  apologies: [b-vice]\n  substitutes:\n    - { member: c-member, for: c-member }\nitems:",
    );
    fs::write(&file, text).unwrap();
    let out = site.build(&[]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for expected in [
        "meeting.yaml:8: \"b-vice\" is recorded both under present and under apologies",
        "meeting.yaml:10: \"c-member\" is recorded as substituting for themselves",
        "number: -3 is not an agenda item number",
        "number: 100000 is not an agenda item number",
    ] {
        assert!(err.contains(expected), "missing {expected}:\n{err}");
    }
}

#[test]
fn a_truncated_pdf_appendix_is_an_error() {
    let site = fixture("redaction");
    let pdf = site
        .path()
        .join("content/committees/panel/2021-09-24/files/public-appendix.pdf");
    let bytes = fs::read(&pdf).unwrap();
    fs::write(&pdf, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let out = build(site.path(), AS_OF, &[]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("meeting.yaml:20: the PDF \"files/public-appendix.pdf\" is cut short")
            && err.contains("this copy is incomplete"),
        "{err}"
    );
}

#[test]
fn an_error_in_an_items_body_names_the_bodys_own_line() {
    use crate::common::site::{Site, meeting};
    let site = Site::new("body-line");
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Linked\n    body: |\n      First line.\n\n      See [missing](nowhere.md) here.\n  - title: Inline\n    body: \"Go to [x](gone.md).\"\n",
    );
    let err = common::stderr(&site.build(&[]));
    for expected in [
        "meeting.yaml:11: \"nowhere.md\" does not exist",
        "meeting.yaml:13: \"gone.md\" does not exist",
    ] {
        assert!(err.contains(expected), "missing {expected}:\n{err}");
    }
}

#[test]
fn an_empty_file_and_unclosed_front_matter_say_what_is_wrong() {
    let err = fails_and_keeps_output(|r| {
        fs::write(r.join(MEETING), "").unwrap();
        fs::write(
            r.join("content/committees/panel/2021-09-24/public-report.md"),
            "---\ntitle: Report\nkind: report\n\nThe text, with no closing line above it.\n",
        )
        .unwrap();
    });
    assert!(
        err.contains(
            "meeting.yaml:1:1: the file ends before its settings are complete (is it empty?)"
        ),
        "{err}"
    );
    assert!(
        err.contains("public-report.md:1: the front matter that starts here is never closed"),
        "{err}"
    );
}

#[test]
fn every_command_has_help_with_examples_and_completions_are_printed() {
    for cmd in ["build", "serve", "check", "audit", "new", "completions"] {
        let out = common::quire().args([cmd, "--help"]).output().unwrap();
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{cmd} --help failed");
        assert!(help.contains("Usage: quire"), "{cmd}: {help}");
        if cmd != "new" {
            assert!(
                help.contains("Example"),
                "{cmd} --help has no examples:\n{help}"
            );
        }
    }
    let out = common::quire()
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("_quire()"));
    // A wrong command is a usage error, exit 2.
    let out = common::quire().args(["biuld"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = common::quire()
        .args(["build", "--output"])
        .arg(env!("CARGO_MANIFEST_DIR").to_string() + "/Cargo.toml")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::stderr(&out).contains("this is a file"),
        "{}",
        common::stderr(&out)
    );
}

/// Rounds 38 and 39: a public build as of a day still to come is refused, wherever it
/// is written (`--output /srv/www/papers` is how a site is deployed): it would publish
/// papers before their day, and exempt ones before their exemption lapses. `--preview`
/// builds it into preview/, never output/; the members' edition may look ahead.
#[test]
fn a_public_build_of_a_day_to_come_needs_preview() {
    let site = fixture("redaction");
    let later = "2999-01-01";
    let plain = |extra: &[&str]| {
        common::quire()
            .args(["build", "--as-of", later, "--root"])
            .arg(site.path())
            .args(extra)
            .output()
            .unwrap()
    };
    let deployed = site.path().join("www");
    for extra in [&[][..], &["--output", deployed.to_str().unwrap()]] {
        let out = plain(extra);
        assert_eq!(out.status.code(), Some(2), "{}", common::stderr(&out));
        assert!(
            common::stderr(&out).contains("--as-of 2999-01-01 is after today"),
            "{}",
            common::stderr(&out)
        );
    }
    assert!(!site.path().join("output").exists() && !deployed.exists());
    // A preview, into preview/; never into output/, however it is named.
    let out = plain(&["--preview"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(site.path().join("preview/index.html").exists());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(
            "Built the preview of the public site as it will be on Tuesday 1 January 2999 in"
        ),
        "{said}"
    );
    for named in ["output", "output/", "./output"] {
        let out = common::quire()
            .current_dir(site.path())
            .args(["build", "--preview", "--as-of", later, "--output", named])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{named}: {}",
            common::stderr(&out)
        );
        assert!(common::stderr(&out).contains("a preview is never built into output/"));
    }
    assert!(!site.path().join("output").exists());
    // The members' edition looks ahead freely.
    let out = plain(&["--confidential"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    // And as of today (the clock stood in for), into output/.
    let out = common::quire()
        .env("QUIRE_TODAY", later)
        .args(["build", "--as-of", later, "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(site.path().join("output/index.html").exists());
}
