//! Attendance figures as a reader sees them: the tables on a councillor's page, the
//! councillors' attendance page, the spreadsheet beside it, and how membership dates in
//! committee.yaml change which meetings a councillor was expected at.

use crate::common::site::Site;
use crate::common::{build, build_ok, read, stderr};

/// The build date: the papers of every meeting below are out.
const AS_OF: &str = "2022-10-01";

const PANEL: &str = "name: Corporate Parenting Panel\nmembers:\n  - { member: a-chair, role: Chair }\n  - { member: b-vice, to: 2021-09-30 }\n  - { member: c-member }\n  - { member: d-new, from: 2021-10-01 }\n";

/// Two committees. On the Panel, b-vice left at the end of September 2021 and d-new
/// joined on 1 October; e-sub sat on neither but once attended for c-member.
fn site() -> Site {
    let site = Site::new("attendance");
    for (slug, name) in [
        ("a-chair", "Councillor A Chair"),
        ("b-vice", "Councillor B Vice"),
        ("c-member", "Councillor C Member"),
        ("d-new", "Councillor D New"),
        ("e-sub", "Councillor E Sub, MBE"),
    ] {
        site.write(
            &format!("content/members/{slug}.yaml"),
            &format!("name: \"{name}\"\n"),
        );
    }
    site.write("content/committees/panel/committee.yaml", PANEL);
    site.write(
        "content/committees/cabinet/committee.yaml",
        "name: Cabinet\nmembers:\n  - { member: a-chair, role: Leader }\n",
    );
    meeting(
        &site,
        "cabinet",
        "2021-07-01",
        "held",
        "  present: [a-chair]\n",
    );
    // The first day of the municipal year 2021/22.
    meeting(
        &site,
        "panel",
        "2021-05-01",
        "held",
        "  present: [a-chair, b-vice]\n  apologies: [c-member]\n  substitutes: [{ member: e-sub, for: c-member }]\n",
    );
    // c-member is named nowhere: not recorded.
    meeting(
        &site,
        "panel",
        "2021-09-24",
        "held",
        "  present: [a-chair]\n  absent: [b-vice]\n",
    );
    meeting(&site, "panel", "2021-10-20", "cancelled", "");
    meeting(
        &site,
        "panel",
        "2021-11-10",
        "held",
        "  present: [a-chair, c-member, d-new]\n",
    );
    // The last day of 2021/22, and a meeting of 2022/23.
    meeting(
        &site,
        "panel",
        "2022-04-30",
        "held",
        "  present: [a-chair, d-new]\n  apologies: [c-member]\n",
    );
    meeting(
        &site,
        "panel",
        "2022-06-01",
        "held",
        "  present: [a-chair, c-member, d-new]\n",
    );
    site
}

/// A meeting, its papers published a week before, with this attendance.
fn meeting(site: &Site, committee: &str, day: &str, status: &str, attendance: &str) {
    let published = quire::text::parse_date(day).unwrap() - time::Duration::days(7);
    let attendance = if attendance.is_empty() {
        String::new()
    } else {
        format!("attendance:\n{attendance}")
    };
    site.write(
        &format!("content/committees/{committee}/{day}/meeting.yaml"),
        &format!(
            "date: {day}\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: {status}\nagenda_published: {}\n{attendance}items:\n  - title: Apologies for absence\n",
            quire::text::iso_date(published)
        ),
    );
}

/// The rows of every table on a page, each as its cells' text joined by " | ", under the
/// caption of its table.
fn tables(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for table in html.split("<table").skip(1) {
        let table = table.split("</table>").next().unwrap_or("");
        if let Some(caption) = table.split("<caption").nth(1) {
            out.push(format!(
                "# {}",
                text(caption.split("</caption>").next().unwrap())
            ));
        }
        for row in table.split("<tr").skip(1) {
            let row = row.split("</tr>").next().unwrap_or("");
            let cells: Vec<String> = row
                .split("</t")
                .map(text)
                .filter(|c| !c.is_empty())
                .collect();
            out.push(cells.join(" | "));
        }
    }
    out
}

/// The text of a piece of markup, without its tags.
fn text(markup: &str) -> String {
    let mut out = String::new();
    let mut in_tag = true;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#39;", "'")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

const HEAD: &str =
    "Expected | Present | Apologies | Absent | Not recorded | Substituted | As substitute";

#[test]
fn a_councillors_page_shows_each_years_figures_committee_by_committee() {
    let site = site();
    build_ok(site.path(), AS_OF, &[]);
    let out = site.path().join("output");
    let chair = read(&out.join("members/a-chair/index.html"));
    let figures: Vec<String> = tables(&chair);
    assert_eq!(
        figures[..10],
        [
            "# Attendance in 2022/23".to_string(),
            format!("Committee | {HEAD}"),
            "Corporate Parenting Panel | 1 | 1 | 0 | 0 | 0 | 0 | 0".into(),
            "# Attendance in 2021/22".into(),
            format!("Committee | {HEAD}"),
            "Cabinet | 1 | 1 | 0 | 0 | 0 | 0 | 0".into(),
            "Corporate Parenting Panel | 4 | 4 | 0 | 0 | 0 | 0 | 0".into(),
            "All committees | 5 | 5 | 0 | 0 | 0 | 0 | 0".into(),
            // The list of meetings is still there.
            "# Meetings attended or with apologies sent".into(),
            "Meeting | Attendance".into(),
        ],
        "{figures:#?}"
    );
    assert!(chair.contains(
        "<th scope=\"row\"><a href=\"/committees/panel/\">Corporate Parenting Panel</a></th>"
    ));
    assert!(chair.contains("which runs from 1 May to 30 April"));
    assert!(chair.contains("href=\"/members/attendance/#how-the-figures-are-counted\""));
    // Apologies twice, present once, and one meeting where the record does not say.
    let member = tables(&read(&out.join("members/c-member/index.html")));
    assert!(
        member.contains(&"Corporate Parenting Panel | 4 | 1 | 2 | 0 | 1 | 1 | 0".to_string()),
        "{member:#?}"
    );
    // A substitute was not expected, and is counted as one.
    let sub = read(&out.join("members/e-sub/index.html"));
    let sub_tables = tables(&sub);
    assert_eq!(
        sub_tables[..3],
        [
            "# Attendance in 2021/22".to_string(),
            format!("Committee | {HEAD}"),
            "Corporate Parenting Panel | 0 | 0 | 0 | 0 | 0 | 0 | 1".into(),
        ]
    );
    assert!(sub.contains("Present as substitute"));
}

#[test]
fn membership_dates_decide_who_was_expected() {
    let site = site();
    build_ok(site.path(), AS_OF, &[]);
    let out = site.path().join("output");
    // b-vice left on 30 September 2021: expected at the two meetings before.
    let left = tables(&read(&out.join("members/b-vice/index.html")));
    assert_eq!(
        left[..3],
        [
            "# Attendance in 2021/22".to_string(),
            format!("Committee | {HEAD}"),
            "Corporate Parenting Panel | 2 | 1 | 0 | 1 | 0 | 0 | 0".into(),
        ]
    );
    // d-new joined on 1 October 2021: expected at the two meetings after.
    let joined = tables(&read(&out.join("members/d-new/index.html")));
    assert!(joined.contains(&"Corporate Parenting Panel | 2 | 2 | 0 | 0 | 0 | 0 | 0".to_string()));
    // Without the dates, both are expected all year, and the meetings the record does
    // not name them at show as not recorded.
    site.write(
        "content/committees/panel/committee.yaml",
        &PANEL
            .replace(", to: 2021-09-30", "")
            .replace(", from: 2021-10-01", ""),
    );
    build_ok(site.path(), AS_OF, &[]);
    let left = tables(&read(&out.join("members/b-vice/index.html")));
    assert!(
        left.contains(&"Corporate Parenting Panel | 4 | 1 | 0 | 1 | 2 | 0 | 0".to_string()),
        "{left:#?}"
    );
    let joined = tables(&read(&out.join("members/d-new/index.html")));
    assert!(
        joined.contains(&"Corporate Parenting Panel | 4 | 2 | 0 | 0 | 2 | 0 | 0".to_string()),
        "{joined:#?}"
    );
}

#[test]
fn attendance_that_disagrees_with_the_membership_is_a_warning() {
    let site = site();
    // d-new joined on 1 December 2021 by these dates, but is recorded present on 10
    // November; and e-sub is listed as present instead of as a substitute.
    site.write(
        "content/committees/panel/committee.yaml",
        &PANEL.replace("from: 2021-10-01", "from: 2021-12-01"),
    );
    meeting(
        &site,
        "panel",
        "2022-06-01",
        "held",
        "  present: [a-chair, c-member, d-new, e-sub]\n",
    );
    let out = build(site.path(), AS_OF, &[]);
    assert!(out.status.success(), "a warning does not stop the build");
    let err = stderr(&out);
    assert!(
        err.contains("warning: content/committees/panel/2021-11-10/meeting.yaml:7: \"d-new\" is recorded under present, but was not a member of this committee on 10 November 2021"),
        "{err}"
    );
    assert!(
        err.contains("where their membership runs from 1 December 2021"),
        "{err}"
    );
    assert!(
        err.contains("warning: content/committees/panel/2022-06-01/meeting.yaml:7: \"e-sub\" is recorded under present, but was not a member of this committee on 1 June 2022"),
        "{err}"
    );
    assert!(
        err.contains("add them to members: in content/committees/panel/committee.yaml"),
        "{err}"
    );
    assert!(
        err.contains("list them under substitutes: instead"),
        "{err}"
    );
    // The figures follow the membership: the meeting before d-new joined is not counted.
    let joined = tables(&read(&site.path().join("output/members/d-new/index.html")));
    assert!(
        joined.contains(&"Corporate Parenting Panel | 1 | 1 | 0 | 0 | 0 | 0 | 0".to_string()),
        "{joined:#?}"
    );
}

#[test]
fn the_attendance_page_lists_every_councillor_year_by_year() {
    let site = site();
    build_ok(site.path(), AS_OF, &[]);
    let out = site.path().join("output");
    let index = read(&out.join("members/index.html"));
    assert!(
        index.contains("<a href=\"/members/attendance/\">Councillors' attendance at meetings</a>"),
        "{index}"
    );
    let page = read(&out.join("members/attendance/index.html"));
    assert!(
        page.contains("<h1>Councillors&#39; attendance</h1>"),
        "{page}"
    );
    assert!(page.contains("A municipal year runs from 1 May to 30 April."));
    assert!(page.contains("<a href=\"/members/attendance.csv\">a spreadsheet (CSV, "));
    assert!(page.contains("<h2 id=\"how-the-figures-are-counted\">"));
    assert!(page.contains("<h2>2022/23</h2>") && page.contains("<h2>2021/22</h2>"));
    assert!(
        page.find("<h2>2022/23</h2>") < page.find("<h2>2021/22</h2>"),
        "newest year first"
    );
    assert_eq!(
        tables(&page),
        [
            "# Councillors' attendance in 2022/23, all committees".to_string(),
            format!("Councillor | {HEAD}"),
            "Councillor A Chair | 1 | 1 | 0 | 0 | 0 | 0 | 0".into(),
            "Councillor C Member | 1 | 1 | 0 | 0 | 0 | 0 | 0".into(),
            "Councillor D New | 1 | 1 | 0 | 0 | 0 | 0 | 0".into(),
            "# Councillors' attendance in 2021/22, all committees".into(),
            format!("Councillor | {HEAD}"),
            "Councillor A Chair | 5 | 5 | 0 | 0 | 0 | 0 | 0".into(),
            "Councillor B Vice | 2 | 1 | 0 | 1 | 0 | 0 | 0".into(),
            "Councillor C Member | 4 | 1 | 2 | 0 | 1 | 1 | 0".into(),
            "Councillor D New | 2 | 2 | 0 | 0 | 0 | 0 | 0".into(),
            "Councillor E Sub, MBE | 0 | 0 | 0 | 0 | 0 | 0 | 1".into(),
        ]
    );
    assert!(
        page.contains("<th scope=\"row\"><a href=\"/members/b-vice/\">Councillor B Vice</a></th>")
    );
}

#[test]
fn the_spreadsheet_has_a_row_for_each_councillor_year_and_committee() {
    let site = site();
    build_ok(site.path(), AS_OF, &[]);
    let csv = read(&site.path().join("output/members/attendance.csv"));
    assert_eq!(
        csv,
        "Municipal year,Year begins,Councillor,Councillor ID,Committee,Committee ID,Expected,Present,Apologies,Absent,Not recorded,Substituted,As substitute\r\n\
         2022/23,2022-05-01,Councillor A Chair,a-chair,Corporate Parenting Panel,panel,1,1,0,0,0,0,0\r\n\
         2022/23,2022-05-01,Councillor C Member,c-member,Corporate Parenting Panel,panel,1,1,0,0,0,0,0\r\n\
         2022/23,2022-05-01,Councillor D New,d-new,Corporate Parenting Panel,panel,1,1,0,0,0,0,0\r\n\
         2021/22,2021-05-01,Councillor A Chair,a-chair,Cabinet,cabinet,1,1,0,0,0,0,0\r\n\
         2021/22,2021-05-01,Councillor A Chair,a-chair,Corporate Parenting Panel,panel,4,4,0,0,0,0,0\r\n\
         2021/22,2021-05-01,Councillor B Vice,b-vice,Corporate Parenting Panel,panel,2,1,0,1,0,0,0\r\n\
         2021/22,2021-05-01,Councillor C Member,c-member,Corporate Parenting Panel,panel,4,1,2,0,1,1,0\r\n\
         2021/22,2021-05-01,Councillor D New,d-new,Corporate Parenting Panel,panel,2,2,0,0,0,0,0\r\n\
         2021/22,2021-05-01,\"Councillor E Sub, MBE\",e-sub,Corporate Parenting Panel,panel,0,0,0,0,0,0,1\r\n"
    );
    // The same figures the same way on every build.
    build_ok(site.path(), AS_OF, &[]);
    assert_eq!(
        read(&site.path().join("output/members/attendance.csv")),
        csv
    );
}

#[test]
fn years_begin_in_the_month_site_toml_names() {
    let site = site();
    let toml = read(&site.path().join("site.toml"));
    site.write(
        "site.toml",
        &format!("{toml}[attendance]\nyear_starts = \"September\"\n"),
    );
    build_ok(site.path(), AS_OF, &[]);
    let out = site.path().join("output");
    let chair = tables(&read(&out.join("members/a-chair/index.html")));
    // 2021-05-01 to 2021-07-01 fall in 2020/21; 24 September 2021 on begins 2021/22.
    assert_eq!(
        chair
            .iter()
            .filter(|r| r.starts_with("# Attendance in"))
            .collect::<Vec<_>>(),
        ["# Attendance in 2021/22", "# Attendance in 2020/21"]
    );
    assert!(
        chair.contains(&"All committees | 2 | 2 | 0 | 0 | 0 | 0 | 0".to_string()),
        "{chair:#?}"
    );
    let page = read(&out.join("members/attendance/index.html"));
    assert!(page.contains("A municipal year runs from 1 September to 31 August."));
    assert!(read(&out.join("members/attendance.csv")).contains(
        "\r\n2021/22,2021-09-01,Councillor A Chair,a-chair,Corporate Parenting Panel,panel,4,4,"
    ));
}

#[test]
fn no_councillor_may_take_the_attendance_pages_name() {
    let site = site();
    site.write(
        "content/members/attendance.yaml",
        "name: Councillor Attendance\n",
    );
    let out = build(site.path(), AS_OF, &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("error: content/members/attendance.yaml: the name \"attendance\" is kept for the councillors' attendance page, /members/attendance/"),
        "{err}"
    );
}
