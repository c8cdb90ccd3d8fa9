//! Schedule 12A to the Local Government Act 1972: the categories of exempt information.
//!
//! England uses Part 1, paragraphs 1 to 7. Wales uses Part 4, paragraphs 12 to 18: the same
//! seven categories in the same order. A paragraph from the other jurisdiction is an error,
//! because a notice citing the wrong law is itself a defect in the published papers.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jurisdiction {
    England,
    Wales,
}

const CATEGORIES: [&str; 7] = [
    "information relating to any individual",
    "information likely to reveal the identity of an individual",
    "information relating to the financial or business affairs of any particular person (including the authority holding that information)",
    "information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter",
    "information in respect of which a claim to legal professional privilege could be maintained in legal proceedings",
    "information which reveals that the authority proposes to give a notice imposing requirements on a person, or to make an order or direction",
    "information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime",
];

impl Jurisdiction {
    /// The first paragraph number of the exempt categories.
    fn first(self) -> u32 {
        match self {
            Jurisdiction::England => 1,
            Jurisdiction::Wales => 12,
        }
    }

    pub fn part(self) -> &'static str {
        match self {
            Jurisdiction::England => "Part 1",
            Jurisdiction::Wales => "Part 4",
        }
    }

    /// Minimum clear working days between publication and the meeting.
    pub fn notice_days(self) -> u32 {
        match self {
            Jurisdiction::England => 5,
            Jurisdiction::Wales => 3,
        }
    }

    pub fn valid_range(self) -> (u32, u32) {
        (self.first(), self.first() + 6)
    }

    /// The category of a paragraph in words, or `None` if the paragraph is not one of
    /// this jurisdiction's.
    pub fn category(self, paragraph: u32) -> Option<&'static str> {
        let index = paragraph.checked_sub(self.first())? as usize;
        CATEGORIES.get(index).copied()
    }
}

/// The statutory wording of a notice, e.g. "Not for publication by virtue of paragraphs 1
/// and 2 of Part 1 of Schedule 12A to the Local Government Act 1972".
pub fn notice_text(j: Jurisdiction, paragraphs: &[u32]) -> String {
    let nums: Vec<String> = paragraphs.iter().map(u32::to_string).collect();
    let word = if paragraphs.len() == 1 {
        "paragraph"
    } else {
        "paragraphs"
    };
    format!(
        "Not for publication by virtue of {word} {} of {} of Schedule 12A to the Local Government Act 1972",
        crate::text::and_list(&nums),
        j.part()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn england_and_wales_ranges() {
        assert!(
            Jurisdiction::England
                .category(1)
                .unwrap()
                .contains("any individual")
        );
        assert!(Jurisdiction::England.category(8).is_none());
        assert!(Jurisdiction::England.category(0).is_none());
        assert!(Jurisdiction::Wales.category(3).is_none());
        assert_eq!(
            Jurisdiction::Wales.category(14),
            Jurisdiction::England.category(3)
        );
        assert!(Jurisdiction::Wales.category(18).is_some());
    }

    #[test]
    fn notice_wording() {
        assert_eq!(
            notice_text(Jurisdiction::England, &[1, 2]),
            "Not for publication by virtue of paragraphs 1 and 2 of Part 1 of Schedule 12A to the Local Government Act 1972"
        );
        assert!(notice_text(Jurisdiction::Wales, &[12]).contains("paragraph 12 of Part 4"));
    }
}
