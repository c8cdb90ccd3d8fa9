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
    let sources = crate::load::load(root, &mut diags);
    let lib = crate::model::build(config, &sources, &mut diags);
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
