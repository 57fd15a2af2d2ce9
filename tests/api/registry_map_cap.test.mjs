// registry_map_cap.test.mjs - /api/map answers at most 20,000 features
// (MAP_MAX_FEATURES, src/domain/map.c; docs/registry.md, "The map"): a box
// holding more answers exactly 20,000 and says `"truncated": true`; a box
// within the cap answers all of its features and says nothing of the kind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

const CAP = 20000;
const N = CAP + 50; // markers imported, all inside BIG

// Far from the demo's border features (Lạng Sơn), so that the boxes hold
// the imported markers alone: a 0.2° square in Hòa Bình, a grid of
// 145 x 139 places 0.001° apart (no two markers at one place).
const WEST = 105.0, SOUTH = 20.0;
const BIG = [104.99, 19.99, 105.21, 20.21];
const SMALL = [105.0095, 20.0095, 105.0205, 20.0305]; // columns 10-20, rows 10-30

let s;
let A; // the province admin
let positions;

before(async () => {
  s = await startServer();
  A = { token: await s.login('admin') };
  const lines = ['number,lat,lon,border,post'];
  positions = [];
  for (let i = 0; i < N; i++) {
    const col = i % 145, row = Math.floor(i / 145);
    const lon = +(WEST + col * 0.001).toFixed(3), lat = +(SOUTH + row * 0.001).toFixed(3);
    positions.push([lon, lat]);
    // Numbers 40000/1 ... 40200/100, on the Lao border, where the demo has none.
    lines.push(`${40000 + Math.floor(i / 100)}/${(i % 100) + 1},${lat},${lon},VN-LA,DBP-BINHNGHI`);
  }
  const r = await s.api('POST', '/api/import/markers', {
    ...A, raw: lines.join('\n') + '\n', headers: { 'Content-Type': 'text/csv' },
  });
  assert.equal(r.status, 200, r.text.slice(0, 500));
  assert.equal(r.body.created, N);
});

after(async () => { await s?.stop(); });

async function map(box) {
  const r = await s.api('GET', `/api/map?bbox=${box.join(',')}`, A);
  assert.equal(r.status, 200, r.text.slice(0, 500));
  return r.body;
}

test('a box of more than 20,000 features answers exactly 20,000, truncated', async () => {
  const fc = await map(BIG);
  assert.equal(fc.type, 'FeatureCollection');
  assert.equal(fc.features.length, CAP);
  assert.equal(fc.truncated, true);
  assert.deepEqual(fc.bbox, BIG);
  // Each one a marker of the box, none twice.
  assert.equal(new Set(fc.features.map((f) => f.id)).size, CAP);
  for (const f of fc.features) {
    assert.equal(f.properties.layer, 'markers');
    const [lon, lat] = f.geometry.coordinates;
    assert.ok(lon >= BIG[0] && lon <= BIG[2] && lat >= BIG[1] && lat <= BIG[3], JSON.stringify(f.geometry));
  }
});

test('a box within the cap answers every feature in it, without truncated', async () => {
  const inside = positions.filter(([lon, lat]) => lon >= SMALL[0] && lon <= SMALL[2] && lat >= SMALL[1] && lat <= SMALL[3]);
  assert.equal(inside.length, 11 * 21);
  const fc = await map(SMALL);
  assert.equal(fc.features.length, inside.length);
  assert.equal('truncated' in fc, false);
  const got = fc.features.map((f) => f.geometry.coordinates.slice(0, 2).join(',')).sort();
  assert.deepEqual(got, inside.map((p) => p.join(',')).sort());
});
