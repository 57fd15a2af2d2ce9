// users.js - the accounts of the caller's units, for unit and system
// administrators: the list, a form to add an account, and locking or
// unlocking one (PATCH disabled). A locked account keeps its history in
// the audit log; that is why accounts are locked, never deleted.
//
// The server decides who may do what (a unit admin manages the accounts of
// its own subtree and cannot make system admins); this page only leaves
// out choices that would surely be refused.
import { html, useEffect, useMemo, useState } from '../preact.js';
import { get, patch, post } from '../api.js';
import { ROLE_CODES, both, kindLabel, roleLabel, t, today } from '../i18n.js';
import { Field, Loading, Notice, formValues, inputProps } from '../ui.js';

export function UsersPage({ user }) {
  const [list, setList] = useState({ loading: true, items: [] });
  const [notice, setNotice] = useState(null);
  const [units, setUnits] = useState([]);

  async function load(cursor) {
    setList((l) => ({ ...l, loading: true, err: null }));
    try {
      const res = await get('/api/users', { cursor });
      setList((l) => ({ items: cursor ? [...l.items, ...res.items] : res.items, next: res.next_cursor }));
    } catch (err) {
      setList((l) => ({ ...l, loading: false, err }));
    }
  }

  useEffect(() => {
    load();
    // The units in scope today, offered in the form's unit field.
    get('/api/units/tree', { date: today() })
      .then((d) => {
        const out = [];
        const walk = (n) => { out.push(n); (n.children || []).forEach(walk); };
        d.roots.forEach(walk);
        setUnits(out);
      })
      .catch(() => setUnits([])); // the field still takes a typed code
  }, []);

  async function toggle(u) {
    const disable = !u.disabled;
    if (disable && !window.confirm(t('users.disable_confirm', { username: u.username }))) return;
    setNotice(null);
    try {
      const res = await patch(`/api/users/${encodeURIComponent(u.id)}`, { disabled: disable });
      setList((l) => ({ ...l, items: l.items.map((x) => (x.id === res.id ? res : x)) }));
      setNotice({ kind: 'ok', msg: both(disable ? 'users.disabled_done' : 'users.enabled_done', { username: u.username }) });
    } catch (err) {
      setNotice({ kind: 'error', msg: err });
    }
  }

  function added(u) {
    setList((l) => ({ ...l, items: [...l.items, u].sort((a, b) => a.username.localeCompare(b.username)) }));
    setNotice({ kind: 'ok', msg: both('users.created', { username: u.username }) });
  }

  return html`
    <div class="page users-page">
      <h1>${t('users.title')}</h1>
      ${notice && html`<${Notice} msg=${notice.msg} kind=${notice.kind} onClose=${() => setNotice(null)} />`}
      <section class="panel">
        ${list.err && html`<${Notice} msg=${list.err} />`}
        ${!list.loading && !list.err && list.items.length === 0 && html`<p class="muted">${t('users.empty')}</p>`}
        ${list.items.length > 0 && html`
          <div class="table-wrap">
            <table class="list users">
              <thead>
                <tr>
                  <th>${t('users.username')}</th>
                  <th>${t('users.display_name')}</th>
                  <th>${t('users.unit')}</th>
                  <th>${t('users.role')}</th>
                  <th>${t('users.state')}</th>
                  <th><span class="sr-only">${t('users.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                ${list.items.map((u) => html`
                  <tr key=${u.id} class=${u.disabled ? 'disabled' : ''}>
                    <td class="username">${u.username}${u.id === user.id ? html` <span class="muted">${t('users.self')}</span>` : ''}</td>
                    <td>${u.display_name || ''}</td>
                    <td>${u.unit ? html`${u.unit.name} <span class="code">${u.unit.code}</span>` : ''}</td>
                    <td>${roleLabel(u.role)}</td>
                    <td class="nowrap"><span class=${u.disabled ? 'state-off' : 'state-on'}>
                      ${u.disabled ? t('users.disabled') : t('users.active')}</span></td>
                    <td class="nowrap">${u.id !== user.id && html`
                      <button type="button" class=${u.disabled ? '' : 'danger'} onClick=${() => toggle(u)}>
                        ${u.disabled ? t('users.enable') : t('users.disable')}
                      </button>`}</td>
                  </tr>`)}
              </tbody>
            </table>
          </div>`}
        ${list.loading && html`<${Loading} />`}
        ${list.next && !list.loading && html`
          <button type="button" onClick=${() => load(list.next)}>${t('users.more')}</button>`}
      </section>
      <${AddUserForm} user=${user} units=${units} onAdded=${added} />
    </div>`;
}

// POST /api/users.
function AddUserForm({ user, units, onAdded }) {
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  // Only a system admin can make another one.
  const roles = useMemo(() => ROLE_CODES.filter((r) => r !== 'admin' || user.role === 'admin'), [user.role]);

  async function submit(e) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    setErr(null);
    setBusy(true);
    try {
      const body = { username: v.username.toLowerCase(), password: v.password, unit: v.unit.toUpperCase(), role: v.role };
      if (v.display_name) body.display_name = v.display_name;
      const res = await post('/api/users', body);
      form.reset();
      onAdded(res);
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  }

  return html`
    <section class="panel">
      <h2>${t('users.add')}</h2>
      <form onSubmit=${submit} novalidate>
        <div class="grid2">
          <${Field} label=${t('users.username')} name="username" err=${err} hint=${t('users.username_hint')}>
            <input ...${inputProps('username', err)} type="text" required autocomplete="off"
              autocapitalize="none" spellcheck="false" maxlength="64" />
          <//>
          <${Field} label=${t('users.password')} name="password" err=${err} hint=${t('users.password_hint')}>
            <input ...${inputProps('password', err)} type="password" required autocomplete="new-password" />
          <//>
          <${Field} label=${t('users.display_name')} name="display_name" err=${err}>
            <input ...${inputProps('display_name', err)} type="text" maxlength="200" />
          <//>
          <${Field} label=${t('users.unit_code')} name="unit" err=${err}>
            <input ...${inputProps('unit', err)} type="text" required list="user-units"
              defaultValue=${user.unit ? user.unit.code : ''} class="upper" spellcheck="false" />
          <//>
          <${Field} label=${t('users.role')} name="role" err=${err}>
            <select ...${inputProps('role', err)}>
              ${roles.map((r) => html`<option key=${r} value=${r} selected=${r === 'viewer'}>${roleLabel(r)}</option>`)}
            </select>
          <//>
        </div>
        <datalist id="user-units">
          ${units.map((n) => html`<option key=${n.id} value=${n.code}>${n.name} — ${kindLabel(n.kind)}</option>`)}
        </datalist>
        <${Notice} msg=${err} />
        <button type="submit" class="primary" disabled=${busy}>${t('users.create')}</button>
      </form>
    </section>`;
}
