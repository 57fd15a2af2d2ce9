// report_data.js - what the dashboard and the report page share about
// reports (docs/reports.md): the words of a template in the reader's
// language, the period a template is usually asked for, the link to a
// report page and the URL of a report in any format.
import { query } from './api.js';
import { getLang, today } from './i18n.js';
import { hrefOf } from './router.js';

// The template every unit files each year; the dashboard's figures.
export const YEARLY = 'phong_trao_nam';

// The _vi or _en text of a template, section or figure: pick(fig, 'label').
export function pick(x, name) {
  if (!x) return '';
  const vi = x[`${name}_vi`];
  const en = x[`${name}_en`];
  return (getLang() === 'en' ? en || vi : vi || en) || '';
}

export function thisYear() {
  return Number(today().slice(0, 4));
}

// The period a template reports on by default, the last one that is whole
// or the current year: the five-year review of Border Day covers the five
// movement years up to last 2 March (M2021..M2025 in 2026); the others
// the current year.
export function defaultPeriod(template, year = thisYear()) {
  if (template === 'so_ket_ngay_bien_phong') return `M${year - 5}..M${year - 1}`;
  return String(year);
}

// "#/reports?unit=LS&period=2023&template=phong_trao_nam".
export function reportHref({ unit, period, template, round }) {
  return hrefOf('/reports', { unit, period, template, round });
}

// The URL of a report in a format (json, csv, xlsx, html, text), with the
// document's fields for the printable formats. The session cookie goes
// with a plain link, so each format is an <a href>.
export function reportUrl(params, format, doc = {}) {
  return `/api/reports${query({ ...params, format, lang: getLang(), ...doc })}`;
}

// The file name a download is saved under: "bao-cao-phong_trao_nam-LS-2023.xlsx".
export function reportFile({ unit, period, template }, ext) {
  const safe = (s) => String(s || '').replace(/[^A-Za-z0-9_.-]+/g, '_');
  return `bao-cao-${safe(template)}-${safe(unit)}-${safe(period)}.${ext}`;
}

// The key figures the dashboard shows first, when the template has them:
// what a commune and its post are asked about first each year.
export const KEY_FIGURES = [
  'households', 'km', 'markers', 'groups',
  'tuyen_truyen.buoi', 'tuyen_truyen.luot_nguoi', 'roads_km', 'commendation_recipients',
];

// All figures of a report, in order, each with its section.
export function allFigures(report) {
  return (report.sections || []).flatMap((s) => s.figures.map((f) => ({ ...f, section: s })));
}
