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
///
/// Every lookup by token (`mention_starting`, `value_at`, `clause`, ...) is O(1) through
/// per-token indexes built once in [`SentenceView::new`], so rules stay linear on hostile
/// input (a million-token sentence of "opened opened ...").
pub struct SentenceView<'a> {
    pub input: &'a FactInput<'a>,
    pub span: Span,
    pub toks: Vec<Tok>,
    pub mentions: Vec<TokMention>,
    pub values: Vec<TokValue>,
    /// Per token: index in `mentions` of the longest mention starting there.
    starting: Vec<Option<u32>>,
    /// Per token: index in `mentions` of the longest mention ending there.
    ending: Vec<Option<u32>>,
    /// Per token: index in `values` of the value covering it.
    covering_value: Vec<Option<u32>>,
    /// Per token: its clause's first and last token.
    clauses: Vec<(u32, u32)>,
    /// Quote contents overlapping the sentence.
    quote_contents: Vec<Span>,
    /// Organisation names of the whole article (mention text -> entity id).
    pub org_names: &'a std::collections::BTreeMap<String, u32>,
}

/// How far (in tokens) a rule looks for an argument; keeps every rule linear.
pub const WINDOW: usize = 40;

impl<'a> SentenceView<'a> {
    /// Builds the view of one sentence; tokens inside `input.skip` spans (dateline, byline)
    /// are left out so their dates and names never become arguments.
    pub fn new<'b>(
        input: &'a FactInput<'a>,
        org_names: &'a std::collections::BTreeMap<String, u32>,
        order: &SpanOrder<'b>,
        span: Span,
        token_spans: &[Span],
    ) -> SentenceView<'a> {
        let mut toks: Vec<Tok> = Vec::with_capacity(token_spans.len());
        for t in token_spans
            .iter()
            .filter(|t| !input.skip.iter().any(|s| s.overlaps(**t)))
        {
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
        // Tokens are in text order: find the covered ones by binary search.
        let covering = |s: Span| -> Option<(usize, usize)> {
            let first = toks.partition_point(|t| t.span.end <= s.start);
            let end = toks.partition_point(|t| t.span.start < s.end);
            let last = end.checked_sub(1)?;
            (first <= last && toks.get(first).is_some_and(|t| t.span.overlaps(s)))
                .then_some((first, last))
        };
        let in_sentence = |order: &'b [(Span, u32)]| -> &'b [(Span, u32)] {
            let from = order.partition_point(|(x, _)| x.start < span.start);
            let to = order.partition_point(|(x, _)| x.start < span.end);
            order.get(from..to.max(from)).unwrap_or(&[])
        };
        let mut mentions: Vec<TokMention> = in_sentence(order.mentions)
            .iter()
            .filter_map(|&(m_span, k)| {
                let m: &MentionRef = input.mentions.get(k as usize)?;
                if !span.contains(m_span) || is_bare_company_suffix(m_span.slice(input.text)) {
                    return None;
                }
                covering(m_span).map(|(first, last)| TokMention {
                    first,
                    last,
                    entity_id: m.entity_id,
                    kind: m.kind,
                })
            })
            .collect();
        mentions.sort_by_key(|m| (m.first, m.last, m.entity_id));
        let values: Vec<TokValue> = in_sentence(order.values)
            .iter()
            .filter(|(v_span, _)| span.contains(*v_span))
            .filter_map(|&(v_span, index)| {
                let (first, last) = covering(v_span)?;
                Some(TokValue { first, last, index })
            })
            .collect();
        let n = toks.len();
        let mut starting: Vec<Option<u32>> = vec![None; n];
        let mut ending: Vec<Option<u32>> = vec![None; n];
        for (k, m) in mentions.iter().enumerate() {
            let Ok(k) = u32::try_from(k) else { break };
            let longer = |cur: Option<u32>, by: &dyn Fn(&TokMention) -> usize| {
                cur.and_then(|c| mentions.get(c as usize))
                    .is_none_or(|c| by(m) > by(c))
            };
            if let Some(slot) = starting.get_mut(m.first) {
                if longer(*slot, &|x| x.last) {
                    *slot = Some(k);
                }
            }
            if let Some(slot) = ending.get_mut(m.last) {
                if longer(*slot, &|x| usize::MAX - x.first) {
                    *slot = Some(k);
                }
            }
        }
        let mut covering_value: Vec<Option<u32>> = vec![None; n];
        for (k, v) in values.iter().enumerate() {
            let Ok(k) = u32::try_from(k) else { break };
            for slot in covering_value.iter_mut().take(v.last + 1).skip(v.first) {
                if slot.is_none() {
                    *slot = Some(k);
                }
            }
        }
        let is_bound =
            |t: &Tok| matches!(t.norm.as_str(), ";" | ":" | "--" | "—" | "“" | "”" | "\"");
        let mut clauses = vec![(0u32, 0u32); n];
        let mut first = 0usize;
        for k in 0..=n {
            let at_bound = k == n || toks.get(k).is_some_and(is_bound);
            if at_bound {
                let last = k.saturating_sub(1).max(first);
                for slot in clauses.iter_mut().take(k).skip(first) {
                    *slot = (
                        u32::try_from(first).unwrap_or(u32::MAX),
                        u32::try_from(last).unwrap_or(u32::MAX),
                    );
                }
                if let Some(slot) = clauses.get_mut(k) {
                    // A bound token belongs to the clause it closes.
                    *slot = (
                        u32::try_from(first).unwrap_or(u32::MAX),
                        u32::try_from(last).unwrap_or(u32::MAX),
                    );
                }
                first = k + 1;
            }
        }
        let quote_contents = input
            .quote_contents
            .iter()
            .copied()
            .filter(|c| c.overlaps(span))
            .collect();
        SentenceView {
            input,
            span,
            toks,
            mentions,
            values,
            starting,
            ending,
            covering_value,
            clauses,
            quote_contents,
            org_names,
        }
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
        self.toks.get(i).map_or(
            Span::new(self.span.start as usize, self.span.start as usize),
            |t| t.span,
        )
    }

    /// The span covering tokens `first..=last`.
    pub fn range_span(&self, first: usize, last: usize) -> Span {
        self.tspan(first).cover(self.tspan(last))
    }

    /// The mention starting at token `i` (the longest).
    pub fn mention_starting(&self, i: usize) -> Option<TokMention> {
        self.starting
            .get(i)
            .copied()
            .flatten()
            .and_then(|k| self.mentions.get(k as usize))
            .copied()
    }

    /// The mention ending at token `i` (the longest).
    pub fn mention_ending(&self, i: usize) -> Option<TokMention> {
        self.ending
            .get(i)
            .copied()
            .flatten()
            .and_then(|k| self.mentions.get(k as usize))
            .copied()
    }

    /// The value covering token `i`.
    pub fn value_at(&self, i: usize) -> Option<TokValue> {
        self.covering_value
            .get(i)
            .copied()
            .flatten()
            .and_then(|k| self.values.get(k as usize))
            .copied()
    }

    /// The value starting at token `i`.
    pub fn value_starting(&self, i: usize) -> Option<TokValue> {
        self.value_at(i).filter(|v| v.first == i)
    }

    /// The values lying inside tokens `first..=last`, in order (binary search: values are
    /// sorted by position).
    pub fn values_within(&self, first: usize, last: usize) -> &[TokValue] {
        let from = self.values.partition_point(|v| v.first < first);
        let to = self.values.partition_point(|v| v.first <= last);
        let inside = self.values.get(from..to.max(from)).unwrap_or(&[]);
        let end = inside
            .iter()
            .position(|v| v.last > last)
            .unwrap_or(inside.len());
        inside.get(..end).unwrap_or(&[])
    }

    /// The last token of a value including a quantity's counted noun ("19 overseas sites").
    pub fn value_extent(&self, v: TokValue) -> usize {
        let counted_end = match self.value(v).map(|x| &x.data) {
            Some(ValueData::Quantity(q)) => q.counted.as_ref().map(|c| c.span.end),
            _ => None,
        };
        match counted_end {
            Some(end) => self
                .toks
                .partition_point(|t| t.span.end <= end)
                .saturating_sub(1)
                .max(v.last),
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
        matches!(
            self.dim(v),
            Some(Dimension::Money | Dimension::Percent | Dimension::Quantity | Dimension::Number)
        )
    }

    /// The last token inside the quote content holding token `i`, when `i` is in one: a
    /// statement made in someone's words ends where their words end (", the campaign told
    /// USA TODAY" is not part of it).
    pub fn quote_content_last(&self, i: usize) -> Option<usize> {
        let at = self.toks.get(i)?.span;
        let c = self.quote_contents.iter().find(|c| c.contains(at))?;
        let end = self.toks.partition_point(|t| t.span.start < c.end);
        end.checked_sub(1).filter(|&l| l >= i)
    }

    /// The clause around token `i`: bounded by the sentence ends, `;`, `:`, ` -- ` and
    /// quotation marks. Commas do not bound it (rules check them themselves).
    pub fn clause(&self, i: usize) -> (usize, usize) {
        match self.clauses.get(i).or_else(|| self.clauses.last()) {
            Some(&(a, b)) => (a as usize, b as usize),
            None => (0, 0),
        }
    }

    /// The date value of the clause around token `i` nearest to it (within [`WINDOW`]
    /// tokens), if any.
    pub fn clause_date(&self, i: usize) -> Option<TokValue> {
        let (first, last) = self.clause(i);
        let first = first.max(i.saturating_sub(WINDOW));
        let last = last.min(i.saturating_add(WINDOW));
        self.values_within(first, last)
            .iter()
            .copied()
            .filter(|v| self.is_date(*v))
            .min_by_key(|v| {
                if v.first > i {
                    v.first - i
                } else {
                    i.saturating_sub(v.last)
                }
            })
    }

    /// How the clause asserts what is at token `i`: negated ("not", "never", "n't" just
    /// before), speculative ("may", "could", "is expected to", "reportedly"), planned
    /// ("will", "plans to"), reported (inside a quote's content), else asserted.
    pub fn modality(&self, i: usize) -> Modality {
        let (first, _) = self.clause(i);
        let window: Vec<&str> = (first.max(i.saturating_sub(4))..i)
            .map(|k| self.w(k))
            .collect();
        let has = |ws: &[&str]| window.iter().any(|w| ws.contains(w));
        if has(&["not", "n't", "never", "no"]) {
            return Modality::Negated;
        }
        let expected = window
            .windows(2)
            .any(|p| matches!(p, ["expected" | "likely" | "set", "to"]));
        if has(&[
            "may",
            "might",
            "could",
            "would",
            "reportedly",
            "allegedly",
            "possibly",
        ]) || expected
        {
            return Modality::Speculative;
        }
        let span = self.tspan(i);
        if self.quote_contents.iter().any(|c| c.contains(span)) {
            return Modality::Reported;
        }
        if has(&["will", "'ll", "shall"])
            || window
                .windows(2)
                .any(|p| matches!(p, ["plans" | "plan" | "intends" | "aims", "to"]))
        {
            return Modality::Planned;
        }
        Modality::Asserted
    }

    /// The nearest mention of one of `kinds` that ends right before token `i` (at most
    /// `gap` tokens between, none of them a comma or a clause bound).
    pub fn subject_before(
        &self,
        i: usize,
        kinds: &[MentionKind],
        gap: usize,
    ) -> Option<TokMention> {
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
    matches!(
        text.trim_end_matches('.').to_lowercase().as_str(),
        "inc" | "corp" | "ltd" | "co" | "llc" | "plc" | "ag" | "sa" | "gmbh"
    )
}

/// Mentions and values sorted by span, as (span, index in the input), so each sentence
/// finds its own by binary search.
pub struct SpanOrder<'b> {
    pub mentions: &'b [(Span, u32)],
    pub values: &'b [(Span, u32)],
}

/// The article's organisation names (each mention's text, first entity wins).
pub fn org_names(input: &FactInput<'_>) -> std::collections::BTreeMap<String, u32> {
    let mut names = std::collections::BTreeMap::new();
    for m in input.mentions.iter().filter(|m| m.kind == MentionKind::Org) {
        names
            .entry(m.span.slice(input.text).to_string())
            .or_insert(m.entity_id);
    }
    names
}

/// Builds the views of every body sentence of the input.
pub fn views<'a>(
    input: &'a FactInput<'a>,
    org_names: &'a std::collections::BTreeMap<String, u32>,
) -> Vec<SentenceView<'a>> {
    let sorted = |spans: Vec<Span>| -> Vec<(Span, u32)> {
        let mut v: Vec<(Span, u32)> = spans
            .into_iter()
            .enumerate()
            .filter_map(|(k, s)| Some((s, u32::try_from(k).ok()?)))
            .collect();
        v.sort();
        v
    };
    let mentions = sorted(input.mentions.iter().map(|m| m.span).collect());
    let values = sorted(input.values.iter().map(|v| v.span).collect());
    let order = SpanOrder {
        mentions: &mentions,
        values: &values,
    };
    input
        .sentences
        .iter()
        .map(|s| SentenceView::new(input, org_names, &order, s.span, &s.tokens))
        .collect()
}
