//! Evaluation of sentence splitting against the GUM news gold sentences.
//!
//! Owns [`eval_gum_sentences`], [`Report`] and [`EvalError`]. Each `dep/*.conllu` document's
//! running text is rebuilt from its `# text = ...` sentence lines: sentences of one paragraph are
//! joined by a space, a `# newpar` starts a new paragraph (a blank line). The splitter
//! ([`super::split_sentences`]) runs on the whole text and its sentence ends are compared with
//! the gold ends (the end of the document is not counted). Scores are reported over all
//! boundaries and over boundaries inside paragraphs only (paragraph breaks are easy).
//! Reads files; not part of `cargo test`. Depends on the sentence splitter and `crate::span`.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use super::segment::split_sentences;
use crate::span::Span;

/// Boundary counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted and gold.
    pub true_pos: usize,
    /// Predicted, not gold.
    pub false_pos: usize,
    /// Gold, not predicted.
    pub false_neg: usize,
}

impl Counts {
    /// Precision (1.0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_pos)
    }
    /// Recall (1.0 when there is no gold boundary).
    pub fn recall(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_neg)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.true_pos += o.true_pos;
        self.false_pos += o.false_pos;
        self.false_neg += o.false_neg;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores of one document.
#[derive(Clone, Debug, PartialEq)]
pub struct DocScore {
    /// Document id (file stem).
    pub name: String,
    /// Over all boundaries.
    pub all: Counts,
    /// Over boundaries inside paragraphs.
    pub within_paragraphs: Counts,
}

/// A boundary the splitter got wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Miss {
    /// Document id.
    pub doc: String,
    /// True: a gold boundary the splitter missed; false: a boundary it invented.
    pub missed: bool,
    /// Text around the boundary, with `‖` at the boundary.
    pub context: String,
}

/// Result of [`eval_gum_sentences`]; `Display` prints the figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// Per document, in file name order.
    pub docs: Vec<DocScore>,
    /// Totals over all boundaries.
    pub all: Counts,
    /// Totals over boundaries inside paragraphs.
    pub within_paragraphs: Counts,
    /// All errors, in document and text order.
    pub misses: Vec<Miss>,
}

/// What went wrong reading the data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvalErrorKind {
    /// A file or directory could not be read.
    Io { path: PathBuf, message: String },
    /// No `*.conllu` file in `dep/` (or in the directory itself).
    NoDocuments { dir: PathBuf },
}

/// Evaluation failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError {
    kind: EvalErrorKind,
}

impl EvalError {
    /// What went wrong.
    pub fn kind(&self) -> &EvalErrorKind {
        &self.kind
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            EvalErrorKind::Io { path, message } => {
                write!(f, "cannot read {}: {message}", path.display())
            }
            EvalErrorKind::NoDocuments { dir } => write!(
                f,
                "no .conllu files in {} or its dep/ folder; pass the gum-news data directory",
                dir.display()
            ),
        }
    }
}

impl std::error::Error for EvalError {}

/// A document rebuilt from CoNLL-U: running text, gold sentence ends, paragraph-break positions.
struct GoldDoc {
    text: String,
    ends: BTreeSet<usize>,
    paragraph_breaks: BTreeSet<usize>,
}

/// Rebuilds running text and gold boundaries from CoNLL-U `# newpar` / `# text = ` comments.
fn read_gold(conllu: &str) -> GoldDoc {
    let mut text = String::new();
    let mut ends = BTreeSet::new();
    let mut paragraph_breaks = BTreeSet::new();
    let mut new_paragraph = false;
    for line in conllu.lines() {
        if line == "# newpar" || line.starts_with("# newpar ") {
            new_paragraph = true;
        } else if let Some(sentence) = line.strip_prefix("# text = ") {
            let sentence = sentence.trim();
            if sentence.is_empty() {
                continue;
            }
            if !text.is_empty() {
                ends.insert(text.len());
                if new_paragraph {
                    paragraph_breaks.insert(text.len());
                    text.push_str("\n\n");
                } else {
                    text.push(' ');
                }
            }
            new_paragraph = false;
            text.push_str(sentence);
        }
    }
    GoldDoc {
        text,
        ends,
        paragraph_breaks,
    }
}

fn score(gold: &BTreeSet<usize>, predicted: &BTreeSet<usize>) -> Counts {
    Counts {
        true_pos: gold.intersection(predicted).count(),
        false_pos: predicted.difference(gold).count(),
        false_neg: gold.difference(predicted).count(),
    }
}

fn context(text: &str, at: usize) -> String {
    let mut lo = at.saturating_sub(60);
    while lo > 0 && !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (at + 60).min(text.len());
    while hi < text.len() && !text.is_char_boundary(hi) {
        hi += 1;
    }
    let left = text.get(lo..at).unwrap_or("");
    let right = text.get(at..hi).unwrap_or("");
    format!("{}‖{}", left, right).replace('\n', "⏎")
}

/// Scores [`split_sentences`] on the GUM news gold sentences in `dir` (the `gum-news` folder or
/// its `dep/` subfolder).
pub fn eval_gum_sentences(dir: &Path) -> Result<Report, EvalError> {
    let dep = dir.join("dep");
    let folder = if dep.is_dir() { dep } else { dir.to_path_buf() };
    let io = |path: &Path, e: std::io::Error| EvalError {
        kind: EvalErrorKind::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        },
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|e| io(&folder, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(EvalError {
            kind: EvalErrorKind::NoDocuments {
                dir: dir.to_path_buf(),
            },
        });
    }
    let mut report = Report {
        docs: Vec::new(),
        all: Counts::default(),
        within_paragraphs: Counts::default(),
        misses: Vec::new(),
    };
    for path in files {
        let raw = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
        let gold = read_gold(&raw);
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let predicted: BTreeSet<usize> = split_sentences(&gold.text, Span::new(0, gold.text.len()))
            .iter()
            .map(|s| s.end as usize)
            .filter(|&e| e < gold.text.len())
            .collect();
        let all = score(&gold.ends, &predicted);
        let gold_in: BTreeSet<usize> = gold
            .ends
            .difference(&gold.paragraph_breaks)
            .copied()
            .collect();
        let pred_in: BTreeSet<usize> = predicted
            .difference(&gold.paragraph_breaks)
            .copied()
            .collect();
        let within = score(&gold_in, &pred_in);
        let mut misses: Vec<(usize, Miss)> = gold
            .ends
            .difference(&predicted)
            .map(|&at| {
                (
                    at,
                    Miss {
                        doc: name.clone(),
                        missed: true,
                        context: context(&gold.text, at),
                    },
                )
            })
            .chain(predicted.difference(&gold.ends).map(|&at| {
                (
                    at,
                    Miss {
                        doc: name.clone(),
                        missed: false,
                        context: context(&gold.text, at),
                    },
                )
            }))
            .collect();
        misses.sort_by_key(|(at, m)| (*at, m.missed));
        report.misses.extend(misses.into_iter().map(|(_, m)| m));
        report.all.add(all);
        report.within_paragraphs.add(within);
        report.docs.push(DocScore {
            name,
            all,
            within_paragraphs: within,
        });
    }
    Ok(report)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = |c: &Counts| {
            format!(
                "P={:.3} R={:.3} F1={:.3} (tp={} fp={} fn={})",
                c.precision(),
                c.recall(),
                c.f1(),
                c.true_pos,
                c.false_pos,
                c.false_neg
            )
        };
        writeln!(
            f,
            "GUM news sentence boundaries: {} documents",
            self.docs.len()
        )?;
        writeln!(f, "  all boundaries:       {}", line(&self.all))?;
        writeln!(
            f,
            "  within paragraphs:    {}",
            line(&self.within_paragraphs)
        )?;
        writeln!(f, "per document (all | within paragraphs):")?;
        for d in &self.docs {
            writeln!(
                f,
                "  {:<26} F1={:.3} P={:.3} R={:.3} | F1={:.3}",
                d.name,
                d.all.f1(),
                d.all.precision(),
                d.all.recall(),
                d.within_paragraphs.f1()
            )?;
        }
        const SHOWN: usize = 40;
        writeln!(
            f,
            "errors ({} total, first {} shown; ‖ marks the boundary):",
            self.misses.len(),
            SHOWN.min(self.misses.len())
        )?;
        for m in self.misses.iter().take(SHOWN) {
            writeln!(
                f,
                "  {} {}: {}",
                if m.missed { "MISSED  " } else { "SPURIOUS" },
                m.doc,
                m.context
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_text_is_rebuilt_with_paragraphs() {
        let conllu =
            "# newpar\n# text = Title here\n1\tTitle\n\n# newpar\n# text = One.\n# text = Two.\n";
        let g = read_gold(conllu);
        assert_eq!(g.text, "Title here\n\nOne. Two.");
        assert_eq!(g.ends.iter().copied().collect::<Vec<_>>(), vec![10, 16]);
        assert_eq!(
            g.paragraph_breaks.iter().copied().collect::<Vec<_>>(),
            vec![10]
        );
    }

    #[test]
    fn counts_math() {
        let c = Counts {
            true_pos: 8,
            false_pos: 2,
            false_neg: 0,
        };
        assert!((c.precision() - 0.8).abs() < 1e-9 && (c.recall() - 1.0).abs() < 1e-9);
        assert!((c.f1() - 0.888_888_9).abs() < 1e-6);
    }
}
