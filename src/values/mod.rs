//! Values: time, money, percent, numbers/ordinals and quantities found in article text and
//! normalised, Duckling-style. Owns the value types, the per-dimension rules (`time`,
//! `money`, `percent`, `quantity`, `number`), the one overlap policy, and resolution of time
//! against the article's reference time (`resolve`, the only code that reads it).
//! Depends only on `crate::span`; never reads a clock.
//!
//! Flow: [`extract`] tokenises each sentence with the value lexer, runs every dimension's
//! rules at each token and keeps one match per position (see [`OVERLAP_POLICY`]), producing
//! unresolved data; then a [`resolve::Resolver`] walks the time expressions in document
//! order and resolves them against the [`Reference`].
//!
//! Corpora of examples with expected values live in `corpus/*.txt` and are all run by one
//! harness (`corpus_tests`); context-dependent behaviour (tense, "a year earlier", `¥`) is
//! in `context_tests`. The evaluation against TempEval-3 and MEANTIME is in `eval`
//! (`newsfacts eval values --worst 15`; `eval::timeml_details` lists every wrong, missed
//! or spurious TimeML expression with its sentence), the throughput figure from
//! `cargo bench --bench pipeline` (the `values` row).
//!
//! Rule names are their surface patterns (`"<currency> <amount>"`, `"the <ordinal> quarter
//! of <year>"`), reported in [`Value::rule`] so a trace reads like English. No dependency:
//! calendar arithmetic (`calendar`) and exact decimals (`decimal`) are small local modules.

pub mod calendar;
pub mod decimal;
pub mod eval;
pub mod lexer;
pub mod money;
pub mod number;
pub mod percent;
pub mod quantity;
pub mod resolve;
pub mod time;

#[cfg(test)]
mod context_tests;
#[cfg(test)]
mod corpus_tests;

use crate::span::Span;

pub use money::Money;
pub use percent::{Percent, PercentUnit};
pub use quantity::{Counted, NumberValue, Quantity};
pub use time::{Anchoring, DurationRange, Grain, Interval, Signal, TimeValue, TimexMod, TimexType};

use lexer::Token;
use money::YenContext;
use resolve::{Cue, Resolver, Tense};

/// How overlapping candidates are settled, in one place:
///
/// 1. Leftmost first: the scan moves left to right over each sentence's tokens; at each
///    position every dimension proposes its longest match.
/// 2. Longest span wins among candidates starting at the same token.
/// 3. On equal length, dimension priority: money > percent > time > quantity > number.
/// 4. The winner's tokens are consumed, so a value embedded in a larger one (the number in
///    "$5 million", the year in "May 16, 2024") is never reported twice.
/// 5. A quantity's counted noun ("local companies") is reported inside the quantity, not
///    consumed, and is not part of the value's span.
pub const OVERLAP_POLICY: &str =
    "leftmost, then longest span, then money > percent > time > quantity > number";

/// The article's reference time: the LOCAL date (and time) in the article's time zone.
/// May be partial (month and day without a year) or entirely unknown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reference {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub hour: Option<u32>,
    pub minute: Option<u32>,
}

/// The dimension a value belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dimension {
    Time,
    Money,
    Percent,
    Number,
    Quantity,
}

impl Dimension {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Time => "time",
            Dimension::Money => "money",
            Dimension::Percent => "percent",
            Dimension::Number => "number",
            Dimension::Quantity => "quantity",
        }
    }
}

/// Bound or approximation written before an amount ("about", "more than", "up to").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modifier {
    Approx,
    MoreThan,
    LessThan,
    AtLeast,
    AtMost,
    UpTo,
    Nearly,
    Exactly,
}

impl Modifier {
    /// snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Modifier::Approx => "approx",
            Modifier::MoreThan => "more_than",
            Modifier::LessThan => "less_than",
            Modifier::AtLeast => "at_least",
            Modifier::AtMost => "at_most",
            Modifier::UpTo => "up_to",
            Modifier::Nearly => "nearly",
            Modifier::Exactly => "exactly",
        }
    }
}

/// The normalised content of a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueData {
    Time(TimeValue),
    Money(Money),
    Percent(Percent),
    Number(NumberValue),
    Quantity(Quantity),
}

/// One value found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value {
    /// Byte span in the clean text (modifier included, governing preposition excluded).
    pub span: Span,
    pub dim: Dimension,
    /// The rule that matched, named by its pattern ("<number> <scale> <currency-word>").
    pub rule: &'static str,
    pub data: ValueData,
}

impl Value {
    /// A one-line canonical rendering used by the corpus harness and debugging:
    /// `time DATE 2024-05-16`, `money 54700000000 USD mod=more_than`, `quantity 5000 local companies`.
    pub fn summary(&self) -> String {
        let m = |m: &Option<Modifier>| {
            m.map(|m| format!(" mod={}", m.as_str()))
                .unwrap_or_default()
        };
        let up = |u: &Option<String>| {
            u.as_ref()
                .map(|u| format!(" upper={u}"))
                .unwrap_or_default()
        };
        match &self.data {
            ValueData::Time(t) => {
                let mut s = format!("time {} {}", t.timex_type.as_str(), t.value);
                if let Some(md) = t.modifier {
                    s.push_str(&format!(" mod={}", md.as_str()));
                }
                if let Some(r) = &t.range {
                    s.push_str(&format!(" range={}..{}", r.min, r.max));
                }
                s
            }
            ValueData::Money(x) => format!(
                "money {} {}{}{}",
                x.amount,
                x.currency.as_deref().unwrap_or("XXX"),
                m(&x.modifier),
                up(&x.upper)
            ),
            ValueData::Percent(p) => {
                let unit = match p.unit {
                    PercentUnit::Percent => "",
                    PercentUnit::PercentagePoints => " points",
                    PercentUnit::BasisPoints => " bp",
                };
                format!(
                    "percent {}{unit}{}{}",
                    p.value,
                    m(&p.modifier),
                    up(&p.upper)
                )
            }
            ValueData::Number(n) => format!(
                "number {}{}{}",
                n.value,
                if n.ordinal { " ordinal" } else { "" },
                m(&n.modifier)
            ),
            ValueData::Quantity(q) => {
                let what = q
                    .unit
                    .map(str::to_string)
                    .or_else(|| q.counted.as_ref().map(|c| c.text.clone()))
                    .unwrap_or_else(|| "-".to_string());
                format!(
                    "quantity {} {}{}{}",
                    q.value,
                    what,
                    m(&q.modifier),
                    up(&q.upper)
                )
            }
        }
    }
}

/// Shared modifier rule for amounts: returns the token after the modifier.
pub(crate) fn parse_modifier(tokens: &[Token], i: usize) -> Option<(usize, Modifier)> {
    let w = |k: usize| tokens.get(k).map_or("", |t| t.norm.as_str());
    let (end, m) = match (w(i), w(i + 1), w(i + 2)) {
        ("more" | "greater" | "higher", "than", _) => (i + 2, Modifier::MoreThan),
        ("in", "excess", "of") => (i + 3, Modifier::MoreThan),
        ("upwards", "of", _) => (i + 2, Modifier::MoreThan),
        ("just", "over" | "above", _) => (i + 2, Modifier::MoreThan),
        ("over" | "above" | "exceeding", _, _) => (i + 1, Modifier::MoreThan),
        ("less" | "fewer" | "lower", "than", _) => (i + 2, Modifier::LessThan),
        ("just", "under" | "below", _) => (i + 2, Modifier::Nearly),
        ("under" | "below", _, _) => (i + 1, Modifier::LessThan),
        ("at", "least", _) => (i + 2, Modifier::AtLeast),
        ("no" | "not", "less" | "fewer", "than") => (i + 3, Modifier::AtLeast),
        ("at", "most", _) => (i + 2, Modifier::AtMost),
        ("no" | "not", "more", "than") => (i + 3, Modifier::AtMost),
        ("up", "to", _) => (i + 2, Modifier::UpTo),
        ("as", "much" | "many" | "high", "as") => (i + 3, Modifier::UpTo),
        (
            "about" | "around" | "approximately" | "roughly" | "some" | "circa" | "approx"
            | "estimated",
            _,
            _,
        ) => (i + 1, Modifier::Approx),
        ("an", "estimated", _) => (i + 2, Modifier::Approx),
        ("nearly" | "almost", _, _) => (i + 1, Modifier::Nearly),
        ("close", "to", _) => (i + 2, Modifier::Nearly),
        ("exactly" | "all", _, _) => (i + 1, Modifier::Exactly),
        _ => return None,
    };
    // The modifier must be followed by something numeric.
    let next = tokens.get(end)?;
    let numeric = next.is_number()
        || next.kind == lexer::TokenKind::Symbol
            && matches!(next.norm.as_str(), "$" | "€" | "£" | "¥" | "₹" | "₩" | "#")
        || next.is_word()
            && (number::small_number_word(&next.norm).is_some()
                || money::currency_code_word(&next.norm).is_some() && next.capitalised
                || matches!(
                    next.norm.as_str(),
                    "a" | "half" | "between" | "us" | "hk" | "dozen"
                ));
    if !numeric {
        return None;
    }
    // "effects over 2000 - 2050": a span of years, not a bound on a number.
    let year_like = |t: Option<&Token>| {
        t.is_some_and(|t| {
            t.is_plain_integer()
                && t.int_digits == 4
                && t.norm
                    .parse::<u32>()
                    .is_ok_and(|y| (1800..=2199).contains(&y))
        })
    };
    if end == i + 1
        && year_like(Some(next))
        && matches!(w(end + 1), "-" | "–" | "to")
        && year_like(tokens.get(end + 2))
    {
        return None;
    }
    // "investment over five years", "just over 24 hours ago": before a count of time units
    // "over" is the preposition of a duration, which the time rules read without it.
    if matches!(
        w(end - 1),
        "over" | "under" | "above" | "below" | "exceeding"
    ) && (next.is_number() || number::small_number_word(&next.norm).is_some())
        && time::unit_word(w(end + 1)).is_some_and(|(_, plural)| plural)
    {
        return None;
    }
    if m == Modifier::Exactly
        && w(i) == "all"
        && !next.is_number()
        && number::small_number_word(&next.norm).is_none()
    {
        return None;
    }
    Some((end, m))
}

/// A value before time resolution.
enum Pending {
    Ready(ValueData),
    Time(time::TimeExpr, Cue, usize),
}

/// Finds and normalises all values in the given sentences of `text`.
///
/// `sentences` are byte spans of body sentences in `text`; values never cross them.
/// Results are sorted by span start, then span end, then dimension.
pub fn extract(text: &str, sentences: &[Span], reference: &Reference) -> Vec<Value> {
    let yen = yen_context(text);
    let mut pending: Vec<(Span, Dimension, &'static str, Pending)> = Vec::new();
    let mut ordered: Vec<Span> = sentences.to_vec();
    ordered.sort();
    for (index, sentence) in ordered.into_iter().enumerate() {
        let tokens = lexer::tokenize(text, sentence);
        parse_sentence(text, &tokens, yen, index, &mut pending);
    }
    // Resolution: document order, one resolver carrying the last-mentioned time.
    let mut resolver = Resolver::new(reference);
    let mut out: Vec<Value> = pending
        .into_iter()
        .map(|(span, dim, rule, p)| {
            let data = match p {
                Pending::Ready(d) => d,
                Pending::Time(expr, cue, sentence) => {
                    ValueData::Time(resolver.resolve(&expr, cue, sentence))
                }
            };
            Value {
                span,
                dim,
                rule,
                data,
            }
        })
        .collect();
    out.sort_by_key(|a| (a.span.start, a.span.end, a.dim));
    out.dedup_by(|a, b| a.span == b.span && a.dim == b.dim);
    out
}

fn span_of(tokens: &[Token], start: usize, end: usize) -> Option<Span> {
    let first = tokens.get(start)?;
    let last = tokens.get(end.checked_sub(1)?)?;
    Some(first.span.cover(last.span))
}

fn parse_sentence(
    text: &str,
    tokens: &[Token],
    yen: YenContext,
    sentence: usize,
    out: &mut Vec<(Span, Dimension, &'static str, Pending)>,
) {
    let mut i = 0;
    while i < tokens.len() {
        if !tokens.get(i).is_some_and(may_start_value) {
            i += 1;
            continue;
        }
        // Candidates in priority order; a later one must be strictly longer to win.
        let mut best: Option<(usize, Dimension, &'static str, Pending)> = None;
        let mut offer = |end: usize, dim: Dimension, rule: &'static str, p: Pending| {
            if end > i && best.as_ref().is_none_or(|b| end > b.0) {
                best = Some((end, dim, rule, p));
            }
        };
        if let Some(m) = money::parse_money(tokens, i, yen) {
            offer(
                m.end,
                Dimension::Money,
                m.rule,
                Pending::Ready(ValueData::Money(m.money)),
            );
        }
        if let Some(m) = percent::parse_percent(tokens, i) {
            offer(
                m.end,
                Dimension::Percent,
                m.rule,
                Pending::Ready(ValueData::Percent(m.percent)),
            );
        }
        if let Some(m) = time::parse_time(tokens, i) {
            let tense = if matches!(m.expr.core, time::Core::Weekday { shift: None, .. }) {
                weekday_tense(tokens, m.start, m.end)
            } else if matches!(m.expr.core, time::Core::Month { shift: 0, .. })
                && tokens
                    .get(m.end)
                    .is_some_and(|t| reported_period_noun(&t.norm))
            {
                // "the November jobs report": figures describe a month that has (mostly)
                // passed, whatever the verb; a close month still wins.
                Cue {
                    tense: Tense::Past,
                    firm: false,
                }
            } else {
                tense_around(tokens, m.start, m.end)
            };
            offer(
                m.end,
                Dimension::Time,
                m.rule,
                Pending::Time(m.expr, tense, sentence),
            );
        }
        if let Some(m) = quantity::parse_quantity(tokens, i) {
            match m.data {
                quantity::QuantityOrNumber::Quantity(mut q) => {
                    if let Some(c) = q.counted.as_mut() {
                        c.text = c.span.slice(text).to_string();
                    }
                    offer(
                        m.end,
                        Dimension::Quantity,
                        m.rule,
                        Pending::Ready(ValueData::Quantity(q)),
                    );
                }
                quantity::QuantityOrNumber::Number(n) => offer(
                    m.end,
                    Dimension::Number,
                    m.rule,
                    Pending::Ready(ValueData::Number(n)),
                ),
            }
        }
        match best {
            Some((end, dim, rule, p)) => {
                if let Some(span) = span_of(tokens, i, end) {
                    out.push((span, dim, rule, p));
                }
                i = end;
            }
            None => i += 1,
        }
    }
}

/// A cheap filter: can any rule start at this token? Most prose words cannot, and skipping
/// them keeps the scan fast. Every rule's first token must be accepted here (the corpus
/// tests catch an omission).
fn may_start_value(t: &Token) -> bool {
    match t.kind {
        lexer::TokenKind::Number => true,
        lexer::TokenKind::Symbol => matches!(
            t.norm.as_str(),
            "$" | "€"
                | "£"
                | "¥"
                | "￥"
                | "₹"
                | "₩"
                | "₽"
                | "₣"
                | "₺"
                | "#"
                | "'"
                | "’"
                | "-"
                | "+"
                | "−"
        ),
        lexer::TokenKind::Word => {
            t.has_upper
                || number::small_number_word(&t.norm).is_some()
                || number::ordinal_word(&t.norm).is_some()
                || matches!(
                    t.norm.as_str(),
                    "the"
                        | "a"
                        | "an"
                        | "this"
                        | "last"
                        | "next"
                        | "past"
                        | "previous"
                        | "preceding"
                        | "coming"
                        | "following"
                        | "upcoming"
                        | "same"
                        | "that"
                        | "these"
                        | "current"
                        | "currently"
                        | "now"
                        | "nowadays"
                        | "recently"
                        | "lately"
                        | "recent"
                        | "soon"
                        | "at"
                        | "today"
                        | "tonight"
                        | "tomorrow"
                        | "yesterday"
                        | "early"
                        | "late"
                        | "mid"
                        | "end"
                        | "earlier"
                        | "later"
                        | "more"
                        | "longer"
                        | "less"
                        | "fewer"
                        | "shorter"
                        | "greater"
                        | "higher"
                        | "lower"
                        | "up"
                        | "no"
                        | "not"
                        | "about"
                        | "around"
                        | "approximately"
                        | "roughly"
                        | "some"
                        | "nearly"
                        | "almost"
                        | "several"
                        | "few"
                        | "many"
                        | "numerous"
                        | "fiscal"
                        | "year"
                        | "ytd"
                        | "daily"
                        | "weekly"
                        | "monthly"
                        | "annually"
                        | "yearly"
                        | "every"
                        | "each"
                        | "noon"
                        | "midday"
                        | "midafternoon"
                        | "midmorning"
                        | "midnight"
                        | "spring"
                        | "summer"
                        | "fall"
                        | "autumn"
                        | "winter"
                        | "twenties"
                        | "thirties"
                        | "forties"
                        | "fifties"
                        | "sixties"
                        | "seventies"
                        | "eighties"
                        | "nineties"
                        | "in"
                        | "upwards"
                        | "just"
                        | "over"
                        | "above"
                        | "exceeding"
                        | "under"
                        | "below"
                        | "as"
                        | "exactly"
                        | "all"
                        | "close"
                        | "between"
                        | "dozen"
                        | "dozens"
                        | "half"
                        | "hundreds"
                        | "tens"
                        | "thousands"
                        | "millions"
                        | "billions"
                        | "circa"
                        | "approx"
                        | "estimated"
                        | "years"
                        | "months"
                        | "weeks"
                        | "days"
                        | "hours"
                        | "minutes"
                        | "decades"
                        | "centuries"
                        | "full"
                        | "whole"
                        | "entire"
                        | "first"
                        | "may"
                        | "march"
                        | "u"
                        | "right"
                        | "hourly"
                        | "couple"
                )
        }
    }
}

/// How many tokens either side of a time expression are searched for tense markers.
const TENSE_WINDOW: usize = 25;

/// Within this many tokens a bare "-ed" tense marker weighs as much as any other.
const WEAK_MARKER_NEAR: usize = 3;

/// Extra distance given to a bare "-ed" marker farther away than [`WEAK_MARKER_NEAR`].
const WEAK_MARKER_PENALTY: usize = 6;

/// Verbs that look ahead when an infinitive follows ("agreed to buy", "plans to open",
/// "is set to resume"): the time of the infinitive's event lies after the verb's.
fn looks_ahead_verb(w: &str) -> bool {
    matches!(
        w,
        "agreed"
            | "agree"
            | "agrees"
            | "plan"
            | "plans"
            | "planned"
            | "planning"
            | "hope"
            | "hopes"
            | "hoped"
            | "expect"
            | "expects"
            | "expected"
            | "set"
            | "scheduled"
            | "slated"
            | "supposed"
            | "intend"
            | "intends"
            | "intended"
            | "aim"
            | "aims"
            | "aimed"
            | "going"
            | "want"
            | "wants"
            | "wanted"
            | "decided"
            | "decide"
            | "promised"
            | "promise"
            | "pledged"
            | "vowed"
            | "threatened"
            | "prepared"
            | "ready"
            | "poised"
            | "likely"
            | "about"
            | "seeks"
            | "seeking"
            | "sought"
            | "proposed"
            | "offered"
            | "asked"
            | "urged"
    )
}

/// The tense a word marks, given its neighbours: future for modals, look-ahead verbs before
/// "to" or "for", "as soon as"/"as early as"; past for past auxiliaries, "said", irregular
/// past forms and "-ed" verbs that are not passive participles ("will be named").
fn tense_marker(tokens: &[Token], k: usize) -> Option<Tense> {
    let t = tokens.get(k)?;
    if !t.is_word() {
        return None;
    }
    let norm = |j: usize| tokens.get(j).map_or("", |t| t.norm.as_str());
    let prev = k.checked_sub(1).map_or("", norm);
    let next = norm(k + 1);
    let w = t.norm.as_str();
    if looks_ahead_verb(w)
        && (next == "to" || (next == "for" && matches!(w, "set" | "scheduled" | "slated")))
    {
        return Some(Tense::Future);
    }
    match w {
        "will" | "shall" | "upcoming" | "tomorrow" | "next" | "scheduled" | "expects"
        | "expected" | "plans" | "planned" | "due" | "likely" | "would" | "might" | "ahead" => {
            Some(Tense::Future)
        }
        // "since the Oct. 23 slaying" looks back.
        "since" => Some(Tense::Past),
        // Lowercase "may" is the modal; the month is capitalised.
        "may" if !t.capitalised => Some(Tense::Future),
        "ll" if matches!(prev, "'" | "’") => Some(Tense::Future),
        // "is to resume trading Tuesday".
        "to" if matches!(prev, "is" | "are") && tokens.get(k + 1).is_some_and(|n| n.is_word()) => {
            Some(Tense::Future)
        }
        "as" if matches!(prev, "soon" | "early") && k >= 2 && norm(k - 2) == "as" => {
            Some(Tense::Future)
        }
        "was" | "were" | "had" | "did" | "said" | "ago" | "last" | "yesterday" | "earlier"
        | "previously" | "told" | "rose" | "fell" | "grew" | "made" | "took" | "came" | "went"
        | "saw" | "began" | "won" | "lost" | "sold" | "paid" | "left" | "held" | "met" | "gave"
        | "got" | "became" | "knew" | "thought" | "brought" | "bought" | "spent" | "found"
        | "hit" | "set" | "cut" => {
            // "will be paid", "is set": a participle after a present form of "be" is passive.
            if matches!(prev, "be" | "been" | "being" | "is" | "are" | "am")
                && !matches!(w, "was" | "were" | "had" | "did" | "said" | "ago" | "last")
            {
                None
            } else {
                Some(Tense::Past)
            }
        }
        _ if w.len() > 4
            && w.ends_with("ed")
            && !matches!(
                w,
                "need"
                    | "speed"
                    | "indeed"
                    | "proceed"
                    | "exceed"
                    | "succeed"
                    | "breed"
                    | "greed"
                    | "seed"
                    | "feed"
                    | "weed"
                    | "based"
                    | "listed"
                    | "limited"
                    | "united"
                    | "related"
                    | "owned"
                    | "estimated"
                    | "red"
                    | "bed"
            ) =>
        {
            // A participle after a present or bare form of "be" is passive, not past; after
            // a determiner it is an adjective ("a still unspecified date").
            let before_prev = k.checked_sub(2).map_or("", norm);
            if matches!(prev, "be" | "been" | "being" | "is" | "are" | "am")
                || determiner(prev)
                || (prev.ends_with("ly") || matches!(prev, "still" | "yet" | "newly"))
                    && determiner(before_prev)
            {
                None
            } else {
                Some(Tense::Past)
            }
        }
        _ => None,
    }
}

/// Beyond this distance (in tokens) a weak tense marker (a bare "-ed" form, a reporting
/// verb) only leans, as does any marker across a clause boundary: a bare month close to the
/// reference then takes the nearest occurrence.
const FIRM_MARKER_DISTANCE: usize = 10;

/// Extra distance for each clause boundary (comma, semicolon, colon, dash, parenthesis,
/// quote) between a marker and the expression: the marker likely governs another clause.
const CLAUSE_PENALTY: usize = 4;

/// Reporting verbs date the report, not what is reported ("said Saudi Arabia told
/// companies of a cutback in September"); beyond the next few words they weigh less.
fn reporting_verb(w: &str) -> bool {
    matches!(
        w,
        "said" | "told" | "added" | "reported" | "announced" | "stated" | "noted" | "according"
    )
}

/// Whether `tokens[k]` separates clauses.
fn clause_boundary(tokens: &[Token], k: usize) -> bool {
    tokens.get(k).is_some_and(|t| {
        t.kind == lexer::TokenKind::Symbol
            && matches!(
                t.norm.as_str(),
                "," | ";" | ":" | "(" | ")" | "\"" | "`" | "'" | "“" | "”" | "—" | "–"
            )
    })
}

/// Words before a time expression that open a sentence as a fronted adverbial
/// ("In January, a bombing killed a guard"): prepositions and period modifiers only.
fn fronting_word(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "by"
            | "during"
            | "since"
            | "until"
            | "till"
            | "through"
            | "from"
            | "early"
            | "late"
            | "mid"
            | "-"
            | "and"
            | "but"
            | "\""
            | "`"
            | "“"
    )
}

/// Nouns for figures that report on a period ("the October jobs report", "March sales").
fn reported_period_noun(w: &str) -> bool {
    matches!(
        w,
        "jobs"
            | "report"
            | "reports"
            | "data"
            | "figures"
            | "numbers"
            | "statistics"
            | "results"
            | "sales"
            | "survey"
            | "payrolls"
            | "payroll"
            | "reading"
            | "inflation"
            | "unemployment"
            | "employment"
            | "retail"
            | "trade"
            | "exports"
            | "imports"
            | "output"
            | "production"
    )
}

/// Words that open a noun phrase: an "-ed" form right after one is an adjective.
fn determiner(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "this"
            | "that"
            | "these"
            | "those"
            | "no"
    )
}

/// The tense governing tokens `[start, end)`: the nearest tense marker in the sentence
/// (see [`tense_marker`]), weighed by distance and clause boundaries, else present. A
/// fronted time ("In January, ...") takes the first marker of the clause it opens.
fn tense_around(tokens: &[Token], start: usize, end: usize) -> Cue {
    // "until mid-November": the end of a period still running ("through" is not: "this
    // year through August" looks back).
    let before = start.checked_sub(1).and_then(|k| tokens.get(k));
    if before.is_some_and(|t| matches!(t.norm.as_str(), "until" | "till")) {
        return Cue::firm(Tense::Future);
    }
    let norm = |j: usize| tokens.get(j).map_or("", |t| t.norm.as_str());
    let fronted = start < 4 && (0..start).all(|k| fronting_word(norm(k))) && norm(end) == ",";
    if fronted {
        let hi = end.saturating_add(2 * TENSE_WINDOW).min(tokens.len());
        if let Some(tense) = (end..hi).find_map(|k| tense_marker(tokens, k)) {
            return Cue::firm(tense);
        }
    }
    let mut best: Option<(usize, Tense, bool)> = None;
    // A bounded window keeps the scan linear on pathological one-sentence inputs.
    let lo = start.saturating_sub(TENSE_WINDOW);
    let hi = end.saturating_add(TENSE_WINDOW).min(tokens.len());
    for k in lo..hi {
        if (start..end).contains(&k) {
            continue;
        }
        if let Some(tense) = tense_marker(tokens, k) {
            let dist = if k < start { start - k } else { k + 1 - end };
            // A bare "-ed" form is often a participle ("new markets untouched by"), a weaker
            // cue than an auxiliary or modal: beyond the next few words it counts as farther.
            let raw = dist;
            let w = norm(k);
            let weak = (w.ends_with("ed")
                && !matches!(
                    w,
                    "expected" | "planned" | "scheduled" | "slated" | "supposed"
                )
                && !looks_ahead_verb(w))
                || reporting_verb(w);
            let dist = if weak && dist > WEAK_MARKER_NEAR {
                dist + WEAK_MARKER_PENALTY
            } else {
                dist
            };
            // An infinitive between a marker and the expression opens a clause of its own
            // ("placed orders to start the first trading day for November"), unless the
            // marker is the verb that governs it ("agreed to buy").
            let between = if k < start { k + 1..start } else { end..k };
            let boundaries = between
                .filter(|&j| clause_boundary(tokens, j) || (j > k + 1 && infinitive(tokens, j)))
                .count();
            let dist = dist + CLAUSE_PENALTY * boundaries;
            let firm = boundaries == 0 && (!weak || raw <= FIRM_MARKER_DISTANCE);
            // Markers right after the expression weigh the same as before it.
            if best.is_none_or(|(d, _, _)| dist < d) {
                best = Some((dist, tense, firm));
            }
        }
    }
    match best {
        Some((_, tense, firm)) => Cue { tense, firm },
        None => Cue::firm(Tense::Present),
    }
}

/// Whether `tokens[k]` is the "to" of an infinitive: "to" before a lowercase word that is
/// not a determiner, pronoun, number or plural noun ("to start", not "to a calendar year"
/// or "to holders").
fn infinitive(tokens: &[Token], k: usize) -> bool {
    if !tokens.get(k).is_some_and(|t| t.is("to")) {
        return false;
    }
    let Some(next) = tokens.get(k + 1).filter(|t| t.is_word() && !t.has_upper) else {
        return false;
    };
    let w = next.norm.as_str();
    let plural = w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us");
    !plural
        && number::small_number_word(w).is_none()
        && !matches!(
            w,
            "the"
                | "a"
                | "an"
                | "this"
                | "that"
                | "these"
                | "those"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "my"
                | "your"
                | "him"
                | "them"
                | "me"
                | "us"
                | "it"
                | "some"
                | "any"
                | "all"
                | "each"
                | "every"
                | "no"
                | "date"
                | "about"
                | "around"
                | "more"
                | "less"
                | "record"
                | "levels"
                | "mid"
                | "early"
                | "late"
        )
}

/// The tense of a bare weekday, firm when a marker decided it, leaning past by default.
/// Bare weekdays in news are overwhelmingly past ("said Friday"); a future marker shortly
/// before the weekday, with no past marker in between, makes it the coming one, unless a
/// past perfect frames it ("had been due to expire Friday"). A weekday that opens its
/// sentence ("On Tuesday, the league plans to...") takes the tense of the verb after it;
/// "until" defers to the verb and leans to the future without one.
fn weekday_tense(tokens: &[Token], start: usize, end: usize) -> Cue {
    let norm = |j: usize| tokens.get(j).map_or("", |t| t.norm.as_str());
    // "Wednesday's ruling", "Sunday's vote": a weekday that owns an event names one that has
    // happened, whatever the sentence's verbs say about what comes next.
    if matches!(norm(end), "'" | "’") && norm(end + 1) == "s" {
        return Cue::firm(Tense::Past);
    }
    let mut until = false;
    // Only prepositions and commas before the weekday in its sentence.
    let opens_sentence = (0..start).rev().take(4).all(|k| {
        matches!(
            norm(k),
            "," | "on" | "late" | "early" | "by" | "from" | "up" | "until" | "till" | "." | ";"
        )
    }) && (0..start)
        .rev()
        .take_while(|&k| !matches!(norm(k), "." | ";"))
        .count()
        < 4;
    for k in (start.saturating_sub(8)..start).rev() {
        match norm(k) {
            // "Until Thursday, they had not...": the verb after decides.
            "until" | "till" if opens_sentence => {
                until = true;
                continue;
            }
            "until" | "till" | "ahead" => return Cue::firm(Tense::Future),
            "." | ";" => break,
            _ => {}
        }
        match tense_marker(tokens, k) {
            // "last" and "earlier" mark the past of other expressions, not of a weekday.
            Some(Tense::Past) if matches!(norm(k), "last" | "earlier") => {}
            Some(Tense::Future)
                if (1..=2).any(|b| k.checked_sub(b).is_some_and(|j| norm(j) == "had")) =>
            {
                return Cue::firm(Tense::Past)
            }
            Some(tense) => return Cue::firm(tense),
            None => {}
        }
    }
    if opens_sentence || until {
        for k in end..end.saturating_add(12).min(tokens.len()) {
            if matches!(norm(k), "." | ";") {
                break;
            }
            match tense_marker(tokens, k) {
                Some(Tense::Past) if matches!(norm(k), "last" | "earlier") => {}
                // "On Friday, the government planned to pay...": the plan is past news.
                Some(Tense::Future)
                    if norm(k).ends_with("ed")
                        && !matches!(norm(k.saturating_sub(1)), "is" | "are" | "be") =>
                {
                    return Cue::firm(Tense::Past)
                }
                Some(tense) => return Cue::firm(tense),
                None => {}
            }
        }
    }
    // Without a marker the default only leans.
    Cue {
        tense: if until { Tense::Future } else { Tense::Past },
        firm: false,
    }
}

/// Whether `¥` means yuan or yen in this document, by counting context words.
fn yen_context(text: &str) -> YenContext {
    if !text.contains('¥') && !text.contains('￥') {
        return YenContext::Japan;
    }
    let lower = text.to_lowercase();
    let count = |words: &[&str]| {
        words
            .iter()
            .map(|w| lower.matches(w).count())
            .sum::<usize>()
    };
    let china = count(&[
        "china", "chinese", "beijing", "shanghai", "yuan", "rmb", "renminbi", "shenzhen",
    ]);
    let japan = count(&["japan", "japanese", "tokyo", "yen", "osaka"]);
    if china > japan {
        YenContext::China
    } else {
        YenContext::Japan
    }
}
