//! The one generic harness for the value corpora (`corpus/*.txt`): every example must give
//! exactly one value, covering the whole example, with exactly the expected summary; a
//! `none` example must give nothing. The reference time is fixed here, in one place.
//! Format of a corpus line: `example text | expected summary`; `#` starts a comment line.

use super::{extract, Reference, ValueData};
use crate::span::Span;

/// Thursday 16 May 2024, 10:00: the fixed reference time of every corpus example.
pub(crate) const CORPUS_REFERENCE: Reference = Reference {
    year: Some(2024),
    month: Some(5),
    day: Some(16),
    hour: Some(10),
    minute: Some(0),
};

fn run_corpus(name: &str, corpus: &str) {
    let mut failures = Vec::new();
    let mut count = 0;
    for (line_no, line) in corpus.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((example, expected)) = line.rsplit_once(" | ") else {
            failures.push(format!(
                "{name}:{}: malformed line (want `example | expected`): {line}",
                line_no + 1
            ));
            continue;
        };
        count += 1;
        let example = example.trim();
        let expected = expected.trim();
        let values = extract(example, &[Span::new(0, example.len())], &CORPUS_REFERENCE);
        if expected == "none" {
            if !values.is_empty() {
                let got: Vec<String> = values
                    .iter()
                    .map(|v| format!("{:?} {}", v.span.slice(example), v.summary()))
                    .collect();
                failures.push(format!(
                    "{name}:{}: `{example}` must give nothing, got {got:?}",
                    line_no + 1
                ));
            }
            continue;
        }
        let got: Vec<String> = values
            .iter()
            .map(|v| format!("{:?} {} [{}]", v.span.slice(example), v.summary(), v.rule))
            .collect();
        if values.len() != 1 {
            failures.push(format!(
                "{name}:{}: `{example}` want one value `{expected}`, got {got:?}",
                line_no + 1
            ));
            continue;
        }
        let v = &values[0];
        let mut covered = v.span;
        if let ValueData::Quantity(q) = &v.data {
            if let Some(c) = &q.counted {
                covered = covered.cover(c.span);
            }
        }
        if covered != Span::new(0, example.len()) {
            failures.push(format!(
                "{name}:{}: `{example}` value covers only {:?}: {got:?}",
                line_no + 1,
                covered.slice(example)
            ));
            continue;
        }
        if v.summary() != expected {
            failures.push(format!(
                "{name}:{}: `{example}` want `{expected}`, got {got:?}",
                line_no + 1
            ));
        }
    }
    assert!(count > 0, "{name}: empty corpus");
    assert!(
        failures.is_empty(),
        "{} of {count} corpus examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn time_corpus() {
    run_corpus("time.txt", include_str!("corpus/time.txt"));
}

#[test]
fn money_corpus() {
    run_corpus("money.txt", include_str!("corpus/money.txt"));
}

#[test]
fn percent_corpus() {
    run_corpus("percent.txt", include_str!("corpus/percent.txt"));
}

#[test]
fn number_corpus() {
    run_corpus("number.txt", include_str!("corpus/number.txt"));
}

#[test]
fn quantity_corpus() {
    run_corpus("quantity.txt", include_str!("corpus/quantity.txt"));
}
