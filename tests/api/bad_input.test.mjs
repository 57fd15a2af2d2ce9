// bad_input.test.mjs - what the server answers to input it must refuse.
//
// Each case sends one bad request as the province admin (so no access rule
// is in the way) and checks three things: the HTTP status, the stable error
// code scripts match on (with both messages filled, Vietnamese first), and
// that nothing was written — the unit list, the user list and the audit log
// are counted before and after. Cases are a table (curl's tests/data,
// h2o's t/40bad-request.t), one row per refusal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { startServer } from '../lib/server.mjs';

let s;
let token;
let ids = {};

const J = { 'Content-Type': 'application/json' };
const MIB = 1024 * 1024;

// A valid new unit, to which each case adds one fault.
const unit = (extra = {}) => ({ code: 'BAD-NEW', kind: 'agency', name: 'Tổ thử', parent: 'LS', ...extra });
const user = (extra = {}) => ({ username: 'bad.new', password: 'mat-khau-dai', unit: 'MAUSON', role: 'viewer', ...extra });

// Rows: name, request, status, code, and the field the error names (if any).
// `raw` is sent as is (with `headers`), `body` as JSON.
const CASES = [
  // The body is not a JSON object.
  { name: 'malformed JSON', method: 'POST', path: '/api/units', raw: '{"code": "BAD-NEW",', headers: J, status: 400, code: 'bad_json' },
  { name: 'JSON array instead of object', method: 'POST', path: '/api/units', raw: JSON.stringify([unit()]), headers: J, status: 400, code: 'bad_json' },
  { name: 'JSON string instead of object', method: 'POST', path: '/api/units', raw: '"BAD-NEW"', headers: J, status: 400, code: 'bad_json' },
  { name: 'empty body', method: 'POST', path: '/api/units', raw: '', headers: J, status: 400, code: 'bad_json' },
  { name: 'duplicate key (which one wins is not for the server to guess)', method: 'POST', path: '/api/units', raw: '{"code":"BAD-NEW","code":"BAD-TWO","kind":"agency","name":"x","parent":"LS"}', headers: J, status: 400, code: 'bad_json' },
  { name: 'invalid UTF-8 in a string', method: 'POST', path: '/api/units', raw: Buffer.concat([Buffer.from('{"code":"BAD-NEW","kind":"agency","parent":"LS","name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]), headers: J, status: 400, code: 'bad_json' },
  { name: 'NUL inside a string', method: 'POST', path: '/api/units', raw: '{"code":"BAD\\u0000NEW","kind":"agency","name":"x","parent":"LS"}', headers: J, status: 400, code: 'bad_json' },
  { name: 'nesting 100000 deep', method: 'POST', path: '/api/units', raw: '['.repeat(100000), headers: J, status: 400, code: 'bad_json' },
  { name: 'login body not JSON', method: 'POST', path: '/api/login', raw: 'username=admin&password=bienphong', headers: J, status: 400, code: 'bad_json' },

  // Size and media type.
  { name: 'body over 1 MiB (declared length)', method: 'POST', path: '/api/units', raw: JSON.stringify(unit({ name: 'a'.repeat(MIB + 100) })), headers: J, status: 413, code: 'body_too_large' },
  { name: 'body just under 1 MiB is read (and refused on its merits)', method: 'POST', path: '/api/units', raw: JSON.stringify(unit({ name: 'a'.repeat(MIB - 200) })), headers: J, status: 400, code: 'field_too_long', field: 'name' },
  { name: 'write without Content-Type', method: 'POST', path: '/api/units', raw: JSON.stringify(unit()), headers: {}, status: 415, code: 'media_type' },
  { name: 'write as text/plain', method: 'POST', path: '/api/units', raw: JSON.stringify(unit()), headers: { 'Content-Type': 'text/plain' }, status: 415, code: 'media_type' },
  { name: 'write as an HTML form (what another site could send)', method: 'POST', path: '/api/units/merge', raw: 'sources=LB-TAMGIA&target=MAUSON&date=2026-01-01', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, status: 415, code: 'media_type' },
  { name: 'PUT without Content-Type', method: 'PUT', path: '/api/units/6f1d7a52-3c6b-4f8e-9a57-0c1c2b3d4e5f', raw: JSON.stringify(unit()), headers: {}, status: 415, code: 'media_type' },

  // Fields.
  { name: 'wrong field type (number for a string)', method: 'POST', path: '/api/units', body: unit({ name: 5 }), status: 400, code: 'field_type', field: 'name' },
  { name: 'wrong field type (array for a reference)', method: 'POST', path: '/api/units', body: unit({ parent: ['LS'] }), status: 400, code: 'field_type', field: 'parent' },
  { name: 'wrong field type (string for a boolean)', method: 'PATCH', path: '/api/users/xem.khangchien', body: { disabled: 'yes' }, status: 400, code: 'field_type', field: 'disabled' },
  { name: 'unknown field', method: 'POST', path: '/api/units', body: unit({ colour: 'đỏ' }), status: 400, code: 'field_unknown', field: 'colour' },
  { name: 'unknown field on a move', method: 'POST', path: '/api/units/LB-TAMGIA/move', body: { parent: 'LS', date: '2026-01-01', force: true }, status: 400, code: 'field_unknown', field: 'force' },
  { name: 'missing required field', method: 'POST', path: '/api/units', body: { code: 'BAD-NEW', kind: 'agency', parent: 'LS' }, status: 400, code: 'field_required', field: 'name' },
  { name: 'null for a required field', method: 'POST', path: '/api/units', body: unit({ name: null }), status: 400, code: 'field_required', field: 'name' },
  { name: 'empty required field', method: 'POST', path: '/api/units', body: unit({ name: '' }), status: 400, code: 'field_empty', field: 'name' },
  { name: 'name over 200 characters', method: 'POST', path: '/api/units', body: unit({ name: 'Đ'.repeat(201) }), status: 400, code: 'field_too_long', field: 'name' },
  { name: 'unit code in lower case', method: 'POST', path: '/api/units', body: unit({ code: 'bad-new' }), status: 400, code: 'unit_code_invalid', field: 'code' },
  { name: 'unknown unit kind', method: 'POST', path: '/api/units', body: unit({ kind: 'hamlet' }), status: 400, code: 'unit_kind_invalid' },
  { name: 'unknown unit kind in a list filter', method: 'GET', path: '/api/units?kind=hamlet', status: 400, code: 'unit_kind_invalid' },
  { name: 'a kind that cannot stand under the parent', method: 'POST', path: '/api/units', body: unit({ kind: 'village' }), status: 400, code: 'unit_parent_kind' },

  // Dates.
  { name: 'date that does not exist (30 February)', method: 'POST', path: '/api/units', body: unit({ valid_from: '2024-02-30' }), status: 400, code: 'date_invalid', field: 'valid_from' },
  { name: 'date in the Vietnamese written form', method: 'POST', path: '/api/units', body: unit({ valid_from: '01/05/2024' }), status: 400, code: 'date_invalid', field: 'valid_from' },
  { name: 'move on a date that does not exist', method: 'POST', path: '/api/units/LB-TAMGIA/move', body: { parent: 'MAUSON', date: '2025-13-01' }, status: 400, code: 'date_invalid', field: 'date' },
  { name: 'dissolve on 01/05/2024', method: 'POST', path: '/api/units/SO-NGOAIVU-LS/dissolve', body: { date: '01/05/2024' }, status: 400, code: 'date_invalid', field: 'date' },
  { name: 'date as a number', method: 'POST', path: '/api/units/LB-TAMGIA/move', body: { parent: 'LS', date: 20260101 }, status: 400, code: 'field_type', field: 'date' },
  { name: 'tree as of 2024-02-30', method: 'GET', path: '/api/units/tree?date=2024-02-30', status: 400, code: 'date_invalid' },
  { name: 'units as of 01/05/2024', method: 'GET', path: '/api/units?date=01/05/2024', status: 400, code: 'date_invalid' },
  { name: 'one unit as of 2024-02-30', method: 'GET', path: '/api/units/MAUSON?date=2024-02-30', status: 400, code: 'date_invalid' },
  { name: 'post link ending before it starts', method: 'POST', path: '/api/units/DBP-BASON/communes', body: { commune: 'LB-TAMGIA', valid_from: '2026-01-01', valid_to: '2025-01-01' }, status: 400, code: 'date_range' },

  // Rules of the tree.
  { name: 'duplicate unit code', method: 'POST', path: '/api/units', body: unit({ code: 'MAUSON' }), status: 409, code: 'unit_code_taken' },
  { name: 'rename onto a taken code (PUT)', method: 'PUT', path: () => `/api/units/${ids.agency.id}`, body: () => ({ code: 'MAUSON', kind: 'agency', name: ids.agency.name, parent: 'LS', valid_from: ids.agency.valid_from }), status: 409, code: 'unit_code_taken' },
  { name: 'parent that makes a cycle', method: 'POST', path: '/api/units/BCHQS-LS/move', body: { parent: 'BANBDBP-LS', date: '2026-01-01' }, status: 400, code: 'unit_cycle' },
  { name: 'a unit as its own parent', method: 'POST', path: '/api/units/BCHQS-LS/move', body: { parent: 'BCHQS-LS', date: '2026-01-01' }, status: 400, code: 'unit_cycle' },
  { name: 'merge of a unit into itself', method: 'POST', path: '/api/units/merge', body: { sources: ['LB-TAMGIA'], target: 'LB-TAMGIA', date: '2026-01-01' }, status: 400, code: 'unit_merge_self' },
  { name: 'merge of a unit into itself among others', method: 'POST', path: '/api/units/merge', body: { sources: ['DL-BINHXA', 'LB-TAMGIA'], target: 'LB-TAMGIA', date: '2026-01-01' }, status: 400, code: 'unit_merge_self' },
  { name: 'merge with no sources', method: 'POST', path: '/api/units/merge', body: { sources: [], target: 'LB-TAMGIA', date: '2026-01-01' }, status: 400, code: 'unit_merge_sources' },
  { name: 'split into one unit', method: 'POST', path: '/api/units/LB-TAMGIA/split', body: { targets: ['DL-BINHXA'], date: '2026-01-01' }, status: 400, code: 'unit_split_targets' },
  { name: 'move of an abolished district', method: 'POST', path: '/api/units/LS-TD/move', body: { parent: 'LS', date: '2026-01-01' }, status: 400, code: 'unit_not_valid_at' },
  { name: 'unknown unit', method: 'GET', path: '/api/units/NO-SUCH-UNIT', status: 404, code: 'unit_not_found' },

  // Identifiers and paging.
  { name: 'bad UUID in a unit PUT path', method: 'PUT', path: '/api/units/not-a-uuid', body: unit(), status: 400, code: 'id_invalid' },
  { name: 'bad UUID in a user PUT path', method: 'PUT', path: '/api/users/12345678-1234-1234-1234-12345678901', body: user(), status: 400, code: 'id_invalid' },
  { name: 'bad UUID in the body', method: 'POST', path: '/api/units', body: unit({ id: 'xyz' }), status: 400, code: 'id_invalid', field: 'id' },
  { name: 'body id differs from the path id', method: 'PUT', path: '/api/units/6f1d7a52-3c6b-4f8e-9a57-0c1c2b3d4e5f', body: unit({ id: '0b7c2a44-1d2e-4f3a-8b9c-0d1e2f3a4b5c' }), status: 400, code: 'invalid_input', field: 'id' },
  { name: 'limit=0', method: 'GET', path: '/api/units?limit=0', status: 400, code: 'limit_invalid' },
  { name: 'limit=1001', method: 'GET', path: '/api/users?limit=1001', status: 400, code: 'limit_invalid' },
  { name: 'limit=-5', method: 'GET', path: '/api/audit?limit=-5', status: 400, code: 'limit_invalid' },
  { name: 'limit=abc', method: 'GET', path: '/api/units?limit=abc', status: 400, code: 'limit_invalid' },
  { name: 'limit=10abc', method: 'GET', path: '/api/units?limit=10abc', status: 400, code: 'limit_invalid' },
  { name: 'audit cursor garbage', method: 'GET', path: '/api/audit?cursor=garbage', status: 400, code: 'cursor_invalid' },

  // Users and logins.
  { name: 'wrong password', method: 'POST', path: '/api/login', body: { username: 'tinh.bdbp', password: 'sai-mat-khau' }, status: 401, code: 'login_failed' },
  { name: 'unknown user (same answer as a wrong password)', method: 'POST', path: '/api/login', body: { username: 'khong.ai', password: 'bienphong' }, status: 401, code: 'login_failed' },
  { name: 'login with a number for a password', method: 'POST', path: '/api/login', body: { username: 'admin', password: 12345678 }, status: 400, code: 'field_type', field: 'password' },
  { name: 'unknown role', method: 'POST', path: '/api/users', body: user({ role: 'superuser' }), status: 400, code: 'role_invalid' },
  { name: 'username with a space and capitals', method: 'POST', path: '/api/users', body: user({ username: 'Bad User' }), status: 400, code: 'username_invalid', field: 'username' },
  { name: 'password under 8 characters', method: 'POST', path: '/api/users', body: user({ password: 'ngan' }), status: 400, code: 'password_weak', field: 'password' },
  { name: 'taken username', method: 'POST', path: '/api/users', body: user({ username: 'xa.mauson' }), status: 409, code: 'username_taken' },
  { name: 'user in an unknown unit', method: 'POST', path: '/api/users', body: user({ unit: 'NO-SUCH-UNIT' }), status: 404, code: 'unit_not_found' },
];

async function snapshot() {
  const A = { token };
  const [u, us, a] = await Promise.all([
    s.api('GET', '/api/units?include_retired=1&limit=1000', A),
    s.api('GET', '/api/users?limit=1000', A),
    s.api('GET', '/api/audit?limit=1000', A),
  ]);
  for (const r of [u, us, a]) assert.equal(r.status, 200, r.text);
  return { units: u.text, users: us.text, audit: a.body.items.length };
}

before(async () => {
  s = await startServer();
  token = await s.login('admin');
  const r = await s.api('GET', '/api/units/SO-NGOAIVU-LS', { token });
  ids.agency = r.body;
});

after(async () => { await s?.stop(); });

for (const c of CASES) {
  test(`${c.name}: ${c.status} ${c.code}`, async () => {
    const path = typeof c.path === 'function' ? c.path() : c.path;
    const body = typeof c.body === 'function' ? c.body() : c.body;
    const before = await snapshot();
    const r = await s.api(c.method, path, { token, body, raw: c.raw, headers: c.headers ?? {} });
    assert.equal(r.status, c.status, r.text.slice(0, 300));
    assert.match(r.headers.get('content-type') ?? '', /^application\/json; charset=utf-8$/i);
    const e = r.body?.error;
    assert.ok(e, `no error object: ${r.text.slice(0, 200)}`);
    assert.equal(e.code, c.code, r.text.slice(0, 300));
    assert.equal(typeof e.message_vi, 'string');
    assert.equal(typeof e.message_en, 'string');
    assert.ok(e.message_vi.trim().length > 0 && e.message_en.trim().length > 0, 'empty message');
    assert.notEqual(e.message_vi, e.message_en, 'the Vietnamese message is the English one');
    if (c.field) assert.equal(e.field, c.field);
    const after = await snapshot();
    assert.equal(after.audit, before.audit, 'the audit log grew');
    assert.equal(after.units, before.units, 'the units changed');
    assert.equal(after.users, before.users, 'the users changed');
  });
}

// A body sent in chunks has no length to refuse up front: the server must
// stop collecting it at the limit and still answer 413 (not crash, not
// buffer without end).
test('chunked body over 1 MiB: 413 body_too_large, nothing written', async () => {
  const before = await snapshot();
  const r = await new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: s.port, method: 'POST', path: '/api/units',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    req.write('{"code":"BAD-NEW","kind":"agency","parent":"LS","name":"');
    for (let i = 0; i < 20; i++) req.write('a'.repeat(64 * 1024));
    req.end('"}');
  });
  assert.equal(r.status, 413, r.text.slice(0, 200));
  assert.equal(JSON.parse(r.text).error.code, 'body_too_large');
  const after = await snapshot();
  assert.deepEqual(after, before);
});

// A client that announces a large body and waits (Expect: 100-continue,
// what curl does) is answered 413 at once, and never sends the megabytes:
// that matters on a border post's link.
test('Expect: 100-continue with a body over 1 MiB: 413 before the body is sent', async () => {
  const r = await new Promise((resolve, reject) => {
    const sock = net.connect(s.port, '127.0.0.1');
    let data = Buffer.alloc(0);
    const fail = (why) => { sock.destroy(); reject(new Error(`${why}: ${JSON.stringify(data.toString())}`)); };
    sock.on('connect', () => sock.write(['POST /api/units HTTP/1.1', 'Host: 127.0.0.1', `Authorization: Bearer ${token}`,
      'Content-Type: application/json', `Content-Length: ${2 * MIB}`, 'Expect: 100-continue', '', ''].join('\r\n')));
    sock.on('data', (d) => {
      // Lengths in bytes: the messages are Vietnamese.
      data = Buffer.concat([data, d]);
      const end = data.indexOf('\r\n\r\n');
      const len = /content-length:\s*(\d+)/i.exec(data.toString('latin1'));
      if (end >= 0 && len && data.length >= end + 4 + Number(len[1])) {
        sock.destroy();
        const text = data.toString('utf8');
        resolve({ status: Number(text.split(' ')[1]), body: JSON.parse(data.subarray(end + 4).toString('utf8')) });
      }
    });
    sock.on('error', reject);
    sock.on('end', () => fail('closed before a whole answer'));
    sock.setTimeout(5000, () => fail('no final answer without the body'));
  });
  assert.equal(r.status, 413);
  assert.equal(r.body.error.code, 'body_too_large');
});

// The server keeps answering after all of the above: no crash, no stuck thread.
test('the server still answers normally afterwards', async () => {
  const r = await s.api('POST', '/api/units', { token, body: unit({ code: 'GOOD-NEW' }) });
  assert.equal(r.status, 201, r.text);
  const h = await s.api('GET', '/api/health');
  assert.equal(h.status, 200);
});
