// Home: who I log for, what is due today, the last result, the "I feel worse" button and who to
// call.

import { useEffect, useState } from 'preact/hooks';
import { formatDate, t } from '../i18n';
import { emergencyNumber, teamPhone } from '../lib/numbers';
import { shownLevel } from '../lib/phone-triage';
import { navigate, type Route } from '../lib/router';
import { currentPerson, personData, startCheckin, sync, update, useStore } from '../lib/store';
import { byTeam, itemTitle, onDayOf, shownStatus, takeUnseenMissed } from '../lib/schedule-status';
import type { Level, ScheduleItem } from '../lib/types';
import { CallButton, LevelBadge, PersonSwitcher, Shell } from '../ui';
import { ChildCard } from './Child';

export function Home(props: { route: Route }) {
  const s = useStore();
  const person = currentPerson(s);
  const data = personData(s);
  const bundle = s.bundle;
  // Items not done when their window closed: said once here (the agenda and the team keep them).
  const [missed, setMissed] = useState<ScheduleItem[]>([]);
  const missedNow = data.today?.missed ?? [];
  const missedIds = missedNow.map((m) => m.id).join();
  useEffect(() => {
    if (!person) return;
    const fresh = takeUnseenMissed(person.patient_id, missedNow);
    if (fresh.length > 0) setMissed((old) => [...old, ...fresh]);
    // missedIds stands for missedNow (a new array each render); person for its id.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [person?.patient_id, missedIds]);

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
  // What is to do today, one line per plan item. A check-in taken today and still waiting on the
  // phone has done today's check-in already: the server will say so once it has it.
  const now = new Date();
  const checkedInToday = s.outbox.some(
    (e) => e.patient_id === person.patient_id && e.state !== 'rejected' && onDayOf({ due_at: e.body.taken_at }, now),
  );
  const due: (ScheduleItem & { late: boolean; team: boolean })[] = [];
  for (const item of data.today?.due ?? []) {
    const status = shownStatus(item, now);
    if (status !== 'due' && status !== 'late') continue;
    if (checkedInToday && item.kind === 'checkin' && onDayOf(item, now)) continue;
    const same = due.find((d) => d.plan_item_id === item.plan_item_id);
    if (same) same.late ||= status === 'late';
    else due.push({ ...item, late: status === 'late', team: byTeam(bundle, person.plan_id, item) });
  }
  const missedByItem = new Map<string, ScheduleItem[]>();
  for (const item of missed.filter((m) => m.status === 'missed')) {
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

      <section class="card" aria-labelledby="due-title">
        <h2 id="due-title">{t('home.dueTitle')}</h2>
        {due.length === 0 && <p>{data.today ? t('home.nothingDue') : t('home.dueUnknown')}</p>}
        <ul class="plain">
          {due.map((item) => (
            <li class="due-item">
              <span>
                {itemTitle(bundle, person.plan_id, item)}
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
          <button type="button" class="button primary" data-action="checkin" onClick={() => begin()}>
            {t('home.checkin')}
          </button>
        )}
      </section>

      {missedByItem.size > 0 && (
        <section class="card" aria-labelledby="missed-title" data-section="missed">
          <h2 id="missed-title">{t('home.missedTitle')}</h2>
          <ul class="plain">
            {[...missedByItem].map(([planItemId, items]) => (
              <li class="missed-item" data-plan-item={planItemId}>
                {itemTitle(bundle, person.plan_id, { plan_item_id: planItemId })} (
                {items.map((i) => formatDate(i.due_at)).join(', ')})
              </li>
            ))}
          </ul>
          <p class="hint">{t('home.missedNote')}</p>
        </section>
      )}

      <ChildCard person={person} />

      {pending.length > 0 && (
        <section class="card" aria-labelledby="outbox-title">
          <h2 id="outbox-title">{t('home.outboxTitle')}</h2>
          <p>{t('status.waiting', { n: pending.length })}</p>
          {s.online && (
            <button type="button" class="button" onClick={() => void sync()}>
              {t('home.sendNow')}
            </button>
          )}
        </section>
      )}
      {rejected.length > 0 && (
        <p class="error" role="alert">
          {t('home.rejected', { n: rejected.length })}
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
        <CallButton number={emergency} label={t('home.emergency')} kind="emergency" />
        <a class="button" href="/emergency">
          {t('home.emergencyLink')}
        </a>
      </section>
    </Shell>
  );
}
