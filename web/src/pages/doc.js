// #/doc/ID[?ev=V1] — article reader with entity highlights and the event list.
import { h, day, fmtScore } from '../dom.js';
import { t, nm, typeLabel } from '../i18n.js';
import { api } from '../api.js';
import { link, loading, current } from '../main.js';
import { polarityBadge, arrow } from '../common.js';

const ETYPES = ['PER', 'ORG', 'LOC', 'MISC'];

export async function renderDoc(main, route, id) {
  const wait = loading();
  main.append(wait);
  const doc = await api('documents/' + encodeURIComponent(route.arg));
  if (!current(id)) return;
  wait.remove();
  const ents = doc.entities || [];
  const events = doc.events || [];
  const byId = Object.fromEntries(ents.map((e) => [e.id, e]));
  const refs = (ids) => (ids || []).map((x) => byId[x]).filter(Boolean);

  const popover = h('div', { class: 'popover', role: 'dialog', hidden: true, id: 'entity-popover' });
  const article = h('div', { class: 'doc-text', dir: 'rtl', lang: 'ar', id: 'doc-text' }, buildText(doc.text || '', ents, events));
  const legend = h('ul', { class: 'legend', 'aria-label': t('legend') }, ETYPES.map((ty) => h('li', null, h('span', { class: ['swatch', 'ent-' + ty] }, ty), ' ', t(ty))),
    h('li', null, h('span', { class: 'ev-sample' }, t('evidence'))), h('li', null, h('span', { class: 'trig-sample' }, t('trigger'))));

  const eventList = h('ol', { class: 'doc-events' }, events.map((v) => {
    const btn = h('button', { type: 'button', class: 'ev-jump', 'aria-describedby': 'ev-' + v.id + '-meta', dataset: { ev: v.id }, onclick: () => jumpTo(v.id, true) },
      h('span', { class: 'ev-head' }, polarityBadge(v.polarity), ' ', h('span', { class: 'etype' }, typeLabel(v.event_type)),
        (v.mode || []).length ? h('span', { class: 'muted' }, ' (' + v.mode.join(', ') + ')') : null,
        ' ', h('span', { class: 'score', title: t('score') }, fmtScore(v.score)),
        v.aux && v.aux !== 'none' ? h('span', { class: 'aux' }, t('aux_' + v.aux)) : null),
      h('span', { class: 'who' }, names(refs(v.actor)), ' ', arrow(), ' ', h('span', { class: 'verb' }, v.trigger ? h('bdi', { lang: 'ar' }, v.trigger.text || '') : typeLabel(v.event_type)),
        refs(v.recipient).length ? [' ', arrow(), ' ', names(refs(v.recipient))] : null));
    return h('li', { class: ['doc-event', 'pol-' + v.polarity], id: 'event-' + v.id },
      btn,
      h('dl', { class: 'ev-meta', id: 'ev-' + v.id + '-meta' },
        v.location && byId[v.location] ? [h('dt', null, t('where')), h('dd', null, h('bdi', null, nm(byId[v.location])))] : null,
        v.date ? [h('dt', null, t('when')), h('dd', null, v.date)] : null,
        refs(v.reported_by).length ? [h('dt', null, t('according')), h('dd', null, names(refs(v.reported_by)))] : null));
  }));

  const entityList = h('ul', { class: 'entity-chips' }, ents.map((e) => h('li', null,
    h('a', { href: link('actor', e.kb_id || e.name_ar || e.name), class: ['chip', 'ent-' + e.type] }, h('bdi', null, nm(e)),
      h('span', { class: 'count' }, String((e.mentions || []).length))))));

  main.append(
    h('article', { class: 'doc' },
      h('header', { class: 'doc-head' },
        h('h1', { dir: 'rtl', lang: 'ar' }, doc.title || doc.id),
        h('p', { class: 'meta' }, doc.source ? [h('bdi', null, doc.source), ' · '] : null,
          doc.published ? [t('published') + ': ', h('time', { datetime: doc.published }, day(doc.published))] : null,
          doc.url ? [' · ', h('a', { href: doc.url, rel: 'noopener noreferrer', target: '_blank' }, t('original'))] : null)),
      h('div', { class: 'doc-grid' },
        h('section', { class: 'doc-main', 'aria-label': doc.title || doc.id }, legend, article),
        h('aside', { class: 'doc-side' },
          h('h2', null, t('events'), ' ', h('span', { class: 'muted' }, `(${events.length})`)),
          events.length ? eventList : h('p', { class: 'muted' }, t('no_events')),
          h('h2', null, t('entities')), entityList))),
    popover);

  // entity popover: hover/focus shows, click pins, Escape or outside click closes
  let pinned = null;
  let quiet = false; // refocusing a mark after Escape must not reopen the popover
  const show = (mark) => {
    const e = byId[mark.dataset.ent];
    if (!e) return;
    popover.replaceChildren(
      h('div', { class: 'pop-ar', lang: 'ar', dir: 'rtl' }, e.name_ar || ''),
      h('div', { class: 'pop-en', lang: 'en', dir: 'ltr' }, e.name || ''),
      h('dl', null,
        h('dt', null, t('kind')), h('dd', null, h('span', { class: ['swatch', 'ent-' + e.type] }, e.type), ' ', e.kind || ''),
        e.country ? [h('dt', null, t('country')), h('dd', null, e.country)] : null,
        e.kb_id ? [h('dt', null, t('kb_id')), h('dd', { dir: 'ltr' }, e.kb_id)] : null),
      h('a', { href: link('actor', e.kb_id || e.name_ar || e.name) }, t('actor_page')));
    popover.hidden = false;
    const r = mark.getBoundingClientRect();
    const pw = Math.min(280, innerWidth - 16);
    popover.style.width = pw + 'px';
    let left = r.left + scrollX + r.width / 2 - pw / 2;
    left = Math.max(8 + scrollX, Math.min(left, scrollX + innerWidth - pw - 8));
    popover.style.left = left + 'px';
    popover.style.top = r.bottom + scrollY + 6 + 'px';
    popover.setAttribute('aria-label', nm(e));
  };
  const hide = () => { popover.hidden = true; pinned = null; };
  article.addEventListener('mouseover', (ev) => { const m = ev.target.closest('.ent'); if (m && !pinned) show(m); });
  article.addEventListener('mouseout', (ev) => { const m = ev.target.closest('.ent'); if (m && !pinned && !m.contains(ev.relatedTarget)) popover.hidden = true; });
  article.addEventListener('focusin', (ev) => { const m = ev.target.closest('.ent'); if (m && !quiet) { pinned = null; show(m); } });
  article.addEventListener('focusout', () => {
    if (pinned) return;
    setTimeout(() => { const a = document.activeElement; if (!popover.contains(a) && !(a && a.closest && a.closest('#doc-text .ent'))) popover.hidden = true; }, 0);
  });
  article.addEventListener('click', (ev) => {
    const m = ev.target.closest('.ent');
    if (m) { if (pinned === m) hide(); else { show(m); pinned = m; } ev.stopPropagation(); }
  });
  article.addEventListener('keydown', (ev) => {
    const m = ev.target.closest('.ent');
    if (m && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); show(m); pinned = m; popover.querySelector('a')?.focus(); }
  });
  const onDocClick = (ev) => { if (!popover.contains(ev.target)) hide(); };
  const onKey = (ev) => { if (ev.key === 'Escape' && !popover.hidden) { const p = pinned; hide(); quiet = true; p?.focus(); quiet = false; } };
  document.addEventListener('click', onDocClick);
  document.addEventListener('keydown', onKey);
  addEventListener('hashchange', () => { document.removeEventListener('click', onDocClick); document.removeEventListener('keydown', onKey); }, { once: true });

  function jumpTo(evId, focus) {
    for (const el of article.querySelectorAll('.ev.active, .trig.active')) el.classList.remove('active');
    for (const el of main.querySelectorAll('.doc-event.active')) el.classList.remove('active');
    const parts = article.querySelectorAll(`.ev[data-ev~="${evId}"]`);
    for (const el of parts) el.classList.add('active');
    for (const el of article.querySelectorAll(`.trig[data-trig~="${evId}"]`)) el.classList.add('active');
    document.getElementById('event-' + evId)?.classList.add('active');
    if (parts[0]) {
      parts[0].scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
      if (focus) parts[0].focus({ preventScroll: true });
    }
  }
  const want = route.params.get('ev');
  if (want) requestAnimationFrame(() => jumpTo(want, false));
}

const names = (list) => {
  const out = [];
  list.forEach((x, i) => { if (i) out.push('، '); out.push(h('bdi', null, nm(x))); });
  return out.length ? out : ['–'];
};

/**
 * Build the annotated text. Offsets are Unicode code points, so the text is sliced
 * as an array of code points (Array.from), never with UTF-16 String.slice.
 * Evidence spans become <span class="ev"> regions; inside them entity mentions
 * are <mark class="ent ent-TYPE"> and triggers <span class="trig">.
 */
export function buildText(text, ents, events) {
  const cps = Array.from(text);
  const n = cps.length;
  const clamp = (x) => Math.max(0, Math.min(n, x | 0));
  const mentions = [];
  for (const e of ents) for (const m of e.mentions || []) if (m.end > m.start) mentions.push({ s: clamp(m.start), e: clamp(m.end), ent: e });
  const evid = [];
  const trigs = [];
  const quotes = [];
  for (const v of events) {
    if (v.evidence && v.evidence.end > v.evidence.start) evid.push({ s: clamp(v.evidence.start), e: clamp(v.evidence.end), id: v.id, pol: v.polarity });
    if (v.trigger && v.trigger.end > v.trigger.start) trigs.push({ s: clamp(v.trigger.start), e: clamp(v.trigger.end), id: v.id });
    if (v.quote && v.quote.end > v.quote.start) quotes.push({ s: clamp(v.quote.start), e: clamp(v.quote.end), id: v.id });
  }
  const cuts = (spans, lo, hi) => {
    const b = new Set([lo, hi]);
    for (const x of spans) { if (x.s > lo && x.s < hi) b.add(x.s); if (x.e > lo && x.e < hi) b.add(x.e); }
    return [...b].sort((a, c) => a - c);
  };
  const covering = (spans, a, b) => spans.filter((x) => x.s <= a && x.e >= b);
  const frag = document.createDocumentFragment();
  const seenMention = new Set();
  const outer = cuts(evid, 0, n);
  for (let i = 0; i + 1 < outer.length; i++) {
    const [a, b] = [outer[i], outer[i + 1]];
    const evs = covering(evid, a, b);
    const host = evs.length
      ? h('span', { class: ['ev', evs.some((x) => x.pol === 'conflict') ? 'ev-conflict' : 'ev-cooperation'], tabindex: '-1', dataset: { ev: evs.map((x) => x.id).join(' ') } })
      : document.createDocumentFragment();
    const inner = cuts([...mentions, ...trigs, ...quotes], a, b);
    for (let j = 0; j + 1 < inner.length; j++) {
      const [c, d] = [inner[j], inner[j + 1]];
      let node = document.createTextNode(cps.slice(c, d).join(''));
      const tr = covering(trigs, c, d);
      if (tr.length) node = h('span', { class: 'trig', dataset: { trig: tr.map((x) => x.id).join(' ') } }, node);
      const ms = covering(mentions, c, d);
      if (ms.length) {
        const m = ms.reduce((x, y) => (y.e - y.s < x.e - x.s ? y : x)); // innermost
        const first = !seenMention.has(m);
        seenMention.add(m);
        node = h('mark', { class: ['ent', 'ent-' + m.ent.type], tabindex: first ? '0' : null, dataset: { ent: m.ent.id }, 'aria-haspopup': 'dialog' }, node);
      }
      const qs = covering(quotes, c, d);
      if (qs.length) node = h('q', { class: 'quote' }, node);
      host.append(node);
    }
    frag.append(host);
  }
  return frag;
}
