// A child's follow-up on the team's patient page: the growth chart on WHO centiles with the
// measurements (the team may enter one), the development checks with every answer and the
// answers to review, the return-to-school checklist shared with the family, and the wellbeing
// screens. Shown for a patient under 18.

import { useCallback, useEffect, useState } from 'preact/hooks';
import { type Development, getDevelopment, markReviewed } from '../api/children';
import { GrowthChart } from '../children/GrowthChart';
import { SchoolChecklist } from '../children/SchoolChecklist';
import { WellbeingResults } from '../children/Wellbeing';
import { formatDate, t } from '../i18n';
import { useStore } from '../lib/store';
import { ErrorText } from '../ui';
import { AnswerTag } from './DevReview';

const ADULT_YEARS = 18;

export function isChild(birthDate: string, now: Date = new Date()): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let years = now.getFullYear() - y;
  if (now.getMonth() + 1 < mo || (now.getMonth() + 1 === mo && now.getDate() < d)) years -= 1;
  return years < ADULT_YEARS;
}

function TeamDevelopment(props: { patientId: string }) {
  const [data, setData] = useState<Development | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const load = useCallback(
    () =>
      getDevelopment(props.patientId).then(
        (d) => {
          setData(d);
          setError(null);
        },
        () => setError(t('common.error')),
      ),
    [props.patientId],
  );
  useEffect(() => {
    void load();
  }, [load]);

  if (!data) {
    return (
      <section aria-labelledby="tdev-title">
        <h2 id="tdev-title">{t('dev.title')}</h2>
        <ErrorText text={error} />
        {!error && <p aria-live="polite">{t('common.loading')}</p>}
      </section>
    );
  }
  const titles = Object.fromEntries(data.checks.map((c) => [c.id, c.title]));
  const toReview = new Set(data.review.map((r) => r.check_uuid));
  return (
    <section aria-labelledby="tdev-title" class="team-dev">
      <h2 id="tdev-title">{t('dev.title')}</h2>
      <p>
        {t('dev.age', { months: Math.floor(data.age.months) })} {data.age.corrected && t('dev.corrected')}
      </p>
      <p role="status">{status}</p>
      <ErrorText text={error} />
      <h3>{t('dev.checks')}</h3>
      <ul class="plain dev-checks">
        {data.checks.map((c) => (
          <li key={c.id} class="due-item">
            <span>{c.title}</span>
            <span class={c.status === 'due' ? 'overdue-text' : 'hint'}>
              {t(`dev.status.${c.status}`)}
              {c.answered_at && ` · ${formatDate(c.answered_at)}`}
            </span>
          </li>
        ))}
      </ul>
      <h3>{t('dev.history')}</h3>
      {data.history.length === 0 && <p>{t('dev.noHistory')}</p>}
      <ul class="plain">
        {data.history.map((h) => {
          const items = data.review.filter((r) => r.check_uuid === h.id);
          const others = Object.entries(h.answers).filter(([mid]) => !items.some((i) => i.milestone_id === mid));
          return (
            <li key={h.id} data-check={h.id} class="dev-history">
              <details open={toReview.has(h.id)}>
                <summary>
                  {titles[h.check_id] ?? h.check_id} ·{' '}
                  {t('dev.answeredOn', { date: formatDate(h.answered_at), months: Math.floor(h.age.months) })}
                  {toReview.has(h.id) && <span class="tag tag-critical">{t('dev.toReview')}</span>}
                  {h.reviewed_at && <span class="tag">{t('dev.reviewedOn', { date: formatDate(h.reviewed_at) })}</span>}
                  {h.alert && <span class="tag">{t('dev.alert')}</span>}
                </summary>
                {items.length > 0 && (
                  <ul>
                    {items.map((item) => (
                      <li key={`${item.milestone_id}-${item.answer}`} data-milestone={item.milestone_id}>
                        <AnswerTag item={item} labels={data.answer_labels} /> {item.text}{' '}
                        <span class="hint">({data.domains[item.domain] ?? item.domain})</span>
                      </li>
                    ))}
                  </ul>
                )}
                {h.not_yet.length + h.not_sure.length === 0 && <p>{t('dev.allYes')}</p>}
                <dl class="raw">
                  {others.map(([mid, answer]) => (
                    <>
                      <dt>{data.milestone_text[mid] ?? mid}</dt>
                      <dd>{data.answer_labels[answer] ?? answer}</dd>
                    </>
                  ))}
                </dl>
                {toReview.has(h.id) && (
                  <button
                    type="button"
                    class="button primary"
                    onClick={() =>
                      void markReviewed(props.patientId, h.id).then(
                        () => {
                          setStatus(t('dev.reviewDone'));
                          void load();
                        },
                        () => setError(t('common.error')),
                      )
                    }
                  >
                    {t('dev.reviewedAll')}
                  </button>
                )}
              </details>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function ChildPanel(props: { patientId: string; birthDate: string }) {
  const s = useStore();
  if (!isChild(props.birthDate)) return null;
  return (
    <>
      <div class="card wide" data-child-panel="growth">
        <GrowthChart patientId={props.patientId} team />
      </div>
      <div class="card wide" data-child-panel="development">
        <TeamDevelopment patientId={props.patientId} />
      </div>
      <div class="card" data-child-panel="school">
        <SchoolChecklist patientId={props.patientId} team />
      </div>
      <div class="card" data-child-panel="wellbeing">
        <WellbeingResults patientId={props.patientId} questionnaires={s.bundle?.questionnaires ?? null} />
      </div>
    </>
  );
}
