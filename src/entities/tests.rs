//! Whole-stage tests: a trivial tokenizer standing in for the text layer, the example
//! article's expectations, span integrity and hostile input.

use super::*;

/// Splits text into sentences of PTB-like token spans (test stand-in for the text layer).
pub(crate) fn simple_sentences(text: &str, start: usize, end: usize) -> Vec<SentenceTokens> {
    let mut tokens: Vec<Span> = Vec::new();
    let body = text.get(start..end).unwrap_or("");
    let mut pos = start;
    for chunk in body.split_inclusive(char::is_whitespace) {
        let word = chunk.trim_end();
        let (mut a, mut b) = (pos, pos + word.len());
        pos += chunk.len();
        let mut tail: Vec<Span> = Vec::new();
        while a < b {
            let w = &text[a..b];
            let first = w.chars().next().unwrap_or(' ');
            if "([\"“‘'".contains(first) && w.len() > first.len_utf8() {
                tokens.push(Span::new(a, a + first.len_utf8()));
                a += first.len_utf8();
                continue;
            }
            let last = w.chars().last().unwrap_or(' ');
            let abbrev = last == '.' && (w[..w.len() - 1].contains('.') || w.len() == 2);
            if ",.;:!?)]\"”’".contains(last) && w.len() > last.len_utf8() && !abbrev {
                tail.push(Span::new(b - last.len_utf8(), b));
                b -= last.len_utf8();
                continue;
            }
            for poss in ["’s", "'s"] {
                if w.len() > poss.len() && w.ends_with(poss) {
                    tail.push(Span::new(b - poss.len(), b));
                    b -= poss.len();
                }
            }
            break;
        }
        if a < b {
            tokens.push(Span::new(a, b));
        }
        tokens.extend(tail.into_iter().rev());
    }
    let mut out = Vec::new();
    let mut cur: Vec<Span> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        cur.push(*t);
        let w = t.slice(text);
        let next_upper = tokens.get(i + 1).is_none_or(|n| {
            n.slice(text)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase())
        });
        let newline = tokens
            .get(i + 1)
            .is_some_and(|n| text[t.end as usize..n.start as usize].contains('\n'));
        if (matches!(w, "." | "?" | "!") && next_upper) || newline {
            let span = cur[0].cover(*t);
            out.push(SentenceTokens {
                span,
                tokens: std::mem::take(&mut cur),
            });
        }
    }
    if let (Some(f), Some(l)) = (cur.first(), cur.last()) {
        out.push(SentenceTokens {
            span: f.cover(*l),
            tokens: cur.clone(),
        });
    }
    out
}

const ARTICLE: &str = include_str!("../../tests/fixtures/entities/yicai-amazon-wuhan.txt");

fn article_entities() -> Vec<Entity> {
    let text = ARTICLE;
    let body_start = text.find("International e-commerce").unwrap_or(0);
    let trailer = text.find("Editors:").unwrap_or(text.len());
    let sentences = simple_sentences(text, body_start, trailer);
    let outlet = text.find("Yicai").unwrap_or(0);
    let editors = trailer + "Editors: ".len();
    let meta = [
        MetaField {
            kind: MetaFieldKind::Outlet,
            span: Span::new(outlet, outlet + 5),
        },
        MetaField {
            kind: MetaFieldKind::Editor,
            span: Span::new(editors, text.trim_end().len()),
        },
    ];
    extract(&EntityInput {
        text,
        sentences: &sentences,
        metadata_fields: &meta,
    })
}

fn find<'a>(ents: &'a [Entity], name: &str) -> &'a Entity {
    ents.iter()
        .find(|e| e.canonical == name)
        .unwrap_or_else(|| {
            let all: Vec<_> = ents
                .iter()
                .map(|e| (e.canonical.as_str(), e.kind))
                .collect();
            panic!("no entity {name:?} in {all:?}")
        })
}

#[test]
fn example_article_entities_and_types() {
    let ents = article_entities();
    let cases = [
        ("Amazon Global Selling", EntityKind::Organization),
        ("Amazon China", EntityKind::Organization),
        ("Amazon", EntityKind::Organization),
        ("Yicai", EntityKind::Organization),
        ("Song Xiaojun", EntityKind::Person),
        ("Tang Shihua", EntityKind::Person),
        ("Futura Costaglione", EntityKind::Person),
        ("Wuhan", EntityKind::Location),
        ("Zhengzhou", EntityKind::Location),
        ("Henan", EntityKind::Location),
        ("China", EntityKind::Location),
    ];
    for (name, kind) in cases {
        assert_eq!(find(&ents, name).kind, kind, "{name}");
    }
    assert_eq!(find(&ents, "Hubei").kind, EntityKind::Location);
    assert!(find(&ents, "Hubei")
        .mentions
        .iter()
        .any(|m| m.text == "Hubei province"));
    // Song is clustered into Song Xiaojun.
    let song = find(&ents, "Song Xiaojun");
    assert!(
        song.mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Surname)
            .count()
            >= 3,
        "{:?}",
        song.mentions
    );
    assert!(!ents.iter().any(|e| e.canonical == "Song"));
    // Amazon’s is a possessive mention of Amazon; three distinct Amazon organisations.
    let amazon = find(&ents, "Amazon");
    assert!(amazon
        .mentions
        .iter()
        .any(|m| m.kind == MentionKind::Possessive && m.text == "Amazon"));
    let china_org = find(&ents, "Amazon China");
    assert_eq!(china_org.related, vec![(amazon.id, Relation::PartOf)]);
    // Metadata entities.
    for name in ["Yicai", "Tang Shihua", "Futura Costaglione"] {
        assert!(
            find(&ents, name).mentions.iter().any(|m| m.from_metadata),
            "{name}"
        );
    }
}

#[test]
fn example_article_places() {
    let ents = article_entities();
    let place = |name: &str| {
        find(&ents, name)
            .place
            .clone()
            .unwrap_or_else(|| panic!("{name} has no place"))
    };
    let cases = [
        ("Wuhan", PlaceKind::City, Some("Hubei")),
        ("Zhengzhou", PlaceKind::City, Some("Henan")),
        ("Henan", PlaceKind::Region, Some("Henan")),
        ("China", PlaceKind::Country, None),
    ];
    for (name, kind, admin1) in cases {
        let p = place(name);
        assert_eq!(p.kind, kind, "{name}");
        assert_eq!(p.country_code.as_deref(), Some("CN"), "{name}");
        if admin1.is_some() {
            assert_eq!(p.admin1.as_deref(), admin1, "{name}");
        }
    }
    assert_eq!(place("Henan").iso_code.as_deref(), Some("CN-HA"));
    assert_eq!(place("China").iso_code.as_deref(), Some("CN"));
    assert!(place("Wuhan").geonames_id.is_some() && place("Wuhan").lat.is_some());
    assert_eq!(place("Hubei").iso_code.as_deref(), Some("CN-HB"));
}

/// Entities of a short text, one sentence per line.
fn text_entities(text: &str) -> Vec<Entity> {
    let sentences = simple_sentences(text, 0, text.len());
    extract(&EntityInput {
        text,
        sentences: &sentences,
        metadata_fields: &[],
    })
}

#[test]
fn places_follow_their_qualifier_then_a_bounded_context() {
    // (text, place, its country, its first-level region)
    let cases: &[(&str, &str, &str, Option<&str>)] = &[
        // "City, Region" keeps the city inside the region, even against the context.
        (
            "Smith lives in Paris, Texas, and visited Portland, Maine, last year.",
            "Portland",
            "US",
            Some("Maine"),
        ),
        (
            "Smith lives in Paris, Texas, and visited Portland, Maine, last year.",
            "Paris",
            "US",
            Some("Texas"),
        ),
        // The qualifier is resolved inside-out too: Georgia here is the US state.
        (
            "The company moved to Atlanta, Georgia, in May.",
            "Georgia",
            "US",
            Some("Georgia"),
        ),
        (
            "Jones flew to Paris, France, on Monday.",
            "Paris",
            "FR",
            None,
        ),
        // Many places of one country do not carry a small namesake past a world city.
        (
            "Voters in Iowa, Texas, Ohio, Nevada, Florida and Kentucky watched the debate. \
             After the attacks in Paris, security was tight in Las Vegas.",
            "Paris",
            "FR",
            None,
        ),
        // A national capital is known by its bare name, against a larger namesake region.
        (
            "The senator from Ohio flew back to Washington on Monday.",
            "Washington",
            "US",
            Some("District of Columbia"),
        ),
        // Without any qualifier, the region of the article still decides between namesakes.
        (
            "Maine voters went to the polls. In Portland, turnout was high.",
            "Portland",
            "US",
            Some("Maine"),
        ),
    ];
    for &(text, name, country, admin1) in cases {
        let ents = text_entities(text);
        let p = find(&ents, name)
            .place
            .clone()
            .unwrap_or_else(|| panic!("{name} has no place in {text:?}"));
        assert_eq!(
            p.country_code.as_deref(),
            Some(country),
            "{name} in {text:?}"
        );
        if admin1.is_some() {
            assert_eq!(p.admin1.as_deref(), admin1, "{name} in {text:?}");
        }
    }
}

#[test]
fn example_article_invariants() {
    let ents = article_entities();
    for (k, e) in ents.iter().enumerate() {
        assert_eq!(e.id as usize, k);
        assert!((0.0..=1.0).contains(&e.salience));
        for m in &e.mentions {
            assert_eq!(m.span.slice(ARTICLE), m.text);
        }
    }
    for w in ents.windows(2) {
        assert!(w[0].salience >= w[1].salience);
    }
    // Amazon and Amazon Global Selling are among the three most salient entities;
    // metadata-only entities come last.
    let top: Vec<&str> = ents.iter().take(3).map(|e| e.canonical.as_str()).collect();
    assert!(
        top.contains(&"Amazon") && top.contains(&"Amazon Global Selling"),
        "{top:?}"
    );
    assert!(ents
        .iter()
        .rev()
        .take(2)
        .all(|e| e.mentions.iter().all(|m| m.from_metadata)));
}

#[test]
fn hostile_input_does_not_panic() {
    let texts = [
        "",
        " ",
        "é’s ’s",
        "(((",
        "A",
        "Ä\u{301}B (C) ’s",
        "U.S. U.S. (US) The The",
    ];
    for text in texts {
        let sentences = simple_sentences(text, 0, text.len());
        let mut bad = sentences.clone();
        bad.push(SentenceTokens {
            span: Span::new(0, 999),
            tokens: vec![Span::new(5, 2), Span::new(0, 999), Span::new(1, 2)],
        });
        let meta = [MetaField {
            kind: MetaFieldKind::Editor,
            span: Span::new(0, text.len() + 3),
        }];
        for s in [&sentences, &bad] {
            let ents = extract(&EntityInput {
                text,
                sentences: s,
                metadata_fields: &meta,
            });
            for e in ents {
                for m in e.mentions {
                    assert_eq!(m.span.slice(text), m.text);
                }
            }
        }
    }
}

#[test]
fn metadata_fields_are_trimmed_and_split() {
    let text = "(Reuters) body. Editors: Ann Lee, Bo Chen and Cy Dee";
    let editors = text.find("Editors").unwrap_or(0);
    let meta = [
        MetaField {
            kind: MetaFieldKind::Outlet,
            span: Span::new(0, 9),
        },
        MetaField {
            kind: MetaFieldKind::Editor,
            span: Span::new(editors, text.len()),
        },
    ];
    let ents = extract(&EntityInput {
        text,
        sentences: &[],
        metadata_fields: &meta,
    });
    let mut got: Vec<(&str, EntityKind)> = ents
        .iter()
        .map(|e| (e.canonical.as_str(), e.kind))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            ("Ann Lee", EntityKind::Person),
            ("Bo Chen", EntityKind::Person),
            ("Cy Dee", EntityKind::Person),
            ("Reuters", EntityKind::Organization)
        ]
    );
    for e in &ents {
        assert!(e
            .mentions
            .iter()
            .all(|m| m.from_metadata && m.span.slice(text) == m.text));
    }
}

#[test]
fn tokenizer_helper_splits_possessives_and_punctuation() {
    let text = "Amazon’s U.S. office (Wuhan), China.";
    let s = simple_sentences(text, 0, text.len());
    let toks: Vec<&str> = s
        .iter()
        .flat_map(|s| s.tokens.iter().map(|t| t.slice(text)))
        .collect();
    assert_eq!(
        toks,
        vec!["Amazon", "’s", "U.S.", "office", "(", "Wuhan", ")", ",", "China", "."]
    );
}

/// Whole-article snapshot: reviewed in diffs; re-record with `UPDATE_GOLDEN=1 cargo test`.
#[test]
fn example_article_golden() {
    let mut out = String::new();
    for e in article_entities() {
        let place = e.place.as_ref().map(|p| {
            format!(
                " place={:?} {} iso={} country={} admin1={} geonames={}",
                p.kind,
                p.name,
                p.iso_code.as_deref().unwrap_or("-"),
                p.country_code.as_deref().unwrap_or("-"),
                p.admin1.as_deref().unwrap_or("-"),
                p.geonames_id
                    .map(|g| g.to_string())
                    .unwrap_or_else(|| "-".into())
            )
        });
        out.push_str(&format!(
            "{} {:?} {:?} salience={:.3}{} related={:?}\n",
            e.id,
            e.kind,
            e.canonical,
            e.salience,
            place.unwrap_or_default(),
            e.related
        ));
        for m in &e.mentions {
            out.push_str(&format!(
                "    {}..{} {:?} {:?}{}\n",
                m.span.start,
                m.span.end,
                m.text,
                m.kind,
                if m.from_metadata { " metadata" } else { "" }
            ));
        }
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/entities/yicai-amazon-wuhan.golden"
    );
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &out).unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
    }
    let want = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        out, want,
        "golden differs; review and re-record with UPDATE_GOLDEN=1"
    );
}

/// Deterministic pseudo-random hostile input: random strings from a nasty alphabet,
/// random (even broken) token spans. Nothing may panic and every span must slice.
#[test]
fn random_input_never_panics() {
    let alphabet = [
        "A", "b", " ", "\n", "’s", "é", "(", ")", ",", ".", "U.S.", "Ä", "\u{301}", "-", "Wuhan",
        "the", "中",
    ];
    let mut rng = 0x1234_5678_u64;
    let mut next = |n: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % n as u64) as usize
    };
    for _ in 0..200 {
        let len = next(40);
        let text: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
        let mut sentences = simple_sentences(&text, 0, text.len());
        if next(3) == 0 {
            let a = next(text.len() + 3);
            let b = next(text.len() + 3);
            sentences.push(SentenceTokens {
                span: Span::new(a, b),
                tokens: vec![Span::new(a, b), Span::new(b, a)],
            });
        }
        let meta = [MetaField {
            kind: MetaFieldKind::Author,
            span: Span::new(next(text.len() + 1), text.len()),
        }];
        for e in extract(&EntityInput {
            text: &text,
            sentences: &sentences,
            metadata_fields: &meta,
        }) {
            assert!((0.0..=1.0).contains(&e.salience));
            for m in e.mentions {
                assert_eq!(m.span.slice(&text), m.text);
            }
        }
    }
}
