// registry_lists.test.mjs - the border registry's lists: cursors that are
// not this list's are refused, not answered with an empty page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let s;
let A; // the province admin

before(async () => {
  s = await startServer();
  A = { token: await s.login('admin') };
});

after(async () => { await s?.stop(); });

async function get(path, who = A) {
  const r = await s.api('GET', path, who);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.body;
}

test('a cursor that no page handed out is 400 cursor_invalid, on every layer', async () => {
  const bad = {
    markers: ['zzz', 'VN-CN', 'VN-CN 1116', 'VN-XX 01116', 'VN-CN 01116/1', 'VN-CN 01116/001/002/003',
      'VN-CN 01116x', 'VN-CN 01116/', ' VN-CN 01116', 'VN-CN 01116/123456', '00000000-0000-4000-8000-000000000000'],
    segments: ['zzz', 'VN-CN 01116', '00000000-0000-4000-8000-00000000000', '00000000-0000-4000-8000-00000000000G',
      'ZZZZZZZZ-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000000x'],
  };
  bad.gates = bad.segments;
  bad.roads = bad.segments;
  for (const [layer, cursors] of Object.entries(bad)) {
    for (const cursor of cursors) {
      const r = await s.api('GET', `/api/${layer}?cursor=${encodeURIComponent(cursor)}`, A);
      assert.equal(r.status, 400, `${layer} ${JSON.stringify(cursor)}: ${r.text}`);
      assert.equal(r.body.error.code, 'cursor_invalid');
      assert.equal(r.body.error.field, 'cursor');
      assert.ok(r.body.error.message_vi && r.body.error.message_en);
    }
  }
});

test('the cursors the lists hand out page through them, sub-markers included', async () => {
  for (const layer of ['markers', 'segments', 'gates', 'roads']) {
    const all = (await get(`/api/${layer}?limit=1000`)).items.map((x) => x.id);
    const paged = [];
    let cursor = null;
    do {
      const p = await get(`/api/${layer}?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      paged.push(...p.items.map((x) => x.id));
      cursor = p.next_cursor;
    } while (cursor);
    assert.deepEqual(paged, all, layer);
  }
  // Keys with one and two sub-numbers, and five-digit parts, are cursors too.
  for (const cursor of ['VN-CN 01116', 'VN-CN 01116/001', 'VN-LA 99999/12345/001', 'VN-KH 00001'])
    await get(`/api/markers?cursor=${encodeURIComponent(cursor)}`);
  const after1116 = await get(`/api/markers?border=VN-CN&limit=1&cursor=${encodeURIComponent('VN-CN 01116')}`);
  assert.equal(after1116.items[0].number, '1116/1');
  // A well-formed id of no record (one deleted since the page before) goes on after it.
  const roads = (await get('/api/roads?limit=1000')).items;
  const r = await get(`/api/roads?cursor=00000000-0000-4000-8000-000000000000&limit=1000`);
  assert.equal(r.items.length, roads.length);
});

test('the map names each record\'s unit as the lists do: {id, code, name}', async () => {
  const fc = await get('/api/map?bbox=106.0,21.5,107.5,22.6');
  const lists = {};
  for (const layer of ['markers', 'segments', 'gates', 'roads'])
    lists[layer] = new Map((await get(`/api/${layer}?limit=1000`)).items.map((x) => [x.id, x]));
  const seen = new Set();
  for (const f of fc.features) {
    const p = f.properties;
    const key = p.layer === 'markers' || p.layer === 'segments' ? 'post' : 'unit';
    const rec = lists[p.layer].get(f.id);
    assert.ok(rec, `${p.layer} ${f.id} is in its list`);
    assert.deepEqual(p[key], { id: rec[key].id, code: rec[key].code, name: rec[key].name }, `${p.layer} ${f.id}`);
    seen.add(p.layer);
  }
  assert.deepEqual([...seen].sort(), ['gates', 'markers', 'roads', 'segments']);
  // A file still names the unit by its code.
  const e = await s.api('GET', '/api/export/gates', A);
  for (const f of e.body.features) assert.equal(typeof f.properties.unit, 'string');
});

test('a commune reads the gates and roads of the posts that answer for it, as their markers, and no other post\'s', async () => {
  const mk = async (layer, body) => {
    const r = await s.api('POST', `/api/${layer}`, { ...A, body });
    assert.equal(r.status, 201, r.text);
    return r.body.id;
  };
  // Bình Nghi and Pò Mã answer for KHANGCHIEN; Ba Sơn does not.
  const ids = {
    gateBN: await mk('gates', { name: 'Lối mở Bình Nghi thử', kind: 'opening', border: 'VN-CN', lon: 106.61, lat: 22.31, unit: 'DBP-BINHNGHI' }),
    roadBN: await mk('roads', { name: 'Đường tuần tra Bình Nghi thử', kind: 'patrol', unit: 'DBP-BINHNGHI', geometry: [[106.61, 22.31], [106.62, 22.32]] }),
    gateBS: await mk('gates', { name: 'Lối mở Ba Sơn thử', kind: 'opening', border: 'VN-CN', lon: 106.8, lat: 21.95, unit: 'DBP-BASON' }),
    roadBS: await mk('roads', { name: 'Đường tuần tra Ba Sơn thử', kind: 'patrol', unit: 'DBP-BASON', geometry: [[106.8, 21.95], [106.81, 21.96]] }),
  };
  for (const username of ['xem.khangchien', 'xa.khangchien']) {
    const X = { token: await s.login(username) };
    for (const layer of ['gates', 'roads']) {
      const list = (await get(`/api/${layer}?limit=1000`, X)).items;
      const codes = new Set(list.map((x) => x.unit.code));
      assert.ok(list.some((x) => x.id === ids[`${layer.slice(0, 4)}BN`]), `${username}: Bình Nghi's ${layer}`);
      assert.ok(!list.some((x) => x.id === ids[`${layer.slice(0, 4)}BS`]), `${username}: Ba Sơn's ${layer}`);
      for (const c of codes) assert.ok(c === 'DBP-BINHNGHI' || c === 'DBP-POMA' || c === 'KHANGCHIEN' || c.startsWith('KHANGCHIEN-') || c.startsWith('TD-'), c);
      assert.equal((await s.api('GET', `/api/${layer}/${ids[`${layer.slice(0, 4)}BN`]}`, X)).status, 200);
      const other = await s.api('GET', `/api/${layer}/${ids[`${layer.slice(0, 4)}BS`]}`, X);
      assert.equal(other.status, 403, other.text);
      assert.equal(other.body.error.code, 'out_of_scope');
      // Read, not written.
      const w = await s.api('PATCH', `/api/${layer}/${ids[`${layer.slice(0, 4)}BN`]}`, { ...X, body: { notes: 'xã sửa' } });
      assert.equal(w.status, 403, w.text);
    }
    const fc = await get('/api/map?bbox=106.0,21.5,107.5,22.6&layers=gates,roads', X);
    const onMap = new Set(fc.features.map((f) => f.id));
    assert.ok(onMap.has(ids.gateBN) && onMap.has(ids.roadBN), `${username}: Bình Nghi's on the map`);
    assert.ok(!onMap.has(ids.gateBS) && !onMap.has(ids.roadBS), `${username}: Ba Sơn's not on the map`);
  }
  // A post keeps to its own scope: Bình Nghi does not read Ba Sơn's.
  const BN = { token: await s.login('don.binhnghi') };
  assert.equal((await s.api('GET', `/api/gates/${ids.gateBS}`, BN)).status, 403);
  assert.ok(!(await get('/api/roads?limit=1000', BN)).items.some((x) => x.id === ids.roadBS));
});
