// period.js - the periods a report covers, as the report page lets a user
// pick them, written in the forms the server reads (src/domain/period.h,
// docs/reports.md):
//
//   2023            year                 2019..2024      several years
//   2023-Q1         quarter              M2023           movement's year (from 3 March)
//   2023-03         month                M2019..M2023    several movement years
//   2023-01-15..2023-06-30               any range of dates
//
// The server checks the code again and says what is wrong with it; these
// functions only turn the picker's fields into a code and back.

export const PERIOD_KINDS = ['year', 'quarter', 'month', 'movement', 'years', 'movement_years', 'range'];

const pad = (n, w = 2) => String(n).padStart(w, '0');

// The picker's fields of a code, or null when the code is none of the forms.
export function parsePeriod(code) {
  const s = String(code || '').trim();
  let m;
  if ((m = /^(\d{4})$/.exec(s))) return { kind: 'year', year: +m[1] };
  if ((m = /^(\d{4})-Q([1-4])$/.exec(s))) return { kind: 'quarter', year: +m[1], part: +m[2] };
  if ((m = /^(\d{4})-(\d{2})$/.exec(s))) return { kind: 'month', year: +m[1], part: +m[2] };
  if ((m = /^M(\d{4})$/.exec(s))) return { kind: 'movement', year: +m[1] };
  if ((m = /^(\d{4})\.\.(\d{4})$/.exec(s))) return { kind: 'years', year: +m[1], year_to: +m[2] };
  if ((m = /^M(\d{4})\.\.M(\d{4})$/.exec(s))) return { kind: 'movement_years', year: +m[1], year_to: +m[2] };
  if ((m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(s))) return { kind: 'range', from: m[1], to: m[2] };
  return null;
}

// The code of the picker's fields: {kind, year, year_to, part, from, to}.
export function periodCode(p) {
  const y = pad(p.year, 4);
  switch (p.kind) {
    case 'quarter': return `${y}-Q${p.part || 1}`;
    case 'month': return `${y}-${pad(p.part || 1)}`;
    case 'movement': return `M${y}`;
    case 'years': return `${y}..${pad(p.year_to ?? p.year, 4)}`;
    case 'movement_years': return `M${y}..M${pad(p.year_to ?? p.year, 4)}`;
    case 'range': return `${p.from || ''}..${p.to || ''}`;
    default: return y;
  }
}

// The fields of a kind the user switches to, keeping what carries over:
// from "2023" to quarter gives 2023-Q1, to several years 2019..2023 (the
// five years a review covers), to a range the year's first and last days.
export function switchKind(p, kind) {
  const year = p.year || Number((p.from || '').slice(0, 4)) || new Date().getFullYear();
  const base = { kind, year };
  if (kind === 'quarter' || kind === 'month') return { ...base, part: 1 };
  if (kind === 'years' || kind === 'movement_years') return { ...base, year: year - 4, year_to: year };
  if (kind === 'range') return { kind, from: `${pad(year, 4)}-01-01`, to: `${pad(year, 4)}-12-31` };
  return base;
}
