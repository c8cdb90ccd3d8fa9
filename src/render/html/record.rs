//! The public records: the compliance record of each meeting (see [`super::compliance`]),
//! and the redaction record: what each published agenda withholds and why, in words,
//! as JSON beside the pages that show it. It is read from the edition's record, so it
//! names what is withheld only as the public agenda does, and never holds its content or
//! the public interest statement itself.

use serde::Serialize;

use crate::redact::{Edition, Withheld};
use crate::render::Artefact;

/// The site-wide record.
pub const SITE_FILE: &str = "redactions.json";

/// The file of one meeting's record, in its folder.
const MEETING_FILE: &str = "redactions.json";

/// The paths of every record file: the site's, and one for each meeting that withholds
/// something.
pub fn files(ed: &Edition) -> Vec<String> {
    let mut files = vec![SITE_FILE.to_string()];
    files.extend(meetings(ed).into_iter().map(|mi| meeting_file(ed, mi)));
    files.extend(
        (0..ed.meetings().len())
            .filter(|&mi| super::compliance::exists(ed, mi))
            .map(|mi| super::compliance::file(ed, mi)),
    );
    files.extend(super::decisions::files(ed));
    files
}

/// The record as JSON files.
pub fn render(ed: &Edition) -> Vec<Artefact> {
    let mut out = vec![Artefact::bytes(SITE_FILE, json(&entries(ed, None)))];
    for mi in meetings(ed) {
        out.push(Artefact::bytes(
            meeting_file(ed, mi),
            json(&entries(ed, Some(mi))),
        ));
    }
    // The decisions register as a feed and a spreadsheet.
    if !super::decisions::files(ed).is_empty() {
        out.push(Artefact::bytes(
            super::decisions::FEED_FILE,
            super::decisions::atom(ed),
        ));
        out.push(Artefact::bytes(
            super::decisions::CSV_FILE,
            super::decisions::csv(ed),
        ));
    }
    // Each meeting's compliance record, beside its page.
    for mi in 0..ed.meetings().len() {
        if let Some(c) = super::compliance::record(ed, mi) {
            let text = serde_json::to_string_pretty(&c).unwrap_or_else(|_| "{}".into());
            out.push(Artefact::bytes(super::compliance::file(ed, mi), text));
        }
    }
    out
}

/// An entry with the meeting it belongs to.
#[derive(Serialize)]
pub struct Entry<'a> {
    /// The members' edition's marking, on each entry (see [`Edition::marking`]): the
    /// record is a list, and an entry of it is what holds a withheld item's real title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marking: Option<&'static str>,
    pub meeting: String,
    pub meeting_url: &'a str,
    #[serde(flatten)]
    pub withheld: &'a Withheld,
}

/// The record of one meeting, or of the whole site.
pub fn entries(ed: &Edition, meeting: Option<usize>) -> Vec<Entry<'_>> {
    let record = match meeting {
        Some(mi) => ed.withheld_of(mi),
        None => ed.withheld(),
    };
    record
        .iter()
        .map(|w| {
            let m = &ed.meetings()[w.meeting];
            Entry {
                marking: ed.marking(),
                meeting: ed.meeting_title(m),
                meeting_url: &m.url,
                withheld: w,
            }
        })
        .collect()
}

/// Meetings that withhold something, in order.
fn meetings(ed: &Edition) -> Vec<usize> {
    let mut out: Vec<usize> = ed.withheld().iter().map(|w| w.meeting).collect();
    out.dedup();
    out
}

fn meeting_file(ed: &Edition, mi: usize) -> String {
    format!(
        "{}{MEETING_FILE}",
        ed.meetings()[mi].url.trim_start_matches('/')
    )
}

fn json(entries: &[Entry]) -> String {
    serde_json::to_string_pretty(entries).unwrap_or_else(|_| "[]".into())
}
