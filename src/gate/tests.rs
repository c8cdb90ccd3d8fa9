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

fn unit(withheld: Option<Why>, date: Option<time::Date>) -> Unit {
    Unit {
        file: PathBuf::from("x"),
        line: None,
        withheld,
        date,
        text: String::new(),
    }
}

#[test]
fn public_text_predates_a_withheld_one_only_if_it_was_out_first() {
    use time::macros::date;
    let (early, day) = (Some(date!(2024 - 01 - 01)), Some(date!(2024 - 02 - 01)));
    let exempt = unit(Some(Why::Exempt(vec![3])), day);
    let draft = unit(Some(Why::Draft), day);
    assert!(predates(&unit(None, early), &exempt));
    // The same meeting's public report does not excuse exempt words it quotes...
    assert!(!predates(&unit(None, day), &exempt));
    // ...but draft minutes repeat their own agenda.
    assert!(predates(&unit(None, day), &draft));
    // A page has no date: it could have been written any time.
    assert!(!predates(&unit(None, None), &exempt));
}
