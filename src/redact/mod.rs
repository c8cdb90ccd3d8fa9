//! Redact: the one place that decides what an audience may see.
//!
//! [`edition`] is the only constructor of an [`Edition`]. Every renderer (HTML pages, PDF
//! packs, search index, feeds) takes an `&Edition` and nothing else, so nothing downstream
//! can reach exempt, draft or unpublished text: for the public, the view does not contain it.
//!
//! The rules, for the public edition on the build date `as_of`. Each rule can only
//! withhold; a document is public only when every rule that could withhold it allows it:
//! - a meeting whose `agenda_published` is absent or after `as_of` shows its date, time,
//!   venue and status only: no items, no documents, no minutes, no attendance;
//! - a document whose own meeting (the folder it lives in) has not published its papers
//!   stays unpublished, whichever other meeting lists it;
//! - an item whose exemption is in force keeps its number and public title and becomes a
//!   notice; its body, documents, sub-items and reason are dropped;
//! - a document is exempt if its own exemption is in force, or if *any* item anywhere on
//!   the site that lists it is exempt (the most restrictive listing wins); it then appears
//!   as a notice in public items and has no page, file or pack page of its own;
//! - a withheld document is named by its own `public_title`, or else by the public title
//!   of the exempt item that withholds it, never by a title nobody declared public;
//! - a `public_title`, wherever written, is what the public sees, unless the exemption
//!   written beside it has lapsed;
//! - a draft document leaves no trace at all;
//! - files (images, PDF appendices) are copied only when a visible document uses them;
//! - the rest of a meeting's record ([`record`]): an item or paper published after the
//!   agenda is out only from its own day; minutes not yet approved are out only if the
//!   site publishes drafts; the minute of an exempt item becomes its notice and public
//!   summary; exempt background papers and the reason for urgency of an exempt item are
//!   dropped;
//! - decisions ([`decisions`]) are read from the minutes as this edition shows them, so
//!   they hold only resolutions the audience may read; the regulation 12 record of an
//!   exempt item's decision, and an exempt officer's decision, show only what is public.
//!
//! The members' (confidential) edition keeps everything, with each exempt item and
//! document carrying its [`Notice`] so that renderers mark it NOT FOR PUBLICATION.

#[cfg(test)]
mod tests;
mod views;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;

use crate::layout;
use crate::model::schedule12a::{Jurisdiction, notice_text};
use crate::model::{Body, DocId, Exemption, Item, Library};
pub use views::*;

mod record;

// Decisions: a record for every resolution the audience's minutes hold, and officers'.
mod decisions;
pub use decisions::{DecisionView, FactsView, Maker, OFFICERS_URL, REGISTER_URL};

// The forward plan and the notices of SI 2012/2089, as the audience may see them.
mod forward_plan;
pub use forward_plan::{
    ByOfficer, Concerns, DecisionMaker, EntryState, EntryView, NOTICES_URL, NoticeKind, NoticeView,
    PAST_URL, PLAN_URL, PlanView, PrivateView, SPECIAL_URGENCY_URL, Taken, entry_url, notice_url,
    officer_notices_start,
};

/// Who an edition is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Public,
    /// Members and officers: exempt matter included and marked.
    Confidential,
}

/// Builds the edition of the library for one audience on the build date.
pub fn edition(lib: &Library, audience: Audience, as_of: time::Date) -> Edition {
    let rules = Rules::new(lib, audience, as_of);
    let mut ed = Edition::empty(lib.config.clone(), audience, as_of);
    let doc_index = rules.documents(lib, &mut ed);
    rules.committees_and_meetings(lib, &doc_index, &mut ed);
    rules.members(lib, &mut ed);
    rules.pages(lib, &mut ed);
    let (decisions, officer_keys) = rules.decisions(lib, &ed);
    ed.decisions = decisions;
    ed.forward_plan = forward_plan::view(lib, &ed, &officer_keys);
    for (i, d) in ed.decisions.iter().enumerate() {
        if let Some(mi) = d.meeting {
            ed.decisions_by_meeting.entry(mi).or_default().push(i);
        }
    }
    ed.collect_assets(lib, &rules.visible, &rules.item_files.borrow());
    ed
}

/// What the redaction rules decided, document by document.
struct Rules {
    audience: Audience,
    as_of: time::Date,
    jurisdiction: Jurisdiction,
    /// Documents withheld by an exempt item that lists them, with that item's exemption.
    withheld_by_item: BTreeMap<DocId, Exemption>,
    /// The public title of the first exempt item withholding each document: the name a
    /// withheld document takes when it has no `public_title` of its own.
    withheld_title: BTreeMap<DocId, String>,
    /// Meetings, by committee and folder, whose papers the audience sees.
    published: HashSet<(String, String)>,
    /// Documents the audience sees, with a page (or file) of their own.
    visible: BTreeSet<DocId>,
    /// Files shown or linked by the bodies of items the audience sees.
    item_files: std::cell::RefCell<BTreeSet<PathBuf>>,
    /// Each meeting's own minutes: document → (committee, meeting) in the library.
    minutes_of: std::collections::HashMap<DocId, (usize, usize)>,
}

impl Rules {
    fn new(lib: &Library, audience: Audience, as_of: time::Date) -> Self {
        let mut rules = Rules {
            audience,
            as_of,
            jurisdiction: lib.config.jurisdiction,
            withheld_by_item: BTreeMap::new(),
            withheld_title: BTreeMap::new(),
            published: HashSet::new(),
            visible: BTreeSet::new(),
            item_files: Default::default(),
            minutes_of: Default::default(),
        };
        // Minutes that minute exempt items, with the meeting they record.
        let mut meetings = std::collections::HashMap::new();
        for (ci, c) in lib.committees.iter().enumerate() {
            for (mi, m) in c.meetings.iter().enumerate() {
                meetings.insert((c.slug.as_str(), m.slug.as_str()), (ci, mi));
            }
        }
        for doc in lib
            .documents
            .iter()
            .filter(|d| !d.exempt_sections.is_empty() || !d.retitled_sections.is_empty())
        {
            if let Some(&at) = meetings.get(&(doc.committee.as_str(), doc.meeting.as_str())) {
                rules.minutes_of.insert(doc.id, at);
            }
        }
        for c in &lib.committees {
            for m in &c.meetings {
                // An item's title names a document only where the audience sees the item.
                let named = rules.papers_visible(m);
                for item in &m.items {
                    rules.mark_withheld(item, None, named);
                }
                if named {
                    rules.published.insert((c.slug.clone(), m.slug.clone()));
                }
            }
        }
        for c in &lib.committees {
            for m in &c.meetings {
                if !rules.papers_visible(m) {
                    continue;
                }
                for item in &m.items {
                    rules.mark_visible(lib, item);
                }
                if let Some(min) = m.minutes {
                    rules.consider(lib, min);
                }
            }
        }
        rules
    }

    /// Whether the audience sees a meeting's papers.
    fn papers_visible(&self, m: &crate::model::Meeting) -> bool {
        self.audience == Audience::Confidential
            || m.agenda_published.is_some_and(|p| p <= self.as_of)
    }

    fn in_force<'a>(&self, e: Option<&'a Exemption>) -> Option<&'a Exemption> {
        e.filter(|e| e.in_force(self.as_of))
    }

    /// Records every document under an exempt item (or an exempt ancestor), with the
    /// exemption and the name the public knows the withholding item by: the outermost
    /// exempt item's `public_title` or title, because the public agenda shows that item as
    /// a notice and nothing inside it.
    fn mark_withheld(&mut self, item: &Item, inherited: Option<(&Exemption, &str)>, named: bool) {
        let own = self.in_force(item.exempt.as_ref());
        let ex = Exemption::merge_opt(own, inherited.map(|(e, _)| e));
        let name = match inherited {
            Some((_, name)) => name.to_string(),
            None => item
                .public_title
                .clone()
                .unwrap_or_else(|| item.title.clone()),
        };
        if let Some(ex) = &ex {
            for &d in &item.documents {
                let merged = match self.withheld_by_item.get(&d) {
                    Some(earlier) => earlier.merge(ex),
                    None => ex.clone(),
                };
                self.withheld_by_item.insert(d, merged);
                if named {
                    self.withheld_title.entry(d).or_insert_with(|| name.clone());
                }
            }
        }
        for sub in &item.items {
            self.mark_withheld(sub, ex.as_ref().map(|e| (e, name.as_str())), named);
        }
    }

    fn mark_visible(&mut self, lib: &Library, item: &Item) {
        if self.audience == Audience::Public && self.in_force(item.exempt.as_ref()).is_some() {
            return;
        }
        if !self.item_out(item) {
            return;
        }
        for &d in &item.documents {
            self.consider(lib, d);
        }
        for sub in &item.items {
            self.mark_visible(lib, sub);
        }
    }

    fn consider(&mut self, lib: &Library, d: DocId) {
        if self.audience == Audience::Confidential || self.public_may_see(lib, d) {
            self.visible.insert(d);
        }
    }

    fn public_may_see(&self, lib: &Library, d: DocId) -> bool {
        let doc = &lib.documents[d];
        !doc.draft
            && self.exemption_of(lib, d).is_none()
            && self.home_published(doc)
            && self.document_out(lib, doc)
    }

    /// Whether the meeting whose folder holds the document has published its papers. A
    /// document outside any meeting folder has no date of its own: the listing decides.
    fn home_published(&self, doc: &crate::model::Document) -> bool {
        match layout::home_meeting(&doc.key) {
            Some(home) => self.published.contains(&home),
            None => true,
        }
    }

    /// The title of an item as the audience sees it: for the public, `public_title`
    /// whenever the officer wrote one, unless the exemption beside it has lapsed.
    fn item_title(&self, item: &Item) -> String {
        match &item.public_title {
            Some(p)
                if self.audience == Audience::Public
                    && !lapsed(item.exempt.as_ref(), self.as_of) =>
            {
                p.clone()
            }
            _ => item.title.clone(),
        }
    }

    /// The title of a document shown in full, by the same rule as items.
    fn document_title(&self, doc: &crate::model::Document) -> String {
        match &self.public_title_of(doc) {
            Some(p)
                if self.audience == Audience::Public
                    && !lapsed(doc.exempt.as_ref(), self.as_of) =>
            {
                p.clone()
            }
            _ => self
                .own_title(doc)
                .unwrap_or_else(|| RESTRICTED_DOCUMENT.to_string()),
        }
    }

    /// The name of a withheld document in a public item: its own public title, else the
    /// public title of the exempt item withholding it, else "Restricted document" if any
    /// exempt item withholds it; its real title only when nothing but its own exemption
    /// withholds it (the officer listed it, titled, in a public item).
    fn withheld_document_title(&self, doc: &crate::model::Document) -> String {
        if let Some(p) = self.public_title_of(doc) {
            return p;
        }
        if let Some(name) = self.withheld_title.get(&doc.id) {
            return name.clone();
        }
        // An exempt item withholds it, but not one the audience sees: that item's title is
        // not public, and the document's own title was never declared public.
        if self.withheld_by_item.contains_key(&doc.id) {
            return RESTRICTED_DOCUMENT.to_string();
        }
        self.own_title(doc)
            .unwrap_or_else(|| RESTRICTED_DOCUMENT.to_string())
    }

    /// A document's own title, as far as the audience may read it: a Markdown document's
    /// front matter, or the title a PDF appendix has in the first listing the audience
    /// sees (a listing in an unpublished agenda is as unpublished as the agenda).
    fn own_title(&self, doc: &crate::model::Document) -> Option<String> {
        if doc.listings.is_empty() || self.audience == Audience::Confidential {
            return Some(doc.title.clone());
        }
        self.published_listings(doc).next().map(|l| l.title.clone())
    }

    /// A document's `public_title`, as far as the audience may read it. A PDF's comes from
    /// a listing in an agenda the audience sees, like its title; while the only one is in
    /// an agenda not yet published, the document is "Restricted document", because a
    /// `public_title` written anywhere says its real title must not be shown.
    fn public_title_of(&self, doc: &crate::model::Document) -> Option<String> {
        if doc.listings.is_empty() || self.audience == Audience::Confidential {
            return doc.public_title.clone();
        }
        let published = self
            .published_listings(doc)
            .find_map(|l| l.public_title.clone());
        published.or_else(|| {
            doc.public_title
                .as_ref()
                .map(|_| RESTRICTED_DOCUMENT.to_string())
        })
    }

    fn published_listings<'d>(
        &self,
        doc: &'d crate::model::Document,
    ) -> impl Iterator<Item = &'d crate::model::Listing> {
        doc.listings
            .iter()
            .filter(|l| self.published.contains(&l.meeting))
    }

    /// The exemption in force on a document: its own together with those of every
    /// exempt item listing it, so the notice cites every paragraph that applies.
    fn exemption_of(&self, lib: &Library, d: DocId) -> Option<Exemption> {
        Exemption::merge_opt(
            self.in_force(lib.documents[d].exempt.as_ref()),
            self.withheld_by_item.get(&d),
        )
    }

    /// The public record of an exemption that has lapsed: when the matter was published and
    /// under which paragraphs it had been withheld.
    fn released(&self, e: Option<&Exemption>) -> Option<String> {
        let e = e?;
        let on = e.until.filter(|u| *u <= self.as_of)?;
        let law = notice_text(self.jurisdiction, &e.paragraphs);
        let under = law
            .strip_prefix("Not for publication by virtue of ")
            .unwrap_or(&law);
        Some(format!(
            "Published on {}; previously exempt under {under}.",
            crate::text::short_date(on)
        ))
    }

    fn notice(&self, e: &Exemption) -> Notice {
        Notice {
            paragraphs: e
                .paragraphs
                .iter()
                .map(|&p| Paragraph {
                    number: p,
                    category: self.jurisdiction.category(p).unwrap_or("").to_string(),
                })
                .collect(),
            text: notice_text(self.jurisdiction, &e.paragraphs),
            reason: match self.audience {
                Audience::Confidential => e.reason.clone(),
                Audience::Public => None,
            },
            has_statement: e.reason.is_some(),
            until: e.until,
            review: e.review,
        }
    }

    /// Adds the visible documents to the edition; returns library id → edition index.
    fn documents(&self, lib: &Library, ed: &mut Edition) -> BTreeMap<DocId, usize> {
        let mut index = BTreeMap::new();
        ed.documents.reserve_exact(self.visible.len());
        for &d in &self.visible {
            let doc = &lib.documents[d];
            let minutes_of = self
                .minutes_of
                .get(&d)
                .map(|&(ci, mi)| &lib.committees[ci].meetings[mi]);
            let body = match &doc.body {
                Body::Markdown { tree, .. } => DocBody::Markdown(match minutes_of {
                    Some(m) => std::sync::Arc::new(self.minutes_body(tree, doc, m)),
                    None => std::sync::Arc::clone(tree),
                }),
                Body::Pdf {
                    path, bytes, pages, ..
                } => DocBody::Pdf {
                    source: FileHandle::new(path.clone()),
                    bytes: *bytes,
                    pages: *pages,
                },
            };
            index.insert(d, ed.documents.len());
            // What a link to this document's source resolves to.
            ed.urls.insert(doc.key.clone(), doc_url(doc));
            ed.documents.push(DocumentView {
                committee_slug: doc.committee.clone(),
                meeting_slug: doc.meeting.clone(),
                slug: doc.slug.clone(),
                url: doc_url(doc),
                title: self.document_title(doc),
                kind: doc.kind,
                report_of: doc.report_of.clone(),
                divisions: doc.divisions.clone(),
                contact: doc.contact.clone(),
                from: doc.from.clone(),
                to: doc.to.clone(),
                date: doc.date,
                signed: doc.signed.clone(),
                draft: doc.draft,
                // Members' minutes that hold an exempt item's full minute are marked.
                marking: match (self.audience, minutes_of) {
                    (Audience::Confidential, Some(m)) => Exemption::merge_opt(
                        self.exemption_of(lib, d).as_ref(),
                        self.minutes_exemption(doc, m).as_ref(),
                    ),
                    _ => self.exemption_of(lib, d),
                }
                .map(|e| self.notice(&e)),
                released: self
                    .released(doc.exempt.as_ref())
                    .filter(|_| self.exemption_of(lib, d).is_none()),
                published: doc.published,
                replaces: None,
                replaced_by: None,
                background: self.background(doc.background.as_ref()),
                approval: None,
                body,
                meeting: usize::MAX,
                committee: usize::MAX,
            });
        }
        index
    }

    fn committees_and_meetings(
        &self,
        lib: &Library,
        docs: &BTreeMap<DocId, usize>,
        ed: &mut Edition,
    ) {
        for (ci, c) in lib.committees.iter().enumerate() {
            let mut meeting_ids = Vec::new();
            for m in &c.meetings {
                let mi = ed.meetings.len();
                meeting_ids.push(mi);
                let visible = self.papers_visible(m);
                let published = m.agenda_published.filter(|p| *p <= self.as_of);
                let papers = match (published, m.agenda_published) {
                    (Some(p), _) => Papers::Published(p),
                    (None, Some(p)) => Papers::NotYet(p),
                    (None, None) => Papers::NotScheduled,
                };
                let items = if visible {
                    m.items
                        .iter()
                        .filter(|i| self.item_out(i))
                        .map(|i| self.item(lib, i, None, docs))
                        .collect()
                } else {
                    Vec::new()
                };
                let supplements = if visible {
                    self.supplements(lib, m, docs)
                } else {
                    Vec::new()
                };
                let minutes = m
                    .minutes
                    .filter(|_| visible)
                    .and_then(|d| docs.get(&d).copied());
                ed.meetings.push(MeetingView {
                    committee: ci,
                    slug: m.slug.clone(),
                    url: layout::meeting_url(&c.slug, &m.slug),
                    date: m.date,
                    time: m.time,
                    venue: m.venue.clone(),
                    status: m.status,
                    papers,
                    attendance: m
                        .attendance
                        .as_ref()
                        .filter(|_| visible)
                        .map(|a| AttendanceView {
                            present: a.present.clone(),
                            apologies: a.apologies.clone(),
                            absent: a.absent.clone(),
                            substitutes: a.substitutes.clone(),
                            officers: a.officers.clone(),
                        }),
                    items,
                    minutes,
                    supplements,
                    approves: Vec::new(),
                });
            }
            ed.committees.push(CommitteeView {
                slug: c.slug.clone(),
                url: layout::committee_url(&c.slug),
                name: c.name.clone(),
                description: c.description.clone(),
                members: c.members.clone(),
                clerk: c.clerk.clone(),
                meetings: meeting_ids,
            });
        }
        ed.link_documents();
        self.link_record(lib, docs, ed);
        ed.record_withheld();
    }

    /// Replacements and approvals point at documents and meetings of the edition.
    fn link_record(&self, lib: &Library, docs: &BTreeMap<DocId, usize>, ed: &mut Edition) {
        let mut meetings = BTreeMap::new();
        for (mi, m) in ed.meetings.iter().enumerate() {
            meetings.insert(
                (ed.committees[m.committee].slug.clone(), m.slug.clone()),
                mi,
            );
        }
        for (&d, &i) in docs {
            let doc = &lib.documents[d];
            if let Some(old) = doc.replaces.and_then(|o| docs.get(&o).copied()) {
                ed.documents[i].replaces = Some(old);
                ed.documents[old].replaced_by = Some((i, doc.published));
            }
            let approval = self.approval(doc, &meetings);
            // A meeting whose papers the audience may not see shows no business at all.
            if let Some(ApprovalView::Approved { at: Some(mi) }) = approval
                && (self.audience == Audience::Confidential
                    || matches!(ed.meetings[mi].papers, Papers::Published(_)))
            {
                ed.meetings[mi].approves.push(i);
            }
            ed.documents[i].approval = approval;
        }
    }

    fn item(
        &self,
        lib: &Library,
        item: &Item,
        inherited: Option<&Exemption>,
        docs: &BTreeMap<DocId, usize>,
    ) -> ItemView {
        let own = Exemption::merge_opt(self.in_force(item.exempt.as_ref()), inherited);
        let ex = own.as_ref();
        let notice = ex.map(|e| self.notice(e));
        if self.audience == Audience::Public && ex.is_some() {
            return ItemView {
                number: item.number.clone(),
                title: self.item_title(item),
                body: None,
                documents: Vec::new(),
                notice,
                released: None,
                // The chair's reason may tell what the exempt item is about: the public
                // learns only that the item was urgent.
                urgent: item.urgent.as_ref().map(|_| String::new()),
                published: item.published,
                // The forward plan names the matter of every key decision in public,
                // private ones included.
                key_decision: item.key_decision.clone(),
                items: Vec::new(),
            };
        }
        self.item_files
            .borrow_mut()
            .extend(item.refs.iter().map(|r| r.target.clone()));
        let documents = item
            .documents
            .iter()
            .filter_map(|&d| match docs.get(&d) {
                Some(&i) => Some(DocSlot::Shown(i)),
                None => self.withheld_slot(lib, d),
            })
            .collect();
        ItemView {
            number: item.number.clone(),
            title: self.item_title(item),
            body: item.body.clone(),
            documents,
            released: self
                .released(item.exempt.as_ref())
                .filter(|_| notice.is_none()),
            notice,
            urgent: item.urgent.clone(),
            published: item.published,
            key_decision: item.key_decision.clone(),
            items: item
                .items
                .iter()
                .filter(|s| self.item_out(s))
                .map(|s| self.item(lib, s, ex, docs))
                .collect(),
        }
    }

    /// A document the public may not see: a notice if exempt, nothing at all if a draft.
    fn withheld_slot(&self, lib: &Library, d: DocId) -> Option<DocSlot> {
        let doc = &lib.documents[d];
        // A draft, or a paper of a meeting whose papers are not out, leaves no trace; so
        // does a paper whose own day has not come, and minutes not yet public.
        if doc.draft || !self.home_published(doc) || !self.document_out(lib, doc) {
            return None;
        }
        let e = self.exemption_of(lib, d)?;
        Some(DocSlot::Withheld {
            title: self.withheld_document_title(doc),
            notice: self.notice(&e),
            published: doc.published,
        })
    }

    fn members(&self, lib: &Library, ed: &mut Edition) {
        let mut index = BTreeMap::new();
        for (slug, m) in &lib.members {
            index.insert(slug.clone(), ed.members.len());
            ed.members.push(MemberView {
                slug: slug.clone(),
                url: layout::member_url(slug),
                name: m.name.clone(),
                party: m.party.clone(),
                division: m.division.clone(),
                roles: Vec::new(),
                attendance: Vec::new(),
            });
        }
        for (ci, c) in ed.committees.iter().enumerate() {
            // A member page lists the seats held now; attendance keeps the past ones.
            for m in c.members_on(self.as_of) {
                if let Some(&i) = index.get(&m.member) {
                    ed.members[i].roles.push((ci, m.role.clone()));
                }
            }
        }
        for (mi, m) in ed.meetings.iter().enumerate() {
            let Some(a) = &m.attendance else { continue };
            let mut record = |slug: &String, how: Presence| {
                if let Some(&i) = index.get(slug) {
                    ed.members[i].attendance.push((mi, how));
                }
            };
            a.present.iter().for_each(|s| record(s, Presence::Present));
            a.apologies
                .iter()
                .for_each(|s| record(s, Presence::Apologies));
            a.absent.iter().for_each(|s| record(s, Presence::Absent));
            a.substitutes
                .iter()
                .for_each(|(s, _)| record(s, Presence::Substitute));
        }
    }

    fn pages(&self, lib: &Library, ed: &mut Edition) {
        for p in &lib.pages {
            ed.urls.insert(p.key.clone(), layout::page_url(&p.slug));
            ed.pages.push(PageView {
                slug: p.slug.clone(),
                url: layout::page_url(&p.slug),
                title: p.title.clone(),
                summary: p.summary.clone(),
                body: p.body.clone(),
            });
        }
    }
}

/// One entry of the redaction record.
fn withheld(
    meeting: usize,
    item: &ItemView,
    kind: &'static str,
    title: &str,
    n: &Notice,
) -> Withheld {
    Withheld {
        meeting,
        item: item.number.clone(),
        kind,
        title: title.to_string(),
        paragraphs: n.paragraphs.clone(),
        until: n.until.map(crate::text::short_date),
        review: n.review.map(crate::text::short_date),
        public_interest_statement: n.has_statement,
    }
}

/// How a withheld document is named when nothing public names it.
const RESTRICTED_DOCUMENT: &str = "Restricted document";

/// Whether an exemption was written and has lapsed by `as_of`.
fn lapsed(e: Option<&Exemption>, as_of: time::Date) -> bool {
    e.is_some_and(|e| !e.in_force(as_of))
}

/// The web address of a document: a page for Markdown, the file itself for a PDF.
fn doc_url(doc: &crate::model::Document) -> String {
    match doc.body {
        Body::Markdown { .. } => layout::document_url(&doc.committee, &doc.meeting, &doc.slug),
        Body::Pdf { .. } => layout::file_url(&doc.key),
    }
}

impl Edition {
    fn empty(config: crate::config::Config, audience: Audience, as_of: time::Date) -> Self {
        Edition {
            config,
            audience,
            as_of,
            committees: Vec::new(),
            meetings: Vec::new(),
            documents: Vec::new(),
            members: Vec::new(),
            pages: Vec::new(),
            assets: BTreeMap::new(),
            urls: BTreeMap::new(),
            withheld: Vec::new(),
            forward_plan: Default::default(),
            decisions: Vec::new(),
            decisions_by_meeting: Default::default(),
        }
    }

    /// The redaction record, read from the edition itself: every item that carries a
    /// notice, and every document withheld from (or, for members, marked on) an agenda.
    fn record_withheld(&mut self) {
        let mut record = Vec::new();
        for (mi, m) in self.meetings.iter().enumerate() {
            let mut items: Vec<&ItemView> = Vec::new();
            fn walk<'a>(list: &'a [ItemView], out: &mut Vec<&'a ItemView>) {
                for i in list {
                    out.push(i);
                    walk(&i.items, out);
                }
            }
            walk(&m.items, &mut items);
            for item in items {
                if let Some(n) = &item.notice {
                    record.push(withheld(mi, item, "item", &item.title, n));
                }
                for slot in &item.documents {
                    match slot {
                        DocSlot::Withheld { title, notice, .. } => {
                            record.push(withheld(mi, item, "document", title, notice))
                        }
                        DocSlot::Shown(d) => {
                            if let Some(n) = &self.documents[*d].marking {
                                record.push(withheld(
                                    mi,
                                    item,
                                    "document",
                                    &self.documents[*d].title,
                                    n,
                                ));
                            }
                        }
                    }
                }
            }
        }
        self.withheld = record;
    }

    /// Points each document at its meeting and committee in this edition.
    fn link_documents(&mut self) {
        let mut by_slug = BTreeMap::new();
        for (mi, m) in self.meetings.iter().enumerate() {
            by_slug.insert(
                (self.committees[m.committee].slug.clone(), m.slug.clone()),
                mi,
            );
        }
        for d in &mut self.documents {
            if let Some(&mi) = by_slug.get(&(d.committee_slug.clone(), d.meeting_slug.clone())) {
                d.meeting = mi;
                d.committee = self.meetings[mi].committee;
            }
        }
    }

    /// Files that visible documents and pages use, and the URL of everything linkable.
    fn collect_assets(
        &mut self,
        lib: &Library,
        visible: &BTreeSet<DocId>,
        item_files: &BTreeSet<PathBuf>,
    ) {
        let mut files: BTreeSet<PathBuf> = item_files
            .iter()
            .filter(|t| {
                !t.extension()
                    .is_some_and(crate::model::refs::is_markdown_ext)
            })
            .cloned()
            .collect();
        fn used(files: &mut BTreeSet<PathBuf>, refs: &[crate::model::refs::Ref]) {
            for r in refs.iter().filter(|r| {
                !r.target
                    .extension()
                    .is_some_and(crate::model::refs::is_markdown_ext)
            }) {
                files.insert(r.target.clone());
            }
        }
        for &d in visible {
            match &lib.documents[d].body {
                Body::Markdown { refs, .. } => used(&mut files, refs),
                Body::Pdf { .. } => {
                    files.insert(lib.documents[d].key.clone());
                }
            }
        }
        lib.pages.iter().for_each(|p| used(&mut files, &p.refs));
        // A PDF listed as an exempt (or otherwise withheld) appendix stays out even when a
        // visible document links to it by mistake, by its own path or any other that
        // reaches the same file: the link loses its target instead.
        let withheld: HashSet<crate::model::FileIdentity> = lib
            .documents
            .iter()
            .filter(|d| !visible.contains(&d.id))
            .filter_map(|d| match d.body {
                Body::Pdf { identity, .. } => Some(identity),
                Body::Markdown { .. } => None,
            })
            .collect();
        files.retain(|key| {
            !lib.file_ids
                .get(key)
                .is_some_and(|id| withheld.contains(id))
        });
        for key in files {
            let url = layout::file_url(&key);
            self.urls.insert(key.clone(), url.clone());
            self.assets
                .insert(url, FileHandle::new(lib.content.join(&key)));
        }
    }
}
