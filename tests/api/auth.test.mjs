// auth.test.mjs - logins, sessions, cookies, throttling, passwords, and
// the CLI that makes users.
//
// Logins cost an argon2 verification (a few tenths of a second under
// AddressSanitizer), so each test logs in only as often as it must.
// Failed logins count against the address too (30 in 15 minutes from
// 127.0.0.1), so this file stays well under that.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer } from '../lib/server.mjs';

let s;
let A;

before(async () => {
  s = await startServer();
  A = { token: await s.login('admin') };
});

after(async () => { await s?.stop(); });

function errorOf(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.body?.error?.code, code, r.text);
  assert.ok(r.body.error.message_vi && r.body.error.message_en);
}

async function newUser(username, role = 'viewer', unit = 'MAUSON', password = 'mat-khau-dai') {
  const r = await s.api('POST', '/api/users', { ...A, body: { username, password, role, unit } });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

test('login answers a token and an HttpOnly, SameSite=Strict cookie; both open /api/me', async () => {
  const r = await s.api('POST', '/api/login', { body: { username: 'xa.mauson', password: 'bienphong' } });
  assert.equal(r.status, 200, r.text);
  assert.match(r.body.token, /^[A-Za-z0-9_-]{40,}$/);
  assert.equal(r.body.user.username, 'xa.mauson');
  assert.equal(r.body.user.unit.code, 'MAUSON');
  assert.ok(!JSON.stringify(r.body).includes('pw_hash') && !JSON.stringify(r.body).includes('$argon2'), 'the hash is sent out');
  assert.ok(Date.parse(r.body.expires_at) > Date.now());
  const cookie = r.headers.get('set-cookie');
  assert.ok(cookie, 'no cookie');
  assert.match(cookie, new RegExp(`^bp_session=${r.body.token};`));
  assert.match(cookie, /;\s*HttpOnly/i);
  assert.match(cookie, /;\s*SameSite=Strict/i);
  assert.match(cookie, /;\s*Path=\//i);
  assert.match(cookie, /;\s*Max-Age=\d+/i);

  const byCookie = await s.api('GET', '/api/me', { headers: { Cookie: `bp_session=${r.body.token}` } });
  assert.equal(byCookie.status, 200, byCookie.text);
  assert.equal(byCookie.body.username, 'xa.mauson');
  const byBearer = await s.api('GET', '/api/me', { token: r.body.token });
  assert.equal(byBearer.body.username, 'xa.mauson');
  // A token is not a password: the lookup is exact.
  errorOf(await s.api('GET', '/api/me', { token: r.body.token.slice(0, -1) }), 401, 'auth_required');
  errorOf(await s.api('GET', '/api/me', { headers: { Authorization: `Basic ${r.body.token}` } }), 401, 'auth_required');
});

test('logout ends the session: 401 afterwards, by token and by cookie, and the cookie is cleared', async () => {
  const t = await s.login('xem.khangchien');
  assert.equal((await s.api('GET', '/api/me', { token: t })).status, 200);
  const out = await s.api('POST', '/api/logout', { headers: { Cookie: `bp_session=${t}` } });
  assert.equal(out.status, 204, out.text);
  const cleared = out.headers.get('set-cookie') ?? '';
  assert.match(cleared, /^bp_session=;/);
  assert.match(cleared, /Max-Age=0/);
  errorOf(await s.api('GET', '/api/me', { token: t }), 401, 'auth_required');
  errorOf(await s.api('GET', '/api/me', { headers: { Cookie: `bp_session=${t}` } }), 401, 'auth_required');
  // Logging out twice is not possible: the session is gone.
  errorOf(await s.api('POST', '/api/logout', { token: t }), 401, 'auth_required');
});

test('an expired session is refused with 401 session_expired', async () => {
  // A server of its own, whose sessions last four seconds: long enough
  // for an argon2id login on a loaded machine, short enough to wait out.
  const short = await startServer({ env: { BIENPHONG_SESSION_SECONDS: '4' } });
  try {
    const r = await short.api('POST', '/api/login', { body: { username: 'admin', password: 'bienphong' } });
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('set-cookie'), /Max-Age=[0-4](;|$)/);
    const t = r.body.token;
    await sleep(5100);
    const me = await short.api('GET', '/api/me', { token: t });
    errorOf(me, 401, 'session_expired');
    errorOf(await short.api('GET', '/api/units', { token: t }), 401, 'session_expired');
  } finally {
    await short.stop();
  }
});

test('five wrong passwords for one user: the sixth try is throttled even with the right password', async () => {
  await newUser('t.throttle');
  for (let i = 1; i <= 5; i++)
    errorOf(await s.api('POST', '/api/login', { body: { username: 't.throttle', password: `sai-${i}-mat-khau` } }), 401, 'login_failed');
  const r = await s.api('POST', '/api/login', { body: { username: 't.throttle', password: 'mat-khau-dai' } });
  errorOf(r, 429, 'login_throttled');
  const retry = Number(r.headers.get('retry-after'));
  assert.ok(Number.isInteger(retry) && retry > 0 && retry <= 900, `Retry-After: ${r.headers.get('retry-after')}`);
  assert.ok(r.body.error.message_en.includes(String(retry)), 'the message names the wait');
  assert.ok(!r.headers.get('set-cookie'), 'a throttled login set a cookie');
  // Only that user is throttled, not the others (the address limit is 30).
  const other = await s.api('POST', '/api/login', { body: { username: 'xa.khangchien', password: 'bienphong' } });
  assert.equal(other.status, 200, other.text);
});

test('a disabled user cannot log in, and their open sessions end', async () => {
  const u = await newUser('t.disabled');
  const t = await s.login('t.disabled', 'mat-khau-dai');
  const off = await s.api('PATCH', `/api/users/${u.id}`, { ...A, body: { disabled: true } });
  assert.equal(off.status, 200, off.text);
  assert.equal(off.body.disabled, true);
  assert.equal((await s.api('GET', '/api/me', { token: t })).status, 401, 'the session outlived the disabling');
  errorOf(await s.api('POST', '/api/login', { body: { username: 't.disabled', password: 'mat-khau-dai' } }), 401, 'user_disabled');
  // A wrong password for a disabled user says the same as for anyone.
  errorOf(await s.api('POST', '/api/login', { body: { username: 't.disabled', password: 'sai-mat-khau' } }), 401, 'login_failed');
  // Enabled again, the user logs in.
  const on = await s.api('PATCH', `/api/users/${u.id}`, { ...A, body: { disabled: false } });
  assert.equal(on.status, 200);
  await s.login('t.disabled', 'mat-khau-dai');
  // Nobody disables themselves (and so locks the unit out by mistake).
  const self = await s.api('PATCH', '/api/users/admin', { ...A, body: { disabled: true } });
  assert.equal(self.status, 403, self.text);
});

test('changing one\'s own password needs the old one; the new one works, the old one not', async () => {
  const u = await newUser('t.passwd', 'editor');
  const t = await s.login('t.passwd', 'mat-khau-dai');
  const path = `/api/users/${u.id}/password`;
  errorOf(await s.api('POST', path, { token: t, body: { password: 'mat-khau-moi' } }), 400, 'password_wrong');
  errorOf(await s.api('POST', path, { token: t, body: { password: 'mat-khau-moi', old_password: 'khong-dung' } }), 400, 'password_wrong');
  errorOf(await s.api('POST', path, { token: t, body: { password: 'ngan', old_password: 'mat-khau-dai' } }), 400, 'password_weak');
  // The refusals above changed nothing: the session still works.
  assert.equal((await s.api('GET', '/api/me', { token: t })).status, 200);
  const ok = await s.api('POST', path, { token: t, body: { password: 'mat-khau-moi', old_password: 'mat-khau-dai' } });
  assert.equal(ok.status, 204, ok.text);
  assert.equal(ok.text, '');
  // The session that changed the password goes on; others opened with the old one end.
  assert.equal((await s.api('GET', '/api/me', { token: t })).status, 200);
  errorOf(await s.api('POST', '/api/login', { body: { username: 't.passwd', password: 'mat-khau-dai' } }), 401, 'login_failed');
  const t2 = await s.login('t.passwd', 'mat-khau-moi');
  const t3 = await s.login('t.passwd', 'mat-khau-moi');
  const again = await s.api('POST', path, { token: t2, body: { password: 'mat-khau-ba', old_password: 'mat-khau-moi' } });
  assert.equal(again.status, 204, again.text);
  assert.equal((await s.api('GET', '/api/me', { token: t2 })).status, 200);
  assert.equal((await s.api('GET', '/api/me', { token: t3 })).status, 401, 'another session outlived the change');
  assert.equal((await s.api('GET', '/api/me', { token: t })).status, 401);
  // An editor cannot set another user's password, with or without the old
  // one: to an editor, other users are not there at all.
  const other = await s.api('POST', '/api/users/xa.mauson/password', { token: t2, body: { password: 'mat-khau-moi', old_password: 'bienphong' } });
  errorOf(other, 404, 'user_not_found');
  // An admin sets it without the old one, and audits it without the hash.
  const reset = await s.api('POST', path, { ...A, body: { password: 'mat-khau-bon' } });
  assert.equal(reset.status, 204, reset.text);
  await s.login('t.passwd', 'mat-khau-bon');
  const audit = await s.api('GET', `/api/audit?entity_id=${u.id}`, A);
  const rows = audit.body.items.filter((a) => a.action === 'password');
  assert.equal(rows.length, 3, "two own changes and one reset");
  assert.ok(!audit.text.includes('argon2') && !audit.text.includes('mat-khau'), 'a password or hash in the audit log');
});

test('`bienphong user add` reads the password from stdin; the user can log in', () => {
  const r = s.cli(['user', 'add', 'cli.user', '--unit', 'MAUSON', '--role', 'editor'], { input: 'mat-khau-cli\n' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^[0-9a-f-]{36}\tcreated\n$/);
  // The password is never an argument, so it cannot show in the process list.
  return s.login('cli.user', 'mat-khau-cli').then(async (t) => {
    const me = await s.api('GET', '/api/me', { token: t });
    assert.equal(me.body.role, 'editor');
    assert.equal(me.body.unit.code, 'MAUSON');
  });
});

test('the CLI refuses a missing or weak password and creates nobody', async () => {
  for (const [input, code] of [['', 'password_missing'], ['ngan\n', 'password_weak']]) {
    const r = s.cli(['user', 'add', 'cli.nopass', '--unit', 'MAUSON', '--role', 'viewer'], { input });
    assert.notEqual(r.status, 0, `accepted ${JSON.stringify(input)}`);
    assert.ok(r.stderr.includes(code), r.stderr);
  }
  const list = await s.api('GET', '/api/users?limit=1000', A);
  assert.ok(!list.body.items.some((u) => u.username === 'cli.nopass'));
  // And refuses an unknown unit or role.
  assert.notEqual(s.cli(['user', 'add', 'cli.x', '--unit', 'NO-SUCH', '--role', 'viewer'], { input: 'mat-khau-dai\n' }).status, 0);
  assert.notEqual(s.cli(['user', 'add', 'cli.x', '--unit', 'MAUSON', '--role', 'chief'], { input: 'mat-khau-dai\n' }).status, 0);
});

test('guesses of the old password are throttled like logins', async () => {
  const u = await newUser('t.guess', 'editor');
  const t = await s.login('t.guess', 'mat-khau-dai');
  const path = `/api/users/${u.id}/password`;
  for (let i = 0; i < 5; i++)
    errorOf(await s.api('POST', path, { token: t, body: { password: 'mat-khau-moi', old_password: `doan-sai-${i}` } }), 400, 'password_wrong');
  // the sixth guess waits, even the right one, and nothing changed
  const sixth = await s.api('POST', path, { token: t, body: { password: 'mat-khau-moi', old_password: 'mat-khau-dai' } });
  errorOf(sixth, 429, 'login_throttled');
  assert.ok(Number(sixth.headers.get('retry-after')) > 0);
  errorOf(await s.api('POST', '/api/login', { body: { username: 't.guess', password: 'mat-khau-moi' } }), 429, 'login_throttled');
});
