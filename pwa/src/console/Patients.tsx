// The team's patients sorted by risk, with a count badge per team and a search by name.

import { useEffect, useState } from 'preact/hooks';
import { consoleApi, type ConsolePatient, type TeamConsole, type TeamSummary } from '../api/console';
import { formatShortDate, type MessageKey, t } from '../i18n';
import type { Route } from '../lib/router';
import { ErrorText } from '../ui';
import { useLive } from './live';
import { ConsoleShell, Level } from './Shell';

function dayText(p: ConsolePatient): string {
  if (p.day === null) return '—';
  return p.anchor === 'day1' ? t('c.day.day1', { n: p.day }) : t('c.day.discharge', { n: p.day });
}

export function Patients(props: { route: Route }) {
  const [teams, setTeams] = useState<TeamSummary[]>([]);
  const [consoles, setConsoles] = useState<Record<string, TeamConsole>>({});
  const [team, setTeam] = useState('');
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const live = useLive((kind) => kind === 'alert' && setTick((n) => n + 1));

  useEffect(() => {
    consoleApi.teams().then(
      (rows) => {
        setTeams(rows);
        setTeam((cur) => cur || rows[0]?.id || '');
      },
      () => setError(t('c.error')),
    );
  }, []);
  useEffect(() => {
    if (!teams.length) return;
    Promise.all(teams.map((tm) => consoleApi.console(tm.id))).then(
      (all) => setConsoles(Object.fromEntries(all.map((c) => [c.team_id, c]))),
      () => setError(t('c.error')),
    );
  }, [teams, tick]);

  const current = consoles[team];
  const q = query.trim().toLowerCase();
  const rows = (current?.patients ?? []).filter(
    (p) => !q || `${p.given_name} ${p.family_name}`.toLowerCase().includes(q),
  );
  return (
    <ConsoleShell route={props.route} title={t('c.patients.title')} live={live}>
      <p>
        <a class="button primary enrol-link" href="/console/patients/new" data-action="enrol">
          {t('c.en.add')}
        </a>
      </p>
      <div class="team-tabs" role="group" aria-label={t('c.filter.team')}>
        {teams.map((tm) => {
          const c = consoles[tm.id];
          return (
            <button
              type="button"
              class={tm.id === team ? 'chip chip-on' : 'chip'}
              aria-pressed={tm.id === team}
              onClick={() => setTeam(tm.id)}
            >
              {tm.name}{' '}
              {c && (
                <span
                  class={c.red ? 'count count-red' : 'count'}
                  aria-label={t('c.count', { n: c.count, a: c.with_open_alerts })}
                >
                  {c.with_open_alerts}/{c.count}
                </span>
              )}
            </button>
          );
        })}
      </div>
      <div class="search">
        <label for="patient-search">{t('c.search')}</label>
        <input
          id="patient-search"
          type="search"
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
      </div>
      <ErrorText text={error} />
      {!current && !error && <p role="status">{t('c.loading')}</p>}
      {current && (
        <table class="patients">
          <caption>{t('c.count', { n: current.count, a: current.with_open_alerts })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('c.col.patient')}</th>
              <th scope="col">{t('c.col.alerts')}</th>
              <th scope="col">{t('c.col.last')}</th>
              <th scope="col">{t('c.col.missed')}</th>
              <th scope="col">{t('c.col.day')}</th>
              <th scope="col">{t('c.col.flags')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr
                class={p.open_red ? 'row-red' : p.in_critical_window ? 'row-critical' : undefined}
                data-patient={p.id}
              >
                <th scope="row">
                  <a href={`/console/patients/${p.id}`}>
                    {p.family_name.toUpperCase()} {p.given_name}
                  </a>
                </th>
                <td>
                  {p.open_red > 0 && <Level level="red" />} {p.open_alerts - p.open_red > 0 && <Level level="amber" />}
                  {p.open_alerts === 0 ? t('c.none') : ` ${p.open_alerts}`}
                </td>
                <td>
                  {p.last_level ? <Level level={p.last_level} /> : '—'}
                  {p.last_checkin_at && <span class="hint"> {formatShortDate(p.last_checkin_at)}</span>}
                  {p.trend && <span class="hint"> · {t(`c.trend.${p.trend}` as MessageKey)}</span>}
                </td>
                <td>{p.overdue_items || '—'}</td>
                <td>{dayText(p)}</td>
                <td>
                  {p.in_critical_window && <span class="tag tag-critical">⚠ {t('c.critical')}</span>}
                  {p.no_gp && <span class="tag">{t('c.nogp')}</span>}
                  {p.is_child && <span class="tag">{t('c.child')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleShell>
  );
}
