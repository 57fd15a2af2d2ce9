// coordination.test.mjs - the coordination screens in a real browser
// (Debian's Chromium, driven by playwright-core) against a real
// `bienphong serve` with the demo's records from the seeds.
//
// The province admin opens the 2024 coordination agreement from the list,
// records a review evaluating its commitments, renews it for 2025 and
// lands on the draft; the commune's dissemination conference and the
// Border Day commendations (5 collectives, 9 individuals) show as a clerk
// reads them. Throughout: no console error, no Content-Security-Policy
// violation.
//
// Screenshots go to /tmp/bienphong-coord-*.png for a human to look at.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, login as loginAs, watchedPage } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';

const SHOTS = '/tmp/bienphong-coord';
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

async function openPage() {
  return watchedPage(browser, server.base);
}

const login = (page, username) => loginAs(page, server.base, username);


test('the 2024 agreement: a review recorded, renewed for 2025, the draft opened', async () => {
  const { context, page, check } = await openPage();
  await login(page, 'admin');
  await page.getByRole('navigation').getByRole('link', { name: 'Quy chế phối hợp' }).click();
  const link = page.getByRole('link', { name: /Quy chế phối hợp lãnh đạo, chỉ đạo nhiệm vụ trọng tâm năm 2024/ });
  await link.waitFor();
  await page.screenshot({ path: `${SHOTS}-list.png`, fullPage: true });
  await link.click();
  await page.getByRole('heading', { name: /năm 2024/, level: 1 }).waitFor();
  // The January 2025 review of the demo is there, and each commitment's latest evaluation.
  await page.getByRole('heading', { name: /21\/01\/2025/ }).waitFor();
  const rows = page.locator('table.commitments tbody tr');
  assert.equal(await rows.count(), 8);
  assert.match(await rows.nth(5).innerText(), /Hoàn thành một phần/);

  // A new review: every commitment evaluated, one only partly.
  await page.getByText('Ghi kết quả đánh giá').click();
  await page.getByLabel('Ngày đánh giá').fill('2025-06-30');
  await page.getByLabel('Kết quả chung').selectOption('kha');
  const selects = page.locator('table.review-items select');
  assert.equal(await selects.count(), 8);
  for (let i = 0; i < 8; i++) await selects.nth(i).selectOption(i === 2 ? 'partly' : 'done');
  await page.getByLabel('Ghi chú 3').fill('Còn 2 thôn chưa tổ chức tự quản');
  await page.getByRole('button', { name: 'Lưu kết quả đánh giá' }).click();
  await page.getByText('Đã lưu kết quả đánh giá ngày 30/06/2025.').waitFor();
  await page.getByRole('heading', { name: /30\/06\/2025 — Kết quả chung: Khá/ }).waitFor();
  assert.match(await rows.nth(2).innerText(), /Hoàn thành một phần[\s\S]*30\/06\/2025[\s\S]*Còn 2 thôn/);
  await page.screenshot({ path: `${SHOTS}-reviewed.png`, fullPage: true });

  // A review before the signing is refused with the server's words.
  await page.getByText('Ghi kết quả đánh giá').click();
  await page.getByLabel('Ngày đánh giá').fill('2023-12-31');
  await page.getByRole('button', { name: 'Lưu kết quả đánh giá' }).click();
  await page.getByText('Không thể đánh giá trước ngày ký quy chế').waitFor();

  // Renewed: the draft for 2025 opens, with the same commitments a year on.
  await page.getByRole('button', { name: 'Gia hạn cho năm sau' }).click();
  await page.getByRole('heading', { name: /nhiệm vụ trọng tâm năm 2025/, level: 1 }).waitFor();
  await page.getByText('Bản dự thảo: chưa ký').waitFor();
  assert.match(await page.locator('.facts').innerText(), /01\/01\/2025 – 31\/12\/2025/);
  assert.equal(await page.locator('table.commitments tbody tr').count(), 8);
  assert.match(await page.locator('table.commitments tbody tr').first().innerText(), /31\/12\/2025/);
  assert.equal(await page.getByRole('button', { name: 'Gia hạn cho năm sau' }).count(), 0, 'a draft is not renewed');
  await page.screenshot({ path: `${SHOTS}-draft.png`, fullPage: true });
  // The way back to the 2024 agreement, which now points at its draft.
  await page.getByRole('link', { name: /Gia hạn từ quy chế trước/ }).click();
  await page.getByRole('link', { name: /Đã gia hạn: xem bản dự thảo năm sau/ }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Gia hạn cho năm sau' }).count(), 0, 'renewed once');
  await check();
  await context.close();
});

test('the commune reads its dissemination conference and the Border Day commendations', async () => {
  const { context, page, check } = await openPage();
  await login(page, 'xa.khangchien');
  await page.getByRole('navigation').getByRole('link', { name: 'Hội nghị' }).click();
  await page.getByRole('link', { name: /Kế hoạch số 05\/KH-UBND/ }).click();
  await page.getByText('Hội trường Nhà Văn hóa xã Kháng Chiến').waitFor();
  const contributions = page.locator('ol.contributions li');
  assert.equal(await contributions.count(), 6);
  assert.match(await contributions.first().innerText(), /Ủy ban MTTQ Việt Nam xã/);
  await page.screenshot({ path: `${SHOTS}-conference.png`, fullPage: true });

  await page.getByRole('navigation').getByRole('link', { name: 'Khen thưởng' }).click();
  await page.getByText('1 quyết định · 5 tập thể · 9 cá nhân').waitFor();
  await page.getByRole('button', { name: 'Xem danh sách' }).click();
  await page.locator('ol.recipients li').first().waitFor();
  assert.equal(await page.locator('ol.recipients li').count(), 14);
  await page.screenshot({ path: `${SHOTS}-commendations.png`, fullPage: true });
  await check();
  await context.close();
});

test('a conference\'s documents: the commune ticks the province\'s plan and follows its link; another commune\'s plan is counted, not shown', async () => {
  const LS111 = '0d0c0000-0000-4000-8000-000000000111';
  const KC05 = '0d0c0000-0000-4000-8000-000000000005';
  const { context, page, check } = await openPage();
  await login(page, 'xa.khangchien');
  await page.getByRole('navigation').getByRole('link', { name: 'Hội nghị' }).click();
  await page.getByLabel('Tên hội nghị').fill('Quán triệt Kế hoạch 111/KH-UBND của tỉnh');
  await page.getByLabel('Ngày').first().fill('2025-09-10');
  // One checkbox a document, named by its number and title.
  await page.getByRole('checkbox', { name: /111\/KH-UBND/ }).check();
  await page.screenshot({ path: `${SHOTS}-conference-form.png`, fullPage: true });
  await page.getByRole('button', { name: 'Lưu hội nghị' }).click();
  await page.getByRole('link', { name: 'Quán triệt Kế hoạch 111/KH-UBND của tỉnh' }).click();
  const docs = page.locator('ul.documents li');
  await docs.first().waitFor();
  assert.equal(await docs.count(), 1);
  await page.getByRole('link', { name: '111/KH-UBND' }).click();
  await page.getByRole('heading', { name: 'Kế hoạch 111/KH-UBND', level: 1 }).waitFor();
  await check();
  await context.close();

  // The province's admin records a meeting at Mẫu Sơn with both communes' plans in it.
  const token = await server.login('admin');
  const r = await server.api('POST', '/api/conferences', { token, body: { kind: 'giao_ban', title: 'Giao ban liên xã quý IV',
    date: '2025-12-05', unit: 'MAUSON', documents: [LS111, KC05] } });
  assert.equal(r.status, 201, r.text);
  const m = await openPage();
  await login(m.page, 'xa.mauson');
  await m.page.goto(`${server.base}/#/conferences/${r.body.id}`);
  await m.page.getByRole('heading', { name: 'Giao ban liên xã quý IV', level: 1 }).waitFor();
  assert.equal(await m.page.locator('ul.documents li').count(), 1);
  await m.page.getByText('Và 1 văn bản khác của đơn vị mà bạn không có quyền xem.').waitFor();
  assert.ok(!(await m.page.locator('main, body').first().innerText()).includes('05/KH-UBND'));
  await m.page.getByRole('button', { name: 'Sửa' }).click();
  await m.page.getByText('1 văn bản khác bạn không có quyền xem vẫn được giữ nguyên khi lưu.').waitFor();
  await m.page.screenshot({ path: `${SHOTS}-conference-hidden.png`, fullPage: true });
  await m.check();
  await m.context.close();
});
