// groups.js - security and self-management groups (tổ tự quản ANTT, tổ bảo
// vệ ANTT ở cơ sở, tổ tàu thuyền an toàn) with their members (#/groups):
// the list with its filters and a form to add a group, its members one a
// line ("name; role").
//
//   GET  /api/groups?kind=&active_on=&q=   {items: [group with members], next_cursor}
//   POST /api/groups {kind, name, unit, founded, members: [{name, role}]}
import { html, useEffect, useState } from '../preact.js';
import { get, post } from '../api.js';
import { both, fmtDate, t } from '../i18n.js';
import { navigate } from '../router.js';
import { Field, Loading, Notice, formValues, inputProps } from '../ui.js';
import { EDIT_ROLES, unitName } from './households.js';

const KINDS = ['tu_quan_antt', 'bao_ve_antt', 'tau_thuyen'];
const ROLES = ['leader', 'deputy', 'member'];

export function GroupsPage({ user, params }) {
  const filters = { kind: params.kind || '', active_on: params.active_on || '' };
  const [list, setList] = useState(null);
  const [err, setErr] = useState(null);
  const [notice, setNotice] = useState(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    setList(null);
    get('/api/groups', { ...filters, limit: 200 }).then(setList, setErr);
  }, [filters.kind, filters.active_on, version]);
  const setFilter = (k, v) => navigate('/groups', { ...filters, [k]: v });

  async function submit(e) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    const members = v.members.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
      const [name, role] = l.split(';').map((x) => x.trim());
      return { name, role: ROLES.includes(role) ? role : 'member' };
    });
    const body = { kind: v.kind, name: v.name, unit: v.unit, founded: v.founded, members };
    setErr(null);
    try {
      const g = await post('/api/groups', body);
      form.reset();
      setNotice(both('grp.created', { name: g.name }));
      setVersion((x) => x + 1);
    } catch (x) {
      setErr(x);
    }
  }

  return html`
    <div class="page groups-page">
      <h1>${t('grp.title')}</h1>
      ${notice && html`<${Notice} msg=${notice} kind="ok" onClose=${() => setNotice(null)} />`}
      <section class="panel">
        <div class="toolbar filters">
          <div class="field inline">
            <label for="g-kind" class="field-label">${t('grp.kind')}</label>
            <select id="g-kind" value=${filters.kind} onChange=${(e) => setFilter('kind', e.currentTarget.value)}>
              <option value="">${t('reg.all')}</option>
              ${KINDS.map((k) => html`<option key=${k} value=${k}>${t(`grp.kind.${k}`)}</option>`)}
            </select>
          </div>
          <div class="field inline">
            <label for="g-active" class="field-label">${t('hh.active_on')}</label>
            <input id="g-active" type="date" value=${filters.active_on} onChange=${(e) => setFilter('active_on', e.currentTarget.value)} />
          </div>
        </div>
        ${!list && !err && html`<${Loading} />`}
        ${list && list.items.length === 0 && html`<p class="muted">${t('grp.empty')}</p>`}
        ${list && list.items.map((g) => html`
          <article class="group" key=${g.id}>
            <h3>${g.name}</h3>
            <p class="muted">${t(`grp.kind.${g.kind}`)} · ${unitName(g.unit)} · ${t('grp.founded')} ${fmtDate(g.founded)}${g.dissolved ? ` · ${t('grp.dissolved')} ${fmtDate(g.dissolved)}` : ''}</p>
            <ul class="members">
              ${g.members.map((m) => html`<li key=${m.id}>${m.name} — ${t(`grp.role.${m.role}`)}${m.date_to ? ` (${t('hh.to')} ${fmtDate(m.date_to)})` : ''}</li>`)}
            </ul>
          </article>`)}
      </section>
      ${EDIT_ROLES.includes(user.role) && html`
        <section class="panel">
          <h2>${t('grp.add')}</h2>
          ${err && html`<${Notice} msg=${err} />`}
          <form class="form grid" onSubmit=${submit}>
            <${Field} label=${t('grp.kind')} name="kind" err=${err}>
              <select ...${inputProps('kind', err)}>${KINDS.map((k) => html`<option key=${k} value=${k}>${t(`grp.kind.${k}`)}</option>`)}</select>
            <//>
            <${Field} label=${t('hh.name')} name="name" err=${err}><input ...${inputProps('name', err)} required /><//>
            <${Field} label=${t('hh.unit')} name="unit" err=${err}><input ...${inputProps('unit', err)} required value=${(user.unit && user.unit.code) || ''} /><//>
            <${Field} label=${t('grp.founded')} name="founded" err=${err}><input ...${inputProps('founded', err)} type="date" required /><//>
            <${Field} label=${t('grp.members')} hint=${t('grp.members_hint')} name="members" err=${err}><textarea ...${inputProps('members', err)} rows="5"></textarea><//>
            <div class="actions"><button type="submit">${t('save')}</button></div>
          </form>
        </section>`}
    </div>`;
}
