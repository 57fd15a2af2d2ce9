// preact.js - the one place that says where Preact and htm come from.
//
// htm's "standalone" bundle holds Preact, its hooks and htm in one ES
// module, so the browser can load it as it is: no bundler, no import map
// (the server's Content-Security-Policy refuses inline scripts, and an
// import map is one). npm installs it under web/node_modules, which the
// server serves like any other file of web/.
export {
  html, render, h, Component, createContext,
  useState, useReducer, useEffect, useLayoutEffect, useRef,
  useMemo, useCallback, useContext,
} from '../node_modules/htm/preact/standalone.module.js';
