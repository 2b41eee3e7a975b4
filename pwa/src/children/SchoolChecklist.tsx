// The return-to-school checklist, shared by the family and the team: each step's state, date and
// who takes care of it.

import { useEffect, useState } from 'preact/hooks';
import { getSchool, type School, type SchoolItem, saveSchool } from './api';
import { ct } from './i18n';

const STATES: SchoolItem['state'][] = ['todo', 'in_progress', 'done', 'not_needed'];

export function SchoolChecklist(props: { patientId: string; stateLabels?: Record<string, string> }) {
  const [data, setData] = useState<School | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    getSchool(props.patientId)
      .then(setData)
      .catch(() => setStatus(ct('common.error')));
  }, [props.patientId]);

  if (!data) return <p aria-live="polite">{status ?? ct('common.loading')}</p>;

  const labels: Record<string, string> = { ...props.stateLabels };
  for (const it of data.items) labels[it.state] = it.state_label;

  const update = async (item: SchoolItem, change: Partial<SchoolItem>) => {
    const next = { ...item, ...change };
    try {
      setData(
        await saveSchool(props.patientId, [
          { id: next.id, state: next.state, due_on: next.due_on, note: next.note },
        ]),
      );
      setStatus(ct('school.saved'));
    } catch {
      setStatus(ct('common.error'));
    }
  };

  return (
    <section aria-labelledby="school-title">
      <h2 id="school-title">{data.title}</h2>
      <p class="hint">{data.description}</p>
      <p>{ct('school.progress', { done: data.done, total: data.total })}</p>
      <ol class="school-list">
        {data.items.map((it) => (
          <li key={it.id}>
            <h3>{it.title}</h3>
            <p class="hint">{it.help}</p>
            <label>
              {ct('school.state')}
              <select
                value={it.state}
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
              {ct('school.due')}
              <input
                type="date"
                value={it.due_on ?? ''}
                onChange={(e) => void update(it, { due_on: (e.target as HTMLInputElement).value || null })}
              />
            </label>
            <p>
              {ct('school.who')} : {ct(it.responsible === 'team' ? 'school.team' : 'school.family')}
            </p>
          </li>
        ))}
      </ol>
      <p role="status">{status}</p>
    </section>
  );
}
