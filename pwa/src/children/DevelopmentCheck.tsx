// A development check: the milestones due for the child's (corrected) age, grouped by domain,
// each answered yes / not yet / not sure, with the milestones of the last check asked again.
// For the team, the "not yet" answers to review.

import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import {
  type Answer,
  type Development,
  type DevelopmentResult,
  getDevelopment,
  markReviewed,
  type Milestone,
  sendDevelopment,
} from '../api/children';
import { t } from '../i18n';
import { errorText } from '../lib/errors';
import { Sending } from '../lib/sending';
import { DevelopmentHistory } from './DevelopmentHistory';

const ANSWERS: Answer[] = ['yes', 'not_yet', 'not_sure'];

function MilestoneQuestion(props: {
  m: Milestone;
  labels: Record<Answer, string>;
  value: Answer | undefined;
  onChange: (a: Answer) => void;
}) {
  const { m, labels, value, onChange } = props;
  return (
    <fieldset class="milestone">
      <legend>{m.text}</legend>
      <p class="hint">{m.example}</p>
      {m.previous && <p class="hint">{t('dev.previous', { answer: labels[m.previous] })}</p>}
      {ANSWERS.map((a) => (
        <label key={a} class="choice">
          <input type="radio" name={m.id} value={a} checked={value === a} onChange={() => onChange(a)} />
          {labels[a]}
        </label>
      ))}
    </fieldset>
  );
}

export function DevelopmentCheck(props: { patientId: string; team?: boolean; fill?: (text: string) => string }) {
  const fill = props.fill ?? ((text: string) => text);
  const [data, setData] = useState<Development | null>(null);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [result, setResult] = useState<DevelopmentResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sending = useMemo(() => new Sending(), []);

  const load = useCallback(
    () =>
      getDevelopment(props.patientId)
        .then(setData)
        .catch(() => setError(t('common.error'))),
    [props.patientId],
  );
  useEffect(() => {
    void load();
  }, [load]);

  if (!data) return <p aria-live="polite">{error ?? t('common.loading')}</p>;
  const due = data.due;
  const all = due ? [...due.milestones, ...due.recheck] : [];

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!due) return;
    if (due.milestones.some((m) => !answers[m.id])) {
      setError(t('dev.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setResult(
        await sending.send({ patient: props.patientId, check: due.id, answers }, (attempt) =>
          sendDevelopment(props.patientId, due.id, answers, attempt),
        ),
      );
      await load();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="dev-title">
      <h2 id="dev-title">{t('dev.title')}</h2>
      <p>
        {t('dev.age', { months: Math.floor(data.age.months) })} {data.age.corrected && t('dev.corrected')}
      </p>
      {data.age.note && <p class="hint">{data.age.note}</p>}
      <p class="hint">{data.disclaimer}</p>
      {result && (
        <div role="status" class="result">
          <p>{t('dev.thanks')}</p>
          {result.next_steps.map((s) => (
            <p key={s}>{fill(s)}</p>
          ))}
        </div>
      )}
      {!due && !result && <p>{t('dev.none')}</p>}
      {due && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <h3>{due.title}</h3>
          {Object.entries(data.domains).map(([domain, title]) => {
            const ms = due.milestones.filter((m) => m.domain === domain);
            if (!ms.length) return null;
            return (
              <div key={domain}>
                <h4>{title}</h4>
                {ms.map((m) => (
                  <MilestoneQuestion
                    key={m.id}
                    m={m}
                    labels={data.answer_labels}
                    value={answers[m.id]}
                    onChange={(a) => setAnswers({ ...answers, [m.id]: a })}
                  />
                ))}
              </div>
            );
          })}
          {due.recheck.length > 0 && (
            <div>
              <h4>{t('dev.since')}</h4>
              {due.recheck.map((m) => (
                <MilestoneQuestion
                  key={m.id}
                  m={m}
                  labels={data.answer_labels}
                  value={answers[m.id]}
                  onChange={(a) => setAnswers({ ...answers, [m.id]: a })}
                />
              ))}
            </div>
          )}
          {error && (
            <p role="alert" class="error">
              {error}
            </p>
          )}
          <button type="submit" disabled={busy || all.length === 0}>
            {busy ? t('dev.sending') : t('dev.send')}
          </button>
        </form>
      )}
      {!props.team && <DevelopmentHistory patientId={props.patientId} data={data} reload={load} />}
      {props.team && data.review.length > 0 && (
        <section aria-labelledby="dev-review">
          <h3 id="dev-review">{t('dev.review')}</h3>
          <ul>
            {data.review.map((r) => (
              <li key={`${r.check_uuid}-${r.milestone_id}`}>
                {r.text} ({data.domains[r.domain]}){r.regression && ` — ${t('dev.regression')}`}{' '}
                <button type="button" onClick={() => void markReviewed(props.patientId, r.check_uuid).then(load)}>
                  {t('dev.reviewed')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
