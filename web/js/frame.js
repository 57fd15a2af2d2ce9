// frame.js - what surrounds every page after login: the header (app name,
// who is logged in, in which unit and with which role, the language switch,
// "Đăng xuất") and the left navigation built from routes.js.
import { html } from './preact.js';
import { ROUTES, allowed, current } from './routes.js';
import { hrefOf } from './router.js';
import { kindLabel, roleLabel, t } from './i18n.js';

export function Frame({ user, route, langSwitch, onLogout, children }) {
  const unit = user.unit || {};
  return html`
    <div class="frame">
      <header class="topbar">
        <a class="brand" href="#/dashboard">
          <img src="/favicon.svg" alt="" width="32" height="32" />
          <span>${t('app.name')}</span>
        </a>
        <div class="whoami" aria-label=${t('frame.user')}>
          <span class="who-name">${user.display_name || user.username}</span>
          <span class="who-meta">
            <span title=${t('frame.unit')}>${unit.name}</span>
            <span class="sep" aria-hidden="true">·</span>
            <span title=${t('frame.role')} class="role">${roleLabel(user.role)}</span>
          </span>
          <span class="who-user">${user.username} · ${kindLabel(unit.kind)} ${unit.code}</span>
        </div>
        <div class="topbar-actions">
          ${langSwitch}
          <button type="button" class="logout" onClick=${onLogout}>${t('frame.logout')}</button>
        </div>
      </header>
      <div class="frame-body">
        <nav class="sidenav" aria-label=${t('frame.nav')}>
          <ul>
            ${ROUTES.filter((r) => r.nav && allowed(r, user)).map((r) => html`
              <li key=${r.path}>
                <a href=${hrefOf(r.path)} aria-current=${current(r, route.path) ? 'page' : undefined}>
                  ${t(r.nav)}
                </a>
              </li>`)}
          </ul>
        </nav>
        <main class="content" id="content">${children}</main>
      </div>
    </div>`;
}
