//! Decisions: what the record of a decision holds besides its resolution.
//!
//! Regulation 12 of SI 2012/2089 asks the record of an executive decision for the
//! decision and its date, the reasons, the alternatives considered and rejected, any
//! conflict of interest declared by a member of the decision-making body and any
//! dispensation granted. The resolution itself is in the minutes (a "Resolved:"
//! paragraph); the rest an officer writes once, under the item's `decision:` in
//! meeting.yaml, and quire shows it wherever the decision appears.

use std::path::Path;

use serde_saphyr::Spanned;

use super::documents::date_field;
use super::raw::RawDecision;
use crate::diag::{Diagnostic, Diagnostics};

/// The facts of an item's decision beyond its resolution.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionFacts {
    pub reasons: Option<String>,
    pub alternatives: Option<String>,
    pub interests: Option<String>,
    pub dispensation: Option<String>,
    /// The day the decision was published; call-in runs from it.
    pub published: Option<time::Date>,
    /// Why it takes effect at once, when it is not subject to call-in.
    pub immediate: Option<Immediate>,
    pub called_in: Option<CalledIn>,
    /// The line of `decision:`, for messages.
    pub line: Option<usize>,
}

/// Why a decision takes effect on publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Immediate {
    /// Urgent: call-in would prejudice the council's or the public's interests.
    Urgent(String),
    /// Not subject to call-in for another reason.
    NoCallIn(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalledIn {
    pub on: time::Date,
    pub by: Option<String>,
    pub outcome: Option<String>,
}

fn line<T>(s: &Spanned<T>) -> Option<usize> {
    let l = s.referenced.line();
    (l > 0).then_some(l as usize)
}

/// Reads an item's `decision:`.
pub fn facts(
    raw: &Spanned<RawDecision>,
    rel: &Path,
    diags: &mut Diagnostics,
) -> Option<DecisionFacts> {
    let at = line(raw);
    let d = &raw.value;
    let published = d
        .published
        .as_ref()
        .and_then(|p| date_field(&p.value, line(p), rel, "published", diags));
    let immediate = match (&d.urgent, &d.no_call_in) {
        (Some(u), None) => Some(Immediate::Urgent(u.trim().to_string())),
        (None, Some(n)) => Some(Immediate::NoCallIn(n.trim().to_string())),
        (None, None) => None,
        (Some(u), Some(_)) => {
            diags.push(
                Diagnostic::error(rel, at, "the decision says both urgent: and no_call_in:")
                    .code("decision-call-in")
                    .hint("keep urgent: for a decision taken as a matter of urgency, or no_call_in: for another reason it is not subject to call-in, not both"),
            );
            Some(Immediate::Urgent(u.trim().to_string()))
        }
    };
    if let Some(Immediate::Urgent(r) | Immediate::NoCallIn(r)) = &immediate
        && r.is_empty()
    {
        diags.push(
            Diagnostic::error(
                rel,
                at,
                "the decision takes effect at once but gives no reason",
            )
            .code("decision-call-in")
            .hint("write why: for example urgent: \"The grant must be claimed by 31 October\""),
        );
    }
    let called_in = d.called_in.as_ref().and_then(|c| {
        let on = date_field(&c.on.value, line(&c.on), rel, "called_in: on", diags)?;
        Some(CalledIn {
            on,
            by: c.by.clone(),
            outcome: c.outcome.clone(),
        })
    });
    if called_in.is_some() && immediate.is_some() {
        diags.push(
            Diagnostic::error(rel, at, "the decision is recorded as called in, but also as not subject to call-in")
                .code("decision-call-in")
                .hint("a decision that takes effect at once cannot be called in: remove called_in:, or urgent:/no_call_in:"),
        );
    }
    Some(DecisionFacts {
        reasons: d.reasons.clone(),
        alternatives: d.alternatives.clone(),
        interests: d.interests.clone(),
        dispensation: d.dispensation.clone(),
        published,
        immediate,
        called_in,
        line: at,
    })
}

/// The folder of decisions taken by officers and individual members.
pub const DIR: &str = "decisions";

/// A decision taken by an officer or an individual executive member, written on its own
/// in `content/decisions/<slug>.md`: the front matter holds the record, the text is the
/// decision itself.
#[derive(Debug)]
pub struct OfficerDecision {
    pub slug: String,
    /// Site-relative path, for messages.
    pub rel: std::path::PathBuf,
    pub title: String,
    pub public_title: Option<String>,
    pub maker: String,
    pub post: Option<String>,
    pub date: time::Date,
    /// A key decision: its forward plan entry, or the exception route taken.
    pub key_decision: Option<super::forward_plan::KeyDecision>,
    pub facts: DecisionFacts,
    pub background: Option<super::Background>,
    pub exempt: Option<super::Exemption>,
    pub draft: bool,
    pub body: super::tree::Tree,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOfficerDecision {
    title: String,
    #[serde(default)]
    public_title: Option<Spanned<super::raw::Withhold<String>>>,
    decision_maker: RawMaker,
    date: Spanned<String>,
    #[serde(default)]
    key_decision: Option<Spanned<super::forward_plan::RawKeyDecision>>,
    #[serde(default)]
    reasons: Option<String>,
    #[serde(default)]
    alternatives: Option<String>,
    #[serde(default)]
    interests: Option<String>,
    #[serde(default)]
    dispensation: Option<String>,
    #[serde(default)]
    published: Option<Spanned<String>>,
    #[serde(default)]
    urgent: Option<String>,
    #[serde(default)]
    no_call_in: Option<String>,
    #[serde(default)]
    called_in: Option<super::raw::RawCalledIn>,
    #[serde(default)]
    background_papers: Option<Spanned<super::raw::RawBackground>>,
    #[serde(default)]
    exempt: Option<Spanned<super::raw::Withhold<super::raw::RawExempt>>>,
    #[serde(default)]
    draft: bool,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMaker {
    name: String,
    #[serde(default)]
    post: Option<String>,
}

/// Reads every decision in `content/decisions/`, sorted by date, then file name.
pub fn officer_decisions(
    sources: &crate::load::Sources,
    jurisdiction: super::schedule12a::Jurisdiction,
    diags: &mut Diagnostics,
) -> Vec<OfficerDecision> {
    let mut out: Vec<OfficerDecision> = sources
        .decisions
        .iter()
        .filter_map(|f| officer_decision(f, jurisdiction, diags))
        .collect();
    out.sort_by(|a, b| (a.date, &a.slug).cmp(&(b.date, &b.slug)));
    out
}

fn officer_decision(
    file: &crate::load::SourceFile,
    jurisdiction: super::schedule12a::Jurisdiction,
    diags: &mut Diagnostics,
) -> Option<OfficerDecision> {
    use super::comments::strip_inline;
    let (fm, body, body_line) =
        super::documents::split_front_matter::<RawOfficerDecision>(file, diags)?;
    let rel = &file.rel;
    let slug = file
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !super::text::is_slug(&slug) {
        diags.push(
            Diagnostic::error(rel, None, format!("\"{slug}\" cannot be used in a web address"))
                .code("bad-name")
                .hint("rename the file using lowercase letters, digits and hyphens, for example 2021-10-20-fostering-fees.md"),
        );
        return None;
    }
    // Front matter starts on line 2 of the file.
    let at = |l: serde_saphyr::Location| (l.line() > 0).then(|| l.line() as usize + 1);
    let date =
        super::documents::date_field(&fm.date.value, at(fm.date.referenced), rel, "date", diags);
    // A file named by its day, as the docs show, must say the same day in date: (a
    // mistyped year would date the decision, and its words, a year out).
    if let (Some(d), Some(named)) = (date, slug.get(..10))
        && super::text::parse_date(named).is_some()
        && super::text::iso_date(d) != named
    {
        diags.push(
            Diagnostic::error(rel, at(fm.date.referenced), format!("date: {} does not match the file name {slug}", fm.date.value))
                .code("date-mismatch")
                .hint("make the file name's date and date: agree; the file name is the decision's web address"),
        );
    }
    let published = fm.published.as_ref().and_then(|p| {
        super::documents::date_field(&p.value, at(p.referenced), rel, "published", diags)
    });
    let immediate = match (&fm.urgent, &fm.no_call_in) {
        (Some(u), _) => Some(Immediate::Urgent(strip_inline(u).trim().to_string())),
        (None, Some(n)) => Some(Immediate::NoCallIn(strip_inline(n).trim().to_string())),
        (None, None) => None,
    };
    let called_in = fm.called_in.as_ref().and_then(|c| {
        let on = super::documents::date_field(
            &c.on.value,
            at(c.on.referenced),
            rel,
            "called_in: on",
            diags,
        )?;
        Some(CalledIn {
            on,
            by: c.by.clone(),
            outcome: c.outcome.clone(),
        })
    });
    let exempt = fm.exempt.as_ref().and_then(|e| {
        super::documents::exempt_key(&e.value, at(e.referenced), rel, jurisdiction, diags)
    });
    let public_title = fm.public_title.as_ref().and_then(|t| {
        super::documents::public_title_key(&t.value, &fm.title, at(t.referenced), rel, diags)
    });
    let background = fm.background_papers.as_ref().and_then(|b| {
        super::documents::background(&b.value, at(b.referenced), rel, jurisdiction, diags)
    });
    let dir = std::path::PathBuf::from(DIR);
    let src = super::tree::Source {
        dir: &dir,
        first_line: body_line,
        rel,
    };
    let (body, refs) = super::tree::read(body, super::raw::Kind::Other, &src, diags);
    if !refs.is_empty() {
        diags.push(
            Diagnostic::error(rel, refs.first().map(|r| r.line), "a decision record links to or shows a file of the site")
                .code("decision-with-file")
                .hint("keep the record to words and web addresses; put files in a report and list it under background_papers:"),
        );
    }
    let clean = |s: &Option<String>| s.as_ref().map(|t| strip_inline(t).trim().to_string());
    Some(OfficerDecision {
        slug,
        rel: rel.clone(),
        title: strip_inline(&fm.title).trim().to_string(),
        public_title,
        maker: strip_inline(&fm.decision_maker.name).trim().to_string(),
        post: clean(&fm.decision_maker.post),
        date: date?,
        key_decision: fm
            .key_decision
            .as_ref()
            .and_then(|k| super::forward_plan::key_decision(k, rel, diags)),
        facts: DecisionFacts {
            reasons: clean(&fm.reasons),
            alternatives: clean(&fm.alternatives),
            interests: clean(&fm.interests),
            dispensation: clean(&fm.dispensation),
            published,
            immediate,
            called_in,
            line: None,
        },
        background,
        exempt,
        draft: fm.draft,
        body,
    })
}

/// When a decision takes effect, under the call-in rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallIn {
    /// Not an executive decision: call-in does not apply.
    NotApplicable,
    /// Subject to call-in, but the day it was published is not recorded.
    NotPublished,
    /// Subject to call-in: the deadline (a day, with the site's cut-off time) and the
    /// day it takes effect if it is not called in.
    Period {
        published: time::Date,
        deadline: time::Date,
        effective: time::Date,
    },
    /// Takes effect on publication, for the reason given.
    Immediate {
        published: Option<time::Date>,
        reason: Immediate,
    },
    /// Called in, with what came of it.
    CalledIn(CalledIn),
}

/// The call-in of an executive decision: `days` working days after the day it was
/// published, to the cut-off time on the last of them; it takes effect on the next
/// working day. Weekends and bank holidays are not working days, as for agendas.
pub fn call_in(
    facts: Option<&DecisionFacts>,
    days: u32,
    calendar: &super::calendar::WorkingDays,
) -> CallIn {
    let Some(f) = facts else {
        return CallIn::NotPublished;
    };
    if let Some(c) = &f.called_in {
        return CallIn::CalledIn(c.clone());
    }
    if let Some(reason) = &f.immediate {
        return CallIn::Immediate {
            published: f.published,
            reason: reason.clone(),
        };
    }
    let Some(published) = f.published else {
        return CallIn::NotPublished;
    };
    let deadline = calendar.working_days_after(published, days);
    let effective = deadline.and_then(|d| calendar.working_days_after(d, 1));
    match (deadline, effective) {
        (Some(deadline), Some(effective)) => CallIn::Period {
            published,
            deadline,
            effective,
        },
        _ => CallIn::NotPublished,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calendar::WorkingDays;
    use time::macros::date;

    fn published(on: time::Date) -> DecisionFacts {
        DecisionFacts {
            published: Some(on),
            ..DecisionFacts::default()
        }
    }

    #[test]
    fn call_in_runs_five_working_days_past_weekends_and_bank_holidays() {
        let days = WorkingDays::new(&[]);
        // Published Friday 15 October 2021: Mon 18 to Fri 22; effective Monday 25.
        assert_eq!(
            call_in(Some(&published(date!(2021 - 10 - 15))), 5, &days),
            CallIn::Period {
                published: date!(2021 - 10 - 15),
                deadline: date!(2021 - 10 - 22),
                effective: date!(2021 - 10 - 25),
            }
        );
        // Published Thursday 23 December 2021: 24, then the bank holidays of 27 and
        // 28 December are skipped: 29, 30, 31 December and 4 January (3 January is the
        // New Year bank holiday); effective 5 January 2022.
        assert_eq!(
            call_in(Some(&published(date!(2021 - 12 - 23))), 5, &days),
            CallIn::Period {
                published: date!(2021 - 12 - 23),
                deadline: date!(2022 - 01 - 04),
                effective: date!(2022 - 01 - 05),
            }
        );
        // A site's extra day off counts as a bank holiday.
        let extra = WorkingDays::new(&[date!(2021 - 10 - 18)]);
        match call_in(Some(&published(date!(2021 - 10 - 15))), 5, &extra) {
            CallIn::Period { deadline, .. } => assert_eq!(deadline, date!(2021 - 10 - 25)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn urgent_and_called_in_decisions_and_unrecorded_publication() {
        let days = WorkingDays::new(&[]);
        let mut f = published(date!(2021 - 10 - 15));
        f.immediate = Some(Immediate::Urgent("The grant closes on 20 October".into()));
        assert!(matches!(
            call_in(Some(&f), 5, &days),
            CallIn::Immediate { .. }
        ));
        f.immediate = None;
        f.called_in = Some(CalledIn {
            on: date!(2021 - 10 - 20),
            by: None,
            outcome: None,
        });
        assert!(matches!(call_in(Some(&f), 5, &days), CallIn::CalledIn(_)));
        assert_eq!(call_in(None, 5, &days), CallIn::NotPublished);
        assert_eq!(
            call_in(Some(&DecisionFacts::default()), 5, &days),
            CallIn::NotPublished
        );
    }
}
