//! What the attacks on the public views share: a Cabinet that took a key decision in
//! private, the exempt sentence it must keep, July's agenda with an exempt item and its
//! minutes, and the checks the five files make of a build.

use std::process::Output;

use super::attack::{assert_built, assert_refused, assert_withheld, owned};
use super::scan::{found_in, missing_from};
use super::site::{AS_OF, Site, meeting, paper};
use super::{build, stderr};

pub const PANEL: &str = "content/committees/panel";
pub const CABINET: &str = "content/committees/cabinet";

/// A sentence of the exempt report, long enough (17 words) for the gate to look for.
pub fn secret(canary: &str) -> String {
    format!(
        "The council will pay {canary} to Zorblax Holdings for the freehold of Holly Garth next spring."
    )
}

// ------------------------------------------------------------ Cabinet and its forward plan

/// A site with an executive Cabinet (a-chair its Leader, and b-vice) and the forward plan
/// kept from 2021, with no meetings yet.
pub fn executive_cabinet(label: &str) -> Site {
    let site = Site::new(label);
    site.write(
        "site.toml",
        "title = \"Committee papers\"\ncouncil = \"Test Borough Council\"\nbase_url = \"https://papers.example.gov.uk\"\nlanguage = \"en-GB\"\njurisdiction = \"england\"\n\n[forward_plan]\nfrom = 2021-01-01\n",
    );
    site.write(
        &format!("{CABINET}/committee.yaml"),
        "name: Cabinet\nexecutive: true\nmembers:\n  - { member: a-chair, role: Leader }\n  - { member: b-vice }\n",
    );
    site
}

/// Cabinet's meeting of `date` in the Council Chamber, held partly in private: agenda out
/// `published`, the private notice first given `first` and again with the agenda. `items`
/// is the agenda's YAML.
pub fn private_cabinet_meeting(site: &Site, date: &str, published: &str, first: &str, items: &str) {
    site.write(
        &format!("{CABINET}/{date}/meeting.yaml"),
        &format!(
            "date: {date}\ntime: \"10:00\"\nvenue: Council Chamber\nstatus: held\nagenda_published: {published}\nprivate_notice:\n  first: {first}\n  final: {published}\n  reasons: The price of a property is discussed.\n  representations: None received.\n  response: None needed.\nitems:\n{items}"
        ),
    );
}

/// Cabinet's meeting of 24 September 2021 (agenda out 16 September, the private notice
/// first given 20 August), with the agenda `items`.
pub fn cabinet_in_september(site: &Site, items: &str) {
    private_cabinet_meeting(site, "2021-09-24", "2021-09-16", "2021-08-20", items);
}

/// A Cabinet agenda: apologies, the public items `public` (YAML), the exclusion of the
/// public, then the key decision KD/02/21 taken in private as item `title`, listing `doc`.
pub fn key_decision_agenda(public: &str, title: &str, doc: &str) -> String {
    format!(
        "  - title: Apologies for absence\n{public}  - title: Exclusion of the public\n    body: The public may be excluded for the next item.\n  - title: \"{title}\"\n    exempt: [3]\n    key_decision: KD/02/21\n    documents: [{doc}]\n"
    )
}

/// The public item that sits before the exempt one on Cabinet's agendas.
pub const PROPERTY_UPDATE: &str = "  - title: Property update\n    documents: [update.md]\n";

/// A site with an executive Cabinet (and the forward plan kept from 2021) that met on 24
/// September 2021, agenda out on 16 September, and took a key decision in private: the
/// exempt report `purchase.md` holds `secret(canary)`.
pub fn cabinet_site(label: &str, canary: &str) -> Site {
    let site = executive_cabinet(label);
    // Written out, not `key_decision_agenda` (which quotes the exempt item's title), so
    // that the attacks on it keep the bytes they were written against.
    cabinet_in_september(
        &site,
        r#"  - title: Apologies for absence
  - title: Exclusion of the public
    body: The public may be excluded for the next item.
  - title: Purchase of a property
    exempt: [3]
    key_decision: KD/02/21
    documents: [purchase.md]
"#,
    );
    site.write(
        &format!("{CABINET}/2021-09-24/purchase.md"),
        &purchase_paper(&secret(canary)),
    );
    site
}

/// The forward plan entry KD/02/21, the purchase, expected at Cabinet on `expected` and
/// first published on `first_published`, with `extra` added.
pub fn purchase_plan_entry(site: &Site, expected: &str, first_published: &str, extra: &str) {
    site.write(
        "content/forward-plan/kd-02-21.yaml",
        &format!(
            "ref: KD/02/21\nmatter: \"Purchase of a property for a children's home\"\ndecision_maker: cabinet\nexpected: {expected}\nfirst_published: {first_published}\n{extra}"
        ),
    );
}

/// The forward plan entry of the private purchase, first published on 1 August 2021,
/// with `extra` added.
pub fn purchase_entry(site: &Site, extra: &str) {
    purchase_plan_entry(site, "2021-09-24", "2021-08-01", extra);
}

/// The forward plan entry KD/09/21, in the plan since 1 August, withdrawn on `on` for
/// `reason`.
pub fn withdrawn_entry(site: &Site, on: &str, reason: &str) {
    site.write(
        "content/forward-plan/kd-09-21.yaml",
        &format!(
            "ref: KD/09/21\nmatter: \"Sale of surplus land\"\ndecision_maker: cabinet\nexpected: 2021-11-24\nfirst_published: 2021-08-01\nwithdrawn:\n  on: {on}\n  reason: \"{reason}\"\n"
        ),
    );
}

/// The forward plan entry KD/`number`/21, "Another matter", first published on 27
/// September (after the exempt meeting), with `extra` added.
pub fn entry_after_the_meeting(site: &Site, number: &str, extra: &str) {
    site.write(
        &format!("content/forward-plan/kd-{number}-21.yaml"),
        &format!(
            "ref: KD/{number}/21\nmatter: \"Another matter\"\ndecision_maker: cabinet\nexpected: 2021-12-24\nfirst_published: 2021-09-27\n{extra}"
        ),
    );
}

// ----------------------------------------------------------------- the panel's meetings

/// The panel's meeting of 24 September 2021 (agenda out on 16 September), the one most
/// attacks here are made on, with the agenda `items`.
pub fn september_meeting(site: &Site, items: &str) {
    meeting(site, "panel", "2021-09-24", "2021-09-16", items);
}

/// The panel's meeting of 2 July 2021 (agenda out on 24 June), with the agenda `items`.
pub fn july_meeting(site: &Site, items: &str) {
    meeting(site, "panel", "2021-07-02", "2021-06-24", items);
}

/// A panel agenda: apologies, the public items `public` (YAML), the exclusion of the
/// public, and the exempt "Purchase of a property" with its report `purchase.md`.
pub fn purchase_agenda(public: &str) -> String {
    format!(
        "  - title: Apologies for absence\n{public}  - title: Exclusion of the public\n  - title: Purchase of a property\n    exempt: [3]\n    documents: [purchase.md]\n"
    )
}

/// The exempt report "Purchase of a property", saying `body`.
pub fn purchase_paper(body: &str) -> String {
    paper("Purchase of a property", &format!("{body}\n"))
}

/// The `attendance:` of a meeting: a-chair and b-vice present, and the officers' lines as
/// written (YAML scalars, quoted or not).
fn attendance(officers: &[&str]) -> String {
    let lines: String = officers.iter().map(|o| format!("    - {o}\n")).collect();
    format!("attendance:\n  present: [a-chair, b-vice]\n  officers:\n{lines}")
}

/// Records `officers` as attending the panel's meeting of 24 September, as the clerk adds
/// them to the agenda's meeting.yaml after the meeting.
pub fn officers_attending(site: &Site, officers: &[&str]) {
    let yaml = site.path().join(format!("{PANEL}/2021-09-24/meeting.yaml"));
    let text = std::fs::read_to_string(&yaml)
        .unwrap()
        .replace("items:\n", &format!("{}items:\n", attendance(officers)));
    std::fs::write(&yaml, text).unwrap();
}

/// The panel's meeting of `date` (agenda out `published`), held, with `officers` in
/// attendance, and the agenda `items`.
pub fn held_panel_meeting(
    site: &Site,
    date: &str,
    published: &str,
    officers: &[&str],
    items: &str,
) {
    site.write(
        &format!("{PANEL}/{date}/meeting.yaml"),
        &format!(
            "date: {date}\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: held\nagenda_published: {published}\n{}items:\n{items}",
            attendance(officers)
        ),
    );
}

/// The panel's meeting of 24 September with the public item "Update" (`update.md` says
/// `public`) before the exempt purchase (`purchase.md` says `exempt`): how a public paper
/// that repeats the exempt one is tried.
pub fn pasted_site(label: &str, exempt: &str, public: &str) -> Site {
    let site = Site::new(label);
    september_meeting(
        &site,
        &purchase_agenda("  - title: Update\n    documents: [update.md]\n"),
    );
    site.write(
        &format!("{PANEL}/2021-09-24/purchase.md"),
        &purchase_paper(exempt),
    );
    site.write(
        &format!("{PANEL}/2021-09-24/update.md"),
        &paper("Update", &format!("{public}\n")),
    );
    site
}

/// Which `variants` of the exempt line, each pasted into the public report of a site of
/// its own (`site(label, text)`, the report marked with `marker`), were published: each
/// must be refused for the exempt report's words, or built with the report public.
pub fn published_pastes(
    variants: &[(&str, String)],
    marker: &str,
    site: impl Fn(&str, &str) -> Site,
) -> Vec<String> {
    let mut published = Vec::new();
    for (label, text) in variants {
        let site = site(label, text);
        let out = build(site.path(), AS_OF, &[]);
        if out.status.success() {
            assert!(
                !found_in(&site.out("output"), &owned(&[marker])).is_empty(),
                "{label}: built but the public report is not there"
            );
            published.push(format!("{label}: {text}"));
            continue;
        }
        assert_refused_for_exempt_words(label, &out);
    }
    published
}

/// `out`, the public build of the `label` site, was refused for the words of the panel's
/// exempt report of 24 September.
pub fn assert_refused_for_exempt_words(label: &str, out: &Output) {
    let err = stderr(out);
    assert!(
        err.contains("2021-09-24/purchase.md") && err.contains("words withheld from the public"),
        "{label}: refused for another reason:\n{err}"
    );
}

/// The panel's meeting of 24 September whose exempt item 3 has the real title `real`,
/// published as "A property matter", after the exclusion item titled `exclusion` and
/// before the items `more`; the exempt report (titled as the public) says `report`.
pub fn hidden_title_site(
    label: &str,
    exclusion: &str,
    real: &str,
    more: &str,
    report: &str,
) -> Site {
    let site = Site::new(label);
    september_meeting(
        &site,
        &format!(
            "  - title: Apologies for absence\n  - title: \"{exclusion}\"\n  - title: \"{real}\"\n    public_title: A property matter\n    exempt: [3]\n    documents: [purchase.md]\n{more}"
        ),
    );
    site.write(
        &format!("{PANEL}/2021-09-24/purchase.md"),
        &paper("A property matter", &format!("{report}\n")),
    );
    site
}

/// The late report (published 20 September) of the panel's meeting of 24 September.
pub fn late_report(site: &Site) {
    site.write(
        &format!("{PANEL}/2021-09-24/late.md"),
        "---\ntitle: Late report\nkind: report\npublished: 2021-09-20\n---\n\nA late report.\n",
    );
}

/// The supplementary agenda packs among `files` (a meeting folder's, as listed).
pub fn supplementary_packs(files: &[String]) -> Vec<String> {
    (files.iter())
        .filter(|f| f.starts_with("supplementary"))
        .cloned()
        .collect()
}

/// The recommendation of the options appraisal.
pub const APPRAISAL: &str = "That option 2, the disposal of the Mill Lane depot site by informal tender, be approved in principle.";

/// A public options appraisal, taken by the panel in public on 2 July 2021 (agenda out
/// 24 June) as `options.md`, whose recommendation is `APPRAISAL`.
pub fn options_appraisal(site: &Site) {
    july_meeting(
        site,
        "  - title: Apologies for absence\n  - title: \"Mill Lane depot: options appraisal\"\n    documents: [options.md]\n",
    );
    site.write(
        &format!("{PANEL}/2021-07-02/options.md"),
        &format!(
            "---\ntitle: \"Mill Lane depot: options appraisal\"\nkind: report\n---\n\n## Recommendation\n\n{APPRAISAL}\n"
        ),
    );
}

/// The panel's meeting of `date` (agenda out `published`) that takes the disposal of
/// Mill Lane depot in private, listing the exempt valuation (holding `secret(canary)`)
/// and, again, July's public options appraisal.
pub fn disposal_in_private(site: &Site, date: &str, published: &str, canary: &str) {
    meeting(
        site,
        "panel",
        date,
        published,
        "  - title: Apologies for absence\n  - title: Exclusion of the public\n  - title: Disposal of Mill Lane depot\n    exempt: [3]\n    documents: [valuation.md, ../2021-07-02/options.md]\n",
    );
    site.write(
        &format!("{PANEL}/{date}/valuation.md"),
        &paper("Valuation", &format!("{}\n", secret(canary))),
    );
}

// ------------------------------------------------------------- July's minutes, misfiled

/// July's agenda: item 3 is exempt, with the public title "An individual placement".
pub const JULY_ITEMS: &str = "  - title: Apologies for absence\n  - title: Exclusion of the public\n  - title: Placement of Child X\n    public_title: An individual placement\n    exempt: [1]\n";

/// The headings of minutes of `JULY_ITEMS`, numbered as the agenda is.
pub const NUMBERED: [&str; 3] = [
    "1 Apologies for absence",
    "2 Exclusion of the public",
    "3 An individual placement",
];

/// The same headings without their numbers.
pub const UNNUMBERED: [&str; 3] = [
    "Apologies for absence",
    "Exclusion of the public",
    "An individual placement",
];

/// The numbered headings, the exempt minute's in other words than the agenda's title.
pub const REWORDED: [&str; 3] = [
    "1 Apologies for absence",
    "2 Exclusion of the public",
    "3 Placement of a child",
];

/// Minutes of a meeting with `JULY_ITEMS`: the front matter `front` (its lines, without
/// the `---`), the three minutes headed `heads`, the exempt one holding `canary`.
pub fn placement_minutes(front: &str, heads: [&str; 3], canary: &str) -> String {
    format!(
        "---\n{front}---\n\n## {}\n\nNone.\n\n## {}\n\n**Resolved:** That the public be excluded.\n\n## {}\n\nThe Panel discussed {canary} and the cost of the placement.\n",
        heads[0], heads[1], heads[2]
    )
}

/// July's meeting (`JULY_ITEMS`) and September's, whose "Minutes of the last meeting"
/// lists `minutes-2-july.md` from its own folder: July's minutes, saved there with `front`
/// and `heads` (see `placement_minutes`).
pub fn july_minutes_in_september(label: &str, canary: &str, front: &str, heads: [&str; 3]) -> Site {
    let site = Site::new(label);
    july_meeting(&site, JULY_ITEMS);
    september_meeting(
        &site,
        "  - title: Minutes of the last meeting\n    documents: [minutes-2-july.md]\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/minutes-2-july.md"),
        &placement_minutes(front, heads, canary),
    );
    site
}

/// The Fostering Sub-Committee's meeting of 2 July (`JULY_ITEMS`) and the panel's of 24
/// September, whose item lists `fostering-minutes.md` from the panel's folder (for the
/// test to write).
pub fn fostering_minutes_noted(label: &str) -> Site {
    let site = Site::new(label);
    site.committee("fostering", "Fostering Sub-Committee");
    meeting(&site, "fostering", "2021-07-02", "2021-06-24", JULY_ITEMS);
    september_meeting(
        &site,
        "  - title: Minutes of the Fostering Sub-Committee\n    documents: [fostering-minutes.md]\n",
    );
    site
}

/// The build is refused for `minutes-2-july.md` in September's folder (see
/// `july_minutes_in_september`): its title names July's meeting.
pub fn assert_refused_for_julys_title(site: &Site) {
    assert_refused(
        site,
        AS_OF,
        "2021-09-24/minutes-2-july.md",
        "their title names the meeting of 2 July 2021",
    );
}

/// The build is refused for `minutes-2-july.md` in September's folder: a heading is
/// July's exempt item 3.
pub fn assert_refused_for_julys_heading(site: &Site) {
    assert_refused(
        site,
        AS_OF,
        "2021-09-24/minutes-2-july.md",
        "is exempt item 3 of the meeting of 2 July 2021",
    );
}

// ------------------------------------------------------------------------------ checks

/// The public build on `as_of` succeeds (if it does not, the panic shows quire's
/// refusal: a false one), and the `canaries` are withheld from it and shown to members.
pub fn assert_builds_withholding(site: &Site, as_of: &str, canaries: &[&str]) {
    let out = build(site.path(), as_of, &[]);
    assert!(out.status.success(), "a false refusal:\n{}", stderr(&out));
    assert_withheld(site, as_of, canaries);
}

/// The public build succeeds and publishes `canary`: the paths, for the failure message;
/// or it is refused naming `file` with a hint (an empty list).
pub fn published(site: &Site, as_of: &str, canary: &str, file: &str) -> Vec<(String, String)> {
    let out = build(site.path(), as_of, &[]);
    if !out.status.success() {
        let err = stderr(&out);
        eprintln!("refused:\n{err}");
        assert!(
            err.contains(file) && err.contains("hint:"),
            "refused without naming {file}:\n{err}"
        );
        return Vec::new();
    }
    found_in(&site.out("output"), &owned(&[canary]))
}

/// The gate refuses the public build for the words of the exempt `report`, and the
/// members' edition (the positive control) builds with `canary` in it.
pub fn assert_refused_but_members_have(site: &Site, report: &str, canary: &str) {
    assert_refused(site, AS_OF, report, "words withheld from the public");
    assert_built(&build(site.path(), AS_OF, &["--confidential"]));
    let missing = missing_from(&site.out("confidential"), &owned(&[canary]));
    assert!(missing.is_empty(), "the members' edition lacks {missing:?}");
}

/// The gate refuses the public build for the exempt words in `file`; once the officer
/// lists `passage` under `allow`, as the message says, it builds, and `canary` is still
/// withheld from the public and shown to members.
pub fn assert_refused_until_allowed(
    site: &Site,
    as_of: &str,
    file: &str,
    passage: &str,
    canary: &str,
) {
    assert_refused(site, as_of, file, "words withheld from the public");
    allow(site, passage);
    assert_builds_withholding(site, as_of, &[canary]);
}

/// Lists `passage` under `allow` in the site's `[leak_gate]`, as an officer does when
/// the gate stops words that are not secret after all.
pub fn allow(site: &Site, passage: &str) {
    let toml = site.path().join("site.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str(&format!("\n[leak_gate]\nallow = [\"{passage}\"]\n"));
    std::fs::write(&toml, text).unwrap();
}
