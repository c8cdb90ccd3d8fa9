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
pub const RESERVED: [&str; 11] = [
    "committees",
    "members",
    "static",
    "search",
    "404",
    "meetings",
    "files",
    "redactions",
    "decisions",
    "forward-plan",
    "notices",
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

/// `content/committees/<committee>/<meeting>/meeting.yaml`, relative to the site: the
/// file messages about a meeting point at.
pub fn meeting_file(committee: &str, meeting: &str) -> PathBuf {
    Path::new(CONTENT_DIR)
        .join(meeting_dir(committee, meeting))
        .join("meeting.yaml")
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

/// The file name of the pack of a meeting's supplementary agenda `number` (1, 2, ...),
/// in its meeting's folder beside the agenda pack.
pub fn supplement_file(number: usize) -> String {
    format!("supplementary-{number}.pdf")
}

/// The pack of a meeting's supplementary agenda `number`.
pub fn supplement_url(meeting_url: &str, number: usize) -> String {
    format!("{meeting_url}{}", supplement_file(number))
}

/// Whether a file name in a meeting's folder is one of the packs quire writes there: the
/// agenda pack, a supplementary pack, or a member's copy of either
/// (`agenda-pack-m-simmons.pdf`, `supplementary-1-m-simmons.pdf`).
pub fn is_pack_file(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".pdf") else {
        return false;
    };
    let agenda = PACK_FILE.trim_end_matches(".pdf");
    if stem == agenda || stem.starts_with(&format!("{agenda}-")) {
        return true;
    }
    let Some(rest) = stem.strip_prefix("supplementary-") else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && (digits == rest.len() || rest.as_bytes()[digits] == b'-')
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
        assert_eq!(
            supplement_url(&meeting_url("cabinet", "2021-10-13"), 2),
            "/committees/cabinet/2021-10-13/supplementary-2.pdf"
        );
        for name in [
            "agenda-pack.pdf",
            "agenda-pack-m-simmons.pdf",
            "supplementary-1.pdf",
            "supplementary-12-m-simmons.pdf",
        ] {
            assert!(is_pack_file(name), "{name}");
        }
        for name in ["supplementary.pdf", "supplementary-a.pdf", "appendix-1.pdf"] {
            assert!(!is_pack_file(name), "{name}");
        }
        assert_eq!(home_meeting(Path::new("pages/about.md")), None);
        assert_eq!(
            home_meeting(Path::new("committees/cabinet/committee.yaml")),
            None
        );
    }
}
