// numbers.test.mjs - numbers on the screen are written the way of the
// screen's language: "112.000.000 đồng; 39,61 km" in Vietnamese,
// "112,000,000 VND; 39.61 km" in English, on the pages of every part (the
// demo's activities, the stocks of the people's participation, a marker's
// coordinates of the registry), all through web/js/numbers.js, the one
// formatter.
//
//   node --test --test-reporter=tap tests/e2e/numbers.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'js');
let server;
let browser;

before(async () => {
  server = await startServer({ activities: true, env: { BIENPHONG_TODAY: '2026-06-30' } });
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

// The expected text, written here independently of numbers.js.
function written(x, digits, lang) {
  const [group, dec] = lang === 'en' ? [',', '.'] : ['.', ','];
  let s = Math.abs(x).toFixed(digits);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  const [i, f] = s.split('.');
  return `${x < 0 ? '-' : ''}${i.replace(/\B(?=(\d{3})+(?!\d))/g, group)}${f ? dec + f : ''}`;
}

test('no page formats numbers but through numbers.js', () => {
  const files = ['activity_data.js', 'ui.js', 'frame.js', 'fields.js', 'geo.js', 'i18n.js',
    ...readdirSync(join(WEB, 'pages')).map((f) => join('pages', f))];
  for (const f of files) {
    const src = readFileSync(join(WEB, f), 'utf8');
    assert.doesNotMatch(src, /toLocaleString|Intl\.NumberFormat|\.toFixed\(/, f);
    assert.doesNotMatch(src, /export function fmt(Num|Km|Vnd|Count)\b/, f);
  }
});

test('the stocks and a marker\'s coordinates, in Vietnamese then in English', async () => {
  const token = await server.login('admin');
  const st = (await server.api('GET', '/api/stocks?unit=LS&date=2023-12-31', { token })).body;
  const spring = (await server.api('GET', '/api/activities?type=xuan_bien_phong&from=2023-01-01&to=2023-12-31&limit=1', { token })).body.items[0];
  const money = spring.values.kinh_phi;
  assert.ok(money >= 1e6, `${money}: a number with thousands separators`);
  const markers = (await server.api('GET', '/api/markers?limit=1', { token })).body.items;
  const m = markers[0];

  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'vi-VN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(server.base);
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill('bienphong');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();

  for (const lang of ['vi', 'en']) {
    await page.goto(`${server.base}/#/activities?type=xuan_bien_phong&from=2023-01-01&to=2023-12-31`);
    const row = page.locator('table.activities tbody tr', { hasText: spring.title }).first();
    await row.waitFor();
    const moneyText = `${written(money, 0, lang)}\u00a0${lang === 'en' ? 'VND' : 'đồng'}`;
    assert.ok((await row.innerText()).includes(moneyText), `${lang}: ${moneyText} in\n${await row.innerText()}`);
    await page.goto(`${server.base}/#/stocks?unit=LS&date=2023-12-31`);
    const table = page.locator('table.stocks');
    await table.waitFor();
    const text = await table.innerText();
    assert.ok(text.includes(`${written(st.km, st.km < 10 ? 2 : 1, lang)} km`), `${lang}: km in\n${text}`);
    assert.ok(text.includes(`(${written(st.km_share_percent, 2, lang)}%)`), `${lang}: percent in\n${text}`);
    await page.goto(`${server.base}/#/markers/${m.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const body = await page.locator('main').innerText();
    assert.ok(body.includes(written(m.lat, 6, lang)), `${lang}: lat ${written(m.lat, 6, lang)} in\n${body}`);
    if (lang === 'vi') await page.getByRole('button', { name: 'English' }).click();
  }
  assert.deepEqual(errors, []);
  await context.close();
});
