//! Splits a Markdown file into its YAML front matter and its body, keeping line numbers
//! so that errors point at the line in the file, not in the front-matter block.

/// The two halves of a document.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the file where the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// Finds the `---` fenced block at the top of a file. `None` when the file has none or
/// the block is never closed.
pub fn split(text: &str) -> Option<Split<'_>> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = first_end + 1;
    let mut offset = yaml_start;
    for (line, raw_line) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        let trimmed = raw_line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let body_start = offset + raw_line.len();
            return Some(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += raw_line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split("---\ntitle: A\nkind: report\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: A\nkind: report\n");
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn crlf_and_missing() {
        assert!(split("---\r\ntitle: A\r\n---\r\nx").is_some());
        assert!(split("# no front matter\n").is_none());
        assert!(split("---\ntitle: never closed\n").is_none());
    }
}
