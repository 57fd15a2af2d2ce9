// documents.test.mjs - the documents and tasks screens in a real browser
// (Debian's Chromium, driven by playwright-core) against a real
// `bienphong serve` with the demo's cascade, "today" fixed at 1 May 2026.
//
// The commune clerk xa.khangchien opens the list, then the commune's plan
// 05/KH-UBND: the cascade reads up to the Politburo's 99-KL/TW, each node a
// link; a PDF is attached and listed; a task is given from the plan to the
// border post, and it shows on the task board in "not started"; the
// overdue task of the demo is marked red; on the task's page a progress
// report is added, and the board moves it to "in progress". Throughout: no
// console error, no Content-Security-Policy violation.
//
// Screenshots go to /tmp/bienphong-docs-*.png for a human to look at.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { launchChromium, login as loginAs, watchedPage } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';

const SHOTS = '/tmp/bienphong-docs';
const KC05 = '0d0c0000-0000-4000-8000-000000000005';

let server;
let browser;

before(async () => {
  server = await startServer({ env: { BIENPHONG_TODAY: '2026-05-01' } });
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

async function openPage() {
  return watchedPage(browser, server.base);
}

const login = (page, username) => loginAs(page, server.base, username);


test('a commune clerk follows its plan up the cascade, attaches the signed copy, gives a task and sees it on the board', async () => {
  const { context, page, check } = await openPage();
  await login(page, 'xa.khangchien');

  // The list: the commune's plan, the province's, the national documents.
  await page.getByRole('navigation').getByRole('link', { name: 'Văn bản chỉ đạo', exact: true }).click();
  await page.getByRole('heading', { name: 'Văn bản chỉ đạo' }).waitFor();
  const rows = page.locator('table.documents tbody tr');
  await rows.first().waitFor();
  assert.deepEqual(await rows.locator('td:first-child a').allInnerTexts(),
    ['Kế hoạch 05/KH-UBND', 'Kế hoạch 111/KH-UBND', 'Quyết định 89/QĐ-TTg', 'Kết luận 99-KL/TW']);
  await page.screenshot({ path: `${SHOTS}-list.png`, fullPage: true });

  // The plan: its cascade up to 99-KL/TW, the way down empty.
  await page.getByRole('link', { name: 'Kế hoạch 05/KH-UBND' }).click();
  await page.getByRole('heading', { name: 'Kế hoạch 05/KH-UBND' }).waitFor();
  const cascade = page.locator('ul.cascade');
  await cascade.waitFor();
  const links = await cascade.locator('a').allInnerTexts();
  assert.deepEqual(links, ['Kết luận 99-KL/TW', 'Quyết định 89/QĐ-TTg', 'Kế hoạch 111/KH-UBND']);
  assert.match(await cascade.locator('.cascade-self').innerText(), /05\/KH-UBND.*28\/10\/2025.*UBND xã Kháng Chiến/s);
  assert.match(await cascade.locator('.cascade-self').innerText(), /6 nhiệm vụ, 2 hoàn thành, 1 quá hạn/);
  // Each node is a link to its document.
  assert.equal(await cascade.getByRole('link', { name: 'Kết luận 99-KL/TW' }).getAttribute('href'),
    '#/documents/0d0c0000-0000-4000-8000-000000000099');
  // The plan's tasks, the overdue one in red.
  const overdueRow = page.locator('table.tasks tr.overdue');
  assert.equal(await overdueRow.count(), 1);
  assert.match(await overdueRow.innerText(), /Rà soát, củng cố tổ an ninh thôn Pò Mã/);
  // The conference that disseminated it, a link to its page.
  const confRow = page.locator('table.doc-conferences tbody tr');
  await confRow.first().waitFor();
  assert.equal(await confRow.count(), 1);
  assert.match(await confRow.innerText(), /15\/11\/2025\s+Quán triệt/);
  assert.match(await confRow.locator('a').getAttribute('href'), /^#\/conferences\/[0-9a-f-]{36}$/);
  await page.screenshot({ path: `${SHOTS}-plan.png`, fullPage: true });

  // Attach the signed copy.
  const dir = mkdtempSync(join(tmpdir(), 'bp-e2e-'));
  const pdf = join(dir, 'Kế hoạch 05 (bản ký).pdf');
  writeFileSync(pdf, '%PDF-1.4\n% bản ký\n%%EOF\n');
  await page.locator('#doc-file').setInputFiles(pdf);
  await page.getByRole('button', { name: 'Tải lên' }).click();
  await page.getByText('Đã tải lên Kế hoạch 05 (bản ký).pdf.').waitFor();
  const fileLink = page.locator('ul.files a');
  assert.equal(await fileLink.innerText(), 'Kế hoạch 05 (bản ký).pdf');
  const res = await page.request.get(new URL(await fileLink.getAttribute('href'), server.base).href);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/pdf');

  // Give a task from the plan to the border post, with a village supporting.
  const form = page.locator('section.panel', { has: page.getByRole('heading', { name: 'Giao nhiệm vụ' }) });
  await form.getByLabel('Nội dung nhiệm vụ').fill('Tổ chức tuyên truyền tại thôn Nà Pán dịp Ngày Biên phòng toàn dân');
  await form.getByLabel('Đơn vị chủ trì').fill('DBP-BINHNGHI');
  await form.getByLabel('Đơn vị phối hợp').fill('quockhanh-napan');
  await form.getByLabel('Hạn hoàn thành').fill('2027-03-03');
  await form.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
  await page.getByText('Đã giao nhiệm vụ.').waitFor();
  await page.locator('table.tasks').getByRole('link', { name: /Ngày Biên phòng toàn dân/ }).waitFor();
  await page.screenshot({ path: `${SHOTS}-task-given.png`, fullPage: true });

  // The board: the new task under "not started", the overdue one red.
  await page.getByRole('navigation').getByRole('link', { name: 'Nhiệm vụ', exact: true }).click();
  await page.getByRole('heading', { name: 'Nhiệm vụ', exact: true }).waitFor();
  const notStarted = page.locator('.board-not_started');
  const card = notStarted.locator('.task-card', { hasText: 'Ngày Biên phòng toàn dân' });
  await card.waitFor();
  assert.match(await card.innerText(), /Đồn Biên phòng Bình Nghi/);
  assert.match(await card.innerText(), /03\/03\/2027/);
  const red = page.locator('.task-card.overdue');
  assert.equal(await red.count(), 1);
  assert.match(await red.innerText(), /Quá hạn/);
  assert.equal(await page.locator('.board-in_progress').locator('.task-card.overdue').count(), 1);
  await page.screenshot({ path: `${SHOTS}-board.png`, fullPage: true });

  // Its page: report progress; the board moves it.
  await card.locator('a.task-card-title').click();
  await page.getByRole('heading', { name: 'Báo cáo tiến độ', exact: true }).first().waitFor();
  // The form offers the browser's today; the server's is fixed at 1 May 2026.
  await page.getByLabel('Ngày báo cáo').fill('2026-05-01');
  await page.getByLabel('Tiến độ (%)').fill('20');
  await page.getByLabel('Ghi chú').fill('Đã thống nhất nội dung với Đồn Biên phòng Bình Nghi');
  await page.getByRole('button', { name: 'Lưu báo cáo' }).click();
  await page.getByText('Đã lưu báo cáo tiến độ.').waitFor();
  assert.match(await page.locator('table.updates').innerText(), /01\/05\/2026|Đã thống nhất/);
  await page.screenshot({ path: `${SHOTS}-task.png`, fullPage: true });
  await page.getByRole('link', { name: '← Bảng nhiệm vụ' }).click();
  await page.locator('.board-in_progress .task-card', { hasText: 'Ngày Biên phòng toàn dân' }).waitFor();

  // In English too.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Tasks', exact: true }).waitFor();
  await page.locator('.board-in_progress h2', { hasText: 'In progress' }).waitFor();
  await page.goto(`${server.base}/#/documents/${KC05}`);
  await page.getByRole('heading', { name: 'The cascade' }).waitFor();
  await page.screenshot({ path: `${SHOTS}-plan-en.png`, fullPage: true });
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await check();
  await context.close();
});

test('another commune reads the province\'s plan but not below it, and not the other commune\'s plan', async () => {
  const { context, page, check } = await openPage();
  await login(page, 'xa.mauson');
  await page.goto(`${server.base}/#/documents/0d0c0000-0000-4000-8000-000000000111`);
  await page.getByRole('heading', { name: 'Kế hoạch 111/KH-UBND' }).waitFor();
  await page.locator('ul.cascade').waitFor();
  assert.ok(!(await page.locator('ul.cascade').innerText()).includes('05/KH-UBND'));
  await page.goto(`${server.base}/#/documents/${KC05}`);
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /ngoài phạm vi/);
  await check();
  await context.close();
});

test('the province\'s plan, as the commune reads it: no upload offered, since the server would refuse it', async () => {
  const { context, page, check } = await openPage();
  await login(page, 'xa.khangchien');
  await page.goto(`${server.base}/#/documents/0d0c0000-0000-4000-8000-000000000111`);
  await page.getByRole('heading', { name: 'Kế hoạch 111/KH-UBND' }).waitFor();
  await page.getByRole('heading', { name: 'Tệp đính kèm' }).waitFor();
  assert.equal(await page.locator('#doc-file').count(), 0, 'an upload form on a document the user only reads');
  assert.equal(await page.getByRole('button', { name: 'Tải lên' }).count(), 0);
  // Its own plan still offers it.
  await page.goto(`${server.base}/#/documents/${KC05}`);
  await page.getByRole('heading', { name: 'Kế hoạch 05/KH-UBND' }).waitFor();
  await page.locator('#doc-file').waitFor();
  await check();
  await context.close();
});
