// numbers.js - counts and indicator values as the reader of each language
// writes them, and read back as a clerk types them.
//
// In Vietnamese "." groups the thousands and "," comes before the
// decimals (1.240 lượt người; 70,5 km); in English the other way round
// (1,240 participant-turns; 70.5 km). The indicator values of the
// participation screens are written this way; i18n.js's fmtNum keeps the
// Vietnamese way in both languages for the registry's coordinates.
//
// Values are stored exactly in thousandths (docs/participation.md), so a
// decimal has at most three decimals, and a value is shown with as many
// as it has (no rounding away what was entered).
import { getLang } from './i18n.js';

const SEPS = { vi: ['.', ','], en: [',', '.'] };

function seps(lang) {
  return SEPS[lang || getLang()] || SEPS.vi;
}

// 1240 → "1.240" (vi) or "1,240" (en); 70.5 → "70,5" or "70.5". At most
// `digits` decimals, trailing zeros dropped.
export function fmtCount(x, { digits = 3, lang } = {}) {
  if (x === null || x === undefined || x === '') return '';
  const n = Number(x);
  if (!Number.isFinite(n)) return String(x);
  const [group, dec] = seps(lang);
  let s = Math.abs(n).toFixed(digits);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  const [i, f] = s.split('.');
  const neg = n < 0 && /[1-9]/.test(s);
  return `${neg ? '-' : ''}${i.replace(/\B(?=(\d{3})+(?!\d))/g, group)}${f ? `${dec}${f}` : ''}`;
}

// An indicator's value with its unit in the reader's language:
// "12 buổi", "1.240 lượt người", "70,5 km".
export function fmtValue(ind, v, lang = getLang()) {
  const unit = lang === 'en' ? ind.unit_en || ind.unit_vi : ind.unit_vi || ind.unit_en;
  const n = fmtCount(v, { lang });
  return unit ? `${n}\u00a0${unit}` : n; // the number and its unit on one line
}

// A number as a clerk types it, in either habit: "1.240", "1 240",
// "1240", "70,5", "70.5" in Vietnamese; "1,240", "70.5" in English.
// Grouped thousands are read as such only when the groups are whole
// ("1.240" is 1240 in Vietnamese, "1.24" is 1,24); otherwise the one
// separator is the decimal point. NaN when it is not a number.
export function parseCount(s, lang = getLang()) {
  let v = String(s ?? '').trim().replace(/[\s\u00a0\u202f]/g, '');
  if (!v) return NaN;
  const [group, dec] = seps(lang);
  const g = group === '.' ? '\\.' : ',';
  const d = dec === '.' ? '\\.' : ',';
  const grouped = new RegExp(`^-?[1-9]\\d{0,2}(${g}\\d{3})+(${d}\\d+)?$`);
  if (grouped.test(v)) {
    v = v.split(group).join('').replace(dec, '.');
  } else if ((v.match(/[.,]/g) || []).length === 1) {
    v = v.replace(',', '.');
  }
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
}

// The number of decimals a typed number carries ("70,25" → 2).
export function decimalsOf(n) {
  const s = String(n);
  const i = s.indexOf('.');
  return i < 0 || /e/i.test(s) ? 0 : s.length - i - 1;
}

// A report's figure (docs/reports.md) in the reader's language. `format`
// is the template's: integer, decimal (km, workdays: up to 3 decimals),
// money (đồng) or percent. Every value is written exactly, as the report
// has it: a clerk copies these into the document she hands in.
export function fmtFigure(fig, v, lang = getLang()) {
  if (v === null || v === undefined) return '';
  if (fig.format === 'integer' || fig.format === 'money') return fmtCount(v, { digits: 0, lang });
  return fmtCount(v, { digits: 3, lang });
}

// The same with its unit of measure: "14.120 lượt người", "70,5 km",
// "57,101 %".
export function fmtFigureWithUnit(fig, v, lang = getLang()) {
  if (v === null || v === undefined) return '';
  const unit = lang === 'en' ? fig.unit_en || fig.unit_vi : fig.unit_vi || fig.unit_en;
  const n = fmtFigure(fig, v, lang);
  return unit ? `${n}\u00a0${unit}` : n;
}

// A change with its sign: "+62", "−3,5", "0". The minus is the typographic
// one (U+2212), which does not break from its number.
export function fmtSigned(fig, v, lang = getLang()) {
  if (v === null || v === undefined) return '';
  const n = Number(v);
  const s = fmtFigure(fig, Math.abs(n), lang);
  if (n > 0) return `+${s}`;
  if (n < 0) return `\u2212${s}`;
  return s;
}

// A change in percent, one decimal: "+24,8 %"; '' when there is none
// (the previous value was 0: no percent of nothing).
export function fmtChangePercent(p, lang = getLang()) {
  if (p === null || p === undefined || !Number.isFinite(Number(p))) return '';
  const n = Number(p);
  const s = fmtCount(Math.abs(n), { digits: 1, lang });
  return `${n > 0 ? '+' : n < 0 ? '\u2212' : ''}${s}\u00a0%`;
}
