//! The corpus of the fact rules: short articles run through the whole pipeline (text,
//! values, entities, quotes, facts), each with the fact lines it must give and the fact
//! kinds it must not give. One harness runs every case; each rule has at least one case that
//! must match and one that must not. Lines are `display::summary` renderings, matched by
//! "starts with the kind and contains every part" (a part written `!x` must be absent).

use crate::facts::display;
use crate::pipeline::{extract, ArticleInput, Published};
use crate::text::ContentKind;

/// 2024-05-16T12:00:00Z: the reference for relative dates.
const PUBLISHED: i64 = 1_715_860_800;

fn fact_lines(text: &str) -> Vec<String> {
    let doc = extract(&ArticleInput {
        text,
        kind: ContentKind::Plain,
        title: None,
        outlet: None,
        published: Some(Published {
            unix_seconds: PUBLISHED,
            nanos: 0,
            tz: chrono_tz::UTC,
        }),
    });
    let clean = doc.text.clean.as_str();
    doc.facts
        .iter()
        .map(|f| display::summary(clean, &doc.entities, &doc.values, f))
        .collect()
}

/// (text, lines that must be there as [kind-and-modality prefix, parts...], kinds that must not).
type Case = (
    &'static str,
    &'static [&'static [&'static str]],
    &'static [&'static str],
);

const CASES: &[Case] = &[
    // roles
    (
        "Song Xiaojun, vice president of Amazon China, spoke at the ceremony.",
        &[&["role [asserted]", "person=Song Xiaojun", "title=vice president", "organization=Amazon China", "!status="]],
        &[],
    ),
    ("Google Inc. spokesman John Smith declined to comment.", &[&["role [asserted]", "person=John Smith", "title=spokesman", "organization=Google Inc."]], &[]),
    (
        "Jane Doe was appointed chief financial officer of Siemens on Monday.",
        &[&["role [asserted]", "person=Jane Doe", "title=chief financial officer", "organization=Siemens"], &["appointment [asserted]", "person=Jane Doe", "time=2024-05-13"]],
        &[],
    ),
    ("John Smith, a resident of Kabul, said the market was closed.", &[], &["role"]),
    // the tagger cut the organisation short: the name's rest is not a unit of it, and a
    // capitalised word before it belongs to it
    (
        "Stephen Loomis, president of the Cleveland Police Patrolmen's Association, said it was calm.",
        &[&["role [asserted]", "person=Stephen Loomis", "title=president;", "organization=Cleveland Police Patrolmen's Association", "!unit="]],
        &[],
    ),
    (
        "Song Xiaojun, vice president of Amazon China and head of Amazon Global Selling’s Chinese merchant expansion, spoke.",
        &[&["role [asserted]", "person=Song Xiaojun", "title=head;", "organization=Amazon Global Selling", "unit=Chinese merchant expansion"]],
        &[],
    ),
    ("\"There were 24 arrests,\" Republican National Committee spokesman Sean Spicer told me.", &[], &["role"]),
    (
        "Thomas Hanify, the president of the Indiana state firefighters union, said it was time.",
        &[],
        &["role"],
    ),
    // the tagger cut the organisation short: "United States" is not the employer
    (
        "Javier Palomarez, the president of the United States Hispanic Chamber of Commerce, said it was time.",
        &[],
        &["role"],
    ),
    (
        "Google Inc. spokesman Al Ray spoke. The deal was welcomed by John Smith, Chairman and Chief Operating Officer of Google Inc., on Monday.",
        &[&["role [asserted]", "person=John Smith", "title=Chairman;", "organization=Google Inc."], &["role [asserted]", "person=John Smith", "title=Chief Operating Officer", "organization=Google Inc."]],
        &[],
    ),
    (
        "The team drew notice from critics of U.S. President Donald Trump on Tuesday.",
        &[&["role [asserted]", "person=Donald Trump", "title=President"]],
        &[],
    ),
    // "general" after an office noun heads the title, which belongs to the place
    (
        "U.S. Attorney General Loretta Lynch said the inquiry would continue.",
        &[&["role [asserted]", "person=Loretta Lynch", "title=Attorney General", "organization=U.S.", "!status="]],
        &[],
    ),
    ("The company's general counsel John Smith spoke.", &[], &["role"]),
    // a place glued to "then-" is a past role of that place
    (
        "The plan was drafted under then-Texas Governor Rick Perry in 2009.",
        &[&["role [asserted]", "person=Rick Perry", "title=Governor", "organization=Texas", "status=former"]],
        &[],
    ),
    ("The plan was drafted under then-CEO Tim Cook in 2009.", &[], &["role"]),
    // past roles: reported with status=former (whatever the marker), present ones never
    (
        "The speech by former U.S. President Bill Clinton was long.",
        &[&["role [asserted]", "person=Bill Clinton", "title=President", "status=former"]],
        &[],
    ),
    (
        "Microsoft's former CEO Steve Ballmer bought the team.",
        &[&["role [asserted]", "person=Steve Ballmer", "title=CEO", "organization=Microsoft", "status=former"]],
        &[],
    ),
    (
        "The team was bought by former Google Inc. CEO Eric Schmidt.",
        &[&["role [asserted]", "person=Eric Schmidt", "title=CEO;", "organization=Google Inc.", "status=former", "| \"former Google"]],
        &[],
    ),
    (
        "Google Inc. ex-CEO Eric Schmidt bought the team.",
        &[&["role [asserted]", "person=Eric Schmidt", "title=CEO;", "organization=Google Inc.", "status=former"]],
        &[],
    ),
    (
        "The bill was backed by Microsoft's then-CEO Steve Ballmer in 2010.",
        &[&["role [asserted]", "person=Steve Ballmer", "title=CEO;", "organization=Microsoft", "status=former"]],
        &[],
    ),
    (
        "The phone was unveiled by Apple's late CEO Steve Jobs.",
        &[&["role [asserted]", "person=Steve Jobs", "title=CEO;", "organization=Apple", "status=former"]],
        &[],
    ),
    (
        "Steve Ballmer, the former chief executive of Microsoft, bought the team.",
        &[&["role [asserted]", "person=Steve Ballmer", "title=chief executive;", "organization=Microsoft", "status=former"]],
        &[],
    ),
    (
        "Microsoft's CEO Satya Nadella met former U.S. President Bill Clinton on Monday.",
        &[
            &["role [asserted]", "person=Satya Nadella", "title=CEO;", "organization=Microsoft", "!status="],
            &["role [asserted]", "person=Bill Clinton", "title=President", "status=former"],
        ],
        &[],
    ),
    (
        "John Smith, vice president and former CEO of Google Inc., spoke on Monday.",
        &[
            &["role [asserted]", "person=John Smith", "title=vice president;", "organization=Google Inc.", "!status="],
            &["role [asserted]", "person=John Smith", "title=CEO;", "organization=Google Inc.", "status=former"],
        ],
        &[],
    ),
    // US political titles, abbreviated, with the state before the title or after the name
    (
        "Missouri Sen. Claire McCaskill said the bill was dead.",
        &[&["role [asserted]", "person=Claire McCaskill", "title=Sen.", "organization=Missouri", "<place> <title> <person>"]],
        &[],
    ),
    (
        "Sen. Ted Cruz of Texas and Gov. Andrew Cuomo of New York spoke on Monday.",
        &[
            &["role [asserted]", "person=Ted Cruz", "title=Sen.", "organization=Texas", "<title> <person> of <place>"],
            &["role [asserted]", "person=Andrew Cuomo", "title=Gov.", "organization=New York"],
        ],
        &[],
    ),
    // "then-" and "ex-" glued to a name are past markers of the role after them
    (
        "He met then-U.S. President Barack Obama on Monday.",
        &[&["role [asserted]", "person=Barack Obama", "title=President", "organization=U.S.", "status=former"]],
        &[],
    ),
    // a name "of" a place without a political title before it is no role
    ("Mr. John Smith of Texas said the market was closed.", &[], &["role"]),
    // roles from nationality adjectives: the country is the organisation argument
    (
        "Mexican President Felipe Calderon visited the plant on Monday.",
        &[&["role [asserted]", "person=Felipe Calderon", "title=President;", "organization=Mexico", "!status="]],
        &[],
    ),
    (
        "German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin.",
        &[
            &["role [asserted]", "person=Angela Merkel", "title=Chancellor;", "organization=Germany"],
            &["role [asserted]", "person=Emmanuel Macron", "title=President;", "organization=France"],
        ],
        &[],
    ),
    (
        "The British Foreign Secretary, Boris Johnson, said the talks had failed.",
        &[&["role [asserted]", "person=Boris Johnson", "title=Foreign Secretary;", "organization=United Kingdom"]],
        &[],
    ),
    (
        "The talks were led by former British Prime Minister Tony Blair.",
        &[&["role [asserted]", "person=Tony Blair", "title=Prime Minister;", "organization=United Kingdom", "status=former"]],
        &[],
    ),
    ("British economist John Smith said the pound would fall.", &[], &["role"]),
    ("Like the German chancellor, Barack Obama said the plan would work.", &[], &["role"]),
    (
        "The New Zealand Prime Minister, Jacinda Ardern, said the talks had failed.",
        &[&["role [asserted]", "person=Jacinda Ardern", "title=Prime Minister;", "organization=New Zealand", "the <place> <title>, <person>"]],
        &[],
    ),
    (
        "The meeting was hosted by North Korean leader Kim Jong Un.",
        &[&["role [asserted]", "person=Kim Jong Un", "title=leader;", "organization=North Korea", "<nationality> <title> <person>"]],
        &[],
    ),
    // events
    (
        "Tesla opened a new factory in Berlin on March 22, 2022.",
        &[&["opening [asserted]", "agent=Tesla", "object=new factory", "place=Berlin", "time=2022-03-22"]],
        &[],
    ),
    ("On Monday, Microsoft Corp. acquired LinkedIn Corp. for $26.2 billion.", &[&["acquisition [asserted]", "agent=Microsoft Corp.", "object=LinkedIn Corp.", "amount=26200000000 USD", "time=2024-05-13"]], &[]),
    ("On Monday, Microsoft Corp. may acquire LinkedIn Corp. next year.", &[&["acquisition [speculative]", "agent=Microsoft Corp.", "object=LinkedIn Corp."]], &[]),
    (
        "Google Inc., the search company, has announced 10,000 job cuts over the next four years.",
        &[&["layoff [asserted]", "agent=Google Inc.", "amount=10000 job cuts", "time_frame=P4Y"]],
        &[],
    ),
    ("Police opened fire on the protesters in Kabul.", &[], &["opening"]),
    ("The store opened its doors to the public.", &[], &["opening"]),
    ("The Army launched an offensive in Kandahar.", &[], &["launch"]),
    // places
    ("He lives in Kabul, Afghanistan.", &[&["located_in [asserted]", "place=Kabul", "container=Afghanistan"]], &[]),
    ("Flights to Paris, London and Berlin were cancelled.", &[], &["located_in"]),
    ("The fair was held in Lyon, Germany.", &[], &["located_in"]),
    ("Ottawa is the capital of Canada.", &[&["capital_of [asserted]", "capital=Ottawa", "place=Canada"]], &[]),
    // metrics
    (
        "Google Inc.'s revenue rose 5 percent to $90 billion in the first quarter of the year.",
        &[&["metric [asserted]", "subject=Google Inc.", "metric=revenue", "direction=rose", "change=5 %", "value=90000000000 USD", "period=2024-Q1"]],
        &[],
    ),
    (
        "In the first quarter of 2024, Google Inc.'s revenue rose 5 percent.",
        &[&["metric [asserted]", "subject=Google Inc.", "metric=revenue", "change=5 %", "period=2024-Q1"]],
        &[],
    ),
    ("Tensions rose sharply in the region.", &[], &["metric"]),
    ("The shares of the American computer company increased by 5 percent.", &[], &["metric"]),
    // plans
    ("Ford Motor Co. plans to hire 5,000 workers.", &[&["plan [planned]", "agent=Ford Motor Co.", "action=hire 5,000 workers", "target=5000 workers"]], &[]),
    // a plan in reported words ends with them; a bare number is no target; a past period is
    // no time frame
    (
        "Ford Motor Co. plans to hire 5,000 workers in Ohio and Texas, the company told Reuters.",
        &[&["plan [", "agent=Ford Motor Co.", "action=hire 5,000 workers in Ohio and Texas;", "!told"]],
        &[],
    ),
    (
        "Ford Motor Co. plans to move into the top 10 by 2025.",
        &[&["plan [planned]", "agent=Ford Motor Co.", "time_frame=2025", "!target="]],
        &[],
    ),
    ("The new ad, which will run statewide in Ohio, attacks positions taken in the past few weeks.", &[], &["plan"]),
    ("The new plane will use 20 percent less fuel.", &[], &["plan"]),
];

#[test]
fn every_case_gives_its_facts_and_no_forbidden_kind() {
    let mut failures = Vec::new();
    for (text, expected, forbidden) in CASES {
        let lines = fact_lines(text);
        for parts in *expected {
            let Some((head, rest)) = parts.split_first() else {
                continue;
            };
            // A part written "!x" must be absent from the line.
            let fits = |l: &String| {
                l.starts_with(head)
                    && rest.iter().all(|p| match p.strip_prefix('!') {
                        Some(absent) => !l.contains(absent),
                        None => l.contains(p),
                    })
            };
            if !lines.iter().any(fits) {
                failures.push(format!("{text:?}: missing {parts:?}; got {lines:#?}"));
            }
        }
        for kind in *forbidden {
            if let Some(l) = lines.iter().find(|l| l.starts_with(&format!("{kind} "))) {
                failures.push(format!("{text:?}: must not give {kind}; got {l}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A nationality adjective points at the article's entity for its country when there is one,
/// else it is a text argument (the adjective) shown as the country's name.
#[test]
fn nationality_roles_point_at_the_country_entity_when_the_article_has_one() {
    use crate::facts::{ArgTarget, FactKind};
    let cases: &[(&str, bool)] = &[
        (
            "Mexico is growing fast. Mexican President Felipe Calderon spoke on Monday.",
            true,
        ),
        ("Mexican President Felipe Calderon spoke on Monday.", false),
    ];
    for &(text, has_entity) in cases {
        let doc = extract(&ArticleInput {
            text,
            kind: ContentKind::Plain,
            title: None,
            outlet: None,
            published: None,
        });
        let org = doc
            .facts
            .iter()
            .filter(|f| f.kind == FactKind::Role)
            .find_map(|f| f.arg("organization"));
        match org {
            Some(ArgTarget::Entity(e)) if has_entity => {
                let country = crate::facts::entity(&doc.entities, e).map(|x| x.canonical.as_str());
                assert_eq!(country, Some("Mexico"), "{text}");
            }
            Some(ArgTarget::Named(span, name)) if !has_entity => {
                assert_eq!(
                    (span.slice(doc.text.clean.as_str()), name),
                    ("Mexican", "Mexico"),
                    "{text}"
                );
            }
            other => panic!("{text}: organization {other:?}; facts {:#?}", doc.facts),
        }
    }
}

#[test]
fn hostile_inputs_do_not_panic() {
    for text in [
        "",
        ",",
        "’s",
        "opened",
        "will",
        "rose to",
        "X, the capital of",
        "A, B’s neighboring",
        "\u{0}\u{feff}“",
        "Amazon opened 5",
    ] {
        let _ = fact_lines(text);
    }
    // Long repetitive sentences: every rule looks at a bounded window, so these stay linear.
    for piece in [
        "opened ",
        "will ",
        "rose 5 percent ",
        "Wuhan, China’s Hubei province ",
        "Song Xiaojun, vice president of ",
        "the former German Chancellor, Angela Merkel, ",
        "ex-",
        "then-CEO ",
    ] {
        let lines = fact_lines(&piece.repeat(1500));
        assert!(lines.len() <= 1500, "{} facts from {piece:?}", lines.len());
    }
}
