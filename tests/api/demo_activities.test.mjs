// demo_activities.test.mjs - the demo province's activities of 2021 to
// today (src/domain/demo_activities.c): every year has them, the
// province's totals are in the range of seed 003 scaled to the demo's 14
// border communes, Border Day is on 3 March, each activity stands under a
// unit that existed on its day, nothing is after today, the reports'
// roll-up agrees with the totals, two demo databases hold the same
// activities, and the households' registrations span the years too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, cli, newDatabase } from '../lib/server.mjs';

const TODAY = '2026-06-30';
const env = { BIENPHONG_TODAY: TODAY };
let s;
let A;

before(async () => {
  s = await startServer({ activities: true, env });
  A = { token: await s.login('admin') };
});

after(async () => { await s?.stop(); });

async function totals(unit, from, to) {
  const r = await s.api('GET', `/api/activities/totals?unit=${unit}&from=${from}&to=${to}`, A);
  assert.equal(r.status, 200, r.text);
  return Object.fromEntries(r.body.types.map((x) => [x.code, { n: x.activities, ...x.values }]));
}

// Seed 003 (Lạng Sơn 2023, 21 border communes) times 14/21, give or take.
const RANGES = [
  ['tuyen_truyen', 'buoi', 150, 300], ['tuyen_truyen', 'luot_nguoi', 7000, 14000],
  ['tuyen_truyen_nho_le', 'luot_nguoi', 4500, 9300], ['phat_tai_lieu', 'to_roi', 11000, 22000],
  ['phat_tai_lieu', 'bo_tai_lieu', 150, 350], ['ky_cam_ket', 'ho', 7000, 13820],
  ['phat_quang_tu_sua', 'lan', 200, 394], ['phat_quang_tu_sua', 'luot_nguoi', 2000, 3848],
];

test('every year from 2021 has its activities, of most types, in the seed\'s quantities for the province', async () => {
  for (let y = 2021; y <= 2025; y++) {
    const t = await totals('LS', `${y}-01-01`, `${y}-12-31`);
    assert.ok(Object.keys(t).length >= 18, `${y}: ${Object.keys(t)}`);
    for (const [type, code, lo, hi] of RANGES) {
      const v = t[type]?.[code];
      assert.ok(v >= lo && v <= hi, `${y} ${type}.${code} = ${v}, not in ${lo}..${hi}`);
    }
  }
  // This year, up to today and no further.
  const t = await totals('LS', '2026-01-01', '2026-12-31');
  assert.ok(t.tuyen_truyen.buoi > 50 && t.tuyen_truyen.buoi < 200, JSON.stringify(t.tuyen_truyen));
  assert.equal(s.sqlValue(`SELECT COUNT(*) FROM activities WHERE date_from > '${TODAY}'`), '0');
});

test('Border Day on 3 March in every border commune; every activity under a unit that stood on its day', async () => {
  for (const [y, communes] of [[2021, 14], [2024, 14], [2025, 14], [2026, 10]]) {
    const r = await s.api('GET', `/api/activities?type=ngay_hoi_bptd&from=${y}-01-01&to=${y}-12-31&limit=100`, A);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.items.length, communes, `${y}`);
    for (const a of r.body.items) assert.equal(a.date_from, `${y}-03-03`);
  }
  assert.equal(s.sqlValue('SELECT COUNT(*) FROM activities a JOIN units u ON u.id = a.unit_id'
    + ' WHERE a.date_from < u.valid_from OR (u.valid_to IS NOT NULL AND a.date_from >= u.valid_to)'), '0');
  // Kháng Chiến's own activities begin with it, on 1 July 2025; before, its
  // history is that of the three communes merged into it.
  const kc = await totals('KHANGCHIEN', '2025-07-01', '2025-12-31');
  assert.ok(kc.tuyen_truyen.n > 5, JSON.stringify(kc.tuyen_truyen));
  const old = await totals('TD-QUOCKHANH', '2024-01-01', '2024-12-31');
  assert.ok(old.tuyen_truyen.n > 2, JSON.stringify(old.tuyen_truyen));
  const merged = await totals('KHANGCHIEN', '2024-01-01', '2024-12-31');
  assert.ok(merged.tuyen_truyen.n > old.tuyen_truyen.n);
});

test('the reports\' roll-up of the demo agrees with the totals', async () => {
  const t = await totals('LS', '2023-01-01', '2023-12-31');
  const r = await s.api('GET', '/api/reports?unit=LS&period=2023', A);
  assert.equal(r.status, 200, r.text);
  const f = Object.fromEntries(r.body.sections.flatMap((x) => x.figures).map((x) => [x.key, x.value]));
  assert.equal(f['tuyen_truyen.buoi'], t.tuyen_truyen.buoi);
  assert.equal(f['phat_quang_tu_sua.luot_nguoi'], t.phat_quang_tu_sua.luot_nguoi);
  assert.equal(f['ky_cam_ket.ho'], t.ky_cam_ket.ho);
});

test('the demo is the same in every database; households\' registrations span the years', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bienphong-demo2-'));
  try {
    const other = newDatabase(dir);
    assert.equal(cli(['init', '--db', other], { env }).status, 0);
    const d = cli(['demo', '--db', other], { env });
    assert.equal(d.status, 0, d.stderr);
    const mine = s.cli(['export', 'activities'], { env });
    const theirs = cli(['export', 'activities', '--db', other], { env });
    assert.equal(mine.status, 0, mine.stderr);
    assert.ok(mine.stdout.split('\n').length > 3500, `${mine.stdout.split('\n').length} lines`);
    assert.equal(theirs.stdout, mine.stdout);
    // Running the demo again adds nothing.
    assert.equal(cli(['demo', '--db', other], { env }).status, 0);
    assert.equal(cli(['export', 'activities', '--db', other], { env }).stdout, mine.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const date of ['2021-06-30', '2023-12-31', '2026-06-30']) {
    const r = await s.api('GET', `/api/stocks?unit=LS&date=${date}`, A);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.households > 20 && r.body.collectives >= 1, `${date}: ${JSON.stringify(r.body)}`);
  }
});
