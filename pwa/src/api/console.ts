// The console's calls and shapes (the server's answers, as JSON).

import { api } from './client';
import type { Attempt } from '../lib/sending';
import type { Level } from '../lib/types';
import type { components } from './schema';

type Schemas = components['schemas'];

export type AlertLevel = 'red' | 'amber';
export type AlertState = 'open' | 'acknowledged' | 'resolved';
export const OUTCOMES = [
  'called_patient',
  'sent_to_emergency',
  'appointment_booked',
  'no_action_needed',
] as const satisfies readonly Schemas['ResolveIn']['outcome'][];
export type Outcome = (typeof OUTCOMES)[number];

// The server says `level` and `state` are strings; the console compares them with these names.
export type ConsoleAlert = Omit<Schemas['AlertOut'], 'level' | 'state'> & { level: AlertLevel; state: AlertState };

// As ConsoleAlert: `level` and `state` by name.
export type PatientAlert = Omit<Schemas['PatientAlertOut'], 'level' | 'state'> & {
  level: AlertLevel;
  state: AlertState;
};

export type TeamSummary = Schemas['TeamRef'];

// The server says `anchor`, `last_level` and `trend` are strings; the console compares them with
// these names.
export type ConsolePatient = Omit<Schemas['ConsolePatient'], 'anchor' | 'last_level' | 'trend'> & {
  anchor: '' | 'day1' | 'discharge';
  last_level: Level | null;
  trend: '' | 'worse' | 'better' | 'same';
};

// Its patients as above.
export type TeamConsole = Omit<Schemas['ConsoleOut'], 'patients'> & { patients: ConsolePatient[] };

export type CheckinRow = Schemas['CheckinOut'];
export type ThresholdRow = Schemas['ThresholdOut'];
/** What a threshold change would have changed over the last 90 days (nothing saved). */
export type ThresholdPreview = Schemas['ThresholdPreviewOut'];
export type ScheduleRow = Schemas['ScheduleItemOut'];
export type ScheduleChange = Schemas['ScheduleChangeOut'];
/** Thresholds in force for a patient that differ from the content: own or the team's default. */
export type EffectiveThresholds = Schemas['EffectiveThresholdsOut'];
export type PatientRecord = Schemas['PatientOut'];
export type Handover = Schemas['HandoverOut'];
export type ProxyRow = Schemas['ProxyOut'];
export type MessageRow = Schemas['MessageOut'];
export type Thread = Schemas['ThreadOut'];
/** A note written at the end of a check-in, as the team's inbox lists it. */
export type NoteSummary = Schemas['NoteSummary'];
export type ThreadSummary = Schemas['ThreadSummary'];
export type InboxPage = Schemas['InboxOut'];
export type InboxFilters = Schemas['InboxIn'];
export type TeamNotes = Schemas['NotesOut'];
export type OpenedNote = Schemas['NoteOut'];
export type EnrolBody = Schemas['PatientIn'];
export type InvitationBody = Schemas['InvitationIn'];
/** A new invitation: its link, code and QR are shown once (the server keeps only their hashes). */
export type NewInvitation = Schemas['InvitationOut'];
export type InvitationRow = Schemas['InvitationListItem'];

const P = (id: string): string => `/api/patients/${encodeURIComponent(id)}`;

export const consoleApi = {
  teams: () => api<TeamSummary[]>('GET', '/api/teams'),
  alerts: (q: { team?: string; level?: string; state?: string }) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v) params.set(k, v);
    const qs = params.toString();
    return api<ConsoleAlert[]>('GET', `/api/alerts${qs ? `?${qs}` : ''}`);
  },
  acknowledge: (id: string) => api<ConsoleAlert>('POST', `/api/alerts/${id}/acknowledge`),
  resolve: (id: string, outcome: Outcome, note: string) =>
    api<ConsoleAlert>('POST', `/api/alerts/${id}/resolve`, { outcome, note }),
  reopen: (id: string) => api<ConsoleAlert>('POST', `/api/alerts/${id}/reopen`),
  snooze: (id: string, minutes: number, reason: string) =>
    api<ConsoleAlert>('POST', `/api/alerts/${id}/snooze`, { minutes, reason }),
  // A page of the team's patients, riskiest first (limit 0: the counts only).
  console: (team: string, limit: number, offset = 0) =>
    api<TeamConsole>('GET', `/api/teams/${encodeURIComponent(team)}/console?limit=${limit}&offset=${offset}`),
  // A search by name goes in the body: a name is never written in a URL.
  searchConsole: (team: string, query: string, limit: number, offset = 0) =>
    api<TeamConsole>('POST', `/api/teams/${encodeURIComponent(team)}/console/search`, { query, limit, offset }),
  patient: (id: string) => api<PatientRecord>('GET', P(id)),
  enrol: (body: EnrolBody) => api<PatientRecord>('POST', '/api/patients', body),
  invite: (id: string, body: InvitationBody) => api<NewInvitation>('POST', `${P(id)}/invitations`, body),
  invitations: (id: string) => api<InvitationRow[]>('GET', `${P(id)}/invitations`),
  revokeInvitation: (id: string, invitation: string) =>
    api<InvitationRow>('POST', `${P(id)}/invitations/${encodeURIComponent(invitation)}/revoke`, {}),
  handover: (id: string) => api<Handover | null>('GET', `${P(id)}/handover`),
  saveHandover: (id: string, body: Schemas['HandoverIn']) => api<Handover>('PUT', `${P(id)}/handover`, body),
  proxies: (id: string) => api<ProxyRow[]>('GET', `${P(id)}/proxies`),
  checkins: (id: string, days = 30) => api<CheckinRow[]>('GET', `${P(id)}/checkins?days=${days}`),
  patientAlerts: (id: string) => api<PatientAlert[]>('GET', `${P(id)}/alerts`),
  thresholds: (id: string) => api<ThresholdRow[]>('GET', `${P(id)}/thresholds`),
  setThreshold: (id: string, key: string, params: Record<string, number>, reason: string) =>
    api<ThresholdRow[]>('PUT', `${P(id)}/thresholds`, { key, params, reason }),
  previewThreshold: (id: string, key: string, params: Record<string, number>, reason: string) =>
    api<ThresholdPreview>('POST', `${P(id)}/thresholds/preview`, { key, params, reason }),
  schedule: (id: string) => api<ScheduleRow[]>('GET', `${P(id)}/schedule`),
  markDone: (id: string, item: string) =>
    api<ScheduleRow>('PATCH', `${P(id)}/schedule/${encodeURIComponent(item)}`, { status: 'done' }),
  reschedule: (id: string, item: string, dueAt: string, reason: string) =>
    api<ScheduleRow>('PATCH', `${P(id)}/schedule/${encodeURIComponent(item)}`, { due_at: dueAt, reason }),
  scheduleChanges: (id: string) => api<ScheduleChange[]>('GET', `${P(id)}/schedule/changes`),
  effectiveThresholds: (id: string) => api<EffectiveThresholds>('GET', `${P(id)}/thresholds/effective`),
  thread: (id: string) => api<Thread>('GET', `${P(id)}/messages`),
  send: (id: string, body: string, attempt: Attempt) =>
    api<Thread>('POST', `${P(id)}/messages`, { id: attempt.id, body }),
  markRead: (id: string) => api<Thread>('POST', `${P(id)}/messages/read`, {}),
  /** The messages inbox: filters in the body (a name never goes in an address). */
  inbox: (filters: InboxFilters) => api<InboxPage>('POST', '/api/inbox/threads', filters),
  notes: (team: string) => api<TeamNotes>('GET', `/api/teams/${encodeURIComponent(team)}/notes`),
  openNote: (patient: string, checkin: string) =>
    api<OpenedNote>('POST', `${P(patient)}/checkins/${encodeURIComponent(checkin)}/note/open`, {}),
};

/** Red first, then the oldest. */
export function sortAlerts(alerts: ConsoleAlert[]): ConsoleAlert[] {
  const rank = (a: ConsoleAlert): number => (a.level === 'red' ? 0 : 1);
  return [...alerts].sort((a, b) => rank(a) - rank(b) || a.opened_at.localeCompare(b.opened_at));
}

/** Still not acknowledged after the first step's delay: the escalation has moved on. */
export function isOverdue(a: ConsoleAlert, now: number = Date.now()): boolean {
  if (a.state !== 'open') return false;
  if (a.escalation_step > 0) return true;
  return a.next_escalation_at !== null && Date.parse(a.next_escalation_at) <= now;
}
