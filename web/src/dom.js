// Tiny DOM helpers: h() element builder, snippet sanitizer, code point text slicing.
export function h(tag, attrs, ...kids) {
  const svg = tag.startsWith('svg:');
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4)) : document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
      else if (k === 'class') el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k === 'value' && !svg) el.value = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, kids);
  return el;
}
export function append(el, kids) {
  for (const k of kids.flat(Infinity)) {
    if (k == null || k === false) continue;
    el.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return el;
}
export const svg = (tag, attrs, ...kids) => h('svg:' + tag, attrs, ...kids);
export const clear = (el) => { el.replaceChildren(); return el; };

/** Sanitize search snippets: keep text and <b>; every other tag is unwrapped, script/style dropped. */
export function sanitizeSnippet(html) {
  const tpl = document.createElement('template');
  tpl.innerHTML = String(html || ''); // template content is inert: nothing runs or loads
  const out = document.createDocumentFragment();
  const walk = (node, into) => {
    for (const c of node.childNodes) {
      if (c.nodeType === Node.TEXT_NODE) into.append(document.createTextNode(c.data));
      else if (c.nodeType === Node.ELEMENT_NODE) {
        const tag = c.localName;
        if (tag === 'script' || tag === 'style' || tag === 'template') continue;
        if (tag === 'b') walk(c, into.appendChild(document.createElement('b')));
        else walk(c, into);
      }
    }
  };
  walk(tpl.content, out);
  return out;
}

/** Pick a date "YYYY-MM-DD" out of an ISO date-time. */
export const day = (s) => (s ? String(s).slice(0, 10) : '');
export const fmtScore = (x) => (x == null || Number.isNaN(x) ? '–' : (x > 0 ? '+' : '') + (Math.round(x * 10) / 10).toFixed(1));
export const bdi = (text, lang) => h('bdi', lang ? { lang } : null, text);
