//! End-to-end tests of the real server binary over gRPC: bad inputs get precise statuses
//! while the server keeps serving, streams survive bad items, shutdown is graceful.

mod common;

use common::*;
use newsfacts::service::pb;
use tonic::Code;
use tonic_types::StatusExt;

fn violation_fields(status: &tonic::Status) -> Vec<String> {
    status
        .get_details_bad_request()
        .map(|b| b.field_violations.into_iter().map(|v| v.field).collect())
        .unwrap_or_default()
}

/// The server answers a plain call with the article's id and its sentences.
async fn assert_serves(
    c: &mut pb::fact_extractor_client::FactExtractorClient<tonic::transport::Channel>,
    text: &str,
) {
    let ok = c
        .extract(request(
            text_article("still-serving", text),
            pb::OffsetUnit::Unspecified,
        ))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(ok.article_id, "still-serving");
    assert!(!ok.sentences.is_empty());
}

#[tokio::test]
async fn bad_inputs_get_precise_statuses_and_server_keeps_serving() {
    let server = Server::start(&["--max-article-bytes", "1000"]);
    let mut c = server.client().await;

    // Missing article.
    let e = c
        .extract(pb::ExtractRequest {
            article: None,
            options: None,
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    assert_eq!(violation_fields(&e), vec!["article"]);

    // Empty body, whitespace-only body.
    for body in [
        None,
        Some(pb::article::Body::Text(String::new())),
        Some(pb::article::Body::Text(" \n\t ".into())),
    ] {
        let a = pb::Article {
            body,
            ..Default::default()
        };
        let e = c
            .extract(request(a, pb::OffsetUnit::Unspecified))
            .await
            .unwrap_err();
        assert_eq!(e.code(), Code::InvalidArgument, "{e:?}");
        assert_eq!(violation_fields(&e), vec!["article.text"]);
    }

    // Over the size limit: names the limit and the size seen.
    let big = "a".repeat(1001);
    let e = c
        .extract(request(
            text_article("big", &big),
            pb::OffsetUnit::Unspecified,
        ))
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::ResourceExhausted);
    assert!(
        e.message().contains("1001") && e.message().contains("1000"),
        "{}",
        e.message()
    );
    assert_eq!(violation_fields(&e), vec!["article.text"]);

    // Unknown charset, undecodable bytes.
    let a = pb::Article {
        body: Some(pb::article::Body::Raw(b"hello".to_vec())),
        charset: "klingon-8".into(),
        ..Default::default()
    };
    let e = c
        .extract(request(a, pb::OffsetUnit::Unspecified))
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    assert_eq!(violation_fields(&e), vec!["article.charset"]);
    let a = pb::Article {
        body: Some(pb::article::Body::Raw(vec![b'o', b'k', 0xff, 0xfe, 0xfd])),
        charset: "utf-8".into(),
        ..Default::default()
    };
    let e = c
        .extract(request(a, pb::OffsetUnit::Unspecified))
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    assert_eq!(violation_fields(&e), vec!["article.raw"]);

    // Invalid time zone, timestamp out of range, bad nanos.
    let mut a = text_article("tz", "Some text.");
    a.time_zone = "Mars/Olympus_Mons".into();
    let e = c
        .extract(request(a, pb::OffsetUnit::Unspecified))
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    assert_eq!(violation_fields(&e), vec!["article.time_zone"]);
    for ts in [
        prost_types::Timestamp {
            seconds: 253_402_300_800,
            nanos: 0,
        },
        prost_types::Timestamp {
            seconds: -62_135_596_801,
            nanos: 0,
        },
        prost_types::Timestamp {
            seconds: 0,
            nanos: -1,
        },
    ] {
        let mut a = text_article("ts", "Some text.");
        a.published_at = Some(ts);
        let e = c
            .extract(request(a, pb::OffsetUnit::Unspecified))
            .await
            .unwrap_err();
        assert_eq!(e.code(), Code::InvalidArgument);
        assert_eq!(violation_fields(&e), vec!["article.published_at"]);
    }

    // Unknown enum values.
    let r = pb::ExtractRequest {
        article: Some(text_article("u", "Text.")),
        options: Some(pb::ExtractOptions {
            offset_unit: 42,
            include: vec![],
        }),
    };
    let e = c.extract(r).await.unwrap_err();
    assert_eq!(violation_fields(&e), vec!["options.offset_unit"]);
    let mut a = text_article("ct", "Text.");
    a.content_type = 9;
    let e = c
        .extract(request(a, pb::OffsetUnit::Unspecified))
        .await
        .unwrap_err();
    assert_eq!(violation_fields(&e), vec!["article.content_type"]);

    // Still serving after all of that.
    assert_serves(&mut c, "The market rose on Monday.").await;
}

#[tokio::test]
async fn raw_bytes_in_legacy_charsets_are_decoded_and_returned() {
    let server = Server::start(&[]);
    let mut c = server.client().await;
    // "Café" in Windows-1252, declared.
    let a = pb::Article {
        body: Some(pb::article::Body::Raw(
            b"Caf\xe9 owners met in Paris.".to_vec(),
        )),
        charset: "windows-1252".into(),
        ..Default::default()
    };
    let r = c
        .extract(request(a, pb::OffsetUnit::CodePoints))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(r.decoded_text, "Café owners met in Paris.");
    assert_eq!(r.charset, "windows-1252");
    assert_spans_exact(&r.decoded_text, &r);
    // GBK, declared: 武汉 (Wuhan).
    let a = pb::Article {
        body: Some(pb::article::Body::Raw(vec![
            0xce, 0xe4, 0xba, 0xba, b' ', b'o', b'k',
        ])),
        charset: "gbk".into(),
        ..Default::default()
    };
    let r = c
        .extract(request(a, pb::OffsetUnit::Utf16CodeUnits))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(r.decoded_text, "武汉 ok");
    assert_spans_exact(&r.decoded_text, &r);
}

#[tokio::test]
async fn stream_reports_a_bad_article_and_goes_on() {
    let server = Server::start(&[]);
    let mut c = server.client().await;
    let items = vec![
        pb::ExtractStreamRequest {
            article: Some(text_article("one", "First article. It is short.")),
            options: None,
        },
        pb::ExtractStreamRequest {
            article: Some(pb::Article {
                id: "two".into(),
                ..Default::default()
            }),
            options: None,
        },
        pb::ExtractStreamRequest {
            article: Some(text_article("", "An article without an id.")),
            options: None,
        },
    ];
    let mut s = c
        .extract_stream(tokio_stream::iter(items))
        .await
        .unwrap()
        .into_inner();
    let mut got = Vec::new();
    while let Some(item) = s.message().await.unwrap() {
        got.push(item);
    }
    assert_eq!(got.len(), 3);
    assert_eq!(got[0].article_id, "one");
    assert!(matches!(
        got[0].result,
        Some(pb::extract_stream_response::Result::Response(_))
    ));
    assert_eq!(got[1].article_id, "two");
    match &got[1].result {
        Some(pb::extract_stream_response::Result::Error(e)) => {
            assert_eq!(e.code, Code::InvalidArgument as i32);
            assert_eq!(e.violations[0].field, "article.text");
        }
        other => panic!("expected an error item, got {other:?}"),
    }
    assert_eq!(got[2].article_id, "#3");
    assert!(matches!(
        got[2].result,
        Some(pb::extract_stream_response::Result::Response(_))
    ));
}

#[tokio::test]
async fn describe_reports_limits() {
    let server = Server::start(&[
        "--max-article-bytes",
        "4096",
        "--max-in-flight",
        "3",
        "--request-timeout-ms",
        "2500",
    ]);
    let mut c = server.client().await;
    let d = c
        .describe(pb::DescribeRequest {})
        .await
        .unwrap()
        .into_inner();
    let l = d.limits.unwrap();
    assert_eq!(l.max_article_bytes, 4096);
    assert_eq!(l.max_in_flight, 3);
    assert_eq!(l.request_timeout_millis, 2500);
    assert!(d.extractor_version.starts_with("newsfacts "));
    assert_eq!(d.offset_units.len(), 3);
}

#[tokio::test]
async fn a_call_past_its_deadline_ends_with_a_status_and_the_server_keeps_serving() {
    let server = Server::start(&[]);
    let mut c = server.client().await;
    // About 100 KB of news: far more than a millisecond of work.
    let text = common::EXAMPLE.repeat(20);
    let mut late = tonic::Request::new(request(
        text_article("late", &text),
        pb::OffsetUnit::Unspecified,
    ));
    late.set_timeout(std::time::Duration::from_millis(1));
    let e = c.extract(late).await.unwrap_err();
    assert!(
        matches!(e.code(), Code::Cancelled | Code::DeadlineExceeded),
        "expected the deadline to end the call, got {e:?}"
    );
    // The abandoned extraction does not wedge the server: the next call is served.
    assert_serves(&mut c, common::EXAMPLE).await;
}

#[tokio::test]
async fn the_server_side_timeout_ends_a_call_without_a_client_deadline() {
    let server = Server::start(&["--request-timeout-ms", "1"]);
    let mut c = server.client().await;
    let text = common::EXAMPLE.repeat(20);
    let e = c
        .extract(request(
            text_article("slow", &text),
            pb::OffsetUnit::Unspecified,
        ))
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::DeadlineExceeded, "{e:?}");
    assert!(e.message().contains("1 ms"), "{}", e.message());

    // In a stream the limit is per article: each late article is an error item, the stream
    // itself runs to its end.
    let items: Vec<_> = ["a", "b", "c"]
        .iter()
        .map(|id| pb::ExtractStreamRequest {
            article: Some(text_article(id, &text)),
            options: None,
        })
        .collect();
    let mut s = c
        .extract_stream(tokio_stream::iter(items))
        .await
        .unwrap()
        .into_inner();
    let mut codes = Vec::new();
    while let Some(item) = s.message().await.unwrap() {
        match item.result {
            Some(pb::extract_stream_response::Result::Error(e)) => codes.push(e.code),
            other => panic!("expected a timeout item, got {other:?}"),
        }
    }
    assert_eq!(codes, vec![Code::DeadlineExceeded as i32; 3]);
}

#[tokio::test]
async fn sigterm_drains_and_exits_cleanly() {
    let server = Server::start(&[]);
    let mut c = server.client().await;
    let text = common::EXAMPLE.repeat(20);
    let call = tokio::spawn(async move {
        c.extract(request(
            text_article("long", &text),
            pb::OffsetUnit::Unspecified,
        ))
        .await
    });
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    // Waiting for the process blocks, so it runs off the test's runtime thread.
    let status = tokio::task::spawn_blocking(move || server.terminate())
        .await
        .unwrap();
    assert!(status.success(), "server exit status {status:?}");
    // The in-flight call either completed before the signal or completed during the drain.
    let r = call.await.unwrap();
    assert!(r.is_ok(), "in-flight call was cut: {r:?}");
}

#[test]
fn client_binary_health_and_json_extract() {
    let server = Server::start(&[]);
    let client = env!("CARGO_BIN_EXE_newsfacts");
    let out = std::process::Command::new(client)
        .args(["--addr", &server.addr, "health"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "SERVING");

    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/yicai-amazon-wuhan.txt"
    );
    let out = std::process::Command::new(client)
        .args([
            "--addr",
            &server.addr,
            "extract",
            fixture,
            "--published",
            "2024-05-16T10:00:00+08:00",
            "--tz",
            "Asia/Shanghai",
            "--offsets",
            "utf16",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("client prints JSON");
    // Canonical protobuf JSON: camelCase names, enum names, 64-bit integers as strings.
    assert_eq!(json["articleId"], "yicai-amazon-wuhan.txt");
    assert_eq!(json["offsetUnit"], "OFFSET_UNIT_UTF16_CODE_UNITS");
    assert_eq!(json["metadata"]["referenceTime"]["value"], "2024-05-16");
    assert_eq!(
        json["metadata"]["referenceTime"]["timeZone"],
        "Asia/Shanghai"
    );
    assert!(json["sentences"][0]["span"]["end"].is_string());

    // A usage error and a server error have distinct exit codes.
    let out = std::process::Command::new(client)
        .args([
            "--addr",
            &server.addr,
            "extract",
            fixture,
            "--tz",
            "Nowhere/City",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("article.time_zone"));
    let out = std::process::Command::new(client)
        .args(["extract"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[tokio::test]
async fn example_article_round_trip_in_every_unit() {
    let server = Server::start(&[]);
    let mut c = server.client().await;
    for unit in [
        pb::OffsetUnit::Utf8Bytes,
        pb::OffsetUnit::Utf16CodeUnits,
        pb::OffsetUnit::CodePoints,
    ] {
        let mut a = text_article("yicai", EXAMPLE);
        a.published_at = Some(prost_types::Timestamp {
            seconds: 1_715_824_800,
            nanos: 0,
        }); // 2024-05-16T02:00Z
        a.time_zone = "Asia/Shanghai".into();
        let r = c.extract(request(a, unit)).await.unwrap().into_inner();
        let m = r.metadata.as_ref().unwrap();
        assert_eq!(m.outlet.as_ref().unwrap().value, "Yicai");
        let d = m.dateline.as_ref().unwrap();
        let date = d.date.as_ref().unwrap();
        assert_eq!(
            (date.year, date.month, date.day),
            (0, 5, 16),
            "dateline has no year"
        );
        let editors: Vec<&str> = m.editors.iter().map(|e| e.value.as_str()).collect();
        assert_eq!(editors, ["Tang Shihua", "Futura Costaglione"]);
        let rt = m.reference_time.as_ref().unwrap();
        assert_eq!(rt.value, "2024-05-16");
        assert_eq!(rt.source, pb::ReferenceSource::PublishedAt as i32);

        let body: Vec<&pb::Sentence> = r
            .sentences
            .iter()
            .filter(|s| s.role == pb::SentenceRole::Body as i32)
            .collect();
        assert_eq!(body.len(), 10);
        assert!(body[0]
            .span
            .as_ref()
            .unwrap()
            .text
            .starts_with("International e-commerce giant"));
        assert!(body[9]
            .span
            .as_ref()
            .unwrap()
            .text
            .starts_with("Amazon has opened 19 overseas sites"));
        for s in &r.sentences {
            let t = &s.span.as_ref().unwrap().text;
            assert!(
                !t.contains("} ?>") && !t.contains("Editors:") && !t.contains("(Yicai)"),
                "{t:?}"
            );
        }
        let noise = r
            .warnings
            .iter()
            .find(|w| w.kind == pb::WarningKind::NoiseRemoved as i32)
            .expect("noise warning");
        assert_eq!(noise.span.as_ref().unwrap().text, "} ?>");
        // Facts: ids in evidence order; arguments point at this response's entities and
        // values, with readable displays.
        assert!(r.facts.len() >= 10, "{} facts", r.facts.len());
        assert!(r.facts.iter().enumerate().all(|(i, f)| f.id as usize == i));
        let wuhan = r
            .facts
            .iter()
            .find(|f| {
                f.kind == pb::FactKind::Opening as i32
                    && f.arguments.iter().any(|a| a.display == "Wuhan")
            })
            .expect("the Wuhan opening");
        let time = wuhan
            .arguments
            .iter()
            .find(|a| a.role == "time")
            .expect("its time");
        assert_eq!(time.display, "2024-05-15");
        let Some(pb::argument::Target::ValueId(vid)) = time.target else {
            panic!("time is not a value: {time:?}")
        };
        assert_eq!(
            r.values[vid as usize].span.as_ref().unwrap().text,
            "yesterday"
        );
        for f in &r.facts {
            for a in &f.arguments {
                match a.target {
                    Some(pb::argument::Target::EntityId(e)) => assert!(r
                        .entities
                        .iter()
                        .any(|x| x.id == e && x.canonical_name == a.display)),
                    Some(pb::argument::Target::ValueId(v)) => {
                        assert!((v as usize) < r.values.len())
                    }
                    Some(pb::argument::Target::Text(ref t)) => assert_eq!(t.text, a.display),
                    None => panic!("argument without target: {a:?}"),
                }
            }
        }
        let n = assert_spans_exact(EXAMPLE, &r);
        assert!(n > 400, "only {n} spans checked");
    }
}

#[tokio::test]
async fn without_publication_time_the_dateline_date_is_the_reference_and_year_stays_unknown() {
    let server = Server::start(&[]);
    let mut c = server.client().await;
    let r = c
        .extract(request(
            text_article("y", EXAMPLE),
            pb::OffsetUnit::Unspecified,
        ))
        .await
        .unwrap()
        .into_inner();
    let rt = r.metadata.unwrap().reference_time.unwrap();
    assert_eq!(rt.source, pb::ReferenceSource::Dateline as i32);
    assert_eq!(rt.value, "XXXX-05-16");
    assert!(rt.instant.is_none());
}

#[tokio::test]
async fn sniffed_charset_is_reported() {
    let server = Server::start(&[]);
    let mut c = server.client().await;
    let html = b"<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\xe9 news.</p></body></html>".to_vec();
    let a = pb::Article {
        body: Some(pb::article::Body::Raw(html)),
        content_type: pb::ContentType::Html as i32,
        ..Default::default()
    };
    let r = c
        .extract(request(a, pb::OffsetUnit::Utf8Bytes))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(r.charset, "windows-1252");
    assert!(r.decoded_text.contains("Café"));
    assert!(r
        .warnings
        .iter()
        .any(|w| w.kind == pb::WarningKind::CharsetSniffed as i32));
    assert_spans_exact(&r.decoded_text, &r);
}
