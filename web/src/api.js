// JSON client for /api with the bearer-token prompt on 401.
import { h } from './dom.js';
import { t } from './i18n.js';

const TOKEN_KEY = 'rasd.token';
export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

const getToken = () => { try { return sessionStorage.getItem(TOKEN_KEY); } catch { return null; } };
const setToken = (v) => { try { v ? sessionStorage.setItem(TOKEN_KEY, v) : sessionStorage.removeItem(TOKEN_KEY); } catch { /* ignore */ } };

let prompting = null;
function askToken(wrong) {
  if (prompting) return prompting;
  prompting = new Promise((resolve) => {
    const input = h('input', { type: 'password', id: 'token-input', name: 'token', autocomplete: 'current-password', required: true, dir: 'ltr' });
    const dlg = h('dialog', { class: 'token-dialog', 'aria-labelledby': 'token-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'token-title' }, t('token_title')),
        h('p', null, t('token_text')),
        wrong ? h('p', { class: 'error', role: 'alert' }, t('token_wrong')) : null,
        h('label', { for: 'token-input' }, t('token_label')), input,
        h('div', { class: 'row' },
          h('button', { type: 'submit', value: 'ok', class: 'primary' }, t('token_ok')),
          h('button', { type: 'submit', value: 'cancel', formnovalidate: true }, t('cancel')))));
    dlg.addEventListener('close', () => {
      const ok = dlg.returnValue === 'ok' && input.value.trim();
      dlg.remove();
      prompting = null;
      resolve(ok ? input.value.trim() : null);
    });
    document.body.append(dlg);
    dlg.showModal();
    input.focus();
  });
  return prompting;
}

/** GET api/PATH with query params (empty values are left out); resolves to parsed JSON. */
export async function api(path, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') qs.set(k, v);
  const url = new URL('api/' + path + (qs.toString() ? '?' + qs : ''), document.baseURI);
  for (let attempt = 0; ; attempt++) {
    const token = getToken();
    const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}`, Accept: 'application/json' } : { Accept: 'application/json' } });
    if (res.status === 401 && attempt < 3) {
      setToken(null);
      const nt = await askToken(attempt > 0 || !!token);
      if (!nt) throw new ApiError(401, t('unauthorized'));
      setToken(nt);
      continue;
    }
    let body = null;
    try { body = await res.json(); } catch { /* not json */ }
    if (!res.ok) throw new ApiError(res.status, (body && body.error) || `${res.status} ${res.statusText}`);
    return body;
  }
}
