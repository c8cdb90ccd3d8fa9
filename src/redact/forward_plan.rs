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
//!   agenda of its meeting is, because it names the item as the agenda does; an officer's
//!   decision's notice is public from its day (it goes out before the decision), and
//!   names the decision as its record does, by the title and address the record's own
//!   rules give it;
//! - a private meeting notice is public from the day of its first notice.
//!
//! The members' edition sees every entry, history and notice, whatever the date.

use time::Date;

use super::decisions::{Maker, OfficerKeyDecision};
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

/// Where the notices of officers' decisions are: `/notices/officer-decisions/`, then the
/// decision's file name (`2021-10-20-allowances-general-exception/`), or, while that
/// must not be shown, its day and a number (`2021-10-21/1-special-urgency/`). A file
/// name has no `/`, so the two never meet.
pub const OFFICER_NOTICES_URL: &str = "/notices/officer-decisions/";

/// The start of the addresses of the notices of one officer's decision named `name`
/// (its file name), or of every officer's decision of a day named by the day
/// (`2021-10-21`), whether named by its file or by number.
pub fn officer_notices_start(name: &str) -> String {
    format!("{OFFICER_NOTICES_URL}{name}")
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

/// What takes a key decision, or what a notice concerns: a meeting's items, or an
/// officer's (or individual executive member's) decision.
#[derive(Debug, Clone)]
pub enum Concerns {
    /// Index into [`Edition::meetings`].
    Meeting(usize),
    Officer(ByOfficer),
}

/// An officer's decision, as a notice or the forward plan names it.
#[derive(Debug, Clone)]
pub struct ByOfficer {
    pub maker: Maker,
    /// The day it is (or is to be) taken.
    pub date: Date,
    /// The record's address, once the audience may read it.
    pub record: Option<String>,
}

impl Concerns {
    /// The meeting concerned, if a meeting is.
    pub fn meeting(&self) -> Option<usize> {
        match self {
            Concerns::Meeting(mi) => Some(*mi),
            Concerns::Officer(_) => None,
        }
    }

    fn of_officer(k: &OfficerKeyDecision) -> Concerns {
        Concerns::Officer(ByOfficer {
            maker: k.maker.clone(),
            date: k.date,
            record: k.record.clone(),
        })
    }
}

/// An agenda item, or an officer's decision, that takes a key decision.
#[derive(Debug, Clone)]
pub struct Taken {
    pub by: Concerns,
    /// The item's number; `None` for an officer's decision.
    pub item: Option<String>,
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
    pub on: Concerns,
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
/// and items for everything about the agenda, and officers' key decisions as the
/// edition's records name them, so nothing exempt can come in here.
pub(super) fn view(lib: &Library, ed: &Edition, officers: &[OfficerKeyDecision]) -> PlanView {
    let as_of = ed.as_of();
    let members = ed.audience() == Audience::Confidential;
    let sees = |day: Date| members || day <= as_of;
    let mut entries: Vec<EntryView> = lib
        .forward_plan
        .entries
        .iter()
        .filter(|e| sees(e.first_published))
        .map(|e| entry(lib, ed, officers, e, &sees))
        .collect();
    entries.sort_by(|a, b| (a.expected, &a.reference).cmp(&(b.expected, &b.reference)));
    let mut notices = route_notices(ed, &entries, &sees);
    notices.extend(officer_notices(officers, &entries, &sees));
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

fn entry(
    lib: &Library,
    ed: &Edition,
    officers: &[OfficerKeyDecision],
    e: &Entry,
    sees: &dyn Fn(Date) -> bool,
) -> EntryView {
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
    // Decided once a meeting that takes it has been held (the meeting's date is public),
    // or an officer has taken it (the edition knows of the decision: no draft in public).
    let by_officer = officers
        .iter()
        .filter(|k| k.date <= as_of && names(Some(&k.key_decision), &e.reference))
        .map(|k| k.date);
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
        .chain(by_officer)
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
                    by: Concerns::Meeting(mi),
                    item: Some(i.number.clone()),
                    title: i.title.clone(),
                    date: m.date,
                    route: i.key_decision.as_ref().and_then(KeyDecision::route),
                });
            }
        }
    }
    // An officer's decision is listed once its record is out, as an item is once its
    // agenda is.
    for k in officers.iter().filter(|k| k.record.is_some()) {
        if names(Some(&k.key_decision), &e.reference) {
            taken.push(Taken {
                by: Concerns::of_officer(k),
                item: None,
                title: k.title.clone(),
                date: k.date,
                route: k.key_decision.route(),
            });
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
            let about = About {
                on: Concerns::Meeting(mi),
                items: vec![(i.number.clone(), i.title.clone())],
                title: &i.title,
            };
            let notice = route_notice(kd, about, entries, sees);
            out.extend(notice.map(|n| n.named(&item_slug(ed, mi, &i.number))));
        }
    }
    out
}

/// General exception and special urgency notices of officers' decisions, under
/// [`OFFICER_NOTICES_URL`]. A decision whose file's name must not be shown (withheld, or
/// a public title standing in for its title) is named by its day and a number, as its
/// record is. A day's notices are counted in the order they went out, and a numbered
/// one takes its place in that count: none is kept for a notice not yet out (which
/// would tell of it), and one, once public, goes on naming the same decision as later
/// notices come out and exemptions lapse.
fn officer_notices(
    officers: &[OfficerKeyDecision],
    entries: &[EntryView],
    sees: &dyn Fn(Date) -> bool,
) -> Vec<NoticeView> {
    let mut out: Vec<(&OfficerKeyDecision, NoticeView)> = officers
        .iter()
        .filter_map(|k| {
            let about = About {
                on: Concerns::of_officer(k),
                items: Vec::new(),
                title: &k.title,
            };
            route_notice(&k.key_decision, about, entries, sees).map(|n| (k, n))
        })
        .collect();
    // Stable: notices out the same day keep the order of their files.
    out.sort_by_key(|(k, n)| (k.date, n.published));
    let mut out_on: std::collections::HashMap<Date, usize> = Default::default();
    out.into_iter()
        .map(|(k, n)| {
            // Every notice out counts, named or not, so one whose decision's exemption
            // lapses (and which moves to its named address) moves no other.
            let count = out_on.entry(k.date).or_insert(0);
            *count += 1;
            let name = match &k.name {
                Some(name) => name.clone(),
                None => format!("{}/{count}", crate::text::iso_date(k.date)),
            };
            let start = officer_notices_start(&name);
            n.named(start.trim_start_matches(NOTICES_URL))
        })
        .collect()
}

/// What a route notice is about: what it concerns, and the title the audience knows it
/// by.
struct About<'a> {
    on: Concerns,
    items: Vec<(String, String)>,
    title: &'a str,
}

impl NoticeView {
    /// The notice with its address: `name` and the route (`…-general-exception`).
    fn named(self, name: &str) -> NoticeView {
        let route = match self.kind {
            NoticeKind::GeneralException => "general-exception",
            NoticeKind::SpecialUrgency => "special-urgency",
            NoticeKind::PrivateMeeting => "private-meeting",
        };
        let slug = format!("{name}-{route}");
        NoticeView {
            url: notice_url(&slug),
            slug,
            ..self
        }
    }
}

/// The notice of the exception route a key decision took, once the audience may read it
/// (special urgency when both are written, as the model's checks read it), without its
/// address (see [`NoticeView::named`]).
fn route_notice(
    kd: &KeyDecision,
    about: About<'_>,
    entries: &[EntryView],
    sees: &dyn Fn(Date) -> bool,
) -> Option<NoticeView> {
    let entry = kd
        .plan
        .as_deref()
        .and_then(|r| entries.iter().find(|e| e.reference.eq_ignore_ascii_case(r)));
    let day = kd.notice_day().filter(|d| sees(*d))?;
    let base = NoticeView {
        slug: String::new(),
        url: String::new(),
        kind: NoticeKind::GeneralException,
        published: day,
        on: about.on,
        items: about.items,
        entry: entry.map(|e| e.reference.clone()),
        // What the notice is about: the entry's matter, else the title.
        matter: entry.map_or_else(|| about.title.to_string(), |e| e.matter.clone()),
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
    match (&kd.special_urgency, &kd.general_exception) {
        (Some(su), _) => Some(NoticeView {
            kind: NoticeKind::SpecialUrgency,
            reasons: su.reasons.clone(),
            agreed_by: su.agreed_by.clone(),
            agreed_as: su.agreed_as.clone(),
            agreed_on: su.agreed_on,
            ..base
        }),
        (None, Some(ge)) => Some(NoticeView {
            reasons: ge.reasons.clone(),
            scrutiny_chair: ge.scrutiny_chair.clone(),
            ..base
        }),
        (None, None) => None,
    }
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
            let urgency = n.urgency.as_ref();
            let notice = NoticeView {
                url: String::new(),
                slug: String::new(),
                kind: NoticeKind::PrivateMeeting,
                published: day,
                on: Concerns::Meeting(mi),
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
            };
            out.push(notice.named(&format!("{}-{}", c.slug, m.slug)));
        }
    }
    out
}
