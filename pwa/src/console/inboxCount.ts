// What waits for me in the messages inbox (unread messages and notes nobody has read), for the
// console's navigation: loaded once, then again on the live channel's news and when a thread or a
// note is opened here. Counts only: no patient is named.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { listen } from './live';

export type InboxCount = components['schemas']['InboxUnreadOut'];

const none: InboxCount = { messages: 0, threads: 0, notes: 0 };
let latest: InboxCount = none;
const subscribers = new Set<(count: InboxCount) => void>();
let pending: ReturnType<typeof setTimeout> | undefined;

function load(): void {
  api<InboxCount>('GET', '/api/inbox/unread').then(
    (got) => {
      latest = got;
      for (const s of subscribers) s(got);
    },
    () => undefined, // Signed out, or a second factor to set up first: the navigation stays plain.
  );
}

/** Ask again soon (several events at once: one request). */
export function refreshInboxCount(): void {
  clearTimeout(pending);
  pending = setTimeout(load, 150);
}

export function useInboxCount(watching: boolean): InboxCount {
  const [count, setCount] = useState(latest);
  useEffect(() => {
    if (!watching) return undefined;
    subscribers.add(setCount);
    load();
    // A message, a check-in's note or an alert: what waits may have changed.
    const stop = listen(() => refreshInboxCount());
    return () => {
      subscribers.delete(setCount);
      stop();
    };
  }, [watching]);
  return watching ? count : none;
}
