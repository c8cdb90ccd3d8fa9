//! Minutes filed in another meeting's folder.
//!
//! Minutes are read against the agenda of the folder they are in: that is how the minute
//! of an exempt item is found and kept out of the public minutes ([`super::minutes`]).
//! Last meeting's minutes saved with the papers that approve them, or a sub-committee's
//! minutes saved with the parent committee's papers for noting, are read against the
//! wrong agenda, and their exempt minutes would be published as public ones. So a
//! document that calls itself minutes stops the build when it plainly is the minutes of
//! another meeting that had exempt business:
//! - its title names the date of another meeting of its committee, and not its own
//!   meeting's date;
//! - its title names another committee and the date of one of its meetings (an
//!   "extract" from another committee's minutes, written for publication, is let be);
//! - one of its headings, at any level, is the title or public title of an exempt item of
//!   another meeting of its committee (after any number or reference before it:
//!   `Minute 3: An individual placement`), and is like no item of its own agenda.
//!
//! These are signs, not proof: minutes with no date in their title and headings worded
//! unlike the agenda are not recognised. Meetings without exempt business are not looked
//! at, since their minutes hold nothing to leak.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use time::{Date, Month};

use super::minutes::{all_items, same_matter, titled_as_minutes, words};
use super::tree::{Block, Tree};
use super::{Body, Committee, Document, Item, Kind, Library, Meeting};
use crate::diag::{Diagnostic, Diagnostics};

/// Refuses minutes that look like another meeting's (see the module docs).
pub fn check(lib: &Library, diags: &mut Diagnostics) {
    let index = Index::of(lib);
    if index.by_date.is_empty() {
        return;
    }
    for doc in &lib.documents {
        // Minutes by kind; by title when no kind is written (PDF files have none); and,
        // whatever the kind, a title that starts "Minutes of …", since minutes written
        // from a report's template are still minutes. A paper exempt on its own is
        // withheld whole, wherever it is filed.
        let untyped = doc.kind == Kind::Other && titled_as_minutes(&doc.title);
        let called = words(&doc.title).starts_with("minutes ");
        if !(doc.kind == Kind::Minutes || untyped || called) || doc.exempt.is_some() {
            continue;
        }
        let Some(&(c, own)) = index.meetings.get(&(&doc.committee, &doc.meeting)) else {
            continue;
        };
        if let Some(d) = another_meetings(lib, doc, c, own, &index) {
            diags.push(d);
        }
    }
}

/// The meetings of the site, and those with exempt business by date and by the titles
/// of their exempt items.
struct Index<'l> {
    meetings: HashMap<(&'l str, &'l str), (&'l Committee, &'l Meeting)>,
    /// Meetings with an item exempt on its own, by date.
    by_date: HashMap<Date, Vec<(&'l Committee, &'l Meeting)>>,
    /// Those items, by committee and the words of their title and of their public title.
    by_title: HashMap<(&'l str, String), Vec<Exempt<'l>>>,
}

#[derive(Clone, Copy)]
struct Exempt<'l> {
    committee: &'l Committee,
    meeting: &'l Meeting,
    item: &'l Item,
}

impl<'l> Index<'l> {
    fn of(lib: &'l Library) -> Self {
        let mut index = Index {
            meetings: HashMap::new(),
            by_date: HashMap::new(),
            by_title: HashMap::new(),
        };
        for c in &lib.committees {
            for m in &c.meetings {
                index.meetings.insert((&c.slug, &m.slug), (c, m));
                index.add_meeting(c, m);
            }
        }
        index
    }

    fn add_meeting(&mut self, committee: &'l Committee, meeting: &'l Meeting) {
        let mut every = Vec::new();
        all_items(&meeting.items, false, &mut every);
        let mut any = false;
        // Items exempt on their own, by title; and those inside them (a placement under
        // "Exclusion of the press and public") by number and title ("2a Placement
        // review"), since their titles are often ordinary words ("Background").
        for (item, own) in every {
            let Some(own) = own else { continue };
            any |= own;
            let e = Exempt {
                committee,
                meeting,
                item,
            };
            for t in std::iter::once(&item.title).chain(&item.public_title) {
                let w = match own {
                    true => words(t),
                    false => words(&format!("{} {t}", item.number)),
                };
                if !w.is_empty() {
                    let key = (committee.slug.as_str(), w);
                    self.by_title.entry(key).or_default().push(e);
                }
            }
        }
        if any {
            let at = self.by_date.entry(meeting.date).or_default();
            at.push((committee, meeting));
        }
    }
}

/// The error for a document that looks like another meeting's minutes, if it does.
fn another_meetings(
    lib: &Library,
    doc: &Document,
    c: &Committee,
    own: &Meeting,
    index: &Index,
) -> Option<Diagnostic> {
    let here = format!("the meeting of {}", crate::text::short_date(own.date));
    if let Some((oc, om)) = dated_as_another(doc, c, own, index) {
        let what = format!(
            "these minutes are in the folder of {here}, but their title names the meeting of {} of {}, which had exempt business",
            crate::text::short_date(om.date),
            oc.name
        );
        let (file, line) = title_line(lib, doc);
        return Some(misfiled(file, line, what, (oc, om), c));
    }
    let Body::Markdown { tree, .. } = &doc.body else {
        return None;
    };
    let mut ours = Vec::new();
    all_items(&own.items, false, &mut ours);
    headings(tree).into_iter().find_map(|heading| {
        if ours.iter().any(|(item, _)| same_matter(&heading, item)) {
            return None;
        }
        let e = exempt_named(&heading, c, own, index)?;
        let what = format!(
            "the heading \"{heading}\" is exempt item {} of the meeting of {}, which is not on the agenda of {here}",
            e.item.number,
            crate::text::short_date(e.meeting.date),
        );
        let line = heading_line(lib, &doc.rel, &heading);
        Some(misfiled(
            doc.rel.clone(),
            line,
            what,
            (e.committee, e.meeting),
            c,
        ))
    })
}

/// The meeting with exempt business whose minutes a document's title says it is, when
/// that is not its own meeting: one of its committee named by date alone, or one of
/// another committee named with its committee.
fn dated_as_another<'l>(
    doc: &Document,
    c: &Committee,
    own: &Meeting,
    index: &Index<'l>,
) -> Option<(&'l Committee, &'l Meeting)> {
    let named = dates_in(&doc.title, own.date);
    let title = format!(" {} ", words(&doc.title));
    let extract = title.contains(" extract ") || title.contains(" extracts ");
    let names = |oc: &Committee| title.contains(&format!(" {} ", words(&oc.name)));
    let met = named.iter().filter_map(|d| index.by_date.get(d)).flatten();
    let mut others = met
        .filter(|(oc, om)| !(oc.slug == c.slug && om.slug == own.slug))
        .filter(|(oc, _)| match oc.slug == c.slug {
            true => !named.contains(&own.date),
            false => !extract && names(oc),
        });
    others.next().copied()
}

/// The text of every heading, at every level.
pub(super) fn headings(tree: &Tree) -> Vec<String> {
    (tree.blocks.iter())
        .filter_map(|b| match b {
            Block::Heading { c, .. } => Some(super::tree::plain(c)),
            _ => None,
        })
        .collect()
}

/// An exempt item of another meeting of the committee that a heading names.
fn exempt_named<'l>(
    heading: &str,
    c: &Committee,
    own: &Meeting,
    index: &Index<'l>,
) -> Option<Exempt<'l>> {
    let elsewhere = |e: &&Exempt| e.meeting.slug != own.slug;
    (title_runs(heading).into_iter())
        .flat_map(|run| (index.by_title.get(&(c.slug.as_str(), run)).into_iter()).flatten())
        .find(elsewhere)
        .copied()
}

/// The words of a heading, and the same without each of its first words in turn, so
/// that `Minute 3: An individual placement` and `PAN/21/3 An individual placement` name
/// the item "An individual placement".
fn title_runs(heading: &str) -> Vec<String> {
    let all = words(heading);
    let w: Vec<&str> = all.split(' ').collect();
    (0..w.len()).map(|i| w[i..].join(" ")).collect()
}

fn misfiled(
    file: PathBuf,
    line: Option<usize>,
    what: String,
    (c, m): (&Committee, &Meeting),
    here: &Committee,
) -> Diagnostic {
    let folder = format!("content/committees/{}/{}", c.slug, m.slug);
    // Documents are listed from meetings of their own committee only; another
    // committee's are linked to.
    let instead = if c.slug == here.slug {
        format!(
            "list them from this meeting's item as documents: [../{}/minutes.md]",
            m.slug
        )
    } else {
        format!(
            "link to them from this meeting's item, as body: \"[the minutes](../../{}/{}/minutes.md)\"",
            c.slug, m.slug
        )
    };
    Diagnostic::error(file, line, what)
        .code("minutes-in-another-folder")
        .hint(format!(
            "keep a meeting's minutes in its own folder ({folder}/minutes.md) and {instead}; if these are this meeting's minutes, correct the title or heading"
        ))
}

/// The file and line that give a document its title: its front matter, or for a PDF
/// the meeting.yaml that lists it.
fn title_line(lib: &Library, doc: &Document) -> (PathBuf, Option<usize>) {
    let (file, find) = match &doc.body {
        Body::Markdown { .. } => (doc.rel.clone(), "title:".to_string()),
        Body::Pdf { .. } => {
            let yaml = crate::layout::meeting_file(&doc.committee, &doc.meeting);
            (yaml, doc.slug.clone())
        }
    };
    let line = line_of(lib, &file, |l| l.trim_start().contains(find.as_str()));
    (file, line)
}

fn heading_line(lib: &Library, rel: &Path, heading: &str) -> Option<usize> {
    let want = words(heading);
    line_of(lib, rel, |l| {
        l.trim_start().starts_with('#') && words(l).contains(&want)
    })
}

/// The first line of a site file that `hit` accepts. The file is read again: this runs
/// only for an error, after the model has let go of the sources.
fn line_of(lib: &Library, rel: &Path, hit: impl Fn(&str) -> bool) -> Option<usize> {
    #[allow(clippy::disallowed_methods)]
    let text = std::fs::read_to_string(lib.root.join(rel)).ok()?;
    text.lines().position(hit).map(|i| i + 1)
}

/// Every date a title names, written as councils write them: `2 July 2021`,
/// `2nd July 2021`, `the 2nd of July 2021`, `2 Jul 2021`, `July 2, 2021`, `02/07/2021`
/// and `2/7/21` (day first), `2021-07-02`, both days of `23 and 24 September 2021`, and
/// a day and month with no year (`Friday 2 July`), taken as in the year of `near` or the
/// year before.
pub fn dates_in(title: &str, near: Date) -> Vec<Date> {
    let all = words(title);
    let w: Vec<&str> = (all.split(' '))
        .filter(|w| !matches!(*w, "of" | "the"))
        .collect();
    let at = |i: usize| w.get(i).copied().unwrap_or("");
    let mut out = Vec::new();
    for i in 0..w.len() {
        let (a, b, c) = (at(i), at(i + 1), at(i + 2));
        if let Some(y) = year(a) {
            out.extend(number(b).zip(number(c)).and_then(|(m, d)| date(y, m, d)));
            continue;
        }
        // Day first (`2 July 2021`, `02/07/2021`, `2/7/21`), or a month's name first.
        let dm = day(a).zip(month(b)).or_else(|| day(b).zip(month_name(a)));
        let Some((d, m)) = dm else { continue };
        let numeric = number(a).is_some() && number(b).is_some();
        let y = match (year(c), short_year(c)) {
            (Some(y), _) => Some(y),
            (None, Some(y)) if numeric => Some(y),
            _ => None,
        };
        match y {
            Some(y) => {
                out.extend(date(y, m, d));
                // The first day of a meeting held over two days: `23 and 24 September`.
                if i >= 2 && matches!(at(i - 1), "and" | "to") && month_name(b).is_some() {
                    out.extend(day(at(i - 2)).and_then(|d0| date(y, m, d0)));
                }
            }
            // No year: a name of a month, not `2 7`, and not followed by a year.
            None if !numeric && year(c).is_none() => {
                let years = [near.year(), near.year() - 1];
                out.extend(years.iter().filter_map(|&y| date(y, m, d)));
            }
            None => {}
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The first day of each month a title names by its name and year with no day before
/// it: `October 2021`, `Oct 2021`.
pub fn months_in(title: &str) -> Vec<Date> {
    let all = words(title);
    let w: Vec<&str> = (all.split(' '))
        .filter(|w| !matches!(*w, "of" | "the"))
        .collect();
    (1..w.len())
        .filter(|&i| i < 2 || day(w[i - 2]).is_none())
        .filter_map(|i| {
            let m = month_name(w[i - 1])?;
            date(year(w[i])?, m, 1)
        })
        .collect()
}

fn date(year: i32, month: u8, day: u8) -> Option<Date> {
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

fn year(w: &str) -> Option<i32> {
    (w.len() == 4).then(|| w.parse().ok()).flatten()
}

/// A year written with two digits, as in `2/7/21`.
fn short_year(w: &str) -> Option<i32> {
    (w.len() == 2)
        .then(|| w.parse::<i32>().ok().map(|y| 2000 + y))
        .flatten()
}

fn number(w: &str) -> Option<u8> {
    (!w.is_empty() && w.len() <= 2)
        .then(|| w.parse().ok())
        .flatten()
}

/// A day of the month: `2`, `02`, `2nd`, `24th`.
fn day(w: &str) -> Option<u8> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    matches!(suffix, "" | "st" | "nd" | "rd" | "th")
        .then(|| number(digits))
        .flatten()
}

/// A month by number or by name.
fn month(w: &str) -> Option<u8> {
    number(w).or_else(|| month_name(w))
}

/// A month by its name or the first three letters of it (`Sept` too).
fn month_name(w: &str) -> Option<u8> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let i = NAMES
        .iter()
        .position(|n| *n == w || (w.len() >= 3 && n.starts_with(w)))?;
    Some(i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const NEAR: Date = date!(2021 - 09 - 24);

    #[test]
    fn months_are_read_only_without_a_day() {
        let october = date!(2021 - 10 - 01);
        assert_eq!(
            months_in("Exempt minute, sub-panel, October 2021"),
            vec![october]
        );
        assert_eq!(months_in("Minutes of Oct 2021"), vec![october]);
        assert!(months_in("Minutes of 24 October 2021").is_empty());
        assert!(months_in("Minutes of the 24th of October 2021").is_empty());
        assert!(months_in("Minutes of October 24, 2021").is_empty());
    }

    #[test]
    fn dates_are_read_as_councils_write_them() {
        let july = date!(2021 - 07 - 02);
        for title in [
            "Minutes of the meeting held on 2 July 2021",
            "Minutes of the meeting held on 2nd July 2021",
            "Minutes of the meeting held on the 2nd of July 2021",
            "Minutes, 2 Jul 2021",
            "Minutes of the meeting held on July 2, 2021",
            "Minutes of 02/07/2021",
            "Minutes of 2/7/21",
            "Minutes (2021-07-02)",
            "Minutes of the meeting held on Friday 2 July",
        ] {
            assert!(dates_in(title, NEAR).contains(&july), "{title}");
        }
        assert_eq!(
            dates_in(
                "Minutes of 24th September 2021, adjourned from 2 July 2021",
                NEAR
            ),
            vec![july, NEAR]
        );
        assert_eq!(dates_in("Sept 24 2021", NEAR), vec![NEAR]);
        assert_eq!(
            dates_in(
                "Minutes of the meeting held on 23 and 24 September 2021",
                NEAR
            ),
            vec![date!(2021 - 09 - 23), NEAR]
        );
        // Without a year: this year's, or last year's.
        assert_eq!(
            dates_in("Minutes of 2 July", NEAR),
            vec![date!(2020 - 07 - 02), july]
        );
    }

    #[test]
    fn a_heading_names_every_title_it_holds() {
        let runs = title_runs("Minute 3: An individual placement");
        assert!(
            runs.contains(&"an individual placement".to_string()),
            "{runs:?}"
        );
        assert!(runs.contains(&"minute 3 an individual placement".to_string()));
        assert!(runs.contains(&"placement".to_string()));
        assert_eq!(title_runs("Placements"), vec!["placements"]);
    }

    #[test]
    fn words_that_are_not_dates_name_none() {
        for title in [
            "Minutes",
            "Minutes of the 2021 meeting",
            "Item 3 of 12 in 2021",
            "Minutes of 31 February 2021",
            "Minutes of 2 Julyish 2021",
            "Minutes of items 2 7",
        ] {
            assert_eq!(dates_in(title, NEAR), Vec::<Date>::new(), "{title}");
        }
    }
}
