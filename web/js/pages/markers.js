// markers.js - the border markers (cột mốc): the list (#/markers) with its
// filters and a form to add one, and a marker's own page (#/markers/:id)
// with a small map, the posts that had it in charge and its condition
// history, where a new inspection's finding is recorded.
//
//   GET  /api/markers?border=&condition=&q=&limit=&cursor=  {items, next_cursor}
//   POST /api/markers                                      the new marker
//   GET  /api/markers/:id        the marker, "conditions" (newest first) and "posts"
//   POST /api/markers/:id/condition {condition, date, note}
//
// The filters live in the hash (#/markers?border=VN-CN&condition=lost), so
// "the lost markers" is a link one can send. Viewers see no forms; the
// server refuses their writes anyway.
import { html, useEffect, useRef, useState } from '../preact.js';
import { get, post } from '../api.js';
import { both, fmtDate, parseNum, t, today, valueCodes, valueLabel } from '../i18n.js';
import { fmtNum } from '../numbers.js';
import { hrefOf, navigate } from '../router.js';
import { Field, Loading, Notice, formValues, inputProps } from '../ui.js';
import { CONDITIONS, addBasemap, lineStyle, loadLeaflet, markerStyle, newMap } from '../geo.js';

export const EDIT_ROLES = ['editor', 'unit_admin', 'admin'];
const PAGE = 50;

export function CondBadge({ c }) {
  return html`<span class=${`cond cond-${CONDITIONS.includes(c) ? c : 'other'}`}>${valueLabel('condition', c) || t('reg.any')}</span>`;
}

// 21,97145° B  106,70551° Đ
export function fmtPos(lat, lon) {
  if (lat === null || lat === undefined || lon === null || lon === undefined) return '';
  return `${t('reg.lat_n', { v: fmtNum(lat, 6) })}  ${t('reg.lon_e', { v: fmtNum(lon, 6) })}`;
}

// The position of a marker: lat/lon fields, or a GeoJSON geometry.
function posOf(m) {
  if (Number.isFinite(m.lat) && Number.isFinite(m.lon)) return [m.lat, m.lon];
  const g = m.geometry;
  if (g && g.type === 'Point') return [g.coordinates[1], g.coordinates[0]];
  return null;
}

// A unit (the post in charge, the unit maintaining a road) as the API
// gives it: {id, code, name}, or only its code (the map's features).
export function unitLabel(u) {
  if (!u) return '';
  if (typeof u === 'string') return u;
  return u.name ? `${u.name}${u.code ? ` (${u.code})` : ''}` : u.code || '';
}
const postLabel = unitLabel;

export function MarkersPage({ user, params }) {
  const filters = { border: params.border || '', condition: params.condition || '', q: params.q || '' };
  const [q, setQ] = useState(filters.q);
  const [list, setList] = useState({ loading: true, items: [] });
  const [notice, setNotice] = useState(null);
  const [version, setVersion] = useState(0);
  const seq = useRef(0);

  async function load(cursor) {
    const mine = ++seq.current;
    setList((l) => ({ ...l, loading: true, err: null }));
    try {
      const res = await get('/api/markers', { ...filters, limit: PAGE, cursor });
      if (mine !== seq.current) return;
      setList((l) => ({ items: cursor ? [...l.items, ...res.items] : res.items, next: res.next_cursor }));
    } catch (err) {
      if (mine !== seq.current) return;
      setList((l) => ({ ...l, loading: false, err }));
    }
  }

  useEffect(() => { load(); }, [filters.border, filters.condition, filters.q, version]);

  // Typing searches after a pause, not at every key.
  useEffect(() => {
    if (q === filters.q) return undefined;
    const id = setTimeout(() => setFilter('q', q.trim()), 350);
    return () => clearTimeout(id);
  }, [q]);

  function setFilter(k, v) {
    navigate('/markers', { ...filters, [k]: v }, { replace: k === 'q' });
  }

  function added(m) {
    setNotice({ kind: 'ok', msg: both('markers.created', { number: m.number }) });
    setVersion((v) => v + 1);
  }

  const canEdit = EDIT_ROLES.includes(user.role);
  return html`
    <div class="page markers-page">
      <h1>${t('markers.title')}</h1>
      ${notice && html`<${Notice} msg=${notice.msg} kind=${notice.kind} onClose=${() => setNotice(null)} />`}
      <section class="panel">
        <div class="toolbar filters">
          <div class="field inline">
            <label for="f-border" class="field-label">${t('reg.border')}</label>
            <select id="f-border" value=${filters.border} onChange=${(e) => setFilter('border', e.currentTarget.value)}>
              <option value="">${t('reg.all')}</option>
              ${valueCodes('border').map((b) => html`<option key=${b} value=${b}>${valueLabel('border', b)}</option>`)}
            </select>
          </div>
          <div class="field inline">
            <label for="f-condition" class="field-label">${t('reg.condition')}</label>
            <select id="f-condition" value=${filters.condition} onChange=${(e) => setFilter('condition', e.currentTarget.value)}>
              <option value="">${t('reg.all')}</option>
              ${CONDITIONS.map((c) => html`<option key=${c} value=${c}>${valueLabel('condition', c)}</option>`)}
            </select>
          </div>
          <div class="field inline grow">
            <label for="f-q" class="field-label">${t('markers.search')}</label>
            <input id="f-q" type="search" value=${q} onInput=${(e) => setQ(e.currentTarget.value)} spellcheck="false" />
          </div>
        </div>
        ${list.err && html`<${Notice} msg=${list.err} />`}
        ${!list.loading && !list.err && list.items.length === 0 && html`<p class="muted">${t('markers.empty')}</p>`}
        ${list.items.length > 0 && html`
          <div class="table-wrap">
            <table class="list markers">
              <thead>
                <tr>
                  <th>${t('reg.number')}</th>
                  <th>${t('reg.border')}</th>
                  <th>${t('reg.type')}</th>
                  <th>${t('reg.condition')}</th>
                  <th>${t('reg.last_inspected')}</th>
                  <th>${t('reg.post')}</th>
                </tr>
              </thead>
              <tbody>
                ${list.items.map((m) => html`
                  <tr key=${m.id}>
                    <td class="mnum"><a href=${hrefOf(`/markers/${encodeURIComponent(m.id)}`)}>${m.number}</a></td>
                    <td>${m.border}</td>
                    <td>${valueLabel('marker_type', m.type)}${m.form ? html`<span class="muted">, ${valueLabel('marker_form', m.form).toLowerCase()}</span>` : ''}</td>
                    <td><${CondBadge} c=${m.condition} /></td>
                    <td class="nowrap">${fmtDate(m.last_inspected)}</td>
                    <td>${postLabel(m.post)}</td>
                  </tr>`)}
              </tbody>
            </table>
          </div>
          <p class="small muted">${t('reg.shown', { n: fmtNum(list.items.length) })}</p>`}
        ${list.loading && html`<${Loading} />`}
        ${list.next && !list.loading && html`
          <button type="button" onClick=${() => load(list.next)}>${t('reg.more')}</button>`}
      </section>
      ${canEdit && html`<${AddMarkerForm} user=${user} onAdded=${added} />`}
    </div>`;
}

// Reads a decimal field typed either way ("21,97" or "21.97"); a field
// that is not a number is refused here, in the words of the server's
// errors, before anything is sent.
function numberField(v, name, required) {
  if (v[name] === '' || v[name] === undefined) {
    if (required) throw { field: name, ...both('error.required') };
    return undefined;
  }
  const n = parseNum(v[name]);
  if (Number.isNaN(n)) throw { field: name, ...both('markers.bad_number', { v: v[name] }) };
  return n;
}

// POST /api/markers.
function AddMarkerForm({ user, onAdded }) {
  // A post's own staff add markers of their post.
  const myPost = user.unit && user.unit.kind === 'border_post' ? user.unit.code : '';
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);

  async function submit(e) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    setErr(null);
    let body;
    try {
      if (!v.number) throw { field: 'number', ...both('error.required') };
      body = {
        number: v.number,
        border: v.border,
        type: v.type,
        form: v.form,
        lat: numberField(v, 'lat', true),
        lon: numberField(v, 'lon', true),
        elevation: numberField(v, 'elevation', false),
        built_by: v.built_by || undefined,
        condition: v.condition,
        post: v.post.toUpperCase(),
      };
      if (!v.post) throw { field: 'post', ...both('error.required') };
    } catch (x) {
      setErr(x);
      return;
    }
    setBusy(true);
    try {
      const res = await post('/api/markers', body);
      form.reset();
      onAdded(res || body);
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  }

  return html`
    <section class="panel">
      <h2>${t('markers.add')}</h2>
      <form onSubmit=${submit} novalidate class="add-marker">
        <div class="grid2">
          <${Field} label=${t('reg.number')} name="number" err=${err} hint=${t('markers.number_hint')}>
            <input ...${inputProps('number', err)} type="text" required maxlength="32" spellcheck="false" autocomplete="off" />
          <//>
          <${Field} label=${t('reg.border')} name="border" err=${err}>
            <select ...${inputProps('border', err)}>
              ${valueCodes('border').map((b) => html`<option key=${b} value=${b}>${valueLabel('border', b)}</option>`)}
            </select>
          <//>
          <${Field} label=${t('reg.type')} name="type" err=${err}>
            <select ...${inputProps('type', err)}>
              ${valueCodes('marker_type').map((b) => html`<option key=${b} value=${b}>${valueLabel('marker_type', b)}</option>`)}
            </select>
          <//>
          <${Field} label=${t('reg.form')} name="form" err=${err}>
            <select ...${inputProps('form', err)}>
              ${valueCodes('marker_form').map((b) => html`<option key=${b} value=${b}>${valueLabel('marker_form', b)}</option>`)}
            </select>
          <//>
          <${Field} label=${t('reg.lat')} name="lat" err=${err} hint=${t('reg.lat_hint')}>
            <input ...${inputProps('lat', err)} type="text" inputmode="decimal" required autocomplete="off" />
          <//>
          <${Field} label=${t('reg.lon')} name="lon" err=${err} hint=${t('reg.lon_hint')}>
            <input ...${inputProps('lon', err)} type="text" inputmode="decimal" required autocomplete="off" />
          <//>
          <${Field} label=${t('reg.elevation')} name="elevation" err=${err}>
            <input ...${inputProps('elevation', err)} type="text" inputmode="decimal" autocomplete="off" />
          <//>
          <${Field} label=${t('reg.built_by')} name="built_by" err=${err}>
            <select ...${inputProps('built_by', err)}>
              <option value="">${t('reg.any')}</option>
              ${valueCodes('side').map((b) => html`<option key=${b} value=${b}>${valueLabel('side', b)}</option>`)}
            </select>
          <//>
          <${Field} label=${t('reg.condition')} name="condition" err=${err}>
            <select ...${inputProps('condition', err)}>
              ${CONDITIONS.map((c) => html`<option key=${c} value=${c}>${valueLabel('condition', c)}</option>`)}
            </select>
          <//>
          <${Field} label=${t('reg.post_code')} name="post" err=${err} hint=${t('markers.post_hint')}>
            <input ...${inputProps('post', err)} type="text" class="upper" required spellcheck="false" autocomplete="off"
              defaultValue=${myPost} />
          <//>
        </div>
        <${Notice} msg=${err} />
        <button type="submit" class="primary" disabled=${busy}>${t('markers.create')}</button>
      </form>
    </section>`;
}

// #/markers/:id
export function MarkerPage({ user, params }) {
  const id = params.id;
  const [m, setM] = useState({ loading: true });
  const [notice, setNotice] = useState(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    setM((x) => ({ ...x, loading: true, err: null }));
    get(`/api/markers/${encodeURIComponent(id)}`)
      .then((d) => live && setM({ data: d }))
      .catch((err) => live && setM({ err }));
    return () => { live = false; };
  }, [id, version]);

  function recorded(number) {
    setNotice({ kind: 'ok', msg: both('marker.recorded', { number }) });
    setVersion((v) => v + 1);
  }

  const d = m.data;
  const pos = d && posOf(d);
  return html`
    <div class="page marker-page">
      <p class="back"><a href=${hrefOf('/markers')}>${t('marker.back')}</a></p>
      ${m.err && html`<${Notice} msg=${m.err} />`}
      ${!d && m.loading && html`<${Loading} />`}
      ${d && html`
        <h1>${t('reg.marker', { number: d.number })} <${CondBadge} c=${d.condition} /></h1>
        ${notice && html`<${Notice} msg=${notice.msg} kind=${notice.kind} onClose=${() => setNotice(null)} />`}
        <div class="split marker-split">
          <section class="panel">
            <dl class="facts">
              <dt>${t('reg.border')}</dt><dd>${valueLabel('border', d.border)}</dd>
              <dt>${t('reg.type')}</dt><dd>${valueLabel('marker_type', d.type)}${d.form ? `, ${valueLabel('marker_form', d.form).toLowerCase()}` : ''}</dd>
              <dt>${t('reg.position')}</dt><dd>${pos ? fmtPos(pos[0], pos[1]) : ''}</dd>
              ${d.elevation !== undefined && d.elevation !== null && html`<dt>${t('reg.elevation')}</dt><dd>${fmtNum(d.elevation, 1)}</dd>`}
              ${d.built_by && html`<dt>${t('reg.built_by')}</dt><dd>${valueLabel('side', d.built_by)}</dd>`}
              <dt>${t('reg.condition')}</dt><dd><${CondBadge} c=${d.condition} /></dd>
              <dt>${t('reg.last_inspected')}</dt><dd>${fmtDate(d.last_inspected) || t('reg.any')}</dd>
              <dt>${t('reg.post')}</dt><dd>${postLabel(d.post) || t('reg.any')}</dd>
              ${d.notes && html`<dt>${t('reg.notes')}</dt><dd>${d.notes}</dd>`}
            </dl>
            ${(d.posts || []).length > 0 && html`
              <h3>${t('marker.posts')}</h3>
              <table class="list">
                <thead><tr><th>${t('reg.post')}</th><th>${t('marker.period')}</th></tr></thead>
                <tbody>
                  ${d.posts.map((p, i) => html`<tr key=${i}>
                    <td>${postLabel(p)}</td>
                    <td class="nowrap">${fmtDate(p.valid_from)} – ${p.valid_to ? fmtDate(p.valid_to) : t('unit.now')}</td>
                  </tr>`)}
                </tbody>
              </table>`}
          </section>
          <section class="panel marker-map-panel">
            ${pos && html`<${SmallMap} id=${d.id} lat=${pos[0]} lon=${pos[1]} condition=${d.condition} number=${d.number} />`}
            ${pos && html`<p class="small"><a href=${hrefOf('/map', { lat: pos[0], lon: pos[1], z: 14, focus: d.id })}>${t('map.show_on_map')} →</a></p>`}
          </section>
        </div>
        <section class="panel">
          <h2>${t('marker.history')}</h2>
          ${(d.conditions || []).length === 0
            ? html`<p class="muted">${t('marker.history_empty')}</p>`
            : html`<div class="table-wrap"><table class="list history">
              <thead><tr>
                <th>${t('marker.date')}</th><th>${t('reg.condition')}</th>
                <th>${t('marker.note')}</th><th>${t('marker.recorded_by')}</th>
              </tr></thead>
              <tbody>
                ${d.conditions.map((c, i) => html`<tr key=${i}>
                  <td class="nowrap">${fmtDate(c.date)}</td>
                  <td><${CondBadge} c=${c.condition} /></td>
                  <td>${c.note || ''}</td>
                  <td>${typeof c.recorded_by === 'object' && c.recorded_by ? (c.recorded_by.display_name || c.recorded_by.username) : c.recorded_by || ''}</td>
                </tr>`)}
              </tbody>
            </table></div>`}
          ${EDIT_ROLES.includes(user.role) && html`<${ConditionForm} id=${d.id} number=${d.number} onDone=${recorded} />`}
        </section>`}
    </div>`;
}

// POST /api/markers/:id/condition
function ConditionForm({ id, number, onDone }) {
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);

  async function submit(e) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    setErr(null);
    setBusy(true);
    try {
      const body = { condition: v.condition, date: v.date };
      if (v.note) body.note = v.note;
      await post(`/api/markers/${encodeURIComponent(id)}/condition`, body);
      form.reset();
      onDone(number);
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  }

  return html`
    <details class="action">
      <summary>${t('marker.record')}</summary>
      <form onSubmit=${submit} novalidate>
        <div class="grid2">
          <${Field} label=${t('reg.condition')} name="condition" err=${err}>
            <select ...${inputProps('condition', err)}>
              ${CONDITIONS.map((c) => html`<option key=${c} value=${c}>${valueLabel('condition', c)}</option>`)}
            </select>
          <//>
          <${Field} label=${t('marker.date')} name="date" err=${err}>
            <input ...${inputProps('date', err)} type="date" required defaultValue=${today()} max=${today()} />
          <//>
        </div>
        <${Field} label=${t('marker.note')} name="note" err=${err}>
          <input ...${inputProps('note', err)} type="text" maxlength="1000" />
        <//>
        <${Notice} msg=${err} />
        <button type="submit" class="primary" disabled=${busy}>${t('marker.record_submit')}</button>
      </form>
    </details>`;
}

// The marker on the offline basemap with what is around it (the border
// line, the neighbouring markers and roads, from GET /api/map of a small
// box), the marker itself drawn larger and named.
function SmallMap({ id, lat, lon, condition, number }) {
  const box = useRef(null);
  useEffect(() => {
    let map = null;
    let dead = false;
    loadLeaflet().then(async (L) => {
      if (dead) return;
      map = newMap(L, box.current, { minZoom: 5, maxZoom: 18, scrollWheelZoom: false });
      map.setView([lat, lon], 13);
      addBasemap(L, map);
      for (const [name, z] of [['bp-border', 420], ['bp-points', 430]]) map.createPane(name).style.zIndex = z;
      const cond = CONDITIONS.includes(condition) ? condition : 'other';
      L.circleMarker([lat, lon], {
        ...markerStyle(condition, 14), radius: 10, className: `bp-marker bp-cond-${cond}`, pane: 'bp-points',
      }).bindTooltip(String(number), { permanent: true, direction: 'right', offset: [10, 0], className: 'bp-marker-num' })
        .addTo(map);
      const d = 0.03;
      const bbox = [lon - d, lat - d, lon + d, lat + d].map((x) => Math.round(x * 1e5) / 1e5).join(',');
      let fc = null;
      try {
        fc = await get('/api/map', { bbox, layers: 'markers,segments,roads' });
      } catch {
        return; // the marker alone is still worth showing
      }
      if (dead || !fc) return;
      for (const f of fc.features || []) {
        const p = f.properties || {};
        const g = f.geometry;
        if (!g || p.id === id) continue;
        if (g.type === 'LineString') {
          L.polyline(g.coordinates.map((c) => [c[1], c[0]]), { ...lineStyle(p), pane: 'bp-border', interactive: false }).addTo(map);
        } else if (g.type === 'Point' && p.layer === 'markers') {
          L.circleMarker([g.coordinates[1], g.coordinates[0]], {
            ...markerStyle(p.condition, 11), pane: 'bp-points', className: 'bp-neighbour',
          }).bindTooltip(String(p.number ?? ''), { direction: 'right', offset: [6, 0], className: 'bp-marker-num' })
            .addTo(map);
        }
      }
    });
    return () => { dead = true; if (map) map.remove(); };
  }, [id, lat, lon, condition, number]);
  return html`<div ref=${box} class="map map-small" role="img" aria-label=${t('reg.marker', { number })}></div>`;
}
