// Shapes of what the server sends (see backend/relais/*/schemas.py and content/bundle.py).

export type Lang = 'fr' | 'en';
export type Level = 'red' | 'amber' | 'green';

export interface User {
  id: string;
  email: string;
  display_name: string;
  role: string;
  locale: Lang;
  timezone: string;
}

export interface Team {
  name: string;
  phone: string;
}

export interface Person {
  patient_id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  is_child: boolean;
  relation: 'self' | 'proxy';
  relationship?: string;
  can_log: boolean;
  can_read_results: boolean;
  can_read_messages?: boolean;
  team: Team | null;
  plan_id: string;
  timezone?: string;
  /** Day 1 (first symptoms): the illness day is counted from it, on the phone as on the server. */
  day1?: string | null;
  discharge_date?: string | null;
}

export interface ScheduleItem {
  id: string;
  plan_item_id: string;
  kind: string;
  questionnaires: string[];
  due_at: string;
  window_end?: string | null;
  /** One of these, or a state this build does not know yet (`string & {}` keeps the names listed). */
  status: 'due' | 'overdue' | 'done' | 'skipped' | 'upcoming' | (string & {});
}

export interface AlertSummary {
  id: string;
  level: Level;
  state: string;
  opened_at?: string;
  acknowledged_at?: string | null;
}

export interface CheckinSummary {
  id: string;
  taken_at: string;
  level: Level;
  vitals: Record<string, number | null>;
  scores?: Record<string, number | null>;
  answers?: Record<string, number | string | boolean | null>;
  note?: string;
  partial?: boolean;
  /** When the team first read the note. */
  note_read_at?: string | null;
}

/** Limits the person's team changed, key by tag: `{spo2: {red_lte: 85}}`. */
export type Thresholds = Record<string, Record<string, number>>;

export interface Today {
  due: ScheduleItem[];
  last_checkin: CheckinSummary | null;
  open_alert: AlertSummary | null;
  /** Absent in what a phone stored before the server sent it. */
  thresholds?: Thresholds;
}

export interface FiredOut {
  id: string;
  level: 'red' | 'amber';
  reason: string | Record<string, string>;
}

export interface CheckinResult {
  id: string;
  level: Level;
  fired: FiredOut[];
  flags: string[];
  alert: { id: string; state: string } | null;
  taken_at: string;
}

// --- content bundle -------------------------------------------------------------------------

export interface BookletPage {
  id: string;
  title: string;
  section: string;
  audience: string;
  order: number;
  summary: string;
  source: string;
  reviewed_on: string;
  body: string;
}

export interface GuidanceLevel {
  title: string;
  action: string;
  what_to_say: string[];
  while_waiting: string[];
  signs: { adult: string[]; child: string[] };
  source: string;
}

export interface Guidance {
  version: number;
  source: string;
  levels: { red: GuidanceLevel; amber: GuidanceLevel; green: GuidanceLevel };
  self_harm: { title: string; action: string; steps: string[]; source: string };
}

export interface QOption {
  value: number;
  label: string;
}

export interface QItem {
  id: string;
  type: 'choice' | 'yesno' | 'number' | 'text';
  text: string;
  help?: string | null;
  options?: QOption[] | null;
  reverse?: boolean;
  min?: number | null;
  max?: number | null;
  unit?: string | null;
  optional?: boolean;
  /** Picker items: the body area they are listed under, and the words that find them. */
  area?: string | null;
  phrases?: string[] | null;
}

export interface Questionnaire {
  id: string;
  title: string;
  description: string;
  audience: string;
  scored: boolean;
  recall?: string | null;
  items: QItem[];
  /** A symptom picker: its body areas, in order. */
  picker?: { id: string; title: string }[] | null;
  scoring?: {
    method: 'sum' | 'mean';
    items: string[];
    bands: { id: string; min: number; max: number; label: string }[];
  } | null;
}

export interface PlanItem {
  id: string;
  kind: string;
  title: string;
  by: string;
  questionnaires: string[];
  note?: string | null;
}

export interface Plan {
  id: string;
  title: string;
  description: string;
  audience: string;
  items: PlanItem[];
}

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

export interface Bundle {
  version: string;
  lang: Lang;
  booklet: BookletPage[];
  guidance: Guidance;
  questionnaires: Questionnaire[];
  plans: Plan[];
  rules: unknown[];
  vitals: { vitals: VitalDef[] } | null;
  extras?: Record<string, unknown> | null;
}
