//! One [`PageJob`] per HTML page of the site, each with a typed context.

use serde::Serialize;

use super::body::{self, Links};
use super::context::{
    BackgroundCtx, Link, MeetingLink, NoticeCtx, human_size, meeting_link, papers_text,
    status_class,
};
use super::{Inputs, PageJob};
use crate::model::Kind;
use crate::model::text::{clock_time, long_date, short_date};
use crate::model::tree::Tree;
use crate::redact::{
    ApprovalView, DocBody, DocSlot, Edition, ItemView, MeetingView, Papers, Presence,
};
use crate::render::wording;

/// One page of the site, decided from the edition before anything is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    Committees,
    Members,
    Search,
    NotFound,
    /// Index into the edition's committees.
    Committee(usize),
    Meeting(usize),
    /// A Markdown document (PDF documents are files, not pages).
    Document(usize),
    Member(usize),
    /// A free page from `content/pages/`.
    Free(usize),
    /// The generated accessibility statement, unless the site writes its own.
    Accessibility,
    /// The public redaction record of the whole site.
    Redactions,
    /// Every councillor's attendance figures, by municipal year.
    Attendance,
    /// The forward plan (current and past), each entry (index into its entries), the
    /// notices, each notice, and the special urgency report: see `forward_plan`.
    ForwardPlan,
    ForwardPlanPast,
    PlanEntry(usize),
    Notices,
    Notice(usize),
    SpecialUrgency,
    /// The decisions register, one committee's decisions, officers' decisions, and one
    /// decision (index into the edition's decisions): see `decisions`.
    Decisions,
    CommitteeDecisions(usize),
    OfficerDecisions,
    Decision(usize),
}

/// Every page of the edition, in the order they are rendered.
pub fn plan(ed: &Edition) -> Vec<Page> {
    let mut pages = vec![
        Page::Home,
        Page::Committees,
        Page::Members,
        Page::Attendance,
        Page::Search,
        Page::NotFound,
        Page::Redactions,
    ];
    pages.extend((0..ed.committees().len()).map(Page::Committee));
    pages.extend((0..ed.meetings().len()).map(Page::Meeting));
    pages.extend(
        ed.documents()
            .iter()
            .enumerate()
            .filter(|(_, d)| matches!(d.body, DocBody::Markdown(_)))
            .map(|(i, _)| Page::Document(i)),
    );
    pages.extend((0..ed.members().len()).map(Page::Member));
    pages.extend((0..ed.pages().len()).map(Page::Free));
    if !ed.pages().iter().any(|p| p.slug == "accessibility") {
        pages.push(Page::Accessibility);
    }
    pages.extend(super::forward_plan::pages(ed));
    pages.extend(super::decisions::pages(ed));
    pages
}

/// The address of a planned page.
pub fn url(ed: &Edition, page: Page) -> String {
    match page {
        Page::Home => "/".into(),
        Page::Committees => "/committees/".into(),
        Page::Members => "/members/".into(),
        Page::Search => "/search/".into(),
        Page::NotFound => "/404.html".into(),
        Page::Committee(i) => ed.committees()[i].url.clone(),
        Page::Meeting(i) => ed.meetings()[i].url.clone(),
        Page::Document(i) => ed.documents()[i].url.clone(),
        Page::Member(i) => ed.members()[i].url.clone(),
        Page::Free(i) => ed.pages()[i].url.clone(),
        Page::Accessibility => "/accessibility/".into(),
        Page::Redactions => REDACTIONS_URL.into(),
        Page::Attendance => super::attendance::PAGE_URL.into(),
        Page::ForwardPlan
        | Page::ForwardPlanPast
        | Page::PlanEntry(_)
        | Page::Notices
        | Page::Notice(_)
        | Page::SpecialUrgency => super::forward_plan::url(ed, page),
        Page::Decisions
        | Page::CommitteeDecisions(_)
        | Page::OfficerDecisions
        | Page::Decision(_) => super::decisions::url(ed, page),
    }
}

/// What to render for a planned page.
pub fn job(inputs: &Inputs, page: Page) -> PageJob {
    let ed = inputs.ed;
    let job = match page {
        Page::Home => home(ed),
        Page::Committees => committees(ed),
        Page::Members => members_index(ed),
        Page::Search => search(),
        Page::NotFound => not_found(),
        Page::Committee(i) => committee(ed, i),
        Page::Meeting(i) => meeting(inputs, i),
        Page::Document(i) => {
            let d = &ed.documents()[i];
            match &d.body {
                DocBody::Markdown(tree) => document(inputs, i, tree),
                DocBody::Pdf { .. } => {
                    unreachable!("the plan has pages for Markdown documents only")
                }
            }
        }
        Page::Member(i) => member(ed, i),
        Page::Free(i) => free_page(ed, &ed.pages()[i]),
        Page::Accessibility => accessibility(ed),
        Page::Redactions => redactions(ed),
        Page::Attendance => super::attendance::page(ed),
        Page::ForwardPlan
        | Page::ForwardPlanPast
        | Page::PlanEntry(_)
        | Page::Notices
        | Page::Notice(_)
        | Page::SpecialUrgency => super::forward_plan::job(ed, page),
        Page::Decisions
        | Page::CommitteeDecisions(_)
        | Page::OfficerDecisions
        | Page::Decision(_) => super::decisions::job(ed, page),
    };
    debug_assert_eq!(
        job.url,
        url(ed, page),
        "a page is rendered at the address it was planned at"
    );
    job
}

fn home_crumb() -> Link {
    Link::new("Home", "/")
}

fn home(ed: &Edition) -> PageJob {
    #[derive(Serialize)]
    struct Home {
        upcoming: Vec<MeetingLink>,
        recent: Vec<MeetingLink>,
    }
    let mut upcoming: Vec<&MeetingView> = ed
        .meetings()
        .iter()
        .filter(|m| m.date >= ed.as_of())
        .collect();
    upcoming.sort_by_key(|m| (m.date, m.time, m.url.clone()));
    let mut recent: Vec<(time::Date, &MeetingView)> = ed
        .meetings()
        .iter()
        .filter_map(|m| match m.papers {
            Papers::Published(p) => Some((p, m)),
            _ => None,
        })
        .collect();
    recent.sort_by(|a, b| (b.0, b.1.date, &b.1.url).cmp(&(a.0, a.1.date, &a.1.url)));
    let data = Home {
        upcoming: upcoming
            .into_iter()
            .take(10)
            .map(|m| meeting_link(ed, m))
            .collect(),
        recent: recent
            .into_iter()
            .take(10)
            .map(|(_, m)| meeting_link(ed, m))
            .collect(),
    };
    PageJob {
        url: "/".into(),
        template: "home.html",
        title: ed.config().title.clone(),
        crumbs: vec![],
        marking: None,
        data: super::data(&data),
    }
}

fn committees(ed: &Edition) -> PageJob {
    #[derive(Serialize)]
    struct Row {
        name: String,
        url: String,
        next: Option<MeetingLink>,
        meetings: usize,
    }
    #[derive(Serialize)]
    struct Committees {
        committees: Vec<Row>,
    }
    let rows: Vec<Row> = ed
        .committees()
        .iter()
        .map(|c| Row {
            name: c.name.clone(),
            url: c.url.clone(),
            next: c
                .meetings
                .iter()
                .map(|&i| &ed.meetings()[i])
                .find(|m| m.date >= ed.as_of())
                .map(|m| meeting_link(ed, m)),
            meetings: c.meetings.len(),
        })
        .collect();
    PageJob {
        url: "/committees/".into(),
        template: "committees.html",
        title: "Committees".into(),
        crumbs: vec![home_crumb()],
        marking: None,
        data: super::data(&Committees { committees: rows }),
    }
}

#[derive(Serialize)]
struct RoleRow {
    name: String,
    url: String,
    role: String,
}

fn committee(ed: &Edition, ci: usize) -> PageJob {
    #[derive(Serialize)]
    struct Year {
        year: i32,
        meetings: Vec<MeetingLink>,
    }
    #[derive(Serialize)]
    struct Committee {
        name: String,
        description: String,
        members: Vec<RoleRow>,
        clerk: Option<crate::model::Contact>,
        years: Vec<Year>,
    }
    let c = &ed.committees()[ci];
    let links = Links::new(ed.urls());
    let mut years: Vec<Year> = Vec::new();
    for &mi in c.meetings.iter().rev() {
        let m = &ed.meetings()[mi];
        match years.last_mut() {
            Some(y) if y.year == m.date.year() => y.meetings.push(meeting_link(ed, m)),
            _ => years.push(Year {
                year: m.date.year(),
                meetings: vec![meeting_link(ed, m)],
            }),
        }
    }
    let data = Committee {
        name: c.name.clone(),
        description: c
            .description
            .as_ref()
            .map(|d| body::render(d, Kind::Other, &links))
            .unwrap_or_default(),
        members: c
            .members_on(ed.as_of())
            .map(|m| role_row(ed, &m.member, m.role.as_deref()))
            .collect(),
        clerk: c.clerk.clone(),
        years,
    };
    PageJob {
        url: c.url.clone(),
        template: "committee.html",
        title: c.name.clone(),
        crumbs: vec![home_crumb(), Link::new("Committees", "/committees/")],
        marking: None,
        data: super::data(&data),
    }
}

fn role_row(ed: &Edition, slug: &str, role: Option<&str>) -> RoleRow {
    let (name, url) = member_link(ed, slug);
    RoleRow {
        name,
        url,
        role: role.unwrap_or("Member").to_string(),
    }
}

fn member_link(ed: &Edition, slug: &str) -> (String, String) {
    ed.member(slug)
        .map(|m| (m.name.clone(), m.url.clone()))
        .unwrap_or_else(|| (slug.to_string(), crate::layout::member_url(slug)))
}

#[derive(Serialize)]
struct DocLink {
    title: String,
    url: Option<String>,
    kind: String,
    size: Option<String>,
    draft: bool,
    notice: Option<NoticeCtx>,
    marking: Option<NoticeCtx>,
    /// What became of the paper after the agenda: added, replacing, replaced.
    notes: Vec<String>,
}

#[derive(Serialize)]
struct ItemCtx {
    number: String,
    title: String,
    /// The urgency statement, in the words the pack uses.
    urgent: Option<String>,
    /// "Added in supplementary agenda 1, published 20 September 2021".
    added: Option<String>,
    body: String,
    pages: Option<String>,
    documents: Vec<DocLink>,
    notice: Option<NoticeCtx>,
    released: Option<String>,
    /// "Key decision: CYPS/04/21", linking to the forward plan entry.
    key_decision: Option<super::forward_plan::KeyDecisionLink>,
    /// The records of the decisions the minutes record under the item.
    decisions: Vec<Link>,
    items: Vec<ItemCtx>,
}

/// Links each item to the records of the decisions minuted under its number.
fn link_decisions(items: &mut [ItemCtx], by_minute: &std::collections::HashMap<String, Vec<Link>>) {
    for i in items {
        if let Some(links) = by_minute.get(&i.number.to_lowercase()) {
            i.decisions = links.clone();
        }
        link_decisions(&mut i.items, by_minute);
    }
}

fn item_ctx(
    ed: &Edition,
    m: &MeetingView,
    item: &ItemView,
    pages: &std::collections::BTreeMap<String, (usize, usize)>,
    links: &Links,
) -> ItemCtx {
    let mut items = Vec::new();
    flatten_sub_items(ed, m, &item.items, pages, links, &mut items);
    ItemCtx {
        number: item.number.clone(),
        title: item.title.clone(),
        urgent: item.urgent.as_deref().map(wording::urgency),
        added: m
            .supplement_of_item(&item.number)
            .map(wording::supplement_line),
        body: item
            .body
            .as_ref()
            .map(|b| body::render(b, Kind::Other, links))
            .unwrap_or_default(),
        pages: pages.get(&item.number).map(|&(a, b)| {
            if a == b {
                format!("Page {a}")
            } else {
                format!("Pages {a} to {b}")
            }
        }),
        documents: item.documents.iter().map(|s| doc_link(ed, m, s)).collect(),
        notice: item.notice.as_ref().map(NoticeCtx::from),
        released: item.released.clone(),
        key_decision: super::forward_plan::item_link(ed, m, item),
        decisions: Vec::new(),
        items,
    }
}

/// Sub-items are shown one level deep; deeper ones follow in order.
fn flatten_sub_items(
    ed: &Edition,
    m: &MeetingView,
    items: &[ItemView],
    pages: &std::collections::BTreeMap<String, (usize, usize)>,
    links: &Links,
    out: &mut Vec<ItemCtx>,
) {
    for sub in items {
        let mut ctx = item_ctx(ed, m, sub, pages, links);
        let deeper = std::mem::take(&mut ctx.items);
        out.push(ctx);
        out.extend(deeper);
    }
}

/// What became of a paper after the agenda went out, in the words the pack uses too.
fn paper_notes(ed: &Edition, m: &MeetingView, i: usize) -> Vec<String> {
    let d = &ed.documents()[i];
    let mut notes = Vec::new();
    if let Some(s) = m.supplement_of_document(i) {
        notes.push(wording::supplement_line(s));
    }
    if let Some(old) = d.replaces {
        let earlier = m.supplement_of_document(old).map(|s| s.number);
        notes.push(wording::replaces(&ed.documents()[old].title, earlier));
    }
    if let Some((new, on)) = d.replaced_by {
        let when = on
            .map(|d| format!(" on {}", short_date(d)))
            .unwrap_or_default();
        notes.push(format!(
            "Replaced{when} by \"{}\"",
            ed.documents()[new].title
        ));
    }
    if let Some(text) = d.approval.as_ref().and_then(|a| wording::approval(ed, a)) {
        notes.push(text);
    }
    notes
}

fn doc_link(ed: &Edition, m: &MeetingView, slot: &DocSlot) -> DocLink {
    match slot {
        DocSlot::Shown(i) => {
            let d = &ed.documents()[*i];
            let (kind, size) = match &d.body {
                DocBody::Pdf { bytes, .. } => ("PDF".to_string(), Some(human_size(*bytes))),
                DocBody::Markdown(_) => (d.kind.label().to_string(), None),
            };
            DocLink {
                title: d.title.clone(),
                url: Some(d.url.clone()),
                kind,
                size,
                draft: d.draft,
                notice: None,
                marking: d.marking.as_ref().map(NoticeCtx::from),
                notes: paper_notes(ed, m, *i),
            }
        }
        DocSlot::Withheld { title, notice, .. } => DocLink {
            title: title.clone(),
            url: None,
            kind: "Exempt".into(),
            size: None,
            draft: false,
            notice: Some(NoticeCtx::from(notice)),
            marking: None,
            notes: Vec::new(),
        },
    }
}

/// The "NOT FOR PUBLICATION" line for a members' page holding exempt matter.
fn marking_for(numbers: &[String]) -> Option<String> {
    if numbers.is_empty() {
        return None;
    }
    let mut all: Vec<String> = numbers
        .iter()
        .flat_map(|n| n.split(", ").map(str::to_string))
        .collect();
    all.sort_by_key(|n| n.parse::<u32>().unwrap_or(0));
    all.dedup();
    let word = if all.len() == 1 {
        "paragraph"
    } else {
        "paragraphs"
    };
    Some(format!(
        "NOT FOR PUBLICATION: this page contains exempt information under {word} {} of Schedule 12A to the Local Government Act 1972",
        crate::model::text::and_list(&all)
    ))
}

fn exempt_numbers(items: &[ItemView], ed: &Edition, out: &mut Vec<String>) {
    for item in items {
        if let Some(n) = &item.notice {
            out.push(n.numbers());
        }
        for slot in &item.documents {
            if let DocSlot::Shown(i) = slot
                && let Some(n) = &ed.documents()[*i].marking
            {
                out.push(n.numbers());
            }
        }
        exempt_numbers(&item.items, ed, out);
    }
}

#[derive(Serialize)]
struct Attendance {
    present: Vec<Link>,
    apologies: Vec<Link>,
    absent: Vec<Link>,
    substitutes: Vec<String>,
    officers: Vec<String>,
}

/// Who attended a meeting, for the meeting page and its minutes.
fn attendance(ed: &Edition, a: &crate::redact::AttendanceView) -> Attendance {
    let people = |slugs: &[String]| {
        slugs
            .iter()
            .map(|s| {
                let (n, u) = member_link(ed, s);
                Link::new(n, u)
            })
            .collect::<Vec<_>>()
    };
    Attendance {
        present: people(&a.present),
        apologies: people(&a.apologies),
        absent: people(&a.absent),
        substitutes: a
            .substitutes
            .iter()
            .map(|(s, f)| format!("{} for {}", member_link(ed, s).0, member_link(ed, f).0))
            .collect(),
        officers: a.officers.clone(),
    }
}

fn meeting(inputs: &Inputs, mi: usize) -> PageJob {
    #[derive(Serialize)]
    struct Pack {
        url: String,
        size: String,
        pages: usize,
        ua1: bool,
    }
    #[derive(Serialize)]
    struct Meeting<'a> {
        committee: Link,
        /// The date, and the suffix that tells two meetings on one day apart.
        heading: String,
        date: String,
        time: String,
        venue: String,
        status: String,
        status_class: String,
        published: bool,
        papers: String,
        pack: Option<Pack>,
        attendance: Option<Attendance>,
        items: Vec<ItemCtx>,
        minutes: Option<Link>,
        /// "DRAFT: ...", or where the minutes were approved.
        minutes_status: Option<String>,
        /// Minutes of earlier meetings approved at this one.
        approves: Vec<Link>,
        supplements: Vec<SupplementCtx>,
        compliance: Option<super::compliance::Compliance>,
        /// The meeting's part of the redaction record.
        withheld: Vec<super::record::Entry<'a>>,
    }
    #[derive(Serialize)]
    struct SupplementCtx {
        number: usize,
        heading: String,
        papers: Vec<String>,
        pack: Option<Pack>,
    }
    let ed = inputs.ed;
    let m = &ed.meetings()[mi];
    let c = &ed.committees()[m.committee];
    let links = Links::new(ed.urls());
    let empty = std::collections::BTreeMap::new();
    let pack = inputs.packs.get(&mi);
    let pages = pack.map(|p| &p.items).unwrap_or(&empty);
    let data = Meeting {
        committee: Link::new(c.name.clone(), c.url.clone()),
        heading: format!("{}{}", long_date(m.date), m.suffix()),
        date: long_date(m.date),
        time: m.time.map(clock_time).unwrap_or_default(),
        venue: m.venue.clone(),
        status: m.status.label().into(),
        status_class: status_class(m).into(),
        published: matches!(m.papers, Papers::Published(_)) || ed.is_confidential(),
        papers: papers_text(m.papers),
        pack: pack.map(|p| Pack {
            url: p.url.clone(),
            size: human_size(p.bytes),
            pages: p.pages,
            ua1: p.ua1,
        }),
        attendance: m.attendance.as_ref().map(|a| attendance(ed, a)),
        items: {
            let mut items: Vec<ItemCtx> = m
                .items
                .iter()
                .map(|i| item_ctx(ed, m, i, pages, &links))
                .collect();
            let mut by_minute: std::collections::HashMap<String, Vec<Link>> = Default::default();
            for d in ed.decisions_of(mi) {
                if let Some(n) = &d.minute {
                    by_minute
                        .entry(n.to_lowercase())
                        .or_default()
                        .push(Link::new(
                            format!("Decision: {}", d.reference),
                            d.url.clone(),
                        ));
                }
            }
            link_decisions(&mut items, &by_minute);
            items
        },
        minutes: m.minutes.map(|d| {
            Link::new(
                ed.documents()[d].title.clone(),
                ed.documents()[d].url.clone(),
            )
        }),
        minutes_status: m
            .minutes
            .and_then(|d| ed.documents()[d].approval.as_ref())
            .and_then(|a| wording::approval(ed, a)),
        approves: m
            .approves
            .iter()
            .map(|&d| {
                Link::new(
                    ed.documents()[d].title.clone(),
                    ed.documents()[d].url.clone(),
                )
            })
            .collect(),
        supplements: m
            .supplements
            .iter()
            .map(|s| SupplementCtx {
                number: s.number,
                heading: wording::supplement_line(s),
                papers: supplement_lines(ed, m, s),
                pack: pack
                    .and_then(|p| p.supplements.get(&s.number))
                    .map(|p| Pack {
                        url: p.url.clone(),
                        size: human_size(p.bytes),
                        pages: p.pages,
                        ua1: p.ua1,
                    }),
            })
            .collect(),
        compliance: super::compliance::record(ed, mi),
        withheld: super::record::entries(ed, Some(mi)),
    };
    let mut numbers = Vec::new();
    if ed.is_confidential() {
        exempt_numbers(&m.items, ed, &mut numbers);
    }
    PageJob {
        url: m.url.clone(),
        template: "meeting.html",
        title: ed.meeting_title(m),
        crumbs: vec![
            home_crumb(),
            Link::new("Committees", "/committees/"),
            Link::new(c.name.clone(), c.url.clone()),
        ],
        marking: marking_for(&numbers),
        data: super::data(&data),
    }
}

/// What a supplementary agenda added or replaced, one line each.
fn supplement_lines(ed: &Edition, m: &MeetingView, s: &crate::redact::Supplement) -> Vec<String> {
    let mut all = Vec::new();
    flatten(&m.items, &mut all);
    let title = |n: &str| {
        all.iter()
            .find(|i| i.number == n)
            .map(|i| i.title.clone())
            .unwrap_or_default()
    };
    let mut lines: Vec<String> = s
        .items
        .iter()
        .map(|n| format!("Item {n} added: \"{}\"", title(n)))
        .collect();
    for (n, d) in &s.documents {
        let doc = &ed.documents()[*d];
        match s.replaced.iter().find(|(_, new)| new == d) {
            Some((old, _)) => lines.push(format!(
                "Item {n}: \"{}\" replaces \"{}\"",
                doc.title,
                ed.documents()[*old].title
            )),
            None => lines.push(format!("Item {n}: \"{}\" added", doc.title)),
        }
    }
    for (n, title) in &s.withheld {
        lines.push(format!(
            "Item {n}: \"{title}\" added (exempt, not for publication)"
        ));
    }
    lines
}

fn document(inputs: &Inputs, di: usize, tree: &Tree) -> PageJob {
    let d = &inputs.ed.documents()[di];
    #[derive(Serialize)]
    struct Doc {
        kind: &'static str,
        kind_label: &'static str,
        committee: String,
        meeting: Link,
        meeting_date: String,
        report_of: Option<String>,
        divisions: Option<String>,
        contact: Option<crate::model::Contact>,
        from: Vec<String>,
        to: Vec<String>,
        letter_date: Option<String>,
        signed: Vec<String>,
        body: String,
        contents: Vec<Link>,
        draft: bool,
        marking: Option<NoticeCtx>,
        released: Option<String>,
        pack: Option<String>,
        /// Minutes only: who attended the meeting they record.
        attendance: Option<Attendance>,
        /// Publication, replacement and approval, in words.
        notes: Vec<String>,
        /// Links for those notes: the paper this one replaces or was replaced by.
        replaces: Option<Link>,
        replaced_by: Option<Link>,
        approved_at: Option<Link>,
        draft_minutes: bool,
        published: Option<String>,
        background: Option<BackgroundCtx>,
        /// Minutes only: items taken as urgent business, with the chair's reasons.
        urgent: Vec<String>,
    }
    let ed = inputs.ed;
    let m = &ed.meetings()[d.meeting];
    let c = &ed.committees()[d.committee];
    let html = body::render(tree, d.kind, &Links::new(ed.urls()));
    let kind = d.kind.name();
    let data = Doc {
        kind,
        kind_label: d.kind.label(),
        committee: c.name.clone(),
        meeting: Link::new(ed.meeting_title(m), m.url.clone()),
        meeting_date: long_date(m.date),
        report_of: d.report_of.clone(),
        divisions: d.divisions.clone(),
        contact: d.contact.clone(),
        from: d.from.clone(),
        to: d.to.clone(),
        letter_date: d.date.map(short_date),
        signed: d.signed.clone(),
        body: html,
        contents: if d.kind == Kind::AnnualReport {
            tree.outline()
                .into_iter()
                .map(|(id, t)| Link::new(t, format!("#{id}")))
                .collect()
        } else {
            Vec::new()
        },
        draft: d.draft,
        marking: d.marking.as_ref().map(NoticeCtx::from),
        released: d.released.clone(),
        pack: inputs.packs.get(&d.meeting).map(|p| p.url.clone()),
        attendance: match d.kind {
            Kind::Minutes => m.attendance.as_ref().map(|a| attendance(ed, a)),
            _ => None,
        },
        // The draft banner says it already.
        notes: paper_notes(ed, m, di)
            .into_iter()
            .filter(|n| Some(n) != wording::approval(ed, &ApprovalView::Draft).as_ref())
            .collect(),
        replaces: d.replaces.map(|o| doc_ref_link(ed, o)),
        replaced_by: d.replaced_by.map(|(n, _)| doc_ref_link(ed, n)),
        approved_at: match &d.approval {
            Some(ApprovalView::Approved { at: Some(mi) }) => {
                let am = &ed.meetings()[*mi];
                Some(Link::new(ed.meeting_title(am), am.url.clone()))
            }
            _ => None,
        },
        draft_minutes: matches!(d.approval, Some(ApprovalView::Draft)),
        published: d.published.map(long_date),
        background: d.background.as_ref().map(BackgroundCtx::from),
        urgent: if d.kind == Kind::Minutes && m.minutes == Some(di) {
            wording::urgent_business(&m.items)
        } else {
            Vec::new()
        },
    };
    PageJob {
        url: d.url.clone(),
        template: "document.html",
        title: d.title.clone(),
        crumbs: vec![
            home_crumb(),
            Link::new("Committees", "/committees/"),
            Link::new(c.name.clone(), c.url.clone()),
            Link::new(
                format!("{}{}", long_date(m.date), m.suffix()),
                m.url.clone(),
            ),
        ],
        marking: marking_for(&d.marking.iter().map(|n| n.numbers()).collect::<Vec<_>>()),
        data: super::data(&data),
    }
}

/// Every item and sub-item, in agenda order.
fn flatten<'a>(items: &'a [ItemView], out: &mut Vec<&'a ItemView>) {
    for i in items {
        out.push(i);
        flatten(&i.items, out);
    }
}

fn doc_ref_link(ed: &Edition, i: usize) -> Link {
    Link::new(
        ed.documents()[i].title.clone(),
        ed.documents()[i].url.clone(),
    )
}

fn member(ed: &Edition, i: usize) -> PageJob {
    #[derive(Serialize)]
    struct Role {
        committee: Link,
        role: String,
    }
    #[derive(Serialize)]
    struct Record {
        meeting: Link,
        presence: &'static str,
    }
    #[derive(Serialize)]
    struct Member {
        party: Option<String>,
        division: Option<String>,
        roles: Vec<Role>,
        /// The figures, one table a municipal year, newest first.
        figures: Vec<super::attendance::YearTable>,
        /// "1 May to 30 April", and the page that explains the figures.
        period: String,
        figures_url: &'static str,
        attendance: Vec<Record>,
    }
    let m = &ed.members()[i];
    let mut attendance: Vec<&(usize, Presence)> = m.attendance.iter().collect();
    attendance.sort_by_key(|(mi, _)| {
        std::cmp::Reverse((ed.meetings()[*mi].date, ed.meetings()[*mi].url.clone()))
    });
    let data = Member {
        party: m.party.clone(),
        division: m.division.clone(),
        roles: m
            .roles
            .iter()
            .map(|(ci, role)| Role {
                committee: Link::new(
                    ed.committees()[*ci].name.clone(),
                    ed.committees()[*ci].url.clone(),
                ),
                role: role.clone().unwrap_or_else(|| "Member".into()),
            })
            .collect(),
        figures: super::attendance::member_tables(ed, i),
        period: super::attendance::period(ed.config().municipal_year_start),
        figures_url: super::attendance::PAGE_URL,
        attendance: attendance
            .into_iter()
            .map(|(mi, p)| Record {
                meeting: Link::new(
                    ed.meeting_title(&ed.meetings()[*mi]),
                    ed.meetings()[*mi].url.clone(),
                ),
                presence: match p {
                    Presence::Present => "Present",
                    Presence::Apologies => "Apologies",
                    Presence::Absent => "Absent",
                    Presence::Substitute => "Present as substitute",
                },
            })
            .collect(),
    };
    PageJob {
        url: m.url.clone(),
        template: "member.html",
        title: m.name.clone(),
        crumbs: vec![home_crumb(), Link::new("Councillors", "/members/")],
        marking: None,
        data: super::data(&data),
    }
}

fn members_index(ed: &Edition) -> PageJob {
    #[derive(Serialize)]
    struct Row {
        name: String,
        url: String,
        party: Option<String>,
        division: Option<String>,
    }
    #[derive(Serialize)]
    struct Members {
        members: Vec<Row>,
        attendance_url: &'static str,
    }
    let mut rows: Vec<Row> = ed
        .members()
        .iter()
        .map(|m| Row {
            name: m.name.clone(),
            url: m.url.clone(),
            party: m.party.clone(),
            division: m.division.clone(),
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    PageJob {
        url: "/members/".into(),
        template: "members.html",
        title: "Councillors".into(),
        crumbs: vec![home_crumb()],
        marking: None,
        data: super::data(&Members {
            members: rows,
            attendance_url: super::attendance::PAGE_URL,
        }),
    }
}

fn free_page(ed: &Edition, p: &crate::redact::PageView) -> PageJob {
    #[derive(Serialize)]
    struct Free<'a> {
        body: String,
        summary: Option<&'a str>,
    }
    let body = body::render(&p.body, Kind::Other, &Links::new(ed.urls()));
    PageJob {
        url: p.url.clone(),
        template: "page.html",
        title: p.title.clone(),
        crumbs: vec![home_crumb()],
        marking: None,
        data: super::data(&Free {
            body,
            summary: p.summary.as_deref(),
        }),
    }
}

fn accessibility(ed: &Edition) -> PageJob {
    #[derive(Serialize)]
    struct Statement<'a> {
        contact: Option<&'a str>,
        phone: Option<&'a str>,
        prepared: String,
    }
    PageJob {
        url: "/accessibility/".into(),
        template: "accessibility.html",
        title: "Accessibility statement".into(),
        crumbs: vec![home_crumb()],
        marking: None,
        data: super::data(&Statement {
            contact: ed.config().accessibility_contact.as_deref(),
            phone: ed.config().phone.as_deref(),
            prepared: short_date(ed.as_of()),
        }),
    }
}

/// The address of the site's redaction record.
pub const REDACTIONS_URL: &str = "/redactions/";

/// The redaction record, in words, for every published agenda.
fn redactions(ed: &Edition) -> PageJob {
    #[derive(Serialize)]
    struct Withheld<'a> {
        entries: Vec<super::record::Entry<'a>>,
        /// The same record as a file, for those who work with data.
        file: String,
    }
    let entries = super::record::entries(ed, None);
    PageJob {
        url: REDACTIONS_URL.into(),
        template: "redactions.html",
        title: "Information withheld from the public".into(),
        crumbs: vec![home_crumb()],
        marking: None,
        data: super::data(&Withheld {
            entries,
            file: format!("/{}", super::record::SITE_FILE),
        }),
    }
}

fn search() -> PageJob {
    PageJob {
        url: "/search/".into(),
        template: "search.html",
        title: "Search committee papers".into(),
        crumbs: vec![home_crumb()],
        marking: None,
        data: tera::Value::none(),
    }
}

fn not_found() -> PageJob {
    PageJob {
        url: "/404.html".into(),
        template: "404.html",
        title: "Page not found".into(),
        crumbs: vec![],
        marking: None,
        data: tera::Value::none(),
    }
}
