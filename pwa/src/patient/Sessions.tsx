// Where I am signed in: each browser with its last activity, "this device" marked, and a way to
// sign out of one or of all the others (a lost phone, a shared computer).

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { formatDate, t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { ErrorText } from '../ui';

type SessionRow = components['schemas']['SessionOut'];

/** A short, readable name for a browser from what it says of itself ("Chrome, Android"). */
export function deviceName(userAgent: string): string {
  const ua = userAgent;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : '';
  const system = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  const name = [browser, system].filter(Boolean).join(', ');
  return name || t('sessions.unknownDevice');
}

export function Sessions() {
  const [rows, setRows] = useState<SessionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(): Promise<void> {
    try {
      const out = await api<{ sessions: SessionRow[] }>('GET', '/api/auth/sessions');
      setRows(out.sessions);
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  useEffect(() => {
    void load();
  }, []);

  async function end(path: string, message: string): Promise<void> {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await api('POST', path);
      // The list first, then the announcement: what is said is what is shown.
      await load();
      setDone(message);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const others = (rows ?? []).filter((r) => !r.current);
  return (
    <section class="card" aria-labelledby="sessions-title" data-testid="sessions">
      <h2 id="sessions-title">{t('sessions.title')}</h2>
      <p class="hint">{t('sessions.intro')}</p>
      {rows === null && !error && (
        <p role="status" class="loading">
          {t('status.loading')}
        </p>
      )}
      {rows && (
        <ul class="sessions">
          {rows.map((row) => (
            <li key={row.id} data-current={row.current ? 'true' : undefined}>
              <p>
                <strong>{deviceName(row.user_agent)}</strong>
                {row.current && <span class="badge">{t('sessions.thisDevice')}</span>}
              </p>
              <p class="hint">
                {t('sessions.lastSeen', { when: formatDate(row.last_seen_at, true) })}
                {' · '}
                {t('sessions.since', { when: formatDate(row.created_at, true) })}
              </p>
              {!row.current && (
                <button
                  type="button"
                  class="button secondary"
                  disabled={busy}
                  aria-label={t('sessions.endOne', { device: deviceName(row.user_agent) })}
                  onClick={() => void end(`/api/auth/sessions/${row.id}/end`, t('sessions.ended'))}
                >
                  {t('sessions.end')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {rows && others.length === 0 && <p data-state="only-here">{t('sessions.onlyHere')}</p>}
      {others.length > 1 && (
        <button
          type="button"
          class="button"
          disabled={busy}
          onClick={() => void end('/api/auth/sessions/end-others', t('sessions.endedOthers'))}
        >
          {t('sessions.endOthers')}
        </button>
      )}
      {done && (
        <p role="status" data-state="done">
          {done}
        </p>
      )}
      <ErrorText id="sessions-error" text={error} />
    </section>
  );
}
