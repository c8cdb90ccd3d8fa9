//! The statutory notice rule: papers must be open to the public at least five clear
//! working days before the meeting (three in Wales). A late agenda is a warning, not an
//! error: the meeting may lawfully go ahead with urgent items, and the rest of the site
//! must still be published. The officer sees the warning on every build.

use super::Library;
use super::calendar::WorkingDays;
use super::text::short_date;
use crate::diag::{Diagnostic, Diagnostics};

/// The line of `key:` in a meeting's file, for messages.
fn line_of_key(lib: &Library, file: &std::path::Path, key: &str) -> Option<usize> {
    let text = crate::load::read_text(&lib.root.join(file))?;
    text.lines()
        .position(|l| l.trim_start().starts_with(&format!("{key}:")))
        .map(|i| i + 1)
}

/// An agenda out longer than this before its meeting is most likely a mistyped year: the
/// site would show a meeting a year away, with its papers out.
const EARLY: time::Duration = time::Duration::days(90);

pub fn check(lib: &Library, diags: &mut Diagnostics) {
    let days = WorkingDays::new(&lib.config.extra_bank_holidays);
    let needed = lib.config.jurisdiction.notice_days();
    let mut listed_by = std::collections::BTreeMap::new();
    for c in &lib.committees {
        for m in &c.meetings {
            if m.status == super::Status::Cancelled {
                continue;
            }
            let file = crate::layout::meeting_file(&c.slug, &m.slug);
            let latest = days.latest_publication(m.date, needed);
            if let Some(agenda) = m.agenda_published {
                late_items(&m.items, agenda, m.date, &file, &days, needed, diags);
            }
            note_listings(m, &mut listed_by);
            match m.agenda_published {
                Some(p) if p > m.date => diags.push(
                    Diagnostic::warning(
                        &file,
                        line_of_key(lib, &file, "agenda_published"),
                        format!("agenda_published {} is after the meeting itself ({})", short_date(p), short_date(m.date)),
                    )
                    .code("agenda-after-meeting")
                    .hint("agenda_published: is the day the papers went out before the meeting: check its month and year, and the meeting's date:"),
                ),
                Some(p) if m.date - p > EARLY => diags.push(
                    Diagnostic::warning(
                        &file,
                        line_of_key(lib, &file, "agenda_published"),
                        format!("agenda_published {} is {} days before the meeting ({}); agendas go out a week or two before", short_date(p), (m.date - p).whole_days(), short_date(m.date)),
                    )
                    .code("agenda-long-before-meeting")
                    .hint("check the year of agenda_published: and of the meeting's date: (and its folder name): one of them is most likely mistyped"),
                ),
                Some(p) => {
                    let clear = days.clear_days_between(p, m.date);
                    if clear < needed {
                        let short = needed - clear;
                        diags.push(
                            Diagnostic::warning(
                                &file,
                                line_of_key(lib, &file, "agenda_published"),
                                format!("agenda_published {} gives only {clear} clear working days before the meeting, {short} short of the {needed} the law needs", short_date(p)),
                            )
                            .days(clear, needed).code("short-notice")
                            .hint(match latest {
                                Some(l) => format!("publish by {} at the latest, or record why the item is urgent", short_date(l)),
                                None => "publish the papers earlier".to_string(),
                            }),
                        );
                    }
                }
                None => diags.push(
                    Diagnostic::warning(&file, None, "agenda_published is not set, so the papers are not published").code("agenda-not-published")
                        .hint(match latest {
                            Some(l) => format!("add agenda_published: with the date the papers go public; {} is the latest that gives {needed} clear working days", short_date(l)),
                            None => "add agenda_published:".to_string(),
                        }),
                ),
            }
        }
    }
    papers_after(lib, &listed_by, diags);
}

/// An item added after the agenda with less than the notice the law needs can only be
/// taken as urgent business, for a reason the chair gives (s100B(4)(b)).
fn late_items(
    items: &[super::Item],
    agenda: time::Date,
    meeting: time::Date,
    file: &std::path::Path,
    days: &WorkingDays,
    needed: u32,
    diags: &mut Diagnostics,
) {
    for item in items {
        if let Some(p) = item.published {
            if p < agenda {
                diags.push(
                    Diagnostic::warning(file, item.line, format!("item {} says published: {}, before the agenda itself ({})", item.number, short_date(p), short_date(agenda)))
                        .code("published-before-agenda")
                        .hint("published: is for an item added after the agenda went out; remove it if the item was on the agenda from the start"),
                );
            }
            let clear = days.clear_days_between(p, meeting);
            if p > meeting {
                // Not a late item: no chair could have taken it as urgent business.
                diags.push(
                    Diagnostic::warning(file, item.line, format!("item {} says published: {}, after the meeting itself ({})", item.number, short_date(p), short_date(meeting)))
                        .code("published-after-meeting")
                        .hint("published: is the day the item's papers went out before the meeting; if the item belongs to a later meeting, move it to that meeting's meeting.yaml, otherwise correct the date"),
                );
            } else if p > agenda && clear < needed && item.urgent.is_none() {
                diags.push(
                    Diagnostic::warning(file, item.line, format!("item {} was published on {}, only {clear} clear working days before the meeting", item.number, short_date(p)))
                        .days(clear, needed)
                        .code("late-item")
                        .hint(format!("an item with less than {needed} clear working days' notice can only be considered as urgent business: add urgent: with the chair's reason")),
                );
            }
        }
        late_items(&item.items, agenda, meeting, file, days, needed, diags);
    }
}

/// Each paper's meetings (not cancelled) that list it, by its id: the latest date, and
/// how many list it.
type ListedBy = std::collections::BTreeMap<super::DocId, (time::Date, usize)>;

/// Notes the papers `m` lists.
fn note_listings(m: &super::Meeting, listed_by: &mut ListedBy) {
    fn listed(items: &[super::Item], out: &mut Vec<super::DocId>) {
        for item in items {
            out.extend(&item.documents);
            listed(&item.items, out);
        }
    }
    let mut ids = Vec::new();
    listed(&m.items, &mut ids);
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let (latest, count) = listed_by.entry(id).or_insert((m.date, 0));
        *latest = (*latest).max(m.date);
        *count += 1;
    }
}

/// The papers whose own `published:` day is after every meeting that lists them: a paper
/// for a later meeting filed here, or a mistyped date. A paper listed again at a later
/// meeting (by an item added late, say) is measured against that one. (Minutes are
/// published after their meeting, and are not asked about.)
fn papers_after(lib: &Library, listed_by: &ListedBy, diags: &mut Diagnostics) {
    for (&id, &(last, count)) in listed_by {
        let d = &lib.documents[id];
        let Some(p) = d.published.filter(|p| *p > last) else {
            continue;
        };
        if d.kind == super::Kind::Minutes {
            continue;
        }
        let meeting = match count {
            1 => format!("after the meeting itself ({})", short_date(last)),
            _ => format!(
                "after the last meeting that lists it ({})",
                short_date(last)
            ),
        };
        diags.push(
            Diagnostic::warning(&d.rel, None, format!("\"{}\" says published: {}, {meeting}", d.title, short_date(p)))
                .code("published-after-meeting")
                .hint("published: is the day the paper went out before the meeting; if it belongs to a later meeting, move it to that meeting's folder and list it there, otherwise correct the date"),
        );
    }
}
