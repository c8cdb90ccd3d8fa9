//! Fourth round on the last two commits' gate and minutes changes: exempt reports dated
//! by the FIRST meeting that lists them and plan changes dated by the agendas out on
//! their day (`gate::inventory`), attendance lines as plain public text, withheld titles
//! never excused by a same-meeting title (`gate::predates`, `Table::add`), minutes of
//! another meeting (`model::misfiled`) and untyped minutes (`model::minutes`
//! `own_minutes_untyped`), and look-alike letters (`gate::words`).
//!
//! Part A: ordinary council papers that must still build, with the canary withheld from
//! the public and present for members. Those marked `Was a false refusal:` were refused
//! when written, and build since: a title is kept from same-meeting titles only when the
//! officer hid it (`public_title`, or inside an exempt item); a report under an exempt
//! item counts from its first exempt listing; short attendance lines (a name and role)
//! are titles again; a minute of an exempt item may repeat what public papers of its
//! day said; an explicit `kind:` or a paper exempt on its own is never taken for
//! minutes. Two are refused on purpose, and pass once the sentence is allowed (see
//! `assert_refused_until_allowed`).
//!
//! Part B: leaks with plausible officer input, each with a positive control (the
//! members' edition holds the canary, and a contrasting input is refused). Those marked
//! `Was a leak:` published the canary when written, and are refused or withheld since.

use crate::common::attack::{assert_refused, owned};
use crate::common::public_views::{
    APPRAISAL, CABINET, JULY_ITEMS, PANEL, PROPERTY_UPDATE, assert_builds_withholding,
    assert_refused_until_allowed, cabinet_in_september, disposal_in_private, executive_cabinet,
    held_panel_meeting, july_meeting, key_decision_agenda, options_appraisal, pasted_site,
    private_cabinet_meeting, published, published_pastes, purchase_paper, purchase_plan_entry,
    secret, september_meeting,
};
use crate::common::scan::{found_in, missing_from};
use crate::common::site::{AS_OF, Site, meeting};
use crate::common::{build, stderr};

/// The forward plan entry KD/02/21, first published on 1 June 2021, with `extra`.
fn plan_entry(site: &Site, expected: &str, extra: &str) {
    purchase_plan_entry(site, expected, "2021-06-01", extra);
}

/// The members' edition builds and holds `canary`, or (when the minutes are refused as
/// another meeting's, in both editions) is refused in the same words.
fn assert_members_have(site: &Site, as_of: &str, canary: &str) {
    let out = build(site.path(), as_of, &["--confidential"]);
    if !out.status.success() {
        let err = stderr(&out);
        assert!(
            err.contains("minutes-in-another-folder") || err.contains("is exempt item"),
            "members: {err}"
        );
        return;
    }
    let missing = missing_from(&site.out("confidential"), &owned(&[canary]));
    assert!(missing.is_empty(), "the members' edition lacks {missing:?}");
}

/// July's own minutes, in July's folder, the exempt minute (item 3) holding `canary`.
fn july_minutes(site: &Site, canary: &str, minute3: &str) {
    site.write(
        &format!("{PANEL}/2021-07-02/minutes.md"),
        &format!(
            "---\ntitle: Minutes of the meeting held on 2 July 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Exclusion of the public\n\n**Resolved:** That the public be excluded.\n\n## 3 An individual placement\n\n{minute3} The Panel discussed {canary}.\n"
        ),
    );
}

// ============================================================ A. false refusals

// ------------------------------------------------ withheld titles (gate::predates)

/// An exempt item whose title (public: no `public_title`) is a little longer than its
/// report's title: the item is "Purchase of land at Mill Lane, Ashby", the report
/// "Purchase of land at Mill Lane". The report's title is withheld (its paper is), but
/// the same words are on the public agenda of the same meeting in the item's own title,
/// which the officer made public.
#[test]
fn an_exempt_reports_title_inside_its_items_public_title_builds() {
    let canary = "CANARY_PV4_TITLE_INSIDE";
    let site = Site::new("pv4-title-inside");
    september_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Exclusion of the public\n  - title: Purchase of land at Mill Lane, Ashby\n    exempt: [3]\n    documents: [purchase.md]\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/purchase.md"),
        &format!(
            "---\ntitle: Purchase of land at Mill Lane\nkind: report\n---\n\n{}\n",
            secret(canary)
        ),
    );
    assert_builds_withholding(&site, AS_OF, &[canary]);
}

/// The brief's example: an exempt item's real title "Purchase of land at Mill Lane,
/// Ashby" (public title "Land acquisition") in September, and at October's meeting a
/// public item "Purchase of land at Mill Lane: update" with its report and a minute
/// headed the same way. Shares six words with the real title, but not the whole of it.
#[test]
fn a_later_public_item_sharing_words_with_a_real_title_builds() {
    let canary = "CANARY_PV4_LATER_UPDATE";
    let site = Site::new("pv4-later-update");
    september_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Exclusion of the public\n  - title: \"Purchase of land at Mill Lane, Ashby\"\n    public_title: Land acquisition\n    exempt: [3]\n    documents: [purchase.md]\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/purchase.md"),
        &format!(
            "---\ntitle: Land acquisition\nkind: report\n---\n\n{}\n",
            secret(canary)
        ),
    );
    site.write(
        &format!("{PANEL}/2021-09-24/minutes.md"),
        &format!(
            "---\ntitle: Minutes of the meeting held on 24 September 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Exclusion of the public\n\n**Resolved:** That the public be excluded.\n\n## 3 Land acquisition\n\nThe Panel agreed {canary}.\n"
        ),
    );
    meeting(
        &site,
        "panel",
        "2021-10-22",
        "2021-10-14",
        "  - title: Apologies for absence\n  - title: Minutes of the meeting held on 24 September 2021\n    documents: [../2021-09-24/minutes.md]\n  - title: \"Purchase of land at Mill Lane: update\"\n    documents: [update.md]\n",
    );
    site.write(
        &format!("{PANEL}/2021-10-22/update.md"),
        "---\ntitle: \"Purchase of land at Mill Lane: update\"\nkind: report\n---\n\nThe purchase of land at Mill Lane was completed on 15 October.\n",
    );
    site.write(
        &format!("{PANEL}/2021-10-22/minutes.md"),
        "---\ntitle: Minutes of the meeting held on 22 October 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Minutes of the meeting held on 24 September 2021\n\n**Resolved:** That the minutes be approved.\n\n## 3 Purchase of land at Mill Lane: update\n\n**Resolved:** That the update be noted.\n",
    );
    let as_of = "2021-11-01";
    assert_builds_withholding(&site, as_of, &[canary]);
}

// ------------------------------------ exempt reports dated by their first listing

/// Cabinet's exempt "Purchase of a property" (purchase.md, holding `secret(canary)` and
/// `extra`) was deferred on 24 September and listed again on 22 October; the forward plan
/// entry has `plan` added.
fn deferred_site(
    label: &str,
    canary: &str,
    extra: &str,
    minutes_summary: &str,
    plan: &str,
) -> Site {
    let site = executive_cabinet(label);
    let agenda = key_decision_agenda("", "Purchase of a property", "purchase.md");
    cabinet_in_september(&site, &format!("{agenda}{minutes_summary}"));
    private_cabinet_meeting(
        &site,
        "2021-10-22",
        "2021-10-14",
        "2021-09-20",
        &key_decision_agenda(
            "",
            "Purchase of a property (deferred from 24 September)",
            "../2021-09-24/purchase.md",
        ),
    );
    site.write(
        &format!("{CABINET}/2021-09-24/purchase.md"),
        &purchase_paper(&format!("{extra}\n\n{}", secret(canary))),
    );
    plan_entry(&site, "2021-10-22", plan);
    site
}

/// What the officer records in public about the deferral, and then writes into the
/// exempt report when it goes back to Cabinet.
const DEFERRAL: &str = "Cabinet deferred this item on 24 September 2021 so that an independent valuation of the property could be obtained.";

// Refused on purpose: the exempt report, re-issued for 22 October, repeats the public forward plan change of 27 September recording the deferral. The report counts as written on 24 September (its first listing, so that the public papers beside a deferred item cannot quote it), so the change cannot excuse it; `allow` lets it through.
#[test]
fn a_deferred_exempt_report_may_repeat_the_public_record_of_its_deferral() {
    let canary = "CANARY_PV4_DEFERRAL_PLAN";
    let site = deferred_site(
        "pv4-deferral-plan",
        canary,
        DEFERRAL,
        "",
        &format!("history:\n  - date: 2021-09-27\n    change: \"{DEFERRAL}\"\n"),
    );
    assert_deferral_refused_until_allowed(&site, canary);
}

// Refused on purpose: the same, where the public record is the minutes_summary of 24 September's exempt minute (published in the public minutes), which the re-issued exempt report repeats.
#[test]
fn a_deferred_exempt_report_may_repeat_its_public_minutes_summary() {
    let canary = "CANARY_PV4_DEFERRAL_SUMMARY";
    let site = deferred_site(
        "pv4-deferral-summary",
        canary,
        DEFERRAL,
        &format!("    minutes_summary: \"{DEFERRAL}\"\n"),
        "",
    );
    site.write(
        &format!("{CABINET}/2021-09-24/minutes.md"),
        "---\ntitle: Minutes of the meeting held on 24 September 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Exclusion of the public\n\n**Resolved:** That the public be excluded.\n\n## 3 Purchase of a property\n\nThe Head of Estates explained that a second valuation was needed.\n",
    );
    assert_deferral_refused_until_allowed(&site, canary);
}

/// A deferred exempt report counts as written when it was first listed (24 September),
/// so public words written after that, which the report issued again repeats, cannot
/// be told from a leak: the gate refuses, and the officer lists the sentence under
/// `allow`, as the message says. Then the build passes, and the rest of the report is
/// still withheld.
fn assert_deferral_refused_until_allowed(site: &Site, canary: &str) {
    let file = "2021-09-24/purchase.md";
    assert_refused_until_allowed(site, "2021-11-01", file, DEFERRAL, canary);
}

/// The officer who wrote the exempt report attended both meetings at which it was
/// listed (deferred on 2 July, taken on 24 September); the report ends with the usual
/// contact line, which is the officer's attendance line word for word.
// Refused on purpose: an attendance line is ordinary text, not a title, so that it cannot repeat the exempt report of its meeting (attacks_public_views_5.rs: a preferred bidder's agent named as the report names the bidder). A contact paragraph equal to the line is therefore refused too, and `allow` lets it through.
#[test]
fn a_deferred_reports_author_in_attendance_at_both_meetings_builds() {
    let canary = "CANARY_PV4_AUTHOR_DEFERRED";
    let site = Site::new("pv4-author-deferred");
    let officer = "Pat Jones, Head of Estates and Valuation";
    for (date, published, doc) in [
        ("2021-07-02", "2021-06-24", "purchase.md"),
        ("2021-09-24", "2021-09-16", "../2021-07-02/purchase.md"),
    ] {
        held_panel_meeting(
            &site,
            date,
            published,
            &[officer, "Sam Lee, Democratic Services Officer"],
            &format!(
                "  - title: Apologies for absence\n  - title: Exclusion of the public\n  - title: Purchase of a property\n    exempt: [3]\n    documents: [{doc}]\n"
            ),
        );
    }
    site.write(
        &format!("{PANEL}/2021-07-02/purchase.md"),
        &purchase_paper(&format!(
            "{}\n\n## Contact officer\n\n{officer}",
            secret(canary)
        )),
    );
    assert_refused_until_allowed(&site, AS_OF, "2021-07-02/purchase.md", officer, canary);
}

/// A public options appraisal taken in public on 2 July is listed again, as background,
/// under September's exempt item on the disposal (with the exempt valuation); in August
/// the scrutiny committee's public report quoted the appraisal's recommendation, as
/// published in July.
// Was a false refusal: the appraisal is now withheld (the most restrictive listing wins) and counts as written on 2 July, its first listing, so August's public report, which quoted it while it was public, is refused; before these commits it counted as written on 24 September and August predated it.
#[test]
fn a_public_report_quoted_before_it_was_relisted_under_an_exempt_item_builds() {
    let canary = "CANARY_PV4_RELISTED";
    let site = Site::new("pv4-relisted");
    site.committee("scrutiny", "Overview and Scrutiny Committee");
    options_appraisal(&site);
    meeting(
        &site,
        "scrutiny",
        "2021-08-10",
        "2021-08-02",
        "  - title: Apologies for absence\n  - title: Depot review\n    documents: [depots.md]\n",
    );
    site.write(
        "content/committees/scrutiny/2021-08-10/depots.md",
        &format!(
            "---\ntitle: Depot review\nkind: report\n---\n\nOn 2 July the panel was recommended:\n\n> {APPRAISAL}\n"
        ),
    );
    disposal_in_private(&site, "2021-09-24", "2021-09-16", canary);
    assert_builds_withholding(&site, AS_OF, &[canary]);
}

/// What real papers do around a key decision taken in private and deferred twice (2
/// July, 24 September, 22 October): the exempt report quotes an earlier public report
/// (June) and the forward plan summary; the plan's history repeats its summary and the
/// item's title; the public reports at each meeting open with the same template the
/// exempt report uses (also in June's public report). Held if it builds.
#[test]
fn a_twice_deferred_exempt_item_with_template_reports_builds() {
    let canary = "CANARY_PV4_TWICE_DEFERRED";
    let site = executive_cabinet("pv4-twice-deferred");
    let template = "This report has been prepared in accordance with the council's constitution and the financial procedure rules.";
    let strategy = "The council will acquire up to four properties for use as small children's homes by March 2023.";
    let summary = "To approve the purchase of a property in the north of the borough for use as a children's home.";
    site.write(
        &format!("{CABINET}/2021-06-04/meeting.yaml"),
        "date: 2021-06-04\ntime: \"10:00\"\nvenue: Council Chamber\nstatus: held\nagenda_published: 2021-05-27\nitems:\n  - title: Apologies for absence\n  - title: Children's homes strategy\n    documents: [strategy.md]\n",
    );
    site.write(
        &format!("{CABINET}/2021-06-04/strategy.md"),
        &format!(
            "---\ntitle: Children's homes strategy\nkind: report\n---\n\n{template}\n\n{strategy}\n"
        ),
    );
    let dates = [
        ("2021-07-02", "2021-06-24", "2021-06-01"),
        ("2021-09-24", "2021-09-16", "2021-08-20"),
        ("2021-10-22", "2021-10-14", "2021-09-20"),
    ];
    for (i, (date, published, first)) in dates.iter().enumerate() {
        let doc = if i == 0 {
            "purchase.md".to_string()
        } else {
            "../2021-07-02/purchase.md".to_string()
        };
        private_cabinet_meeting(
            &site,
            date,
            published,
            first,
            &key_decision_agenda(PROPERTY_UPDATE, "Purchase of a property", &doc),
        );
        site.write(
            &format!("{CABINET}/{date}/update.md"),
            &format!(
                "---\ntitle: Property update\nkind: report\n---\n\n{template}\n\nAn update on the council's property for the meeting of {date}.\n"
            ),
        );
    }
    site.write(
        &format!("{CABINET}/2021-07-02/purchase.md"),
        &format!(
            "---\ntitle: Purchase of a property\nkind: report\n---\n\n{template}\n\n## Background\n\nThe forward plan entry reads:\n\n> {summary}\n\nThe strategy approved in June says:\n\n> {strategy}\n\n{}\n",
            secret(canary)
        ),
    );
    plan_entry(
        &site,
        "2021-10-22",
        &format!(
            "summary: \"{summary}\"\nhistory:\n  - date: 2021-07-05\n    change: \"Purchase of a property: deferred to 24 September 2021. {summary}\"\n  - date: 2021-09-27\n    change: \"Purchase of a property: deferred to 22 October 2021.\"\n"
        ),
    );
    let as_of = "2021-11-01";
    assert_builds_withholding(&site, as_of, &[canary]);
}

/// Minutes of a meeting with exempt business (the exempt minute found) that quote the
/// recommendation of a public report of the same meeting, and record the usual
/// resolution in both a public minute and the exempt one. The panel met in June too,
/// and June's public minutes used the same resolution.
// Refused on purpose (older than these commits): the usual "Resolved: That the recommendations in the report be approved." in July's exempt minute (dated 2 July) is refused, blaming June's public minutes, which count as written on 2 July (approved there). The minute of an exempt item is as old as its meeting, so that a public paper of that meeting holding its words is caught (tests/it/record.rs); a template line that only minutes approved at that meeting had before is listed under `allow`, as docs/leak-gate.md says for a new site's first exempt business.
#[test]
fn minutes_quoting_their_meetings_public_report_build() {
    let canary = "CANARY_PV4_MINUTES_QUOTE";
    let site = Site::new("pv4-minutes-quote");
    let usual = "**Resolved:** That the recommendations in the report be approved.";
    let recommendation = "That the Panel endorses the fostering recruitment plan for 2021/22 and asks for a progress report in March.";
    meeting(
        &site,
        "panel",
        "2021-06-04",
        "2021-05-27",
        "  - title: Apologies for absence\n  - title: Sufficiency strategy\n",
    );
    site.write(
        &format!("{PANEL}/2021-06-04/minutes.md"),
        &format!(
            "---\ntitle: Minutes of the meeting held on 4 June 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Sufficiency strategy\n\n{usual}\n"
        ),
    );
    july_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Minutes of the meeting held on 4 June 2021\n    documents: [../2021-06-04/minutes.md]\n  - title: Fostering recruitment\n    documents: [recruitment.md]\n  - title: Exclusion of the public\n  - title: Placement of Child X\n    public_title: An individual placement\n    exempt: [1]\n",
    );
    site.write(
        &format!("{PANEL}/2021-07-02/recruitment.md"),
        &format!("---\ntitle: Fostering recruitment\nkind: report\n---\n\n## Recommendation\n\n{recommendation}\n"),
    );
    site.write(
        &format!("{PANEL}/2021-07-02/minutes.md"),
        &format!(
            "---\ntitle: Minutes of the meeting held on 2 July 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Minutes of the meeting held on 4 June 2021\n\n**Resolved:** That the minutes be approved.\n\n## 3 Fostering recruitment\n\n**Resolved:** {recommendation}\n\n## 4 Exclusion of the public\n\n**Resolved:** That the public be excluded.\n\n## 5 An individual placement\n\nThe Panel discussed {canary}.\n\n{usual}\n"
        ),
    );
    assert_refused_until_allowed(
        &site,
        AS_OF,
        "2021-07-02/minutes.md",
        "Resolved: That the recommendations in the report be approved.",
        canary,
    );
}

/// An exempt report saved in July's folder (the item was pulled from July's agenda
/// before it went out) and first listed at September's meeting; it quotes the public
/// report that July's meeting took. Held if it builds.
#[test]
fn an_exempt_report_in_an_earlier_folder_may_quote_that_meetings_public_report() {
    let canary = "CANARY_PV4_EARLIER_FOLDER";
    let site = Site::new("pv4-earlier-folder");
    let background =
        "The depot at Mill Lane closed in March and the service moved to the Green Lane site.";
    july_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Depot review\n    documents: [depots.md]\n",
    );
    site.write(
        &format!("{PANEL}/2021-07-02/depots.md"),
        &format!("---\ntitle: Depot review\nkind: report\n---\n\n{background}\n"),
    );
    site.write(
        &format!("{PANEL}/2021-07-02/disposal.md"),
        &format!(
            "---\ntitle: Disposal of Mill Lane depot\nkind: report\n---\n\n{background}\n\n{}\n",
            secret(canary)
        ),
    );
    september_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Exclusion of the public\n  - title: Disposal of Mill Lane depot\n    exempt: [3]\n    documents: [../2021-07-02/disposal.md]\n",
    );
    assert_builds_withholding(&site, AS_OF, &[canary]);
}

// -------------------------------------- documents titled as minutes (model::misfiled)

/// September's public action log, titled as councils title it: "Actions arising from
/// the minutes of the meeting held on 2 July 2021". It is a report, not minutes, and
/// July's own minutes (with their exempt minute) are in July's folder.
// Was a false refusal: refused with minutes-in-another-folder ("their title names the meeting of 2 July 2021 ... which had exempt business"): model::misfiled `check` takes any document with the word "minutes" in its title for minutes, and `dated_as_another` refuses it for naming July's date.
#[test]
fn an_action_log_titled_from_last_meetings_minutes_builds() {
    let canary = "CANARY_PV4_ACTION_LOG";
    let site = Site::new("pv4-action-log");
    july_meeting(&site, JULY_ITEMS);
    july_minutes(&site, canary, "");
    september_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Minutes of the meeting held on 2 July 2021\n    documents: [../2021-07-02/minutes.md]\n  - title: Action log\n    documents: [action-log.md]\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/action-log.md"),
        "---\ntitle: Actions arising from the minutes of the meeting held on 2 July 2021\nkind: report\n---\n\n| Minute | Action | Officer | Status |\n|---|---|---|---|\n| 1 | Circulate the fostering data | Sam Lee | Done |\n",
    );
    assert_builds_withholding(&site, AS_OF, &[canary]);
}

/// The "pink papers" practice: July's exempt minute kept as a separate document, exempt
/// as a whole (`exempt: [1]` in its front matter), in July's own folder, with no `kind:`,
/// listed under September's exempt item that approves it. July's public minutes head
/// minute 3 and say it is recorded separately. Nothing of the exempt document can reach
/// the public: it is withheld whole.
// Was a false refusal: refused ("these minutes are kind: other, but the meeting has exempt business", minutes-out-of-step): model::minutes `own_minutes_untyped` reads the document as July's minutes because its title names July's date, though the whole document is exempt.
#[test]
fn separate_exempt_minutes_withheld_whole_build() {
    let canary = "CANARY_PV4_PINK_MINUTES";
    let site = Site::new("pv4-pink-minutes");
    july_meeting(&site, JULY_ITEMS);
    july_minutes(&site, "the placement (see the exempt minute)", "");
    site.write(
        &format!("{PANEL}/2021-07-02/exempt-minutes.md"),
        &format!(
            "---\ntitle: Exempt minutes of the meeting held on 2 July 2021\nexempt: [1]\n---\n\n## 3 Placement of Child X\n\nThe Panel discussed {canary} and the cost of the placement.\n"
        ),
    );
    september_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Minutes of the meeting held on 2 July 2021\n    documents: [../2021-07-02/minutes.md]\n  - title: Exclusion of the public\n  - title: Exempt minutes of the meeting held on 2 July 2021\n    exempt: [1]\n    documents: [../2021-07-02/exempt-minutes.md]\n",
    );
    assert_builds_withholding(&site, AS_OF, &[canary]);
}

/// Another body's minutes (the council's Fostering Panel, an officer panel quire does not
/// hold), noted as a report by the Corporate Parenting Panel, which has exempt business
/// of its own under the common parent item "Exclusion of the press and public". The
/// Fostering Panel's minutes have a heading "Exclusion of the press and public" too.
// Was a false refusal: refused ("these minutes are kind: report, but the meeting has exempt business"): model::minutes `own_minutes_untyped` reads any document titled "minutes" with a heading holding one of its meeting's exempt titles as the meeting's own minutes.
#[test]
fn another_bodys_minutes_with_a_standard_exclusion_heading_build() {
    let canary = "CANARY_PV4_OTHER_BODY_EXCLUSION";
    let site = Site::new("pv4-other-body-exclusion");
    september_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Fostering Panel minutes\n    documents: [fostering-panel.md]\n  - title: Exclusion of the press and public\n    exempt: [1]\n    items:\n      - title: Placement review\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/fostering-panel.md"),
        "---\ntitle: Minutes of the Fostering Panel\nkind: report\n---\n\n## 1 Welcome\n\nThe chair welcomed the panel.\n\n## 2 Exclusion of the press and public\n\nThe panel considered the approval of foster carers in private.\n\n## 3 Annual report\n\nThe annual report was agreed.\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/minutes.md"),
        &format!(
            "---\ntitle: Minutes\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Fostering Panel minutes\n\nNoted.\n\n## 3 Exclusion of the press and public\n\n**Resolved:** That the public be excluded.\n\n### 3a Placement review\n\nThe Panel reviewed {canary}.\n"
        ),
    );
    assert_builds_withholding(&site, AS_OF, &[canary]);
}

/// A public appendix to the minutes written for the same meeting: the written answers
/// to public questions, "Public questions and answers, appendix to the minutes of 24
/// September 2021", kind report, in the folder of a meeting with exempt business.
// Was a false refusal: refused ("these minutes are kind: report, but the meeting has exempt business"): model::minutes `own_minutes_untyped` takes any document whose title has "minutes" and its own meeting's date for the meeting's minutes.
#[test]
fn a_public_appendix_to_the_minutes_builds() {
    let canary = "CANARY_PV4_APPENDIX_TO_MINUTES";
    let site = Site::new("pv4-appendix-to-minutes");
    september_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Public questions\n    documents: [questions.md]\n  - title: Exclusion of the public\n  - title: Placement of Child X\n    public_title: An individual placement\n    exempt: [1]\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/questions.md"),
        "---\ntitle: Public questions and answers, appendix to the minutes of 24 September 2021\nkind: report\n---\n\n## Question from Ms A Smith\n\nHow many children are placed out of the borough?\n\n## Answer\n\nForty-two, as at 31 August.\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/minutes.md"),
        &format!(
            "---\ntitle: Minutes\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Public questions\n\nOne question was answered (see the appendix).\n\n## 3 Exclusion of the public\n\n**Resolved:** That the public be excluded.\n\n## 4 An individual placement\n\nThe Panel discussed {canary}.\n"
        ),
    );
    assert_builds_withholding(&site, AS_OF, &[canary]);
}

// ================================================================== B. leaks

/// Cabinet took "Purchase of a property" in private on 2 July. Its exempt minute is kept
/// as a separate paper, `exempt-minute.md` (exempt on its own, kind report), in July's
/// folder, and approved under September's exempt item. The forward plan entry records
/// the decision in a history change of 6 July that copies the exempt minute's
/// resolution. If `in_minutes`, the same minute is instead the exempt minute in July's
/// minutes.md (the control).
fn exempt_minute_site(label: &str, canary: &str, in_minutes: bool) -> Site {
    let site = executive_cabinet(label);
    let resolution = format!(
        "Cabinet agreed to offer {canary} for the freehold of Holly Garth after the valuer's verbal update."
    );
    private_cabinet_meeting(
        &site,
        "2021-07-02",
        "2021-06-24",
        "2021-06-01",
        &key_decision_agenda("", "Purchase of a property", "purchase.md"),
    );
    site.write(
        &format!("{CABINET}/2021-07-02/purchase.md"),
        &purchase_paper("The valuation is attached."),
    );
    let minute3 = if in_minutes {
        resolution.clone()
    } else {
        "The exempt minute is recorded separately.".to_string()
    };
    site.write(
        &format!("{CABINET}/2021-07-02/minutes.md"),
        &format!(
            "---\ntitle: Minutes of the meeting held on 2 July 2021\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Exclusion of the public\n\n**Resolved:** That the public be excluded.\n\n## 3 Purchase of a property\n\n{minute3}\n"
        ),
    );
    let mut sept = "  - title: Apologies for absence\n  - title: Minutes of the meeting held on 2 July 2021\n    documents: [../2021-07-02/minutes.md]\n".to_string();
    if !in_minutes {
        site.write(
            &format!("{CABINET}/2021-07-02/exempt-minute.md"),
            &format!(
                "---\ntitle: \"Exempt minute 3: Purchase of a property\"\nkind: report\nexempt: [3]\n---\n\n{resolution}\n"
            ),
        );
        sept.push_str("  - title: Exclusion of the public\n  - title: Exempt minute of the meeting held on 2 July 2021\n    exempt: [3]\n    documents: [../2021-07-02/exempt-minute.md]\n");
    }
    let notice = match in_minutes {
        true => "",
        false => {
            "private_notice:\n  first: 2021-08-20\n  final: 2021-09-16\n  reasons: The price of a property is discussed.\n  representations: None received.\n  response: None needed.\n"
        }
    };
    site.write(
        &format!("{CABINET}/2021-09-24/meeting.yaml"),
        &format!("date: 2021-09-24\ntime: \"10:00\"\nvenue: Council Chamber\nstatus: held\nagenda_published: 2021-09-16\n{notice}items:\n{sept}"),
    );
    plan_entry(
        &site,
        "2021-07-02",
        &format!(
            "history:\n  - date: 2021-07-06\n    change: \"Decision taken on 2 July 2021. {resolution}\"\n"
        ),
    );
    site
}

// Was a leak: an exempt minute kept as its own paper in July's folder (exempt: [3], kind: report, "Exempt minute 3: Purchase of a property") and first listed at September's meeting counts for the gate as written on 24 September (its first listing), not at its own meeting; a forward plan history change of 6 July copying its resolution (dated as 2 July) is taken as earlier public text, and the price is published at /forward-plan/kd-02-21/ (gate::inventory `documents`: an exempt paper's date is its first listing, the home meeting is ignored).
#[test]
fn a_plan_change_cannot_quote_an_exempt_minute_kept_as_its_own_paper() {
    let canary = "CANARY_PV4_EXEMPT_MINUTE_PAPER";
    let as_of = "2021-10-01";
    let site = exempt_minute_site("pv4-exempt-minute-paper", canary, false);
    let leaked = published(&site, as_of, canary, "exempt-minute.md");
    assert_members_have(&site, as_of, canary);
    // The control: the same minute written in July's minutes.md is refused.
    let control = exempt_minute_site("pv4-exempt-minute-paper-control", canary, true);
    assert_refused(
        &control,
        as_of,
        "2021-07-02/minutes.md",
        "words withheld from the public",
    );
    assert!(
        leaked.is_empty(),
        "the exempt minute was published: {leaked:#?}"
    );
}

/// July's agenda with the common exempt parent "Exclusion of the press and public" and
/// the exempt matter as its sub-item; July's minutes saved in September's folder, headed
/// exactly as July's agenda, listed under September's "Minutes of the last meeting".
/// September has no exempt business; if `standing`, its agenda keeps the standing item
/// "Exclusion of the press and public" (not needed this time).
fn sub_item_minutes_site(label: &str, canary: &str, standing: bool) -> Site {
    let site = Site::new(label);
    july_meeting(
        &site,
        "  - title: Apologies for absence\n  - title: Exclusion of the press and public\n    exempt: [1]\n    items:\n      - title: Placement review\n",
    );
    let mut sept = "  - title: Apologies for absence\n  - title: Minutes of the last meeting\n    documents: [minutes-2-july.md]\n  - title: Fostering update\n".to_string();
    if standing {
        sept.push_str("  - title: Exclusion of the press and public\n    body: No exempt business is expected.\n");
    }
    september_meeting(&site, &sept);
    site.write(
        &format!("{PANEL}/2021-09-24/minutes-2-july.md"),
        &format!(
            "---\ntitle: Minutes of the last meeting\nkind: minutes\n---\n\n## 1 Apologies for absence\n\nNone.\n\n## 2 Exclusion of the press and public\n\n**Resolved:** That the public be excluded.\n\n### 2a Placement review\n\nThe Panel discussed {canary} and the cost of the placement.\n"
        ),
    );
    site
}

// Was a leak: July's minutes saved in September's folder (kind: minutes, no date in the title), headed exactly as July's agenda, publish July's exempt sub-minute "2a Placement review" (a title too short for the gate to look for) at /committees/panel/2021-09-24/minutes-2-july/ when September's agenda keeps the standing item "Exclusion of the press and public": model::misfiled indexes only items exempt on their own (the parent), whose heading is excused by `same_matter` with September's standing item, and never the sub-items exempt through it.
#[test]
fn another_meetings_exempt_sub_minute_is_not_published_beside_a_standing_item() {
    let canary = "CANARY_PV4_SUB_MINUTE";
    let site = sub_item_minutes_site("pv4-sub-minute", canary, true);
    let leaked = published(&site, AS_OF, canary, "2021-09-24/minutes-2-july.md");
    assert_members_have(&site, AS_OF, canary);
    // The control: without the standing item, the parent's heading gives them away.
    let control = sub_item_minutes_site("pv4-sub-minute-control", "CANARY_PV4_SUB_CONTROL", false);
    assert_refused(
        &control,
        AS_OF,
        "2021-09-24/minutes-2-july.md",
        "is exempt item 2 of the meeting of 2 July 2021",
    );
    assert!(
        leaked.is_empty(),
        "July's exempt sub-minute was published: {leaked:#?}"
    );
}

/// A panel meeting whose exempt report holds `EXEMPT_LINE` (one phrase), and whose
/// public report `update.md` says `public`, marked with a canary to find it.
const EXEMPT_LINE: &str = "Preferred bidder: Holly Garth Holdings Ltd, Unit 4, Yeovil.";

fn lookalike_site(label: &str, public: &str) -> Site {
    pasted_site(
        label,
        EXEMPT_LINE,
        &format!("CANARY_PV4_LOOKALIKE\n\n{public}"),
    )
}

// Was a leak: the exempt line retyped with Cyrillic palochka (ӏ, U+04CF) for Latin l, Greek eta (η) for n or Greek gamma (γ) for y is published in /committees/panel/2021-09-24/update/ and the pack; the palochka was read as l before these commits and is now read as i (gate::words `latin_look_alike`: 'Ӏ' | 'ӏ' => 'i'), and η, γ have no mapping.
#[test]
fn more_look_alike_letters_are_refused() {
    let variants: Vec<(&str, String)> = vec![
        ("palochka-for-l", EXEMPT_LINE.replace('l', "\u{04CF}")),
        ("eta-for-n", EXEMPT_LINE.replace('n', "\u{03B7}")),
        ("gamma-for-y", EXEMPT_LINE.replace('y', "\u{03B3}")),
    ];
    let leaked = published_pastes(&variants, "CANARY_PV4_LOOKALIKE", |label, text| {
        lookalike_site(&format!("pv4-lookalike-{label}"), text)
    });
    // The control: the line with Cyrillic о for o is refused, and members read the line.
    let control = lookalike_site(
        "pv4-lookalike-control",
        &EXEMPT_LINE.replace('o', "\u{043E}"),
    );
    assert_refused(
        &control,
        AS_OF,
        "2021-09-24/purchase.md",
        "words withheld from the public",
    );
    let out = build(control.path(), AS_OF, &["--confidential"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !found_in(
            &control.out("confidential"),
            &owned(&["Holly Garth Holdings"])
        )
        .is_empty(),
        "the members' edition lacks the exempt line"
    );
    assert!(leaked.is_empty(), "published: {leaked:#?}");
}
