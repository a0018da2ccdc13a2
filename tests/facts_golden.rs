//! Whole-article tests of the facts stage: the example article (Yicai, published
//! 2024-05-16) with the facts it must give, and golden snapshots of every fact on articles
//! the rules were not written for (tests/fixtures/facts/*.golden, reviewed by reading).
//! Re-record a snapshot with `UPDATE_GOLDEN=1 cargo test --test facts_golden`, then read
//! the diff: a changed fact must be right, not just new.

use newsfacts::facts::display;
use newsfacts::pipeline::{extract, ArticleInput, Document, Published};
use newsfacts::text::ContentKind;

/// 2024-05-16T09:00:00+08:00.
const YICAI_PUBLISHED: i64 = 1_715_821_200;

fn run(text: &str, published: Option<i64>, tz: chrono_tz::Tz) -> Document {
    extract(&ArticleInput {
        text,
        kind: ContentKind::Plain,
        title: None,
        outlet: None,
        published: published.map(|s| Published {
            unix_seconds: s,
            nanos: 0,
            tz,
        }),
    })
}

fn summaries(doc: &Document) -> Vec<String> {
    let clean = doc.text.clean.as_str();
    doc.facts
        .iter()
        .map(|f| display::summary(clean, &doc.entities, &doc.values, f))
        .collect()
}

/// Asserts that some fact line starts with `head` and contains every one of `parts`.
fn expect(lines: &[String], head: &str, parts: &[&str]) {
    let found = lines
        .iter()
        .any(|l| l.starts_with(head) && parts.iter().all(|p| l.contains(p)));
    assert!(
        found,
        "no fact `{head}` with {parts:?}; facts:\n{}",
        lines.join("\n")
    );
}

#[test]
fn yicai_article_gives_the_expected_facts() {
    let doc = run(
        include_str!("fixtures/facts/yicai-amazon-wuhan.txt"),
        Some(YICAI_PUBLISHED),
        chrono_tz::Asia::Shanghai,
    );
    let lines = summaries(&doc);
    let table: &[(&str, &[&str])] = &[
        (
            "role [asserted]",
            &[
                "person=Song Xiaojun",
                "title=vice president",
                "organization=Amazon China",
            ],
        ),
        (
            "role [asserted]",
            &[
                "person=Song Xiaojun",
                "title=head",
                "organization=Amazon Global Selling",
                "unit=Chinese merchant expansion",
            ],
        ),
        (
            "opening [asserted]",
            &[
                "agent=Amazon Global Selling",
                "place=Wuhan",
                "time=2024-05-15",
            ],
        ),
        (
            "opening [asserted]",
            &[
                "agent=Amazon Global Selling",
                "object=regional officer",
                "place=Zhengzhou",
                "time=2024-05-10",
            ],
        ),
        (
            "opening [asserted]",
            &["agent=Amazon;", "object=19 overseas sites"],
        ),
        ("located_in [asserted]", &["place=Wuhan", "container=Hubei"]),
        (
            "capital_of [asserted]",
            &["capital=Zhengzhou", "place=Henan"],
        ),
        ("neighbor_of [asserted]", &["place=Henan", "neighbor=Hubei"]),
        (
            "metric [reported]",
            &[
                "subject=Amazon;",
                "metric=global online net sales value",
                "direction=rose",
                "change=7 %",
                "value=54700000000 USD",
                "period=2024-Q1",
                "basis=2023-Q1",
                "source=data provided by the company",
            ],
        ),
        (
            "plan [planned]",
            &[
                "action=provide full-link cross-border e-commerce services",
                "target=5000 local companies",
                "time_frame=P3Y",
            ],
        ),
        (
            "plan [planned]",
            &[
                "agent=Amazon;",
                "action=create 100 globally recognized brands",
                "target=100 globally recognized brands",
                "time_frame=PXY (P2Y..P3Y)",
            ],
        ),
    ];
    for (head, parts) in table {
        expect(&lines, head, parts);
    }
    // Never twice the same fact: the Wuhan opening is stated in two sentences.
    let wuhan_openings = lines
        .iter()
        .filter(|l| l.starts_with("opening") && l.contains("place=Wuhan"))
        .count();
    assert_eq!(wuhan_openings, 1, "{}", lines.join("\n"));
    // Every argument points into this document.
    for f in &doc.facts {
        for a in &f.args {
            match a.target {
                newsfacts::facts::ArgTarget::Entity(e) => {
                    assert!(doc.entities.iter().any(|x| x.id == e))
                }
                newsfacts::facts::ArgTarget::Value(i) => assert!((i as usize) < doc.values.len()),
                newsfacts::facts::ArgTarget::Text(s) | newsfacts::facts::ArgTarget::Named(s, _) => {
                    assert!(!s.slice(doc.text.clean.as_str()).is_empty())
                }
            }
        }
    }
}

/// Compares the fact lines of a fixture with its `.golden` snapshot. `published` is the
/// article's date (MEANTIME's document creation time), read at noon UTC.
fn golden(name: &str, text: &str, published: Option<&str>) {
    let seconds = published.map(|d| {
        let date = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("bad date {d}: {e}"));
        date.and_hms_opt(12, 0, 0)
            .map_or(0, |t| t.and_utc().timestamp())
    });
    check_snapshot(name, &run(text, seconds, chrono_tz::UTC));
}

/// Compares the fact lines of `doc` with `tests/fixtures/facts/{name}.golden`, or rewrites
/// the snapshot when UPDATE_GOLDEN is set.
fn check_snapshot(name: &str, doc: &Document) {
    let got = summaries(doc).join("\n") + "\n";
    let path = format!(
        "{}/tests/fixtures/facts/{name}.golden",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &got).unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    assert_eq!(
        got, want,
        "facts of {name} changed; read the diff, then re-record with UPDATE_GOLDEN=1"
    );
}

#[test]
fn yicai_golden() {
    let doc = run(
        include_str!("fixtures/facts/yicai-amazon-wuhan.txt"),
        Some(YICAI_PUBLISHED),
        chrono_tz::Asia::Shanghai,
    );
    check_snapshot("yicai-amazon-wuhan", &doc);
}

/// Articles the rules were not written for: (fixture name, text, publication date).
const UNSEEN: &[(&str, &str, Option<&str>)] = &[
    (
        "gum-news-afghan",
        include_str!("fixtures/facts/gum-news-afghan.txt"),
        None,
    ),
    (
        "gum-news-asylum",
        include_str!("fixtures/facts/gum-news-asylum.txt"),
        None,
    ),
    (
        "gum-news-crane",
        include_str!("fixtures/facts/gum-news-crane.txt"),
        None,
    ),
    (
        "gum-news-clock",
        include_str!("fixtures/facts/gum-news-clock.txt"),
        None,
    ),
    (
        "gum-news-nasa",
        include_str!("fixtures/facts/gum-news-nasa.txt"),
        None,
    ),
    (
        "gum-news-warhol",
        include_str!("fixtures/facts/gum-news-warhol.txt"),
        None,
    ),
    (
        "meantime-100911-northrop-grumman-and-airbus",
        include_str!("fixtures/facts/meantime-100911-northrop-grumman-and-airbus.txt"),
        Some("2008-03-01"),
    ),
    (
        "meantime-41882-boeing-delivers-final-717",
        include_str!("fixtures/facts/meantime-41882-boeing-delivers-final-717.txt"),
        Some("2006-05-29"),
    ),
    (
        "meantime-61389-airbus-announces-job-cuts",
        include_str!("fixtures/facts/meantime-61389-airbus-announces-job-cuts.txt"),
        Some("2007-02-28"),
    ),
    (
        "meantime-265977-apple-announces-mac-os",
        include_str!("fixtures/facts/meantime-265977-apple-announces-mac-os.txt"),
        Some("2011-06-07"),
    ),
    (
        "meantime-279494-apple-executive-steve",
        include_str!("fixtures/facts/meantime-279494-apple-executive-steve.txt"),
        Some("2011-08-25"),
    ),
];

#[test]
fn unseen_articles_golden() {
    for (name, text, published) in UNSEEN {
        golden(name, text, *published);
    }
}
