// households_csv.test.mjs - the households' CSV over HTTP and at the
// command line: an import as text/csv and as a multipart upload, all or
// nothing with every bad row and its line, the same file refused
// (import_duplicate), a non-UTF-8 file named (csv_encoding), the export
// with the formula guard, and an export imported back into another
// database giving the same records.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, cli } from '../lib/server.mjs';

let s;
let MS;
let A;
const HEADER = 'kind,name,village,unit,phone,people,post,from,to,km,segments,markers';

before(async () => {
  s = await startServer();
  A = { token: await s.login('admin') };
  MS = { token: await s.login('xa.mauson') };
});

after(async () => { await s?.stop(); });

const csv = (rows) => `${HEADER}\r\n${rows.join('\r\n')}\r\n`;
const upload = (text, who = MS, type = 'text/csv; charset=utf-8') =>
  s.api('POST', '/api/households/import', { ...who, raw: text, headers: { 'Content-Type': type } });

async function count(who = MS) {
  const r = await s.api('GET', '/api/households?limit=1000', who);
  assert.equal(r.status, 200);
  return r.body.items.length;
}

// Two segments of Ba Sơn's stretch, named as a spreadsheet names them.
async function basonSegments() {
  const r = await s.api('GET', '/api/segments?limit=1000', MS);
  assert.equal(r.status, 200, r.text);
  return r.body.items.filter((x) => x.post.code === 'DBP-BASON').sort((a, b) => a.from.number.localeCompare(b.from.number)).slice(0, 2);
}

test('an import: households and collectives with their registrations, by marker numbers', async () => {
  const [a, b] = await basonSegments();
  const before = await count();
  const text = csv([
    `household,Lý Văn Sềnh,Bản Pò Lọi,MAUSON,0988111222,4,DBP-BASON,2023-01-01,2023-12-31,,${a.from.number}-${a.to.number},${a.from.number};${a.to.number}`,
    `collective,=Chi đoàn thôn Phiêng Khảo,MAUSON-PHIEKHAO,,,30,DBP-BASON,2023-02-01,,"5,2",${b.from.number}-${b.to.number} ${a.id},`,
    'household,Hoàng Thị Nhung,MAUSON-KHONPO,,,3,,,,,,',
  ]);
  const r = await upload(text);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.rows, 3);
  assert.deepEqual(r.body.households, { created: 3, updated: 0, unchanged: 0 });
  assert.deepEqual(r.body.registrations, { created: 2, updated: 0, unchanged: 0 });
  assert.equal(await count(), before + 3);
  const list = (await s.api('GET', '/api/households?q=Chi%20%C4%91o%C3%A0n&limit=10', MS)).body.items;
  assert.equal(list.length, 1);
  const page = (await s.api('GET', `/api/households/${list[0].id}`, MS)).body;
  assert.equal(page.name, '=Chi đoàn thôn Phiêng Khảo');
  assert.equal(page.kind, 'collective');
  assert.equal(page.registrations.length, 1);
  // 5,2 km handed out in order: all of the first listed segment, the rest to the next.
  const g = page.registrations[0];
  assert.equal(g.km, 5.2);
  assert.equal(g.date_to, null);

  // The same file again is refused and doubles nothing.
  const again = await upload(text);
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, 'import_duplicate');
  assert.equal(await count(), before + 3);
});

test('all or nothing: every bad row with its line and reason', async () => {
  const before = await count();
  const text = csv([
    'household,Đúng,Bản A,MAUSON,,2,,,,,,',
    'family,Sai loại,Bản A,MAUSON,,2,,,,,,',
    'household,Ngoài phạm vi,Bản B,KHANGCHIEN,,2,,,,,,',
    'household,Số người,Bản A,MAUSON,,nhiều,,,,,,',
    'household,Thiếu từ ngày,Bản A,MAUSON,,2,DBP-BASON,,,,,',
    'household,Mốc lạ,Bản A,MAUSON,,2,DBP-BASON,2023-01-01,,,,99999',
    'household,"Ngoặc,Bản A,MAUSON,,2,,,,,,',
  ]);
  const r = await upload(text);
  assert.equal(r.status, 403, r.text);  // a row out of scope makes the whole answer 403
  assert.equal(r.body.error.code, 'import_rejected');
  const byLine = Object.fromEntries(r.body.problems.map((p) => [p.where, p.code]));
  assert.equal(byLine[3], 'enum_invalid');
  assert.equal(byLine[4], 'out_of_scope');
  assert.equal(byLine[5], 'number_invalid');
  assert.equal(byLine[6], 'field_required');
  assert.equal(byLine[7], 'marker_not_found');
  assert.equal(byLine[8], 'csv_quote');
  assert.equal(byLine[2], undefined);
  assert.equal(await count(), before, 'a rejected file stored something');
  // Without the out-of-scope row it is 422; fixed, the same rows import (a new file).
  const r2 = await upload(csv(['household,Đúng,Bản A,MAUSON,,2,,,,,,', 'family,Sai,Bản A,MAUSON,,2,,,,,,']));
  assert.equal(r2.status, 422);
  assert.equal((await upload(csv(['household,Đúng,Bản A,MAUSON,,2,,,,,,']))).status, 200);
  // Header problems.
  const h = await upload('kind,name,village,cccd\r\nhousehold,A,MAUSON,1\r\n');
  assert.equal(h.status, 422);
  assert.deepEqual(h.body.problems.map((p) => [p.where, p.code]), [[1, 'csv_column_unknown']]);
  const m = await upload('name,village\r\nA,MAUSON\r\n');
  assert.deepEqual(m.body.problems.map((p) => p.code), ['csv_column_missing']);
});

test('a Windows-1258 file is named, not stored garbled', async () => {
  // "Lý Văn" in Windows-1258: ý = 0xFD, ă = 0xE3.
  const bytes = Buffer.concat([Buffer.from(`${HEADER}\r\nhousehold,L`), Buffer.from([0xfd]), Buffer.from(' V'), Buffer.from([0xe3]), Buffer.from('n,B,MAUSON,,1,,,,,,\r\n')]);
  const r = await upload(bytes);
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'csv_encoding');
  assert.match(r.body.error.message_en, /line 2/);
});

test('a multipart upload; a viewer may not import', async () => {
  const form = new FormData();
  form.append('file', new Blob([csv(['household,Tải lên,Bản C,MAUSON,,1,,,,,,'])], { type: 'text/csv' }), 'ho.csv');
  const r = await s.api('POST', '/api/households/import', { ...MS, raw: form });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.rows, 1);
  const v = { token: await s.login('xem.khangchien') };
  const d = await upload(csv(['household,X,Bản,KHANGCHIEN,,1,,,,,,']), v);
  assert.equal(d.status, 403);
  assert.equal(d.body.error.code, 'role_insufficient');
});

test('export: guarded cells, scope, and imported back into another database the same', async () => {
  const r = await s.api('GET', '/api/households/export?unit=MAUSON', MS);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/csv/);
  const lines = r.text.trim().split('\r\n');
  assert.equal(lines[0], 'id,registration_id,kind,name,village,unit,phone,people,post,from,to,km,segments,markers');
  const guarded = lines.find((l) => l.includes('Chi đoàn'));
  assert.ok(guarded.includes(`"'=Chi đoàn thôn Phiêng Khảo"`), guarded);
  assert.ok(!r.text.includes('KHANGCHIEN'));
  const other = await s.api('GET', '/api/households/export', { token: await s.login('xa.khangchien') });
  assert.ok(!other.text.includes('Lý Văn Sềnh'));

  // Into a fresh demo database through the CLI, and out again: the same CSV.
  const dir = mkdtempSync(join(tmpdir(), 'bp-hh-'));
  const file = join(dir, 'ho.csv');
  writeFileSync(file, r.text);
  const s2 = await startServer();
  try {
    const imp = cli(['import', 'households', file, '--db', s2.db]);
    assert.equal(imp.status, 0, imp.stderr);
    const out = cli(['export', 'households', '--unit', 'MAUSON', '--db', s2.db]);
    assert.equal(out.status, 0, out.stderr);
    const sorted = (t) => t.trim().split('\r\n').sort();
    assert.deepEqual(sorted(out.stdout), sorted(r.text));
    const dup = cli(['import', 'households', file, '--db', s2.db]);
    assert.equal(dup.status, 1);
    assert.match(dup.stderr, /import_duplicate/);
  } finally {
    await s2.stop();
  }
});
