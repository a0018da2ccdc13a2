//! Entity regressions found by reading real output (PolNeAR articles with social-media embeds).

use newsfacts::pipeline::{self, ArticleInput};
use newsfacts::text::ContentKind;

fn names(text: &str) -> Vec<String> {
    let doc = pipeline::extract(&ArticleInput {
        text,
        kind: ContentKind::Plain,
        title: None,
        outlet: None,
        published: None,
    });
    doc.entities.iter().map(|e| e.canonical.clone()).collect()
}

#[test]
fn hashtags_handles_and_link_codes_are_not_entities() {
    let text = "Mary J. Blige sang to Hillary Clinton in a clip for Apple Music.\n\n\
                #MaryJBlige sings to @HillaryClinton pic.twitter.com/P2qpm3h3Pm — Apple Music (@AppleMusic) September 27, 2016";
    let found = names(text);
    for junk in ["MaryJBlige", "HillaryClinton", "AppleMusic", "P2qpm3h3Pm"] {
        assert!(
            !found.iter().any(|n| n == junk),
            "{junk} came out as an entity: {found:?}"
        );
    }
    // The names in the prose are still there.
    for name in ["Mary J. Blige", "Hillary Clinton", "Apple Music"] {
        assert!(found.iter().any(|n| n == name), "{name} missing: {found:?}");
    }
}
