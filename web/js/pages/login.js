// login.js - the "Đăng nhập" page.
//
// POST /api/login sets the session cookie; the answer's user goes to the
// app. The token in the answer is for scripts and is not kept here. A wrong
// password, a locked account or too many tries each come back as the
// server's message, shown under the form.
import { html, useEffect, useRef, useState } from '../preact.js';
import { post } from '../api.js';
import { t } from '../i18n.js';
import { Field, Notice, formValues, inputProps } from '../ui.js';

// notice: why the user is here again (the session ended); loadErr: the
// server could not be asked at all.
export function LoginPage({ onLogin, notice, loadErr, langSwitch }) {
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const userRef = useRef(null);

  useEffect(() => { userRef.current && userRef.current.focus(); }, []);

  async function submit(e) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    setErr(null);
    setBusy(true);
    try {
      const res = await post('/api/login', { username: v.username, password: v.password });
      onLogin(res.user);
    } catch (x) {
      setErr(x);
      // Keep the username, clear the password for the next try.
      form.elements.password.value = '';
      form.elements.password.focus();
    } finally {
      setBusy(false);
    }
  }

  return html`
    <div class="login-page">
      <div class="login-top">${langSwitch}</div>
      <main class="login-box">
        <div class="login-brand">
          <img src="/favicon.svg" alt="" width="56" height="56" />
          <p class="login-app">${t('app.name')}</p>
        </div>
        <h1>${t('login.title')}</h1>
        <p class="muted">${t('login.intro')}</p>
        <${Notice} msg=${notice} kind="info" />
        <${Notice} msg=${loadErr} />
        <form onSubmit=${submit} novalidate>
          <${Field} label=${t('login.username')} name="username" err=${err}>
            <input ...${inputProps('username', err)} ref=${userRef} type="text"
              autocomplete="username" autocapitalize="none" spellcheck="false" required />
          <//>
          <${Field} label=${t('login.password')} name="password" err=${err}>
            <input ...${inputProps('password', err)} type="password"
              autocomplete="current-password" required />
          <//>
          <${Notice} msg=${err} />
          <button type="submit" class="primary wide" disabled=${busy}>
            ${busy ? t('login.busy') : t('login.submit')}
          </button>
        </form>
        <p class="muted small">${t('login.shared_pc')}</p>
      </main>
    </div>`;
}
