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
        diags.push(if opened {
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
    if let Some(line) = second_front_matter(split.body, split.body_line) {
        // Read as Markdown, its `draft: true` or `exempt:` would be text on the public
        // page and the paper published.
        diags.push(
            Diagnostic::error(&file.rel, Some(line), "a second block of front matter starts here, below the first")
                .code("second-front-matter")
                .hint("move its keys (draft:, exempt: ...) into the block at the top of the file, and delete this block's --- lines"),
        );
        return None;
    }
    if let Some((line, key)) = key_below_front_matter(split.body, split.body_line) {
        // Round 35: a `---` typed above a key ends the front matter early, and the key
        // (`draft: true`) is the first line of the text.
        diags.push(
            Diagnostic::error(&file.rel, Some(line), format!("{key}: is below the --- that ends the front matter on line {}, so it would be published as words, not read as a setting", split.body_line - 1))
                .code("second-front-matter")
                .hint(format!("move {key}: up into the front matter, above its closing ---, and delete any --- left between them")),
        );
        return None;
    }
    Some((fm, split.body, split.body_line))
}

/// The first line of the body, and the key it starts with, if it starts with a key that
/// keeps something back: a paper never starts with `draft:` in lower case, but a front
/// matter closed a line too early leaves it there.
fn key_below_front_matter(body: &str, body_line: usize) -> Option<(usize, &'static str)> {
    let (line, first) = (body_line..)
        .zip(body.lines())
        .find(|(_, l)| !l.trim().is_empty())?;
    crate::load::misplaced::withholding_key(first).map(|key| (line, key))
}

/// The line of a `---` that opens a second block of keys straight after the front
/// matter: the first line of the body that is not blank is `---`, and the next such line
/// is a key as front matter writes it (`draft: true`, `exempt:`). A rule followed by
/// prose ("Note: ...") does not count: keys are lower case.
fn second_front_matter(body: &str, body_line: usize) -> Option<usize> {
    let mut lines = (body_line..)
        .zip(body.lines())
        .filter(|(_, l)| !l.trim().is_empty());
    let (line, first) = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let (_, next) = lines.next()?;
    let (key, value) = next.split_once(':')?;
    let key = key.trim_start_matches('\u{feff}');
    let keyish = !key.is_empty()
        && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        && (value.is_empty() || value.starts_with([' ', '\t']));
    keyish.then_some(line)
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
    use super::{key_below_front_matter, second_front_matter, shows_title};

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
        assert_eq!(
            key_below_front_matter("draft: true\n---\n---\n\nText\n", 5),
            Some((5, "draft"))
        );
        assert_eq!(
            key_below_front_matter("\n  exempt: [3]\n", 5),
            Some((6, "exempt"))
        );
        assert_eq!(key_below_front_matter("Status: on time.\n", 5), None);
        assert_eq!(key_below_front_matter("Text.\n\ndraft: true\n", 5), None);
    }

    #[test]
    fn a_second_block_of_keys_is_found_and_a_rule_before_prose_is_not() {
        assert_eq!(
            second_front_matter("\n---\ndraft: true\n---\nText\n", 5),
            Some(6)
        );
        assert_eq!(
            second_front_matter("---\nexempt:\n  - 3\n---\n", 5),
            Some(5)
        );
        assert_eq!(second_front_matter("---\nNote: this is prose.\n", 5), None);
        assert_eq!(second_front_matter("Text\n---\ndraft: true\n", 5), None);
        assert_eq!(second_front_matter("---\nhttp://example.org\n", 5), None);
    }
}
