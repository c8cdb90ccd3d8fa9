//! `quire check`: one site with a positive and a negative case of every check, read back
//! through `--format json`, so each finding's code, file and line are what a script sees.

use std::collections::BTreeSet;

use crate::common::site::{Site, meeting};
use crate::common::{pdf_with_text, quire, stderr};

/// The date the checks run as of.
const AS_OF: &str = "2021-10-30";

fn report(site: &Site, rel: &str, body: &str) {
    site.write(
        rel,
        &format!("---\ntitle: A report\nkind: report\n---\n\n{body}\n"),
    );
}

const GOOD_REPORT: &str = "## Purpose\n\nThis report sets out the plan.\n\n### Detail\n\n![Chart of placements by type](files/chart.png)\n\nSee [the fostering annual report](#purpose).\n\n| Area | Children |\n| --- | --- |\n| North | 41 |\n\n## Recommendations\n\nThe panel is asked to note the report.\n\n## Background papers\n\nNone.";

fn bad_report() -> String {
    let long = vec!["word"; 160].join(" ");
    format!(
        "## Purpose\n\n#### Too deep\n\n![](files/chart.png)\n\nRead it [click here](https://example.org/a) or at [https://example.org/b](https://example.org/b).\n\n|  |  |\n| --- | --- |\n| North | 41 |\n\nTHE PANEL MUST NOTE THIS NOW PLEASE.\n\n{long}\n\nSee [the costs](#nowhere)."
    )
}

/// A meeting that has taken place.
fn held(site: &Site, date: &str, published: &str, items: &str) {
    meeting(site, "panel", date, published, items);
    let file = site
        .path()
        .join(format!("content/committees/panel/{date}/meeting.yaml"));
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("status: scheduled", "status: held")).unwrap();
}

/// The site: meetings and papers with and without each problem.
fn site() -> Site {
    let site = Site::new("check");
    let png = {
        let img = image::RgbImage::from_pixel(2, 2, image::Rgb([10, 20, 30]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };
    // A good meeting: notice given, exclusion before exempt business with a statement,
    // minutes with a section per item, and a report with everything.
    held(
        &site,
        "2021-09-24",
        "2021-09-16",
        "  - title: Fostering plan\n    documents: [good.md]\n  - title: Exclusion of the press and public\n  - title: Costs\n    exempt: { paragraphs: [3], reason: Commercial terms are still being negotiated. }\n    documents:\n      - { file: files/tagged.pdf, title: Placement data }\n",
    );
    report(
        &site,
        "content/committees/panel/2021-09-24/good.md",
        GOOD_REPORT,
    );
    site.write(
        "content/committees/panel/2021-09-24/minutes.md",
        "---\ntitle: Minutes\nkind: minutes\n---\n\n## Fostering plan\n\nNoted.\n\n## Exclusion of the press and public\n\nAgreed.\n\n## Costs\n\nAgreed.\n",
    );
    std::fs::create_dir_all(
        site.path()
            .join("content/committees/panel/2021-09-24/files"),
    )
    .unwrap();
    std::fs::write(
        site.path()
            .join("content/committees/panel/2021-09-24/files/chart.png"),
        &png,
    )
    .unwrap();
    std::fs::copy(
        crate::common::repo().join(
            "content/committees/corporate-parenting-panel/2021-09-24/files/placement-data.pdf",
        ),
        site.path()
            .join("content/committees/panel/2021-09-24/files/tagged.pdf"),
    )
    .unwrap();

    // A bad meeting: two clear days' notice, exempt business with no exclusion and no
    // statement, a report with every writing problem, PDFs a screen reader cannot read,
    // and no minutes five weeks on.
    held(
        &site,
        "2021-09-10",
        "2021-09-07",
        "  - title: Plan\n    documents: [bad.md]\n  - title: Costs\n    exempt: [3]\n    documents:\n      - { file: files/scan.pdf, title: A scan }\n      - { file: files/plain.pdf, title: An untagged export }\n",
    );
    std::fs::create_dir_all(
        site.path()
            .join("content/committees/panel/2021-09-10/files"),
    )
    .unwrap();
    std::fs::write(
        site.path()
            .join("content/committees/panel/2021-09-10/files/chart.png"),
        &png,
    )
    .unwrap();
    std::fs::write(
        site.path()
            .join("content/committees/panel/2021-09-10/files/scan.pdf"),
        pdf_with_text(""),
    )
    .unwrap();
    std::fs::write(
        site.path()
            .join("content/committees/panel/2021-09-10/files/plain.pdf"),
        pdf_with_text("Placement data"),
    )
    .unwrap();
    report(
        &site,
        "content/committees/panel/2021-09-10/bad.md",
        &bad_report(),
    );

    // Status against the date, and minutes missing an item.
    meeting(
        &site,
        "panel",
        "2021-11-15",
        "2021-11-01",
        "  - title: Future\n",
    );
    site.write(
        "content/committees/panel/2021-11-15/meeting.yaml",
        "date: 2021-11-15\nvenue: Room 1\nstatus: held\nagenda_published: 2021-11-01\nitems:\n  - title: Future\n",
    );
    site.write(
        "content/committees/panel/2021-10-01/meeting.yaml",
        "date: 2021-10-01\nvenue: Room 1\nstatus: scheduled\nagenda_published: 2021-09-20\nitems:\n  - title: Budget\n  - title: Fees\n",
    );
    site.write(
        "content/committees/panel/2021-10-01/minutes.md",
        "---\ntitle: Minutes\nkind: minutes\n---\n\n## Budget\n\nNoted.\n",
    );
    site
}

/// (code, file) of every finding.
fn findings(site: &Site, extra: &[&str]) -> (Option<i32>, Vec<serde_json::Value>) {
    let out = quire()
        .args(["check", "--format", "json", "--as-of", AS_OF, "--root"])
        .arg(site.path())
        .args(extra)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            stderr(&out)
        )
    });
    (
        out.status.code(),
        json.as_array().cloned().unwrap_or_default(),
    )
}

#[test]
fn every_check_finds_its_case_and_only_its_case() {
    let site = site();
    let (code, all) = findings(&site, &[]);
    let got: BTreeSet<(String, String)> = all
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or("").to_string(),
                f["file"]
                    .as_str()
                    .unwrap_or("")
                    .trim_start_matches("content/committees/panel/")
                    .to_string(),
            )
        })
        .collect();
    let want: BTreeSet<(String, String)> = [
        ("short-notice", "2021-09-10/meeting.yaml"),
        ("no-exclusion-item", "2021-09-10/meeting.yaml"),
        ("no-public-interest-statement", "2021-09-10/meeting.yaml"),
        ("minutes-due", "2021-09-10/meeting.yaml"),
        ("held-in-future", "2021-11-15/meeting.yaml"),
        ("scheduled-in-past", "2021-10-01/meeting.yaml"),
        ("minutes-missing-item", "2021-10-01/minutes.md"),
        ("no-recommendations", "2021-09-10/bad.md"),
        ("no-background-papers", "2021-09-10/bad.md"),
        ("skipped-heading-level", "2021-09-10/bad.md"),
        ("image-without-alt", "2021-09-10/bad.md"),
        ("vague-link-text", "2021-09-10/bad.md"),
        ("bare-url-link", "2021-09-10/bad.md"),
        ("table-without-header", "2021-09-10/bad.md"),
        ("capitals", "2021-09-10/bad.md"),
        ("long-paragraph", "2021-09-10/bad.md"),
        ("broken-anchor", "2021-09-10/bad.md"),
        ("pdf-no-text", "2021-09-10/meeting.yaml"),
        ("pdf-untagged", "2021-09-10/meeting.yaml"),
        ("pdf-no-title", "2021-09-10/meeting.yaml"),
        ("pdf-fonts-not-embedded", "2021-09-10/meeting.yaml"),
    ]
    .iter()
    .map(|(c, f)| (c.to_string(), f.to_string()))
    .collect();
    assert_eq!(
        got.iter().filter(|g| !want.contains(g)).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "unexpected findings (a negative case fired)"
    );
    assert_eq!(
        want.iter().filter(|w| !got.contains(w)).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "missing findings (a positive case did not fire)"
    );
    // Warnings only: check passes unless --strict.
    assert_eq!(code, Some(0));
    assert_eq!(findings(&site, &["--strict"]).0, Some(1));
    // Every finding has the fields scripts rely on; the notice names its days.
    for f in &all {
        for key in [
            "severity", "code", "file", "line", "column", "message", "hint",
        ] {
            assert!(f.get(key).is_some(), "{key} missing from {f}");
        }
    }
    let notice = all.iter().find(|f| f["code"] == "short-notice").unwrap();
    assert_eq!(
        (
            notice["clear_days"].as_u64(),
            notice["required_days"].as_u64()
        ),
        (Some(2), Some(5))
    );
    assert!(
        notice["message"].as_str().unwrap().contains("3 short"),
        "{notice}"
    );
    // The writing findings name their lines.
    let line = |code: &str| {
        all.iter()
            .find(|f| f["code"] == code)
            .and_then(|f| f["line"].as_u64())
    };
    assert_eq!(line("skipped-heading-level"), Some(8));
    assert_eq!(line("vague-link-text"), Some(12));
}

#[test]
fn check_writes_nothing_and_fails_on_errors() {
    let site = site();
    site.write(
        "content/committees/panel/2021-09-24/good.md",
        "no front matter\n",
    );
    let (code, all) = findings(&site, &[]);
    assert_eq!(code, Some(1));
    assert!(
        all.iter()
            .any(|f| f["code"] == "missing-front-matter" && f["severity"] == "error")
    );
    assert!(!site.path().join("output").exists());
    assert!(!site.path().join(".quire-cache").exists());
}
