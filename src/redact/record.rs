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
        published && approved
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

    pub(super) fn background(&self, doc: &Document) -> Option<BackgroundView> {
        match doc.background.as_ref()? {
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
    pub(super) fn minutes_body(&self, tree: &Tree, meeting: &Meeting) -> Tree {
        let mut out = tree.clone();
        // From the last section back, so the earlier ranges stay where they are.
        let mut sections = meeting.exempt_minutes.clone();
        sections.sort_by_key(|s| std::cmp::Reverse(s.blocks.start));
        for s in sections {
            let Some((item, ex)) = find_item(&meeting.items, &s.item, None) else {
                continue;
            };
            let Some(ex) = self.in_force(ex.as_ref()) else {
                continue;
            };
            let notice = self.notice(ex);
            let heading = Block::Heading {
                depth: 1,
                id: format!("minute-{}", s.item),
                number: Some(s.item.clone()),
                c: vec![Inline::Text(self.item_title(item))],
            };
            let mut blocks = vec![heading, strong_para(&notice.text)];
            if self.audience == Audience::Confidential {
                blocks.extend(out.blocks[s.blocks.start + 1..s.blocks.end].iter().cloned());
            }
            if let Some(summary) = &item.minutes_summary {
                blocks.push(strong_para("Public summary of this minute:"));
                blocks.push(Block::Quote(summary.blocks.clone()));
            }
            out.blocks.splice(s.blocks.clone(), blocks);
        }
        out
    }

    /// The exemptions of the items whose minutes are withheld, for members' marking.
    pub(super) fn minutes_exemption(&self, meeting: &Meeting) -> Option<Exemption> {
        meeting
            .exempt_minutes
            .iter()
            .filter_map(|s| find_item(&meeting.items, &s.item, None))
            .filter_map(|(_, ex)| self.in_force(ex.as_ref()).cloned())
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
        let mut by_day: BTreeMap<time::Date, Supplement> = BTreeMap::new();
        let mut visit = Vec::new();
        walk(&m.items, None, &mut visit);
        for (item, published) in visit {
            if !self.item_out(item) {
                continue;
            }
            if let Some(p) = item.published.filter(|p| *p > agenda) {
                supplement(&mut by_day, p).items.push(item.number.clone());
            }
            for &d in &item.documents {
                let doc = &lib.documents[d];
                let eff = [published, doc.published].into_iter().flatten().max();
                let Some(&shown) = docs.get(&d) else {
                    // A withheld paper that came later is part of its supplement too.
                    if let Some(p) = eff.filter(|p| *p > agenda)
                        && let Some(DocSlot::Withheld { title, .. }) = self.withheld_slot(lib, d)
                    {
                        supplement(&mut by_day, p)
                            .withheld
                            .push((item.number.clone(), title));
                    }
                    continue;
                };
                if let Some(p) = eff.filter(|p| *p > agenda) {
                    let s = supplement(&mut by_day, p);
                    s.documents.push((item.number.clone(), shown));
                    if let Some(old) = doc.replaces.and_then(|o| docs.get(&o).copied()) {
                        s.replaced.push((old, shown));
                    }
                }
            }
        }
        let mut out: Vec<Supplement> = by_day.into_values().collect();
        for (i, s) in out.iter_mut().enumerate() {
            s.number = i + 1;
        }
        out
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

/// Every item with the day it was added (its own, or its parent's).
fn walk<'i>(
    items: &'i [Item],
    parent: Option<time::Date>,
    out: &mut Vec<(&'i Item, Option<time::Date>)>,
) {
    for i in items {
        let p = i.published.or(parent);
        out.push((i, p));
        walk(&i.items, p, out);
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

fn strong_para(text: &str) -> Block {
    Block::Para {
        n: None,
        decision: false,
        c: vec![Inline::Strong(vec![Inline::Text(text.to_string())])],
    }
}
