//! Working days in England and Wales, for the "clear working days" notice rule.
//!
//! Clear days exclude the day of publication and the day of the meeting; working days
//! exclude weekends and bank holidays. Bank holidays are computed from their rules, plus the
//! one-off days proclaimed since 2010; a site can add more in `site.toml`.

use time::{Date, Duration, Month, Weekday};

/// One-off bank holidays in England and Wales (royal events).
const PROCLAIMED: [(i32, Month, u8); 5] = [
    (2011, Month::April, 29),
    (2012, Month::June, 5),
    (2022, Month::June, 3),
    (2022, Month::September, 19),
    (2023, Month::May, 8),
];

/// Easter Sunday by the anonymous Gregorian algorithm.
fn easter_sunday(year: i32) -> Option<Date> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = ((h + l - 7 * m + 114) % 31) + 1;
    Date::from_calendar_date(year, Month::try_from(month as u8).ok()?, day as u8).ok()
}

fn first_monday(year: i32, month: Month) -> Option<Date> {
    let mut d = Date::from_calendar_date(year, month, 1).ok()?;
    while d.weekday() != Weekday::Monday {
        d = d.next_day()?;
    }
    Some(d)
}

fn last_monday(year: i32, month: Month) -> Option<Date> {
    let mut d =
        Date::from_calendar_date(year, month, time::util::days_in_month(month, year)).ok()?;
    while d.weekday() != Weekday::Monday {
        d = d.previous_day()?;
    }
    Some(d)
}

/// Bank holidays of one year in England and Wales.
pub fn bank_holidays(year: i32) -> Vec<Date> {
    let mut days = Vec::new();
    let fixed = |m, d| Date::from_calendar_date(year, m, d).ok();
    // New Year's Day, moved to Monday when it falls at a weekend.
    if let Some(ny) = fixed(Month::January, 1) {
        days.push(match ny.weekday() {
            Weekday::Saturday => ny + Duration::days(2),
            Weekday::Sunday => ny + Duration::days(1),
            _ => ny,
        });
    }
    if let Some(easter) = easter_sunday(year) {
        days.push(easter - Duration::days(2));
        days.push(easter + Duration::days(1));
    }
    // Early May: moved to Friday 8 May for VE Day anniversaries.
    match year {
        1995 | 2020 => days.extend(fixed(Month::May, 8)),
        _ => days.extend(first_monday(year, Month::May)),
    }
    // Spring: moved for jubilees.
    match year {
        2002 | 2012 => days.extend(fixed(Month::June, 4)),
        2022 => days.extend(fixed(Month::June, 2)),
        _ => days.extend(last_monday(year, Month::May)),
    }
    days.extend(last_monday(year, Month::August));
    // Christmas and Boxing Day with their substitute days.
    if let (Some(xmas), Some(boxing)) = (fixed(Month::December, 25), fixed(Month::December, 26)) {
        let (x, b) = match xmas.weekday() {
            Weekday::Friday => (xmas, boxing + Duration::days(2)),
            Weekday::Saturday => (xmas + Duration::days(2), boxing + Duration::days(2)),
            Weekday::Sunday => (xmas + Duration::days(2), boxing),
            _ => (xmas, boxing),
        };
        days.push(x);
        days.push(b);
    }
    days.extend(
        PROCLAIMED
            .iter()
            .filter(|(y, _, _)| *y == year)
            .filter_map(|&(y, m, d)| Date::from_calendar_date(y, m, d).ok()),
    );
    days.sort();
    days
}

/// The years whose bank holidays are worked out once, when first asked: checking a day
/// is then a lookup, not a calculation (a large archive checks every day of ten years
/// for each of thousands of meetings).
const TABLE_YEARS: std::ops::RangeInclusive<i32> = 1970..=2199;

fn is_bank_holiday(d: Date) -> bool {
    holidays_of(d.year()).contains(&d)
}

/// The bank holidays of a year, from the table when it covers the year.
fn holidays_of(year: i32) -> std::borrow::Cow<'static, [Date]> {
    static TABLE: std::sync::LazyLock<Vec<Vec<Date>>> =
        std::sync::LazyLock::new(|| TABLE_YEARS.map(bank_holidays).collect());
    if TABLE_YEARS.contains(&year) {
        std::borrow::Cow::Borrowed(&TABLE[(year - TABLE_YEARS.start()) as usize])
    } else {
        std::borrow::Cow::Owned(bank_holidays(year))
    }
}

fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// Decides working days, with the built-in bank holidays and the site's extra ones.
pub struct WorkingDays {
    extra: Vec<Date>,
}

impl WorkingDays {
    pub fn new(extra: &[Date]) -> Self {
        WorkingDays {
            extra: extra.to_vec(),
        }
    }

    pub fn is_working_day(&self, d: Date) -> bool {
        !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
            && !self.extra.contains(&d)
            && !is_bank_holiday(d)
    }

    /// Working days strictly between `published` and `meeting`. Counted by whole weeks,
    /// then the days left over, less the holidays that fall on weekdays between: papers
    /// published years ahead (an archive imported with one date) cost no more than
    /// papers published a week ahead.
    pub fn clear_days_between(&self, published: Date, meeting: Date) -> u32 {
        let (Some(first), Some(last)) = (published.next_day(), meeting.previous_day()) else {
            return 0;
        };
        if last < first {
            return 0;
        }
        let days = (last - first).whole_days() + 1;
        let mut weekdays = (days / 7) * 5;
        let mut d = first + Duration::days((days / 7) * 7);
        while d <= last {
            if !is_weekend(d) {
                weekdays += 1;
            }
            d = match d.next_day() {
                Some(n) => n,
                None => break,
            };
        }
        let between = |h: &Date| *h >= first && *h <= last && !is_weekend(*h);
        let mut off: Vec<Date> = (first.year()..=last.year())
            .flat_map(|y| {
                holidays_of(y)
                    .iter()
                    .copied()
                    .filter(between)
                    .collect::<Vec<_>>()
            })
            .collect();
        off.extend(self.extra.iter().copied().filter(between));
        off.sort_unstable();
        off.dedup();
        u32::try_from(weekdays - off.len() as i64).unwrap_or(0)
    }

    /// The `n`th working day after `from` (`from` itself not counted).
    pub fn working_days_after(&self, from: Date, n: u32) -> Option<Date> {
        let mut d = from;
        let mut found = 0;
        while found < n {
            d = d.next_day()?;
            if self.is_working_day(d) {
                found += 1;
            }
        }
        Some(d)
    }

    /// The latest working day papers can be published and still give `days` clear
    /// working days (an office does not publish on a bank holiday or at a weekend).
    pub fn latest_publication(&self, meeting: Date, days: u32) -> Option<Date> {
        let mut d = meeting.previous_day()?;
        let mut found = 0;
        while found < days {
            if self.is_working_day(d) {
                found += 1;
            }
            d = d.previous_day()?;
        }
        while !self.is_working_day(d) {
            d = d.previous_day()?;
        }
        Some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// The count day by day, as the rule is written.
    fn slow(w: &WorkingDays, published: Date, meeting: Date) -> u32 {
        let mut count = 0;
        let mut d = published;
        while let Some(next) = d.next_day() {
            if next >= meeting {
                break;
            }
            if w.is_working_day(next) {
                count += 1;
            }
            d = next;
        }
        count
    }

    #[test]
    fn clear_days_by_weeks_agree_with_counting_day_by_day() {
        let w = WorkingDays::new(&[date!(2021 - 12 - 29), date!(2022 - 01 - 08)]);
        let mut published = date!(2020 - 11 - 20);
        for step in 0..180 {
            for gap in [0, 1, 2, 3, 6, 7, 8, 13, 14, 30, 45, 200, 400] {
                let meeting = published + Duration::days(gap);
                assert_eq!(
                    w.clear_days_between(published, meeting),
                    slow(&w, published, meeting),
                    "{published} to {meeting}"
                );
            }
            published += Duration::days(3 + step % 5);
        }
    }

    #[test]
    fn known_bank_holidays() {
        let y2021 = bank_holidays(2021);
        for d in [
            date!(2021 - 01 - 01),
            date!(2021 - 04 - 02),
            date!(2021 - 04 - 05),
            date!(2021 - 05 - 03),
            date!(2021 - 05 - 31),
            date!(2021 - 08 - 30),
            date!(2021 - 12 - 27),
            date!(2021 - 12 - 28),
        ] {
            assert!(y2021.contains(&d), "{d} missing");
        }
        assert!(bank_holidays(2022).contains(&date!(2022 - 09 - 19)));
        assert!(bank_holidays(2022).contains(&date!(2022 - 01 - 03)));
        assert!(bank_holidays(2020).contains(&date!(2020 - 05 - 08)));
        assert_eq!(bank_holidays(2027).len(), 8);
    }

    #[test]
    fn five_clear_working_days() {
        let w = WorkingDays::new(&[]);
        // Published Thursday 16 September 2021 for Friday 24 September: Fri, Mon-Thu = 5.
        assert_eq!(
            w.clear_days_between(date!(2021 - 09 - 16), date!(2021 - 09 - 24)),
            5
        );
        assert_eq!(
            w.clear_days_between(date!(2021 - 09 - 17), date!(2021 - 09 - 24)),
            4
        );
        assert_eq!(
            w.latest_publication(date!(2021 - 09 - 24), 5),
            Some(date!(2021 - 09 - 16))
        );
        // Across the late May bank holiday 2021 (31 May).
        assert_eq!(
            w.clear_days_between(date!(2021 - 05 - 25), date!(2021 - 06 - 03)),
            5
        );
    }

    #[test]
    fn the_christmas_break_in_england_and_wales() {
        let w = WorkingDays::new(&[]);
        // Christmas 2021: Saturday 25, Sunday 26, bank holidays Monday 27 and Tuesday 28
        // December; New Year's Day on a Saturday, so Monday 3 January 2022 is off too.
        let meeting = date!(2022 - 01 - 06);
        assert_eq!(w.clear_days_between(date!(2021 - 12 - 21), meeting), 8);
        // England needs five clear working days, Wales three.
        assert_eq!(
            w.latest_publication(meeting, 5),
            Some(date!(2021 - 12 - 24))
        );
        assert_eq!(
            w.latest_publication(meeting, 3),
            Some(date!(2021 - 12 - 30))
        );
        // One day late in each: the shortfall is a single day.
        assert_eq!(w.clear_days_between(date!(2021 - 12 - 29), meeting), 4);
        assert_eq!(w.clear_days_between(date!(2021 - 12 - 31), meeting), 2);
    }

    #[test]
    fn a_weekend_is_not_working_days() {
        let w = WorkingDays::new(&[]);
        // Published Friday 10 September 2021 for Monday 13: the weekend gives nothing.
        assert_eq!(
            w.clear_days_between(date!(2021 - 09 - 10), date!(2021 - 09 - 13)),
            0
        );
    }

    #[test]
    fn site_extra_days_count() {
        let w = WorkingDays::new(&[date!(2021 - 09 - 20)]);
        assert_eq!(
            w.clear_days_between(date!(2021 - 09 - 16), date!(2021 - 09 - 24)),
            4
        );
    }
}
