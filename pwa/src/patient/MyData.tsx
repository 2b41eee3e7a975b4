// My data: download the record (PDF summary, FHIR, CSV), see who opened it, sharing with care
// teams, how long data is kept here, and closing the account. Times are shown in the followed
// person's time zone.

import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ensureRecentAuth } from '../api/client';
import { t, type MessageKey } from '../i18n';
import { dataPolicy, type DataPolicy } from '../lib/consent';
import type { Route } from '../lib/router';
import { currentPerson, useStore } from '../lib/store';
import type { Lang } from '../lib/types';
import { PersonSwitcher, Shell } from '../ui';

export interface AccessEntry {
  at: string;
  who: string;
  role: string;
  teams: string[];
  action: string;
}

export interface AccessLog {
  items: AccessEntry[];
  page: number;
  per_page: number;
  total: number;
}

const PER_PAGE = 50;

const EXPORTS: { kind: 'pdf' | 'fhir' | 'csv'; label: MessageKey }[] = [
  { kind: 'pdf', label: 'data.pdf' },
  { kind: 'fhir', label: 'data.fhir' },
  { kind: 'csv', label: 'data.csv' },
];

const ROLES: Record<string, MessageKey> = {
  patient: 'role.patient',
  proxy: 'role.proxy',
  clinician: 'role.clinician',
  admin: 'role.admin',
};

/** A whole record leaves the service: the password is asked first when it was typed more than
 * a few minutes ago, then the download goes on. */
function confirmFirst(event: MouseEvent): void {
  const link = event.currentTarget as HTMLAnchorElement;
  if (link.dataset.confirmed === '1') {
    delete link.dataset.confirmed;
    return;
  }
  event.preventDefault();
  ensureRecentAuth().then(
    (ok) => {
      if (!ok) return;
      link.dataset.confirmed = '1';
      link.click();
    },
    () => undefined, // offline: the screen already says downloads need the network
  );
}

function base(patientId: string): string {
  return `/api/patients/${encodeURIComponent(patientId)}`;
}

/** A moment in the given IANA zone (the browser's own zone when it is unknown). */
export function formatInZone(iso: string, zone: string | undefined, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  };
  const locale = lang === 'en' ? 'en-GB' : 'fr-FR';
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: zone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(date);
  }
}

function useZone(): string | undefined {
  const s = useStore();
  return currentPerson(s)?.timezone || s.user?.timezone || undefined;
}

export function MyData(props: { route: Route }) {
  const s = useStore();
  const person = currentPerson(s);
  const title =
    !person || person.relation === 'self' ? t('data.title') : t('data.titleFor', { name: person.given_name });
  const [policy, setPolicy] = useState<DataPolicy | null>(null);
  useEffect(() => {
    dataPolicy()
      .then(setPolicy)
      .catch(() => undefined);
  }, []);
  return (
    <Shell route={props.route} title={title}>
      <PersonSwitcher />
      {person && (
        <section class="card" aria-labelledby="download-title">
          <h2 id="download-title">{t('data.downloadTitle')}</h2>
          {!person.can_read_results ? (
            <p>{t('data.noResults')}</p>
          ) : (
            <>
              <p>{t('data.downloadIntro')}</p>
              {!s.online && <p class="hint">{t('data.offline')}</p>}
              <ul class="plain">
                {EXPORTS.map((e) => (
                  <li>
                    <a
                      class="button"
                      href={`${base(person.patient_id)}/export/${e.kind}`}
                      download
                      data-export={e.kind}
                      onClick={confirmFirst}
                    >
                      {t(e.label)}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {person?.can_read_results && (
        <section class="card" aria-labelledby="access-title">
          <h2 id="access-title">{t('data.accessTitle')}</h2>
          <p>{t('data.accessIntro')}</p>
          <a class="button" href="/my-data/access">
            {t('data.accessLink')}
          </a>
        </section>
      )}
      {person && (
        <section class="card" aria-labelledby="sharing-title">
          <h2 id="sharing-title">{t('data.sharingTitle')}</h2>
          <p>{t('data.sharingIntro')}</p>
          <a class="button" href="/my-data/sharing" data-action="sharing">
            {t('data.sharingLink')}
          </a>
        </section>
      )}
      {policy && (
        <section class="card" aria-labelledby="keep-title">
          <h2 id="keep-title">{t('data.keepTitle')}</h2>
          <ul>
            <li>{t('data.keepHealth', { days: policy.retention_health_days })}</li>
            <li>{t('data.keepAudit', { days: policy.retention_audit_days })}</li>
            <li>{t('data.keepTechnical', { days: policy.retention_technical_days })}</li>
          </ul>
          {policy.controller && <p>{t('data.controller', { name: policy.controller })}</p>}
          {policy.dpo && <p>{t('data.dpo', { dpo: policy.dpo })}</p>}
        </section>
      )}
      <section class="card" aria-labelledby="close-title">
        <h2 id="close-title">{t('data.closeTitle')}</h2>
        <p>{t('data.closeIntro')}</p>
        <a class="button danger" href="/my-data/close" data-action="close-account">
          {t('data.closeLink')}
        </a>
      </section>
    </Shell>
  );
}

export function AccessHistory(props: { route: Route }) {
  const s = useStore();
  const person = currentPerson(s);
  const zone = useZone();
  const [log, setLog] = useState<AccessLog | null>(null);
  const [error, setError] = useState(false);
  const [busy, setBusy] = useState(false);
  const patientId = person?.patient_id ?? null;

  const load = useCallback(
    async (page: number, previous: AccessEntry[]): Promise<void> => {
      if (!patientId) return;
      setBusy(true);
      setError(false);
      try {
        const next = await api<AccessLog>('GET', `${base(patientId)}/access-log?page=${page}&per_page=${PER_PAGE}`);
        setLog({ ...next, items: [...previous, ...next.items] });
      } catch {
        setError(true);
      } finally {
        setBusy(false);
      }
    },
    [patientId],
  );

  useEffect(() => {
    setLog(null);
    void load(1, []);
  }, [load]);

  return (
    <Shell route={props.route} title={t('data.accessTitle')}>
      <PersonSwitcher />
      <p>{t('data.accessIntro')}</p>
      {zone && <p class="hint">{t('data.timezone', { zone })}</p>}
      {error && (
        <p class="error" role="alert">
          {t('data.error')}
        </p>
      )}
      {!log && !error && (
        <p role="status" class="loading">
          {t('status.loading')}
        </p>
      )}
      {log && log.items.length === 0 && <p class="access-empty">{t('data.accessEmpty')}</p>}
      {log && log.items.length > 0 && (
        <>
          <p>{t('data.accessCount', { n: log.total })}</p>
          <ul class="plain access-log">
            {log.items.map((entry) => (
              <li class="card access-entry">
                <p>
                  <strong class="access-who">{entry.who}</strong>
                  {' · '}
                  <span class="access-role">{ROLES[entry.role] ? t(ROLES[entry.role] as MessageKey) : entry.role}</span>
                  {entry.teams.length > 0 && (
                    <>
                      {' · '}
                      <span class="access-team">{entry.teams.join(', ')}</span>
                    </>
                  )}
                </p>
                <p class="hint">
                  <time dateTime={entry.at}>{formatInZone(entry.at, zone, s.lang)}</time>
                  {' · '}
                  {entry.action.startsWith('export.') ? t('data.accessExport') : t('data.accessRead')}
                </p>
              </li>
            ))}
          </ul>
          {log.items.length < log.total && (
            <button type="button" class="button" disabled={busy} onClick={() => void load(log.page + 1, log.items)}>
              {t('data.accessMore')}
            </button>
          )}
        </>
      )}
      <a class="button" href="/my-data">
        {t('data.back')}
      </a>
    </Shell>
  );
}
