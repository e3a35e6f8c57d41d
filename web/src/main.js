// rasd web UI: shell, hash router, language toggle.
import './style.css';
import { h, clear } from './dom.js';
import { t, getLang, setLang, applyLang } from './i18n.js';
import { renderSearch } from './pages/search.js';
import { renderDoc } from './pages/doc.js';
import { renderActor } from './pages/actor.js';
import { renderDyad } from './pages/dyad.js';
import { renderMap } from './pages/map.js';

const ROUTES = { search: renderSearch, doc: renderDoc, actor: renderActor, dyad: renderDyad, map: renderMap };

/** Parse "#/doc/ID?x=1" into { name: 'doc', arg: 'ID', params }. */
export function parseHash(hash = location.hash) {
  const raw = hash.replace(/^#\/?/, '');
  const qi = raw.indexOf('?');
  const path = qi >= 0 ? raw.slice(0, qi) : raw;
  const params = new URLSearchParams(qi >= 0 ? raw.slice(qi + 1) : '');
  const [name, ...rest] = path.split('/');
  let arg = rest.join('/');
  try { arg = decodeURIComponent(arg); } catch { /* keep raw */ }
  return { name: name || 'search', arg, params };
}
/** Build a hash link: link('dyad', null, {a, b}). */
export function link(name, arg, params) {
  let s = '#/' + name + (arg != null && arg !== '' ? '/' + encodeURIComponent(arg) : '');
  if (params) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v != null && v !== '') qs.set(k, v);
    if (qs.toString()) s += '?' + qs;
  }
  return s;
}
export function go(name, arg, params) {
  const target = link(name, arg, params);
  if (location.hash === target) route(); else location.hash = target;
}

let main;
let nav;
let renderId = 0;
let resizeHook = null;
/** Pages register a re-draw for width changes (charts, map). */
export const onResize = (fn) => { resizeHook = fn; };
/** True while the render that started as `id` is still the current one. */
export const current = (id) => id === renderId;

function shell() {
  const langBtn = h('button', { type: 'button', class: 'lang', id: 'lang-toggle', onclick: () => { setLang(getLang() === 'ar' ? 'en' : 'ar'); shellLabels(); route(); } });
  nav = h('nav', { 'aria-label': 'main' });
  const header = h('header', { class: 'top' },
    h('a', { class: 'skip', href: '#main', onclick: (e) => { e.preventDefault(); main.focus(); } }, ''),
    h('a', { class: 'brand', href: '#/search' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, 'ر'), h('span', { class: 'brand-name' }), h('span', { class: 'tagline' })),
    nav, langBtn);
  main = h('main', { id: 'main', tabindex: '-1' });
  document.body.replaceChildren(header, main);
  shellLabels();
}
function shellLabels() {
  applyLang();
  document.querySelector('.skip').textContent = t('skip');
  document.querySelector('.brand-name').textContent = t('brand');
  document.querySelector('.tagline').textContent = t('tagline');
  const b = document.getElementById('lang-toggle');
  b.textContent = t('lang_toggle');
  b.setAttribute('aria-label', t('lang_toggle_label'));
  b.setAttribute('lang', getLang() === 'ar' ? 'en' : 'ar');
  clear(nav).append(...['search', 'actor', 'dyad', 'map'].map((n) => h('a', { href: '#/' + n, dataset: { route: n } }, t('nav_' + n))));
}

async function route() {
  const r = parseHash();
  const fn = ROUTES[r.name] || renderSearch;
  for (const a of nav.querySelectorAll('a')) {
    if (a.dataset.route === r.name || (r.name === 'doc' && a.dataset.route === 'search')) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const id = ++renderId;
  resizeHook = null;
  clear(main);
  main.dataset.page = r.name;
  try {
    await fn(main, r, id);
  } catch (e) {
    if (current(id)) showError(main, e);
  }
}

export function showError(el, e) {
  el.append(h('div', { class: 'error', role: 'alert' }, h('strong', null, t('error') + ': '), String(e && e.message ? e.message : e)));
}
export const loading = () => h('p', { class: 'loading', role: 'status' }, t('loading'));

let rt;
addEventListener('resize', () => { clearTimeout(rt); rt = setTimeout(() => resizeHook && resizeHook(), 150); });
addEventListener('hashchange', route);
shell();
if (!location.hash) history.replaceState(null, '', '#/search');
route();
