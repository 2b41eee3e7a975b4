// Trends over the last 30 days: one small chart per vital sign with the red and amber zones of
// the rules drawn behind, questionnaire scores, and the same figures as tables for screen readers.

import { formatDate, t } from '../i18n';
import { rulesFor } from '../lib/checkin-plan';
import { ageInMonths } from '../lib/phone-triage';
import type { Route } from '../lib/router';
import { currentPerson, personData, useStore } from '../lib/store';
import { bandsFor, series, TrendCard, ZoneLegend } from '../lib/trend-chart';
import { LevelBadge, PersonSwitcher, Shell } from '../ui';

export function Trends(props: { route: Route }) {
  const s = useStore();
  const person = currentPerson(s);
  const bundle = s.bundle;
  const history = personData(s).history ?? [];
  if (!person || !bundle) {
    return (
      <Shell route={props.route} title={t('trends.title')}>
        <p>{t('trends.empty')}</p>
      </Shell>
    );
  }
  if (!person.can_read_results) {
    return (
      <Shell route={props.route} title={t('trends.title')}>
        <PersonSwitcher />
        <p>{t('trends.notAllowed')}</p>
      </Shell>
    );
  }
  // The zones where the phone answers red or amber: the person's limits where the team set them.
  const rules = rulesFor(bundle, person.is_child);
  const months = ageInMonths(person.birth_date);
  const own = personData(s).today?.thresholds ?? {};
  const given = Object.fromEntries(
    Object.entries(own).map(([key, tags]) => [
      key,
      Object.fromEntries(Object.entries(tags).map(([tag, value]) => [tag, { value, source: 'patient' as const }])),
    ]),
  );
  const vitals = (bundle.vitals?.vitals ?? [])
    .map((v) => ({ def: v, rows: series(history, (c) => c.vitals?.[v.name]) }))
    .filter((x) => x.rows.length > 0)
    .map((x) => ({ ...x, zones: bandsFor(rules, months, { kind: 'vital', ...x.def }, given) }));
  const scoreIds = [...new Set(history.flatMap((c) => Object.keys(c.scores ?? {})))];
  const scores = scoreIds
    .map((id) => ({
      q: bundle.questionnaires.find((q) => q.id === id),
      id,
      rows: series(history, (c) => c.scores?.[id]),
    }))
    .filter((x) => x.rows.length > 0);
  const levels = [...history].sort((a, b) => b.taken_at.localeCompare(a.taken_at)).slice(0, 14);
  return (
    <Shell route={props.route} title={t('trends.title')}>
      <PersonSwitcher />
      <p class="hint">{t('trends.intro')}</p>
      {history.some((c) => c.private_hidden) && (
        <p class="hint" data-state="private-hidden">
          {t('private.hidden')}
        </p>
      )}
      {history.length === 0 && <p>{t('trends.empty')}</p>}
      {vitals.map(({ def, rows, zones }) => (
        <TrendCard
          id={`v-${def.name}`}
          title={
            <>
              {def.label} <span class="unit-label">({def.symbol})</span>
            </>
          }
          label={def.label}
          unit={def.symbol}
          decimals={def.decimals}
          rows={rows}
          bands={zones}
          legend={<ZoneLegend bands={zones} />}
        />
      ))}
      {scores.map(({ q, id, rows }) => (
        <TrendCard
          id={`s-${id}`}
          title={q?.title ?? id}
          label={q?.title ?? id}
          unit=""
          tableUnit={t('trends.score')}
          decimals={1}
          rows={rows}
          bands={[]}
        />
      ))}
      {levels.length > 0 && (
        <section class="card" aria-labelledby="levels-title">
          <h2 id="levels-title">{t('trends.levels')}</h2>
          <ul class="plain">
            {levels.map((c) => (
              <li class="level-row">
                <span>{formatDate(c.taken_at, true)}</span> <LevelBadge level={c.level} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </Shell>
  );
}
