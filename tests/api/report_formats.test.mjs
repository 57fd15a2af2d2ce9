// report_formats.test.mjs - a report in the forms people hand in
// (docs/reports.md, "Other formats"), from the real engine over a demo
// database with seed 003's figures of Lạng Sơn for 2023 entered:
//   - the narrative, rounded as the seed writes it and exact without
//     rounding, the same from the API and the command line;
//   - the CSV, row by row the figures of the JSON;
//   - the XLSX, from the API and from `bienphong report --format xlsx`,
//     opened by LibreOffice (`soffice --headless --convert-to csv`, both
//     sheets), with the same figures as the JSON;
//   - the HTML page, printed to PDF by headless Chromium on A4 pages;
//   - the errors of a bad format, language or missing output file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { launchChromium } from '../lib/browser.mjs';

let s;
let A;
let dir;

before(async () => {
  s = await startServer();
  A = { token: await s.login('admin') };
  dir = mkdtempSync(join(tmpdir(), 'bienphong-formats-'));
  // Seed 003's figures, spread over 2023's communes and posts, by one CSV
  // import; and 3,125 tỷ đồng of "Mái ấm" houses, for a money figure.
  const seed = [
    ['tuyen_truyen', { buoi: 312, luot_nguoi: 14120 }],
    ['tuyen_truyen_nho_le', { luot_nguoi: 9312 }],
    ['phat_tai_lieu', { to_roi: 21850, bo_tai_lieu: 350 }],
    ['ky_cam_ket', { ho: 13823 }],
    ['phat_quang_tu_sua', { lan: 394, luot_nguoi: 3848 }],
    ['mai_am', { nha: 12, kinh_phi: 3125000000 }],
  ];
  const units = ['TD-DAOVIEN', 'VL-TANTHANH', 'CL-BAOLAM', 'LB-MAUSON', 'DL-BACXA', 'DBP-POMA'];
  const codes = ['buoi', 'luot_nguoi', 'to_roi', 'bo_tai_lieu', 'ho', 'lan', 'nha', 'kinh_phi'];
  const rows = [`type,unit,date_from,title,${codes.join(',')}`];
  for (const [type, totals] of seed) {
    // three activities each: a third, a third, and the rest
    for (let i = 0; i < 3; i++) {
      const vals = codes.map((c) => {
        if (totals[c] === undefined) return '';
        const third = Math.floor(totals[c] / 3);
        return i < 2 ? third : totals[c] - 2 * third;
      });
      rows.push([type, units[(i * 2 + type.length) % units.length], `2023-0${3 + i}-1${i}`, `${type} ${i + 1}`, ...vals].join(','));
    }
  }
  const imp = await s.api('POST', '/api/activities/import', { ...A, raw: rows.join('\n'), headers: { 'Content-Type': 'text/csv' } });
  assert.equal(imp.status, 200, imp.text);
});

after(async () => {
  await s?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const Q = 'unit=LS&period=2023';
const get = async (q) => {
  const r = await fetch(`${s.base}/api/reports?${q}`, { headers: { Authorization: `Bearer ${A.token}` } });
  const bytes = Buffer.from(await r.arrayBuffer());
  assert.equal(r.status, 200, bytes.toString());
  return { bytes, text: bytes.toString('utf8'), headers: r.headers };
};
const figuresOf = (rep) => rep.sections.flatMap((x) => x.figures);
const json = async () => JSON.parse((await get(Q)).text);

const SEED_ROUNDED = 'tổ chức tuyên truyền hơn 300 buổi, cho trên 14.000 lượt người dự nghe, tuyên truyền nhỏ lẻ cho '
  + 'trên 9.300 lượt người; phát gần 22.000 tờ rơi tuyên truyền; 350 bộ tài liệu tuyên truyền pháp luật; tổ chức cho '
  + 'trên 13.820 hộ gia đình ký kết chấp hành các quy định của pháp luật';
const SEED_EXACT = 'tổ chức tuyên truyền 312 buổi, cho 14.120 lượt người dự nghe, tuyên truyền nhỏ lẻ cho 9.312 lượt '
  + 'người; phát 21.850 tờ rơi tuyên truyền; 350 bộ tài liệu tuyên truyền pháp luật; tổ chức cho 13.823 hộ gia đình '
  + 'ký kết chấp hành các quy định của pháp luật';

test('the narrative writes seed 003 as the seed does when rounding is asked for, and exactly without', async () => {
  const rounded = await get(`${Q}&format=text&round=1`);
  assert.equal(rounded.headers.get('content-type'), 'text/plain; charset=utf-8');
  assert.ok(rounded.text.startsWith('Năm 2023, Tỉnh Lạng Sơn '), rounded.text);
  assert.ok(rounded.text.includes(SEED_ROUNDED), rounded.text);
  assert.ok(rounded.text.endsWith('.'));
  const exact = await get(`${Q}&format=text`);
  assert.ok(exact.text.includes(SEED_EXACT), exact.text);
  assert.ok(exact.text.includes('394 lần, với 3.848 lượt người tham gia'), exact.text);
  // The command line writes the same paragraph, with a newline.
  const cli = s.cli(['report', '--unit', 'LS', '--period', '2023', '--format', 'text', '--round']);
  assert.equal(cli.status, 0, cli.stderr);
  assert.equal(cli.stdout, `${rounded.text}\n`);
  const en = await get(`${Q}&format=text&lang=en`);
  assert.ok(en.text.startsWith('In Year 2023, Tỉnh Lạng Sơn '), en.text);
  assert.ok(en.text.includes('14,120'), en.text);
});

test('the CSV has a row per figure with the JSON\'s numbers', async () => {
  const rep = await json();
  const r = await get(`${Q}&format=csv`);
  assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.match(r.headers.get('content-disposition'), /^attachment; filename="bienphong-report-LS-2023\.csv"$/);
  assert.deepEqual([...r.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = r.text.slice(1).split('\r\n');
  assert.equal(lines.pop(), '');
  const figs = figuresOf(rep);
  assert.equal(lines.length, 1 + figs.length);
  assert.ok(lines[0].startsWith('Mục,Mã chỉ tiêu,Chỉ tiêu,Đơn vị tính,Năm 2023,Năm 2022,'), lines[0]);
  // The numbers are the row's last cells (labels may hold quoted commas).
  const n = 4 + rep.children.length;
  figs.forEach((f, i) => {
    const cells = lines[i + 1].split(',');
    assert.ok(lines[i + 1].includes(`,${f.key},`), lines[i + 1]);
    const nums = cells.slice(-n).map((c) => (c === '' ? null : Number(c)));
    assert.deepEqual(nums, [f.value, f.previous, f.change, f.change_percent, ...f.by_child], f.key);
  });
});

// Converts xlsx files to CSV with LibreOffice, every sheet of each (the
// last filter option, -1), the cells as shown (so the number formats
// show); returns, per file, its sheets as arrays of rows of cells.
function libreoffice(files) {
  const out = join(dir, 'lo');
  const lo = spawnSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless',
    '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,-1',
    '--outdir', out, ...files], { encoding: 'utf8', timeout: 180000, env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' } });
  if (lo.error?.code === 'ENOENT') assert.fail('soffice not found: `scripts/setup.sh test` installs libreoffice-calc');
  assert.equal(lo.status, 0, `${lo.stdout}\n${lo.stderr}`);
  const made = readdirSync(out);
  return files.map((f) => {
    const base = f.split('/').pop().replace(/\.xlsx$/, '');
    const sheets = made.filter((m) => m.startsWith(`${base}-`)).sort();
    assert.equal(sheets.length, 2, `two sheets of ${base}: ${made.join(', ')}`);
    return Object.fromEntries(sheets.map((m) => [m.slice(base.length + 1, -4), parseCsv(readFileSync(join(out, m), 'utf8'))]));
  });
}

function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else if (ch !== '\r') cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

// "14,120", "+62", "109.733", "" as numbers (null for empty).
const shown = (c) => (c === '' ? null : Number(c.replace(/,/g, '')));

test('the XLSX, from the API and the command line, opens in LibreOffice with the JSON\'s figures', async () => {
  const rep = await json();
  const figs = figuresOf(rep);
  const api = await get(`${Q}&format=xlsx`);
  assert.equal(api.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(api.headers.get('content-disposition'), /^attachment; filename="bienphong-report-LS-2023\.xlsx"$/);
  const fromApi = join(dir, 'api.xlsx');
  writeFileSync(fromApi, api.bytes);
  const fromCli = join(dir, 'cli.xlsx');
  const c = s.cli(['report', '--unit', 'LS', '--period', '2023', '--format', 'xlsx', '--out', fromCli]);
  assert.equal(c.status, 0, c.stderr);

  for (const book of libreoffice([fromApi, fromCli])) {
    const main = book['Báo cáo'];
    const byUnit = book['Theo đơn vị'];
    assert.ok(main && byUnit, Object.keys(book).join(', '));
    assert.deepEqual(main[0].filter(Boolean), ['BÁO CÁO']);
    assert.ok(main[1][0].startsWith('Kết quả thực hiện phong trào toàn dân') && main[1][0].endsWith('năm 2023'), main[1][0]);
    assert.equal(main[2][0], 'Đơn vị: Tỉnh Lạng Sơn (LS)');
    assert.equal(main[3][0], 'Kỳ báo cáo: Năm 2023; so với Năm 2022');
    assert.deepEqual(main[5], ['TT', 'Chỉ tiêu', 'Đơn vị tính', 'Năm 2023', 'Năm 2022', 'Tăng/giảm', 'Tăng/giảm (%)', 'Mã chỉ tiêu']);
    // A figure row has its key in the last column; section rows are merged headings.
    const rows = Object.fromEntries(main.filter((r) => /^\d+$/.test(r[0])).map((r) => [r[7], r]));
    assert.equal(Object.keys(rows).length, figs.length);
    for (const f of figs) {
      const r = rows[f.key];
      assert.ok(r, f.key);
      assert.equal(r[1], f.label_vi, f.key);
      assert.deepEqual([shown(r[3]), shown(r[4]), shown(r[5]), shown(r[6])],
        [f.value, f.previous, f.change, f.change_percent === null ? null : f.change_percent], f.key);
    }
    // The number formats show: grouped counts, signed changes, decimals.
    assert.equal(rows['tuyen_truyen.luot_nguoi'][3], '14,120');
    assert.equal(rows['mai_am.kinh_phi'][3], '3,125,000,000');
    assert.match(rows['tuyen_truyen.buoi'][5], /^\+\d/);
    const km = figs.find((f) => f.key === 'km');
    assert.equal(rows.km[3], km.value.toLocaleString('en-US', { maximumFractionDigits: 3, minimumFractionDigits: 1 }));
    const sections = main.filter((r) => /^[IVX]+\. /.test(r[0])).map((r) => r[0]);
    assert.deepEqual(sections, rep.sections.map((x, i) => `${['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'][i]}. ${x.title_vi}`));

    // Sheet 2: a column per child unit, then the whole unit.
    const head = byUnit[5];
    assert.deepEqual(head.slice(3), [...rep.children.map((u) => u.name), 'Toàn Tỉnh Lạng Sơn']);
    const figRows = byUnit.filter((r) => /^\d+$/.test(r[0]));
    assert.equal(figRows.length, figs.length);
    figs.forEach((f, i) => {
      assert.equal(figRows[i][1], f.label_vi);
      assert.deepEqual(figRows[i].slice(3).map(shown), [...f.by_child, f.value], f.key);
    });
  }
});

// The pages of a PDF: each page object's MediaBox (Chromium writes one
// in every page object).
function pdfPages(pdf) {
  const text = pdf.toString('latin1');
  const boxes = [...text.matchAll(/\/Type\s*\/Page\b[^s][\s\S]*?\/MediaBox\s*\[([^\]]*)\]/g)].map((m) => m[1].trim().split(/\s+/).map(Number));
  assert.equal(boxes.length, (text.match(/\/Type\s*\/Page\b[^s]/g) || []).length, 'a MediaBox for every page');
  return boxes;
}

test('the HTML page prints to PDF on A4 in headless Chromium', async () => {
  const q = `${Q}&format=html&round=1&number=${encodeURIComponent('125/BC-BCH')}&signer_title=${encodeURIComponent('CHỈ HUY TRƯỞNG')}`
    + `&signer=${encodeURIComponent('Đại tá Nguyễn Văn An')}&recipients=${encodeURIComponent('Bộ Tư lệnh BĐBP\nLưu: VT')}`;
  const r = await get(q);
  assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.match(r.headers.get('content-disposition'), /^inline; /);
  const html = r.text;
  for (const part of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 125/BC-BCH',
    '<p class="kind">BÁO CÁO</p>', SEED_ROUNDED, '- Bộ Tư lệnh BĐBP;<br>', '- Lưu: VT.<br>', 'CHỈ HUY TRƯỞNG',
    'Đại tá Nguyễn Văn An', '@page{size:A4;margin:20mm 15mm 20mm 30mm}'])
    assert.ok(html.includes(part), part);
  assert.match(html, /Lạng Sơn, ngày \d\d tháng \d+ năm \d{4}/);
  assert.ok(!html.includes('<script'));

  const browser = await launchChromium();
  try {
    for (const [lang, page] of [['vi', html], ['en', (await get(`${Q}&format=html&lang=en`)).text]]) {
      const context = await browser.newContext();
      const p = await context.newPage();
      const problems = [];
      p.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
      p.on('requestfailed', (req) => problems.push(`requestfailed ${req.url()}`));
      const file = join(dir, `report-${lang}.html`);
      writeFileSync(file, page);
      await p.goto(`file://${file}`);
      if (lang === 'en') assert.ok(await p.getByText('SOCIALIST REPUBLIC OF VIET NAM').isVisible());
      // The page's own @page rule sets the paper and margins.
      const pdf = await p.pdf({ preferCSSPageSize: true, printBackground: true });
      writeFileSync(join(tmpdir(), `bienphong-report-${lang}.pdf`), pdf);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      const pages = pdfPages(pdf);
      assert.ok(pages.length >= 1, 'pages');
      for (const box of pages) {
        assert.equal(box.length, 4);
        assert.equal(Math.round(box[2] - box[0]), 595, `A4 width: ${box}`);
        assert.equal(Math.round(box[3] - box[1]), 842, `A4 height: ${box}`);
      }
      assert.deepEqual(problems, []);
      await context.close();
    }
  } finally {
    await browser.close();
  }
});

test('a bad format, language or output gets its error', async () => {
  for (const [q, code] of [[`${Q}&format=pdf`, 'report_format_invalid'], [`${Q}&format=html&lang=fr`, 'report_lang_invalid'],
    [`${Q}&format=text&lang=VI`, 'report_lang_invalid']]) {
    const r = await s.api('GET', `/api/reports?${q}`, A);
    assert.equal(r.status, 400, `${q}: ${r.text}`);
    assert.equal(r.body.error.code, code, q);
    assert.ok(r.body.error.message_vi && r.body.error.message_en);
  }
  // Out of scope stays refused whatever the format.
  const X = { token: await s.login('xa.khangchien') };
  const other = await s.api('GET', '/api/reports?unit=MAUSON&period=2023&format=xlsx', X);
  assert.equal(other.status, 403, other.text);
  // A workbook needs a file to go to; a file that cannot be written is refused.
  const noOut = s.cli(['report', '--unit', 'LS', '--period', '2023', '--format', 'xlsx']);
  assert.equal(noOut.status, 1);
  assert.match(noOut.stderr, /field_required/);
  const badOut = s.cli(['report', '--unit', 'LS', '--period', '2023', '--format', 'xlsx', '--out', '/nonexistent-dir/r.xlsx']);
  assert.equal(badOut.status, 1);
  assert.match(badOut.stderr, /xlsx_failed/);
  const badCsv = s.cli(['report', '--unit', 'LS', '--period', '2023', '--format', 'csv', '--out', '/nonexistent-dir/r.csv']);
  assert.equal(badCsv.status, 1);
  assert.match(badCsv.stderr, /file_unwritable/);
});
