// routes.js - the screens of the left navigation, in the order shown.
//
// Adding a screen is one line here (plus its page module and its 'nav.*'
// label in i18n.js):
//   path   the hash path, "#/units"
//   nav    the i18n key of its label in the navigation
//   page   the component; it gets {user, params, path}
//   roles  the roles that see it (missing: every logged-in user). The
//          server checks again: hiding a screen is a convenience, not access
//          control.
import { UnitsPage } from './pages/units.js';
import { UsersPage } from './pages/users.js';

export const ROUTES = [
  { path: '/units', nav: 'nav.units', page: UnitsPage },
  { path: '/users', nav: 'nav.users', page: UsersPage, roles: ['unit_admin', 'admin'] },
];

export function allowed(route, user) {
  return !route.roles || route.roles.includes(user.role);
}
