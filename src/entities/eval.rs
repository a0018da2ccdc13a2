//! Evaluation of the tagger and the whole stage. Owns: exact-span scoring
//! (conlleval-style P/R/F1 overall and per type, with confusions), CoNLL dev evaluation,
//! and entity detection on MEANTIME and GUM news. Depends on `conll`, `tagger`,
//! `gazetteer`.

use std::collections::BTreeMap;

use super::conll::{NerType, TokenEntity};

/// Counts for exact-span scoring, overall and per type.
#[derive(Clone, Debug, Default)]
pub struct SpanScore {
    /// Correct predictions.
    pub tp: usize,
    /// Predicted spans.
    pub predicted: usize,
    /// Gold spans.
    pub gold: usize,
    /// Per type: (tp, predicted, gold).
    pub per_type: BTreeMap<NerType, (usize, usize, usize)>,
    /// (gold label, predicted label) -> count, for wrong or missed spans; "O" = none.
    pub confusions: BTreeMap<(String, String), usize>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl SpanScore {
    /// Adds one sentence's gold and predicted entities.
    pub fn add(&mut self, gold: &[TokenEntity], predicted: &[TokenEntity]) {
        self.gold += gold.len();
        self.predicted += predicted.len();
        for g in gold {
            self.per_type.entry(g.ty).or_default().2 += 1;
        }
        for p in predicted {
            let e = self.per_type.entry(p.ty).or_default();
            e.1 += 1;
            if gold.contains(p) {
                e.0 += 1;
                self.tp += 1;
            }
        }
        for g in gold {
            if predicted.contains(g) {
                continue;
            }
            let same_span = predicted
                .iter()
                .find(|p| p.start == g.start && p.end == g.end);
            let label = match same_span {
                Some(p) => p.ty.label().to_string(),
                None if predicted.iter().any(|p| p.start < g.end && g.start < p.end) => {
                    "boundary".to_string()
                }
                None => "O".to_string(),
            };
            *self
                .confusions
                .entry((g.ty.label().to_string(), label))
                .or_default() += 1;
        }
        for p in predicted {
            if !gold.iter().any(|g| g.start < p.end && p.start < g.end) {
                *self
                    .confusions
                    .entry(("O".to_string(), p.ty.label().to_string()))
                    .or_default() += 1;
            }
        }
    }

    /// Precision.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.predicted)
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.gold)
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

use std::fmt;
use std::path::Path;

use super::conll::ConllDocument;
use super::gazetteer::Gazetteer;
use super::tagger::NerModel;
use super::{
    extract_with, Entity, EntityError, EntityErrorKind, EntityInput, EntityKind, SentenceTokens,
};
use crate::span::Span;

fn fmt_score(
    f: &mut fmt::Formatter<'_>,
    label: &str,
    tp: usize,
    pred: usize,
    gold: usize,
) -> fmt::Result {
    let (p, r) = (ratio(tp, pred), ratio(tp, gold));
    writeln!(
        f,
        "  {label:<9} P {p:.4}  R {r:.4}  F1 {:.4}   (gold {gold}, predicted {pred}, correct {tp})",
        f1(p, r)
    )
}

impl fmt::Display for SpanScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_score(f, "overall", self.tp, self.predicted, self.gold)?;
        for (t, (tp, p, g)) in &self.per_type {
            fmt_score(f, t.label(), *tp, *p, *g)?;
        }
        let mut conf: Vec<(&(String, String), &usize)> = self.confusions.iter().collect();
        conf.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        write!(f, "  worst confusions (gold -> predicted):")?;
        for ((g, p), n) in conf.iter().take(8) {
            write!(f, " {g}->{p} {n};")?;
        }
        writeln!(f)
    }
}

/// Overlap-and-type scoring: a prediction is correct when it overlaps a gold mention of
/// the same type (one-to-one, greedy in text order).
#[derive(Clone, Debug, Default)]
pub struct OverlapScore {
    /// Predictions matched to a gold mention.
    pub matched_pred: usize,
    /// Gold mentions matched by a prediction.
    pub matched_gold: usize,
    /// Predicted mentions.
    pub predicted: usize,
    /// Gold mentions.
    pub gold: usize,
}

impl OverlapScore {
    /// Adds one sentence.
    pub fn add(&mut self, gold: &[TokenEntity], predicted: &[TokenEntity]) {
        self.gold += gold.len();
        self.predicted += predicted.len();
        let mut used = vec![false; gold.len()];
        for p in predicted {
            let hit = gold
                .iter()
                .enumerate()
                .find(|(i, g)| !used[*i] && g.ty == p.ty && g.start < p.end && p.start < g.end)
                .map(|(i, _)| i);
            if let Some(i) = hit {
                used[i] = true;
                self.matched_pred += 1;
            }
        }
        self.matched_gold += used.iter().filter(|u| **u).count();
    }
    /// Precision.
    pub fn precision(&self) -> f64 {
        ratio(self.matched_pred, self.predicted)
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(self.matched_gold, self.gold)
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

/// Detection scores on a corpus with whole-NP or nested gold mentions.
#[derive(Clone, Debug, Default)]
pub struct DetectionReport {
    /// Corpus name and scoring notes.
    pub title: String,
    /// Documents read.
    pub documents: usize,
    /// Exact span + type.
    pub exact: SpanScore,
    /// Overlap + type.
    pub overlap: OverlapScore,
}

impl fmt::Display for DetectionReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} ({} documents)", self.title, self.documents)?;
        writeln!(f, " exact span + type:")?;
        write!(f, "{}", self.exact)?;
        let o = &self.overlap;
        writeln!(
            f,
            " overlap + type:\n  overall   P {:.4}  R {:.4}  F1 {:.4}   (gold {}, predicted {})",
            o.precision(),
            o.recall(),
            o.f1(),
            o.gold,
            o.predicted
        )
    }
}

/// The whole evaluation.
#[derive(Clone, Debug, Default)]
pub struct EvalReport {
    /// Tagger alone on CoNLL-2003 eng.testa.
    pub conll_dev: SpanScore,
    /// CoNLL tokens tagged.
    pub conll_tokens: usize,
    /// Whole stage on MEANTIME.
    pub meantime: Option<DetectionReport>,
    /// Whole stage on GUM news.
    pub gum: Option<DetectionReport>,
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "CoNLL-2003 eng.testa, tagger alone, exact span (conlleval-style), {} tokens:",
            self.conll_tokens
        )?;
        write!(f, "{}", self.conll_dev)?;
        if let Some(m) = &self.meantime {
            write!(f, "\n{m}")?;
        }
        if let Some(g) = &self.gum {
            write!(f, "\n{g}")?;
        }
        Ok(())
    }
}

/// Tags CoNLL documents with the model and scores exact spans.
pub fn eval_conll(
    model: &NerModel,
    gaz: Option<&Gazetteer>,
    docs: &[ConllDocument],
) -> (SpanScore, usize) {
    let mut score = SpanScore::default();
    let mut tokens = 0;
    for d in docs {
        let words: Vec<Vec<&str>> = d
            .sentences
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        tokens += words.iter().map(Vec::len).sum::<usize>();
        let got = model.tag_document(&words, gaz);
        for (s, p) in d.sentences.iter().zip(&got) {
            score.add(&s.entities, p);
        }
    }
    (score, tokens)
}

/// Every CoNLL sentence the model gets wrong, one line each: document and sentence
/// number, then the missed (`-`) and spurious (`+`) spans with their types, then the
/// sentence. For error analysis.
pub fn conll_details(
    model: &NerModel,
    gaz: Option<&Gazetteer>,
    docs: &[ConllDocument],
) -> Vec<String> {
    let mut out = Vec::new();
    for (di, d) in docs.iter().enumerate() {
        let words: Vec<Vec<&str>> = d
            .sentences
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let got = model.tag_document(&words, gaz);
        for (si, (s, p)) in d.sentences.iter().zip(&got).enumerate() {
            let show = |e: &TokenEntity| {
                let text = s.words.get(e.start..e.end).unwrap_or(&[]).join(" ");
                format!("[{text}]{}", e.ty)
            };
            let missed: Vec<String> = s
                .entities
                .iter()
                .filter(|e| !p.contains(e))
                .map(|e| format!("-{}", show(e)))
                .collect();
            let spurious: Vec<String> = p
                .iter()
                .filter(|e| !s.entities.contains(e))
                .map(|e| format!("+{}", show(e)))
                .collect();
            if missed.is_empty() && spurious.is_empty() {
                continue;
            }
            out.push(format!(
                "d{di} s{si}\t{} {}\t{}",
                missed.join(" "),
                spurious.join(" "),
                s.words.join(" ")
            ));
        }
    }
    out
}

/// Runs the whole stage over pre-tokenised sentences (joined with spaces and newlines)
/// and returns its body mentions as token entities per sentence.
pub fn stage_mentions(
    model: &NerModel,
    gaz: &Gazetteer,
    sentences: &[Vec<String>],
) -> Vec<Vec<TokenEntity>> {
    let (_, mentions) = stage_entities(model, gaz, sentences);
    let mut out: Vec<Vec<TokenEntity>> = mentions
        .iter()
        .map(|v| v.iter().map(|(t, _)| *t).collect())
        .collect();
    for v in &mut out {
        v.sort();
        v.dedup();
    }
    out
}

/// Runs the whole entity stage over tokenised sentences (joined by spaces, one per line)
/// and returns the entities with, per sentence, each body mention as a token span and the
/// index of its entity.
pub(crate) fn stage_entities(
    model: &NerModel,
    gaz: &Gazetteer,
    sentences: &[Vec<String>],
) -> (Vec<Entity>, Vec<Vec<(TokenEntity, usize)>>) {
    let mut text = String::new();
    let mut sents = Vec::new();
    let mut starts: Vec<(u32, usize, usize)> = Vec::new(); // (byte start, sentence, token)
    let mut ends: Vec<(u32, usize, usize)> = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let mut toks = Vec::new();
        for (ti, w) in s.iter().enumerate() {
            if ti > 0 {
                text.push(' ');
            }
            let a = text.len();
            text.push_str(w);
            let span = Span::new(a, text.len());
            starts.push((span.start, si, ti));
            ends.push((span.end, si, ti));
            toks.push(span);
        }
        let span = match (toks.first(), toks.last()) {
            (Some(a), Some(b)) => a.cover(*b),
            _ => Span::new(text.len(), text.len()),
        };
        sents.push(SentenceTokens { span, tokens: toks });
        text.push('\n');
    }
    let ents = extract_with(
        model,
        gaz,
        &EntityInput {
            text: &text,
            sentences: &sents,
            metadata_fields: &[],
        },
    );
    let mut out = vec![Vec::new(); sentences.len()];
    for (ei, e) in ents.iter().enumerate() {
        let ty = match e.kind {
            EntityKind::Person => NerType::Per,
            EntityKind::Organization => NerType::Org,
            EntityKind::Location => NerType::Loc,
            EntityKind::Misc => NerType::Misc,
        };
        for m in e.mentions.iter().filter(|m| !m.from_metadata) {
            let a = starts
                .binary_search_by_key(&m.span.start, |x| x.0)
                .ok()
                .and_then(|i| starts.get(i));
            let b = ends
                .binary_search_by_key(&m.span.end, |x| x.0)
                .ok()
                .and_then(|i| ends.get(i));
            if let (Some(&(_, sa, ta)), Some(&(_, sb, tb))) = (a, b) {
                if sa == sb && ta <= tb {
                    if let Some(v) = out.get_mut(sa) {
                        v.push((
                            TokenEntity {
                                start: ta,
                                end: tb + 1,
                                ty,
                            },
                            ei,
                        ));
                    }
                }
            }
        }
    }
    (ents, out)
}

pub(crate) fn read_dir_sorted(
    dir: &Path,
    ext: &str,
) -> Result<Vec<std::path::PathBuf>, EntityError> {
    let rd = std::fs::read_dir(dir).map_err(|e| {
        EntityError::new(
            EntityErrorKind::Io,
            format!("cannot list {}: {e}", dir.display()),
        )
    })?;
    let mut v: Vec<_> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    Ok(v)
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let pat = format!("{name}=\"");
    let i = tag.find(&pat)? + pat.len();
    let rest = tag.get(i..)?;
    rest.get(..rest.find('"')?)
}

fn unescape_xml(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// One MEANTIME document: sentences of tokens and gold named mentions per sentence.
fn parse_meantime(xml: &str) -> (Vec<Vec<String>>, Vec<Vec<TokenEntity>>) {
    let mut sentences: Vec<Vec<String>> = Vec::new();
    let mut tok_pos: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<token ") {
        let Some(tail) = rest.get(i..) else { break };
        let (Some(close), Some(end)) = (tail.find('>'), tail.find("</token>")) else {
            break;
        };
        let tag = tail.get(..close).unwrap_or("");
        let word = unescape_xml(tail.get(close + 1..end).unwrap_or(""));
        let sent: usize = attr(tag, "sentence")
            .and_then(|x| x.parse().ok())
            .unwrap_or(0);
        if let Some(id) = attr(tag, "t_id") {
            while sentences.len() <= sent {
                sentences.push(Vec::new());
            }
            if let Some(s) = sentences.get_mut(sent) {
                tok_pos.insert(id.to_string(), (sent, s.len()));
                s.push(word);
            }
        }
        rest = tail.get(end + 8..).unwrap_or("");
    }
    // Mentions.
    let mut mentions: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<ENTITY_MENTION ") {
        let Some(tail) = rest.get(i..) else { break };
        let Some(end) = tail.find("</ENTITY_MENTION>") else {
            break;
        };
        let body = tail.get(..end).unwrap_or("");
        let head_end = body.find('>').unwrap_or(body.len());
        let tag = body.get(..head_end).unwrap_or("");
        let ids: Vec<String> = body
            .split("t_id=\"")
            .skip(1)
            .filter_map(|x| x.split('"').next())
            .map(str::to_string)
            .collect();
        if let (Some(mid), Some(st)) = (attr(tag, "m_id"), attr(tag, "syntactic_type")) {
            mentions.insert(mid.to_string(), (st.to_string(), ids));
        }
        rest = tail.get(end..).and_then(|t| t.get(17..)).unwrap_or("");
    }
    // Entity types and REFERS_TO links.
    let mut ent_type: BTreeMap<String, String> = BTreeMap::new();
    for chunk in xml.split("<ENTITY ").skip(1) {
        let tag = chunk
            .get(..chunk.find('>').unwrap_or(chunk.len()))
            .unwrap_or("");
        if let (Some(mid), Some(t)) = (attr(tag, "m_id"), attr(tag, "ent_type")) {
            ent_type.insert(mid.to_string(), t.to_string());
        }
    }
    let mut mention_type: BTreeMap<String, String> = BTreeMap::new();
    for chunk in xml.split("<REFERS_TO").skip(1) {
        let body = chunk
            .get(..chunk.find("</REFERS_TO>").unwrap_or(chunk.len()))
            .unwrap_or("");
        let target = body
            .split("<target m_id=\"")
            .nth(1)
            .and_then(|x| x.split('"').next());
        let Some(t) = target.and_then(|t| ent_type.get(t)) else {
            continue;
        };
        for src in body
            .split("<source m_id=\"")
            .skip(1)
            .filter_map(|x| x.split('"').next())
        {
            mention_type.insert(src.to_string(), t.clone());
        }
    }
    let mut gold = vec![Vec::new(); sentences.len()];
    for (mid, (st, ids)) in &mentions {
        if st != "NAM" && st != "PRE.NAM" {
            continue;
        }
        let ty = match mention_type.get(mid).map(String::as_str) {
            Some("PER") => NerType::Per,
            Some("ORG") | Some("FIN") => NerType::Org,
            Some("LOC") => NerType::Loc,
            _ => continue,
        };
        let pos: Vec<(usize, usize)> = ids.iter().filter_map(|i| tok_pos.get(i).copied()).collect();
        let (Some(first), Some(last)) = (pos.iter().min(), pos.iter().max()) else {
            continue;
        };
        if first.0 != last.0 || first.0 > 5 {
            continue;
        }
        if let Some(g) = gold.get_mut(first.0) {
            g.push(TokenEntity {
                start: first.1,
                end: last.1 + 1,
                ty,
            });
        }
    }
    for g in &mut gold {
        g.sort();
        g.dedup();
    }
    (sentences, gold)
}

/// Entity detection on MEANTIME (`dir` holds corpus_* folders of CAT XML).
pub fn eval_meantime(
    model: &NerModel,
    gaz: &Gazetteer,
    dir: &Path,
) -> Result<DetectionReport, EntityError> {
    let mut report = DetectionReport {
        title: "MEANTIME, whole stage, sentences 0-5, named mentions (NAM, PRE.NAM); PER, ORG (+FIN), LOC; PRO/MIX and predicted MISC not scored".into(),
        ..DetectionReport::default()
    };
    let mut subdirs: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| {
            EntityError::new(
                EntityErrorKind::Io,
                format!("cannot list {}: {e}", dir.display()),
            )
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    subdirs.sort();
    for sub in subdirs {
        for file in read_dir_sorted(&sub, "xml")? {
            let xml = std::fs::read_to_string(&file).map_err(|e| {
                EntityError::new(
                    EntityErrorKind::Io,
                    format!("cannot read {}: {e}", file.display()),
                )
            })?;
            let (sentences, gold) = parse_meantime(&xml);
            let pred = stage_mentions(model, gaz, &sentences);
            for (si, (g, p)) in gold.iter().zip(&pred).enumerate() {
                if si > 5 {
                    break;
                }
                let p: Vec<TokenEntity> = p
                    .iter()
                    .copied()
                    .filter(|e| e.ty != NerType::Misc)
                    .collect();
                report.exact.add(g, &p);
                report.overlap.add(g, &p);
            }
            report.documents += 1;
        }
    }
    Ok(report)
}

/// One GUM CoNLL-U document: sentences and gold named person/organization/place mentions.
/// A GUM sentence: its tokens, their UPOS tags and its entity mentions as (first token,
/// last token inclusive, the whole `Entity=` label "id-etype-infstat-...-link").
pub(crate) struct GumSentence {
    pub tokens: Vec<String>,
    pub upos: Vec<String>,
    pub mentions: Vec<(usize, usize, String)>,
}

/// The sentences of a GUM CoNLL-U file with every entity mention and its label.
pub(crate) fn parse_gum_sentences(text: &str) -> Vec<GumSentence> {
    let mut out: Vec<GumSentence> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut cur_pos: Vec<String> = Vec::new();
    let mut open: Vec<(String, String, usize)> = Vec::new(); // (id, label, start token)
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    let flush = |cur: &mut Vec<String>,
                 cur_pos: &mut Vec<String>,
                 found: &mut Vec<(usize, usize, String)>,
                 out: &mut Vec<GumSentence>| {
        if cur.is_empty() {
            return;
        }
        out.push(GumSentence {
            tokens: std::mem::take(cur),
            upos: std::mem::take(cur_pos),
            mentions: std::mem::take(found),
        });
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut cur, &mut cur_pos, &mut found, &mut out);
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(id), Some(form), Some(pos), Some(misc)) =
            (cols.first(), cols.get(1), cols.get(3), cols.get(9))
        else {
            continue;
        };
        if id.contains('-') || id.contains('.') {
            continue;
        }
        let t = cur.len();
        cur.push(form.to_string());
        cur_pos.push(pos.to_string());
        let Some(ent) = misc.split('|').find_map(|f| f.strip_prefix("Entity=")) else {
            continue;
        };
        let chars: Vec<char> = ent.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == '(' {
                let mut j = i + 1;
                while j < chars.len() && chars[j] != '(' && chars[j] != ')' {
                    j += 1;
                }
                let label: String = chars[i + 1..j].iter().collect();
                let eid = label.split('-').next().unwrap_or("").to_string();
                if j < chars.len() && chars[j] == ')' {
                    found.push((t, t, label));
                    i = j + 1;
                } else {
                    open.push((eid, label, t));
                    i = j;
                }
            } else if chars[i].is_ascii_digit() {
                let mut j = i;
                while j < chars.len() && chars[j].is_ascii_digit() {
                    j += 1;
                }
                let eid: String = chars[i..j].iter().collect();
                if let Some(k) = open.iter().rposition(|(e, _, _)| *e == eid) {
                    let (_, label, start) = open.remove(k);
                    found.push((start, t, label));
                }
                i = j + 1;
            } else {
                i += 1;
            }
        }
    }
    flush(&mut cur, &mut cur_pos, &mut found, &mut out);
    out
}

/// GUM sentences and their named person, organization and place mentions (those whose
/// minimal-span tokens are mostly PROPN).
fn parse_gum(text: &str) -> (Vec<Vec<String>>, Vec<Vec<TokenEntity>>) {
    let mut sentences = Vec::new();
    let mut gold = Vec::new();
    for s in parse_gum_sentences(text) {
        let mut ents = Vec::new();
        for (a, b, label) in &s.mentions {
            let parts: Vec<&str> = label.splitn(8, '-').collect();
            let ty = match parts.get(1).copied() {
                Some("person") => NerType::Per,
                Some("organization") => NerType::Org,
                Some("place") => NerType::Loc,
                _ => continue,
            };
            let minspan: Vec<usize> = parts
                .get(5)
                .map(|m| m.split(',').filter_map(|x| x.parse().ok()).collect())
                .unwrap_or_default();
            let heads: Vec<&String> = minspan
                .iter()
                .filter_map(|k| k.checked_sub(1))
                .filter_map(|k| s.upos.get(a + k))
                .collect();
            let propn = heads.iter().filter(|p| p.as_str() == "PROPN").count();
            if heads.is_empty() || propn * 2 < heads.len() {
                continue;
            }
            ents.push(TokenEntity {
                start: *a,
                end: b + 1,
                ty,
            });
        }
        ents.sort();
        ents.dedup();
        sentences.push(s.tokens);
        gold.push(ents);
    }
    (sentences, gold)
}

/// The text of every GUM CoNLL-U file under `dir/dep`, in file-name order.
pub(crate) fn read_gum_files(dir: &Path) -> Result<Vec<String>, EntityError> {
    read_dir_sorted(&dir.join("dep"), "conllu")?
        .iter()
        .map(|file| {
            std::fs::read_to_string(file).map_err(|e| {
                EntityError::new(
                    EntityErrorKind::Io,
                    format!("cannot read {}: {e}", file.display()),
                )
            })
        })
        .collect()
}

/// Entity detection on GUM news (`dir` holds `dep/*.conllu`).
pub fn eval_gum(
    model: &NerModel,
    gaz: &Gazetteer,
    dir: &Path,
) -> Result<DetectionReport, EntityError> {
    let mut report = DetectionReport {
        title: "GUM news, whole stage, named mentions (most minimal-span tokens PROPN) of person, organization, place; predicted MISC not scored".into(),
        ..DetectionReport::default()
    };
    for text in read_gum_files(dir)? {
        let (sentences, gold) = parse_gum(&text);
        let pred = stage_mentions(model, gaz, &sentences);
        for (g, p) in gold.iter().zip(&pred) {
            let p: Vec<TokenEntity> = p
                .iter()
                .copied()
                .filter(|e| e.ty != NerType::Misc)
                .collect();
            report.exact.add(g, &p);
            report.overlap.add(g, &p);
        }
        report.documents += 1;
    }
    Ok(report)
}

/// Runs every evaluation found under `data_dir` (the `shared/data` layout). CoNLL is
/// required; MEANTIME and GUM are skipped when their folders are absent.
pub fn run_eval(data_dir: &Path) -> Result<EvalReport, EntityError> {
    run_eval_with(NerModel::embedded()?, Gazetteer::embedded()?, data_dir)
}

/// [`run_eval`] with an explicit model and gazetteer (e.g. a candidate model file).
pub fn run_eval_with(
    model: &NerModel,
    gaz: &Gazetteer,
    data_dir: &Path,
) -> Result<EvalReport, EntityError> {
    let docs = super::train::read_conll(&data_dir.join("conll2003/eng.testa"))?;
    let (conll_dev, conll_tokens) = eval_conll(model, Some(gaz), &docs);
    let meantime_dir = data_dir.join("meantime");
    let meantime = if meantime_dir.is_dir() {
        Some(eval_meantime(model, gaz, &meantime_dir)?)
    } else {
        None
    };
    let gum_dir = data_dir.join("gum-news");
    let gum = if gum_dir.is_dir() {
        Some(eval_gum(model, gaz, &gum_dir)?)
    } else {
        None
    };
    Ok(EvalReport {
        conll_dev,
        conll_tokens,
        meantime,
        gum,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gum_entity_column() {
        let text = "1\tPresident\tpresident\tPROPN\tNNP\t_\t0\troot\t_\tEntity=(1-person-new-x-cf1-2-coref\n\
                    2\tObama\tObama\tPROPN\tNNP\t_\t1\tflat\t_\tEntity=1)\n\
                    3\tin\tin\tADP\tIN\t_\t1\tcase\t_\t_\n\
                    4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\tEntity=(2-place-new-x-cf1-2-coref\n\
                    5\tcity\tcity\tNOUN\tNN\t_\t1\tobl\t_\tEntity=2)\n\
                    6\tParis\tParis\tPROPN\tNNP\t_\t1\tobl\t_\tEntity=(3-place-new-x-cf1-1-coref-Paris)\n\n";
        let (s, g) = parse_gum(text);
        assert_eq!(s[0].len(), 6);
        assert_eq!(
            g[0],
            vec![
                TokenEntity {
                    start: 0,
                    end: 2,
                    ty: NerType::Per
                },
                TokenEntity {
                    start: 5,
                    end: 6,
                    ty: NerType::Loc
                }
            ]
        );
    }

    #[test]
    fn meantime_markables() {
        let xml = r#"<Document><token number="0" sentence="0" t_id="1">Steve</token><token number="1" sentence="0" t_id="2">Jobs</token>
<token number="2" sentence="0" t_id="3">spoke</token><token number="3" sentence="7" t_id="4">Apple</token>
<Markables><ENTITY_MENTION head="" m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/><token_anchor t_id="2"/></ENTITY_MENTION>
<ENTITY_MENTION head="" m_id="2" syntactic_type="NAM"><token_anchor t_id="4"/></ENTITY_MENTION>
<ENTITY ent_type="PER" m_id="9"/><ENTITY ent_type="ORG" m_id="8"/></Markables>
<Relations><REFERS_TO r_id="1"><source m_id="1"/><target m_id="9"/></REFERS_TO><REFERS_TO r_id="2"><source m_id="2"/><target m_id="8"/></REFERS_TO></Relations></Document>"#;
        let (s, g) = parse_meantime(xml);
        assert_eq!(s[0], vec!["Steve", "Jobs", "spoke"]);
        assert_eq!(
            g[0],
            vec![TokenEntity {
                start: 0,
                end: 2,
                ty: NerType::Per
            }]
        );
        assert!(
            g.get(7).is_none_or(|x| x.is_empty()),
            "sentence 7 is not scored"
        );
    }

    #[test]
    fn overlap_scoring_is_one_to_one() {
        let g = [TokenEntity {
            start: 0,
            end: 5,
            ty: NerType::Org,
        }];
        let p = [
            TokenEntity {
                start: 0,
                end: 1,
                ty: NerType::Org,
            },
            TokenEntity {
                start: 3,
                end: 5,
                ty: NerType::Org,
            },
        ];
        let mut o = OverlapScore::default();
        o.add(&g, &p);
        assert_eq!(
            (o.matched_pred, o.matched_gold, o.predicted, o.gold),
            (1, 1, 2, 1)
        );
    }
}
