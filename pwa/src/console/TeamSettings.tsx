// My alerts on this device (Web Push on or off, a test, my devices' status), then a team's
// settings: members and roles, the 24/7 referent's on-call rota, the escalation delays, the daily
// amber digest and the team's default thresholds. Every member sees them; the team lead and administrators change them.

import { useEffect, useState } from 'preact/hooks';
import {
  localInputToIso,
  ROLES,
  teamApi,
  type OnCall,
  type Role,
  type TeamDetail,
  type TeamThreshold,
} from '../api/team';
import { formatDate, type MessageKey, t } from '../i18n';
import { navigate, type Route } from '../lib/router';
import { useStore } from '../lib/store';
import { ErrorText } from '../ui';
import { DeviceAlerts } from './DeviceAlerts';
import { ConsoleShell } from './Shell';
import { thresholdChoices, thresholdText, ThresholdForm } from './ThresholdForm';

function message(e: unknown): string {
  return e instanceof Error && e.message ? e.message : t('c.error');
}

/** Runs a change, shows its error in the section or "Saved." for screen readers. */
function useAction(
  onSaved: (text: string) => void,
): [(fn: () => Promise<void>) => Promise<boolean>, string | null, boolean] {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(fn: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await fn();
      onSaved(t('c.team.saved'));
      return true;
    } catch (e) {
      setError(message(e));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return [run, error, busy];
}

const roleName = (r: string): string => t(`c.role.${r}` as MessageKey);

function Delays(props: {
  team: TeamDetail;
  canManage: boolean;
  onTeam: (t: TeamDetail) => void;
  onSaved: (s: string) => void;
}) {
  const [red, setRed] = useState(String(props.team.escalate_red_min));
  const [amber, setAmber] = useState(String(props.team.escalate_amber_min));
  const [run, error, busy] = useAction(props.onSaved);
  useEffect(() => {
    setRed(String(props.team.escalate_red_min));
    setAmber(String(props.team.escalate_amber_min));
  }, [props.team.id, props.team.escalate_red_min, props.team.escalate_amber_min]);
  return (
    <section class="card" aria-labelledby="delays-title">
      <h2 id="delays-title">{t('c.team.delays')}</h2>
      <p class="hint">{t('c.team.delays.intro')}</p>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () =>
            props.onTeam(
              await teamApi.update(props.team.id, { escalate_red_min: Number(red), escalate_amber_min: Number(amber) }),
            ),
          );
        }}
      >
        <label for="delay-red">{t('c.team.delay.red')}</label>
        <input
          id="delay-red"
          type="number"
          inputMode="numeric"
          min={1}
          max={10080}
          required
          disabled={!props.canManage}
          value={red}
          onInput={(e) => setRed((e.target as HTMLInputElement).value)}
        />
        <label for="delay-amber">{t('c.team.delay.amber')}</label>
        <input
          id="delay-amber"
          type="number"
          inputMode="numeric"
          min={1}
          max={10080}
          required
          disabled={!props.canManage}
          value={amber}
          onInput={(e) => setAmber((e.target as HTMLInputElement).value)}
        />
        <ErrorText text={error} />
        {props.canManage && (
          <button type="submit" class="button primary" disabled={busy}>
            {t('c.team.delays.save')}
          </button>
        )}
      </form>
    </section>
  );
}

/** The daily amber digest: off (each amber alert pushes at once) or a time in the team's zone. */
function Digest(props: {
  team: TeamDetail;
  canManage: boolean;
  onTeam: (t: TeamDetail) => void;
  onSaved: (s: string) => void;
}) {
  const [on, setOn] = useState(props.team.amber_digest_at !== '');
  const [at, setAt] = useState(props.team.amber_digest_at || '08:00');
  const [zone, setZone] = useState(props.team.timezone);
  const [run, error, busy] = useAction(props.onSaved);
  useEffect(() => {
    setOn(props.team.amber_digest_at !== '');
    setAt(props.team.amber_digest_at || '08:00');
    setZone(props.team.timezone);
  }, [props.team.id, props.team.amber_digest_at, props.team.timezone]);
  return (
    <section class="card" aria-labelledby="digest-title" data-digest={props.team.amber_digest_at || 'off'}>
      <h2 id="digest-title">{t('c.digest.title')}</h2>
      <p class="hint">{t('c.digest.intro')}</p>
      <p class="note" id="digest-escalation">
        {t('c.digest.escalation', { min: props.team.escalate_amber_min })}
      </p>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () =>
            props.onTeam(await teamApi.update(props.team.id, { amber_digest_at: on ? at : '', timezone: zone.trim() })),
          );
        }}
      >
        <label class="check">
          <input
            type="checkbox"
            checked={on}
            disabled={!props.canManage}
            onChange={(e) => setOn((e.target as HTMLInputElement).checked)}
          />{' '}
          {t('c.digest.on')}
        </label>
        <label for="digest-at">{t('c.digest.at')}</label>
        <input
          id="digest-at"
          type="time"
          required={on}
          disabled={!props.canManage || !on}
          value={at}
          onInput={(e) => setAt((e.target as HTMLInputElement).value)}
        />
        <label for="digest-zone">{t('c.digest.zone')}</label>
        <input
          id="digest-zone"
          type="text"
          required
          maxLength={64}
          autoComplete="off"
          spellcheck={false}
          disabled={!props.canManage}
          value={zone}
          onInput={(e) => setZone((e.target as HTMLInputElement).value)}
        />
        <p class="hint">
          {props.team.amber_digest_at
            ? props.team.amber_digest_day
              ? t('c.digest.last', { day: formatDate(props.team.amber_digest_day) })
              : t('c.digest.notYet')
            : t('c.digest.off')}
        </p>
        <ErrorText text={error} />
        {props.canManage && (
          <button type="submit" class="button primary" disabled={busy}>
            {t('c.digest.save')}
          </button>
        )}
      </form>
    </section>
  );
}

function Members(props: {
  team: TeamDetail;
  canManage: boolean;
  onTeam: (t: TeamDetail) => void;
  onSaved: (s: string) => void;
}) {
  const [run, error, busy] = useAction(props.onSaved);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('physician');
  const [lead, setLead] = useState(false);
  const id = props.team.id;
  return (
    <section class="card wide" aria-labelledby="members-title">
      <h2 id="members-title">{t('c.team.members')}</h2>
      <ErrorText text={error} />
      <table class="members">
        <thead>
          <tr>
            <th scope="col">{t('c.team.name')}</th>
            <th scope="col">{t('c.team.role')}</th>
            <th scope="col">{t('c.team.lead')}</th>
            {props.canManage && (
              <th scope="col">
                <span class="visually-hidden">{t('c.team.remove')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {props.team.members.map((m) => (
            <tr data-member={m.user_id}>
              <th scope="row">
                {m.display_name} <span class="hint">{m.email}</span>
              </th>
              <td data-label={t('c.team.role')}>
                {props.canManage ? (
                  <select
                    aria-label={t('c.team.roleOf', { name: m.display_name })}
                    value={m.role}
                    disabled={busy}
                    onChange={(e) => {
                      const next = (e.target as HTMLSelectElement).value as Role;
                      void run(async () => props.onTeam(await teamApi.updateMember(id, m.user_id, { role: next })));
                    }}
                  >
                    {ROLES.map((r) => (
                      <option value={r}>{roleName(r)}</option>
                    ))}
                  </select>
                ) : (
                  roleName(m.role)
                )}
              </td>
              <td data-label={t('c.team.lead')}>
                {props.canManage ? (
                  <input
                    type="checkbox"
                    aria-label={t('c.team.leadOf', { name: m.display_name })}
                    checked={m.is_lead}
                    disabled={busy}
                    onChange={(e) => {
                      const next = (e.target as HTMLInputElement).checked;
                      void run(async () =>
                        props.onTeam(await teamApi.updateMember(id, m.user_id, { is_lead: next })),
                      ).then((ok) => {
                        if (!ok) (e.target as HTMLInputElement).checked = m.is_lead;
                      });
                    }}
                  />
                ) : m.is_lead ? (
                  t('c.yes')
                ) : (
                  t('c.no')
                )}
              </td>
              {props.canManage && (
                <td>
                  <button
                    type="button"
                    class="button subtle"
                    disabled={busy}
                    aria-label={t('c.team.removeOf', { name: m.display_name })}
                    onClick={() => void run(async () => props.onTeam(await teamApi.removeMember(id, m.user_id)))}
                  >
                    {t('c.team.remove')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {props.canManage && (
        <form
          class="form inline-form"
          aria-labelledby="add-member-title"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              props.onTeam(await teamApi.addMember(id, email.trim(), role, lead));
              setEmail('');
              setLead(false);
            });
          }}
        >
          <h3 id="add-member-title">{t('c.team.add')}</h3>
          <label for="member-email">{t('c.team.email')}</label>
          <input
            id="member-email"
            type="email"
            autoComplete="off"
            required
            value={email}
            onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
          />
          <label for="member-role">{t('c.team.role')}</label>
          <select
            id="member-role"
            value={role}
            onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}
          >
            {ROLES.map((r) => (
              <option value={r}>{roleName(r)}</option>
            ))}
          </select>
          <label class="check">
            <input type="checkbox" checked={lead} onChange={(e) => setLead((e.target as HTMLInputElement).checked)} />{' '}
            {t('c.team.addLead')}
          </label>
          <button type="submit" class="button primary" disabled={busy}>
            {t('c.team.add')}
          </button>
        </form>
      )}
    </section>
  );
}

function Rota(props: { team: TeamDetail; canManage: boolean; onSaved: (s: string) => void }) {
  const [onCall, setOnCall] = useState<OnCall | null>(null);
  const [run, error, busy] = useAction(props.onSaved);
  const [who, setWho] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const id = props.team.id;
  useEffect(() => {
    setOnCall(null);
    teamApi.onCall(id).then(setOnCall, () => setOnCall({ now: null, upcoming: [] }));
  }, [id]);
  const members = props.team.members;
  const chosen = who || members[0]?.user_id || '';
  return (
    <section class="card" aria-labelledby="rota-title">
      <h2 id="rota-title">{t('c.team.rota')}</h2>
      {onCall === null && <p role="status">{t('c.loading')}</p>}
      {onCall && (
        <>
          <p>
            {onCall.now
              ? t('c.team.oncall.now', { name: onCall.now.display_name, until: formatDate(onCall.now.ends_at, true) })
              : t('c.team.oncall.nobody')}
          </p>
          <h3>{t('c.team.oncall.upcoming')}</h3>
          {onCall.upcoming.length === 0 && <p>{t('c.team.oncall.none')}</p>}
          <ul class="plain">
            {onCall.upcoming.map((sh) => (
              <li class="due-item" data-shift={sh.id}>
                <span>
                  {t('c.team.shift', {
                    name: sh.display_name,
                    from: formatDate(sh.starts_at, true),
                    to: formatDate(sh.ends_at, true),
                  })}
                </span>
                {props.canManage && (
                  <button
                    type="button"
                    class="button subtle"
                    disabled={busy}
                    aria-label={t('c.team.shift.remove', {
                      name: sh.display_name,
                      from: formatDate(sh.starts_at, true),
                    })}
                    onClick={() => void run(async () => setOnCall(await teamApi.removeShift(id, sh.id)))}
                  >
                    {t('c.team.remove')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorText text={error} />
      {props.canManage && members.length > 0 && (
        <form
          class="form"
          onSubmit={(e) => {
            e.preventDefault();
            const starts = localInputToIso(from);
            const ends = localInputToIso(to);
            void run(async () => {
              if (!starts || !ends) throw new Error(t('c.team.shift.bad'));
              setOnCall(await teamApi.addShift(id, chosen, starts, ends));
              setFrom('');
              setTo('');
            });
          }}
        >
          <label for="shift-who">{t('c.team.shift.who')}</label>
          <select id="shift-who" value={chosen} onChange={(e) => setWho((e.target as HTMLSelectElement).value)}>
            {members.map((m) => (
              <option value={m.user_id}>{m.display_name}</option>
            ))}
          </select>
          <label for="shift-from">{t('c.team.shift.from')}</label>
          <input
            id="shift-from"
            type="datetime-local"
            required
            value={from}
            onInput={(e) => setFrom((e.target as HTMLInputElement).value)}
          />
          <label for="shift-to">{t('c.team.shift.to')}</label>
          <input
            id="shift-to"
            type="datetime-local"
            required
            value={to}
            onInput={(e) => setTo((e.target as HTMLInputElement).value)}
          />
          <button type="submit" class="button primary" disabled={busy}>
            {t('c.team.shift.add')}
          </button>
        </form>
      )}
    </section>
  );
}

function Thresholds(props: { team: TeamDetail; canManage: boolean; onSaved: (s: string) => void }) {
  const { bundle } = useStore();
  const [rows, setRows] = useState<TeamThreshold[] | null>(null);
  const [run, error, busy] = useAction(props.onSaved);
  const id = props.team.id;
  useEffect(() => {
    setRows(null);
    teamApi.thresholds(id).then(setRows, () => setRows([]));
  }, [id]);
  const choices = thresholdChoices(bundle);
  const active = (rows ?? []).filter((r) => r.active);
  const past = (rows ?? []).filter((r) => !r.active);
  return (
    <section class="card wide" aria-labelledby="tth-title">
      <h2 id="tth-title">{t('c.team.thresholds')}</h2>
      <p class="hint">{t('c.team.thresholds.intro')}</p>
      {rows === null && <p role="status">{t('c.loading')}</p>}
      {rows !== null && active.length === 0 && <p>{t('c.team.thresholds.none')}</p>}
      <ul class="plain">
        {active.map((r) => (
          <li class="due-item" data-threshold={r.key}>
            <span>
              <strong>{thresholdText(choices, r.key, r.params)}</strong> — {r.reason}{' '}
              <span class="hint">{t('c.th.by', { who: r.set_by_name, when: formatDate(r.set_at, true) })}</span>
            </span>
            {props.canManage && (
              <button
                type="button"
                class="button subtle"
                disabled={busy}
                aria-label={t('c.team.th.remove', { key: r.key })}
                onClick={() => void run(async () => setRows(await teamApi.removeThreshold(id, r.key)))}
              >
                {t('c.team.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {past.length > 0 && (
        <details>
          <summary>{t('c.team.th.history')}</summary>
          <ul class="plain">
            {past.map((r) => (
              <li class="inactive">
                <strong>{thresholdText(choices, r.key, r.params)}</strong> — {r.reason}{' '}
                <span class="hint">
                  {t('c.th.by', { who: r.set_by_name, when: formatDate(r.set_at, true) })}
                  {r.ended_at &&
                    `, ${t('c.team.th.ended', { who: r.ended_by_name, when: formatDate(r.ended_at, true) })}`}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <ErrorText text={error} />
      {props.canManage && (
        <ThresholdForm
          prefix="tth"
          choices={choices}
          busy={busy}
          team
          onPreview={(key, params, reason) => teamApi.previewThreshold(id, key, params, reason)}
          onSave={(key, params, reason) =>
            run(async () => setRows(await teamApi.setThreshold(id, key, params, reason)))
          }
        />
      )}
    </section>
  );
}

export function TeamSettings(props: { route: Route; id: string | null }) {
  const s = useStore();
  const [teams, setTeams] = useState<TeamDetail[] | null>(null);
  const [team, setTeam] = useState<TeamDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  useEffect(() => {
    teamApi.teams().then(setTeams, () => setError(t('c.error')));
  }, []);
  const teamId = props.id ?? teams?.[0]?.id ?? null;
  useEffect(() => {
    if (!teamId) return;
    setTeam(null);
    teamApi.team(teamId).then(
      (row) => {
        setTeam(row);
        setError(null);
      },
      (e) => setError(message(e)),
    );
  }, [teamId]);
  const me = s.user;
  const canManage =
    !!me && !!team && (me.role === 'admin' || team.members.some((m) => m.user_id === me.id && m.is_lead));
  const title = team ? `${t('c.team.title')} — ${team.name}` : t('c.team.title');
  const onSaved = (text: string): void => {
    // A new text each time, so that screen readers say it again.
    setSaved('');
    setTimeout(() => setSaved(text), 50);
  };
  return (
    <ConsoleShell route={props.route} title={title}>
      <p class="visually-hidden" role="status">
        {saved}
      </p>
      {s.user?.role === 'clinician' && <DeviceAlerts />}
      {teams && teams.length > 1 && (
        <div class="search">
          <label for="team-choice">{t('c.team.choose')}</label>
          <select
            id="team-choice"
            value={teamId ?? ''}
            onChange={(e) => navigate(`/console/team/${(e.target as HTMLSelectElement).value}`)}
          >
            {teams.map((tm) => (
              <option value={tm.id}>{tm.name}</option>
            ))}
          </select>
        </div>
      )}
      <ErrorText text={error} />
      {teams !== null && teams.length === 0 && <p>{t('c.team.none')}</p>}
      {teamId && !team && !error && <p role="status">{t('c.loading')}</p>}
      {team && (
        <>
          {!canManage && <p class="note">{t('c.team.readonly')}</p>}
          <div class="patient-grid team-grid">
            <Delays team={team} canManage={canManage} onTeam={setTeam} onSaved={onSaved} />
            <Digest team={team} canManage={canManage} onTeam={setTeam} onSaved={onSaved} />
            <Rota team={team} canManage={canManage} onSaved={onSaved} />
            <Members team={team} canManage={canManage} onTeam={setTeam} onSaved={onSaved} />
            <Thresholds team={team} canManage={canManage} onSaved={onSaved} />
          </div>
        </>
      )}
    </ConsoleShell>
  );
}
