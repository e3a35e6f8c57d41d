// End-to-end tests of the rasd web UI with playwright-core and Debian's chromium.
//   node tests/e2e.mjs              build must exist; starts the mock API server itself
//   node tests/e2e.mjs http://127.0.0.1:PORT    against a running rasd serve
// Env: CHROMIUM=/path (default /usr/bin/chromium), RASD_TOKEN=... (answer to the token prompt
// when the server wants one). Screenshots go to tests/artifacts/.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ART = join(here, 'artifacts');
mkdirSync(ART, { recursive: true });
const EXE = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(EXE)) {
  console.error(`${EXE} not found: install it with  apt-get install -y chromium  (or set CHROMIUM=...)`);
  process.exit(2);
}

let base = process.argv[2];
const servers = [];
let ownMock = false;
let mockMod = null;
if (!base) {
  if (!existsSync(join(here, '..', 'dist', 'index.html'))) { console.error('dist/ missing: run npm run build first'); process.exit(2); }
  mockMod = await import('./mock-server.mjs');
  const s = await mockMod.startMockServer();
  servers.push(s.server);
  base = s.url;
  ownMock = true;
}
base = base.replace(/\/+$/, '');
const token = process.env.RASD_TOKEN || null;
console.log(`e2e against ${base}${ownMock ? ' (mock)' : ''}`);

const userDir = mkdtempSync(join(tmpdir(), 'rasd-e2e-'));
const ctx = await chromium.launchPersistentContext(userDir, {
  executablePath: EXE,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
  locale: 'ar',
  reducedMotion: 'reduce',
});

const problems = []; // console errors, page errors, requests leaving the server
const allowedHosts = new Set([new URL(base).host]);
await ctx.route('**/*', (route) => {
  const u = new URL(route.request().url());
  if (u.protocol === 'data:' || allowedHosts.has(u.host)) return route.continue();
  problems.push(`external request blocked: ${u.href}`);
  return route.abort();
});
function watch(page) {
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 40[014]/.test(m.text())) problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => d.dismiss());
  return page;
}
/** Answers the token dialog when the server asks for one. */
async function maybeToken(page) {
  if (!token) return;
  const dlg = page.locator('dialog.token-dialog');
  if (await dlg.isVisible().catch(() => false)) {
    await page.fill('#token-input', token);
    await page.click('dialog.token-dialog button[value=ok]');
  }
}
async function open(page, hash, waitFor) {
  await page.goto(base + '/' + hash);
  if (token) {
    await Promise.race([page.waitForSelector('dialog.token-dialog', { timeout: 3000 }).catch(() => {}), page.waitForSelector(waitFor, { timeout: 3000 }).catch(() => {})]);
    await maybeToken(page);
  }
  await page.waitForSelector(waitFor, { timeout: 15000 });
}
const shot = (page, name) => page.screenshot({ path: join(ART, name + '.png'), fullPage: true });

let passed = 0;
let failed = 0;
async function test(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e && e.stack ? e.stack.split('\n').slice(0, 8).join('\n     ') : e}`);
  }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

const page = watch(ctx.pages()[0] || await ctx.newPage());
let docHref = null;

await test('search: داعش returns highlighted, sanitized RTL hits', async () => {
  await open(page, '#/search', '#q');
  await page.fill('#q', 'داعش');
  await page.press('#q', 'Enter');
  await page.waitForSelector('.hit h2 a', { timeout: 15000 });
  const r = await page.evaluate(() => ({
    hits: document.querySelectorAll('.hit').length,
    bolds: document.querySelectorAll('.snippet b').length,
    foreign: [...document.querySelectorAll('.snippet *')].filter((e) => e.localName !== 'b').map((e) => e.localName),
    dir: document.querySelector('.snippet').getAttribute('dir'),
    htmlDir: document.documentElement.dir,
    count: document.querySelector('#result-count')?.textContent,
  }));
  assert(r.hits > 0, 'no hits');
  assert(r.bolds > 0, 'no <b> highlights in snippets');
  assert(r.foreign.length === 0, 'snippet contains tags other than <b>: ' + r.foreign.join(','));
  assert(r.dir === 'rtl' && r.htmlDir === 'rtl', 'snippets / page not RTL');
  assert(page.url().includes('#/search?q='), 'query not in the URL: ' + page.url());
  // open the hit with the most events (the richest article)
  docHref = await page.evaluate(() => {
    const hits = [...document.querySelectorAll('.hit')].map((li) => ({ href: li.querySelector('h2 a').getAttribute('href'), n: Number(li.dataset.events || 0) }));
    return hits.sort((a, b) => b.n - a.n)[0].href;
  });
  await shot(page, 'search');
  // filters open and keep their values
  await page.click('.filters summary');
  await page.selectOption('#f-type', 'ASSAULT');
  await page.click('.filters button[type=submit]');
  await page.waitForFunction(() => location.hash.includes('type=ASSAULT') && document.querySelector('#result-count'), null, { timeout: 15000 });
});

await test('article: RTL text, entity highlights at code point offsets, events jump to evidence', async () => {
  assert(docHref, 'no document link from search');
  await open(page, docHref, '#doc-text');
  const id = decodeURIComponent(docHref.replace(/^#\/doc\//, ''));
  const check = await page.evaluate(async ({ id, token }) => {
    const res = await fetch('api/documents/' + encodeURIComponent(id), { headers: token ? { Authorization: 'Bearer ' + token } : {} });
    const doc = await res.json();
    const cps = Array.from(doc.text);
    const el = document.getElementById('doc-text');
    const marks = [...el.querySelectorAll('mark.ent')];
    const bad = [];
    let mentions = 0;
    for (const e of doc.entities) {
      for (const m of e.mentions) {
        mentions++;
        const want = cps.slice(m.start, m.end).join('');
        const mine = marks.filter((x) => x.dataset.ent === e.id).map((x) => x.textContent);
        if (!mine.some((s) => s === want || (s && want.startsWith(s)))) bad.push(`${e.id} ${want}`);
      }
    }
    return {
      dir: el.getAttribute('dir'), lang: el.getAttribute('lang'), text: el.textContent === doc.text,
      marks: marks.length, mentions, bad, types: [...new Set(marks.map((m) => [...m.classList].find((c) => c.startsWith('ent-'))))],
      events: doc.events.length, ev: el.querySelectorAll('.ev').length, trig: el.querySelectorAll('.trig').length,
      eventItems: document.querySelectorAll('.doc-event').length,
    };
  }, { id, token: token || (await page.evaluate(() => sessionStorage.getItem('rasd.token'))) });
  assert(check.dir === 'rtl' && check.lang === 'ar', `text is not dir=rtl lang=ar (${check.dir}, ${check.lang})`);
  assert(check.text, 'rendered text differs from the document text');
  assert(check.mentions > 0 && check.marks >= check.mentions, `highlights: ${check.marks} marks for ${check.mentions} mentions`);
  assert(check.bad.length === 0, 'mentions not highlighted at their offsets: ' + check.bad.slice(0, 5).join('; '));
  if (check.events) {
    assert(check.ev > 0 && check.trig > 0, 'no evidence / trigger spans');
    assert(check.eventItems === check.events, 'event list length differs');
    await page.click('.doc-event .ev-jump');
    await page.waitForSelector('.ev.active', { timeout: 5000 });
  }
  // hover an entity: popover with the canonical names
  await page.hover('mark.ent');
  await page.waitForSelector('#entity-popover:not([hidden])', { timeout: 5000 });
  const pop = await page.textContent('#entity-popover');
  assert(pop && pop.trim().length > 0, 'empty entity popover');
  await shot(page, 'article');
  // keyboard: focus reaches an entity and shows the popover; Escape hides it
  await page.mouse.move(0, 0);
  await page.focus('mark.ent[tabindex="0"]');
  await page.waitForSelector('#entity-popover:not([hidden])', { timeout: 5000 });
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#entity-popover[hidden]', { state: 'attached', timeout: 5000 });
});

await test('dyad: داعش ↔ القاعدة chart has cooperation and conflict series; a click lists evidence', async () => {
  await open(page, '#/dyad?a=' + encodeURIComponent('داعش') + '&b=' + encodeURIComponent('القاعدة') + '&by=month', 'svg.dyad-chart');
  const n = await page.evaluate(() => ({
    coop: document.querySelectorAll('svg.dyad-chart .series-cooperation').length,
    conf: document.querySelectorAll('svg.dyad-chart .series-conflict').length,
    coopFill: getComputedStyle(document.querySelector('svg.dyad-chart rect.series-cooperation')).fill,
    confFill: getComputedStyle(document.querySelector('svg.dyad-chart rect.series-conflict')).fill,
  }));
  assert(n.coop > 0 && n.conf > 0, `series elements: cooperation ${n.coop}, conflict ${n.conf}`);
  assert(n.coopFill !== n.confFill, 'the two series have the same colour');
  await page.click('svg.dyad-chart rect.series-conflict[role=button]');
  await page.waitForSelector('#dyad-evidence .event-item', { timeout: 15000 });
  const ev = await page.evaluate(() => [...document.querySelectorAll('#dyad-evidence .event-item')].map((e) => e.className));
  assert(ev.every((c) => c.includes('pol-conflict')), 'conflict click listed non-conflict events');
  await shot(page, 'dyad');
  await page.selectOption('#dyad-by', 'week');
  await page.waitForFunction(() => location.hash.includes('by=week') && document.querySelector('svg.dyad-chart'), null, { timeout: 15000 });
  await page.waitForSelector('svg.dyad-chart .series-cooperation', { timeout: 15000 });
});

await test('map: offline world map with event circles', async () => {
  await open(page, '#/map', 'svg.map');
  await page.waitForSelector('svg.map circle.map-point', { timeout: 15000 });
  const r = await page.evaluate(() => ({ circles: document.querySelectorAll('svg.map circle.map-point').length, countries: document.querySelectorAll('svg.map .countries path').length }));
  assert(r.circles > 0, 'no circles');
  assert(r.countries > 100, 'world countries missing: ' + r.countries);
  await page.click('svg.map circle.map-point');
  await page.waitForSelector('.map-events .event-item', { timeout: 15000 });
  await shot(page, 'map');
  await page.selectOption('#m-type', 'ASSAULT');
  await page.click('.map-form button[type=submit]');
  await page.waitForFunction(() => location.hash.includes('type=ASSAULT') && document.querySelector('svg.map'), null, { timeout: 15000 });
});

await test('actor: names, aliases, timeline and partners of داعش', async () => {
  await open(page, '#/actor/' + encodeURIComponent('داعش'), '.actor h1');
  const r = await page.evaluate(() => ({
    h1: document.querySelector('.actor h1').textContent,
    aliases: document.querySelectorAll('table.aliases tbody tr').length,
    bars: document.querySelectorAll('.timeline-chart rect.bar').length,
    coop: document.querySelectorAll('.partners.pol-cooperation li').length,
    conf: document.querySelectorAll('.partners.pol-conflict li').length,
  }));
  assert(r.h1.trim(), 'no actor name');
  assert(r.aliases > 0, 'no aliases');
  assert(r.bars > 0, 'no timeline bars');
  assert(r.coop + r.conf > 0, 'no partners');
  await page.waitForSelector('.latest .event-item, .latest .muted', { timeout: 15000 });
  await shot(page, 'actor');
  await open(page, '#/actor/' + encodeURIComponent('لا-يوجد-فاعل-بهذا-الاسم-xyz'), '.error');
});

await test('language toggle switches labels and direction', async () => {
  await open(page, '#/actor/' + encodeURIComponent('داعش'), '.actor h1');
  await page.click('#lang-toggle');
  await page.waitForFunction(() => document.documentElement.dir === 'ltr' && document.documentElement.lang === 'en', null, { timeout: 5000 });
  await page.waitForSelector('.actor h1', { timeout: 15000 });
  const nav = await page.textContent('nav[aria-label=main]');
  assert(nav.includes('Search'), 'English labels missing: ' + nav);
  await shot(page, 'actor-en');
  await page.click('#lang-toggle');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl' && document.documentElement.lang === 'ar', null, { timeout: 5000 });
});

await test('phone width (375px): no horizontal overflow on every page', async () => {
  const m = watch(await ctx.newPage());
  await m.setViewportSize({ width: 375, height: 812 });
  const pages = [['#/search?q=' + encodeURIComponent('داعش'), '.hit', 'phone-search'], [docHref, '#doc-text', 'phone-article'],
    ['#/dyad?a=' + encodeURIComponent('داعش') + '&b=' + encodeURIComponent('القاعدة'), 'svg.dyad-chart', 'phone-dyad'],
    ['#/map', 'svg.map', 'phone-map'], ['#/actor/' + encodeURIComponent('داعش'), '.timeline-chart', 'phone-actor']];
  const over = [];
  for (const [hash, sel, name] of pages) {
    await open(m, hash, sel);
    const w = await m.evaluate(() => document.documentElement.scrollWidth);
    if (w > 376) over.push(`${name}: ${w}px`);
    await shot(m, name);
  }
  await m.close();
  assert(!over.length, 'horizontal overflow: ' + over.join(', '));
});

if (ownMock) {
  await test('bearer token: 401 shows the prompt, the token is sent afterwards', async () => {
    const s = await mockMod.startMockServer({ token: 's3cret' });
    servers.push(s.server);
    allowedHosts.add(new URL(s.url).host);
    const p = watch(await ctx.newPage());
    const sent = [];
    p.on('request', (r) => { if (r.url().includes('/api/')) sent.push(r.headers().authorization || ''); });
    await p.goto(s.url + '/#/search?q=' + encodeURIComponent('داعش'));
    await p.waitForSelector('dialog.token-dialog', { timeout: 10000 });
    await shot(p, 'token');
    await p.fill('#token-input', 'wrong');
    await p.click('dialog.token-dialog button[value=ok]');
    await p.waitForSelector('dialog.token-dialog .error', { timeout: 10000 });
    await p.fill('#token-input', 's3cret');
    await p.click('dialog.token-dialog button[value=ok]');
    await p.waitForSelector('.hit', { timeout: 10000 });
    assert(sent.includes('Bearer s3cret'), 'token not sent');
    assert(await p.evaluate(() => sessionStorage.getItem('rasd.token')) === 's3cret', 'token not kept in sessionStorage');
    await p.close();
  });
  await test('API errors are shown (400 with {"error"})', async () => {
    await open(page, '#/search?q=x&from=not-a-date', '.error');
  });
}

await test('no console errors and no requests outside the server', async () => {
  assert(problems.length === 0, problems.join('\n     '));
});

await ctx.close();
rmSync(userDir, { recursive: true, force: true });
for (const s of servers) s.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
