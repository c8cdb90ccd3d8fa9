//! An agenda item titled with the title its withheld paper hides. A paper taken in
//! private under Schedule 12A with a `public_title:` shows the public that title in
//! place of its own, but the item that lists it is public under its own title (an
//! exempt item too, unless it has a `public_title` of its own). `quire new document`
//! adds the item titled as the paper, so an officer who then hides the paper's title
//! as its note says publishes that title on the agenda, in the pack, the feed and the
//! search index (round 32). The leak gate finds such a title of three words or more
//! anywhere; a shorter one (a person's name and a word) only this check finds, as it
//! knows where that title must not be.

use std::path::Path;

use super::{Document, Item, Library};
use crate::diag::{Diagnostic, Diagnostics};

/// Refuses every item whose public title is the hidden title of a paper it lists while
/// that paper is withheld on `as_of`.
pub fn check(lib: &Library, as_of: time::Date, diags: &mut Diagnostics) {
    for c in &lib.committees {
        for m in &c.meetings {
            let file = crate::layout::meeting_file(&c.slug, &m.slug);
            check_items(lib, &m.items, false, as_of, &file, diags);
        }
    }
}

fn check_items(
    lib: &Library,
    items: &[Item],
    withheld_above: bool,
    as_of: time::Date,
    file: &Path,
    diags: &mut Diagnostics,
) {
    for item in items {
        let withheld = withheld_above || item.exempt.as_ref().is_some_and(|e| e.in_force(as_of));
        let shown = item.public_title.as_deref().unwrap_or(&item.title);
        for &id in &item.documents {
            let doc = &lib.documents[id];
            let in_force = doc.exempt.as_ref().is_some_and(|e| e.in_force(as_of));
            if (withheld || in_force) && hides(doc, shown) {
                diags.push(refusal(item, doc, file));
            }
        }
        check_items(lib, &item.items, withheld, as_of, file, diags);
    }
}

/// Whether `shown` is, letter for letter, the title `doc`'s public title hides.
fn hides(doc: &Document, shown: &str) -> bool {
    let letters = |s: &str| -> String {
        (super::minutes::words(s).chars())
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    let Some(public) = &doc.public_title else {
        return false;
    };
    let title = letters(&doc.title);
    !title.is_empty() && letters(shown) == title && letters(public) != title
}

fn refusal(item: &Item, doc: &Document, file: &Path) -> Diagnostic {
    let public = doc.public_title.as_deref().unwrap_or_default();
    Diagnostic::error(
        file,
        item.line,
        format!(
            "item {}'s title is the title {} hides behind its public_title \"{public}\", so the agenda would publish it",
            item.number,
            doc.rel.display()
        ),
    )
    // The title is the secret: neither the message nor the lines shown with it say it.
    .secret()
    .code("item-shows-hidden-title")
    .hint(format!(
        "give the item the paper's public title too (public_title: \"{public}\" under the item's title:), or give the item another title"
    ))
}
