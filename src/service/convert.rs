//! Proto <-> core conversions: a request becomes a validated [`Prepared`] article (or a
//! [`RequestError`] naming the field and the limit); a core [`Document`] becomes an
//! `ExtractResponse` with every span mapped back to the original text in the caller's unit.
//!
//! Messages are destructured field by field, so a new proto field breaks the build here
//! instead of being silently dropped.

use std::str::FromStr;

use super::error::{RequestError, RequestErrorKind};
use super::limits::Limits;
use super::pb;
use crate::pipeline::{self, ArticleInput, Document, Published, ReferenceSource};
use crate::span::Span;
use crate::text::{self, ContentKind, OffsetConverter, OffsetUnit};
use crate::{entities, facts, values};

use RequestErrorKind::{InvalidArgument, TooLarge};

/// Which parts of the response the caller asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outputs {
    /// Article metadata.
    pub metadata: bool,
    /// Sentences.
    pub sentences: bool,
    /// Tokens.
    pub tokens: bool,
    /// Entities.
    pub entities: bool,
    /// Values.
    pub values: bool,
    /// Facts.
    pub facts: bool,
    /// Quotes.
    pub quotes: bool,
}

impl Outputs {
    const ALL: Outputs = Outputs {
        metadata: true,
        sentences: true,
        tokens: true,
        entities: true,
        values: true,
        facts: true,
        quotes: true,
    };
    const NONE: Outputs = Outputs {
        metadata: false,
        sentences: false,
        tokens: false,
        entities: false,
        values: false,
        facts: false,
        quotes: false,
    };
}

/// A validated request, ready for the core.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// The caller's article id.
    pub id: String,
    /// The body text (as sent, or decoded from bytes).
    pub text: String,
    /// The charset the body was decoded from, when it came as bytes, and whether it was
    /// sniffed rather than declared.
    pub charset: Option<(&'static str, bool)>,
    /// Plain or HTML.
    pub kind: ContentKind,
    /// Headline.
    pub title: String,
    /// URL.
    pub url: String,
    /// Outlet given by the caller.
    pub outlet: String,
    /// Publication time.
    pub published: Option<Published>,
    /// The time zone name used.
    pub time_zone: String,
    /// The offset unit of the response.
    pub unit: OffsetUnit,
    /// The parts asked for.
    pub outputs: Outputs,
}

impl Prepared {
    /// The core's view of the article.
    pub fn input(&self) -> ArticleInput<'_> {
        ArticleInput {
            text: &self.text,
            kind: self.kind,
            title: non_empty(&self.title),
            outlet: non_empty(&self.outlet),
            published: self.published,
        }
    }
}

fn non_empty(s: &str) -> Option<&str> {
    if s.trim().is_empty() {
        None
    } else {
        Some(s)
    }
}

fn check_len(field: &str, value: &str, limit: usize) -> Result<(), RequestError> {
    if value.len() > limit {
        return Err(RequestError::field(
            TooLarge,
            field,
            format!(
                "is {} bytes, over the limit of {} bytes",
                value.len(),
                limit
            ),
        ));
    }
    Ok(())
}

/// Validates a request and turns it into a [`Prepared`] article.
pub fn prepare(
    article: Option<pb::Article>,
    options: Option<pb::ExtractOptions>,
    limits: &Limits,
) -> Result<Prepared, RequestError> {
    let Some(article) = article else {
        return Err(RequestError::field(
            InvalidArgument,
            "article",
            "is required",
        ));
    };
    let pb::Article {
        id,
        body,
        charset,
        content_type,
        title,
        url,
        outlet,
        published_at,
        time_zone,
    } = article;
    check_len("article.id", &id, limits.max_field_bytes)?;
    check_len("article.title", &title, limits.max_field_bytes)?;
    check_len("article.url", &url, limits.max_field_bytes)?;
    check_len("article.outlet", &outlet, limits.max_field_bytes)?;
    check_len("article.charset", &charset, 64)?;

    let kind = match pb::ContentType::try_from(content_type) {
        Ok(pb::ContentType::Unspecified | pb::ContentType::PlainText) => ContentKind::Plain,
        Ok(pb::ContentType::Html) => ContentKind::Html,
        Err(_) => {
            return Err(RequestError::field(
                InvalidArgument,
                "article.content_type",
                format!(
                "unknown value {content_type}; use CONTENT_TYPE_PLAIN_TEXT or CONTENT_TYPE_HTML"
            ),
            ))
        }
    };

    let (text, decoded_charset) = match body {
        None => {
            return Err(RequestError::field(
                InvalidArgument,
                "article.text",
                "the article body is empty: set article.text or article.raw",
            ))
        }
        Some(pb::article::Body::Text(t)) => {
            if t.len() > limits.max_article_bytes {
                return Err(RequestError::field(
                    TooLarge,
                    "article.text",
                    format!(
                        "is {} bytes, over the limit of {} bytes (max_article_bytes)",
                        t.len(),
                        limits.max_article_bytes
                    ),
                ));
            }
            (t, None)
        }
        Some(pb::article::Body::Raw(bytes)) => {
            if bytes.len() > limits.max_article_bytes {
                return Err(RequestError::field(
                    TooLarge,
                    "article.raw",
                    format!(
                        "is {} bytes, over the limit of {} bytes (max_article_bytes)",
                        bytes.len(),
                        limits.max_article_bytes
                    ),
                ));
            }
            let declared = non_empty(&charset);
            let decoded = text::decode(&bytes, declared, kind).map_err(|e| {
                let field = match e.kind() {
                    text::DecodeErrorKind::UnknownLabel { .. } => "article.charset",
                    _ => "article.raw",
                };
                RequestError::field(InvalidArgument, field, e.to_string())
            })?;
            if decoded.text.len() > limits.max_article_bytes {
                return Err(RequestError::field(
                    TooLarge,
                    "article.raw",
                    format!(
                        "decodes to {} bytes of UTF-8, over the limit of {} bytes (max_article_bytes)",
                        decoded.text.len(),
                        limits.max_article_bytes
                    ),
                ));
            }
            let sniffed = decoded.sniffed_from != text::EncodingSource::Declared;
            (decoded.text, Some((decoded.encoding, sniffed)))
        }
    };
    if text.trim().is_empty() {
        let field = if decoded_charset.is_some() {
            "article.raw"
        } else {
            "article.text"
        };
        return Err(RequestError::field(
            InvalidArgument,
            field,
            format!(
                "the article body is empty ({} bytes, all whitespace)",
                text.len()
            ),
        ));
    }

    let tz_name = time_zone.trim();
    let tz = if tz_name.is_empty() {
        chrono_tz::UTC
    } else {
        chrono_tz::Tz::from_str(tz_name).map_err(|_| {
            RequestError::field(
                InvalidArgument,
                "article.time_zone",
                format!(
                    "{tz_name:?} is not an IANA time zone name (e.g. \"Asia/Shanghai\", \"UTC\")"
                ),
            )
        })?
    };
    let published = match published_at {
        None => None,
        Some(ts) => Some(check_timestamp(&ts, tz)?),
    };

    let (unit, outputs) = match options {
        None => (OffsetUnit::Utf8Bytes, Outputs::ALL),
        Some(pb::ExtractOptions {
            offset_unit,
            include,
        }) => {
            let unit = match pb::OffsetUnit::try_from(offset_unit) {
                Ok(pb::OffsetUnit::Unspecified | pb::OffsetUnit::Utf8Bytes) => OffsetUnit::Utf8Bytes,
                Ok(pb::OffsetUnit::Utf16CodeUnits) => OffsetUnit::Utf16CodeUnits,
                Ok(pb::OffsetUnit::CodePoints) => OffsetUnit::CodePoints,
                Err(_) => {
                    return Err(RequestError::field(
                        InvalidArgument,
                        "options.offset_unit",
                        format!("unknown value {offset_unit}; use 1 (UTF-8 bytes), 2 (UTF-16 code units) or 3 (code points)"),
                    ))
                }
            };
            (unit, outputs_from(&include)?)
        }
    };

    Ok(Prepared {
        id,
        text,
        charset: decoded_charset,
        kind,
        title,
        url,
        outlet,
        published,
        time_zone: tz.name().to_string(),
        unit,
        outputs,
    })
}

fn outputs_from(include: &[i32]) -> Result<Outputs, RequestError> {
    if include.is_empty() {
        return Ok(Outputs::ALL);
    }
    let mut o = Outputs::NONE;
    for &raw in include {
        match pb::Output::try_from(raw) {
            Ok(pb::Output::Metadata) => o.metadata = true,
            Ok(pb::Output::Sentences) => o.sentences = true,
            Ok(pb::Output::Tokens) => o.tokens = true,
            Ok(pb::Output::Entities) => o.entities = true,
            Ok(pb::Output::Values) => o.values = true,
            Ok(pb::Output::Facts) => o.facts = true,
            Ok(pb::Output::Quotes) => o.quotes = true,
            Ok(pb::Output::Unspecified) | Err(_) => {
                return Err(RequestError::field(
                    InvalidArgument,
                    "options.include",
                    format!(
                        "unknown output {raw}; use values 1-7 (OUTPUT_METADATA .. OUTPUT_QUOTES)"
                    ),
                ))
            }
        }
    }
    Ok(o)
}

/// Smallest and largest seconds of a valid `google.protobuf.Timestamp`
/// (0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z).
const MIN_TIMESTAMP_SECONDS: i64 = -62_135_596_800;
const MAX_TIMESTAMP_SECONDS: i64 = 253_402_300_799;

fn check_timestamp(
    ts: &prost_types::Timestamp,
    tz: chrono_tz::Tz,
) -> Result<Published, RequestError> {
    if !(MIN_TIMESTAMP_SECONDS..=MAX_TIMESTAMP_SECONDS).contains(&ts.seconds) {
        return Err(RequestError::field(
            InvalidArgument,
            "article.published_at",
            format!(
                "seconds {} is outside 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z",
                ts.seconds
            ),
        ));
    }
    let nanos = u32::try_from(ts.nanos)
        .ok()
        .filter(|n| *n < 1_000_000_000)
        .ok_or_else(|| {
            RequestError::field(
                InvalidArgument,
                "article.published_at",
                format!("nanos {} is outside 0..999999999", ts.nanos),
            )
        })?;
    Ok(Published {
        unix_seconds: ts.seconds,
        nanos,
        tz,
    })
}

/// Maps clean-text spans to `pb::Span`s over the original text in the caller's unit.
pub struct SpanMapper<'a> {
    doc: &'a Document,
    original: &'a str,
    offsets: OffsetConverter,
    unit: OffsetUnit,
}

impl<'a> SpanMapper<'a> {
    /// A mapper for `doc`, extracted from `original`.
    pub fn new(doc: &'a Document, original: &'a str, unit: OffsetUnit) -> Self {
        SpanMapper {
            doc,
            original,
            offsets: OffsetConverter::new(original),
            unit,
        }
    }

    /// The original byte range of a clean span.
    pub fn original_range(&self, span: Span) -> std::ops::Range<usize> {
        self.doc.text.clean.to_original(span)
    }

    /// The `pb::Span` of a clean span.
    pub fn span(&self, span: Span) -> pb::Span {
        let r = self.original_range(span);
        pb::Span {
            start: self.offsets.convert(r.start, self.unit),
            end: self.offsets.convert(r.end, self.unit),
            text: self.original.get(r).unwrap_or("").to_string(),
        }
    }

    fn field(&self, f: &text::Field) -> pb::TextField {
        pb::TextField {
            value: f.text.clone(),
            span: Some(self.span(f.span)),
        }
    }
}

fn unit_to_pb(unit: OffsetUnit) -> pb::OffsetUnit {
    match unit {
        OffsetUnit::Utf8Bytes => pb::OffsetUnit::Utf8Bytes,
        OffsetUnit::Utf16CodeUnits => pb::OffsetUnit::Utf16CodeUnits,
        OffsetUnit::CodePoints => pb::OffsetUnit::CodePoints,
    }
}

fn timestamp(p: &Published) -> prost_types::Timestamp {
    prost_types::Timestamp {
        seconds: p.unix_seconds,
        nanos: i32::try_from(p.nanos).unwrap_or(0),
    }
}

/// Builds the response for a prepared request and its extracted document.
pub fn to_response(prep: &Prepared, doc: &Document) -> pb::ExtractResponse {
    let m = SpanMapper::new(doc, &prep.text, prep.unit);
    let o = prep.outputs;
    let meta = &doc.text.meta;

    let metadata = o.metadata.then(|| {
        let outlet = match non_empty(&prep.outlet) {
            Some(name) => Some(pb::TextField {
                value: name.trim().to_string(),
                span: None,
            }),
            None => meta
                .outlet
                .as_ref()
                .or_else(|| meta.dateline.as_ref().and_then(|d| d.outlet.as_ref()))
                .map(|f| m.field(f)),
        };
        let dateline = meta.dateline.as_ref().map(|d| pb::Dateline {
            span: Some(m.span(d.span)),
            place: d.place.as_ref().map(|f| m.field(f)),
            outlet: d.outlet.as_ref().map(|f| m.field(f)),
            date: d.date.map(|pd| pb::PartialDate {
                year: pd.year.unwrap_or(0),
                month: pd.month.unwrap_or(0),
                day: pd.day.unwrap_or(0),
            }),
            date_span: d.date_span.map(|s| m.span(s)),
        });
        let r = &doc.reference;
        pb::ArticleMetadata {
            outlet,
            dateline,
            authors: meta.authors.iter().map(|f| m.field(f)).collect(),
            editors: meta.editors.iter().map(|f| m.field(f)).collect(),
            reference_time: Some(pb::ReferenceTime {
                source: match r.source {
                    ReferenceSource::None => pb::ReferenceSource::Unspecified,
                    ReferenceSource::PublishedAt => pb::ReferenceSource::PublishedAt,
                    ReferenceSource::Dateline => pb::ReferenceSource::Dateline,
                } as i32,
                value: r.timex().unwrap_or_default(),
                instant: r.instant.as_ref().map(timestamp),
                time_zone: prep.time_zone.clone(),
            }),
            title: prep.title.clone(),
            url: prep.url.clone(),
            body: Some(m.span(doc.text.body)),
            headline: meta.headline.as_ref().map(|f| m.field(f)),
            byline: meta.byline.map(|s| m.span(s)),
            trailer: meta.trailer.map(|s| m.span(s)),
        }
    });

    let sentences = if o.sentences {
        doc.text
            .sentences
            .iter()
            .map(|s| pb::Sentence {
                span: Some(m.span(s.span)),
                role: match s.role {
                    text::SentenceRole::Headline => pb::SentenceRole::Headline,
                    text::SentenceRole::Body => pb::SentenceRole::Body,
                } as i32,
                first_token: u32::try_from(s.tokens.start).unwrap_or(u32::MAX),
                token_count: u32::try_from(s.tokens.len()).unwrap_or(u32::MAX),
            })
            .collect()
    } else {
        Vec::new()
    };
    let tokens = if o.tokens {
        doc.text
            .tokens
            .iter()
            .map(|t| pb::Token {
                span: Some(m.span(t.span)),
                kind: match t.kind {
                    text::TokenKind::Word => pb::TokenKind::Word,
                    text::TokenKind::Number => pb::TokenKind::Number,
                    text::TokenKind::Punct => pb::TokenKind::Punctuation,
                    text::TokenKind::Symbol => pb::TokenKind::Symbol,
                } as i32,
            })
            .collect()
    } else {
        Vec::new()
    };

    let mut warnings: Vec<pb::Warning> = doc
        .text
        .removals
        .iter()
        .map(|r| {
            let range = r.original.clone();
            let kind = match r.kind {
                text::RemovalKind::ControlCharacter | text::RemovalKind::InvisibleCharacter => {
                    pb::WarningKind::ControlCharacters
                }
                text::RemovalKind::Tag
                | text::RemovalKind::Comment
                | text::RemovalKind::ScriptOrStyle
                | text::RemovalKind::ProcessingInstruction
                | text::RemovalKind::TemplateMarkup
                | text::RemovalKind::CodeLine => pb::WarningKind::NoiseRemoved,
            };
            pb::Warning {
                kind: kind as i32,
                message: r.description.clone(),
                span: Some(pb::Span {
                    start: m.offsets.convert(range.start, prep.unit),
                    end: m.offsets.convert(range.end, prep.unit),
                    text: prep.text.get(range).unwrap_or("").to_string(),
                }),
            }
        })
        .collect();
    if let Some((charset, true)) = prep.charset {
        warnings.push(pb::Warning {
            kind: pb::WarningKind::CharsetSniffed as i32,
            message: format!("no charset was declared; the body was decoded as {charset} (sniffed); set article.charset to be sure"),
            span: None,
        });
    }
    if doc.reference.source == ReferenceSource::None {
        warnings.push(pb::Warning {
            kind: pb::WarningKind::NoReferenceTime as i32,
            message: "no publication time and no dated dateline: relative dates are unresolved; \
                      send article.published_at"
                .to_string(),
            span: None,
        });
    }

    pb::ExtractResponse {
        article_id: prep.id.clone(),
        decoded_text: if prep.charset.is_some() {
            prep.text.clone()
        } else {
            String::new()
        },
        charset: prep.charset.map_or("", |(c, _)| c).to_string(),
        offset_unit: unit_to_pb(prep.unit) as i32,
        metadata,
        sentences,
        tokens,
        entities: if o.entities {
            doc.entities.iter().map(|e| entity(&m, e)).collect()
        } else {
            Vec::new()
        },
        values: if o.values {
            doc.values
                .iter()
                .enumerate()
                .map(|(i, v)| value(&m, i, v, prep.published.map(|p| p.tz)))
                .collect()
        } else {
            Vec::new()
        },
        facts: if o.facts {
            doc.facts
                .iter()
                .enumerate()
                .map(|(i, f)| fact(&m, doc, i, f))
                .collect()
        } else {
            Vec::new()
        },
        quotes: if o.quotes {
            doc.quotes
                .iter()
                .enumerate()
                .map(|(i, q)| quote(&m, i, q))
                .collect()
        } else {
            Vec::new()
        },
        warnings,
        extractor_version: pipeline::EXTRACTOR_VERSION.to_string(),
    }
}

fn id(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn entity(m: &SpanMapper<'_>, e: &entities::Entity) -> pb::Entity {
    let entities::Entity {
        id,
        kind,
        canonical,
        mentions,
        salience,
        place,
        related,
    } = e;
    pb::Entity {
        id: *id,
        r#type: match kind {
            entities::EntityKind::Person => pb::EntityType::Person,
            entities::EntityKind::Organization => pb::EntityType::Organization,
            entities::EntityKind::Location => pb::EntityType::Location,
            entities::EntityKind::Misc => pb::EntityType::Misc,
        } as i32,
        canonical_name: canonical.clone(),
        mentions: mentions
            .iter()
            .map(|x| pb::Mention {
                span: Some(m.span(x.span)),
                kind: match x.kind {
                    entities::MentionKind::Name => pb::MentionKind::Name,
                    entities::MentionKind::Surname => pb::MentionKind::ShortName,
                    entities::MentionKind::Acronym => pb::MentionKind::Acronym,
                    entities::MentionKind::Possessive => pb::MentionKind::Possessive,
                    entities::MentionKind::Demonym => pb::MentionKind::Demonym,
                } as i32,
                in_metadata: x.from_metadata,
            })
            .collect(),
        salience: *salience,
        place: place.as_ref().map(|p| {
            let entities::Place {
                kind,
                name,
                geonames_id,
                iso_code,
                country_code,
                admin1,
                lat,
                lon,
                population,
            } = p;
            pb::Place {
                kind: match kind {
                    entities::PlaceKind::Country => pb::PlaceKind::Country,
                    entities::PlaceKind::Region => pb::PlaceKind::Region,
                    entities::PlaceKind::City => pb::PlaceKind::City,
                    entities::PlaceKind::Continent => pb::PlaceKind::Continent,
                } as i32,
                geonames_id: geonames_id.map_or(0, u64::from),
                iso_code: iso_code.clone().unwrap_or_default(),
                country_code: country_code.clone().unwrap_or_default(),
                admin1: admin1.clone().unwrap_or_default(),
                latitude: lat.unwrap_or(0.0),
                longitude: lon.unwrap_or(0.0),
                population: population.unwrap_or(0),
                name: name.clone(),
            }
        }),
        metadata_only: !mentions.is_empty() && mentions.iter().all(|x| x.from_metadata),
        related: related
            .iter()
            .map(|(other, rel)| pb::EntityRelation {
                entity_id: *other,
                kind: match rel {
                    entities::Relation::PartOf => pb::EntityRelationKind::PartOf,
                } as i32,
            })
            .collect(),
    }
}

fn modifier(x: Option<values::Modifier>) -> i32 {
    (match x {
        None => pb::Modifier::Unspecified,
        Some(values::Modifier::Approx) => pb::Modifier::Approximately,
        Some(values::Modifier::MoreThan) => pb::Modifier::MoreThan,
        Some(values::Modifier::LessThan) => pb::Modifier::LessThan,
        Some(values::Modifier::AtLeast) => pb::Modifier::AtLeast,
        Some(values::Modifier::AtMost | values::Modifier::UpTo) => pb::Modifier::AtMost,
        Some(values::Modifier::Exactly) => pb::Modifier::Exactly,
        Some(values::Modifier::Nearly) => pb::Modifier::Nearly,
    }) as i32
}

/// A local ISO date or date-time ("2024-05-16", "2024-05-16T09:30") at the start of that
/// local time in `tz`, as a protobuf timestamp.
fn local_to_timestamp(local: &str, tz: chrono_tz::Tz) -> Option<prost_types::Timestamp> {
    use chrono::TimeZone;
    let naive = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M"))
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(local, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })?;
    let t = tz.from_local_datetime(&naive).earliest()?;
    let seconds = t.timestamp();
    (MIN_TIMESTAMP_SECONDS..=MAX_TIMESTAMP_SECONDS)
        .contains(&seconds)
        .then_some(prost_types::Timestamp { seconds, nanos: 0 })
}

fn grain(g: values::Grain) -> pb::TimeGrain {
    match g {
        values::Grain::Minute => pb::TimeGrain::Minute,
        values::Grain::Hour => pb::TimeGrain::Hour,
        values::Grain::PartOfDay => pb::TimeGrain::PartOfDay,
        values::Grain::Day => pb::TimeGrain::Day,
        values::Grain::Weekend => pb::TimeGrain::Weekend,
        values::Grain::Week => pb::TimeGrain::Week,
        values::Grain::Month => pb::TimeGrain::Month,
        values::Grain::Season => pb::TimeGrain::Season,
        values::Grain::Quarter => pb::TimeGrain::Quarter,
        values::Grain::Half => pb::TimeGrain::HalfYear,
        values::Grain::Year => pb::TimeGrain::Year,
        values::Grain::Decade => pb::TimeGrain::Decade,
        values::Grain::Century => pb::TimeGrain::Century,
        values::Grain::Unknown => pb::TimeGrain::Unspecified,
    }
}

fn value(m: &SpanMapper<'_>, i: usize, v: &values::Value, tz: Option<chrono_tz::Tz>) -> pb::Value {
    let values::Value {
        span,
        dim: _,
        rule,
        data,
    } = v;
    let tz = tz.unwrap_or(chrono_tz::UTC);
    let inner = match data {
        values::ValueData::Time(t) => {
            let values::TimeValue {
                timex_type,
                value,
                grain: g,
                interval,
                anchoring,
                modifier: tmod,
                range,
                signal,
            } = t;
            pb::value::Value::Time(pb::TimeValue {
                r#type: match timex_type {
                    values::TimexType::Date => pb::TimexType::Date,
                    values::TimexType::Time => pb::TimexType::Time,
                    values::TimexType::Duration => pb::TimexType::Duration,
                    values::TimexType::Set => pb::TimexType::Set,
                } as i32,
                value: value.clone(),
                grain: grain(*g) as i32,
                start: interval
                    .as_ref()
                    .and_then(|iv| local_to_timestamp(&iv.start, tz)),
                end: interval
                    .as_ref()
                    .and_then(|iv| local_to_timestamp(&iv.end, tz)),
                r#mod: tmod.map_or_else(String::new, |x| x.as_str().to_string()),
                relative: matches!(
                    anchoring,
                    values::Anchoring::Reference | values::Anchoring::PreviousTime
                ),
                range_min: range.as_ref().map_or_else(String::new, |r| r.min.clone()),
                range_max: range.as_ref().map_or_else(String::new, |r| r.max.clone()),
                signal: signal.map_or_else(String::new, |s| format!("{s:?}").to_lowercase()),
                start_local: interval
                    .as_ref()
                    .map_or_else(String::new, |iv| iv.start.clone()),
                end_local: interval
                    .as_ref()
                    .map_or_else(String::new, |iv| iv.end.clone()),
            })
        }
        values::ValueData::Money(x) => pb::value::Value::Money(pb::MoneyValue {
            amount: x.amount.clone(),
            currency: x.currency.clone().unwrap_or_default(),
            modifier: modifier(x.modifier),
            upper_amount: x.upper.clone().unwrap_or_default(),
        }),
        values::ValueData::Percent(x) => pb::value::Value::Percent(pb::PercentValue {
            value: x.value.clone(),
            points: x.unit == values::PercentUnit::PercentagePoints,
            modifier: modifier(x.modifier),
            upper_value: x.upper.clone().unwrap_or_default(),
            basis_points: x.unit == values::PercentUnit::BasisPoints,
        }),
        values::ValueData::Number(x) => pb::value::Value::Number(pb::NumberValue {
            value: x.value.clone(),
            ordinal: x.ordinal,
            modifier: modifier(x.modifier),
        }),
        values::ValueData::Quantity(x) => pb::value::Value::Quantity(pb::QuantityValue {
            value: x.value.clone(),
            unit: x
                .unit
                .map(str::to_string)
                .or_else(|| x.counted.as_ref().map(|c| c.text.clone()))
                .unwrap_or_default(),
            modifier: modifier(x.modifier),
            upper_value: x.upper.clone().unwrap_or_default(),
            counted: x.counted.as_ref().map(|c| m.span(c.span)),
        }),
    };
    pb::Value {
        id: id(i),
        span: Some(m.span(*span)),
        rule: rule.to_string(),
        value: Some(inner),
    }
}

fn modality(x: facts::Modality) -> i32 {
    (match x {
        facts::Modality::Asserted => pb::Modality::Asserted,
        facts::Modality::Reported => pb::Modality::Reported,
        facts::Modality::Negated => pb::Modality::Negated,
        facts::Modality::Planned => pb::Modality::Planned,
        facts::Modality::Speculative => pb::Modality::Speculative,
    }) as i32
}

fn fact_kind(k: facts::FactKind) -> pb::FactKind {
    match k {
        facts::FactKind::Role => pb::FactKind::Role,
        facts::FactKind::Opening => pb::FactKind::Opening,
        facts::FactKind::Expansion => pb::FactKind::Expansion,
        facts::FactKind::Launch => pb::FactKind::Launch,
        facts::FactKind::Acquisition => pb::FactKind::Acquisition,
        facts::FactKind::Investment => pb::FactKind::Investment,
        facts::FactKind::Partnership => pb::FactKind::Partnership,
        facts::FactKind::Appointment => pb::FactKind::Appointment,
        facts::FactKind::Departure => pb::FactKind::Departure,
        facts::FactKind::Layoff => pb::FactKind::Layoff,
        facts::FactKind::Listing => pb::FactKind::Listing,
        facts::FactKind::Bankruptcy => pb::FactKind::Bankruptcy,
        facts::FactKind::LocatedIn => pb::FactKind::LocatedIn,
        facts::FactKind::CapitalOf => pb::FactKind::CapitalOf,
        facts::FactKind::NeighborOf => pb::FactKind::NeighborOf,
        facts::FactKind::Metric => pb::FactKind::Metric,
        facts::FactKind::Plan => pb::FactKind::Plan,
    }
}

fn fact(m: &SpanMapper<'_>, doc: &Document, i: usize, f: &facts::Fact) -> pb::Fact {
    let facts::Fact {
        kind,
        args,
        evidence,
        confidence,
        rule,
        modality: md,
    } = f;
    pb::Fact {
        id: id(i),
        kind: fact_kind(*kind) as i32,
        arguments: args
            .iter()
            .map(|a| pb::Argument {
                role: a.role.to_string(),
                target: Some(match a.target {
                    facts::ArgTarget::Entity(e) => pb::argument::Target::EntityId(e),
                    facts::ArgTarget::Value(v) => pb::argument::Target::ValueId(v),
                    facts::ArgTarget::Text(s) | facts::ArgTarget::Named(s, _) => {
                        pb::argument::Target::Text(m.span(s))
                    }
                }),
                display: facts::display::argument(
                    doc.text.clean.as_str(),
                    &doc.entities,
                    &doc.values,
                    a.target,
                ),
            })
            .collect(),
        evidence: Some(m.span(*evidence)),
        confidence: *confidence,
        rule: rule.to_string(),
        modality: modality(*md),
    }
}

fn quote(m: &SpanMapper<'_>, i: usize, q: &facts::Quote) -> pb::Quote {
    let facts::Quote {
        speaker,
        cue,
        content,
        content_more,
        addressee,
        direct,
        negated: _,
        modality: md,
        confidence,
        rule,
        within,
    } = q;
    pb::Quote {
        id: id(i),
        speaker: speaker.as_ref().map(|a| m.span(a.span)),
        speaker_entity_id: speaker.as_ref().and_then(|a| a.entity_id),
        cue: Some(m.span(*cue)),
        content: Some(m.span(*content)),
        addressee: addressee.as_ref().map(|a| m.span(a.span)),
        addressee_entity_id: addressee.as_ref().and_then(|a| a.entity_id),
        direct: *direct,
        confidence: *confidence,
        rule: rule.to_string(),
        content_more: content_more.iter().map(|s| m.span(*s)).collect(),
        modality: modality(*md),
        within_quote_id: within.map(id),
    }
}
