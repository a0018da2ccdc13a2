//! Whole-article test of the values stage on the Yicai/Amazon Wuhan article (published
//! 2024-05-16), with and without a reference year. Sentences come from a trivial splitter
//! (lines, then ". "), standing in for the text layer's.

use newsfacts::span::Span;
use newsfacts::values::{extract, Reference, Value};

const ARTICLE: &str = include_str!("fixtures/values/yicai-amazon-wuhan.txt");

/// Splits on newlines and on ". " followed by an uppercase letter.
fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        let end_here = *b == b'\n'
            || (*b == b'.'
                && bytes.get(i + 1) == Some(&b' ')
                && bytes.get(i + 2).is_some_and(|c| c.is_ascii_uppercase()));
        if end_here {
            out.push(Span::new(start, i + 1));
            start = i + 1;
        }
    }
    out.push(Span::new(start, text.len()));
    out
}

fn find<'a>(values: &'a [Value], surface: &str) -> Option<&'a Value> {
    values.iter().find(|v| v.span.slice(ARTICLE) == surface)
}

fn summaries(reference: &Reference) -> Vec<(String, String)> {
    let values = extract(ARTICLE, &sentences(ARTICLE), reference);
    values
        .iter()
        .map(|v| (v.span.slice(ARTICLE).to_string(), v.summary()))
        .collect()
}

#[test]
fn article_values_with_publication_date() {
    let reference = Reference {
        year: Some(2024),
        month: Some(5),
        day: Some(16),
        hour: None,
        minute: None,
    };
    let values = extract(ARTICLE, &sentences(ARTICLE), &reference);
    let expected: &[(&str, &str)] = &[
        ("May 16", "time DATE 2024-05-16"),
        ("yesterday", "time DATE 2024-05-15"),
        ("May 10", "time DATE 2024-05-10"),
        ("the first quarter of the year", "time DATE 2024-Q1"),
        ("a year earlier", "time DATE 2023-Q1"),
        ("three years", "time DURATION P3Y"),
        (
            "the next two to three years",
            "time DURATION PXY range=P2Y..P3Y",
        ),
        ("USD54.7 billion", "money 54700000000 USD"),
        ("7 percent", "percent 7"),
        ("over 5,000", "quantity 5000 local companies mod=more_than"),
        ("19", "quantity 19 overseas sites"),
        (
            "over 200",
            "quantity 200 countries and regions mod=more_than",
        ),
        ("100", "quantity 100 globally recognized brands"),
    ];
    for (surface, summary) in expected {
        let v = find(&values, surface)
            .unwrap_or_else(|| panic!("no value {surface:?}; got {:#?}", summaries(&reference)));
        assert_eq!(&v.summary(), summary, "{surface}");
    }
    let within = find(&values, "three years").and_then(|v| match &v.data {
        newsfacts::values::ValueData::Time(t) => t.interval.clone(),
        _ => None,
    });
    assert_eq!(
        within.map(|i| (i.start, i.end)),
        Some(("2024-05-16".to_string(), "2027-05-16".to_string()))
    );
    for v in &values {
        assert!(
            !v.span.slice(ARTICLE).is_empty(),
            "span must slice the text: {v:?}"
        );
    }
}

#[test]
fn article_values_without_year_keep_month_and_day() {
    let reference = Reference {
        year: None,
        month: Some(5),
        day: Some(16),
        hour: None,
        minute: None,
    };
    let values = extract(ARTICLE, &sentences(ARTICLE), &reference);
    let expected: &[(&str, &str)] = &[
        ("May 16", "time DATE XXXX-05-16"),
        ("yesterday", "time DATE XXXX-05-15"),
        ("May 10", "time DATE XXXX-05-10"),
    ];
    for (surface, summary) in expected {
        let v = find(&values, surface)
            .unwrap_or_else(|| panic!("no value {surface:?}; got {:#?}", summaries(&reference)));
        assert_eq!(&v.summary(), summary, "{surface}");
    }
    let none = Reference::default();
    let values = extract(ARTICLE, &sentences(ARTICLE), &none);
    assert_eq!(
        find(&values, "May 16").map(Value::summary).as_deref(),
        Some("time DATE XXXX-05-16")
    );
}

#[test]
fn hostile_input_never_panics_and_spans_slice() {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let alphabet: Vec<char> = "0123456789 ,.-/$€£¥%'’:aAmMbBkKQqthsdUSD\u{301}é中\n"
        .chars()
        .collect();
    for _ in 0..3000 {
        let mut s = String::new();
        let len = (seed % 40) as usize;
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        let spans = [
            Span::new(0, s.len()),
            Span::new(1, s.len()),
            Span::new(0, s.len() + 5),
        ];
        let reference = Reference {
            year: Some(2024),
            month: Some(2),
            day: Some(29),
            hour: None,
            minute: None,
        };
        for v in extract(&s, &spans, &reference) {
            assert!(
                s.get(v.span.range()).is_some(),
                "span {:?} does not slice {s:?}",
                v.span
            );
        }
    }
    let words = [
        "the", "first", "quarter", "of", "May", "16", "2024", "$", "5", "-", "7", "million", "a",
        "year", "earlier", "ago", "next", "two", "to", "three", "years", "percent", "over",
        "between", "and",
    ];
    for k in 0..5000u64 {
        let mut s = String::new();
        let mut x = k.wrapping_mul(2_654_435_761).wrapping_add(17);
        for _ in 0..(k % 12) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s.push_str(words[(x % words.len() as u64) as usize]);
            s.push(' ');
        }
        let _ = extract(&s, &[Span::new(0, s.len())], &Reference::default());
        let _ = extract(
            &s,
            &[Span::new(0, s.len())],
            &Reference {
                year: Some(9999),
                month: Some(12),
                day: Some(31),
                hour: None,
                minute: None,
            },
        );
    }
}

/// Golden snapshot of every value in the article (span, surface, summary, rule). A change
/// must be reviewed; re-record with `NEWSFACTS_BLESS=1 cargo test --test values_article`.
#[test]
fn article_golden_snapshot() {
    let reference = Reference {
        year: Some(2024),
        month: Some(5),
        day: Some(16),
        hour: None,
        minute: None,
    };
    let values = extract(ARTICLE, &sentences(ARTICLE), &reference);
    let mut got = String::new();
    for v in &values {
        got.push_str(&format!(
            "{}..{}\t{:?}\t{}\t[{}]\n",
            v.span.start,
            v.span.end,
            v.span.slice(ARTICLE),
            v.summary(),
            v.rule
        ));
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/values/yicai-amazon-wuhan.values.txt"
    );
    if std::env::var_os("NEWSFACTS_BLESS").is_some() {
        std::fs::write(path, &got).unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
    }
    let want = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        got, want,
        "golden snapshot differs; review and re-record with NEWSFACTS_BLESS=1"
    );
}
