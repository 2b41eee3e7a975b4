// The administrator's calls and shapes: staff accounts (create, role, deactivate, reactivate,
// second factor, sessions) and care teams (created with their lead). The shapes are written here
// until the generated schema (make api-types) carries the list's new fields.

import { api } from './client';
import type { components } from './schema';
import type { Role as TeamRole, TeamDetail } from './team';

type Schemas = components['schemas'];

export type StaffRole = 'clinician' | 'admin';
export const STAFF_ROLES: readonly StaffRole[] = ['clinician', 'admin'];
export const TEAM_KINDS = ['hospital_service', 'gp_practice', 'coordination'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

export interface StaffAccount {
  id: string;
  email: string;
  display_name: string;
  role: StaffRole;
  is_active: boolean;
  totp_enabled: boolean;
  sessions: number;
  /** No password yet: the one-time set-up link is unused. */
  setup_pending?: boolean;
  /** Linked to the person's identity at the hospital's OpenID provider. */
  provider_linked?: boolean;
  last_sign_in_at?: string | null;
}

export type SessionRow = Schemas['SessionOut'];

export interface Created {
  user: { id: string; email: string; display_name: string };
  /** False: no email here; the operator prints the link with `relais setup-link EMAIL`. */
  setup_link_sent: boolean;
}

const U = (id: string): string => `/api/admin/users/${encodeURIComponent(id)}`;

export const adminApi = {
  staff: async () => (await api<{ users: StaffAccount[] }>('GET', '/api/admin/users')).users,
  create: (body: {
    email: string;
    display_name: string;
    role: StaffRole;
    locale: 'fr' | 'en';
    professional_id?: string;
  }) => api<Created>('POST', '/api/admin/users', body),
  changeRole: (id: string, role: StaffRole) => api<StaffAccount>('PATCH', U(id), { role }),
  deactivate: (id: string) => api<{ message: string }>('POST', `${U(id)}/deactivate`),
  reactivate: (id: string) => api<{ message: string }>('POST', `${U(id)}/reactivate`),
  resetSecondFactor: (id: string) => api<{ message: string }>('POST', `${U(id)}/second-factor/reset`),
  sessions: async (id: string) => (await api<{ sessions: SessionRow[] }>('GET', `${U(id)}/sessions`)).sessions,
  teams: () => api<TeamDetail[]>('GET', '/api/teams'),
  /** The team and its lead, both or neither. */
  createTeam: (body: { name: string; kind: TeamKind; phone: string; lead_user_id: string; lead_role: TeamRole }) =>
    api<TeamDetail>('POST', '/api/teams', body),
};
