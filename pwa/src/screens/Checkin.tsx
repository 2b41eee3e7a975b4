// The check-in: one question per screen, big answers, progress, back. At the end the result is
// computed here, on the phone, stored in the outbox and shown at once; sending comes after.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatNumber, lang, parseNumber, t } from '../i18n';
import { questionnairesFor, stepsFor, worseItem, type Step } from '../lib/checkin-plan';
import type { OutboxEntry } from '../lib/db';
import { historyFor, reasonText, triageOnPhone, type Answers, type Vitals } from '../lib/phone-triage';
import { navigate, type Route } from '../lib/router';
import { newId } from '../lib/sending';
import { currentPerson, personData, queueCheckin, takeCheckinStart, useStore } from '../lib/store';
import type { QItem, VitalDef } from '../lib/types';
import { ErrorText, Shell } from '../ui';

/** Small integer scales (0 to 10) are a row of buttons; anything else is typed. */
function isScale(item: QItem): boolean {
  return (
    item.type === 'number' &&
    item.min != null &&
    item.max != null &&
    Number.isInteger(item.min) &&
    Number.isInteger(item.max) &&
    item.max - item.min <= 10
  );
}

export function Checkin(props: { route: Route }) {
  const s = useStore();
  const person = currentPerson(s);
  const [start] = useState(() => takeCheckinStart());
  const plan = useMemo(() => {
    if (!s.bundle || !person) return null;
    const questionnaires = questionnairesFor(s.bundle, person, start.questionnaires);
    const worse = start.worse ? worseItem(questionnaires) : null;
    const steps = stepsFor(s.bundle, person, questionnaires).filter(
      (step) => !(step.kind === 'item' && step.item.id === worse),
    );
    return { questionnaires, steps, worse };
    // The plan is fixed for the whole check-in, even if the language changes half-way.
  }, [s.bundle?.version, person?.patient_id]);

  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<Answers>(() => ({}));
  const [vitals, setVitals] = useState<Vitals>({});
  const [note, setNote] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const question = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    question.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [index]);

  if (!person || !plan || !s.bundle) {
    return (
      <Shell route={props.route} title={t('checkin.title')}>
        <p>{s.bundle ? t('checkin.noPerson') : t('checkin.noContent')}</p>
        <a class="button" href="/">
          {t('nav.home')}
        </a>
      </Shell>
    );
  }
  if (!person.can_log) {
    return (
      <Shell route={props.route} title={t('checkin.title')}>
        <p>{t('checkin.notAllowed')}</p>
      </Shell>
    );
  }

  const bundle = s.bundle;
  const steps = plan.steps;
  const step = steps[index] as Step;
  const total = steps.length;

  function go(next: number): void {
    setError(null);
    const target = steps[next];
    if (target?.kind === 'vital') {
      const v = vitals[target.vital.name];
      setText(v == null ? '' : String(v).replace('.', lang() === 'fr' ? ',' : '.'));
    } else if (target?.kind === 'item' && target.item.type !== 'choice' && target.item.type !== 'yesno') {
      const a = answers[target.item.id];
      setText(a == null ? '' : String(a));
    }
    setIndex(next);
  }

  function back(): void {
    if (index === 0) navigate('/');
    else go(index - 1);
  }

  function answer(id: string, value: number | string | null): void {
    const next = { ...answers };
    if (value === null) delete next[id];
    else next[id] = value;
    setAnswers(next);
    if (index + 1 < total) go(index + 1);
  }

  function submitNumber(item: QItem): void {
    const raw = text.trim();
    if (raw === '') {
      if (item.optional) return answer(item.id, null);
      setError(t('checkin.required'));
      return;
    }
    const value = parseNumber(raw);
    if (value === null || (item.min != null && value < item.min) || (item.max != null && value > item.max)) {
      setError(t('checkin.numberRange', { min: item.min ?? '', max: item.max ?? '' }));
      return;
    }
    answer(item.id, value);
  }

  function submitVital(vital: VitalDef): void {
    const value = parseNumber(text);
    if (value === null) {
      setError(t('checkin.vitalNumber'));
      return;
    }
    if (value < vital.min || value > vital.max) {
      setError(
        t('checkin.vitalRange', {
          value: formatNumber(value, vital.decimals),
          min: formatNumber(vital.min, vital.decimals),
          max: formatNumber(vital.max, vital.decimals),
          unit: vital.symbol,
        }),
      );
      return;
    }
    setVitals({ ...vitals, [vital.name]: value });
    go(index + 1);
  }

  function noDevice(vital: VitalDef): void {
    setVitals({ ...vitals, [vital.name]: null });
    go(index + 1);
  }

  function skipAllVitals(): void {
    const next = { ...vitals };
    let i = index;
    while (steps[i]?.kind === 'vital') {
      const v = (steps[i] as { vital: VitalDef }).vital;
      if (!(v.name in next)) next[v.name] = null;
      i += 1;
    }
    setVitals(next);
    go(i);
  }

  function finish(): void {
    if (!person || !plan) return;
    const takenAt = new Date();
    const id = newId();
    const finalAnswers: Answers = { ...answers };
    if (plan.worse) finalAnswers[plan.worse] = 1;
    const data = personData(s);
    const result = triageOnPhone(
      bundle,
      person,
      finalAnswers,
      vitals,
      plan.questionnaires,
      historyFor(person.patient_id, data.history, s.outbox),
      takenAt,
      data.today?.thresholds,
    );
    const entry: OutboxEntry = {
      id,
      patient_id: person.patient_id,
      created_at: takenAt.toISOString(),
      state: 'pending',
      attempts: 0,
      body: {
        id,
        taken_at: takenAt.toISOString(),
        answers: finalAnswers,
        vitals,
        note: note.trim(),
        client_level: result.level,
        content_version: bundle.version,
      },
      client: {
        level: result.level,
        flags: result.flags,
        fired: result.fired.map((f) => ({ id: f.id, level: f.level, reason: reasonText(f.reason, lang()) })),
      },
    };
    void queueCheckin(entry);
    navigate('/result', true);
  }

  const title = plan.questionnaires[0]?.title ?? t('checkin.title');
  const forWhom = person.relation === 'proxy' ? t('checkin.forWhom', { name: person.given_name }) : null;

  return (
    <Shell route={props.route} title={title} hideNav>
      {forWhom && <p class="for-whom">{forWhom}</p>}
      <div class="progress-row">
        <label for="progress">{t('checkin.progress', { n: index + 1, total })}</label>
        <progress id="progress" max={total} value={index + 1} />
      </div>
      <section class="question" aria-labelledby="q-text">
        {step.kind === 'item' && (
          <ItemStep
            key={step.item.id}
            step={step}
            value={answers[step.item.id]}
            text={text}
            setText={setText}
            onAnswer={answer}
            onNumber={submitNumber}
            headingRef={question}
          />
        )}
        {step.kind === 'vital' && (
          <div class="step" data-vital={step.vital.name}>
            <h2 id="q-text" ref={question} tabIndex={-1}>
              {step.vital.label}
            </h2>
            {step.vital.help && (
              <p class="hint" id="vital-help">
                {step.vital.help}
              </p>
            )}
            <form
              class="form"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                submitVital(step.vital);
              }}
            >
              <label for="vital-input">{t('checkin.vitalLabel', { unit: step.vital.symbol })}</label>
              <div class="unit-input">
                <input
                  id="vital-input"
                  inputMode="decimal"
                  autocomplete="off"
                  aria-describedby={['vital-help', error ? 'step-error' : ''].filter(Boolean).join(' ')}
                  aria-invalid={error ? true : undefined}
                  value={text}
                  onInput={(e) => setText((e.target as HTMLInputElement).value)}
                />
                <span class="unit" aria-hidden="true">
                  {step.vital.symbol}
                </span>
              </div>
              <ErrorText id="step-error" text={error} />
              <button type="submit" class="button primary" data-action="next">
                {t('checkin.next')}
              </button>
            </form>
            <button type="button" class="button" data-action="no-device" onClick={() => noDevice(step.vital)}>
              {t('checkin.noDevice')}
            </button>
            <button type="button" class="button subtle" data-action="skip-vitals" onClick={skipAllVitals}>
              {t('checkin.noDevices')}
            </button>
          </div>
        )}
        {step.kind === 'note' && (
          <div class="step" data-step="note">
            <h2 id="q-text" ref={question} tabIndex={-1}>
              {t('checkin.noteTitle')}
            </h2>
            <label for="note">{t('checkin.noteLabel')}</label>
            <textarea
              id="note"
              rows={4}
              maxLength={2000}
              value={note}
              onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
            />
            <button type="button" class="button primary big" data-action="finish" onClick={finish}>
              {t('checkin.finish')}
            </button>
          </div>
        )}
        {step.kind === 'item' && error && <ErrorText id="step-error" text={error} />}
      </section>
      <div class="row">
        <button type="button" class="button" onClick={back}>
          <span aria-hidden="true">← </span>
          {t('checkin.back')}
        </button>
        <a class="button subtle" href="/">
          {t('checkin.cancel')}
        </a>
      </div>
    </Shell>
  );
}

function ItemStep(props: {
  step: Extract<Step, { kind: 'item' }>;
  value: number | string | null | undefined;
  text: string;
  setText: (v: string) => void;
  onAnswer: (id: string, value: number | string | null) => void;
  onNumber: (item: QItem) => void;
  headingRef: { current: HTMLHeadingElement | null };
}) {
  const { item, questionnaire } = props.step;
  const options =
    item.options ??
    (item.type === 'yesno'
      ? [
          { value: 1, label: t('answer.yes') },
          { value: 0, label: t('answer.no') },
        ]
      : null);
  return (
    <div class="step" data-item={item.id} data-type={item.type}>
      {questionnaire.recall && <p class="recall">{questionnaire.recall}</p>}
      <h2 id="q-text" ref={props.headingRef} tabIndex={-1}>
        {item.text}
      </h2>
      {item.help && <p class="hint">{item.help}</p>}
      {options && (item.type === 'choice' || item.type === 'yesno') && (
        <div class={item.type === 'yesno' ? 'answers answers-yesno' : 'answers'} role="group" aria-labelledby="q-text">
          {options.map((o) => (
            <button
              type="button"
              class="answer"
              data-value={o.value}
              aria-pressed={props.value === o.value}
              onClick={() => props.onAnswer(item.id, o.value)}
            >
              {o.label}
            </button>
          ))}
        </div>
      )}
      {isScale(item) && (
        <div class="answers answers-scale" role="group" aria-labelledby="q-text">
          {Array.from({ length: (item.max as number) - (item.min as number) + 1 }, (_, i) => (item.min as number) + i).map(
            (n) => (
              <button
                type="button"
                class="answer"
                data-value={n}
                aria-pressed={props.value === n}
                onClick={() => props.onAnswer(item.id, n)}
              >
                {n}
              </button>
            ),
          )}
        </div>
      )}
      {item.type === 'number' && !isScale(item) && (
        <form
          class="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            props.onNumber(item);
          }}
        >
          <label for="number-input">{t('checkin.numberLabel')}</label>
          <input
            id="number-input"
            inputMode="decimal"
            autocomplete="off"
            value={props.text}
            onInput={(e) => props.setText((e.target as HTMLInputElement).value)}
          />
          <button type="submit" class="button primary" data-action="next">
            {t('checkin.next')}
          </button>
        </form>
      )}
      {item.type === 'text' && (
        <form
          class="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            props.onAnswer(item.id, props.text.trim() || null);
          }}
        >
          <label for="text-input">{t('checkin.textLabel')}</label>
          <textarea
            id="text-input"
            rows={3}
            value={props.text}
            onInput={(e) => props.setText((e.target as HTMLTextAreaElement).value)}
          />
          <button type="submit" class="button primary" data-action="next">
            {t('checkin.next')}
          </button>
        </form>
      )}
      {item.optional && item.type !== 'text' && (
        <button type="button" class="button subtle" data-action="skip" onClick={() => props.onAnswer(item.id, null)}>
          {t('checkin.skip')}
        </button>
      )}
    </div>
  );
}
