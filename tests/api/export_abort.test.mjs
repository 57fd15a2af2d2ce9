// export_abort.test.mjs - a client that goes away during an export leaves
// nothing behind: the export is written to an anonymous temporary file
// (h_files.c), which the server must close whether the client leaves in
// the middle of the download or while the file is still being written.
// The server is the sanitizer build, so a leak fails stop() at the end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readdirSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, ENGINE } from '../lib/server.mjs';

const ROWS = 5000;
const NOTE = 4000; // characters of notes on each row: a 20 MB export, more than the sockets hold

let srv;
let token;

before(async () => {
  srv = await startServer();
  token = await srv.login('admin');
  const note = ENGINE === 'sqlite' ? `hex(zeroblob(${NOTE / 2}))` : `repeat('0', ${NOTE})`;
  srv.sqlValue(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})`
    + ` INSERT INTO activities (id, type_code, unit_id, date_from, date_to, title, notes, created_by,`
    + ` created_at, updated_at) SELECT 'bulk-' || i, 'tuyen_truyen', (SELECT id FROM units WHERE code = 'MAUSON'),`
    + ` '2023-05-01', '2023-05-01', 'Tuyên truyền tại thôn Pò Mã, lần ' || i, ${note}, 'admin',`
    + ` '2023-05-01T00:00:00Z', '2023-05-01T00:00:00Z' FROM n`);
});

after(async () => { await srv?.stop(); });

// The server's open files that are deleted files in the temporary folder.
function tempFiles() {
  const dir = `/proc/${srv.pid}/fd`;
  const out = [];
  for (const fd of readdirSync(dir)) {
    let target;
    try { target = readlinkSync(`${dir}/${fd}`); } catch { continue; }
    if (target.startsWith(process.env.TMPDIR || tmpdir()) && target.endsWith('(deleted)')) out.push(target);
  }
  return out;
}

async function until(what, cond, ms = 15000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`not in ${ms} ms: ${what}`);
    await sleep(50);
  }
}

// Starts GET /api/activities/export; resolves with the request and the
// response once its first bytes are in, with the response paused.
function startDownload() {
  return new Promise((res, rej) => {
    const req = request(`${srv.base}/api/activities/export`, { headers: { Authorization: `Bearer ${token}` } }, (resp) => {
      resp.once('data', (chunk) => { resp.pause(); res({ req, resp, chunk }); });
    });
    req.on('error', rej);
    req.end();
  });
}

test('a client that leaves in the middle of the download leaves no file open', async () => {
  assert.deepEqual(tempFiles(), []);
  const { req, resp, chunk } = await startDownload();
  assert.equal(resp.statusCode, 200);
  assert.match(chunk.toString(), /^id,type,unit,/);
  // The rest of the 40 MB waits in the file, which the server holds open.
  await sleep(300);
  assert.equal(tempFiles().length, 1, 'the export file is open while the download waits');
  req.destroy();
  await until('the export file is closed', () => tempFiles().length === 0, 30000);
  const health = await srv.api('GET', '/api/health');
  assert.equal(health.status, 200);
});

test('a client that leaves while the export is written leaves no file open', async () => {
  const req = request(`${srv.base}/api/activities/export`, { headers: { Authorization: `Bearer ${token}` } });
  req.on('error', () => {});
  req.end();
  await until('the export file is being written', () => tempFiles().length === 1);
  req.destroy();
  await until('the export file is closed', () => tempFiles().length === 0, 30000);
  // The server goes on answering, and a whole export still comes.
  const full = await srv.api('GET', '/api/activities/export', { token });
  assert.equal(full.status, 200);
  assert.equal(full.text.split('\r\n').filter((l) => l.startsWith('bulk-')).length, ROWS);
});
