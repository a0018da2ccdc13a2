//! The money dimension: currency symbols, ISO codes and currency names around a number
//! ("$27", "US$4.7 billion", "USD54.7 billion", "9.9 billion yuan", "€5m-€7m",
//! "between 5 and 7 billion yuan", "50 cents"), with approximation/bound modifiers.
//! Amounts are exact decimals; the ISO 4217 code is resolved from the surface and, for `¥`,
//! from the document's China/Japan context. Depends on the lexer, numbers and decimals.

use super::decimal::Decimal;
use super::lexer::Token;
use super::number::{parse_number, NumberMatch, ScaleAbbrev};
use super::{parse_modifier, Modifier};

/// A money amount as parsed (no reference time is needed to resolve it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Money {
    /// Exact decimal amount in the currency's main unit ("54700000000", "0.5").
    pub amount: String,
    /// ISO 4217 code; `None` only when the currency cannot be told.
    pub currency: Option<String>,
    pub modifier: Option<Modifier>,
    /// Upper bound of a range ("$5m-$7m": amount 5000000, upper 7000000).
    pub upper: Option<String>,
}

/// Which way an ambiguous `¥` leans in this document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum YenContext {
    #[default]
    Japan,
    China,
}

/// ISO code of a currency code word that may stand before or after an amount.
pub fn currency_code_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "usd" => "USD",
        "eur" => "EUR",
        "gbp" => "GBP",
        "jpy" => "JPY",
        "cny" | "rmb" => "CNY",
        "hkd" => "HKD",
        "inr" | "rs" => "INR",
        "krw" => "KRW",
        "chf" => "CHF",
        "cad" => "CAD",
        "aud" => "AUD",
        "sgd" => "SGD",
        "twd" | "ntd" => "TWD",
        "brl" => "BRL",
        "rub" => "RUB",
        "zar" => "ZAR",
        "mxn" => "MXN",
        "nzd" => "NZD",
        "sek" => "SEK",
        "nok" => "NOK",
        "dkk" => "DKK",
        "aed" => "AED",
        "sar" => "SAR",
        _ => return None,
    })
}

/// Currency of a symbol, given the letters glued before it ("US$", "HK$", "A$").
fn symbol_currency(sym: &str, prefix: Option<&str>, yen: YenContext) -> Option<&'static str> {
    match sym {
        "$" => Some(match prefix {
            None | Some("us" | "usd") => "USD",
            Some("hk") => "HKD",
            Some("a" | "au") => "AUD",
            Some("c" | "ca" | "can") => "CAD",
            Some("s" | "sg") => "SGD",
            Some("nz") => "NZD",
            Some("nt") => "TWD",
            Some("r") => "BRL",
            Some("mx") => "MXN",
            Some(_) => return None,
        }),
        "€" => Some("EUR"),
        "£" => Some("GBP"),
        "¥" | "￥" => Some(match yen {
            YenContext::Japan => "JPY",
            YenContext::China => "CNY",
        }),
        "₹" => Some("INR"),
        "₩" => Some("KRW"),
        "₽" => Some("RUB"),
        "₣" => Some("CHF"),
        "₺" => Some("TRY"),
        _ => None,
    }
}

/// Currency names written after the amount; `scale_down` is 2 for cents/pence.
fn currency_name(tokens: &[Token], i: usize) -> Option<(usize, &'static str, u32)> {
    let w = tokens.get(i).filter(|t| t.is_word())?.norm.as_str();
    let next = tokens
        .get(i + 1)
        .filter(|t| t.is_word())
        .map(|t| t.norm.as_str());
    // Adjective + dollars: "Hong Kong dollars", "Canadian dollars", "US dollars".
    let dollar_adjective = |adj: &str| -> Option<&'static str> {
        Some(match adj {
            "us" | "u" | "american" => "USD",
            "canadian" => "CAD",
            "australian" => "AUD",
            "singapore" => "SGD",
            "taiwan" | "taiwanese" => "TWD",
            "zealand" => "NZD",
            "hong" => "HKD",
            _ => return None,
        })
    };
    let is_dollar = |s: Option<&str>| matches!(s, Some("dollar" | "dollars"));
    if w == "hong" && next == Some("kong") && is_dollar(tokens.get(i + 2).map(|t| t.norm.as_str()))
    {
        return Some((i + 3, "HKD", 0));
    }
    if w == "new" && next == Some("taiwan") && is_dollar(tokens.get(i + 2).map(|t| t.norm.as_str()))
    {
        return Some((i + 3, "TWD", 0));
    }
    if w == "new"
        && next == Some("zealand")
        && is_dollar(tokens.get(i + 2).map(|t| t.norm.as_str()))
    {
        return Some((i + 3, "NZD", 0));
    }
    if w == "u" {
        // "U.S. dollars"
        let t = |k: usize| tokens.get(i + k).map(|t| t.norm.as_str());
        if t(1) == Some(".") && t(2) == Some("s") && t(3) == Some(".") && is_dollar(t(4)) {
            return Some((i + 5, "USD", 0));
        }
    }
    if let Some(code) = dollar_adjective(w) {
        if is_dollar(next) {
            return Some((i + 2, code, 0));
        }
    }
    if matches!(w, "pound" | "pounds") && next == Some("sterling") {
        return Some((i + 2, "GBP", 0));
    }
    if matches!(w, "swiss") && matches!(next, Some("franc" | "francs")) {
        return Some((i + 2, "CHF", 0));
    }
    if matches!(w, "indian") && matches!(next, Some("rupee" | "rupees")) {
        return Some((i + 2, "INR", 0));
    }
    if matches!(w, "south")
        && next == Some("korean")
        && matches!(tokens.get(i + 2).map(|t| t.norm.as_str()), Some("won"))
    {
        return Some((i + 3, "KRW", 0));
    }
    if matches!(w, "chinese") && matches!(next, Some("yuan" | "renminbi")) {
        return Some((i + 2, "CNY", 0));
    }
    let code = match w {
        "dollar" | "dollars" => "USD",
        "euro" | "euros" => "EUR",
        "pound" | "pounds" | "sterling" => "GBP",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "rupee" | "rupees" => "INR",
        "won" => "KRW",
        "franc" | "francs" => "CHF",
        "rand" => "ZAR",
        "ruble" | "rubles" | "rouble" | "roubles" => "RUB",
        "peso" | "pesos" => "MXN",
        "baht" => "THB",
        "ringgit" => "MYR",
        "rupiah" => "IDR",
        "dirham" | "dirhams" => "AED",
        "riyal" | "riyals" => "SAR",
        "shekel" | "shekels" => "ILS",
        "lira" => "TRY",
        "zloty" | "zlotys" => "PLN",
        "cent" | "cents" => return Some((i + 1, "USD", 2)),
        "pence" => return Some((i + 1, "GBP", 2)),
        _ => return currency_code_word(w).map(|c| (i + 1, c, 0)),
    };
    Some((i + 1, code, 0))
}

/// A currency written before the amount: symbol, code, or code + symbol ("US$", "USD$", "GB #").
fn currency_prefix(tokens: &[Token], i: usize, yen: YenContext) -> Option<(usize, &'static str)> {
    let t = tokens.get(i)?;
    if t.is_word() {
        let next = tokens.get(i + 1);
        // "US$", "HK$", "USD$", "US $"
        if let Some(n) = next.filter(|n| n.kind == super::lexer::TokenKind::Symbol) {
            let prefix = if t.norm == "usd" {
                "us"
            } else {
                t.norm.as_str()
            };
            // "US$", "HK$", "US $": written in capitals ("a $50 million" is not Australian).
            let upper = sentence_surface_is_upper(t);
            if upper && (!n.space_before || matches!(t.norm.as_str(), "us" | "usd")) {
                if let Some(code) = symbol_currency(&n.norm, Some(prefix), yen) {
                    if n.norm == "$" {
                        return Some((i + 2, code));
                    }
                }
            }
            if t.norm == "gb" && n.norm == "#" {
                return Some((i + 2, "GBP"));
            }
        }
        // "U.S. $5"
        if t.norm == "u" {
            let s = |k: usize| tokens.get(i + k).map(|t| t.norm.as_str());
            if s(1) == Some(".") && s(2) == Some("s") && s(3) == Some(".") && s(4) == Some("$") {
                return Some((i + 5, "USD"));
            }
        }
        // Codes must be written in capitals ("RMB 5bn", "USD54.7"), not the word "try".
        let surface_upper = t.capitalised && t.norm.len() >= 2;
        if surface_upper {
            if let Some(code) = currency_code_word(&t.norm) {
                // "Rs. 500"
                if tokens
                    .get(i + 1)
                    .is_some_and(|d| d.norm == "." && !d.space_before)
                    && tokens.get(i + 2).is_some_and(|n| n.is_number())
                {
                    return Some((i + 2, code));
                }
                return Some((i + 1, code));
            }
        }
        return None;
    }
    if t.kind == super::lexer::TokenKind::Symbol {
        if t.norm == "#" {
            return Some((i + 1, "GBP"));
        }
        // "$US5.2 billion", "$A10m", "$NZ3": Australian/NZ style code after the symbol.
        if t.norm == "$" {
            if let Some(code) = tokens
                .get(i + 1)
                .filter(|n| !n.space_before && n.is_word() && n.capitalised)
            {
                let prefix = match code.norm.as_str() {
                    "us" => Some("USD"),
                    "a" | "au" => Some("AUD"),
                    "nz" => Some("NZD"),
                    "hk" => Some("HKD"),
                    "s" => Some("SGD"),
                    "c" => Some("CAD"),
                    _ => None,
                };
                if let Some(c) = prefix {
                    return Some((i + 2, c));
                }
            }
        }
        return symbol_currency(&t.norm, None, yen).map(|c| (i + 1, c));
    }
    None
}

/// True when a word token is written all in capitals ("US", "HK", "A"), judged from the flags
/// the lexer keeps (first letter uppercase; single letters and known codes suffice).
fn sentence_surface_is_upper(t: &Token) -> bool {
    t.capitalised
        && (t.norm.chars().count() == 1
            || matches!(
                t.norm.as_str(),
                "us" | "usd" | "hk" | "au" | "nz" | "nt" | "sg" | "ca" | "can" | "mx" | "gb"
            ))
}

/// One side of a money expression: amount, currency if written, scale applied.
struct Side {
    end: usize,
    number: NumberMatch,
    currency: Option<&'static str>,
    scale_down: u32,
}

fn amount_after_prefix(tokens: &[Token], i: usize, yen: YenContext) -> Option<Side> {
    let (after, code) = currency_prefix(tokens, i, yen)?;
    let number = parse_number(tokens, after, ScaleAbbrev::Money)?;
    if number.ordinal {
        return None;
    }
    let mut end = number.end;
    // Redundant trailing currency words: "$9.99 US dollars", "$99 (USD", "$249 USD".
    if let Some((e, _, 0)) = currency_name(tokens, end) {
        end = e;
    } else if tokens.get(end).is_some_and(|t| t.norm == "(")
        && tokens
            .get(end + 1)
            .is_some_and(|t| t.is_word() && currency_code_word(&t.norm).is_some())
    {
        end += 2;
        if tokens.get(end).is_some_and(|t| t.norm == ")") {
            end += 1;
        }
    }
    Some(Side {
        end,
        number,
        currency: Some(code),
        scale_down: 0,
    })
}

fn amount_before_name(tokens: &[Token], i: usize) -> Option<Side> {
    let number = parse_number(tokens, i, ScaleAbbrev::Money)?;
    if number.ordinal {
        return None;
    }
    let (end, code, scale_down) = currency_name(tokens, number.end)?;
    // A capitalised code word after a number must be written in capitals or be a name.
    if let Some(t) = tokens.get(number.end) {
        if currency_code_word(&t.norm).is_some() && !t.capitalised {
            return None;
        }
    }
    // "one dollar" fine; "won" after a number word is the verb ("two won") unless scaled/digits.
    if code == "KRW" && number.in_words && !number.scaled {
        return None;
    }
    Some(Side {
        end,
        number,
        currency: Some(code),
        scale_down,
    })
}

fn bare_amount(tokens: &[Token], i: usize) -> Option<Side> {
    let number = parse_number(tokens, i, ScaleAbbrev::Money)?;
    if number.ordinal {
        return None;
    }
    Some(Side {
        end: number.end,
        number,
        currency: None,
        scale_down: 0,
    })
}

fn side_value(side: &Side) -> Option<Decimal> {
    if side.scale_down > 0 {
        side.number.value.checked_mul(Decimal::parse("0.01")?)
    } else {
        Some(side.number.value)
    }
}

/// A money match: tokens consumed, value, rule name.
pub struct MoneyMatch {
    pub end: usize,
    pub money: Money,
    pub rule: &'static str,
}

/// Recognises money at token `i`, modifiers and ranges included.
pub fn parse_money(tokens: &[Token], i: usize, yen: YenContext) -> Option<MoneyMatch> {
    let (start, modifier) = match parse_modifier(tokens, i) {
        Some((after, m)) => (after, Some(m)),
        None => (i, None),
    };
    // "between X and Y"
    if tokens.get(start).is_some_and(|t| t.is("between")) {
        let (first, prefixed) = match amount_after_prefix(tokens, start + 1, yen) {
            Some(s) => (s, true),
            None => (bare_amount(tokens, start + 1)?, false),
        };
        if !tokens.get(first.end).is_some_and(|t| t.is("and")) {
            return None;
        }
        let second = amount_after_prefix(tokens, first.end + 1, yen)
            .or_else(|| amount_before_name(tokens, first.end + 1))?;
        let (lo, hi) = range_values(&first, &second)?;
        let currency = second.currency.or(first.currency);
        let _ = prefixed;
        return Some(MoneyMatch {
            end: second.end,
            money: Money {
                amount: lo.to_string(),
                currency: currency.map(str::to_string),
                modifier: None,
                upper: Some(hi.to_string()),
            },
            rule: "between <amount> and <amount> <currency>",
        });
    }
    let (first, rule) = match amount_after_prefix(tokens, start, yen) {
        Some(s) => (s, "<currency> <amount>"),
        None => match amount_before_name(tokens, start) {
            Some(s) => (s, "<amount> <currency-word>"),
            None => {
                // "5 to 7 billion yuan", "5-7 million dollars": a bare number then a range.
                let bare = bare_amount(tokens, start)?;
                let (sep_end, _) = range_separator(tokens, bare.end)?;
                let second = amount_before_name(tokens, sep_end)
                    .or_else(|| amount_after_prefix(tokens, sep_end, yen))?;
                let (lo, hi) = range_values(&bare, &second)?;
                return Some(MoneyMatch {
                    end: second.end,
                    money: Money {
                        amount: lo.to_string(),
                        currency: second.currency.map(str::to_string),
                        modifier,
                        upper: Some(hi.to_string()),
                    },
                    rule: "<number> to <amount> <currency-word>",
                });
            }
        },
    };
    // A range: "$5m-$7m", "$5-7 million", "US$16 million to $28 million".
    if let Some((sep_end, _)) = range_separator(tokens, first.end) {
        let second = amount_after_prefix(tokens, sep_end, yen)
            .or_else(|| amount_before_name(tokens, sep_end))
            .or_else(|| {
                if first.currency.is_some() && rule == "<currency> <amount>" {
                    bare_amount(tokens, sep_end)
                } else {
                    None
                }
            });
        if let Some(second) = second {
            if let Some((lo, hi)) = range_values(&first, &second) {
                return Some(MoneyMatch {
                    end: second.end,
                    money: Money {
                        amount: lo.to_string(),
                        currency: first.currency.or(second.currency).map(str::to_string),
                        modifier,
                        upper: Some(hi.to_string()),
                    },
                    rule: "<amount> - <amount>",
                });
            }
        }
    }
    let value = side_value(&first)?;
    Some(MoneyMatch {
        end: first.end,
        money: Money {
            amount: value.to_string(),
            currency: first.currency.map(str::to_string),
            modifier,
            upper: None,
        },
        rule,
    })
}

/// "-", "to", "–" between two amounts.
pub fn range_separator(tokens: &[Token], i: usize) -> Option<(usize, ())> {
    let t = tokens.get(i)?;
    if matches!(t.norm.as_str(), "-" | "–" | "to") {
        return Some((i + 1, ()));
    }
    None
}

/// Values of a range's two sides; a scale written only on the second applies to both
/// ("$5-7 million"). `None` when the range is not increasing.
fn range_values(first: &Side, second: &Side) -> Option<(Decimal, Decimal)> {
    let mut lo = side_value(first)?;
    let hi = side_value(second)?;
    if !first.number.scaled && second.number.scaled && second.scale_down == 0 {
        // Recover the scale factor of the second side from its written number.
        let factor = scale_factor(second)?;
        lo = lo.checked_mul(factor)?;
    }
    if lo.compare(hi)? != std::cmp::Ordering::Less {
        return None;
    }
    Some((lo, hi))
}

fn scale_factor(side: &Side) -> Option<Decimal> {
    Decimal::pow10(side.number.scale_exp)
}
