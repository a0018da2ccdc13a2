//! The quantity dimension: a number with a unit of measure ("300 tonnes", "2GB", "500km",
//! "3.5-inch") or with the noun it counts ("over 5,000 local companies", "19 overseas
//! sites", "over 200 countries and regions"). The value's span covers modifier, number and
//! unit; a counted noun phrase is reported beside it with its own span (this is how TimeML
//! and MEANTIME delimit quantities). Depends on the lexer, numbers and the shared modifier rule.

use crate::span::Span;

use super::lexer::Token;
use super::number::{parse_number, ScaleAbbrev};
use super::{parse_modifier, Modifier};

/// The noun phrase a quantity counts, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counted {
    pub span: Span,
    pub text: String,
}

/// A number of something.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quantity {
    /// Exact decimal.
    pub value: String,
    /// Canonical unit of measure ("tonne", "km", "GB"), when one is written.
    pub unit: Option<&'static str>,
    /// What is counted, when a noun follows instead of a unit.
    pub counted: Option<Counted>,
    pub modifier: Option<Modifier>,
    /// Upper bound of a range ("200-250").
    pub upper: Option<String>,
}

/// A plain number or ordinal that counts nothing named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberValue {
    pub value: String,
    pub ordinal: bool,
    pub modifier: Option<Modifier>,
}

/// Canonical unit for a unit word.
pub fn unit_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "tonne" | "tonnes" | "ton" | "tons" | "mt" => "tonne",
        "kg" | "kilogram" | "kilograms" | "kilo" | "kilos" => "kg",
        "gram" | "grams" => "g",
        "km" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => "km",
        "mile" | "miles" => "mile",
        "metre" | "metres" | "meter" | "meters" => "m",
        "cm" | "centimetres" | "centimeters" => "cm",
        "mm" | "millimetres" | "millimeters" => "mm",
        "foot" | "feet" | "ft" => "ft",
        "inch" | "inches" => "inch",
        "gb" | "gigabyte" | "gigabytes" => "GB",
        "mb" | "megabyte" | "megabytes" => "MB",
        "tb" | "terabyte" | "terabytes" => "TB",
        "kb" | "kilobyte" | "kilobytes" => "KB",
        "ghz" | "gigahertz" => "GHz",
        "mhz" | "megahertz" => "MHz",
        "mw" | "megawatt" | "megawatts" => "MW",
        "gw" | "gigawatt" | "gigawatts" => "GW",
        "kw" | "kilowatt" | "kilowatts" => "kW",
        "kwh" => "kWh",
        "mwh" => "MWh",
        "gwh" => "GWh",
        "barrel" | "barrels" | "bpd" => "barrel",
        "acre" | "acres" => "acre",
        "hectare" | "hectares" | "ha" => "ha",
        "litre" | "litres" | "liter" | "liters" => "l",
        "gallon" | "gallons" => "gallon",
        "mph" => "mph",
        "knots" => "knot",
        "degrees" | "degree" => "degree",
        "teu" | "teus" => "TEU",
        "pixels" => "pixel",
        _ => return None,
    })
}

/// Words that end a counted noun phrase (function words, common verbs, adverbs of time).
fn ends_noun_phrase(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "for"
            | "from"
            | "with"
            | "by"
            | "and"
            | "or"
            | "but"
            | "as"
            | "than"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "this"
            | "these"
            | "those"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "do"
            | "does"
            | "did"
            | "will"
            | "would"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "shall"
            | "should"
            | "it"
            | "its"
            | "their"
            | "they"
            | "he"
            | "she"
            | "we"
            | "you"
            | "i"
            | "his"
            | "her"
            | "our"
            | "not"
            | "no"
            | "each"
            | "per"
            | "into"
            | "over"
            | "under"
            | "about"
            | "after"
            | "before"
            | "since"
            | "until"
            | "during"
            | "within"
            | "up"
            | "down"
            | "out"
            | "off"
            | "more"
            | "less"
            | "if"
            | "when"
            | "while"
            | "where"
            | "so"
            | "such"
            | "said"
            | "says"
            | "say"
            | "percent"
            | "times"
            | "ago"
            | "later"
            | "earlier"
            | "year"
            | "years"
            | "month"
            | "months"
            | "week"
            | "weeks"
            | "day"
            | "days"
            | "hours"
            | "hour"
            | "minutes"
            | "minute"
            | "decade"
            | "decades"
            | "also"
            | "all"
            | "both"
            | "only"
            | "through"
            | "against"
            | "between"
            | "among"
            | "around"
            | "across"
            | "there"
            | "here"
            | "then"
            | "now"
            | "yet"
            | "still"
            | "just"
            | "even"
            | "respectively"
            | "including"
            | "via"
            | "like"
            | "what"
            | "how"
            | "why"
            | "inc"
            | "ltd"
            | "co"
            | "corp"
            | "plc"
            | "s"
            | "already"
            | "again"
            | "too"
            | "apiece"
            | "alone"
            | "together"
            | "annually"
            | "instead"
            | "yesterday"
            | "today"
            | "tomorrow"
            | "last"
            | "next"
    )
}

/// A quantity or a bare number at token `i`: `(end, value, rule)`; the counted noun is not
/// part of `end`.
pub enum QuantityOrNumber {
    Quantity(Quantity),
    Number(NumberValue),
}

/// A quantity match: tokens consumed by the value itself, data, rule name.
pub struct QuantityMatch {
    pub end: usize,
    pub data: QuantityOrNumber,
    pub rule: &'static str,
}

/// Recognises a quantity, or failing a unit/noun a bare number, at token `i`.
pub fn parse_quantity(tokens: &[Token], i: usize) -> Option<QuantityMatch> {
    let (start, modifier) = match parse_modifier(tokens, i) {
        Some((after, m)) => (after, Some(m)),
        None => (i, None),
    };
    if let Some(m) = vague_scale(tokens, start, modifier) {
        return Some(m);
    }
    let first = parse_number(tokens, start, ScaleAbbrev::Plain)?;
    let head = tokens.get(start)?;
    // Word ordinals ("first", "third") are everywhere in prose; only digit ordinals ("19th") count.
    if first.ordinal && first.in_words {
        return None;
    }
    // "the two companies": a definite article before a number word marks a known set.
    if first.in_words
        && modifier.is_none()
        && start > 0
        && tokens
            .get(start - 1)
            .is_some_and(|t| matches!(t.norm.as_str(), "the" | "these" | "those" | "its" | "their"))
        && !first.scaled
    {
        return None;
    }
    // "one" alone is mostly a pronoun ("one of the"); a lone "a"-number is handled by rules.
    if first.in_words && !first.scaled && first.value.to_i64() == Some(1) && !first.ordinal {
        let next_is_unit = tokens
            .get(first.end)
            .is_some_and(|t| unit_word(&t.norm).is_some());
        if !next_is_unit {
            return None;
        }
    }
    // Numbers glued into names or codes ("737-300", "A380") and model numbers after a
    // capitalised name ("Boeing 787", "Windows 7") are not quantities.
    if modifier.is_none() && start > 0 && head.is_number() {
        if let Some(prev) = tokens.get(start - 1) {
            let sentence_opener = start - 1 == 0
                && matches!(
                    prev.norm.as_str(),
                    "the"
                        | "in"
                        | "on"
                        | "at"
                        | "about"
                        | "over"
                        | "only"
                        | "some"
                        | "nearly"
                        | "almost"
                        | "around"
                        | "since"
                        | "by"
                        | "for"
                        | "with"
                        | "after"
                        | "before"
                        | "from"
                        | "to"
                        | "of"
                        | "a"
                        | "an"
                        | "all"
                        | "just"
                        | "more"
                        | "less"
                        | "up"
                        | "and"
                        | "but"
                        | "another"
                        | "last"
                        | "this"
                        | "these"
                        | "those"
                        | "its"
                        | "their"
                        | "our"
                        | "his"
                        | "her"
                );
            if prev.is_word()
                && prev.has_upper
                && !sentence_opener
                && !is_month_or_weekday(&prev.norm)
            {
                return None;
            }
            if matches!(
                prev.norm.as_str(),
                "no" | "version"
                    | "number"
                    | "flight"
                    | "route"
                    | "channel"
                    | "model"
                    | "chapter"
                    | "article"
                    | "section"
                    | "phase"
                    | "stage"
                    | "grade"
                    | "level"
                    | "windows"
                    | "v"
            ) {
                return None;
            }
            if prev.norm == "#"
                || prev.norm == "-"
                    && !prev.space_before
                    && start >= 2
                    && tokens.get(start - 2).is_some_and(|t| t.is_number())
                    && !head.space_before
            {
                return None;
            }
        }
    }
    // "737-300", "3-2": a glued hyphen chain that is not an increasing range is a code or score.
    if tokens
        .get(first.end)
        .is_some_and(|t| t.norm == "-" && !t.space_before)
        && tokens
            .get(first.end + 1)
            .is_some_and(|t| t.is_number() && !t.space_before)
    {
        let hi = parse_number(tokens, first.end + 1, ScaleAbbrev::Plain);
        if hi.is_none_or(|h| first.value.compare(h.value) != Some(std::cmp::Ordering::Less)) {
            return None;
        }
    }
    if head.is_number() && looks_like_code(tokens, start, first.end) {
        return None;
    }
    // Model names: "787 Dreamliner", "the 737 MAX", "Boeing's 787,": a bare three-or-more-digit
    // number (no separators, no modifier) followed by a name, or by punctuation after a possessive.
    if modifier.is_none() && head.is_plain_integer() && head.int_digits >= 3 && !first.scaled {
        let next = tokens.get(first.end);
        let next_is_name = next.is_some_and(|n| {
            n.is_word()
                && n.has_upper
                && !is_month_or_weekday(&n.norm)
                && unit_word(&n.norm).is_none()
                && super::money::currency_code_word(&n.norm).is_none()
        });
        let after_possessive = start >= 2
            && tokens.get(start - 1).is_some_and(|t| t.norm == "s")
            && tokens
                .get(start - 2)
                .is_some_and(|t| matches!(t.norm.as_str(), "'" | "’"));
        let next_is_punct = next.is_none_or(|n| {
            n.kind == super::lexer::TokenKind::Symbol && !matches!(n.norm.as_str(), "%" | "-")
        });
        if next_is_name || after_possessive && next_is_punct {
            return None;
        }
    }
    // "three-quarters", "two-way", "one-time": compounds of a number word.
    if first.in_words
        && tokens
            .get(first.end)
            .is_some_and(|t| t.norm == "-" && !t.space_before)
        && tokens
            .get(first.end + 1)
            .is_some_and(|t| t.is_word() && !t.space_before && unit_word(&t.norm).is_none())
    {
        return None;
    }
    let mut end = first.end;
    let mut upper = None;
    let mut rule = "<number>";
    // Ranges "200-250", "20 to 30 tonnes" when the second is a plain number.
    if !first.ordinal {
        if let Some(sep) = tokens
            .get(end)
            .filter(|t| matches!(t.norm.as_str(), "-" | "–" | "to"))
        {
            let tight = sep.norm != "to";
            if let Some(hi) =
                parse_number(tokens, end + 1, ScaleAbbrev::Plain).filter(|h| !h.ordinal)
            {
                // "200-250" and "200 - 250", not "200 -250".
                let glued_ok = !tight
                    || sep.space_before
                    || tokens.get(end + 1).is_some_and(|t| !t.space_before);
                let year_like = |t: Option<&Token>| {
                    t.is_some_and(|t| {
                        t.is_plain_integer()
                            && t.int_digits == 4
                            && t.norm.as_str() >= "1800"
                            && t.norm.as_str() <= "2199"
                    })
                };
                let years = year_like(tokens.get(start)) && year_like(tokens.get(end + 1));
                if glued_ok
                    && !years
                    && first.value.compare(hi.value) == Some(std::cmp::Ordering::Less)
                    && hi.in_words == first.in_words
                {
                    upper = Some(hi.value.to_string());
                    end = hi.end;
                    rule = "<number> - <number>";
                }
            }
        }
    }
    // Unit: a word ("tonnes"), glued ("2GB", "500km"), hyphenated ("3.5-inch"), or inches ("15''").
    let mut unit = None;
    let unit_start = if tokens
        .get(end)
        .is_some_and(|t| t.norm == "-" && !t.space_before)
        && tokens
            .get(end + 1)
            .is_some_and(|t| !t.space_before && unit_word(&t.norm).is_some())
    {
        end + 1
    } else {
        end
    };
    if let Some(u) = tokens
        .get(unit_start)
        .and_then(|t| unit_word(&t.norm).map(|u| (u, t)))
    {
        let (u, t) = u;
        // Short abbreviations ("ha", "mt", "ft") must be glued or lowercase-compact; accept.
        if !(t.norm.len() <= 2
            && t.space_before
            && matches!(t.norm.as_str(), "ha" | "mt" | "mm" | "cm"))
        {
            unit = Some(u);
            end = unit_start + 1;
            rule = if upper.is_some() {
                "<number> - <number> <unit>"
            } else {
                "<number> <unit>"
            };
        }
    } else if tokens
        .get(end)
        .is_some_and(|t| t.norm == "''" || t.norm == "\"" || t.norm == "”")
        && !first.ordinal
    {
        // 15'' — lexed as two apostrophes.
    }
    if unit.is_none() {
        if let (Some(a), Some(b)) = (tokens.get(end), tokens.get(end + 1)) {
            if a.norm == "'" && b.norm == "'" && !b.space_before {
                unit = Some("inch");
                end += 2;
                rule = "<number>''";
            }
        }
    }
    // A glued unknown word suffix makes it a code ("3G", "4x4"), not a number.
    if tokens
        .get(first.end)
        .is_some_and(|t| !t.space_before && (t.is_word() || t.is_number()))
        && unit.is_none()
        && upper.is_none()
        && !first.in_words
        && !first.scaled
        && !first.ordinal
    {
        return None;
    }
    let value = first.value.to_string();
    if unit.is_some() {
        return Some(QuantityMatch {
            end,
            data: QuantityOrNumber::Quantity(Quantity {
                value,
                unit,
                counted: None,
                modifier,
                upper,
            }),
            rule,
        });
    }
    // Counted noun phrase after the number: up to four content words.
    if !first.ordinal {
        if let Some(counted) = counted_noun(tokens, end) {
            return Some(QuantityMatch {
                end,
                data: QuantityOrNumber::Quantity(Quantity {
                    value,
                    unit: None,
                    counted: Some(counted),
                    modifier,
                    upper,
                }),
                rule: "<number> <counted-noun>",
            });
        }
    }
    if upper.is_some() {
        return Some(QuantityMatch {
            end,
            data: QuantityOrNumber::Quantity(Quantity {
                value,
                unit: None,
                counted: None,
                modifier,
                upper,
            }),
            rule,
        });
    }
    Some(QuantityMatch {
        end,
        data: QuantityOrNumber::Number(NumberValue {
            value,
            ordinal: first.ordinal,
            modifier,
        }),
        rule: if first.ordinal {
            "<ordinal>"
        } else {
            first.rule
        },
    })
}

/// Digits that name or version something rather than count it: "VC-10", "DC-9", "No. 1",
/// "iLife '11", "1.1.1", "GMT +8".
fn looks_like_code(tokens: &[Token], start: usize, end: usize) -> bool {
    let norm = |k: usize| tokens.get(k).map_or("", |t| t.norm.as_str());
    let glued = |k: usize| tokens.get(k).is_some_and(|t| !t.space_before);
    if start >= 1 && glued(start) && matches!(norm(start - 1), "'" | "’" | "+" | "#") {
        return true;
    }
    if start >= 2
        && glued(start)
        && norm(start - 1) == "-"
        && glued(start - 1)
        && tokens
            .get(start - 2)
            .is_some_and(|t| t.is_word() && t.has_upper)
    {
        return true;
    }
    if start >= 2 && norm(start - 1) == "." && norm(start - 2) == "no" {
        return true;
    }
    if start >= 2
        && glued(start)
        && norm(start - 1) == "."
        && glued(start - 1)
        && tokens.get(start - 2).is_some_and(|t| t.is_number())
    {
        return true;
    }
    if norm(end) == ":"
        && glued(end)
        && glued(end + 1)
        && tokens.get(end + 1).is_some_and(|t| t.is_number())
    {
        return true;
    }
    if norm(end) == "."
        && glued(end)
        && glued(end + 1)
        && tokens.get(end + 1).is_some_and(|t| t.is_number())
    {
        return true;
    }
    false
}

/// "thousands of", "hundreds of", "dozens of", "millions of": more than one such unit.
fn vague_scale(tokens: &[Token], i: usize, modifier: Option<Modifier>) -> Option<QuantityMatch> {
    let t = tokens.get(i).filter(|t| t.is_word())?;
    let scale = |w: &str| -> Option<u128> {
        Some(match w {
            "thousands" => 1_000,
            "millions" => 1_000_000,
            "billions" => 1_000_000_000,
            _ => return None,
        })
    };
    let norm = |k: usize| tokens.get(k).map_or("", |t| t.norm.as_str());
    if norm(i + 1) != "of" {
        return None;
    }
    // "tens of millions of", "hundreds of thousands": a multiple of the larger scale.
    let multiple = match t.norm.as_str() {
        "tens" => Some(10),
        "hundreds" => Some(100),
        "dozens" => Some(12),
        _ => None,
    };
    let (value, end) = match (multiple, scale(norm(i + 2))) {
        (Some(m), Some(sc)) => {
            let end = if norm(i + 3) == "of" { i + 4 } else { i + 3 };
            ((m * sc).to_string(), end)
        }
        _ => {
            let v = match t.norm.as_str() {
                "dozens" => 12,
                "hundreds" => 100,
                other => scale(other)?,
            };
            (v.to_string(), i + 2)
        }
    };
    let counted = counted_noun(tokens, end);
    Some(QuantityMatch {
        end,
        data: QuantityOrNumber::Quantity(Quantity {
            value,
            unit: None,
            counted,
            modifier: Some(modifier.unwrap_or(Modifier::MoreThan)),
            upper: None,
        }),
        rule: "<scale>s of",
    })
}

/// A plural noun by its form: "-s" (not "-ss", "-us", "-is": "business", "virus",
/// "crisis"), or an irregular plural; "news" and "series" are singular in use.
fn plural_noun(w: &str) -> bool {
    matches!(w, "people" | "children" | "men" | "women" | "police")
        || w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is")
            && !matches!(
                w,
                "news" | "series" | "species" | "means" | "whereas" | "always"
            )
}

fn is_month_or_weekday(w: &str) -> bool {
    super::time::month_word(w).is_some() || super::time::weekday_word(w).is_some()
}

/// The counted noun phrase starting at token `i`: lowercase content words up to a function
/// word or punctuation, with one coordination ("countries and regions").
fn counted_noun(tokens: &[Token], i: usize) -> Option<Counted> {
    let mut end = i;
    let mut j = i;
    let mut words = 0;
    while let Some(t) = tokens.get(j) {
        // "pan-democratic politicians": a hyphen inside a compound word is part of it.
        if words > 0
            && t.norm == "-"
            && !t.space_before
            && tokens
                .get(j + 1)
                .is_some_and(|n| n.is_word() && !n.space_before)
        {
            j += 1;
            continue;
        }
        if !t.is_word() || ends_noun_phrase(&t.norm) || words >= 4 {
            // "countries and regions": one coordinated plural noun.
            if words > 0 && matches!(t.norm.as_str(), "and" | "or") {
                if let Some(n) = tokens.get(j + 1).filter(|n| {
                    n.is_word()
                        && !n.capitalised
                        && !ends_noun_phrase(&n.norm)
                        && n.norm.ends_with('s')
                }) {
                    let last_plural = tokens.get(j - 1).is_some_and(|p| p.norm.ends_with('s'));
                    if last_plural
                        && !tokens
                            .get(j + 2)
                            .is_some_and(|a| a.is_word() && !ends_noun_phrase(&a.norm))
                    {
                        end = j + 2;
                        let _ = n;
                    }
                }
            }
            break;
        }
        if t.capitalised && words == 0 {
            // "19 Chinese merchants" is fine, but "5 Apple" is not a count; accept capitalised
            // adjectives only when a lowercase word follows.
            if !tokens
                .get(j + 1)
                .is_some_and(|n| n.is_word() && !n.capitalised && !ends_noun_phrase(&n.norm))
            {
                break;
            }
        }
        // A participle that ends the phrase is a verb ("30,000 people attended,"), one that
        // precedes a noun is an adjective ("globally recognized brands").
        if words > 0
            && (t.norm.ends_with("ed") || t.norm.ends_with("ing"))
            && !tokens
                .get(j + 1)
                .is_some_and(|n| n.is_word() && !ends_noun_phrase(&n.norm))
        {
            break;
        }
        j += 1;
        words += 1;
        end = j;
        // A plural noun heads the phrase: what follows is the verb or an adverb ("shells
        // fell near", "fans donned costumes"), unless another plural noun does
        // ("arms shipments").
        if plural_noun(&t.norm)
            && tokens
                .get(j)
                .is_some_and(|n| n.is_word() && !ends_noun_phrase(&n.norm) && !plural_noun(&n.norm))
        {
            break;
        }
    }
    if end == i {
        return None;
    }
    let span = tokens.get(i)?.span.cover(tokens.get(end - 1)?.span);
    Some(Counted {
        span,
        text: String::new(),
    })
}
