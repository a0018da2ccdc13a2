//! Business events: openings, expansions, launches, acquisitions and mergers, investments
//! and funding, partnerships, layoffs, listings and bankruptcies, with typed arguments
//! (agent, object, place, time, amount, partner). Appointments and departures are in
//! `roles`, which knows titles.
//!
//! Every rule starts at a trigger verb form and reads its arguments from the same clause:
//! the agent is the organisation written right before the trigger (auxiliaries and a few
//! adverbs may stand between, a comma may not); the place is a location after "in"/"at";
//! the time is the date value of the clause nearest the trigger ("The Wuhan office that
//! opened yesterday" -> the date for "yesterday"); amounts are money values. A rule that
//! cannot find its required arguments emits nothing. Also owns how two reports of the same
//! event are merged ([`mergeable`], [`merge_into`]). Depends on `sentence_view` and the facts
//! types only.

use super::sentence_view::{SentenceView, TokMention, TokValue, WINDOW};
use super::{ArgTarget, Fact, FactArg, FactKind, MentionKind};
use crate::values::ValueData;

/// Nouns that can be opened as premises. "officer" is here because the example article
/// writes "opened another regional officer" for an office.
const PREMISES: &[&str] = &[
    "office",
    "offices",
    "officer",
    "plant",
    "plants",
    "factory",
    "factories",
    "store",
    "stores",
    "shop",
    "shops",
    "site",
    "sites",
    "branch",
    "branches",
    "headquarters",
    "center",
    "centre",
    "centers",
    "centres",
    "hub",
    "hubs",
    "facility",
    "facilities",
    "warehouse",
    "warehouses",
    "restaurant",
    "restaurants",
    "outlet",
    "outlets",
    "campus",
    "lab",
    "laboratory",
    "mall",
    "hotel",
    "hotels",
    "showroom",
    "studio",
    "base",
    "subsidiary",
];

/// Words that may stand between the agent and the trigger ("Amazon has recently opened").
const AUXILIARIES: &[&str] = &[
    "has",
    "have",
    "had",
    "will",
    "would",
    "is",
    "was",
    "also",
    "recently",
    "officially",
    "formally",
    "just",
    "already",
    "finally",
    "has",
    "then",
    "now",
    "agreed",
    "to",
    "plans",
    "said",
    "it",
    "announced",
    "that",
    "'s",
    "could",
    "may",
    "might",
    "be",
    "expected",
    "set",
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
];

/// Objects of "launched" that are not products.
const NOT_PRODUCTS: &[&str] = &[
    "attack",
    "attacks",
    "offensive",
    "investigation",
    "probe",
    "strike",
    "strikes",
    "campaign",
    "inquiry",
    "operation",
    "raid",
    "raids",
    "appeal",
    "bid",
    "protest",
    "crackdown",
    "review",
    "assault",
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "war",
    "lawsuit",
    "challenge",
    "effort",
    "search",
    "hunt",
    "manhunt",
    "inquest",
];

/// Counted nouns of a layoff.
const JOBS: &[&str] = &[
    "jobs",
    "workers",
    "employees",
    "staff",
    "positions",
    "people",
    "roles",
    "staffers",
    "posts",
];

fn is_org(m: &TokMention) -> bool {
    m.kind == MentionKind::Org
}

/// The organisation that does what the trigger at `i` says.
fn agent(v: &SentenceView<'_>, i: usize) -> Option<TokMention> {
    let (first, _) = v.clause(i);
    let mut k = i;
    let mut steps = 0;
    while k > first && steps < 5 {
        k -= 1;
        if let Some(m) = v.mention_ending(k) {
            return is_org(&m).then_some(m);
        }
        if v.value_at(k).is_some_and(|t| v.is_date(t)) {
            // "Amazon on Monday opened": skip the date value.
            if let Some(t) = v.value_at(k) {
                k = t.first;
                steps += 1;
                continue;
            }
        }
        if v.w(k) == "," {
            return appositive_subject(v, k, first);
        }
        if !AUXILIARIES.contains(&v.w(k)) {
            return None;
        }
        steps += 1;
    }
    None
}

/// "Airbus, Europe's biggest aircraft manufacturer, has announced": the organisation before
/// an apposition that ends with the comma at `comma` (at most eight tokens, no other name
/// of an organisation or person inside, no verb-like "said").
fn appositive_subject(
    v: &SentenceView<'_>,
    comma: usize,
    clause_first: usize,
) -> Option<TokMention> {
    let open = (comma.saturating_sub(9).max(clause_first)..comma)
        .rev()
        .find(|k| v.w(*k) == ",")?;
    let inside = open + 1..comma;
    if inside.is_empty()
        || inside
            .clone()
            .any(|k| matches!(v.w(k), "said" | "says" | "and" | "who" | "which" | "that"))
    {
        return None;
    }
    if v.mentions.iter().any(|m| {
        m.first > open && m.last < comma && matches!(m.kind, MentionKind::Org | MentionKind::Person)
    }) {
        return None;
    }
    let m = v.mention_ending(open.checked_sub(1)?)?;
    (is_org(&m) && !matches!(v.at(m.first, -1), "," | "and")).then_some(m)
}

/// The first location after "in"/"at"/"into" between tokens `from` and the clause end,
/// before any comma.
fn place_after(v: &SentenceView<'_>, from: usize) -> Option<TokMention> {
    let (_, last) = v.clause(from);
    let last = last.min(from + WINDOW);
    let mut k = from;
    while k < last {
        if matches!(v.w(k), "," | "." | "to" | "with" | "for") {
            return None;
        }
        if matches!(v.w(k), "in" | "at" | "into") {
            let mut t = k + 1;
            if v.w(t) == "the" {
                t += 1;
            }
            return v.mention_starting(t).filter(|m| m.kind == MentionKind::Loc);
        }
        k += 1;
    }
    None
}

/// The quantity value right after token `i` (skipping "another"/"its"/"a"), whose counted
/// noun's last word is in `heads`.
fn counted_object(v: &SentenceView<'_>, i: usize, heads: &[&str]) -> Option<TokValue> {
    let mut k = i;
    if matches!(
        v.w(k),
        "about" | "another" | "its" | "their" | "some" | "a" | "an" | "the" | "up" | "to"
    ) {
        k += 1;
    }
    let val = v.value_at(k).or_else(|| v.value_at(k + 1))?;
    match v.value(val).map(|x| &x.data) {
        Some(ValueData::Quantity(q)) => {
            let head = q.counted.as_ref()?.text.rsplit(' ').next()?.to_lowercase();
            heads.contains(&head.as_str()).then_some(val)
        }
        _ => None,
    }
}

/// The noun phrase after token `i` ending in one of `heads`, within five tokens, without
/// its determiner: `(first, last)`.
fn headed_object(v: &SentenceView<'_>, i: usize, heads: &[&str]) -> Option<(usize, usize)> {
    let mut first = i;
    if matches!(
        v.w(first),
        "its" | "their" | "a" | "an" | "the" | "another" | "his" | "her" | "new" | "first"
    ) {
        first += 1;
    }
    for k in first..(first + 5).min(v.toks.len()) {
        if heads.contains(&v.w(k)) {
            return Some((first, k));
        }
        if !v.w(k).chars().all(|c| c.is_alphanumeric() || c == '-') {
            return None;
        }
    }
    None
}

fn ent(role: &'static str, m: &TokMention) -> FactArg {
    FactArg {
        role,
        target: ArgTarget::Entity(m.entity_id),
    }
}

fn text(v: &SentenceView<'_>, role: &'static str, first: usize, last: usize) -> FactArg {
    FactArg {
        role,
        target: ArgTarget::Text(v.range_span(first, last)),
    }
}

fn val(role: &'static str, t: TokValue) -> FactArg {
    FactArg {
        role,
        target: ArgTarget::Value(t.index),
    }
}

/// Builds an event fact from its parts, adding the clause's time.
#[allow(clippy::too_many_arguments)]
fn event(
    v: &SentenceView<'_>,
    kind: FactKind,
    trigger: usize,
    agent: Option<TokMention>,
    mut args: Vec<FactArg>,
    evidence: (usize, usize),
    rule: &'static str,
    confidence: f32,
) -> Fact {
    let mut all = Vec::new();
    if let Some(a) = agent {
        all.push(ent("agent", &a));
    }
    all.append(&mut args);
    let mut first = evidence.0;
    let mut last = evidence.1;
    if let Some(t) = v.clause_date(trigger) {
        all.push(val("time", t));
        first = first.min(t.first);
        last = last.max(t.last);
    }
    if let Some(a) = agent {
        first = first.min(a.first);
    }
    Fact {
        kind,
        args: all,
        evidence: v.range_span(first, last),
        confidence,
        rule,
        modality: v.modality(trigger),
    }
}

/// Business events stated in one sentence.
pub fn extract(v: &SentenceView<'_>) -> Vec<Fact> {
    let mut out = Vec::new();
    for i in 0..v.toks.len() {
        let w = v.w(i);
        let prev = v.at(i, -1);
        let infinitive = matches!(
            prev,
            "will" | "to" | "'ll" | "would" | "could" | "may" | "might"
        );
        let open_verb = matches!(w, "opened" | "opens") || (w == "open" && infinitive);
        if open_verb {
            opening(v, i, &mut out);
        }
        let expand_verb = matches!(w, "expanded" | "expands") || (w == "expand" && infinitive);
        if expand_verb && matches!(v.w(i + 1), "into" | "to") {
            if let (Some(a), Some(p)) = (agent(v, i), place_after(v, i + 1)) {
                out.push(event(
                    v,
                    FactKind::Expansion,
                    i,
                    Some(a),
                    vec![ent("place", &p)],
                    (i, p.last),
                    "<org> expanded into <place>",
                    0.85,
                ));
            }
        }
        if matches!(w, "entered" | "enters") || (w == "enter" && infinitive) {
            let mut t = i + 1;
            if v.w(t) == "the" {
                t += 1;
            }
            if let Some(p) = v.mention_starting(t).filter(|m| m.kind == MentionKind::Loc) {
                if v.w(p.last + 1) == "market" {
                    if let Some(a) = agent(v, i) {
                        out.push(event(
                            v,
                            FactKind::Expansion,
                            i,
                            Some(a),
                            vec![ent("place", &p)],
                            (i, p.last + 1),
                            "<org> entered the <place> market",
                            0.85,
                        ));
                    }
                }
            }
        }
        let launch_verb = matches!(
            w,
            "launched"
                | "launches"
                | "unveiled"
                | "unveils"
                | "debuted"
                | "introduced"
                | "introduces"
        ) || (matches!(w, "launch" | "unveil" | "introduce") && infinitive)
            || (matches!(w, "rolled" | "rolls") && v.w(i + 1) == "out");
        if launch_verb {
            launch(v, i, &mut out);
        }
        let buy_verb = matches!(w, "acquired" | "acquires" | "bought" | "buys")
            || (matches!(w, "acquire" | "buy") && infinitive);
        if buy_verb {
            if let Some(a) = agent(v, i) {
                let mut t = i + 1;
                if matches!(
                    v.w(t),
                    "rival" | "startup" | "start-up" | "firm" | "company" | "the"
                ) {
                    t += 1;
                }
                if let Some(o) = v.mention_starting(t).filter(is_org) {
                    let mut args = vec![ent("object", &o)];
                    let mut last = o.last;
                    if v.w(o.last + 1) == "for" {
                        if let Some(m) = v
                            .value_starting(o.last + 2)
                            .filter(|m| v.dim(*m) == Some(crate::values::Dimension::Money))
                        {
                            args.push(val("amount", m));
                            last = m.last;
                        }
                    }
                    out.push(event(
                        v,
                        FactKind::Acquisition,
                        i,
                        Some(a),
                        args,
                        (i, last),
                        "<org> acquired <org> for <money>",
                        0.85,
                    ));
                }
            }
        }
        if (matches!(w, "merged" | "merges") || (w == "merge" && infinitive))
            && v.w(i + 1) == "with"
        {
            if let (Some(a), Some(o)) = (agent(v, i), v.mention_starting(i + 2).filter(is_org)) {
                out.push(event(
                    v,
                    FactKind::Acquisition,
                    i,
                    Some(a),
                    vec![ent("partner", &o)],
                    (i, o.last),
                    "<org> merged with <org>",
                    0.85,
                ));
            }
        }
        let invest_verb = matches!(w, "invested" | "invests") || (w == "invest" && infinitive);
        if invest_verb {
            if let (Some(a), Some(m)) = (
                agent(v, i),
                v.value_starting(i + 1)
                    .filter(|m| v.dim(*m) == Some(crate::values::Dimension::Money)),
            ) {
                let mut args = vec![val("amount", m)];
                let mut last = m.last;
                if v.w(m.last + 1) == "in" {
                    if let Some(o) = v.mention_starting(m.last + 2) {
                        args.push(ent(
                            if o.kind == MentionKind::Loc {
                                "place"
                            } else {
                                "object"
                            },
                            &o,
                        ));
                        last = o.last;
                    }
                }
                out.push(event(
                    v,
                    FactKind::Investment,
                    i,
                    Some(a),
                    args,
                    (i, last),
                    "<org> invested <money> in <target>",
                    0.85,
                ));
            }
        }
        if matches!(w, "raised" | "raises" | "secured" | "secures") {
            if let (Some(a), Some(m)) = (
                agent(v, i),
                v.value_starting(i + 1)
                    .filter(|m| v.dim(*m) == Some(crate::values::Dimension::Money)),
            ) {
                let round = (m.last + 1..m.last + 5)
                    .find(|k| matches!(v.w(*k), "funding" | "financing" | "round" | "venture"));
                if let Some(end) = round {
                    out.push(event(
                        v,
                        FactKind::Investment,
                        i,
                        Some(a),
                        vec![val("amount", m)],
                        (i, end),
                        "<org> raised <money> in funding",
                        0.85,
                    ));
                }
            }
        }
        let partner_verb = (matches!(w, "partnered" | "partners")
            || (w == "partner" && infinitive))
            && v.w(i + 1) == "with";
        let teamed = matches!(w, "teamed" | "teams") && v.w(i + 1) == "up" && v.w(i + 2) == "with";
        if partner_verb || teamed {
            let p_at = if teamed { i + 3 } else { i + 2 };
            if let (Some(a), Some(p)) = (agent(v, i), v.mention_starting(p_at).filter(is_org)) {
                out.push(event(
                    v,
                    FactKind::Partnership,
                    i,
                    Some(a),
                    vec![ent("partner", &p)],
                    (i, p.last),
                    "<org> partnered with <org>",
                    0.85,
                ));
            }
        }
        if matches!(w, "signed" | "signs" | "formed" | "forms")
            || (matches!(w, "sign" | "form") && infinitive)
        {
            let deal = (i + 1..i + 5).find(|k| {
                matches!(
                    v.w(*k),
                    "partnership" | "agreement" | "alliance" | "venture" | "memorandum"
                )
            });
            if let Some(d) = deal {
                if let Some(with) = (d + 1..d + 4).find(|k| v.w(*k) == "with") {
                    if let (Some(a), Some(p)) =
                        (agent(v, i), v.mention_starting(with + 1).filter(is_org))
                    {
                        out.push(event(
                            v,
                            FactKind::Partnership,
                            i,
                            Some(a),
                            vec![ent("partner", &p), text(v, "object", i + 1, d)],
                            (i, p.last),
                            "<org> signed a partnership with <org>",
                            0.8,
                        ));
                    }
                }
            }
        }
        let cut_verb = matches!(
            w,
            "cut" | "cuts" | "slashed" | "slashes" | "shed" | "sheds" | "eliminated" | "eliminates"
        ) || (matches!(w, "laid" | "lays" | "lay") && v.w(i + 1) == "off");
        if cut_verb {
            let from = if v.w(i + 1) == "off" { i + 2 } else { i + 1 };
            if let (Some(a), Some(q)) = (agent(v, i), counted_object(v, from, JOBS)) {
                out.push(event(
                    v,
                    FactKind::Layoff,
                    i,
                    Some(a),
                    vec![val("amount", q)],
                    (i, v.value_extent(q)),
                    "<org> cut <number> jobs",
                    0.85,
                ));
            }
        }
        if matches!(
            w,
            "announced" | "announces" | "announce" | "unveiled" | "confirmed"
        ) {
            if let (Some(a), Some(q)) = (
                agent(v, i),
                counted_object(v, i + 1, &["cuts", "layoffs", "redundancies"]),
            ) {
                let mut args = vec![val("amount", q)];
                let mut last = v.value_extent(q);
                if matches!(v.w(last + 1), "over" | "within" | "in") {
                    if let Some(d) = v.value_starting(last + 2).filter(|d| v.is_duration(*d)) {
                        args.push(val("time_frame", d));
                        last = d.last;
                    }
                }
                out.push(event(
                    v,
                    FactKind::Layoff,
                    i,
                    Some(a),
                    args,
                    (i, last),
                    "<org> announced <number> job cuts",
                    0.85,
                ));
            }
        }
        if matches!(w, "went" | "goes" | "go" | "going") && v.w(i + 1) == "public" {
            if let Some(a) = agent(v, i) {
                out.push(event(
                    v,
                    FactKind::Listing,
                    i,
                    Some(a),
                    Vec::new(),
                    (i, i + 1),
                    "<org> went public",
                    0.85,
                ));
            }
        }
        if matches!(w, "listed" | "lists") && v.w(i + 1) == "on" {
            if let (Some(a), Some(x)) = (agent(v, i), v.mention_starting(i + 2).filter(is_org)) {
                out.push(event(
                    v,
                    FactKind::Listing,
                    i,
                    Some(a),
                    vec![ent("exchange", &x)],
                    (i, x.last),
                    "<org> listed on <exchange>",
                    0.8,
                ));
            }
        }
        if matches!(w, "filed" | "files") && v.w(i + 1) == "for" {
            let what = v.w(i + 2);
            let ipo = what == "an"
                && (v.w(i + 3) == "ipo" || (v.w(i + 3) == "initial" && v.w(i + 4) == "public"));
            if matches!(what, "bankruptcy" | "insolvency")
                || (what == "chapter" && v.w(i + 3) == "11")
            {
                if let Some(a) = agent(v, i) {
                    out.push(event(
                        v,
                        FactKind::Bankruptcy,
                        i,
                        Some(a),
                        Vec::new(),
                        (i, i + 2),
                        "<org> filed for bankruptcy",
                        0.9,
                    ));
                }
            } else if ipo {
                if let Some(a) = agent(v, i) {
                    let mut f = event(
                        v,
                        FactKind::Listing,
                        i,
                        Some(a),
                        Vec::new(),
                        (i, i + 3),
                        "<org> filed for an IPO",
                        0.8,
                    );
                    if f.modality == super::Modality::Asserted {
                        f.modality = super::Modality::Planned;
                    }
                    out.push(f);
                }
            }
        }
        if matches!(w, "went" | "goes" | "go") && v.w(i + 1) == "bankrupt" {
            if let Some(a) = agent(v, i) {
                out.push(event(
                    v,
                    FactKind::Bankruptcy,
                    i,
                    Some(a),
                    Vec::new(),
                    (i, i + 1),
                    "<org> went bankrupt",
                    0.9,
                ));
            }
        }
    }
    out
}

/// "<org> opened <premises> in <place>", "<org> opened <number> <premises>" and
/// "the <place> <premises> that opened <time>".
fn opening(v: &SentenceView<'_>, i: usize, out: &mut Vec<Fact>) {
    if let Some(a) = agent(v, i) {
        if let Some(q) = counted_object(v, i + 1, PREMISES) {
            let mut args = vec![val("object", q)];
            let place = place_after(v, q.last + 1);
            if let Some(p) = place {
                args.push(ent("place", &p));
            }
            let last = place.map_or(v.value_extent(q), |p| p.last);
            out.push(event(
                v,
                FactKind::Opening,
                i,
                Some(a),
                args,
                (i, last),
                "<org> opened <number> <premises>",
                0.85,
            ));
            return;
        }
        if let Some((first, last)) = headed_object(v, i + 1, PREMISES) {
            let mut args = vec![text(v, "object", first, last)];
            let place = place_after(v, last + 1);
            if let Some(p) = place {
                args.push(ent("place", &p));
            }
            let end = place.map_or(last, |p| p.last);
            out.push(event(
                v,
                FactKind::Opening,
                i,
                Some(a),
                args,
                (i, end),
                "<org> opened <premises> in <place>",
                0.85,
            ));
        }
        return;
    }
    // "the Wuhan office that opened yesterday", "the new store opened"
    let mut k = i;
    if matches!(v.at(i, -1), "that" | "which") {
        k -= 1;
    }
    let Some(head) = k.checked_sub(1) else { return };
    if !PREMISES.contains(&v.w(head)) || v.at(i, 1) == "up" {
        return;
    }
    let mut first = head;
    while first > 0
        && !matches!(v.w(first - 1), "the" | "a" | "its" | "their" | ",")
        && head - first < 4
    {
        first -= 1;
    }
    if !matches!(v.at(first, -1), "the" | "a" | "its" | "their" | "new") {
        return;
    }
    let det = first - 1;
    let mut args = Vec::new();
    let inside = |want: MentionKind| {
        (first..head).find_map(|k| {
            v.mention_starting(k)
                .filter(|m| m.last < head && m.kind == want)
        })
    };
    let owner = inside(MentionKind::Org);
    let place = inside(MentionKind::Loc);
    args.push(text(v, "object", head, head));
    if let Some(p) = place {
        args.push(ent("place", &p));
    }
    let f = event(
        v,
        FactKind::Opening,
        i,
        owner,
        args,
        (det, i),
        "the <place> <premises> that opened <time>",
        0.75,
    );
    // Without an agent the fact is only worth keeping when it says where or when.
    if owner.is_some() || f.arg("time").is_some() {
        out.push(f);
    }
}

/// "<org> launched <product>"
fn launch(v: &SentenceView<'_>, i: usize, out: &mut Vec<Fact>) {
    let Some(a) = agent(v, i) else { return };
    let from = if v.w(i + 1) == "out" { i + 2 } else { i + 1 };
    if let Some(p) = v
        .mention_starting(from)
        .filter(|m| matches!(m.kind, MentionKind::Misc | MentionKind::Org))
    {
        out.push(event(
            v,
            FactKind::Launch,
            i,
            Some(a),
            vec![ent("object", &p)],
            (i, p.last),
            "<org> launched <product>",
            0.8,
        ));
        return;
    }
    let mut first = from;
    if matches!(v.w(first), "a" | "an" | "its" | "the" | "their") {
        first += 1;
    }
    let mut last = first;
    while last < v.toks.len()
        && last < first + 8
        && v.w(last).chars().all(|c| c.is_alphanumeric() || c == '-')
        && !matches!(
            v.w(last),
            "in" | "on"
                | "at"
                | "to"
                | "for"
                | "with"
                | "and"
                | "that"
                | "which"
                | "as"
                | "last"
                | "this"
        )
    {
        last += 1;
    }
    // "a new version of its" cut by the length limit: end before the dangling "of its".
    while last > first + 1
        && matches!(
            v.w(last - 1),
            "of" | "its" | "their" | "the" | "a" | "an" | "his" | "her"
        )
    {
        last -= 1;
    }
    if last == first || v.values.iter().any(|t| t.first < last && t.last >= first) {
        return;
    }
    let head = last - 1;
    if NOT_PRODUCTS.contains(&v.w(head))
        || matches!(
            v.w(head),
            "first"
                | "second"
                | "last"
                | "next"
                | "new"
                | "latest"
                | "its"
                | "their"
                | "it"
                | "them"
        )
    {
        return;
    }
    out.push(event(
        v,
        FactKind::Launch,
        i,
        Some(a),
        vec![text(v, "object", first, head)],
        (i, head),
        "<org> launched <product>",
        0.75,
    ));
}

/// True when `later` reports the same event as `earlier`: same kind of event, the same
/// place, and no argument role that both fill with different targets (the object's wording
/// may differ).
pub fn mergeable(earlier: &Fact, later: &Fact) -> bool {
    let event_kind = matches!(
        earlier.kind,
        FactKind::Opening
            | FactKind::Expansion
            | FactKind::Launch
            | FactKind::Acquisition
            | FactKind::Investment
            | FactKind::Partnership
            | FactKind::Layoff
            | FactKind::Listing
            | FactKind::Bankruptcy
    );
    // A report of an asserted event (or the other way round) is still the same event;
    // a planned, negated or hedged one is not.
    let factual =
        |m: super::Modality| matches!(m, super::Modality::Asserted | super::Modality::Reported);
    if !event_kind
        || earlier.kind != later.kind
        || !(earlier.modality == later.modality
            || factual(earlier.modality) && factual(later.modality))
    {
        return false;
    }
    let Some(place) = earlier.arg("place") else {
        return false;
    };
    if later.arg("place") != Some(place) {
        return false;
    }
    let compatible = later
        .args
        .iter()
        .all(|a| a.role == "object" || earlier.arg(a.role).is_none_or(|t| t == a.target));
    let adds = later.args.iter().any(|a| earlier.arg(a.role).is_none());
    compatible && adds
}

/// Adds the arguments `later` has and `earlier` lacks; the evidence covers both.
pub fn merge_into(earlier: &mut Fact, later: &Fact) {
    for a in &later.args {
        if earlier.arg(a.role).is_none() {
            earlier.args.push(*a);
        }
    }
    earlier.evidence = earlier.evidence.cover(later.evidence);
}
