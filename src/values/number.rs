//! The number dimension: cardinals and ordinals written with digits or words ("5,000",
//! "54.7", "two million", "a dozen", "half a million", "5 1/2", "19th", "twenty-first"),
//! plus the scale words shared with money and quantities (thousand ... trillion, k, m,
//! mn, bn, bln, crore, lakh). Other dimensions call [`parse_number`] as a sub-rule.
//! Depends on the lexer and the decimal type.

use super::decimal::Decimal;
use super::lexer::Token;

/// A number recognised at some token position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberMatch {
    /// One past the last token consumed.
    pub end: usize,
    pub value: Decimal,
    pub ordinal: bool,
    /// Written (at least partly) in words.
    pub in_words: bool,
    /// A scale word or abbreviation was applied ("million", "bn").
    pub scaled: bool,
    /// Power of ten applied by the scale word (0 when none).
    pub scale_exp: u32,
    /// The rule that matched, named by its pattern.
    pub rule: &'static str,
}

/// Which scale abbreviations a caller accepts: "5m" is five million in money, five metres elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScaleAbbrev {
    /// Accept `k`, `m`, `mn`, `mil`, `b` besides the unambiguous forms.
    Money,
    /// Only unambiguous abbreviations (`bn`, `bln`, `mln`, `tn`, `trn`).
    Plain,
}

/// Cardinal words below twenty and the tens.
pub fn small_number_word(w: &str) -> Option<i128> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Ordinal words ("first" ... "ninetieth").
pub fn ordinal_word(w: &str) -> Option<i128> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        "hundredth" => 100,
        _ => return None,
    })
}

/// Power of ten of a scale word or abbreviation.
pub fn scale_word(w: &str, abbrev: ScaleAbbrev) -> Option<u32> {
    let exp = match w {
        "hundred" => 2,
        "thousand" => 3,
        "lakh" | "lakhs" | "lac" => 5,
        "million" | "millions" | "mln" => 6,
        "crore" | "crores" => 7,
        "billion" | "billions" | "bn" | "bln" => 9,
        "trillion" | "trillions" | "tn" | "trn" => 12,
        _ => match (abbrev, w) {
            (ScaleAbbrev::Money, "k" | "thou") => 3,
            (ScaleAbbrev::Money, "m" | "mn" | "mil" | "mio") => 6,
            (ScaleAbbrev::Money, "b" | "bil") => 9,
            (ScaleAbbrev::Money, "t") => 12,
            _ => return None,
        },
    };
    Some(exp)
}

fn word<'a>(tokens: &'a [Token<'a>], i: usize) -> Option<&'a str> {
    tokens
        .get(i)
        .filter(|t| t.is_word())
        .map(|t| t.norm.as_str())
}

/// True when token `i` is glued to the previous token (no space between them).
pub fn glued(tokens: &[Token], i: usize) -> bool {
    tokens.get(i).is_some_and(|t| !t.space_before)
}

/// Recognises a number starting at token `i`. Scale abbreviations are accepted as `abbrev` says.
pub fn parse_number(tokens: &[Token], i: usize, abbrev: ScaleAbbrev) -> Option<NumberMatch> {
    let first = tokens.get(i)?;
    if first.is_number() {
        // A number glued to letters on its left is part of a name ("A380", "Q1"): callers
        // that want those (currency codes) check the prefix themselves.
        if !first.space_before
            && i > 0
            && tokens
                .get(i - 1)
                .is_some_and(|t| t.is_word() || t.is_number())
        {
            let prev = tokens.get(i - 1).map_or("", |t| t.norm.as_str());
            let after_dollar = i >= 2 && tokens.get(i - 2).is_some_and(|t| t.norm == "$");
            if !(super::money::currency_code_word(prev).is_some()
                || after_dollar && is_currency_prefix_word(prev))
            {
                return None;
            }
        }
        // Numbers joined by slashes that do not make a fraction are a date, a season or a
        // code ("9/11", "24/7", "2015/16"), not numbers.
        let slash_glued = |k: usize| {
            tokens
                .get(k)
                .is_some_and(|t| t.norm == "/" && !t.space_before)
                && tokens
                    .get(k + 1)
                    .is_some_and(|t| t.is_number() && !t.space_before)
        };
        if !first.space_before && i >= 2 && slash_glued(i - 1) {
            return None;
        }
        let m = parse_digits(tokens, i, abbrev)?;
        if m.end == i + 1 && slash_glued(i + 1) {
            return None;
        }
        return Some(times_dozen(tokens, m));
    }
    if first.is_word() {
        return parse_words(tokens, i, abbrev).map(|m| times_dozen(tokens, m));
    }
    None
}

/// "two dozen", "3 dozen": a whole count followed by "dozen" is that many twelves.
fn times_dozen(tokens: &[Token], m: NumberMatch) -> NumberMatch {
    let dozen = word(tokens, m.end) == Some("dozen");
    if !dozen || m.ordinal || m.scaled || m.rule == "a dozen" || !m.value.is_integer() {
        return m;
    }
    match m.value.checked_mul(Decimal::from_int(12)) {
        Some(value) => NumberMatch {
            end: m.end + 1,
            value,
            rule: "<number> dozen",
            ..m
        },
        None => m,
    }
}

/// Currency codes that may be glued to digits ("USD54.7", "RMB5bn", "Rs500"), and the short
/// country letters written after a dollar sign ("$US5", "$A10m").
pub fn is_currency_prefix_word(w: &str) -> bool {
    super::money::currency_code_word(w).is_some()
        || matches!(w, "us" | "a" | "au" | "nz" | "hk" | "s" | "c")
}

fn parse_digits(tokens: &[Token], i: usize, abbrev: ScaleAbbrev) -> Option<NumberMatch> {
    let tok = tokens.get(i)?;
    let mut value = Decimal::parse(&tok.norm)?;
    let mut end = i + 1;
    let mut rule = "<digits>";
    // Glued suffix letters: ordinal suffixes, scale abbreviations; anything else is a code.
    if let Some(next) = tokens.get(end).filter(|t| !t.space_before && t.is_word()) {
        let n = next.norm.as_str();
        if matches!(n, "st" | "nd" | "rd" | "th") && tok.is_plain_integer() {
            if ordinal_suffix_fits(&tok.norm, n)
                && !tokens.get(end + 1).is_some_and(|t| {
                    !t.space_before && (t.is_word() || t.is_number() || t.norm == "-")
                })
            {
                return Some(NumberMatch {
                    end: end + 1,
                    value,
                    ordinal: true,
                    in_words: false,
                    scaled: false,
                    scale_exp: 0,
                    rule: "<digits><ordinal-suffix>",
                });
            }
            return None;
        }
    }
    // Fractions: "5 1/2", "1/2", "3/8".
    if let (Some(slash), Some(den)) = (tokens.get(end), tokens.get(end + 1)) {
        if slash.norm == "/"
            && !slash.space_before
            && !den.space_before
            && den.is_plain_integer()
            && tok.is_plain_integer()
            && tokens.get(end + 2).is_none_or(|t| t.norm != "/")
        {
            let num = Decimal::parse(&tok.norm)?;
            let den_v = den.norm.parse::<i128>().ok()?;
            if is_fraction_denominator(den_v) && num.to_i64().is_some_and(|n| i128::from(n) < den_v)
            {
                value = num.div_int(den_v)?;
                return Some(NumberMatch {
                    end: end + 2,
                    value,
                    ordinal: false,
                    in_words: false,
                    scaled: false,
                    scale_exp: 0,
                    rule: "<digits>/<digits>",
                });
            }
        }
    }
    if let (Some(a), Some(slash), Some(den)) =
        (tokens.get(end), tokens.get(end + 1), tokens.get(end + 2))
    {
        if a.space_before
            && a.is_plain_integer()
            && slash.norm == "/"
            && !slash.space_before
            && !den.space_before
            && den.is_plain_integer()
            && tok.is_plain_integer()
        {
            let num = a.norm.parse::<i128>().ok()?;
            let den_v = den.norm.parse::<i128>().ok()?;
            if is_fraction_denominator(den_v) && num < den_v && num > 0 {
                value = value.checked_add(Decimal::from_int(num).div_int(den_v)?)?;
                end += 3;
                rule = "<digits> <digits>/<digits>";
            }
        }
    }
    let mut scaled = false;
    let mut scale_exp = 0;
    if let Some(exp) = scale_at(tokens, end, abbrev) {
        // "5 hundred" is rare; only thousand and above scale digit numbers.
        if exp >= 3 {
            value = value.checked_mul(Decimal::pow10(exp)?)?;
            end += 1;
            scaled = true;
            scale_exp = exp;
            rule = if tokens.get(end - 1).is_some_and(|t| t.space_before) {
                "<digits> <scale>"
            } else {
                "<digits><scale-abbrev>"
            };
        }
    }
    Some(NumberMatch {
        end,
        value,
        ordinal: false,
        in_words: false,
        scaled,
        scale_exp,
        rule,
    })
}

fn ordinal_suffix_fits(digits: &str, suffix: &str) -> bool {
    let n: u64 = digits.parse().unwrap_or(0);
    let expected = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    expected == suffix
}

/// A scale word at token `i`: a separate word, or an abbreviation glued to the number.
fn scale_at(tokens: &[Token], i: usize, abbrev: ScaleAbbrev) -> Option<u32> {
    let t = tokens.get(i).filter(|t| t.is_word())?;
    let exp = if t.space_before {
        // Separate tokens: full words always, abbreviations only the unambiguous ones
        // ("5 m" is not five million, "5 bn" is).
        scale_word(&t.norm, ScaleAbbrev::Plain).or_else(|| match (abbrev, t.norm.as_str()) {
            (ScaleAbbrev::Money, "mn" | "mil" | "bil") => scale_word(&t.norm, abbrev),
            _ => None,
        })?
    } else {
        scale_word(&t.norm, abbrev)?
    };
    // A glued abbreviation must end the word ("5mpg" is not five million).
    if !t.space_before
        && tokens
            .get(i + 1)
            .is_some_and(|n| !n.space_before && (n.is_word() || n.is_number()))
    {
        return None;
    }
    Some(exp)
}

fn parse_words(tokens: &[Token], i: usize, abbrev: ScaleAbbrev) -> Option<NumberMatch> {
    let w = word(tokens, i)?;
    // "a dozen", "half a million", "a million", "a hundred", "a couple of" is vague: not a number.
    if w == "dozen" || (w == "a" && word(tokens, i + 1) == Some("dozen")) {
        let end = if w == "a" { i + 2 } else { i + 1 };
        return Some(NumberMatch {
            end,
            value: Decimal::from_int(12),
            ordinal: false,
            in_words: true,
            scaled: false,
            scale_exp: 0,
            rule: "a dozen",
        });
    }
    // "half a dozen", "half-dozen".
    if w == "half"
        && (word(tokens, i + 1) == Some("a") && word(tokens, i + 2) == Some("dozen")
            || tokens
                .get(i + 1)
                .is_some_and(|t| t.norm == "-" && !t.space_before)
                && word(tokens, i + 2) == Some("dozen"))
    {
        return Some(NumberMatch {
            end: i + 3,
            value: Decimal::from_int(6),
            ordinal: false,
            in_words: true,
            scaled: false,
            scale_exp: 0,
            rule: "half a dozen",
        });
    }
    if w == "half" && word(tokens, i + 1) == Some("a") {
        let exp = word(tokens, i + 2)
            .and_then(|s| scale_word(s, ScaleAbbrev::Plain))
            .filter(|e| *e >= 3)?;
        let value = Decimal::pow10(exp)?.div_int(2)?;
        return Some(NumberMatch {
            end: i + 3,
            value,
            ordinal: false,
            in_words: true,
            scaled: true,
            scale_exp: exp,
            rule: "half a <scale>",
        });
    }
    if w == "a" {
        let exp = word(tokens, i + 1)
            .and_then(|s| scale_word(s, ScaleAbbrev::Plain))
            .filter(|e| *e >= 2)?;
        // "a million" but not "a millions".
        if word(tokens, i + 1).is_some_and(|s| s.ends_with('s')) {
            return None;
        }
        return Some(NumberMatch {
            end: i + 2,
            value: Decimal::pow10(exp)?,
            ordinal: false,
            in_words: true,
            scaled: true,
            scale_exp: exp,
            rule: "a <scale>",
        });
    }
    if let Some(v) = ordinal_word(w) {
        // "third-party", "first-ever": compounds, not numbers.
        if tokens
            .get(i + 1)
            .is_some_and(|t| t.norm == "-" && !t.space_before)
        {
            return None;
        }
        return Some(NumberMatch {
            end: i + 1,
            value: Decimal::from_int(v),
            ordinal: true,
            in_words: true,
            scaled: false,
            scale_exp: 0,
            rule: "<ordinal-word>",
        });
    }
    // Cardinal word sequences: total/current accumulation.
    let mut total: i128 = 0;
    let mut current: i128 = 0;
    let mut end = i;
    let mut seen = false;
    let mut scaled = false;
    let mut scale_exp = 0;
    let mut ordinal = false;
    let mut j = i;
    while let Some(t) = tokens.get(j) {
        if !t.is_word() {
            // "twenty-five": a hyphen between tens and units.
            if t.norm == "-" && !t.space_before && seen && current % 10 == 0 && current >= 20 {
                if let Some(u) = tokens.get(j + 1).filter(|n| !n.space_before).and_then(|n| {
                    small_number_word(&n.norm)
                        .filter(|v| (1..=9).contains(v))
                        .or_else(|| {
                            ordinal_word(&n.norm)
                                .filter(|v| (1..=9).contains(v))
                                .map(|v| -v)
                        })
                }) {
                    if u < 0 {
                        current += -u;
                        ordinal = true;
                        end = j + 2;
                        break;
                    }
                    current += u;
                    j += 2;
                    end = j;
                    continue;
                }
            }
            break;
        }
        let n = t.norm.as_str();
        if let Some(v) = small_number_word(n) {
            // "two three" is not a number; units follow tens only.
            if seen
                && !(current % 100 >= 20 && current % 10 == 0 && v < 10)
                && !(current % 100 == 0 && current > 0)
                && current != 0
            {
                break;
            }
            if seen && current == 0 && total > 0 && v >= 1000 {
                break;
            }
            current += v;
            seen = true;
            j += 1;
            end = j;
        } else if n == "hundred" && seen {
            current = current.max(1).checked_mul(100)?;
            j += 1;
            end = j;
        } else if let Some(exp) =
            scale_word(n, ScaleAbbrev::Plain).filter(|e| *e >= 3 && seen && !n.ends_with('s'))
        {
            let factor = 10i128.checked_pow(exp)?;
            total = total.checked_add(current.max(1).checked_mul(factor)?)?;
            current = 0;
            scaled = true;
            scale_exp = exp;
            j += 1;
            end = j;
        } else if n == "and"
            && seen
            && current % 100 == 0
            && word(tokens, j + 1).and_then(small_number_word).is_some()
        {
            j += 1;
        } else if let Some(v) = ordinal_word(n).filter(|_| seen && current % 10 == 0) {
            current += v;
            ordinal = true;
            end = j + 1;
            break;
        } else {
            break;
        }
    }
    if !seen {
        return None;
    }
    let _ = abbrev;
    let mut value = Decimal::from_int(total.checked_add(current)?);
    // "two and a half"
    if !ordinal
        && !scaled
        && word(tokens, end) == Some("and")
        && word(tokens, end + 1) == Some("a")
        && word(tokens, end + 2) == Some("half")
    {
        value = value.checked_add(Decimal::from_int(1).div_int(2)?)?;
        end += 3;
    }
    Some(NumberMatch {
        end,
        value,
        ordinal,
        in_words: true,
        scaled,
        scale_exp,
        rule: if ordinal {
            "<number-words><ordinal>"
        } else {
            "<number-words>"
        },
    })
}

/// Denominators that news writes as fractions ("1/2", "2/3", "3/4", "5/8", "7/16"). Other
/// pairs are dates or names ("9/11", "7/10"), not numbers.
fn is_fraction_denominator(den: i128) -> bool {
    matches!(den, 2 | 3 | 4 | 8 | 16 | 32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;
    use crate::values::lexer::tokenize;

    fn num(s: &str, abbrev: ScaleAbbrev) -> Option<(String, bool, usize)> {
        let toks = tokenize(s, Span::new(0, s.len()));
        parse_number(&toks, 0, abbrev).map(|m| (m.value.to_string(), m.ordinal, m.end))
    }

    #[test]
    fn numbers_table() {
        let cases: &[(&str, &str, bool)] = &[
            ("5,000", "5000", false),
            ("54.7 billion", "54700000000", false),
            ("two million", "2000000", false),
            ("twenty-five", "25", false),
            ("one hundred and five", "105", false),
            ("three thousand two hundred", "3200", false),
            ("a dozen", "12", false),
            ("half a million", "500000", false),
            ("a million", "1000000", false),
            ("5 1/2", "5.5", false),
            ("19th", "19", true),
            ("twenty-first", "21", true),
            ("third", "3", true),
            ("2.5bn", "2500000000", false),
        ];
        for (input, value, ordinal) in cases {
            let got = num(input, ScaleAbbrev::Plain);
            assert_eq!(
                got.as_ref().map(|g| (g.0.as_str(), g.1)),
                Some((*value, *ordinal)),
                "{input}"
            );
        }
        assert_eq!(
            num("5m", ScaleAbbrev::Money).map(|g| g.0).as_deref(),
            Some("5000000")
        );
        assert_eq!(
            num("5m", ScaleAbbrev::Plain).map(|g| g.2),
            Some(1),
            "5m stays 5 (metres?) outside money"
        );
        for bad in ["19nd", "a", "half", "and", "dozens"] {
            assert_eq!(num(bad, ScaleAbbrev::Plain), None, "{bad}");
        }
        assert_eq!(num("two three", ScaleAbbrev::Plain).map(|g| g.2), Some(1));
    }
}
