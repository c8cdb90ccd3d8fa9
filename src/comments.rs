//! Hidden text: HTML comments (`<!-- … -->`) that officers leave in their sources.
//!
//! Officers use comments for notes to themselves ("waiting for legal on para 3", the name
//! of the child a report is about). Whatever starts with `<!--` is never published, so the
//! model removes every comment from every text it reads, before Markdown is parsed:
//! CommonMark would otherwise keep a comment that runs over a blank line, or one indented
//! as code, as visible text. Renderers never see a comment, because the library holds none.
//!
//! Comments are cut textually, wherever they stand (inside code blocks too): a council
//! paper has no need to show an HTML comment, and a rule with no exceptions cannot be
//! got wrong. `<!-->` and `<!--->` are empty comments, as in HTML.

/// A Markdown text with its comments removed, and enough of the cuts kept to map an
/// offset in the clean text back to its line in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stripped {
    pub text: String,
    /// (offset in `text` where a cut was made, newlines removed by it and every cut
    /// before it), in order.
    cuts: Vec<(usize, usize)>,
    /// The offset of every newline in `text`: a report with thousands of footnotes asks
    /// for thousands of lines, and counting from the top each time was quadratic.
    newlines: Vec<usize>,
}

/// A comment that is opened and never closed: it would hide everything after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unclosed {
    /// Byte offset of the `<!--` in the original text.
    pub offset: usize,
}

impl Stripped {
    /// The 1-based line, in the original text, of byte `offset` of the clean text.
    pub fn line_of(&self, offset: usize) -> usize {
        let removed = match self.cuts.partition_point(|(at, _)| *at <= offset) {
            0 => 0,
            k => self.cuts[k - 1].1,
        };
        self.newlines.partition_point(|&at| at < offset) + 1 + removed
    }

    fn new(text: String, cuts: Vec<(usize, usize)>) -> Stripped {
        let newlines = text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i)
            .collect();
        Stripped {
            text,
            cuts,
            newlines,
        }
    }
}

/// Removes every comment. An unclosed comment is an error, because silently hiding the
/// rest of a report is as bad for the officer as publishing it would be for the council.
pub fn strip(text: &str) -> Result<Stripped, Unclosed> {
    let mut out = String::with_capacity(text.len());
    let mut cuts = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find("<!--") {
        let start = rest + open;
        let Some(end) = comment_end(text, start) else {
            return Err(Unclosed { offset: start });
        };
        out.push_str(&text[rest..start]);
        let newlines = text[start..end].bytes().filter(|&b| b == b'\n').count();
        if newlines > 0 {
            let before = cuts.last().map_or(0, |&(_, n)| n);
            cuts.push((out.len(), before + newlines));
        }
        rest = end;
    }
    if rest == 0 {
        return Ok(Stripped::new(text.to_string(), cuts));
    }
    out.push_str(&text[rest..]);
    Ok(Stripped::new(out, cuts))
}

/// Removes every comment from a Markdown text that starts on line `first_line` of `rel`,
/// reporting an unclosed one there. The result never holds a comment: after an unclosed
/// one, nothing is kept.
pub fn strip_markdown(
    text: &str,
    first_line: usize,
    rel: &std::path::Path,
    diags: &mut crate::diag::Diagnostics,
) -> Stripped {
    match strip(text) {
        Ok(s) => s,
        Err(Unclosed { offset }) => {
            let line = crate::text::line_of_offset(text, offset) + first_line - 1;
            diags.push(
                crate::diag::Diagnostic::error(
                    rel,
                    Some(line),
                    "this comment (<!--) is never closed, so everything after it would be hidden",
                )
                .code("unclosed-comment")
                .hint("end the comment with -->"),
            );
            // Everything before the first unclosed comment has only closed ones.
            strip(&text[..offset]).unwrap_or_else(|_| Stripped::new(String::new(), Vec::new()))
        }
    }
}

/// Removes every comment from a one-line value (a title, a name). An unclosed comment
/// hides the rest of the value: it is never published.
pub fn strip_inline(text: &str) -> String {
    if !text.contains("<!--") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    while let Some(open) = text[rest..].find("<!--") {
        let start = rest + open;
        out.push_str(&text[rest..start]);
        match comment_end(text, start) {
            Some(end) => rest = end,
            None => return collapse(&out),
        }
    }
    out.push_str(&text[rest..]);
    collapse(&out)
}

/// A value that ended in a comment loses the space before it. (Spaces inside are left:
/// web pages and the pack both show a run of spaces as one.)
fn collapse(s: &str) -> String {
    s.trim().to_string()
}

/// The offset just past the `-->` closing the comment that opens at `start`.
fn comment_end(text: &str, start: usize) -> Option<usize> {
    let body = start + 4;
    for empty in ["<!-->", "<!--->"] {
        if text[start..].starts_with(empty) {
            return Some(start + empty.len());
        }
    }
    text[body..].find("-->").map(|c| body + c + 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_go_wherever_they_stand() {
        let text = "Before <!-- a\n\nb --> after\n\n    <!-- indented -->\n\n```\n<!-- fenced -->\n```\nEnd";
        let s = strip(text).unwrap();
        assert_eq!(s.text, "Before  after\n\n    \n\n```\n\n```\nEnd");
        // "End" is on line 10 of the original.
        assert_eq!(s.line_of(s.text.find("End").unwrap()), 10);
        assert_eq!(s.line_of(s.text.find("after").unwrap()), 3);
        assert_eq!(s.line_of(0), 1);
    }

    #[test]
    fn lines_agree_with_counting_from_the_top() {
        let text = "a\n<!-- x\ny -->b\n\nc <!--\n\n-->\nd\n<!-- -->e\n";
        let s = strip(text).unwrap();
        for offset in 0..=s.text.len() + 2 {
            let removed: usize = [(2usize, 1usize), (7, 2)]
                .iter()
                .filter(|(at, _)| *at <= offset)
                .map(|(_, n)| n)
                .sum();
            let want = crate::text::line_of_offset(&s.text, offset) + removed;
            assert_eq!(s.line_of(offset), want, "offset {offset}");
        }
    }

    #[test]
    fn empty_comments_and_unclosed_ones() {
        assert_eq!(strip("a<!-->b<!--->c").unwrap().text, "abc");
        assert_eq!(
            strip("one\n<!-- never closed\nsecret").unwrap_err(),
            Unclosed { offset: 4 }
        );
        assert_eq!(
            strip_inline("Report <!-- J Smith --> on placements"),
            "Report  on placements"
        );
        assert_eq!(strip_inline("Report <!-- J Smith"), "Report");
        assert_eq!(strip_inline("No comment"), "No comment");
    }
}
