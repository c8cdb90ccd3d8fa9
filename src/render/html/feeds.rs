//! Machine-readable outputs: the Atom feed of published papers, the iCalendar of
//! meetings and the sitemap. All are built from the edition, so they hold nothing the
//! pages do not. The search index is made by [`super::search`].

use super::highlight::escape;
use super::search;
use crate::model::text::iso_date;
use crate::redact::{DocBody, Edition, Papers};
use crate::render::Artefact;

/// The files [`render`] writes.
const FEEDS: [&str; 3] = ["feed.xml", "meetings.ics", "sitemap.xml"];

/// The files a build plans for: the feeds, and the search index's files whose names are
/// fixed (the rest of the index is named by what it holds: see
/// [`search::is_named_by_index`]).
pub const FILES: [&str; 7] = [
    FEEDS[0],
    FEEDS[1],
    FEEDS[2],
    search::FILES[0],
    search::FILES[1],
    search::FILES[2],
    search::FILES[3],
];

pub fn render(ed: &Edition) -> Vec<Artefact> {
    let [feed, calendar, sitemap_file] = FEEDS;
    vec![
        Artefact::bytes(feed, atom(ed)),
        Artefact::bytes(calendar, ical(ed)),
        Artefact::bytes(sitemap_file, sitemap(ed)),
    ]
}

/// The XML declaration, and in the members' edition its marking (see
/// [`Edition::marking`]) as a comment: a feed or a sitemap has no text of its own to
/// carry it, and a comment before the root element changes nothing for its readers.
pub(super) fn xml_head(ed: &Edition) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    if let Some(marking) = ed.marking() {
        s.push_str(&format!("<!-- {marking} -->\n"));
    }
    s
}

fn atom(ed: &Edition) -> String {
    let base = &ed.config().base_url;
    let mut published: Vec<(time::Date, usize)> = ed
        .meetings()
        .iter()
        .enumerate()
        .filter_map(|(i, m)| match m.papers {
            Papers::Published(p) => Some((p, i)),
            _ => None,
        })
        .collect();
    published.sort_by(|a, b| (b.0, &ed.meetings()[b.1].url).cmp(&(a.0, &ed.meetings()[a.1].url)));
    let updated = published.first().map(|p| p.0).unwrap_or(ed.as_of());
    let mut s = String::new();
    s.push_str(&xml_head(ed));
    s.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    s.push_str(&format!(
        "<title>{}: {}</title>\n",
        escape(&ed.config().council),
        escape(&ed.config().title)
    ));
    s.push_str(&format!("<id>{base}/</id>\n<link href=\"{base}/\"/>\n<link rel=\"self\" href=\"{base}/feed.xml\"/>\n"));
    s.push_str(&format!(
        "<updated>{}T00:00:00Z</updated>\n",
        iso_date(updated)
    ));
    for (date, i) in published.into_iter().take(50) {
        let m = &ed.meetings()[i];
        let title = format!("Papers published: {}", ed.meeting_title(m));
        s.push_str("<entry>\n");
        s.push_str(&format!(
            "<title>{}</title>\n<id>{base}{}</id>\n<link href=\"{base}{}\"/>\n",
            escape(&title),
            m.url,
            m.url
        ));
        s.push_str(&format!(
            "<updated>{}T00:00:00Z</updated>\n",
            iso_date(date)
        ));
        s.push_str(&format!(
            "<author><name>{}</name></author>\n",
            escape(&ed.config().council)
        ));
        let items: Vec<String> = m
            .items
            .iter()
            .map(|it| format!("{}. {}", it.number, it.title))
            .collect();
        s.push_str(&format!(
            "<summary>{}</summary>\n",
            escape(&items.join("; "))
        ));
        s.push_str("</entry>\n");
    }
    s.push_str(&super::forward_plan::atom_entries(ed));
    s.push_str("</feed>\n");
    s
}

/// Escapes iCalendar text (RFC 5545 3.3.11).
fn ical_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace(['\n', '\r'], "\\n")
}

/// Folds a content line at 75 octets (RFC 5545 3.1), never inside a character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// The UK's time zone, so calendar programs place "10:00" correctly in summer and winter.
const EUROPE_LONDON: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\nDTSTART:19700329T010000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nDTSTART:19701025T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

fn ical(ed: &Edition) -> String {
    let host = ed
        .config()
        .base_url
        .split("://")
        .nth(1)
        .unwrap_or("quire")
        .trim_end_matches('/');
    let mut s = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//quire//committee papers//EN\r\nCALSCALE:GREGORIAN\r\n",
    );
    s.push_str(&fold(&format!(
        "X-WR-CALNAME:{}",
        ical_text(&ed.config().council)
    )));
    // The members' edition's marking, as the calendar's description (see
    // [`Edition::marking`]).
    if let Some(marking) = ed.marking() {
        s.push_str(&fold(&format!("X-WR-CALDESC:{}", ical_text(marking))));
    }
    s.push_str(EUROPE_LONDON);
    for m in ed.meetings() {
        let date = iso_date(m.date).replace('-', "");
        let uid = format!("{}@{host}", m.url.trim_matches('/').replace('/', "-"));
        s.push_str("BEGIN:VEVENT\r\n");
        s.push_str(&fold(&format!("UID:{uid}")));
        s.push_str(&format!(
            "DTSTAMP:{}T000000Z\r\n",
            iso_date(ed.as_of()).replace('-', "")
        ));
        match m.time {
            Some(t) => s.push_str(&format!(
                "DTSTART;TZID=Europe/London:{date}T{:02}{:02}00\r\n",
                t.hour(),
                t.minute()
            )),
            None => s.push_str(&format!("DTSTART;VALUE=DATE:{date}\r\n")),
        }
        s.push_str(&fold(&format!(
            "SUMMARY:{}{}",
            ical_text(&ed.committees()[m.committee].name),
            ical_text(&m.suffix())
        )));
        s.push_str(&fold(&format!("LOCATION:{}", ical_text(&m.venue))));
        s.push_str(&fold(&format!("URL:{}{}", ed.config().base_url, m.url)));
        if m.status == crate::model::Status::Cancelled {
            s.push_str("STATUS:CANCELLED\r\n");
        }
        s.push_str("END:VEVENT\r\n");
    }
    s.push_str("END:VCALENDAR\r\n");
    s
}

fn sitemap(ed: &Edition) -> String {
    let base = &ed.config().base_url;
    let mut urls: Vec<&str> = vec![
        "/",
        "/committees/",
        "/members/",
        super::attendance::PAGE_URL,
        "/search/",
    ];
    urls.extend(ed.committees().iter().map(|c| c.url.as_str()));
    urls.extend(ed.meetings().iter().map(|m| m.url.as_str()));
    urls.extend(
        ed.documents()
            .iter()
            .filter(|d| matches!(d.body, DocBody::Markdown(_)))
            .map(|d| d.url.as_str()),
    );
    urls.extend(ed.members().iter().map(|m| m.url.as_str()));
    urls.extend(ed.pages().iter().map(|p| p.url.as_str()));
    if !ed.pages().iter().any(|p| p.slug == "accessibility") {
        urls.push("/accessibility/");
    }
    let plan_urls = super::forward_plan::urls(ed);
    urls.extend(plan_urls.iter().map(String::as_str));
    let decision_urls: Vec<String> = super::decisions::pages(ed)
        .into_iter()
        .map(|p| super::decisions::url(ed, p))
        .collect();
    urls.extend(decision_urls.iter().map(String::as_str));
    let mut s = xml_head(ed);
    s.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for u in urls {
        s.push_str(&format!("<url><loc>{base}{}</loc></url>\n", escape(u)));
    }
    s.push_str("</urlset>\n");
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn ical_lines_fold_at_75_octets() {
        let folded = super::fold(&format!("SUMMARY:{}", "é".repeat(60)));
        assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded:?}");
        assert_eq!(
            folded.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "é".repeat(60))
        );
        assert_eq!(super::ical_text("a,b;c\nd"), "a\\,b\\;c\\nd");
    }
}
