// Enrolling a patient at discharge: the person, the plan that fits their age, day 1 and the
// discharge date, the team(s), and the hand-over; then on to the invitation.

import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { consoleApi, type EnrolBody, type TeamSummary } from '../api/console';
import { lang, type MessageKey, t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { navigate, type Route } from '../lib/router';
import { useStore } from '../lib/store';
import { ErrorText } from '../ui';
import { draftOf, HANDOVER_FIELDS, HandoverFields, type HandoverDraft, handoverIn } from './HandoverCard';
import { ADULT_AGE, ageYears, localToday, plansForAge } from './plans';
import { ConsoleShell } from './Shell';

const SEXES = ['female', 'male', 'intersex', 'unknown'] as const;
type Sex = (typeof SEXES)[number];

interface Person {
  given_name: string;
  family_name: string;
  birth_date: string;
  sex_at_birth: Sex | '';
  locale: 'fr' | 'en';
  phone: string;
  no_gp: boolean;
  gp_name: string;
  gp_phone: string;
  gestational_weeks: string;
  plan_id: string;
  day1: string;
  discharge_date: string;
}

/** Where a server refusal points ("$.handover.referent_phone", "day1"), as this form's field name. */
export function fieldOf(path: string): string {
  return path.replace(/^(\$|data|body)\./, '').replace(/\[\d+\]$/, '');
}

/** The server's fields this form shows a refusal beside. */
const PLACED = new Set([
  'given_name',
  'family_name',
  'birth_date',
  'sex_at_birth',
  'gestational_weeks',
  'phone',
  'gp_name',
  'gp_phone',
  'plan_id',
  'discharge_date',
  'day1',
  'team_ids',
  ...Object.values(HANDOVER_FIELDS).map((f) => `handover.${f}`),
]);

/** After a refusal, the keyboard goes to the first field to correct. */
function focusFirstInvalid(): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.enrol-form [aria-invalid=true]')?.focus());
}

export function Enrol(props: { route: Route }) {
  const bundle = useStore().bundle;
  const [teams, setTeams] = useState<TeamSummary[] | null>(null);
  const [chosenTeams, setChosenTeams] = useState<string[]>([]);
  const [p, setP] = useState<Person>({
    given_name: '',
    family_name: '',
    birth_date: '',
    sex_at_birth: '',
    locale: lang(),
    phone: '',
    no_gp: false,
    gp_name: '',
    gp_phone: '',
    gestational_weeks: '',
    plan_id: '',
    day1: '',
    discharge_date: localToday(),
  });
  const [handover, setHandover] = useState<HandoverDraft>(draftOf(null));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    consoleApi.teams().then(
      (rows) => {
        setTeams(rows);
        if (rows.length === 1 && rows[0]) setChosenTeams([rows[0].id]);
      },
      () => setError(t('c.error')),
    );
  }, []);

  const today = localToday();
  const plans = plansForAge(bundle?.plans ?? [], p.birth_date, today);
  const age = ageYears(p.birth_date, today);
  const child = age !== null && age >= 0 && age < ADULT_AGE;
  const plan = plans.find((x) => x.id === p.plan_id);
  // A plan that no longer fits the age (the birth date was changed) is chosen again.
  useEffect(() => {
    if (p.plan_id && !plan) setP((cur) => ({ ...cur, plan_id: '' }));
  }, [p.plan_id, plan]);

  const set = (key: keyof Person, value: string | boolean) => setP((cur) => ({ ...cur, [key]: value }));
  const invalid = (field: string) =>
    errors[field] ? { 'aria-invalid': true as const, 'aria-describedby': `en-${field}-error` } : {};
  const fieldError = (field: string) => <ErrorText id={`en-${field}-error`} text={errors[field] ?? null} />;
  const text = (field: keyof Person, label: MessageKey, extra: Record<string, unknown> = {}) => (
    <>
      <label for={`en-${field}`}>{t(label)}</label>
      <input
        id={`en-${field}`}
        type="text"
        value={p[field] as string}
        {...extra}
        {...invalid(field)}
        onInput={(e) => set(field, (e.target as HTMLInputElement).value)}
      />
      {fieldError(field)}
    </>
  );

  function check(): Record<string, string> {
    const missing: Record<string, string> = {};
    if (!p.given_name.trim()) missing.given_name = t('c.en.needed');
    if (!p.family_name.trim()) missing.family_name = t('c.en.needed');
    if (!p.birth_date) missing.birth_date = t('c.en.needed');
    if (!p.sex_at_birth) missing.sex_at_birth = t('c.en.needed');
    if (!p.plan_id) missing.plan_id = t('c.en.planNeeded');
    if (!p.discharge_date) missing.discharge_date = t('c.en.needed');
    if (plan?.anchor === 'day1' && !p.day1) missing.day1 = t('c.en.day1Needed');
    if (!chosenTeams.length) missing.team_ids = t('c.en.teamNeeded');
    if (child && p.gestational_weeks) {
      const w = Number(p.gestational_weeks);
      if (!Number.isInteger(w) || w < 22 || w > 44) missing.gestational_weeks = t('c.en.weeks');
    }
    return missing;
  }

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    setError(null);
    const found = check();
    const ho = handoverIn(handover);
    if (!ho) found['handover.next_appointment_at'] = t('c.ho.badDate');
    setErrors(found);
    if (Object.keys(found).length) {
      setError(t('c.en.fix'));
      focusFirstInvalid();
      return;
    }
    const body: EnrolBody = {
      given_name: p.given_name.trim(),
      family_name: p.family_name.trim(),
      birth_date: p.birth_date,
      sex_at_birth: p.sex_at_birth as Sex,
      locale: p.locale,
      timezone: 'Europe/Paris',
      phone: p.phone.trim(),
      gp_name: p.no_gp ? '' : p.gp_name.trim(),
      gp_phone: p.no_gp ? '' : p.gp_phone.trim(),
      gestational_weeks: child && p.gestational_weeks ? Number(p.gestational_weeks) : null,
      plan_id: p.plan_id,
      day1: p.day1 || null,
      discharge_date: p.discharge_date,
      team_ids: chosenTeams,
      handover: ho && Object.values(handover).some((v) => v.trim()) ? ho : null,
    };
    setBusy(true);
    try {
      const made = await consoleApi.enrol(body);
      navigate(`/console/patients/${made.id}/invite`);
    } catch (e) {
      const byField: Record<string, string> = {};
      if (e instanceof ApiError) for (const f of e.errors) byField[fieldOf(f.field)] = f.message;
      setErrors(byField);
      // Said once, at the field, when the form has that field; the server's words otherwise.
      const placed = Object.keys(byField).length > 0 && Object.keys(byField).every((f) => PLACED.has(f));
      setError(placed ? t('c.en.fix') : errorMessage(e));
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  }

  const hoErrors = Object.fromEntries(
    Object.entries(HANDOVER_FIELDS)
      .map(([key, server]) => [key, errors[`handover.${server}`]])
      .filter(([, message]) => message),
  ) as Partial<Record<keyof HandoverDraft, string>>;

  return (
    <ConsoleShell route={props.route} title={t('c.en.title')}>
      <p>
        <a href="/console/patients">← {t('c.patient.back')}</a>
      </p>
      <form class="form enrol-form" onSubmit={(e) => void submit(e)} noValidate data-testid="enrol">
        <fieldset class="card">
          <legend>{t('c.en.person')}</legend>
          {text('given_name', 'c.en.given', { autocomplete: 'off', maxLength: 100 })}
          {text('family_name', 'c.en.family', { autocomplete: 'off', maxLength: 100 })}
          <label for="en-birth_date">{t('c.en.birth')}</label>
          <input
            id="en-birth_date"
            type="date"
            max={today}
            value={p.birth_date}
            {...invalid('birth_date')}
            onInput={(e) => set('birth_date', (e.target as HTMLInputElement).value)}
          />
          {fieldError('birth_date')}
          <label for="en-sex_at_birth">{t('c.en.sex')}</label>
          <select
            id="en-sex_at_birth"
            value={p.sex_at_birth}
            {...invalid('sex_at_birth')}
            onChange={(e) => set('sex_at_birth', (e.target as HTMLSelectElement).value)}
          >
            <option value="">{t('c.en.choose')}</option>
            {SEXES.map((s) => (
              <option value={s}>{t(`c.en.sex.${s}` as MessageKey)}</option>
            ))}
          </select>
          {fieldError('sex_at_birth')}
          {child && (
            <>
              <label for="en-gestational_weeks">{t('c.en.weeksLabel')}</label>
              <input
                id="en-gestational_weeks"
                type="number"
                inputMode="numeric"
                min={22}
                max={44}
                value={p.gestational_weeks}
                {...invalid('gestational_weeks')}
                onInput={(e) => set('gestational_weeks', (e.target as HTMLInputElement).value)}
              />
              {fieldError('gestational_weeks')}
            </>
          )}
          <label for="en-locale">{t('c.en.locale')}</label>
          <select
            id="en-locale"
            value={p.locale}
            onChange={(e) => set('locale', (e.target as HTMLSelectElement).value)}
          >
            <option value="fr" lang="fr">
              Français
            </option>
            <option value="en" lang="en">
              English
            </option>
          </select>
          {text('phone', 'c.en.phone', { type: 'tel', autocomplete: 'off', maxLength: 30 })}
        </fieldset>

        <fieldset class="card">
          <legend>{t('c.en.gp')}</legend>
          <div class="consent-check">
            <input
              id="en-no_gp"
              type="checkbox"
              checked={p.no_gp}
              onChange={(e) => set('no_gp', (e.target as HTMLInputElement).checked)}
            />
            <label for="en-no_gp">{t('c.en.noGp')}</label>
          </div>
          {!p.no_gp && (
            <>
              {text('gp_name', 'c.en.gpName', { autocomplete: 'off', maxLength: 200 })}
              {text('gp_phone', 'c.en.gpPhone', { type: 'tel', autocomplete: 'off', maxLength: 30 })}
            </>
          )}
        </fieldset>

        <fieldset class="card">
          <legend>{t('c.en.follow')}</legend>
          <label for="en-plan_id">{t('c.en.plan')}</label>
          <select
            id="en-plan_id"
            value={p.plan_id}
            aria-describedby={errors.plan_id ? 'en-plan_id-error en-plan-hint' : 'en-plan-hint'}
            aria-invalid={errors.plan_id ? true : undefined}
            onChange={(e) => set('plan_id', (e.target as HTMLSelectElement).value)}
          >
            <option value="">{t('c.en.choose')}</option>
            {plans.map((x) => (
              <option value={x.id}>{x.title}</option>
            ))}
          </select>
          <p class="hint" id="en-plan-hint">
            {age === null ? t('c.en.planHint') : t('c.en.planFits', { n: age })}
          </p>
          {fieldError('plan_id')}
          <label for="en-discharge_date">{t('c.en.discharge')}</label>
          <input
            id="en-discharge_date"
            type="date"
            value={p.discharge_date}
            {...invalid('discharge_date')}
            onInput={(e) => set('discharge_date', (e.target as HTMLInputElement).value)}
          />
          {fieldError('discharge_date')}
          <label for="en-day1">{t('c.en.day1')}</label>
          <input
            id="en-day1"
            type="date"
            max={today}
            value={p.day1}
            aria-describedby={errors.day1 ? 'en-day1-error en-day1-hint' : 'en-day1-hint'}
            aria-invalid={errors.day1 ? true : undefined}
            onInput={(e) => set('day1', (e.target as HTMLInputElement).value)}
          />
          <p class="hint" id="en-day1-hint">
            {plan?.anchor === 'day1' ? t('c.en.day1Required') : t('c.en.day1Hint')}
          </p>
          {fieldError('day1')}
          <fieldset
            class="team-choice"
            aria-describedby={errors.team_ids ? 'en-team_ids-error' : undefined}
            data-testid="teams"
          >
            <legend>{t('c.en.teams')}</legend>
            {teams === null && <p role="status">{t('c.loading')}</p>}
            {teams?.map((tm) => (
              <div class="consent-check">
                <input
                  id={`en-team-${tm.id}`}
                  type="checkbox"
                  value={tm.id}
                  checked={chosenTeams.includes(tm.id)}
                  onChange={(e) => {
                    const on = (e.target as HTMLInputElement).checked;
                    setChosenTeams((cur) => (on ? [...cur, tm.id] : cur.filter((x) => x !== tm.id)));
                  }}
                />
                <label for={`en-team-${tm.id}`}>{tm.name}</label>
              </div>
            ))}
          </fieldset>
          {fieldError('team_ids')}
        </fieldset>

        <fieldset class="card">
          <legend>{t('c.handover')}</legend>
          <p class="hint">{t('c.ho.intro')}</p>
          <HandoverFields prefix="en-ho" draft={handover} onChange={setHandover} errors={hoErrors} />
        </fieldset>

        <ErrorText text={error} />
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? t('c.saving') : t('c.en.submit')}
        </button>
      </form>
    </ConsoleShell>
  );
}
