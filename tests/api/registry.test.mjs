// registry.test.mjs - the border registry over HTTP: markers, segments,
// gates, roads and the map, against the real server with the demo's
// stretch of the Lạng Sơn border. Lists and their filters, the map's
// GeoJSON, writes retried with a client UUID, histories, and bad input
// answered with a stable code and nothing written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer } from '../lib/server.mjs';

let s;
let A;  // the province admin
let BN; // the editor of Đồn Biên phòng Bình Nghi

before(async () => {
  s = await startServer();
  A = { token: await s.login('admin') };
  BN = { token: await s.login('don.binhnghi') };
});

after(async () => { await s?.stop(); });

async function get(path, who = A) {
  const r = await s.api('GET', path, who);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.body;
}

// Everything a bad write could have left: rows of every layer and the audit log.
async function footprint() {
  const n = {};
  for (const layer of ['markers', 'segments', 'gates', 'roads']) {
    const b = await get(`/api/${layer}?limit=1000`);
    assert.equal(b.next_cursor, null);
    n[layer] = b.items.length;
  }
  n.audit = (await get('/api/audit?limit=1000')).items.length;
  return n;
}

const marker = (number, extra = {}) => ({ border: 'VN-CN', number, lon: 106.8012345, lat: 21.9512345, post: 'DBP-BASON', ...extra });

test('the demo stretch: markers in the line\'s order, filters by post, border, condition and box', async () => {
  const all = await get('/api/markers?limit=1000');
  assert.ok(all.items.length >= 80 && all.items.length <= 120, `${all.items.length} markers`);
  const hn = await get('/api/markers?unit=DBP-HUUNGHI&border=VN-CN&limit=1000');
  const numbers = hn.items.map((m) => m.number);
  assert.ok(numbers.indexOf('1116') >= 0 && numbers.indexOf('1116/1') === numbers.indexOf('1116') + 1
    && numbers.indexOf('1117') === numbers.indexOf('1116') + 2, numbers.join());
  assert.ok(hn.items.every((m) => m.post.code === 'DBP-HUUNGHI'));
  // Pages follow one another without a gap or a repeat.
  const paged = [];
  let cursor = null;
  do {
    const p = await get(`/api/markers?unit=DBP-HUUNGHI&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    paged.push(...p.items.map((m) => m.number));
    cursor = p.next_cursor;
  } while (cursor);
  assert.deepEqual(paged, numbers);
  const damaged = await get('/api/markers?condition=damaged');
  assert.deepEqual(damaged.items.map((m) => m.number), ['1180/1']);
  assert.deepEqual((await get('/api/markers?border=VN-LA')).items, []);
  const box = await get('/api/markers?bbox=106.70,21.95,106.75,22.05&limit=1000');
  assert.ok(box.items.length > 0);
  for (const m of box.items) assert.ok(m.lon >= 106.70 && m.lon <= 106.75 && m.lat >= 21.95 && m.lat <= 22.05);
  // Positions come back as stored, without binary noise.
  assert.ok(!/\d\.\d{8,}/.test(JSON.stringify(box.items.map((m) => [m.lon, m.lat]))));
  // The marker at Hữu Nghị, with its history: registered, damaged, repaired.
  const m1116 = hn.items.find((m) => m.number === '1116');
  const one = await get(`/api/markers/${m1116.id}`);
  assert.deepEqual(one.conditions.map((c) => c.condition), ['good', 'damaged', 'good']);
  assert.equal(one.posts[0].code, 'DBP-HUUNGHI');
  const gates = await get('/api/gates?limit=100');
  assert.deepEqual(gates.items.map((g) => g.name).sort(), ['Cửa khẩu chính Bình Nghi', 'Cửa khẩu chính Chi Ma',
    'Cửa khẩu chính Tân Thanh', 'Cửa khẩu quốc tế Hữu Nghị', 'Cửa khẩu quốc tế đường sắt Đồng Đăng']);
  const roads = await get('/api/roads?limit=100');
  assert.ok(roads.items.length >= 5 && roads.items.every((r) => r.length_km > 0));
  const segs = await get('/api/segments?limit=1000');
  assert.equal(segs.items.length, all.items.length - 1);
});

test('GET /api/map: one RFC 7946 FeatureCollection of the layers asked for, in the box', async () => {
  const r = await s.api('GET', '/api/map?bbox=106.60,21.90,106.80,22.10&layers=markers,segments,gates,roads', A);
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^application\/geo\+json; charset=utf-8/);
  const fc = r.body;
  assert.equal(fc.type, 'FeatureCollection');
  const layers = new Set(fc.features.map((f) => f.properties.layer));
  assert.deepEqual([...layers].sort(), ['gates', 'markers', 'roads', 'segments']);
  for (const f of fc.features) {
    assert.equal(f.type, 'Feature');
    assert.equal(f.id, f.properties.id);
    const pts = f.geometry.type === 'Point' ? [f.geometry.coordinates] : f.geometry.coordinates;
    assert.ok(['Point', 'LineString'].includes(f.geometry.type));
    if (f.geometry.type === 'LineString') assert.ok(pts.length >= 2);
    // [lon, lat]: longitudes near 106.7, latitudes near 22.
    for (const p of pts) assert.ok(p[0] > 105 && p[0] < 108 && p[1] > 21 && p[1] < 23, JSON.stringify(p));
  }
  const only = await get('/api/map?bbox=106.60,21.90,106.80,22.10&layers=gates');
  assert.ok(only.features.length >= 2 && only.features.every((f) => f.properties.layer === 'gates'));
  // A post sees its own stretch only.
  const mine = await get('/api/map', BN);
  assert.ok(mine.features.length > 0);
  for (const f of mine.features) assert.equal((f.properties.post ?? f.properties.unit).code, 'DBP-BINHNGHI');
});

test('markers: create, retry, PUT with a client UUID, PATCH, condition records', async () => {
  const id = randomUUID();
  let r = await s.api('POST', '/api/markers', { ...A, body: marker('2001', { id, elevation: 512.5 }) });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.id, id);
  assert.equal(r.body.lon, 106.8012345);
  const before = await footprint();
  r = await s.api('POST', '/api/markers', { ...A, body: marker('2001', { id, elevation: 512.5 }) });
  assert.equal(r.status, 200, 'a retried create answers with the stored marker');
  r = await s.api('POST', '/api/markers', { ...A, body: marker('2002', { id }) });
  assert.equal(r.status, 409);
  assert.equal(r.body.error.code, 'id_conflict');
  assert.deepEqual(await footprint(), before);

  const pid = randomUUID();
  r = await s.api('PUT', `/api/markers/${pid}`, { ...A, body: marker('2003', { type: 'secondary', built_by: 'joint', last_inspected: '2025-01-01' }) });
  assert.equal(r.status, 201, r.text);
  r = await s.api('PUT', `/api/markers/${pid}`, { ...A, body: marker('2003', { type: 'secondary', built_by: 'joint', last_inspected: '2025-01-01' }) });
  assert.equal(r.status, 200);
  r = await s.api('PUT', `/api/markers/${pid}`, { ...A, body: marker('2003', { type: 'mark', last_inspected: '2025-01-01' }) });
  assert.equal(r.status, 200);
  assert.equal(r.body.type, 'mark');
  assert.equal(r.body.built_by, null, 'PUT replaces: what is left out is cleared');
  r = await s.api('PATCH', `/api/markers/${pid}`, { ...A, body: { notes: 'Cạnh suối Pò Pheo', form: 'pair' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.notes, 'Cạnh suối Pò Pheo');
  assert.equal(r.body.type, 'mark');
  r = await s.api('PATCH', `/api/markers/${pid}`, { ...A, body: { condition: 'lost' } });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'marker_condition_patch');
  r = await s.api('PATCH', `/api/markers/${randomUUID()}`, { ...A, body: { notes: 'x' } });
  assert.equal(r.status, 404);
  assert.equal(r.body.error.code, 'marker_not_found');

  const rec = { id: randomUUID(), condition: 'damaged', date: '2025-09-10', note: 'Sạt lở' };
  r = await s.api('POST', `/api/markers/${pid}/condition`, { ...A, body: rec });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.condition, 'damaged');
  assert.equal(r.body.conditions.length, 2);
  r = await s.api('POST', `/api/markers/${pid}/condition`, { ...A, body: rec });
  assert.equal(r.status, 200, 'the same record again is stored once');
  assert.equal(r.body.conditions.length, 2);
  r = await s.api('POST', `/api/markers/${pid}/condition`, { ...A, body: { ...rec, condition: 'good' } });
  assert.equal(r.status, 409);
  const audit = await get(`/api/audit?limit=1000&entity_id=${pid}`);
  assert.deepEqual(audit.items.map((a) => a.action).sort(), ['condition', 'create', 'update', 'update']);
});

test('segments, gates and roads: lengths are computed, PUT is idempotent', async () => {
  const hn = await get('/api/markers?unit=DBP-HUUNGHI&limit=1000');
  const [a, b] = hn.items.slice(0, 2);
  const sid = randomUUID();
  const seg = { border: 'VN-CN', from: a.number, to: b.id, kind: 'river', post: 'DBP-HUUNGHI' };
  let r = await s.api('PUT', `/api/segments/${sid}`, { ...A, body: seg });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.body.geometry.coordinates, [[a.lon, a.lat], [b.lon, b.lat]]);
  assert.ok(r.body.length_km > 0);
  assert.equal(r.body.from.number, a.number);
  r = await s.api('PUT', `/api/segments/${sid}`, { ...A, body: seg });
  assert.equal(r.status, 200);
  r = await s.api('PATCH', `/api/segments/${sid}`, { ...A, body: { kind: 'land' } });
  assert.equal(r.status, 200);
  assert.equal(r.body.kind, 'land');

  const gid = randomUUID();
  const gate = { name: 'Lối mở Cốc Nam', kind: 'opening', border: 'VN-CN', lon: 106.74, lat: 21.99, unit: 'DBP-HUUNGHI' };
  r = await s.api('PUT', `/api/gates/${gid}`, { ...A, body: gate });
  assert.equal(r.status, 201, r.text);
  r = await s.api('PUT', `/api/gates/${gid}`, { ...A, body: gate });
  assert.equal(r.status, 200);
  r = await s.api('GET', `/api/gates/${gid}`, A);
  assert.equal(r.body.unit.code, 'DBP-HUUNGHI');

  const road = { name: 'Đường tuần tra thử', kind: 'patrol', unit: 'MAUSON', cost_vnd: 2500000000, workdays: 410.5,
    geometry: { type: 'LineString', coordinates: [[106.70, 22.00], [106.71, 22.00], [106.71, 22.01]] } };
  r = await s.api('POST', '/api/roads', { ...A, body: road });
  assert.equal(r.status, 201, r.text);
  // 1.0318 km east along 22 N, then 1.1066 km north (WGS84).
  assert.ok(Math.abs(r.body.length_km - 2.139) < 0.002, `${r.body.length_km}`);
  assert.equal(r.body.cost_vnd, 2500000000);
  const rid = r.body.id;
  r = await s.api('PATCH', `/api/roads/${rid}`, { ...A, body: { condition: 'damaged' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.condition, 'damaged');
  assert.ok(Math.abs(r.body.length_km - 2.139) < 0.002);
  const damaged = await get('/api/roads?condition=damaged&limit=100');
  assert.ok(damaged.items.some((x) => x.id === rid));
});

test('bad input: a clear 4xx with a stable code, and nothing written', async () => {
  const before = await footprint();
  const line = (coordinates) => ({ name: 'x', kind: 'patrol', unit: 'MAUSON', geometry: coordinates });
  const cases = [
    ['POST', '/api/markers', marker('3001', { lon: 21.95, lat: 106.80 }), 400, 'coord_swapped'],
    ['POST', '/api/markers', marker('3001', { lon: 121.47, lat: 31.23 }), 400, 'coord_outside_region'],
    ['POST', '/api/markers', marker('1116'), 409, 'marker_number_taken'],
    ['POST', '/api/markers', marker('11a6'), 400, 'marker_number_invalid'],
    ['POST', '/api/markers', marker('3001', { colour: 'đỏ' }), 400, 'field_unknown'],
    ['POST', '/api/markers', marker('3001', { lon: '106.8' }), 400, 'field_type'],
    ['POST', '/api/markers', marker('3001', { last_inspected: '2025-02-30' }), 400, 'date_invalid'],
    ['POST', '/api/markers', marker('3001', { border: 'VN-TH' }), 400, 'border_invalid'],
    ['POST', '/api/markers', marker('3001', { condition: 'broken' }), 400, 'enum_invalid'],
    ['POST', '/api/markers', marker('3001', { post: 'MAUSON' }), 400, 'unit_not_post'],
    ['POST', '/api/markers', marker('3001', { post: 'NO-SUCH-POST' }), 404, 'unit_not_found'],
    ['POST', '/api/roads', line([]), 400, 'geom_line_short'],
    ['POST', '/api/roads', line([[106.7, 22.0]]), 400, 'geom_line_short'],
    ['POST', '/api/roads', line([[106.7, 22.0], [106.7, 22.0]]), 400, 'line_degenerate'],
    ['POST', '/api/roads', line([[22.0, 106.7], [22.01, 106.71]]), 400, 'coord_swapped'],
    ['POST', '/api/roads', line({ type: 'Point', coordinates: [106.7, 22.0] }), 400, 'geometry_invalid'],
    ['POST', '/api/roads', { ...line([[106.7, 22.0], [106.71, 22.0]]), length_km: 3 }, 400, 'field_unknown'],
    ['POST', '/api/roads', { ...line([[106.7, 22.0], [106.71, 22.0]]), cost_vnd: 1.5 }, 400, 'number_invalid'],
    ['POST', '/api/roads', { ...line([[106.7, 22.0], [106.71, 22.0]]), built: '2099-01-01' }, 400, 'date_future'],
    ['POST', '/api/segments', { border: 'VN-CN', from: '1116', to: '1116', post: 'DBP-HUUNGHI' }, 400, 'segment_same_marker'],
    ['POST', '/api/segments', { border: 'VN-CN', from: '1116', to: '99999', post: 'DBP-HUUNGHI' }, 404, 'marker_not_found'],
    ['POST', '/api/gates', { name: 'x', kind: 'tunnel', border: 'VN-CN', lon: 106.7, lat: 22, unit: 'DBP-HUUNGHI' }, 400, 'enum_invalid'],
    ['PUT', '/api/markers/not-a-uuid', marker('3001'), 400, 'id_invalid'],
    ['GET', '/api/markers?bbox=106.8,21.9,106.7,22.0', undefined, 400, 'bbox_invalid'],
    ['GET', '/api/markers?bbox=a,b,c,d', undefined, 400, 'bbox_invalid'],
    ['GET', '/api/map?layers=markers,forts', undefined, 400, 'layers_invalid'],
    ['GET', '/api/markers?border=VN-XX', undefined, 400, 'border_invalid'],
    ['GET', '/api/markers?limit=5000', undefined, 400, 'limit_invalid'],
    ['GET', `/api/markers/${randomUUID()}`, undefined, 404, 'marker_not_found'],
  ];
  const bad = [];
  for (const [method, path, body, status, code] of cases) {
    const r = await s.api(method, path, { ...A, body });
    if (r.status !== status || r.body?.error?.code !== code || !r.body.error.message_vi || !r.body.error.message_en)
      bad.push(`${method} ${path} ${JSON.stringify(body)} -> ${r.status} ${r.text.slice(0, 160)} (want ${status} ${code})`);
  }
  assert.deepEqual(bad, []);
  // A body that is not JSON at all.
  const r = await s.api('POST', '/api/markers', { ...A, raw: '{"number": ', headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'bad_json');
  assert.deepEqual(await footprint(), before);
});

test('a post sees and changes only its own stretch', async () => {
  const others = await get('/api/markers?unit=DBP-HUUNGHI&limit=1');
  const theirs = others.items[0];
  let r = await s.api('GET', `/api/markers/${theirs.id}`, BN);
  assert.equal(r.status, 403);
  assert.equal(r.body.error.code, 'out_of_scope');
  r = await s.api('PATCH', `/api/markers/${theirs.id}`, { ...BN, body: { notes: 'x' } });
  assert.equal(r.status, 403);
  r = await s.api('PUT', `/api/markers/${theirs.id}`, { ...BN, body: { ...marker(theirs.number), post: 'DBP-BINHNGHI' } });
  assert.equal(r.status, 403, 'moving another post\'s marker to ours');
  r = await s.api('GET', '/api/markers?unit=DBP-HUUNGHI', BN);
  assert.equal(r.status, 403);
  const mine = await get('/api/markers?limit=1000', BN);
  assert.ok(mine.items.length > 0 && mine.items.every((m) => m.post.code === 'DBP-BINHNGHI'));
  r = await s.api('POST', '/api/markers', { ...BN, body: marker('4001', { post: 'DBP-BINHNGHI', lon: 106.6, lat: 22.3 }) });
  assert.equal(r.status, 201, r.text);
  r = await s.api('POST', `/api/markers/${r.body.id}/condition`, { ...BN, body: { condition: 'damaged' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.last_inspected, r.body.conditions[0].date);
});
