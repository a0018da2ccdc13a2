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

use newsfacts::pipeline::{self, ArticleInput};
use newsfacts::text::{self, ContentKind};

fn load(dir: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    files.sort();
    files.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok())
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

fn measure(articles: &[String], rounds: usize, mut f: impl FnMut(&str)) -> Figures {
    let bytes: usize = articles.iter().map(String::len).sum();
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
    let at = |p: f64| lat.get(((lat.len().saturating_sub(1)) as f64 * p) as usize).copied().unwrap_or_default();
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
    println!("pipeline benchmark: {} articles, {:.2} MB from {source}, 1 thread", articles.len(), bytes as f64 / 1e6);
    let rounds = if bytes > 1_000_000 { 1 } else { (2_000_000 / bytes.max(1)).max(1) };

    // Warm-up: loads lazily initialised models and fills caches.
    for a in articles.iter().take(20) {
        black_box(pipeline::extract(&ArticleInput { text: a, kind: ContentKind::Plain, title: None, outlet: None, published: None }));
    }

    let baseline = measure(&articles, rounds, |a| {
        black_box(a.split_whitespace().count());
    });
    let stages: Vec<(&str, Box<dyn Fn(&str)>)> = vec![
        ("text layer", Box::new(|a: &str| {
            black_box(text::analyze(a, ContentKind::Plain));
        })),
        ("whole pipeline", Box::new(|a: &str| {
            black_box(pipeline::extract(&ArticleInput { text: a, kind: ContentKind::Plain, title: None, outlet: None, published: None }));
        })),
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
    for (name, f) in &stages {
        let figures = measure(&articles, rounds, |a| f(a));
        row(name, &figures);
    }
    println!("peak RSS: {:.1} MiB", peak_rss_mib());
}
