// #/actor/NAME — names, aliases, timeline and partners of one actor.
import { h } from '../dom.js';
import { t, nm } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { go, link, loading, current, onResize } from '../main.js';
import { timelineChart } from '../charts.js';
import { eventItem } from '../common.js';
import { fmtScore } from '../dom.js';

export async function renderActor(main, route, id) {
  const name = route.arg || '';
  const input = h('input', { type: 'text', id: 'actor-q', name: 'actor', value: name, dir: 'auto', required: true, autocomplete: 'off' });
  main.append(h('form', { class: 'inline-form', onsubmit: (e) => { e.preventDefault(); if (input.value.trim()) go('actor', input.value.trim()); } },
    h('label', { for: 'actor-q' }, t('actor_label')), input, h('button', { type: 'submit', class: 'primary' }, t('open'))));
  if (!name) {
    main.append(h('p', { class: 'hint' }, ['داعش', 'القاعدة', 'أبو بكر البغدادي'].map((w) => [h('a', { href: link('actor', w), lang: 'ar' }, w), ' '])));
    input.focus();
    return;
  }
  const wait = loading();
  main.append(wait);
  let a;
  try {
    a = await api('entities/' + encodeURIComponent(name));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) { wait.replaceWith(h('p', { class: 'error', role: 'alert' }, t('unknown_actor', name))); return; }
    throw e;
  }
  if (!current(id)) return;
  wait.remove();
  const other = nm(a) === a.name_ar ? a.name : a.name_ar;
  const chartBox = h('div', { class: 'chart-box' });
  const draw = () => chartBox.replaceChildren(timelineChart(a.timeline || [], chartBox.clientWidth || 600));
  const partnerList = (list, pol) => (list && list.length
    ? h('ol', { class: ['partners', 'pol-' + pol] }, list.map((p) => h('li', null,
      h('a', { href: link('actor', p.key || p.name) }, h('bdi', null, nm(p))),
      h('span', { class: 'pcount', title: t('count') }, String(p.count)),
      h('span', { class: 'score', title: t('mean') }, fmtScore(p.mean_score)),
      h('a', { class: 'small', href: link('dyad', null, { a: a.key || name, b: p.key || p.name }) }, t('dyad_with')))))
    : h('p', { class: 'muted' }, t('none')));
  const latest = h('section', { class: 'latest' }, h('h2', null, t('latest')), loading());

  main.append(h('article', { class: 'actor' },
    h('header', { class: 'actor-head' },
      h('h1', null, h('bdi', null, nm(a))),
      other ? h('p', { class: 'other-name' }, h('bdi', { lang: other === a.name_ar ? 'ar' : 'en' }, other)) : null,
      h('p', { class: 'badges' },
        a.type ? h('span', { class: ['swatch', 'ent-' + a.type] }, a.type) : null, ' ',
        a.kind ? h('span', { class: 'badge' }, a.kind) : null, ' ',
        a.country ? h('span', { class: 'badge' }, t('country') + ': ' + a.country) : null, ' ',
        a.parent ? h('span', { class: 'badge' }, t('parent') + ': ', h('a', { href: link('actor', a.parent) }, a.parent)) : null,
        a.key ? h('span', { class: 'badge mono', dir: 'ltr' }, a.key) : null),
      h('p', { class: 'counts' }, h('span', null, t('documents_n') + ': ', h('strong', null, String(a.documents ?? 0))), ' · ',
        h('span', null, t('events_total') + ': ', h('strong', null, String(a.events ?? 0))))),
    h('div', { class: 'actor-grid' },
      h('section', null, h('h2', null, t('timeline')), chartBox),
      h('section', null, h('h2', null, t('aliases')),
        h('table', { class: 'aliases' }, h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('aliases')), h('th', { scope: 'col' }, t('valid')))),
          h('tbody', null, (a.aliases || []).map((al) => h('tr', null, h('td', null, h('bdi', null, al.name)), h('td', { dir: 'ltr' }, al.valid || t('always')))))))),
    h('section', { class: 'partners-box' }, h('h2', null, t('partners')),
      h('div', { class: 'two' },
        h('div', null, h('h3', { class: 'pol-cooperation' }, t('partners_coop')), partnerList(a.partners?.cooperation, 'cooperation')),
        h('div', null, h('h3', { class: 'pol-conflict' }, t('partners_conf')), partnerList(a.partners?.conflict, 'conflict')))),
    latest));
  draw();
  onResize(draw);
  try {
    const ev = await api('events', { actor: a.key || name, limit: 10 });
    if (!current(id)) return;
    latest.replaceChildren(h('h2', null, t('latest')), ev.events.length ? h('ul', { class: 'event-list' }, ev.events.map(eventItem)) : h('p', { class: 'muted' }, t('none')));
  } catch (e) { latest.lastChild.replaceWith(h('p', { class: 'error' }, String(e.message))); }
}
