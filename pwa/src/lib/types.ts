// Shapes of what the server sends, named for the PWA. They come from the API's OpenAPI schema
// (src/api/schema.d.ts, generated: `make api-types`); the few written here derive from it where the
// phone needs more (or narrower) than the server declares, each with the reason.

import type { components } from '../api/schema';

type Schemas = components['schemas'];

export type Lang = 'fr' | 'en';
export type Level = Schemas['CheckinOut']['level'];

export type User = Schemas['UserOut'];

export type Team = Schemas['TeamRef'];

// Kept on the phone (the circle): fields the server added later may be missing from what it stored.
type PersonLater = 'relationship' | 'can_read_messages' | 'timezone' | 'locale' | 'alerts';
export type Person = Omit<Schemas['CirclePerson'], PersonLater> & Partial<Pick<Schemas['CirclePerson'], PersonLater>>;

// Schedule items as the phone keeps them: older ones without `window_end`; a status this build does
// not know must not trip it.
export type ScheduleItem = Omit<Schemas['ScheduleItemOut'], 'status' | 'window_end'> & {
  window_end?: string | null;
  /** One of these, or a state this build does not know yet (`string & {}` keeps the names listed). */
  status: Schemas['ScheduleItemOut']['status'] | (string & {});
};

// The server says `level: string`; the screens need the level's name.
export type AlertSummary = Omit<Schemas['PatientAlertOut'], 'level'> & { level: Level };

// Kept on the phone (history): results stored before a field existed may lack it.
export type CheckinSummary = Omit<Schemas['CheckinOut'], 'scores' | 'answers' | 'note' | 'partial'> &
  Partial<Pick<Schemas['CheckinOut'], 'scores' | 'answers' | 'note' | 'partial'>>;

/** Limits the person's team changed, key by tag: `{spo2: {red_lte: 85}}`. */
export type Thresholds = NonNullable<Schemas['TodayOut']['thresholds']>;

// Today as the phone keeps it: items as ScheduleItem, the last result as a CheckinSummary (fields
// it may lack); one stored before `missed` existed has none.
export type Today = Omit<Schemas['TodayOut'], 'due' | 'missed' | 'last_checkin' | 'handover'> & {
  due: ScheduleItem[];
  missed?: ScheduleItem[];
  handover?: Handover | null;
  last_checkin: CheckinSummary | null;
};

// Results kept on the phone by earlier versions may carry a reason per language (see reasonText).
export type FiredOut = Omit<Schemas['FiredOut'], 'reason'> & { reason: string | Record<string, string> };

// Kept on the phone with the check-in it answers (outbox), see FiredOut.
export type CheckinResult = Omit<Schemas['CheckinResult'], 'fired'> & { fired: FiredOut[] };

// --- content bundle -------------------------------------------------------------------------

export type BookletPage = Schemas['PageOut'];
export type GuidanceLevel = Schemas['LevelOut'];
export type Guidance = Schemas['GuidanceOut'];
export type QOption = Schemas['OptionOut'];
export type QItem = Schemas['ItemOut'];

/** The discharge papers (hand-over); one kept before `next_appointment_reason` existed lacks it. */
export type Handover = Omit<Schemas['HandoverOut'], 'next_appointment_reason'> &
  Partial<Pick<Schemas['HandoverOut'], 'next_appointment_reason'>>;
export type Questionnaire = Schemas['QuestionnaireOut'];
export type PlanItem = Schemas['PlanItemOut'];
export type Plan = Schemas['PlanOut'];

// The server sends the vitals file as it is (an object the schema does not describe).
export interface VitalDef {
  name: string;
  label: string;
  help?: string;
  unit: string;
  symbol: string;
  min: number;
  max: number;
  step: number;
  decimals: number;
}

// The server types `vitals` as a free object and `lang` as a string; `rules` stay `unknown[]`, cast
// to the triage engine's own types (src/triage/types.ts).
export type Bundle = Omit<Schemas['Bundle'], 'lang' | 'vitals' | 'rules'> & {
  lang: Lang;
  rules: unknown[];
  vitals: { vitals: VitalDef[] } | null;
};
