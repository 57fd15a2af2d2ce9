// dashboard.js - the home page after login (#/dashboard): the caller's
// unit at a glance.
//
//   - key figures of the year beside the year before, each with its change
//     (the yearly report, GET /api/reports?unit=<own>&period=<year>
//     &template=phong_trao_nam);
//   - two small charts of the figure chosen among them: by child unit,
//     and over six years (the reports of the year, two and four years
//     before, each carrying the year before it);
//   - the tasks overdue or due within 30 days (GET /api/tasks, which
//     marks the overdue ones);
//   - the activities entered last (GET /api/activities, newest first);
//   - a link into each report template (GET /api/report-templates).
//
// The year and the chosen figure are in the hash (#/dashboard?year=2025
// &figure=households), so Back and a reload keep them.
import { html, useEffect, useState } from '../preact.js';
import { get } from '../api.js';
import { fmtDate, t, today } from '../i18n.js';
import { fmtChangePercent, fmtCount, fmtFigure, fmtFigureWithUnit, fmtSigned } from '../numbers.js';
import { hrefOf, navigate } from '../router.js';
import { Loading, Notice } from '../ui.js';
import { BarChart, COLOURS } from '../charts.js';
import { nameOf, unitName } from '../activity_data.js';
import {
  KEY_FIGURES, YEARLY, allFigures, defaultPeriod, pick, reportHref, thisYear,
} from '../report_data.js';

const CARDS = 8;
const DUE_SOON_DAYS = 30;
const RECENT = 6;
const TASKS_SHOWN = 6;

const nonZero = (f) => Boolean(f.value || f.previous);

// The figures of the cards, up to CARDS: the key ones the unit has (not
// zero this year or the last), then its other figures that are not zero,
// then the key ones that are. A border post holds no households but
// holds outreach sessions: it sees those first.
function cardFigures(report) {
  const all = allFigures(report);
  const byKey = Object.fromEntries(all.map((f) => [f.key, f]));
  const keys = KEY_FIGURES.filter((k) => byKey[k]).map((k) => byKey[k]);
  const out = [];
  const add = (f) => { if (out.length < CARDS && !out.includes(f)) out.push(f); };
  keys.filter(nonZero).forEach(add);
  all.filter(nonZero).forEach(add);
  keys.forEach(add);
  return out;
}

function Change({ fig }) {
  const dir = fig.change > 0 ? 'up' : fig.change < 0 ? 'down' : 'same';
  const arrow = { up: '▲', down: '▼', same: '=' }[dir];
  const pct = fmtChangePercent(fig.change_percent);
  return html`
    <span class=${`kpi-change ${dir}`}>
      <span aria-hidden="true">${arrow}</span> ${fmtSigned(fig, fig.change)}${pct && ` (${pct})`}
    </span>`;
}

function Card({ fig, previous, selected, onSelect }) {
  const unit = pick(fig, 'unit');
  return html`
    <li>
      <button type="button" class="kpi" aria-pressed=${selected ? 'true' : 'false'} data-figure=${fig.key}
        onClick=${() => onSelect(fig.key)}>
        <span class="kpi-label">${pick(fig, 'label')}</span>
        <span class="kpi-value">${fmtFigure(fig, fig.value)}${unit && html`<span class="kpi-unit"> ${unit}</span>`}</span>
        <span class="kpi-prev">${pick(previous, 'title')}: ${fmtFigureWithUnit(fig, fig.previous)}</span>
        <${Change} fig=${fig} />
      </button>
    </li>`;
}

// The figure's value in each child unit, largest first; units with
// nothing are left out (a province has a dozen children, most of them
// agencies with no households).
function ByChild({ report, fig }) {
  const rows = report.children.map((c, i) => ({ name: c.name, v: fig.by_child[i] || 0 }))
    .filter((r) => r.v)
    .sort((a, b) => b.v - a.v);
  const title = t('dash.by_child', { figure: pick(fig, 'label') });
  if (!report.children.length) return html`<p class="muted">${t('dash.no_children')}</p>`;
  if (!rows.length) return html`<p class="muted">${t('dash.by_child_none', { period: pick(report.period, 'title') })}</p>`;
  return html`
    <${BarChart} label=${title} horizontal=${true} integer=${fig.format === 'integer'} height=${Math.max(140, 34 * rows.length + 40)}
      labels=${rows.map((r) => r.name)}
      datasets=${[{ label: pick(report.period, 'title'), data: rows.map((r) => r.v), color: COLOURS.current }]}
      fmt=${(v) => fmtFigure(fig, v)} />
    <div class="sr-only"><table class="chart-data by-child">
      <caption>${title}</caption>
      <tbody>${rows.map((r) => html`<tr key=${r.name}><th scope="row">${r.name}</th><td>${fmtFigureWithUnit(fig, r.v)}</td></tr>`)}</tbody>
    </table></div>`;
}

// Six years of the figure: each report gives its year and the one before.
function Trend({ reports, fig, year }) {
  const byYear = {};
  for (const r of reports) {
    if (!r) continue;
    const f = allFigures(r).find((x) => x.key === fig.key);
    if (!f) continue;
    byYear[Number(r.period.code)] = f.value;
    byYear[Number(r.previous.code)] = f.previous;
  }
  const years = [];
  for (let y = year - 5; y <= year; y++) if (y in byYear) years.push(y);
  const title = t('dash.trend', { figure: pick(fig, 'label') });
  if (years.length && years.every((y) => !byYear[y])) return html`<p class="muted">${t('dash.trend_none')}</p>`;
  return html`
    <${BarChart} label=${title} labels=${years.map(String)} integer=${fig.format === 'integer'}
      datasets=${[{
        label: pick(fig, 'label'),
        data: years.map((y) => byYear[y]),
        color: years.map((y) => (y === year ? COLOURS.current : COLOURS.previous)),
      }]}
      fmt=${(v) => fmtFigure(fig, v)} />
    <div class="sr-only"><table class="chart-data trend">
      <caption>${title}</caption>
      <tbody>${years.map((y) => html`<tr key=${y}><th scope="row">${y}</th><td>${fmtFigureWithUnit(fig, byYear[y])}</td></tr>`)}</tbody>
    </table></div>`;
}

function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function daysBetween(a, b) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
}

function TasksDue() {
  const [tasks, setTasks] = useState(null);
  const [err, setErr] = useState(null);
  useEffect(() => {
    get('/api/tasks', { limit: 1000 }).then((r) => setTasks(r.items)).catch((e) => { setErr(e); setTasks([]); });
  }, []);
  const now = today();
  const soonEnd = addDays(now, DUE_SOON_DAYS);
  const open = (tasks || []).filter((x) => x.status !== 'done' && x.due_on);
  const overdue = open.filter((x) => x.overdue);
  // Overdue is the server's word (its today); due soon is counted here.
  const soon = open.filter((x) => !x.overdue && x.due_on >= now && x.due_on <= soonEnd);
  const shown = [...overdue, ...soon].slice(0, TASKS_SHOWN);
  return html`
    <section class="panel dash-tasks" aria-labelledby="dash-tasks-h">
      <h2 id="dash-tasks-h">${t('dash.tasks')}</h2>
      ${err && html`<${Notice} msg=${err} />`}
      ${!tasks && html`<${Loading} />`}
      ${tasks && html`
        <p class="dash-counts">
          <a class=${overdue.length ? 'overdue-label' : ''} href=${hrefOf('/tasks', { overdue: 1 })}>${t('dash.tasks_overdue', { n: fmtCount(overdue.length) })}</a>
          <span aria-hidden="true"> · </span>
          <span>${t('dash.tasks_soon', { n: fmtCount(soon.length), days: DUE_SOON_DAYS })}</span>
        </p>
        ${shown.length === 0 && html`<p class="muted">${t('dash.tasks_none')}</p>`}
        <ul class="dash-list">
          ${shown.map((x) => html`
            <li key=${x.id} class=${x.overdue ? 'overdue' : ''}>
              <a href=${hrefOf(`/tasks/${encodeURIComponent(x.id)}`)}>${x.title}</a>
              <span class="small muted">${unitName(x.unit)}</span>
              <span class="small">
                ${t('task.due_on')}: ${fmtDate(x.due_on)}
                ${x.overdue
                  ? html` — <span class="overdue-label">${t('task.overdue')}</span>`
                  : html` — ${t('dash.days_left', { n: fmtCount(daysBetween(now, x.due_on)) })}`}
              </span>
            </li>`)}
        </ul>`}
      <p><a href=${hrefOf('/tasks')}>${t('task.open')}</a></p>
    </section>`;
}

function RecentActivities() {
  const [items, setItems] = useState(null);
  const [err, setErr] = useState(null);
  useEffect(() => {
    get('/api/activities', { limit: RECENT }).then((r) => setItems(r.items)).catch((e) => { setErr(e); setItems([]); });
  }, []);
  return html`
    <section class="panel dash-recent" aria-labelledby="dash-recent-h">
      <h2 id="dash-recent-h">${t('dash.recent')}</h2>
      ${err && html`<${Notice} msg=${err} />`}
      ${!items && html`<${Loading} />`}
      ${items && items.length === 0 && !err && html`<p class="muted">${t('act.empty')}</p>`}
      ${items && items.length > 0 && html`
        <ul class="dash-list">
          ${items.map((a) => html`
            <li key=${a.id}>
              <a href=${hrefOf(`/activities/${encodeURIComponent(a.id)}`)}>${a.title}</a>
              <span class="small muted">${fmtDate(a.date_from)} · ${nameOf(a.type)} · ${unitName(a.unit)}</span>
            </li>`)}
        </ul>`}
      <p><a href=${hrefOf('/activities')}>${t('dash.all_activities')}</a></p>
    </section>`;
}

function ReportLinks({ unit, year }) {
  const [items, setItems] = useState(null);
  const [err, setErr] = useState(null);
  useEffect(() => {
    get('/api/report-templates').then((r) => setItems(r.items)).catch((e) => { setErr(e); setItems([]); });
  }, []);
  return html`
    <section class="panel dash-reports" aria-labelledby="dash-reports-h">
      <h2 id="dash-reports-h">${t('dash.reports')}</h2>
      ${err && html`<${Notice} msg=${err} />`}
      ${!items && html`<${Loading} />`}
      ${items && html`
        <ul class="dash-list">
          ${items.map((x) => html`
            <li key=${x.code}>
              <a href=${reportHref({ unit, template: x.code, period: defaultPeriod(x.code, year) })}>${pick(x, 'name')}</a>
            </li>`)}
        </ul>`}
    </section>`;
}

export function DashboardPage({ user, params }) {
  const unit = (user.unit && user.unit.code) || '';
  const now = thisYear();
  const year = /^\d{4}$/.test(params.year || '') ? Number(params.year) : now;
  // reports[0] is the year's, [1] two years before, [2] four years before.
  const [reports, setReports] = useState([null, null, null]);
  const [err, setErr] = useState(null);

  useEffect(() => {
    let live = true;
    setErr(null);
    setReports([null, null, null]);
    [0, 2, 4].forEach((back, i) => {
      get('/api/reports', { unit, period: String(year - back), template: YEARLY })
        .then((r) => live && setReports((rs) => rs.map((x, j) => (j === i ? r : x))))
        .catch((e) => { if (live && i === 0) setErr(e); });
    });
    return () => { live = false; };
  }, [unit, year]);

  const report = reports[0];
  const cards = report ? cardFigures(report) : [];
  const chosen = cards.find((f) => f.key === params.figure) || cards.find(nonZero) || cards[0];
  const go = (p) => navigate('/dashboard', { year: params.year, figure: params.figure, ...p }, { replace: true });

  return html`
    <div class="page dashboard-page">
      <div class="page-head">
        <h1>${t('dash.title', { unit: (user.unit && user.unit.name) || '' })}</h1>
        <div class="field inline">
          <label for="dash-year" class="field-label">${t('dash.year')}</label>
          <select id="dash-year" value=${String(year)} onChange=${(e) => go({ year: e.currentTarget.value })}>
            ${[0, 1, 2, 3, 4, 5].map((b) => html`<option key=${b} value=${String(now - b)}>${now - b}</option>`)}
          </select>
        </div>
      </div>
      ${err && html`<${Notice} msg=${err} />`}
      ${!report && !err && html`<${Loading} />`}
      ${report && html`
        <p class="muted dash-sub">
          ${t('dash.compare', { period: pick(report.period, 'title'), previous: pick(report.previous, 'title') })}
          <span aria-hidden="true"> · </span>
          <a href=${reportHref({ unit, period: String(year), template: YEARLY })}>${t('dash.open_report')}</a>
        </p>
        <ul class="kpis" aria-label=${t('dash.key_figures')}>
          ${cards.map((f) => html`
            <${Card} key=${f.key} fig=${f} previous=${report.previous} selected=${chosen && f.key === chosen.key}
              onSelect=${(k) => go({ figure: k })} />`)}
        </ul>
        ${chosen && html`
          <div class="dash-charts">
            <section class="panel chart-panel" aria-labelledby="dash-by-child-h">
              <h2 id="dash-by-child-h">${t('dash.by_child', { figure: pick(chosen, 'label') })}</h2>
              <p class="small muted">${pick(report.period, 'title')} · ${pick(chosen, 'unit')}</p>
              <${ByChild} report=${report} fig=${chosen} />
            </section>
            <section class="panel chart-panel" aria-labelledby="dash-trend-h">
              <h2 id="dash-trend-h">${t('dash.trend', { figure: pick(chosen, 'label') })}</h2>
              <p class="small muted">${t('dash.trend_sub', { from: year - 5, to: year })} · ${pick(chosen, 'unit')}</p>
              <${Trend} reports=${reports} fig=${chosen} year=${year} />
            </section>
          </div>`}`}
      <div class="dash-grid">
        <${TasksDue} />
        <${RecentActivities} />
        <${ReportLinks} unit=${unit} year=${now} />
      </div>
    </div>`;
}
