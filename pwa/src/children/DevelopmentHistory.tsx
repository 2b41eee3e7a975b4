// The development checks a family has answered: every answer kept and shown, and the "not sure"
// ones answered later, when the parent has watched (the app asks for it after the check).

import { useState } from 'preact/hooks';
import { completeDevelopment, type Development, type DevelopmentResult } from '../api/children';
import { formatDate, t } from '../i18n';
import { errorText } from '../lib/errors';

const LATER: ('yes' | 'not_yet')[] = ['yes', 'not_yet'];

function Completion(props: {
  patientId: string;
  check: DevelopmentResult;
  data: Development;
  onDone: () => Promise<void>;
}) {
  const { check, data } = props;
  const [answers, setAnswers] = useState<Record<string, 'yes' | 'not_yet'>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!Object.keys(answers).length) {
      setError(t('dev.later.none'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await completeDevelopment(props.patientId, check.id, answers);
      await props.onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form dev-later" onSubmit={(e) => void send(e)} noValidate aria-labelledby={`later-${check.id}`}>
      <h4 id={`later-${check.id}`}>{t('dev.later.title')}</h4>
      <p class="hint">{t('dev.later.hint')}</p>
      {check.not_sure.map((mid) => (
        <fieldset class="milestone" key={mid} data-milestone={mid}>
          <legend>{data.milestone_text[mid] ?? ''}</legend>
          {LATER.map((a) => (
            <label key={a} class="choice">
              <input
                type="radio"
                name={`${check.id}-${mid}`}
                value={a}
                checked={answers[mid] === a}
                onChange={() => setAnswers({ ...answers, [mid]: a })}
              />
              {data.answer_labels[a]}
            </label>
          ))}
        </fieldset>
      ))}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <button type="submit" class="button primary" disabled={busy} data-action="complete-check">
        {busy ? t('dev.sending') : t('dev.later.send')}
      </button>
    </form>
  );
}

export function DevelopmentHistory(props: { patientId: string; data: Development; reload: () => Promise<void> }) {
  const { data } = props;
  const titles = Object.fromEntries(data.checks.map((c) => [c.id, c.title]));
  const [status, setStatus] = useState<string | null>(null);
  // The check just completed stays open: its answers are what the parent wants to see.
  const [justDone, setJustDone] = useState<string | null>(null);
  if (!data.history.length) return null;
  return (
    <section aria-labelledby="dev-history">
      <h3 id="dev-history">{t('dev.history')}</h3>
      <p role="status">{status}</p>
      <ul class="plain">
        {data.history.map((h) => (
          <li key={h.id} data-check={h.id} class="dev-history card">
            <details open={h.not_sure.length > 0 || justDone === h.id}>
              <summary>
                {titles[h.check_id] ?? ''} ·{' '}
                {t('dev.answeredOn', { date: formatDate(h.answered_at), months: Math.floor(h.age.months) })}
                {h.not_sure.length > 0 && <span class="tag">{t('dev.later.tag', { n: h.not_sure.length })}</span>}
              </summary>
              <dl class="dev-answers">
                {Object.entries(h.answers).map(([mid, answer]) => (
                  <div key={mid} data-milestone={mid}>
                    <dt>{data.milestone_text[mid] ?? ''}</dt>
                    <dd>
                      {data.answer_labels[answer]}
                      {h.completed_later?.[mid] && (
                        <span class="hint"> · {t('dev.later.on', { date: formatDate(h.completed_later[mid]) })}</span>
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
              {h.not_sure.length > 0 && (
                <Completion
                  patientId={props.patientId}
                  check={h}
                  data={data}
                  onDone={async () => {
                    setStatus(t('dev.later.saved'));
                    setJustDone(h.id);
                    await props.reload();
                  }}
                />
              )}
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
