//! Dev tool: times each pipeline stage on hostile synthetic inputs (release build).
//! `cargo run --release --example stage_timing`
use std::time::Instant;

use newsfacts::entities::{self, EntityInput, SentenceTokens};
use newsfacts::span::Span;
use newsfacts::text::{self, ContentKind};
use newsfacts::values;

fn main() {
    let inputs = [
        ("a x 1MiB", "a".repeat(1 << 20)),
        ("'Aa ' x 349k", "Aa ".repeat(349_000)),
        ("'Mr. Aa said. ' x 70k", "Mr. Aa said. ".repeat(70_000)),
        ("'5,000 ' x 170k", "5,000 ".repeat(170_000)),
    ];
    for (name, kind, t) in [
        ("'<' x 1MiB html", ContentKind::Html, "<".repeat(1 << 20)),
        ("'é' x 512k", ContentKind::Plain, "é".repeat(1 << 19)),
        ("'<' x 1MiB plain", ContentKind::Plain, "<".repeat(1 << 20)),
    ] {
        let t0 = Instant::now();
        let doc = text::analyze(&t, kind);
        println!(
            "{name}: text {:?} sentences {} tokens {}",
            t0.elapsed(),
            doc.sentences.len(),
            doc.tokens.len()
        );
    }
    for (name, t) in &inputs {
        let t0 = Instant::now();
        let doc = text::analyze(t, ContentKind::Plain);
        let t1 = Instant::now();
        let spans: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
        let vals = values::extract(
            doc.clean.as_str(),
            &spans,
            &values::Reference {
                year: Some(2024),
                month: Some(5),
                day: Some(16),
                hour: None,
                minute: None,
            },
        );
        let t2 = Instant::now();
        let sents: Vec<SentenceTokens> = doc
            .sentences
            .iter()
            .map(|s| SentenceTokens {
                span: s.span,
                tokens: doc.tokens[s.tokens.clone()]
                    .iter()
                    .map(|t| t.span)
                    .collect(),
            })
            .collect();
        let ents = entities::extract(&EntityInput {
            text: doc.clean.as_str(),
            sentences: &sents,
            metadata_fields: &[],
        });
        let t3 = Instant::now();
        println!("{name}: sentences {} tokens {} values {} entities {} | text {:?} values {:?} entities {:?}", doc.sentences.len(), doc.tokens.len(), vals.len(), ents.len(), t1 - t0, t2 - t1, t3 - t2);
    }
}
