//! The percent dimension: "7 percent", "7%", "7 per cent", "7 pct", "3 percentage points",
//! "50 basis points", ranges ("15-20%", "5 to 7 percent") and modifiers ("as much as 3%").
//! Depends on the lexer, numbers and the shared modifier rule.

use super::decimal::Decimal;
use super::lexer::Token;
use super::number::{parse_number, NumberMatch, ScaleAbbrev};
use super::{parse_modifier, Modifier};

/// What the number counts: percent of something, or a difference in percentage points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PercentUnit {
    Percent,
    PercentagePoints,
    BasisPoints,
}

/// A percentage value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Percent {
    /// Exact decimal as written ("7", "0.25").
    pub value: String,
    pub unit: PercentUnit,
    pub modifier: Option<Modifier>,
    /// Upper bound of a range.
    pub upper: Option<String>,
}

/// A percent match: tokens consumed, value, rule name.
pub struct PercentMatch {
    pub end: usize,
    pub percent: Percent,
    pub rule: &'static str,
}

/// The percent sign or words after a number at token `i`.
fn percent_unit(tokens: &[Token], i: usize) -> Option<(usize, PercentUnit, &'static str)> {
    let t = tokens.get(i)?;
    let next = tokens.get(i + 1).map(|t| t.norm.as_str());
    match t.norm.as_str() {
        "%" => Some((i + 1, PercentUnit::Percent, "<number>%")),
        "percent" | "pct" | "percents" => {
            if next == Some("points") || next == Some("point") {
                return Some((
                    i + 2,
                    PercentUnit::PercentagePoints,
                    "<number> percent points",
                ));
            }
            Some((i + 1, PercentUnit::Percent, "<number> percent"))
        }
        "per" if next == Some("cent") => Some((i + 2, PercentUnit::Percent, "<number> per cent")),
        "percentage" if matches!(next, Some("point" | "points")) => Some((
            i + 2,
            PercentUnit::PercentagePoints,
            "<number> percentage points",
        )),
        "basis" if matches!(next, Some("point" | "points")) => {
            Some((i + 2, PercentUnit::BasisPoints, "<number> basis points"))
        }
        "bps" | "bp" => Some((i + 1, PercentUnit::BasisPoints, "<number> bps")),
        // British "7pc", glued only ("5 pc" is rare and "pc" alone is a computer).
        "pc" if !t.space_before => Some((i + 1, PercentUnit::Percent, "<number>pc")),
        _ => None,
    }
}

fn plain(tokens: &[Token], i: usize) -> Option<NumberMatch> {
    parse_number(tokens, i, ScaleAbbrev::Plain).filter(|n| !n.ordinal && !n.scaled)
}

/// Recognises a percentage at token `i`.
pub fn parse_percent(tokens: &[Token], i: usize) -> Option<PercentMatch> {
    let (start, modifier) = match parse_modifier(tokens, i) {
        Some((after, m)) => (after, Some(m)),
        None => (i, None),
    };
    if tokens.get(start).is_some_and(|t| t.is("between")) {
        let lo = plain(tokens, start + 1)?;
        let mut k = lo.end;
        if let Some((e, _, _)) = percent_unit(tokens, k) {
            k = e;
        }
        if !tokens.get(k).is_some_and(|t| t.is("and")) {
            return None;
        }
        let hi = plain(tokens, k + 1)?;
        let (end, unit, _) = percent_unit(tokens, hi.end)?;
        return Some(PercentMatch {
            end,
            percent: Percent {
                value: lo.value.to_string(),
                unit,
                modifier,
                upper: Some(hi.value.to_string()),
            },
            rule: "between <number> and <number> percent",
        });
    }
    // A sign glued to the number: "-0.4%", "+3%".
    let (start, negative) = match tokens.get(start) {
        Some(s)
            if matches!(s.norm.as_str(), "-" | "+" | "−")
                && tokens
                    .get(start + 1)
                    .is_some_and(|n| n.is_number() && !n.space_before)
                && (start == 0 || s.space_before) =>
        {
            (start + 1, s.norm != "+")
        }
        _ => (start, false),
    };
    let first = plain(tokens, start)?;
    if negative {
        let (end, unit, rule) = percent_unit(tokens, first.end)?;
        let value = Decimal::from_int(-1).checked_mul(first.value)?;
        return Some(PercentMatch {
            end,
            percent: Percent {
                value: value.to_string(),
                unit,
                modifier,
                upper: None,
            },
            rule,
        });
    }
    // Range: "15-20%", "5 to 7 percent", "5% to 7%".
    let (after_first, first_unit) = match percent_unit(tokens, first.end) {
        Some((e, u, _)) => (e, Some(u)),
        None => (first.end, None),
    };
    if let Some(sep) = tokens
        .get(after_first)
        .filter(|t| matches!(t.norm.as_str(), "-" | "–" | "to"))
    {
        let _ = sep;
        if let Some(hi) = plain(tokens, after_first + 1) {
            if let Some((end, unit, _)) = percent_unit(tokens, hi.end) {
                if first_unit.is_none_or(|u| u == unit)
                    && first.value.compare(hi.value) == Some(std::cmp::Ordering::Less)
                {
                    return Some(PercentMatch {
                        end,
                        percent: Percent {
                            value: first.value.to_string(),
                            unit,
                            modifier,
                            upper: Some(hi.value.to_string()),
                        },
                        rule: "<number> - <number> percent",
                    });
                }
            }
        }
    }
    let (end, unit, rule) = percent_unit(tokens, first.end)?;
    Some(PercentMatch {
        end,
        percent: Percent {
            value: first.value.to_string(),
            unit,
            modifier,
            upper: None,
        },
        rule,
    })
}
