//! The decisions register, read from the edition's [`DecisionView`]s alone.
//!
//! - `/decisions/`: every decision, newest first, with filters by year, key decision and
//!   decision maker that work in the browser (without JavaScript every row shows);
//! - `/decisions/<committee>/`: one committee's; `/decisions/officers/`: officers' and
//!   individual members';
//! - one page per decision, with its regulation 12 record and its call-in;
//! - `/decisions/feed.xml` (Atom) and `/decisions/decisions.csv`.

use serde::Serialize;

use super::PageJob;
use super::body::{self, Links};
use super::context::{BackgroundCtx, Link, NoticeCtx};
use super::highlight::escape;
use super::pages::Page;
use crate::model::Kind;
use crate::model::decisions::{CallIn, Immediate};
use crate::model::text::{clock_time, iso_date, long_date};
use crate::redact::{DecisionView, Edition, Maker, OFFICERS_URL, REGISTER_URL};

/// The register's feed and spreadsheet.
pub const FEED_FILE: &str = "decisions/feed.xml";
pub const CSV_FILE: &str = "decisions/decisions.csv";

/// The pages to plan: none for a site without decisions.
pub fn pages(ed: &Edition) -> Vec<Page> {
    if ed.decisions().is_empty() {
        return Vec::new();
    }
    let mut out = vec![Page::Decisions];
    if ed
        .decisions()
        .iter()
        .any(|d| matches!(d.maker, Maker::Person { .. }))
    {
        out.push(Page::OfficerDecisions);
    }
    out.extend(
        (0..ed.committees().len())
            .filter(|&ci| has_committee(ed, ci))
            .map(Page::CommitteeDecisions),
    );
    out.extend((0..ed.decisions().len()).map(Page::Decision));
    out
}

fn has_committee(ed: &Edition, ci: usize) -> bool {
    ed.decisions()
        .iter()
        .any(|d| d.maker == Maker::Committee(ci))
}

/// The files beside the pages: none for a site without decisions.
pub fn files(ed: &Edition) -> Vec<String> {
    if ed.decisions().is_empty() {
        Vec::new()
    } else {
        vec![FEED_FILE.into(), CSV_FILE.into()]
    }
}

pub fn url(ed: &Edition, page: Page) -> String {
    match page {
        Page::Decisions => REGISTER_URL.into(),
        Page::OfficerDecisions => OFFICERS_URL.into(),
        Page::CommitteeDecisions(ci) => committee_url(ed, ci),
        Page::Decision(i) => ed.decisions()[i].url.clone(),
        _ => unreachable!("not a decisions page"),
    }
}

fn committee_url(ed: &Edition, ci: usize) -> String {
    format!("{REGISTER_URL}{}/", ed.committees()[ci].slug)
}

pub fn job(ed: &Edition, page: Page) -> PageJob {
    match page {
        Page::Decisions => register(ed, None),
        Page::OfficerDecisions => register(ed, Some(Filter::Officers)),
        Page::CommitteeDecisions(ci) => register(ed, Some(Filter::Committee(ci))),
        Page::Decision(i) => decision(ed, i),
        _ => unreachable!("not a decisions page"),
    }
}

enum Filter {
    Committee(usize),
    Officers,
}

/// "Cabinet", or "John Pearce, Corporate Director of ...".
pub(super) fn maker_name(ed: &Edition, m: &Maker) -> String {
    match m {
        Maker::Committee(ci) => ed.committees()[*ci].name.clone(),
        Maker::Person {
            name,
            post: Some(p),
        } => format!("{name}, {p}"),
        Maker::Person { name, post: None } => name.clone(),
    }
}

/// The municipal year a day falls in ("2021/22").
fn year_of(ed: &Edition, day: time::Date) -> String {
    let start = ed.config().municipal_year_start;
    let y = if day.month() as u8 >= start as u8 {
        day.year()
    } else {
        day.year() - 1
    };
    if start == time::Month::January {
        y.to_string()
    } else {
        format!("{y}/{:02}", (y + 1) % 100)
    }
}

#[derive(Serialize)]
struct Row {
    url: String,
    title: String,
    date: String,
    iso_date: String,
    year: String,
    maker: String,
    key_decision: Option<String>,
    status: String,
}

fn row(ed: &Edition, d: &DecisionView) -> Row {
    Row {
        url: d.url.clone(),
        title: d.title.clone(),
        date: long_date(d.date),
        iso_date: iso_date(d.date),
        year: year_of(ed, d.date),
        maker: maker_name(ed, &d.maker),
        key_decision: d.key_decision.as_ref().map(key_words),
        status: status(ed, d),
    }
}

/// A key decision in a few words: its forward plan entry, and the exception route it
/// took ("CYPS/09/21, general exception"; "special urgency" for one without an entry).
fn key_words(kd: &crate::model::forward_plan::KeyDecision) -> String {
    let words: Vec<&str> = kd.plan.as_deref().into_iter().chain(kd.route()).collect();
    words.join(", ")
}

/// The decision's standing on the build date, in a few words.
fn status(ed: &Edition, d: &DecisionView) -> String {
    match &d.call_in {
        CallIn::NotApplicable => "Not subject to call-in".into(),
        CallIn::NotPublished => "Publication not recorded".into(),
        CallIn::Period {
            deadline,
            effective,
            ..
        } => {
            if ed.as_of() > *deadline {
                format!("In effect from {}", long_date(*effective))
            } else {
                format!("Open to call-in until {}", long_date(*deadline))
            }
        }
        CallIn::Immediate { .. } => "In effect on publication".into(),
        CallIn::CalledIn(c) => format!("Called in on {}", long_date(c.on)),
    }
}

fn register(ed: &Edition, filter: Option<Filter>) -> PageJob {
    let list: Vec<&DecisionView> = ed
        .decisions()
        .iter()
        .filter(|d| match &filter {
            None => true,
            Some(Filter::Committee(ci)) => d.maker == Maker::Committee(*ci),
            Some(Filter::Officers) => matches!(d.maker, Maker::Person { .. }),
        })
        .collect();
    let rows: Vec<Row> = list.iter().map(|d| row(ed, d)).collect();
    let mut years: Vec<String> = rows.iter().map(|r| r.year.clone()).collect();
    years.sort();
    years.dedup();
    years.reverse();
    let mut makers: Vec<String> = rows.iter().map(|r| r.maker.clone()).collect();
    makers.sort();
    makers.dedup();
    let committees: Vec<Link> = (0..ed.committees().len())
        .filter(|&ci| has_committee(ed, ci))
        .map(|ci| Link::new(ed.committees()[ci].name.clone(), committee_url(ed, ci)))
        .collect();
    let (title, url, crumbs) = match filter {
        None => (
            "Decisions".to_string(),
            REGISTER_URL.to_string(),
            vec![Link::new("Home", "/")],
        ),
        Some(Filter::Committee(ci)) => (
            format!("Decisions of {}", ed.committees()[ci].name),
            committee_url(ed, ci),
            vec![Link::new("Home", "/"), Link::new("Decisions", REGISTER_URL)],
        ),
        Some(Filter::Officers) => (
            "Decisions of officers and individual members".to_string(),
            OFFICERS_URL.to_string(),
            vec![Link::new("Home", "/"), Link::new("Decisions", REGISTER_URL)],
        ),
    };
    PageJob {
        url,
        template: "decisions.html",
        title,
        crumbs,
        marking: None,
        data: super::data(&Register {
            rows,
            years,
            makers,
            committees,
            officers_url: ed
                .decisions()
                .iter()
                .any(|d| matches!(d.maker, Maker::Person { .. }))
                .then_some(OFFICERS_URL),
            feed: format!("/{FEED_FILE}"),
            csv: format!("/{CSV_FILE}"),
        }),
    }
}

/// The data of the register and of its committee and officers' pages.
#[derive(Serialize)]
struct Register {
    rows: Vec<Row>,
    /// Municipal years, newest first, for the filter.
    years: Vec<String>,
    makers: Vec<String>,
    committees: Vec<Link>,
    /// Only when some decision was made by an officer or an individual member.
    officers_url: Option<&'static str>,
    feed: String,
    csv: String,
}

/// The data of one decision's page.
#[derive(Serialize)]
struct DecisionPage {
    reference: String,
    maker: Link,
    meeting: Option<Link>,
    minute: Option<String>,
    date: String,
    text: String,
    draft_minutes: bool,
    executive: bool,
    key_decision: Option<super::forward_plan::KeyDecisionLink>,
    facts: Vec<Fact>,
    /// The public edition's notice that the decision's details are withheld.
    notice: Option<NoticeCtx>,
    /// The members' edition's NOT FOR PUBLICATION marking.
    marking: Option<NoticeCtx>,
    call_in: Vec<Line>,
    status: String,
    background: Option<BackgroundCtx>,
}

#[derive(Serialize)]
struct Fact {
    label: &'static str,
    text: String,
}

/// A labelled line of the call-in's account.
#[derive(Serialize)]
struct Line {
    label: String,
    text: String,
}

fn decision(ed: &Edition, i: usize) -> PageJob {
    let d = &ed.decisions()[i];
    let links = Links::new(ed.urls());
    let maker = match &d.maker {
        Maker::Committee(ci) => Link::new(
            ed.committees()[*ci].name.clone(),
            ed.committees()[*ci].url.clone(),
        ),
        m => Link::new(maker_name(ed, m), OFFICERS_URL),
    };
    let meeting = d.meeting.map(|mi| {
        let m = &ed.meetings()[mi];
        Link::new(ed.meeting_title(m), m.url.clone())
    });
    let facts: Vec<Fact> = d
        .facts
        .iter()
        .flat_map(|f| {
            [
                ("Reasons for the decision", &f.reasons),
                (
                    "Alternative options considered and rejected",
                    &f.alternatives,
                ),
                ("Conflicts of interest declared", &f.interests),
                ("Dispensations granted", &f.dispensation),
            ]
            .into_iter()
            .filter_map(|(label, t)| t.clone().map(|text| Fact { label, text }))
        })
        .collect();
    let crumbs = match &d.maker {
        Maker::Committee(ci) => vec![
            Link::new("Home", "/"),
            Link::new("Decisions", REGISTER_URL),
            Link::new(ed.committees()[*ci].name.clone(), committee_url(ed, *ci)),
        ],
        Maker::Person { .. } => vec![
            Link::new("Home", "/"),
            Link::new("Decisions", REGISTER_URL),
            Link::new("Officers", OFFICERS_URL),
        ],
    };
    let withheld = d.notice.as_ref().filter(|_| !ed.is_confidential());
    let confidential_notice = d.notice.as_ref().filter(|_| ed.is_confidential());
    PageJob {
        url: d.url.clone(),
        template: "decision.html",
        title: d.title.clone(),
        crumbs,
        marking: confidential_notice.map(|n| format!("NOT FOR PUBLICATION: this page contains exempt information under paragraph {} of Schedule 12A to the Local Government Act 1972", n.numbers())),
        data: super::data(&DecisionPage {
            reference: d.reference.clone(),
            maker,
            meeting,
            minute: d.minute.clone(),
            date: long_date(d.date),
            text: body::render(&d.text, Kind::Other, &links),
            draft_minutes: d.draft_minutes,
            executive: d.executive,
            key_decision: super::forward_plan::decision_link(ed, d),
            facts,
            notice: withheld.map(NoticeCtx::from),
            marking: confidential_notice.map(NoticeCtx::from),
            call_in: call_in_lines(ed, d)
                .into_iter()
                .map(|(label, text)| Line { label, text })
                .collect(),
            status: status(ed, d),
            background: d.background.as_ref().map(BackgroundCtx::from),
        }),
    }
}

/// The call-in of a decision, in lines for the page.
fn call_in_lines(ed: &Edition, d: &DecisionView) -> Vec<(String, String)> {
    let cut_off = clock_time(ed.config().call_in_cut_off);
    match &d.call_in {
        CallIn::NotApplicable => vec![(
            "Call-in".into(),
            "Not subject to call-in: call-in applies to executive decisions.".into(),
        )],
        CallIn::NotPublished => vec![(
            "Call-in".into(),
            "The day this decision was published is not recorded, so its call-in period cannot be given.".into(),
        )],
        CallIn::Period {
            published,
            deadline,
            effective,
        } => vec![
            ("Published".into(), long_date(*published)),
            (
                "Call-in deadline".into(),
                format!("{cut_off} on {}", long_date(*deadline)),
            ),
            (
                "Effective from".into(),
                format!("{}, unless it is called in", long_date(*effective)),
            ),
        ],
        CallIn::Immediate { published, reason } => {
            // An empty reason is one withheld with its exempt matter.
            let why = match reason {
                Immediate::Urgent(r) if r.is_empty() => "Not subject to call-in: taken as a matter of urgency; the reason is recorded with the exempt matter.".to_string(),
                Immediate::Urgent(r) => format!("Not subject to call-in: taken as a matter of urgency. {r}"),
                Immediate::NoCallIn(r) if r.is_empty() => "Not subject to call-in; the reason is recorded with the exempt matter.".to_string(),
                Immediate::NoCallIn(r) => format!("Not subject to call-in. {r}"),
            };
            let mut lines = vec![("Call-in".to_string(), why)];
            lines.push((
                "Effective from".into(),
                match published {
                    Some(p) => format!("{}, on publication", long_date(*p)),
                    None => "Publication, which is not yet recorded".into(),
                },
            ));
            lines
        }
        CallIn::CalledIn(c) => {
            let by = c.by.as_ref().map(|b| format!(" by {b}")).unwrap_or_default();
            let mut lines = vec![("Called in".to_string(), format!("{}{by}", long_date(c.on)))];
            if let Some(o) = &c.outcome {
                lines.push(("Outcome".into(), o.clone()));
            }
            lines
        }
    }
}

/// The register as an Atom feed: every decision, newest first.
pub fn atom(ed: &Edition) -> String {
    let base = &ed.config().base_url;
    let updated = ed
        .decisions()
        .iter()
        .map(|d| d.date)
        .max()
        .map(iso_date)
        .unwrap_or_else(|| iso_date(ed.as_of()));
    let mut s = super::feeds::xml_head(ed);
    s.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    s.push_str(&format!(
        "<title>{} decisions</title>\n<id>{base}{REGISTER_URL}</id>\n<link href=\"{base}{REGISTER_URL}\"/>\n<link rel=\"self\" href=\"{base}/{FEED_FILE}\"/>\n<updated>{updated}T00:00:00Z</updated>\n<author><name>{}</name></author>\n",
        escape(&ed.config().council),
        escape(&ed.config().council)
    ));
    for d in ed.decisions() {
        let text = crate::model::tree::plain_text(&d.text);
        s.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{base}{}</id>\n<link href=\"{base}{}\"/>\n<updated>{}T00:00:00Z</updated>\n<summary>{}: {}</summary>\n</entry>\n",
            escape(&d.title),
            d.url,
            d.url,
            iso_date(d.date),
            escape(&maker_name(ed, &d.maker)),
            escape(&text)
        ));
    }
    s.push_str("</feed>\n");
    s
}

/// The register as CSV (RFC 4180, CRLF line ends), newest first.
pub fn csv(ed: &Edition) -> String {
    use super::attendance::{MARKING_COLUMN, csv_record};
    let mut out = String::new();
    csv_record(&CSV_HEADER, ed.marking().map(|_| MARKING_COLUMN), &mut out);
    for d in ed.decisions() {
        let (deadline, effective) = match &d.call_in {
            CallIn::Period {
                deadline,
                effective,
                ..
            } => (iso_date(*deadline), iso_date(*effective)),
            CallIn::Immediate {
                published: Some(p), ..
            } => (String::new(), iso_date(*p)),
            _ => (String::new(), String::new()),
        };
        let fields = [
            iso_date(d.date),
            d.reference.clone(),
            d.title.clone(),
            maker_name(ed, &d.maker),
            d.key_decision.as_ref().map(key_words).unwrap_or_default(),
            deadline,
            effective,
            status(ed, d),
            format!("{}{}", ed.config().base_url, d.url),
        ];
        csv_record(&fields, ed.marking(), &mut out);
    }
    out
}

/// The columns of the register as a spreadsheet.
const CSV_HEADER: [&str; 9] = [
    "date",
    "reference",
    "title",
    "decision_maker",
    "key_decision",
    "call_in_deadline",
    "effective_from",
    "status",
    "url",
];
