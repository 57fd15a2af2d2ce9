// documents.test.mjs - documents, their cascade and files, and tasks over
// HTTP, against the real server with the demo's cascade (99-KL/TW →
// 89/QĐ-TTg → 111/KH-UBND → 05/KH-UBND) and "today" fixed at 1 May 2026,
// so that which task is overdue does not depend on the day the test runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer } from '../lib/server.mjs';
import { multipart } from '../lib/multipart.mjs';

const TODAY = '2026-05-01';
const DOC = {
  tw99: '0d0c0000-0000-4000-8000-000000000099',
  ttg89: '0d0c0000-0000-4000-8000-000000000089',
  ls111: '0d0c0000-0000-4000-8000-000000000111',
  kc05: '0d0c0000-0000-4000-8000-000000000005',
};

let s;
const T = {};

before(async () => {
  s = await startServer({ env: { BIENPHONG_TODAY: TODAY } });
  for (const u of ['admin', 'tinh.bdbp', 'xa.khangchien', 'xem.khangchien', 'xa.mauson', 'don.binhnghi'])
    T[u] = { token: await s.login(u) };
});

after(async () => { await s?.stop(); });

async function get(path, who = T.admin) {
  const r = await s.api('GET', path, who);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.body;
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x41), Buffer.from('\n%%EOF\n')]);

test('the seeds\' cascade, seen from the commune: up to 99-KL/TW, with the commune plan\'s tasks', async () => {
  const c = await get(`/api/documents/${DOC.kc05}/cascade`, T['xa.khangchien']);
  assert.deepEqual(c.ancestors.map((n) => n.number_symbol), ['99-KL/TW', '89/QĐ-TTg', '111/KH-UBND']);
  assert.deepEqual(c.ancestors.map((n) => n.issued_on), ['2024-10-17', '2025-05-19', '2025-07-04']);
  assert.deepEqual(c.ancestors.map((n) => n.issuing_body), ['Bộ Chính trị', 'Thủ tướng Chính phủ', 'UBND tỉnh Lạng Sơn']);
  assert.equal(c.document.number_symbol, '05/KH-UBND');
  assert.equal(c.document.unit.code, 'KHANGCHIEN');
  assert.deepEqual(c.document.children, []);
  // Six tasks: two done, three in progress, one not started; one overdue on 1 May 2026.
  assert.deepEqual(c.document.tasks, { total: 6, not_started: 1, in_progress: 3, done: 2, overdue: 1 });
  // The province's own task (to its Border Guard board) is not the commune's to see.
  assert.equal(c.ancestors[2].tasks.total, 0);
  // From the top, the province admin sees the whole chain down.
  const top = await get(`/api/documents/${DOC.tw99}/cascade`);
  assert.deepEqual(top.ancestors, []);
  const chain = [];
  for (let n = top.document; n; n = n.children[0]) chain.push(n.number_symbol);
  assert.deepEqual(chain, ['99-KL/TW', '89/QĐ-TTg', '111/KH-UBND', '05/KH-UBND']);
  assert.equal(top.document.children[0].children[0].tasks.total, 1);
  // Another commune reads the province's plan but not below it.
  const m = await get(`/api/documents/${DOC.ls111}/cascade`, T['xa.mauson']);
  assert.deepEqual(m.ancestors.map((n) => n.number_symbol), ['99-KL/TW', '89/QĐ-TTg']);
  assert.deepEqual(m.document.children, []);
  assert.ok(!m.text?.includes('KHANGCHIEN'));
});

test('one document: the number and symbol as written and parsed, the implemented document, no files', async () => {
  const d = await get(`/api/documents/${DOC.kc05}`, T['xem.khangchien']);
  assert.equal(d.kind, 'ke_hoach');
  assert.equal(d.number_symbol, '05/KH-UBND');
  assert.equal(d.symbol_parsed, true);
  assert.deepEqual(d.symbol, { number: 5, year: null, kind: 'KH', issuer: 'UBND' });
  assert.equal(d.implements.id, DOC.ls111);
  assert.equal(d.implements.number_symbol, '111/KH-UBND');
  assert.deepEqual(d.files, []);
  const tw = await get(`/api/documents/${DOC.tw99}`, T['xa.mauson']);
  assert.equal(tw.unit, null);
  assert.deepEqual(tw.symbol, { number: 99, year: null, kind: 'KL', issuer: 'TW' });
});

test('lists: by kind, year, unit, national, text, the documents implementing one; pages', async () => {
  const ids = (b) => b.items.map((d) => d.number_symbol);
  assert.deepEqual(ids(await get('/api/documents')), ['05/KH-UBND', '111/KH-UBND', '89/QĐ-TTg', '99-KL/TW']);
  assert.deepEqual(ids(await get('/api/documents?kind=ke_hoach')), ['05/KH-UBND', '111/KH-UBND']);
  assert.deepEqual(ids(await get('/api/documents?year=2024')), ['99-KL/TW']);
  assert.deepEqual(ids(await get('/api/documents?unit=national')), ['89/QĐ-TTg', '99-KL/TW']);
  assert.deepEqual(ids(await get('/api/documents?unit=KHANGCHIEN')), ['05/KH-UBND']);
  // The number, or the title that cites it.
  assert.deepEqual(ids(await get('/api/documents?q=89/Q')), ['111/KH-UBND', '89/QĐ-TTg']);
  assert.deepEqual(ids(await get('/api/documents?q=99-kl')), ['111/KH-UBND', '89/QĐ-TTg', '99-KL/TW']);
  assert.deepEqual(ids(await get('/api/documents?q=kế hoạch thực hiện quyết định')), ['111/KH-UBND']);
  assert.deepEqual(ids(await get(`/api/documents?implements=${DOC.ttg89}`)), ['111/KH-UBND']);
  // A commune lists the national documents, the province's and its own, not another commune's.
  assert.deepEqual(ids(await get('/api/documents', T['xa.mauson'])), ['111/KH-UBND', '89/QĐ-TTg', '99-KL/TW']);
  assert.deepEqual(ids(await get('/api/documents', T['xa.khangchien'])), ['05/KH-UBND', '111/KH-UBND', '89/QĐ-TTg', '99-KL/TW']);
  const paged = [];
  let cursor = null;
  do {
    const p = await get(`/api/documents?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    paged.push(...ids(p));
    cursor = p.next_cursor;
  } while (cursor);
  assert.deepEqual(paged, ['05/KH-UBND', '111/KH-UBND', '89/QĐ-TTg', '99-KL/TW']);
  for (const [q, code] of [['kind=luat_x', 'document_kind_invalid'], ['year=20x4', 'year_invalid'], ['cursor=abc', 'cursor_invalid'],
    ['unit=NOPE', 'unit_not_found'], ['implements=x', 'id_invalid']]) {
    const r = await s.api('GET', `/api/documents?${q}`, T.admin);
    assert.equal(r.status, q.startsWith('unit') ? 404 : 400, r.text);
    assert.equal(r.body.error.code, code);
  }
});

test('a document written with a client id: retried, replaced, patched, deleted, each audited', async () => {
  const id = randomUUID();
  const body = { id, number_symbol: '12/KH-UBND', issued_on: '2025-11-20', issuing_body: 'UBND xã Kháng Chiến',
    title: 'Kế hoạch tuyên truyền Ngày Biên phòng toàn dân', unit: 'KHANGCHIEN', implements: DOC.kc05 };
  const audit0 = (await get(`/api/audit?entity_id=${id}`)).items.length;
  const a = await s.api('POST', '/api/documents', { ...T['xa.khangchien'], body });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.body.kind, 'ke_hoach', 'the kind comes from the symbol');
  assert.equal(a.body.warnings, undefined);
  const again = await s.api('POST', '/api/documents', { ...T['xa.khangchien'], body });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body.id, id);
  const clash = await s.api('POST', '/api/documents', { ...T['xa.khangchien'], body: { ...body, title: 'Khác' } });
  assert.equal(clash.status, 409);
  assert.equal(clash.body.error.code, 'id_conflict');
  const put = await s.api('PUT', `/api/documents/${id}`, { ...T['xa.khangchien'], body: { ...body, summary: 'Tóm tắt' } });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.body.summary, 'Tóm tắt');
  const patch = await s.api('PATCH', `/api/documents/${id}`, { ...T['xa.khangchien'], body: { number_symbol: '12/TB-UBND' } });
  assert.equal(patch.status, 200, patch.text);
  assert.equal(patch.body.kind, 'thong_bao', 'a new symbol brings its kind');
  assert.equal(patch.body.summary, 'Tóm tắt');
  // It now stands under 05/KH-UBND in the cascade.
  const c = await get(`/api/documents/${DOC.kc05}/cascade`, T['xa.khangchien']);
  assert.deepEqual(c.document.children.map((n) => n.number_symbol), ['12/TB-UBND']);
  // 05/KH-UBND cannot be deleted while it has tasks and this one.
  const busy = await s.api('DELETE', `/api/documents/${DOC.kc05}`, T.admin);
  assert.equal(busy.status, 409);
  assert.equal(busy.body.error.code, 'document_in_use');
  const del = await s.api('DELETE', `/api/documents/${id}`, T['xa.khangchien']);
  assert.equal(del.status, 204, del.text);
  assert.equal((await s.api('GET', `/api/documents/${id}`, T['xa.khangchien'])).status, 404);
  // Rows of one second come in no set order.
  const actions = (await get(`/api/audit?entity_id=${id}`)).items.map((x) => x.action);
  assert.equal(audit0, 0);
  assert.deepEqual(actions.sort(), ['create', 'delete', 'update', 'update']);
});

test('national documents: a top-level admin writes them, no one below', async () => {
  const body = { number_symbol: '44-NQ/TW', issued_on: '2023-11-24', issuing_body: 'Ban Chấp hành Trung ương',
    title: 'Nghị quyết về Chiến lược bảo vệ Tổ quốc trong tình hình mới' };
  const ok = await s.api('POST', '/api/documents', { ...T.admin, body });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.body.kind, 'nghi_quyet');
  assert.equal(ok.body.unit, null);
  // Its audit row is the writer's unit's, so the province's admins see it.
  const audit = await get(`/api/audit?entity_id=${ok.body.id}`);
  assert.equal(audit.items.length, 1);
  for (const who of ['tinh.bdbp', 'xa.mauson', 'xa.khangchien']) {
    const r = await s.api('POST', '/api/documents', { ...T[who], body: { ...body, number_symbol: '45-NQ/TW' } });
    assert.equal(r.status, 403, `${who}: ${r.text}`);
    assert.equal(r.body.error.code, 'document_national_write');
    const p = await s.api('PATCH', `/api/documents/${DOC.tw99}`, { ...T[who], body: { summary: 'x' } });
    assert.equal(p.status, 403, `${who}: ${p.text}`);
  }
  // Everyone reads it.
  assert.equal((await get(`/api/documents/${ok.body.id}`, T['xem.khangchien'])).number_symbol, '44-NQ/TW');
});

test('tasks: the commune gives one to its post, the post reports, the board filters, done ends it', async () => {
  const id = randomUUID();
  const body = { id, document: DOC.kc05, title: 'Tuần tra song phương đoạn mốc 1116–1117', unit: 'DBP-BINHNGHI',
    supporting: ['QUOCKHANH-NAPAN'], due_on: '2026-06-30' };
  const a = await s.api('POST', '/api/tasks', { ...T['xa.khangchien'], body });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.body.status, 'not_started');
  assert.equal(a.body.progress, 0);
  assert.equal(a.body.overdue, false);
  assert.deepEqual(a.body.supporting.map((u) => u.code), ['QUOCKHANH-NAPAN']);
  assert.equal(a.body.document.number_symbol, '05/KH-UBND');
  assert.equal((await s.api('POST', '/api/tasks', { ...T['xa.khangchien'], body })).status, 200, 'a retry');
  // The lead post sees it and reports; the commune sees it; another commune does not.
  assert.equal((await get(`/api/tasks/${id}`, T['don.binhnghi'])).title, body.title);
  const other = await s.api('GET', `/api/tasks/${id}`, T['xa.mauson']);
  assert.equal(other.status, 403);
  const u1 = await s.api('POST', `/api/tasks/${id}/updates`, { ...T['don.binhnghi'], body: { date: '2026-04-10', status: 'in_progress', progress: 40, note: 'Đã tuần tra 2 lần' } });
  assert.equal(u1.status, 201, u1.text);
  assert.equal(u1.body.status, 'in_progress');
  assert.equal(u1.body.progress, 40);
  // Board filters.
  const byUnit = await get('/api/tasks?unit=DBP-BINHNGHI&limit=1000', T['xa.khangchien']);
  assert.ok(byUnit.items.some((t) => t.id === id));
  assert.ok(byUnit.items.every((t) => t.unit.code === 'DBP-BINHNGHI' || t.supporting.some((x) => x.code === 'DBP-BINHNGHI')));
  const prog = await get('/api/tasks?status=in_progress&limit=1000', T['xa.khangchien']);
  assert.ok(prog.items.every((t) => t.status === 'in_progress') && prog.items.some((t) => t.id === id));
  const od = await get('/api/tasks/overdue', T['xa.khangchien']);
  assert.deepEqual(od.items.map((t) => t.title), ['Rà soát, củng cố tổ an ninh thôn Pò Mã']);
  assert.ok(od.items.every((t) => t.overdue));
  assert.deepEqual((await get('/api/tasks?overdue=1', T['xa.khangchien'])).items.map((t) => t.id), od.items.map((t) => t.id));
  const ofDoc = await get(`/api/tasks?document=${DOC.kc05}&limit=1000`, T['xa.khangchien']);
  assert.equal(ofDoc.items.length, 7);
  // Ordered by due date; pages follow on.
  const dues = ofDoc.items.map((t) => t.due_on);
  assert.deepEqual(dues, [...dues].sort());
  const paged = [];
  let cursor = null;
  do {
    const p = await get(`/api/tasks?document=${DOC.kc05}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, T['xa.khangchien']);
    paged.push(...p.items.map((t) => t.id));
    cursor = p.next_cursor;
  } while (cursor);
  assert.deepEqual(paged, ofDoc.items.map((t) => t.id));
  // Done on the due date's far side: late; done_on set; nothing after it.
  const done = await s.api('POST', `/api/tasks/${id}/updates`, { ...T['xa.khangchien'], body: { date: '2026-04-30', status: 'done', note: 'Hoàn thành' } });
  assert.equal(done.status, 201, done.text);
  assert.equal(done.body.status, 'done');
  assert.equal(done.body.progress, 100);
  assert.equal(done.body.done_on, '2026-04-30');
  assert.equal(done.body.late, false);
  assert.deepEqual(done.body.updates.map((x) => x.status), ['in_progress', 'done']);
  // A viewer reads but does not report.
  const v = await s.api('POST', '/api/tasks/0d0c7a5c-0000-4000-8000-000000000007/updates', { ...T['xem.khangchien'], body: { status: 'in_progress', progress: 10 } });
  assert.equal(v.status, 403);
  const actions = (await get(`/api/audit?entity_id=${id}`)).items.map((x) => x.action);
  assert.deepEqual(actions.sort(), ['create', 'progress', 'progress']);
  // A patch moves the due date; a task without updates can be deleted, one with them not.
  const t2 = await s.api('POST', '/api/tasks', { ...T['xa.khangchien'], body: { title: 'Tạm', unit: 'KHANGCHIEN', due_on: '2026-07-01' } });
  assert.equal(t2.status, 201, t2.text);
  const p2 = await s.api('PATCH', `/api/tasks/${t2.body.id}`, { ...T['xa.khangchien'], body: { due_on: '2026-08-01', supporting: ['DAOVIEN-POMA'] } });
  assert.equal(p2.status, 200, p2.text);
  assert.equal(p2.body.due_on, '2026-08-01');
  assert.deepEqual(p2.body.supporting.map((u) => u.code), ['DAOVIEN-POMA']);
  assert.equal((await s.api('DELETE', `/api/tasks/${t2.body.id}`, T['xa.khangchien'])).status, 204);
  const busy = await s.api('DELETE', `/api/tasks/${id}`, T['xa.khangchien']);
  assert.equal(busy.status, 409);
  assert.equal(busy.body.error.code, 'task_has_updates');
});

test('files: a PDF attached, listed, downloaded with its Vietnamese name, removed', async () => {
  const name = 'Kế hoạch 05-KH-UBND (bản ký).pdf';
  const fid = randomUUID();
  const up = await s.api('POST', `/api/documents/${DOC.kc05}/files?id=${fid}`, { ...T['xa.khangchien'], ...multipart(name, PDF, 'application/pdf') });
  assert.equal(up.status, 201, up.text);
  assert.equal(up.body.id, fid);
  assert.equal(up.body.file_name, name);
  assert.equal(up.body.content_type, 'application/pdf');
  assert.equal(up.body.size, PDF.length);
  // A retried upload is stored once.
  const again = await s.api('POST', `/api/documents/${DOC.kc05}/files?id=${fid}`, { ...T['xa.khangchien'], ...multipart(name, PDF, 'application/pdf') });
  assert.equal(again.status, 200, again.text);
  const d = await get(`/api/documents/${DOC.kc05}`, T['xem.khangchien']);
  assert.deepEqual(d.files.map((f) => f.id), [fid]);
  const res = await fetch(`${s.base}/api/documents/${DOC.kc05}/files/${fid}`, { headers: { Authorization: `Bearer ${T['xem.khangchien'].token}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const cd = res.headers.get('content-disposition');
  assert.match(cd, /^attachment; filename="K_ ho_ch 05-KH-UBND \(b_n k_\)\.pdf"; filename\*=UTF-8''/);
  assert.equal(decodeURIComponent(cd.split("UTF-8''")[1]), name);
  assert.ok(Buffer.from(await res.arrayBuffer()).equals(PDF));
  // A DOCX (a ZIP) and a PNG are taken too.
  const docx = await s.api('POST', `/api/documents/${DOC.kc05}/files`, { ...T['xa.khangchien'], ...multipart('phu-luc.docx', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100)])) });
  assert.equal(docx.status, 201, docx.text);
  assert.equal(docx.body.content_type, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const png = await s.api('POST', `/api/documents/${DOC.kc05}/files`, { ...T['xa.khangchien'], ...multipart('anh.PNG', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(50)])) });
  assert.equal(png.status, 201, png.text);
  // A viewer downloads but neither uploads nor removes.
  const vu = await s.api('POST', `/api/documents/${DOC.kc05}/files`, { ...T['xem.khangchien'], ...multipart('x.pdf', PDF) });
  assert.equal(vu.status, 403);
  const vd = await s.api('DELETE', `/api/documents/${DOC.kc05}/files/${fid}`, T['xem.khangchien']);
  assert.equal(vd.status, 403);
  const del = await s.api('DELETE', `/api/documents/${DOC.kc05}/files/${fid}`, T['xa.khangchien']);
  assert.equal(del.status, 204, del.text);
  assert.equal((await s.api('GET', `/api/documents/${DOC.kc05}/files/${fid}`, T['xa.khangchien'])).status, 404);
  const audit = (await get(`/api/audit?entity_id=${fid}`)).items.map((x) => x.action);
  assert.deepEqual(audit.sort(), ['create', 'delete']);
});
