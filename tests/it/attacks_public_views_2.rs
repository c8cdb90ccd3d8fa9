//! Second round of attacks on the five public-view fixes checked in
//! `attacks_public_views`: forward plan changes dated by their own day, attendance lines
//! read as public text (not titles), minutes filed in another meeting's folder
//! (`minutes-in-another-folder`), drafts in no supplementary agenda, and Cyrillic/Greek
//! look-alike letters folded to Latin.
//!
//! Findings when written (each marked `Was a leak:` at its test), fixed since: a plan
//! change dated between an exempt agenda and its meeting (`gate::inventory`, dated by the
//! latest agenda out by its day); an exempt item's real title in another title of the
//! same meeting (`gate::predates`: a withheld title is never excused by a same-meeting
//! title); minutes of another meeting or committee, with the date written any common way,
//! without `kind:`, with headings out of step, or as a PDF (`model::misfiled`, site-wide;
//! a Markdown file titled "Minutes" is read as minutes); look-alikes outside Cyrillic and
//! Greek capitals (`gate::words`). Left as they are, and documented: a plan entry's
//! undated fields (below), and the number draft minutes keep in the supplementary agendas.
//!
//! Each test writes a small site as an officer might, plants `CANARY_…` tokens in what
//! the public must not read, and scans every public byte for them; the positive control
//! is the members' edition holding the canaries, a contrasting input that is refused, or
//! a refusal naming the withheld source.

use crate::common::attack::{
    assert_built, assert_refused, assert_withheld, assert_withheld_or_refused, owned,
};
use crate::common::public_views::{
    JULY_ITEMS, NUMBERED, PANEL, REWORDED, UNNUMBERED, assert_refused_but_members_have,
    assert_refused_for_julys_heading, assert_refused_for_julys_title, cabinet_site,
    entry_after_the_meeting, fostering_minutes_noted, hidden_title_site, july_meeting,
    july_minutes_in_september, late_report, officers_attending, pasted_site, published_pastes,
    purchase_agenda, purchase_entry, purchase_paper, secret, september_meeting,
    supplementary_packs, withdrawn_entry,
};
use crate::common::scan::{found_in, missing_from};
use crate::common::site::{AS_OF, Site};
use crate::common::{build, list_files, stderr};

/// The public build is refused naming the exempt report, and the members' edition (the
/// positive control) builds with the canary in it. If the public build succeeds instead,
/// the panic names where the canary was published.
fn assert_gate_refuses(site: &Site, canary: &str, report: &str) {
    let out = build(site.path(), AS_OF, &[]);
    if out.status.success() {
        let hits = found_in(&site.out("output"), &owned(&[canary]));
        panic!("the public build succeeded; the canary is published in {hits:?}");
    }
    assert_refused_but_members_have(site, report, canary);
}

// =================================================== 1. forward plan changes and dates

// Was a leak: a plan history change dated after the exempt agenda went out (20 Sept) but before the meeting (24 Sept) quotes the exempt report and is published on /forward-plan/kd-02-21/: the gate takes it as public before the exempt report.
#[test]
fn a_plan_change_dated_between_the_exempt_agenda_and_the_meeting_cannot_quote_its_report() {
    let canary = "CANARY_PV2_PLAN_PRE_MEETING";
    let site = cabinet_site("pv2-plan-pre-meeting", canary);
    // When the papers went out, the officer notes in the plan what the report recommends,
    // in the words of the exempt report (which members have had since 16 September).
    purchase_entry(
        &site,
        &format!(
            "history:\n  - date: 2021-09-20\n    change: \"Report issued: {}\"\n",
            secret(canary)
        ),
    );
    assert_gate_refuses(&site, canary, "2021-09-24/purchase.md");
}

// Not tested: an entry's `summary:`, `documents:`, `how_to_get:` and `representations:`
// have no date of their own, so the gate takes them as written on `first_published`.
// Exempt words an officer pastes into them after the meeting are not caught; dating them
// later would refuse every exempt report that repeats its plan entry, as reports do. See
// docs/leak-gate.md, "What the gate does not do".

/// A history change and a withdrawal dated after the build date are not shown to the
/// public, and their words are withheld; the members' edition shows them. Held.
#[test]
fn a_plan_change_dated_after_the_build_date_is_not_published() {
    let canary = "CANARY_PV2_PLAN_FUTURE";
    let site = cabinet_site("pv2-plan-future", "CANARY_PV2_PLAN_FUTURE_REPORT");
    purchase_entry(
        &site,
        &format!(
            "history:\n  - date: 2021-10-15\n    change: \"Deferred: {canary} reasons to follow.\"\n"
        ),
    );
    withdrawn_entry(&site, "2021-10-20", "CANARY_PV2_PLAN_FUTURE_WITHDRAWN");
    assert_withheld(&site, AS_OF, &[canary, "CANARY_PV2_PLAN_FUTURE_REPORT"]);
    // A withdrawal dated after the build date is not shown to the public (nor, as it
    // happens, to members: the entry is not withdrawn yet on the build date).
    let public = found_in(
        &site.out("output"),
        &owned(&["CANARY_PV2_PLAN_FUTURE_WITHDRAWN"]),
    );
    assert!(public.is_empty(), "{public:?}");
}

/// A withdrawal with no reason, and a history change dated before the entry was first
/// published: neither breaks the build, and a change dated before `first_published` but
/// written after the meeting is still caught when the entry itself is new (dated by
/// `first_published`). Held.
#[test]
fn a_withdrawal_without_reason_and_a_back_dated_change_are_read_safely() {
    let canary = "CANARY_PV2_PLAN_BACKDATED";
    let site = cabinet_site("pv2-plan-backdated", canary);
    purchase_entry(&site, "");
    entry_after_the_meeting(
        &site,
        "11",
        &format!(
            "history:\n  - date: 2021-07-01\n    change: \"{}\"\nwithdrawn:\n  on: 2021-09-28\n",
            secret(canary)
        ),
    );
    assert_gate_refuses(&site, canary, "2021-09-24/purchase.md");
}

// ============================================ 2. attendance and same-meeting titles

/// A panel meeting of 24 September whose exempt item 3 has the real title
/// `REAL_TITLE` (public title "A property matter"), and a public item 4 with `update.md`.
const REAL_TITLE: &str = "Purchase of CANARY_PV2_REAL_TITLE Vulcan House from Curvex";

fn titled_site(label: &str, exclusion: &str, extra_items: &str) -> Site {
    let report = "The valuation is attached.";
    hidden_title_site(label, exclusion, REAL_TITLE, extra_items, report)
}

// Was a leak: the real title of an exempt item (withheld by public_title:) written into the title of a public item, a public document or a PDF listing of the same meeting is published (meeting page, pack, search): the gate excuses a withheld title found in a public title of the same meeting (gate::inventory `public_title` + gate::mod `predates`, `public.title => p <= o`).
#[test]
fn the_real_title_of_an_exempt_item_is_not_published_through_another_field() {
    let canary = "CANARY_PV2_REAL_TITLE";
    // Each place an officer might repeat the real title; each site otherwise the same.
    let variants: Vec<(&str, Site)> = vec![
        (
            "exclusion-item-title",
            titled_site(
                "pv2-title-exclusion",
                &format!("Exclusion of the public for item 3, {REAL_TITLE}"),
                "",
            ),
        ),
        ("public-document-title", {
            let s = titled_site(
                "pv2-title-doc",
                "Exclusion of the public",
                "  - title: Property update\n    documents: [update.md]\n",
            );
            s.write(
                &format!("{PANEL}/2021-09-24/update.md"),
                &format!("---\ntitle: \"Briefing: {REAL_TITLE}\"\nkind: report\n---\n\nA public briefing.\n"),
            );
            s
        }),
        ("pdf-listing-title", {
            let s = titled_site(
                "pv2-title-pdf",
                "Exclusion of the public",
                &format!(
                    "  - title: Property update\n    documents:\n      - {{ file: files/plan.pdf, title: \"Site plan, {REAL_TITLE}\" }}\n"
                ),
            );
            s.pdf(&format!("{PANEL}/2021-09-24/files/plan.pdf"));
            s
        }),
        ("attendance-officers", {
            let s = titled_site("pv2-title-officers", "Exclusion of the public", "");
            officers_attending(&s, &[&format!("\"Pat Jones, Valuer (for {REAL_TITLE})\"")]);
            s
        }),
        (
            "public-item-body",
            titled_site(
                "pv2-title-body",
                "Exclusion of the public",
                &format!("  - title: Property update\n    body: \"An update on {REAL_TITLE}.\"\n"),
            ),
        ),
        (
            "public-item-urgent",
            titled_site(
                "pv2-title-urgent",
                "Exclusion of the public",
                &format!(
                    "  - title: Property update\n    urgent: \"The vendor of {REAL_TITLE} needs an answer.\"\n"
                ),
            ),
        ),
        ("venue", {
            let s = titled_site("pv2-title-venue", "Exclusion of the public", "");
            let yaml = s.path().join(format!("{PANEL}/2021-09-24/meeting.yaml"));
            let text = std::fs::read_to_string(&yaml).unwrap().replace(
                "venue: Committee Room 1",
                &format!("venue: \"Site visit, {REAL_TITLE}\""),
            );
            std::fs::write(&yaml, text).unwrap();
            s
        }),
    ];
    let mut published = Vec::new();
    for (label, site) in &variants {
        let out = build(site.path(), AS_OF, &[]);
        if out.status.success() {
            let hits = found_in(&site.out("output"), &owned(&[canary]));
            if !hits.is_empty() {
                published.push((label.to_string(), hits));
            }
        } else {
            let err = stderr(&out);
            assert!(
                err.contains("meeting.yaml") && err.contains("hint:"),
                "{label}: refused without naming the source:\n{err}"
            );
        }
        // The control: the members' edition shows the real title.
        assert_built(&build(site.path(), AS_OF, &["--confidential"]));
        let missing = missing_from(&site.out("confidential"), &owned(&[canary]));
        assert!(
            missing.is_empty(),
            "{label}: the members' edition lacks {missing:?}"
        );
    }
    assert!(
        published.is_empty(),
        "the real title of the exempt item was published through: {published:#?}"
    );
}

/// The same-meeting excuse was removed from attendance lines: the exempt report's
/// sentence in another attendance field that is free text (a substitute's or officer's
/// line with a note). Only `officers:` is free text in `attendance:` (present, apologies,
/// absent and substitutes are member slugs); here the note is the second officer line,
/// with the exempt report's sentence split over two lines. Held if refused.
#[test]
fn an_exempt_sentence_split_over_two_attendance_lines_is_refused() {
    let canary = "CANARY_PV2_OFFICERS_SPLIT";
    let site = Site::new("pv2-officers-split");
    september_meeting(&site, &purchase_agenda(""));
    let s = secret(canary);
    let (a, b) = s.split_at(s.find(" to Zorblax").unwrap());
    officers_attending(
        &site,
        &[
            &format!("\"Pat Jones, Valuer: {a}\""),
            &format!("\"Sam Lee, Solicitor: {b}\""),
        ],
    );
    site.write(
        &format!("{PANEL}/2021-09-24/purchase.md"),
        &purchase_paper(&s),
    );
    assert_gate_refuses(&site, canary, "2021-09-24/purchase.md");
}

/// False refusal check: an officer named in attendance who is also named, alone on a line,
/// as the author of the exempt report of the same meeting. Before the fix the attendance
/// line was a title of the same meeting and excused the name; now it is not. Either the
/// build is refused naming the exempt report with a hint (safe, but a false refusal an
/// officer must resolve with `allow`), or it builds with the exempt report withheld.
#[test]
fn an_officer_in_attendance_who_wrote_the_exempt_report_is_handled_safely() {
    let canary = "CANARY_PV2_AUTHOR";
    let site = Site::new("pv2-author");
    september_meeting(&site, &purchase_agenda(""));
    let officer = "Pat Jones, Head of Estates and Valuation";
    officers_attending(&site, &[officer]);
    site.write(
        &format!("{PANEL}/2021-09-24/purchase.md"),
        &purchase_paper(&format!("{officer}\n\n{}", secret(canary))),
    );
    let out = build(site.path(), AS_OF, &[]);
    eprintln!(
        "officer-as-author outcome: {}\n{}",
        if out.status.success() {
            "built"
        } else {
            "refused"
        },
        stderr(&out)
    );
    assert_withheld_or_refused(&site, AS_OF, &[canary], "2021-09-24/purchase.md");
    if !out.status.success() {
        assert!(stderr(&out).contains("hint:"), "{}", stderr(&out));
    }
}

// ================================================== 3. minutes in another meeting's folder

/// Builds each variant; returns those whose canary reached the public build. A refused
/// variant must name the file and give a hint.
fn published_minutes(
    variants: Vec<(String, Site, String)>,
    file: &str,
) -> Vec<(String, Vec<(String, String)>)> {
    let mut published = Vec::new();
    for (label, site, canary) in variants {
        let out = build(site.path(), AS_OF, &[]);
        if out.status.success() {
            let hits = found_in(&site.out("output"), &owned(&[&canary]));
            if !hits.is_empty() {
                published.push((label, hits));
            }
            continue;
        }
        let err = stderr(&out);
        eprintln!("{label}: refused:\n{err}");
        assert!(
            err.contains(file) && err.contains("hint:") && !site.out("output").exists(),
            "{label}: refused without naming {file}:\n{err}"
        );
    }
    published
}

/// Titles of July's minutes with the date written as officers write it, not as quire does.
const OTHER_DATE_FORMS: [&str; 4] = [
    "Minutes of the meeting held on 02/07/2021",
    "Minutes of the meeting held on 2nd July 2021",
    "Minutes of the meeting held on July 2, 2021",
    "Minutes of the meeting held on 2 Jul 2021",
];

/// July's minutes in September's folder (kind minutes, headed `heads`) under each of the
/// `titles`, each on a site of its own, labelled and with a canary numbered by the title.
fn titled_variants(
    titles: &[&str],
    label: &str,
    canary: &str,
    heads: [&str; 3],
) -> Vec<(String, Site, String)> {
    (titles.iter().enumerate())
        .map(|(i, t)| {
            let canary = format!("{canary}_{i}");
            let site = july_minutes_in_september(
                &format!("{label}-{i}"),
                &canary,
                &format!("title: \"{t}\"\nkind: minutes\n"),
                heads,
            );
            (t.to_string(), site, canary)
        })
        .collect()
}

/// The fix, across ways of writing the date: minutes whose headings name July's exempt
/// item exactly are refused whatever the title says. Held.
#[test]
fn minutes_headed_with_another_meetings_exempt_item_are_refused_whatever_the_title() {
    let titles = [OTHER_DATE_FORMS.as_slice(), &["Minutes"]].concat();
    let variants = titled_variants(&titles, "pv2-exact", "CANARY_PV2_EXACT_HEADING", NUMBERED);
    let published = published_minutes(variants, "2021-09-24/minutes-2-july.md");
    assert!(published.is_empty(), "published: {published:#?}");
}

// Was a leak: July's minutes filed in September's folder with the date written another way ("02/07/2021", "2nd July 2021", "July 2, 2021", "2 Jul 2021", "2021-07-02") and the exempt minute headed in other words ("3 Placement of a child") publish July's exempt minute at /committees/panel/2021-09-24/minutes-2-july/, the pack and search (model::minutes `filed_with_their_meeting`: title matched only as "2 July 2021", heading only by exact title or number+title).
#[test]
fn minutes_of_another_meeting_with_the_date_written_differently_keep_their_exempt_minute_out() {
    let titles = [
        OTHER_DATE_FORMS.as_slice(),
        &["Minutes of the meeting held on 2021-07-02"],
    ]
    .concat();
    let variants = titled_variants(&titles, "pv2-date", "CANARY_PV2_DATE_FORM", REWORDED);
    let published = published_minutes(variants, "2021-09-24/minutes-2-july.md");
    // The control: the July date written as quire writes it is refused.
    let site = july_minutes_in_september(
        "pv2-date-control",
        "CANARY_PV2_DATE_CONTROL",
        "title: Minutes of the meeting held on 2 July 2021\nkind: minutes\n",
        REWORDED,
    );
    assert_refused_for_julys_title(&site);
    assert!(
        published.is_empty(),
        "July's exempt minute was published: {published:#?}"
    );
}

// Was a leak: July's minutes in September's folder titled "Minutes" that open with a "Present" heading, so that quire's heading numbers run one ahead, and head the exempt minute "Minute 3: An individual placement", publish July's exempt minute at /committees/panel/2021-09-24/minutes-2-july/ (model::minutes `names_item`: exact title, or the position number with the title; unnumbered, "Minute 3:" and "PAN/21/3" headings in step with the agenda are refused).
#[test]
fn minutes_of_another_meeting_with_unnumbered_headings_keep_their_exempt_minute_out() {
    let heads: [(&str, [&str; 3]); 4] = [
        ("unnumbered", UNNUMBERED),
        (
            "minute-n",
            [
                "Minute 1: Apologies for absence",
                "Minute 2: Exclusion of the public",
                "Minute 3: An individual placement",
            ],
        ),
        (
            "reference",
            [
                "PAN/21/1 Apologies for absence",
                "PAN/21/2 Exclusion of the public",
                "PAN/21/3 An individual placement",
            ],
        ),
        // Minutes that open with who was present: the headings run one ahead of the
        // agenda's numbers, and the exempt minute keeps its own number in its words.
        (
            "present-first",
            [
                "Present\n\nCouncillors a-chair and b-vice.\n\n## Apologies for absence",
                "Exclusion of the public",
                "Minute 3: An individual placement",
            ],
        ),
    ];
    let variants = heads
        .iter()
        .map(|(label, h)| {
            let canary = format!(
                "CANARY_PV2_UNNUMBERED_{}",
                label.to_uppercase().replace('-', "_")
            );
            let site = july_minutes_in_september(
                &format!("pv2-unnumbered-{label}"),
                &canary,
                "title: Minutes\nkind: minutes\n",
                *h,
            );
            (label.to_string(), site, canary)
        })
        .collect();
    let published = published_minutes(variants, "2021-09-24/minutes-2-july.md");
    // The control: the same minutes with numbered headings are refused.
    let site = july_minutes_in_september(
        "pv2-unnumbered-control",
        "CANARY_PV2_UNNUMBERED_CONTROL",
        "title: Minutes\nkind: minutes\n",
        NUMBERED,
    );
    assert_refused_for_julys_heading(&site);
    assert!(
        published.is_empty(),
        "July's exempt minute was published: {published:#?}"
    );
}

// Was a leak: July's minutes saved in September's folder as minutes-2-july.md with kind: left out are kind other, never checked, and July's exempt minute is published at /committees/panel/2021-09-24/minutes-2-july/ (model::minutes `resolve` runs `filed_with_their_meeting` only for kind minutes; model::documents defaults kind to other).
#[test]
fn minutes_of_another_meeting_without_kind_keep_their_exempt_minute_out() {
    let canary = "CANARY_PV2_NO_KIND";
    let site = july_minutes_in_september(
        "pv2-no-kind",
        canary,
        "title: Minutes of the meeting held on 2 July 2021\n",
        NUMBERED,
    );
    let published = published_minutes(
        vec![("no kind".to_string(), site, canary.to_string())],
        "2021-09-24/minutes-2-july.md",
    );
    // The control: with kind: minutes the same file is refused.
    let control = july_minutes_in_september(
        "pv2-no-kind-control",
        "CANARY_PV2_NO_KIND_CONTROL",
        "title: Minutes of the meeting held on 2 July 2021\nkind: minutes\n",
        NUMBERED,
    );
    assert_refused(&control, AS_OF, "2021-09-24/minutes-2-july.md", "minutes");
    assert!(
        published.is_empty(),
        "July's exempt minute was published: {published:#?}"
    );
}

// Was a leak: a sub-committee's minutes (with its exempt minute) filed in the parent committee's meeting folder, to be noted there, are read against the parent's agenda and the exempt minute is published at /committees/panel/2021-09-24/fostering-minutes/ (model::minutes `filed_with_their_meeting` only compares meetings of the same committee).
#[test]
fn minutes_of_another_committee_keep_their_exempt_minute_out() {
    let canary = "CANARY_PV2_SUBCOMMITTEE";
    let site = fostering_minutes_noted("pv2-subcommittee");
    let minutes = format!(
        "---\ntitle: Minutes of the Fostering Sub-Committee held on 2 July 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Exclusion of the public\n\n**Resolved:** That the public be excluded.\n\n## 3 An individual placement\n\nThe Sub-Committee discussed {canary} and the cost of the placement.\n"
    );
    site.write(
        &format!("{PANEL}/2021-09-24/fostering-minutes.md"),
        &minutes,
    );
    let out = build(site.path(), AS_OF, &[]);
    let leaked = if out.status.success() {
        found_in(&site.out("output"), &owned(&[canary]))
    } else {
        let err = stderr(&out);
        assert!(
            err.contains("fostering-minutes.md") && err.contains("link to them from"),
            "{err}"
        );
        Vec::new()
    };
    // The control: in the sub-committee's own folder, and listed from the parent's item
    // by its path as the hint says, the exempt minute is withheld from the public and
    // shown to members.
    std::fs::remove_file(
        site.path()
            .join(format!("{PANEL}/2021-09-24/fostering-minutes.md")),
    )
    .unwrap();
    site.write(
        "content/committees/fostering/2021-07-02/minutes.md",
        &minutes,
    );
    september_meeting(
        &site,
        "  - title: Minutes of the Fostering Sub-Committee\n    body: \"[The minutes](../../fostering/2021-07-02/minutes.md)\"\n",
    );
    assert_withheld(&site, AS_OF, &[canary]);
    let page =
        std::fs::read_to_string(site.out("output/committees/panel/2021-09-24/index.html")).unwrap();
    assert!(
        page.contains("/committees/fostering/2021-07-02/minutes/"),
        "{page}"
    );
    assert!(
        leaked.is_empty(),
        "the sub-committee's exempt minute was published: {leaked:#?}"
    );
}

// Was a leak (not specific to the folder): July's minutes as a PDF listed in September are kind other; nothing reads them against July's exempt business and the PDF is published at /committees/panel/2021-09-24/files/minutes-2-july.pdf (model::minutes `resolve`: Body::Pdf minutes are never checked; a PDF cannot be split).
#[test]
fn minutes_of_another_meeting_as_a_pdf_are_not_published() {
    // The fixture PDF's text is CANARY_EXEMPT_PDF_TEXT: it stands for July's minute of
    // its exempt item.
    let canary = "CANARY_EXEMPT_PDF_TEXT";
    let site = Site::new("pv2-pdf-minutes");
    july_meeting(&site, JULY_ITEMS);
    september_meeting(
        &site,
        "  - title: Minutes of the last meeting\n    documents:\n      - { file: files/minutes-2-july.pdf, title: Minutes of the meeting held on 2 July 2021 }\n",
    );
    site.pdf(&format!("{PANEL}/2021-09-24/files/minutes-2-july.pdf"));
    let out = build(site.path(), AS_OF, &[]);
    if out.status.success() {
        let hits = found_in(&site.out("output"), &owned(&[canary]));
        // The control: the members' edition has it too.
        assert_built(&build(site.path(), AS_OF, &["--confidential"]));
        assert!(missing_from(&site.out("confidential"), &owned(&[canary])).is_empty());
        assert!(
            hits.is_empty(),
            "July's minutes (as a PDF) were published: {hits:?}"
        );
    } else {
        let err = stderr(&out);
        assert!(
            err.contains("minutes-2-july.pdf") && err.contains("hint:"),
            "{err}"
        );
    }
}

/// False refusal check: a meeting's own minutes whose title names its own date in
/// another form ("24th September") and the meeting it was adjourned from ("2 July 2021").
/// A refusal naming the file with a hint is acceptable; this records which happens.
#[test]
fn own_minutes_naming_another_date_are_refused_clearly_or_built() {
    let canary = "CANARY_PV2_OWN_ADJOURNED";
    let site = Site::new("pv2-own-adjourned");
    july_meeting(&site, JULY_ITEMS);
    september_meeting(&site, JULY_ITEMS);
    site.write(
        &format!("{PANEL}/2021-09-24/minutes.md"),
        &format!(
            "---\ntitle: Minutes of the meeting adjourned from 2 July 2021 and held on 24th September 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Exclusion of the public\n\n**Resolved:** That the public be excluded.\n\n## 3 An individual placement\n\nThe Panel discussed {canary}.\n"
        ),
    );
    let out = build(site.path(), "2021-10-30", &[]);
    eprintln!("own adjourned minutes: {}\n{}", out.status, stderr(&out));
    assert_withheld_or_refused(&site, "2021-10-30", &[canary], "2021-09-24/minutes.md");
}

// =================================================================== 4. supplements

/// Draft minutes (`status: draft`, not `draft: true`) listed late under the next meeting's
/// item are issued to members, so they take a supplementary agenda's number, which must
/// not change when they are approved later. The public sees the number of the next one
/// (a gap where the draft minutes are), and nothing of the minutes themselves.
#[test]
fn draft_minutes_listed_late_keep_their_number_and_nothing_else_is_public() {
    let site = Site::new("pv2-draft-minutes-supplement");
    july_meeting(&site, "  - title: Apologies for absence\n");
    september_meeting(
        &site,
        "  - title: Minutes of the last meeting\n    documents: [../2021-07-02/minutes.md]\n  - title: Fostering\n    documents: [late.md]\n",
    );
    site.write(
        &format!("{PANEL}/2021-07-02/minutes.md"),
        "---\ntitle: CANARY_PV2_DRAFT_MINUTES_TITLE\nkind: minutes\nstatus: draft\npublished: 2021-09-17\n---\n\n## 1 Apologies for absence\n\nCANARY_PV2_DRAFT_MINUTES_BODY\n",
    );
    late_report(&site);
    let as_of = "2021-09-21";
    assert_withheld(
        &site,
        as_of,
        &[
            "CANARY_PV2_DRAFT_MINUTES_TITLE",
            "CANARY_PV2_DRAFT_MINUTES_BODY",
        ],
    );
    let public = list_files(&site.out("output/committees/panel/2021-09-24"));
    let packs = supplementary_packs(&public);
    let page = site.text("output/committees/panel/2021-09-24/index.html");
    assert!(page.contains("Late report"), "{page}");
    assert_eq!(packs, vec!["supplementary-2.pdf"], "{public:?}\n{page}");
    // The control: members have both, numbered the same way.
    let members = list_files(&site.out("confidential/committees/panel/2021-09-24"));
    let theirs = supplementary_packs(&members);
    assert_eq!(
        theirs,
        vec!["supplementary-1.pdf", "supplementary-2.pdf"],
        "{members:?}"
    );
}

/// A draft that is its item's only document, on an item added after the agenda: the item
/// is in the supplement (it is public), the draft is not, and nothing of it is shown.
/// Held.
#[test]
fn a_draft_that_is_a_late_items_only_document_leaves_no_trace() {
    let site = Site::new("pv2-draft-only-doc");
    september_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Fostering allowances\n    published: 2021-09-17\n    documents: [note.md]\n  - title: Adoption\n    documents: [late.md]\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/note.md"),
        "---\ntitle: CANARY_PV2_DRAFT_ONLY_TITLE\nkind: report\ndraft: true\npublished: 2021-09-18\n---\n\nCANARY_PV2_DRAFT_ONLY_BODY\n",
    );
    late_report(&site);
    let as_of = "2021-09-21";
    assert_withheld(
        &site,
        as_of,
        &["CANARY_PV2_DRAFT_ONLY_TITLE", "CANARY_PV2_DRAFT_ONLY_BODY"],
    );
    let public = list_files(&site.out("output/committees/panel/2021-09-24"));
    let members = list_files(&site.out("confidential/committees/panel/2021-09-24"));
    // Both see the late item (17th) as supplementary agenda 1 and the late report (20th)
    // as 2; the draft's day (18th) makes no third.
    assert_eq!(
        supplementary_packs(&public),
        supplementary_packs(&members),
        "public {public:?} members {members:?}"
    );
    assert_eq!(
        supplementary_packs(&public),
        vec!["supplementary-1.pdf", "supplementary-2.pdf"],
        "{public:?}"
    );
}

// ============================================================== 5. look-alike letters

/// A panel meeting whose exempt report holds the 8-word line `EXEMPT_LINE` (one phrase),
/// and whose public report `update.md` says `public`.
const EXEMPT_LINE: &str = "Preferred bidder: Curvex Holdings Ltd, Unit 4, Yeovil.";

fn lookalike_site(label: &str, public: &str) -> Site {
    pasted_site(
        label,
        EXEMPT_LINE,
        &format!("CANARY_PV2_LOOKALIKE {public}"),
    )
}

/// Which variants of the exempt line were published (not refused).
fn published_lookalikes(prefix: &str, variants: &[(&str, String)]) -> Vec<String> {
    published_pastes(variants, "CANARY_PV2_LOOKALIKE", |label, text| {
        lookalike_site(&format!("{prefix}-{label}"), text)
    })
}

// Was a leak: the exempt line retyped with Greek lower-case nu (ν, looks like v) or upsilon (υ, looks like u), or Cyrillic ү (looks like y) or ѵ (izhitsa, looks like v), is published in /committees/panel/2021-09-24/update/ and the pack (gate::words `latin_look_alike` maps ν to n and υ to y, after their capitals, and lacks ү, ѵ).
#[test]
fn cyrillic_and_greek_look_alikes_of_u_v_y_are_refused() {
    // The controls: Latin, and the look-alikes the fix maps (with accents and full-width
    // letters mixed in), are refused.
    let held: Vec<(&str, String)> = vec![
        ("latin", EXEMPT_LINE.to_string()),
        (
            "cyrillic-mapped",
            EXEMPT_LINE
                .replace('e', "\u{435}")
                .replace('o', "\u{43e}")
                .replace('C', "\u{421}"),
        ),
        // Cyrillic ё (е with diaeresis) and Greek ό (omicron with tonos), as accents.
        (
            "cyrillic-greek-accented",
            EXEMPT_LINE
                .replace("Yeovil", "Y\u{451}\u{3cc}vil")
                .replace("Holdings", "H\u{3cc}ldings"),
        ),
        // Full-width Latin mixed with Cyrillic in the same words.
        (
            "fullwidth-mixed",
            EXEMPT_LINE
                .replace("Curvex", "\u{ff23}\u{ff55}rv\u{435}x")
                .replace("Holdings", "\u{ff28}\u{43e}ldings"),
        ),
        // Greek capitals (their lower case is mapped).
        (
            "greek-capitals",
            EXEMPT_LINE
                .replace("Yeovil", "\u{3a5}eovil")
                .replace("Preferred", "\u{3a1}referred")
                .replace("Holdings", "\u{397}oldings"),
        ),
    ];
    let published = published_lookalikes("pv2-la-held", &held);
    assert!(published.is_empty(), "controls published: {published:#?}");
    let attacks: Vec<(&str, String)> = vec![
        ("greek-nu-for-v", EXEMPT_LINE.replace('v', "\u{3bd}")),
        ("greek-upsilon-for-u", EXEMPT_LINE.replace('u', "\u{3c5}")),
        ("cyrillic-ue-for-y", EXEMPT_LINE.replace('Y', "\u{4ae}")),
        (
            "cyrillic-izhitsa-for-v",
            EXEMPT_LINE.replace('v', "\u{475}"),
        ),
    ];
    let published = published_lookalikes("pv2-la-uvy", &attacks);
    assert!(
        published.is_empty(),
        "the exempt line was published as: {published:#?}"
    );
}

// Was a leak: the exempt line with look-alikes from outside Cyrillic and Greek (Latin small capitals as "fancy text" generators write them, Turkish dotless ı, Armenian օ) is published in /committees/panel/2021-09-24/update/ (gate::words `fold` has no confusables table beyond Cyrillic/Greek).
#[test]
fn other_look_alike_letters_are_refused() {
    let attacks: Vec<(&str, String)> = vec![
        (
            "small-capitals",
            EXEMPT_LINE
                .replace("Preferred", "ᴘʀᴇꜰᴇʀʀᴇᴅ")
                .replace("Curvex", "ᴄᴜʀᴠᴇx")
                .replace("Yeovil", "ʏᴇᴏᴠɪʟ"),
        ),
        ("dotless-i", EXEMPT_LINE.replace('i', "\u{131}")),
        ("armenian-o", EXEMPT_LINE.replace('o', "\u{585}")),
    ];
    let published = published_lookalikes("pv2-la-other", &attacks);
    assert!(
        published.is_empty(),
        "the exempt line was published as: {published:#?}"
    );
}
