//! The time dimension, resolve half: turns unresolved [`TimeExpr`]s into [`TimeValue`]s
//! against the article's reference time, keeping per-document state (the last time
//! mentioned) so that "a year earlier" follows the period just talked about. The only code
//! that reads the reference. Deterministic: same article, same reference, same values.
//! Depends on the calendar and the time types.

use super::calendar::Date;
use super::time::{
    Amount, Anchoring, Core, DurationRange, Frame, Grain, Holiday, Interval, ShiftFrom, Signal,
    TimeExpr, TimeValue, TimexMod, TimexType, Unit, YearSpec,
};
use super::Reference;

/// The tense around an expression, which decides the direction of bare weekdays and months.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
}

/// The tense around an expression and how sure the cue is: `firm` when a marker close to
/// the expression, in its own clause, decided it; a distant or clause-separated marker
/// ("X said Y told Z of a cutback in September") only leans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cue {
    pub tense: Tense,
    pub firm: bool,
}

impl Cue {
    /// A cue decided by a close marker.
    pub fn firm(tense: Tense) -> Cue {
        Cue { tense, firm: true }
    }
}

/// A resolved point or period: its first day, grain and whether the year is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Point {
    start: Date,
    grain: Grain,
    year_known: bool,
    season: Option<&'static str>,
    part_of_day: Option<&'static str>,
    clock: Option<(u32, u32)>,
}

/// A calendar period within a year: quarter, half or season.
#[derive(Clone, Copy)]
struct PeriodShape {
    first_month: u32,
    months: u32,
    grain: Grain,
    season: Option<&'static str>,
}

/// Year used to do month/day arithmetic when the reference has no year (leap, so Feb 29 exists).
const SURROGATE_YEAR: i32 = 2000;

/// Resolves expressions of one document in order.
pub struct Resolver {
    reference: Option<Date>,
    reference_year_known: bool,
    last: Option<Point>,
    /// Sentence index of `last`, and of the expression being resolved.
    last_sentence: usize,
    sentence: usize,
    /// The last month/quarter/half/year mentioned: what "a year earlier" compares with in
    /// business news even when a day ("said yesterday") was mentioned in between.
    last_period: Option<Point>,
    last_period_sentence: usize,
    /// The last day mentioned, which a bare clock time ("at 10 p.m.") falls on.
    last_day: Option<Point>,
    last_day_sentence: usize,
    /// The Monday of the last week mentioned ("this week"), which a bare weekday later in
    /// the same sentence falls in ("will begin this week, as Yellen speaks on Wednesday").
    week_focus: Option<Date>,
    week_focus_sentence: usize,
}

/// Days between a mentioned day and the reference beyond which the day is history, and
/// "the following year" counts from it rather than from the period talked about before.
const HISTORICAL_DAY_DISTANCE: i64 = 62;

/// Days between a bare month and the reference within which a leaning tense cue gives way
/// to nearness (about two months).
const CLOSE_MONTH_DAYS: i64 = 75;

/// How many sentences back a bare clock time looks for the day it falls on.
const DAY_REACH: usize = 3;

/// How many sentences back "a year earlier" or "the quarter" may look for the time they follow.
const MENTION_REACH: usize = 6;

impl Resolver {
    /// A resolver for one document. A reference with month and day but no year still
    /// resolves month/day arithmetic, with the year left unknown (`XXXX`).
    pub fn new(reference: &Reference) -> Resolver {
        let (full, known) = match (reference.year, reference.month, reference.day) {
            (Some(y), Some(m), Some(d)) => (Date::new(y, m, d), true),
            (None, Some(m), Some(d)) => (Date::new(SURROGATE_YEAR, m, d), false),
            (Some(y), Some(m), None) => (Date::new(y, m, 1), true),
            (Some(y), None, None) => (Date::new(y, 7, 1), true),
            _ => (None, false),
        };
        Resolver {
            reference: full,
            reference_year_known: known && full.is_some(),
            last: None,
            last_sentence: 0,
            sentence: 0,
            last_period: None,
            last_period_sentence: 0,
            last_day: None,
            last_day_sentence: 0,
            week_focus: None,
            week_focus_sentence: 0,
        }
    }

    fn remember(&mut self, p: Point) {
        self.last = Some(p);
        self.last_sentence = self.sentence;
        if p.grain == Grain::Day && p.year_known {
            self.last_day = Some(p);
            self.last_day_sentence = self.sentence;
        }
        if p.grain == Grain::Week && p.year_known {
            self.week_focus = p.start.add_days(1 - i64::from(p.start.weekday()));
            self.week_focus_sentence = self.sentence;
        }
        if matches!(
            p.grain,
            Grain::Month | Grain::Quarter | Grain::Half | Grain::Season | Grain::Year
        ) {
            self.last_period = Some(p);
            self.last_period_sentence = self.sentence;
        }
    }

    /// Resolves one expression; updates the last-mentioned time.
    /// `sentence` is the index of the sentence the expression is in (non-decreasing).
    pub fn resolve(&mut self, expr: &TimeExpr, cue: Cue, sentence: usize) -> TimeValue {
        self.sentence = sentence;
        if sentence.saturating_sub(self.last_sentence) > MENTION_REACH {
            self.last = None;
        }
        if sentence.saturating_sub(self.last_period_sentence) > MENTION_REACH {
            self.last_period = None;
        }
        if sentence.saturating_sub(self.last_day_sentence) > DAY_REACH {
            self.last_day = None;
        }
        let mut v = self.resolve_core(expr, cue);
        if expr.utc && v.timex_type == TimexType::Time && v.value.contains('T') {
            v.value.push('Z');
        }
        if expr.week_of {
            v = week_of(v);
        }
        if let (Some(last), Some(iv)) = (expr.through_day, v.interval.as_ref()) {
            let end = iv
                .start
                .get(..8)
                .map(|ym| format!("{ym}{last:02}"))
                .and_then(|s| {
                    let y = s.get(0..4)?.parse().ok()?;
                    let m = s.get(5..7)?.parse().ok()?;
                    Date::new(y, m, last)?.add_days(1)
                });
            if let Some(end) = end {
                v.interval = Some(Interval {
                    start: iv.start.clone(),
                    end: end.iso(),
                });
            }
        }
        v.modifier = v.modifier.or(expr.modifier);
        v.signal = expr.signal;
        if let (Some(Signal::Since), Some(iv), Some(r)) =
            (expr.signal, v.interval.as_ref(), self.reference)
        {
            if let Some(end) = r.add_days(1) {
                v.interval = Some(Interval {
                    start: iv.start.clone(),
                    end: end.iso(),
                });
            }
        }
        v
    }

    /// The time just mentioned again ("the quarter" after "the third quarter"), with this
    /// expression's part of day and clock time.
    fn at_previous(
        &mut self,
        last: Point,
        pod: Option<&'static str>,
        clock: Option<(u32, u32)>,
    ) -> TimeValue {
        self.point_value(
            Point {
                part_of_day: pod,
                clock,
                ..last
            },
            Anchoring::PreviousTime,
            false,
        )
    }

    fn point_value(&mut self, p: Point, anchoring: Anchoring, remember: bool) -> TimeValue {
        if remember {
            self.remember(p);
        }
        let timex_type = if p.clock.is_some() || p.part_of_day.is_some() {
            TimexType::Time
        } else {
            TimexType::Date
        };
        let grain = if p.clock.is_some() {
            Grain::Minute
        } else if p.part_of_day.is_some() {
            Grain::PartOfDay
        } else {
            p.grain
        };
        TimeValue {
            timex_type,
            value: render(&p),
            grain,
            interval: interval(&p),
            anchoring,
            modifier: None,
            range: None,
            signal: None,
        }
    }

    fn unknown(&self, value: &str, grain: Grain, timex_type: TimexType) -> TimeValue {
        TimeValue {
            timex_type,
            value: value.to_string(),
            grain,
            interval: None,
            anchoring: Anchoring::Reference,
            modifier: None,
            range: None,
            signal: None,
        }
    }

    fn year_for(&self, spec: YearSpec) -> Option<(i32, bool)> {
        match spec {
            YearSpec::Written(y) => Some((y, true)),
            YearSpec::FromReference(off) => {
                let r = self.reference?;
                Some((r.year + i32::try_from(off).ok()?, self.reference_year_known))
            }
            YearSpec::Guess => None,
            YearSpec::InFocus => self
                .last
                .filter(|l| l.year_known)
                .map(|l| (l.start.year, true)),
        }
    }

    /// Chooses the year of a period that lacks one: `first(y)` gives the period's first day,
    /// `months` its length. Past tense picks the latest period that started by the reference;
    /// future picks the earliest that has not ended; otherwise the nearest.
    fn guess_year(
        &self,
        tense: Tense,
        months: i64,
        first: impl Fn(i32) -> Option<Date>,
    ) -> Option<(Date, bool)> {
        let r = self.reference?;
        let known = self.reference_year_known;
        let mut best: Option<(Date, i64)> = None;
        for y in [r.year - 1, r.year, r.year + 1] {
            let Some(start) = first(y) else { continue };
            let Some(end) = start.add_months(months) else {
                continue;
            };
            let (s, e, rn) = (start.day_number(), end.day_number(), r.day_number());
            let ok = match tense {
                Tense::Past => s <= rn,
                Tense::Future => e > rn,
                Tense::Present => true,
            };
            if !ok {
                continue;
            }
            let dist = days_outside(rn, s, e);
            let better = match best {
                None => true,
                Some((_, bd)) => dist < bd || (dist == bd && tense == Tense::Future),
            };
            if better {
                best = Some((start, dist));
            }
        }
        best.map(|(d, _)| (d, known))
    }

    fn resolve_core(&mut self, expr: &TimeExpr, cue: Cue) -> TimeValue {
        let tense = cue.tense;
        let pod = expr.part_of_day;
        let clock = expr.clock;
        let mk = |start: Date, grain: Grain, year_known: bool| Point {
            start,
            grain,
            year_known,
            season: None,
            part_of_day: pod,
            clock,
        };
        match expr.core {
            Core::Calendar { year, month, day } => {
                let grain = match (month, day) {
                    (Some(_), Some(_)) => Grain::Day,
                    (Some(_), None) => Grain::Month,
                    _ => Grain::Year,
                };
                if let Some((y, known)) = self.year_for(year) {
                    let anchoring = if matches!(year, YearSpec::Written(_)) {
                        Anchoring::Absolute
                    } else {
                        Anchoring::Reference
                    };
                    return match Date::new(y, month.unwrap_or(1), day.unwrap_or(1)) {
                        Some(d) => self.point_value(mk(d, grain, known), anchoring, true),
                        None => self.unknown("XXXX-XX-XX", grain, TimexType::Date),
                    };
                }
                let (m, d) = (month.unwrap_or(1), day.unwrap_or(1));
                let months = if day.is_some() { 0 } else { 1 };
                let guessed = if day.is_some() {
                    self.guess_day(tense, m, d)
                } else {
                    self.guess_year(tense, months, |y| Date::new(y, m, 1))
                };
                match guessed {
                    Some((date, known)) => {
                        self.point_value(mk(date, grain, known), Anchoring::Reference, true)
                    }
                    None => {
                        let value = match day {
                            Some(d) => format!("XXXX-{m:02}-{d:02}"),
                            None => format!("XXXX-{m:02}"),
                        };
                        // Remember the partial date so that "a year earlier" still follows it.
                        if let Some(date) = Date::new(SURROGATE_YEAR, m, d) {
                            self.remember(mk(date, grain, false));
                        }
                        self.unknown(&value, grain, TimexType::Date)
                    }
                }
            }
            Core::Decade { first_year } => {
                let Some(d) = Date::new(first_year, 1, 1) else {
                    return self.unknown("XXX", Grain::Decade, TimexType::Date);
                };
                self.point_value(mk(d, Grain::Decade, true), Anchoring::Absolute, true)
            }
            Core::RelativeDecade { shift } => {
                let Some(r) = self.reference else {
                    return self.unknown("XXX", Grain::Decade, TimexType::Date);
                };
                let y = (r.year / 10) * 10 + i32::try_from(shift * 10).unwrap_or(0);
                match Date::new(y, 1, 1) {
                    Some(d) => self.point_value(
                        mk(d, Grain::Decade, self.reference_year_known),
                        Anchoring::Reference,
                        true,
                    ),
                    None => self.unknown("XXX", Grain::Decade, TimexType::Date),
                }
            }
            Core::Century { number } => match Date::new((number - 1) * 100, 1, 1)
                .or_else(|| Date::new(1, 1, 1).filter(|_| number == 1))
            {
                Some(d) => self.point_value(mk(d, Grain::Century, true), Anchoring::Absolute, true),
                None => self.unknown("XX", Grain::Century, TimexType::Date),
            },
            Core::Quarter { q, year } => self.period(
                expr,
                cue,
                year,
                PeriodShape {
                    first_month: (q - 1) * 3 + 1,
                    months: 3,
                    grain: Grain::Quarter,
                    season: None,
                },
            ),
            Core::Half { h, year } => self.period(
                expr,
                cue,
                year,
                PeriodShape {
                    first_month: (h - 1) * 6 + 1,
                    months: 6,
                    grain: Grain::Half,
                    season: None,
                },
            ),
            Core::Season { code, year } => {
                let first_month = match code {
                    "SP" => 3,
                    "SU" => 6,
                    "FA" => 9,
                    _ => 12,
                };
                self.period(
                    expr,
                    cue,
                    year,
                    PeriodShape {
                        first_month,
                        months: 3,
                        grain: Grain::Season,
                        season: Some(code),
                    },
                )
            }
            Core::Weekday { weekday, shift } => {
                let Some(r) = self.reference.filter(|_| self.reference_year_known) else {
                    return self.unknown(
                        &format!("XXXX-WXX-{weekday}"),
                        Grain::Day,
                        TimexType::Date,
                    );
                };
                // A bare weekday that no close tense marker places, in the sentence that
                // named a week, falls in that week ("will begin this week, as Yellen speaks
                // on Wednesday"; not "met last week, he said Sunday").
                if shift.is_none() && !cue.firm && self.week_focus_sentence == self.sentence {
                    if let Some(d) = self
                        .week_focus
                        .and_then(|monday| monday.add_days(i64::from(weekday) - 1))
                    {
                        return self.point_value(
                            mk(d, Grain::Day, true),
                            Anchoring::PreviousTime,
                            true,
                        );
                    }
                }
                let diff = i64::from(weekday) - i64::from(r.weekday());
                let offset = match shift {
                    Some(0) => diff,
                    Some(s) if s < 0 => {
                        if diff < 0 {
                            diff
                        } else {
                            diff - 7
                        }
                    }
                    Some(_) => {
                        if diff > 0 {
                            diff
                        } else {
                            diff + 7
                        }
                    }
                    // A bare weekday naming the reference day is that day, in either tense.
                    None => match tense {
                        Tense::Future => {
                            if diff >= 0 {
                                diff
                            } else {
                                diff + 7
                            }
                        }
                        _ => {
                            if diff <= 0 {
                                diff
                            } else {
                                diff - 7
                            }
                        }
                    },
                };
                match r.add_days(offset) {
                    Some(d) => {
                        self.point_value(mk(d, Grain::Day, true), Anchoring::Reference, true)
                    }
                    None => self.unknown("XXXX-XX-XX", Grain::Day, TimexType::Date),
                }
            }
            Core::Month { month, shift } => {
                let Some(r) = self.reference else {
                    return self.unknown(
                        &format!("XXXX-{month:02}"),
                        Grain::Month,
                        TimexType::Date,
                    );
                };
                let known = self.reference_year_known;
                let y = match shift {
                    // A leaning cue gives way to a month close to the reference on either
                    // side ("a cutback in September" reported in August).
                    0 if !cue.firm && tense != Tense::Present => {
                        match self.close_month_year(r, month) {
                            Some(y) => y,
                            None => self
                                .guess_year(tense, 1, |y| Date::new(y, month, 1))
                                .map_or(r.year, |(d, _)| d.year),
                        }
                    }
                    0 => match self.guess_year(tense, 1, |y| Date::new(y, month, 1)) {
                        Some((d, _)) => d.year,
                        None => r.year,
                    },
                    s if s < 0 => {
                        if month < r.month {
                            r.year
                        } else {
                            r.year - 1
                        }
                    }
                    _ => {
                        if month > r.month {
                            r.year
                        } else {
                            r.year + 1
                        }
                    }
                };
                // Without a tense cue a bare month is the nearest one; within a month's
                // difference of distance, the reference year's ("November" said in May).
                let y = if shift == 0 && tense == Tense::Present {
                    self.nearest_month_year(r, month).unwrap_or(r.year)
                } else {
                    y
                };
                match Date::new(y, month, 1) {
                    Some(d) => {
                        self.point_value(mk(d, Grain::Month, known), Anchoring::Reference, true)
                    }
                    None => self.unknown("XXXX-XX", Grain::Month, TimexType::Date),
                }
            }
            Core::Shift { unit, n, from } => self.shift(expr, unit, n, from),
            Core::Mention { unit } => {
                let grain = unit_grain(unit);
                // A future event does not fall in a period that is history ("Endeavour will
                // launch at the end of the month", after a caption about April 1981).
                let history = |l: &Point| {
                    tense == Tense::Future
                        && l.year_known
                        && self.reference_year_known
                        && self.reference.is_some_and(|r| {
                            l.start
                                .add_months(12)
                                .is_some_and(|e| e.day_number() < r.day_number())
                        })
                };
                if let Some(last) = self.last.filter(|l| l.grain == grain && !history(l)) {
                    return self.at_previous(last, pod, clock);
                }
                // "later that year" after "June 1998": the period of that unit containing the
                // finer time just mentioned.
                let enclosing = self.last.filter(|l| {
                    !history(l)
                        && l.grain < grain
                        && l.grain >= Grain::Day
                        && l.grain != Grain::Season
                        && match unit {
                            Unit::Year | Unit::Quarter | Unit::Month => {
                                !matches!(l.grain, Grain::Week | Grain::Weekend)
                            }
                            Unit::Week => l.grain == Grain::Day,
                            _ => false,
                        }
                });
                if let Some(last) = enclosing {
                    if let Some(start) = period_start(last.start, unit) {
                        return self.point_value(
                            Point {
                                start,
                                grain,
                                season: None,
                                part_of_day: pod,
                                clock,
                                ..last
                            },
                            Anchoring::PreviousTime,
                            false,
                        );
                    }
                }
                // "the quarter" reported in the past is the last completed one; "the weekend" in
                // a past-tense sentence written on a weekday is the one before.
                let n = match unit {
                    Unit::Quarter if tense == Tense::Past => -1,
                    Unit::Weekend
                        if tense != Tense::Future
                            && self.reference.is_some_and(|r| r.weekday() <= 5) =>
                    {
                        -1
                    }
                    _ => 0,
                };
                self.shift(expr, unit, n, ShiftFrom::Reference)
            }
            Core::Latest { unit } => {
                let grain = unit_grain(unit);
                let ended = |l: &Point| {
                    let end = period_start(l.start, unit).and_then(|s| shift_date(s, unit, 1));
                    match (end, self.reference) {
                        (Some(e), Some(r)) if l.year_known && self.reference_year_known => {
                            e.day_number() <= r.day_number()
                        }
                        _ => true,
                    }
                };
                if let Some(last) = self.last.filter(|l| l.grain == grain && ended(l)) {
                    return self.at_previous(last, pod, clock);
                }
                self.shift(expr, unit, -1, ShiftFrom::Reference)
            }
            Core::Reference(s) => TimeValue {
                timex_type: TimexType::Date,
                value: s.to_string(),
                grain: Grain::Unknown,
                interval: None,
                anchoring: Anchoring::None,
                modifier: None,
                range: None,
                signal: None,
            },
            Core::Duration {
                amount,
                unit,
                frame,
            } => self.duration(expr, amount, unit, frame),
            Core::Set { unit } => TimeValue {
                timex_type: TimexType::Set,
                value: duration_value(&Amount::Exact(super::decimal::Decimal::from_int(1)), unit),
                grain: unit_grain(unit),
                interval: None,
                anchoring: Anchoring::None,
                modifier: None,
                range: None,
                signal: None,
            },
            Core::Holiday { holiday, year } => {
                let date_in = |y: i32| holiday_date(holiday, y);
                let found = match self.year_for(year) {
                    Some((y, known)) => {
                        date_in(y).map(|d| (d, known, matches!(year, YearSpec::Written(_))))
                    }
                    // Holidays are named far ahead and far back alike: the nearest one, whatever the tense.
                    None => self
                        .guess_year(Tense::Present, 0, date_in)
                        .map(|(d, known)| (d, known, false)),
                };
                match found {
                    Some((d, known, absolute)) => self.point_value(
                        mk(d, Grain::Day, known),
                        if absolute {
                            Anchoring::Absolute
                        } else {
                            Anchoring::Reference
                        },
                        true,
                    ),
                    None => self.unknown("XXXX-XX-XX", Grain::Day, TimexType::Date),
                }
            }
            Core::PeriodInYear { year } => {
                let base = self.last_period.filter(|p| {
                    matches!(
                        p.grain,
                        Grain::Quarter | Grain::Half | Grain::Month | Grain::Season
                    )
                });
                let p = match base.and_then(|b| Date::new(year, b.start.month, 1).map(|d| (b, d))) {
                    Some((b, d)) => Point {
                        start: d,
                        year_known: true,
                        ..b
                    },
                    None => match Date::new(year, 1, 1) {
                        Some(d) => mk(d, Grain::Year, true),
                        None => return self.unknown("XXXX", Grain::Year, TimexType::Date),
                    },
                };
                self.point_value(p, Anchoring::PreviousTime, false)
            }
            Core::SetOf { weekday, month } => {
                let value = match (weekday, month) {
                    (Some(w), _) => format!("XXXX-WXX-{w}"),
                    (None, Some(m)) => format!("XXXX-{m:02}"),
                    _ => "XXXX".to_string(),
                };
                let grain = if weekday.is_some() {
                    Grain::Day
                } else {
                    Grain::Month
                };
                TimeValue {
                    timex_type: TimexType::Set,
                    value,
                    grain,
                    interval: None,
                    anchoring: Anchoring::None,
                    modifier: None,
                    range: None,
                    signal: None,
                }
            }
            Core::ToDate { unit } => {
                let Some(r) = self.reference else {
                    return self.unknown("XXXX", unit_grain(unit), TimexType::Date);
                };
                let start = period_start(r, unit).unwrap_or(r);
                let p = mk(start, unit_grain(unit), self.reference_year_known);
                let mut v = self.point_value(p, Anchoring::Reference, true);
                if let Some(end) = r.add_days(1) {
                    v.interval = Some(Interval {
                        start: start.iso(),
                        end: end.iso(),
                    });
                }
                v
            }
        }
    }

    /// The year of the occurrence of `month` nearest to the reference `r`, counting the
    /// reference year's a month nearer than it is.
    fn nearest_month_year(&self, r: Date, month: u32) -> Option<i32> {
        let rn = r.day_number();
        let mut best: Option<(i32, i64)> = None;
        for y in [r.year - 1, r.year, r.year + 1] {
            let start = Date::new(y, month, 1)?;
            let end = start.add_months(1)?;
            let (s, e) = (start.day_number(), end.day_number());
            let dist = days_outside(rn, s, e);
            let dist = if y == r.year { dist - 31 } else { dist };
            if best.is_none_or(|(_, b)| dist < b) {
                best = Some((y, dist));
            }
        }
        best.map(|(y, _)| y)
    }

    /// The year of the occurrence of `month` that lies within [`CLOSE_MONTH_DAYS`] of the
    /// reference `r` (zero inside it), if one does.
    fn close_month_year(&self, r: Date, month: u32) -> Option<i32> {
        let rn = r.day_number();
        [r.year - 1, r.year, r.year + 1].into_iter().find(|&y| {
            let Some(start) = Date::new(y, month, 1) else {
                return false;
            };
            let Some(end) = start.add_months(1) else {
                return false;
            };
            let (s, e) = (start.day_number(), end.day_number());
            let dist = days_outside(rn, s, e);
            dist <= CLOSE_MONTH_DAYS
        })
    }

    /// A month/day without a year: the nearest occurrence, pushed by tense.
    fn guess_day(&self, tense: Tense, m: u32, d: u32) -> Option<(Date, bool)> {
        let r = self.reference?;
        let rn = r.day_number();
        let mut best: Option<(Date, i64)> = None;
        for y in [r.year - 1, r.year, r.year + 1] {
            let Some(date) = Date::new(y, m, d) else {
                continue;
            };
            let dn = date.day_number();
            let dist = (dn - rn).abs();
            // Tense only overrides nearness within half a year of slack on the wrong side.
            let penalty = match tense {
                Tense::Past if dn > rn + 1 => 150,
                Tense::Future if dn < rn => 150,
                _ => 0,
            };
            let score = dist + penalty;
            if best.is_none_or(|(_, b)| score < b) {
                best = Some((date, score));
            }
        }
        best.map(|(date, _)| (date, self.reference_year_known))
    }

    fn period(
        &mut self,
        expr: &TimeExpr,
        cue: Cue,
        year: YearSpec,
        shape: PeriodShape,
    ) -> TimeValue {
        let tense = cue.tense;
        let PeriodShape {
            first_month,
            months,
            grain,
            season,
        } = shape;
        let pod = expr.part_of_day;
        let point = |d: Date, known: bool| Point {
            start: d,
            grain,
            year_known: known,
            season,
            part_of_day: pod,
            clock: None,
        };
        if let Some((y, known)) = self.year_for(year) {
            let anchoring = if matches!(year, YearSpec::Written(_)) {
                Anchoring::Absolute
            } else {
                Anchoring::Reference
            };
            return match Date::new(y, first_month, 1) {
                Some(d) => self.point_value(point(d, known), anchoring, true),
                None => self.unknown("XXXX", grain, TimexType::Date),
            };
        }
        // A season that begins within about two months, without a firm past cue, is the
        // coming one ("to develop a plan by the fall", written in July).
        if season.is_some() && (tense == Tense::Present || !cue.firm) {
            let coming = self.reference.and_then(|r| {
                [r.year, r.year + 1].into_iter().find_map(|y| {
                    let d = Date::new(y, first_month, 1)?;
                    let ahead = d.day_number() - r.day_number();
                    (ahead > 0 && ahead <= CLOSE_MONTH_DAYS).then_some(d)
                })
            });
            if let Some(d) = coming {
                let known = self.reference_year_known;
                return self.point_value(point(d, known), Anchoring::Reference, true);
            }
        }
        // Business periods without a year: the latest one that has started, except that in a
        // future-tense sentence the reference year is kept ("will report third-quarter results").
        if tense == Tense::Future {
            if let Some(r) = self.reference {
                if let Some(d) = Date::new(r.year, first_month, 1) {
                    let known = self.reference_year_known;
                    return self.point_value(point(d, known), Anchoring::Reference, true);
                }
            }
        }
        match self.guess_year(Tense::Past, i64::from(months), |y| {
            Date::new(y, first_month, 1)
        }) {
            Some((d, known)) => self.point_value(point(d, known), Anchoring::Reference, true),
            None => {
                let p = point(
                    Date {
                        year: SURROGATE_YEAR,
                        month: first_month,
                        day: 1,
                    },
                    false,
                );
                self.remember(p);
                self.unknown(&render(&p), grain, TimexType::Date)
            }
        }
    }

    fn shift(&mut self, expr: &TimeExpr, unit: Unit, n: i64, from: ShiftFrom) -> TimeValue {
        let grain = unit_grain(unit);
        // A shift by years follows the last period (quarter, month...) mentioned; finer shifts
        // follow the last time of any grain.
        // A historical day mentioned after the period ("On May 22, 1995, ... the following
        // year") is the base; a day near the reference ("said Friday") is not.
        let historical_day = self.last.filter(|l| {
            l.grain == Grain::Day
                && l.year_known
                && self.last_sentence >= self.last_period_sentence
                && self.reference.is_some_and(|r| {
                    (r.day_number() - l.start.day_number()).abs() > HISTORICAL_DAY_DISTANCE
                })
        });
        let base = if unit == Unit::Year {
            historical_day.or(self.last_period).or(self.last)
        } else {
            self.last
        };
        if from == ShiftFrom::DayInFocus {
            if let Some(day) = self.last_day {
                let p = Point {
                    part_of_day: expr.part_of_day,
                    clock: expr.clock,
                    ..day
                };
                return self.point_value(p, Anchoring::PreviousTime, false);
            }
        }
        let use_previous = match from {
            ShiftFrom::Reference | ShiftFrom::DayInFocus => false,
            ShiftFrom::Previous => base.is_some_and(|l| l.grain <= grain || grain == Grain::Year),
            ShiftFrom::PreviousPeriodOrReference => base.is_some_and(|l| {
                matches!(l.grain, Grain::Quarter | Grain::Half | Grain::Month)
                    && unit == Unit::Year
                    && self.is_recent(l)
            }),
            ShiftFrom::CurrentPeriod => base
                .is_some_and(|l| (l.grain <= grain || grain == Grain::Year) && self.is_recent(l)),
        };
        if use_previous {
            if let Some(last) = base {
                if let Some(start) = shift_date(last.start, unit, n) {
                    let mut p = Point {
                        start,
                        part_of_day: expr.part_of_day,
                        clock: expr.clock,
                        ..last
                    };
                    // Years counted from a historical day are whole years.
                    if unit == Unit::Year && base == historical_day && historical_day.is_some() {
                        if let Some(year_start) = Date::new(start.year, 1, 1) {
                            p.start = year_start;
                            p.grain = Grain::Year;
                        }
                    }
                    // Not remembered: "a year earlier" twice compares both to the same period.
                    return self.point_value(p, Anchoring::PreviousTime, false);
                }
            }
        }
        let Some(r) = self.reference else {
            if let Some((h, m)) = expr.clock {
                return self.unknown(
                    &format!("XXXX-XX-XXT{h:02}:{m:02}"),
                    Grain::Minute,
                    TimexType::Time,
                );
            }
            let value = match grain {
                Grain::Year => "XXXX",
                Grain::Month => "XXXX-XX",
                Grain::Week => "XXXX-WXX",
                Grain::Quarter => "XXXX-QX",
                _ => "XXXX-XX-XX",
            };
            return self.unknown(value, grain, TimexType::Date);
        };
        // "a decade ago" is a year ten years back, not a decade.
        let (unit, n, grain) = if unit == Unit::Decade {
            (Unit::Year, n.saturating_mul(10), Grain::Year)
        } else {
            (unit, n, grain)
        };
        let base = period_start(r, unit).unwrap_or(r);
        let Some(start) = shift_date(base, unit, n) else {
            return self.unknown("XXXX-XX-XX", grain, TimexType::Date);
        };
        // Without a reference year, weeks and years cannot be named.
        let p = Point {
            start,
            grain,
            year_known: self.reference_year_known,
            season: None,
            part_of_day: expr.part_of_day,
            clock: expr.clock,
        };
        self.point_value(p, Anchoring::Reference, true)
    }

    /// Whether a mentioned period is recent enough to be the one reported on: it started
    /// less than a year before the reference (true when the reference is unknown). The
    /// third quarter reported in May is last year's; the 1988 quarter in 1989-10 is history.
    fn is_recent(&self, p: Point) -> bool {
        match self.reference {
            Some(r) if self.reference_year_known && p.year_known => {
                p.start.day_number() > r.day_number() - 366
            }
            _ => true,
        }
    }

    fn duration(&mut self, expr: &TimeExpr, amount: Amount, unit: Unit, frame: Frame) -> TimeValue {
        // "the nine months": the reference year's part being reported becomes the period in
        // focus, at year grain, so that "a year earlier" is the previous year.
        if frame == Frame::YearPart {
            if let Some(start) = self
                .reference
                .filter(|_| self.reference_year_known)
                .and_then(|r| Date::new(r.year, 1, 1))
            {
                self.remember(Point {
                    start,
                    grain: Grain::Year,
                    year_known: true,
                    season: None,
                    part_of_day: None,
                    clock: None,
                });
            }
        }
        let value = duration_value(&amount, unit);
        let range = match amount {
            Amount::Range(lo, hi) => Some(DurationRange {
                min: duration_value(&Amount::Exact(lo), unit),
                max: duration_value(&Amount::Exact(hi), unit),
            }),
            _ => None,
        };
        let span_units = match amount {
            Amount::Exact(d) => d.to_i64(),
            Amount::Range(_, hi) => hi.to_i64(),
            Amount::Vague => None,
        };
        let forward = frame == Frame::Next || expr.signal == Some(Signal::Within);
        let backward = frame == Frame::Past;
        let mut interval = None;
        let mut anchoring = Anchoring::None;
        if let (Some(r), Some(n), true) = (
            self.reference.filter(|_| self.reference_year_known),
            span_units,
            forward || backward,
        ) {
            let other = if forward {
                shift_date(r, unit, n)
            } else {
                shift_date(r, unit, -n)
            };
            if let Some(o) = other {
                let (s, e) = if forward { (r, o) } else { (o, r) };
                interval = Some(Interval {
                    start: s.iso(),
                    end: e.iso(),
                });
                anchoring = Anchoring::Reference;
            }
        }
        let modifier = match (expr.modifier, frame) {
            (Some(m), _) => Some(m),
            _ => None,
        };
        let _ = TimexMod::Approx;
        TimeValue {
            timex_type: TimexType::Duration,
            value,
            grain: unit_grain(unit),
            interval,
            anchoring,
            modifier,
            range,
            signal: None,
        }
    }
}

/// The ISO week containing a resolved day ("the week of March 6"); other values unchanged.
fn week_of(v: TimeValue) -> TimeValue {
    let day = v
        .interval
        .as_ref()
        .filter(|_| v.grain == Grain::Day && v.value.len() == 10)
        .and_then(|iv| {
            let y = iv.start.get(0..4)?.parse().ok()?;
            let m = iv.start.get(5..7)?.parse().ok()?;
            let d = iv.start.get(8..10)?.parse().ok()?;
            Date::new(y, m, d)
        });
    let Some(day) = day else { return v };
    let Some(monday) = day.add_days(1 - i64::from(day.weekday())) else {
        return v;
    };
    let Some(next) = monday.add_days(7) else {
        return v;
    };
    let (wy, w) = day.iso_week();
    TimeValue {
        value: format!("{wy:04}-W{w:02}"),
        grain: Grain::Week,
        interval: Some(Interval {
            start: monday.iso(),
            end: next.iso(),
        }),
        ..v
    }
}

/// The date of a holiday in a year (US conventions for the US holidays).
fn holiday_date(h: Holiday, y: i32) -> Option<Date> {
    // n-th weekday `wd` of a month; n = -1 for the last one.
    let nth = |month: u32, wd: u32, n: i64| -> Option<Date> {
        if n > 0 {
            let first = Date::new(y, month, 1)?;
            let offset = (i64::from(wd) - i64::from(first.weekday())).rem_euclid(7);
            first.add_days(offset + 7 * (n - 1))
        } else {
            let last = Date::new(y, month, super::calendar::days_in_month(y, month))?;
            let offset = (i64::from(last.weekday()) - i64::from(wd)).rem_euclid(7);
            last.add_days(-offset)
        }
    };
    match h {
        Holiday::NewYearsDay => Date::new(y, 1, 1),
        Holiday::NewYearsEve => Date::new(y, 12, 31),
        Holiday::ChristmasEve => Date::new(y, 12, 24),
        Holiday::Christmas => Date::new(y, 12, 25),
        Holiday::IndependenceDay => Date::new(y, 7, 4),
        Holiday::ValentinesDay => Date::new(y, 2, 14),
        Holiday::Halloween => Date::new(y, 10, 31),
        Holiday::Thanksgiving => nth(11, 4, 4),
        Holiday::LaborDay => nth(9, 1, 1),
        Holiday::MemorialDay => nth(5, 1, -1),
        // The Tuesday after the first Monday of November.
        Holiday::ElectionDay => nth(11, 1, 1)?.add_days(1),
        Holiday::Easter => {
            // Anonymous Gregorian computus.
            let a = y % 19;
            let b = y / 100;
            let c = y % 100;
            let d = b / 4;
            let e = b % 4;
            let f = (b + 8) / 25;
            let g = (b - f + 1) / 3;
            let hh = (19 * a + b - d - g + 15) % 30;
            let i = c / 4;
            let k = c % 4;
            let l = (32 + 2 * e + 2 * i - hh - k) % 7;
            let m = (a + 11 * hh + 22 * l) / 451;
            let month = (hh + l - 7 * m + 114) / 31;
            let day = (hh + l - 7 * m + 114) % 31 + 1;
            Date::new(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
        }
    }
}

fn unit_grain(unit: Unit) -> Grain {
    match unit {
        Unit::Second | Unit::Minute => Grain::Minute,
        Unit::Hour => Grain::Hour,
        Unit::Day => Grain::Day,
        Unit::Week => Grain::Week,
        Unit::Weekend => Grain::Weekend,
        Unit::Month => Grain::Month,
        Unit::Quarter => Grain::Quarter,
        Unit::Half => Grain::Half,
        Unit::Year => Grain::Year,
        Unit::Decade => Grain::Decade,
        Unit::Century => Grain::Century,
    }
}

/// First day of the period of `unit` containing `d`.
fn period_start(d: Date, unit: Unit) -> Option<Date> {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => Some(d),
        Unit::Week => d.add_days(1 - i64::from(d.weekday())),
        Unit::Weekend => d.add_days(6 - i64::from(d.weekday())),
        Unit::Month => Date::new(d.year, d.month, 1),
        Unit::Quarter => Date::new(d.year, (d.month - 1) / 3 * 3 + 1, 1),
        Unit::Half => Date::new(d.year, (d.month - 1) / 6 * 6 + 1, 1),
        Unit::Year => Date::new(d.year, 1, 1),
        Unit::Decade => Date::new(d.year / 10 * 10, 1, 1),
        Unit::Century => Date::new((d.year / 100 * 100).max(1), 1, 1),
    }
}

fn shift_date(d: Date, unit: Unit, n: i64) -> Option<Date> {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Some(d),
        Unit::Day => d.add_days(n),
        Unit::Week | Unit::Weekend => d.add_days(n.checked_mul(7)?),
        Unit::Month => d.add_months(n),
        Unit::Quarter => d.add_months(n.checked_mul(3)?),
        Unit::Half => d.add_months(n.checked_mul(6)?),
        Unit::Year => d.add_months(n.checked_mul(12)?),
        Unit::Decade => d.add_months(n.checked_mul(120)?),
        Unit::Century => d.add_months(n.checked_mul(1200)?),
    }
}

/// TIMEX3 duration value: "P3Y", "P9M", "PT5H", "PXY", "P10Y" for a decade.
fn duration_value(amount: &Amount, unit: Unit) -> String {
    let (mult, letter, time) = match unit {
        Unit::Second => (1, "S", true),
        Unit::Minute => (1, "M", true),
        Unit::Hour => (1, "H", true),
        Unit::Day => (1, "D", false),
        Unit::Week => (1, "W", false),
        Unit::Weekend => (1, "WE", false),
        Unit::Month => (1, "M", false),
        // ISO 8601 has no quarter designator: "three quarters" is P9M.
        Unit::Quarter => (3, "M", false),
        Unit::Half => (6, "M", false),
        Unit::Year => (1, "Y", false),
        Unit::Decade => (10, "Y", false),
        Unit::Century => (100, "Y", false),
    };
    let t = if time { "T" } else { "" };
    if let Amount::Exact(d) = amount {
        if let Some(v) = mixed_duration(*d, unit) {
            return v;
        }
    }
    let n = match amount {
        Amount::Exact(d) => d
            .checked_mul(super::decimal::Decimal::from_int(mult))
            .map_or_else(|| "X".to_string(), |v| v.to_string()),
        Amount::Range(..) | Amount::Vague => "X".to_string(),
    };
    format!("P{t}{n}{letter}")
}

/// A fractional count written in whole units of the unit and the next finer one, as TimeML
/// does ("2 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M); `None` when the count is whole or
/// the fraction is not a whole number of the finer unit.
fn mixed_duration(d: super::decimal::Decimal, unit: Unit) -> Option<String> {
    if d.is_integer() {
        return None;
    }
    // (finer units per unit, format of whole and finer counts)
    let (per, fmt): (i64, fn(i64, i64) -> String) = match unit {
        Unit::Year => (12, |a, b| format!("P{a}Y{b}M")),
        Unit::Day => (24, |a, b| format!("P{a}DT{b}H")),
        Unit::Hour => (60, |a, b| format!("PT{a}H{b}M")),
        Unit::Minute => (60, |a, b| format!("PT{a}M{b}S")),
        _ => return None,
    };
    let total = d
        .checked_mul(super::decimal::Decimal::from_int(i128::from(per)))?
        .to_i64()?;
    if total <= 0 {
        return None;
    }
    let (whole, rest) = (total / per, total % per);
    if whole == 0 {
        return Some(match unit {
            Unit::Year => format!("P{rest}M"),
            Unit::Day => format!("PT{rest}H"),
            Unit::Hour => format!("PT{rest}M"),
            _ => format!("PT{rest}S"),
        });
    }
    Some(fmt(whole, rest))
}

fn render(p: &Point) -> String {
    let d = p.start;
    let y = if p.year_known {
        format!("{:04}", d.year)
    } else {
        "XXXX".to_string()
    };
    let day = format!("{y}-{:02}-{:02}", d.month, d.day);
    let base = match p.grain {
        Grain::Year => y,
        Grain::Decade => {
            if p.year_known {
                // TimeML writes a decade as its first three digits: "the 1990s" is 199.
                format!("{:03}", d.year / 10)
            } else {
                "XXX".to_string()
            }
        }
        Grain::Century => {
            if p.year_known {
                format!("{:02}", d.year / 100)
            } else {
                "XX".to_string()
            }
        }
        Grain::Quarter => format!("{y}-Q{}", (d.month - 1) / 3 + 1),
        Grain::Half => format!("{y}-H{}", (d.month - 1) / 6 + 1),
        Grain::Season => format!("{y}-{}", p.season.unwrap_or("XX")),
        Grain::Month => format!("{y}-{:02}", d.month),
        Grain::Week | Grain::Weekend => {
            let (wy, w) = d.iso_week();
            let wk = if p.year_known {
                format!("{wy:04}-W{w:02}")
            } else {
                "XXXX-WXX".to_string()
            };
            if p.grain == Grain::Weekend {
                format!("{wk}-WE")
            } else {
                wk
            }
        }
        _ => day.clone(),
    };
    match (p.clock, p.part_of_day) {
        (Some((h, m)), _) => format!("{day}T{h:02}:{m:02}"),
        (None, Some(pod)) => format!("{day}T{pod}"),
        _ => base,
    }
}

fn interval(p: &Point) -> Option<Interval> {
    if !p.year_known {
        return None;
    }
    let s = p.start;
    if let Some((h, m)) = p.clock {
        let start = format!("{}T{h:02}:{m:02}", s.iso());
        let minutes = h * 60 + m + 1;
        let end = if minutes >= 24 * 60 {
            s.add_days(1)
                .map_or_else(String::new, |d| format!("{}T00:00", d.iso()))
        } else {
            format!("{}T{:02}:{:02}", s.iso(), minutes / 60, minutes % 60)
        };
        return Some(Interval { start, end });
    }
    if let Some(pod) = p.part_of_day {
        let (a, b) = match pod {
            "MO" => (6, 12),
            "AF" => (12, 18),
            "EV" => (18, 22),
            _ => (20, 24),
        };
        let end = if b == 24 {
            s.add_days(1)
                .map_or_else(String::new, |d| format!("{}T00:00", d.iso()))
        } else {
            format!("{}T{b:02}:00", s.iso())
        };
        return Some(Interval {
            start: format!("{}T{a:02}:00", s.iso()),
            end,
        });
    }
    let end = match p.grain {
        Grain::Day | Grain::PartOfDay | Grain::Hour | Grain::Minute => s.add_days(1),
        Grain::Week => s.add_days(7),
        Grain::Weekend => s.add_days(2),
        Grain::Month => s.add_months(1),
        Grain::Season | Grain::Quarter => s.add_months(3),
        Grain::Half => s.add_months(6),
        Grain::Year => s.add_months(12),
        Grain::Decade => s.add_months(120),
        Grain::Century => s.add_months(1200),
        Grain::Unknown => None,
    }?;
    Some(Interval {
        start: s.iso(),
        end: end.iso(),
    })
}

/// How many days the day `rn` lies outside the period of days `[s, e)`: zero inside it.
fn days_outside(rn: i64, s: i64, e: i64) -> i64 {
    if rn < s {
        s - rn
    } else if rn >= e {
        rn - e + 1
    } else {
        0
    }
}
