// reports.test.mjs - the report engine over HTTP and the command line
// (docs/reports.md): the seed 003 figures of Lạng Sơn for 2023 read back
// exactly, reports are live (a write is in the next report), a merged
// commune carries its predecessors' history and a pre-2025 district still
// reports 2023, the movement's year counts from 3 March, the unit tree's
// changes move the sums, the roll-up equals a rebuild from the records,
// and every bad request gets its error.
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

const report = async (q, who = A) => {
  const r = await s.api('GET', `/api/reports?${q}`, who);
  assert.equal(r.status, 200, r.text);
  return r.body;
};
const figures = (rep) => Object.fromEntries(rep.sections.flatMap((x) => x.figures).map((f) => [f.key, f]));
const post = async (body) => {
  const r = await s.api('POST', '/api/activities', { ...A, body });
  assert.equal(r.status, 201, r.text);
  return r.body;
};

// Seed 003, Lạng Sơn 2023, as the report of the year should read it.
const SEED = [
  { type: 'tuyen_truyen', n: 24, values: { buoi: 312, luot_nguoi: 14120 } },
  { type: 'tuyen_truyen_nho_le', n: 12, values: { luot_nguoi: 9312 } },
  { type: 'phat_tai_lieu', n: 10, values: { to_roi: 21850, bo_tai_lieu: 350 } },
  { type: 'ky_cam_ket', n: 16, values: { ho: 13825 } },
  { type: 'phat_quang_tu_sua', n: 20, values: { lan: 394, luot_nguoi: 3848 } },
];
// 2023's communes and posts: the communes of Mẫu Sơn's merger are among them.
const UNITS = ['TD-DAOVIEN', 'TD-QUOCKHANH', 'TD-TRIPHUONG', 'TD-DOITHAN', 'VL-TANTHANH', 'CL-BAOLAM', 'LB-MAUSON',
  'LB-YENKHOAI', 'LB-TUMICH', 'DL-BACXA', 'DBP-POMA', 'DBP-BINHNGHI'];

function split(total, n) {
  const out = [];
  let left = total;
  for (let i = 0; i < n; i++) {
    const v = i === n - 1 ? left : Math.max(1, Math.floor(left / (n - i)) + ((i * 7) % 5) - 2);
    out.push(v);
    left -= v;
  }
  return out;
}

const entered = [];

test('seed 003: the figures entered for Lạng Sơn in 2023 come back exactly in the year\'s report', async () => {
  const codes = ['buoi', 'luot_nguoi', 'to_roi', 'bo_tai_lieu', 'ho', 'lan'];
  const rows = [];
  for (const sd of SEED) {
    const parts = Object.fromEntries(Object.entries(sd.values).map(([k, v]) => [k, split(v, sd.n)]));
    for (let i = 0; i < sd.n; i++) {
      const a = { type: sd.type, unit: UNITS[(i * 5 + sd.n) % UNITS.length],
        date_from: `2023-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 3) % 28)).padStart(2, '0')}`,
        title: `${sd.type} ${i + 1}`, values: Object.fromEntries(Object.keys(sd.values).map((k) => [k, parts[k][i]])) };
      entered.push(a);
      rows.push(a);
    }
  }
  // Half by a CSV import (one roll-up statement for the file), half one by one.
  const viaCsv = rows.filter((_, i) => i % 2 === 0);
  const csv = [`type,unit,date_from,title,${codes.join(',')}`,
    ...viaCsv.map((a) => [a.type, a.unit, a.date_from, a.title, ...codes.map((c) => a.values[c] ?? '')].join(','))].join('\n');
  const imp = await s.api('POST', '/api/activities/import', { ...A, raw: csv, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(imp.status, 200, imp.text);
  for (const a of rows.filter((_, i) => i % 2 === 1)) await post(a);
  // The day before and the day after the year do not count in it.
  await post({ type: 'tuyen_truyen', unit: 'LB-MAUSON', date_from: '2022-12-31', title: 'Trước kỳ', values: { buoi: 2, luot_nguoi: 100 } });
  await post({ type: 'tuyen_truyen', unit: 'LB-MAUSON', date_from: '2024-01-01', title: 'Sau kỳ', values: { buoi: 3, luot_nguoi: 200 } });

  const rep = await report('unit=LS&period=2023');
  assert.equal(rep.unit.code, 'LS');
  assert.equal(rep.template.code, 'phong_trao_nam');
  assert.deepEqual([rep.period.from, rep.period.to, rep.previous.code], ['2023-01-01', '2023-12-31', '2022']);
  const f = figures(rep);
  const want = { 'tuyen_truyen.buoi': 312, 'tuyen_truyen.luot_nguoi': 14120, 'tuyen_truyen_nho_le.luot_nguoi': 9312,
    'phat_tai_lieu.to_roi': 21850, 'phat_tai_lieu.bo_tai_lieu': 350, 'ky_cam_ket.ho': 13825,
    'phat_quang_tu_sua.lan': 394, 'phat_quang_tu_sua.luot_nguoi': 3848 };
  for (const [k, v] of Object.entries(want)) assert.equal(f[k].value, v, k);
  // Beside it 2022, and the change.
  assert.equal(f['tuyen_truyen.buoi'].previous, 2);
  assert.equal(f['tuyen_truyen.buoi'].change, 310);
  assert.equal(f['tuyen_truyen.buoi'].change_percent, 15500);
  assert.equal(f['ky_cam_ket.ho'].previous, 0);
  assert.equal(f['ky_cam_ket.ho'].change_percent, null);
  // The breakdown by the province's units of 2023 (its districts, posts'
  // command ...) adds up where the units do not overlap: the districts.
  const districts = rep.children.map((c, i) => [c, i]).filter(([c]) => c.kind === 'district');
  assert.ok(districts.length >= 4, JSON.stringify(rep.children.map((c) => c.code)));
  const byDistricts = (key) => districts.reduce((x, [, i]) => x + f[key].by_child[i], 0);
  const inDistricts = (type, code) => entered.filter((a) => a.type === type && !a.unit.startsWith('DBP-'))
    .reduce((x, a) => x + (a.values[code] ?? 0), 0);
  assert.equal(byDistricts('tuyen_truyen.luot_nguoi'), inDistricts('tuyen_truyen', 'luot_nguoi'));
  assert.equal(byDistricts('ky_cam_ket.ho'), inDistricts('ky_cam_ket', 'ho'));
  for (const x of rep.sections.flatMap((sec) => sec.figures))
    assert.equal(x.by_child.length, rep.children.length, x.key);
});

test('a commune merged in 2025 reports what its predecessors recorded; a district of before 2025 still reports 2023', async () => {
  const lb = entered.filter((a) => ['LB-MAUSON', 'LB-YENKHOAI', 'LB-TUMICH'].includes(a.unit));
  const sum = (type, code) => lb.filter((a) => a.type === type).reduce((x, a) => x + (a.values[code] ?? 0), 0);
  assert.ok(sum('tuyen_truyen', 'luot_nguoi') > 0);
  const ms = await report('unit=MAUSON&period=2023');
  const f = figures(ms);
  assert.equal(f['tuyen_truyen.luot_nguoi'].value, sum('tuyen_truyen', 'luot_nguoi') + 0);
  assert.equal(f['ky_cam_ket.ho'].value, sum('ky_cam_ket', 'ho'));
  // Its columns for 2023 are the communes it was made of.
  assert.deepEqual(ms.children.map((c) => c.code).sort(), ['LB-MAUSON', 'LB-TUMICH', 'LB-YENKHOAI']);
  // The district of Lộc Bình, abolished on 1 July 2025, for 2023.
  const lbd = figures(await report('unit=LS-LB&period=2023'));
  assert.equal(lbd['tuyen_truyen.luot_nguoi'].value, sum('tuyen_truyen', 'luot_nguoi'));
  // The commune's own user reads it, with its predecessors' history.
  const X = { token: await s.login('xa.mauson') };
  assert.equal(figures(await report('unit=MAUSON&period=2023', X))['ky_cam_ket.ho'].value, sum('ky_cam_ket', 'ho'));
});

test('reports are live: a write, a change and a delete are in the next report', async () => {
  const q = 'unit=KHANGCHIEN&period=2026-Q2&template=phong_trao_nam';
  const v0 = figures(await report(q))['tuyen_truyen.buoi'].value;
  const a = await post({ type: 'tuyen_truyen', unit: 'KHANGCHIEN', date_from: '2026-05-10', title: 'Tuyên truyền tại thôn',
    values: { buoi: 4, luot_nguoi: 250 } });
  assert.equal(figures(await report(q))['tuyen_truyen.buoi'].value, v0 + 4);
  // Sent again with its id: stored once, counted once.
  const again = await s.api('PUT', `/api/activities/${a.id}`, { ...A, body: { type: 'tuyen_truyen', unit: 'KHANGCHIEN',
    date_from: '2026-05-10', title: 'Tuyên truyền tại thôn', values: { buoi: 4, luot_nguoi: 250 } } });
  assert.ok([200, 201].includes(again.status), again.text);
  assert.equal(figures(await report(q))['tuyen_truyen.buoi'].value, v0 + 4);
  // Changed: 4 sessions become 6, and the date moves out of the quarter.
  const ch = await s.api('PATCH', `/api/activities/${a.id}`, { ...A, body: { values: { buoi: 6, luot_nguoi: 250 } } });
  assert.equal(ch.status, 200, ch.text);
  assert.equal(figures(await report(q))['tuyen_truyen.buoi'].value, v0 + 6);
  const mv = await s.api('PATCH', `/api/activities/${a.id}`, { ...A, body: { date_from: '2026-07-01', date_to: '2026-07-01' } });
  assert.equal(mv.status, 200, mv.text);
  assert.equal(figures(await report(q))['tuyen_truyen.buoi'].value, v0);
  assert.equal(figures(await report('unit=KHANGCHIEN&period=2026-07'))['tuyen_truyen.buoi'].value, 6);
  const del = await s.api('DELETE', `/api/activities/${a.id}`, A);
  assert.equal(del.status, 204, del.text);
  assert.equal(figures(await report('unit=KHANGCHIEN&period=2026-07'))['tuyen_truyen.buoi'].value, 0);
});

test('the movement\'s year runs from Border Day, 3 March, to 2 March', async () => {
  const base = figures(await report('unit=LS&period=M2021'))['tuyen_truyen.buoi'].value;
  for (const [date, buoi] of [['2021-03-02', 1], ['2021-03-03', 10], ['2021-11-30', 100], ['2022-03-02', 1000], ['2022-03-03', 10000]])
    await post({ type: 'tuyen_truyen', unit: 'TD-DAOVIEN', date_from: date, title: `Ngày ${date}`, values: { buoi, luot_nguoi: 1 } });
  const rep = await report('unit=LS&period=M2021');
  assert.deepEqual([rep.period.from, rep.period.to], ['2021-03-03', '2022-03-02']);
  assert.equal(figures(rep)['tuyen_truyen.buoi'].value, base + 1110);
  // A span of years, and a range of days.
  assert.equal(figures(await report('unit=LS&period=2021..2022'))['tuyen_truyen.buoi'].value >= 11111, true);
  assert.equal(figures(await report('unit=LS&period=2021-03-03..2021-03-03'))['tuyen_truyen.buoi'].value, 10);
});

test('moving a commune under another unit moves its sums from that day on', async () => {
  // A commune under the province that goes under a district on 1 January 2024.
  for (const body of [{ code: 'LS-THU', kind: 'district', name: 'Huyện Thử Nghiệm', parent: 'LS', valid_from: '2020-01-01' },
    { code: 'THU-XA', kind: 'commune', name: 'Xã Thử Nghiệm', parent: 'LS', valid_from: '2020-01-01' }]) {
    const u = await s.api('POST', '/api/units', { ...A, body });
    assert.equal(u.status, 201, u.text);
  }
  await post({ type: 'ky_cam_ket', unit: 'THU-XA', date_from: '2024-02-01', title: 'Ký cam kết', values: { ho: 77 } });
  await post({ type: 'ky_cam_ket', unit: 'THU-XA', date_from: '2023-12-31', title: 'Ký cam kết', values: { ho: 5 } });
  const ls = async (p) => figures(await report(`unit=LS&period=${p}`))['ky_cam_ket.ho'].value;
  const ls0 = await ls('2023..2024');
  assert.equal(figures(await report('unit=LS-THU&period=2024'))['ky_cam_ket.ho'].value, 0);
  const m = await s.api('POST', '/api/units/THU-XA/move', { ...A, body: { parent: 'LS-THU', date: '2024-01-01' } });
  assert.equal(m.status, 200, m.text);
  assert.equal(figures(await report('unit=LS-THU&period=2024'))['ky_cam_ket.ho'].value, 77);
  assert.equal(figures(await report('unit=LS-THU&period=2023'))['ky_cam_ket.ho'].value, 0, '2023 was not under it');
  // The province counts each once, before and after the move.
  assert.equal(await ls('2023..2024'), ls0);
  const rep = await report('unit=LS&period=2024');
  const i = rep.children.findIndex((c) => c.code === 'LS-THU');
  assert.ok(i >= 0 && !rep.children.some((c) => c.code === 'THU-XA'));
  assert.equal(figures(rep)['ky_cam_ket.ho'].by_child[i], 77);
});

test('the roll-up kept by the writes equals one made again from the records', async () => {
  const q = 'SELECT COUNT(*) || \':\' || COALESCE(SUM(total * (length(unit_id) + length(period) + length(type_code) + length(indicator_code))), 0) FROM report_flows WHERE total <> 0';
  const live = s.sqlValue(q);
  const r = s.cli(['report', 'rebuild']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(s.sqlValue(q), live);
  assert.notEqual(live.split(':')[0], '0');
});

test('bad requests get their error and code', async () => {
  const cases = [
    ['unit=LS&period=2023-13', 400, 'period_invalid'],
    ['unit=LS&period=hai-nghin', 400, 'period_invalid'],
    ['unit=LS&period=2024..2023', 400, 'period_invalid'],
    ['unit=LS', 400, 'field_required'],
    ['unit=LS&period=2023&template=khong_co', 404, 'report_template_not_found'],
    ['unit=KHONGCO&period=2023', 404, 'unit_not_found'],
    ['unit=LS&period=2023&format=docx', 400, 'report_format_invalid'],
  ];
  for (const [q, status, code] of cases) {
    const r = await s.api('GET', `/api/reports?${q}`, A);
    assert.equal(r.status, status, `${q}: ${r.text}`);
    assert.equal(r.body.error.code, code, q);
    assert.ok(r.body.error.message_vi && r.body.error.message_en);
  }
  // Another commune's report, asked by a commune: refused.
  const X = { token: await s.login('xa.khangchien') };
  const other = await s.api('GET', '/api/reports?unit=MAUSON&period=2023', X);
  assert.equal(other.status, 403, other.text);
  assert.equal(other.body.error.code, 'out_of_scope');
  const noAuth = await s.api('GET', '/api/reports?unit=LS&period=2023');
  assert.equal(noAuth.status, 401);
  // The command line says the same.
  const c = s.cli(['report', '--unit', 'LS', '--period', '2023-Q5']);
  assert.equal(c.status, 1);
  assert.match(c.stderr, /period_invalid/);
});

test('templates are data: an admin adds one, a report uses it; a bad one is refused whole', async () => {
  const list = await s.api('GET', '/api/report-templates', A);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.body.items.filter((t) => t.builtin).map((t) => t.code).sort(),
    ['phong_trao_nam', 'quy_che_phoi_hop', 'so_ket_ngay_bien_phong']);
  const tmpl = {
    name_vi: 'Báo cáo tuyên truyền', name_en: 'Outreach report',
    sections: [{ key: 'tt', title_vi: 'Tuyên truyền', title_en: 'Outreach',
      narrative_vi: 'tổ chức {tt.n} lượt tuyên truyền, {tt.buoi} buổi',
      figures: [
        { key: 'tt.n', source: 'flow', type: 'tuyen_truyen', indicator: null, label_vi: 'Số hoạt động', label_en: 'Activities' },
        { key: 'tt.buoi', source: 'flow', type: 'tuyen_truyen', indicator: 'buoi', label_vi: 'Buổi', label_en: 'Sessions' },
        { key: 'hh', source: 'stock', stock: 'households', label_vi: 'Hộ', label_en: 'Households' },
      ] }],
  };
  const V = { token: await s.login('tinh.bdbp') };
  const no = await s.api('PUT', '/api/report-templates/tuyen_truyen_rieng', { ...V, body: tmpl });
  assert.equal(no.status, 403, no.text);
  const put = await s.api('PUT', '/api/report-templates/tuyen_truyen_rieng', { ...A, body: tmpl });
  assert.equal(put.status, 201, put.text);
  const again = await s.api('PUT', '/api/report-templates/tuyen_truyen_rieng', { ...A, body: tmpl });
  assert.equal(again.status, 200, again.text);
  const rep = await report('unit=LS&period=2023&template=tuyen_truyen_rieng');
  const f = figures(rep);
  assert.equal(f['tt.buoi'].value, 312);
  assert.equal(f['tt.n'].value, 24);
  assert.equal(f['tt.n'].unit_vi, 'hoạt động');
  assert.equal(f['tt.buoi'].unit_vi, 'buổi');
  const bad = [
    [{ ...tmpl, sections: [] }, /sections/],
    [{ ...tmpl, sections: [{ ...tmpl.sections[0], figures: [{ ...tmpl.sections[0].figures[1], indicator: 'to_roi' }] }] }, /tuyen_truyen\.to_roi/],
    [{ ...tmpl, sections: [{ ...tmpl.sections[0], figures: [{ ...tmpl.sections[0].figures[2], stock: 'trees' }] }] }, /stock/],
    [{ ...tmpl, sections: [{ ...tmpl.sections[0], figures: [tmpl.sections[0].figures[1], tmpl.sections[0].figures[1]] }] }, /twice/],
    [{ ...tmpl, sections: [{ ...tmpl.sections[0], narrative_vi: 'có {khong_co} buổi' }] }, /khong_co/],
    [{ ...tmpl, code: 'ten_khac' }, /code/],
  ];
  for (const [body, re] of bad) {
    const r = await s.api('PUT', '/api/report-templates/tuyen_truyen_rieng', { ...A, body });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.error.code, 'report_template_invalid');
    assert.match(r.body.error.message_en, re);
  }
  // Nothing of the bad ones was stored.
  const got = await s.api('GET', '/api/report-templates/tuyen_truyen_rieng', A);
  assert.equal(got.body.sections[0].figures.length, 3);
  assert.equal((await s.api('GET', '/api/report-templates/khong_co', A)).status, 404);
});

test('the command line gives the same report as the API', async () => {
  const r = s.cli(['report', '--unit', 'LS', '--period', '2023']);
  assert.equal(r.status, 0, r.stderr);
  const cliRep = JSON.parse(r.stdout);
  const apiRep = await report('unit=LS&period=2023');
  for (const x of [cliRep, apiRep]) delete x.generated_at;
  assert.deepEqual(cliRep, apiRep);
  const t = s.cli(['report', 'templates']);
  assert.equal(t.status, 0, t.stderr);
  assert.match(t.stdout, /^phong_trao_nam\t/m);
});
