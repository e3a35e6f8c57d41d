//! The OpenAPI 3.1 document of the API, written by hand next to the handlers it describes.

use serde_json::{json, Value};

fn param(name: &str, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema})
}

fn s() -> Value {
    json!({"type": "string"})
}

fn page(limit_max: u32) -> [Value; 2] {
    [
        param(
            "limit",
            "page size",
            json!({"type": "integer", "minimum": 1, "maximum": limit_max}),
        ),
        param(
            "offset",
            "page start",
            json!({"type": "integer", "minimum": 0}),
        ),
    ]
}

fn ok(description: &str) -> Value {
    json!({
        "200": {"description": description, "content": {"application/json": {"schema": {"type": "object"}}}},
        "400": {"description": "bad parameter", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
        "401": {"description": "bearer token missing or wrong (when the server has one)"},
        "429": {"description": "rate limit exceeded"}
    })
}

/// The document.
pub fn document() -> Value {
    let [limit20, offset] = page(200);
    let [limit1000, _] = page(1000);
    let event_filters = vec![
        param("actor", "actor name, alias or KB id", s()),
        param("recipient", "recipient name, alias or KB id", s()),
        param("participant", "either side", s()),
        param(
            "type",
            "PLOVER category",
            json!({"type": "string", "enum": ["AGREE","CONSULT","SUPPORT","CONCEDE","COOPERATE","AID","RETREAT","REQUEST","ACCUSE","REJECT","THREATEN","PROTEST","SANCTION","MOBILIZE","COERCE","ASSAULT"]}),
        ),
        param("mode", "PLOVER mode", s()),
        param(
            "aux",
            "auxiliary mode",
            json!({"type": "string", "enum": ["none","historical","future","hypothetical","negated"]}),
        ),
        param("place", "event location name or KB id", s()),
        param("country", "ISO 3166-1 alpha-2 of the location", s()),
        param(
            "from",
            "on or after (ISO date)",
            json!({"type": "string", "format": "date"}),
        ),
        param(
            "to",
            "on or before (ISO date)",
            json!({"type": "string", "format": "date"}),
        ),
        param("reported_by", "a source in the attribution chain", s()),
        param(
            "min_score",
            "minimum PLOVER score",
            json!({"type": "number"}),
        ),
        param(
            "max_score",
            "maximum PLOVER score",
            json!({"type": "number"}),
        ),
        limit1000,
        offset.clone(),
    ];
    json!({
        "openapi": "3.1.0",
        "info": {"title": "rasd API", "version": env!("CARGO_PKG_VERSION"), "description": "Arabic news event intelligence: search, PLOVER events with modality and attribution, actor-pair time series."},
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Error": {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}}
        },
        "security": [{}, {"bearer": []}],
        "paths": {
            "/api/health": {"get": {"summary": "liveness", "responses": {"200": {"description": "ok"}}}},
            "/api/stats": {"get": {"summary": "store totals", "responses": ok("documents, events, entities, sources")}},
            "/api/search": {"get": {"summary": "Arabic-aware full-text search with snippets",
                "parameters": [json!({"name": "q", "in": "query", "required": true, "schema": s()}), limit20, offset.clone()],
                "responses": ok("{total, hits: [{id, title, published, source, url, snippet_html, events, cluster}]}")}},
            "/api/documents/{id}": {"get": {"summary": "a stored analysis record (text, entities, events)",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": s()}],
                "responses": {"200": {"description": "the record"}, "404": {"description": "unknown document"}}}},
            "/api/events": {"get": {"summary": "events matching filters, most recent first", "parameters": event_filters,
                "responses": ok("{total, events: [...]}")}},
            "/api/dyad": {"get": {"summary": "cooperation and conflict between two actors over time",
                "parameters": [
                    json!({"name": "a", "in": "query", "required": true, "schema": s()}),
                    json!({"name": "b", "in": "query", "required": true, "schema": s()}),
                    param("by", "bucket", json!({"type": "string", "enum": ["day", "week", "month"]}))
                ],
                "responses": ok("{a, b, by, series: [{period, cooperation, conflict, a_to_b, b_to_a, mutual}], cooperation, conflict, events}")}},
            "/api/entities/{name}": {"get": {"summary": "an actor: aliases over time, timeline, partners",
                "parameters": [{"name": "name", "in": "path", "required": true, "schema": s()}],
                "responses": {"200": {"description": "profile"}, "404": {"description": "unknown actor"}}}},
            "/api/map": {"get": {"summary": "event locations with counts",
                "parameters": [param("type", "PLOVER category", s()), param("from", "ISO date", s()), param("to", "ISO date", s())],
                "responses": ok("{points: [{key, name, name_ar, lat, lon, count, types}]}")}},
            "/api/analyze": {"post": {"summary": "analyse one document without storing it",
                "requestBody": {"required": true, "content": {
                    "text/plain": {"schema": {"type": "string"}},
                    "application/json": {"schema": {"type": "object", "properties": {"text": s(), "html": s(), "id": s(), "published": s(), "url": s()}}}
                }},
                "responses": ok("the analysis record of the output contract")}}
        }
    })
}
