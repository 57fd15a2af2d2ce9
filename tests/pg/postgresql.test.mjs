// PostgreSQL as a province runs it: two bienphong servers on one database,
// a database that goes away and comes back, and moving data between
// engines with backup, restore and copy. Runs in the PostgreSQL phase of
// scripts/run-tests.sh (BIENPHONG_TEST_PG set).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { startServer, newDatabase, cli } from '../lib/server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cluster = (cmd, dir) => {
  const r = spawnSync(join(root, 'scripts', 'pg-cluster.sh'), [cmd, dir], { encoding: 'utf8' });
  assert.equal(r.status, 0, `pg-cluster ${cmd}: ${r.stderr}`);
  return r.stdout.trim();
};
const unitCodes = (db) => {
  const r = cli(['unit', 'list', '--all', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]).sort();
};

const dir = mkdtempSync(join(tmpdir(), 'bienphong-pg-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('two servers on one database: concurrent identical writes are stored once', async () => {
  assert.ok(process.env.BIENPHONG_TEST_PG, 'runs against the PostgreSQL of the test run');
  const db = newDatabase(dir);
  const a = await startServer({ db });
  const b = await startServer({ db, demo: false });
  try {
    const [ta, tb] = [await a.login('xa.mauson'), await b.login('xa.mauson')];
    const ids = Array.from({ length: 12 }, () => randomUUID());
    const puts = [];
    ids.forEach((id, i) => {
      const body = { code: `MAUSON-T${i}`, kind: 'village', name: `Thôn thử ${i}`, parent: 'MAUSON' };
      // every record is sent to both servers at the same moment, twice
      for (const [s, t] of [[a, ta], [b, tb], [a, ta], [b, tb]]) puts.push(s.api('PUT', `/api/units/${id}`, { token: t, body }));
    });
    const res = await Promise.all(puts);
    for (const r of res) assert.ok([200, 201].includes(r.status), `${r.status} ${r.text}`);
    const created = res.filter((r) => r.status === 201).length;
    assert.equal(created, ids.length, 'exactly one create per id');
    // no lost or doubled write, seen from either server
    for (const [s, t] of [[a, ta], [b, tb]]) {
      const list = await s.api('GET', '/api/units?q=MAUSON-T&limit=1000', { token: t });
      assert.equal(list.status, 200);
      assert.equal(list.body.items.length, ids.length);
    }
    const admin = await a.login('admin');
    for (const id of ids) {
      const log = await b.api('GET', `/api/audit?entity=unit&entity_id=${id}`, { token: admin });
      assert.equal(log.status, 200);
      assert.deepEqual(log.body.items.map((x) => x.action), ['create'], `audit of ${id}`);
    }
  } finally {
    await b.stop();
    await a.stop();
  }
});

test('the database goes away: 503 in bounded time, then recovery without a restart', async () => {
  // the server runs as the postgres user when the tests run as root: its folder must be reachable
  const own = mkdtempSync(join(tmpdir(), 'bienphong-pgc-'));
  chmodSync(own, 0o755);
  const admin = cluster('start', own);
  try {
    const name = 'failover';
    const r = spawnSync('psql', [admin, '-qc', `CREATE DATABASE ${name}`], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const db = admin.replace(':///postgres?', `:///${name}?`);
    // the answer cache may answer a GET it has just answered without asking the database
    // (nothing changed); this test is about the requests that do ask it
    const s = await startServer({ db, env: { BIENPHONG_CACHE_SECONDS: '0' } });
    try {
      const t = await s.login('xa.mauson');
      assert.equal((await s.api('GET', '/api/units/MAUSON', { token: t })).status, 200);
      cluster('pause', own);
      const t0 = Date.now();
      const down = await s.api('GET', '/api/units/MAUSON', { token: t });
      assert.equal(down.status, 503, down.text);
      assert.equal(down.body.error.code, 'db_unavailable');
      assert.ok(down.body.error.message_vi && down.body.error.message_en);
      assert.ok(Date.now() - t0 < 15000, 'the failure is reported within the bound');
      // health says so too
      assert.equal((await s.api('GET', '/api/health')).status, 503);
      cluster('resume', own);
      let ok = null;
      for (let i = 0; i < 20 && !ok; i++) {
        const res = await s.api('GET', '/api/units/MAUSON', { token: t });
        if (res.status === 200) ok = res;
        else await new Promise((w) => setTimeout(w, 250));
      }
      assert.ok(ok, 'the server recovers on its own');
      assert.equal(ok.body.code, 'MAUSON');
      // writes work again, in a transaction as before
      const w = await s.api('POST', '/api/units', { token: t, body: { code: 'MAUSON-SAU', kind: 'village', name: 'Thôn Sau', parent: 'MAUSON' } });
      assert.equal(w.status, 201, w.text);
    } finally {
      await s.stop();
    }
  } finally {
    cluster('stop', own);
  }
});

test('backup, restore and copy keep every record and id', () => {
  const lite = `sqlite:${join(dir, 'commune.db')}`;
  assert.equal(cli(['init', '--db', lite]).status, 0);
  assert.equal(cli(['demo', '--db', lite]).status, 0);
  const codes = unitCodes(lite);
  assert.ok(codes.includes('MAUSON') && codes.includes('LB-YENKHOAI'));

  const file = join(dir, 'commune-backup.db');
  assert.equal(cli(['backup', file, '--db', lite]).status, 0);
  const restored = `sqlite:${join(dir, 'restored.db')}`;
  const rs = cli(['restore', file, '--db', restored]);
  assert.equal(rs.status, 0, rs.stderr);
  assert.deepEqual(unitCodes(restored), codes);

  // SQLite into PostgreSQL, twice (the second copies nothing), and back
  const pg = newDatabase(dir);
  const c1 = cli(['copy', '--from', lite, '--to', pg]);
  assert.equal(c1.status, 0, c1.stderr);
  assert.match(c1.stdout, /^units\t42$/m);
  // The coordination records are copied with their lists.
  for (const row of ['conferences\t3', 'conference_contributions\t6', 'agreement_commitments\t8',
    'agreement_review_items\t8', 'commendation_recipients\t14'])
    assert.match(c1.stdout, new RegExp(`^${row}$`, 'm'));
  const c2 = cli(['copy', '--from', lite, '--to', pg]);
  assert.equal(c2.status, 0, c2.stderr);
  assert.match(c2.stdout, /^units\t0$/m);
  assert.deepEqual(unitCodes(pg), codes);
  const back = `sqlite:${join(dir, 'back.db')}`;
  assert.equal(cli(['copy', '--from', pg, '--to', back]).status, 0);
  assert.deepEqual(unitCodes(back), codes);
  const show = (db) => JSON.parse(cli(['unit', 'show', 'MAUSON', '--db', db]).stdout);
  assert.deepEqual(show(back), show(lite), 'ids, history and links are the same');
  // the copied users log in on PostgreSQL with their passwords
  const users = cli(['user', 'list', '--db', pg]);
  assert.match(users.stdout, /xa\.mauson\tunit_admin\tMAUSON/);

  // a second demo made separately has other ids for the same codes: refused, nothing written
  const other = newDatabase(dir);
  assert.equal(cli(['init', '--db', other]).status, 0);
  assert.equal(cli(['demo', '--db', other]).status, 0);
  const before = unitCodes(other);
  const bad = cli(['copy', '--from', lite, '--to', other]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /copy_conflict/);
  assert.deepEqual(unitCodes(other), before);
  // backup of PostgreSQL is pg_dump's job, said plainly
  const pb = cli(['backup', join(dir, 'x'), '--db', pg]);
  assert.equal(pb.status, 1);
  assert.match(pb.stderr, /backup_unsupported/);
  // a file that is not a backup is refused and the database kept
  const junk = join(dir, 'junk.db');
  spawnSync('sh', ['-c', `echo not-a-database > ${junk}`]);
  const rj = cli(['restore', junk, '--db', restored]);
  assert.equal(rj.status, 1);
  assert.match(rj.stderr, /backup_file/);
  assert.deepEqual(unitCodes(restored), codes);
});
