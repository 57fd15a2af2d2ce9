// coordination.test.mjs - conferences, coordination agreements and
// commendations through the API: the demo's records from the seeds, a
// conference written, read back, replaced, listed and deleted, who reads
// what (host, participants, parties, recipients), an agreement reviewed
// and renewed for the next year, and commendations with their counts.
// The documents a conference disseminates are registered through the
// documents API, as a clerk does, and follow the documents' read rule
// through the conference (linked, read, replaced).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let s;
const tok = {};
const DOC_NATIONAL = '0d000000-0000-4000-8000-000000000001';
const DOC_MAUSON = '0d000000-0000-4000-8000-000000000002';
// The demo's cascade (src/domain/demo.h): the province's plan and xã Kháng Chiến's.
const DOC_LS_111 = '0d0c0000-0000-4000-8000-000000000111';
const DOC_KHANGCHIEN_05 = '0d0c0000-0000-4000-8000-000000000005';
const DEMO_AGREEMENT = 'dec00002-0000-4000-8000-000000000001';

const as = (who, extra = {}) => ({ token: tok[who], ...extra });

async function auditCount() {
  const r = await s.api('GET', '/api/audit?limit=1000', as('admin'));
  assert.equal(r.status, 200, r.text);
  return r.body.items.length;
}

before(async () => {
  s = await startServer();
  tok.admin = await s.login('admin');
  tok['xa.mauson'] = await s.login('xa.mauson');
  // A national document, entered by the admin of the top-level unit; the commune's plan by the commune.
  const docs = [
    ['admin', { id: DOC_NATIONAL, number_symbol: '12/CT-TTg', issued_on: '2024-01-15', issuing_body: 'Thủ tướng Chính phủ',
      title: 'Chỉ thị về tăng cường quản lý biên giới' }],
    ['xa.mauson', { id: DOC_MAUSON, number_symbol: '07/KH-UBND', issued_on: '2025-11-01', issuing_body: 'UBND xã Mẫu Sơn',
      title: 'Kế hoạch của xã Mẫu Sơn', unit: 'MAUSON' }],
  ];
  for (const [who, body] of docs) {
    const r = await s.api('POST', '/api/documents', as(who, { body }));
    assert.equal(r.status, 201, r.text);
  }
  for (const [username, role, unit] of [['bdbp.viewer', 'viewer', 'BANBDBP-LS'], ['bason.viewer', 'viewer', 'DBP-BASON']]) {
    const r = await s.api('POST', '/api/users', as('admin', { body: { username, password: 'bienphong', role, unit } }));
    assert.equal(r.status, 201, r.text);
  }
  for (const u of ['xa.mauson', 'xa.khangchien', 'xem.khangchien', 'don.binhnghi', 'bdbp.viewer', 'bason.viewer'])
    tok[u] = await s.login(u);
});

after(async () => { await s?.stop(); });

test('the demo: xã Kháng Chiến\'s dissemination conference of 15/11/2025, as the commune reads it', async () => {
  const r = await s.api('GET', '/api/conferences?unit=KHANGCHIEN&kind=quan_triet', as('xem.khangchien'));
  assert.equal(r.status, 200, r.text);
  const item = r.body.items.find((x) => x.date === '2025-11-15');
  assert.ok(item, r.text);
  assert.equal(item.unit.code, 'KHANGCHIEN');
  const c = await s.api('GET', `/api/conferences/${item.id}`, as('xem.khangchien'));
  assert.equal(c.status, 200, c.text);
  assert.equal(c.body.place, 'Hội trường Nhà Văn hóa xã Kháng Chiến');
  assert.match(c.body.chair, /Lương Trung Thuyền/);
  assert.deepEqual(c.body.contributions.slice(0, 4).map((k) => k.organization),
    ['Ủy ban MTTQ Việt Nam xã', 'Ban Chỉ huy Quân sự xã', 'Công an xã', 'Thôn 5']);
  assert.equal(c.body.contributions[4].unit.code, 'BANBDBP-LS');
  assert.deepEqual(c.body.units.map((u) => u.code).sort(), ['BANBDBP-LS', 'DBP-BINHNGHI']);
  // The province's conference is not the commune's to read.
  const all = await s.api('GET', '/api/conferences', as('xem.khangchien'));
  assert.ok(!all.body.items.some((x) => x.unit.code === 'LS'), all.text);
});

test('a document\'s conferences: those that disseminated it, as far as the reader may see', async () => {
  const l = await s.api('GET', '/api/conferences?unit=KHANGCHIEN&kind=quan_triet', as('xem.khangchien'));
  const conf = l.body.items.find((x) => x.date === '2025-11-15');
  // The commune's own plan: its dissemination conference.
  const own = await s.api('GET', `/api/conferences?document=${DOC_KHANGCHIEN_05}`, as('xem.khangchien'));
  assert.equal(own.status, 200, own.text);
  assert.deepEqual(own.body.items.map((x) => x.id), [conf.id]);
  // The province's plan: the province reads the conference that disseminated it; the commune
  // reads the plan but not the province's conference, so it lists none.
  const byProvince = await s.api('GET', `/api/conferences?document=${DOC_LS_111}`, as('admin'));
  assert.deepEqual(byProvince.body.items.map((x) => x.date), ['2025-08-25'], byProvince.text);
  assert.equal((await s.api('GET', `/api/documents/${DOC_LS_111}`, as('xem.khangchien'))).status, 200);
  const byCommune = await s.api('GET', `/api/conferences?document=${DOC_LS_111}`, as('xem.khangchien'));
  assert.deepEqual(byCommune.body.items, [], byCommune.text);
  // Another commune sees none of them; a document id that is not one is refused.
  const other = await s.api('GET', `/api/conferences?document=${DOC_KHANGCHIEN_05}`, as('xa.mauson'));
  assert.deepEqual(other.body.items, []);
  const bad = await s.api('GET', '/api/conferences?document=05%2FKH-UBND', as('xa.mauson'));
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.body.error.code, 'id_invalid');
  assert.equal(bad.body.error.field, 'document');
});

test('a participating unit reads the conference; others do not', async () => {
  const r = await s.api('GET', '/api/conferences?from=2025-08-25&to=2025-08-25', as('admin'));
  assert.equal(r.body.items.length, 1, r.text);
  const id = r.body.items[0].id;
  // BANBDBP-LS took part in the province's conference: its users read it.
  const p = await s.api('GET', `/api/conferences/${id}`, as('bdbp.viewer'));
  assert.equal(p.status, 200, p.text);
  const l = await s.api('GET', '/api/conferences', as('bdbp.viewer'));
  assert.ok(l.body.items.some((x) => x.id === id));
  const k = await s.api('GET', `/api/conferences/${id}`, as('xa.khangchien'));
  assert.equal(k.status, 403);
  assert.equal(k.body.error.code, 'out_of_scope');
});

test('a conference written, retried, read, replaced, listed and deleted', async () => {
  const id = crypto.randomUUID();
  const body = {
    id, kind: 'so_ket', title: 'Sơ kết 5 năm thực hiện Ngày Biên phòng toàn dân', date: '2024-02-26', unit: 'MAUSON',
    place: 'Hội trường UBND xã', chair: 'Chủ tịch UBND xã', attendees: 120, documents: [DOC_NATIONAL, DOC_MAUSON],
    units: ['DBP-BASON'], conclusions: 'Tiếp tục thực hiện tốt 5 nội dung.',
    contributions: [{ organization: 'Hội Phụ nữ xã', subject: 'Tuyên truyền' }, { speaker: 'Ông A', unit: 'DBP-BASON', subject: 'Tuần tra' }],
  };
  const before = await auditCount();
  const c = await s.api('POST', '/api/conferences', as('xa.mauson', { body }));
  assert.equal(c.status, 201, c.text);
  assert.equal(c.body.attendees, 120);
  assert.deepEqual(c.body.documents.map((d) => d.number_symbol), ['12/CT-TTg', '07/KH-UBND']);
  assert.equal(c.body.documents_hidden, 0);
  assert.deepEqual(c.body.contributions.map((k) => k.speaker ?? k.organization), ['Hội Phụ nữ xã', 'Ông A']);
  assert.equal(c.body.contributions[1].unit.code, 'DBP-BASON');
  assert.equal(c.body.created_by, 'xa.mauson');
  assert.equal(await auditCount(), before + 1);
  // The same request again (a retry on a bad link): stored once.
  const again = await s.api('POST', '/api/conferences', as('xa.mauson', { body: { ...body, units: ['DBP-BASON'], documents: [DOC_MAUSON, DOC_NATIONAL] } }));
  assert.equal(again.status, 200, again.text);
  assert.equal(await auditCount(), before + 1);
  // The same id with other content is a clash.
  const clash = await s.api('POST', '/api/conferences', as('xa.mauson', { body: { ...body, attendees: 121 } }));
  assert.equal(clash.status, 409);
  assert.equal(clash.body.error.code, 'id_conflict');
  // The participating post reads it.
  assert.equal((await s.api('GET', `/api/conferences/${id}`, as('bason.viewer'))).status, 200);
  // Replaced: fewer contributions, no documents.
  const put = await s.api('PUT', `/api/conferences/${id}`, as('xa.mauson', { body: { ...body, attendees: 0, documents: [], contributions: body.contributions.slice(1) } }));
  assert.equal(put.status, 200, put.text);
  assert.equal(put.body.attendees, 0);
  assert.deepEqual(put.body.documents, []);
  assert.equal(put.body.contributions.length, 1);
  // Listed by kind, unit and period, and not outside the period.
  const l = await s.api('GET', '/api/conferences?kind=so_ket&unit=MAUSON&from=2024-01-01&to=2024-12-31', as('xa.mauson'));
  assert.deepEqual(l.body.items.map((x) => x.id), [id]);
  const l2 = await s.api('GET', '/api/conferences?from=2025-01-01', as('xa.mauson'));
  assert.ok(!l2.body.items.some((x) => x.id === id));
  // A viewer reads but does not write; another commune neither.
  const v = await s.api('PUT', `/api/conferences/${id}`, as('xem.khangchien', { body }));
  assert.equal(v.status, 403);
  assert.equal((await s.api('GET', `/api/conferences/${id}`, as('xa.khangchien'))).status, 403);
  const d = await s.api('DELETE', `/api/conferences/${id}`, as('xa.mauson'));
  assert.equal(d.status, 204, d.text);
  const gone = await s.api('GET', `/api/conferences/${id}`, as('xa.mauson'));
  assert.equal(gone.status, 404);
  assert.equal(gone.body.error.code, 'conference_not_found');
});

test('a conference\'s documents follow the documents\' read rule: linked, read, replaced, audited', async () => {
  // The commune disseminates the province's plan (a unit above it: it reads it) with its own.
  const id = crypto.randomUUID();
  const body = { id, kind: 'quan_triet', title: 'Quán triệt kế hoạch của tỉnh', date: '2025-11-20', unit: 'KHANGCHIEN',
    documents: [DOC_LS_111, DOC_KHANGCHIEN_05], units: ['DBP-BASON'] };
  const c = await s.api('POST', '/api/conferences', as('xa.khangchien', { body }));
  assert.equal(c.status, 201, c.text);
  assert.deepEqual(c.body.documents.map((d) => d.number_symbol), ['111/KH-UBND', '05/KH-UBND']);
  // A participating post reads the conference and the province's plan, not the commune's plan.
  assert.equal((await s.api('GET', `/api/documents/${DOC_KHANGCHIEN_05}`, as('bason.viewer'))).status, 403);
  const p = await s.api('GET', `/api/conferences/${id}`, as('bason.viewer'));
  assert.equal(p.status, 200, p.text);
  assert.deepEqual(p.body.documents.map((d) => d.id), [DOC_LS_111]);
  assert.equal(p.body.documents_hidden, 1);
  assert.ok(!p.text.includes(DOC_KHANGCHIEN_05) && !p.text.includes('05/KH-UBND'), p.text);

  // The province's admin hosts one at Mẫu Sơn with Mẫu Sơn's plan and Kháng Chiến's.
  const m = crypto.randomUUID();
  const mbody = { id: m, kind: 'so_ket', title: 'Sơ kết liên xã', date: '2025-12-01', unit: 'MAUSON',
    documents: [DOC_MAUSON, DOC_KHANGCHIEN_05] };
  assert.equal((await s.api('POST', '/api/conferences', as('admin', { body: mbody }))).status, 201);
  const seen = await s.api('GET', `/api/conferences/${m}`, as('xa.mauson'));
  assert.deepEqual(seen.body.documents.map((d) => d.id), [DOC_MAUSON]);
  assert.equal(seen.body.documents_hidden, 1);
  // Mẫu Sơn cannot link the other commune's plan, not even to a conference that has it.
  const link = await s.api('PUT', `/api/conferences/${m}`, as('xa.mauson', { body: { ...mbody, title: 'Đổi' } }));
  assert.equal(link.status, 403, link.text);
  assert.equal(link.body.error.code, 'document_out_of_scope');
  assert.equal(link.body.error.field, 'documents');
  // Sent again as Mẫu Sơn sees it: nothing changes.
  const same = await s.api('PUT', `/api/conferences/${m}`, as('xa.mauson', { body: { ...mbody, documents: [DOC_MAUSON] } }));
  assert.equal(same.status, 200, same.text);
  assert.equal(same.body.updated_at, seen.body.updated_at);
  // Its replace drops its own plan; the link it cannot see stays.
  const put = await s.api('PUT', `/api/conferences/${m}`, as('xa.mauson', { body: { ...mbody, title: 'Sơ kết', documents: [] } }));
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(put.body.documents, []);
  assert.equal(put.body.documents_hidden, 1);
  const full = await s.api('GET', `/api/conferences/${m}`, as('admin'));
  assert.equal(full.body.title, 'Sơ kết');
  assert.deepEqual(full.body.documents.map((d) => d.id), [DOC_KHANGCHIEN_05]);
  assert.equal(full.body.documents_hidden, 0);
  // The audit log, which Mẫu Sơn's unit admin reads, names the documents by id only.
  const log = await s.api('GET', `/api/audit?entity=conference&entity_id=${m}`, as('xa.mauson'));
  assert.equal(log.status, 200, log.text);
  assert.equal(log.body.items.length, 2, log.text);
  assert.ok(!log.text.includes('05/KH-UBND') && !log.text.includes('Kế hoạch'), log.text);
  // Mẫu Sơn deletes its conference, the link it cannot see with it.
  assert.equal((await s.api('DELETE', `/api/conferences/${m}`, as('xa.mauson'))).status, 204);
  assert.equal((await s.api('GET', `/api/conferences/${m}`, as('admin'))).status, 404);
});

test('a conference list pages by date, newest first', async () => {
  for (let i = 1; i <= 5; i++) {
    const r = await s.api('POST', '/api/conferences', as('xa.mauson', { body: { kind: 'giao_ban', title: `Giao ban tháng ${i}`, date: `2026-0${i}-05`, unit: 'MAUSON' } }));
    assert.equal(r.status, 201, r.text);
  }
  const seen = [];
  let cursor = null;
  do {
    const r = await s.api('GET', `/api/conferences?kind=giao_ban&limit=2${cursor ? `&cursor=${cursor}` : ''}`, as('xa.mauson'));
    assert.equal(r.status, 200, r.text);
    seen.push(...r.body.items.map((x) => x.date));
    cursor = r.body.next_cursor;
  } while (cursor);
  assert.deepEqual(seen, ['2026-05-05', '2026-04-05', '2026-03-05', '2026-02-05', '2026-01-05']);
});

test('the demo agreement of 2024: parties, commitments, the January 2025 review', async () => {
  const r = await s.api('GET', `/api/agreements/${DEMO_AGREEMENT}`, as('admin'));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.signed_on, '2024-01-22');
  assert.equal(r.body.unit.code, 'DU-BDBP-LS');
  assert.deepEqual(r.body.parties.map((u) => u.code), ['DU-BDBP-LS', 'LS-CL', 'LS-DL', 'LS-LB', 'LS-TD', 'LS-VL']);
  assert.equal(r.body.commitments.length, 8);
  assert.equal(r.body.reviews.length, 1);
  assert.equal(r.body.reviews[0].date, '2025-01-21');
  assert.equal(r.body.reviews[0].items.length, 8);
  assert.equal(r.body.reviews[0].items.filter((i) => i.evaluation === 'partly').length, 1);
  // No commune is a party: neither reads it.
  assert.equal((await s.api('GET', `/api/agreements/${DEMO_AGREEMENT}`, as('xa.mauson'))).status, 403);
  const l = await s.api('GET', '/api/agreements', as('xa.mauson'));
  assert.ok(!l.body.items.some((a) => a.id === DEMO_AGREEMENT));
});

test('an agreement between a post and a commune: a party commune reads it, another does not; reviewed, renewed', async () => {
  const id = crypto.randomUUID();
  const k1 = crypto.randomUUID();
  const body = {
    id, title: 'Quy chế phối hợp năm 2025 giữa Đồn Biên phòng Ba Sơn và UBND xã Mẫu Sơn', number_symbol: '01/QC-PH',
    period_from: '2025-01-01', period_to: '2025-12-31', signed_on: '2025-01-15', status: 'signed', unit: 'DBP-BASON',
    parties: ['DBP-BASON', 'MAUSON'],
    commitments: [
      { id: k1, text: 'Tuần tra song phương mỗi quý', party: 'DBP-BASON', due_on: '2025-12-31' },
      { text: 'Tuyên truyền pháp luật biên giới ở các thôn', party: 'MAUSON', due_on: '2025-06-30' },
      { text: 'Báo cáo kết quả năm', party: 'MAUSON', due_on: '2026-01-15' },
    ],
  };
  const c = await s.api('POST', '/api/agreements', as('admin', { body }));
  assert.equal(c.status, 201, c.text);
  const k2 = c.body.commitments[1].id;
  assert.equal(c.body.commitments[0].id, k1);
  // Sent again without the commitments' ids: the same agreement.
  const again = await s.api('POST', '/api/agreements', as('admin', { body }));
  assert.equal(again.status, 200, again.text);
  assert.deepEqual(again.body.commitments.map((k) => k.id), c.body.commitments.map((k) => k.id));
  // The party commune reads it and finds it in its list; another commune does not.
  const m = await s.api('GET', `/api/agreements/${id}`, as('xa.mauson'));
  assert.equal(m.status, 200, m.text);
  assert.ok((await s.api('GET', '/api/agreements', as('xa.mauson'))).body.items.some((a) => a.id === id));
  const k = await s.api('GET', `/api/agreements/${id}`, as('xa.khangchien'));
  assert.equal(k.status, 403);
  assert.ok(!(await s.api('GET', '/api/agreements', as('xa.khangchien'))).body.items.some((a) => a.id === id));
  // Reading is not keeping: the commune does not write it.
  const w = await s.api('POST', `/api/agreements/${id}/reviews`, as('xa.mauson', { body: { date: '2025-06-01', result: 'kha', items: [] } }));
  assert.equal(w.status, 403);

  const reviewId = crypto.randomUUID();
  const review = { id: reviewId, date: '2026-01-10', result: 'kha', notes: 'Hoàn thành cơ bản',
    items: [{ commitment: k1, evaluation: 'done' }, { commitment: k2, evaluation: 'partly', note: 'Còn 2 thôn' }] };
  const rv = await s.api('POST', `/api/agreements/${id}/reviews`, as('admin', { body: review }));
  assert.equal(rv.status, 201, rv.text);
  assert.equal(rv.body.reviews.length, 1);
  assert.deepEqual(rv.body.reviews[0].items.map((i) => i.evaluation), ['done', 'partly']);
  const rv2 = await s.api('POST', `/api/agreements/${id}/reviews`, as('admin', { body: review }));
  assert.equal(rv2.status, 200, rv2.text);
  assert.equal(rv2.body.reviews.length, 1);

  // A reviewed commitment is not dropped; nothing of the refused change stays.
  const drop = await s.api('PUT', `/api/agreements/${id}`, as('admin', { body: { ...body, title: 'Đổi tên', commitments: body.commitments.slice(1) } }));
  assert.equal(drop.status, 409, drop.text);
  assert.equal(drop.body.error.code, 'commitment_reviewed');
  assert.equal((await s.api('GET', `/api/agreements/${id}`, as('admin'))).body.title, body.title);

  // Renewed for 2026: a draft, dates a year on, the same parties and commitments.
  const rn = await s.api('POST', `/api/agreements/${id}/renew`, as('admin'));
  assert.equal(rn.status, 201, rn.text);
  assert.equal(rn.body.status, 'draft');
  assert.equal(rn.body.renewed_from, id);
  assert.equal(rn.body.period_from, '2026-01-01');
  assert.equal(rn.body.period_to, '2026-12-31');
  assert.equal(rn.body.signed_on, null);
  assert.equal(rn.body.number_symbol, null);
  assert.equal(rn.body.title, 'Quy chế phối hợp năm 2026 giữa Đồn Biên phòng Ba Sơn và UBND xã Mẫu Sơn');
  assert.deepEqual(rn.body.commitments.map((x) => x.due_on), ['2026-12-31', '2026-06-30', '2027-01-15']);
  assert.deepEqual(rn.body.commitments.map((x) => x.party.code), ['DBP-BASON', 'MAUSON', 'MAUSON']);
  assert.deepEqual(rn.body.parties.map((u) => u.code), ['DBP-BASON', 'MAUSON']);
  assert.deepEqual(rn.body.reviews, []);
  const orig = await s.api('GET', `/api/agreements/${id}`, as('admin'));
  assert.equal(orig.body.renewed_by, rn.body.id);
  // Asked again: the same draft, no second one.
  const rn2 = await s.api('POST', `/api/agreements/${id}/renew`, as('admin', { body: {} }));
  assert.equal(rn2.status, 200, rn2.text);
  assert.equal(rn2.body.id, rn.body.id);
  const drafts = await s.api('GET', '/api/agreements?status=draft&limit=1000', as('admin'));
  assert.equal(drafts.body.items.filter((a) => a.renewed_from === id).length, 1);
  // The draft is signed later like any agreement; until then it can be deleted.
  const del = await s.api('DELETE', `/api/agreements/${rn.body.id}`, as('admin'));
  assert.equal(del.status, 204, del.text);
  const delSigned = await s.api('DELETE', `/api/agreements/${id}`, as('admin'));
  assert.equal(delSigned.status, 409);
  assert.equal(delSigned.body.error.code, 'agreement_not_draft');
});

test('the demo commendations: 5 collectives and 9 individuals for Border Day 2019-2024', async () => {
  const r = await s.api('GET', `/api/commendations?programme=${encodeURIComponent('Ngày Biên phòng toàn dân')}&level=giay_khen`, as('admin'));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.counts, { commendations: 1, collectives: 5, individuals: 9 });
  const c = r.body.items[0];
  assert.equal(c.period_from, '2019-03-03');
  assert.equal(c.period_to, '2024-03-03');
  const one = await s.api('GET', `/api/commendations/${c.id}`, as('admin'));
  assert.equal(one.body.recipients.length, 14);
  // The communes merged into Kháng Chiến got some of them: its users read it.
  const k = await s.api('GET', '/api/commendations', as('xem.khangchien'));
  assert.ok(k.body.items.some((x) => x.id === c.id), k.text);
  // Mẫu Sơn's users do not.
  const m = await s.api('GET', '/api/commendations', as('xa.mauson'));
  assert.deepEqual(m.body.counts, { commendations: 0, collectives: 0, individuals: 0 });
  const none = await s.api('GET', '/api/commendations?level=bang_khen', as('admin'));
  assert.deepEqual(none.body.counts, { commendations: 0, collectives: 0, individuals: 0 });
  const period = await s.api('GET', '/api/commendations?from=2025-01-01', as('admin'));
  assert.equal(period.body.counts.commendations, 0);
});

test('commendations by level and issuer: what the law allows is stored, what it does not is refused', async () => {
  const base = { date: '2025-03-03', reason: 'Thành tích xuất sắc', programme: 'Ngày Biên phòng toàn dân', unit: 'MAUSON',
    recipients: [{ kind: 'collective', name: 'Thôn Khòn Pổ', unit: 'MAUSON-KHONPO' }, { kind: 'individual', name: 'Bà Hoàng Thị Hoa' }] };
  const ok = [
    { level: 'giay_khen', issuing_body: 'Chủ tịch UBND xã Mẫu Sơn', issuer_level: 'commune' },
    // A province-level body gives giấy khen too (the provincial Border Guard commander).
    { level: 'giay_khen', issuing_body: 'Chỉ huy trưởng Bộ đội Biên phòng tỉnh', issuer_level: 'province' },
    { level: 'bang_khen', issuing_body: 'Chủ tịch UBND tỉnh Lạng Sơn', issuer_level: 'province' },
  ];
  for (const x of ok) {
    const r = await s.api('POST', '/api/commendations', as('xa.mauson', { body: { ...base, ...x } }));
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.collectives, 1);
    assert.equal(r.body.individuals, 1);
  }
  const bad = await s.api('POST', '/api/commendations', as('xa.mauson', { body: { ...base, level: 'bang_khen', issuing_body: 'Chủ tịch UBND xã Mẫu Sơn', issuer_level: 'commune' } }));
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.body.error.code, 'commendation_issuer');
  const l = await s.api('GET', '/api/commendations?unit=MAUSON', as('xa.mauson'));
  assert.deepEqual(l.body.counts, { commendations: 3, collectives: 3, individuals: 3 });
});
