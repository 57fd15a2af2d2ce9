// participation_seed003.test.mjs - the must-show test: the seed
// 003 figures of Lạng Sơn for 2023 (seeds/003: "tổ chức tuyên truyền hơn
// 300 buổi, cho trên 14.000 lượt người … 394 lần phát quang, tu sửa …
// 3.848 lượt người …"), entered as many activities spread over the
// communes and border posts of the demo province as they stood in 2023
// (before the 2025 merger), half through a CSV import and half through
// the JSON API, read back exactly as totals for the province and the
// year. Activities just outside the year, and of other years, must not
// count. (The 24 collectives and 885 households are registry stocks, not
// activities: the households part of the issue.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let s;
let A;

before(async () => {
  s = await startServer();
  A = { token: await s.login('admin') };
});

after(async () => { await s?.stop(); });

// The figures, as activity type -> indicator -> total, and in how many activities each is entered.
const SEED = [
  { type: 'phat_quang_tu_sua', n: 40, title: 'Phát quang, tu sửa đường tuần tra biên giới', totals: { lan: 394, luot_nguoi: 3848 } },
  { type: 'tuyen_truyen', n: 60, title: 'Tuyên truyền Luật Biên phòng Việt Nam', totals: { buoi: 300, luot_nguoi: 14000 } },
  { type: 'tuyen_truyen_nho_le', n: 30, title: 'Tuyên truyền nhỏ lẻ tại gia đình', totals: { luot_nguoi: 9300 } },
  { type: 'phat_tai_lieu', n: 20, title: 'Phát tờ rơi, tài liệu tuyên truyền', totals: { to_roi: 22000, bo_tai_lieu: 350 } },
  { type: 'ky_cam_ket', n: 40, title: 'Hộ gia đình ký cam kết chấp hành pháp luật', totals: { ho: 13820 } },
];

// 2023's communes of the border districts and the border posts.
const UNITS = ['TD-DAOVIEN', 'TD-QUOCKHANH', 'TD-TRIPHUONG', 'TD-DOITHAN', 'VL-TANTHANH', 'VL-THANHLONG', 'CL-BAOLAM',
  'CL-DONGDANG', 'LB-MAUSON', 'LB-YENKHOAI', 'LB-TUMICH', 'DL-BACXA', 'DBP-POMA', 'DBP-BINHNGHI', 'DBP-BASON', 'DBP-CHIMA'];

// total split into n positive parts, uneven but exact.
function split(total, n) {
  const parts = [];
  let left = total;
  for (let i = 0; i < n; i++) {
    const rest = n - i - 1;
    const fair = Math.floor(left / (rest + 1));
    const v = rest ? Math.max(1, Math.min(left - rest, fair + ((i * 7) % 5) - 2)) : left;
    parts.push(v);
    left -= v;
  }
  return parts;
}

function activities() {
  const out = [];
  for (const s of SEED) {
    const cols = Object.fromEntries(Object.entries(s.totals).map(([k, v]) => [k, split(v, s.n)]));
    for (let i = 0; i < s.n; i++) {
      const month = String(1 + (i % 12)).padStart(2, '0');
      const day = String(1 + ((i * 3) % 28)).padStart(2, '0');
      out.push({ type: s.type, unit: UNITS[(i * 5 + s.n) % UNITS.length], date_from: `2023-${month}-${day}`,
        title: `${s.title} (${i + 1})`, values: Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, v[i]])) });
    }
  }
  return out;
}

test('seed 003: Lạng Sơn 2023 entered over communes and posts reads back exactly', async () => {
  const all = activities();
  const viaCsv = all.filter((_, i) => i % 2 === 0);
  const viaJson = all.filter((_, i) => i % 2 === 1);
  assert.ok(new Set(all.map((a) => a.unit)).size >= 12, 'spread over the units');

  const codes = ['lan', 'luot_nguoi', 'buoi', 'to_roi', 'bo_tai_lieu', 'ho'];
  const csv = [`type,unit,date_from,title,${codes.join(',')}`,
    ...viaCsv.map((a) => [a.type, a.unit, a.date_from, `"${a.title}"`, ...codes.map((c) => a.values[c] ?? '')].join(','))].join('\n');
  const imp = await s.api('POST', '/api/activities/import', { ...A, raw: csv, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(imp.status, 200, imp.text);
  assert.equal(imp.body.created, viaCsv.length);
  for (const a of viaJson) {
    const r = await s.api('POST', '/api/activities', { ...A, body: a });
    assert.equal(r.status, 201, r.text);
  }
  // Just outside the year, and another year: not counted.
  for (const date of ['2022-12-31', '2024-01-01']) {
    const r = await s.api('POST', '/api/activities', { ...A, body: { type: 'tuyen_truyen', unit: 'LB-MAUSON', date_from: date,
      title: 'Ngoài kỳ', values: { buoi: 1, luot_nguoi: 1000 } } });
    assert.equal(r.status, 201, r.text);
  }

  const t = await s.api('GET', '/api/activities/totals?unit=LS&from=2023-01-01&to=2023-12-31', A);
  assert.equal(t.status, 200, t.text);
  assert.equal(t.body.unit.code, 'LS');
  const got = Object.fromEntries(t.body.types.map((x) => [x.code, { n: x.activities, values: x.values }]));
  for (const sd of SEED)
    assert.deepEqual(got[sd.type], { n: sd.n, values: sd.totals }, sd.type);
  assert.deepEqual(Object.keys(got).sort(), SEED.map((x) => x.type).sort());

  // The same figures as the seed's sentence reads them.
  assert.equal(got.tuyen_truyen.values.buoi, 300);
  assert.equal(got.tuyen_truyen.values.luot_nguoi, 14000);
  assert.equal(got.phat_quang_tu_sua.values.lan, 394);
  assert.equal(got.phat_quang_tu_sua.values.luot_nguoi, 3848);
  assert.equal(got.tuyen_truyen_nho_le.values.luot_nguoi, 9300);
  assert.equal(got.phat_tai_lieu.values.to_roi, 22000);
  assert.equal(got.phat_tai_lieu.values.bo_tai_lieu, 350);
  assert.equal(got.ky_cam_ket.values.ho, 13820);

  // A commune created by the 2025 merger holds the history of those merged into it.
  const ms = await s.api('GET', '/api/activities/totals?unit=MAUSON&from=2023-01-01&to=2023-12-31', A);
  assert.equal(ms.status, 200, ms.text);
  const lb = all.filter((a) => ['LB-MAUSON', 'LB-YENKHOAI', 'LB-TUMICH'].includes(a.unit));
  const sum = (type, code) => lb.filter((a) => a.type === type).reduce((x, a) => x + (a.values[code] ?? 0), 0);
  const msGot = Object.fromEntries(ms.body.types.map((x) => [x.code, x.values]));
  assert.equal(msGot.ky_cam_ket?.ho ?? 0, sum('ky_cam_ket', 'ho'));
  assert.equal(msGot.tuyen_truyen?.luot_nguoi ?? 0, sum('tuyen_truyen', 'luot_nguoi'));
  assert.ok(sum('ky_cam_ket', 'ho') > 0);
});
