//! Mention clustering within one article, canonical names, entity types, relations
//! between entities that share a head, and salience. Owns `RawMention` (a typed mention
//! before clustering) and `cluster_mentions`. Depends on `conll` (types) and `crate::span`.
//!
//! Rules, in order, for each mention in text order:
//! 1. Same normalised name (case, periods, quotes, hyphens, a leading "the" ignored)
//!    as an earlier entity -> that entity.
//! 2. A registered acronym ("Securities and Exchange Commission (SEC)") or the initials of
//!    an earlier organisation's name -> that entity.
//! 3. A single token equal to the first or last token of an earlier multi-token PERSON
//!    ("Song" after "Song Xiaojun", "Jobs" after "Steve Jobs") -> that person (Surname).
//! 4. Otherwise a new entity. Names sharing a head ("Amazon China", "Amazon") stay
//!    distinct; an organisation whose name extends another's is related as `PartOf`.
//!
//! After the pass, two full names of a person that agree on their first and last words
//! and differ only by middle names or initials ("Hillary Clinton", "Hillary Rodham
//! Clinton"; "Benjamin Rhodes", "Benjamin J. Rhodes") are one person. Then a person named
//! by one word *before* the full name appears (a headline's "Trump" before the body's
//! "Donald Trump") joins the one person whose full name ends (or else begins) with that
//! word; with two such persons it stays apart.

use std::collections::BTreeMap;

use super::conll::NerType;
use crate::span::Span;

/// How a mention names its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionKind {
    /// A full name as written ("Song Xiaojun", "Amazon").
    Name,
    /// A later surname-only (or given-name-only) mention of a person.
    Surname,
    /// An acronym introduced in parentheses or matching the initials.
    Acronym,
    /// A name followed by a possessive "’s", which is not part of the span.
    Possessive,
    /// A demonym or adjective of a place ("Chinese").
    Demonym,
}

/// A typed mention before clustering.
#[derive(Clone, Debug)]
pub struct RawMention {
    /// Span in the clean text (possessive excluded).
    pub span: Span,
    /// Surface text.
    pub text: String,
    /// Tokens of the surface (for surname and initials rules).
    pub tokens: Vec<String>,
    /// Type proposed by the tagger / gazetteer / metadata.
    pub ty: NerType,
    /// Mention kind before clustering (Name, Possessive or Demonym).
    pub kind: MentionKind,
    /// Comes from the dateline / byline / trailer.
    pub from_metadata: bool,
    /// Body sentence index (None for metadata outside the body).
    pub sentence: Option<usize>,
    /// An acronym in parentheses right after this mention.
    pub acronym: Option<String>,
    /// Index of a resolved place in the gazetteer, if any.
    pub place: Option<u32>,
}

/// Relation between two entities of one article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// This entity's name extends the other's ("Amazon China" part of "Amazon").
    PartOf,
}

/// A clustered entity before ordering.
#[derive(Clone, Debug)]
pub struct Cluster {
    /// Final type.
    pub ty: NerType,
    /// Canonical name.
    pub canonical: String,
    /// Mentions in text order with their final kind.
    pub mentions: Vec<(RawMention, MentionKind)>,
    /// Salience in [0, 1].
    pub salience: f32,
    /// Resolved place (gazetteer index) from the first mention that has one.
    pub place: Option<u32>,
    /// Relations to other clusters (by index in the returned vector).
    pub related: Vec<(usize, Relation)>,
}

/// Normalised comparison key of a name.
pub fn name_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '.' | '\'' | '’' | '‘' | '"' | '“' | '”' => {}
            '-' | '–' | '_' => out.push(' '),
            c if c.is_whitespace() => out.push(' '),
            c => out.extend(c.to_lowercase()),
        }
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .strip_prefix("the ")
        .map(str::to_string)
        .unwrap_or(collapsed)
}

fn initials(tokens: &[String]) -> String {
    tokens
        .iter()
        .filter(|t| t.chars().next().is_some_and(|c| c.is_uppercase()))
        .filter_map(|t| t.chars().next())
        .collect()
}

fn is_acronym_like(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
        && !text.contains(' ')
}

/// Clusters mentions (any order; sorted here by span) into entities.
pub fn cluster_mentions(mut mentions: Vec<RawMention>, sentence_count: usize) -> Vec<Cluster> {
    mentions.sort_by_key(|m| (m.span, m.from_metadata));
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut by_key: BTreeMap<String, (usize, MentionKind)> = BTreeMap::new();
    let mut by_place: BTreeMap<u32, usize> = BTreeMap::new();
    let mut acronyms: BTreeMap<String, usize> = BTreeMap::new();
    let mut person_parts: BTreeMap<String, usize> = BTreeMap::new();
    for m in mentions {
        let key = name_key(&m.text);
        if key.is_empty() {
            continue;
        }
        let mut target: Option<(usize, MentionKind)> = by_key.get(&key).map(|&(c, k)| match k {
            MentionKind::Surname | MentionKind::Acronym => (c, k),
            _ => (c, m.kind),
        });
        if target.is_none() {
            target = m
                .place
                .filter(|_| m.kind != MentionKind::Demonym)
                .and_then(|p| by_place.get(&p))
                .map(|&c| (c, m.kind));
        }
        if target.is_none() {
            if let Some(&c) = acronyms.get(&key) {
                target = Some((c, MentionKind::Acronym));
            } else if is_acronym_like(&m.text) {
                target = clusters
                    .iter()
                    .enumerate()
                    .rev()
                    .find(|(_, c)| {
                        c.ty == NerType::Org
                            && c.mentions.first().is_some_and(|(f, _)| {
                                f.tokens.len() >= 2 && initials(&f.tokens) == m.text
                            })
                    })
                    .map(|(i, _)| (i, MentionKind::Acronym));
            }
        }
        if target.is_none()
            && m.tokens.len() == 1
            && m.kind != MentionKind::Demonym
            && m.place.is_none()
        {
            target = person_parts.get(&key).map(|&i| (i, MentionKind::Surname));
        }
        let (idx, kind) = match target {
            Some(t) => t,
            None => {
                clusters.push(Cluster {
                    ty: m.ty,
                    canonical: String::new(),
                    mentions: Vec::new(),
                    salience: 0.0,
                    place: None,
                    related: Vec::new(),
                });
                (clusters.len() - 1, m.kind)
            }
        };
        by_key.entry(key).or_insert((idx, kind));
        if let Some(p) = m.place.filter(|_| kind != MentionKind::Demonym) {
            by_place.entry(p).or_insert(idx);
        }
        if let Some(a) = &m.acronym {
            acronyms.entry(name_key(a)).or_insert(idx);
        }
        if let Some(c) = clusters.get_mut(idx) {
            if c.place.is_none() {
                c.place = m.place;
            }
            // First and last words of a full person name, for later surname-only mentions
            // (the latest such person wins).
            if c.ty == NerType::Per
                && matches!(kind, MentionKind::Name | MentionKind::Possessive)
                && m.tokens.len() >= 2
            {
                for part in [m.tokens.first(), m.tokens.last()].into_iter().flatten() {
                    let e = person_parts.entry(name_key(part)).or_insert(idx);
                    *e = (*e).max(idx);
                }
            }
            c.mentions.push((m, kind));
        }
    }
    fold_middle_name_variants(&mut clusters);
    fold_early_surnames(&mut clusters);
    // Role: a mention that is the first entity mention of its sentence (subject-like).
    let mut first_in_sentence: BTreeMap<usize, Span> = BTreeMap::new();
    for c in &clusters {
        for (m, _) in &c.mentions {
            if let Some(s) = m.sentence {
                let e = first_in_sentence.entry(s).or_insert(m.span);
                if m.span < *e {
                    *e = m.span;
                }
            }
        }
    }
    for c in &mut clusters {
        finish_cluster(c, sentence_count, &first_in_sentence);
    }
    relate(&mut clusters);
    // Mentions of an organisation's parts count half for the parent's salience.
    let boosts: Vec<(usize, f32)> = clusters
        .iter()
        .flat_map(|c| c.related.iter().map(move |&(p, _)| (p, 0.5 * c.salience)))
        .collect();
    for (p, b) in boosts {
        if let Some(c) = clusters.get_mut(p) {
            c.salience = (c.salience + 0.25 * b).min(1.0);
        }
    }
    clusters
}

/// The (first, last) words of each multi-word full-name mention of a person cluster.
fn name_ends(c: &Cluster) -> Vec<(String, String)> {
    c.mentions
        .iter()
        .filter(|(m, k)| {
            m.tokens.len() >= 2 && matches!(k, MentionKind::Name | MentionKind::Possessive)
        })
        .filter_map(|(m, _)| Some((name_key(m.tokens.first()?), name_key(m.tokens.last()?))))
        .collect()
}

/// `name_ends` of every person cluster (empty for other types), computed once per pass.
fn person_name_ends(clusters: &[Cluster]) -> Vec<Vec<(String, String)>> {
    clusters
        .iter()
        .map(|c| {
            if c.ty == NerType::Per {
                name_ends(c)
            } else {
                Vec::new()
            }
        })
        .collect()
}

/// Folds person clusters whose full names share their first and last words into the
/// earliest of them (their mentions keep their kinds: each is a full name).
fn fold_middle_name_variants(clusters: &mut Vec<Cluster>) {
    let ends = person_name_ends(clusters);
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (i, mine) in ends.iter().enumerate() {
        if mine.is_empty() {
            continue;
        }
        let earlier = ends
            .iter()
            .enumerate()
            .take(i)
            .find(|(_, theirs)| theirs.iter().any(|e| mine.contains(e)));
        if let Some((j, _)) = earlier {
            // Chains fold into the earliest cluster of the chain.
            let root = moves
                .iter()
                .find(|(from, _)| *from == j)
                .map_or(j, |(_, to)| *to);
            moves.push((i, root));
        }
    }
    move_clusters(clusters, &moves, None);
}

/// Moves every mention of each `from` cluster into its `to` cluster (optionally giving
/// them a new kind), keeps text order, and drops the emptied clusters.
fn move_clusters(
    clusters: &mut Vec<Cluster>,
    moves: &[(usize, usize)],
    new_kind: Option<MentionKind>,
) {
    if moves.is_empty() {
        return;
    }
    let mut folded = vec![false; clusters.len()];
    for &(from, to) in moves {
        let taken: Vec<(RawMention, MentionKind)> = clusters
            .get_mut(from)
            .map(|c| std::mem::take(&mut c.mentions))
            .unwrap_or_default();
        let place = clusters.get(from).and_then(|c| c.place);
        if let Some(target) = clusters.get_mut(to) {
            target
                .mentions
                .extend(taken.into_iter().map(|(m, k)| (m, new_kind.unwrap_or(k))));
            target
                .mentions
                .sort_by_key(|(m, _)| (m.span, m.from_metadata));
            if target.place.is_none() {
                target.place = place;
            }
        }
        if let Some(f) = folded.get_mut(from) {
            *f = true;
        }
    }
    let mut index = 0;
    clusters.retain(|_| {
        let keep = !folded.get(index).copied().unwrap_or(false);
        index += 1;
        keep
    });
}

/// Folds a one-word person cluster into the unique person whose full name ends (or else
/// begins) with that word, when the one-word mentions came first (rule 3 handles the
/// other order). Every mention of the folded cluster becomes a `Surname` mention.
fn fold_early_surnames(clusters: &mut Vec<Cluster>) {
    let is_one_word_person = |c: &Cluster| {
        c.ty == NerType::Per
            && c.place.is_none()
            && !c.mentions.is_empty()
            && c.mentions.iter().all(|(m, k)| {
                m.tokens.len() == 1 && matches!(k, MentionKind::Name | MentionKind::Possessive)
            })
    };
    let ends = person_name_ends(clusters);
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (i, c) in clusters.iter().enumerate() {
        if !is_one_word_person(c) {
            continue;
        }
        let Some(key) = c.mentions.first().map(|(m, _)| name_key(&m.text)) else {
            continue;
        };
        for last in [true, false] {
            let owners: Vec<usize> = ends
                .iter()
                .enumerate()
                .filter(|(j, theirs)| {
                    *j != i
                        && theirs.iter().any(|(first, final_word)| {
                            &key == if last { final_word } else { first }
                        })
                })
                .map(|(j, _)| j)
                .collect();
            match owners.as_slice() {
                [owner] => {
                    moves.push((i, *owner));
                    break;
                }
                [] => continue,
                _ => break,
            }
        }
    }
    move_clusters(clusters, &moves, Some(MentionKind::Surname));
}

fn finish_cluster(
    c: &mut Cluster,
    sentence_count: usize,
    first_in_sentence: &BTreeMap<usize, Span>,
) {
    // Type: metadata decides; otherwise a vote of full-name mentions, first mention on ties.
    let meta = c
        .mentions
        .iter()
        .find(|(m, _)| m.from_metadata)
        .map(|(m, _)| m.ty);
    let mut votes: BTreeMap<NerType, (usize, usize)> = BTreeMap::new();
    for (k, (m, kind)) in c.mentions.iter().enumerate() {
        if *kind == MentionKind::Surname {
            continue;
        }
        let v = votes.entry(m.ty).or_insert((0, usize::MAX - k));
        // A mention backed by a gazetteer place is stronger evidence.
        v.0 += if m.place.is_some() { 2 } else { 1 };
    }
    let voted = votes.iter().max_by_key(|(_, v)| **v).map(|(t, _)| *t);
    if c.mentions.iter().any(|(_, k)| *k == MentionKind::Surname) {
        c.ty = NerType::Per;
    } else if let Some(t) = meta.or(voted) {
        c.ty = t;
    }
    // Canonical: the longest full name, first on ties.
    let mut best: Option<&RawMention> = None;
    for (m, kind) in &c.mentions {
        if matches!(
            kind,
            MentionKind::Name | MentionKind::Possessive | MentionKind::Demonym
        ) && best.is_none_or(|b| m.tokens.len() > b.tokens.len())
        {
            best = Some(m);
        }
    }
    if let Some(b) = best.or(c.mentions.first().map(|(m, _)| m)) {
        c.canonical = b.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    // Salience parts: frequency, earliness, role (mention in the first sentence / subject-like start).
    let body: Vec<&RawMention> = c
        .mentions
        .iter()
        .map(|(m, _)| m)
        .filter(|m| !m.from_metadata)
        .collect();
    let freq = body.len() as f32;
    let first = body.iter().filter_map(|m| m.sentence).min();
    let position = match first {
        Some(s) => 1.0 / (1.0 + s as f32 * 0.35),
        None => 0.0,
    };
    let spread = {
        let mut s: Vec<usize> = body.iter().filter_map(|m| m.sentence).collect();
        s.dedup();
        s.len() as f32 / sentence_count.max(1) as f32
    };
    let freq_part = 1.0 - (-freq / 3.0).exp();
    let subject_like = body
        .iter()
        .filter(|m| m.sentence.and_then(|s| first_in_sentence.get(&s)) == Some(&m.span))
        .count() as f32;
    let role = 1.0 - (-subject_like / 1.5).exp();
    let meta_part = if body.is_empty() { 0.05 } else { 0.0 };
    let demonym_penalty = if c.ty == NerType::Misc { 0.8 } else { 1.0 };
    c.salience =
        ((0.35 * freq_part + 0.25 * position + 0.15 * spread.min(1.0) + 0.25 * role + meta_part)
            * demonym_penalty)
            .clamp(0.0, 1.0);
}

fn relate(clusters: &mut [Cluster]) {
    // A one-word name that heads other organisations' names is an organisation too
    // ("Amazon" beside "Amazon China"), unless it is a resolved place.
    let org_keys: Vec<String> = clusters
        .iter()
        .filter(|c| c.ty == NerType::Org)
        .map(|c| name_key(&c.canonical))
        .collect();
    for c in clusters.iter_mut() {
        let k = name_key(&c.canonical);
        if c.ty != NerType::Org && c.place.is_none() && !k.contains(' ') && !k.is_empty() {
            let heads = org_keys.iter().any(|o| {
                o.len() > k.len() && o.starts_with(&k) && o.as_bytes().get(k.len()) == Some(&b' ')
            });
            if heads
                && c.mentions
                    .iter()
                    .all(|(_, kind)| *kind != MentionKind::Surname)
            {
                c.ty = NerType::Org;
            }
        }
    }
    let keys: Vec<(String, NerType)> = clusters
        .iter()
        .map(|c| (name_key(&c.canonical), c.ty))
        .collect();
    for (i, (ki, ti)) in keys.iter().enumerate() {
        if *ti != NerType::Org {
            continue;
        }
        // The longest other organisation name this one extends.
        let parent = keys
            .iter()
            .enumerate()
            .filter(|(j, (kj, tj))| {
                *j != i
                    && *tj == NerType::Org
                    && ki.len() > kj.len()
                    && ki.starts_with(kj.as_str())
                    && ki.as_bytes().get(kj.len()) == Some(&b' ')
            })
            .max_by_key(|(j, (kj, _))| (kj.len(), usize::MAX - j))
            .map(|(j, _)| j);
        if let (Some(p), Some(c)) = (parent, clusters.get_mut(i)) {
            c.related.push((p, Relation::PartOf));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: a full name first seen in the possessive ("Bruce Springsteen’s") still
    /// takes the later surname-only mention ("Springsteen").
    #[test]
    fn surname_after_a_possessive_full_name() {
        let mut first = m(10, "Bruce Springsteen", NerType::Per, 0);
        first.kind = MentionKind::Possessive;
        let clusters = cluster_mentions(vec![first, m(90, "Springsteen", NerType::Per, 1)], 2);
        assert_eq!(clusters.len(), 1);
        assert_eq!(clusters[0].mentions[1].1, MentionKind::Surname);
    }

    #[test]
    fn surname_in_a_headline_before_the_full_name() {
        let mut body_first = m(90, "Donald Trump", NerType::Per, 1);
        body_first.kind = MentionKind::Possessive;
        let clusters = cluster_mentions(
            vec![
                m(10, "Trump", NerType::Per, 0),
                body_first,
                m(40, "Calderon", NerType::Per, 0),
                m(70, "Felipe Calderon", NerType::Per, 1),
                m(150, "Trump", NerType::Per, 2),
            ],
            3,
        );
        let names: Vec<(&str, usize)> = clusters
            .iter()
            .map(|c| (c.canonical.as_str(), c.mentions.len()))
            .collect();
        assert_eq!(clusters.len(), 2, "{names:?}");
        assert!(names.contains(&("Donald Trump", 3)), "{names:?}");
        assert!(names.contains(&("Felipe Calderon", 2)), "{names:?}");
        let trump = clusters.iter().find(|c| c.canonical == "Donald Trump");
        let kinds: Vec<MentionKind> = trump
            .map(|c| c.mentions.iter().map(|(_, k)| *k).collect())
            .unwrap_or_default();
        assert_eq!(
            kinds,
            vec![
                MentionKind::Surname,
                MentionKind::Possessive,
                MentionKind::Surname
            ]
        );
    }

    #[test]
    fn full_names_differing_by_a_middle_name_are_one_person() {
        let clusters = cluster_mentions(
            vec![
                m(0, "Clinton", NerType::Per, 0),
                m(20, "Hillary Rodham Clinton", NerType::Per, 1),
                m(60, "Benjamin J. Rhodes", NerType::Per, 2),
                m(90, "Hillary Clinton", NerType::Per, 3),
                m(120, "Benjamin Rhodes", NerType::Per, 4),
                m(150, "Clinton", NerType::Per, 5),
                m(180, "Hillary Duff", NerType::Per, 6),
            ],
            7,
        );
        let names: Vec<(&str, usize)> = clusters
            .iter()
            .map(|c| (c.canonical.as_str(), c.mentions.len()))
            .collect();
        assert_eq!(clusters.len(), 3, "{names:?}");
        assert!(names.contains(&("Hillary Rodham Clinton", 4)), "{names:?}");
        assert!(names.contains(&("Benjamin J. Rhodes", 2)), "{names:?}");
        assert!(names.contains(&("Hillary Duff", 1)), "{names:?}");
    }

    #[test]
    fn an_early_surname_shared_by_two_people_stays_apart() {
        let clusters = cluster_mentions(
            vec![
                m(0, "Bush", NerType::Per, 0),
                m(40, "George Bush", NerType::Per, 1),
                m(80, "Jeb Bush", NerType::Per, 2),
            ],
            3,
        );
        assert_eq!(clusters.len(), 3);
    }

    fn m(start: usize, text: &str, ty: NerType, sentence: usize) -> RawMention {
        RawMention {
            span: Span::new(start, start + text.len()),
            text: text.to_string(),
            tokens: text.split_whitespace().map(str::to_string).collect(),
            ty,
            kind: MentionKind::Name,
            from_metadata: false,
            sentence: Some(sentence),
            acronym: None,
            place: None,
        }
    }

    #[test]
    fn keys() {
        for (a, b) in [
            ("U.S.", "us"),
            ("The  Hague", "hague"),
            ("Coca-Cola", "coca cola"),
            ("O’Neil", "oneil"),
        ] {
            assert_eq!(name_key(a), b);
        }
    }

    #[test]
    fn clustering_rules() {
        let mut sec = m(0, "Securities and Exchange Commission", NerType::Org, 0);
        sec.acronym = Some("SEC".into());
        let mentions = vec![
            m(100, "Song Xiaojun", NerType::Per, 0),
            m(200, "Amazon China", NerType::Org, 0),
            m(300, "Amazon", NerType::Org, 1),
            m(400, "Song", NerType::Org, 2),
            m(500, "SEC", NerType::Org, 2),
            sec,
            m(600, "AMAZON", NerType::Org, 3),
            m(700, "Steve Jobs", NerType::Per, 3),
            m(800, "Jobs", NerType::Per, 4),
            m(900, "World Health Organization", NerType::Org, 4),
            m(1000, "WHO", NerType::Org, 5),
        ];
        let clusters = cluster_mentions(mentions, 6);
        let names: Vec<(&str, NerType, usize)> = clusters
            .iter()
            .map(|c| (c.canonical.as_str(), c.ty, c.mentions.len()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Securities and Exchange Commission", NerType::Org, 2),
                ("Song Xiaojun", NerType::Per, 2),
                ("Amazon China", NerType::Org, 1),
                ("Amazon", NerType::Org, 2),
                ("Steve Jobs", NerType::Per, 2),
                ("World Health Organization", NerType::Org, 2),
            ]
        );
        assert_eq!(clusters[2].related, vec![(3, Relation::PartOf)]);
        assert_eq!(clusters[1].mentions[1].1, MentionKind::Surname);
        assert_eq!(clusters[0].mentions[1].1, MentionKind::Acronym);
        for c in &clusters {
            assert!((0.0..=1.0).contains(&c.salience));
        }
    }
}
