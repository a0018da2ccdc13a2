//! Word clusters from unlabeled text, used as tagger features. Owns
//! `build_word_clusters`: distributional vectors (left and right neighbours among the most
//! frequent words, square-root counts, unit length) grouped by a three-level hierarchical
//! spherical k-means (16 x 16 x 8), giving each word an 11-bit path whose prefixes act
//! like Brown-cluster prefixes. Deterministic (frequency-ranked initial centroids, fixed
//! iteration count). Depends on `conll` (reading CoNLL text) and nothing else.

use std::collections::HashMap;
use std::path::Path;

use super::{EntityError, EntityErrorKind};

const CONTEXT_WORDS: usize = 1000;
const MAX_VOCAB: usize = 40_000;
const MIN_COUNT: u32 = 3;
const LEVELS: [(usize, u8); 3] = [(16, 4), (16, 4), (8, 3)];
const ITERATIONS: usize = 12;
/// Weight of the words two positions away (0 = only adjacent words count).
const CONTEXT2_WEIGHT: f32 = 0.0;

/// What clustering produced.
#[derive(Clone, Debug)]
pub struct ClusterReport {
    /// Tokens read.
    pub tokens: usize,
    /// Words clustered.
    pub words: usize,
}

/// Splits raw text into rough word tokens (letters/digits runs; punctuation alone).
fn rough_tokens(text: &str, out: &mut Vec<String>) {
    let mut cur = String::new();
    for c in text.chars() {
        let initial_dot = c == '.' && {
            let mut rev = cur.chars().rev();
            rev.next().is_some_and(|l| l.is_uppercase()) && rev.next().is_none_or(|p| p == '.')
        };
        if c.is_alphanumeric() || c == '-' || (c == '\'' && !cur.is_empty()) || initial_dot {
            cur.push(c);
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
}

/// Removes `<...>` markup, keeping the text between tags.
fn strip_tags(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn sparse_dot(v: &[(u32, f32)], c: &[f32]) -> f32 {
    v.iter()
        .map(|&(i, x)| x * c.get(i as usize).copied().unwrap_or(0.0))
        .sum()
}

/// Spherical k-means over `members` (indices into `vecs`); returns the cluster of each member.
fn kmeans(vecs: &[Vec<(u32, f32)>], members: &[usize], k: usize, dims: usize) -> Vec<usize> {
    if members.len() <= k {
        return (0..members.len()).collect();
    }
    // Members are in frequency order; seed with evenly spaced ranks.
    let mut centroids: Vec<Vec<f32>> = (0..k)
        .map(|j| {
            let mut c = vec![0f32; dims];
            if let Some(&m) = members.get(j * members.len() / k) {
                for &(i, x) in &vecs[m] {
                    c[i as usize] = x;
                }
            }
            c
        })
        .collect();
    let mut assign = vec![0usize; members.len()];
    for _ in 0..ITERATIONS {
        for (a, &m) in assign.iter_mut().zip(members) {
            let mut best = (f32::NEG_INFINITY, 0);
            for (j, c) in centroids.iter().enumerate() {
                let s = sparse_dot(&vecs[m], c);
                if s > best.0 {
                    best = (s, j);
                }
            }
            *a = best.1;
        }
        for c in centroids.iter_mut() {
            c.iter_mut().for_each(|x| *x = 0.0);
        }
        for (&a, &m) in assign.iter().zip(members) {
            for &(i, x) in &vecs[m] {
                centroids[a][i as usize] += x;
            }
        }
        for c in centroids.iter_mut() {
            let n = c.iter().map(|x| x * x).sum::<f32>().sqrt();
            if n > 0.0 {
                c.iter_mut().for_each(|x| *x /= n);
            }
        }
    }
    assign
}

/// Builds word clusters from the `.txt` and `.tml` (TimeML: tags stripped) files in
/// `text_dirs` plus the tokens of the CoNLL file `conll`, and writes `bits<TAB>word<TAB>count<TAB>capitalisation bucket` lines to `out` (sorted by word).
pub fn build_word_clusters(
    text_dirs: &[std::path::PathBuf],
    conll: &Path,
    out: &Path,
) -> Result<ClusterReport, EntityError> {
    let io = |p: &Path, e: std::io::Error| {
        EntityError::new(EntityErrorKind::Io, format!("{}: {e}", p.display()))
    };
    let mut files = Vec::new();
    for dir in text_dirs {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| io(dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "tml"))
            .collect();
        v.sort();
        files.extend(v);
    }
    let mut docs: Vec<Vec<String>> = Vec::new();
    for f in &files {
        let mut t = std::fs::read_to_string(f).map_err(|e| io(f, e))?;
        if f.extension().is_some_and(|x| x == "tml") {
            t = strip_tags(&t);
        }
        let mut toks = Vec::new();
        rough_tokens(&t, &mut toks);
        docs.push(toks);
    }
    let conll_text = std::fs::read_to_string(conll).map_err(|e| io(conll, e))?;
    for d in super::conll::parse_conll(&conll_text) {
        docs.push(
            d.sentences
                .iter()
                .flat_map(|s| s.words.iter().cloned())
                .collect(),
        );
    }
    // Capitalisation evidence away from sentence starts: (capitalised, total) per word.
    let mut case_counts: HashMap<String, (u32, u32)> = HashMap::new();
    for d in &docs {
        for (i, w) in d.iter().enumerate() {
            let prev = i.checked_sub(1).and_then(|j| d.get(j)).map(String::as_str);
            let sentence_start =
                prev.is_none_or(|p| matches!(p, "." | "!" | "?" | "\"" | "“" | ":" | "-" | "--"));
            let Some(first) = w.chars().next() else {
                continue;
            };
            if sentence_start || !first.is_alphabetic() {
                continue;
            }
            let upper_letters = w.chars().filter(|c| c.is_uppercase()).count();
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            if letters > 1 && upper_letters == letters {
                continue; // all caps says nothing about title case
            }
            let e = case_counts.entry(w.to_lowercase()).or_insert((0, 0));
            e.0 += first.is_uppercase() as u32;
            e.1 += 1;
        }
    }
    let docs: Vec<Vec<String>> = docs
        .into_iter()
        .map(|d| d.into_iter().map(|w| w.to_lowercase()).collect())
        .collect();
    let tokens: usize = docs.iter().map(Vec::len).sum();
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for d in &docs {
        for w in d {
            *counts.entry(w.as_str()).or_insert(0) += 1;
        }
    }
    let mut vocab: Vec<(&str, u32)> = counts
        .iter()
        .map(|(w, c)| (*w, *c))
        .filter(|(_, c)| *c >= MIN_COUNT)
        .collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    vocab.truncate(MAX_VOCAB);
    let index: HashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i))
        .collect();
    let dims = 4 * (CONTEXT_WORDS + 1);
    let mut raw: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    let ctx = |w: Option<&String>| -> u32 {
        match w.and_then(|w| index.get(w.as_str())) {
            Some(&i) if i < CONTEXT_WORDS => i as u32,
            _ => CONTEXT_WORDS as u32,
        }
    };
    for d in &docs {
        for (i, w) in d.iter().enumerate() {
            let Some(&wi) = index.get(w.as_str()) else {
                continue;
            };
            // Four context slots: two words left, two words right (nearer ones weigh more).
            let width = CONTEXT_WORDS as u32 + 1;
            let slots = [
                (ctx(i.checked_sub(1).and_then(|j| d.get(j))), 1.0),
                (ctx(d.get(i + 1)) + width, 1.0),
                (
                    ctx(i.checked_sub(2).and_then(|j| d.get(j))) + 2 * width,
                    CONTEXT2_WEIGHT,
                ),
                (ctx(d.get(i + 2)) + 3 * width, CONTEXT2_WEIGHT),
            ];
            for (slot, weight) in slots {
                if weight == 0.0 {
                    continue;
                }
                *raw[wi].entry(slot).or_insert(0.0) += weight;
            }
        }
    }
    let vecs: Vec<Vec<(u32, f32)>> = raw
        .into_iter()
        .map(|m| {
            let mut v: Vec<(u32, f32)> = m.into_iter().map(|(i, c)| (i, c.sqrt())).collect();
            v.sort_by_key(|x| x.0);
            let n = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-6);
            v.iter_mut().for_each(|x| x.1 /= n);
            v
        })
        .collect();
    // Hierarchical k-means: each level splits every group of the previous level.
    let mut paths: Vec<(u32, u8)> = vec![(0, 0); vocab.len()];
    let mut groups: Vec<Vec<usize>> = vec![(0..vocab.len()).collect()];
    for (k, bits) in LEVELS {
        let mut next = Vec::new();
        for g in &groups {
            let assign = kmeans(&vecs, g, k, dims);
            let mut sub: Vec<Vec<usize>> = vec![Vec::new(); k];
            for (&a, &m) in assign.iter().zip(g) {
                paths[m] = (paths[m].0 << bits | a as u32, paths[m].1 + bits);
                if let Some(s) = sub.get_mut(a) {
                    s.push(m);
                }
            }
            next.extend(sub.into_iter().filter(|s| !s.is_empty()));
        }
        groups = next;
    }
    let mut lines: Vec<String> = vocab
        .iter()
        .zip(&paths)
        .map(|((w, c), (p, l))| {
            let bits: String = (0..*l)
                .rev()
                .map(|b| if p >> b & 1 == 1 { '1' } else { '0' })
                .collect();
            let cap = match case_counts.get(*w) {
                Some(&(up, n)) if n >= 2 => {
                    let r = up as f32 / n as f32;
                    if r < 0.1 {
                        1
                    } else if r < 0.5 {
                        2
                    } else if r < 0.9 {
                        3
                    } else {
                        4
                    }
                }
                _ => 0,
            };
            format!("{bits}\t{w}\t{c}\t{cap}")
        })
        .collect();
    lines.sort_by(|a, b| a.split('\t').nth(1).cmp(&b.split('\t').nth(1)));
    std::fs::write(out, lines.join("\n") + "\n").map_err(|e| io(out, e))?;
    Ok(ClusterReport {
        tokens,
        words: vocab.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_stripped() {
        assert_eq!(strip_tags("<T a=\"1\">May 5</T>, 1998"), " May 5 , 1998");
    }

    #[test]
    fn rough_tokenizer() {
        let mut out = Vec::new();
        rough_tokens("U.S. officials, O'Neil's (AP) said", &mut out);
        assert_eq!(
            out,
            vec!["U.S.", "officials", ",", "O'Neil's", "(", "AP", ")", "said"]
        );
    }

    #[test]
    fn kmeans_separates_obvious_groups() {
        let vecs = vec![
            vec![(0, 1.0)],
            vec![(1, 1.0)],
            vec![(0, 0.9), (2, 0.1)],
            vec![(1, 0.9), (2, 0.1)],
        ];
        let a = kmeans(&vecs, &[0, 1, 2, 3], 2, 3);
        assert_eq!(a[0], a[2]);
        assert_eq!(a[1], a[3]);
        assert_ne!(a[0], a[1]);
    }
}
