// The app's state and every action that changes it. Screens read the state through `useStore`
// and call the actions; the network is always optional: what was last downloaded is kept in
// IndexedDB and shown when the phone is offline.

import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, csrfToken, getIfChanged, NetworkError, onCsrfToken, onSignedOut } from '../api/client';
import { lang, setLang } from '../i18n';
import { clearAll, kvDelete, kvGet, kvSet, outboxAll, outboxPut, type OutboxEntry } from './db';
import {
  cachedThread,
  dropMessage,
  flushMessages,
  openThread,
  queuedMessages,
  queueMessage,
  type CachedThread,
  type QueuedMessage,
} from './messages';
import { CSRF_KEY, flushOutbox, SYNC_TAG } from './outbox-send';
import { forgetPush, resyncPush } from './push';
import type { AlertSummary, Bundle, CheckinSummary, Lang, Person, ScheduleItem, Today, User } from './types';

export interface PersonData {
  today?: Today;
  schedule?: ScheduleItem[];
  history?: CheckinSummary[];
  alerts?: AlertSummary[];
  fetchedAt?: string;
}

export interface State {
  booting: boolean;
  lang: Lang;
  online: boolean;
  user: User | null;
  bundle: Bundle | null;
  circle: Person[];
  currentId: string | null;
  data: Record<string, PersonData>;
  outbox: OutboxEntry[];
  /** The check-in whose result is on screen. */
  resultId: string | null;
  /** A new version of the app is installed and waits for a reload. */
  updateReady: boolean;
  /** Why the last sync stopped, when it did. */
  syncProblem: 'offline' | 'signed-out' | null;
  /** The message threads read on this phone (kept for offline reading), by person. */
  threads: Record<string, CachedThread>;
  /** Messages written here that wait for the network, or that the server refused. */
  messageQueue: QueuedMessage[];
}

let state: State = {
  booting: true,
  lang: lang(),
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  user: null,
  bundle: null,
  circle: [],
  currentId: null,
  data: {},
  outbox: [],
  resultId: null,
  updateReady: false,
  syncProblem: null,
  threads: {},
  messageQueue: [],
};

const listeners = new Set<() => void>();

export function getState(): State {
  return state;
}

export function update(patch: Partial<State>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

export function useStore(): State {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = (): void => setTick((n) => n + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return state;
}

// --- derived -----------------------------------------------------------------------------------

export function currentPerson(s: State = state): Person | null {
  return s.circle.find((p) => p.patient_id === s.currentId) ?? s.circle[0] ?? null;
}

export function personData(s: State = state): PersonData {
  const person = currentPerson(s);
  return (person && s.data[person.patient_id]) || {};
}

// --- keys in IndexedDB ---------------------------------------------------------------------------

const K = {
  me: 'me',
  circle: 'circle',
  current: 'current',
  bundle: (l: Lang) => `bundle:${l}`,
  person: (id: string) => `person:${id}`,
};

interface StoredBundle {
  etag: string | null;
  data: Bundle;
}

// A staff session ended on the server (deactivated, role changed, timed out): the console goes
// back to the sign-in screen at the next call. A patient's phone keeps what it holds (check-ins
// waiting in the outbox) and says it is signed out when it syncs.
onSignedOut(() => {
  if (state.user?.role === 'clinician' || state.user?.role === 'admin') void forgetEverything();
});

onCsrfToken((token) => {
  void kvSet(CSRF_KEY, token).catch(() => undefined);
});

// --- boot ----------------------------------------------------------------------------------------

export async function boot(): Promise<void> {
  document.documentElement.lang = state.lang;
  const [user, circle, current, stored, outbox, messageQueue] = await Promise.all([
    kvGet<User>(K.me),
    kvGet<Person[]>(K.circle),
    kvGet<string>(K.current),
    kvGet<StoredBundle>(K.bundle(state.lang)),
    outboxAll(),
    queuedMessages(),
  ]);
  const data: Record<string, PersonData> = {};
  for (const person of circle ?? []) {
    const cached = await kvGet<PersonData>(K.person(person.patient_id));
    if (cached) data[person.patient_id] = cached;
  }
  update({
    user: user ?? null,
    circle: circle ?? [],
    currentId: current ?? circle?.[0]?.patient_id ?? null,
    bundle: stored?.data ?? null,
    data,
    outbox,
    messageQueue,
  });
  if (user && stored) update({ booting: false });
  // Then ask the network, without holding the screen when a copy is there.
  try {
    const me = await api<User>('GET', '/api/auth/me');
    await adoptUser(me);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      if (state.user) await forgetEverything();
    }
    // Offline: keep what the phone has.
  }
  await refreshBundle().catch(() => undefined);
  update({ booting: false });
  if (state.user) {
    void refreshCircle()
      .then(() => refreshPerson())
      .catch(() => undefined);
    void sync();
    void resyncPush().catch(() => undefined);
  }
}

async function adoptUser(user: User): Promise<void> {
  if (state.user && state.user.id !== user.id) await forgetEverything();
  await kvSet(K.me, user);
  update({ user });
}

// --- content -------------------------------------------------------------------------------------

export async function refreshBundle(which: Lang = state.lang): Promise<void> {
  const stored = await kvGet<StoredBundle>(K.bundle(which));
  const fresh = await getIfChanged<Bundle>(`/api/content/bundle?lang=${which}`, stored?.data ? stored.etag : null);
  if (fresh) {
    await kvSet(K.bundle(which), { etag: fresh.etag, data: fresh.data } satisfies StoredBundle);
    if (which === state.lang) update({ bundle: fresh.data });
  } else if (stored && which === state.lang) {
    update({ bundle: stored.data });
  }
}

export async function changeLanguage(next: Lang): Promise<void> {
  setLang(next);
  const stored = await kvGet<StoredBundle>(K.bundle(next));
  update({ lang: next, bundle: stored?.data ?? state.bundle });
  await refreshBundle(next).catch(() => undefined);
}

// --- the care circle ------------------------------------------------------------------------

export async function refreshCircle(): Promise<void> {
  const result = await api<{ people: Person[] }>('GET', '/api/me/circle');
  const circle = result.people;
  await kvSet(K.circle, circle);
  let currentId = state.currentId;
  if (!circle.some((p) => p.patient_id === currentId)) currentId = circle[0]?.patient_id ?? null;
  if (currentId) await kvSet(K.current, currentId);
  update({ circle, currentId });
}

/** The tap takes effect at once; remembering the choice on the phone (IndexedDB, slow on a busy
 * phone) and reading the person's data follow. */
export async function selectPerson(id: string): Promise<void> {
  update({ currentId: id });
  await kvSet(K.current, id).catch(() => undefined);
  await refreshPerson(id).catch(() => undefined);
}

export async function refreshPerson(id: string | null = currentPerson()?.patient_id ?? null): Promise<void> {
  if (!id) return;
  const base = `/api/patients/${encodeURIComponent(id)}`;
  const person = state.circle.find((p) => p.patient_id === id);
  const results = await Promise.allSettled([
    api<Today>('GET', `${base}/today`),
    api<ScheduleItem[]>('GET', `${base}/schedule`),
    person?.can_read_results === false
      ? Promise.resolve(undefined)
      : api<CheckinSummary[] | { items: CheckinSummary[] }>('GET', `${base}/checkins?days=30`),
    api<AlertSummary[]>('GET', `${base}/alerts`),
  ]);
  if (results.every((r) => r.status === 'rejected')) {
    const first = results[0] as PromiseRejectedResult;
    throw first.reason;
  }
  const previous = state.data[id] ?? {};
  const value = <T>(r: PromiseSettledResult<T>, fallback: T): T =>
    r.status === 'fulfilled' && r.value !== undefined ? r.value : fallback;
  const rawHistory = value(results[2], previous.history);
  const history = Array.isArray(rawHistory)
    ? rawHistory
    : ((rawHistory as { items?: CheckinSummary[] } | undefined)?.items ?? previous.history);
  const next: PersonData = {
    today: value(results[0], previous.today),
    schedule: value(results[1], previous.schedule),
    history,
    alerts: value(results[3], previous.alerts),
    fetchedAt: new Date().toISOString(),
  };
  await kvSet(K.person(id), next);
  update({ data: { ...state.data, [id]: next } });
}

// --- accounts --------------------------------------------------------------------------------

/** The signed-in account read again (after turning on the second factor, say). */
export async function refreshMe(): Promise<void> {
  await adoptUser(await api<User>('GET', '/api/auth/me'));
}

export async function signIn(email: string, password: string, totp?: string): Promise<void> {
  const body: Record<string, string> = { email, password };
  if (totp) body.totp_code = totp;
  const user = await api<User>('POST', '/api/auth/login', body);
  await afterSignIn(user);
}

export interface JoinForm {
  token?: string;
  code?: string;
  email: string;
  display_name: string;
  password: string;
  /** The terms and privacy notice accepted in the form, each at the version shown. */
  consents?: { document: string; version: number }[];
}

export async function acceptInvitation(form: JoinForm): Promise<void> {
  const user = await api<User>('POST', '/api/invitations/accept', { ...form, locale: state.lang });
  await afterSignIn(user);
}

async function afterSignIn(user: User): Promise<void> {
  await adoptUser(user);
  await csrfToken().catch(() => undefined);
  // The bundle of a signed-in person carries the team's numbers: fetch it again.
  await kvDelete(K.bundle(state.lang));
  await refreshBundle().catch(() => undefined);
  await refreshCircle().catch(() => undefined);
  await refreshPerson().catch(() => undefined);
  void sync();
}

async function forgetEverything(): Promise<void> {
  await clearAll();
  if ('caches' in globalThis) {
    for (const name of await caches.keys()) if (name.startsWith('relais-data')) await caches.delete(name);
  }
  update({
    user: null,
    circle: [],
    currentId: null,
    data: {},
    outbox: [],
    resultId: null,
    bundle: null,
    threads: {},
    messageQueue: [],
  });
}

export async function signOut(): Promise<void> {
  await forgetPush();
  let providerLogout: string | null = null;
  try {
    const out = await api<{ provider_logout_url?: string | null }>('POST', '/api/auth/logout');
    providerLogout = out?.provider_logout_url ?? null;
  } catch (error) {
    if (error instanceof NetworkError) {
      // The session ends on the server at its expiry; the phone forgets now.
    }
  }
  await forgetEverything();
  if (providerLogout) {
    // Signed in at the hospital's provider: its session ends too (it sends the browser back to
    // the console's sign-in screen).
    location.assign(providerLogout);
    return;
  }
  await refreshBundle().catch(() => undefined);
}

// --- the outbox -------------------------------------------------------------------------------

export async function reloadOutbox(): Promise<void> {
  update({ outbox: await outboxAll() });
}

/** Shows the check-in at once (the result screen needs nothing else), then keeps it in the
 * outbox and tries to send it. */
export async function queueCheckin(entry: OutboxEntry): Promise<void> {
  update({ outbox: [...state.outbox.filter((e) => e.id !== entry.id), entry], resultId: entry.id });
  await outboxPut(entry);
  await reloadOutbox();
  void registerBackgroundSync();
  void sync();
}

export interface CheckinStart {
  questionnaires?: string[];
  worse?: boolean;
}

let checkinStart: CheckinStart = {};

/** What the next check-in screen starts with (kept in memory: never in the address). */
export function startCheckin(start: CheckinStart): void {
  checkinStart = start;
}

export function takeCheckinStart(): CheckinStart {
  const start = checkinStart;
  checkinStart = {};
  return start;
}

async function registerBackgroundSync(): Promise<void> {
  try {
    // `ready` never settles without a worker: ask for the registration instead.
    const registration = await navigator.serviceWorker?.getRegistration();
    const sync = (registration as unknown as { sync?: { register(tag: string): Promise<void> } })?.sync;
    await sync?.register(SYNC_TAG);
  } catch {
    // No Background Sync here (Safari, Firefox): `online` and `visibilitychange` do it.
  }
}

let syncing: Promise<void> | null = null;

/** Sends what waits in the outbox, then refreshes what the server knows. */
export function sync(): Promise<void> {
  if (!syncing) {
    syncing = (async () => {
      try {
        const report = await flushOutbox(() => csrfToken());
        update({ syncProblem: report.stopped });
        await sendMessages();
        await reloadOutbox();
        if (report.sent.length > 0) {
          const ids = new Set(report.sent.map((e) => e.patient_id));
          for (const id of ids) await refreshPerson(id).catch(() => undefined);
        }
      } finally {
        syncing = null;
      }
    })();
  }
  return syncing;
}

// --- messages --------------------------------------------------------------------------------

function setUnread(id: string, unread: number): void {
  const previous = state.data[id];
  if (!previous?.today || previous.today.unread_messages === unread) return;
  const next = { ...previous, today: { ...previous.today, unread_messages: unread } };
  void kvSet(K.person(id), next).catch(() => undefined);
  update({ data: { ...state.data, [id]: next } });
}

/** Shows the thread kept on the phone at once, then reads it from the server (which marks it
 * read: the unread count goes to zero). Throws when the server cannot be reached; the kept copy
 * stays on screen. */
export async function loadThread(id: string): Promise<void> {
  const kept = state.threads[id] ?? (await cachedThread(id));
  if (kept && !state.threads[id]) update({ threads: { ...state.threads, [id]: kept } });
  const fresh = await openThread(id);
  update({ threads: { ...state.threads, [id]: fresh } });
  setUnread(id, fresh.thread.unread);
}

/** Sends what waits in the message queue, and shows the threads it came back with. */
async function sendMessages(): Promise<void> {
  const report = await flushMessages();
  update({ threads: { ...state.threads, ...report.threads }, messageQueue: report.queue });
}

/** The message is on screen at once, as waiting; it goes now, or when the network is back. */
export async function writeMessage(id: string, body: string): Promise<void> {
  update({ messageQueue: await queueMessage(id, body) });
  await sendMessages();
}

export async function forgetMessage(messageId: string): Promise<void> {
  update({ messageQueue: await dropMessage(messageId) });
}

/** Re-reads the alerts of the person on screen ("your care team has seen this"). */
export async function refreshAlerts(id: string): Promise<void> {
  const alerts = await api<AlertSummary[]>('GET', `/api/patients/${encodeURIComponent(id)}/alerts`);
  const previous = state.data[id] ?? {};
  const next = { ...previous, alerts };
  await kvSet(K.person(id), next);
  update({ data: { ...state.data, [id]: next } });
}

export async function askPersistentStorage(): Promise<void> {
  try {
    if (navigator.storage?.persisted && !(await navigator.storage.persisted())) {
      await navigator.storage.persist();
    }
  } catch {
    // Best effort: the browser decides.
  }
}
