// The result of a check-in, computed on the phone and shown before anything is sent. Red: a
// full-screen emergency page that needs no network. Amber: call the care team today. Green:
// keep going. Below, what the server said when it has answered.

import { useEffect } from 'preact/hooks';
import { fillPlaceholders, formatDate, t } from '../i18n';
import type { OutboxEntry } from '../lib/db';
import { emergencyNumber, placeholderValues, teamPhone } from '../lib/numbers';
import { eachCondition, isChildOn } from '../lib/checkin-plan';
import { rulesById, signLines, type SignLine } from '../lib/explain';
import { reasonText, shownLevel } from '../lib/phone-triage';
import type { Route } from '../lib/router';
import { currentPerson, personData, refreshAlerts, sync, useStore, type State } from '../lib/store';
import type { Bundle, Guidance, Level } from '../lib/types';
import { CallButton, LevelBadge, Shell } from '../ui';

function latestEntry(s: State): OutboxEntry | undefined {
  const chosen = s.outbox.find((e) => e.id === s.resultId);
  if (chosen) return chosen;
  const person = currentPerson(s);
  return [...s.outbox].reverse().find((e) => e.patient_id === person?.patient_id);
}

function List(props: { items: string[]; values: Record<string, string>; ordered?: boolean }) {
  const items = props.items.map((text) => <li>{fillPlaceholders(text, props.values)}</li>);
  return props.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
}

/** The crisis line block, shown whenever a rule asks for it (thoughts of self-harm). */
export function SelfHarmBlock(props: { guidance: Guidance; values: Record<string, string>; crisis: string | null }) {
  const block = props.guidance.self_harm;
  return (
    <section class="card self-harm" aria-labelledby="self-harm-title">
      <h2 id="self-harm-title">{fillPlaceholders(block.title, props.values)}</h2>
      <p>{fillPlaceholders(block.action, props.values)}</p>
      {props.crisis && <CallButton number={props.crisis} label={t('result.callCrisis')} kind="team" />}
      <List items={block.steps} values={props.values} />
    </section>
  );
}

/** One line per sign, each with a link to the booklet page that explains it. */
function SignLines(props: { lines: SignLine[]; values: Record<string, string>; title: string; id: string }) {
  if (props.lines.length === 0) return null;
  return (
    <section class="card" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <ul>
        {props.lines.map((line) => {
          const reason = fillPlaceholders(line.reason, props.values);
          return (
            <li class="sign-line" data-rule={line.id} data-level={line.level}>
              {reason}
              {line.booklet && (
                <>
                  {' '}
                  <a
                    href={`/booklet/${encodeURIComponent(line.booklet)}`}
                    aria-label={`${t('result.readMore')} : ${reason}`}
                  >
                    {t('result.readMore')}
                  </a>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The red symptoms of the person's picker: the emergency page names them too. */
function redPickerSigns(bundle: Bundle, child: boolean): string[] {
  const picker = bundle.questionnaires.find((q) => q.id === (child ? 'symptoms_child' : 'symptoms_adult'));
  if (!picker) return [];
  const red = new Set<string>();
  for (const rule of rulesById(bundle).values()) {
    if (rule.level !== 'red') continue;
    eachCondition(rule.when, (c) => {
      if (c.answer) red.add(c.answer.item);
    });
  }
  return picker.items.filter((i) => red.has(i.id)).map((i) => i.text);
}

/** The emergency guidance: what to do now, with the number to call. No network needed. After a
 * check-in it says which of the person's answers it is for; opened from Home, which signs. */
export function Emergency(props: { flags?: string[]; lines?: SignLine[] }) {
  const s = useStore();
  const person = currentPerson(s);
  const bundle = s.bundle;
  const number = emergencyNumber(bundle);
  if (!bundle) {
    return (
      <div class="emergency">
        <p class="emergency-lead">{t('emergency.noContent')}</p>
        <CallButton number={number} label={t('emergency.call', { number })} kind="emergency" />
      </div>
    );
  }
  const values = placeholderValues(bundle, person, personData(s).schedule);
  const red = bundle.guidance.levels.red;
  const crisis = values.crisis_line ?? null;
  const child = person ? isChildOn(person) : false;
  const picked = redPickerSigns(bundle, child);
  return (
    <div class="emergency">
      <p class="emergency-lead">{fillPlaceholders(red.action, values)}</p>
      <CallButton number={number} label={t('emergency.call', { number })} kind="emergency" />
      {props.flags?.includes('self_harm') && (
        <SelfHarmBlock guidance={bundle.guidance} values={values} crisis={crisis} />
      )}
      {props.lines && props.lines.length > 0 ? (
        <>
          <SignLines
            lines={props.lines.filter((l) => l.level === 'red')}
            values={values}
            title={t('result.why')}
            id="why-title"
          />
          <SignLines
            lines={props.lines.filter((l) => l.level !== 'red')}
            values={values}
            title={t('result.alsoTell')}
            id="also-title"
          />
        </>
      ) : (
        <section class="card" aria-labelledby="signs-title">
          <h2 id="signs-title">{t('emergency.signs')}</h2>
          <List items={child ? red.signs.child : red.signs.adult} values={values} />
          {picked.length > 0 && (
            <>
              <h3>{t('emergency.alsoSigns')}</h3>
              <List items={picked} values={values} />
            </>
          )}
        </section>
      )}
      <section class="card">
        <h2>{t('emergency.say')}</h2>
        <List items={red.what_to_say} values={values} />
      </section>
      <section class="card">
        <h2>{t('emergency.wait')}</h2>
        <List items={red.while_waiting} values={values} ordered />
      </section>
    </div>
  );
}

/** /emergency: the same page from the home screen, whenever the person needs it. */
export function EmergencyScreen(props: { route: Route }) {
  const s = useStore();
  const red = s.bundle?.guidance.levels.red.title;
  const title = red
    ? fillPlaceholders(red, placeholderValues(s.bundle, currentPerson(s), personData(s).schedule))
    : t('emergency.title');
  return (
    <Shell route={props.route} title={title} hideNav>
      <Emergency />
      <a class="button" href="/">
        {t('result.home')}
      </a>
    </Shell>
  );
}

function ServerStatus(props: { entry: OutboxEntry }) {
  const s = useStore();
  const { entry } = props;
  const alerts = s.data[entry.patient_id]?.alerts ?? [];
  if (entry.state === 'pending') {
    return (
      <p class="status status-waiting" role="status">
        <span aria-hidden="true">⏳ </span>
        {s.online ? t('result.sending') : t('result.waiting')}
      </p>
    );
  }
  if (entry.state === 'rejected') {
    return (
      <p class="status status-error" role="alert">
        {t('result.rejected')} {entry.error}
      </p>
    );
  }
  const server = entry.server;
  const alertId = server?.alert?.id;
  const alert = alertId ? alerts.find((a) => a.id === alertId) : undefined;
  const acknowledged =
    Boolean(alert?.acknowledged_at) || alert?.state === 'acknowledged' || alert?.state === 'resolved';
  return (
    <div class="status-block" role="status">
      <p class="status status-sent">
        <span aria-hidden="true">✓ </span>
        {t('result.received')}
      </p>
      {server && server.level !== entry.client.level && shownLevel(entry) === server.level && (
        <p class="status status-raised">
          {t('result.raised')} <LevelBadge level={server.level} />
        </p>
      )}
      {alertId && !acknowledged && <p class="status">{t('result.teamAlerted')}</p>}
      {acknowledged && (
        <p class="status status-seen">
          <span aria-hidden="true">👁 </span>
          {t('result.teamSeen')}
        </p>
      )}
    </div>
  );
}

export function Result(props: { route: Route }) {
  const s = useStore();
  const entry = latestEntry(s);
  const person = currentPerson(s);
  const alertOpen = Boolean(entry?.server?.alert);
  useEffect(() => {
    if (!entry) return;
    if (entry.state === 'pending') void sync();
    if (!alertOpen || !s.online) return;
    // "Your care team has seen this": ask again while the page is open.
    const timer = window.setInterval(() => void refreshAlerts(entry.patient_id).catch(() => undefined), 20_000);
    void refreshAlerts(entry.patient_id).catch(() => undefined);
    return () => window.clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the entry is a new object whenever the outbox reloads: keyed on its id and state
  }, [entry?.id, entry?.state, alertOpen, s.online]);

  if (!entry || !s.bundle) {
    return (
      <Shell route={props.route} title={t('result.none')}>
        <a class="button" href="/">
          {t('result.home')}
        </a>
      </Shell>
    );
  }
  const level: Level = shownLevel(entry);
  const flags = [...new Set([...entry.client.flags, ...(entry.server?.flags ?? [])])];
  const serverFired = (entry.server?.fired ?? []).map((f) => ({ ...f, reason: reasonText(f.reason, s.lang) }));
  const lines = signLines([...entry.client.fired, ...serverFired], rulesById(s.bundle));
  const values = placeholderValues(s.bundle, person, personData(s).schedule);
  const guidance = s.bundle.guidance.levels[level];
  const title = fillPlaceholders(guidance.title, values);
  const when = formatDate(entry.body.taken_at, true);

  if (level === 'red') {
    return (
      <Shell route={props.route} title={title} hideNav>
        <p class="result-meta">
          <LevelBadge level="red" /> {when}
        </p>
        <Emergency flags={flags} lines={lines} />
        <ServerStatus entry={entry} />
        <a class="button" href="/">
          {t('result.home')}
        </a>
      </Shell>
    );
  }
  const phone = teamPhone(s.bundle, person);
  return (
    <Shell route={props.route} title={title}>
      <div class={`result result-${level}`}>
        <p class="result-meta">
          <LevelBadge level={level} /> {when}
        </p>
        <p class="result-action">{fillPlaceholders(guidance.action, values)}</p>
        {level === 'amber' &&
          (phone ? (
            <CallButton number={phone} label={t('result.callTeam')} kind="team" />
          ) : (
            <p>{t('result.teamPhoneUnknown')}</p>
          ))}
      </div>
      {flags.includes('self_harm') && (
        <SelfHarmBlock guidance={s.bundle.guidance} values={values} crisis={values.crisis_line ?? null} />
      )}
      <SignLines lines={lines} values={values} title={t('result.why')} id="why-title" />
      <ServerStatus entry={entry} />
      {level === 'amber' && (
        <p class="hint">
          {t('result.worseCall', { number: emergencyNumber(s.bundle) })}{' '}
          <a href="/emergency">{t('home.emergencyLink')}</a>
        </p>
      )}
      <a class="button primary" href="/">
        {t('result.home')}
      </a>
    </Shell>
  );
}
