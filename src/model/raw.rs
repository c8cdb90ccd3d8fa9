//! The shapes of the YAML files exactly as officers write them.
//!
//! Every struct denies unknown fields: a misspelt `exmept:` must stop the build rather than
//! publish an exempt report. Values that other files refer to are kept `Spanned`, so that a
//! later cross-reference error can still point at the right line.

use std::fmt;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;

use super::comments::strip_inline;

/// A key that withholds something when it is set: `exempt:` and `public_title:`.
///
/// Written with no value (left blank, `~`, `null`, or only a comment, as an officer writes
/// it while waiting for legal advice) it is `Blank`. serde reads a blank value as an absent
/// key, and an absent `exempt:` publishes everything; so the model refuses `Blank`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Withhold<T> {
    Blank,
    Set(T),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Withhold<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Withhold<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_none<E: de::Error>(self) -> Result<Withhold<T>, E> {
                Ok(Withhold::Blank)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Withhold<T>, E> {
                Ok(Withhold::Blank)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Withhold<T>, D::Error> {
                T::deserialize(d).map(Withhold::Set)
            }
        }
        d.deserialize_option(V(std::marker::PhantomData))
    }
}

/// `deserialize_with` for an optional withholding key: present means `Some`, even when blank.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Spanned<Withhold<T>>>, D::Error> {
    Spanned::<Withhold<T>>::deserialize(d).map(Some)
}

/// `deserialize_with` for text that is printed: HTML comments are hidden notes, never text.
pub(super) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    String::deserialize(d).map(|s| strip_inline(&s))
}

pub(super) fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(d).map(|o| o.map(|s| strip_inline(&s)))
}

fn spanned_text<'de, D: Deserializer<'de>>(d: D) -> Result<Spanned<String>, D::Error> {
    Spanned::<String>::deserialize(d).map(|mut s| {
        s.value = strip_inline(&s.value);
        s
    })
}

fn opt_spanned_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Spanned<String>>, D::Error> {
    Option::<Spanned<String>>::deserialize(d).map(|o| {
        o.map(|mut s| {
            s.value = strip_inline(&s.value);
            s
        })
    })
}

pub(super) fn text_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Vec::<String>::deserialize(d).map(|v| v.iter().map(|s| strip_inline(s)).collect())
}

/// A withholding text key (`public_title:`), with its comments removed.
fn withhold_text<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Spanned<Withhold<String>>>, D::Error> {
    present::<D, String>(d).map(|o| {
        o.map(|mut s| {
            if let Withhold::Set(t) = &s.value {
                s.value = Withhold::Set(strip_inline(t));
            }
            s
        })
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommittee {
    #[serde(deserialize_with = "text")]
    pub name: String,
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    #[serde(default)]
    pub members: Vec<RawMembership>,
    #[serde(default)]
    pub clerk: Option<RawContact>,
    /// The committee takes executive decisions (Cabinet, a cabinet committee): its
    /// decisions carry what regulation 12 of SI 2012/2089 requires, and can be called in.
    #[serde(default)]
    pub executive: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMembership {
    pub member: Spanned<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub role: Option<String>,
    /// The first day of membership, when it began after the committee's records start.
    #[serde(default)]
    pub from: Option<Spanned<String>>,
    /// The last day of membership, for a member who has left.
    #[serde(default)]
    pub to: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    #[serde(deserialize_with = "text")]
    pub name: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub email: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub phone: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMember {
    #[serde(deserialize_with = "text")]
    pub name: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub party: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub division: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Scheduled,
    Held,
    Cancelled,
    Postponed,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Scheduled => "Scheduled",
            Status::Held => "Held",
            Status::Cancelled => "Cancelled",
            Status::Postponed => "Postponed",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeeting {
    pub date: Spanned<String>,
    #[serde(default)]
    pub time: Option<Spanned<String>>,
    #[serde(deserialize_with = "text")]
    pub venue: String,
    #[serde(default = "default_status")]
    pub status: Status,
    #[serde(default)]
    pub agenda_published: Option<Spanned<String>>,
    #[serde(default)]
    pub attendance: Option<RawAttendance>,
    #[serde(default)]
    pub items: Vec<RawItem>,
    /// The notices of a meeting held partly in private (regulation 5 of SI 2012/2089).
    #[serde(default)]
    pub private_notice: Option<Spanned<super::forward_plan::RawPrivateNotice>>,
}

fn default_status() -> Status {
    Status::Scheduled
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAttendance {
    #[serde(default)]
    pub present: Vec<Spanned<String>>,
    #[serde(default)]
    pub apologies: Vec<Spanned<String>>,
    #[serde(default)]
    pub absent: Vec<Spanned<String>>,
    #[serde(default)]
    pub substitutes: Vec<RawSubstitute>,
    #[serde(default, deserialize_with = "text_list")]
    pub officers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSubstitute {
    pub member: Spanned<String>,
    #[serde(rename = "for")]
    pub for_member: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    #[serde(deserialize_with = "spanned_text")]
    pub title: Spanned<String>,
    #[serde(default, deserialize_with = "withhold_text")]
    pub public_title: Option<Spanned<Withhold<String>>>,
    #[serde(default, deserialize_with = "opt_spanned_text")]
    pub number: Option<Spanned<String>>,
    #[serde(default)]
    pub body: Option<Spanned<String>>,
    #[serde(default)]
    pub documents: Vec<Spanned<RawDocRef>>,
    #[serde(default, deserialize_with = "present")]
    pub exempt: Option<Spanned<Withhold<RawExempt>>>,
    /// The day the item was added to the agenda, when after the agenda itself: it is
    /// then part of a supplementary agenda.
    #[serde(default)]
    pub published: Option<Spanned<String>>,
    /// The chair's reason for taking the item as urgent business (s100B(4)(b)).
    #[serde(default, deserialize_with = "present")]
    pub urgent: Option<Spanned<Withhold<Urgent>>>,
    /// For an exempt item: what the public minutes say in place of the full minute.
    #[serde(default)]
    pub minutes_summary: Option<Spanned<String>>,
    /// The record of the decision taken on the item, beyond its resolution in the minutes.
    #[serde(default)]
    pub decision: Option<Spanned<RawDecision>>,
    /// A key decision: its forward plan entry, or the exception route taken.
    #[serde(default)]
    pub key_decision: Option<Spanned<super::forward_plan::RawKeyDecision>>,
    #[serde(default)]
    pub items: Vec<RawItem>,
}

/// An item's `decision:`: what regulation 12 asks the record of an executive decision to
/// hold, besides the resolution (which the minutes give), and its call-in.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDecision {
    #[serde(default, deserialize_with = "opt_text")]
    pub reasons: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub alternatives: Option<String>,
    /// Conflicts of interest declared by a member of the decision-making body.
    #[serde(default, deserialize_with = "opt_text")]
    pub interests: Option<String>,
    /// Any dispensation granted in respect of a declared conflict.
    #[serde(default, deserialize_with = "opt_text")]
    pub dispensation: Option<String>,
    /// The day the decision was published: call-in runs from it.
    #[serde(default)]
    pub published: Option<Spanned<String>>,
    /// Why the decision takes effect at once: urgency.
    #[serde(default, deserialize_with = "opt_text")]
    pub urgent: Option<String>,
    /// Why the decision is not subject to call-in, for another reason.
    #[serde(default, deserialize_with = "opt_text")]
    pub no_call_in: Option<String>,
    #[serde(default)]
    pub called_in: Option<RawCalledIn>,
}

/// A decision that was called in: when, and what came of it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCalledIn {
    pub on: Spanned<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub by: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub outcome: Option<String>,
}

/// `urgent:` as the chair's reason, or (a mistake the model reports) `true`/`false`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Urgent {
    Reason(String),
    Flag(bool),
}

impl<'de> Deserialize<'de> for Urgent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Urgent;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the chair's reason for urgency, in words")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Urgent, E> {
                Ok(Urgent::Flag(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Urgent, E> {
                Ok(Urgent::Reason(strip_inline(v)))
            }
        }
        d.deserialize_any(V)
    }
}

/// An entry of an item's `documents:`.
#[derive(Debug)]
pub enum RawDocRef {
    /// `report.md` or `../2021-07-02/minutes.md`
    Markdown(String),
    /// `{ file: files/x.pdf, title: ..., exempt: [3] }`
    File(Box<RawFileDoc>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFileDoc {
    pub file: String,
    #[serde(deserialize_with = "text")]
    pub title: String,
    #[serde(default, deserialize_with = "withhold_text")]
    pub public_title: Option<Spanned<Withhold<String>>>,
    #[serde(default, deserialize_with = "present")]
    pub exempt: Option<Spanned<Withhold<RawExempt>>>,
    #[serde(default)]
    pub published: Option<Spanned<String>>,
    #[serde(default)]
    pub replaces: Option<Spanned<String>>,
}

impl<'de> Deserialize<'de> for RawDocRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawDocRef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a document file name such as report.md, or a map with file: and title:",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawDocRef, E> {
                Ok(RawDocRef::Markdown(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawDocRef, A::Error> {
                RawFileDoc::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|f| RawDocRef::File(Box::new(f)))
            }
        }
        d.deserialize_any(V)
    }
}

/// `exempt:` as a list of paragraphs, or a map with `paragraphs`, `until` and `reason`.
#[derive(Debug, Clone, Default)]
pub struct RawExempt {
    pub paragraphs: Vec<u32>,
    pub until: Option<String>,
    pub review: Option<String>,
    pub reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExemptMap {
    paragraphs: Vec<u32>,
    #[serde(default)]
    until: Option<String>,
    #[serde(default)]
    review: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    reason: Option<String>,
}

impl<'de> Deserialize<'de> for RawExempt {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawExempt;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of Schedule 12A paragraph numbers such as [1, 2], or a map with paragraphs:, until:, review: and reason:")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawExempt, A::Error> {
                let paragraphs =
                    Vec::<u32>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(RawExempt {
                    paragraphs,
                    ..RawExempt::default()
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawExempt, E> {
                let p = u32::try_from(v).map_err(|_| E::custom("paragraph number too large"))?;
                Ok(RawExempt {
                    paragraphs: vec![p],
                    ..RawExempt::default()
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawExempt, E> {
                let p =
                    u32::try_from(v).map_err(|_| E::custom("paragraph numbers are positive"))?;
                Ok(RawExempt {
                    paragraphs: vec![p],
                    ..RawExempt::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawExempt, A::Error> {
                let m = RawExemptMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawExempt {
                    paragraphs: m.paragraphs,
                    until: m.until,
                    review: m.review,
                    reason: m.reason,
                })
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Report,
    Minutes,
    Letter,
    AnnualReport,
    Presentation,
    Other,
}

impl Kind {
    /// The name as written in front matter (`annual-report`); also the CSS and pack
    /// template name of the layout.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Report => "report",
            Kind::Minutes => "minutes",
            Kind::Letter => "letter",
            Kind::AnnualReport => "annual-report",
            Kind::Presentation => "presentation",
            Kind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Report => "Report",
            Kind::Minutes => "Minutes",
            Kind::Letter => "Letter",
            Kind::AnnualReport => "Annual report",
            Kind::Presentation => "Presentation",
            Kind::Other => "Document",
        }
    }
}

/// Address blocks and signatures: one string with line breaks, or a list of lines.
#[derive(Debug, Clone, Default)]
pub struct Lines(pub Vec<String>);

impl<'de> Deserialize<'de> for Lines {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Lines;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("lines of text: a block (|) or a list")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Lines, E> {
                Ok(Lines(
                    strip_inline(v)
                        .lines()
                        .map(|l| l.trim_end().to_string())
                        .collect(),
                ))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Lines, A::Error> {
                Vec::<String>::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(|v| Lines(v.iter().map(|l| strip_inline(l)).collect()))
            }
        }
        d.deserialize_any(V)
    }
}

/// The YAML front matter of a Markdown document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    #[serde(deserialize_with = "text")]
    pub title: String,
    #[serde(default, deserialize_with = "withhold_text")]
    pub public_title: Option<Spanned<Withhold<String>>>,
    #[serde(default)]
    pub kind: Option<Kind>,
    #[serde(default, deserialize_with = "opt_text")]
    pub report_of: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub divisions: Option<String>,
    #[serde(default)]
    pub contact: Option<RawContact>,
    #[serde(default, deserialize_with = "present")]
    pub exempt: Option<Spanned<Withhold<RawExempt>>>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub from: Option<Lines>,
    #[serde(default)]
    pub to: Option<Lines>,
    #[serde(default)]
    pub date: Option<Spanned<String>>,
    #[serde(default)]
    pub signed: Option<Lines>,
    /// The day the document went public, when later than its agenda (a supplementary
    /// paper) or, for minutes, the day the minutes were published.
    #[serde(default)]
    pub published: Option<Spanned<String>>,
    /// Another document of the same meeting that this one replaces.
    #[serde(default)]
    pub replaces: Option<Spanned<String>>,
    /// s100D: the report's background papers, or "None".
    #[serde(default)]
    pub background_papers: Option<Spanned<RawBackground>>,
    /// Minutes only: `draft` or `approved`.
    #[serde(default)]
    pub status: Option<Spanned<String>>,
    /// Minutes only: the later meeting of the same committee that approved them.
    #[serde(default)]
    pub approved_at: Option<Spanned<String>>,
}

/// `background_papers:` as written: "None", or a list.
#[derive(Debug)]
pub enum RawBackground {
    None(String),
    List(Vec<RawBackgroundPaper>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBackgroundPaper {
    #[serde(deserialize_with = "text")]
    pub title: String,
    /// A web address where the paper can be read.
    #[serde(default, deserialize_with = "opt_text")]
    pub link: Option<String>,
    /// Where the paper can be inspected, in words.
    #[serde(default, deserialize_with = "opt_text")]
    pub inspect: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub exempt: Option<Spanned<Withhold<RawExempt>>>,
}

impl<'de> Deserialize<'de> for RawBackground {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawBackground;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("None, or a list of papers each with title: and link: or inspect:")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawBackground, E> {
                Ok(RawBackground::None(strip_inline(v)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawBackground, A::Error> {
                Vec::<RawBackgroundPaper>::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(RawBackground::List)
            }
        }
        d.deserialize_any(V)
    }
}

/// The front matter of a free page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPageMatter {
    #[serde(deserialize_with = "text")]
    pub title: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub summary: Option<String>,
}
