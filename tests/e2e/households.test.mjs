// households.test.mjs - the people's participation screens in a real
// browser against a real `bienphong serve` with the demo province: the
// commune account xa.mauson adds a household, registers it to
// self-manage a stretch of Ba Sơn's line, sees the registration on the
// household's page, and sees the commune's figures grow by one household
// in the stocks. Groups and twinnings show the demo's. No console error,
// no CSP violation, no request off the machine.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, login as loginAs, watchedPage } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';

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
  const w = await watchedPage(browser, server.base);
  w.page.on('request', (req) => {
    const u = new URL(req.url());
    if (u.protocol !== 'data:' && u.protocol !== 'blob:' && u.hostname !== '127.0.0.1') w.problems.push(`outside: ${req.url()}`);
  });
  return w;
}

const login = (page, username) => loginAs(page, server.base, username);


// The commune's households figure on the stocks screen today.
async function stockHouseholds(page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Số liệu tự quản' }).click();
  const cell = page.locator('table.stocks tr', { hasText: 'Hộ gia đình tự quản' }).locator('td');
  await cell.waitFor();
  return Number((await cell.textContent()).replace(/\./g, ''));
}

test('xa.mauson adds a household with a registration and sees it on its page and in the stocks', async () => {
  const { context, page, check } = await openPage();
  await login(page, 'xa.mauson');
  const before = await stockHouseholds(page);
  assert.ok(before > 0, 'the demo registers households in Mẫu Sơn');

  await page.getByRole('navigation').getByRole('link', { name: 'Hộ, tập thể tự quản' }).click();
  await page.getByRole('heading', { name: 'Hộ gia đình, tập thể tự quản' }).waitFor();
  await page.getByLabel('Tên (chủ hộ, tập thể)').fill('Hoàng Văn Thử Nghiệm');
  await page.getByLabel('Đơn vị (mã thôn hoặc xã)').fill('MAUSON-KHONPO');
  await page.getByLabel('Số điện thoại', { exact: true }).fill('0912 000 111');
  await page.getByLabel('Số nhân khẩu').fill('4');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.getByText('Đã thêm Hoàng Văn Thử Nghiệm.').waitFor();
  await page.getByLabel('Tìm theo tên, thôn, số điện thoại').fill('Thử Nghiệm');
  await page.getByRole('link', { name: 'Hoàng Văn Thử Nghiệm' }).click();
  await page.getByRole('heading', { name: 'Hoàng Văn Thử Nghiệm' }).waitFor();
  await page.getByText('Chưa đăng ký tự quản.').waitFor();

  // A registration with Ba Sơn: its first segment and marker in the lists.
  await page.getByLabel('Đồn Biên phòng').fill('DBP-BASON');
  const seg = page.locator('select[name=segments]');
  await page.waitForFunction(() => document.querySelectorAll('select[name=segments] option').length > 0);
  const segValue = await seg.locator('option', { hasText: 'DBP-BASON' }).first().getAttribute('value');
  await seg.selectOption([segValue]);
  const mk = page.locator('select[name=markers]');
  const mkValue = await mk.locator('option', { hasText: 'DBP-BASON' }).first().getAttribute('value');
  await mk.selectOption([mkValue]);
  await page.getByRole('button', { name: 'Lưu đăng ký' }).click();
  await page.getByText('Đã thêm đăng ký tự quản.').waitFor();
  const row = page.locator('table.registrations tbody tr');
  await row.first().waitFor();
  assert.equal(await row.count(), 1);
  assert.match(await row.first().textContent(), /Ba Sơn/);
  assert.match(await row.first().textContent(), /km/);
  await page.screenshot({ path: '/tmp/bienphong-household.png', fullPage: true });

  assert.equal(await stockHouseholds(page), before + 1);
  await page.screenshot({ path: '/tmp/bienphong-stocks.png', fullPage: true });

  await page.getByRole('navigation').getByRole('link', { name: 'Tổ an ninh, tự quản' }).click();
  await page.locator('article.group').first().waitFor();
  await page.getByRole('navigation').getByRole('link', { name: 'Kết nghĩa' }).click();
  await page.locator('table.twinnings tbody tr').first().waitFor();
  await check();
  await context.close();
});
