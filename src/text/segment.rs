//! Sentence splitting for news English over the clean text.
//!
//! Owns [`split_sentences`] and the abbreviation lexicon shared with the tokenizer. Rules, in
//! order: a blank line always ends a sentence; terminal punctuation (`.`, `!`, `?`, `…`, CJK
//! full stops) followed by optional closing quotes/brackets and whitespace ends one unless the
//! next word starts lowercase or the period belongs to an abbreviation (titles such as `Mr.`
//! never end a sentence; `No.`/months before a number do not; ambiguous ones such as `Inc.`,
//! `U.S.`, initials end one only when a typical sentence opener or a line break follows); a line
//! break ends one when the line has no terminal punctuation (headline, dateline, list item) and
//! the next line does not start lowercase or continue after a comma. Linear time: each
//! character is looked at a bounded number of times. Depends on `crate::span` only.

use crate::span::Span;

/// Titles and other abbreviations that never end a sentence (lowercase, without the final period).
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "mme", "mlle", "dr", "drs", "prof", "profs", "gov", "govs", "sen",
    "sens", "rep", "reps", "gen", "gens", "col", "lt", "capt", "cpt", "sgt", "cpl", "pvt", "adm",
    "maj", "cmdr", "cmdt", "rev", "hon", "pres", "supt", "insp", "det", "st", "mt", "ft", "fr",
    "sr", "vs", "v", "e.g", "i.e", "cf", "approx", "dept", "univ", "assn", "atty", "gov't", "rt",
    "brig", "lieut",
];
/// Abbreviations that do not end a sentence when a number follows (`No. 5`, `Jan. 5`, `p. 12`).
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "vol", "vols", "pp", "p", "fig", "figs", "art", "ch", "sec", "op", "ref", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "tel", "ext",
    "para", "par",
];
/// Abbreviations that may or may not end a sentence.
const AMBIGUOUS: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "bros", "jr", "etc", "ave", "blvd", "rd", "est",
    "govt", "intl", "cos", "mfg", "dist", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
    "sun", "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan",
    "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore",
    "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "a.m", "p.m",
];
/// Words that typically open a sentence; after an ambiguous abbreviation they signal a boundary.
const SENTENCE_OPENERS: &[&str] = &[
    "a",
    "an",
    "the",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "if",
    "when",
    "while",
    "after",
    "before",
    "as",
    "since",
    "however",
    "meanwhile",
    "according",
    "last",
    "earlier",
    "later",
    "also",
    "now",
    "some",
    "many",
    "most",
    "all",
    "both",
    "each",
    "other",
    "such",
    "what",
    "who",
    "why",
    "how",
    "where",
    "one",
    "two",
    "no",
    "not",
    "still",
    "then",
    "thus",
    "although",
    "though",
    "despite",
    "during",
    "under",
    "over",
    "about",
    "by",
    "to",
    "of",
    "officials",
    "shares",
    "analysts",
    "police",
];

/// True when `word` (without its final period, any case) is an abbreviation that keeps its
/// period as part of the token: titles, known abbreviations, dotted initialisms (`U.S`, `a.m`),
/// single capital letters; `No`, `p`, `Vol` and the like only before a number (`No. 5`, but
/// `said no.` ends with a period token).
pub(crate) fn is_abbreviation(word: &str, number_follows: bool) -> bool {
    // "then-U.S.", "ex-Gov.": the part after a hyphen decides, when it is more than one letter.
    if let Some((_, tail)) = word.rsplit_once('-') {
        return tail.chars().count() > 1 && is_abbreviation(tail, number_follows);
    }
    let lower = word.to_lowercase();
    let l = lower.as_str();
    NEVER_FINAL.contains(&l)
        || AMBIGUOUS.contains(&l)
        || is_initialism(word)
        || (number_follows && BEFORE_NUMBER.contains(&l))
}

/// `U.S`, `D.C`, `a.m`, `J` (the final period not included): letters separated by single periods,
/// each part at most two letters, or one uppercase letter.
fn is_initialism(word: &str) -> bool {
    let mut parts = 0usize;
    for part in word.split('.') {
        let n = part.chars().count();
        if n == 0 || n > 2 || !part.chars().all(char::is_alphabetic) {
            return false;
        }
        parts += 1;
    }
    if parts == 1 {
        let mut cs = word.chars();
        return matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase());
    }
    true
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '‼' | '⁇')
}

fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

/// Closing quotes and brackets that stay with the sentence before them.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '}' | '»' | '›' | '」' | '』' | '）'
    )
}

/// Opening quotes and brackets that belong to the following sentence.
pub(crate) fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '(' | '[' | '{' | '«' | '‹' | '「' | '『' | '（' | '`'
    )
}

/// Splits `region` of `text` into sentences; returned spans are trimmed of whitespace, non-empty,
/// in order, and lie inside `region`. A region not on char boundaries yields nothing.
pub fn split_sentences(text: &str, region: Span) -> Vec<Span> {
    let Some(body) = text.get(region.range()) else {
        return Vec::new();
    };
    let base = region.start as usize;
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let len = chars.len();
    let ch = |k: usize| chars.get(k).map(|&(_, c)| c);
    let mut boundaries: Vec<usize> = Vec::new(); // char indices where a sentence ends (exclusive)
    let push = |boundaries: &mut Vec<usize>, at: usize| {
        if boundaries.last().is_none_or(|&last| at > last) {
            boundaries.push(at);
        }
    };
    // Whitespace up to this char index was already judged by a punctuation decision.
    let mut judged_until = 0usize;
    let mut k = 0usize;
    while k < len {
        let Some(c) = ch(k) else { break };
        if is_terminal(c) {
            let mut run_end = k + 1;
            while ch(run_end).is_some_and(is_terminal) {
                run_end += 1;
            }
            let mut e = run_end;
            // Right after terminal punctuation even an opening-style quote closes (`decision.“`).
            while e < len
                && e - run_end < 4
                && ch(e).is_some_and(|q| is_closer(q) || matches!(q, '“' | '‘'))
            {
                e += 1;
            }
            let (boundary, next) = judge_terminal(&chars, k, run_end, e);
            if boundary {
                push(&mut boundaries, e);
            }
            judged_until = next;
            k = e.max(k + 1);
            continue;
        }
        if c == '\n' && k >= judged_until {
            let (boundary, next) = judge_line_break(&chars, k);
            if boundary {
                push(&mut boundaries, k);
            }
            k = next.max(k + 1);
            continue;
        }
        k += 1;
    }
    push(&mut boundaries, len);

    let mut out = Vec::with_capacity(boundaries.len());
    let mut prev = 0usize;
    for &b in &boundaries {
        let start = chars.get(prev).map_or(body.len(), |&(o, _)| o);
        let end = chars.get(b).map_or(body.len(), |&(o, _)| o);
        prev = b;
        let Some(piece) = body.get(start..end) else {
            continue;
        };
        let trimmed_start = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if trimmed.is_empty() {
            continue;
        }
        let s = base + start + trimmed_start;
        out.push(Span::new(s, s + trimmed.len()));
    }
    out
}

/// Decides whether terminal punctuation `chars[k..run_end]` plus closers up to `e` ends a
/// sentence. Also returns the index of the next non-whitespace char (whitespace before it is judged).
fn judge_terminal(chars: &[(usize, char)], k: usize, run_end: usize, e: usize) -> (bool, usize) {
    let ch = |i: usize| chars.get(i).map(|&(_, c)| c);
    let len = chars.len();
    let run_is_cjk = ch(k).is_some_and(is_cjk_terminal);
    match ch(e) {
        None => return (true, e),
        Some(c) if !c.is_whitespace() => return (run_is_cjk, e),
        _ => {}
    }
    let (j, newlines) = skip_whitespace(chars, e);
    if j >= len || newlines >= 2 {
        return (true, j);
    }
    let mut m = j;
    while m < len && m - j < 4 && ch(m).is_some_and(is_opener) {
        m += 1;
    }
    let Some(next) = ch(m) else { return (true, j) };
    if next.is_lowercase() {
        return (false, j);
    }
    // A detached ellipsis or period follows (`Scientology. ... The`): let that run decide.
    if m == j && is_terminal(next) {
        return (false, j);
    }
    // An attribution dash follows a quote (`game." - Matthew Ingram`, `" — Edmonton Sun`).
    if matches!(next, '-' | '—' | '–')
        && ch(m + 1).is_some_and(char::is_whitespace)
        && ch(e.saturating_sub(1)).is_some_and(is_closer)
    {
        return (false, j);
    }
    let single_period = run_end == k + 1 && ch(k) == Some('.');
    if !single_period {
        return (true, j);
    }
    // The word the period is attached to.
    let mut w = k;
    while w > 0 && k - w < 40 && ch(w - 1).is_some_and(|c| !c.is_whitespace()) {
        w -= 1;
    }
    while w < k && ch(w).is_some_and(is_opener) {
        w += 1;
    }
    let word: String = chars
        .get(w..k)
        .unwrap_or(&[])
        .iter()
        .map(|&(_, c)| c)
        .collect();
    if word.is_empty() {
        return (true, j);
    }
    // "then-U.S. President", "ex-Gov. Smith": the part after a hyphen is the word.
    let word = match word.rsplit_once('-') {
        Some((_, tail)) if tail.chars().count() > 1 => tail.to_string(),
        _ => word,
    };
    // `1. First item`: a list marker at the start of a line is not a sentence.
    let at_line_start = w == 0 || ch(w - 1) == Some('\n');
    if at_line_start && word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit()) {
        return (false, j);
    }
    let lower = word.to_lowercase();
    let l = lower.as_str();
    let next_is_digit = next.is_ascii_digit();
    let line_break_follows = newlines > 0;
    if NEVER_FINAL.contains(&l) {
        return (false, j);
    }
    if BEFORE_NUMBER.contains(&l) && next_is_digit {
        return (false, j);
    }
    if AMBIGUOUS.contains(&l) || is_initialism(&word) {
        let next_word: String = chars
            .get(m..)
            .unwrap_or(&[])
            .iter()
            .map(|&(_, c)| c)
            .take(20)
            .take_while(|c| c.is_alphanumeric() || *c == '\'')
            .collect::<String>()
            .to_lowercase();
        // `J. A. Smith`: another initial follows, so this is a name, not a sentence end.
        let next_is_initial = next_word.chars().count() == 1
            && next.is_uppercase()
            && chars.get(m + 1).is_some_and(|&(_, c)| c == '.');
        if next_is_initial {
            return (false, j);
        }
        let opener = SENTENCE_OPENERS.contains(&next_word.as_str()) || m > j;
        return (opener || line_break_follows, j);
    }
    (true, j)
}

/// The index of the first non-whitespace char at or after `from`, and how many line feeds
/// the whitespace run holds.
fn skip_whitespace(chars: &[(usize, char)], from: usize) -> (usize, usize) {
    let mut j = from;
    let mut newlines = 0usize;
    while let Some(&(_, c)) = chars.get(j) {
        if !c.is_whitespace() {
            break;
        }
        if c == '\n' {
            newlines += 1;
        }
        j += 1;
    }
    (j, newlines)
}

/// Decides whether the line break at `chars[k]` ends a sentence; returns the index after the
/// whitespace run it starts.
fn judge_line_break(chars: &[(usize, char)], k: usize) -> (bool, usize) {
    let ch = |i: usize| chars.get(i).map(|&(_, c)| c);
    let len = chars.len();
    let (j, newlines) = skip_whitespace(chars, k);
    if j >= len {
        return (false, j);
    }
    if newlines >= 2 {
        return (true, j);
    }
    // Last visible char of the line that ends here.
    let mut p = k;
    let mut last = None;
    while p > 0 {
        p -= 1;
        match ch(p) {
            Some('\n') | None => break,
            Some(c) if c.is_whitespace() => continue,
            Some(c) => {
                last = Some(c);
                break;
            }
        }
    }
    let Some(last) = last else { return (false, j) };
    if matches!(last, ',' | ';' | ':' | '(' | '-' | '–' | '—' | '&' | '/')
        || is_opener(last) && !is_closer(last)
    {
        return (false, j);
    }
    let mut m = j;
    while m < len && m - j < 4 && ch(m).is_some_and(is_opener) {
        m += 1;
    }
    let boundary = ch(m).is_some_and(|c| !c.is_lowercase());
    (boundary, j)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text, Span::new(0, text.len()))
            .into_iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn sentence_table() {
        // (why, text, expected sentences)
        let cases: &[(&str, &str, &[&str])] = &[
            ("plain two", "It rose. It fell.", &["It rose.", "It fell."]),
            (
                "title never ends",
                "Mr. Smith met Dr. Jones. They left.",
                &["Mr. Smith met Dr. Jones.", "They left."],
            ),
            (
                "initials chain with A.",
                "Dr. J. A. Smith said. A. B. Cole agreed.",
                &["Dr. J. A. Smith said.", "A. B. Cole agreed."],
            ),
            (
                "initials",
                "Author J. K. Rowling spoke. Fans cheered.",
                &["Author J. K. Rowling spoke.", "Fans cheered."],
            ),
            (
                "an abbreviation after a hyphenated prefix",
                "He met then-U.S. President Obama and ex-Gov. Smith. They left.",
                &[
                    "He met then-U.S. President Obama and ex-Gov. Smith.",
                    "They left.",
                ],
            ),
            (
                "U.S. mid-sentence",
                "The U.S. Senate voted. It passed.",
                &["The U.S. Senate voted.", "It passed."],
            ),
            (
                "U.S. at end before opener",
                "He moved to the U.S. The move paid.",
                &["He moved to the U.S.", "The move paid."],
            ),
            (
                "Inc. mid and end",
                "Apple Inc. said sales rose at Apple Inc. The stock fell.",
                &[
                    "Apple Inc. said sales rose at Apple Inc.",
                    "The stock fell.",
                ],
            ),
            (
                "no. as a word ends the sentence",
                "He said no. Then he left.",
                &["He said no.", "Then he left."],
            ),
            (
                "numbered list markers",
                "Steps:\n1. Open the box.\n2. Read it.",
                &["Steps:\n1. Open the box.", "2. Read it."],
            ),
            (
                "plural title",
                "Sens.\nRand Paul and Marco Rubio spoke.",
                &["Sens.\nRand Paul and Marco Rubio spoke."],
            ),
            (
                "No. before number",
                "It ranked No. 1 in sales. Rivals lagged.",
                &["It ranked No. 1 in sales.", "Rivals lagged."],
            ),
            (
                "month abbreviation with day",
                "On Jan. 5 it opened. Crowds came.",
                &["On Jan. 5 it opened.", "Crowds came."],
            ),
            (
                "a.m. then opener",
                "It opened at 9 a.m. The crowd grew.",
                &["It opened at 9 a.m.", "The crowd grew."],
            ),
            (
                "decimals and amounts",
                "Sales rose 3.5% to USD54.7 billion. Costs fell.",
                &["Sales rose 3.5% to USD54.7 billion.", "Costs fell."],
            ),
            (
                "period inside closing quote",
                "He said \"we won.\" Then he left.",
                &["He said \"we won.\"", "Then he left."],
            ),
            (
                "curly quotes",
                "She said “it works.” Others agreed.",
                &["She said “it works.”", "Others agreed."],
            ),
            (
                "question inside quote then lowercase",
                "\"Why?\" he asked. Nobody knew.",
                &["\"Why?\" he asked.", "Nobody knew."],
            ),
            (
                "next sentence opens with quote",
                "He left. \"We won,\" he said.",
                &["He left.", "\"We won,\" he said."],
            ),
            (
                "parenthesised sentence",
                "It fell. (Shares rose later.) Then it ended.",
                &["It fell.", "(Shares rose later.)", "Then it ended."],
            ),
            (
                "exclamation and ellipsis",
                "Wow! It works... Really.",
                &["Wow!", "It works...", "Really."],
            ),
            (
                "lowercase after period is not a boundary",
                "The e.g. case and the etc. case.",
                &["The e.g. case and the etc. case."],
            ),
            (
                "headline line without period",
                "Amazon opens Wuhan office\nThe office opened.",
                &["Amazon opens Wuhan office", "The office opened."],
            ),
            (
                "wrapped line continues lowercase",
                "The office\nopened today.",
                &["The office\nopened today."],
            ),
            (
                "line ending in comma continues",
                "Song said,\nThe plan works.",
                &["Song said,\nThe plan works."],
            ),
            (
                "blank line always splits",
                "Image: Navy\n\nthe caption",
                &["Image: Navy", "the caption"],
            ),
            (
                "number ends sentence",
                "It was founded in 2017. The firm grew.",
                &["It was founded in 2017.", "The firm grew."],
            ),
            (
                "CJK full stop without space",
                "今天下雨。明天晴。",
                &["今天下雨。", "明天晴。"],
            ),
            (
                "detached ellipsis joins",
                "He left. ... The end came.",
                &["He left. ...", "The end came."],
            ),
            (
                "attribution dash after quote",
                "\"It is a long game.\" - Matthew Ingram\n\nNext.",
                &["\"It is a long game.\" - Matthew Ingram", "Next."],
            ),
            (
                "reversed curly quote closes",
                "It was “misguided.“ However, it went on.",
                &["It was “misguided.“", "However, it went on."],
            ),
            (
                "domain stays whole",
                "Visit Amazon.com today. Now.",
                &["Visit Amazon.com today.", "Now."],
            ),
        ];
        for (why, text, want) in cases {
            assert_eq!(split(text), *want, "{why}");
        }
    }

    #[test]
    fn region_is_respected_and_trimmed() {
        let text = "HEAD -- Body one. Body two.\nTrailer";
        let spans = split_sentences(text, Span::new(8, 27));
        let got: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
        assert_eq!(got, vec!["Body one.", "Body two."]);
        assert!(split_sentences("é", Span::new(0, 1)).is_empty());
    }

    #[test]
    fn abbreviation_lexicon() {
        for w in [
            "U.S", "Inc", "Mr", "J", "a.m", "D.C", "e.g", "Jan", "then-U.S", "ex-Gov",
        ] {
            assert!(is_abbreviation(w, false), "{w}");
        }
        for w in [
            "Amazon",
            "billion",
            "2017",
            "USA",
            "Amazon.com",
            "no",
            "p",
            "Model-T",
            "well-known",
        ] {
            assert!(!is_abbreviation(w, false), "{w}");
        }
        assert!(is_abbreviation("No", true) && is_abbreviation("p", true));
    }
}
