// map.test.mjs - the border map and registry screens in a real browser
// (Debian's Chromium, driven by playwright-core) against a real
// `bienphong serve` with the demo's markers along the VN–CN line in Lạng
// Sơn.
//
// A province admin opens the map: the demo markers, gates, border line and
// the country outlines of the offline basemap are drawn; a marker's popup
// names it; its page shows the condition history, and a new inspection is
// recorded there. The lists (markers with filters, gates/segments/roads)
// show the same registry. A commune account sees only the markers of its
// area. Throughout: no console error, no Content-Security-Policy
// violation, and no request to any host but the server on 127.0.0.1 (the
// map must work without the Internet).
//
// Screenshots go to /tmp/bienphong-map-*.png for a human to look at.
//
//   node --test --test-reporter=tap tests/e2e/
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';

const SHOTS = '/tmp/bienphong-map';

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
// errors, uncaught exceptions, CSP violations, failed requests, and any
// request that leaves the machine.
async function openPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'vi-VN' });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const problems = [];
  const outside = [];
  const mapRequests = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const url = msg.location().url || '';
    // Chromium logs every 4xx answer to fetch() as an error; the API's
    // refusals (no session yet, a taken marker number) are expected and
    // shown to the user.
    if (/status of 4\d\d/.test(msg.text()) && new URL(url, server.base).pathname.startsWith('/api/')) return;
    problems.push(`console: ${msg.text()} (${url})`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    // Leaflet cancels the tiles it no longer needs when the view moves or
    // the page is left: an aborted tile is not a failure.
    if (req.failure()?.errorText === 'net::ERR_ABORTED' && /[?&]z=\d+&x=\d+&y=\d+/.test(req.url())) return;
    problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (u.protocol === 'data:' || u.protocol === 'blob:') return;
    if (u.hostname !== '127.0.0.1') outside.push(req.url());
    if (u.pathname === '/api/map') mapRequests.push(u);
  });
  page.on('response', (res) => {
    const path = new URL(res.url()).pathname;
    if (!path.startsWith('/api/') && res.status() >= 400) problems.push(`static ${res.status()}: ${path}`);
  });

  async function check() {
    const csp = await page.evaluate(() => window.__csp);
    assert.deepEqual(csp, [], 'no Content-Security-Policy violations');
    assert.deepEqual(problems, [], 'no console errors');
    assert.deepEqual(outside, [], 'no request to any host but 127.0.0.1');
  }
  return { context, page, check, mapRequests };
}

async function until(cond, what, ms = 10000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// The map pages fit the window: a full-page screenshot would resize the
// window, and with it the map and the area it asks for.
async function shot(page, name, { fullPage = true } = {}) {
  await page.screenshot({ path: `${SHOTS}-${name}.png`, fullPage });
}

async function login(page, username, password = 'bienphong') {
  await page.goto(server.base);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

// Opens the map from the navigation and waits until the markers of the
// first answer are drawn (the map fits itself to them) and the basemap is in.
async function openMap(page, minMarkers) {
  await page.getByRole('navigation').getByRole('link', { name: 'Bản đồ', exact: true }).click();
  await page.getByRole('heading', { name: 'Bản đồ biên giới' }).waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('path.bp-marker').length >= n, minMarkers);
  await page.locator('path.bp-country-vn').waitFor({ state: 'attached' });
  await idle(page);
}

// Until the map has stopped moving and drawn what it asked for.
async function idle(page) {
  await page.locator('.map-page .map[data-state="idle"]').waitFor({ state: 'attached' });
}

// Clicks a marker and waits for its popup to open and stop moving (the map
// pans to show it whole), so that a click into the popup lands.
async function openPopup(page, number, heading = `Mốc ${number}`) {
  await page.locator(`path.bp-marker[data-number="${number}"]`).click();
  const popup = page.locator('.leaflet-popup');
  await popup.getByRole('heading', { name: heading, exact: true }).waitFor();
  let last = null;
  for (let i = 0; i < 40; i++) {
    const b = JSON.stringify(await popup.boundingBox());
    if (b === last) break;
    last = b;
    await page.waitForTimeout(150);
  }
  if (await page.locator('.map-page').count()) await idle(page);
  return popup;
}

// The number of a marker that no other shape covers at its centre, so a
// click there opens its own popup.
function clickableMarker(page) {
  return page.evaluate(() => {
    const box = document.querySelector('.map').getBoundingClientRect();
    for (const el of document.querySelectorAll('path.bp-marker')) {
      const r = el.getBoundingClientRect();
      const x = r.x + r.width / 2;
      const y = r.y + r.height / 2;
      if (x < box.left + 60 || x > box.right - 60 || y < box.top + 60 || y > box.bottom - 60) continue;
      if (document.elementFromPoint(x, y) === el) return el.getAttribute('data-number');
    }
    return null;
  });
}

// A marker's post on the map: its code, or {code, name}.
const postCode = (p) => (p && typeof p === 'object' ? p.code : p);

// Every marker of the caller's scope, through the API as the page sees it.
async function markersInScope(token) {
  const r = await server.api('GET', '/api/map?bbox=100,8,110,24&layers=markers', { token });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.type, 'FeatureCollection');
  return r.body.features;
}

test('a province admin sees the demo border on the map, a marker and its history', { timeout: 120000 }, async () => {
  const { context, page, check, mapRequests } = await openPage();
  await login(page, 'admin');
  const all = await markersInScope(await server.login('admin'));
  assert.ok(all.length > 50, `the demo has more than 50 markers (${all.length})`);

  await openMap(page, 51);
  const drawn = await page.locator('path.bp-marker').count();
  assert.ok(drawn > 50, `more than 50 markers drawn (${drawn})`);
  // The offline basemap: country outlines, Vietnam highlighted, and
  // Vietnam's archipelagos named as Vietnam's.
  assert.ok(await page.locator('path.bp-country').count() >= 5, 'country outlines drawn');
  assert.equal(await page.locator('path.bp-country-vn').count(), 1, 'Vietnam highlighted');
  assert.ok(await page.locator('path.bp-segment').count() > 0, 'border line segments drawn');
  assert.ok(await page.locator('.bp-gate-icon').count() >= 5, 'the five gates of Lạng Sơn');
  // The map asked for its view, with the four layers.
  const first = mapRequests[0];
  assert.match(first.searchParams.get('bbox'), /^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$/);
  assert.equal(first.searchParams.get('layers'), 'markers,segments,gates,roads');
  // The legend says what the colours mean.
  const side = page.locator('.map-side');
  for (const w of ['Cột mốc', 'Tốt', 'Hư hỏng', 'Bị dịch chuyển', 'Mất', 'Đường biên giới', 'Cửa khẩu quốc tế', 'Đường tuần tra biên giới']) {
    await side.getByText(w, { exact: true }).first().waitFor();
  }
  assert.match(await side.innerText(), /Trong khung nhìn: \d+ cột mốc/);
  assert.match(page.url(), /#\/map\?lat=[\d.]+&lon=[\d.]+&z=/, 'the view is in the hash');
  await shot(page, '01-admin', { fullPage: false });

  // A marker's popup, in Vietnamese, with a link to its page.
  const number = await clickableMarker(page);
  assert.ok(number, 'a marker can be clicked');
  const popup = await openPopup(page, number);
  const pt = await popup.innerText();
  assert.match(pt, /Tuyến biên giới\s+Việt Nam – Trung Quốc/);
  assert.match(pt, /Tình trạng\s+(Tốt|Hư hỏng|Bị dịch chuyển|Mất)/);
  assert.match(pt, /Đồn Biên phòng/);
  await shot(page, '02-popup', { fullPage: false });

  // Zooming in (the wheel, around the marker) asks for the smaller view;
  // the open popup stays.
  const asked = mapRequests.length;
  const mb = await page.locator(`path.bp-marker[data-number="${number}"]`).boundingBox();
  await page.mouse.move(mb.x + mb.width / 2, mb.y + mb.height / 2);
  await page.mouse.wheel(0, -200);
  await until(() => mapRequests.length > asked, 'the map asks again after a zoom');
  await idle(page);
  await popup.getByRole('heading', { name: `Mốc ${number}` }).waitFor();

  // Layers can be turned off and on.
  await page.getByLabel('Cột mốc', { exact: true }).uncheck();
  await page.waitForFunction(() => document.querySelectorAll('path.bp-marker').length === 0);
  await page.waitForFunction(() => /layers=segments(%2C|,)gates(%2C|,)roads/.test(location.hash));
  await page.getByLabel('Cột mốc', { exact: true }).check();
  await page.waitForFunction(() => document.querySelectorAll('path.bp-marker').length > 0);
  await openPopup(page, number);

  // The marker's page: its facts, a small map, the condition history.
  await popup.getByRole('link', { name: /Xem trang cột mốc/ }).click();
  await page.waitForURL(/#\/markers\/[0-9a-f-]{36}$/);
  await page.locator('.marker-page h1').filter({ hasText: `Mốc ${number}` }).waitFor();
  await page.locator('.map-small path.bp-marker').waitFor({ state: 'attached' });
  await page.getByRole('heading', { name: 'Lịch sử tình trạng' }).waitFor();
  const history = page.locator('table.history tbody tr');
  const before = await history.count();
  assert.ok(before >= 1, 'the demo marker has a condition history');
  assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'Cột mốc' }).getAttribute('aria-current'), 'page');

  // An inspection finds it damaged.
  await page.getByText('Ghi nhận tình trạng mới', { exact: true }).click();
  const form = page.locator('details.action');
  await form.getByLabel('Tình trạng').selectOption('damaged');
  await form.getByLabel('Ghi chú').fill('Mặt mốc bị nứt sau mưa lũ');
  await form.getByRole('button', { name: 'Ghi nhận' }).click();
  await page.getByRole('status').filter({ hasText: `Đã ghi nhận tình trạng của mốc ${number}` }).waitFor();
  await page.getByRole('cell', { name: 'Mặt mốc bị nứt sau mưa lũ' }).waitFor();
  assert.equal(await history.count(), before + 1);
  await page.locator('h1 .cond-damaged').waitFor();
  await shot(page, '03-marker');

  // Back on the map from the marker's page: the popup opens, damaged now.
  await page.getByRole('link', { name: /Xem trên bản đồ/ }).click();
  await popup.getByRole('heading', { name: `Mốc ${number}` }).waitFor();
  await popup.getByText('Hư hỏng', { exact: true }).waitFor();

  // English: the popup's words follow.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Border map' }).waitFor();
  await page.locator('.leaflet-popup-close-button').click();
  await openPopup(page, number, `Marker ${number}`);
  assert.match(await popup.innerText(), /Condition\s+Damaged/);
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.getByRole('heading', { name: 'Bản đồ biên giới' }).waitFor();

  await check();
  await context.close();
});

test('lists: markers with filters and the add form, gates, segments and roads', { timeout: 90000 }, async () => {
  const { context, page, check } = await openPage();
  await login(page, 'admin');

  await page.getByRole('navigation').getByRole('link', { name: 'Cột mốc', exact: true }).click();
  const table = page.locator('table.markers');
  await table.locator('tbody tr').first().waitFor();
  const firstNumber = (await table.locator('tbody tr td.mnum').first().innerText()).trim();
  await page.getByLabel('Tình trạng').first().selectOption('good');
  await page.waitForFunction(() => /condition=good/.test(location.hash));
  await page.waitForFunction(() => [...document.querySelectorAll('table.markers tbody tr')].every((r) => r.querySelector('.cond-good')));
  await page.getByLabel('Tình trạng').first().selectOption('');
  await page.getByLabel('Tìm theo số hiệu mốc').fill(firstNumber);
  await page.waitForFunction((n) => /q=/.test(location.hash)
    && [...document.querySelectorAll('table.markers tbody td.mnum')].some((td) => td.innerText.trim() === n), firstNumber);
  await shot(page, '04-markers');

  // The same number again on the same border: the server's refusal, on the field.
  const add = page.locator('form.add-marker');
  await add.getByLabel('Số hiệu mốc').fill(firstNumber);
  await add.getByLabel('Vĩ độ').fill('21,9');
  await add.getByLabel('Kinh độ').fill('106,7');
  await add.getByLabel('Mã đồn Biên phòng phụ trách').fill('DBP-HUUNGHI');
  await add.getByRole('button', { name: 'Thêm cột mốc' }).click();
  await add.getByRole('alert').waitFor();
  assert.equal(await add.getByLabel('Số hiệu mốc').getAttribute('aria-invalid'), 'true');
  // A new one is added and found.
  await add.getByLabel('Số hiệu mốc').fill('1999/9');
  await add.getByRole('button', { name: 'Thêm cột mốc' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã thêm mốc 1999/9' }).waitFor();
  await page.getByLabel('Tìm theo số hiệu mốc').fill('1999/9');
  await table.getByRole('link', { name: '1999/9', exact: true }).waitFor();
  await shot(page, '05-markers-add');

  await page.getByRole('navigation').getByRole('link', { name: 'Đường biên, cửa khẩu', exact: true }).click();
  const tabs = page.locator('nav.tabs');
  await page.locator('table.registry-gates').getByText('Hữu Nghị', { exact: false }).first().waitFor();
  for (const g of ['Đồng Đăng', 'Chi Ma', 'Bình Nghi', 'Tân Thanh']) {
    await page.locator('table.registry-gates').getByText(g, { exact: false }).first().waitFor();
  }
  await tabs.getByRole('link', { name: 'Đoạn đường biên giới' }).click();
  await page.locator('table.registry-segments tbody tr').first().waitFor();
  assert.match(await page.locator('table.registry-segments').innerText(), /\d+,\d+ km/, 'lengths the Vietnamese way');
  await tabs.getByRole('link', { name: 'Đường tuần tra, kiểm tra mốc' }).click();
  await page.locator('table.registry-roads tbody tr').first().waitFor();
  await shot(page, '06-registry-roads');

  await check();
  await context.close();
});

test('a commune account sees only the markers of its area', { timeout: 90000 }, async () => {
  const { context, page, check } = await openPage();
  const mine = await markersInScope(await server.login('xa.mauson'));
  const all = await markersInScope(await server.login('admin'));
  assert.ok(mine.length > 0, 'the commune has markers in its area');
  assert.ok(mine.length < all.length, `fewer than the province (${mine.length} of ${all.length})`);
  const allowed = new Set(mine.map((f) => f.properties.number));

  await login(page, 'xa.mauson');
  await openMap(page, 1);
  const numbers = await page.locator('path.bp-marker').evaluateAll((els) => els.map((e) => e.getAttribute('data-number')));
  assert.ok(numbers.length > 0);
  for (const n of numbers) assert.ok(allowed.has(n), `marker ${n} is in the commune's area`);
  // Its posts only.
  const posts = new Set(mine.map((f) => postCode(f.properties.post)));
  const allPosts = new Set(all.map((f) => postCode(f.properties.post)));
  assert.ok(posts.size < allPosts.size, `posts: ${[...posts]} of ${[...allPosts]}`);
  await shot(page, '07-commune', { fullPage: false });

  // Another area's marker is not found for it.
  const other = all.find((f) => !allowed.has(f.properties.number));
  await page.goto(`${server.base}/#/markers/${other.properties.id}`);
  await page.getByRole('alert').waitFor();
  assert.equal(await page.locator('table.history').count(), 0);

  await check();
  await context.close();
});

test('an admin sets the tile source on the server; every user\'s map draws it; a browser\'s own wins', { timeout: 90000 }, async () => {
  // A "tile" that the server has: its icon, whatever the query.
  const source = '/favicon.svg?z={z}&x={x}&y={y}';
  const { context, page, check } = await openPage();
  await login(page, 'admin');
  await openMap(page, 51);
  await page.locator('details.map-doc summary').click();
  const form = page.locator('form.tile-settings');
  await form.getByLabel('Nguồn ảnh nền').fill(source);
  await form.getByLabel('Ghi nguồn').fill('Ảnh nền <b>thử</b>');
  await form.getByLabel(/Mức phóng to lớn nhất/).fill('16');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await form.getByRole('status').filter({ hasText: 'Đã lưu nguồn ảnh nền.' }).waitFor();
  // Drawn at once, the attribution as text.
  await page.locator('img.leaflet-tile[src*="/favicon.svg?z="]').first().waitFor({ state: 'attached' });
  assert.match(await page.locator('.leaflet-control-attribution').innerText(), /Ảnh nền <b>thử<\/b>/);
  await page.locator('.tiles-on').filter({ hasText: 'do quản trị viên đặt' }).waitFor();
  // A bad source is refused on its field, and nothing changes.
  await form.getByLabel('Nguồn ảnh nền').fill('https://example.org/tiles.png');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await form.getByRole('alert').waitFor();
  assert.equal(await form.getByLabel('Nguồn ảnh nền').getAttribute('aria-invalid'), 'true');
  await check();
  await context.close();

  // A viewer of a commune gets the same tiles, and has no form.
  const v = await openPage();
  await login(v.page, 'xem.khangchien');
  await openMap(v.page, 1);
  await v.page.locator('img.leaflet-tile[src*="/favicon.svg?z="]').first().waitFor({ state: 'attached' });
  assert.equal(await v.page.locator('form.tile-settings').count(), 0);
  // The browser's own source wins over the server's.
  await v.page.evaluate(() => localStorage.setItem('bienphong.tiles', '/favicon.svg?own={z}/{x}/{y}'));
  await v.page.reload();
  await v.page.locator('img.leaflet-tile[src*="/favicon.svg?own="]').first().waitFor({ state: 'attached' });
  assert.equal(await v.page.locator('img.leaflet-tile[src*="/favicon.svg?z="]').count(), 0);
  await v.check();
  await v.context.close();
  const reset = await server.api('PUT', '/api/settings/map', { token: await server.login('admin'), body: {} });
  assert.equal(reset.status, 200, reset.text);
});
