//! Property test of the whole pipeline as the service runs it: on random and hostile input
//! nothing panics, and every span of the response slices the original text to exactly its
//! surface, in all three offset units.

mod common;

use common::assert_spans_exact;
use newsfacts::pipeline;
use newsfacts::service::convert::{prepare, to_response};
use newsfacts::service::{pb, Limits};
use proptest::prelude::*;

const UNITS: [pb::OffsetUnit; 3] = [
    pb::OffsetUnit::Utf8Bytes,
    pb::OffsetUnit::Utf16CodeUnits,
    pb::OffsetUnit::CodePoints,
];

fn check(text: &str, html: bool) {
    let mut doc = None;
    for unit in UNITS {
        let article = pb::Article {
            id: "p".into(),
            body: Some(pb::article::Body::Text(text.to_string())),
            content_type: if html {
                pb::ContentType::Html
            } else {
                pb::ContentType::PlainText
            } as i32,
            ..Default::default()
        };
        let options = pb::ExtractOptions {
            offset_unit: unit as i32,
            include: vec![],
        };
        let Ok(prepared) = prepare(Some(article), Some(options), &Limits::default()) else {
            // Only empty or whitespace-only bodies may be refused here.
            assert!(text.trim().is_empty(), "refused non-empty text {text:?}");
            continue;
        };
        // The core runs once per text; only the conversion differs between units.
        let doc = doc.get_or_insert_with(|| pipeline::extract(&prepared.input()));
        let response = to_response(&prepared, doc);
        assert_spans_exact(text, &response);
    }
}

/// Pieces that hostile scraped text is made of.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ,.;:'\"()-]{0,12}",
        Just("<p>".to_string()),
        Just("</div>".to_string()),
        Just("<script>x<y</script>".to_string()),
        Just("<!-- c -->".to_string()),
        Just("&amp;".to_string()),
        Just("&#8217;".to_string()),
        Just("&bogus;".to_string()),
        Just("&".to_string()),
        Just("<".to_string()),
        Just("} ?>".to_string()),
        Just("\u{0}".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{200b}".to_string()),
        Just("😀".to_string()),
        Just("武汉".to_string()),
        Just("مرحبا".to_string()),
        Just("“Quote,” he said.".to_string()),
        Just("U.S. Inc. Mr. No. 5,000 USD54.7".to_string()),
        Just("(Yicai) May 16 -- ".to_string()),
        Just("Editors: A B, C D".to_string()),
        "\\PC{0,8}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn spans_are_exact_on_hostile_input(pieces in proptest::collection::vec(piece(), 0..40), html in any::<bool>()) {
        check(&pieces.concat(), html);
    }

    #[test]
    fn spans_are_exact_on_arbitrary_unicode(text in "\\PC{0,300}") {
        check(&text, false);
    }
}

#[test]
fn one_mebibyte_of_one_character() {
    check(&"a".repeat(1024 * 1024 - 1), false);
    check(&"Aa ".repeat(100_000), false);
    check(&"é".repeat(512 * 1024 - 1), false);
    check(&"<".repeat(1024 * 1024 - 1), true);
}

#[test]
fn the_example_article_in_every_unit() {
    check(common::EXAMPLE, false);
}
