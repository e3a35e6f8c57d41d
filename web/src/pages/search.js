// #/search?q=&from=&to=&source=&actor=&type=&aux=&page=
import { h, sanitizeSnippet, day } from '../dom.js';
import { t, TYPES, AUX, typeLabel } from '../i18n.js';
import { api } from '../api.js';
import { go, link, loading, current, showError } from '../main.js';

const LIMIT = 20;
const FILTERS = ['from', 'to', 'source', 'actor', 'type', 'aux'];
let statsCache = null;

export async function renderSearch(main, route, id) {
  const p = route.params;
  const val = (k) => p.get(k) || '';
  const field = (name, label, input) => h('div', { class: 'field' }, h('label', { for: 'f-' + name }, label), input);
  const select = (name, opts) => h('select', { id: 'f-' + name, name },
    h('option', { value: '' }, t('any')), opts.map(([v, l]) => h('option', { value: v, selected: val(name) === v }, l)));
  const sourceSel = select('source', val('source') ? [[val('source'), val('source')]] : []);
  const q = h('input', { type: 'search', id: 'q', name: 'q', value: val('q'), placeholder: t('q_placeholder'), dir: 'auto', lang: 'ar', autocomplete: 'off', enterkeyhint: 'search' });
  const anyFilter = FILTERS.some((k) => val(k));
  const form = h('form', { class: 'search-form', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    const fd = new FormData(form);
    const params = { q: fd.get('q').trim() };
    for (const k of FILTERS) params[k] = (fd.get(k) || '').trim();
    go('search', null, params);
  } },
    h('div', { class: 'searchbar' }, h('label', { for: 'q', class: 'sr-only' }, t('q_label')), q, h('button', { type: 'submit', class: 'primary' }, t('search'))),
    h('details', { class: 'filters', open: anyFilter || null },
      h('summary', null, t('filters')),
      h('div', { class: 'filter-grid' },
        field('from', t('from'), h('input', { type: 'date', id: 'f-from', name: 'from', value: val('from') })),
        field('to', t('to'), h('input', { type: 'date', id: 'f-to', name: 'to', value: val('to') })),
        field('source', t('source'), sourceSel),
        field('actor', t('actor'), h('input', { type: 'text', id: 'f-actor', name: 'actor', value: val('actor'), dir: 'auto' })),
        field('type', t('type'), select('type', TYPES.map((x) => [x, `${typeLabel(x)}${typeLabel(x) !== x ? ' · ' + x : ''}`]))),
        field('aux', t('aux'), select('aux', AUX.map((x) => [x, t('aux_' + x)])))),
      h('div', { class: 'row' },
        h('button', { type: 'submit' }, t('apply')),
        h('a', { class: 'button', href: link('search', null, { q: val('q') }) }, t('clear')))));
  const results = h('section', { class: 'results', 'aria-live': 'polite' });
  main.append(form, results);

  // Sources for the filter come from /api/stats (cached; failure is not fatal).
  (statsCache ? Promise.resolve(statsCache) : api('stats').then((s) => (statsCache = s))).then((s) => {
    if (!current(id)) return;
    for (const src of s.sources || []) if (src !== val('source')) sourceSel.append(h('option', { value: src }, src));
    if (!val('q') && !anyFilter) results.prepend(h('p', { class: 'muted stats' }, t('stats', s.documents, s.events, s.entities)));
  }).catch(() => {});

  if (!val('q') && !anyFilter) {
    results.append(h('p', { class: 'hint' }, t('start_hint'), ' ',
      ['داعش', 'القاعدة', 'هدنة'].map((w) => [h('a', { href: link('search', null, { q: w }), lang: 'ar' }, w), ' '])));
    q.focus();
    return;
  }
  const page = Math.max(1, parseInt(val('page'), 10) || 1);
  results.append(loading());
  const params = { q: val('q'), limit: LIMIT, offset: (page - 1) * LIMIT };
  for (const k of FILTERS) params[k] = val(k);
  let res;
  try { res = await api('search', params); } catch (e) { if (current(id)) { results.replaceChildren(); showError(results, e); } return; }
  if (!current(id)) return;
  const pages = Math.max(1, Math.ceil(res.total / LIMIT));
  results.replaceChildren(...[
    h('p', { class: 'count', id: 'result-count' }, t('results', res.total)),
    res.hits.length ? h('ol', { class: 'hits', start: (page - 1) * LIMIT + 1 }, res.hits.map((hit) => h('li', { class: 'hit', dataset: { events: hit.events ?? 0 } },
      h('h2', null, h('a', { href: link('doc', hit.id), dir: 'rtl', lang: 'ar' }, hit.title || hit.id)),
      h('div', { class: 'meta' }, hit.source ? [h('bdi', null, hit.source), ' · '] : null, h('time', { datetime: hit.published || '' }, day(hit.published)),
        hit.events ? [' · ', t('events_n', hit.events)] : null),
      h('p', { class: 'snippet', dir: 'rtl', lang: 'ar' }, sanitizeSnippet(hit.snippet_html))))) : h('p', null, t('no_results')),
    pages > 1 ? pager(page, pages, (n) => { const ps = Object.fromEntries(route.params); ps.page = n > 1 ? n : ''; return link('search', null, ps); }) : null].filter(Boolean));
}

function pager(page, pages, href) {
  return h('nav', { class: 'pager', 'aria-label': t('page_of', page, pages) },
    page > 1 ? h('a', { class: 'button', rel: 'prev', href: href(page - 1) }, t('prev')) : h('span', { class: 'button disabled', 'aria-disabled': 'true' }, t('prev')),
    h('span', { class: 'muted' }, t('page_of', page, pages)),
    page < pages ? h('a', { class: 'button', rel: 'next', href: href(page + 1) }, t('next')) : h('span', { class: 'button disabled', 'aria-disabled': 'true' }, t('next')));
}
