// activities.js - the list of counted activities (#/activities): filters
// by type, category, unit (its subtree), period and text, a page of rows
// at a time, each with its date, type, unit, title and main values
// ("12 buổi, 1.240 lượt người"), linking to the activity's own page.
//
//   GET /api/activities?type=&category=&unit=&from=&to=&q=&limit=&cursor=
//
// The filters live in the hash (#/activities?unit=KHANGCHIEN&from=2023-01-01),
// so a list is a link one can send.
import { html, useEffect, useRef, useState } from '../preact.js';
import { get } from '../api.js';
import { fmtDate, t, valueLabel } from '../i18n.js';
import { fmtCount } from '../numbers.js';
import { hrefOf, navigate } from '../router.js';
import { Loading, Notice } from '../ui.js';
import {
  CATEGORIES, EDIT_ROLES, byName, isRetired, nameOf, unitName, useCatalog, useScopeUnits, valuesPhrase,
} from '../activity_data.js';

const PAGE = 50;
const FILTERS = ['type', 'category', 'unit', 'from', 'to', 'q'];

// "03/03/2023" or "03/03/2023 – 05/03/2023".
export function fmtPeriod(from, to) {
  if (!to || to === from) return fmtDate(from);
  return `${fmtDate(from)} – ${fmtDate(to)}`;
}

// The same in a narrow column: a range may break after the dash, a date
// never.
function PeriodCell({ from, to }) {
  if (!to || to === from) return html`<span class="nowrap">${fmtDate(from)}</span>`;
  return html`<span class="nowrap">${fmtDate(from)} –</span> <span class="nowrap">${fmtDate(to)}</span>`;
}

export function ActivitiesPage({ user, params }) {
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params[k] || '']));
  const [q, setQ] = useState(filters.q);
  const [list, setList] = useState({ loading: true, items: [] });
  const cat = useCatalog();
  const units = useScopeUnits(user);
  const seq = useRef(0);

  async function load(cursor) {
    const mine = ++seq.current;
    setList((l) => ({ ...(cursor ? l : { items: [] }), loading: true, err: null }));
    try {
      const res = await get('/api/activities', { ...filters, limit: PAGE, cursor });
      if (mine !== seq.current) return;
      setList((l) => ({ items: cursor ? [...l.items, ...res.items] : res.items, next: res.next_cursor }));
    } catch (err) {
      if (mine !== seq.current) return;
      setList((l) => ({ ...l, loading: false, err }));
    }
  }

  useEffect(() => { load(); }, FILTERS.map((k) => filters[k]));

  // Typing searches after a pause, not at every key.
  useEffect(() => {
    if (q === filters.q) return undefined;
    const id = setTimeout(() => setFilter('q', q.trim()), 350);
    return () => clearTimeout(id);
  }, [q]);

  function setFilter(k, v) {
    navigate('/activities', { ...filters, [k]: v }, { replace: k === 'q' });
  }

  const types = cat.types
    .filter((x) => !filters.category || x.category === filters.category)
    .filter((x) => !isRetired(x) || x.code === filters.type)
    .sort(byName);
  const canEdit = EDIT_ROLES.includes(user.role);
  const anyFilter = FILTERS.some((k) => filters[k]);
  return html`
    <div class="page activities-page">
      <div class="page-head">
        <h1>${t('act.title')}</h1>
        ${canEdit && html`
          <div class="page-actions">
            <a class="button primary" href=${hrefOf('/activities/new')}>${t('act.new')}</a>
            <a class="button" href=${hrefOf('/activities/import')}>${t('act.import')}</a>
          </div>`}
      </div>
      <section class="panel">
        <div class="filters filter-grid">
          <div class="field">
            <label for="f-category" class="field-label">${t('act.category')}</label>
            <select id="f-category" value=${filters.category} onChange=${(e) => setFilter('category', e.currentTarget.value)}>
              <option value="">${t('reg.all')}</option>
              ${CATEGORIES.map((c) => html`<option key=${c} value=${c}>${valueLabel('activity_category', c)}</option>`)}
            </select>
          </div>
          <div class="field wide">
            <label for="f-type" class="field-label">${t('act.type')}</label>
            <select id="f-type" value=${filters.type} onChange=${(e) => setFilter('type', e.currentTarget.value)}>
              <option value="">${t('reg.all')}</option>
              ${types.map((x) => html`<option key=${x.code} value=${x.code}>${nameOf(x)}</option>`)}
            </select>
          </div>
          <div class="field wide">
            <label for="f-unit" class="field-label">${t('act.unit_filter')}</label>
            <select id="f-unit" value=${filters.unit} onChange=${(e) => setFilter('unit', e.currentTarget.value)}>
              <option value="">${t('act.all_units')}</option>
              ${units.items.map((u) => html`<option key=${u.code} value=${u.code}>${u.name}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="f-from" class="field-label">${t('act.from')}</label>
            <input id="f-from" type="date" value=${filters.from} max=${filters.to || undefined}
              onChange=${(e) => setFilter('from', e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="f-to" class="field-label">${t('act.to')}</label>
            <input id="f-to" type="date" value=${filters.to} min=${filters.from || undefined}
              onChange=${(e) => setFilter('to', e.currentTarget.value)} />
          </div>
          <div class="field wide">
            <label for="f-q" class="field-label">${t('act.search')}</label>
            <input id="f-q" type="search" value=${q} onInput=${(e) => setQ(e.currentTarget.value)} />
          </div>
        </div>
        ${anyFilter && html`
          <p class="small filter-note">
            ${(filters.from || filters.to) && html`<span>${t('act.period_read', { from: fmtDate(filters.from) || '…', to: fmtDate(filters.to) || '…' })}</span>`}
            <a href=${hrefOf('/activities')} onClick=${() => setQ('')}>${t('act.clear_filters')}</a>
          </p>`}
        ${cat.err && html`<${Notice} msg=${cat.err} />`}
        ${list.err && html`<${Notice} msg=${list.err} />`}
        ${!list.loading && !list.err && list.items.length === 0 && html`
          <p class="muted">${anyFilter ? t('act.empty_filtered') : t('act.empty')}</p>`}
        ${!cat.loading && list.items.length > 0 && html`
          <div class="table-wrap">
            <table class="list activities">
              <thead>
                <tr>
                  <th>${t('act.date')}</th>
                  <th>${t('act.type')}</th>
                  <th>${t('act.unit')}</th>
                  <th>${t('act.title_col')}</th>
                  <th>${t('act.values')}</th>
                </tr>
              </thead>
              <tbody>
                ${list.items.map((a) => {
                  const type = cat.typeByCode[a.type && a.type.code] || a.type;
                  return html`
                    <tr key=${a.id}>
                      <td class="col-date"><${PeriodCell} from=${a.date_from} to=${a.date_to} /></td>
                      <td class="col-type">${nameOf(type)}</td>
                      <td class="nowrap"><span title=${(a.unit && a.unit.code) || ''}>${unitName(a.unit)}</span></td>
                      <td class="col-title"><a href=${hrefOf(`/activities/${encodeURIComponent(a.id)}`)}>${a.title}</a></td>
                      <td class="col-values">${valuesPhrase(a.values, type, cat.indByCode)}</td>
                    </tr>`;
                })}
              </tbody>
            </table>
          </div>
          <p class="small muted">${t('reg.shown', { n: fmtCount(list.items.length) })}${list.next ? '' : ` · ${t('act.all_shown')}`}</p>`}
        ${list.loading && html`<${Loading} />`}
        ${list.next && !list.loading && html`
          <button type="button" onClick=${() => load(list.next)}>${t('reg.more')}</button>`}
      </section>
    </div>`;
}
