//! The sentences the pack and the web pages print about a meeting's record, each made in
//! one place so that both print the very same words.

use crate::model::text::{long_date, short_date};
use crate::redact::{ApprovalView, Edition, Supplement};

/// The statement of urgency for an item the chair took as urgent business
/// (s100B(4)(b) of the Local Government Act 1972).
/// An empty reason is one withheld with its exempt item.
pub fn urgency(reason: &str) -> String {
    if reason.is_empty() {
        return "Urgent business. The chair agreed to consider this item as a matter of urgency; the reason is recorded with the exempt item.".to_string();
    }
    format!(
        "Urgent business. The chair agreed to consider this item as a matter of urgency because: {reason}"
    )
}

/// The minutes' list of items taken as urgent business, with the chair's reasons:
/// "Item 9, Roof repairs: Urgent business. The chair agreed ...".
pub fn urgent_business(items: &[crate::redact::ItemView]) -> Vec<String> {
    let mut out = Vec::new();
    for i in items {
        if let Some(r) = &i.urgent {
            out.push(format!("Item {}, {}: {}", i.number, i.title, urgency(r)));
        }
        out.extend(urgent_business(&i.items));
    }
    out
}

/// The heading of that list.
pub const URGENT_BUSINESS: &str = "Urgent business";

/// "Supplementary agenda 1, published 20 September 2021".
pub fn supplement_line(s: &Supplement) -> String {
    format!(
        "Supplementary agenda {}, published {}",
        s.number,
        short_date(s.date)
    )
}

/// "This replaces <title>, published with the agenda." The replaced paper came with the
/// agenda, or (`in_supplement`) with an earlier supplementary agenda.
pub fn replaces(old_title: &str, in_supplement: Option<usize>) -> String {
    match in_supplement {
        None => format!("This replaces {old_title}, published with the agenda."),
        Some(n) => format!("This replaces {old_title}, published with supplementary agenda {n}."),
    }
}

/// Minutes: "DRAFT: not yet approved", or "Approved at the meeting held on Friday 24
/// September 2021"; nothing when the minutes are approved without a recorded meeting.
pub fn approval(ed: &Edition, a: &ApprovalView) -> Option<String> {
    match a {
        ApprovalView::Draft => Some("DRAFT: not yet approved".to_string()),
        ApprovalView::Approved { at: Some(mi) } => ed
            .meetings()
            .get(*mi)
            .map(|m| format!("Approved at the meeting held on {}", long_date(m.date))),
        ApprovalView::Approved { at: None } => None,
    }
}

/// The approval of minutes as it stood before a meeting on `day`: minutes approved at that
/// meeting or a later one were still a draft. A pack is a record of what was published,
/// so it shows this, not the approval as of the build date.
pub fn as_published(ed: &Edition, a: &ApprovalView, day: time::Date) -> ApprovalView {
    match a {
        ApprovalView::Approved { at: Some(mi) }
            if ed.meetings().get(*mi).is_some_and(|m| m.date >= day) =>
        {
            ApprovalView::Draft
        }
        other => other.clone(),
    }
}

/// The heading of a report's list of background papers.
pub const BACKGROUND_PAPERS: &str = "Background papers";

/// "Available at https://…", for a background paper published on the web.
pub fn available_at(link: &str) -> String {
    format!("Available at {link}")
}

/// "Available for inspection at …", for one that can be inspected.
pub fn inspect_at(place: &str) -> String {
    format!("Available for inspection at {place}")
}
