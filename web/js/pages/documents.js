// documents.js - the documents of direction: the list (#/documents) with
// its filters and a form to add one, and a document's own page
// (#/documents/:id) with its cascade drawn as a tree (the documents above
// it up to the Politburo's, those below it that carry it out), its files
// and the tasks it gives.
//
//   GET    /api/documents?kind=&year=&q=&limit=&cursor=   {items, next_cursor}
//   POST   /api/documents                                the new document (+ warnings)
//   GET    /api/documents/:id                            the document with "files"
//   GET    /api/documents/:id/cascade                    {ancestors, document{children}}
//   POST   /api/documents/:id/files                      multipart/form-data
//   DELETE /api/documents/:id/files/:file
//   GET    /api/tasks?document=:id, POST /api/tasks
import { html, useEffect, useRef, useState } from '../preact.js';
import { ApiError, api, get, post } from '../api.js';
import { both, fmtDate, t, valueCodes, valueLabel } from '../i18n.js';
import { fmtNum } from '../numbers.js';
import { hrefOf, navigate } from '../router.js';
import { Field, Loading, Notice, formValues, inputProps } from '../ui.js';
import { EDIT_ROLES, unitLabel } from './markers.js';
import { unitName } from './coord_ui.js';
import { TaskForm, TaskRow } from './tasks.js';

const PAGE = 50;

export const docHref = (id) => hrefOf(`/documents/${encodeURIComponent(id)}`);

// "Kế hoạch 05/KH-UBND": how people name a document.
export function docName(d) {
  if (!d) return '';
  const kind = valueLabel('doc_kind', d.kind);
  return d.number_symbol ? `${kind ? `${kind} ` : ''}${d.number_symbol}` : kind || d.title;
}

export function DocumentsPage({ user, params }) {
  const filters = { kind: params.kind || '', year: params.year || '', q: params.q || '' };
  const [q, setQ] = useState(filters.q);
  const [list, setList] = useState({ loading: true, items: [] });
  const [showAdd, setShowAdd] = useState(false);
  const seq = useRef(0);

  async function load(cursor) {
    const mine = ++seq.current;
    setList((l) => ({ ...l, loading: true, err: null }));
    try {
      const res = await get('/api/documents', { ...filters, limit: PAGE, cursor });
      if (mine !== seq.current) return;
      setList((l) => ({ items: cursor ? [...l.items, ...res.items] : res.items, next: res.next_cursor }));
    } catch (err) {
      if (mine !== seq.current) return;
      setList((l) => ({ ...l, loading: false, err }));
    }
  }

  useEffect(() => { load(); }, [filters.kind, filters.year, filters.q]);
  useEffect(() => {
    if (q === filters.q) return undefined;
    const id = setTimeout(() => setFilter('q', q.trim()), 350);
    return () => clearTimeout(id);
  }, [q]);

  function setFilter(k, v) {
    navigate('/documents', { ...filters, [k]: v }, { replace: k === 'q' });
  }

  const canEdit = EDIT_ROLES.includes(user.role);
  const thisYear = new Date().getFullYear();
  const years = [];
  for (let y = thisYear; y >= thisYear - 10; y--) years.push(y);
  return html`
    <div class="page documents-page">
      <div class="page-head">
        <h1>${t('doc.title')}</h1>
        ${canEdit && !showAdd && html`<button type="button" class="primary" onClick=${() => setShowAdd(true)}>${t('doc.add')}</button>`}
      </div>
      <p class="muted">${t('doc.intro')}</p>
      ${showAdd && html`<${DocumentForm} user=${user} onCancel=${() => setShowAdd(false)} />`}
      <section class="panel">
        <div class="toolbar filters">
          <div class="field inline">
            <label for="f-kind" class="field-label">${t('doc.kind')}</label>
            <select id="f-kind" value=${filters.kind} onChange=${(e) => setFilter('kind', e.currentTarget.value)}>
              <option value="">${t('reg.all')}</option>
              ${valueCodes('doc_kind').map((k) => html`<option key=${k} value=${k}>${valueLabel('doc_kind', k)}</option>`)}
            </select>
          </div>
          <div class="field inline">
            <label for="f-year" class="field-label">${t('doc.year')}</label>
            <select id="f-year" value=${filters.year} onChange=${(e) => setFilter('year', e.currentTarget.value)}>
              <option value="">${t('reg.all')}</option>
              ${years.map((y) => html`<option key=${y} value=${y}>${y}</option>`)}
            </select>
          </div>
          <div class="field inline grow">
            <label for="f-q" class="field-label">${t('doc.search')}</label>
            <input id="f-q" type="search" value=${q} onInput=${(e) => setQ(e.currentTarget.value)} />
          </div>
        </div>
        ${list.err && html`<${Notice} msg=${list.err} />`}
        ${!list.loading && !list.err && list.items.length === 0 && html`<p class="muted">${t('doc.empty')}</p>`}
        ${list.items.length > 0 && html`
          <div class="table-wrap">
            <table class="list documents">
              <thead>
                <tr>
                  <th>${t('doc.number')}</th>
                  <th>${t('doc.issued_on')}</th>
                  <th>${t('doc.issuing_body')}</th>
                  <th>${t('doc.doc_title')}</th>
                </tr>
              </thead>
              <tbody>
                ${list.items.map((d) => html`
                  <tr key=${d.id}>
                    <td class="nowrap"><a href=${docHref(d.id)}>${docName(d)}</a>
                      ${!d.symbol_parsed && d.number_symbol && html` <span class="badge-warn" title=${t('doc.symbol_flag')}>!</span>`}</td>
                    <td class="nowrap">${fmtDate(d.issued_on)}</td>
                    <td>${d.issuing_body}</td>
                    <td class="doc-title-cell">${d.title}</td>
                  </tr>`)}
              </tbody>
            </table>
          </div>`}
        ${list.loading && html`<${Loading} />`}
        ${list.next && !list.loading && html`<button type="button" onClick=${() => load(list.next)}>${t('reg.more')}</button>`}
      </section>
    </div>`;
}

// POST /api/documents; then the new document's page.
function DocumentForm({ user, onCancel }) {
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const [docs, setDocs] = useState([]);
  useEffect(() => {
    get('/api/documents', { limit: 1000 }).then((r) => setDocs(r.items)).catch(() => setDocs([]));
  }, []);

  async function submit(e) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    setErr(null);
    setBusy(true);
    try {
      const body = {
        kind: v.kind || undefined, number_symbol: v.number_symbol || undefined, issued_on: v.issued_on,
        issuing_body: v.issuing_body, title: v.title, summary: v.summary || undefined,
        implements: v.implements || undefined, unit: v.unit ? v.unit.toUpperCase() : undefined,
      };
      const d = await post('/api/documents', body);
      const warned = (d.warnings || []).length > 0;
      navigate(`/documents/${encodeURIComponent(d.id)}`, warned ? { warn: 'unparsed' } : {});
    } catch (x) {
      setErr(x);
      setBusy(false);
    }
  }

  return html`
    <section class="panel">
      <h2>${t('doc.add')}</h2>
      ${err && html`<${Notice} msg=${err} />`}
      <form onSubmit=${submit} novalidate>
        <div class="grid2">
          <${Field} label=${t('doc.number')} hint=${t('doc.number_hint')} name="number_symbol" err=${err}>
            <input ...${inputProps('number_symbol', err)} type="text" spellcheck="false" />
          <//>
          <${Field} label=${t('doc.kind')} name="kind" err=${err}>
            <select ...${inputProps('kind', err)}>
              <option value="">${t('doc.kind_auto')}</option>
              ${valueCodes('doc_kind').map((k) => html`<option key=${k} value=${k}>${valueLabel('doc_kind', k)}</option>`)}
            </select>
          <//>
          <${Field} label=${t('doc.issued_on')} name="issued_on" err=${err}>
            <input ...${inputProps('issued_on', err)} type="date" required />
          <//>
          <${Field} label=${t('doc.issuing_body')} hint=${t('doc.issuing_body_hint')} name="issuing_body" err=${err}>
            <input ...${inputProps('issuing_body', err)} type="text" required />
          <//>
          <${Field} label=${t('doc.unit')} hint=${t('doc.unit_hint')} name="unit" err=${err}>
            <input ...${inputProps('unit', err)} type="text" class="upper" spellcheck="false"
              defaultValue=${user.unit ? user.unit.code : ''} />
          <//>
          <${Field} label=${t('doc.implements')} name="implements" err=${err}>
            <select ...${inputProps('implements', err)}>
              <option value="">${t('doc.implements_none')}</option>
              ${docs.map((d) => html`<option key=${d.id} value=${d.id}>${docName(d)} (${fmtDate(d.issued_on)})</option>`)}
            </select>
          <//>
        </div>
        <${Field} label=${t('doc.doc_title')} name="title" err=${err}>
          <textarea ...${inputProps('title', err)} rows="2" required></textarea>
        <//>
        <${Field} label=${t('doc.summary')} name="summary" err=${err}>
          <textarea ...${inputProps('summary', err)} rows="3"></textarea>
        <//>
        <div class="actions">
          <button type="submit" class="primary" disabled=${busy}>${t('doc.create')}</button>
          <button type="button" onClick=${onCancel}>${t('cancel')}</button>
        </div>
      </form>
    </section>`;
}

// One node of the cascade: a link with its date, issuer and task counts.
function CascadeNode({ n, self }) {
  if (n.hidden) return html`<span class="muted">${t('doc.hidden')}</span>`;
  const c = n.tasks || {};
  return html`
    <span class=${`cascade-node${self ? ' cascade-self' : ''}`}>
      ${self ? html`<strong>${docName(n)}</strong>` : html`<a href=${docHref(n.id)}>${docName(n)}</a>`}
      <span class="muted"> · ${fmtDate(n.issued_on)} · ${n.issuing_body}</span>
      ${self && html` <span class="muted">${t('doc.this')}</span>`}
      ${c.total > 0 && html`
        <span class="cascade-tasks">
          ${t('doc.tasks_count', { n: fmtNum(c.total) })}${c.done ? `, ${t('doc.tasks_done', { n: fmtNum(c.done) })}` : ''}
          ${c.overdue > 0 && html`<span class="overdue-label">, ${t('doc.tasks_overdue', { n: fmtNum(c.overdue) })}</span>`}
        </span>`}
      <span class="cascade-title">${n.title}</span>
    </span>`;
}

function CascadeChildren({ nodes }) {
  if (!nodes || nodes.length === 0) return null;
  return html`<ul>${nodes.map((c) => html`<li key=${c.id}><${CascadeNode} n=${c} /><${CascadeChildren} nodes=${c.children} /></li>`)}</ul>`;
}

// The ancestors nested one in the other, root first, with the document
// and the tree below it at the innermost level.
export function Cascade({ cascade }) {
  let inner = html`<li class="cascade-here"><${CascadeNode} n=${cascade.document} self=${true} /><${CascadeChildren} nodes=${cascade.document.children} /></li>`;
  for (let i = cascade.ancestors.length - 1; i >= 0; i--) {
    const a = cascade.ancestors[i];
    inner = html`<li key=${a.id || `h${i}`}><${CascadeNode} n=${a} /><ul>${inner}</ul></li>`;
  }
  return html`<ul class="cascade tree" aria-label=${t('doc.cascade')}>${inner}</ul>`;
}

export function DocumentPage({ user, params }) {
  const id = params.id;
  const [doc, setDoc] = useState(null);
  const [cascade, setCascade] = useState(null);
  const [tasks, setTasks] = useState(null);
  const [confs, setConfs] = useState(null);
  const [err, setErr] = useState(null);
  const [notice, setNotice] = useState(params.warn === 'unparsed' ? { kind: 'info', msg: both('doc.unparsed') } : null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    setErr(null);
    Promise.all([get(`/api/documents/${id}`), get(`/api/documents/${id}/cascade`),
      get('/api/tasks', { document: id, limit: 1000 }), get('/api/conferences', { document: id, limit: 1000 })])
      .then(([d, c, ts, cs]) => { if (live) { setDoc(d); setCascade(c); setTasks(ts.items); setConfs(cs.items); } })
      .catch((x) => { if (live) setErr(x); });
    return () => { live = false; };
  }, [id, version]);

  const canEdit = EDIT_ROLES.includes(user.role);
  if (err) return html`<div class="page"><p><a href=${hrefOf('/documents')}>${t('doc.back')}</a></p><${Notice} msg=${err} /></div>`;
  if (!doc) return html`<div class="page"><${Loading} /></div>`;
  const sym = doc.symbol;
  return html`
    <div class="page document-page">
      <p><a href=${hrefOf('/documents')}>${t('doc.back')}</a></p>
      <h1>${docName(doc)}</h1>
      <p class="doc-title">${doc.title}</p>
      ${notice && html`<${Notice} msg=${notice.msg} kind=${notice.kind} onClose=${() => setNotice(null)} />`}
      <section class="panel">
        <dl class="facts">
          <dt>${t('doc.kind')}</dt><dd>${valueLabel('doc_kind', doc.kind)}</dd>
          <dt>${t('doc.number')}</dt>
          <dd>${doc.number_symbol || t('none')}
            ${doc.number_symbol && html`<span class="muted small"> — ${sym
              ? t('doc.symbol_parsed', { number: sym.number, kind: sym.kind || '—', issuer: sym.issuer })
              : t('doc.symbol_flag')}</span>`}</dd>
          <dt>${t('doc.issued_on')}</dt><dd>${fmtDate(doc.issued_on)}</dd>
          <dt>${t('doc.issuing_body')}</dt><dd>${doc.issuing_body}</dd>
          <dt>${t('doc.unit')}</dt><dd>${doc.unit ? unitLabel(doc.unit) : t('doc.national')}</dd>
          ${doc.summary && html`<dt>${t('doc.summary')}</dt><dd>${doc.summary}</dd>`}
        </dl>
      </section>
      <section class="panel">
        <h2>${t('doc.cascade')}</h2>
        <p class="muted small">${t('doc.cascade_hint')}</p>
        ${cascade && html`<${Cascade} cascade=${cascade} />`}
      </section>
      <${Files} doc=${doc} canEdit=${canEdit && doc.writable} onChange=${(msg) => { setNotice(msg); setVersion((v) => v + 1); }} />
      <section class="panel">
        <h2>${t('doc.tasks')}</h2>
        ${tasks && tasks.length === 0 && html`<p class="muted">${t('doc.tasks_none')}</p>`}
        ${tasks && tasks.length > 0 && html`
          <div class="table-wrap">
            <table class="list tasks">
              <thead><tr><th>${t('task.name')}</th><th>${t('task.lead')}</th><th>${t('task.due_on')}</th><th>${t('task.status')}</th></tr></thead>
              <tbody>${tasks.map((tk) => html`<${TaskRow} key=${tk.id} task=${tk} />`)}</tbody>
            </table>
          </div>`}
        <p><a href=${hrefOf('/tasks')}>${t('task.open')}</a></p>
      </section>
      <section class="panel">
        <h2>${t('doc.conferences')}</h2>
        ${confs && confs.length === 0 && html`<p class="muted">${t('doc.conferences_none')}</p>`}
        ${confs && confs.length > 0 && html`
          <div class="table-wrap">
            <table class="list doc-conferences">
              <thead><tr><th>${t('conf.date')}</th><th>${t('conf.kind')}</th><th>${t('conf.name')}</th><th>${t('conf.host')}</th></tr></thead>
              <tbody>${confs.map((c) => html`<tr key=${c.id}>
                <td class="nowrap">${fmtDate(c.date)}</td>
                <td>${valueLabel('conference_kind', c.kind)}</td>
                <td><a href=${hrefOf(`/conferences/${c.id}`)}>${c.title}</a></td>
                <td>${unitName(c.unit)}</td>
              </tr>`)}</tbody>
            </table>
          </div>`}
      </section>
      ${canEdit && html`<${TaskForm} user=${user} document=${doc}
        onAdded=${() => { setNotice({ kind: 'ok', msg: both('task.created') }); setVersion((v) => v + 1); }} />`}
    </div>`;
}

// The document's files: download links for everyone, upload and removal for editors.
function Files({ doc, canEdit, onChange }) {
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/documents/${encodeURIComponent(doc.id)}/files`;

  async function upload(e) {
    e.preventDefault();
    const input = e.currentTarget.elements.file;
    const file = input.files && input.files[0];
    setErr(null);
    if (!file) {
      setErr({ field: 'file', ...both('error.required') });
      return;
    }
    const fd = new FormData();
    fd.append('file', file, file.name);
    setBusy(true);
    try {
      const res = await fetch(base, { method: 'POST', body: fd, credentials: 'same-origin' });
      const data = await res.json().catch(() => null);
      if (!res.ok) throw new ApiError(res.status, (data && data.error) || { code: 'unexpected', ...both('error.unexpected', { status: res.status }) });
      input.value = '';
      onChange({ kind: 'ok', msg: both('doc.uploaded', { name: data.file_name }) });
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  }

  async function remove(f) {
    if (!window.confirm(t('doc.file_confirm', { name: f.file_name }))) return;
    try {
      await api('DELETE', `${base}/${encodeURIComponent(f.id)}`);
      onChange(null);
    } catch (x) {
      setErr(x);
    }
  }

  const size = (n) => (n >= 1024 * 1024 ? `${fmtNum(n / 1024 / 1024, 1)} MB` : `${fmtNum(Math.max(1, Math.round(n / 1024)), 0)} KB`);
  return html`
    <section class="panel">
      <h2>${t('doc.files')}</h2>
      ${err && html`<${Notice} msg=${err} />`}
      ${doc.files.length === 0 && html`<p class="muted">${t('doc.files_none')}</p>`}
      ${doc.files.length > 0 && html`
        <ul class="files">
          ${doc.files.map((f) => html`
            <li key=${f.id}>
              <a href=${`${base}/${encodeURIComponent(f.id)}`} download=${f.file_name}>${f.file_name}</a>
              <span class="muted small"> · ${size(f.size)} · ${fmtDate(f.created_at)}</span>
              ${canEdit && html` <button type="button" class="small-btn danger" onClick=${() => remove(f)}>${t('doc.file_remove')}</button>`}
            </li>`)}
        </ul>`}
      ${canEdit && html`
        <form class="upload" onSubmit=${upload}>
          <label class="field-label" for="doc-file">${t('doc.file_pick')}</label>
          <div class="toolbar">
            <input id="doc-file" name="file" type="file" accept=".pdf,.docx,.doc,.xlsx,.xls,.odt,.jpg,.jpeg,.png" />
            <button type="submit" class="primary" disabled=${busy}>${t('doc.upload')}</button>
          </div>
        </form>`}
    </section>`;
}
