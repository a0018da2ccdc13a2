//! The ordered stages of extraction, and the document they fill.
//!
//! `extract` runs, in order:
//! 1. text (reads the original text; writes clean text, alignment, metadata, sentences, tokens);
//! 2. reference time (reads the request's publication time and the dateline; writes
//!    [`Reference`]): the only place that decides which date relative expressions mean;
//! 3. values (reads clean text, sentence spans and the reference; writes normalised values);
//! 4. entities (reads clean text, sentence tokens and metadata fields; writes entities with
//!    grouped mentions, salience and resolved places);
//! 5. quotes (reads sentence tokens and entity mentions; writes attributions);
//! 6. facts (reads sentence tokens, values, entities with their places, quote contents and
//!    the metadata spans to ignore; writes roles, events, places, metrics and plans).
//!
//! This module is plain synchronous Rust: no gRPC, no clock. The same input always gives
//! the same [`Document`].

use chrono::{Datelike, TimeZone};

use crate::entities::{self, Entity, EntityInput, MetaField, MetaFieldKind, SentenceTokens};
use crate::facts::{self, Fact, FactInput, MentionRef, Quote, QuoteInput};
use crate::span::Span;
use crate::text::{self, ContentKind, TextDoc};
use crate::values::{self, Value};

/// Version of the extractor, reported in every response.
pub const EXTRACTOR_VERSION: &str = concat!("newsfacts ", env!("CARGO_PKG_VERSION"));

/// A publication instant with the time zone its local date is read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Published {
    /// Seconds since the Unix epoch (UTC).
    pub unix_seconds: i64,
    /// Nanoseconds within the second.
    pub nanos: u32,
    /// The article's time zone.
    pub tz: chrono_tz::Tz,
}

/// Everything the core needs to know about one article.
#[derive(Clone, Debug)]
pub struct ArticleInput<'a> {
    /// The body as sent (or as decoded from bytes).
    pub text: &'a str,
    /// Plain text or HTML.
    pub kind: ContentKind,
    /// The headline, when sent separately.
    pub title: Option<&'a str>,
    /// The outlet, when the client knows it.
    pub outlet: Option<&'a str>,
    /// The publication time, when known.
    pub published: Option<Published>,
}

/// Where the reference time came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceSource {
    /// No reference: relative dates stay unresolved.
    None,
    /// The request's publication time.
    PublishedAt,
    /// The dateline's date.
    Dateline,
}

/// The reference time relative expressions are resolved against: a local calendar date,
/// any part of which may be unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    /// Where it came from.
    pub source: ReferenceSource,
    /// Year, when known.
    pub year: Option<i32>,
    /// Month 1-12, when known.
    pub month: Option<u32>,
    /// Day 1-31, when known.
    pub day: Option<u32>,
    /// Local hour and minute, when the reference is an instant.
    pub hour_minute: Option<(u32, u32)>,
    /// The publication instant, when that is the source.
    pub instant: Option<Published>,
}

impl Reference {
    /// The reference as a TIMEX3 date value ("2024-05-16", "XXXX-05-16"), or `None`.
    pub fn timex(&self) -> Option<String> {
        if self.source == ReferenceSource::None {
            return None;
        }
        let y = self
            .year
            .map_or_else(|| "XXXX".to_string(), |y| format!("{y:04}"));
        match (self.month, self.day) {
            (Some(m), Some(d)) => Some(format!("{y}-{m:02}-{d:02}")),
            (Some(m), None) => Some(format!("{y}-{m:02}")),
            _ => self.year.map(|_| y),
        }
    }
}

/// Decides the reference time: the publication time in the article's zone when given,
/// else the dateline date (whose year may stay unknown), else none.
pub fn reference_time(published: Option<Published>, doc: &TextDoc) -> Reference {
    if let Some(p) = published {
        if let Some(utc) = chrono::DateTime::from_timestamp(p.unix_seconds, p.nanos) {
            let local = p.tz.from_utc_datetime(&utc.naive_utc());
            use chrono::Timelike;
            return Reference {
                source: ReferenceSource::PublishedAt,
                year: Some(local.year()),
                month: Some(local.month()),
                day: Some(local.day()),
                hour_minute: Some((local.hour(), local.minute())),
                instant: Some(p),
            };
        }
    }
    if let Some(date) = doc.meta.dateline.as_ref().and_then(|d| d.date) {
        if date.month.is_some() || date.year.is_some() {
            return Reference {
                source: ReferenceSource::Dateline,
                year: date.year,
                month: date.month,
                day: date.day,
                hour_minute: None,
                instant: None,
            };
        }
    }
    Reference {
        source: ReferenceSource::None,
        year: None,
        month: None,
        day: None,
        hour_minute: None,
        instant: None,
    }
}

/// The result of extraction over one article. Spans index `text.clean`.
#[derive(Clone, Debug)]
pub struct Document {
    /// The text layer: clean text with alignment, metadata, sentences, tokens.
    pub text: TextDoc,
    /// The reference time used.
    pub reference: Reference,
    /// Normalised values, in text order.
    pub values: Vec<Value>,
    /// Entities, most salient first; `Entity.id` is the position in this list.
    pub entities: Vec<Entity>,
    /// Quotes and attributions, in text order of their cues.
    pub quotes: Vec<Quote>,
    /// Typed facts (roles, events, places, metrics, plans), in evidence order; arguments
    /// point at `entities` ids and `values` indices.
    pub facts: Vec<Fact>,
}

/// Runs every stage over one article.
pub fn extract(input: &ArticleInput<'_>) -> Document {
    let text = text::analyze(input.text, input.kind);
    let reference = reference_time(input.published, &text);
    let clean = text.clean.as_str();

    let sentence_spans: Vec<Span> = text.sentences.iter().map(|s| s.span).collect();
    let values = values::extract(clean, &sentence_spans, &values_reference(&reference));

    let sentences = sentence_tokens(&text);
    let metadata_fields = metadata_fields(&text);
    let entities = entities::extract(&EntityInput {
        text: clean,
        sentences: &sentences,
        metadata_fields: &metadata_fields,
    });

    let mut mentions: Vec<MentionRef> = entities
        .iter()
        .flat_map(|e| {
            let kind = match e.kind {
                entities::EntityKind::Person => facts::MentionKind::Person,
                entities::EntityKind::Organization => facts::MentionKind::Org,
                entities::EntityKind::Location => facts::MentionKind::Loc,
                entities::EntityKind::Misc => facts::MentionKind::Misc,
            };
            e.mentions
                .iter()
                .filter(|m| !m.from_metadata)
                .map(move |m| MentionRef {
                    span: m.span,
                    entity_id: e.id,
                    kind,
                })
        })
        .collect();
    mentions.sort_by_key(|m| (m.span, m.entity_id));
    // Headline lines, then the body: quotes read both (a headline "Name: claim" is an
    // attribution), facts the body only.
    let (headlines, body): (Vec<_>, Vec<_>) = text
        .sentences
        .iter()
        .zip(sentences)
        .partition(|(s, _)| s.role == text::SentenceRole::Headline);
    let headline_sentences = headlines.len();
    let quote_sentences: Vec<SentenceTokens> = headlines
        .into_iter()
        .chain(body)
        .map(|(_, st)| st)
        .collect();
    let body_sentences = quote_sentences.get(headline_sentences..).unwrap_or(&[]);
    let quotes = facts::extract_quotes(&QuoteInput {
        text: clean,
        sentences: &quote_sentences,
        mentions: &mentions,
        headline_sentences,
    });

    let facts = facts::extract_facts(&FactInput {
        text: clean,
        sentences: body_sentences,
        values: &values,
        entities: &entities,
        mentions: &mentions,
        quote_contents: quotes
            .iter()
            .flat_map(|q| std::iter::once(q.content).chain(q.content_more.iter().copied()))
            .collect(),
        skip: metadata_fields
            .iter()
            .map(|f| f.span)
            .chain(text.meta.dateline.as_ref().map(|d| d.span))
            .collect(),
    });

    Document {
        text,
        reference,
        values,
        entities,
        quotes,
        facts,
    }
}

/// The values stage's view of the reference: only the local date and time parts.
/// The sentences of a text document with their token spans, as the entity stage reads them.
pub fn sentence_tokens(doc: &TextDoc) -> Vec<SentenceTokens> {
    doc.sentences
        .iter()
        .map(|s| SentenceTokens {
            span: s.span,
            tokens: doc
                .tokens
                .get(s.tokens.clone())
                .unwrap_or(&[])
                .iter()
                .map(|t| t.span)
                .collect(),
        })
        .collect()
}

fn values_reference(r: &Reference) -> values::Reference {
    values::Reference {
        year: r.year,
        month: r.month,
        day: r.day,
        hour: r.hour_minute.map(|(h, _)| h),
        minute: r.hour_minute.map(|(_, m)| m),
    }
}

/// Outlet, authors and editors found by the text layer, for the entities stage.
fn metadata_fields(doc: &TextDoc) -> Vec<MetaField> {
    let meta = &doc.meta;
    let mut out = Vec::new();
    let outlet = meta
        .outlet
        .as_ref()
        .or_else(|| meta.dateline.as_ref().and_then(|d| d.outlet.as_ref()));
    if let Some(f) = outlet {
        out.push(MetaField {
            kind: MetaFieldKind::Outlet,
            span: f.span,
        });
    }
    out.extend(meta.authors.iter().map(|f| MetaField {
        kind: MetaFieldKind::Author,
        span: f.span,
    }));
    out.extend(meta.editors.iter().map(|f| MetaField {
        kind: MetaFieldKind::Editor,
        span: f.span,
    }));
    out
}

/// Loads the embedded models and tables (tagger, gazetteer) by extracting from a short text,
/// so that the first real request does not pay for it. Returns the number of entities found,
/// which callers may log.
pub fn warm_up() -> usize {
    let doc = extract(&ArticleInput {
        text: "WASHINGTON (Reuters) - Acme Corp said on Monday it would open an office in Wuhan, China.",
        kind: ContentKind::Plain,
        title: None,
        outlet: None,
        published: None,
    });
    doc.entities.len()
}
