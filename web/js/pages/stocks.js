// stocks.js - the stocks of people's participation of a unit as of a
// date (#/stocks?unit=&date=): households and collectives registered,
// people, km of line and markers under self-management, groups and
// members, twinning pairs. GET /api/stocks?unit=&date=.
import { html, useEffect, useState } from '../preact.js';
import { get } from '../api.js';
import { fmtDate, t, today } from '../i18n.js';
import { fmtKm, fmtNum } from '../numbers.js';
import { navigate } from '../router.js';
import { Loading, Notice, formValues } from '../ui.js';
import { unitName } from './households.js';

export function StocksPage({ user, params }) {
  const unit = params.unit || (user.unit && user.unit.code) || '';
  const date = params.date || today();
  const [st, setSt] = useState(null);
  const [err, setErr] = useState(null);
  useEffect(() => {
    setSt(null);
    setErr(null);
    get('/api/stocks', { unit, date }).then(setSt, setErr);
  }, [unit, date]);
  function submit(e) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    navigate('/stocks', { unit: v.unit, date: v.date });
  }
  const row = (label, value) => html`<tr><th scope="row">${label}</th><td class="num">${value}</td></tr>`;
  return html`
    <div class="page stocks-page">
      <h1>${t('st.title')}</h1>
      <section class="panel">
        <form class="toolbar filters" onSubmit=${submit}>
          <div class="field inline"><label for="s-unit" class="field-label">${t('hh.unit')}</label><input id="s-unit" name="unit" value=${unit} spellcheck="false" /></div>
          <div class="field inline"><label for="s-date" class="field-label">${t('st.date')}</label><input id="s-date" name="date" type="date" value=${date} /></div>
          <button type="submit">${t('st.show')}</button>
        </form>
        ${err && html`<${Notice} msg=${err} />`}
        ${!st && !err && html`<${Loading} />`}
        ${st && html`
          <h2>${unitName(st.unit)} — ${fmtDate(st.date)}</h2>
          <table class="list stocks">
            <tbody>
              ${row(t('st.collectives'), fmtNum(st.collectives, 0))}
              ${row(t('st.households'), fmtNum(st.households, 0))}
              ${row(t('st.people'), fmtNum(st.people, 0))}
              ${row(t('st.km'), `${fmtKm(st.km)} / ${fmtKm(st.line_km)} (${fmtNum(st.km_share_percent, 2)}%)`)}
              ${row(t('st.markers'), t('st.markers_v', { total: fmtNum(st.markers.total, 0), main: fmtNum(st.markers.main, 0), secondary: fmtNum(st.markers.secondary, 0) }))}
              ${['tu_quan_antt', 'bao_ve_antt', 'tau_thuyen'].map((k) => row(t(`grp.kind.${k}`), t('st.groups_v', { groups: fmtNum(st.groups[k].groups, 0), members: fmtNum(st.groups[k].members, 0) })))}
              ${row(t('st.twinnings'), fmtNum(st.twinnings, 0))}
            </tbody>
          </table>`}
      </section>
    </div>`;
}
