//! Metrics: a named figure of a subject rose or fell, by how much, to what, in which
//! period, against which basis, on whose authority.
//!
//! One rule family, anchored on a change verb ("rose", "fell", "increased", "declined",
//! "grew", "dropped", ...): `"<subject>'s <metric> rose <change> to <value> in <period> from
//! <basis>, according to <source>"`. Every part but the metric name and one amount is
//! optional. The metric name is the run of lowercase words right before the verb ("global
//! online net sales value"); the subject is the organisation or place owning it ("Amazon’s",
//! "sales at Amazon", "Amazon shares"). The change is the amount right after the verb (or
//! after "by"), the new value the amount after "to", the old value an amount after "from";
//! the period is a date after "in"/"for"/"during"; the basis a date after "from"/"than"/
//! "compared with" or the words "year-on-year"; the source the phrase after "according to".
//! Depends on `sentence_view` and the facts types only.

use super::sentence_view::{SentenceView, TokMention, TokValue, WINDOW};
use super::{ArgTarget, Fact, FactArg, FactKind, MentionKind};

const UP: &[&str] = &[
    "rose",
    "rises",
    "increased",
    "increases",
    "grew",
    "grows",
    "jumped",
    "jumps",
    "climbed",
    "climbs",
    "surged",
    "surges",
    "soared",
    "soars",
    "gained",
    "gains",
    "rebounded",
    "expanded",
];
const DOWN: &[&str] = &[
    "fell",
    "falls",
    "decreased",
    "decreases",
    "declined",
    "declines",
    "dropped",
    "drops",
    "slipped",
    "slips",
    "plunged",
    "plunges",
    "tumbled",
    "tumbles",
    "slumped",
    "slumps",
    "sank",
    "sinks",
    "shrank",
    "shrinks",
    "contracted",
];

/// Words that cannot be (part of) a metric name.
const NOT_METRIC: &[&str] = &[
    "he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "this", "these", "those",
    "there", "and", "or", "but", "also", "has", "have", "had", "was", "were", "is", "are", "be",
    "been", "the", "a", "an", "its", "their", "his", "her", "our", "of", "in", "at", "on", "for",
    "to", "by", "with", "from", "as", "if", "when", "while", "where", "than", "then", "so", "not",
    "already", "still", "just", "now", "further", "even", "again", "since", "only",
];

fn val(role: &'static str, t: TokValue) -> FactArg {
    FactArg {
        role,
        target: ArgTarget::Value(t.index),
    }
}

/// True when token `k` is a plain lowercase word that may belong to a metric name.
fn metric_word(v: &SentenceView<'_>, k: usize) -> bool {
    let w = v.w(k);
    let surface = v.tspan(k).slice(v.input.text);
    !w.is_empty()
        && w.chars().all(|c| c.is_alphanumeric() || c == '-')
        && surface.chars().next().is_some_and(|c| c.is_lowercase())
        && !NOT_METRIC.contains(&w)
        && !(w.ends_with("ly") && w.len() > 4)
        && v.value_at(k).is_none()
        && v.mentions.iter().all(|m| k < m.first || k > m.last)
}

/// Metric facts stated in one sentence.
pub fn extract(v: &SentenceView<'_>) -> Vec<Fact> {
    let mut out = Vec::new();
    for i in 0..v.toks.len() {
        let w = v.w(i);
        if !UP.contains(&w) && !DOWN.contains(&w) {
            continue;
        }
        if let Some(f) = metric_at(v, i) {
            out.push(f);
        }
    }
    out
}

fn metric_at(v: &SentenceView<'_>, verb: usize) -> Option<Fact> {
    let (clause_first, clause_last) = v.clause(verb);
    // The metric name and its owner, read backwards from the verb.
    let mut subject: Option<TokMention> = None;
    let mut name_last = verb.checked_sub(1)?;
    if let Some(m) = v
        .mention_ending(name_last)
        .filter(|m| matches!(m.kind, MentionKind::Org | MentionKind::Loc))
    {
        // "sales at Amazon rose"
        if matches!(v.at(m.first, -1), "at" | "of" | "for") {
            subject = Some(m);
            name_last = m.first.checked_sub(2)?;
        } else {
            return None;
        }
    }
    let mut name_first = name_last + 1;
    while name_first > clause_first
        && metric_word(v, name_first - 1)
        && name_last + 1 - (name_first - 1) <= 6
    {
        name_first -= 1;
    }
    if name_first > name_last {
        return None;
    }
    if subject.is_none() {
        let before = name_first.checked_sub(1);
        let owner_last = match before.map(|b| v.w(b)) {
            Some("'s") => before.and_then(|b| b.checked_sub(1)),
            _ => before,
        };
        subject = owner_last.and_then(|o| v.mention_ending(o)).filter(|m| {
            matches!(
                m.kind,
                MentionKind::Org | MentionKind::Loc | MentionKind::Misc
            )
        });
    }
    // "the shares of the American computer company increased": the words before the verb
    // are a prepositional object, not the metric.
    let mut phrase_first = subject.map_or(name_first, |s| s.first.min(name_first));
    if subject.is_none() {
        if let Some(m) = name_first.checked_sub(1).and_then(|b| v.mention_ending(b)) {
            phrase_first = m.first;
        }
    }
    if v.at(phrase_first, -1) == "the" {
        phrase_first -= 1;
    }
    if matches!(
        v.at(phrase_first, -1),
        "of" | "at" | "for" | "in" | "on" | "by" | "with" | "to"
    ) {
        return None;
    }
    // The amounts after the verb.
    let mut k = verb + 1;
    let mut args = Vec::new();
    if let Some(s) = subject {
        args.push(FactArg {
            role: "subject",
            target: ArgTarget::Entity(s.entity_id),
        });
    }
    args.push(FactArg {
        role: "metric",
        target: ArgTarget::Text(v.range_span(name_first, name_last)),
    });
    args.push(FactArg {
        role: "direction",
        target: ArgTarget::Text(v.tspan(verb)),
    });
    let mut last = verb;
    let mut amounts = 0;
    let mut period = None;
    let mut basis = None;
    let stop = clause_last.min(verb + WINDOW);
    while k <= stop {
        let w = v.w(k);
        let next = v.value_starting(k + 1).or_else(|| {
            if v.w(k + 1) == "the" {
                v.value_starting(k + 2)
            } else {
                None
            }
        });
        match (w, next) {
            ("by", Some(t)) if v.is_amount(t) => {
                args.push(val("change", t));
                amounts += 1;
                (k, last) = (t.last + 1, t.last);
                continue;
            }
            ("to", Some(t)) if v.is_amount(t) => {
                args.push(val("value", t));
                amounts += 1;
                (k, last) = (t.last + 1, t.last);
                continue;
            }
            ("from", Some(t)) if v.is_amount(t) => {
                args.push(val("previous", t));
                (k, last) = (t.last + 1, t.last);
                continue;
            }
            ("in" | "for" | "during" | "over", Some(t)) if v.is_date(t) && period.is_none() => {
                period = Some(t);
                (k, last) = (t.last + 1, t.last);
                continue;
            }
            ("from" | "than" | "with" | "over", Some(t)) if v.is_date(t) && basis.is_none() => {
                basis = Some(val("basis", t));
                (k, last) = (t.last + 1, t.last);
                continue;
            }
            ("year-on-year" | "year-over-year" | "yoy", _) if basis.is_none() => {
                basis = Some(FactArg {
                    role: "basis",
                    target: ArgTarget::Text(v.tspan(k)),
                });
                last = k;
            }
            _ => {}
        }
        if k == verb + 1 {
            if let Some(t) = v.value_starting(k).filter(|t| v.is_amount(*t)) {
                args.push(val("change", t));
                amounts += 1;
                (k, last) = (t.last + 1, t.last);
                continue;
            }
        }
        if matches!(
            w,
            "," | "with" | "while" | "and" | "as" | "after" | "but" | "according"
        ) {
            break;
        }
        k += 1;
    }
    if amounts == 0 {
        return None;
    }
    // "In the first quarter, Apple's revenue rose ...": a period opening the clause.
    let mut first_token = phrase_first;
    if period.is_none() {
        let opener = v
            .values_within(clause_first, phrase_first.saturating_sub(1))
            .first()
            .copied();
        if let Some(t) = opener.filter(|t| {
            v.is_date(*t)
                && matches!(v.at(t.first, -1), "in" | "during" | "for")
                && v.w(t.last + 1) == ","
        }) {
            period = Some(t);
            first_token = t.first.saturating_sub(1);
        }
    }
    if let Some(p) = period {
        args.push(val("period", p));
    }
    args.extend(basis);
    // "according to <source>" anywhere later in the sentence.
    if let Some(acc) = (verb + 1..v.toks.len().min(verb + 2 * WINDOW))
        .find(|k| v.w(*k) == "according" && v.w(k + 1) == "to")
    {
        let first = acc + 2;
        let mut end = first;
        while end < v.toks.len().min(first + WINDOW)
            && !matches!(v.w(end), "," | "." | ";" | "”" | "\"")
        {
            end += 1;
        }
        if end > first {
            let src_last = end - 1;
            let target = match v.mention_starting(first).filter(|m| m.last == src_last) {
                Some(m) => ArgTarget::Entity(m.entity_id),
                None => ArgTarget::Text(v.range_span(first, src_last)),
            };
            args.push(FactArg {
                role: "source",
                target,
            });
            last = src_last;
        }
    }
    let first = subject
        .map_or(name_first, |s| s.first.min(name_first))
        .min(first_token);
    Some(Fact {
        kind: FactKind::Metric,
        args,
        evidence: v.range_span(first, last),
        confidence: if subject.is_some() { 0.85 } else { 0.7 },
        rule: "<subject>'s <metric> rose <change> to <value> in <period> from <basis>",
        modality: v.modality(verb),
    })
}
