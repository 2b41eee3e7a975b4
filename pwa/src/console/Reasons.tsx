// Why an alert opened, in plain words: the reason of each rule that fired, from the content's
// rules in the clinician's language; the rule ids stay, small and marked as code (identifiers, the
// same in every language), for those who review the content.

import { Fragment } from 'preact';
import { fillPlaceholders, labelled, lang, type MessageKey, t } from '../i18n';
import { placeholderValues } from '../lib/numbers';
import { useStore } from '../lib/store';
import type { Bundle } from '../lib/types';
import type { RuleFile } from '../triage/types';

const CHILD_REASONS = [
  'growth_centiles_down',
  'growth_weight_loss',
  'milestones_not_yet',
  'milestone_regression',
  'wellbeing_positive',
] as const;

/** The plain reason of a rule id (or of a child follow-up reason code); the id when unknown. */
export function reasonText(bundle: Bundle | null, id: string): string {
  for (const file of (bundle?.rules ?? []) as RuleFile[]) {
    const rule = file.rules?.find((r) => r.id === id);
    if (rule) {
      const reason = rule.reason as unknown;
      const text =
        typeof reason === 'string'
          ? reason
          : ((reason as Record<string, string>)[lang()] ?? (reason as Record<string, string>).fr ?? id);
      return fillPlaceholders(text, placeholderValues(bundle, null));
    }
  }
  const [code, what = ''] = id.split(':', 2);
  if ((CHILD_REASONS as readonly string[]).includes(code ?? '')) {
    const title = bundle?.questionnaires.find((q) => q.id === what)?.title ?? what;
    return t(`c.reason.${code}` as MessageKey, { what: title });
  }
  return id;
}

export function Reasons(props: { ids: string[]; version?: string }) {
  const s = useStore();
  if (props.ids.length === 0) return null;
  return (
    <div class="reasons">
      <ul class="reason-list" aria-label={t('c.reasons')}>
        {props.ids.map((id) => (
          <li data-rule={id}>{reasonText(s.bundle, id)}</li>
        ))}
      </ul>
      <p class="hint rule-ids">
        {labelled(t('c.rules'), '')}
        {props.ids.map((id, i) => (
          <Fragment key={id}>
            {i > 0 && ', '}
            <code translate={false}>{id}</code>
          </Fragment>
        ))}
        {props.version ? ` · ${t('c.content', { v: props.version })}` : ''}
      </p>
    </div>
  );
}
