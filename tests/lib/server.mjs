// server.mjs - starts a real `bienphong serve` for a test file: a fresh
// SQLite database in a temporary folder, `init` and `demo` run through the
// CLI, the server on a free loopback port. stop() ends it with SIGTERM and
// fails when it did not exit cleanly (so sanitizer reports fail the test).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

export async function startServer({ demo = true, demoArgs = [], env = {}, args = [], db: dbGiven } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bienphong-test-'));
  const db = dbGiven || newDatabase(dir);
  const init = cli(['init', '--db', db], { env });
  if (init.status !== 0) throw new Error(`init failed: ${init.stderr}`);
  if (demo) {
    const d = cli(['demo', '--db', db, ...demoArgs], { env });
    if (d.status !== 0) throw new Error(`demo failed: ${d.stderr}`);
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

  return { base, port, db, dir, api, login, stop, sqlValue, cli: (a, o) => cli([...a, '--db', db], o), log: () => log };
}
