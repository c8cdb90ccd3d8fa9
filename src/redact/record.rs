//! The rest of a meeting's record, by the same rules: papers that came after the agenda,
//! minutes and their approval, the minute of an exempt item, background papers.
//!
//! Each rule here narrows what the public sees; none widens it. A paper whose `published:`
//! day has not come is not in the public edition at all, like an agenda not yet out; so
//! are minutes not yet approved, unless the site publishes drafts; and the minute of an
//! exempt item is cut out of the public minutes, leaving the item's notice and the public
//! summary the officer wrote.

use std::collections::BTreeMap;

use super::{Audience, Rules};
use crate::model::tree::{Block, Inline, Tree};
use crate::model::{Approval, Background, DocId, Document, Exemption, Item, Library, Meeting};

use super::views::{ApprovalView, BackgroundPaperView, BackgroundView, DocSlot, Supplement};

impl Rules {
    /// Whether an item added after the agenda is out on the build date.
    pub(super) fn item_out(&self, item: &Item) -> bool {
        self.audience == Audience::Confidential || item.published.is_none_or(|p| p <= self.as_of)
    }

    /// Whether a document's own publication day, and for minutes their approval, let the
    /// public read it on the build date.
    pub(super) fn document_out(&self, lib: &Library, doc: &Document) -> bool {
        if self.audience == Audience::Confidential {
            return true;
        }
        let published = doc.published.is_none_or(|p| p <= self.as_of);
        let approved = match &doc.approval {
            Some(a) => !a.draft_on(self.as_of) || lib.config.publish_draft_minutes,
            None => true,
        };
        published && approved && !self.unplaced_minute_in_force(lib, doc)
    }

    /// Minutes in which the minute of an item exempt in force could not be found: it may
    /// be anywhere in them, so none of them is public.
    fn unplaced_minute_in_force(&self, lib: &Library, doc: &Document) -> bool {
        if doc.unplaced_exempt_minutes.is_empty() {
            return false;
        }
        let meeting = lib
            .committees
            .iter()
            .filter(|c| c.slug == doc.committee)
            .flat_map(|c| &c.meetings)
            .find(|m| m.slug == doc.meeting);
        let Some(m) = meeting else { return true };
        doc.unplaced_exempt_minutes.iter().any(|n| {
            find_item(&m.items, n, None).is_none_or(|(_, ex)| self.in_force(ex.as_ref()).is_some())
        })
    }

    pub(super) fn approval(
        &self,
        doc: &Document,
        meetings: &BTreeMap<(String, String), usize>,
    ) -> Option<ApprovalView> {
        match doc.approval.as_ref()? {
            a if a.draft_on(self.as_of) => Some(ApprovalView::Draft),
            Approval::Unstated => None,
            Approval::Approved {
                at: Some((slug, _)),
            } => Some(ApprovalView::Approved {
                at: meetings
                    .get(&(doc.committee.clone(), slug.clone()))
                    .copied(),
            }),
            _ => Some(ApprovalView::Approved { at: None }),
        }
    }

    pub(super) fn background(&self, background: Option<&Background>) -> Option<BackgroundView> {
        match background? {
            Background::None => Some(BackgroundView::None),
            Background::Papers(list) => {
                let papers: Vec<BackgroundPaperView> = list
                    .iter()
                    .filter_map(|p| {
                        let ex = self.in_force(p.exempt.as_ref());
                        if ex.is_some() && self.audience == Audience::Public {
                            return None;
                        }
                        Some(BackgroundPaperView {
                            title: p.title.clone(),
                            link: p.link.clone(),
                            inspect: p.inspect.clone(),
                            marking: ex.map(|e| self.notice(e)),
                        })
                    })
                    .collect();
                // Only exempt papers: the public list would be empty, and "None" would be
                // untrue, so the public sees no list at all.
                (!papers.is_empty()).then_some(BackgroundView::Papers(papers))
            }
        }
    }

    /// The minutes' body as the audience may read it. The minute of an exempt item in
    /// force becomes its notice and public summary; members read the full minute too,
    /// under the notice.
    pub(super) fn minutes_body(&self, tree: &Tree, doc: &Document, meeting: &Meeting) -> Tree {
        let mut out = tree.clone();
        // Headings that name an item by the title it hides take the title the audience
        // sees, in place, before any withheld minute is cut (which moves blocks).
        for s in &doc.retitled_sections {
            let Some((item, _)) = find_item(&meeting.items, &s.item, None) else {
                continue;
            };
            let title = self.item_title(item);
            if title == item.title {
                continue;
            }
            if let Some(Block::Heading { depth, id, c, .. }) = out.blocks.get_mut(s.blocks.start) {
                // The anchor was made from the heading's words.
                *id = format!("minute-{}", s.item.to_lowercase());
                *c = vec![Inline::Text(match depth {
                    1 => title,
                    _ => format!("{} {title}", s.item),
                })];
            }
        }
        // From the last section back, so the earlier ranges stay where they are.
        for (s, item, ex) in self.withheld_minutes(doc, meeting).into_iter().rev() {
            // The public sees nothing of an item inside an exempt one, not even its title:
            // its minute goes, and the outer item's notice stands for both.
            if self.audience == Audience::Public && self.under_exempt(&meeting.items, &s.item) {
                out.blocks.drain(s.blocks.clone());
                continue;
            }
            let notice = self.notice(&ex);
            let (depth, number) = match &tree.blocks[s.blocks.start] {
                Block::Heading { depth, .. } => (*depth, s.item.clone()),
                _ => (1, s.item.clone()),
            };
            let heading = Block::Heading {
                depth,
                id: format!("minute-{}", number.to_lowercase()),
                number: (depth == 1).then(|| number.clone()),
                c: vec![Inline::Text(if depth == 1 {
                    self.item_title(item)
                } else {
                    format!("{number} {}", self.item_title(item))
                })],
            };
            let mut blocks = vec![heading, strong_para(&notice.text)];
            if self.audience == Audience::Confidential {
                blocks.extend(out.blocks[s.blocks.start + 1..s.blocks.end].iter().cloned());
            }
            if let Some(summary) = &item.minutes_summary {
                blocks.push(strong_para(SUMMARY_MARK));
                blocks.push(Block::Quote(summary.blocks.clone()));
            }
            out.blocks.splice(s.blocks.clone(), blocks);
        }
        crate::model::tree::unique_heading_ids(&mut out.blocks);
        out
    }

    /// The sections of `doc` that minute an exempt item in force, in order, each with its
    /// item and exemption; a section inside another withheld one goes with the outer.
    fn withheld_minutes<'m>(
        &self,
        doc: &Document,
        meeting: &'m Meeting,
    ) -> Vec<(crate::model::MinuteSection, &'m Item, Exemption)> {
        let mut all: Vec<_> = doc
            .exempt_sections
            .iter()
            .filter_map(|s| {
                let (item, ex) = find_item(&meeting.items, &s.item, None)?;
                let ex = self.in_force(ex.as_ref())?.clone();
                Some((s.clone(), item, ex))
            })
            .collect();
        all.sort_by_key(|(s, _, _)| (s.blocks.start, std::cmp::Reverse(s.blocks.end)));
        let mut kept: Vec<(crate::model::MinuteSection, &Item, Exemption)> = Vec::new();
        for entry in all {
            match kept.last() {
                Some((outer, _, _)) if entry.0.blocks.start < outer.blocks.end => {}
                _ => kept.push(entry),
            }
        }
        kept
    }

    /// Whether item `number` sits inside an item exempt in force.
    fn under_exempt(&self, items: &[Item], number: &str) -> bool {
        fn walk(r: &Rules, items: &[Item], number: &str, above: bool) -> Option<bool> {
            for i in items {
                if i.number == number {
                    return Some(above);
                }
                let here = above || r.in_force(i.exempt.as_ref()).is_some();
                if let Some(found) = walk(r, &i.items, number, here) {
                    return Some(found);
                }
            }
            None
        }
        walk(self, items, number, false).unwrap_or(false)
    }

    /// The exemptions of the items whose minutes are withheld, for members' marking.
    pub(super) fn minutes_exemption(&self, doc: &Document, meeting: &Meeting) -> Option<Exemption> {
        self.withheld_minutes(doc, meeting)
            .into_iter()
            .map(|(_, _, ex)| ex)
            .reduce(|a, b| a.merge(&b))
    }

    /// A meeting's supplementary agendas: items and papers published after the agenda,
    /// grouped by day, as far as the audience sees them.
    pub(super) fn supplements(
        &self,
        lib: &Library,
        m: &Meeting,
        docs: &BTreeMap<DocId, usize>,
    ) -> Vec<Supplement> {
        let Some(agenda) = m.agenda_published else {
            return Vec::new();
        };
        // Numbered from the whole record, so that supplementary agenda 2 is the same
        // paper for the public as for members, whatever either may see of it. A draft
        // has not been issued, so it is in no supplementary agenda, for members either:
        // counting its day would show the public a gap where it was.
        let mut visit = Vec::new();
        walk(&m.items, None, false, self, &mut visit);
        let issued = |d: &DocId| !lib.documents[*d].draft;
        let mut days: Vec<time::Date> = visit
            .iter()
            .flat_map(|(item, published, _)| {
                let docs = item.documents.iter().filter(|d| issued(d)).map(|&d| {
                    [*published, lib.documents[d].published]
                        .into_iter()
                        .flatten()
                        .max()
                });
                std::iter::once(item.published).chain(docs)
            })
            .flatten()
            .filter(|p| *p > agenda)
            .collect();
        days.sort_unstable();
        days.dedup();
        let mut by_day: BTreeMap<time::Date, Supplement> = BTreeMap::new();
        for (item, published, hidden) in visit {
            // Nothing of an item that is not out yet, nor (for the public) anything under
            // an exempt item, whose notice is all the public sees of it.
            let out = self.audience == Audience::Confidential
                || published.is_none_or(|p| p <= self.as_of);
            if !out || hidden {
                continue;
            }
            if let Some(p) = item.published.filter(|p| *p > agenda) {
                supplement(&mut by_day, p).items.push(item.number.clone());
            }
            if self.audience == Audience::Public && self.in_force(item.exempt.as_ref()).is_some() {
                continue;
            }
            for &d in item.documents.iter().filter(|d| issued(d)) {
                let doc = &lib.documents[d];
                let eff = [published, doc.published].into_iter().flatten().max();
                let Some(p) = eff.filter(|p| *p > agenda) else {
                    continue;
                };
                match docs.get(&d) {
                    Some(&shown) => {
                        let s = supplement(&mut by_day, p);
                        s.documents.push((item.number.clone(), shown));
                        if let Some(old) = doc.replaces.and_then(|o| docs.get(&o).copied()) {
                            s.replaced.push((old, shown));
                        }
                    }
                    // A withheld paper that came later is part of its supplement too.
                    None => {
                        if let Some(DocSlot::Withheld { title, .. }) = self.withheld_slot(lib, d) {
                            supplement(&mut by_day, p)
                                .withheld
                                .push((item.number.clone(), title));
                        }
                    }
                }
            }
        }
        by_day
            .into_values()
            .filter(|s| self.audience == Audience::Confidential || s.date <= self.as_of)
            .map(|mut s| {
                s.number = days.iter().position(|d| *d == s.date).map_or(0, |i| i + 1);
                s
            })
            .collect()
    }
}

fn supplement(by_day: &mut BTreeMap<time::Date, Supplement>, day: time::Date) -> &mut Supplement {
    by_day.entry(day).or_insert_with(|| Supplement {
        number: 0,
        date: day,
        items: Vec::new(),
        documents: Vec::new(),
        replaced: Vec::new(),
        withheld: Vec::new(),
    })
}

/// Every item with the day it was added (the latest of its own and its parents') and
/// whether an exempt item in force above it hides it from the public.
fn walk<'i>(
    items: &'i [Item],
    parent: Option<time::Date>,
    hidden: bool,
    rules: &Rules,
    out: &mut Vec<(&'i Item, Option<time::Date>, bool)>,
) {
    for i in items {
        let p = i.published.max(parent);
        out.push((i, p, hidden));
        let exempt =
            rules.audience == Audience::Public && rules.in_force(i.exempt.as_ref()).is_some();
        walk(&i.items, p, hidden || exempt, rules, out);
    }
}
/// An item by number, with the exemption it is under (its own and its parents').
fn find_item<'i>(
    items: &'i [Item],
    number: &str,
    inherited: Option<&Exemption>,
) -> Option<(&'i Item, Option<Exemption>)> {
    for i in items {
        let ex = Exemption::merge_opt(i.exempt.as_ref(), inherited);
        if i.number == number {
            return Some((i, ex));
        }
        if let Some(found) = find_item(&i.items, number, ex.as_ref()) {
            return Some(found);
        }
    }
    None
}

/// The line that introduces the public summary of an exempt item's minute.
pub(super) const SUMMARY_MARK: &str = "Public summary of this minute:";

fn strong_para(text: &str) -> Block {
    Block::Para {
        n: None,
        decision: false,
        c: vec![Inline::Strong(vec![Inline::Text(text.to_string())])],
    }
}
