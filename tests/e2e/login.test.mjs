// login.test.mjs - the web UI in a real browser (Debian's Chromium, driven
// by playwright-core) against a real `bienphong serve` with the demo data.
//
// It walks what a commune officer does first: open the page, get the
// password wrong, log in, look at the commune's units today and before the
// 2025 reform; then a province admin who sees the old districts, adds a
// village and an account. Along the way it checks what would break the
// UI silently: mojibake (a missing charset=utf-8), a script refused by
// the server's Content-Security-Policy, any error in the console.
//
// Screenshots go to /tmp/bienphong-e2e-*.png for a human to look at.
//
//   node --test --test-reporter=tap tests/e2e/
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, watchedPage } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';

const SHOTS = '/tmp/bienphong-e2e';
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

// A watched page (tests/lib/browser.mjs) that also reports failed
// requests and any file of the UI the server did not give.
async function openPage() {
  const { context, page, problems, check } = await watchedPage(browser, server.base, { viewport: { width: 1280, height: 860 } });
  page.setDefaultTimeout(10000);
  page.on('requestfailed', (req) => problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('response', (res) => {
    const path = new URL(res.url()).pathname;
    if (!path.startsWith('/api/') && res.status() >= 400) problems.push(`static ${res.status()}: ${path}`);
  });
  return { context, page, check };
}

async function shot(page, name) {
  await page.screenshot({ path: `${SHOTS}-${name}.png`, fullPage: true });
}

async function login(page, username, password = 'bienphong') {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

test('a commune officer logs in and sees its units, today and before 2025', { timeout: 60000 }, async () => {
  const { context, page, check } = await openPage();

  await page.goto(server.base);
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  assert.match(await page.title(), /Nền biên phòng toàn dân/);
  const text = await page.locator('body').innerText();
  assert.match(text, /Tên đăng nhập/);
  // UTF-8 read as Latin-1 turns "Đăng" into "Ä\u0090Äƒng": no such letters.
  assert.doesNotMatch(text, /Ã|Ä|Æ|áº|á»/, 'no mojibake');
  await shot(page, '01-login');

  // A wrong password: the server's Vietnamese message, under the form.
  await login(page, 'xa.mauson', 'sai-mat-khau');
  await page.getByRole('alert').filter({ hasText: 'Sai tên đăng nhập hoặc mật khẩu' }).waitFor();
  assert.equal(await page.getByLabel('Mật khẩu').inputValue(), '', 'the password is cleared');
  await shot(page, '02-login-error');

  await login(page, 'xa.mauson');
  // The home page is the unit's dashboard; the tree is one click away.
  await page.getByRole('heading', { name: 'Tổng quan: Xã Mẫu Sơn' }).waitFor();
  assert.match(page.url(), /#\/dashboard/);
  await page.getByRole('navigation').getByRole('link', { name: 'Cây đơn vị', exact: true }).click();
  const tree = page.locator('ul.tree');
  await tree.getByRole('link', { name: 'Xã Mẫu Sơn', exact: true }).waitFor();
  await tree.getByRole('link', { name: 'Thôn Khòn Pổ', exact: true }).waitFor();
  await tree.getByRole('link', { name: 'Thôn Nà Mực', exact: true }).waitFor();
  const header = page.locator('header');
  assert.match(await header.innerText(), /UBND xã Mẫu Sơn/);
  assert.match(await header.innerText(), /Quản trị đơn vị/);
  await header.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  assert.match(page.url(), /#\/units$/);
  // Outside its scope: the other merged commune of the province.
  assert.equal(await page.getByText('Xã Kháng Chiến').count(), 0);

  // The commune's details: formed on 01/07/2025 from three communes.
  await tree.getByRole('link', { name: 'Xã Mẫu Sơn', exact: true }).click();
  const detail = page.locator('.unit-detail');
  await detail.getByRole('heading', { name: 'Xã Mẫu Sơn' }).waitFor();
  const dt = await detail.innerText();
  assert.match(dt, /MAUSON/);
  assert.match(dt, /Xã/);
  assert.match(dt, /Tỉnh Lạng Sơn/);
  assert.match(dt, /Hình thành từ/);
  assert.match(dt, /Xã Yên Khoái/);
  assert.match(dt, /Đồn Biên phòng Ba Sơn/);
  await shot(page, '03-tree-today');

  // Before the reform: the three old communes, and still nothing outside.
  await page.getByLabel('Cây đơn vị vào ngày').fill('2024-05-01');
  await tree.getByRole('link', { name: 'Xã Yên Khoái', exact: true }).waitFor();
  await tree.getByRole('link', { name: 'Xã Tú Mịch', exact: true }).waitFor();
  assert.match(page.url(), /date=2024-05-01/);
  assert.equal(await tree.getByRole('link', { name: 'Xã Kháng Chiến', exact: true }).count(), 0);
  assert.equal(await tree.getByRole('link', { name: 'Huyện Lộc Bình', exact: true }).count(), 0);
  assert.equal(await page.getByText('Xã Đào Viên').count(), 0);
  await shot(page, '04-tree-2024');

  // A commune admin has no users screen of the system admin's, but has its own.
  await page.getByRole('navigation').getByRole('link', { name: 'Người dùng', exact: true }).waitFor();

  // English, remembered across a reload; then back to Vietnamese.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Unit tree', exact: true }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await shot(page, '05-english');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.getByRole('heading', { name: 'Cây đơn vị', exact: true }).waitFor();

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  // The session is gone on the server too, not only on the screen.
  const me = await page.evaluate(async () => (await fetch('/api/me')).status);
  assert.equal(me, 401);

  await check();
  await context.close();
});

test('a province admin sees the old districts, adds a village and an account', { timeout: 60000 }, async () => {
  const { context, page, check } = await openPage();
  await page.goto(server.base);
  await login(page, 'admin');
  await page.getByRole('navigation').getByRole('link', { name: 'Cây đơn vị', exact: true }).click();
  const tree = page.locator('ul.tree');
  await tree.getByRole('link', { name: 'Tỉnh Lạng Sơn', exact: true }).waitFor();

  await page.getByLabel('Cây đơn vị vào ngày').fill('2024-05-01');
  await tree.getByRole('link', { name: 'Huyện Lộc Bình', exact: true }).waitFor();
  await tree.getByRole('link', { name: 'Huyện Tràng Định', exact: true }).waitFor();
  await shot(page, '06-admin-2024');

  // Today, add a village under the new commune; then the same code again.
  await page.getByRole('button', { name: 'Hôm nay' }).click();
  await tree.getByRole('link', { name: 'Xã Kháng Chiến', exact: true }).waitFor();
  await page.getByLabel('Lọc theo tên hoặc mã').fill('mau son');
  await tree.getByRole('link', { name: 'Xã Mẫu Sơn', exact: true }).click();
  await page.getByLabel('Lọc theo tên hoặc mã').fill('');
  const detail = page.locator('.unit-detail');
  await detail.getByRole('heading', { name: 'Xã Mẫu Sơn' }).waitFor();
  await detail.getByText('Thêm đơn vị trực thuộc', { exact: true }).click();
  const add = detail.locator('details.action').first();
  await add.getByLabel('Loại').selectOption('village');
  await add.getByLabel('Mã', { exact: true }).fill('mauson-thunghiem');
  await add.getByLabel('Tên', { exact: true }).fill('Thôn Thử Nghiệm');
  await add.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã thêm Thôn Thử Nghiệm' }).waitFor();
  await tree.getByRole('link', { name: 'Thôn Thử Nghiệm', exact: true }).waitFor();
  await page.locator('.unit-detail').getByRole('heading', { name: 'Thôn Thử Nghiệm' }).waitFor();

  await tree.getByRole('link', { name: 'Xã Mẫu Sơn', exact: true }).click();
  await detail.getByRole('heading', { name: 'Xã Mẫu Sơn' }).waitFor();
  await detail.getByText('Thêm đơn vị trực thuộc', { exact: true }).click();
  await add.getByLabel('Mã', { exact: true }).fill('MAUSON-THUNGHIEM');
  await add.getByLabel('Tên', { exact: true }).fill('Thôn Khác');
  await add.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await add.getByRole('alert').filter({ hasText: 'Mã đơn vị MAUSON-THUNGHIEM đã tồn tại' }).waitFor();
  await shot(page, '07-admin-add-unit');

  // The users screen: the demo accounts, a new one, and a refusal.
  await page.getByRole('navigation').getByRole('link', { name: 'Người dùng', exact: true }).click();
  const table = page.locator('table.users');
  await table.getByText('xa.mauson').waitFor();
  await table.getByText('xem.khangchien').waitFor();
  await page.getByLabel('Tên đăng nhập').fill('can.bo.thu');
  await page.getByLabel('Mật khẩu ban đầu').fill('ngan');
  await page.getByLabel('Mã đơn vị').fill('MAUSON');
  await page.getByRole('button', { name: 'Thêm người dùng' }).click();
  await page.getByRole('alert').filter({ hasText: 'Mật khẩu phải có ít nhất 8 ký tự' }).waitFor();
  assert.equal(await page.getByLabel('Mật khẩu ban đầu').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Mật khẩu ban đầu').fill('mat-khau-du-dai');
  await page.getByRole('button', { name: 'Thêm người dùng' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã thêm tài khoản can.bo.thu' }).waitFor();
  const row = table.locator('tr', { hasText: 'can.bo.thu' });
  await row.getByText('Đang hoạt động').waitFor();
  page.once('dialog', (d) => d.accept());
  await row.getByRole('button', { name: 'Khóa' }).click();
  await row.getByText('Đã khóa').waitFor();
  await shot(page, '08-users');

  // The session ends behind the page's back (12 hours passed, or a logout
  // in another tab): the next call brings the login page back, saying why.
  await page.evaluate(() => fetch('/api/logout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }));
  await page.getByRole('navigation').getByRole('link', { name: 'Cây đơn vị' }).click();
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  await page.getByText('Phiên làm việc đã kết thúc, xin đăng nhập lại.').waitFor();

  await check();
  await context.close();
});
