// The messages inbox: every thread of my teams' patients, newest activity first, with what I have
// not read (my own count: a colleague's reading does not lower it), and the patients' notes to read
// in a second tab. Filters by team and by name are kept in memory while the console is open (never
// in the address, never stored), so coming back from a patient finds them as they were.

import { useEffect, useRef, useState } from 'preact/hooks';
import { consoleApi, type InboxPage, type TeamSummary, type ThreadSummary } from '../api/console';
import { formatDate, lang, t } from '../i18n';
import type { Route } from '../lib/router';
import { ErrorText } from '../ui';
import { refreshInboxCount, useInboxCount } from './inboxCount';
import { useLive } from './live';
import { NotesToRead } from './Notes';
import { ConsoleShell, TeamSelect } from './Shell';
import { Thread } from './Thread';

type Tab = 'threads' | 'notes';

/** The filters, as left: kept for the life of the page (the console's chunk), not stored. */
const kept: { team: string; q: string; tab: Tab } = { team: '', q: '', tab: 'threads' };

const PAGE = 30;
const here = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** When the last message came, in the patient's time zone (named when it is not the reader's). */
export function atTheirTime(iso: string, zone: string): string {
  if (!zone || zone === here) return formatDate(iso, true);
  try {
    const when = new Intl.DateTimeFormat(lang() === 'fr' ? 'fr-FR' : 'en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: zone,
    }).format(new Date(iso));
    return `${when} (${zone})`;
  } catch {
    return formatDate(iso, true);
  }
}

function ThreadRow(props: { thread: ThreadSummary; onRead: (patient: string) => void }) {
  const th = props.thread;
  const [open, setOpen] = useState(false);
  const who = th.last_mine
    ? t('c.msg.byMe')
    : th.last_side === 'team'
      ? t('c.msg.byTeam', { who: th.last_author_name })
      : t('c.msg.byPatientSide', { who: th.last_author_name || th.patient_name });
  const titleId = `th-${th.patient_id}`;
  return (
    <li
      class={`alert-row thread-row${th.unread > 0 ? ' thread-unread' : ''}`}
      data-patient={th.patient_id}
      data-unread={th.unread}
      aria-labelledby={titleId}
    >
      <div class="alert-head">
        <a id={titleId} class="alert-name" href={`/console/patients/${th.patient_id}`}>
          {th.patient_name}
        </a>
        {th.unread > 0 && <span class="count count-red">{t('c.msg.unread', { n: th.unread })}</span>}
        {th.teams && <span class="hint">{th.teams}</span>}
      </div>
      <p class="alert-meta">
        {atTheirTime(th.last_at, th.timezone)} · {who}
      </p>
      <p class="excerpt" lang="">
        {th.excerpt}
      </p>
      <div class="alert-actions">
        <button
          type="button"
          class={th.unread > 0 ? 'button primary' : 'button subtle'}
          aria-expanded={open}
          aria-controls={open ? `thread-of-${th.patient_id}` : undefined}
          data-action="open-thread"
          onClick={() => {
            const next = !open;
            setOpen(next);
            if (next) props.onRead(th.patient_id);
          }}
        >
          {open ? t('c.msg.close') : t('c.msg.open')}
        </button>
      </div>
      {open && (
        <div id={`thread-of-${th.patient_id}`} class="inline-thread">
          <Thread patientId={th.patient_id} side="team" onRead={() => refreshInboxCount()} />
        </div>
      )}
    </li>
  );
}

function Threads(props: { team: string; q: string; tick: number }) {
  const [page, setPage] = useState<InboxPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState(false);

  useEffect(() => {
    let gone = false;
    consoleApi
      .inbox({ team: props.team || null, q: props.q, limit: PAGE })
      .then((got) => {
        if (gone) return;
        setPage(got);
        setError(null);
      })
      .catch(() => !gone && setError(t('c.error')));
    return () => {
      gone = true;
    };
  }, [props.team, props.q, props.tick]);

  async function loadMore(): Promise<void> {
    if (!page?.next_at || !page.next_id) return;
    setMore(true);
    try {
      const next = await consoleApi.inbox({
        team: props.team || null,
        q: props.q,
        limit: PAGE,
        after_at: page.next_at,
        after_id: page.next_id,
      });
      setPage({ ...next, threads: [...page.threads, ...next.threads] });
    } catch {
      setError(t('c.error'));
    } finally {
      setMore(false);
    }
  }

  function read(patient: string): void {
    // Opened: read now for me (Thread marks it), whatever the list said when it loaded.
    setPage((p) => p && { ...p, threads: p.threads.map((x) => (x.patient_id === patient ? { ...x, unread: 0 } : x)) });
  }

  const filtered = Boolean(props.team || props.q.trim());
  return (
    <>
      <ErrorText text={error} />
      {page === null && !error && <p role="status">{t('c.loading')}</p>}
      {page !== null && page.threads.length === 0 && (
        <p role="status">{filtered ? t('c.msg.noneFiltered') : t('c.msg.none')}</p>
      )}
      {page !== null && page.threads.length > 0 && (
        <ul class="plain alerts threads" aria-label={t('c.msg.list')}>
          {page.threads.map((th) => (
            <ThreadRow key={th.patient_id} thread={th} onRead={read} />
          ))}
        </ul>
      )}
      {page?.next_at && (
        <button type="button" class="button subtle" disabled={more} onClick={() => void loadMore()}>
          {t('c.msg.more')}
        </button>
      )}
    </>
  );
}

export function Messages(props: { route: Route }) {
  const [teams, setTeams] = useState<TeamSummary[]>([]);
  const [team, setTeam] = useState(kept.team);
  const [typed, setTyped] = useState(kept.q);
  const [q, setQ] = useState(kept.q);
  const [tab, setTab] = useState<Tab>(kept.tab);
  const [tick, setTick] = useState(0);
  const notes = useInboxCount(true).notes;
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const live = useLive((kind) => {
    if (kind === 'message') setTick((n) => n + 1);
  });
  useEffect(() => {
    consoleApi.teams().then(setTeams, () => setTeams([]));
    return () => clearTimeout(typing.current);
  }, []);
  useEffect(() => {
    kept.team = team;
    kept.q = q;
    kept.tab = tab;
  }, [team, q, tab]);

  function search(value: string): void {
    setTyped(value);
    clearTimeout(typing.current);
    // One request when the typing pauses, not one per letter.
    typing.current = setTimeout(() => setQ(value), 250);
  }

  const tabs: { id: Tab; label: string }[] = [
    { id: 'threads', label: t('c.msg.tab.threads') },
    { id: 'notes', label: notes > 0 ? `${t('c.notes.title')} (${notes})` : t('c.notes.title') },
  ];
  return (
    <ConsoleShell route={props.route} title={t('c.msg.title')} live={live}>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <TeamSelect teams={teams} value={team} onChange={setTeam} />
        <label>
          {t('c.msg.search')}
          <input
            type="search"
            value={typed}
            maxLength={100}
            autoComplete="off"
            spellcheck={false}
            onInput={(e) => search((e.target as HTMLInputElement).value)}
          />
        </label>
      </form>
      <div class="inbox-tabs" role="tablist" aria-label={t('c.msg.title')}>
        {tabs.map((x) => (
          <button
            type="button"
            role="tab"
            id={`tab-${x.id}`}
            class="button subtle"
            aria-selected={tab === x.id}
            aria-controls={`panel-${x.id}`}
            tabIndex={tab === x.id ? 0 : -1}
            onClick={() => setTab(x.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                const next: Tab = tab === 'threads' ? 'notes' : 'threads';
                setTab(next);
                document.getElementById(`tab-${next}`)?.focus();
              }
            }}
          >
            {x.label}
          </button>
        ))}
      </div>
      <div id="panel-threads" role="tabpanel" aria-labelledby="tab-threads" hidden={tab !== 'threads'}>
        <Threads team={team} q={q} tick={tick} />
      </div>
      <div id="panel-notes" role="tabpanel" aria-labelledby="tab-notes" hidden={tab !== 'notes'}>
        {/* Loaded when shown: listing the notes is a read of each patient's record. */}
        {tab === 'notes' && (
          <NotesToRead teams={teams} team={team} query={q} tick={tick} onOpened={() => refreshInboxCount()} />
        )}
      </div>
    </ConsoleShell>
  );
}
