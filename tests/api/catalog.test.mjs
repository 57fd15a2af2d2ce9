// catalog.test.mjs - the catalog of indicators and activity types over
// HTTP: what `bienphong init` loads (and loads again without overwriting
// an admin's edits), the admin writes, retiring with history kept, and bad
// input answered with a stable code and nothing written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let s;
let A;  // the province admin
let UA; // a unit admin of the province: reads, does not write the catalog

before(async () => {
  s = await startServer();
  A = { token: await s.login('admin') };
  UA = { token: await s.login('tinh.bdbp') };
});

after(async () => { await s?.stop(); });

async function get(path, who = A) {
  const r = await s.api('GET', path, who);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.body;
}

test('init loads the shipped catalog: 20 indicators, 20 types, required ones marked', async () => {
  const inds = await get('/api/indicators');
  assert.equal(inds.items.length, 20);
  const km = inds.items.find((i) => i.code === 'km');
  assert.deepEqual(km, { code: 'km', name_vi: 'Chiều dài', name_en: 'Length', unit_vi: 'km', unit_en: 'km',
    value_type: 'decimal', aggregation: 'flow', allow_negative: false, retired_at: null });
  const types = await get('/api/activity-types');
  assert.equal(types.items.length, 20);
  const t = await get('/api/activity-types/phat_quang_tu_sua');
  assert.equal(t.category, 'infrastructure');
  assert.deepEqual(t.indicators.map((i) => [i.code, i.required, i.position]),
    [['lan', true, 1], ['luot_nguoi', true, 2], ['km', false, 3], ['ngay_cong', false, 4]]);
  assert.equal(t.indicators[1].unit_vi, 'lượt người');
  const r = await s.api('GET', '/api/activity-types/bong_da', A);
  assert.equal(r.status, 404);
  assert.equal(r.body.error.code, 'activity_type_not_found');
});

test('an admin adds an indicator and a type; a retry answers 200 with what is stored', async () => {
  const ind = { code: 'cay_xanh', name_vi: 'Cây xanh', name_en: 'Trees', unit_vi: 'cây', unit_en: 'trees', value_type: 'integer' };
  let r = await s.api('POST', '/api/indicators', { ...A, body: ind });
  assert.equal(r.status, 201, r.text);
  r = await s.api('POST', '/api/indicators', { ...A, body: ind });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.code, 'cay_xanh');
  r = await s.api('POST', '/api/indicators', { ...A, body: { ...ind, name_en: 'Green trees' } });
  assert.equal(r.status, 409);
  assert.equal(r.body.error.code, 'indicator_code_taken');
  const type = { code: 'trong_cay', name_vi: 'Trồng cây biên giới', name_en: 'Border tree planting', category: 'model',
    indicators: [{ code: 'cay_xanh', required: true }, { code: 'ho' }] };
  r = await s.api('POST', '/api/activity-types', { ...A, body: type });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.body.indicators.map((i) => [i.code, i.required]), [['cay_xanh', true], ['ho', false]]);
  r = await s.api('POST', '/api/activity-types', { ...A, body: type });
  assert.equal(r.status, 200, r.text);
  // Patch: names, category and the list of indicators.
  r = await s.api('PATCH', '/api/activity-types/trong_cay', { ...A, body: { name_en: 'Tree planting', indicators: [{ code: 'cay_xanh', required: true }, { code: 'km' }] } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.name_en, 'Tree planting');
  assert.deepEqual(r.body.indicators.map((i) => i.code), ['cay_xanh', 'km']);
  const audit = await get('/api/audit?entity=activity_type&entity_id=trong_cay');
  assert.deepEqual(audit.items.map((a) => a.action).sort(), ['create', 'update']);
});

test('bad catalog input: a stable code, a field, nothing written', async () => {
  const before = (await get('/api/audit?limit=1000')).items.length;
  const base = { code: 'x_moi', name_vi: 'X', name_en: 'X', unit_vi: 'x', unit_en: 'x', value_type: 'integer' };
  const cases = [
    ['/api/indicators', { ...base, code: 'Cây' }, 400, 'catalog_code_invalid'],
    ['/api/indicators', { ...base, code: 'date_from' }, 400, 'indicator_code_reserved'],
    ['/api/indicators', { ...base, value_type: 'float' }, 400, 'value_type_invalid'],
    ['/api/indicators', { ...base, aggregation: 'sum' }, 400, 'aggregation_invalid'],
    ['/api/indicators', { ...base, name_vi: '' }, 400, 'field_empty'],
    ['/api/indicators', { ...base, colour: 'red' }, 400, 'field_unknown'],
    ['/api/activity-types', { code: 'x_moi', name_vi: 'X', name_en: 'X', category: 'sport', indicators: [] }, 400, 'category_invalid'],
    ['/api/activity-types', { code: 'x_moi', name_vi: 'X', name_en: 'X', category: 'model', indicators: [{ code: 'nope' }] }, 400, 'indicator_unknown'],
    ['/api/activity-types', { code: 'x_moi', name_vi: 'X', name_en: 'X', category: 'model', indicators: [{ code: 'ho' }, { code: 'ho' }] }, 400, 'indicator_twice'],
    ['/api/activity-types', { code: 'x_moi', name_vi: 'X', name_en: 'X', category: 'model' }, 400, 'field_required'],
  ];
  for (const [path, body, status, code] of cases) {
    const r = await s.api('POST', path, { ...A, body });
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.body.error.code, code, JSON.stringify(body));
    assert.ok(r.body.error.message_vi && r.body.error.message_en);
  }
  let r = await s.api('PATCH', '/api/indicators/km', { ...A, body: { value_type: 'integer' } });
  assert.equal(r.body.error.code, 'field_unknown');
  r = await s.api('PATCH', '/api/indicators/nope', { ...A, body: { name_vi: 'X' } });
  assert.equal(r.status, 404);
  r = await s.api('POST', '/api/indicators', { ...UA, body: base });
  assert.equal(r.status, 403);
  assert.equal(r.body.error.code, 'role_insufficient');
  assert.equal((await get('/api/audit?limit=1000')).items.length, before);
  assert.ok(!(await get('/api/indicators?retired=1')).items.some((i) => i.code === 'x_moi'));
});

test('retiring keeps history: old activities read back, nothing new is taken, un-retiring restores', async () => {
  const act = { type: 'dien_tap', unit: 'LB-MAUSON', date_from: '2023-05-05', title: 'Diễn tập khu vực phòng thủ xã', values: { cuoc: 1, luot_nguoi: 200 } };
  let r = await s.api('POST', '/api/activities', { ...A, body: act });
  assert.equal(r.status, 201, r.text);
  const id = r.body.id;
  r = await s.api('PATCH', '/api/activity-types/dien_tap', { ...A, body: { retired: true } });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.retired_at);
  assert.ok(!(await get('/api/activity-types')).items.some((t) => t.code === 'dien_tap'));
  assert.ok((await get('/api/activity-types?retired=1')).items.some((t) => t.code === 'dien_tap'));
  r = await s.api('POST', '/api/activities', { ...A, body: act });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'activity_type_retired');
  r = await s.api('GET', `/api/activities/${id}`, A);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.values, { cuoc: 1, luot_nguoi: 200 });
  // A retired indicator: its stored values stay, a new one is refused.
  r = await s.api('PATCH', '/api/indicators/luot_nguoi', { ...A, body: { retired: true } });
  assert.equal(r.status, 200);
  r = await s.api('POST', '/api/activities', { ...A, body: { type: 'tuyen_truyen_nho_le', unit: 'LB-MAUSON', date_from: '2023-05-06', title: 'Nhỏ lẻ', values: { luot_nguoi: 5 } } });
  assert.equal(r.body.error.code, 'indicator_retired');
  assert.equal(r.body.error.field, 'luot_nguoi');
  for (const [path, body] of [['/api/activity-types/dien_tap', { retired: false }], ['/api/indicators/luot_nguoi', { retired: false }]]) {
    r = await s.api('PATCH', path, { ...A, body });
    assert.equal(r.status, 200);
    assert.equal(r.body.retired_at, null);
  }
  r = await s.api('POST', '/api/activities', { ...A, body: { ...act, date_from: '2023-05-07' } });
  assert.equal(r.status, 201, r.text);
});

test('init again keeps an admin\'s edits and adds nothing', async () => {
  let r = await s.api('PATCH', '/api/indicators/buoi', { ...A, body: { name_vi: 'Số buổi (đã sửa)' } });
  assert.equal(r.status, 200);
  r = await s.api('PATCH', '/api/activity-types/tuyen_truyen', { ...A, body: { indicators: [{ code: 'buoi', required: true }, { code: 'luot_nguoi', required: false }] } });
  assert.equal(r.status, 200);
  const init = s.cli(['init']);
  assert.equal(init.status, 0, init.stderr);
  assert.ok(!/catalog entries added/.test(init.stdout), init.stdout);
  const buoi = (await get('/api/indicators')).items.find((i) => i.code === 'buoi');
  assert.equal(buoi.name_vi, 'Số buổi (đã sửa)');
  const t = await get('/api/activity-types/tuyen_truyen');
  assert.deepEqual(t.indicators.map((i) => [i.code, i.required]), [['buoi', true], ['luot_nguoi', false]]);
});
