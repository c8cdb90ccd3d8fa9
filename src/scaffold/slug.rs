//! Names into slugs (`Corporate Parenting Panel` → `corporate-parenting-panel`), and the
//! nearest known name to a mistyped one.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The slug of a name: lowercase ASCII letters and digits, words joined by single hyphens.
/// Accents are dropped (`Pwyllgor Craffu – Addysg, Ŵyl` → `pwyllgor-craffu-addysg-wyl`),
/// apostrophes join their word (`Children's` → `childrens`), `&` and `+` are "and". Empty
/// when the name has no letter or digit at all.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    let word = |out: &mut String, gap: &mut bool, w: &str| {
        if *gap && !out.is_empty() {
            out.push('-');
        }
        *gap = false;
        out.push_str(w);
    };
    for c in name.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            '\'' | '\u{2019}' | '\u{2018}' | '`' => {}
            '&' | '+' => {
                gap = true;
                word(&mut out, &mut gap, "and");
                gap = true;
            }
            'ß' => word(&mut out, &mut gap, "ss"),
            'æ' | 'Æ' => word(&mut out, &mut gap, "ae"),
            'œ' | 'Œ' => word(&mut out, &mut gap, "oe"),
            'ø' | 'Ø' => word(&mut out, &mut gap, "o"),
            'ł' | 'Ł' => word(&mut out, &mut gap, "l"),
            'đ' | 'Đ' | 'ð' | 'Ð' => word(&mut out, &mut gap, "d"),
            'þ' | 'Þ' => word(&mut out, &mut gap, "th"),
            c if c.is_ascii_alphanumeric() => {
                let lower = c.to_ascii_lowercase();
                let mut buf = [0u8; 4];
                word(&mut out, &mut gap, lower.encode_utf8(&mut buf));
            }
            _ => gap = true,
        }
    }
    out
}

/// A slug cut to at most `max` characters at a hyphen, for file names made from long titles.
pub fn shorten(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let cut = &slug[..max];
    match cut.rfind('-') {
        Some(i) if i > 0 => cut[..i].to_string(),
        _ => cut.trim_end_matches('-').to_string(),
    }
}

use crate::text::distance;

/// The candidate closest to `input`, if one is close enough to be what was meant.
/// Each candidate is `(slug, name)`; `input` may be either, mistyped.
pub fn closest<'a>(input: &str, candidates: &'a [(String, String)]) -> Option<&'a str> {
    let wanted = slugify(input);
    if wanted.is_empty() {
        return None;
    }
    candidates
        .iter()
        .map(|(slug, name)| {
            let named = slugify(name);
            let mut d = distance(&wanted, slug).min(distance(&wanted, &named));
            // "parenting" for corporate-parenting-panel: a part of the name.
            if wanted.len() >= 4 && (slug.contains(&wanted) || named.contains(&wanted)) {
                d = d.min(1);
            }
            (d, slug)
        })
        .filter(|(d, slug)| *d <= 2.max(slug.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, slug)| slug.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_slugs() {
        assert_eq!(
            slugify("Corporate Parenting Panel"),
            "corporate-parenting-panel"
        );
        assert_eq!(
            slugify("Children's Services Scrutiny"),
            "childrens-services-scrutiny"
        );
        assert_eq!(
            slugify("Health & Wellbeing Board"),
            "health-and-wellbeing-board"
        );
        assert_eq!(slugify("  Audit -- Governance  "), "audit-governance");
        assert_eq!(
            slugify("Pwyllgor Craffu – Addysg, Ŵyl"),
            "pwyllgor-craffu-addysg-wyl"
        );
        assert_eq!(slugify("Café Straße"), "cafe-strasse");
        assert_eq!(
            slugify("Annual report: 2020/21 (draft)"),
            "annual-report-2020-21-draft"
        );
        assert_eq!(slugify("CABINET"), "cabinet");
        assert_eq!(slugify("R&D"), "r-and-d");
        assert_eq!(slugify("!!! ???"), "");
        assert_eq!(slugify(""), "");
    }

    #[test]
    fn every_slug_is_a_valid_web_address() {
        for name in [
            "Corporate Parenting Panel",
            "-Leading and trailing-",
            "a  --  b",
            "Ŵ & Ŷ",
            "2021/22 budget",
            "'quoted'",
        ] {
            let s = slugify(name);
            assert!(crate::text::is_slug(&s), "{name:?} gave {s:?}");
        }
    }

    #[test]
    fn long_slugs_are_cut_at_a_hyphen() {
        assert_eq!(
            shorten("fostering-annual-report", 60),
            "fostering-annual-report"
        );
        assert_eq!(shorten("fostering-annual-report", 12), "fostering");
        assert_eq!(shorten("abcdefghij", 4), "abcd");
    }

    #[test]
    fn a_close_name_is_suggested() {
        let known = vec![
            ("cabinet".to_string(), "Cabinet".to_string()),
            (
                "corporate-parenting-panel".to_string(),
                "Corporate Parenting Panel".to_string(),
            ),
        ];
        assert_eq!(closest("cabinett", &known), Some("cabinet"));
        assert_eq!(
            closest("corporate-parenting-pannel", &known),
            Some("corporate-parenting-panel")
        );
        assert_eq!(
            closest("parenting", &known),
            Some("corporate-parenting-panel")
        );
        assert_eq!(closest("planning", &known), None);
        assert_eq!(closest("", &known), None);
    }
}
