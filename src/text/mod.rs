//! The text layer: the first stage of the pipeline; every later stage reads its output.
//!
//! Owns the way from raw input to a [`TextDoc`]: byte decoding ([`decode`]), cleaning with an
//! alignment to the original ([`CleanText`], [`Removal`]), article layout metadata
//! ([`ArticleMeta`]: headline, byline, dateline, credits trailer), sentences ([`Sentence`]) and
//! CoNLL-style tokens ([`Token`]); plus offset conversion for responses ([`OffsetConverter`])
//! and the sentence-splitting evaluation on GUM ([`eval_gum_sentences`]).
//!
//! All spans are [`Span`]s into the CLEAN text; [`CleanText::to_original`] maps them back.
//! Sentences: when the article opens with a headline line (and possibly one more title line,
//! e.g. `<title>` then `<h1>`), those come first with role [`SentenceRole::Headline`]; all
//! others are body sentences. Dateline, byline and trailer are
//! metadata and never part of a sentence.
//!
//! Depends on `crate::span` and the `encoding_rs` crate only.

mod clean;
mod decode;
pub mod eval;
mod meta;
mod offsets;
mod segment;
mod tokenize;

use std::ops::Range;

pub use clean::{CleanText, Removal, RemovalKind};
pub use decode::{decode, DecodeError, DecodeErrorKind, Decoded, EncodingSource, META_SNIFF_LIMIT};
pub use eval::{eval_gum_sentences, EvalError, Report};
pub use meta::{ArticleMeta, Dateline, Field, PartialDate};
pub use offsets::{OffsetConverter, OffsetUnit};
pub use segment::split_sentences;
pub use tokenize::{tokenize, Token, TokenKind};

use crate::span::Span;

/// How to read the input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ContentKind {
    /// Text as scraped; things that are clearly tags, entities and code junk are still removed.
    #[default]
    Plain,
    /// An HTML document or fragment: all markup removed, whitespace collapsed, blocks -> line breaks.
    Html,
}

/// What part of the article a sentence is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SentenceRole {
    /// The headline line at the top of the article.
    Headline,
    /// A sentence of the body.
    Body,
}

/// One sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Span in the clean text (trimmed, non-empty).
    pub span: Span,
    /// Indices into [`TextDoc::tokens`].
    pub tokens: Range<usize>,
    /// Headline or body.
    pub role: SentenceRole,
}

/// The analysed text of one article.
#[derive(Clone, Debug)]
pub struct TextDoc {
    /// Clean text and its alignment to the original.
    pub clean: CleanText,
    /// Noise stripped from the original, in original order.
    pub removals: Vec<Removal>,
    /// Headline, dateline, byline, trailer (spans in the clean text).
    pub meta: ArticleMeta,
    /// Clean-text region of the body (after headline/byline/dateline, before the trailer).
    pub body: Span,
    /// The headline sentence (if any) then the body sentences, in order.
    pub sentences: Vec<Sentence>,
    /// All tokens of all sentences, in order.
    pub tokens: Vec<Token>,
}

/// Cleans `original`, finds its metadata and body, and splits the body into sentences and tokens.
pub fn analyze(original: &str, kind: ContentKind) -> TextDoc {
    let (clean, removals) = clean::clean(original, kind);
    let text = clean.as_str();
    let layout = meta::detect(text);
    let mut sentence_spans: Vec<(Span, SentenceRole)> = Vec::new();
    if let Some(headline) = &layout.meta.headline {
        sentence_spans.push((headline.span, SentenceRole::Headline));
    }
    sentence_spans.extend(
        layout
            .meta
            .subheadlines
            .iter()
            .map(|f| (f.span, SentenceRole::Headline)),
    );
    sentence_spans.extend(
        split_sentences(text, layout.body)
            .into_iter()
            .map(|s| (s, SentenceRole::Body)),
    );
    let mut tokens = Vec::new();
    let mut sentences = Vec::with_capacity(sentence_spans.len());
    for (span, role) in sentence_spans {
        let first = tokens.len();
        tokenize::tokenize_into(text, span, &mut tokens);
        sentences.push(Sentence {
            span,
            tokens: first..tokens.len(),
            role,
        });
    }
    TextDoc {
        clean,
        removals,
        meta: layout.meta,
        body: layout.body,
        sentences,
        tokens,
    }
}

impl TextDoc {
    /// The surface of `span` in the clean text.
    pub fn text_of(&self, span: Span) -> &str {
        span.slice(self.clean.as_str())
    }

    /// The original byte range of a clean `span` (see [`CleanText::to_original`]).
    pub fn to_original(&self, span: Span) -> Range<usize> {
        self.clean.to_original(span)
    }
}
