//! The value lexer: splits one sentence of clean text into the tokens the value rules
//! match on. Words, numbers (with thousands separators and a decimal part folded in) and
//! single punctuation/symbol characters; letters and digits are split apart ("USD54.7",
//! "5m", "19th", "1990s") and each token remembers whether it was glued to the previous
//! one. Depends only on `crate::span`.

use crate::span::Span;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters only.
    Word,
    /// Digits, with `,` groups and one `.` fraction folded in.
    Number,
    /// One other non-space character.
    Symbol,
}

/// A token's normalised text: borrowed from the sentence when it is already normal (the
/// common case: lowercase words, plain digits, symbols), owned otherwise. Derefs to `str`.
#[derive(Clone, PartialEq, Eq)]
pub enum Norm<'a> {
    Borrowed(&'a str),
    Owned(Box<str>),
}

impl<'a> Norm<'a> {
    /// Lowercases `s`, borrowing when nothing changes.
    fn lowercase(s: &'a str) -> Norm<'a> {
        if s.is_ascii() {
            if !s.bytes().any(|b| b.is_ascii_uppercase()) {
                return Norm::Borrowed(s);
            }
            return Norm::Owned(s.to_ascii_lowercase().into_boxed_str());
        }
        let lower = s.to_lowercase();
        if lower == s {
            Norm::Borrowed(s)
        } else {
            Norm::Owned(lower.into_boxed_str())
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match self {
            Norm::Borrowed(s) => s,
            Norm::Owned(s) => s,
        }
    }
}

impl std::ops::Deref for Norm<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Norm<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Norm<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl std::fmt::Debug for Norm<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Norm<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One token: its byte span in the clean text and its normalised text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub span: Span,
    pub kind: TokenKind,
    /// Lowercased word, the number without group separators, or the symbol itself.
    pub norm: Norm<'a>,
    /// True when whitespace (or the sentence start) precedes the token.
    pub space_before: bool,
    /// Numbers: digits before the decimal point, as written (leading zeros kept).
    pub int_digits: u8,
    /// Numbers: written with thousands separators.
    pub grouped: bool,
    /// Words: first letter is uppercase.
    pub capitalised: bool,
    /// Words: some letter is uppercase ("iPhone", "EADS").
    pub has_upper: bool,
}

impl Token<'_> {
    /// True when this is the word `w` (lowercase).
    pub fn is(&self, w: &str) -> bool {
        self.norm == w
    }
    /// True for a word token.
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
    /// True for a number token.
    pub fn is_number(&self) -> bool {
        self.kind == TokenKind::Number
    }
    /// True for a plain integer without separators or fraction.
    pub fn is_plain_integer(&self) -> bool {
        self.kind == TokenKind::Number && !self.grouped && !self.norm.contains('.')
    }
}

/// Tokenises `text[span]`; spans in the result are absolute offsets into `text`.
/// An out-of-range or non-boundary span yields no tokens.
pub fn tokenize(text: &str, span: Span) -> Vec<Token<'_>> {
    let Some(sentence) = text.get(span.range()) else {
        return Vec::new();
    };
    let base = span.start as usize;
    let bytes = sentence.as_bytes();
    let mut tokens = Vec::with_capacity(sentence.len() / 5 + 1);
    let mut space_before = true;
    let mut pos = 0;
    while let Some(&b) = bytes.get(pos) {
        let start = pos;
        // `pos` always sits on a char boundary: it only advances by whole chars or token ends.
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            sentence
                .get(pos..)
                .and_then(|s| s.chars().next())
                .unwrap_or(' ')
        };
        if c.is_whitespace() {
            space_before = true;
            pos += c.len_utf8();
            continue;
        }
        let (end, kind, norm, int_digits, grouped) = if c.is_ascii_digit() {
            lex_number(sentence, start)
        } else if c.is_alphabetic() {
            let rest = sentence.get(start..).unwrap_or("");
            let len = rest
                .find(|ch: char| !ch.is_alphabetic())
                .unwrap_or(rest.len());
            let word = rest.get(..len).unwrap_or("");
            (
                start + len,
                TokenKind::Word,
                Norm::lowercase(word),
                0,
                false,
            )
        } else {
            let end = start + c.len_utf8();
            (
                end,
                TokenKind::Symbol,
                Norm::Borrowed(sentence.get(start..end).unwrap_or("")),
                0,
                false,
            )
        };
        pos = end.max(start + 1);
        tokens.push(Token {
            span: Span::new(base + start, base + end),
            kind,
            norm,
            space_before,
            int_digits,
            grouped,
            capitalised: kind == TokenKind::Word && c.is_uppercase(),
            has_upper: kind == TokenKind::Word
                && sentence.get(start..end).is_some_and(|w| {
                    if w.is_ascii() {
                        w.bytes().any(|b| b.is_ascii_uppercase())
                    } else {
                        w.chars().any(char::is_uppercase)
                    }
                }),
        });
        space_before = false;
    }
    tokens
}

/// Lexes digits at `start` (an ASCII digit): `5,000`, `54.7`, `1,234.5`.
fn lex_number(sentence: &str, start: usize) -> (usize, TokenKind, Norm<'_>, u8, bool) {
    let bytes = sentence.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_digit());
    let mut i = start;
    let mut norm = String::new();
    while digit_at(i) {
        norm.extend(bytes.get(i).map(|b| char::from(*b)));
        i += 1;
    }
    let mut int_digits = norm.len();
    let mut grouped = false;
    // Thousands groups: ",ddd" not followed by another digit; the first group has 1-3 digits.
    while norm.len() <= 3 || grouped {
        if bytes.get(i) == Some(&b',')
            && digit_at(i + 1)
            && digit_at(i + 2)
            && digit_at(i + 3)
            && !digit_at(i + 4)
        {
            for k in 1..4 {
                norm.extend(bytes.get(i + k).map(|b| char::from(*b)));
            }
            int_digits += 3;
            grouped = true;
            i += 4;
        } else {
            break;
        }
    }
    if bytes.get(i) == Some(&b'.') && digit_at(i + 1) {
        norm.push('.');
        i += 1;
        while digit_at(i) {
            norm.extend(bytes.get(i).map(|b| char::from(*b)));
            i += 1;
        }
    }
    // Borrow the digits when nothing was removed (no group separators).
    let written = sentence.get(start..i).unwrap_or("");
    let norm = if written.len() == norm.len() {
        Norm::Borrowed(written)
    } else {
        Norm::Owned(norm.into_boxed_str())
    };
    (
        i,
        TokenKind::Number,
        norm,
        u8::try_from(int_digits).unwrap_or(u8::MAX),
        grouped,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        tokenize(s, Span::new(0, s.len()))
            .into_iter()
            .map(|t| t.norm.to_string())
            .collect()
    }

    #[test]
    fn splits_letters_digits_and_symbols() {
        let cases: &[(&str, &[&str])] = &[
            ("USD54.7 billion", &["usd", "54.7", "billion"]),
            ("over 5,000 local", &["over", "5000", "local"]),
            ("$5m-$7m", &["$", "5", "m", "-", "$", "7", "m"]),
            ("the 1990s.", &["the", "1990", "s", "."]),
            ("1,2345", &["1", ",", "2345"]),
            ("Sept. 30, 1989", &["sept", ".", "30", ",", "1989"]),
            ("19th", &["19", "th"]),
            ("中国 2024年", &["中国", "2024", "年"]),
        ];
        for (input, expected) in cases {
            assert_eq!(
                norms(input),
                expected.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                "{input}"
            );
        }
    }

    #[test]
    fn spans_slice_to_surface() {
        let s = "Amazon’s sales rose 7% to €5bn";
        for t in tokenize(s, Span::new(0, s.len())) {
            assert!(!t.span.slice(s).is_empty(), "{t:?}");
        }
        assert!(
            tokenize(s, Span::new(0, 8)).is_empty(),
            "non-boundary span must give nothing"
        );
    }
}
