// app.js - the bienphong web UI: starts the app and decides what to show.
//
// On load it asks GET /api/me who is logged in (the session is the HttpOnly
// cookie, which this code cannot read). No session: the login page. A
// session: the frame with the page the hash names (routes.js). When any
// later call answers 401 (the session expired after 12 hours, or someone
// logged out in another tab), the app goes back to the login page and says
// why.
//
// Plain ES modules, no build step: see js/preact.js.
import { html, render, useEffect, useState } from './js/preact.js';
import { get, post, setUnauthorizedHandler } from './js/api.js';
import { both, getLang, setLang, t } from './js/i18n.js';
import { navigate, parseHash, useRoute } from './js/router.js';
import { allowed, matchRoute } from './js/routes.js';
import { Frame } from './js/frame.js';
import { LoginPage } from './js/pages/login.js';
import { Loading, Notice } from './js/ui.js';

const DEFAULT_PATH = '/dashboard';

function LangSwitch({ onSwitch }) {
  const other = getLang() === 'vi' ? 'en' : 'vi';
  return html`
    <button type="button" class="lang-switch" lang=${other}
      title=${t('lang.switch_title')} onClick=${() => onSwitch(other)}>
      ${t('lang.switch')}
    </button>`;
}

function App() {
  const [user, setUser] = useState(undefined); // undefined: still asking
  const [notice, setNotice] = useState(null);
  const [meErr, setMeErr] = useState(null);
  const [, setLangState] = useState(getLang());
  const route = useRoute();

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setUser(null);
      setNotice(both('error.session'));
    });
    get('/api/me')
      .then(enter)
      .catch((e) => {
        // 401 is the normal answer when nobody is logged in.
        if (e.status !== 401) setMeErr(e);
        setUser(null);
      });
  }, []);

  function switchLang(l) {
    setLang(l);
    setLangState(l); // re-renders everything in the new language
  }

  async function logout() {
    try {
      await post('/api/logout');
    } catch {
      // The session may already be gone; the user is logged out either way.
    }
    setUser(null);
    setNotice(null);
    navigate(DEFAULT_PATH, {}, { replace: true }); // the next user starts afresh
  }

  // The first screen is chosen before the frame shows, so that the frame
  // never shows without a page.
  function enter(u) {
    if (parseHash().path === '/') navigate(DEFAULT_PATH, {}, { replace: true });
    setUser(u);
  }

  function login(u) {
    setNotice(null);
    setMeErr(null);
    enter(u);
  }

  // "#/" or no hash: the first screen.
  useEffect(() => {
    if (user && route.path === '/') navigate(DEFAULT_PATH, {}, { replace: true });
  }, [user, route.path]);

  const langSwitch = html`<${LangSwitch} onSwitch=${switchLang} />`;

  if (user === undefined) return html`<${Loading} />`;
  if (user === null) {
    return html`<${LoginPage} onLogin=${login} notice=${notice} loadErr=${meErr} langSwitch=${langSwitch} />`;
  }

  let body;
  const m = matchRoute(route.path);
  const r = m && m.route;
  if (route.path === '/') {
    body = html`<${Loading} />`;
  } else if (!r) {
    body = html`<${Notice} msg=${both('frame.not_found')} />`;
  } else if (!allowed(r, user)) {
    body = html`<${Notice} msg=${both('frame.no_access')} />`;
  } else {
    const Page = r.page;
    body = html`<${Page} key=${r.path} user=${user} params=${{ ...route.params, ...m.params }} path=${r.path} />`;
  }
  return html`
    <${Frame} user=${user} route=${route} langSwitch=${langSwitch} onLogout=${logout}>
      ${body}
    <//>`;
}

render(html`<${App} />`, document.getElementById('app'));
