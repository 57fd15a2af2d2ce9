// coordination_bad.test.mjs - what the coordination routes answer to input
// they must refuse. Each case sends one bad request and checks the HTTP
// status, the stable error code (both messages filled, Vietnamese first)
// and that nothing was written: the conferences, agreements and
// commendations, read whole, and the audit log are the same after as
// before. Most cases act as the province admin, so no access rule is in
// the way; the out-of-scope ones as the commune users.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let s;
const tok = {};
const DOC_KHANGCHIEN = '0d000000-0000-4000-8000-0000000000c1';
const DOC_MAUSON = '0d000000-0000-4000-8000-0000000000c2';
const A = 'a0000000-0000-4000-8000-000000000001';  // signed 2025, MAUSON and DBP-BASON
const B = 'a0000000-0000-4000-8000-000000000002';  // signed 2025, KHANGCHIEN and DBP-BINHNGHI
const D = 'a0000000-0000-4000-8000-000000000003';  // a draft
const KA = 'c0000000-0000-4000-8000-0000000000a1';
const KB = 'c0000000-0000-4000-8000-0000000000b1';

const conference = (x = {}) => ({ kind: 'quan_triet', title: 'Hội nghị quán triệt', date: '2025-11-15', unit: 'MAUSON', ...x });
const agreement = (x = {}) => ({ title: 'Quy chế phối hợp năm 2025', period_from: '2025-01-01', period_to: '2025-12-31',
  signed_on: '2025-01-20', status: 'signed', unit: 'DBP-BASON', parties: ['DBP-BASON', 'MAUSON'],
  commitments: [{ text: 'Tuần tra', party: 'DBP-BASON', due_on: '2025-12-31' }], ...x });
const commendation = (x = {}) => ({ level: 'giay_khen', issuing_body: 'Chủ tịch UBND xã', issuer_level: 'commune',
  date: '2025-03-03', reason: 'Thành tích', unit: 'MAUSON', recipients: [{ kind: 'individual', name: 'Ông A' }], ...x });
const review = (x = {}) => ({ date: '2025-12-20', result: 'tot', items: [{ commitment: KA, evaluation: 'done' }], ...x });

// Rows: name, method, path, body, status, code, field (when the error names one), who (default admin).
const CASES = [
  // Conferences.
  { name: 'negative attendees', method: 'POST', path: '/api/conferences', body: conference({ attendees: -5 }), status: 400, code: 'count_invalid', field: 'attendees' },
  { name: 'attendees not a whole number', method: 'POST', path: '/api/conferences', body: conference({ attendees: 12.5 }), status: 400, code: 'field_type', field: 'attendees' },
  { name: 'attendees as text', method: 'POST', path: '/api/conferences', body: conference({ attendees: '120' }), status: 400, code: 'field_type', field: 'attendees' },
  { name: 'an unknown document', method: 'POST', path: '/api/conferences', body: conference({ documents: ['0d000000-0000-4000-8000-00000000dead'] }), status: 400, code: 'document_unknown', field: 'documents' },
  { name: 'a document given by its number, not its id', method: 'POST', path: '/api/conferences', body: conference({ documents: ['05/KH-UBND'] }), status: 400, code: 'id_invalid', field: 'documents' },
  { name: 'a document of another commune', who: 'xa.mauson', method: 'POST', path: '/api/conferences', body: conference({ documents: [DOC_MAUSON, DOC_KHANGCHIEN] }), status: 403, code: 'document_out_of_scope', field: 'documents' },
  { name: 'a document twice', method: 'POST', path: '/api/conferences', body: conference({ documents: [DOC_MAUSON, DOC_MAUSON] }), status: 400, code: 'document_listed_twice', field: 'documents' },
  { name: 'a participant twice', method: 'POST', path: '/api/conferences', body: conference({ units: ['DBP-BASON', 'DBP-BASON'] }), status: 400, code: 'unit_listed_twice', field: 'units' },
  { name: 'an unknown participant', method: 'POST', path: '/api/conferences', body: conference({ units: ['NO-SUCH-UNIT'] }), status: 404, code: 'unit_not_found', field: 'units' },
  { name: 'a contribution without speaker or organization', method: 'POST', path: '/api/conferences', body: conference({ contributions: [{ organization: 'Công an xã', subject: 'An ninh' }, { subject: 'Tuần tra' }] }), status: 400, code: 'contribution_speaker', field: 'contributions' },
  { name: 'a contribution without subject', method: 'POST', path: '/api/conferences', body: conference({ contributions: [{ speaker: 'Ông A' }] }), status: 400, code: 'field_required', field: 'subject' },
  { name: 'an unknown conference kind', method: 'POST', path: '/api/conferences', body: conference({ kind: 'hop' }), status: 400, code: 'conference_kind_invalid', field: 'kind' },
  { name: 'a conference date written 15/11/2025', method: 'POST', path: '/api/conferences', body: conference({ date: '15/11/2025' }), status: 400, code: 'date_invalid', field: 'date' },
  { name: 'a conference on 2025-02-30', method: 'POST', path: '/api/conferences', body: conference({ date: '2025-02-30' }), status: 400, code: 'date_invalid', field: 'date' },
  { name: 'a conference hosted by another commune', who: 'xa.mauson', method: 'POST', path: '/api/conferences', body: conference({ unit: 'KHANGCHIEN' }), status: 403, code: 'out_of_scope' },
  { name: 'a conference by a viewer', who: 'xem.khangchien', method: 'POST', path: '/api/conferences', body: conference({ unit: 'KHANGCHIEN' }), status: 403, code: 'role_insufficient' },
  { name: 'an unknown field', method: 'POST', path: '/api/conferences', body: conference({ colour: 'đỏ' }), status: 400, code: 'field_unknown', field: 'colour' },
  { name: 'conferences from 2025-13-01', method: 'GET', path: '/api/conferences?from=2025-13-01', status: 400, code: 'date_invalid', field: 'from' },
  { name: 'conferences to before from', method: 'GET', path: '/api/conferences?from=2025-06-01&to=2025-01-01', status: 400, code: 'date_range' },
  { name: 'conferences of an unknown kind', method: 'GET', path: '/api/conferences?kind=hop', status: 400, code: 'conference_kind_invalid' },
  { name: 'conferences after a made-up cursor', method: 'GET', path: '/api/conferences?cursor=abc', status: 400, code: 'cursor_invalid' },
  { name: 'a conference that is not there', method: 'GET', path: '/api/conferences/0c000000-0000-4000-8000-000000000000', status: 404, code: 'conference_not_found' },

  // Agreements.
  { name: 'a commitment whose responsible unit is not a party', method: 'POST', path: '/api/agreements', body: agreement({ commitments: [{ text: 'Tuần tra', party: 'DBP-BASON' }, { text: 'Tuyên truyền', party: 'KHANGCHIEN' }] }), status: 400, code: 'commitment_party', field: 'commitments' },
  { name: 'a commitment due before the period', method: 'POST', path: '/api/agreements', body: agreement({ commitments: [{ text: 'Tuần tra', party: 'MAUSON', due_on: '2024-12-31' }] }), status: 400, code: 'commitment_due', field: 'commitments' },
  { name: 'a commitment due 31/12/2025', method: 'POST', path: '/api/agreements', body: agreement({ commitments: [{ text: 'Tuần tra', due_on: '31/12/2025' }] }), status: 400, code: 'date_invalid', field: 'due_on' },
  { name: 'a commitment of another agreement put in this one', method: 'PUT', path: `/api/agreements/${B}`, body: () => agreementB({ title: 'Đổi', commitments: [{ id: KA, text: 'Lấy của quy chế khác', party: 'KHANGCHIEN' }] }), status: 409, code: 'commitment_foreign' },
  { name: 'a period ending before it starts', method: 'POST', path: '/api/agreements', body: agreement({ period_to: '2024-12-31', commitments: [] }), status: 400, code: 'date_range', field: 'period_to' },
  { name: 'a signed agreement without its signing date', method: 'POST', path: '/api/agreements', body: agreement({ signed_on: null }), status: 400, code: 'agreement_signed_on', field: 'signed_on' },
  { name: 'a draft with a signing date', method: 'POST', path: '/api/agreements', body: agreement({ status: 'draft' }), status: 400, code: 'agreement_draft_signed', field: 'signed_on' },
  { name: 'signed in the future', method: 'POST', path: '/api/agreements', body: agreement({ signed_on: '2099-01-01', period_to: '2099-12-31' }), status: 400, code: 'date_future', field: 'signed_on' },
  { name: 'one party only', method: 'POST', path: '/api/agreements', body: agreement({ parties: ['DBP-BASON'], commitments: [] }), status: 400, code: 'list_too_short', field: 'parties' },
  { name: 'a party twice', method: 'POST', path: '/api/agreements', body: agreement({ parties: ['DBP-BASON', 'MAUSON', 'MAUSON'] }), status: 400, code: 'unit_listed_twice', field: 'parties' },
  { name: 'an unknown status', method: 'POST', path: '/api/agreements', body: agreement({ status: 'active' }), status: 400, code: 'agreement_status_invalid', field: 'status' },
  { name: 'a period from 2025-01-32', method: 'POST', path: '/api/agreements', body: agreement({ period_from: '2025-01-32' }), status: 400, code: 'date_invalid', field: 'period_from' },
  { name: 'a review evaluating a commitment of another agreement', method: 'POST', path: `/api/agreements/${A}/reviews`, body: review({ items: [{ commitment: KA, evaluation: 'done' }, { commitment: KB, evaluation: 'done' }] }), status: 400, code: 'review_commitment_foreign', field: 'items' },
  { name: 'a review dated before the signing', method: 'POST', path: `/api/agreements/${A}/reviews`, body: review({ date: '2025-01-19' }), status: 400, code: 'review_before_signing', field: 'date' },
  { name: 'a review dated 20/12/2025', method: 'POST', path: `/api/agreements/${A}/reviews`, body: review({ date: '20/12/2025' }), status: 400, code: 'date_invalid', field: 'date' },
  { name: 'a review in the future', method: 'POST', path: `/api/agreements/${A}/reviews`, body: review({ date: '2099-01-01' }), status: 400, code: 'date_future', field: 'date' },
  { name: 'a review of a draft', method: 'POST', path: `/api/agreements/${D}/reviews`, body: review(), status: 409, code: 'agreement_not_signed' },
  { name: 'a commitment evaluated twice', method: 'POST', path: `/api/agreements/${A}/reviews`, body: review({ items: [{ commitment: KA, evaluation: 'done' }, { commitment: KA, evaluation: 'partly' }] }), status: 400, code: 'review_commitment_twice', field: 'items' },
  { name: 'an evaluation that is not one', method: 'POST', path: `/api/agreements/${A}/reviews`, body: review({ items: [{ commitment: KA, evaluation: 'good' }] }), status: 400, code: 'evaluation_invalid', field: 'evaluation' },
  { name: 'an overall result that is not one', method: 'POST', path: `/api/agreements/${A}/reviews`, body: review({ result: 'xuat_sac' }), status: 400, code: 'review_result_invalid', field: 'result' },
  { name: 'a review by a party that does not keep it', who: 'xa.mauson', method: 'POST', path: `/api/agreements/${A}/reviews`, body: review(), status: 403, code: 'out_of_scope' },
  { name: 'a review of another commune\'s agreement', who: 'xa.mauson', method: 'POST', path: `/api/agreements/${B}/reviews`, body: review(), status: 403, code: 'out_of_scope' },
  { name: 'a renewal of a draft', method: 'POST', path: `/api/agreements/${D}/renew`, body: {}, status: 409, code: 'agreement_not_signed' },
  { name: 'a renewal with an unknown field', method: 'POST', path: `/api/agreements/${A}/renew`, body: { year: 2026 }, status: 400, code: 'field_unknown', field: 'year' },
  { name: 'deleting a signed agreement', method: 'DELETE', path: `/api/agreements/${A}`, status: 409, code: 'agreement_not_draft' },
  { name: 'agreements of an unknown status', method: 'GET', path: '/api/agreements?status=active', status: 400, code: 'agreement_status_invalid' },

  // Commendations.
  { name: 'a bằng khen from a commune', method: 'POST', path: '/api/commendations', body: commendation({ level: 'bang_khen' }), status: 400, code: 'commendation_issuer', field: 'issuer_level' },
  { name: 'a huân chương from a province', method: 'POST', path: '/api/commendations', body: commendation({ level: 'huan_chuong', issuer_level: 'province' }), status: 400, code: 'commendation_issuer', field: 'issuer_level' },
  { name: 'no recipients', method: 'POST', path: '/api/commendations', body: commendation({ recipients: [] }), status: 400, code: 'list_too_short', field: 'recipients' },
  { name: 'a recipient of an unknown kind', method: 'POST', path: '/api/commendations', body: commendation({ recipients: [{ kind: 'family', name: 'Hộ ông A' }] }), status: 400, code: 'recipient_kind_invalid', field: 'kind' },
  { name: 'a commendation dated 26/02/2024', method: 'POST', path: '/api/commendations', body: commendation({ date: '26/02/2024' }), status: 400, code: 'date_invalid', field: 'date' },
  { name: 'a programme period ending before it starts', method: 'POST', path: '/api/commendations', body: commendation({ period_from: '2024-03-03', period_to: '2019-03-03' }), status: 400, code: 'date_range', field: 'period_to' },
  { name: 'an unknown level', method: 'POST', path: '/api/commendations', body: commendation({ level: 'ky_niem_chuong_x' }), status: 400, code: 'commendation_level_invalid', field: 'level' },
  { name: 'an unknown issuer level', method: 'POST', path: '/api/commendations', body: commendation({ issuer_level: 'village' }), status: 400, code: 'issuer_level_invalid', field: 'issuer_level' },
  { name: 'commendations of an unknown level', method: 'GET', path: '/api/commendations?level=x', status: 400, code: 'commendation_level_invalid' },
];

let stateB;
const agreementB = (x) => ({ ...stateB, ...x });

async function snapshot() {
  const T = { token: tok.admin };
  const lists = await Promise.all(['conferences', 'agreements', 'commendations'].map((r) => s.api('GET', `/api/${r}?limit=1000`, T)));
  const full = [];
  for (const l of lists) {
    assert.equal(l.status, 200, l.text);
    // Each record whole: a child row half-written would show here.
    for (const x of l.body.items) {
      const kind = 'signed_on' in x ? 'agreements' : 'level' in x ? 'commendations' : 'conferences';
      const r = await s.api('GET', `/api/${kind}/${x.id}`, T);
      full.push(r.text);
    }
  }
  const a = await s.api('GET', '/api/audit?limit=1000', T);
  return { records: full.join('\n'), audit: a.body.items.length };
}

before(async () => {
  s = await startServer();
  for (const u of ['admin', 'xa.mauson', 'xa.khangchien', 'xem.khangchien']) tok[u] = await s.login(u);
  const T = { token: tok.admin };
  // Each commune registers its plan through the documents API, as its clerk does.
  for (const [who, body] of [
    ['xa.khangchien', { id: DOC_KHANGCHIEN, number_symbol: '05/KH-UBND', issued_on: '2025-10-28', issuing_body: 'UBND xã Kháng Chiến', title: 'Kế hoạch 05', unit: 'KHANGCHIEN' }],
    ['xa.mauson', { id: DOC_MAUSON, number_symbol: '07/KH-UBND', issued_on: '2025-11-01', issuing_body: 'UBND xã Mẫu Sơn', title: 'Kế hoạch 07', unit: 'MAUSON' }],
  ]) {
    const r = await s.api('POST', '/api/documents', { token: tok[who], body });
    assert.equal(r.status, 201, r.text);
  }
  const put = async (id, body) => {
    const r = await s.api('PUT', `/api/agreements/${id}`, { ...T, body });
    assert.equal(r.status, 201, r.text);
    return r.body;
  };
  await put(A, agreement({ commitments: [{ id: KA, text: 'Tuần tra', party: 'DBP-BASON', due_on: '2025-12-31' }] }));
  stateB = agreement({ unit: 'DBP-BINHNGHI', parties: ['DBP-BINHNGHI', 'KHANGCHIEN'], commitments: [{ id: KB, text: 'Tuần tra', party: 'DBP-BINHNGHI' }] });
  await put(B, stateB);
  await put(D, agreement({ status: 'draft', signed_on: null }));
});

after(async () => { await s?.stop(); });

for (const c of CASES) {
  test(`${c.name}: ${c.status} ${c.code}`, async () => {
    const body = typeof c.body === 'function' ? c.body() : c.body;
    const before = await snapshot();
    const r = await s.api(c.method, c.path, { token: tok[c.who ?? 'admin'], body });
    assert.equal(r.status, c.status, r.text.slice(0, 300));
    const e = r.body?.error;
    assert.ok(e, `no error object: ${r.text.slice(0, 200)}`);
    assert.equal(e.code, c.code, r.text.slice(0, 300));
    assert.ok(e.message_vi.trim() && e.message_en.trim(), 'empty message');
    assert.notEqual(e.message_vi, e.message_en);
    assert.ok(!e.message_vi.includes('%s') && !e.message_en.includes('%s'));
    if (c.field) assert.equal(e.field, c.field);
    const after = await snapshot();
    assert.equal(after.audit, before.audit, 'the audit log grew');
    assert.equal(after.records, before.records, 'a record changed');
  });
}

test('renew twice: the second answers the draft made by the first, another id is refused, one draft in all', async () => {
  const T = { token: tok.admin };
  const first = await s.api('POST', `/api/agreements/${A}/renew`, T);
  assert.equal(first.status, 201, first.text);
  const before = await snapshot();
  const second = await s.api('POST', `/api/agreements/${A}/renew`, T);
  assert.equal(second.status, 200, second.text);
  assert.equal(second.body.id, first.body.id);
  const other = await s.api('POST', `/api/agreements/${A}/renew`, { ...T, body: { id: crypto.randomUUID() } });
  assert.equal(other.status, 409, other.text);
  assert.equal(other.body.error.code, 'agreement_renewed');
  assert.ok(other.body.error.message_en.includes(first.body.id));
  // Two at once make one draft too.
  const both = await Promise.all([1, 2].map(() => s.api('POST', `/api/agreements/${A}/renew`, T)));
  for (const r of both) assert.equal(r.body.id, first.body.id, r.text);
  assert.deepEqual(await snapshot(), before);
  const drafts = await s.api('GET', '/api/agreements?status=draft&limit=1000', T);
  assert.equal(drafts.body.items.filter((a) => a.renewed_from === A).length, 1);
});

test('a failed replace leaves the agreement as it was (the title changed in the same request stays)', async () => {
  const T = { token: tok.admin };
  const r = await s.api('POST', `/api/agreements/${B}/reviews`, { ...T, body: review({ items: [{ commitment: KB, evaluation: 'done' }] }) });
  assert.equal(r.status, 201, r.text);
  const before = await snapshot();
  // Dropping the reviewed commitment while renaming: the rename is undone too.
  const put = await s.api('PUT', `/api/agreements/${B}`, { ...T, body: agreementB({ title: 'Tên mới', commitments: [] }) });
  assert.equal(put.status, 409, put.text);
  assert.equal(put.body.error.code, 'commitment_reviewed');
  // Moving the signing date after the review: refused the same way.
  const late = await s.api('PUT', `/api/agreements/${B}`, { ...T, body: agreementB({ title: 'Tên mới', signed_on: '2025-12-25' }) });
  assert.equal(late.status, 400, late.text);
  assert.equal(late.body.error.code, 'review_before_signing');
  assert.deepEqual(await snapshot(), before);
});
