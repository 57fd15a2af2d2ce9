// stocks.test.mjs - GET /api/stocks against hand-counted fixtures: a
// commune of its own (T-XA, with a village) served by a post of its own
// (T-DON) with three segments and four markers, so that every figure of
// the demo stays out of the count. Registrations that end the day before,
// end on the day, start the day after; overlapping stretches; a group
// dissolved on the day; members who left or have not joined yet; a
// twinning ended; and two communes merged into one, whose stocks before
// the merge are the merged one's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let s;
let A;
const D = '2023-12-31';
const seg = [];   // T-DON's segments s1..s3
const mk = [];    // markers m1..m4
const hh = {};

async function ok(method, path, body, status = 201) {
  const r = await s.api(method, path, { ...A, body });
  assert.equal(r.status, status, `${method} ${path}: ${r.text}`);
  return r.body;
}

const km = (x) => Math.round(x * 1000) / 1000;

before(async () => {
  s = await startServer();
  A = { token: await s.login('admin') };
  await ok('POST', '/api/units', { code: 'T-XA', kind: 'commune', name: 'Xã Thử', parent: 'LS', valid_from: '2015-01-01' });
  await ok('POST', '/api/units', { code: 'T-XA-BAN', kind: 'village', name: 'Bản Thử', parent: 'T-XA', valid_from: '2015-01-01' });
  await ok('POST', '/api/units', { code: 'T-DON', kind: 'border_post', name: 'Đồn Thử', parent: 'BANBDBP-LS', valid_from: '2025-07-01' });
  await ok('POST', '/api/units/T-DON/communes', { commune: 'T-XA', valid_from: '2025-07-01' });
  // Four markers on a line near Đình Lập: m3 is secondary.
  for (let i = 0; i < 4; i++)
    mk.push(await ok('POST', '/api/markers', { border: 'VN-CN', number: String(8001 + i), type: i === 2 ? 'secondary' : 'main',
      lon: 107.25 + i * 0.02, lat: 21.70 + i * 0.01, post: 'T-DON' }));
  for (let i = 0; i < 3; i++)
    seg.push(await ok('POST', '/api/segments', { border: 'VN-CN', from: mk[i].id, to: mk[i + 1].id, post: 'T-DON' }));
  assert.ok(seg.every((x) => x.length_km > 1.5), 'segments too short for the fixtures');

  const house = async (key, kind, people, unit = 'T-XA-BAN', extra = {}) => {
    hh[key] = (await ok('POST', '/api/households', { kind, name: `Hộ ${key}`, unit, people, ...extra })).id;
  };
  const reg = (key, date_from, date_to, segments = [], markers = []) =>
    ok('POST', '/api/registrations', { household: hh[key], post: 'T-DON', date_from, date_to, segments, markers });
  await house('h1', 'household', 4);
  await house('h2', 'household', 6, 'T-XA', { village_name: 'Bản Ngoài Cây' });
  await house('h3', 'household', 3);
  await house('h4', 'household', 2);
  await house('h5', 'household', 7);            // never registered
  await house('c1', 'collective', 20);
  await reg('h1', '2023-01-01', D, [seg[0].id], [mk[0].id, mk[1].id]);              // ends on the day: counted
  await reg('h2', '2022-01-01', null, [{ id: seg[0].id, km: 0.5 }, { id: seg[1].id, km: 1 }], [mk[1].id, mk[2].id]);
  await reg('h2', '2023-07-01', null, [{ id: seg[2].id, km: 0.2 }]);                 // a second one: the household once
  await reg('h3', '2023-01-01', '2023-12-30', [seg[1].id], [mk[3].id]);              // ended the day before
  await reg('h4', '2024-01-01', null, [seg[1].id], [mk[3].id]);                      // starts the day after
  await reg('c1', '2023-06-01', null, [seg[2].id], [mk[3].id]);

  await ok('POST', '/api/groups', { kind: 'tu_quan_antt', name: 'Tổ tự quản ANTT Bản Thử', unit: 'T-XA-BAN', founded: '2020-01-01',
    members: [{ name: 'A', role: 'leader' }, { name: 'B', date_to: D }, { name: 'C', date_to: '2023-06-30' }, { name: 'D', date_from: '2024-01-01' }] });
  await ok('POST', '/api/groups', { kind: 'tu_quan_antt', name: 'Tổ giải thể', unit: 'T-XA', founded: '2020-01-01', dissolved: D,
    members: [{ name: 'E' }] });
  await ok('POST', '/api/groups', { kind: 'bao_ve_antt', name: 'Tổ bảo vệ ANTT Xã Thử', unit: 'T-XA', founded: '2024-07-01',
    members: [{ name: 'F' }, { name: 'G' }] });
  await ok('POST', '/api/twinnings', { unit: 'T-XA-BAN', other_name: 'Thôn Nà Lầu', other_country: 'CN', signed: '2019-03-01' });
  await ok('POST', '/api/twinnings', { unit: 'T-XA', other_name: 'Thôn Bản Khoang', other_country: 'CN', signed: '2015-03-01', ended: '2023-06-01' });
  await ok('POST', '/api/twinnings', { unit: 'T-XA', other_name: 'Thôn Pò Hà', other_country: 'CN', signed: '2024-03-03' });
});

after(async () => { await s?.stop(); });

test('stocks of a commune as of a date: every figure hand-counted', async () => {
  const st = await ok('GET', `/api/stocks?unit=T-XA&date=${D}`, undefined, 200);
  const [l1, l2, l3] = seg.map((x) => x.length_km);
  assert.equal(st.unit.code, 'T-XA');
  assert.equal(st.date, D);
  assert.equal(st.collectives, 1);
  assert.equal(st.households, 2);                 // h1 (ends on the day), h2 (twice registered); not h3, h4, h5
  assert.equal(st.people, 10);                    // 4 + 6
  assert.equal(st.km_registered, km(l1 + 0.5 + 1 + 0.2 + l3));
  assert.equal(st.km, km(l1 + 1 + l3));           // s1 twice, s3 twice: each counted up to its length
  assert.equal(st.line_km, km(l1 + l2 + l3));
  assert.equal(st.km_share_percent, Math.round(10000 * km(l1 + 1 + l3) / km(l1 + l2 + l3)) / 100);
  assert.deepEqual(st.markers, { total: 4, main: 3, secondary: 1 });
  assert.deepEqual(st.groups.tu_quan_antt, { groups: 1, members: 2 }); // A, B; not C (left), D (not yet); the other dissolved on the day
  assert.deepEqual(st.groups.bao_ve_antt, { groups: 0, members: 0 });
  assert.deepEqual(st.groups.total, { groups: 1, members: 2 });
  assert.equal(st.twinnings, 1);
});

test('the same fixtures on another day, and from the village and the post', async () => {
  const st = await ok('GET', '/api/stocks?unit=T-XA&date=2024-08-01', undefined, 200);
  assert.equal(st.households, 2);                 // h2, h4
  assert.equal(st.people, 8);
  assert.equal(st.collectives, 1);
  assert.deepEqual(st.groups.tu_quan_antt, { groups: 1, members: 2 }); // A, D
  assert.deepEqual(st.groups.bao_ve_antt, { groups: 1, members: 2 });
  assert.equal(st.twinnings, 2);
  const v = await ok('GET', `/api/stocks?unit=T-XA-BAN&date=${D}`, undefined, 200);
  assert.equal(v.households, 1);                  // h1 only: h2 is in the commune, not the village
  assert.equal(v.collectives, 1);
  assert.equal(v.people, 4);
  assert.equal(v.twinnings, 1);
  const before = await ok('GET', '/api/stocks?unit=T-XA&date=2019-01-01', undefined, 200);
  assert.equal(before.households + before.collectives + before.markers.total + before.groups.total.groups, 0);
});

test('the markers on 2024-08-01 are those of h2, h4 and c1', async () => {
  // h2: m2 (main) m3 (secondary); h4, c1: m4 (main). m1 was h1's alone.
  const st = await ok('GET', '/api/stocks?unit=T-XA&date=2024-08-01', undefined, 200);
  assert.deepEqual(st.markers, { total: 3, main: 2, secondary: 1 });
});

test('communes merged into one: their stocks before the merge are its own', async () => {
  await ok('POST', '/api/units', { code: 'T-A', kind: 'commune', name: 'Xã A', parent: 'LS', valid_from: '2015-01-01' });
  await ok('POST', '/api/units', { code: 'T-B', kind: 'commune', name: 'Xã B', parent: 'LS', valid_from: '2015-01-01' });
  for (const [unit, people] of [['T-A', 3], ['T-B', 5]]) {
    const h = await ok('POST', '/api/households', { kind: 'household', name: `Hộ ${unit}`, unit, people });
    await ok('POST', '/api/registrations', { household: h.id, post: 'T-DON', date_from: '2022-01-01', segments: [seg[0].id] });
  }
  await ok('POST', '/api/units/merge', { sources: ['T-A', 'T-B'], target: { code: 'T-AB', kind: 'commune', name: 'Xã AB', parent: 'LS' }, date: '2026-01-01' }, 200);
  const st = await ok('GET', '/api/stocks?unit=T-AB&date=2023-06-01', undefined, 200);
  assert.equal(st.households, 2);
  assert.equal(st.people, 8);
  assert.equal(st.km, seg[0].length_km);
  // A household recorded under the merged commune, registered before it existed:
  // the province's stocks of 2023 count it.
  const lsBefore = await ok('GET', '/api/stocks?unit=LS&date=2023-06-01', undefined, 200);
  const h = await ok('POST', '/api/households', { kind: 'household', name: 'Hộ AB', unit: 'T-AB', people: 4 });
  await ok('POST', '/api/registrations', { household: h.id, post: 'T-DON', date_from: '2023-01-01', segments: [seg[1].id] });
  const ab = await ok('GET', '/api/stocks?unit=T-AB&date=2023-06-01', undefined, 200);
  assert.equal(ab.households, 3);
  assert.equal(ab.people, 12);
  const a = await ok('GET', '/api/stocks?unit=T-A&date=2023-06-01', undefined, 200);
  assert.equal(a.households, 1, 'a merged commune counts only its own');
  const ls = await ok('GET', '/api/stocks?unit=LS&date=2023-06-01', undefined, 200);
  assert.equal(ls.households - lsBefore.households, 1);
  assert.equal(ls.people - lsBefore.people, 4);
  assert.ok(ls.households >= 2 + 2 && ls.line_km >= km(seg.reduce((a, x) => a + x.length_km, 0)));
});

test('stocks: scope and bad input', async () => {
  const ms = { token: await s.login('xa.mauson') };
  const r = await s.api('GET', `/api/stocks?unit=T-XA&date=${D}`, ms);
  assert.equal(r.status, 403);
  assert.equal(r.body.error.code, 'out_of_scope');
  const own = await s.api('GET', `/api/stocks?date=${D}`, ms);
  assert.equal(own.status, 200);
  assert.equal(own.body.unit.code, 'MAUSON');
  for (const [q, status, code] of [['unit=T-XA&date=2023-02-30', 400, 'date_invalid'], ['unit=NOPE&date=2023-01-01', 404, 'unit_not_found']]) {
    const b = await s.api('GET', `/api/stocks?${q}`, A);
    assert.equal(b.status, status, b.text);
    assert.equal(b.body.error.code, code);
  }
});
