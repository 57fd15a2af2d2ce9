// activity_import.js - bulk entry of activities (#/activities/import):
// choose a type, download its template (one row per activity, one column
// per indicator of the type), fill it in a spreadsheet, upload it as CSV.
//
//   GET  /api/activities/template?type=CODE&format=csv|xlsx
//   POST /api/activities/import    the CSV as multipart/form-data
//
// The import is all or nothing: either every row is stored, or none is
// and every bad line is listed with its number and reason, so the clerk
// fixes the file and uploads it again. The same file uploaded twice is
// refused by the server (it would count the activities twice); its message
// is shown as it is.
import { html, useState } from '../preact.js';
import { ApiError, query } from '../api.js';
import { apiMessage, both, t, valueLabel } from '../i18n.js';
import { fmtCount } from '../numbers.js';
import { hrefOf } from '../router.js';
import { Loading, Notice } from '../ui.js';
import { CATEGORIES, EDIT_ROLES, byName, isRetired, nameOf, typeIndicators, unitOf, useCatalog } from '../activity_data.js';

// Sends the file; answers the server's JSON body (an import summary, or
// an error with its list of problems). api.js's calls send JSON only.
async function upload(file) {
  const fd = new FormData();
  fd.append('file', file, file.name);
  let res;
  try {
    res = await fetch('/api/activities/import', {
      method: 'POST', body: fd, credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' },
    });
  } catch {
    throw new ApiError(0, { code: 'network', ...both('error.network') });
  }
  let body = null;
  try { body = await res.json(); } catch { body = null; }
  if (res.ok) return body || {};
  if (!body || !body.error) throw new ApiError(res.status, { code: 'unexpected', ...both('error.unexpected', { status: res.status }) });
  const e = new ApiError(res.status, body.error);
  e.problems = body.problems || body.error.problems || body.errors || body.lines || [];
  throw e;
}

// How many activities an import stored, whatever the summary calls it.
function storedCount(s) {
  for (const k of ['activities', 'created', 'stored', 'imported', 'records', 'count']) {
    if (Number.isFinite(s[k])) return s[k];
  }
  return null;
}

export function ActivityImportPage({ user, params }) {
  const cat = useCatalog();
  const [type, setType] = useState(params.type || '');
  const [file, setFile] = useState(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(null); // {ok, summary} | {err}
  const [inputKey, setInputKey] = useState(0);

  if (!EDIT_ROLES.includes(user.role)) return html`<${Notice} msg=${both('frame.no_access')} />`;

  async function submit(e) {
    e.preventDefault();
    if (!file || busy) return;
    setBusy(true);
    setResult(null);
    try {
      const summary = await upload(file);
      setResult({ ok: true, summary, name: file.name });
      setFile(null);
      setInputKey((k) => k + 1); // empties the file input
    } catch (x) {
      setResult({ err: x, name: file.name });
    } finally {
      setBusy(false);
    }
  }

  const choices = cat.types.filter((x) => !isRetired(x)).sort(byName);
  const chosen = cat.typeByCode[type];
  const tmpl = (format) => `/api/activities/template${query({ type, format })}`;
  return html`
    <div class="page import-page">
      <p class="back"><a href=${hrefOf('/activities')}>${t('actf.back')}</a></p>
      <h1>${t('imp.title')}</h1>
      <p class="lead">${t('imp.intro')}</p>
      ${cat.err && html`<${Notice} msg=${cat.err} />`}
      <section class="panel">
        <h2><span class="step">1</span>${t('imp.step_template')}</h2>
        ${cat.loading ? html`<${Loading} />` : html`
          <div class="field">
            <label>
              <span class="field-label">${t('act.type')}</span>
              <select name="type" value=${type} onChange=${(e) => setType(e.currentTarget.value)}>
                <option value="">${t('actf.choose_type')}</option>
                ${CATEGORIES.map((c) => [c, choices.filter((x) => x.category === c)]).filter(([, xs]) => xs.length).map(([c, xs]) => html`
                  <optgroup key=${c} label=${valueLabel('activity_category', c)}>
                    ${xs.map((x) => html`<option key=${x.code} value=${x.code}>${nameOf(x)}</option>`)}
                  </optgroup>`)}
              </select>
            </label>
          </div>`}
        ${chosen && html`
          <p>${t('imp.columns')}${' '}
            ${typeIndicators(chosen).map((i, n) => html`${n ? ', ' : ''}<code>${i.code}</code> (${nameOf(i)}, ${unitOf(i)}${i.required ? `, ${t('imp.required')}` : ''})`)}
          </p>
          <p class="downloads">
            <a class="button" href=${tmpl('csv')} download>${t('imp.download_csv')}</a>
            <a class="button" href=${tmpl('xlsx')} download>${t('imp.download_xlsx')}</a>
          </p>`}
        <p class="small muted">${t('imp.template_note')}</p>
      </section>
      <section class="panel">
        <h2><span class="step">2</span>${t('imp.step_upload')}</h2>
        <form onSubmit=${submit} class="upload-form">
          <div class="field">
            <label>
              <span class="field-label">${t('imp.file')}</span>
              <input key=${inputKey} type="file" name="file" accept=".csv,text/csv"
                onChange=${(e) => { setFile(e.currentTarget.files[0] || null); setResult(null); }} />
            </label>
            <span class="field-hint">${t('imp.file_hint')}</span>
          </div>
          <button type="submit" class="primary" disabled=${!file || busy}>${busy ? t('imp.uploading') : t('imp.upload')}</button>
        </form>
        ${result && result.ok && html`<${ImportDone} summary=${result.summary} name=${result.name} />`}
        ${result && result.err && html`<${ImportRefused} err=${result.err} name=${result.name} indByCode=${cat.indByCode} />`}
      </section>
    </div>`;
}

function ImportDone({ summary, name }) {
  const n = storedCount(summary);
  return html`
    <div class="notice notice-ok import-result" role="status">
      <span class="notice-text">
        ${n === null ? t('imp.done', { name }) : t('imp.stored', { n: fmtCount(n), name })}
        ${' '}<a href=${hrefOf('/activities')}>${t('actf.to_list')}</a>
      </span>
    </div>`;
}

// The column a problem is about: its header, and an indicator's name.
function ColumnCell({ col, ind }) {
  if (!col) return '';
  return html`<code>${col}</code>${ind ? html`<div class="small muted">${nameOf(ind)}</div>` : ''}`;
}

// A problem's line in the file; 0 is the file as a whole.
function lineOf(p) {
  const n = p.line ?? p.where;
  return n === 0 ? t('imp.whole_file') : n ?? '';
}

function ImportRefused({ err, name, indByCode }) {
  const problems = err.problems || [];
  return html`
    <div class="import-result">
      <${Notice} msg=${err} />
      <p class="nothing-stored"><strong>${t('imp.nothing_stored', { name })}</strong></p>
      ${problems.length > 0 && html`
        <p>${t('imp.bad_lines', { n: fmtCount(problems.length) })}</p>
        <div class="table-wrap">
          <table class="list problems">
            <thead><tr><th class="num">${t('imp.line')}</th><th>${t('imp.column')}</th><th>${t('imp.code')}</th><th>${t('imp.reason')}</th></tr></thead>
            <tbody>
              ${problems.map((p, i) => html`
                <tr key=${i}>
                  <td class="num">${lineOf(p)}</td>
                  <td><${ColumnCell} col=${p.field || p.column || ''} ind=${indByCode[p.field || p.column]} /></td>
                  <td class="code">${p.code || ''}</td>
                  <td>${apiMessage(p)}</td>
                </tr>`)}
            </tbody>
          </table>
        </div>`}
    </div>`;
}
