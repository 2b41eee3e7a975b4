// The notes patients and families wrote at the end of a check-in: "to read" (with their own count,
// apart from the alerts) until a clinician opens them; opening one marks it read for everyone, and
// the person sees that the team read it.

import { useEffect, useState } from 'preact/hooks';
import { consoleApi, type NoteSummary, type OpenedNote, type TeamSummary } from '../api/console';
import { formatDate, t } from '../i18n';
import { ErrorText } from '../ui';
import { Level } from './Shell';

function NoteRow(props: { note: NoteSummary; onOpened: (id: string) => void }) {
  const n = props.note;
  const [opened, setOpened] = useState<OpenedNote | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function open(): Promise<void> {
    if (opened) {
      setOpened(null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const found = await consoleApi.openNote(n.patient_id, n.checkin_id);
      setOpened(found);
      props.onOpened(n.checkin_id);
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : t('c.error'));
    } finally {
      setBusy(false);
    }
  }

  const readAt = opened?.read_at ?? n.read_at;
  const readBy = opened?.read_by_name ?? n.read_by_name;
  return (
    <li class="note-row" data-checkin={n.checkin_id} data-read={readAt ? 'yes' : 'no'}>
      <div class="alert-head">
        <Level level={n.level} />
        <a class="alert-name" href={`/console/patients/${n.patient_id}`}>
          {n.patient_name}
        </a>
        {!readAt && <span class="state state-open">{t('c.notes.toRead')}</span>}
      </div>
      <p class="alert-meta">
        {t('c.notes.written', { when: formatDate(n.taken_at, true) })}
        {readAt ? ` · ${t('c.notes.readBy', { who: readBy, when: formatDate(readAt, true) })}` : ''}
      </p>
      {opened && (
        <blockquote class="note-text" lang="">
          {opened.note}
        </blockquote>
      )}
      <ErrorText text={error} />
      <button type="button" class="button" disabled={busy} aria-expanded={opened !== null} onClick={() => void open()}>
        {opened ? t('c.notes.hide') : n.read_at ? t('c.notes.show') : t('c.notes.open')}
      </button>
    </li>
  );
}

/** The inbox's section of notes, for the chosen team or every team of mine. */
export function NotesToRead(props: {
  teams: TeamSummary[];
  team: string;
  tick: number;
  onCount?: (n: number) => void;
  /** Part of a patient's name: only their notes (the messages inbox's search). */
  query?: string;
  /** A note was opened (marked read for everyone). */
  onOpened?: () => void;
}) {
  const [notes, setNotes] = useState<NoteSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Notes opened on this screen: read now, though listed where they were until the next load. */
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const ids = props.team ? [props.team] : props.teams.map((t) => t.id);
  const key = ids.join(',');

  useEffect(() => {
    if (ids.length === 0) return;
    let gone = false;
    Promise.all(ids.map((id) => consoleApi.notes(id)))
      .then((all) => {
        if (gone) return;
        const seen = new Set<string>();
        const items = all
          .flatMap((a) => a.items)
          .filter((n) => !seen.has(n.checkin_id) && Boolean(seen.add(n.checkin_id)));
        setNotes(items);
        setError(null);
      })
      .catch(() => !gone && setError(t('c.error')));
    return () => {
      gone = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the ids' value (key), not on the array made anew at each render
  }, [key, props.tick]);

  const words = (props.query ?? '').trim().toLocaleLowerCase();
  const shown = (notes ?? []).filter((n) => !words || n.patient_name.toLocaleLowerCase().includes(words));
  const toRead = shown.filter((n) => !n.read_at);
  const read = shown.filter((n) => n.read_at);
  const count = toRead.filter((n) => !opened.has(n.checkin_id)).length;
  const onCount = props.onCount;
  useEffect(() => onCount?.(count), [count, onCount]);
  return (
    <section class="card notes" aria-labelledby="notes-title" data-unread={count}>
      <h2 id="notes-title">
        {t('c.notes.title')} <span class="count">({count})</span>
      </h2>
      <p class="hint">{t('c.notes.intro')}</p>
      <ErrorText text={error} />
      {notes === null && !error && <p role="status">{t('c.loading')}</p>}
      {notes !== null && toRead.length === 0 && <p>{t('c.notes.none')}</p>}
      {toRead.length > 0 && (
        <ul class="plain alerts" aria-label={t('c.notes.count', { n: count })}>
          {toRead.map((n) => (
            <NoteRow
              key={n.checkin_id}
              note={n}
              onOpened={(id) => {
                setOpened((ids) => new Set([...ids, id]));
                props.onOpened?.();
              }}
            />
          ))}
        </ul>
      )}
      {read.length > 0 && (
        <details>
          <summary>
            {t('c.notes.readEarlier')} ({read.length})
          </summary>
          <ul class="plain alerts">
            {read.map((n) => (
              <NoteRow key={n.checkin_id} note={n} onOpened={() => undefined} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
