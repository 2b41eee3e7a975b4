// The service worker: keeps the app itself on the phone so that it opens with no network, and
// sends waiting check-ins when Background Sync wakes it up.
//
// - Install: the app shell (index.html, hashed scripts and styles, icons, manifest) goes into a
//   cache named after this build's version. The list is every file the build wrote (vite.config.ts),
//   so the chunks loaded on demand (the care team's console) are kept too.
// - Activate: caches of older versions are deleted.
// - Fetch: navigations answer with the cached index.html (every screen is the same page), assets
//   come from the cache first; /api/ is never touched: personal data is not kept in Cache
//   Storage (the app keeps what it needs in IndexedDB, cleared at sign-out).
// - Sync: the outbox is sent (same code as the page; the server ignores replays).
// - Push: each push shows a notification; an alert's, on a clinician's phone, has a "Seen" action
//   that acknowledges it without opening the app.

import { flushOutbox, SYNC_TAG } from './lib/outbox-send';

declare const __SHELL__: string[];
declare const __VERSION__: string;

// The few service-worker types we use (the project compiles against the DOM library).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response> | Response): void;
}
interface SyncEvent extends ExtendableEvent {
  tag: string;
}
interface PushEvent extends ExtendableEvent {
  data: { json(): unknown } | null;
}
interface NotificationEvent extends ExtendableEvent {
  notification: Notification;
  action: string;
}
interface NotificationAction {
  action: string;
  title: string;
}
interface WindowClient {
  url: string;
  postMessage(message: unknown): void;
  focus(): Promise<WindowClient>;
  navigate(url: string): Promise<WindowClient | null>;
}
interface Clients {
  claim(): Promise<void>;
  matchAll(options?: { type?: string; includeUncontrolled?: boolean }): Promise<WindowClient[]>;
  openWindow(url: string): Promise<WindowClient | null>;
}
interface Registration {
  showNotification(
    title: string,
    options?: NotificationOptions & { data?: unknown; renotify?: boolean; actions?: NotificationAction[] },
  ): Promise<void>;
}
interface Scope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'sync', listener: (event: SyncEvent) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'push', listener: (event: PushEvent) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: NotificationEvent) => void): void;
  skipWaiting(): Promise<void>;
  registration: Registration;
  clients: Clients;
  location: Location;
}

const sw = self as unknown as Scope;
const SHELL_CACHE = `relais-shell-${__VERSION__}`;
const SHELL: string[] = __SHELL__;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // `cache: 'reload'`: never fill the new cache from the HTTP cache of an older build.
      await cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload' })));
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('relais-shell-') && name !== SHELL_CACHE) await caches.delete(name);
      }
      await sw.clients.claim();
    })(),
  );
});

// The page asks the new worker to take over when the person chooses to reload.
sw.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') void sw.skipWaiting();
});

async function shell(): Promise<Response> {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match('/');
  if (cached) return cached;
  return fetch('/');
}

async function navigation(request: Request): Promise<Response> {
  // The shell first: it opens at once on a weak network; a new build arrives with a new worker.
  const cached = await (await caches.open(SHELL_CACHE)).match('/');
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch {
    return shell();
  }
}

async function asset(request: Request): Promise<Response> {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  return fetch(request);
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (url.pathname.startsWith('/api/')) return; // network only, never cached here
  if (url.pathname === '/sw.js') return;
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
    return;
  }
  if (SHELL.includes(url.pathname)) event.respondWith(asset(request));
});

sw.addEventListener('sync', (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(
    (async () => {
      const report = await flushOutbox();
      const clients = await sw.clients.matchAll({ type: 'window' });
      for (const client of clients) client.postMessage({ type: 'outbox', sent: report.sent.length });
      // A rejected promise asks the browser to try again later.
      if (report.stopped === 'offline') throw new Error('offline');
    })(),
  );
});

// Push: the payload holds no health data, only a kind, an id and a neutral text; the app shows
// the details after opening. Every push shows a notification.
const OPEN_AT: Record<string, string> = {
  reminder: '/checkin',
  alert_seen: '/',
  message: '/',
  alert: '/console',
  digest: '/console',
};

interface PushData {
  type?: string;
  id?: string;
  title?: string;
  body?: string;
  // An alert to staff: the "Seen" action, and the token that acknowledges it as its recipient
  // (short-lived, for this alert and this person only, nothing about the patient).
  actions?: NotificationAction[];
  seen?: string;
}

sw.addEventListener('push', (event) => {
  let data: PushData = {};
  try {
    data = (event.data?.json() as typeof data) ?? {};
  } catch {
    // A payload we cannot read still shows a notification.
  }
  const kind = data.type ?? 'message';
  event.waitUntil(
    sw.registration.showNotification(data.title || 'Relais', {
      body: data.body || 'Relais',
      icon: '/icons/icon-192.png',
      badge: '/icons/badge-96.png',
      // One notification per alert (or message): a repeat of the same one, sent again after a
      // fault or at a later escalation step, replaces it, and sounds again for an alert.
      tag: data.id ? `relais-${kind}-${data.id}` : `relais-${kind}`,
      renotify: Boolean(data.id) && (kind === 'alert' || kind === 'family_alert'),
      actions: kind === 'alert' && data.seen && data.id ? (data.actions ?? []).slice(0, 2) : undefined,
      data: { url: OPEN_AT[kind] ?? '/', alert: kind === 'alert' ? data.id : undefined, seen: data.seen },
    }),
  );
});

/** The "Seen" action: the alert is acknowledged as the person the notification was sent to. The
 * token is the proof (a service worker cannot send the CSRF header). True when it was done. */
async function markSeen(alert: string, token: string): Promise<boolean> {
  try {
    const resp = await fetch(`/api/alerts/${encodeURIComponent(alert)}/seen-from-notification`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    // 409: seen already (by this person or a colleague): nothing left to do here either.
    return resp.ok || resp.status === 409;
  } catch {
    return false;
  }
}

sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = (event.notification.data ?? {}) as { url?: string; alert?: string; seen?: string };
  const target = data.url ?? '/';
  event.waitUntil(
    (async () => {
      // Seen from the notification; when that cannot be done, the console opens instead.
      if (event.action === 'seen' && data.alert && data.seen && (await markSeen(data.alert, data.seen))) return;
      const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows[0];
      if (open) {
        await open.focus();
        await open.navigate(target).catch(() => null);
        return;
      }
      await sw.clients.openWindow(target);
    })(),
  );
});
