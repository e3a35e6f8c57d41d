// Hand-written SVG charts: a timeline bar chart and the dyad chart.
import { svg, h } from './dom.js';
import { t, getLang } from './i18n.js';

const niceMax = (m) => {
  if (m <= 5) return Math.max(1, Math.ceil(m));
  const p = 10 ** Math.floor(Math.log10(m));
  for (const k of [1, 2, 2.5, 5, 10]) if (k * p >= m) return k * p;
  return m;
};
const ticks = (max) => {
  const step = max <= 5 ? 1 : max / 5;
  const out = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(Math.round(v * 100) / 100);
  return out;
};
/** Show at most ~maxLabels labels on a band axis. */
const every = (n, width, per = 56) => Math.max(1, Math.ceil(n / Math.max(1, Math.floor(width / per))));

/** Simple bars of {period, count}. */
export function timelineChart(data, width) {
  const W = Math.max(280, width);
  const H = 180;
  const m = { t: 12, r: 12, b: 32, l: 36 };
  const iw = W - m.l - m.r;
  const ih = H - m.t - m.b;
  const max = niceMax(Math.max(1, ...data.map((d) => d.count)));
  const bw = iw / Math.max(1, data.length);
  const y = (v) => m.t + ih - (v / max) * ih;
  const k = every(data.length, iw);
  return svg('svg', { class: 'chart timeline-chart', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('timeline'), dir: 'ltr' },
    ticks(max).map((v) => svg('g', { class: 'tick' },
      svg('line', { x1: m.l, x2: W - m.r, y1: y(v), y2: y(v) }),
      svg('text', { x: m.l - 6, y: y(v) + 4, 'text-anchor': 'end' }, String(v)))),
    data.map((d, i) => svg('g', null,
      svg('rect', { class: 'bar', x: m.l + i * bw + bw * 0.15, width: Math.max(1, bw * 0.7), y: y(d.count), height: Math.max(0, m.t + ih - y(d.count)) },
        svg('title', null, `${d.period}: ${d.count}`)),
      i % k === 0 ? svg('text', { class: 'xlabel', x: m.l + i * bw + bw / 2, y: H - m.b + 16, 'text-anchor': 'middle' }, d.period) : null)));
}

/**
 * Dyad chart: grouped bars of cooperation / conflict counts per period, and below
 * them the mean PLOVER score of each as a line with markers. Elements of the two
 * series carry the classes series-cooperation and series-conflict.
 * onPick({period, polarity|null}) is called on click or Enter/Space.
 */
export function dyadChart(series, width, onPick) {
  const W = Math.max(300, width);
  const m = { t: 30, r: 14, b: 30, l: 40 };
  const H1 = 200; // count panel
  const H2 = 150; // score panel
  const gap = 44;
  const H = m.t + H1 + gap + H2 + m.b;
  const iw = W - m.l - m.r;
  const n = Math.max(1, series.length);
  const bw = iw / n;
  const cx = (i) => m.l + i * bw + bw / 2;
  const max = niceMax(Math.max(1, ...series.map((s) => Math.max(s.cooperation?.count || 0, s.conflict?.count || 0))));
  const y1 = (v) => m.t + H1 - (v / max) * H1;
  const top2 = m.t + H1 + gap;
  const y2 = (v) => top2 + H2 / 2 - (v / 10) * (H2 / 2);
  const k = every(series.length, iw, 64);
  const barW = Math.max(2, Math.min(28, bw * 0.36));
  const pol = ['cooperation', 'conflict'];
  const keyAct = (fn) => (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); fn(); } };

  const bars = series.map((s, i) => pol.map((p, j) => {
    const c = s[p]?.count || 0;
    const x = cx(i) + (j === 0 ? -barW - 1 : 1);
    const pick = () => onPick({ period: s.period, polarity: p });
    return svg('rect', {
      class: ['bar', 'series-' + p], x, width: barW, y: c ? y1(c) : y1(0) - 1, height: c ? m.t + H1 - y1(c) : 1,
      tabindex: c ? '0' : null, role: c ? 'button' : null, 'aria-label': `${s.period} ${t(p)}: ${c}`, dataset: { period: s.period, polarity: p },
      onclick: c ? pick : null, onkeydown: c ? keyAct(pick) : null,
    }, svg('title', null, `${s.period} · ${t(p)}: ${c}`));
  }));

  const line = (p) => {
    let d = '';
    let pen = false;
    series.forEach((s, i) => {
      const v = s[p]?.mean_score;
      if (v == null || !(s[p]?.count > 0)) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${cx(i).toFixed(1)},${y2(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  const markers = (p) => series.map((s) => s).map((s, i) => {
    const v = s[p]?.mean_score;
    if (v == null || !(s[p]?.count > 0)) return null;
    const pick = () => onPick({ period: s.period, polarity: p });
    const common = { class: ['point', 'series-' + p], tabindex: '0', role: 'button', 'aria-label': `${s.period} ${t(p)} ${t('mean_score')}: ${v}`,
      dataset: { period: s.period, polarity: p }, onclick: pick, onkeydown: keyAct(pick) };
    const tip = svg('title', null, `${s.period} · ${t(p)} · ${t('mean_score')}: ${v}`);
    return p === 'cooperation'
      ? svg('circle', { ...common, cx: cx(i), cy: y2(v), r: 5 }, tip)
      : svg('rect', { ...common, x: cx(i) - 4.5, y: y2(v) - 4.5, width: 9, height: 9 }, tip);
  });

  return svg('svg', { class: 'chart dyad-chart', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-label': `${t('counts')}, ${t('mean_score')}`, dir: 'ltr' },
    svg('text', { class: 'panel-title', x: 10, y: m.t - 14 }, t('counts')),
    ticks(max).map((v) => svg('g', { class: 'tick' }, svg('line', { x1: m.l, x2: W - m.r, y1: y1(v), y2: y1(v) }),
      svg('text', { x: m.l - 6, y: y1(v) + 4, 'text-anchor': 'end' }, String(v)))),
    bars,
    svg('text', { class: 'panel-title', x: 10, y: top2 - 14 }, t('mean_score')),
    [10, 5, 0, -5, -10].map((v) => svg('g', { class: ['tick', v === 0 ? 'zero' : ''] }, svg('line', { x1: m.l, x2: W - m.r, y1: y2(v), y2: y2(v) }),
      svg('text', { x: m.l - 6, y: y2(v) + 4, 'text-anchor': 'end' }, (v > 0 ? '+' : '') + v))),
    svg('path', { class: 'line series-cooperation', d: line('cooperation') }),
    svg('path', { class: 'line series-conflict', d: line('conflict') }),
    markers('cooperation'), markers('conflict'),
    series.map((s, i) => (i % k === 0 ? svg('text', { class: 'xlabel', x: cx(i), y: H - m.b + 18, 'text-anchor': 'middle' }, s.period) : null)));
}

export const legend = () => h('ul', { class: 'chart-legend' },
  h('li', null, h('span', { class: 'key key-cooperation', 'aria-hidden': 'true' }), t('cooperation')),
  h('li', null, h('span', { class: 'key key-conflict', 'aria-hidden': 'true' }), t('conflict')));

export const isRtl = () => getLang() === 'ar';
