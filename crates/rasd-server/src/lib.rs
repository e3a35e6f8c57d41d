//! rasd's HTTP server: a JSON API over the store and the analysis pipeline, and the web UI.
//!
//! Routes (all JSON; see [`openapi`] for the full document served at `/openapi.json`):
//! `GET /api/search`, `GET /api/documents/{id}`, `GET /api/events`, `GET /api/dyad`,
//! `GET /api/entities/{name}`, `GET /api/map`, `GET /api/stats`, `POST /api/analyze`,
//! `GET /api/health`; everything else serves the embedded UI (`web/dist`).
//!
//! Cross-cutting: CORS, an optional bearer token on `/api/*`, a request body limit, a per-client
//! rate limit, one structured log line per request on stderr, graceful shutdown on Ctrl-C.

#![warn(missing_docs)]

pub mod openapi;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use rasd_store::query::{EventFilter, Period};
use rasd_store::{Store, StoreError};
use serde::Deserialize;
use serde_json::{json, Value};
use tower_http::cors::{Any, CorsLayer};

mod assets {
    include!(concat!(env!("OUT_DIR"), "/assets.rs"));
}

/// Server settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Bearer token required on `/api/*` (none: open).
    pub token: Option<String>,
    /// Largest request body, bytes.
    pub max_body: usize,
    /// Requests per minute per client address (0: unlimited).
    pub rate_per_minute: u32,
    /// Print one log line per request.
    pub log: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            token: None,
            max_body: 2 * 1024 * 1024,
            rate_per_minute: 1200,
            log: true,
        }
    }
}

#[derive(Clone)]
struct AppState {
    store: Arc<Store>,
    opts: Arc<Options>,
    buckets: Arc<Mutex<HashMap<IpAddr, (f64, Instant)>>>,
}

/// An API error: status and message, rendered as `{"error": "..."}`.
pub struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::BadRequest(m) => ApiError(StatusCode::BAD_REQUEST, m),
            StoreError::Query(q) => ApiError(StatusCode::BAD_REQUEST, q.to_string()),
            other => ApiError(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
        }
    }
}

type ApiResult = Result<Json<Value>, ApiError>;

async fn blocking<T: serde::Serialize + Send + 'static>(
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> ApiResult {
    match tokio::task::spawn_blocking(f).await {
        Ok(Ok(v)) => Ok(Json(serde_json::to_value(v).map_err(|e| {
            ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
        })?)),
        Ok(Err(e)) => Err(e.into()),
        Err(e) => Err(ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
    }
}

/// The application router.
pub fn router(store: Arc<Store>, opts: Options) -> Router {
    let state = AppState {
        store,
        opts: Arc::new(opts.clone()),
        buckets: Arc::new(Mutex::new(HashMap::new())),
    };
    let api = Router::new()
        .route("/health", get(|| async { Json(json!({"status": "ok"})) }))
        .route("/stats", get(stats))
        .route("/search", get(search))
        .route("/documents/{id}", get(document))
        .route("/events", get(events))
        .route("/dyad", get(dyad))
        .route("/entities/{name}", get(entity))
        .route("/map", get(map))
        .route("/analyze", post(analyze))
        .fallback(|| async { ApiError(StatusCode::NOT_FOUND, "no such API route".into()) })
        .layer(middleware::from_fn_with_state(state.clone(), auth_and_rate));
    Router::new()
        .nest("/api", api)
        .route("/openapi.json", get(|| async { Json(openapi::document()) }))
        .fallback(static_file)
        .layer(DefaultBodyLimit::max(opts.max_body))
        .layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
                .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE]),
        )
        .layer(middleware::from_fn_with_state(state.clone(), log_requests))
        .with_state(state)
}

/// Serves until Ctrl-C (or SIGTERM), finishing requests in flight.
pub async fn serve(store: Arc<Store>, addr: SocketAddr, opts: Options) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    eprintln!(
        "rasd: serving {} documents on http://{}",
        store.stats().map(|s| s.documents).unwrap_or(0),
        listener.local_addr()?
    );
    axum::serve(
        listener,
        router(store, opts).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    eprintln!("rasd: shutting down (finishing requests in flight)");
}

async fn log_requests(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let resp = next.run(req).await;
    if st.opts.log {
        eprintln!(
            "{{\"method\":\"{}\",\"path\":{},\"status\":{},\"ms\":{:.2}}}",
            method,
            serde_json::to_string(&path).unwrap_or_default(),
            resp.status().as_u16(),
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
    resp
}

async fn auth_and_rate(State(st): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() == Method::OPTIONS {
        return next.run(req).await;
    }
    if let Some(token) = &st.opts.token {
        let ok = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|t| constant_time_eq(t.as_bytes(), token.as_bytes()));
        if !ok {
            let mut r = ApiError(
                StatusCode::UNAUTHORIZED,
                "missing or wrong bearer token".into(),
            )
            .into_response();
            r.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            return r;
        }
    }
    if st.opts.rate_per_minute > 0 {
        let ip = req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        if let Some(ip) = ip {
            let rate = f64::from(st.opts.rate_per_minute) / 60.0;
            let burst = f64::from(st.opts.rate_per_minute).max(1.0);
            let mut b = st.buckets.lock().unwrap_or_else(|e| e.into_inner());
            let now = Instant::now();
            let (tokens, last) = b.entry(ip).or_insert((burst, now));
            *tokens = (*tokens + now.duration_since(*last).as_secs_f64() * rate).min(burst);
            *last = now;
            if *tokens < 1.0 {
                let mut r = ApiError(StatusCode::TOO_MANY_REQUESTS, "rate limit exceeded".into())
                    .into_response();
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                return r;
            }
            *tokens -= 1.0;
        }
    }
    next.run(req).await
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[derive(Deserialize)]
struct SearchParams {
    q: Option<String>,
    #[serde(default = "default_limit")]
    limit: usize,
    #[serde(default)]
    offset: usize,
}

fn default_limit() -> usize {
    20
}

async fn stats(State(st): State<AppState>) -> ApiResult {
    let s = st.store.clone();
    blocking(move || s.stats()).await
}

async fn search(State(st): State<AppState>, Query(p): Query<SearchParams>) -> ApiResult {
    let q = p.q.unwrap_or_default();
    if p.limit == 0 || p.limit > 200 {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            "limit must be 1..200".into(),
        ));
    }
    let s = st.store.clone();
    blocking(move || s.search(&q, p.limit, p.offset)).await
}

async fn document(State(st): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let s = st.store.clone();
    let idc = id.clone();
    match tokio::task::spawn_blocking(move || s.document(&idc)).await {
        Ok(Ok(Some(v))) => Ok(Json(v)),
        Ok(Ok(None)) => Err(ApiError(
            StatusCode::NOT_FOUND,
            format!("no document `{id}`"),
        )),
        Ok(Err(e)) => Err(e.into()),
        Err(e) => Err(ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
    }
}

#[derive(Deserialize, Default)]
struct EventParams {
    actor: Option<String>,
    recipient: Option<String>,
    participant: Option<String>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    mode: Option<String>,
    aux: Option<String>,
    place: Option<String>,
    country: Option<String>,
    from: Option<String>,
    to: Option<String>,
    reported_by: Option<String>,
    min_score: Option<f64>,
    max_score: Option<f64>,
    limit: Option<usize>,
    offset: Option<usize>,
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.filter(|x| !x.trim().is_empty())
}

async fn events(State(st): State<AppState>, Query(p): Query<EventParams>) -> ApiResult {
    let limit = p.limit.unwrap_or(50);
    if limit == 0 || limit > 1000 {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            "limit must be 1..1000".into(),
        ));
    }
    let f = EventFilter {
        actor: nonempty(p.actor),
        recipient: nonempty(p.recipient),
        participant: nonempty(p.participant),
        event_type: nonempty(p.event_type),
        mode: nonempty(p.mode),
        aux: nonempty(p.aux),
        place: nonempty(p.place),
        country: nonempty(p.country),
        from: nonempty(p.from),
        to: nonempty(p.to),
        reported_by: nonempty(p.reported_by),
        min_score: p.min_score,
        max_score: p.max_score,
        limit,
        offset: p.offset.unwrap_or(0),
        exact: None,
    };
    let s = st.store.clone();
    blocking(move || s.events(&f)).await
}

#[derive(Deserialize)]
struct DyadParams {
    a: Option<String>,
    b: Option<String>,
    by: Option<String>,
}

async fn dyad(State(st): State<AppState>, Query(p): Query<DyadParams>) -> ApiResult {
    let (Some(a), Some(b)) = (nonempty(p.a), nonempty(p.b)) else {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            "give two actors: ?a=…&b=…".into(),
        ));
    };
    let by = Period::parse(p.by.as_deref().unwrap_or("month"))?;
    let s = st.store.clone();
    blocking(move || s.dyad(&a, &b, by)).await
}

async fn entity(State(st): State<AppState>, Path(name): Path<String>) -> ApiResult {
    let s = st.store.clone();
    let n = name.clone();
    match tokio::task::spawn_blocking(move || s.entity(&n)).await {
        Ok(Ok(Some(p))) => Ok(Json(serde_json::to_value(p).unwrap_or_default())),
        Ok(Ok(None)) => Err(ApiError(
            StatusCode::NOT_FOUND,
            format!("no actor `{name}` in the store"),
        )),
        Ok(Err(e)) => Err(e.into()),
        Err(e) => Err(ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
    }
}

#[derive(Deserialize)]
struct MapParams {
    #[serde(rename = "type")]
    event_type: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

async fn map(State(st): State<AppState>, Query(p): Query<MapParams>) -> ApiResult {
    let s = st.store.clone();
    blocking(move || {
        s.map(
            nonempty(p.event_type).as_deref(),
            nonempty(p.from).as_deref(),
            nonempty(p.to).as_deref(),
        )
        .map(|points| json!({ "points": points }))
    })
    .await
}

/// `POST /api/analyze`: plain text, or a JSON object `{"text"|"html", "id", "published", "url"}`;
/// returns the analysis record (nothing is stored).
async fn analyze(headers: HeaderMap, body: Bytes) -> ApiResult {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let res = tokio::task::spawn_blocking(move || -> Result<Value, ApiError> {
        let bad = |m: String| ApiError(StatusCode::BAD_REQUEST, m);
        let doc = if is_json {
            let line =
                String::from_utf8(body.to_vec()).map_err(|_| bad("body is not UTF-8".into()))?;
            let line = line.replace('\n', " ");
            let mut r = rasd_ingest::reader::JsonlReader::new(
                "request".into(),
                Box::new(std::io::Cursor::new(line.into_bytes())),
                rasd_ingest::ReadOptions::default(),
            );
            r.next()
                .ok_or_else(|| bad("empty body".into()))?
                .map_err(|e| bad(e.to_string()))?
        } else {
            rasd_ingest::reader::read_text_bytes("request", "request", &body)
                .map_err(|e| bad(e.to_string()))?
        };
        let rec = rasd_analysis::Record::from_document(doc, rasd_kb::Kb::embedded());
        serde_json::to_value(rec)
            .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
    })
    .await
    .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    res.map(Json)
}

async fn static_file(uri: Uri) -> Response {
    let path = match uri.path() {
        "/" | "" => "/index.html",
        p => p,
    };
    let found = assets::FILES.iter().find(|(p, _)| *p == path).or_else(|| {
        // Single-page app: unknown paths without an extension get the index.
        (!path.rsplit('/').next().unwrap_or("").contains('.'))
            .then(|| assets::FILES.iter().find(|(p, _)| *p == "/index.html"))
            .flatten()
    });
    match found {
        Some((p, bytes)) => {
            let mime = match p.rsplit('.').next().unwrap_or("") {
                "html" => "text/html; charset=utf-8",
                "js" | "mjs" => "text/javascript; charset=utf-8",
                "css" => "text/css; charset=utf-8",
                "json" => "application/json",
                "svg" => "image/svg+xml",
                "png" => "image/png",
                "ico" => "image/x-icon",
                "woff2" => "font/woff2",
                _ => "application/octet-stream",
            };
            ([(header::CONTENT_TYPE, mime), (header::CACHE_CONTROL, "no-cache")], *bytes).into_response()
        }
        None if assets::FILES.is_empty() => (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<!doctype html><meta charset=utf-8><title>rasd</title><p>The web UI is not built into this binary: run <code>npm ci &amp;&amp; npm run build</code> in <code>web/</code> and rebuild. The API is at <a href=/openapi.json>/openapi.json</a>.</p>",
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
