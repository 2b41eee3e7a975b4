// The team's patients sorted by risk, a page at a time, with a count badge per team and a search by
// name (sent in a request body, never in a URL).

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

// Rows asked for at a time; "Show more" asks for as many again.
export const PAGE = 100;
// The most rows one request may ask for (the server's limit).
const MAX_LIMIT = 500;

// The first `want` rows of the team (or of the search), in requests of at most MAX_LIMIT rows.
async function firstRows(team: string, query: string, want: number): Promise<TeamConsole> {
  const page = (limit: number, offset: number) =>
    query ? consoleApi.searchConsole(team, query, limit, offset) : consoleApi.console(team, limit, offset);
  const first = await page(Math.min(want, MAX_LIMIT), 0);
  const patients = [...first.patients];
  while (patients.length < Math.min(want, first.matched)) {
    const next = await page(Math.min(want - patients.length, MAX_LIMIT), patients.length);
    if (!next.patients.length) break;
    patients.push(...next.patients);
  }
  return { ...first, patients };
}

export function Patients(props: { route: Route }) {
  const [teams, setTeams] = useState<TeamSummary[]>([]);
  const [counts, setCounts] = useState<Record<string, TeamConsole>>({});
  const [team, setTeam] = useState('');
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState<TeamConsole | null>(null);
  const [want, setWant] = useState(PAGE);
  const [more, setMore] = useState(false);
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
  // The other teams' badges: their counts only, no patient read.
  useEffect(() => {
    if (!teams.length) return;
    Promise.all(teams.filter((tm) => tm.id !== team).map((tm) => consoleApi.console(tm.id, 0))).then(
      (all) => setCounts((cur) => ({ ...cur, ...Object.fromEntries(all.map((c) => [c.team_id, c])) })),
      () => setError(t('c.error')),
    );
  }, [teams, team, tick]);
  // The current team's rows: the first pages, or those matching the search (typed, then sent).
  useEffect(() => {
    if (!team) return;
    let stale = false;
    const q = query.trim();
    const load = () => {
      void firstRows(team, q, want).then(
        (c) => {
          if (stale) return;
          setError(null);
          setCurrent(c);
          setMore(false);
          setCounts((cur) => ({ ...cur, [c.team_id]: c }));
        },
        () => {
          if (stale) return;
          setError(t('c.error'));
          setMore(false);
        },
      );
    };
    const timer = setTimeout(load, q ? 250 : 0);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [team, query, want, tick]);

  const rows = current?.team_id === team ? current.patients : [];
  const shown = current?.team_id === team ? current : null;
  return (
    <ConsoleShell route={props.route} title={t('c.patients.title')} live={live}>
      <p>
        <a class="button primary enrol-link" href="/console/patients/new" data-action="enrol">
          {t('c.en.add')}
        </a>
      </p>
      <div class="team-tabs" role="group" aria-label={t('c.filter.team')}>
        {teams.map((tm) => {
          const c = counts[tm.id];
          return (
            <button
              type="button"
              class={tm.id === team ? 'chip chip-on' : 'chip'}
              aria-pressed={tm.id === team}
              onClick={() => {
                setTeam(tm.id);
                setWant(PAGE);
              }}
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
          onInput={(e) => {
            setQuery((e.target as HTMLInputElement).value);
            setWant(PAGE);
          }}
        />
      </div>
      <ErrorText text={error} />
      {!shown && !error && <p role="status">{t('c.loading')}</p>}
      {shown && query.trim() && (
        <p role="status" class="hint" data-matched={shown.matched}>
          {shown.matched ? t('c.found', { n: shown.matched }) : t('c.found.none', { q: query.trim() })}
        </p>
      )}
      {shown && (rows.length > 0 || !query.trim()) && (
        <table class="patients">
          <caption>
            {t('c.count', { n: shown.count, a: shown.with_open_alerts })}
            {shown.matched > rows.length && ` · ${t('c.shown', { n: rows.length, m: shown.matched })}`}
          </caption>
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
      {shown && shown.matched > rows.length && (
        <p>
          <button
            type="button"
            class="button"
            data-action="more"
            disabled={more}
            onClick={() => {
              setMore(true);
              setWant((n) => n + PAGE);
            }}
          >
            {more ? t('c.loading') : t('c.more', { n: Math.min(PAGE, shown.matched - rows.length) })}
          </button>
        </p>
      )}
    </ConsoleShell>
  );
}
