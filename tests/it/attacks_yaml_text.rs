//! Round 34 of the red team: keys typed where YAML reads them as text. The check
//! (`key-inside-text`) guessed YAML's structure line by line, and a tab or a non-breaking
//! space before the key, a quoted key, `exempt:[3]`, lone carriage returns, an anchor on
//! its own line, a quoted title carried on inside `{ ... }`, and a quote mark the guess
//! misread each let an exempt item or paper be published as words. The parser now says
//! which lines are text. The controls write the same confusing line where it is not text:
//! the build goes through and withholds the item.

use crate::common::attack::{assert_refused, assert_withheld};
use crate::common::public_views::september_meeting;
use crate::common::site::Site;

const AS_OF: &str = "2021-10-01";
const MEETING: &str = "content/committees/panel/2021-09-24/meeting.yaml";

/// The panel's meeting of 24 September 2021 whose one item, the depot's disposal (line
/// 7), goes on with `rest`.
fn depot(label: &str, rest: &str) -> Site {
    let site = Site::new(label);
    september_meeting(&site, &format!("  - title: Depot disposal\n{rest}"));
    site
}

/// The same meeting written whole, for lines that come before `items:`.
fn depot_yaml(label: &str, yaml: &str) -> Site {
    let site = Site::new(label);
    site.write(
        MEETING,
        &format!("date: 2021-09-24\ntime: \"10:00\"\nvenue: Committee Room 1\nstatus: scheduled\nagenda_published: 2021-09-16\n{yaml}"),
    );
    site
}

#[test]
fn keys_inside_text_that_the_line_scan_missed_are_refused() {
    let body = "    body: |\n      The Zorblequent offer is 400000.\n";
    for (label, rest, line, opened) in [
        ("tab-before-key", format!("{body}      \texempt: [3]\n"), 10, 8),
        ("nbsp-before-key", format!("{body}      \u{a0}exempt: [3]\n"), 10, 8),
        ("quoted-key", format!("{body}      \"exempt\": [3]\n"), 10, 8),
        ("no-space-after-colon", format!("{body}      exempt:[3]\n"), 10, 8),
        (
            "lone-carriage-returns",
            "    body: |\r      The Zorblequent offer is 400000.\r      exempt: [3]\n".into(),
            10,
            8,
        ),
        (
            "anchor-on-its-own-line",
            "    body:\n      &b\n      |\n      The Zorblequent offer is 400000.\n      exempt: [3]\n"
                .into(),
            12,
            10,
        ),
    ] {
        let site = depot(label, &rest);
        assert_refused(
            &site,
            AS_OF,
            &format!("{MEETING}:{line}"),
            &format!("exempt: is indented as part of the text that starts on line {opened}"),
        );
    }
}

/// A paper's title carried on inside the `{ file: ..., title: "..." }` the guide uses for
/// appendices: the paper itself was published.
#[test]
fn a_key_inside_a_quoted_title_in_braces_is_refused() {
    let site = depot(
        "title-in-braces",
        "    documents:\n      - { file: costs.md, title: \"Appendix 3: costs\n          exempt: [3]\" }\n",
    );
    site.write(
        "content/committees/panel/2021-09-24/costs.md",
        "---\ntitle: Costs\nkind: appendix\n---\n\nThe Zorblequent price is 400000.\n",
    );
    assert_refused(
        &site,
        AS_OF,
        &format!("{MEETING}:10"),
        "exempt: is indented as part of the text that starts on line 9",
    );
}

/// A quoted officer's entry holding a colon and an apostrophe (the guide says to quote
/// entries with a colon) made the guess open a quote that the apostrophe in the body
/// below closed, and the body's block of text was not seen.
#[test]
fn a_quoted_entry_above_a_block_does_not_hide_it() {
    let site = depot_yaml(
        "quoted-officer",
        "attendance:\n  officers:\n    - \"Observer: 'Friends of Holly Park\"\nitems:\n  - title: Depot disposal\n    body: |\n      The buyer's offer is Zorblequent.\n      exempt: [3]\n",
    );
    assert_refused(
        &site,
        AS_OF,
        &format!("{MEETING}:13"),
        "exempt: is indented as part of the text that starts on line 11",
    );
}

/// What is not text is not refused: a comment indented with a tab that holds `body: |`,
/// and a lower-case word, a colon and a non-breaking space that carry on an unquoted
/// body. Each build goes through, and the exempt item below is withheld.
#[test]
fn lines_that_only_look_like_text_or_keys_are_not_refused() {
    let site = depot_yaml(
        "tab-comment",
        "items:\n\t# body: |\n  - title: Depot disposal\n    body: The Zorblequent offer.\n    exempt: [3]\n",
    );
    assert_withheld(&site, AS_OF, &["Zorblequent"]);
    let site = depot(
        "nbsp-in-carried-text",
        "    body: For the figures call the clerk,\n      tel:\u{a0}03000 000002.\n  - title: Depot price\n    body: The Zorblequent offer.\n    exempt: [3]\n",
    );
    assert_withheld(&site, AS_OF, &["Zorblequent"]);
}

/// Round 35: what the parser alone did not see. A line separator an editor shows as a new
/// line (YAML does not), a text that starts on the line below its key with the key as its
/// first words, a key after a comma on a one-line title, and a word joiner before a key.
#[test]
fn keys_hidden_in_one_line_of_yaml_are_refused() {
    for (label, rest, line, message) in [
        (
            "line-separator",
            "    body: |\n      The Zorblequent offer is 400000.\u{2028}    exempt: [3]\n",
            9,
            "exempt: follows an invisible line separator (U+2028)",
        ),
        (
            "text-below-its-key",
            "    body:\n      exempt:[3]\n      The Zorblequent offer is 400000.\n",
            9,
            "exempt: is indented as part of the text that starts on line 8",
        ),
        (
            "after-a-comma",
            "    body: The Zorblequent offer is 400000.\n  - title: Depot price, exempt:[3]\n    body: Zorblequent again.\n",
            9,
            "exempt: follows a comma on this line",
        ),
        (
            "word-joiner",
            "    body: |\n      The Zorblequent offer is 400000.\n      \u{2060}exempt: [3]\n",
            10,
            "exempt: is indented as part of the text that starts on line 8",
        ),
    ] {
        let site = depot(label, rest);
        assert_refused(&site, AS_OF, &format!("{MEETING}:{line}"), message);
    }
}

/// A `---` typed above `draft: true` ends the front matter there, and the key became the
/// first words of a published paper.
#[test]
fn a_key_left_below_the_front_matter_is_refused() {
    let site = depot("below-front-matter", "    documents: [paper.md]\n");
    let paper = "content/committees/panel/2021-09-24/paper.md";
    site.write(
        paper,
        "---\ntitle: Depot disposal report\nkind: report\n---\ndraft: true\n---\n---\n\nThe Zorblequent offer is 400000.\n",
    );
    assert_refused(
        &site,
        AS_OF,
        &format!("{paper}:5"),
        "draft: is below the --- that ends the front matter on line 4",
    );
}

/// A lower-case word, a colon and a non-breaking space that YAML reads as a one-line text
/// is no key; and a YAML error at a line ending in a non-breaking space is reported, not
/// a crash.
#[test]
fn odd_spaces_in_text_build_and_at_an_error_are_reported() {
    let site = depot_yaml(
        "clerk-with-nbsp",
        "attendance:\n  officers:\n    - clerk:\u{a0}Jane Smith\nitems:\n  - title: Depot disposal\n    body: The Zorblequent offer.\n    exempt: [3]\n",
    );
    assert_withheld(&site, AS_OF, &["Zorblequent"]);
    let site = depot("nbsp-after-quote", "    body: \"The offer.\"\u{a0}\n");
    let out = site.build(&[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("{MEETING}:8")), "{err}");
    assert!(!err.contains("internal error"), "{err}");
}

/// Round 36: keys left at the top of a paper's text, past the front matter's closing
/// `---`: below another key, under an HTML comment, or in a second block that opens
/// with a comment or writes its key in quotes.
#[test]
fn keys_at_the_top_of_a_papers_text_are_refused() {
    for (label, text, line, message) in [
        (
            "below-another-key",
            "report_of: Director of Place\nexempt: [3]\n\nThe Zorblequent offer is 400000.\n",
            6,
            "exempt: is below the --- that ends the front matter on line 4",
        ),
        (
            "below-a-comment",
            "<!-- checked by legal -->\ndraft: true\n\nThe Zorblequent offer is 400000.\n",
            6,
            "draft: is below the --- that ends the front matter on line 4",
        ),
        (
            "second-block-with-a-comment",
            "---\n# exempt paper: fill in the paragraphs\nexempt: [3]\n---\n\nThe Zorblequent offer is 400000.\n",
            5,
            "a second block of front matter starts here",
        ),
        (
            "second-block-quoted-key",
            "---\n\"exempt\": [3]\n---\n\nThe Zorblequent offer is 400000.\n",
            5,
            "a second block of front matter starts here",
        ),
    ] {
        let site = depot(label, "    documents: [paper.md]\n");
        let paper = "content/committees/panel/2021-09-24/paper.md";
        site.write(
            paper,
            &format!("---\ntitle: Depot disposal report\nkind: report\n---\n{text}"),
        );
        assert_refused(&site, AS_OF, &format!("{paper}:{line}"), message);
    }
}

/// Round 36: an exempt item's decision swallowed by its public summary, a key after a
/// comma on the second line of a wrapped title, and a quoted text that starts on the
/// line below its key with the key.
#[test]
fn keys_whose_words_are_kept_back_are_refused_inside_public_text() {
    for (label, rest, line, message) in [
        (
            "decision-in-summary",
            "    public_title: Land matter\n    exempt: [3]\n    minutes_summary: |-\n      The panel considered the land matter in private.\n      decision:\n        text: Sell to Zorblequent Ltd.\n",
            12,
            "decision: is indented as part of the text that starts on line 10",
        ),
        (
            "comma-on-second-line",
            "    public_title: Land matter\n  - title: Sale of the depot\n      to the landowner, exempt:[3]\n    body: The Zorblequent offer is 400000.\n",
            10,
            "exempt: follows a comma on this line",
        ),
        (
            "quote-below-key",
            "    body:\n      \"exempt: [3]\n      The Zorblequent offer is 400000.\"\n",
            9,
            "exempt: is indented as part of the text that starts on line 9",
        ),
    ] {
        let site = depot(label, rest);
        assert_refused(&site, AS_OF, &format!("{MEETING}:{line}"), message);
    }
}

/// Round 37: an exempt item's sub-items typed one step too far, into its public summary;
/// and a front matter closed early with a blank line between its groups of keys.
#[test]
fn sub_items_in_a_public_summary_and_keys_past_a_blank_line_are_refused() {
    let site = depot(
        "sub-items-in-summary",
        "    public_title: Land matter\n    exempt: [3]\n    minutes_summary: |-\n      The panel considered the land matter in private.\n      items:\n        - title: Sale to Zorblequent Ltd\n",
    );
    assert_refused(
        &site,
        AS_OF,
        &format!("{MEETING}:12"),
        "items: is indented as part of the text that starts on line 10",
    );
    let site = depot("keys-past-a-blank-line", "    documents: [paper.md]\n");
    let paper = "content/committees/panel/2021-09-24/paper.md";
    site.write(
        paper,
        "---\ntitle: Depot disposal report\nkind: report\n---\nreport_of: Director of Place\n\nexempt: [3]\n---\n\nThe Zorblequent offer is 400000.\n",
    );
    assert_refused(
        &site,
        AS_OF,
        &format!("{paper}:7"),
        "exempt: is below the --- that ends the front matter on line 4",
    );
}

/// What real papers hold is not refused: a wrapped first paragraph whose second line
/// starts "decision:", and a paper that opens with a rule and has a list item "- status:"
/// further down. The build goes through and the exempt item beside them is withheld.
#[test]
fn wrapped_prose_and_a_rule_at_the_top_of_a_paper_are_not_refused() {
    let site = depot(
        "prose-at-the-top",
        "    documents: [report.md, update.md]\n  - title: Depot price\n    body: The Zorblequent offer.\n    exempt: [3]\n",
    );
    let folder = "content/committees/panel/2021-09-24";
    site.write(
        &format!("{folder}/report.md"),
        "---\ntitle: Depot report\nkind: report\n---\nThe panel is asked to take the following key\ndecision: to declare the depot surplus to requirements.\n",
    );
    site.write(
        &format!("{folder}/update.md"),
        "---\ntitle: Depot update\nkind: report\n---\n---\n\nThe works are on time.\n\n## Risks\n\n- status: amber\n- budget: green\n",
    );
    assert_withheld(&site, AS_OF, &["Zorblequent"]);
}
