// people.test.mjs - households and collectives, self-management
// registrations, groups and twinnings over HTTP, against the real server
// with the demo province: writes with client ids stored once, lists with
// their filters and pages, scope (a commune's users never reach the other
// commune's people), the audit log, and bad input answered with a stable
// code and nothing written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer } from '../lib/server.mjs';

let s;
let A;   // the province admin
let MS;  // xa.mauson, unit admin of the commune Mẫu Sơn
let KC;  // xa.khangchien, editor of the commune Kháng Chiến
let VKC; // xem.khangchien, viewer
const seg = {};   // DBP-BASON's first segments and markers
const kcSeg = {}; // DBP-BINHNGHI's

before(async () => {
  s = await startServer();
  A = { token: await s.login('admin') };
  MS = { token: await s.login('xa.mauson') };
  KC = { token: await s.login('xa.khangchien') };
  VKC = { token: await s.login('xem.khangchien') };
  const bs = await get('/api/segments?unit=DBP-BASON&limit=1000');
  bs.items.sort((a, b) => a.from.number.localeCompare(b.from.number));
  Object.assign(seg, { a: bs.items[0], b: bs.items[1] });
  const bn = await get('/api/segments?unit=DBP-BINHNGHI&limit=1');
  Object.assign(kcSeg, { a: bn.items[0] });
});

after(async () => { await s?.stop(); });

async function get(path, who = A) {
  const r = await s.api('GET', path, who);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.body;
}

async function auditCount() {
  return (await get('/api/audit?limit=1000')).items.length;
}

async function send(method, path, body, who = MS) {
  return s.api(method, path, { ...who, body });
}

const household = (extra = {}) => ({ kind: 'household', name: 'Hoàng Văn Pả', unit: 'MAUSON-KHONPO', phone: '0912 345 678', people: 5, ...extra });

test('a household with a client id: PUT twice stores once, PATCH changes, the page shows its registrations', async () => {
  const id = randomUUID();
  const a0 = await auditCount();
  const r1 = await send('PUT', `/api/households/${id}`, household());
  assert.equal(r1.status, 201, r1.text);
  assert.equal(r1.body.unit.code, 'MAUSON-KHONPO');
  assert.equal(r1.body.unit.kind, 'village');
  assert.equal(r1.body.people, 5);
  const r2 = await send('PUT', `/api/households/${id}`, household());
  assert.equal(r2.status, 200);
  assert.deepEqual(r2.body, r1.body);
  assert.equal(await auditCount(), a0 + 1, 'a repeated PUT wrote again');
  // POST with the same id and the same body is a retry; a different body a conflict.
  assert.equal((await send('POST', '/api/households', { id, ...household() })).status, 200);
  const clash = await send('POST', '/api/households', { id, ...household({ name: 'Khác' }) });
  assert.equal(clash.status, 409);
  assert.equal(clash.body.error.code, 'id_conflict');

  const p = await send('PATCH', `/api/households/${id}`, { people: 6 });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.body.people, 6);
  assert.equal(p.body.name, 'Hoàng Văn Pả');

  const reg = await send('POST', '/api/registrations', {
    household: id, post: 'DBP-BASON', date_from: '2023-01-01', date_to: '2023-12-31',
    segments: [seg.a.id, { id: seg.b.id, km: 1.5 }], markers: [seg.a.from.id, seg.a.to.id],
  });
  assert.equal(reg.status, 201, reg.text);
  assert.equal(reg.body.km, Math.round((seg.a.length_km + 1.5) * 1000) / 1000);
  assert.equal(reg.body.segments.length, 2);
  assert.equal(reg.body.markers.length, 2);
  assert.equal(reg.body.unit.code, 'MAUSON-KHONPO');
  const page = await get(`/api/households/${id}`, MS);
  assert.deepEqual(page.registrations.map((g) => g.id), [reg.body.id]);
  assert.equal(page.registrations[0].post.code, 'DBP-BASON');

  // End the registration earlier: PATCH date_to.
  const end = await send('PATCH', `/api/registrations/${reg.body.id}`, { date_to: '2023-06-30' });
  assert.equal(end.status, 200, end.text);
  assert.equal(end.body.date_to, '2023-06-30');
  assert.equal(end.body.segments.length, 2, 'the patch lost the segments');

  // Delete: the household goes with its registrations, each audited.
  const a1 = await auditCount();
  assert.equal((await send('DELETE', `/api/households/${id}`)).status, 204);
  assert.equal((await send('GET', `/api/households/${id}`)).status, 404);
  assert.equal((await send('GET', `/api/registrations/${reg.body.id}`)).status, 404);
  assert.equal(await auditCount(), a1 + 2);
});

test('identity numbers are refused, and why is said', async () => {
  for (const key of ['id_number', 'cccd', 'cmnd']) {
    const r = await send('POST', '/api/households', household({ [key]: '001203004567' }));
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'personal_id_refused');
    assert.equal(r.body.error.field, key);
    assert.match(r.body.error.message_en, /Identity numbers are not kept/);
  }
  const g = await send('POST', '/api/groups', { kind: 'tu_quan_antt', name: 'Tổ', unit: 'MAUSON', founded: '2020-01-01',
    members: [{ name: 'A', cccd: '1' }] });
  assert.equal(g.body.error.code, 'personal_id_refused');
});

test('bad input: each with its code, nothing written', async () => {
  const hid = (await send('POST', '/api/households', household({ name: 'Nông Văn Khải' }))).body.id;
  const a0 = await auditCount();
  const cases = [
    ['POST', '/api/households', household({ kind: 'family' }), 400, 'enum_invalid'],
    ['POST', '/api/households', household({ name: '' }), 400, 'field_empty'],
    ['POST', '/api/households', household({ people: -1 }), 400, 'number_invalid'],
    ['POST', '/api/households', household({ people: 2.5 }), 400, 'number_invalid'],
    ['POST', '/api/households', household({ phone: 'gọi tôi' }), 400, 'phone_invalid'],
    ['POST', '/api/households', household({ unit: 'DBP-BASON' }), 403, 'out_of_scope'],
    ['POST', '/api/households', household({ unit: 'KHANGCHIEN' }), 403, 'out_of_scope'],
    ['POST', '/api/households', household({ unit: 'NOPE' }), 404, 'unit_not_found'],
    ['POST', '/api/households', household({ unit: 'LB-MAUSON' }), 409, 'unit_retired'],
    ['POST', '/api/households', household({ nickname: 'x' }), 400, 'field_unknown'],
    ['POST', '/api/registrations', { household: hid, post: 'DBP-BASON', date_from: '2023-02-30' }, 400, 'date_invalid'],
    ['POST', '/api/registrations', { household: hid, post: 'DBP-BASON', date_from: '2023-05-01', date_to: '2023-04-30' }, 400, 'date_range'],
    ['POST', '/api/registrations', { household: hid, post: 'MAUSON', date_from: '2023-05-01' }, 400, 'unit_not_post'],
    ['POST', '/api/registrations', { household: hid, post: 'DBP-BINHNGHI', date_from: '2023-05-01' }, 403, 'out_of_scope'],
    ['POST', '/api/registrations', { household: randomUUID(), post: 'DBP-BASON', date_from: '2023-05-01' }, 404, 'household_not_found'],
    ['POST', '/api/registrations', { household: hid, post: 'DBP-BASON', date_from: '2023-05-01', segments: [{ id: seg.a.id, km: seg.a.length_km + 0.01 }] }, 400, 'registration_km_exceeds'],
    ['POST', '/api/registrations', { household: hid, post: 'DBP-BASON', date_from: '2023-05-01', segments: [seg.a.id, seg.a.id] }, 400, 'list_duplicate'],
    ['POST', '/api/registrations', { household: hid, post: 'DBP-BASON', date_from: '2023-05-01', segments: [randomUUID()] }, 404, 'segment_not_found'],
    ['POST', '/api/registrations', { household: hid, post: 'DBP-BASON', date_from: '2023-05-01', segments: [kcSeg.a.id] }, 403, 'out_of_scope'],
    ['POST', '/api/registrations', { household: hid, post: 'DBP-BASON', date_from: '2023-05-01', markers: [kcSeg.a.from.id] }, 403, 'out_of_scope'],
    ['POST', '/api/registrations', { household: hid, post: 'DBP-BASON', date_from: '2023-05-01', markers: ['not-a-uuid'] }, 400, 'id_invalid'],
    ['POST', '/api/groups', { kind: 'bao_ve_antt', name: 'Tổ bảo vệ ANTT thôn Khòn Pổ', unit: 'MAUSON-KHONPO', founded: '2024-06-30' }, 400, 'group_kind_date'],
    ['POST', '/api/groups', { kind: 'tu_quan_antt', name: 'Tổ', unit: 'MAUSON', founded: '2020-01-01', members: [{ name: 'A', date_from: '2019-12-31' }] }, 400, 'group_member_dates'],
    ['POST', '/api/groups', { kind: 'tu_quan_antt', name: 'Tổ', unit: 'MAUSON', founded: '2020-01-01', dissolved: '2020-01-01' }, 400, 'date_range'],
    ['POST', '/api/groups', { kind: 'tu_quan_antt', name: 'Tổ', unit: 'MAUSON', founded: '2020-01-01', members: [{ name: 'A', role: 'boss' }] }, 400, 'enum_invalid'],
    ['POST', '/api/twinnings', { unit: 'MAUSON', other_name: 'Thôn Ái Khẩu', other_country: 'TH', signed: '2019-03-01' }, 400, 'country_invalid'],
    ['POST', '/api/twinnings', { unit: 'DBP-BASON', other_name: 'Thôn Ái Khẩu', other_country: 'CN', signed: '2019-03-01' }, 403, 'out_of_scope'],
    ['GET', '/api/households?kind=family', undefined, 400, 'enum_invalid'],
    ['GET', '/api/households?active_on=2023-13-01', undefined, 400, 'date_invalid'],
    ['GET', '/api/households?cursor=zzz', undefined, 400, 'cursor_invalid'],
    ['GET', '/api/households?unit=KHANGCHIEN', undefined, 403, 'out_of_scope'],
  ];
  const bad = [];
  for (const [method, path, body, status, code] of cases) {
    const r = await send(method, path, body);
    if (r.status !== status || r.body?.error?.code !== code) bad.push(`${method} ${path} ${JSON.stringify(body)} -> ${r.status} ${r.text}`);
    else if (!r.body.error.message_vi || !r.body.error.message_en) bad.push(`${path}: no messages`);
  }
  assert.deepEqual(bad, []);
  assert.equal(await auditCount(), a0, 'a refused write left an audit row');
  // A household out of scope by id: not readable, not writable.
  const other = await send('POST', '/api/households', household({ unit: 'KHANGCHIEN', name: 'Hộ Kháng Chiến' }), KC);
  assert.equal(other.status, 201, other.text);
  for (const [method, body] of [['GET'], ['PATCH', { people: 1 }], ['DELETE'], ['PUT', household()]]) {
    const r = await send(method, `/api/households/${other.body.id}`, body);
    assert.ok([403, 404].includes(r.status), `${method}: ${r.status}`);
  }
  assert.equal((await send('POST', '/api/registrations', { household: other.body.id, post: 'DBP-BASON', date_from: '2023-01-01' })).status, 403);
  assert.equal((await send('GET', `/api/households/${other.body.id}`, undefined, KC)).body.people, 5);
  // A viewer reads, never writes.
  assert.equal((await send('POST', '/api/households', household({ unit: 'KHANGCHIEN' }), VKC)).status, 403);
  assert.equal((await send('GET', `/api/households/${other.body.id}`, undefined, VKC)).status, 200);
});

test('lists: filters, q, pages in scope', async () => {
  const mk = async (name, unit, extra = {}) => {
    const r = await send('POST', '/api/households', { kind: 'household', name, unit, people: 3, ...extra });
    assert.equal(r.status, 201, r.text);
    return r.body.id;
  };
  const ids = [];
  for (let i = 0; i < 7; i++) ids.push(await mk(`Lục Thử Nghiệm ${i}`, 'MAUSON', { village_name: 'Bản Lòng' }));
  const coll = (await send('POST', '/api/households', { kind: 'collective', name: 'Đoàn thanh niên thôn Phiêng Khảo', unit: 'MAUSON-PHIEKHAO', people: 25 })).body.id;
  await send('POST', '/api/registrations', { household: ids[0], post: 'DBP-BASON', date_from: '2024-01-01', segments: [seg.a.id] });
  await send('POST', '/api/registrations', { household: coll, post: 'DBP-BASON', date_from: '2022-01-01', date_to: '2022-12-31', segments: [seg.b.id] });

  const q = await get(`/api/households?q=${encodeURIComponent('lục thử nghiệm')}&limit=1000`, MS);  // lower case
  assert.equal(q.items.length, 7);
  const paged = [];
  let cursor = null;
  do {
    const p = await get(`/api/households?q=${encodeURIComponent('Nghiệm')}&limit=3${cursor ? `&cursor=${cursor}` : ''}`, MS);
    paged.push(...p.items.map((h) => h.id));
    cursor = p.next_cursor;
  } while (cursor);
  assert.deepEqual(paged, [...ids].sort());
  assert.deepEqual((await get('/api/households?kind=collective&limit=1000', MS)).items.map((h) => h.id).filter((x) => x === coll), [coll]);
  assert.ok((await get('/api/households?kind=collective&limit=1000', MS)).items.every((h) => h.kind === 'collective'));
  const village = await get('/api/households?village=MAUSON-PHIEKHAO&limit=1000', MS);
  assert.ok(village.items.some((h) => h.id === coll) && village.items.every((h) => h.unit.code === 'MAUSON-PHIEKHAO'));
  assert.equal((await get('/api/households?village=b%E1%BA%A3n%20l%C3%B2ng&limit=1000', MS)).items.length, 7);
  const act = (await get('/api/households?active_on=2024-06-01&unit=MAUSON&limit=1000', MS)).items.map((h) => h.id);
  assert.ok(act.includes(ids[0]) && !act.includes(coll) && !act.includes(ids[1]));
  assert.ok((await get('/api/households?active_on=2022-06-01&limit=1000', MS)).items.some((h) => h.id === coll));
  const regs = await get(`/api/registrations?household=${coll}`, MS);
  assert.equal(regs.items.length, 1);
  assert.equal(regs.items[0].segments[0].id, seg.b.id);
  assert.equal((await get('/api/registrations?active_on=2023-06-01&kind=collective&unit=MAUSON&limit=1000', MS)).items.filter((g) => g.household.id === coll).length, 0);
  // The other commune's users see none of these.
  const theirs = await get('/api/households?limit=1000', KC);
  assert.ok(theirs.items.every((h) => !ids.includes(h.id) && h.id !== coll));
  assert.ok((await get('/api/registrations?limit=1000', KC)).items.every((g) => g.household.id !== coll));
});

test('groups with members, twinnings', async () => {
  const hid = (await send('POST', '/api/households', household({ name: 'Lăng Văn Hiếu' }))).body.id;
  const gid = randomUUID();
  const body = { kind: 'tu_quan_antt', name: 'Tổ tự quản ANTT thôn Khòn Pổ', unit: 'MAUSON-KHONPO', founded: '2019-05-10',
    members: [{ name: 'Lăng Văn Hiếu', role: 'leader', household: hid }, { name: 'Hoàng Thị Mai', role: 'member', date_from: '2021-01-01', date_to: '2023-12-31' }] };
  const a0 = await auditCount();
  const r = await send('PUT', `/api/groups/${gid}`, body);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.members.length, 2);
  assert.equal(r.body.members[0].household.id, hid);
  assert.equal(r.body.members[0].date_from, '2019-05-10');
  assert.equal(r.body.members[1].role, 'member');
  assert.equal((await send('PUT', `/api/groups/${gid}`, body)).status, 200);
  assert.equal(await auditCount(), a0 + 1);
  const p = await send('PATCH', `/api/groups/${gid}`, { dissolved: '2025-07-01' });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.body.members.length, 2);
  assert.equal(p.body.members[0].id, r.body.members[0].id, 'member ids kept by a patch');
  assert.ok((await get('/api/groups?active_on=2024-01-01&limit=1000', MS)).items.some((g) => g.id === gid));
  assert.ok(!(await get('/api/groups?active_on=2025-07-01&limit=1000', MS)).items.some((g) => g.id === gid));
  assert.ok((await get('/api/groups?kind=tu_quan_antt&q=kh%C3%B2n&limit=1000', MS)).items.some((g) => g.id === gid));
  const bv = await send('POST', '/api/groups', { kind: 'bao_ve_antt', name: 'Tổ bảo vệ ANTT xã Mẫu Sơn', unit: 'MAUSON', founded: '2024-07-01' });
  assert.equal(bv.status, 201, bv.text);

  const tid = randomUUID();
  const t = await send('PUT', `/api/twinnings/${tid}`, { unit: 'MAUSON-KHONPO', other_name: 'Thôn Pò Ma (Bằng Tường, Quảng Tây)', other_country: 'CN', signed: '2019-03-03' });
  assert.equal(t.status, 201, t.text);
  assert.equal(t.body.other_country, 'CN');
  assert.ok((await get('/api/twinnings?country=CN&active_on=2020-01-01&limit=1000', MS)).items.some((x) => x.id === tid));
  assert.ok(!(await get('/api/twinnings?limit=1000', KC)).items.some((x) => x.id === tid));
  assert.equal((await send('GET', `/api/twinnings/${tid}`, undefined, KC)).status, 403);
  assert.equal((await send('DELETE', `/api/twinnings/${tid}`)).status, 204);
  assert.equal((await send('GET', `/api/twinnings/${tid}`)).status, 404);
});
