//! The facts stage: typed, evidence-backed statements built on top of sentences, tokens and
//! entity mentions.
//!
//! This module owns the types every fact kind shares (what a fact's input looks like, how an
//! argument points at the article, modality); each fact kind lives in its own file next to it
//! (`quotes.rs` now; roles, events, metrics, plans and places later). It depends only on
//! [`crate::span`]. `testing_text` is a stand-in text layer for tests and the evaluation only;
//! the pipeline passes the real sentences and tokens in.

pub mod cue_lexicon;
pub mod polnear_eval;
pub mod quotes;
#[cfg(test)]
mod quotes_corpus;
pub mod testing_text;

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
        Arg { span, head: span, entity_id: None, antecedent: None }
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
