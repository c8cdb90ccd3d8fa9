//! Unit tests: packs of the example site, rendered in-process. The integration tests in
//! `tests/it/pdf.rs` check the packs the real binary writes, page by page.

// Tests build fixture sites on disk and read back what was written.
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};

use super::*;
use crate::diag::Diagnostics;
use crate::redact::Audience;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn edition_of(root: &Path, audience: Audience, as_of: time::Date) -> (Edition, Theme) {
    let mut diags = Diagnostics::default();
    let config = crate::config::load(root, &mut diags).expect("site.toml");
    let mut sources = crate::load::load(root, &mut diags);
    let lib = crate::model::build(config, &mut sources, &mut diags);
    let theme = Theme::load(root, &lib.config.theme, &mut diags);
    assert!(!diags.has_errors(), "{:?}", diags.sorted());
    (crate::redact::edition(&lib, audience, as_of), theme)
}

fn as_of() -> time::Date {
    time::macros::date!(2021 - 10 - 01)
}

fn meeting(ed: &Edition, committee: &str, slug: &str) -> usize {
    ed.meetings()
        .iter()
        .position(|m| ed.committees()[m.committee].slug == committee && m.slug == slug)
        .expect("meeting")
}

#[test]
fn example_site_packs_render_and_are_reproducible() {
    let (ed, theme) = edition_of(&repo(), Audience::Public, as_of());
    let start = std::time::Instant::now();
    let a = render_packs(&ed, &theme, &super::jobs(&ed), None).unwrap_or_else(|e| panic!("{e:#?}"));
    eprintln!("{} packs in {:?}", a.info.len(), start.elapsed());
    let b = render_packs(&ed, &theme, &super::jobs(&ed), None).unwrap();
    assert_eq!(a.artefacts.len(), b.artefacts.len());
    for (x, y) in a.artefacts.iter().zip(&b.artefacts) {
        let (crate::render::Contents::Bytes(x), crate::render::Contents::Bytes(y)) =
            (&x.contents, &y.contents)
        else {
            panic!("packs are bytes")
        };
        assert!(x == y, "the same input gives the same bytes");
    }
    let mi = meeting(&ed, "corporate-parenting-panel", "2021-09-24");
    let info = &a.info[&mi];
    assert_eq!(
        info.url,
        "/committees/corporate-parenting-panel/2021-09-24/agenda-pack.pdf"
    );
    assert!(info.pages > 10, "{info:?}");
    assert!(info.items.contains_key("3"), "{info:?}");
    // On 1 October 2021 these meetings' papers are out, and only these have packs.
    let mut with_packs: Vec<&str> = a
        .info
        .keys()
        .map(|&i| ed.meetings()[i].url.as_str())
        .collect();
    with_packs.sort_unstable();
    assert_eq!(
        with_packs,
        [
            "/committees/corporate-parenting-panel/2021-04-30/",
            "/committees/corporate-parenting-panel/2021-07-02/",
            "/committees/corporate-parenting-panel/2021-09-24/",
        ]
    );
}

#[test]
fn template_errors_name_the_file_and_line() {
    let dir = std::env::temp_dir().join(format!("quire-pdf-unit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("themes/default/pdf")).unwrap();
    std::fs::write(
        dir.join("themes/default/pdf/front.typ"),
        "#let front-sheet(pack, r) = {\n  [ok]\n  undefined-thing(1)\n}\n",
    )
    .unwrap();
    let mut diags = Diagnostics::default();
    let theme = Theme::load(&dir, "default", &mut diags);
    let (ed, _) = edition_of(&repo(), Audience::Public, as_of());
    let errs =
        render_packs(&ed, &theme, &super::jobs(&ed), None).expect_err("the template is broken");
    let e = &errs[0];
    assert!(e.file.to_string_lossy().ends_with("front.typ"), "{e}");
    assert_eq!(e.line, Some(3), "{e}");
    assert!(e.message.contains("unknown variable"), "{e}");
    std::fs::remove_dir_all(&dir).ok();
}

/// A small site with a supplementary agenda: on 20 September a revised budget report
/// replaces the one published with the agenda, and an urgent item is added.
fn supplement_site(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quire-pdf-unit-{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let write = |rel: &str, text: &str| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "site.toml",
        "title = \"Committee papers\"\ncouncil = \"Test Borough Council\"\nbase_url = \"https://papers.example.gov.uk\"\nlanguage = \"en-GB\"\njurisdiction = \"england\"\n",
    );
    write("content/members/a-chair.yaml", "name: Councillor A Chair\n");
    write(
        "content/committees/panel/committee.yaml",
        "name: Panel\nmembers:\n  - { member: a-chair, role: Chair }\n",
    );
    let m = "content/committees/panel/2021-09-24";
    write(
        &format!("{m}/meeting.yaml"),
        "date: 2021-09-24\ntime: \"10:00\"\nvenue: Room 1\nstatus: held\nagenda_published: 2021-09-16\nitems:\n  - title: Apologies for absence\n  - title: Budget monitoring\n    documents: [budget.md, budget-revised.md]\n  - title: Emergency repairs\n    published: 2021-09-20\n    urgent: The roof leaks.\n    documents: [repairs.md]\n",
    );
    write(
        &format!("{m}/budget.md"),
        "---\ntitle: Budget report\nkind: report\nbackground_papers: None\n---\n\nFirst forecast.\n",
    );
    write(
        &format!("{m}/budget-revised.md"),
        "---\ntitle: Budget report (revised)\nkind: report\npublished: 2021-09-20\nreplaces: budget.md\n---\n\nRevised forecast.\n",
    );
    write(
        &format!("{m}/repairs.md"),
        "---\ntitle: Roof repairs\nkind: report\n---\n\nThe roof leaks.\n",
    );
    dir
}

fn json_of(ed: &Edition, mi: usize, supplement: Option<usize>) -> serde_json::Value {
    let data = data::pack_data(ed, mi, supplement, None).unwrap();
    serde_json::from_str(&data.json).unwrap()
}

fn strings(v: &serde_json::Value, key: &str) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| e[key].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn the_agenda_pack_data_leaves_out_what_came_after_the_agenda() {
    let root = supplement_site("main");
    let (ed, _) = edition_of(&root, Audience::Public, as_of());
    let mi = meeting(&ed, "panel", "2021-09-24");
    let main = json_of(&ed, mi, None);
    assert_eq!(main["heading"], "Agenda");
    assert_eq!(main["supplement"], serde_json::Value::Null);
    // The front sheet as the agenda was published: the added item is not on it.
    assert_eq!(strings(&main["agenda"], "number"), ["1", "2"]);
    // The first budget report keeps its place; the revised one and the added item's
    // paper are not in the agenda pack.
    assert_eq!(strings(&main["sections"], "title"), ["Budget report"]);
    assert_eq!(main["sections"][0]["first"], true);
    assert_eq!(main["sections"][0]["replaces"], serde_json::Value::Null);
    assert_eq!(main["sections"][0]["background"]["is-none"], true);
    assert_eq!(
        main["sections"][0]["background"]["heading"],
        "Background papers"
    );
    std::fs::remove_dir_all(&root).ok();
}

#[test]
fn the_supplementary_pack_data_lists_its_items_and_papers() {
    let root = supplement_site("supplement");
    let (ed, _) = edition_of(&root, Audience::Public, as_of());
    let mi = meeting(&ed, "panel", "2021-09-24");
    let sup = json_of(&ed, mi, Some(1));
    assert_eq!(sup["heading"], "Supplementary agenda 1");
    assert_eq!(sup["supplement"]["published"], "20 September 2021");
    assert_eq!(
        sup["supplement"]["line"],
        "Supplementary agenda 1, published 20 September 2021"
    );
    // The item whose paper it adds, and the item it adds, with the statement of urgency.
    assert_eq!(strings(&sup["agenda"], "number"), ["2", "3"]);
    let budget = &sup["agenda"][0];
    assert_eq!(budget["papers"][0]["title"], "Budget report (revised)");
    assert_eq!(
        budget["papers"][0]["replaces"],
        "This replaces Budget report, published with the agenda."
    );
    assert_eq!(budget["urgent"], serde_json::Value::Null);
    let urgent = "Urgent business. The chair agreed to consider this item as a matter of urgency because: The roof leaks.";
    assert_eq!(sup["agenda"][1]["urgent"], urgent);
    assert_eq!(
        strings(&sup["sections"], "title"),
        ["Budget report (revised)", "Roof repairs"]
    );
    let sections = sup["sections"].as_array().unwrap();
    assert!(sections.iter().all(|s| s["first"] == true));
    assert_eq!(
        sections[0]["replaces"],
        "This replaces Budget report, published with the agenda."
    );
    assert_eq!(sections[1]["urgent"], urgent);
    // Its own document identifier, so its PDF and cache entry are its own.
    let data = data::pack_data(&ed, mi, Some(1), None).unwrap();
    assert!(
        data.ident.ends_with("/public/supplementary-1"),
        "{}",
        data.ident
    );
    assert!(
        data.title.ends_with("supplementary agenda 1 pack"),
        "{}",
        data.title
    );
    assert!(data::pack_data(&ed, mi, Some(2), None).is_err());

    // The jobs, the previews (what the property tests and the preview gate read) and the
    // rendered packs all have it, beside the agenda pack.
    let paths: Vec<String> = super::jobs(&ed).into_iter().map(|j| j.path).collect();
    assert_eq!(
        paths,
        [
            "committees/panel/2021-09-24/agenda-pack.pdf",
            "committees/panel/2021-09-24/supplementary-1.pdf"
        ]
    );
    let previews: Vec<String> = pack_previews(&ed)
        .unwrap()
        .into_iter()
        .map(|(p, _, _)| p)
        .collect();
    assert_eq!(previews, paths);
    let theme = Theme::load(&root, "default", &mut Diagnostics::default());
    let packs = render_packs(&ed, &theme, &super::jobs(&ed), None).unwrap();
    let info = &packs.info[&mi];
    let s = &info.supplements[&1];
    assert_eq!(s.url, "/committees/panel/2021-09-24/supplementary-1.pdf");
    assert!(s.supplements.is_empty() && s.pages >= 2, "{s:?}");
    assert!(
        s.items.contains_key("2") && s.items.contains_key("3"),
        "{s:?}"
    );
    assert!(!info.items.contains_key("3"), "{info:?}");
    let text = &packs.texts["committees/panel/2021-09-24/supplementary-1.pdf"];
    assert!(text.contains("Revised forecast") && !text.contains("First forecast"));
    assert!(
        !packs.texts["committees/panel/2021-09-24/agenda-pack.pdf"].contains("Revised forecast")
    );

    // Before 20 September, the public has no supplementary agenda and no pack for it.
    let (early, _) = edition_of(&root, Audience::Public, time::macros::date!(2021 - 09 - 18));
    assert_eq!(super::jobs(&early).len(), 1);
    std::fs::remove_dir_all(&root).ok();
}

#[test]
fn streamed_packs_are_handed_over_once_each_with_their_text_and_nothing_is_kept() {
    let (ed, theme) = edition_of(&repo(), Audience::Public, as_of());
    let jobs = super::jobs(&ed);
    let held = render_packs(&ed, &theme, &jobs, None).unwrap();
    let handed = std::sync::Mutex::new(Vec::new());
    let emit = |pack: Artefact, text: String| {
        let crate::render::Contents::Bytes(bytes) = pack.contents else {
            panic!("a pack laid out without a cache is bytes")
        };
        handed.lock().unwrap().push((pack.path, bytes, text));
        Ok(())
    };
    let streamed = stream_packs(&ed, &theme, &jobs, None, &emit).unwrap();
    assert!(streamed.artefacts.is_empty() && streamed.texts.is_empty());
    let mut handed = handed.into_inner().unwrap();
    handed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut kept: Vec<(String, Vec<u8>, String)> = (held.artefacts.iter())
        .map(|a| {
            let crate::render::Contents::Bytes(b) = &a.contents else {
                panic!("bytes")
            };
            (a.path.clone(), b.clone(), held.texts[&a.path].clone())
        })
        .collect();
    kept.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(handed.len(), jobs.len());
    assert!(handed == kept, "the same packs and texts, each once");
    // What the site says of each pack does not depend on where the pack went.
    let info = |p: &Packs| -> Vec<(usize, String, u64, usize)> {
        (p.info.iter())
            .map(|(m, i)| (*m, i.url.clone(), i.bytes, i.pages))
            .collect()
    };
    assert_eq!(info(&streamed), info(&held));
    assert!(info(&streamed).iter().all(|(_, _, bytes, _)| *bytes > 0));
}

#[test]
fn a_pack_the_build_cannot_take_fails_the_build() {
    let (ed, theme) = edition_of(&repo(), Audience::Public, as_of());
    let refuse = |pack: Artefact, _text: String| -> Result<(), Diagnostic> {
        Err(Diagnostic::error(&pack.path, None, "cannot write").code("output-folder"))
    };
    let errors = stream_packs(&ed, &theme, &super::jobs(&ed), None, &refuse)
        .expect_err("every pack was refused");
    assert!(
        errors.iter().all(|d| d.message == "cannot write"),
        "{errors:?}"
    );
}
