//! Each redaction rule on a small site held in memory: what the public edition holds, and
//! (the positive control) what the members' edition holds of the same site.

use std::path::PathBuf;

use super::*;
use crate::diag::Diagnostics;
use crate::load::{CommitteeDir, MeetingDir, SourceFile, Sources};

const SITE: &str = "title = \"Papers\"\ncouncil = \"Test Council\"\nbase_url = \"https://papers.example.gov.uk\"\nlanguage = \"en-GB\"\njurisdiction = \"england\"\n";

/// One meeting of the committee `panel`: its folder name, meeting.yaml and documents.
struct Meeting {
    slug: &'static str,
    yaml: String,
    docs: Vec<(&'static str, String)>,
}

fn meeting(slug: &'static str, published: &str, items: &str) -> Meeting {
    Meeting {
        slug,
        yaml: format!(
            "date: {}\nvenue: Room 1\nstatus: held\n{published}\nattendance:\n  present: [a]\n  officers: [\"OFFICER_{}\"]\nitems:\n{items}",
            &slug[..10],
            slug.replace('-', "_")
        ),
        docs: Vec::new(),
    }
}

impl Meeting {
    fn doc(mut self, name: &'static str, front: &str, body: &str) -> Meeting {
        self.docs
            .push((name, format!("---\n{front}\n---\n{body}\n")));
        self
    }
}

fn file(root: &std::path::Path, rel: String, text: String) -> SourceFile {
    SourceFile {
        path: root.join(&rel),
        rel: PathBuf::from(rel),
        text,
    }
}

/// The library of a site with one committee, `panel`, and the given meetings, all held in
/// memory (a site whose documents link to files needs them on disk: see [`library_at`]).
fn library(meetings: Vec<Meeting>) -> Library {
    library_at(std::path::Path::new("/nonexistent-quire-site"), meetings)
}

fn library_at(root: &std::path::Path, meetings: Vec<Meeting>) -> Library {
    let mut diags = Diagnostics::default();
    let config = crate::config::parse(SITE, &mut diags).expect("site.toml");
    let dir = |m: &str| format!("content/committees/panel/{m}");
    let mut sources = Sources {
        root: root.to_path_buf(),
        content: root.join("content"),
        committees: vec![CommitteeDir {
            slug: "panel".into(),
            dir: root.join("content/committees/panel"),
            committee: Some(file(
                root,
                "content/committees/panel/committee.yaml".into(),
                "name: Panel\nmembers: [{ member: a }]\n".into(),
            )),
            committee_unreadable: false,
            meetings: meetings
                .into_iter()
                .map(|m| MeetingDir {
                    slug: m.slug.into(),
                    dir: root.join(dir(m.slug)),
                    meeting: Some(file(root, format!("{}/meeting.yaml", dir(m.slug)), m.yaml)),
                    meeting_unreadable: false,
                    markdown: m
                        .docs
                        .into_iter()
                        .map(|(name, text)| file(root, format!("{}/{name}", dir(m.slug)), text))
                        .collect(),
                })
                .collect(),
        }],
        members: vec![file(
            root,
            "content/members/a.yaml".into(),
            "name: Councillor A\n".into(),
        )],
        pages: Vec::new(),
        forward_plan: Vec::new(),
        decisions: Vec::new(),
        listing: [0; 32],
    };
    let lib = crate::model::build(config, &mut sources, &mut diags);
    assert!(!diags.has_errors(), "{:#?}", diags.sorted());
    lib
}

fn date(s: &str) -> time::Date {
    crate::text::parse_date(s).unwrap()
}

/// Everything an edition would show, as one text to search: titles, bodies, notices,
/// attendance.
fn shown(ed: &Edition) -> String {
    let mut out = String::new();
    for m in ed.meetings() {
        if let Some(a) = &m.attendance {
            out.push_str(&a.officers.join(" "));
        }
        fn items(ed: &Edition, list: &[ItemView], out: &mut String) {
            for i in list {
                out.push_str(&format!(" [{}] ", i.title));
                if let Some(b) = &i.body {
                    out.push_str(&b.words(10_000));
                }
                if let Some(n) = &i.notice {
                    out.push_str(n.reason.as_deref().unwrap_or(""));
                }
                for slot in &i.documents {
                    match slot {
                        DocSlot::Shown(d) => {
                            out.push_str(&format!(" <{}> ", ed.documents()[*d].title))
                        }
                        DocSlot::Withheld { title, .. } => out.push_str(&format!(" {{{title}}} ")),
                    }
                }
                items(ed, &i.items, out);
            }
        }
        items(ed, &m.items, &mut out);
    }
    for d in ed.documents() {
        out.push_str(&format!(" <{}> ", d.title));
        if let Some(n) = &d.marking {
            out.push_str(n.reason.as_deref().unwrap_or(""));
        }
        if let DocBody::Markdown(t) = &d.body {
            out.push_str(&t.words(10_000));
        }
    }
    out
}

fn both(lib: &Library, as_of: &str) -> (String, String) {
    (
        shown(&edition(lib, Audience::Public, date(as_of))),
        shown(&edition(lib, Audience::Confidential, date(as_of))),
    )
}

const PUBLISHED: &str = "agenda_published: 2021-09-16";

#[test]
fn a_draft_leaves_no_trace_in_public() {
    let lib = library(vec![
        meeting(
            "2021-09-24",
            PUBLISHED,
            "  - title: Report\n    documents: [note.md]\n",
        )
        .doc("note.md", "title: DRAFT_TITLE\ndraft: true", "DRAFT_BODY"),
    ]);
    let (public, members) = both(&lib, "2021-10-01");
    assert!(
        !public.contains("DRAFT_TITLE") && !public.contains("DRAFT_BODY"),
        "{public}"
    );
    assert!(
        members.contains("DRAFT_TITLE") && members.contains("DRAFT_BODY"),
        "{members}"
    );
}

#[test]
fn a_documents_own_exemption_withholds_it_until_it_lapses() {
    let lib = library(vec![
        meeting(
            "2021-09-24",
            PUBLISHED,
            "  - title: Report\n    documents: [costs.md]\n",
        )
        .doc(
            "costs.md",
            "title: Costs\nexempt: { paragraphs: [3], until: 2022-01-01, reason: REASON_TEXT }",
            "COSTS_BODY",
        ),
    ]);
    let (public, members) = both(&lib, "2021-10-01");
    assert!(
        public.contains("{Costs}")
            && !public.contains("COSTS_BODY")
            && !public.contains("REASON_TEXT"),
        "{public}"
    );
    assert!(
        members.contains("COSTS_BODY") && members.contains("REASON_TEXT"),
        "{members}"
    );
    let (lapsed, _) = both(&lib, "2022-01-01");
    assert!(
        lapsed.contains("<Costs>")
            && lapsed.contains("COSTS_BODY")
            && !lapsed.contains("REASON_TEXT"),
        "{lapsed}"
    );
}

#[test]
fn an_exempt_item_withholds_its_body_documents_and_sub_items() {
    let lib = library(vec![
        meeting(
            "2021-09-24",
            PUBLISHED,
            "  - title: Placements\n    exempt: [1]\n    body: ITEM_BODY\n    documents: [child.md]\n    items:\n      - title: SUB_TITLE\n        documents: [sub.md]\n",
        )
        .doc("child.md", "title: CHILD_TITLE", "CHILD_BODY")
        .doc("sub.md", "title: SUB_DOC_TITLE", "SUB_BODY"),
    ]);
    let (public, members) = both(&lib, "2021-10-01");
    for hidden in [
        "ITEM_BODY",
        "CHILD_TITLE",
        "CHILD_BODY",
        "SUB_TITLE",
        "SUB_DOC_TITLE",
        "SUB_BODY",
    ] {
        assert!(!public.contains(hidden), "{hidden} in {public}");
        assert!(members.contains(hidden), "{hidden} not in {members}");
    }
    assert!(public.contains("[Placements]"));
}

#[test]
fn the_most_restrictive_listing_wins_and_names_the_document() {
    let lib = library(vec![
        meeting(
            "2021-09-24",
            PUBLISHED,
            "  - title: Homes update\n    documents: [homes.md]\n  - title: REAL_ITEM_TITLE\n    public_title: Regulation 44 visits\n    exempt: [1]\n    documents: [homes.md]\n",
        )
        .doc("homes.md", "title: REAL_DOC_TITLE", "HOMES_BODY"),
    ]);
    let (public, members) = both(&lib, "2021-10-01");
    assert!(
        !public.contains("REAL_DOC_TITLE")
            && !public.contains("HOMES_BODY")
            && !public.contains("REAL_ITEM_TITLE"),
        "{public}"
    );
    assert!(public.contains("{Regulation 44 visits}"), "{public}");
    assert!(
        members.contains("REAL_DOC_TITLE") && members.contains("HOMES_BODY"),
        "{members}"
    );
}

#[test]
fn an_unpublished_meetings_documents_and_attendance_stay_unpublished() {
    let lib = library(vec![
        meeting(
            "2021-09-24",
            PUBLISHED,
            "  - title: Listed early\n    documents: [../2021-11-08/future.md]\n",
        ),
        meeting(
            "2021-11-08",
            "agenda_published: 2021-11-01",
            "  - title: Future\n    documents: [future.md]\n",
        )
        .doc("future.md", "title: FUTURE_TITLE", "FUTURE_BODY"),
    ]);
    let (public, members) = both(&lib, "2021-10-01");
    for hidden in ["FUTURE_TITLE", "FUTURE_BODY", "OFFICER_2021_11_08"] {
        assert!(!public.contains(hidden), "{hidden} in {public}");
        assert!(members.contains(hidden), "{hidden} not in {members}");
    }
    // The published meeting's own attendance is public.
    assert!(public.contains("OFFICER_2021_09_24"));
    let (later, _) = both(&lib, "2021-11-01");
    assert!(
        later.contains("FUTURE_BODY") && later.contains("OFFICER_2021_11_08"),
        "{later}"
    );
}

#[test]
fn a_lapsed_exemption_is_recorded_as_released_and_one_in_force_is_not() {
    let lib = library(vec![meeting(
        "2021-09-24",
        PUBLISHED,
        "  - title: Lapsed\n    exempt: { paragraphs: [3], until: 2021-09-30 }\n  - title: In force\n    exempt: { paragraphs: [1], until: 2022-01-01 }\n",
    )]);
    let public = edition(&lib, Audience::Public, date("2021-10-01"));
    let items = &public.meetings()[0].items;
    assert_eq!(
        items[0].released.as_deref(),
        Some(
            "Published on 30 September 2021; previously exempt under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972."
        )
    );
    assert_eq!(items[1].released, None);
    // The day before it lapses, it is a notice, not a release.
    let before = edition(&lib, Audience::Public, date("2021-09-29"));
    assert!(
        before.meetings()[0].items[0].released.is_none()
            && before.meetings()[0].items[0].notice.is_some()
    );
}

#[test]
fn a_public_title_is_shown_wherever_it_is_written_until_its_exemption_lapses() {
    let lib = library(vec![meeting(
        "2021-09-24",
        PUBLISHED,
        "  - title: REAL_PUBLIC_ITEM\n    public_title: Shown title\n  - title: REAL_LAPSED_ITEM\n    public_title: Old public title\n    exempt: { paragraphs: [1], until: 2021-09-30 }\n",
    )]);
    let (public, members) = both(&lib, "2021-10-01");
    assert!(
        public.contains("[Shown title]") && !public.contains("REAL_PUBLIC_ITEM"),
        "{public}"
    );
    assert!(
        public.contains("[REAL_LAPSED_ITEM]") && !public.contains("Old public title"),
        "{public}"
    );
    assert!(members.contains("REAL_PUBLIC_ITEM"), "{members}");
}

#[test]
// The files a document links to must exist, so this site's files are on disk.
#[allow(clippy::disallowed_methods)]
fn files_are_published_only_with_a_visible_document() {
    let root = std::env::temp_dir().join(format!("quire-redact-files-{}", std::process::id()));
    let files = root.join("content/committees/panel/2021-09-24/files");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("shared.csv"), "a,b\n").unwrap();
    std::fs::write(files.join("secret.csv"), "SECRET,1\n").unwrap();
    let lib = library_at(&root, vec![
        meeting("2021-09-24", PUBLISHED, "  - title: Public\n    documents: [public.md]\n  - title: Exempt\n    exempt: [1]\n    documents: [exempt.md]\n")
            .doc("public.md", "title: Public", "See [the shared chart](files/shared.csv).")
            .doc("exempt.md", "title: Exempt", "See [the secret table](files/secret.csv) and [the shared chart](files/shared.csv)."),
    ]);
    let public = edition(&lib, Audience::Public, date("2021-10-01"));
    let urls: Vec<&String> = public.assets().keys().collect();
    assert_eq!(urls, vec!["/committees/panel/2021-09-24/files/shared.csv"]);
    let members = edition(&lib, Audience::Confidential, date("2021-10-01"));
    assert_eq!(members.assets().len(), 2);
    std::fs::remove_dir_all(&root).ok();
}
