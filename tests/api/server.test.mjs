// server.test.mjs - the HTTP server itself: health, headers, static files
// and their path checks, routing errors, and the audit log.
//
// Static files are served from a web root made here (not the project's
// web/, which changes with the UI), with a secret beside it, a .git folder
// and links pointing out, so that a path check that fails shows.
// Paths with ".." are sent over a raw socket: fetch and node's http would
// normalise them before they ever reach the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, ENGINE } from '../lib/server.mjs';

let s;
let A;
let top;      // a folder holding the web root and a secret next to it
const SECRET = 'bi-mat-khong-duoc-lo';

before(async () => {
  top = mkdtempSync(join(tmpdir(), 'bienphong-web-'));
  const web = join(top, 'web');
  mkdirSync(join(web, 'js'), { recursive: true });
  mkdirSync(join(web, '.git'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><meta charset="utf-8"><title>Đăng nhập</title>');
  writeFileSync(join(web, 'js', 'app.js'), 'export const ten = "Biên phòng";\n');
  writeFileSync(join(web, '.git', 'config'), `[core]\n\tsecret = ${SECRET}\n`);
  writeFileSync(join(web, '.env'), `TOKEN=${SECRET}\n`);
  writeFileSync(join(top, 'secret.txt'), SECRET);
  symlinkSync(join(top, 'secret.txt'), join(web, 'escape.txt'));
  symlinkSync('/etc', join(web, 'etc'));
  s = await startServer({ args: ['--web', web] });
  A = { token: await s.login('admin') };
});

after(async () => {
  await s?.stop();
  if (top) rmSync(top, { recursive: true, force: true });
});

// One request over a raw socket, the path sent exactly as given.
function rawGet(path, method = 'GET') {
  return new Promise((resolve, reject) => {
    const sock = net.connect(s.port, '127.0.0.1');
    let data = '';
    sock.setEncoding('utf8');
    sock.on('connect', () => sock.write(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    sock.on('data', (d) => { data += d; });
    sock.on('end', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, text: rest.join('\r\n\r\n') });
    });
    sock.on('error', reject);
    sock.setTimeout(5000, () => { sock.destroy(); reject(new Error(`timeout on ${path}`)); });
  });
}

function assertSecurityHeaders(get, what) {
  const csp = get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/, `${what}: CSP`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP frame-ancestors`);
  assert.match(csp, /object-src 'none'/, `${what}: CSP object-src`);
  assert.equal(get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.equal(get('x-frame-options'), 'DENY', `${what}: X-Frame-Options`);
}

test('GET /api/health answers without a login', async () => {
  const r = await s.api('GET', '/api/health');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'ok');
  assert.equal(r.body.db, ENGINE);
  assert.ok(r.body.schema >= 1);
  assert.equal(r.body.schema, r.body.schema_latest);
  assert.match(r.body.version, /\d+\.\d+/);
});

test('security headers and charset=utf-8 on API answers, errors included', async () => {
  const answers = {
    health: await s.api('GET', '/api/health'),
    list: await s.api('GET', '/api/units', A),
    unauthorised: await s.api('GET', '/api/units'),
    'not found': await s.api('GET', '/api/nope', A),
    'bad input': await s.api('POST', '/api/units', { ...A, raw: '{', headers: { 'Content-Type': 'application/json' } }),
  };
  for (const [what, r] of Object.entries(answers)) {
    assertSecurityHeaders((h) => r.headers.get(h), what);
    assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8', what);
    assert.equal(r.headers.get('cache-control'), 'no-store', `${what}: API answers must not be cached`);
  }
  // Vietnamese comes back as it was stored, in NFC.
  const u = await s.api('GET', '/api/units/MAUSON', A);
  assert.equal(u.body.name, 'Xã Mẫu Sơn');
  assert.equal(u.body.name, u.body.name.normalize('NFC'));
});

test('static files: served with charset and security headers', async () => {
  for (const [path, type, text] of [['/', 'text/html; charset=utf-8', 'Đăng nhập'], ['/index.html', 'text/html; charset=utf-8', 'Đăng nhập'],
    ['/js/app.js', 'text/javascript; charset=utf-8', 'Biên phòng']]) {
    const r = await fetch(s.base + path);
    const body = await r.text();
    assert.equal(r.status, 200, `${path}: ${body}`);
    assert.equal(r.headers.get('content-type'), type, path);
    assert.ok(body.includes(text), `${path}: ${body}`);
    assertSecurityHeaders((h) => r.headers.get(h), path);
  }
  const missing = await fetch(`${s.base}/nope.html`);
  assert.equal(missing.status, 404);
  assertSecurityHeaders((h) => missing.headers.get(h), '/nope.html');
});

test('static path traversal, hidden files and links out of the web root: 404', async () => {
  const paths = [
    '/../etc/passwd', '/%2e%2e/etc/passwd', '/%2E%2E/%2E%2E/etc/passwd', '/..%2fetc%2fpasswd',
    '/js/../../secret.txt', '/js/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/./../secret.txt',
    '/.git/config', '/%2egit/config', '/js/../.git/config', '/.env',
    '/escape.txt', '/etc/passwd', '/etc/hostname', '//etc/passwd', '/js\\..\\..\\secret.txt', '/js/%5c..%5c..%5csecret.txt',
  ];
  for (const path of paths) {
    const r = await rawGet(path);
    assert.ok(r.status === 404 || r.status === 400, `${path}: ${r.status}`);
    assert.ok(!r.text.includes(SECRET) && !r.text.includes('root:'), `${path} leaked a file: ${r.text.slice(0, 200)}`);
    if (r.status === 404) assert.equal(JSON.parse(r.text).error.code, 'not_found', path);
  }
  // The checks refuse the paths, not everything: a plain path still works over the same socket code.
  assert.equal((await rawGet('/js/app.js')).status, 200);
});

test('unknown /api paths: 404 not_found, logged in or not', async () => {
  for (const path of ['/api/nope', '/api', '/api/', '/api/units/MAUSON/nope', '/api/units/MAUSON/communes/extra', `/api/units/${'X'.repeat(300)}`]) {
    const r = await s.api('GET', path, A);
    assert.equal(r.status, 404, `${path}: ${r.text}`);
    assert.equal(r.body.error.code, 'not_found', path);
    assert.ok(r.body.error.message_vi && r.body.error.message_en);
  }
  // Without a login the answer is the same: unknown stays unknown.
  const r = await s.api('GET', '/api/nope');
  assert.equal(r.status, 404);
});

test('a wrong method: 405 method_not_allowed with an Allow header', async () => {
  for (const [method, path, allow] of [
    ['DELETE', '/api/units', 'GET, POST'], ['PATCH', '/api/units/MAUSON', 'GET, PUT'], ['POST', '/api/health', 'GET'],
    ['GET', '/api/login', 'POST'], ['DELETE', '/api/users/admin', 'GET, PUT, PATCH'], ['DELETE', '/api/units/tree', 'GET, PUT'],
    ['POST', '/', 'GET, HEAD'], ['DELETE', '/index.html', 'GET, HEAD'],
  ]) {
    const r = await s.api(method, path, A);
    assert.equal(r.status, 405, `${method} ${path}: ${r.text}`);
    assert.equal(r.body.error.code, 'method_not_allowed');
    // RFC 9110 15.5.6: a 405 lists the methods the address does take.
    const got = (r.headers.get('allow') ?? '').split(',').map((m) => m.trim()).filter(Boolean).sort();
    assert.deepEqual(got, allow.split(', ').sort(), `${method} ${path}: Allow`);
  }
});

test('the audit log records who moved what, before and after; a unit admin sees only its scope', async () => {
  const mk = async (body) => {
    const r = await s.api('POST', '/api/units', { ...A, body });
    assert.equal(r.status, 201, r.text);
    return r.body;
  };
  await mk({ code: 'S-XA1', kind: 'commune', name: 'Xã Một', parent: 'LS', valid_from: '2020-01-01' });
  await mk({ code: 'S-XA2', kind: 'commune', name: 'Xã Hai', parent: 'LS', valid_from: '2020-01-01' });
  const v = await mk({ code: 'S-T1', kind: 'village', name: 'Thôn Một', parent: 'S-XA1' });
  const started = Date.now();
  const mv = await s.api('POST', '/api/units/S-T1/move', { ...A, body: { parent: 'S-XA2', date: '2026-01-01' } });
  assert.equal(mv.status, 200, mv.text);

  const me = (await s.api('GET', '/api/me', A)).body;
  const log = await s.api('GET', `/api/audit?entity=unit&entity_id=${v.id}`, A);
  assert.equal(log.status, 200, log.text);
  const moves = log.body.items.filter((a) => a.action === 'move');
  assert.equal(moves.length, 1);
  const m = moves[0];
  assert.equal(m.actor, 'admin');
  assert.equal(m.actor_id, me.id);
  assert.equal(m.entity, 'unit');
  assert.equal(m.entity_id, v.id);
  assert.equal(m.unit_id, v.id);
  assert.equal(m.before.parent.code, 'S-XA1');
  assert.equal(m.after.parent.code, 'S-XA2');
  assert.equal(m.before.code, 'S-T1');
  const at = Date.parse(m.at);
  assert.ok(at >= started - 2000 && at <= Date.now() + 2000, `at ${m.at}`);
  assert.deepEqual(log.body.items.map((a) => a.action).sort(), ['create', 'move']);
  const since = await s.api('GET', `/api/audit?entity_id=${v.id}&since=2999-01-01`, A);
  assert.deepEqual(since.body.items, []);

  // The unit admin of MAUSON makes something in its commune, then reads the log.
  const ua = await s.login('xa.mauson');
  const own = await s.api('POST', '/api/units', { token: ua, body: { code: 'S-AG', kind: 'agency', name: 'Tổ tự quản', parent: 'MAUSON' } });
  assert.equal(own.status, 201, own.text);
  const scope = await s.api('GET', '/api/units?include_retired=1&limit=1000', { token: ua });
  const inScope = new Set(scope.body.items.map((u) => u.id));
  const seen = await s.api('GET', '/api/audit?limit=1000', { token: ua });
  assert.equal(seen.status, 200, seen.text);
  assert.ok(seen.body.items.length > 0);
  for (const a of seen.body.items) assert.ok(inScope.has(a.unit_id), `row ${a.action} ${a.entity} about unit ${a.unit_id} is out of scope`);
  const mine = seen.body.items.find((a) => a.entity_id === own.body.id);
  assert.equal(mine?.actor, 'xa.mauson');
  assert.ok(!seen.body.items.some((a) => a.entity_id === v.id), 'the province\'s move shows to a commune');
  const filtered = await s.api('GET', `/api/audit?entity_id=${v.id}`, { token: ua });
  assert.deepEqual(filtered.body.items, []);
  // The province's unit admin sees both.
  const tinh = await s.login('tinh.bdbp');
  const all = await s.api('GET', '/api/audit?limit=1000', { token: tinh });
  assert.ok(all.body.items.some((a) => a.entity_id === v.id && a.action === 'move'));
  assert.ok(all.body.items.some((a) => a.entity_id === own.body.id));
});

test('the audit log pages without losing or repeating a row', async () => {
  const whole = await s.api('GET', '/api/audit?limit=1000', A);
  const seen = [];
  let cursor = null;
  for (let i = 0; i < 200; i++) {
    const r = await s.api('GET', `/api/audit?limit=9${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, A);
    assert.equal(r.status, 200, r.text);
    seen.push(...r.body.items.map((a) => a.id));
    cursor = r.body.next_cursor;
    if (!cursor) break;
  }
  assert.deepEqual(seen, whole.body.items.map((a) => a.id));
});
