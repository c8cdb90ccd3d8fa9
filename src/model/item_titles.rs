//! Agenda items titled with the title a withheld paper they list hides. A paper taken in
//! private under Schedule 12A with a `public_title:` shows the public that title in
//! place of its own, but every item that lists it is public under its own title (an
//! exempt item too, unless it has a `public_title` of its own), and so is each item above
//! it, up to the first exempt one. `quire new document` adds the item titled as the
//! paper, so an officer who then hides the paper's title as its note says publishes that
//! title on the agenda, in the pack, the feed and the search index (rounds 32 and 33).
//! The leak gate finds such a title of three words or more anywhere; a shorter one (a
//! person's name and a word) only this check finds, as it knows where that title must
//! not be: in the public titles of the items that list the paper, wherever they are.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{DocId, Document, Item, Library};
use crate::diag::{Diagnostic, Diagnostics};

/// Refuses every item whose public title holds the title a paper it lists (itself or
/// through a sub-item) hides, while that paper is withheld on `as_of`.
pub fn check(lib: &Library, as_of: time::Date, diags: &mut Diagnostics) {
    let mut by_item = HashSet::new();
    for m in lib.committees.iter().flat_map(|c| &c.meetings) {
        withheld_by_items(&m.items, false, as_of, &mut by_item);
    }
    let withheld = |doc: &Document| {
        by_item.contains(&doc.id) || doc.exempt.as_ref().is_some_and(|e| e.in_force(as_of))
    };
    let mut told = HashSet::new();
    for c in &lib.committees {
        for m in &c.meetings {
            let walk = Walk {
                lib,
                as_of,
                file: crate::layout::meeting_file(&c.slug, &m.slug),
                withheld: &withheld,
            };
            walk.items(&m.items, &[], false, &mut |shown, doc| {
                if told.insert((walk.file.clone(), shown.item.line, doc.id)) {
                    diags.push(refusal(shown, doc, &walk.file));
                }
            });
        }
    }
}

/// The papers an exempt item in force lists, itself or through its sub-items: withheld
/// wherever else they are listed.
fn withheld_by_items(items: &[Item], above: bool, as_of: time::Date, out: &mut HashSet<DocId>) {
    for item in items {
        let exempt = above || item.exempt.as_ref().is_some_and(|e| e.in_force(as_of));
        if exempt {
            out.extend(item.documents.iter().copied());
        }
        withheld_by_items(&item.items, exempt, as_of, out);
    }
}

/// An item's title as the public sees it.
#[derive(Clone, Copy)]
struct Shown<'a> {
    item: &'a Item,
    text: &'a str,
    /// Whether it is the item's own `public_title`.
    public_title: bool,
}

struct Walk<'a> {
    lib: &'a Library,
    as_of: time::Date,
    file: PathBuf,
    withheld: &'a dyn Fn(&Document) -> bool,
}

impl Walk<'_> {
    /// Hands each public title above and at each item, with each withheld paper the item
    /// lists whose hidden title it holds, to `found`. `above` are the public titles of
    /// the items above; below an exempt item, titles are withheld with it.
    fn items<'i>(
        &self,
        items: &'i [Item],
        above: &[Shown<'i>],
        exempt_above: bool,
        found: &mut dyn FnMut(Shown<'i>, &Document),
    ) {
        for item in items {
            let mut shown = above.to_vec();
            if !exempt_above {
                shown.push(Shown {
                    item,
                    text: item.public_title.as_deref().unwrap_or(&item.title),
                    public_title: item.public_title.is_some(),
                });
            }
            for &id in &item.documents {
                let doc = &self.lib.documents[id];
                if !(self.withheld)(doc) {
                    continue;
                }
                for s in shown.iter().filter(|s| hides(doc, s.text)) {
                    found(*s, doc);
                }
            }
            let exempt =
                exempt_above || item.exempt.as_ref().is_some_and(|e| e.in_force(self.as_of));
            self.items(&item.items, &shown, exempt, found);
        }
    }
}

/// Whether `shown` holds the title `doc`'s public title hides: its words in a row, in
/// the leak gate's normal form (case, accents, punctuation, invisible characters and
/// look-alike letters aside), or its letters run together or split another way.
fn hides(doc: &Document, shown: &str) -> bool {
    use crate::gate::words::normal;
    let Some(public) = &doc.public_title else {
        return false;
    };
    let title = normal(&doc.title);
    let letters = |s: &str| s.replace(' ', "");
    if title.trim().is_empty() {
        return false;
    }
    // A public title that repeats the title says the title may be published.
    let public = normal(public);
    if public.contains(&title) || letters(&public) == letters(&title) {
        return false;
    }
    let shown = normal(shown);
    shown.contains(&title) || letters(&shown) == letters(&title)
}

fn refusal(shown: Shown<'_>, doc: &Document, file: &Path) -> Diagnostic {
    let public = doc.public_title.as_deref().unwrap_or_default();
    let (what, hint) = if shown.public_title {
        (
            "public_title",
            format!(
                "write another public_title for the item, for example the paper's: public_title: \"{public}\""
            ),
        )
    } else {
        (
            "title",
            format!(
                "give the item the paper's public title too (public_title: \"{public}\" under the item's title:), or give the item another title"
            ),
        )
    };
    Diagnostic::error(
        file,
        shown.item.line,
        format!(
            "item {}'s {what} holds the title {} hides behind its public_title \"{public}\", so the agenda would publish it",
            shown.item.number,
            doc.rel.display()
        ),
    )
    // The title is the secret: neither the message nor the lines shown with it say it.
    .secret()
    .code("item-shows-hidden-title")
    .hint(hint)
}
