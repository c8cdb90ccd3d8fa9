//! Decisions as an audience may see them: one record for every "Resolved:" paragraph of
//! the minutes the audience reads, and one for every officer's decision it may see.
//!
//! A committee's decisions are read from the minutes *as this edition shows them*, after
//! the minute of an exempt item has been replaced by its notice and public summary. So the
//! public's records hold only resolutions the public minutes hold: redaction holds by
//! construction, not by a second set of rules. What the record adds from `decision:` in
//! meeting.yaml (reasons, alternatives, interests) belongs to the item: for an exempt item
//! in force, the public record says it is withheld, and members read it, marked.

use super::{Audience, DocBody, Edition, Notice, Rules};
use crate::model::decisions::{CallIn, DecisionFacts, call_in};
use crate::model::tree::{Block, Inline, Tree};
use crate::model::{Exemption, Item, Library};

/// The register of decisions.
pub const REGISTER_URL: &str = "/decisions/";
/// Officers' and individual members' decisions.
pub const OFFICERS_URL: &str = "/decisions/officers/";

/// Who took a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Maker {
    /// A committee (index into [`Edition::committees`]).
    Committee(usize),
    /// An officer or an individual executive member.
    Person { name: String, post: Option<String> },
}

/// One decision record.
#[derive(Debug)]
pub struct DecisionView {
    pub url: String,
    /// "Cabinet, 13 October 2021, minute 4" or the officer decision's file name.
    pub reference: String,
    /// The item's title (as the audience sees it) or the officer decision's title.
    pub title: String,
    pub maker: Maker,
    /// The meeting (index into [`Edition::meetings`]) whose minutes record it.
    pub meeting: Option<usize>,
    pub minute: Option<String>,
    pub date: time::Date,
    /// The decision in words: the resolution, or an officer decision's text.
    pub text: Tree,
    /// From minutes not yet approved.
    pub draft_minutes: bool,
    /// Taken by an executive body, so regulation 12 applies and it can be called in.
    pub executive: bool,
    /// A key decision: its forward plan entry, or the exception route taken (public, as
    /// the agenda and the notices show them).
    pub key_decision: Option<crate::model::forward_plan::KeyDecision>,
    /// The regulation 12 record beyond the resolution; `None` when withheld or not written.
    pub facts: Option<FactsView>,
    /// In public: the notice under which the facts are withheld. For members: the marking
    /// of facts that are exempt.
    pub notice: Option<Notice>,
    pub call_in: CallIn,
    /// An officer's decision: its background papers, exempt ones left out in public.
    pub background: Option<super::BackgroundView>,
}

/// An officer's key decision as the audience may know it: what the forward plan and the
/// notices of an exception route (general exception, special urgency) need. Made beside
/// the record, by the same rules, so they never name a decision more plainly than its
/// record does.
#[derive(Debug, Clone)]
pub struct OfficerKeyDecision {
    /// The title the audience sees: the public title while it stands.
    pub title: String,
    /// The file's name, or `None` while it must not be shown: the decision is withheld,
    /// or a public title stands in for its title.
    pub name: Option<String>,
    pub maker: Maker,
    /// The day the decision is (or is to be) taken.
    pub date: time::Date,
    /// The record's address, once the audience may read the record.
    pub record: Option<String>,
    pub key_decision: crate::model::forward_plan::KeyDecision,
}

#[derive(Debug, Clone, Default)]
pub struct FactsView {
    pub reasons: Option<String>,
    pub alternatives: Option<String>,
    pub interests: Option<String>,
    pub dispensation: Option<String>,
}

impl FactsView {
    fn of(f: &DecisionFacts) -> FactsView {
        FactsView {
            reasons: f.reasons.clone(),
            alternatives: f.alternatives.clone(),
            interests: f.interests.clone(),
            dispensation: f.dispensation.clone(),
        }
    }
}

impl Rules {
    /// Every decision the edition's minutes and officers' records show, newest first, and
    /// the officers' key decisions, for the forward plan and the notices.
    pub(super) fn decisions(
        &self,
        lib: &Library,
        ed: &Edition,
    ) -> (Vec<DecisionView>, Vec<OfficerKeyDecision>) {
        let mut out = Vec::new();
        // Every set of minutes the audience reads, under the meeting it records: the
        // meeting's minutes.md, and any other document of kind minutes in its folder.
        let minutes = ed.documents.iter().enumerate().filter(|&(i, d)| {
            d.meeting < ed.meetings.len()
                && (d.kind == crate::model::Kind::Minutes
                    || ed.meetings[d.meeting].minutes == Some(i))
        });
        for (d, doc) in minutes {
            let mi = doc.meeting;
            let m = &ed.meetings[mi];
            let DocBody::Markdown(tree) = &doc.body else {
                continue;
            };
            // Another file of minutes of the same meeting keeps its records apart.
            let part = if m.minutes == Some(d) {
                String::new()
            } else {
                format!("{}-", doc.slug)
            };
            let c = &ed.committees[m.committee];
            let Some(model) = lib
                .committees
                .iter()
                .find(|x| x.slug == c.slug)
                .and_then(|x| {
                    x.meetings
                        .iter()
                        .find(|x| x.slug == m.slug)
                        .map(|mm| (x, mm))
                })
            else {
                continue;
            };
            let draft = matches!(doc.approval, Some(super::ApprovalView::Draft));
            // Members read the full minute of an exempt item: its public summary restates
            // the resolution, and is not a decision of its own.
            let summaries = self.audience == Audience::Confidential;
            for (minute, n, heading, text) in resolutions(tree, summaries) {
                let item = find(&model.1.items, &minute, None);
                let title = find_view(&m.items, &minute)
                    .map(|i| i.title.clone())
                    .unwrap_or(heading);
                let (facts, notice) = self.facts(item.as_ref());
                let withheld = self.audience == Audience::Public && notice.is_some();
                let suffix = if n > 1 {
                    format!("-{n}")
                } else {
                    String::new()
                };
                let executive = model.0.executive;
                out.push(DecisionView {
                    url: format!(
                        "{REGISTER_URL}{}/{}/{part}{}{suffix}/",
                        c.slug,
                        m.slug,
                        minute.to_lowercase()
                    ),
                    reference: format!(
                        "{}, {}{}, minute {minute}{}",
                        c.name,
                        crate::text::short_date(m.date),
                        m.suffix(),
                        if n > 1 {
                            format!(" ({n})")
                        } else {
                            String::new()
                        }
                    ),
                    title,
                    maker: Maker::Committee(m.committee),
                    meeting: Some(mi),
                    minute: Some(minute),
                    date: m.date,
                    text,
                    draft_minutes: draft,
                    executive,
                    key_decision: item.as_ref().and_then(|(i, _)| i.key_decision.clone()),
                    facts,
                    notice,
                    background: None,
                    call_in: if executive {
                        let f = item.as_ref().and_then(|(i, _)| i.decision.as_ref());
                        let c = call_in(f, lib.config.call_in_days, &self.calendar(lib));
                        if withheld { without_words(c) } else { c }
                    } else {
                        CallIn::NotApplicable
                    },
                });
            }
        }
        let (officers, keys) = self.officer_decisions(lib);
        out.extend(officers);
        // Newest first; one meeting's in the order of its minutes (the sort is stable).
        out.sort_by_key(|d| std::cmp::Reverse(d.date));
        (out, keys)
    }

    fn calendar(&self, lib: &Library) -> crate::model::calendar::WorkingDays {
        crate::model::calendar::WorkingDays::new(&lib.config.extra_bank_holidays)
    }

    /// The regulation 12 facts of an item's decision as the audience may read them.
    fn facts(
        &self,
        item: Option<&(&Item, Option<Exemption>)>,
    ) -> (Option<FactsView>, Option<Notice>) {
        let Some((item, ex)) = item else {
            return (None, None);
        };
        let facts = item.decision.as_ref().map(FactsView::of);
        match self.in_force(ex.as_ref()) {
            Some(e) if self.audience == Audience::Public => (None, Some(self.notice(e))),
            Some(e) => (facts, Some(self.notice(e))),
            None => (facts, None),
        }
    }

    /// The officers' decision records the audience reads, and the officers' key decisions
    /// it may know of (a notice goes out before the decision is taken, so these include
    /// decisions whose records are not out yet; drafts are left out of the public's).
    fn officer_decisions(&self, lib: &Library) -> (Vec<DecisionView>, Vec<OfficerKeyDecision>) {
        let mut out = Vec::new();
        let mut keys = Vec::new();
        // Decisions of one day whose file name must not be their address, numbered for
        // it: withheld ones, and ones whose title a public title hides.
        let mut unnamed_on: std::collections::HashMap<(time::Date, bool), usize> =
            Default::default();
        for d in &lib.officer_decisions {
            let public = self.audience == Audience::Public;
            if public && d.draft {
                continue;
            }
            // Public from the day it was published, and never before it was taken.
            let out_on = d.facts.published.unwrap_or(d.date).max(d.date);
            let ex = self.in_force(d.exempt.as_ref());
            let withheld = public && ex.is_some();
            // A public title, wherever written, is what the public sees until the exemption
            // beside it lapses, as on items and documents (round 22: one written without
            // `exempt:`, because only a background paper was exempt, was ignored).
            let hidden = (d.public_title.as_ref())
                .filter(|_| public && !super::lapsed(d.exempt.as_ref(), self.as_of));
            let title = hidden.unwrap_or(&d.title).clone();
            // The file's name says what the decision is about: while it is withheld, or its
            // title hidden, neither its record's address nor its notice's may show it.
            let named = !withheld && hidden.is_none();
            let record = (!public || out_on <= self.as_of).then(|| {
                let shown = Shown {
                    title: title.clone(),
                    withheld,
                    named,
                };
                self.officer_record(lib, d, shown, &mut unnamed_on)
            });
            if let Some(kd) = &d.key_decision {
                keys.push(OfficerKeyDecision {
                    title,
                    name: named.then(|| d.slug.clone()),
                    maker: Maker::Person {
                        name: d.maker.clone(),
                        post: d.post.clone(),
                    },
                    date: d.date,
                    record: record.as_ref().map(|r| r.url.clone()),
                    key_decision: kd.clone(),
                });
            }
            out.extend(record);
        }
        (out, keys)
    }

    /// An officer's decision record as the audience reads it.
    fn officer_record(
        &self,
        lib: &Library,
        d: &crate::model::decisions::OfficerDecision,
        shown: Shown,
        unnamed_on: &mut std::collections::HashMap<(time::Date, bool), usize>,
    ) -> DecisionView {
        let Shown {
            title,
            withheld,
            named,
        } = shown;
        let ex = self.in_force(d.exempt.as_ref());
        // Unless the file's name may be shown, the address and reference say only the date.
        let (url, reference) = if !named {
            let n = unnamed_on.entry((d.date, withheld)).or_insert(0);
            *n += 1;
            let day = crate::text::iso_date(d.date);
            let kind = if withheld { "exempt" } else { "decision" };
            (
                format!("{OFFICERS_URL}{day}-{kind}-{n}/"),
                format!("Officer decision of {}", crate::text::short_date(d.date)),
            )
        } else {
            (
                format!("{OFFICERS_URL}{}/", d.slug),
                format!("Officer decision {}", d.slug),
            )
        };
        DecisionView {
            url,
            reference,
            title,
            maker: Maker::Person {
                name: d.maker.clone(),
                post: d.post.clone(),
            },
            meeting: None,
            minute: None,
            date: d.date,
            text: if withheld {
                Tree::default()
            } else {
                d.body.clone()
            },
            draft_minutes: false,
            executive: d.key_decision.is_some(),
            key_decision: d.key_decision.clone(),
            facts: (!withheld).then(|| FactsView::of(&d.facts)),
            notice: ex.map(|e| self.notice(e)),
            background: if withheld {
                None
            } else {
                self.background(d.background.as_ref())
            },
            call_in: if d.key_decision.is_some() {
                let c = call_in(Some(&d.facts), lib.config.call_in_days, &self.calendar(lib));
                if withheld { without_words(c) } else { c }
            } else {
                CallIn::NotApplicable
            },
        }
    }
}

/// How an officer's decision is shown: its title as the audience sees it, whether the
/// decision is withheld, and whether its file's name may be shown.
struct Shown {
    title: String,
    withheld: bool,
    named: bool,
}

/// The resolutions of minutes, in order: (minute number, count within the minute,
/// the minute's heading, the resolution as a tree of its own).
fn resolutions(tree: &Tree, skip_summaries: bool) -> Vec<(String, usize, String, Tree)> {
    let mut out: Vec<(String, usize, String, Tree)> = Vec::new();
    // The numbered headings open at this point, outermost first: a resolution belongs to
    // the innermost (a sub-item's `### 8b` inside minute 8), as the model's sections do.
    let mut open: Vec<(u8, String, String)> = Vec::new();
    let mut after_mark = false;
    for b in &tree.blocks {
        let summary = after_mark && matches!(b, Block::Quote(_));
        after_mark = matches!(b, Block::Para { c, .. } if crate::model::tree::plain(c) == super::record::SUMMARY_MARK);
        if summary && skip_summaries {
            continue;
        }
        if let Block::Heading {
            depth, number, c, ..
        } = b
        {
            open.retain(|(d, ..)| d < depth);
            let words = crate::model::tree::plain(c);
            let numbered = match number {
                Some(n) => Some((n.clone(), words)),
                None => crate::model::tree::section_number(&words)
                    .map(|(n, rest)| (n.to_string(), rest.to_string())),
            };
            if let Some((n, heading)) = numbered {
                open.push((*depth, n, heading));
            }
            continue;
        }
        let minute = open
            .last()
            .map(|(_, n, h)| (n.clone(), h.clone()))
            .unwrap_or_default();
        let mut found = Vec::new();
        collect(b, &mut found);
        for para in found {
            let count = out.iter().filter(|(m, ..)| *m == minute.0).count() + 1;
            out.push((
                minute.0.clone(),
                count,
                minute.1.clone(),
                Tree {
                    blocks: vec![para],
                    notes: Vec::new(),
                },
            ));
        }
    }
    out.retain(|(m, ..)| !m.is_empty());
    out
}

/// A withheld decision's call-in: its dates and kind, without the words written for it
/// (the reason for urgency, who called it in, the outcome), which may tell its matter.
fn without_words(c: CallIn) -> CallIn {
    use crate::model::decisions::{CalledIn, Immediate};
    match c {
        CallIn::Immediate { published, reason } => CallIn::Immediate {
            published,
            reason: match reason {
                Immediate::Urgent(_) => Immediate::Urgent(String::new()),
                Immediate::NoCallIn(_) => Immediate::NoCallIn(String::new()),
            },
        },
        CallIn::CalledIn(c) => CallIn::CalledIn(CalledIn {
            on: c.on,
            by: None,
            outcome: None,
        }),
        other => other,
    }
}

/// Every decision paragraph in a block, however deep in lists and quotes.
fn collect(b: &Block, out: &mut Vec<Block>) {
    match b {
        Block::Para {
            decision: true, c, ..
        } => out.push(Block::Para {
            n: None,
            decision: true,
            // A footnote reference would point at the minutes' notes, not the record's.
            c: c.iter()
                .filter(|i| !matches!(i, Inline::Note(_)))
                .cloned()
                .collect(),
        }),
        Block::List { items, .. } => items.iter().flatten().for_each(|b| collect(b, out)),
        Block::Quote(inner) => inner.iter().for_each(|b| collect(b, out)),
        _ => {}
    }
}

/// An item of the model by number, with the exemption it is under.
fn find<'i>(
    items: &'i [Item],
    number: &str,
    above: Option<&Exemption>,
) -> Option<(&'i Item, Option<Exemption>)> {
    for i in items {
        let ex = Exemption::merge_opt(i.exempt.as_ref(), above);
        if i.number.eq_ignore_ascii_case(number) {
            return Some((i, ex));
        }
        if let Some(found) = find(&i.items, number, ex.as_ref()) {
            return Some(found);
        }
    }
    None
}

fn find_view<'i>(items: &'i [super::ItemView], number: &str) -> Option<&'i super::ItemView> {
    for i in items {
        if i.number.eq_ignore_ascii_case(number) {
            return Some(i);
        }
        if let Some(found) = find_view(&i.items, number) {
            return Some(found);
        }
    }
    None
}
