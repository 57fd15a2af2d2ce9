// registry_settings.test.mjs - the map's tile source set by an admin on
// the server (GET, PUT /api/settings/map): read by every user, set by an
// admin only, checked, audited, and stored nowhere when refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let s;
let A;  // admin (province)
let UA; // tinh.bdbp, unit_admin
let V;  // xem.khangchien, viewer

before(async () => {
  s = await startServer();
  A = { token: await s.login('admin') };
  UA = { token: await s.login('tinh.bdbp') };
  V = { token: await s.login('xem.khangchien') };
});

after(async () => { await s?.stop(); });

const put = (body, who = A) => s.api('PUT', '/api/settings/map', { ...who, body });

async function settingsAudit() {
  const r = await s.api('GET', '/api/audit?entity=settings', A);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

test('none set: every field null, for any user', async () => {
  for (const who of [A, UA, V]) {
    const r = await s.api('GET', '/api/settings/map', who);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { tiles: null, attribution: null, max_zoom: null, updated_by: null, updated_at: null });
  }
  assert.equal((await s.api('GET', '/api/settings/map')).status, 401);
});

test('an admin sets the tile source; everyone reads it; the change is audited once', async () => {
  const body = { tiles: '/tiles/{z}/{x}/{y}.png', attribution: '© Cục Bản đồ, <b>Bộ Quốc phòng</b>', max_zoom: 16 };
  const r = await put(body);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.tiles, body.tiles);
  assert.equal(r.body.attribution, body.attribution); // text, kept as given
  assert.equal(r.body.max_zoom, 16);
  assert.equal(r.body.updated_by, 'admin');
  assert.match(r.body.updated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const v = await s.api('GET', '/api/settings/map', V);
  assert.deepEqual(v.body, r.body);
  let audit = await settingsAudit();
  assert.equal(audit.length, 1);
  assert.equal(audit[0].entity_id, 'map');
  assert.equal(audit[0].action, 'create');
  assert.deepEqual(audit[0].after, { tiles: body.tiles, attribution: body.attribution, max_zoom: 16 });
  // The same again changes nothing and writes no audit row.
  assert.equal((await put(body)).status, 200);
  assert.equal((await settingsAudit()).length, 1);
  // A PMTiles archive, an absolute URL; fields left out are cleared.
  const p = await put({ tiles: 'https://bando.bienphong.vn/vn.pmtiles?v=2' });
  assert.equal(p.status, 200, p.text);
  assert.deepEqual([p.body.tiles, p.body.attribution, p.body.max_zoom], ['https://bando.bienphong.vn/vn.pmtiles?v=2', null, null]);
  audit = await settingsAudit();
  assert.equal(audit.length, 2);
  const upd = audit.find((a) => a.action === 'update');
  assert.equal(upd.before.tiles, body.tiles);
  assert.equal(upd.after.tiles, 'https://bando.bienphong.vn/vn.pmtiles?v=2');
  // null (or nothing) turns the tiles off again.
  const off = await put({ tiles: null });
  assert.equal(off.status, 200, off.text);
  assert.equal(off.body.tiles, null);
});

test('only an admin sets it; bad values are refused with a stable code, and nothing changes', async () => {
  const good = { tiles: 'http://127.0.0.1:8081/osm/{z}/{x}/{y}.png', attribution: 'OpenStreetMap', max_zoom: 19 };
  assert.equal((await put(good)).status, 200);
  const stored = (await s.api('GET', '/api/settings/map', A)).body;
  const auditBefore = (await settingsAudit()).length;
  for (const who of [UA, V]) {
    const r = await put({ tiles: '/tiles/{z}/{x}/{y}.png' }, who);
    assert.equal(r.status, 403, r.text);
    assert.equal(r.body.error.code, 'role_insufficient');
  }
  const bad = [
    [{ tiles: 'ftp://host/{z}/{x}/{y}.png' }, 'settings_tiles_invalid', 'tiles'],
    [{ tiles: 'javascript:alert(1)//{z}/{x}/{y}' }, 'settings_tiles_invalid', 'tiles'],
    [{ tiles: '//evil.example/{z}/{x}/{y}.png' }, 'settings_tiles_invalid', 'tiles'],
    [{ tiles: 'https:///{z}/{x}/{y}.png' }, 'settings_tiles_invalid', 'tiles'],
    [{ tiles: 'https://host/tiles/{z}/{x}.png' }, 'settings_tiles_invalid', 'tiles'],
    [{ tiles: 'https://host/{z}/{x}/{y}.png" onerror="x' }, 'settings_tiles_invalid', 'tiles'],
    [{ tiles: 'https://host/{z}/{x}/{y}/{token}.png' }, 'settings_tiles_invalid', 'tiles'],
    [{ tiles: 'https://host/map.mbtiles' }, 'settings_tiles_invalid', 'tiles'],
    [{ tiles: 'https://host/a b/{z}/{x}/{y}.png' }, 'settings_tiles_invalid', 'tiles'],
    [{ tiles: 42 }, 'field_type', 'tiles'],
    [{ tiles: `https://host/${'a'.repeat(2001)}/{z}/{x}/{y}` }, 'field_too_long', 'tiles'],
    [{ attribution: 'x'.repeat(501) }, 'field_too_long', 'attribution'],
    [{ attribution: 'hai\ndòng' }, 'field_type', 'attribution'],
    [{ max_zoom: 25 }, 'number_invalid', 'max_zoom'],
    [{ max_zoom: -1 }, 'number_invalid', 'max_zoom'],
    [{ max_zoom: 12.5 }, 'number_invalid', 'max_zoom'],
    [{ max_zoom: '12' }, 'number_invalid', 'max_zoom'],
    [{ colour: 'red' }, 'field_unknown', 'colour'],
  ];
  for (const [body, code, field] of bad) {
    const r = await put(body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.body.error.code, code, JSON.stringify(body));
    assert.equal(r.body.error.field, field, JSON.stringify(body));
    assert.ok(r.body.error.message_vi && r.body.error.message_en);
  }
  const notJson = await s.api('PUT', '/api/settings/map', { ...A, raw: '[1]', headers: { 'Content-Type': 'application/json' } });
  assert.equal(notJson.status, 400);
  assert.deepEqual((await s.api('GET', '/api/settings/map', A)).body, stored);
  assert.equal((await settingsAudit()).length, auditBefore);
});
