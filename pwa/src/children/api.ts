// Types and calls of the children's API (backend/relais/children/routes.py).

import { api } from '../lib/api';

export type Answer = 'yes' | 'not_yet' | 'not_sure';

export interface Age {
  days: number;
  months: number;
  corrected: boolean;
  note: string | null;
}
export interface Milestone {
  id: string;
  domain: string;
  text: string;
  example: string;
  previous: Answer | null;
}
export interface CheckView {
  id: string;
  age_months: number;
  title: string;
  milestones: Milestone[];
  recheck: Milestone[];
}
export interface DevelopmentResult {
  id: string;
  check_id: string;
  answered_at: string;
  not_yet: string[];
  regressions: string[];
  next_steps: string[];
  alert: { id: string; state: string } | null;
}
export interface ReviewItem {
  check_uuid: string;
  milestone_id: string;
  text: string;
  domain: string;
  regression: boolean;
}
export interface Development {
  age: Age;
  disclaimer: string;
  answer_labels: Record<Answer, string>;
  domains: Record<string, string>;
  due: CheckView | null;
  history: DevelopmentResult[];
  review: ReviewItem[];
}
export interface Curve {
  centile: number;
  z: number;
  points: [number, number][];
}
export interface ChartPoint {
  measurement_id: string;
  x: number;
  value: number;
  z: number;
  centile: number;
}
export interface Chart {
  indicator: string;
  title: string;
  x_kind: 'age_months' | 'length_cm' | 'height_cm';
  measure: string;
  curves: Curve[];
  points: ChartPoint[];
}
export interface Measurement {
  id: string;
  measured_on: string;
  weight_kg: number | null;
  length_cm: number | null;
  head_cm: number | null;
}
export interface Growth {
  curves_available: boolean;
  indicators: { id: string; title: string }[];
  measurements: Measurement[];
  chart: Chart | null;
  source: string;
}
export interface GrowthResult extends Measurement {
  messages: string[];
}
export interface SchoolItem {
  id: string;
  title: string;
  help: string;
  state: 'todo' | 'in_progress' | 'done' | 'not_needed';
  state_label: string;
  responsible: 'family' | 'team';
  due_on: string | null;
  note: string;
}
export interface School {
  title: string;
  description: string;
  items: SchoolItem[];
  done: number;
  total: number;
}

export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const base = (pid: string): string => `/api/patients/${encodeURIComponent(pid)}`;

export const getDevelopment = (pid: string) => api<Development>('GET', `${base(pid)}/development`);
export const sendDevelopment = (pid: string, checkId: string, answers: Record<string, Answer>) =>
  api<DevelopmentResult>('POST', `${base(pid)}/development`, {
    id: newId(),
    check_id: checkId,
    answered_at: new Date().toISOString(),
    answers,
  });
export const markReviewed = (pid: string, checkUuid: string) =>
  api<void>('POST', `${base(pid)}/development/${checkUuid}/review`);
export const getGrowth = (pid: string, indicator: string) =>
  api<Growth>('GET', `${base(pid)}/growth?indicator=${encodeURIComponent(indicator)}`);
export const sendGrowth = (
  pid: string,
  m: { measured_on: string; weight_kg?: number; length_cm?: number; head_cm?: number },
) => api<GrowthResult>('POST', `${base(pid)}/growth`, { id: newId(), ...m });
export const getSchool = (pid: string) => api<School>('GET', `${base(pid)}/school`);
export const saveSchool = (
  pid: string,
  items: { id: string; state: SchoolItem['state']; due_on?: string | null; note?: string }[],
) => api<School>('PUT', `${base(pid)}/school`, { items });
