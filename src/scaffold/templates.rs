//! The text of every starting file. Each key is explained in plain English beside it:
//! `#` comments in YAML and TOML, `<!-- -->` comments in Markdown. quire never publishes
//! either kind.

use super::items::quoted;
use crate::model::Kind;
use crate::text::{iso_date, long_date, short_date};

/// `site.toml` of a new site.
pub fn site_toml() -> String {
    r##"# Settings for the whole site. Lines starting with # are notes for you: quire ignores them.
# Text goes in double quotes. Every key is explained in docs/authoring.md.

# The name of the website, shown in the header of every page.
title = "Committee papers"

# Your council's name, shown on every page and on the front of every agenda pack.
council = "Example Council"

# The full web address the site will be published at, starting https://.
# It is used in the news feed, the calendar, the sitemap and links in the agenda packs.
base_url = "https://democracy.example.gov.uk"

# The language of the pages, for screen readers. Leave as "en-GB" (or "cy" for Welsh).
language = "en-GB"

# "england" or "wales". Decides which Schedule 12A paragraphs may be used (1 to 7 in
# England, 12 to 18 in Wales) and how much notice the law needs before a meeting
# (five clear working days in England, three in Wales).
jurisdiction = "england"

# The look of the site. "default" is built into quire.
theme = "default"

# Shown in the accessibility statement quire writes at /accessibility/.
accessibility_contact = "democratic.services@example.gov.uk"
phone = "01234 567890"

# Extra days off that are not built-in bank holidays, without quotes, for example
# bank_holidays = [2029-05-08]. quire already knows the usual bank holidays.
# bank_holidays = []

# Agenda packs. Keep these two keys below the [pdf] line, and every other key above it.
[pdf]
# "a4", or "letter" for US Letter paper.
paper = "a4"
# true for double-sided printing: each document starts on a right-hand page.
duplex = true
"##
    .to_string()
}

/// `.gitignore` of a new site: what quire writes is never saved with the sources.
pub fn gitignore() -> String {
    "# Folders quire writes itself. Never share confidential/: it is NOT FOR PUBLICATION.\n\
     /output/\n/confidential/\n/preview/\n/.quire-cache/\n\
     # Beside each of them: a lock, a standby copy of the site and the manifests.\n\
     /.output.*\n/.confidential.*\n/.preview.*\n"
        .to_string()
}

/// The one councillor of a new site.
pub fn member() -> String {
    r#"# One councillor. The file name (a-n-other) is how other files refer to them,
# and their web address: /members/a-n-other/. Make one file per councillor.

# Their name as it should appear on the site and in agenda packs.
name: Councillor A N Other

# Political party or group. Optional: delete the line if not wanted.
party: Independent

# Electoral division or ward. Optional.
division: Example Division
"#
    .to_string()
}

/// `committee.yaml`. `example_member` is a member file name to show in the comments.
pub fn committee(name: &str, members: &[String], example_member: Option<&str>) -> String {
    let mut s = format!(
        "# This committee. Its folder name is its web address. Lines starting with # are\n\
         # notes for you: quire ignores them.\n\
         \n\
         # The committee's name, as the public sees it.\n\
         name: {}\n\
         \n\
         # What the committee is for, in a few sentences. You can use Markdown, such as\n\
         # **bold** and links. Remove the # from the lines below to use it.\n\
         # description: >-\n\
         #   The committee makes sure that ...\n\
         \n\
         # The members, in the order they are listed. Each member: is the file name of a\n\
         # councillor in content/members/ (without .yaml); role: is optional (a member\n\
         # with no role is shown as \"Member\").\n",
        quoted(name)
    );
    if members.is_empty() {
        let m = example_member.unwrap_or("a-n-other");
        s.push_str(&format!(
            "# Replace [] with the list, one member a line, like this:\n\
             #   members:\n\
             #     - {{ member: {m}, role: Chair }}\n\
             #     - {{ member: another-councillor }}\n\
             members: []\n"
        ));
    } else {
        s.push_str("members:\n");
        for (i, m) in members.iter().enumerate() {
            if i == 0 {
                s.push_str(&format!("  - {{ member: {m}, role: Chair }}\n"));
            } else {
                s.push_str(&format!("  - {{ member: {m} }}\n"));
            }
        }
    }
    s.push_str(
        "\n\
         # Who the public should contact about this committee. Only name: is required.\n\
         # clerk: { name: Jane Smith, email: jane.smith@example.gov.uk, phone: \"01234 567890\" }\n",
    );
    s
}

/// What a new meeting.yaml is made from.
pub struct MeetingText<'a> {
    pub date: time::Date,
    /// The start time, when known (from the committee's last meeting).
    pub time: Option<&'a str>,
    pub venue: &'a str,
    /// The latest date that gives enough notice, and the days needed.
    pub latest: Option<time::Date>,
    pub notice_days: u32,
    /// Write `agenda_published:` with this date (a new site's sample meeting), or leave it
    /// for the officer.
    pub published: Option<time::Date>,
    /// The last meeting's folder and date, when it has minutes to approve.
    pub previous_minutes: Option<(&'a str, time::Date)>,
    /// A member file name to show in the attendance example.
    pub example_member: &'a str,
}

/// `meeting.yaml`.
pub fn meeting(m: &MeetingText) -> String {
    let latest = m.latest.map(iso_date);
    let latest_words = m
        .latest
        .map(|d| format!("{} ({})", long_date(d), iso_date(d)))
        .unwrap_or_else(|| "the date that gives enough notice".into());
    let mut s = format!(
        "# One meeting. The folder name is the meeting's date. Lines starting with # are notes\n\
         # for you: quire ignores them. Every key is explained in docs/authoring.md.\n\
         \n\
         # The meeting's date, YYYY-MM-DD. It must match the folder name.\n\
         date: {date}\n\
         \n\
         # The start time, 24-hour, in quotes: \"09:30\", \"14:00\".\n\
         {time}\n\
         \n\
         # Where the meeting is held.\n\
         venue: {venue}\n\
         \n\
         # scheduled (not held yet), held, cancelled or postponed.\n\
         status: scheduled\n\
         \n\
         # The date the papers go public, YYYY-MM-DD. Until then the public sees only the\n\
         # date, time, venue and status; the agenda, papers and pack appear on the first\n\
         # build on or after this date.\n\
         #\n\
         # The law needs the papers to be public at least {days} clear working days before the\n\
         # meeting, not counting the day they are published, the day of the meeting,\n\
         # weekends or bank holidays. For this meeting that means publishing on or before\n\
         # {latest_words}.\n\
         # quire warns you while this is not set, and if the date gives too little notice.\n",
        date = iso_date(m.date),
        time = match m.time {
            Some(t) => format!("time: {}", quoted(t)),
            None => "# time: \"10:00\"".to_string(),
        },
        venue = quoted(m.venue),
        days = m.notice_days,
    );
    match (m.published, &latest) {
        (Some(p), _) => s.push_str(&format!("agenda_published: {}\n", iso_date(p))),
        (None, Some(l)) => s.push_str(&format!("# agenda_published: {l}\n")),
        (None, None) => s.push_str("# agenda_published: YYYY-MM-DD\n"),
    }
    s.push_str(&format!(
        "\n\
         # Who attended, added once the meeting has been held. Each name is a councillor's\n\
         # file name in content/members/. Remove the # from these lines to use them.\n\
         # attendance:\n\
         #   present: [{em}]\n\
         #   apologies: []\n\
         #   absent: []\n\
         #   substitutes: [] # each one written {{ member: who-attended, for: who-they-replaced }}\n\
         #   officers: [\"Jane Smith, Democratic Services Officer\"]\n\
         \n\
         # The agenda, in order. quire numbers the items 1, 2, 3. Each item starts with\n\
         # \"- title:\". Put a title in double quotes if it contains a colon.\n\
         #   documents: lists the item's papers, by file name (quire new document adds them).\n\
         #   body: is a short text shown under the item.\n\
         #   exempt: [1] takes the item in private under Schedule 12A (see docs/authoring.md).\n\
         items:\n\
         \x20 - title: Apologies for absence\n\
         \x20 - title: Declarations of interest\n\
         \x20   body: Members are asked to declare any interest in an item on this agenda.\n",
        em = m.example_member,
    ));
    if let Some((folder, date)) = m.previous_minutes {
        s.push_str(&format!(
            "  - title: {}\n    documents: [../{folder}/minutes.md]\n",
            quoted(&format!(
                "Minutes of the meeting held on {}",
                short_date(date)
            ))
        ));
    }
    s
}

/// What a new document is made from.
pub struct DocumentText<'a> {
    pub kind: Kind,
    pub title: &'a str,
    pub committee: &'a str,
    pub date: Option<time::Date>,
    /// Today, the date of a letter.
    pub today: time::Date,
    /// The meeting's agenda items, for the headings of minutes.
    pub items: &'a [Heading],
}

/// An agenda item as the minutes head its minute.
pub struct Heading {
    /// Its number on the agenda: the minutes name an item by it, so an exempt item's
    /// minute is found (and kept out of the public minutes) whatever the agenda numbers.
    pub number: String,
    pub title: String,
    pub exempt: bool,
}

const DRAFT: &str = "# A draft is left out of the public site. Delete this line (or write draft: false)\n\
# when the paper has been cleared for publication.\n\
draft: true\n";

/// What the minutes of an exempt item start with: a note, which neither edition shows.
const EXEMPT_MINUTE: &str = "<!-- Write the minute of this exempt item here. The public minutes show the\n\
item's minutes_summary from meeting.yaml in its place; the members' edition shows this. -->\n";

const NOTE: &str = "<!-- Notes between these marks are for you: quire never publishes them, in either\n\
edition. Replace the example text below with your own. -->\n";

/// A document, front matter and text.
pub fn document(d: &DocumentText) -> String {
    let mut s = String::from("---\n");
    s.push_str(&format!(
        "# Settings for this document. Lines starting with # are notes for you.\n\
         # The title, as it appears on the agenda, the web page and the pack.\n\
         title: {}\n\
         # The layout: report, minutes, letter, annual-report, presentation or other.\n\
         kind: {}\n",
        quoted(d.title),
        d.kind.name()
    ));
    let contact = "# Who to contact about this paper. Only name: is required.\n\
                   contact: { name: Jane Smith, email: jane.smith@example.gov.uk, phone: \"01234 567890\" }\n";
    let exempt = "# To take this paper in private under Schedule 12A, write the paragraph numbers,\n\
                  # for example exempt: [3], and give it a public_title: the public may see.\n\
                  # The item that lists it in meeting.yaml is public under its own title: give\n\
                  # it the same public_title: too.\n";
    match d.kind {
        Kind::Report => {
            s.push_str(
                "# The officer the report is from, with their job title.\n\
                 report_of: \"Name, Job title\"\n\
                 # The electoral divisions affected, as text: None, All, or their names.\n\
                 divisions: None\n\
                 # The background papers the report relied on (section 100D), or None. List them as\n\
                 # - { title: \"...\", inspect: \"Democratic Services, Council Offices\" }\n\
                 background_papers: None\n",
            );
            s.push_str(contact);
            s.push_str(exempt);
            s.push_str(DRAFT);
        }
        Kind::Minutes => {
            s.push_str(
                "# Minutes show the attendance from meeting.yaml at the top, so record it there.\n\
                 # Minutes are a draft until a later meeting approves them: then replace the\n\
                 # next line with that meeting's folder name, for example approved_at: 2021-11-10.\n\
                 status: draft\n",
            );
        }
        Kind::Letter => {
            s.push_str(&format!(
                "# The sender's address, one line per line.\n\
                 from: |\n  Example Council\n  Council Offices\n  Town\n  AB1 2CD\n\
                 # The recipient's address.\n\
                 to: |\n  Recipient's name\n  Their address\n\
                 # The date of the letter, YYYY-MM-DD.\n\
                 date: {}\n\
                 # The sign-off and signature.\n\
                 signed: |\n  Yours sincerely\n\n  Name\n  Job title\n",
                iso_date(d.today)
            ));
            s.push_str(exempt);
            s.push_str(DRAFT);
        }
        Kind::AnnualReport | Kind::Presentation | Kind::Other => {
            s.push_str("# Optional: who to contact about this paper.\n# contact: { name: Jane Smith, email: jane.smith@example.gov.uk }\n");
            s.push_str(exempt);
            s.push_str(DRAFT);
        }
    }
    s.push_str("---\n\n");
    s.push_str(NOTE);
    s.push('\n');
    s.push_str(&body(d));
    s
}

fn body(d: &DocumentText) -> String {
    match d.kind {
        Kind::Report => format!(
            "<!-- Every paragraph is numbered 1, 2, 3 through the report, so members can refer\n\
             to \"paragraph 4\". Headings are not numbered. -->\n\
             \n\
             ## Purpose of the report\n\
             \n\
             Say in one or two sentences what the report is about.\n\
             \n\
             ## Executive summary\n\
             \n\
             Summarise the main points for members.\n\
             \n\
             ## Recommendations\n\
             \n\
             <!-- A numbered list is shown as (a), (b), (c). -->\n\
             \n\
             Members of the {committee} are recommended:\n\
             \n\
             1. to note the report;\n\
             2. to agree ...\n\
             \n\
             ## Background\n\
             \n\
             Give the background members need.\n\
             \n\
             ## Implications\n\
             \n\
             Set out the financial, legal, staffing, equality and other implications.\n\
             \n\
             ## Background papers\n\
             \n\
             <!-- The law requires a list of the unpublished papers the report relies on. Write\n\
             \"None\" if there are none. A PDF appendix goes in this meeting's files/ folder and\n\
             in the item's documents: in meeting.yaml. -->\n\
             \n\
             - None.\n",
            committee = d.committee
        ),
        Kind::Minutes => {
            let mut s = format!(
                "<!-- One heading per agenda item, starting ## and the item's number on the agenda\n\
                 (\"## 5a Fostering\"): quire finds each item's minute by its number.\n\
                 A paragraph starting **Resolved** is shown as a decision. -->\n\
                 \n\
                 <!-- quire starts the minutes itself with \"At a meeting of the {} held at ...\n\
                 on {}\" and the attendance recorded in meeting.yaml. -->\n",
                d.committee,
                d.date.map(long_date).unwrap_or_default()
            );
            let heading = |number: &str, title: &str| Heading {
                number: number.into(),
                title: title.into(),
                exempt: false,
            };
            let defaults = [
                heading("1", "Apologies for absence"),
                heading("2", "Declarations of interest"),
            ];
            let items = if d.items.is_empty() {
                &defaults[..]
            } else {
                d.items
            };
            for item in items {
                // An exempt minute's words are withheld, so the gate stops any public
                // minutes that repeat them: the same example text under every heading
                // would stop every public build until each minute was rewritten.
                let text = if item.exempt {
                    EXEMPT_MINUTE
                } else {
                    "What was said and done.\n"
                };
                s.push_str(&format!(
                    "\n## {} {}\n\n{text}",
                    item.number,
                    item.title.replace(['\n', '\r'], " ")
                ));
            }
            s.push_str("\n**Resolved:** That the report be noted.\n");
            s
        }
        Kind::Letter => {
            "<!-- The addresses, date and signature come from the settings above. -->\n\
             \n\
             Dear ...\n\
             \n\
             Write the letter here.\n"
                .to_string()
        }
        Kind::AnnualReport => {
            "<!-- The web page starts with a contents list made from the ## headings. -->\n\
             \n\
             ## Foreword\n\
             \n\
             A short introduction.\n\
             \n\
             ## The year in summary\n\
             \n\
             What was achieved.\n\
             \n\
             ## Priorities for next year\n\
             \n\
             What comes next.\n"
                .to_string()
        }
        Kind::Presentation => {
            "<!-- Each ## heading starts a new slide, numbered \"Slide 1 of 3\". In the pack each\n\
             slide is printed on its own page. -->\n\
             \n\
             ## Introduction\n\
             \n\
             - The first point\n\
             - The second point\n\
             \n\
             ## Key findings\n\
             \n\
             - A finding\n\
             \n\
             ## Questions\n\
             \n\
             Any questions?\n"
                .to_string()
        }
        Kind::Other => "## Introduction\n\
             \n\
             Write the document here, in Markdown.\n"
            .to_string(),
    }
}
