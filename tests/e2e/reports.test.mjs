// reports.test.mjs - the dashboard and the report page in a real browser
// (Debian's Chromium, driven by playwright-core) against a real
// `bienphong serve` with the demo, "today" fixed at 1 May 2026 on the
// server and in the browser.
//
// Outreach activities are entered through the API first: two in 2026 in
// the communes of 2025's reform, one in 2025, one in 2024 by Mẫu Sơn's
// predecessor commune; and a task due in three weeks. Then the province's
// administrator logs in and sees, on the dashboard, the year's figures
// beside 2025's written the Vietnamese way (14.120 lượt người), the
// charts drawn from them (by child unit; over six years, 2024 carried by
// the old commune), the overdue task of the demo and the one due soon, the
// latest activity first, and a link into each report. The report page
// shows the same figures, its narrative exact and rounded ("trên 14.000"),
// and gives the XLSX and the printable HTML (with the number, signer and
// recipients typed in the page) with their content types;
// picking a quarter, then the five-year review over movement years, shows
// their figures (an activity of 3 March 2026 is in movement year 2026, not
// in M2021..M2025). In English the numbers are written the English way.
// Throughout: no console error, no Content-Security-Policy violation.
//
// Screenshots go to /tmp/bienphong-reports-*.png for a human to look at.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchChromium, login as loginAs, watchedPage } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';

const SHOTS = '/tmp/bienphong-reports';
const TODAY = '2026-05-01';
const KC05 = '0d0c0000-0000-4000-8000-000000000005';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const YEARLY_VI = 'Báo cáo kết quả thực hiện phong trào toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia';
const REVIEW_VI = 'Báo cáo sơ kết 5 năm thực hiện Ngày Biên phòng toàn dân';

let server;
let browser;

const ACTIVITIES = [
  { unit: 'KHANGCHIEN', date_from: '2026-03-03', title: 'Tuyên truyền dịp Ngày Biên phòng toàn dân', values: { buoi: 20, luot_nguoi: 12880 } },
  { unit: 'MAUSON', date_from: '2026-04-10', title: 'Tuyên truyền pháp luật về biên giới tại thôn Khòn Pổ', values: { buoi: 6, luot_nguoi: 1240 } },
  { unit: 'MAUSON', date_from: '2025-09-03', title: 'Tuyên truyền Luật Biên phòng Việt Nam', values: { buoi: 9, luot_nguoi: 700 } },
  { unit: 'LB-MAUSON', date_from: '2024-09-03', title: 'Tuyên truyền Nghị định 34/2014/NĐ-CP', values: { buoi: 7, luot_nguoi: 510 } },
];

before(async () => {
  server = await startServer({ env: { BIENPHONG_TODAY: TODAY } });
  browser = await launchChromium();
  const token = await server.login('admin');
  for (const a of ACTIVITIES) {
    const r = await server.api('POST', '/api/activities', { token, body: { type: 'tuyen_truyen', ...a } });
    assert.equal(r.status, 201, r.text);
  }
  const task = await server.api('POST', '/api/tasks', {
    token, body: { document: KC05, title: 'Tổ chức tuyên truyền dịp kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh', unit: 'KHANGCHIEN', due_on: '2026-05-20' },
  });
  assert.equal(task.status, 201, task.text);
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

function openPage(viewport = { width: 1280, height: 900 }) {
  return watchedPage(browser, server.base, {
    viewport, acceptDownloads: true,
    // The browser's today is the server's: "due in 30 days" is counted here.
    setup: (context) => context.clock.setFixedTime(new Date(`${TODAY}T09:00:00+07:00`)),
    // Only the first look for a session, before the login, may be refused.
    ignoreConsole: (text, path) => /status of 401/.test(text) && path === '/api/me',
  });
}

const login = (page, username) => loginAs(page, server.base, username);


// What Chart.js drew on a panel's canvas: its labels and first dataset.
function chartData(page, panel) {
  return panel.locator('canvas').evaluate((c) => {
    const ch = globalThis.Chart && globalThis.Chart.getChart(c);
    return ch ? { labels: ch.data.labels, data: ch.data.datasets[0].data } : null;
  });
}

const card = (page, label) => page.locator('button.kpi', { has: page.locator('.kpi-label', { hasText: new RegExp(`^${label}$`) }) });
const row = (page, key) => page.locator(`table.report-figures tr[data-figure="${key}"]`);
async function rowCells(page, key) {
  const r = row(page, key);
  const text = async (sel) => (await r.locator(sel).innerText()).replace(/\u00a0/g, ' '); // "1,7 %" holds a no-break space
  return [await text('td.value'), await text('td.previous'), await text('td.change')];
}

test('the administrator sees the province at a glance: the year against the last, charts, tasks due, latest activities, the reports', { timeout: 90000 }, async () => {
  const { context, page, check } = await openPage();
  await login(page, 'admin');

  // The home page after login is the dashboard of the user's unit.
  assert.match(page.url(), /#\/dashboard$/);
  await page.getByRole('heading', { name: 'Tổng quan: Tỉnh Lạng Sơn' }).waitFor();
  await page.getByText('Năm 2026 so với Năm 2025', { exact: false }).waitFor();

  // The year's figures beside 2025's, Vietnamese number formatting.
  const people = card(page, 'Người dự nghe tuyên truyền');
  await people.waitFor();
  assert.match(await people.innerText(), /14\.120\s+lượt người/);
  assert.match(await people.innerText(), /Năm 2025: 700\u00a0lượt người/);
  assert.match(await people.innerText(), /\+13\.420 \(\+1\.917,1\u00a0%\)/);
  const sessions = card(page, 'Tuyên truyền tập trung');
  assert.match(await sessions.innerText(), /26\s+buổi/);
  assert.match(await sessions.innerText(), /Năm 2025: 9\u00a0buổi/);
  // A decimal figure keeps its decimals after a comma.
  assert.match(await card(page, 'Chiều dài đường biên giới được tự quản').innerText(), /\d+,\d+\s+km/);

  // The charts of the chosen figure: by child unit, largest first, and
  // over six years (2024 recorded by Mẫu Sơn's predecessor commune).
  await people.click();
  assert.equal(await people.getAttribute('aria-pressed'), 'true');
  await page.getByRole('heading', { name: 'Người dự nghe tuyên truyền: theo đơn vị trực thuộc' }).waitFor();
  const byChild = page.locator('section.chart-panel').nth(0);
  const trend = page.locator('section.chart-panel').nth(1);
  await page.waitForFunction(() => document.querySelectorAll('section.chart-panel canvas').length === 2
    && [...document.querySelectorAll('section.chart-panel canvas')].every((c) => globalThis.Chart && globalThis.Chart.getChart(c)));
  assert.deepEqual(await chartData(page, byChild), { labels: ['Xã Kháng Chiến', 'Xã Mẫu Sơn'], data: [12880, 1240] });
  await page.waitForFunction(() => {
    const c = document.querySelectorAll('section.chart-panel canvas')[1];
    return globalThis.Chart.getChart(c).data.labels.length === 6;
  });
  assert.deepEqual(await chartData(page, trend),
    { labels: ['2021', '2022', '2023', '2024', '2025', '2026'], data: [0, 0, 0, 510, 700, 14120] });
  // The canvas is drawn: not one colour all over.
  const painted = await byChild.locator('canvas').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] && (d[i] < 200 || d[i + 1] < 200)) ink++;
    return ink;
  });
  assert.ok(painted > 500, `the chart has ink (${painted} pixels)`);

  // Tasks due: the demo's overdue one and the one due in three weeks.
  const tasks = page.locator('section.dash-tasks');
  await tasks.getByText('1 quá hạn').waitFor();
  await tasks.getByText('1 đến hạn trong 30 ngày tới').waitFor();
  assert.match(await tasks.locator('li.overdue').innerText(), /Rà soát, củng cố tổ an ninh thôn Pò Mã[\s\S]*31\/03\/2026[\s\S]*Quá hạn/);
  assert.match(await tasks.innerText(), /Ngày sinh Chủ tịch Hồ Chí Minh[\s\S]*20\/05\/2026 — còn 19 ngày/);

  // The latest activities, newest first.
  const recent = page.locator('section.dash-recent li');
  await recent.first().waitFor();
  assert.match(await recent.first().innerText(), /Tuyên truyền pháp luật về biên giới tại thôn Khòn Pổ\s+10\/04\/2026 · Tuyên truyền tập trung · Xã Mẫu Sơn/);
  assert.equal(await recent.count(), 4);

  // A link into each report template.
  const links = page.locator('section.dash-reports a');
  await links.first().waitFor();
  assert.deepEqual((await links.allInnerTexts()).sort(), [YEARLY_VI, 'Báo cáo kết quả thực hiện quy chế phối hợp', REVIEW_VI].sort());
  await page.screenshot({ path: `${SHOTS}-dashboard.png`, fullPage: true });

  // The yearly report of the province for 2026.
  await links.filter({ hasText: YEARLY_VI }).click();
  await page.getByRole('heading', { name: YEARLY_VI, level: 2 }).waitFor();
  assert.match(page.url(), /#\/reports\?unit=LS&period=2026&template=phong_trao_nam$/);
  assert.match(await page.locator('.report-what').innerText(), /Tỉnh Lạng Sơn · Năm 2026 \(01\/01\/2026 – 31\/12\/2026\)/);
  await row(page, 'tuyen_truyen.luot_nguoi').waitFor();
  assert.deepEqual(await rowCells(page, 'tuyen_truyen.luot_nguoi'), ['14.120', '700', '+13.420 (+1.917,1 %)']);
  assert.deepEqual(await rowCells(page, 'tuyen_truyen.buoi'), ['26', '9', '+17 (+188,8 %)']);
  // The breakdown by child unit of the section.
  const outreach = page.locator('section.report-section[data-section="tuyen_truyen"]');
  await outreach.getByText('Theo đơn vị trực thuộc').click();
  const kc = outreach.locator('table.report-children tr', { hasText: 'Xã Kháng Chiến' });
  assert.match(await kc.innerText(), /12\.880/);

  await check();
  await context.close();
});

test('the report page: the figures of a year, a quarter, the five-year review over movement years; English numbers', { timeout: 90000 }, async () => {
  const { context, page, check } = await openPage();
  await login(page, 'admin');
  await page.goto(`${server.base}/#/reports`);
  // By default: the user's unit, this year, the yearly template.
  await page.getByRole('heading', { name: YEARLY_VI, level: 2 }).waitFor();
  assert.equal(await page.getByLabel('Đơn vị báo cáo').inputValue(), 'LS');
  await row(page, 'tuyen_truyen.luot_nguoi').waitFor();
  assert.deepEqual(await rowCells(page, 'tuyen_truyen.luot_nguoi'), ['14.120', '700', '+13.420 (+1.917,1 %)']);

  // A quarter: the first of 2026 holds the activity of 3 March only.
  await page.getByLabel('Loại kỳ').selectOption({ label: 'Quý' });
  await page.getByLabel('Năm', { exact: true }).fill('2026');
  await page.locator('#rep-part').selectOption({ label: 'Quý 1' });
  assert.equal(await page.locator('.period-code').innerText(), '2026-Q1');
  await page.getByRole('button', { name: 'Xem báo cáo' }).click();
  await page.locator('.report-period', { hasText: 'Quý I năm 2026' }).waitFor();
  assert.deepEqual(await rowCells(page, 'tuyen_truyen.luot_nguoi'), ['12.880', '0', '+12.880']);

  // The five-year review over movement years 2021..2025: 3/3/2021 to
  // 2/3/2026; the activity of 3 March 2026 opens movement year 2026.
  await page.getByLabel('Mẫu báo cáo').selectOption({ label: REVIEW_VI });
  await page.getByLabel('Loại kỳ').selectOption({ label: 'Nhiều năm phong trào (sơ kết, tổng kết)' });
  await page.getByLabel('Từ năm').fill('2021');
  await page.getByLabel('Đến năm').fill('2025');
  assert.equal(await page.locator('.period-code').innerText(), 'M2021..M2025');
  await page.getByRole('button', { name: 'Xem báo cáo' }).click();
  await page.getByRole('heading', { name: REVIEW_VI, level: 2 }).waitFor();
  await page.waitForFunction(() => /period=M2021\.\.M2025/.test(location.hash));
  await row(page, 'tuyen_truyen.luot_nguoi').waitFor();
  assert.deepEqual(await rowCells(page, 'tuyen_truyen.luot_nguoi'), ['1.210', '0', '+1.210']);
  await page.screenshot({ path: `${SHOTS}-report-review.png`, fullPage: true });

  // In English, the English way of writing numbers.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
  assert.deepEqual(await rowCells(page, 'tuyen_truyen.luot_nguoi'), ['1,210', '0', '+1,210']);
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.getByRole('heading', { name: 'Báo cáo', level: 1 }).waitFor();

  await check();
  await context.close();
});

test('the report\'s narrative, exact and rounded, and its downloads: XLSX, printable HTML, CSV, text, JSON', { timeout: 90000 }, async () => {
  const { context, page, check } = await openPage();
  await login(page, 'admin');
  await page.goto(`${server.base}/#/reports?unit=LS&period=2026&template=phong_trao_nam`);
  await row(page, 'tuyen_truyen.luot_nguoi').waitFor();

  // The narrative: exact, then rounded as a summary writes it.
  const narrative = page.locator('.narrative-text');
  await narrative.waitFor();
  assert.match(await narrative.innerText(), /^Năm 2026, Tỉnh Lạng Sơn .*tổ chức tuyên truyền 26 buổi, cho 14\.120 lượt người dự nghe/);
  await page.getByLabel('Làm tròn số (hơn, trên, gần)').check();
  await page.waitForFunction(() => /trên 14\.000 lượt người/.test(document.querySelector('.narrative-text')?.textContent || ''));
  assert.match(page.url(), /round=1/);
  await page.screenshot({ path: `${SHOTS}-report.png`, fullPage: true });

  // Downloads: the XLSX as a file, the printable HTML in a new tab.
  const xlsxLink = page.locator('a[data-format="xlsx"]');
  const [download] = await Promise.all([page.waitForEvent('download'), xlsxLink.click()]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const bytes = readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a zip');
  const xres = await page.request.get(new URL(await xlsxLink.getAttribute('href'), server.base).href);
  assert.equal(xres.status(), 200);
  assert.equal(xres.headers()['content-type'], XLSX);
  assert.ok((await xres.body()).length > 1000);

  // The document's number, signer and recipients go into the printable copy.
  await page.getByText('Thông tin văn bản (cho bản in và Excel)').click();
  await page.getByLabel('Số, ký hiệu').fill('15/BC-BCH');
  await page.getByLabel('Người ký', { exact: true }).fill('Nguyễn Văn An');
  await page.getByLabel('Nơi nhận').fill('UBND tỉnh Lạng Sơn\nLưu: VT');
  const htmlLink = page.locator('a[data-format="html"]');
  await page.waitForFunction(() => /number=15%2FBC-BCH/.test(document.querySelector('a[data-format="html"]').href));
  const [popup] = await Promise.all([page.waitForEvent('popup'), htmlLink.click()]);
  await popup.waitForLoadState();
  const printed = await popup.locator('body').innerText();
  assert.match(printed, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
  assert.match(printed, /Số: 15\/BC-BCH/);
  assert.match(printed, /Nguyễn Văn An/);
  assert.match(printed, /UBND tỉnh Lạng Sơn[\s\S]*Lưu: VT/);
  assert.match(printed, /trên 14\.000 lượt người/, 'rounded as chosen in the page');
  assert.match(printed, /14\.120/, 'the table keeps the exact figure');
  await popup.close();
  const hres = await page.request.get(new URL(await htmlLink.getAttribute('href'), server.base).href);
  assert.equal(hres.status(), 200);
  assert.match(hres.headers()['content-type'], /^text\/html; charset=utf-8$/i);
  // The other formats answer too, each with its type.
  for (const [f, type] of [['csv', /^text\/csv/], ['text', /^text\/plain/], ['json', /^application\/json/]]) {
    const r = await page.request.get(new URL(await page.locator(`a[data-format="${f}"]`).getAttribute('href'), server.base).href);
    assert.equal(r.status(), 200, f);
    assert.match(r.headers()['content-type'], type, f);
  }

  await check();
  await context.close();
});

test('on a phone the dashboard and the report read without sideways scrolling', { timeout: 60000 }, async () => {
  const { context, page, check } = await openPage({ width: 390, height: 844 });
  await login(page, 'admin');
  await card(page, 'Người dự nghe tuyên truyền').waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('section.chart-panel canvas')].length === 2);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(await overflow(), 0, 'the dashboard fits the width');
  // Two cards a row.
  const boxes = await page.locator('button.kpi').evaluateAll((bs) => bs.slice(0, 2).map((b) => b.getBoundingClientRect().top));
  assert.equal(boxes[0], boxes[1]);
  await page.screenshot({ path: `${SHOTS}-dashboard-phone.png`, fullPage: true });

  await page.goto(`${server.base}/#/reports?unit=LS&period=2026&template=phong_trao_nam`);
  await row(page, 'tuyen_truyen.luot_nguoi').waitFor();
  assert.equal(await overflow(), 0, 'the report fits the width');
  // Each figure's numbers are on the screen, not behind a scroll.
  const r = await row(page, 'tuyen_truyen.luot_nguoi').locator('td.change').evaluate((td) => td.getBoundingClientRect().right);
  assert.ok(r <= 390, `the change column is within the screen (${r})`);
  await page.screenshot({ path: `${SHOTS}-report-phone.png`, fullPage: true });
  await check();
  await context.close();
});
