//! What the public must not see, read from the library by the gate's own rules.
//!
//! This does not ask [`crate::redact`] anything. It reads the markers an officer wrote
//! (`exempt:`, `draft:`, `public_title:`, `agenda_published:`) straight from the library
//! and lists every text as a [`Unit`]: withheld, with the reason, or public. If the two
//! readings ever disagree, the gate stops the build rather than trusting either.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use time::Date;

use super::words::normal;
use crate::layout;
use crate::model::tree::{Block, Inline, Tree};
use crate::model::{Approval, Body, DocId, Document, Exemption, Item, Library, Meeting, Status};

/// Why a unit is withheld from the public edition.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Why {
    /// Under an exemption in force: the Schedule 12A paragraphs.
    Exempt(Vec<u32>),
    /// A public interest statement, which only members read.
    Statement,
    Draft,
    /// A paper of a meeting whose agenda is not published on the build date, or one that
    /// no published agenda lists.
    Unpublished,
}

/// One text of the library: an item's body, a document, a page, a statement. A kept
/// gate (see [`super::kept`]) keeps all but its words, which messages do not need.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Unit {
    /// The source file, relative to the site root.
    pub file: PathBuf,
    /// The line to name when the passage itself cannot be found in the file.
    pub line: Option<usize>,
    /// `None` for public text.
    pub withheld: Option<Why>,
    /// The meeting (or officer's decision) the text belongs to, for the rules about one
    /// meeting's own texts (see [`super::predates`]); pages and names have none.
    pub meeting: Option<u32>,
    /// The day the text reached anyone: for public text, the day it went public; for
    /// withheld text, the day members had it (its agenda's day, or its own `published:`
    /// day). Public text excuses the words of withheld text only if it was out on an
    /// earlier day: public text out since may quote it. `None`: it could have been
    /// written any time, so it never counts as earlier.
    pub day: Option<Date>,
    /// The words, in normal form; see [`Unit::words`].
    #[serde(skip)]
    pub text: String,
    /// A public paper's words, as its tree: put in normal form only when the gate reads
    /// the public texts, on every core and one at a time, rather than all held at once
    /// (at a council's scale, tens of megabytes).
    #[serde(skip)]
    pub tree: Option<std::sync::Arc<Tree>>,
    /// A title the public sees on an agenda: public from the day the agenda is, so a
    /// withheld paper of the same meeting may repeat it.
    pub title: bool,
    /// For the minute of an exempt item: the unit of the public summary the officer
    /// wrote for it, whose words the minute may share (and no other withheld text may).
    pub summarised_by: Option<usize>,
    /// For a withheld paper whose notice the public sees under a title (its own title, if
    /// it is exempt on its own; its public title; the title of an exempt item that lists
    /// it): the units of those titles, whose words the paper (and its attachments) may
    /// share whatever the days, since the officer made them public for it.
    #[serde(default)]
    pub titled_by: Vec<usize>,
    /// Minutes withheld whole, every word, because the minute of one of their exempt
    /// items was not found: their ordinary words are withheld too, so the message says
    /// what to mend (round 32: the refusal named another committee's minutes).
    #[serde(default)]
    pub whole_minutes: bool,
}

impl Unit {
    /// The words, in normal form.
    pub fn words(&self) -> std::borrow::Cow<'_, str> {
        match &self.tree {
            Some(tree) => std::borrow::Cow::Owned(tree_text(tree)),
            None => std::borrow::Cow::Borrowed(&self.text),
        }
    }
}

/// A file that only withheld papers show.
#[derive(Debug)]
pub struct WithheldFile {
    /// Under `content/`.
    pub key: PathBuf,
    pub unit: usize,
}

/// Everything the gate knows about the library.
#[derive(Debug, Default)]
pub struct Inventory {
    pub units: Vec<Unit>,
    /// Titles the public must not see (withheld by `public_title`, or belonging to a
    /// withheld paper), in normal form, with the unit they belong to, and whether the
    /// officer hid them (behind a public title, or inside an exempt item).
    pub titles: Vec<(String, usize, bool)>,
    /// The day (and meeting) members had a withheld paper's title, where that is not its
    /// unit's: an exempt minute kept as a paper is as old as its meeting, and minutes
    /// belong to their meeting, but their titles were written for the agenda that lists
    /// them.
    pub title_days: HashMap<usize, (Date, Option<u32>)>,
    /// Titles the public does see, in normal form, with when they were first out: a
    /// withheld title equal to one out before it (or the same day, at its own meeting) is
    /// not distinctive.
    pub public_titles: HashMap<String, FirstOut>,
    /// Titles of items and papers an officer hid behind a public title, in normal form,
    /// with their unit and (each listing) meeting: see [`super::SCOPED_MIN_WORDS`].
    pub renamed: Vec<(String, usize, u32)>,
    /// Titles a public paper's own `public_title` hides (a report that may be published
    /// but is titled by a person's name), as written, with their unit and (each listing)
    /// meeting: looked for only in the addresses of its meetings' folders (see
    /// [`super::Phrase::address_only`]).
    pub addressed: Vec<(String, usize, u32)>,
    /// Each meeting's folders in the site: its own (`committees/cabinet/2021-09-24/`),
    /// and its decisions' (`decisions/cabinet/2021-09-24/`); and the files its public
    /// papers show, wherever they are saved.
    pub meeting_folders: HashMap<u32, Vec<String>>,
    /// The committee's meetings after each meeting, up to the one that follows it up
    /// (see `Reader::follow_up`).
    pub next_meetings: HashMap<u32, Vec<u32>>,
    pub files: Vec<WithheldFile>,
    /// Lower-case names of files public papers show.
    pub public_names: HashSet<String>,
}

/// Reads the library on the build date.
pub fn of(lib: &Library, as_of: Date) -> Inventory {
    let mut reader = Reader {
        lib,
        as_of,
        inv: Inventory::default(),
        by_item: HashMap::new(),
        listed_published: HashSet::new(),
        meetings: HashMap::new(),
        public_pdfs: HashSet::new(),
        shown: HashMap::new(),
        item_titles: HashMap::new(),
        exempt_minutes: HashMap::new(),
        whole_minutes_withheld: HashMap::new(),
        summaries: HashMap::new(),
        minutes_docs: HashMap::new(),
        sources: 0,
    };
    for d in lib
        .documents
        .iter()
        .filter(|d| d.kind == crate::model::Kind::Minutes)
    {
        reader
            .minutes_docs
            .entry((d.committee.clone(), d.meeting.clone()))
            .or_default()
            .push(d.id);
    }
    reader.meetings();
    reader.documents();
    reader.pages();
    reader.officer_decisions();
    reader.forward_plan();
    // A PDF appendix is a document: its own exemption decides whether it is withheld,
    // not a withheld paper linking to it.
    let public_pdfs = std::mem::take(&mut reader.public_pdfs);
    reader.inv.files.retain(|f| !public_pdfs.contains(&f.key));
    reader.inv
}

/// The blocks of an exempt item's minute, and the paragraphs it is exempt under.
type ExemptMinute = (std::ops::Range<usize>, Vec<u32>, String);

struct Reader<'a> {
    lib: &'a Library,
    as_of: Date,
    inv: Inventory,
    /// Documents listed by an exempt item, with the paragraphs.
    by_item: HashMap<DocId, Vec<u32>>,
    /// Documents listed by at least one meeting whose agenda is published.
    listed_published: HashSet<DocId>,
    /// What the gate keeps of each meeting, by (committee, meeting).
    meetings: HashMap<(String, String), Held>,
    /// PDF appendices the public may see.
    public_pdfs: HashSet<PathBuf>,
    /// Each document's listings, in the order the agendas are read; for minutes, also
    /// the day they are taken to be out.
    shown: HashMap<DocId, Vec<Shown>>,
    /// The titles (units) of the exempt items that list each document, which head its
    /// notices.
    item_titles: HashMap<DocId, Vec<usize>>,
    /// Minutes holding the minute of an exempt item in force: the blocks of each such
    /// minute and the paragraphs it is exempt under.
    exempt_minutes: HashMap<DocId, Vec<ExemptMinute>>,
    /// Minutes of exempt business whose exempt minutes were not all found: withheld whole,
    /// under these paragraphs.
    whole_minutes_withheld: HashMap<DocId, Vec<u32>>,
    /// The public summaries of exempt minutes, by meeting.yaml and item number.
    summaries: HashMap<(PathBuf, String), usize>,
    /// Documents of kind minutes, by the meeting folder that holds them.
    minutes_docs: HashMap<(String, String), Vec<DocId>>,
    /// The numbers given so far to meetings and officers' decisions (see [`Unit::meeting`]).
    sources: u32,
}

impl Reader<'_> {
    /// A new number for [`Unit::meeting`].
    fn source(&mut self) -> u32 {
        self.sources += 1;
        self.sources
    }

    fn published(&self, m: &Meeting) -> bool {
        m.agenda_published.is_some_and(|p| p <= self.as_of)
    }

    fn in_force<'e>(&self, e: Option<&'e Exemption>) -> Option<&'e Exemption> {
        e.filter(|e| e.in_force(self.as_of))
    }

    fn meetings(&mut self) {
        let lib = self.lib;
        let site = Path::new(crate::config::SITE_FILE);
        // The site's name is a title the public sees, but not public text: its words
        // must not excuse a withheld paper's (see `gate::shown_settings`).
        for name in [&lib.config.council, &lib.config.title] {
            self.note_public_title(normal(name), None, None);
        }
        self.quires_own_wording(site);
        // Names of members, parties, divisions and committees are public titles, but have
        // no date: they never count as earlier than a withheld paper (a committee named
        // after an exempt item's hidden title must not excuse it).
        for m in lib.members.values() {
            let file = Path::new(layout::CONTENT_DIR).join("members");
            self.public_title(&m.name, &file, When::NEVER);
            for t in m.party.iter().chain(&m.division) {
                self.public_title(t, &file, When::NEVER);
            }
        }
        for c in &lib.committees {
            let file = Path::new(layout::CONTENT_DIR).join(layout::committee_dir(&c.slug));
            self.public_title(&c.name, &file, When::NEVER);
            if let Some(d) = &c.description {
                let file = Path::new(layout::CONTENT_DIR)
                    .join(layout::committee_dir(&c.slug))
                    .join("committee.yaml");
                self.unit(file, None, None, When::NEVER, tree_text(d));
            }
            // Each meeting's source id, to tell each its committee's next meetings.
            let mut ids = Vec::with_capacity(c.meetings.len());
            for m in &c.meetings {
                let published = self.published(m);
                let id = self.source();
                ids.push((m, id));
                let out = m.agenda_published.unwrap_or(m.date);
                let held = Held {
                    // Never after the meeting, whatever a date says.
                    sent: out.min(m.date),
                    date: m.date,
                    published,
                    id,
                };
                self.meetings.insert((c.slug.clone(), m.slug.clone()), held);
                let folders = [
                    layout::meeting_url(&c.slug, &m.slug),
                    format!("{}{}/{}/", crate::redact::REGISTER_URL, c.slug, m.slug),
                ];
                let folders = folders.map(|f| f.trim_start_matches('/').to_string());
                (self.inv.meeting_folders).insert(id, folders.to_vec());
                let file = layout::meeting_file(&c.slug, &m.slug);
                for item in &m.items {
                    self.item(item, &file, (m, id), published, None, out);
                }
                // The officers in attendance are named on the meeting page once its papers
                // are out, and known on the meeting's day: an exempt minute that names
                // them again is not distinctive. They are not titles, though: a line there
                // is free text, which must not repeat the exempt reports of this very
                // meeting (a preferred bidder's agent, named as the report names the
                // bidder). The cost: a report's contact paragraph equal to an attendance
                // line stops the build until it is allowed.
                if let Some(a) = m.attendance.as_ref().filter(|_| published) {
                    let when = When::of(id, out.max(m.date));
                    for o in &a.officers {
                        self.unit(file.clone(), None, None, when, normal(o));
                    }
                }
                if let Some(d) = m.minutes.filter(|_| published) {
                    self.listed_published.insert(d);
                }
                self.minutes_of_exempt_business(c, m);
                if let Some(d) = m.minutes {
                    // Minutes are written after their meeting: taken to be out on the day
                    // of the next one, or, if there is none yet, today. (Their own
                    // `published:` day counts too: see `documents`.)
                    // (A committee's meetings are in date order.)
                    let next = c.meetings.partition_point(|n| n.date <= m.date);
                    let day = c.meetings.get(next).map_or(self.as_of, |n| n.date);
                    let at = Held {
                        sent: day,
                        date: day,
                        ..held
                    };
                    self.shown(d, Shown::of(at, day, false));
                }
            }
            self.next_meetings(&ids);
        }
    }

    /// Tells each of a committee's meetings (in date order, with their source ids) the
    /// later meetings up to the one that follows it up (see [`Reader::follow_up`]).
    fn next_meetings(&mut self, ids: &[(&Meeting, u32)]) {
        // Where each meeting is, and from each place the first meeting that met: looked
        // up, not searched for, so a committee of many meetings costs no more than twice
        // as many steps.
        let place: HashMap<u32, usize> = (ids.iter().enumerate())
            .map(|(i, &(_, id))| (id, i))
            .collect();
        let by_slug: HashMap<&str, usize> = (ids.iter().enumerate())
            .map(|(i, (m, _))| (m.slug.as_str(), i))
            .collect();
        let mut first_met = vec![None; ids.len() + 1];
        for i in (0..ids.len()).rev() {
            first_met[i] = if self.met(ids[i].0) {
                Some(i)
            } else {
                first_met[i + 1]
            };
        }
        let named = minutes_named(ids);
        let places = Places {
            first_met: &first_met,
            place: &place,
            by_slug: &by_slug,
            named: &named,
        };
        for (i, &(m, id)) in ids.iter().enumerate() {
            let day = ids.partition_point(|(n, _)| n.date < m.date);
            let start = ids.partition_point(|(n, _)| n.date <= m.date);
            let end = (self.follow_up(m, start, &places)).map_or(ids.len(), |at| at + 1);
            // Another meeting the same day is in the scope unless its time says it was
            // held first (round 21: a panel met at 09:30 and again at 14:00).
            let same_day = (day..start).filter(|&j| j != i && !held_before(ids[j].0, m));
            let next = (same_day.chain(start..end)).map(|j| ids[j].1).collect();
            self.inv.next_meetings.insert(id, next);
        }
    }

    /// Whether a meeting met with its papers out (not cancelled, postponed, or left
    /// unpublished).
    fn met(&self, n: &Meeting) -> bool {
        !matches!(n.status, Status::Cancelled | Status::Postponed) && self.published(n)
    }

    /// The place of the meeting that follows meeting `m` up, among its committee's: from
    /// `start` (its first later meeting), the first that met (`first_met` gives it from
    /// each place), or, if later, the one its minutes say approved them or the first whose
    /// agenda lists them. None if none has met yet.
    fn follow_up(&self, m: &Meeting, start: usize, places: &Places) -> Option<usize> {
        let approval = m
            .minutes
            .and_then(|d| self.lib.documents[d].approval.as_ref());
        let approver = match approval {
            Some(Approval::Approved {
                at: Some((slug, _)),
            }) => Some(slug),
            _ => None,
        };
        let later = |&at: &usize| at >= start;
        let approved = approver
            .and_then(|s| places.by_slug.get(s.as_str()))
            .filter(|at| later(at));
        // A meeting whose agenda lists the minutes confirms them (round 20: a special
        // meeting came between, and the minutes said nothing of their approval).
        let listings = m.minutes.and_then(|d| self.shown.get(&d));
        let listed = (listings.into_iter().flatten())
            .filter_map(|s| places.place.get(&s.meeting).copied())
            .filter(later)
            .min();
        // So does one with an item titled as the minutes of a meeting that day, as most
        // agendas list them (round 21: "Minutes of the meeting held on 1 September 2021",
        // with a line of text and no documents).
        let titled = (places.named.get(&m.date))
            .and_then(|at| at.get(at.partition_point(|&p| p < start)))
            .copied();
        let met = places.first_met.get(start).copied().flatten();
        met.max(approved.copied()).max(listed).max(titled)
    }

    /// The minutes of a meeting with exempt business in force: each exempt item's minute
    /// is a withheld unit of its own. The gate does not trust the model to have found
    /// them: minutes in which an item exempt on its own has no minute found are withheld
    /// whole, so that a minute the model missed cannot pass as public text.
    fn minutes_of_exempt_business(&mut self, c: &crate::model::Committee, m: &Meeting) {
        let lib = self.lib;
        let mut own_exempt = Vec::new();
        own_exempt_in_force(&m.items, self, &mut own_exempt);
        if own_exempt.is_empty() {
            return;
        }
        let paragraphs: Vec<u32> = own_exempt.iter().flat_map(|(_, p)| p.clone()).collect();
        let key = (c.slug.clone(), m.slug.clone());
        let docs = self.minutes_docs.get(&key).cloned().unwrap_or_default();
        for doc in docs
            .iter()
            .map(|&d| &lib.documents[d])
            .chain(m.minutes.map(|d| &lib.documents[d]))
        {
            let all_found = own_exempt
                .iter()
                .all(|(n, _)| doc.exempt_sections.iter().any(|s| &s.item == n));
            if all_found {
                let sections = self.exempt_sections(m, doc);
                if !sections.is_empty() {
                    self.exempt_minutes.insert(doc.id, sections);
                }
            } else {
                self.whole_minutes_withheld
                    .insert(doc.id, paragraphs.clone());
            }
        }
    }

    /// The minutes' sections that minute an exempt item in force, with its paragraphs
    /// (its own and those of every exempt item above it).
    fn exempt_sections(&self, m: &Meeting, doc: &Document) -> Vec<ExemptMinute> {
        fn paragraphs(items: &[Item], number: &str, above: &[u32], r: &Reader) -> Option<Vec<u32>> {
            for i in items {
                let mut p = above.to_vec();
                if let Some(e) = r.in_force(i.exempt.as_ref()) {
                    p.extend(&e.paragraphs);
                }
                if i.number == number {
                    return (!p.is_empty()).then_some(p);
                }
                if let Some(found) = paragraphs(&i.items, number, &p, r) {
                    return Some(found);
                }
            }
            None
        }
        doc.exempt_sections
            .iter()
            .filter_map(|s| {
                let p = paragraphs(&m.items, &s.item, &[], self)?;
                Some((s.blocks.clone(), p, s.item.clone()))
            })
            .collect()
    }

    /// The wording quire itself prints (the statutory notice for every paragraph and pair
    /// of paragraphs, and the categories in words), which any exempt report may quote.
    fn quires_own_wording(&mut self, site: &Path) {
        let j = self.lib.config.jurisdiction;
        let (first, last) = j.valid_range();
        let always = When::ALWAYS;
        for p in first..=last {
            for q in p..=last {
                let ps: Vec<u32> = if p == q { vec![p] } else { vec![p, q] };
                let text = normal(&crate::schedule12a::notice_text(j, &ps));
                self.unit(site.to_path_buf(), None, None, always, text);
            }
            if let Some(c) = j.category(p) {
                self.unit(site.to_path_buf(), None, None, always, normal(c));
            }
        }
    }

    fn item(
        &mut self,
        item: &Item,
        file: &Path,
        (m, id): (&Meeting, u32),
        published: bool,
        inherited: Option<&[u32]>,
        out: Date,
    ) {
        // An item added after the agenda is public (and with members) from its own day,
        // not the agenda's.
        let published = published && item.published.is_none_or(|p| p <= self.as_of);
        let out = item.published.map_or(out, |p| p.max(out));
        // Members have a meeting's papers by the meeting, whatever a date says.
        let when = When::between(id, out, out.min(m.date));
        let own = self.in_force(item.exempt.as_ref());
        let mut paragraphs: Vec<u32> = inherited.unwrap_or_default().to_vec();
        if let Some(e) = own {
            paragraphs.extend(&e.paragraphs);
        }
        let exempt = own.is_some() || inherited.is_some();
        let why = if exempt {
            Some(Why::Exempt(paragraphs.clone()))
        } else if !published {
            Some(Why::Unpublished)
        } else {
            None
        };
        let text = item.body.as_ref().map(tree_text).unwrap_or_default();
        let unit = self.unit(file.to_path_buf(), item.line, why.clone(), when, text);
        self.statement(item.exempt.as_ref(), file, when);
        // The chair's reason for urgency and the summary of an exempt minute are written
        // for the public, once the item is out.
        let public = if published {
            None
        } else {
            Some(Why::Unpublished)
        };
        if let Some(reason) = &item.urgent {
            // The reason for urgency of an exempt item stays with the item.
            let why = if exempt { why.clone() } else { public.clone() };
            self.unit(file.to_path_buf(), item.line, why, when, normal(reason));
        }
        // Written at the meeting or after it, as is the record of its decision, which is
        // out on its own `published:` day if it has one.
        let held = When::between(id, out.max(m.date), out.min(m.date));
        if let Some(summary) = &item.minutes_summary {
            let unit = self.unit(
                file.to_path_buf(),
                item.line,
                public,
                held,
                tree_text(summary),
            );
            self.summaries
                .insert((file.to_path_buf(), item.number.clone()), unit);
        }
        // The record of the item's decision (reasons, alternatives, interests) is as
        // public as the item.
        if let Some(d) = &item.decision {
            let line = d.line.or(item.line);
            let day = out.max(m.date).max(d.published.unwrap_or(m.date));
            self.unit(
                file.to_path_buf(),
                line,
                why.clone(),
                When::between(id, day, out.min(m.date)),
                facts_text(d),
            );
        }
        // A public title hides the real one for as long as the exemption beside it holds.
        let lapsed = item
            .exempt
            .as_ref()
            .is_some_and(|e| !e.in_force(self.as_of));
        match &item.public_title {
            // Inside an exempt item, nothing is public: the notice shows the outer item only.
            _ if inherited.is_some() => {
                self.inv.titles.push((normal(&item.title), unit, true));
            }
            // A public title the same as the real one hides nothing: the title is public.
            // Only an item that is out shows a title: an exempt item of an agenda not yet
            // published shows none, and excuses nothing.
            Some(p) if !lapsed && normal(p) != normal(&item.title) => {
                self.inv.titles.push((normal(&item.title), unit, true));
                if !normal(p).contains(&normal(&item.title)) {
                    (self.inv.renamed).push((normal(&item.title), unit, id));
                }
                if published {
                    let title = self.public_title(p, file, when);
                    self.heads_notices(item, exempt, title);
                }
            }
            // An exempt item keeps its title in public, as the heading of its notice.
            _ if published => {
                let title = self.public_title(&item.title, file, when);
                self.heads_notices(item, exempt, title);
            }
            _ => {}
        }
        for r in &item.refs {
            self.file_ref(&r.target, why.is_some(), unit);
        }
        for &d in &item.documents {
            let at = Held {
                sent: out.min(m.date),
                date: m.date,
                published,
                id,
            };
            self.shown(d, Shown::of(at, out, exempt));
            if exempt {
                self.by_item.entry(d).or_default().extend(&paragraphs);
            }
            if published && !exempt {
                self.listed_published.insert(d);
            }
        }
        let inherited = exempt.then_some(paragraphs.as_slice());
        for sub in &item.items {
            self.item(sub, file, (m, id), published, inherited, out);
        }
    }

    /// The title (unit) an exempt item shows heads the notice of each paper it lists.
    fn heads_notices(&mut self, item: &Item, exempt: bool, title: usize) {
        if exempt {
            for &d in &item.documents {
                self.item_titles.entry(d).or_default().push(title);
            }
        }
    }

    /// Notes a listing of a document.
    fn shown(&mut self, d: DocId, listing: Shown) {
        self.shown.entry(d).or_default().push(listing);
    }

    /// A public interest statement is for members only, whatever happens to the matter.
    fn statement(&mut self, e: Option<&Exemption>, file: &Path, when: When) {
        if let Some(e) = e
            && let Some(reason) = &e.reason
        {
            self.unit(
                file.to_path_buf(),
                e.line,
                Some(Why::Statement),
                when,
                normal(reason),
            );
        }
    }

    fn documents(&mut self) {
        let lib = self.lib;
        for doc in &lib.documents {
            let home = layout::home_meeting(&doc.key);
            let meeting = home.as_ref().and_then(|h| self.meetings.get(h)).copied();
            // Published only if its own meeting is, and a published agenda lists it (or
            // it is the minutes of a published meeting): an unlisted file is never shown.
            let home_published =
                meeting.is_none_or(|h| h.published) && self.listed_published.contains(&doc.id);
            let own = self.in_force(doc.exempt.as_ref());
            let by_item = self.by_item.get(&doc.id);
            let by_item = match (by_item, self.whole_minutes_withheld.get(&doc.id)) {
                (Some(a), Some(b)) => Some(a.iter().chain(b).copied().collect::<Vec<u32>>()),
                (a, b) => a.or(b).cloned(),
            };
            let by_item = by_item.as_ref();
            // The strongest reason wins: an exempt draft is exempt.
            let why = if own.is_some() || by_item.is_some() {
                let mut p: Vec<u32> = own.map(|e| e.paragraphs.clone()).unwrap_or_default();
                p.extend(by_item.into_iter().flatten());
                p.sort_unstable();
                p.dedup();
                Some(Why::Exempt(p))
            } else if doc.draft || self.draft_minutes(doc) {
                Some(Why::Draft)
            } else if !home_published || doc.published.is_some_and(|p| p > self.as_of) {
                Some(Why::Unpublished)
            } else {
                None
            };
            let exempt = matches!(why, Some(Why::Exempt(_)));
            let when = self.when_of(doc, own.is_some(), exempt, meeting);
            self.document(doc, why, when);
        }
    }

    /// Where a paper sits in time, for [`super::predates`].
    ///
    /// Its meeting is that of the first listing that shows it as it is (for a paper
    /// withheld by an exempt item, the first exempt listing), not the folder it is filed
    /// in: a paper saved beside another meeting's papers must not share that meeting's
    /// titles. Minutes belong to the meeting they record.
    ///
    /// Public, a paper is as new as the last listing that shows it, or its own
    /// `published:` day if later: minutes written after their meeting, a report listed
    /// again on a later agenda. (Minutes that say when they were published went public
    /// that day.) Withheld, it is as old as that first listing (or its own `published:`
    /// day, a supplement sent later, but never after that meeting): members had it from
    /// then, so public text out since (a report beside a deferred item) may not quote it.
    ///
    /// An exempt minute is as old as the meeting it records, whatever agenda lists it:
    /// a minute kept as a paper of its own as that meeting's business (its agenda's day);
    /// minutes withheld whole as the meeting itself, since they repeat its public papers.
    /// `home` is the meeting whose folder holds the paper.
    fn when_of(&self, doc: &Document, own_exempt: bool, exempt: bool, home: Option<Held>) -> When {
        let listings = self.shown.get(&doc.id).map_or(&[][..], Vec::as_slice);
        let minutes = doc.kind == crate::model::Kind::Minutes;
        let last = listings
            .iter()
            .map(|s| s.out)
            .max()
            .or(home.map(|h| h.sent));
        let out = match (minutes, doc.published, home) {
            (true, Some(p), Some(h)) => Some(p.max(h.date)),
            _ => last.map(|d| doc.published.map_or(d, |p| p.max(d))),
        };
        let first = |only_exempt: bool| {
            (listings.iter())
                .filter(|s| s.exempt || !only_exempt)
                .min_by_key(|s| s.sent)
                .copied()
        };
        let first_any = first(false);
        // The listing that made it withheld, for a paper exempt by its item.
        let first = match exempt && !own_exempt {
            true => first(true).or(first_any),
            false => first_any,
        };
        let recorded = (exempt && minute_paper(doc))
            .then(|| self.recorded(doc, home, first_any))
            .flatten();
        let (meeting, sent) = match recorded {
            Some(r) => {
                let whole = minutes || (first.is_none_or(|f| !f.exempt) && !own_exempt);
                let since = if whole { r.date } else { r.sent };
                (Some(r.id), Some(first.map_or(since, |f| f.sent.min(since))))
            }
            None => match first {
                Some(f) => {
                    let sent = match (minutes, self.own_published(doc, f, listings)) {
                        (false, Some(p)) => p.max(f.sent),
                        _ => f.sent,
                    };
                    (Some(f.meeting), Some(sent))
                }
                None => (home.map(|h| h.id), home.map(|h| h.sent)),
            },
        };
        // Minutes belong to the meeting whose folder holds them (others are refused:
        // `minutes-in-another-folder`), not to the agenda that approves them.
        let meeting = match (minutes, home) {
            (true, Some(h)) => Some(h.id),
            _ => meeting,
        };
        When { meeting, out, sent }
    }

    /// The `published:` day a paper was sent with at its first listing `f` (a
    /// supplement): a PDF's is that listing's own; a Markdown paper's is its front
    /// matter's, unless that day falls after `f`'s meeting or within another listing's
    /// agenda and meeting (a deferred paper issued again, a copy sent to a special
    /// meeting), when members had the paper from `f` already.
    fn own_published(&self, doc: &Document, f: Shown, listings: &[Shown]) -> Option<Date> {
        let p = match doc.listings.is_empty() {
            true => doc.published?,
            false => {
                (doc.listings.iter())
                    .find(|l| {
                        self.meetings
                            .get(&l.meeting)
                            .is_some_and(|h| h.id == f.meeting)
                    })?
                    .published?
            }
        };
        let another =
            (listings.iter()).any(|s| s.meeting != f.meeting && s.sent <= p && p <= s.date);
        (p <= f.date && (!doc.listings.is_empty() || !another)).then_some(p)
    }

    /// The meeting whose minute a minute paper (see [`minute_paper`]) holds, as early as
    /// the signs allow: a minute dated too late lets public text published since its
    /// meeting repeat it. The earliest of:
    /// - each day its title names before the agenda that first lists it: the meetings
    ///   held that day, of any committee (a sub-committee's minute noted by its parent),
    ///   or else the day itself;
    /// - the meeting whose folder holds it;
    /// - the last meeting of its committee before that agenda that had exempt business
    ///   (a title's date may be mistyped), or the last meeting before it if none had.
    ///
    /// Minutes of kind `minutes` record their folder's meeting.
    fn recorded(&self, doc: &Document, home: Option<Held>, first: Option<Shown>) -> Option<Held> {
        if doc.kind == crate::model::Kind::Minutes {
            return home;
        }
        let listed = first.map(|f| f.date).or(home.map(|h| h.date))?;
        let id = first.map(|f| f.meeting).or(home.map(|h| h.id))?;
        let on_day = |day: Date| {
            (self.meetings.values())
                .filter(|h| h.date == day)
                .min_by_key(|h| (h.sent, h.id))
                .copied()
                .unwrap_or(Held {
                    sent: day,
                    date: day,
                    published: true,
                    id,
                })
        };
        let named = named_days(doc, listed).into_iter().map(on_day);
        // Its committee is its folder's: a PDF's `committee` is that of the first
        // meeting.yaml read that lists it, which may be another committee's.
        let committee = layout::home_meeting(&doc.key).map_or(doc.committee.clone(), |h| h.0);
        let before = (self.lib.committees.iter())
            .find(|c| c.slug == committee)
            .and_then(|c| {
                let earlier: Vec<&Meeting> =
                    c.meetings.iter().filter(|m| m.date < listed).collect();
                let exempt = |m: &&&Meeting| has_exempt(&m.items);
                let last = earlier.iter().filter(exempt).max_by_key(|m| m.date);
                let m = last.or_else(|| earlier.iter().max_by_key(|m| m.date))?;
                self.meetings
                    .get(&(c.slug.clone(), m.slug.clone()))
                    .copied()
            });
        (named.chain(home).chain(before)).min_by_key(|h| (h.sent, h.id))
    }

    /// Minutes not approved on the build date, where the site does not publish drafts.
    fn draft_minutes(&self, doc: &Document) -> bool {
        doc.approval
            .as_ref()
            .is_some_and(|a| a.draft_on(self.as_of))
            && !self.lib.config.publish_draft_minutes
    }

    fn document(&mut self, doc: &Document, why: Option<Why>, when: When) {
        let withheld = why.is_some();
        let line = doc.exempt.as_ref().and_then(|e| e.line);
        let mut later = None;
        let text = match &doc.body {
            Body::Markdown { tree, .. } => match self.exempt_minutes.get(&doc.id).cloned() {
                Some(sections) => {
                    // The minute of an exempt item is as old as its meeting's business: a
                    // public paper of that meeting holding its words is the leak, not their
                    // source.
                    let held = match self
                        .meetings
                        .get(&(doc.committee.clone(), doc.meeting.clone()))
                    {
                        Some(h) => When::of(h.id, h.sent),
                        None => when,
                    };
                    self.split_minutes(doc, tree, &sections, held)
                }
                // A public paper's words are read later, when they are scanned.
                None if !withheld => {
                    later = Some(std::sync::Arc::clone(tree));
                    String::new()
                }
                None => tree_text(tree),
            },
            Body::Pdf { .. } => String::new(),
        };
        self.background_papers(doc.background.as_ref(), &doc.rel, why.clone(), when);
        // A paper exempt on its own shows its title in a notice, but only under an item of
        // an agenda that is out.
        let self_exempt_only = matches!(why, Some(Why::Exempt(_)))
            && !self.by_item.contains_key(&doc.id)
            && self.listed_published.contains(&doc.id)
            && doc.published.is_none_or(|p| p <= self.as_of)
            && doc.public_title.is_none()
            && doc.listings.iter().all(|l| l.public_title.is_none());
        let unit = self.unit(doc.rel.clone(), line, why, when, text);
        self.inv.units[unit].tree = later;
        self.inv.units[unit].whole_minutes = self.whole_minutes_withheld.contains_key(&doc.id);
        self.statement(doc.exempt.as_ref(), &doc.rel, when);
        let titles = std::iter::once(&doc.title).chain(doc.listings.iter().map(|l| &l.title));
        let hidden = hides_title(doc);
        let lapsed = (doc.exempt.as_ref()).is_some_and(|e| !e.in_force(self.as_of));
        if !withheld && hidden && !lapsed {
            // A paper that may be published under a public title: the public sees the
            // public title, and its address must not spell the real one (round 23: a
            // file named after the title it hid). Its words are public, and papers
            // repeat their own and each other's titles, so only addresses are read.
            self.shown_title(doc, when, unit, true);
            self.renamed_paper(doc, unit, Renamed::Addressed);
        } else if withheld && !self_exempt_only {
            for t in titles {
                self.inv.titles.push((normal(t), unit, hidden));
            }
            let listed =
                (self.shown.get(&doc.id).into_iter().flatten()).min_by_key(|s| (s.sent, s.meeting));
            let differs = |s: &&Shown| (Some(s.sent), Some(s.meeting)) != (when.sent, when.meeting);
            if let Some(s) = listed.filter(differs) {
                (self.inv.title_days).insert(unit, (s.sent, Some(s.meeting)));
            }
            for &title in self.item_titles.get(&doc.id).into_iter().flatten() {
                self.inv.units[unit].titled_by.push(title);
            }
            // The public title its notice shows, which the paper may repeat.
            if hidden {
                self.shown_title(doc, when, unit, true);
                self.renamed_paper(doc, unit, Renamed::Withheld);
            }
        } else {
            self.shown_title(doc, when, unit, false);
        }
        match &doc.body {
            Body::Markdown { refs, .. } => {
                for r in refs {
                    self.file_ref(&r.target, withheld, unit);
                }
            }
            Body::Pdf { .. } => {
                if !withheld {
                    self.public_pdfs.insert(doc.key.clone());
                }
                self.file_ref(&doc.key, withheld, unit)
            }
        }
        if !withheld {
            self.files_shown(doc);
        }
    }

    /// The files a public paper shows (a PDF paper is its own), as part of each meeting
    /// that lists the paper, wherever they are saved: the meeting's pack and pages show
    /// them, so a short hidden title in one is looked for there too (round 19 saved an
    /// appendix in an older meeting's folder).
    fn files_shown(&mut self, doc: &Document) {
        let files: Vec<String> = match &doc.body {
            Body::Markdown { refs, .. } => {
                // Its own page too: a paper saved in the folder of the meeting it was
                // meant for, and taken at the next (round 24).
                let page = layout::document_url(&doc.committee, &doc.meeting, &doc.slug);
                let page = page.trim_start_matches('/').to_string();
                let refs = refs.iter().map(|r| layout::slash_path(&r.target));
                std::iter::once(page).chain(refs).collect()
            }
            Body::Pdf { .. } => vec![layout::slash_path(&doc.key)],
        };
        if files.is_empty() {
            return;
        }
        for s in self.shown.get(&doc.id).into_iter().flatten() {
            let folders = self.inv.meeting_folders.entry(s.meeting).or_default();
            for file in &files {
                if !folders.contains(file) {
                    folders.push(file.clone());
                }
            }
        }
    }

    /// A paper's titles that its own public titles hide, with each meeting that lists
    /// it: a withheld paper's as for an item's (see [`Inventory::renamed`]), since a
    /// title hidden on the paper is as secret as one hidden on its item (round 19); a
    /// public paper's for its meetings' addresses (see [`Inventory::addressed`]).
    fn renamed_paper(&mut self, doc: &Document, unit: usize, kind: Renamed) {
        let mut meetings: Vec<u32> = (self.shown.get(&doc.id).into_iter().flatten())
            .map(|s| s.meeting)
            .collect();
        meetings.sort_unstable();
        meetings.dedup();
        // A public title written in any listing names the paper everywhere (see
        // `redact`): a listing without one hides its title too (round 24).
        let everywhere = (doc.public_title.as_ref())
            .or_else(|| doc.listings.iter().find_map(|l| l.public_title.as_ref()));
        let own = std::iter::once((&doc.title, &doc.public_title));
        let listed = doc.listings.iter().map(|l| (&l.title, &l.public_title));
        for (written, public) in own.chain(listed) {
            let public = public.as_ref().or(everywhere).map(|p| normal(p));
            let (title, Some(public)) = (normal(written), public) else {
                continue;
            };
            if public.contains(&title) {
                continue;
            }
            // Addresses are looked through for the title as written, in the forms a file
            // name gives it (see `super::address_forms`).
            let (list, title) = match kind {
                Renamed::Withheld => (&mut self.inv.renamed, title),
                Renamed::Addressed => (&mut self.inv.addressed, written.clone()),
            };
            list.extend(meetings.iter().map(|&m| (title.clone(), unit, m)));
        }
    }

    /// The title the public sees for a paper (its public title if `public`): a Markdown
    /// paper's own; a PDF's from its first listing in a published agenda (see `redact`).
    /// The other titles a PDF was given are never shown, so they excuse nothing. A
    /// withheld paper (`unit`) shows it in its notice, and may repeat it.
    fn shown_title(&mut self, doc: &Document, when: When, unit: usize, public: bool) {
        let withheld = self.inv.units[unit].withheld.is_some();
        let shown = match doc.listings.is_empty() {
            true => (match public {
                true => doc.public_title.as_ref(),
                false => Some(&doc.title),
            })
            .map(|t| (t, self.title_when(doc, when, withheld))),
            false => self.shown_listing_title(doc, public),
        };
        if let Some((t, at)) = shown {
            let title = self.public_title(t, &doc.rel, at);
            if withheld {
                self.inv.units[unit].titled_by.push(title);
            }
        }
    }

    /// The meeting and day of the agenda that gives a PDF listing `l`'s title: the
    /// day of its item, or the listing's own `published:` day if later.
    fn listing_when(&self, doc: &Document, l: &crate::model::Listing) -> Option<When> {
        let held = self.meetings.get(&l.meeting)?;
        // Listed by two items of one agenda (one of them added late), it is not known
        // here which item gave which title: the later day, which excuses less.
        let listed = (self.shown.get(&doc.id).into_iter().flatten())
            .filter(|s| s.meeting == held.id)
            .max_by_key(|s| s.out)?;
        let out = l.published.map_or(listed.out, |p| p.max(listed.out));
        Some(When::between(held.id, out, listed.sent))
    }

    /// The title a PDF shows the public (see `redact`): that of its first listing in a
    /// published agenda, or that listing's `public_title` if `public`; dated by the
    /// earliest published listing that gave the same words.
    fn shown_listing_title<'d>(
        &self,
        doc: &'d Document,
        public: bool,
    ) -> Option<(&'d String, When)> {
        let published =
            |l: &&crate::model::Listing| self.meetings.get(&l.meeting).is_some_and(|h| h.published);
        let title = |l: &'d crate::model::Listing| match public {
            true => l.public_title.as_ref(),
            false => Some(&l.title),
        };
        let shown = (doc.listings.iter()).filter(published).find_map(title)?;
        let words = normal(shown);
        let when = (doc.listings.iter())
            .filter(published)
            .filter(|l| title(l).is_some_and(|t| normal(t) == words))
            .filter_map(|l| self.listing_when(doc, l))
            .min_by_key(|w| (w.out, w.meeting))?;
        Some((shown, when))
    }

    /// Where a Markdown paper's public title sits in time. A public paper's is the
    /// paper's own day. A withheld paper shows its title (or its public title) in a notice
    /// from its first listing in a published agenda, or from its own `published:` day if
    /// later, whatever day members had its body.
    fn title_when(&self, doc: &Document, when: When, withheld: bool) -> When {
        if !withheld {
            return when;
        }
        let first = (self.shown.get(&doc.id).into_iter().flatten())
            .filter(|s| s.published)
            .min_by_key(|s| (s.out, s.meeting));
        match first {
            Some(s) => {
                let out = doc.published.map_or(s.out, |p| p.max(s.out));
                When::between(s.meeting, out, s.sent)
            }
            None => when,
        }
    }

    /// The public text of minutes, with the minute of each exempt item made a withheld
    /// unit of its own (its heading is the item's public title, so it stays public).
    fn split_minutes(
        &mut self,
        doc: &Document,
        tree: &Tree,
        sections: &[ExemptMinute],
        when: When,
    ) -> String {
        let mut public = tree.clone();
        // A sub-item's minute inside its exempt parent's goes with the parent's: keep the
        // outermost sections only, so the ranges do not overlap.
        let mut sorted = sections.to_vec();
        sorted.sort_by_key(|(r, ..)| (r.start, std::cmp::Reverse(r.end)));
        let mut outer: Vec<ExemptMinute> = Vec::new();
        for (range, mut paragraphs, item) in sorted {
            match outer.last_mut() {
                Some((o, p, _)) if range.start < o.end => {
                    p.append(&mut paragraphs);
                }
                _ => outer.push((range, paragraphs, item)),
            }
        }
        outer.reverse();
        let meeting_file = layout::meeting_file(&doc.committee, &doc.meeting);
        for (range, mut paragraphs, item) in outer {
            paragraphs.sort_unstable();
            paragraphs.dedup();
            let body = Tree {
                blocks: tree.blocks[range.start + 1..range.end].to_vec(),
                notes: Vec::new(),
            };
            let why = Some(Why::Exempt(paragraphs));
            let unit = self.unit(doc.rel.clone(), None, why, when, tree_text(&body));
            self.inv.units[unit].summarised_by =
                self.summaries.get(&(meeting_file.clone(), item)).copied();
            public.blocks.drain(range.start + 1..range.end);
        }
        tree_text(&public)
    }

    /// Background papers: an exempt one's title is withheld, the others are public.
    fn background_papers(
        &mut self,
        background: Option<&crate::model::Background>,
        rel: &Path,
        why: Option<Why>,
        when: When,
    ) {
        let Some(crate::model::Background::Papers(list)) = background else {
            return;
        };
        for p in list {
            let words = [Some(&p.title), p.inspect.as_ref(), p.link.as_ref()]
                .into_iter()
                .flatten()
                .map(|t| normal(t))
                .collect::<Vec<_>>()
                .join("\n ");
            match self.in_force(p.exempt.as_ref()) {
                Some(e) => {
                    let why = Some(Why::Exempt(e.paragraphs.clone()));
                    let unit = self.unit(rel.to_path_buf(), e.line, why, when, words);
                    self.inv.titles.push((normal(&p.title), unit, false));
                }
                None => {
                    self.unit(rel.to_path_buf(), None, why.clone(), when, words);
                }
            }
        }
    }

    /// The forward plan: public text from the day each entry first appeared, so an exempt
    /// report whose agenda goes out after that day may repeat it. (The gate cannot tell
    /// when an entry's words were last edited: words added in place later are dated by
    /// the day the entry first appeared, as docs/leak-gate.md says.) Of a private entry,
    /// only the matter and the reason are public by law (regulations 9 and 5(3)): its
    /// other words are not counted public, so a copy of the exempt report in them is still
    /// caught. The reasons written for exception routes and private meetings are not
    /// counted public either, for the same reason.
    fn forward_plan(&mut self) {
        for e in &self.lib.forward_plan.entries {
            let file = e.rel.clone();
            let when = When {
                meeting: None,
                out: Some(e.first_published),
                sent: Some(e.first_published),
            };
            let why = (e.first_published > self.as_of).then_some(Why::Unpublished);
            let mut public: Vec<&str> = vec![&e.reference, &e.matter];
            if let Some(p) = &e.private {
                public.push(&p.reason);
            } else {
                public.push(&e.decision_maker);
                public.extend(e.summary.as_deref());
                public.extend(e.documents.iter().map(String::as_str));
                public.extend(e.how_to_get.as_deref());
                public.extend(e.representations.as_deref());
            }
            for t in public {
                self.unit(file.clone(), None, why.clone(), when, normal(t));
            }
            if e.private.is_none() {
                self.plan_changes(e);
            }
        }
    }

    /// The changes written into an entry's history, and the reason it was withdrawn.
    /// Each is public from its own day, not the entry's: a change written after an
    /// exempt meeting must not count as public before it, or it could quote the
    /// meeting's exempt report. A change dated after the build date is not public yet.
    fn plan_changes(&mut self, e: &crate::model::forward_plan::Entry) {
        let changes = e.history.iter().map(|c| (c.date, c.change.as_str()));
        let withdrawn = (e.withdrawn.iter()).filter_map(|w| Some((w.on, w.reason.as_deref()?)));
        for (date, text) in changes.chain(withdrawn).collect::<Vec<_>>() {
            let day = date.max(e.first_published);
            let why = (day > self.as_of).then_some(Why::Unpublished);
            let when = When {
                meeting: None,
                out: Some(day),
                sent: Some(day),
            };
            self.unit(e.rel.clone(), None, why, when, normal(text));
        }
    }

    /// Decisions of officers and individual members: withheld while exempt, a draft or not
    /// yet published; their titles like documents' titles.
    fn officer_decisions(&mut self) {
        let lib = self.lib;
        for d in &lib.officer_decisions {
            let id = self.source();
            let own = self.in_force(d.exempt.as_ref());
            let why = match own {
                Some(e) => Some(Why::Exempt(e.paragraphs.clone())),
                None if d.draft => Some(Why::Draft),
                None if d.facts.published.unwrap_or(d.date) > self.as_of => Some(Why::Unpublished),
                None => None,
            };
            let mut text = tree_text(&d.body);
            text.push_str(&facts_text(&d.facts));
            let line = d.exempt.as_ref().and_then(|e| e.line);
            // Public from its `published:` day, which may be days after the decision;
            // withheld from the day it was taken.
            let when = When::between(
                id,
                d.facts.published.map_or(d.date, |p| p.max(d.date)),
                d.date,
            );
            let unit = self.unit(d.rel.clone(), line, why.clone(), when, text);
            self.statement(d.exempt.as_ref(), &d.rel, when);
            self.background_papers(d.background.as_ref(), &d.rel, why.clone(), when);
            // Like a paper exempt on its own: its title is public, unless a public title
            // stands in for it; a draft's or an unpublished one's is not.
            // An exempt decision's title (or the public title standing in for it) is in its
            // notice from its `published:` day; the decision may repeat it.
            // A public title the same as the real one hides nothing; nor does one whose
            // exemption has lapsed. Otherwise it hides the title whether or not the record
            // is exempt (round 22), as on items and documents.
            let lapsed = (d.exempt.as_ref()).is_some_and(|e| !e.in_force(self.as_of));
            let public_title =
                (d.public_title.as_ref()).filter(|p| !lapsed && normal(p) != normal(&d.title));
            if public_title.is_some() {
                self.own_page(d, unit, id);
            }
            // A title its route's notice shows is public from the notice's day, which may be
            // before the record is out (round 28: an ordinary decision's title, in its
            // notice, stopped every build until then), and before its `published:` day.
            let title_when = match self.notice_shows_title(d) {
                Some(day) if why.is_none() || matches!(why, Some(Why::Unpublished)) => {
                    Some(When::between(id, day, day)).filter(|w| w.out < when.out)
                }
                _ => None,
            };
            match (&why, public_title) {
                (None, None) => {
                    self.public_title(&d.title, &d.rel, title_when.unwrap_or(when));
                }
                (Some(Why::Unpublished), None) if let Some(noticed) = title_when => {
                    self.public_title(&d.title, &d.rel, noticed);
                }
                (None, Some(p)) => {
                    (self.inv.titles).push((normal(&d.title), unit, true));
                    self.public_title(p, &d.rel, when);
                }
                (Some(Why::Exempt(_)), None) => {
                    let title = self.public_title(&d.title, &d.rel, when);
                    self.inv.units[unit].titled_by.push(title);
                }
                _ => (self.inv.titles).push((normal(&d.title), unit, public_title.is_some())),
            }
            if let (Some(Why::Exempt(_)), Some(p)) = (&why, public_title) {
                let title = self.public_title(p, &d.rel, when);
                self.inv.units[unit].titled_by.push(title);
            }
        }
    }

    /// The day the notice of an officer's key decision's exception route went out, if it
    /// is out and has shown the decision's title since: it does unless it names a forward
    /// plan entry the public sees, whose matter it shows instead (round 29: the title was
    /// counted public though no notice showed it). As `redact` makes the notice; a draft
    /// has none.
    fn notice_shows_title(&self, d: &crate::model::decisions::OfficerDecision) -> Option<Date> {
        // Only a decision never exempt and never titled otherwise: what the notice of one
        // that was showed changed when its exemption lapsed (round 30).
        let plain = !d.draft && d.exempt.is_none() && !hides(d.public_title.as_ref(), &d.title);
        let kd = d.key_decision.as_ref().filter(|_| plain)?;
        let day = kd.notice_day().filter(|day| *day <= self.as_of)?;
        let entry = (kd.plan.as_deref()).and_then(|r| self.lib.forward_plan.entry(r));
        let names_entry = entry.is_some_and(|e| e.first_published <= self.as_of);
        (!names_entry).then_some(day)
    }

    /// A decision's title hidden by its public title, if short (see
    /// [`super::SCOPED_MIN_WORDS`]), is looked for in the pages and notices of the
    /// officers' decisions of its day, its own among them: a decision belongs to no
    /// meeting, and its page's and its notice's addresses are made from its date while its
    /// title is hidden (see `redact`). Those of that day's decisions whose file names do
    /// not start with the day (`urgent-roof-repairs.md`) are addressed by their names.
    fn own_page(&mut self, d: &crate::model::decisions::OfficerDecision, unit: usize, id: u32) {
        // Not `<day>-`: a file named `2021-10-21b-roof.md` starts with the day too.
        let day = crate::text::iso_date(d.date);
        let mut folders = vec![officer_record_start(&day)];
        folders.push(officer_notices_start(&day));
        for other in (self.lib.officer_decisions.iter()).filter(|o| o.date == d.date) {
            if !other.slug.starts_with(&day) {
                folders.push(officer_record_start(&format!("{}/", other.slug)));
                folders.push(officer_notices_start(&format!("{}-", other.slug)));
            }
        }
        self.inv.meeting_folders.insert(id, folders);
        self.inv.renamed.push((normal(&d.title), unit, id));
    }

    fn pages(&mut self) {
        for p in &self.lib.pages {
            let file = Path::new(layout::CONTENT_DIR).join(&p.key);
            let unit = self.unit(file.clone(), None, None, When::NEVER, tree_text(&p.body));
            // A unit, not a name: a withheld title equal to a free page's is still
            // looked for (a page's title is on every page, in the footer).
            let words = normal(&p.title);
            let title = self.unit(file.clone(), None, None, When::NEVER, words);
            self.inv.units[title].title = true;
            for r in &p.refs {
                self.file_ref(&r.target, false, unit);
            }
        }
    }

    fn unit(
        &mut self,
        file: PathBuf,
        line: Option<usize>,
        withheld: Option<Why>,
        when: When,
        text: String,
    ) -> usize {
        self.inv.units.push(Unit {
            file,
            line,
            meeting: when.meeting,
            day: if withheld.is_some() {
                when.sent
            } else {
                when.out
            },
            withheld,
            text,
            tree: None,
            title: false,
            summarised_by: None,
            titled_by: Vec::new(),
            whole_minutes: false,
        });
        self.inv.units.len() - 1
    }

    /// A title the public sees. It is public text like any other (minutes repeat their
    /// agenda's titles), and a withheld title equal to it is not distinctive.
    fn public_title(&mut self, t: &str, file: &Path, when: When) -> usize {
        let words = normal(t);
        self.note_public_title(words.clone(), when.out, when.meeting);
        let unit = self.unit(file.to_path_buf(), None, None, when, words);
        self.inv.units[unit].title = true;
        unit
    }

    /// Notes that the public sees a title from `day`, at `meeting` (a `None` day: a name,
    /// public whatever the day).
    fn note_public_title(&mut self, words: String, day: Option<Date>, meeting: Option<u32>) {
        let first = (self.inv.public_titles.entry(words)).or_insert(FirstOut {
            day,
            meetings: Vec::new(),
        });
        match (first.day, day) {
            (Some(a), Some(b)) if b < a => {
                *first = FirstOut {
                    day,
                    meetings: Vec::new(),
                }
            }
            (Some(a), Some(b)) if b > a => return,
            (Some(_), None) => first.day = None,
            _ => {}
        }
        first.meetings.extend(meeting);
    }

    fn file_ref(&mut self, key: &Path, withheld: bool, unit: usize) {
        if crate::model::refs::is_markdown_ext(key.extension().unwrap_or_default()) {
            return;
        }
        if withheld {
            self.inv.files.push(WithheldFile {
                key: key.to_path_buf(),
                unit,
            });
        } else if let Some(name) = key.file_name() {
            self.inv
                .public_names
                .insert(name.to_string_lossy().to_lowercase());
        }
    }
}

/// Minutes, or the minute of an item kept as a paper of its own ("Exempt minute 3"):
/// by kind, or by any title it has (a PDF has one at each listing).
fn minute_paper(doc: &Document) -> bool {
    let minute = |t: &String| {
        let title = normal(t);
        title.contains(" minute ") || title.contains(" minutes ")
    };
    doc.kind == crate::model::Kind::Minutes || titles_of(doc).any(minute)
}

/// Every title a paper has: its own, and a PDF's at each listing.
fn titles_of(doc: &Document) -> impl Iterator<Item = &String> {
    std::iter::once(&doc.title).chain(doc.listings.iter().map(|l| &l.title))
}

/// The days a minute paper's titles name before `listed`, the date of the meeting that
/// first lists it: each date, and the first of each month named with its year alone. A
/// day and month with no year is read as this year's or last year's: last year's is
/// dropped when this year's is before `listed` too, since a minute is listed for
/// approval within the year.
fn named_days(doc: &Document, listed: Date) -> Vec<Date> {
    let mut days: Vec<Date> = titles_of(doc)
        .flat_map(|t| {
            let mut d = crate::model::dates_in(t, listed);
            d.extend(crate::model::months_in(t));
            d
        })
        .filter(|&d| d < listed)
        .collect();
    days.sort_unstable();
    days.dedup();
    let later = |d: &Date| {
        d.replace_year(d.year() + 1)
            .is_ok_and(|next| days.binary_search(&next).is_ok())
    };
    let keep: Vec<bool> = days.iter().map(|d| !later(d)).collect();
    (days.iter().zip(keep))
        .filter_map(|(d, k)| k.then_some(*d))
        .collect()
}

/// Which list a paper's hidden titles go to (see [`Reader::renamed_paper`]).
#[derive(Debug, Clone, Copy)]
enum Renamed {
    Withheld,
    Addressed,
}

/// When a public title was first out: the day (`None` for a name, public whatever the
/// day) and the meetings whose agendas gave it that day.
#[derive(Debug, Clone, Default)]
pub struct FirstOut {
    pub day: Option<Date>,
    pub meetings: Vec<u32>,
}

impl FirstOut {
    /// Whether the title was out before `day`, or that day at `meeting`'s agenda.
    pub fn before(&self, day: Option<Date>, meeting: Option<u32>) -> bool {
        match (self.day, day) {
            (None, _) => true,
            (Some(out), Some(d)) => {
                out < d || (out == d && meeting.is_some_and(|m| self.meetings.contains(&m)))
            }
            (Some(_), None) => false,
        }
    }
}

/// A listing of a document by a meeting's agenda (or, for minutes, the day they are
/// taken to be out).
#[derive(Debug, Clone, Copy)]
struct Shown {
    /// The listing meeting's number for [`Unit::meeting`].
    meeting: u32,
    /// The listing meeting's date: members have its papers by then.
    date: Date,
    /// The day the paper went out with this listing, if public.
    out: Date,
    /// The day members could have had it from this listing.
    sent: Date,
    /// Whether the listing is under an exempt item.
    exempt: bool,
    /// Whether the public sees the listing on the build date.
    published: bool,
}

impl Shown {
    /// A listing by the agenda of meeting `at`, out on `out`.
    fn of(at: Held, out: Date, exempt: bool) -> Shown {
        Shown {
            meeting: at.id,
            date: at.date,
            out,
            sent: at.sent,
            exempt,
            published: at.published,
        }
    }
}

/// What the gate keeps of a meeting.
#[derive(Debug, Clone, Copy)]
struct Held {
    /// The day its business went to members: its agenda's day, or the meeting's if it
    /// has none or a later one.
    sent: Date,
    date: Date,
    /// Whether its agenda is published on the build date.
    published: bool,
    /// Its number for [`Unit::meeting`].
    id: u32,
}

/// Where a text sits in time (see [`Unit::meeting`] and [`Unit::day`]): its meeting, and
/// two days, of which [`Reader::unit`] keeps the one for the text's part. Public text is
/// as new as the day it went public (`out`); withheld text as old as the day members
/// could have had it (`sent`), which is never after its meeting.
#[derive(Debug, Clone, Copy)]
struct When {
    meeting: Option<u32>,
    out: Option<Date>,
    sent: Option<Date>,
}

impl When {
    /// Public from the start: quire's own wording.
    const ALWAYS: When = When {
        meeting: None,
        out: Some(Date::MIN),
        sent: Some(Date::MIN),
    };
    /// A page, a name: it could have been written any time.
    const NEVER: When = When {
        meeting: None,
        out: None,
        sent: None,
    };

    /// A text of meeting (or officer's decision) `id` out, or with members, on `day`.
    fn of(id: u32, day: Date) -> When {
        When::between(id, day, day)
    }

    /// A text of meeting `id`, out on `out` if public, with members from `sent` if not.
    fn between(id: u32, out: Date, sent: Date) -> When {
        When {
            meeting: Some(id),
            out: Some(out),
            sent: Some(sent),
        }
    }
}

/// The words of a decision's record beyond its resolution.
fn facts_text(f: &crate::model::decisions::DecisionFacts) -> String {
    let mut out = String::from(" ");
    for t in [&f.reasons, &f.alternatives, &f.interests, &f.dispensation]
        .into_iter()
        .flatten()
    {
        super::words::push_normal(t, &mut out);
        out.push_str("\n ");
    }
    if let Some(c) = &f.called_in {
        for t in [&c.by, &c.outcome].into_iter().flatten() {
            super::words::push_normal(t, &mut out);
            out.push_str("\n ");
        }
    }
    if let Some(
        crate::model::decisions::Immediate::Urgent(r)
        | crate::model::decisions::Immediate::NoCallIn(r),
    ) = &f.immediate
    {
        super::words::push_normal(r, &mut out);
        out.push_str("\n ");
    }
    out
}

/// Whether any item, at any depth, is marked exempt (in force or not).
fn has_exempt(items: &[Item]) -> bool {
    items
        .iter()
        .any(|i| i.exempt.is_some() || has_exempt(&i.items))
}

/// Items exempt on their own and in force, with the paragraphs they are exempt under.
fn own_exempt_in_force(items: &[Item], r: &Reader, out: &mut Vec<(String, Vec<u32>)>) {
    for i in items {
        if let Some(e) = r.in_force(i.exempt.as_ref()) {
            out.push((i.number.clone(), e.paragraphs.clone()));
        }
        own_exempt_in_force(&i.items, r, out);
    }
}

/// Every word of a body a reader could be shown: text, footnotes, alternative text,
/// link and image titles, code. Link targets are left out: they are addresses, not words.
/// Blocks (paragraphs, headings, table, code) end with a line break: a phrase never
/// spans two, so a run of standard headings is not mistaken for a passage.
pub fn tree_text(tree: &Tree) -> String {
    let mut out = String::from(" ");
    for b in tree.blocks.iter().chain(tree.notes.iter().flatten()) {
        block(b, &mut out);
    }
    out
}

fn block(b: &Block, out: &mut String) {
    use super::words::push_normal;
    let leaf = !matches!(b, Block::List { .. } | Block::Quote(_));
    match b {
        Block::Para { c, .. } | Block::Heading { c, .. } => inlines(c, out),
        Block::Figure { alt, title, .. } => {
            push_normal(alt, out);
            push_normal(title, out);
        }
        Block::List { items, .. } => items.iter().flatten().for_each(|b| block(b, out)),
        Block::Quote(inner) => inner.iter().for_each(|b| block(b, out)),
        Block::Code { text, .. } => push_normal(text, out),
        // Each row is a block of its own: a copied row is a passage.
        Block::Table { head, rows, .. } => {
            for row in std::iter::once(head).chain(rows) {
                for cell in row {
                    inlines(cell, out);
                }
                out.push_str("\n ");
            }
        }
        Block::Rule => {}
    }
    if leaf {
        out.push_str("\n ");
    }
}

fn inlines(c: &[Inline], out: &mut String) {
    use super::words::push_normal;
    for i in c {
        match i {
            Inline::Text(t) | Inline::Code(t) => push_normal(t, out),
            Inline::Em(c) | Inline::Strong(c) | Inline::Del(c) => inlines(c, out),
            Inline::Link { title, c, dest } => {
                inlines(c, out);
                push_normal(title, out);
                // A web address can name what it points at (a bidder, a price): it is
                // published in the page's markup, so it is text like any other.
                if let crate::model::links::Dest::Web(url) = dest {
                    out.push_str("\n ");
                    push_normal(url, out);
                    out.push_str("\n ");
                }
            }
            Inline::Image { alt, title, .. } => {
                push_normal(alt, out);
                push_normal(title, out);
            }
            Inline::Break | Inline::Note(_) => {}
        }
    }
}

/// Where a committee's meetings are, for [`Reader::follow_up`]: from each place, the first
/// meeting that met; each meeting's place by source id and by folder name; and for each
/// day, the places of the meetings whose agenda names that day's minutes by title.
struct Places<'a> {
    first_met: &'a [Option<usize>],
    place: &'a HashMap<u32, usize>,
    by_slug: &'a HashMap<&'a str, usize>,
    named: &'a HashMap<Date, Vec<usize>>,
}

/// For each day, the places (in order) of the committee's meetings with an item titled as
/// the minutes of a meeting held that day.
fn minutes_named(ids: &[(&Meeting, u32)]) -> HashMap<Date, Vec<usize>> {
    fn dates(items: &[Item], near: Date, out: &mut Vec<Date>) {
        for item in items {
            if crate::model::titled_as_minutes(&item.title) {
                out.extend(crate::model::dates_in(&item.title, near));
            }
            dates(&item.items, near, out);
        }
    }
    let mut named: HashMap<Date, Vec<usize>> = HashMap::new();
    for (i, (n, _)) in ids.iter().enumerate() {
        let mut days = Vec::new();
        dates(&n.items, n.date, &mut days);
        days.sort_unstable();
        days.dedup();
        for d in days {
            named.entry(d).or_default().push(i);
        }
    }
    named
}

/// Whether meeting `n` was held before `m` on their day: only if both give a time.
fn held_before(n: &Meeting, m: &Meeting) -> bool {
    n.time.zip(m.time).is_some_and(|(a, b)| a < b)
}

/// Whether a public title hides a paper's title, its own or one a listing gives it.
fn hides_title(doc: &Document) -> bool {
    hides(doc.public_title.as_ref(), &doc.title)
        || (doc.listings.iter()).any(|l| hides(l.public_title.as_ref(), &l.title))
}

/// Whether a public title hides a title (one the same hides nothing).
fn hides(public_title: Option<&String>, title: &str) -> bool {
    public_title.is_some_and(|p| normal(p) != normal(title))
}

/// The start of the addresses of officers' decision records: `decisions/officers/` and
/// `name`, without the leading `/`, as the gate reads paths.
fn officer_record_start(name: &str) -> String {
    let officers = crate::redact::OFFICERS_URL.trim_start_matches('/');
    format!("{officers}{name}")
}

/// The start of the addresses of officers' decisions' notices named `name` (see
/// [`crate::redact::officer_notices_start`]), without the leading `/`.
fn officer_notices_start(name: &str) -> String {
    crate::redact::officer_notices_start(name)
        .trim_start_matches('/')
        .to_string()
}
