//! The whole record of a meeting in its packs (issue 11): supplementary packs, urgent
//! items, background papers, minutes' approval and the minute of an exempt item.
//!
//! One site, written here file by file, built on two dates: 18 September 2021, after the
//! agenda (16 September) and before the supplementary agenda (20 September); and
//! 10 October 2021, when both are out and the next meeting's agenda carries the draft
//! minutes. Canaries (`CANARY_…`) stand in every field the public may not read yet or at
//! all; each is looked for in every byte of the public build and found in the members'
//! edition, which proves the scan can see it.

use std::path::{Path, PathBuf};

use crate::common;
use crate::common::pdftext::{collapse, page_text, squash};
use crate::common::scan::{found_in, missing_from};
use crate::common::site::Site;

const BEFORE: &str = "2021-09-18";
const AFTER: &str = "2021-10-10";

/// In the supplementary paper: unpublished on 18 September, public from 20 September.
const SUPPLEMENT_BODY: &str = "CANARY_SUPPLEMENTARY_BODY";
/// The reason for urgency of the item added on 20 September.
const URGENT_REASON: &str = "CANARY_URGENT_REASON";
/// The title of an exempt background paper: never public.
const EXEMPT_BACKGROUND: &str = "CANARY_EXEMPT_BACKGROUND_TITLE";
/// Where that paper can be inspected: never public.
const EXEMPT_BACKGROUND_PLACE: &str = "CANARY_EXEMPT_BACKGROUND_PLACE";
/// The full minute of an exempt item: never public; the public summary stands instead.
const EXEMPT_MINUTE: &str = "CANARY_EXEMPT_MINUTE_TEXT";
/// The title and report of an exempt item added on 20 September: never public.
const EXEMPT_LATE_TITLE: &str = "CANARY_EXEMPT_LATE_TITLE";
const EXEMPT_LATE_BODY: &str = "CANARY_EXEMPT_LATE_BODY";

const URGENCY: &str = "Urgent business. The chair agreed to consider this item as a matter of urgency because: The roof must be made safe before the winter";

fn site() -> Site {
    let site = Site::new("supplements");
    site.write(
        "site.toml",
        "title = \"Committee papers\"\ncouncil = \"Test Borough Council\"\nbase_url = \"https://papers.example.gov.uk\"\nlanguage = \"en-GB\"\njurisdiction = \"england\"\n\n[minutes]\npublish_drafts = true\n",
    );
    let m = "content/committees/panel";
    site.write(
        &format!("{m}/2021-07-02/meeting.yaml"),
        "date: 2021-07-02\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: held\nagenda_published: 2021-06-24\nitems:\n  - title: Apologies for absence\n",
    );
    site.write(
        &format!("{m}/2021-07-02/minutes.md"),
        "---\ntitle: Minutes of the meeting held on 2 July 2021\nkind: minutes\napproved_at: 2021-09-24\npublished: 2021-07-12\n---\n\n## 1 Apologies for absence\n\nThere were no apologies for absence.\n",
    );
    site.write(
        &format!("{m}/2021-09-24/meeting.yaml"),
        r#"date: 2021-09-24
time: "10:00"
venue: Committee Room 1
status: held
agenda_published: 2021-09-16
items:
  - title: Apologies for absence
  - title: Minutes of the meeting held on 2 July 2021
    documents: [../2021-07-02/minutes.md]
  - title: Quarterly performance
    documents: [performance.md]
  - title: Budget monitoring
    documents: [budget.md, budget-revised.md]
  - title: Emergency repairs to Aycliffe House
    published: 2021-09-20
    urgent: "The roof must be made safe before the winter, and the next meeting is in December. CANARY_URGENT_REASON"
    documents: [repairs.md]
  - title: Exclusion of the public
    body: The public may be excluded for the following item.
  - title: Placement of Child X
    public_title: An individual placement
    exempt: [1]
    documents: [placement.md]
    minutes_summary: The Panel noted the arrangements for an individual placement.
  - title: Award of the CANARY_EXEMPT_LATE_TITLE contract
    public_title: A contract award
    published: 2021-09-20
    urgent: The tender expires on 30 September.
    exempt: [3]
    documents: [contract.md]
"#,
    );
    site.write(
        &format!("{m}/2021-09-24/contract.md"),
        "---\ntitle: Contract award report\nkind: report\n---\n\n# Summary\n\nThe preferred bidder is CANARY_EXEMPT_LATE_BODY.\n",
    );
    site.write(
        &format!("{m}/2021-09-24/performance.md"),
        r#"---
title: Quarterly performance report
kind: report
report_of: Head of Children's Social Care
background_papers:
  - { title: "Performance framework 2021", link: "https://example.gov.uk/framework" }
  - { title: "Case file audit notes", inspect: "Democratic Services, County Hall" }
  - { title: "CANARY_EXEMPT_BACKGROUND_TITLE staffing review", inspect: "CANARY_EXEMPT_BACKGROUND_PLACE", exempt: [3] }
---

# Summary

Performance against the framework held steady over the quarter.
"#,
    );
    site.write(
        &format!("{m}/2021-09-24/budget.md"),
        "---\ntitle: Budget monitoring report\nkind: report\nreport_of: Corporate Director of Resources\nbackground_papers: None\n---\n\n# Summary\n\nThe first forecast puts spending in line with the budget.\n",
    );
    site.write(
        &format!("{m}/2021-09-24/budget-revised.md"),
        "---\ntitle: Budget monitoring report (revised)\nkind: report\nreport_of: Corporate Director of Resources\npublished: 2021-09-20\nreplaces: budget.md\nbackground_papers: None\n---\n\n# Summary\n\nThe revised forecast corrects the placement costs. CANARY_SUPPLEMENTARY_BODY\n",
    );
    site.write(
        &format!("{m}/2021-09-24/repairs.md"),
        "---\ntitle: Emergency roof repairs\nkind: report\nreport_of: Head of Property Services\n---\n\n# Summary\n\nThe roof of Aycliffe House let in water during the storm of 18 September.\n",
    );
    site.write(
        &format!("{m}/2021-09-24/placement.md"),
        "---\ntitle: Placement of Child X\nkind: report\n---\n\n# Summary\n\nThe circumstances of the placement are set out for members.\n",
    );
    site.write(
        &format!("{m}/2021-09-24/minutes.md"),
        r#"---
title: Minutes of the meeting held on 24 September 2021
kind: minutes
status: draft
published: 2021-10-01
---

## 1 Apologies for absence

There were no apologies for absence.

## 2 Minutes of the meeting held on 2 July 2021

**Resolved:** That the minutes be confirmed as a correct record.

## 3 Quarterly performance

**Resolved:** That the report be noted.

## 4 Budget monitoring

**Resolved:** That the revised forecast be noted.

## 5 Emergency repairs to Aycliffe House

**Resolved:** That the repairs be approved.

## 6 Exclusion of the public

**Resolved:** That the public be excluded for the following item.

## 7 Placement of Child X

The Panel discussed CANARY_EXEMPT_MINUTE_TEXT at length.

**Resolved:** That the placement continue.

## 8 A contract award

The Panel agreed the award. CANARY_EXEMPT_MINUTE_TEXT

**Resolved:** That the contract be awarded.
"#,
    );
    site.write(
        &format!("{m}/2021-10-15/meeting.yaml"),
        "date: 2021-10-15\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: scheduled\nagenda_published: 2021-10-07\nitems:\n  - title: Minutes of the meeting held on 24 September 2021\n    documents: [../2021-09-24/minutes.md]\n",
    );
    site
}

/// A built pack's pages, as a reader's viewer would copy their text.
struct Pack {
    path: PathBuf,
    doc: lopdf::Document,
    pages: Vec<String>,
}

impl Pack {
    fn open(path: &Path) -> Pack {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        let doc = lopdf::Document::load_mem(&bytes)
            .unwrap_or_else(|e| panic!("parse {}: {e}", path.display()));
        let pages = doc
            .get_pages()
            .values()
            .map(|&id| collapse(&page_text(&doc, id)))
            .collect();
        Pack {
            path: path.to_path_buf(),
            doc,
            pages,
        }
    }

    fn shows(&self, n: usize, needle: &str) -> bool {
        squash(&self.pages[n - 1]).contains(&squash(needle))
    }

    fn has(&self, needle: &str) -> bool {
        (1..=self.pages.len()).any(|p| self.shows(p, needle))
    }

    /// The first page showing `needle`.
    fn page_of(&self, needle: &str) -> usize {
        (1..=self.pages.len())
            .find(|&p| self.shows(p, needle))
            .unwrap_or_else(|| panic!("{} does not show {needle:?}", self.path.display()))
    }

    fn bookmarks(&self) -> Vec<(usize, String, usize)> {
        common::pdftext::outline(&self.doc)
    }
}

fn meeting_dir(site: &Site, folder: &str, meeting: &str) -> PathBuf {
    site.path()
        .join(folder)
        .join("committees/panel")
        .join(meeting)
}

fn pack(site: &Site, folder: &str, meeting: &str, file: &str) -> Pack {
    Pack::open(&meeting_dir(site, folder, meeting).join(file))
}

/// The pack files in a meeting's folder.
fn pack_files(site: &Site, folder: &str, meeting: &str) -> Vec<String> {
    common::list_files(&meeting_dir(site, folder, meeting))
        .into_iter()
        .filter(|f| f.ends_with(".pdf") && !f.contains('/'))
        .collect()
}

#[test]
fn the_supplementary_pack_has_what_came_after_the_agenda_and_the_agenda_pack_stays() {
    let site = site();
    common::build_ok(site.path(), AFTER, &[]);
    assert_eq!(
        pack_files(&site, "output", "2021-09-24"),
        ["agenda-pack.pdf", "supplementary-1.pdf"]
    );
    // A meeting without a supplementary agenda has its agenda pack alone.
    assert_eq!(
        pack_files(&site, "output", "2021-10-15"),
        ["agenda-pack.pdf"]
    );

    // The agenda pack, as published on 16 September: the first budget report keeps its
    // place; neither the revised report nor the item added on 20 September is in it.
    let main = pack(&site, "output", "2021-09-24", "agenda-pack.pdf");
    assert!(main.shows(1, "Budget monitoring"));
    assert!(main.has("The first forecast puts spending in line with the budget."));
    for absent in [
        SUPPLEMENT_BODY,
        "The revised forecast",
        "Emergency repairs to Aycliffe House",
        "Aycliffe House let in water",
        URGENT_REASON,
        "Supplementary agenda",
    ] {
        assert!(!main.has(absent), "the agenda pack shows {absent:?}");
    }

    // The supplementary pack: its own front sheet, the items it adds to or adds, and its
    // own page numbers from 1.
    let sup = pack(&site, "output", "2021-09-24", "supplementary-1.pdf");
    for s in [
        "Test Borough Council",
        "Corporate Parenting Panel",
        "Supplementary agenda 1",
        "Friday 24 September 2021",
        "Published 20 September 2021",
        "4 Budget monitoring",
        "Budget monitoring report (revised) This replaces Budget monitoring report, published with the agenda.",
        "5 Emergency repairs to Aycliffe House",
        URGENCY,
    ] {
        assert!(
            sup.shows(1, s),
            "the supplementary front sheet shows {s:?}: {}",
            sup.pages[0]
        );
    }
    for s in [
        "Apologies for absence",
        "Quarterly performance",
        "Placement",
    ] {
        assert!(
            !sup.shows(1, s),
            "the supplementary front sheet lists {s:?}"
        );
    }
    let n = sup.pages.len();
    for p in 1..=n {
        assert!(
            sup.shows(p, &format!("Page {p}")),
            "page {p} of {n} is numbered: {}",
            sup.pages[p - 1]
        );
    }
    // The revised paper says on its cover what it replaces; the urgent item says why it
    // is taken, at the head of its pages.
    let revised = sup.page_of("The revised forecast corrects the placement costs.");
    assert!(sup.shows(revised, "Agenda Item 4"));
    assert!(sup.shows(
        revised,
        "This replaces Budget monitoring report, published with the agenda."
    ));
    assert!(!sup.has("The first forecast puts spending"));
    let repairs = sup.page_of("Aycliffe House let in water");
    assert!(sup.shows(repairs, "Agenda Item 5") && sup.shows(repairs, URGENCY));
    // An exempt item added on the same day: its public title and notice, and a
    // restricted page, in the supplementary pack.
    assert!(sup.shows(1, "8 A contract award"), "{}", sup.pages[0]);
    let restricted = sup.page_of("Document is Restricted");
    assert!(sup.shows(restricted, "Agenda Item 8") && sup.shows(restricted, "A contract award"));
    // The chair's reason for taking an exempt item as urgent stays with the item: the
    // public learns only that it was urgent.
    assert!(sup.shows(
        restricted,
        "Urgent business. The chair agreed to consider this item as a matter of urgency; the reason is recorded with the exempt item."
    ));
    assert!(!sup.has("The tender expires on 30 September"));
    assert!(!main.has("A contract award") && !main.has("Document is Restricted Agenda Item 8"));
    // The front sheet's page ranges point at the papers' pages.
    // Each range is a link, which the page's text may part from its brackets.
    let front = sup.pages[0].replace("( Page", "(Page").replace(" )", ")");
    for (item, first) in [("Budget monitoring", revised), ("Aycliffe House", repairs)] {
        let after = &front[front.find(item).unwrap()..];
        let range = &after[after.find("(Page").unwrap()..];
        assert!(
            range.starts_with(&format!("(Page {first})"))
                || range.starts_with(&format!("(Pages {first} -")),
            "{item} starts on page {first}: {}",
            sup.pages[0]
        );
    }
    // Bookmarks for the front sheet and each item, at their pages.
    let marks = sup.bookmarks();
    assert!(
        marks
            .iter()
            .any(|(_, t, p)| t.contains("Supplementary agenda 1") && *p == 1),
        "{marks:?}"
    );
    assert!(
        marks
            .iter()
            .any(|(_, t, p)| t.contains("Agenda Item 4") && *p == revised),
        "{marks:?}"
    );
    assert!(
        marks
            .iter()
            .any(|(_, t, p)| t.contains("Agenda Item 5") && *p == repairs),
        "{marks:?}"
    );
    // Tagged, with its title and language, as the agenda pack is.
    let cat = sup.doc.catalog().expect("catalog");
    assert!(cat.has(b"StructTreeRoot") && cat.has(b"MarkInfo"));
    assert_eq!(
        String::from_utf8_lossy(cat.get(b"Lang").unwrap().as_str().unwrap()),
        "en-GB"
    );
    let bytes = std::fs::read(&sup.path).unwrap();
    assert!(
        common::pdftext::contains_bytes(&bytes, b"supplementary agenda 1 pack"),
        "the title is in the metadata"
    );
    // Made only from Markdown, it claims PDF/UA-1, as the agenda pack would.
    assert!(common::pdftext::contains_bytes(&bytes, b"pdfuaid"));
    assert!(common::pdftext::contains_bytes(&bytes, b"DisplayDocTitle"));

    // The meeting page is not this test's business, but the file list is: the plan and
    // the build agree (a debug build checks it), and a rebuild takes both packs from the
    // cache, byte for byte.
    let before = std::fs::read(&sup.path).unwrap();
    let cached = common::list_files(&site.path().join(".quire-cache/public"))
        .into_iter()
        .filter(|f| f.ends_with(".pdf") && !f.contains('/'))
        .count();
    assert_eq!(cached, 4, "one cached pack for each pack written");
    common::build_ok(site.path(), AFTER, &[]);
    assert_eq!(std::fs::read(&sup.path).unwrap(), before);
}

#[test]
fn urgent_items_background_papers_and_minutes_in_the_packs() {
    let site = site();
    common::build_ok(site.path(), AFTER, &[]);
    let main = pack(&site, "output", "2021-09-24", "agenda-pack.pdf");

    // Background papers at the end of the report: where to read each; "None" for a
    // report without; an exempt one is not listed at all.
    let report = main.page_of("Performance against the framework held steady");
    let bg = main.page_of("Background papers");
    assert!(bg >= report);
    for s in [
        "Background papers",
        "Performance framework 2021",
        "Available at https://example.gov.uk/framework",
        "Case file audit notes",
        "Available for inspection at Democratic Services, County Hall",
    ] {
        assert!(
            main.shows(bg, s),
            "page {bg} shows {s:?}: {}",
            main.pages[bg - 1]
        );
    }
    let budget = main.page_of("The first forecast puts spending");
    assert!(
        (budget..=budget + 1).any(|p| main.shows(p, "Background papers None")),
        "the budget report says it has no background papers"
    );
    assert!(!main.has(EXEMPT_BACKGROUND) && !main.has("staffing review"));

    // Minutes approved at this meeting were a draft when its pack was published, and the
    // pack says so still: a published pack does not change on the day of the meeting.
    let minutes = main.page_of("Minutes of the meeting held on 2 July 2021 ");
    assert!(
        main.pages
            .iter()
            .any(|p| squash(p).contains(&squash("DRAFT: not yet approved"))),
        "minutes page: {}",
        main.pages[minutes - 1]
    );
    assert!(!main.has("Approved at the meeting held on"));
    let next = pack(&site, "output", "2021-10-15", "agenda-pack.pdf");
    let first = next.page_of("Agenda Item 1");
    assert!(
        next.shows(first, "DRAFT: not yet approved"),
        "{}",
        next.pages[first - 1]
    );
    // The minute of the exempt item: its notice and public summary, never the minute.
    assert!(next.has("Not for publication by virtue of paragraph 1 of Part 1 of Schedule 12A"));
    assert!(next.has("Public summary of this minute:"));
    assert!(next.has("The Panel noted the arrangements for an individual placement."));
    assert!(!next.has(EXEMPT_MINUTE) && !next.has("Placement of Child X"));
    // The minutes record the urgent item and the chair's reason, in the agenda's words.
    assert!(next.has("Urgent business"));
    assert!(
        next.has(URGENCY),
        "the minutes in the next pack give the reason for urgency"
    );
    // Under the minutes' own heading and opening line, not above them (a reviewer, 4
    // December 2026: the level 3 heading came before the level 2 one).
    let all = squash(&next.pages.join(" "));
    let urgent = all
        .find(&squash("Urgent business"))
        .expect("urgent business");
    let opening = all[..urgent].rfind(&squash("At a meeting of"));
    assert!(
        opening.is_some_and(|o| !all[o..urgent].contains(&squash("Agenda Item"))),
        "{}",
        &all[urgent.saturating_sub(600)..urgent + 20]
    );

    // An urgent item on the agenda pack of the members' edition: in the supplementary
    // pack only, since it came after the agenda; checked there above. Members' packs:
    // the exempt background paper is listed, with its notice, on a marked page.
    common::build_ok(site.path(), AFTER, &["--confidential"]);
    let members = pack(&site, "confidential", "2021-09-24", "agenda-pack.pdf");
    let p = members.page_of(EXEMPT_BACKGROUND);
    assert!(
        members.shows(p, "NOT FOR PUBLICATION"),
        "{}",
        members.pages[p - 1]
    );
    assert!(
        members.shows(
            p,
            "Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A"
        ),
        "{}",
        members.pages[p - 1]
    );
    let members_next = pack(&site, "confidential", "2021-10-15", "agenda-pack.pdf");
    assert!(members_next.has(EXEMPT_MINUTE));
    // The members' supplementary pack: the exempt item added later, marked on every
    // page that shows it, the front sheet included.
    let sup = pack(&site, "confidential", "2021-09-24", "supplementary-1.pdf");
    assert!(sup.shows(1, "Supplementary agenda 1") && sup.has(SUPPLEMENT_BODY));
    assert!(
        sup.shows(1, EXEMPT_LATE_TITLE)
            && sup.shows(1, "NOT FOR PUBLICATION Schedule 12A paragraph 3")
    );
    let late = sup.page_of(EXEMPT_LATE_BODY);
    assert!(
        sup.shows(late, "NOT FOR PUBLICATION Schedule 12A paragraph 3"),
        "{}",
        sup.pages[late - 1]
    );
    assert!(sup.shows(
        late,
        "Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A"
    ));
}

#[test]
fn an_urgent_item_on_the_agenda_itself_says_why_in_the_agenda_pack() {
    let site = site();
    // The same item, on the agenda from the start.
    let path = site
        .path()
        .join("content/committees/panel/2021-09-24/meeting.yaml");
    let yaml = std::fs::read_to_string(&path)
        .unwrap()
        .replace("    published: 2021-09-20\n", "");
    std::fs::write(&path, yaml).unwrap();
    common::build_ok(site.path(), AFTER, &[]);
    let main = pack(&site, "output", "2021-09-24", "agenda-pack.pdf");
    assert!(main.shows(1, URGENCY), "{}", main.pages[0]);
    let repairs = main.page_of("Aycliffe House let in water");
    assert!(main.shows(repairs, "Agenda Item 5") && main.shows(repairs, URGENCY));
    // The revised budget report still came later, on its own.
    assert_eq!(
        pack_files(&site, "output", "2021-09-24"),
        ["agenda-pack.pdf", "supplementary-1.pdf"]
    );
    let sup = pack(&site, "output", "2021-09-24", "supplementary-1.pdf");
    assert!(!sup.has("Aycliffe House") && sup.has(SUPPLEMENT_BODY));
}

#[test]
fn no_withheld_canary_reaches_the_public_build_and_all_reach_the_members_edition() {
    let site = site();
    // 18 September: the supplementary agenda is not out. Nothing of it is public, and no
    // supplementary pack is written; the members' edition has it all.
    common::build_ok(site.path(), BEFORE, &[]);
    let unpublished = [SUPPLEMENT_BODY, URGENT_REASON];
    let never = [
        EXEMPT_BACKGROUND,
        EXEMPT_BACKGROUND_PLACE,
        EXEMPT_LATE_TITLE,
        EXEMPT_LATE_BODY,
        EXEMPT_MINUTE,
    ];
    let all: Vec<String> = unpublished
        .iter()
        .chain(&never)
        .map(|s| s.to_string())
        .collect();
    let public = found_in(&site.path().join("output"), &all);
    assert!(
        public.is_empty(),
        "withheld text in the public build: {public:#?}"
    );
    let cached = found_in(&site.path().join(".quire-cache/public"), &all);
    assert!(
        cached.is_empty(),
        "withheld text in the public pack cache: {cached:#?}"
    );
    assert_eq!(
        pack_files(&site, "output", "2021-09-24"),
        ["agenda-pack.pdf"]
    );
    let front_before = pack(&site, "output", "2021-09-24", "agenda-pack.pdf").pages[0].clone();

    common::build_ok(site.path(), BEFORE, &["--confidential"]);
    let members = site.path().join("confidential");
    let control: Vec<String> = unpublished
        .iter()
        .chain(&never[..4])
        .map(|s| s.to_string())
        .collect();
    let missing = missing_from(&members, &control);
    assert!(missing.is_empty(), "the members' edition lacks {missing:?}");
    assert_eq!(
        pack_files(&site, "confidential", "2021-09-24"),
        ["agenda-pack.pdf", "supplementary-1.pdf"]
    );
    let sup = pack(&site, "confidential", "2021-09-24", "supplementary-1.pdf");
    assert!(sup.has(SUPPLEMENT_BODY) && sup.has(URGENT_REASON));

    // 10 October: the supplementary agenda is out, and so are the draft minutes of 24
    // September. What was never public stays out; the members' edition has it. The
    // agenda pack's front sheet is as it was before the supplementary agenda.
    common::build_ok(site.path(), AFTER, &[]);
    assert_eq!(
        pack(&site, "output", "2021-09-24", "agenda-pack.pdf").pages[0],
        front_before
    );
    let never: Vec<String> = never.iter().map(|s| s.to_string()).collect();
    let public = found_in(&site.path().join("output"), &never);
    assert!(
        public.is_empty(),
        "withheld text in the public build: {public:#?}"
    );
    let cached = found_in(&site.path().join(".quire-cache/public"), &never);
    assert!(
        cached.is_empty(),
        "withheld text in the public pack cache: {cached:#?}"
    );
    common::build_ok(site.path(), AFTER, &["--confidential"]);
    let missing = missing_from(&members, &never);
    assert!(missing.is_empty(), "the members' edition lacks {missing:?}");
}

#[test]
fn members_copies_include_the_supplementary_pack() {
    let site = site();
    common::build_ok(site.path(), AFTER, &["--confidential", "--for-each-member"]);
    let files = pack_files(&site, "confidential", "2021-09-24");
    for f in [
        "agenda-pack.pdf",
        "agenda-pack-a-chair.pdf",
        "supplementary-1.pdf",
        "supplementary-1-a-chair.pdf",
        "supplementary-1-b-vice.pdf",
    ] {
        assert!(files.iter().any(|x| x == f), "{f} in {files:?}");
    }
    let copy = pack(
        &site,
        "confidential",
        "2021-09-24",
        "supplementary-1-a-chair.pdf",
    );
    for p in 1..=copy.pages.len() {
        assert!(copy.shows(p, "Copy for Councillor a-chair, NOT FOR PUBLICATION"));
    }
    let record = common::read(&site.path().join("confidential/copies.csv"));
    assert!(
        record.contains("a-chair,committees/panel/2021-09-24,committees/panel/2021-09-24/supplementary-1-a-chair.pdf,"),
        "{record}"
    );
}

#[test]
fn the_leak_gate_reads_the_supplementary_pack() {
    let site = site();
    // The revised paper quotes the exempt report word for word: the build must stop, and
    // name the supplementary pack among the files that would have published it.
    let path = site
        .path()
        .join("content/committees/panel/2021-09-24/budget-revised.md");
    let text = std::fs::read_to_string(&path).unwrap()
        + "\nThe circumstances of the placement are set out for members.\n";
    std::fs::write(&path, text).unwrap();
    let out = common::build(site.path(), AFTER, &[]);
    assert!(
        !out.status.success(),
        "the gate let a copied exempt passage through"
    );
    let err = common::stderr(&out);
    assert!(
        err.contains("committees/panel/2021-09-24/supplementary-1.pdf"),
        "{err}"
    );
    assert!(!site.path().join("output").exists(), "nothing was written");
}
