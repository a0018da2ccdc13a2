//! A body sentence seen the way the fact rules read it: lowercased tokens with the entity
//! mentions and normalised values laid over them, plus the helpers every rule shares
//! (which entity starts at a token, which value covers a token, the clause around a token,
//! negation and hedging cues).
//!
//! Owns no rule; `roles`, `events`, `places`, `metrics` and `plans` build on it. Depends on
//! [`crate::span`], [`crate::values`] (value kinds) and the facts types in `super`.

use crate::span::Span;
use crate::values::{Dimension, Value, ValueData};

use super::{FactInput, MentionKind, MentionRef, Modality};

/// One token of a sentence.
#[derive(Clone, Debug)]
pub struct Tok {
    /// Where it is in the clean text.
    pub span: Span,
    /// Lowercased surface, with curly apostrophes folded to `'`.
    pub norm: String,
}

/// A mention laid over tokens `first..=last`.
#[derive(Clone, Copy, Debug)]
pub struct TokMention {
    pub first: usize,
    pub last: usize,
    pub entity_id: u32,
    pub kind: MentionKind,
}

/// A value laid over tokens `first..=last`; `index` is its position in `Document.values`.
#[derive(Clone, Copy, Debug)]
pub struct TokValue {
    pub first: usize,
    pub last: usize,
    pub index: u32,
}

/// A sentence with its tokens, mentions and values.
pub struct SentenceView<'a> {
    pub input: &'a FactInput<'a>,
    pub span: Span,
    pub toks: Vec<Tok>,
    pub mentions: Vec<TokMention>,
    pub values: Vec<TokValue>,
}

impl<'a> SentenceView<'a> {
    /// Builds the view of one sentence; tokens inside `input.skip` spans (dateline, byline)
    /// are left out so their dates and names never become arguments.
    pub fn new(input: &'a FactInput<'a>, span: Span, token_spans: &[Span]) -> SentenceView<'a> {
        let mut toks: Vec<Tok> = Vec::with_capacity(token_spans.len());
        for t in token_spans.iter().filter(|t| !input.skip.iter().any(|s| s.overlaps(**t))) {
            let norm = t.slice(input.text).to_lowercase().replace('’', "'");
            // "Corp.'s" is tokenised "Corp." "'" "s": glue the possessive back together.
            if let Some(prev) = toks.last_mut() {
                if norm == "s" && prev.norm == "'" && prev.span.end == t.start {
                    prev.span = prev.span.cover(*t);
                    prev.norm = "'s".to_string();
                    continue;
                }
            }
            toks.push(Tok { span: *t, norm });
        }
        let covering = |s: Span| -> Option<(usize, usize)> {
            let first = toks.iter().position(|t| t.span.overlaps(s))?;
            let last = toks.iter().rposition(|t| t.span.overlaps(s))?;
            Some((first, last))
        };
        let mut mentions: Vec<TokMention> = input
            .mentions
            .iter()
            .filter(|m: &&MentionRef| span.contains(m.span) && !is_bare_company_suffix(m.span.slice(input.text)))
            .filter_map(|m| covering(m.span).map(|(first, last)| TokMention { first, last, entity_id: m.entity_id, kind: m.kind }))
            .collect();
        mentions.sort_by_key(|m| (m.first, m.last, m.entity_id));
        let values: Vec<TokValue> = input
            .values
            .iter()
            .enumerate()
            .filter(|(_, v)| span.contains(v.span))
            .filter_map(|(i, v)| {
                let (first, last) = covering(v.span)?;
                Some(TokValue { first, last, index: u32::try_from(i).ok()? })
            })
            .collect();
        SentenceView { input, span, toks, mentions, values }
    }

    /// Lowercased token `i`, or `""` past either end.
    pub fn w(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.norm.as_str())
    }

    /// Lowercased token at `i + d` (d may be negative), or `""`.
    pub fn at(&self, i: usize, d: isize) -> &str {
        i.checked_add_signed(d).map_or("", |k| self.w(k))
    }

    /// The span of token `i` (empty span at the sentence start when out of range).
    pub fn tspan(&self, i: usize) -> Span {
        self.toks.get(i).map_or(Span::new(self.span.start as usize, self.span.start as usize), |t| t.span)
    }

    /// The span covering tokens `first..=last`.
    pub fn range_span(&self, first: usize, last: usize) -> Span {
        self.tspan(first).cover(self.tspan(last))
    }

    /// The mention starting at token `i`.
    pub fn mention_starting(&self, i: usize) -> Option<TokMention> {
        self.mentions.iter().copied().filter(|m| m.first == i).max_by_key(|m| m.last)
    }

    /// The mention ending at token `i`.
    pub fn mention_ending(&self, i: usize) -> Option<TokMention> {
        self.mentions.iter().copied().filter(|m| m.last == i).min_by_key(|m| m.first)
    }

    /// The value covering token `i`.
    pub fn value_at(&self, i: usize) -> Option<TokValue> {
        self.values.iter().copied().find(|v| v.first <= i && i <= v.last)
    }

    /// The value starting at token `i`.
    pub fn value_starting(&self, i: usize) -> Option<TokValue> {
        self.values.iter().copied().find(|v| v.first == i)
    }

    /// The last token of a value including a quantity's counted noun ("19 overseas sites").
    pub fn value_extent(&self, v: TokValue) -> usize {
        let counted_end = match self.value(v).map(|x| &x.data) {
            Some(ValueData::Quantity(q)) => q.counted.as_ref().map(|c| c.span.end),
            _ => None,
        };
        match counted_end {
            Some(end) => self.toks.iter().rposition(|t| t.span.end <= end).unwrap_or(v.last).max(v.last),
            None => v.last,
        }
    }

    /// The value behind a [`TokValue`].
    pub fn value(&self, v: TokValue) -> Option<&'a Value> {
        self.input.values.get(v.index as usize)
    }

    /// The dimension of a value.
    pub fn dim(&self, v: TokValue) -> Option<Dimension> {
        self.value(v).map(|x| x.dim)
    }

    /// True for a calendar date or period (not a duration, not a set).
    pub fn is_date(&self, v: TokValue) -> bool {
        matches!(self.value(v).map(|x| &x.data), Some(ValueData::Time(t)) if t.timex_type == crate::values::TimexType::Date)
    }

    /// True for a duration ("three years", "the next two to three years").
    pub fn is_duration(&self, v: TokValue) -> bool {
        matches!(self.value(v).map(|x| &x.data), Some(ValueData::Time(t)) if t.timex_type == crate::values::TimexType::Duration)
    }

    /// True for an amount: money, percent, quantity or a plain number.
    pub fn is_amount(&self, v: TokValue) -> bool {
        matches!(self.dim(v), Some(Dimension::Money | Dimension::Percent | Dimension::Quantity | Dimension::Number))
    }

    /// The clause around token `i`: bounded by the sentence ends, `;`, `:`, ` -- ` and
    /// quotation marks. Commas do not bound it (rules check them themselves).
    pub fn clause(&self, i: usize) -> (usize, usize) {
        let is_bound = |t: &Tok| matches!(t.norm.as_str(), ";" | ":" | "--" | "—" | "“" | "”" | "\"");
        let first = self.toks.get(..i).and_then(|s| s.iter().rposition(is_bound)).map_or(0, |p| p + 1);
        let last = self
            .toks
            .get(i..)
            .and_then(|s| s.iter().position(is_bound))
            .map_or(self.toks.len().saturating_sub(1), |p| (i + p).saturating_sub(1));
        (first, last.max(first))
    }

    /// The date value of the clause around token `i` nearest to it, if any.
    pub fn clause_date(&self, i: usize) -> Option<TokValue> {
        let (first, last) = self.clause(i);
        self.values
            .iter()
            .copied()
            .filter(|v| v.first >= first && v.last <= last && self.is_date(*v))
            .min_by_key(|v| if v.first > i { v.first - i } else { i - v.last })
    }

    /// How the clause asserts what is at token `i`: negated ("not", "never", "n't" just
    /// before), speculative ("may", "could", "is expected to", "reportedly"), planned
    /// ("will", "plans to"), reported (inside a quote's content), else asserted.
    pub fn modality(&self, i: usize) -> Modality {
        let (first, _) = self.clause(i);
        let window: Vec<&str> = (first.max(i.saturating_sub(4))..i).map(|k| self.w(k)).collect();
        let has = |ws: &[&str]| window.iter().any(|w| ws.contains(w));
        if has(&["not", "n't", "never", "no"]) {
            return Modality::Negated;
        }
        let expected = window.windows(2).any(|p| matches!(p, ["expected" | "likely" | "set", "to"]));
        if has(&["may", "might", "could", "would", "reportedly", "allegedly", "possibly"]) || expected {
            return Modality::Speculative;
        }
        let span = self.tspan(i);
        if self.input.quote_contents.iter().any(|c| c.contains(span)) {
            return Modality::Reported;
        }
        if has(&["will", "'ll", "shall"]) || window.windows(2).any(|p| matches!(p, ["plans" | "plan" | "intends" | "aims", "to"])) {
            return Modality::Planned;
        }
        Modality::Asserted
    }

    /// The nearest mention of one of `kinds` that ends right before token `i` (at most
    /// `gap` tokens between, none of them a comma or a clause bound).
    pub fn subject_before(&self, i: usize, kinds: &[MentionKind], gap: usize) -> Option<TokMention> {
        let (first, _) = self.clause(i);
        let mut k = i;
        let mut skipped = 0;
        while k > first {
            k -= 1;
            if let Some(m) = self.mention_ending(k) {
                if kinds.contains(&m.kind) {
                    return Some(m);
                }
                // Another name stands between: it is the subject, not ours.
                return None;
            }
            if self.w(k) == "," || skipped >= gap {
                return None;
            }
            skipped += 1;
        }
        None
    }
}

/// True for a mention that is only a company suffix ("Inc." split off "Apple Inc."): it
/// names no organisation by itself.
fn is_bare_company_suffix(text: &str) -> bool {
    matches!(text.trim_end_matches('.').to_lowercase().as_str(), "inc" | "corp" | "ltd" | "co" | "llc" | "plc" | "ag" | "sa" | "gmbh")
}

/// Builds the views of every body sentence of the input.
pub fn views<'a>(input: &'a FactInput<'a>) -> Vec<SentenceView<'a>> {
    input.sentences.iter().map(|s| SentenceView::new(input, s.span, &s.tokens)).collect()
}
