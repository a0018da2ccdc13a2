//! CoNLL-2003 reading and the BILOU tag scheme shared by the tagger, its trainer and the
//! evaluation. Owns: the `EntityType` of the tagger, the 17 BILOU tags, the IOB1 -> span
//! conversion and the span <-> BILOU conversions. Depends on nothing else in the crate.

use std::fmt;

/// The four CoNLL-2003 entity types the tagger predicts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NerType {
    /// A person.
    Per,
    /// An organisation (companies, agencies, teams, outlets).
    Org,
    /// A location (countries, regions, cities, geographic features).
    Loc,
    /// Other names: nationalities, events, products, titles.
    Misc,
}

impl NerType {
    /// All types in tag order.
    pub const ALL: [NerType; 4] = [NerType::Per, NerType::Org, NerType::Loc, NerType::Misc];

    /// Index 0..4 used in tag numbering.
    pub fn index(self) -> usize {
        match self {
            NerType::Per => 0,
            NerType::Org => 1,
            NerType::Loc => 2,
            NerType::Misc => 3,
        }
    }

    /// Parses "PER", "ORG", "LOC", "MISC".
    pub fn from_label(label: &str) -> Option<NerType> {
        match label {
            "PER" => Some(NerType::Per),
            "ORG" => Some(NerType::Org),
            "LOC" => Some(NerType::Loc),
            "MISC" => Some(NerType::Misc),
            _ => None,
        }
    }

    /// The CoNLL label.
    pub fn label(self) -> &'static str {
        match self {
            NerType::Per => "PER",
            NerType::Org => "ORG",
            NerType::Loc => "LOC",
            NerType::Misc => "MISC",
        }
    }
}

impl fmt::Display for NerType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Number of BILOU tags: O plus B, I, L, U for each of the four types.
pub const TAG_COUNT: usize = 17;

/// Position of a token inside an entity under BILOU.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// Outside any entity.
    Outside,
    /// First token of a multi-token entity.
    Begin,
    /// Inner token of a multi-token entity.
    Inside,
    /// Last token of a multi-token entity.
    Last,
    /// Single-token entity.
    Unit,
}

/// Tag number for a position and type (`Outside` ignores the type).
pub fn tag_of(position: Position, ty: NerType) -> u8 {
    let base = 1 + 4 * ty.index() as u8;
    match position {
        Position::Outside => 0,
        Position::Begin => base,
        Position::Inside => base + 1,
        Position::Last => base + 2,
        Position::Unit => base + 3,
    }
}

/// Position and type of a tag number; `None` type for O or an out-of-range tag.
pub fn split_tag(tag: u8) -> (Position, Option<NerType>) {
    if tag == 0 || tag as usize >= TAG_COUNT {
        return (Position::Outside, None);
    }
    let k = tag - 1;
    let ty = NerType::ALL.get((k / 4) as usize).copied();
    let pos = match k % 4 {
        0 => Position::Begin,
        1 => Position::Inside,
        2 => Position::Last,
        _ => Position::Unit,
    };
    (pos, ty)
}

/// True when `tag` may follow `prev` (`None` = sentence start) under BILOU.
pub fn transition_allowed(prev: Option<u8>, tag: u8) -> bool {
    let (pp, pt) = prev.map(split_tag).unwrap_or((Position::Outside, None));
    let (cp, ct) = split_tag(tag);
    match pp {
        Position::Begin | Position::Inside => {
            matches!(cp, Position::Inside | Position::Last) && pt == ct
        }
        _ => matches!(cp, Position::Outside | Position::Begin | Position::Unit),
    }
}

/// True when a sentence may end right after `tag`.
pub fn may_end_after(tag: u8) -> bool {
    !matches!(split_tag(tag).0, Position::Begin | Position::Inside)
}

/// An entity over token indices `[start, end)` of one sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TokenEntity {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Entity type.
    pub ty: NerType,
}

/// BILOU tags for `len` tokens carrying `entities` (overlapping ones after the first are skipped).
pub fn entities_to_tags(len: usize, entities: &[TokenEntity]) -> Vec<u8> {
    let mut tags = vec![0u8; len];
    for e in entities {
        if e.start >= e.end || e.end > len || tags[e.start..e.end].iter().any(|&t| t != 0) {
            continue;
        }
        if e.end - e.start == 1 {
            tags[e.start] = tag_of(Position::Unit, e.ty);
            continue;
        }
        for (k, slot) in tags[e.start..e.end].iter_mut().enumerate() {
            let pos = if k == 0 {
                Position::Begin
            } else if k + 1 == e.end - e.start {
                Position::Last
            } else {
                Position::Inside
            };
            *slot = tag_of(pos, e.ty);
        }
    }
    tags
}

/// Entities read back from BILOU tags; ill-formed sequences are repaired leniently
/// (a dangling B/I run becomes an entity ending where the type changes).
pub fn tags_to_entities(tags: &[u8]) -> Vec<TokenEntity> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NerType)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let (pos, ty) = split_tag(tag);
        if let Some((s, t)) = open {
            let continues = ty == Some(t) && matches!(pos, Position::Inside | Position::Last);
            if !continues {
                out.push(TokenEntity {
                    start: s,
                    end: i,
                    ty: t,
                });
                open = None;
            }
        }
        let Some(ty) = ty else { continue };
        match pos {
            Position::Unit => out.push(TokenEntity {
                start: i,
                end: i + 1,
                ty,
            }),
            Position::Begin => open = Some((i, ty)),
            Position::Inside | Position::Last if open.is_none() => open = Some((i, ty)),
            _ => {}
        }
        if pos == Position::Last {
            if let Some((s, t)) = open.take() {
                out.push(TokenEntity {
                    start: s,
                    end: i + 1,
                    ty: t,
                });
            }
        }
    }
    if let Some((s, t)) = open {
        out.push(TokenEntity {
            start: s,
            end: tags.len(),
            ty: t,
        });
    }
    out
}

/// One sentence of a CoNLL file: its words and gold entities.
#[derive(Clone, Debug, Default)]
pub struct ConllSentence {
    /// Token surface forms.
    pub words: Vec<String>,
    /// Gold entities.
    pub entities: Vec<TokenEntity>,
}

/// One document (between `-DOCSTART-` lines).
#[derive(Clone, Debug, Default)]
pub struct ConllDocument {
    /// Sentences in order.
    pub sentences: Vec<ConllSentence>,
}

/// Parses CoNLL-2003 text (`token POS chunk NER`, IOB1 or IOB2) into documents.
/// Lines with fewer than two columns are ignored; unknown labels count as O.
pub fn parse_conll(text: &str) -> Vec<ConllDocument> {
    let mut docs: Vec<ConllDocument> = Vec::new();
    let mut doc = ConllDocument::default();
    let mut words: Vec<String> = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    let flush_sentence =
        |words: &mut Vec<String>, labels: &mut Vec<String>, doc: &mut ConllDocument| {
            if !words.is_empty() {
                let entities = iob_to_entities(labels);
                doc.sentences.push(ConllSentence {
                    words: std::mem::take(words),
                    entities,
                });
                labels.clear();
            }
        };
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            flush_sentence(&mut words, &mut labels, &mut doc);
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        let (Some(first), Some(last)) = (cols.first(), cols.last()) else {
            continue;
        };
        if *first == "-DOCSTART-" {
            flush_sentence(&mut words, &mut labels, &mut doc);
            if !doc.sentences.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        if cols.len() < 2 {
            continue;
        }
        words.push((*first).to_string());
        labels.push((*last).to_string());
    }
    flush_sentence(&mut words, &mut labels, &mut doc);
    if !doc.sentences.is_empty() {
        docs.push(doc);
    }
    docs
}

/// IOB1/IOB2 labels ("B-PER", "I-ORG", "O") to entities.
pub fn iob_to_entities(labels: &[String]) -> Vec<TokenEntity> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NerType)> = None;
    for (i, label) in labels.iter().enumerate() {
        let (prefix, ty) = match label.split_once('-') {
            Some((p, t)) => (p, NerType::from_label(t)),
            None => ("O", None),
        };
        let starts_new = match (open, ty) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some((_, ot)), Some(t)) => prefix == "B" || ot != t,
        };
        if ty.is_none() || starts_new {
            if let Some((s, t)) = open.take() {
                out.push(TokenEntity {
                    start: s,
                    end: i,
                    ty: t,
                });
            }
        }
        if starts_new {
            if let Some(t) = ty {
                open = Some((i, t));
            }
        }
    }
    if let Some((s, t)) = open {
        out.push(TokenEntity {
            start: s,
            end: labels.len(),
            ty: t,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn iob1_runs_and_b_splits() {
        type Case<'a> = (&'a str, &'a [(usize, usize, NerType)]);
        let cases: &[Case] = &[
            (
                "I-PER I-PER O I-LOC",
                &[(0, 2, NerType::Per), (3, 4, NerType::Loc)],
            ),
            (
                "I-LOC B-LOC O",
                &[(0, 1, NerType::Loc), (1, 2, NerType::Loc)],
            ),
            (
                "I-ORG I-MISC",
                &[(0, 1, NerType::Org), (1, 2, NerType::Misc)],
            ),
            ("O O", &[]),
        ];
        for (input, want) in cases {
            let got: Vec<_> = iob_to_entities(&labels(input))
                .iter()
                .map(|e| (e.start, e.end, e.ty))
                .collect();
            assert_eq!(&got, want, "{input}");
        }
    }

    #[test]
    fn bilou_roundtrip() {
        let ents = vec![
            TokenEntity {
                start: 0,
                end: 1,
                ty: NerType::Org,
            },
            TokenEntity {
                start: 2,
                end: 5,
                ty: NerType::Per,
            },
            TokenEntity {
                start: 5,
                end: 7,
                ty: NerType::Loc,
            },
        ];
        let tags = entities_to_tags(8, &ents);
        assert_eq!(tags_to_entities(&tags), ents);
        for w in tags.windows(2) {
            assert!(transition_allowed(Some(w[0]), w[1]));
        }
    }

    #[test]
    fn constraints() {
        let b_per = tag_of(Position::Begin, NerType::Per);
        let l_per = tag_of(Position::Last, NerType::Per);
        let l_org = tag_of(Position::Last, NerType::Org);
        assert!(transition_allowed(Some(b_per), l_per));
        assert!(!transition_allowed(Some(b_per), l_org));
        assert!(!transition_allowed(None, l_per));
        assert!(!may_end_after(b_per));
        assert!(may_end_after(l_per));
    }
}
