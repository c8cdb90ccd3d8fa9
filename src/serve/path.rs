//! Which file of the built site a request asks for: the only way from a URL to a file.

/// The site path (as [`crate::render::Artefact::path`]) a request target names, or
/// `None` if it is not a plain path inside the site: a `..` or `.` segment, a
/// backslash, a NUL or other control character, an empty segment, or a bad escape,
/// whether written out or percent-encoded. A path ending in `/` names its `index.html`.
pub fn site_path(target: &str) -> Option<String> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let rest = path.strip_prefix('/')?;
    let decoded = String::from_utf8(percent_decode(rest)?).ok()?;
    if decoded.chars().any(|c| c == '\\' || c.is_control()) {
        return None;
    }
    let (segments, dir) = match decoded.strip_suffix('/') {
        Some(d) => (d, true),
        None => (decoded.as_str(), decoded.is_empty()),
    };
    if !segments.is_empty()
        && segments
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == ".." || s.contains(':'))
    {
        return None;
    }
    Some(if dir {
        format!("{decoded}index.html")
    } else {
        decoded
    })
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::site_path;

    #[test]
    fn plain_paths_name_files_of_the_site() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/committees/cabinet/").as_deref(),
            Some("committees/cabinet/index.html")
        );
        assert_eq!(
            site_path("/static/quire.css?v=2#x").as_deref(),
            Some("static/quire.css")
        );
        assert_eq!(
            site_path("/files/a%20b.pdf").as_deref(),
            Some("files/a b.pdf")
        );
        assert_eq!(site_path("/feed.xml").as_deref(), Some("feed.xml"));
    }

    #[test]
    fn anything_outside_the_site_is_refused() {
        for bad in [
            "/../site.toml",
            "/..",
            "/%2e%2e/",
            "/%2E%2E/site.toml",
            "/a/%2e%2e/%2e%2e/site.toml",
            "/.%2e/x",
            "/a/./b",
            "/a//b",
            "//etc/passwd",
            "/a\\..\\site.toml",
            "/a%5c..%5csite.toml",
            "/a%00.html",
            "/a%0a",
            "/%zz",
            "/%2",
            "/%ff%fe",
            "/c:/windows",
            "relative",
            "",
            "*",
            "http://example.org/",
        ] {
            assert_eq!(site_path(bad), None, "{bad:?} must be refused");
        }
    }
}
