// documents_bad.test.mjs - bad input to documents, files and tasks: each
// answered with a clear error and a stable code, and nothing stored (the
// documents, files, tasks, progress updates and audit rows are counted
// before and after every refusal). Then who may read and write what: a
// commune reads its province's plan but not another commune's, does not
// write the province's plan, and gets no file of a document out of reach.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer } from '../lib/server.mjs';
import { multipart } from '../lib/multipart.mjs';

const TODAY = '2026-05-01';
const KC05 = '0d0c0000-0000-4000-8000-000000000005';
const LS111 = '0d0c0000-0000-4000-8000-000000000111';
const TASK_DONE = '0d0c7a5c-0000-4000-8000-000000000002';   // done on 2025-11-15
const TASK_OPEN = '0d0c7a5c-0000-4000-8000-000000000003';   // latest report 2026-03-10

let s;
const T = {};

before(async () => {
  s = await startServer({ env: { BIENPHONG_TODAY: TODAY } });
  for (const u of ['admin', 'xa.khangchien', 'xa.mauson'])
    T[u] = { token: await s.login(u) };
});

after(async () => { await s?.stop(); });

async function get(path, who = T.admin) {
  const r = await s.api('GET', path, who);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.body;
}

// Everything a bad write could have left behind.
async function footprint() {
  const docs = await get('/api/documents?limit=1000');
  const files = [];
  for (const d of docs.items) files.push(...(await get(`/api/documents/${d.id}`)).files.map((f) => f.id));
  const tasks = await get('/api/tasks?limit=1000');
  const updates = [];
  for (const t of tasks.items) updates.push(...(await get(`/api/tasks/${t.id}`)).updates.map((u) => `${u.id}:${u.status}`));
  return {
    documents: docs.items.map((d) => `${d.id} ${d.issued_on} ${d.implements?.id} ${d.title}`).sort(),
    files: files.sort(),
    tasks: tasks.items.map((t) => `${t.id} ${t.status} ${t.due_on}`).sort(),
    updates: updates.sort(),
    audit: (await get('/api/audit?limit=1000')).items.length,
  };
}

// Sends a bad request and checks the error and that nothing changed.
async function refused(method, path, who, opts, status, code) {
  const before = await footprint();
  const r = await s.api(method, path, { ...who, ...opts });
  assert.equal(r.status, status, `${method} ${path}: ${r.text}`);
  assert.equal(r.body?.error?.code, code, r.text);
  assert.ok(r.body.error.message_vi && r.body.error.message_en, r.text);
  assert.deepEqual(await footprint(), before, `${method} ${path} (${code}) changed what is stored`);
  return r.body.error;
}

const docBody = (extra = {}) => ({ issued_on: '2025-11-20', issuing_body: 'UBND xã Kháng Chiến',
  title: 'Kế hoạch thử', unit: 'KHANGCHIEN', ...extra });

test('a number and symbol that cannot be parsed is kept as written, flagged, and warned about', async () => {
  const r = await s.api('POST', '/api/documents', { ...T['xa.khangchien'], body: docBody({ kind: 'thong_bao', number_symbol: 'Số 7 ngày 2/11' }) });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.number_symbol, 'Số 7 ngày 2/11');
  assert.equal(r.body.symbol_parsed, false);
  assert.equal(r.body.symbol, null);
  assert.deepEqual(r.body.warnings.map((w) => w.code), ['symbol_unparsed']);
  assert.match(r.body.warnings[0].message_vi, /Số 7 ngày 2\/11/);
  const back = await get(`/api/documents/${r.body.id}`, T['xa.khangchien']);
  assert.equal(back.number_symbol, 'Số 7 ngày 2/11');
  assert.equal(back.symbol_parsed, false);
  // A symbol whose kind differs from the chosen kind: kept, warned.
  const m = await s.api('POST', '/api/documents', { ...T['xa.khangchien'], body: docBody({ kind: 'bao_cao', number_symbol: '08/KH-UBND' }) });
  assert.equal(m.status, 201, m.text);
  assert.deepEqual(m.body.warnings.map((w) => w.code), ['symbol_kind_mismatch']);
  // Without a kind, an unparsed symbol cannot name one: that is an error.
  const e = await refused('POST', '/api/documents', T['xa.khangchien'], { body: docBody({ number_symbol: 'không số' }) }, 400, 'field_required');
  assert.equal(e.field, 'kind');
});

test('bad fields: dates only as YYYY-MM-DD, known kinds, no unknown fields', async () => {
  for (const [body, code] of [
    [docBody({ kind: 'ke_hoach', issued_on: '28/10/2025' }), 'date_invalid'],
    [docBody({ kind: 'ke_hoach', issued_on: '2025-02-30' }), 'date_invalid'],
    [docBody({ kind: 'ke_hoach', issued_on: '2025-10-28T00:00:00Z' }), 'date_invalid'],
    [docBody({ kind: 'sac_lenh' }), 'document_kind_invalid'],
    [docBody({ kind: 'ke_hoach', title: '   ' }), 'field_empty'],
    [docBody({ kind: 'ke_hoach', colour: 'red' }), 'field_unknown'],
    [docBody({ kind: 'ke_hoach', implements: 'not-a-uuid' }), 'id_invalid'],
  ])
    await refused('POST', '/api/documents', T['xa.khangchien'], { body }, 400, code);
  await refused('POST', '/api/documents', T['xa.khangchien'], { body: docBody({ kind: 'ke_hoach', implements: randomUUID() }) }, 404, 'document_not_found');
});

test('a cascade cycle is refused on every write (422 document_cycle)', async () => {
  const a = await s.api('POST', '/api/documents', { ...T['xa.khangchien'], body: docBody({ number_symbol: '20/KH-UBND', implements: KC05 }) });
  assert.equal(a.status, 201, a.text);
  const b = await s.api('POST', '/api/documents', { ...T['xa.khangchien'], body: docBody({ number_symbol: '21/KH-UBND', implements: a.body.id }) });
  assert.equal(b.status, 201, b.text);
  // Itself, directly; 05 → 21 → 20 → 05; by PUT and by PATCH.
  let e = await refused('PATCH', `/api/documents/${a.body.id}`, T['xa.khangchien'], { body: { implements: a.body.id } }, 422, 'document_cycle');
  assert.equal(e.field, 'implements');
  await refused('PATCH', `/api/documents/${KC05}`, T['xa.khangchien'], { body: { implements: b.body.id, issued_on: '2025-11-20' } }, 422, 'document_cycle');
  await refused('PATCH', `/api/documents/${a.body.id}`, T['xa.khangchien'], { body: { implements: b.body.id } }, 422, 'document_cycle');
  e = await refused('PUT', `/api/documents/${a.body.id}`, T['xa.khangchien'], { body: docBody({ number_symbol: '20/KH-UBND', implements: b.body.id }) }, 422, 'document_cycle');
  assert.match(e.message_en, /cannot implement itself/);
  assert.equal((await get(`/api/documents/${KC05}`)).implements.id, LS111);
});

test('a document cannot implement one issued after it, nor move before those implementing it', async () => {
  const e = await refused('POST', '/api/documents', T['xa.khangchien'], { body: docBody({ kind: 'ke_hoach', issued_on: '2025-10-01', implements: KC05 }) }, 422, 'document_implements_later');
  assert.match(e.message_en, /2025-10-28 > 2025-10-01/);
  // 111/KH-UBND moved after 05/KH-UBND, which carries it out.
  await refused('PATCH', `/api/documents/${LS111}`, T.admin, { body: { issued_on: '2025-11-01' } }, 422, 'document_implements_later');
  // A plan moved after its tasks' due dates.
  const d = await s.api('POST', '/api/documents', { ...T['xa.khangchien'], body: docBody({ number_symbol: '30/KH-UBND' }) });
  assert.equal(d.status, 201, d.text);
  const t = await s.api('POST', '/api/tasks', { ...T['xa.khangchien'], body: { document: d.body.id, title: 'Việc', unit: 'KHANGCHIEN', due_on: '2025-12-01' } });
  assert.equal(t.status, 201, t.text);
  await refused('PATCH', `/api/documents/${d.body.id}`, T['xa.khangchien'], { body: { issued_on: '2025-12-15' } }, 422, 'task_due_before_document');
});

test('a task due before its document is refused (422 task_due_before_document)', async () => {
  const e = await refused('POST', '/api/tasks', T['xa.khangchien'], { body: { document: KC05, title: 'Sớm quá', unit: 'KHANGCHIEN', due_on: '2025-10-27' } }, 422, 'task_due_before_document');
  assert.equal(e.field, 'due_on');
  assert.match(e.message_en, /2025-10-27 < 2025-10-28/);
  await refused('PATCH', `/api/tasks/${TASK_OPEN}`, T['xa.khangchien'], { body: { due_on: '2025-01-01' } }, 422, 'task_due_before_document');
  for (const [body, status, code] of [
    [{ title: 'x', unit: 'KHANGCHIEN', due_on: '31/12/2026' }, 400, 'date_invalid'],
    [{ title: 'x', unit: 'KHANGCHIEN', supporting: ['KHANGCHIEN'] }, 400, 'task_unit_twice'],
    [{ title: 'x', unit: 'KHANGCHIEN', supporting: ['DAOVIEN-POMA', 'DAOVIEN-POMA'] }, 400, 'task_unit_twice'],
    [{ title: 'x', unit: 'KHANGCHIEN', supporting: 'DAOVIEN-POMA' }, 400, 'field_type'],
    [{ title: 'x', unit: 'KHANGCHIEN', status: 'done' }, 400, 'field_unknown'],
    [{ title: 'x', unit: 'NOWHERE' }, 404, 'unit_not_found'],
    [{ title: 'x', unit: 'KHANGCHIEN', document: randomUUID() }, 404, 'document_not_found'],
  ])
    await refused('POST', '/api/tasks', T['xa.khangchien'], { body }, status, code);
});

test('progress: nothing after done, nothing before the latest report or in the future, percent 0-100', async () => {
  const e = await refused('POST', `/api/tasks/${TASK_DONE}/updates`, T['xa.khangchien'], { body: { date: '2026-04-01', status: 'in_progress', progress: 90 } }, 422, 'task_done');
  assert.match(e.message_en, /2025-11-15/);
  await refused('POST', `/api/tasks/${TASK_DONE}/updates`, T['xa.khangchien'], { body: { status: 'done' } }, 422, 'task_done');
  const b = await refused('POST', `/api/tasks/${TASK_OPEN}/updates`, T['xa.khangchien'], { body: { date: '2026-03-01', status: 'in_progress', progress: 60 } }, 422, 'task_update_before_latest');
  assert.match(b.message_en, /2026-03-10/);
  for (const [body, code] of [
    [{ date: '2026-05-02', status: 'in_progress', progress: 60 }, 'date_future'],
    [{ status: 'in_progress', progress: 150 }, 'task_progress_invalid'],
    [{ status: 'in_progress', progress: 12.5 }, 'task_progress_invalid'],
    [{ status: 'in_progress', progress: '60' }, 'task_progress_invalid'],
    [{ status: 'done', progress: 80 }, 'task_progress_invalid'],
    [{ status: 'in_progress' }, 'field_required'],
    [{ status: 'finished', progress: 100 }, 'enum_invalid'],
  ])
    await refused('POST', `/api/tasks/${TASK_OPEN}/updates`, T['xa.khangchien'], { body }, 400, code);
  await refused('POST', `/api/tasks/${randomUUID()}/updates`, T['xa.khangchien'], { body: { status: 'in_progress', progress: 5 } }, 404, 'task_not_found');
});

test('attachments: too large (413, the limit named), content not matching the type, path parts in the name', async () => {
  const url = `/api/documents/${KC05}/files`;
  const K = T['xa.khangchien'];
  const pdf = (n) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(n - 9, 0x20)]);
  // Just over 10 MB: the domain's check. Well over: the server's, before reading it all.
  let e = await refused('POST', url, K, multipart('lon.pdf', pdf(10 * 1024 * 1024 + 1)), 413, 'file_too_large');
  assert.match(e.message_vi, /10 MB/);
  assert.match(e.message_en, /at most 10 MB/);
  e = await refused('POST', url, K, multipart('rat-lon.pdf', pdf(12 * 1024 * 1024)), 413, 'file_too_large');
  assert.match(e.message_en, /10 MB/);
  // Exactly 10 MB is taken.
  const ok = await s.api('POST', url, { ...K, ...multipart('vua.pdf', pdf(10 * 1024 * 1024)) });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.body.size, 10 * 1024 * 1024);
  // The content must be what the extension says.
  e = await refused('POST', url, K, multipart('gia.pdf', Buffer.from('PK\x03\x04 not a pdf', 'latin1')), 422, 'file_content_mismatch');
  assert.match(e.message_en, /not PDF/);
  await refused('POST', url, K, multipart('gia.docx', Buffer.from('%PDF-1.4 a pdf')), 422, 'file_content_mismatch');
  await refused('POST', url, K, multipart('gia.png', Buffer.from('GIF89a')), 422, 'file_content_mismatch');
  await refused('POST', url, K, multipart('gia.doc', Buffer.from('PK\x03\x04', 'latin1')), 422, 'file_content_mismatch');
  await refused('POST', url, K, multipart('x.exe', Buffer.from('MZ')), 415, 'file_type_unsupported');
  await refused('POST', url, K, multipart('khong-duoi', pdf(100)), 415, 'file_type_unsupported');
  await refused('POST', url, K, multipart('rong.pdf', Buffer.alloc(0)), 400, 'file_empty');
  for (const name of ['../x.pdf', 'a/b.pdf', 'C:\\x.pdf', '..\\..\\x.pdf', 'x\x01.pdf', 'x\x7f.pdf', '..'])
    await refused('POST', url, K, multipart(name, pdf(100)), 400, 'file_name_invalid');
  // Not multipart at all.
  await refused('POST', url, K, { raw: pdf(100), headers: { 'Content-Type': 'application/pdf' } }, 415, 'media_type');
  await refused('POST', url, K, { raw: Buffer.from('--x\r\n\r\n'), headers: { 'Content-Type': 'multipart/form-data; boundary=x' } }, 400, 'multipart_invalid');
});

test('access: a commune reads its province\'s plan, not another commune\'s, and writes neither', async () => {
  const M = T['xa.mauson'];
  assert.equal((await get(`/api/documents/${LS111}`, M)).number_symbol, '111/KH-UBND');
  // "writable" tells the screen whether to offer changes: the province's plan is the commune's to read only.
  assert.equal((await get(`/api/documents/${LS111}`, M)).writable, false);
  assert.equal((await get(`/api/documents/${LS111}`, T.admin)).writable, true);
  assert.equal((await get(`/api/documents/${KC05}`, T['xa.khangchien'])).writable, true);
  assert.equal((await get('/api/documents/0d0c0000-0000-4000-8000-000000000099', T['xa.khangchien'])).writable, false);
  let e = await refused('GET', `/api/documents/${KC05}`, M, {}, 403, 'out_of_scope');
  assert.ok(!JSON.stringify(e).includes('KHANGCHIEN'));
  await refused('GET', `/api/documents/${KC05}/cascade`, M, {}, 403, 'out_of_scope');
  await refused('PATCH', `/api/documents/${LS111}`, T['xa.khangchien'], { body: { summary: 'sửa' } }, 403, 'out_of_scope');
  await refused('PUT', `/api/documents/${LS111}`, T['xa.khangchien'], { body: docBody({ kind: 'ke_hoach', unit: 'LS' }) }, 403, 'out_of_scope');
  await refused('DELETE', `/api/documents/${LS111}`, T['xa.khangchien'], {}, 403, 'out_of_scope');
  // A document of the other commune, put in one's own unit: neither changed nor confirmed.
  await refused('PUT', `/api/documents/${KC05}`, M, { body: docBody({ kind: 'ke_hoach', unit: 'MAUSON' }) }, 403, 'out_of_scope');
  await refused('POST', '/api/documents', M, { body: docBody({ kind: 'ke_hoach' }) }, 403, 'out_of_scope');
  // A plan of the commune that carries out the province's: allowed.
  const own = await s.api('POST', '/api/documents', { ...M, body: docBody({ number_symbol: '03/KH-UBND', issuing_body: 'UBND xã Mẫu Sơn', unit: 'MAUSON', implements: LS111 }) });
  assert.equal(own.status, 201, own.text);
  // ... but not one of another commune.
  await refused('POST', '/api/documents', M, { body: docBody({ kind: 'ke_hoach', unit: 'MAUSON', issuing_body: 'UBND xã Mẫu Sơn', implements: KC05 }) }, 403, 'out_of_scope');
  // Lists hold nothing of the other commune.
  const list = await s.api('GET', '/api/documents?limit=1000', M);
  assert.ok(!list.text.includes('KHANGCHIEN') && !list.text.includes(KC05), 'the list shows the other commune');
  await refused('GET', '/api/documents?unit=KHANGCHIEN', M, {}, 403, 'out_of_scope');
});

test('access: a file is served only to those who read its document', async () => {
  const up = await s.api('POST', `/api/documents/${KC05}/files`, { ...T['xa.khangchien'], ...multipart('ban-ky.pdf', Buffer.from('%PDF-1.4 ký')) });
  assert.equal(up.status, 201, up.text);
  const fid = up.body.id;
  await refused('GET', `/api/documents/${KC05}/files/${fid}`, T['xa.mauson'], {}, 403, 'out_of_scope');
  // Through a document the caller does read, the file is not there.
  await refused('GET', `/api/documents/${LS111}/files/${fid}`, T['xa.mauson'], {}, 404, 'document_file_not_found');
  await refused('DELETE', `/api/documents/${KC05}/files/${fid}`, T['xa.mauson'], {}, 403, 'out_of_scope');
  await refused('POST', `/api/documents/${KC05}/files`, T['xa.mauson'], multipart('x.pdf', Buffer.from('%PDF-1.4')), 403, 'out_of_scope');
  const mine = await s.api('GET', `/api/documents/${KC05}/files/${fid}`, T['xa.khangchien']);
  assert.equal(mine.status, 200);
});

test('access: tasks of one commune are not another\'s to see or give', async () => {
  const M = T['xa.mauson'];
  await refused('GET', `/api/tasks/${TASK_OPEN}`, M, {}, 403, 'out_of_scope');
  const list = await s.api('GET', '/api/tasks?limit=1000', M);
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.items, []);
  assert.deepEqual((await s.api('GET', '/api/tasks/overdue', M)).body.items, []);
  await refused('POST', `/api/tasks/${TASK_OPEN}/updates`, M, { body: { status: 'in_progress', progress: 70 } }, 403, 'out_of_scope');
  // From the province's plan, which it reads, to the other commune: not its to give.
  await refused('POST', '/api/tasks', M, { body: { document: LS111, title: 'Giao sang xã khác', unit: 'KHANGCHIEN' } }, 403, 'out_of_scope');
  await refused('GET', '/api/tasks?unit=KHANGCHIEN', M, {}, 403, 'out_of_scope');
  // A commune gives no task to a post that does not serve it, even from its own plan.
  await refused('POST', '/api/tasks', T['xa.khangchien'], { body: { document: KC05, title: 'Giao cho đồn khác', unit: 'DBP-BASON' } }, 403, 'out_of_scope');
});
