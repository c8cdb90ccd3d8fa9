//! Attacks through the inputs themselves: what an officer types in `meeting.yaml`, a
//! document's front matter, a decision record or a forward plan entry, by mistake or by
//! copy-paste (duplicate keys, YAML spellings of values, anchors and merge keys, several
//! documents in one file, byte order marks, CRLF, tabs, non-breaking and zero-width
//! spaces, keys written where YAML reads them as text), and one site that plants a canary
//! in every withheld field and scans every public output for it.
//!
//! Each test plants `CANARY_…` tokens in what must stay private and asserts either that
//! no public byte holds them while the members' edition does (the positive control), or
//! that the build refuses, naming the file, and writes nothing. Tests marked "Found:"
//! failed when written (five published withheld matter; one found messages in the YAML
//! library's words), and pass since the fixes of the thirteenth session.

use crate::common::attack::{assert_refused, assert_withheld, assert_withheld_or_refused};
use crate::common::site::{AS_OF, Site, meeting};
use crate::common::{build, stderr};

const PANEL: &str = "content/committees/panel";
const MEETING: &str = "content/committees/panel/2021-09-24/meeting.yaml";
const REPORT: &str = "content/committees/panel/2021-09-24/report.md";

/// The panel's meeting of 24 September 2021, published on the 16th, with `items`.
fn september(site: &Site, items: &str) {
    meeting(site, "panel", "2021-09-24", "2021-09-16", items);
}

/// A site whose meeting lists `report.md` in a public item, with `report` as its text.
fn public_item_with_report(label: &str, report: &str) -> Site {
    let site = Site::new(label);
    september(
        &site,
        "  - title: Fostering service update\n    documents: [report.md]\n",
    );
    site.write(REPORT, report);
    site
}

/// A site whose meeting.yaml is exactly `text`.
fn meeting_yaml(label: &str, text: &str) -> Site {
    let site = Site::new(label);
    site.write(MEETING, text);
    site
}

/// The head of a meeting.yaml up to `items:`.
const HEAD: &str = "date: 2021-09-24\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: scheduled\nagenda_published: 2021-09-16\nitems:\n";

/// An officer's decision record in `content/decisions/`, as the decisions guide writes it.
const DECISION: &str = "content/decisions/2021-09-20-allowances.md";

// ---------------------------------------------------------------------------------------
// Found: withholding keys that quire reads as text, and so ignores.
// ---------------------------------------------------------------------------------------

/// Found: a document with a second front matter block. Only the first `---` block is read
/// (`load::frontmatter::split` stops at the first closing `---`); the second, with
/// `draft: true` or `exempt: [3]`, becomes Markdown (a thematic break and a setext
/// heading "draft: true") and the document is published with its body: on its page, in
/// the pack and the search index (and, for a decision record, on its page and in
/// `decisions/feed.xml`). This is what an officer gets by pasting a template's front
/// matter above a file that already has one, or adding "the draft settings" below it.
/// The gate reads the same library, so it cannot know either. It should be refused.
#[test]
fn a_second_front_matter_block_is_not_ignored() {
    for (label, second) in [
        ("fm2-draft", "draft: true"),
        ("fm2-exempt", "exempt: [3]"),
        ("fm2-both", "exempt: [3]\ndraft: true"),
    ] {
        let canary = "CANARY_SECOND_FRONT_MATTER";
        let site = public_item_with_report(
            label,
            &format!(
                "---\ntitle: Fostering service update\nkind: report\n---\n---\n{second}\n---\n\n{canary} the carer in Consett is paid twice the allowance.\n"
            ),
        );
        assert_withheld_or_refused(&site, AS_OF, &[canary], REPORT);
    }
    // An officer's decision record: the same.
    let canary = "CANARY_SECOND_FRONT_MATTER_DECISION";
    let site = Site::new("fm2-decision");
    site.write(
        DECISION,
        &format!(
            "---\ntitle: Foster carers' allowances\ndecision_maker: {{ name: John Pearce }}\ndate: 2021-09-20\npublished: 2021-09-21\n---\n---\ndraft: true\n---\n\n{canary} to raise the allowances.\n"
        ),
    );
    assert_withheld_or_refused(&site, AS_OF, &[canary], DECISION);
}

/// Found: a withholding key typed on the line after a block scalar (`body: |`, a letter's
/// `signed: |`), indented as the text above it, which is what an editor does when the
/// officer presses Enter at the end of the block. YAML reads it as one more line of the
/// text: the item or document is published, and the page shows "exempt: [3]" or
/// "draft: true" as words, with the withheld body beside them. For `public_title:` the
/// exempt item's real title is published. The library never holds the key, so the gate
/// cannot know. A line of a text value that reads as a withholding key (`exempt:`,
/// `draft:`, `public_title:`) should be refused as a key out of place.
#[test]
fn a_withholding_key_indented_into_the_text_above_is_not_ignored() {
    // An item's body swallows `exempt:`.
    let canary = "CANARY_SWALLOWED_EXEMPT";
    let site = Site::new("swallow-exempt");
    september(
        &site,
        &format!(
            "  - title: Disposal of land\n    body: |\n      {canary} The buyer offers four hundred thousand pounds for the site.\n      exempt: [3]\n"
        ),
    );
    assert_withheld_or_refused(&site, AS_OF, &[canary], MEETING);

    // An exempt item's body swallows its `public_title:`: the real title is published.
    let canary = "CANARY_SWALLOWED_TITLE";
    let site = Site::new("swallow-public-title");
    september(
        &site,
        &format!(
            "  - title: Placement of {canary} at Holly Garth\n    body: |\n      Members are asked to note the report.\n      public_title: Staffing matter\n    exempt: [1]\n"
        ),
    );
    assert_withheld_or_refused(&site, AS_OF, &[canary], MEETING);

    // A letter's signature swallows `draft: true`.
    let canary = "CANARY_SWALLOWED_DRAFT";
    let site = public_item_with_report(
        "swallow-draft",
        &format!(
            "---\ntitle: Letter to the provider\nkind: letter\nsigned: |\n  Yours sincerely\n  J Smith\n  draft: true\n---\n\n{canary} We will end the contract in March.\n"
        ),
    );
    assert_withheld_or_refused(&site, AS_OF, &[canary], REPORT);
}

/// Found: `exempt:` followed by a non-breaking space (as pasted from Word or an email)
/// on a line indented one step too far. A non-breaking space is not YAML white space, so
/// `exempt: [3]` is no key but more words of the title above: the item is public, titled
/// "Staffing exempt: [3]", and its body is published on the agenda and in the search
/// index. Correctly indented, the same line is refused ("simple key expected ':'"), and
/// with an ordinary space the over-indented line is refused too; only the pair slips
/// through. A key name followed by a colon and a Unicode space should be refused wherever
/// it stands.
#[test]
fn a_key_folded_into_the_title_by_a_non_breaking_space_is_not_ignored() {
    let canary = "CANARY_FOLDED_EXEMPT";
    let site = Site::new("nbsp-folded");
    september(
        &site,
        &format!(
            "  - title: Staffing\n      exempt:\u{a0}[3]\n    body: {canary} the dismissal of the manager.\n"
        ),
    );
    assert_withheld_or_refused(&site, AS_OF, &[canary], MEETING);
}

/// Found: an exemption whose `until:` is before its own meeting's agenda was published
/// (a mistyped year: `2020` for `2027`, or `0027`) never withheld anything, yet the
/// build publishes the item in full, "previously exempt", with no error and no warning.
/// An exemption cannot lapse before the papers it protects were issued; such a date is
/// always a typing mistake and should be refused with its line (a year before 1972, the
/// Act itself, too).
#[test]
fn an_exemption_that_lapsed_before_its_agenda_was_published_is_refused() {
    for (label, until) in [
        ("until-2020", "2020-06-01"),
        ("until-0027", "0027-06-01"),
        ("until-before-agenda", "2021-09-15"),
    ] {
        let canary = "CANARY_LAPSED_BEFORE_AGENDA";
        let site = Site::new(label);
        september(
            &site,
            &format!(
                "  - title: Disposal of land\n    public_title: Land matter\n    exempt: {{ paragraphs: [3], until: {until} }}\n    body: {canary} The buyer offers four hundred thousand pounds.\n"
            ),
        );
        assert_withheld_or_refused(&site, AS_OF, &[canary], MEETING);
        // The same mistake in a document's front matter.
        let canary = "CANARY_LAPSED_BEFORE_AGENDA_DOC";
        let site = public_item_with_report(
            &format!("{label}-doc"),
            &format!(
                "---\ntitle: Valuation\nkind: report\npublic_title: Appendix\nexempt: {{ paragraphs: [3], until: {until} }}\n---\n\n{canary} The site is worth four hundred thousand pounds.\n"
            ),
        );
        assert_withheld_or_refused(&site, AS_OF, &[canary], REPORT);
    }
}

/// Found: a title hidden behind `public_title:` repeated word for word as the title of a
/// public item of the same meeting (an item copied to split it, or the title reused with
/// a YAML alias `*t`) is published on the agenda, in `feed.xml`, the pack and the search
/// index. The leak gate promises that "a title you hid behind a public_title … is never
/// excused by another title of the same meeting", and with one word added it does stop
/// the build; but `gate::candidates` skips every withheld title that equals a public
/// title (`inv.public_titles.contains(title)`) before the hidden flag is looked at.
#[test]
fn a_hidden_title_repeated_exactly_as_a_public_title_is_caught() {
    let canary = "CANARY_HIDDEN_TITLE_REPEATED";
    for (label, items) in [
        (
            "hidden-title-literal",
            format!(
                "  - title: Placement of {canary} at Holly Garth\n    public_title: Staffing matter\n    exempt: [1]\n  - title: Placement of {canary} at Holly Garth\n"
            ),
        ),
        (
            "hidden-title-alias",
            format!(
                "  - title: &t Placement of {canary} at Holly Garth\n    public_title: Staffing matter\n    exempt: [1]\n  - title: *t\n"
            ),
        ),
    ] {
        let site = Site::new(label);
        september(&site, &items);
        assert_withheld_or_refused(&site, AS_OF, &[canary], MEETING);
    }
    // Positive control: with one word more, the gate stops the build.
    let site = Site::new("hidden-title-longer");
    september(
        &site,
        &format!(
            "  - title: Placement of {canary} at Holly Garth\n    public_title: Staffing matter\n    exempt: [1]\n  - title: Placement of {canary} at Holly Garth update\n"
        ),
    );
    let out = build(site.path(), AS_OF, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("a title withheld from the public"));
}

/// The contrast to the test above: a `public_title` written the same as the title hides
/// nothing, so the title is public and the build is not refused for it (the title stays
/// on the agenda, the exempt report does not).
#[test]
fn a_public_title_the_same_as_the_title_is_not_refused() {
    let site = Site::new("public-title-same");
    september(
        &site,
        "  - title: Review of the placement service\n    public_title: Review of the placement service\n    exempt: [1]\n    documents: [secret.md]\n  - title: Review of the placement service\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/secret.md"),
        "---\ntitle: Placement review report\nkind: report\n---\n\nCANARY_SAME_TITLE_REPORT the costs rose by a third.\n",
    );
    assert_withheld(&site, AS_OF, &["CANARY_SAME_TITLE_REPORT"]);
}

/// Found: messages for YAML slips that do not say what is wrong in the officer's terms.
/// Each build is refused (so nothing leaks), but: a second YAML document in meeting.yaml
/// is reported as "multiple YAML documents detected; use from_str_multiple or
/// from_str_multiple_with_options" (advice to a Rust programmer), on the line after the
/// `---`, with a hint about quoting; `exempt: 03` is reported as "floating point `3.0`";
/// and a blank `draft:` as "invalid boolean" with a hint about indentation and quoting,
/// where the authoring guide promises "not a true or false value".
#[test]
fn yaml_slips_are_explained_in_the_officers_terms() {
    let site = meeting_yaml(
        "msg-multidoc",
        &format!(
            "{HEAD}  - title: Staffing\n    body: CANARY_MSG_MULTIDOC\n---\nitems:\n  - title: Staffing\n    exempt: [3]\n"
        ),
    );
    let out = build(site.path(), AS_OF, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("meeting.yaml:") && !err.contains("from_str_multiple"),
        "the message should say, in the officer's words, that the `---` on line 9 starts a second document:\n{err}"
    );

    let site = Site::new("msg-octal");
    september(&site, "  - title: Staffing\n    exempt: 03\n");
    let err = stderr(&build(site.path(), AS_OF, &[]));
    assert!(
        err.contains("meeting.yaml:8") && !err.contains("floating point"),
        "exempt: 03 is no floating point number:\n{err}"
    );

    let site = public_item_with_report(
        "msg-draft-blank",
        "---\ntitle: Fostering service update\nkind: report\ndraft:\n---\n\nText.\n",
    );
    let err = stderr(&build(site.path(), AS_OF, &[]));
    assert!(
        err.contains("report.md:4") && err.contains("true or false"),
        "a blank draft: should be named as not a true or false value:\n{err}"
    );
}

// ---------------------------------------------------------------------------------------
// Held: duplicate keys, multi-document files, YAML spellings, Unicode, line ends.
// ---------------------------------------------------------------------------------------

/// A key written twice is refused with the file, the line of the second and a hint, in
/// meeting.yaml (an item's `exempt:`, `public_title:` or `draft:` in an appendix's map,
/// `items:`, `agenda_published:`), front matter, a decision record and a forward plan
/// entry: neither of the two silently wins.
#[test]
fn a_key_written_twice_is_refused_wherever_it_is_written() {
    let canary = "CANARY_DUPLICATE_KEY";
    let cases: Vec<(&str, String, String, &str)> = vec![
        (
            "dup-item-exempt",
            MEETING.into(),
            format!(
                "{HEAD}  - title: Staffing\n    exempt: [3]\n    exempt: [1]\n    body: {canary}\n"
            ),
            "meeting.yaml:9",
        ),
        (
            "dup-public-title",
            MEETING.into(),
            format!(
                "{HEAD}  - title: Placement of {canary}\n    public_title: Staffing\n    exempt: [1]\n    public_title: Placement of {canary}\n"
            ),
            "meeting.yaml:10",
        ),
        (
            "dup-items",
            MEETING.into(),
            format!(
                "{HEAD}  - title: Staffing\n    exempt: [3]\n    body: {canary}\nitems:\n  - title: Staffing\n    body: {canary}\n"
            ),
            "meeting.yaml:10",
        ),
        (
            "dup-agenda-published",
            MEETING.into(),
            format!(
                "date: 2021-09-24\nvenue: Room 1\nagenda_published: 2021-12-01\nagenda_published: 2021-09-16\nitems:\n  - title: Staffing\n    body: {canary}\n"
            ),
            "meeting.yaml:4",
        ),
        (
            "dup-appendix-exempt",
            MEETING.into(),
            format!(
                "{HEAD}  - title: Costs\n    documents:\n      - {{ file: files/costs.pdf, title: {canary}, exempt: [3], exempt: [3] }}\n"
            ),
            "meeting.yaml:9",
        ),
        (
            "dup-front-matter-draft",
            REPORT.into(),
            format!(
                "---\ntitle: Update\nkind: report\ndraft: true\ndraft: false\n---\n\n{canary}\n"
            ),
            "report.md:5",
        ),
        (
            "dup-front-matter-exempt",
            REPORT.into(),
            format!(
                "---\ntitle: Update\nkind: report\nexempt: [3]\nkind: report\n---\n\n{canary}\n"
            ),
            "report.md:5",
        ),
        (
            "dup-decision-draft",
            DECISION.into(),
            format!(
                "---\ntitle: Allowances\ndecision_maker: {{ name: John Pearce }}\ndate: 2021-09-20\ndraft: true\ndraft: false\n---\n\n{canary}\n"
            ),
            "2021-09-20-allowances.md:6",
        ),
        (
            "dup-plan-first-published",
            "content/forward-plan/cyps-04-21.yaml".into(),
            format!(
                "ref: CYPS/04/21\nmatter: Residential care\ndecision_maker: Director\nexpected: 2021-12-13\nfirst_published: 2021-11-16\nfirst_published: 2021-07-16\nsummary: {canary}\n"
            ),
            "cyps-04-21.yaml:6",
        ),
    ];
    for (label, file, text, at) in cases {
        let site = Site::new(label);
        if file == REPORT {
            september(
                &site,
                "  - title: Fostering service update\n    documents: [report.md]\n",
            );
        }
        if label == "dup-appendix-exempt" {
            site.pdf(&format!("{PANEL}/2021-09-24/files/costs.pdf"));
        }
        site.write(&file, &text);
        assert_refused(&site, AS_OF, at, "is written twice");
    }
}

/// A `---` (or `...` then more) inside meeting.yaml makes two YAML documents: refused,
/// naming the file, never read as the first document alone.
#[test]
fn a_second_yaml_document_in_meeting_yaml_is_refused() {
    for (label, tail) in [
        (
            "multidoc-dashes",
            "---\nitems:\n  - title: Staffing\n    exempt: [3]\n",
        ),
        ("multidoc-dots", "...\n    exempt: [3]\n"),
        ("multidoc-trailing", "---\n"),
        ("multidoc-comment", "---\n# exempt: [3]\n"),
    ] {
        let site = meeting_yaml(
            label,
            &format!("{HEAD}  - title: Staffing\n    body: CANARY_MULTIDOC\n{tail}"),
        );
        assert_refused(&site, AS_OF, MEETING, "second set of settings");
    }
}

/// The spellings of `exempt:` an officer may write: those quire reads as an exemption
/// withhold the item (a single number, a string in a list, a trailing comma, a comment,
/// a tab after the colon, `!!seq`, an anchor, a quoted or explicit `? ` key, spaces
/// before the colon); every other spelling (a string, a float, `true`/`yes`, full-width
/// or zero-width digits, 0, 10, negative, a bare map, a misspelt map key) is refused
/// with the file and line. None is taken as "not exempt".
#[test]
fn every_spelling_of_exempt_withholds_or_is_refused() {
    let canary = "CANARY_EXEMPT_SPELLING";
    let withheld = [
        "exempt: 3",
        "exempt: +3",
        "exempt: 0x3",
        "exempt: [\"3\"]",
        "exempt: [3,]",
        "exempt: 3 # paragraph 3",
        "exempt:\t[3]",
        "exempt: !!seq [3]",
        "exempt: &e [3]",
        "exempt : [3]",
        "\"exempt\": [3]",
        "? exempt\n    : [3]",
        "exempt: { paragraphs: [3], until: \"2027-06-01\" }",
        "exempt:\n      - 3",
    ];
    for (n, line) in withheld.iter().enumerate() {
        let site = Site::new(&format!("exempt-ok-{n}"));
        september(
            &site,
            &format!(
                "  - title: Staffing\n    public_title: Staffing matter\n    {line}\n    body: {canary} the dismissal of the manager.\n"
            ),
        );
        assert_withheld(&site, AS_OF, &[canary]);
    }
    let refused = [
        "exempt: \"3\"",
        "exempt: !!str 3",
        "exempt: \"[3]\"",
        "exempt: 3.0",
        "exempt: [3.0]",
        "exempt: 03",
        "exempt: true",
        "exempt: yes",
        "exempt: on",
        "exempt: [\u{ff13}]",
        "exempt: \u{ff13}",
        "exempt: [3\u{200b}]",
        "exempt: [\u{a0}3]",
        "exempt: [0]",
        "exempt: [10]",
        "exempt: [3, 99]",
        "exempt: [-1]",
        "exempt: -3",
        "exempt: [~]",
        "exempt: {}",
        "exempt: { paragraphs: 3 }",
        "exempt: { paragraphs: [3], reson: commercial }",
        "exempt: { paragraphs: [3], until: 2027-6-1 }",
        "exempt: { paragraphs: [3], until: 27-06-01 }",
    ];
    for (n, line) in refused.iter().enumerate() {
        let site = Site::new(&format!("exempt-refused-{n}"));
        september(
            &site,
            &format!(
                "  - title: Staffing\n    {line}\n    body: {canary} the dismissal of the manager.\n"
            ),
        );
        assert_refused(&site, AS_OF, "meeting.yaml:8", "");
    }
}

/// The spellings of `draft:`: YAML 1.1 and 1.2 spellings of true (`yes`, `on`, `y`,
/// `True`, `TRUE`, quoted "true" and "yes", `!!bool "true"`) keep the paper out; a
/// blank, `~`, `null`, `1`, "1", `!!str true`, `maybe` and "" are refused at their line.
#[test]
fn every_spelling_of_draft_withholds_or_is_refused() {
    let canary = "CANARY_DRAFT_SPELLING";
    let report = |value: &str| {
        format!(
            "---\ntitle: Draft {canary} update\nkind: report\ndraft:{value}\n---\n\n{canary} the words of the draft.\n"
        )
    };
    for (n, value) in [
        " true",
        " True",
        " TRUE",
        " yes",
        " Yes",
        " on",
        " y",
        " \"true\"",
        " \"yes\"",
        " !!bool \"true\"",
        "\ttrue",
        " true # until approved",
    ]
    .iter()
    .enumerate()
    {
        let site = public_item_with_report(&format!("draft-ok-{n}"), &report(value));
        assert_withheld(&site, AS_OF, &[canary]);
    }
    for (n, value) in [
        "",
        " ~",
        " null",
        " 1",
        " \"1\"",
        " !!str true",
        " maybe",
        " \"\"",
        " # tbc",
        " ture",
    ]
    .iter()
    .enumerate()
    {
        let site = public_item_with_report(&format!("draft-refused-{n}"), &report(value));
        assert_refused(&site, AS_OF, "report.md:4", "");
    }
}

/// Unicode and case in keys: `Exempt:`, `EXEMPT:`, `Draft:`, `exmept:`, `exempt` with a
/// non-breaking or zero-width space before or after it, a byte order mark pasted before
/// it, `exempt:` followed by a non-breaking space on its own line, and a tab as
/// indentation: each is refused at its line, never ignored.
#[test]
fn keys_in_other_cases_spellings_or_with_invisible_characters_are_refused() {
    let canary = "CANARY_KEY_UNICODE";
    for (n, line) in [
        "Exempt: [3]",
        "EXEMPT: [3]",
        "exmept: [3]",
        "exempt\u{a0}: [3]",
        "exempt\u{200b}: [3]",
        "\u{200b}exempt: [3]",
        "\u{feff}exempt: [3]",
        "exempt:\u{a0}[3]",
        "exempt:\u{2003}[3]",
        "public_titel: Staffing matter",
    ]
    .iter()
    .enumerate()
    {
        let site = Site::new(&format!("key-unicode-{n}"));
        september(
            &site,
            &format!("  - title: Staffing\n    {line}\n    body: {canary} the dismissal.\n"),
        );
        assert_refused(&site, AS_OF, "meeting.yaml:8", "");
    }
    let site = Site::new("key-tab-indent");
    september(
        &site,
        &format!("  - title: Staffing\n\texempt: [3]\n    body: {canary} the dismissal.\n"),
    );
    assert_refused(&site, AS_OF, MEETING, "");
    for (n, line) in [
        "Draft: true",
        "DRAFT: true",
        "drafts: true",
        "draft\u{a0}: true",
    ]
    .iter()
    .enumerate()
    {
        let site = public_item_with_report(
            &format!("key-draft-{n}"),
            &format!("---\ntitle: Update\nkind: report\n{line}\n---\n\n{canary}\n"),
        );
        assert_refused(&site, AS_OF, "report.md:4", "");
    }
}

/// Files saved by other editors: a byte order mark, CRLF line ends, trailing spaces on
/// the fences, front matter closed by `...`, tabs after colons. Read as written: the
/// exempt item, the exempt document and the draft are all withheld.
#[test]
fn byte_order_marks_crlf_and_other_fences_are_read_as_written() {
    let site = Site::new("crlf-bom");
    let dir = format!("{PANEL}/2021-09-24");
    site.write(
        MEETING,
        &format!("\u{feff}{HEAD}  - title: Staffing\n    public_title: Staffing matter\n    exempt:\t[3]\n    body: CANARY_CRLF_ITEM the manager\n  - title: Fostering update\n    documents: [report.md, secret.md, later.md]\n")
            .replace('\n', "\r\n"),
    );
    site.write(
        &format!("{dir}/report.md"),
        "\u{feff}---\r\ntitle: Draft CANARY_CRLF_DRAFT update\r\nkind: report\r\ndraft: true\r\n---\r\n\r\nCANARY_CRLF_DRAFT words of the draft.\r\n",
    );
    site.write(
        &format!("{dir}/secret.md"),
        "---   \ntitle: Costs CANARY_CRLF_EXEMPT\nkind: report\npublic_title: Appendix\nexempt:\t[3]\n...\n\nCANARY_CRLF_EXEMPT the prices.\n",
    );
    site.write(
        &format!("{dir}/later.md"),
        "---\t\r\ntitle: Later CANARY_CRLF_LATER\r\nkind: report\r\npublished: 2021-12-01\r\n---  \r\n\r\nCANARY_CRLF_LATER a paper published later.\r\n",
    );
    assert_withheld(
        &site,
        AS_OF,
        &[
            "CANARY_CRLF_ITEM",
            "CANARY_CRLF_DRAFT",
            "CANARY_CRLF_EXEMPT",
            "CANARY_CRLF_LATER",
        ],
    );
}

/// Front matter that is not at the very start (a blank line, a space, a comment or a
/// second byte order mark first), opened with `+++` or `--- #`, or never closed: the file
/// is refused, naming it at line 1, and not published as a paper without settings.
#[test]
fn front_matter_not_at_the_very_start_is_refused() {
    let canary = "CANARY_LATE_FRONT_MATTER";
    for (n, prefix, open) in [
        (0, "\n", "---"),
        (1, " ", "---"),
        (2, "<!-- x -->\n", "---"),
        (3, "\u{feff}\u{feff}", "---"),
        (4, "", "+++"),
        (5, "", "--- # settings"),
    ] {
        let close = if open == "+++" { "+++" } else { "---" };
        let site = public_item_with_report(
            &format!("late-fm-{n}"),
            &format!(
                "{prefix}{open}\ntitle: Update\nkind: report\ndraft: true\n{close}\n\n{canary} draft words.\n"
            ),
        );
        assert_refused(&site, AS_OF, "report.md:1", "front matter");
    }
    let site = public_item_with_report(
        "late-fm-unclosed",
        &format!("---\ntitle: Update\nkind: report\ndraft: true\n\n{canary} draft words.\n"),
    );
    assert_refused(&site, AS_OF, "report.md:1", "never closed");
}

/// Anchors, aliases and merge keys: an item built with `<<: *base` from an exempt item
/// keeps its exemption; an alias of an exempt item's body in its own sub-item stays
/// inside the exempt item; and a public item merging a public template does not pick up
/// anything of the exempt one.
#[test]
fn anchors_aliases_and_merge_keys_keep_exemptions() {
    let site = Site::new("merge-keys");
    september(
        &site,
        "  - &base\n    title: Sale of CANARY_MERGE_TITLE land at Holly Garth\n    public_title: Land matter\n    exempt: [3]\n    body: &b CANARY_MERGE_BODY The buyer offers four hundred thousand pounds for the land.\n    items:\n      - title: Valuation CANARY_MERGE_SUB\n        body: *b\n  - <<: *base\n    title: Sale of the second plot at CANARY_MERGE_SECOND\n    public_title: Second land matter\n  - &public\n    title: Apologies for absence\n  - <<: *public\n    title: Declarations of interest\n",
    );
    assert_withheld(
        &site,
        AS_OF,
        &[
            "CANARY_MERGE_TITLE",
            "CANARY_MERGE_BODY",
            "CANARY_MERGE_SUB",
            "CANARY_MERGE_SECOND",
        ],
    );
}

/// An exempt document listed from a public item by another spelling of its path
/// (`./secret.md`, `../2021-09-24/secret.md`, `files/../secret.md`, by the committee)
/// is one document, withheld everywhere; a spelling that names no file is refused.
#[test]
fn one_document_under_several_spellings_of_its_path_is_withheld_everywhere() {
    let canary = "CANARY_PATH_SPELLING";
    let secret = format!(
        "---\ntitle: Valuation {canary}\nkind: report\n---\n\n{canary} the site is worth four hundred thousand pounds.\n"
    );
    for (n, path) in [
        "./secret.md",
        "../2021-09-24/secret.md",
        "files/../secret.md",
        ".//secret.md",
        "../../panel/2021-09-24/secret.md",
    ]
    .iter()
    .enumerate()
    {
        let site = Site::new(&format!("path-spelling-{n}"));
        september(
            &site,
            &format!(
                "  - title: Land matter\n    exempt: [3]\n    documents: [secret.md]\n  - title: Asset review\n    documents: [\"{path}\"]\n"
            ),
        );
        site.write(&format!("{PANEL}/2021-09-24/secret.md"), &secret);
        assert_withheld(&site, AS_OF, &[canary]);
    }
    for (n, path) in [
        "Secret.md",
        "secret.MD",
        "secret.md#top",
        "secret%2Emd",
        "secret.md ",
    ]
    .iter()
    .enumerate()
    {
        let site = Site::new(&format!("path-unknown-{n}"));
        september(
            &site,
            &format!(
                "  - title: Land matter\n    exempt: [3]\n    documents: [secret.md]\n  - title: Asset review\n    documents: [\"{path}\"]\n"
            ),
        );
        site.write(&format!("{PANEL}/2021-09-24/secret.md"), &secret);
        assert_refused(&site, AS_OF, "meeting.yaml:11", "unknown document");
    }
}

/// A lapsed exemption on a sub-item, or on a document's own front matter, does not
/// publish what its exempt parent item still withholds. (Each lapses after the agenda was
/// published and before the build date: one that lapses earlier is refused, see
/// `an_exemption_that_lapsed_before_its_agenda_was_published_is_refused`.)
#[test]
fn a_lapsed_exemption_inside_an_exempt_item_stays_withheld() {
    let site = Site::new("lapsed-inside");
    september(
        &site,
        "  - title: Land matter\n    exempt: [3]\n    items:\n      - title: Valuation CANARY_LAPSED_SUB\n        exempt: { paragraphs: [3], until: 2021-09-30 }\n        body: CANARY_LAPSED_SUB the valuation.\n        documents: [secret.md]\n",
    );
    site.write(
        &format!("{PANEL}/2021-09-24/secret.md"),
        "---\ntitle: Valuation report CANARY_LAPSED_DOC\nkind: report\nexempt: { paragraphs: [3], until: 2021-09-30 }\n---\n\nCANARY_LAPSED_DOC the site is worth four hundred thousand pounds.\n",
    );
    assert_withheld(&site, AS_OF, &["CANARY_LAPSED_SUB", "CANARY_LAPSED_DOC"]);
}

/// One executive meeting with a canary in every withheld field an officer can write: an
/// exempt item's real title, its reason, urgency, decision reasons and alternatives,
/// sub-item, exempt report (title and body), exempt appendix (title, file name, text),
/// exempt background paper, a draft's title and body, the exempt minute and its
/// resolution, a later meeting's unpublished agenda, and a forward plan entry and change
/// not yet published. None is in any public output: pages, `feed.xml`,
/// `decisions/feed.xml`, `meetings.ics`, `decisions/decisions.csv`,
/// `members/attendance.csv`, `sitemap.xml`, `redactions.json`, `compliance.json`,
/// `404.html`, `robots.txt`, the search index (decompressed) and the packs (text,
/// metadata, bookmarks); all are in the members' edition.
#[test]
fn a_canary_in_every_withheld_field_reaches_no_public_output() {
    let site = Site::new("every-field");
    site.write(
        &format!("{PANEL}/committee.yaml"),
        "name: Cabinet\nexecutive: true\nmembers:\n  - { member: a-chair, role: Chair }\n  - { member: b-vice }\n",
    );
    let dir = format!("{PANEL}/2021-09-24");
    site.pdf(&format!("{dir}/files/canary-file-name-costs.pdf"));
    site.write(
        MEETING,
        "date: 2021-09-24\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: held\nagenda_published: 2021-09-16\nattendance:\n  present: [a-chair]\n  apologies: [b-vice]\nprivate_notice:\n  first: 2021-08-20\n  final: 2021-09-16\n  reasons: The item concerns the sale of council land.\n  representations: None received.\nitems:\n  - title: Sale of CANARY_EF_TITLE land at Holly Garth\n    public_title: Land matter\n    exempt:\n      paragraphs: [3]\n      reason: CANARY_EF_REASON the price outweighs the public interest.\n    urgent: The buyer CANARY_EF_URGENT needs an answer by October.\n    minutes_summary: |-\n      The Cabinet considered a report on the sale of land.\n\n      **Resolved:** That the recommendations be approved.\n    decision:\n      published: 2021-09-27\n      reasons: CANARY_EF_DREASON the price is the best offer.\n      alternatives: CANARY_EF_ALT keeping the land.\n    items:\n      - title: Valuation CANARY_EF_SUB\n    documents:\n      - land.md\n      - { file: files/canary-file-name-costs.pdf, title: \"Costs CANARY_EF_PDF_TITLE\", public_title: Appendix, exempt: [3] }\n  - title: Public report\n    documents: [public.md, draft.md]\n",
    );
    site.write(
        &format!("{dir}/land.md"),
        "---\ntitle: Land report CANARY_EF_DOC_TITLE\nkind: report\n---\n\nCANARY_EF_DOC_BODY the land will be sold for four hundred thousand pounds.\n",
    );
    site.write(
        &format!("{dir}/public.md"),
        "---\ntitle: Public report\nkind: report\nbackground_papers:\n  - { title: \"Valuation CANARY_EF_BACKGROUND\", inspect: \"Democratic Services\", exempt: [3] }\n  - { title: \"Asset register\", inspect: \"Democratic Services\" }\n---\n\nA public report on the asset register.\n",
    );
    site.write(
        &format!("{dir}/draft.md"),
        "---\ntitle: Draft CANARY_EF_DRAFT_TITLE\nkind: report\ndraft: true\n---\n\nCANARY_EF_DRAFT_BODY the words of the draft.\n",
    );
    site.write(
        &format!("{dir}/minutes.md"),
        "---\ntitle: Minutes of the meeting held on 24 September 2021\nkind: minutes\n---\n\n## 1 Sale of CANARY_EF_TITLE land at Holly Garth\n\nCANARY_EF_MINUTE the Cabinet discussed the price.\n\n**Resolved:** CANARY_EF_RESOLVED That the land be sold.\n\n## 2 Public report\n\n**Resolved:** That the report be noted.\n",
    );
    meeting(
        &site,
        "panel",
        "2021-11-05",
        "2021-10-28",
        "  - title: Unpublished item CANARY_EF_UNPUBLISHED\n    body: CANARY_EF_UNPUBLISHED the next agenda.\n",
    );
    site.write(
        "content/forward-plan/cyps-04-21.yaml",
        "ref: CYPS/04/21\nmatter: Residential care\ndecision_maker: panel\nexpected: 2021-12-13\nfirst_published: 2021-07-16\nhistory:\n  - date: 2021-11-20\n    change: CANARY_EF_PLAN_CHANGE the date moved.\n",
    );
    site.write(
        "content/forward-plan/cyps-05-21.yaml",
        "ref: CYPS/05/21\nmatter: Future matter CANARY_EF_PLAN_FUTURE\ndecision_maker: panel\nexpected: 2022-02-13\nfirst_published: 2021-11-16\n",
    );
    assert_withheld(
        &site,
        AS_OF,
        &[
            "CANARY_EF_TITLE",
            "CANARY_EF_REASON",
            "CANARY_EF_URGENT",
            "CANARY_EF_DREASON",
            "CANARY_EF_ALT",
            "CANARY_EF_SUB",
            "CANARY_EF_PDF_TITLE",
            "canary-file-name",
            "CANARY_EXEMPT_PDF_TEXT",
            "CANARY_EF_DOC_TITLE",
            "CANARY_EF_DOC_BODY",
            "CANARY_EF_BACKGROUND",
            "CANARY_EF_DRAFT_TITLE",
            "CANARY_EF_DRAFT_BODY",
            "CANARY_EF_MINUTE",
            "CANARY_EF_RESOLVED",
            "CANARY_EF_UNPUBLISHED",
            "CANARY_EF_PLAN_CHANGE",
            "CANARY_EF_PLAN_FUTURE",
        ],
    );
    // The outputs this test means to cover were all written.
    for f in [
        "feed.xml",
        "decisions/feed.xml",
        "meetings.ics",
        "decisions/decisions.csv",
        "members/attendance.csv",
        "sitemap.xml",
        "redactions.json",
        "404.html",
        "robots.txt",
        "committees/panel/2021-09-24/agenda-pack.pdf",
        "committees/panel/2021-09-24/minutes/index.html",
    ] {
        assert!(site.out("output").join(f).exists(), "no output/{f}");
    }
}

/// A `public_title:` that is only a comment (`<!-- TBC -->`, an unclosed `<!--`, an empty
/// comment), on an item, a document or an appendix, is empty once the comment is taken
/// out: refused, so the real title is never shown in its place.
#[test]
fn a_public_title_that_is_only_a_comment_is_refused() {
    let canary = "CANARY_COMMENT_PUBLIC_TITLE";
    for (n, value) in [
        "\"<!-- TBC -->\"",
        "<!-- awaiting legal -->",
        "\"<!-- Staffing matter\"",
        "\"<!---->\"",
        "\"<!-->\"",
    ]
    .iter()
    .enumerate()
    {
        let site = Site::new(&format!("comment-pt-{n}"));
        september(
            &site,
            &format!(
                "  - title: Placement of {canary}\n    public_title: {value}\n    exempt: [1]\n"
            ),
        );
        assert_refused(&site, AS_OF, "meeting.yaml:8", "public_title: is empty");
    }
    let site = public_item_with_report(
        "comment-pt-doc",
        &format!(
            "---\ntitle: Valuation {canary}\npublic_title: <!-- TBC -->\nexempt: [3]\nkind: report\n---\n\nText.\n"
        ),
    );
    assert_refused(&site, AS_OF, "report.md:3", "public_title: is empty");
    let site = Site::new("comment-pt-pdf");
    site.pdf(&format!("{PANEL}/2021-09-24/files/costs.pdf"));
    september(
        &site,
        &format!(
            "  - title: Costs\n    documents:\n      - {{ file: files/costs.pdf, title: \"Costs {canary}\", public_title: \"<!-- tbc -->\", exempt: [3] }}\n"
        ),
    );
    assert_refused(&site, AS_OF, "meeting.yaml:9", "public_title: is empty");
}
