//! The statistical sequence tagger at tag time. Owns: the compact model format
//! (hashed feature keys, quantised per-tag weights, word clusters, name phrases), its loading (the
//! committed `data/ner-model.bin` is embedded and parsed once), document preparation
//! (token summaries + gazetteer, cluster and document-level evidence) and greedy
//! left-to-right decoding under BILOU constraints. Depends on `features`, `conll`
//! (tag scheme) and `gazetteer` (match codes).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::conll::{self, NerType, TokenEntity, TAG_COUNT};
use super::features::{self, doc_flag, flag, hash_lower, SentenceInfo, TokenInfo, START_TAG};
use super::gazetteer::Gazetteer;
use super::phrases::PhraseLexicon;
use super::{EntityError, EntityErrorKind};

const MAGIC: &[u8; 8] = b"NFNER\0v4";
/// The previous format (no phrase section), still readable.
const MAGIC_V3: &[u8; 8] = b"NFNER\0v3";

/// The committed model, embedded in the binary.
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../data/ner-model.bin");

/// Word lexicon of the tagger: lower-cased word hash -> (cluster path bits, packed byte:
/// path length in the low 5 bits, capitalisation prior 0..=4 in the high 3 bits,
/// name byte: first-name rank bucket in bits 0-1, surname rank bucket in bits 2-3, bits
/// 4-5 company-name word, 0 = not listed). A word may carry a name byte without a cluster
/// (length 0).
#[derive(Clone, Debug, Default)]
pub struct Clusters {
    map: HashMap<u64, (u32, u8, u8)>,
    /// Typed multi-word names (WordNet proper names), matched per sentence.
    pub phrases: PhraseLexicon,
}

impl Clusters {
    /// Builds from (word hash, bits, len) triples.
    pub fn from_entries(entries: impl IntoIterator<Item = (u64, u32, u8)>) -> Clusters {
        Clusters {
            map: entries
                .into_iter()
                .map(|(h, b, l)| (h, (b, l, 0)))
                .collect(),
            phrases: PhraseLexicon::default(),
        }
    }

    /// Adds person-name bytes (word hash, name byte); words without a cluster get one
    /// with an empty path.
    pub fn add_names(&mut self, names: impl IntoIterator<Item = (u64, u8)>) {
        for (h, n) in names {
            self.map.entry(h).or_insert((0, 0, 0)).2 |= n;
        }
    }

    /// Cluster path (bits, length) of a word (case-insensitive).
    pub fn get(&self, word: &str) -> Option<(u32, u8)> {
        self.map
            .get(&hash_lower(word))
            .map(|&(b, l, _)| (b, l & 31))
    }

    /// Path bits, path length and capitalisation prior of a word.
    pub fn lookup(&self, word: &str) -> Option<(u32, u8, u8)> {
        self.map
            .get(&hash_lower(word))
            .map(|&(b, l, _)| (b, l & 31, l >> 5))
    }

    /// Path bits, path length, capitalisation prior and person-name byte of a word.
    pub fn lookup_all(&self, word: &str) -> Option<(u32, u8, u8, u8)> {
        self.map
            .get(&hash_lower(word))
            .map(|&(b, l, n)| (b, l & 31, l >> 5, n))
    }

    /// Number of clustered words.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when no word is clustered.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Entries sorted by hash (for deterministic serialisation).
    pub fn sorted_entries(&self) -> Vec<(u64, u32, u8, u8)> {
        let mut v: Vec<_> = self
            .map
            .iter()
            .map(|(&h, &(b, l, n))| (h, b, l, n))
            .collect();
        v.sort_unstable();
        v
    }
}

/// A trained tagger: feature hash -> row of `TAG_COUNT` quantised weights.
#[derive(Clone, Debug)]
pub struct NerModel {
    /// Open-addressing fingerprints (high 32 bits of the key, never 0; 0 = empty slot),
    /// linear probing from the key's low bits; kept apart from the weights so that the
    /// many misses only touch this compact array.
    fingerprints: Vec<u32>,
    /// Full keys of the slots (for serialisation only).
    keys: Vec<u64>,
    /// Weights of the slot with the same index.
    slot_weights: Vec<[i16; TAG_COUNT]>,
    /// Number of stored rows.
    rows: usize,
    /// Word clusters used by the cluster features.
    pub clusters: Clusters,
}

fn nonzero_key(k: u64) -> u64 {
    if k == 0 {
        1
    } else {
        k
    }
}

#[inline]
fn fingerprint(k: u64) -> u32 {
    ((k >> 32) as u32) | 1
}

impl NerModel {
    /// Builds a model from float rows, quantising to i16 with one global scale.
    /// Rows whose quantised weights are all zero are dropped.
    pub fn from_float_rows(rows: Vec<(u64, [f32; TAG_COUNT])>, clusters: Clusters) -> NerModel {
        let max = rows
            .iter()
            .flat_map(|(_, w)| w.iter())
            .fold(0f32, |m, &x| m.max(x.abs()));
        let scale = if max > 0.0 { 32000.0 / max } else { 1.0 };
        let mut keys = Vec::with_capacity(rows.len());
        let mut weights = Vec::with_capacity(rows.len() * TAG_COUNT);
        for (key, w) in rows {
            let q: Vec<i16> = w
                .iter()
                .map(|&x| (x * scale).round().clamp(-32767.0, 32767.0) as i16)
                .collect();
            if q.iter().all(|&x| x == 0) {
                continue;
            }
            keys.push(nonzero_key(key));
            weights.extend_from_slice(&q);
        }
        Self::from_parts(keys, weights, clusters)
    }

    fn from_parts(keys: Vec<u64>, weights: Vec<i16>, clusters: Clusters) -> NerModel {
        let cap = (keys.len() * 2 + 16).next_power_of_two();
        let mut table = vec![0u64; cap];
        let mut fingerprints = vec![0u32; cap];
        let mut slot_weights = vec![[0i16; TAG_COUNT]; cap];
        let mask = cap - 1;
        let mut rows = 0;
        for (row, &k) in keys.iter().enumerate() {
            let Some(w) = weights.get(row * TAG_COUNT..(row + 1) * TAG_COUNT) else {
                break;
            };
            let mut s = (k as usize) & mask;
            let fp = fingerprint(k);
            loop {
                if table[s] == 0 {
                    table[s] = k;
                    fingerprints[s] = fp;
                    slot_weights[s].copy_from_slice(w);
                    rows += 1;
                    break;
                }
                if table[s] == k || fingerprints[s] == fp {
                    break; // duplicate key (or a 2^-32 fingerprint clash): keep the first
                }
                s = (s + 1) & mask;
            }
        }
        NerModel {
            fingerprints,
            keys: table,
            slot_weights,
            rows,
            clusters,
        }
    }

    /// Stored rows sorted by key.
    fn sorted_rows(&self) -> Vec<(u64, &[i16; TAG_COUNT])> {
        let mut v: Vec<(u64, &[i16; TAG_COUNT])> = self
            .keys
            .iter()
            .zip(&self.slot_weights)
            .filter(|(k, _)| **k != 0)
            .map(|(k, w)| (*k, w))
            .collect();
        v.sort_unstable_by_key(|(k, _)| *k);
        v
    }

    /// Number of stored feature rows.
    pub fn row_count(&self) -> usize {
        self.rows
    }

    #[inline]
    fn row(&self, key: u64) -> Option<&[i16; TAG_COUNT]> {
        let k = nonzero_key(key);
        let fp = fingerprint(k);
        let mask = self.fingerprints.len() - 1;
        let mut s = (k as usize) & mask;
        loop {
            let here = *self.fingerprints.get(s)?;
            if here == 0 {
                return None;
            }
            if here == fp {
                return self.slot_weights.get(s);
            }
            s = (s + 1) & mask;
        }
    }

    /// Serialises the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let rows = self.row_count();
        let keyed = self.sorted_rows();
        let clusters = self.clusters.sorted_entries();
        let mut out = Vec::with_capacity(32 + rows * (8 + 2 * TAG_COUNT) + clusters.len() * 14);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(TAG_COUNT as u32).to_le_bytes());
        out.extend_from_slice(&(keyed.len() as u32).to_le_bytes());
        out.extend_from_slice(&(clusters.len() as u32).to_le_bytes());
        for (k, _) in &keyed {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for (_, ws) in &keyed {
            for w in ws.iter() {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        for (h, b, l, n) in clusters {
            out.extend_from_slice(&h.to_le_bytes());
            out.extend_from_slice(&b.to_le_bytes());
            out.push(l);
            out.push(n);
        }
        let phrases = self.clusters.phrases.sorted_entries();
        out.extend_from_slice(&(phrases.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.clusters.phrases.max_len() as u32).to_le_bytes());
        for (h, k) in phrases {
            out.extend_from_slice(&h.to_le_bytes());
            out.push(k);
        }
        let nouns = self.clusters.phrases.sorted_nouns();
        out.extend_from_slice(&(nouns.len() as u32).to_le_bytes());
        for (h, k) in nouns {
            out.extend_from_slice(&h.to_le_bytes());
            out.push(k);
        }
        out
    }

    /// Parses a serialised model.
    pub fn from_bytes(bytes: &[u8]) -> Result<NerModel, EntityError> {
        let mut r = Reader { bytes, pos: 0 };
        let version = r.take(8)?;
        let has_phrases = version == MAGIC;
        if !has_phrases && version != MAGIC_V3 {
            return Err(EntityError::new(
                EntityErrorKind::BadModel,
                "model header is not NFNER v4 (or v3)",
            ));
        }
        let tags = r.u32()? as usize;
        if tags != TAG_COUNT {
            return Err(EntityError::new(
                EntityErrorKind::BadModel,
                format!("model has {tags} tags, this build expects {TAG_COUNT}"),
            ));
        }
        let rows = r.u32()? as usize;
        let n_clusters = r.u32()? as usize;
        let key_bytes = r.take(
            rows.checked_mul(8)
                .ok_or_else(|| EntityError::truncated("keys"))?,
        )?;
        let keys: Vec<u64> = key_bytes
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect();
        let wbytes = r.take(
            rows.checked_mul(2 * TAG_COUNT)
                .ok_or_else(|| EntityError::truncated("weights"))?,
        )?;
        let weights: Vec<i16> = wbytes
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        let mut map = HashMap::with_capacity(n_clusters.min(1 << 20));
        for _ in 0..n_clusters {
            let c = r.take(14)?;
            let h = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            let b = u32::from_le_bytes([c[8], c[9], c[10], c[11]]);
            map.insert(h, (b, c[12], c[13]));
        }
        let mut phrases = PhraseLexicon::default();
        if has_phrases {
            let n = r.u32()? as usize;
            let max_len = r.u32()? as usize;
            let entries = r.byte_entries(n)?;
            let n_nouns = r.u32()? as usize;
            let nouns = r.byte_entries(n_nouns)?;
            phrases = PhraseLexicon::from_entries(entries, max_len, nouns);
        }
        Ok(Self::from_parts(keys, weights, Clusters { map, phrases }))
    }

    /// The embedded model, parsed on first use.
    pub fn embedded() -> Result<&'static NerModel, EntityError> {
        static MODEL: OnceLock<Result<NerModel, EntityError>> = OnceLock::new();
        MODEL
            .get_or_init(|| NerModel::from_bytes(EMBEDDED_MODEL))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Adds the weights of `feats` into `scores`.
    #[inline]
    pub fn score_into(&self, feats: &[u64], scores: &mut [i32; TAG_COUNT]) {
        for &f in feats {
            if let Some(row) = self.row(f) {
                for (s, &w) in scores.iter_mut().zip(row) {
                    *s += w as i32;
                }
            }
        }
    }

    /// True when the model carries second-pass (document prior) weights.
    pub fn is_two_pass(&self) -> bool {
        let probe = features::mix(features::SECOND_PASS_SALT, features::mix(1, 0));
        self.row(probe).is_some()
    }

    /// Tags one prepared sentence greedily (first pass); returns BILOU tags.
    pub fn tag_prepared(&self, tokens: &[TokenInfo], buf: &mut Vec<u64>) -> Vec<u8> {
        self.decode(tokens, false, buf)
    }

    /// Greedy decoding of one sentence with first- or second-pass features.
    pub fn decode(&self, tokens: &[TokenInfo], second: bool, buf: &mut Vec<u64>) -> Vec<u8> {
        let statics = StaticFeatures::of(tokens, buf);
        self.decode_cached(tokens, &statics, second, buf)
    }

    /// Greedy decoding reusing precomputed history-independent features.
    fn decode_cached(
        &self,
        tokens: &[TokenInfo],
        statics: &StaticFeatures,
        second: bool,
        buf: &mut Vec<u64>,
    ) -> Vec<u8> {
        let mut tags = Vec::with_capacity(tokens.len());
        let (mut p1, mut p2) = (START_TAG, START_TAG);
        for i in 0..tokens.len() {
            buf.clear();
            buf.extend_from_slice(statics.at(i));
            if second {
                features::prior_features(tokens, i, buf);
            }
            features::history_features(tokens, i, p1, p2, buf);
            if second {
                features::salt_features(buf);
            }
            let mut scores = [0i32; TAG_COUNT];
            self.score_into(buf, &mut scores);
            let prev = if i == 0 { None } else { Some(p1) };
            let last = i + 1 == tokens.len();
            let tag = best_allowed(&scores, prev, last);
            tags.push(tag);
            p2 = p1;
            p1 = tag;
        }
        tags
    }

    /// Drops rows whose largest absolute weight is below `min_abs` (quantised units).
    pub fn pruned(&self, min_abs: i16) -> NerModel {
        let keep: Vec<(u64, &[i16; TAG_COUNT])> = self
            .sorted_rows()
            .into_iter()
            .filter(|(_, ws)| {
                ws.iter()
                    .any(|w| w.unsigned_abs() >= min_abs.unsigned_abs())
            })
            .collect();
        let keys = keep.iter().map(|(k, _)| *k).collect();
        let weights = keep.iter().flat_map(|(_, ws)| ws.iter().copied()).collect();
        Self::from_parts(keys, weights, self.clusters.clone())
    }

    /// Tags a document given as sentences of token strings; returns entities per sentence.
    pub fn tag_document(
        &self,
        doc: &[Vec<&str>],
        gazetteer: Option<&Gazetteer>,
    ) -> Vec<Vec<TokenEntity>> {
        let mut prepared = prepare_document(doc, gazetteer, &self.clusters);
        let mut buf = Vec::with_capacity(96);
        let statics: Vec<StaticFeatures> = prepared
            .iter()
            .map(|s| StaticFeatures::of(s, &mut buf))
            .collect();
        let first: Vec<Vec<TokenEntity>> = prepared
            .iter()
            .zip(&statics)
            .map(|(s, st)| conll::tags_to_entities(&self.decode_cached(s, st, false, &mut buf)))
            .collect();
        if !self.is_two_pass() {
            return first;
        }
        assign_priors(&mut prepared, &first);
        // A sentence without any document prior keeps its first-pass tags: the second
        // pass would see no new evidence there.
        prepared
            .iter()
            .zip(&statics)
            .zip(first)
            .map(|((s, st), f)| {
                if s.iter().all(|t| t.prior == 0) {
                    f
                } else {
                    conll::tags_to_entities(&self.decode_cached(s, st, true, &mut buf))
                }
            })
            .collect()
    }
}

/// History-independent features of every token of a sentence.
struct StaticFeatures {
    feats: Vec<u64>,
    offsets: Vec<usize>,
}

impl StaticFeatures {
    fn of(tokens: &[TokenInfo], buf: &mut Vec<u64>) -> StaticFeatures {
        let sent = SentenceInfo::of(tokens);
        let mut feats = Vec::with_capacity(tokens.len() * 64);
        let mut offsets = Vec::with_capacity(tokens.len() + 1);
        offsets.push(0);
        for i in 0..tokens.len() {
            features::static_features(tokens, &sent, i, buf);
            feats.extend_from_slice(buf);
            offsets.push(feats.len());
        }
        StaticFeatures { feats, offsets }
    }

    fn at(&self, i: usize) -> &[u64] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => self.feats.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Highest-scoring tag allowed after `prev` (and allowed to end the sentence when `last`).
pub fn best_allowed(scores: &[i32; TAG_COUNT], prev: Option<u8>, last: bool) -> u8 {
    let mut best = 0u8;
    let mut best_score = i64::MIN;
    for (tag, &s) in scores.iter().enumerate() {
        let tag = tag as u8;
        if !conll::transition_allowed(prev, tag) || (last && !conll::may_end_after(tag)) {
            continue;
        }
        if (s as i64) > best_score {
            best_score = s as i64;
            best = tag;
        }
    }
    best
}

/// Float-score variant used by the trainer.
pub fn best_allowed_f32(scores: &[f32; TAG_COUNT], prev: Option<u8>, last: bool) -> u8 {
    let mut best = 0u8;
    let mut best_score = f32::NEG_INFINITY;
    for (tag, &s) in scores.iter().enumerate() {
        let tag = tag as u8;
        if !conll::transition_allowed(prev, tag) || (last && !conll::may_end_after(tag)) {
            continue;
        }
        if s > best_score {
            best_score = s;
            best = tag;
        }
    }
    best
}

/// Token summaries for a whole document, with gazetteer codes, clusters and the
/// document-level evidence filled in.
pub fn prepare_document(
    doc: &[Vec<&str>],
    gazetteer: Option<&Gazetteer>,
    clusters: &Clusters,
) -> Vec<Vec<TokenInfo>> {
    let mut out: Vec<Vec<TokenInfo>> = doc
        .iter()
        .map(|s| s.iter().map(|w| TokenInfo::of(w)).collect())
        .collect();
    // Document evidence keyed by lower-cased word hash.
    let mut evidence: HashMap<u64, u8> = HashMap::new();
    for sent in &out {
        let info = SentenceInfo::of(sent);
        for (i, tk) in sent.iter().enumerate() {
            if tk.flags & flag::ALL_LOWER != 0 {
                *evidence.entry(tk.lower).or_insert(0) |= doc_flag::SEEN_LOWER;
            } else if tk.flags & flag::INIT_CAP != 0 && !info.headline {
                if i > 0 {
                    *evidence.entry(tk.lower).or_insert(0) |= doc_flag::SEEN_CAP_MID;
                }
                if info.cap_run.get(i).copied().unwrap_or(0) >= 2 {
                    *evidence.entry(tk.lower).or_insert(0) |= doc_flag::SEEN_IN_RUN;
                }
            }
        }
    }
    let scores = doc
        .iter()
        .flatten()
        .filter(|w| features::is_score(w))
        .count();
    let doc_scores = match scores {
        0 => 0,
        1..=3 => 1,
        _ => 2,
    };
    for (s, words) in out.iter_mut().zip(doc) {
        let codes = gazetteer.map(|g| g.match_codes(words)).unwrap_or_default();
        let phrase_codes = clusters.phrases.match_codes(words);
        for (i, (tk, w)) in s.iter_mut().zip(words).enumerate() {
            tk.doc = evidence.get(&tk.lower).copied().unwrap_or(0);
            tk.gazetteer = codes.get(i).copied().unwrap_or(0);
            tk.phrase = phrase_codes.get(i).copied().unwrap_or(0);
            tk.doc_scores = doc_scores;
            tk.noun = clusters.phrases.noun_class(w);
            if let Some((b, l, cap, names)) = clusters.lookup_all(w) {
                tk.cluster = b;
                tk.cluster_len = l;
                tk.cap_prior = cap;
                tk.names = names;
            }
        }
    }
    out
}

/// Sets each token's document prior from first-pass entities of the *other* sentences.
pub fn assign_priors(doc: &mut [Vec<TokenInfo>], first: &[Vec<TokenEntity>]) {
    /// Per word: entity-token votes by type over the document, the first longest
    /// multi-token entity containing it, and the first longest one from another sentence.
    #[derive(Default)]
    struct WordStats {
        votes: [usize; 4],
        top: Option<(usize, NerType, bool, usize)>,
        other: Option<(usize, NerType, bool, usize)>,
    }
    let mut stats: HashMap<u64, WordStats> = HashMap::new();
    // Per sentence: word -> votes inside that sentence (subtracted for its own tokens).
    let mut own: Vec<HashMap<u64, [usize; 4]>> = Vec::with_capacity(doc.len());
    for (si, (toks, ents)) in doc.iter().zip(first).enumerate() {
        let mut here: HashMap<u64, [usize; 4]> = HashMap::new();
        for e in ents {
            for k in e.start..e.end {
                let Some(tk) = toks.get(k) else { continue };
                here.entry(tk.lower).or_default()[e.ty.index()] += 1;
                let st = stats.entry(tk.lower).or_default();
                st.votes[e.ty.index()] += 1;
                let len = e.end - e.start;
                if len > 1 {
                    let entry = (len, e.ty, k == e.start, si);
                    if st.top.is_none_or(|(l, ..)| len > l) {
                        // The old top stays a valid "other sentence" candidate only if it
                        // is from another sentence than the new top.
                        if let Some(t) = st.top.filter(|t| t.3 != si) {
                            st.other = Some(t);
                        }
                        if st.other.is_some_and(|o| o.3 == si) {
                            st.other = None;
                        }
                        st.top = Some(entry);
                    } else if st.top.is_some_and(|t| t.3 != si)
                        && st.other.is_none_or(|(l, ..)| len > l)
                    {
                        st.other = Some(entry);
                    }
                }
            }
        }
        own.push(here);
    }
    for (si, toks) in doc.iter_mut().enumerate() {
        for tk in toks.iter_mut() {
            tk.prior = 0;
            if tk.flags & flag::INIT_CAP == 0 {
                continue;
            }
            let Some(st) = stats.get(&tk.lower) else {
                continue;
            };
            let mine = own
                .get(si)
                .and_then(|m| m.get(&tk.lower))
                .copied()
                .unwrap_or([0; 4]);
            let mut votes = st.votes;
            for (v, m) in votes.iter_mut().zip(mine) {
                *v = v.saturating_sub(m);
            }
            let multi = match st.top {
                Some(t) if t.3 != si => Some(t),
                _ => st.other.filter(|o| o.3 != si),
            };
            let mut prior = 0u8;
            if let Some((k, _)) = votes
                .iter()
                .enumerate()
                .filter(|(_, v)| **v > 0)
                .max_by_key(|(k, v)| (**v, 4 - *k))
            {
                prior |= k as u8 + 1;
            }
            if let Some((_, ty, first_tok, _)) = multi {
                prior |= (ty.index() as u8 + 1) << 3 | (first_tok as u8) << 6;
            }
            tk.prior = prior;
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], EntityError> {
        let end = self
            .pos
            .checked_add(n)
            .ok_or_else(|| EntityError::truncated("length"))?;
        let s = self
            .bytes
            .get(self.pos..end)
            .ok_or_else(|| EntityError::truncated("section"))?;
        self.pos = end;
        Ok(s)
    }
    /// `n` entries of a u64 key and one byte.
    fn byte_entries(&mut self, n: usize) -> Result<Vec<(u64, u8)>, EntityError> {
        let mut entries = Vec::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let c = self.take(9)?;
            let h = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            entries.push((h, c[8]));
        }
        Ok(entries)
    }
    fn u32(&mut self) -> Result<u32, EntityError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_bytes() {
        let mut w = [0f32; TAG_COUNT];
        w[3] = 1.5;
        w[0] = -0.5;
        let m = NerModel::from_float_rows(vec![(42, w), (7, [0.0; TAG_COUNT])], {
            let mut c = Clusters::from_entries([(hash_lower("paris"), 5, 3)]);
            c.add_names([(hash_lower("paris"), 2), (hash_lower("song"), 5)]);
            c
        });
        assert_eq!(m.row_count(), 1);
        let back = NerModel::from_bytes(&m.to_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.row_count(), 1);
        assert!(back.row(42).is_some_and(|r| r[3] > 0 && r[0] < 0));
        assert!(back.row(7).is_none());
        assert_eq!(back.clusters.get("Paris"), Some((5, 3)));
        assert_eq!(back.clusters.lookup_all("PARIS"), Some((5, 3, 0, 2)));
        assert_eq!(back.clusters.lookup_all("Song"), Some((0, 0, 0, 5)));
        assert_eq!(back.clusters.lookup_all("Wuhan"), None);
    }

    #[test]
    fn truncated_model_is_an_error() {
        let m = NerModel::from_float_rows(vec![(42, [1.0; TAG_COUNT])], Clusters::default());
        let bytes = m.to_bytes();
        for cut in [0, 5, 12, bytes.len() - 1] {
            assert!(NerModel::from_bytes(&bytes[..cut]).is_err(), "cut {cut}");
        }
    }

    /// The straightforward quadratic definition of the priors, for comparison.
    fn priors_brute_force(doc: &[Vec<TokenInfo>], first: &[Vec<TokenEntity>]) -> Vec<Vec<u8>> {
        let mut seen: Vec<(u64, usize, NerType, usize, bool)> = Vec::new();
        for (si, (toks, ents)) in doc.iter().zip(first).enumerate() {
            for e in ents {
                for (k, tk) in toks.iter().enumerate().take(e.end).skip(e.start) {
                    seen.push((tk.lower, si, e.ty, e.end - e.start, k == e.start));
                }
            }
        }
        doc.iter()
            .enumerate()
            .map(|(si, toks)| {
                toks.iter()
                    .map(|tk| {
                        if tk.flags & flag::INIT_CAP == 0 {
                            return 0;
                        }
                        let mut votes = [0usize; 4];
                        let mut multi: Option<(usize, NerType, bool)> = None;
                        for &(w, s, ty, len, f) in &seen {
                            if w != tk.lower || s == si {
                                continue;
                            }
                            votes[ty.index()] += 1;
                            if len > 1 && multi.is_none_or(|(l, _, _)| len > l) {
                                multi = Some((len, ty, f));
                            }
                        }
                        let mut prior = 0u8;
                        if let Some((k, _)) = votes
                            .iter()
                            .enumerate()
                            .filter(|(_, v)| **v > 0)
                            .max_by_key(|(k, v)| (**v, 4 - *k))
                        {
                            prior |= k as u8 + 1;
                        }
                        if let Some((_, ty, f)) = multi {
                            prior |= (ty.index() as u8 + 1) << 3 | (f as u8) << 6;
                        }
                        prior
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn priors_match_their_definition() {
        let words = ["Amazon", "China", "Global", "Song", "Wuhan"];
        let mut rng = 99u64;
        let mut next = |n: usize| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng % n as u64) as usize
        };
        for _ in 0..300 {
            let n_sent = 1 + next(5);
            let mut doc = Vec::new();
            let mut first = Vec::new();
            for _ in 0..n_sent {
                let len = 1 + next(6);
                let toks: Vec<TokenInfo> = (0..len)
                    .map(|_| TokenInfo::of(words[next(words.len())]))
                    .collect();
                let mut ents = Vec::new();
                let mut i = 0;
                while i < len {
                    let l = 1 + next(3);
                    if next(2) == 0 && i + l <= len {
                        ents.push(TokenEntity {
                            start: i,
                            end: i + l,
                            ty: NerType::ALL[next(4)],
                        });
                    }
                    i += l;
                }
                doc.push(toks);
                first.push(ents);
            }
            let want = priors_brute_force(&doc, &first);
            assign_priors(&mut doc, &first);
            let got: Vec<Vec<u8>> = doc
                .iter()
                .map(|s| s.iter().map(|t| t.prior).collect())
                .collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn embedded_model_tags_a_sentence() {
        let model = NerModel::embedded().unwrap_or_else(|e| panic!("{e}"));
        let sent = vec![
            "German",
            "Chancellor",
            "Helmut",
            "Kohl",
            "visited",
            "Paris",
            "on",
            "Monday",
            ".",
        ];
        let got = model.tag_document(&[sent], Gazetteer::embedded().ok());
        let got: Vec<_> = got[0].iter().map(|e| (e.start, e.end, e.ty)).collect();
        assert!(got.contains(&(2, 4, NerType::Per)), "{got:?}");
        assert!(got.contains(&(5, 6, NerType::Loc)), "{got:?}");
    }
}
