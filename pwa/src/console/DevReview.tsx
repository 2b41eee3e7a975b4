// The team's review list of children's development checks: "not yet" and "not sure" answers, and
// skills a child had and has lost (regressions, first), across the children of the clinician's
// teams. "Reviewed" takes a check off the list for the whole team.

import { useEffect, useRef, useState } from 'preact/hooks';
import {
  type DevelopmentReview,
  getDevelopmentReview,
  markReviewed,
  type ReviewCheck,
  type ReviewItem,
} from '../api/children';
import { consoleApi, type TeamSummary } from '../api/console';
import { formatDate, t } from '../i18n';
import { errorText } from '../lib/errors';
import type { Route } from '../lib/router';
import { ErrorText } from '../ui';
import { ConsoleShell } from './Shell';

/** The answer as icon and word, never colour alone. */
export function AnswerTag(props: { item: ReviewItem; labels: Record<string, string> }) {
  const { item } = props;
  return (
    <>
      {item.regression && (
        <span class="tag tag-critical">
          <span aria-hidden="true">⚠ </span>
          {t('dev.regression')}
        </span>
      )}
      <span class="tag">
        <span aria-hidden="true">{item.answer === 'not_sure' ? '? ' : '○ '}</span>
        {props.labels[item.answer] ?? item.answer}
      </span>
    </>
  );
}

function CheckCard(props: {
  check: ReviewCheck;
  data: DevelopmentReview;
  onReviewed: (c: ReviewCheck) => Promise<void>;
}) {
  const { check, data } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = `${check.family_name.toUpperCase()} ${check.given_name}`;
  const headingId = `rev-${check.check_uuid}`;
  return (
    <li class="card" data-review={check.check_uuid}>
      <h2 id={headingId}>
        <a href={`/console/patients/${check.patient_id}`}>{name}</a>
      </h2>
      <p>
        {t('rev.check', {
          title: check.title,
          date: formatDate(check.answered_at),
          months: Math.floor(check.age.months),
        })}
        {check.age.corrected && ` ${t('dev.corrected')}`}
        {check.alert && <span class="tag">{t('dev.alert')}</span>}
      </p>
      <ul>
        {check.items.map((item) => (
          <li key={`${item.milestone_id}-${item.answer}`} data-milestone={item.milestone_id}>
            <AnswerTag item={item} labels={data.answer_labels} /> {item.text}{' '}
            <span class="hint">({data.domains[item.domain] ?? item.domain})</span>
          </li>
        ))}
      </ul>
      <ErrorText text={error} />
      <button
        type="button"
        class="button primary"
        disabled={busy}
        aria-label={t('rev.markFor', { name, title: check.title })}
        onClick={() => {
          setBusy(true);
          setError(null);
          props.onReviewed(check).catch((err: unknown) => {
            setError(errorText(err));
            setBusy(false);
          });
        }}
      >
        {t('dev.reviewedAll')}
      </button>
    </li>
  );
}

export function DevReview(props: { route: Route }) {
  const [teams, setTeams] = useState<TeamSummary[]>([]);
  const [team, setTeam] = useState('');
  const [data, setData] = useState<DevelopmentReview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    consoleApi.teams().then(setTeams, () => undefined);
  }, []);
  useEffect(() => {
    setData(null);
    setError(null);
    getDevelopmentReview(team || undefined).then(setData, () => setError(t('c.error')));
  }, [team]);

  async function reviewed(check: ReviewCheck): Promise<void> {
    await markReviewed(check.patient_id, check.check_uuid);
    setData((cur) =>
      cur ? { ...cur, checks: cur.checks.filter((c) => c.check_uuid !== check.check_uuid), count: cur.count - 1 } : cur,
    );
    setDone(t('rev.done', { name: `${check.given_name} ${check.family_name}`, title: check.title }));
    statusRef.current?.focus();
  }

  return (
    <ConsoleShell route={props.route} title={t('rev.title')}>
      <p>{t('rev.intro')}</p>
      {teams.length > 1 && (
        <div class="search">
          <label for="rev-team">{t('c.filter.team')}</label>
          <select id="rev-team" value={team} onChange={(e) => setTeam((e.target as HTMLSelectElement).value)}>
            <option value="">{t('rev.allTeams')}</option>
            {teams.map((tm) => (
              <option key={tm.id} value={tm.id}>
                {tm.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <p role="status" tabIndex={-1} ref={statusRef} class="rev-status">
        {done}
      </p>
      <ErrorText text={error} />
      {!data && !error && <p aria-live="polite">{t('c.loading')}</p>}
      {data && (
        <>
          <p>{t('rev.count', { n: data.checks.length })}</p>
          {data.checks.length === 0 && <p>{t('rev.empty')}</p>}
          <ul class="plain rev-list">
            {data.checks.map((c) => (
              <CheckCard key={c.check_uuid} check={c} data={data} onReviewed={reviewed} />
            ))}
          </ul>
        </>
      )}
    </ConsoleShell>
  );
}
