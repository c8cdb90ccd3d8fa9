//! One meeting's pack as data: the JSON file `pdf/pack.typ` reads with `json(...)`.
//!
//! Everything here comes from the [`Edition`], so the public pack's data cannot hold
//! exempt or draft text: the public edition does not contain it. Exempt matter the
//! public may not see becomes a `restricted` section that carries only the public title
//! and the Schedule 12A notice.
//!
//! A meeting has its agenda pack and one supplementary pack for each supplementary
//! agenda. The agenda pack stays as the agenda was first published: an item added later,
//! and a paper published later, belong to the supplementary pack of the day they came
//! (see [`Part`]); a paper that was replaced keeps its place.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};

use super::content::{self, Resolve};
use crate::model::Kind;
use crate::model::links::Dest;
use crate::model::text::{clock_time, long_date, short_date};
use crate::redact::{
    BackgroundView, DocBody, DocSlot, DocumentView, Edition, FileHandle, ItemView, MeetingView,
    Notice, Supplement,
};

use crate::render::wording;

/// What the compiler needs for one pack, besides the theme.
pub struct PackData {
    /// The JSON text of `/data/pack.json`.
    pub json: String,
    /// Virtual path → real file, for every image and PDF appendix the pack shows.
    pub files: BTreeMap<String, FileHandle>,
    /// Whether a PDF appendix is embedded (typst refuses those under PDF/UA-1).
    pub has_pdf: bool,
    /// The document title, also for messages.
    pub title: String,
    /// A stable identifier for the PDF's document ID.
    pub ident: String,
}

/// Which of a meeting's packs: `None` for the agenda pack, `Some(n)` for supplementary
/// agenda `n`. Every item and paper belongs to exactly one.
type Part = Option<usize>;

/// The pack an item belongs to: the supplementary agenda that added it or one of its
/// parents, or the agenda pack.
fn item_part(m: &MeetingView, item: &ItemView, parent: Part) -> Part {
    m.supplement_of_item(&item.number)
        .map(|s| s.number)
        .or(parent)
}

/// The pack paper `doc`, listed by `item` (in pack `item_part`), belongs to.
fn doc_part(m: &MeetingView, item: &ItemView, doc: usize, item_part: Part) -> Part {
    m.supplements
        .iter()
        .find(|s| {
            s.documents
                .iter()
                .any(|(n, d)| *n == item.number && *d == doc)
        })
        .map(|s| s.number)
        .or(item_part)
}

/// Builds the data of meeting `mi`'s agenda pack (`supplement` `None`) or of its
/// supplementary agenda `supplement`.
pub fn pack_data(
    ed: &Edition,
    mi: usize,
    supplement: Option<usize>,
    copy_for: Option<&str>,
) -> Result<PackData, String> {
    let m = &ed.meetings()[mi];
    let committee = &ed.committees()[m.committee];
    let part: Part = supplement;
    let sup: Option<&Supplement> = match supplement {
        Some(n) => Some(
            m.supplements
                .iter()
                .find(|s| s.number == n)
                .ok_or_else(|| format!("the meeting has no supplementary agenda {n}"))?,
        ),
        None => None,
    };
    let cx = Context::new(ed, m, part);
    let confidential = ed.is_confidential();
    let title = match sup {
        None => format!(
            "{}: {}agenda pack",
            ed.meeting_title(m),
            if confidential { "members' " } else { "" }
        ),
        Some(s) => format!(
            "{}: {}supplementary agenda {} pack",
            ed.meeting_title(m),
            if confidential { "members' " } else { "" },
            s.number
        ),
    };
    let (lang, region) = match ed.config().language.split_once(['-', '_']) {
        Some((l, r)) => (l.to_ascii_lowercase(), Some(r.to_ascii_lowercase())),
        None => (ed.config().language.to_ascii_lowercase(), None),
    };

    // In the members' pack the front sheet itself shows exempt titles, bodies and
    // reasons, so its pages are marked with every paragraph the agenda cites.
    let mut cited: Vec<u32> = Vec::new();
    let mut agenda: Vec<Obj> = Vec::new();
    for item in &m.items {
        agenda_entries(&cx, item, 0, None, &mut agenda, &mut cited);
    }
    let mut sections: Vec<Obj> = Vec::new();
    for item in &m.items {
        item_sections(&cx, item, None, &mut sections)?;
    }
    cited.sort_unstable();
    cited.dedup();
    let front_marking = (confidential && !cited.is_empty()).then(|| {
        json!({
            "numbers": cited.iter().map(u32::to_string).collect::<Vec<_>>().join(", "),
            "count": cited.len(),
        })
    });

    // The front sheet names the committee as it stood on the day of the meeting.
    let members: Vec<Value> = committee
        .members_on(m.date)
        .map(|m| json!({"name": cx.member_name(&m.member), "role": m.role}))
        .collect();
    let clerk = committee
        .clerk
        .as_ref()
        .map(|c| json!({"name": c.name, "email": c.email, "phone": c.phone}));

    let data = json!({
        "title": title,
        "lang": lang,
        "region": region,
        "paper": match ed.config().paper { crate::config::Paper::A4 => "a4", crate::config::Paper::Letter => "us-letter" },
        "duplex": ed.config().duplex,
        "confidential": confidential,
        "council": ed.config().council,
        "committee": format!("{}{}", committee.name, m.suffix()),
        "date": long_date(m.date),
        "time": m.time.map(clock_time),
        "venue": m.venue,
        "status": m.status.label(),
        "clerk": clerk,
        // "Agenda", or "Supplementary agenda 1" with the day it was published.
        "heading": sup.map_or("Agenda".to_string(), |s| format!("Supplementary agenda {}", s.number)),
        "supplement": sup.map(|s| json!({
            "number": s.number,
            "published": short_date(s.date),
            "line": wording::supplement_line(s),
        })),
        "front-marking": front_marking,
        "copy-for": copy_for,
    });
    // Not given to `json!`, which serialises every value it is given into a new one:
    // copying the papers' text was about a third of a rebuild's "pdf" phase with every
    // pack cached. The bodies are written straight into the text (see [`Obj`]).
    let mut data = Obj::from(data);
    data.set("members", Value::Array(members));
    data.field("agenda", Field::Objs(agenda));
    data.field("sections", Field::Objs(sections));
    // Written before the files are taken: images are named as the bodies are written.
    let json = serde_json::to_string(&data)
        .map_err(|e| format!("the pack's data could not be written as JSON ({e})"))?;
    drop(data);
    let has_pdf = cx.has_pdf.get();
    Ok(PackData {
        json,
        files: cx.files.into_inner(),
        has_pdf,
        title,
        ident: format!(
            "quire/{}/{}/{}{}",
            committee.slug,
            m.slug,
            if confidential {
                "confidential"
            } else {
                "public"
            },
            sup.map(|s| format!("/supplementary-{}", s.number))
                .unwrap_or_default()
        ),
    })
}

struct Context<'e> {
    ed: &'e Edition,
    meeting: &'e MeetingView,
    /// The pack being made.
    part: Part,
    /// Virtual path → source of every file this pack reads.
    files: RefCell<BTreeMap<String, FileHandle>>,
    /// Source → virtual path, so a pack of thousands of images finds each one at once.
    vpaths: RefCell<BTreeMap<FileHandle, String>>,
    has_pdf: std::cell::Cell<bool>,
}

impl<'e> Context<'e> {
    fn new(ed: &'e Edition, meeting: &'e MeetingView, part: Part) -> Self {
        Context {
            ed,
            meeting,
            part,
            files: RefCell::new(BTreeMap::new()),
            vpaths: RefCell::new(BTreeMap::new()),
            has_pdf: std::cell::Cell::new(false),
        }
    }

    fn member_name(&self, slug: &str) -> String {
        self.ed.member_name(slug)
    }

    /// Registers a content file the pack may read; returns its virtual path.
    /// Files get short per-pack names (`/content/0.png`): typst gives every distinct path
    /// an id for the life of the process, and there are only 65,535 of them, fewer than
    /// the images and appendices of ten years of papers. The names also keep odd
    /// characters in file names away from typst's path rules.
    fn use_file(&self, source: &FileHandle) -> String {
        let mut vpaths = self.vpaths.borrow_mut();
        if let Some(vpath) = vpaths.get(source) {
            return vpath.clone();
        }
        let mut files = self.files.borrow_mut();
        let ext: String = source
            .extension()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let vpath = format!("/content/{}.{ext}", files.len());
        files.insert(vpath.clone(), source.clone());
        vpaths.insert(source.clone(), vpath.clone());
        vpath
    }

    fn notice(&self, n: &Notice) -> Value {
        json!({
            "numbers": n.numbers(),
            "count": n.paragraphs.len(),
            "text": n.text,
            "paragraphs": n.paragraphs.iter().map(|p| json!({"number": p.number, "category": p.category})).collect::<Vec<_>>(),
            "reason": n.reason,
        })
    }
}

/// A JSON object of the pack's data, written with its keys in byte order as a
/// `serde_json::Value` is, so the data's text is the same whichever way it was made.
/// Its values are small `Value`s, or the papers' bodies, written only when the pack's
/// JSON text is (see [`content::blocks`]).
struct Obj<'a>(BTreeMap<String, Field<'a>>);

enum Field<'a> {
    Value(Value),
    Blocks(content::Blocks<'a>),
    Slides(content::Slides<'a>),
    Objs(Vec<Obj<'a>>),
    /// A content file, named when written: the pack's files are numbered in the order
    /// the text names them.
    File(&'a Context<'a>, &'a FileHandle),
}

impl<'a> Obj<'a> {
    /// The object `json!` made; anything else is an empty object.
    fn from(v: Value) -> Obj<'a> {
        let Value::Object(map) = v else {
            return Obj(BTreeMap::new());
        };
        Obj(map.into_iter().map(|(k, v)| (k, Field::Value(v))).collect())
    }

    fn set(&mut self, key: &str, value: impl Into<Value>) {
        self.field(key, Field::Value(value.into()));
    }

    fn field(&mut self, key: &str, value: Field<'a>) {
        self.0.insert(key.to_string(), value);
    }
}

impl Serialize for Obj<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl Serialize for Field<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Value(v) => v.serialize(s),
            Field::Blocks(b) => b.serialize(s),
            Field::Slides(slides) => slides.serialize(s),
            Field::Objs(objs) => s.collect_seq(objs),
            Field::File(cx, source) => s.serialize_str(&cx.use_file(source)),
        }
    }
}

/// Resolves references against the edition: the tree has already parsed every
/// destination, so this only asks what the edition publishes.
impl Resolve for Context<'_> {
    fn image(&self, dest: &Dest) -> Option<String> {
        let Dest::Local { target, .. } = dest else {
            return None;
        };
        let url = self.ed.urls().get(target)?;
        let source = self.ed.assets().get(url.as_str())?;
        Some(self.use_file(source))
    }

    fn link(&self, dest: &Dest) -> Option<String> {
        let base = &self.ed.config().base_url;
        match dest {
            Dest::Web(url) => Some(url.clone()),
            Dest::Site(path) => Some(format!("{base}{path}")),
            Dest::Local { target, fragment } => {
                let url = self.ed.urls().get(target)?;
                Some(match fragment {
                    Some(f) => format!("{base}{url}#{f}"),
                    None => format!("{base}{url}"),
                })
            }
            // A pack is printed: a link to a place on the same web page leads nowhere.
            Dest::Anchor(_) | Dest::Refused => None,
        }
    }
}

/// The front sheet's list, in agenda order. The agenda pack lists every item of the
/// agenda as first published; a supplementary pack lists the items it adds and those it
/// adds papers to, with those papers. `cited` gathers the Schedule 12A paragraphs of
/// what the list shows, for the members' marking.
fn agenda_entries<'a>(
    cx: &'a Context,
    item: &'a ItemView,
    depth: usize,
    parent: Part,
    out: &mut Vec<Obj<'a>>,
    cited: &mut Vec<u32>,
) {
    let m = cx.meeting;
    let part = item_part(m, item, parent);
    let added = part == cx.part;
    // The papers of this item that this pack publishes, when the item itself is older.
    let papers: Vec<&DocumentView> = item
        .documents
        .iter()
        .filter_map(|slot| match slot {
            DocSlot::Shown(d) if doc_part(m, item, *d, part) == cx.part => {
                Some(&cx.ed.documents()[*d])
            }
            _ => None,
        })
        .collect();
    if added || (cx.part.is_some() && !papers.is_empty()) {
        if let Some(n) = &item.notice {
            cited.extend(n.paragraphs.iter().map(|p| p.number));
        }
        for d in &papers {
            if let Some(n) = &d.marking {
                cited.extend(n.paragraphs.iter().map(|p| p.number));
            }
        }
        // A supplementary pack names the papers it adds, and what each replaces.
        let listed: Vec<Value> = if cx.part.is_some() {
            papers
                .iter()
                .map(|d| json!({"title": d.title, "replaces": replaces_line(cx, d)}))
                .collect()
        } else {
            Vec::new()
        };
        let mut entry = Obj::from(json!({
            "number": item.number,
            "title": item.title,
            "depth": depth,
            "released": item.released.as_ref().filter(|_| added),
            "urgent": item.urgent.as_deref().filter(|_| added).map(wording::urgency),
        }));
        // Written with the pack, not copied by `json!` (see `pack_data`).
        entry.field(
            "body",
            match item.body.as_ref().filter(|_| added) {
                Some(b) => Field::Blocks(content::blocks(b, cx)),
                None => Field::Value(Value::Null),
            },
        );
        entry.set("notice", item.notice.as_ref().map(|n| cx.notice(n)));
        entry.set("papers", Value::Array(listed));
        out.push(entry);
    }
    for sub in &item.items {
        agenda_entries(cx, sub, depth + 1, part, out, cited);
    }
}

/// "This replaces ..., published with the agenda.", for a paper that replaces another.
fn replaces_line(cx: &Context, doc: &DocumentView) -> Option<String> {
    let old = doc.replaces?;
    let in_supplement = cx.meeting.supplement_of_document(old).map(|s| s.number);
    Some(wording::replaces(
        &cx.ed.documents()[old].title,
        in_supplement,
    ))
}

/// The pack pages of an item: its documents, restricted notices, then its sub-items,
/// as far as they belong to the pack being made.
fn item_sections<'a>(
    cx: &'a Context,
    item: &'a ItemView,
    parent: Part,
    out: &mut Vec<Obj<'a>>,
) -> Result<(), String> {
    let m = cx.meeting;
    let part = item_part(m, item, parent);
    let start = out.len();
    for slot in &item.documents {
        match slot {
            DocSlot::Shown(di) => {
                if doc_part(m, item, *di, part) != cx.part {
                    continue;
                }
                let doc = &cx.ed.documents()[*di];
                let marking = doc.marking.as_ref().or(item.notice.as_ref());
                out.push(document_section(cx, m, item, doc, marking)?);
            }
            // A withheld paper goes with the supplement that published it, if it came
            // later than its item; otherwise with its item.
            DocSlot::Withheld {
                title,
                notice,
                published,
            } => {
                let own = m.supplement_on(*published).map(|s| s.number);
                if own.or(part) == cx.part {
                    out.push(restricted(cx, item, title, notice))
                }
            }
        }
    }
    // An exempt item the public may not see: one restricted page for the whole item.
    if item.documents.is_empty()
        && !cx.ed.is_confidential()
        && part == cx.part
        && let Some(notice) = &item.notice
    {
        out.push(restricted(cx, item, &item.title, notice));
    }
    if let Some(first) = out.get_mut(start) {
        first.set("first", true);
        // The statement of urgency heads the item's first page.
        first.set("urgent", item.urgent.as_deref().map(wording::urgency));
    }
    for sub in &item.items {
        item_sections(cx, sub, part, out)?;
    }
    Ok(())
}

fn restricted<'a>(cx: &Context, item: &ItemView, title: &str, notice: &Notice) -> Obj<'a> {
    Obj::from(json!({
        "type": "restricted",
        "item": item.number,
        "item-title": item.title,
        "first": false,
        "urgent": null,
        "title": title,
        "notice": cx.notice(notice),
        "marking": null,
    }))
}

/// The meeting whose own minutes `doc` is, if it is a meeting's minutes.
fn own_meeting_of_minutes<'e>(ed: &'e Edition, doc: &DocumentView) -> Option<&'e MeetingView> {
    let own = ed.meetings().get(doc.meeting)?;
    let minutes = own.minutes.map(|d| &ed.documents()[d])?;
    std::ptr::eq(minutes, doc).then_some(own)
}

fn document_section<'a>(
    cx: &'a Context,
    m: &MeetingView,
    item: &ItemView,
    doc: &'a DocumentView,
    marking: Option<&Notice>,
) -> Result<Obj<'a>, String> {
    let ed = cx.ed;
    let mut s = Obj::from(json!({
        "type": "doc",
        "item": item.number,
        "item-title": item.title,
        "first": false,
        "urgent": null,
        "title": doc.title,
        "kind": doc.kind.name(),
        "draft": doc.draft,
        "replaces": replaces_line(cx, doc),
        // As things stood when this meeting's papers went out: minutes approved at this
        // meeting (or later) were a draft then, and the pack does not change afterwards.
        "approval": doc.approval.as_ref().map(|a| wording::as_published(ed, a, m.date)).and_then(|a| {
            wording::approval(ed, &a).map(|text| {
                json!({"text": text, "draft": a == crate::redact::ApprovalView::Draft})
            })
        }),
        // Minutes record the items their meeting took as urgent business, and why.
        "urgent-business": own_meeting_of_minutes(ed, doc)
            .map(|own| wording::urgent_business(&own.items))
            .filter(|lines| !lines.is_empty())
            .map(|lines| json!({"heading": wording::URGENT_BUSINESS, "lines": lines})),
        "page-marking": null,
    }));
    // Moved in, not copied by `json!` (see `pack_data`).
    s.set("marking", marking.map(|n| cx.notice(n)));
    s.set(
        "background",
        doc.background.as_ref().map(|b| background(cx, b)),
    );
    // In the members' pack, a paper that lists exempt background papers shows their
    // titles: its pages are marked, though the paper itself is not exempt.
    if marking.is_none()
        && cx.ed.is_confidential()
        && let Some(BackgroundView::Papers(papers)) = &doc.background
    {
        let mut cited: Vec<u32> = papers
            .iter()
            .filter_map(|p| p.marking.as_ref())
            .flat_map(|n| n.paragraphs.iter().map(|p| p.number))
            .collect();
        cited.sort_unstable();
        cited.dedup();
        if !cited.is_empty() {
            s.set(
                "page-marking",
                json!({
                    "numbers": cited.iter().map(u32::to_string).collect::<Vec<_>>().join(", "),
                    "count": cited.len(),
                }),
            );
        }
    }
    match &doc.body {
        DocBody::Pdf { source, pages, .. } => {
            s.set("type", "pdf");
            // Named as it is written, in its turn among the bodies' images.
            s.field("src", Field::File(cx, source));
            s.set("pages", *pages);
            // Its pages are placed as pictures, which a screen reader cannot read: the
            // pack says where the file itself is (a reviewer, 4 December 2026). Not for
            // an exempt one in a members' pack: the public site does not have it.
            if marking.is_none() {
                s.set("file", format!("{}{}", ed.config().base_url, doc.url));
            }
            cx.has_pdf.set(true);
        }
        DocBody::Markdown(tree) => {
            let committee = &ed.committees()[m.committee];
            match doc.kind {
                Kind::Report => {
                    s.set(
                        "meta",
                        json!({
                            "committee": committee.name,
                            "date": long_date(m.date),
                            "report-of": doc.report_of,
                            "divisions": doc.divisions,
                        }),
                    );
                }
                Kind::Minutes => {
                    // Minutes belong to the meeting they record, usually an earlier one.
                    let held = ed.meetings().get(doc.meeting).unwrap_or(m);
                    let held_committee = &ed.committees()[held.committee];
                    s.set("meta", json!({
                        "committee": held_committee.name,
                        "date": long_date(held.date),
                        "time": held.time.map(clock_time),
                        "venue": held.venue,
                        "attendance": held.attendance.as_ref().map(|a| attendance(cx, held_committee, a)),
                    }));
                }
                Kind::Letter => {
                    s.set(
                        "meta",
                        json!({
                            "from": doc.from,
                            "to": doc.to,
                            "date": doc.date.map(crate::model::text::short_date),
                            "signed": doc.signed,
                        }),
                    );
                }
                Kind::Presentation => {
                    s.field("slides", Field::Slides(content::slides(tree, cx)));
                }
                Kind::AnnualReport | Kind::Other => {}
            }
            s.set(
                "contact",
                (doc.contact.as_ref())
                    .map(|c| json!({"name": c.name, "email": c.email, "phone": c.phone})),
            );
            s.field("body", Field::Blocks(content::blocks(tree, cx)));
        }
    }
    Ok(s)
}

/// A report's background papers (s100D): "None", or each paper with where to read it;
/// in the members' pack an exempt one carries its notice.
fn background(cx: &Context, b: &BackgroundView) -> Value {
    match b {
        BackgroundView::None => {
            json!({"heading": wording::BACKGROUND_PAPERS, "is-none": true, "papers": []})
        }
        BackgroundView::Papers(papers) => json!({
            "heading": wording::BACKGROUND_PAPERS,
            "is-none": false,
            "papers": papers.iter().map(|p| json!({
                "title": p.title,
                "link": p.link.as_ref().map(|l| wording::available_at(l)),
                "url": p.link.as_ref().filter(|l| l.starts_with("https://") || l.starts_with("http://")),
                "inspect": p.inspect.as_ref().map(|i| wording::inspect_at(i)),
                "notice": p.marking.as_ref().map(|n| cx.notice(n)),
            })).collect::<Vec<_>>(),
        }),
    }
}

fn attendance(
    cx: &Context,
    committee: &crate::redact::CommitteeView,
    a: &crate::redact::AttendanceView,
) -> Value {
    let role = |slug: &str| {
        committee
            .members
            .iter()
            .find(|m| m.member == slug)
            .and_then(|m| m.role.clone())
    };
    let named = |slug: &String| match role(slug) {
        Some(r) => format!("{} ({r})", cx.member_name(slug)),
        None => cx.member_name(slug),
    };
    json!({
        "present": a.present.iter().map(named).collect::<Vec<_>>(),
        "apologies": a.apologies.iter().map(|s| cx.member_name(s)).collect::<Vec<_>>(),
        "absent": a.absent.iter().map(|s| cx.member_name(s)).collect::<Vec<_>>(),
        "substitutes": a.substitutes.iter().map(|(s, f)| format!("{} for {}", cx.member_name(s), cx.member_name(f))).collect::<Vec<_>>(),
        "officers": a.officers,
    })
}
