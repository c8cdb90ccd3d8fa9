//! The view types of an edition: what renderers are allowed to see.
//!
//! These types are the allowlist. A field that is not here cannot be printed by any
//! template, written to any PDF or indexed for search.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Audience;
use crate::config::Config;
use crate::model::tree::Tree;
use crate::model::{Contact, Kind, Status};

/// One audience's view of the whole site.
#[derive(Debug)]
pub struct Edition {
    pub config: Config,
    pub audience: Audience,
    pub as_of: time::Date,
    pub committees: Vec<CommitteeView>,
    /// All meetings, committee by committee, each committee's by date.
    pub meetings: Vec<MeetingView>,
    pub documents: Vec<DocumentView>,
    pub members: Vec<MemberView>,
    pub pages: Vec<PageView>,
    /// Files to copy into the site: URL → source file.
    pub assets: BTreeMap<String, PathBuf>,
    /// Content-relative source path → URL, for everything this edition publishes.
    pub urls: BTreeMap<PathBuf, String>,
}

impl Edition {
    pub fn is_confidential(&self) -> bool {
        self.audience == Audience::Confidential
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
    /// Member slug and role.
    pub members: Vec<(String, Option<String>)>,
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
    pub items: Vec<ItemView>,
}

#[derive(Debug)]
pub enum DocSlot {
    /// Index into [`Edition::documents`].
    Shown(usize),
    /// An exempt document in a public item: its public title and the notice.
    Withheld { title: String, notice: Notice },
}

/// A Schedule 12A notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub paragraphs: Vec<Paragraph>,
    /// "Not for publication by virtue of paragraph 1 of Part 1 of Schedule 12A ..."
    pub text: String,
    /// The public interest statement; only ever set in the members' edition.
    pub reason: Option<String>,
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

#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Source path relative to `content/`, for resolving its relative links.
    pub key: PathBuf,
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
    pub body: DocBody,
}

#[derive(Debug)]
pub enum DocBody {
    Markdown(Tree),
    Pdf {
        source: PathBuf,
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
    pub key: PathBuf,
    pub title: String,
    pub summary: Option<String>,
    pub body: Tree,
}
