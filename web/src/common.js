// Pieces shared by several pages: polarity badge, event line, event list item.
import { h, day, fmtScore } from './dom.js';
import { t, nm, typeLabel, getLang } from './i18n.js';
import { link } from './main.js';

export const arrow = () => h('span', { class: 'arrow', 'aria-hidden': 'true' }, getLang() === 'ar' ? '←' : '→');
export const polarityBadge = (p) => h('span', { class: ['badge', 'pol-' + p] }, t(p));
export const names = (list) => {
  const out = [];
  (list || []).forEach((x, i) => { if (i) out.push('، '); out.push(h('bdi', null, nm(x))); });
  return out;
};
export const actorLinks = (list) => {
  const out = [];
  (list || []).forEach((x, i) => { if (i) out.push('، '); out.push(h('a', { href: link('actor', x.key || x.name) }, h('bdi', null, nm(x)))); });
  return out;
};

/** One event from /api/events as a list item with its evidence sentence. */
export function eventItem(e) {
  return h('li', { class: ['event-item', 'pol-' + e.polarity] },
    h('div', { class: 'ev-head' }, polarityBadge(e.polarity), ' ',
      h('span', { class: 'etype' }, typeLabel(e.event_type)), ' ',
      h('span', { class: 'score', title: t('score') }, fmtScore(e.score)), ' ',
      h('span', { class: 'muted' }, day(e.date)),
      e.aux && e.aux !== 'none' ? h('span', { class: 'aux' }, t('aux_' + e.aux)) : null),
    h('div', { class: 'who' }, actorLinks(e.actor), e.recipient && e.recipient.length ? [' ', arrow(), ' ', actorLinks(e.recipient)] : null),
    h('blockquote', { class: 'evidence-text', dir: 'rtl', lang: 'ar' }, e.evidence || ''),
    h('div', { class: 'meta' },
      e.location ? [t('where') + ': ', h('bdi', null, nm(e.location)), ' · '] : null,
      e.reported_by && e.reported_by.length ? [t('according') + ': ', names(e.reported_by), ' · '] : null,
      h('a', { href: link('doc', e.doc, { ev: e.id }) }, h('bdi', { lang: 'ar' }, e.title || e.doc))));
}
