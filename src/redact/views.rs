//! The view types of an edition: what renderers are allowed to see.
//!
//! These types are the allowlist. A field that is not here cannot be printed by any
//! template, written to any PDF or indexed for search.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Audience;
use crate::config::Config;
use crate::model::tree::Tree;
use crate::model::{Contact, Kind, Membership, Status};

/// One audience's view of the whole site.
///
/// Its fields are private to [`crate::redact`]: nothing else can build an edition or
/// change one, so what the renderers read is exactly what the redaction rules let through.
#[derive(Debug)]
pub struct Edition {
    pub(super) config: Config,
    pub(super) audience: Audience,
    pub(super) as_of: time::Date,
    pub(super) committees: Vec<CommitteeView>,
    /// All meetings, committee by committee, each committee's by date.
    pub(super) meetings: Vec<MeetingView>,
    pub(super) documents: Vec<DocumentView>,
    pub(super) members: Vec<MemberView>,
    pub(super) pages: Vec<PageView>,
    /// Files to copy into the site: URL → the file.
    pub(super) assets: BTreeMap<String, FileHandle>,
    /// Content-relative source path → URL, for everything this edition publishes.
    pub(super) urls: BTreeMap<PathBuf, String>,
    /// The record of what is withheld, meeting by meeting, in agenda order.
    pub(super) withheld: Vec<Withheld>,
    /// The forward plan and its notices, as the audience may see them.
    pub(super) forward_plan: super::PlanView,
    /// Every decision the audience may read, newest first.
    pub(super) decisions: Vec<super::DecisionView>,
    /// Meeting index → indices into `decisions` of the decisions its minutes record.
    pub(super) decisions_by_meeting: std::collections::HashMap<usize, Vec<usize>>,
}

/// One entry of the public redaction record: an exempt item or document on a published
/// agenda, by the name the public knows it by. Never its content, nor the public interest
/// statement itself: only whether one was recorded.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Withheld {
    /// Index into [`Edition::meetings`].
    #[serde(skip)]
    pub meeting: usize,
    /// The agenda item's number.
    pub item: String,
    /// "item" or "document".
    pub kind: &'static str,
    pub title: String,
    pub paragraphs: Vec<Paragraph>,
    /// The date the exemption lapses, if one was set.
    pub until: Option<String>,
    /// The date it is due for review, if one was set.
    pub review: Option<String>,
    pub public_interest_statement: bool,
}

/// A file from `content/` that an edition publishes (an image, a PDF appendix). Renderers
/// cannot open it by path: they read it through [`FileHandle::read`], which strips hidden
/// metadata from images, and only an edition hands them out.
///
/// The handle remembers the file as it was when the edition was made, before the leak
/// gate read it: a file saved over since then is not read (see [`FileHandle::read`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileHandle(PathBuf, Option<crate::load::Seen>);

impl FileHandle {
    pub(super) fn new(path: PathBuf) -> FileHandle {
        let seen = crate::load::seen(&path);
        FileHandle(path, seen)
    }

    /// A handle for a unit test of a renderer, which has no edition to ask.
    #[cfg(test)]
    pub(crate) fn for_tests(path: PathBuf) -> FileHandle {
        FileHandle::new(path)
    }

    /// The file's bytes as they may be published, if it is still the file it was when
    /// the edition was made: otherwise an error, since the leak gate read other bytes.
    pub fn read(&self) -> std::io::Result<Vec<u8>> {
        crate::load::read_asset_as_seen(&self.0, self.1)
    }

    /// Where the file is in the site, for audits and tests. Renderers read the file with
    /// [`FileHandle::read`] and nothing else: clippy.toml forbids them the file system.
    pub fn content_path(&self) -> &std::path::Path {
        &self.0
    }

    /// The file's name, for messages.
    pub fn file_name(&self) -> String {
        self.0
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// The file's lower-case extension ("png"), for naming it inside a pack.
    pub fn extension(&self) -> String {
        self.0
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default()
    }
}

/// See [`Edition::marking`].
pub const MEMBERS_MARKING: &str = "Members' edition: NOT FOR PUBLICATION";

impl Edition {
    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn audience(&self) -> Audience {
        self.audience
    }

    /// The build date.
    pub fn as_of(&self) -> time::Date {
        self.as_of
    }

    pub fn committees(&self) -> &[CommitteeView] {
        &self.committees
    }

    pub fn meetings(&self) -> &[MeetingView] {
        &self.meetings
    }

    pub fn documents(&self) -> &[DocumentView] {
        &self.documents
    }

    /// Sorted by slug.
    pub fn members(&self) -> &[MemberView] {
        &self.members
    }

    pub fn pages(&self) -> &[PageView] {
        &self.pages
    }

    /// URL → file, for every content file the edition publishes.
    pub fn assets(&self) -> &BTreeMap<String, FileHandle> {
        &self.assets
    }

    /// Content-relative source path → URL, for everything the edition publishes.
    pub fn urls(&self) -> &BTreeMap<PathBuf, String> {
        &self.urls
    }

    /// The redaction record: every exempt item and document on a published agenda.
    pub fn withheld(&self) -> &[Withheld] {
        &self.withheld
    }

    /// The redaction record of meeting `mi`. The record is in meeting order, so this is
    /// a binary search, not a scan: every meeting page asks for its part.
    pub fn withheld_of(&self, mi: usize) -> &[Withheld] {
        let start = self.withheld.partition_point(|w| w.meeting < mi);
        let end = self.withheld.partition_point(|w| w.meeting <= mi);
        &self.withheld[start..end]
    }

    /// The forward plan (notice of key decisions) and the published notices.
    pub fn forward_plan(&self) -> &super::PlanView {
        &self.forward_plan
    }

    /// Every decision the audience may read, newest first.
    pub fn decisions(&self) -> &[super::DecisionView] {
        &self.decisions
    }

    /// The decisions meeting `mi`'s minutes record, in the order of the minutes.
    pub fn decisions_of(&self, mi: usize) -> impl Iterator<Item = &super::DecisionView> {
        self.decisions_by_meeting
            .get(&mi)
            .into_iter()
            .flatten()
            .map(|&i| &self.decisions[i])
    }

    pub fn is_confidential(&self) -> bool {
        self.audience == Audience::Confidential
    }

    /// The marking every data file of the members' edition carries (feeds, calendar,
    /// sitemap, JSON records, spreadsheet, search index), in the words of its pages'
    /// banner; none in the public edition. The leak gate refuses a file holding these
    /// words that it did not make itself, so a copy of such a file saved in the theme or
    /// attached to a paper is never published, whatever short titles it holds.
    pub fn marking(&self) -> Option<&'static str> {
        self.is_confidential().then_some(MEMBERS_MARKING)
    }

    /// A member by slug (members are sorted by slug).
    pub fn member(&self, slug: &str) -> Option<&MemberView> {
        self.members
            .binary_search_by(|m| m.slug.as_str().cmp(slug))
            .ok()
            .map(|i| &self.members[i])
    }

    /// A member's name, or the slug itself if unknown (the model has checked every slug).
    pub fn member_name(&self, slug: &str) -> String {
        self.member(slug)
            .map(|m| m.name.clone())
            .unwrap_or_else(|| slug.to_string())
    }
}

#[derive(Debug)]
pub struct CommitteeView {
    pub slug: String,
    pub url: String,
    pub name: String,
    pub description: Option<Tree>,
    /// Every membership, past and present, with its dates.
    pub members: Vec<Membership>,
    pub clerk: Option<Contact>,
    /// Indices into [`Edition::meetings`], by date.
    pub meetings: Vec<usize>,
}

/// Whether and when a meeting's papers are public.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Papers {
    Published(time::Date),
    /// To be published on this date.
    NotYet(time::Date),
    /// No publication date set yet.
    NotScheduled,
}

#[derive(Debug)]
pub struct MeetingView {
    pub committee: usize,
    pub slug: String,
    pub url: String,
    pub date: time::Date,
    pub time: Option<time::Time>,
    pub venue: String,
    pub status: Status,
    pub papers: Papers,
    pub attendance: Option<AttendanceView>,
    /// Empty when the audience may not see the papers yet.
    pub items: Vec<ItemView>,
    /// Index into [`Edition::documents`] of the meeting's own minutes.
    pub minutes: Option<usize>,
    /// Papers published after the agenda, grouped by day: supplementary agenda 1, 2, ...
    /// Only those the audience may see on the build date.
    pub supplements: Vec<Supplement>,
    /// Minutes of earlier meetings that this meeting approved (indices into
    /// [`Edition::documents`]).
    pub approves: Vec<usize>,
}

/// A supplementary agenda: what was published on one day after the agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Supplement {
    /// 1, 2, ... in order of date.
    pub number: usize,
    pub date: time::Date,
    /// Numbers of the items first published in it.
    pub items: Vec<String>,
    /// Documents first published in it (indices into [`Edition::documents`]), with the
    /// number of the item that lists each.
    pub documents: Vec<(String, usize)>,
    /// (replaced, replacement) among them.
    pub replaced: Vec<(usize, usize)>,
    /// Withheld papers first published in it: the item's number and the paper's public
    /// name.
    pub withheld: Vec<(String, String)>,
}

impl MeetingView {
    /// The supplementary agenda published on `day`, if any.
    pub fn supplement_on(&self, day: Option<time::Date>) -> Option<&Supplement> {
        let day = day?;
        self.supplements.iter().find(|s| s.date == day)
    }

    /// The supplementary agenda that first published document `doc`, if any.
    pub fn supplement_of_document(&self, doc: usize) -> Option<&Supplement> {
        self.supplements
            .iter()
            .find(|s| s.documents.iter().any(|(_, d)| *d == doc))
    }

    /// The supplementary agenda that added item `number`, if any.
    pub fn supplement_of_item(&self, number: &str) -> Option<&Supplement> {
        self.supplements
            .iter()
            .find(|s| s.items.iter().any(|n| n == number))
    }
}

impl CommitteeView {
    /// The members who sat on the committee on `day`, in the order committee.yaml gives.
    pub fn members_on(&self, day: time::Date) -> impl Iterator<Item = &Membership> {
        self.members.iter().filter(move |m| m.on(day))
    }
}

impl MeetingView {
    /// " (extraordinary)" for a meeting in `2021-10-13-extraordinary`: what tells two
    /// meetings of one committee on one day apart, on the web and in the pack alike.
    pub fn suffix(&self) -> String {
        match self.slug.get(11..) {
            Some(s) if !s.is_empty() => format!(" ({})", s.replace('-', " ")),
            _ => String::new(),
        }
    }
}

impl Edition {
    /// "Cabinet, Wednesday 13 October 2021 (extraordinary)".
    pub fn meeting_title(&self, m: &MeetingView) -> String {
        format!(
            "{}, {}{}",
            self.committees[m.committee].name,
            crate::model::text::long_date(m.date),
            m.suffix()
        )
    }
}

#[derive(Debug, Clone)]
pub struct AttendanceView {
    pub present: Vec<String>,
    pub apologies: Vec<String>,
    pub absent: Vec<String>,
    pub substitutes: Vec<(String, String)>,
    pub officers: Vec<String>,
}

#[derive(Debug)]
pub struct ItemView {
    pub number: String,
    pub title: String,
    pub body: Option<Tree>,
    pub documents: Vec<DocSlot>,
    /// Set when the item is exempt: in the public edition it is all that is left of the
    /// item; in the members' edition it marks the item NOT FOR PUBLICATION.
    pub notice: Option<Notice>,
    /// Set when the item's own exemption has lapsed: "Published on 1 January 2024;
    /// previously exempt under paragraph 3 of Part 1 of Schedule 12A ...".
    pub released: Option<String>,
    /// The chair's reason for taking the item as urgent business.
    pub urgent: Option<String>,
    /// When the item came after the agenda: the day it was published.
    pub published: Option<time::Date>,
    /// A key decision: its forward plan entry, or the exception route taken.
    pub key_decision: Option<crate::model::forward_plan::KeyDecision>,
    pub items: Vec<ItemView>,
}

#[derive(Debug)]
pub enum DocSlot {
    /// Index into [`Edition::documents`].
    Shown(usize),
    /// An exempt document in a public item: its public title and the notice.
    Withheld {
        title: String,
        notice: Notice,
        /// The paper's own publication day, when it says one.
        published: Option<time::Date>,
    },
}

/// A Schedule 12A notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub paragraphs: Vec<Paragraph>,
    /// "Not for publication by virtue of paragraph 1 of Part 1 of Schedule 12A ..."
    pub text: String,
    /// The public interest statement; only ever set in the members' edition.
    pub reason: Option<String>,
    /// Whether a public interest statement was recorded (a fact the public may know).
    pub has_statement: bool,
    /// When the exemption lapses and when it is due for review, if set.
    pub until: Option<time::Date>,
    pub review: Option<time::Date>,
}

impl Notice {
    /// "1, 2" for headers.
    pub fn numbers(&self) -> String {
        self.paragraphs
            .iter()
            .map(|p| p.number.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Paragraph {
    pub number: u32,
    pub category: String,
}

#[derive(Debug)]
pub struct DocumentView {
    pub committee: usize,
    pub meeting: usize,
    pub committee_slug: String,
    pub meeting_slug: String,
    pub slug: String,
    pub url: String,
    pub title: String,
    pub kind: Kind,
    pub report_of: Option<String>,
    pub divisions: Option<String>,
    pub contact: Option<Contact>,
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub date: Option<time::Date>,
    pub signed: Vec<String>,
    /// Only ever true in the members' edition.
    pub draft: bool,
    /// Only ever set in the members' edition: the document is exempt.
    pub marking: Option<Notice>,
    /// Set when the document's own exemption has lapsed, as for items.
    pub released: Option<String>,
    /// The day the document says it was published (a late paper, or minutes).
    pub published: Option<time::Date>,
    /// The paper this one replaces, if the audience sees it (index into
    /// [`Edition::documents`]).
    pub replaces: Option<usize>,
    /// The paper that replaced this one, and when it was published.
    pub replaced_by: Option<(usize, Option<time::Date>)>,
    /// The report's background papers as the audience may see them.
    pub background: Option<BackgroundView>,
    /// Minutes only: draft or approved, and where.
    pub approval: Option<ApprovalView>,
    pub body: DocBody,
}

/// s100D background papers, exempt ones left out of the public edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackgroundView {
    /// The officer wrote "None".
    None,
    Papers(Vec<BackgroundPaperView>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackgroundPaperView {
    pub title: String,
    pub link: Option<String>,
    pub inspect: Option<String>,
    /// Members' edition only: the paper is exempt.
    pub marking: Option<Notice>,
}

/// Whether minutes are approved on the build date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApprovalView {
    /// Not yet approved: in the public edition only when the site publishes drafts.
    Draft,
    /// Approved at this meeting (index into [`Edition::meetings`]) when recorded.
    Approved { at: Option<usize> },
}

#[derive(Debug)]
pub enum DocBody {
    /// Shared with the library when the audience reads the document as written.
    Markdown(std::sync::Arc<Tree>),
    Pdf {
        source: FileHandle,
        bytes: u64,
        pages: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Present,
    Apologies,
    Absent,
    Substitute,
}

#[derive(Debug)]
pub struct MemberView {
    pub slug: String,
    pub url: String,
    pub name: String,
    pub party: Option<String>,
    pub division: Option<String>,
    /// (committee index, role)
    pub roles: Vec<(usize, Option<String>)>,
    /// (meeting index, presence)
    pub attendance: Vec<(usize, Presence)>,
}

#[derive(Debug)]
pub struct PageView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub summary: Option<String>,
    pub body: Tree,
}
