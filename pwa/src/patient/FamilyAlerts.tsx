// Family members told of alerts (backend relais.care.followers). A family member asks in Settings
// to be told when an amber or red alert opens for the person, and when the team has seen it; the
// patient agrees, or stops it, in Sharing, where they see who is told. For a child, a parent is
// told on asking, and agrees (in the child's Sharing) for any other family member. The notifications themselves say nothing of whom or why.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { t, type MessageKey } from '../i18n';
import { errorMessage } from '../lib/errors';
import type { PushStatus } from '../lib/push';
import { refreshCircle, useStore } from '../lib/store';
import type { Person } from '../lib/types';
import { ErrorText } from '../ui';

type ProxyRow = components['schemas']['ProxyOut'];
const P = (id: string): string => `/api/patients/${encodeURIComponent(id)}`;

/** Settings, for a family member: for each person whose results they read, ask, wait, or stop. */
export function FollowCard(props: { push: PushStatus | null }) {
  const s = useStore();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const push = props.push;
  const people = s.circle.filter((p) => p.relation === 'proxy' && p.can_read_results);
  if (!people.length) return null;

  async function choose(person: Person, want: boolean): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await api('POST', `${P(person.patient_id)}/alert-followers/me`, { want });
      await refreshCircle();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="card" aria-labelledby="follow-title">
      <h2 id="follow-title">{t('follow.title')}</h2>
      <p>{t('follow.intro')}</p>
      <p class="hint">{t('follow.neutral')}</p>
      {people.some((p) => p.alerts === 'on') && push !== 'on' && <p class="hint">{t('follow.needPush')}</p>}
      <ul class="plain">
        {people.map((person) => {
          const state = person.alerts ?? '';
          const name = person.given_name;
          return (
            <li key={person.patient_id} class="follower" data-follow={state || 'off'}>
              <p>
                <strong>{name}</strong> ·{' '}
                {state === 'on'
                  ? t('follow.on')
                  : state === 'requested'
                    ? t(person.is_child ? 'follow.waitingParent' : 'follow.waiting', { name })
                    : t('follow.off')}
              </p>
              {state === '' ? (
                <button
                  type="button"
                  class="button primary"
                  disabled={busy}
                  data-action="ask-follow"
                  onClick={() => void choose(person, true)}
                >
                  {t('follow.ask', { name })}
                </button>
              ) : (
                <button
                  type="button"
                  class="button"
                  disabled={busy}
                  data-action="stop-follow"
                  onClick={() => void choose(person, false)}
                >
                  {t(state === 'on' ? 'follow.stop' : 'follow.cancel', { name })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <ErrorText text={error} />
    </section>
  );
}

/** Sharing, for the adult patient, or a child's parent (`child`: the child's first name): who is
 * told of alerts, who asks, and a way to agree or stop. */
export function FollowersCard(props: { patientId: string; child?: string }) {
  const s = useStore();
  const child = props.child;
  const [rows, setRows] = useState<ProxyRow[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState('');
  useEffect(() => {
    api<ProxyRow[]>('GET', `${P(props.patientId)}/proxies`)
      .then(setRows)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [props.patientId]);
  // A parent decides for the other relatives, never about themselves.
  const family = (rows ?? []).filter((r) => r.active && r.can_read_results && (!child || r.user_id !== s.user?.id));
  const text = (mine: MessageKey, theirs: MessageKey, vars: Record<string, string> = {}): string =>
    child ? t(theirs, { ...vars, child }) : t(mine, vars);

  async function decide(row: ProxyRow, allow: boolean): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const changed = await api<ProxyRow>('POST', `${P(props.patientId)}/proxies/${row.id}/alerts`, { allow });
      setRows((rows ?? []).map((r) => (r.id === changed.id ? changed : r)));
      setDone(
        allow
          ? text('followers.agreed', 'followers.childAgreed', { name: row.display_name })
          : t('followers.stopped', { name: row.display_name }),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  async function sharePrivate(row: ProxyRow, allow: boolean): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const changed = await api<ProxyRow>('POST', `${P(props.patientId)}/proxies/${row.id}/private`, { allow });
      setRows((rows ?? []).map((r) => (r.id === changed.id ? changed : r)));
      setDone(t(allow ? 'private.shared' : 'private.kept', { name: row.display_name }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="card" aria-labelledby="followers-title">
      <h2 id="followers-title">{text('followers.title', 'followers.childTitle')}</h2>
      <p>{text('followers.intro', 'followers.childIntro')}</p>
      {!rows && !error && <p role="status">{t('status.loading')}</p>}
      {rows && family.length === 0 && <p>{text('followers.none', 'followers.childNone')}</p>}
      <ul class="plain">
        {family.map((row) => (
          <li key={row.id} class="follower" data-follower={row.alerts || 'off'}>
            <p>
              <strong>{row.display_name}</strong> ·{' '}
              {t(
                row.alerts === 'on' ? 'followers.on' : row.alerts === 'requested' ? 'followers.asks' : 'followers.off',
              )}
            </p>
            {row.alerts === 'requested' && (
              <div class="row">
                <button
                  type="button"
                  class="button primary"
                  disabled={busy}
                  data-action="agree-follow"
                  onClick={() => void decide(row, true)}
                >
                  {t('followers.agree', { name: row.display_name })}
                </button>
                <button type="button" class="button" disabled={busy} onClick={() => void decide(row, false)}>
                  {t('followers.refuse')}
                </button>
              </div>
            )}
            {row.alerts === 'on' && (
              <button
                type="button"
                class="button danger"
                disabled={busy}
                data-action="stop-followers"
                onClick={() => void decide(row, false)}
              >
                {t('followers.stop', { name: row.display_name })}
              </button>
            )}
            {!child && (
              <label class="check">
                <input
                  type="checkbox"
                  data-action="share-private"
                  checked={Boolean(row.can_read_private)}
                  disabled={busy}
                  onChange={(e) => void sharePrivate(row, (e.target as HTMLInputElement).checked)}
                />{' '}
                {t('private.label', { name: row.display_name })}
              </label>
            )}
          </li>
        ))}
      </ul>
      <p role="status" class="status status-sent">
        {done}
      </p>
      <ErrorText text={error} />
    </section>
  );
}
