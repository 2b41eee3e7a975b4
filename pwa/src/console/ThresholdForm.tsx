// Setting a threshold (a patient's own, or a team's default) by choosing the measurement and
// typing each limit beside its meaning ("Urgence si ≤", default shown), instead of writing
// "red_lte=85" by hand. Only the limits the content lets a team change are offered. "Preview"
// replays the change over the last 90 days before anything is saved; saving stays its own button.

import { useState } from 'preact/hooks';
import type { ThresholdPreview } from '../api/console';
import { formatDate, formatNumber, labelled, type MessageKey, parseNumber, t } from '../i18n';
import { eachCondition } from '../lib/checkin-plan';
import type { Bundle } from '../lib/types';
import { rulesetFromFiles } from '../triage/engine';
import type { Rule, RuleFile } from '../triage/types';
import { ErrorText } from '../ui';
import { questionnaireTitle } from './readable';

const OPS = ['lte', 'lt', 'gte', 'gt'] as const;
type Op = (typeof OPS)[number];
const SYMBOL: Record<Op, string> = { lte: '≤', lt: '<', gte: '≥', gt: '>' };

export interface Limit {
  /** The override tag the rules name: `red_lte`, `amber_gt`… */
  tag: string;
  level: 'red' | 'amber';
  op: Op;
  /** The content's values for this limit (several when it depends on age). */
  defaults: number[];
}

export interface Choice {
  key: string;
  label: string;
  limits: Limit[];
}

/** `red_lte` → the zone and the comparison it changes; null for a tag the rules cannot have. */
function parseTag(tag: string): Pick<Limit, 'level' | 'op'> | null {
  const [level, op] = tag.split('_');
  if (level !== 'red' && level !== 'amber') return null;
  return (OPS as readonly string[]).includes(op ?? '') ? { level, op: op as Op } : null;
}

/** What a team may change, measurement by measurement, with the content's values: of all the
 * rules (a team's default), or of those that apply to one patient (their group and age). */
export function thresholdChoices(bundle: Bundle | null, rules?: Rule[]): Choice[] {
  // key -> tag -> the limit, with the content's values in `defaults` (sorted at the end)
  const found = new Map<string, Map<string, Limit>>();
  const all = rules ?? rulesetFromFiles((bundle?.rules ?? []) as RuleFile[]).rules;
  for (const rule of all) {
    eachCondition(rule.when, (c) => {
      for (const cmp of [c.vital, c.score, c.answer]) {
        if (!cmp?.override) continue;
        const parsed = parseTag(cmp.override);
        if (!parsed) continue;
        const key = 'name' in cmp ? cmp.name : 'questionnaire' in cmp ? cmp.questionnaire : cmp.item;
        const tags = found.get(key) ?? new Map<string, Limit>();
        const limit = tags.get(cmp.override) ?? { tag: cmp.override, ...parsed, defaults: [] };
        const value = cmp[parsed.op];
        if (typeof value === 'number' && !limit.defaults.includes(value)) limit.defaults.push(value);
        tags.set(cmp.override, limit);
        found.set(key, tags);
      }
    });
  }
  const vitals = bundle?.vitals?.vitals ?? [];
  const items = new Map((bundle?.questionnaires ?? []).flatMap((q) => q.items.map((i) => [i.id, i.text] as const)));
  const label = (key: string): string =>
    vitals.find((v) => v.name === key)?.label ?? items.get(key) ?? questionnaireTitle(bundle, key);
  const order = (key: string): number => {
    const i = vitals.findIndex((v) => v.name === key);
    return i < 0 ? vitals.length : i;
  };
  return [...found]
    .map(([key, tags]) => ({
      key,
      label: label(key),
      limits: [...tags.values()]
        .map((limit) => ({ ...limit, defaults: [...limit.defaults].sort((a, b) => a - b) }))
        // Red first, then amber; the lower limits before the upper ones.
        .sort((a, b) => (a.level === b.level ? OPS.indexOf(a.op) - OPS.indexOf(b.op) : a.level === 'red' ? -1 : 1)),
    }))
    .sort((a, b) => order(a.key) - order(b.key) || a.label.localeCompare(b.label));
}

/** "Urgence si ≤" / "Emergency at or below": what a limit means, for its label. */
export function limitLabel(limit: Pick<Limit, 'level' | 'op'>): string {
  return t(`c.th.limit.${limit.level}` as MessageKey, { op: SYMBOL[limit.op] });
}

function defaultText(limit: Limit): string {
  const [low, high] = [limit.defaults[0], limit.defaults[limit.defaults.length - 1]];
  if (low === undefined || high === undefined) return '';
  if (low === high) return t('c.th.default', { value: formatNumber(low, 2) });
  return t('c.th.defaultByAge', { low: formatNumber(low, 2), high: formatNumber(high, 2) });
}

/** A stored threshold in words: "Oxygène dans le sang (SpO2) : Urgence si ≤ 85, À surveiller si ≤ 88". */
export function thresholdText(choices: Choice[], key: string, params: Record<string, number>): string {
  const choice = choices.find((c) => c.key === key);
  const parts = Object.entries(params).map(([tag, value]) => {
    const limit = parseTag(tag);
    return limit ? `${limitLabel(limit)} ${formatNumber(value, 2)}` : `${tag}=${value}`;
  });
  return labelled(choice?.label ?? key, parts.join(', '));
}

type PreviewState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'done'; result: ThresholdPreview; label: string }
  | { state: 'failed'; message: string };

/** The one sentence a screen reader hears when the preview arrives (the live region's text). */
function previewSummary(p: ThresholdPreview): string {
  const n = formatNumber(p.checkins, 0);
  if (p.checkins === 0) return t('c.pv.noCheckins', { days: p.days });
  const added = p.added.red + p.added.amber;
  const removed = p.removed.red + p.removed.amber;
  if (added + removed === 0) return t('c.pv.none', { days: p.days, n });
  return t('c.pv.summary', { days: p.days, n, added, removed });
}

function levelWord(level: string): string {
  return t(`c.level.${level}` as MessageKey);
}

export function PreviewPanel(props: { id: string; preview: PreviewState; team: boolean }) {
  const p = props.preview;
  const result = p.state === 'done' ? p.result : null;
  const changed = result ? result.added.red + result.added.amber + result.removed.red + result.removed.amber : 0;
  return (
    <div class="threshold-preview" id={`${props.id}-preview`} data-state={p.state}>
      <p role="status" class={result && changed > 0 ? 'preview-summary changed' : 'preview-summary'}>
        {p.state === 'loading' ? t('c.pv.loading') : result ? previewSummary(result) : ''}
      </p>
      {p.state === 'failed' && <ErrorText text={p.message} />}
      {result && changed > 0 && (
        <>
          <table class="preview-counts">
            <caption class="visually-hidden">{t('c.pv.caption', { days: result.days })}</caption>
            <thead>
              <tr>
                <td />
                <th scope="col">{levelWord('red')}</th>
                <th scope="col">{levelWord('amber')}</th>
              </tr>
            </thead>
            <tbody>
              <tr data-row="added">
                <th scope="row">{t('c.pv.added')}</th>
                <td>{formatNumber(result.added.red, 0)}</td>
                <td>{formatNumber(result.added.amber, 0)}</td>
              </tr>
              <tr data-row="removed">
                <th scope="row">{t('c.pv.removed')}</th>
                <td>{formatNumber(result.removed.red, 0)}</td>
                <td>{formatNumber(result.removed.amber, 0)}</td>
              </tr>
            </tbody>
          </table>
          {props.team && (
            <p>
              {t('c.pv.patients', {
                n: formatNumber(result.patients_affected, 0),
                of: formatNumber(result.patients, 0),
              })}
            </p>
          )}
          {result.examples.length > 0 && (
            <>
              <h3 class="preview-examples-title">{t('c.pv.examples')}</h3>
              <ul class="plain preview-examples">
                {result.examples.map((e) => (
                  <li data-after={e.after}>
                    <span class="hint">{formatDate(e.taken_at, true)}</span>
                    {e.patient_name && <strong> {e.patient_name}</strong>}{' '}
                    {t('c.pv.change', { before: levelWord(e.before), after: levelWord(e.after) })}
                    {e.value !== null &&
                      e.value !== undefined &&
                      ` (${labelled(p.state === 'done' ? p.label : '', formatNumber(e.value, 2))})`}
                  </li>
                ))}
              </ul>
            </>
          )}
          {result.examples_hidden && <p class="hint">{t('c.pv.hidden')}</p>}
        </>
      )}
      {result && <p class="hint">{t('c.pv.notSaved')}</p>}
    </div>
  );
}

export function ThresholdForm(props: {
  /** Prefix of the fields' ids ("th" for a patient, "tth" for a team). */
  prefix: string;
  choices: Choice[];
  busy?: boolean;
  onSave: (key: string, params: Record<string, number>, reason: string) => Promise<boolean>;
  /** Replays the change over the last 90 days (nothing saved); throws with a message in words. */
  onPreview?: (key: string, params: Record<string, number>, reason: string) => Promise<ThresholdPreview>;
  /** A team's preview names the patients. */
  team?: boolean;
}) {
  const choices = props.choices;
  const [key, setKey] = useState('spo2');
  const [values, setValues] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<PreviewState>({ state: 'idle' });
  const choice = choices.find((c) => c.key === key) ?? choices[0];
  const id = props.prefix;
  /** What the form says, checked; null (and the error said, its field focused) otherwise. */
  function collect(): { key: string; params: Record<string, number>; reason: string } | null {
    if (!choice) return null;
    const params: Record<string, number> = {};
    for (const limit of choice.limits) {
      const text = (values[limit.tag] ?? '').trim();
      if (text === '') continue;
      const value = parseNumber(text);
      if (value === null) {
        setError(t('c.th.notNumber', { what: limitLabel(limit) }));
        document.getElementById(`${id}-${limit.tag}`)?.focus();
        return null;
      }
      params[limit.tag] = value;
    }
    if (Object.keys(params).length === 0) {
      setError(t('c.th.none'));
      document.getElementById(`${id}-${choice.limits[0]?.tag}`)?.focus();
      return null;
    }
    if (reason.trim().length < 3) {
      setError(t('c.th.reasonNeeded'));
      document.getElementById(`${id}-reason`)?.focus();
      return null;
    }
    setError(null);
    return { key: choice.key, params, reason: reason.trim() };
  }
  async function save(): Promise<void> {
    const found = collect();
    if (!found) return;
    if (await props.onSave(found.key, found.params, found.reason)) {
      setValues({});
      setReason('');
      setPreview({ state: 'idle' });
    }
  }
  async function runPreview(): Promise<void> {
    const found = collect();
    if (!found || !props.onPreview || !choice) return;
    setPreview({ state: 'loading' });
    try {
      const result = await props.onPreview(found.key, found.params, found.reason);
      setPreview({ state: 'done', result, label: choice.label });
    } catch (e) {
      setPreview({ state: 'failed', message: e instanceof Error && e.message ? e.message : t('c.error') });
    }
  }
  if (!choice) return null;
  return (
    <form
      class="form threshold-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label for={`${id}-key`}>{t('c.th.key')}</label>
      <select
        id={`${id}-key`}
        value={choice.key}
        onChange={(e) => {
          setKey((e.target as HTMLSelectElement).value);
          setValues({});
          setError(null);
          setPreview({ state: 'idle' });
        }}
      >
        {choices.map((c) => (
          <option value={c.key}>{c.label}</option>
        ))}
      </select>
      {choice.limits.map((limit) => (
        <div class="threshold-limit" data-tag={limit.tag}>
          <label for={`${id}-${limit.tag}`}>{limitLabel(limit)}</label>
          <input
            id={`${id}-${limit.tag}`}
            inputMode="decimal"
            aria-describedby={`${id}-${limit.tag}-default`}
            value={values[limit.tag] ?? ''}
            onInput={(e) => {
              setValues({ ...values, [limit.tag]: (e.target as HTMLInputElement).value });
              // A preview says what these limits would do: changed, it no longer does.
              setPreview({ state: 'idle' });
            }}
          />
          <span id={`${id}-${limit.tag}-default`} class="hint">
            {defaultText(limit)}
          </span>
        </div>
      ))}
      <label for={`${id}-reason`}>{t('c.th.reason')}</label>
      <input
        id={`${id}-reason`}
        required
        minLength={3}
        maxLength={500}
        value={reason}
        onInput={(e) => setReason((e.target as HTMLInputElement).value)}
      />
      <ErrorText text={error} />
      <div class="actions">
        {props.onPreview && (
          <button
            type="button"
            class="button"
            disabled={props.busy || preview.state === 'loading'}
            aria-describedby={`${id}-preview-hint`}
            onClick={() => void runPreview()}
          >
            {t('c.th.preview')}
          </button>
        )}
        <button type="submit" class="button primary" disabled={props.busy}>
          {t('c.th.save')}
        </button>
      </div>
      {props.onPreview && (
        <p id={`${id}-preview-hint`} class="hint">
          {t('c.pv.hint')}
        </p>
      )}
      {props.onPreview && <PreviewPanel id={id} preview={preview} team={props.team ?? false} />}
    </form>
  );
}
