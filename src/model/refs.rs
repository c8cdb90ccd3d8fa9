//! References from Markdown to local files and documents: each must exist, be of a
//! kind quire publishes, and not be a source file under another name. (The tree found
//! them, and refused any that leave `content/`: see [`super::tree`].)

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use super::tree::Ref;
use super::{FileIdentity, Library};
use crate::diag::{Diagnostic, Diagnostics};

/// File types a document may link to or show, and that quire will copy into the site.
/// Anything else (`meeting.yaml`, `site.toml`, a stray source file) is never published.
pub const PUBLISHABLE: [&str; 14] = [
    "pdf", "png", "jpg", "jpeg", "gif", "svg", "webp", "csv", "txt", "docx", "xlsx", "pptx", "odt",
    "ods",
];

/// Whether an extension is Markdown's, in any case (`.MD` is the same file on Windows).
pub fn is_markdown_ext(ext: &std::ffi::OsStr) -> bool {
    ext.eq_ignore_ascii_case("md")
}

/// Checks that every reference points at a document, page or file that exists. Returns
/// the identity of every file referred to. (A file with a second name in `content/`, a
/// hard link, was refused when the site was loaded.)
pub fn check_all(lib: &Library, diags: &mut Diagnostics) -> HashMap<PathBuf, FileIdentity> {
    let mut ids = HashMap::new();
    let mut check = |rel: &Path, r: &Ref| {
        let ext = r
            .target
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if !is_markdown_ext(std::ffi::OsStr::new(&ext)) && !PUBLISHABLE.contains(&ext.as_str()) {
            diags.push(
                Diagnostic::error(
                    rel,
                    Some(r.line),
                    format!("\"{}\" is not a kind of file quire publishes", r.written),
                )
                .code("unpublishable-file")
                .hint(format!(
                    "link to another document (.md) or to a file of one of these types: {}",
                    PUBLISHABLE.join(", ")
                )),
            );
            return;
        }
        // Documents and pages are files too; one that exists but failed to parse has its
        // own error already.
        let facts = crate::load::file_facts(&lib.content.join(&r.target));
        if let Some(f) = facts {
            ids.insert(r.target.clone(), f.identity);
        }
        if facts.is_none() {
            diags.push(
                Diagnostic::error(
                    rel,
                    Some(r.line),
                    format!("\"{}\" does not exist", r.written),
                )
                .code("missing-file")
                .hint(format!(
                    "check the file name; it should be at content/{}",
                    r.target.display()
                )),
            );
        } else if r.image
            && let Some(problem) = image_problem(&lib.content.join(&r.target))
        {
            diags.push(
                Diagnostic::error(
                    rel,
                    Some(r.line),
                    format!("the image \"{}\" {problem}", r.written),
                )
                .code("bad-image")
                .hint("use a PNG, JPEG, GIF or SVG file whose name ends with its real type"),
            );
        } else if crate::scrub::is_image(&ext)
            && let Err(problem) = crate::load::read_asset(&lib.content.join(&r.target))
        {
            // Every published image is stripped of its metadata; one that cannot be is
            // reported here, against the line that uses it, not when the site is written.
            diags.push(
                Diagnostic::error(
                    rel,
                    Some(r.line),
                    format!("the image \"{}\" cannot be published: {problem}", r.written),
                )
                .code("bad-image")
                .hint("open the image in an editor and save or export it again"),
            );
        }
    };
    for d in &lib.documents {
        if let super::Body::Markdown { refs, .. } = &d.body {
            refs.iter().for_each(|r| check(&d.rel, r));
        }
    }
    for p in &lib.pages {
        let rel = Path::new(crate::layout::CONTENT_DIR).join(&p.key);
        p.refs.iter().for_each(|r| check(&rel, r));
    }
    fn items<'a>(list: &'a [super::Item], out: &mut Vec<&'a Ref>) {
        for i in list {
            out.extend(&i.refs);
            items(&i.items, out);
        }
    }
    for c in &lib.committees {
        for m in &c.meetings {
            let rel = crate::layout::meeting_file(&c.slug, &m.slug);
            let mut refs = Vec::new();
            items(&m.items, &mut refs);
            refs.into_iter().for_each(|r| check(&rel, r));
        }
    }
    ids
}

/// Checks that an image is of a kind both the website and the PDF pack can show, and that
/// its contents match its name, so a broken image is reported against the document that
/// uses it rather than as a layout failure in the pack.
fn image_problem(path: &Path) -> Option<&'static str> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let head = crate::load::head(path, 512);
    let head = head.as_slice();
    let matches = match ext.as_str() {
        "png" => head.starts_with(b"\x89PNG\r\n\x1a\n"),
        "jpg" | "jpeg" => head.starts_with(&[0xff, 0xd8, 0xff]),
        "gif" => head.starts_with(b"GIF8"),
        // UTF-16 after its byte-order mark: an SVG some editors save so, which quire
        // publishes as UTF-8.
        "svg" => crate::text::decoded(head).contains("<svg"),
        _ => return Some("is not a PNG, JPEG, GIF or SVG file"),
    };
    (!matches).then_some("is damaged, or its contents do not match its file name")
}
