// Shapes of the triage content (content/rules/*.yaml, content/vitals.yaml) and of the evaluator's
// inputs and outputs. They mirror backend/relais/triage/{rules,engine}.py field for field; the
// JSON the server sends has the same shape as the YAML (absent keys may also come as null).

export type Text = { fr: string; en: string } & Record<string, string>;
export type RuleLevel = 'red' | 'amber';
export type Level = RuleLevel | 'green';
export type Scalar = number | string;

/** Comparisons of one value; every one given must hold (`between` is inclusive). */
export interface Cmp {
  eq?: Scalar | null;
  in?: Scalar[] | null;
  gt?: number | null;
  gte?: number | null;
  lt?: number | null;
  lte?: number | null;
  between?: [number, number] | null;
}

export interface AnswerCond extends Cmp {
  item: string;
  override?: string | null;
}
export interface VitalCond extends Cmp {
  name: string;
  override?: string | null;
}
export interface ScoreCond extends Cmp {
  questionnaire: string;
  override?: string | null;
}

export interface PointsItem {
  points: number;
  when: Condition;
}

/** A condition: exactly one key is set (see content/rules/README.md). */
export interface Condition {
  all?: Condition[] | null;
  any?: Condition[] | null;
  points?: { gte: number; of: PointsItem[] } | null;
  answer?: AnswerCond | null;
  vital?: VitalCond | null;
  score?: ScoreCond | null;
  age_months?: Cmp | null;
  age_years?: Cmp | null;
  day?: Cmp | null;
  trend?: { vital: string; rising_over: number } | null;
  baseline_drop?: { vital: string; by: number; first?: number | null } | null;
  amber_streak?: { days: number } | null;
  no_checkin_for?: { days: number } | null;
}

export interface Rule {
  id: string;
  level: RuleLevel;
  applies_to: { group: 'adult' | 'child' | 'any'; age_months?: Cmp | null };
  reason: Text;
  /** What the care team reads: the criterion in clinical words (the console; not the person). */
  clinician?: Text | null;
  source: string;
  when: Condition;
  urgent?: boolean | null;
  show?: 'self_harm' | null;
  rationale?: Text | null;
  /** The booklet page that explains the sign to the person. */
  booklet?: string | null;
}

export interface RuleFile {
  id: string;
  title: Text;
  description?: Text | null;
  source: string;
  reviewed_on: string;
  rules: Rule[];
}

export interface Ruleset {
  rules: Rule[];
}

export interface VitalSign {
  name: string;
  label: Text;
  unit: string;
  symbol: string;
  loinc: string;
  min: number;
  max: number;
  step: number;
  decimals: number;
  help?: Text | null;
  source: string;
  /** More LOINC codes of the exported Observation (read by the server's exports only). */
  codes?: string[];
  profile?: string | null;
}

/** Vital signs exported as one Observation with components (blood pressure). */
export interface VitalPanel {
  name: string;
  label: Text;
  loinc: string;
  profile?: string | null;
  components: string[];
  source: string;
}

export interface VitalsFile {
  source: string;
  reviewed_on: string;
  vitals: VitalSign[];
  panels?: VitalPanel[];
}

/** Per-patient settings: thresholds by key (vital, item or questionnaire id) and tag. */
export interface Overrides {
  thresholds?: Record<string, Record<string, number>>;
  baselines?: Record<string, number>;
}

export type AnswerValue = number | string | boolean | null;

/** Who the check-in is about. `age_months`: completed months; `day`: illness day, 1 = day 1. */
export interface Person {
  is_child: boolean;
  age_months?: number | null;
  day?: number | null;
  utc_offset_minutes?: number | null;
  /** ISO date-time; times without an offset are UTC. */
  followed_since?: string | null;
}

export interface Checkin {
  answers?: Record<string, AnswerValue | undefined>;
  vitals?: Record<string, number | null | undefined>;
  scores?: Record<string, number | null | undefined>;
  /** ISO date-time; default: `now`. */
  taken_at?: string | null;
}

/** A past check-in. Any order: the evaluator sorts by `taken_at`. */
export interface HistoryEntry {
  taken_at: string;
  vitals?: Record<string, number | null | undefined>;
  answers?: Record<string, AnswerValue | undefined>;
  level?: Level;
}

export interface FiredRule {
  id: string;
  level: RuleLevel;
  reason: Text;
  source: string;
  urgent: boolean;
  show: string | null;
}

export interface TriageResult {
  level: Level;
  fired: FiredRule[];
  flags: string[];
  urgent: boolean;
}

// Questionnaires (the format of content/questionnaires/, CONVENTIONS.md).

export interface Option {
  value: number;
  label: Text;
}

export interface Item {
  id: string;
  type: 'choice' | 'yesno' | 'number' | 'text';
  text: Text;
  options?: string | Option[] | null;
  reverse?: boolean | null;
  min?: number | null;
  max?: number | null;
}

export interface Questionnaire {
  id: string;
  scored: boolean;
  option_sets?: Record<string, Option[]> | null;
  items: Item[];
  scoring?: {
    method?: 'sum' | 'mean' | null;
    items?: string[] | null;
    subscales?: { id: string; items: string[]; method?: 'sum' | 'mean' | null }[] | null;
    bands?: { id: string; min: number; max: number }[] | null;
  } | null;
}

export interface Score {
  questionnaire: string;
  total: number | null;
  band: string | null;
  subscales: Record<string, number | null>;
  missing: string[];
}
