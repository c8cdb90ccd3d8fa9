//! The forward plan: notice of key decisions, and the notice rules the law sets for them.
//!
//! The rules come from the Local Authorities (Executive Arrangements) (Meetings and Access
//! to Information) (England) Regulations 2012 (SI 2012/2089):
//!
//! - regulation 9: a key decision may not be taken until a document stating the matter,
//!   the decision maker, the expected date, the documents to be submitted, how to get them
//!   and how to make representations has been available for at least **28 clear days**.
//!   quire counts these as calendar days: the law says "clear days" here, not working
//!   days, and the day the entry was published and the day of the decision do not count;
//! - regulation 10 (general exception): when that is impracticable, the decision may be
//!   taken if the chair of the relevant overview and scrutiny committee has been told in
//!   writing and a notice has been published at least **5 clear days** before; quire
//!   counts these as working days, with the same calendar as the agenda deadline
//!   ([`super::calendar::WorkingDays`]), which is the stricter reading;
//! - regulation 11 (special urgency): when even that is impracticable, only with the
//!   agreement of the scrutiny chair (or the chair or vice-chair of the council) that the
//!   decision is urgent and cannot reasonably be deferred, and a published notice of the
//!   reasons;
//! - regulation 5: an executive meeting held partly in private needs a notice of that
//!   intention **28 clear days** before (calendar days), and a further notice **5 clear
//!   days** before (working days), with the reasons, any representations received and the
//!   response; or, under regulation 5(6), the agreement of the scrutiny chair that the
//!   meeting is urgent;
//! - regulation 19: the leader reports special urgency decisions to full Council; the
//!   site lists them by municipal year.
//!
//! Entries are written as data, one file each, in `content/forward-plan/<ref>.yaml`. An
//! agenda item names its entry with `key_decision:`; a meeting held partly in private
//! records its notices under `private_notice:`. A site with an archive older than its
//! forward plan data sets `[forward_plan] from` in site.toml: the rules apply to meetings
//! on or after that day only, and the private-meeting rule applies only when it is set.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;
use time::{Date, Duration};

use super::calendar::WorkingDays;
use super::documents::date_field;
use super::text::long_date;
use super::{Item, Library, Status};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{SourceFile, yaml};

/// Clear days the forward plan entry must have been out (regulation 9(2)), counted as
/// calendar days.
pub const PLAN_DAYS: u32 = 28;
/// Clear days a general exception notice must have been out (regulation 10(1)(c)),
/// counted as working days.
pub const EXCEPTION_DAYS: u32 = 5;
/// Clear days of the first notice of a private meeting (regulation 5(2)), calendar days.
pub const PRIVATE_FIRST_DAYS: u32 = 28;
/// Clear days of the further notice of a private meeting (regulation 5(4)), working days.
pub const PRIVATE_FINAL_DAYS: u32 = 5;

/// Where the forward plan lives under `content/`.
pub const DIR: &str = "forward-plan";

// ---------------------------------------------------------------------------------------
// As officers write it.

/// Text that is printed, as `raw` reads it (an HTML comment is an officer's hidden note,
/// never text), without the spaces around it.
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    super::raw::text(d).map(|s| s.trim().to_string())
}

fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    super::raw::opt_text(d).map(|o| o.map(|s| s.trim().to_string()))
}

fn text_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    super::raw::text_list(d).map(|v| v.into_iter().map(|s| s.trim().to_string()).collect())
}

/// One file of `content/forward-plan/`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntry {
    #[serde(rename = "ref")]
    pub reference: Spanned<String>,
    #[serde(deserialize_with = "text")]
    pub matter: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub summary: Option<String>,
    #[serde(deserialize_with = "text")]
    pub decision_maker: String,
    pub expected: Spanned<String>,
    #[serde(default, deserialize_with = "text_list")]
    pub documents: Vec<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub how_to_get: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub representations: Option<String>,
    #[serde(default)]
    pub representations_by: Option<Spanned<String>>,
    #[serde(default)]
    pub lead_officer: Option<RawOfficer>,
    pub first_published: Spanned<String>,
    #[serde(default)]
    pub private: Option<Spanned<RawPrivate>>,
    #[serde(default)]
    pub history: Vec<RawChange>,
    #[serde(default)]
    pub withdrawn: Option<RawWithdrawn>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOfficer {
    #[serde(deserialize_with = "text")]
    pub name: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub post: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub email: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub phone: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPrivate {
    #[serde(default)]
    pub paragraphs: Vec<u32>,
    #[serde(default, deserialize_with = "opt_text")]
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChange {
    pub date: Spanned<String>,
    #[serde(deserialize_with = "text")]
    pub change: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWithdrawn {
    pub on: Spanned<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub reason: Option<String>,
}

/// `key_decision:` as an officer writes it: the reference of the forward plan entry, or
/// a map that records an exception route (with or without an entry).
#[derive(Debug)]
pub enum RawKeyDecision {
    Ref(String),
    Routes(Box<RawRoutes>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRoutes {
    #[serde(default, deserialize_with = "opt_text")]
    pub plan: Option<String>,
    #[serde(default)]
    pub general_exception: Option<Spanned<RawGeneralException>>,
    #[serde(default)]
    pub special_urgency: Option<Spanned<RawSpecialUrgency>>,
}

/// Regulation 10: notice to the scrutiny chair, published 5 clear days before.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGeneralException {
    #[serde(default)]
    pub notice_published: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "opt_text")]
    pub scrutiny_chair: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub reasons: Option<String>,
}

/// Regulation 11: the scrutiny chair's agreement that the decision is urgent.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpecialUrgency {
    #[serde(default, deserialize_with = "opt_text")]
    pub agreed_by: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub agreed_as: Option<String>,
    #[serde(default)]
    pub agreed_on: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "opt_text")]
    pub reasons: Option<String>,
    #[serde(default)]
    pub notice_published: Option<Spanned<String>>,
}

impl<'de> Deserialize<'de> for RawKeyDecision {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawKeyDecision;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the forward plan reference, such as CYPS/04/21, or a map with plan:, general_exception: or special_urgency:")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawKeyDecision, E> {
                Ok(RawKeyDecision::Ref(
                    crate::comments::strip_inline(v).trim().to_string(),
                ))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawKeyDecision, A::Error> {
                RawRoutes::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|r| RawKeyDecision::Routes(Box::new(r)))
            }
        }
        d.deserialize_any(V)
    }
}

/// `private_notice:` in meeting.yaml: the notices of regulation 5 for a meeting held
/// partly in private.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPrivateNotice {
    #[serde(default)]
    pub first: Option<Spanned<String>>,
    #[serde(default, rename = "final")]
    pub final_notice: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "opt_text")]
    pub reasons: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub representations: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub response: Option<String>,
    #[serde(default)]
    pub urgency: Option<Spanned<RawSpecialUrgency>>,
}

// ---------------------------------------------------------------------------------------
// The model.

/// The forward plan: every entry, sorted by reference.
#[derive(Debug, Default)]
pub struct Plan {
    pub entries: Vec<Entry>,
}

impl Plan {
    pub fn entry(&self, reference: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.reference.eq_ignore_ascii_case(reference))
    }
}

/// One entry of the forward plan (regulation 9(1)).
#[derive(Debug, Clone)]
pub struct Entry {
    /// "CYPS/04/21", as written.
    pub reference: String,
    /// "cyps-04-21": the file name and the last part of its address.
    pub slug: String,
    /// The file, relative to the site root, for messages.
    pub rel: PathBuf,
    pub matter: String,
    pub summary: Option<String>,
    /// A committee's slug (cabinet), or a post or person.
    pub decision_maker: String,
    pub expected: Date,
    pub documents: Vec<String>,
    pub how_to_get: Option<String>,
    pub representations: Option<String>,
    pub representations_by: Option<Date>,
    pub lead_officer: Option<Officer>,
    /// The day the entry first appeared in the plan: the 28 clear days run from it.
    pub first_published: Date,
    pub private: Option<PrivateEntry>,
    pub history: Vec<Change>,
    pub withdrawn: Option<Withdrawn>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Officer {
    pub name: String,
    pub post: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// An entry to be taken in private: the paragraphs and the reason are public (the
/// regulation 5 statement of reasons); the documents are not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateEntry {
    pub paragraphs: Vec<u32>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub date: Date,
    pub change: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawn {
    pub on: Date,
    pub reason: Option<String>,
}

/// A key decision taken on an agenda item: its forward plan entry, and the exception
/// route taken when the entry was not out for 28 clear days.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyDecision {
    /// The forward plan entry's reference, as written.
    pub plan: Option<String>,
    pub general_exception: Option<GeneralException>,
    pub special_urgency: Option<SpecialUrgency>,
    /// The line of `key_decision:`, for messages.
    pub line: Option<usize>,
}

impl KeyDecision {
    /// The exception route taken, in words: "special urgency" (which wins when both are
    /// written, as the checks read it) or "general exception"; `None` without one.
    pub fn route(&self) -> Option<&'static str> {
        match (&self.special_urgency, &self.general_exception) {
            (Some(_), _) => Some("special urgency"),
            (None, Some(_)) => Some("general exception"),
            (None, None) => None,
        }
    }

    /// The day the notice of its exception route went out: for special urgency (which
    /// wins when both are written, as the checks read it), the notice of reasons, which
    /// goes out as soon as reasonably practicable after the agreement (its own day when
    /// recorded, else the day of the agreement); for the general exception, the notice
    /// 5 clear working days before. `None` without a route, or without the day.
    pub fn notice_day(&self) -> Option<Date> {
        match (&self.special_urgency, &self.general_exception) {
            (Some(su), _) => su.notice_published.or(su.agreed_on),
            (None, Some(ge)) => ge.notice_published,
            (None, None) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneralException {
    pub notice_published: Option<Date>,
    pub scrutiny_chair: Option<String>,
    pub reasons: Option<String>,
}

/// The agreement that a decision (regulation 11) or a private meeting (regulation 5(6))
/// is urgent and cannot reasonably be deferred.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecialUrgency {
    pub agreed_by: Option<String>,
    /// "Chair of the Children and Young People's Overview and Scrutiny Committee".
    pub agreed_as: Option<String>,
    pub agreed_on: Option<Date>,
    pub reasons: Option<String>,
    pub notice_published: Option<Date>,
}

/// The notices of regulation 5 for a meeting held partly in private.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateNotice {
    pub first: Option<Date>,
    pub final_notice: Option<Date>,
    pub reasons: Option<String>,
    pub representations: Option<String>,
    pub response: Option<String>,
    pub urgency: Option<SpecialUrgency>,
    /// The line of `private_notice:`, for messages.
    pub line: Option<usize>,
}

/// "CYPS/04/21" → "cyps-04-21".
pub fn slug_of(reference: &str) -> String {
    let mut out = String::new();
    for c in reference.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn line<T>(s: &Spanned<T>) -> Option<usize> {
    let l = s.referenced.line();
    (l > 0).then_some(l as usize)
}

fn date_of(
    s: &Option<Spanned<String>>,
    rel: &Path,
    field: &str,
    diags: &mut Diagnostics,
) -> Option<Date> {
    s.as_ref()
        .and_then(|s| date_field(&s.value, line(s), rel, field, diags))
}

fn urgency(raw: &RawSpecialUrgency, rel: &Path, diags: &mut Diagnostics) -> SpecialUrgency {
    SpecialUrgency {
        agreed_by: raw.agreed_by.clone().filter(|s| !s.is_empty()),
        agreed_as: raw.agreed_as.clone().filter(|s| !s.is_empty()),
        agreed_on: date_of(&raw.agreed_on, rel, "agreed_on", diags),
        reasons: raw.reasons.clone().filter(|s| !s.is_empty()),
        notice_published: date_of(&raw.notice_published, rel, "notice_published", diags),
    }
}

/// Reads an item's `key_decision:`.
pub fn key_decision(
    raw: &Spanned<RawKeyDecision>,
    rel: &Path,
    diags: &mut Diagnostics,
) -> Option<KeyDecision> {
    let at = line(raw);
    match &raw.value {
        RawKeyDecision::Ref(r) => Some(KeyDecision {
            plan: Some(r.clone()).filter(|r| !r.is_empty()),
            line: at,
            ..KeyDecision::default()
        }),
        RawKeyDecision::Routes(routes) => Some(KeyDecision {
            plan: routes.plan.clone().filter(|r| !r.is_empty()),
            general_exception: routes.general_exception.as_ref().map(|g| GeneralException {
                notice_published: date_of(
                    &g.value.notice_published,
                    rel,
                    "notice_published",
                    diags,
                ),
                scrutiny_chair: g.value.scrutiny_chair.clone().filter(|s| !s.is_empty()),
                reasons: g.value.reasons.clone().filter(|s| !s.is_empty()),
            }),
            special_urgency: routes
                .special_urgency
                .as_ref()
                .map(|s| urgency(&s.value, rel, diags)),
            line: at,
        }),
    }
}

/// Reads a meeting's `private_notice:`.
pub fn private_notice(
    raw: &Spanned<RawPrivateNotice>,
    rel: &Path,
    diags: &mut Diagnostics,
) -> Option<PrivateNotice> {
    let p = &raw.value;
    Some(PrivateNotice {
        first: date_of(&p.first, rel, "first", diags),
        final_notice: date_of(&p.final_notice, rel, "final", diags),
        reasons: p.reasons.clone().filter(|s| !s.is_empty()),
        representations: p.representations.clone().filter(|s| !s.is_empty()),
        response: p.response.clone().filter(|s| !s.is_empty()),
        urgency: p.urgency.as_ref().map(|u| urgency(&u.value, rel, diags)),
        line: line(raw),
    })
}

/// Reads the forward plan and checks every key decision and private meeting against it.
pub fn build(lib: &Library, files: &[SourceFile], diags: &mut Diagnostics) -> Plan {
    let mut entries: Vec<Entry> = Vec::new();
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for file in files {
        let Some(raw) = yaml::parse::<RawEntry>(file, &file.text, 1, diags) else {
            continue;
        };
        if let Some(e) = entry(lib, file, raw, diags) {
            if let Some(other) = seen.insert(e.reference.to_ascii_uppercase(), e.rel.clone()) {
                diags.push(
                    Diagnostic::error(
                        &e.rel,
                        None,
                        format!(
                            "forward plan reference {} is used twice (also in {})",
                            e.reference,
                            other.display()
                        ),
                    )
                    .code("bad-plan-entry")
                    .hint("each entry has its own reference; change ref: in one of the files"),
                );
                continue;
            }
            entries.push(e);
        }
    }
    entries.sort_by(|a, b| a.reference.cmp(&b.reference));
    let plan = Plan { entries };
    check(lib, &plan, diags);
    plan
}

fn entry(
    lib: &Library,
    file: &SourceFile,
    raw: RawEntry,
    diags: &mut Diagnostics,
) -> Option<Entry> {
    let rel = &file.rel;
    let reference = crate::comments::strip_inline(&raw.reference.value)
        .trim()
        .to_string();
    let slug = slug_of(&reference);
    let stem = file
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if slug.is_empty() {
        diags.push(
            Diagnostic::error(rel, line(&raw.reference), "ref: is empty")
                .code("bad-plan-entry")
                .hint("write the entry's reference, for example ref: CYPS/04/21"),
        );
        return None;
    }
    if stem != slug {
        diags.push(
            Diagnostic::error(rel, line(&raw.reference), format!("the entry {reference} is in a file named {stem}.yaml, not {slug}.yaml"))
                .code("bad-plan-entry")
                .hint(format!("rename the file to content/{DIR}/{slug}.yaml: the file name is the entry's web address")),
        );
        return None;
    }
    let mut ok = true;
    let mut required = |value: &str, key: &str, example: &str, diags: &mut Diagnostics| {
        if value.is_empty() {
            ok = false;
            diags.push(
                Diagnostic::error(rel, None, format!("{key}: is empty"))
                    .code("bad-plan-entry")
                    .hint(format!(
                        "regulation 9 requires it: for example {key}: {example}"
                    )),
            );
        }
    };
    required(
        &raw.matter,
        "matter",
        "\"Children's residential care sufficiency\"",
        diags,
    );
    required(&raw.decision_maker, "decision_maker", "cabinet", diags);
    let expected = date_field(
        &raw.expected.value,
        line(&raw.expected),
        rel,
        "expected",
        diags,
    );
    let first_published = date_field(
        &raw.first_published.value,
        line(&raw.first_published),
        rel,
        "first_published",
        diags,
    );
    let representations_by = date_of(&raw.representations_by, rel, "representations_by", diags);
    let private = raw.private.as_ref().and_then(|p| {
        let j = lib.config.jurisdiction;
        let (lo, hi) = j.valid_range();
        let mut good = true;
        if p.value.paragraphs.is_empty() {
            good = false;
            diags.push(
                Diagnostic::error(rel, line(p), "private: names no Schedule 12A paragraph")
                    .code("bad-plan-entry")
                    .hint(format!("list the paragraphs, for example private: {{ paragraphs: [{lo}], reason: \"...\" }}")),
            );
        }
        for &n in &p.value.paragraphs {
            if j.category(n).is_none() {
                good = false;
                diags.push(
                    Diagnostic::error(rel, line(p), format!("paragraph {n} is not an exempt category of {} of Schedule 12A", j.part()))
                        .code("invalid-paragraph")
                        .hint(format!("this site's jurisdiction allows paragraphs {lo} to {hi}")),
                );
            }
        }
        let reason = p.value.reason.clone().unwrap_or_default();
        if reason.is_empty() {
            good = false;
            diags.push(
                Diagnostic::error(rel, line(p), "private: gives no reason why the matter is to be taken in private")
                    .code("bad-plan-entry")
                    .hint("write the public statement of reasons, for example reason: \"The report contains the price the council has negotiated\"; it is published in the plan (regulation 5(3))"),
            );
        }
        let mut paragraphs = p.value.paragraphs.clone();
        paragraphs.sort_unstable();
        paragraphs.dedup();
        good.then_some(PrivateEntry { paragraphs, reason })
    });
    if raw.private.is_some() && private.is_none() {
        ok = false;
    }
    let mut history = Vec::new();
    for c in &raw.history {
        if let Some(date) = date_field(&c.date.value, line(&c.date), rel, "history: date", diags) {
            history.push(Change {
                date,
                change: c.change.clone(),
            });
        } else {
            ok = false;
        }
    }
    history.sort_by_key(|c| c.date);
    let withdrawn = match &raw.withdrawn {
        Some(w) => match date_field(&w.on.value, line(&w.on), rel, "withdrawn: on", diags) {
            Some(on) => Some(Withdrawn {
                on,
                reason: w.reason.clone().filter(|r| !r.is_empty()),
            }),
            None => {
                ok = false;
                None
            }
        },
        None => None,
    };
    if !ok {
        return None;
    }
    Some(Entry {
        reference,
        slug,
        rel: rel.clone(),
        matter: raw.matter,
        summary: raw.summary.filter(|s| !s.is_empty()),
        decision_maker: raw.decision_maker,
        expected: expected?,
        documents: raw
            .documents
            .into_iter()
            .filter(|d| !d.is_empty())
            .collect(),
        how_to_get: raw.how_to_get.filter(|s| !s.is_empty()),
        representations: raw.representations.filter(|s| !s.is_empty()),
        representations_by,
        lead_officer: raw.lead_officer.map(|o| Officer {
            name: o.name,
            post: o.post.filter(|s| !s.is_empty()),
            email: o.email.filter(|s| !s.is_empty()),
            phone: o.phone.filter(|s| !s.is_empty()),
        }),
        first_published: first_published?,
        private,
        history,
        withdrawn,
    })
}

// ---------------------------------------------------------------------------------------
// The rules.

/// Clear calendar days between two days: neither the first nor the last counts.
pub fn calendar_clear_days(from: Date, to: Date) -> u32 {
    let days = (to - from).whole_days() - 1;
    u32::try_from(days.max(0)).unwrap_or(u32::MAX)
}

/// The latest day a notice can go out and still give `days` clear calendar days.
pub fn latest_calendar(meeting: Date, days: u32) -> Option<Date> {
    meeting.checked_sub(Duration::days(i64::from(days) + 1))
}

/// One broken rule, before it is tied to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub message: String,
    pub hint: String,
    /// Clear days given and required, when the rule counts days.
    pub days: Option<(u32, u32)>,
}

impl Finding {
    fn new(code: &'static str, message: String, hint: String) -> Finding {
        Finding {
            code,
            message,
            hint,
            days: None,
        }
    }
}

/// What the key decision rule needs to know about an item.
pub struct Taken<'a> {
    /// "item 4 \"Children's residential care\"".
    pub item: &'a str,
    pub meeting: Date,
}

/// Checks one key decision: its entry out for 28 clear days, or an exception route that
/// holds. `entry` is the entry `kd.plan` names, if it exists.
pub fn check_key_decision(
    kd: &KeyDecision,
    entry: Option<&Entry>,
    taken: &Taken,
    days: &WorkingDays,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let day = long_date(taken.meeting);
    let item = taken.item;
    // Regulation 9: the entry, 28 clear calendar days before.
    let plan_short = match entry {
        Some(e) => {
            let clear = calendar_clear_days(e.first_published, taken.meeting);
            (clear < PLAN_DAYS).then_some((e, clear))
        }
        None => None,
    };
    if entry.is_some() && plan_short.is_none() {
        return out;
    }
    // Regulation 11 first: it is the route of last resort and needs no notice period.
    if let Some(su) = &kd.special_urgency {
        let mut missing = Vec::new();
        if su.agreed_by.is_none() {
            missing.push("agreed_by: (the name of the scrutiny chair, or the chair or vice-chair of the council, who agreed)");
        }
        if su.agreed_on.is_none() {
            missing.push("agreed_on: (the day they agreed)");
        }
        if su.reasons.is_none() {
            missing.push("reasons: (why the decision is urgent and cannot reasonably be deferred)");
        }
        if !missing.is_empty() {
            out.push(Finding::new(
                "special-urgency",
                format!("{item} takes a key decision on {day} under special urgency, but does not record {}", crate::text::and_list(&missing.iter().map(|m| m.split(" (").next().unwrap_or(m).to_string()).collect::<Vec<_>>())),
                format!("regulation 11 allows it only with the named agreement that it is urgent: write {}", missing.join(", ")),
            ));
        } else if let Some(on) = su.agreed_on.filter(|on| *on > taken.meeting) {
            out.push(Finding::new(
                "special-urgency",
                format!("{item} takes a key decision on {day} under special urgency, but the agreement is dated {}, after the decision", long_date(on)),
                "the agreement must come before the decision: correct agreed_on:".to_string(),
            ));
        }
        return out;
    }
    // Regulation 10: notice to the scrutiny chair, 5 clear working days before.
    if let Some(ge) = &kd.general_exception {
        let mut missing = Vec::new();
        if ge.notice_published.is_none() {
            missing.push("notice_published:");
        }
        if ge.scrutiny_chair.is_none() {
            missing.push("scrutiny_chair:");
        }
        if ge.reasons.is_none() {
            missing.push("reasons:");
        }
        if !missing.is_empty() {
            let list: Vec<String> = missing.iter().map(|s| s.to_string()).collect();
            out.push(Finding::new(
                "general-exception",
                format!("{item} takes a key decision on {day} under the general exception, but does not record {}", crate::text::and_list(&list)),
                "regulation 10 needs the day the notice was published, the name of the scrutiny chair who was told, and the reasons the 28 days' notice was impracticable".to_string(),
            ));
            return out;
        }
        if let Some(p) = ge.notice_published {
            let clear = days.clear_days_between(p, taken.meeting);
            if clear < EXCEPTION_DAYS {
                let latest = days
                    .latest_publication(taken.meeting, EXCEPTION_DAYS)
                    .map(|d| format!("publish the notice by {} at the latest, ", long_date(d)))
                    .unwrap_or_default();
                let mut f = Finding::new(
                    "general-exception",
                    format!(
                        "{item} takes a key decision on {day} under the general exception, but the notice was published on {}: {clear} clear working days before, {} short of the {EXCEPTION_DAYS} regulation 10 requires",
                        long_date(p),
                        EXCEPTION_DAYS - clear
                    ),
                    format!(
                        "{latest}take the decision at a later meeting, or, if it cannot wait, record special_urgency: with the scrutiny chair's agreement (regulation 11)"
                    ),
                );
                f.days = Some((clear, EXCEPTION_DAYS));
                out.push(f);
            }
        }
        return out;
    }
    // No route: the entry is missing or too late.
    let reference = kd.plan.as_deref().unwrap_or("");
    let routes = "or record an exception route under key_decision: (general_exception: with notice to the scrutiny chair 5 clear working days before, regulation 10; or special_urgency: with the chair's agreement, regulation 11); see docs/forward-plan.md";
    match plan_short {
        Some((e, clear)) => {
            let latest = latest_calendar(taken.meeting, PLAN_DAYS)
                .map(|d| format!("the entry needed first_published: {} or earlier; ", long_date(d)))
                .unwrap_or_default();
            let mut f = Finding::new(
                "key-decision-notice",
                format!(
                    "{item} takes key decision {} on {day}, but the entry was first published in the forward plan on {}: {clear} clear days before, {} short of the {PLAN_DAYS} regulation 9 requires",
                    e.reference,
                    long_date(e.first_published),
                    PLAN_DAYS - clear
                ),
                format!("{latest}take the decision at a later meeting, {routes}"),
            );
            f.days = Some((clear, PLAN_DAYS));
            out.push(f);
        }
        None if reference.is_empty() => out.push(Finding::new(
            "key-decision-notice",
            format!("{item} takes a key decision on {day}, but key_decision: names no forward plan entry and no exception route"),
            format!("write the entry's reference, key_decision: CYPS/04/21, {routes}"),
        )),
        // An unknown entry is reported on its own.
        None => {}
    }
    out
}

/// Checks a meeting of an executive committee held partly in private (regulation 5).
/// `exempt` names the first exempt item; `None` when the meeting is wholly public.
pub fn check_private_meeting(
    notice: Option<&PrivateNotice>,
    exempt: Option<&str>,
    meeting: Date,
    days: &WorkingDays,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let day = long_date(meeting);
    let Some(n) = notice else {
        if let Some(item) = exempt {
            let first = latest_calendar(meeting, PRIVATE_FIRST_DAYS);
            let last = days.latest_publication(meeting, PRIVATE_FINAL_DAYS);
            out.push(Finding::new(
                "private-meeting-notice",
                format!("the meeting on {day} will be held partly in private ({item} is exempt), but meeting.yaml has no private_notice:"),
                format!(
                    "regulation 5 requires notice of the intention 28 clear days before and again 5 clear days before: add private_notice: {{ first: {}, final: {}, reasons: \"...\", representations: \"None received\" }} with the days the notices went out",
                    first.map(crate::text::iso_date).unwrap_or_default(),
                    last.map(crate::text::iso_date).unwrap_or_default(),
                ),
            ));
        }
        return out;
    };
    if let Some(u) = &n.urgency {
        // Regulation 5(6): urgency agreed by the scrutiny chair replaces the notice periods.
        let mut missing = Vec::new();
        if u.agreed_by.is_none() {
            missing.push("agreed_by:".to_string());
        }
        if u.agreed_on.is_none() {
            missing.push("agreed_on:".to_string());
        }
        if u.reasons.is_none() {
            missing.push("reasons:".to_string());
        }
        if !missing.is_empty() {
            out.push(Finding::new(
                "private-meeting-notice",
                format!("the meeting on {day} is held in private as urgent, but private_notice: urgency: does not record {}", crate::text::and_list(&missing)),
                "regulation 5(6) needs the name of the scrutiny chair (or the chair or vice-chair of the council) who agreed the meeting is urgent, the day, and the reasons".to_string(),
            ));
        }
        return out;
    }
    if n.reasons.is_none() {
        out.push(Finding::new(
            "private-meeting-notice",
            format!("the private meeting notice for {day} gives no reasons"),
            "regulation 5(3) and (5) require a statement of the reasons for holding the meeting in private: add reasons:".to_string(),
        ));
    }
    match n.first {
        Some(first) => {
            let clear = calendar_clear_days(first, meeting);
            if clear < PRIVATE_FIRST_DAYS {
                let latest = latest_calendar(meeting, PRIVATE_FIRST_DAYS)
                    .map(|d| format!("it needed to go out by {}; ", long_date(d)))
                    .unwrap_or_default();
                let mut f = Finding::new(
                    "private-meeting-notice",
                    format!(
                        "the first notice of the private meeting on {day} went out on {}: {clear} clear days before, {} short of the {PRIVATE_FIRST_DAYS} regulation 5(2) requires",
                        long_date(first),
                        PRIVATE_FIRST_DAYS - clear
                    ),
                    format!("{latest}hold the item at a later meeting, or record urgency: with the scrutiny chair's agreement (regulation 5(6))"),
                );
                f.days = Some((clear, PRIVATE_FIRST_DAYS));
                out.push(f);
            }
        }
        None => out.push(Finding::new(
            "private-meeting-notice",
            format!("the private meeting notice for {day} does not say when the first notice went out"),
            "add first: with the day of the notice published 28 clear days before (regulation 5(2))".to_string(),
        )),
    }
    match n.final_notice {
        Some(last) => {
            let clear = days.clear_days_between(last, meeting);
            if clear < PRIVATE_FINAL_DAYS {
                let latest = days
                    .latest_publication(meeting, PRIVATE_FINAL_DAYS)
                    .map(|d| format!("it needed to go out by {}; ", long_date(d)))
                    .unwrap_or_default();
                let mut f = Finding::new(
                    "private-meeting-notice",
                    format!(
                        "the further notice of the private meeting on {day} went out on {}: {clear} clear working days before, {} short of the {PRIVATE_FINAL_DAYS} regulation 5(4) requires",
                        long_date(last),
                        PRIVATE_FINAL_DAYS - clear
                    ),
                    format!("{latest}hold the item at a later meeting, or record urgency: with the scrutiny chair's agreement (regulation 5(6))"),
                );
                f.days = Some((clear, PRIVATE_FINAL_DAYS));
                out.push(f);
            }
        }
        None => out.push(Finding::new(
            "private-meeting-notice",
            format!("the private meeting notice for {day} does not say when the further notice went out"),
            "add final: with the day of the notice published 5 clear days before, with the representations received and the response (regulation 5(4))".to_string(),
        )),
    }
    out
}

/// Whether the rules look at a meeting: not cancelled, its agenda published or the
/// meeting held, and on or after the site's `[forward_plan] from`.
fn checked(lib: &Library, m: &super::Meeting) -> bool {
    m.status != Status::Cancelled
        && (m.agenda_published.is_some() || m.status == Status::Held)
        && lib
            .config
            .forward_plan_from
            .is_none_or(|from| m.date >= from)
}

fn check(lib: &Library, plan: &Plan, diags: &mut Diagnostics) {
    let days = WorkingDays::new(&lib.config.extra_bank_holidays);
    for c in &lib.committees {
        for m in &c.meetings {
            if !checked(lib, m) {
                continue;
            }
            let file = crate::layout::meeting_file(&c.slug, &m.slug);
            let mut items = Vec::new();
            flatten(&m.items, &mut items);
            for item in &items {
                let Some(kd) = &item.key_decision else {
                    continue;
                };
                let label = format!("item {} \"{}\"", item.number, item.title);
                let entry = match kd.plan.as_deref() {
                    Some(r) => match plan.entry(r) {
                        Some(e) => Some(e),
                        None => {
                            unknown_entry(plan, r, &label, &file, kd.line, diags);
                            None
                        }
                    },
                    None => None,
                };
                let taken = Taken {
                    item: &label,
                    meeting: m.date,
                };
                for f in check_key_decision(kd, entry, &taken, &days) {
                    push(diags, &file, kd.line, f);
                }
            }
            // Regulation 5, for executive committees once the site keeps its plan here;
            // a notice written anywhere is checked all the same.
            let exempt = items
                .iter()
                .find(|i| i.exempt.as_ref().is_some_and(|e| e.in_force(m.date)));
            let rule_applies = c.executive && lib.config.forward_plan_from.is_some();
            if rule_applies || m.private_notice.is_some() {
                let label = exempt.map(|i| format!("item {} \"{}\"", i.number, i.title));
                let line = m
                    .private_notice
                    .as_ref()
                    .and_then(|n| n.line)
                    .or_else(|| exempt.and_then(|i| i.exempt.as_ref()).and_then(|e| e.line));
                for f in check_private_meeting(
                    m.private_notice.as_ref(),
                    label.as_deref(),
                    m.date,
                    &days,
                ) {
                    push(diags, &file, line, f);
                }
            }
        }
    }
}

fn push(diags: &mut Diagnostics, file: &Path, line: Option<usize>, f: Finding) {
    let mut d = Diagnostic::error(file, line, f.message)
        .code(f.code)
        .hint(f.hint);
    if let Some((clear, required)) = f.days {
        d = d.days(clear, required);
    }
    diags.push(d);
}

fn unknown_entry(
    plan: &Plan,
    reference: &str,
    label: &str,
    file: &Path,
    line: Option<usize>,
    diags: &mut Diagnostics,
) {
    let refs: Vec<&str> = plan.entries.iter().map(|e| e.reference.as_str()).collect();
    let slug = slug_of(reference);
    let hint = match crate::text::did_you_mean(reference, refs.iter().copied()) {
        Some(near) => format!("did you mean {near}? Otherwise add content/{DIR}/{slug}.yaml"),
        None => format!(
            "add the entry as content/{DIR}/{slug}.yaml, or check the reference against the files in content/{DIR}/"
        ),
    };
    diags.push(
        Diagnostic::error(
            file,
            line,
            format!("{label} names forward plan entry {reference}, but there is no such entry"),
        )
        .code("unknown-plan-entry")
        .hint(hint),
    );
}

/// An officer's or individual member's key decision is held to the same notice rules as
/// one taken at a meeting: its entry out for 28 clear days, or an exception route, with
/// the day of the decision standing for the day of the meeting.
pub fn check_officer_decisions(lib: &Library, diags: &mut Diagnostics) {
    let days = WorkingDays::new(&lib.config.extra_bank_holidays);
    for d in &lib.officer_decisions {
        let Some(kd) = &d.key_decision else {
            continue;
        };
        let entry = kd.plan.as_deref().and_then(|r| lib.forward_plan.entry(r));
        if let Some(reference) = &kd.plan
            && entry.is_none()
        {
            unknown_entry(
                &lib.forward_plan,
                reference,
                "this decision",
                &d.rel,
                kd.line,
                diags,
            );
            continue;
        }
        let label = format!("the decision \"{}\"", d.title);
        let taken = Taken {
            item: &label,
            meeting: d.date,
        };
        for f in check_key_decision(kd, entry, &taken, &days) {
            push(diags, &d.rel, kd.line, f);
        }
    }
}

/// Every item and sub-item, in agenda order.
pub fn flatten<'a>(items: &'a [Item], out: &mut Vec<&'a Item>) {
    for i in items {
        out.push(i);
        flatten(&i.items, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const MEETING: Date = date!(2021 - 10 - 13);

    fn entry(first: Date) -> Entry {
        Entry {
            reference: "CYPS/04/21".into(),
            slug: "cyps-04-21".into(),
            rel: "content/forward-plan/cyps-04-21.yaml".into(),
            matter: "Children's residential care".into(),
            summary: None,
            decision_maker: "cabinet".into(),
            expected: MEETING,
            documents: vec![],
            how_to_get: None,
            representations: None,
            representations_by: None,
            lead_officer: None,
            first_published: first,
            private: None,
            history: vec![],
            withdrawn: None,
        }
    }

    fn kd() -> KeyDecision {
        KeyDecision {
            plan: Some("CYPS/04/21".into()),
            ..KeyDecision::default()
        }
    }

    fn run(kd: &KeyDecision, e: Option<&Entry>) -> Vec<Finding> {
        let days = WorkingDays::new(&[]);
        let taken = Taken {
            item: "item 4 \"Residential care\"",
            meeting: MEETING,
        };
        check_key_decision(kd, e, &taken, &days)
    }

    #[test]
    fn clear_days_leave_out_both_ends() {
        assert_eq!(calendar_clear_days(date!(2021 - 09 - 14), MEETING), 28);
        assert_eq!(calendar_clear_days(date!(2021 - 09 - 15), MEETING), 27);
        assert_eq!(calendar_clear_days(MEETING, MEETING), 0);
        assert_eq!(latest_calendar(MEETING, 28), Some(date!(2021 - 09 - 14)));
        assert_eq!(slug_of("CYPS/04/21"), "cyps-04-21");
        assert_eq!(slug_of(" R&R 2021 / 7 "), "r-r-2021-7");
    }

    #[test]
    fn an_entry_out_28_clear_days_passes() {
        assert!(run(&kd(), Some(&entry(date!(2021 - 09 - 14)))).is_empty());
    }

    #[test]
    fn an_entry_one_day_late_is_short_by_one() {
        let f = run(&kd(), Some(&entry(date!(2021 - 09 - 15))));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].code, "key-decision-notice");
        assert_eq!(f[0].days, Some((27, 28)));
        assert!(
            f[0].message
                .contains("27 clear days before, 1 short of the 28"),
            "{}",
            f[0].message
        );
        assert!(f[0].message.contains("item 4") && f[0].message.contains("CYPS/04/21"));
        assert!(f[0].hint.contains("14 September 2021"), "{}", f[0].hint);
    }

    #[test]
    fn no_entry_and_no_route_is_an_error() {
        let f = run(&KeyDecision::default(), None);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, "key-decision-notice");
    }

    fn general(notice: Date) -> KeyDecision {
        KeyDecision {
            general_exception: Some(GeneralException {
                notice_published: Some(notice),
                scrutiny_chair: Some("Councillor C Hunt".into()),
                reasons: Some("The grant offer arrived late".into()),
            }),
            ..kd()
        }
    }

    #[test]
    fn the_general_exception_needs_five_clear_working_days() {
        let late = entry(date!(2021 - 10 - 01));
        // Wednesday 13 October: Wednesday 6 October leaves 7, 8, 11, 12 = 4 clear working
        // days; Tuesday 5 October leaves 5.
        assert!(run(&general(date!(2021 - 10 - 05)), Some(&late)).is_empty());
        let f = run(&general(date!(2021 - 10 - 06)), Some(&late));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].code, "general-exception");
        assert_eq!(f[0].days, Some((4, 5)));
        assert!(
            f[0].message.contains("1 short of the 5"),
            "{}",
            f[0].message
        );
        assert!(f[0].hint.contains("5 October 2021"), "{}", f[0].hint);
        // Without an entry at all, the route still holds.
        assert!(
            run(
                &KeyDecision {
                    plan: None,
                    ..general(date!(2021 - 10 - 05))
                },
                None
            )
            .is_empty()
        );
    }

    #[test]
    fn a_general_exception_without_the_chair_is_refused() {
        let mut k = general(date!(2021 - 10 - 01));
        k.general_exception.as_mut().unwrap().scrutiny_chair = None;
        let f = run(&k, Some(&entry(date!(2021 - 10 - 01))));
        assert_eq!(f[0].code, "general-exception");
        assert!(f[0].message.contains("scrutiny_chair:"), "{}", f[0].message);
    }

    fn special(agreed_on: Option<Date>) -> KeyDecision {
        KeyDecision {
            special_urgency: Some(SpecialUrgency {
                agreed_by: Some("Councillor C Hunt".into()),
                agreed_as: None,
                agreed_on,
                reasons: Some("The owner will sell to another buyer".into()),
                notice_published: None,
            }),
            ..kd()
        }
    }

    #[test]
    fn the_route_and_its_notice_day_are_special_urgencys_when_both_are_written() {
        assert_eq!((kd().route(), kd().notice_day()), (None, None));
        let general = general(date!(2021 - 10 - 05));
        assert_eq!(general.route(), Some("general exception"));
        assert_eq!(general.notice_day(), Some(date!(2021 - 10 - 05)));
        // The notice of reasons: its own day, else the day of the agreement.
        let mut special = special(Some(date!(2021 - 10 - 11)));
        assert_eq!(special.notice_day(), Some(date!(2021 - 10 - 11)));
        special.special_urgency.as_mut().unwrap().notice_published = Some(date!(2021 - 10 - 12));
        assert_eq!(special.notice_day(), Some(date!(2021 - 10 - 12)));
        let both = KeyDecision {
            general_exception: general.general_exception,
            ..special
        };
        assert_eq!(both.route(), Some("special urgency"));
        assert_eq!(both.notice_day(), Some(date!(2021 - 10 - 12)));
    }

    #[test]
    fn special_urgency_needs_the_name_the_day_and_the_reasons() {
        let late = entry(date!(2021 - 10 - 12));
        assert!(run(&special(Some(date!(2021 - 10 - 11))), Some(&late)).is_empty());
        let f = run(&special(None), Some(&late));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, "special-urgency");
        assert!(f[0].message.contains("agreed_on:"), "{}", f[0].message);
        let mut k = special(Some(date!(2021 - 10 - 11)));
        k.special_urgency.as_mut().unwrap().reasons = None;
        k.special_urgency.as_mut().unwrap().agreed_by = None;
        let f = run(&k, Some(&late));
        assert!(
            f[0].message.contains("agreed_by: and reasons:"),
            "{}",
            f[0].message
        );
        // Agreed after the decision: too late.
        let f = run(&special(Some(date!(2021 - 10 - 14))), Some(&late));
        assert_eq!(f[0].code, "special-urgency");
    }

    fn notice(first: Date, last: Date) -> PrivateNotice {
        PrivateNotice {
            first: Some(first),
            final_notice: Some(last),
            reasons: Some("The price of a property".into()),
            representations: None,
            response: None,
            urgency: None,
            line: Some(7),
        }
    }

    fn private(n: Option<&PrivateNotice>) -> Vec<Finding> {
        check_private_meeting(
            n,
            Some("item 6 \"Acquisition\""),
            MEETING,
            &WorkingDays::new(&[]),
        )
    }

    #[test]
    fn a_private_meeting_needs_both_notices() {
        assert!(private(Some(&notice(date!(2021 - 09 - 14), date!(2021 - 10 - 05)))).is_empty());
        let f = private(None);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, "private-meeting-notice");
        assert!(
            f[0].hint.contains("first: 2021-09-14") && f[0].hint.contains("final: 2021-10-05"),
            "{}",
            f[0].hint
        );
        // A wholly public meeting needs none.
        assert!(check_private_meeting(None, None, MEETING, &WorkingDays::new(&[])).is_empty());
    }

    #[test]
    fn private_notices_one_day_short() {
        let f = private(Some(&notice(date!(2021 - 09 - 15), date!(2021 - 10 - 05))));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].days, Some((27, 28)));
        let f = private(Some(&notice(date!(2021 - 09 - 14), date!(2021 - 10 - 06))));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].days, Some((4, 5)));
        assert!(f[0].message.contains("regulation 5(4)"));
    }

    #[test]
    fn private_meeting_urgency_replaces_the_notice_periods() {
        let mut n = notice(date!(2021 - 10 - 11), date!(2021 - 10 - 12));
        n.urgency = Some(SpecialUrgency {
            agreed_by: Some("Councillor C Hunt".into()),
            agreed_as: None,
            agreed_on: Some(date!(2021 - 10 - 08)),
            reasons: Some("The offer lapses on 15 October".into()),
            notice_published: None,
        });
        assert!(private(Some(&n)).is_empty());
        n.urgency.as_mut().unwrap().agreed_by = None;
        assert_eq!(private(Some(&n))[0].code, "private-meeting-notice");
    }
}
