// coord_ui.js - what the coordination screens (conferences, agreements,
// commendations) share: the list of units to pick codes from, a select of
// one of the server's value lists, an editable table of rows (participants'
// contributions, commitments, recipients), and a page of a list that grows
// with "Xem thêm".
import { html, useEffect, useRef, useState } from '../preact.js';
import { get } from '../api.js';
import { t, valueCodes, valueLabel } from '../i18n.js';
import { Notice, Loading } from '../ui.js';

export const EDIT_ROLES = ['editor', 'unit_admin', 'admin'];

// <datalist id="co-units"> of the units in the caller's scope (codes with
// their names), for the inputs that take a unit code. Units outside the
// scope (the border post that took part) are typed by code.
export function UnitsDatalist() {
  const [units, setUnits] = useState([]);
  useEffect(() => {
    let live = true;
    get('/api/units', { limit: 1000, include_retired: 1 }).then((r) => live && setUnits(r.items || [])).catch(() => {});
    return () => { live = false; };
  }, []);
  return html`<datalist id="co-units">
    ${units.map((u) => html`<option key=${u.id} value=${u.code}>${u.name}</option>`)}
  </datalist>`;
}

export function unitName(u) {
  if (!u) return '';
  return u.name ? `${u.name}` : u.code || '';
}

// A <select> of one value group of i18n.js; empty is an option when `any` is given.
export function ValueSelect({ group, name, value, any, onChange, id, invalid }) {
  return html`<select name=${name} id=${id} value=${value} onChange=${onChange} aria-invalid=${invalid ? 'true' : undefined}>
    ${any !== undefined && html`<option value="">${any}</option>`}
    ${valueCodes(group).map((c) => html`<option key=${c} value=${c}>${valueLabel(group, c)}</option>`)}
  </select>`;
}

// "A, B ,C" -> ["A", "B", "C"] (upper case, as unit codes are).
export function codesOf(s) {
  return String(s || '').split(/[,;\s]+/).map((x) => x.trim().toUpperCase()).filter(Boolean);
}

// An editable table: rows is an array of objects, cols [{key, label,
// render?(value, set)}]; each row can be removed, one added.
export function RowsEditor({ rows, setRows, cols, blank, label }) {
  const set = (i, k, v) => setRows(rows.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
  return html`
    <fieldset class="rows-editor">
      <legend class="field-label">${label}</legend>
      ${rows.length > 0 && html`
        <table class="list rows">
          <thead><tr><th class="num">#</th>${cols.map((c) => html`<th key=${c.key}>${c.label}</th>`)}<th></th></tr></thead>
          <tbody>
            ${rows.map((r, i) => html`<tr key=${i}>
              <td class="num">${i + 1}</td>
              ${cols.map((c) => html`<td key=${c.key}>
                ${c.render ? c.render(r[c.key] ?? '', (v) => set(i, c.key, v), i)
                  : html`<input type="text" aria-label=${`${c.label} ${i + 1}`} value=${r[c.key] ?? ''}
                      list=${c.units ? 'co-units' : undefined} class=${c.units ? 'upper' : ''}
                      onInput=${(e) => set(i, c.key, e.currentTarget.value)} />`}
              </td>`)}
              <td><button type="button" class="small-btn" title=${t('co.remove_row')} aria-label=${t('co.remove_row')}
                onClick=${() => setRows(rows.filter((_, j) => j !== i))}>×</button></td>
            </tr>`)}
          </tbody>
        </table>`}
      <button type="button" class="small-btn" onClick=${() => setRows([...rows, { ...blank }])}>${t('co.add_row')}</button>
    </fieldset>`;
}

// A list read page by page from path with params: {items, next, loading, err, extra}.
export function usePagedList(path, params, version) {
  const [list, setList] = useState({ loading: true, items: [] });
  const seq = useRef(0);
  async function load(cursor) {
    const mine = ++seq.current;
    setList((l) => ({ ...l, loading: true, err: null }));
    try {
      const res = await get(path, { ...params, limit: 50, cursor });
      if (mine !== seq.current) return;
      setList((l) => ({ items: cursor ? [...l.items, ...res.items] : res.items, next: res.next_cursor, res }));
    } catch (err) {
      if (mine !== seq.current) return;
      setList((l) => ({ ...l, loading: false, err }));
    }
  }
  useEffect(() => { load(); }, [JSON.stringify(params), version]);
  return [list, load];
}

export function ListFooter({ list, load }) {
  return html`
    ${list.err && html`<${Notice} msg=${list.err} />`}
    ${list.loading && html`<${Loading} />`}
    ${list.next && !list.loading && html`<button type="button" onClick=${() => load(list.next)}>${t('co.more')}</button>`}`;
}

// Drops empty strings from a body, so optional fields are left out.
export function compact(o) {
  const out = {};
  for (const [k, v] of Object.entries(o)) if (v !== '' && v !== undefined && v !== null) out[k] = v;
  return out;
}
