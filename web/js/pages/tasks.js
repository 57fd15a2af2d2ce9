// tasks.js - the task board (#/tasks): the tasks of the user's scope in
// three columns by status (not started, in progress, done), overdue ones
// in red, filtered by unit; and a task's own page (#/tasks/:id) with its
// progress reports and a form to add one. TaskForm and TaskRow serve the
// document page too.
//
//   GET  /api/tasks?unit=&overdue=1&limit=   {items, next_cursor}
//   POST /api/tasks                          the new task
//   GET  /api/tasks/:id                      the task with "updates"
//   POST /api/tasks/:id/updates              {date, status, progress, note}
import { html, useEffect, useState } from '../preact.js';
import { get, post } from '../api.js';
import { both, fmtDate, fmtNum, t, today, valueCodes, valueLabel } from '../i18n.js';
import { hrefOf, navigate } from '../router.js';
import { Field, Loading, Notice, formValues, inputProps } from '../ui.js';
import { EDIT_ROLES, unitLabel } from './markers.js';
import { UnitsDatalist } from './coord_ui.js';

const taskHref = (id) => hrefOf(`/tasks/${encodeURIComponent(id)}`);
const docHref = (id) => hrefOf(`/documents/${encodeURIComponent(id)}`);
const STATUSES = ['not_started', 'in_progress', 'done'];

function StatusBadge({ task }) {
  return html`
    <span class=${`status status-${task.status}`}>${valueLabel('task_status', task.status)}</span>
    ${task.overdue && html` <span class="overdue-label">${t('task.overdue')}</span>`}
    ${task.late && html` <span class="muted small">${t('task.late')}</span>`}`;
}

function Progress({ value }) {
  return html`
    <span class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${value}>
      <span class="progress-bar" style=${`width: ${Math.max(0, Math.min(100, value))}%`}></span>
    </span>
    <span class="small">${fmtNum(value)}%</span>`;
}

export function TaskRow({ task }) {
  return html`
    <tr class=${task.overdue ? 'overdue' : ''}>
      <td><a href=${taskHref(task.id)}>${task.title}</a></td>
      <td>${unitLabel(task.unit)}</td>
      <td class="nowrap">${task.due_on ? fmtDate(task.due_on) : t('task.no_due')}</td>
      <td><${StatusBadge} task=${task} /> <${Progress} value=${task.progress} /></td>
    </tr>`;
}

function Card({ task }) {
  return html`
    <li class=${`task-card${task.overdue ? ' overdue' : ''}`}>
      <a class="task-card-title" href=${taskHref(task.id)}>${task.title}</a>
      <div class="small">${t('task.lead')}: ${unitLabel(task.unit)}</div>
      ${task.supporting.length > 0 && html`<div class="small muted">${t('task.supporting')}: ${task.supporting.map((u) => u.name).join('; ')}</div>`}
      <div class="small">${t('task.due_on')}: <span class=${task.overdue ? 'overdue-label' : ''}>${task.due_on ? fmtDate(task.due_on) : t('task.no_due')}</span>
        ${task.overdue && html` — <span class="overdue-label">${t('task.overdue')}</span>`}</div>
      ${task.document && html`<div class="small muted"><a href=${docHref(task.document.id)}>${task.document.number_symbol || task.document.title}</a></div>`}
      <div><${Progress} value=${task.progress} /></div>
    </li>`;
}

export function TasksPage({ user, params }) {
  const filters = { unit: params.unit || '', overdue: params.overdue || '' };
  const [tasks, setTasks] = useState(null);
  const [units, setUnits] = useState([]);
  const [err, setErr] = useState(null);

  useEffect(() => {
    let live = true;
    setErr(null);
    get('/api/tasks', { unit: filters.unit, overdue: filters.overdue, limit: 1000 })
      .then((r) => { if (live) setTasks(r.items); })
      .catch((x) => { if (live) { setErr(x); setTasks([]); } });
    return () => { live = false; };
  }, [filters.unit, filters.overdue]);
  useEffect(() => {
    get('/api/units', { limit: 1000 }).then((r) => setUnits(r.items)).catch(() => setUnits([]));
  }, []);

  const set = (k, v) => navigate('/tasks', { ...filters, [k]: v });
  return html`
    <div class="page tasks-page">
      <h1>${t('task.title')}</h1>
      <p class="muted">${t('task.intro')}</p>
      <div class="toolbar filters">
        <div class="field inline">
          <label for="f-unit" class="field-label">${t('task.unit_filter')}</label>
          <select id="f-unit" value=${filters.unit} onChange=${(e) => set('unit', e.currentTarget.value)}>
            <option value="">${t('task.all_units')}</option>
            ${units.map((u) => html`<option key=${u.id} value=${u.code}>${u.name} (${u.code})</option>`)}
          </select>
        </div>
        <label class="check">
          <input type="checkbox" checked=${filters.overdue === '1'} onChange=${(e) => set('overdue', e.currentTarget.checked ? '1' : '')} />
          <span>${t('task.only_overdue')}</span>
        </label>
      </div>
      ${err && html`<${Notice} msg=${err} />`}
      ${!tasks && html`<${Loading} />`}
      ${tasks && html`
        <div class="board">
          ${STATUSES.map((st) => {
            const col = tasks.filter((x) => x.status === st);
            return html`
              <section class=${`board-col board-${st}`} key=${st} aria-label=${valueLabel('task_status', st)}>
                <h2>${valueLabel('task_status', st)} <span class="muted">(${fmtNum(col.length)})</span></h2>
                ${col.length === 0 && html`<p class="muted small">${t('task.none')}</p>`}
                <ul class="task-cards">${col.map((x) => html`<${Card} key=${x.id} task=${x} />`)}</ul>
              </section>`;
          })}
        </div>`}
    </div>`;
}

// POST /api/tasks, from a document.
export function TaskForm({ user, document, onAdded }) {
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  async function submit(e) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    setErr(null);
    setBusy(true);
    try {
      const supporting = v.supporting ? v.supporting.split(/[,;\s]+/).filter(Boolean).map((s) => s.toUpperCase()) : [];
      await post('/api/tasks', { document: document ? document.id : undefined, title: v.title,
        unit: v.unit.toUpperCase(), supporting, due_on: v.due_on || undefined, notes: v.notes || undefined });
      form.reset();
      onAdded();
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  }
  return html`
    <section class="panel">
      <h2>${t('task.add')}</h2>
      ${err && html`<${Notice} msg=${err} />`}
      <form onSubmit=${submit} novalidate>
        <${Field} label=${t('task.name')} name="title" err=${err}>
          <textarea ...${inputProps('title', err)} rows="2" required></textarea>
        <//>
        <div class="grid2">
          <${Field} label=${t('task.lead')} hint=${t('co.unit_hint')} name="unit" err=${err}>
            <input ...${inputProps('unit', err)} type="text" class="upper" spellcheck="false" required list="co-units"
              defaultValue=${user.unit ? user.unit.code : ''} />
          <//>
          <${Field} label=${t('task.supporting')} hint=${t('task.supporting_hint')} name="supporting" err=${err}>
            <input ...${inputProps('supporting', err)} type="text" class="upper" spellcheck="false" />
          <//>
          <${Field} label=${t('task.due_on')} name="due_on" err=${err}>
            <input ...${inputProps('due_on', err)} type="date" min=${document ? document.issued_on : undefined} />
          <//>
          <${Field} label=${t('task.notes')} name="notes" err=${err}>
            <input ...${inputProps('notes', err)} type="text" />
          <//>
        </div>
        <button type="submit" class="primary" disabled=${busy}>${t('task.create')}</button>
      </form>
      <${UnitsDatalist} />
    </section>`;
}

export function TaskPage({ user, params }) {
  const id = params.id;
  const [task, setTask] = useState(null);
  const [err, setErr] = useState(null);
  const [notice, setNotice] = useState(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    get(`/api/tasks/${id}`).then((x) => { if (live) setTask(x); }).catch((x) => { if (live) setErr(x); });
    return () => { live = false; };
  }, [id, version]);

  if (err) return html`<div class="page"><p><a href=${hrefOf('/tasks')}>${t('task.back')}</a></p><${Notice} msg=${err} /></div>`;
  if (!task) return html`<div class="page"><${Loading} /></div>`;
  const canEdit = EDIT_ROLES.includes(user.role);
  return html`
    <div class="page task-page">
      <p><a href=${hrefOf('/tasks')}>${t('task.back')}</a></p>
      <h1 class=${task.overdue ? 'overdue-label' : ''}>${task.title}</h1>
      ${notice && html`<${Notice} msg=${notice.msg} kind=${notice.kind} onClose=${() => setNotice(null)} />`}
      <section class="panel">
        <dl class="facts">
          <dt>${t('task.status')}</dt><dd><${StatusBadge} task=${task} /> <${Progress} value=${task.progress} /></dd>
          <dt>${t('task.lead')}</dt><dd>${unitLabel(task.unit)}</dd>
          <dt>${t('task.supporting')}</dt><dd>${task.supporting.length ? task.supporting.map(unitLabel).join('; ') : t('none')}</dd>
          <dt>${t('task.due_on')}</dt><dd>${task.due_on ? fmtDate(task.due_on) : t('task.no_due')}</dd>
          ${task.document && html`<dt>${t('task.document')}</dt>
            <dd><a href=${docHref(task.document.id)}>${task.document.number_symbol || ''}</a> ${task.document.title}</dd>`}
          ${task.notes && html`<dt>${t('task.notes')}</dt><dd>${task.notes}</dd>`}
        </dl>
      </section>
      <section class="panel">
        <h2>${t('task.updates')}</h2>
        ${task.updates.length === 0 && html`<p class="muted">${t('task.updates_none')}</p>`}
        ${task.updates.length > 0 && html`
          <div class="table-wrap">
            <table class="list updates">
              <thead><tr><th>${t('task.update_date')}</th><th>${t('task.status')}</th><th>${t('task.progress')}</th><th>${t('task.update_note')}</th><th>${t('task.recorded_by')}</th></tr></thead>
              <tbody>${task.updates.map((u) => html`
                <tr key=${u.id}><td class="nowrap">${fmtDate(u.date)}</td><td>${valueLabel('task_status', u.status)}</td>
                  <td>${fmtNum(u.progress)}%</td><td>${u.note || ''}</td><td class="small muted">${u.recorded_by}</td></tr>`)}
              </tbody>
            </table>
          </div>`}
      </section>
      ${task.status === 'done' && html`<p class="notice notice-info">${t('task.done_closed', { date: fmtDate(task.done_on) })}</p>`}
      ${canEdit && task.status !== 'done' && html`<${UpdateForm} key=${task.updates.length} task=${task}
        onSaved=${() => { setNotice({ kind: 'ok', msg: both('task.update_saved') }); setVersion((v) => v + 1); }} />`}
    </div>`;
}

// POST /api/tasks/:id/updates. The percent follows the status: 100 when done.
function UpdateForm({ task, onSaved }) {
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState(task.status === 'not_started' ? 'in_progress' : task.status);
  async function submit(e) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    setErr(null);
    const body = { date: v.date || undefined, status: v.status, note: v.note || undefined };
    if (v.status !== 'done') {
      if (v.progress === '') {
        setErr({ field: 'progress', ...both('error.required') });
        return;
      }
      body.progress = Number(v.progress);
    }
    setBusy(true);
    try {
      await post(`/api/tasks/${task.id}/updates`, body);
      onSaved();
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  }
  return html`
    <section class="panel">
      <h2>${t('task.update_add')}</h2>
      ${err && html`<${Notice} msg=${err} />`}
      <form onSubmit=${submit} novalidate>
        <div class="grid2">
          <${Field} label=${t('task.update_date')} name="date" err=${err}>
            <input ...${inputProps('date', err)} type="date" defaultValue=${today()} max=${today()} />
          <//>
          <${Field} label=${t('task.status')} name="status" err=${err}>
            <select ...${inputProps('status', err)} value=${status} onChange=${(e) => setStatus(e.currentTarget.value)}>
              ${valueCodes('task_status').map((s) => html`<option key=${s} value=${s}>${valueLabel('task_status', s)}</option>`)}
            </select>
          <//>
          ${status !== 'done' && html`
            <${Field} label=${t('task.progress')} name="progress" err=${err}>
              <input ...${inputProps('progress', err)} type="number" min="0" max="100" step="1" defaultValue=${task.progress} />
            <//>`}
        </div>
        <${Field} label=${t('task.update_note')} name="note" err=${err}>
          <textarea ...${inputProps('note', err)} rows="2"></textarea>
        <//>
        <button type="submit" class="primary" disabled=${busy}>${t('task.update_save')}</button>
      </form>
    </section>`;
}
