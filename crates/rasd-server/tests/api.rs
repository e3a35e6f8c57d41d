//! The API end to end through the router (no sockets): a store with the seed article.

use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use rasd_server::{router, Options};
use rasd_store::{content_id, Prepared, Store};
use serde_json::Value;
use tower::ServiceExt;

fn store() -> (tempfile::TempDir, Arc<Store>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let text = "هاجم تنظيم داعش مواقع الجيش العراقي في الموصل أمس، فيما أعلن تنظيم القاعدة تحالفه مع داعش في سوريا.";
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/dev/isis-aq-merger.txt");
    let mut docs =
        vec![rasd_ingest::reader::read_text_bytes("a.txt", "a", text.as_bytes()).unwrap()];
    if let Ok(bytes) = std::fs::read(&seed) {
        docs.push(
            rasd_ingest::reader::read_text_bytes("seed", "isis-aq-merger.txt", &bytes).unwrap(),
        );
    }
    let prepared = docs
        .into_iter()
        .map(|d| Prepared {
            id: content_id(&d.text),
            record: rasd_analysis::Record::from_document(d, rasd_kb::Kb::embedded()),
        })
        .collect();
    store.ingest(prepared).unwrap();
    (dir, Arc::new(store))
}

async fn get(app: &axum::Router, uri: &str, token: Option<&str>) -> (StatusCode, Value) {
    let mut req = Request::builder().uri(uri);
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let resp = app
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn search_dyad_events_entities_map() {
    let (_dir, store) = store();
    let app = router(
        store,
        Options {
            log: false,
            ..Options::default()
        },
    );
    let (s, v) = get(&app, "/api/health", None).await;
    assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("ok")));

    let (s, v) = get(&app, &format!("/api/search?q={}", enc("داعش")), None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["total"].as_u64().unwrap() >= 1);
    assert!(v["hits"][0]["snippet_html"]
        .as_str()
        .unwrap()
        .contains("<b>"));

    let (s, v) = get(
        &app,
        &format!("/api/dyad?a={}&b={}&by=month", enc("داعش"), enc("القاعدة")),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v["cooperation"]["count"].as_u64().unwrap() > 0, "{v}");
    assert!(!v["series"].as_array().unwrap().is_empty());

    let (s, v) = get(&app, "/api/events?type=ASSAULT&limit=5", None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["event_type"] == "ASSAULT"));

    let (s, v) = get(&app, &format!("/api/entities/{}", enc("داعش")), None).await;
    assert_eq!((s, v["key"].as_str()), (StatusCode::OK, Some("isis")));

    let (s, v) = get(&app, "/api/map", None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["points"].is_array());

    let (s, _) = get(&app, "/api/documents/nope", None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, v) = get(&app, "/api/documents/a", None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["text"].as_str().unwrap().contains("الموصل"));
}

#[tokio::test]
async fn bad_requests_tokens_and_openapi() {
    let (_dir, store) = store();
    let app = router(
        store,
        Options {
            token: Some("s3cret".into()),
            log: false,
            ..Options::default()
        },
    );
    let (s, v) = get(&app, "/api/stats", None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(v["error"].is_string());
    let (s, _) = get(&app, "/api/stats", Some("wrong")).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, v) = get(&app, "/api/stats", Some("s3cret")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["documents"].as_i64().unwrap() >= 1);
    let (s, v) = get(&app, "/api/dyad?a=isis", Some("s3cret")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(v["error"].as_str().unwrap().contains("two actors"));
    let (s, _) = get(&app, "/api/dyad?a=isis&b=al-qaeda&by=year", Some("s3cret")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = get(&app, "/api/events?from=yesterday", Some("s3cret")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = get(&app, "/api/search?q=x&limit=0", Some("s3cret")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // The OpenAPI document is public and lists every route.
    let (s, v) = get(&app, "/openapi.json", None).await;
    assert_eq!(s, StatusCode::OK);
    for p in [
        "/api/search",
        "/api/events",
        "/api/dyad",
        "/api/analyze",
        "/api/entities/{name}",
    ] {
        assert!(v["paths"][p].is_object(), "{p}");
    }
}

#[tokio::test]
async fn analyze_posts_and_body_limit() {
    let (_dir, store) = store();
    let app = router(
        store,
        Options {
            max_body: 4096,
            log: false,
            ..Options::default()
        },
    );
    let body = "هاجم تنظيم داعش مواقع الجيش العراقي في الموصل.";
    let resp = app
        .clone()
        .oneshot(
            Request::post("/api/analyze")
                .header("content-type", "text/plain")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let v: Value =
        serde_json::from_slice(&resp.into_body().collect().await.unwrap().to_bytes()).unwrap();
    assert_eq!(v["events"][0]["event_type"], "ASSAULT");
    let json = serde_json::json!({"id": "x", "text": body, "published": "2017-04-22"}).to_string();
    let resp = app
        .clone()
        .oneshot(
            Request::post("/api/analyze")
                .header("content-type", "application/json")
                .body(Body::from(json))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let big = "ا".repeat(10_000);
    let resp = app
        .oneshot(Request::post("/api/analyze").body(Body::from(big)).unwrap())
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE);
}
