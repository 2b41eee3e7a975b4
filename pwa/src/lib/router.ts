// A tiny history router. Paths name screens only: never a health value, never a person's name
// (a booklet page id is public content).

import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'home' }
  | { name: 'signin' }
  | { name: 'forgot-password' }
  | { name: 'reset-password' }
  | { name: 'join' }
  | { name: 'checkin' }
  | { name: 'result' }
  | { name: 'emergency' }
  | { name: 'booklet' }
  | { name: 'page'; id: string }
  | { name: 'guidance' }
  | { name: 'schedule' }
  | { name: 'discharge' }
  | { name: 'trends' }
  | { name: 'settings' }
  | { name: 'messages' }
  | { name: 'child-development' }
  | { name: 'child-growth' }
  | { name: 'child-school' }
  | { name: 'child-wellbeing' }
  | { name: 'my-data' }
  | { name: 'my-data-access' }
  | { name: 'my-data-sharing' }
  | { name: 'my-data-close' }
  | { name: 'account-closed' }
  | { name: 'console' }
  | { name: 'console-patients' }
  | { name: 'console-patient'; id: string }
  | { name: 'console-enrol' }
  | { name: 'console-invite'; id: string }
  | { name: 'console-summary'; id: string }
  | { name: 'console-reviews' }
  | { name: 'console-messages' }
  | { name: 'console-team'; id: string | null }
  | { name: 'console-admin' }
  | { name: 'console-admin-person'; id: string }
  | { name: 'console-admin-teams' }
  | { name: 'notfound' };

export function parse(pathname: string): Route {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  const [first, second] = parts;
  if (first === 'console') return parseConsole(parts.slice(1));
  switch (first) {
    case undefined:
      return { name: 'home' };
    case 'booklet':
      return second ? { name: 'page', id: decodeURIComponent(second) } : { name: 'booklet' };
    case 'my-data':
      if (parts.length === 1) return { name: 'my-data' };
      if (parts.length !== 2) return { name: 'notfound' };
      if (second === 'access') return { name: 'my-data-access' };
      if (second === 'sharing') return { name: 'my-data-sharing' };
      if (second === 'close') return { name: 'my-data-close' };
      return { name: 'notfound' };
    case 'account-closed':
      return parts.length === 1 ? { name: 'account-closed' } : { name: 'notfound' };
    case 'child':
      // A child's follow-up: /child/development, /child/growth, /child/school, /child/wellbeing.
      if (parts.length !== 2) return { name: 'notfound' };
      if (second === 'development') return { name: 'child-development' };
      if (second === 'growth') return { name: 'child-growth' };
      if (second === 'school') return { name: 'child-school' };
      if (second === 'wellbeing') return { name: 'child-wellbeing' };
      return { name: 'notfound' };
    case 'signin':
    case 'forgot-password':
    case 'reset-password':
    case 'join':
    case 'checkin':
    case 'result':
    case 'emergency':
    case 'guidance':
    case 'schedule':
    case 'discharge':
    case 'trends':
    case 'settings':
    case 'messages':
      return parts.length === 1 ? { name: first } : { name: 'notfound' };
    default:
      return { name: 'notfound' };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The care team's console: /console, /console/patients, /console/patients/new, /console/patients/<id>[/summary|/invite],
 * /console/team[/<team id>]. */
function parseConsole(rest: string[]): Route {
  if (rest.length === 0) return { name: 'console' };
  if (rest[0] === 'admin') return parseAdmin(rest.slice(1));
  if (rest[0] === 'team') {
    // The team settings: /console/team (the first of my teams) or /console/team/<team id>.
    if (rest.length === 1) return { name: 'console-team', id: null };
    return rest.length === 2 && UUID.test(rest[1] ?? '')
      ? { name: 'console-team', id: rest[1] ?? null }
      : { name: 'notfound' };
  }
  // The messages inbox: /console/messages.
  if (rest[0] === 'messages') return rest.length === 1 ? { name: 'console-messages' } : { name: 'notfound' };
  // The development checks awaiting the team's review: /console/reviews.
  if (rest[0] === 'reviews') return rest.length === 1 ? { name: 'console-reviews' } : { name: 'notfound' };
  if (rest[0] !== 'patients') return { name: 'notfound' };
  const id = rest[1];
  if (id === undefined) return { name: 'console-patients' };
  // Enrolling a patient at discharge: /console/patients/new.
  if (id === 'new') return rest.length === 2 ? { name: 'console-enrol' } : { name: 'notfound' };
  if (!UUID.test(id)) return { name: 'notfound' };
  if (rest.length === 2) return { name: 'console-patient', id };
  if (rest.length === 3 && rest[2] === 'summary') return { name: 'console-summary', id };
  if (rest.length === 3 && rest[2] === 'invite') return { name: 'console-invite', id };
  return { name: 'notfound' };
}

/** The administrator's space: /console/admin (staff accounts), /console/admin/staff/<account id>,
 * /console/admin/teams. */
function parseAdmin(rest: string[]): Route {
  if (rest.length === 0) return { name: 'console-admin' };
  if (rest.length === 1 && rest[0] === 'teams') return { name: 'console-admin-teams' };
  if (rest.length === 2 && rest[0] === 'staff' && UUID.test(rest[1] ?? ''))
    return { name: 'console-admin-person', id: rest[1] ?? '' };
  return { name: 'notfound' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'console':
      return '/console';
    case 'console-patients':
      return '/console/patients';
    case 'console-patient':
      return `/console/patients/${route.id}`;
    case 'console-summary':
      return `/console/patients/${route.id}/summary`;
    case 'console-enrol':
      return '/console/patients/new';
    case 'console-invite':
      return `/console/patients/${route.id}/invite`;
    case 'console-team':
      return route.id ? `/console/team/${route.id}` : '/console/team';
    case 'home':
      return '/';
    case 'page':
      return `/booklet/${encodeURIComponent(route.id)}`;
    case 'child-development':
      return '/child/development';
    case 'child-growth':
      return '/child/growth';
    case 'child-school':
      return '/child/school';
    case 'child-wellbeing':
      return '/child/wellbeing';
    case 'console-reviews':
      return '/console/reviews';
    case 'console-messages':
      return '/console/messages';
    case 'console-admin':
      return '/console/admin';
    case 'console-admin-person':
      return `/console/admin/staff/${route.id}`;
    case 'console-admin-teams':
      return '/console/admin/teams';
    case 'my-data-access':
      return '/my-data/access';
    case 'my-data-sharing':
      return '/my-data/sharing';
    case 'my-data-close':
      return '/my-data/close';
    case 'notfound':
      return '/';
    default:
      return `/${route.name}`;
  }
}

const listeners = new Set<() => void>();

export function navigate(to: string, replace = false): void {
  if (to === location.pathname + location.hash) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parse(location.pathname));
  useEffect(() => {
    const listener = (): void => setRoute(parse(location.pathname));
    listeners.add(listener);
    window.addEventListener('popstate', listener);
    return () => {
      listeners.delete(listener);
      window.removeEventListener('popstate', listener);
    };
  }, []);
  return route;
}

/** Follows same-origin links inside the app without a page load. */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element).closest('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    navigate(url.pathname + url.hash);
  });
}
