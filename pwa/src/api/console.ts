// The console's calls and shapes (the server's answers, as JSON).

import { api } from './client';
import type { Attempt } from '../lib/sending';

export type AlertLevel = 'red' | 'amber';
export type AlertState = 'open' | 'acknowledged' | 'resolved';
export const OUTCOMES = ['called_patient', 'sent_to_emergency', 'appointment_booked', 'no_action_needed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface ConsoleAlert {
  id: string;
  patient_id: string;
  patient_name: string;
  team_id: string;
  level: AlertLevel;
  kind: string;
  urgent: boolean;
  reasons: string[];
  content_version: string;
  state: AlertState;
  opened_at: string;
  acknowledged_at: string | null;
  resolved_at: string | null;
  outcome: string;
  note: string;
  escalation_step: number;
  next_escalation_at: string | null;
}

export interface PatientAlert {
  id: string;
  level: AlertLevel;
  state: AlertState;
  opened_at: string;
  acknowledged_at: string | null;
  kind?: string;
  reasons?: string[];
}

export interface TeamSummary {
  id: string;
  name: string;
  phone: string;
}

export interface ConsolePatient {
  id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  is_child: boolean;
  no_gp: boolean;
  plan_id: string;
  day: number | null;
  anchor: '' | 'day1' | 'discharge';
  in_critical_window: boolean;
  overdue_items: number;
  open_alerts: number;
  open_red: number;
  unacknowledged: number;
  last_level: 'red' | 'amber' | 'green' | null;
  last_checkin_at: string | null;
  trend: '' | 'worse' | 'better' | 'same';
  risk: number;
}

export interface TeamConsole {
  team_id: string;
  patients: ConsolePatient[];
  count: number;
  with_open_alerts: number;
  red: number;
}

export interface CheckinRow {
  id: string;
  taken_at: string;
  level: 'red' | 'amber' | 'green';
  vitals: Record<string, number | null>;
  scores: Record<string, number>;
  answers: Record<string, unknown>;
  note: string;
  fired: string[];
  content_version: string;
}

export interface ThresholdRow {
  id: number;
  key: string;
  params: Record<string, number>;
  reason: string;
  set_by_name: string;
  set_at: string;
  active: boolean;
}

export interface ScheduleRow {
  id: string;
  plan_item_id: string;
  kind: string;
  due_at: string;
  window_end: string;
  status: 'due' | 'overdue' | 'done' | 'skipped';
  note?: string;
}

export interface ScheduleChange {
  item_id: string;
  at: string;
  by_name: string;
  from_due_at: string;
  to_due_at: string;
  reason: string;
}

/** Thresholds in force for a patient that differ from the content: own or the team's default. */
export interface EffectiveThresholds {
  thresholds: Record<string, Record<string, { value: number; source: 'patient' | 'team' }>>;
}

export interface PatientRecord {
  id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  is_child: boolean;
  phone: string;
  gp_name: string;
  gp_phone: string;
  discharge_date: string | null;
  day1: string | null;
  plan_id: string;
  teams?: TeamSummary[];
}

export interface Handover {
  summary: string;
  referent_name: string;
  referent_phone: string;
  prescriptions: string;
  next_appointment_at: string | null;
  next_appointment_place: string;
}

export interface ProxyRow {
  id: number;
  display_name: string;
  relationship: string;
  can_log: boolean;
  can_read_results: boolean;
  can_read_messages: boolean;
  active: boolean;
}

export interface MessageRow {
  id: string;
  side: 'team' | 'patient';
  author_name: string;
  body: string;
  created_at: string;
  mine: boolean;
  read_by_other_side: boolean;
}

export interface Thread {
  messages: MessageRow[];
  unread: number;
}

/** A note written at the end of a check-in, as the team's inbox lists it. */
export interface NoteSummary {
  checkin_id: string;
  patient_id: string;
  patient_name: string;
  taken_at: string;
  level: 'red' | 'amber' | 'green';
  read_at: string | null;
  read_by_name: string;
}

export interface TeamNotes {
  unread: number;
  items: NoteSummary[];
}

export interface OpenedNote {
  checkin_id: string;
  patient_id: string;
  taken_at: string;
  level: 'red' | 'amber' | 'green';
  note: string;
  read_at: string;
  read_by_name: string;
}

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
  console: (team: string) => api<TeamConsole>('GET', `/api/teams/${encodeURIComponent(team)}/console`),
  patient: (id: string) => api<PatientRecord>('GET', P(id)),
  handover: (id: string) => api<Handover | null>('GET', `${P(id)}/handover`),
  proxies: (id: string) => api<ProxyRow[]>('GET', `${P(id)}/proxies`),
  checkins: (id: string, days = 30) => api<CheckinRow[]>('GET', `${P(id)}/checkins?days=${days}`),
  patientAlerts: (id: string) => api<PatientAlert[]>('GET', `${P(id)}/alerts`),
  thresholds: (id: string) => api<ThresholdRow[]>('GET', `${P(id)}/thresholds`),
  setThreshold: (id: string, key: string, params: Record<string, number>, reason: string) =>
    api<ThresholdRow[]>('PUT', `${P(id)}/thresholds`, { key, params, reason }),
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
