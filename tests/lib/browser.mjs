// browser.mjs - Debian's Chromium for the browser tests, started the way
// this machine's closed network needs (no background connections, no
// component updates) with a fresh profile from playwright-core.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// The API's 4xx answers a page shows its user are not console errors to
// fail on: by default, any 4xx of a path under /api/.
const apiAnswer = (text, path) => /status of 4\d\d/.test(text) && path.startsWith('/api/');

// A page in a new Vietnamese context that records what a user must never
// meet: Content-Security-Policy violations, console errors (but those
// ignoreConsole(text, path) lets pass) and uncaught exceptions. `setup`
// runs on the context first (a fixed clock, say). Returns the context,
// the page, the list of problems (for a test's own listeners to add to)
// and check(), which asserts there were none.
export async function watchedPage(browser, base, {
  viewport = { width: 1280, height: 900 }, acceptDownloads = false, ignoreConsole = apiAnswer, setup,
} = {}) {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', acceptDownloads });
  if (setup) await setup(context);
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const url = msg.location().url || '';
    if (ignoreConsole(msg.text(), new URL(url, base).pathname)) return;
    problems.push(`console: ${msg.text()} (${url})`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  async function check() {
    assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no Content-Security-Policy violations');
    assert.deepEqual(problems, [], 'no console errors');
  }
  return { context, page, problems, check };
}

// Logs in through the login form, as a user does, and waits for the app.
export async function login(page, base, username, password = 'bienphong') {
  await page.goto(base);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}
