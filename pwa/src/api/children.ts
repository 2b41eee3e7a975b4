// Types and calls of the children's API (backend/relais/children/routes.py).

import { api } from './client';
import type { Attempt } from '../lib/sending';
import type { Position } from '../children/growth';

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
  age: Age;
  answers: Record<string, Answer>;
  not_yet: string[];
  not_sure: string[];
  regressions: string[];
  next_steps: string[];
  alert: { id: string; state: string } | null;
  reviewed_at?: string | null;
}
export interface ReviewItem {
  check_uuid: string;
  check_id: string;
  answered_at: string;
  milestone_id: string;
  text: string;
  domain: string;
  regression: boolean;
  answer: Answer;
}
export interface CheckSummary {
  id: string;
  age_months: number;
  title: string;
  status: 'done' | 'due' | 'missed' | 'upcoming';
  answered_at: string | null;
}
export interface Development {
  age: Age;
  disclaimer: string;
  answer_labels: Record<Answer, string>;
  domains: Record<string, string>;
  checks: CheckSummary[];
  due: CheckView | null;
  history: DevelopmentResult[];
  review: ReviewItem[];
  milestone_text: Record<string, string>;
}
export interface ReviewCheck {
  check_uuid: string;
  patient_id: string;
  given_name: string;
  family_name: string;
  check_id: string;
  title: string;
  answered_at: string;
  age: Age;
  items: ReviewItem[];
  regressions: number;
  alert: { id: string; state: string } | null;
}
export interface DevelopmentReview {
  checks: ReviewCheck[];
  count: number;
  domains: Record<string, string>;
  answer_labels: Record<Answer, string>;
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
  age: Age;
  weight_kg: number | null;
  length_cm: number | null;
  head_cm: number | null;
  bmi: number | null;
  entered_as: string;
  position?: Position | null;
  length_adjusted_cm?: number | null;
}
export interface PositionRule {
  until_months: number;
  difference_cm: number;
  labels: Record<Position, string>;
  note: string;
  source: string;
}
export interface Growth {
  curves_available: boolean;
  indicators: { id: string; title: string }[];
  measurements: Measurement[];
  chart: Chart | null;
  source: string;
  birth_date?: string | null;
  position_rule?: PositionRule | null;
}
export interface GrowthResult extends Measurement {
  messages: string[];
  reasons: string[];
  scores: { indicator: string; z: number; centile: number; check: boolean }[];
  alert: { id: string; state: string } | null;
}
export interface SchoolItem {
  id: string;
  title: string;
  help: string;
  state: 'todo' | 'in_progress' | 'done' | 'not_needed';
  state_label: string;
  responsible: 'family' | 'team';
  due_on: string | null;
  done_on: string | null;
  note: string;
  updated_at: string | null;
  updated_as: string;
}
export interface School {
  title: string;
  description: string;
  items: SchoolItem[];
  done: number;
  total: number;
}

const base = (pid: string): string => `/api/patients/${encodeURIComponent(pid)}`;

export const getDevelopment = (pid: string) => api<Development>('GET', `${base(pid)}/development`);
export const sendDevelopment = (pid: string, checkId: string, answers: Record<string, Answer>, attempt: Attempt) =>
  api<DevelopmentResult>('POST', `${base(pid)}/development`, {
    id: attempt.id,
    check_id: checkId,
    answered_at: attempt.at,
    answers,
  });
export const markReviewed = (pid: string, checkUuid: string) =>
  api<void>('POST', `${base(pid)}/development/${checkUuid}/review`);
export const getGrowth = (pid: string, indicator: string) =>
  api<Growth>('GET', `${base(pid)}/growth?indicator=${encodeURIComponent(indicator)}`);
export interface NewMeasurement {
  measured_on: string;
  weight_kg?: number;
  length_cm?: number;
  position?: Position;
  head_cm?: number;
}
export const sendGrowth = (pid: string, m: NewMeasurement, attempt: Attempt) =>
  api<GrowthResult>('POST', `${base(pid)}/growth`, { id: attempt.id, ...m });
export const getSchool = (pid: string) => api<School>('GET', `${base(pid)}/school`);
export const saveSchool = (
  pid: string,
  items: {
    id: string;
    state: SchoolItem['state'];
    responsible?: SchoolItem['responsible'];
    due_on?: string | null;
    done_on?: string | null;
    note?: string;
  }[],
) => api<School>('PUT', `${base(pid)}/school`, { items });

/** The team's list of checks to review, across the caller's teams (or one team). */
export const getDevelopmentReview = (team?: string) =>
  api<DevelopmentReview>('GET', `/api/children/development-review${team ? `?team=${encodeURIComponent(team)}` : ''}`);

export type AnswerValue = number | string | boolean | null;
export interface WellbeingResult {
  id: string;
  questionnaire_id: string;
  respondent: 'child' | 'parent';
  taken_at: string;
  score: number | null;
  positive: boolean;
  help: string;
  alert: { id: string; state: string } | null;
  answers: Record<string, AnswerValue>;
}
export interface ScreenInfo {
  questionnaire_id: string;
  title: string;
  respondent: 'child' | 'parent';
  can_answer: boolean;
  due_at: string | null;
  overdue: boolean;
  next_at: string | null;
  last_taken_at: string | null;
}
export interface Wellbeing {
  screens: WellbeingResult[];
  available: ScreenInfo[];
}
export const getWellbeing = (pid: string) => api<Wellbeing>('GET', `${base(pid)}/wellbeing`);
export const sendWellbeing = (
  pid: string,
  questionnaireId: string,
  answers: Record<string, AnswerValue>,
  attempt: Attempt,
) =>
  api<WellbeingResult>('POST', `${base(pid)}/wellbeing`, {
    id: attempt.id,
    questionnaire_id: questionnaireId,
    taken_at: attempt.at,
    answers,
  });
