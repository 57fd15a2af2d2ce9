// fields.js - form fields that show the error about them under the input,
// for forms that check several fields at once and mark each (the activity
// form, the catalog forms). An error is the server's {code, field,
// message_vi, message_en} or one made alike with both().
import { html } from './preact.js';
import { apiMessage } from './i18n.js';

// Whether an error's field names this input. Indicator values are named
// "values.<code>"; the server may name them by the code alone.
export function fieldIs(errField, name) {
  if (!errField) return false;
  if (errField === name) return true;
  return name.startsWith('values.') && (errField === name.slice(7) || errField === `values[${name.slice(7)}]`);
}

// aria-invalid for the input called name.
export function invalid(errors, name) {
  return errors.some((x) => fieldIs(x.field, name)) ? 'true' : undefined;
}

// A field with its label, its hint and the error about it, written under
// the input so the clerk sees what is wrong where it is wrong. A group
// (several inputs and buttons under one label) is a labelled div: a
// <label> around buttons would press the first one when clicked.
export function FormField({ label, hint, name, errors = [], required, group, children, cls = '' }) {
  const e = errors.find((x) => fieldIs(x.field, name));
  const labelId = `lbl-${name}`;
  const head = html`<span class="field-label" id=${labelId}>${label}${required && html`<span class="req" aria-hidden="true"> *</span>`}</span>`;
  return html`
    <div class=${`field ${cls}${e ? ' field-invalid' : ''}`} data-field=${name}>
      ${group
        ? html`<div role="group" aria-labelledby=${labelId}>${head}${children}</div>`
        : html`<label>${head}${children}</label>`}
      ${e && html`<span class="field-error" role="alert">${apiMessage(e)}</span>`}
      ${hint && html`<span class="field-hint">${hint}</span>`}
    </div>`;
}

// Brings the first field in error into view and puts the cursor in it.
export function focusFirstError(form, errors) {
  if (!form || !errors.length) return;
  const box = [...form.querySelectorAll('[data-field]')]
    .find((el) => errors.some((x) => fieldIs(x.field, el.dataset.field)));
  if (!box) return;
  box.scrollIntoView({ block: 'center' });
  const input = box.querySelector('input, select, textarea');
  if (input) input.focus({ preventScroll: true });
}
