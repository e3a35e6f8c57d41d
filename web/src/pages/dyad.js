// #/dyad?a=&b=&by=month — cooperation and conflict between two actors over time.
import { h, fmtScore } from '../dom.js';
import { t, nm } from '../i18n.js';
import { api } from '../api.js';
import { go, link, loading, current, onResize, showError } from '../main.js';
import { dyadChart, legend } from '../charts.js';
import { eventItem, arrow } from '../common.js';

/** Date range [from, to] (YYYY-MM-DD, inclusive) of a period label. */
export function periodRange(p, by) {
  const iso = (d) => d.toISOString().slice(0, 10);
  let m;
  if ((m = /^(\d{4})-W(\d{1,2})$/.exec(p))) { // ISO week
    const jan4 = new Date(Date.UTC(+m[1], 0, 4));
    const mon = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 864e5 + (+m[2] - 1) * 7 * 864e5);
    return [iso(mon), iso(new Date(mon.getTime() + 6 * 864e5))];
  }
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p))) {
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return by === 'week' ? [iso(d), iso(new Date(d.getTime() + 6 * 864e5))] : [p, p];
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(p))) return [`${p}-01`, iso(new Date(Date.UTC(+m[1], +m[2], 0)))];
  if (/^\d{4}$/.test(p)) return [`${p}-01-01`, `${p}-12-31`];
  return [null, null];
}

export async function renderDyad(main, route, id) {
  const P = route.params;
  const a = P.get('a') || '';
  const b = P.get('b') || '';
  const by = ['day', 'week', 'month'].includes(P.get('by')) ? P.get('by') : 'month';
  const ia = h('input', { type: 'text', id: 'dyad-a', name: 'a', value: a, dir: 'auto', required: true, autocomplete: 'off' });
  const ib = h('input', { type: 'text', id: 'dyad-b', name: 'b', value: b, dir: 'auto', required: true, autocomplete: 'off' });
  const sel = h('select', { id: 'dyad-by', name: 'by', onchange: () => ia.value && ib.value && form.requestSubmit() },
    ['month', 'week', 'day'].map((x) => h('option', { value: x, selected: x === by }, t('by_' + x))));
  const form = h('form', { class: 'dyad-form', onsubmit: (e) => { e.preventDefault(); go('dyad', null, { a: ia.value.trim(), b: ib.value.trim(), by: sel.value }); } },
    h('div', { class: 'field' }, h('label', { for: 'dyad-a' }, t('side_a')), ia),
    h('div', { class: 'field' }, h('label', { for: 'dyad-b' }, t('side_b')), ib),
    h('div', { class: 'field' }, h('label', { for: 'dyad-by' }, t('by')), sel),
    h('div', { class: 'field' }, h('span', { class: 'label-spacer', 'aria-hidden': 'true' }, '\u00a0'), h('button', { type: 'submit', class: 'primary' }, t('show'))));
  main.append(form);
  if (!a || !b) {
    main.append(h('p', { class: 'hint' }, t('dyad_hint'), ' ', h('a', { href: link('dyad', null, { a: 'داعش', b: 'القاعدة' }), lang: 'ar' }, 'داعش ↔ القاعدة')));
    (a ? ib : ia).focus();
    return;
  }
  const wait = loading();
  main.append(wait);
  const d = await api('dyad', { a, b, by });
  if (!current(id)) return;
  wait.remove();
  const series = d.series || [];
  const chartBox = h('div', { class: 'chart-box', id: 'dyad-chart' });
  const evBox = h('section', { class: 'dyad-evidence', 'aria-live': 'polite', id: 'dyad-evidence' });
  const refOf = (side) => (side.keys && side.keys.length === 1 ? side.keys[0] : side.query);
  let seq = 0;
  const pick = async ({ period, polarity }) => {
    const my = ++seq;
    for (const el of chartBox.querySelectorAll('.picked')) el.classList.remove('picked');
    for (const el of chartBox.querySelectorAll(`[data-period="${CSS.escape(period)}"]${polarity ? `[data-polarity="${polarity}"]` : ''}`)) el.classList.add('picked');
    const [from, to] = periodRange(period, d.by || by);
    evBox.replaceChildren(h('h2', null, t('evidence_for', period, polarity ? t(polarity) : '')), loading());
    try {
      const q = { from, to, limit: 100 };
      const [x, y] = await Promise.all([
        api('events', { ...q, actor: refOf(d.a), recipient: refOf(d.b) }),
        api('events', { ...q, actor: refOf(d.b), recipient: refOf(d.a) }),
      ]);
      if (my !== seq || !current(id)) return;
      const seen = new Set();
      const all = [...x.events, ...y.events].filter((e) => { const k = e.doc + '#' + e.id; if (seen.has(k)) return false; seen.add(k); return true; })
        .filter((e) => !polarity || e.polarity === polarity)
        .sort((p, q2) => String(p.date).localeCompare(String(q2.date)));
      evBox.replaceChildren(h('h2', null, t('evidence_for', period, polarity ? t(polarity) : '')),
        all.length ? h('ul', { class: 'event-list' }, all.map(eventItem)) : h('p', { class: 'muted' }, t('no_results')));
    } catch (e) { if (my === seq) { evBox.replaceChildren(); showError(evBox, e); } }
  };
  const draw = () => chartBox.replaceChildren(dyadChart(series, chartBox.clientWidth || 700, pick));
  const table = h('details', { class: 'data-table' }, h('summary', null, t('data_table')),
    h('div', { class: 'table-scroll' }, h('table', null,
      h('thead', null, h('tr', null, [t('period'), `${t('cooperation')} (${t('count')})`, `${t('cooperation')} (${t('mean')})`,
        `${t('conflict')} (${t('count')})`, `${t('conflict')} (${t('mean')})`, t('a_to_b'), t('b_to_a')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, series.map((s) => h('tr', null,
        h('th', { scope: 'row' }, h('button', { type: 'button', class: 'linklike', onclick: () => pick({ period: s.period, polarity: null }) }, s.period)),
        h('td', null, String(s.cooperation?.count ?? 0)), h('td', null, fmtScore(s.cooperation?.mean_score)),
        h('td', null, String(s.conflict?.count ?? 0)), h('td', null, fmtScore(s.conflict?.mean_score)),
        h('td', null, String(s.a_to_b ?? '')), h('td', null, String(s.b_to_a ?? ''))))))));
  const tot = (p) => series.reduce((n, s) => n + (s[p]?.count || 0), 0);
  main.append(h('section', { class: 'dyad' },
    h('h1', null, h('a', { href: link('actor', refOf(d.a)) }, h('bdi', null, nm(d.a))), ' ', h('span', { 'aria-hidden': 'true' }, '↔'), h('span', { class: 'sr-only' }, ' / '), ' ',
      h('a', { href: link('actor', refOf(d.b)) }, h('bdi', null, nm(d.b)))),
    h('p', { class: 'totals' }, h('span', { class: 'pol-cooperation' }, `${t('cooperation')}: ${tot('cooperation')}`), ' · ',
      h('span', { class: 'pol-conflict' }, `${t('conflict')}: ${tot('conflict')}`), ' · ',
      h('span', { class: 'muted' }, h('bdi', null, nm(d.a)), ' ', arrow(), ' ', h('bdi', null, nm(d.b)), ': ', String(series.reduce((n, s) => n + (s.a_to_b || 0), 0)), ' · ',
        h('bdi', null, nm(d.b)), ' ', arrow(), ' ', h('bdi', null, nm(d.a)), ': ', String(series.reduce((n, s) => n + (s.b_to_a || 0), 0)))),
    series.length ? [legend(), chartBox, h('p', { class: 'muted small' }, t('click_hint')), table] : h('p', null, t('no_dyad')),
    evBox));
  if (series.length) { draw(); onResize(draw); }
}
