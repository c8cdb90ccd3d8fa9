//! Attendance figures: for each councillor and municipal year, on each committee and in
//! all, the meetings they were expected at and how they attended. Computed from the
//! edition alone, so they count exactly the attendance its audience may read.
//!
//! The rules (docs/authoring.md, "Attendance figures", says the same for officers):
//! - a meeting counts when it was held (`status: held`) and its attendance is in the
//!   edition. Scheduled, postponed and cancelled meetings never count, and neither does a
//!   meeting whose papers are not yet public: the edition holds no attendance for it;
//! - a councillor is *expected* at a counted meeting when they sat on its committee that
//!   day, by the `from:` and `to:` dates of their membership (both days included; an
//!   open end has no limit);
//! - each expected meeting counts once, under *present*, *apologies* or *absent* as the
//!   attendance records the councillor, or else under *not recorded*: nothing is
//!   guessed, and expected = present + apologies + absent + not recorded;
//! - *substituted* counts the expected meetings at which someone attended in their place
//!   (they count under apologies, absent or not recorded as well, as recorded);
//! - *as substitute* counts the meetings they attended in another's place. Those are not
//!   expected meetings, and do not count as present;
//! - a councillor named in a meeting's present, apologies or absent list on a day they
//!   were not a member is not counted there: the model warns about the record instead
//!   (`model::attendance_check`);
//! - a municipal year begins on the first day of the month `[attendance] year_starts`
//!   names (May unless site.toml says otherwise), and is named by the years it spans,
//!   "2021/22", or by its one year, "2021", when it begins in January.

use std::collections::BTreeMap;

use serde::Serialize;
use time::{Date, Month};

use super::PageJob;
use super::context::{Link, human_size};
use crate::model::Status;
use crate::redact::{AttendanceView, Edition, MeetingView};
use crate::render::Artefact;

/// The address of the councillors' attendance page.
pub const PAGE_URL: &str = "/members/attendance/";

/// The figures as a spreadsheet, beside the page.
pub const CSV_FILE: &str = "members/attendance.csv";

/// One councillor's attendance in one municipal year, on one committee or on all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// Held meetings of a committee they sat on that day.
    pub expected: u32,
    pub present: u32,
    pub apologies: u32,
    pub absent: u32,
    /// Expected, but named in none of present, apologies or absent.
    pub not_recorded: u32,
    /// Expected meetings at which a substitute attended in their place.
    pub substituted: u32,
    /// Meetings they attended as a substitute for someone else (not expected).
    pub substituting: u32,
}

impl Figures {
    fn add(&mut self, o: &Figures) {
        self.expected += o.expected;
        self.present += o.present;
        self.apologies += o.apologies;
        self.absent += o.absent;
        self.not_recorded += o.not_recorded;
        self.substituted += o.substituted;
        self.substituting += o.substituting;
    }
}

/// The calendar year in which the municipal year holding `day` begins.
pub fn municipal_year(day: Date, starts: Month) -> i32 {
    if u8::from(day.month()) >= u8::from(starts) {
        day.year()
    } else {
        day.year() - 1
    }
}

/// "2021/22" for the municipal year that begins in 2021; "2021" if years begin in January.
pub fn year_label(year: i32, starts: Month) -> String {
    if starts == Month::January {
        year.to_string()
    } else {
        format!("{year}/{:02}", (year + 1).rem_euclid(100))
    }
}

/// "1 May to 30 April": the span of every municipal year, in words.
pub fn period(starts: Month) -> String {
    let last = starts.previous();
    let end = match last {
        Month::February => "the end of February".to_string(),
        Month::April | Month::June | Month::September | Month::November => format!("30 {last}"),
        _ => format!("31 {last}"),
    };
    format!("1 {starts} to {end}")
}

/// One councillor's figures for one municipal year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year {
    /// The calendar year it begins in.
    pub year: i32,
    /// (committee index into the edition, figures), in the edition's committee order.
    pub committees: Vec<(usize, Figures)>,
    pub total: Figures,
}

/// A meeting's attendance, if the meeting counts.
fn counted(m: &MeetingView) -> Option<&AttendanceView> {
    m.attendance.as_ref().filter(|_| m.status == Status::Held)
}

/// One councillor's figures (by index into the edition's members), newest year first. A
/// councillor with no counted meeting has no years.
pub fn member_years(ed: &Edition, member: usize) -> Vec<Year> {
    let slug = ed.members()[member].slug.as_str();
    let starts = ed.config().municipal_year_start;
    let mut figures: BTreeMap<(i32, usize), Figures> = BTreeMap::new();
    for (ci, c) in ed.committees().iter().enumerate() {
        // A councillor who left and came back has two entries: either may cover the day.
        let seats: Vec<_> = c.members.iter().filter(|s| s.member == slug).collect();
        for &mi in &c.meetings {
            let m = &ed.meetings()[mi];
            let Some(a) = counted(m) else { continue };
            let expected = seats.iter().any(|s| s.on(m.date));
            // Once a meeting, however many places the record names them in.
            let substituting = a.substitutes.iter().any(|(s, _)| s == slug);
            if !expected && !substituting {
                continue;
            }
            let f = figures
                .entry((municipal_year(m.date, starts), ci))
                .or_default();
            if substituting {
                f.substituting += 1;
            }
            if !expected {
                continue;
            }
            let named = |list: &[String]| list.iter().any(|s| s == slug);
            f.expected += 1;
            if named(&a.present) {
                f.present += 1;
            } else if named(&a.apologies) {
                f.apologies += 1;
            } else if named(&a.absent) {
                f.absent += 1;
            } else {
                f.not_recorded += 1;
            }
            if a.substitutes.iter().any(|(_, whom)| whom == slug) {
                f.substituted += 1;
            }
        }
    }
    let mut years: Vec<Year> = Vec::new();
    for ((year, ci), f) in figures.into_iter().rev() {
        match years.last_mut() {
            Some(y) if y.year == year => y.committees.push((ci, f)),
            _ => years.push(Year {
                year,
                committees: vec![(ci, f)],
                total: Figures::default(),
            }),
        }
    }
    for y in &mut years {
        y.committees.reverse();
        y.total = Figures::default();
        for (_, f) in &y.committees {
            y.total.add(f);
        }
    }
    years
}

/// One row of a councillor's table: a committee and its figures.
#[derive(Serialize)]
pub struct CommitteeRow {
    pub committee: Link,
    pub figures: Figures,
}

/// One municipal year of a councillor's page.
#[derive(Serialize)]
pub struct YearTable {
    pub label: String,
    /// Committees by name.
    pub rows: Vec<CommitteeRow>,
    /// All committees together, when there is more than one.
    pub total: Option<Figures>,
}

/// The tables of a councillor's page, newest year first.
pub fn member_tables(ed: &Edition, member: usize) -> Vec<YearTable> {
    let starts = ed.config().municipal_year_start;
    member_years(ed, member)
        .into_iter()
        .map(|y| {
            let mut rows: Vec<CommitteeRow> = y
                .committees
                .iter()
                .map(|&(ci, figures)| {
                    let c = &ed.committees()[ci];
                    CommitteeRow {
                        committee: Link::new(c.name.clone(), c.url.clone()),
                        figures,
                    }
                })
                .collect();
            rows.sort_by(|a, b| {
                (&a.committee.title, &a.committee.url).cmp(&(&b.committee.title, &b.committee.url))
            });
            YearTable {
                label: year_label(y.year, starts),
                total: (rows.len() > 1).then_some(y.total),
                rows,
            }
        })
        .collect()
}

/// Every councillor's figures: (member index, years), councillors by name.
fn everyone(ed: &Edition) -> Vec<(usize, Vec<Year>)> {
    let mut order: Vec<usize> = (0..ed.members().len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&ed.members()[a], &ed.members()[b]);
        (&a.name, &a.slug).cmp(&(&b.name, &b.slug))
    });
    order
        .into_iter()
        .map(|i| (i, member_years(ed, i)))
        .filter(|(_, years)| !years.is_empty())
        .collect()
}

/// The councillors' attendance page: one table a municipal year, newest first, with each
/// councillor's figures on all committees together.
pub fn page(ed: &Edition) -> PageJob {
    #[derive(Serialize)]
    struct Row {
        member: Link,
        figures: Figures,
    }
    #[derive(Serialize)]
    struct PageYear {
        label: String,
        rows: Vec<Row>,
    }
    #[derive(Serialize)]
    struct Data {
        period: String,
        years: Vec<PageYear>,
        csv: Link,
        csv_size: String,
    }
    let starts = ed.config().municipal_year_start;
    let mut by_year: BTreeMap<i32, Vec<Row>> = BTreeMap::new();
    for (i, years) in everyone(ed) {
        let m = &ed.members()[i];
        for y in years {
            by_year.entry(y.year).or_default().push(Row {
                member: Link::new(m.name.clone(), m.url.clone()),
                figures: y.total,
            });
        }
    }
    let data = Data {
        period: period(starts),
        years: by_year
            .into_iter()
            .rev()
            .map(|(year, rows)| PageYear {
                label: year_label(year, starts),
                rows,
            })
            .collect(),
        csv: Link::new("Attendance figures", format!("/{CSV_FILE}")),
        csv_size: human_size(csv(ed).len() as u64),
    };
    PageJob {
        url: PAGE_URL.into(),
        template: "attendance-stats.html",
        title: "Councillors' attendance".into(),
        crumbs: vec![
            Link::new("Home", "/"),
            Link::new("Councillors", "/members/"),
        ],
        marking: None,
        data: super::data(&data),
    }
}

/// The columns of the spreadsheet.
const CSV_HEADER: [&str; 13] = [
    "Municipal year",
    "Year begins",
    "Councillor",
    "Councillor ID",
    "Committee",
    "Committee ID",
    "Expected",
    "Present",
    "Apologies",
    "Absent",
    "Not recorded",
    "Substituted",
    "As substitute",
];

/// One field of a CSV record, quoted when it must be (RFC 4180). A field a spreadsheet
/// would read as a formula (starting =, +, -, @) gets a leading apostrophe, so that a
/// name typed oddly in a YAML file cannot run as a formula on a reader's machine.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The figures as CSV (RFC 4180: a header, CRLF line ends): one record a councillor,
/// municipal year and committee; newest year first, then by councillor's name, then by
/// committee's name.
pub fn csv(ed: &Edition) -> String {
    let starts = ed.config().municipal_year_start;
    let mut records: Vec<(i32, [String; 13])> = Vec::new();
    for (i, years) in everyone(ed) {
        let m = &ed.members()[i];
        for y in years {
            let begins = Date::from_calendar_date(y.year, starts, 1)
                .map(crate::model::text::iso_date)
                .unwrap_or_default();
            let mut committees = y.committees.clone();
            committees.sort_by_key(|&(ci, _)| {
                let c = &ed.committees()[ci];
                (c.name.clone(), c.slug.clone())
            });
            for (ci, f) in committees {
                let c = &ed.committees()[ci];
                let n = |v: u32| v.to_string();
                records.push((
                    y.year,
                    [
                        year_label(y.year, starts),
                        begins.clone(),
                        m.name.clone(),
                        m.slug.clone(),
                        c.name.clone(),
                        c.slug.clone(),
                        n(f.expected),
                        n(f.present),
                        n(f.apologies),
                        n(f.absent),
                        n(f.not_recorded),
                        n(f.substituted),
                        n(f.substituting),
                    ],
                ));
            }
        }
    }
    // Councillors are in name order already: a stable sort by year keeps it.
    records.sort_by_key(|&(year, _)| std::cmp::Reverse(year));
    let mut out = String::new();
    csv_record(&CSV_HEADER, ed.marking().map(|_| MARKING_COLUMN), &mut out);
    for (_, fields) in &records {
        csv_record(fields, ed.marking(), &mut out);
    }
    out
}

/// The header of the last column of a spreadsheet of the members' edition.
pub(super) const MARKING_COLUMN: &str = "marking";

/// Appends one CSV record (RFC 4180: fields quoted as needed, a CRLF end). In the members'
/// edition each row ends with its marking (see [`Edition::marking`]), so that the
/// spreadsheet says what it is however it is opened, and a copy of it is known.
pub(super) fn csv_record<S: AsRef<str>>(fields: &[S], marking: Option<&str>, out: &mut String) {
    let quoted: Vec<String> = (fields.iter().map(AsRef::as_ref))
        .chain(marking)
        .map(csv_field)
        .collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}

/// The spreadsheet, as a file of the site.
pub fn csv_artefact(ed: &Edition) -> Artefact {
    Artefact::bytes(CSV_FILE, csv(ed))
}

#[cfg(test)]
mod tests {
    //! The arithmetic of the figures, on small sites held in memory.

    use std::path::{Path, PathBuf};

    use super::*;
    use crate::diag::Diagnostics;
    use crate::load::{CommitteeDir, MeetingDir, SourceFile, Sources};
    use crate::redact::Audience;
    use time::macros::date;

    const SITE: &str = "title = \"Papers\"\ncouncil = \"Test Council\"\nbase_url = \"https://papers.example.gov.uk\"\n";

    fn file(rel: String, text: String) -> SourceFile {
        let root = Path::new("/nonexistent-quire-site");
        SourceFile {
            path: root.join(&rel),
            rel: PathBuf::from(rel),
            text,
        }
    }

    /// Meeting folders and their meeting.yaml.
    type Meetings = Vec<(String, String)>;

    /// A year's label, its figures committee by committee (by slug) and its total.
    type YearFigures = (String, Vec<(String, Figures)>, Figures);

    /// A meeting.yaml: date, status and attendance (YAML under `attendance:`).
    fn meeting(day: &str, status: &str, attendance: &str) -> (String, String) {
        let attendance = if attendance.is_empty() {
            String::new()
        } else {
            format!("attendance:\n{attendance}")
        };
        (
            day.to_string(),
            format!(
                "date: {day}\nvenue: Room 1\nstatus: {status}\nagenda_published: {day}\n{attendance}"
            ),
        )
    }

    /// The edition of a site with members a, b, c and d and these committees: (slug,
    /// committee.yaml, meetings).
    fn edition_with(
        settings: &str,
        committees: Vec<(&str, &str, Meetings)>,
        audience: Audience,
        as_of: Date,
    ) -> Edition {
        let mut diags = Diagnostics::default();
        let config =
            crate::config::parse(&format!("{SITE}{settings}"), &mut diags).expect("site.toml");
        let root = Path::new("/nonexistent-quire-site");
        let mut sources = Sources {
            root: root.to_path_buf(),
            content: root.join("content"),
            committees: committees
                .into_iter()
                .map(|(slug, yaml, meetings)| {
                    let dir = format!("content/committees/{slug}");
                    CommitteeDir {
                        slug: slug.into(),
                        dir: root.join(&dir),
                        committee: Some(file(format!("{dir}/committee.yaml"), yaml.into())),
                        committee_unreadable: false,
                        meetings: meetings
                            .into_iter()
                            .map(|(day, text)| MeetingDir {
                                slug: day.clone(),
                                dir: root.join(format!("{dir}/{day}")),
                                meeting: Some(file(format!("{dir}/{day}/meeting.yaml"), text)),
                                meeting_unreadable: false,
                                markdown: Vec::new(),
                            })
                            .collect(),
                    }
                })
                .collect(),
            members: ["a", "b", "c", "d"]
                .iter()
                .map(|m| {
                    file(
                        format!("content/members/{m}.yaml"),
                        format!("name: Councillor {}\n", m.to_uppercase()),
                    )
                })
                .collect(),
            pages: Vec::new(),
            forward_plan: Vec::new(),
            decisions: Vec::new(),
            listing: [0; 32],
        };
        let lib = crate::model::build(config, &mut sources, &mut diags);
        assert!(!diags.has_errors(), "{:#?}", diags.sorted());
        crate::redact::edition(&lib, audience, as_of)
    }

    fn edition(committee: &str, meetings: Vec<(String, String)>) -> Edition {
        edition_with(
            "",
            vec![("panel", committee, meetings)],
            Audience::Public,
            date!(2030 - 01 - 01),
        )
    }

    /// A councillor's figures: (year label, [(committee slug, figures)], total).
    fn of(ed: &Edition, slug: &str) -> Vec<YearFigures> {
        let i = ed
            .members()
            .iter()
            .position(|m| m.slug == slug)
            .expect("member");
        member_years(ed, i)
            .into_iter()
            .map(|y| {
                (
                    year_label(y.year, ed.config().municipal_year_start),
                    y.committees
                        .iter()
                        .map(|&(ci, f)| (ed.committees()[ci].slug.clone(), f))
                        .collect(),
                    y.total,
                )
            })
            .collect()
    }

    /// The one year's total of a councillor who has figures for one year only.
    fn only(ed: &Edition, slug: &str) -> (String, Figures) {
        let years = of(ed, slug);
        assert_eq!(years.len(), 1, "{slug}: {years:?}");
        (years[0].0.clone(), years[0].2)
    }

    fn f(expected: u32, present: u32, apologies: u32, absent: u32, not_recorded: u32) -> Figures {
        Figures {
            expected,
            present,
            apologies,
            absent,
            not_recorded,
            ..Figures::default()
        }
    }

    #[test]
    fn municipal_years_begin_on_the_first_day_of_their_month() {
        let may = Month::May;
        assert_eq!(municipal_year(date!(2022 - 05 - 01), may), 2022);
        assert_eq!(municipal_year(date!(2022 - 04 - 30), may), 2021);
        assert_eq!(municipal_year(date!(2021 - 12 - 31), may), 2021);
        assert_eq!(municipal_year(date!(2022 - 01 - 01), may), 2021);
        assert_eq!(year_label(2021, may), "2021/22");
        assert_eq!(year_label(1999, may), "1999/00");
        assert_eq!(year_label(2021, Month::January), "2021");
        assert_eq!(municipal_year(date!(2021 - 01 - 01), Month::January), 2021);
        assert_eq!(municipal_year(date!(2021 - 12 - 31), Month::January), 2021);
        assert_eq!(period(may), "1 May to 30 April");
        assert_eq!(period(Month::April), "1 April to 31 March");
        assert_eq!(period(Month::March), "1 March to the end of February");
        assert_eq!(period(Month::January), "1 January to 31 December");
    }

    #[test]
    fn a_meeting_on_the_first_day_of_the_year_counts_in_the_new_year() {
        let ed = edition(
            "name: Panel\nmembers: [{ member: a }]\n",
            vec![
                meeting("2022-04-30", "held", "  present: [a]\n"),
                meeting("2022-05-01", "held", "  apologies: [a]\n"),
            ],
        );
        assert_eq!(
            of(&ed, "a"),
            [
                (
                    "2022/23".into(),
                    vec![("panel".into(), f(1, 0, 1, 0, 0))],
                    f(1, 0, 1, 0, 0)
                ),
                (
                    "2021/22".into(),
                    vec![("panel".into(), f(1, 1, 0, 0, 0))],
                    f(1, 1, 0, 0, 0)
                ),
            ]
        );
        // The same meetings, with years that begin in April: both in 2022/23.
        let ed = edition_with(
            "[attendance]\nyear_starts = \"April\"\n",
            vec![(
                "panel",
                "name: Panel\nmembers: [{ member: a }]\n",
                vec![
                    meeting("2022-04-30", "held", "  present: [a]\n"),
                    meeting("2022-05-01", "held", "  apologies: [a]\n"),
                ],
            )],
            Audience::Public,
            date!(2030 - 01 - 01),
        );
        assert_eq!(only(&ed, "a"), ("2022/23".into(), f(2, 1, 1, 0, 0)));
    }

    #[test]
    fn membership_that_starts_and_ends_mid_year_is_expected_only_in_between() {
        // b sat on the panel from 1 September 2021 to 31 January 2022, both days included.
        let ed = edition(
            "name: Panel\nmembers:\n  - { member: a }\n  - { member: b, from: 2021-09-01, to: 2022-01-31 }\n",
            vec![
                meeting("2021-06-10", "held", "  present: [a]\n"),
                meeting("2021-09-01", "held", "  present: [a, b]\n"),
                meeting("2021-11-10", "held", "  present: [a]\n  apologies: [b]\n"),
                meeting("2022-01-31", "held", "  present: [a]\n  absent: [b]\n"),
                meeting("2022-03-01", "held", "  present: [a]\n"),
            ],
        );
        assert_eq!(only(&ed, "b"), ("2021/22".into(), f(3, 1, 1, 1, 0)));
        assert_eq!(only(&ed, "a"), ("2021/22".into(), f(5, 5, 0, 0, 0)));
    }

    #[test]
    fn a_member_who_left_is_not_expected_afterwards() {
        let ed = edition(
            "name: Panel\nmembers:\n  - { member: a }\n  - { member: b, to: 2021-09-30 }\n  - { member: c, from: 2021-10-01 }\n",
            vec![
                meeting("2021-09-24", "held", "  present: [a, b]\n"),
                meeting("2021-11-10", "held", "  present: [a, c]\n"),
                meeting("2022-06-10", "held", "  present: [a]\n  apologies: [c]\n"),
            ],
        );
        // b's figures stop when b left, and b has no later year at all.
        assert_eq!(only(&ed, "b"), ("2021/22".into(), f(1, 1, 0, 0, 0)));
        assert_eq!(
            of(&ed, "c")
                .into_iter()
                .map(|(y, _, t)| (y, t))
                .collect::<Vec<_>>(),
            [
                ("2022/23".into(), f(1, 0, 1, 0, 0)),
                ("2021/22".into(), f(1, 1, 0, 0, 0)),
            ]
        );
        // A member who left and came back is counted once a meeting, never twice.
        let ed = edition(
            "name: Panel\nmembers:\n  - { member: a, to: 2021-09-30 }\n  - { member: a, from: 2021-11-01 }\n",
            vec![
                meeting("2021-09-24", "held", "  present: [a]\n"),
                meeting("2021-10-15", "held", ""),
                meeting("2021-11-10", "held", "  present: [a]\n"),
            ],
        );
        assert_eq!(only(&ed, "a"), ("2021/22".into(), f(2, 2, 0, 0, 0)));
    }

    #[test]
    fn substitutes_count_both_ways() {
        // c, not on the panel, attended for b.
        let ed = edition(
            "name: Panel\nmembers:\n  - { member: a }\n  - { member: b }\n",
            vec![
                meeting(
                    "2021-09-24",
                    "held",
                    "  present: [a]\n  apologies: [b]\n  substitutes: [{ member: c, for: b }]\n",
                ),
                meeting("2021-10-24", "held", "  present: [a, b]\n"),
            ],
        );
        assert_eq!(
            only(&ed, "b").1,
            Figures {
                substituted: 1,
                ..f(2, 1, 1, 0, 0)
            }
        );
        // A substitute is not expected, and not counted as present.
        assert_eq!(
            of(&ed, "c"),
            [(
                "2021/22".into(),
                vec![(
                    "panel".into(),
                    Figures {
                        substituting: 1,
                        ..Figures::default()
                    }
                )],
                Figures {
                    substituting: 1,
                    ..Figures::default()
                }
            )]
        );
        assert_eq!(only(&ed, "a").1, f(2, 2, 0, 0, 0));
    }

    #[test]
    fn only_held_meetings_with_attendance_count() {
        let ed = edition(
            "name: Panel\nmembers: [{ member: a }]\n",
            vec![
                meeting("2021-06-01", "held", "  present: [a]\n"),
                // Cancelled, postponed and scheduled meetings are never expected, even
                // with attendance written down.
                meeting("2021-07-01", "cancelled", "  apologies: [a]\n"),
                meeting("2021-08-01", "postponed", "  apologies: [a]\n"),
                meeting("2021-09-01", "scheduled", "  apologies: [a]\n"),
                // Held, but no attendance recorded: nothing to count.
                meeting("2021-10-01", "held", ""),
            ],
        );
        assert_eq!(only(&ed, "a"), ("2021/22".into(), f(1, 1, 0, 0, 0)));
    }

    #[test]
    fn an_expected_member_named_nowhere_is_not_recorded() {
        let ed = edition(
            "name: Panel\nmembers:\n  - { member: a }\n  - { member: b }\n",
            vec![meeting("2021-09-24", "held", "  present: [a]\n")],
        );
        assert_eq!(only(&ed, "b").1, f(1, 0, 0, 0, 1));
        // Substituted, but not said to have sent apologies: still not recorded.
        let ed = edition(
            "name: Panel\nmembers:\n  - { member: a }\n  - { member: b }\n",
            vec![meeting(
                "2021-09-24",
                "held",
                "  present: [a]\n  substitutes: [{ member: c, for: b }]\n",
            )],
        );
        assert_eq!(
            only(&ed, "b").1,
            Figures {
                substituted: 1,
                ..f(1, 0, 0, 0, 1)
            }
        );
    }

    #[test]
    fn a_member_named_on_a_day_they_were_not_a_member_is_not_counted() {
        // The model warns about the record; the figures follow the membership dates.
        let ed = edition(
            "name: Panel\nmembers:\n  - { member: a }\n  - { member: b, from: 2021-10-01 }\n",
            vec![
                meeting("2021-09-24", "held", "  present: [a, b]\n"),
                meeting("2021-10-24", "held", "  present: [a, b]\n"),
            ],
        );
        assert_eq!(only(&ed, "b").1, f(1, 1, 0, 0, 0));
    }

    #[test]
    fn meetings_whose_papers_are_not_public_do_not_count_for_the_public() {
        let committee = "name: Panel\nmembers: [{ member: a }]\n";
        let meetings = || {
            vec![
                meeting("2021-09-24", "held", "  present: [a]\n"),
                (
                    "2021-10-24".to_string(),
                    "date: 2021-10-24\nvenue: Room 1\nstatus: held\nagenda_published: 2021-10-30\nattendance:\n  apologies: [a]\n".to_string(),
                ),
            ]
        };
        let public = edition_with(
            "",
            vec![("panel", committee, meetings())],
            Audience::Public,
            date!(2021 - 10 - 25),
        );
        assert_eq!(only(&public, "a").1, f(1, 1, 0, 0, 0));
        let members = edition_with(
            "",
            vec![("panel", committee, meetings())],
            Audience::Confidential,
            date!(2021 - 10 - 25),
        );
        assert_eq!(only(&members, "a").1, f(2, 1, 1, 0, 0));
    }

    #[test]
    fn totals_add_up_every_committee() {
        let ed = edition_with(
            "",
            vec![
                (
                    "cabinet",
                    "name: Cabinet\nmembers: [{ member: a }]\n",
                    vec![meeting("2021-09-01", "held", "  present: [a]\n")],
                ),
                (
                    "panel",
                    "name: Panel\nmembers: [{ member: a }, { member: b }]\n",
                    vec![
                        meeting("2021-09-02", "held", "  apologies: [a]\n  present: [b]\n"),
                        meeting("2022-09-02", "held", "  absent: [a]\n  present: [b]\n"),
                    ],
                ),
            ],
            Audience::Public,
            date!(2030 - 01 - 01),
        );
        let years = of(&ed, "a");
        assert_eq!(years.len(), 2);
        assert_eq!(years[0].0, "2022/23");
        assert_eq!(years[0].2, f(1, 0, 0, 1, 0));
        assert_eq!(years[1].0, "2021/22");
        assert_eq!(
            years[1].1,
            [
                ("cabinet".into(), f(1, 1, 0, 0, 0)),
                ("panel".into(), f(1, 0, 1, 0, 0))
            ]
        );
        assert_eq!(years[1].2, f(2, 1, 1, 0, 0));
        // The page shows a total only where there is more than one committee.
        let i = ed.members().iter().position(|m| m.slug == "a").unwrap();
        let tables = member_tables(&ed, i);
        assert!(tables[0].total.is_none());
        assert_eq!(tables[1].total, Some(f(2, 1, 1, 0, 0)));
        // Councillors with no figures (c and d) have no rows in the spreadsheet.
        assert_eq!(
            csv(&ed),
            "Municipal year,Year begins,Councillor,Councillor ID,Committee,Committee ID,Expected,Present,Apologies,Absent,Not recorded,Substituted,As substitute\r\n\
             2022/23,2022-05-01,Councillor A,a,Panel,panel,1,0,0,1,0,0,0\r\n\
             2022/23,2022-05-01,Councillor B,b,Panel,panel,1,1,0,0,0,0,0\r\n\
             2021/22,2021-05-01,Councillor A,a,Cabinet,cabinet,1,1,0,0,0,0,0\r\n\
             2021/22,2021-05-01,Councillor A,a,Panel,panel,1,0,1,0,0,0,0\r\n\
             2021/22,2021-05-01,Councillor B,b,Panel,panel,1,1,0,0,0,0,0\r\n"
        );
    }

    #[test]
    fn csv_fields_are_quoted_as_rfc_4180_says() {
        assert_eq!(csv_field("Panel"), "Panel");
        assert_eq!(csv_field("Health, Care"), "\"Health, Care\"");
        assert_eq!(csv_field("The \"A\" team"), "\"The \"\"A\"\" team\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        let ed = edition(
            "name: \"Health, \\\"Care\\\" and Wellbeing\"\nmembers: [{ member: a }]\n",
            vec![meeting("2021-09-24", "held", "  present: [a]\n")],
        );
        assert_eq!(
            csv(&ed).lines().nth(1),
            Some(
                "2021/22,2021-05-01,Councillor A,a,\"Health, \"\"Care\"\" and Wellbeing\",panel,1,1,0,0,0,0,0"
            )
        );
    }
}
