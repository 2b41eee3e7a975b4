// The follow-up schedule: late, due now, done lately, coming up, missed. A check-in still waiting on
// the phone counts for today's item, as on Home.

import { formatDate, t, type MessageKey } from '../i18n';
import type { Route } from '../lib/router';
import { currentPerson, personData, useStore } from '../lib/store';
import { byTeam, itemTitle, mergeItems, shownStatus, withWaiting, type ShownStatus } from '../lib/schedule-status';
import { PersonSwitcher, Shell } from '../ui';

const GROUPS: { key: MessageKey; match: (status: ShownStatus) => boolean }[] = [
  { key: 'schedule.late', match: (status) => status === 'late' },
  { key: 'schedule.due', match: (status) => status === 'due' },
  { key: 'schedule.done', match: (status) => status === 'done' || status === 'skipped' },
  { key: 'schedule.upcoming', match: (status) => status === 'upcoming' },
  { key: 'schedule.missed', match: (status) => status === 'missed' },
];

export function Schedule(props: { route: Route }) {
  const s = useStore();
  const person = currentPerson(s);
  const data = personData(s);
  const now = new Date();
  const waiting = s.outbox
    .filter((e) => e.patient_id === person?.patient_id && e.state !== 'rejected')
    .map((e) => e.body.taken_at);
  const items = withWaiting(mergeItems(data.schedule, data.today?.due), waiting, now);
  return (
    <Shell route={props.route} title={t('schedule.title')}>
      <PersonSwitcher />
      {items.length === 0 && <p>{s.online ? t('schedule.empty') : t('schedule.offline')}</p>}
      {GROUPS.map((group) => {
        let list = items.filter((item) => group.match(shownStatus(item, now)));
        // The latest first for what is past; the next ones for what comes.
        if (group.key === 'schedule.done') list = list.reverse().slice(0, 7);
        if (group.key === 'schedule.missed') list = list.reverse().slice(0, 14);
        if (group.key === 'schedule.upcoming') list = list.slice(0, 10);
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
