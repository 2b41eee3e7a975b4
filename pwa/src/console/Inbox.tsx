// The alert inbox: red first then oldest, live, acknowledge and close inline.

import { useEffect, useState } from 'preact/hooks';
import {
  consoleApi,
  isOverdue,
  OUTCOMES,
  sortAlerts,
  type ConsoleAlert,
  type Outcome,
  type TeamSummary,
} from '../api/console';
import { formatDate, type MessageKey, t } from '../i18n';
import type { Route } from '../lib/router';
import { ErrorText } from '../ui';
import { useLive } from './live';
import { AlertTrace } from './AlertTrace';
import { Measures } from './Measures';
import { refreshInboxCount } from './inboxCount';
import { NotesToRead } from './Notes';
import { Reasons } from './Reasons';
import { ConsoleShell, Level, TeamSelect } from './Shell';

/** How long an alert may wait, in minutes; a red one an hour at most (server: SNOOZE_MAX). */
const SNOOZES = [15, 30, 60, 120, 240];

function minutesSince(iso: string): number {
  return Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 60000));
}

function AlertRow(props: { alert: ConsoleAlert; teams: TeamSummary[]; onChanged: () => void }) {
  const a = props.alert;
  const [closing, setClosing] = useState(false);
  const [snoozing, setSnoozing] = useState(false);
  const [minutes, setMinutes] = useState(30);
  const [why, setWhy] = useState('');
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const overdue = isOverdue(a);
  const team = props.teams.find((t) => t.id === a.team_id);

  async function act(fn: () => Promise<unknown>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await fn();
      setClosing(false);
      setSnoozing(false);
      props.onChanged();
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : t('c.error'));
    } finally {
      setBusy(false);
    }
  }

  const stepKey = `c.step.${Math.min(a.escalation_step, 3)}` as MessageKey;
  return (
    <li
      class={`alert-row alert-${a.level}${overdue ? ' alert-overdue' : ''}`}
      data-alert={a.id}
      data-level={a.level}
      data-state={a.state}
      aria-labelledby={`al-${a.id}`}
    >
      <div class="alert-head">
        <Level level={a.level} big={a.level === 'red'} />
        <a id={`al-${a.id}`} class="alert-name" href={`/console/patients/${a.patient_id}`}>
          {a.patient_name}
        </a>
        <span class={`state state-${a.state}`}>{t(`c.state.${a.state}` as MessageKey)}</span>
      </div>
      <p class="alert-meta">
        {t('c.opened', { when: formatDate(a.opened_at, true) })} · {t('c.age', { min: minutesSince(a.opened_at) })}
        {team ? ` · ${team.name}` : ''}
      </p>
      {overdue && (
        <p class="overdue" role="note">
          <span aria-hidden="true">⏰ </span>
          {t('c.overdue', { step: a.escalation_step, who: t(stepKey) })}
        </p>
      )}
      <Measures measures={a.measures} />
      <Reasons ids={a.reasons} why={a.why} version={a.content_version} measures={a.measures} />
      <AlertTrace alert={a} />
      {a.snoozed_until && Date.parse(a.snoozed_until) > Date.now() && (
        <p class="snoozed" data-snoozed="true">
          <span aria-hidden="true">⏸ </span>
          {t('c.snooze.until', { when: formatDate(a.snoozed_until, true), reason: a.snooze_reason })}
        </p>
      )}
      <ErrorText text={error} />
      {!closing && !snoozing && (
        <div class="alert-actions">
          {a.state === 'open' && (
            <button
              type="button"
              class="button primary"
              disabled={busy}
              onClick={() => void act(() => consoleApi.acknowledge(a.id))}
            >
              {t('c.ack')}
            </button>
          )}
          {a.state !== 'resolved' && (
            <button type="button" class="button subtle" disabled={busy} onClick={() => setClosing(true)}>
              {t('c.resolve')}
            </button>
          )}
          {a.state !== 'resolved' && (
            <button type="button" class="button subtle" disabled={busy} onClick={() => setSnoozing(true)}>
              {t('c.snooze')}
            </button>
          )}
          {a.state === 'resolved' && (
            <button
              type="button"
              class="button subtle"
              disabled={busy}
              onClick={() => void act(() => consoleApi.reopen(a.id))}
            >
              {t('c.reopen')}
            </button>
          )}
        </div>
      )}
      {snoozing && (
        <form
          class="form snooze-form"
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => consoleApi.snooze(a.id, minutes, why.trim()));
          }}
        >
          <label for={`sz-${a.id}`}>{t('c.snooze.for')}</label>
          <select
            id={`sz-${a.id}`}
            value={String(minutes)}
            onChange={(e) => setMinutes(Number((e.target as HTMLSelectElement).value))}
          >
            {SNOOZES.filter((m) => m <= (a.level === 'red' ? 60 : 240)).map((m) => (
              <option value={String(m)}>
                {m < 60 ? t('c.snooze.min', { n: m }) : t('c.snooze.hours', { n: m / 60 })}
              </option>
            ))}
          </select>
          <label for={`szr-${a.id}`}>{t('c.snooze.reason')}</label>
          <textarea
            id={`szr-${a.id}`}
            rows={2}
            required
            minLength={3}
            maxLength={300}
            value={why}
            onInput={(e) => setWhy((e.target as HTMLTextAreaElement).value)}
          />
          <div class="alert-actions">
            <button type="submit" class="button primary" disabled={busy}>
              {t('c.snooze.confirm')}
            </button>
            <button type="button" class="button subtle" onClick={() => setSnoozing(false)}>
              {t('c.cancel')}
            </button>
          </div>
        </form>
      )}
      {closing && (
        <form
          class="form resolve-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (outcome) void act(() => consoleApi.resolve(a.id, outcome, note));
          }}
        >
          <label for={`oc-${a.id}`}>{t('c.outcome')}</label>
          <select
            id={`oc-${a.id}`}
            value={outcome}
            required
            onChange={(e) => setOutcome((e.target as HTMLSelectElement).value as Outcome)}
          >
            <option value="" disabled>
              {t('c.outcome.choose')}
            </option>
            {OUTCOMES.map((o) => (
              <option value={o}>{t(`c.outcome.${o}` as MessageKey)}</option>
            ))}
          </select>
          <label for={`note-${a.id}`}>{t('c.note')}</label>
          <textarea
            id={`note-${a.id}`}
            rows={2}
            required
            maxLength={2000}
            value={note}
            onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
          />
          <div class="alert-actions">
            <button type="submit" class="button primary" disabled={busy}>
              {t('c.confirm')}
            </button>
            <button type="button" class="button subtle" onClick={() => setClosing(false)}>
              {t('c.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

export function Inbox(props: { route: Route }) {
  const [teams, setTeams] = useState<TeamSummary[]>([]);
  const [team, setTeam] = useState('');
  const [level, setLevel] = useState('');
  const [state, setState] = useState('');
  const [alerts, setAlerts] = useState<ConsoleAlert[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [announce, setAnnounce] = useState('');
  const [notesToRead, setNotesToRead] = useState(0);

  const live = useLive((kind, event) => {
    if (kind === 'alert' && event?.state === 'open' && event.level) {
      setAnnounce(t('c.inbox.new', { level: t(`c.level.${event.level}` as MessageKey) }));
    }
    if (kind !== 'message') setTick((n) => n + 1);
  });

  useEffect(() => {
    consoleApi.teams().then(setTeams, () => setTeams([]));
  }, []);
  useEffect(() => {
    let gone = false;
    consoleApi
      .alerts({ team, level, state })
      .then((rows) => {
        if (!gone) {
          setAlerts(sortAlerts(rows));
          setError(null);
        }
      })
      .catch(() => !gone && setError(t('c.error')));
    return () => {
      gone = true;
    };
  }, [team, level, state, tick]);

  const reds = alerts?.filter((a) => a.level === 'red' && a.state === 'open').length ?? 0;
  return (
    <ConsoleShell route={props.route} title={t('c.inbox.title')} live={live}>
      <p class="visually-hidden" aria-live="assertive">
        {announce}
      </p>
      {reds > 0 && (
        <p class="red-banner" role="alert">
          <span aria-hidden="true">! </span>
          {reds} × {t('c.level.red')} — {t('c.state.open')}
        </p>
      )}
      {notesToRead > 0 && (
        <p class="notes-link">
          <a href="#notes-title">{t('c.notes.count', { n: notesToRead })}</a>
        </p>
      )}
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <TeamSelect teams={teams} value={team} onChange={setTeam} />
        <label>
          {t('c.filter.level')}
          <select value={level} onChange={(e) => setLevel((e.target as HTMLSelectElement).value)}>
            <option value="">{t('c.filter.all')}</option>
            <option value="red">{t('c.level.red')}</option>
            <option value="amber">{t('c.level.amber')}</option>
          </select>
        </label>
        <label>
          {t('c.filter.state')}
          <select value={state} onChange={(e) => setState((e.target as HTMLSelectElement).value)}>
            <option value="">{t('c.filter.active')}</option>
            <option value="open">{t('c.state.open')}</option>
            <option value="acknowledged">{t('c.state.acknowledged')}</option>
            <option value="resolved">{t('c.state.resolved')}</option>
          </select>
        </label>
      </form>
      <ErrorText text={error} />
      {alerts === null && !error && <p role="status">{t('c.loading')}</p>}
      {alerts !== null && alerts.length === 0 && <p>{t('c.inbox.empty')}</p>}
      {alerts !== null && alerts.length > 0 && (
        <ul class="plain alerts" aria-label={t('c.inbox')}>
          {alerts.map((a) => (
            <AlertRow key={a.id} alert={a} teams={teams} onChanged={() => setTick((n) => n + 1)} />
          ))}
        </ul>
      )}
      <NotesToRead
        teams={teams}
        team={team}
        tick={tick}
        onCount={setNotesToRead}
        onOpened={() => refreshInboxCount()}
      />
    </ConsoleShell>
  );
}
