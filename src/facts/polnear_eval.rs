//! Scores quote extraction against PolNeAR (brat standoff: Source, Cue and Content spans
//! linked by Attribution relations) and prints precision, recall and F1.
//!
//! The standard, also printed with every report:
//! - Gold: every `Attribution` / `Attribution-no-source` relation of an article; each role
//!   is the union of its (possibly discontinuous) fragments. Articles annotated by several
//!   annotators are scored against the first annotation file in name order.
//! - Predicted: the whole pipeline ([`crate::pipeline::extract`]: text layer, entities, then
//!   [`super::extract_quotes`] with the entity mentions), spans mapped back to the file; quotes nested in another quote's content are left out, because PolNeAR gives
//!   each token to at most one attribution (it keeps the outer one).
//! - Per element (source, cue, content) predictions and gold items are paired one-to-one,
//!   greedily by character Jaccard; a pair counts as
//!   EXACT when both cover the same non-whitespace characters after trimming the punctuation
//!   `, . ; :` at either end of the whole and a leading complementizer "that" (fragments
//!   are joined first, so a gold quote split at its sentences still counts as one);
//!   JACCARD when the character Jaccard (non-whitespace characters) is at least 0.5;
//!   OVERLAP when they share at least one non-whitespace character.
//! - Attribution level: predicted and gold attributions are paired through their cues
//!   (overlap); a pair is correct when cue, content and source all overlap (or both have no
//!   source).
//! - Lexicon recall: recall on the gold attributions whose cue is in the cue lexicon (speech,
//!   writing, belief, and the most frequent stance cues: "shows", "endorsed", "declined"),
//!   i.e. on what the extractor attempts; PolNeAR annotates many more cues than that.
//! - Offsets in the `.ann` files count Unicode code points; they are mapped to byte spans.
//!
//! This module reads files (it is the only part of the facts stage that does) and depends on
//! the whole pipeline ([`crate::pipeline`]) and the cue lexicon.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::cue_lexicon;
use crate::span::Span;

/// What went wrong while reading the evaluation data.
#[derive(Debug)]
pub struct EvalError {
    /// The kind of failure.
    pub kind: EvalErrorKind,
    /// The file or folder concerned.
    pub path: PathBuf,
    /// What was wrong.
    pub message: String,
}

/// The kinds of [`EvalError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvalErrorKind {
    /// A file or folder could not be read.
    Io,
    /// The data folder does not look like a PolNeAR split (no `text/` or `attributions/`).
    Layout,
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} error at {}: {}",
            self.kind,
            self.path.display(),
            self.message
        )
    }
}

impl std::error::Error for EvalError {}

/// One element kind of an attribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Element {
    /// Who is the source.
    Source,
    /// The cue.
    Cue,
    /// What is attributed.
    Content,
}

/// Counts for one element kind under the three matching modes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Number of predicted items.
    pub predicted: usize,
    /// Number of gold items.
    pub gold: usize,
    /// Pairs matching exactly.
    pub exact: usize,
    /// Pairs with character Jaccard >= 0.5.
    pub jaccard: usize,
    /// Pairs sharing at least one character.
    pub overlap: usize,
}

/// The result of an evaluation run.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// The folder scored.
    pub data_dir: PathBuf,
    /// Articles scored.
    pub articles: usize,
    /// Counts per element.
    pub source: Counts,
    /// Counts for cues.
    pub cue: Counts,
    /// Counts for contents.
    pub content: Counts,
    /// Attribution-level counts: (predicted, gold, correct).
    pub attribution: (usize, usize, usize),
    /// Gold attributions whose cue is in the cue lexicon (speech, writing, belief), and how
    /// many of them were found correctly: recall on what the extractor attempts.
    pub lexicon_recall: (usize, usize),
    /// Per rule: (predictions, cue overlaps a gold cue, whole attribution correct).
    pub per_rule: BTreeMap<&'static str, (usize, usize, usize)>,
    /// Gold cue words no prediction overlapped, with counts.
    pub missed_cues: BTreeMap<String, usize>,
    /// Predicted cue words that overlap no gold cue, with counts.
    pub false_cues: BTreeMap<String, usize>,
    /// A few false-positive attributions in context (for development on train).
    pub false_examples: Vec<String>,
    /// A few missed gold attributions in context (for development on train).
    pub missed_examples: Vec<String>,
    /// A few content spans paired with gold but not exactly equal (for development).
    pub content_examples: Vec<String>,
}

fn prf(correct: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let p = if predicted == 0 {
        0.0
    } else {
        correct as f64 / predicted as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        correct as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p * 100.0, r * 100.0, f * 100.0)
}

fn top(map: &BTreeMap<String, usize>, n: usize) -> Vec<(&String, &usize)> {
    let mut v: Vec<_> = map.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.truncate(n);
    v
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "PolNeAR attribution evaluation: {} ({} articles)",
            self.data_dir.display(),
            self.articles
        )?;
        writeln!(f, "standard: one-to-one pairing by character Jaccard; EXACT = same non-space characters after")?;
        writeln!(f, "  trimming edge , . ; : and a leading \"that\"; JACCARD = char Jaccard >= 0.5; OVERLAP = any")?;
        writeln!(
            f,
            "  shared non-space character. Nested quotes left out (PolNeAR is univocal)."
        )?;
        writeln!(
            f,
            "{:<9} {:>6} {:>6} | {:^20} | {:^20} | {:^20}",
            "element", "pred", "gold", "EXACT P/R/F1", "JACCARD P/R/F1", "OVERLAP P/R/F1"
        )?;
        for (name, c) in [
            ("source", &self.source),
            ("cue", &self.cue),
            ("content", &self.content),
        ] {
            let cells: Vec<String> = [c.exact, c.jaccard, c.overlap]
                .iter()
                .map(|&k| {
                    let (p, r, f1) = prf(k, c.predicted, c.gold);
                    format!("{p:5.1} {r:5.1} {f1:5.1}")
                })
                .collect();
            writeln!(
                f,
                "{:<9} {:>6} {:>6} | {:^20} | {:^20} | {:^20}",
                name, c.predicted, c.gold, cells[0], cells[1], cells[2]
            )?;
        }
        let (pred, gold, ok) = self.attribution;
        let (p, r, f1) = prf(ok, pred, gold);
        writeln!(f, "attribution (cue, content and source all overlap): pred {pred} gold {gold} correct {ok}: P {p:.1} R {r:.1} F1 {f1:.1}")?;
        let (lex_gold, lex_ok) = self.lexicon_recall;
        writeln!(f, "recall on gold attributions whose cue is in the cue lexicon: {lex_ok}/{lex_gold} = {:.1}%", prf(lex_ok, 1, lex_gold).1)?;
        writeln!(
            f,
            "per rule (predictions, cue precision, attribution precision):"
        )?;
        for (rule, &(n, cue_ok, all_ok)) in &self.per_rule {
            writeln!(
                f,
                "  {:>5}  {:5.1}%  {:5.1}%  {}",
                n,
                prf(cue_ok, n, 1).0,
                prf(all_ok, n, 1).0,
                rule
            )?;
        }
        writeln!(f, "most frequent missed gold cues:")?;
        let missed: Vec<String> = top(&self.missed_cues, 25)
            .iter()
            .map(|(w, n)| format!("{w} {n}"))
            .collect();
        writeln!(f, "  {}", missed.join(", "))?;
        writeln!(f, "most frequent false-positive cues:")?;
        let fp: Vec<String> = top(&self.false_cues, 25)
            .iter()
            .map(|(w, n)| format!("{w} {n}"))
            .collect();
        writeln!(f, "  {}", fp.join(", "))?;
        for ex in &self.false_examples {
            writeln!(f, "  FP: {ex}")?;
        }
        for ex in &self.missed_examples {
            writeln!(f, "  MISSED: {ex}")?;
        }
        for ex in &self.content_examples {
            writeln!(f, "  CONTENT: {ex}")?;
        }
        Ok(())
    }
}

/// One attribution as a set of byte spans per element.
#[derive(Clone, Debug, Default)]
struct Attribution {
    source: Vec<Span>,
    cue: Vec<Span>,
    content: Vec<Span>,
    rule: &'static str,
}

/// Runs the evaluation on a PolNeAR split folder (`.../polnear/dev`), showing up to
/// `examples` false positives in context.
pub fn run_eval(data_dir: &Path, examples: usize) -> Result<Report, EvalError> {
    let text_dir = data_dir.join("text");
    let ann_dir = data_dir.join("attributions");
    if !text_dir.is_dir() || !ann_dir.is_dir() {
        return Err(EvalError {
            kind: EvalErrorKind::Layout,
            path: data_dir.to_path_buf(),
            message: "expected the sub-folders text/ and attributions/ of a PolNeAR split".into(),
        });
    }
    let mut texts = list_files(&text_dir, "txt")?;
    texts.sort();
    let mut anns = list_files(&ann_dir, "ann")?;
    anns.sort();
    let mut report = Report {
        data_dir: data_dir.to_path_buf(),
        ..Report::default()
    };
    for text_path in texts {
        let Some(stem) = text_path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let prefix = format!("{stem}_");
        let Some(ann_path) = anns.iter().find(|a| {
            a.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix))
        }) else {
            continue;
        };
        let text = read(&text_path)?;
        let ann = read(ann_path)?;
        let gold = parse_brat(&text, &ann);
        let predicted = predict(&text);
        score_document(&text, &gold, &predicted, &mut report, examples);
        report.articles += 1;
    }
    Ok(report)
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|e| EvalError {
        kind: EvalErrorKind::Io,
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

fn list_files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, EvalError> {
    let entries = std::fs::read_dir(dir).map_err(|e| EvalError {
        kind: EvalErrorKind::Io,
        path: dir.to_path_buf(),
        message: e.to_string(),
    })?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| EvalError {
            kind: EvalErrorKind::Io,
            path: dir.to_path_buf(),
            message: e.to_string(),
        })?;
        let path = entry.path();
        if path.extension().and_then(|x| x.to_str()) == Some(ext) {
            out.push(path);
        }
    }
    Ok(out)
}

/// Runs the whole pipeline (text layer, entities, quotes) the way the service does, and maps
/// the quotes' clean-text spans back to the original file's bytes.
fn predict(text: &str) -> Vec<Attribution> {
    let doc = crate::pipeline::extract(&crate::pipeline::ArticleInput {
        text,
        kind: crate::text::ContentKind::Plain,
        title: None,
        outlet: None,
        published: None,
    });
    let orig = |s: Span| -> Span {
        let r = doc.text.clean.to_original(s);
        Span::new(r.start, r.end)
    };
    doc.quotes
        .iter()
        .filter(|q| q.within.is_none())
        .map(|q| {
            let mut content = vec![orig(q.content)];
            content.extend(q.content_more.iter().map(|s| orig(*s)));
            Attribution {
                source: q.speaker.map(|s| vec![orig(s.span)]).unwrap_or_default(),
                cue: vec![orig(q.cue)],
                content,
                rule: q.rule,
            }
        })
        .collect()
}

/// Parses a brat file into attributions with byte spans (offsets in the file are code points).
fn parse_brat(text: &str, ann: &str) -> Vec<Attribution> {
    // Byte offset of every code point index (plus the end).
    let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of.push(text.len());
    let to_span = |frag: &str| -> Option<Span> {
        let mut parts = frag.split_whitespace();
        let s: usize = parts.next()?.parse().ok()?;
        let e: usize = parts.next()?.parse().ok()?;
        Some(Span::new(*byte_of.get(s)?, *byte_of.get(e)?))
    };
    let mut textbound: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        if !id.starts_with('T') {
            continue;
        }
        let Some((_, ranges)) = body.split_once(' ') else {
            continue;
        };
        let spans: Vec<Span> = ranges.split(';').filter_map(&to_span).collect();
        textbound.insert(id, spans);
    }
    let mut out = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        if !id.starts_with('E') || !body.starts_with("Attribution") {
            continue;
        }
        let mut attr = Attribution::default();
        for arg in body.split_whitespace().skip(1) {
            let Some((role, tid)) = arg.split_once(':') else {
                continue;
            };
            let spans = textbound.get(tid).cloned().unwrap_or_default();
            match role.trim_end_matches(char::is_numeric) {
                "Source" => attr.source.extend(spans),
                "Cue" => attr.cue.extend(spans),
                "Content" => attr.content.extend(spans),
                _ => {}
            }
        }
        if !attr.cue.is_empty() {
            out.push(attr);
        }
    }
    out
}

/// Non-whitespace byte positions covered by the spans (sorted, unique).
fn positions(text: &str, spans: &[Span]) -> Vec<usize> {
    let mut out = Vec::new();
    for s in spans {
        let Some(slice) = text.get(s.range()) else {
            continue;
        };
        for (b, c) in slice.char_indices() {
            if !c.is_whitespace() {
                out.push(s.start as usize + b);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn intersection(a: &[usize], b: &[usize]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The non-whitespace characters of a span set for EXACT matching, with punctuation
/// `, . ; :` and a leading "that" trimmed from the ends of the whole (so that a gold content
/// split into sentence fragments still equals one predicted span over the same characters).
fn exact_key(text: &str, spans: &[Span]) -> Vec<usize> {
    let pos = positions(text, spans);
    let char_at = |p: usize| {
        text.get(p..)
            .and_then(|rest| rest.chars().next())
            .unwrap_or(' ')
    };
    let is_trim = |p: &usize| matches!(char_at(*p), ',' | '.' | ';' | ':');
    let mut first = pos.iter().take_while(|p| is_trim(p)).count();
    // A leading "that" followed by a space.
    let starts_that = pos.get(first..first + 4).is_some_and(|w| {
        let word: String = w.iter().map(|&p| char_at(p)).collect();
        let contiguous = w.windows(2).all(|pair| pair[1] == pair[0] + 1);
        word.eq_ignore_ascii_case("that")
            && contiguous
            && w.last().is_some_and(|&l| char_at(l + 1).is_whitespace())
    });
    if starts_that && pos.len() > first + 4 {
        first += 4;
    }
    let rest = pos.get(first..).unwrap_or(&[]);
    let trailing = rest.iter().rev().take_while(|p| is_trim(p)).count();
    rest.get(..rest.len() - trailing).unwrap_or(&[]).to_vec()
}

struct Pairing {
    /// (pred index, gold index, jaccard, exact)
    pairs: Vec<(usize, usize, f64, bool)>,
}

fn pair(text: &str, pred: &[Vec<Span>], gold: &[Vec<Span>]) -> Pairing {
    let pp: Vec<Vec<usize>> = pred.iter().map(|s| positions(text, s)).collect();
    let gp: Vec<Vec<usize>> = gold.iter().map(|s| positions(text, s)).collect();
    let mut candidates = Vec::new();
    for (i, a) in pp.iter().enumerate() {
        for (j, b) in gp.iter().enumerate() {
            let inter = intersection(a, b);
            if inter > 0 {
                let union = a.len() + b.len() - inter;
                candidates.push((i, j, inter as f64 / union.max(1) as f64));
            }
        }
    }
    candidates.sort_by(|x, y| {
        y.2.partial_cmp(&x.2)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(x.0.cmp(&y.0))
            .then(x.1.cmp(&y.1))
    });
    let mut used_p = vec![false; pred.len()];
    let mut used_g = vec![false; gold.len()];
    let mut pairs = Vec::new();
    for (i, j, jac) in candidates {
        if used_p[i] || used_g[j] {
            continue;
        }
        used_p[i] = true;
        used_g[j] = true;
        let exact = exact_key(text, &pred[i]) == exact_key(text, &gold[j]);
        pairs.push((i, j, jac, exact));
    }
    Pairing { pairs }
}

fn add_counts(c: &mut Counts, pred: usize, gold: usize, p: &Pairing) {
    c.predicted += pred;
    c.gold += gold;
    for &(_, _, jac, exact) in &p.pairs {
        c.overlap += 1;
        if jac >= 0.5 {
            c.jaccard += 1;
        }
        if exact {
            c.exact += 1;
        }
    }
}

fn words_of(text: &str, spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| s.slice(text).trim().to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

fn overlaps(text: &str, a: &[Span], b: &[Span]) -> bool {
    intersection(&positions(text, a), &positions(text, b)) > 0
}

fn score_document(
    text: &str,
    gold: &[Attribution],
    pred: &[Attribution],
    report: &mut Report,
    examples: usize,
) {
    for element in [Element::Source, Element::Cue, Element::Content] {
        let pick = |a: &Attribution| -> Vec<Span> {
            match element {
                Element::Source => a.source.clone(),
                Element::Cue => a.cue.clone(),
                Element::Content => a.content.clone(),
            }
        };
        let p: Vec<Vec<Span>> = pred.iter().map(pick).filter(|s| !s.is_empty()).collect();
        let g: Vec<Vec<Span>> = gold.iter().map(pick).filter(|s| !s.is_empty()).collect();
        let pairing = pair(text, &p, &g);
        if element == Element::Content {
            for &(i, j, _, exact) in &pairing.pairs {
                if !exact && report.content_examples.len() < examples {
                    let show = |spans: &[Span]| {
                        spans
                            .iter()
                            .map(|s| s.slice(text).replace('\n', " "))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    };
                    report.content_examples.push(format!(
                        "\n    pred: {}\n    gold: {}",
                        show(&p[i]),
                        show(&g[j])
                    ));
                }
            }
        }
        let counts = match element {
            Element::Source => &mut report.source,
            Element::Cue => &mut report.cue,
            Element::Content => &mut report.content,
        };
        add_counts(counts, p.len(), g.len(), &pairing);
    }
    // Attribution level, paired through cues.
    let pc: Vec<Vec<Span>> = pred.iter().map(|a| a.cue.clone()).collect();
    let gc: Vec<Vec<Span>> = gold.iter().map(|a| a.cue.clone()).collect();
    let pairing = pair(text, &pc, &gc);
    let mut pred_matched = vec![false; pred.len()];
    let mut gold_matched = vec![false; gold.len()];
    report.attribution.0 += pred.len();
    report.attribution.1 += gold.len();
    let mut pred_correct = vec![false; pred.len()];
    let mut gold_correct = vec![false; gold.len()];
    for &(i, j, _, _) in &pairing.pairs {
        pred_matched[i] = true;
        gold_matched[j] = true;
        let (Some(p), Some(g)) = (pred.get(i), gold.get(j)) else {
            continue;
        };
        let source_ok =
            (p.source.is_empty() && g.source.is_empty()) || overlaps(text, &p.source, &g.source);
        if source_ok && overlaps(text, &p.content, &g.content) {
            report.attribution.2 += 1;
            pred_correct[i] = true;
            gold_correct[j] = true;
        }
    }
    for (j, g) in gold.iter().enumerate() {
        let cue = words_of(text, &g.cue).replace('’', "'");
        let words: Vec<&str> = cue.split_whitespace().collect();
        if cue_lexicon::lookup(&words).is_some() {
            report.lexicon_recall.0 += 1;
            if gold_correct[j] {
                report.lexicon_recall.1 += 1;
            }
        }
    }
    for (i, p) in pred.iter().enumerate() {
        let entry = report.per_rule.entry(p.rule).or_insert((0, 0, 0));
        entry.0 += 1;
        if pred_correct[i] {
            entry.2 += 1;
        }
        if pred_matched[i] && !pred_correct[i] && report.false_examples.len() < examples {
            let show = |spans: &[Span]| {
                spans
                    .iter()
                    .map(|s| s.slice(text).replace('\n', " "))
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            report.false_examples.push(format!(
                "[{}] PARTIAL src={:?} content={:?}",
                p.rule,
                show(&p.source),
                show(&p.content)
            ));
        }
        if pred_matched[i] {
            entry.1 += 1;
        } else {
            *report.false_cues.entry(words_of(text, &p.cue)).or_insert(0) += 1;
            if report.false_examples.len() < examples {
                let all: Vec<Span> = p
                    .source
                    .iter()
                    .chain(p.cue.iter())
                    .chain(p.content.iter())
                    .copied()
                    .collect();
                let lo = all.iter().map(|s| s.start).min().unwrap_or(0);
                let hi = all.iter().map(|s| s.end).max().unwrap_or(0);
                let ctx = Span::new(lo as usize, hi as usize)
                    .slice(text)
                    .replace('\n', " ");
                report.false_examples.push(format!(
                    "[{}] cue={:?} src={:?} :: {}",
                    p.rule,
                    words_of(text, &p.cue),
                    words_of(text, &p.source),
                    ctx
                ));
            }
        }
    }
    for (j, g) in gold.iter().enumerate() {
        if !gold_matched[j] {
            let cue_words = words_of(text, &g.cue);
            if report.missed_examples.len() < examples {
                let all: Vec<Span> = g
                    .source
                    .iter()
                    .chain(g.cue.iter())
                    .chain(g.content.iter())
                    .copied()
                    .collect();
                let lo = all.iter().map(|s| s.start).min().unwrap_or(0);
                let hi = all.iter().map(|s| s.end).max().unwrap_or(0);
                let ctx = Span::new(lo as usize, hi as usize)
                    .slice(text)
                    .replace('\n', " ");
                let lexicon_words = cue_words.replace('’', "'");
                let words: Vec<&str> = lexicon_words.split_whitespace().collect();
                let mark = if cue_lexicon::lookup(&words).is_some() {
                    "[lexicon] "
                } else {
                    ""
                };
                report.missed_examples.push(format!(
                    "{mark}cue={:?} src={:?} :: {}",
                    cue_words,
                    words_of(text, &g.source),
                    ctx
                ));
            }
            *report.missed_cues.entry(cue_words).or_insert(0) += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brat_offsets_are_code_points() {
        let text = "“Hi,” said Ann. Then Bob’s turn.";
        let ann = "T1\tSource 11 14\tAnn\nT2\tCue 6 10\tsaid\nT3\tContent 0 5\t“Hi,”\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
        let gold = parse_brat(text, ann);
        assert_eq!(gold.len(), 1);
        assert_eq!(gold[0].source[0].slice(text), "Ann");
        assert_eq!(gold[0].cue[0].slice(text), "said");
        assert_eq!(gold[0].content[0].slice(text), "“Hi,”");
    }

    #[test]
    fn exact_key_ignores_edge_punctuation_and_that() {
        let text = "he said that the plan works.";
        let a = exact_key(text, &[Span::new(8, 28)]);
        let b = exact_key(text, &[Span::new(13, 27)]);
        assert_eq!(a, b);
        assert_ne!(a, exact_key(text, &[Span::new(17, 27)]));
        // "that" is only trimmed as a whole word.
        assert_ne!(
            exact_key("thatch roof", &[Span::new(0, 11)]),
            exact_key("thatch roof", &[Span::new(5, 11)])
        );
    }

    #[test]
    fn exact_key_joins_fragments() {
        let text = "“We won. We will win again,” he said.";
        let whole = exact_key(text, &[Span::new(0, 32)]);
        let split = exact_key(text, &[Span::new(0, 10), Span::new(11, 32)]);
        assert_eq!(whole.len(), "“Wewon.Wewillwinagain,”".chars().count());
        assert_eq!(whole, split);
    }

    #[test]
    fn perfect_prediction_scores_full_marks() {
        let text = "“We will win,” Smith said on Tuesday.";
        let ann = "T1\tSource 15 20\tSmith\nT2\tCue 21 25\tsaid\nT3\tContent 0 14\t“We will win,”\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
        let gold = parse_brat(text, ann);
        let pred = predict(text);
        let mut report = Report::default();
        score_document(text, &gold, &pred, &mut report, 0);
        for c in [report.source, report.cue, report.content] {
            assert_eq!((c.predicted, c.gold, c.exact), (1, 1, 1), "{report}");
        }
        assert_eq!(report.attribution, (1, 1, 1));
    }
}
