// activities.test.mjs - activities over HTTP: the JSON shape of
// docs/participation.md, writes retried with a client id, PATCH and
// DELETE, the list's filters and cursor, the scope of a commune's users,
// and bad input answered with a stable code, its field, and nothing
// written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer } from '../lib/server.mjs';

let s;
let A;   // the province admin
let KC;  // the editor of xã Kháng Chiến
let KV;  // a viewer of xã Kháng Chiến
let MS;  // the unit admin of xã Mẫu Sơn

before(async () => {
  s = await startServer();
  A = { token: await s.login('admin') };
  KC = { token: await s.login('xa.khangchien') };
  KV = { token: await s.login('xem.khangchien') };
  MS = { token: await s.login('xa.mauson') };
});

after(async () => { await s?.stop(); });

const outreach = (over = {}) => ({ type: 'tuyen_truyen', unit: 'TD-QUOCKHANH', date_from: '2023-03-03',
  title: 'Tuyên truyền Luật Biên phòng tại thôn Nà Pán', values: { buoi: 1, luot_nguoi: 120 }, ...over });

async function auditCount() {
  const r = await s.api('GET', '/api/audit?limit=1000', A);
  return r.body.items.length;
}

test('an activity as docs/participation.md shows it; a PUT sent twice stores once', async () => {
  const id = randomUUID();
  const body = outreach({ date_to: '2023-03-04', notes: 'Phối hợp Đồn Biên phòng Bình Nghi', lon: 106.62, lat: 22.31,
    organisers: ['DBP-BINHNGHI'], participants: ['TD-QUOCKHANH'] });
  let r = await s.api('PUT', `/api/activities/${id}`, { ...KC, body });
  assert.equal(r.status, 201, r.text);
  const a = r.body;
  assert.equal(a.id, id);
  assert.deepEqual(a.type, { code: 'tuyen_truyen', name_vi: 'Tuyên truyền tập trung', name_en: 'Outreach session' });
  assert.equal(a.unit.code, 'TD-QUOCKHANH');
  assert.equal(a.unit.name, 'Xã Quốc Khánh');
  assert.deepEqual(a.place, { lon: 106.62, lat: 22.31 });
  assert.equal(a.marker, null);
  assert.deepEqual(a.organisers.map((u) => u.code), ['DBP-BINHNGHI']);
  assert.deepEqual(a.participants.map((u) => u.code), ['TD-QUOCKHANH']);
  assert.deepEqual(a.values, { buoi: 1, luot_nguoi: 120 });
  assert.equal(a.created_by, 'xa.khangchien');
  const audits = await auditCount();
  r = await s.api('PUT', `/api/activities/${id}`, { ...KC, body });
  assert.equal(r.status, 200, r.text);
  assert.equal(await auditCount(), audits, 'a repeat wrote an audit row');
  r = await s.api('GET', `/api/activities/${id}`, KV);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.values, a.values);
  // POST with the same id: a retry answers the stored one; other content clashes.
  r = await s.api('POST', '/api/activities', { ...KC, body: { ...body, id } });
  assert.equal(r.status, 200);
  r = await s.api('POST', '/api/activities', { ...KC, body: { ...body, id, title: 'Khác' } });
  assert.equal(r.status, 409);
  assert.equal(r.body.error.code, 'id_conflict');
  // PATCH: what it says changes; the rest stays.
  r = await s.api('PATCH', `/api/activities/${id}`, { ...KC, body: { values: { buoi: 2, luot_nguoi: 250 }, place: null } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.values, { buoi: 2, luot_nguoi: 250 });
  assert.equal(r.body.place, null);
  assert.equal(r.body.notes, 'Phối hợp Đồn Biên phòng Bình Nghi');
  // A decimal indicator keeps its thousandths exactly.
  r = await s.api('POST', '/api/activities', { ...KC, body: { type: 'phat_quang_tu_sua', unit: 'TD-QUOCKHANH', date_from: '2023-04-01',
    title: 'Phát quang đường tuần tra', values: { lan: 1, luot_nguoi: 12, km: 70.5, ngay_cong: '12,25' } } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.body.values, { lan: 1, luot_nguoi: 12, km: 70.5, ngay_cong: 12.25 });
  // DELETE, audited; gone after.
  const before = await auditCount();
  r = await s.api('DELETE', `/api/activities/${r.body.id}`, KC);
  assert.equal(r.status, 204);
  assert.equal(await auditCount(), before + 1);
});

test('bad activities: a stable code and field, nothing written', async () => {
  const before = await auditCount();
  const cases = [
    [{ values: { buoi: 1, luot_nguoi: 10, km: 3 } }, 400, 'indicator_not_in_type', 'km'],
    [{ values: { buoi: 1 } }, 400, 'indicator_required', 'luot_nguoi'],
    [{ values: { buoi: -1, luot_nguoi: 10 } }, 400, 'value_negative', 'buoi'],
    [{ values: { buoi: 1.5, luot_nguoi: 10 } }, 400, 'value_not_integer', 'buoi'],
    [{ values: { buoi: 1, luot_nguoi: '14.000' } }, 400, 'value_ambiguous', 'luot_nguoi'],
    [{ values: { buoi: 1, luot_nguoi: 'nhiều' } }, 400, 'value_invalid', 'luot_nguoi'],
    [{ values: { buoi: 1, luot_nguoi: 10, xyz: 1 } }, 400, 'indicator_unknown', 'xyz'],
    [{ date_to: '2023-03-01' }, 400, 'activity_dates', 'date_to'],
    [{ date_from: '3/3/2023' }, 400, 'date_invalid', 'date_from'],
    [{ date_from: '2023-03-03T10:00' }, 400, 'date_invalid', 'date_from'],
    [{ type: 'bong_da' }, 400, 'activity_type_unknown', 'type'],
    [{ unit: 'NOPE' }, 404, 'unit_not_found', 'unit'],
    [{ unit: 'KHANGCHIEN' }, 400, 'unit_not_valid_at', 'unit'],
    [{ marker: randomUUID() }, 400, 'activity_marker_unknown', 'marker'],
    [{ lon: 106.6 }, 400, 'activity_place', 'lat'],
    [{ lon: 2.35, lat: 48.85 }, 400, 'coord_outside_region', ''],
    [{ title: '' }, 400, 'field_empty', 'title'],
    [{ colour: 'red' }, 400, 'field_unknown', 'colour'],
    [{ organisers: ['DBP-BASON'] }, 403, 'out_of_scope', 'organisers'],
    [{ unit: 'LB-MAUSON' }, 403, 'out_of_scope', ''],
  ];
  const bad = [];
  for (const [over, status, code, field] of cases) {
    const r = await s.api('POST', '/api/activities', { ...KC, body: outreach(over) });
    if (r.status !== status || r.body?.error?.code !== code || (field && r.body.error.field !== field))
      bad.push(`${JSON.stringify(over)} -> ${r.status} ${r.text}`);
    else if (!r.body.error.message_vi || !r.body.error.message_en) bad.push(`${code}: no messages`);
  }
  assert.deepEqual(bad, []);
  let r = await s.api('POST', '/api/activities', { ...KV, body: outreach() });
  assert.equal(r.status, 403);
  assert.equal(r.body.error.code, 'role_insufficient');
  r = await s.api('GET', '/api/activities/not-a-uuid', KC);
  assert.equal(r.status, 404);
  assert.equal(await auditCount(), before);
});

test('a commune sees and writes only its own subtree', async () => {
  const r0 = await s.api('POST', '/api/activities', { ...MS, body: outreach({ unit: 'LB-MAUSON', title: 'Mẫu Sơn' }) });
  assert.equal(r0.status, 201, r0.text);
  let r = await s.api('GET', `/api/activities/${r0.body.id}`, KC);
  assert.equal(r.status, 403);
  r = await s.api('PATCH', `/api/activities/${r0.body.id}`, { ...KC, body: { title: 'Của Kháng Chiến' } });
  assert.equal(r.status, 403);
  r = await s.api('DELETE', `/api/activities/${r0.body.id}`, KC);
  assert.equal(r.status, 403);
  r = await s.api('GET', '/api/activities?limit=1000', KC);
  assert.equal(r.status, 200);
  assert.ok(!r.body.items.some((a) => a.id === r0.body.id));
  r = await s.api('GET', '/api/activities?unit=MAUSON', KC);
  assert.equal(r.status, 403);
  // The post of Kháng Chiến sees the commune's activities.
  const post = { token: await s.login('don.binhnghi') };
  r = await s.api('GET', '/api/activities?unit=KHANGCHIEN&limit=1000', post);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.items.length > 0);
});

test('the list: filters, newest first, keyset cursor', async () => {
  for (let i = 1; i <= 5; i++) {
    const r = await s.api('POST', '/api/activities', { ...KC, body: outreach({ unit: 'TD-DAOVIEN', date_from: `2022-0${i}-10`, title: `Buổi ${i} về 50% mốc` }) });
    assert.equal(r.status, 201, r.text);
  }
  const r = await s.api('POST', '/api/activities', { ...KC, body: { type: 'ky_cam_ket', unit: 'TD-DAOVIEN', date_from: '2022-02-15', title: 'Ký cam kết', values: { ho: 40 } } });
  assert.equal(r.status, 201);
  const seen = [];
  let cursor = '';
  for (;;) {
    const p = await s.api('GET', `/api/activities?unit=KHANGCHIEN&type=tuyen_truyen&from=2022-01-01&to=2022-12-31&limit=2${cursor}`, KC);
    assert.equal(p.status, 200, p.text);
    seen.push(...p.body.items.map((a) => a.date_from));
    if (!p.body.next_cursor) break;
    cursor = `&cursor=${encodeURIComponent(p.body.next_cursor)}`;
  }
  assert.deepEqual(seen, ['2022-05-10', '2022-04-10', '2022-03-10', '2022-02-10', '2022-01-10']);
  let q = await s.api('GET', '/api/activities?category=outreach&from=2022-02-01&to=2022-02-28', KC);
  assert.deepEqual(q.body.items.map((a) => a.type.code).sort(), ['ky_cam_ket', 'tuyen_truyen']);
  q = await s.api('GET', `/api/activities?q=${encodeURIComponent('50%')}&limit=1000`, KC);
  assert.equal(q.body.items.length, 5);
  q = await s.api('GET', `/api/activities?q=${encodeURIComponent('BUỔI 3')}`, KC);
  assert.deepEqual(q.body.items.map((a) => a.date_from), ['2022-03-10']);
  for (const [path, code] of [['?from=2022-13-01', 'date_invalid'], ['?from=2022-05-01&to=2022-01-01', 'date_range'],
    ['?cursor=abc', 'cursor_invalid'], ['?limit=0', 'limit_invalid']]) {
    const b = await s.api('GET', `/api/activities${path}`, KC);
    assert.equal(b.status, 400, path);
    assert.equal(b.body.error.code, code, path);
  }
});
