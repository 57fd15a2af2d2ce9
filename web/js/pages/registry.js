// registry.js - the rest of the border registry as lists (#/registry):
// border gates and openings, border line segments, patrol and
// marker-inspection roads, one tab each (#/registry?tab=roads).
//
//   GET /api/gates, /api/segments, /api/roads   {items, next_cursor}
//
// Their shapes are drawn on the map (#/map); adding them is by import of
// GeoJSON, KML, GPX or CSV files.
import { html, useEffect, useRef, useState } from '../preact.js';
import { get } from '../api.js';
import { fmtDate, t, valueLabel } from '../i18n.js';
import { fmtKm, fmtNum, fmtVnd } from '../numbers.js';
import { hrefOf } from '../router.js';
import { Loading, Notice } from '../ui.js';
import { unitLabel } from './markers.js';

const TABS = ['gates', 'segments', 'roads'];
const PAGE = 50;

// A unit in a list: its name, the code on hover (the columns are narrow).
const unitCell = (u) => (u && typeof u === 'object'
  ? html`<span title=${u.code || ''}>${u.name || u.code || ''}</span>`
  : unitLabel(u));
const ref = (v) => (v && typeof v === 'object' ? v.number || v.name || v.id || '' : v ?? '');

// The columns of each tab: [header key, cell of an item].
const COLUMNS = {
  gates: [
    ['reg.name', (x) => html`<strong>${x.name}</strong>`, 'col-name'],
    ['reg.kind', (x) => valueLabel('gate_kind', x.kind), 'col-kind'],
    ['reg.border', (x) => x.border || ''],
    ['reg.unit', (x) => unitCell(x.unit)],
  ],
  segments: [
    ['reg.from', (x) => ref(x.from)],
    ['reg.to', (x) => ref(x.to)],
    ['reg.border', (x) => x.border || ''],
    ['reg.kind', (x) => valueLabel('segment_kind', x.kind)],
    ['reg.length', (x) => fmtKm(x.length_km), 'num'],
    ['reg.post', (x) => unitCell(x.post)],
  ],
  roads: [
    ['reg.name', (x) => html`<strong>${x.name}</strong>`, 'col-name'],
    ['reg.kind', (x) => valueLabel('road_kind', x.kind), 'col-kind'],
    ['reg.length', (x) => fmtKm(x.length_km), 'num'],
    ['reg.condition', (x) => valueLabel('road_condition', x.condition)],
    ['reg.built', (x) => fmtDate(x.built), 'nowrap'],
    ['reg.cost', (x) => fmtVnd(x.cost_vnd), 'num'],
    ['reg.workdays', (x) => fmtNum(x.workdays, 1), 'num'],
    ['reg.unit', (x) => unitCell(x.unit)],
  ],
};

export function RegistryPage({ params }) {
  const tab = TABS.includes(params.tab) ? params.tab : 'gates';
  // The list remembers the tab it was read for: on a change of tab the
  // page renders once before the new list is asked for, and the old
  // tab's rows must not show under the new tab's columns.
  const [held, setList] = useState({ tab, loading: true, items: [] });
  const list = held.tab === tab ? held : { tab, loading: true, items: [] };
  const seq = useRef(0);

  async function load(cursor) {
    const mine = ++seq.current;
    setList((l) => ({ ...(cursor ? l : { items: [] }), tab, loading: true, err: null }));
    try {
      const res = await get(`/api/${tab}`, { limit: PAGE, cursor });
      if (mine !== seq.current) return;
      setList((l) => ({ tab, items: cursor ? [...l.items, ...res.items] : res.items, next: res.next_cursor }));
    } catch (err) {
      if (mine !== seq.current) return;
      setList((l) => ({ ...l, tab, loading: false, err }));
    }
  }

  useEffect(() => { load(); }, [tab]);

  const cols = COLUMNS[tab];
  return html`
    <div class="page registry-page">
      <h1>${t('registry.title')}</h1>
      <nav class="tabs" aria-label=${t('registry.title')}>
        ${TABS.map((k) => html`
          <a key=${k} class="tab" href=${hrefOf('/registry', { tab: k })}
            aria-current=${k === tab ? 'page' : undefined}>${t(`registry.tab.${k}`)}</a>`)}
      </nav>
      <section class="panel">
        ${list.err && html`<${Notice} msg=${list.err} />`}
        ${!list.loading && !list.err && list.items.length === 0 && html`<p class="muted">${t('registry.empty')}</p>`}
        ${list.items.length > 0 && html`
          <div class="table-wrap">
            <table class=${`list registry-${tab}`}>
              <thead><tr>${cols.map(([k, , cls]) => html`<th key=${k} class=${cls || ''}>${t(k)}</th>`)}</tr></thead>
              <tbody>
                ${list.items.map((x, i) => html`<tr key=${x.id || i}>
                  ${cols.map(([k, cell, cls]) => html`<td key=${k} class=${cls || ''}>${cell(x)}</td>`)}
                </tr>`)}
              </tbody>
            </table>
          </div>
          <p class="small muted">${t('reg.shown', { n: fmtNum(list.items.length) })}</p>`}
        ${list.loading && html`<${Loading} />`}
        ${list.next && !list.loading && html`
          <button type="button" onClick=${() => load(list.next)}>${t('reg.more')}</button>`}
      </section>
    </div>`;
}
