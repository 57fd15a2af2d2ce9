// api.js - calls to the bienphong JSON API.
//
// The session is the HttpOnly cookie bp_session that POST /api/login sets;
// the browser sends it with every same-origin request, and this code never
// sees or stores the token (a script cannot steal what it cannot read).
// The cookie is SameSite=Strict and every write carries Content-Type:
// application/json, which a cross-site form cannot send.
//
// Every failure becomes an ApiError holding the server's error object
// {code, message_vi, message_en, field}, so a page shows it with
// apiMessage(err) and may mark the input named by err.field. A network
// failure or an answer that is not JSON gets the same shape.
import { both } from './i18n.js';

export class ApiError extends Error {
  constructor(status, body) {
    super(body.message_en || body.code);
    this.status = status;
    this.code = body.code;
    this.message_vi = body.message_vi;
    this.message_en = body.message_en;
    this.field = body.field || null;
  }
}

// Called when a request that needs a session gets 401 (the session expired,
// or someone logged out in another tab); the app goes back to the login page.
let onUnauthorized = null;
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

// Builds "?a=1&b=2" from an object, leaving out empty values.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

function localError(code, key, vars) {
  return { code, ...both(key, vars) };
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, localError('network', 'error.network'));
  }
  if (res.status === 204) return null;
  let data = null;
  const text = await res.text();
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (res.ok) return data;
  const err = data && data.error
    ? new ApiError(res.status, data.error)
    : new ApiError(res.status, localError('unexpected', 'error.unexpected', { status: res.status }));
  if (res.status === 401 && onUnauthorized && path !== '/api/login' && path !== '/api/me') {
    onUnauthorized(err);
  }
  throw err;
}

export const get = (path, params) => api('GET', path + query(params));
export const post = (path, body) => api('POST', path, body ?? {});
export const patch = (path, body) => api('PATCH', path, body);

// A GET whose answer is text, not JSON (a report's narrative,
// format=text). Failures are the same ApiError as api()'s: the server
// answers errors in JSON whatever was asked.
export async function getText(path, params) {
  let res;
  try {
    res = await fetch(path + query(params), { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, localError('network', 'error.network'));
  }
  const text = await res.text();
  if (res.ok) return text;
  let data = null;
  try { data = JSON.parse(text); } catch { data = null; }
  const err = data && data.error
    ? new ApiError(res.status, data.error)
    : new ApiError(res.status, localError('unexpected', 'error.unexpected', { status: res.status }));
  if (res.status === 401 && onUnauthorized) onUnauthorized(err);
  throw err;
}
