//! Plans and targets: an agent will do something, often by a target quantity, within a time
//! frame ("will provide ... to over 5,000 local companies ... within three years"; "strive to
//! create 100 globally recognized brands in the next two to three years").
//!
//! A plan starts at a marker: "will <verb>" or "<plans|aims|strives|vows|pledged|...> to
//! <verb>". Its scope runs to the next marker or the clause end. Inside the scope the time
//! frame is a duration after "within"/"in"/"over" (not one looking back: "in the past few
//! weeks") or a date after "by"; the target is the first amount (quantity, money, percent;
//! not a bare number). Inside a quote's content the scope ends with the quoted words. A plan
//! is emitted only when it has a time frame, or a target and a named agent: a bare "will" is
//! too common to be a fact.
//! The agent is the organisation or person right before the marker; for a marker after
//! "and" ("Amazon will prioritize ... and strive to create ...") it is the agent of the
//! previous marker; failing both, the short subject phrase opening the sentence ("The Wuhan
//! office") as text. Modality is PLANNED unless negated ("will not").
//! Depends on `sentence_view` and the facts types only.

use super::sentence_view::SentenceView;
use super::{ArgTarget, Fact, FactArg, FactKind, MentionKind, Modality};
use crate::values::Dimension;

/// Verbs that introduce a plan with "to".
const PLAN_VERBS: &[&str] = &[
    "plan",
    "plans",
    "planned",
    "planning",
    "aim",
    "aims",
    "aimed",
    "aiming",
    "intend",
    "intends",
    "intended",
    "strive",
    "strives",
    "striving",
    "vow",
    "vows",
    "vowed",
    "pledge",
    "pledges",
    "pledged",
    "promise",
    "promises",
    "promised",
    "seek",
    "seeks",
    "target",
    "targets",
    "targeting",
    "commit",
    "committed",
    "expects",
    "expect",
    "hopes",
    "hope",
];

/// Verbs after "will" that describe what happens, not what an agent does.
const NOT_ACTIONS: &[&str] = &[
    "occur", "happen", "see", "become", "remain", "take", "last", "come", "be", "have", "need",
    "cost", "face", "suffer", "get",
];

/// Where a marker is and where its action starts.
#[derive(Clone, Copy)]
struct Marker {
    /// First token of the marker ("will", "strive").
    at: usize,
    /// First token of the planned action.
    action: usize,
}

fn markers(v: &SentenceView<'_>) -> Vec<Marker> {
    let mut out = Vec::new();
    for i in 0..v.toks.len() {
        let w = v.w(i);
        if matches!(w, "will" | "'ll") {
            let mut a = i + 1;
            while matches!(
                v.w(a),
                "also" | "not" | "further" | "then" | "soon" | "still"
            ) {
                a += 1;
            }
            if v.w(a).chars().all(|c| c.is_alphabetic()) && !v.w(a).is_empty() && v.w(a) != "be" {
                out.push(Marker { at: i, action: a });
            }
        } else if PLAN_VERBS.contains(&w)
            && v.w(i + 1) == "to"
            && v.w(i + 2).chars().all(|c| c.is_alphabetic())
            && !v.w(i + 2).is_empty()
        {
            out.push(Marker {
                at: i,
                action: i + 2,
            });
        } else if w == "set" && matches!(v.at(i, -1), "is" | "are" | "was") && v.w(i + 1) == "to" {
            out.push(Marker {
                at: i - 1,
                action: i + 2,
            });
        }
    }
    out
}

/// The agent right before a marker (skipping "is", "also", "has"): an organisation or person.
fn agent_before(v: &SentenceView<'_>, at: usize) -> Option<u32> {
    let mut k = at;
    for _ in 0..3 {
        let prev = k.checked_sub(1)?;
        if let Some(m) = v.mention_ending(prev) {
            return matches!(m.kind, MentionKind::Org | MentionKind::Person).then_some(m.entity_id);
        }
        if !matches!(
            v.w(prev),
            "also" | "is" | "are" | "has" | "have" | "had" | "was" | "now" | "further"
        ) {
            return None;
        }
        k = prev;
    }
    None
}

/// The short subject phrase opening the clause before `at` ("The Wuhan office that opened
/// yesterday will" -> "The Wuhan office"), at most five tokens, starting with a determiner.
fn subject_phrase(v: &SentenceView<'_>, at: usize) -> Option<(usize, usize)> {
    let (first, _) = v.clause(at);
    if !matches!(v.w(first), "the" | "this" | "its" | "our") {
        return None;
    }
    let end = (first + 1..at.min(first + 6))
        .find(|k| matches!(v.w(*k), "that" | "which" | "who" | "," | "will"))
        .unwrap_or(at);
    (end > first + 1 && end - first <= 5).then(|| (first, end - 1))
}

/// Plans stated in one sentence.
pub fn extract(v: &SentenceView<'_>) -> Vec<Fact> {
    let ms = markers(v);
    let mut out = Vec::new();
    let mut agents: Vec<Option<FactArg>> = Vec::new();
    for (n, m) in ms.iter().enumerate() {
        let (_, clause_last) = v.clause(m.at);
        let scope_end = ms
            .get(n + 1)
            .map_or(clause_last, |next| {
                next.at.saturating_sub(1).min(clause_last)
            })
            .min(v.quote_content_last(m.at).unwrap_or(usize::MAX));
        let mut agent = agent_before(v, m.at).map(|id| FactArg {
            role: "agent",
            target: ArgTarget::Entity(id),
        });
        if agent.is_none() && v.at(m.at, -1) == "and" {
            agent = n
                .checked_sub(1)
                .and_then(|p| agents.get(p).copied().flatten());
        }
        if agent.is_none() {
            agent = subject_phrase(v, m.at).map(|(a, b)| FactArg {
                role: "agent",
                target: ArgTarget::Text(v.range_span(a, b)),
            });
        }
        agents.push(agent);
        let scoped = v.values_within(m.action, scope_end);
        let frame = scoped.iter().copied().find_map(|t| {
            let before = t.first.checked_sub(1)?;
            let lead = v.w(before);
            // "in the past few weeks" looks back: not a time frame.
            let past = matches!(v.w(t.first), "past" | "last")
                || (v.w(t.first) == "the" && matches!(v.w(t.first + 1), "past" | "last"));
            let ok = (v.is_duration(t) && !past && matches!(lead, "within" | "in" | "over"))
                || (v.is_date(t) && matches!(lead, "by" | "before"));
            ok.then_some((t, before))
        });
        let action_end = frame.map_or(scope_end, |(_, lead)| lead.saturating_sub(1));
        let target = scoped.iter().copied().find(|t| {
            // A bare number ("America's top 10") counts nothing a plan could target.
            t.last <= action_end && v.is_amount(*t) && v.dim(*t) != Some(Dimension::Number)
        });
        let named_agent = matches!(
            agent,
            Some(FactArg {
                target: ArgTarget::Entity(_),
                ..
            })
        );
        // A bare "will" with an amount is a forecast as often as a plan ("will use 20 percent
        // less fuel"): without a time frame only an explicit plan verb counts.
        let explicit = v.w(m.at) != "will" && v.w(m.at) != "'ll";
        if agent.is_none()
            || NOT_ACTIONS.contains(&v.w(m.action))
            || (frame.is_none() && !(target.is_some() && named_agent && explicit))
        {
            continue;
        }
        let mut last = action_end;
        while last > m.action && matches!(v.w(last), "," | "." | "and") {
            last -= 1;
        }
        if last < m.action {
            continue;
        }
        let mut args = Vec::new();
        args.extend(agent);
        args.push(FactArg {
            role: "action",
            target: ArgTarget::Text(v.range_span(m.action, last)),
        });
        if let Some(t) = target {
            args.push(FactArg {
                role: "target",
                target: ArgTarget::Value(t.index),
            });
        }
        let mut evidence_last = last;
        if let Some((t, _)) = frame {
            args.push(FactArg {
                role: "time_frame",
                target: ArgTarget::Value(t.index),
            });
            evidence_last = t.last;
        }
        let evidence_first = match agent.map(|a| a.target) {
            Some(ArgTarget::Text(s)) => v
                .toks
                .iter()
                .position(|t| t.span.start == s.start)
                .unwrap_or(m.at),
            _ => (m.at.saturating_sub(3)..m.at)
                .filter_map(|k| v.mention_ending(k))
                .map(|x| x.first)
                .min()
                .unwrap_or(m.at),
        };
        let negated = (m.at..m.action).any(|k| v.w(k) == "not") || v.at(m.at, -1) == "not";
        let modality = if negated || v.modality(m.at) == Modality::Negated {
            Modality::Negated
        } else {
            Modality::Planned
        };
        let rule = match (v.w(m.at), frame.map(|(_, lead)| v.w(lead))) {
            ("will" | "'ll", Some("within")) => "<agent> will <action> <target> within <duration>",
            ("will" | "'ll", Some("by" | "before")) => "<agent> will <action> <target> by <date>",
            ("will" | "'ll", Some(_)) => "<agent> will <action> <target> in the next <duration>",
            ("will" | "'ll", None) => "<agent> will <action> <target>",
            (_, Some("within")) => "<agent> plans to <action> <target> within <duration>",
            (_, Some("by" | "before")) => "<agent> plans to <action> <target> by <date>",
            (_, Some(_)) => "<agent> strives to <action> <target> in the next <duration>",
            (_, None) => "<agent> plans to <action> <target>",
        };
        out.push(Fact {
            kind: FactKind::Plan,
            args,
            evidence: v.range_span(evidence_first, evidence_last),
            confidence: if named_agent { 0.85 } else { 0.7 },
            rule,
            modality,
        });
    }
    out
}
