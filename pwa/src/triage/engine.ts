// The triage evaluator on the phone: the same semantics as backend/relais/triage/engine.py, so that
// the answer shown offline is the one the server gives. Both pass content/rules/vectors/.
// Pure functions, no dependencies; the language is documented in content/rules/README.md.

import type {
  Checkin,
  Cmp,
  Condition,
  FiredRule,
  HistoryEntry,
  Level,
  Overrides,
  Person,
  Rule,
  RuleFile,
  Ruleset,
  Text,
  TriageResult,
  VitalsFile,
} from './types';

export const RANK: Record<Level, number> = { green: 0, amber: 1, red: 2 };
const DAY_MS = 86_400_000;
const OVERRIDE_TAG = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*_(lt|lte|gt|gte)$/;
const KINDS = [
  'all',
  'any',
  'points',
  'answer',
  'vital',
  'score',
  'age_months',
  'age_years',
  'day',
  'trend',
  'baseline_drop',
  'amber_streak',
  'no_checkin_for',
] as const;

export function rulesetFromFiles(files: RuleFile[]): Ruleset {
  return { rules: files.flatMap((f) => f.rules) };
}

/** Triage one check-in with the person's history (see evaluate() in engine.py). */
export function evaluate(
  ruleset: Ruleset,
  person: Person,
  checkin: Checkin,
  history: HistoryEntry[],
  now: string,
  overrides?: Overrides | null,
): TriageResult {
  const at = toMs(checkin.taken_at ?? now);
  const ctx: Ctx = {
    person,
    checkin,
    past: past(history, at, false),
    at,
    overrides: overrides ?? {},
    level: 'green',
  };
  const fired: Rule[] = [];
  for (const r of ruleset.rules) {
    if (!scheduled(r) && !needsLevel(r) && applies(r, person) && holds(r.when, ctx)) fired.push(r);
  }
  ctx.level = maxLevel(fired);
  for (const r of ruleset.rules) {
    if (!scheduled(r) && needsLevel(r) && applies(r, person) && holds(r.when, ctx)) fired.push(r);
  }
  return result(fired);
}

/** The scheduled job's check: only rules with `no_checkin_for`, on history alone. */
export function evaluateMissed(
  ruleset: Ruleset,
  person: Person,
  history: HistoryEntry[],
  now: string,
  overrides?: Overrides | null,
): TriageResult {
  const at = toMs(now);
  const ctx: Ctx = {
    person,
    checkin: {},
    past: past(history, at, true),
    at,
    overrides: overrides ?? {},
    level: 'green',
  };
  return result(ruleset.rules.filter((r) => scheduled(r) && applies(r, person) && holds(r.when, ctx)));
}

/** [name, {fr, en} message] for each value that is unknown, not a number or out of range. */
export function validateVitals(vitalsDef: VitalsFile, vitals: Record<string, unknown>): [string, Text][] {
  const defs = new Map(vitalsDef.vitals.map((v) => [v.name, v]));
  const out: [string, Text][] = [];
  for (const [name, value] of Object.entries(vitals)) {
    const d = defs.get(name);
    if (d === undefined) {
      out.push([name, { fr: `Mesure inconnue : ${name}.`, en: `Unknown measure: ${name}.` }]);
      continue;
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      out.push([name, { fr: `${d.label.fr} : saisissez un nombre.`, en: `${d.label.en}: enter a number.` }]);
      continue;
    }
    if (value < d.min || value > d.max) {
      const [lo, hi, v] = [fmt(d.min), fmt(d.max), fmt(value)];
      out.push([
        name,
        {
          fr:
            `${d.label.fr} : ${v} ${d.symbol} n'est pas possible. ` +
            `La valeur doit être entre ${lo} et ${hi} ${d.symbol}. Vérifiez la mesure ou l'unité.`,
          en:
            `${d.label.en}: ${v} ${d.symbol} is not possible. ` +
            `The value must be between ${lo} and ${hi} ${d.symbol}. Check the measurement or the unit.`,
        },
      ]);
    }
  }
  return out;
}

/** Completed calendar months between two ISO dates (YYYY-MM-DD). */
export function completedMonths(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  let months = (oy - by) * 12 + (om - bm);
  if (od < bd) months -= 1;
  return Math.max(months, 0);
}

/** The middle value; with an even count, (a + b) / 2 of the two middle values. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

// ---------------------------------------------------------------------------------------------

interface Ctx {
  person: Person;
  checkin: Checkin;
  past: HistoryEntry[];
  at: number;
  overrides: Overrides;
  level: Level;
}

/** Milliseconds since the epoch; a time without a UTC offset is read as UTC. */
function toMs(text: string): number {
  const hasOffset = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const ms = Date.parse(hasOffset || !text.includes('T') ? text : `${text}Z`);
  if (Number.isNaN(ms)) throw new Error(`not a date-time: ${text}`);
  return ms;
}

function past(history: HistoryEntry[], at: number, inclusive: boolean): HistoryEntry[] {
  const kept = history
    .map((h) => ({ h, ms: toMs(h.taken_at) }))
    .filter(({ ms }) => ms < at || (inclusive && ms === at));
  kept.sort((a, b) => a.ms - b.ms); // stable: equal times keep the given order
  return kept.map(({ h }) => h);
}

function kindOf(c: Condition): (typeof KINDS)[number] | undefined {
  return KINDS.find((k) => c[k] !== undefined && c[k] !== null);
}

function children(c: Condition): Condition[] {
  if (c.all) return c.all;
  if (c.any) return c.any;
  if (c.points) return c.points.of.map((p) => p.when);
  return [];
}

function walk(c: Condition): Condition[] {
  return [c, ...children(c).flatMap(walk)];
}

function scheduled(r: Rule): boolean {
  return walk(r.when).some((c) => c.no_checkin_for != null);
}

function needsLevel(r: Rule): boolean {
  return walk(r.when).some((c) => c.amber_streak != null);
}

function isUrgent(r: Rule): boolean {
  return r.urgent ?? r.level === 'red';
}

function maxLevel(rules: Rule[]): Level {
  let level: Level = 'green';
  for (const r of rules) if (RANK[r.level] > RANK[level]) level = r.level;
  return level;
}

function result(fired: Rule[]): TriageResult {
  const ordered = [...fired].sort((a, b) => RANK[b.level] - RANK[a.level] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: FiredRule[] = ordered.map((r) => ({
    id: r.id,
    level: r.level,
    reason: r.reason,
    source: r.source,
    urgent: isUrgent(r),
    show: r.show ?? null,
  }));
  const flags = [...new Set(ordered.map((r) => r.show).filter((s): s is 'self_harm' => s != null))];
  return { level: maxLevel(ordered), fired: out, flags: flags.sort(), urgent: ordered.some(isUrgent) };
}

function applies(rule: Rule, person: Person): boolean {
  const group = rule.applies_to.group;
  if (group === 'adult' && person.is_child) return false;
  if (group === 'child' && !person.is_child) return false;
  const band = rule.applies_to.age_months;
  // An unknown age keeps every band: the strictest threshold then applies.
  return band == null || person.age_months == null || compare(band, person.age_months);
}

/** A value as compared: a number, a text, or null (missing). Booleans count as 1 and 0. */
function toValue(raw: unknown): number | string | null {
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (typeof raw === 'number') return Number.isNaN(raw) ? null : raw;
  if (typeof raw === 'string') return raw;
  return null;
}

function compare(cmp: Cmp, raw: unknown, tag?: string | null, repl?: number): boolean {
  const value = toValue(raw);
  if (value === null) return false;
  let opOver: string | null = null;
  if (tag != null && repl !== undefined) opOver = OVERRIDE_TAG.exec(tag)?.[1] ?? null;
  let checked = false;
  if (cmp.eq != null) {
    checked = true;
    if (toValue(cmp.eq) !== value) return false;
  }
  if (cmp.in != null) {
    checked = true;
    if (!cmp.in.some((v) => toValue(v) === value)) return false;
  }
  for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
    const bound = op === opOver ? repl : cmp[op];
    if (bound == null) continue;
    checked = true;
    if (typeof value === 'string') return false;
    if (op === 'gt' && !(value > bound)) return false;
    if (op === 'gte' && !(value >= bound)) return false;
    if (op === 'lt' && !(value < bound)) return false;
    if (op === 'lte' && !(value <= bound)) return false;
  }
  if (cmp.between != null) {
    checked = true;
    if (typeof value === 'string' || !(cmp.between[0] <= value && value <= cmp.between[1])) {
      return false;
    }
  }
  return checked;
}

function override(ctx: Ctx, key: string, tag: string | null | undefined): number | undefined {
  if (tag == null) return undefined;
  const v = ctx.overrides.thresholds?.[key]?.[tag];
  return v == null ? undefined : v;
}

/** Measured values of a vital sign in the history, oldest first. */
function vitalSeries(ctx: Ctx, name: string): number[] {
  const out: number[] = [];
  for (const h of ctx.past) {
    const v = toValue(h.vitals?.[name]);
    if (typeof v === 'number') out.push(v);
  }
  return out;
}

function localDay(ms: number, offsetMinutes: number): number {
  return Math.floor((ms + offsetMinutes * 60_000) / DAY_MS);
}

function holds(c: Condition, ctx: Ctx): boolean {
  switch (kindOf(c)) {
    case 'all':
      return c.all!.every((x) => holds(x, ctx));
    case 'any':
      return c.any!.some((x) => holds(x, ctx));
    case 'points': {
      let total = 0;
      for (const p of c.points!.of) if (holds(p.when, ctx)) total += p.points;
      return total >= c.points!.gte;
    }
    case 'answer': {
      const a = c.answer!;
      return compare(a, ctx.checkin.answers?.[a.item], a.override, override(ctx, a.item, a.override));
    }
    case 'vital': {
      const v = c.vital!;
      return compare(v, ctx.checkin.vitals?.[v.name], v.override, override(ctx, v.name, v.override));
    }
    case 'score': {
      const s = c.score!;
      const repl = override(ctx, s.questionnaire, s.override);
      return compare(s, ctx.checkin.scores?.[s.questionnaire], s.override, repl);
    }
    case 'age_months':
      return compare(c.age_months!, ctx.person.age_months);
    case 'age_years': {
      const age = ctx.person.age_months;
      return age != null && compare(c.age_years!, Math.floor(age / 12));
    }
    case 'day':
      return compare(c.day!, ctx.person.day);
    case 'trend': {
      const t = c.trend!;
      const current = toValue(ctx.checkin.vitals?.[t.vital]);
      if (typeof current !== 'number') return false;
      const series = [...vitalSeries(ctx, t.vital), current].slice(-t.rising_over);
      if (series.length !== t.rising_over) return false;
      for (let i = 1; i < series.length; i++) if (!(series[i - 1]! < series[i]!)) return false;
      return true;
    }
    case 'baseline_drop': {
      const b = c.baseline_drop!;
      const current = toValue(ctx.checkin.vitals?.[b.vital]);
      if (typeof current !== 'number') return false;
      const given = ctx.overrides.baselines?.[b.vital];
      let baseline: number;
      if (given != null) {
        baseline = given;
      } else {
        const n = b.first ?? 3;
        const first = vitalSeries(ctx, b.vital).slice(0, n);
        if (first.length < n) return false;
        baseline = median(first);
      }
      return baseline - current >= b.by;
    }
    case 'amber_streak': {
      if (RANK[ctx.level] < RANK.amber) return false;
      const offset = ctx.person.utc_offset_minutes ?? 0;
      const today = localDay(ctx.at, offset);
      const flagged = new Set(
        ctx.past.filter((h) => RANK[h.level ?? 'green'] >= RANK.amber).map((h) => localDay(toMs(h.taken_at), offset)),
      );
      for (let k = 1; k < c.amber_streak!.days; k++) if (!flagged.has(today - k)) return false;
      return true;
    }
    case 'no_checkin_for': {
      const times = ctx.past.map((h) => toMs(h.taken_at));
      if (ctx.person.followed_since != null) times.push(toMs(ctx.person.followed_since));
      if (times.length === 0) return false;
      return ctx.at - Math.max(...times) >= c.no_checkin_for!.days * DAY_MS;
    }
    default:
      return false;
  }
}

function fmt(x: number): string {
  return String(x);
}
