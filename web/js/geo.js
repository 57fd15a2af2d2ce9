// geo.js - what the map screens share: Leaflet, the offline basemap, and
// how each layer of the border registry is drawn.
//
// Leaflet (dist/leaflet-src.esm.js) and topojson-client (src/, plain ES
// modules) come from web/node_modules like Preact, loaded with import()
// only when a map is shown, so the login page does not pay for them.
// Leaflet's CSS is a <link> in index.html.
//
// No Internet, ever: the basemap is drawn from Natural Earth's 1:10m
// countries (npm world-atlas, countries-10m.json, TopoJSON) that the server
// serves like any file of web/. An optional tile layer can be put under it,
// but only from this same server: the Content-Security-Policy allows
// images from 'self' only, so an outside URL could not load anyway. Where
// the URL comes from: the server's map settings (GET /api/settings/map, set
// by an admin: a URL template such as "/tiles/{z}/{x}/{y}.png", its
// attribution and deepest zoom), unless localStorage 'bienphong.tiles'
// on this computer names another one, which wins for this browser. A
// PMTiles archive can be configured on the server, but this build has no
// PMTiles decoder: the map says so and draws the outlines alone.
//
// Vietnam's sovereignty over Hoàng Sa and Trường Sa: Natural Earth puts the
// Paracels inside China's polygons and the Spratlys in a feature of their
// own. A map of Vietnam's border defense shows both archipelagos as
// Vietnam's, so the basemap moves those islands into Vietnam's feature and
// names them.
import { get } from './api.js';
import { t } from './i18n.js';

const LEAFLET = '../node_modules/leaflet/dist/leaflet-src.esm.js';
const TOPOJSON = '../node_modules/topojson-client/src/index.js';
const COUNTRIES = '/node_modules/world-atlas/countries-10m.json';
export const TILES_KEY = 'bienphong.tiles';

let leafletP = null;
export function loadLeaflet() {
  if (!leafletP) {
    leafletP = import(LEAFLET).catch((e) => { leafletP = null; throw e; });
  }
  return leafletP;
}

// A box around Vietnam and its neighbours; the countries outside it are
// not drawn (they are never looked at, and China alone is enough work).
const REGION = { west: 88, south: -2, east: 128, north: 36 };
const VN_ID = '704';
const PARACELS = { west: 110.9, south: 15.6, east: 113.0, north: 17.3 };
const NEIGHBOURS = { 156: 'CN', 418: 'LA', 116: 'KH', 764: 'TH' };

function ringBox(ring) {
  let w = 180; let s = 90; let e = -180; let n = -90;
  for (const [x, y] of ring) {
    if (x < w) w = x; if (x > e) e = x; if (y < s) s = y; if (y > n) n = y;
  }
  return { west: w, south: s, east: e, north: n };
}
const inside = (b, r) => b.west >= r.west && b.east <= r.east && b.south >= r.south && b.north <= r.north;
const overlaps = (b, r) => b.west <= r.east && b.east >= r.west && b.south <= r.north && b.north >= r.south;
const polygonsOf = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

let countriesP = null;
// The region's countries as GeoJSON features, properties {name, vn}:
// fetched and converted once per page load (the file is 3,6 MB).
export function loadCountries() {
  if (!countriesP) {
    countriesP = Promise.all([import(TOPOJSON), fetch(COUNTRIES, { credentials: 'same-origin' })])
      .then(async ([topojson, res]) => {
        if (!res.ok) throw new Error(`${COUNTRIES}: ${res.status}`);
        const topo = await res.json();
        const all = topojson.feature(topo, topo.objects.countries).features;
        const islands = [];
        const out = [];
        for (const f of all) {
          if (!f.geometry) continue;
          let polys = polygonsOf(f.geometry);
          if (f.properties.name === 'Spratly Is.') {
            islands.push(...polys);
            continue;
          }
          if (f.id === '156') {
            islands.push(...polys.filter((p) => inside(ringBox(p[0]), PARACELS)));
            polys = polys.filter((p) => !inside(ringBox(p[0]), PARACELS));
          }
          polys = polys.filter((p) => overlaps(ringBox(p[0]), REGION));
          if (polys.length === 0) continue;
          out.push({
            type: 'Feature',
            id: f.id,
            properties: { name: f.properties.name, vn: f.id === VN_ID, code: NEIGHBOURS[f.id] || null },
            geometry: { type: 'MultiPolygon', coordinates: polys },
          });
        }
        const vn = out.find((f) => f.properties.vn);
        if (vn) vn.geometry.coordinates.push(...islands);
        return out;
      })
      .catch((e) => { countriesP = null; throw e; });
  }
  return countriesP;
}

// The tile source to use: {url, from: 'browser'|'server', attribution,
// maxZoom}; {refused: url} when it is not on this server, {pmtiles: url}
// for an archive this build cannot read; null when there is none.
// settings: the server's map settings, or null.
export function tileSource(settings) {
  let url = null;
  try { url = localStorage.getItem(TILES_KEY); } catch { url = null; }
  url = (url || '').trim();
  const from = url ? 'browser' : 'server';
  if (!url) url = ((settings && settings.tiles) || '').trim();
  if (!url) return null;
  const own = from === 'server' ? settings : {};
  // Same origin only: "/tiles/…", or an absolute URL of this very server.
  let same = false;
  try { same = new URL(url, location.href).origin === location.origin; } catch { same = false; }
  if (!same) return { refused: url, from };
  if (/\.pmtiles$/i.test(url.split(/[?#]/)[0])) return { pmtiles: url, from };
  if (!url.includes('{z}')) return { refused: url, from };
  return { url, from, attribution: own.attribution || null, maxZoom: Number.isInteger(own.max_zoom) ? own.max_zoom : null };
}

let settingsP = null;
// The server's map settings, asked once per page load (again after
// forget); null when they cannot be read: the map goes on without tiles.
export function loadMapSettings() {
  if (!settingsP) settingsP = get('/api/settings/map').catch(() => { settingsP = null; return null; });
  return settingsP;
}
// Settings just stored (an admin's change): the maps opened next use them.
export function rememberMapSettings(settings) {
  settingsP = Promise.resolve(settings);
}

// Leaflet writes attributions as HTML: plain text made safe for it.
function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// Where to put the names (lat, lon), and between which zooms.
const LABELS = [
  { key: 'map.country.VN', at: [21.2, 104.6], min: 6, max: 8 },
  { key: 'map.country.VN', at: [14.2, 108.3], min: 4, max: 5.5 },
  { key: 'map.country.CN', at: [23.6, 107.4], min: 5, max: 8 },
  { key: 'map.country.CN', at: [25.5, 110.5], min: 4, max: 4.5 },
  { key: 'map.country.LA', at: [19.6, 102.6], min: 4, max: 8 },
  { key: 'map.country.KH', at: [12.7, 104.9], min: 4, max: 8 },
  { key: 'map.country.TH', at: [15.4, 101.0], min: 4, max: 7 },
  { key: 'map.hoang_sa', at: [16.5, 111.9], min: 3, max: 11 },
  { key: 'map.truong_sa', at: [10.0, 114.4], min: 3, max: 11 },
];

// A Leaflet map in el with what every map of the UI has: zoom buttons in
// the user's language, a metric scale, the data's attribution and no
// Leaflet advert.
export function newMap(L, el, options) {
  const map = L.map(el, { zoomControl: false, zoomSnap: 0.5, ...options });
  L.control.zoom({ zoomInTitle: t('map.zoom_in'), zoomOutTitle: t('map.zoom_out') }).addTo(map);
  L.control.scale({ imperial: false, maxWidth: 140 }).addTo(map);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Natural Earth');
  return map;
}

// Draws the basemap under everything else: the tile layer if one is set
// (settings: the server's map settings; left out, loadMapSettings'), the country outlines
// with Vietnam highlighted, and the names. Returns {tiles, error, relabel,
// setTiles}: what to tell the user, a function that writes the names again
// in the language of the moment, and one that puts the tiles of new
// settings in place of the old (an admin has just changed them).
export async function addBasemap(L, map, settings) {
  // The page may be left while the settings or the outlines load: a map
  // removed by then (Leaflet empties its panes) gets nothing more.
  const removed = () => !map.getPane('mapPane');
  if (settings === undefined) settings = await loadMapSettings();
  const info = { tiles: null, error: null, relabel: () => {}, setTiles: () => {} };
  if (removed()) return info;
  map.createPane('bp-countries').style.zIndex = 250; // above tiles (200), below overlays (400)
  map.createPane('bp-labels').style.zIndex = 350;
  map.getPane('bp-labels').style.pointerEvents = 'none';
  let tileLayer = null;
  let outlines = null;
  // Over tiles only the outlines, so the tiles show through.
  const countryStyle = (f) => {
    const fill = tileLayer ? 0 : 1;
    return f.properties.vn
      ? { className: 'bp-country bp-country-vn', color: '#5c4a14', weight: 1.6, fillColor: '#f7efc9', fillOpacity: fill }
      : { className: 'bp-country', color: '#7d8279', weight: 1, fillColor: '#e2e4dc', fillOpacity: fill };
  };
  info.setTiles = (next) => {
    info.tiles = tileSource(next);
    if (tileLayer) tileLayer.remove();
    tileLayer = null;
    const ts = info.tiles;
    if (ts && ts.url) {
      const maxZoom = ts.maxZoom ?? 19;
      tileLayer = L.tileLayer(ts.url, {
        maxZoom: 19, maxNativeZoom: maxZoom, attribution: ts.attribution ? escapeHtml(ts.attribution) : '',
      }).addTo(map);
    }
    if (outlines) outlines.setStyle(countryStyle);
    return info.tiles;
  };
  info.setTiles(settings);
  let countries;
  try {
    countries = await loadCountries();
  } catch (e) {
    info.error = e;
    return info;
  }
  if (removed()) return info;
  outlines = L.geoJSON({ type: 'FeatureCollection', features: countries }, {
    pane: 'bp-countries',
    interactive: false,
    style: countryStyle,
  }).addTo(map);
  // The name is the inner span, centred on the point by CSS: Leaflet
  // places the icon itself with a transform of its own.
  const labels = LABELS.map((l) => ({
    ...l,
    marker: L.marker(l.at, {
      pane: 'bp-labels',
      interactive: false,
      keyboard: false,
      icon: L.divIcon({
        className: `bp-label${l.key.startsWith('map.country') ? '' : ' bp-label-islands'}`,
        html: '<span></span>',
        iconSize: [0, 0],
      }),
    }),
  }));
  const setText = (l) => {
    const el = l.marker.getElement();
    if (el) el.firstChild.textContent = t(l.key); // text, not HTML
  };
  const update = () => {
    const z = map.getZoom();
    for (const l of labels) {
      const want = z >= l.min && z <= l.max;
      if (want && !map.hasLayer(l.marker)) {
        l.marker.addTo(map);
        setText(l);
      } else if (!want && map.hasLayer(l.marker)) {
        l.marker.remove();
      }
    }
  };
  map.on('zoomend', update);
  update();
  info.relabel = () => {
    labels.forEach(setText);
    const zin = map.getContainer().querySelector('.leaflet-control-zoom-in');
    const zout = map.getContainer().querySelector('.leaflet-control-zoom-out');
    for (const [el, key] of [[zin, 'map.zoom_in'], [zout, 'map.zoom_out']]) {
      if (el) { el.title = t(key); el.setAttribute('aria-label', t(key)); }
    }
  };
  return info;
}

// The look of each registry layer. Marker colours say the condition; the
// lost and moved ones differ in shape too (hollow, dashed), for the
// colour-blind and for grey printouts.
export const CONDITIONS = ['good', 'damaged', 'moved', 'lost'];
const COND_STYLE = {
  good: { color: '#14532d', fillColor: '#2e9d4b', fillOpacity: 1, weight: 2 },
  damaged: { color: '#6b3d00', fillColor: '#f08c00', fillOpacity: 1, weight: 2 },
  moved: { color: '#4a1d6e', fillColor: '#9b59d0', fillOpacity: 1, weight: 2.5, dashArray: '3 2' },
  lost: { color: '#b3261e', fillColor: '#ffffff', fillOpacity: 1, weight: 3.5 },
};
const COND_OTHER = { color: '#333', fillColor: '#9aa09a', fillOpacity: 1, weight: 2 };

// Small at a province's scale, where markers stand a few hundred metres
// apart and would hide the line they are on; bigger closer in.
export function markerRadius(zoom) {
  if (zoom >= 12) return 8;
  if (zoom >= 10) return 6;
  return 4.5;
}

export function markerStyle(condition, zoom = 10) {
  return { radius: markerRadius(zoom), ...(COND_STYLE[condition] || COND_OTHER) };
}

export function lineStyle(p) {
  if (p.layer === 'segments') {
    return { className: 'bp-segment', color: '#a3123a', weight: 3.5, opacity: 0.95, dashArray: p.kind === 'river' ? '8 5' : null };
  }
  return { className: 'bp-road', color: '#7a4a12', weight: 3, opacity: 0.9, dashArray: p.kind === 'patrol' ? null : '2 5', lineCap: 'round' };
}

// A small inline SVG of a layer's symbol, for the legend (so the legend
// and the map cannot disagree).
export function legendSymbol(html, kind, value) {
  if (kind === 'marker') {
    const s = COND_STYLE[value] || COND_OTHER;
    return html`<svg class="legend-sym" width="26" height="26" viewBox="0 0 26 26" aria-hidden="true">
      <circle cx="13" cy="13" r="8" fill=${s.fillColor} stroke=${s.color} stroke-width=${s.weight}
        stroke-dasharray=${s.dashArray || undefined} /></svg>`;
  }
  if (kind === 'line') {
    const s = lineStyle(value);
    return html`<svg class="legend-sym" width="34" height="26" viewBox="0 0 34 26" aria-hidden="true">
      <line x1="2" y1="13" x2="32" y2="13" stroke=${s.color} stroke-width=${s.weight}
        stroke-dasharray=${s.dashArray || undefined} stroke-linecap=${s.lineCap || 'butt'} /></svg>`;
  }
  if (kind === 'gate') {
    return html`<span class=${`legend-sym bp-gate-icon bp-gate-${value}`} aria-hidden="true"><span class="bp-gate"></span></span>`;
  }
  return html`<span class="legend-sym legend-vn" aria-hidden="true"></span>`;
}

export function gateIcon(L, kind) {
  // Leaflet moves the icon with a transform of its own: the diamond is the
  // inner element, turned 45°.
  return L.divIcon({
    className: `bp-gate-icon bp-gate-${kind === 'international' ? 'international' : 'other'}`,
    iconSize: kind === 'international' ? [24, 24] : [20, 20],
    html: '<span class="bp-gate"></span>',
  });
}
