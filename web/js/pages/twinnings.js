// twinnings.js - twinning of residential clusters across the border (kết
// nghĩa cụm dân cư) (#/twinnings): the list and a form to add one.
//
//   GET  /api/twinnings?country=&active_on=   {items, next_cursor}
//   POST /api/twinnings {unit, other_name, other_country, signed, ended?}
import { html, useEffect, useState } from '../preact.js';
import { get, post } from '../api.js';
import { both, fmtDate, t } from '../i18n.js';
import { Field, Loading, Notice, formValues, inputProps } from '../ui.js';
import { EDIT_ROLES, unitName } from './households.js';

const COUNTRIES = ['CN', 'LA', 'KH'];

export function TwinningsPage({ user }) {
  const [list, setList] = useState(null);
  const [err, setErr] = useState(null);
  const [notice, setNotice] = useState(null);
  const [version, setVersion] = useState(0);
  useEffect(() => { get('/api/twinnings', { limit: 500 }).then(setList, setErr); }, [version]);

  async function submit(e) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    const body = { unit: v.unit, other_name: v.other_name, other_country: v.other_country, signed: v.signed };
    if (v.ended) body.ended = v.ended;
    setErr(null);
    try {
      await post('/api/twinnings', body);
      form.reset();
      setNotice(both('tw.created'));
      setVersion((x) => x + 1);
    } catch (x) {
      setErr(x);
    }
  }

  return html`
    <div class="page twinnings-page">
      <h1>${t('tw.title')}</h1>
      ${notice && html`<${Notice} msg=${notice} kind="ok" onClose=${() => setNotice(null)} />`}
      <section class="panel">
        ${!list && !err && html`<${Loading} />`}
        ${list && list.items.length === 0 && html`<p class="muted">${t('tw.empty')}</p>`}
        ${list && list.items.length > 0 && html`
          <div class="table-wrap">
            <table class="list twinnings">
              <thead><tr><th>${t('tw.ours')}</th><th>${t('tw.other')}</th><th>${t('tw.country')}</th><th>${t('tw.signed')}</th><th>${t('tw.ended')}</th></tr></thead>
              <tbody>
                ${list.items.map((x) => html`
                  <tr key=${x.id}>
                    <td>${unitName(x.unit)}</td><td>${x.other_name}</td><td>${t(`tw.country.${x.other_country}`)}</td>
                    <td class="nowrap">${fmtDate(x.signed)}</td><td class="nowrap">${x.ended ? fmtDate(x.ended) : ''}</td>
                  </tr>`)}
              </tbody>
            </table>
          </div>`}
      </section>
      ${EDIT_ROLES.includes(user.role) && html`
        <section class="panel">
          <h2>${t('tw.add')}</h2>
          ${err && html`<${Notice} msg=${err} />`}
          <form class="form grid" onSubmit=${submit}>
            <${Field} label=${t('tw.ours')} name="unit" err=${err}><input ...${inputProps('unit', err)} required value=${(user.unit && user.unit.code) || ''} /><//>
            <${Field} label=${t('tw.other')} name="other_name" err=${err}><input ...${inputProps('other_name', err)} required /><//>
            <${Field} label=${t('tw.country')} name="other_country" err=${err}>
              <select ...${inputProps('other_country', err)}>${COUNTRIES.map((c) => html`<option key=${c} value=${c}>${t(`tw.country.${c}`)}</option>`)}</select>
            <//>
            <${Field} label=${t('tw.signed')} name="signed" err=${err}><input ...${inputProps('signed', err)} type="date" required /><//>
            <${Field} label=${t('tw.ended')} name="ended" err=${err}><input ...${inputProps('ended', err)} type="date" /><//>
            <div class="actions"><button type="submit">${t('save')}</button></div>
          </form>
        </section>`}
    </div>`;
}
