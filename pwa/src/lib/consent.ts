// The terms of use and the privacy notice: read and accepted in the sign-up form, and accepted
// again when a new version comes (the app then shows the consent screen before anything else).
// Also the person's own data rules: sharing with each care team, and closing the account.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Lang } from './types';

export interface ConsentDocument {
  document: 'terms' | 'privacy';
  version: number;
  effective_on: string;
  title: string;
  summary: string;
  body: string;
  /** Only for a signed-in person. */
  accepted_version?: number | null;
  accepted_at?: string | null;
  needs_acceptance?: boolean;
}

export interface Acceptance {
  document: string;
  version: number;
}

/** The current documents, readable before an account exists. */
export async function currentDocuments(lang: Lang): Promise<ConsentDocument[]> {
  const out = await api<{ documents: ConsentDocument[] }>('GET', `/api/consent/documents?lang=${lang}`);
  return out.documents;
}

// --- documents a signed-in person still has to accept ---------------------------------------------

let pending: ConsentDocument[] = [];
const listeners = new Set<() => void>();

function setPending(next: ConsentDocument[]): void {
  pending = next;
  for (const listener of listeners) listener();
}

export function usePendingConsent(): ConsentDocument[] {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = (): void => setTick((n) => n + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return pending;
}

/** Asks the server which documents wait for acceptance. Offline (or on any error) nothing is
 * asked: the app never stands between a person and their follow-up for want of a network. */
export async function checkConsent(lang: Lang): Promise<void> {
  try {
    const out = await api<{ documents: ConsentDocument[] }>('GET', `/api/consent?lang=${lang}`);
    setPending(out.documents.filter((d) => d.needs_acceptance));
  } catch {
    // Keep what was known.
  }
}

export function forgetConsent(): void {
  setPending([]);
}

/** Accepts each document at the version shown; then asks again what is left. */
export async function acceptDocuments(docs: Acceptance[], lang: Lang): Promise<void> {
  for (const doc of docs) await api('POST', '/api/consent/accept', doc);
  const out = await api<{ documents: ConsentDocument[] }>('GET', `/api/consent?lang=${lang}`);
  setPending(out.documents.filter((d) => d.needs_acceptance));
}

// --- sharing with care teams ---------------------------------------------------------------------

export interface TeamSharing {
  team_id: string;
  team_name: string;
  status: 'shared' | 'withdrawn';
  since: string;
  recorded: boolean;
  /** What changing the current state would do, written for the person. */
  explanation: string;
}

function sharingPath(patientId: string, lang: Lang): string {
  return `/api/patients/${encodeURIComponent(patientId)}/consent/teams?lang=${lang}`;
}

export function teamSharing(patientId: string, lang: Lang): Promise<TeamSharing[]> {
  return api<TeamSharing[]>('GET', sharingPath(patientId, lang));
}

export async function decideSharing(
  patientId: string,
  teamId: string,
  decision: 'shared' | 'withdrawn',
  lang: Lang,
): Promise<TeamSharing> {
  const out = await api<{ applied: boolean; team: TeamSharing }>('POST', sharingPath(patientId, lang), {
    team_id: teamId,
    decision,
    confirm: true,
  });
  return out.team;
}

// --- closing the account -------------------------------------------------------------------------

export interface DataPolicy {
  erasure_mode: 'delete' | 'pseudonymise';
  retention_health_days: number;
  retention_audit_days: number;
  retention_technical_days: number;
  controller: string;
  dpo: string;
}

export function dataPolicy(): Promise<DataPolicy> {
  return api<DataPolicy>('GET', '/api/me/data-policy');
}

export function closeAccount(password: string): Promise<{ erased: boolean; mode: string; message: string }> {
  return api('POST', '/api/me/erase', { password, confirm: true });
}
