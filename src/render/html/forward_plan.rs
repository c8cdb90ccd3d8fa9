//! The forward plan's pages, the notices of SI 2012/2089 and their feed entries, read
//! from the edition's [`crate::redact::PlanView`] alone.
//!
//! - `/forward-plan/`: the current plan, by expected date;
//! - `/forward-plan/<ref>/`: one entry, with its history and the meetings that take it;
//! - `/forward-plan/past/`: entries decided or withdrawn;
//! - `/notices/` and `/notices/<slug>/`: general exception, special urgency and private
//!   meeting notices;
//! - `/notices/special-urgency/`: special urgency decisions by municipal year, for the
//!   leader's report to full Council (regulation 19).

use serde::Serialize;

use super::PageJob;
use super::context::Link;
use super::highlight::escape;
use super::pages::Page;
use crate::model::forward_plan::{KeyDecision, Officer};
use crate::model::text::{iso_date, long_date};
use crate::redact::{
    Concerns, DecisionView, Edition, EntryState, EntryView, ItemView, MeetingView, NOTICES_URL,
    NoticeKind, NoticeView, PAST_URL, PLAN_URL, SPECIAL_URGENCY_URL,
};

/// The pages to plan: none at all for a site without a plan or notices.
pub fn pages(ed: &Edition) -> Vec<Page> {
    let plan = ed.forward_plan();
    let mut out = Vec::new();
    if !plan.entries.is_empty() {
        out.extend([Page::ForwardPlan, Page::ForwardPlanPast]);
        out.extend((0..plan.entries.len()).map(Page::PlanEntry));
    }
    if !plan.notices.is_empty() {
        out.extend([Page::Notices, Page::SpecialUrgency]);
        out.extend((0..plan.notices.len()).map(Page::Notice));
    }
    out
}

/// Every address [`pages`] plans, for the sitemap.
pub fn urls(ed: &Edition) -> Vec<String> {
    pages(ed).into_iter().map(|p| url(ed, p)).collect()
}

/// The address of one of this module's pages.
pub fn url(ed: &Edition, page: Page) -> String {
    let plan = ed.forward_plan();
    match page {
        Page::ForwardPlan => PLAN_URL.into(),
        Page::ForwardPlanPast => PAST_URL.into(),
        Page::PlanEntry(i) => plan.entries[i].url.clone(),
        Page::Notices => NOTICES_URL.into(),
        Page::Notice(i) => plan.notices[i].url.clone(),
        Page::SpecialUrgency => SPECIAL_URGENCY_URL.into(),
        _ => unreachable!("not a forward plan page"),
    }
}

/// What to render for one of this module's pages.
pub fn job(ed: &Edition, page: Page) -> PageJob {
    match page {
        Page::ForwardPlan => list(ed, false),
        Page::ForwardPlanPast => list(ed, true),
        Page::PlanEntry(i) => entry(ed, i),
        Page::Notices => notices(ed),
        Page::Notice(i) => notice(ed, i),
        Page::SpecialUrgency => special_urgency(ed),
        _ => unreachable!("not a forward plan page"),
    }
}

fn crumbs() -> Vec<Link> {
    vec![Link::new("Home", "/")]
}

fn plan_crumbs() -> Vec<Link> {
    vec![Link::new("Home", "/"), Link::new("Forward plan", PLAN_URL)]
}

fn notice_crumbs() -> Vec<Link> {
    vec![Link::new("Home", "/"), Link::new("Notices", NOTICES_URL)]
}

/// The line an agenda item shows for its key decision.
#[derive(Serialize)]
pub struct KeyDecisionLink {
    /// The forward plan reference, when the item names one.
    pub reference: Option<String>,
    /// The entry's page, when the audience sees the entry.
    pub url: Option<String>,
    /// "general exception" or "special urgency".
    pub route: Option<&'static str>,
    /// The notice of that route, when published.
    pub notice: Option<String>,
}

/// What an agenda item says about its key decision, for the meeting page.
pub fn item_link(ed: &Edition, m: &MeetingView, item: &ItemView) -> Option<KeyDecisionLink> {
    let kd = item.key_decision.as_ref()?;
    // The notice for this very item: the same meeting's notice that lists its number.
    key_link(ed, kd, |n| {
        n.on.meeting()
            .is_some_and(|mi| ed.meetings()[mi].url == m.url)
            && n.items.iter().any(|(number, _)| *number == item.number)
    })
}

/// What a decision's record says about its key decision: its entry, its route and the
/// route's notice (the notice of its meeting's item, or of the officer's decision).
pub fn decision_link(ed: &Edition, d: &DecisionView) -> Option<KeyDecisionLink> {
    let kd = d.key_decision.as_ref()?;
    key_link(ed, kd, |n| match &n.on {
        Concerns::Meeting(mi) => {
            d.meeting == Some(*mi)
                && n.items
                    .iter()
                    .any(|(number, _)| Some(number) == d.minute.as_ref())
        }
        Concerns::Officer(o) => o.record.as_deref() == Some(d.url.as_str()),
    })
}

/// A key decision's entry, route and notice, the notice being the first route notice
/// that `concerns` this decision.
fn key_link(
    ed: &Edition,
    kd: &KeyDecision,
    concerns: impl Fn(&NoticeView) -> bool,
) -> Option<KeyDecisionLink> {
    let plan = ed.forward_plan();
    let entry = kd.plan.as_deref().and_then(|r| plan.entry(r));
    let route = kd.route();
    let notice = route.and_then(|_| {
        plan.notices
            .iter()
            .filter(|n| n.kind != NoticeKind::PrivateMeeting)
            .find(|n| concerns(n))
            .map(|n| n.url.clone())
    });
    Some(KeyDecisionLink {
        reference: entry
            .map(|e| e.reference.clone())
            .or_else(|| kd.plan.clone()),
        url: entry.map(|e| e.url.clone()),
        route,
        notice,
    })
}

#[derive(Serialize)]
struct Row {
    reference: String,
    url: String,
    matter: String,
    decision_maker: String,
    expected: String,
    private: bool,
    /// "Decided on 13 October 2021", "Withdrawn on ...", or nothing for a current entry.
    state: Option<String>,
}

fn state_text(s: EntryState) -> Option<String> {
    match s {
        EntryState::Current => None,
        EntryState::Decided(d) => Some(format!("Decided on {}", long_date(d))),
        EntryState::Withdrawn(d) => Some(format!("Withdrawn on {}", long_date(d))),
    }
}

fn row(e: &EntryView) -> Row {
    Row {
        reference: e.reference.clone(),
        url: e.url.clone(),
        matter: e.matter.clone(),
        decision_maker: e.decision_maker.name.clone(),
        expected: long_date(e.expected),
        private: e.private.is_some(),
        state: state_text(e.state),
    }
}

/// The data of the plan's list and of its past entries.
#[derive(Serialize)]
struct List {
    past: bool,
    rows: Vec<Row>,
    plan_url: &'static str,
    past_url: &'static str,
    notices_url: &'static str,
    has_notices: bool,
}

/// The current plan, or the past entries.
fn list(ed: &Edition, past: bool) -> PageJob {
    let entries = &ed.forward_plan().entries;
    let mut rows: Vec<&EntryView> = entries
        .iter()
        .filter(|e| (e.state != EntryState::Current) == past)
        .collect();
    if past {
        // Newest first.
        rows.reverse();
    }
    let data = List {
        past,
        rows: rows.into_iter().map(row).collect(),
        plan_url: PLAN_URL,
        past_url: PAST_URL,
        notices_url: NOTICES_URL,
        has_notices: !ed.forward_plan().notices.is_empty(),
    };
    PageJob {
        url: if past { PAST_URL } else { PLAN_URL }.into(),
        template: "forward-plan.html",
        title: if past {
            "Forward plan: past key decisions".into()
        } else {
            "Forward plan of key decisions".into()
        },
        crumbs: if past { plan_crumbs() } else { crumbs() },
        marking: None,
        data: super::data(&data),
    }
}

fn meeting_link(ed: &Edition, mi: usize) -> Link {
    let m: &MeetingView = &ed.meetings()[mi];
    Link::new(ed.meeting_title(m), m.url.clone())
}

/// The meeting, or the officer's decision, a notice concerns or that takes an entry:
/// "Decision of Jane Doe, Corporate Director, 20 October 2021", linked to the record
/// once it is out (the link is empty before).
fn concerns_link(ed: &Edition, on: &Concerns) -> Link {
    match on {
        Concerns::Meeting(mi) => meeting_link(ed, *mi),
        Concerns::Officer(o) => Link::new(
            format!(
                "Decision of {}, {}",
                super::decisions::maker_name(ed, &o.maker),
                long_date(o.date)
            ),
            o.record.clone().unwrap_or_default(),
        ),
    }
}

/// The day of the meeting, or of the officer's decision.
fn concerns_date(ed: &Edition, on: &Concerns) -> time::Date {
    match on {
        Concerns::Meeting(mi) => ed.meetings()[*mi].date,
        Concerns::Officer(o) => o.date,
    }
}

fn entry(ed: &Edition, i: usize) -> PageJob {
    #[derive(Serialize)]
    struct TakenCtx {
        /// The meeting, or the officer's decision (named so for themes written before).
        meeting: Link,
        item: Option<String>,
        title: String,
        route: Option<&'static str>,
        held: bool,
    }
    #[derive(Serialize)]
    struct HistoryCtx {
        date: String,
        change: String,
    }
    #[derive(Serialize)]
    struct PrivateCtx {
        notice: String,
        paragraphs: Vec<String>,
        reason: String,
    }
    #[derive(Serialize)]
    struct Entry {
        reference: String,
        matter: String,
        summary: Option<String>,
        decision_maker: Link,
        decision_maker_linked: bool,
        members: Vec<String>,
        expected: String,
        documents: Vec<String>,
        how_to_get: Option<String>,
        representations: Option<String>,
        representations_by: Option<String>,
        lead_officer: Option<Officer>,
        first_published: String,
        private: Option<PrivateCtx>,
        history: Vec<HistoryCtx>,
        withdrawn_reason: Option<String>,
        state: Option<String>,
        taken: Vec<TakenCtx>,
        notices: Vec<Link>,
    }
    let e = &ed.forward_plan().entries[i];
    let data = Entry {
        reference: e.reference.clone(),
        matter: e.matter.clone(),
        summary: e.summary.clone(),
        decision_maker: Link::new(
            e.decision_maker.name.clone(),
            e.decision_maker.url.clone().unwrap_or_default(),
        ),
        decision_maker_linked: e.decision_maker.url.is_some(),
        members: e.decision_maker.members.clone(),
        expected: long_date(e.expected),
        documents: e.documents.clone(),
        how_to_get: e.how_to_get.clone(),
        representations: e.representations.clone(),
        representations_by: e.representations_by.map(long_date),
        lead_officer: e.lead_officer.clone(),
        first_published: long_date(e.first_published),
        private: e.private.as_ref().map(|p| PrivateCtx {
            notice: p.notice.clone(),
            paragraphs: p
                .paragraphs
                .iter()
                .map(|p| format!("Paragraph {}: {}", p.number, p.category))
                .collect(),
            reason: p.reason.clone(),
        }),
        history: e
            .history
            .iter()
            .map(|c| HistoryCtx {
                date: long_date(c.date),
                change: c.change.clone(),
            })
            .collect(),
        withdrawn_reason: e.withdrawn.as_ref().and_then(|w| w.reason.clone()),
        state: state_text(e.state),
        taken: e
            .taken
            .iter()
            .map(|t| TakenCtx {
                meeting: concerns_link(ed, &t.by),
                item: t.item.clone(),
                title: t.title.clone(),
                route: t.route,
                held: t.date <= ed.as_of(),
            })
            .collect(),
        notices: ed
            .forward_plan()
            .notices
            .iter()
            .filter(|n| n.entry.as_deref() == Some(e.reference.as_str()))
            .map(|n| Link::new(notice_title(n), n.url.clone()))
            .collect(),
    };
    PageJob {
        url: e.url.clone(),
        template: "forward-plan-entry.html",
        title: format!("{}: {}", e.reference, e.matter),
        crumbs: plan_crumbs(),
        marking: None,
        data: super::data(&data),
    }
}

fn notice_title(n: &NoticeView) -> String {
    format!("{}: {}", n.kind.label(), n.matter)
}

#[derive(Serialize)]
struct NoticeRow {
    title: String,
    url: String,
    kind: &'static str,
    published: String,
    meeting: Link,
}

fn notice_row(ed: &Edition, n: &NoticeView) -> NoticeRow {
    NoticeRow {
        title: n.matter.clone(),
        url: n.url.clone(),
        kind: n.kind.label(),
        published: long_date(n.published),
        meeting: concerns_link(ed, &n.on),
    }
}

/// The data of the list of notices.
#[derive(Serialize)]
struct Notices {
    rows: Vec<NoticeRow>,
    urgency_url: &'static str,
    plan_url: &'static str,
}

fn notices(ed: &Edition) -> PageJob {
    let rows: Vec<NoticeRow> = ed
        .forward_plan()
        .notices
        .iter()
        .rev()
        .map(|n| notice_row(ed, n))
        .collect();
    PageJob {
        url: NOTICES_URL.into(),
        template: "forward-plan-notices.html",
        title: "Notices of key decisions and private meetings".into(),
        crumbs: crumbs(),
        marking: None,
        data: super::data(&Notices {
            rows,
            urgency_url: SPECIAL_URGENCY_URL,
            plan_url: PLAN_URL,
        }),
    }
}

fn notice(ed: &Edition, i: usize) -> PageJob {
    #[derive(Serialize)]
    struct Notice {
        kind: &'static str,
        regulation: &'static str,
        general_exception: bool,
        special_urgency: bool,
        private_meeting: bool,
        published: String,
        meeting: Link,
        /// An officer's decision, not a meeting.
        officer: bool,
        matter: String,
        items: Vec<String>,
        entry: Option<Link>,
        reasons: Option<String>,
        scrutiny_chair: Option<String>,
        agreed_by: Option<String>,
        agreed_as: Option<String>,
        agreed_on: Option<String>,
        final_notice: Option<String>,
        representations: Option<String>,
        response: Option<String>,
        paragraphs: Vec<String>,
    }
    let n = &ed.forward_plan().notices[i];
    let data = Notice {
        kind: n.kind.label(),
        regulation: n.kind.regulation(),
        general_exception: n.kind == NoticeKind::GeneralException,
        special_urgency: n.kind == NoticeKind::SpecialUrgency,
        private_meeting: n.kind == NoticeKind::PrivateMeeting,
        published: long_date(n.published),
        meeting: concerns_link(ed, &n.on),
        officer: n.on.meeting().is_none(),
        matter: n.matter.clone(),
        items: n
            .items
            .iter()
            .map(|(number, title)| format!("Item {number}: {title}"))
            .collect(),
        entry: n
            .entry
            .as_deref()
            .and_then(|r| ed.forward_plan().entry(r))
            .map(|e| Link::new(format!("{}: {}", e.reference, e.matter), e.url.clone())),
        reasons: n.reasons.clone(),
        scrutiny_chair: n.scrutiny_chair.clone(),
        agreed_by: n.agreed_by.clone(),
        agreed_as: n.agreed_as.clone(),
        agreed_on: n.agreed_on.map(long_date),
        final_notice: n.final_notice.map(long_date),
        representations: n.representations.clone(),
        response: n.response.clone(),
        paragraphs: n
            .paragraphs
            .iter()
            .map(|p| format!("Paragraph {}: {}", p.number, p.category))
            .collect(),
    };
    PageJob {
        url: n.url.clone(),
        template: "forward-plan-notice.html",
        title: notice_title(n),
        crumbs: notice_crumbs(),
        marking: None,
        data: super::data(&data),
    }
}

/// Special urgency decisions by municipal year, newest first (regulation 19).
fn special_urgency(ed: &Edition) -> PageJob {
    #[derive(Serialize)]
    struct Decision {
        date: String,
        matter: String,
        url: String,
        meeting: Link,
        agreed_by: Option<String>,
        agreed_as: Option<String>,
        reasons: Option<String>,
    }
    #[derive(Serialize)]
    struct Year {
        label: String,
        decisions: Vec<Decision>,
    }
    /// The page's data: the decisions by municipal year, newest first.
    #[derive(Serialize)]
    struct Urgency {
        years: Vec<Year>,
        period: String,
    }
    let starts = ed.config().municipal_year_start;
    let mut years: Vec<(i32, Year)> = Vec::new();
    let mut urgent: Vec<&NoticeView> = ed
        .forward_plan()
        .notices
        .iter()
        // Taken: a notice goes out before its decision, which is listed from its day.
        .filter(|n| n.kind == NoticeKind::SpecialUrgency && concerns_date(ed, &n.on) <= ed.as_of())
        .collect();
    urgent.sort_by_key(|n| std::cmp::Reverse((concerns_date(ed, &n.on), n.url.clone())));
    for n in urgent {
        let day = concerns_date(ed, &n.on);
        let year = super::attendance::municipal_year(day, starts);
        let d = Decision {
            date: long_date(day),
            matter: n.matter.clone(),
            url: n.url.clone(),
            meeting: concerns_link(ed, &n.on),
            agreed_by: n.agreed_by.clone(),
            agreed_as: n.agreed_as.clone(),
            reasons: n.reasons.clone(),
        };
        match years.last_mut() {
            Some((y, group)) if *y == year => group.decisions.push(d),
            _ => years.push((
                year,
                Year {
                    label: super::attendance::year_label(year, starts),
                    decisions: vec![d],
                },
            )),
        }
    }
    let years: Vec<Year> = years.into_iter().map(|(_, y)| y).collect();
    PageJob {
        url: SPECIAL_URGENCY_URL.into(),
        template: "forward-plan-urgency.html",
        title: "Key decisions taken under special urgency".into(),
        crumbs: notice_crumbs(),
        marking: None,
        data: super::data(&Urgency {
            years,
            period: super::attendance::period(starts),
        }),
    }
}

/// Atom entries for the published notices, newest first, to go inside the site's feed.
pub fn atom_entries(ed: &Edition) -> String {
    let base = &ed.config().base_url;
    let mut s = String::new();
    for n in ed.forward_plan().notices.iter().rev().take(50) {
        s.push_str("<entry>\n");
        s.push_str(&format!(
            "<title>{}</title>\n<id>{base}{}</id>\n<link href=\"{base}{}\"/>\n",
            escape(&notice_title(n)),
            n.url,
            n.url
        ));
        s.push_str(&format!(
            "<updated>{}T00:00:00Z</updated>\n",
            iso_date(n.published)
        ));
        s.push_str(&format!(
            "<author><name>{}</name></author>\n",
            escape(&ed.config().council)
        ));
        let summary = format!(
            "{} ({}), {}. {}",
            n.kind.label(),
            n.kind.regulation(),
            concerns_link(ed, &n.on).title,
            n.reasons.as_deref().unwrap_or("")
        );
        s.push_str(&format!(
            "<summary>{}</summary>\n",
            escape(summary.trim_end())
        ));
        s.push_str("</entry>\n");
    }
    s
}
