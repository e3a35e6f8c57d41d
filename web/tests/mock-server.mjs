// Mock of the rasd HTTP API for development and tests (plain node http, no deps).
// Serves ../dist at / (SPA fallback to index.html) and answers /api/* from fixtures.
//   node tests/mock-server.mjs [--port 8088] [--token SECRET]
// or import { startMockServer } from './mock-server.mjs'.
import http from 'node:http';
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { dirname, join, extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const FIX = join(here, 'fixtures');
const DIST = join(here, '..', 'dist');

const KB = JSON.parse(readFileSync(join(FIX, 'kb.json'), 'utf8'));
const KBI = Object.fromEntries(KB.map((r) => [r.key, r]));
const DOCS = readdirSync(join(FIX, 'documents')).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(readFileSync(join(FIX, 'documents', f), 'utf8')))
  .sort((a, b) => b.published.localeCompare(a.published));

// Arabic folding for matching: diacritics, tatweel, alef/yaa/taa marbuta variants, case.
function fold(s) {
  return String(s || '').toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا').replace(/ى/g, 'ي').replace(/ة/g, 'ه').replace(/ؤ/g, 'و').replace(/ئ/g, 'ي')
    .replace(/\s+/g, ' ').trim();
}
const stripAl = (s) => s.replace(/^(ال|al-|al )/, '');

/** Resolve a reference (KB id, English or Arabic name or alias) to a set of KB keys. */
function resolve(ref) {
  if (!ref) return null;
  if (KBI[ref]) return new Set([ref]);
  const f = fold(ref);
  const keys = new Set();
  for (const r of KB) {
    const names = [r.name, r.name_ar, ...r.aliases.map((a) => a.name)].map(fold);
    if (names.some((n) => n === f || stripAl(n) === stripAl(f))) keys.add(r.key);
  }
  return keys;
}

const COOP = new Set(['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT']);
const TYPES = new Set([...COOP, 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT']);
const AUX = new Set(['none', 'historical', 'future', 'hypothetical', 'negated']);

class BadRequest extends Error {}
const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
function dateParam(q, name) {
  const v = q.get(name);
  if (!v) return null;
  if (!DATE_RE.test(v)) throw new BadRequest(`${name}: expected YYYY-MM-DD, got ${JSON.stringify(v)}`);
  return v;
}
function intParam(q, name, dflt, max) {
  const v = q.get(name);
  if (v == null || v === '') return dflt;
  if (!/^\d+$/.test(v)) throw new BadRequest(`${name}: expected a non-negative integer`);
  return Math.min(Number(v), max);
}
function typeParam(q) {
  const v = q.get('type');
  if (!v) return null;
  const ts = v.split(',').map((s) => s.trim().toUpperCase());
  for (const t of ts) if (!TYPES.has(t)) throw new BadRequest(`type: unknown PLOVER type ${JSON.stringify(t)}`);
  return new Set(ts);
}
function auxParam(q) {
  const v = q.get('aux');
  if (!v) return null;
  if (!AUX.has(v)) throw new BadRequest(`aux: one of ${[...AUX].join(', ')}`);
  return v;
}
// date-prefix comparisons: "2017-04" is within from=2017-04-01..to=2017-04-30
const inRange = (d, from, to) => (!from || (d || '') >= from.slice(0, (d || '').length)) && (!to || (d || '').slice(0, to.length) <= to);

// Flattened events across documents.
const EVENTS = [];
for (const d of DOCS) {
  const cps = Array.from(d.text);
  const byId = Object.fromEntries(d.entities.map((e) => [e.id, e]));
  const ref = (id) => ({ key: byId[id].kb_id || id, name: byId[id].name, name_ar: byId[id].name_ar });
  for (const v of d.events) {
    const loc = v.location ? byId[v.location] : null;
    EVENTS.push({
      doc: d.id, id: v.id, title: d.title, published: d.published, source: d.source,
      event_type: v.event_type, mode: v.mode, aux: v.aux, date: v.date || d.published.slice(0, 10),
      score: v.score, polarity: v.polarity,
      actor: v.actor.map(ref), recipient: v.recipient.map(ref),
      location: loc ? { ...ref(v.location), lat: loc.geo?.lat ?? null, lon: loc.geo?.lon ?? null } : null,
      reported_by: v.reported_by.map(ref),
      evidence: cps.slice(v.evidence.start, v.evidence.end).join(''),
      mentions: 1,
      _country: loc ? KBI[loc.kb_id]?.country : null,
    });
  }
}
const keysOf = (list) => list.map((x) => x.key);
const hasAny = (list, set) => list.some((x) => set.has(x.key));
const pub = ({ _country, ...e }) => e;

function filterEvents(q) {
  const actor = resolve(q.get('actor'));
  const recipient = resolve(q.get('recipient'));
  const reported = resolve(q.get('reported_by'));
  const place = resolve(q.get('place'));
  const country = q.get('country');
  const types = typeParam(q);
  const mode = q.get('mode');
  const aux = auxParam(q);
  const from = dateParam(q, 'from');
  const to = dateParam(q, 'to');
  const num = (n) => { const v = q.get(n); if (v == null || v === '') return null; if (isNaN(Number(v))) throw new BadRequest(`${n}: expected a number`); return Number(v); };
  const minS = num('min_score');
  const maxS = num('max_score');
  return EVENTS.filter((e) =>
    (!actor || hasAny(e.actor, actor)) && (!recipient || hasAny(e.recipient, recipient)) &&
    (!reported || hasAny(e.reported_by, reported)) && (!place || (e.location && place.has(e.location.key))) &&
    (!country || e._country === country.toUpperCase()) && (!types || types.has(e.event_type)) &&
    (!mode || e.mode.includes(mode)) && (!aux || e.aux === aux) && inRange(e.date, from, to) &&
    (minS == null || e.score >= minS) && (maxS == null || e.score <= maxS));
}

function isoWeek(dateStr) {
  const [y, m, d] = dateStr.split('-').map(Number);
  const dt = new Date(Date.UTC(y, (m || 1) - 1, d || 1));
  const day = (dt.getUTCDay() + 6) % 7;
  dt.setUTCDate(dt.getUTCDate() - day + 3);
  const wy = dt.getUTCFullYear();
  const jan4 = new Date(Date.UTC(wy, 0, 4));
  const w = 1 + Math.round(((dt - jan4) / 864e5 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  return `${wy}-W${String(w).padStart(2, '0')}`;
}
function period(date, by) {
  const d = date.length === 4 ? date + '-01-01' : date.length === 7 ? date + '-01' : date.slice(0, 10);
  if (by === 'day') return d;
  if (by === 'week') return isoWeek(d);
  return d.slice(0, 7);
}

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

function snippet(text, q) {
  const terms = q.split(/\s+/).filter(Boolean);
  const ft = fold(text);
  // folding keeps length only for 1:1 replacements; diacritics removal may shift, fine for the mock
  let first = -1;
  const spans = [];
  for (const t of terms) {
    const f = fold(t);
    for (let i = ft.indexOf(f); i >= 0 && f; i = ft.indexOf(f, i + 1)) { spans.push([i, i + f.length]); if (first < 0 || i < first) first = i; }
  }
  const start = Math.max(0, first - 60);
  const end = Math.min(text.length, start + 220);
  let out = '';
  let p = start;
  for (const [a, b] of spans.filter(([a, b]) => a >= start && b <= end).sort((x, y) => x[0] - y[0])) {
    if (a < p) continue;
    out += escapeHtml(text.slice(p, a)) + '<b>' + escapeHtml(text.slice(a, b)) + '</b>';
    p = b;
  }
  out += escapeHtml(text.slice(p, end));
  return (start > 0 ? '… ' : '') + out + (end < text.length ? ' …' : '');
}

function api(path, q) {
  let m;
  if (path === '/api/stats') {
    return { documents: DOCS.length, events: EVENTS.length, entities: KB.length, sources: [...new Set(DOCS.map((d) => d.source))].sort() };
  }
  if (path === '/api/search') {
    const text = (q.get('q') || '').trim();
    const limit = intParam(q, 'limit', 20, 100);
    const offset = intParam(q, 'offset', 0, 1e9);
    const from = dateParam(q, 'from');
    const to = dateParam(q, 'to');
    const source = q.get('source');
    const actor = resolve(q.get('actor'));
    const types = typeParam(q);
    const aux = auxParam(q);
    const terms = text.split(/\s+/).filter(Boolean).map(fold);
    const hits = DOCS.filter((d) => {
      const hay = fold(d.title + ' ' + d.text);
      return terms.every((t) => hay.includes(t)) && inRange(d.published.slice(0, 10), from, to) &&
        (!source || d.source === source) && (!actor || d.entities.some((e) => actor.has(e.kb_id))) &&
        (!types || d.events.some((v) => types.has(v.event_type))) && (!aux || d.events.some((v) => v.aux === aux));
    });
    return {
      total: hits.length,
      hits: hits.slice(offset, offset + limit).map((d) => ({
        id: d.id, title: d.title, published: d.published, source: d.source, url: d.url,
        snippet_html: text ? snippet(d.text, text) : escapeHtml(d.text.slice(0, 200)) + ' …', events: d.events.length,
      })),
    };
  }
  if ((m = path.match(/^\/api\/documents\/([^/]+)$/))) {
    const id = decodeURIComponent(m[1]);
    const d = DOCS.find((x) => x.id === id);
    if (!d) return [404, { error: `no document ${id}` }];
    return d;
  }
  if (path === '/api/events') {
    const limit = intParam(q, 'limit', 50, 500);
    const offset = intParam(q, 'offset', 0, 1e9);
    const evs = filterEvents(q).sort((a, b) => b.date.localeCompare(a.date));
    return { total: evs.length, events: evs.slice(offset, offset + limit).map(pub) };
  }
  if (path === '/api/dyad') {
    const by = q.get('by') || 'month';
    if (!['day', 'week', 'month'].includes(by)) throw new BadRequest('by: one of day, week, month');
    const side = (name) => {
      const ref = q.get(name);
      if (!ref) throw new BadRequest(`${name}: required`);
      const keys = resolve(ref);
      const r = keys.size ? KBI[[...keys][0]] : null;
      return { query: ref, keys: [...keys], name: r?.name ?? ref, name_ar: r?.name_ar ?? ref };
    };
    const a = side('a');
    const b = side('b');
    const A = new Set(a.keys);
    const B = new Set(b.keys);
    const buckets = new Map();
    for (const e of EVENTS) {
      const ab = hasAny(e.actor, A) && hasAny(e.recipient, B);
      const ba = hasAny(e.actor, B) && hasAny(e.recipient, A);
      if (!ab && !ba) continue;
      const p = period(e.date, by);
      if (!buckets.has(p)) buckets.set(p, { period: p, cooperation: { count: 0, sum: 0 }, conflict: { count: 0, sum: 0 }, a_to_b: 0, b_to_a: 0 });
      const bk = buckets.get(p);
      bk[e.polarity].count++;
      bk[e.polarity].sum += e.score;
      if (ab) bk.a_to_b++;
      if (ba) bk.b_to_a++;
    }
    const fin = ({ count, sum }) => ({ count, mean_score: count ? Math.round((sum / count) * 100) / 100 : null });
    const series = [...buckets.values()].sort((x, y) => x.period.localeCompare(y.period))
      .map((bk) => ({ ...bk, cooperation: fin(bk.cooperation), conflict: fin(bk.conflict) }));
    return { a, b, by, series };
  }
  if ((m = path.match(/^\/api\/entities\/(.+)$/))) {
    const ref = decodeURIComponent(m[1]);
    const keys = resolve(ref);
    if (!keys || !keys.size) return [404, { error: `unknown entity ${ref}` }];
    const r = KBI[[...keys][0]];
    const mine = EVENTS.filter((e) => hasAny(e.actor, keys) || hasAny(e.recipient, keys));
    const tl = new Map();
    for (const e of mine) { const p = period(e.date, 'month'); tl.set(p, (tl.get(p) || 0) + 1); }
    const partners = { cooperation: new Map(), conflict: new Map() };
    for (const e of mine) {
      const others = [...(hasAny(e.actor, keys) ? e.recipient : []), ...(hasAny(e.recipient, keys) ? e.actor : [])].filter((x) => !keys.has(x.key));
      for (const o of others) {
        const mp = partners[e.polarity];
        const cur = mp.get(o.key) || { key: o.key, name: o.name, name_ar: o.name_ar, count: 0, sum: 0 };
        cur.count++; cur.sum += e.score; mp.set(o.key, cur);
      }
    }
    const top = (mp) => [...mp.values()].sort((x, y) => y.count - x.count).slice(0, 10)
      .map(({ sum, ...p }) => ({ ...p, mean_score: Math.round((sum / p.count) * 100) / 100 }));
    return {
      key: r.key, name: r.name, name_ar: r.name_ar, type: r.type, kind: r.kind, country: r.country, parent: r.parent,
      aliases: r.aliases, documents: DOCS.filter((d) => d.entities.some((e) => keys.has(e.kb_id))).length, events: mine.length,
      timeline: [...tl].sort().map(([period, count]) => ({ period, count })),
      partners: { cooperation: top(partners.cooperation), conflict: top(partners.conflict) },
    };
  }
  if (path === '/api/map') {
    const types = typeParam(q);
    const from = dateParam(q, 'from');
    const to = dateParam(q, 'to');
    const pts = new Map();
    for (const e of EVENTS) {
      if (!e.location || e.location.lat == null) continue;
      if ((types && !types.has(e.event_type)) || !inRange(e.date, from, to)) continue;
      const l = e.location;
      const p = pts.get(l.key) || { key: l.key, name: l.name, name_ar: l.name_ar, lat: l.lat, lon: l.lon, count: 0, types: {} };
      p.count++; p.types[e.event_type] = (p.types[e.event_type] || 0) + 1;
      pts.set(l.key, p);
    }
    return { points: [...pts.values()].sort((a, b) => b.count - a.count) };
  }
  return [404, { error: `no such endpoint ${path}` }];
}

const TYPES_MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

export function startMockServer({ port = 0, host = '127.0.0.1', token = null, dist = DIST, quiet = true } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const send = (status, body, type, extra = {}) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
      res.end(body);
    };
    if (!quiet) console.log(req.method, req.url);
    if (url.pathname.startsWith('/api/')) {
      if (token && req.headers.authorization !== `Bearer ${token}`) {
        return send(401, JSON.stringify({ error: 'missing or wrong bearer token' }), 'application/json', { 'WWW-Authenticate': 'Bearer' });
      }
      try {
        const out = api(url.pathname, url.searchParams);
        const [status, body] = Array.isArray(out) ? out : [200, out];
        return send(status, JSON.stringify(body), 'application/json; charset=utf-8');
      } catch (e) {
        if (e instanceof BadRequest) return send(400, JSON.stringify({ error: e.message }), 'application/json; charset=utf-8');
        return send(500, JSON.stringify({ error: String(e) }), 'application/json; charset=utf-8');
      }
    }
    // static files with SPA fallback
    let p = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dist, p);
    if (!file.startsWith(dist + sep) && file !== dist) return send(403, 'forbidden', 'text/plain');
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(dist, 'index.html');
    if (!existsSync(file)) return send(404, 'dist/ not built: run npm run build', 'text/plain; charset=utf-8');
    send(200, readFileSync(file), TYPES_MIME[extname(file)] || 'application/octet-stream');
  });
  return new Promise((resolveP) => server.listen(port, host, () => resolveP({ server, port: server.address().port, url: `http://${host}:${server.address().port}` })));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opt = (n) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : null; };
  const { url } = await startMockServer({ port: Number(opt('--port') || 8088), token: opt('--token'), quiet: false });
  console.log(`mock rasd API and UI on ${url}/`);
}
