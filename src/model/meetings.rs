//! Members, committees, meetings and their agenda items.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_saphyr::Spanned;

use super::documents::{date_field, document, exempt_key, public_title_key};
use super::raw::{RawAttendance, RawCommittee, RawDocRef, RawItem, RawMeeting, RawMember};
use super::text::{is_slug, parse_time};
use super::{Attendance, Body, Committee, DocId, Document, Item, Kind, Meeting, Member};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{CommitteeDir, MeetingDir, SourceFile, Sources, yaml};

/// Line of a spanned value in a whole YAML file (which starts at line 1).
fn line<T>(s: &Spanned<T>) -> Option<usize> {
    let l = s.referenced.line() as usize;
    (l > 0).then_some(l)
}

/// The line where a YAML text value's own text starts: the line after `key: |` (or `>`)
/// for a block of text, else the key's own line. Errors inside an item's body then point
/// at the body's line, not the item's title.
fn text_start(s: &Spanned<String>, source: &LineStarts) -> Option<usize> {
    let l = line(s)?;
    let written = source.line(l)?;
    let after = written.split_once(':').map_or(written, |(_, v)| v).trim();
    let block = after.starts_with('|') || after.starts_with('>') || after.is_empty();
    Some(if block { l + 1 } else { l })
}

/// Where each line of a file starts. A meeting of thousands of items looks up a line for
/// every item body; counting lines from the top each time made that quadratic.
struct LineStarts<'a> {
    text: &'a str,
    /// Byte offset of the start of line `i + 1`.
    starts: Vec<usize>,
}

impl<'a> LineStarts<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(i, b)| b == b'\n' && i + 1 < text.len())
                .map(|(i, _)| i + 1),
        );
        if text.is_empty() {
            starts.clear();
        }
        LineStarts { text, starts }
    }

    /// Line `l` (1-based) without its line ending, as `str::lines` gives it.
    fn line(&self, l: usize) -> Option<&'a str> {
        let start = *self.starts.get(l.checked_sub(1)?)?;
        let line = self.text.get(start..)?.split('\n').next()?;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

pub fn members(sources: &Sources, diags: &mut Diagnostics) -> BTreeMap<String, Member> {
    let mut out = BTreeMap::new();
    for file in &sources.members {
        let slug = file
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !is_slug(&slug) {
            diags.push(
                Diagnostic::error(&file.rel, None, format!("\"{slug}\" cannot be used in a web address")).code("bad-name")
                    .hint("rename the file using lowercase letters, digits and hyphens, for example m-simmons.yaml"),
            );
            continue;
        }
        if let Some(raw) = yaml::parse::<RawMember>(file, &file.text, 1, diags) {
            out.insert(
                slug.clone(),
                Member {
                    slug,
                    name: raw.name,
                    party: raw.party,
                    division: raw.division,
                },
            );
        }
    }
    out
}

/// Checks member slugs in one file against the known members.
/// The highest item number an agenda can use: far beyond any real meeting.
const MAX_ITEM_NUMBER: i64 = 999;

/// An item's number on its agenda: its own `number:` as written (a plain number in range
/// also sets where the count goes on from), or the next in turn after `counter`. Shared
/// with `quire new`, whose minutes head each item's minute with the agenda's number.
pub fn next_item_number(written: Option<&str>, counter: &mut u32) -> String {
    let Some(written) = written.map(str::trim) else {
        *counter += 1;
        return counter.to_string();
    };
    if let Ok(v) = written.parse::<i64>()
        && (1..=MAX_ITEM_NUMBER).contains(&v)
    {
        *counter = v as u32;
    }
    written.to_string()
}

struct MemberCheck<'a> {
    members: &'a BTreeMap<String, Member>,
    rel: &'a Path,
}

impl MemberCheck<'_> {
    fn known(&self, slug: &Spanned<String>, diags: &mut Diagnostics) -> Option<String> {
        if self.members.contains_key(&slug.value) {
            return Some(slug.value.clone());
        }
        let hint = match crate::text::did_you_mean(
            &slug.value,
            self.members.keys().map(String::as_str),
        ) {
            Some(near) => format!(
                "did you mean \"{near}\"? Otherwise create content/members/{}.yaml",
                slug.value
            ),
            None => format!(
                "create content/members/{}.yaml, or check the spelling against the files in content/members/",
                slug.value
            ),
        };
        diags.push(
            Diagnostic::error(
                self.rel,
                line(slug),
                format!("unknown member \"{}\"", slug.value),
            )
            .code("unknown-member")
            .hint(hint),
        );
        None
    }

    fn all(&self, slugs: &[Spanned<String>], diags: &mut Diagnostics) -> Vec<String> {
        slugs.iter().filter_map(|s| self.known(s, diags)).collect()
    }
}

/// PDF appendices already listed, by the file's identity on disk: one file is one
/// document across the whole site, whatever path (or hard link) reaches it, so that an
/// appendix exempt in one committee is exempt wherever another lists it.
pub type FileDocs = RefCell<HashMap<super::FileIdentity, DocId>>;

pub fn committee(
    config: &Config,
    sources: &Sources,
    dir: &CommitteeDir,
    members: &BTreeMap<String, Member>,
    documents: &mut Vec<Document>,
    files: &FileDocs,
    diags: &mut Diagnostics,
) -> Option<Committee> {
    let rel = crate::diag::relative(&sources.root, &dir.dir);
    if !is_slug(&dir.slug) {
        diags.push(
            Diagnostic::error(&rel, None, format!("the folder name \"{}\" cannot be used in a web address", dir.slug)).code("bad-name")
                .hint("rename the folder using lowercase letters, digits and hyphens, for example corporate-parenting-panel"),
        );
        return None;
    }
    let Some(file) = &dir.committee else {
        if dir.committee_unreadable {
            // Its own error says why it could not be read.
            return None;
        }
        diags.push(
            Diagnostic::error(&rel, None, "this committee folder has no committee.yaml")
                .code("missing-committee-yaml")
                .hint("add committee.yaml with at least name: and members:"),
        );
        return None;
    };
    let raw: RawCommittee = yaml::parse(file, &file.text, 1, diags)?;
    let check = MemberCheck {
        members,
        rel: &file.rel,
    };
    let membership = raw
        .members
        .iter()
        .filter_map(|m| membership(m, &check, &file.rel, diags))
        .collect();

    // Parse every meeting's own files first, so that items can then refer to documents of
    // any meeting of this committee.
    let first_doc = documents.len();
    let mut by_key: HashMap<PathBuf, DocId> = HashMap::new();
    // Documents that failed to parse: their own error is enough, so references to them
    // are not reported again.
    let mut broken: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    let mut parsed = Vec::new();
    // Parsing YAML and Markdown is the bulk of the work at scale: one task per meeting.
    let per_meeting: Vec<_> = dir
        .meetings
        .par_iter()
        .map(|m| {
            let mut local = Diagnostics::default();
            let raw = meeting_file(sources, m, &mut local);
            // Documents are checked even when meeting.yaml is broken, so one run reports
            // every problem.
            let docs: Vec<(&SourceFile, Option<Document>)> = m
                .markdown
                .iter()
                .map(|md| {
                    (
                        md,
                        document(
                            md,
                            &sources.content,
                            &dir.slug,
                            &m.slug,
                            config.jurisdiction,
                            &mut local,
                        ),
                    )
                })
                .collect();
            (m, raw, docs, local)
        })
        .collect();
    for (m, raw, docs, local) in per_meeting {
        diags.extend(local.sorted());
        let Some(raw) = raw else {
            // The meeting is unusable; references to its documents are not errors of their own.
            broken.extend(docs.iter().map(|(md, _)| {
                md.path
                    .strip_prefix(&sources.content)
                    .map(Path::to_path_buf)
                    .unwrap_or_default()
            }));
            continue;
        };
        for (md, doc) in docs {
            match doc {
                Some(mut doc) => {
                    doc.id = DocId::next(documents);
                    by_key.insert(doc.key.clone(), doc.id);
                    documents.push(doc);
                }
                None => {
                    broken.insert(
                        md.path
                            .strip_prefix(&sources.content)
                            .map(Path::to_path_buf)
                            .unwrap_or_default(),
                    );
                }
            }
        }
        parsed.push((m, raw));
    }

    let mut listed: std::collections::HashSet<DocId> = std::collections::HashSet::new();
    let mut meetings = Vec::new();
    for (m, raw) in parsed {
        let file = m.meeting.as_ref()?;
        let members = MemberCheck {
            members,
            rel: &file.rel,
        };
        let lines = LineStarts::new(&file.text);
        let ctx = MeetingCtx {
            lines: &lines,
            sources,
            config,
            dir: m,
            file,
            by_key: &by_key,
            broken: &broken,
            files,
            members: &members,
            committee: &dir.slug,
        };
        if let Some(meeting) = ctx.resolve(raw, documents, &mut listed, diags) {
            meetings.push(meeting);
        }
    }
    warn_unlisted(&documents[first_doc..], &listed, diags);
    meetings.sort_by(|a: &Meeting, b: &Meeting| (a.date, &a.slug).cmp(&(b.date, &b.slug)));
    let markdown: Vec<&SourceFile> = dir.meetings.iter().flat_map(|m| &m.markdown).collect();
    super::minutes::resolve(&meetings, documents, first_doc, &markdown, diags);
    super::supplements::resolve(&meetings, documents, first_doc, diags);
    Some(Committee {
        slug: dir.slug.clone(),
        name: raw.name,
        description: raw.description.map(|d| {
            // Descriptions link relative to the committee's folder.
            let dir = crate::layout::committee_dir(&dir.slug);
            let src = super::tree::Source {
                dir: &dir,
                first_line: text_start(&d, &LineStarts::new(&file.text)).unwrap_or(1),
                rel: &file.rel,
            };
            super::tree::read(&d.value, Kind::Other, &src, diags).0
        }),
        members: membership,
        clerk: raw.clerk,
        executive: raw.executive,
        meetings,
    })
}

/// One entry of committee.yaml's `members:`, with its dates checked.
fn membership(
    m: &super::raw::RawMembership,
    check: &MemberCheck,
    rel: &Path,
    diags: &mut Diagnostics,
) -> Option<super::Membership> {
    let slug = check.known(&m.member, diags)?;
    let day = |d: &Option<Spanned<String>>, field: &str, diags: &mut Diagnostics| {
        d.as_ref()
            .and_then(|d| date_field(&d.value, line(d), rel, field, diags))
    };
    let from = day(&m.from, "from", diags);
    let to = day(&m.to, "to", diags);
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        diags.push(
                Diagnostic::error(rel, line(&m.member), format!("{slug}'s membership ends ({t}) before it begins ({f})"))
                    .code("bad-membership")
                    .hint("from: is the first day on the committee and to: the last; swap them or correct the year"),
            );
    }
    Some(super::Membership {
        member: slug,
        role: m.role.clone(),
        from,
        to,
    })
}

/// Documents in a meeting folder that no item lists are not published; say so.
fn warn_unlisted(
    documents: &[Document],
    listed: &std::collections::HashSet<DocId>,
    diags: &mut Diagnostics,
) {
    for d in documents {
        let is_minutes = d.key.file_name().is_some_and(|n| n == "minutes.md");
        if !is_minutes && !listed.contains(&d.id) {
            diags.push(
                Diagnostic::warning(&d.rel, None, "no agenda item lists this document, so it is not published").code("unlisted-document")
                    .hint(format!("add {}.md to an item's documents: in meeting.yaml, or move it out of the meeting folder", d.slug)),
            );
        }
    }
}

fn meeting_file(sources: &Sources, m: &MeetingDir, diags: &mut Diagnostics) -> Option<RawMeeting> {
    let rel = crate::diag::relative(&sources.root, &m.dir);
    let suffix_ok = m.slug.len() == 10 || m.slug.as_bytes().get(10) == Some(&b'-');
    if !is_slug(&m.slug)
        || !suffix_ok
        || super::text::parse_date(m.slug.get(..10).unwrap_or("")).is_none()
    {
        diags.push(
            Diagnostic::error(&rel, None, format!("the meeting folder \"{}\" is not named after its date", m.slug)).code("bad-meeting-folder")
                .hint("name meeting folders YYYY-MM-DD, or YYYY-MM-DD-suffix for a second meeting on one day, e.g. 2021-09-24-extraordinary"),
        );
        return None;
    }
    let Some(file) = &m.meeting else {
        if m.meeting_unreadable {
            return None;
        }
        diags.push(
            Diagnostic::error(&rel, None, "this meeting folder has no meeting.yaml")
                .code("missing-meeting-yaml")
                .hint("add meeting.yaml with date:, time:, venue: and items:"),
        );
        return None;
    };
    yaml::parse(file, &file.text, 1, diags)
}

struct MeetingCtx<'a> {
    sources: &'a Sources,
    config: &'a Config,
    dir: &'a MeetingDir,
    file: &'a SourceFile,
    by_key: &'a HashMap<PathBuf, DocId>,
    broken: &'a std::collections::HashSet<PathBuf>,
    files: &'a FileDocs,
    members: &'a MemberCheck<'a>,
    committee: &'a str,
    lines: &'a LineStarts<'a>,
}

impl MeetingCtx<'_> {
    fn rel(&self) -> &Path {
        &self.file.rel
    }

    fn resolve(
        &self,
        raw: RawMeeting,
        documents: &mut Vec<Document>,
        listed: &mut std::collections::HashSet<DocId>,
        diags: &mut Diagnostics,
    ) -> Option<Meeting> {
        let rel = self.rel();
        let date = date_field(&raw.date.value, line(&raw.date), rel, "date", diags);
        if let Some(d) = date
            && super::text::iso_date(d) != self.dir.slug[..10]
        {
            diags.push(
                Diagnostic::error(rel, line(&raw.date), format!("date: {} does not match the folder name {}", raw.date.value, self.dir.slug)).code("date-mismatch")
                    .hint("make the folder name and date: agree; the folder name is the meeting's web address"),
            );
        }
        let time = raw.time.as_ref().and_then(|t| {
            let parsed = parse_time(&t.value);
            if parsed.is_none() {
                diags.push(
                    Diagnostic::error(rel, line(t), format!("time: \"{}\" is not a time", t.value))
                        .code("bad-time")
                        .hint(
                            "write the time in 24-hour form in quotes, for example time: \"09:30\"",
                        ),
                );
            }
            parsed
        });
        let agenda_published = raw
            .agenda_published
            .as_ref()
            .and_then(|p| date_field(&p.value, line(p), rel, "agenda_published", diags));
        let attendance = raw.attendance.map(|a| self.attendance(a, diags));
        let mut numbers = HashMap::new();
        let items = self.items(&raw.items, None, documents, listed, &mut numbers, diags);
        let minutes_key =
            crate::layout::meeting_dir(self.committee, &self.dir.slug).join("minutes.md");
        let minutes = self.by_key.get(&minutes_key).copied();
        Some(Meeting {
            slug: self.dir.slug.clone(),
            date: date?,
            time,
            venue: raw.venue,
            status: raw.status,
            agenda_published,
            attendance,
            items,
            minutes,
            private_notice: raw
                .private_notice
                .as_ref()
                .and_then(|p| super::forward_plan::private_notice(p, rel, diags)),
        })
    }

    fn attendance(&self, a: RawAttendance, diags: &mut Diagnostics) -> Attendance {
        self.contradictions(&a, diags);
        let m = self.members;
        Attendance {
            present: m.all(&a.present, diags),
            apologies: m.all(&a.apologies, diags),
            absent: m.all(&a.absent, diags),
            substitutes: a
                .substitutes
                .iter()
                .filter_map(|s| Some((m.known(&s.member, diags)?, m.known(&s.for_member, diags)?)))
                .collect(),
            officers: a.officers,
        }
    }

    /// A member recorded twice (present and sending apologies), or substituting for
    /// themselves, is a mistake in the record that the public would read as fact.
    fn contradictions(&self, a: &RawAttendance, diags: &mut Diagnostics) {
        let lists = [
            ("present", &a.present),
            ("apologies", &a.apologies),
            ("absent", &a.absent),
        ];
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (list, members) in lists {
            for m in members.iter() {
                match seen.get(m.value.as_str()) {
                    Some(&first) if first != list => diags.push(
                        Diagnostic::error(self.rel(), line(m), format!("\"{}\" is recorded both under {first} and under {list}", m.value))
                            .code("attendance-contradiction")
                            .hint("a member is present, sent apologies or was absent: keep them in one list only"),
                    ),
                    _ => {
                        seen.insert(m.value.as_str(), list);
                    }
                }
            }
        }
        for s in &a.substitutes {
            if s.member.value == s.for_member.value {
                diags.push(
                    Diagnostic::error(self.rel(), line(&s.member), format!("\"{}\" is recorded as substituting for themselves", s.member.value))
                        .code("attendance-contradiction")
                        .hint("write the substitute under member: and the member they replaced under for:"),
                );
            }
        }
    }

    fn items(
        &self,
        raw: &[RawItem],
        parent: Option<&str>,
        documents: &mut Vec<Document>,
        listed: &mut std::collections::HashSet<DocId>,
        numbers: &mut HashMap<String, (String, Option<usize>)>,
        diags: &mut Diagnostics,
    ) -> Vec<Item> {
        let mut counter: u32 = 0;
        let mut out = Vec::new();
        for (i, item) in raw.iter().enumerate() {
            let number = match (&item.number, parent) {
                (None, Some(p)) => format!("{p}{}", letter(i)),
                (written, _) => {
                    if let Some(n) = written
                        && let Ok(v) = n.value.trim().parse::<i64>()
                        && !(1..=MAX_ITEM_NUMBER).contains(&v)
                    {
                        diags.push(
                            Diagnostic::error(self.rel(), line(n), format!("number: {} is not an agenda item number", n.value.trim()))
                                .code("bad-item-number")
                                .hint(format!("items are numbered from 1 to {MAX_ITEM_NUMBER}, optionally with a letter (5a); or leave number: out to number them in order")),
                        );
                    }
                    next_item_number(written.as_ref().map(|n| n.value.as_str()), &mut counter)
                }
            };
            let item_line = line(&item.title);
            // 4A and 4a are one number to a reader, and to the minutes, which name an
            // item by its number whatever the case of its letter.
            let first = numbers.insert(number.to_lowercase(), (number.clone(), item_line));
            if let Some((written, first)) = first {
                let other = match (written != number, first) {
                    (true, Some(l)) => format!(" (the other, {written}, is on line {l})"),
                    (true, None) => format!(" (the other is {written})"),
                    (false, Some(l)) => format!(" (the other is on line {l})"),
                    (false, None) => String::new(),
                };
                diags.push(
                    Diagnostic::error(
                        self.rel(),
                        item_line,
                        format!("two items are numbered {number}{other}"),
                    )
                    .code("duplicate-item-number")
                    .hint(match written != number {
                        true => "remove or change one of the number: keys: numbers that differ only in the case of their letter are the same number, and a sub-item takes its parent's number and a letter (4a, 4b)",
                        false => "remove or change one of the number: keys",
                    }),
                );
            }
            if item.title.value.trim().is_empty() {
                diags.push(
                    Diagnostic::error(self.rel(), item_line, "an item has an empty title")
                        .code("empty-title")
                        .hint("write the item's title after title:"),
                );
            }
            let (exempt, public_title) =
                self.withholding(&item.exempt, (&item.title.value, &item.public_title), diags);
            // Item bodies link relative to the meeting folder; lines count from the body.
            let meeting_key = crate::layout::meeting_dir(self.committee, &self.dir.slug);
            let (body, refs) = match &item.body {
                Some(b) => {
                    let src = super::tree::Source {
                        dir: &meeting_key,
                        first_line: text_start(b, self.lines).or(item_line).unwrap_or(1),
                        rel: self.rel(),
                    };
                    let (tree, refs) = super::tree::read(&b.value, Kind::Other, &src, diags);
                    (Some(tree), refs)
                }
                None => (None, Vec::new()),
            };
            let docs = item
                .documents
                .iter()
                .filter_map(|d| self.doc_ref(d, documents, diags))
                .collect::<Vec<_>>();
            listed.extend(docs.iter().copied());
            let items = self.items(
                &item.items,
                Some(&number),
                documents,
                listed,
                numbers,
                diags,
            );
            let published = item
                .published
                .as_ref()
                .and_then(|p| date_field(&p.value, line(p), self.rel(), "published", diags));
            let urgent = self.urgent(item, &number, diags);
            // An item whose `exempt:` could not be read is still meant exempt: its own
            // error says what is wrong, and its summary is not a second one.
            let meant_exempt = exempt.is_some() || item.exempt.is_some();
            let minutes_summary = self.minutes_summary(item, &number, meant_exempt, diags);
            let decision = item
                .decision
                .as_ref()
                .and_then(|d| super::decisions::facts(d, self.rel(), diags));
            let key_decision = item
                .key_decision
                .as_ref()
                .and_then(|k| super::forward_plan::key_decision(k, self.rel(), diags));
            out.push(Item {
                number,
                line: item_line,
                title: item.title.value.trim().to_string(),
                public_title,
                body,
                refs,
                documents: docs,
                exempt,
                published,
                urgent,
                minutes_summary,
                decision,
                key_decision,
                items,
            });
        }
        out
    }

    /// `urgent:` must give the chair's reason: s100B(4)(b) requires it to be recorded.
    fn urgent(&self, item: &RawItem, number: &str, diags: &mut Diagnostics) -> Option<String> {
        use super::raw::{Urgent, Withhold};
        let u = item.urgent.as_ref()?;
        match &u.value {
            Withhold::Set(Urgent::Flag(false)) => None,
            Withhold::Set(Urgent::Reason(r)) if !r.trim().is_empty() => Some(r.trim().to_string()),
            _ => {
                diags.push(
                    Diagnostic::error(self.rel(), line(u), format!("item {number} is marked urgent without the chair's reason"))
                        .code("urgent-without-reason")
                        .hint("write the reason the chair gave, for example urgent: \"The contract must be signed before 1 October, the next meeting is too late\""),
                );
                None
            }
        }
    }

    /// `minutes_summary:` stands in for the minute of an exempt item; on a public item it
    /// would say nothing the minutes do not, so it is refused.
    fn minutes_summary(
        &self,
        item: &RawItem,
        number: &str,
        exempt: bool,
        diags: &mut Diagnostics,
    ) -> Option<super::tree::Tree> {
        let s = item.minutes_summary.as_ref()?;
        if !exempt {
            diags.push(
                Diagnostic::error(self.rel(), line(s), format!("item {number} has minutes_summary: but is not exempt"))
                    .code("summary-of-public-item")
                    .hint("a public item's minute is written in full in minutes.md; remove minutes_summary:"),
            );
            return None;
        }
        let dir = crate::layout::meeting_dir(self.committee, &self.dir.slug);
        let src = super::tree::Source {
            dir: &dir,
            first_line: text_start(s, self.lines).or(line(s)).unwrap_or(1),
            rel: self.rel(),
        };
        let (tree, refs) = super::tree::read(&s.value, Kind::Minutes, &src, diags);
        if !refs.is_empty() || !tree.notes.is_empty() {
            diags.push(
                Diagnostic::error(self.rel(), line(s), format!("the minutes summary of item {number} has a footnote, or links to or shows a file"))
                    .code("summary-with-file")
                    .hint("a public summary is words only, without footnotes; leave links, images and notes to the exempt report"),
            );
            return None;
        }
        Some(tree)
    }

    /// The keys that withhold, as an item or a listing writes them: `exempt:` and
    /// `public_title:`, each refused when left blank.
    fn withholding(
        &self,
        exempt: &Option<Spanned<super::raw::Withhold<super::raw::RawExempt>>>,
        (title, public_title): (&str, &Option<Spanned<super::raw::Withhold<String>>>),
        diags: &mut Diagnostics,
    ) -> (Option<super::Exemption>, Option<String>) {
        let exempt = exempt.as_ref().and_then(|e| {
            exempt_key(
                &e.value,
                line(e),
                self.rel(),
                self.config.jurisdiction,
                diags,
            )
        });
        let public_title = public_title
            .as_ref()
            .and_then(|t| public_title_key(&t.value, title, line(t), self.rel(), diags));
        (exempt, public_title)
    }

    /// This meeting's listing of a PDF appendix.
    fn listing(
        &self,
        f: &super::raw::RawFileDoc,
        public_title: Option<String>,
        published: Option<time::Date>,
    ) -> super::Listing {
        super::Listing {
            meeting: (self.committee.to_string(), self.dir.slug.clone()),
            title: f.title.clone(),
            public_title,
            published,
        }
    }

    /// Resolves one entry of `documents:` to a document id.
    fn doc_ref(
        &self,
        entry: &Spanned<RawDocRef>,
        documents: &mut Vec<Document>,
        diags: &mut Diagnostics,
    ) -> Option<DocId> {
        let at = line(entry);
        let meeting_key = crate::layout::meeting_dir(self.committee, &self.dir.slug);
        match &entry.value {
            RawDocRef::Markdown(name) => {
                let Some(key) = super::links::join_inside(&meeting_key, name) else {
                    diags.push(
                        Diagnostic::error(self.rel(), at, format!("\"{name}\" leaves the content folder")).code("outside-content")
                            .hint("list documents of this meeting by file name, or another meeting's as ../YYYY-MM-DD/name.md"),
                    );
                    return None;
                };
                let same_committee = key.starts_with(crate::layout::committee_dir(self.committee))
                    && key.components().count() == 4;
                match self.by_key.get(&key) {
                    Some(&id) if same_committee => Some(id),
                    _ if self.broken.contains(&key) => None,
                    _ => {
                        let hint = if !name.ends_with(".md") {
                            "documents are Markdown files ending in .md; a PDF is listed as { file: files/name.pdf, title: \"...\" }".to_string()
                        } else if !same_committee {
                            "a document can come from this meeting or another meeting of the same committee (../YYYY-MM-DD/name.md)".to_string()
                        } else {
                            // A near miss among this meeting's own documents.
                            let here: Vec<String> = self
                                .by_key
                                .keys()
                                .filter(|k| k.parent() == key.parent())
                                .filter_map(|k| {
                                    k.file_name().map(|n| n.to_string_lossy().into_owned())
                                })
                                .collect();
                            match crate::text::did_you_mean(name, here.iter().map(String::as_str)) {
                                Some(near) => format!(
                                    "did you mean \"{near}\"? Otherwise create content/{}",
                                    key.display()
                                ),
                                None => format!(
                                    "create content/{}, or check the spelling",
                                    key.display()
                                ),
                            }
                        };
                        diags.push(
                            Diagnostic::error(
                                self.rel(),
                                at,
                                format!("unknown document \"{name}\""),
                            )
                            .code("unknown-document")
                            .hint(hint),
                        );
                        None
                    }
                }
            }
            RawDocRef::File(f) => self.file_doc(f, at, documents, diags),
        }
    }

    fn file_doc(
        &self,
        f: &super::raw::RawFileDoc,
        at: Option<usize>,
        documents: &mut Vec<Document>,
        diags: &mut Diagnostics,
    ) -> Option<DocId> {
        let meeting_key = crate::layout::meeting_dir(self.committee, &self.dir.slug);
        let Some(key) = super::links::join_inside(&meeting_key, &f.file) else {
            diags.push(
                Diagnostic::error(
                    self.rel(),
                    at,
                    format!("the file \"{}\" is outside the content folder", f.file),
                )
                .code("outside-content")
                .hint(
                    "put appendices in this meeting's files/ folder and write file: files/name.pdf",
                ),
            );
            return None;
        };
        let path = self.sources.content.join(&key);
        if !key
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        {
            diags.push(
                Diagnostic::error(self.rel(), at, format!("\"{}\" is not a PDF", f.file)).code("not-a-pdf")
                    .hint("file: takes PDF appendices; show images inside a Markdown document with ![description](files/name.png)"),
            );
            return None;
        }
        let Some(meta) = crate::load::file_facts(&path) else {
            diags.push(
                Diagnostic::error(
                    self.rel(),
                    at,
                    format!("the file \"{}\" does not exist", f.file),
                )
                .code("missing-file")
                .hint(format!("put the PDF at content/{}", key.display())),
            );
            return None;
        };
        if key == meeting_key.join(crate::layout::PACK_FILE) {
            diags.push(
                Diagnostic::error(
                    self.rel(),
                    at,
                    format!(
                        "\"{}\" has the name of the agenda pack quire writes",
                        f.file
                    ),
                )
                .code("bad-file")
                .hint(
                    "keep appendices in the files/ folder, for example file: files/appendix-1.pdf",
                ),
            );
            return None;
        }
        let pages = match crate::load::pdf_pages(&path) {
            Ok(n) => n,
            Err(e) => {
                diags.push(
                    Diagnostic::error(self.rel(), at, format!("the PDF \"{}\" {e}", f.file))
                        .code("damaged-pdf")
                        .hint(if e.contains("cut short") {
                            "copy it again from where it came from: this copy is incomplete"
                        } else {
                            "open it in a PDF reader to check it; save it again without a password"
                        }),
                );
                return None;
            }
        };
        let (exempt, public_title) =
            self.withholding(&f.exempt, (&f.title, &f.public_title), diags);
        let identity = meta.identity;
        // A file listed again is the same document: its exemptions combine, so an
        // appendix that is exempt anywhere is exempt everywhere, and a public title given
        // in any listing names it everywhere.
        let published = f
            .published
            .as_ref()
            .and_then(|p| date_field(&p.value, line(p), self.rel(), "published", diags));
        if let Some(&id) = self.files.borrow().get(&identity) {
            let doc = &mut documents[id];
            doc.exempt = super::Exemption::merge_opt(doc.exempt.as_ref(), exempt.as_ref());
            // Listed again with a later publication day: the later one holds, so the file
            // is never out before any listing says it is.
            doc.published = doc.published.max(published);
            doc.listings
                .push(self.listing(f, public_title.clone(), published));
            match (&doc.public_title, public_title) {
                (Some(first), Some(again)) if *first != again => diags.push(
                    Diagnostic::error(self.rel(), at, format!("\"{}\" is listed elsewhere with another public_title", f.file)).code("conflicting-public-title")
                        .hint(format!("the same file is one document everywhere; give it the same public_title in every listing (the other listing is in {} and says \"{first}\")", doc.rel.display())),
                ),
                (None, Some(again)) => doc.public_title = Some(again),
                _ => {}
            }
            return Some(id);
        }
        let id = DocId::next(documents);
        self.files.borrow_mut().insert(identity, id);
        documents.push(Document {
            id,
            committee: self.committee.to_string(),
            meeting: self.dir.slug.clone(),
            slug: key
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            rel: self.rel().to_path_buf(),
            key,
            title: f.title.clone(),
            public_title: public_title.clone(),
            kind: Kind::Other,
            report_of: None,
            divisions: None,
            contact: None,
            exempt,
            draft: false,
            from: Vec::new(),
            to: Vec::new(),
            date: None,
            signed: Vec::new(),
            listings: vec![self.listing(f, public_title, published)],
            published,
            replaces: None,
            background: None,
            approval: None,
            exempt_sections: Vec::new(),
            unplaced_exempt_minutes: Vec::new(),
            retitled_sections: Vec::new(),
            pending: super::Pending {
                replaces: f
                    .replaces
                    .as_ref()
                    .map(|r| (r.value.trim().to_string(), line(r))),
                approved_at: None,
            },
            body: Body::Pdf {
                path,
                bytes: meta.bytes,
                pages,
                identity,
            },
        });
        Some(id)
    }
}

/// a, b, ... z, aa, ab ...
fn letter(i: usize) -> String {
    let mut s = String::new();
    let mut n = i;
    loop {
        s.insert(0, (b'a' + (n % 26) as u8) as char);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_starts_read_lines_as_str_lines_does() {
        for text in ["", "a", "a\n", "a\r\nb", "a\n\nc\n", "\n", "x: |\n  one\n"] {
            let lines = super::LineStarts::new(text);
            for l in 0..6usize {
                let want = l.checked_sub(1).and_then(|i| text.lines().nth(i));
                assert_eq!(lines.line(l), want, "line {l} of {text:?}");
            }
        }
    }

    #[test]
    fn letters() {
        assert_eq!(super::letter(0), "a");
        assert_eq!(super::letter(25), "z");
        assert_eq!(super::letter(26), "aa");
    }
}
