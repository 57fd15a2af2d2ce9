// activity_form.js - entering one activity (#/activities/new) and an
// activity's own page (#/activities/:id: the same form filled in for those
// who may edit, its facts for the others).
//
//   GET    /api/activity-types, /api/indicators   the catalog (activity_data.js)
//   GET    /api/activities/:id
//   PUT    /api/activities/:id   create (client id) or replace
//   DELETE /api/activities/:id
//   GET    /api/markers?q=        the marker an activity took place at
//
// The form is built from the catalog: choosing a type shows that type's
// indicators, each with its name, unit, kind of number and whether it is
// required. Nothing here names a type or an indicator, so a type an
// administrator adds gets its form without a release.
//
// The checks made here mirror the server's (required, a number, an
// integer where the indicator counts whole things, not negative unless the
// indicator allows it, at most three decimals since values are kept in
// thousandths); they only spare a round trip. When the server refuses, its
// message is shown next to the field it names.
//
// A new activity gets its id here, once per form (PUT with a client id):
// a second click on Save, or a retry after a lost answer, replaces the
// same record instead of storing the activity twice.
import { html, useEffect, useMemo, useRef, useState } from '../preact.js';
import { api, get } from '../api.js';
import { both, fmtDate, getLang, t, today, valueLabel } from '../i18n.js';
import { decimalsOf, fmtCount, parseCount } from '../numbers.js';
import { hrefOf, navigate } from '../router.js';
import { Loading, Notice } from '../ui.js';
import {
  CATEGORIES, EDIT_ROLES, byName, isRetired, nameOf, newUuid, typeIndicators, unitName, unitOf,
  useCatalog, useScopeUnits, valuesPhrase,
} from '../activity_data.js';
import { FormField, focusFirstError, invalid } from '../fields.js';
import { fmtPeriod } from './activities.js';

const MAX_DECIMALS = 3;

// The name of an indicator's input, as the server names the field.
const valueField = (code) => `values.${code}`;

// A number for an input: no thousands separators (a clerk edits digits),
// the decimal sign of the user's language.
function inputNumber(v) {
  if (v === null || v === undefined) return '';
  return fmtCount(v).split(getLang() === 'en' ? ',' : '.').join('');
}

const err = (field, key, vars) => ({ field, ...both(key, vars) });

// The form's state from a stored activity, or empty for a new one.
function initialState(a, user, typeCode) {
  if (!a) {
    return {
      type: typeCode || '', unit: (user.unit && user.unit.code) || '', title: '', notes: '',
      range: false, date_from: today(), date_to: '',
      place: 'none', marker: null, lat: '', lon: '',
      organisers: [], participants: [], values: {},
    };
  }
  const range = Boolean(a.date_to && a.date_to !== a.date_from);
  const values = {};
  for (const [k, v] of Object.entries(a.values || {})) values[k] = inputNumber(v);
  const codes = (xs) => (xs || []).map((u) => (typeof u === 'string' ? u : u.code));
  return {
    type: (a.type && a.type.code) || a.type || '',
    unit: (a.unit && a.unit.code) || a.unit || '',
    title: a.title || '', notes: a.notes || '',
    range, date_from: a.date_from || '', date_to: range ? a.date_to : '',
    place: a.marker ? 'marker' : a.place ? 'point' : 'none',
    marker: a.marker || null,
    lat: a.place ? inputNumber(a.place.lat) : '',
    lon: a.place ? inputNumber(a.place.lon) : '',
    organisers: codes(a.organisers), participants: codes(a.participants),
    values,
  };
}

// Checks the form as the server would and builds the request body;
// returns {body} or {errors: [...]} (every problem at once, so the clerk
// fixes them in one pass).
function buildBody(v, type, inds, indByCode, kept = {}) {
  const errors = [];
  if (!v.type || !type) errors.push(err('type', 'error.required'));
  if (!v.title.trim()) errors.push(err('title', 'error.required'));
  if (!v.unit) errors.push(err('unit', 'error.required'));
  if (!v.date_from) errors.push(err('date_from', 'error.required'));
  if (v.range) {
    if (!v.date_to) errors.push(err('date_to', 'error.required'));
    else if (v.date_from && v.date_to < v.date_from) errors.push(err('date_to', 'actf.to_before_from'));
  }
  const values = { ...kept };
  for (const i of inds) {
    const name = valueField(i.code);
    const raw = (v.values[i.code] || '').trim();
    const ind = { ...(indByCode[i.code] || {}), ...i };
    if (!raw) {
      if (i.required) errors.push(err(name, 'actf.value_required', { name: nameOf(ind) }));
      continue;
    }
    const n = parseCount(raw);
    if (Number.isNaN(n)) errors.push(err(name, 'actf.not_number', { v: raw }));
    else if (ind.value_type === 'integer' && !Number.isInteger(n)) errors.push(err(name, 'actf.not_integer', { unit: unitOf(ind) }));
    else if (n < 0 && !ind.allow_negative) errors.push(err(name, 'actf.negative'));
    else if (decimalsOf(n) > MAX_DECIMALS) errors.push(err(name, 'actf.too_many_decimals', { n: MAX_DECIMALS }));
    else values[i.code] = n;
  }
  const body = {
    type: v.type,
    unit: v.unit,
    date_from: v.date_from,
    date_to: v.range ? v.date_to : v.date_from,
    title: v.title.trim(),
    notes: v.notes.trim() || null,
    organisers: v.organisers,
    participants: v.participants,
    values,
  };
  if (v.place === 'marker') {
    if (!v.marker) errors.push(err('marker', 'actf.marker_required'));
    else body.marker = v.marker.id;
  } else if (v.place === 'point') {
    const lat = parseCount(v.lat);
    const lon = parseCount(v.lon);
    if (!v.lat.trim()) errors.push(err('lat', 'error.required'));
    else if (Number.isNaN(lat) || lat < -90 || lat > 90) errors.push(err('lat', 'actf.bad_lat'));
    if (!v.lon.trim()) errors.push(err('lon', 'error.required'));
    else if (Number.isNaN(lon) || lon < -180 || lon > 180) errors.push(err('lon', 'actf.bad_lon'));
    body.lat = lat;
    body.lon = lon;
  }
  return errors.length ? { errors } : { body };
}

// #/activities/new
export function ActivityNewPage({ user, params }) {
  if (!EDIT_ROLES.includes(user.role)) return html`<${Notice} msg=${both('frame.no_access')} />`;
  return html`
    <div class="page activity-page">
      <p class="back"><a href=${hrefOf('/activities')}>${t('actf.back')}</a></p>
      <h1>${t('actf.new_title')}</h1>
      <${ActivityForm} user=${user} typeCode=${params.type || ''} />
    </div>`;
}

// #/activities/:id
export function ActivityPage({ user, params }) {
  const id = params.id;
  const [a, setA] = useState({ loading: true });
  const [deleted, setDeleted] = useState(false);
  useEffect(() => {
    let live = true;
    get(`/api/activities/${encodeURIComponent(id)}`)
      .then((d) => live && setA({ data: d }))
      .catch((e) => live && setA({ err: e }));
    return () => { live = false; };
  }, [id, params.saved]);

  async function remove() {
    if (!window.confirm(t('actf.delete_confirm', { title: a.data.title }))) return;
    try {
      await api('DELETE', `/api/activities/${encodeURIComponent(id)}`);
      setDeleted(true);
    } catch (e) {
      setA((x) => ({ ...x, delErr: e }));
    }
  }

  const canEdit = EDIT_ROLES.includes(user.role);
  const d = a.data;
  return html`
    <div class="page activity-page">
      <p class="back"><a href=${hrefOf('/activities')}>${t('actf.back')}</a></p>
      ${a.err && html`<${Notice} msg=${a.err} />`}
      ${a.loading && html`<${Loading} />`}
      ${deleted && html`
        <${Notice} kind="ok" msg=${both('actf.deleted', { title: d.title })} />
        <p><a href=${hrefOf('/activities/new')}>${t('act.new')}</a></p>`}
      ${d && !deleted && html`
        <h1>${d.title}</h1>
        ${params.saved && html`
          <div class="notice notice-ok saved-box" role="status">
            <span class="notice-text">${t('actf.saved')}</span>
            <span class="saved-links">
              <a href=${hrefOf('/activities/new', { type: d.type && d.type.code })}>${t('actf.another')}</a>
              <a href=${hrefOf('/activities')}>${t('actf.to_list')}</a>
            </span>
          </div>`}
        ${canEdit
          ? html`<${ActivityForm} key=${d.id} user=${user} initial=${d} onDelete=${remove} delErr=${a.delErr} />`
          : html`<${ActivityFacts} a=${d} />`}`}
    </div>`;
}

// What a viewer sees of an activity.
function ActivityFacts({ a }) {
  const cat = useCatalog();
  const type = cat.typeByCode[a.type && a.type.code] || a.type;
  const units = (xs) => (xs || []).map(unitName).join(', ');
  return html`
    <section class="panel">
      <dl class="facts">
        <dt>${t('act.type')}</dt><dd>${nameOf(type)}</dd>
        <dt>${t('act.unit')}</dt><dd>${unitName(a.unit)}</dd>
        <dt>${t('act.date')}</dt><dd>${fmtPeriod(a.date_from, a.date_to)}</dd>
        <dt>${t('act.values')}</dt><dd>${cat.loading ? '…' : valuesPhrase(a.values, type, cat.indByCode)}</dd>
        ${a.marker && html`<dt>${t('actf.place')}</dt><dd>${t('reg.marker', { number: a.marker.number })}</dd>`}
        ${a.place && !a.marker && html`<dt>${t('actf.place')}</dt><dd>${fmtCount(a.place.lat, { digits: 6 })}, ${fmtCount(a.place.lon, { digits: 6 })}</dd>`}
        ${(a.organisers || []).length > 0 && html`<dt>${t('actf.organisers')}</dt><dd>${units(a.organisers)}</dd>`}
        ${(a.participants || []).length > 0 && html`<dt>${t('actf.participants')}</dt><dd>${units(a.participants)}</dd>`}
        ${a.notes && html`<dt>${t('actf.notes')}</dt><dd class="pre">${a.notes}</dd>`}
      </dl>
    </section>`;
}

// The entry form, new (no initial) or filled with a stored activity.
function ActivityForm({ user, initial, typeCode, onDelete, delErr }) {
  const cat = useCatalog();
  const units = useScopeUnits(user);
  const [v, setV] = useState(() => initialState(initial, user, typeCode));
  const [errors, setErrors] = useState([]);
  const [refusal, setRefusal] = useState(null); // the server's error
  const [busy, setBusy] = useState(false);
  const id = useRef(initial ? initial.id : newUuid()); // once per form
  const formRef = useRef(null);

  const type = cat.typeByCode[v.type];
  // A retired indicator takes no new value: it is not offered.
  const inds = typeIndicators(type).filter((i) => !isRetired(cat.indByCode[i.code]));
  // Values a stored activity has for indicators its type no longer lists,
  // or that were retired since: kept as they are (the server keeps such
  // history and refuses a change to it), shown apart.
  const kept = {};
  if (initial && type && initial.type && initial.type.code === v.type) {
    for (const [code, val] of Object.entries(initial.values || {})) {
      if (!inds.some((i) => i.code === code)) kept[code] = val;
    }
  }
  // New activities take current types only; a stored one keeps its own.
  const choices = cat.types.filter((x) => !isRetired(x) || (initial && x.code === v.type)).sort(byName);

  const set = (k, val) => setV((s) => ({ ...s, [k]: val }));
  const setValue = (code, val) => setV((s) => ({ ...s, values: { ...s.values, [code]: val } }));

  // After a refusal, the first field in error comes into view and gets
  // the cursor.
  useEffect(() => focusFirstError(formRef.current, errors), [errors]);

  async function submit(e) {
    e.preventDefault();
    if (busy) return;
    setRefusal(null);
    const r = buildBody(v, type, inds, cat.indByCode, kept);
    if (r.errors) {
      setErrors(r.errors);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      const saved = await api('PUT', `/api/activities/${encodeURIComponent(id.current)}`, r.body);
      navigate(`/activities/${encodeURIComponent((saved && saved.id) || id.current)}`, { saved: Date.now() });
    } catch (x) {
      setRefusal(x);
      if (x.field) setErrors([x]);
    } finally {
      setBusy(false);
    }
  }

  if (cat.loading) return html`<${Loading} />`;
  if (cat.err) return html`<${Notice} msg=${cat.err} />`;

  const byCategory = CATEGORIES.map((c) => [c, choices.filter((x) => x.category === c)])
    .concat([['', choices.filter((x) => !CATEGORIES.includes(x.category))]])
    .filter(([, xs]) => xs.length);
  const unitKnown = units.items.some((u) => u.code === v.unit);
  return html`
    <form ref=${formRef} class="activity-form" onSubmit=${submit} novalidate>
      <section class="panel">
        <h2>${t('actf.what')}</h2>
        <div class="grid2 form-grid">
          <${FormField} label=${t('act.type')} name="type" errors=${errors} required cls="span2">
            <select name="type" value=${v.type} aria-invalid=${invalid(errors, 'type')}
              onChange=${(e) => set('type', e.currentTarget.value)}>
              <option value="">${t('actf.choose_type')}</option>
              ${byCategory.map(([c, xs]) => html`
                <optgroup key=${c} label=${c ? valueLabel('activity_category', c) : t('actf.other_category')}>
                  ${xs.map((x) => html`<option key=${x.code} value=${x.code}>${nameOf(x)}</option>`)}
                </optgroup>`)}
            </select>
          <//>
          <${FormField} label=${t('actf.title')} name="title" errors=${errors} required cls="span2"
            hint=${t('actf.title_hint')}>
            <input name="title" type="text" maxlength="500" value=${v.title} aria-invalid=${invalid(errors, 'title')}
              onInput=${(e) => set('title', e.currentTarget.value)} />
          <//>
          <${FormField} label=${t('act.unit')} name="unit" errors=${errors} required hint=${t('actf.unit_hint')}>
            <select name="unit" value=${v.unit} aria-invalid=${invalid(errors, 'unit')}
              onChange=${(e) => set('unit', e.currentTarget.value)}>
              ${!unitKnown && v.unit && html`<option value=${v.unit}>${(initial && unitName(initial.unit)) || v.unit}</option>`}
              ${units.items.map((u) => html`<option key=${u.code} value=${u.code}>${u.name}</option>`)}
            </select>
          <//>
          <div class="field dates" data-field="date_from">
            <span class="field-label">${t('actf.when')}<span class="req" aria-hidden="true"> *</span></span>
            <div class="radios" role="radiogroup" aria-label=${t('actf.when')}>
              <label class="check"><input type="radio" name="range" checked=${!v.range}
                onChange=${() => set('range', false)} /> ${t('actf.one_day')}</label>
              <label class="check"><input type="radio" name="range" checked=${v.range}
                onChange=${() => set('range', true)} /> ${t('actf.several_days')}</label>
            </div>
            <div class="date-pair">
              <${FormField} label=${v.range ? t('act.from') : t('act.date')} name="date_from" errors=${errors}>
                <input name="date_from" type="date" value=${v.date_from} aria-invalid=${invalid(errors, 'date_from')}
                  onChange=${(e) => set('date_from', e.currentTarget.value)} />
              <//>
              ${v.range && html`
                <${FormField} label=${t('act.to')} name="date_to" errors=${errors}>
                  <input name="date_to" type="date" value=${v.date_to} min=${v.date_from || undefined}
                    aria-invalid=${invalid(errors, 'date_to')} onChange=${(e) => set('date_to', e.currentTarget.value)} />
                <//>`}
            </div>
            ${v.date_from && html`<span class="field-hint date-read">${t('actf.date_read', { period: fmtPeriod(v.date_from, v.range ? v.date_to : '') })}</span>`}
          </div>
        </div>
      </section>

      <section class="panel indicators-panel">
        <h2>${t('actf.results')}</h2>
        ${!type && html`<p class="muted">${t('actf.choose_type_first')}</p>`}
        ${type && inds.length === 0 && html`<p class="muted">${t('actf.no_indicators')}</p>`}
        ${type && inds.length > 0 && html`
          <p class="small muted">${t('actf.required_note')}</p>
          <div class="indicator-grid">
            ${inds.map((i) => {
              const ind = { ...(cat.indByCode[i.code] || {}), ...i };
              const name = valueField(i.code);
              const decimal = ind.value_type === 'decimal';
              return html`
                <${FormField} key=${i.code} name=${name} errors=${errors} required=${i.required}
                  label=${nameOf(ind)}
                  hint=${decimal ? t('actf.decimal_hint') : t('actf.integer_hint')}>
                  <span class="with-unit">
                    <input name=${name} type="text" inputmode=${decimal ? 'decimal' : 'numeric'} autocomplete="off"
                      value=${v.values[i.code] || ''} aria-invalid=${invalid(errors, name)}
                      aria-required=${i.required ? 'true' : undefined}
                      onInput=${(e) => setValue(i.code, e.currentTarget.value)} />
                    <span class="unit">${unitOf(ind)}</span>
                  </span>
                <//>`;
            })}
          </div>`}
        ${Object.keys(kept).length > 0 && html`
          <p class="small muted">${t('actf.kept_values', { values: valuesPhrase(kept, null, cat.indByCode) })}</p>`}
      </section>

      <section class="panel">
        <h2>${t('actf.where_who')}</h2>
        <${PlaceInput} v=${v} set=${set} errors=${errors} />
        <div class="grid2 form-grid">
          <${UnitsInput} name="organisers" label=${t('actf.organisers')} codes=${v.organisers}
            onChange=${(xs) => set('organisers', xs)} units=${units.items} known=${initial && initial.organisers} errors=${errors} />
          <${UnitsInput} name="participants" label=${t('actf.participants')} codes=${v.participants}
            onChange=${(xs) => set('participants', xs)} units=${units.items} known=${initial && initial.participants} errors=${errors} />
        </div>
        <${FormField} label=${t('actf.notes')} name="notes" errors=${errors}>
          <textarea name="notes" rows="3" maxlength="4000" value=${v.notes}
            onInput=${(e) => set('notes', e.currentTarget.value)}></textarea>
        <//>
      </section>

      ${refusal && html`<${Notice} msg=${refusal} />`}
      ${!refusal && errors.length > 0 && html`<${Notice} msg=${both('actf.fix_marked', { n: errors.length })} />`}
      ${delErr && html`<${Notice} msg=${delErr} />`}
      <div class="form-actions">
        <button type="submit" class="primary" disabled=${busy}>${busy ? t('actf.saving') : t('save')}</button>
        <a class="button" href=${hrefOf('/activities')}>${t('cancel')}</a>
        ${onDelete && html`<button type="button" class="danger push-right" onClick=${onDelete} disabled=${busy}>${t('actf.delete')}</button>`}
      </div>
    </form>`;
}

// Where it took place: nowhere in particular, at a border marker (chosen
// from the markers in scope by its number), or at a point (lat/lon).
function PlaceInput({ v, set, errors }) {
  return html`
    <div class="field place" data-field="place">
      <span class="field-label">${t('actf.place')}</span>
      <div class="radios" role="radiogroup" aria-label=${t('actf.place')}>
        ${['none', 'marker', 'point'].map((p) => html`
          <label key=${p} class="check"><input type="radio" name="place" checked=${v.place === p}
            onChange=${() => set('place', p)} /> ${t(`actf.place_${p}`)}</label>`)}
      </div>
      ${v.place === 'marker' && html`<${MarkerInput} marker=${v.marker} onChange=${(m) => set('marker', m)} errors=${errors} />`}
      ${v.place === 'point' && html`
        <div class="grid2 form-grid">
          <${FormField} label=${t('reg.lat')} name="lat" errors=${errors} hint=${t('actf.lat_hint')}>
            <input name="lat" type="text" inputmode="decimal" autocomplete="off" value=${v.lat}
              aria-invalid=${invalid(errors, 'lat')} onInput=${(e) => set('lat', e.currentTarget.value)} />
          <//>
          <${FormField} label=${t('reg.lon')} name="lon" errors=${errors} hint=${t('actf.lon_hint')}>
            <input name="lon" type="text" inputmode="decimal" autocomplete="off" value=${v.lon}
              aria-invalid=${invalid(errors, 'lon')} onInput=${(e) => set('lon', e.currentTarget.value)} />
          <//>
        </div>`}
    </div>`;
}

// A marker by its number: typing narrows the markers in scope.
function MarkerInput({ marker, onChange, errors }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState({ items: [] });
  useEffect(() => {
    let live = true;
    const id = setTimeout(() => {
      get('/api/markers', { q: q.trim(), limit: 30 })
        .then((res) => live && setFound({ items: res.items || [] }))
        .catch((e) => live && setFound({ items: [], err: e }));
    }, q ? 300 : 0);
    return () => { live = false; clearTimeout(id); };
  }, [q]);
  const items = marker && !found.items.some((m) => m.id === marker.id) ? [marker, ...found.items] : found.items;
  const label = (m) => `${t('reg.marker', { number: m.number })}${m.border ? ` · ${m.border}` : ''}${m.post && m.post.name ? ` · ${m.post.name}` : ''}`;
  return html`
    <div class="grid2 marker-input">
      <div class="field">
        <label>
          <span class="field-label">${t('actf.marker_search')}</span>
          <input type="search" value=${q} onInput=${(e) => setQ(e.currentTarget.value)} autocomplete="off" />
        </label>
      </div>
      <${FormField} label=${t('actf.marker')} name="marker" errors=${errors}>
        <select name="marker" value=${marker ? marker.id : ''} aria-invalid=${invalid(errors, 'marker')}
          onChange=${(e) => onChange(items.find((m) => m.id === e.currentTarget.value) || null)}>
          <option value="">${found.items.length ? t('actf.marker_choose') : t('actf.marker_none_found')}</option>
          ${items.map((m) => html`<option key=${m.id} value=${m.id}>${label(m)}</option>`)}
        </select>
      <//>
      ${found.err && html`<${Notice} msg=${found.err} />`}
    </div>`;
}

// Units named by code: chosen from the units in scope, or typed (a border
// post that organised it may stand outside a commune's scope).
function UnitsInput({ name, label, codes, onChange, units, known, errors }) {
  const [typed, setTyped] = useState('');
  const names = useMemo(() => {
    const m = {};
    for (const u of known || []) if (u && typeof u === 'object') m[u.code] = u.name;
    for (const u of units) m[u.code] = u.name;
    return m;
  }, [units, known]);
  const listId = `dl-${name}`;

  function add() {
    const s = typed.trim();
    if (!s) return;
    // A name chosen from the list, or a code typed.
    const u = units.find((x) => x.name === s || x.code === s.toUpperCase());
    const code = u ? u.code : s.toUpperCase();
    if (!codes.includes(code)) onChange([...codes, code]);
    setTyped('');
  }

  return html`
    <${FormField} label=${label} name=${name} errors=${errors} hint=${t('actf.units_hint')} group>
      ${codes.length > 0 && html`
        <ul class="chips">
          ${codes.map((c) => html`
            <li key=${c} class="chip">
              <span title=${c}>${names[c] || c}</span>
              <button type="button" class="chip-x" aria-label=${t('actf.remove', { name: names[c] || c })}
                onClick=${() => onChange(codes.filter((x) => x !== c))}>×</button>
            </li>`)}
        </ul>`}
      <span class="add-row">
        <input type="text" list=${listId} value=${typed} autocomplete="off" aria-invalid=${invalid(errors, name)}
          aria-label=${label} placeholder=${t('actf.units_placeholder')}
          onInput=${(e) => setTyped(e.currentTarget.value)}
          onKeyDown=${(e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } }} />
        <button type="button" onClick=${add}>${t('actf.add')}</button>
      </span>
      <datalist id=${listId}>
        ${units.map((u) => html`<option key=${u.code} value=${u.name}>${u.code}</option>`)}
      </datalist>
    <//>`;
}
