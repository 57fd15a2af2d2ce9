// activity_data.js - what the participation screens share: the catalog
// (indicators and activity types) and the units in scope, read once per
// page from the API, the names of catalog entries in the user's language,
// an activity's values as a short phrase, and client ids.
//
//   GET /api/indicators?retired=1       every indicator, retired ones too
//   GET /api/activity-types?retired=1   every type with its indicators
//   GET /api/units                      the units in the caller's scope
//
// The screens know nothing of particular types or indicators: a type an
// administrator adds today gets its form, its list column and its template
// from these answers.
import { useEffect, useState } from './preact.js';
import { get } from './api.js';
import { getLang } from './i18n.js';
import { fmtValue } from './numbers.js';

// The roles that record activities; the server checks again.
export const EDIT_ROLES = ['editor', 'unit_admin', 'admin'];

// The categories of activity types (docs/participation.md), in the order
// the forms offer them.
export const CATEGORIES = ['outreach', 'infrastructure', 'model', 'social', 'foreign_affairs', 'border_day', 'security'];

// Every item of a paged list, following next_cursor. The catalog and a
// province's units are a few hundred rows at most; `max` pages stop a
// runaway loop.
export async function getAll(path, params = {}, max = 50) {
  const items = [];
  let cursor;
  for (let i = 0; i < max; i++) {
    const res = await get(path, { ...params, limit: 500, cursor });
    items.push(...(res.items || []));
    cursor = res.next_cursor;
    if (!cursor) break;
  }
  return items;
}

export function isRetired(x) {
  return Boolean(x && (x.retired || x.retired_at));
}

// A catalog entry's (or a type reference's) name in the user's language.
export function nameOf(x) {
  if (!x) return '';
  if (typeof x === 'string') return x;
  return (getLang() === 'en' ? x.name_en || x.name_vi : x.name_vi || x.name_en) || x.code || '';
}

export function unitOf(ind) {
  return (getLang() === 'en' ? ind.unit_en || ind.unit_vi : ind.unit_vi || ind.unit_en) || '';
}

// A unit as a list shows it: its name, or its code when that is all there is.
export function unitName(u) {
  if (!u) return '';
  if (typeof u === 'string') return u;
  return u.name || u.code || '';
}

// Orders catalog entries by their name in the user's language, the way a
// clerk looks for them in a list.
export function byName(a, b) {
  return nameOf(a).localeCompare(nameOf(b), getLang());
}

// The catalog, loaded for a page: {loading, err, types, indicators,
// typeByCode, indByCode}. Retired entries are included (an old activity
// still names its type); forms leave them out of their choices.
export function useCatalog(version = 0) {
  const [cat, setCat] = useState({ loading: true, types: [], indicators: [], typeByCode: {}, indByCode: {} });
  useEffect(() => {
    let live = true;
    setCat((c) => ({ ...c, loading: true, err: null }));
    Promise.all([getAll('/api/activity-types', { retired: 1 }), getAll('/api/indicators', { retired: 1 })])
      .then(([types, indicators]) => {
        if (!live) return;
        setCat({
          loading: false,
          types,
          indicators,
          typeByCode: Object.fromEntries(types.map((x) => [x.code, x])),
          indByCode: Object.fromEntries(indicators.map((x) => [x.code, x])),
        });
      })
      .catch((err) => live && setCat((c) => ({ ...c, loading: false, err })));
    return () => { live = false; };
  }, [version]);
  return cat;
}

// The units in the caller's scope, sorted as a clerk looks for them: the
// caller's own unit first, then by name.
export function useScopeUnits(user) {
  const [units, setUnits] = useState({ loading: true, items: [] });
  useEffect(() => {
    let live = true;
    getAll('/api/units')
      .then((items) => {
        if (!live) return;
        const own = user && user.unit ? user.unit.code : '';
        items.sort((a, b) => (a.code === own ? -1 : b.code === own ? 1 : (a.name || '').localeCompare(b.name || '', 'vi')));
        setUnits({ loading: false, items });
      })
      .catch((err) => live && setUnits({ loading: false, items: [], err }));
    return () => { live = false; };
  }, []);
  return units;
}

// The indicators of a type in form order.
export function typeIndicators(type) {
  return [...((type && type.indicators) || [])].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
}

// An activity's values as a phrase, in its type's order: "12 buổi, 1.240
// lượt người". Values of indicators the type no longer lists come last;
// an indicator the catalog does not know shows its code.
export function valuesPhrase(values, type, indByCode = {}) {
  if (!values) return '';
  const seen = new Set();
  const parts = [];
  const add = (code) => {
    if (seen.has(code) || values[code] === undefined || values[code] === null) return;
    seen.add(code);
    const ind = indByCode[code] || (type && (type.indicators || []).find((i) => i.code === code)) || { unit_vi: code, unit_en: code };
    parts.push(fmtValue(ind, values[code]));
  };
  for (const i of typeIndicators(type)) add(i.code);
  for (const code of Object.keys(values)) add(code);
  return parts.join(', ');
}

// A random UUID (version 4) for a record's client id. crypto.randomUUID
// exists only on https or localhost pages; a commune PC reaching the
// server by its LAN address over http has getRandomValues only.
export function newUuid() {
  if (globalThis.crypto && crypto.randomUUID) {
    try { return crypto.randomUUID(); } catch { /* not a secure context */ }
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
