//! A small site written file by file, for tests that attack the public build.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use super::{TempDir, build};

/// The build date of these sites: meetings published before it are public.
pub const AS_OF: &str = "2021-10-01";

/// A small site: one committee (`panel`) and three members, plus whatever a test writes.
pub struct Site(pub TempDir);

impl Site {
    pub fn new(label: &str) -> Site {
        let site = Site(TempDir::new(label));
        site.write(
            "site.toml",
            "title = \"Committee papers\"\ncouncil = \"Test Borough Council\"\nbase_url = \"https://papers.example.gov.uk\"\nlanguage = \"en-GB\"\njurisdiction = \"england\"\n",
        );
        for m in ["a-chair", "b-vice", "c-member"] {
            site.write(
                &format!("content/members/{m}.yaml"),
                &format!("name: Councillor {m}\n"),
            );
        }
        site.committee("panel", "Corporate Parenting Panel");
        site
    }

    pub fn committee(&self, slug: &str, name: &str) {
        self.write(
            &format!("content/committees/{slug}/committee.yaml"),
            &format!("name: {name}\nmembers:\n  - {{ member: a-chair, role: Chair }}\n  - {{ member: b-vice }}\n"),
        );
    }

    pub fn path(&self) -> &Path {
        self.0.path()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    /// Writes bytes (an office file, an image) at `rel`, making its folders.
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }

    /// A real one-page PDF whose text is `CANARY_EXEMPT_PDF_TEXT`, from the redaction fixture.
    pub fn pdf(&self, rel: &str) {
        let from = super::repo().join("tests/fixtures/redaction/content/committees/panel/2021-09-24/files/exempt-appendix.pdf");
        let to = self.path().join(rel);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(from, to).unwrap();
    }

    pub fn build(&self, extra: &[&str]) -> Output {
        build(self.path(), AS_OF, extra)
    }

    pub fn out(&self, name: &str) -> PathBuf {
        self.path().join(name)
    }

    /// The visible text of a built page (`output/...`), tags removed, the entities quire
    /// writes undone and spaces collapsed, as a reader sees it.
    pub fn text(&self, page: &str) -> String {
        super::page_words(&self.out(page))
    }
}

/// A meeting of `panel` on `date`, published on `published`, with the given items YAML.
pub fn meeting(site: &Site, committee: &str, date: &str, published: &str, items: &str) {
    site.write(
        &format!("content/committees/{committee}/{date}/meeting.yaml"),
        &format!("date: {date}\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: scheduled\nagenda_published: {published}\nitems:\n{items}"),
    );
}

/// The minutes of the panel's meeting of 2 July 2021, taken at its next meeting (24
/// September): both meetings, and the minutes with `front` added to their front matter
/// and `words` under "Apologies for absence".
pub fn minutes_taken_next_meeting(site: &Site, front: &str, words: &str) {
    meeting(
        site,
        "panel",
        "2021-07-02",
        "2021-06-24",
        "  - title: Apologies for absence\n",
    );
    meeting(
        site,
        "panel",
        "2021-09-24",
        "2021-09-16",
        "  - title: Minutes of the meeting held on 2 July 2021\n    documents: [../2021-07-02/minutes.md]\n",
    );
    site.write(
        "content/committees/panel/2021-07-02/minutes.md",
        &format!("---\ntitle: Minutes of 2 July\nkind: minutes\n{front}---\n\n## Apologies for absence\n\n{words}\n"),
    );
}

/// A report's Markdown: its front matter and `body`.
pub fn paper(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nkind: report\n---\n\n{body}")
}

/// The edition (`output` or `confidential`) builds and holds each file as written, in
/// `folder` (a meeting's `files/`, under the output).
pub fn assert_publishes(site: &Site, edition: &str, folder: &str, files: &[(&str, &[u8])]) {
    let members = edition == "confidential";
    let out = site.build(if members { &["--confidential"] } else { &[] });
    assert!(out.status.success(), "{edition}: {}", super::stderr(&out));
    for (name, bytes) in files {
        let got = std::fs::read(site.out(edition).join(folder).join(name)).ok();
        // An SVG is published cleaned of its editor's metadata.
        let svg = name.ends_with(".svg") && got.is_some();
        assert!(
            svg || got.as_deref() == Some(*bytes),
            "{edition} lacks {name}"
        );
    }
}
