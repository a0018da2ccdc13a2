//! Tokenization in the CoNLL-2003 / Penn Treebank style the NER tagger was trained on.
//!
//! Owns [`Token`], [`TokenKind`] and [`tokenize`]. Punctuation is split off; numbers with
//! thousands separators and decimals (`5,000`, `54.7`), hyphenated words (`e-commerce`),
//! dotted abbreviations (`U.S.`, `Inc.`) and domain names stay whole; a possessive `'s`/`’s` and
//! contractions (`n't`, `'ll`) are split off; a currency code or symbol glued to a number is
//! split (`USD54.7` -> `USD` `54.7`, `US$4.7` -> `US$` `4.7`), and so is `%`.
//! Depends on `crate::span` and the abbreviation lexicon in [`super::segment`].

use super::segment::is_abbreviation;
use crate::span::Span;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TokenKind {
    /// Letters (possibly with digits, hyphens, apostrophes, periods): `Amazon`, `e-commerce`, `U.S.`, `’s`.
    Word,
    /// Digits with optional separators and no letters: `5,000`, `54.7`, `10:30`.
    Number,
    /// Punctuation: `.`, `,`, `"`, `(`, `--`, `...`.
    Punct,
    /// Other symbols: `$`, `US$`, `%`, `&`, `€`, emoji.
    Symbol,
}

/// One token: where it is in the clean text and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Token {
    /// Byte span in the clean text.
    pub span: Span,
    /// Kind of token.
    pub kind: TokenKind,
}

/// ISO 4217 codes common in news, split from a glued amount (`USD54.7`).
const CURRENCY_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "HKD", "AUD", "CAD", "CHF", "SGD", "INR", "KRW",
    "TWD", "RUB", "BRL", "MXN", "ZAR", "SEK", "NOK", "DKK", "NZD", "THB", "IDR", "MYR", "PHP",
    "VND", "AED", "SAR", "TRY", "PLN", "CZK", "HUF", "ILS", "EGP", "NGN", "KES", "PKR", "BDT",
    "ARS", "CLP", "COP", "PEN", "UAH", "QAR", "KWD",
];

/// Tokens of `region` of `text` (empty when the region is not on char boundaries).
pub fn tokenize(text: &str, region: Span) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, region, &mut out);
    out
}

/// Appends the tokens of `region` to `out`.
pub(crate) fn tokenize_into(text: &str, region: Span, out: &mut Vec<Token>) {
    let Some(body) = text.get(region.range()) else {
        return;
    };
    let base = region.start as usize;
    let chars: Vec<(usize, char)> = body.char_indices().map(|(o, c)| (base + o, c)).collect();
    let end_of = |k: usize| chars.get(k).map_or(base + body.len(), |&(o, _)| o);
    let ch = |k: usize| chars.get(k).map(|&(_, c)| c);
    let len = chars.len();
    let mut k = 0usize;
    while k < len {
        let Some(c) = ch(k) else { break };
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if is_word_char(c) {
            let start = k;
            let mut e = k + 1;
            let mut prefix = false;
            loop {
                match ch(e) {
                    Some(n) if is_word_char(n) || is_combining(n) => e += 1,
                    Some(n) if ch(e + 1).is_some_and(|after| joins(ch(e - 1), n, after)) => {
                        if n == '-'
                            && ch(e + 1).is_some_and(char::is_uppercase)
                            && is_name_prefix(chars.get(start..e).unwrap_or(&[]))
                        {
                            prefix = true;
                            e += 1;
                            break;
                        }
                        e += 2
                    }
                    _ => break,
                }
            }
            if prefix {
                out.push(Token {
                    span: Span::new(end_of(start), end_of(e)),
                    kind: TokenKind::Word,
                });
                k = e;
                continue;
            }
            let word: String = chars
                .get(start..e)
                .unwrap_or(&[])
                .iter()
                .map(|&(_, c)| c)
                .collect();
            // `US$4.7`, `HK$5`: a short uppercase prefix glued to `$` and a number.
            if ch(e) == Some('$')
                && ch(e + 1).is_some_and(|d| d.is_ascii_digit())
                && (1..=3).contains(&word.len())
                && word.bytes().all(|b| b.is_ascii_uppercase())
            {
                out.push(Token {
                    span: Span::new(end_of(start), end_of(e + 1)),
                    kind: TokenKind::Symbol,
                });
                k = e + 1;
                continue;
            }
            // Keep the period of an abbreviation (`U.S.`, `Inc.`, `J.`), not of an ellipsis.
            let number_follows = chars
                .get(e + 1..)
                .and_then(|rest| rest.iter().map(|&(_, c)| c).find(|c| !c.is_whitespace()))
                .is_some_and(|c| c.is_ascii_digit());
            if ch(e) == Some('.')
                && !ch(e + 1).is_some_and(|n| is_word_char(n) || n == '.')
                && is_abbreviation(&word, number_follows)
            {
                e += 1;
            }
            emit_word_run(&chars, start, e, end_of(e), out);
            k = e;
            continue;
        }
        // Punctuation runs that form one token: `...`, `--`, `!!`.
        if matches!(c, '.' | '-' | '!' | '?' | '*' | '=' | '_') {
            let mut e = k + 1;
            while ch(e) == Some(c) {
                e += 1;
            }
            let kind = if matches!(c, '*' | '=') {
                TokenKind::Symbol
            } else {
                TokenKind::Punct
            };
            out.push(Token {
                span: Span::new(end_of(k), end_of(e)),
                kind,
            });
            k = e;
            continue;
        }
        let mut e = k + 1;
        while ch(e).is_some_and(|n| is_combining(n) || n == '\u{200D}') {
            e += 1;
            if ch(e - 1) == Some('\u{200D}')
                && ch(e).is_some_and(|n| !is_word_char(n) && !n.is_whitespace())
            {
                e += 1; // the next emoji of a ZWJ sequence
            }
        }
        let kind = if is_punct(c) {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        out.push(Token {
            span: Span::new(end_of(k), end_of(e)),
            kind,
        });
        k = e;
    }
}

/// Lowercase prefixes that a hyphen glues to a name: "then-U.S. President", "ex-Google",
/// "pro-Trump", "anti-EU", "non-EU". Before a capital letter the prefix is a token of its own
/// ("then-"), so that the name after it is found; before a lowercase word it stays glued
/// ("ex-wife", "anti-war").
const NAME_PREFIXES: &[&str] = &["then", "ex", "pro", "anti", "non"];

fn is_name_prefix(run: &[(usize, char)]) -> bool {
    let word: String = run.iter().map(|&(_, c)| c.to_ascii_lowercase()).collect();
    NAME_PREFIXES.contains(&word.as_str())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Combining marks and variation selectors stay with the character before them.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FE20}'..='\u{FE2F}' | '\u{E0100}'..='\u{E01EF}' | '\u{1F3FB}'..='\u{1F3FF}')
}

/// True when `mid` joins `before` and `after` into one token (`5,000`, `54.7`, `e-commerce`,
/// `O'Brien`, `AT&T`, `10:30`, `3/4`, `U.S`, `Amazon.com`).
fn joins(before: Option<char>, mid: char, after: char) -> bool {
    let Some(before) = before else { return false };
    match mid {
        '.' => before.is_alphanumeric() && after.is_alphanumeric(),
        ',' | ':' | '/' => before.is_ascii_digit() && after.is_ascii_digit(),
        '-' | '\u{2011}' => before.is_alphanumeric() && after.is_alphanumeric(),
        '\'' | '’' => before.is_alphabetic() && after.is_alphabetic(),
        '&' => before.is_uppercase() && after.is_uppercase(),
        _ => false,
    }
}

fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation()
            && !matches!(
                c,
                '$' | '%' | '&' | '+' | '<' | '=' | '>' | '^' | '|' | '~' | '#' | '@' | '*' | '`'
            );
    }
    matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '«' | '»' | '¡' | '¿' | '·' | '\u{3000}'..='\u{303F}'
        | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF1F}' | '\u{FF3B}'..='\u{FF3D}' | '\u{FF5B}'..='\u{FF5D}')
}

/// Emits the word run `chars[start..end]` (`end_byte` is its byte end), splitting a leading
/// currency code and trailing clitics.
fn emit_word_run(
    chars: &[(usize, char)],
    start: usize,
    end: usize,
    end_byte: usize,
    out: &mut Vec<Token>,
) {
    let Some(run) = chars.get(start..end) else {
        return;
    };
    let Some(&(start_byte, _)) = run.first() else {
        return;
    };
    let byte_at = |i: usize| run.get(i).map_or(end_byte, |&(o, _)| o);
    let c = |i: usize| run.get(i).map(|&(_, c)| c);
    let mut first = 0usize;
    // `USD54.7` -> `USD` `54.7`
    if run.len() > 3 && c(3).is_some_and(|d| d.is_ascii_digit()) {
        let code: String = run.iter().take(3).map(|&(_, c)| c).collect();
        if CURRENCY_CODES.contains(&code.as_str()) {
            out.push(Token {
                span: Span::new(start_byte, byte_at(3)),
                kind: TokenKind::Word,
            });
            first = 3;
        }
    }
    // Trailing clitic: `'s`, `n't`, `'ll`, `'re`, `'ve`, `'m`, `'d`.
    let n = run.len();
    let lower_tail: String = run
        .iter()
        .skip(n.saturating_sub(4))
        .map(|&(_, c)| c.to_ascii_lowercase())
        .collect();
    let tail: Vec<char> = lower_tail.chars().collect();
    let is_apos = |ch: char| ch == '\'' || ch == '’';
    let clitic_len = {
        let t = tail.len();
        let last2 = (t >= 2).then(|| (tail[t - 2], tail[t - 1]));
        let last3 = (t >= 3).then(|| (tail[t - 3], tail[t - 2], tail[t - 1]));
        match (last3, last2) {
            (Some(('n', a, 't')), _) if is_apos(a) => 3,
            (Some((a, 'l', 'l')), _) | (Some((a, 'r', 'e')), _) | (Some((a, 'v', 'e')), _)
                if is_apos(a) =>
            {
                3
            }
            (_, Some((a, 's' | 'm' | 'd'))) if is_apos(a) => 2,
            _ => 0,
        }
    };
    let split_at = if clitic_len > 0 && n > first + clitic_len {
        n - clitic_len
    } else {
        n
    };
    if split_at > first {
        let kind = run_kind(run.get(first..split_at).unwrap_or(&[]));
        out.push(Token {
            span: Span::new(byte_at(first), byte_at(split_at)),
            kind,
        });
    }
    if split_at < n {
        out.push(Token {
            span: Span::new(byte_at(split_at), end_byte),
            kind: TokenKind::Word,
        });
    }
}

fn run_kind(run: &[(usize, char)]) -> TokenKind {
    let starts_with_digit = run.first().is_some_and(|&(_, c)| c.is_ascii_digit());
    if starts_with_digit && !run.iter().any(|&(_, c)| c.is_alphabetic()) {
        TokenKind::Number
    } else {
        TokenKind::Word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text, Span::new(0, text.len()))
            .into_iter()
            .map(|t| t.span.slice(text))
            .collect()
    }

    #[test]
    fn token_table() {
        // (why, text, expected tokens)
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "possessive curly",
                "Amazon’s sales",
                &["Amazon", "’s", "sales"],
            ),
            (
                "possessive straight and plural",
                "the firm's and firms' cars",
                &["the", "firm", "'s", "and", "firms", "'", "cars"],
            ),
            ("contraction", "don't won't", &["do", "n't", "wo", "n't"]),
            (
                "numbers whole",
                "over 5,000 firms, 54.7 and 1,234.5",
                &["over", "5,000", "firms", ",", "54.7", "and", "1,234.5"],
            ),
            (
                "currency code glued",
                "USD54.7 billion",
                &["USD", "54.7", "billion"],
            ),
            (
                "currency prefix with dollar",
                "US$4.7 and HK$5",
                &["US$", "4.7", "and", "HK$", "5"],
            ),
            (
                "dollar and percent",
                "$5 rose 3.5%.",
                &["$", "5", "rose", "3.5", "%", "."],
            ),
            (
                "hyphenated words",
                "e-commerce cross-border",
                &["e-commerce", "cross-border"],
            ),
            (
                "a lowercase prefix before a name is a token of its own",
                "Then-U.S. President, ex-Google staff, pro-Trump and anti-war ex-wife",
                &[
                    "Then-",
                    "U.S.",
                    "President",
                    ",",
                    "ex-",
                    "Google",
                    "staff",
                    ",",
                    "pro-",
                    "Trump",
                    "and",
                    "anti-war",
                    "ex-wife",
                ],
            ),
            (
                "abbreviations keep their period",
                "the U.S. and Amazon Inc. said",
                &["the", "U.S.", "and", "Amazon", "Inc.", "said"],
            ),
            ("sentence period split", "It rose.", &["It", "rose", "."]),
            (
                "quote after period",
                "\"We won.\"",
                &["\"", "We", "won", ".", "\""],
            ),
            (
                "parentheses",
                "(Yicai) May 16 --",
                &["(", "Yicai", ")", "May", "16", "--"],
            ),
            ("ellipsis", "wait... no", &["wait", "...", "no"]),
            ("em dash between words", "this—that", &["this", "—", "that"]),
            (
                "ampersand company",
                "AT&T and R & D",
                &["AT&T", "and", "R", "&", "D"],
            ),
            ("domain", "Amazon.com rose", &["Amazon.com", "rose"]),
            ("initials", "J. K. Rowling", &["J.", "K.", "Rowling"]),
            (
                "No. before a number only",
                "ranked No. 1, said no.",
                &["ranked", "No.", "1", ",", "said", "no", "."],
            ),
            (
                "comma between words splits",
                "Wuhan,China",
                &["Wuhan", ",", "China"],
            ),
            ("emoji and CJK", "好 😀 ok", &["好", "😀", "ok"]),
            ("time", "at 10:30 a.m.", &["at", "10:30", "a.m."]),
        ];
        for (why, text, want) in cases {
            assert_eq!(toks(text), *want, "{why}");
        }
    }

    #[test]
    fn kinds() {
        let text = "USD 5,000 % ( Amazon";
        let kinds: Vec<TokenKind> = tokenize(text, Span::new(0, text.len()))
            .iter()
            .map(|t| t.kind)
            .collect();
        use TokenKind::*;
        assert_eq!(kinds, vec![Word, Number, Symbol, Punct, Word]);
    }
}
