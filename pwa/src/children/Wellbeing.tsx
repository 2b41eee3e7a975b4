// The wellbeing screens of a child's follow-up: the child's (a parent tells what they see in the
// child) and the parent's own, when the follow-up asks for them or at any time. The questions come
// from the content bundle; the result, and where to get help when it shows a hard time, from the
// server. A parent's own answers are seen only by that parent and the care team.

import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  type AnswerValue,
  getWellbeing,
  type ScreenInfo,
  sendWellbeing,
  type Wellbeing,
  type WellbeingResult,
} from '../api/children';
import { formatDate, labelled, t } from '../i18n';
import { errorText } from '../lib/errors';
import { Sending } from '../lib/sending';
import type { QItem, Questionnaire } from '../lib/types';
import { CallButton } from '../ui';

export interface HelpNumbers {
  team: string | null;
  teamName?: string | null;
  crisis: string | null;
  emergency: string;
}

function optionsOf(item: QItem): { value: number; label: string }[] {
  if (item.type === 'yesno') {
    return [
      { value: 1, label: t('wb.yes') },
      { value: 0, label: t('wb.no') },
    ];
  }
  return item.options ?? [];
}

/** Which required questions are still without an answer. */
export function unanswered(q: Questionnaire, answers: Record<string, AnswerValue>): QItem[] {
  return q.items.filter(
    (it) => !it.optional && it.type !== 'text' && (answers[it.id] === undefined || answers[it.id] === null),
  );
}

function Question(props: {
  item: QItem;
  value: AnswerValue | undefined;
  invalid: boolean;
  onChange: (v: AnswerValue) => void;
}) {
  const { item, value, invalid, onChange } = props;
  const helpId = item.help ? `${item.id}-help` : undefined;
  const optional = item.optional || item.type === 'text';
  if (item.type === 'text' || item.type === 'number') {
    return (
      <div class="question wb-question" data-item={item.id}>
        <label for={`wb-${item.id}`}>
          {item.text} {optional && <span class="hint">{t('wb.optional')}</span>}
        </label>
        {item.help && (
          <p id={helpId} class="hint">
            {item.help}
          </p>
        )}
        {item.type === 'text' ? (
          <textarea
            id={`wb-${item.id}`}
            maxLength={2000}
            rows={3}
            aria-describedby={helpId}
            value={typeof value === 'string' ? value : ''}
            onInput={(e) => onChange((e.target as HTMLTextAreaElement).value)}
          />
        ) : (
          <input
            id={`wb-${item.id}`}
            type="number"
            inputMode="numeric"
            min={item.min ?? undefined}
            max={item.max ?? undefined}
            aria-describedby={helpId}
            aria-invalid={invalid ? 'true' : undefined}
            value={typeof value === 'number' ? String(value) : ''}
            onInput={(e) => {
              const raw = (e.target as HTMLInputElement).value;
              onChange(raw === '' ? null : Number(raw));
            }}
          />
        )}
      </div>
    );
  }
  return (
    <fieldset
      class={invalid ? 'milestone wb-question invalid' : 'milestone wb-question'}
      data-item={item.id}
      aria-describedby={helpId}
      aria-invalid={invalid ? 'true' : undefined}
    >
      <legend>
        {item.text} {optional && <span class="hint">{t('wb.optional')}</span>}
      </legend>
      {item.help && (
        <p id={helpId} class="hint">
          {item.help}
        </p>
      )}
      {optionsOf(item).map((o) => (
        <label key={o.value} class="choice">
          <input
            type="radio"
            name={`wb-${item.id}`}
            value={String(o.value)}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

function ScreenForm(props: {
  q: Questionnaire;
  info: ScreenInfo;
  patientId: string;
  onDone: (r: WellbeingResult) => void;
  onCancel: () => void;
}) {
  const { q } = props;
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sending = useMemo(() => new Sending(), []);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [q.id]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const left = unanswered(q, answers);
    setMissing(left.map((i) => i.id));
    if (left.length) {
      setError(t('wb.missing', { n: left.length }));
      document.querySelector<HTMLElement>(`[data-item="${left[0]?.id}"] input`)?.focus();
      return;
    }
    const body: Record<string, AnswerValue> = {};
    for (const [k, v] of Object.entries(answers)) {
      if (v === null || v === '') continue;
      body[k] = typeof v === 'string' ? v.trim() : v;
    }
    setBusy(true);
    setError(null);
    try {
      props.onDone(
        await sending.send({ patient: props.patientId, screen: q.id, answers: body }, (attempt) =>
          sendWellbeing(props.patientId, q.id, body, attempt),
        ),
      );
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="wb-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="wb-form-title"
      data-screen={q.id}
    >
      <h3 id="wb-form-title" ref={heading} tabIndex={-1}>
        {q.title}
      </h3>
      {q.description && <p class="hint">{q.description}</p>}
      {props.info.respondent === 'parent' && <p class="note">{t('wb.private')}</p>}
      {q.recall && <p class="recall">{q.recall}</p>}
      {q.items.map((item) => (
        <Question
          key={item.id}
          item={item}
          value={answers[item.id]}
          invalid={missing.includes(item.id) && (answers[item.id] === undefined || answers[item.id] === null)}
          onChange={(v) => setAnswers({ ...answers, [item.id]: v })}
        />
      ))}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <button type="submit" class="button primary" disabled={busy}>
        {busy ? t('wb.sending') : t('wb.send')}
      </button>
      <button type="button" class="button subtle" onClick={props.onCancel}>
        {t('wb.cancel')}
      </button>
    </form>
  );
}

function whenText(info: ScreenInfo): string {
  if (info.due_at) return info.overdue ? t('wb.overdue') : t('wb.due');
  if (info.last_taken_at) return t('wb.last', { date: formatDate(info.last_taken_at) });
  return t('wb.never');
}

/** The family's page: the screens, the form, the result with where to get help, the history. */
export function WellbeingScreens(props: {
  patientId: string;
  questionnaires: Questionnaire[] | null;
  fill: (text: string) => string;
  numbers: HelpNumbers;
}) {
  const [data, setData] = useState<Wellbeing | null>(null);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [result, setResult] = useState<WellbeingResult | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const load = useCallback(
    () =>
      getWellbeing(props.patientId).then(
        (w) => {
          setData(w);
          setFailed(false);
        },
        () => setFailed(true),
      ),
    [props.patientId],
  );
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const byId = new Map((props.questionnaires ?? []).map((q) => [q.id, q]));
  const title = (id: string) =>
    data?.available.find((a) => a.questionnaire_id === id)?.title ?? byId.get(id)?.title ?? id;

  if (!data) {
    return (
      <section aria-labelledby="wb-title">
        <h2 id="wb-title">{t('wb.title')}</h2>
        {failed ? (
          <>
            <p role="alert" class="error">
              {t('common.error')}
            </p>
            <button type="button" class="button" onClick={() => void load()}>
              {t('common.retry')}
            </button>
          </>
        ) : (
          <p aria-live="polite">{t('common.loading')}</p>
        )}
      </section>
    );
  }

  const openInfo = data.available.find((a) => a.questionnaire_id === open) ?? null;
  const openQ = open ? byId.get(open) : undefined;
  const groups: { respondent: ScreenInfo['respondent']; heading: 'wb.forChild' | 'wb.forParent' }[] = [
    { respondent: 'child', heading: 'wb.forChild' },
    { respondent: 'parent', heading: 'wb.forParent' },
  ];

  return (
    <section aria-labelledby="wb-title" class="wellbeing">
      <h2 id="wb-title">{t('wb.title')}</h2>
      <p>{t('wb.intro')}</p>

      {result && (
        <div
          ref={resultRef}
          tabIndex={-1}
          role="status"
          class={result.positive ? 'card wb-result wb-positive' : 'card wb-result'}
          data-positive={String(result.positive)}
        >
          <h3>{result.positive ? t('wb.positiveTitle') : t('wb.thanks')}</h3>
          <p>{props.fill(result.help)}</p>
          {result.positive && (
            <>
              <h4>{t('wb.helpTitle')}</h4>
              {props.numbers.team && (
                <CallButton
                  number={props.numbers.team}
                  label={props.numbers.teamName || t('wb.callTeam')}
                  kind="team"
                />
              )}
              {props.numbers.crisis && <CallButton number={props.numbers.crisis} label={t('wb.callCrisis')} />}
              <CallButton number={props.numbers.emergency} label={t('wb.callEmergency')} kind="emergency" />
            </>
          )}
        </div>
      )}

      {open && openInfo && !openQ && (
        <p role="alert" class="error">
          {t('wb.noContent')}
        </p>
      )}
      {open && openInfo && openQ && (
        <ScreenForm
          key={open}
          q={openQ}
          info={openInfo}
          patientId={props.patientId}
          onCancel={() => setOpen(null)}
          onDone={(r) => {
            setOpen(null);
            setResult(r);
            void load();
          }}
        />
      )}

      {!open &&
        groups.map((g) => {
          const list = data.available.filter((a) => a.respondent === g.respondent);
          if (!list.length) return null;
          return (
            <div key={g.respondent}>
              <h3>{t(g.heading)}</h3>
              <ul class="plain">
                {list.map((info) => (
                  <li key={info.questionnaire_id} class="due-item" data-screen={info.questionnaire_id}>
                    <span>
                      <strong>{info.title}</strong>
                      <br />
                      <span class={info.overdue ? 'overdue-text' : 'hint'}>{whenText(info)}</span>
                      {info.next_at && !info.due_at && (
                        <span class="hint"> · {t('wb.next', { date: formatDate(info.next_at) })}</span>
                      )}
                    </span>
                    {info.can_answer && (
                      <button
                        type="button"
                        class={info.due_at ? 'button primary' : 'button'}
                        aria-label={labelled(info.last_taken_at ? t('wb.answerAgain') : t('wb.answer'), info.title)}
                        onClick={() => {
                          setResult(null);
                          setOpen(info.questionnaire_id);
                        }}
                      >
                        {info.last_taken_at ? t('wb.answerAgain') : t('wb.answer')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      {!open && data.available.length === 0 && <p>{t('wb.empty')}</p>}

      {!open && (
        <>
          <h3>{t('wb.history')}</h3>
          {data.screens.length === 0 ? (
            <p>{t('wb.noScreens')}</p>
          ) : (
            <ul class="plain wb-history">
              {data.screens.map((r) => (
                <li key={r.id} class="due-item" data-result={r.id}>
                  <span>
                    {title(r.questionnaire_id)} · {formatDate(r.taken_at)}
                  </span>
                  <span>{r.positive ? t('wb.positive') : t('wb.negative')}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** The team's view in the console: every screen with its answers, positive ones first. */
export function WellbeingResults(props: { patientId: string; questionnaires: Questionnaire[] | null }) {
  const [data, setData] = useState<Wellbeing | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    getWellbeing(props.patientId).then(setData, () => setFailed(true));
  }, [props.patientId]);
  const byId = new Map((props.questionnaires ?? []).map((q) => [q.id, q]));
  const title = (id: string) =>
    data?.available.find((a) => a.questionnaire_id === id)?.title ?? byId.get(id)?.title ?? id;
  const answerText = (qid: string, iid: string, v: AnswerValue): { q: string; a: string } => {
    const item = byId.get(qid)?.items.find((i) => i.id === iid);
    if (!item) return { q: iid, a: String(v) };
    const option = optionsOf(item).find((o) => o.value === v);
    return { q: item.text, a: option ? option.label : String(v) };
  };
  return (
    <section aria-labelledby="wb-team-title">
      <h2 id="wb-team-title">{t('wb.title')}</h2>
      {failed && (
        <p role="alert" class="error">
          {t('common.error')}
        </p>
      )}
      {!data && !failed && <p aria-live="polite">{t('common.loading')}</p>}
      {data && (
        <>
          <ul class="plain">
            {data.available.map((a) => (
              <li key={a.questionnaire_id}>
                {a.title} ({t(a.respondent === 'child' ? 'wb.respondent.child' : 'wb.respondent.parent')}) —{' '}
                <span class={a.overdue ? 'overdue-text' : undefined}>{whenText(a)}</span>
                {a.next_at && !a.due_at && <span class="hint"> · {t('wb.next', { date: formatDate(a.next_at) })}</span>}
              </li>
            ))}
          </ul>
          {data.screens.length === 0 && <p>{t('wb.noScreens')}</p>}
          <ul class="plain">
            {data.screens.map((r) => (
              <li key={r.id} data-result={r.id}>
                <details>
                  <summary>
                    {title(r.questionnaire_id)} · {formatDate(r.taken_at, true)} ·{' '}
                    {t(r.respondent === 'child' ? 'wb.respondent.child' : 'wb.respondent.parent')} ·{' '}
                    <strong class={r.positive ? 'overdue-text' : undefined}>
                      {r.positive ? t('wb.teamPositive') : t('wb.teamNegative')}
                    </strong>
                    {r.score !== null && ` · ${t('wb.score', { score: r.score })}`}
                  </summary>
                  <dl class="raw">
                    {Object.entries(r.answers).map(([k, v]) => {
                      const row = answerText(r.questionnaire_id, k, v);
                      return (
                        <>
                          <dt>{row.q}</dt>
                          <dd>{row.a}</dd>
                        </>
                      );
                    })}
                  </dl>
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
