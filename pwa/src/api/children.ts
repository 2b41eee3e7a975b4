// Types and calls of the children's API (backend/relais/children/routes.py).

import { api } from './client';
import type { Attempt } from '../lib/sending';
import type { Position } from '../children/growth';
import type { components } from './schema';

type Schemas = components['schemas'];

export type Answer = Schemas['ReviewItem']['answer'];

export type Age = Schemas['AgeOut'];
export type Milestone = Schemas['MilestoneOut'];
export type CheckView = Schemas['CheckView'];
export type DevelopmentResult = Schemas['DevelopmentResult'];
export type ReviewItem = Schemas['ReviewItem'];
export type CheckSummary = Schemas['CheckSummary'];
// The server types `answer_labels` as any string keys, the screens look every answer up in it;
// `milestone_text` has a default, so the schema says optional, but the server always sends it.
export type Development = Omit<Schemas['DevelopmentOut'], 'answer_labels' | 'milestone_text'> & {
  answer_labels: Record<Answer, string>;
  milestone_text: Record<string, string>;
};
export type ReviewCheck = Schemas['ReviewCheck'];
export type DevelopmentReview = Schemas['DevelopmentReviewOut'];
export type Curve = Schemas['CurveOut'];
export type ChartPoint = Schemas['ChartPoint'];
export type Chart = Schemas['ChartOut'];
export type Measurement = Schemas['MeasurementOut'];
// The server types `labels` as any string keys; the form needs one for each position.
export type PositionRule = Omit<Schemas['PositionRule'], 'labels'> & { labels: Record<Position, string> };
// Its position rule as above.
export type Growth = Omit<Schemas['GrowthOut'], 'position_rule'> & { position_rule?: PositionRule | null };
// `messages` has a default, so the schema says optional; the server always sends it and the form
// shows it.
export type GrowthResult = Omit<Schemas['GrowthResult'], 'messages'> & { messages: string[] };
export type SchoolItem = Schemas['SchoolItemOut'];
export type School = Schemas['SchoolOut'];

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
export const completeDevelopment = (pid: string, checkUuid: string, answers: Record<string, 'yes' | 'not_yet'>) =>
  api<DevelopmentResult>('POST', `${base(pid)}/development/${encodeURIComponent(checkUuid)}/complete`, { answers });
export const getGrowth = (pid: string, indicator: string) =>
  api<Growth>('GET', `${base(pid)}/growth?indicator=${encodeURIComponent(indicator)}`);
// What the form sends: sendGrowth adds the attempt's id; no note (the server defaults it to "", which
// makes openapi-typescript write it as required).
export type NewMeasurement = Omit<Schemas['GrowthIn'], 'id' | 'note'>;
export const sendGrowth = (pid: string, m: NewMeasurement, attempt: Attempt) =>
  api<GrowthResult>('POST', `${base(pid)}/growth`, { id: attempt.id, ...m });
export type MeasurementCorrection = Omit<Schemas['GrowthCorrectionIn'], 'note'> & { note?: string };
export const correctGrowth = (pid: string, measurementId: string, m: MeasurementCorrection) =>
  api<GrowthResult>('PUT', `${base(pid)}/growth/${encodeURIComponent(measurementId)}`, m);
export const removeGrowth = (pid: string, measurementId: string, reason: string) =>
  api<void>('POST', `${base(pid)}/growth/${encodeURIComponent(measurementId)}/remove`, { reason });
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
// `answers` has a default, so the schema says optional; the server always sends it.
export type WellbeingResult = Omit<Schemas['WellbeingResult'], 'answers'> & { answers: Record<string, AnswerValue> };
export type ScreenInfo = Schemas['ScreenInfo'];
// `available` has a default, so the schema says optional; the server always sends it and the
// screen lists it. Its screens as above.
export type Wellbeing = Omit<Schemas['WellbeingOut'], 'available' | 'screens'> & {
  available: ScreenInfo[];
  screens: WellbeingResult[];
};
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
