// ui.js - small pieces every page uses: messages, form fields, unit lists.
import { html } from './preact.js';
import { apiMessage, t } from './i18n.js';

// A message to the user: an ApiError, or {message_vi, message_en} from
// both(). Errors are announced at once by screen readers (role=alert);
// confirmations politely (role=status).
export function Notice({ msg, kind = 'error', onClose }) {
  if (!msg) return null;
  return html`
    <div class=${`notice notice-${kind}`} role=${kind === 'error' ? 'alert' : 'status'}>
      <span class="notice-text">${apiMessage(msg)}</span>
      ${onClose && html`
        <button type="button" class="notice-close" onClick=${onClose}
          aria-label=${t('close')} title=${t('close')}>×</button>`}
    </div>`;
}

// A labelled form field. The error of the server names the field it is
// about (err.field); that input is then marked invalid.
export function Field({ label, hint, name, err, children }) {
  const invalid = err && err.field === name;
  return html`
    <div class=${`field${invalid ? ' field-invalid' : ''}`}>
      <label>
        <span class="field-label">${label}</span>
        ${children}
      </label>
      ${hint && html`<span class="field-hint">${hint}</span>`}
    </div>`;
}

// Props for an input: its name, and aria-invalid when the error is about it.
export function inputProps(name, err) {
  return { name, 'aria-invalid': err && err.field === name ? 'true' : undefined };
}

export function Loading() {
  return html`<p class="loading" role="status">${t('loading')}</p>`;
}

// Reads a form's named inputs into an object of trimmed strings; passwords
// are kept as typed.
export function formValues(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    out[el.name] = el.type === 'password' ? el.value : el.value.trim();
  }
  return out;
}
