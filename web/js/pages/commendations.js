// commendations.js - commendations (#/commendations): the list with its
// filters and the counts a report quotes ("5 tập thể, 9 cá nhân"), each
// decision opening onto its recipients, and a form with the recipients.
//
//   GET  /api/commendations?level=&programme=&unit=&from=&to=&cursor=
//        {items, next_cursor, counts: {commendations, collectives, individuals}}
//   GET  /api/commendations/:id      with "recipients"
//   POST /api/commendations
import { html, useState } from '../preact.js';
import { get, post } from '../api.js';
import { both, fmtDate, t, today, valueLabel } from '../i18n.js';
import { fmtNum } from '../numbers.js';
import { navigate } from '../router.js';
import { Field, Notice, inputProps } from '../ui.js';
import {
  EDIT_ROLES, ListFooter, RowsEditor, UnitsDatalist, ValueSelect, compact, unitName, usePagedList,
} from './coord_ui.js';

export function CommendationsPage({ user, params }) {
  const filters = { level: params.level || '', programme: params.programme || '', unit: params.unit || '',
    from: params.from || '', to: params.to || '' };
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState(null);
  const [list, load] = usePagedList('/api/commendations', filters, version);
  const setFilter = (k, v) => navigate('/commendations', { ...filters, [k]: v }, { replace: true });
  const counts = list.res && list.res.counts;

  return html`
    <div class="page commendations-page">
      <h1>${t('com.title')}</h1>
      ${notice && html`<${Notice} msg=${notice} kind="ok" onClose=${() => setNotice(null)} />`}
      <section class="panel">
        <div class="toolbar filters">
          <div class="field inline">
            <label for="f-level" class="field-label">${t('com.level')}</label>
            <${ValueSelect} id="f-level" group="commendation_level" value=${filters.level} any=${t('co.all')}
              onChange=${(e) => setFilter('level', e.currentTarget.value)} />
          </div>
          <div class="field inline grow">
            <label for="f-programme" class="field-label">${t('com.programme')}</label>
            <input id="f-programme" type="text" value=${filters.programme} list="co-programmes"
              onChange=${(e) => setFilter('programme', e.currentTarget.value.trim())} />
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
        <datalist id="co-programmes"><option value="Ngày Biên phòng toàn dân" /></datalist>
        ${counts && html`<p class="counts" role="status">${t('com.counts', {
          n: fmtNum(counts.commendations, 0), c: fmtNum(counts.collectives, 0), i: fmtNum(counts.individuals, 0) })}</p>`}
        ${!list.loading && !list.err && list.items.length === 0 && html`<p class="muted">${t('com.empty')}</p>`}
        ${list.items.length > 0 && html`
          <div class="table-wrap"><table class="list commendations">
            <thead><tr>
              <th>${t('com.date')}</th><th>${t('com.level')}</th><th>${t('com.issuing_body')}</th>
              <th>${t('com.reason')}</th><th>${t('com.recipients')}</th>
            </tr></thead>
            <tbody>
              ${list.items.map((c) => html`<${Row} key=${c.id} c=${c} />`)}
            </tbody>
          </table></div>`}
        <${ListFooter} list=${list} load=${load} />
      </section>
      ${EDIT_ROLES.includes(user.role) && html`
        <section class="panel">
          <h2>${t('com.add')}</h2>
          <${CommendationForm} user=${user} onSaved=${() => { setNotice(both('com.created')); setVersion((v) => v + 1); }} />
        </section>`}
      <${UnitsDatalist} />
    </div>`;
}

// One decision; its recipients are fetched when opened.
function Row({ c }) {
  const [open, setOpen] = useState(false);
  const [full, setFull] = useState(null);
  const [err, setErr] = useState(null);
  async function toggle() {
    if (!open && !full) {
      try { setFull(await get(`/api/commendations/${c.id}`)); } catch (x) { setErr(x); }
    }
    setOpen(!open);
  }
  const period = c.period_from || c.period_to
    ? ` (${[c.period_from, c.period_to].map((d) => (d ? d.slice(0, 4) : '…')).join('–')})` : '';
  return html`
    <tr>
      <td class="nowrap">${fmtDate(c.date)}${c.number_symbol ? html`<div class="small muted">${c.number_symbol}</div>` : ''}</td>
      <td>${valueLabel('commendation_level', c.level)}</td>
      <td>${c.issuing_body}<div class="small muted">${valueLabel('issuer_level', c.issuer_level)}</div></td>
      <td>${c.reason}${c.programme ? html`<div class="small muted">${c.programme}${period}</div>` : ''}</td>
      <td>
        ${t('com.row_counts', { c: fmtNum(c.collectives, 0), i: fmtNum(c.individuals, 0) })}
        <div><button type="button" class="small-btn" aria-expanded=${open ? 'true' : 'false'} onClick=${toggle}>${open ? t('com.hide') : t('com.show')}</button></div>
        ${err && html`<${Notice} msg=${err} />`}
      </td>
    </tr>
    ${open && full && html`<tr class="recipients-row"><td colspan="5">
      <div class="recipients-cols">
        ${['collective', 'individual'].map((kind) => {
          const rs = full.recipients.filter((r) => r.kind === kind);
          return rs.length > 0 && html`<div key=${kind}>
            <h3>${valueLabel('recipient_kind', kind)} (${fmtNum(rs.length, 0)})</h3>
            <ol class="recipients">
              ${rs.map((r, i) => html`<li key=${i}>${r.name}${r.unit ? html`<span class="muted small"> — ${unitName(r.unit)}</span>` : ''}</li>`)}
            </ol>
          </div>`;
        })}
      </div>
    </td></tr>`}`;
}

function CommendationForm({ user, onSaved }) {
  const blankV = {
    level: 'giay_khen', number_symbol: '', issuing_body: '', issuer_level: 'commune', signer_title: '', date: today(),
    reason: '', programme: '', period_from: '', period_to: '', unit: (user.unit && user.unit.code) || '',
  };
  const [v, setV] = useState(blankV);
  const [rows, setRows] = useState([{ kind: 'collective', name: '', unit: '' }]);
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });

  async function submit(e) {
    e.preventDefault();
    setErr(null);
    const body = compact(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x.trim() : x])));
    if (body.unit) body.unit = body.unit.toUpperCase();
    body.recipients = rows.filter((r) => r.name.trim())
      .map((r) => compact({ kind: r.kind, name: r.name.trim(), unit: r.unit.trim().toUpperCase() }));
    setBusy(true);
    try {
      const res = await post('/api/commendations', body);
      setV(blankV);
      setRows([{ kind: 'collective', name: '', unit: '' }]);
      onSaved(res);
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  }

  return html`
    <form onSubmit=${submit} novalidate class="commendation-form">
      <div class="grid2">
        <${Field} label=${t('com.level')} name="level" err=${err}>
          <${ValueSelect} group="commendation_level" name="level" value=${v.level} onChange=${set('level')} />
        <//>
        <${Field} label=${t('com.issuer_level')} name="issuer_level" err=${err} hint=${t('com.issuer_hint')}>
          <${ValueSelect} group="issuer_level" name="issuer_level" value=${v.issuer_level} onChange=${set('issuer_level')}
            invalid=${err && err.field === 'issuer_level'} />
        <//>
        <${Field} label=${t('com.issuing_body')} name="issuing_body" err=${err}>
          <input ...${inputProps('issuing_body', err)} type="text" required maxlength="200" value=${v.issuing_body} onInput=${set('issuing_body')}
            placeholder="Chủ tịch UBND huyện Tràng Định" />
        <//>
        <${Field} label=${t('com.signer_title')} name="signer_title" err=${err}>
          <input ...${inputProps('signer_title', err)} type="text" maxlength="200" value=${v.signer_title} onInput=${set('signer_title')} />
        <//>
        <${Field} label=${t('com.number')} name="number_symbol" err=${err}>
          <input ...${inputProps('number_symbol', err)} type="text" maxlength="64" value=${v.number_symbol} onInput=${set('number_symbol')} />
        <//>
        <${Field} label=${t('com.date')} name="date" err=${err}>
          <input ...${inputProps('date', err)} type="date" required max=${today()} value=${v.date} onInput=${set('date')} />
        <//>
        <${Field} label=${t('com.programme')} name="programme" err=${err}>
          <input ...${inputProps('programme', err)} type="text" maxlength="200" list="co-programmes" value=${v.programme} onInput=${set('programme')} />
        <//>
        <${Field} label=${t('com.recorder')} name="unit" err=${err} hint=${t('co.unit_hint')}>
          <input ...${inputProps('unit', err)} type="text" class="upper" list="co-units" required value=${v.unit} onInput=${set('unit')} />
        <//>
        <${Field} label=${`${t('com.period')}: ${t('co.from').toLowerCase()}`} name="period_from" err=${err}>
          <input ...${inputProps('period_from', err)} type="date" value=${v.period_from} onInput=${set('period_from')} />
        <//>
        <${Field} label=${`${t('com.period')}: ${t('co.to').toLowerCase()}`} name="period_to" err=${err}>
          <input ...${inputProps('period_to', err)} type="date" value=${v.period_to} onInput=${set('period_to')} />
        <//>
      </div>
      <${Field} label=${t('com.reason')} name="reason" err=${err}>
        <textarea ...${inputProps('reason', err)} rows="2" required value=${v.reason} onInput=${set('reason')}></textarea>
      <//>
      <${RowsEditor} label=${t('com.recipients')} rows=${rows} setRows=${setRows}
        blank=${{ kind: 'individual', name: '', unit: '' }}
        cols=${[
          { key: 'kind', label: t('com.recipient_kind'), render: (val, setVal) => html`<${ValueSelect} group="recipient_kind"
            value=${val} onChange=${(e) => setVal(e.currentTarget.value)} />` },
          { key: 'name', label: t('com.recipient_name') },
          { key: 'unit', label: t('co.unit_code'), units: true },
        ]} />
      <${Notice} msg=${err} />
      <button type="submit" class="primary" disabled=${busy}>${t('com.create')}</button>
    </form>`;
}
