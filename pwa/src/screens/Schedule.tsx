// The follow-up schedule: overdue, due now, coming up, done (marked by the team or by a check-in).

import { formatDate, t, type MessageKey } from '../i18n';
import type { Route } from '../lib/router';
import { currentPerson, personData, useStore } from '../lib/store';
import type { ScheduleItem } from '../lib/types';
import { PersonSwitcher, Shell } from '../ui';
import { itemTitle } from './Home';

const GROUPS: { key: MessageKey; match: (i: ScheduleItem) => boolean }[] = [
  { key: 'schedule.overdue', match: (i) => i.status === 'overdue' },
  { key: 'schedule.due', match: (i) => i.status === 'due' },
  {
    key: 'schedule.upcoming',
    match: (i) => !['overdue', 'due', 'done', 'skipped'].includes(i.status),
  },
  { key: 'schedule.done', match: (i) => i.status === 'done' || i.status === 'skipped' },
];

export function Schedule(props: { route: Route }) {
  const s = useStore();
  const person = currentPerson(s);
  const items = [...(personData(s).schedule ?? [])].sort((a, b) => a.due_at.localeCompare(b.due_at));
  return (
    <Shell route={props.route} title={t('schedule.title')}>
      <PersonSwitcher />
      {items.length === 0 && <p>{s.online ? t('schedule.empty') : t('schedule.offline')}</p>}
      {GROUPS.map((group) => {
        let list = items.filter(group.match);
        if (group.key === 'schedule.done') list = list.reverse().slice(0, 20);
        if (group.key === 'schedule.upcoming') list = list.slice(0, 20);
        if (list.length === 0) return null;
        return (
          <section aria-labelledby={`g-${group.key}`}>
            <h2 id={`g-${group.key}`}>{t(group.key)}</h2>
            <ul class="plain schedule-list">
              {list.map((item) => (
                <li class={`schedule-item schedule-${item.status}`}>
                  <span class="schedule-title">{itemTitle(s.bundle, person?.plan_id ?? '', item)}</span>
                  <span class="schedule-date">
                    {formatDate(item.due_at)}
                    {item.by === 'team' && <span class="tag">{t('schedule.byTeam')}</span>}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Shell>
  );
}
