// The team settings' calls and shapes: members and roles, the on-call rota, escalation delays and
// the team's default thresholds.

import { api } from './client';
import type { ThresholdPreview } from './console';
import type { components } from './schema';

type Schemas = components['schemas'];

export const ROLES = [
  'coordinating_nurse',
  'physician',
  'paediatrician',
  'gp',
  'psychologist',
  'social_worker',
  'referent_24_7',
] as const satisfies readonly Schemas['MemberIn']['role'][];
export type Role = (typeof ROLES)[number];

export type Member = Schemas['MemberOut'];

// `members` has a default, so the schema says optional; the server always sends it.
export type TeamDetail = Omit<Schemas['TeamOut'], 'members'> & { members: Member[] };

export type Shift = Schemas['ShiftOut'];
export type OnCall = Schemas['OnCallOut'];
export type TeamThreshold = Schemas['TeamThresholdOut'];

const T = (id: string): string => `/api/teams/${encodeURIComponent(id)}`;

export const teamApi = {
  teams: () => api<TeamDetail[]>('GET', '/api/teams'),
  team: (id: string) => api<TeamDetail>('GET', T(id)),
  update: (
    id: string,
    changes: Partial<Pick<TeamDetail, 'escalate_red_min' | 'escalate_amber_min' | 'timezone' | 'amber_digest_at'>>,
  ) => api<TeamDetail>('PATCH', T(id), changes),
  addMember: (id: string, email: string, role: Role, isLead: boolean) =>
    api<TeamDetail>('POST', `${T(id)}/members`, { email, role, is_lead: isLead }),
  updateMember: (id: string, user: string, changes: { role?: Role; is_lead?: boolean }) =>
    api<TeamDetail>('PATCH', `${T(id)}/members/${encodeURIComponent(user)}`, changes),
  removeMember: (id: string, user: string) => api<TeamDetail>('DELETE', `${T(id)}/members/${encodeURIComponent(user)}`),
  onCall: (id: string) => api<OnCall>('GET', `${T(id)}/on-call`),
  addShift: (id: string, user: string, startsAt: string, endsAt: string) =>
    api<OnCall>('POST', `${T(id)}/on-call`, { user_id: user, starts_at: startsAt, ends_at: endsAt }),
  removeShift: (id: string, shift: number) => api<OnCall>('DELETE', `${T(id)}/on-call/${shift}`),
  thresholds: (id: string) => api<TeamThreshold[]>('GET', `${T(id)}/thresholds`),
  setThreshold: (id: string, key: string, params: Record<string, number>, reason: string) =>
    api<TeamThreshold[]>('PUT', `${T(id)}/thresholds`, { key, params, reason }),
  previewThreshold: (id: string, key: string, params: Record<string, number>, reason: string) =>
    api<ThresholdPreview>('POST', `${T(id)}/thresholds/preview`, { key, params, reason }),
  removeThreshold: (id: string, key: string) =>
    api<TeamThreshold[]>('DELETE', `${T(id)}/thresholds/${encodeURIComponent(key)}`),
};

/** A local date-time input's value ("2026-11-23T08:00") as an ISO instant with its offset. */
export function localInputToIso(value: string): string | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
