//! The forward plan and its notices, as one audience may see them.
//!
//! The rules, for the public edition on the build date `as_of`:
//! - an entry is public from its `first_published` day; its history shows the changes
//!   made by then; it is "decided" once a meeting that takes it has been held, and
//!   "withdrawn" from its `withdrawn: on` day;
//! - a private entry's matter, paragraphs and reason are public, as regulation 9 and
//!   regulation 5(3) require; nothing of the exempt report is: the view holds only what
//!   the officer wrote in the plan, and the items that take the decision are named by the
//!   edition's own (already redacted) item views;
//! - a general exception or special urgency notice is public from its day, once the
//!   agenda of its meeting is, because it names the item as the agenda does;
//! - a private meeting notice is public from the day of its first notice.
//!
//! The members' edition sees every entry, history and notice, whatever the date.

use time::Date;

use super::{Audience, Edition, ItemView, Paragraph};
use crate::model::Library;
use crate::model::forward_plan::{Change, Entry, KeyDecision, Officer, Withdrawn, slug_of};

/// The address of the current forward plan.
pub const PLAN_URL: &str = "/forward-plan/";
/// The address of past entries: decided or withdrawn.
pub const PAST_URL: &str = "/forward-plan/past/";
/// The address of the list of notices.
pub const NOTICES_URL: &str = "/notices/";
/// The address of the regulation 19 list of special urgency decisions.
pub const SPECIAL_URGENCY_URL: &str = "/notices/special-urgency/";

/// The address of one entry.
pub fn entry_url(slug: &str) -> String {
    format!("{PLAN_URL}{slug}/")
}

/// The address of one notice.
pub fn notice_url(slug: &str) -> String {
    format!("{NOTICES_URL}{slug}/")
}

/// The forward plan and the notices an audience may see.
#[derive(Debug, Default)]
pub struct PlanView {
    /// By expected date, then reference.
    pub entries: Vec<EntryView>,
    /// By date of publication, then address.
    pub notices: Vec<NoticeView>,
}

impl PlanView {
    /// The entry with this reference, if the audience sees it.
    pub fn entry(&self, reference: &str) -> Option<&EntryView> {
        self.entries
            .iter()
            .find(|e| e.reference.eq_ignore_ascii_case(reference))
    }
}

/// Where an entry stands on the build date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryState {
    /// In the current plan.
    Current,
    /// Taken at a meeting held on this day.
    Decided(Date),
    Withdrawn(Date),
}

#[derive(Debug, Clone)]
pub struct EntryView {
    pub reference: String,
    pub slug: String,
    pub url: String,
    pub matter: String,
    pub summary: Option<String>,
    pub decision_maker: DecisionMaker,
    pub expected: Date,
    pub documents: Vec<String>,
    pub how_to_get: Option<String>,
    pub representations: Option<String>,
    pub representations_by: Option<Date>,
    pub lead_officer: Option<Officer>,
    pub first_published: Date,
    pub private: Option<PrivateView>,
    /// The changes made by the build date, oldest first.
    pub history: Vec<Change>,
    pub withdrawn: Option<Withdrawn>,
    pub state: EntryState,
    /// The agenda items that take (or will take) the decision, as the audience sees them.
    pub taken: Vec<Taken>,
}

/// Who takes the decision: a committee (with its members, as regulation 9(1)(c) asks), or
/// a post or person as written.
#[derive(Debug, Clone)]
pub struct DecisionMaker {
    pub name: String,
    pub url: Option<String>,
    pub members: Vec<String>,
}

/// An entry to be taken in private: the paragraphs and the public reason.
#[derive(Debug, Clone)]
pub struct PrivateView {
    pub paragraphs: Vec<Paragraph>,
    /// "Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A ..."
    pub notice: String,
    pub reason: String,
}

/// An agenda item that takes a key decision.
#[derive(Debug, Clone)]
pub struct Taken {
    /// Index into [`Edition::meetings`].
    pub meeting: usize,
    pub item: String,
    pub title: String,
    pub date: Date,
    /// "general exception" or "special urgency", when the item took that route.
    pub route: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// Regulation 10.
    GeneralException,
    /// Regulation 11.
    SpecialUrgency,
    /// Regulation 5.
    PrivateMeeting,
}

impl NoticeKind {
    pub fn label(self) -> &'static str {
        match self {
            NoticeKind::GeneralException => "General exception notice",
            NoticeKind::SpecialUrgency => "Special urgency notice",
            NoticeKind::PrivateMeeting => "Notice of a meeting to be held partly in private",
        }
    }

    pub fn regulation(self) -> &'static str {
        match self {
            NoticeKind::GeneralException => "regulation 10",
            NoticeKind::SpecialUrgency => "regulation 11",
            NoticeKind::PrivateMeeting => "regulation 5",
        }
    }
}

/// A published notice of a key decision taken by an exception route, or of a meeting to
/// be held partly in private.
#[derive(Debug, Clone)]
pub struct NoticeView {
    pub slug: String,
    pub url: String,
    pub kind: NoticeKind,
    /// The day the notice went out (for a private meeting, the first notice).
    pub published: Date,
    /// Index into [`Edition::meetings`].
    pub meeting: usize,
    /// The items concerned: (number, title as the audience sees it).
    pub items: Vec<(String, String)>,
    /// The reference of the forward plan entry, if the audience sees it.
    pub entry: Option<String>,
    /// What the notice is about: the entry's matter, else the item's title.
    pub matter: String,
    pub reasons: Option<String>,
    /// General exception: the scrutiny chair told.
    pub scrutiny_chair: Option<String>,
    /// Special urgency (and an urgent private meeting): who agreed, as what, and when.
    pub agreed_by: Option<String>,
    pub agreed_as: Option<String>,
    pub agreed_on: Option<Date>,
    /// Private meeting: the further notice, representations and the response.
    pub final_notice: Option<Date>,
    pub representations: Option<String>,
    pub response: Option<String>,
    /// Private meeting: the Schedule 12A paragraphs of the items taken in private.
    pub paragraphs: Vec<Paragraph>,
}

/// The forward plan as the edition's audience sees it. Reads the edition's own meetings
/// and items for everything about the agenda, so nothing exempt can come in here.
pub(super) fn view(lib: &Library, ed: &Edition) -> PlanView {
    let as_of = ed.as_of();
    let members = ed.audience() == Audience::Confidential;
    let sees = |day: Date| members || day <= as_of;
    let mut entries: Vec<EntryView> = lib
        .forward_plan
        .entries
        .iter()
        .filter(|e| sees(e.first_published))
        .map(|e| entry(lib, ed, e, &sees))
        .collect();
    entries.sort_by(|a, b| (a.expected, &a.reference).cmp(&(b.expected, &b.reference)));
    let mut notices = route_notices(ed, &entries, &sees);
    notices.extend(private_notices(lib, ed, &sees));
    notices.sort_by(|a, b| (a.published, &a.url).cmp(&(b.published, &b.url)));
    PlanView { entries, notices }
}

fn paragraphs(ed: &Edition, numbers: &[u32]) -> Vec<Paragraph> {
    numbers
        .iter()
        .map(|&p| Paragraph {
            number: p,
            category: ed
                .config()
                .jurisdiction
                .category(p)
                .unwrap_or("")
                .to_string(),
        })
        .collect()
}

fn entry(lib: &Library, ed: &Edition, e: &Entry, sees: &dyn Fn(Date) -> bool) -> EntryView {
    let as_of = ed.as_of();
    let decision_maker = match ed.committees().iter().find(|c| c.slug == e.decision_maker) {
        Some(c) => DecisionMaker {
            name: c.name.clone(),
            url: Some(c.url.clone()),
            members: c
                .members_on(e.expected)
                .map(|m| ed.member_name(&m.member))
                .collect(),
        },
        None => DecisionMaker {
            name: e.decision_maker.clone(),
            url: None,
            members: Vec::new(),
        },
    };
    // Decided once a meeting that takes it has been held: the meeting's date is public.
    let decided = lib
        .committees
        .iter()
        .flat_map(|c| &c.meetings)
        .filter(|m| m.status != crate::model::Status::Cancelled && m.date <= as_of)
        .filter(|m| {
            let mut items = Vec::new();
            crate::model::forward_plan::flatten(&m.items, &mut items);
            items
                .iter()
                .any(|i| names(i.key_decision.as_ref(), &e.reference))
        })
        .map(|m| m.date)
        .min();
    let withdrawn = e.withdrawn.clone().filter(|w| sees(w.on));
    let state = match (&withdrawn, decided) {
        (Some(w), _) if w.on <= as_of => EntryState::Withdrawn(w.on),
        (_, Some(d)) => EntryState::Decided(d),
        _ => EntryState::Current,
    };
    let mut taken = Vec::new();
    for (mi, m) in ed.meetings().iter().enumerate() {
        let mut items = Vec::new();
        flatten(&m.items, &mut items);
        for i in items {
            if names(i.key_decision.as_ref(), &e.reference) {
                taken.push(Taken {
                    meeting: mi,
                    item: i.number.clone(),
                    title: i.title.clone(),
                    date: m.date,
                    route: i.key_decision.as_ref().and_then(route),
                });
            }
        }
    }
    taken.sort_by_key(|t| t.date);
    EntryView {
        reference: e.reference.clone(),
        slug: e.slug.clone(),
        url: entry_url(&e.slug),
        matter: e.matter.clone(),
        summary: e.summary.clone(),
        decision_maker,
        expected: e.expected,
        documents: e.documents.clone(),
        how_to_get: e.how_to_get.clone(),
        representations: e.representations.clone(),
        representations_by: e.representations_by,
        lead_officer: e.lead_officer.clone(),
        first_published: e.first_published,
        private: e.private.as_ref().map(|p| PrivateView {
            paragraphs: paragraphs(ed, &p.paragraphs),
            notice: crate::schedule12a::notice_text(ed.config().jurisdiction, &p.paragraphs),
            reason: p.reason.clone(),
        }),
        history: e.history.iter().filter(|c| sees(c.date)).cloned().collect(),
        withdrawn,
        state,
        taken,
    }
}

/// Whether a key decision names this entry.
fn names(kd: Option<&KeyDecision>, reference: &str) -> bool {
    kd.and_then(|k| k.plan.as_deref())
        .is_some_and(|p| p.eq_ignore_ascii_case(reference))
}

/// The exception route a key decision took, in words.
fn route(kd: &KeyDecision) -> Option<&'static str> {
    if kd.special_urgency.is_some() {
        Some("special urgency")
    } else if kd.general_exception.is_some() {
        Some("general exception")
    } else {
        None
    }
}

fn flatten<'a>(items: &'a [ItemView], out: &mut Vec<&'a ItemView>) {
    for i in items {
        out.push(i);
        flatten(&i.items, out);
    }
}

/// The address part naming a meeting's item: `cabinet-2021-10-13-item-6`.
fn item_slug(ed: &Edition, mi: usize, item: &str) -> String {
    let m = &ed.meetings()[mi];
    format!(
        "{}-{}-item-{}",
        ed.committees()[m.committee].slug,
        m.slug,
        slug_of(item)
    )
}

/// General exception and special urgency notices, read from the edition's items.
fn route_notices(
    ed: &Edition,
    entries: &[EntryView],
    sees: &dyn Fn(Date) -> bool,
) -> Vec<NoticeView> {
    let mut out = Vec::new();
    for (mi, m) in ed.meetings().iter().enumerate() {
        let mut items = Vec::new();
        flatten(&m.items, &mut items);
        for i in items {
            let Some(kd) = &i.key_decision else { continue };
            let entry = kd
                .plan
                .as_deref()
                .and_then(|r| entries.iter().find(|e| e.reference.eq_ignore_ascii_case(r)));
            let matter = entry
                .map(|e| e.matter.clone())
                .unwrap_or_else(|| i.title.clone());
            let base = NoticeView {
                slug: String::new(),
                url: String::new(),
                kind: NoticeKind::GeneralException,
                published: m.date,
                meeting: mi,
                items: vec![(i.number.clone(), i.title.clone())],
                entry: entry.map(|e| e.reference.clone()),
                matter,
                reasons: None,
                scrutiny_chair: None,
                agreed_by: None,
                agreed_as: None,
                agreed_on: None,
                final_notice: None,
                representations: None,
                response: None,
                paragraphs: Vec::new(),
            };
            if let Some(su) = &kd.special_urgency {
                // The notice of reasons goes out as soon as reasonably practicable after
                // the agreement: its own day when recorded, else the day of the agreement.
                if let Some(day) = su.notice_published.or(su.agreed_on).filter(|d| sees(*d)) {
                    let slug = format!("{}-special-urgency", item_slug(ed, mi, &i.number));
                    out.push(NoticeView {
                        url: notice_url(&slug),
                        slug,
                        kind: NoticeKind::SpecialUrgency,
                        published: day,
                        reasons: su.reasons.clone(),
                        agreed_by: su.agreed_by.clone(),
                        agreed_as: su.agreed_as.clone(),
                        agreed_on: su.agreed_on,
                        ..base.clone()
                    });
                }
            } else if let Some(ge) = &kd.general_exception
                && let Some(day) = ge.notice_published.filter(|d| sees(*d))
            {
                let slug = format!("{}-general-exception", item_slug(ed, mi, &i.number));
                out.push(NoticeView {
                    url: notice_url(&slug),
                    slug,
                    kind: NoticeKind::GeneralException,
                    published: day,
                    reasons: ge.reasons.clone(),
                    scrutiny_chair: ge.scrutiny_chair.clone(),
                    ..base
                });
            }
        }
    }
    out
}

/// Notices of meetings to be held partly in private (regulation 5).
fn private_notices(lib: &Library, ed: &Edition, sees: &dyn Fn(Date) -> bool) -> Vec<NoticeView> {
    let mut out = Vec::new();
    for c in &lib.committees {
        for m in &c.meetings {
            let Some(n) = &m.private_notice else { continue };
            let Some(day) = n.first.or(n.final_notice).or(n
                .urgency
                .as_ref()
                .and_then(|u| u.notice_published.or(u.agreed_on)))
            else {
                continue;
            };
            if !sees(day) {
                continue;
            }
            let Some(mi) = ed
                .meetings()
                .iter()
                .position(|v| v.slug == m.slug && ed.committees()[v.committee].slug == c.slug)
            else {
                continue;
            };
            let v = &ed.meetings()[mi];
            // The items taken in private, as the edition shows them (none until the agenda
            // is out), with the paragraphs of their notices.
            let mut items = Vec::new();
            flatten(&v.items, &mut items);
            let exempt: Vec<&ItemView> = items.into_iter().filter(|i| i.notice.is_some()).collect();
            let mut numbers: Vec<u32> = exempt
                .iter()
                .flat_map(|i| {
                    i.notice
                        .iter()
                        .flat_map(|n| n.paragraphs.iter().map(|p| p.number))
                })
                .collect();
            numbers.sort_unstable();
            numbers.dedup();
            let slug = format!("{}-{}-private-meeting", c.slug, m.slug);
            let urgency = n.urgency.as_ref();
            out.push(NoticeView {
                url: notice_url(&slug),
                slug,
                kind: NoticeKind::PrivateMeeting,
                published: day,
                meeting: mi,
                items: exempt
                    .iter()
                    .map(|i| (i.number.clone(), i.title.clone()))
                    .collect(),
                entry: None,
                matter: ed.meeting_title(v),
                reasons: n
                    .reasons
                    .clone()
                    .or_else(|| urgency.and_then(|u| u.reasons.clone())),
                scrutiny_chair: None,
                agreed_by: urgency.and_then(|u| u.agreed_by.clone()),
                agreed_as: urgency.and_then(|u| u.agreed_as.clone()),
                agreed_on: urgency.and_then(|u| u.agreed_on),
                // The further notice is public from its own day.
                final_notice: n.final_notice.filter(|d| sees(*d)),
                representations: n
                    .representations
                    .clone()
                    .filter(|_| n.final_notice.is_some_and(sees)),
                response: n
                    .response
                    .clone()
                    .filter(|_| n.final_notice.is_some_and(sees)),
                paragraphs: paragraphs(ed, &numbers),
            });
        }
    }
    out
}
