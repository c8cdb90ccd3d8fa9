//! The typed contexts templates see. Each is built from the edition alone; a field that
//! is not here cannot be printed.

use serde::Serialize;

use crate::model::text::{clock_time, long_date, short_date};
use crate::redact::{BackgroundView, Edition, MeetingView, Notice, Papers};
use crate::render::wording;

#[derive(Serialize)]
pub struct SiteCtx {
    pub title: String,
    pub council: String,
    pub language: String,
    pub base_url: String,
    pub confidential: bool,
    pub as_of: String,
    pub has_accessibility_page: bool,
    pub nav: Vec<Link>,
    /// The site's free pages (other than the accessibility statement), for the footer.
    pub pages: Vec<Link>,
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub url: String,
}

impl Link {
    pub fn new(title: impl Into<String>, url: impl Into<String>) -> Self {
        Link {
            title: title.into(),
            url: url.into(),
        }
    }
}

#[derive(Serialize, Clone)]
pub struct NoticeCtx {
    pub text: String,
    pub numbers: String,
    /// "paragraph 1" or "paragraphs 1 and 2"
    pub label: String,
    pub paragraphs: Vec<ParagraphCtx>,
    pub reason: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct ParagraphCtx {
    pub number: u32,
    pub category: String,
}

/// A report's background papers (s100D), as a document's page and a decision's page
/// list them: exempt papers are already left out of the public edition's view.
#[derive(Serialize)]
pub struct BackgroundCtx {
    pub heading: &'static str,
    /// The officer wrote "None".
    pub none: bool,
    pub papers: Vec<PaperCtx>,
}

#[derive(Serialize)]
pub struct PaperCtx {
    pub title: String,
    pub link: Option<String>,
    /// Where and when it can be inspected, in words.
    pub inspect: Option<String>,
    /// Members' edition only: the paper is exempt.
    pub marking: Option<NoticeCtx>,
}

impl From<&BackgroundView> for BackgroundCtx {
    fn from(b: &BackgroundView) -> Self {
        let papers = match b {
            BackgroundView::None => Vec::new(),
            BackgroundView::Papers(list) => list
                .iter()
                .map(|p| PaperCtx {
                    title: p.title.clone(),
                    link: p.link.clone(),
                    inspect: p.inspect.as_deref().map(wording::inspect_at),
                    marking: p.marking.as_ref().map(NoticeCtx::from),
                })
                .collect(),
        };
        BackgroundCtx {
            heading: wording::BACKGROUND_PAPERS,
            none: matches!(b, BackgroundView::None),
            papers,
        }
    }
}

impl From<&Notice> for NoticeCtx {
    fn from(n: &Notice) -> Self {
        NoticeCtx {
            text: n.text.clone(),
            numbers: n.numbers(),
            label: {
                let nums: Vec<String> = n.paragraphs.iter().map(|p| p.number.to_string()).collect();
                let word = if nums.len() == 1 {
                    "paragraph"
                } else {
                    "paragraphs"
                };
                format!("{word} {}", crate::model::text::and_list(&nums))
            },
            paragraphs: n
                .paragraphs
                .iter()
                .map(|p| ParagraphCtx {
                    number: p.number,
                    category: p.category.clone(),
                })
                .collect(),
            reason: n.reason.clone(),
        }
    }
}

/// A meeting as it appears in lists.
#[derive(Serialize, Clone)]
pub struct MeetingLink {
    pub url: String,
    pub committee: String,
    pub title: String,
    pub date: String,
    pub iso_date: String,
    pub time: String,
    pub venue: String,
    pub status: String,
    pub status_class: String,
    pub papers: String,
}

pub fn status_class(m: &MeetingView) -> &'static str {
    use crate::model::Status::*;
    match m.status {
        Scheduled => "tag--blue",
        Held => "tag--green",
        Cancelled => "tag--red",
        Postponed => "tag--yellow",
    }
}

pub fn papers_text(p: Papers) -> String {
    match p {
        Papers::Published(d) => format!("Papers published on {}", short_date(d)),
        Papers::NotYet(d) => format!("Papers will be published on {}", short_date(d)),
        Papers::NotScheduled => "Papers have not been published yet".to_string(),
    }
}

pub fn meeting_link(ed: &Edition, m: &MeetingView) -> MeetingLink {
    MeetingLink {
        url: m.url.clone(),
        committee: ed.committees()[m.committee].name.clone(),
        title: ed.meeting_title(m),
        date: format!("{}{}", long_date(m.date), m.suffix()),
        iso_date: crate::model::text::iso_date(m.date),
        time: m.time.map(clock_time).unwrap_or_default(),
        venue: m.venue.clone(),
        status: m.status.label().to_string(),
        status_class: status_class(m).to_string(),
        papers: papers_text(m.papers),
    }
}

/// "1.2 MB"
pub fn human_size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if bytes < 1024 * 1024 {
        format!("{:.0} KB", (bytes as f64 / 1024.0).ceil())
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes() {
        assert_eq!(super::human_size(500), "500 bytes");
        assert_eq!(super::human_size(2048), "2 KB");
        assert_eq!(super::human_size(1_572_864), "1.5 MB");
    }
}
