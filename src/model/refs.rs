//! References from Markdown to local files and documents, and the rule that no
//! reference may leave `content/`.

use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// How deeply quotes, lists and emphasis may nest in a document.
/// Twelve is far beyond any real paper, and within what the pack's layout can nest.
pub const MAX_NESTING: usize = 12;

use std::collections::{HashMap, HashSet};

use super::{FileIdentity, Library};
use crate::diag::{Diagnostic, Diagnostics};

/// A link or image in Markdown that points at something in `content/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    /// As written in the Markdown (without any `#fragment`).
    pub written: String,
    /// Resolved path relative to `content/`.
    pub target: PathBuf,
    /// 1-based line in the source file.
    pub line: usize,
    pub image: bool,
}

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

/// Whether a link target is local (relative to the document), as opposed to a web
/// address, an e-mail address, a site-absolute path or an anchor on the same page.
pub fn is_local(dest: &str) -> bool {
    !(dest.is_empty()
        || dest.starts_with('#')
        || dest.starts_with('/')
        || dest.contains("://")
        || dest.starts_with("mailto:")
        || dest.starts_with("tel:"))
}

/// Joins `rel` onto `base` (both relative to `content/`) and normalises `..`.
/// `None` when the result would leave `content/`.
pub fn join_inside(base: &Path, rel: &str) -> Option<PathBuf> {
    let mut parts: Vec<String> = base
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    for c in Path::new(rel).components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.iter().collect())
}

/// Finds the local references in a Markdown body, and reports nesting too deep to lay
/// out. `dir` is the folder of the file
/// relative to `content/`; `first_line` is the file line where the body starts.
pub fn scan(
    stripped: &super::comments::Stripped,
    dir: &Path,
    first_line: usize,
    rel: &Path,
    diags: &mut Diagnostics,
) -> Vec<Ref> {
    let body = stripped.text.as_str();
    let line_of = |offset: usize| stripped.line_of(offset) + first_line - 1;
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut too_deep = false;
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        // The same pass checks nesting: quotes and lists hundreds of levels deep are
        // always a slip of the keyboard, and would exhaust the pack's layout engine.
        match &event {
            Event::Start(
                Tag::BlockQuote(_) | Tag::List(_) | Tag::Emphasis | Tag::Strong | Tag::Link { .. },
            ) => {
                depth += 1;
                if depth > MAX_NESTING && !too_deep {
                    too_deep = true;
                    let line = line_of(range.start);
                    diags.push(
                        Diagnostic::error(rel, Some(line), format!("quotes, lists or emphasis are nested more than {MAX_NESTING} levels deep here"))
                            .hint("check for a run of > or * characters, or a list indented too far"),
                    );
                }
            }
            Event::End(
                TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Link,
            ) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        let (dest, image) = match &event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url.to_string(), false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url.to_string(), true),
            _ => continue,
        };
        if !is_local(&dest) {
            continue;
        }
        let line = line_of(range.start);
        let path_part = dest.split(['#', '?']).next().unwrap_or("").to_string();
        if path_part.is_empty() {
            continue;
        }
        match join_inside(dir, &path_part) {
            Some(target) => out.push(Ref { written: path_part, target, line, image }),
            None => diags.push(
                Diagnostic::error(rel, Some(line), format!("the link \"{dest}\" leaves the content folder"))
                    .hint("keep images and appendices in the meeting's files/ folder and link to them as files/name.png"),
            ),
        }
    }
    out
}

/// Checks that every reference points at a document, page or file that exists, and that
/// no file to be published is a source file under another name (a hard link). Returns the
/// identity of every file referred to.
pub fn check_all(
    lib: &Library,
    sources: &HashSet<FileIdentity>,
    diags: &mut Diagnostics,
) -> HashMap<PathBuf, FileIdentity> {
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
                .hint(format!(
                    "link to another document (.md) or to a file of one of these types: {}",
                    PUBLISHABLE.join(", ")
                )),
            );
            return;
        }
        // Documents and pages are files too; one that exists but failed to parse has its
        // own error already.
        let id = FileIdentity::of_path(&lib.content.join(&r.target));
        if let Some(id) = id {
            ids.insert(r.target.clone(), id);
        }
        let is_md = is_markdown_ext(std::ffi::OsStr::new(&ext));
        if !is_md && id.is_some_and(|id| sources.contains(&id)) {
            diags.push(
                Diagnostic::error(rel, Some(r.line), format!("\"{}\" is another name for one of the site's source files", r.written))
                    .hint("it is a hard link to a .md or .yaml file, which quire never publishes; replace it with the file you meant to link to"),
            );
        } else if !lib.content.join(&r.target).is_file() {
            diags.push(
                Diagnostic::error(
                    rel,
                    Some(r.line),
                    format!("\"{}\" does not exist", r.written),
                )
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
        let rel = Path::new(crate::load::CONTENT_DIR).join(&p.key);
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
            let rel = Path::new(crate::load::CONTENT_DIR)
                .join("committees")
                .join(&c.slug)
                .join(&m.slug)
                .join("meeting.yaml");
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
    let mut head = [0u8; 512];
    let n = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    let head = &head[..n];
    let matches = match ext.as_str() {
        "png" => head.starts_with(b"\x89PNG\r\n\x1a\n"),
        "jpg" | "jpeg" => head.starts_with(&[0xff, 0xd8, 0xff]),
        "gif" => head.starts_with(b"GIF8"),
        "svg" => String::from_utf8_lossy(head).contains("<svg"),
        _ => return Some("is not a PNG, JPEG, GIF or SVG file"),
    };
    (!matches).then_some("is damaged, or its contents do not match its file name")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_and_refuses_escapes() {
        let base = Path::new("committees/cpp/2021-09-24");
        assert_eq!(
            join_inside(base, "files/a.png").unwrap(),
            Path::new("committees/cpp/2021-09-24/files/a.png")
        );
        assert_eq!(
            join_inside(base, "../2021-07-02/minutes.md").unwrap(),
            Path::new("committees/cpp/2021-07-02/minutes.md")
        );
        assert!(join_inside(base, "../../../../etc/passwd").is_none());
        assert!(join_inside(base, "/etc/passwd").is_none());
    }

    #[test]
    fn local_or_not() {
        assert!(is_local("files/a.png"));
        assert!(!is_local("https://example.org"));
        assert!(!is_local("mailto:a@b"));
        assert!(!is_local("#top"));
    }

    #[test]
    fn scan_finds_lines() {
        let mut d = Diagnostics::default();
        let body = crate::model::comments::strip(
            "Para\n\n![Chart](files/c.png)\n\n[x](../../../../x.md)\n",
        )
        .unwrap();
        let refs = scan(
            &body,
            Path::new("committees/a/b"),
            5,
            Path::new("f.md"),
            &mut d,
        );
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].line, 7);
        assert!(refs[0].image);
        let errs = d.sorted();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, Some(9));
        assert!(errs[0].message.contains("leaves the content folder"));
    }
}
