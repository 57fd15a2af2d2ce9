// households.js - households and collectives (hộ gia đình, tập thể) that
// self-manage the border: the list (#/households) with its filters and a
// form to add one, and a household's own page (#/households/:id) with its
// self-management registrations, where a registration is added or ended.
//
//   GET  /api/households?kind=&active_on=&q=&limit=&cursor=  {items, next_cursor}
//   POST /api/households                                     the new household
//   GET  /api/households/:id          the household with "registrations"
//   POST /api/registrations {household, post, date_from, date_to?, segments, markers}
//   PATCH /api/registrations/:id {date_to}                   ends one
//
// No identity numbers are asked for: the server refuses them.
import { html, useEffect, useRef, useState } from '../preact.js';
import { api, get, post } from '../api.js';
import { both, fmtDate, t, today } from '../i18n.js';
import { fmtCount, fmtKm } from '../numbers.js';
import { hrefOf, navigate } from '../router.js';
import { Field, Loading, Notice, formValues, inputProps } from '../ui.js';

export const EDIT_ROLES = ['editor', 'unit_admin', 'admin'];
const PAGE = 50;

export function unitName(u) {
  if (!u) return '';
  return u.name ? `${u.name} (${u.code})` : u.code || '';
}

export function HouseholdsPage({ user, params }) {
  const filters = { kind: params.kind || '', active_on: params.active_on || '', q: params.q || '' };
  const [q, setQ] = useState(filters.q);
  const [list, setList] = useState({ loading: true, items: [] });
  const [notice, setNotice] = useState(null);
  const [version, setVersion] = useState(0);
  const seq = useRef(0);

  async function load(cursor) {
    const mine = ++seq.current;
    setList((l) => ({ ...l, loading: true, err: null }));
    try {
      const res = await get('/api/households', { ...filters, limit: PAGE, cursor });
      if (mine !== seq.current) return;
      setList((l) => ({ items: cursor ? [...l.items, ...res.items] : res.items, next: res.next_cursor }));
    } catch (err) {
      if (mine === seq.current) setList((l) => ({ ...l, loading: false, err }));
    }
  }
  useEffect(() => { load(); }, [filters.kind, filters.active_on, filters.q, version]);
  useEffect(() => {
    if (q === filters.q) return undefined;
    const id = setTimeout(() => setFilter('q', q.trim()), 350);
    return () => clearTimeout(id);
  }, [q]);

  function setFilter(k, v) {
    navigate('/households', { ...filters, [k]: v }, { replace: k === 'q' });
  }

  const canEdit = EDIT_ROLES.includes(user.role);
  return html`
    <div class="page households-page">
      <h1>${t('hh.title')}</h1>
      ${notice && html`<${Notice} msg=${notice} kind="ok" onClose=${() => setNotice(null)} />`}
      <section class="panel">
        <div class="toolbar filters">
          <div class="field inline">
            <label for="f-kind" class="field-label">${t('hh.kind')}</label>
            <select id="f-kind" value=${filters.kind} onChange=${(e) => setFilter('kind', e.currentTarget.value)}>
              <option value="">${t('reg.all')}</option>
              <option value="household">${t('hh.kind.household')}</option>
              <option value="collective">${t('hh.kind.collective')}</option>
            </select>
          </div>
          <div class="field inline">
            <label for="f-active" class="field-label">${t('hh.active_on')}</label>
            <input id="f-active" type="date" value=${filters.active_on} onChange=${(e) => setFilter('active_on', e.currentTarget.value)} />
          </div>
          <div class="field inline grow">
            <label for="f-q" class="field-label">${t('hh.search')}</label>
            <input id="f-q" type="search" value=${q} onInput=${(e) => setQ(e.currentTarget.value)} spellcheck="false" />
          </div>
        </div>
        ${list.err && html`<${Notice} msg=${list.err} />`}
        ${!list.loading && !list.err && list.items.length === 0 && html`<p class="muted">${t('hh.empty')}</p>`}
        ${list.items.length > 0 && html`
          <div class="table-wrap">
            <table class="list households">
              <thead><tr><th>${t('hh.name')}</th><th>${t('hh.kind')}</th><th>${t('hh.village')}</th><th>${t('hh.phone')}</th><th>${t('hh.people')}</th></tr></thead>
              <tbody>
                ${list.items.map((h) => html`
                  <tr key=${h.id}>
                    <td><a href=${hrefOf(`/households/${encodeURIComponent(h.id)}`)}>${h.name}</a></td>
                    <td>${t(`hh.kind.${h.kind}`)}</td>
                    <td>${h.village_name ? `${h.village_name}, ${h.unit.name}` : h.unit.name}</td>
                    <td>${h.phone || ''}</td>
                    <td class="num">${fmtCount(h.people)}</td>
                  </tr>`)}
              </tbody>
            </table>
          </div>`}
        ${list.loading && html`<${Loading} />`}
        ${list.next && !list.loading && html`<button type="button" onClick=${() => load(list.next)}>${t('hh.more')}</button>`}
      </section>
      ${canEdit && html`<${HouseholdForm} user=${user} onDone=${(h) => { setNotice(both('hh.created', { name: h.name })); setVersion((v) => v + 1); }} />`}
    </div>`;
}

function HouseholdForm({ user, onDone }) {
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  async function submit(e) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    const body = { kind: v.kind, name: v.name, unit: v.unit };
    if (v.village_name) body.village_name = v.village_name;
    if (v.phone) body.phone = v.phone;
    if (v.people) body.people = Number(v.people);
    setBusy(true);
    setErr(null);
    try {
      const h = await post('/api/households', body);
      form.reset();
      onDone(h);
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  }
  return html`
    <section class="panel">
      <h2>${t('hh.add')}</h2>
      <p class="muted">${t('hh.no_id')}</p>
      ${err && html`<${Notice} msg=${err} />`}
      <form class="form grid" onSubmit=${submit}>
        <${Field} label=${t('hh.kind')} name="kind" err=${err}>
          <select ...${inputProps('kind', err)}>
            <option value="household">${t('hh.kind.household')}</option>
            <option value="collective">${t('hh.kind.collective')}</option>
          </select>
        <//>
        <${Field} label=${t('hh.name')} name="name" err=${err}><input ...${inputProps('name', err)} required /><//>
        <${Field} label=${t('hh.unit')} hint=${t('hh.unit_hint')} name="unit" err=${err}>
          <input ...${inputProps('unit', err)} required value=${(user.unit && user.unit.code) || ''} spellcheck="false" />
        <//>
        <${Field} label=${t('hh.village_name')} name="village_name" err=${err}><input ...${inputProps('village_name', err)} /><//>
        <${Field} label=${t('hh.phone')} name="phone" err=${err}><input ...${inputProps('phone', err)} type="tel" /><//>
        <${Field} label=${t('hh.people')} name="people" err=${err}><input ...${inputProps('people', err)} type="number" min="0" /><//>
        <div class="actions"><button type="submit" disabled=${busy}>${t('save')}</button></div>
      </form>
    </section>`;
}

export function HouseholdPage({ user, params }) {
  const [h, setH] = useState(null);
  const [err, setErr] = useState(null);
  const [notice, setNotice] = useState(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    get(`/api/households/${encodeURIComponent(params.id)}`).then(setH, setErr);
  }, [params.id, version]);
  if (err) return html`<div class="page"><${Notice} msg=${err} /></div>`;
  if (!h) return html`<div class="page"><${Loading} /></div>`;

  async function end(reg) {
    try {
      await api('PATCH', `/api/registrations/${reg.id}`, { date_to: today() });
      setNotice(both('hh.reg_ended'));
      setVersion((v) => v + 1);
    } catch (x) {
      setNotice(x);
    }
  }
  const canEdit = EDIT_ROLES.includes(user.role);
  return html`
    <div class="page household-page">
      <p><a href=${hrefOf('/households')}>← ${t('hh.title')}</a></p>
      <h1>${h.name}</h1>
      ${notice && html`<${Notice} msg=${notice} kind=${notice.code ? 'error' : 'ok'} onClose=${() => setNotice(null)} />`}
      <section class="panel">
        <dl class="facts">
          <dt>${t('hh.kind')}</dt><dd>${t(`hh.kind.${h.kind}`)}</dd>
          <dt>${t('hh.unit')}</dt><dd>${unitName(h.unit)}</dd>
          ${h.village_name && html`<dt>${t('hh.village_name')}</dt><dd>${h.village_name}</dd>`}
          <dt>${t('hh.phone')}</dt><dd>${h.phone || t('none')}</dd>
          <dt>${t('hh.people')}</dt><dd>${fmtCount(h.people)}</dd>
        </dl>
      </section>
      <section class="panel">
        <h2>${t('hh.registrations')}</h2>
        ${h.registrations.length === 0 && html`<p class="muted">${t('hh.no_registrations')}</p>`}
        ${h.registrations.length > 0 && html`
          <div class="table-wrap">
            <table class="list registrations">
              <thead><tr><th>${t('hh.post')}</th><th>${t('hh.from')}</th><th>${t('hh.to')}</th><th>${t('hh.km')}</th><th>${t('hh.segments')}</th><th>${t('hh.markers')}</th><th></th></tr></thead>
              <tbody>
                ${h.registrations.map((g) => html`
                  <tr key=${g.id}>
                    <td>${unitName(g.post)}</td>
                    <td class="nowrap">${fmtDate(g.date_from)}</td>
                    <td class="nowrap">${g.date_to ? fmtDate(g.date_to) : t('hh.open')}</td>
                    <td class="num">${fmtKm(g.km)}</td>
                    <td>${g.segments.map((s) => `${s.from}–${s.to || ''}`).join(', ')}</td>
                    <td>${g.markers.map((m) => m.number).join(', ')}</td>
                    <td>${canEdit && (!g.date_to || g.date_to > today()) && html`<button type="button" onClick=${() => end(g)}>${t('hh.end')}</button>`}</td>
                  </tr>`)}
              </tbody>
            </table>
          </div>`}
      </section>
      ${canEdit && html`<${RegistrationForm} household=${h} user=${user} onDone=${() => { setNotice(both('hh.reg_added')); setVersion((v) => v + 1); }} />`}
    </div>`;
}

function RegistrationForm({ household, user, onDone }) {
  const [err, setErr] = useState(null);
  const [segs, setSegs] = useState([]);
  const [marks, setMarks] = useState([]);
  useEffect(() => {
    get('/api/segments', { limit: 1000 }).then((r) => setSegs(r.items), setErr);
    get('/api/markers', { limit: 1000 }).then((r) => setMarks(r.items), setErr);
  }, []);
  const posts = [...new Set(segs.map((s) => s.post && s.post.code).filter(Boolean))];
  async function submit(e) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    const chosen = (name) => [...form.elements[name].selectedOptions].map((o) => o.value);
    const body = { household: household.id, post: v.post, date_from: v.date_from,
      segments: chosen('segments'), markers: chosen('markers') };
    if (v.date_to) body.date_to = v.date_to;
    setErr(null);
    try {
      await post('/api/registrations', body);
      form.reset();
      onDone();
    } catch (x) {
      setErr(x);
    }
  }
  return html`
    <section class="panel">
      <h2>${t('hh.reg_add')}</h2>
      ${err && html`<${Notice} msg=${err} />`}
      <form class="form grid" onSubmit=${submit}>
        <${Field} label=${t('hh.post')} name="post" err=${err}>
          <input ...${inputProps('post', err)} required list="hh-posts" spellcheck="false"
            value=${user.unit && user.unit.kind === 'border_post' ? user.unit.code : posts[0] || ''} />
          <datalist id="hh-posts">${posts.map((p) => html`<option key=${p} value=${p} />`)}</datalist>
        <//>
        <${Field} label=${t('hh.from')} name="date_from" err=${err}><input ...${inputProps('date_from', err)} type="date" required value=${today()} /><//>
        <${Field} label=${t('hh.to')} name="date_to" err=${err}><input ...${inputProps('date_to', err)} type="date" /><//>
        <${Field} label=${t('hh.segments')} hint=${t('hh.multi_hint')} name="segments" err=${err}>
          <select ...${inputProps('segments', err)} multiple size="6">
            ${segs.map((s) => html`<option key=${s.id} value=${s.id}>${s.from.number}–${s.to ? s.to.number : ''} (${fmtKm(s.length_km)}, ${s.post.code})</option>`)}
          </select>
        <//>
        <${Field} label=${t('hh.markers')} hint=${t('hh.multi_hint')} name="markers" err=${err}>
          <select ...${inputProps('markers', err)} multiple size="6">
            ${marks.map((m) => html`<option key=${m.id} value=${m.id}>${m.number} (${m.post.code})</option>`)}
          </select>
        <//>
        <div class="actions"><button type="submit">${t('hh.reg_save')}</button></div>
      </form>
    </section>`;
}
