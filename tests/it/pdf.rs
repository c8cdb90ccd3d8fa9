//! Agenda packs: build fixture sites with the real binary, read the PDFs back with
//! lopdf and check what is on every page.
//!
//! Text is extracted with our own ToUnicode decoder (typst writes Identity-H fonts with
//! ToUnicode maps), so assertions see the text a reader's PDF viewer would copy.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use sha2::Digest;

use crate::common::pdftext::{collapse, collect_strings, contains_bytes, page_text, squash};
use lopdf::{Dictionary, Document, Object};

// ---------------------------------------------------------------------------------------
// Reading PDFs

struct Pdf {
    path: PathBuf,
    doc: Document,
    /// Text of each page, 1-based page i at index i - 1, whitespace collapsed.
    pages: Vec<String>,
}

impl Pdf {
    fn open(path: &Path) -> Pdf {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        let doc =
            Document::load_mem(&bytes).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()));
        let pages = doc
            .get_pages()
            .values()
            .map(|&id| collapse(&page_text(&doc, id)))
            .collect();
        Pdf {
            path: path.to_path_buf(),
            doc,
            pages,
        }
    }

    fn page(&self, n: usize) -> &str {
        &self.pages[n - 1]
    }

    /// Whether page `n` shows `needle` (spaces ignored, since PDF text has no reliable spaces).
    fn shows(&self, n: usize, needle: &str) -> bool {
        squash(self.page(n)).contains(&squash(needle))
    }

    fn all_text(&self) -> String {
        self.pages.join("\n")
    }

    fn catalog(&self) -> &Dictionary {
        self.doc.catalog().expect("catalog")
    }

    /// Every object's bytes, streams decompressed: for looking for text anywhere in the file.
    fn all_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for obj in self.doc.objects.values() {
            match obj {
                Object::Stream(s) => {
                    out.extend(
                        s.decompressed_content()
                            .unwrap_or_else(|_| s.content.clone()),
                    );
                    out.extend(format!("{:?}", s.dict).into_bytes());
                }
                other => collect_strings(other, &mut out),
            }
            out.push(b'\n');
        }
        out
    }

    fn contains_anywhere(&self, needle: &str) -> bool {
        let hay = self.all_bytes();
        let utf16: Vec<u8> = needle
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        contains_bytes(&hay, needle.as_bytes())
            || contains_bytes(&hay, &utf16)
            || squash(&self.all_text()).contains(&squash(needle))
    }

    fn xmp(&self) -> String {
        let Ok(Object::Reference(id)) = self.catalog().get(b"Metadata") else {
            return String::new();
        };
        let stream = self
            .doc
            .get_object(*id)
            .and_then(Object::as_stream)
            .expect("metadata stream");
        String::from_utf8_lossy(
            &stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone()),
        )
        .into_owned()
    }

    fn claims_ua1(&self) -> bool {
        self.xmp().contains("pdfuaid")
    }

    /// The page (from 1) each link annotation on page `n` goes to, in the order of the
    /// page's annotations; 0 for a link that goes nowhere in this PDF.
    fn links_on(&self, n: usize) -> Vec<usize> {
        let ids: Vec<lopdf::ObjectId> = self.doc.get_pages().into_values().collect();
        let page = self.doc.get_dictionary(ids[n - 1]).expect("page");
        let annots = match page.get(b"Annots").map(|o| self.doc.dereference(o)) {
            Ok(Ok((_, Object::Array(a)))) => a.clone(),
            _ => Vec::new(),
        };
        let deref = |o: &Object| self.doc.dereference(o).ok().map(|(_, o)| o.clone());
        let mut out = Vec::new();
        for annot in annots.iter().filter_map(deref) {
            let Ok(d) = annot.as_dict() else { continue };
            if d.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Link".as_slice()) {
                continue;
            }
            let action = d.get(b"A").ok().and_then(deref);
            let dest = (d.get(b"Dest").ok().cloned())
                .or_else(|| action.as_ref()?.as_dict().ok()?.get(b"D").ok().cloned())
                .and_then(|o| deref(&o));
            let target = match dest {
                Some(Object::Array(a)) => a.first().and_then(|o| o.as_reference().ok()),
                _ => None,
            };
            out.push(
                target
                    .and_then(|t| ids.iter().position(|&id| id == t))
                    .map_or(0, |i| i + 1),
            );
        }
        out
    }

    /// Bookmarks: (level, title, page).
    fn bookmarks(&self) -> Vec<(usize, String, usize)> {
        let toc = self.doc.get_toc().expect("outlines");
        toc.toc
            .into_iter()
            .map(|t| (t.level, t.title, t.page))
            .collect()
    }
}

// ---------------------------------------------------------------------------------------
// Helpers for packs

const BLANK: &str = "This page is intentionally left blank";
const AS_OF: &str = "2021-10-01";

fn pack(root: &Path, folder: &str, meeting: &str) -> Pdf {
    Pdf::open(
        &root
            .join(folder)
            .join("committees")
            .join(meeting)
            .join("agenda-pack.pdf"),
    )
}

/// The item number on a page headed "Agenda Item N", if any.
fn agenda_item(page: &str) -> Option<String> {
    let rest = page.split("Agenda Item ").nth(1)?;
    Some(rest.split(' ').next()?.to_string())
}

/// The "(Pages x - y)" or "(Page x)" after each item on the front sheet, in order.
fn front_sheet_ranges(front: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // A range is a link, which the text of the page may part from its brackets.
    let front = front.replace("( Page", "(Page");
    let mut rest = front.as_str();
    while let Some(i) = rest.find("(Page") {
        rest = &rest[i + 5..];
        let inner = rest.trim_start_matches('s').trim_start();
        let end = inner.find(')').unwrap();
        let nums: Vec<usize> = inner[..end]
            .split('-')
            .map(|n| n.trim().parse().unwrap())
            .collect();
        out.push((nums[0], *nums.last().unwrap()));
    }
    out
}

/// The structure elements directly under `elem` (its `K`: one, or an array), as
/// dictionaries; marked content and other leaves are left out.
fn struct_kids<'a>(doc: &'a Document, elem: &'a Dictionary) -> Vec<&'a Dictionary> {
    let kids = match elem.get(b"K") {
        Ok(Object::Array(a)) => a.iter().collect(),
        Ok(k) => vec![k],
        Err(_) => Vec::new(),
    };
    (kids.into_iter())
        .filter_map(|k| doc.dereference(k).ok())
        .filter_map(|(_, o)| o.as_dict().ok())
        .filter(|d| d.has(b"S"))
        .collect()
}

fn struct_type(d: &Dictionary) -> &[u8] {
    d.get(b"S").and_then(Object::as_name).unwrap_or_default()
}

/// The items (`LI`) directly in a list (`L`).
fn list_items<'a>(doc: &'a Document, list: &'a Dictionary) -> Vec<&'a Dictionary> {
    (struct_kids(doc, list).into_iter())
        .filter(|k| struct_type(k) == b"LI")
        .collect()
}

/// Each list (`L`) of the structure tree: how many items (`LI`) it holds, and how many
/// items each list inside it holds (typst puts a list within an item's body beside the
/// item, in the outer list).
fn lists(pdf: &Pdf) -> Vec<(usize, Vec<usize>)> {
    let doc = &pdf.doc;
    // The sizes of the lists inside `elem`, but not of those inside them.
    fn inside(doc: &Document, elem: &Dictionary, out: &mut Vec<usize>) {
        for k in struct_kids(doc, elem) {
            match struct_type(k) {
                b"L" => out.push(list_items(doc, k).len()),
                _ => inside(doc, k, out),
            }
        }
    }
    (doc.objects.values())
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| struct_type(d) == b"L")
        .map(|l| {
            let mut nested = Vec::new();
            inside(doc, l, &mut nested);
            (list_items(doc, l).len(), nested)
        })
        .collect()
}

const CANARIES: [&str; 7] = [
    "CANARYITEMTITLE",
    "CANARYREASON",
    "CANARYSTAFFBODY",
    "CANARYDRAFT",
    "CANARYDOCAPPENDIX",
    "CANARYITEMREPORT",
    "CANARYDOCTITLE",
];

fn assert_accessible(pdf: &Pdf) {
    let cat = pdf.catalog();
    let mark = cat
        .get(b"MarkInfo")
        .and_then(|o| pdf.doc.dereference(o))
        .map(|(_, o)| o.clone())
        .expect("MarkInfo");
    assert!(
        mark.as_dict()
            .unwrap()
            .get(b"Marked")
            .unwrap()
            .as_bool()
            .unwrap(),
        "{}: tagged",
        pdf.path.display()
    );
    let root = cat
        .get(b"StructTreeRoot")
        .and_then(|o| pdf.doc.dereference(o))
        .expect("StructTreeRoot")
        .1;
    assert!(
        root.as_dict().unwrap().has(b"K"),
        "structure tree has children"
    );
    let lang = cat.get(b"Lang").expect("Lang").as_str().unwrap();
    assert_eq!(String::from_utf8_lossy(lang), "en-GB");
    let prefs = cat
        .get(b"ViewerPreferences")
        .and_then(|o| pdf.doc.dereference(o))
        .expect("ViewerPreferences")
        .1;
    assert!(
        prefs
            .as_dict()
            .unwrap()
            .get(b"DisplayDocTitle")
            .unwrap()
            .as_bool()
            .unwrap()
    );
    assert!(
        pdf.xmp().contains("agenda pack"),
        "the title is in the metadata"
    );
    // Every font is embedded.
    for (_, obj) in pdf.doc.objects.iter() {
        if let Ok(d) = obj.as_dict()
            && d.get(b"Type")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"FontDescriptor")
        {
            assert!(
                d.has(b"FontFile2") || d.has(b"FontFile3") || d.has(b"FontFile"),
                "font embedded: {d:?}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Tests

/// On screen, a reader of the pack goes to an item from the front sheet as a reader of
/// the printed pack turns to it: each item's page range is a link to its first page.
#[test]
fn the_front_sheets_page_ranges_link_to_their_items() {
    let site = common::fixture("pdf-pack");
    common::build_ok(site.path(), AS_OF, &[]);
    let pdf = pack(site.path(), "output", "panel/2021-09-24");
    let firsts: Vec<usize> = (front_sheet_ranges(pdf.page(1)).iter())
        .map(|&(first, _)| first)
        .collect();
    assert!(firsts.len() >= 5, "{}", pdf.page(1));
    // The clerk's e-mail address is the front sheet's other link, out of the PDF.
    let inside: Vec<usize> = pdf.links_on(1).into_iter().filter(|&p| p > 0).collect();
    assert_eq!(inside, firsts, "{}", pdf.page(1));
}

/// A screen reader announces the front sheet's agenda as a list of its items, with the
/// sub-items of an item as a list inside it: the fixture's nine items, the sixth with
/// one sub-item.
#[test]
fn the_front_sheets_agenda_is_tagged_as_a_list() {
    let site = common::fixture("pdf-pack");
    common::build_ok(site.path(), AS_OF, &[]);
    let pdf = pack(site.path(), "output", "panel/2021-09-24");
    let agenda = (lists(&pdf).into_iter()).find(|(items, _)| *items == 9);
    let agenda = agenda.unwrap_or_else(|| panic!("no list of nine items: {:?}", lists(&pdf)));
    assert_eq!(agenda.1, [1], "{:?}", lists(&pdf));
}

#[test]
fn public_pack_pages_front_sheet_and_bookmarks() {
    let site = common::fixture("pdf-pack");
    common::build_ok(site.path(), AS_OF, &[]);
    let pdf = pack(site.path(), "output", "panel/2021-09-24");
    let n = pdf.pages.len();

    // Continuous page numbers on every page, inserted ones included.
    for p in 1..=n {
        assert!(
            pdf.shows(p, &format!("Page {p}")),
            "page {p} is numbered: {}",
            pdf.page(p)
        );
    }
    // Duplex: a pack of whole sheets; every document starts on an odd page; the pages put
    // in to get there say so and hold nothing else.
    assert_eq!(n % 2, 0, "{n} pages");
    let starts: Vec<(usize, String)> = (1..=n)
        .filter_map(|p| agenda_item(pdf.page(p)).map(|i| (p, i)))
        .collect();
    assert_eq!(
        starts
            .iter()
            .map(|(p, i)| (*p, i.as_str()))
            .collect::<Vec<_>>(),
        [
            (3, "2"),
            (5, "4"),
            (7, "5"),
            (11, "5"),
            (13, "6"),
            (17, "6a"),
            (19, "8"),
            (21, "9")
        ],
        "Agenda Item N heads each document's first page"
    );
    let blank: Vec<usize> = (1..=n).filter(|&p| pdf.shows(p, BLANK)).collect();
    assert_eq!(blank, [2, 4, 6, 12, 16, 18, 20, 22]);
    for &p in &blank {
        assert_eq!(
            squash(pdf.page(p)),
            squash(&format!("{BLANK} Page {p}")),
            "page {p} is otherwise empty"
        );
    }

    // Restricted pages: one per withheld document or exempt item, citing Schedule 12A.
    let restricted: Vec<usize> = (1..=n)
        .filter(|&p| pdf.shows(p, "Document is Restricted"))
        .collect();
    assert_eq!(restricted, [11, 19, 21]);
    assert!(pdf.shows(
        11,
        "Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A"
    ));
    assert!(pdf.shows(
        11,
        "Paragraph 3: information relating to the financial or business affairs"
    ));
    assert!(pdf.shows(19, "Regulation 44 ratings") && pdf.shows(19, "paragraph 1 of Part 1"));
    assert!(
        pdf.shows(21, "paragraphs 1 and 2 of Part 1")
            && pdf.shows(21, "Paragraph 2: information likely to reveal")
    );

    // The front sheet: meeting, items with their pages, membership, clerk.
    let front = pdf.page(1);
    for s in [
        "Durham County Council",
        "Corporate Parenting Panel",
        "Friday 24 September 2021",
        "9.30am",
        "Council Chamber, County Hall, Durham",
        "Councillor M Simmons (Chair)",
        "Councillor M Walton (Vice-Chair)",
        "Councillor B Coult",
        "Jane Smith",
        "03000 000000",
        "jane.smith@example.gov.uk",
        "The public may be excluded for the following items.",
    ] {
        assert!(pdf.shows(1, s), "front sheet shows {s:?}: {front}");
    }
    // Each range starts on the page where its item's first document really starts, and
    // runs to the page before the next item's.
    let ranges = front_sheet_ranges(front);
    let firsts: Vec<usize> = {
        let mut seen = Vec::new();
        let mut v = Vec::new();
        for (p, i) in &starts {
            if !seen.contains(i) {
                seen.push(i.clone());
                v.push(*p);
            }
        }
        v
    };
    let expected: Vec<(usize, usize)> = firsts
        .iter()
        .enumerate()
        .map(|(k, &f)| (f, firsts.get(k + 1).map_or(n, |next| next - 1)))
        .collect();
    assert_eq!(ranges, expected, "front sheet: {front}");
    assert_eq!(ranges[2], (7, 12));
    assert!(pdf.shows(1, "Annual performance report (Pages 7 - 12)"));
    // The meeting page shows the same ranges, and the pack's real size and page count.
    let page = common::read(
        &site
            .path()
            .join("output/committees/panel/2021-09-24/index.html"),
    );
    for (first, last) in &ranges {
        let shown = if first == last {
            format!("Agenda pack: Page {first}<")
        } else {
            format!("Agenda pack: Pages {first} to {last}<")
        };
        assert!(page.contains(&shown), "meeting page lacks {shown:?}");
    }
    assert!(
        page.contains(&format!("{n} pages)")),
        "meeting page gives the page count"
    );

    // Layouts of the kinds.
    for s in [
        "Minutes of the meeting held on 2 July 2021",
        "At a meeting of the Corporate Parenting Panel held at Council Chamber",
        "Present: Councillor M Simmons (Chair) and Councillor M Walton (Vice-Chair)",
        "Apologies: Councillor B Coult",
        "Substitute members: Councillor M Stead for Councillor B Coult",
        "Also present: Helen Fergusson",
        "1 Apologies for absence",
        "2 Substitute members",
        "5a Induction for councillors",
        "Resolved: That the presentation be noted.",
    ] {
        assert!(pdf.shows(3, s), "minutes show {s:?}: {}", pdf.page(3));
    }
    for s in [
        "Piccadilly Gate",
        "M1 2WD",
        "John Pearce",
        "23 August 2021",
        "Ofsted focused visit letter",
        "Dear John",
        "Louise Hollick",
    ] {
        assert!(pdf.shows(5, s), "letter shows {s:?}: {}", pdf.page(5));
    }
    for s in [
        "Corporate Parenting Panel",
        "Friday 24 September 2021",
        "Annual performance report: Supporting Solutions",
        "Report of Helen Fergusson, Head of Children's Social Care",
        "Electoral division(s) affected: None",
        "1 This report describes the work of the service.",
        "2 The service offers:",
        "(a) intensive edge of care support;",
        "(c) a missing from home coordinator.",
        "Children in care 900 950",
        "Source: the council’s performance data.",
    ] {
        assert!(pdf.shows(7, s), "report shows {s:?}: {}", pdf.page(7));
    }
    assert!(
        pdf.shows(10, "Contact: Jane Smith Tel: 03000 000000")
            || pdf.shows(9, "Contact: Jane Smith")
    );
    for (p, slide) in [(13, "Slide 1"), (14, "Slide 2"), (15, "Slide 3")] {
        assert!(pdf.shows(p, slide), "{slide} on page {p}: {}", pdf.page(p));
    }
    assert!(pdf.shows(14, "Independent visitors") && !pdf.shows(14, "Slide 3"));

    // Bookmarks for the front sheet, every item and every document, at their pages.
    let marks = pdf.bookmarks();
    let top: Vec<(String, usize)> = marks
        .iter()
        .filter(|m| m.0 == 1)
        .map(|m| (m.1.clone(), m.2))
        .collect();
    assert_eq!(
        top,
        [
            ("Agenda".to_string(), 1),
            (
                "Agenda Item 2 Minutes of the meeting held on 2 July 2021".into(),
                3
            ),
            ("Agenda Item 4 Ofsted focused visit".into(), 5),
            ("Agenda Item 5 Annual performance report".into(), 7),
            (
                "Agenda Item 6 Children in Care Council newsletter".into(),
                13
            ),
            ("Agenda Item 6a Children in Care Council update".into(), 17),
            ("Agenda Item 8 Regulation 44 ratings".into(), 19),
            ("Agenda Item 9 Staffing matter".into(), 21),
        ],
        "{marks:#?}"
    );
    let docs: Vec<(String, usize)> = marks
        .iter()
        .filter(|m| m.0 == 2)
        .map(|m| (m.1.clone(), m.2))
        .collect();
    for d in [
        ("Ofsted focused visit letter", 5),
        ("Annual performance report: Supporting Solutions", 7),
        ("Appendix: placement costs", 11),
        ("Children in Care Council newsletter", 13),
    ] {
        assert!(
            docs.contains(&(d.0.to_string(), d.1)),
            "bookmark {d:?} in {docs:?}"
        );
    }

    // Tagged, titled, in English, fonts embedded, and claiming PDF/UA-1 (no PDF appendix).
    assert_accessible(&pdf);
    assert!(
        pdf.claims_ua1(),
        "a pack without PDF appendices claims PDF/UA-1"
    );
    assert!(
        pdf.contains_anywhere("Bar chart of placements by year"),
        "the image keeps its alt text"
    );
    let media = pdf
        .doc
        .get_pages()
        .values()
        .map(|&id| {
            format!(
                "{:?}",
                pdf.doc
                    .get_dictionary(id)
                    .unwrap()
                    .get(b"MediaBox")
                    .unwrap()
            )
        })
        .collect::<Vec<_>>();
    assert!(
        media
            .iter()
            .all(|m| m.contains("595.2") && m.contains("841.8")),
        "A4: {media:?}"
    );

    // Nothing exempt or draft reaches the public pack: not in the text, the bookmarks,
    // the tags or the metadata.
    for c in CANARIES {
        assert!(
            !pdf.contains_anywhere(c),
            "{c} must not be in the public pack"
        );
    }
}

#[test]
fn members_pack_marks_every_page_of_exempt_matter() {
    let site = common::fixture("pdf-pack");
    common::build_ok(site.path(), AS_OF, &["--confidential"]);
    let pdf = pack(site.path(), "confidential", "panel/2021-09-24");
    let n = pdf.pages.len();
    // Positive control for the public test: the canaries are all here.
    for c in CANARIES {
        assert!(pdf.contains_anywhere(c), "{c} is in the members' pack");
    }
    assert!(!pdf.all_text().contains("Document is Restricted"));

    // Sections: (first page, item, whether exempt, paragraphs).
    let starts: Vec<(usize, String)> = (1..=n)
        .filter_map(|p| agenda_item(pdf.page(p)).map(|i| (p, i)))
        .collect();
    let mut exempt_pages = Vec::new();
    for (k, (p, item)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(n, |(next, _)| next - 1);
        let text = pdf.page(*p);
        let marking = if text.contains("CANARYDOCAPPENDIX") {
            Some("paragraph 3")
        } else if item == "8" {
            Some("paragraph 1")
        } else {
            None
        };
        for q in *p..=end {
            if pdf.shows(q, BLANK) {
                continue;
            }
            match marking {
                Some(para) => {
                    assert!(
                        pdf.shows(q, &format!("NOT FOR PUBLICATION Schedule 12A {para}")),
                        "page {q} is marked: {}",
                        pdf.page(q)
                    );
                    exempt_pages.push(q);
                }
                None => assert!(
                    !pdf.shows(q, "NOT FOR PUBLICATION"),
                    "page {q} is public matter: {}",
                    pdf.page(q)
                ),
            }
        }
    }
    assert!(exempt_pages.len() >= 2, "{exempt_pages:?}");
    // The draft is there, marked as a draft.
    let draft = (1..=n)
        .find(|&p| pdf.shows(p, "CANARYDRAFT"))
        .expect("draft page");
    assert!(pdf.shows(draft, "DRAFT"));
    // The front sheet marks exempt items and gives the public interest statement.
    assert!(
        pdf.shows(1, "NOT FOR PUBLICATION Schedule 12A paragraphs 1, 2, 3"),
        "{}",
        pdf.page(1)
    );
    assert!(pdf.shows(1, "CANARYREASON outweighs disclosure"));
    assert!(pdf.shows(1, "Members’ pack."), "{}", pdf.page(1));
    assert_accessible(&pdf);
}

#[test]
fn pdf_appendices_are_embedded_page_by_page_without_a_ua1_claim() {
    let site = common::fixture("pdf-pack");
    common::build_ok(site.path(), AS_OF, &[]);
    let pdf = pack(site.path(), "output", "panel/2021-10-15");
    assert_eq!(
        pdf.pages.len(),
        6,
        "front sheet, blank, report, blank, two appendix pages"
    );
    assert!(pdf.shows(3, "Agenda Item 1") && pdf.shows(3, "Placement data summary"));
    assert!(pdf.shows(5, "Agenda Item 1") && pdf.shows(5, "Appendix 1: Placement data"));
    // Its pages are pictures to a screen reader: the pack names the file of its own.
    assert!(
        pdf.shows(5, "also published as a file of its own")
            && pdf.shows(5, "/committees/panel/2021-10-15/"),
        "{}",
        pdf.page(5)
    );
    for p in [5, 6] {
        assert!(
            pdf.shows(p, &format!("Page {p}")),
            "the pack's page number is stamped on appendix page {p}"
        );
        let page = pdf
            .doc
            .get_dictionary(pdf.doc.get_pages()[&(p as u32)])
            .unwrap();
        let resources = pdf
            .doc
            .dereference(page.get(b"Resources").unwrap())
            .unwrap()
            .1
            .as_dict()
            .unwrap()
            .clone();
        assert!(
            resources.has(b"XObject"),
            "appendix page {p} embeds the original page as vectors"
        );
    }
    assert!(pdf.shows(1, "Placement data (Pages 3 - 6)"));
    // The appendix keeps its own text, selectable, inside the embedded page.
    assert!(
        pdf.shows(6, "Children in foster care by type of placement."),
        "{}",
        pdf.page(6)
    );
    assert!(
        pdf.shows(6, "31 March 2021 396 160 137 693"),
        "{}",
        pdf.page(6)
    );
    assert!(
        !pdf.claims_ua1(),
        "typst cannot embed PDF pages under PDF/UA-1, so the pack does not claim it"
    );
    assert_accessible(&pdf);
}

#[test]
fn packs_are_reproducible_and_cached() {
    let site = common::fixture("pdf-pack");
    let root = site.path();
    let a = root.join("out-a");
    let b = root.join("out-b");
    common::build_ok(root, AS_OF, &["--output", a.to_str().unwrap()]);
    let cache = root.join(".quire-cache/public");
    // The pack cache's entries (the search index keeps its own folder beside them).
    // The saved packs (`<key>.pdf` and `<key>.json`), not the gate's record beside them.
    let entries = |dir: &Path| {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .map(|r| {
                r.flatten()
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                    .filter(|e| {
                        let name = e.file_name();
                        let name = name.to_string_lossy();
                        name != "gate.json" && (name.ends_with(".pdf") || name.ends_with(".json"))
                    })
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    };
    let cached = entries(&cache);
    assert_eq!(
        cached.iter().filter(|f| f.ends_with(".pdf")).count(),
        3,
        "{cached:?}"
    );
    assert_eq!(
        cached.iter().filter(|f| f.ends_with(".json")).count(),
        3,
        "{cached:?}"
    );
    // A build without the cache gives the same bytes as the cached one.
    common::build_ok(
        root,
        AS_OF,
        &["--output", b.to_str().unwrap(), "--no-cache"],
    );
    let packs = ["panel/2021-07-02", "panel/2021-09-24", "panel/2021-10-15"];
    for m in packs {
        let file = format!("committees/{m}/agenda-pack.pdf");
        assert!(
            std::fs::read(a.join(&file)).unwrap() == std::fs::read(b.join(&file)).unwrap(),
            "{m}: same input, same bytes"
        );
    }
    // A rebuild from the cache gives the same bytes again.
    let c = root.join("out-c");
    common::build_ok(root, AS_OF, &["--output", c.to_str().unwrap()]);
    for m in packs {
        let file = format!("committees/{m}/agenda-pack.pdf");
        assert!(
            std::fs::read(a.join(&file)).unwrap() == std::fs::read(c.join(&file)).unwrap(),
            "{m}: cached bytes"
        );
    }
    assert_eq!(entries(&cache), cached);
    // Changing one document renders that pack again; the others stay cached, and the
    // stale entry is removed.
    let doc = root.join("content/committees/panel/2021-09-24/cicc-update.md");
    let text = std::fs::read_to_string(&doc)
        .unwrap()
        .replace("four times", "five times");
    std::fs::write(&doc, text).unwrap();
    let d = root.join("out-d");
    common::build_ok(root, AS_OF, &["--output", d.to_str().unwrap()]);
    let after = entries(&cache);
    assert_eq!(after.len(), 6, "{after:?}");
    assert_eq!(
        after.iter().filter(|f| cached.contains(f)).count(),
        4,
        "two packs reused: {after:?}"
    );
    let changed = Pdf::open(&d.join("committees/panel/2021-09-24/agenda-pack.pdf"));
    assert!(changed.all_text().contains("five times"));
    // Another build date is another PDF (the date is in the file).
    let e = root.join("out-e");
    common::build_ok(
        root,
        "2021-10-02",
        &["--output", e.to_str().unwrap(), "--no-cache"],
    );
    let f = "committees/panel/2021-07-02/agenda-pack.pdf";
    assert!(std::fs::read(a.join(f)).unwrap() != std::fs::read(e.join(f)).unwrap());
}

#[test]
fn unpublished_papers_have_no_public_pack() {
    let site = common::fixture("pdf-pack");
    common::build_ok(site.path(), "2021-09-20", &[]);
    let files = common::list_files(&site.path().join("output"));
    let packs: Vec<&String> = files
        .iter()
        .filter(|f| f.ends_with("agenda-pack.pdf"))
        .collect();
    assert_eq!(
        packs,
        [
            "committees/panel/2021-07-02/agenda-pack.pdf",
            "committees/panel/2021-09-24/agenda-pack.pdf"
        ]
    );
}

#[test]
fn document_text_is_never_typst_code() {
    let site = common::fixture("pdf-injection");
    common::build_ok(site.path(), "2021-10-05", &[]);
    let pdf = pack(site.path(), "output", "cabinet/2021-10-13");
    // Simplex: no inserted pages; and nothing in the text broke or added a page.
    assert_eq!(pdf.pages.len(), 2, "{:#?}", pdf.pages);
    assert!(!pdf.all_text().contains("intentionally"));
    for id in pdf.doc.get_pages().values() {
        let media = format!(
            "{:?}",
            pdf.doc
                .get_dictionary(*id)
                .unwrap()
                .get(b"MediaBox")
                .unwrap()
        );
        assert!(media.contains("595.2"), "A4, not A0: {media}");
    }
    for s in [
        "Cabinet #set page(paper: a0)",
        "Room #1 <venue> ] $5",
        "Item #pagebreak() ] $title$ (Page 2)",
        "Body #pagebreak() and @ref and <label> and ] and \\ done",
        "Councillor #A $B (Chair ])",
        "Clerk $x$",
    ] {
        assert!(
            pdf.shows(1, s),
            "front sheet shows {s:?} literally: {}",
            pdf.page(1)
        );
    }
    for s in [
        "Tricky #set text(size: 40pt) $x$ ] report",
        "Report of Head of #Service",
        "affected: <all> ]",
        "Heading #set page(paper: a0) and $x^2$",
        "Hash #pagebreak() and #panic(boom) and #let x = 1; #x should print.",
        "Dollars $ a + b $ and 5 * 3 * 2 and snake_case_word and @ref and <label> and ] and [ and } and {.",
        "Backslashes C:\\Users\\clerk and \\ and a trailing \\ backslash.",
        "Raw #eval(code) and #import /etc/passwd inline.",
        "list #include /etc/passwd item",
        "second ] item",
        "#table",
        "$cell$",
        "#image(/data/pack.json)",
        "#read(/data/pack.json)",
        "= not a heading",
        "Note with #footnote(inner) and $math$.",
    ] {
        assert!(
            pdf.shows(2, s),
            "document shows {s:?} literally: {}",
            pdf.page(2)
        );
    }
    assert!(pdf.claims_ua1());
}

#[test]
fn a_site_can_override_the_pack_templates() {
    let site = common::fixture("pdf-override");
    common::build_ok(site.path(), "2021-10-05", &[]);
    let pdf = pack(site.path(), "output", "cabinet/2021-10-13");
    assert_eq!(pdf.pages.len(), 4);
    assert!(
        pdf.shows(2, "Blank by design") && pdf.shows(2, "Folio 2"),
        "{}",
        pdf.page(2)
    );
    assert!(pdf.shows(3, "Agenda Item 1") && pdf.shows(3, "Folio 3"));
    assert!(!pdf.all_text().contains(BLANK));
    assert!(!pdf.all_text().contains("Page 1"));
}

#[test]
fn members_copies_differ_only_in_their_stamp_and_are_recorded() {
    let site = common::fixture("redaction");
    common::build_ok(
        site.path(),
        "2026-11-22",
        &["--confidential", "--for-each-member"],
    );
    let dir = site.path().join("confidential/committees/panel/2021-09-24");
    let pages = |file: &str| -> Vec<String> {
        let doc = lopdf::Document::load(dir.join(file)).unwrap();
        doc.get_pages()
            .values()
            .map(|&p| page_text(&doc, p))
            .collect()
    };
    let stamp = |name: &str| format!("Copy for Councillor {name}, NOT FOR PUBLICATION");
    let (chair, vice) = (
        pages("agenda-pack-a-chair.pdf"),
        pages("agenda-pack-b-vice.pdf"),
    );
    assert_eq!(chair.len(), vice.len());
    for (a, b) in chair.iter().zip(&vice) {
        let (a, b) = (squash(a), squash(b));
        assert!(
            a.contains(&squash(&stamp("A Chair"))) && b.contains(&squash(&stamp("B Vice"))),
            "a page without its stamp"
        );
        assert_eq!(
            a.replace(&squash(&stamp("A Chair")), ""),
            b.replace(&squash(&stamp("B Vice")), ""),
            "two copies differ beyond the stamp"
        );
    }
    // Control: the members' own pack carries no name.
    assert!(
        !pages("agenda-pack.pdf")
            .iter()
            .any(|p| p.contains("Copy for"))
    );
    // The record names each copy's member and the fingerprint of the file they were given.
    let record = common::read(&site.path().join("confidential/copies.csv"));
    let bytes = fs::read(dir.join("agenda-pack-b-vice.pdf")).unwrap();
    let hash: String = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(record.contains(&format!("b-vice,committees/panel/2021-09-24,committees/panel/2021-09-24/agenda-pack-b-vice.pdf,{hash}")), "{record}");
    // Copies are only ever made of the members' edition.
    let out = common::build(site.path(), "2026-11-22", &["--for", "a-chair"]);
    assert_eq!(out.status.code(), Some(2), "{}", common::stderr(&out));
}
