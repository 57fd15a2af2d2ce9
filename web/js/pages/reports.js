// reports.js - the report page (#/reports): choose a unit, a period and a
// template, read the report in the page, and download it in every format
// (docs/reports.md).
//
//   GET /api/report-templates                        the templates
//   GET /api/units?include_retired=1                 the units one may report on,
//                                                    the districts of before 2025 too
//   GET /api/reports?unit=&period=&template=         the report (JSON)
//   GET /api/reports?…&format=text&round=&lang=      its narrative paragraph
//   GET /api/reports?…&format=csv|xlsx|html|text     the downloads
//
// What is chosen lives in the hash (#/reports?unit=LS&period=2023
// &template=phong_trao_nam&round=1): a report is a link one can send. The
// form changes the hash only when "Xem báo cáo" is pressed, so typing a
// year does not fetch a report at every key.
import { html, useEffect, useState } from '../preact.js';
import { get, getText } from '../api.js';
import { KIND_CODES, fmtDate, getLang, kindLabel, lastDay, t } from '../i18n.js';
import { fmtChangePercent, fmtFigure, fmtSigned } from '../numbers.js';
import { navigate } from '../router.js';
import { Loading, Notice, formValues } from '../ui.js';
import { getAll } from '../activity_data.js';
import { PERIOD_KINDS, parsePeriod, periodCode, switchKind } from '../period.js';
import {
  YEARLY, defaultPeriod, pick, reportFile, reportUrl, thisYear,
} from '../report_data.js';

// The document's fields the printable formats take (docs/reports.md,
// "document"): what is left empty is taken from the unit.
const DOC_FIELDS = ['issuer', 'superior', 'number', 'place', 'date', 'signer_title', 'signer'];

const FORMATS = [
  { format: 'xlsx', ext: 'xlsx', key: 'rep.dl_xlsx' },
  { format: 'html', ext: 'html', key: 'rep.dl_html', open: true },
  { format: 'csv', ext: 'csv', key: 'rep.dl_csv' },
  { format: 'text', ext: 'txt', key: 'rep.dl_text' },
  { format: 'json', ext: 'json', key: 'rep.dl_json' },
];

// The units one may report on, grouped by kind (province, districts,
// communes …), those that no longer exist marked with their last day.
function UnitSelect({ units, value, onChange }) {
  const groups = KIND_CODES.map((k) => [k, units.filter((u) => u.kind === k)]).filter(([, us]) => us.length);
  const known = units.some((u) => u.code === value);
  return html`
    <select id="rep-unit" name="unit" value=${value} required onChange=${(e) => onChange(e.currentTarget.value)}>
      ${!known && value && html`<option value=${value}>${value}</option>`}
      ${groups.map(([k, us]) => html`
        <optgroup key=${k} label=${kindLabel(k)}>
          ${us.map((u) => html`
            <option key=${u.code} value=${u.code}>
              ${u.name}${u.valid_to ? ` (${t('rep.unit_until', { date: fmtDate(lastDay(u.valid_to)) })})` : ''}
            </option>`)}
        </optgroup>`)}
    </select>`;
}

// The period's fields for its kind; the code they make is shown under
// them, in the form the command line takes too.
function PeriodFields({ p, onChange }) {
  const num = (name, v, min, max, label) => html`
    <div class="field">
      <label for=${`rep-${name}`} class="field-label">${label}</label>
      <input id=${`rep-${name}`} type="number" inputmode="numeric" min=${min} max=${max} value=${v ?? ''}
        onInput=${(e) => onChange({ ...p, [name]: Number(e.currentTarget.value) })} />
    </div>`;
  const years = p.kind === 'years' || p.kind === 'movement_years';
  return html`
    <div class="period-fields">
      <div class="field period-kind">
        <label for="rep-kind" class="field-label">${t('rep.period_kind')}</label>
        <select id="rep-kind" value=${p.kind} onChange=${(e) => onChange(switchKind(p, e.currentTarget.value))}>
          ${PERIOD_KINDS.map((k) => html`<option key=${k} value=${k}>${t(`rep.kind.${k}`)}</option>`)}
        </select>
      </div>
      ${p.kind !== 'range' && num('year', p.year, 1900, 2200, years ? t('rep.year_from') : t('rep.year'))}
      ${years && num('year_to', p.year_to, 1900, 2200, t('rep.year_to'))}
      ${p.kind === 'quarter' && html`
        <div class="field">
          <label for="rep-part" class="field-label">${t('rep.quarter')}</label>
          <select id="rep-part" value=${String(p.part || 1)} onChange=${(e) => onChange({ ...p, part: Number(e.currentTarget.value) })}>
            ${[1, 2, 3, 4].map((q) => html`<option key=${q} value=${String(q)}>${t('rep.quarter_n', { n: q })}</option>`)}
          </select>
        </div>`}
      ${p.kind === 'month' && html`
        <div class="field">
          <label for="rep-part" class="field-label">${t('rep.month')}</label>
          <select id="rep-part" value=${String(p.part || 1)} onChange=${(e) => onChange({ ...p, part: Number(e.currentTarget.value) })}>
            ${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => html`<option key=${m} value=${String(m)}>${t('rep.month_n', { n: m })}</option>`)}
          </select>
        </div>`}
      ${p.kind === 'range' && html`
        <div class="field">
          <label for="rep-from" class="field-label">${t('rep.date_from')}</label>
          <input id="rep-from" type="date" value=${p.from || ''} onInput=${(e) => onChange({ ...p, from: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="rep-to" class="field-label">${t('rep.date_to')}</label>
          <input id="rep-to" type="date" value=${p.to || ''} onInput=${(e) => onChange({ ...p, to: e.currentTarget.value })} />
        </div>`}
      ${(p.kind === 'movement' || p.kind === 'movement_years') && html`
        <p class="field-hint span-all">${t('rep.movement_hint')}</p>`}
    </div>`;
}

function ChangeCell({ fig }) {
  const dir = fig.change > 0 ? 'up' : fig.change < 0 ? 'down' : 'same';
  const pct = fmtChangePercent(fig.change_percent);
  return html`
    <td class=${`num change ${dir}`} data-label=${t('rep.change_short')}>
      <span class="nowrap">${fmtSigned(fig, fig.change)}</span>
      ${pct && html` <span class="nowrap small">(${pct})</span>`}
    </td>`;
}

// A section: its figures, this period beside the one before, and the
// breakdown by child unit under it (folded: a province has a dozen).
// A period's title as a column heading: "Năm 2023", "Quý I năm 2023";
// a long one ("Giai đoạn … (từ ngày … đến ngày …)") is named in the
// report's head, and its column is "Kỳ báo cáo" or "Kỳ trước".
function columnTitle(period, short) {
  const title = pick(period, 'title');
  return title.length <= 24 ? title : t(short);
}

function Section({ report, section }) {
  const zero = section.figures.every((f) => !f.value && !f.previous);
  return html`
    <section class="panel report-section" data-section=${section.key}>
      <h3>${pick(section, 'title')}</h3>
      <div class="table-wrap">
        <table class="list report-figures">
          <thead>
            <tr>
              <th scope="col" class="col-label">${t('rep.figure')}</th>
              <th scope="col" class="col-unit">${t('rep.unit_of_measure')}</th>
              <th scope="col" class="num col-num">${columnTitle(report.period, 'rep.this_period')}</th>
              <th scope="col" class="num col-num">${columnTitle(report.previous, 'rep.previous_period')}</th>
              <th scope="col" class="num col-change">${t('rep.change')}</th>
            </tr>
          </thead>
          <tbody>
            ${section.figures.map((f) => html`
              <tr key=${f.key} data-figure=${f.key} class=${!f.value && !f.previous ? 'zero' : ''}>
                <th scope="row">${pick(f, 'label')}<span class="unit-inline"> (${pick(f, 'unit')})</span></th>
                <td class="unit">${pick(f, 'unit')}</td>
                <td class="num value" data-label=${columnTitle(report.period, 'rep.this_period')}>${fmtFigure(f, f.value)}</td>
                <td class="num previous" data-label=${columnTitle(report.previous, 'rep.previous_period')}>${fmtFigure(f, f.previous)}</td>
                <${ChangeCell} fig=${f} />
              </tr>`)}
          </tbody>
        </table>
      </div>
      ${report.children.length > 0 && !zero && html`
        <details class="by-child">
          <summary>${t('rep.by_child', { n: report.children.length })}</summary>
          <div class="table-wrap">
            <table class="list report-children">
              <thead>
                <tr>
                  <th scope="col">${t('rep.child_unit')}</th>
                  ${section.figures.map((f) => html`<th scope="col" class="num" key=${f.key}>${pick(f, 'label')} (${pick(f, 'unit')})</th>`)}
                </tr>
              </thead>
              <tbody>
                ${report.children.map((c, i) => html`
                  <tr key=${c.id}>
                    <th scope="row">${c.name} <span class="code">${c.code}</span></th>
                    ${section.figures.map((f) => html`<td class="num" key=${f.key}>${fmtFigure(f, f.by_child[i])}</td>`)}
                  </tr>`)}
              </tbody>
            </table>
          </div>
        </details>`}
    </section>`;
}

// The narrative paragraph as the server writes it, exact or rounded.
function Narrative({ params, round, onRound }) {
  const [text, setText] = useState(null);
  const [err, setErr] = useState(null);
  useEffect(() => {
    let live = true;
    setText(null);
    setErr(null);
    getText('/api/reports', { ...params, format: 'text', round: round ? 1 : '', lang: getLang() })
      .then((s) => live && setText(s.trim()))
      .catch((e) => live && setErr(e));
    return () => { live = false; };
  }, [params.unit, params.period, params.template, round, getLang()]);
  return html`
    <section class="panel narrative" aria-labelledby="rep-narr-h">
      <div class="panel-head">
        <h3 id="rep-narr-h">${t('rep.narrative')}</h3>
        <label class="check round-toggle">
          <input type="checkbox" checked=${round} onChange=${(e) => onRound(e.currentTarget.checked)} />
          <span>${t('rep.round')}</span>
        </label>
      </div>
      ${err && html`<${Notice} msg=${err} />`}
      ${!text && !err && html`<${Loading} />`}
      ${text && html`<p class="narrative-text">${text}</p>`}
      <p class="small muted">${round ? t('rep.round_on') : t('rep.round_off')}</p>
    </section>`;
}

// The download links, each format its own link (the session cookie goes
// with it); the printable HTML opens in a new tab, to print from there.
function Downloads({ params, round, doc }) {
  const q = { ...params, round: round ? 1 : '' };
  return html`
    <section class="panel downloads-panel" aria-labelledby="rep-dl-h">
      <h3 id="rep-dl-h">${t('rep.downloads')}</h3>
      <ul class="downloads report-downloads">
        ${FORMATS.map((f) => html`
          <li key=${f.format}>
            <a class="button" data-format=${f.format} href=${reportUrl(q, f.format, doc)}
              ...${f.open ? { target: '_blank', rel: 'noopener' } : { download: reportFile(params, f.ext) }}>
              ${t(f.key)}
            </a>
          </li>`)}
      </ul>
    </section>`;
}

// The document's fields for the printable HTML and the XLSX: number and
// symbol, place and date, recipients, who signs. Kept in the page only.
function DocumentFields({ doc, onChange }) {
  const field = (name, type = 'text') => html`
    <div class="field">
      <label for=${`rep-doc-${name}`} class="field-label">${t(`rep.doc.${name}`)}</label>
      <input id=${`rep-doc-${name}`} name=${name} type=${type} value=${doc[name] || ''} />
    </div>`;
  return html`
    <details class="action doc-fields">
      <summary>${t('rep.doc')}</summary>
      <p class="small muted">${t('rep.doc_hint')}</p>
      <form class="grid2" onInput=${(e) => onChange(formValues(e.currentTarget))} onSubmit=${(e) => e.preventDefault()}>
        ${DOC_FIELDS.map((n) => field(n, n === 'date' ? 'date' : 'text'))}
        <div class="field span2">
          <label for="rep-doc-recipients" class="field-label">${t('rep.doc.recipients')}</label>
          <textarea id="rep-doc-recipients" name="recipients" rows="3">${doc.recipients || ''}</textarea>
          <span class="field-hint">${t('rep.doc.recipients_hint')}</span>
        </div>
      </form>
    </details>`;
}

export function ReportsPage({ user, params }) {
  const own = (user.unit && user.unit.code) || '';
  const chosen = {
    unit: params.unit || own,
    template: params.template || YEARLY,
    period: params.period || defaultPeriod(params.template || YEARLY),
  };
  const round = params.round === '1';
  const [templates, setTemplates] = useState(null);
  const [units, setUnits] = useState([]);
  // The form's choices until "Xem báo cáo": the period's fields, the unit
  // and the template.
  const [draft, setDraft] = useState(parsePeriod(chosen.period) || { kind: 'year', year: thisYear() });
  const [choice, setChoice] = useState({ unit: chosen.unit, template: chosen.template });
  // The report with the choice it answers: one of a choice before is not
  // shown (nor its narrative fetched) while the next one loads.
  const key = [chosen.unit, chosen.period, chosen.template].join('|');
  const [loaded, setLoaded] = useState(null);
  const [err, setErr] = useState(null);
  const [listErr, setListErr] = useState(null);
  const [doc, setDoc] = useState({});

  useEffect(() => {
    get('/api/report-templates').then((r) => setTemplates(r.items)).catch((e) => { setListErr(e); setTemplates([]); });
    getAll('/api/units', { include_retired: 1 })
      .then((items) => setUnits(items.sort((a, b) => (a.code === own ? -1 : b.code === own ? 1 : (a.name || '').localeCompare(b.name || '', 'vi')))))
      .catch((e) => setListErr(e));
  }, []);

  // A report from a link (or Back) shows in the form.
  useEffect(() => {
    const p = parsePeriod(chosen.period);
    if (p) setDraft(p);
  }, [chosen.period]);
  useEffect(() => setChoice({ unit: chosen.unit, template: chosen.template }), [chosen.unit, chosen.template]);

  useEffect(() => {
    let live = true;
    setErr(null);
    get('/api/reports', chosen)
      .then((r) => live && setLoaded({ key, report: r }))
      .catch((e) => live && setErr(e));
    return () => { live = false; };
  }, [key]);
  const report = loaded && loaded.key === key ? loaded.report : null;

  function submit(e) {
    e.preventDefault();
    navigate('/reports', { unit: choice.unit, template: choice.template, period: periodCode(draft), round: params.round });
  }
  const setRound = (on) => navigate('/reports', { ...chosen, round: on ? '1' : '' }, { replace: true });
  const code = periodCode(draft);

  return html`
    <div class="page reports-page">
      <h1>${t('rep.title')}</h1>
      <form class="panel report-form" onSubmit=${submit}>
        <div class="report-choice">
          <div class="field">
            <label for="rep-unit" class="field-label">${t('rep.unit')}</label>
            <${UnitSelect} units=${units} value=${choice.unit} onChange=${(unit) => setChoice({ ...choice, unit })} />
          </div>
          <div class="field">
            <label for="rep-template" class="field-label">${t('rep.template')}</label>
            <select id="rep-template" name="template" value=${choice.template}
              onChange=${(e) => setChoice({ ...choice, template: e.currentTarget.value })}>
              ${(templates || []).map((x) => html`<option key=${x.code} value=${x.code}>${pick(x, 'name')}</option>`)}
              ${templates && !templates.some((x) => x.code === choice.template) && html`<option value=${choice.template}>${choice.template}</option>`}
            </select>
          </div>
        </div>
        <fieldset class="period-set">
          <legend class="field-label">${t('rep.period')}</legend>
          <${PeriodFields} p=${draft} onChange=${setDraft} />
          <p class="small muted">${t('rep.period_code')}: <code class="period-code">${code}</code></p>
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="primary">${t('rep.show')}</button>
        </div>
        ${listErr && html`<${Notice} msg=${listErr} />`}
      </form>

      ${err && html`<${Notice} msg=${err} />`}
      ${!report && !err && html`<${Loading} />`}
      ${report && html`
        <article class="report" aria-labelledby="rep-h">
          <header class="report-head">
            <h2 id="rep-h">${pick(report.template, 'name')}</h2>
            <p class="report-what">
              <strong>${report.unit.name}</strong>
              <span aria-hidden="true"> · </span>
              <span class="report-period">${pick(report.period, 'title')}</span>
              ${!pick(report.period, 'title').includes(fmtDate(report.period.from)) && html`
                <span class="muted small"> (${fmtDate(report.period.from)} – ${fmtDate(report.period.to)})</span>`}
            </p>
            <p class="small muted">${t('rep.compared', { previous: pick(report.previous, 'title') })}</p>
          </header>
          <${Narrative} params=${chosen} round=${round} onRound=${setRound} />
          <${Downloads} params=${chosen} round=${round} doc=${doc} />
          <${DocumentFields} doc=${doc} onChange=${setDoc} />
          ${report.sections.map((s) => html`<${Section} key=${s.key} report=${report} section=${s} />`)}
        </article>`}
    </div>`;
}
