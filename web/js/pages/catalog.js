// catalog.js - the catalog of indicators and activity types (#/catalog),
// for system administrators: both as tables, forms to add an indicator
// and a type, to change their names (and a type's category and
// indicators), and to retire one or bring it back.
//
//   GET   /api/indicators?retired=1, /api/activity-types?retired=1
//   POST  /api/indicators      {code, name_vi, name_en, unit_vi, unit_en, value_type, aggregation, allow_negative}
//   PATCH /api/indicators/:code       names, units, {"retired": true|false}
//   POST  /api/activity-types  {code, name_vi, name_en, category, indicators: [{code, required}]}
//   PATCH /api/activity-types/:code   names, category, indicators, retired
//
// A retired entry keeps its history (the activities counted with it) but
// takes no new values; the tables grey it and hide it unless asked
// (#/catalog?retired=1). The entry forms and templates follow from this
// data at once, with no release.
import { html, useEffect, useRef, useState } from '../preact.js';
import { patch, post } from '../api.js';
import { both, t, valueLabel } from '../i18n.js';
import { fmtCount } from '../numbers.js';
import { navigate } from '../router.js';
import { Loading, Notice } from '../ui.js';
import { FormField, focusFirstError, invalid } from '../fields.js';
import { CATEGORIES, isRetired, nameOf, typeIndicators, unitOf, useCatalog } from '../activity_data.js';

const CODE = /^[a-z][a-z0-9_]*$/;
const err = (field, key, vars) => ({ field, ...both(key, vars) });

// The errors of the fields that must be filled, and of the code.
function requiredErrors(v, names, withCode) {
  const errors = names.filter((k) => !String(v[k] ?? '').trim()).map((k) => err(k, 'error.required'));
  if (withCode && v.code && !CODE.test(v.code)) errors.push(err('code', 'cat.bad_code'));
  return errors;
}

export function CatalogPage({ params }) {
  const [version, setVersion] = useState(0);
  const cat = useCatalog(version);
  const [notice, setNotice] = useState(null);
  const [editing, setEditing] = useState(null); // {kind: 'indicator'|'type', code}
  const showRetired = params.retired === '1';

  function done(msg) {
    setNotice({ kind: 'ok', msg });
    setEditing(null);
    setVersion((x) => x + 1);
  }

  async function setRetired(kind, x, retired) {
    const path = kind === 'indicator' ? '/api/indicators/' : '/api/activity-types/';
    try {
      await patch(path + encodeURIComponent(x.code), { retired });
      done(both(retired ? 'cat.retired_done' : 'cat.unretired_done', { name: nameOf(x) }));
    } catch (e) {
      setNotice({ kind: 'error', msg: e });
    }
  }

  const inds = cat.indicators.filter((x) => showRetired || !isRetired(x));
  const types = cat.types.filter((x) => showRetired || !isRetired(x));
  const nRetired = cat.indicators.filter(isRetired).length + cat.types.filter(isRetired).length;
  const edInd = editing && editing.kind === 'indicator' && cat.indByCode[editing.code];
  const edType = editing && editing.kind === 'type' && cat.typeByCode[editing.code];
  return html`
    <div class="page catalog-page">
      <h1>${t('cat.title')}</h1>
      <p class="lead">${t('cat.intro')}</p>
      ${notice && html`<${Notice} msg=${notice.msg} kind=${notice.kind} onClose=${() => setNotice(null)} />`}
      ${cat.err && html`<${Notice} msg=${cat.err} />`}
      <label class="check show-retired">
        <input type="checkbox" checked=${showRetired}
          onChange=${(e) => navigate('/catalog', { retired: e.currentTarget.checked ? 1 : '' }, { replace: true })} />
        ${t('cat.show_retired', { n: fmtCount(nRetired) })}
      </label>
      ${cat.loading && !cat.types.length ? html`<${Loading} />` : html`
        <section class="panel" aria-labelledby="h-types">
          <h2 id="h-types">${t('cat.types')}</h2>
          <details class="action add-top">
            <summary>${t('cat.add_type')}</summary>
            <${TypeForm} key=${`new-${version}`} cat=${cat} onDone=${(x) => done(both('cat.type_added', { name: x.name_vi }))} />
          </details>
          <div class="table-wrap">
            <table class="list catalog-types">
              <thead><tr>
                <th>${t('cat.name')}</th><th>${t('cat.category')}</th><th>${t('cat.indicators')}</th><th>${t('cat.actions')}</th>
              </tr></thead>
              <tbody>
                ${types.map((x) => html`
                  <tr key=${x.code} class=${isRetired(x) ? 'retired' : ''}>
                    <td>
                      <strong>${nameOf(x)}</strong>${isRetired(x) && html` <span class="tag">${t('cat.retired')}</span>`}
                      <div class="code">${x.code}</div>
                    </td>
                    <td>${valueLabel('activity_category', x.category)}</td>
                    <td class="ind-list">
                      ${typeIndicators(x).map((i, n) => html`${n ? ', ' : ''}<span class=${i.required ? 'required-ind' : ''}>${nameOf(i)}${i.required ? '*' : ''}</span>`)}
                    </td>
                    <td class="actions">
                      <button type="button" class="small-btn" onClick=${() => setEditing({ kind: 'type', code: x.code })}>${t('cat.edit')}</button>
                      <button type="button" class="small-btn" onClick=${() => setRetired('type', x, !isRetired(x))}>
                        ${isRetired(x) ? t('cat.unretire') : t('cat.retire')}
                      </button>
                    </td>
                  </tr>`)}
              </tbody>
            </table>
          </div>
          <p class="small muted">${t('cat.required_legend')}</p>
          ${edType && html`<${TypeForm} key=${`edit-${edType.code}`} cat=${cat} initial=${edType}
            onDone=${(x) => done(both('cat.type_saved', { name: x.name_vi }))} onCancel=${() => setEditing(null)} />`}
        </section>

        <section class="panel" aria-labelledby="h-indicators">
          <h2 id="h-indicators">${t('cat.indicators_title')}</h2>
          <details class="action add-top">
            <summary>${t('cat.add_indicator')}</summary>
            <${IndicatorForm} key=${`new-${version}`} onDone=${(x) => done(both('cat.indicator_added', { name: x.name_vi }))} />
          </details>
          <div class="table-wrap">
            <table class="list catalog-indicators">
              <thead><tr>
                <th>${t('cat.name')}</th><th>${t('cat.unit')}</th><th>${t('cat.value_type')}</th>
                <th>${t('cat.aggregation')}</th><th>${t('cat.negative')}</th><th>${t('cat.actions')}</th>
              </tr></thead>
              <tbody>
                ${inds.map((x) => html`
                  <tr key=${x.code} class=${isRetired(x) ? 'retired' : ''}>
                    <td>
                      <strong>${nameOf(x)}</strong>${isRetired(x) && html` <span class="tag">${t('cat.retired')}</span>`}
                      <div class="code">${x.code}</div>
                    </td>
                    <td>${unitOf(x)}</td>
                    <td>${valueLabel('value_type', x.value_type)}</td>
                    <td>${valueLabel('aggregation', x.aggregation || 'flow')}</td>
                    <td>${x.allow_negative ? t('cat.yes') : t('cat.no')}</td>
                    <td class="actions">
                      <button type="button" class="small-btn" onClick=${() => setEditing({ kind: 'indicator', code: x.code })}>${t('cat.edit')}</button>
                      <button type="button" class="small-btn" onClick=${() => setRetired('indicator', x, !isRetired(x))}>
                        ${isRetired(x) ? t('cat.unretire') : t('cat.retire')}
                      </button>
                    </td>
                  </tr>`)}
              </tbody>
            </table>
          </div>
          ${edInd && html`<${IndicatorForm} key=${`edit-${edInd.code}`} initial=${edInd}
            onDone=${(x) => done(both('cat.indicator_saved', { name: x.name_vi }))} onCancel=${() => setEditing(null)} />`}
        </section>`}
    </div>`;
}

// Sends a catalog form; the server's refusal is shown at the field it
// names, or under the form.
function useSubmit(onDone) {
  const [errors, setErrors] = useState([]);
  const [refusal, setRefusal] = useState(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef(null);
  useEffect(() => focusFirstError(formRef.current, errors), [errors]);

  async function send(checks, call, v) {
    setRefusal(null);
    setErrors(checks);
    if (checks.length) return;
    setBusy(true);
    try {
      const res = await call();
      onDone(res && res.name_vi ? res : v);
    } catch (x) {
      setRefusal(x);
      if (x.field) setErrors([x]);
    } finally {
      setBusy(false);
    }
  }
  return { errors, refusal, busy, formRef, send };
}

// Adds an indicator, or (initial given) changes its names and units; its
// code, kind of number and aggregation stay, since stored values depend
// on them.
function IndicatorForm({ initial, onDone, onCancel }) {
  const [v, setV] = useState(() => ({
    code: '', name_vi: '', name_en: '', unit_vi: '', unit_en: '', value_type: 'integer', aggregation: 'flow', allow_negative: false,
    ...(initial || {}),
  }));
  const { errors, refusal, busy, formRef, send } = useSubmit(onDone);
  useEffect(() => { if (initial) formRef.current.scrollIntoView({ block: 'nearest' }); }, []);
  const set = (k) => (e) => setV((s) => ({ ...s, [k]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value }));
  const text = (k, label, hint) => html`
    <${FormField} label=${label} name=${k} errors=${errors} required hint=${hint}>
      <input name=${k} type="text" value=${v[k]} aria-invalid=${invalid(errors, k)} onInput=${set(k)} autocomplete="off" />
    <//>`;

  function submit(e) {
    e.preventDefault();
    const names = ['name_vi', 'name_en', 'unit_vi', 'unit_en'];
    const trimmed = Object.fromEntries(names.map((k) => [k, v[k].trim()]));
    if (initial) {
      send(requiredErrors(v, names, false), () => patch(`/api/indicators/${encodeURIComponent(initial.code)}`, trimmed), { ...v, ...trimmed });
    } else {
      const body = { code: v.code.trim(), ...trimmed, value_type: v.value_type, aggregation: v.aggregation, allow_negative: v.allow_negative };
      send(requiredErrors({ ...v, code: body.code }, ['code', ...names], true), () => post('/api/indicators', body), body);
    }
  }

  return html`
    <form ref=${formRef} class=${`catalog-form${initial ? ' edit-box' : ''}`} onSubmit=${submit} novalidate>
      ${initial && html`<h3>${t('cat.edit_indicator', { name: nameOf(initial) })} <span class="code">${initial.code}</span></h3>`}
      <div class="grid2 form-grid">
        ${!initial && html`
          <${FormField} label=${t('cat.code')} name="code" errors=${errors} required hint=${t('cat.code_hint_ind')}>
            <input name="code" type="text" value=${v.code} aria-invalid=${invalid(errors, 'code')} onInput=${set('code')}
              spellcheck="false" autocomplete="off" />
          <//>
          <div></div>`}
        ${text('name_vi', t('cat.name_vi'), initial ? '' : t('cat.name_vi_hint_ind'))}
        ${text('name_en', t('cat.name_en'))}
        ${text('unit_vi', t('cat.unit_vi'), initial ? '' : t('cat.unit_vi_hint'))}
        ${text('unit_en', t('cat.unit_en'))}
        ${!initial && html`
          <${FormField} label=${t('cat.value_type')} name="value_type" errors=${errors}>
            <select name="value_type" value=${v.value_type} onChange=${set('value_type')}>
              <option value="integer">${valueLabel('value_type', 'integer')}</option>
              <option value="decimal">${valueLabel('value_type', 'decimal')}</option>
            </select>
          <//>
          <${FormField} label=${t('cat.aggregation')} name="aggregation" errors=${errors}>
            <select name="aggregation" value=${v.aggregation} onChange=${set('aggregation')}>
              <option value="flow">${valueLabel('aggregation', 'flow')}</option>
              <option value="stock">${valueLabel('aggregation', 'stock')}</option>
            </select>
          <//>
          <label class="check span2">
            <input type="checkbox" name="allow_negative" checked=${v.allow_negative} onChange=${set('allow_negative')} />
            ${t('cat.allow_negative')}
          </label>`}
      </div>
      ${refusal && html`<${Notice} msg=${refusal} />`}
      <div class="form-actions">
        <button type="submit" class="primary" disabled=${busy}>${initial ? t('save') : t('cat.add_indicator_btn')}</button>
        ${onCancel && html`<button type="button" onClick=${onCancel}>${t('cancel')}</button>`}
      </div>
    </form>`;
}

// Adds an activity type, or (initial given) changes its names, category
// and indicators. The indicators are listed in form order, each with a
// "required" tick; an indicator is added from the catalog's current ones.
function TypeForm({ cat, initial, onDone, onCancel }) {
  const [v, setV] = useState(() => ({
    code: '', name_vi: '', name_en: '', category: '',
    ...(initial ? { name_vi: initial.name_vi, name_en: initial.name_en, category: initial.category } : {}),
    indicators: initial ? typeIndicators(initial).map((i) => ({ code: i.code, required: Boolean(i.required) })) : [],
  }));
  const [pick, setPick] = useState('');
  const { errors, refusal, busy, formRef, send } = useSubmit(onDone);
  useEffect(() => { if (initial) formRef.current.scrollIntoView({ block: 'nearest' }); }, []);
  const set = (k) => (e) => setV((s) => ({ ...s, [k]: e.currentTarget.value }));
  const setInds = (f) => setV((s) => ({ ...s, indicators: f(s.indicators) }));
  const free = cat.indicators.filter((x) => !isRetired(x) && !v.indicators.some((i) => i.code === x.code));

  function add() {
    if (!pick) return;
    setInds((xs) => [...xs, { code: pick, required: false }]);
    setPick('');
  }
  function move(n, d) {
    setInds((xs) => {
      const ys = [...xs];
      [ys[n], ys[n + d]] = [ys[n + d], ys[n]];
      return ys;
    });
  }

  function submit(e) {
    e.preventDefault();
    const body = {
      name_vi: v.name_vi.trim(), name_en: v.name_en.trim(), category: v.category,
      indicators: v.indicators.map((i) => ({ code: i.code, required: i.required })),
    };
    const checks = requiredErrors({ ...v, code: v.code.trim() }, initial ? ['name_vi', 'name_en', 'category'] : ['code', 'name_vi', 'name_en', 'category'], !initial);
    if (!body.indicators.length) checks.push(err('indicators', 'cat.no_indicators'));
    if (initial) {
      send(checks, () => patch(`/api/activity-types/${encodeURIComponent(initial.code)}`, body), body);
    } else {
      body.code = v.code.trim();
      send(checks, () => post('/api/activity-types', body), body);
    }
  }

  return html`
    <form ref=${formRef} class=${`catalog-form${initial ? ' edit-box' : ''}`} onSubmit=${submit} novalidate>
      ${initial && html`<h3>${t('cat.edit_type', { name: nameOf(initial) })} <span class="code">${initial.code}</span></h3>`}
      <div class="grid2 form-grid">
        ${!initial && html`
          <${FormField} label=${t('cat.code')} name="code" errors=${errors} required hint=${t('cat.code_hint_type')}>
            <input name="code" type="text" value=${v.code} aria-invalid=${invalid(errors, 'code')} onInput=${set('code')}
              spellcheck="false" autocomplete="off" />
          <//>`}
        <${FormField} label=${t('cat.category')} name="category" errors=${errors} required>
          <select name="category" value=${v.category} aria-invalid=${invalid(errors, 'category')} onChange=${set('category')}>
            <option value="">${t('cat.choose_category')}</option>
            ${CATEGORIES.map((c) => html`<option key=${c} value=${c}>${valueLabel('activity_category', c)}</option>`)}
          </select>
        <//>
        <${FormField} label=${t('cat.name_vi')} name="name_vi" errors=${errors} required hint=${initial ? '' : t('cat.name_vi_hint_type')}>
          <input name="name_vi" type="text" value=${v.name_vi} aria-invalid=${invalid(errors, 'name_vi')} onInput=${set('name_vi')} autocomplete="off" />
        <//>
        <${FormField} label=${t('cat.name_en')} name="name_en" errors=${errors} required>
          <input name="name_en" type="text" value=${v.name_en} aria-invalid=${invalid(errors, 'name_en')} onInput=${set('name_en')} autocomplete="off" />
        <//>
      </div>
      <${FormField} label=${t('cat.type_indicators')} name="indicators" errors=${errors} required group
        hint=${t('cat.type_indicators_hint')}>
        ${v.indicators.length > 0 && html`
          <table class="list type-inds">
            <thead><tr><th class="num">${t('cat.order')}</th><th>${t('cat.indicator')}</th><th>${t('cat.required')}</th><th><span class="sr-only">${t('cat.actions')}</span></th></tr></thead>
            <tbody>
              ${v.indicators.map((i, n) => {
                const ind = cat.indByCode[i.code] || { code: i.code };
                return html`
                  <tr key=${i.code}>
                    <td class="num">${n + 1}</td>
                    <td>${nameOf(ind)} <span class="muted">(${unitOf(ind)})</span></td>
                    <td>
                      <label class="check inline-check">
                        <input type="checkbox" name=${`required.${i.code}`} checked=${i.required}
                          onChange=${(e) => { const c = e.currentTarget.checked; setInds((xs) => xs.map((x) => (x.code === i.code ? { ...x, required: c } : x))); }} />
                        <span>${t('cat.required')}</span>
                      </label>
                    </td>
                    <td class="actions">
                      <button type="button" class="small-btn" disabled=${n === 0} onClick=${() => move(n, -1)}
                        aria-label=${t('cat.move_up', { name: nameOf(ind) })} title=${t('cat.move_up', { name: nameOf(ind) })}>↑</button>
                      <button type="button" class="small-btn" disabled=${n === v.indicators.length - 1} onClick=${() => move(n, 1)}
                        aria-label=${t('cat.move_down', { name: nameOf(ind) })} title=${t('cat.move_down', { name: nameOf(ind) })}>↓</button>
                      <button type="button" class="small-btn" onClick=${() => setInds((xs) => xs.filter((x) => x.code !== i.code))}
                        aria-label=${t('actf.remove', { name: nameOf(ind) })} title=${t('actf.remove', { name: nameOf(ind) })}>×</button>
                    </td>
                  </tr>`;
              })}
            </tbody>
          </table>`}
        <span class="add-row">
          <select name="add_indicator" value=${pick} onChange=${(e) => setPick(e.currentTarget.value)}
            aria-label=${t('cat.add_to_type')} aria-invalid=${invalid(errors, 'indicators')}>
            <option value="">${t('cat.choose_indicator')}</option>
            ${free.map((x) => html`<option key=${x.code} value=${x.code}>${nameOf(x)} (${unitOf(x)})</option>`)}
          </select>
          <button type="button" onClick=${add} disabled=${!pick}>${t('cat.add_to_type')}</button>
        </span>
      <//>
      ${refusal && html`<${Notice} msg=${refusal} />`}
      <div class="form-actions">
        <button type="submit" class="primary" disabled=${busy}>${initial ? t('save') : t('cat.add_type_btn')}</button>
        ${onCancel && html`<button type="button" onClick=${onCancel}>${t('cancel')}</button>`}
      </div>
    </form>`;
}
