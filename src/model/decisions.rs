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
