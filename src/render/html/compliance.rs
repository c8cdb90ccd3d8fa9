//! The compliance record of a meeting: how the rules of access to information were kept,
//! as facts computed from the sources and nothing more.
//!
//! Sections 100B to 100D of the Local Government Act 1972 set the rules: the agenda and
//! reports open to inspection five clear working days before the meeting (three in
//! Wales), a later item only as urgent business with the chair's reason, exempt items
//! named with the paragraphs of Schedule 12A. The record states what the dates and marks
//! say; where a fact was not recorded it says so, and it never claims more. It is read
//! from the edition, so it holds only what the audience may see.

use serde::Serialize;

use crate::model::calendar::WorkingDays;
use crate::model::text::long_date;
use crate::redact::{ApprovalView, Edition, ItemView, Papers};

#[derive(Debug, Serialize)]
pub struct Compliance {
    /// The members' edition's marking (see [`Edition::marking`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marking: Option<&'static str>,
    /// "5 clear working days (England)".
    pub required: u32,
    pub agenda: Option<Notice>,
    pub supplements: Vec<Supplementary>,
    pub urgent: Vec<Urgent>,
    pub exempt: Vec<Exempt>,
    pub minutes: Option<Minutes>,
}

/// When papers were published and the notice that gave.
#[derive(Debug, Serialize)]
pub struct Notice {
    pub published: String,
    /// ISO date, for machines.
    pub published_iso: String,
    pub clear_working_days: u32,
    pub met: bool,
}

#[derive(Debug, Serialize)]
pub struct Supplementary {
    pub number: usize,
    #[serde(flatten)]
    pub notice: Notice,
    /// "Item 9: Fostering service annual report (report replaced)".
    pub papers: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Urgent {
    pub item: String,
    pub title: String,
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct Exempt {
    pub item: String,
    /// "item" or "document".
    pub kind: &'static str,
    pub title: String,
    /// "1 (information relating to any individual)".
    pub paragraphs: Vec<String>,
    pub public_interest_statement: bool,
}

#[derive(Debug, Serialize)]
pub struct Minutes {
    /// The day the minutes say they were published, when they say.
    pub published: Option<String>,
    /// "draft", "approved", or "not recorded" when the minutes do not say.
    pub status: &'static str,
    /// The meeting that approved them, when recorded.
    pub approved_at: Option<String>,
}

/// Whether meeting `mi` has a record: once its papers are out.
pub fn exists(ed: &Edition, mi: usize) -> bool {
    matches!(ed.meetings()[mi].papers, Papers::Published(_))
}

/// The record of meeting `mi`, or `None` while its papers are not out.
pub fn record(ed: &Edition, mi: usize) -> Option<Compliance> {
    let m = &ed.meetings()[mi];
    let days = WorkingDays::new(&ed.config().extra_bank_holidays);
    let required = ed.config().jurisdiction.notice_days();
    let notice = |d: time::Date| {
        let clear = days.clear_days_between(d, m.date);
        Notice {
            published: long_date(d),
            published_iso: crate::text::iso_date(d),
            clear_working_days: clear,
            met: clear >= required,
        }
    };
    let agenda = match m.papers {
        Papers::Published(d) => Some(notice(d)),
        // The members' edition sees papers before they are out; the record is the
        // public's, of what has happened.
        Papers::NotYet(_) | Papers::NotScheduled => None,
    };
    agenda.as_ref()?;
    let mut items = Vec::new();
    walk(&m.items, &mut items);
    let title_of = |number: &str| {
        items
            .iter()
            .find(|i| i.number == number)
            .map(|i| i.title.clone())
            .unwrap_or_default()
    };
    let supplements = m
        .supplements
        .iter()
        .filter(|s| s.date <= ed.as_of())
        .map(|s| {
            let mut papers: Vec<String> = s
                .items
                .iter()
                .map(|n| format!("Item {n}: {} (item added)", title_of(n)))
                .collect();
            papers.extend(s.documents.iter().map(|(n, d)| {
                let doc = &ed.documents()[*d];
                let replaced = s.replaced.iter().any(|(_, new)| new == d);
                let what = if replaced {
                    "replacement paper"
                } else {
                    "paper added"
                };
                format!("Item {n}: {} ({what})", doc.title)
            }));
            papers.extend(
                s.withheld
                    .iter()
                    .map(|(n, t)| format!("Item {n}: {t} (exempt paper added)")),
            );
            Supplementary {
                number: s.number,
                notice: notice(s.date),
                papers,
            }
        })
        .collect();
    let urgent = items
        .iter()
        .filter_map(|i| {
            let reason = i.urgent.clone()?;
            Some(Urgent {
                item: i.number.clone(),
                title: i.title.clone(),
                reason: if reason.is_empty() {
                    "recorded with the exempt item, not published".into()
                } else {
                    reason
                },
            })
        })
        .collect();
    let exempt = ed
        .withheld_of(mi)
        .iter()
        .map(|w| Exempt {
            item: w.item.clone(),
            kind: w.kind,
            title: w.title.clone(),
            paragraphs: w
                .paragraphs
                .iter()
                .map(|p| format!("{} ({})", p.number, p.category))
                .collect(),
            public_interest_statement: w.public_interest_statement,
        })
        .collect();
    let minutes = m.minutes.map(|d| {
        let doc = &ed.documents()[d];
        let (status, approved_at) = match &doc.approval {
            Some(ApprovalView::Approved { at }) => {
                ("approved", at.map(|a| ed.meeting_title(&ed.meetings()[a])))
            }
            Some(ApprovalView::Draft) => ("draft", None),
            None => ("not recorded", None),
        };
        Minutes {
            published: doc.published.map(long_date),
            status,
            approved_at,
        }
    });
    Some(Compliance {
        marking: ed.marking(),
        required,
        agenda,
        supplements,
        urgent,
        exempt,
        minutes,
    })
}

fn walk<'a>(items: &'a [ItemView], out: &mut Vec<&'a ItemView>) {
    for i in items {
        out.push(i);
        walk(&i.items, out);
    }
}

/// The file beside the meeting page.
pub const FILE: &str = "compliance.json";

pub fn file(ed: &Edition, mi: usize) -> String {
    format!("{}{FILE}", ed.meetings()[mi].url.trim_start_matches('/'))
}
