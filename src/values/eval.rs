//! Evaluation of the values stage against annotated corpora: TempEval-3 TBAQ-cleaned
//! (TimeBank and AQUAINT, TIMEX3 against each document's DCT) and MEANTIME (TIMEX3 and
//! VALUE mentions MONEY/PERCENT/QUANTITY in the annotated sentences 0-5). Owns the small
//! TimeML/CAT readers, the TempEval-3 measures and the report printing. Reads files only
//! under the data directory it is given. Depends on the values API and `crate::span`.
//!
//! Sentence splitting for TBAQ is deliberately simple (newlines, then ". " before an
//! uppercase letter unless the word before the period is a known abbreviation); MEANTIME
//! sentences come from its token annotation.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::{extract, Dimension, Reference, Value, ValueData};
use crate::span::Span;

/// What went wrong while reading evaluation data.
#[derive(Debug)]
pub struct EvalError {
    pub kind: EvalErrorKind,
    pub path: PathBuf,
    pub detail: String,
}

/// Kinds of evaluation failures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvalErrorKind {
    /// A file or folder could not be read.
    Io,
    /// A file did not have the expected TimeML/CAT shape.
    Format,
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} error in {}: {}",
            self.kind,
            self.path.display(),
            self.detail
        )
    }
}

impl std::error::Error for EvalError {}

fn io_err(path: &Path, e: std::io::Error) -> EvalError {
    EvalError {
        kind: EvalErrorKind::Io,
        path: path.to_path_buf(),
        detail: format!("{e} (expected the shared data layout, see data/README.md)"),
    }
}

/// A gold annotation: span in the reconstructed text, type and normalised value.
#[derive(Clone, Debug)]
struct Gold {
    span: Span,
    kind: String,
    value: String,
}

/// One evaluated document.
struct Doc {
    text: String,
    sentences: Vec<Span>,
    reference: Reference,
    gold_times: Vec<Gold>,
    gold_values: Vec<Gold>,
}

/// Counts for one extraction task.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    pub gold: usize,
    pub system: usize,
    pub strict_sys_matched: usize,
    pub strict_gold_matched: usize,
    pub relaxed_sys_matched: usize,
    pub relaxed_gold_matched: usize,
    /// Relaxed matched pairs (one per gold) with the right type / value.
    pub pairs: usize,
    pub type_correct: usize,
    pub value_correct: usize,
    misses: BTreeMap<String, usize>,
    spurious: BTreeMap<String, usize>,
    wrong: BTreeMap<String, usize>,
    boundaries: BTreeMap<String, usize>,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl Scores {
    fn add(
        &mut self,
        text: &str,
        gold: &[Gold],
        system: &[(Span, String, String)],
        with_values: bool,
    ) {
        self.gold += gold.len();
        self.system += system.len();
        for (s, _, _) in system {
            if gold.iter().any(|g| g.span == *s) {
                self.strict_sys_matched += 1;
            }
            if gold.iter().any(|g| g.span.overlaps(*s)) {
                self.relaxed_sys_matched += 1;
            } else {
                *self
                    .spurious
                    .entry(s.slice(text).to_lowercase())
                    .or_default() += 1;
            }
        }
        for g in gold {
            if system.iter().any(|(s, _, _)| *s == g.span) {
                self.strict_gold_matched += 1;
            }
            let matched = system
                .iter()
                .find(|(s, _, _)| *s == g.span)
                .or_else(|| system.iter().find(|(s, _, _)| s.overlaps(g.span)));
            match matched {
                Some((s, kind, value)) => {
                    self.relaxed_gold_matched += 1;
                    if *s != g.span {
                        *self
                            .boundaries
                            .entry(format!(
                                "gold {:?} / system {:?}",
                                g.span.slice(text),
                                s.slice(text)
                            ))
                            .or_default() += 1;
                    }
                    self.pairs += 1;
                    if *kind == g.kind {
                        self.type_correct += 1;
                    }
                    if with_values {
                        if *value == g.value {
                            self.value_correct += 1;
                        } else {
                            let key = format!(
                                "{:?} gold {} {} / system {:?} {} {}",
                                g.span.slice(text).to_lowercase(),
                                g.kind,
                                g.value,
                                s.slice(text),
                                kind,
                                value
                            );
                            *self.wrong.entry(key).or_default() += 1;
                        }
                    }
                }
                None => {
                    *self
                        .misses
                        .entry(format!(
                            "{:?} {} {}",
                            g.span.slice(text).to_lowercase(),
                            g.kind,
                            g.value
                        ))
                        .or_default() += 1
                }
            }
        }
    }

    fn write(
        &self,
        f: &mut fmt::Formatter<'_>,
        name: &str,
        with_values: bool,
        worst: usize,
    ) -> fmt::Result {
        let sp = ratio(self.strict_sys_matched, self.system);
        let sr = ratio(self.strict_gold_matched, self.gold);
        let rp = ratio(self.relaxed_sys_matched, self.system);
        let rr = ratio(self.relaxed_gold_matched, self.gold);
        writeln!(f, "{name}: gold {} system {}", self.gold, self.system)?;
        writeln!(
            f,
            "  strict  extraction P {:.3} R {:.3} F1 {:.3}",
            sp,
            sr,
            f1(sp, sr)
        )?;
        writeln!(
            f,
            "  relaxed extraction P {:.3} R {:.3} F1 {:.3}",
            rp,
            rr,
            f1(rp, rr)
        )?;
        writeln!(
            f,
            "  type accuracy (relaxed matches) {:.3}  type F1 {:.3}",
            ratio(self.type_correct, self.pairs),
            f1(
                ratio(self.type_correct, self.system),
                ratio(self.type_correct, self.gold)
            )
        )?;
        if with_values {
            let vp = ratio(self.value_correct, self.system);
            let vr = ratio(self.value_correct, self.gold);
            writeln!(
                f,
                "  value accuracy (relaxed matches) {:.3}  value P {:.3} R {:.3} F1 {:.3}",
                ratio(self.value_correct, self.pairs),
                vp,
                vr,
                f1(vp, vr)
            )?;
        }
        if worst > 0 {
            write_worst(f, "  worst misses (false negatives)", &self.misses, worst)?;
            write_worst(f, "  worst false positives", &self.spurious, worst)?;
            write_worst(
                f,
                "  worst boundary mismatches (relaxed but not strict)",
                &self.boundaries,
                worst,
            )?;
            if with_values {
                write_worst(f, "  worst wrong values", &self.wrong, worst)?;
            }
        }
        Ok(())
    }
}

fn write_worst(
    f: &mut fmt::Formatter<'_>,
    title: &str,
    map: &BTreeMap<String, usize>,
    n: usize,
) -> fmt::Result {
    let mut items: Vec<(&String, &usize)> = map.iter().collect();
    items.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    writeln!(f, "{title}:")?;
    for (k, c) in items.into_iter().take(n) {
        writeln!(f, "    {c:>3}  {k}")?;
    }
    Ok(())
}

/// Everything the evaluation prints.
pub struct EvalReport {
    pub timebank: Scores,
    pub aquaint: Scores,
    pub meantime_times: Scores,
    pub meantime_values: Scores,
    pub meantime_values_typed: Scores,
    /// How many worst cases to list per table.
    pub worst: usize,
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "== TempEval-3 TBAQ-cleaned (TIMEX3, DCT as reference) =="
        )?;
        self.timebank.write(f, "TimeBank", true, self.worst)?;
        self.aquaint.write(f, "AQUAINT", true, self.worst)?;
        let mut all = self.timebank.clone();
        merge(&mut all, &self.aquaint);
        all.write(f, "TBAQ (both)", true, 0)?;
        writeln!(f, "== MEANTIME (sentences 0-5) ==")?;
        self.meantime_times
            .write(f, "MEANTIME TIMEX3", true, self.worst)?;
        self.meantime_values.write(
            f,
            "MEANTIME VALUE (MONEY/PERCENT/QUANTITY, any type)",
            false,
            self.worst,
        )?;
        self.meantime_values_typed.write(
            f,
            "MEANTIME VALUE typed (a match must agree on MONEY/PERCENT/QUANTITY)",
            false,
            0,
        )?;
        Ok(())
    }
}

fn merge(a: &mut Scores, b: &Scores) {
    a.gold += b.gold;
    a.system += b.system;
    a.strict_sys_matched += b.strict_sys_matched;
    a.strict_gold_matched += b.strict_gold_matched;
    a.relaxed_sys_matched += b.relaxed_sys_matched;
    a.relaxed_gold_matched += b.relaxed_gold_matched;
    a.pairs += b.pairs;
    a.type_correct += b.type_correct;
    a.value_correct += b.value_correct;
}

/// Runs the whole evaluation over `data_dir` (the shared `data/` folder).
pub fn run_eval(data_dir: &Path, worst: usize) -> Result<EvalReport, EvalError> {
    let tbaq = data_dir.join("tempeval3").join("TBAQ-cleaned");
    let timebank = score_timeml_dir(&tbaq.join("TimeBank"))?;
    let aquaint = score_timeml_dir(&tbaq.join("AQUAINT"))?;
    let mut meantime_times = Scores::default();
    let mut meantime_values = Scores::default();
    let mut meantime_values_typed = Scores::default();
    let mt = data_dir.join("meantime");
    for corpus in ["corpus_airbus", "corpus_apple"] {
        for path in sorted_files(&mt.join(corpus), "xml")? {
            let raw = std::fs::read_to_string(&path).map_err(|e| io_err(&path, e))?;
            let doc = read_cat(&raw).map_err(|detail| EvalError {
                kind: EvalErrorKind::Format,
                path: path.clone(),
                detail,
            })?;
            let values = extract(&doc.text, &doc.sentences, &doc.reference);
            meantime_times.add(&doc.text, &doc.gold_times, &system_times(&values), true);
            let sys_values: Vec<(Span, String, String)> = values
                .iter()
                .filter_map(|v| {
                    let kind = match v.dim {
                        Dimension::Money => "MONEY",
                        Dimension::Percent => "PERCENT",
                        Dimension::Quantity | Dimension::Number => "QUANTITY",
                        Dimension::Time => return None,
                    };
                    Some((v.span, kind.to_string(), String::new()))
                })
                .collect();
            meantime_values.add(&doc.text, &doc.gold_values, &sys_values, false);
            // Typed: a mention only matches a gold mention of the same type.
            for kind in ["MONEY", "PERCENT", "QUANTITY"] {
                let gold: Vec<Gold> = doc
                    .gold_values
                    .iter()
                    .filter(|g| g.kind == kind)
                    .cloned()
                    .collect();
                let sys: Vec<(Span, String, String)> =
                    sys_values.iter().filter(|s| s.1 == kind).cloned().collect();
                meantime_values_typed.add(&doc.text, &gold, &sys, false);
            }
        }
    }
    Ok(EvalReport {
        timebank,
        aquaint,
        meantime_times,
        meantime_values,
        meantime_values_typed,
        worst,
    })
}

fn system_times(values: &[Value]) -> Vec<(Span, String, String)> {
    values
        .iter()
        .filter_map(|v| match &v.data {
            ValueData::Time(t) => {
                Some((v.span, t.timex_type.as_str().to_string(), t.value.clone()))
            }
            _ => None,
        })
        .collect()
}

fn sorted_files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, EvalError> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| io_err(dir, e))? {
        let path = entry.map_err(|e| io_err(dir, e))?.path();
        if path.extension().is_some_and(|x| x == ext) {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

fn score_timeml_dir(dir: &Path) -> Result<Scores, EvalError> {
    let mut scores = Scores::default();
    for path in sorted_files(dir, "tml")? {
        let doc = load_timeml(&path)?;
        let values = extract(&doc.text, &doc.sentences, &doc.reference);
        scores.add(&doc.text, &doc.gold_times, &system_times(&values), true);
    }
    Ok(scores)
}

/// One line per TimeML gold expression whose value the system gets wrong or misses, and per
/// spurious system expression, with the file, the DCT and the sentence around it: where to
/// look when a figure moves. `dir` is a TimeML folder (e.g. `.../TBAQ-cleaned/TimeBank`).
pub fn timeml_details(dir: &Path) -> Result<Vec<String>, EvalError> {
    let mut out = Vec::new();
    for path in sorted_files(dir, "tml")? {
        let doc = load_timeml(&path)?;
        let name = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let values = extract(&doc.text, &doc.sentences, &doc.reference);
        let system = system_times(&values);
        let dct = format!(
            "{:04}-{:02}-{:02}",
            doc.reference.year.unwrap_or(0),
            doc.reference.month.unwrap_or(0),
            doc.reference.day.unwrap_or(0)
        );
        let sentence_of = |s: Span| {
            doc.sentences
                .iter()
                .find(|x| x.start <= s.start && s.start < x.end.max(x.start + 1))
                .map_or(String::new(), |x| x.slice(&doc.text).replace('\n', " "))
        };
        for g in &doc.gold_times {
            let matched = system
                .iter()
                .find(|(s, _, _)| *s == g.span)
                .or_else(|| system.iter().find(|(s, _, _)| s.overlaps(g.span)));
            let line = match matched {
                Some((_, kind, value)) if *kind == g.kind && *value == g.value => continue,
                Some((s, kind, value)) => format!(
                    "WRONG {name} dct {dct} gold {:?} {} {} / system {:?} {kind} {value}",
                    g.span.slice(&doc.text),
                    g.kind,
                    g.value,
                    s.slice(&doc.text)
                ),
                None => format!(
                    "MISS {name} dct {dct} gold {:?} {} {}",
                    g.span.slice(&doc.text),
                    g.kind,
                    g.value
                ),
            };
            out.push(format!("{line}\n    | {}", sentence_of(g.span)));
        }
        for (s, kind, value) in &system {
            if !doc.gold_times.iter().any(|g| g.span.overlaps(*s)) {
                out.push(format!(
                    "SPURIOUS {name} dct {dct} system {:?} {kind} {value}\n    | {}",
                    s.slice(&doc.text),
                    sentence_of(*s)
                ));
            }
        }
    }
    Ok(out)
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let rest = tag.get(start..)?;
    let end = rest.find('"')?;
    Some(rest.get(..end)?.to_string())
}

fn reference_from(value: &str) -> Reference {
    let num = |a: usize, b: usize| value.get(a..b).and_then(|s| s.parse::<u32>().ok());
    Reference {
        year: num(0, 4).and_then(|y| i32::try_from(y).ok()),
        month: num(5, 7),
        day: num(8, 10),
        hour: num(11, 13),
        minute: num(14, 16),
    }
}

fn decode_entity(s: &str) -> Option<(&'static str, usize)> {
    for (ent, rep) in [
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&apos;", "'"),
    ] {
        if s.starts_with(ent) {
            return Some((rep, ent.len()));
        }
    }
    None
}

/// Reads a TimeML document: text inside `<TEXT>` with tags stripped, gold TIMEX3 spans.
/// Reads and parses one TimeML file, naming the file in any error.
fn load_timeml(path: &Path) -> Result<Doc, EvalError> {
    let raw = std::fs::read_to_string(path).map_err(|e| io_err(path, e))?;
    read_timeml(&raw).map_err(|detail| EvalError {
        kind: EvalErrorKind::Format,
        path: path.to_path_buf(),
        detail,
    })
}

fn read_timeml(raw: &str) -> Result<Doc, String> {
    let dct_start = raw.find("<DCT>").ok_or("no <DCT> element")?;
    let dct_tag_end = raw
        .get(dct_start..)
        .and_then(|r| {
            r.find('>')
                .and_then(|_| r.find("<TIMEX3"))
                .and_then(|t| r.get(t..).and_then(|x| x.find('>').map(|e| (t, e))))
        })
        .ok_or("no DCT TIMEX3")?;
    let dct_tag = raw
        .get(dct_start + dct_tag_end.0..dct_start + dct_tag_end.0 + dct_tag_end.1)
        .ok_or("bad DCT tag")?;
    let dct = attr(dct_tag, "value").ok_or("DCT TIMEX3 without value")?;
    let body_start = raw.find("<TEXT>").ok_or("no <TEXT>")? + "<TEXT>".len();
    let body_end = raw.find("</TEXT>").ok_or("no </TEXT>")?;
    let body = raw.get(body_start..body_end).ok_or("bad TEXT bounds")?;
    let mut text = String::with_capacity(body.len());
    let mut gold = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').ok_or("unclosed tag")?;
            let tag = rest.get(..=end).ok_or("bad tag")?;
            if tag.starts_with("<TIMEX3") {
                let kind = attr(tag, "type").unwrap_or_default();
                let value = attr(tag, "value").unwrap_or_default();
                open = Some((text.len(), kind, value));
            } else if tag.starts_with("</TIMEX3") {
                if let Some((s, kind, value)) = open.take() {
                    gold.push(Gold {
                        span: Span::new(s, text.len()),
                        kind,
                        value,
                    });
                }
            }
            rest = rest.get(end + 1..).unwrap_or("");
            continue;
        }
        if rest.starts_with('&') {
            if let Some((rep, len)) = decode_entity(rest) {
                text.push_str(rep);
                rest = rest.get(len..).unwrap_or("");
                continue;
            }
        }
        let c = rest.chars().next().ok_or("empty")?;
        text.push(c);
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    let sentences = split_sentences(&text);
    Ok(Doc {
        text,
        sentences,
        reference: reference_from(&dct),
        gold_times: gold,
        gold_values: Vec::new(),
    })
}

/// Newlines, then ". " + uppercase unless the word before is an abbreviation.
fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let mut cut = b == b'\n';
        if b == b'.'
            && bytes.get(i + 1) == Some(&b' ')
            && bytes.get(i + 2).is_some_and(|c| c.is_ascii_uppercase())
        {
            let word_start = text
                .get(..i)
                .and_then(|s| s.rfind(|c: char| !c.is_alphanumeric() && c != '.'))
                .map_or(0, |p| p + 1);
            let word = text.get(word_start..i).unwrap_or("");
            let abbreviation = word.len() <= 1
                || word.contains('.')
                || matches!(
                    word,
                    "Mr" | "Mrs"
                        | "Ms"
                        | "Dr"
                        | "Jan"
                        | "Feb"
                        | "Mar"
                        | "Apr"
                        | "Jun"
                        | "Jul"
                        | "Aug"
                        | "Sep"
                        | "Sept"
                        | "Oct"
                        | "Nov"
                        | "Dec"
                        | "Inc"
                        | "Corp"
                        | "Co"
                        | "Ltd"
                        | "St"
                        | "Gen"
                        | "Sen"
                        | "Rep"
                        | "Gov"
                        | "No"
                        | "Lt"
                        | "Col"
                        | "Jr"
                        | "Sr"
                        | "vs"
                        | "Prof"
                        | "Mt"
                        | "Ft"
                );
            cut = !abbreviation;
        }
        if cut {
            if i + 1 > start {
                out.push(Span::new(start, i + 1));
            }
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(Span::new(start, text.len()));
    }
    out
}

/// Reads a MEANTIME CAT document: tokens joined by spaces, sentences 0-5, gold markables.
fn read_cat(raw: &str) -> Result<Doc, String> {
    let mut text = String::new();
    let mut token_spans: BTreeMap<String, (Span, u32)> = BTreeMap::new();
    let mut sentence_ranges: BTreeMap<u32, Span> = BTreeMap::new();
    let mut rest = raw;
    while let Some(p) = rest.find("<token ") {
        let after = rest.get(p..).unwrap_or("");
        let tag_end = after.find('>').ok_or("unclosed token")?;
        let tag = after.get(..tag_end).ok_or("bad token")?;
        let close = after.find("</token>").ok_or("no </token>")?;
        let surface_raw = after.get(tag_end + 1..close).unwrap_or("");
        let mut surface = String::new();
        let mut s = surface_raw;
        while !s.is_empty() {
            if let Some((rep, len)) = decode_entity(s) {
                surface.push_str(rep);
                s = s.get(len..).unwrap_or("");
            } else if let Some(c) = s.chars().next() {
                surface.push(c);
                s = s.get(c.len_utf8()..).unwrap_or("");
            }
        }
        let t_id = attr(tag, "t_id").ok_or("token without t_id")?;
        let sentence: u32 = attr(tag, "sentence")
            .and_then(|s| s.parse().ok())
            .ok_or("token without sentence")?;
        if !text.is_empty() {
            text.push(if sentence_ranges.contains_key(&sentence) {
                ' '
            } else {
                '\n'
            });
        }
        let start = text.len();
        text.push_str(&surface);
        let span = Span::new(start, text.len());
        token_spans.insert(t_id, (span, sentence));
        sentence_ranges
            .entry(sentence)
            .and_modify(|s| *s = s.cover(span))
            .or_insert(span);
        rest = after.get(close..).unwrap_or("");
    }
    let markables = raw
        .find("<Markables>")
        .and_then(|p| raw.get(p..))
        .unwrap_or("");
    let mut gold_times = Vec::new();
    let mut gold_values = Vec::new();
    let mut dct = String::new();
    for (tag_name, is_time) in [("<TIMEX3 ", true), ("<VALUE ", false)] {
        let mut rest = markables;
        while let Some(p) = rest.find(tag_name) {
            let after = rest.get(p..).unwrap_or("");
            let tag_end = after.find('>').ok_or("unclosed markable")?;
            let tag = after.get(..tag_end).ok_or("bad markable")?;
            let self_closing = tag.ends_with('/');
            let close_tag = if is_time { "</TIMEX3>" } else { "</VALUE>" };
            let body_end = if self_closing {
                tag_end
            } else {
                after.find(close_tag).unwrap_or(tag_end)
            };
            let body = after.get(tag_end..body_end).unwrap_or("");
            let kind = attr(tag, "type").unwrap_or_default();
            let value = attr(tag, "value").unwrap_or_default();
            if is_time && attr(tag, "functionInDocument").as_deref() == Some("CREATION_TIME") {
                dct = value.clone();
            }
            let mut span: Option<Span> = None;
            let mut in_region = true;
            let mut b = body;
            while let Some(q) = b.find("t_id=\"") {
                let id_start = q + 6;
                let id_end = b
                    .get(id_start..)
                    .and_then(|x| x.find('"'))
                    .map(|e| id_start + e)
                    .ok_or("bad anchor")?;
                let id = b.get(id_start..id_end).unwrap_or("");
                if let Some((s, sentence)) = token_spans.get(id) {
                    span = Some(span.map_or(*s, |x| x.cover(*s)));
                    in_region &= *sentence <= 5;
                }
                b = b.get(id_end..).unwrap_or("");
            }
            if let (Some(span), true) = (span, in_region) {
                let g = Gold { span, kind, value };
                if is_time {
                    gold_times.push(g);
                } else {
                    gold_values.push(g);
                }
            }
            rest = after.get(tag_end..).unwrap_or("");
        }
    }
    let sentences: Vec<Span> = sentence_ranges
        .iter()
        .filter(|(n, _)| **n <= 5)
        .map(|(_, s)| *s)
        .collect();
    Ok(Doc {
        text,
        sentences,
        reference: reference_from(&dct),
        gold_times,
        gold_values,
    })
}

/// Throughput of the values stage on a folder of plain-text articles, next to a baseline
/// (the value lexer alone) measured in the same process on the same input.
pub struct BenchReport {
    pub files: usize,
    pub bytes: usize,
    pub values: usize,
    pub extract_secs: f64,
    pub lexer_secs: f64,
    pub rounds: usize,
}

impl fmt::Display for BenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mb = self.bytes as f64 * self.rounds as f64 / 1_000_000.0;
        writeln!(
            f,
            "values bench: {} files, {:.2} MB x {} rounds, {} values per round (one core)",
            self.files,
            self.bytes as f64 / 1e6,
            self.rounds,
            self.values
        )?;
        writeln!(
            f,
            "  extract (lex + rules + resolve): {:.1} MB/s",
            mb / self.extract_secs.max(1e-9)
        )?;
        writeln!(
            f,
            "  baseline (value lexer only):     {:.1} MB/s",
            mb / self.lexer_secs.max(1e-9)
        )?;
        Ok(())
    }
}

/// Runs [`extract`] over every `.txt` file in `dir` (one sentence per line) `rounds` times.
pub fn run_benchmark(dir: &Path, rounds: usize) -> Result<BenchReport, EvalError> {
    let mut docs = Vec::new();
    for path in sorted_files(dir, "txt")? {
        let text = std::fs::read_to_string(&path).map_err(|e| io_err(&path, e))?;
        let mut sentences = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            sentences.push(Span::new(start, start + line.len()));
            start += line.len();
        }
        docs.push((text, sentences));
    }
    let reference = Reference {
        year: Some(2016),
        month: Some(6),
        day: Some(1),
        hour: None,
        minute: None,
    };
    let bytes = docs.iter().map(|(t, _)| t.len()).sum();
    let rounds = rounds.max(1);
    let mut values = 0;
    let t0 = std::time::Instant::now();
    for _ in 0..rounds {
        values = 0;
        for (text, sentences) in &docs {
            values += extract(text, sentences, &reference).len();
        }
    }
    let extract_secs = t0.elapsed().as_secs_f64();
    let t1 = std::time::Instant::now();
    let mut tokens = 0usize;
    for _ in 0..rounds {
        for (text, sentences) in &docs {
            for s in sentences {
                tokens += super::lexer::tokenize(text, *s).len();
            }
        }
    }
    let lexer_secs = t1.elapsed().as_secs_f64();
    std::hint::black_box(tokens);
    Ok(BenchReport {
        files: docs.len(),
        bytes,
        values,
        extract_secs,
        lexer_secs,
        rounds,
    })
}
