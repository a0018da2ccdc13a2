//! The entities stage: who and where. Owns the statistical tagger (`tagger`, trained by
//! `train`), the place gazetteer (`gazetteer`), the merge of their outputs (`merge`, the one
//! documented policy), mention clustering, canonical names and salience (`cluster`), and
//! the evaluation harness (`eval`). Reads the clean text, its sentence/token spans and the
//! metadata fields found by the text layer; depends only on `crate::span`.
//!
//! Entry point: [`extract`]. The trained model (`data/ner-model.bin`, CoNLL-2003) and the
//! gazetteer (`data/gazetteer.bin`, GeoNames + ISO 3166) are embedded and parsed once.

pub mod cluster;
pub mod conll;
mod error;
pub mod eval;
pub mod eval_places;
pub mod features;
pub mod gazetteer;
pub mod merge;
pub mod phrases;
pub mod tagger;
pub mod train;
pub mod wordclusters;

pub use cluster::{MentionKind, Relation};
pub use error::{EntityError, EntityErrorKind};
pub use gazetteer::PlaceKind;

use crate::span::Span;
use cluster::RawMention;
use conll::NerType;
use gazetteer::{Gazetteer, NameUse};
use tagger::NerModel;

/// One body sentence: its span and its token spans (PTB-like tokens: punctuation split,
/// "Amazon’s" -> "Amazon" "’s").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentenceTokens {
    /// The sentence's span in the clean text.
    pub span: Span,
    /// Token spans in order.
    pub tokens: Vec<Span>,
}

/// What a metadata field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MetaFieldKind {
    /// The outlet / news agency ("Yicai", "Reuters"): an organisation.
    Outlet,
    /// A writer: a person (a list "A, B and C" is split into names).
    Author,
    /// An editor: a person (lists are split as for authors).
    Editor,
}

/// A dateline / byline / trailer field already found by the text layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MetaField {
    /// What the field is.
    pub kind: MetaFieldKind,
    /// Its span in the clean text (the name itself, or a list of names).
    pub span: Span,
}

/// Input of [`extract`].
#[derive(Clone, Copy, Debug)]
pub struct EntityInput<'a> {
    /// The clean text all spans point into.
    pub text: &'a str,
    /// Body sentences with token spans.
    pub sentences: &'a [SentenceTokens],
    /// Metadata fields (outlet, authors, editors).
    pub metadata_fields: &'a [MetaField],
}

/// Entity type (CoNLL-2003 compatible).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    /// PERSON.
    Person,
    /// ORGANIZATION.
    Organization,
    /// LOCATION.
    Location,
    /// MISC: nationalities, events, products, other names.
    Misc,
}

impl From<NerType> for EntityKind {
    fn from(t: NerType) -> Self {
        match t {
            NerType::Per => EntityKind::Person,
            NerType::Org => EntityKind::Organization,
            NerType::Loc => EntityKind::Location,
            NerType::Misc => EntityKind::Misc,
        }
    }
}

/// One mention of an entity.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Span in the clean text; `&text[span] == text` always holds.
    pub span: Span,
    /// Surface text.
    pub text: String,
    /// How the mention names the entity.
    pub kind: MentionKind,
    /// Comes from the dateline / byline / trailer rather than the body.
    pub from_metadata: bool,
}

/// A resolved place.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// Country, first-level region, city or continent.
    pub kind: PlaceKind,
    /// The gazetteer's name of the place ("Hubei", "Wuhan").
    pub name: String,
    /// GeoNames id when known (countries, cities, continents, US states).
    pub geonames_id: Option<u32>,
    /// ISO 3166 code: "CN" for a country, "CN-HB" for a region.
    pub iso_code: Option<String>,
    /// ISO 3166-1 alpha-2 code of the country.
    pub country_code: Option<String>,
    /// Name of the first-level region (for cities and regions).
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Population when known.
    pub population: Option<u64>,
}

/// An entity of the article: all its mentions, canonical name, salience and place.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Index in the returned list (stable for one input).
    pub id: u32,
    /// Type.
    pub kind: EntityKind,
    /// Canonical name: the longest full name, first on ties.
    pub canonical: String,
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// Salience in [0, 1] from frequency, position and spread.
    pub salience: f32,
    /// Resolved place for locations (and the country of a demonym).
    pub place: Option<Place>,
    /// Relations to other entities of the same list, by id.
    pub related: Vec<(u32, Relation)>,
}

/// Extracts the entities of an article, ordered by salience (desc) then first mention.
/// Returns an empty list if the embedded model or gazetteer cannot be loaded (a build
/// defect caught by the tests), never panics.
pub fn extract(input: &EntityInput) -> Vec<Entity> {
    let (Ok(model), Ok(gaz)) = (NerModel::embedded(), Gazetteer::embedded()) else {
        return Vec::new();
    };
    extract_with(model, gaz, input)
}

/// Splits a span on a trailing possessive "’s" glued to the last token.
fn strip_glued_possessive(text: &str, span: Span) -> (Span, bool) {
    let s = span.slice(text);
    for suffix in ["’s", "'s"] {
        if s.len() > suffix.len() && s.ends_with(suffix) {
            return (
                Span::new(span.start as usize, span.end as usize - suffix.len()),
                true,
            );
        }
    }
    (span, false)
}

/// True when the span is a hashtag or handle ("#MaryJBlige", "@AppleMusic") or a piece of a
/// link ("pic.twitter.com/P2qpm3h3Pm"): scraped social-media embeds, not names in the prose.
fn is_handle_or_link_part(text: &str, span: Span) -> bool {
    let before = text
        .get(..span.start as usize)
        .and_then(|t| t.chars().next_back());
    matches!(before, Some('#' | '@' | '/'))
}

/// The word the tagger sees for a token: a split-off "then-"/"ex-" reads as "former", and
/// "pro-", "anti-", "non-" lose their hyphen.
fn tagger_word(w: &str) -> &str {
    match w {
        "then-" | "Then-" | "ex-" | "Ex-" => "former",
        // Only a word split off before a hyphen ("pro-"); a dash ("--") stays as it is.
        _ => match w.strip_suffix('-') {
            Some(word) if !word.is_empty() && word.chars().all(char::is_alphabetic) => word,
            _ => w,
        },
    }
}

#[cfg(test)]
#[test]
fn tagger_words_for_split_prefixes_and_dashes() {
    assert_eq!(tagger_word("then-"), "former");
    assert_eq!(tagger_word("pro-"), "pro");
    assert_eq!(tagger_word("--"), "--");
    assert_eq!(tagger_word("-"), "-");
    assert_eq!(tagger_word("Google"), "Google");
}

/// [`extract`] with an explicit model and gazetteer.
pub fn extract_with(model: &NerModel, gaz: &Gazetteer, input: &EntityInput) -> Vec<Entity> {
    let text = input.text;
    let docs: Vec<Vec<&str>> = input
        .sentences
        .iter()
        .map(|s| {
            s.tokens
                .iter()
                .map(|t| t.slice(text))
                .filter(|w| !w.is_empty())
                .collect()
        })
        .collect();
    let spans: Vec<Vec<Span>> = input
        .sentences
        .iter()
        .map(|s| {
            s.tokens
                .iter()
                .copied()
                .filter(|t| !t.slice(text).is_empty())
                .collect()
        })
        .collect();
    // A prefix the tokenizer split from a name ("then-" "Texas") is shown to the tagger as the
    // word it stands for: the training text has no such tokens.
    let tagger_docs: Vec<Vec<&str>> = docs
        .iter()
        .map(|s| s.iter().map(|w| tagger_word(w)).collect())
        .collect();
    let tagged = model.tag_document(&tagger_docs, Some(gaz));
    let mut raw: Vec<RawMention> = Vec::new();
    let mut pending_places: Vec<(usize, gazetteer::GazetteerMatch)> = Vec::new();
    for (si, ((words, toks), ents)) in docs.iter().zip(&spans).zip(&tagged).enumerate() {
        let infos: Vec<features::TokenInfo> =
            words.iter().map(|w| features::TokenInfo::of(w)).collect();
        let headline = features::SentenceInfo::of(&infos).headline;
        let matches = gaz.find(words);
        let lex: Vec<merge::WordLex> = words.iter().map(|w| word_lex(model, w)).collect();
        for ms in merge::merge_sentence(words, &lex, ents, &matches, gaz, headline) {
            let (Some(first), Some(last)) = (
                toks.get(ms.start),
                ms.end.checked_sub(1).and_then(|e| toks.get(e)),
            ) else {
                continue;
            };
            let (span, glued) = strip_glued_possessive(text, first.cover(*last));
            if is_handle_or_link_part(text, span) {
                continue;
            }
            let possessive = glued || words.get(ms.end).is_some_and(|w| merge::is_possessive(w));
            let acronym = match (
                words.get(ms.end),
                words.get(ms.end + 1),
                words.get(ms.end + 2),
            ) {
                (Some(&"("), Some(a), Some(&")")) if cluster_acronym(a) => Some(a.to_string()),
                _ => None,
            };
            let demonym = ms
                .gazetteer
                .as_ref()
                .is_some_and(|g| g.name_use == NameUse::Demonym);
            let kind = if demonym {
                MentionKind::Demonym
            } else if possessive {
                MentionKind::Possessive
            } else {
                MentionKind::Name
            };
            let tokens = words
                .get(ms.start..ms.end)
                .unwrap_or(&[])
                .iter()
                .map(|w| w.to_string())
                .collect();
            if let Some(g) = ms.gazetteer {
                pending_places.push((raw.len(), g));
            }
            raw.push(RawMention {
                span,
                text: span.slice(text).to_string(),
                tokens,
                ty: ms.ty,
                kind,
                from_metadata: false,
                sentence: Some(si),
                acronym,
                place: None,
            });
        }
    }
    let surfaces: Vec<String> = pending_places
        .iter()
        .map(|(i, g)| {
            let _ = g;
            raw.get(*i)
                .map(|m| {
                    m.tokens
                        .iter()
                        .take((g.end - g.start).saturating_sub(g.has_generic as usize))
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default()
        })
        .collect();
    resolve_places(text, gaz, &mut raw, &pending_places, &surfaces);
    propagate_names(text, &docs, &spans, &mut raw);
    for field in input.metadata_fields {
        raw.extend(metadata_mentions(text, field));
    }
    // Metadata spans that coincide with a body mention replace it (marked as metadata).
    let meta_spans: Vec<Span> = raw
        .iter()
        .filter(|m| m.from_metadata)
        .map(|m| m.span)
        .collect();
    raw.retain(|m| m.from_metadata || !meta_spans.iter().any(|s| s.overlaps(m.span)));
    let clusters = cluster::cluster_mentions(raw, input.sentences.len());
    order_entities(gaz, clusters)
}

/// What the model's word lists say about a token, for the merge step. A hyphenated word
/// the clusters do not know ("One-Person") takes the highest capitalisation prior of its
/// parts when all parts are known: "one" and "person" are almost never capitalised, so
/// "One-Person" in a title-case headline is not a name.
fn word_lex(model: &NerModel, w: &str) -> merge::WordLex {
    let found = model.clusters.lookup_all(w);
    let cap = match found {
        Some((_, _, cap, _)) => cap,
        None if w.contains('-') => {
            let parts: Vec<Option<u8>> = w
                .split('-')
                .filter(|p| !p.is_empty())
                .map(|p| model.clusters.lookup(p).map(|(_, _, c)| c))
                .collect();
            if parts.len() >= 2 && parts.iter().all(|c| c.is_some_and(|c| c > 0)) {
                parts.iter().flatten().copied().max().unwrap_or(0)
            } else {
                0
            }
        }
        None => 0,
    };
    let first_name = found.is_some_and(|(_, _, _, n)| matches!(n & 3, 1 | 2));
    merge::WordLex { cap, first_name }
}

/// Document-level propagation: a name the tagger found once (exact tokens, same case)
/// is a mention wherever else it occurs on free tokens ("Amazon believes ..." at the
/// start of a sentence after "Amazon" was found elsewhere). Longest names first.
fn propagate_names(text: &str, docs: &[Vec<&str>], spans: &[Vec<Span>], raw: &mut Vec<RawMention>) {
    let mut patterns: Vec<(Vec<String>, NerType)> = raw
        .iter()
        .filter(|m| {
            matches!(m.kind, MentionKind::Name | MentionKind::Possessive) && m.ty != NerType::Misc
        })
        .filter(|m| m.text.chars().count() >= 2 && m.text.chars().any(char::is_uppercase))
        .map(|m| (m.tokens.clone(), m.ty))
        .collect();
    patterns.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
    patterns.dedup_by(|a, b| a.0 == b.0);
    patterns.truncate(256);
    let mut added = Vec::new();
    // Mention spans sorted by start, with a running maximum of ends, so a token's overlap
    // test is a binary search (articles may be long).
    let mut taken: Vec<Span> = raw.iter().map(|m| m.span).collect();
    taken.sort();
    let mut max_end = Vec::with_capacity(taken.len());
    let mut running = 0u32;
    for s in &taken {
        running = running.max(s.end);
        max_end.push(running);
    }
    let overlaps_taken = |t: Span| {
        // Mentions starting before t.end; any of them ending after t.start overlaps.
        let n = taken.partition_point(|s| s.start < t.end);
        n > 0 && max_end.get(n - 1).is_some_and(|&e| e > t.start) && !t.is_empty()
    };
    for (si, (words, toks)) in docs.iter().zip(spans).enumerate() {
        let mut used: Vec<bool> = toks.iter().map(|t| overlaps_taken(*t)).collect();
        for i in 0..words.len() {
            for (pat, ty) in &patterns {
                let n = pat.len();
                let Some(window) = words.get(i..i + n) else {
                    continue;
                };
                if used.get(i..i + n).is_none_or(|u| u.iter().any(|x| *x))
                    || window.iter().zip(pat).any(|(w, p)| w != p)
                {
                    continue;
                }
                let (Some(a), Some(b)) = (toks.get(i), toks.get(i + n - 1)) else {
                    continue;
                };
                let span = a.cover(*b);
                let possessive = words.get(i + n).is_some_and(|w| merge::is_possessive(w));
                added.push(RawMention {
                    span,
                    text: span.slice(text).to_string(),
                    tokens: pat.clone(),
                    ty: *ty,
                    kind: if possessive {
                        MentionKind::Possessive
                    } else {
                        MentionKind::Name
                    },
                    from_metadata: false,
                    sentence: Some(si),
                    acronym: None,
                    place: None,
                });
                for u in used.iter_mut().skip(i).take(n) {
                    *u = true;
                }
                break;
            }
        }
    }
    raw.extend(added);
}

fn cluster_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&letters)
        && w.chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
}

/// True when place `outer` (a country or first-level region) contains place `inner`.
fn place_contains(gaz: &Gazetteer, outer: u32, inner: u32) -> bool {
    let (Some(o), Some(i)) = (gaz.place(outer), gaz.place(inner)) else {
        return false;
    };
    if outer == inner || o.country_code.is_none() || o.country_code != i.country_code {
        return false;
    }
    match o.kind {
        PlaceKind::Country => i.kind != PlaceKind::Country,
        PlaceKind::Region => i.kind == PlaceKind::City && o.admin1_code == i.admin1_code,
        PlaceKind::City | PlaceKind::Continent => false,
    }
}

/// A place qualified by the next one ("Paris, Texas", "Atlanta, Georgia", "Paris, France"):
/// when some candidates of the first lie in some candidates of the second, both keep only
/// those. Matches are in document order.
fn narrow_qualified_places(
    text: &str,
    gaz: &Gazetteer,
    raw: &[RawMention],
    pending: &[(usize, gazetteer::GazetteerMatch)],
) -> Vec<gazetteer::GazetteerMatch> {
    let mut out: Vec<gazetteer::GazetteerMatch> = pending.iter().map(|(_, m)| m.clone()).collect();
    for k in 0..pending.len().saturating_sub(1) {
        let (Some((a, _)), Some((b, _))) = (pending.get(k), pending.get(k + 1)) else {
            continue;
        };
        let (Some(ma), Some(mb)) = (raw.get(*a), raw.get(*b)) else {
            continue;
        };
        let between = text
            .get(ma.span.end as usize..mb.span.start as usize)
            .unwrap_or("");
        if ma.sentence != mb.sentence || between.trim() != "," {
            continue;
        }
        let (Some(inner), Some(outer)) = (out.get(k), out.get(k + 1)) else {
            continue;
        };
        let inner_kept: Vec<u32> = inner
            .candidates
            .iter()
            .copied()
            .filter(|&i| outer.candidates.iter().any(|&o| place_contains(gaz, o, i)))
            .collect();
        if inner_kept.is_empty() {
            continue;
        }
        let outer_kept: Vec<u32> = outer
            .candidates
            .iter()
            .copied()
            .filter(|&o| inner_kept.iter().any(|&i| place_contains(gaz, o, i)))
            .collect();
        if let Some(m) = out.get_mut(k) {
            m.candidates = inner_kept;
        }
        if let Some(m) = out.get_mut(k + 1) {
            m.candidates = outer_kept;
        }
    }
    out
}

/// Resolves place candidates: unambiguous matches first, then the rest in their context.
fn resolve_places(
    text: &str,
    gaz: &Gazetteer,
    raw: &mut [RawMention],
    pending: &[(usize, gazetteer::GazetteerMatch)],
    surfaces: &[String],
) {
    let narrowed = narrow_qualified_places(text, gaz, raw, pending);
    let pending: Vec<(usize, gazetteer::GazetteerMatch)> =
        pending.iter().map(|(i, _)| *i).zip(narrowed).collect();
    let pending = pending.as_slice();
    let mut context: Vec<u32> = Vec::new();
    for (_, m) in pending {
        if m.candidates.len() == 1 {
            context.extend(m.candidates.iter().copied());
        }
    }
    // Two rounds so that resolved places inform each other; deterministic order. The
    // context is a set of distinct places (a long article repeats them).
    context.sort_unstable();
    context.dedup();
    let mut chosen: Vec<Option<u32>> = vec![None; pending.len()];
    for _ in 0..2 {
        for (k, (_, m)) in pending.iter().enumerate() {
            let surface = surfaces.get(k).map(String::as_str).unwrap_or("");
            chosen[k] = gaz.resolve(m, surface, &context);
        }
        context = chosen.iter().flatten().copied().collect();
        context.sort_unstable();
        context.dedup();
    }
    for ((i, _), c) in pending.iter().zip(chosen) {
        if let Some(r) = raw.get_mut(*i) {
            r.place = c;
        }
    }
}

fn metadata_mentions(text: &str, field: &MetaField) -> Vec<RawMention> {
    let ty = match field.kind {
        MetaFieldKind::Outlet => NerType::Org,
        MetaFieldKind::Author | MetaFieldKind::Editor => NerType::Per,
    };
    let whole = field.span.slice(text);
    let mut parts: Vec<Span> = Vec::new();
    if ty == NerType::Per {
        // Split "A, B and C" into names, keeping exact byte spans.
        let mut start = 0usize;
        let bytes = whole.as_bytes();
        let mut i = 0usize;
        while i <= bytes.len() {
            let sep_len = if i == bytes.len() {
                Some(0)
            } else if bytes.get(i) == Some(&b',')
                || bytes.get(i) == Some(&b';')
                || bytes.get(i) == Some(&b'&')
            {
                Some(1)
            } else if whole.get(i..).is_some_and(|r| r.starts_with(" and ")) {
                Some(5)
            } else {
                None
            };
            if let Some(n) = sep_len {
                parts.push(Span::new(
                    field.span.start as usize + start,
                    field.span.start as usize + i,
                ));
                start = i + n.max(1);
                i += n.max(1);
                continue;
            }
            i += 1;
        }
    } else {
        parts.push(field.span);
    }
    parts
        .into_iter()
        .filter_map(|p| {
            let s = p.slice(text);
            // Drop a "Label:" prefix and surrounding punctuation ("(Yicai)", "Editors: X").
            let after_label = s.rfind(':').map(|i| i + 1).unwrap_or(0);
            let rest = s.get(after_label..).unwrap_or("");
            let is_edge = |c: char| !c.is_alphanumeric() && c != '.';
            let trimmed = rest.trim_start_matches(|c: char| is_edge(c) || c.is_whitespace());
            let lead = after_label + (rest.len() - trimmed.len());
            let trimmed =
                trimmed.trim_end_matches(|c: char| (is_edge(c) || c.is_whitespace()) && c != '.');
            if trimmed.is_empty() || !trimmed.chars().any(|c| c.is_alphabetic()) {
                return None;
            }
            let span = Span::new(
                p.start as usize + lead,
                p.start as usize + lead + trimmed.len(),
            );
            Some(RawMention {
                span,
                text: span.slice(text).to_string(),
                tokens: trimmed.split_whitespace().map(str::to_string).collect(),
                ty,
                kind: MentionKind::Name,
                from_metadata: true,
                sentence: None,
                acronym: None,
                place: None,
            })
        })
        .collect()
}

fn to_place(gaz: &Gazetteer, idx: u32) -> Option<Place> {
    let p = gaz.place(idx)?;
    Some(Place {
        kind: p.kind,
        name: p.name.clone(),
        geonames_id: p.geonames_id,
        iso_code: p.iso_code.clone(),
        country_code: p.country_code.clone(),
        admin1: p.admin1.clone(),
        lat: p.lat,
        lon: p.lon,
        population: p.population,
    })
}

fn order_entities(gaz: &Gazetteer, clusters: Vec<cluster::Cluster>) -> Vec<Entity> {
    let mut order: Vec<usize> = (0..clusters.len()).collect();
    let first_pos = |c: &cluster::Cluster| {
        c.mentions
            .iter()
            .map(|(m, _)| m.span.start)
            .min()
            .unwrap_or(u32::MAX)
    };
    order.sort_by(|&a, &b| {
        let (ca, cb) = (&clusters[a], &clusters[b]);
        cb.salience
            .total_cmp(&ca.salience)
            .then(first_pos(ca).cmp(&first_pos(cb)))
            .then(a.cmp(&b))
    });
    let mut new_id = vec![0u32; clusters.len()];
    for (rank, &c) in order.iter().enumerate() {
        new_id[c] = rank as u32;
    }
    order
        .iter()
        .map(|&ci| {
            let c = &clusters[ci];
            let kind = EntityKind::from(c.ty);
            let place = if matches!(c.ty, NerType::Loc | NerType::Misc) {
                c.place.and_then(|p| to_place(gaz, p))
            } else {
                None
            };
            // A resolved place is named by the mention that spells the place's own name
            // ("Hubei" rather than "Hubei province").
            let canonical = place
                .as_ref()
                .filter(|_| c.ty == NerType::Loc)
                .and_then(|p| {
                    let want = cluster::name_key(&p.name);
                    c.mentions
                        .iter()
                        .find(|(m, _)| cluster::name_key(&m.text) == want)
                        .map(|(m, _)| m.text.clone())
                })
                .unwrap_or_else(|| c.canonical.clone());
            let mut related: Vec<(u32, Relation)> = c
                .related
                .iter()
                .filter_map(|&(j, r)| new_id.get(j).map(|&id| (id, r)))
                .collect();
            related.sort();
            Entity {
                id: new_id[ci],
                kind,
                canonical,
                mentions: c
                    .mentions
                    .iter()
                    .map(|(m, k)| Mention {
                        span: m.span,
                        text: m.text.clone(),
                        kind: *k,
                        from_metadata: m.from_metadata,
                    })
                    .collect(),
                salience: c.salience,
                place,
                related,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
