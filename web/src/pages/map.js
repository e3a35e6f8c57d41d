// #/map?type=&from=&to=&zoom=world — event locations on an offline world map.
import { geoNaturalEarth1, geoPath, geoGraticule10 } from 'd3-geo';
import { feature } from 'topojson-client';
import { h, svg } from '../dom.js';
import { t, nm, TYPES, typeLabel } from '../i18n.js';
import { api } from '../api.js';
import { go, link, loading, current, onResize, showError } from '../main.js';
import { eventItem } from '../common.js';

let world = null; // cached GeoJSON of countries-110m
async function loadWorld() {
  if (world) return world;
  const res = await fetch(new URL('assets/countries-110m.json', document.baseURI));
  if (!res.ok) throw new Error('world map: ' + res.status);
  const topo = await res.json();
  world = feature(topo, topo.objects.countries);
  return world;
}

export async function renderMap(main, route, id) {
  const P = route.params;
  const val = (k) => P.get(k) || '';
  const zoomWorld = val('zoom') === 'world';
  const form = h('form', { class: 'map-form', onsubmit: (e) => {
    e.preventDefault();
    const fd = new FormData(form);
    go('map', null, { type: fd.get('type'), from: fd.get('from'), to: fd.get('to'), zoom: val('zoom') });
  } },
    h('div', { class: 'field' }, h('label', { for: 'm-type' }, t('type')),
      h('select', { id: 'm-type', name: 'type' }, h('option', { value: '' }, t('any')), TYPES.map((x) => h('option', { value: x, selected: val('type') === x }, typeLabel(x))))),
    h('div', { class: 'field' }, h('label', { for: 'm-from' }, t('from')), h('input', { type: 'date', id: 'm-from', name: 'from', value: val('from') })),
    h('div', { class: 'field' }, h('label', { for: 'm-to' }, t('to')), h('input', { type: 'date', id: 'm-to', name: 'to', value: val('to') })),
    h('div', { class: 'field' }, h('span', { class: 'label-spacer', 'aria-hidden': 'true' }, '\u00a0'), h('button', { type: 'submit', class: 'primary' }, t('apply'))),
    h('div', { class: 'field' }, h('span', { class: 'label-spacer', 'aria-hidden': 'true' }, '\u00a0'),
      h('a', { class: 'button', href: link('map', null, { type: val('type'), from: val('from'), to: val('to'), zoom: zoomWorld ? '' : 'world' }) }, zoomWorld ? t('zoom_points') : t('zoom_world'))));
  const wait = loading();
  main.append(h('h1', { class: 'sr-only' }, t('map_title')), form, wait);
  const [geo, data] = await Promise.all([loadWorld(), api('map', { type: val('type'), from: val('from'), to: val('to') })]);
  if (!current(id)) return;
  wait.remove();
  const points = (data.points || []).filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon)).sort((x, y) => y.count - x.count);
  const box = h('div', { class: 'map-box', id: 'map' });
  const list = h('section', { class: 'map-events', 'aria-live': 'polite' });
  const max = Math.max(1, ...points.map((p) => p.count));
  let picked = null;

  const pick = async (p) => {
    picked = p.key;
    for (const c of box.querySelectorAll('.map-point')) c.classList.toggle('picked', c.dataset.key === p.key);
    list.replaceChildren(h('h2', null, t('events_at', nm(p))), loading());
    try {
      const ev = await api('events', { place: p.key, type: val('type'), from: val('from'), to: val('to'), limit: 50 });
      if (picked !== p.key || !current(id)) return;
      list.replaceChildren(h('h2', null, t('events_at', nm(p))), h('ul', { class: 'event-list' }, ev.events.map(eventItem)));
    } catch (e) { list.replaceChildren(); showError(list, e); }
  };

  const draw = () => {
    const W = Math.max(300, box.clientWidth || 800);
    const H = Math.round(W * (zoomWorld ? 0.52 : W < 600 ? 0.85 : 0.6));
    const proj = geoNaturalEarth1();
    if (zoomWorld || !points.length) proj.fitExtent([[8, 8], [W - 8, H - 8]], { type: 'Sphere' });
    else {
      // frame the points with a margin of a few degrees so one point still gives a region
      const coords = points.flatMap((p) => [[p.lon - 9, p.lat - 7], [p.lon + 9, p.lat + 7]]);
      proj.fitExtent([[16, 16], [W - 16, H - 16]], { type: 'MultiPoint', coordinates: coords });
    }
    const path = geoPath(proj);
    const r = (c) => (4 + 18 * Math.sqrt(c / max)) * Math.max(0.5, Math.min(1, W / 900));
    box.replaceChildren(svg('svg', { class: 'map', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-label': t('map_title'), dir: 'ltr' },
      svg('path', { class: 'sphere', d: path({ type: 'Sphere' }) }),
      svg('path', { class: 'graticule', d: path(geoGraticule10()) }),
      svg('g', { class: 'countries' }, geo.features.map((f) => svg('path', { d: path(f) }, svg('title', null, f.properties?.name || '')))),
      svg('g', { class: 'points' }, points.map((p) => {
        const xy = proj([p.lon, p.lat]);
        if (!xy) return null;
        const types = Object.entries(p.types || {}).map(([k, v]) => `${typeLabel(k)} ${v}`).join('، ');
        const act = () => pick(p);
        return svg('circle', { class: ['map-point', picked === p.key ? 'picked' : ''], cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: r(p.count).toFixed(1),
          tabindex: '0', role: 'button', 'aria-label': `${nm(p)}: ${p.count}`, dataset: { key: p.key, count: p.count },
          onclick: act, onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); act(); } } },
        svg('title', null, `${nm(p)} — ${p.count}${types ? ' (' + types + ')' : ''}`));
      })),
      svg('g', { class: 'labels', 'aria-hidden': 'true' }, labels(points, proj, r))));
  };
  main.append(box,
    h('p', { class: 'muted small' }, points.length ? t('size_legend') : t('no_points')),
    points.length ? h('ol', { class: 'place-list' }, points.map((p) => h('li', null,
      h('button', { type: 'button', class: 'linklike', onclick: () => pick(p) }, h('bdi', null, nm(p))), ' ', h('span', { class: 'pcount' }, String(p.count))))) : null,
    list);
  draw();
  onResize(draw);
}

/** Labels for the largest points, skipping any that would overlap one already placed. */
function labels(points, proj, r) {
  const placed = [];
  const out = [];
  for (const p of points.slice(0, 20)) {
    const xy = proj([p.lon, p.lat]);
    if (!xy) continue;
    const text = nm(p);
    const w = text.length * 6.5 + 6;
    const box = [xy[0] - w / 2, xy[1] - r(p.count) - 18, xy[0] + w / 2, xy[1] - r(p.count) - 2];
    if (placed.some((b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1])) continue;
    placed.push(box);
    out.push(svg('text', { x: xy[0], y: box[3] - 3, 'text-anchor': 'middle' }, text));
  }
  return out;
}
