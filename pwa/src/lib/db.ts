// IndexedDB: the only place where the app keeps anything personal on the phone. Cleared at
// sign-out. Shared by the page and the service worker (which flushes the outbox on Background
// Sync), so it imports nothing from the page.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CheckinResult, Level } from './types';

export interface OutboxBody {
  id: string;
  taken_at: string;
  answers: Record<string, number | string | null>;
  vitals: Record<string, number | null>;
  note: string;
  client_level: Level;
  content_version: string;
  /** Sent before the end of the questions (an emergency answer, or stopped after amber/red). */
  partial?: boolean;
}

export type OutboxState = 'pending' | 'sent' | 'rejected';

export interface OutboxEntry {
  id: string;
  patient_id: string;
  body: OutboxBody;
  created_at: string;
  state: OutboxState;
  /** The client's evaluation, shown until the server answers. */
  client: { level: Level; flags: string[]; fired: { id: string; level: string; reason: string }[] };
  server?: CheckinResult;
  error?: string;
  attempts: number;
}

interface RelaisDB extends DBSchema {
  kv: { key: string; value: unknown };
  outbox: { key: string; value: OutboxEntry; indexes: { by_state: string } };
}

const NAME = 'relais';
let opening: Promise<IDBPDatabase<RelaisDB>> | null = null;

export function database(): Promise<IDBPDatabase<RelaisDB>> {
  if (!opening) {
    opening = openDB<RelaisDB>(NAME, 1, {
      upgrade(db) {
        db.createObjectStore('kv');
        const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
        outbox.createIndex('by_state', 'state');
      },
      blocking() {
        // Another tab wants a newer version (after an update): let it.
        void opening?.then((db) => db.close());
        opening = null;
      },
    });
  }
  return opening;
}

export async function kvGet<T>(key: string): Promise<T | undefined> {
  return (await (await database()).get('kv', key)) as T | undefined;
}

export async function kvSet(key: string, value: unknown): Promise<void> {
  await (await database()).put('kv', value, key);
}

export async function kvDelete(key: string): Promise<void> {
  await (await database()).delete('kv', key);
}

export async function outboxPut(entry: OutboxEntry): Promise<void> {
  await (await database()).put('outbox', entry);
}

export async function outboxGet(id: string): Promise<OutboxEntry | undefined> {
  return (await database()).get('outbox', id);
}

export async function outboxAll(): Promise<OutboxEntry[]> {
  const all = await (await database()).getAll('outbox');
  return all.sort((a, b) => a.created_at.localeCompare(b.created_at));
}

export async function outboxPending(): Promise<OutboxEntry[]> {
  return (await outboxAll()).filter((e) => e.state === 'pending');
}

/** Everything personal goes: sign-out, or another person signs in on this phone. */
export async function clearAll(): Promise<void> {
  const db = await database();
  const tx = db.transaction(['kv', 'outbox'], 'readwrite');
  await Promise.all([tx.objectStore('kv').clear(), tx.objectStore('outbox').clear(), tx.done]);
}
