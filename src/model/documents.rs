//! Markdown documents and free pages: front matter, body, references.

use std::path::{Path, PathBuf};

use super::raw::{Kind, RawBackground, RawExempt, RawFrontMatter, RawPageMatter, Withhold};
use super::schedule12a::Jurisdiction;
use super::text::{is_slug, parse_date};
use super::{Body, Document, Exemption, Page, tree};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{SourceFile, Sources, frontmatter, yaml};

/// Parses one Markdown document of a meeting. Its `id` is set by the caller, which
/// numbers the documents parsed in parallel in a stable order.
pub fn document(
    file: &SourceFile,
    content: &Path,
    committee: &str,
    meeting: &str,
    jurisdiction: Jurisdiction,
    diags: &mut Diagnostics,
) -> Option<Document> {
    let (fm, body, body_line) = split_front_matter::<RawFrontMatter>(file, diags)?;
    let key = file
        .path
        .strip_prefix(content)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let slug = file
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !is_slug(&slug) || slug == "files" {
        diags.push(
            Diagnostic::error(&file.rel, None, format!("\"{slug}\" cannot be used as a document name in a web address")).code("bad-name")
                .hint("rename the file using lowercase letters, digits and hyphens, for example ofsted-letter.md (and not files.md)"),
        );
        return None;
    }
    if fm.title.trim().is_empty() {
        let line = file
            .text
            .lines()
            .position(|l| l.trim_start().starts_with("title:"))
            .map(|i| i + 1);
        diags.push(
            Diagnostic::error(&file.rel, line, "the title is empty")
                .code("empty-title")
                .hint("write the document's title after title:"),
        );
    }
    // Front matter starts on line 2 of the file.
    let at = |l: serde_saphyr::Location| (l.line() > 0).then(|| l.line() as usize + 1);
    let exempt = fm
        .exempt
        .as_ref()
        .and_then(|e| exempt_key(&e.value, at(e.referenced), &file.rel, jurisdiction, diags));
    let public_title = fm
        .public_title
        .as_ref()
        .and_then(|t| public_title_key(&t.value, &fm.title, at(t.referenced), &file.rel, diags));
    let date = fm
        .date
        .as_ref()
        .and_then(|d| date_field(&d.value, at(d.referenced), &file.rel, "date", diags));
    let dir = key.parent().map(Path::to_path_buf).unwrap_or_default();
    let kind = fm.kind.unwrap_or(if file.path.ends_with("minutes.md") {
        Kind::Minutes
    } else {
        Kind::Other
    });
    let src = tree::Source {
        dir: &dir,
        first_line: body_line,
        rel: &file.rel,
    };
    let (tree, refs) = tree::read(body, kind, &src, diags);
    let published = fm
        .published
        .as_ref()
        .and_then(|d| date_field(&d.value, at(d.referenced), &file.rel, "published", diags));
    let background = fm
        .background_papers
        .as_ref()
        .and_then(|b| background(&b.value, at(b.referenced), &file.rel, jurisdiction, diags));
    let approval = approval(&fm, kind, &file.rel, diags);
    let pending = super::Pending {
        replaces: fm
            .replaces
            .as_ref()
            .map(|r| (r.value.trim().to_string(), at(r.referenced))),
        approved_at: fm
            .approved_at
            .as_ref()
            .map(|r| (r.value.trim().to_string(), at(r.referenced))),
    };
    Some(Document {
        id: super::DocId(usize::MAX),
        committee: committee.to_string(),
        meeting: meeting.to_string(),
        slug,
        rel: file.rel.clone(),
        key,
        title: fm.title.trim().to_string(),
        public_title,
        kind,
        report_of: fm.report_of,
        divisions: fm.divisions,
        contact: fm.contact,
        exempt,
        draft: fm.draft,
        from: fm.from.map(|l| l.0).unwrap_or_default(),
        to: fm.to.map(|l| l.0).unwrap_or_default(),
        date,
        signed: fm.signed.map(|l| l.0).unwrap_or_default(),
        listings: Vec::new(),
        published,
        replaces: None,
        background,
        approval,
        exempt_sections: Vec::new(),
        unplaced_exempt_minutes: Vec::new(),
        retitled_sections: Vec::new(),
        pending,
        body: Body::Markdown {
            tree: std::sync::Arc::new(tree),
            refs,
        },
    })
}

/// Reads `background_papers:`: "None", or a list whose exempt entries stay private.
pub(super) fn background(
    raw: &RawBackground,
    line: Option<usize>,
    rel: &Path,
    jurisdiction: Jurisdiction,
    diags: &mut Diagnostics,
) -> Option<super::Background> {
    match raw {
        RawBackground::None(word) if word.trim().eq_ignore_ascii_case("none") => {
            Some(super::Background::None)
        }
        RawBackground::None(other) => {
            diags.push(
                Diagnostic::error(rel, line, format!("background_papers: \"{other}\" is neither None nor a list"))
                    .code("bad-background-papers")
                    .hint("write background_papers: None, or list each paper on its own line as - { title: \"...\", inspect: \"Democratic Services, County Hall\" }"),
            );
            None
        }
        RawBackground::List(list) => {
            let mut papers = Vec::new();
            for p in list {
                if p.title.trim().is_empty() {
                    diags.push(
                        Diagnostic::error(rel, line, "a background paper has an empty title")
                            .code("empty-title")
                            .hint("write the paper's title after title:"),
                    );
                    continue;
                }
                if let Some(link) = &p.link
                    && !(link.starts_with("https://") || link.starts_with("http://"))
                {
                    diags.push(
                        Diagnostic::error(rel, line, format!("the background paper \"{}\" has link: \"{link}\", which is not a web address", p.title))
                            .code("bad-background-papers")
                            .hint("give the full address starting https://, or say where it can be inspected with inspect:"),
                    );
                }
                let exempt = p.exempt.as_ref().and_then(|e| {
                    let l = (e.referenced.line() > 0).then(|| e.referenced.line() as usize + 1);
                    exempt_key(&e.value, l.or(line), rel, jurisdiction, diags)
                });
                papers.push(super::BackgroundPaper {
                    title: p.title.trim().to_string(),
                    link: p.link.clone(),
                    inspect: p.inspect.clone(),
                    exempt,
                });
            }
            Some(super::Background::Papers(papers))
        }
    }
}

/// Minutes' `status:` and `approved_at:`; both are refused on other kinds of document.
fn approval(
    fm: &RawFrontMatter,
    kind: Kind,
    rel: &Path,
    diags: &mut Diagnostics,
) -> Option<super::Approval> {
    let at = |l: serde_saphyr::Location| (l.line() > 0).then(|| l.line() as usize + 1);
    if kind != Kind::Minutes {
        for (key, v) in [("status", &fm.status), ("approved_at", &fm.approved_at)] {
            if let Some(v) = v {
                diags.push(
                    Diagnostic::error(rel, at(v.referenced), format!("{key}: is for minutes, and this is a {}", kind.label().to_lowercase()))
                        .code("minutes-only")
                        .hint(format!("remove {key}:, or set kind: minutes if this document is the minutes of its meeting")),
                );
            }
        }
        return None;
    }
    let status = fm
        .status
        .as_ref()
        .map(|s| (s.value.trim().to_lowercase(), at(s.referenced)));
    let approved_at = fm.approved_at.is_some();
    match status {
        Some((s, line)) if s == "draft" => {
            if approved_at {
                diags.push(
                    Diagnostic::error(rel, line, "status: draft, but approved_at: names the meeting that approved these minutes")
                        .code("minutes-status")
                        .hint("once the minutes are approved, write status: approved (or remove status:) and keep approved_at:"),
                );
            }
            Some(super::Approval::Draft)
        }
        // approved_at is resolved to its meeting once the whole committee is read.
        Some((s, _)) if s == "approved" => Some(super::Approval::Approved { at: None }),
        None if approved_at => Some(super::Approval::Approved { at: None }),
        None => Some(super::Approval::Unstated),
        Some((s, line)) => {
            diags.push(
                Diagnostic::error(rel, line, format!("status: \"{s}\" is not a status of minutes"))
                    .code("minutes-status")
                    .hint("write status: draft, or status: approved with approved_at: and the date folder of the meeting that approved them"),
            );
            Some(super::Approval::Draft)
        }
    }
}

/// Splits and parses front matter; reports a missing block.
pub(super) fn split_front_matter<'a, T: serde::de::DeserializeOwned>(
    file: &'a SourceFile,
    diags: &mut Diagnostics,
) -> Option<(T, &'a str, usize)> {
    let Some(split) = frontmatter::split(&file.text) else {
        let opened = file
            .text
            .lines()
            .next()
            .is_some_and(|l| l.trim_end() == "---");
        // Saved with old Mac line endings (a carriage return alone), the file is one
        // line to everything but YAML: name that, not a missing block.
        let carriage_returns_alone =
            file.text.starts_with("---\r") && !file.text.starts_with("---\r\n");
        diags.push(if carriage_returns_alone {
            Diagnostic::error(&file.rel, Some(1), "the file's lines end with a carriage return alone (old Mac line endings), so its front matter cannot be read")
                .code("missing-front-matter")
                .hint("save the file again with Windows (CRLF) or Unix (LF) line endings; most editors offer this in the status bar or the Save As dialog")
        } else if opened {
            // Opened but never closed: the whole file would be read as settings.
            Diagnostic::error(&file.rel, Some(1), "the front matter that starts here is never closed")
                .code("missing-front-matter")
                .hint("add a line --- after the last key (title:, kind: ...), before the text of the document")
        } else {
            Diagnostic::error(&file.rel, Some(1), "the file does not start with front matter")
                .code("missing-front-matter")
                .hint("start the file with a line ---, then title: \"...\" and the other keys, then another line ---")
        });
        return None;
    };
    let fm: T = yaml::parse(file, split.yaml, split.yaml_line, diags)?;
    match top_of_body(split.body, split.body_line) {
        None => Some((fm, split.body, split.body_line)),
        Some((line, TopOfBody::SecondBlock)) => {
            // Read as Markdown, its `draft: true` or `exempt:` would be text on the
            // public page and the paper published.
            diags.push(
                Diagnostic::error(&file.rel, Some(line), "a second block of front matter starts here, below the first")
                    .code("second-front-matter")
                    .hint("move its keys (draft:, exempt: ...) into the block at the top of the file, and delete this block's --- lines"),
            );
            None
        }
        Some((line, TopOfBody::Key(key))) => {
            // Round 35: a `---` typed above a key ends the front matter early, and the
            // key (`draft: true`) is the first line of the text.
            diags.push(
                Diagnostic::error(&file.rel, Some(line), format!("{key}: is below the --- that ends the front matter on line {}, so it would be published as words, not read as a setting", split.body_line - 1))
                    .code("second-front-matter")
                    .hint(format!("move {key}: up into the front matter, above its closing ---, and delete any --- left between them")),
            );
            None
        }
    }
}

/// Keys found at the top of a document's text, where front matter closed too early
/// leaves them.
#[derive(Debug, PartialEq, Eq)]
enum TopOfBody {
    /// A rule (`---`) and below it keys, as front matter writes them.
    SecondBlock,
    /// A key that keeps something back in the text's first paragraph (a paper never
    /// starts with `draft:` in lower case).
    Key(&'static str),
}

/// The line and kind of keys at the top of `body` (its first line is `body_line`), read
/// as Markdown reads it: HTML comments are nothing, nor are lines of spaces, including
/// those that show as nothing (round 36: a comment line or a zero-width space above the
/// keys hid them, as did a key other than the first of several). Only the lines that
/// read as settings are looked at, from the top (or from a rule there) to the first line
/// of prose (round 37: past a blank line between groups of keys, but not into the text,
/// whose wrapped lines may start with "decision:" or "status:").
fn top_of_body(body: &str, body_line: usize) -> Option<(usize, TopOfBody)> {
    use crate::load::misplaced::{front_matter_key, is_space};
    let body = without_html_comments(body);
    let mut lines = (body_line..)
        .zip(body.lines())
        .filter(|(_, l)| !l.chars().all(is_space))
        .peekable();
    let &(line, first) = lines.peek()?;
    let rule = is_rule(first);
    if rule {
        lines.next();
    }
    let settings: Vec<(usize, &str)> = lines
        .take_while(|(_, l)| !is_rule(l) && reads_as_a_setting(l))
        .take(200)
        .collect();
    let key = settings
        .iter()
        .filter(|(_, l)| !l.trim_start().starts_with('-'))
        .find_map(|&(i, l)| front_matter_key(l).map(|key| (i, key)));
    if rule {
        let keys = key.is_some() || settings.first().is_some_and(|(_, l)| looks_like_a_key(l));
        return keys.then_some((line, TopOfBody::SecondBlock));
    }
    key.map(|(i, key)| (i, TopOfBody::Key(key)))
}

/// A line as settings are written: a key, a line indented under one, a list entry, a
/// comment (which Markdown reads as a heading).
fn reads_as_a_setting(line: &str) -> bool {
    looks_like_a_key(line)
        || crate::load::misplaced::front_matter_key(line).is_some()
        || line.starts_with([' ', '\t'])
        || line.starts_with(['-', '#'])
}

/// A key as front matter writes it (`draft: true`, `exempt:`): lower case, then a colon
/// and a space or nothing. A rule followed by prose ("Note: ...") does not count.
fn looks_like_a_key(line: &str) -> bool {
    let Some((key, value)) = line.split_once(':') else {
        return false;
    };
    let key = key.trim_start_matches(crate::load::misplaced::is_space);
    !key.is_empty()
        && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        && (value.is_empty() || value.starts_with(char::is_whitespace))
}

/// A thematic break: three or more of one of `-`, `*`, `_`, with spaces between, and
/// anything after a ` #` (a YAML comment on a front matter's `---`).
fn is_rule(line: &str) -> bool {
    let line = line.split(" #").next().unwrap_or(line);
    let marks: String = line
        .chars()
        .filter(|c| !crate::load::misplaced::is_space(*c))
        .collect();
    marks.len() >= 3
        && ["-", "*", "_"]
            .iter()
            .any(|m| marks.chars().all(|c| c.to_string() == *m))
}

/// `text` with each HTML comment's characters, but not its line breaks, taken out.
fn without_html_comments(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("<!--") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("<!--") {
        out.push_str(&rest[..open]);
        let inside = &rest[open..];
        let close = inside.find("-->").map_or(inside.len(), |c| c + 3);
        out.extend(inside[..close].chars().filter(|c| *c == '\n'));
        rest = &inside[close..];
    }
    out.push_str(rest);
    out.into()
}

/// Reads a written `exempt:` key. Left blank it is an error, never "not exempt".
pub fn exempt_key(
    raw: &Withhold<RawExempt>,
    line: Option<usize>,
    rel: &Path,
    jurisdiction: Jurisdiction,
    diags: &mut Diagnostics,
) -> Option<Exemption> {
    match raw {
        Withhold::Set(raw) => exemption(raw, line, rel, jurisdiction, diags),
        Withhold::Blank => {
            let (lo, _) = jurisdiction.valid_range();
            diags.push(
                Diagnostic::error(rel, line, "exempt: has no value, so quire cannot tell which Schedule 12A paragraphs apply").code("blank-exempt")
                    .hint(format!(
                        "write the paragraphs, for example exempt: [{lo}]; if legal advice is still awaited, write the paragraph you expect and correct it later, because a blank exempt: would publish the matter"
                    )),
            );
            None
        }
    }
}

/// Reads a written `public_title:` key. Blank or empty it is an error: the real title
/// would otherwise be shown in its place.
pub fn public_title_key(
    raw: &Withhold<String>,
    title: &str,
    line: Option<usize>,
    rel: &Path,
    diags: &mut Diagnostics,
) -> Option<String> {
    match raw {
        Withhold::Set(t) if !t.trim().is_empty() => {
            let public = t.trim();
            if shows_title(public, title) {
                diags.push(
                    Diagnostic::warning(rel, line, format!("public_title \"{public}\" differs from the title \"{}\" only in its spelling or punctuation, so the public sees the title", title.trim()))
                        .code("public-title-shows-title")
                        .hint("if the title must not be published, write a public title that does not repeat it, for example public_title: \"Staffing matter\"; if it may be published, remove public_title"),
                );
            }
            Some(public.to_string())
        }
        _ => {
            diags.push(
                Diagnostic::error(rel, line, "public_title: is empty, so the public would see the real title").code("empty-public-title")
                    .hint("write the title the public may see, for example public_title: \"Staffing matter\", or remove the key"),
            );
            None
        }
    }
}

/// Whether a public title is the title with its letters run together or split another
/// way: an apostrophe or a space dropped ("OBrien" for "O'Brien"). The leak gate looks
/// for the title as it is, so such a public title would publish it unnoticed (a
/// red-team session, 4 December 2026). The same words are not: a public title copied
/// from the title says that the title may be published. Nor is a letter changed:
/// "Child X" for "Child A" hides what it changes.
fn shows_title(public: &str, title: &str) -> bool {
    let letters = |s: &str| -> String {
        (super::minutes::words(s).chars())
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    super::minutes::words(public) != super::minutes::words(title)
        && letters(public) == letters(title)
}

/// Validates an exemption against the site's jurisdiction. `line` is the file line of the key.
pub fn exemption(
    raw: &RawExempt,
    line: Option<usize>,
    rel: &Path,
    jurisdiction: Jurisdiction,
    diags: &mut Diagnostics,
) -> Option<Exemption> {
    let (lo, hi) = jurisdiction.valid_range();
    let mut ok = true;
    if raw.paragraphs.is_empty() {
        ok = false;
        diags.push(
            Diagnostic::error(rel, line, "exempt: names no Schedule 12A paragraph")
                .code("no-paragraphs")
                .hint(format!(
                    "list the paragraphs that apply, for example exempt: [{lo}]"
                )),
        );
    }
    for &p in &raw.paragraphs {
        if jurisdiction.category(p).is_none() {
            ok = false;
            diags.push(
                Diagnostic::error(rel, line, format!("paragraph {p} is not an exempt category of {} of Schedule 12A", jurisdiction.part())).code("invalid-paragraph")
                    .hint(format!("this site's jurisdiction allows paragraphs {lo} to {hi}; check site.toml's jurisdiction if this is wrong")),
            );
        }
    }
    let until = raw
        .until
        .as_ref()
        .and_then(|u| date_field(u, line, rel, "until", diags));
    if raw.until.is_some() && until.is_none() {
        ok = false;
    }
    let review = raw
        .review
        .as_ref()
        .and_then(|r| date_field(r, line, rel, "review", diags));
    if raw.review.is_some() && review.is_none() {
        ok = false;
    }
    let mut paragraphs = raw.paragraphs.clone();
    paragraphs.sort_unstable();
    paragraphs.dedup();
    ok.then(|| Exemption {
        paragraphs,
        until,
        review,
        reason: raw.reason.clone(),
        line,
    })
}

/// Parses a date, reporting a bad one with the field name.
pub fn date_field(
    value: &str,
    line: Option<usize>,
    rel: &Path,
    field: &str,
    diags: &mut Diagnostics,
) -> Option<time::Date> {
    let d = parse_date(value);
    if d.is_none() {
        diags.push(
            Diagnostic::error(rel, line, format!("{field}: \"{value}\" is not a date"))
                .code("bad-date")
                .hint("write dates as YYYY-MM-DD, for example 2021-09-24"),
        );
    }
    d
}

/// Free pages from `content/pages/`.
pub fn pages(sources: &Sources, diags: &mut Diagnostics) -> Vec<Page> {
    let mut out = Vec::new();
    for file in &sources.pages {
        let slug = file
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !is_slug(&slug) {
            diags.push(
                Diagnostic::error(
                    &file.rel,
                    None,
                    format!("\"{slug}\" cannot be used in a web address"),
                )
                .code("bad-name")
                .hint("rename the file using lowercase letters, digits and hyphens"),
            );
            continue;
        }
        if crate::layout::RESERVED.contains(&slug.as_str()) {
            diags.push(
                Diagnostic::error(&file.rel, None, format!("duplicate slug: the page \"{slug}\" would replace quire's own /{slug}/ pages")).code("reserved-name")
                    .hint(format!("rename the file, for example to about-{slug}.md")),
            );
            continue;
        }
        let Some((fm, body, body_line)) = split_front_matter::<RawPageMatter>(file, diags) else {
            continue;
        };
        let key: PathBuf = file
            .path
            .strip_prefix(&sources.content)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let dir = key.parent().map(Path::to_path_buf).unwrap_or_default();
        let src = tree::Source {
            dir: &dir,
            first_line: body_line,
            rel: &file.rel,
        };
        let (body, refs) = tree::read(body, Kind::Other, &src, diags);
        out.push(Page {
            slug,
            key,
            title: fm.title,
            summary: fm.summary,
            body,
            refs,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{TopOfBody, is_rule, shows_title, top_of_body};

    #[test]
    fn a_public_title_that_respells_the_title_shows_it_and_one_that_rewords_it_does_not() {
        let title = "Dismissal of Mr Quokkaplex O'Brien";
        assert!(shows_title("Dismissal of Mr Quokkaplex OBrien", title));
        assert!(!shows_title("Placement of Child X", "Placement of Child A"));
        assert!(shows_title("Dismissal of MrQuokkaplex O'Brien", title));
        // The same words say the title may be published; other words hide it.
        assert!(!shows_title("Dismissal of Mr Quokkaplex O’Brien", title));
        assert!(!shows_title("dismissal of mr quokkaplex o'brien.", title));
        assert!(!shows_title("Staffing matter", title));
        assert!(!shows_title("Dismissal of an employee", title));
    }

    #[test]
    fn a_key_left_below_the_front_matter_is_found_and_prose_is_not() {
        let key = |k| Some(TopOfBody::Key(k));
        let found = |body: &str| top_of_body(body, 5).map(|(_, f)| f);
        assert_eq!(
            top_of_body("draft: true\n---\n---\n\nText\n", 5),
            Some((5, TopOfBody::Key("draft")))
        );
        assert_eq!(
            top_of_body("\n  exempt: [3]\n", 5),
            Some((6, TopOfBody::Key("exempt")))
        );
        // Round 36: below another key, a comment or a line that shows as nothing.
        assert_eq!(
            found("report_of: the director\nexempt: [3]\n\nText\n"),
            key("exempt")
        );
        assert_eq!(
            found("<!-- checked by legal -->\ndraft: true\n"),
            key("draft")
        );
        assert_eq!(found("\u{200b}\ndraft: true\n"), key("draft"));
        assert_eq!(found("Status: on time.\n"), None);
        assert_eq!(found("Text.\n\ndraft: true\n"), None);
        // Round 37: past a blank line between keys, but not into the text.
        assert_eq!(
            found("report_of: Director\n\nexempt: [3]\n---\n\nText\n"),
            key("exempt")
        );
        assert_eq!(
            found("We take the following key\ndecision: to declare\n"),
            None
        );
        assert_eq!(found("The appendix is\nexempt: it holds prices.\n"), None);
        assert_eq!(found("decision: to declare the site surplus.\n"), None);
    }

    #[test]
    fn a_second_block_of_keys_is_found_and_a_rule_before_prose_is_not() {
        let block = Some(TopOfBody::SecondBlock);
        let found = |body: &str| top_of_body(body, 5).map(|(_, f)| f);
        assert_eq!(
            top_of_body("\n---\ndraft: true\n---\nText\n", 5),
            Some((6, TopOfBody::SecondBlock))
        );
        assert_eq!(found("---\nexempt:\n  - 3\n---\n"), block);
        // Round 36: a comment first, a key written otherwise, another rule.
        assert_eq!(found("---\n# from the template\ndraft: true\n---\n"), block);
        assert_eq!(found("<!-- x -->\n---\n\"exempt\": [3]\n---\n"), block);
        assert_eq!(found("----\n  exempt:[3]\n---\n"), block);
        assert_eq!(found("--- #\n\u{a0}draft: true\n"), block);
        assert_eq!(found("***\ndraft: true\n"), block);
        assert_eq!(found("---\nNote: this is prose.\n"), None);
        assert_eq!(found("Text\n---\ndraft: true\n"), None);
        assert_eq!(found("---\nhttp://example.org\n"), None);
        // Round 37: a rule at the top of a paper, and a list far below it.
        assert_eq!(
            found("---\n\nThe works are on time.\n\n- status: amber\n"),
            None
        );
        assert!(!is_rule("--"));
        assert!(is_rule("- - -"));
        assert!(!is_rule("-*-"));
    }
}
