// registry_delete.test.mjs - DELETE of markers, segments, gates and roads:
// editor and up in scope, 204, audited with the record as it was; a marker
// that a segment ends at or an activity names stays (409 marker_in_use).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, ENGINE } from '../lib/server.mjs';

let s;
let A;   // the province admin
let BN;  // the editor of Đồn Biên phòng Bình Nghi
let XEM; // a viewer of the commune KHANGCHIEN, which Bình Nghi serves

before(async () => {
  s = await startServer();
  A = { token: await s.login('admin') };
  BN = { token: await s.login('don.binhnghi') };
  XEM = { token: await s.login('xem.khangchien') };
});

after(async () => { await s?.stop(); });

// Runs SQL on the test database (SQLite or PostgreSQL).
function sql(statement) {
  const r = ENGINE === 'sqlite'
    ? spawnSync('sqlite3', [s.db.replace(/^sqlite:/, ''), statement], { encoding: 'utf8' })
    : spawnSync('psql', [s.db, '-qAt', '-c', statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

async function create(layer, body, who = A) {
  const r = await s.api('POST', `/api/${layer}`, { ...who, body });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function auditOf(id) {
  const r = await s.api('GET', `/api/audit?entity_id=${id}`, A);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

let number = 8100;
const marker = (post = 'DBP-BINHNGHI', k = 0) => ({ border: 'VN-CN', number: String(number++), lon: 106.6012345 + k * 0.001, lat: 22.3012345 + k * 0.001, post });

test('a gate and a road: deleted by an editor of their unit, audited, gone', async () => {
  const gate = await create('gates', { name: 'Lối mở thử', kind: 'opening', border: 'VN-CN', lon: 106.61, lat: 22.31, unit: 'DBP-BINHNGHI' });
  const road = await create('roads', { name: 'Đường thử', kind: 'patrol', unit: 'DBP-BINHNGHI', geometry: [[106.61, 22.31], [106.62, 22.32]] });
  for (const [layer, rec] of [['gates', gate], ['roads', road]]) {
    // A viewer reads it and may not delete it.
    const v = await s.api('DELETE', `/api/${layer}/${rec.id}`, XEM);
    assert.equal(v.status, 403, v.text);
    const r = await s.api('DELETE', `/api/${layer}/${rec.id}`, BN);
    assert.equal(r.status, 204, r.text);
    assert.equal(r.text, '');
    const g = await s.api('GET', `/api/${layer}/${rec.id}`, A);
    assert.equal(g.status, 404);
    assert.equal(g.body.error.code, `${layer.slice(0, -1)}_not_found`);
    const audit = (await auditOf(rec.id)).filter((a) => a.action === 'delete');
    assert.equal(audit.length, 1);
    assert.equal(audit[0].actor, 'don.binhnghi');
    assert.equal(audit[0].after, null);
    assert.equal(audit[0].before.name, rec.name);
    assert.deepEqual(audit[0].before.unit, rec.unit);
    // Once more: there is nothing to delete.
    const again = await s.api('DELETE', `/api/${layer}/${rec.id}`, BN);
    assert.equal(again.status, 404, again.text);
  }
  const bad = await s.api('DELETE', '/api/gates/not-a-uuid', BN);
  assert.equal(bad.status, 404);
  assert.equal(bad.body.error.code, 'gate_not_found');
});

test('another post\'s records are not deleted, nor told apart from what the caller may not see', async () => {
  const gate = await create('gates', { name: 'Lối mở Ba Sơn', kind: 'opening', border: 'VN-CN', lon: 106.8, lat: 21.95, unit: 'DBP-BASON' });
  const m = await create('markers', marker('DBP-BASON', 50));
  for (const [layer, id] of [['gates', gate.id], ['markers', m.id]]) {
    const r = await s.api('DELETE', `/api/${layer}/${id}`, BN);
    assert.equal(r.status, 403, r.text);
    assert.equal(r.body.error.code, 'out_of_scope');
    assert.equal((await s.api('GET', `/api/${layer}/${id}`, A)).status, 200);
    assert.equal((await auditOf(id)).filter((a) => a.action === 'delete').length, 0);
  }
  // A commune reads its post's markers but deletes none.
  const own = await create('markers', marker('DBP-BINHNGHI', 51));
  const xa = { token: await s.login('xa.khangchien') };
  assert.equal((await s.api('GET', `/api/markers/${own.id}`, xa)).status, 200);
  const d = await s.api('DELETE', `/api/markers/${own.id}`, xa);
  assert.equal(d.status, 403, d.text);
});

test('a marker stays while a segment ends at it or an activity names it; then it goes with its histories', async () => {
  const from = await create('markers', marker('DBP-BINHNGHI', 1));
  const to = await create('markers', marker('DBP-BINHNGHI', 2));
  const c = await s.api('POST', `/api/markers/${from.id}/condition`, { ...BN, body: { condition: 'damaged', note: 'lũ' } });
  assert.equal(c.status, 201, c.text);
  const seg = await create('segments', { border: 'VN-CN', from: from.id, to: to.id, post: 'DBP-BINHNGHI' });
  for (const m of [from, to]) {
    const r = await s.api('DELETE', `/api/markers/${m.id}`, BN);
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.error.code, 'marker_in_use');
    assert.match(r.body.error.message_en, new RegExp(`Marker ${m.number} `));
    assert.equal((await s.api('GET', `/api/markers/${m.id}`, A)).status, 200);
  }
  const ds = await s.api('DELETE', `/api/segments/${seg.id}`, BN);
  assert.equal(ds.status, 204, ds.text);
  // An activity recorded at the marker holds it too.
  sql("INSERT INTO activity_types (code, name_vi, name_en, category, created_at, updated_at) VALUES" +
    " ('kiem_tra_moc_thu', 'Kiểm tra mốc', 'Marker inspection', 'security', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
  sql("INSERT INTO activities (id, type_code, unit_id, date_from, date_to, title, marker_id, created_by, created_at, updated_at)" +
    ` VALUES ('${crypto.randomUUID()}', 'kiem_tra_moc_thu', '${from.post.id}', '2026-01-05', '2026-01-05', 'Tuần tra mốc',` +
    ` '${from.id}', 'test', '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z')`);
  const held = await s.api('DELETE', `/api/markers/${from.id}`, BN);
  assert.equal(held.status, 409, held.text);
  assert.equal(held.body.error.code, 'marker_in_use');
  sql(`DELETE FROM activities WHERE marker_id = '${from.id}'`);
  const r = await s.api('DELETE', `/api/markers/${from.id}`, BN);
  assert.equal(r.status, 204, r.text);
  assert.equal((await s.api('GET', `/api/markers/${from.id}`, A)).status, 404);
  assert.equal(sql(`SELECT COUNT(*) FROM marker_conditions WHERE marker_id = '${from.id}'`), '0');
  assert.equal(sql(`SELECT COUNT(*) FROM marker_posts WHERE marker_id = '${from.id}'`), '0');
  // The audit row keeps the marker as it was, histories included.
  const audit = (await auditOf(from.id)).find((a) => a.action === 'delete');
  assert.equal(audit.before.number, from.number);
  assert.deepEqual(audit.before.conditions.map((x) => x.condition).sort(), ['damaged', 'good']);
  assert.equal(audit.before.posts[0].code, 'DBP-BINHNGHI');
  // Its number is free again.
  const again = await s.api('POST', '/api/markers', { ...BN, body: { ...marker('DBP-BINHNGHI', 3), number: from.number } });
  assert.equal(again.status, 201, again.text);
});
