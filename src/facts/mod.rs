//! The facts stage: typed, evidence-backed statements built on top of sentences, tokens and
//! entity mentions.
//!
//! This module owns the types every fact kind shares (what a fact's input looks like, how an
//! argument points at the article, modality, the [`Fact`] itself) and [`extract_facts`], which
//! runs the rule files and removes duplicates. Each fact kind lives in its own file: `quotes`
//! (attributions), `roles` (person - title - organisation, appointments), `events` (business
//! events), `places` (located-in, capital-of, neighbour-of), `metrics` (a figure rose or fell),
//! `plans` (targets with a time frame); `sentence_view` is the token view they share.
//! It depends on [`crate::span`], on [`crate::values`] (value kinds) and on
//! [`crate::entities`] (entity kinds and gazetteer places); never on the service.
//! `testing_text` (compiled for unit tests only) is a small stand-in text layer so the quote
//! rules can be tested on hand-written sentences; the pipeline and the PolNeAR evaluation
//! pass the real sentences and tokens in.

pub mod cue_lexicon;
pub mod display;
pub mod events;
#[cfg(test)]
mod fact_rules_tests;
pub mod metrics;
pub mod places;
pub mod plans;
pub mod polnear_eval;
pub mod quotes;
#[cfg(test)]
mod quotes_corpus;
pub mod roles;
pub mod sentence_view;
#[cfg(test)]
mod testing_text;

pub use quotes::{extract_quotes, Quote, QuoteInput};

use crate::span::Span;

/// A sentence with its token spans: the same type the entities stage reads.
pub use crate::entities::SentenceTokens;

/// The coarse kind of an entity mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionKind {
    /// A person ("Song Xiaojun", "Song").
    Person,
    /// A company, agency, party, newspaper ("Amazon", "Yicai").
    Org,
    /// A place ("Wuhan").
    Loc,
    /// Anything else the tagger names.
    Misc,
}

/// An entity mention found by an earlier stage; the facts stage only reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MentionRef {
    /// Where the mention is.
    pub span: Span,
    /// The id of the entity (cluster) the mention belongs to.
    pub entity_id: u32,
    /// What kind of entity it is.
    pub kind: MentionKind,
}

/// One argument of a fact: a span of the article plus, when known, the entity it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arg {
    /// The whole argument as written ("Song Xiaojun, vice president of Amazon China").
    pub span: Span,
    /// Its head: the name or noun that identifies it ("Song Xiaojun"); equals `span` when
    /// there is nothing to strip.
    pub head: Span,
    /// The entity of a mention overlapping the head (or, for a pronoun, its antecedent).
    pub entity_id: Option<u32>,
    /// For a pronoun ("he said"): the span it was resolved to, when it could be.
    pub antecedent: Option<Span>,
}

impl Arg {
    /// An argument whose head is the whole span and which names no known entity.
    pub fn plain(span: Span) -> Arg {
        Arg {
            span,
            head: span,
            entity_id: None,
            antecedent: None,
        }
    }
}

/// How a fact is asserted by the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Modality {
    /// Stated as true by the article itself.
    Asserted,
    /// Stated as something a source said (all quotes unless one of the others applies).
    Reported,
    /// Stated as not having happened / not said ("did not say").
    Negated,
    /// Planned or promised ("will", "vowed to").
    Planned,
    /// Hedged, a belief or an expectation ("believes", "reportedly", "may have said").
    Speculative,
}

/// The kinds of typed facts (the proto's `FactKind` minus "unspecified").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FactKind {
    Role,
    Opening,
    Expansion,
    Launch,
    Acquisition,
    Investment,
    Partnership,
    Appointment,
    Departure,
    Layoff,
    Listing,
    Bankruptcy,
    LocatedIn,
    CapitalOf,
    NeighborOf,
    Metric,
    Plan,
}

impl FactKind {
    /// Lowercase name ("located_in").
    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::Role => "role",
            FactKind::Opening => "opening",
            FactKind::Expansion => "expansion",
            FactKind::Launch => "launch",
            FactKind::Acquisition => "acquisition",
            FactKind::Investment => "investment",
            FactKind::Partnership => "partnership",
            FactKind::Appointment => "appointment",
            FactKind::Departure => "departure",
            FactKind::Layoff => "layoff",
            FactKind::Listing => "listing",
            FactKind::Bankruptcy => "bankruptcy",
            FactKind::LocatedIn => "located_in",
            FactKind::CapitalOf => "capital_of",
            FactKind::NeighborOf => "neighbor_of",
            FactKind::Metric => "metric",
            FactKind::Plan => "plan",
        }
    }
}

/// What an argument of a fact points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ArgTarget {
    /// An entity (`Entity.id`).
    Entity(u32),
    /// A value: its index in `Document.values`.
    Value(u32),
    /// A piece of text that is neither ("vice president").
    Text(Span),
    /// A piece of text shown in a normal form: a nationality adjective standing for its
    /// country when the article names no such country ("Mexican" shown as "Mexico"), or a
    /// word saying a role has ended ("ex-", "then-", "late" shown as "former"). Clients see
    /// a text argument (the span) whose display is the name.
    Named(Span, &'static str),
}

/// One role-named argument of a fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FactArg {
    /// The role ("person", "title", "organization", "place", "time", "amount", ...).
    pub role: &'static str,
    /// What fills it.
    pub target: ArgTarget,
}

/// A typed statement of the article.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub kind: FactKind,
    /// Arguments in a fixed order per rule.
    pub args: Vec<FactArg>,
    /// The text that states the fact.
    pub evidence: Span,
    /// How sure the rule is, 0..=1.
    pub confidence: f32,
    /// The rule that produced it, written as its pattern.
    pub rule: &'static str,
    pub modality: Modality,
}

impl Fact {
    /// The target of the first argument with this role.
    pub fn arg(&self, role: &str) -> Option<ArgTarget> {
        self.args.iter().find(|a| a.role == role).map(|a| a.target)
    }
}

/// The entity with this id: `Entity.id` is its position in the list (checked, with a
/// search as fallback for hand-built lists).
pub fn entity(entities: &[crate::entities::Entity], id: u32) -> Option<&crate::entities::Entity> {
    match entities.get(id as usize) {
        Some(e) if e.id == id => Some(e),
        _ => entities.iter().find(|e| e.id == id),
    }
}

/// What the fact rules read: the clean text, body sentences, values, entities with their
/// mentions, the quotes' content spans, and spans to ignore (dateline, byline).
pub struct FactInput<'a> {
    pub text: &'a str,
    pub sentences: &'a [SentenceTokens],
    pub values: &'a [crate::values::Value],
    pub entities: &'a [crate::entities::Entity],
    /// Body mentions sorted by span.
    pub mentions: &'a [MentionRef],
    /// Content spans of the quotes: facts inside them are reported.
    pub quote_contents: Vec<Span>,
    /// Spans no argument may come from (dateline, byline, editors).
    pub skip: Vec<Span>,
}

/// Runs every fact rule over the input and returns the facts in evidence order, without
/// duplicates: facts with the same kind and arguments (text arguments compared by their
/// words) are kept once (the first stated; the most confident rule among equals),
/// and events that only add arguments to an earlier one of the same kind about the same
/// place are merged into it.
pub fn extract_facts(input: &FactInput<'_>) -> Vec<Fact> {
    let org_names = sentence_view::org_names(input);
    let views = sentence_view::views(input, &org_names);
    let mut facts = Vec::new();
    for v in &views {
        facts.extend(roles::extract(v));
        facts.extend(events::extract(v));
        facts.extend(places::extract(v));
        facts.extend(metrics::extract(v));
        facts.extend(plans::extract(v));
    }
    facts.retain(|f| !f.args.is_empty() && !f.evidence.is_empty());
    facts.sort_by(|a, b| {
        (a.evidence, a.kind, &a.args, a.rule).cmp(&(b.evidence, b.kind, &b.args, b.rule))
    });
    // Text arguments count as the same when their words are ("Apple CEO Steve Jobs" twice).
    type Key = (FactKind, Vec<(&'static str, Result<ArgTarget, String>)>);
    let key = |f: &Fact| -> Key {
        let args = f
            .args
            .iter()
            .map(|a| match a.target {
                ArgTarget::Text(s) => (
                    a.role,
                    Err(s.slice(input.text).to_lowercase().replace('’', "'")),
                ),
                ArgTarget::Named(_, name) => (a.role, Err(name.to_lowercase())),
                t => (a.role, Ok(t)),
            })
            .collect();
        (f.kind, args)
    };
    // Lookups by key and by (kind, place) keep this linear in the number of facts.
    let mut out: Vec<Fact> = Vec::new();
    let mut by_key: std::collections::BTreeMap<Key, usize> = std::collections::BTreeMap::new();
    let mut by_place: std::collections::BTreeMap<(FactKind, ArgTarget), Vec<usize>> =
        std::collections::BTreeMap::new();
    for f in facts {
        let k = key(&f);
        if let Some(same) = by_key.get(&k).and_then(|&i| out.get_mut(i)) {
            if f.confidence > same.confidence {
                *same = f;
            }
            continue;
        }
        let place = f.arg("place").map(|p| (f.kind, p));
        let candidates = place
            .as_ref()
            .and_then(|p| by_place.get(p))
            .map_or(&[][..], |v| v.as_slice());
        if let Some(&i) = candidates
            .iter()
            .find(|&&i| out.get(i).is_some_and(|o| events::mergeable(o, &f)))
        {
            if let Some(earlier) = out.get_mut(i) {
                events::merge_into(earlier, &f);
            }
            continue;
        }
        by_key.insert(k, out.len());
        if let Some(p) = place {
            by_place.entry(p).or_default().push(out.len());
        }
        out.push(f);
    }
    out.sort_by(|a, b| {
        (a.evidence, a.kind, &a.args, a.rule).cmp(&(b.evidence, b.kind, &b.args, b.rule))
    });
    out
}
