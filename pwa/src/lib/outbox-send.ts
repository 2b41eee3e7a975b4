// Sends the check-ins waiting in the outbox, oldest first. Used by the page (on load, `online`,
// `visibilitychange`) and by the service worker (Background Sync). Each check-in carries the
// UUID made on the phone: sending it again is a replay the server answers with the stored result
// (200), so a send interrupted half-way is simply sent again, never counted twice.

import { kvGet, outboxPending, outboxPut, type OutboxEntry } from './db';
import type { CheckinResult } from './types';

export type FlushStop = 'offline' | 'signed-out' | null;

export interface FlushReport {
  sent: OutboxEntry[];
  rejected: OutboxEntry[];
  stopped: FlushStop;
}

export const SYNC_TAG = 'relais-outbox';
export const CSRF_KEY = 'csrf';

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

function locks(): LockManagerLike | undefined {
  return (globalThis.navigator as unknown as { locks?: LockManagerLike }).locks;
}

/** One sender at a time across tabs and the service worker. */
async function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const manager = locks();
  return manager ? manager.request(SYNC_TAG, work) : work();
}

async function readDetail(response: Response): Promise<string> {
  try {
    const data = (await response.json()) as { detail?: string };
    return data.detail ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

export async function sendOne(entry: OutboxEntry, csrf: string): Promise<Response> {
  return fetch(`/api/patients/${encodeURIComponent(entry.patient_id)}/checkins`, {
    method: 'POST',
    credentials: 'same-origin',
    cache: 'no-store',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-csrftoken': csrf,
    },
    body: JSON.stringify(entry.body),
  });
}

export async function flushOutbox(csrf?: () => Promise<string | null>): Promise<FlushReport> {
  return exclusive(async () => {
    const report: FlushReport = { sent: [], rejected: [], stopped: null };
    const pending = await outboxPending();
    if (pending.length === 0) return report;
    const token = csrf ? await csrf().catch(() => null) : await kvGet<string>(CSRF_KEY);
    if (!token) {
      report.stopped = 'signed-out';
      return report;
    }
    for (const entry of pending) {
      let response: Response;
      try {
        response = await sendOne(entry, token);
      } catch {
        report.stopped = 'offline';
        break;
      }
      entry.attempts += 1;
      if (response.status === 200 || response.status === 201) {
        entry.server = (await response.json()) as CheckinResult;
        entry.state = 'sent';
        delete entry.error;
        await outboxPut(entry);
        report.sent.push(entry);
        continue;
      }
      if (response.status === 401 || response.status === 403 || response.status >= 500) {
        // Signed out, a CSRF token to renew, or a server in trouble: keep it for later.
        await outboxPut(entry);
        report.stopped = response.status >= 500 ? 'offline' : 'signed-out';
        break;
      }
      // 400 (a value refused), 404 (no longer allowed), 409 (same id, other content): sending it
      // again will not help; keep it on the phone and show why.
      entry.state = 'rejected';
      entry.error = await readDetail(response);
      await outboxPut(entry);
      report.rejected.push(entry);
    }
    return report;
  });
}
