//! `site.toml`: read strictly (unknown keys are errors), then validated into [`Config`].

// Config reads `site.toml`: it may touch the disk (see clippy.toml).
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::line_of_offset;
use crate::diag::{Diagnostic, Diagnostics};
use crate::schedule12a::Jurisdiction;

/// The settings file's name at the root of every site.
pub const SITE_FILE: &str = "site.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    council: String,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default)]
    jurisdiction: Option<String>,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    accessibility_contact: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    bank_holidays: Vec<toml::value::Datetime>,
    #[serde(default)]
    pdf: RawPdf,
    #[serde(default)]
    leak_gate: RawLeakGate,
    #[serde(default)]
    minutes: RawMinutes,
    #[serde(default)]
    attendance: RawAttendanceSettings,
    #[serde(default)]
    forward_plan: RawForwardPlan,
    #[serde(default)]
    call_in: RawCallIn,
}

/// `[call_in]`: how long executive decisions can be called in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCallIn {
    #[serde(default = "default_call_in_days")]
    days: u32,
    #[serde(default = "default_cut_off")]
    cut_off: String,
}

impl Default for RawCallIn {
    fn default() -> Self {
        RawCallIn {
            days: default_call_in_days(),
            cut_off: default_cut_off(),
        }
    }
}

fn default_call_in_days() -> u32 {
    5
}
fn default_cut_off() -> String {
    "16:00".into()
}

/// `[forward_plan]`: the first meeting day the forward plan rules apply to.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForwardPlan {
    #[serde(default)]
    from: Option<toml::value::Datetime>,
}

/// `[minutes]`: whether minutes not yet approved are public.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMinutes {
    #[serde(default)]
    publish_drafts: bool,
}

/// `[attendance]`: the month the municipal year begins (the annual meeting, usually May).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAttendanceSettings {
    #[serde(default)]
    year_starts: Option<String>,
}

/// `[leak_gate]`: passages and files that withheld and public papers share on purpose.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLeakGate {
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    allow_files: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPdf {
    #[serde(default = "default_paper")]
    paper: String,
    #[serde(default = "default_true")]
    duplex: bool,
}

impl Default for RawPdf {
    fn default() -> Self {
        RawPdf {
            paper: default_paper(),
            duplex: true,
        }
    }
}

fn default_language() -> String {
    "en-GB".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_paper() -> String {
    "a4".into()
}
fn default_true() -> bool {
    true
}

/// Paper sizes the pack templates know how to lay out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    A4,
    Letter,
}

/// Validated site settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub council: String,
    /// Without a trailing slash.
    pub base_url: String,
    pub language: String,
    pub jurisdiction: Jurisdiction,
    pub theme: String,
    pub accessibility_contact: Option<String>,
    pub phone: Option<String>,
    /// Extra non-working days (for example a one-off bank holiday) on top of the built-in ones.
    pub extra_bank_holidays: Vec<time::Date>,
    pub paper: Paper,
    pub duplex: bool,
    /// Passages the leak gate must not treat as withheld, though withheld papers contain
    /// them: words an officer has confirmed are public.
    pub gate_allow: Vec<String>,
    /// Files (paths under `content/`) that withheld and public papers both show on purpose,
    /// such as a logo.
    pub gate_allow_files: Vec<PathBuf>,
    /// Whether minutes not yet approved are published, marked DRAFT.
    pub publish_draft_minutes: bool,
    /// The month a municipal year begins, for attendance figures.
    pub municipal_year_start: time::Month,
    /// `[forward_plan] from`: the key decision and private meeting rules apply to
    /// meetings on or after this day; the private meeting rule only when it is set.
    pub forward_plan_from: Option<time::Date>,
    /// Working days after publication during which an executive decision can be called
    /// in, and the time of day the period ends on the last of them.
    pub call_in_days: u32,
    pub call_in_cut_off: time::Time,
}

impl Config {
    /// Settings to read the content with when site.toml itself has an error: the build
    /// still fails, but the officer hears about every problem in one run.
    pub fn fallback() -> Config {
        Config {
            title: String::new(),
            council: String::new(),
            base_url: "https://example.invalid".into(),
            language: default_language(),
            jurisdiction: Jurisdiction::England,
            theme: default_theme(),
            accessibility_contact: None,
            phone: None,
            extra_bank_holidays: Vec::new(),
            paper: Paper::A4,
            duplex: true,
            gate_allow: Vec::new(),
            gate_allow_files: Vec::new(),
            publish_draft_minutes: false,
            municipal_year_start: time::Month::May,
            forward_plan_from: None,
            call_in_days: 5,
            call_in_cut_off: time::Time::from_hms(16, 0, 0).unwrap_or(time::Time::MIDNIGHT),
        }
    }
}

/// The site `start` is in: the nearest folder at or above it that holds site.toml.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|d| d.join(SITE_FILE).is_file())
        .map(Path::to_path_buf)
}

/// Reads and checks `site.toml`. Returns `None` when it cannot be used at all.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Option<Config> {
    let path = root.join(SITE_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    SITE_FILE,
                    None,
                    format!(
                        "cannot read the site settings: {}",
                        crate::diag::plain_io(&e)
                    ),
                )
                .code("unreadable")
                .hint(format!(
                    "run quire in the folder that holds {SITE_FILE}, or pass --root DIR"
                )),
            );
            return None;
        }
    };
    parse(&text, diags)
}

/// Parses the text of `site.toml`.
pub fn parse(text: &str, diags: &mut Diagnostics) -> Option<Config> {
    let raw: RawConfig = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let line = e.span().map(|s| line_of_offset(text, s.start));
            diags.push(
                Diagnostic::error(SITE_FILE, line, e.message().trim().to_string()).code("site-settings")
                    .hint("the keys allowed are title, council, base_url, language, jurisdiction, theme, accessibility_contact, phone, bank_holidays, [pdf] paper, duplex [leak_gate] allow, allow_files, [minutes] publish_drafts, [attendance] year_starts, [forward_plan] from and [call_in] days, cut_off"),
            );
            return None;
        }
    };
    let line_of = |key: &str| {
        text.lines()
            .position(|l| l.trim_start().starts_with(key))
            .map(|i| i + 1)
    };
    let mut ok = true;
    let jurisdiction = match raw.jurisdiction.as_deref().unwrap_or("england") {
        "england" => Jurisdiction::England,
        "wales" => Jurisdiction::Wales,
        other => {
            ok = false;
            diags.push(
                Diagnostic::error(
                    SITE_FILE,
                    line_of("jurisdiction"),
                    format!("unknown jurisdiction \"{other}\""),
                )
                .code("site-settings")
                .hint("write jurisdiction = \"england\" or jurisdiction = \"wales\""),
            );
            Jurisdiction::England
        }
    };
    let paper = match raw.pdf.paper.to_ascii_lowercase().as_str() {
        "a4" => Paper::A4,
        "letter" => Paper::Letter,
        other => {
            ok = false;
            diags.push(
                Diagnostic::error(
                    SITE_FILE,
                    line_of("paper"),
                    format!("unknown paper size \"{other}\""),
                )
                .code("site-settings")
                .hint("write paper = \"a4\" (or \"letter\")"),
            );
            Paper::A4
        }
    };
    if !(raw.base_url.starts_with("https://") || raw.base_url.starts_with("http://")) {
        ok = false;
        diags.push(
            Diagnostic::error(
                SITE_FILE,
                line_of("base_url"),
                "base_url must be an absolute web address",
            )
            .code("site-settings")
            .hint("write it in full, for example base_url = \"https://democracy.example.gov.uk\""),
        );
    }
    let mut extra_bank_holidays = Vec::new();
    for d in &raw.bank_holidays {
        match d.date.and_then(|d| {
            time::Date::from_calendar_date(
                d.year as i32,
                time::Month::try_from(d.month).ok()?,
                d.day,
            )
            .ok()
        }) {
            Some(date) if d.time.is_none() => extra_bank_holidays.push(date),
            _ => {
                ok = false;
                diags.push(
                    Diagnostic::error(
                        SITE_FILE,
                        line_of("bank_holidays"),
                        format!("bank holiday {d} is not a plain date"),
                    )
                    .code("site-settings")
                    .hint("write dates as 2022-09-19, without a time"),
                );
            }
        }
    }
    let municipal_year_start = match raw.attendance.year_starts.as_deref() {
        None => time::Month::May,
        Some(name) => month_named(name).unwrap_or_else(|| {
            ok = false;
            diags.push(
                Diagnostic::error(
                    SITE_FILE,
                    line_of("year_starts"),
                    format!("\"{name}\" is not the name of a month"),
                )
                .code("site-settings")
                .hint(
                    "write the month the municipal year begins, for example year_starts = \"May\"",
                ),
            );
            time::Month::May
        }),
    };
    let forward_plan_from = match raw.forward_plan.from {
        None => None,
        Some(d) => {
            let date = d.date.filter(|_| d.time.is_none()).and_then(|d| {
                time::Date::from_calendar_date(
                    d.year as i32,
                    time::Month::try_from(d.month).ok()?,
                    d.day,
                )
                .ok()
            });
            if date.is_none() {
                ok = false;
                diags.push(
                    Diagnostic::error(SITE_FILE, line_of("from"), format!("[forward_plan] from = {d} is not a plain date"))
                        .code("site-settings")
                        .hint("write the first meeting day the forward plan rules apply to, for example from = 2021-01-01"),
                );
            }
            date
        }
    };
    let call_in_cut_off = crate::text::parse_time(&raw.call_in.cut_off).unwrap_or_else(|| {
        ok = false;
        diags.push(
            Diagnostic::error(
                SITE_FILE,
                line_of("cut_off"),
                format!(
                    "[call_in] cut_off = \"{}\" is not a time",
                    raw.call_in.cut_off
                ),
            )
            .code("site-settings")
            .hint("write the time in 24-hour form in quotes, for example cut_off = \"16:00\""),
        );
        time::Time::MIDNIGHT
    });
    if !ok {
        return None;
    }
    // A comment is a note to the officer, in site.toml as anywhere else: never published.
    let text = |s: String| crate::comments::strip_inline(&s);
    Some(Config {
        title: text(raw.title),
        council: text(raw.council),
        base_url: raw.base_url.trim_end_matches('/').to_string(),
        language: raw.language,
        jurisdiction,
        theme: raw.theme,
        accessibility_contact: raw.accessibility_contact.map(text),
        phone: raw.phone.map(text),
        extra_bank_holidays,
        paper,
        duplex: raw.pdf.duplex,
        gate_allow: raw.leak_gate.allow,
        gate_allow_files: raw
            .leak_gate
            .allow_files
            .iter()
            .map(|f| PathBuf::from(f.trim_start_matches("content/")))
            .collect(),
        publish_draft_minutes: raw.minutes.publish_drafts,
        municipal_year_start,
        forward_plan_from,
        call_in_days: raw.call_in.days,
        call_in_cut_off,
    })
}

/// "May", "may" or "5" as a month.
fn month_named(name: &str) -> Option<time::Month> {
    let name = name.trim();
    if let Ok(n) = name.parse::<u8>() {
        return time::Month::try_from(n).ok();
    }
    let mut month = time::Month::January;
    for _ in 0..12 {
        let full = month.to_string();
        if full.eq_ignore_ascii_case(name)
            || (name.len() >= 3
                && full
                    .to_ascii_lowercase()
                    .starts_with(&name.to_ascii_lowercase()))
        {
            return Some(month);
        }
        month = month.next();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "title = \"Papers\"\ncouncil = \"Durham County Council\"\nbase_url = \"https://x.example/\"\njurisdiction = \"wales\"\n[pdf]\nduplex = false\n";

    #[test]
    fn reads_a_valid_file() {
        let mut d = Diagnostics::default();
        let c = parse(GOOD, &mut d).expect("valid");
        assert_eq!(c.jurisdiction, Jurisdiction::Wales);
        assert_eq!(c.base_url, "https://x.example");
        assert!(!c.duplex);
        assert_eq!(c.paper, Paper::A4);
    }

    #[test]
    fn unknown_key_is_an_error_with_its_line() {
        let mut d = Diagnostics::default();
        let text = format!("{GOOD}\ncolour = \"red\"\n");
        let text = text
            .replace("[pdf]\nduplex = false\n", "")
            .replace("\ncolour", "colour");
        assert!(parse(&text, &mut d).is_none());
        let all = d.sorted();
        assert_eq!(all.len(), 1);
        assert!(all[0].message.contains("colour"), "{}", all[0].message);
        assert_eq!(all[0].line, Some(5));
    }

    #[test]
    fn municipal_year_month_by_name_or_number() {
        assert_eq!(month_named("May"), Some(time::Month::May));
        assert_eq!(month_named("sept"), Some(time::Month::September));
        assert_eq!(month_named("4"), Some(time::Month::April));
        assert_eq!(month_named("Mayday"), None);
        assert_eq!(month_named("13"), None);
        let mut d = Diagnostics::default();
        let text = format!("{GOOD}[attendance]\nyear_starts = \"Smarch\"\n");
        assert!(parse(&text, &mut d).is_none());
        assert!(d.sorted()[0].message.contains("Smarch"));
    }

    #[test]
    fn bad_jurisdiction_is_an_error() {
        let mut d = Diagnostics::default();
        assert!(parse(&GOOD.replace("wales", "scotland"), &mut d).is_none());
        assert!(d.sorted()[0].message.contains("scotland"));
    }
}
