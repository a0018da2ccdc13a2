//! The example article through the whole pipeline and the response conversion, as a client
//! sees it (published 2024-05-16 in Asia/Shanghai): the values, entities and attributions a
//! reader expects.

mod common;

use newsfacts::pipeline;
use newsfacts::service::convert::{prepare, to_response};
use newsfacts::service::{pb, Limits};

fn response(published: bool) -> pb::ExtractResponse {
    let article = pb::Article {
        id: "yicai".into(),
        body: Some(pb::article::Body::Text(common::EXAMPLE.to_string())),
        published_at: published.then_some(prost_types::Timestamp {
            seconds: 1_715_824_800,
            nanos: 0,
        }),
        time_zone: "Asia/Shanghai".into(),
        ..Default::default()
    };
    let prepared = prepare(Some(article), None, &Limits::default()).expect("valid request");
    let doc = pipeline::extract(&prepared.input());
    to_response(&prepared, &doc)
}

fn time_of<'a>(r: &'a pb::ExtractResponse, surface: &str) -> Vec<&'a pb::TimeValue> {
    r.values
        .iter()
        .filter(|v| v.span.as_ref().is_some_and(|s| s.text == surface))
        .filter_map(|v| match &v.value {
            Some(pb::value::Value::Time(t)) => Some(t),
            _ => None,
        })
        .collect()
}

#[test]
fn values_are_resolved_against_the_publication_date() {
    let r = response(true);
    let yesterday = time_of(&r, "yesterday");
    assert_eq!(yesterday.len(), 2);
    assert!(yesterday.iter().all(|t| t.value == "2024-05-15"));
    assert_eq!(time_of(&r, "May 10")[0].value, "2024-05-10");
    assert_eq!(
        time_of(&r, "the first quarter of the year")[0].value,
        "2024-Q1"
    );
    assert_eq!(time_of(&r, "a year earlier")[0].value, "2023-Q1");
    let within = time_of(&r, "three years")[0];
    assert_eq!(
        (within.value.as_str(), within.signal.as_str()),
        ("P3Y", "within")
    );
    let next = time_of(&r, "the next two to three years")[0];
    assert_eq!(
        (next.range_min.as_str(), next.range_max.as_str()),
        ("P2Y", "P3Y")
    );

    let money: Vec<&pb::MoneyValue> = r
        .values
        .iter()
        .filter_map(|v| match &v.value {
            Some(pb::value::Value::Money(m)) => Some(m),
            _ => None,
        })
        .collect();
    assert_eq!(money.len(), 1);
    assert_eq!(
        (money[0].amount.as_str(), money[0].currency.as_str()),
        ("54700000000", "USD")
    );
    let percent: Vec<&pb::PercentValue> = r
        .values
        .iter()
        .filter_map(|v| match &v.value {
            Some(pb::value::Value::Percent(p)) => Some(p),
            _ => None,
        })
        .collect();
    assert_eq!(percent[0].value, "7");
    let quantities: Vec<(&str, &str, i32)> = r
        .values
        .iter()
        .filter_map(|v| match &v.value {
            Some(pb::value::Value::Quantity(q)) => {
                Some((q.value.as_str(), q.unit.as_str(), q.modifier))
            }
            _ => None,
        })
        .collect();
    assert!(
        quantities.contains(&("5000", "local companies", pb::Modifier::MoreThan as i32)),
        "{quantities:?}"
    );
    assert!(
        quantities.contains(&("19", "overseas sites", 0)),
        "{quantities:?}"
    );
    assert!(
        quantities.contains(&(
            "200",
            "countries and regions",
            pb::Modifier::MoreThan as i32
        )),
        "{quantities:?}"
    );
    assert!(
        quantities.contains(&("100", "globally recognized brands", 0)),
        "{quantities:?}"
    );
}

#[test]
fn without_publication_time_dates_keep_the_dateline_month_and_day() {
    let r = response(false);
    assert_eq!(time_of(&r, "yesterday")[0].value, "XXXX-05-15");
    assert_eq!(time_of(&r, "May 10")[0].value, "XXXX-05-10");
}

fn entity<'a>(r: &'a pb::ExtractResponse, name: &str) -> &'a pb::Entity {
    r.entities
        .iter()
        .find(|e| e.canonical_name == name)
        .unwrap_or_else(|| panic!("no entity {name}"))
}

#[test]
fn entities_are_typed_clustered_and_resolved() {
    let r = response(true);
    for org in ["Amazon Global Selling", "Amazon China", "Amazon", "Yicai"] {
        assert_eq!(
            entity(&r, org).r#type,
            pb::EntityType::Organization as i32,
            "{org}"
        );
    }
    let song = entity(&r, "Song Xiaojun");
    assert_eq!(song.r#type, pb::EntityType::Person as i32);
    let short: Vec<&str> = song
        .mentions
        .iter()
        .filter(|m| m.kind == pb::MentionKind::ShortName as i32)
        .map(|m| m.span.as_ref().unwrap().text.as_str())
        .collect();
    assert_eq!(short, ["Song", "Song", "Song"]);
    for editor in ["Tang Shihua", "Futura Costaglione"] {
        let e = entity(&r, editor);
        assert_eq!(e.r#type, pb::EntityType::Person as i32);
        assert!(e.metadata_only);
    }
    let place = |name: &str| {
        entity(&r, name)
            .place
            .clone()
            .unwrap_or_else(|| panic!("{name} unresolved"))
    };
    let wuhan = place("Wuhan");
    assert_eq!(
        (
            wuhan.kind,
            wuhan.admin1.as_str(),
            wuhan.country_code.as_str()
        ),
        (pb::PlaceKind::City as i32, "Hubei", "CN")
    );
    assert!(wuhan.geonames_id > 0 && (wuhan.latitude - 30.58).abs() < 0.2);
    let zhengzhou = place("Zhengzhou");
    assert_eq!(
        (zhengzhou.kind, zhengzhou.admin1.as_str()),
        (pb::PlaceKind::City as i32, "Henan")
    );
    assert_eq!(
        (place("Hubei").kind, place("Hubei").iso_code.as_str()),
        (pb::PlaceKind::Region as i32, "CN-HB")
    );
    assert_eq!(
        (place("Henan").kind, place("Henan").iso_code.as_str()),
        (pb::PlaceKind::Region as i32, "CN-HA")
    );
    assert_eq!(
        (place("China").kind, place("China").iso_code.as_str()),
        (pb::PlaceKind::Country as i32, "CN")
    );
    // Ordered by salience, each in [0, 1].
    assert!(r
        .entities
        .windows(2)
        .all(|w| w[0].salience >= w[1].salience));
    assert!(r.entities.iter().all(|e| (0.0..=1.0).contains(&e.salience)));
}

#[test]
fn four_attributions_to_song_xiaojun_one_told_to_yicai() {
    let r = response(true);
    let song = entity(&r, "Song Xiaojun").id;
    let yicai = entity(&r, "Yicai").id;
    let by_song: Vec<&pb::Quote> = r
        .quotes
        .iter()
        .filter(|q| q.speaker_entity_id == Some(song) && q.within_quote_id.is_none())
        .collect();
    let cues: Vec<&str> = by_song
        .iter()
        .map(|q| q.cue.as_ref().unwrap().text.as_str())
        .collect();
    for cue in ["said", "told", "pointed out", "noted"] {
        assert!(cues.contains(&cue), "missing cue {cue:?} in {cues:?}");
    }
    let told = by_song
        .iter()
        .find(|q| q.cue.as_ref().unwrap().text == "told")
        .unwrap();
    assert_eq!(told.addressee_entity_id, Some(yicai));
    assert!(told
        .content
        .as_ref()
        .unwrap()
        .text
        .starts_with("Amazon believes that there are great opportunities"));
    assert!(by_song
        .iter()
        .all(|q| !q.direct && q.modality == pb::Modality::Reported as i32));
}
