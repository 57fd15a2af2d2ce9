// router.js - hash routing: "#/units?date=2024-05-01&unit=MAUSON".
//
// The part after "#" is a path and optional query. Pages keep what the
// user chose (the date, the selected unit) in the query, so a link or a
// reload shows the same thing, and Back goes to the previous choice.
// The hash never reaches the server, which serves index.html for "/" only.
import { useEffect, useState } from './preact.js';

const EVENT = 'bienphong:route';

export function parseHash(hash = location.hash) {
  const s = hash.replace(/^#/, '') || '/';
  const i = s.indexOf('?');
  const path = i < 0 ? s : s.slice(0, i);
  const params = Object.fromEntries(new URLSearchParams(i < 0 ? '' : s.slice(i + 1)));
  return { path, params };
}

export function hrefOf(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}

// Goes to path with params. replace: no new history entry (for changes
// the user makes many of in a row, such as typing a date).
export function navigate(path, params, { replace = false } = {}) {
  const href = hrefOf(path, params);
  if (href === location.hash) return;
  if (replace) {
    history.replaceState(history.state, '', href);
    window.dispatchEvent(new Event(EVENT)); // replaceState fires no hashchange
  } else {
    location.hash = href;
  }
}

// The current {path, params}, re-rendering on every change.
export function useRoute() {
  const [route, setRoute] = useState(parseHash);
  useEffect(() => {
    const update = () => setRoute(parseHash());
    window.addEventListener('hashchange', update);
    window.addEventListener(EVENT, update);
    return () => {
      window.removeEventListener('hashchange', update);
      window.removeEventListener(EVENT, update);
    };
  }, []);
  return route;
}
