// Why an alert opened, for the care team: one line per measurement or sign, in clinical words
// (each rule's `clinician` wording, in the clinician's language), the most severe rule of each
// first; below each line, smaller, the rule's id (marked as code: the same in every language) with
// the less severe rules it covers, and the guideline it comes from. The server explains an alert's
// reasons (`why`); a check-in's fired rules are explained here from the content bundle, the same
// way. The content version the alert was triaged with closes the list.

import { Fragment } from 'preact';
import type { components } from '../api/schema';
import { fillPlaceholders, lang, type MessageKey, t } from '../i18n';
import { placeholderValues } from '../lib/numbers';
import { useStore } from '../lib/store';
import type { Bundle } from '../lib/types';
import type { Condition, Rule, RuleFile } from '../triage/types';

type Why = components['schemas']['ReasonOut'];
type Measure = components['schemas']['MeasureOut'];

const CHILD_REASONS = [
  'growth_centiles_down',
  'growth_weight_loss',
  'milestones_not_yet',
  'milestone_regression',
  'wellbeing_positive',
] as const;

const RANK: Record<string, number> = { red: 2, amber: 1 };

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const map = value as Record<string, string>;
    return map[lang()] ?? map.fr ?? null;
  }
  return null;
}

function rulesOf(bundle: Bundle | null): Rule[] {
  return ((bundle?.rules ?? []) as RuleFile[]).flatMap((f) => f.rules ?? []);
}

/** The plain reason of a rule id (or of a child follow-up reason code); the id when unknown. */
export function reasonText(bundle: Bundle | null, id: string): string {
  const rule = rulesOf(bundle).find((r) => r.id === id);
  if (rule) return fillPlaceholders(textOf(rule.reason) ?? id, placeholderValues(bundle, null));
  const [code, what = ''] = id.split(':', 2);
  if ((CHILD_REASONS as readonly string[]).includes(code ?? '')) {
    const title = bundle?.questionnaires.find((q) => q.id === what)?.title ?? what;
    return t(`c.reason.${code}` as MessageKey, { what: title });
  }
  return id;
}

/** What a rule reads, or null when it is a line of its own (points, history): as the server's
 * relais.triage.explain.subject. */
export function subjectOf(rule: Rule): string | null {
  const found = new Set<string>();
  const walk = (c: Condition): boolean => {
    if (c.points || c.trend || c.baseline_drop || c.amber_streak || c.no_checkin_for || c.day) return false;
    if (c.answer) found.add(`answer:${c.answer.item}`);
    if (c.vital) found.add(`vital:${c.vital.name}`);
    if (c.score) found.add(`score:${c.score.questionnaire}`);
    return [...(c.all ?? []), ...(c.any ?? [])].every(walk);
  };
  return walk(rule.when) && found.size > 0 ? [...found].sort().join('|') : null;
}

/** A check-in's fired rules explained from the bundle, as the server explains an alert's. */
export function explainFromBundle(bundle: Bundle | null, ids: string[]): Why[] {
  const rules = rulesOf(bundle);
  const order = new Map(rules.map((r, i) => [r.id, i]));
  const known = [...new Set(ids)].filter((id) => order.has(id));
  known.sort(
    (a, b) =>
      (RANK[rules[order.get(b) ?? 0]?.level ?? ''] ?? 0) - (RANK[rules[order.get(a) ?? 0]?.level ?? ''] ?? 0) ||
      (order.get(a) ?? 0) - (order.get(b) ?? 0),
  );
  const shown = new Map<string, string>();
  const out: Why[] = known.map((id) => {
    const rule = rules[order.get(id) ?? 0] as Rule;
    const subject = subjectOf(rule);
    let coveredBy = '';
    if (subject !== null) {
      const first = shown.get(subject);
      if (first === undefined) shown.set(subject, id);
      else coveredBy = first;
    }
    return {
      rule: id,
      level: rule.level,
      text: textOf(rule.clinician) ?? '',
      source: rule.source,
      covered_by: coveredBy,
    };
  });
  for (const id of new Set(ids)) {
    if (!order.has(id)) out.push({ rule: id, level: '', text: '', source: '', covered_by: '' });
  }
  return out;
}

interface Line {
  why: Why;
  covers: string[];
}

function lines(why: Why[]): Line[] {
  const out: Line[] = why.filter((w) => !w.covered_by).map((w) => ({ why: w, covers: [] }));
  for (const w of why) {
    if (w.covered_by) out.find((l) => l.why.rule === w.covered_by)?.covers.push(w.rule);
  }
  return out;
}

/** The team's or the patient's own threshold replaced the content's for this rule. */
function replacedBy(measures: Measure[] | undefined, rule: string): 'team' | 'patient' | null {
  const m = (measures ?? []).find((x) => x.rule === rule && x.whose && x.whose !== 'content');
  return m ? (m.whose as 'team' | 'patient') : null;
}

export function Reasons(props: { ids: string[]; why?: Why[]; version?: string; measures?: Measure[] }) {
  const s = useStore();
  if (props.ids.length === 0 && (props.why ?? []).length === 0) return null;
  const why = props.why && props.why.length > 0 ? props.why : explainFromBundle(s.bundle, props.ids);
  return (
    <div class="reasons">
      <ul class="reason-list" aria-label={t('c.reasons')}>
        {lines(why).map(({ why: w, covers }) => {
          const replaced = replacedBy(props.measures, w.rule);
          return (
            <li data-rule={w.rule} data-level={w.level || undefined}>
              <span class="reason-text">{w.text || reasonText(s.bundle, w.rule)}</span>
              {replaced && <span class="reason-replaced"> ({t(`c.reason.replaced.${replaced}` as MessageKey)})</span>}
              <small class="reason-meta">
                {t('c.rule')} <code translate={false}>{w.rule}</code>
                {covers.length > 0 && (
                  <>
                    {' '}
                    ({t('c.reason.covers')}{' '}
                    {covers.map((id, i) => (
                      <Fragment key={id}>
                        {i > 0 && ', '}
                        <code translate={false}>{id}</code>
                      </Fragment>
                    ))}
                    )
                  </>
                )}
                {w.source && (
                  <>
                    {' · '}
                    <span class="reason-source" lang="en">
                      {w.source}
                    </span>
                  </>
                )}
              </small>
            </li>
          );
        })}
      </ul>
      {props.version && <p class="hint rule-ids">{t('c.content', { v: props.version })}</p>}
    </div>
  );
}
