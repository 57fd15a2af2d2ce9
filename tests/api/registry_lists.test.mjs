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
