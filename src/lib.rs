//! newsfacts: a news article in, typed, normalised, evidence-backed facts out.
//!
//! The main types and where they live:
//! - [`span::Span`]: a byte range into the clean text, used by every stage;
//! - [`text`]: raw text -> clean text with alignment back to the original, sentences,
//!   tokens, dateline/byline/trailer metadata ([`text::TextDoc`]);
//! - [`facts`]: quotes ([`facts::Quote`]) and typed facts ([`facts::Fact`]: roles, business
//!   events, places, metrics, plans) whose arguments point at entities and values;
//! - [`pipeline`]: the ordered stages and the [`pipeline::Document`] they fill, given an
//!   [`pipeline::ArticleInput`]; the reference time is decided there, never read from a clock;
//! - [`service`]: the gRPC skin (generated types, validation, conversions, tonic service).
//!
//! Only `service` and the binaries know about gRPC; the core is synchronous and deterministic.

pub mod entities;
pub mod facts;
pub mod pipeline;
pub mod service;
pub mod span;
pub mod text;
pub mod values;
