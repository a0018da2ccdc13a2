//! Throughput of the extraction pipeline, in process, one core.
//!
//! `cargo bench --bench pipeline [-- DIR]` reads every article of DIR (default
//! `../shared/data/polnear/train/text`, else the test fixtures), runs each stage over all of
//! them, and prints articles/s, MB/s, per-article latency percentiles and peak memory.
//! Figures are also given as a ratio to a baseline measured in the same run (a plain
//! whitespace split of the same text), because these machines are shared and noisy.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use newsfacts::entities::{self, EntityInput, SentenceTokens};
use newsfacts::pipeline::{self, ArticleInput};
use newsfacts::span::Span;
use newsfacts::text::{self, ContentKind, TextDoc};
use newsfacts::values;

fn load(dir: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|kb| kb.parse::<f64>().ok())
            })
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

struct Figures {
    articles_per_s: f64,
    mb_per_s: f64,
    p50: Duration,
    p99: Duration,
    max: Duration,
}

fn measure<T>(
    articles: &[T],
    bytes_of: impl Fn(&T) -> usize,
    rounds: usize,
    mut f: impl FnMut(&T),
) -> Figures {
    let bytes: usize = articles.iter().map(&bytes_of).sum();
    let mut lat = Vec::with_capacity(articles.len() * rounds);
    let start = Instant::now();
    for _ in 0..rounds {
        for a in articles {
            let t = Instant::now();
            f(a);
            lat.push(t.elapsed());
        }
    }
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    lat.sort();
    let at = |p: f64| {
        lat.get(((lat.len().saturating_sub(1)) as f64 * p) as usize)
            .copied()
            .unwrap_or_default()
    };
    Figures {
        articles_per_s: (articles.len() * rounds) as f64 / secs,
        mb_per_s: (bytes * rounds) as f64 / secs / 1e6,
        p50: at(0.5),
        p99: at(0.99),
        max: lat.last().copied().unwrap_or_default(),
    }
}

fn main() {
    let arg = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let default = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear/train/text");
    let dir = arg.map(PathBuf::from).unwrap_or(default);
    let mut articles = load(&dir);
    let mut source = dir.display().to_string();
    if articles.is_empty() {
        articles = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"));
        source = "tests/fixtures".into();
    }
    let bytes: usize = articles.iter().map(String::len).sum();
    println!(
        "pipeline benchmark: {} articles, {:.2} MB from {source}, 1 thread",
        articles.len(),
        bytes as f64 / 1e6
    );
    let rounds = if bytes > 1_000_000 {
        1
    } else {
        (2_000_000 / bytes.max(1)).max(1)
    };

    // Warm-up: loads lazily initialised models and fills caches.
    for a in articles.iter().take(20) {
        black_box(pipeline::extract(&ArticleInput {
            text: a,
            kind: ContentKind::Plain,
            title: None,
            outlet: None,
            published: None,
        }));
    }

    let len = |a: &String| a.len();
    let baseline = measure(&articles, len, rounds, |a| {
        black_box(a.split_whitespace().count());
    });
    // Stage inputs computed once, so each stage is timed alone.
    let docs: Vec<TextDoc> = articles
        .iter()
        .map(|a| text::analyze(a, ContentKind::Plain))
        .collect();
    let doc_len = |d: &TextDoc| d.clean.as_str().len();
    let reference = values::Reference {
        year: Some(2024),
        month: Some(5),
        day: Some(16),
        hour: None,
        minute: None,
    };
    let sentence_tokens: Vec<Vec<SentenceTokens>> =
        docs.iter().map(pipeline::sentence_tokens).collect();
    let paired: Vec<(&TextDoc, &Vec<SentenceTokens>)> =
        docs.iter().zip(sentence_tokens.iter()).collect();
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let stages: Vec<(&str, Figures)> = vec![
        (
            "text layer",
            measure(&articles, len, rounds, |a| {
                black_box(text::analyze(a, ContentKind::Plain));
            }),
        ),
        (
            "values",
            measure(&docs, doc_len, rounds, |d| {
                let spans: Vec<Span> = d.sentences.iter().map(|s| s.span).collect();
                black_box(values::extract(d.clean.as_str(), &spans, &reference));
            }),
        ),
        (
            "entities",
            measure(
                &paired,
                |(d, _)| d.clean.as_str().len(),
                rounds,
                |(d, st)| {
                    black_box(entities::extract(&EntityInput {
                        text: d.clean.as_str(),
                        sentences: st,
                        metadata_fields: &[],
                    }));
                },
            ),
        ),
        (
            "whole pipeline",
            measure(&articles, len, rounds, |a| {
                black_box(pipeline::extract(&ArticleInput {
                    text: a,
                    kind: ContentKind::Plain,
                    title: None,
                    outlet: None,
                    published: None,
                }));
            }),
        ),
    ];
    println!(
        "{:<16} {:>12} {:>10} {:>12} {:>10} {:>10} {:>10}",
        "stage", "articles/s", "MB/s", "x baseline", "p50 ms", "p99 ms", "max ms"
    );
    let row = |name: &str, f: &Figures| {
        println!(
            "{:<16} {:>12.1} {:>10.2} {:>12.4} {:>10.3} {:>10.3} {:>10.3}",
            name,
            f.articles_per_s,
            f.mb_per_s,
            f.mb_per_s / baseline.mb_per_s,
            f.p50.as_secs_f64() * 1e3,
            f.p99.as_secs_f64() * 1e3,
            f.max.as_secs_f64() * 1e3
        )
    };
    row("baseline split", &baseline);
    for (name, figures) in &stages {
        row(name, figures);
    }
    if let Some((_, e)) = stages.iter().find(|(n, _)| *n == "entities") {
        println!(
            "entities stage: {:.0} tokens/s ({} tokens per round)",
            tokens as f64 * e.articles_per_s / docs.len().max(1) as f64,
            tokens
        );
    }
    tagger_alone(&baseline);
    println!("peak RSS: {:.1} MiB", peak_rss_mib());
}

/// The NER tagger alone over CoNLL-2003 eng.testa (when present), with model load time.
fn tagger_alone(baseline: &Figures) {
    use newsfacts::entities::gazetteer::Gazetteer;
    use newsfacts::entities::tagger::NerModel;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/conll2003/eng.testa");
    let Ok(docs) = newsfacts::entities::train::read_conll(&path) else {
        println!("tagger alone: {} not found, skipped", path.display());
        return;
    };
    let (Ok(model), Ok(gaz)) = (NerModel::embedded(), Gazetteer::embedded()) else {
        println!("tagger alone: embedded model failed to load");
        return;
    };
    let words: Vec<Vec<Vec<&str>>> = docs
        .iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect()
        })
        .collect();
    let tokens: usize = words.iter().flatten().map(Vec::len).sum();
    let bytes: usize = words.iter().flatten().flatten().map(|w| w.len() + 1).sum();
    const PASSES: usize = 3;
    let t = Instant::now();
    for _ in 0..PASSES {
        for d in &words {
            black_box(model.tag_document(d, Some(gaz)));
        }
    }
    let secs = t.elapsed().as_secs_f64().max(1e-9);
    let mb_s = (bytes * PASSES) as f64 / secs / 1e6;
    println!(
        "tagger alone (eng.testa, {tokens} tokens x {PASSES}): {:.0} tokens/s, {:.2} MB/s = {:.4} x baseline",
        (tokens * PASSES) as f64 / secs,
        mb_s,
        mb_s / baseline.mb_per_s
    );
}
