// The follow-up schedule: late, due now, coming up, missed, done (by the team or by a check-in).

import { formatDate, t, type MessageKey } from '../i18n';
import type { Route } from '../lib/router';
import { currentPerson, personData, useStore } from '../lib/store';
import { byTeam, itemTitle, shownStatus, type ShownStatus } from '../lib/schedule-status';
import { PersonSwitcher, Shell } from '../ui';

const GROUPS: { key: MessageKey; match: (status: ShownStatus) => boolean }[] = [
  { key: 'schedule.late', match: (status) => status === 'late' },
  { key: 'schedule.due', match: (status) => status === 'due' },
  { key: 'schedule.upcoming', match: (status) => status === 'upcoming' },
  { key: 'schedule.missed', match: (status) => status === 'missed' },
  { key: 'schedule.done', match: (status) => status === 'done' || status === 'skipped' },
];

export function Schedule(props: { route: Route }) {
  const s = useStore();
  const person = currentPerson(s);
  const items = [...(personData(s).schedule ?? [])].sort((a, b) => a.due_at.localeCompare(b.due_at));
  const now = new Date();
  return (
    <Shell route={props.route} title={t('schedule.title')}>
      <PersonSwitcher />
      {items.length === 0 && <p>{s.online ? t('schedule.empty') : t('schedule.offline')}</p>}
      {GROUPS.map((group) => {
        let list = items.filter((item) => group.match(shownStatus(item, now)));
        if (group.key === 'schedule.done' || group.key === 'schedule.missed') list = list.reverse().slice(0, 20);
        if (group.key === 'schedule.upcoming') list = list.slice(0, 20);
        if (list.length === 0) return null;
        return (
          <section aria-labelledby={`g-${group.key}`}>
            <h2 id={`g-${group.key}`}>{t(group.key)}</h2>
            <ul class="plain schedule-list">
              {list.map((item) => (
                <li class={`schedule-item schedule-${shownStatus(item, now)}`} data-item={item.id}>
                  <span class="schedule-title">{itemTitle(s.bundle, person?.plan_id ?? '', item)}</span>
                  <span class="schedule-date">
                    {formatDate(item.due_at)}
                    {byTeam(s.bundle, person?.plan_id ?? '', item) && <span class="tag">{t('schedule.byTeam')}</span>}
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
