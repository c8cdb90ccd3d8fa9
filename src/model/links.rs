//! Link destinations: the one parser of what a Markdown link or image points at.
//!
//! The model's reference check, the web page and the pack all read the [`Dest`] parsed
//! here, so a destination means the same thing everywhere: its `#fragment` and `?query`
//! are split off, its path is percent-decoded (`my%20file.pdf` is `my file.pdf`), and a
//! path that would leave `content/` is refused.

use std::path::{Component, Path, PathBuf};

/// Where a link or image points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest {
    /// A web, e-mail or telephone address, printed as written.
    Web(String),
    /// `#fragment`: a place on the same page.
    Anchor(String),
    /// `/committees/...`: an address on this site, as written.
    Site(String),
    /// A file or document in `content/`, by its path relative to `content/`. Whether it
    /// is published, and at what address, is for each edition to say.
    Local {
        target: PathBuf,
        fragment: Option<String>,
    },
    /// Never a link: a scheme other than the web's (`javascript:`, `data:`), or a path
    /// that leaves `content/`. The text is shown without a link.
    Refused,
}

impl Dest {
    /// Parses `dest` as written in a document whose folder is `dir` (relative to
    /// `content/`).
    pub fn parse(dest: &str, dir: &Path) -> Dest {
        let dest = dest.trim();
        if dest.starts_with("//") || has_scheme(dest) {
            return if is_safe_external(dest) {
                Dest::Web(dest.to_string())
            } else {
                Dest::Refused
            };
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            return Dest::Anchor(fragment.to_string());
        }
        if dest.starts_with('/') {
            return Dest::Site(dest.to_string());
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f.to_string()).filter(|f| !f.is_empty())),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or("");
        if path.is_empty() {
            return fragment.map(Dest::Anchor).unwrap_or(Dest::Refused);
        }
        match join_inside(dir, &percent_decode(path)) {
            Some(target) => Dest::Local { target, fragment },
            None => Dest::Refused,
        }
    }

    /// Whether `dest` would leave `content/` (for the model to report it).
    pub fn leaves_content(dest: &str, dir: &Path) -> bool {
        let dest = dest.trim();
        !(dest.starts_with('/')
            || dest.starts_with('#')
            || dest.starts_with("//")
            || has_scheme(dest))
            && Dest::parse(dest, dir) == Dest::Refused
            && !dest.split(['#', '?']).next().unwrap_or("").is_empty()
    }
}

/// `scheme:` at the start, as in `https:`, `mailto:` or `javascript:`. A Windows drive
/// (`C:`) counts too, and is refused.
fn has_scheme(dest: &str) -> bool {
    match dest.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// Whether a web address is safe to link from a public page: the web, e-mail and
/// telephone only (never `javascript:` or `data:`).
pub fn is_safe_external(dest: &str) -> bool {
    let lower = dest.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:", "tel:", "//"]
        .iter()
        .any(|p| lower.starts_with(p))
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

/// `%20` → space. Works on bytes, so a `%` before a multi-byte character cannot panic;
/// a sequence that is not valid UTF-8 leaves the text as written.
fn percent_decode(s: &str) -> String {
    let hex = |b: Option<&u8>| b.and_then(|&b| (b as char).to_digit(16)).map(|d| d as u8);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (hex(bytes.get(i + 1)), hex(bytes.get(i + 2)))
        {
            out.push(hi * 16 + lo);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(dest: &str) -> Dest {
        Dest::parse(dest, Path::new("committees/c/2021-09-24"))
    }

    fn local(target: &str, fragment: Option<&str>) -> Dest {
        Dest::Local {
            target: PathBuf::from(target),
            fragment: fragment.map(str::to_string),
        }
    }

    #[test]
    fn every_kind_of_destination() {
        assert_eq!(
            p("https://example.org/x"),
            Dest::Web("https://example.org/x".into())
        );
        assert_eq!(p("mailto:a@b.org"), Dest::Web("mailto:a@b.org".into()));
        assert_eq!(p("#purpose"), Dest::Anchor("purpose".into()));
        assert_eq!(
            p("/committees/cabinet/"),
            Dest::Site("/committees/cabinet/".into())
        );
        assert_eq!(p("javascript:alert(1)"), Dest::Refused);
        assert_eq!(p("JavaScript:alert(1)"), Dest::Refused);
        assert_eq!(p("data:text/html,x"), Dest::Refused);
        assert_eq!(p("C:/Users/secret.pdf"), Dest::Refused);
    }

    #[test]
    fn local_paths_lose_query_keep_fragment_and_are_decoded() {
        assert_eq!(
            p("files/a.pdf?download"),
            local("committees/c/2021-09-24/files/a.pdf", None)
        );
        assert_eq!(
            p("report.md#para-3"),
            local("committees/c/2021-09-24/report.md", Some("para-3"))
        );
        assert_eq!(
            p("my%20file.pdf"),
            local("committees/c/2021-09-24/my file.pdf", None)
        );
        assert_eq!(
            p("../2021-07-02/minutes.md"),
            local("committees/c/2021-07-02/minutes.md", None)
        );
        assert_eq!(
            p("%E2%82%AC.pdf"),
            local("committees/c/2021-09-24/€.pdf", None)
        );
        assert_eq!(p("50%.pdf"), local("committees/c/2021-09-24/50%.pdf", None));
    }

    #[test]
    fn paths_that_leave_content_are_refused() {
        assert_eq!(p("../../../../etc/passwd"), Dest::Refused);
        assert!(Dest::leaves_content(
            "../../../../etc/passwd",
            Path::new("committees/c/2021-09-24")
        ));
        assert!(!Dest::leaves_content(
            "files/a.png",
            Path::new("committees/c/2021-09-24")
        ));
        assert!(!Dest::leaves_content(
            "javascript:x",
            Path::new("committees/c/2021-09-24")
        ));
        assert_eq!(join_inside(Path::new("a"), "/etc/passwd"), None);
    }
}
