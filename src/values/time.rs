//! The time dimension, parse half: TIMEX3-style types and the rules that turn tokens into
//! unresolved time expressions ([`TimeExpr`]): calendar dates, years, decades, quarters and
//! halves, seasons, weekdays, relative expressions ("last week", "two years ago", "a year
//! earlier"), parts of day and clock times, durations ("three years", "the next two to three
//! years"), sets ("daily") and the PRESENT/PAST/FUTURE references. Nothing here reads a
//! reference time: [`super::resolve`] does. Depends on the lexer, numbers and decimals.

use super::decimal::Decimal;
use super::lexer::{Token, TokenKind};
use super::number::{ordinal_word, parse_number, small_number_word, ScaleAbbrev};

/// TIMEX3 `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    /// The TIMEX3 attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// The precision of a time value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grain {
    Minute,
    Hour,
    PartOfDay,
    Day,
    Weekend,
    Week,
    Month,
    Season,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
    /// References and vague expressions.
    Unknown,
}

/// What a value was computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchoring {
    /// Fully written out ("May 16, 2024").
    Absolute,
    /// Computed from the article's reference time ("yesterday", "May 16" without a year).
    Reference,
    /// Computed from the time mentioned just before ("a year earlier").
    PreviousTime,
    /// Not anchored (plain durations, sets, PRESENT_REF...).
    None,
}

/// TIMEX3 `mod`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimexMod {
    Before,
    After,
    OnOrBefore,
    OnOrAfter,
    LessThan,
    MoreThan,
    EqualOrLess,
    EqualOrMore,
    Start,
    Mid,
    End,
    Approx,
}

impl TimexMod {
    /// The TIMEX3 attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexMod::Before => "BEFORE",
            TimexMod::After => "AFTER",
            TimexMod::OnOrBefore => "ON_OR_BEFORE",
            TimexMod::OnOrAfter => "ON_OR_AFTER",
            TimexMod::LessThan => "LESS_THAN",
            TimexMod::MoreThan => "MORE_THAN",
            TimexMod::EqualOrLess => "EQUAL_OR_LESS",
            TimexMod::EqualOrMore => "EQUAL_OR_MORE",
            TimexMod::Start => "START",
            TimexMod::Mid => "MID",
            TimexMod::End => "END",
            TimexMod::Approx => "APPROX",
        }
    }
}

/// The preposition that governs a time expression, kept because it changes its meaning
/// ("within three years", "since 2019") while TimeML leaves it outside the extent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    Within,
    Since,
    Until,
    By,
    Before,
    After,
    During,
    From,
}

/// A half-open interval `[start, end)` as ISO 8601 date or date-time strings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interval {
    pub start: String,
    pub end: String,
}

/// Bounds of a duration range ("two to three years": P2Y..P3Y).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DurationRange {
    pub min: String,
    pub max: String,
}

/// A resolved time value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeValue {
    pub timex_type: TimexType,
    /// TIMEX3 `value`: "2024-05-16", "XXXX-05-16", "2024-Q1", "P3Y", "PRESENT_REF", "199X".
    pub value: String,
    pub grain: Grain,
    /// The period covered, when it can be computed.
    pub interval: Option<Interval>,
    pub anchoring: Anchoring,
    pub modifier: Option<TimexMod>,
    pub range: Option<DurationRange>,
    pub signal: Option<Signal>,
}

/// Holidays whose date can be computed for any year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holiday {
    NewYearsDay,
    NewYearsEve,
    ChristmasEve,
    Christmas,
    IndependenceDay,
    Thanksgiving,
    LaborDay,
    MemorialDay,
    ElectionDay,
    Easter,
    ValentinesDay,
    Halloween,
}

/// Calendar units used by relative expressions and durations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

/// Which year a partially written date belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearSpec {
    Written(i32),
    /// Offset from the reference year ("last year's third quarter").
    FromReference(i64),
    /// Not written: chosen at resolution from tense and distance to the reference.
    Guess,
    /// The year of the time just talked about ("that November" after "in 1968"); guessed
    /// like [`YearSpec::Guess`] when nothing was mentioned.
    InFocus,
}

/// Where a relative shift starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShiftFrom {
    Reference,
    /// A bare clock time ("at 10 p.m."): on the day just talked about, else the reference day.
    DayInFocus,
    /// The time mentioned before ("a year earlier"), else the reference.
    Previous,
    /// "a year ago": the previous mention when it is a sub-year business period, else the reference.
    PreviousPeriodOrReference,
    /// "the year-ago results": the period reported on, i.e. the previous mention when it
    /// started less than a year before the reference, else the reference.
    CurrentPeriod,
}

/// How many units a duration spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Amount {
    Exact(Decimal),
    Range(Decimal, Decimal),
    Vague,
}

/// How a duration is framed against the reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frame {
    Plain,
    /// "the past two years": ends at the reference.
    Past,
    /// "the next two years": starts at the reference.
    Next,
    /// "the nine months", "the first six months": a part of the reference year reported on,
    /// which "a year earlier" then compares with the previous year.
    YearPart,
}

/// The unresolved core of a time expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Core {
    Calendar {
        year: YearSpec,
        month: Option<u32>,
        day: Option<u32>,
    },
    Decade {
        first_year: i32,
    },
    RelativeDecade {
        shift: i64,
    },
    Century {
        number: i32,
    },
    Quarter {
        q: u32,
        year: YearSpec,
    },
    Half {
        h: u32,
        year: YearSpec,
    },
    Season {
        code: &'static str,
        year: YearSpec,
    },
    Weekday {
        weekday: u32,
        shift: Option<i64>,
    },
    Month {
        month: u32,
        shift: i64,
    },
    Shift {
        unit: Unit,
        n: i64,
        from: ShiftFrom,
    },
    /// "the quarter", "the latest quarter": the period of that unit mentioned last.
    Mention {
        unit: Unit,
    },
    /// "the latest quarter", "the most recent period": the last completed one, or the one
    /// mentioned if it has ended by the reference.
    Latest {
        unit: Unit,
    },
    Reference(&'static str),
    Duration {
        amount: Amount,
        unit: Unit,
        frame: Frame,
    },
    Set {
        unit: Unit,
    },
    /// A named holiday ("Thanksgiving", "Christmas Day"), with a written year or not.
    Holiday {
        holiday: Holiday,
        year: YearSpec,
    },
    /// "the 1988 quarter": the period last mentioned, moved to that year.
    PeriodInYear {
        year: i32,
    },
    /// "every Thursday", "each July".
    SetOf {
        weekday: Option<u32>,
        month: Option<u32>,
    },
    ToDate {
        unit: Unit,
    },
}

/// An unresolved time expression: a core plus time-of-day and modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeExpr {
    pub core: Core,
    pub part_of_day: Option<&'static str>,
    pub clock: Option<(u32, u32)>,
    pub modifier: Option<TimexMod>,
    pub signal: Option<Signal>,
    /// Last day of a day range written on a month-day ("May 16-18"): the value is the first
    /// day, the interval runs through this one.
    pub through_day: Option<u32>,
    /// "the week of March 6": the ISO week containing the date.
    pub week_of: bool,
    /// A clock time written in UTC/GMT ("08:30 UTC"): the value ends in "Z".
    pub utc: bool,
}

impl TimeExpr {
    fn of(core: Core) -> TimeExpr {
        TimeExpr {
            core,
            part_of_day: None,
            clock: None,
            modifier: None,
            signal: None,
            through_day: None,
            week_of: false,
            utc: false,
        }
    }
}

/// A time expression recognised over tokens `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeMatch {
    pub start: usize,
    pub end: usize,
    pub expr: TimeExpr,
    pub rule: &'static str,
}

/// Month number of a month name or abbreviation (lowercase).
pub fn month_word(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// ISO weekday (Monday = 1) of a weekday name.
pub fn weekday_word(w: &str) -> Option<u32> {
    Some(match w {
        "monday" | "mon" => 1,
        "tuesday" | "tue" | "tues" => 2,
        "wednesday" | "wed" => 3,
        "thursday" | "thu" | "thur" | "thurs" => 4,
        "friday" | "fri" => 5,
        "saturday" | "sat" => 6,
        "sunday" | "sun" => 7,
        _ => return None,
    })
}

pub(crate) fn unit_word(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "second" => (Unit::Second, false),
        "seconds" => (Unit::Second, true),
        "minute" | "min" => (Unit::Minute, false),
        "minutes" | "mins" => (Unit::Minute, true),
        "hour" | "hr" => (Unit::Hour, false),
        "hours" | "hrs" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" | "yr" => (Unit::Year, false),
        "years" | "yrs" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

fn season_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

fn part_of_day_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" => "NI",
        _ => return None,
    })
}

/// Read-only view of the sentence tokens with small matching helpers.
struct Cursor<'a> {
    t: &'a [Token<'a>],
}

impl<'a> Cursor<'a> {
    fn norm(&self, i: usize) -> &'a str {
        self.t.get(i).map_or("", |t| t.norm.as_str())
    }
    fn is(&self, i: usize, w: &str) -> bool {
        self.norm(i) == w
    }
    fn tok(&self, i: usize) -> Option<&'a Token<'a>> {
        self.t.get(i)
    }
    fn glued(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.space_before)
    }
    fn capitalised(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.capitalised)
    }
    /// A month name at `i` (capitalised; abbreviations may take a glued "."): (month, end).
    fn month(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.tok(i).filter(|t| t.is_word() && t.capitalised)?;
        let m = month_word(&t.norm)?;
        let abbreviated = t.norm.len() <= 4 && !matches!(t.norm.as_str(), "may" | "june" | "july");
        if abbreviated && self.is(i + 1, ".") && self.glued(i + 1) {
            return Some((m, i + 2));
        }
        // Bare abbreviations that are also words need the dot or a following day/year.
        if matches!(
            t.norm.as_str(),
            "mar"
                | "jan"
                | "dec"
                | "sep"
                | "oct"
                | "nov"
                | "aug"
                | "feb"
                | "apr"
                | "jun"
                | "jul"
                | "sept"
        ) && !self.tok(i + 1).is_some_and(|n| n.is_number())
        {
            return None;
        }
        Some((m, i + 1))
    }
    fn weekday(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.tok(i).filter(|t| t.is_word() && t.capitalised)?;
        let w = weekday_word(&t.norm)?;
        if t.norm.len() <= 4 {
            if self.is(i + 1, ".") && self.glued(i + 1) {
                return Some((w, i + 2));
            }
            return None;
        }
        Some((w, i + 1))
    }
    /// A day of month (1-31), digits with an optional ordinal suffix or an ordinal word.
    fn day(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.tok(i)?;
        if t.is_plain_integer() && t.int_digits <= 2 {
            let d: u32 = t.norm.parse().ok()?;
            if !(1..=31).contains(&d) {
                return None;
            }
            if matches!(self.norm(i + 1), "st" | "nd" | "rd" | "th") && self.glued(i + 1) {
                return Some((d, i + 2));
            }
            if self
                .tok(i + 1)
                .is_some_and(|n| !n.space_before && (n.is_word() || n.is_number()))
            {
                return None;
            }
            return Some((d, i + 1));
        }
        if t.is_word() {
            let d = u32::try_from(ordinal_word(&t.norm)?).ok()?;
            return (1..=31).contains(&d).then_some((d, i + 1));
        }
        None
    }
    /// A four-digit year 1000-2199, optionally glued "s" excluded.
    fn year(&self, i: usize) -> Option<(i32, usize)> {
        let t = self.tok(i)?;
        if t.is_word() {
            return self.spoken_year(i);
        }
        if !t.is_plain_integer() || t.int_digits != 4 {
            return None;
        }
        let y: i32 = t.norm.parse().ok()?;
        if !(1000..=2199).contains(&y) {
            return None;
        }
        if self
            .tok(i + 1)
            .is_some_and(|n| !n.space_before && (n.is_word() || n.is_number()))
        {
            return None;
        }
        if i > 0
            && !t.space_before
            && self
                .tok(i - 1)
                .is_some_and(|p| p.is_word() || p.is_number() || p.norm == "$")
        {
            return None;
        }
        Some((y, i + 1))
    }
    /// A year read out in words: "nineteen ninety-six", "nineteen seventy-nine", "two thousand".
    fn spoken_year(&self, i: usize) -> Option<(i32, usize)> {
        let century = match self.norm(i) {
            "eighteen" => 18,
            "nineteen" => 19,
            "two" if self.is(i + 1, "thousand") => {
                let mut end = i + 2;
                let mut y = 2000;
                let k = if self.is(end, "and") { end + 1 } else { end };
                if let Some(n) = parse_number(self.t, k, ScaleAbbrev::Plain)
                    .filter(|n| n.in_words && !n.ordinal && !n.scaled)
                {
                    y += i32::try_from(n.value.to_i64()?).ok().filter(|v| *v < 100)?;
                    end = n.end;
                }
                return Some((y, end));
            }
            _ => return None,
        };
        let n = parse_number(self.t, i + 1, ScaleAbbrev::Plain)
            .filter(|n| n.in_words && !n.ordinal && !n.scaled)?;
        let v = i32::try_from(n.value.to_i64()?).ok()?;
        if !(10..=99).contains(&v) {
            return None;
        }
        Some((century * 100 + v, n.end))
    }
    /// A count for durations: digits, number words, "a"/"an", with the value.
    fn count(&self, i: usize) -> Option<(Amount, usize)> {
        let w = self.norm(i);
        if w == "a" || w == "an" {
            // "a couple of years" is two (TimeML: P2Y); "a few" stays vague.
            if self.is(i + 1, "couple") {
                let end = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
                return Some((Amount::Exact(Decimal::from_int(2)), end));
            }
            if self.is(i + 1, "few") {
                let end = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
                return Some((Amount::Vague, end));
            }
            return Some((Amount::Exact(Decimal::from_int(1)), i + 1));
        }
        if w == "couple" && self.is(i + 1, "of") {
            return Some((Amount::Exact(Decimal::from_int(2)), i + 2));
        }
        if matches!(
            w,
            "several" | "few" | "many" | "some" | "numerous" | "recent"
        ) {
            return Some((Amount::Vague, i + 1));
        }
        let n = parse_number(self.t, i, ScaleAbbrev::Plain)?;
        if n.ordinal || n.scaled {
            return None;
        }
        // Range: "two to three", "2-3".
        if matches!(self.norm(n.end), "to" | "-" | "–" | "or") {
            if let Some(m) = parse_number(self.t, n.end + 1, ScaleAbbrev::Plain)
                .filter(|m| !m.ordinal && !m.scaled)
            {
                if n.value.compare(m.value) == Some(std::cmp::Ordering::Less) {
                    return Some((Amount::Range(n.value, m.value), m.end));
                }
            }
        }
        Some((Amount::Exact(n.value), n.end))
    }
}

fn is_word_token(t: Option<&Token>) -> bool {
    t.is_some_and(|t| t.kind == TokenKind::Word)
}

type RuleOut = Option<(usize, TimeExpr, &'static str)>;

/// Recognises the longest time expression starting at token `i`.
pub fn parse_time(tokens: &[Token], i: usize) -> Option<TimeMatch> {
    let c = Cursor { t: tokens };
    let mut best: Option<(usize, TimeExpr, &'static str)> = None;
    let mut consider = |out: RuleOut| {
        if let Some(o) = out {
            if o.0 > i && best.as_ref().is_none_or(|b| o.0 > b.0) {
                best = Some(o);
            }
        }
    };
    consider(with_modifiers(&c, i));
    consider(week_of_rule(&c, i));
    let (end, mut expr, rule) = best?;
    if reads_as_title(&c, i, end, &expr) {
        return None;
    }
    expr.signal = signal_before(&c, i);
    Some(TimeMatch {
        start: i,
        end,
        expr,
        rule,
    })
}

/// A relative expression or duration with a capitalised unit in the middle of lowercase text
/// is a title or a name (ABC's "This Week", CBS's "60 Minutes"), not a time. Holidays
/// ("Christmas Day") and sentence openings are not affected.
fn reads_as_title(c: &Cursor, i: usize, end: usize, expr: &TimeExpr) -> bool {
    let relative = matches!(
        expr.core,
        Core::Duration { .. } | Core::Shift { .. } | Core::Mention { .. } | Core::Latest { .. }
    );
    let capital_unit = (i + 1..end).any(|k| c.capitalised(k) && unit_word(c.norm(k)).is_some());
    let mid_sentence = i > 0 && !c.capitalised(i - 1);
    relative && capital_unit && mid_sentence
}

/// "the week of March 6", "the week of May 16, 2024": the week containing a written day.
fn week_of_rule(c: &Cursor, i: usize) -> RuleOut {
    if !(c.is(i, "the") && c.is(i + 1, "week") && c.is(i + 2, "of")) {
        return None;
    }
    let (end, expr, _) = with_modifiers(c, i + 3)?;
    match expr.core {
        Core::Calendar { day: Some(_), .. } if expr.clock.is_none() && expr.modifier.is_none() => {
            Some((
                end,
                TimeExpr {
                    week_of: true,
                    through_day: None,
                    ..expr
                },
                "the week of <date>",
            ))
        }
        _ => None,
    }
}

fn signal_before(c: &Cursor, i: usize) -> Option<Signal> {
    if i == 0 {
        return None;
    }
    Some(match c.norm(i - 1) {
        "within" => Signal::Within,
        "since" => Signal::Since,
        "until" | "till" | "through" => Signal::Until,
        "by" => Signal::By,
        "before" => Signal::Before,
        "after" => Signal::After,
        "during" | "throughout" => Signal::During,
        "from" => Signal::From,
        _ => return None,
    })
}

/// Modifier prefixes ("early", "late", "mid-", "the end of", "about", "more than") around a core.
fn with_modifiers(c: &Cursor, i: usize) -> RuleOut {
    let position_mod = |k: usize| -> Option<(usize, TimexMod)> {
        let w = c.norm(k);
        let the = if w == "the" { 1 } else { 0 };
        let w1 = c.norm(k + the);
        match (w1, c.norm(k + the + 1)) {
            ("end" | "close", "of") => Some((k + the + 2, TimexMod::End)),
            ("beginning" | "start", "of") => Some((k + the + 2, TimexMod::Start)),
            ("middle", "of") => Some((k + the + 2, TimexMod::Mid)),
            ("early" | "late" | "mid", _) if the == 1 => {
                position_mod_word(w1, c.is(k + 2, "-")).map(|(skip, m)| (k + 1 + skip, m))
            }
            _ if the == 0 => match w {
                "early" => Some((k + 1, TimexMod::Start)),
                "late" => Some((k + 1, TimexMod::End)),
                "mid" if c.is(k + 1, "-") => Some((k + 2, TimexMod::Mid)),
                "mid" => Some((k + 1, TimexMod::Mid)),
                "end" if c.is(k + 1, "-") => Some((k + 2, TimexMod::End)),
                _ => None,
            },
            _ => None,
        }
    };
    let amount_mod = |k: usize| -> Option<(usize, TimexMod)> {
        match (c.norm(k), c.norm(k + 1)) {
            ("more" | "longer", "than") => Some((k + 2, TimexMod::MoreThan)),
            ("less" | "fewer" | "shorter", "than") => Some((k + 2, TimexMod::LessThan)),
            ("at", "least") => Some((k + 2, TimexMod::EqualOrMore)),
            ("at", "most") | ("up", "to") => Some((k + 2, TimexMod::EqualOrLess)),
            ("no", "more") if c.is(k + 2, "than") => Some((k + 3, TimexMod::EqualOrLess)),
            (
                "about" | "around" | "approximately" | "roughly" | "some" | "nearly" | "almost",
                _,
            ) => Some((k + 1, TimexMod::Approx)),
            _ => None,
        }
    };
    if let Some((after, m)) = position_mod(i) {
        if let Some((end, mut e, rule)) = core(c, after) {
            if matches!(
                e.core,
                Core::Duration { .. } | Core::Set { .. } | Core::Reference(_)
            ) {
                return core(c, i);
            }
            e.modifier = Some(m);
            let _ = rule;
            return Some((end, e, "<early|late|mid|the end of> <time>"));
        }
    }
    // "earlier yesterday", "later this afternoon", "earlier Sunday": same day, same value.
    if matches!(c.norm(i), "earlier" | "later") {
        if let Some((end, e, _)) = core(c, i + 1) {
            if matches!(
                e.core,
                Core::Weekday { .. }
                    | Core::Shift {
                        unit: Unit::Day,
                        ..
                    }
            ) || c.is(i + 1, "that") && matches!(e.core, Core::Mention { .. })
            {
                return Some((end, e, "earlier|later <day>"));
            }
        }
    }
    if let Some((after, m)) = amount_mod(i) {
        if let Some((end, mut e, _)) =
            core(c, after).filter(|(_, e, _)| e.clock.is_some() && m == TimexMod::Approx)
        {
            e.modifier = Some(m);
            return Some((end, e, "about <clock>"));
        }
        if let Some((end, mut e, rule)) = core(c, after) {
            let durational = matches!(e.core, Core::Duration { .. })
                || matches!(
                    e.core,
                    Core::Shift {
                        from: ShiftFrom::Reference
                            | ShiftFrom::Previous
                            | ShiftFrom::PreviousPeriodOrReference,
                        ..
                    }
                ) && c.norm(end - 1) != "year"
                    && ["ago", "earlier", "later"].contains(&c.norm(end - 1));
            if durational {
                e.modifier = Some(m);
                let _ = rule;
                return Some((end, e, "<about|more than> <duration>"));
            }
        }
    }
    core(c, i)
}

fn position_mod_word(w: &str, hyphen_follows: bool) -> Option<(usize, TimexMod)> {
    match w {
        "early" => Some((1, TimexMod::Start)),
        "late" => Some((1, TimexMod::End)),
        "mid" if hyphen_follows => Some((2, TimexMod::Mid)),
        "mid" => Some((1, TimexMod::Mid)),
        _ => None,
    }
}

/// All core rules; the longest match wins.
fn core(c: &Cursor, i: usize) -> RuleOut {
    let rules: [fn(&Cursor, usize) -> RuleOut; 16] = [
        part_of_day_rule,
        holiday_rule,
        named_day,
        reference_word,
        month_date,
        day_month,
        numeric_date,
        year_rule,
        decade_rule,
        quarter_rule,
        relative_rule,
        duration_rule,
        clock_time,
        set_rule,
        weekday_rule,
        business_rule,
    ];
    let mut best: RuleOut = None;
    for rule in rules {
        if let Some(o) = rule(c, i) {
            if o.0 > i && best.as_ref().is_none_or(|b| o.0 > b.0) {
                best = Some(o);
            }
        }
    }
    // "<date> morning", "<date> at 3 p.m."
    let (mut end, mut e, rule) = best?;
    // "the next year or so", "two years or so"
    if c.is(end, "or")
        && c.is(end + 1, "so")
        && matches!(e.core, Core::Duration { .. } | Core::Shift { .. })
    {
        end += 2;
        e.modifier = e.modifier.or(Some(TimexMod::Approx));
    }
    // "10 p.m. Wednesday", "5 p.m. EST, Nov. 6", "9 a.m. today"
    if e.clock.is_some()
        && matches!(
            e.core,
            Core::Shift {
                unit: Unit::Day,
                n: 0,
                ..
            }
        )
    {
        // "10:35 a.m. (0735 GMT) Friday": the day after a short parenthesis dates the clock
        // time, and stays an expression of its own.
        if c.is(end, "(") {
            if let Some(close) = (end + 1..end + 6).find(|&j| c.is(j, ")")) {
                let day = weekday_rule(c, close + 1)
                    .or_else(|| month_date(c, close + 1))
                    .filter(|(_, d, _)| d.clock.is_none() && d.part_of_day.is_none());
                if let Some((_, d, _)) = day {
                    return Some((
                        end,
                        TimeExpr {
                            clock: e.clock,
                            utc: e.utc,
                            ..d
                        },
                        "<clock> (...) <date>",
                    ));
                }
            }
        }
        let k = if c.is(end, ",") { end + 1 } else { end };
        let date = weekday_rule(c, k)
            .or_else(|| month_date(c, k))
            .or_else(|| named_day(c, k))
            .filter(|(_, d, _)| d.clock.is_none() && d.part_of_day.is_none());
        if let Some((date_end, d, _)) = date {
            return Some((
                date_end,
                TimeExpr {
                    clock: e.clock,
                    ..d
                },
                "<clock> <date>",
            ));
        }
    }
    if e.part_of_day.is_none()
        && e.clock.is_none()
        && matches!(
            e.core,
            Core::Calendar { day: Some(_), .. }
                | Core::Weekday { .. }
                | Core::Shift {
                    unit: Unit::Day,
                    ..
                }
        )
    {
        if let Some(p) = part_of_day_word(c.norm(end)) {
            e.part_of_day = Some(p);
            return Some((end + 1, e, "<day> <part-of-day>"));
        }
    }
    Some((end, e, rule))
}

/// "mid-afternoon yesterday", "late evening", "midafternoon", "in the morning": a part of
/// the day named before its day, or alone; alone it is on the day in focus (TIMEX3 TIME).
fn part_of_day_rule(c: &Cursor, i: usize) -> RuleOut {
    let (pod, k) = match c.norm(i) {
        "midafternoon" => ("AF", i + 1),
        "midmorning" => ("MO", i + 1),
        "mid" | "late" | "early" => {
            let k = if c.is(i + 1, "-") { i + 2 } else { i + 1 };
            (part_of_day_word(c.norm(k))?, k + 1)
        }
        // "in the morning", "during the afternoon", not "the morning paper".
        "the" if i > 0 && matches!(c.norm(i - 1), "in" | "during") => {
            let pod = part_of_day_word(c.norm(i + 1))?;
            let next = c.tok(i + 2);
            let free = next.is_none_or(|t| {
                !t.is_word()
                    || matches!(
                        t.norm.as_str(),
                        "and"
                            | "to"
                            | "when"
                            | "before"
                            | "after"
                            | "as"
                            | "while"
                            | "in"
                            | "on"
                            | "at"
                            | "with"
                            | "for"
                            | "but"
                    )
            });
            if !free {
                return None;
            }
            (pod, i + 2)
        }
        _ => return None,
    };
    let day = named_day(c, k)
        .or_else(|| weekday_rule(c, k))
        .filter(|(_, d, _)| d.clock.is_none() && d.part_of_day.is_none());
    if let Some((end, d, _)) = day {
        return Some((
            end,
            TimeExpr {
                part_of_day: Some(pod),
                ..d
            },
            "<part-of-day> <day>",
        ));
    }
    Some((
        k,
        TimeExpr {
            part_of_day: Some(pod),
            ..shift(Unit::Day, 0, ShiftFrom::DayInFocus)
        },
        "mid-<part-of-day>",
    ))
}

fn shift(unit: Unit, n: i64, from: ShiftFrom) -> TimeExpr {
    TimeExpr::of(Core::Shift { unit, n, from })
}

/// today, tonight, tomorrow, yesterday, this morning, last night, the day before yesterday.
fn named_day(c: &Cursor, i: usize) -> RuleOut {
    let w = c.norm(i);
    let day = |n: i64| shift(Unit::Day, n, ShiftFrom::Reference);
    match w {
        "today" => Some((i + 1, day(0), "today")),
        "tonight" => Some((
            i + 1,
            TimeExpr {
                part_of_day: Some("NI"),
                ..day(0)
            },
            "tonight",
        )),
        "tomorrow" => Some((i + 1, day(1), "tomorrow")),
        "yesterday" => Some((i + 1, day(-1), "yesterday")),
        "this" => {
            let p = part_of_day_word(c.norm(i + 1))?;
            Some((
                i + 2,
                TimeExpr {
                    part_of_day: Some(p),
                    ..day(0)
                },
                "this <part-of-day>",
            ))
        }
        "last" if c.is(i + 1, "night") => Some((
            i + 2,
            TimeExpr {
                part_of_day: Some("NI"),
                ..day(-1)
            },
            "last night",
        )),
        "the" if c.is(i + 1, "day") && matches!(c.norm(i + 2), "before" | "after") => {
            let (n, target) = match (c.norm(i + 2), c.norm(i + 3)) {
                ("before", "yesterday") => (-2, true),
                ("after", "tomorrow") => (2, true),
                _ => (0, false),
            };
            target.then(|| (i + 4, day(n), "the day before yesterday"))
        }
        _ => None,
    }
}

/// now, currently, recently, the past, the future, soon, previously...
fn reference_word(c: &Cursor, i: usize) -> RuleOut {
    let w = c.norm(i);
    let r = |s: &'static str| TimeExpr::of(Core::Reference(s));
    let next = c.norm(i + 1);
    match w {
        "now" => Some((i + 1, r("PRESENT_REF"), "now")),
        "right" if next == "now" => Some((i + 2, r("PRESENT_REF"), "right now")),
        "more" if next == "recently" => Some((i + 2, r("PAST_REF"), "more recently")),
        "currently" | "nowadays" => Some((i + 1, r("PRESENT_REF"), "currently")),
        "current"
            if unit_word(next).is_none()
                && !matches!(
                    next,
                    "account" | "accounts" | "affairs" | "events" | "flows" | "flow"
                ) =>
        {
            Some((i + 1, r("PRESENT_REF"), "current"))
        }
        "at" if matches!(next, "present") => Some((i + 2, r("PRESENT_REF"), "at present")),
        "recently" | "lately" => Some((i + 1, r("PAST_REF"), "recently")),
        "soon" if next != "as" && next != "after" => Some((i + 1, r("FUTURE_REF"), "soon")),
        "these" if next == "days" => Some((i + 2, r("PRESENT_REF"), "these days")),
        "the"
            if next == "past"
                && !c.tok(i + 2).is_some_and(|t| {
                    t.is_number()
                        || unit_word(&t.norm).is_some()
                        || small_number_word(&t.norm).is_some()
                        || matches!(t.norm.as_str(), "few" | "several" | "decade" | "year")
                }) =>
        {
            Some((i + 2, r("PAST_REF"), "the past"))
        }
        "the" if next == "future" => Some((i + 2, r("FUTURE_REF"), "the future")),
        "the" if matches!(next, "near" | "foreseeable" | "distant") && c.is(i + 2, "future") => {
            Some((i + 3, r("FUTURE_REF"), "the near future"))
        }
        "the" if matches!(next, "near" | "short") && c.is(i + 2, "term") => {
            Some((i + 3, r("FUTURE_REF"), "the near term"))
        }
        "the" if next == "present" && !c.is(i + 2, "value") => {
            Some((i + 2, r("PRESENT_REF"), "the present"))
        }
        "future" if i > 0 && matches!(c.norm(i - 1), "near" | "foreseeable" | "distant") => None,
        "near" | "foreseeable" if next == "future" && i > 0 && c.is(i - 1, "the") => None,
        _ => None,
    }
}

fn calendar(year: YearSpec, month: Option<u32>, day: Option<u32>) -> TimeExpr {
    TimeExpr::of(Core::Calendar { year, month, day })
}

/// Optional ", 2024" / " 2024" after a month-day.
fn trailing_year(c: &Cursor, k: usize) -> Option<(i32, usize)> {
    if c.is(k, ",") {
        if let Some(y) = c.year(k + 1) {
            return Some(y);
        }
    }
    c.year(k)
}

/// "May 16", "May 16, 2024", "Sept. 30", "May 2024", "May of 2024", "May", "Monday, Oct. 26".
fn month_date(c: &Cursor, i: usize) -> RuleOut {
    let (start_wd, i) = match c.weekday(i) {
        Some((_, e)) if c.month(e + usize::from(c.is(e, ","))).is_some() => {
            (true, e + usize::from(c.is(e, ",")))
        }
        _ => (false, i),
    };
    let (m, after_month) = c.month(i)?;
    if let Some((d, after_day)) = c
        .day(after_month)
        .filter(|_| c.tok(after_month).is_some_and(|t| t.is_number()))
    {
        // "May 16-18": a day range within the month.
        let range = if matches!(c.norm(after_day), "-" | "–")
            && c.tok(after_day + 1).is_some_and(|t| t.is_number())
        {
            c.day(after_day + 1).filter(|(last, _)| *last > d)
        } else {
            None
        };
        let (through_day, after_day, ranged) = match range {
            Some((last, e)) => (Some(last), e, true),
            None => (None, after_day, false),
        };
        if let Some((y, end)) = trailing_year(c, after_day) {
            let e = TimeExpr {
                through_day,
                ..calendar(YearSpec::Written(y), Some(m), Some(d))
            };
            return Some((
                end,
                e,
                if ranged {
                    "<month> <day>-<day>, <year>"
                } else {
                    "<month> <day>, <year>"
                },
            ));
        }
        let e = TimeExpr {
            through_day,
            ..calendar(YearSpec::Guess, Some(m), Some(d))
        };
        return Some((
            after_day,
            e,
            if ranged {
                "<month> <day>-<day>"
            } else {
                "<month> <day>"
            },
        ));
    }
    if start_wd {
        return None;
    }
    let k = if c.is(after_month, "of") || c.is(after_month, ",") {
        after_month + 1
    } else {
        after_month
    };
    if matches!(c.norm(after_month), "last" | "this" | "next") && c.is(after_month + 1, "year") {
        let off = match c.norm(after_month) {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        return Some((
            after_month + 2,
            calendar(YearSpec::FromReference(off), Some(m), None),
            "<month> last|this|next year",
        ));
    }
    if let Some((y, end)) = c.year(k) {
        return Some((
            end,
            calendar(YearSpec::Written(y), Some(m), None),
            "<month> <year>",
        ));
    }
    // A bare "May" is the modal verb and "March" the verb or noun unless something temporal surrounds them.
    if matches!(c.norm(i), "may" | "march") {
        let prev = if i > 0 { c.norm(i - 1) } else { "" };
        if !matches!(
            prev,
            "in" | "since"
                | "until"
                | "by"
                | "of"
                | "early"
                | "late"
                | "mid"
                | "-"
                | "last"
                | "next"
                | "this"
                | "through"
                | "during"
                | "before"
                | "after"
                | "from"
        ) {
            return None;
        }
    }
    Some((
        after_month,
        TimeExpr::of(Core::Month { month: m, shift: 0 }),
        "<month>",
    ))
}

/// "16 May 2024", "16th of May", "the 16th of May".
fn day_month(c: &Cursor, i: usize) -> RuleOut {
    let (d, after_day) = c
        .day(i)
        .filter(|_| c.tok(i).is_some_and(|t| t.is_number()))?;
    let k = if c.is(after_day, "of") {
        after_day + 1
    } else {
        after_day
    };
    let (m, after_month) = c.month(k)?;
    if let Some((y, end)) = trailing_year(c, after_month) {
        return Some((
            end,
            calendar(YearSpec::Written(y), Some(m), Some(d)),
            "<day> <month> <year>",
        ));
    }
    Some((
        after_month,
        calendar(YearSpec::Guess, Some(m), Some(d)),
        "<day> <month>",
    ))
}

/// "16/05/2024", "5/16/2024", "11/02/89", "2024-05-16".
fn numeric_date(c: &Cursor, i: usize) -> RuleOut {
    let t0 = c.tok(i).filter(|t| t.is_plain_integer())?;
    if i > 0 && !t0.space_before && !matches!(c.norm(i - 1), "(" | "[" | "\"") {
        return None;
    }
    let sep = c.norm(i + 1);
    if !matches!(sep, "/" | "-")
        || !c.glued(i + 1)
        || !c.glued(i + 2)
        || c.norm(i + 3) != sep
        || !c.glued(i + 3)
        || !c.glued(i + 4)
    {
        return None;
    }
    let t1 = c.tok(i + 2).filter(|t| t.is_plain_integer())?;
    let t2 = c.tok(i + 4).filter(|t| t.is_plain_integer())?;
    if c.tok(i + 5).is_some_and(|t| {
        !t.space_before && (t.is_number() || t.is_word() || t.norm == "/" || t.norm == "-")
    }) {
        return None;
    }
    let a: u32 = t0.norm.parse().ok()?;
    let b: u32 = t1.norm.parse().ok()?;
    let y_raw: i32 = t2.norm.parse().ok()?;
    if t0.int_digits == 4 && sep == "-" {
        // ISO: year-month-day.
        let y = i32::try_from(a).ok()?;
        let d = u32::try_from(y_raw).ok()?;
        if (1..=12).contains(&b) && (1..=31).contains(&d) {
            return Some((
                i + 5,
                calendar(YearSpec::Written(y), Some(b), Some(d)),
                "<yyyy>-<mm>-<dd>",
            ));
        }
        return None;
    }
    if sep != "/" {
        return None;
    }
    let year = match t2.int_digits {
        4 => y_raw,
        2 => {
            if y_raw >= 50 {
                1900 + y_raw
            } else {
                2000 + y_raw
            }
        }
        _ => return None,
    };
    // Day-first when the first field cannot be a month; month-first otherwise (US usage).
    let (m, d, rule) = if a > 12 && b <= 12 {
        (b, a, "<dd>/<mm>/<yyyy>")
    } else {
        (a, b, "<mm>/<dd>/<yyyy>")
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some((
        i + 5,
        calendar(YearSpec::Written(year), Some(m), Some(d)),
        rule,
    ))
}

/// Words before a bare number that make it a year ("in 1990", "since 2019").
fn year_context(w: &str) -> bool {
    matches!(
        w,
        "in" | "since"
            | "by"
            | "of"
            | "from"
            | "until"
            | "till"
            | "before"
            | "after"
            | "during"
            | "through"
            | "to"
            | "between"
            | "and"
            | "early"
            | "late"
            | "mid"
            | "fiscal"
            | "year"
            | "for"
            | "-"
            | "–"
            | "around"
            | "circa"
            | "throughout"
            | "as"
            | "or"
            | "than"
            | "summer"
            | "spring"
            | "fall"
            | "autumn"
            | "winter"
            | "end"
            | "beginning"
            | "start"
            | "the"
            | "post"
            | "pre"
            | "at"
            | "on"
            | "into"
            | "within"
            | "season"
    )
}

/// Words that label the number after them ("Section 1001", "Flight 1549", "Resolution
/// 1973", "No. 1999"): that number is an identifier, not a year.
fn numbered_label(w: &str) -> bool {
    matches!(
        w,
        "section"
            | "sec"
            | "article"
            | "chapter"
            | "clause"
            | "paragraph"
            | "rule"
            | "resolution"
            | "room"
            | "suite"
            | "flight"
            | "route"
            | "highway"
            | "interstate"
            | "no"
            | "nos"
            | "number"
            | "page"
            | "pages"
            | "model"
            | "version"
            | "form"
            | "item"
            | "code"
            | "#"
            | "gate"
            | "platform"
            | "channel"
            | "exit"
            | "precinct"
            | "ward"
            | "bus"
    )
}

/// "2024", "the year 2000", "fiscal 2023", "fiscal year 1989", "FY2023".
fn year_rule(c: &Cursor, i: usize) -> RuleOut {
    match c.norm(i) {
        "fiscal" => {
            let k = if c.is(i + 1, "year") { i + 2 } else { i + 1 };
            let (y, end) = c.year(k).or_else(|| {
                let t = c
                    .tok(k)
                    .filter(|t| t.is_plain_integer() && t.int_digits == 2)?;
                let v: i32 = t.norm.parse().ok()?;
                Some((if v >= 50 { 1900 + v } else { 2000 + v }, k + 1))
            })?;
            return Some((
                end,
                calendar(YearSpec::Written(y), None, None),
                "fiscal <year>",
            ));
        }
        "fy" if c.capitalised(i) => {
            let t = c.tok(i + 1).filter(|t| t.is_plain_integer())?;
            let v: i32 = t.norm.parse().ok()?;
            let y = match t.int_digits {
                4 => v,
                2 => {
                    if v >= 50 {
                        1900 + v
                    } else {
                        2000 + v
                    }
                }
                _ => return None,
            };
            return Some((
                i + 2,
                calendar(YearSpec::Written(y), None, None),
                "FY<year>",
            ));
        }
        "the" if c.is(i + 1, "year") => {
            let (y, end) = c.year(i + 2)?;
            return Some((
                end,
                calendar(YearSpec::Written(y), None, None),
                "the year <year>",
            ));
        }
        _ => {}
    }
    let (y, end) = c.year(i)?;
    let prev = if i > 0 { c.norm(i - 1) } else { "" };
    let next = c.tok(end);
    // A bare number is a year when a temporal word governs it, or when nothing counts it.
    // "2000 employees" counts; "1989 unconsolidated profit", "1989 is" and "1990 results" do not.
    // "a survey of 1709 schoolchildren", "1500 people": an irregular plural counts the
    // number unless a temporal preposition governs it ("in 1995 people voted").
    let counted_irregular = next.is_some_and(|n| {
        n.is_word()
            && !n.capitalised
            && [
                "children",
                "people",
                "men",
                "women",
                "police",
                "personnel",
                "staff",
            ]
            .iter()
            .any(|p| n.norm.ends_with(p))
    }) && !matches!(
        prev,
        "in" | "since" | "until" | "by" | "during" | "from" | "before" | "after" | "to"
    );
    if counted_irregular {
        return None;
    }
    let counted = next.is_some_and(|n| {
        let w = n.norm.as_str();
        n.is_word()
            && !n.capitalised
            && w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !matches!(
                w,
                "this"
                    | "thus"
                    | "plus"
                    | "levels"
                    | "figures"
                    | "results"
                    | "elections"
                    | "earnings"
                    | "sales"
                    | "profits"
                    | "revenues"
                    | "was"
                    | "has"
                    | "does"
                    | "goes"
                    | "comes"
                    | "seems"
                    | "looks"
                    | "means"
                    | "marks"
                    | "remains"
                    | "saw"
                    | "versus"
            )
    }) || next.is_some_and(|n| {
        n.norm == "%"
            || n.norm == "-" && !n.space_before && c.tok(end + 1).is_some_and(|t| t.is_word())
    });
    if counted && !year_context(prev) {
        return None;
    }
    // "over 2000 - 2050" spans years; "over 2000" alone bounds a number.
    let year_span = matches!(c.norm(end), "-" | "–" | "to") && c.year(end + 1).is_some();
    if matches!(
        prev,
        "$" | "€" | "£" | "¥" | "about" | "some" | "nearly" | "almost" | "approximately"
    ) || prev == "over" && !year_span
        || (prev == "," && i >= 2 && c.tok(i - 2).is_some_and(|t| t.is_number()))
        || numbered_label(prev)
    {
        return None;
    }
    Some((end, calendar(YearSpec::Written(y), None, None), "<year>"))
}

/// "the 1990s", "1990s", "the '90s", "the nineties", "the 20th century", "the last decade".
fn decade_rule(c: &Cursor, i: usize) -> RuleOut {
    let k = if c.is(i, "the") { i + 1 } else { i };
    // "'90s"
    if matches!(c.norm(k), "'" | "’") {
        let t = c
            .tok(k + 1)
            .filter(|t| t.is_plain_integer() && t.int_digits == 2 && c.glued(k + 1))?;
        if c.norm(k + 2) == "s" && c.glued(k + 2) {
            let v: i32 = t.norm.parse().ok()?;
            if v % 10 == 0 {
                let y = if v >= 30 { 1900 + v } else { 2000 + v };
                return Some((
                    k + 3,
                    TimeExpr::of(Core::Decade { first_year: y }),
                    "the '<yy>s",
                ));
            }
        }
        return None;
    }
    if let Some(t) = c
        .tok(k)
        .filter(|t| t.is_plain_integer() && t.int_digits == 4)
    {
        if matches!(c.norm(k + 1), "s") && c.glued(k + 1)
            || matches!(c.norm(k + 1), "'" | "’") && c.norm(k + 2) == "s"
        {
            let y: i32 = t.norm.parse().ok()?;
            if y % 10 == 0 && (1000..=2190).contains(&y) {
                let end = if c.norm(k + 1) == "s" { k + 2 } else { k + 3 };
                return Some((
                    end,
                    TimeExpr::of(Core::Decade { first_year: y }),
                    "the <yyyy>s",
                ));
            }
        }
        return None;
    }
    let decade_word = match c.norm(k) {
        "twenties" => 20,
        "thirties" => 30,
        "forties" => 40,
        "fifties" => 50,
        "sixties" => 60,
        "seventies" => 70,
        "eighties" => 80,
        "nineties" => 90,
        _ => 0,
    };
    if decade_word > 0 && k > i {
        return Some((
            k + 1,
            TimeExpr::of(Core::Decade {
                first_year: 1900 + decade_word,
            }),
            "the <decade-word>",
        ));
    }
    {
        // "the 20th century", "20th century", "the twenty-first century"
        if let Some(n) = parse_number(c.t, k, ScaleAbbrev::Plain).filter(|n| n.ordinal) {
            if c.is(n.end, "century") {
                let v = i32::try_from(n.value.to_i64()?).ok()?;
                return Some((
                    n.end + 1,
                    TimeExpr::of(Core::Century { number: v }),
                    "the <ordinal> century",
                ));
            }
        }
        // "the last decade", "the past decade" are durations in TimeML usage; "the next decade" too.
    }
    None
}

/// Quarters and halves: "the first quarter (of the year|of 2024)", "Q1 2024", "third-quarter",
/// "the fiscal first quarter", "the first half", "H1", "the year-ago quarter".
fn quarter_rule(c: &Cursor, i: usize) -> RuleOut {
    // "Q1 2024", "1Q", "H1"
    if let Some(t) = c
        .tok(i)
        .filter(|t| t.is_word() && t.capitalised && matches!(t.norm.as_str(), "q" | "h"))
    {
        let n = c
            .tok(i + 1)
            .filter(|n| n.is_plain_integer() && !n.space_before)?;
        let v: u32 = n.norm.parse().ok()?;
        let is_q = t.norm == "q";
        if (is_q && !(1..=4).contains(&v)) || (!is_q && !(1..=2).contains(&v)) {
            return None;
        }
        if c.tok(i + 2)
            .is_some_and(|x| !x.space_before && (x.is_word() || x.is_number()))
        {
            return None;
        }
        let (year, end) = match c.year(i + 2) {
            Some((y, e)) => (YearSpec::Written(y), e),
            None => (YearSpec::Guess, i + 2),
        };
        let core = if is_q {
            Core::Quarter { q: v, year }
        } else {
            Core::Half { h: v, year }
        };
        return Some((
            end,
            TimeExpr::of(core),
            if is_q { "Q<n> <year>" } else { "H<n> <year>" },
        ));
    }
    let mut k = i;
    let has_the = c.is(k, "the");
    if has_the {
        k += 1;
    }
    // "this year's third quarter", "last year's fourth quarter", "1999's first quarter"
    let mut year = YearSpec::Guess;
    let poss = |k: usize| matches!(c.norm(k), "'" | "’") && c.is(k + 1, "s");
    if matches!(c.norm(k), "this" | "last" | "next") && c.is(k + 1, "year") && poss(k + 2) {
        year = YearSpec::FromReference(match c.norm(k) {
            "last" => -1,
            "next" => 1,
            _ => 0,
        });
        k += 4;
    } else if let Some((y, e)) = c.year(k).filter(|(_, e)| poss(*e)) {
        year = YearSpec::Written(y);
        k = e + 2;
    } else if let Some((y, e)) = c.year(k) {
        // "the 2024 first quarter" is rare; "2024 first-half results" happens.
        if ordinal_word(c.norm(e)).is_some() {
            year = YearSpec::Written(y);
            k = e;
        }
    }
    if c.is(k, "fiscal") {
        k += 1;
    }
    // Relative: "the year-ago quarter", "the year-earlier period", "the latest quarter", "the quarter"
    if has_the || k > i {
        let w = c.norm(k);
        let year_ago =
            w == "year" && c.is(k + 1, "-") && matches!(c.norm(k + 2), "ago" | "earlier");
        if year_ago
            && matches!(
                c.norm(k + 3),
                "quarter" | "period" | "half" | "month" | "level" | "levels"
            )
            && has_the
        {
            return Some((
                k + 4,
                shift(Unit::Year, -1, ShiftFrom::CurrentPeriod),
                "the year-ago <period>",
            ));
        }
        let (skip, latest) = match w {
            "latest" | "recent" | "most" if c.is(k + 1, "recent") => (2, true),
            "latest" | "recent" | "same" | "fiscal" => (1, true),
            _ => (0, false),
        };
        if has_the
            && matches!(c.norm(k + skip), "quarter" | "period")
            && !c.is(k + skip + 1, "-")
            && (!matches!(
                c.norm(k + skip + 1),
                "of" | "ended"
                    | "ending"
                    | "ends"
                    | "to"
                    | "from"
                    | "between"
                    | "when"
                    | "before"
                    | "after"
                    | "since"
            ) || c.norm(k + skip) == "quarter" && !c.is(k + skip + 1, "of"))
        {
            let most_recent = latest && matches!(w, "latest" | "recent" | "most");
            return Some((
                k + skip + 1,
                TimeExpr::of(if most_recent {
                    Core::Latest {
                        unit: Unit::Quarter,
                    }
                } else {
                    Core::Mention {
                        unit: Unit::Quarter,
                    }
                }),
                "the <latest> quarter",
            ));
        }
    }
    // "the March quarter": the quarter ending (or containing) that month.
    if has_the {
        if let Some((m, e)) = c.month(k) {
            if c.is(e, "quarter") {
                return Some((
                    e + 1,
                    TimeExpr::of(Core::Quarter {
                        q: (m - 1) / 3 + 1,
                        year,
                    }),
                    "the <month> quarter",
                ));
            }
        }
    }
    // "the last half of 1989" is the second half; "the first two quarters of 1990" the first.
    // Without "of <year>" "the last two quarters" is a duration.
    let two_quarters = matches!(c.norm(k), "first" | "last")
        && c.is(k + 1, "two")
        && c.is(k + 2, "quarters")
        && c.is(k + 3, "of");
    let (q, n_end) = match ordinal_word(c.norm(k)) {
        _ if two_quarters => (if c.is(k, "first") { 1 } else { 2 }, k + 2),
        _ if has_the
            && matches!(c.norm(k), "last" | "latter")
            && c.is(k + 1, "half")
            && !c.is(k + 2, "-") =>
        {
            (2, k + 1)
        }
        Some(v) => (u32::try_from(v).ok()?, k + 1),
        None => {
            let n = parse_number(c.t, k, ScaleAbbrev::Plain).filter(|n| n.ordinal)?;
            (u32::try_from(n.value.to_i64()?).ok()?, n.end)
        }
    };
    let mut e = n_end;
    if c.is(e, "-") && c.glued(e) {
        // "the third-quarter results": the article goes with the noun.
        if has_the && k == i + 1 {
            return None;
        }
        e += 1;
    }
    let (is_quarter, is_half) = (
        c.is(e, "quarter") && !two_quarters,
        c.is(e, "half") || two_quarters && c.is(e, "quarters"),
    );
    if !(is_quarter && (1..=4).contains(&q) || is_half && (1..=2).contains(&q)) {
        return None;
    }
    e += 1;
    // "of the year", "of 2024", "of last year", "of this year", "of next year", " 2024", ", 2024"
    if c.is(e, "of") {
        if c.is(e + 1, "the") && c.is(e + 2, "year") {
            year = YearSpec::FromReference(0);
            e += 3;
        } else if let Some((y, end)) = c.year(e + 1) {
            year = YearSpec::Written(y);
            e = end;
        } else if c.is(e + 1, "fiscal") && c.year(e + 2).is_some() {
            let (y, end) = c.year(e + 2)?;
            year = YearSpec::Written(y);
            e = end;
        } else if matches!(c.norm(e + 1), "this" | "last" | "next") && c.is(e + 2, "year") {
            year = YearSpec::FromReference(match c.norm(e + 1) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            });
            e += 3;
        }
    } else if let Some((y, end)) = c.year(e) {
        year = YearSpec::Written(y);
        e = end;
    } else if matches!(c.norm(e), "this" | "last" | "next") && c.is(e + 1, "year") {
        year = YearSpec::FromReference(match c.norm(e) {
            "last" => -1,
            "next" => 1,
            _ => 0,
        });
        e += 2;
    }
    // "first-quarter earnings" without "the" is still the quarter; "the first half of the season" is not.
    let core = if is_quarter {
        Core::Quarter { q, year }
    } else {
        Core::Half { h: q, year }
    };
    if is_half && !has_the && year == YearSpec::Guess && !c.is(n_end, "-") && !two_quarters {
        return None;
    }
    Some((
        e,
        TimeExpr::of(core),
        if is_quarter {
            "the <ordinal> quarter of <year>"
        } else {
            "the <ordinal> half of <year>"
        },
    ))
}

/// "last week", "this year", "next month", "the past year", "last Friday", "next May",
/// "this summer", "two years ago", "a year earlier", "earlier this year", "the following day".
fn relative_rule(c: &Cursor, i: usize) -> RuleOut {
    let mut k = i;
    let has_the = c.is(k, "the");
    if has_the {
        k += 1;
    }
    let w = c.norm(k);
    // "earlier this year", "later this month"
    if matches!(w, "earlier" | "later") && !has_the && c.is(k + 1, "this") {
        let (unit, plural) = unit_word(c.norm(k + 2))?;
        if plural {
            return None;
        }
        return Some((
            k + 3,
            shift(unit, 0, ShiftFrom::Reference),
            "earlier this <unit>",
        ));
    }
    // "the next morning", "the following evening"
    if has_the && matches!(w, "next" | "following") {
        if let Some(p) = part_of_day_word(c.norm(k + 1)) {
            return Some((
                k + 2,
                TimeExpr {
                    part_of_day: Some(p),
                    ..shift(Unit::Day, 1, ShiftFrom::Previous)
                },
                "the next <part-of-day>",
            ));
        }
    }
    // "this past spring", "this coming Sunday"
    let this_past = !has_the && w == "this" && matches!(c.norm(k + 1), "past" | "coming");
    let (k, w) = if this_past {
        (k + 1, c.norm(k + 1))
    } else {
        (k, w)
    };
    let direction = match w {
        "this" | "current" if !has_the || w == "current" => Some(0),
        "last" | "past" | "previous" | "preceding" => Some(-1),
        "next" | "coming" | "following" | "upcoming" => Some(1),
        "same" if has_the => Some(0),
        _ => None,
    };
    if let Some(dir) = direction {
        let anchored_previous =
            has_the && matches!(w, "previous" | "preceding" | "following" | "same");
        let from = if anchored_previous {
            ShiftFrom::Previous
        } else {
            ShiftFrom::Reference
        };
        // "the current fiscal year": a fiscal period is named like the calendar one.
        let fiscal = c.is(k + 1, "fiscal") && c.is(k + 2, "year");
        let k = if fiscal { k + 1 } else { k };
        let u = c.norm(k + 1);
        if let Some((unit, false)) = unit_word(u) {
            if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
                return None;
            }
            // "the past year" is a year-long period ending now; keep it a date as TimeBank does.
            if has_the
                && matches!(w, "last" | "past" | "next" | "coming")
                && matches!(unit, Unit::Decade | Unit::Century)
            {
                return Some((
                    k + 2,
                    TimeExpr::of(Core::Duration {
                        amount: Amount::Exact(Decimal::from_int(1)),
                        unit,
                        frame: if dir < 0 { Frame::Past } else { Frame::Next },
                    }),
                    "the past <unit>",
                ));
            }
            if unit == Unit::Weekend {
                return Some((
                    k + 2,
                    shift(Unit::Weekend, dir, from),
                    "last|this|next weekend",
                ));
            }
            if unit == Unit::Decade {
                return Some((
                    k + 2,
                    TimeExpr::of(Core::RelativeDecade { shift: dir }),
                    "last|this|next decade",
                ));
            }
            return Some((k + 2, shift(unit, dir, from), "last|this|next <unit>"));
        }
        if has_the && matches!(w, "previous" | "following") {
            if let Some((wd, e)) = c.weekday(k + 1) {
                return Some((
                    e,
                    TimeExpr::of(Core::Weekday {
                        weekday: wd,
                        shift: Some(dir),
                    }),
                    "the previous|following <weekday>",
                ));
            }
        }
        if !has_the {
            if let Some((wd, e)) = c.weekday(k + 1) {
                return Some((
                    e,
                    TimeExpr::of(Core::Weekday {
                        weekday: wd,
                        shift: Some(dir),
                    }),
                    "last|this|next <weekday>",
                ));
            }
            if let Some((m, e)) = c.month(k + 1) {
                // "this September" is the month of the reference year, whatever the tense.
                if dir == 0 && w == "this" {
                    return Some((
                        e,
                        calendar(YearSpec::FromReference(0), Some(m), None),
                        "this <month>",
                    ));
                }
                return Some((
                    e,
                    TimeExpr::of(Core::Month {
                        month: m,
                        shift: dir,
                    }),
                    "last|this|next <month>",
                ));
            }
            if let Some(code) = season_word(u) {
                return Some((
                    k + 2,
                    TimeExpr::of(Core::Season {
                        code,
                        year: YearSpec::FromReference(if w == "this" || this_past {
                            0
                        } else {
                            dir
                        }),
                    }),
                    "last|this|next <season>",
                ));
            }
        }
        return None;
    }
    // "that November", "that spring": the month or season in the year talked about.
    if w == "that" && !has_the {
        if let Some((m, e)) = c.month(k + 1) {
            return Some((
                e,
                calendar(YearSpec::InFocus, Some(m), None),
                "that <month>",
            ));
        }
        if let Some(code) = season_word(c.norm(k + 1)) {
            return Some((
                k + 2,
                TimeExpr::of(Core::Season {
                    code,
                    year: YearSpec::InFocus,
                }),
                "that <season>",
            ));
        }
    }
    // "that day", "that same year": the period mentioned before.
    if w == "that" && !has_the {
        let k2 = if c.is(k + 1, "same") { k + 2 } else { k + 1 };
        if let Some((unit, false)) = unit_word(c.norm(k2)) {
            if matches!(
                unit,
                Unit::Day | Unit::Week | Unit::Month | Unit::Quarter | Unit::Year
            ) {
                return Some((k2 + 1, TimeExpr::of(Core::Mention { unit }), "that <unit>"));
            }
        }
    }
    // "the fiscal year", "the latest fiscal year": the year in focus.
    if has_the && (w == "fiscal" || matches!(w, "latest" | "current") && c.is(k + 1, "fiscal")) {
        let y = if w == "fiscal" { k + 1 } else { k + 2 };
        if c.is(y, "year") && !c.is(y + 1, "-") {
            if matches!(c.norm(y + 1), "ended" | "ending") {
                return Some((
                    y + 1,
                    TimeExpr::of(Core::Duration {
                        amount: Amount::Exact(Decimal::from_int(1)),
                        unit: Unit::Year,
                        frame: Frame::Plain,
                    }),
                    "the fiscal year ended",
                ));
            }
            return Some((
                y + 1,
                TimeExpr::of(Core::Mention { unit: Unit::Year }),
                "the fiscal year",
            ));
        }
    }
    // "the summer", "the early summer" (modifier handled outside): the season this year or last.
    if has_the {
        if let Some(code) = season_word(w) {
            if !c.is(k + 1, "of") {
                return Some((
                    k + 1,
                    TimeExpr::of(Core::Season {
                        code,
                        year: YearSpec::Guess,
                    }),
                    "the <season>",
                ));
            }
        }
        // "the weeks ahead", "the months ahead"
        if let Some((unit, true)) = unit_word(w) {
            if c.is(k + 1, "ahead") {
                return Some((
                    k + 2,
                    TimeExpr::of(Core::Duration {
                        amount: Amount::Vague,
                        unit,
                        frame: Frame::Next,
                    }),
                    "the <unit>s ahead",
                ));
            }
        }
    }
    // "the weekend", "the day", "the week", "the year": a mention of the period in focus.
    if has_the && !c.is(k + 1, "-") {
        if let Some((unit, false)) = unit_word(w) {
            if matches!(unit, Unit::Weekend) {
                return Some((
                    k + 1,
                    TimeExpr::of(Core::Mention {
                        unit: Unit::Weekend,
                    }),
                    "the weekend",
                ));
            }
            if matches!(unit, Unit::Year | Unit::Month | Unit::Week)
                && !matches!(
                    c.norm(k + 1),
                    "before" | "after" | "of" | "when" | "that" | "in" | "-"
                )
            {
                // "the year ended Sept. 30": a year-long period, named by its end.
                if unit == Unit::Year && matches!(c.norm(k + 1), "ended" | "ending") {
                    return Some((
                        k + 1,
                        TimeExpr::of(Core::Duration {
                            amount: Amount::Exact(Decimal::from_int(1)),
                            unit,
                            frame: Frame::Plain,
                        }),
                        "the year ended",
                    ));
                }
                return Some((k + 1, TimeExpr::of(Core::Mention { unit }), "the <unit>"));
            }
        }
    }
    // "<season> <year>", "the summer of 1999"
    if let Some(code) = season_word(w) {
        let e = if c.is(k + 1, "of") { k + 2 } else { k + 1 };
        let (y, end) = c.year(e)?;
        return Some((
            end,
            TimeExpr::of(Core::Season {
                code,
                year: YearSpec::Written(y),
            }),
            "<season> <year>",
        ));
    }
    // "<count> <unit> ago|earlier|later|before|after|from now"
    if has_the {
        return None;
    }
    let (amount, after_count) = c.count(k)?;
    let (unit, _) = unit_word(c.norm(after_count))?;
    let n = match amount {
        Amount::Exact(d) => d.to_i64()?,
        _ => 0,
    };
    let e = after_count + 1;
    let (dir, from, rule, end) = match (c.norm(e), c.norm(e + 1)) {
        ("ago", _) => (
            -1,
            ShiftFrom::PreviousPeriodOrReference,
            "<count> <unit> ago",
            e + 1,
        ),
        ("earlier", _) | ("before", "") | ("before", ".") | ("before", ",") => {
            (-1, ShiftFrom::Previous, "<count> <unit> earlier", e + 1)
        }
        ("later", _) | ("after", "") | ("after", ".") | ("after", ",") => {
            (1, ShiftFrom::Previous, "<count> <unit> later", e + 1)
        }
        ("from", "now") | ("from", "today") => {
            (1, ShiftFrom::Reference, "<count> <unit> from now", e + 2)
        }
        _ => return None,
    };
    let from = if from == ShiftFrom::PreviousPeriodOrReference && n != 1 {
        ShiftFrom::Reference
    } else {
        from
    };
    if matches!(amount, Amount::Exact(_)) {
        return Some((end, shift(unit, dir * n, from), rule));
    }
    // "years ago", "a few days ago": a vague past/future point.
    Some((
        end,
        TimeExpr::of(Core::Reference(if dir < 0 {
            "PAST_REF"
        } else {
            "FUTURE_REF"
        })),
        rule,
    ))
}

/// "three years", "two-year", "the past two months", "the next two to three years",
/// "the first nine months", "a decade", "several years", "5 1/2 hours".
fn duration_rule(c: &Cursor, i: usize) -> RuleOut {
    let mut k = i;
    let has_the = c.is(k, "the");
    if has_the {
        k += 1;
    }
    let frame_word = c.norm(k);
    let frame = match frame_word {
        "past" | "last" | "previous" | "preceding" => Some(Frame::Past),
        "next" | "coming" | "following" => Some(Frame::Next),
        "first" | "full" | "whole" | "entire" => Some(Frame::Plain),
        _ => None,
    };
    if frame.is_some() {
        k += 1;
    } else if has_the && frame_word == "recent" {
        return None;
    }
    // "recent years/months", "coming weeks" as vague durations.
    if matches!(frame_word, "recent" | "coming") && !has_the {
        let k = i;
        let (unit, plural) = unit_word(c.norm(k + 1))?;
        // "recent years" is a vague past; "recent weeks" a vague duration; "coming months" a vague future.
        if plural && frame_word == "recent" && unit == Unit::Year {
            return Some((
                k + 2,
                TimeExpr::of(Core::Reference("PAST_REF")),
                "recent years",
            ));
        }
        if plural
            && frame_word == "coming"
            && !matches!(unit, Unit::Day | Unit::Week | Unit::Hour | Unit::Minute)
        {
            return Some((
                k + 2,
                TimeExpr::of(Core::Reference("FUTURE_REF")),
                "coming <unit>s",
            ));
        }
        if plural {
            let frame = if frame_word == "coming" {
                Frame::Next
            } else {
                Frame::Past
            };
            return Some((
                k + 2,
                TimeExpr::of(Core::Duration {
                    amount: Amount::Vague,
                    unit,
                    frame,
                }),
                "recent|coming <unit>s",
            ));
        }
        return None;
    }
    let (amount, after_count) = match c.count(k) {
        Some(x) => x,
        None => {
            // "the past year" / "the full year" without a count: one unit. Bare plural units
            // ("for years") are vague durations.
            let (unit, plural) = unit_word(c.norm(k))?;
            if plural && !has_the && frame.is_none() {
                let prev = if i > 0 { c.norm(i - 1) } else { "" };
                if matches!(prev, "for" | "over" | "within" | "in")
                    && matches!(
                        unit,
                        Unit::Year
                            | Unit::Month
                            | Unit::Week
                            | Unit::Day
                            | Unit::Decade
                            | Unit::Hour
                            | Unit::Minute
                    )
                {
                    return Some((
                        k + 1,
                        TimeExpr::of(Core::Duration {
                            amount: Amount::Vague,
                            unit,
                            frame: Frame::Plain,
                        }),
                        "<unit>s",
                    ));
                }
            }
            if plural
                && has_the
                && frame.is_some()
                && matches!(
                    frame_word,
                    "past" | "last" | "next" | "coming" | "following"
                )
            {
                let frame = frame.unwrap_or(Frame::Plain);
                return Some((
                    k + 1,
                    TimeExpr::of(Core::Duration {
                        amount: Amount::Vague,
                        unit,
                        frame,
                    }),
                    "the past|coming <unit>s",
                ));
            }
            // "sales for the full year": the (fiscal) year being reported, a date.
            if !plural && has_the && unit == Unit::Year && frame_word == "full" {
                return Some((
                    k + 1,
                    shift(Unit::Year, 0, ShiftFrom::Reference),
                    "the full year",
                ));
            }
            if !plural && has_the && matches!(frame_word, "full" | "whole" | "entire") {
                return Some((
                    k + 1,
                    TimeExpr::of(Core::Duration {
                        amount: Amount::Exact(Decimal::from_int(1)),
                        unit,
                        frame: Frame::Plain,
                    }),
                    "the full <unit>",
                ));
            }
            return None;
        }
    };
    if has_the && frame.is_none() && matches!(c.norm(i + 1), "a" | "an" | "some") {
        return None;
    }
    // "the 1988 quarter" names a year, not 1988 quarters.
    if let Amount::Exact(d) = amount {
        if c.tok(k)
            .is_some_and(|t| t.is_plain_integer() && t.int_digits == 4)
            && d.to_i64().is_some_and(|v| (1800..=2199).contains(&v))
        {
            return None;
        }
    }
    let mut e = after_count;
    // "two more weeks", "an additional year": the added span is the duration; so is
    // "12 straight years", "three consecutive quarters".
    if matches!(
        c.norm(e),
        "more" | "additional" | "extra" | "further" | "straight" | "consecutive" | "successive"
    ) && unit_word(c.norm(e + 1)).is_some()
    {
        e += 1;
    }
    let hyphenated = c.is(e, "-") && c.glued(e);
    if hyphenated {
        e += 1;
    }
    let (unit, plural) = unit_word(c.norm(e))?;
    // "the 30-day period": the article belongs to the noun, not to the adjectival duration.
    if hyphenated && has_the && frame.is_none() {
        return None;
    }
    // "three-quarters", "a quarter of the market": fractions, not periods.
    if unit == Unit::Quarter && (hyphenated || c.is(e + 1, "of")) {
        return None;
    }
    // "one year" / "two-year" / "a year"; "two year" only hyphenated or before a noun.
    let singular_count = matches!(amount, Amount::Exact(d) if d.to_i64() == Some(1));
    if plural == singular_count && !hyphenated && !(singular_count && plural) {
        // "two year deal" is tolerated (adjectival); "a years" is not.
        if plural && singular_count {
            return None;
        }
    }
    if matches!(amount, Amount::Vague) && !plural {
        return None;
    }
    let end = e + 1;
    // "5 1/2 hours" handled by the number parser; "an hour and a half" is rare: skip.
    // "-old" ages are durations too: "three-year-old".
    if c.is(end, "-") && c.is(end + 1, "old") || c.is(end, "old") {
        return None;
    }
    // Bare "a year"/"a day" reads as a rate ("twice a year") unless framed; accept only with a signal or frame.
    if singular_count && !has_the && frame.is_none() && matches!(c.norm(k), "a" | "an") {
        let prev = if i > 0 { c.norm(i - 1) } else { "" };
        if !matches!(
            prev,
            "for"
                | "within"
                | "in"
                | "over"
                | "than"
                | "about"
                | "nearly"
                | "almost"
                | "after"
                | "of"
                | "take"
                | "takes"
                | "took"
                | "spent"
                | "last"
                | "lasted"
                | "least"
                | "only"
                | "just"
                | "barely"
                | "roughly"
                | "around"
        ) {
            return None;
        }
    }
    // "the first nine months", "the nine months", "the past two months"
    let frame = frame.unwrap_or(Frame::Plain);
    if has_the && frame_word == "first" && singular_count {
        return None;
    }
    let frame = match (frame, amount) {
        (Frame::Plain, Amount::Exact(d))
            if has_the
                && unit == Unit::Month
                && d.to_i64().is_some_and(|n| (2..12).contains(&n)) =>
        {
            Frame::YearPart
        }
        (f, _) => f,
    };
    Some((
        end,
        TimeExpr::of(Core::Duration {
            amount,
            unit,
            frame,
        }),
        if has_the {
            "the past|next <count> <unit>s"
        } else {
            "<count> <unit>s"
        },
    ))
}

/// "3 p.m.", "10:30 a.m.", "noon", "midnight", "3 o'clock", optional time zone.
fn clock_time(c: &Cursor, i: usize) -> RuleOut {
    let from = ShiftFrom::DayInFocus;
    match c.norm(i) {
        // "high noon" is a figure of speech.
        "noon" if i > 0 && c.is(i - 1, "high") => return None,
        "noon" | "midday" => {
            return Some((
                i + 1,
                TimeExpr {
                    clock: Some((12, 0)),
                    ..shift(Unit::Day, 0, from)
                },
                "noon",
            ))
        }
        "midnight" => {
            return Some((
                i + 1,
                TimeExpr {
                    clock: Some((0, 0)),
                    ..shift(Unit::Day, 0, from)
                },
                "midnight",
            ))
        }
        _ => {}
    }
    let h_tok = c
        .tok(i)
        .filter(|t| t.is_plain_integer() && t.int_digits <= 2)?;
    let mut h: u32 = h_tok.norm.parse().ok()?;
    let mut m = 0;
    let mut e = i + 1;
    let mut has_minutes = false;
    if c.is(e, ":") && c.glued(e) {
        let mt = c
            .tok(e + 1)
            .filter(|t| t.is_plain_integer() && t.int_digits == 2 && !t.space_before)?;
        m = mt.norm.parse().ok()?;
        e += 2;
        has_minutes = true;
    } else if h_tok.norm.contains('.') {
        return None;
    }
    if h > 23 || m > 59 {
        return None;
    }
    // a.m. / p.m. / am / pm
    let meridiem = match (c.norm(e), c.norm(e + 1), c.norm(e + 2), c.norm(e + 3)) {
        ("a", ".", "m", ".") => Some((false, e + 4)),
        ("p", ".", "m", ".") => Some((true, e + 4)),
        ("a", ".", "m", _) => Some((false, e + 3)),
        ("p", ".", "m", _) => Some((true, e + 3)),
        ("am", _, _, _) => Some((false, e + 1)),
        ("pm", _, _, _) => Some((true, e + 1)),
        _ => None,
    };
    let end = match meridiem {
        Some((pm, end)) => {
            if h == 0 || h > 12 {
                return None;
            }
            if pm && h < 12 {
                h += 12;
            }
            if !pm && h == 12 {
                h = 0;
            }
            end
        }
        None if c.is(e, "o") && matches!(c.norm(e + 1), "'" | "’") && c.is(e + 2, "clock") => {
            e + 3
        }
        // "4 in the morning", "9 in the evening"
        None if (1..=12).contains(&h)
            && c.is(e, "in")
            && c.is(e + 1, "the")
            && matches!(c.norm(e + 2), "morning" | "afternoon" | "evening") =>
        {
            if c.norm(e + 2) != "morning" && h < 12 {
                h += 12;
            }
            if c.norm(e + 2) == "morning" && h == 12 {
                h = 0;
            }
            e + 3
        }
        // "at 15:11", "as of 15:11 GMT": a 24-hour clock after a preposition or before a
        // time zone.
        None if has_minutes
            && (i > 0
                && matches!(
                    c.norm(i - 1),
                    "at" | "by" | "until" | "before" | "after" | "from" | "of" | "since"
                )
                || matches!(c.norm(e), "gmt" | "utc") && c.capitalised(e)) =>
        {
            e
        }
        None => return None,
    };
    let mut end = end;
    let mut utc = false;
    if matches!(
        c.norm(end),
        "est" | "edt" | "gmt" | "utc" | "et" | "pst" | "pdt" | "cst" | "cdt" | "bst" | "cet"
    ) && c.capitalised(end)
    {
        utc = matches!(c.norm(end), "gmt" | "utc");
        end += 1;
    }
    Some((
        end,
        TimeExpr {
            clock: Some((h, m)),
            utc,
            ..shift(Unit::Day, 0, from)
        },
        "<hour>:<minute> <am|pm>",
    ))
}

/// "daily", "weekly", "annually", "every day", "each year".
fn set_rule(c: &Cursor, i: usize) -> RuleOut {
    let set = |u: Unit| TimeExpr::of(Core::Set { unit: u });
    match c.norm(i) {
        "daily" => Some((i + 1, set(Unit::Day), "daily")),
        "hourly" => Some((i + 1, set(Unit::Hour), "hourly")),
        "weekly" => Some((i + 1, set(Unit::Week), "weekly")),
        "monthly" => Some((i + 1, set(Unit::Month), "monthly")),
        "annually" | "yearly" | "annual" if c.norm(i) != "annual" => {
            Some((i + 1, set(Unit::Year), "annually"))
        }
        "every" | "each" if c.weekday(i + 1).is_some() => {
            let (wd, end) = c.weekday(i + 1)?;
            Some((
                end,
                TimeExpr::of(Core::SetOf {
                    weekday: Some(wd),
                    month: None,
                }),
                "every <weekday>",
            ))
        }
        "every" | "each" if c.month(i + 1).is_some() => {
            let (m, end) = c.month(i + 1)?;
            Some((
                end,
                TimeExpr::of(Core::SetOf {
                    weekday: None,
                    month: Some(m),
                }),
                "every <month>",
            ))
        }
        "every" | "each" => {
            let (unit, plural) = unit_word(c.norm(i + 1))?;
            if plural {
                return None;
            }
            Some((i + 2, set(unit), "every <unit>"))
        }
        _ => None,
    }
}

/// A bare weekday: "Monday", "on Friday"; "Monday, May 16" is handled by the month rule.
fn weekday_rule(c: &Cursor, i: usize) -> RuleOut {
    let (wd, end) = c.weekday(i)?;
    Some((
        end,
        TimeExpr::of(Core::Weekday {
            weekday: wd,
            shift: None,
        }),
        "<weekday>",
    ))
}

/// "Thanksgiving", "Christmas Day", "New Year's Eve", "Election Day", "Easter", "July 4th" is a date.
fn holiday_rule(c: &Cursor, i: usize) -> RuleOut {
    let possessive = |k: usize| matches!(c.norm(k), "'" | "’") && c.is(k + 1, "s");
    if !c.capitalised(i) {
        return None;
    }
    let (holiday, mut end) = match (c.norm(i), c.norm(i + 1)) {
        ("new", "year") if possessive(i + 2) => match c.norm(i + 4) {
            "eve" => (Holiday::NewYearsEve, i + 5),
            "day" => (Holiday::NewYearsDay, i + 5),
            _ => return None,
        },
        ("christmas", "eve") => (Holiday::ChristmasEve, i + 2),
        ("christmas", "day") => (Holiday::Christmas, i + 2),
        ("christmas", _) => (Holiday::Christmas, i + 1),
        ("independence", "day") => (Holiday::IndependenceDay, i + 2),
        ("thanksgiving", "day") => (Holiday::Thanksgiving, i + 2),
        ("thanksgiving", _) => (Holiday::Thanksgiving, i + 1),
        ("labor" | "labour", "day") => (Holiday::LaborDay, i + 2),
        ("memorial", "day") => (Holiday::MemorialDay, i + 2),
        ("election", "day") => (Holiday::ElectionDay, i + 2),
        ("easter", "sunday") => (Holiday::Easter, i + 2),
        ("easter", _) => (Holiday::Easter, i + 1),
        ("valentine", _) if possessive(i + 1) && c.is(i + 3, "day") => {
            (Holiday::ValentinesDay, i + 4)
        }
        ("halloween", _) => (Holiday::Halloween, i + 1),
        _ => return None,
    };
    let mut year = YearSpec::Guess;
    let k = if c.is(end, ",") { end + 1 } else { end };
    if let Some((y, e)) = c.year(k) {
        year = YearSpec::Written(y);
        end = e;
    }
    Some((
        end,
        TimeExpr::of(Core::Holiday { holiday, year }),
        "<holiday>",
    ))
}

/// "year-end", "year-to-date", "the year to date", "the end of the year" handled by modifiers.
fn business_rule(c: &Cursor, i: usize) -> RuleOut {
    let w = c.norm(i);
    if w == "year" && c.is(i + 1, "-") && c.glued(i + 1) {
        match (c.norm(i + 2), c.norm(i + 3), c.norm(i + 4)) {
            ("end", _, _) => {
                return Some((
                    i + 3,
                    TimeExpr {
                        modifier: Some(TimexMod::End),
                        ..shift(Unit::Year, 0, ShiftFrom::Reference)
                    },
                    "year-end",
                ))
            }
            ("to", "-", "date") => {
                return Some((
                    i + 5,
                    TimeExpr::of(Core::ToDate { unit: Unit::Year }),
                    "year-to-date",
                ))
            }
            ("earlier" | "ago", _, _) => {
                return Some((
                    i + 3,
                    shift(Unit::Year, -1, ShiftFrom::CurrentPeriod),
                    "year-earlier",
                ))
            }
            _ => {}
        }
    }
    if w == "year"
        && (c.is(i + 1, "end")
            || matches!(c.norm(i + 1), "'" | "’") && c.is(i + 2, "s") && c.is(i + 3, "end"))
    {
        let end = if c.is(i + 1, "end") { i + 2 } else { i + 4 };
        return Some((
            end,
            TimeExpr {
                modifier: Some(TimexMod::End),
                ..shift(Unit::Year, 0, ShiftFrom::Reference)
            },
            "year end",
        ));
    }
    if w == "the" && c.is(i + 1, "year") && c.is(i + 2, "to") && c.is(i + 3, "date") {
        return Some((
            i + 4,
            TimeExpr::of(Core::ToDate { unit: Unit::Year }),
            "the year to date",
        ));
    }
    // "the year-ago quarter", "the comparable year-earlier third quarter", "the year-ago nine months",
    // "the same period last year", "the corresponding quarter a year ago".
    if w == "the" {
        let mut k = i + 1;
        if matches!(c.norm(k), "comparable" | "corresponding" | "same" | "prior") {
            k += 1;
        }
        if c.is(k, "year") && c.is(k + 1, "-") && matches!(c.norm(k + 2), "ago" | "earlier") {
            let mut e = k + 3;
            if ordinal_word(c.norm(e)).is_some() {
                e += 1;
                if c.is(e, "-") {
                    e += 1;
                }
            } else if parse_number(c.t, e, ScaleAbbrev::Plain)
                .is_some_and(|n| !n.ordinal && !n.scaled)
                && matches!(c.norm(e + 1), "months" | "weeks")
            {
                e += 1;
            }
            if matches!(
                c.norm(e),
                "quarter"
                    | "period"
                    | "half"
                    | "months"
                    | "month"
                    | "weeks"
                    | "year"
                    | "level"
                    | "levels"
                    | "results"
            ) {
                return Some((
                    e + 1,
                    shift(Unit::Year, -1, ShiftFrom::CurrentPeriod),
                    "the year-ago <period>",
                ));
            }
        }
        if k > i + 1 && matches!(c.norm(k), "period" | "quarter" | "half" | "month" | "week") {
            let e = k + 1;
            let of = usize::from(c.is(e, "of"));
            let the = usize::from(c.is(e + of, "the"));
            let tail = e + of + the;
            let year_back = match (c.norm(tail), c.norm(tail + 1), c.norm(tail + 2)) {
                ("last" | "previous" | "prior", "year", _) => Some(tail + 2),
                ("a", "year", "ago" | "earlier" | "before") => Some(tail + 3),
                _ => None,
            };
            if let Some(end) = year_back {
                return Some((
                    end,
                    shift(Unit::Year, -1, ShiftFrom::CurrentPeriod),
                    "the same period last year",
                ));
            }
        }
        // "the 1988 quarter", "the 1989 period": the period in focus, in that year.
        if let Some((y, e)) = c.year(i + 1) {
            if matches!(c.norm(e), "quarter" | "period" | "half") {
                return Some((
                    e + 1,
                    TimeExpr::of(Core::PeriodInYear { year: y }),
                    "the <year> period",
                ));
            }
        }
    }
    if w == "ytd" {
        return Some((
            i + 1,
            TimeExpr::of(Core::ToDate { unit: Unit::Year }),
            "YTD",
        ));
    }
    let _ = is_word_token(c.tok(i));
    None
}
