//! One meeting's pack as data: the JSON file `pdf/pack.typ` reads with `json(...)`.
//!
//! Everything here comes from the [`Edition`], so the public pack's data cannot hold
//! exempt or draft text: the public edition does not contain it. Exempt matter the
//! public may not see becomes a `restricted` section that carries only the public title
//! and the Schedule 12A notice.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::content::{self, Resolve};
use crate::model::Kind;
use crate::model::links::Dest;
use crate::model::text::{clock_time, long_date};
use crate::redact::{
    DocBody, DocSlot, DocumentView, Edition, FileHandle, ItemView, MeetingView, Notice,
};

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

/// Builds the data of meeting `mi`'s pack.
pub fn pack_data(ed: &Edition, mi: usize, copy_for: Option<&str>) -> Result<PackData, String> {
    let m = &ed.meetings()[mi];
    let committee = &ed.committees()[m.committee];
    let cx = Context::new(ed);
    let confidential = ed.is_confidential();
    let title = format!(
        "{}: {}agenda pack",
        ed.meeting_title(m),
        if confidential { "members' " } else { "" }
    );
    let (lang, region) = match ed.config().language.split_once(['-', '_']) {
        Some((l, r)) => (l.to_ascii_lowercase(), Some(r.to_ascii_lowercase())),
        None => (ed.config().language.to_ascii_lowercase(), None),
    };

    let mut agenda = Vec::new();
    for item in &m.items {
        agenda_entries(&cx, item, 0, &mut agenda);
    }
    let mut sections = Vec::new();
    for item in &m.items {
        item_sections(&cx, m, item, &mut sections)?;
    }

    // In the members' pack the front sheet itself shows exempt titles, bodies and
    // reasons, so its pages are marked with every paragraph the agenda cites.
    let mut cited: Vec<u32> = Vec::new();
    if confidential {
        for item in m.items.iter().flat_map(all_items) {
            if let Some(n) = &item.notice {
                cited.extend(n.paragraphs.iter().map(|p| p.number));
            }
            for slot in &item.documents {
                if let DocSlot::Shown(d) = slot
                    && let Some(n) = &ed.documents()[*d].marking
                {
                    cited.extend(n.paragraphs.iter().map(|p| p.number));
                }
            }
        }
        cited.sort_unstable();
        cited.dedup();
    }
    let front_marking = (!cited.is_empty()).then(|| {
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
        "members": members,
        "clerk": clerk,
        "agenda": agenda,
        "front-marking": front_marking,
        "copy-for": copy_for,
        "sections": sections,
    });
    let has_pdf = cx.has_pdf.get();
    Ok(PackData {
        json: serde_json::to_string(&data).expect("pack data serialises"),
        files: cx.files.into_inner(),
        has_pdf,
        title,
        ident: format!(
            "quire/{}/{}/{}",
            committee.slug,
            m.slug,
            if confidential {
                "confidential"
            } else {
                "public"
            }
        ),
    })
}

/// An item and all its sub-items, depth first.
fn all_items(item: &ItemView) -> Vec<&ItemView> {
    let mut out = vec![item];
    for sub in &item.items {
        out.extend(all_items(sub));
    }
    out
}

struct Context<'e> {
    ed: &'e Edition,
    /// Virtual path → source of every file this pack reads.
    files: RefCell<BTreeMap<String, FileHandle>>,
    /// Source → virtual path, so a pack of thousands of images finds each one at once.
    vpaths: RefCell<BTreeMap<FileHandle, String>>,
    has_pdf: std::cell::Cell<bool>,
}

impl<'e> Context<'e> {
    fn new(ed: &'e Edition) -> Self {
        Context {
            ed,
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

/// Resolves references against the edition: the tree has already parsed every
/// destination, so this only asks what the edition publishes.
struct DocRefs<'c, 'e> {
    cx: &'c Context<'e>,
}

impl Resolve for DocRefs<'_, '_> {
    fn image(&self, dest: &Dest) -> Option<String> {
        let Dest::Local { target, .. } = dest else {
            return None;
        };
        let url = self.cx.ed.urls().get(target)?;
        let source = self.cx.ed.assets().get(url.as_str())?;
        Some(self.cx.use_file(source))
    }

    fn link(&self, dest: &Dest) -> Option<String> {
        let base = &self.cx.ed.config().base_url;
        match dest {
            Dest::Web(url) => Some(url.clone()),
            Dest::Site(path) => Some(format!("{base}{path}")),
            Dest::Local { target, fragment } => {
                let url = self.cx.ed.urls().get(target)?;
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

/// The front sheet's list: every item and sub-item, in order.
fn agenda_entries(cx: &Context, item: &ItemView, depth: usize, out: &mut Vec<Value>) {
    let refs = DocRefs { cx };
    out.push(json!({
        "number": item.number,
        "title": item.title,
        "depth": depth,
        "body": item.body.as_ref().map(|b| content::blocks(b, &refs)),
        "notice": item.notice.as_ref().map(|n| cx.notice(n)),
        "released": item.released,
    }));
    for sub in &item.items {
        agenda_entries(cx, sub, depth + 1, out);
    }
}

/// The pack pages of an item: its documents, restricted notices, then its sub-items.
fn item_sections(
    cx: &Context,
    m: &MeetingView,
    item: &ItemView,
    out: &mut Vec<Value>,
) -> Result<(), String> {
    let start = out.len();
    for slot in &item.documents {
        match slot {
            DocSlot::Shown(di) => {
                let doc = &cx.ed.documents()[*di];
                let marking = doc.marking.as_ref().or(item.notice.as_ref());
                out.push(document_section(cx, m, item, doc, marking)?);
            }
            DocSlot::Withheld { title, notice } => out.push(restricted(cx, item, title, notice)),
        }
    }
    // An exempt item the public may not see: one restricted page for the whole item.
    if item.documents.is_empty()
        && !cx.ed.is_confidential()
        && let Some(notice) = &item.notice
    {
        out.push(restricted(cx, item, &item.title, notice));
    }
    if let Some(first) = out.get_mut(start) {
        first["first"] = Value::Bool(true);
    }
    for sub in &item.items {
        item_sections(cx, m, sub, out)?;
    }
    Ok(())
}

fn restricted(cx: &Context, item: &ItemView, title: &str, notice: &Notice) -> Value {
    json!({
        "type": "restricted",
        "item": item.number,
        "item-title": item.title,
        "first": false,
        "title": title,
        "notice": cx.notice(notice),
        "marking": null,
    })
}

fn document_section(
    cx: &Context,
    m: &MeetingView,
    item: &ItemView,
    doc: &DocumentView,
    marking: Option<&Notice>,
) -> Result<Value, String> {
    let ed = cx.ed;
    let mut s = json!({
        "type": "doc",
        "item": item.number,
        "item-title": item.title,
        "first": false,
        "title": doc.title,
        "kind": doc.kind.name(),
        "draft": doc.draft,
        "marking": marking.map(|n| cx.notice(n)),
    });
    match &doc.body {
        DocBody::Pdf { source, pages, .. } => {
            s["type"] = "pdf".into();
            s["src"] = cx.use_file(source).into();
            s["pages"] = (*pages).into();
            cx.has_pdf.set(true);
        }
        DocBody::Markdown(tree) => {
            let refs = DocRefs { cx };
            let body = content::blocks(tree, &refs);
            let committee = &ed.committees()[m.committee];
            match doc.kind {
                Kind::Report => {
                    s["meta"] = json!({
                        "committee": committee.name,
                        "date": long_date(m.date),
                        "report-of": doc.report_of,
                        "divisions": doc.divisions,
                    });
                }
                Kind::Minutes => {
                    // Minutes belong to the meeting they record, usually an earlier one.
                    let held = ed.meetings().get(doc.meeting).unwrap_or(m);
                    let held_committee = &ed.committees()[held.committee];
                    s["meta"] = json!({
                        "committee": held_committee.name,
                        "date": long_date(held.date),
                        "time": held.time.map(clock_time),
                        "venue": held.venue,
                        "attendance": held.attendance.as_ref().map(|a| attendance(cx, held_committee, a)),
                    });
                }
                Kind::Letter => {
                    s["meta"] = json!({
                        "from": doc.from,
                        "to": doc.to,
                        "date": doc.date.map(crate::model::text::short_date),
                        "signed": doc.signed,
                    });
                }
                Kind::Presentation => {
                    s["slides"] = Value::Array(content::slides(tree, &refs));
                }
                Kind::AnnualReport | Kind::Other => {}
            }
            s["contact"] = doc
                .contact
                .as_ref()
                .map(|c| json!({"name": c.name, "email": c.email, "phone": c.phone}))
                .into();
            s["body"] = Value::Array(body);
        }
    }
    Ok(s)
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
