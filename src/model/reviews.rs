//! Release reviews: an exemption can carry the date by which the council means to review
//! whether it still applies. Exempt information is not secret for ever, and councils are
//! expected to publish it when it no longer needs protecting; every build reminds the
//! officer of each review that has fallen due, until it is done.

use std::path::Path;

use super::{Exemption, Item, Library};
use crate::diag::{Diagnostic, Diagnostics};
use crate::text::short_date;

/// Warns of every exemption still in force on `as_of` whose review date has come.
pub fn check(lib: &Library, as_of: time::Date, diags: &mut Diagnostics) {
    for c in &lib.committees {
        for m in &c.meetings {
            let file = crate::layout::meeting_file(&c.slug, &m.slug);
            let mut items: Vec<&Item> = Vec::new();
            collect(&m.items, &mut items);
            for item in items {
                if let Some(e) = &item.exempt {
                    warn(e, &format!("item {}", item.number), &file, as_of, diags);
                }
            }
        }
    }
    for d in &lib.documents {
        if let Some(e) = &d.exempt {
            warn(e, &format!("\"{}\"", d.title), &d.rel, as_of, diags);
        }
    }
}

fn collect<'a>(items: &'a [Item], out: &mut Vec<&'a Item>) {
    for item in items {
        out.push(item);
        collect(&item.items, out);
    }
}

fn warn(e: &Exemption, what: &str, file: &Path, as_of: time::Date, diags: &mut Diagnostics) {
    let Some(review) = e.review.filter(|r| *r <= as_of && e.in_force(as_of)) else {
        return;
    };
    diags.push(
        Diagnostic::warning(file, e.line, format!("the exemption of {what} was due for review on {}", short_date(review))).code("exemption-review-due")
            .hint("check whether the information still needs to be withheld; then write the next review: date, or until: with the date it may be published"),
    );
}
