// cache.test.mjs - what the server keeps in memory (src/http/cache.h) is
// never given out once the database has changed, whoever changed it: the
// server itself, the command line in another process, or (on SQLite) any
// program writing to the file; a session ends when it expires or its user
// is disabled, even while it is kept; an answer kept for one user is never
// given to another.
//
// Each server here runs one worker thread, so that every request finds
// what the one before it left in the thread's cache.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, ENGINE } from '../lib/server.mjs';

const sleep = (ms) => new Promise((w) => setTimeout(w, ms));
let s;

before(async () => {
  s = await startServer({ args: ['--threads', '1'] });
});

after(async () => { await s?.stop(); });

const postsOf = (unit) => unit.posts.map((p) => p.code).sort();

// A statement run straight on the database, as an operator's tool would.
function sql(statement) {
  const r = ENGINE === 'sqlite'
    ? spawnSync('sqlite3', [s.db.slice('sqlite:'.length), statement], { encoding: 'utf8' })
    : spawnSync('psql', [s.db, '-qc', statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

test('a write by the command line, in another process, shows in the next answer', async () => {
  const t = await s.login('xa.mauson');
  const first = await s.api('GET', '/api/units/MAUSON', { token: t });
  assert.equal(first.status, 200, first.text);
  assert.deepEqual(postsOf(first.body), ['DBP-BASON', 'DBP-CHIMA']);
  // the same again: the answer the thread kept
  assert.equal((await s.api('GET', '/api/units/MAUSON', { token: t })).text, first.text);
  const link = s.cli(['unit', 'link', 'DBP-BINHNGHI', 'MAUSON', '--from', '2025-07-01']);
  assert.equal(link.status, 0, link.stderr);
  const after = await s.api('GET', '/api/units/MAUSON', { token: t });
  assert.equal(after.status, 200, after.text);
  assert.deepEqual(postsOf(after.body), ['DBP-BASON', 'DBP-BINHNGHI', 'DBP-CHIMA']);
});

test('a write through the API shows in the next answer', async () => {
  const t = await s.login('xa.mauson');
  const path = '/api/units/MAUSON/subtree';
  const codes = async () => {
    const r = await s.api('GET', path, { token: t });
    assert.equal(r.status, 200, r.text);
    return JSON.stringify(r.body);
  };
  const kept = await codes();
  assert.equal(await codes(), kept);
  assert.ok(!kept.includes('CACHE-THON'));
  const r = await s.api('POST', '/api/units', {
    token: t, body: { code: 'CACHE-THON', kind: 'village', name: 'Thôn Mới', parent: 'MAUSON' },
  });
  assert.equal(r.status, 201, r.text);
  assert.ok((await codes()).includes('CACHE-THON'));
});

test('an answer kept for one user is not given to another', async () => {
  const own = await s.login('xa.mauson');
  assert.equal((await s.api('GET', '/api/units/MAUSON', { token: own })).status, 200);
  assert.equal((await s.api('GET', '/api/units/MAUSON', { token: own })).status, 200);
  const outsider = await s.login('xem.khangchien');
  const r = await s.api('GET', '/api/units/MAUSON', { token: outsider });
  assert.ok(r.status === 403 || r.status === 404, `${r.status} ${r.text}`);
  assert.ok(r.body.error, r.text);
});

test('a user disabled by the command line is refused at the next request', async () => {
  const t = await s.login('xa.khangchien');
  assert.equal((await s.api('GET', '/api/me', { token: t })).status, 200);
  assert.equal((await s.api('GET', '/api/me', { token: t })).status, 200);
  const off = s.cli(['user', 'disable', 'xa.khangchien']);
  assert.equal(off.status, 0, off.stderr);
  // disabling ends the user's sessions
  const r = await s.api('GET', '/api/me', { token: t });
  assert.equal(r.status, 401, r.text);
  assert.equal(r.body.error.code, 'auth_required');
  const on = s.cli(['user', 'enable', 'xa.khangchien']);
  assert.equal(on.status, 0, on.stderr);
  assert.equal((await s.api('GET', '/api/me', { token: t })).status, 401);
  assert.equal((await s.api('GET', '/api/me', { token: await s.login('xa.khangchien') })).status, 200);
});

if (ENGINE === 'sqlite') {
  test('SQLite: a write by any program on the database file shows in the next answer', async () => {
    const t = await s.login('xa.mauson');
    assert.equal((await s.api('GET', '/api/units/MAUSON', { token: t })).body.name, 'Xã Mẫu Sơn');
    sql("UPDATE units SET name = 'Xã Mẫu Sơn (sửa)' WHERE code = 'MAUSON'");
    assert.equal((await s.api('GET', '/api/units/MAUSON', { token: t })).body.name, 'Xã Mẫu Sơn (sửa)');
    sql("UPDATE units SET name = 'Xã Mẫu Sơn' WHERE code = 'MAUSON'");
    assert.equal((await s.api('GET', '/api/units/MAUSON', { token: t })).body.name, 'Xã Mẫu Sơn');
  });
} else {
  test('PostgreSQL: a write made with psql shows once it is notified (docs/operations.md)', async () => {
    const t = await s.login('xa.mauson');
    const path = '/api/units/MAUSON';
    assert.equal((await s.api('GET', path, { token: t })).body.name, 'Xã Mẫu Sơn');
    // Without a notification the server cannot know: it keeps its answer
    // (up to BIENPHONG_CACHE_SECONDS), which shows the answer is kept.
    sql("UPDATE units SET name = 'Xã Mẫu Sơn (sửa)' WHERE code = 'MAUSON'");
    assert.equal((await s.api('GET', path, { token: t })).body.name, 'Xã Mẫu Sơn');
    sql("UPDATE units SET name = 'Xã Mẫu Sơn (sửa)' WHERE code = 'MAUSON'; NOTIFY bienphong_changes");
    let name = null;
    for (let i = 0; i < 50 && name !== 'Xã Mẫu Sơn (sửa)'; i++) {
      name = (await s.api('GET', path, { token: t })).body.name;
      if (name !== 'Xã Mẫu Sơn (sửa)') await sleep(20);
    }
    assert.equal(name, 'Xã Mẫu Sơn (sửa)');
  });

  test('PostgreSQL: the listening connection lost, nothing kept is given out; back, the cache works again', async () => {
    const t = await s.login('xa.mauson');
    const path = '/api/units/MAUSON';
    const nameOf = async () => (await s.api('GET', path, { token: t })).body.name;
    const waitFor = async (want) => {
      let got = null;
      for (let i = 0; i < 100 && got !== want; i++) {
        got = await nameOf();
        if (got !== want) await sleep(50);
      }
      return got;
    };
    sql("UPDATE units SET name = 'Xã Mẫu Sơn' WHERE code = 'MAUSON'; NOTIFY bienphong_changes");
    assert.equal(await waitFor('Xã Mẫu Sơn'), 'Xã Mẫu Sơn');
    sql("UPDATE units SET name = 'Mẫu Sơn 2' WHERE code = 'MAUSON'");
    assert.equal(await nameOf(), 'Xã Mẫu Sơn', 'kept: no notification');
    // The listener's backend ends (as in a restart of PostgreSQL): the
    // server reads from the database until it listens again, then forgets
    // what it kept before.
    const r = spawnSync('psql', [s.db, '-qtAc',
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query = 'LISTEN bienphong_changes' AND datname = current_database()"],
    { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), '1');
    assert.equal(await waitFor('Mẫu Sơn 2'), 'Mẫu Sơn 2');
    // listening again: an answer is kept once more (a write without a notification does not show)
    let kept = false;
    for (let i = 0; i < 50 && !kept; i++) {
      await sleep(100);
      const before = await nameOf();
      sql(`UPDATE units SET name = 'Mẫu Sơn ${i + 3}' WHERE code = 'MAUSON'`);
      kept = (await nameOf()) === before;
    }
    assert.ok(kept, 'the server listens again');
    sql("UPDATE units SET name = 'Xã Mẫu Sơn' WHERE code = 'MAUSON'; NOTIFY bienphong_changes");
    assert.equal(await waitFor('Xã Mẫu Sơn'), 'Xã Mẫu Sơn');
  });
}

test('four threads: a read sent after a write has answered always sees it', async () => {
  const four = await startServer({ args: ['--threads', '4'] });
  try {
    const t = await four.login('xa.mauson');
    const path = '/api/units/MAUSON/subtree';
    const read = async () => {
      const r = await four.api('GET', path, { token: t });
      assert.equal(r.status, 200, r.text);
      return r.text;
    };
    for (let i = 0; i < 25; i++) {
      // every thread keeps the subtree as it is now
      await Promise.all([read(), read(), read(), read(), read(), read(), read(), read()]);
      const code = `CACHE-T${i}`;
      const w = await four.api('POST', '/api/units', {
        token: t, body: { code, kind: 'village', name: `Thôn ${i}`, parent: 'MAUSON' },
      });
      assert.equal(w.status, 201, w.text);
      const after = await Promise.all([read(), read(), read(), read(), read(), read(), read(), read()]);
      for (const text of after) assert.ok(text.includes(code), `round ${i}: a read after the write misses ${code}`);
    }
  } finally {
    await four.stop();
  }
});

test('a kept session ends when it expires', async () => {
  const short = await startServer({ args: ['--threads', '1'], env: { BIENPHONG_SESSION_SECONDS: '4' } });
  try {
    const t = await short.login('xa.mauson');
    assert.equal((await short.api('GET', '/api/me', { token: t })).status, 200);
    assert.equal((await short.api('GET', '/api/me', { token: t })).status, 200);
    await sleep(5100);
    const r = await short.api('GET', '/api/me', { token: t });
    assert.equal(r.status, 401, r.text);
    assert.equal(r.body.error.code, 'session_expired');
  } finally {
    await short.stop();
  }
});
