// people_seed003.test.mjs - the figures of seed 003 (Lạng Sơn, 2023): 24
// collectives and 885 households registered for self-management of the
// border line and markers. They are entered as one CSV through the
// import, spread over the demo's border communes and posts, after the
// demo's own households are deleted through the API, and read back from
// /api/stocks for the province as of 2023-12-31: exactly 24 and 885, and
// the communes' figures add up to them. Rows that must not count (ended
// the day before, starting the day after, never registered) are in the
// same file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let s;
let A;

// The demo's border communes today and the post that serves each.
const PLACES = [
  ['KHANGCHIEN', 'DBP-BINHNGHI'], ['TD-DOITHAN', 'DBP-POMA'], ['VL-TANTHANH', 'DBP-TANTHANH'],
  ['VL-THANHLONG', 'DBP-TANTHANH'], ['CL-BAOLAM', 'DBP-HUUNGHI'], ['CL-DONGDANG', 'DBP-HUUNGHI'],
  ['MAUSON', 'DBP-BASON'], ['LB-TAMGIA', 'DBP-CHIMA'], ['DL-BACXA', 'DBP-BACXA'], ['DL-BINHXA', 'DBP-BACXA'],
];

before(async () => {
  s = await startServer();
  A = { token: await s.login('admin') };
});

after(async () => { await s?.stop(); });

async function stocks(unit, date) {
  const r = await s.api('GET', `/api/stocks?unit=${unit}&date=${date}`, A);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

test('seed 003: 24 collectives and 885 households registered in Lạng Sơn in 2023', async () => {
  // The demo's households go first, so that the province holds only the seed's.
  for (;;) {
    const page = await s.api('GET', '/api/households?unit=LS&limit=1000', A);
    assert.equal(page.status, 200, page.text);
    if (!page.body.items.length) break;
    const ids = page.body.items.map((h) => h.id);
    for (let i = 0; i < ids.length; i += 16)
      await Promise.all(ids.slice(i, i + 16).map(async (id) => {
        const d = await s.api('DELETE', `/api/households/${id}`, A);
        assert.equal(d.status, 204, d.text);
      }));
  }
  const empty = await stocks('LS', '2023-12-31');
  assert.equal(empty.collectives + empty.households, 0);

  const rows = ['kind,name,village,unit,phone,people,post,from,to'];
  const row = (kind, i, from, to = '') => {
    const [unit, post] = PLACES[i % PLACES.length];
    const name = kind === 'collective' ? `Chi đoàn thanh niên bản ${i}` : `Hộ ông ${['Hoàng', 'Lăng', 'Nông', 'Vi', 'Lý'][i % 5]} Văn ${i}`;
    rows.push(`${kind},${name},Bản ${1 + (i % 7)},${unit},,${kind === 'collective' ? 20 : 1 + (i % 6)},${from ? post : ""},${from},${to}`);
  };
  // Registered during 2023 or before, still on 31 December 2023 (some to that very day).
  for (let i = 0; i < 24; i++) row('collective', i, `202${1 + (i % 3)}-0${1 + (i % 9)}-15`, i % 4 ? '' : '2023-12-31');
  for (let i = 0; i < 885; i++) row('household', i, `202${1 + (i % 3)}-${String(1 + (i % 12)).padStart(2, '0')}-0${1 + (i % 9)}`, i % 5 ? '' : `2024-0${1 + (i % 9)}-20`);
  // Not counted: ended the day before, starting the day after, never registered.
  row('household', 9001, '2022-03-03', '2023-12-30');
  row('collective', 9002, '2024-01-01');
  row('household', 9003, '');
  const r = await s.api('POST', '/api/households/import', { ...A, raw: rows.join('\r\n') + '\r\n', headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r.status, 200, r.text.slice(0, 2000));
  assert.equal(r.body.rows, 24 + 885 + 3);
  assert.equal(r.body.registrations.created, 24 + 885 + 2);

  const ls = await stocks('LS', '2023-12-31');
  assert.equal(ls.collectives, 24);
  assert.equal(ls.households, 885);
  // Spread over the communes, whose figures add up to the province's.
  let c = 0, h = 0;
  for (const [unit] of PLACES) {
    const st = await stocks(unit, '2023-12-31');
    assert.ok(st.households > 0, `${unit} has none`);
    c += st.collectives;
    h += st.households;
  }
  assert.deepEqual([c, h], [24, 885]);
  // A year earlier and after, other figures.
  const y2022 = await stocks('LS', '2022-12-31');
  assert.ok(y2022.households < 885 && y2022.households > 0);
});
