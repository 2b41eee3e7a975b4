// The patient's side of the message thread on the phone: the last thread read is kept for offline
// reading, and a message written without network waits in a queue, with the id made on the phone
// when it was written, until it can go. Sending it again after a lost answer is a replay the server
// stores once (as for check-ins). Kept in IndexedDB, cleared with everything else at sign-out.

import { api, ApiError, NetworkError } from '../api/client';
import type { components } from '../api/schema';
import { kvGet, kvSet } from './db';
import { newId } from './sending';

export type ThreadData = components['schemas']['ThreadOut'];

export interface CachedThread {
  thread: ThreadData;
  /** When the server last gave it (shown offline: "as of"). */
  fetchedAt: string;
}

export interface QueuedMessage {
  id: string;
  patient_id: string;
  body: string;
  /** When it was written. */
  at: string;
  state: 'pending' | 'rejected';
  /** Why the server refused it, in the words it gave (in the app's language). */
  error?: string;
  errorCode?: string;
}

const QUEUE = 'messages:queue';
const threadKey = (patientId: string): string => `messages:thread:${patientId}`;
const path = (patientId: string): string => `/api/patients/${encodeURIComponent(patientId)}/messages`;

export async function cachedThread(patientId: string): Promise<CachedThread | undefined> {
  return kvGet<CachedThread>(threadKey(patientId));
}

async function keep(patientId: string, thread: ThreadData): Promise<CachedThread> {
  const cached = { thread, fetchedAt: new Date().toISOString() };
  await kvSet(threadKey(patientId), cached);
  return cached;
}

/** Reads the thread from the server, marks it read, and keeps it for offline reading. */
export async function openThread(patientId: string): Promise<CachedThread> {
  return keep(patientId, await api<ThreadData>('POST', `${path(patientId)}/read`, {}));
}

export async function queuedMessages(): Promise<QueuedMessage[]> {
  return (await kvGet<QueuedMessage[]>(QUEUE)) ?? [];
}

async function saveQueue(queue: QueuedMessage[]): Promise<void> {
  await kvSet(QUEUE, queue);
}

/** Puts a message in the queue (the id is made now, once) and returns the queue. */
export async function queueMessage(patientId: string, body: string, now: Date = new Date()): Promise<QueuedMessage[]> {
  const entry: QueuedMessage = { id: newId(), patient_id: patientId, body, at: now.toISOString(), state: 'pending' };
  const queue = [...(await queuedMessages()), entry];
  await saveQueue(queue);
  return queue;
}

/** Takes a refused message out of the queue (the person read why, and may copy it again). */
export async function dropMessage(id: string): Promise<QueuedMessage[]> {
  const queue = (await queuedMessages()).filter((m) => m.id !== id);
  await saveQueue(queue);
  return queue;
}

export interface MessageFlush {
  /** The threads as the server returned them after each message was stored. */
  threads: Record<string, CachedThread>;
  queue: QueuedMessage[];
  offline: boolean;
}

let flushing: Promise<MessageFlush> | null = null;

/** Sends the waiting messages, oldest first, each with its own id: stops at the first network
 * failure (the rest wait), and keeps a refused message with the reason, never sending it again. */
export function flushMessages(): Promise<MessageFlush> {
  if (!flushing) {
    flushing = (async () => {
      const report: MessageFlush = { threads: {}, queue: [], offline: false };
      try {
        for (const entry of await queuedMessages()) {
          if (entry.state !== 'pending') continue;
          try {
            const thread = await api<ThreadData>('POST', path(entry.patient_id), { id: entry.id, body: entry.body });
            report.threads[entry.patient_id] = await keep(entry.patient_id, thread);
            await saveQueue((await queuedMessages()).filter((m) => m.id !== entry.id));
          } catch (error) {
            if (error instanceof ApiError && error.status !== 401) {
              const refused = { ...entry, state: 'rejected' as const, error: error.detail, errorCode: error.code };
              await saveQueue((await queuedMessages()).map((m) => (m.id === entry.id ? refused : m)));
              continue;
            }
            // No network, a server in trouble, or signed out: it waits, in order. (A 403 left after
            // the CSRF token was renewed means this person may no longer write here: refused.)
            report.offline = error instanceof NetworkError;
            break;
          }
        }
        report.queue = await queuedMessages();
        return report;
      } finally {
        flushing = null;
      }
    })();
  }
  return flushing;
}
