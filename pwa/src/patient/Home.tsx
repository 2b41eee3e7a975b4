// Home: who I log for, what is due today, the last result, the "I feel worse" button and who to
// call.

import { useState } from 'preact/hooks';
import { formatDate, formatTime, t } from '../i18n';
import { emergencyNumber, teamPhone } from '../lib/numbers';
import { shownLevel } from '../lib/phone-triage';
import { navigate, type Route } from '../lib/router';
import { currentPerson, personData, startCheckin, sync, update, useStore } from '../lib/store';
import {
  byTeam,
  itemTitle,
  markMissedSeen,
  mergeItems,
  onDayOf,
  shownStatus,
  unseenMissed,
  withWaiting,
} from '../lib/schedule-status';
import type { Level, ScheduleItem } from '../lib/types';
import { CallButton, LevelBadge, PersonSwitcher, Shell } from '../ui';
import { ChildCard } from './Child';
import { DischargeCard, ReferentCall } from './Discharge';

export function Home(props: { route: Route }) {
  const s = useStore();
  const person = currentPerson(s);
  const data = personData(s);
  const unread = data.today?.unread_messages ?? 0;
  const bundle = s.bundle;
  // Acknowledged on this visit: the "not done" card goes at once.
  const [, setAcknowledged] = useState(0);

  if (!person) {
    return (
      <Shell route={props.route} title={t('home.title', { name: s.user?.display_name ?? '' })}>
        <p>{s.online ? t('home.noPerson') : t('home.noPersonOffline')}</p>
      </Shell>
    );
  }

  const pending = s.outbox.filter((e) => e.patient_id === person.patient_id && e.state === 'pending');
  const rejected = s.outbox.filter((e) => e.patient_id === person.patient_id && e.state === 'rejected');
  // The last result: a check-in waiting on the phone is newer than anything the server knows.
  const lastLocal = [...s.outbox].reverse().find((e) => e.patient_id === person.patient_id);
  const lastServer = data.today?.last_checkin ?? null;
  let last: { level: Level; at: string; local: boolean; id: string | null } | null = null;
  if (lastLocal && (!lastServer || lastLocal.body.taken_at >= lastServer.taken_at)) {
    last = { level: shownLevel(lastLocal), at: lastLocal.body.taken_at, local: true, id: lastLocal.id };
  } else if (lastServer) {
    last = { level: lastServer.level, at: lastServer.taken_at, local: false, id: null };
  }
  // The last note written to the team, and whether the team has read it.
  const lastNote = [...(data.history ?? [])]
    .filter((c) => c.note && c.note.trim())
    .sort((a, b) => (a.taken_at < b.taken_at ? 1 : -1))[0];
  const openAlert = data.today?.open_alert ?? null;
  const alert = openAlert ? { ...openAlert, ...data.alerts?.find((a) => a.id === openAlert.id) } : null;
  // What is to do today, one line per plan item, from the schedule and today's list (the phone may
  // hold yesterday's, offline), with the check-ins still waiting on the phone counted as done.
  const now = new Date();
  const waiting = s.outbox
    .filter((e) => e.patient_id === person.patient_id && e.state !== 'rejected')
    .map((e) => e.body.taken_at);
  const items = withWaiting(mergeItems(data.schedule, data.today?.due), waiting, now);
  const due: (ScheduleItem & { late: boolean; team: boolean })[] = [];
  for (const item of items) {
    const status = shownStatus(item, now);
    if (status !== 'due' && status !== 'late') continue;
    const same = due.find((d) => d.plan_item_id === item.plan_item_id);
    if (same) same.late ||= status === 'late';
    else due.push({ ...item, late: status === 'late', team: byTeam(bundle, person.plan_id, item) });
  }
  // Today's check-in already done (sent, or waiting on the phone): said, with its time. Today's by
  // its day, not by when it was marked (yesterday's, sent this morning, is not today's).
  const doneToday = items
    .filter((i) => i.kind === 'checkin' && i.status === 'done' && i.done_at && onDayOf(i, now))
    .sort((a, b) => (a.done_at ?? '').localeCompare(b.done_at ?? ''))
    .pop();
  // Items not done when their window closed, in the last week: said here until the person says
  // they have read it (the agenda and the care team keep them).
  const missed = unseenMissed(person.patient_id, data.today?.missed ?? []);
  const missedByItem = new Map<string, ScheduleItem[]>();
  for (const item of missed) {
    missedByItem.set(item.plan_item_id, [...(missedByItem.get(item.plan_item_id) ?? []), item]);
  }
  const phone = teamPhone(bundle, person);
  const emergency = emergencyNumber(bundle);
  const name = person.relation === 'self' ? (s.user?.display_name ?? '') : person.given_name;

  function begin(questionnaires?: string[], worse = false): void {
    startCheckin({ questionnaires, worse });
    navigate('/checkin');
  }

  return (
    <Shell
      route={props.route}
      title={person.relation === 'self' ? t('home.title', { name }) : t('home.titleFor', { name })}
    >
      <PersonSwitcher />
      {person.can_log && (
        <button type="button" class="button worse" data-action="worse" onClick={() => begin(undefined, true)}>
          <span aria-hidden="true" class="worse-icon">
            !
          </span>
          {person.relation === 'self' ? t('home.worse') : t('home.worseFor', { name })}
        </button>
      )}

      {alert && (
        <section class="card" aria-labelledby="alert-title">
          <h2 id="alert-title">{t('home.alertTitle')}</h2>
          <p>
            {alert.level && <LevelBadge level={alert.level} />}{' '}
            {alert.acknowledged_at || alert.state === 'acknowledged' ? t('result.teamSeen') : t('result.teamAlerted')}
          </p>
        </section>
      )}

      {unread > 0 && (
        <section class="card" aria-labelledby="unread-title" data-section="unread">
          <h2 id="unread-title">{unread === 1 ? t('m.newOne') : t('m.newMany', { n: unread })}</h2>
          <a class="button" href="/messages">
            {t('m.open')}
          </a>
        </section>
      )}

      {missedByItem.size > 0 && (
        <section class="card" aria-labelledby="missed-title" data-section="missed">
          <h2 id="missed-title">{t('home.missedTitle')}</h2>
          <ul class="plain">
            {[...missedByItem].map(([planItemId, list]) => (
              <li class="missed-item" data-plan-item={planItemId}>
                {itemTitle(bundle, person.plan_id, { plan_item_id: planItemId })} (
                {list.map((i) => formatDate(i.due_at)).join(', ')})
              </li>
            ))}
          </ul>
          <p class="hint">{t('home.missedNote')}</p>
          <button
            type="button"
            class="button"
            data-action="missed-seen"
            onClick={() => {
              markMissedSeen(person.patient_id, missed);
              setAcknowledged((n) => n + 1);
            }}
          >
            {t('home.missedSeen')}
          </button>
        </section>
      )}

      <section class="card" aria-labelledby="due-title">
        <h2 id="due-title">{t('home.dueTitle')}</h2>
        {doneToday && (
          <p class="status status-sent" data-state="checkin-done">
            ✓{' '}
            {t('home.doneAt', {
              title: itemTitle(bundle, person.plan_id, doneToday),
              time: formatTime(doneToday.done_at ?? ''),
            })}
          </p>
        )}
        {due.length === 0 && !doneToday && <p>{data.today ? t('home.nothingDue') : t('home.dueUnknown')}</p>}
        <ul class="plain">
          {due.map((item) => (
            <li class="due-item">
              <span>
                {itemTitle(bundle, person.plan_id, item)}
                {onDayOf(item, now) && <span class="due-time"> · {formatTime(item.due_at)}</span>}
                {item.late && <span class="tag">{t('schedule.late')}</span>}
                {item.team && <span class="tag">{t('schedule.byTeam')}</span>}
              </span>
              {person.is_child && item.kind === 'school' && person.can_log ? (
                <a class="button primary" href="/child/school" data-action="school">
                  {t('home.open')}
                </a>
              ) : person.is_child && item.kind === 'questionnaire' && person.can_log && !item.team ? (
                // A child's wellbeing screens (the child's, a parent's own) have their own page.
                <a class="button primary" href="/child/wellbeing" data-action="wellbeing">
                  {t('home.start')}
                </a>
              ) : (
                item.questionnaires.length > 0 &&
                person.can_log &&
                !item.team && (
                  <button
                    type="button"
                    class="button primary"
                    data-action={item.kind === 'checkin' ? 'checkin' : 'questionnaire'}
                    onClick={() => begin(item.questionnaires)}
                  >
                    {t('home.start')}
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
        {person.can_log && !due.some((i) => i.kind === 'checkin') && (
          // Done already today: another check-in stays possible, not urged.
          <button
            type="button"
            class={doneToday ? 'button' : 'button primary'}
            data-action="checkin"
            onClick={() => begin()}
          >
            {doneToday ? t('home.checkinAgain') : t('home.checkin')}
          </button>
        )}
      </section>

      <DischargeCard handover={data.today?.handover} />

      <ChildCard person={person} />

      {/* How many wait is said in the banner above every screen; here, the way to send them. */}
      {pending.length > 0 && s.online && (
        <section class="card" aria-labelledby="outbox-title">
          <h2 id="outbox-title">{t('home.outboxTitle')}</h2>
          <button type="button" class="button" onClick={() => void sync()}>
            {t('home.sendNow')}
          </button>
        </section>
      )}
      {rejected.length > 0 && (
        <p class="error" role="alert">
          {t(rejected.length === 1 ? 'home.rejectedOne' : 'home.rejected', { n: rejected.length })}
        </p>
      )}

      <section class="card" aria-labelledby="last-title">
        <h2 id="last-title">{t('home.lastTitle')}</h2>
        {last ? (
          <p>
            <LevelBadge level={last.level} /> {formatDate(last.at, true)}
            {last.local && last.id && (
              <>
                {' '}
                <button
                  type="button"
                  class="link"
                  onClick={() => {
                    update({ resultId: last?.id ?? null });
                    navigate('/result');
                  }}
                >
                  {t('home.seeResult')}
                </button>
              </>
            )}
          </p>
        ) : (
          <p>{t('home.noCheckin')}</p>
        )}
        {lastNote && (
          <p class="note-status" data-read={lastNote.note_read_at ? 'yes' : 'no'}>
            {lastNote.note_read_at
              ? t('home.noteRead', { when: formatDate(lastNote.note_read_at, true) })
              : t('home.noteUnread', { when: formatDate(lastNote.taken_at, true) })}
          </p>
        )}
      </section>

      <section class="card" aria-labelledby="call-title">
        <h2 id="call-title">{t('home.callTitle')}</h2>
        {phone ? (
          <CallButton number={phone} label={person.team?.name ?? t('home.team')} kind="team" />
        ) : (
          <p>{t('result.teamPhoneUnknown')}</p>
        )}
        {data.today?.handover && <ReferentCall handover={data.today.handover} />}
        <CallButton number={emergency} label={t('home.emergency')} kind="emergency" />
        <a class="button" href="/emergency">
          {t('home.emergencyLink')}
        </a>
      </section>
    </Shell>
  );
}
