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
// A path may have ":name" parts ("/markers/:id"); the page gets them in
// params with the query's. A route without nav is not in the navigation
// (a record's own page); the navigation marks the screen whose path
// starts its path ("/markers" for "/markers/:id").
import { UnitsPage } from './pages/units.js';
import { UsersPage } from './pages/users.js';
import { MapPage } from './pages/map.js';
import { MarkersPage, MarkerPage } from './pages/markers.js';
import { RegistryPage } from './pages/registry.js';
// People's participation: activities and the catalog.
import { ActivitiesPage } from './pages/activities.js';
import { ActivityNewPage, ActivityPage } from './pages/activity_form.js';
import { ActivityImportPage } from './pages/activity_import.js';
import { CatalogPage } from './pages/catalog.js';
import { HouseholdsPage, HouseholdPage } from './pages/households.js';
import { GroupsPage } from './pages/groups.js';
import { TwinningsPage } from './pages/twinnings.js';
import { StocksPage } from './pages/stocks.js';
import { DocumentsPage, DocumentPage } from './pages/documents.js';
import { TasksPage, TaskPage } from './pages/tasks.js';
import { ConferencesPage, ConferencePage } from './pages/conferences.js';
import { AgreementsPage, AgreementPage } from './pages/agreements.js';
import { CommendationsPage } from './pages/commendations.js';
// Dashboard and reports.
import { DashboardPage } from './pages/dashboard.js';
import { ReportsPage } from './pages/reports.js';

export const ROUTES = [
  // dashboard (the home page) and reports
  { path: '/dashboard', nav: 'nav.dashboard', page: DashboardPage },
  { path: '/reports', nav: 'nav.reports', page: ReportsPage },
  { path: '/units', nav: 'nav.units', page: UnitsPage },
  { path: '/map', nav: 'nav.map', page: MapPage },
  { path: '/markers', nav: 'nav.markers', page: MarkersPage },
  { path: '/markers/:id', page: MarkerPage },
  { path: '/registry', nav: 'nav.registry', page: RegistryPage },
  // People's participation: activities ("new" and "import" before ":id").
  { path: '/activities', nav: 'nav.activities', page: ActivitiesPage },
  { path: '/activities/new', page: ActivityNewPage, roles: ['editor', 'unit_admin', 'admin'] },
  { path: '/activities/import', page: ActivityImportPage, roles: ['editor', 'unit_admin', 'admin'] },
  { path: '/activities/:id', page: ActivityPage },
  { path: '/catalog', nav: 'nav.catalog', page: CatalogPage, roles: ['admin'] },
  // people's participation
  { path: '/households', nav: 'nav.households', page: HouseholdsPage },
  { path: '/households/:id', page: HouseholdPage },
  { path: '/groups', nav: 'nav.groups', page: GroupsPage },
  { path: '/twinnings', nav: 'nav.twinnings', page: TwinningsPage },
  { path: '/stocks', nav: 'nav.stocks', page: StocksPage },
  { path: '/documents', nav: 'nav.documents', page: DocumentsPage },
  { path: '/documents/:id', page: DocumentPage },
  { path: '/tasks', nav: 'nav.tasks', page: TasksPage },
  { path: '/tasks/:id', page: TaskPage },
  // coordination
  { path: '/conferences', nav: 'nav.conferences', page: ConferencesPage },
  { path: '/conferences/:id', page: ConferencePage },
  { path: '/agreements', nav: 'nav.agreements', page: AgreementsPage },
  { path: '/agreements/:id', page: AgreementPage },
  { path: '/commendations', nav: 'nav.commendations', page: CommendationsPage },
  { path: '/users', nav: 'nav.users', page: UsersPage, roles: ['unit_admin', 'admin'] },
];

// The route of a hash path and the values of its ":name" parts, or null.
export function matchRoute(path) {
  const parts = path.split('/');
  for (const r of ROUTES) {
    const want = r.path.split('/');
    if (want.length !== parts.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < want.length && ok; i++) {
      if (want[i].startsWith(':')) {
        if (!parts[i]) ok = false;
        else {
          try { params[want[i].slice(1)] = decodeURIComponent(parts[i]); } catch { ok = false; }
        }
      } else if (want[i] !== parts[i]) ok = false;
    }
    if (ok) return { route: r, params };
  }
  return null;
}

// Whether the navigation entry of route r is the current screen.
export function current(r, path) {
  return path === r.path || path.startsWith(`${r.path}/`);
}

export function allowed(route, user) {
  return !route.roles || route.roles.includes(user.role);
}
