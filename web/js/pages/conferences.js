// conferences.js - conferences and meetings: the list (#/conferences) with
// its filters and a form to record one, and a conference's own page
// (#/conferences/:id) with the documents disseminated, the participating
// units, the contributions in the order heard and the conclusions, where it
// is edited or deleted.
//
//   GET    /api/conferences?kind=&unit=&from=&to=&cursor=   {items, next_cursor}
//   POST   /api/conferences                                 the new conference
//   GET    /api/conferences/:id
//   PUT    /api/conferences/:id                             replaced whole
//   DELETE /api/conferences/:id
//
// Documents are picked from GET /api/documents when the server has it.
import { html, useEffect, useState } from '../preact.js';
import { api, get, post } from '../api.js';
import { both, fmtDate, fmtNum, t, today, valueLabel } from '../i18n.js';
import { hrefOf, navigate } from '../router.js';
import { Field, Loading, Notice, inputProps } from '../ui.js';
import {
  EDIT_ROLES, ListFooter, RowsEditor, UnitsDatalist, ValueSelect, codesOf, compact, unitName, usePagedList,
} from './coord_ui.js';

export function ConferencesPage({ user, params }) {
  const filters = { kind: params.kind || '', unit: params.unit || '', from: params.from || '', to: params.to || '' };
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState(null);
  const [list, load] = usePagedList('/api/conferences', filters, version);
  const setFilter = (k, v) => navigate('/conferences', { ...filters, [k]: v }, { replace: true });

  return html`
    <div class="page conferences-page">
      <h1>${t('conf.title')}</h1>
      ${notice && html`<${Notice} msg=${notice} kind="ok" onClose=${() => setNotice(null)} />`}
      <section class="panel">
        <div class="toolbar filters">
          <div class="field inline">
            <label for="f-kind" class="field-label">${t('conf.kind')}</label>
            <${ValueSelect} id="f-kind" group="conference_kind" value=${filters.kind} any=${t('co.all')}
              onChange=${(e) => setFilter('kind', e.currentTarget.value)} />
          </div>
          <div class="field inline">
            <label for="f-unit" class="field-label">${t('co.unit_filter')}</label>
            <input id="f-unit" type="text" class="upper" list="co-units" value=${filters.unit} size="14"
              onChange=${(e) => setFilter('unit', e.currentTarget.value.trim().toUpperCase())} />
          </div>
          <div class="field inline">
            <label for="f-from" class="field-label">${t('co.from')}</label>
            <input id="f-from" type="date" value=${filters.from} onChange=${(e) => setFilter('from', e.currentTarget.value)} />
          </div>
          <div class="field inline">
            <label for="f-to" class="field-label">${t('co.to')}</label>
            <input id="f-to" type="date" value=${filters.to} onChange=${(e) => setFilter('to', e.currentTarget.value)} />
          </div>
        </div>
        ${!list.loading && !list.err && list.items.length === 0 && html`<p class="muted">${t('conf.empty')}</p>`}
        ${list.items.length > 0 && html`
          <div class="table-wrap"><table class="list conferences">
            <thead><tr>
              <th>${t('conf.date')}</th><th>${t('conf.kind')}</th><th>${t('conf.name')}</th>
              <th>${t('conf.host')}</th><th class="num">${t('conf.attendees')}</th>
            </tr></thead>
            <tbody>
              ${list.items.map((c) => html`<tr key=${c.id}>
                <td class="nowrap">${fmtDate(c.date)}</td>
                <td>${valueLabel('conference_kind', c.kind)}</td>
                <td><a href=${hrefOf(`/conferences/${c.id}`)}>${c.title}</a></td>
                <td>${unitName(c.unit)}</td>
                <td class="num">${c.attendees === null || c.attendees === undefined ? t('co.none') : fmtNum(c.attendees, 0)}</td>
              </tr>`)}
            </tbody>
          </table></div>`}
        <${ListFooter} list=${list} load=${load} />
      </section>
      ${EDIT_ROLES.includes(user.role) && html`
        <section class="panel">
          <h2>${t('conf.add')}</h2>
          <${ConferenceForm} user=${user} onSaved=${(c) => { setNotice(both('conf.created', { title: c.title })); setVersion((v) => v + 1); }} />
        </section>`}
      <${UnitsDatalist} />
    </div>`;
}

// The documents the server lists, if it has the route; null while unknown.
function useDocuments() {
  const [docs, setDocs] = useState(null);
  useEffect(() => {
    let live = true;
    get('/api/documents', { limit: 1000 }).then((r) => live && setDocs(r.items || [])).catch(() => live && setDocs([]));
    return () => { live = false; };
  }, []);
  return docs;
}

function ConferenceForm({ user, initial, onSaved }) {
  const i = initial || {};
  const docs = useDocuments();
  const [v, setV] = useState({
    kind: i.kind || 'quan_triet', title: i.title || '', date: i.date || today(),
    unit: i.unit ? i.unit.code : (user.unit && user.unit.code) || '', place: i.place || '', chair: i.chair || '',
    attendees: i.attendees ?? '', units: (i.units || []).map((u) => u.code).join(', '),
    conclusions: i.conclusions || '', notes: i.notes || '',
  });
  const [docIds, setDocIds] = useState((i.documents || []).map((d) => d.id));
  const [rows, setRows] = useState((i.contributions || []).map((k) => ({
    speaker: k.speaker || '', organization: k.organization || '', unit: k.unit ? k.unit.code : '', subject: k.subject || '' })));
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });

  async function submit(e) {
    e.preventDefault();
    setErr(null);
    const att = String(v.attendees).trim();
    if (att !== '' && !/^\d+$/.test(att)) {
      setErr({ field: 'attendees', ...both('error.required') });
      return;
    }
    const body = compact({
      kind: v.kind, title: v.title.trim(), date: v.date, unit: v.unit.trim().toUpperCase(),
      place: v.place.trim(), chair: v.chair.trim(), conclusions: v.conclusions.trim(), notes: v.notes.trim(),
    });
    if (att !== '') body.attendees = Number(att);
    body.documents = docIds;
    body.units = codesOf(v.units);
    body.contributions = rows.filter((r) => r.subject.trim() || r.speaker.trim() || r.organization.trim())
      .map((r) => compact({ speaker: r.speaker.trim(), organization: r.organization.trim(), unit: r.unit.trim().toUpperCase(), subject: r.subject.trim() }));
    setBusy(true);
    try {
      const res = i.id ? await api('PUT', `/api/conferences/${i.id}`, body) : await post('/api/conferences', body);
      if (!i.id) {
        setV({ ...v, title: '', place: '', chair: '', attendees: '', units: '', conclusions: '', notes: '' });
        setRows([]);
        setDocIds([]);
      }
      onSaved(res);
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  }

  return html`
    <form onSubmit=${submit} novalidate class="conference-form">
      <div class="grid2">
        <${Field} label=${t('conf.kind')} name="kind" err=${err}>
          <${ValueSelect} group="conference_kind" name="kind" value=${v.kind} onChange=${set('kind')} />
        <//>
        <${Field} label=${t('conf.date')} name="date" err=${err}>
          <input ...${inputProps('date', err)} type="date" required value=${v.date} onInput=${set('date')} />
        <//>
      </div>
      <${Field} label=${t('conf.name')} name="title" err=${err}>
        <input ...${inputProps('title', err)} type="text" required maxlength="500" value=${v.title} onInput=${set('title')} />
      <//>
      <div class="grid2">
        <${Field} label=${t('conf.host')} name="unit" err=${err} hint=${t('co.unit_hint')}>
          <input ...${inputProps('unit', err)} type="text" class="upper" list="co-units" required value=${v.unit} onInput=${set('unit')} />
        <//>
        <${Field} label=${t('conf.place')} name="place" err=${err}>
          <input ...${inputProps('place', err)} type="text" maxlength="200" value=${v.place} onInput=${set('place')} />
        <//>
        <${Field} label=${t('conf.chair')} name="chair" err=${err}>
          <input ...${inputProps('chair', err)} type="text" maxlength="200" value=${v.chair} onInput=${set('chair')} />
        <//>
        <${Field} label=${t('conf.attendees')} name="attendees" err=${err} hint=${t('conf.attendees_hint')}>
          <input ...${inputProps('attendees', err)} type="number" min="0" step="1" inputmode="numeric" value=${v.attendees} onInput=${set('attendees')} />
        <//>
      </div>
      <${Field} label=${t('conf.participants')} name="units" err=${err} hint=${t('co.units_hint')}>
        <input ...${inputProps('units', err)} type="text" class="upper" value=${v.units} onInput=${set('units')} />
      <//>
      <fieldset class=${`field doc-picks${err && err.field === 'documents' ? ' field-invalid' : ''}`}>
        <legend class="field-label">${t('conf.documents')}</legend>
        ${docs === null ? html`<${Loading} />` : docs.length === 0
          ? html`<span class="muted small">${t('co.not_found_docs')}</span>`
          : docs.map((d) => html`<label key=${d.id} class="check doc-pick">
              <input type="checkbox" name="documents" value=${d.id} checked=${docIds.includes(d.id)}
                onChange=${(e) => { const on = e.currentTarget.checked; setDocIds((ids) => on ? [...ids, d.id] : ids.filter((x) => x !== d.id)); }} />
              <span><strong>${d.number_symbol || t('conf.doc_no_number')}</strong> ${fmtDate(d.issued_on)} — ${d.title}</span>
            </label>`)}
        ${i.documents_hidden > 0 && html`<span class="field-hint">${t('conf.docs_hidden_kept', { n: i.documents_hidden })}</span>`}
      </fieldset>
      <${RowsEditor} label=${t('conf.contributions')} rows=${rows} setRows=${setRows}
        blank=${{ speaker: '', organization: '', unit: '', subject: '' }}
        cols=${[
          { key: 'speaker', label: t('conf.speaker') },
          { key: 'organization', label: t('conf.organization') },
          { key: 'unit', label: t('co.unit_code'), units: true },
          { key: 'subject', label: t('conf.subject') },
        ]} />
      <p class="field-hint">${t('conf.contrib_hint')}</p>
      <${Field} label=${t('conf.conclusions')} name="conclusions" err=${err}>
        <textarea ...${inputProps('conclusions', err)} rows="4" value=${v.conclusions} onInput=${set('conclusions')}></textarea>
      <//>
      <${Field} label=${t('co.notes')} name="notes" err=${err}>
        <textarea ...${inputProps('notes', err)} rows="2" value=${v.notes} onInput=${set('notes')}></textarea>
      <//>
      <${Notice} msg=${err} />
      <button type="submit" class="primary" disabled=${busy}>${t('conf.create')}</button>
    </form>`;
}

// #/conferences/:id
export function ConferencePage({ user, params }) {
  const [c, setC] = useState({ loading: true });
  const [notice, setNotice] = useState(null);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    let live = true;
    get(`/api/conferences/${encodeURIComponent(params.id)}`)
      .then((d) => live && setC({ data: d })).catch((err) => live && setC({ err }));
    return () => { live = false; };
  }, [params.id, version]);

  async function remove() {
    if (!window.confirm(t('co.delete_confirm'))) return;
    try {
      await api('DELETE', `/api/conferences/${params.id}`);
      navigate('/conferences');
    } catch (err) {
      setNotice({ kind: 'error', msg: err });
    }
  }

  const d = c.data;
  const canEdit = EDIT_ROLES.includes(user.role);
  return html`
    <div class="page conference-page">
      <p class="back"><a href=${hrefOf('/conferences')}>${t('conf.back')}</a></p>
      ${c.err && html`<${Notice} msg=${c.err} />`}
      ${!d && c.loading && html`<${Loading} />`}
      ${d && html`
        <h1>${d.title}</h1>
        ${notice && html`<${Notice} msg=${notice.msg} kind=${notice.kind} onClose=${() => setNotice(null)} />`}
        <section class="panel">
          <dl class="facts">
            <dt>${t('conf.kind')}</dt><dd>${valueLabel('conference_kind', d.kind)}</dd>
            <dt>${t('conf.date')}</dt><dd>${fmtDate(d.date)}</dd>
            <dt>${t('conf.host')}</dt><dd>${unitName(d.unit)}</dd>
            <dt>${t('conf.place')}</dt><dd>${d.place || t('co.none')}</dd>
            <dt>${t('conf.chair')}</dt><dd>${d.chair || t('co.none')}</dd>
            <dt>${t('conf.attendees')}</dt><dd>${d.attendees === null ? t('co.none') : fmtNum(d.attendees, 0)}</dd>
            <dt>${t('conf.participants')}</dt><dd>${d.units.length ? d.units.map(unitName).join('; ') : t('co.none')}</dd>
          </dl>
        </section>
        <section class="panel">
          <h2>${t('conf.documents')}</h2>
          ${d.documents.length === 0 && !d.documents_hidden ? html`<p class="muted">${t('co.none')}</p>` : html`<ul class="documents">
            ${d.documents.map((x) => html`<li key=${x.id}><a href=${hrefOf(`/documents/${x.id}`)}><strong>${x.number_symbol || t('conf.doc_no_number')}</strong></a> ${fmtDate(x.issued_on)} — ${x.title}</li>`)}
          </ul>`}
          ${d.documents_hidden > 0 && html`<p class="muted small docs-hidden">${t('conf.docs_hidden', { n: d.documents_hidden })}</p>`}
          <h2>${t('conf.contributions')}</h2>
          ${d.contributions.length === 0 ? html`<p class="muted">${t('conf.no_contrib')}</p>` : html`<ol class="contributions">
            ${d.contributions.map((k, i) => html`<li key=${i}>
              <strong>${[k.speaker, k.organization].filter(Boolean).join(' — ')}</strong>
              ${k.unit && html`<span class="muted"> (${unitName(k.unit)})</span>`}: ${k.subject}
            </li>`)}
          </ol>`}
          <h2>${t('conf.conclusions')}</h2>
          <p class="prose">${d.conclusions || t('co.none')}</p>
          ${d.notes && html`<h3>${t('co.notes')}</h3><p class="prose">${d.notes}</p>`}
        </section>
        ${canEdit && html`
          <section class="panel">
            <div class="toolbar">
              <button type="button" onClick=${() => setEditing(!editing)}>${t('co.edit')}</button>
              <button type="button" onClick=${remove}>${t('co.delete')}</button>
            </div>
            ${editing && html`<${ConferenceForm} user=${user} initial=${d}
              onSaved=${() => { setEditing(false); setNotice({ kind: 'ok', msg: both('co.saved') }); setVersion((x) => x + 1); }} />`}
          </section>`}`}
      <${UnitsDatalist} />
    </div>`;
}
