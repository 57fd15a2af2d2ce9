// server.mjs - starts a real `bienphong serve` for a test file: a fresh
// SQLite database in a temporary folder, `init` and `demo` run through the
// CLI, the server on a free loopback port. stop() ends it with SIGTERM and
// fails when it did not exit cleanly (so sanitizer reports fail the test).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.BIENPHONG_BIN || join(root, 'build', 'test', 'bienphong');
export const WEB = join(root, 'web');

// Runs the CLI synchronously; returns {status, stdout, stderr}.
export function cli(args, { input, env } = {}) {
  const r = spawnSync(BIN, args, { input, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// The engine of this run: SQLite by default; with BIENPHONG_TEST_PG (a URL
// template with %s for the database name, set by scripts/run-tests.sh)
// every server gets a new database on that PostgreSQL cluster.
export const ENGINE = process.env.BIENPHONG_TEST_PG ? 'postgresql' : 'sqlite';
let serial = 0;

// A new empty database URL for this engine, inside dir for SQLite.
export function newDatabase(dir) {
  const pg = process.env.BIENPHONG_TEST_PG;
  if (!pg) return `sqlite:${join(dir, `test${serial++}.db`)}`;
  const name = `api_${process.pid}_${serial++}`;
  const r = spawnSync('psql', [pg.replace('%s', 'postgres'), '-q', '-c', `CREATE DATABASE ${name}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`createdb ${name}: ${r.stderr}`);
  return pg.replace('%s', name);
}

// A copy of the demo database that scripts/run-tests.sh made once for the
// whole run (BIENPHONG_TEST_DEMO, a URL of this engine), instead of running
// `init` and `demo` again for every test file; null when there is none.
function demoCopy(dir) {
  const from = process.env.BIENPHONG_TEST_DEMO;
  if (!from) return null;
  if (from.startsWith('sqlite:')) {
    if (ENGINE !== 'sqlite') return null;
    const to = join(dir, `demo${serial++}.db`);
    copyFileSync(from.slice('sqlite:'.length), to);
    if (existsSync(`${from.slice('sqlite:'.length)}-wal`)) copyFileSync(`${from.slice('sqlite:'.length)}-wal`, `${to}-wal`);
    return `sqlite:${to}`;
  }
  const pg = process.env.BIENPHONG_TEST_PG;
  if (!pg) return null;
  const template = from.match(/^postgres(?:ql)?:\/\/[^/]*\/([^?]+)/)?.[1];
  if (!template) return null;
  const name = `api_${process.pid}_${serial++}`;
  const r = spawnSync('psql', [pg.replace('%s', 'postgres'), '-q', '-c', `CREATE DATABASE ${name} TEMPLATE ${template}`],
    { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`createdb ${name} from ${template}: ${r.stderr}`);
  return pg.replace('%s', name);
}

// The demo's years of activities (demo_activities.c) only when asked
// (activities: true): most tests enter figures of their own and read
// back exact sums.
export async function startServer({ demo = true, activities = false, demoArgs = [], env = {}, args = [], db: dbGiven } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bienphong-test-'));
  // The shared demo copy (made with --no-activities) only for the plain demo: a test that changes the
  // environment or the demo's options builds its own.
  const copied = !dbGiven && demo && !activities && !demoArgs.length && !Object.keys(env).length ? demoCopy(dir) : null;
  const db = dbGiven || copied || newDatabase(dir);
  if (!copied) {
    const init = cli(['init', '--db', db], { env });
    if (init.status !== 0) throw new Error(`init failed: ${init.stderr}`);
    if (demo) {
      const d = cli(['demo', '--db', db, ...(activities ? [] : ['--no-activities']), ...demoArgs], { env });
      if (d.status !== 0) throw new Error(`demo failed: ${d.stderr}`);
    }
  }
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web', WEB, '--threads', '4', ...args],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const port = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`server did not start:\n${log}`)), 15000);
    proc.stderr.on('data', (b) => {
      log += b.toString();
      const m = log.match(/\(port (\d+),/);
      if (m) { clearTimeout(timer); res(Number(m[1])); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); rej(new Error(`server exited ${code}:\n${log}`)); });
  });
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise((res) => proc.on('exit', (code, signal) => res({ code, signal })));

  // fetch with JSON in and out; returns {status, body, headers}.
  async function api(method, path, { token, body, headers = {}, raw } = {}) {
    const h = { ...headers };
    if (token) h.Authorization = `Bearer ${token}`;
    let payload;
    if (raw !== undefined) payload = raw;
    else if (body !== undefined) { payload = JSON.stringify(body); h['Content-Type'] ??= 'application/json'; }
    const res = await fetch(base + path, { method, headers: h, body: payload });
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    return { status: res.status, body: json, text, headers: res.headers };
  }

  async function login(username, password = 'bienphong') {
    const r = await api('POST', '/api/login', { body: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
    return r.body.token;
  }

  async function stop() {
    proc.kill('SIGTERM');
    const { code, signal } = await exited;
    rmSync(dir, { recursive: true, force: true });
    if (code !== 0) throw new Error(`server exited with ${code ?? signal}:\n${log.slice(-4000)}`);
  }

  // One value straight from the database (sqlite3 or psql), for tests that
  // check what is stored whatever the API answers.
  function sqlValue(query) {
    const r = db.startsWith('sqlite:')
      ? spawnSync('sqlite3', [db.slice('sqlite:'.length), query], { encoding: 'utf8' })
      : spawnSync('psql', [db, '-qtAc', query], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${query}: ${r.stderr}`);
    return r.stdout.trim();
  }

  // The same through one sqlite3 or psql process kept open, for a test
  // that asks many times: sqlValue starts a process, and on PostgreSQL a
  // backend, for each value. query(sql) resolves to the value; close() ends it.
  function sqlSession() {
    const sqlite = db.startsWith('sqlite:');
    const END = '__bienphong_end__';
    const p = sqlite
      ? spawn('sqlite3', ['-batch', db.slice('sqlite:'.length)], { stdio: ['pipe', 'pipe', 'pipe'] })
      : spawn('psql', [db, '-qtAX'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '', err = '';
    let waiting = null;
    p.stderr.on('data', (b) => { err += b.toString(); });
    p.stdout.on('data', (b) => {
      out += b.toString();
      const at = out.indexOf(`${END}\n`);
      if (at < 0 || !waiting) return;
      const value = out.slice(0, at).trim();
      out = out.slice(at + END.length + 1);
      const { res, rej, sql } = waiting;
      waiting = null;
      if (err) { const e = err; err = ''; rej(new Error(`${sql}: ${e}`)); } else res(value);
    });
    return {
      query(sql) {
        if (waiting) return Promise.reject(new Error('sqlSession: one query at a time'));
        return new Promise((res, rej) => {
          waiting = { res, rej, sql };
          p.stdin.write(`${sql.replace(/;\s*$/, '')};\n${sqlite ? '.print' : '\\echo'} ${END}\n`);
        });
      },
      close() {
        p.stdin.end();
        return new Promise((res) => (p.exitCode !== null ? res() : p.on('exit', () => res())));
      },
    };
  }

  return { base, port, pid: proc.pid, db, dir, api, login, stop, sqlValue, sqlSession,
    cli: (a, o) => cli([...a, '--db', db], o), log: () => log };
}
