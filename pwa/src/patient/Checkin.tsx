// The check-in: one question per screen, big answers, progress, back. The result is computed here,
// on the phone, after every answer: as soon as it is red, what was answered so far is stored in the
// outbox (marked partial) and the emergency screen shows at once, offline too; sending comes after.
// Stopping after an amber or red answer asks once, then sends what was said. A free note is read
// by the team; a red-flag phrase in it offers the matching symptom to confirm (the note alone never
// changes a level).

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatNumber, lang, parseNumber, t } from '../i18n';
import { itemsInNote, questionnairesFor, searchPicker, stepsFor, worseItem, type Step } from '../lib/checkin-plan';
import type { OutboxEntry } from '../lib/db';
import { historyFor, reasonText, triageOnPhone, type Answers, type Vitals } from '../lib/phone-triage';
import { navigate, type Route } from '../lib/router';
import { newId } from '../lib/sending';
import { currentPerson, personData, queueCheckin, takeCheckinStart, useStore } from '../lib/store';
import type { QItem, Questionnaire, VitalDef } from '../lib/types';
import { emergencyNumber } from '../lib/numbers';
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
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only another content version or person makes a new plan
  }, [s.bundle?.version, person?.patient_id]);

  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<Answers>(() => ({}));
  const [vitals, setVitals] = useState<Vitals>({});
  const [note, setNote] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [stopping, setStopping] = useState(false);
  /** Picker items a red-flag phrase of the note points to, waiting for the person's yes or no. */
  const [noteMatches, setNoteMatches] = useState<QItem[] | null>(null);
  const [confirmed, setConfirmed] = useState<Record<string, 0 | 1>>({});
  /** The picker's search, kept while the stop dialog shows (null: the picker is not opened). */
  const [pickerSearch, setPickerSearch] = useState<string | null>(null);
  const sent = useRef(false);
  const question = useRef<HTMLHeadingElement>(null);
  const matching = noteMatches !== null;

  useEffect(() => {
    question.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [index, stopping, matching]);

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

  /** The phone's result for these answers and measurements (the shared evaluator). */
  function evaluateNow(a: Answers, v: Vitals) {
    const data = personData(s);
    const takenAt = new Date();
    const withWorse: Answers = plan!.worse ? { ...a, [plan!.worse]: 1 } : a;
    const result = triageOnPhone(
      bundle,
      person!,
      withWorse,
      v,
      plan!.questionnaires,
      historyFor(person!.patient_id, data.history, s.outbox),
      takenAt,
      data.today?.thresholds,
    );
    return { result, answers: withWorse, takenAt };
  }

  /** Stores the check-in in the outbox (sent from there) and shows its result. Once only. */
  function send(a: Answers, v: Vitals, partial: boolean): void {
    if (!person || !plan || sent.current) return;
    sent.current = true;
    const { result, answers: finalAnswers, takenAt } = evaluateNow(a, v);
    const id = newId();
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
        vitals: v,
        note: note.trim(),
        client_level: result.level,
        content_version: bundle.version,
        ...(partial ? { partial: true } : {}),
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

  /** After each answer: red acts at once (the rest of the questions can wait for another day). */
  function redNow(a: Answers, v: Vitals, last: boolean): boolean {
    if (evaluateNow(a, v).result.level !== 'red') return false;
    send(a, v, !last);
    return true;
  }

  /** "Stop" (or back from the first question): asks first when an answer already needs the team. */
  function stop(): void {
    if (evaluateNow(answers, vitals).result.level === 'green') navigate('/');
    else setStopping(true);
  }

  function back(): void {
    if (index === 0) stop();
    else go(index - 1);
  }

  function answer(id: string, value: number | string | null): void {
    const next = { ...answers };
    if (value === null) delete next[id];
    else next[id] = value;
    setAnswers(next);
    if (redNow(next, vitals, false)) return;
    if (index + 1 < total) go(index + 1);
  }

  /** A picker item ticked or unticked: a red sign acts at once, like any answer. */
  function pick(id: string, on: boolean): void {
    const next = { ...answers };
    if (on) next[id] = 1;
    else delete next[id];
    setAnswers(next);
    if (on) redNow(next, vitals, false);
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
    const next = { ...vitals, [vital.name]: value };
    setVitals(next);
    if (redNow(answers, next, false)) return;
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

  /** The end: a red-flag phrase in the note first offers its symptom to confirm. */
  function finish(): void {
    if (!plan) return;
    const matches = itemsInNote(plan.questionnaires, note).filter((item) => answers[item.id] !== 1);
    if (matches.length > 0) {
      setNoteMatches(matches);
      return;
    }
    send(answers, vitals, false);
  }

  /** A symptom the note spoke of, confirmed (1) or not (0) by the person. */
  function confirmMatch(id: string, value: 0 | 1): void {
    const next = { ...answers, [id]: value };
    if (value === 0) delete next[id];
    setAnswers(next);
    setConfirmed({ ...confirmed, [id]: value });
    if (value === 1) redNow(next, vitals, true);
  }

  const title = plan.questionnaires[0]?.title ?? t('checkin.title');
  const forWhom = person.relation === 'proxy' ? t('checkin.forWhom', { name: person.given_name }) : null;

  if (stopping) {
    return (
      <Shell route={props.route} title={title} hideNav>
        <section class="card stop-confirm" role="alertdialog" aria-labelledby="q-text" aria-describedby="stop-text">
          <h2 id="q-text" ref={question} tabIndex={-1}>
            {t('checkin.stopTitle')}
          </h2>
          <p id="stop-text">{t('checkin.stopText')}</p>
          <button
            type="button"
            class="button primary big"
            data-action="stop-send"
            onClick={() => send(answers, vitals, true)}
          >
            {t('checkin.stopSend')}
          </button>
          <button type="button" class="button" data-action="stop-continue" onClick={() => setStopping(false)}>
            {t('checkin.stopContinue')}
          </button>
        </section>
      </Shell>
    );
  }

  if (noteMatches) {
    const all = noteMatches.every((item) => item.id in confirmed);
    return (
      <Shell route={props.route} title={title} hideNav>
        <section class="question" aria-labelledby="q-text" data-step="note-match">
          <h2 id="q-text" ref={question} tabIndex={-1}>
            {t('checkin.noteMatchTitle')}
          </h2>
          <p class="hint">{t('checkin.noteMatchIntro')}</p>
          {noteMatches.map((item) => (
            <div class="note-match" data-item={item.id} role="group" aria-labelledby={`match-${item.id}`}>
              <p id={`match-${item.id}`} class="note-match-text">
                {item.text}
              </p>
              <div class="answers answers-yesno">
                <button
                  type="button"
                  class="answer"
                  data-value="1"
                  aria-pressed={confirmed[item.id] === 1}
                  onClick={() => confirmMatch(item.id, 1)}
                >
                  {t('checkin.noteMatchYes')}
                </button>
                <button
                  type="button"
                  class="answer"
                  data-value="0"
                  aria-pressed={confirmed[item.id] === 0}
                  onClick={() => confirmMatch(item.id, 0)}
                >
                  {t('checkin.noteMatchNo')}
                </button>
              </div>
            </div>
          ))}
          <ErrorText id="step-error" text={error} />
          <button
            type="button"
            class="button primary big"
            data-action="finish"
            onClick={() => (all ? send(answers, vitals, false) : setError(t('checkin.noteMatchChoose')))}
          >
            {t('checkin.noteMatchSend')}
          </button>
        </section>
      </Shell>
    );
  }

  return (
    <Shell route={props.route} title={title} hideNav>
      {forWhom && <p class="for-whom">{forWhom}</p>}
      {plan.worse && index === 0 && (
        <p class="worse-said" role="note">
          {t('checkin.worse', { number: emergencyNumber(bundle) })}
        </p>
      )}
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
        {step.kind === 'picker' && (
          <PickerStep
            key={step.questionnaire.id}
            questionnaire={step.questionnaire}
            answers={answers}
            search={pickerSearch}
            setSearch={setPickerSearch}
            onPick={pick}
            onDone={() => go(index + 1)}
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
        <button type="button" class="button subtle" data-action="stop" onClick={stop}>
          {t('checkin.cancel')}
        </button>
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
          {Array.from(
            { length: (item.max as number) - (item.min as number) + 1 },
            (_, i) => (item.min as number) + i,
          ).map((n) => (
            <button
              type="button"
              class="answer"
              data-value={n}
              aria-pressed={props.value === n}
              onClick={() => props.onAnswer(item.id, n)}
            >
              {n}
            </button>
          ))}
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

/** "Anything new or different today?": no, or a list of symptoms grouped by body area (each area
 * folded, so that the list stays short; a search opens the areas it finds something in). Plain
 * checkboxes in fieldsets: a screen reader reads each area and each box. */
function PickerStep(props: {
  questionnaire: Questionnaire;
  answers: Answers;
  /** null until "something new" is chosen; then the search typed. */
  search: string | null;
  setSearch: (search: string | null) => void;
  onPick: (id: string, on: boolean) => void;
  onDone: () => void;
  headingRef: { current: HTMLHeadingElement | null };
}) {
  const q = props.questionnaire;
  const ticked = q.items.filter((item) => props.answers[item.id] === 1).length;
  const open = props.search !== null || ticked > 0;
  const search = props.search ?? '';
  const setSearch = props.setSearch;
  const searchRef = useRef<HTMLInputElement>(null);
  const [justOpened, setJustOpened] = useState(false);
  useEffect(() => {
    if (justOpened) searchRef.current?.focus();
  }, [justOpened]);
  const searching = search.trim() !== '';
  const shown = new Set(searchPicker(q, search).map((item) => item.id));
  return (
    <div class="step picker" data-step="picker" data-questionnaire={q.id}>
      <h2 id="q-text" ref={props.headingRef} tabIndex={-1}>
        {q.title}
      </h2>
      {!open ? (
        <div class="answers" role="group" aria-labelledby="q-text">
          <button type="button" class="answer" data-action="picker-nothing" onClick={props.onDone}>
            {t('checkin.pickerNothing')}
          </button>
          <button
            type="button"
            class="answer"
            data-action="picker-open"
            onClick={() => {
              setSearch('');
              setJustOpened(true);
            }}
          >
            {t('checkin.pickerSomething')}
          </button>
        </div>
      ) : (
        <>
          <p class="hint">{t('checkin.pickerIntro')}</p>
          <label for="picker-search">{t('checkin.pickerSearch')}</label>
          <input
            id="picker-search"
            ref={searchRef}
            type="search"
            autocomplete="off"
            value={search}
            onInput={(e) => setSearch((e.target as HTMLInputElement).value)}
          />
          <p class="hint" role="status" aria-live="polite">
            {shown.size === 0 ? t('checkin.pickerNoMatch', { search }) : t('checkin.pickerCount', { n: ticked })}
          </p>
          {(q.picker ?? []).map((area) => {
            const items = q.items.filter((item) => item.area === area.id && shown.has(item.id));
            if (items.length === 0) return null;
            const mine = items.filter((item) => props.answers[item.id] === 1).length;
            return (
              <details class="picker-area" data-area={area.id} open={searching || mine > 0 || undefined}>
                <summary>
                  {area.title}
                  {mine > 0 && <span class="pick-count"> ({t('checkin.pickerCount', { n: mine })})</span>}
                </summary>
                <fieldset>
                  <legend class="visually-hidden">{area.title}</legend>
                  {items.map((item) => (
                    <label class="pick" data-item={item.id}>
                      <input
                        type="checkbox"
                        checked={props.answers[item.id] === 1}
                        onChange={(e) => props.onPick(item.id, (e.target as HTMLInputElement).checked)}
                      />
                      <span>
                        {item.text}
                        {item.help && <span class="pick-help">{item.help}</span>}
                      </span>
                    </label>
                  ))}
                </fieldset>
              </details>
            );
          })}
          <button type="button" class="button primary" data-action="picker-done" onClick={props.onDone}>
            {t('checkin.pickerDone')}
          </button>
        </>
      )}
    </div>
  );
}
