// direction_cli.test.mjs - the direction commands of the CLI (document
// list, document tree, task list, agreement renew) run as a binary on the
// demo database that a live server uses, checked line by line, and what
// they write read back through the API. Errors: the code on standard
// error and a non-zero exit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

const TODAY = '2026-04-15';
const DOC_TW_99 = '0d0c0000-0000-4000-8000-000000000099';
const DOC_KHANGCHIEN_05 = '0d0c0000-0000-4000-8000-000000000005';
const DEMO_AGREEMENT = 'dec00002-0000-4000-8000-000000000001';
const env = { BIENPHONG_TODAY: TODAY };

let s;
const tok = {};
const run = (...args) => s.cli(args, { env });
const lines = (out) => out.split('\n').filter((l) => l !== '');
const ok = (r) => { assert.equal(r.status, 0, r.stderr); assert.equal(r.stderr, ''); return lines(r.stdout); };
function fails(r, status, code) {
  assert.equal(r.status, status, r.stdout + r.stderr);
  assert.equal(r.stdout, '');
  if (code) assert.match(r.stderr, new RegExp(`lỗi: .+\\n.*error: .+ \\[${code}\\]`), r.stderr);
}

before(async () => {
  s = await startServer({ env });
  for (const u of ['admin', 'xa.khangchien', 'xa.mauson']) tok[u] = await s.login(u);
});

after(async () => { await s?.stop(); });

test('document list: the demo cascade, newest first, one document a line, filtered by unit and kind', () => {
  const all = ok(run('document', 'list')).map((l) => l.split('\t'));
  for (const f of all) assert.equal(f.length, 7, f.join('|'));
  assert.deepEqual(all.map((f) => f[3]), ['05/KH-UBND', '111/KH-UBND', '89/QĐ-TTg', '99-KL/TW']);
  assert.deepEqual(all[0].slice(0, 6), [DOC_KHANGCHIEN_05, '2025-10-28', 'ke_hoach', '05/KH-UBND', 'KHANGCHIEN', 'UBND xã Kháng Chiến']);
  // A national document has no unit: "-".
  assert.deepEqual(all[3].slice(0, 6), [DOC_TW_99, '2024-10-17', 'ket_luan', '99-KL/TW', '-', 'Bộ Chính trị']);
  assert.deepEqual(ok(run('document', 'list', '--unit', 'KHANGCHIEN')).map((l) => l.split('\t')[3]), ['05/KH-UBND']);
  // The province's subtree holds its plan and the commune's.
  assert.deepEqual(ok(run('document', 'list', '--unit', 'LS')).map((l) => l.split('\t')[3]), ['05/KH-UBND', '111/KH-UBND']);
  assert.deepEqual(ok(run('document', 'list', '--kind', 'ket_luan')).map((l) => l.split('\t')[3]), ['99-KL/TW']);
  assert.deepEqual(ok(run('document', 'list', '--unit', 'national')).map((l) => l.split('\t')[3]), ['89/QĐ-TTg', '99-KL/TW']);
  assert.deepEqual(ok(run('document', 'list', '--unit', 'MAUSON')), []);
});

test('document list: a bad filter is an error with its code', () => {
  fails(run('document', 'list', '--kind', 'thu'), 1, 'document_kind_invalid');
  fails(run('document', 'list', '--unit', 'NO-SUCH'), 1, 'unit_not_found');
  fails(run('document', 'list', '--year', '20x5'), 1, 'year_invalid');
  fails(run('document', 'list', 'extra'), 2);
  fails(run('document'), 2);
  fails(run('document', 'lists'), 2);
});

test('document tree: up to the root and down, indented, the document marked, its tasks counted', async () => {
  // A village's plan carrying out the commune's, registered through the API.
  const child = await s.api('POST', '/api/documents', { token: tok['xa.khangchien'], body: {
    number_symbol: '02/KH-BCT', kind: 'ke_hoach', issued_on: '2025-11-20', issuing_body: 'Ban công tác Mặt trận thôn Nà Pán',
    title: 'Kế hoạch của thôn Nà Pán', unit: 'KHANGCHIEN', implements: DOC_KHANGCHIEN_05 } });
  assert.equal(child.status, 201, child.text);
  const t = ok(run('document', 'tree', '05/KH-UBND'));
  assert.equal(t.length, 5, t.join('\n'));
  assert.match(t[0], /^99-KL\/TW {2}2024-10-17 {2}Bộ Chính trị: Kết luận/);
  assert.match(t[1], /^ {2}89\/QĐ-TTg {2}2025-05-19 {2}Thủ tướng Chính phủ: /);
  assert.match(t[2], /^ {4}111\/KH-UBND {2}2025-07-04 {2}UBND tỉnh Lạng Sơn: .*\[tasks 1: 0 not started, 0 in progress, 1 done, 0 overdue\]$/);
  // As of 15/4/2026 the Pò Mã security team (due 31/3/2026) is overdue.
  assert.match(t[3], /^ {6}\* 05\/KH-UBND {2}2025-10-28 {2}UBND xã Kháng Chiến: .*\[tasks 6: .* 1 overdue\]$/);
  assert.match(t[4], /^ {8}02\/KH-BCT {2}2025-11-20 {2}Ban công tác Mặt trận thôn Nà Pán: Kế hoạch của thôn Nà Pán$/);
  // From the root by its id: the whole chain below it.
  const root = ok(run('document', 'tree', DOC_TW_99));
  assert.deepEqual(root.map((l) => l.match(/^( *)(\* )?(\S+)/).slice(1, 4).map((x) => x ?? '')),
    [['', '* ', '99-KL/TW'], ['  ', '', '89/QĐ-TTg'], ['    ', '', '111/KH-UBND'], ['      ', '', '05/KH-UBND'], ['        ', '', '02/KH-BCT']]);
});

test('document tree: a number that several units wrote is refused with the ids to choose from; unknown ones too', async () => {
  const other = await s.api('POST', '/api/documents', { token: tok['xa.mauson'], body: {
    number_symbol: '05/KH-UBND', issued_on: '2025-11-02', issuing_body: 'UBND xã Mẫu Sơn', title: 'Kế hoạch của xã Mẫu Sơn', unit: 'MAUSON' } });
  assert.equal(other.status, 201, other.text);
  const r = run('document', 'tree', '05/KH-UBND');
  fails(r, 1, 'document_number_ambiguous');
  assert.ok(r.stderr.includes(DOC_KHANGCHIEN_05) && r.stderr.includes(other.body.id), r.stderr);
  // By id, each is found.
  assert.match(ok(run('document', 'tree', other.body.id))[0], /^\* 05\/KH-UBND {2}2025-11-02 {2}UBND xã Mẫu Sơn/);
  fails(run('document', 'tree', '9999/KH-UBND'), 1, 'document_not_found');
  fails(run('document', 'tree', '0d0c0000-0000-4000-8000-00000000dead'), 1, 'document_not_found');
  fails(run('document', 'tree'), 2);
  fails(run('document', 'tree', '05/KH-UBND', '--unit', 'LS'), 2);
});

test('task list: by due date, overdue flagged, filtered by unit and overdue', () => {
  const all = ok(run('task', 'list')).map((l) => l.split('\t'));
  assert.equal(all.length, 7, all.join('\n'));
  for (const f of all) assert.equal(f.length, 8, f.join('|'));
  const due = all.map((f) => f[1]);
  assert.deepEqual(due, [...due].sort());
  const overdue = all.filter((f) => f[4] === 'overdue');
  assert.equal(overdue.length, 1);
  assert.deepEqual(overdue[0].slice(1, 7), ['2026-03-31', 'in_progress', '50%', 'overdue', 'DAOVIEN-POMA', '05/KH-UBND']);
  const o = ok(run('task', 'list', '--overdue')).map((l) => l.split('\t'));
  assert.deepEqual(o.map((f) => f[0]), [overdue[0][0]]);
  assert.deepEqual(ok(run('task', 'list', '--overdue', '--unit', 'KHANGCHIEN')).map((l) => l.split('\t')[0]), [overdue[0][0]]);
  assert.deepEqual(ok(run('task', 'list', '--overdue', '--unit', 'DBP-BINHNGHI')), []);
  // The post's tasks: the one it leads and those it supports (the lead unit shows).
  const post = ok(run('task', 'list', '--unit', 'DBP-BINHNGHI')).map((l) => l.split('\t'));
  assert.equal(post.filter((f) => f[5] === 'DBP-BINHNGHI').length, 1, post.join('\n'));
  assert.ok(post.length < all.length);
  assert.ok(!post.some((f) => f[5] === 'BANBDBP-LS'));
  assert.ok(ok(run('task', 'list', '--status', 'done')).every((l) => l.split('\t')[2] === 'done'));
  fails(run('task', 'list', '--unit', 'NO-SUCH'), 1, 'unit_not_found');
  fails(run('task', 'list', '--status', 'finished'), 1, 'enum_invalid');
  fails(run('task', 'list', '--late'), 2);
  fails(run('task'), 2);
});

test('agreement renew: the 2024 agreement renewed for 2025 as a draft, once; errors with their codes', async () => {
  const r = ok(run('agreement', 'renew', DEMO_AGREEMENT));
  assert.equal(r.length, 1);
  const f = r[0].split('\t');
  assert.deepEqual(f.slice(1, 5), ['created', 'draft', '2025-01-01', '2025-12-31']);
  assert.match(f[5], /năm 2025/);
  // What the command wrote, read back through the API, with its audit row.
  const d = await s.api('GET', `/api/agreements/${f[0]}`, { token: tok.admin });
  assert.equal(d.status, 200, d.text);
  assert.equal(d.body.renewed_from, DEMO_AGREEMENT);
  assert.equal(d.body.commitments.length, 8);
  const log = await s.api('GET', `/api/audit?entity=agreement&entity_id=${f[0]}`, { token: tok.admin });
  assert.equal(log.body.items.length, 1, log.text);
  // Again: the same draft, nothing new.
  assert.deepEqual(ok(run('agreement', 'renew', DEMO_AGREEMENT))[0].split('\t').slice(0, 2), [f[0], 'unchanged']);
  fails(run('agreement', 'renew', f[0]), 1, 'agreement_not_signed');
  fails(run('agreement', 'renew', 'a0000000-0000-4000-8000-00000000dead'), 1, 'agreement_not_found');
  fails(run('agreement', 'renew', 'not-an-id'), 1, 'agreement_not_found');
  fails(run('agreement', 'renew'), 2);
  fails(run('agreement', 'sign', DEMO_AGREEMENT), 2);
  const drafts = await s.api('GET', '/api/agreements?status=draft&limit=1000', { token: tok.admin });
  assert.equal(drafts.body.items.filter((a) => a.renewed_from === DEMO_AGREEMENT).length, 1);
});
