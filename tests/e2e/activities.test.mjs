// activities.test.mjs - the people's participation screens in a real
// browser (Debian's Chromium, driven by playwright-core) against a real
// `bienphong serve` with the demo data.
//
// The catalog is data: a system admin adds an indicator and an activity
// type that carries it in the catalog screen, and a commune clerk
// (xa.khangchien) at once finds that type in the entry form, with its
// fields, its units and its required mark, though no code names it. The
// clerk leaves a required value out and is told so at the field; enters a
// number the server refuses and sees the server's message at the field;
// then saves, and finds the activity in the list with its values written
// the Vietnamese way (1.500 cây), and the English way after switching
// language. Saving is idempotent: a double click stores one activity.
// The bulk-entry screen downloads the type's template, reports every bad
// line of a file and stores nothing, stores a good file, and refuses the
// same file a second time. Throughout: no console error and no
// Content-Security-Policy violation.
//
// Screenshots go to /tmp/bienphong-activities-*.png for a human to look at.
//
//   node --test --test-reporter=tap tests/e2e/activities.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, login as loginAs, watchedPage } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';

const SHOTS = '/tmp/bienphong-activities';
const TYPE = { code: 'trong_cay_bien_gioi', name: 'Trồng cây xanh khu vực biên giới' };
const IND = { code: 'so_cay', name: 'Số cây trồng', unit: 'cây' };

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

// A fresh browser profile whose page reports what went wrong: console
// errors (but the API's expected refusals), uncaught exceptions, CSP
// violations, failed requests.
async function openPage() {
  const w = await watchedPage(browser, server.base, { viewport: { width: 1280, height: 860 }, acceptDownloads: true });
  w.page.on('requestfailed', (req) => w.problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`));
  w.page.on('response', (res) => {
    const path = new URL(res.url()).pathname;
    if (!path.startsWith('/api/') && res.status() >= 400) w.problems.push(`static ${res.status()}: ${path}`);
  });
  return w;
}

const login = (page, username) => loginAs(page, server.base, username);


const nav = (page) => page.getByRole('navigation', { name: 'Chức năng' });

async function shot(page, name) {
  await page.screenshot({ path: `${SHOTS}-${name}.png`, fullPage: true });
}

// The activities with this title, through the API as the clerk.
async function activitiesTitled(title) {
  const token = await server.login('xa.khangchien');
  const r = await server.api('GET', `/api/activities?q=${encodeURIComponent(title)}&limit=100`, { token });
  assert.equal(r.status, 200, r.text);
  return r.body.items.filter((a) => a.title === title);
}

test('an admin adds an indicator and an activity type in the catalog screen', { timeout: 90000 }, async () => {
  const { context, page, check } = await openPage();
  await login(page, 'admin');
  await nav(page).getByRole('link', { name: 'Danh mục chỉ tiêu' }).click();
  await page.getByRole('heading', { name: 'Danh mục chỉ tiêu và loại hoạt động' }).waitFor();
  // The shipped catalog is there.
  await page.locator('table.catalog-types tr', { hasText: 'Tuyên truyền tập trung' }).waitFor();
  await page.locator('table.catalog-indicators tr', { hasText: 'Số lượt người' }).waitFor();

  // A new indicator.
  await page.getByText('+ Thêm chỉ tiêu mới').click();
  const indForm = page.locator('section', { has: page.getByRole('heading', { name: 'Chỉ tiêu', exact: true }) }).locator('form');
  await indForm.getByRole('textbox', { name: 'Mã', exact: true }).fill(IND.code);
  await indForm.getByLabel('Tên tiếng Việt').fill(IND.name);
  await indForm.getByLabel('Tên tiếng Anh').fill('Trees planted');
  await indForm.getByLabel('Đơn vị tính (tiếng Việt)').fill(IND.unit);
  await indForm.getByLabel('Đơn vị tính (tiếng Anh)').fill('trees');
  await indForm.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
  await page.getByText(`Đã thêm chỉ tiêu “${IND.name}”.`).waitFor();
  await page.locator('table.catalog-indicators tr', { hasText: IND.name }).waitFor();

  // A new type carrying it (required) and an existing indicator.
  await page.getByText('+ Thêm loại hoạt động mới').click();
  const typeForm = page.locator('section', { has: page.getByRole('heading', { name: 'Loại hoạt động', exact: true }) }).locator('form');
  await typeForm.getByRole('textbox', { name: 'Mã', exact: true }).fill(TYPE.code);
  await typeForm.getByLabel('Nhóm').selectOption({ label: 'Mô hình' });
  await typeForm.getByLabel('Tên tiếng Việt').fill(TYPE.name);
  await typeForm.getByLabel('Tên tiếng Anh').fill('Tree planting in the border area');
  // Without indicators it is refused before anything is sent.
  await typeForm.getByRole('button', { name: 'Thêm loại hoạt động' }).click();
  await typeForm.getByText('Xin thêm ít nhất một chỉ tiêu.').waitFor();
  const pick = typeForm.getByRole('combobox', { name: 'Thêm chỉ tiêu này' });
  await pick.selectOption({ label: `${IND.name} (${IND.unit})` });
  await typeForm.getByRole('button', { name: 'Thêm chỉ tiêu này' }).click();
  await pick.selectOption({ label: 'Số lượt người (lượt người)' });
  await typeForm.getByRole('button', { name: 'Thêm chỉ tiêu này' }).click();
  await typeForm.locator('tr', { hasText: IND.name }).getByLabel('Bắt buộc').check();
  await shot(page, 'catalog-form');
  await typeForm.getByRole('button', { name: 'Thêm loại hoạt động' }).click();
  await page.getByText(`Đã thêm loại hoạt động “${TYPE.name}”.`).waitFor();
  const row = page.locator('table.catalog-types tr', { hasText: TYPE.name });
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(`${IND.name}\\*, Số lượt người`));
  assert.match(await row.innerText(), /Mô hình/);
  await shot(page, 'catalog');

  // Through the API too: the type is stored with its indicators in order.
  const token = await server.login('admin');
  const r = await server.api('GET', `/api/activity-types/${TYPE.code}`, { token });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.indicators.map((i) => [i.code, Boolean(i.required)]), [[IND.code, true], ['luot_nguoi', false]]);
  await check();
  await context.close();
});

test('a commune clerk enters an activity of the new type and finds it in the list', { timeout: 120000 }, async () => {
  const { context, page, check } = await openPage();
  await login(page, 'xa.khangchien');
  // A clerk does not administer the catalog.
  assert.equal(await nav(page).getByRole('link', { name: 'Danh mục chỉ tiêu' }).count(), 0);
  await nav(page).getByRole('link', { name: 'Hoạt động phong trào' }).click();
  await page.getByRole('link', { name: '+ Nhập hoạt động' }).click();
  await page.getByRole('heading', { name: 'Nhập hoạt động' }).waitFor();

  // The new type is offered, under its category, and brings its fields.
  const typeSelect = page.getByLabel('Loại hoạt động');
  await typeSelect.selectOption({ label: TYPE.name });
  const trees = page.locator(`[data-field="values.${IND.code}"]`);
  const people = page.locator('[data-field="values.luot_nguoi"]');
  await trees.waitFor();
  assert.match(await trees.innerText(), new RegExp(`${IND.name}\\s*\\*`), 'required is marked');
  assert.match(await trees.innerText(), new RegExp(IND.unit));
  assert.match(await trees.innerText(), /Số nguyên/);
  assert.doesNotMatch(await people.innerText(), /\*/, 'an optional indicator is not marked');
  assert.equal(await page.locator('.indicator-grid .field').count(), 2, 'the type\'s two indicators, no more');

  const title = 'Trồng cây xanh dọc đường tuần tra mốc 1116';
  await page.getByLabel('Nội dung hoạt động').fill(title);
  assert.equal(await page.getByRole('combobox', { name: 'Đơn vị', exact: true }).inputValue(), 'KHANGCHIEN', 'the clerk\'s own unit is the default');
  await page.getByLabel('Nhiều ngày').check();
  await page.getByLabel('Từ ngày').fill('2025-09-03');
  await page.getByLabel('Đến ngày').fill('2025-09-05');
  await people.getByRole('textbox').fill('1240');

  // The required value left out: said at the field, nothing sent.
  let puts = 0;
  page.on('request', (req) => { if (req.method() === 'PUT' && req.url().includes('/api/activities/')) puts++; });
  await page.getByRole('button', { name: 'Lưu' }).click();
  await trees.getByText(`Xin nhập “${IND.name}”: chỉ tiêu này bắt buộc.`).waitFor();
  assert.equal(await trees.getByRole('textbox').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.name), `values.${IND.code}`, 'the cursor is in the field');
  await page.getByText('Chưa lưu: xin sửa 1 ô được đánh dấu đỏ.').waitFor();
  assert.equal(puts, 0);
  await shot(page, 'form-required');

  // A whole-number field refuses a decimal here already.
  await trees.getByRole('textbox').fill('12,5');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await trees.getByText('Phải là số nguyên (cây).').waitFor();
  assert.equal(puts, 0);

  // A number the server refuses: its message, at the field it names.
  await trees.getByRole('textbox').fill('99999999999999999');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await trees.locator('.field-error').waitFor();
  assert.match(await trees.locator('.field-error').innerText(), /quá lớn/);
  assert.equal(puts, 1);
  await shot(page, 'form-server-error');

  // Fixed ("1.500" is one thousand five hundred in Vietnamese) and saved
  // with a double click: one activity.
  await trees.getByRole('textbox').fill('1.500');
  await page.getByRole('button', { name: 'Lưu' }).dblclick();
  await page.getByText('Đã lưu hoạt động.').waitFor();
  await page.getByRole('heading', { name: title }).waitFor();
  const stored = await activitiesTitled(title);
  assert.equal(stored.length, 1, 'stored once');
  assert.deepEqual(stored[0].values, { [IND.code]: 1500, luot_nguoi: 1240 });
  assert.equal(stored[0].date_from, '2025-09-03');
  assert.equal(stored[0].date_to, '2025-09-05');
  assert.equal(stored[0].unit.code, 'KHANGCHIEN');
  await shot(page, 'saved');

  // The list, filtered to the new type, shows it with its values.
  await page.getByRole('link', { name: 'Xem danh sách hoạt động' }).click();
  await page.getByRole('heading', { name: /Hoạt động phong trào/ }).waitFor();
  await page.getByLabel('Loại hoạt động').selectOption({ label: TYPE.name });
  await page.waitForFunction(() => /type=trong_cay_bien_gioi/.test(location.hash));
  const listRow = page.locator('table.activities tbody tr', { hasText: title });
  await listRow.waitFor();
  assert.equal(await page.locator('table.activities tbody tr').count(), 1);
  const text = await listRow.innerText();
  assert.match(text, /03\/09\/2025 – 05\/09\/2025/);
  assert.match(text, new RegExp(TYPE.name));
  assert.match(text, /Xã Kháng Chiến/);
  assert.match(text, /1\.500\u00a0cây, 1\.240\u00a0lượt người/);
  await shot(page, 'list');

  // In English, the English way of writing numbers.
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('table.activities tbody tr', { hasText: '1,500\u00a0trees, 1,240\u00a0participant-turns' }).waitFor();
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();

  // The activity's page holds the same form, filled in.
  await listRow.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { name: title }).waitFor();
  assert.equal(await trees.getByRole('textbox').inputValue(), '1500');
  assert.equal(await people.getByRole('textbox').inputValue(), '1240');
  await check();
  await context.close();
});

test('bulk entry: the template, a file with bad lines, a good file, the same file again', { timeout: 120000 }, async () => {
  const { context, page, check } = await openPage();
  await login(page, 'xa.khangchien');
  await nav(page).getByRole('link', { name: 'Hoạt động phong trào' }).click();
  await page.getByRole('link', { name: 'Nhập nhiều từ tệp CSV' }).click();
  await page.getByRole('heading', { name: 'Nhập nhiều hoạt động từ tệp' }).waitFor();
  await page.getByLabel('Loại hoạt động').selectOption({ label: TYPE.name });

  // The template comes from the server, with the type's columns.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải mẫu CSV' }).click(),
  ]);
  const tmpl = await download.path();
  const { readFileSync } = await import('node:fs');
  const header = readFileSync(tmpl, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
  assert.ok(header.includes(IND.code) && header.includes('luot_nguoi'), `template columns: ${header}`);
  assert.ok(!header.includes('buoi'), 'only the type\'s indicators');
  assert.equal(await page.getByRole('link', { name: 'Tải mẫu Excel (XLSX)' }).getAttribute('href'),
    `/api/activities/template?type=${TYPE.code}&format=xlsx`);

  // A file of rows written under the template's own header.
  const dir = mkdtempSync(join(tmpdir(), 'bienphong-act-'));
  const cells = (vals) => header.map((h) => {
    const c = h.trim();
    if (c in vals) return vals[c];
    if (/^type/.test(c)) return TYPE.code;
    if (/^unit/.test(c)) return 'KHANGCHIEN';
    return '';
  }).join(',');
  const row = (n, trees, people) => cells({ date_from: `2025-10-${String(n).padStart(2, '0')}`, title: `Trồng cây đợt ${n}`, [IND.code]: trees, luot_nguoi: people });
  const file = (name, rows) => {
    const p = join(dir, name);
    writeFileSync(p, `${header.join(',')}\r\n${rows.join('\r\n')}\r\n`);
    return p;
  };
  const bad = file('trong-cay-sai.csv', [row(1, '100', '20'), row(2, '', '20'), row(3, '-5', '20'), row(4, '50', '10')]);
  await page.getByLabel('Tệp CSV').setInputFiles(bad);
  await page.getByRole('button', { name: 'Tải lên và lưu' }).click();
  await page.getByText('Không có hoạt động nào từ tệp “trong-cay-sai.csv” được lưu.').waitFor();
  const lines = await page.locator('table.problems tbody tr').allInnerTexts();
  assert.equal(lines.length, 2, lines.join('\n'));
  assert.match(lines[0], /^3\t/);
  assert.match(lines[1], /^4\t/);
  assert.match(lines[1], /âm/);
  assert.equal((await activitiesTitled('Trồng cây đợt 1')).length, 0, 'nothing stored');
  await shot(page, 'import-bad');

  const good = file('trong-cay.csv', [row(1, '100', '20'), row(2, '30', ''), row(3, '1200', '340')]);
  await page.getByLabel('Tệp CSV').setInputFiles(good);
  await page.getByRole('button', { name: 'Tải lên và lưu' }).click();
  await page.getByText('Đã lưu 3 hoạt động từ tệp “trong-cay.csv”.').waitFor();
  assert.equal((await activitiesTitled('Trồng cây đợt 3')).length, 1);
  await shot(page, 'import-ok');

  // The same file again: the server's message, nothing doubled.
  await page.getByLabel('Tệp CSV').setInputFiles(good);
  await page.getByRole('button', { name: 'Tải lên và lưu' }).click();
  await page.getByText(/đã được nhập trước đây/).waitFor();
  await page.getByText('Không có hoạt động nào từ tệp “trong-cay.csv” được lưu.').waitFor();
  assert.equal((await activitiesTitled('Trồng cây đợt 3')).length, 1, 'not stored twice');
  await shot(page, 'import-again');
  await check();
  await context.close();
});
