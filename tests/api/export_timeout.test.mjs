// export_timeout.test.mjs - an export that takes longer than the server's
// idle timeout before its first byte still arrives whole, with 200: the
// activities' CSV (GET /api/activities/export) and a registry layer
// (GET /api/export/markers). The server runs with `--timeout 1`, and the
// test first shows that this timeout is real (a connection that says
// nothing is closed), then fills the database with enough rows that the
// export is written for longer than that (straight SQL, so filling takes
// a second; the export itself goes through the real server).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startServer, cli, ENGINE } from '../lib/server.mjs';

const TIMEOUT_S = 1;
// libmicrohttpd counts the timeout in whole seconds: an export whose first
// byte comes after this many milliseconds has outlasted it whatever the
// fraction of the second it started in.
const LONGER_MS = (TIMEOUT_S + 1) * 1000 + 200;

let srv;
let token;

before(async () => {
  srv = await startServer({ args: ['--timeout', String(TIMEOUT_S)] });
  token = await srv.login('admin');
});

after(async () => { await srv?.stop(); });

const seq = (n0, n1) => `WITH RECURSIVE n(i) AS (SELECT ${n0 + 1} UNION ALL SELECT i + 1 FROM n WHERE i < ${n1})`;
const stamp = `'2023-05-01T00:00:00Z', '2023-05-01T00:00:00Z'`;
// Notes of 1,000 characters on every row, so fewer rows make a long export.
const notes = ENGINE === 'sqlite' ? 'hex(zeroblob(500))' : "repeat('0', 1000)";

// Activities bulk-(n0+1) .. bulk-n1 of MAUSON, each with two values.
function fillActivities(n0, n1) {
  srv.sqlValue(`${seq(n0, n1)} INSERT INTO activities (id, type_code, unit_id, date_from, date_to, title,`
    + ` notes, created_by, created_at, updated_at, vals) SELECT 'bulk-' || i, 'tuyen_truyen',`
    + ` (SELECT id FROM units WHERE code = 'MAUSON'), '2023-05-01', '2023-05-01',`
    + ` 'Tuyên truyền Luật Biên phòng tại thôn Pò Mã, lần ' || i, ${notes}, 'admin', ${stamp},`
    + ` '{"buoi":1000,"luot_nguoi":45000}' FROM n;`);
}

// Markers T(n0+1) .. Tn1 on the VN-CN border, of post DBP-BINHNGHI.
function fillMarkers(n0, n1) {
  srv.sqlValue(`${seq(n0, n1)} INSERT INTO markers (id, border, number, sort_key, type, form, lon, lat,`
    + ` condition, notes, unit_id, created_at, updated_at) SELECT 'bulk-' || i, 'VN-CN', 'T' || i, 'VN-CN T' || i,`
    + ` 'main', 'single', 106.7 + i / 1000000.0, 21.9, 'good', ${notes},`
    + ` (SELECT id FROM units WHERE code = 'DBP-BINHNGHI'), ${stamp} FROM n;`);
}

// Fills rows until GET path takes longer than the timeout to its first
// byte (starting from rows, then as many as the time so far says should
// take twice as long, on a fast machine); returns the rows and the answer.
async function longExport(t, fillRows, rows, path) {
  let n = 0;
  for (;;) {
    fillRows(n, rows);
    n = rows;
    const res = await timedGet(path);
    t.diagnostic(`${path}: ${rows} rows, ${Math.round(res.ms)} ms to the first byte`);
    if (res.ms > LONGER_MS || rows >= 2000000) {
      assert.ok(res.ms > LONGER_MS, `${path} took only ${res.ms} ms with ${rows} rows`);
      return { rows, ...res };
    }
    rows = Math.min(2000000, Math.max(rows * 2, Math.ceil((rows * 2 * LONGER_MS) / Math.max(res.ms, 1))));
  }
}

// GET path: the status, the milliseconds to the headers, and the body.
async function timedGet(path) {
  const t0 = performance.now();
  const res = await fetch(srv.base + path, { headers: { Authorization: `Bearer ${token}` } });
  const ms = performance.now() - t0;
  return { status: res.status, ms, text: await res.text() };
}

test('serve refuses a timeout that is not a number of seconds from 0 to 86400', () => {
  for (const bad of ['x', '', '-1', '86401', '1.5', '30s']) {
    const r = cli(['serve', '--db', 'sqlite:/nonexistent/never-opened.db', '--timeout', bad]);
    assert.equal(r.status, 2, `--timeout ${JSON.stringify(bad)}: ${r.stderr}`);
    assert.match(r.stderr, /usage: bienphong serve .*--timeout SECONDS/);
  }
});

test('the lowered timeout is real: a connection that sends nothing is closed', async () => {
  const t0 = performance.now();
  const closedAfter = await new Promise((res, rej) => {
    let connected = false;
    const s = connect(srv.port, '127.0.0.1', () => { connected = true; });
    const guard = setTimeout(() => { s.destroy(); rej(new Error('the idle connection was not closed in 10 s')); }, 10000);
    s.on('close', () => {
      clearTimeout(guard);
      if (connected) res(performance.now() - t0);
      else rej(new Error('no connection'));
    });
    s.on('error', () => {});
  });
  assert.ok(closedAfter > 900 && closedAfter < 4000, `closed after ${closedAfter} ms`);
});

test('an activities export longer than the idle timeout arrives whole with 200', async (t) => {
  const csv = await longExport(t, fillActivities, 10000, '/api/activities/export');
  assert.equal(csv.status, 200, csv.text.slice(0, 300));
  const lines = csv.text.split('\r\n');
  assert.equal(lines.at(-1), '', 'the CSV ends with a whole line');
  const bulk = lines.filter((l) => l.startsWith('bulk-'));
  assert.equal(bulk.length, csv.rows);
  assert.equal(new Set(bulk.map((l) => l.split(',')[0])).size, csv.rows);
  assert.ok(bulk.some((l) => l.startsWith(`bulk-${csv.rows},tuyen_truyen,MAUSON,2023-05-01,`)));
});

test('a registry export longer than the idle timeout arrives whole with 200', async (t) => {
  const geo = await longExport(t, fillMarkers, 10000, '/api/export/markers?format=geojson');
  assert.equal(geo.status, 200, geo.text.slice(0, 300));
  const fc = JSON.parse(geo.text);
  const numbers = new Set(fc.features.map((f) => f.properties.number).filter((x) => /^T\d+$/.test(x)));
  assert.equal(numbers.size, geo.rows);
  assert.ok(numbers.has(`T${geo.rows}`));
});
