// Tests write small sites to a temporary folder to read them as a library.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::*;

#[test]
fn a_long_text_gives_overlapping_phrases_that_cover_its_end() {
    let text = words::normal("one two three four five six seven eight nine ten eleven");
    let p = phrases_of(&text, PHRASE, MIN_WORDS);
    assert_eq!(
        p,
        vec![
            " one two three four five six seven eight ".to_string(),
            " four five six seven eight nine ten eleven ".to_string(),
        ]
    );
}

#[test]
fn every_run_of_phrase_plus_step_minus_one_words_holds_a_whole_phrase() {
    let all: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
    let text = words::normal(&all.join(" "));
    let phrases = phrases_of(&text, PHRASE, MIN_WORDS);
    let run = PHRASE + STEP - 1;
    for start in 0..=all.len() - run {
        let copied = words::normal(&all[start..start + run].join(" "));
        assert!(
            phrases.iter().any(|p| copied.contains(p.as_str())),
            "a copy of words {start}..{} would be missed",
            start + run
        );
    }
}

#[test]
fn a_short_text_is_one_phrase_if_it_has_enough_words() {
    assert_eq!(
        phrases_of(" price 1 234 567 ", PHRASE, MIN_WORDS),
        vec![" price 1 234 567 "]
    );
    assert!(phrases_of(" report to follow ", PHRASE, MIN_WORDS).is_empty());
}

#[test]
fn a_phrase_not_looked_for_never_hides_one_that_is() {
    // A template line that public papers had first, overlapping a withheld phrase.
    let phrases = vec![
        phrase(" alpha beta gamma delta ", false),
        phrase(" gamma delta epsilon zeta ", true),
    ];
    let gate = gate_of(phrases);
    let mut hits = Vec::new();
    gate.phrases_in(" alpha beta gamma delta epsilon zeta ", &mut hits);
    assert_eq!(hits, vec![Hit::Phrase(1)]);
    let mut hits = Vec::new();
    gate.phrases_in(" alpha beta gamma delta ", &mut hits);
    assert!(hits.is_empty(), "the template alone is no leak: {hits:?}");
}

pub(super) fn phrase(words: &str, search: bool) -> Phrase {
    Phrase::new(words.into(), 0, false, search)
}

/// A phrase looked for only in addresses is found in an address and not in a text, and
/// a phrase of the same words looked for in text (another paper's) is found in both.
#[test]
fn a_phrase_for_addresses_is_found_only_in_addresses() {
    let address_only = Phrase {
        address_only: true,
        ..phrase(" quokkaplex grievance appeal ", true)
    };
    let gate = gate_of(vec![address_only.clone()]);
    let mut hits = Vec::new();
    gate.phrases_in(" the quokkaplex grievance appeal was heard ", &mut hits);
    assert!(hits.is_empty(), "{hits:?}");
    assert_eq!(
        gate.name_hits("committees/p/2021-09-24/quokkaplex-grievance-appeal/index.html"),
        vec![Hit::Address(0)]
    );
    let both = gate_of(vec![
        address_only,
        phrase(" quokkaplex grievance appeal ", true),
    ]);
    let mut hits = Vec::new();
    both.phrases_in(" the quokkaplex grievance appeal was heard ", &mut hits);
    assert_eq!(hits, vec![Hit::Phrase(1)]);
    let mut hits = both.name_hits("x/quokkaplex-grievance-appeal/index.html");
    hits.sort();
    assert_eq!(hits, vec![Hit::Address(0), Hit::Address(1)]);
}

pub(super) fn gate_of(phrases: Vec<Phrase>) -> Gate {
    Gate {
        root: PathBuf::new(),
        units: Vec::new(),
        matcher: OnceLock::from(Ok(build_matcher(&phrases).unwrap())),
        phrases,
        files: HashMap::new(),
        names: HashMap::new(),
        published: false,
        texts: PdfTexts::new(None),
        print: 0,
        settings: Vec::new(),
        unread: Vec::new(),
        pictures: OnceLock::new(),
    }
}

fn unit(withheld: Option<Why>, day: Option<time::Date>) -> Unit {
    Unit {
        file: PathBuf::from("x"),
        line: None,
        withheld,
        meeting: Some(1),
        day,
        text: String::new(),
        tree: None,
        title: false,
        summarised_by: None,
        titled_by: Vec::new(),
        whole_minutes: false,
    }
}

#[test]
fn public_text_predates_a_withheld_one_only_if_it_was_out_first() {
    use time::macros::date;
    let (early, day) = (Some(date!(2024 - 01 - 01)), Some(date!(2024 - 02 - 01)));
    // Another meeting's: the same day, but not the same meeting.
    let elsewhere = |u: Unit| Unit {
        meeting: Some(2),
        ..u
    };
    let exempt = unit(Some(Why::Exempt(vec![3])), day);
    let draft = unit(Some(Why::Draft), day);
    assert!(predates(&elsewhere(unit(None, early)), &exempt, false));
    // Out the day members had the exempt report, or later: it may quote it.
    assert!(!predates(&elsewhere(unit(None, day)), &exempt, false));
    // The same meeting's public report does not excuse exempt words it quotes...
    assert!(!predates(&unit(None, day), &exempt, false));
    // ...but draft minutes repeat their own agenda.
    assert!(predates(&unit(None, day), &draft, false));
    assert!(!predates(&elsewhere(unit(None, day)), &draft, false));
    // A page has no day: it could have been written any time.
    assert!(!predates(&unit(None, None), &exempt, false));
    // A title on the same meeting's public agenda excuses the exempt report's words,
    // but not a title the officer hid behind a public title, nor another meeting's
    // title on the same day.
    let title = Unit {
        title: true,
        ..unit(None, day)
    };
    assert!(predates(&title, &exempt, false));
    assert!(!predates(&title, &exempt, true));
    assert!(!predates(
        &elsewhere(Unit {
            title: true,
            ..unit(None, day)
        }),
        &exempt,
        false
    ));
    // A title out earlier excuses even a hidden one: it was public first.
    assert!(predates(
        &Unit {
            day: early,
            ..title
        },
        &exempt,
        true
    ));
}

// ---------------------------------------------------------------------------------------
// The gate as the second line of defence: artefacts a buggy renderer could have made.

use crate::render::Artefact;

/// A site on disk with one exempt item whose body is `SECRET`, read into a library.
struct Fixture {
    dir: PathBuf,
    lib: Library,
    /// What the library was made from, for a kept gate.
    print: [u8; 32],
}

const SECRET: &str =
    "The price agreed with CANARY Limited was 1,234,567 pounds for the whole site.";

impl Fixture {
    fn new(label: &str) -> Fixture {
        let dir = std::env::temp_dir().join(format!("quire-gate-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let write = |rel: &str, text: &str| {
            let p = dir.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write(
            "site.toml",
            "title = \"Papers\"\ncouncil = \"Test Council\"\nbase_url = \"https://papers.example.gov.uk\"\n",
        );
        write("content/members/a.yaml", "name: Councillor A\n");
        write("content/committees/panel/committee.yaml", "name: Panel\n");
        write(
            "content/committees/panel/2021-09-24/meeting.yaml",
            &format!(
                "date: 2021-09-24\nvenue: Room 1\nstatus: held\nagenda_published: 2021-09-16\nitems:\n  - title: Apologies\n  - title: Land sale\n    exempt: [3]\n    body: |\n      {SECRET}\n    documents:\n      - {{ file: files/valuation-of-plot-7.pdf, title: Valuation }}\n"
            ),
        );
        std::fs::create_dir_all(dir.join("content/committees/panel/2021-09-24/files")).unwrap();
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(
                "tests/fixtures/redaction/content/committees/panel/2021-09-24/files/exempt-appendix.pdf",
            ),
            dir.join("content/committees/panel/2021-09-24/files/valuation-of-plot-7.pdf"),
        )
        .unwrap();
        let mut diags = crate::diag::Diagnostics::default();
        let config = crate::config::load(&dir, &mut diags).expect("site.toml");
        let mut sources = crate::load::load(&dir, &mut diags);
        let print = sources.print();
        let lib = crate::model::build(config, &mut sources, &mut diags);
        assert!(!diags.has_errors(), "{:?}", diags.sorted());
        Fixture { dir, lib, print }
    }

    fn gate(&self) -> Gate {
        Gate::new(
            &self.lib,
            time::macros::date!(2021 - 10 - 01),
            PdfTexts::new(None),
        )
        .expect("gate")
    }

    fn keep(&self) -> Keep {
        Keep {
            file: self.dir.join(".quire-cache/public/gate.json"),
            sources: self.print,
        }
    }

    /// The gate as a build that keeps it makes it: taken from the kept file if it can be.
    fn kept(&self) -> Gate {
        Gate::kept(
            &self.lib,
            time::macros::date!(2021 - 10 - 01),
            PdfTexts::new(None),
            &self.keep(),
        )
        .expect("gate")
    }

    /// The withheld appendix, under the site.
    fn appendix(&self) -> PathBuf {
        self.dir
            .join("content/committees/panel/2021-09-24/files/valuation-of-plot-7.pdf")
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn messages(r: Result<Stats, Vec<crate::diag::Diagnostic>>) -> String {
    match r {
        Ok(_) => String::new(),
        Err(ds) => ds.iter().map(|d| format!("{d}\n")).collect(),
    }
}

#[test]
fn withheld_words_no_public_paper_has_are_reported_as_a_bug_in_quire() {
    let f = Fixture::new("bug");
    let gate = f.gate();
    let page = Artefact::bytes(
        "committees/panel/2021-09-24/index.html",
        "<p>The price agreed with <strong>CANARY</strong> Limited was 1,234,567 pounds</p>",
    );
    let err = messages(gate.check(&[page], &BTreeMap::new()));
    assert!(
        err.contains("content/committees/panel/2021-09-24/meeting.yaml:10:")
            && err.contains("committees/panel/2021-09-24/index.html")
            && err.contains("bug in quire"),
        "{err}"
    );
    assert!(
        !err.contains("CANARY"),
        "the message prints the secret: {err}"
    );
    // The control: the same page without the secret passes.
    let clean = Artefact::bytes("committees/panel/2021-09-24/index.html", "<p>Land sale</p>");
    assert_eq!(messages(gate.check(&[clean], &BTreeMap::new())), "");
}

#[test]
fn every_kind_of_artefact_is_read() {
    let f = Fixture::new("kinds");
    let gate = f.gate();
    let leaks = [
        (
            "feed.xml",
            "<summary>The price agreed with CANARY Limited was 1,234,567 pounds</summary>"
                .to_string(),
        ),
        (
            "calendar.ics",
            "DESCRIPTION:The price agreed with CANARY Limited \r\n was 1\\,234\\,567 pounds\r\n"
                .to_string(),
        ),
        (
            "redactions.json",
            r#"[{"text":"The price agreed with CANARY Limited was 1,234,567 pounds"}]"#.to_string(),
        ),
        (
            "a/the-price-agreed-with-canary-limited-was-1-234-567-pounds/index.html",
            "<p>x</p>".to_string(),
        ),
    ];
    for (path, text) in leaks {
        let err = messages(gate.check(&[Artefact::bytes(path, text)], &BTreeMap::new()));
        assert!(err.contains(path), "{path} was not read: {err}");
    }
    // A pack is read from its text, which the gate must be given.
    let pack = "committees/panel/2021-09-24/agenda-pack.pdf";
    let texts = BTreeMap::from([(pack.to_string(), SECRET.to_string())]);
    let err = messages(gate.check(&[Artefact::bytes(pack, b"%PDF".to_vec())], &texts));
    assert!(err.contains(pack) && err.contains("meeting.yaml"), "{err}");
    let err = messages(gate.check(&[Artefact::bytes(pack, b"%PDF".to_vec())], &BTreeMap::new()));
    assert!(
        err.contains("cannot vouch for it"),
        "an unread pack passed: {err}"
    );
}

#[test]
fn a_withheld_files_name_anywhere_in_the_output_is_found() {
    let f = Fixture::new("name");
    let gate = f.gate();
    let err = messages(gate.check(
        &[Artefact::bytes(
            "elsewhere/valuation-of-plot-7.pdf",
            b"%PDF-1.7 other bytes".to_vec(),
        )],
        &BTreeMap::new(),
    ));
    assert!(err.contains("the name of a withheld file"), "{err}");
}

/// Pagefind's files as it writes them: gzip-compressed, "pagefind_dcd" first.
fn pagefind_file(inner: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"pagefind_dcd").unwrap();
    gz.write_all(inner).unwrap();
    gz.finish().unwrap()
}

#[test]
fn a_compressed_search_fragment_is_read() {
    let f = Fixture::new("fragment");
    let gate = f.gate();
    let fragment = "pagefind/fragment/en_1234567.pf_fragment";
    let leak = pagefind_file(
        br#"{"url":"/x/","content":"The price agreed with CANARY Limited was 1,234,567 pounds.","meta":{"title":"Land"},"filters":{},"word_count":9,"anchors":[]}"#,
    );
    // The compressed bytes do not show the words: only reading them inflated can.
    assert!(!String::from_utf8_lossy(&leak).contains("CANARY"));
    let err = messages(gate.check(&[Artefact::bytes(fragment, leak)], &BTreeMap::new()));
    assert!(
        err.contains(fragment) && err.contains("meeting.yaml"),
        "a compressed fragment was not read: {err}"
    );
    // The control: a clean fragment passes.
    let clean = pagefind_file(br#"{"url":"/x/","content":"Apologies for absence.","meta":{}}"#);
    assert_eq!(
        messages(gate.check(&[Artefact::bytes(fragment, clean)], &BTreeMap::new())),
        ""
    );
}

#[test]
fn the_strings_of_a_compressed_filter_are_read() {
    // A filter file is CBOR: [filter name, [[value, [pages]]...]].
    let f = Fixture::new("filter");
    let gate = f.gate();
    let value = "The price agreed with CANARY Limited was 1,234,567 pounds";
    let mut cbor = vec![0x82, 0x69];
    cbor.extend_from_slice(b"committee");
    cbor.extend_from_slice(&[0x81, 0x82, 0x78, value.len() as u8]);
    cbor.extend_from_slice(value.as_bytes());
    cbor.extend_from_slice(&[0x81, 0x00]);
    let path = "pagefind/filter/en_7654321.pf_filter";
    let err = messages(gate.check(
        &[Artefact::bytes(path, pagefind_file(&cbor))],
        &BTreeMap::new(),
    ));
    assert!(
        err.contains(path),
        "a compressed filter was not read: {err}"
    );
    let text = words::readable(path, &pagefind_file(&cbor)).concat();
    assert!(text.contains(" committee "), "{text}");
}

#[test]
fn the_fingerprint_covers_the_code_that_reads_files() {
    // A file found clean is trusted only by a gate that reads files the same way: the
    // code of `scan` and of `readable` is part of the fingerprint.
    assert!(READING.iter().any(|s| s.contains("pub fn scan(&self")));
    assert!(READING.iter().any(|s| s.contains("pub fn readable(")));
}

// ---------------------------------------------------------------------------------------
// The gate kept between builds (`kept`).

/// Whether a gate was prepared here rather than taken from the kept file: a kept gate
/// makes its automaton only when it first scans.
fn prepared_afresh(gate: &Gate) -> bool {
    gate.matcher.get().is_some()
}

/// What the gate says of each kind of leak: withheld words in a page, a withheld file's
/// name, a copy of its bytes under another name, and a clean page.
fn verdicts(f: &Fixture, gate: &Gate) -> Vec<String> {
    let pdf = std::fs::read(f.appendix()).unwrap();
    let pages = [
        "<p>The price agreed with CANARY Limited was 1,234,567 pounds</p>",
        "<p>Land sale</p>",
    ];
    let mut out: Vec<String> = (pages.iter())
        .map(|p| messages(gate.check(&[Artefact::bytes("x/index.html", *p)], &BTreeMap::new())))
        .collect();
    out.push(messages(gate.check(
        &[Artefact::bytes(
            "elsewhere/valuation-of-plot-7.pdf",
            b"%PDF".to_vec(),
        )],
        &BTreeMap::new(),
    )));
    out.push(messages(gate.verdict(vec![gate.scan_file(
        "elsewhere/copy.bin",
        &pdf,
        None,
    )])));
    out
}

#[test]
fn a_kept_gate_gives_the_verdicts_and_messages_of_a_fresh_one() {
    let f = Fixture::new("kept-same");
    let fresh = f.gate();
    let first = f.kept();
    assert!(prepared_afresh(&first), "nothing was kept yet");
    let kept = f.kept();
    assert!(
        !prepared_afresh(&kept),
        "the second build did not use the kept gate"
    );
    assert_eq!(kept.fingerprint(), fresh.fingerprint());
    let (want, got) = (verdicts(&f, &fresh), verdicts(&f, &kept));
    assert_eq!(got, want);
    // The control: the leaks were found, and the clean page passed.
    assert!(want[0].contains("meeting.yaml:10:"), "{want:?}");
    assert_eq!(want[1], "");
    assert!(want[2].contains("the name of a withheld file"), "{want:?}");
    assert!(want[3].contains("the withheld file content/"), "{want:?}");
}

#[test]
fn a_kept_gate_is_not_used_once_a_file_it_read_has_changed() {
    let f = Fixture::new("kept-read");
    f.kept();
    assert!(!prepared_afresh(&f.kept()));
    // The appendix gets other bytes of the same size: its path and size, all the key
    // knows of it, are the same.
    let mut pdf = std::fs::read(f.appendix()).unwrap();
    let at = pdf.len() - 10;
    pdf[at] ^= 0x20;
    std::fs::write(f.appendix(), &pdf).unwrap();
    let gate = f.kept();
    assert!(prepared_afresh(&gate), "a kept gate trusted a changed file");
    let err = messages(gate.verdict(vec![gate.scan_file("elsewhere/copy.bin", &pdf, None)]));
    assert!(err.contains("the withheld file content/"), "{err}");
}

#[test]
fn a_damaged_or_foreign_kept_gate_is_prepared_again_without_complaint() {
    let f = Fixture::new("kept-damaged");
    f.kept();
    let file = f.keep().file;
    let good = std::fs::read(&file).unwrap();
    std::fs::write(&file, &good[..good.len() / 2]).unwrap();
    assert!(prepared_afresh(&f.kept()), "half a file was used");
    // Kept by a build of another date: its key differs.
    let other = Gate::kept(
        &f.lib,
        time::macros::date!(2021 - 10 - 02),
        PdfTexts::new(None),
        &f.keep(),
    )
    .unwrap();
    assert!(prepared_afresh(&other));
    assert!(prepared_afresh(&f.kept()), "the other date's gate was used");
}

#[test]
fn the_key_of_a_kept_gate_covers_the_date_the_site_and_its_sources() {
    let f = Fixture::new("kept-key");
    let day = time::macros::date!(2021 - 10 - 01);
    let base = kept::key(&f.keep(), &f.dir, day);
    let mut other = f.keep();
    other.sources[0] ^= 1;
    let keys = [
        kept::key(&f.keep(), &f.dir, time::macros::date!(2021 - 10 - 02)),
        kept::key(&f.keep(), &f.dir.join("copy"), day),
        kept::key(&other, &f.dir, day),
    ];
    for k in keys {
        assert_ne!(k, base);
    }
    assert_eq!(kept::key(&f.keep(), &f.dir, day), base);
}

#[test]
fn a_gate_whose_automaton_cannot_be_made_passes_nothing() {
    let f = Fixture::new("unprepared");
    let mut gate = f.gate();
    let why = crate::diag::Diagnostic::error("site.toml", None, "the automaton is too large");
    gate.matcher = OnceLock::from(Err(why));
    let err = messages(gate.check(
        &[Artefact::bytes("x/index.html", "<p>Land sale</p>")],
        &BTreeMap::new(),
    ));
    assert!(err.contains("the automaton is too large"), "{err}");
}

#[test]
fn the_sources_print_sees_every_file_and_every_word() {
    let f = Fixture::new("print");
    let print = |dir: &Path| crate::load::load(dir, &mut Default::default()).print();
    let before = print(&f.dir);
    assert_eq!(print(&f.dir), before, "the same files give the same print");
    let meeting = f
        .dir
        .join("content/committees/panel/2021-09-24/meeting.yaml");
    let text = std::fs::read_to_string(&meeting).unwrap();
    // One letter of one file, the same size.
    std::fs::write(&meeting, text.replacen("Room 1", "Room 2", 1)).unwrap();
    let edited = print(&f.dir);
    assert_ne!(edited, before);
    // A file quire does not read as text counts by its name and size.
    std::fs::write(
        f.dir
            .join("content/committees/panel/2021-09-24/files/notes.txt"),
        "x",
    )
    .unwrap();
    assert_ne!(print(&f.dir), edited);
    // So does site.toml.
    let site = std::fs::read_to_string(f.dir.join("site.toml")).unwrap();
    let added = print(&f.dir);
    std::fs::write(f.dir.join("site.toml"), site + "\n").unwrap();
    assert_ne!(print(&f.dir), added);
}

#[test]
fn a_public_title_counts_before_a_withheld_one_if_out_earlier_or_that_day_at_its_meeting() {
    use inventory::FirstOut;
    let day =
        |d: u8| Some(time::Date::from_calendar_date(2021, time::Month::September, d).unwrap());
    let first = FirstOut {
        day: day(16),
        meetings: vec![7],
    };
    assert!(first.before(day(17), Some(1)), "out the day before");
    assert!(
        first.before(day(16), Some(7)),
        "the same day, at its own meeting"
    );
    assert!(
        !first.before(day(16), Some(8)),
        "the same day, at another meeting"
    );
    assert!(!first.before(day(15), Some(7)), "out the day after");
    assert!(!first.before(None, Some(7)), "a withheld paper with no day");
    let name = FirstOut {
        day: None,
        meetings: Vec::new(),
    };
    assert!(
        name.before(day(1), None),
        "a name is public whatever the day"
    );
}

/// The marking of the members' edition's data files is one of the marks the gate knows
/// a copy of that edition by: rewording one without the other would let copies through.
#[test]
fn the_members_marking_is_one_of_the_marks() {
    let marking = words::normal(crate::redact::MEMBERS_MARKING);
    assert!(MEMBERS_MARKS.contains(&marking.as_str()), "{marking:?}");
}

/// The forms a file name gives a hidden title, for the addresses a public paper's
/// public title is looked for in.
#[test]
fn a_title_in_the_forms_a_file_name_gives_it() {
    assert_eq!(
        without_and(" quokkaplex and zorblax review "),
        " quokkaplex zorblax review "
    );
    assert_eq!(
        plain_letters(" łukasz ørsted straße "),
        " lukasz orsted strasse "
    );
    assert_eq!(
        spelt_out("Jürgen Müller, Ørsted, Åse"),
        "Juergen Mueller, Oersted, Aase"
    );
    let forms = |title: &str| address_forms(&Inventory::default(), title);
    let has = |title: &str, form: &str| {
        let all = forms(title);
        assert!(all.contains(&form.to_string()), "{form} not in {all:?}");
    };
    has("Quokkaplex & Zorblax", " quokkaplex and zorblax ");
    has("Quokkaplex & Zorblax", " quokkaplex zorblax ");
    has("Quokkaplex & Zorblax", " quokkaplexandzorblax ");
    has("Quokkaplex & Zorblax", " quokkaplexzorblax ");
    has("Mr O'Brien's foster carers", " mr obriens foster carers ");
    has("Mr Oʼbrien", " mr obrien ");
    has("Sa'id Quokka-Zorblax", " said quokkazorblax ");
    has("Jürgen Müller", " juergen mueller ");
    has("Jürgen Müller", " jurgen muller ");
    has("Łukasz Quokkaplex", " lukasz quokkaplex ");
    // A letter an apostrophe cut off is not a form of its own.
    assert!(!forms("O'Brien").contains(&" o ".to_string()));
}

#[test]
fn words_a_file_name_runs_together_are_told_apart() {
    assert_eq!(
        words::split_at_capitals("files/QuokkaplexComplaintFinal2021.pdf").as_deref(),
        Some("files/Quokkaplex Complaint Final 2021.pdf")
    );
    assert_eq!(
        words::split_at_capitals("files/quokkaplex-complaint.pdf"),
        None
    );
}
