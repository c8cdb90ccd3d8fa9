//! Attendance against membership. The attendance figures count a councillor at a meeting
//! only if committee.yaml says they sat on the committee that day (`from:` and `to:`), so
//! a record that disagrees with the membership would silently drop out of them. Each
//! disagreement is a warning, naming the meeting.yaml line:
//! - a councillor under `present`, `apologies` or `absent` who was not a member that day;
//! - a substitute who was a member that day (a member attends as a member);
//! - a substitute `for:` someone who was not a member that day.
//!
//! Either the record or committee.yaml may be the one to correct, so the hint names both.
//! Also here: no councillor may take the name `attendance`, whose page would be the
//! address of the councillors' attendance page, `/members/attendance/`.

use std::path::Path;

use super::raw::RawMeeting;
use super::{Attendance, Committee, Library, Meeting, Membership};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{SourceFile, Sources};
use crate::text::short_date;

/// The code of these warnings: the record contradicts the committee's membership.
const CODE: &str = "attendance-not-a-member";

/// The member file name quire keeps for the councillors' attendance page.
const RESERVED_MEMBER: &str = "attendance";

/// Warns of every meeting whose attendance disagrees with the committee's membership.
pub(super) fn check(lib: &Library, sources: &Sources, diags: &mut Diagnostics) {
    if lib.members.contains_key(RESERVED_MEMBER) {
        let rel = sources
            .members
            .iter()
            .find(|f| f.path.file_stem().is_some_and(|s| s == RESERVED_MEMBER))
            .map_or_else(
                || Path::new("content/members/attendance.yaml").to_path_buf(),
                |f| f.rel.clone(),
            );
        diags.push(
            Diagnostic::error(rel, None, "the name \"attendance\" is kept for the councillors' attendance page, /members/attendance/")
                .code("reserved-name")
                .hint("rename the file, for example to the councillor's initial and surname, and change the name wherever committee.yaml and meeting.yaml use it"),
        );
    }
    for c in &lib.committees {
        for m in &c.meetings {
            let Some(a) = &m.attendance else { continue };
            let found = findings(&c.members, m.date, a);
            if found.is_empty() {
                continue;
            }
            let file = sources
                .committees
                .iter()
                .find(|d| d.slug == c.slug)
                .and_then(|d| d.meetings.iter().find(|d| d.slug == m.slug))
                .and_then(|d| d.meeting.as_ref());
            let Some(file) = file else { continue };
            let lines = Lines::of(file);
            for f in found {
                diags.push(f.diagnostic(c, m, file, &lines));
            }
        }
    }
}

/// What is wrong with one name in a meeting's attendance.
#[derive(Debug, PartialEq, Eq)]
enum Finding<'a> {
    /// Named under `present`, `apologies` or `absent`, but not a member that day.
    Named { slug: &'a str, list: &'static str },
    /// A substitute who was a member that day.
    MemberAsSubstitute { slug: &'a str },
    /// Replaced by a substitute, but not a member that day.
    ReplacedNonMember { slug: &'a str },
}

/// Whether `slug` sat on the committee on `day`, by any of their memberships.
fn sat(members: &[Membership], slug: &str, day: time::Date) -> bool {
    seats(members, slug).any(|s| s.on(day))
}

/// A councillor's memberships of a committee: more than one if they left and came back.
fn seats<'c>(members: &'c [Membership], slug: &'c str) -> impl Iterator<Item = &'c Membership> {
    members.iter().filter(move |s| s.member == slug)
}

/// The names in one meeting's attendance that disagree with the committee's membership
/// (`members`) on the meeting's day.
fn findings<'a>(members: &[Membership], day: time::Date, a: &'a Attendance) -> Vec<Finding<'a>> {
    let mut out = Vec::new();
    for (list, names) in [
        ("present", &a.present),
        ("apologies", &a.apologies),
        ("absent", &a.absent),
    ] {
        for slug in names {
            if !sat(members, slug, day) {
                out.push(Finding::Named { slug, list });
            }
        }
    }
    for (sub, whom) in &a.substitutes {
        if sat(members, sub, day) {
            out.push(Finding::MemberAsSubstitute { slug: sub });
        }
        if !sat(members, whom, day) {
            out.push(Finding::ReplacedNonMember { slug: whom });
        }
    }
    out
}

impl Finding<'_> {
    fn diagnostic(
        &self,
        c: &Committee,
        m: &Meeting,
        file: &SourceFile,
        lines: &Lines,
    ) -> Diagnostic {
        let day = short_date(m.date);
        let committee_yaml = format!("content/committees/{}/committee.yaml", c.slug);
        let (line, message, hint) = match *self {
            Finding::Named { slug, list } => {
                let otherwise = if list == "present" {
                    "if they attended in a member's place, list them under substitutes: instead, with for: and the member they replaced".to_string()
                } else {
                    format!("otherwise take them out of {list}:")
                };
                (
                    lines.find(list, slug),
                    format!(
                        "\"{slug}\" is recorded under {list}, but was not a member of this committee on {day}"
                    ),
                    format!("{}; {otherwise}", membership_fix(c, slug, &committee_yaml)),
                )
            }
            Finding::MemberAsSubstitute { slug } => (
                lines.find("substitutes", slug),
                format!(
                    "\"{slug}\" is recorded as a substitute, but was a member of this committee on {day}"
                ),
                format!(
                    "a member attends as a member: move them to present:, or correct the from: and to: dates of their membership in {committee_yaml}"
                ),
            ),
            Finding::ReplacedNonMember { slug } => (
                lines.find("for", slug),
                format!(
                    "\"{slug}\" is recorded as replaced by a substitute, but was not a member of this committee on {day}"
                ),
                format!(
                    "for: names the member the substitute attended for: check the name; {}",
                    membership_fix(c, slug, &committee_yaml)
                ),
            ),
        };
        Diagnostic::warning(&file.rel, line, message)
            .code(CODE)
            .hint(hint)
    }
}

/// What to change in committee.yaml for `slug` to have been a member on the day.
fn membership_fix(c: &Committee, slug: &str, committee_yaml: &str) -> String {
    let spans: Vec<String> = seats(&c.members, slug)
        .map(|s| match (s.from, s.to) {
            (Some(f), Some(t)) => format!("from {} to {}", short_date(f), short_date(t)),
            (Some(f), None) => format!("from {}", short_date(f)),
            (None, Some(t)) => format!("until {}", short_date(t)),
            (None, None) => "with no dates".to_string(),
        })
        .collect();
    if spans.is_empty() {
        format!(
            "if they were a member then, add them to members: in {committee_yaml} (with to: for the last day, if they have left)"
        )
    } else {
        format!(
            "if they were a member then, correct from: or to: in {committee_yaml}, where their membership runs {}",
            crate::text::and_list(&spans)
        )
    }
}

/// The lines of the names in a meeting.yaml's attendance, read again from the file only
/// when a warning needs them (the model keeps names, not where they were written).
struct Lines {
    /// (list, name, line): list is present, apologies, absent, substitutes (the
    /// substitute) or for (the member replaced).
    names: Vec<(&'static str, String, Option<usize>)>,
}

impl Lines {
    fn of(file: &SourceFile) -> Lines {
        let mut names = Vec::new();
        let raw: Option<RawMeeting> =
            crate::load::yaml::parse(file, &file.text, 1, &mut Diagnostics::default());
        let line = |s: &serde_saphyr::Spanned<String>| {
            let l = s.referenced.line() as usize;
            (l > 0).then_some(l)
        };
        if let Some(a) = raw.and_then(|r| r.attendance) {
            for (list, spanned) in [
                ("present", &a.present),
                ("apologies", &a.apologies),
                ("absent", &a.absent),
            ] {
                names.extend(spanned.iter().map(|s| (list, s.value.clone(), line(s))));
            }
            for s in &a.substitutes {
                names.push(("substitutes", s.member.value.clone(), line(&s.member)));
                names.push(("for", s.for_member.value.clone(), line(&s.for_member)));
            }
        }
        Lines { names }
    }

    fn find(&self, list: &str, name: &str) -> Option<usize> {
        self.names
            .iter()
            .find(|(l, n, _)| *l == list && n == name)
            .and_then(|(_, _, line)| *line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn seat(member: &str, from: Option<time::Date>, to: Option<time::Date>) -> Membership {
        Membership {
            member: member.into(),
            role: None,
            from,
            to,
        }
    }

    #[test]
    fn every_name_is_checked_against_the_membership_that_day() {
        let members = vec![
            seat("a", None, None),
            seat("b", Some(date!(2021 - 10 - 01)), None),
            seat("c", None, Some(date!(2021 - 09 - 30))),
        ];
        let a = Attendance {
            present: vec!["a".into(), "b".into()],
            apologies: vec!["c".into()],
            absent: vec!["d".into()],
            substitutes: vec![("a".into(), "e".into()), ("f".into(), "c".into())],
            officers: Vec::new(),
        };
        // On 30 September b had not joined; c was still a member.
        assert_eq!(
            findings(&members, date!(2021 - 09 - 30), &a),
            [
                Finding::Named {
                    slug: "b",
                    list: "present"
                },
                Finding::Named {
                    slug: "d",
                    list: "absent"
                },
                Finding::MemberAsSubstitute { slug: "a" },
                Finding::ReplacedNonMember { slug: "e" },
            ]
        );
        // On 1 October b had joined and c had left.
        assert_eq!(
            findings(&members, date!(2021 - 10 - 01), &a),
            [
                Finding::Named {
                    slug: "c",
                    list: "apologies"
                },
                Finding::Named {
                    slug: "d",
                    list: "absent"
                },
                Finding::MemberAsSubstitute { slug: "a" },
                Finding::ReplacedNonMember { slug: "e" },
                Finding::ReplacedNonMember { slug: "c" },
            ]
        );
        // A councillor who left and came back is a member on the days of either.
        let twice = vec![
            seat("a", None, Some(date!(2021 - 09 - 30))),
            seat("a", Some(date!(2021 - 11 - 01)), None),
        ];
        let only_a = Attendance {
            present: vec!["a".into()],
            ..Attendance::default()
        };
        assert!(findings(&twice, date!(2021 - 09 - 30), &only_a).is_empty());
        assert!(findings(&twice, date!(2021 - 11 - 01), &only_a).is_empty());
        assert_eq!(
            findings(&twice, date!(2021 - 10 - 15), &only_a),
            [Finding::Named {
                slug: "a",
                list: "present"
            }]
        );
    }
}
