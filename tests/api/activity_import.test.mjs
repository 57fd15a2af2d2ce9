// activity_import.test.mjs - activities in files over HTTP and the CLI:
// the CSV import all or nothing (every bad line reported with its line
// and reason), the same file twice refused, a file in an old Vietnamese
// encoding named, the CSV and XLSX templates (the XLSX opened by GDAL and
// unzipped, the CSV imported back as it is once filled), and the export
// with its formula guard, which imports back without doubling anything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';

let s;
let A;   // the province admin
let KC;  // the editor of xã Kháng Chiến
let dir;

before(async () => {
  s = await startServer();
  A = { token: await s.login('admin') };
  KC = { token: await s.login('xa.khangchien') };
  dir = mkdtempSync(join(tmpdir(), 'bienphong-actimp-'));
});

after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await s?.stop();
});

const CSV = { 'Content-Type': 'text/csv' };

async function count(who = A) {
  const r = await s.api('GET', '/api/activities?limit=1000', who);
  assert.equal(r.status, 200, r.text);
  return r.body.items.length;
}

test('a CSV imports whole; the same bytes again are refused with import_duplicate', async () => {
  const csv = 'id,type,unit,date_from,date_to,title,notes,buoi,luot_nguoi,to_roi,bo_tai_lieu\n'
    + '5e000000-0000-4000-8000-000000000001,tuyen_truyen,TD-QUOCKHANH,2023-03-03,,Tuyên truyền tại Nà Pán,"Có ""già làng"", trưởng bản",1,120,,\n'
    + ',phat_tai_lieu,TD-DAOVIEN,2023-03-04,2023-03-05,"Phát tờ rơi, tài liệu",,,,500,12\n';
  const before = await count();
  const audits = (await s.api('GET', '/api/audit?limit=1000', A)).body.items.length;
  let r = await s.api('POST', '/api/activities/import', { ...KC, raw: csv, headers: CSV });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.created, 2);
  assert.equal(r.body.values, 4);
  assert.equal(await count(), before + 2);
  const audit = (await s.api('GET', '/api/audit?limit=1000', A)).body.items;
  assert.equal(audit.length, audits + 1, 'one audit row for the import');
  assert.equal(audit[0].action, 'import_activities');
  r = await s.api('POST', '/api/activities/import', { ...KC, raw: csv, headers: CSV });
  assert.equal(r.status, 409);
  assert.equal(r.body.error.code, 'import_duplicate');
  assert.equal(await count(), before + 2);
  const a = await s.api('GET', '/api/activities/5e000000-0000-4000-8000-000000000001', KC);
  assert.equal(a.body.notes, 'Có "già làng", trưởng bản');
  // The same rows in other bytes (a file saved again): ids keep them single.
  r = await s.api('POST', '/api/activities/import', { ...KC, raw: `${csv.split('\n').slice(0, 2).join('\r\n')}\r\n`, headers: CSV });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.body.created, r.body.unchanged], [0, 1]);
  assert.equal(await count(), before + 2);
});

test('a bad file: every bad line with its line and reason, nothing stored', async () => {
  const csv = 'type,unit,date_from,date_to,title,buoi,luot_nguoi,km\n'
    + 'tuyen_truyen,TD-QUOCKHANH,2023-03-03,,Đúng,1,100,\n'           // 2: fine
    + 'tuyen_truyen,TD-QUOCKHANH,2023-03-03,,Số có dấu chấm,1,14.000,\n' // 3
    + 'tuyen_truyen,TD-QUOCKHANH,2023-03-03,,Thiếu lượt người,1,,\n'    // 4
    + 'tuyen_truyen,TD-QUOCKHANH,2023-03-03,,Có km,1,5,2\n'             // 5
    + 'tuyen_truyen,TD-QUOCKHANH,2023-03-03,,Âm,-1,5,\n'                // 6
    + 'tuyen_truyen,TD-QUOCKHANH,2023-03-03,2023-03-01,Ngày ngược,1,5,\n' // 7
    + 'tuyen_truyen,TD-QUOCKHANH,03/03/2023,,Ngày sai,1,5,\n'            // 8
    + 'bong_da,TD-QUOCKHANH,2023-03-03,,Loại lạ,1,5,\n'                  // 9
    + 'tuyen_truyen,NOPE,2023-03-03,,Đơn vị lạ,1,5,\n'                   // 10
    + 'tuyen_truyen,TD-QUOCKHANH,2023-03-03,,Thiếu cột\n'                // 11
    + 'tuyen_truyen,TD-QUOCKHANH,2023-03-03,,Số lẻ,1.5,5,\n';           // 12
  const before = await count();
  const r = await s.api('POST', '/api/activities/import', { ...KC, raw: csv, headers: CSV });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.body.error.code, 'import_rejected');
  assert.deepEqual(r.body.problems.map((p) => [p.where, p.code]), [
    [3, 'value_ambiguous'], [4, 'indicator_required'], [5, 'indicator_not_in_type'], [6, 'value_negative'],
    [7, 'activity_dates'], [8, 'date_invalid'], [9, 'activity_type_unknown'], [10, 'unit_not_found'],
    [11, 'csv_columns'], [12, 'value_not_integer']]);
  for (const p of r.body.problems) assert.ok(p.message_vi && p.message_en);
  assert.equal(await count(), before);
  // A line of another scope makes the answer 403, as the same write would.
  const other = 'type,unit,date_from,title,buoi,luot_nguoi\ntuyen_truyen,LB-MAUSON,2023-03-03,Mẫu Sơn,1,5\n';
  const o = await s.api('POST', '/api/activities/import', { ...KC, raw: other, headers: CSV });
  assert.equal(o.status, 403, o.text);
  assert.equal(o.body.problems[0].code, 'out_of_scope');
  // Unknown columns are reported once, from the header.
  const u = await s.api('POST', '/api/activities/import', { ...KC, raw: 'type,unit,date_from,title,bong\n', headers: CSV });
  assert.equal(u.status, 422);
  assert.deepEqual(u.body.problems.map((p) => [p.where, p.code, p.field]), [[1, 'csv_column_unknown', 'bong']]);
  assert.equal(await count(), before);
});

test('an old-Excel file is named, not garbled; a viewer imports nothing; a non-CSV body is refused', async () => {
  // "Tuyên truyền" in Windows-1258: u + 0xEA (ê) ... with the combining tone marks.
  const head = Buffer.from('type,unit,date_from,title,buoi,luot_nguoi\ntuyen_truyen,TD-QUOCKHANH,2023-03-03,');
  const title = Buffer.from([0x54, 0x75, 0x79, 0xEA, 0xEC, 0x6E, 0x20, 0x74, 0x72, 0x75, 0x79, 0xEA, 0xEC, 0x6E]);
  const body = Buffer.concat([head, title, Buffer.from(',1,5\n')]);
  let r = await s.api('POST', '/api/activities/import', { ...KC, raw: body, headers: CSV });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.error.code, 'csv_encoding');
  assert.match(r.body.error.message_en, /Windows-1258/);
  const viewer = { token: await s.login('xem.khangchien') };
  r = await s.api('POST', '/api/activities/import', { ...viewer, raw: 'type\n', headers: CSV });
  assert.equal(r.status, 403);
  r = await s.api('POST', '/api/activities/import', { ...KC, body: { a: 1 } });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'format_unknown');
  // A browser's upload (multipart/form-data) is taken too.
  const form = new FormData();
  form.append('file', new Blob(['type,unit,date_from,title,ho\nky_cam_ket,TD-DAOVIEN,2023-06-01,Ký cam kết,25\n'], { type: 'text/csv' }), 'cam_ket.csv');
  const res = await fetch(`${s.base}/api/activities/import`, { method: 'POST', headers: { Authorization: `Bearer ${KC.token}` }, body: form });
  assert.equal(res.status, 200, await res.text());
});

test('the templates: CSV imports back as it is once filled; XLSX opens in GDAL with its sheets', async () => {
  let r = await s.api('GET', '/api/activities/template?type=phat_quang_tu_sua&format=csv', KC);
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /text\/csv/);
  const lines = r.text.split('\r\n');
  assert.equal(lines[0], 'id,type,unit,date_from,date_to,title,notes,lon,lat,marker,organisers,participants,lan,luot_nguoi,km,ngay_cong');
  assert.ok(lines[1].startsWith('# '));
  assert.match(lines[1], /lượt người\) - bắt buộc/);
  const filled = `${r.text}id_none_placeholder\n`.replace('id_none_placeholder\n', ',phat_quang_tu_sua,TD-DAOVIEN,2023-08-01,,Phát quang đường tuần tra,,,,,DBP-POMA,,1,25,"3,5",40\n');
  const imp = await s.api('POST', '/api/activities/import', { ...KC, raw: filled, headers: CSV });
  assert.equal(imp.status, 200, imp.text);
  assert.equal(imp.body.created, 1);
  r = await fetch(`${s.base}/api/activities/template?type=tuyen_truyen&format=xlsx`, { headers: { Authorization: `Bearer ${KC.token}` } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
  const file = join(dir, 'tuyen_truyen.xlsx');
  writeFileSync(file, Buffer.from(await r.arrayBuffer()));
  const info = spawnSync('ogrinfo', ['-ro', '-al', '-so', file], { encoding: 'utf8' });
  assert.equal(info.status, 0, info.stderr);
  assert.match(info.stdout, /Layer name: Hoạt động/);
  assert.match(info.stdout, /Layer name: Chỉ tiêu/);
  const sheet = spawnSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
  assert.equal(sheet.status, 0, sheet.stderr);
  assert.match(sheet.stdout, /<dataValidation type="whole"/);
  assert.match(sheet.stdout, /<pane ySplit="2"/);
  const strings = spawnSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' }).stdout;
  for (const t of ['luot_nguoi', 'Số lượt người (lượt người) - bắt buộc / required', 'date_from', 'organisers', 'participants']) assert.ok(strings.includes(t), t);
  const styles = spawnSync('unzip', ['-p', file, 'xl/styles.xml'], { encoding: 'utf8' }).stdout;
  assert.match(styles, /<b\/>/);
  // The CLI writes the same template.
  const out = join(dir, 'cli.xlsx');
  const c = s.cli(['template', 'activities', '--type', 'tuyen_truyen', '-o', out]);
  assert.equal(c.status, 0, c.stderr);
  assert.equal(readFileSync(out).subarray(0, 2).toString(), 'PK');
  for (const [q, code] of [['type=bong_da', 'activity_type_unknown'], ['type=tuyen_truyen&format=pdf', 'format_activities'], ['', 'field_required']]) {
    const b = await s.api('GET', `/api/activities/template?${q}`, KC);
    assert.equal(b.status, 400, q);
    assert.equal(b.body.error.code, code, q);
  }
});

test('the export: guarded against formulas, scoped, and it imports back without doubling', async () => {
  let r = await s.api('POST', '/api/activities', { ...KC, body: { type: 'tuyen_truyen', unit: 'TD-TRIPHUONG', date_from: '2023-09-09',
    title: '=HYPERLINK("http://evil.example","bấm")', notes: '+1 ghi chú', values: { buoi: 1, luot_nguoi: 33 } } });
  assert.equal(r.status, 201, r.text);
  const id = r.body.id;
  r = await s.api('GET', '/api/activities/export?format=csv&unit=KHANGCHIEN', KC);
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-disposition'), /attachment/);
  const row = r.text.split('\r\n').find((l) => l.startsWith(id));
  assert.ok(row.includes('"\'=HYPERLINK(""http://evil.example"",""bấm"")"'), row);
  assert.ok(row.includes(`"'+1 ghi chú"`), row);
  assert.ok(!r.text.includes('LB-MAUSON'));
  const n = await count(KC);
  const back = await s.api('POST', '/api/activities/import', { ...KC, raw: r.text, headers: CSV });
  assert.equal(back.status, 200, back.text);
  assert.equal(back.body.created, 0);
  assert.equal(back.body.unchanged, n);
  const again = await s.api('GET', `/api/activities/${id}`, KC);
  assert.equal(again.body.title, '=HYPERLINK("http://evil.example","bấm")');
  assert.equal(await count(KC), n);
  const other = await s.api('GET', '/api/activities/export?unit=MAUSON', KC);
  assert.equal(other.status, 403);
  // The CLI: import with a default unit, export to a file.
  const f = join(dir, 'cli.csv');
  writeFileSync(f, 'type,date_from,title,ho\nky_cam_ket,2023-10-10,Ký cam kết (CLI),12\n');
  let c = s.cli(['import', 'activities', f, '--unit', 'TD-DAOVIEN']);
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /1 created/);
  c = s.cli(['import', 'activities', f, '--unit', 'TD-DAOVIEN']);
  assert.equal(c.status, 1);
  assert.match(c.stderr, /import_duplicate/);
  const e = join(dir, 'export.csv');
  c = s.cli(['export', 'activities', '--type', 'ky_cam_ket', '--out', e]);
  assert.equal(c.status, 0, c.stderr);
  assert.match(readFileSync(e, 'utf8'), /Ký cam kết \(CLI\),,,,,,,12\r\n/);
});

test('one id on two lines: the later line is what stays, counted once in the activity and in the reports', async () => {
  const luot = async () => {
    const r = await s.api('GET', '/api/reports?unit=KHANGCHIEN&period=2025', A);
    assert.equal(r.status, 200, r.text);
    const f = r.body.sections.flatMap((x) => x.figures).find((x) => x.key === 'tuyen_truyen.luot_nguoi');
    return f ? f.value : 0;
  };
  const before = await luot();
  const id = '5e000000-0000-4000-8000-0000000000d1';
  // The later line has the earlier date: the file is stored in date order,
  // yet the later line wins, as it would read line by line.
  const csv = 'id,type,unit,date_from,title,buoi,luot_nguoi\n'
    + `${id},tuyen_truyen,KHANGCHIEN,2025-09-20,Tuyên truyền lần đầu,1,100\n`
    + ',tuyen_truyen,KHANGCHIEN,2025-08-02,Tuyên truyền thôn Bản Chắt,1,7\n'
    + `${id},tuyen_truyen,KHANGCHIEN,2025-08-01,Tuyên truyền đã sửa,1,40\n`;
  const r = await s.api('POST', '/api/activities/import', { ...KC, raw: csv, headers: CSV });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.body.created, r.body.updated], [2, 1]);
  const a = await s.api('GET', `/api/activities/${id}`, KC);
  assert.deepEqual([a.body.date_from, a.body.title, a.body.values.luot_nguoi], ['2025-08-01', 'Tuyên truyền đã sửa', 40]);
  assert.equal(await luot(), before + 47);
});

test('organisers and participants: unit codes separated by ";", each checked, exported and imported back', async () => {
  const id = '5e000000-0000-4000-8000-0000000000e1';
  const csv = 'id,type,unit,date_from,title,organisers,participants,lan,luot_nguoi\n'
    + `${id},phat_quang_tu_sua,LB-MAUSON,2024-04-04,Phát quang đường tuần tra mốc 1137,DBP-BASON,"LB-YENKHOAI; LB-TUMICH;DBP-CHIMA",1,30\n`;
  let r = await s.api('POST', '/api/activities/import', { ...A, raw: csv, headers: CSV });
  assert.equal(r.status, 200, r.text);
  let a = await s.api('GET', `/api/activities/${id}`, A);
  assert.deepEqual(a.body.organisers.map((u) => u.code), ['DBP-BASON']);
  assert.deepEqual(a.body.participants.map((u) => u.code), ['DBP-CHIMA', 'LB-TUMICH', 'LB-YENKHOAI']);
  // The export writes them back, and the export imports back unchanged.
  r = await s.api('GET', '/api/activities/export?format=csv&unit=LB-MAUSON&from=2024-04-04&to=2024-04-04', A);
  assert.equal(r.status, 200, r.text);
  const [head, row] = r.text.split('\r\n');
  assert.match(head, /,marker,organisers,participants,/);
  assert.ok(row.includes(',DBP-BASON,DBP-CHIMA;LB-TUMICH;LB-YENKHOAI,'), row);
  r = await s.api('POST', '/api/activities/import', { ...A, raw: r.text, headers: CSV });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.body.created, r.body.updated, r.body.unchanged], [0, 0, 1]);
  // An edited list replaces the stored one.
  r = await s.api('POST', '/api/activities/import', { ...A, raw: csv.replace('"LB-YENKHOAI; LB-TUMICH;DBP-CHIMA"', 'LB-TUMICH'), headers: CSV });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.updated, 1);
  a = await s.api('GET', `/api/activities/${id}`, A);
  assert.deepEqual(a.body.participants.map((u) => u.code), ['LB-TUMICH']);
  // A code that is no unit: the line, the column, the code; nothing stored.
  const before = await count();
  const bad = 'type,unit,date_from,title,organisers,participants,buoi,luot_nguoi\n'
    + 'tuyen_truyen,TD-QUOCKHANH,2023-05-05,Đúng,DBP-BINHNGHI,,1,40\n'
    + 'tuyen_truyen,TD-QUOCKHANH,2023-05-06,Sai mã,DBP-BINHNGHI,TD-QUOCKHANH;XA-KHONGCO,1,40\n'
    + 'tuyen_truyen,TD-QUOCKHANH,2023-05-07,Sai mã tổ chức,DBP-KHONGCO,,1,40\n';
  r = await s.api('POST', '/api/activities/import', { ...KC, raw: bad, headers: CSV });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(r.body.problems.map((p) => [p.where, p.code, p.field]),
    [[3, 'unit_not_found', 'participants'], [4, 'unit_not_found', 'organisers']]);
  assert.match(r.body.problems[0].message_en, /XA-KHONGCO/);
  assert.equal(await count(), before);
  // A unit outside the editor's area: refused as out of scope.
  r = await s.api('POST', '/api/activities/import', { ...KC, raw: bad.split('\n').slice(0, 2).join('\n').replace(',DBP-BINHNGHI,', ',DBP-BINHNGHI,DBP-BACXA') , headers: CSV });
  assert.equal(r.status, 403, r.text);
  assert.deepEqual(r.body.problems.map((p) => [p.where, p.code, p.field]), [[2, 'out_of_scope', 'participants']]);
  assert.equal(await count(), before);
});
