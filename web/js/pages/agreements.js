// agreements.js - coordination agreements (quy chế phối hợp): the list
// (#/agreements) with a form to record one, and an agreement's own page
// (#/agreements/:id) with its parties, its commitments and how each was
// evaluated, its reviews, a form to record a review that evaluates every
// commitment, and "Gia hạn cho năm sau", which makes the next year's draft
// and opens it.
//
//   GET  /api/agreements?status=&unit=&from=&to=&cursor=
//   POST /api/agreements
//   GET  /api/agreements/:id        with "commitments", "reviews", "renewed_by"
//   PUT  /api/agreements/:id
//   POST /api/agreements/:id/reviews {date, result, notes, items: [{commitment, evaluation, note}]}
//   POST /api/agreements/:id/renew   the draft (201, or 200 when made before)
import { html, useEffect, useState } from '../preact.js';
import { api, get, post } from '../api.js';
import { both, fmtDate, t, today, valueLabel } from '../i18n.js';
import { fmtCount } from '../numbers.js';
import { hrefOf, navigate } from '../router.js';
import { Field, Loading, Notice, inputProps } from '../ui.js';
import {
  EDIT_ROLES, ListFooter, RowsEditor, UnitsDatalist, ValueSelect, codesOf, compact, unitName, usePagedList,
} from './coord_ui.js';

function StatusBadge({ s }) {
  return html`<span class=${`agr-status agr-${s}`}>${valueLabel('agreement_status', s)}</span>`;
}

function period(a) {
  return `${fmtDate(a.period_from)} – ${fmtDate(a.period_to)}`;
}

export function AgreementsPage({ user, params }) {
  const filters = { status: params.status || '', unit: params.unit || '', from: params.from || '', to: params.to || '' };
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState(null);
  const [list, load] = usePagedList('/api/agreements', filters, version);
  const setFilter = (k, v) => navigate('/agreements', { ...filters, [k]: v }, { replace: true });

  return html`
    <div class="page agreements-page">
      <h1>${t('agr.title')}</h1>
      ${notice && html`<${Notice} msg=${notice} kind="ok" onClose=${() => setNotice(null)} />`}
      <section class="panel">
        <div class="toolbar filters">
          <div class="field inline">
            <label for="f-status" class="field-label">${t('agr.status')}</label>
            <${ValueSelect} id="f-status" group="agreement_status" value=${filters.status} any=${t('co.all')}
              onChange=${(e) => setFilter('status', e.currentTarget.value)} />
          </div>
          <div class="field inline">
            <label for="f-unit" class="field-label">${t('co.unit_filter')}</label>
            <input id="f-unit" type="text" class="upper" list="co-units" size="14" value=${filters.unit}
              onChange=${(e) => setFilter('unit', e.currentTarget.value.trim().toUpperCase())} />
          </div>
        </div>
        ${!list.loading && !list.err && list.items.length === 0 && html`<p class="muted">${t('agr.empty')}</p>`}
        ${list.items.length > 0 && html`
          <div class="table-wrap"><table class="list agreements">
            <thead><tr>
              <th>${t('agr.name')}</th><th>${t('agr.period')}</th><th>${t('agr.signed_on')}</th>
              <th>${t('agr.status')}</th><th>${t('agr.keeper')}</th>
            </tr></thead>
            <tbody>
              ${list.items.map((a) => html`<tr key=${a.id}>
                <td><a href=${hrefOf(`/agreements/${a.id}`)}>${a.title}</a>${a.number_symbol ? html` <span class="muted">(${a.number_symbol})</span>` : ''}</td>
                <td class="nowrap">${period(a)}</td>
                <td class="nowrap">${fmtDate(a.signed_on) || t('co.none')}</td>
                <td><${StatusBadge} s=${a.status} /></td>
                <td>${unitName(a.unit)}</td>
              </tr>`)}
            </tbody>
          </table></div>`}
        <${ListFooter} list=${list} load=${load} />
      </section>
      ${EDIT_ROLES.includes(user.role) && html`
        <section class="panel">
          <h2>${t('agr.add')}</h2>
          <${AgreementForm} user=${user} onSaved=${() => { setNotice(both('agr.created')); setVersion((v) => v + 1); }} />
        </section>`}
      <${UnitsDatalist} />
    </div>`;
}

function AgreementForm({ user, initial, onSaved }) {
  const i = initial || {};
  const year = new Date().getFullYear();
  const [v, setV] = useState({
    title: i.title || '', number_symbol: i.number_symbol || '', period_from: i.period_from || `${year}-01-01`,
    period_to: i.period_to || `${year}-12-31`, signed_on: i.signed_on || '', status: i.status || 'draft',
    unit: i.unit ? i.unit.code : (user.unit && user.unit.code) || '', notes: i.notes || '',
    parties: (i.parties || []).map((u) => u.code).join(', '),
  });
  const [rows, setRows] = useState((i.commitments || []).map((k) => ({
    id: k.id, text: k.text, party: k.party ? k.party.code : '', due_on: k.due_on || '' })));
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });

  async function submit(e) {
    e.preventDefault();
    setErr(null);
    const body = compact({
      title: v.title.trim(), number_symbol: v.number_symbol.trim(), period_from: v.period_from, period_to: v.period_to,
      signed_on: v.status === 'draft' ? '' : v.signed_on, status: v.status, unit: v.unit.trim().toUpperCase(), notes: v.notes.trim(),
    });
    body.parties = codesOf(v.parties);
    body.commitments = rows.filter((r) => r.text.trim())
      .map((r) => compact({ id: r.id, text: r.text.trim(), party: r.party.trim().toUpperCase(), due_on: r.due_on }));
    setBusy(true);
    try {
      const res = i.id ? await api('PUT', `/api/agreements/${i.id}`, body) : await post('/api/agreements', body);
      onSaved(res);
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  }

  return html`
    <form onSubmit=${submit} novalidate class="agreement-form">
      <${Field} label=${t('agr.name')} name="title" err=${err}>
        <input ...${inputProps('title', err)} type="text" required maxlength="500" value=${v.title} onInput=${set('title')} />
      <//>
      <div class="grid2">
        <${Field} label=${t('agr.number')} name="number_symbol" err=${err}>
          <input ...${inputProps('number_symbol', err)} type="text" maxlength="64" value=${v.number_symbol} onInput=${set('number_symbol')} />
        <//>
        <${Field} label=${t('agr.keeper')} name="unit" err=${err} hint=${t('co.unit_hint')}>
          <input ...${inputProps('unit', err)} type="text" class="upper" list="co-units" required value=${v.unit} onInput=${set('unit')} />
        <//>
        <${Field} label=${t('agr.period_from')} name="period_from" err=${err}>
          <input ...${inputProps('period_from', err)} type="date" required value=${v.period_from} onInput=${set('period_from')} />
        <//>
        <${Field} label=${t('agr.period_to')} name="period_to" err=${err}>
          <input ...${inputProps('period_to', err)} type="date" required value=${v.period_to} onInput=${set('period_to')} />
        <//>
        <${Field} label=${t('agr.status')} name="status" err=${err}>
          <${ValueSelect} group="agreement_status" name="status" value=${v.status} onChange=${set('status')} />
        <//>
        <${Field} label=${t('agr.signed_on')} name="signed_on" err=${err}>
          <input ...${inputProps('signed_on', err)} type="date" value=${v.status === 'draft' ? '' : v.signed_on}
            disabled=${v.status === 'draft'} max=${today()} onInput=${set('signed_on')} />
        <//>
      </div>
      <${Field} label=${t('agr.parties')} name="parties" err=${err} hint=${t('co.units_hint')}>
        <input ...${inputProps('parties', err)} type="text" class="upper" value=${v.parties} onInput=${set('parties')} />
      <//>
      <${RowsEditor} label=${t('agr.commitments')} rows=${rows} setRows=${setRows}
        blank=${{ text: '', party: '', due_on: '' }}
        cols=${[
          { key: 'text', label: t('agr.commitment') },
          { key: 'party', label: t('agr.party'), units: true },
          { key: 'due_on', label: t('agr.due_on'), render: (val, setVal, n) => html`<input type="date" aria-label=${`${t('agr.due_on')} ${n + 1}`}
            value=${val} onInput=${(e) => setVal(e.currentTarget.value)} />` },
        ]} />
      <${Field} label=${t('co.notes')} name="notes" err=${err}>
        <textarea ...${inputProps('notes', err)} rows="2" value=${v.notes} onInput=${set('notes')}></textarea>
      <//>
      <${Notice} msg=${err} />
      <button type="submit" class="primary" disabled=${busy}>${t('agr.create')}</button>
    </form>`;
}

// #/agreements/:id
export function AgreementPage({ user, params }) {
  const [a, setA] = useState({ loading: true });
  const [notice, setNotice] = useState(null);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setEditing(false);
    get(`/api/agreements/${encodeURIComponent(params.id)}`)
      .then((d) => live && setA({ data: d })).catch((err) => live && setA({ err }));
    return () => { live = false; };
  }, [params.id, version]);

  async function renew() {
    setBusy(true);
    try {
      const d = await post(`/api/agreements/${params.id}/renew`, {});
      setNotice({ kind: 'ok', msg: both('agr.renewed') });
      navigate(`/agreements/${d.id}`);
    } catch (err) {
      setNotice({ kind: 'error', msg: err });
    } finally {
      setBusy(false);
    }
  }

  const d = a.data;
  const canEdit = EDIT_ROLES.includes(user.role);
  // The latest evaluation of each commitment, reviews being oldest first.
  const latest = {};
  for (const r of (d && d.reviews) || []) for (const it of r.items) latest[it.commitment] = { ...it, date: r.date };
  const number = {};
  const textOf = {};
  ((d && d.commitments) || []).forEach((k, i) => { number[k.id] = i + 1; textOf[k.id] = k.text; });
  return html`
    <div class="page agreement-page">
      <p class="back"><a href=${hrefOf('/agreements')}>${t('agr.back')}</a></p>
      ${a.err && html`<${Notice} msg=${a.err} />`}
      ${!d && a.loading && html`<${Loading} />`}
      ${d && html`
        <h1>${d.title} <${StatusBadge} s=${d.status} /></h1>
        ${notice && html`<${Notice} msg=${notice.msg} kind=${notice.kind} onClose=${() => setNotice(null)} />`}
        ${d.status === 'draft' && html`<p class="notice notice-info">${t('agr.draft_note')}</p>`}
        <section class="panel">
          <dl class="facts">
            <dt>${t('agr.number')}</dt><dd>${d.number_symbol || t('co.none')}</dd>
            <dt>${t('agr.period')}</dt><dd>${period(d)}</dd>
            <dt>${t('agr.signed_on')}</dt><dd>${fmtDate(d.signed_on) || t('co.none')}</dd>
            <dt>${t('agr.keeper')}</dt><dd>${unitName(d.unit)}</dd>
            <dt>${t('agr.parties')}</dt><dd>${d.parties.map(unitName).join('; ')}</dd>
            ${d.notes && html`<dt>${t('co.notes')}</dt><dd>${d.notes}</dd>`}
          </dl>
          ${d.renewed_from && html`<p><a href=${hrefOf(`/agreements/${d.renewed_from}`)}>${t('agr.renewed_from')}</a></p>`}
          ${d.renewed_by && html`<p><a href=${hrefOf(`/agreements/${d.renewed_by}`)}>${t('agr.renewed_by')}</a></p>`}
          ${canEdit && d.status !== 'draft' && !d.renewed_by && html`
            <div class="renew">
              <button type="button" class="primary" disabled=${busy} onClick=${renew}>${t('agr.renew')}</button>
              <span class="field-hint">${t('agr.renew_hint')}</span>
            </div>`}
        </section>
        <section class="panel">
          <h2>${t('agr.commitments')}</h2>
          <div class="table-wrap"><table class="list commitments">
            <thead><tr><th class="num">#</th><th>${t('agr.commitment')}</th><th>${t('agr.party')}</th>
              <th>${t('agr.due_on')}</th><th>${t('agr.latest')}</th></tr></thead>
            <tbody>
              ${d.commitments.map((k, i) => html`<tr key=${k.id}>
                <td class="num">${i + 1}</td>
                <td>${k.text}</td>
                <td>${unitName(k.party) || t('co.none')}</td>
                <td class="nowrap">${fmtDate(k.due_on) || t('co.none')}</td>
                <td>${latest[k.id]
                  ? html`<span class=${`eval eval-${latest[k.id].evaluation}`}>${valueLabel('evaluation', latest[k.id].evaluation)}</span>
                      <span class="muted small"> ${fmtDate(latest[k.id].date)}</span>${latest[k.id].note ? html`<div class="small">${latest[k.id].note}</div>` : ''}`
                  : html`<span class="muted">${t('agr.not_evaluated')}</span>`}</td>
              </tr>`)}
            </tbody>
          </table></div>
        </section>
        <section class="panel">
          <h2>${t('agr.reviews')}</h2>
          ${d.reviews.length === 0 ? html`<p class="muted">${t('agr.no_reviews')}</p>` : d.reviews.map((r) => html`
            <div class="review" key=${r.id}>
              <h3>${fmtDate(r.date)} — ${t('agr.result')}: ${valueLabel('review_result', r.result)}</h3>
              ${r.notes && html`<p class="prose">${r.notes}</p>`}
              <p class="small">${t('agr.review_summary', { n: fmtCount(r.items.length) })}:
                ${['done', 'partly', 'not_done'].map((ev) => {
                  const n = r.items.filter((it) => it.evaluation === ev).length;
                  return n ? html` <span class=${`eval eval-${ev}`}>${valueLabel('evaluation', ev)}: ${n}</span>` : '';
                })}</p>
              <ul class="small">
                ${r.items.filter((it) => it.evaluation !== 'done' || it.note).map((it) => html`<li key=${it.commitment}>
                  <strong>#${number[it.commitment]}</strong> ${textOf[it.commitment]} — ${valueLabel('evaluation', it.evaluation)}${it.note ? `: ${it.note}` : ''}</li>`)}
              </ul>
            </div>`)}
          ${canEdit && d.status !== 'draft' && html`<${ReviewForm} a=${d}
            onDone=${(date) => { setNotice({ kind: 'ok', msg: both('agr.reviewed', { date: fmtDate(date) }) }); setVersion((x) => x + 1); }} />`}
        </section>
        ${canEdit && html`
          <section class="panel">
            <button type="button" onClick=${() => setEditing(!editing)}>${t('agr.edit')}</button>
            ${editing && html`<${AgreementForm} user=${user} initial=${d}
              onSaved=${() => { setNotice({ kind: 'ok', msg: both('co.saved') }); setVersion((x) => x + 1); }} />`}
          </section>`}`}
      <${UnitsDatalist} />
    </div>`;
}

// POST /api/agreements/:id/reviews: one row per commitment.
function ReviewForm({ a, onDone }) {
  const [date, setDate] = useState(today());
  const [result, setResult] = useState('tot');
  const [notes, setNotes] = useState('');
  const [evals, setEvals] = useState({});
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);

  async function submit(e) {
    e.preventDefault();
    setErr(null);
    const items = a.commitments.filter((k) => evals[k.id] && evals[k.id].evaluation)
      .map((k) => compact({ commitment: k.id, evaluation: evals[k.id].evaluation, note: (evals[k.id].note || '').trim() }));
    setBusy(true);
    try {
      await post(`/api/agreements/${a.id}/reviews`, compact({ date, result, notes: notes.trim(), items }));
      setEvals({});
      setNotes('');
      setOpen(false);
      onDone(date);
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  }
  const setEval = (id, k, v) => setEvals({ ...evals, [id]: { ...(evals[id] || {}), [k]: v } });

  return html`
    <details class="action review-form" open=${open} onToggle=${(e) => setOpen(e.currentTarget.open)}>
      <summary>${t('agr.review_add')}</summary>
      <form onSubmit=${submit} novalidate>
        <p class="field-hint">${t('agr.review_hint', { date: fmtDate(a.signed_on) })}</p>
        <div class="grid2">
          <${Field} label=${t('agr.review_date')} name="date" err=${err}>
            <input ...${inputProps('date', err)} type="date" required value=${date} min=${a.signed_on} max=${today()}
              onInput=${(e) => setDate(e.currentTarget.value)} />
          <//>
          <${Field} label=${t('agr.result')} name="result" err=${err}>
            <${ValueSelect} group="review_result" name="result" value=${result} onChange=${(e) => setResult(e.currentTarget.value)} />
          <//>
        </div>
        <div class="table-wrap"><table class="list review-items">
          <thead><tr><th class="num">#</th><th>${t('agr.commitment')}</th><th>${t('agr.evaluation')}</th><th>${t('co.notes')}</th></tr></thead>
          <tbody>
            ${a.commitments.map((k, i) => html`<tr key=${k.id}>
              <td class="num">${i + 1}</td>
              <td>${k.text}</td>
              <td><${ValueSelect} group="evaluation" name=${`eval-${i + 1}`} any=${t('agr.not_evaluated')}
                value=${(evals[k.id] || {}).evaluation || ''} onChange=${(e) => setEval(k.id, 'evaluation', e.currentTarget.value)} /></td>
              <td><input type="text" aria-label=${`${t('co.notes')} ${i + 1}`} value=${(evals[k.id] || {}).note || ''}
                onInput=${(e) => setEval(k.id, 'note', e.currentTarget.value)} /></td>
            </tr>`)}
          </tbody>
        </table></div>
        <${Field} label=${t('co.notes')} name="notes" err=${err}>
          <textarea ...${inputProps('notes', err)} rows="3" value=${notes} onInput=${(e) => setNotes(e.currentTarget.value)}></textarea>
        <//>
        <${Notice} msg=${err} />
        <button type="submit" class="primary" disabled=${busy}>${t('agr.review_submit')}</button>
      </form>
    </details>`;
}
