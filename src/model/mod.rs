//! Model: the whole site, parsed, cross-checked and frozen.
//!
//! [`build`] turns the raw [`crate::load::Sources`] into a [`Library`] that cannot be
//! invalid: every member, document and file that anything refers to exists, every date
//! parses, every Schedule 12A paragraph is valid for the site's jurisdiction. The
//! library holds everything, exempt and draft matter included; only
//! [`crate::redact`] decides who sees what.

mod attendance_check;
pub mod calendar;
pub mod deadlines;
pub mod decisions;
mod documents;
pub mod forward_plan;
pub mod item_titles;
mod lapses;
pub mod links;
mod meetings;
pub use meetings::next_item_number;
mod minutes;
mod misfiled;
pub mod raw;
pub mod refs;
pub mod reviews;
pub mod sizes;
mod supplements;
pub mod tree;

use std::collections::BTreeMap;
use std::path::PathBuf;

/// Officers' hidden notes, removed from every text the model reads.
pub use crate::comments;
use crate::config::Config;
use crate::diag::Diagnostics;
pub use crate::load::FileIdentity;
use crate::load::Sources;
/// The law's categories, which the config names and the model checks paragraphs against.
pub use crate::schedule12a;
/// Small text helpers (dates, slugs, lists) that every stage uses.
pub use crate::text;
pub use minutes::titled_as_minutes;
pub use misfiled::{dates_in, months_in};
pub use raw::{Kind, RawContact as Contact, Status};

/// A document of the library. It indexes [`Library::documents`] and nothing else: an
/// edition numbers its documents its own way (plain indices into its own list), and the
/// compiler keeps the two apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(usize);

impl DocId {
    /// The id the next document pushed onto `documents` will have.
    pub(crate) fn next(documents: &[Document]) -> DocId {
        DocId(documents.len())
    }
}

impl std::ops::Index<DocId> for Vec<Document> {
    type Output = Document;
    fn index(&self, id: DocId) -> &Document {
        &self[id.0]
    }
}

impl std::ops::IndexMut<DocId> for Vec<Document> {
    fn index_mut(&mut self, id: DocId) -> &mut Document {
        &mut self[id.0]
    }
}

#[derive(Debug)]
pub struct Library {
    pub config: Config,
    /// The site root, and `content/` inside it, as absolute paths.
    pub root: PathBuf,
    pub content: PathBuf,
    /// Sorted by slug.
    pub committees: Vec<Committee>,
    pub members: BTreeMap<String, Member>,
    /// Sorted by slug.
    pub pages: Vec<Page>,
    pub documents: Vec<Document>,
    /// The identity on disk of every file a reference points at, by content path, so
    /// that a withheld file is recognised under any other name that reaches it.
    pub file_ids: std::collections::HashMap<PathBuf, FileIdentity>,
    /// The forward plan (notice of key decisions), sorted by reference.
    pub forward_plan: forward_plan::Plan,
    /// Decisions of officers and individual members, by date.
    pub officer_decisions: Vec<decisions::OfficerDecision>,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub slug: String,
    pub name: String,
    pub party: Option<String>,
    pub division: Option<String>,
}

#[derive(Debug)]
pub struct Committee {
    pub slug: String,
    pub name: String,
    pub description: Option<tree::Tree>,
    /// Every membership, past and present, in the order given.
    pub members: Vec<Membership>,
    pub clerk: Option<Contact>,
    /// Takes executive decisions: its decisions carry the regulation 12 record and call-in.
    pub executive: bool,
    /// Sorted by date, then slug.
    pub meetings: Vec<Meeting>,
}

/// One member's seat on a committee, for as long as it lasted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub member: String,
    pub role: Option<String>,
    /// First and last day as a member; open-ended when not given.
    pub from: Option<time::Date>,
    pub to: Option<time::Date>,
}

impl Membership {
    /// Whether the member sat on the committee on `day`.
    pub fn on(&self, day: time::Date) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day <= t)
    }
}

#[derive(Debug)]
pub struct Meeting {
    pub slug: String,
    pub date: time::Date,
    pub time: Option<time::Time>,
    pub venue: String,
    pub status: Status,
    pub agenda_published: Option<time::Date>,
    pub attendance: Option<Attendance>,
    pub items: Vec<Item>,
    /// The meeting's own `minutes.md`, if written.
    pub minutes: Option<DocId>,
    /// The notices of a meeting held partly in private (regulation 5 of SI 2012/2089).
    pub private_notice: Option<forward_plan::PrivateNotice>,
}

/// The minute of one exempt item (its own exemption or its parent's), found by its
/// number and checked against the item's title, so that the public minutes can leave it
/// out: the blocks from its heading to the next heading of the same or a higher level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinuteSection {
    pub item: String,
    pub blocks: std::ops::Range<usize>,
}

#[derive(Debug, Default)]
pub struct Attendance {
    pub present: Vec<String>,
    pub apologies: Vec<String>,
    pub absent: Vec<String>,
    /// (substitute, for whom)
    pub substitutes: Vec<(String, String)>,
    pub officers: Vec<String>,
}

#[derive(Debug)]
pub struct Item {
    /// "1", "8a", or whatever `number:` said.
    pub number: String,
    /// The line of its `title:` in meeting.yaml, for messages.
    pub line: Option<usize>,
    pub title: String,
    pub public_title: Option<String>,
    pub body: Option<tree::Tree>,
    /// Local files and documents the body links to or shows.
    pub refs: Vec<refs::Ref>,
    pub documents: Vec<DocId>,
    pub exempt: Option<Exemption>,
    /// Set when the item was added after the agenda went out (a supplementary agenda).
    pub published: Option<time::Date>,
    /// The chair's reason for taking the item as urgent business.
    pub urgent: Option<String>,
    /// For an exempt item: the public summary that stands in the minutes in place of the
    /// full minute.
    pub minutes_summary: Option<tree::Tree>,
    /// What the record of the item's decision says beyond the minutes' resolution.
    pub decision: Option<decisions::DecisionFacts>,
    /// A key decision: its forward plan entry, or the exception route taken.
    pub key_decision: Option<forward_plan::KeyDecision>,
    pub items: Vec<Item>,
}

/// A Schedule 12A exemption, on an item or a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exemption {
    pub paragraphs: Vec<u32>,
    /// The exemption lapses on this date: from then on the matter is public.
    pub until: Option<time::Date>,
    /// The date by which the council means to review whether it still applies.
    pub review: Option<time::Date>,
    /// The public interest statement; members' edition only.
    pub reason: Option<String>,
    /// The line of the `exempt:` key, for messages.
    pub line: Option<usize>,
}

impl Exemption {
    /// Whether the exemption still holds on `as_of`.
    pub fn in_force(&self, as_of: time::Date) -> bool {
        self.until.is_none_or(|until| until > as_of)
    }

    /// The most restrictive combination of two exemptions on the same matter: every
    /// paragraph either cites, lasting as long as the longer one (for ever if either is).
    pub fn merge(&self, other: &Exemption) -> Exemption {
        let mut paragraphs: Vec<u32> = self
            .paragraphs
            .iter()
            .chain(&other.paragraphs)
            .copied()
            .collect();
        paragraphs.sort_unstable();
        paragraphs.dedup();
        let until = match (self.until, other.until) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
        let reason = match (&self.reason, &other.reason) {
            (Some(a), Some(b)) if a != b => Some(format!("{a}\n\n{b}")),
            (a, b) => a.clone().or_else(|| b.clone()),
        };
        // The earlier review is the one due first.
        let review = match (self.review, other.review) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Exemption {
            paragraphs,
            until,
            review,
            reason,
            line: self.line.or(other.line),
        }
    }

    /// [`Exemption::merge`] over optional exemptions.
    pub fn merge_opt(a: Option<&Exemption>, b: Option<&Exemption>) -> Option<Exemption> {
        match (a, b) {
            (Some(a), Some(b)) => Some(a.merge(b)),
            (a, b) => a.or(b).cloned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Exemption;
    use time::macros::date;

    #[test]
    fn merged_exemptions_keep_every_paragraph_and_the_longest_term() {
        let a = Exemption {
            paragraphs: vec![1],
            until: Some(date!(2027 - 01 - 01)),
            review: Some(date!(2026 - 06 - 01)),
            reason: None,
            line: Some(3),
        };
        let b = Exemption {
            paragraphs: vec![3, 1],
            until: Some(date!(2028 - 01 - 01)),
            review: Some(date!(2026 - 03 - 01)),
            reason: Some("r".into()),
            line: Some(9),
        };
        let m = a.merge(&b);
        assert_eq!(m.paragraphs, vec![1, 3]);
        assert_eq!(m.until, Some(date!(2028 - 01 - 01)));
        assert_eq!(m.review, Some(date!(2026 - 03 - 01)));
        assert_eq!(m.reason.as_deref(), Some("r"));
        let forever = Exemption {
            paragraphs: vec![2],
            until: None,
            review: None,
            reason: None,
            line: None,
        };
        assert_eq!(a.merge(&forever).until, None);
    }
}

#[derive(Debug)]
pub struct Document {
    pub id: DocId,
    pub committee: String,
    /// The meeting folder the document lives in.
    pub meeting: String,
    /// The file stem (Markdown) or file name (PDF); the last part of its URL.
    pub slug: String,
    /// Site-relative path, for messages.
    pub rel: PathBuf,
    /// Path relative to `content/`; also the document's key for references.
    pub key: PathBuf,
    pub title: String,
    pub public_title: Option<String>,
    pub kind: Kind,
    pub report_of: Option<String>,
    pub divisions: Option<String>,
    pub contact: Option<Contact>,
    pub exempt: Option<Exemption>,
    pub draft: bool,
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub date: Option<time::Date>,
    pub signed: Vec<String>,
    /// A PDF appendix's listings: the titles each meeting.yaml gave it. A title is only as
    /// public as the agenda it is written in. Empty for Markdown documents, whose titles
    /// are in their own front matter.
    pub listings: Vec<Listing>,
    /// The day the document went public, when it says: a paper published after its
    /// agenda, or minutes.
    pub published: Option<time::Date>,
    /// The document of the same meeting that this one replaces.
    pub replaces: Option<DocId>,
    /// The report's background papers (s100D), when it lists them.
    pub background: Option<Background>,
    /// Minutes only: whether they are approved, and where.
    pub approval: Option<Approval>,
    /// Minutes only: the sections that minute an exempt item of their meeting (found and
    /// checked by the model), for the public minutes to leave out.
    pub exempt_sections: Vec<MinuteSection>,
    /// Minutes only: items exempt on their own whose minute was not found. While any of
    /// them is exempt, the public site leaves the whole minutes out.
    pub unplaced_exempt_minutes: Vec<String>,
    /// Minutes only: the headings (one block each) of the minutes of items with a public
    /// title that name the item by the title it hides, as the agenda in `meeting.yaml`
    /// does: the public minutes head them with the public title.
    pub retitled_sections: Vec<MinuteSection>,
    /// Cross-references resolved once every meeting of the committee is read.
    pub(crate) pending: Pending,
    pub body: Body,
}

/// What a document names by path and the model resolves later, with the lines to blame.
#[derive(Debug, Default, Clone)]
pub struct Pending {
    pub replaces: Option<(String, Option<usize>)>,
    pub approved_at: Option<(String, Option<usize>)>,
}

/// s100D background papers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Background {
    /// "None", written by the officer.
    None,
    Papers(Vec<BackgroundPaper>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackgroundPaper {
    pub title: String,
    pub link: Option<String>,
    pub inspect: Option<String>,
    /// An exempt background paper is never listed in public.
    pub exempt: Option<Exemption>,
}

/// Whether minutes are approved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Approval {
    /// The minutes say neither `status:` nor `approved_at:`. They are published as
    /// minutes always were, and nothing claims that they were approved.
    Unstated,
    Draft,
    /// Approved; at this meeting of the committee (slug, date) when the minutes say.
    Approved {
        at: Option<(String, time::Date)>,
    },
}

impl Approval {
    /// Whether the minutes are a draft on `as_of`: written so, or approved at a meeting
    /// that has not yet happened.
    pub fn draft_on(&self, as_of: time::Date) -> bool {
        match self {
            Approval::Draft => true,
            Approval::Approved { at: Some((_, day)) } => *day > as_of,
            Approval::Approved { at: None } | Approval::Unstated => false,
        }
    }
}

/// One meeting's listing of a PDF appendix.
#[derive(Debug, Clone)]
pub struct Listing {
    /// (committee, meeting) whose meeting.yaml holds the listing.
    pub meeting: (String, String),
    pub title: String,
    pub public_title: Option<String>,
    /// The listing's own `published:` day (a supplementary paper), if it gives one.
    pub published: Option<time::Date>,
}

#[derive(Debug)]
pub enum Body {
    Markdown {
        /// Shared with the edition, which publishes most documents as they are: a deep
        /// copy of every tree was the largest part of a large archive's peak memory.
        tree: std::sync::Arc<tree::Tree>,
        /// Local files and documents the Markdown links to or shows.
        refs: Vec<refs::Ref>,
    },
    /// A PDF appendix, embedded page by page in the pack.
    Pdf {
        path: PathBuf,
        bytes: u64,
        pages: usize,
        identity: FileIdentity,
    },
}

#[derive(Debug)]
pub struct Page {
    pub slug: String,
    pub key: PathBuf,
    pub title: String,
    pub summary: Option<String>,
    pub body: tree::Tree,
    pub refs: Vec<refs::Ref>,
}

/// Builds the library, reporting every problem found.
///
/// Takes each committee's Markdown texts out of `sources` once its documents are built:
/// their words are in the documents' trees by then, and at a council's scale the texts
/// are tens of megabytes (messages read the lines they quote from the files again).
pub fn build(config: Config, sources: &mut Sources, diags: &mut Diagnostics) -> Library {
    let members = meetings::members(sources, diags);
    // Every Markdown file is a document (PDF appendices add a few): sized once, the
    // vector never holds a doubled copy of itself while it grows.
    let markdown: usize = (sources.committees.iter())
        .flat_map(|c| &c.meetings)
        .map(|m| m.markdown.len())
        .sum();
    let mut documents = Vec::with_capacity(markdown);
    let files = meetings::FileDocs::default();
    let mut committees = Vec::with_capacity(sources.committees.len());
    for i in 0..sources.committees.len() {
        let c = &sources.committees[i];
        committees.extend(meetings::committee(
            &config,
            sources,
            c,
            &members,
            &mut documents,
            &files,
            diags,
        ));
        for m in &mut sources.committees[i].meetings {
            m.markdown = Vec::new();
        }
    }
    let pages = documents::pages(sources, diags);
    let officer_decisions = decisions::officer_decisions(sources, config.jurisdiction, diags);
    let library = Library {
        config,
        root: sources.root.clone(),
        content: sources.content.clone(),
        committees,
        members,
        pages,
        documents,
        file_ids: Default::default(),
        forward_plan: Default::default(),
        officer_decisions,
    };
    let mut library = library;
    library.file_ids = refs::check_all(&library, diags);
    misfiled::check(&library, diags);
    lapses::check(&library, diags);
    sizes::check(&library, diags);
    attendance_check::check(&library, sources, diags);
    library.forward_plan = forward_plan::build(&library, &sources.forward_plan, diags);
    forward_plan::check_officer_decisions(&library, diags);
    library
}
