//! The site's layout: where sources live in `content/`, and where everything is
//! published. Every stage asks here rather than spelling a path or an address itself, so
//! the folder a document is read from and the address it is published at cannot drift
//! apart, and a name quire writes itself can never be taken by a page.

use std::path::{Path, PathBuf};

/// The folder of a site's sources.
pub const CONTENT_DIR: &str = "content";
/// Committees, in `content/` and on the site.
pub const COMMITTEES: &str = "committees";
/// The file name of every meeting's agenda pack, in its meeting's folder.
pub const PACK_FILE: &str = "agenda-pack.pdf";
/// Top-level addresses quire writes itself; a free page may not take them.
pub const RESERVED: [&str; 8] = [
    "committees",
    "members",
    "static",
    "search",
    "404",
    "meetings",
    "files",
    "redactions",
];

/// `committees/<committee>`, relative to `content/`.
pub fn committee_dir(committee: &str) -> PathBuf {
    Path::new(COMMITTEES).join(committee)
}

/// `committees/<committee>/<meeting>`, relative to `content/`: a meeting's folder, which
/// its documents' links start from.
pub fn meeting_dir(committee: &str, meeting: &str) -> PathBuf {
    committee_dir(committee).join(meeting)
}

/// The committee and meeting folder a source lives in (`committees/<c>/<m>/…`), if any.
pub fn home_meeting(key: &Path) -> Option<(String, String)> {
    let mut parts = key
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    match (
        parts.next().as_deref(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) {
        (Some(COMMITTEES), Some(c), Some(m), Some(_)) => Some((c, m)),
        _ => None,
    }
}

pub fn committee_url(committee: &str) -> String {
    format!("/{COMMITTEES}/{committee}/")
}

pub fn meeting_url(committee: &str, meeting: &str) -> String {
    format!("/{COMMITTEES}/{committee}/{meeting}/")
}

/// A Markdown document's page.
pub fn document_url(committee: &str, meeting: &str, slug: &str) -> String {
    format!("/{COMMITTEES}/{committee}/{meeting}/{slug}/")
}

/// A meeting's agenda pack.
pub fn pack_url(meeting_url: &str) -> String {
    format!("{meeting_url}{PACK_FILE}")
}

pub fn member_url(slug: &str) -> String {
    format!("/members/{slug}/")
}

pub fn page_url(slug: &str) -> String {
    format!("/{slug}/")
}

/// A file published as it is (an image, a PDF appendix), at its place in `content/`.
pub fn file_url(key: &Path) -> String {
    format!("/{}", slash_path(key))
}

/// A relative path with forward slashes, for URLs.
pub fn slash_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_and_addresses_agree() {
        let key = meeting_dir("cabinet", "2021-10-13").join("files/a b.pdf");
        assert_eq!(
            home_meeting(&key),
            Some(("cabinet".into(), "2021-10-13".into()))
        );
        assert_eq!(
            file_url(&key),
            "/committees/cabinet/2021-10-13/files/a b.pdf"
        );
        assert_eq!(
            pack_url(&meeting_url("cabinet", "2021-10-13")),
            "/committees/cabinet/2021-10-13/agenda-pack.pdf"
        );
        assert_eq!(home_meeting(Path::new("pages/about.md")), None);
        assert_eq!(
            home_meeting(Path::new("committees/cabinet/committee.yaml")),
            None
        );
    }
}
