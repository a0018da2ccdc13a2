//! Proleptic Gregorian calendar arithmetic on plain dates: day numbers, weekdays, month
//! lengths, ISO weeks, adding days/months/years. Owns no state and never reads a clock.
//! Depends on nothing.

/// A calendar date (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// True for Gregorian leap years.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1-12) of `year`; 0 for an invalid month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A valid date or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=9999).contains(&year) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (Howard Hinnant's civil algorithm).
    pub fn day_number(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date for a day number; `None` outside years 1..=9999.
    pub fn from_day_number(n: i64) -> Option<Date> {
        let z = n.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            i32::try_from(year).ok()?,
            u32::try_from(month).ok()?,
            u32::try_from(day).ok()?,
        )
    }

    /// ISO weekday, Monday = 1 ... Sunday = 7.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        let w = (self.day_number() + 3).rem_euclid(7);
        u32::try_from(w).unwrap_or(0) + 1
    }

    /// `self + days`.
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_day_number(self.day_number().checked_add(days)?)
    }

    /// `self + months`, clamping the day to the target month's length.
    pub fn add_months(self, months: i64) -> Option<Date> {
        let total = i64::from(self.year) * 12 + i64::from(self.month) - 1 + months;
        let year = i32::try_from(total.div_euclid(12)).ok()?;
        let month = u32::try_from(total.rem_euclid(12)).ok()? + 1;
        let day = self.day.min(days_in_month(year, month));
        Date::new(year, month, day)
    }

    /// ISO 8601 week-numbering year and week of this date.
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(4 - i64::from(self.weekday())).unwrap_or(self);
        let jan1 = Date {
            year: thursday.year,
            month: 1,
            day: 1,
        };
        let week = (thursday.day_number() - jan1.day_number()) / 7 + 1;
        (thursday.year, u32::try_from(week).unwrap_or(1))
    }

    /// Monday of ISO week `week` of ISO year `year`.
    pub fn from_iso_week(year: i32, week: u32) -> Option<Date> {
        let jan4 = Date::new(year, 1, 4)?;
        let monday1 = jan4.add_days(1 - i64::from(jan4.weekday()))?;
        monday1.add_days(7 * (i64::from(week) - 1))
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_weekdays_and_weeks() {
        let cases = [
            ((2024, 5, 16), 4, (2024, 20)),
            ((1970, 1, 1), 4, (1970, 1)),
            ((2021, 1, 3), 7, (2020, 53)),
            ((1989, 11, 2), 4, (1989, 44)),
        ];
        for ((y, m, d), wd, wk) in cases {
            let date = Date::new(y, m, d).unwrap_or(Date {
                year: 1,
                month: 1,
                day: 1,
            });
            assert_eq!(date.weekday(), wd, "{y}-{m}-{d}");
            assert_eq!(date.iso_week(), wk, "{y}-{m}-{d}");
            assert_eq!(Date::from_day_number(date.day_number()), Some(date));
        }
    }

    #[test]
    fn month_arithmetic_clamps() {
        let d = Date::new(2024, 1, 31);
        assert_eq!(d.and_then(|d| d.add_months(1)), Date::new(2024, 2, 29));
        assert_eq!(d.and_then(|d| d.add_months(-13)), Date::new(2022, 12, 31));
        assert_eq!(Date::new(2023, 2, 29), None);
        assert_eq!(Date::from_iso_week(2024, 20), Date::new(2024, 5, 13));
    }
}
