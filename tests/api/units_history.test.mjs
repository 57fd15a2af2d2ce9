// units_history.test.mjs - the unit tree through time: moves, merges,
// splits and dissolutions, post-commune links, and reading the tree and the
// list as of a date.
//
// A report for a past period uses the tree of that period (DESIGN.md), so
// every change is checked on the day before it and on the day it takes
// effect. Each test builds its own units as the province admin (codes
// prefixed H1-, H2-, ...) so that the tests do not depend on one another.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let s;
let A; // the province admin's request options

before(async () => {
  s = await startServer();
  A = { token: await s.login('admin') };
});

after(async () => { await s?.stop(); });

async function mk(code, kind, parent, valid_from) {
  const body = { code, kind, name: `Đơn vị ${code}`, parent };
  if (valid_from) body.valid_from = valid_from;
  const r = await s.api('POST', '/api/units', { ...A, body });
  assert.equal(r.status, 201, `${code}: ${r.text}`);
  return r.body;
}

async function call(method, path, body, status = 200) {
  const r = await s.api(method, path, { ...A, body });
  assert.equal(r.status, status, `${method} ${path}: ${r.text}`);
  return r.body;
}

// code -> parent code (null for roots) of every unit in the tree on date.
async function treeAt(date, root) {
  const q = new URLSearchParams({ date });
  if (root) q.set('root', root);
  const t = await call('GET', `/api/units/tree?${q}`);
  assert.equal(t.date, date);
  const parents = {};
  const walk = (n, p) => { parents[n.code] = p; n.children.forEach((k) => walk(k, n.code)); };
  t.roots.forEach((n) => walk(n, null));
  return parents;
}

async function listCodes(query) {
  const r = await call('GET', `/api/units?limit=1000&${query}`);
  assert.equal(r.next_cursor, null);
  return r.items.map((u) => u.code);
}

test('a move: the village stands under the old commune until the day before, the new one from the day', async () => {
  await mk('H1-XA', 'commune', 'LS', '2020-01-01');
  await mk('H1-XB', 'commune', 'LS', '2020-01-01');
  const v = await mk('H1-T1', 'village', 'H1-XA');
  assert.equal(v.valid_from, '2020-01-01', 'an unknown start is the parent\'s');

  const moved = await call('POST', '/api/units/H1-T1/move', { parent: 'H1-XB', date: '2026-01-01' });
  assert.equal(moved.parent.code, 'H1-XB');

  const before = await treeAt('2025-12-31');
  const from = await treeAt('2026-01-01');
  assert.equal(before['H1-T1'], 'H1-XA');
  assert.equal(from['H1-T1'], 'H1-XB');
  // Nothing else of the tree moved with it.
  assert.equal(before['H1-XA'], 'LS');
  assert.equal(from['H1-XA'], 'LS');
  assert.equal(from['MAUSON-KHONPO'], 'MAUSON');

  // The unit's own history: two periods meeting on the move date.
  const u = await call('GET', '/api/units/H1-T1');
  assert.deepEqual(u.parents.map((p) => [p.code, p.valid_from, p.valid_to]),
    [['H1-XA', '2020-01-01', '2026-01-01'], ['H1-XB', '2026-01-01', null]]);
  assert.equal((await call('GET', '/api/units/H1-T1?date=2025-12-31')).parent.code, 'H1-XA');
  assert.equal((await call('GET', '/api/units/H1-T1?date=2026-01-01')).parent.code, 'H1-XB');

  // The subtree of each commune follows the date too.
  const sub = async (code, date) => (await call('GET', `/api/units/${code}/subtree?date=${date}`)).items.map((x) => x.code);
  assert.deepEqual(await sub('H1-XA', '2025-12-31'), ['H1-XA', 'H1-T1']);
  assert.deepEqual(await sub('H1-XA', '2026-01-01'), ['H1-XA']);
  assert.deepEqual(await sub('H1-XB', '2026-01-01'), ['H1-XB', 'H1-T1']);
  // A tree rooted at the old commune on each side of the date.
  assert.deepEqual(Object.keys(await treeAt('2025-12-31', 'H1-XA')).sort(), ['H1-T1', 'H1-XA']);
  assert.deepEqual(Object.keys(await treeAt('2026-01-01', 'H1-XA')), ['H1-XA']);

  // A second move dated before the first would rewrite history behind it.
  await mk('H1-XC', 'commune', 'LS', '2020-01-01');
  const r = await s.api('POST', '/api/units/H1-T1/move', { ...A, body: { parent: 'H1-XC', date: '2025-06-01' } });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error.code, 'unit_future_change');
  // Moving under the parent it already has is refused, not recorded.
  const same = await s.api('POST', '/api/units/H1-T1/move', { ...A, body: { parent: 'H1-XB', date: '2026-02-01' } });
  assert.equal(same.status, 400, same.text);
  assert.equal(same.body.error.code, 'unit_move_same');
});

test('a merge: sources end on the date, their villages and post links pass to the target', async () => {
  await mk('H2-XA', 'commune', 'LS', '2020-01-01');
  await mk('H2-XB', 'commune', 'LS', '2020-01-01');
  await mk('H2-XA-T1', 'village', 'H2-XA');
  await mk('H2-XB-T1', 'village', 'H2-XB');
  await call('POST', '/api/units/DBP-BACXA/communes', { commune: 'H2-XA', valid_from: '2020-01-01' }, 201);

  const m = await call('POST', '/api/units/merge', {
    sources: ['H2-XA', 'H2-XB'], date: '2026-03-01', note: 'Nghị quyết thử',
    target: { code: 'H2-XM', kind: 'commune', name: 'Xã Hợp Nhất', parent: 'LS' },
  });
  assert.equal(m.date, '2026-03-01');
  assert.equal(m.target.code, 'H2-XM');
  assert.deepEqual(m.sources.map((x) => x.code).sort(), ['H2-XA', 'H2-XB']);

  const before = await treeAt('2026-02-28');
  const from = await treeAt('2026-03-01');
  assert.equal(before['H2-XA-T1'], 'H2-XA');
  assert.equal(before['H2-XB-T1'], 'H2-XB');
  assert.ok(!('H2-XM' in before), 'the merged commune exists before its date');
  assert.equal(from['H2-XA-T1'], 'H2-XM');
  assert.equal(from['H2-XB-T1'], 'H2-XM');
  assert.ok(!('H2-XA' in from) && !('H2-XB' in from), 'a source outlives the merge');

  // Predecessors of the new commune, and successors of an old one.
  const pre = await call('GET', '/api/units/H2-XM/predecessors');
  assert.deepEqual(pre.items.map((p) => [p.code, p.succession, p.date, p.generation]).sort(),
    [['H2-XA', 'merge', '2026-03-01', 1], ['H2-XB', 'merge', '2026-03-01', 1]]);
  const old = await call('GET', '/api/units/H2-XA');
  assert.equal(old.valid_to, '2026-03-01');
  assert.equal(old.as_of, '2026-02-28', 'a retired unit is shown as it last was');
  assert.deepEqual(old.successors.map((x) => x.code), ['H2-XM']);

  // The post's responsibility follows the merge, on the same day.
  const links = async (date) => (await call('GET', `/api/units/DBP-BACXA/communes?date=${date}`)).items.map((x) => x.code).sort();
  assert.ok((await links('2026-02-28')).includes('H2-XA'));
  assert.ok(!(await links('2026-02-28')).includes('H2-XM'));
  assert.ok((await links('2026-03-01')).includes('H2-XM'));
  assert.ok(!(await links('2026-03-01')).includes('H2-XA'));

  // A second merge makes a second generation of predecessors.
  await mk('H2-XC', 'commune', 'LS', '2020-01-01');
  await call('POST', '/api/units/merge', { sources: ['H2-XM'], target: 'H2-XC', date: '2026-06-01' });
  const pre2 = await call('GET', '/api/units/H2-XC/predecessors');
  assert.deepEqual(pre2.items.map((p) => [p.code, p.generation]).sort(),
    [['H2-XA', 2], ['H2-XB', 2], ['H2-XM', 1]]);
  assert.equal((await treeAt('2026-06-01'))['H2-XA-T1'], 'H2-XC');
  // A retired unit cannot be merged again.
  const again = await s.api('POST', '/api/units/merge', { ...A, body: { sources: ['H2-XA'], target: 'H2-XC', date: '2026-07-01' } });
  assert.equal(again.status, 400, again.text);
  assert.equal(again.body.error.code, 'unit_not_valid_at');
});

test('a split: the villages go where they are assigned, links pass to every part', async () => {
  await mk('H3-X', 'commune', 'LS', '2020-01-01');
  await mk('H3-X-T1', 'village', 'H3-X');
  await mk('H3-X-T2', 'village', 'H3-X');
  await mk('H3-X-T3', 'village', 'H3-X');
  await call('POST', '/api/units/DBP-TANTHANH/communes', { commune: 'H3-X', valid_from: '2021-01-01' }, 201);
  const targets = [
    { code: 'H3-XA', kind: 'commune', name: 'Xã Tách A', parent: 'LS' },
    { code: 'H3-XB', kind: 'commune', name: 'Xã Tách B', parent: 'LS' },
  ];

  // A village left without a receiving unit: refused, and nothing made.
  const partial = await s.api('POST', '/api/units/H3-X/split', { ...A, body: {
    date: '2026-09-01', targets, children: { 'H3-X-T1': 'H3-XA', 'H3-X-T2': 'H3-XB' } } });
  assert.equal(partial.status, 400, partial.text);
  assert.equal(partial.body.error.code, 'unit_split_child');
  assert.equal((await s.api('GET', '/api/units/H3-XA', A)).status, 404, 'a failed split left a target behind');
  assert.equal((await call('GET', '/api/units/H3-X')).valid_to, null);

  const sp = await call('POST', '/api/units/H3-X/split', {
    date: '2026-09-01', targets, children: { 'H3-X-T1': 'H3-XA', 'H3-X-T2': 'H3-XB', 'H3-X-T3': 'H3-XB' } });
  assert.equal(sp.source.code, 'H3-X');
  assert.deepEqual(sp.targets.map((t) => t.code).sort(), ['H3-XA', 'H3-XB']);

  const before = await treeAt('2026-08-31');
  const from = await treeAt('2026-09-01');
  for (const v of ['H3-X-T1', 'H3-X-T2', 'H3-X-T3']) assert.equal(before[v], 'H3-X');
  assert.equal(from['H3-X-T1'], 'H3-XA');
  assert.equal(from['H3-X-T2'], 'H3-XB');
  assert.equal(from['H3-X-T3'], 'H3-XB');
  assert.ok(!('H3-X' in from));
  assert.ok(!('H3-XA' in before));

  for (const t of ['H3-XA', 'H3-XB']) {
    const pre = await call('GET', `/api/units/${t}/predecessors`);
    assert.deepEqual(pre.items.map((p) => [p.code, p.succession, p.date]), [['H3-X', 'split', '2026-09-01']]);
  }
  const links = async (date) => (await call('GET', `/api/units/DBP-TANTHANH/communes?date=${date}`)).items.map((x) => x.code);
  assert.ok((await links('2026-08-31')).includes('H3-X'));
  const after = await links('2026-09-01');
  assert.ok(after.includes('H3-XA') && after.includes('H3-XB') && !after.includes('H3-X'), after.join());
});

test('dissolve: the unit ends on the date; a unit with villages cannot be dissolved', async () => {
  await mk('H4-X', 'commune', 'LS', '2020-01-01');
  await mk('H4-X-T1', 'village', 'H4-X');
  await mk('H4-AG', 'agency', 'H4-X', '2022-01-01');

  const withKids = await s.api('POST', '/api/units/H4-X/dissolve', { ...A, body: { date: '2026-01-01' } });
  assert.equal(withKids.status, 409, withKids.text);
  assert.equal(withKids.body.error.code, 'unit_has_children');
  assert.match(withKids.body.error.message_vi, /H4-(X-T1|AG)/, 'the message names a child by its code');

  const d = await call('POST', '/api/units/H4-X-T1/dissolve', { date: '2026-04-01' });
  assert.equal(d.valid_to, '2026-04-01');
  assert.equal((await treeAt('2026-03-31'))['H4-X-T1'], 'H4-X');
  assert.ok(!('H4-X-T1' in await treeAt('2026-04-01')));
  // Ended units are listed on dates they existed, and with include_retired.
  assert.ok((await listCodes('date=2026-03-31')).includes('H4-X-T1'));
  assert.ok(!(await listCodes('date=2026-04-01')).includes('H4-X-T1'));
  assert.ok(!(await listCodes('')).includes('H4-X-T1'));
  assert.ok((await listCodes('include_retired=1')).includes('H4-X-T1'));

  // Dissolving again, or on the day it began, or before it began: no such unit then.
  for (const [code, date] of [['H4-X-T1', '2026-05-01'], ['H4-AG', '2022-01-01'], ['H4-AG', '2021-06-01']]) {
    const r = await s.api('POST', `/api/units/${code}/dissolve`, { ...A, body: { date } });
    assert.equal(r.status, 400, `${code} ${date}: ${r.text}`);
    assert.equal(r.body.error.code, 'unit_not_valid_at');
  }
  // No new unit under one that has ended, however early it says it began:
  // its parent would end while it goes on.
  const late = await s.api('POST', '/api/units', { ...A, body: { code: 'H4-LATE', kind: 'village', name: 'Thôn muộn', parent: 'LB-MAUSON', valid_from: '2020-01-01' } });
  assert.equal(late.status, 409, late.text);
  assert.equal(late.body.error.code, 'unit_retired');
  assert.equal((await s.api('GET', '/api/units/H4-LATE', A)).status, 404);
  // No moving under a unit that has ended.
  await call('POST', '/api/units/H4-AG/dissolve', { date: '2026-04-01' });
  const r = await s.api('POST', '/api/units/H4-X-T1/move', { ...A, body: { parent: 'H4-AG', date: '2026-01-01' } });
  assert.equal(r.status, 400);
});

test('post-commune links have dates, and may not overlap', async () => {
  await mk('H5-X', 'commune', 'LS', '2020-01-01');
  const first = await call('POST', '/api/units/DBP-CHIMA/communes', { commune: 'H5-X', valid_from: '2020-01-01', valid_to: '2023-01-01' }, 201);
  assert.equal(first.post_code, 'DBP-CHIMA');
  assert.equal(first.commune_code, 'H5-X');
  assert.equal(first.valid_to, '2023-01-01');

  // Overlapping the first period, from inside it or around it.
  for (const [from, to] of [['2022-06-01', null], ['2019-01-01', '2020-06-01'], ['2019-01-01', null]]) {
    const body = { commune: 'H5-X', valid_from: from };
    if (to) body.valid_to = to;
    const r = await s.api('POST', '/api/units/DBP-CHIMA/communes', { ...A, body });
    assert.equal(r.status, from < '2020-01-01' ? 400 : 409, `${from}..${to}: ${r.text}`);
    // Before the commune existed the date itself is wrong, otherwise the overlap.
    assert.equal(r.body.error.code, from < '2020-01-01' ? 'unit_not_valid_at' : 'unit_link_overlap');
  }
  // Starting the day the first one ends is no overlap.
  await call('POST', '/api/units/DBP-CHIMA/communes', { commune: 'H5-X', valid_from: '2023-01-01' }, 201);
  const again = await s.api('POST', '/api/units/DBP-CHIMA/communes', { ...A, body: { commune: 'H5-X', valid_from: '2025-01-01' } });
  assert.equal(again.status, 409, again.text);
  assert.equal(again.body.error.code, 'unit_link_overlap');
  // Another post may share the commune.
  await call('POST', '/api/units/DBP-BASON/communes', { commune: 'H5-X', valid_from: '2022-06-01' }, 201);

  const at = async (date) => (await call('GET', `/api/units/DBP-CHIMA/communes?date=${date}`)).items.filter((x) => x.code === 'H5-X');
  assert.deepEqual((await at('2022-12-31')).map((l) => [l.valid_from, l.valid_to]), [['2020-01-01', '2023-01-01']]);
  assert.deepEqual((await at('2023-01-01')).map((l) => [l.valid_from, l.valid_to]), [['2023-01-01', null]]);
  const all = (await call('GET', '/api/units/DBP-CHIMA/communes')).items.filter((x) => x.code === 'H5-X');
  assert.equal(all.length, 2);
  // The commune lists its posts, both of them.
  const posts = (await call('GET', '/api/units/H5-X')).posts.map((p) => p.code).sort();
  assert.deepEqual([...new Set(posts)], ['DBP-BASON', 'DBP-CHIMA']);

  // Links go from a post to a commune, nothing else.
  for (const [post, commune, code] of [['H5-X', 'H5-X', 'unit_not_post'], ['DBP-CHIMA', 'MAUSON-KHONPO', 'unit_not_commune']]) {
    const r = await s.api('POST', `/api/units/${post}/communes`, { ...A, body: { commune, valid_from: '2026-01-01' } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.error.code, code);
  }
});

test('GET /api/units?date= lists the units of that day, old ones included', async () => {
  const old = await listCodes('date=2024-05-01');
  const today = await listCodes('');
  // The five districts existed in 2024, and the communes merged in 2025.
  for (const c of ['LS-TD', 'LS-VL', 'LS-CL', 'LS-LB', 'LS-DL', 'LB-MAUSON', 'LB-YENKHOAI', 'TD-DAOVIEN', 'BDBP-LS'])
    assert.ok(old.includes(c), `${c} missing on 2024-05-01`);
  for (const c of ['MAUSON', 'KHANGCHIEN', 'BCHQS-LS']) assert.ok(!old.includes(c), `${c} listed before it existed`);
  for (const c of ['LS-TD', 'LB-MAUSON', 'BDBP-LS']) assert.ok(!today.includes(c), `${c} listed after it ended`);
  for (const c of ['MAUSON', 'KHANGCHIEN']) assert.ok(today.includes(c));
  // The last day before the reform and the reform day itself.
  assert.ok((await listCodes('date=2025-06-30')).includes('LS-TD'));
  assert.ok(!(await listCodes('date=2025-07-01')).includes('LS-TD'));
  assert.deepEqual(await listCodes('date=2024-05-01&kind=district'), ['LS-CL', 'LS-DL', 'LS-LB', 'LS-TD', 'LS-VL']);
  assert.deepEqual(await listCodes('kind=district'), []);
  // Parents as they were on the date asked.
  const r = await call('GET', '/api/units?date=2024-05-01&q=MAUSON-KHONPO');
  assert.equal(r.items[0].parent.code, 'LB-MAUSON');
  const now = await call('GET', '/api/units?q=MAUSON-KHONPO');
  assert.equal(now.items[0].parent.code, 'MAUSON');
});

test('search by part of a code or a name, any case, on a date', async () => {
  assert.deepEqual(await listCodes('q=khonpo'), ['MAUSON-KHONPO']);
  assert.deepEqual(await listCodes('q=Khòn Pổ'), ['MAUSON-KHONPO']);
  assert.deepEqual(await listCodes('q=LS-T'), []);
  assert.deepEqual(await listCodes('q=LS-T&date=2024-05-01'), ['LS-TD']);
  assert.deepEqual(await listCodes('q=ls-t&include_retired=1'), ['LS-TD']);
  assert.deepEqual(await listCodes('q=zzz-none'), []);
  // LIKE's own wildcards are not a way to list everything.
  assert.deepEqual(await listCodes('q=%25'), [], 'q=% lists every unit');
  assert.deepEqual(await listCodes('q=_'), [], 'q=_ lists every unit');
  assert.deepEqual(await listCodes('q=MAUSON_KHONPO'), [], '_ matched the hyphen');
});

test('the demo tree before and after the 2025 reform', async () => {
  const old = await treeAt('2024-05-01');
  const now = await treeAt('2025-07-01');
  assert.equal(old['LB-MAUSON'], 'LS-LB');
  assert.equal(old['YENKHOAI-NAMUC'], 'LB-YENKHOAI');
  assert.equal(old['DBP-BINHNGHI'], 'BDBP-LS');
  assert.equal(now['YENKHOAI-NAMUC'], 'MAUSON');
  assert.equal(now['DAOVIEN-POMA'], 'KHANGCHIEN');
  assert.equal(now['DBP-BINHNGHI'], 'BANBDBP-LS');
  assert.equal(now['TD-DOITHAN'], 'LS');
  const pre = await call('GET', '/api/units/KHANGCHIEN/predecessors');
  assert.deepEqual(pre.items.map((p) => p.code).sort(), ['TD-DAOVIEN', 'TD-QUOCKHANH', 'TD-TRIPHUONG']);
});

test('paging through the list as of a date returns every unit once', async () => {
  const all = await listCodes('date=2024-05-01');
  const seen = [];
  let cursor = '';
  for (let i = 0; i < 100; i++) {
    const r = await call('GET', `/api/units?date=2024-05-01&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    seen.push(...r.items.map((u) => u.code));
    if (!r.next_cursor) break;
    cursor = r.next_cursor;
  }
  assert.deepEqual(seen, all);
});
