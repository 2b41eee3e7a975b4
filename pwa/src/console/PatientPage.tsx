// One patient for the team: hand-over, care circle, timeline with each check-in's answers, thresholds,
// schedule, messages; and the printable pre-visit summary.

import { useEffect, useState } from 'preact/hooks';
import {
  consoleApi,
  type CheckinRow,
  type Handover,
  type PatientAlert,
  type PatientRecord,
  type ProxyRow,
  type ScheduleRow,
  type ThresholdRow,
} from '../api/console';
import { formatDate, formatDay, formatShortDate, type MessageKey, t } from '../i18n';
import type { Route } from '../lib/router';
import { rulesFor } from '../lib/checkin-plan';
import { ageInMonths } from '../lib/phone-triage';
import { itemTitle } from '../lib/schedule-status';
import { ageMatches } from '../lib/trend-chart';
import { useStore } from '../lib/store';
import { ErrorText } from '../ui';
import { CheckinDetails } from './CheckinDetails';
import { AlertTrace } from './AlertTrace';
import { sinceDischarge, vitalRanges } from './summary';
import { ChildPanel } from './ChildPanel';
import { PatientTrends } from './PatientTrends';
import { questionnaireTitle, vitalText } from './readable';
import { Reasons } from './Reasons';
import { HandoverCard } from './HandoverCard';
import { ScheduleCard } from './ScheduleCard';
import { ConsoleShell, Level } from './Shell';
import { Thread } from './Thread';
import { refreshInboxCount } from './inboxCount';
import { thresholdChoices, thresholdText, ThresholdForm } from './ThresholdForm';

interface Loaded {
  patient: PatientRecord;
  handover: Handover | null;
  proxies: ProxyRow[];
  checkins: CheckinRow[];
  alerts: PatientAlert[];
  thresholds: ThresholdRow[];
  schedule: ScheduleRow[];
}

async function load(id: string, days = 30): Promise<Loaded> {
  const [patient, handover, proxies, checkins, alerts, thresholds, schedule] = await Promise.all([
    consoleApi.patient(id),
    consoleApi.handover(id),
    consoleApi.proxies(id),
    consoleApi.checkins(id, days),
    consoleApi.patientAlerts(id),
    consoleApi.thresholds(id),
    consoleApi.schedule(id),
  ]);
  return { patient, handover, proxies, checkins, alerts, thresholds, schedule };
}

function usePatient(id: string, days = 30): [Loaded | null, string | null, () => void] {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    load(id, days).then(setData, () => setError(t('c.error')));
  }, [id, days, tick]);
  return [data, error, () => setTick((n) => n + 1)];
}

function yn(v: boolean): string {
  return v ? t('c.yes') : t('c.no');
}

function ThresholdEditor(props: { patient: PatientRecord; rows: ThresholdRow[]; onSaved: () => void }) {
  const bundle = useStore().bundle;
  // The limits that apply to this patient: their group's rules, at their age.
  const months = ageInMonths(props.patient.birth_date);
  const rules = bundle
    ? rulesFor(bundle, props.patient.is_child).filter((r) => ageMatches(r.applies_to.age_months, months))
    : [];
  const choices = thresholdChoices(bundle, rules);
  const [error, setError] = useState<string | null>(null);
  async function save(key: string, params: Record<string, number>, reason: string): Promise<boolean> {
    try {
      await consoleApi.setThreshold(props.patient.id, key, params, reason);
      setError(null);
      props.onSaved();
      return true;
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : t('c.error'));
      return false;
    }
  }
  return (
    <section class="card" aria-labelledby="th-title">
      <h2 id="th-title">{t('c.thresholds')}</h2>
      {props.rows.length === 0 && <p>{t('c.thresholds.none')}</p>}
      <ul class="plain">
        {props.rows.map((r) => (
          <li class={r.active ? '' : 'inactive'} data-threshold={r.key}>
            <strong>{thresholdText(choices, r.key, r.params)}</strong> — {r.reason}{' '}
            <span class="hint">
              {t('c.th.by', { who: r.set_by_name, when: formatDate(r.set_at, true) })}
              {!r.active && ` (${t('c.th.inactive')})`}
            </span>
          </li>
        ))}
      </ul>
      <ErrorText text={error} />
      <ThresholdForm
        prefix="th"
        choices={choices}
        onSave={save}
        onPreview={(key, params, reason) => consoleApi.previewThreshold(props.patient.id, key, params, reason)}
      />
    </section>
  );
}

export function PatientPage(props: { route: Route; id: string }) {
  const [data, error, reload] = usePatient(props.id);
  const name = data ? `${data.patient.given_name} ${data.patient.family_name}` : t('c.loading');
  type Entry = { at: string; kind: 'checkin'; row: CheckinRow } | { at: string; kind: 'alert'; row: PatientAlert };
  const timeline: Entry[] = data
    ? [
        ...data.checkins.map((row) => ({ at: row.taken_at, kind: 'checkin' as const, row })),
        ...data.alerts.map((row) => ({ at: row.opened_at, kind: 'alert' as const, row })),
      ].sort((a, b) => b.at.localeCompare(a.at))
    : [];
  return (
    <ConsoleShell route={props.route} title={name}>
      <p>
        <a href="/console/patients">← {t('c.patient.back')}</a> ·{' '}
        <a href={`/console/patients/${props.id}/summary`}>{t('c.summary')}</a> ·{' '}
        <a href={`/console/patients/${props.id}/invite`} data-action="invitations">
          {t('c.inv.link')}
        </a>
      </p>
      <ErrorText text={error} />
      {data && (
        <div class="patient-grid">
          <HandoverCard patientId={props.id} handover={data.handover} onSaved={reload} />
          <section class="card" aria-labelledby="circle-title">
            <h2 id="circle-title">{t('c.circle')}</h2>
            <p>
              {data.patient.phone} · {data.patient.gp_name || t('c.nogp')} {data.patient.gp_phone}
            </p>
            <h3>{t('c.teams')}</h3>
            <ul>
              {(data.patient.teams ?? []).map((tm) => (
                <li>
                  {tm.name} {tm.phone}
                </li>
              ))}
            </ul>
            <h3>{t('c.proxies')}</h3>
            <ul>
              {data.proxies.map((p) => (
                <li class={p.active ? '' : 'inactive'}>
                  {p.display_name} ({p.relationship}) —{' '}
                  {t('c.scope', { log: yn(p.can_log), res: yn(p.can_read_results), msg: yn(p.can_read_messages) })}
                </li>
              ))}
            </ul>
          </section>
          <PatientTrends patient={data.patient} checkins={data.checkins} reloadKey={data.thresholds} />
          <section class="card wide" aria-labelledby="tl-title">
            <h2 id="tl-title">{t('c.timeline')}</h2>
            <ol class="plain timeline">
              {timeline.map((e) =>
                e.kind === 'checkin' ? (
                  <li data-checkin={e.row.id}>
                    <CheckinDetails row={e.row} />
                  </li>
                ) : (
                  <li data-alert={e.row.id}>
                    {t('c.alert')} {formatDate(e.at, true)} <Level level={e.row.level} />{' '}
                    {t(`c.state.${e.row.state}` as MessageKey)}
                    <Reasons ids={e.row.reasons ?? []} why={e.row.why} version={e.row.content_version} />
                    <AlertTrace alert={e.row} />
                  </li>
                ),
              )}
            </ol>
          </section>
          <ThresholdEditor patient={data.patient} rows={data.thresholds} onSaved={reload} />
          <ScheduleCard patientId={props.id} planId={data.patient.plan_id} rows={data.schedule} onChanged={reload} />
          <ChildPanel patientId={props.id} birthDate={data.patient.birth_date} />
          <div class="card wide">
            <Thread patientId={props.id} side="team" onRead={refreshInboxCount} />
          </div>
        </div>
      )}
    </ConsoleShell>
  );
}

/** Missed items by plan item, oldest first: five missed daily check-ins are one line. */
function missedByItem(rows: ScheduleRow[]): [string, string[]][] {
  const out = new Map<string, string[]>();
  for (const row of [...rows].sort((a, b) => a.due_at.localeCompare(b.due_at))) {
    out.set(row.plan_item_id, [...(out.get(row.plan_item_id) ?? []), row.due_at]);
  }
  return [...out];
}

/** The one-page pre-visit summary, titled by the real time since discharge, made for printing:
 * each vital sign's last, lowest and highest value, the alerts with their reasons and outcomes,
 * the scores, and the missed items of the period. */
export function Summary(props: { route: Route; id: string }) {
  const [data, error] = usePatient(props.id, 400);
  const bundle = useStore().bundle;
  const discharge = data?.patient.discharge_date ?? null;
  const anchor = discharge ?? data?.patient.day1 ?? null;
  const since = discharge ? sinceDischarge(discharge) : null;
  const name = data ? `${data.patient.given_name} ${data.patient.family_name}` : t('c.loading');
  const title = since
    ? t('c.summary.titleSince', { since: t(`c.summary.${since.unit}` as MessageKey, { n: since.n }) })
    : t('c.summary');
  const counts = { red: 0, amber: 0, green: 0 };
  const scores: Record<string, { at: string; v: number }[]> = {};
  for (const c of data?.checkins ?? []) {
    counts[c.level] += 1;
    for (const [k, v] of Object.entries(c.scores)) (scores[k] ??= []).push({ at: c.taken_at, v });
  }
  const defs = bundle?.vitals?.vitals ?? [];
  const ranges = vitalRanges(
    data?.checkins ?? [],
    defs.map((d) => d.name),
  );
  const shown = (name: string, value: number): string => vitalText(bundle, name, value) ?? String(value);
  const missed = (data?.schedule ?? []).filter((s) => s.status === 'missed');
  return (
    <ConsoleShell route={props.route} title={`${name} — ${title}`}>
      <p class="no-print">
        <a href={`/console/patients/${props.id}`}>← {name}</a>{' '}
        <button type="button" class="button primary" onClick={() => window.print()}>
          {t('c.summary.print')}
        </button>
      </p>
      <ErrorText text={error} />
      {!data && !error && <p role="status">{t('c.loading')}</p>}
      {data && (
        <div class="summary">
          <p>
            {data.patient.birth_date && <>{t('c.summary.born', { date: formatDay(data.patient.birth_date) })} · </>}
            {data.patient.gp_name || t('c.nogp')} ·{' '}
            {anchor &&
              t('c.summary.period', { from: formatShortDate(anchor), to: formatShortDate(new Date().toISOString()) })}
          </p>
          <h2>{t('c.summary.levels')}</h2>
          <p>
            <Level level="red" /> {counts.red} · <Level level="amber" /> {counts.amber} · <Level level="green" />{' '}
            {counts.green}
          </p>
          <h2>{t('c.summary.vitals')}</h2>
          {ranges.length === 0 ? (
            <p>{t('c.summary.noVitals')}</p>
          ) : (
            <table class="summary-vitals">
              <thead>
                <tr>
                  <th scope="col">{t('c.summary.vital')}</th>
                  <th scope="col">{t('c.summary.last')}</th>
                  <th scope="col">{t('c.summary.low')}</th>
                  <th scope="col">{t('c.summary.high')}</th>
                </tr>
              </thead>
              <tbody>
                {ranges.map((r) => (
                  <tr data-vital={r.name}>
                    <th scope="row">{defs.find((d) => d.name === r.name)?.label ?? r.name}</th>
                    {[r.last, r.low, r.high].map((v) => (
                      <td>
                        {shown(r.name, v.value)} <span class="hint">({formatShortDate(v.at)})</span>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>{t('c.summary.scores')}</h2>
          {Object.keys(scores).length === 0 && <p>{t('c.summary.noScores')}</p>}
          <table>
            <tbody>
              {Object.entries(scores).map(([k, list]) => (
                <tr>
                  <th scope="row">{questionnaireTitle(bundle, k)}</th>
                  <td>
                    {[...list]
                      .reverse()
                      .map((s) => `${formatShortDate(s.at)}: ${s.v}`)
                      .join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('c.summary.alerts')}</h2>
          {data.alerts.length === 0 && <p>{t('c.summary.noAlerts')}</p>}
          <ul class="summary-alerts">
            {data.alerts.slice(0, 20).map((a) => (
              <li data-alert={a.id}>
                {formatShortDate(a.opened_at)} <Level level={a.level} /> {t(`c.state.${a.state}` as MessageKey)}
                <Reasons ids={a.reasons ?? []} why={a.why} version={a.content_version} />
                <AlertTrace alert={a} />
              </li>
            ))}
          </ul>
          <h2>{t('c.summary.missed')}</h2>
          {missed.length === 0 && <p>{t('c.summary.noMissed')}</p>}
          <ul>
            {missedByItem(missed).map(([planItemId, dates]) => (
              <li data-plan-item={planItemId}>
                {itemTitle(bundle, data.patient.plan_id, { plan_item_id: planItemId })} · {t('c.status.missed')} (
                {dates.map(formatShortDate).join(', ')})
              </li>
            ))}
          </ul>
          {data.handover?.summary && (
            <>
              <h2>{t('c.summary.handover')}</h2>
              <p class="pre">{data.handover.summary}</p>
            </>
          )}
        </div>
      )}
    </ConsoleShell>
  );
}
