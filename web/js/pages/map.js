// map.js - the border map (#/map): markers, border line segments, gates
// and patrol roads of the caller's scope over an offline basemap.
//
// Data: GET /api/map?bbox=west,south,east,north&layers=markers,segments,
// gates,roads answers one GeoJSON FeatureCollection; every feature's
// properties carry "layer" and the record's fields. The page asks again
// for the area in view after each move or zoom (debounced, and a late
// answer to an older request is dropped), and keeps the features that did
// not change, so an open popup stays open while the map pans under it.
//
// The view and the layers shown live in the hash (#/map?lat=21.9&lon=
// 106.7&z=11&layers=markers,gates), so a reload or a link shows the same
// map; "focus" names a marker whose popup opens (the marker page links
// here with it). The basemap (country outlines, optional tiles from this
// server only) is geo.js's; its tile source comes from the server's map
// settings, which an admin changes in the side panel (PUT
// /api/settings/map), and the map takes the new tiles at once.
import { html, render, useEffect, useRef, useState } from '../preact.js';
import { api, get } from '../api.js';
import { both, fmtDate, t, valueLabel } from '../i18n.js';
import { fmtKm, fmtNum } from '../numbers.js';
import { hrefOf, navigate, parseHash } from '../router.js';
import { Field, Notice, formValues, inputProps } from '../ui.js';
import { CondBadge, unitLabel } from './markers.js';
import {
  CONDITIONS, addBasemap, gateIcon, legendSymbol, lineStyle, loadLeaflet, loadMapSettings, markerRadius, markerStyle,
  newMap, rememberMapSettings,
} from '../geo.js';

export const LAYERS = ['markers', 'segments', 'gates', 'roads'];
// Vietnam, the whole of it: the first view when the hash names none.
const VIETNAM = [[8.2, 102.1], [23.4, 109.5]];
const DEBOUNCE_MS = 300;

function layersOf(s) {
  if (s === undefined) return LAYERS;
  return LAYERS.filter((l) => s.split(',').includes(l));
}

const r5 = (x) => Math.round(x * 1e5) / 1e5;
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

// What a feature is named in a segment's "from"/"to": a marker number, or
// a marker object.
function markerRef(v) {
  if (v && typeof v === 'object') return v.number || v.id || '';
  return v ?? '';
}

// The rows of a popup: [label, value], the empty ones left out.
function Facts({ rows }) {
  return html`<dl class="popup-facts">
    ${rows.filter(([, v]) => v !== '' && v !== null && v !== undefined).map(([k, v]) => html`
      <dt>${k}</dt><dd>${v}</dd>`)}
  </dl>`;
}

function Popup({ p }) {
  if (p.layer === 'markers') {
    return html`<div class="popup" lang=${document.documentElement.lang}>
      <h3 class="popup-title">${t('reg.marker', { number: p.number })}</h3>
      <${Facts} rows=${[
        [t('reg.border'), valueLabel('border', p.border)],
        [t('reg.type'), valueLabel('marker_type', p.type)],
        [t('reg.form'), valueLabel('marker_form', p.form)],
        [t('reg.condition'), html`<${CondBadge} c=${p.condition} />`],
        [t('reg.last_inspected'), fmtDate(p.last_inspected)],
        [t('reg.post'), unitLabel(p.post)],
      ]} />
      <a class="popup-link" href=${hrefOf(`/markers/${encodeURIComponent(p.id)}`)}>${t('map.open_marker')} →</a>
    </div>`;
  }
  if (p.layer === 'segments') {
    return html`<div class="popup">
      <h3 class="popup-title">${t('map.layer.segments')}</h3>
      <${Facts} rows=${[
        [t('reg.from'), markerRef(p.from)],
        [t('reg.to'), markerRef(p.to)],
        [t('reg.border'), valueLabel('border', p.border)],
        [t('reg.kind'), valueLabel('segment_kind', p.kind)],
        [t('reg.length'), fmtKm(p.length_km)],
        [t('reg.post'), unitLabel(p.post)],
      ]} />
    </div>`;
  }
  if (p.layer === 'gates') {
    return html`<div class="popup">
      <h3 class="popup-title">${p.name}</h3>
      <${Facts} rows=${[
        [t('reg.kind'), valueLabel('gate_kind', p.kind)],
        [t('reg.border'), valueLabel('border', p.border)],
        [t('reg.unit'), unitLabel(p.unit)],
        [t('reg.notes'), p.notes],
      ]} />
    </div>`;
  }
  return html`<div class="popup">
    <h3 class="popup-title">${p.name || valueLabel('road_kind', p.kind)}</h3>
    <${Facts} rows=${[
      [t('reg.kind'), valueLabel('road_kind', p.kind)],
      [t('reg.length'), fmtKm(p.length_km)],
      [t('reg.condition'), valueLabel('road_condition', p.condition)],
      [t('reg.surface'), p.surface],
      [t('reg.built'), fmtDate(p.built)],
      [t('reg.unit'), unitLabel(p.unit)],
    ]} />
  </div>`;
}

// The popup's content as a DOM element, built by Preact (so every value is
// text, never HTML), when the popup opens: in the language of that moment.
function popupContent(p) {
  const div = document.createElement('div');
  render(html`<${Popup} p=${p} />`, div);
  return div;
}

// What of a feature's drawing depends on the zoom: the marker size, and
// whether the numbers and gate names are always shown.
function zoomClass(layer, zoom) {
  if (layer === 'markers') return `${markerRadius(zoom)}${zoom >= 13 ? '-named' : ''}`;
  if (layer === 'gates') return zoom >= 10 ? 'named' : '';
  return '';
}

function bindLabel(layer, p, zoom) {
  layer.unbindTooltip();
  if (p.layer === 'markers') {
    layer.bindTooltip(String(p.number ?? ''), {
      permanent: zoom >= 13, direction: 'right', offset: [8, 0], className: 'bp-marker-num',
    });
    layer.setRadius(markerStyle(p.condition, zoom).radius);
  } else if (p.layer === 'gates') {
    layer.bindTooltip(p.name || '', { permanent: zoom >= 10, direction: 'top', offset: [0, -10], className: 'bp-gate-name' });
  }
}

// The Leaflet layer of one feature, or null for a geometry it cannot be.
function makeLayer(L, f, zoom) {
  const p = f.properties || {};
  const g = f.geometry;
  if (!g) return null;
  const ll = (c) => [c[1], c[0]];
  let layer = null;
  if (p.layer === 'markers' && g.type === 'Point') {
    const cond = CONDITIONS.includes(p.condition) ? p.condition : 'other';
    layer = L.circleMarker(ll(g.coordinates), {
      ...markerStyle(p.condition, zoom), className: `bp-marker bp-cond-${cond}`, pane: 'bp-points',
    });
  } else if (p.layer === 'gates' && g.type === 'Point') {
    layer = L.marker(ll(g.coordinates), { icon: gateIcon(L, p.kind), keyboard: true, title: p.name || '' });
  } else if ((p.layer === 'segments' || p.layer === 'roads') && g.type === 'LineString') {
    layer = L.polyline(g.coordinates.map(ll), { ...lineStyle(p), pane: p.layer === 'segments' ? 'bp-border' : 'bp-roads' });
  }
  if (layer) {
    // Clear of the zoom buttons in the top left corner.
    layer.bindPopup(() => popupContent(p), {
      maxWidth: 380, minWidth: 280, autoPanPaddingTopLeft: [60, 12], autoPanPaddingBottomRight: [12, 12],
    });
  }
  return layer;
}

export function MapPage({ user, params }) {
  const box = useRef(null);
  const st = useRef({}); // the map and what is on it; not state: no re-render
  const [layers, setLayers] = useState(() => layersOf(params.layers));
  const [status, setStatus] = useState({ loading: true });
  const [basemap, setBasemap] = useState(null);
  const [tilesNow, setTilesNow] = useState(null); // the tile source drawn (basemap.tiles, kept fresh)
  const [settings, setSettings] = useState(null); // the server's map settings

  useEffect(() => {
    const s = st.current;
    s.dead = false;
    s.layers = layersOf(params.layers);
    s.focus = params.focus || null;
    s.seq = 0;
    s.shown = new Map(); // "layer:id" -> {layer, sig}
    const lat = Number(params.lat);
    const lon = Number(params.lon);
    const z = Number(params.z);
    const hasView = Number.isFinite(lat) && Number.isFinite(lon) && Number.isFinite(z) && params.lat && params.lon;
    s.fitOnce = !hasView; // no view in the hash: fit to the first answer

    loadLeaflet().then(async (L) => {
      if (s.dead) return;
      const map = newMap(L, box.current, { minZoom: 3, maxZoom: 18, maxBounds: [[-60, 40], [70, 180]] });
      s.L = L;
      s.map = map;
      // One pane (and so one SVG) per kind, in this order from the bottom:
      // whatever arrives first in an answer, markers stay clickable above
      // the lines.
      [['bp-roads', 410], ['bp-border', 420], ['bp-points', 430]].forEach(([name, z]) => {
        map.createPane(name).style.zIndex = z;
      });
      // Lines under points; segments (the border itself) over roads.
      s.groups = {
        roads: L.featureGroup(), segments: L.featureGroup(), gates: L.featureGroup(), markers: L.featureGroup(),
      };
      for (const l of ['roads', 'segments', 'gates', 'markers']) {
        if (s.layers.includes(l)) s.groups[l].addTo(map);
      }
      if (hasView) map.setView([clamp(lat, -85, 85), clamp(lon, -180, 180)], clamp(z, 3, 18));
      else map.fitBounds(VIETNAM);
      // data-state on the map's element: "moving" from the start of a
      // move until its features are drawn, then "idle" (for tests, and for
      // anyone who wants to know the map shows what it says).
      map.on('movestart zoomstart', () => { s.moving = true; setState('moving'); });
      map.on('moveend', () => { s.moving = false; schedule(); });
      loadMapSettings().then((cfg) => {
        if (s.dead) return null;
        setSettings(cfg);
        return addBasemap(L, map, cfg);
      }).then((info) => {
        if (!info || s.dead) return;
        setBasemap(info);
        setTilesNow(info.tiles);
      });
      refresh();
    }).catch((err) => { if (!s.dead) setStatus({ err: { message: String(err) } }); });

    function setState(v) {
      if (box.current) box.current.dataset.state = v;
    }

    function schedule() {
      setState('moving');
      s.pending = true;
      clearTimeout(s.timer);
      s.timer = setTimeout(refresh, DEBOUNCE_MS);
    }
    s.schedule = schedule;

    async function refresh() {
      const { map } = s;
      if (!map || s.dead) return;
      const seq = ++s.seq;
      s.pending = false;
      setState('moving');
      const c = map.getCenter();
      // Not when the user has just left for another page (the hash has
      // changed, this page is not unmounted yet): that would bring them back.
      if (parseHash().path === '/map') navigate('/map', {
        lat: r5(c.lat), lon: r5(c.lng), z: map.getZoom(),
        layers: s.layers.length === LAYERS.length ? undefined : s.layers.join(','),
        focus: s.focus || undefined,
      }, { replace: true });
      if (s.layers.length === 0) {
        draw({ features: [] });
        setStatus({ counts: counts([]) });
        setState('idle');
        return;
      }
      // A little beyond the view, so that a small pan shows no empty edge.
      const b = map.getBounds().pad(0.15);
      const bbox = [
        r5(clamp(b.getWest(), -180, 180)), r5(clamp(b.getSouth(), -90, 90)),
        r5(clamp(b.getEast(), -180, 180)), r5(clamp(b.getNorth(), -90, 90)),
      ].join(',');
      setStatus((x) => ({ ...x, loading: true, err: null }));
      try {
        const fc = await get('/api/map', { bbox, layers: s.layers.join(',') });
        if (s.dead || seq !== s.seq) return; // a newer request is under way
        const features = (fc && fc.features) || [];
        draw(fc || {});
        setStatus({ counts: counts(features), truncated: !!(fc && fc.truncated) });
        if (s.fitOnce) {
          s.fitOnce = false;
          const pts = features.filter((f) => f.geometry);
          if (pts.length) {
            const all = L2bounds(s.L, pts);
            if (all.isValid()) map.fitBounds(all, { maxZoom: 12, padding: [20, 20] });
          }
        }
        if (s.focus) {
          const hit = s.shown.get(`markers:${s.focus}`);
          if (hit) { s.focus = null; hit.layer.openPopup(); }
        }
        // Unless the fit or the popup started a move of their own.
        if (seq === s.seq && !s.moving && !s.pending) setState('idle');
      } catch (err) {
        if (s.dead || seq !== s.seq) return;
        setStatus({ err });
        setState('idle');
      }
    }

    function draw(fc) {
      const { L, map } = s;
      const zoom = map.getZoom();
      const next = new Map();
      for (const f of fc.features || []) {
        const p = f.properties || {};
        if (!s.groups[p.layer] || !s.layers.includes(p.layer)) continue;
        const key = `${p.layer}:${p.id}`;
        const sig = JSON.stringify([f.geometry, p]);
        const zc = zoomClass(p.layer, zoom);
        const old = s.shown.get(key);
        if (old && old.sig === sig) {
          // The same record: kept as it is (an open popup stays open), only
          // what depends on the zoom is redone.
          if (old.zc !== zc) {
            bindLabel(old.layer, p, zoom);
            old.zc = zc;
          }
          next.set(key, old);
          s.shown.delete(key);
          continue;
        }
        const layer = makeLayer(L, f, zoom);
        if (!layer) continue;
        // A changed record: the popup moves from the old drawing to the new.
        const reopen = old && old.layer.isPopupOpen && old.layer.isPopupOpen();
        if (reopen) old.layer.closePopup();
        s.groups[p.layer].addLayer(layer);
        bindLabel(layer, p, zoom);
        if (p.layer === 'markers') {
          // For tests and for anyone reading the page's structure.
          const el = layer.getElement && layer.getElement();
          if (el) el.setAttribute('data-number', String(p.number ?? ''));
        }
        next.set(key, { layer, sig, zc });
        if (reopen) layer.openPopup();
      }
      for (const [key, old] of s.shown) {
        const name = key.slice(0, key.indexOf(':'));
        s.groups[name].removeLayer(old.layer);
      }
      s.shown = next;
    }

    return () => {
      s.dead = true;
      clearTimeout(s.timer);
      if (s.map) s.map.remove();
      s.map = null;
    };
  }, []);

  // The names on the map follow the language switch.
  useEffect(() => { if (basemap) basemap.relabel(); });

  function toggle(name, on) {
    const s = st.current;
    const next = LAYERS.filter((l) => (l === name ? on : s.layers.includes(l)));
    s.layers = next;
    setLayers(next);
    if (!s.map) return;
    if (on) s.groups[name].addTo(s.map);
    else s.groups[name].remove();
    s.schedule(); // the layers turned on need their features
  }

  // An admin's new settings: stored, and drawn here at once.
  function onSettings(cfg) {
    rememberMapSettings(cfg);
    setSettings(cfg);
    if (basemap) setTilesNow(basemap.setTiles(cfg));
  }

  const c = status.counts;
  const tiles = tilesNow;
  return html`
    <div class="page map-page">
      <h1>${t('map.title')}</h1>
      <div class="map-layout">
        <div class="map-box">
          <div ref=${box} class="map" role="region" aria-label=${t('map.label')}></div>
          ${status.loading && html`<p class="map-busy" role="status">${t('map.loading')}</p>`}
        </div>
        <aside class="map-side panel" aria-label=${t('map.layers')}>
          <h2>${t('map.layers')}</h2>
          <${LayerBox} name="markers" on=${layers.includes('markers')} onToggle=${toggle}>
            ${CONDITIONS.map((k) => html`<li key=${k}>${legendSymbol(html, 'marker', k)} ${valueLabel('condition', k)}</li>`)}
          <//>
          <${LayerBox} name="segments" on=${layers.includes('segments')} onToggle=${toggle}>
            <li>${legendSymbol(html, 'line', { layer: 'segments', kind: 'land' })} ${t('map.legend.border')}</li>
            <li>${legendSymbol(html, 'line', { layer: 'segments', kind: 'river' })} ${t('map.legend.river')}</li>
          <//>
          <${LayerBox} name="gates" on=${layers.includes('gates')} onToggle=${toggle}>
            <li>${legendSymbol(html, 'gate', 'international')} ${t('map.legend.gate_intl')}</li>
            <li>${legendSymbol(html, 'gate', 'other')} ${t('map.legend.gate')}</li>
          <//>
          <${LayerBox} name="roads" on=${layers.includes('roads')} onToggle=${toggle}>
            <li>${legendSymbol(html, 'line', { layer: 'roads', kind: 'patrol' })} ${t('map.legend.patrol')}</li>
            <li>${legendSymbol(html, 'line', { layer: 'roads', kind: 'marker_inspection' })} ${t('map.legend.inspection')}</li>
          <//>
          <ul class="legend legend-base">
            <li>${legendSymbol(html, 'vn')} ${t('map.legend.vn')}</li>
          </ul>
          <div class="map-status" aria-live="polite">
            ${c && html`<p class="small">${t('map.count', fmtCounts(c))}</p>`}
            ${c && c.total === 0 && layers.length > 0 && html`<p class="small muted">${t('map.empty')}</p>`}
            ${status.truncated && html`<${Notice} kind="info" msg=${both('map.truncated')} />`}
          </div>
          ${status.err && html`<${Notice} msg=${status.err} />`}
          ${basemap && basemap.error && html`<p class="small notice-inline">${t('map.basemap_error')}</p>`}
          ${tiles && tiles.refused && html`<p class="small notice-inline">${t('map.tiles_refused', { url: tiles.refused })}</p>`}
          ${tiles && tiles.pmtiles && html`<p class="small notice-inline">${t('map.tiles_pmtiles', { url: tiles.pmtiles })}</p>`}
          <details class="map-doc">
            <summary>${t('map.basemap')}</summary>
            <p class="small">${t('map.basemap_doc')}</p>
            <p class="small">${t('map.tiles_doc')}</p>
            ${tiles && tiles.url && html`<p class="small tiles-on">${t(tiles.from === 'browser' ? 'map.tiles_on_browser' : 'map.tiles_on', { url: tiles.url })}</p>`}
            ${user && user.role === 'admin' && settings && html`<${TileSettings} settings=${settings} onSaved=${onSettings} />`}
          </details>
        </aside>
      </div>
    </div>`;
}

// The server's tile source, for admins: the URL template or .pmtiles
// archive, its attribution and deepest zoom; empty clears.
function TileSettings({ settings, onSaved }) {
  const [state, setState] = useState({ busy: false, err: null, ok: false });
  async function submit(e) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const body = { tiles: v.tiles || null, attribution: v.attribution || null };
    if (v.max_zoom !== '') body.max_zoom = /^\d+$/.test(v.max_zoom) ? Number(v.max_zoom) : v.max_zoom;
    setState({ busy: true, err: null, ok: false });
    try {
      const cfg = await api('PUT', '/api/settings/map', body);
      setState({ busy: false, err: null, ok: true });
      onSaved(cfg);
    } catch (err) {
      setState({ busy: false, err, ok: false });
    }
  }
  const { err } = state;
  return html`
    <form class="tile-settings" onSubmit=${submit} noValidate>
      <h3>${t('map.settings.title')}</h3>
      <${Field} label=${t('map.settings.tiles')} hint=${t('map.settings.tiles_hint')} name="tiles" err=${err}>
        <input type="text" ...${inputProps('tiles', err)} value=${settings.tiles || ''} spellcheck="false" autocomplete="off" />
      <//>
      <${Field} label=${t('map.settings.attribution')} name="attribution" err=${err}>
        <input type="text" ...${inputProps('attribution', err)} value=${settings.attribution || ''} />
      <//>
      <${Field} label=${t('map.settings.max_zoom')} name="max_zoom" err=${err}>
        <input type="text" inputmode="numeric" ...${inputProps('max_zoom', err)} value=${settings.max_zoom ?? ''} />
      <//>
      <button type="submit" disabled=${state.busy}>${t('map.settings.save')}</button>
      <${Notice} msg=${err} />
      ${state.ok && html`<${Notice} kind="info" msg=${both('map.settings.saved')} />`}
    </form>`;
}

function LayerBox({ name, on, onToggle, children }) {
  return html`
    <div class="layer-box">
      <label class="check">
        <input type="checkbox" name=${`layer-${name}`} checked=${on}
          onChange=${(e) => onToggle(name, e.currentTarget.checked)} />
        <span>${t(`map.layer.${name}`)}</span>
      </label>
      <ul class=${`legend${on ? '' : ' legend-off'}`}>${children}</ul>
    </div>`;
}

function counts(features) {
  const n = { markers: 0, segments: 0, gates: 0, roads: 0, total: 0 };
  for (const f of features) {
    const l = f.properties && f.properties.layer;
    if (l in n) { n[l] += 1; n.total += 1; }
  }
  return n;
}

function fmtCounts(c) {
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, fmtNum(v)]));
}

function L2bounds(L, features) {
  const b = L.latLngBounds([]);
  for (const f of features) {
    const g = f.geometry;
    if (g.type === 'Point') b.extend([g.coordinates[1], g.coordinates[0]]);
    else if (g.type === 'LineString') for (const c of g.coordinates) b.extend([c[1], c[0]]);
  }
  return b;
}
