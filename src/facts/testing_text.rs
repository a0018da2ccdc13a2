//! A deliberately SIMPLE sentence splitter and tokenizer, used only by the facts unit tests
//! (the pipeline and the PolNeAR evaluation use the real text layer, `crate::text`).
//!
//! It produces [`SentenceTokens`] in the shape the pipeline will hand over: PTB-like tokens
//! (punctuation split off, "Song’s" -> "Song" "’s", "didn’t" -> "did" "n’t", abbreviations
//! such as "U.S." and "Mr." kept whole) and sentences split after `.`, `!`, `?` (plus closing
//! quotes) before a capital, digit or opening quote, and at every line break.
//! It depends only on [`crate::span`] and the shared types of [`crate::facts`]; nothing in the
//! extraction rules may rely on its quirks.

use crate::facts::SentenceTokens;
use crate::span::Span;

/// Abbreviations whose period belongs to the word (lowercase, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "st",
    "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "aug",
    "sept", "sep", "oct", "nov", "dec", "mt", "ft", "rev", "pres", "gop", "u.s", "u.k", "d.c",
    "a.m", "p.m", "u.n", "e.g", "i.e", "ave", "dept", "est", "approx",
];

/// Splits `text` into sentences of tokens.
pub fn split_sentences(text: &str) -> Vec<SentenceTokens> {
    let tokens = tokenize(text);
    let mut sentences = Vec::new();
    let mut current: Vec<Span> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let tok = tokens[i];
        if let Some(&last) = current.last() {
            if gap_has_newline(text, last, tok) {
                push_sentence(&mut sentences, &mut current);
            }
        }
        current.push(tok);
        let surface = tok.slice(text);
        if matches!(surface, "." | "!" | "?") {
            // Closing quotes or brackets glued to the terminator stay in this sentence.
            let mut j = i + 1;
            while let Some(&next) = tokens.get(j) {
                if next.start == current.last().map_or(0, |s| s.end)
                    && matches!(next.slice(text), "”" | "\"" | "’" | "'" | ")" | "»" | "」")
                {
                    current.push(next);
                    j += 1;
                } else {
                    break;
                }
            }
            if let Some(&next) = tokens.get(j) {
                let glued = current.last().is_some_and(|s| s.end == next.start);
                if !glued && starts_sentence(next.slice(text)) {
                    push_sentence(&mut sentences, &mut current);
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push_sentence(&mut sentences, &mut current);
    sentences
}

fn push_sentence(sentences: &mut Vec<SentenceTokens>, current: &mut Vec<Span>) {
    if let (Some(first), Some(last)) = (current.first(), current.last()) {
        let span = Span::new(first.start as usize, last.end as usize);
        sentences.push(SentenceTokens {
            span,
            tokens: std::mem::take(current),
        });
    }
}

fn gap_has_newline(text: &str, left: Span, right: Span) -> bool {
    text.get(left.end as usize..right.start as usize)
        .is_some_and(|gap| gap.contains('\n'))
}

fn starts_sentence(token: &str) -> bool {
    token.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '“' | '"' | '‘' | '\'' | '«' | '「' | '(')
    })
}

/// Splits `text` into PTB-like tokens (byte spans into `text`).
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let start = k;
            let mut end = k + 1;
            loop {
                let here = chars.get(end).map(|&(_, ch)| ch);
                let next = chars.get(end + 1).map(|&(_, ch)| ch);
                match (here, next) {
                    (Some(h), _) if h.is_alphanumeric() => end += 1,
                    (Some(h), Some(n)) if is_joiner(h) && n.is_alphanumeric() => {
                        // A comma joins only digits ("204,202").
                        let prev_digit =
                            end > 0 && chars.get(end - 1).is_some_and(|p| p.1.is_ascii_digit());
                        if h == ',' && !(prev_digit && n.is_ascii_digit()) {
                            break;
                        }
                        end += 2;
                    }
                    _ => break,
                }
            }
            let word = text.get(byte_at(start)..byte_at(end)).unwrap_or("");
            // A period right after an abbreviation belongs to it.
            let mut word_end = end;
            if chars.get(end).map(|&(_, ch)| ch) == Some('.') && is_abbreviation(word) {
                word_end = end + 1;
            }
            push_word(&mut out, text, byte_at(start), byte_at(word_end));
            k = word_end;
            continue;
        }
        out.push(Span::new(byte_at(k), byte_at(k + 1)));
        k += 1;
    }
    out
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '.' | '\'' | '’' | '&' | ',' | '/')
}

fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    let mut letters = word.chars();
    let single_capital =
        matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    let dotted = word.contains('.') && word.split('.').all(|part| part.chars().count() <= 2);
    single_capital || (dotted && !word.chars().any(|c| c.is_ascii_digit()))
}

/// Pushes one word, splitting clitics off: "n’t" and "’s", "’re", "’ve", "’ll", "’d", "’m".
fn push_word(out: &mut Vec<Span>, text: &str, start: usize, end: usize) {
    let word = text.get(start..end).unwrap_or("");
    let lower = word.to_lowercase();
    let clitic_len = if lower.ends_with("n’t") {
        "n’t".len()
    } else if lower.ends_with("n't") {
        "n't".len()
    } else {
        0
    };
    if clitic_len > 0 && word.len() > clitic_len {
        let split = end.saturating_sub(clitic_len);
        if text.is_char_boundary(split) && split > start {
            out.push(Span::new(start, split));
            out.push(Span::new(split, end));
            return;
        }
    }
    if let Some(pos) = word.rfind(['\'', '’']) {
        let suffix = word.get(pos..).unwrap_or("");
        let tail = suffix.trim_start_matches(['\'', '’']).to_lowercase();
        if pos > 0 && matches!(tail.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m") {
            out.push(Span::new(start, start + pos));
            out.push(Span::new(start + pos, end));
            return;
        }
    }
    out.push(Span::new(start, end));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn tokens_are_ptb_like() {
        let cases: &[(&str, &[&str])] = &[
            ("Song’s office", &["Song", "’s", "office"]),
            ("didn’t go.", &["did", "n’t", "go", "."]),
            ("don't", &["do", "n't"]),
            ("the U.S. economy", &["the", "U.S.", "economy"]),
            ("Mr. Smith said,", &["Mr.", "Smith", "said", ","]),
            (
                "“Yes,” he said.",
                &["“", "Yes", ",", "”", "he", "said", "."],
            ),
            ("$204,202 and 54.7", &["$", "204,202", "and", "54.7"]),
            ("cross-border e-commerce", &["cross-border", "e-commerce"]),
            ("O’Malley", &["O’Malley"]),
        ];
        for (text, want) in cases {
            assert_eq!(&surfaces(text), want, "tokenizing {text:?}");
        }
    }

    #[test]
    fn sentences_split_at_terminators_and_lines() {
        let text = "“It works,” he said. “We are done.” Then Mr. Li left.\nNew line here";
        let got: Vec<&str> = split_sentences(text)
            .iter()
            .map(|s| s.span.slice(text))
            .collect();
        assert_eq!(
            got,
            vec![
                "“It works,” he said.",
                "“We are done.”",
                "Then Mr. Li left.",
                "New line here"
            ]
        );
    }

    #[test]
    fn lowercase_after_question_does_not_split() {
        let text = "“Why?” she asked.";
        assert_eq!(split_sentences(text).len(), 1);
    }
}
