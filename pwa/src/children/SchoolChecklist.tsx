// The return-to-school checklist, shared by the family and the team: each step's state (ticked
// when done), its date and who takes care of it. The team may hand a step to the family or take
// it on; what one side changes, the other sees.

import { useCallback, useEffect, useState } from 'preact/hooks';
import { getSchool, type School, type SchoolItem, saveSchool } from '../api/children';
import { t } from '../i18n';
import { errorText } from '../lib/errors';

const STATES: SchoolItem['state'][] = ['todo', 'in_progress', 'done', 'not_needed'];

export function SchoolChecklist(props: { patientId: string; team?: boolean; stateLabels?: Record<string, string> }) {
  const [data, setData] = useState<School | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  const load = useCallback(
    () =>
      getSchool(props.patientId).then(
        (s) => {
          setData(s);
          setFailed(false);
        },
        () => setFailed(true),
      ),
    [props.patientId],
  );
  useEffect(() => {
    void load();
  }, [load]);

  if (!data) {
    if (!failed) return <p aria-live="polite">{t('common.loading')}</p>;
    return (
      <section aria-labelledby="school-title">
        <h2 id="school-title">{t('school.title')}</h2>
        <p role="alert" class="error">
          {t('common.error')}
        </p>
        <button type="button" class="button" onClick={() => void load()}>
          {t('common.retry')}
        </button>
      </section>
    );
  }

  const labels: Record<string, string> = { ...props.stateLabels, ...data.state_labels };
  for (const it of data.items) labels[it.state] = it.state_label;

  const update = async (item: SchoolItem, change: Partial<SchoolItem>) => {
    const next = { ...item, ...change };
    setStatus(null);
    // Shown at once (a ticked box stays ticked); the server's answer then replaces it.
    setData((cur) => (cur ? { ...cur, items: cur.items.map((i) => (i.id === next.id ? next : i)) } : cur));
    try {
      setData(
        await saveSchool(props.patientId, [
          {
            id: next.id,
            state: next.state,
            responsible: next.responsible,
            due_on: next.due_on || null,
            done_on: next.state === 'done' ? next.done_on : null,
            note: next.note,
          },
        ]),
      );
      setStatus(t('school.saved'));
    } catch (err) {
      setStatus(errorText(err));
      void load();
    }
  };

  const who = (it: SchoolItem) => t(it.responsible === 'team' ? 'school.team' : 'school.family');

  return (
    <section aria-labelledby="school-title">
      <h2 id="school-title">{data.title}</h2>
      <p class="hint">{data.description}</p>
      <p>{t('school.progress', { done: data.done, total: data.total })}</p>
      <ol class="school-list">
        {data.items.map((it) => {
          const base = `school-${it.id}`;
          return (
            <li key={it.id} data-school-item={it.id} class={it.state === 'done' ? 'school-done' : undefined}>
              <h3 id={`${base}-title`}>{it.title}</h3>
              <p class="hint">{it.help}</p>
              <label class="check">
                <input
                  type="checkbox"
                  checked={it.state === 'done'}
                  aria-describedby={`${base}-title`}
                  onChange={(e) =>
                    void update(it, {
                      state: (e.target as HTMLInputElement).checked ? 'done' : 'todo',
                      done_on: null,
                    })
                  }
                />
                {t('school.done')}
              </label>
              {it.state === 'done' && it.done_on && <p class="hint">{t('school.doneOn', { date: it.done_on })}</p>}
              <label>
                {t('school.state')}
                <select
                  value={it.state}
                  aria-describedby={`${base}-title`}
                  onChange={(e) =>
                    void update(it, { state: (e.target as HTMLSelectElement).value as SchoolItem['state'] })
                  }
                >
                  {STATES.map((s) => (
                    <option key={s} value={s}>
                      {labels[s] ?? s}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('school.due')}
                <input
                  type="date"
                  value={it.due_on ?? ''}
                  aria-describedby={`${base}-title`}
                  onChange={(e) => void update(it, { due_on: (e.target as HTMLInputElement).value || null })}
                />
              </label>
              {props.team ? (
                <label>
                  {t('school.who')}
                  <select
                    value={it.responsible}
                    aria-describedby={`${base}-title`}
                    onChange={(e) =>
                      void update(it, {
                        responsible: (e.target as HTMLSelectElement).value as SchoolItem['responsible'],
                      })
                    }
                  >
                    <option value="family">{t('school.family')}</option>
                    <option value="team">{t('school.team')}</option>
                  </select>
                </label>
              ) : (
                <p>{t('school.whoIs', { who: who(it) })}</p>
              )}
              {it.note && <p class="hint">{t('school.noteIs', { note: it.note })}</p>}
              {it.updated_at && (
                <p class="hint">
                  {t('school.updated', {
                    who: t(it.updated_as === 'staff' ? 'school.byTeam' : 'school.byFamily'),
                    date: it.updated_at.slice(0, 10),
                  })}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <p role="status">{status}</p>
    </section>
  );
}
