// idempotency.test.mjs - a write sent twice is stored once.
//
// Border posts work on bad links: a client that gets no answer sends the
// same write again with the same client-chosen UUID (DESIGN.md). The
// server must answer the repeat as a success without a second row or a
// second audit entry, also when the copies arrive at the same moment, and
// must refuse the same UUID used for different content.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer } from '../lib/server.mjs';

let s;
let A;

before(async () => {
  s = await startServer();
  A = { token: await s.login('admin') };
});

after(async () => { await s?.stop(); });

// Audit rows about one entity, sorted by action. Not by time: timestamps
// have whole seconds, so rows written within one second come in no
// particular order (see the report of this suite).
async function auditOf(entityId) {
  const r = await s.api('GET', `/api/audit?limit=1000&entity_id=${entityId}`, A);
  assert.equal(r.status, 200, r.text);
  return r.body.items.sort((a, b) => a.action.localeCompare(b.action));
}

async function unitsWithCode(code) {
  const r = await s.api('GET', `/api/units?include_retired=1&limit=1000&q=${code}`, A);
  assert.equal(r.status, 200, r.text);
  return r.body.items.filter((u) => u.code === code);
}

const village = (code, extra = {}) => ({ code, kind: 'village', name: `Thôn ${code}`, parent: 'MAUSON', ...extra });

test('PUT /api/units/{client id} twice: 201, then 200 with the same unit, one row, one audit entry', async () => {
  const id = randomUUID();
  const body = village('I-PUT');
  const first = await s.api('PUT', `/api/units/${id}`, { ...A, body });
  assert.equal(first.status, 201, first.text);
  assert.equal(first.body.id, id, 'the client-chosen id is the unit\'s id');
  const second = await s.api('PUT', `/api/units/${id}`, { ...A, body });
  assert.equal(second.status, 200, second.text);
  assert.deepEqual(second.body, first.body);
  assert.equal((await unitsWithCode('I-PUT')).length, 1);
  assert.deepEqual((await auditOf(id)).map((a) => a.action), ['create']);
});

test('five identical PUTs at once: exactly one creates, all succeed, one row', async () => {
  // Several rounds: a race lost only now and then is still a race.
  for (let round = 0; round < 3; round++) {
    const id = randomUUID();
    const code = `I-PAR-${round}`;
    const body = village(code);
    const rs = await Promise.all(Array.from({ length: 5 }, () => s.api('PUT', `/api/units/${id}`, { ...A, body })));
    const statuses = rs.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 200, 200, 200, 201], rs.map((r) => `${r.status} ${r.text.slice(0, 160)}`).join('\n'));
    for (const r of rs) assert.equal(r.body.id, id);
    assert.equal((await unitsWithCode(code)).length, 1);
    const audit = await auditOf(id);
    assert.deepEqual(audit.map((a) => a.action), ['create'], 'more than one create in the audit log');
  }
});

test('POST with a client id: a repeat is 200, the same id with other content is 409 id_conflict', async () => {
  const id = randomUUID();
  const body = village('I-POST', { id });
  const first = await s.api('POST', '/api/units', { ...A, body });
  assert.equal(first.status, 201, first.text);
  const again = await s.api('POST', '/api/units', { ...A, body });
  assert.equal(again.status, 200, again.text);
  assert.deepEqual(again.body, first.body);

  // The same id for another unit: another name, another parent, another kind.
  for (const other of [village('I-POST', { id, name: 'Thôn khác' }), village('I-POST2', { id }),
    village('I-POST', { id, parent: 'KHANGCHIEN' }), { ...village('I-POST', { id }), kind: 'agency' }]) {
    const r = await s.api('POST', '/api/units', { ...A, body: other });
    assert.equal(r.status, 409, `${JSON.stringify(other)}: ${r.text}`);
    assert.equal(r.body.error.code, 'id_conflict');
  }
  const stored = await s.api('GET', `/api/units/${id}`, A);
  assert.equal(stored.body.name, 'Thôn I-POST');
  assert.equal(stored.body.parent.code, 'MAUSON');
  assert.deepEqual((await auditOf(id)).map((a) => a.action), ['create']);
  assert.equal((await unitsWithCode('I-POST2')).length, 0);
});

test('PUT with the same id may rename a unit, but not move or retype it', async () => {
  const id = randomUUID();
  assert.equal((await s.api('PUT', `/api/units/${id}`, { ...A, body: village('I-REN') })).status, 201);
  const renamed = await s.api('PUT', `/api/units/${id}`, { ...A, body: village('I-REN2', { name: 'Thôn Mới' }) });
  assert.equal(renamed.status, 200, renamed.text);
  assert.equal(renamed.body.code, 'I-REN2');
  assert.equal(renamed.body.name, 'Thôn Mới');
  // Sent again, the rename changes nothing more.
  const again = await s.api('PUT', `/api/units/${id}`, { ...A, body: village('I-REN2', { name: 'Thôn Mới' }) });
  assert.equal(again.status, 200);
  assert.deepEqual((await auditOf(id)).map((a) => a.action), ['create', 'update']);
  // A different parent is a move (POST .../move), not a PUT.
  const moved = await s.api('PUT', `/api/units/${id}`, { ...A, body: village('I-REN2', { name: 'Thôn Mới', parent: 'KHANGCHIEN' }) });
  assert.equal(moved.status, 409, moved.text);
  assert.equal(moved.body.error.code, 'id_conflict');
  assert.equal((await s.api('GET', `/api/units/${id}`, A)).body.parent.code, 'MAUSON');
});

test('a merge or a move sent twice is refused the second time, not applied twice', async () => {
  // Moves and merges carry no client id; a repeat must fail cleanly on the
  // rules (already there, already merged) rather than record a second change.
  const a = await s.api('POST', '/api/units', { ...A, body: village('I-MV') });
  assert.equal(a.status, 201);
  const mv = { parent: 'KHANGCHIEN', date: '2026-01-01' };
  assert.equal((await s.api('POST', '/api/units/I-MV/move', { ...A, body: mv })).status, 200);
  const mv2 = await s.api('POST', '/api/units/I-MV/move', { ...A, body: mv });
  assert.equal(mv2.status, 400, mv2.text);
  assert.equal(mv2.body.error.code, 'unit_move_same');
  assert.deepEqual((await auditOf(a.body.id)).map((x) => x.action), ['create', 'move']);
});

test('PUT /api/users/{client id} twice stores the user once', async () => {
  const id = randomUUID();
  const body = { username: 'i.put', password: 'mat-khau-dai', unit: 'MAUSON', role: 'viewer' };
  const first = await s.api('PUT', `/api/users/${id}`, { ...A, body });
  assert.equal(first.status, 201, first.text);
  assert.equal(first.body.id, id);
  assert.ok(!('pw_hash' in first.body) && !('password' in first.body), 'the answer carries the password');
  const second = await s.api('PUT', `/api/users/${id}`, { ...A, body });
  assert.equal(second.status, 200, second.text);
  assert.deepEqual(second.body, first.body);
  const list = await s.api('GET', '/api/users?limit=1000', A);
  assert.equal(list.body.items.filter((u) => u.username === 'i.put').length, 1);
  assert.deepEqual((await auditOf(id)).map((a) => a.action), ['create']);
  // The same id for another user is refused.
  const other = await s.api('PUT', `/api/users/${id}`, { ...A, body: { ...body, username: 'i.put2' } });
  assert.equal(other.status, 409, other.text);
  assert.equal(other.body.error.code, 'id_conflict');
  // A repeat may not sneak in a role change either.
  const role = await s.api('PUT', `/api/users/${id}`, { ...A, body: { ...body, role: 'admin' } });
  assert.equal(role.status, 409, role.text);
  assert.equal((await s.api('GET', `/api/users/${id}`, A)).body.role, 'viewer');
  // The user logs in with the password of the first request.
  await s.login('i.put', 'mat-khau-dai');
});

test('five identical user PUTs at once store one user with one audit entry', async () => {
  const id = randomUUID();
  const body = { username: 'i.par', password: 'mat-khau-dai', unit: 'MAUSON', role: 'editor' };
  const rs = await Promise.all(Array.from({ length: 5 }, () => s.api('PUT', `/api/users/${id}`, { ...A, body })));
  const statuses = rs.map((r) => r.status).sort();
  assert.deepEqual(statuses, [200, 200, 200, 200, 201], rs.map((r) => `${r.status} ${r.text.slice(0, 160)}`).join('\n'));
  for (const r of rs) assert.equal(r.body.id, id);
  const list = await s.api('GET', '/api/users?limit=1000', A);
  assert.equal(list.body.items.filter((u) => u.username === 'i.par').length, 1);
  assert.deepEqual((await auditOf(id)).map((a) => a.action), ['create']);
});
