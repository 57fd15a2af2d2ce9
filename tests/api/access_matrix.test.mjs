// access_matrix.test.mjs - every route × every role × (own subtree, other
// subtree), against the real server.
//
// DESIGN.md promises that a user sees and changes only the subtree of their
// unit and that "the tests prove it for every resource". This file is that
// proof. It reads the route table from `bienphong routes` at run time, so a
// route added to src/http/routes.c without a row here fails the first test.
//
// The actors are four users at the commune MAUSON (viewer, editor,
// unit_admin, admin), so that "own subtree" is MAUSON and what stands under
// it, and "other subtree" is the neighbouring commune KHANGCHIEN. Every
// write that the matrix expects to be refused has a twin fixture on the
// other side that WOULD succeed if the access check were missing (an agency
// under KHANGCHIEN mirroring one under MAUSON), so a 403 there proves the
// scope check and not some unrelated rule. Fixture codes start with "M-"
// (own side) or "K-" (other side).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli } from '../lib/server.mjs';
import { multipart } from '../lib/multipart.mjs';

const ROLES = ['viewer', 'editor', 'unit_admin', 'admin'];
const SHORT = { viewer: 'V', editor: 'E', unit_admin: 'UA', admin: 'AD', none: 'NO' };
const USERNAME = { viewer: 'm.viewer', editor: 'm.editor', unit_admin: 'm.unitadmin', admin: 'm.admin' };
const PASSWORD = 'bienphong';

// Fixture families created on both sides for every role: an agency to
// move, split, dissolve, merge, and one to move across to the other side.
const FAMILIES = ['MV', 'MVX', 'MVK', 'SP', 'DS', 'MG', 'MGX'];

let s;
let adminToken;
const tok = {};               // role -> token of the MAUSON user
const tokPost = {};           // role -> token of the DBP-BASON user (rows with actor: 'post')
const POST_USERNAME = { viewer: 'b.viewer', editor: 'b.editor', unit_admin: 'b.unitadmin', admin: 'b.admin' };
const id = {};                // code or username -> uuid
const forbidden = new Map();  // uuid -> code: everything of the other side
const names = new Map();      // uuid -> name, for the units among them
const ownCodes = new Set();   // codes the MAUSON users may see

// The code of the fixture agency of a family for the acting role and side.
function fx(family, role, side) {
  return `${side === 'own' ? 'M' : 'K'}-${family}-${SHORT[role]}`;
}

// The audit log's size, read from the database: the API's audit list
// carries every before/after image and grows with each row of the matrix.
// One sqlite3 or psql process answers every count (a process, and on
// PostgreSQL a backend, for each count took most of the matrix's time).
let sql;
async function auditCount() {
  return Number(await sql.query('SELECT count(*) FROM audit_log'));
}

// The matrix. Each row: the route it covers ("METHOD pattern", exactly as
// `bienphong routes` prints it), a request builder per side, and the
// expected status per role and side. `sides` lists the sides that apply;
// routes without a target unit or user only have 'own'. `list: true`
// marks a read whose response must carry no data of the other side.
const J = 'application/json';
const CASES = [
  {
    route: 'GET /api/health', public: true, sides: ['own'],
    req: () => ({ path: '/api/health' }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200, none: 200 } },
  },
  {
    // An incomplete login body: proves the route needs no session (400,
    // not 401) without spending an argon2 verification or a throttle slot.
    route: 'POST /api/login', public: true, sides: ['own'],
    req: () => ({ path: '/api/login', body: { username: 'admin' } }),
    expect: { own: { viewer: 400, editor: 400, unit_admin: 400, admin: 400, none: 400 } },
  },
  {
    route: 'GET /api/me', sides: ['own'],
    req: () => ({ path: '/api/me' }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 } },
  },
  {
    route: 'GET /api/units', list: true,
    // A search that finds a village of ours, and one for the other commune
    // (which the province admin would find) that must find nothing.
    req: (role, side) => ({ path: `/api/units?include_retired=1&q=${side === 'own' ? 'khonpo' : 'KHANGCHIEN'}` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 } },
    check: (r, role, side) => {
      if (side === 'other') assert.deepEqual(r.body.items, [], 'a search for the other commune found something');
      else assert.deepEqual(r.body.items.map((u) => u.code), ['MAUSON-KHONPO']);
    },
  },
  {
    route: 'POST /api/units',
    req: (role, side) => ({ path: '/api/units', body: { code: `${side === 'own' ? 'M' : 'K'}-NEW-${SHORT[role]}`, kind: 'agency', name: 'Tổ công tác', parent: side === 'own' ? 'MAUSON' : 'KHANGCHIEN' } }),
    expect: { own: { viewer: 403, editor: 403, unit_admin: 201, admin: 201 }, other: 403 },
  },
  {
    // A unit of our own put under the other commune: the parent is out of scope.
    route: 'POST /api/units', label: 'own unit under other parent', sides: ['own'],
    req: (role) => ({ path: '/api/units', body: { code: `M-NEWX-${SHORT[role]}`, kind: 'agency', name: 'Tổ', parent: 'KHANGCHIEN' } }),
    expect: { own: 403 },
  },
  {
    route: 'GET /api/units/tree', list: true,
    req: (role, side) => ({ path: `/api/units/tree?root=${side === 'own' ? 'MAUSON' : 'KHANGCHIEN'}` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    route: 'POST /api/units/merge',
    req: (role, side) => ({ path: '/api/units/merge', body: { sources: [fx('MG', role, side)], target: side === 'own' ? 'M-HUB' : 'K-HUB', date: '2026-03-01' } }),
    expect: { own: { viewer: 403, editor: 403, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    // Our unit merged into a unit of the other side.
    route: 'POST /api/units/merge', label: 'own source, other target', sides: ['own'],
    req: (role) => ({ path: '/api/units/merge', body: { sources: [fx('MGX', role, 'own')], target: 'K-HUB', date: '2026-03-01' } }),
    expect: { own: 403 },
  },
  {
    route: 'GET /api/units/:id',
    req: (role, side) => ({ path: `/api/units/${side === 'own' ? 'MAUSON' : 'KHANGCHIEN'}` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    // The same by UUID, and for a village and a unit retired into the commune.
    route: 'GET /api/units/:id', label: 'by uuid, village, retired',
    req: (role, side) => ({ path: `/api/units/${id[side === 'own' ? 'YENKHOAI-NAMUC' : 'TD-QUOCKHANH']}` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    route: 'PUT /api/units/:id',
    req: (role, side) => ({ path: `/api/units/${uuidFor(`put-${side}-${role}`)}`, body: { code: `${side === 'own' ? 'M' : 'K'}-PUT-${SHORT[role]}`, kind: 'agency', name: 'Tổ PUT', parent: side === 'own' ? 'MAUSON' : 'KHANGCHIEN' } }),
    expect: { own: { viewer: 403, editor: 403, unit_admin: 201, admin: 201 }, other: 403 },
  },
  {
    // PUT on the id of an existing unit: a rename of one's own (unit_admin
    // and up) versus a rename of the other side's hub, which must not
    // happen nor confirm what is stored.
    route: 'PUT /api/units/:id', label: 'existing id',
    req: (role, side) => ({ path: `/api/units/${id[side === 'own' ? 'M-HUB' : 'K-HUB']}`, body: { code: side === 'own' ? 'M-HUB' : 'K-HUB', kind: 'agency', name: `Đổi tên bởi ${role}`, parent: side === 'own' ? 'MAUSON' : 'KHANGCHIEN' } }),
    expect: { own: { viewer: 403, editor: 403, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    route: 'POST /api/units/:id/move',
    req: (role, side) => ({ path: `/api/units/${fx('MV', role, side)}/move`, body: { parent: side === 'own' ? 'M-HUB' : 'K-HUB', date: '2026-01-01' } }),
    expect: { own: { viewer: 403, editor: 403, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    route: 'POST /api/units/:id/move', label: 'own unit to other parent', sides: ['own'],
    req: (role) => ({ path: `/api/units/${fx('MVX', role, 'own')}/move`, body: { parent: 'K-HUB', date: '2026-01-01' } }),
    expect: { own: 403 },
  },
  {
    // An agency cannot stand under a village: a rule error (400
    // unit_parent_kind) here would tell the caller the kind of a unit
    // outside their scope, so the scope must be checked first.
    route: 'POST /api/units/:id/move', label: 'own unit under other village', sides: ['own'],
    req: (role) => ({ path: `/api/units/${fx('MVK', role, 'own')}/move`, body: { parent: 'DAOVIEN-POMA', date: '2026-01-01' } }),
    expect: { own: 403 },
  },
  {
    route: 'POST /api/units/:id/split',
    req: (role, side) => {
      const p = side === 'own' ? 'M' : 'K';
      const parent = side === 'own' ? 'MAUSON' : 'KHANGCHIEN';
      return { path: `/api/units/${fx('SP', role, side)}/split`, body: { date: '2026-02-01', targets: [
        { code: `${p}-SPA-${SHORT[role]}`, kind: 'agency', name: 'Tổ A', parent },
        { code: `${p}-SPB-${SHORT[role]}`, kind: 'agency', name: 'Tổ B', parent }] } };
    },
    expect: { own: { viewer: 403, editor: 403, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    route: 'POST /api/units/:id/dissolve',
    req: (role, side) => ({ path: `/api/units/${fx('DS', role, side)}/dissolve`, body: { date: '2026-02-01' } }),
    expect: { own: { viewer: 403, editor: 403, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    route: 'GET /api/units/:id/subtree',
    req: (role, side) => ({ path: `/api/units/${side === 'own' ? 'MAUSON' : 'KHANGCHIEN'}/subtree` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    route: 'GET /api/units/:id/predecessors',
    req: (role, side) => ({ path: `/api/units/${side === 'own' ? 'MAUSON' : 'KHANGCHIEN'}/predecessors` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    route: 'GET /api/units/:id/communes',
    req: (role, side) => ({ path: `/api/units/${side === 'own' ? 'MAUSON' : 'DBP-BINHNGHI'}/communes` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    // No border post stands in a commune's subtree, so a commune user can
    // never link one; the own side uses an agency of MAUSON as the "post":
    // once the role allows managing it, the kind rule answers (400). The
    // other side names KHANGCHIEN (a commune, not a post): the answer must
    // be 403, not a 400 that describes a unit outside the scope.
    route: 'POST /api/units/:id/communes',
    req: (role, side) => ({ path: `/api/units/${side === 'own' ? 'M-HUB' : 'KHANGCHIEN'}/communes`, body: { commune: 'MAUSON', valid_from: '2026-01-01' } }),
    expect: { own: { viewer: 403, editor: 403, unit_admin: 400, admin: 400 }, other: 403 },
  },
  {
    // A real post of the other side with our commune: would widen its scope.
    route: 'POST /api/units/:id/communes', label: 'other post, own commune', sides: ['own'],
    req: () => ({ path: '/api/units/DBP-BINHNGHI/communes', body: { commune: 'MAUSON', valid_from: '2026-01-01' } }),
    expect: { own: 403 },
  },
  {
    route: 'GET /api/users', list: true,
    req: (role, side) => ({ path: side === 'own' ? '/api/users' : '/api/users?cursor=a' }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 } },
    check: (r, role) => {
      const names = r.body.items.map((u) => u.username);
      // Viewers and editors see themselves only; admins their unit's users.
      if (role === 'viewer' || role === 'editor') assert.deepEqual(names, [USERNAME[role]]);
      else assert.ok(names.includes('xa.mauson') && names.includes('m.target'), names.join());
    },
  },
  {
    route: 'POST /api/users',
    req: (role, side) => ({ path: '/api/users', body: { username: `${side === 'own' ? 'm' : 'k'}.new.${SHORT[role].toLowerCase()}`, password: PASSWORD, unit: side === 'own' ? 'MAUSON' : 'KHANGCHIEN', role: 'viewer' } }),
    expect: { own: { viewer: 403, editor: 403, unit_admin: 201, admin: 201 }, other: 403 },
  },
  {
    // Nobody grants a role above their own.
    route: 'POST /api/users', label: 'grant admin', sides: ['own'],
    req: (role) => ({ path: '/api/users', body: { username: `m.boss.${SHORT[role].toLowerCase()}`, password: PASSWORD, unit: 'MAUSON', role: 'admin' } }),
    expect: { own: { viewer: 403, editor: 403, unit_admin: 403, admin: 201 } },
  },
  {
    route: 'GET /api/users/:id',
    // Below unit admin, other users are "not found", as if they did not exist.
    req: (role, side) => ({ path: `/api/users/${side === 'own' ? 'm.target' : 'xa.khangchien'}` }),
    expect: { own: { viewer: 404, editor: 404, unit_admin: 200, admin: 200 }, other: 404 },
  },
  {
    route: 'GET /api/users/:id', label: 'self, by uuid', sides: ['own'],
    req: (role) => ({ path: `/api/users/${id[USERNAME[role]]}` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 } },
  },
  {
    route: 'PUT /api/users/:id',
    req: (role, side) => ({ path: `/api/users/${uuidFor(`user-${side}-${role}`)}`, body: { username: `${side === 'own' ? 'm' : 'k'}.put.${SHORT[role].toLowerCase()}`, password: PASSWORD, unit: side === 'own' ? 'MAUSON' : 'KHANGCHIEN', role: 'viewer' } }),
    expect: { own: { viewer: 403, editor: 403, unit_admin: 201, admin: 201 }, other: 403 },
  },
  {
    // A replay of the create of a user of the other side: answering 200
    // would hand out the stored record.
    route: 'PUT /api/users/:id', label: 'replay of other user', sides: ['other'],
    req: () => ({ path: `/api/users/${id['xa.khangchien']}`, body: { username: 'xa.khangchien', password: PASSWORD, unit: 'KHANGCHIEN', role: 'editor' } }),
    expect: { other: 403 },
  },
  {
    route: 'PATCH /api/users/:id',
    req: (role, side) => ({ path: `/api/users/${side === 'own' ? 'm.target' : 'xa.khangchien'}`, body: { display_name: `sửa bởi ${role}` } }),
    expect: { own: { viewer: 404, editor: 404, unit_admin: 200, admin: 200 }, other: 404 },
  },
  {
    // Moving one of our users into the other commune hands them over.
    route: 'PATCH /api/users/:id', label: 'own user into other unit', sides: ['own'],
    req: () => ({ path: '/api/users/m.target', body: { unit: 'KHANGCHIEN' } }),
    expect: { own: { viewer: 404, editor: 404, unit_admin: 403, admin: 403 } },
  },
  {
    // Nobody grants a role above their own, by a change either.
    route: 'PATCH /api/users/:id', label: 'promote to admin', sides: ['own'],
    req: () => ({ path: '/api/users/m.promote', body: { role: 'admin' } }),
    expect: { own: { viewer: 404, editor: 404, unit_admin: 403, admin: 200 } },
  },
  {
    // Nor changes their own role, even an admin.
    route: 'PATCH /api/users/:id', label: 'own role', sides: ['own'],
    req: (role) => ({ path: `/api/users/${USERNAME[role]}`, body: { role: role === 'admin' ? 'unit_admin' : 'admin' } }),
    expect: { own: 403 },
  },
  {
    route: 'POST /api/users/:id/password',
    req: (role, side) => ({ path: `/api/users/${side === 'own' ? 'm.target' : 'xa.khangchien'}/password`, body: { password: 'mat-khau-moi-1' } }),
    expect: { own: { viewer: 404, editor: 404, unit_admin: 204, admin: 204 }, other: 404 },
  },
  {
    route: 'GET /api/audit', list: true,
    req: (role, side) => ({ path: side === 'own' ? '/api/audit?limit=1000' : `/api/audit?limit=1000&entity_id=${id.KHANGCHIEN}` }),
    expect: { own: { viewer: 403, editor: 403, unit_admin: 200, admin: 200 }, other: { viewer: 403, editor: 403, unit_admin: 200, admin: 200 } },
    check: (r, role, side) => {
      if (side === 'other') assert.deepEqual(r.body.items, [], 'audit rows of the other commune');
      else assert.ok(r.body.items.some((a) => a.entity_id === id['m.target']), 'own audit rows missing');
    },
  },
  {
    // A one-road GeoJSON file, the road maintained by our commune or by
    // the other one: an editor and up import into their own subtree, a
    // viewer nowhere, and nobody into the other commune (403 with the
    // problem listed, nothing stored). The body is sent as JSON, which the
    // route takes with ?format=geojson.
    route: 'POST /api/import/:layer',
    req: (role, side) => ({ path: '/api/import/roads?format=geojson', body: roadFile(uuidFor(`imp-${side}-${role}`), side === 'own' ? 'MAUSON' : 'KHANGCHIEN') }),
    expect: { own: { viewer: 403, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    // The export of our scope, and of the other commune named as --unit.
    route: 'GET /api/export/:layer', list: true,
    req: (role, side) => ({ path: `/api/export/roads?format=geojson${side === 'other' ? '&unit=KHANGCHIEN' : ''}` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
    check: (r) => {
      assert.equal(r.body.type, 'FeatureCollection');
      // Its own roads, and those of the posts that answer for it (the area).
      for (const f of r.body.features) assert.ok(['MAUSON', 'DBP-BASON', 'DBP-CHIMA'].includes(f.properties.unit), f.properties.unit);
      assert.ok(r.body.features.some((f) => f.properties.unit === 'MAUSON'), 'own roads missing');
    },
  },
  // The border registry. Markers and segments belong to a border post,
  // which no commune's scope holds (a post sees its communes, not the
  // reverse), so these rows act as four users of Đồn Biên phòng Ba Sơn
  // (actor: 'post'), the post of MAUSON's stretch; the other side is
  // Đồn Biên phòng Bình Nghi, the post of KHANGCHIEN. Each side has a
  // marker, a segment, a gate and a road made by the province admin
  // ("M-..." and "K-..." in reg), and the other side's are forbidden.
  ...['markers', 'segments', 'gates', 'roads'].flatMap((layer) => [
    {
      route: `GET /api/${layer}`, actor: 'post', list: true,
      // Our stretch; the other post's named, or its box.
      req: (role, side) => ({ path: side === 'own' ? `/api/${layer}?limit=1000` : `/api/${layer}?limit=1000&bbox=${OTHER_BOX}` }),
      expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 } },
      check: (r, role, side) => {
        // Ba Sơn's scope: the post and the communes it serves (MAUSON's roads).
        for (const x of r.body.items) assert.ok(!OTHER_UNITS.includes((x.post ?? x.unit).code), (x.post ?? x.unit).code);
        if (side === 'own') assert.ok(r.body.items.some((x) => x.id === reg[`M-${layer}`]), `own ${layer} missing`);
      },
    },
    {
      route: `GET /api/${layer}`, label: 'other post named', actor: 'post', sides: ['other'],
      req: () => ({ path: `/api/${layer}?unit=DBP-BINHNGHI` }),
      expect: { other: 403 },
    },
    {
      route: `POST /api/${layer}`, actor: 'post',
      req: (role, side) => ({ path: `/api/${layer}`, body: regBody(layer, side, `new-${role}`) }),
      expect: { own: { viewer: 403, editor: 201, unit_admin: 201, admin: 201 }, other: 403 },
    },
    {
      route: `GET /api/${layer}/:id`, actor: 'post',
      req: (role, side) => ({ path: `/api/${layer}/${reg[`${side === 'own' ? 'M' : 'K'}-${layer}`]}` }),
      expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
    },
    {
      route: `PUT /api/${layer}/:id`, actor: 'post',
      req: (role, side) => ({ path: `/api/${layer}/${uuidFor(`${layer}-put-${side}-${role}`)}`, body: regBody(layer, side, `put-${role}`) }),
      expect: { own: { viewer: 403, editor: 201, unit_admin: 201, admin: 201 }, other: 403 },
    },
    {
      // The other post's record, PUT as if it were ours: neither changed nor confirmed.
      route: `PUT /api/${layer}/:id`, label: 'other record moved to our post', actor: 'post', sides: ['other'],
      req: () => ({ path: `/api/${layer}/${reg[`K-${layer}`]}`, body: regBody(layer, 'own', 'steal') }),
      expect: { other: 403 },
    },
    {
      route: `PATCH /api/${layer}/:id`, actor: 'post',
      req: (role, side) => ({ path: `/api/${layer}/${reg[`${side === 'own' ? 'M' : 'K'}-${layer}`]}`, body: { notes: `sửa bởi ${role}` } }),
      expect: { own: { viewer: 403, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
    },
    {
      // Handing our record to the other post gives it away.
      route: `PATCH /api/${layer}/:id`, label: 'own record to other post', actor: 'post', sides: ['own'],
      req: () => ({ path: `/api/${layer}/${reg[`M-${layer}`]}`, body: { [layer === 'gates' || layer === 'roads' ? 'unit' : 'post']: 'DBP-BINHNGHI' } }),
      expect: { own: 403 },
    },
    {
      // One record a role and side, made for it (regDel).
      route: `DELETE /api/${layer}/:id`, actor: 'post',
      req: (role, side) => ({ path: `/api/${layer}/${reg[`${side === 'own' ? 'M' : 'K'}-del-${layer}-${role}`]}` }),
      expect: { own: { viewer: 403, editor: 204, unit_admin: 204, admin: 204 }, other: 403 },
    },
  ]),
  {
    // A marker that a segment ends at stays, whoever asks.
    route: 'DELETE /api/markers/:id', label: 'a marker a segment ends at', actor: 'post', sides: ['own'],
    req: () => ({ path: `/api/markers/${reg['M-from']}` }),
    expect: { own: { viewer: 403, editor: 409, unit_admin: 409, admin: 409 } },
  },
  {
    // A commune reads its posts' markers and segments, and deletes none.
    route: 'DELETE /api/markers/:id', label: 'a commune deletes no marker', sides: ['own'],
    req: () => ({ path: `/api/markers/${reg['M-markers']}` }),
    expect: { own: 403 },
  },
  {
    route: 'DELETE /api/segments/:id', label: 'a commune deletes no segment', sides: ['own'],
    req: () => ({ path: `/api/segments/${reg['M-segments']}` }),
    expect: { own: 403 },
  },
  {
    // A commune reads the markers of the posts that answer for it (Ba Sơn
    // and Chi Ma for MAUSON), as the MAUSON users here, and not those of
    // the other commune's post.
    route: 'GET /api/markers', label: 'a commune reads its posts\' stretch', list: true,
    req: (role, side) => ({ path: side === 'own' ? '/api/markers?limit=1000' : '/api/markers?unit=DBP-BINHNGHI' }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
    check: (r) => {
      for (const m of r.body.items) assert.ok(['DBP-BASON', 'DBP-CHIMA'].includes(m.post.code), m.post.code);
      assert.ok(r.body.items.some((m) => m.id === reg['M-markers']), 'the own post\'s marker missing');
    },
  },
  // The same for the other layers: the segments, gates and roads of its
  // posts, besides what its own units are responsible for.
  ...['segments', 'gates', 'roads'].map((layer) => ({
    route: `GET /api/${layer}`, label: 'a commune reads its posts\' stretch', list: true,
    req: (role, side) => ({ path: side === 'own' ? `/api/${layer}?limit=1000` : `/api/${layer}?unit=DBP-BINHNGHI` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
    check: (r) => {
      for (const x of r.body.items) {
        const code = (x.post ?? x.unit).code;
        assert.ok(['DBP-BASON', 'DBP-CHIMA'].includes(code) || ownCodes.has(code) || code.startsWith('M-'), code);
      }
      assert.ok(r.body.items.some((x) => x.id === reg[`M-${layer}`]), `the own post's ${layer} missing`);
    },
  })),
  ...['gates', 'roads'].map((layer) => ({
    route: `GET /api/${layer}/:id`, label: 'a commune reads its post\'s record, not the other post\'s',
    req: (role, side) => ({ path: `/api/${layer}/${reg[`${side === 'own' ? 'M' : 'K'}-${layer}`]}` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
  })),
  {
    // ... but writes none of it.
    route: 'PATCH /api/roads/:id', label: 'a commune writes no road of its post', sides: ['own'],
    req: () => ({ path: `/api/roads/${reg['M-roads']}`, body: { notes: 'sửa bởi xã' } }),
    expect: { own: 403 },
  },
  {
    // ... but writes none of it.
    route: 'PATCH /api/markers/:id', label: 'a commune writes no marker', sides: ['own'],
    req: () => ({ path: `/api/markers/${reg['M-markers']}`, body: { notes: 'sửa bởi xã' } }),
    expect: { own: 403 },
  },
  {
    route: 'POST /api/markers/:id/condition', actor: 'post',
    req: (role, side) => ({ path: `/api/markers/${reg[`${side === 'own' ? 'M' : 'K'}-markers`]}/condition`, body: { condition: 'damaged', note: `ghi bởi ${role}` } }),
    expect: { own: { viewer: 403, editor: 201, unit_admin: 201, admin: 201 }, other: 403 },
  },
  {
    route: 'GET /api/map', actor: 'post', list: true,
    req: (role, side) => ({ path: `/api/map?bbox=${side === 'own' ? OWN_BOX : OTHER_BOX}` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 } },
    check: (r, role, side) => {
      assert.equal(r.body.type, 'FeatureCollection');
      for (const f of r.body.features) assert.ok(!OTHER_UNITS.includes((f.properties.post ?? f.properties.unit).code));
      if (side === 'own') assert.ok(r.body.features.some((f) => f.id === reg['M-markers']), 'own marker missing from the map');
    },
  },
  // People's participation: the catalog (read by all, written by an
  // admin) and activities, recorded under the units of 2023 (LB-MAUSON
  // is ours, merged into MAUSON; TD-QUOCKHANH the other side's, merged
  // into KHANGCHIEN). Fixtures "M-act", "K-act" and one to delete per
  // role and side are made by the province admin (act).
  {
    route: 'GET /api/indicators', sides: ['own'],
    req: () => ({ path: '/api/indicators?retired=1' }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 } },
  },
  {
    route: 'POST /api/indicators', sides: ['own'],
    req: (role) => ({ path: '/api/indicators', body: { code: `m_${SHORT[role].toLowerCase()}`, name_vi: 'Chỉ tiêu thử', name_en: 'Test', unit_vi: 'cái', unit_en: 'pieces', value_type: 'integer' } }),
    expect: { own: { viewer: 403, editor: 403, unit_admin: 403, admin: 201 } },
  },
  {
    route: 'PATCH /api/indicators/:code', sides: ['own'],
    req: (role) => ({ path: '/api/indicators/tin', body: { name_en: `Tip-offs (${role})` } }),
    expect: { own: { viewer: 403, editor: 403, unit_admin: 403, admin: 200 } },
  },
  {
    route: 'GET /api/activity-types', sides: ['own'],
    req: () => ({ path: '/api/activity-types' }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 } },
  },
  {
    route: 'POST /api/activity-types', sides: ['own'],
    req: (role) => ({ path: '/api/activity-types', body: { code: `mt_${SHORT[role].toLowerCase()}`, name_vi: 'Loại thử', name_en: 'Test', category: 'model', indicators: [{ code: 'ho' }] } }),
    expect: { own: { viewer: 403, editor: 403, unit_admin: 403, admin: 201 } },
  },
  {
    route: 'GET /api/activity-types/:code', sides: ['own'],
    req: () => ({ path: '/api/activity-types/tuyen_truyen' }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 } },
  },
  {
    route: 'PATCH /api/activity-types/:code', sides: ['own'],
    req: (role) => ({ path: '/api/activity-types/tin_bao', body: { name_en: `Tip-offs (${role})` } }),
    expect: { own: { viewer: 403, editor: 403, unit_admin: 403, admin: 200 } },
  },
  {
    route: 'GET /api/activities', list: true,
    req: (role, side) => ({ path: side === 'own' ? '/api/activities?limit=1000' : '/api/activities?unit=KHANGCHIEN' }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
    check: (r) => assert.ok(r.body.items.some((a) => a.id === act['M-act']), 'own activity missing'),
  },
  {
    route: 'POST /api/activities',
    req: (role, side) => ({ path: '/api/activities', body: actBody(side, `new ${role}`) }),
    expect: { own: { viewer: 403, editor: 201, unit_admin: 201, admin: 201 }, other: 403 },
  },
  {
    route: 'GET /api/activities/template', sides: ['own'],
    req: () => ({ path: '/api/activities/template?type=tuyen_truyen&format=csv' }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 } },
  },
  {
    // A one-line CSV under our commune of 2023, or the other side's.
    route: 'POST /api/activities/import',
    req: (role, side) => ({ path: '/api/activities/import', type: 'text/csv',
      raw: `type,unit,date_from,title,buoi,luot_nguoi\ntuyen_truyen,${ACT_UNIT[side]},2023-05-05,Nhập bởi ${role},1,10\n` }),
    expect: { own: { viewer: 403, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    route: 'GET /api/activities/export', list: true,
    req: (role, side) => ({ path: `/api/activities/export${side === 'other' ? '?unit=KHANGCHIEN' : ''}` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
    check: (r) => assert.ok(r.text.includes(act['M-act']), 'own activity missing from the export'),
  },
  {
    route: 'GET /api/activities/totals', list: true,
    req: (role, side) => ({ path: `/api/activities/totals?unit=${side === 'own' ? 'MAUSON' : 'KHANGCHIEN'}&from=2023-01-01&to=2023-12-31` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
    check: (r) => assert.ok(r.body.types.some((t) => t.code === 'tuyen_truyen'), 'own totals missing'),
  },
  {
    route: 'GET /api/activities/:id',
    req: (role, side) => ({ path: `/api/activities/${act[side === 'own' ? 'M-act' : 'K-act']}` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    route: 'PUT /api/activities/:id',
    req: (role, side) => ({ path: `/api/activities/${uuidFor(`act-put-${side}-${role}`)}`, body: actBody(side, `put ${role}`) }),
    expect: { own: { viewer: 403, editor: 201, unit_admin: 201, admin: 201 }, other: 403 },
  },
  {
    // The other side's activity, PUT as if it were ours: neither changed nor confirmed.
    route: 'PUT /api/activities/:id', label: 'other activity moved to our unit', sides: ['other'],
    req: () => ({ path: `/api/activities/${act['K-act']}`, body: actBody('own', 'steal') }),
    expect: { other: 403 },
  },
  {
    route: 'PATCH /api/activities/:id',
    req: (role, side) => ({ path: `/api/activities/${act[side === 'own' ? 'M-act' : 'K-act']}`, body: { title: `Sửa bởi ${role}` } }),
    expect: { own: { viewer: 403, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    route: 'DELETE /api/activities/:id',
    req: (role, side) => ({ path: `/api/activities/${act[`${side === 'own' ? 'M' : 'K'}-del-${role}`]}` }),
    expect: { own: { viewer: 403, editor: 204, unit_admin: 204, admin: 204 }, other: 403 },
  },
  // People's participation (h_people.c): households, registrations,
  // groups and twinnings of each commune, made by the province admin
  // ("M-..." and "K-..." in ppl); registrations use the stretch of the
  // post serving the commune. DELETE rows each have their own target.
  ...[['households', 'household'], ['registrations', 'registration'], ['groups', 'group'], ['twinnings', 'twinning']].flatMap(([things, kind]) => [
    {
      route: `GET /api/${things}`, list: true,
      req: (role, side) => ({ path: side === 'own' ? `/api/${things}?limit=1000` : `/api/${things}?unit=KHANGCHIEN` }),
      expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
      check: (r) => assert.ok(r.body.items.some((x) => x.id === ppl[`M-${kind}`]), `own ${kind} missing`),
    },
    {
      route: `POST /api/${things}`,
      req: (role, side) => ({ path: `/api/${things}`, body: peopleBody(kind, side, `new-${role}`) }),
      expect: { own: { viewer: 403, editor: 201, unit_admin: 201, admin: 201 }, other: 403 },
    },
    {
      route: `GET /api/${things}/:id`,
      req: (role, side) => ({ path: `/api/${things}/${ppl[`${side === 'own' ? 'M' : 'K'}-${kind}`]}` }),
      expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
    },
    {
      route: `PUT /api/${things}/:id`,
      req: (role, side) => ({ path: `/api/${things}/${uuidFor(`${kind}-put-${side}-${role}`)}`, body: peopleBody(kind, side, `put-${role}`) }),
      expect: { own: { viewer: 403, editor: 201, unit_admin: 201, admin: 201 }, other: 403 },
    },
    {
      // The other commune's record, PUT as if it were ours: neither changed nor confirmed.
      route: `PUT /api/${things}/:id`, label: 'other record moved to our commune', sides: ['other'],
      req: () => ({ path: `/api/${things}/${ppl[`K-${kind}`]}`, body: peopleBody(kind, 'own', 'steal') }),
      expect: { other: 403 },
    },
    {
      route: `PATCH /api/${things}/:id`,
      req: (role, side) => ({ path: `/api/${things}/${ppl[`${side === 'own' ? 'M' : 'K'}-${kind}`]}`, body: { notes: `sửa bởi ${role}` } }),
      expect: { own: { viewer: 403, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
    },
    {
      route: `DELETE /api/${things}/:id`,
      req: (role, side) => ({ path: `/api/${things}/${ppl[`${side === 'own' ? 'M' : 'K'}-del-${kind}-${role}`]}` }),
      expect: { own: { viewer: 403, editor: 204, unit_admin: 204, admin: 204 }, other: 403 },
    },
  ]),

  // Coordination: conferences, agreements, commendations. Each side has
  // one of each made by the province admin (coord["M-conferences"] ...),
  // kept by MAUSON or by KHANGCHIEN, and per role a record to delete and
  // an agreement to renew. An agreement kept by the post Ba Sơn with
  // MAUSON as a party shows that a party reads what it does not keep.
  ...['conferences', 'agreements', 'commendations'].flatMap((kind) => [
    {
      route: `GET /api/${kind}`, list: true, sides: ['own'],
      req: () => ({ path: `/api/${kind}?limit=1000` }),
      expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 } },
      check: (r) => assert.ok(r.body.items.some((x) => x.id === coord[`M-${kind}`]), `own ${kind} missing`),
    },
    {
      route: `GET /api/${kind}`, label: 'other unit named', sides: ['other'],
      req: () => ({ path: `/api/${kind}?unit=KHANGCHIEN` }),
      expect: { other: 403 },
    },
    {
      route: `POST /api/${kind}`,
      req: (role, side) => ({ path: `/api/${kind}`, body: coordBody(kind, side, `new-${role}`) }),
      expect: { own: { viewer: 403, editor: 201, unit_admin: 201, admin: 201 }, other: 403 },
    },
    {
      route: `GET /api/${kind}/:id`,
      req: (role, side) => ({ path: `/api/${kind}/${coord[`${side === 'own' ? 'M' : 'K'}-${kind}`]}` }),
      expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
    },
    {
      route: `PUT /api/${kind}/:id`,
      req: (role, side) => ({ path: `/api/${kind}/${uuidFor(`${kind}-put-${side}-${role}`)}`, body: coordBody(kind, side, `put-${role}`) }),
      expect: { own: { viewer: 403, editor: 201, unit_admin: 201, admin: 201 }, other: 403 },
    },
    {
      // The other side's record, PUT as if it were ours: neither changed nor confirmed.
      route: `PUT /api/${kind}/:id`, label: 'other record moved to our unit', sides: ['other'],
      req: () => ({ path: `/api/${kind}/${coord[`K-${kind}`]}`, body: coordBody(kind, 'own', 'steal') }),
      expect: { other: 403 },
    },
    {
      // Our record handed to the other commune gives it away.
      route: `PUT /api/${kind}/:id`, label: 'own record to other unit', sides: ['own'],
      req: () => ({ path: `/api/${kind}/${coord[`M-${kind}`]}`, body: coordBody(kind, 'other', 'give') }),
      expect: { own: 403 },
    },
    {
      route: `DELETE /api/${kind}/:id`,
      req: (role, side) => ({ path: `/api/${kind}/${coord[`${side === 'own' ? 'M' : 'K'}-${kind}-del-${role}`]}` }),
      expect: { own: { viewer: 403, editor: 204, unit_admin: 204, admin: 204 }, other: 403 },
    },
  ]),
  {
    route: 'POST /api/households/import',
    req: (role, side) => ({ path: '/api/households/import', type: 'text/csv',
      raw: `kind,name,unit\r\nhousehold,Hộ nhập ${side} ${role},${side === 'own' ? 'MAUSON' : 'KHANGCHIEN'}\r\n` }),
    expect: { own: { viewer: 403, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    route: 'GET /api/households/export', list: true,
    req: (role, side) => ({ path: `/api/households/export${side === 'other' ? '?unit=KHANGCHIEN' : ''}` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
    check: (r) => assert.ok(r.text.includes(ppl['M-household']), 'own household missing from the export'),
  },
  {
    route: 'GET /api/stocks',
    req: (role, side) => ({ path: `/api/stocks?unit=${side === 'own' ? 'MAUSON' : 'KHANGCHIEN'}&date=2024-06-01` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
    check: (r) => assert.ok(r.body.households >= 1, 'own registration not counted'),
  },
  {
    route: 'POST /api/agreements/:id/reviews',
    req: (role, side) => {
      const p = side === 'own' ? 'M' : 'K';
      return { path: `/api/agreements/${coord[`${p}-agreements`]}/reviews`, body: { date: '2025-12-01', result: 'tot',
        items: [{ commitment: coord[`${p}-agreements-k`], evaluation: 'done' }] } };
    },
    expect: { own: { viewer: 403, editor: 201, unit_admin: 201, admin: 201 }, other: 403 },
  },
  {
    route: 'POST /api/agreements/:id/renew',
    req: (role, side) => ({ path: `/api/agreements/${coord[`${side === 'own' ? 'M' : 'K'}-agreements-rn-${role}`]}/renew`, body: {} }),
    expect: { own: { viewer: 403, editor: 201, unit_admin: 201, admin: 201 }, other: 403 },
  },
  {
    // MAUSON is a party to the post's agreement: it reads it ...
    route: 'GET /api/agreements/:id', label: 'a party reads what the post keeps', sides: ['own'],
    req: () => ({ path: `/api/agreements/${coord['P-agreements']}` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 } },
  },
  {
    // ... but neither reviews it nor renews it: that is the keeper's.
    route: 'POST /api/agreements/:id/reviews', label: 'a party does not review', sides: ['own'],
    req: () => ({ path: `/api/agreements/${coord['P-agreements']}/reviews`, body: { date: '2025-12-01', result: 'tot', items: [] } }),
    expect: { own: 403 },
  },
  {
    route: 'POST /api/agreements/:id/renew', label: 'a party does not renew', sides: ['own'],
    req: () => ({ path: `/api/agreements/${coord['P-agreements']}/renew`, body: {} }),
    expect: { own: 403 },
  },
  // Direction: documents and tasks. The own side is a plan of MAUSON
  // (implementing the province's 111/KH-UBND, which both communes read)
  // and tasks led by MAUSON; the other side is the demo's plan
  // 05/KH-UBND of KHANGCHIEN, its file and tasks. Fixtures in dir.
  {
    route: 'GET /api/documents', list: true,
    req: (role, side) => ({ path: side === 'own' ? '/api/documents?limit=1000' : '/api/documents?unit=KHANGCHIEN' }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
    check: (r) => {
      const ids = r.body.items.map((d) => d.id);
      assert.ok(ids.includes(dir.mdoc) && ids.includes(DIR_LS111), 'own plan or the province\'s missing');
    },
  },
  {
    route: 'POST /api/documents',
    req: (role, side) => ({ path: '/api/documents', body: dirDoc(side, `new ${role}`) }),
    expect: { own: { viewer: 403, editor: 201, unit_admin: 201, admin: 201 }, other: 403 },
  },
  {
    // A national document (no unit): only an admin of a top-level unit, which a commune's is not.
    route: 'POST /api/documents', label: 'national', sides: ['own'],
    req: () => ({ path: '/api/documents', body: { kind: 'chi_thi', number_symbol: '01/CT-TTg', issued_on: '2015-01-06', issuing_body: 'Thủ tướng Chính phủ', title: 'Chỉ thị' } }),
    expect: { own: 403 },
  },
  {
    route: 'GET /api/documents/:id',
    req: (role, side) => ({ path: `/api/documents/${side === 'own' ? dir.mdoc : DIR_KC05}` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    route: 'GET /api/documents/:id', label: 'the province\'s plan', sides: ['own'],
    req: () => ({ path: `/api/documents/${DIR_LS111}` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 } },
  },
  {
    route: 'PUT /api/documents/:id',
    req: (role, side) => ({ path: `/api/documents/${uuidFor(`doc-put-${side}-${role}`)}`, body: dirDoc(side, `put ${role}`) }),
    expect: { own: { viewer: 403, editor: 201, unit_admin: 201, admin: 201 }, other: 403 },
  },
  {
    // The other commune's plan, PUT as if it were ours: neither changed nor confirmed.
    route: 'PUT /api/documents/:id', label: 'other plan moved to our unit', sides: ['other'],
    req: () => ({ path: `/api/documents/${DIR_KC05}`, body: dirDoc('own', 'steal') }),
    expect: { other: 403 },
  },
  {
    route: 'PATCH /api/documents/:id',
    req: (role, side) => ({ path: `/api/documents/${side === 'own' ? dir.mdoc : DIR_KC05}`, body: { summary: `sửa bởi ${role}` } }),
    expect: { own: { viewer: 403, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    route: 'PATCH /api/documents/:id', label: 'the province\'s plan', sides: ['own'],
    req: (role) => ({ path: `/api/documents/${DIR_LS111}`, body: { summary: `sửa bởi ${role}` } }),
    expect: { own: 403 },
  },
  {
    route: 'DELETE /api/documents/:id',
    req: (role, side) => ({ path: `/api/documents/${side === 'own' ? dir[`mdel-${role}`] : dir.kdel}` }),
    expect: { own: { viewer: 403, editor: 204, unit_admin: 204, admin: 204 }, other: 403 },
  },
  {
    route: 'GET /api/documents/:id/cascade',
    req: (role, side) => ({ path: `/api/documents/${side === 'own' ? dir.mdoc : DIR_KC05}/cascade` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
    check: (r) => assert.deepEqual(r.body.ancestors.map((n) => n.number_symbol), ['99-KL/TW', '89/QĐ-TTg', '111/KH-UBND']),
  },
  {
    route: 'GET /api/documents/:id/cascade', label: 'the province\'s plan, not down to the other commune', sides: ['own'], list: true,
    req: () => ({ path: `/api/documents/${DIR_LS111}/cascade` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 } },
    check: (r) => {
      assert.ok(r.body.document.children.some((n) => n.id === dir.mdoc), 'own plan missing');
      for (const n of r.body.document.children) assert.equal(n.unit.code, 'MAUSON');
    },
  },
  {
    route: 'POST /api/documents/:id/files',
    req: (role, side) => ({ path: `/api/documents/${side === 'own' ? dir.mdoc : DIR_KC05}/files`, ...multipart(`tep-${role}.pdf`, DIR_PDF) }),
    expect: { own: { viewer: 403, editor: 201, unit_admin: 201, admin: 201 }, other: 403 },
  },
  {
    route: 'GET /api/documents/:id/files/:file',
    req: (role, side) => ({ path: side === 'own' ? `/api/documents/${dir.mdoc}/files/${dir.mfile}` : `/api/documents/${DIR_KC05}/files/${dir.kfile}` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    // The other commune's file through a document we read: not there.
    route: 'GET /api/documents/:id/files/:file', label: 'other file under the province\'s plan', sides: ['other'],
    req: () => ({ path: `/api/documents/${DIR_LS111}/files/${dir.kfile}` }),
    expect: { other: 404 },
  },
  {
    route: 'DELETE /api/documents/:id/files/:file',
    req: (role, side) => ({ path: side === 'own' ? `/api/documents/${dir.mdoc}/files/${dir[`mfdel-${role}`]}` : `/api/documents/${DIR_KC05}/files/${dir.kfile}` }),
    expect: { own: { viewer: 403, editor: 204, unit_admin: 204, admin: 204 }, other: 403 },
  },
  {
    route: 'GET /api/tasks', list: true,
    req: (role, side) => ({ path: side === 'own' ? '/api/tasks?limit=1000' : '/api/tasks?unit=KHANGCHIEN' }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
    check: (r) => assert.ok(r.body.items.some((t) => t.id === dir.mtask), 'own task missing'),
  },
  {
    route: 'GET /api/tasks/overdue', list: true, sides: ['own'],
    req: () => ({ path: '/api/tasks/overdue' }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 } },
    check: (r) => {
      assert.ok(r.body.items.some((t) => t.id === dir.mtask), 'own overdue task missing');
      assert.ok(r.body.items.every((t) => t.overdue));
    },
  },
  {
    route: 'POST /api/tasks',
    req: (role, side) => ({ path: '/api/tasks', body: dirTask(side, `new ${role}`) }),
    expect: { own: { viewer: 403, editor: 201, unit_admin: 201, admin: 201 }, other: 403 },
  },
  {
    // From the province's plan, which both read, to the other commune.
    route: 'POST /api/tasks', label: 'province plan to other commune', sides: ['own'],
    req: () => ({ path: '/api/tasks', body: { ...dirTask('other', 'from 111'), document: DIR_LS111 } }),
    expect: { own: 403 },
  },
  {
    route: 'GET /api/tasks/:id',
    req: (role, side) => ({ path: `/api/tasks/${side === 'own' ? dir.mtask : dir.ktask}` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    route: 'PUT /api/tasks/:id',
    req: (role, side) => ({ path: `/api/tasks/${uuidFor(`task-put-${side}-${role}`)}`, body: dirTask(side, `put ${role}`) }),
    expect: { own: { viewer: 403, editor: 201, unit_admin: 201, admin: 201 }, other: 403 },
  },
  {
    route: 'PATCH /api/tasks/:id',
    req: (role, side) => ({ path: `/api/tasks/${side === 'own' ? dir.mtask : dir.ktask}`, body: { notes: `sửa bởi ${role}` } }),
    expect: { own: { viewer: 403, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
  },
  {
    // Handing our task to the other commune gives it away.
    route: 'PATCH /api/tasks/:id', label: 'own task to other commune', sides: ['own'],
    req: () => ({ path: `/api/tasks/${dir.mtask}`, body: { unit: 'KHANGCHIEN' } }),
    expect: { own: 403 },
  },
  {
    route: 'DELETE /api/tasks/:id',
    req: (role, side) => ({ path: `/api/tasks/${side === 'own' ? dir[`mtdel-${role}`] : dir.ktask}` }),
    expect: { own: { viewer: 403, editor: 204, unit_admin: 204, admin: 204 }, other: 403 },
  },
  {
    route: 'POST /api/tasks/:id/updates',
    req: (role, side) => ({ path: `/api/tasks/${side === 'own' ? dir.mtask : dir.ktask}/updates`, body: { status: 'in_progress', progress: 10, note: `báo cáo bởi ${role}` } }),
    expect: { own: { viewer: 403, editor: 201, unit_admin: 201, admin: 201 }, other: 403 },
  },
  {
    // The map's settings: every user reads them (the map needs them).
    route: 'GET /api/settings/map', sides: ['own'],
    req: () => ({ path: '/api/settings/map' }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 } },
  },
  {
    // ... and only an admin sets them, server-wide.
    route: 'PUT /api/settings/map', sides: ['own'],
    req: (role) => ({ path: '/api/settings/map', body: { tiles: `/tiles/${SHORT[role]}/{z}/{x}/{y}.png` } }),
    expect: { own: { viewer: 403, editor: 403, unit_admin: 403, admin: 200 } },
  },
  // Reports (docs/reports.md): a unit's report is read in its scope, like
  // its records; templates are read by every user and written by admins.
  {
    route: 'GET /api/reports', list: true,
    req: (role, side) => ({ path: `/api/reports?unit=${side === 'own' ? 'MAUSON' : 'KHANGCHIEN'}&period=2023` }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 }, other: 403 },
    check: (r) => {
      assert.equal(r.body.unit.code, 'MAUSON');
      assert.ok(r.body.sections.length > 0, 'no sections');
    },
  },
  {
    route: 'GET /api/report-templates', sides: ['own'],
    req: () => ({ path: '/api/report-templates' }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 } },
    check: (r) => assert.ok(r.body.items.some((t) => t.code === 'phong_trao_nam')),
  },
  {
    route: 'GET /api/report-templates/:code', sides: ['own'],
    req: () => ({ path: '/api/report-templates/phong_trao_nam' }),
    expect: { own: { viewer: 200, editor: 200, unit_admin: 200, admin: 200 } },
  },
  {
    route: 'PUT /api/report-templates/:code', sides: ['own'],
    req: (role) => ({ path: `/api/report-templates/mau_${SHORT[role].toLowerCase()}`, body: { name_vi: 'Mẫu', name_en: 'Template',
      sections: [{ key: 'a', title_vi: 'A', title_en: 'A', figures: [{ key: 'hh', source: 'stock', stock: 'households',
        label_vi: 'Hộ', label_en: 'Households' }] }] } }),
    expect: { own: { viewer: 403, editor: 403, unit_admin: 403, admin: 201 } },
  },
  {
    // Last: it ends the sessions the rows above use.
    route: 'POST /api/logout', sides: ['own'],
    req: () => ({ path: '/api/logout' }),
    expect: { own: { viewer: 204, editor: 204, unit_admin: 204, admin: 204 } },
    check: async (r, role) => {
      const me = await s.api('GET', '/api/me', { token: tok[role] });
      assert.equal(me.status, 401, 'the session still works after logout');
    },
  },
];

// A GeoJSON file of one patrol road near Mẫu Sơn maintained by unit.
function roadFile(id, unit) {
  return { type: 'FeatureCollection', features: [{ type: 'Feature', id,
    geometry: { type: 'LineString', coordinates: [[106.95, 21.85], [106.96, 21.86]] },
    properties: { name: `Đường tuần tra ${unit}`, kind: 'patrol', unit } }] };
}

// The registry's fixtures: the post of each side, where they stand, and
// a body per layer (own side near Ba Sơn, other side near Bình Nghi).
const reg = {};               // "M-markers", "K-roads" ... -> uuid
const REG_POST = { own: 'DBP-BASON', other: 'DBP-BINHNGHI' };
const REG_AT = { own: [106.80, 21.95], other: [106.60, 22.30] };
const OWN_BOX = '106.79,21.94,106.82,21.97';
const OTHER_BOX = '106.59,22.29,106.62,22.32';
const OTHER_UNITS = ['DBP-BINHNGHI', 'KHANGCHIEN'];
let regNumber = 7000;
function regBody(layer, side, label) {
  const [lon, lat] = REG_AT[side];
  const post = REG_POST[side];
  const p = side === 'own' ? 'M' : 'K';
  switch (layer) {
    case 'markers': {
      // Markers apart from one another, so a segment between two is a line.
      const k = (regNumber % 100) * 0.0001;
      return { border: 'VN-CN', number: String(regNumber++), lon: lon + k, lat: lat + k, post };
    }
    case 'segments': return { border: 'VN-CN', from: reg[`${p}-from`], to: reg[`${p}-to`], post };
    case 'gates': return { name: `Lối mở ${p} ${label}`, kind: 'opening', border: 'VN-CN', lon, lat, unit: post };
    default: return { name: `Đường ${p} ${label}`, kind: 'marker_inspection', unit: post,
      geometry: [[lon, lat], [lon + 0.01, lat + 0.01]] };
  }
}

// The activities' fixtures and bodies: our commune of 2023, or the other side's.
const act = {};               // "M-act", "K-del-editor" ... -> uuid
const ACT_UNIT = { own: 'LB-MAUSON', other: 'TD-QUOCKHANH' };
function actBody(side, title) {
  return { type: 'tuyen_truyen', unit: ACT_UNIT[side], date_from: '2023-03-03', title: `Tuyên truyền ${title}`,
    values: { buoi: 1, luot_nguoi: 50 } };
}
// People's participation fixtures: kind -> route name, and a body per kind.
const PEOPLE_KINDS = { households: 'household', registrations: 'registration', groups: 'group', twinnings: 'twinning' };
const ppl = {};               // "M-household", "K-del-group-editor" ... -> uuid
function peopleBody(kind, side, label) {
  const p = side === 'own' ? 'M' : 'K';
  const unit = side === 'own' ? 'MAUSON' : 'KHANGCHIEN';
  switch (kind) {
    case 'household': return { kind: 'household', name: `Hộ ${p} ${label}`, unit, people: 2 };
    case 'registration': return { household: ppl[`${p}-household`], post: REG_POST[side], date_from: '2024-01-01', segments: [reg[`${p}-segments`]] };
    case 'group': return { kind: 'tu_quan_antt', name: `Tổ ${p} ${label}`, unit, founded: '2020-01-01', members: [{ name: 'Thành viên', role: 'leader' }] };
    default: return { unit, other_name: `Thôn ${p} ${label}`, other_country: 'CN', signed: '2019-01-01' };
  }
}
// The coordination fixtures: "M-conferences", "K-agreements-k" (the
// commitment of the agreement), "M-commendations-del-editor" ... -> uuid.
const coord = {};
function coordBody(kind, side, label) {
  const own = side === 'own';
  const p = own ? 'M' : 'K';
  const unit = own ? 'MAUSON' : 'KHANGCHIEN';
  switch (kind) {
    case 'conferences': return { kind: 'giao_ban', title: `Giao ban ${p} ${label}`, date: '2025-12-01', unit, attendees: 20 };
    case 'agreements': return { title: `Quy chế phối hợp ${p} ${label}`, period_from: '2025-01-01', period_to: '2025-12-31',
      signed_on: '2025-01-10', status: 'signed', unit, parties: [unit, own ? 'DBP-BASON' : 'DBP-BINHNGHI'],
      commitments: [{ text: 'Tuần tra chung', party: unit, due_on: '2025-12-31' }] };
    default: return { level: 'giay_khen', issuing_body: 'Chủ tịch UBND xã', issuer_level: 'commune', date: '2025-03-03',
      reason: `Khen ${p} ${label}`, unit, recipients: [{ kind: 'collective', name: 'Thôn', unit: own ? 'MAUSON-KHONPO' : 'DAOVIEN-POMA' }] };
  }
}

// Direction fixtures: the demo's documents (fixed ids, src/domain/demo.h)
// and what before() makes on both sides.
const DIR_LS111 = '0d0c0000-0000-4000-8000-000000000111';
const DIR_KC05 = '0d0c0000-0000-4000-8000-000000000005';
const DIR_PDF = Buffer.from('%PDF-1.4\n% bienphong\n');
const dir = {};
function dirDoc(side, label) {
  const own = side === 'own';
  return { number_symbol: `${own ? 7 : 8}/KH-UBND`, issued_on: '2025-11-01', issuing_body: own ? 'UBND xã Mẫu Sơn' : 'UBND xã bên kia',
    title: `Kế hoạch ${label}`, unit: own ? 'MAUSON' : 'KHANGCHIEN', implements: DIR_LS111 };
}
function dirTask(side, label) {
  return { title: `Nhiệm vụ ${label}`, unit: side === 'own' ? 'MAUSON' : 'KHANGCHIEN', due_on: '2026-12-31' };
}

// Stable client-chosen UUIDs per label, made once.
const uuids = new Map();
function uuidFor(label) {
  if (!uuids.has(label)) uuids.set(label, crypto.randomUUID());
  return uuids.get(label);
}

function expected(row, side, role) {
  const e = row.expect[side];
  return typeof e === 'number' ? e : e[role];
}

// Fails when any uuid or code of the other side shows in a response,
// unless the request itself named it (echoing the caller's input is no leak).
function assertNoLeak(text, what, request = '') {
  for (const [uuid, code] of forbidden) {
    assert.ok(!text.includes(uuid) || request.includes(uuid), `${what}: leaks the id of ${code}`);
    // A code or name in a message is as much a leak as in a field.
    assert.ok(!text.includes(code) || request.includes(code), `${what}: leaks ${code}`);
    const name = names.get(uuid);
    if (name) assert.ok(!text.includes(name), `${what}: leaks the name of ${code}`);
  }
  for (const m of text.matchAll(/"code":"(KHANGCHIEN|K-[A-Z0-9-]+)"/g))
    assert.ok(request.includes(m[1]), `${what}: leaks the unit ${m[1]} of the other side`);
  if (!request.includes('khangchien'))
    assert.ok(!text.includes('khangchien'), `${what}: leaks a user of the other side`);
}

before(async () => {
  s = await startServer();
  sql = s.sqlSession();
  adminToken = await s.login('admin');
  const A = { token: adminToken };

  // The four MAUSON actors and two target users, created by the province admin.
  await Promise.all([...ROLES.map((role) => ({ username: USERNAME[role], role })),
    { username: 'm.target', role: 'viewer' }, { username: 'm.promote', role: 'viewer' }].map(async (u) => {
    const r = await s.api('POST', '/api/users', { ...A, body: { ...u, password: PASSWORD, unit: 'MAUSON' } });
    assert.equal(r.status, 201, r.text);
    id[u.username] = r.body.id;
  }));

  // Hubs and fixture agencies on both sides, by the province admin.
  const mk = async (code, parent) => {
    const r = await s.api('POST', '/api/units', { ...A, body: { code, kind: 'agency', name: `Tổ ${code}`, parent, valid_from: '2025-07-01' } });
    assert.equal(r.status, 201, `${code}: ${r.text}`);
    id[code] = r.body.id;
  };
  await mk('M-HUB', 'MAUSON');
  await mk('K-HUB', 'KHANGCHIEN');
  for (const fam of FAMILIES)
    for (const role of ROLES) {
      await mk(fx(fam, role, 'own'), 'MAUSON');
      await mk(fx(fam, role, 'other'), 'KHANGCHIEN');
    }

  // The ids of the demo units and users the rows name.
  const other = ['KHANGCHIEN', 'DAOVIEN-POMA', 'QUOCKHANH-NAPAN', 'TD-DAOVIEN', 'TD-QUOCKHANH', 'TD-TRIPHUONG'];
  const own = ['MAUSON', 'MAUSON-KHONPO', 'MAUSON-PHIEKHAO', 'YENKHOAI-NAMUC', 'TUMICH-BANCAU', 'LB-MAUSON', 'LB-YENKHOAI', 'LB-TUMICH'];
  for (const code of [...other, ...own, 'DBP-BINHNGHI']) {
    const r = await s.api('GET', `/api/units/${code}`, A);
    assert.equal(r.status, 200, r.text);
    id[code] = r.body.id;
    if (other.includes(code)) names.set(r.body.id, r.body.name);
  }
  for (const u of ['xa.khangchien', 'xem.khangchien']) {
    const r = await s.api('GET', `/api/users/${u}`, A);
    assert.equal(r.status, 200, r.text);
    id[u] = r.body.id;
    forbidden.set(r.body.id, u);
  }
  for (const code of other) forbidden.set(id[code], code);
  for (const code of own) ownCodes.add(code);
  for (const [code, uuid] of Object.entries(id))
    if (code.startsWith('K-')) forbidden.set(uuid, code);

  // The registry's fixtures on both sides, and the four users of the own post.
  for (const side of ['own', 'other']) {
    const p = side === 'own' ? 'M' : 'K';
    for (const [key, layer] of [['from', 'markers'], ['to', 'markers'], ['markers', 'markers'], ['segments', 'segments'], ['gates', 'gates'], ['roads', 'roads']]) {
      const r = await s.api('POST', `/api/${layer}`, { ...A, body: regBody(layer, side, 'fixture') });
      assert.equal(r.status, 201, `${layer}: ${r.text}`);
      reg[`${p}-${key}`] = r.body.id;
      if (side === 'other') forbidden.set(r.body.id, `registry ${layer} of DBP-BINHNGHI`);
    }
  }
  for (const side of ['own', 'other']) {
    const p = side === 'own' ? 'M' : 'K';
    for (const key of ['act', ...ROLES.map((role) => `del-${role}`)]) {
      const r = await s.api('POST', '/api/activities', { ...A, body: actBody(side, `${p} ${key}`) });
      assert.equal(r.status, 201, `activity ${key}: ${r.text}`);
      act[`${p}-${key}`] = r.body.id;
      if (side === 'other') forbidden.set(r.body.id, `activity ${key} of TD-QUOCKHANH`);
    }
  }
  // People's participation fixtures on both sides, and one to delete per role.
  for (const side of ['own', 'other']) {
    const p = side === 'own' ? 'M' : 'K';
    for (const kind of Object.values(PEOPLE_KINDS)) {
      for (const key of [kind, ...ROLES.map((role) => `del-${kind}-${role}`)]) {
        const r = await s.api('POST', `/api/${kind === 'household' ? 'households' : `${kind}s`}`, { ...A, body: peopleBody(kind, side, key) });
        assert.equal(r.status, 201, `${kind}: ${r.text}`);
        ppl[`${p}-${key}`] = r.body.id;
        if (side === 'other') forbidden.set(r.body.id, `${kind} of KHANGCHIEN`);
      }
    }
  }
  // The coordination fixtures of both sides, by the province admin.
  for (const side of ['own', 'other']) {
    const p = side === 'own' ? 'M' : 'K';
    for (const kind of ['conferences', 'agreements', 'commendations']) {
      const labels = ['fixture', ...ROLES.map((role) => `del-${role}`), ...(kind === 'agreements' ? ROLES.map((role) => `rn-${role}`) : [])];
      for (const label of labels) {
        const body = coordBody(kind, side, label);
        if (label.startsWith('del-') && kind === 'agreements') Object.assign(body, { status: 'draft', signed_on: null });
        const r = await s.api('POST', `/api/${kind}`, { ...A, body });
        assert.equal(r.status, 201, `${kind}: ${r.text}`);
        const key = label === 'fixture' ? `${p}-${kind}` : `${p}-${kind}-${label}`;
        coord[key] = r.body.id;
        if (label === 'fixture' && kind === 'agreements') coord[`${p}-agreements-k`] = r.body.commitments[0].id;
        if (side === 'other') forbidden.set(r.body.id, `coordination ${kind} of KHANGCHIEN`);
      }
    }
  }
  {
    const r = await s.api('POST', '/api/agreements', { ...A, body: { ...coordBody('agreements', 'own', 'post'), unit: 'DBP-BASON',
      commitments: [{ text: 'Tuần tra chung', party: 'DBP-BASON' }] } });
    assert.equal(r.status, 201, r.text);
    coord['P-agreements'] = r.body.id;
  }
  // A record of every layer for each role and side to delete (the DELETE rows).
  for (const side of ['own', 'other'])
    for (const layer of ['markers', 'segments', 'gates', 'roads'])
      for (const role of ROLES) {
        const p = side === 'own' ? 'M' : 'K';
        const r = await s.api('POST', `/api/${layer}`, { ...A, body: regBody(layer, side, `del-${role}`) });
        assert.equal(r.status, 201, `${layer}: ${r.text}`);
        reg[`${p}-del-${layer}-${role}`] = r.body.id;
        if (side === 'other') forbidden.set(r.body.id, `registry ${layer} of DBP-BINHNGHI`);
      }
  await Promise.all(ROLES.map(async (role) => {
    const r = await s.api('POST', '/api/users', { ...A, body: { username: POST_USERNAME[role], role, password: PASSWORD, unit: 'DBP-BASON' } });
    assert.equal(r.status, 201, r.text);
  }));
  const postLogins = await Promise.all(ROLES.map((role) => s.login(POST_USERNAME[role])));
  ROLES.forEach((role, i) => { tokPost[role] = postLogins[i]; });

  // Direction: a plan of MAUSON with a file and tasks, fixtures to delete
  // per role, and on the other side a file of 05/KH-UBND, a plan and a task.
  const mkDir = async (path, body) => {
    const r = await s.api('POST', path, { ...A, body });
    assert.equal(r.status, 201, `${path}: ${r.text}`);
    return r.body.id;
  };
  const upload = async (doc, name) => {
    const r = await s.api('POST', `/api/documents/${doc}/files`, { ...A, ...multipart(name, DIR_PDF) });
    assert.equal(r.status, 201, r.text);
    return r.body.id;
  };
  dir.mdoc = await mkDir('/api/documents', { ...dirDoc('own', 'của xã Mẫu Sơn'), number_symbol: '03/KH-UBND' });
  dir.mfile = await upload(dir.mdoc, 'ke-hoach-03.pdf');
  dir.mtask = await mkDir('/api/tasks', { document: dir.mdoc, title: 'Nhiệm vụ quá hạn của xã Mẫu Sơn', unit: 'MAUSON', due_on: '2025-12-01' });
  for (const role of ROLES) {
    dir[`mdel-${role}`] = await mkDir('/api/documents', dirDoc('own', `xóa ${role}`));
    dir[`mfdel-${role}`] = await upload(dir.mdoc, `xoa-${role}.pdf`);
    dir[`mtdel-${role}`] = await mkDir('/api/tasks', dirTask('own', `xóa ${role}`));
  }
  dir.kfile = await upload(DIR_KC05, 'ke-hoach-05.pdf');
  dir.kdel = await mkDir('/api/documents', dirDoc('other', 'bên kia'));
  dir.ktask = await mkDir('/api/tasks', dirTask('other', 'bên kia'));
  forbidden.set(DIR_KC05, 'the plan 05/KH-UBND');
  for (const k of ['kfile', 'kdel', 'ktask']) forbidden.set(dir[k], `direction fixture ${k}`);

  const logins = await Promise.all(ROLES.map((role) => s.login(USERNAME[role])));
  ROLES.forEach((role, i) => { tok[role] = logins[i]; });
});

after(async () => { await sql?.close(); await s?.stop(); });

test('every route of `bienphong routes` has a row in the matrix, and no row is stale', () => {
  const r = cli(['routes']);
  assert.equal(r.status, 0, r.stderr);
  const routes = r.stdout.trim().split('\n').map((l) => l.split('\t'));
  assert.ok(routes.length >= 20, 'suspiciously few routes');
  const listed = new Set(routes.map(([m, p]) => `${m} ${p}`));
  const covered = new Set(CASES.map((c) => c.route));
  const missing = [...listed].filter((k) => !covered.has(k));
  const stale = [...covered].filter((k) => !listed.has(k));
  assert.deepEqual(missing, [], `routes without a matrix row: ${missing.join(', ')}`);
  assert.deepEqual(stale, [], `matrix rows for routes that no longer exist: ${stale.join(', ')}`);
  // The table's idea of what is public must match the server's.
  for (const [m, p, scope] of routes) {
    const rows = CASES.filter((c) => c.route === `${m} ${p}`);
    for (const row of rows)
      assert.equal(!!row.public, scope === 'public', `${m} ${p} is ${scope} on the server`);
  }
});

test('without a session every non-public route answers 401 auth_required, public ones answer', async () => {
  const bad = [];
  for (const row of CASES) {
    const { path, body, raw, type, headers: rawHeaders } = row.req('none', 'own');
    const method = row.route.split(' ')[0];
    if (row.public) {
      const r = await s.api(method, path, { body });
      if (r.status !== row.expect.own.none) bad.push(`${row.route} (public) -> ${r.status} ${r.text.slice(0, 120)}`);
      continue;
    }
    // No credentials at all, a made-up bearer token, and a made-up cookie.
    for (const headers of [{}, { Authorization: `Bearer ${'x'.repeat(43)}` }, { Cookie: `bp_session=${'A'.repeat(43)}` }]) {
      const r = await s.api(method, path, { body, raw, headers: { ...(raw ? rawHeaders ?? { 'Content-Type': type } : {}), ...headers } });
      if (r.status !== 401 || r.body?.error?.code !== 'auth_required')
        bad.push(`${row.route} ${JSON.stringify(headers)} -> ${r.status} ${r.text.slice(0, 120)}`);
    }
  }
  assert.deepEqual(bad, []);
});

for (const row of CASES) {
  const name = `${row.route}${row.label ? ` (${row.label})` : ''}`;
  test(`matrix: ${name}`, async () => {
    const method = row.route.split(' ')[0];
    const bad = [];
    for (const side of row.sides ?? ['own', 'other']) {
      for (const role of ROLES) {
        const want = expected(row, side, role);
        // A row sends JSON (body), or a file as it is (raw, with its type or its headers).
        const { path, body, raw, type, headers: rawHeaders } = row.req(role, side);
        // The audit log is counted around writes only: a GET has no path
        // to it (each count starts sqlite3 or psql, the matrix's main cost).
        const counted = method !== 'GET';
        const before = counted ? await auditCount() : 0;
        const r = await s.api(method, path, { token: (row.actor === 'post' ? tokPost : tok)[role], body, raw,
          headers: raw ? rawHeaders ?? { 'Content-Type': type } : body ? { 'Content-Type': J } : {} });
        const after = counted ? await auditCount() : 0;
        const where = `${side} ${role}: ${method} ${path}`;
        if (r.status !== want) {
          bad.push(`${where} -> ${r.status} (want ${want}) ${r.text.slice(0, 200)}`);
          continue;
        }
        if (r.status >= 400) {
          // A refusal is an error object with a stable code, and writes nothing.
          if (!r.body?.error?.code || !r.body.error.message_vi || !r.body.error.message_en)
            bad.push(`${where}: error without code/messages: ${r.text}`);
          if (after !== before) bad.push(`${where}: refused, yet ${after - before} audit row(s) written`);
        } else if (method !== 'GET' && path !== '/api/logout' && after <= before) {
          // DESIGN.md: every change is in the audit log.
          bad.push(`${where}: a write that left no audit row`);
        }
        // The other side is never reachable: 403 or 404, or a list without it.
        if (side === 'other' && !row.list && ![403, 404].includes(r.status))
          bad.push(`${where}: reached the other side (${r.status})`);
        if (side === 'other' || row.list) {
          try { assertNoLeak(r.text, where, path + JSON.stringify(body ?? '') + (raw ?? '')); } catch (e) { bad.push(e.message); }
        }
        if (row.check && r.status < 300) {
          try { await row.check(r, role, side); } catch (e) { bad.push(`${where}: ${e.message}`); }
        }
      }
    }
    assert.deepEqual(bad, []);
  });
}

test('lists of the MAUSON users hold only MAUSON units, on any date', async () => {
  const paths = ['/api/units', '/api/units?include_retired=1', '/api/units?date=2024-05-01',
    '/api/units?date=2024-05-01&include_retired=1', '/api/units/tree', '/api/units/tree?date=2024-05-01',
    '/api/units/MAUSON/subtree', '/api/units/MAUSON/subtree?date=2024-05-01', '/api/units/MAUSON/predecessors'];
  // The logout row ended the sessions above: log in again, once per role.
  const fresh = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await s.login(USERNAME[role])])));
  for (const role of ROLES) {
    for (const path of paths) {
      const r = await s.api('GET', path, { token: fresh[role] });
      assert.equal(r.status, 200, `${role} ${path}: ${r.text}`);
      assertNoLeak(r.text, `${role} ${path}`);
      const units = [];
      const walk = (n) => { units.push(n); (n.children ?? []).forEach(walk); };
      (r.body.items ?? []).forEach((u) => units.push(u));
      (r.body.roots ?? []).forEach(walk);
      for (const u of units)
        assert.ok(ownCodes.has(u.code) || u.code.startsWith('M-'), `${role} ${path}: ${u.code} is not in MAUSON's scope`);
      if (!path.includes('predecessors'))
        assert.ok(units.some((u) => u.code === 'MAUSON' || u.code === 'LB-MAUSON'), `${role} ${path}: own units missing`);
    }
    for (const path of ['/api/users', '/api/audit?limit=1000']) {
      const r = await s.api('GET', path, { token: fresh[role] });
      if (path.startsWith('/api/audit') && (role === 'viewer' || role === 'editor')) {
        assert.equal(r.status, 403);
        continue;
      }
      assert.equal(r.status, 200, r.text);
      assertNoLeak(r.text, `${role} ${path}`);
    }
  }
});

test('the other side was left untouched', async () => {
  const A = { token: adminToken };
  for (const [uuid, code] of forbidden) {
    if (!code.startsWith('K-')) continue;
    const r = await s.api('GET', `/api/units/${uuid}`, A);
    assert.equal(r.status, 200);
    assert.equal(r.body.valid_to, null, `${code} was ended`);
    assert.equal(r.body.parents.length, 1, `${code} was moved`);
    assert.equal(r.body.parent.code, 'KHANGCHIEN');
    assert.equal(r.body.name, `Tổ ${code}`, `${code} was renamed`);
    assert.deepEqual(r.body.successors, []);
  }
  // No unit of the other side was made by a MAUSON user.
  const all = await s.api('GET', '/api/units?include_retired=1&q=K-&limit=1000', A);
  assert.ok(all.body.items.some((u) => u.code === 'K-HUB'), 'the search for K- found nothing at all');
  const madeByMatrix = all.body.items.filter((u) => /^K-(NEW|PUT|SPA|SPB)-/.test(u.code));
  assert.deepEqual(madeByMatrix.map((u) => u.code), []);
  const users = await s.api('GET', '/api/users?limit=1000', A);
  assert.deepEqual(users.body.items.filter((u) => u.username.startsWith('k.')).map((u) => u.username), []);
  const xk = users.body.items.find((u) => u.username === 'xa.khangchien');
  assert.equal(xk.display_name, 'UBND xã Kháng Chiến');
  // And xa.khangchien's password is still the demo one.
  await s.login('xa.khangchien');
  // No audit row by a MAUSON user concerns the other side.
  const audit = await s.api('GET', '/api/audit?limit=1000', A);
  const byM = audit.body.items.filter((a) => a.actor.startsWith('m.'));
  assert.ok(byM.length > 0, 'the matrix wrote nothing at all');
  for (const a of byM) assertNoLeak(JSON.stringify(a), `audit ${a.action} ${a.entity_id}`);
});

test('a border post sees the communes it is responsible for, not the others', async () => {
  const t = await s.login('don.binhnghi');
  for (const code of ['KHANGCHIEN', 'DAOVIEN-POMA', 'TD-QUOCKHANH', 'DBP-BINHNGHI']) {
    const r = await s.api('GET', `/api/units/${code}`, { token: t });
    assert.equal(r.status, 200, `${code}: ${r.text}`);
  }
  for (const code of ['MAUSON', 'MAUSON-KHONPO', 'LB-MAUSON', 'M-HUB', 'DBP-BASON', 'LS']) {
    const r = await s.api('GET', `/api/units/${code}`, { token: t });
    assert.equal(r.status, 403, `${code}: ${r.text}`);
    assert.equal(r.body.error.code, 'out_of_scope');
  }
  const c = await s.api('GET', '/api/units/DBP-BINHNGHI/communes?date=2026-01-01', { token: t });
  assert.equal(c.status, 200);
  assert.deepEqual(c.body.items.map((u) => u.code), ['KHANGCHIEN']);
  const mauson = new Set(['MAUSON', 'MAUSON-KHONPO', 'MAUSON-PHIEKHAO', 'YENKHOAI-NAMUC', 'TUMICH-BANCAU', 'LB-MAUSON', 'LB-YENKHOAI', 'LB-TUMICH'].map((k) => id[k]));
  // Today the post answers for KHANGCHIEN; before the 2025 merge for the
  // communes merged into it, which its scope still reaches.
  for (const [path, seen] of [['/api/units?include_retired=1', 'KHANGCHIEN'], ['/api/units/tree', 'KHANGCHIEN'],
    ['/api/units/tree?date=2024-05-01', 'TD-QUOCKHANH']]) {
    const r = await s.api('GET', path, { token: t });
    assert.equal(r.status, 200);
    for (const u of mauson) assert.ok(!r.text.includes(u), `${path} shows a MAUSON unit`);
    assert.ok(r.text.includes(id[seen]), `${path} lacks ${seen}`);
    assert.ok(!/"code":"M-/.test(r.text), `${path} shows a MAUSON fixture`);
  }
});
