//! `quire new`: starting files for a site, a committee, a meeting or a document.
//!
//! Every file is written with comments that explain each key in plain English, and builds
//! and checks with no errors as it stands. Nothing is ever overwritten: a file that exists
//! already is reported and left exactly as it was. The one existing file `new` changes is
//! a meeting's `meeting.yaml`, to list a new document under a new agenda item at the end
//! of the agenda; that edit keeps every line and comment, and is made only if the build's
//! own parser reads the result as the same agenda plus the new item (see [`items`]).

// `quire new` writes the officer's starting files and reads the site to check what it is
// given (committees, meetings, site.toml): it may touch the disk (see clippy.toml).
#![allow(clippy::disallowed_methods)]

mod items;
mod slug;
mod templates;

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

pub use slug::slugify;

use crate::config::{self, Config, SITE_FILE};
use crate::diag::{Diagnostic, Diagnostics};
use crate::layout::{COMMITTEES, CONTENT_DIR};
use crate::model::Kind;
use crate::model::calendar::WorkingDays;
use crate::model::raw::{RawCommittee, RawMeeting};
use crate::schedule12a::Jurisdiction;
use crate::text::{is_slug, iso_date, parse_date as parse_iso, short_date};

/// What `quire new` makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum New {
    /// A whole site that builds at once: `site.toml`, `.gitignore`, one member, one
    /// committee and one meeting. The files go in `root` (the new folder, which may exist
    /// if it has no site in it yet); `dir` is that folder as the officer named it.
    Site { dir: PathBuf },
    /// `content/committees/<slug of name>/committee.yaml`.
    Committee { name: String },
    /// `content/committees/<committee>/<date>/meeting.yaml`. `committee` is the folder
    /// name, or the committee's name.
    Meeting { committee: String, date: time::Date },
    /// A document in a meeting's folder, listed under a new item at the end of its
    /// agenda. `meeting` is `committee/YYYY-MM-DD`, or a path to the meeting's folder;
    /// `kind` is one of [`KINDS`].
    Document {
        meeting: String,
        kind: String,
        title: String,
    },
}

/// The kinds of document, as written in front matter.
pub const KINDS: [&str; 6] = [
    "report",
    "minutes",
    "letter",
    "annual-report",
    "presentation",
    "other",
];

/// What a successful `new` did. Paths are relative to the site folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Created {
    /// Files written, none of which existed before.
    pub written: Vec<PathBuf>,
    /// Existing files changed: the meeting.yaml a new document was listed in.
    pub updated: Vec<PathBuf>,
    /// What the officer should do next, in plain words, one step each.
    pub next: Vec<String>,
}

/// Writes the starting files under `root` (the site folder; for [`New::Site`], the new
/// folder), never overwriting. Returns the files written or changed, relative to `root`,
/// or every problem found, with its file, a hint and a code.
///
/// The date of a new site's sample meeting and of a letter is taken from today (UTC).
/// [`create`] also returns the next steps to show the officer.
pub fn new(root: &Path, what: &New) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let done = create(root, what, time::OffsetDateTime::now_utc().date())?;
    Ok(done.written.into_iter().chain(done.updated).collect())
}

/// [`new`], as of `today`, with the next steps for the officer.
pub fn create(root: &Path, what: &New, today: time::Date) -> Result<Created, Vec<Diagnostic>> {
    match what {
        New::Site { .. } => new_site(root, today),
        New::Committee { name } => new_committee(root, name),
        New::Meeting { committee, date } => new_meeting(root, committee, *date),
        New::Document {
            meeting,
            kind,
            title,
        } => new_document(root, meeting, kind, title, today),
    }
}

/// Reads a date written `YYYY-MM-DD`, with the message an officer sees if it is not one.
/// Usable as a clap value parser.
pub fn parse_date(s: &str) -> Result<time::Date, String> {
    parse_iso(s).ok_or_else(|| {
        format!("\"{s}\" is not a date; write it as YYYY-MM-DD, for example 2027-03-19")
    })
}

/// Reads a kind of document: `report`, `annual-report` (or `annual report`), ...
pub fn parse_kind(s: &str) -> Option<Kind> {
    let k = s.trim().to_ascii_lowercase().replace([' ', '_'], "-");
    Some(match k.as_str() {
        "report" => Kind::Report,
        "minutes" => Kind::Minutes,
        "letter" => Kind::Letter,
        "annual-report" => Kind::AnnualReport,
        "presentation" => Kind::Presentation,
        "other" => Kind::Other,
        _ => return None,
    })
}

/// The longest file name (without `.md`) made from a document's title.
const DOC_NAME_MAX: usize = 60;

fn content() -> PathBuf {
    PathBuf::from(CONTENT_DIR)
}

fn committees_dir() -> PathBuf {
    content().join(COMMITTEES)
}

fn exists(root: &Path, rel: &Path) -> bool {
    fs::symlink_metadata(root.join(rel)).is_ok()
}

fn exists_error(rel: &Path, what: &str, hint: impl Into<String>) -> Diagnostic {
    Diagnostic::error(rel, None, format!("{what} already exists"))
        .code("exists")
        .hint(hint)
}

fn never_overwrites(rel: &Path) -> String {
    format!(
        "quire new never overwrites a file: open {} to edit it",
        rel.display()
    )
}

/// Writes `text` to `root/rel`, which must not exist (checked again as it is created, so
/// a file made in the meantime is not overwritten either).
fn write_new(root: &Path, rel: &Path, text: &str) -> Result<(), Diagnostic> {
    let path = root.join(rel);
    let fail = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            exists_error(rel, &format!("{}", rel.display()), never_overwrites(rel))
        } else {
            Diagnostic::error(rel, None, format!("cannot write this file: {e}"))
                .code("write-failed")
                .hint("check that the folder exists and that you may write to it")
        }
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(fail)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(fail)?;
    file.write_all(text.as_bytes()).map_err(fail)
}

/// Replaces `root/rel` (an existing file) by `text`, by writing beside it and renaming,
/// so the file is never left half-written.
fn replace(root: &Path, rel: &Path, text: &str) -> Result<(), Diagnostic> {
    let path = root.join(rel);
    let fail = |e: std::io::Error| {
        Diagnostic::error(rel, None, format!("cannot update this file: {e}"))
            .code("write-failed")
            .hint("check that you may write to it")
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.quire-new-{}", std::process::id()));
    let written = fs::write(&tmp, text).and_then(|()| fs::rename(&tmp, &path));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written.map_err(fail)
}

fn write_all(root: &Path, files: &[(PathBuf, String)]) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    // Every problem first, so nothing is written when anything is in the way.
    let clashes: Vec<Diagnostic> = files
        .iter()
        .filter(|(rel, _)| exists(root, rel))
        .map(|(rel, _)| exists_error(rel, &rel.display().to_string(), never_overwrites(rel)))
        .collect();
    if !clashes.is_empty() {
        return Err(clashes);
    }
    let mut written = Vec::new();
    for (rel, text) in files {
        write_new(root, rel, text).map_err(|e| vec![e])?;
        written.push(rel.clone());
    }
    Ok(written)
}

/// The site's settings, which must be there and valid for anything but a new site.
fn settings(root: &Path) -> Result<Config, Vec<Diagnostic>> {
    if !root.join(SITE_FILE).is_file() {
        return Err(vec![
            Diagnostic::error(SITE_FILE, None, "there is no site here: site.toml is missing")
                .code("no-site")
                .hint("run quire in the folder that holds site.toml (or pass --root DIR), or start a site with quire new site DIR"),
        ]);
    }
    let mut diags = Diagnostics::default();
    match config::load(root, &mut diags) {
        Some(c) => Ok(c),
        None => Err(diags.sorted()),
    }
}

/// The files directly in a folder of `content/`, sorted: (name, is a folder).
fn entries(root: &Path, rel: &Path) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = fs::read_dir(root.join(rel))
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| {
                    let name = e.file_name().to_str()?.to_string();
                    let dir = e.file_type().ok()?.is_dir();
                    (!name.starts_with('.')).then_some((name, dir))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn read(root: &Path, rel: &Path) -> Option<String> {
    fs::read_to_string(root.join(rel)).ok()
}

/// Every committee: (folder name, name from committee.yaml, or the folder name).
fn committees(root: &Path) -> Vec<(String, String)> {
    entries(root, &committees_dir())
        .into_iter()
        .filter(|(name, dir)| *dir && is_slug(name))
        .map(|(slug, _)| {
            let file = committees_dir().join(&slug).join("committee.yaml");
            let name = read(root, &file)
                .and_then(|t| serde_saphyr::from_str::<RawCommittee>(&t).ok())
                .map(|c| c.name)
                .unwrap_or_else(|| slug.clone());
            (slug, name)
        })
        .collect()
}

/// Member file names, sorted.
fn members(root: &Path) -> Vec<String> {
    entries(root, &content().join("members"))
        .into_iter()
        .filter_map(|(name, dir)| {
            let slug = name.strip_suffix(".yaml")?;
            (!dir && is_slug(slug)).then(|| slug.to_string())
        })
        .collect()
}

/// The committee `input` names (its folder name, its name, or a path to its folder).
fn find_committee(root: &Path, input: &str) -> Result<(String, String), Diagnostic> {
    let known = committees(root);
    let given = input.trim().trim_end_matches(['/', '\\']);
    let last = given.rsplit(['/', '\\']).next().unwrap_or(given);
    for wanted in [last.to_string(), slugify(given)] {
        if let Some(c) = known.iter().find(|(slug, _)| *slug == wanted) {
            return Ok(c.clone());
        }
    }
    let list = known
        .iter()
        .map(|(s, _)| s.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let hint = match slug::closest(given, &known) {
        Some(s) => format!("did you mean \"{s}\"? The committees are: {list}"),
        None if known.is_empty() => {
            "there are no committees yet: make one with quire new committee \"Name\"".to_string()
        }
        None => format!(
            "the committees are: {list}; to make a new one, run quire new committee \"Name\""
        ),
    };
    Err(Diagnostic::error(
        committees_dir(),
        None,
        format!("there is no committee \"{given}\""),
    )
    .code("unknown-committee")
    .hint(hint))
}

/// A folder name starting with a date (`2021-10-13`, `2021-10-13-extraordinary`).
fn folder_date(name: &str) -> Option<time::Date> {
    name.get(..10).and_then(parse_iso)
}

fn new_site(root: &Path, today: time::Date) -> Result<Created, Vec<Diagnostic>> {
    if root.is_file() {
        return Err(vec![
            Diagnostic::error(root, None, "this is a file, not a folder")
                .code("exists")
                .hint("give the name of a new folder for the site"),
        ]);
    }
    let mut problems = Vec::new();
    for rel in [SITE_FILE, CONTENT_DIR] {
        if exists(root, Path::new(rel)) {
            problems.push(exists_error(
                Path::new(rel),
                rel,
                "this folder already holds a site: quire new site never overwrites one; give the name of a new folder",
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // The sample meeting: four weeks ahead, on a weekday, published on the last day that
    // gives the notice the law needs, so the new site builds with no warning.
    let days = WorkingDays::new(&[]);
    let mut date = today.saturating_add(time::Duration::days(28));
    while !days.is_working_day(date) {
        date = date.saturating_add(time::Duration::days(1));
    }
    let needed = Jurisdiction::England.notice_days();
    let latest = days.latest_publication(date, needed);
    let committee = "example-committee";
    let member = "a-n-other";
    let meeting_dir = committees_dir().join(committee).join(iso_date(date));
    let files = vec![
        (PathBuf::from(SITE_FILE), templates::site_toml()),
        (PathBuf::from(".gitignore"), templates::gitignore()),
        (
            content().join("members").join(format!("{member}.yaml")),
            templates::member(),
        ),
        (
            committees_dir().join(committee).join("committee.yaml"),
            templates::committee("Example Committee", &[member.to_string()], None),
        ),
        (
            meeting_dir.join("meeting.yaml"),
            templates::meeting(&templates::MeetingText {
                date,
                time: Some("10:00"),
                venue: "Council Chamber, Council Offices",
                latest,
                notice_days: needed,
                published: latest,
                previous_minutes: None,
                example_member: member,
            }),
        ),
    ];
    let written = write_all(root, &files)?;
    Ok(Created {
        written,
        updated: Vec::new(),
        next: vec![
            "Edit site.toml: your council's name, the site's title and its web address (base_url)."
                .into(),
            format!(
                "Replace the example councillor in {} with your own, one file each.",
                content().join("members").display()
            ),
            format!(
                "Rename or delete the example committee in {}: make your own with quire new committee \"Name\".",
                committees_dir().join(committee).display()
            ),
            "Run quire build to make the site in output/.".into(),
        ],
    })
}

fn new_committee(root: &Path, name: &str) -> Result<Created, Vec<Diagnostic>> {
    settings(root)?;
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let slug = slugify(&name);
    if slug.is_empty() {
        return Err(vec![
            Diagnostic::error(
                committees_dir(),
                None,
                format!("\"{name}\" cannot be made into a folder name: it has no letters or digits"),
            )
            .code("bad-name")
            .hint("give the committee's name, for example quire new committee \"Corporate Parenting Panel\""),
        ]);
    }
    let dir = committees_dir().join(&slug);
    if exists(root, &dir) {
        let file = dir.join("committee.yaml");
        return Err(vec![exists_error(
            &dir,
            &format!("the committee folder {}", dir.display()),
            if exists(root, &file) {
                never_overwrites(&file)
            } else {
                format!(
                    "add {} to it by hand, or choose another name",
                    file.display()
                )
            },
        )]);
    }
    let members = members(root);
    let file = dir.join("committee.yaml");
    let text = templates::committee(&name, &[], members.first().map(String::as_str));
    let written = write_all(root, &[(file.clone(), text)])?;
    Ok(Created {
        written,
        updated: Vec::new(),
        next: vec![
            format!("Add the members and the clerk in {}.", file.display()),
            format!("Add a meeting with quire new meeting {slug} YYYY-MM-DD."),
        ],
    })
}

fn new_meeting(root: &Path, committee: &str, date: time::Date) -> Result<Created, Vec<Diagnostic>> {
    let config = settings(root)?;
    let (slug, _) = find_committee(root, committee).map_err(|e| vec![e])?;
    let cdir = committees_dir().join(&slug);
    let folder = iso_date(date);
    let dir = cdir.join(&folder);
    if exists(root, &dir) {
        return Err(vec![exists_error(
            &dir,
            &format!("the meeting folder {}", dir.display()),
            format!(
                "open {} to edit that meeting; for a second meeting of the committee on the same day, make a folder such as {folder}-extraordinary",
                dir.join("meeting.yaml").display()
            ),
        )]);
    }
    // The committee's last meeting before this one: its venue and time, and its minutes.
    let previous = entries(root, &cdir)
        .into_iter()
        .filter(|(name, dir)| *dir && is_slug(name))
        .filter_map(|(name, _)| folder_date(&name).map(|d| (d, name)))
        .filter(|(d, _)| *d < date)
        .max();
    let last = previous.as_ref().and_then(|(_, name)| {
        read(root, &cdir.join(name).join("meeting.yaml"))
            .and_then(|t| serde_saphyr::from_str::<RawMeeting>(&t).ok())
    });
    let venue = last
        .as_ref()
        .map(|m| m.venue.trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "To be confirmed".to_string());
    let time = last
        .as_ref()
        .and_then(|m| m.time.as_ref())
        .map(|t| t.value.trim().to_string())
        .filter(|t| crate::text::parse_time(t).is_some());
    let previous_minutes = previous
        .as_ref()
        .filter(|(_, name)| exists(root, &cdir.join(name).join("minutes.md")))
        .map(|(d, name)| (name.as_str(), *d));
    let days = WorkingDays::new(&config.extra_bank_holidays);
    let needed = config.jurisdiction.notice_days();
    let latest = days.latest_publication(date, needed);
    let members = members(root);
    let file = dir.join("meeting.yaml");
    let text = templates::meeting(&templates::MeetingText {
        date,
        time: time.as_deref(),
        venue: &venue,
        latest,
        notice_days: needed,
        published: None,
        previous_minutes,
        example_member: members.first().map_or("a-n-other", String::as_str),
    });
    let written = write_all(root, &[(file.clone(), text)])?;
    let mut next = vec![format!(
        "Check the time and venue in {}, and add the agenda items.",
        file.display()
    )];
    if let Some(l) = latest {
        next.push(format!(
            "Add agenda_published: with the date the papers go public: {} at the latest gives {needed} clear working days.",
            short_date(l)
        ));
    }
    next.push(format!(
        "Add papers with quire new document {slug}/{folder} report \"Title\"."
    ));
    Ok(Created {
        written,
        updated: Vec::new(),
        next,
    })
}

/// The committee and meeting folder named by `committee/YYYY-MM-DD` or a path to the
/// meeting's folder (its last two parts).
fn meeting_parts(spec: &str) -> Option<(String, String)> {
    let path = PathBuf::from(spec.trim().replace('\\', "/"));
    let mut parts = path.components().filter_map(|c| match c {
        Component::Normal(p) => p.to_str().map(str::to_string),
        _ => None,
    });
    let mut all: Vec<String> = parts.by_ref().collect();
    if all.last().is_some_and(|l| l == "meeting.yaml") {
        all.pop();
    }
    let meeting = all.pop()?;
    let committee = all.pop()?;
    Some((committee, meeting))
}

fn new_document(
    root: &Path,
    meeting: &str,
    kind: &str,
    title: &str,
    today: time::Date,
) -> Result<Created, Vec<Diagnostic>> {
    settings(root)?;
    let mut problems = Vec::new();
    // Every problem with what was asked, all at once.
    let kind_found = parse_kind(kind);
    if kind_found.is_none() {
        problems.push(
            Diagnostic::error(
                committees_dir(),
                None,
                format!("\"{kind}\" is not a kind of document"),
            )
            .code("unknown-kind")
            .hint(format!("use one of: {}", KINDS.join(", "))),
        );
    }
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        problems.push(
            Diagnostic::error(committees_dir(), None, "the document has no title")
                .code("empty-title")
                .hint("give the title in quotes, for example quire new document cabinet/2027-03-19 report \"Budget 2027/28\""),
        );
    }
    let place = match meeting_parts(meeting) {
        None => {
            problems.push(
                Diagnostic::error(
                    committees_dir(),
                    None,
                    format!("\"{meeting}\" does not name a meeting"),
                )
                .code("unknown-meeting")
                .hint("write the meeting as committee/YYYY-MM-DD, for example cabinet/2027-03-19"),
            );
            None
        }
        Some((committee, folder)) => match find_committee(root, &committee) {
            Err(e) => {
                problems.push(e);
                None
            }
            Ok((slug, name)) => {
                let cdir = committees_dir().join(&slug);
                if is_slug(&folder) && exists(root, &cdir.join(&folder).join("meeting.yaml")) {
                    Some((slug, name, folder))
                } else {
                    let known: Vec<(String, String)> = entries(root, &cdir)
                        .into_iter()
                        .filter(|(n, dir)| *dir && exists(root, &cdir.join(n).join("meeting.yaml")))
                        .map(|(n, _)| (n.clone(), n))
                        .collect();
                    let list = known
                        .iter()
                        .map(|(n, _)| n.as_str())
                        .collect::<Vec<_>>()
                        .join(", ");
                    let hint = match slug::closest(&folder, &known) {
                        Some(s) => {
                            format!("did you mean {slug}/{s}? The meetings of {name} are: {list}")
                        }
                        None if known.is_empty() => format!(
                            "{name} has no meetings yet: make one with quire new meeting {slug} YYYY-MM-DD"
                        ),
                        None => format!(
                            "the meetings of {name} are: {list}; to make a new one, run quire new meeting {slug} YYYY-MM-DD"
                        ),
                    };
                    problems.push(
                        Diagnostic::error(
                            &cdir,
                            None,
                            format!("{name} has no meeting \"{folder}\""),
                        )
                        .code("unknown-meeting")
                        .hint(hint),
                    );
                    None
                }
            }
        },
    };
    let (Some(kind), Some((committee, committee_name, folder)), true) =
        (kind_found, place, problems.is_empty())
    else {
        return Err(problems);
    };
    let dir = committees_dir().join(&committee).join(&folder);
    let stem = if kind == Kind::Minutes {
        "minutes".to_string()
    } else {
        let s = slug::shorten(&slugify(&title), DOC_NAME_MAX);
        match s.as_str() {
            "" => {
                return Err(vec![
                    Diagnostic::error(&dir, None, format!("\"{title}\" cannot be made into a file name: it has no letters or digits"))
                        .code("bad-name")
                        .hint("give a title with words in it"),
                ]);
            }
            // `files` is the meeting's folder of images and appendices; `minutes.md` is
            // the meeting's own minutes, whatever its kind says.
            "files" | "minutes" => format!("{s}-{}", kind.name()),
            _ => s,
        }
    };
    let file_name = format!("{stem}.md");
    let file = dir.join(&file_name);
    if exists(root, &file) {
        let hint = if kind == Kind::Minutes {
            format!(
                "this meeting has minutes already: open {} to edit them",
                file.display()
            )
        } else {
            format!(
                "{}, or give the new document another title",
                never_overwrites(&file)
            )
        };
        return Err(vec![exists_error(&file, &file.display().to_string(), hint)]);
    }
    let yaml = dir.join("meeting.yaml");
    let yaml_text = read(root, &yaml).unwrap_or_default();
    let raw = serde_saphyr::from_str::<RawMeeting>(&yaml_text).ok();
    let headings: Vec<templates::Heading> = raw
        .as_ref()
        .map(|m| {
            let mut counter = 0;
            (m.items.iter())
                .map(|i| templates::Heading {
                    number: crate::model::next_item_number(
                        i.number.as_ref().map(|n| n.value.as_str()),
                        &mut counter,
                    ),
                    title: i.title.value.clone(),
                    exempt: i.exempt.is_some(),
                })
                .collect()
        })
        .unwrap_or_default();
    let date = raw
        .as_ref()
        .and_then(|m| parse_iso(&m.date.value))
        .or_else(|| folder_date(&folder));
    let text = templates::document(&templates::DocumentText {
        kind,
        title: &title,
        committee: &committee_name,
        date,
        today,
        items: &headings,
    });
    let written = write_all(root, &[(file.clone(), text)])?;
    let mut done = Created {
        written,
        updated: Vec::new(),
        next: vec![format!(
            "Write the document in {}, and delete draft: true when it is cleared for publication.",
            file.display()
        )],
    };
    if kind == Kind::Minutes {
        done.next.push(format!(
            "The meeting's own minutes appear on its page without an agenda item. To approve them at the next meeting, list ../{folder}/minutes.md in that meeting's minutes item."
        ));
        return Ok(done);
    }
    // An item added to an agenda already out is public at the next build, title and all,
    // while its paper is still a draft: the officer adds it when the paper goes out.
    let published = raw
        .as_ref()
        .and_then(|m| m.agenda_published.as_ref())
        .and_then(|d| parse_iso(&d.value))
        .filter(|d| *d <= today);
    if let Some(published) = published {
        done.next.push(format!(
            "The agenda of this meeting went out on {}, so quire did not add the document to it in {}: an item added now would show its title on the public agenda at the next build, before the paper is ready. When the paper is cleared, add it as a late item with the day it goes out (see Papers after the agenda in docs/authoring.md), for example:\n{}",
            short_date(published),
            yaml.display(),
            items::late_entry(&title, &file_name, today),
        ));
        return Ok(done);
    }
    match items::add_item(&yaml_text, &title, &file_name) {
        items::Added::Edited(new_text) => {
            replace(root, &yaml, &new_text).map_err(|e| vec![e])?;
            done.updated.push(yaml.clone());
            done.next.push(format!(
                "The document is listed under a new item at the end of the agenda in {}: move the item if it belongs elsewhere. The item's title is public from the day the agenda goes out, even while the paper is a draft.",
                yaml.display()
            ));
        }
        items::Added::AlreadyListed => done.next.push(format!(
            "{} already lists {file_name} under an item.",
            yaml.display()
        )),
        items::Added::Manual(entry) => done.next.push(format!(
            "Add the document to the agenda in {} (quire did not change that file), for example:\n{entry}",
            yaml.display()
        )),
    }
    Ok(done)
}
