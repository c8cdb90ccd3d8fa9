//! The shapes of the YAML files exactly as officers write them.
//!
//! Every struct denies unknown fields: a misspelt `exmept:` must stop the build rather than
//! publish an exempt report. Values that other files refer to are kept `Spanned`, so that a
//! later cross-reference error can still point at the right line.

use std::fmt;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommittee {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub members: Vec<RawMembership>,
    #[serde(default)]
    pub clerk: Option<RawContact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMembership {
    pub member: Spanned<String>,
    #[serde(default)]
    pub role: Option<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMember {
    pub name: String,
    #[serde(default)]
    pub party: Option<String>,
    #[serde(default)]
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
    pub venue: String,
    #[serde(default = "default_status")]
    pub status: Status,
    #[serde(default)]
    pub agenda_published: Option<Spanned<String>>,
    #[serde(default)]
    pub attendance: Option<RawAttendance>,
    #[serde(default)]
    pub items: Vec<RawItem>,
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
    #[serde(default)]
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
    pub title: Spanned<String>,
    #[serde(default)]
    pub public_title: Option<String>,
    #[serde(default)]
    pub number: Option<Spanned<String>>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub documents: Vec<Spanned<RawDocRef>>,
    #[serde(default)]
    pub exempt: Option<Spanned<RawExempt>>,
    #[serde(default)]
    pub items: Vec<RawItem>,
}

/// An entry of an item's `documents:`.
#[derive(Debug)]
pub enum RawDocRef {
    /// `report.md` or `../2021-07-02/minutes.md`
    Markdown(String),
    /// `{ file: files/x.pdf, title: ..., exempt: [3] }`
    File(RawFileDoc),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFileDoc {
    pub file: String,
    pub title: String,
    #[serde(default)]
    pub public_title: Option<String>,
    #[serde(default)]
    pub exempt: Option<Spanned<RawExempt>>,
}

impl<'de> Deserialize<'de> for RawDocRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawDocRef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a document file name such as report.md, or a map with file: and title:")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawDocRef, E> {
                Ok(RawDocRef::Markdown(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawDocRef, A::Error> {
                RawFileDoc::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawDocRef::File)
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
    pub reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExemptMap {
    paragraphs: Vec<u32>,
    #[serde(default)]
    until: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

impl<'de> Deserialize<'de> for RawExempt {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawExempt;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of Schedule 12A paragraph numbers such as [1, 2], or a map with paragraphs:, until: and reason:")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawExempt, A::Error> {
                let paragraphs = Vec::<u32>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(RawExempt { paragraphs, ..RawExempt::default() })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawExempt, E> {
                let p = u32::try_from(v).map_err(|_| E::custom("paragraph number too large"))?;
                Ok(RawExempt { paragraphs: vec![p], ..RawExempt::default() })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawExempt, E> {
                let p = u32::try_from(v).map_err(|_| E::custom("paragraph numbers are positive"))?;
                Ok(RawExempt { paragraphs: vec![p], ..RawExempt::default() })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawExempt, A::Error> {
                let m = RawExemptMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawExempt { paragraphs: m.paragraphs, until: m.until, reason: m.reason })
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
                Ok(Lines(v.lines().map(|l| l.trim_end().to_string()).collect()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Lines, A::Error> {
                Vec::<String>::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Lines)
            }
        }
        d.deserialize_any(V)
    }
}

/// The YAML front matter of a Markdown document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub title: String,
    #[serde(default)]
    pub public_title: Option<String>,
    #[serde(default)]
    pub kind: Option<Kind>,
    #[serde(default)]
    pub report_of: Option<String>,
    #[serde(default)]
    pub divisions: Option<String>,
    #[serde(default)]
    pub contact: Option<RawContact>,
    #[serde(default)]
    pub exempt: Option<Spanned<RawExempt>>,
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
}

/// The front matter of a free page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPageMatter {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
}
