// units.js - the unit tree page: the tree of the caller's units as of a
// date, the details of the unit chosen in it, and (for unit and system
// administrators) forms to add a unit under it or move it elsewhere.
//
// Why a date: the 2025 reform abolished the districts and merged communes
// on 01/07/2025, and a report for 2024 must use the 2024 tree. The server
// keeps every unit's periods; GET /api/units/tree?date= gives the tree of
// one day, limited to the caller's scope. The date and the chosen unit
// live in the hash (#/units?date=2024-05-01&unit=LB-MAUSON), so a link
// shows the same view to a colleague.
import { html, useEffect, useMemo, useState } from '../preact.js';
import { get, post } from '../api.js';
import { both, fmtDate, fmtRange, kindLabel, lastDay, t, today } from '../i18n.js';
import { fmtCount } from '../numbers.js';
import { hrefOf, navigate } from '../router.js';
import { Field, Loading, Notice, formValues, inputProps } from '../ui.js';

const ADMIN_ROLES = ['unit_admin', 'admin'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// The kinds that may stand directly under each kind. This mirrors the
// server's kind_rules (src/domain/units.c) only to offer sensible choices;
// the server decides.
const CHILD_KINDS = {
  nation: ['province', 'force_command', 'agency'],
  province: ['district', 'commune', 'ward', 'force_command', 'border_post', 'agency'],
  force_command: ['force_command', 'border_post', 'agency'],
  district: ['commune', 'ward', 'agency'],
  commune: ['village', 'agency'],
  ward: ['village', 'agency'],
  agency: ['agency'],
  village: [],
  border_post: [],
};

// Lower case without tone marks, so "mau son" finds "Mẫu Sơn".
function fold(s) {
  return (s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

// Every node of the tree with its depth and its parent, in tree order.
function flatten(roots) {
  const out = [];
  const walk = (n, depth, parent) => {
    out.push({ node: n, depth, parent });
    for (const c of n.children || []) walk(c, depth + 1, n);
  };
  for (const r of roots || []) walk(r, 0, null);
  return out;
}

function existsOn(u, date) {
  return u.valid_from <= date && (!u.valid_to || date < u.valid_to);
}

// A date inside [from, to) close to `date`: the date itself when the
// period holds it, else the period's last or first day. Links to a unit
// from another period open the tree on a day that unit existed.
function dateWithin(from, to, date) {
  if (from && date < from) return from;
  if (to && date >= to) return lastDay(to);
  return date;
}

// A unit code as typed: trimmed and upper-cased (codes are A-Z, 0-9, -, _),
// but an id (a UUID) is left as it is.
function codeOf(s) {
  const v = (s || '').trim();
  return /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(v) ? v : v.toUpperCase();
}

export function UnitsPage({ user, params, path }) {
  const date = ISO_DATE.test(params.date || '') ? params.date : today();
  const selected = params.unit || null;
  const [tree, setTree] = useState({ loading: true });
  const [version, setVersion] = useState(0); // bumped to fetch again after a change
  const [notice, setNotice] = useState(null);
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState({}); // unit id -> expanded, where the user chose

  const go = (p, opts) => navigate(path, { date: p.date === today() ? undefined : p.date, unit: p.unit }, opts);

  useEffect(() => {
    let stale = false;
    setTree((old) => ({ ...old, loading: true, err: null }));
    get('/api/units/tree', { date })
      .then((data) => { if (!stale) setTree({ data }); })
      .catch((err) => { if (!stale) setTree({ err }); });
    return () => { stale = true; };
  }, [date, version]);

  const flat = useMemo(() => flatten(tree.data && tree.data.roots), [tree.data]);

  // Open the branches down to the chosen unit, so it can be seen.
  useEffect(() => {
    if (!selected || !flat.length) return;
    const byId = new Map(flat.map((f) => [f.node.id, f]));
    const hit = flat.find((f) => f.node.code === selected);
    if (!hit) return;
    const add = {};
    for (let p = hit.parent; p; p = byId.get(p.id).parent) add[p.id] = true;
    if (Object.keys(add).some((id) => !open[id])) setOpen((o) => ({ ...o, ...add }));
  }, [selected, flat]);

  function changed(msg, next) {
    setNotice(msg);
    setVersion((v) => v + 1);
    if (next) go({ date, unit: selected, ...next });
  }

  function setAll(value) {
    const o = {};
    for (const f of flat) o[f.node.id] = value;
    setOpen(o);
  }

  return html`
    <div class="page units-page">
      <h1>${t('units.title')}</h1>
      <div class="toolbar">
        <div class="field inline">
          <label for="tree-date" class="field-label">${t('units.date')}</label>
          <input id="tree-date" type="date" value=${date} required
            onChange=${(e) => { if (ISO_DATE.test(e.currentTarget.value)) go({ date: e.currentTarget.value, unit: selected }, { replace: true }); }} />
          <button type="button" onClick=${() => go({ date: today(), unit: selected }, { replace: true })}
            disabled=${date === today()}>${t('units.today')}</button>
        </div>
        <div class="field inline grow">
          <label for="tree-filter" class="field-label">${t('units.filter')}</label>
          <input id="tree-filter" type="search" value=${filter}
            onInput=${(e) => setFilter(e.currentTarget.value)} />
        </div>
      </div>
      <p class="muted small">${t('units.date_hint')}</p>
      <${Notice} msg=${notice} kind="ok" onClose=${() => setNotice(null)} />
      <div class="split">
        <section class="panel tree-panel" aria-labelledby="tree-heading">
          <div class="panel-head">
            <h2 id="tree-heading">${t('units.as_of', { date: fmtDate(date) })}</h2>
            <span class="muted small">${tree.data ? t('units.count', { n: fmtCount(flat.length) }) : ''}</span>
          </div>
          <div class="tree-actions">
            <button type="button" class="small-btn" onClick=${() => setAll(true)}>${t('units.expand_all')}</button>
            <button type="button" class="small-btn" onClick=${() => setAll(false)}>${t('units.collapse_all')}</button>
          </div>
          ${tree.err && html`<${Notice} msg=${tree.err} />`}
          ${tree.loading && !tree.data && html`<${Loading} />`}
          ${tree.data && html`
            <${Tree} roots=${tree.data.roots} filter=${filter} open=${open} setOpen=${setOpen}
              selected=${selected} hrefFor=${(code) => hrefOf(path, { date: date === today() ? undefined : date, unit: code })} />`}
        </section>
        <section class="panel detail-panel" aria-live="polite">
          ${selected
            ? html`<${UnitDetail} key=${selected} code=${selected} date=${date} user=${user} flat=${flat}
                path=${path} version=${version} onChanged=${changed} />`
            : html`<p class="muted">${t('units.pick')}</p>`}
        </section>
      </div>
    </div>`;
}

// The tree: nested lists, each unit a link that selects it (so it opens
// in a new tab too) and a button that opens or closes its branch. Roots
// start open; a filter shows the matching units and the branches to them.
function Tree({ roots, filter, open, setOpen, selected, hrefFor }) {
  const q = fold(filter.trim());

  // Which ids match the filter or lead to a match (null: no filter).
  const shown = useMemo(() => {
    if (!q) return null;
    const s = new Set();
    const walk = (n) => {
      let hit = fold(n.name).includes(q) || fold(n.code).includes(q);
      for (const c of n.children || []) if (walk(c)) hit = true;
      if (hit) s.add(n.id);
      return hit;
    };
    roots.forEach(walk);
    return s;
  }, [roots, q]);

  if (!roots.length) return html`<p class="muted">${t('units.empty')}</p>`;
  if (shown && !shown.size) return html`<p class="muted">${t('units.no_match', { q: filter.trim() })}</p>`;

  const isOpen = (n, depth) => (shown ? true : (open[n.id] ?? depth === 0));

  const node = (n, depth) => {
    if (shown && !shown.has(n.id)) return null;
    const kids = n.children || [];
    const expanded = kids.length > 0 && isOpen(n, depth);
    const sel = n.code === selected;
    return html`
      <li key=${n.id}>
        <div class=${`tree-row${sel ? ' selected' : ''}`}>
          ${kids.length
            ? html`<button type="button" class="toggle" aria-expanded=${expanded ? 'true' : 'false'}
                aria-label=${t(expanded ? 'units.collapse' : 'units.expand', { name: n.name })}
                onClick=${() => setOpen({ ...open, [n.id]: !expanded })}>${expanded ? '▾' : '▸'}</button>`
            : html`<span class="toggle-spacer" aria-hidden="true"></span>`}
          <span class="tree-label">
            <a class="unit-link" href=${hrefFor(n.code)} aria-current=${sel ? 'true' : undefined}>${n.name}</a>
            ${' '}<span class=${`kind kind-${n.kind}`}>${kindLabel(n.kind)}</span>
            ${' '}<span class="code">${n.code}</span>
          </span>
        </div>
        ${expanded && html`<ul>${kids.map((c) => node(c, depth + 1))}</ul>`}
      </li>`;
  };
  return html`<ul class="tree">${roots.map((r) => node(r, 0))}</ul>`;
}

// One unit: what it is, where it stood and when, what it came from and
// became, the posts or communes linked to it; and the admin forms.
function UnitDetail({ code, date, user, flat, path, version, onChanged }) {
  const [st, setSt] = useState({ loading: true });

  useEffect(() => {
    let stale = false;
    get(`/api/units/${encodeURIComponent(code)}`, { date })
      .then((u) => { if (!stale) setSt({ u }); })
      .catch((err) => { if (!stale) setSt({ err }); });
    return () => { stale = true; };
  }, [code, date, version]);

  if (st.err) return html`<${Notice} msg=${st.err} />`;
  if (!st.u) return html`<${Loading} />`;
  const u = st.u;
  const link = (c, d) => hrefOf(path, { date: d === today() ? undefined : d, unit: c });
  const alive = existsOn(u, date);
  const canAdmin = ADMIN_ROLES.includes(user.role);
  const succession = (kind) => t(`unit.succession.${kind}`);

  return html`
    <article class="unit-detail">
      <h2>${u.name}</h2>
      ${u.name_en && html`<p class="muted name-en" lang="en">${u.name_en}</p>`}
      <p class="muted small as-of">${t('unit.as_of', { date: fmtDate(u.as_of || date) })}</p>
      ${!alive && html`<p class="badge-warn">${t(date < u.valid_from ? 'unit.not_yet' : 'unit.retired')}</p>`}
      <dl class="facts">
        <dt>${t('unit.code')}</dt><dd class="code">${u.code}</dd>
        <dt>${t('unit.kind')}</dt><dd>${kindLabel(u.kind)}</dd>
        <dt>${t('unit.parent')}</dt>
        <dd>${u.parent
          ? html`<a href=${link(u.parent.code, date)}>${u.parent.name}</a> <span class="code">${u.parent.code}</span>`
          : t('none')}</dd>
        <dt>${t('unit.valid')}</dt><dd>${fmtRange(u.valid_from, u.valid_to)}</dd>
      </dl>

      ${u.parents && u.parents.length > 0 && html`
        <h3>${t('unit.parents')}</h3>
        <table class="list">
          <thead><tr><th>${t('unit.parent')}</th><th>${t('unit.valid')}</th></tr></thead>
          <tbody>
            ${u.parents.map((p) => html`
              <tr key=${p.parent_id + p.valid_from}>
                <td><a href=${link(p.code, dateWithin(p.valid_from, p.valid_to, date))}>${p.name}</a> <span class="code">${p.code}</span></td>
                <td>${fmtRange(p.valid_from, p.valid_to)}</td>
              </tr>`)}
          </tbody>
        </table>`}

      ${u.predecessors && u.predecessors.length > 0 && html`
        <h3>${t('unit.predecessors')}</h3>
        <ul class="plain">
          ${u.predecessors.map((p) => html`
            <li key=${p.id}>
              <a href=${link(p.code, lastDay(p.date))}>${p.name}</a> <span class="code">${p.code}</span>
              <span class="muted"> — ${succession(p.kind)} ${t('unit.on_date', { date: fmtDate(p.date) })}</span>
            </li>`)}
        </ul>`}

      ${u.successors && u.successors.length > 0 && html`
        <h3>${t('unit.successors')}</h3>
        <ul class="plain">
          ${u.successors.map((s) => html`
            <li key=${s.id}>
              <a href=${link(s.code, s.date)}>${s.name}</a> <span class="code">${s.code}</span>
              <span class="muted"> — ${succession(s.kind)} ${t('unit.on_date', { date: fmtDate(s.date) })}</span>
            </li>`)}
        </ul>`}

      ${linkedList(u.communes, t('unit.communes'), link, date)}
      ${linkedList(u.posts, t('unit.posts'), link, date)}

      ${canAdmin && alive && html`
        <${AddChildForm} unit=${u} date=${date} onChanged=${onChanged} />
        <${MoveForm} unit=${u} date=${date} flat=${flat} onChanged=${onChanged} />`}
    </article>`;
}

// The communes of a post, or the posts of a commune, with their periods.
function linkedList(items, title, link, date) {
  if (!items || !items.length) return null;
  return html`
    <h3>${title}</h3>
    <table class="list">
      <thead><tr><th>${t('unit.name')}</th><th>${t('unit.valid')}</th></tr></thead>
      <tbody>
        ${items.map((c) => html`
          <tr key=${c.id + c.valid_from} class=${existsOn(c, date) ? '' : 'past'}>
            <td><a href=${link(c.code, dateWithin(c.valid_from, c.valid_to, date))}>${c.name}</a> <span class="code">${c.code}</span></td>
            <td>${fmtRange(c.valid_from, c.valid_to)}</td>
          </tr>`)}
      </tbody>
    </table>`;
}

// POST /api/units: a new unit under this one, from a date.
function AddChildForm({ unit, date, onChanged }) {
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const kinds = CHILD_KINDS[unit.kind] || [];

  async function submit(e) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    setErr(null);
    setBusy(true);
    try {
      const body = { code: codeOf(v.code), kind: v.kind, name: v.name, parent: unit.code, valid_from: v.valid_from };
      if (v.name_en) body.name_en = v.name_en;
      const res = await post('/api/units', body);
      form.reset();
      onChanged(both('unit.created', { name: res.name }), { unit: res.code });
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  }

  return html`
    <details class="action">
      <summary>${t('unit.add_child')}</summary>
      ${kinds.length === 0
        ? html`<p class="muted">${t('unit.no_child_kind')}</p>`
        : html`
          <form onSubmit=${submit} novalidate>
            <p class="muted small">${t('unit.add_child_under', { name: unit.name })}</p>
            <div class="grid2">
              <${Field} label=${t('unit.kind')} name="kind" err=${err}>
                <select ...${inputProps('kind', err)}>
                  ${kinds.map((k) => html`<option key=${k} value=${k}>${kindLabel(k)}</option>`)}
                </select>
              <//>
              <${Field} label=${t('unit.code')} name="code" err=${err} hint=${t('unit.code_hint')}>
                <input ...${inputProps('code', err)} type="text" required maxlength="64"
                  autocapitalize="characters" spellcheck="false" class="upper" />
              <//>
              <${Field} label=${t('unit.name')} name="name" err=${err}>
                <input ...${inputProps('name', err)} type="text" required maxlength="200" />
              <//>
              <${Field} label=${t('unit.name_en')} name="name_en" err=${err}>
                <input ...${inputProps('name_en', err)} type="text" maxlength="200" lang="en" />
              <//>
              <${Field} label=${t('unit.valid_from')} name="valid_from" err=${err}>
                <input ...${inputProps('valid_from', err)} type="date" required defaultValue=${date} />
              <//>
            </div>
            <${Notice} msg=${err} />
            <button type="submit" class="primary" disabled=${busy}>${t('unit.create')}</button>
          </form>`}
    </details>`;
}

// POST /api/units/:id/move: the unit stands under another from a date.
function MoveForm({ unit, date, flat, onChanged }) {
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const listId = `move-parents-${unit.id}`;

  // Offer the units of the tree, leaving out this one and its branch.
  const options = useMemo(() => {
    const out = [];
    let skipDepth = -1;
    for (const f of flat) {
      if (skipDepth >= 0 && f.depth > skipDepth) continue;
      skipDepth = -1;
      if (f.node.id === unit.id) { skipDepth = f.depth; continue; }
      out.push(f.node);
    }
    return out;
  }, [flat, unit.id]);

  async function submit(e) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    setErr(null);
    setBusy(true);
    try {
      const res = await post(`/api/units/${encodeURIComponent(unit.code)}/move`,
        { parent: codeOf(v.parent), date: v.date });
      form.reset();
      const parent = res.parent ? res.parent.name : codeOf(v.parent);
      onChanged(both('unit.moved', { name: res.name, parent }), { date: v.date });
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  }

  return html`
    <details class="action">
      <summary>${t('unit.move')}</summary>
      <form onSubmit=${submit} novalidate>
        <div class="grid2">
          <${Field} label=${t('unit.move_parent')} name="parent" err=${err}>
            <input ...${inputProps('parent', err)} type="text" required list=${listId}
              autocapitalize="characters" spellcheck="false" class="upper" />
          <//>
          <${Field} label=${t('unit.move_date')} name="date" err=${err}>
            <input ...${inputProps('date', err)} type="date" required defaultValue=${date} />
          <//>
        </div>
        <datalist id=${listId}>
          ${options.map((n) => html`<option key=${n.id} value=${n.code}>${n.name} — ${kindLabel(n.kind)}</option>`)}
        </datalist>
        <${Notice} msg=${err} />
        <button type="submit" class="primary" disabled=${busy}>${t('unit.move_submit')}</button>
      </form>
    </details>`;
}
