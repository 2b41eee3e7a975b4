// The administrator's space: staff accounts (create one whose password the person sets from a
// one-time link, change a role, deactivate and reactivate, reset the second factor, see where
// they are signed in) and care teams (create one with its lead). An administrator reads no
// clinical data: nothing here shows a patient.

import { useEffect, useRef, useState } from 'preact/hooks';
import {
  adminApi,
  STAFF_ROLES,
  TEAM_KINDS,
  type SessionRow,
  type StaffAccount,
  type StaffRole,
  type TeamKind,
} from '../api/admin';
import { api } from '../api/client';
import { ROLES as TEAM_ROLES, type Role as TeamRole, type TeamDetail } from '../api/team';
import '../i18n/admin';
import { formatDate, lang, type MessageKey, t } from '../i18n';
import { errorMessage } from '../lib/errors';
import type { Route } from '../lib/router';
import { useStore } from '../lib/store';
import { deviceName } from '../patient/Sessions';
import { ErrorText } from '../ui';
import { ConsoleShell } from './Shell';

const roleName = (r: string): string => t(`a.role.${r}` as MessageKey);
const teamRoleName = (r: string): string => t(`c.role.${r}` as MessageKey);
const kindName = (k: string): string => t(`a.kind.${k}` as MessageKey);

function statusOf(u: StaffAccount): 'deactivated' | 'pending' | 'active' {
  if (!u.is_active) return 'deactivated';
  // Linked to the hospital's provider: signs in there, no password to set up here.
  return u.setup_pending && !u.provider_linked ? 'pending' : 'active';
}

function Status(props: { user: StaffAccount }) {
  const status = statusOf(props.user);
  return <span class={`account-status account-${status}`}>{t(`a.status.${status}`)}</span>;
}

/** A sentence said by screen readers each time it changes (a new text each time). */
function useAnnounce(): [string, (text: string) => void] {
  const [said, setSaid] = useState('');
  return [
    said,
    (text) => {
      setSaid('');
      setTimeout(() => setSaid(text), 50);
    },
  ];
}

/** Loads the staff accounts, with a way to load them again after a change. */
function useStaff(): [StaffAccount[] | null, string | null, () => void] {
  const [users, setUsers] = useState<StaffAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    adminApi.staff().then(
      (list) => live && setUsers(list),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [tick]);
  return [users, error, () => setTick((n) => n + 1)];
}

function Loading() {
  return <p role="status">{t('a.loading')}</p>;
}

function LoadFailed(props: { error: string; retry: () => void }) {
  return (
    <div role="alert" class="status-block">
      <p class="error">{props.error}</p>
      <button type="button" class="button" onClick={props.retry}>
        {t('a.retry')}
      </button>
    </div>
  );
}

// --- the staff list and the new account form -----------------------------------------------------

/** The hospital's provider's name when staff sign in only there (no password to set up). */
function useProviderOnly(): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    api<{ enabled: boolean; provider_name: string | null; staff_passwords: boolean }>('GET', '/api/auth/oidc').then(
      (about) => setName(about.enabled && !about.staff_passwords ? (about.provider_name ?? '') : null),
      () => setName(null),
    );
  }, []);
  return name;
}

function CreateAccount(props: { onCreated: () => void }) {
  const providerOnly = useProviderOnly();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [rpps, setRpps] = useState('');
  const [role, setRole] = useState<StaffRole>('clinician');
  const [locale, setLocale] = useState<'fr' | 'en'>(lang());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<{ email: string; sent: boolean } | null>(null);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!name.trim()) missing.display_name = t('a.create.nameNeeded');
    if (!/^[^@\s]+@[^@\s]+$/.test(email.trim())) missing.email = t('a.create.emailNeeded');
    if (rpps.trim() && !/^[0-9A-Za-z]{4,64}$/.test(rpps.trim())) missing.professional_id = t('a.create.rppsFormat');
    setFieldErrors(missing);
    setDone(null);
    if (Object.keys(missing).length) return;
    setBusy(true);
    setError(null);
    try {
      const made = await adminApi.create({
        email: email.trim(),
        display_name: name.trim(),
        role,
        locale,
        ...(rpps.trim() ? { professional_id: rpps.trim() } : {}),
      });
      setDone({ email: made.user.email, sent: made.setup_link_sent });
      setName('');
      setEmail('');
      setRpps('');
      props.onCreated();
    } catch (e) {
      const byField: Record<string, string> = {};
      if (e instanceof Error && 'errors' in e) {
        for (const f of (e as { errors: { field: string; message: string }[] }).errors) byField[f.field] = f.message;
      }
      setFieldErrors(byField);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const invalid = (field: string) =>
    fieldErrors[field] ? { 'aria-invalid': true, 'aria-describedby': `new-${field}-error` } : {};
  return (
    <section class="card" aria-labelledby="new-account-title">
      <h2 id="new-account-title">{t('a.create.title')}</h2>
      <p class="hint">
        {providerOnly !== null ? t('a.create.introProvider', { name: providerOnly }) : t('a.create.intro')}
      </p>
      <form class="form admin-form" onSubmit={(e) => void submit(e)} noValidate data-testid="new-account">
        <label for="new-display_name">{t('a.create.name')}</label>
        <input
          id="new-display_name"
          autocomplete="off"
          value={name}
          maxLength={200}
          {...invalid('display_name')}
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
        />
        <ErrorText id="new-display_name-error" text={fieldErrors.display_name ?? null} />
        <label for="new-email">{t('a.create.email')}</label>
        <input
          id="new-email"
          type="email"
          autocomplete="off"
          value={email}
          maxLength={254}
          {...invalid('email')}
          onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
        />
        <ErrorText id="new-email-error" text={fieldErrors.email ?? null} />
        <label for="new-professional_id">{t('a.create.rpps')}</label>
        <input
          id="new-professional_id"
          autocomplete="off"
          inputMode="numeric"
          value={rpps}
          maxLength={64}
          aria-describedby={fieldErrors.professional_id ? 'new-professional_id-error' : 'new-professional_id-hint'}
          {...(fieldErrors.professional_id ? { 'aria-invalid': true } : {})}
          onInput={(e) => setRpps((e.target as HTMLInputElement).value)}
        />
        <p class="hint" id="new-professional_id-hint">
          {t('a.create.rppsHint')}
        </p>
        <ErrorText id="new-professional_id-error" text={fieldErrors.professional_id ?? null} />
        <label for="new-role">{t('a.create.role')}</label>
        <select
          id="new-role"
          value={role}
          onChange={(e) => setRole((e.target as HTMLSelectElement).value as StaffRole)}
        >
          {STAFF_ROLES.map((r) => (
            <option value={r}>{roleName(r)}</option>
          ))}
        </select>
        <label for="new-locale">{t('a.create.locale')}</label>
        <select
          id="new-locale"
          value={locale}
          onChange={(e) => setLocale((e.target as HTMLSelectElement).value as 'fr' | 'en')}
        >
          <option value="fr" lang="fr">
            Français
          </option>
          <option value="en" lang="en">
            English
          </option>
        </select>
        <ErrorText text={error} />
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? t('a.wait') : t('a.create.submit')}
        </button>
      </form>
      <div role="status" data-testid="created">
        {done && (
          <div class="note">
            <p>
              <strong>{t('a.create.done', { email: done.email })}</strong>
            </p>
            {providerOnly !== null ? (
              <p>{t('a.create.provider', { name: providerOnly })}</p>
            ) : done.sent ? (
              <p>{t('a.create.sent')}</p>
            ) : (
              <>
                <p>{t('a.create.noEmail')}</p>
                <pre class="command">
                  <code>relais setup-link {done.email}</code>
                </pre>
              </>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

export function StaffList(props: { route: Route }) {
  const [users, error, reload] = useStaff();
  return (
    <ConsoleShell route={props.route} title={t('a.staff.title')}>
      <p class="hint">{t('a.staff.intro')}</p>
      <section class="card wide" aria-labelledby="staff-title">
        <h2 id="staff-title">{t('a.staff.list')}</h2>
        {error && <LoadFailed error={error} retry={reload} />}
        {!error && users === null && <Loading />}
        {users !== null && users.length === 0 && <p>{t('a.staff.empty')}</p>}
        {users !== null && users.length > 0 && (
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="staff-title">
            <table class="staff stack" data-testid="staff">
              <thead>
                <tr>
                  <th scope="col">{t('a.col.name')}</th>
                  <th scope="col">{t('a.col.email')}</th>
                  <th scope="col">{t('a.col.role')}</th>
                  <th scope="col">{t('a.col.status')}</th>
                  <th scope="col">{t('a.col.secondFactor')}</th>
                  <th scope="col">{t('a.col.lastSignIn')}</th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr data-email={u.email}>
                    <th scope="row">
                      <a href={`/console/admin/staff/${u.id}`}>{u.display_name}</a>
                    </th>
                    <td data-label={t('a.col.email')}>{u.email}</td>
                    <td data-label={t('a.col.role')}>{roleName(u.role)}</td>
                    <td data-label={t('a.col.status')}>
                      <Status user={u} />
                    </td>
                    <td data-label={t('a.col.secondFactor')}>{u.totp_enabled ? t('a.on') : t('a.off')}</td>
                    <td data-label={t('a.col.lastSignIn')}>
                      {u.last_sign_in_at ? formatDate(u.last_sign_in_at, true) : t('a.never')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <CreateAccount onCreated={reload} />
    </ConsoleShell>
  );
}

// --- one person's account ------------------------------------------------------------------------

/** A yes/no question in a modal dialog: the focus goes to its title, Escape or Cancel closes it,
 * and the focus returns to the button that opened it. */
function Confirm(props: {
  id: string;
  title: string;
  text: string;
  yes: string;
  open: boolean;
  onAnswer: (yes: boolean) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const answered = useRef(false);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (props.open && !d.open) {
      answered.current = false;
      d.showModal();
    } else if (!props.open && d.open) d.close();
  }, [props.open]);
  function answer(yes: boolean): void {
    answered.current = true;
    dialog.current?.close();
    props.onAnswer(yes);
  }
  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby={`${props.id}-title`}
      aria-describedby={`${props.id}-text`}
      data-testid={props.id}
      onClose={() => !answered.current && props.onAnswer(false)}
    >
      {props.open && (
        <>
          <h2 id={`${props.id}-title`} tabIndex={-1} autoFocus>
            {props.title}
          </h2>
          <p id={`${props.id}-text`}>{props.text}</p>
          <div class="row">
            <button type="button" class="button" onClick={() => answer(false)}>
              {t('a.cancel')}
            </button>
            <button type="button" class="button danger" data-action="confirm" onClick={() => answer(true)}>
              {props.yes}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

function Sessions(props: { user: StaffAccount; version: number }) {
  const [rows, setRows] = useState<SessionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    adminApi.sessions(props.user.id).then(
      (list) => live && setRows(list),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [props.user.id, props.version, tick]);
  return (
    <section class="card wide" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('a.sessions.title')}</h2>
      {error && <LoadFailed error={error} retry={() => setTick((n) => n + 1)} />}
      {!error && rows === null && <Loading />}
      {rows !== null && rows.length === 0 && <p data-testid="no-sessions">{t('a.sessions.none')}</p>}
      {rows !== null && rows.length > 0 && (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="sessions-title">
          <table class="stack" data-testid="sessions">
            <thead>
              <tr>
                <th scope="col">{t('a.sessions.device')}</th>
                <th scope="col">{t('a.sessions.lastSeen')}</th>
                <th scope="col">{t('a.sessions.since')}</th>
                <th scope="col">{t('a.sessions.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">{deviceName(r.user_agent)}</th>
                  <td data-label={t('a.sessions.lastSeen')}>{formatDate(r.last_seen_at, true)}</td>
                  <td data-label={t('a.sessions.since')}>{formatDate(r.created_at, true)}</td>
                  <td data-label={t('a.sessions.ip')}>{r.ip}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button type="button" class="button subtle" onClick={() => setTick((n) => n + 1)}>
        {t('a.sessions.refresh')}
      </button>
    </section>
  );
}

type Asking = 'deactivate' | 'reset' | null;
type Where = 'role' | 'access';

export function StaffPerson(props: { route: Route; id: string }) {
  const s = useStore();
  const [users, loadError, reload] = useStaff();
  const [said, announce] = useAnnounce();
  // A refusal is shown in the section whose action it answers.
  const [error, setError] = useState<{ where: Where; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<Asking>(null);
  // The role chosen in the form, until it is saved (null: the account's own). Set by the person
  // only: an effect copying the account's role in would undo a choice made before it runs.
  const [role, setRole] = useState<StaffRole | null>(null);
  const [version, setVersion] = useState(0);
  const user = users?.find((u) => u.id === props.id) ?? null;
  const self = user?.id === s.user?.id;

  async function act(where: Where, fn: () => Promise<unknown>, doneText: string): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await fn();
      announce(doneText);
      reload();
      setVersion((n) => n + 1);
    } catch (e) {
      setError({ where, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  const title = user ? user.display_name : t('a.person.title');
  return (
    <ConsoleShell route={props.route} title={title}>
      <p>
        <a href="/console/admin">{t('a.person.back')}</a>
      </p>
      {loadError && <LoadFailed error={loadError} retry={reload} />}
      {!loadError && users === null && <Loading />}
      {users !== null && !user && <p>{t('a.person.notFound')}</p>}
      <p role="status" class="status" data-testid="said">
        {said}
      </p>
      {user && (
        <div class="patient-grid">
          <section class="card" aria-labelledby="account-title">
            <h2 id="account-title">{t('a.person.account')}</h2>
            <dl class="facts">
              <dt>{t('a.col.email')}</dt>
              <dd>{user.email}</dd>
              <dt>{t('a.col.role')}</dt>
              <dd>{roleName(user.role)}</dd>
              <dt>{t('a.col.status')}</dt>
              <dd>
                <Status user={user} />
              </dd>
              <dt>{t('a.col.secondFactor')}</dt>
              <dd>{user.totp_enabled ? t('a.on') : t('a.off')}</dd>
              <dt>{t('a.col.lastSignIn')}</dt>
              <dd>{user.last_sign_in_at ? formatDate(user.last_sign_in_at, true) : t('a.never')}</dd>
            </dl>
          </section>
          <section class="card" aria-labelledby="role-title">
            <h2 id="role-title">{t('a.role.title')}</h2>
            {self ? (
              <p class="note">{t('a.role.self')}</p>
            ) : (
              <form
                class="form"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (role && role !== user.role)
                    void act(
                      'role',
                      async () => {
                        await adminApi.changeRole(user.id, role);
                        setRole(null);
                      },
                      t('a.role.done', { role: roleName(role) }),
                    );
                }}
              >
                <p class="hint">{t('a.role.intro')}</p>
                <label for="staff-role">{t('a.col.role')}</label>
                <select
                  id="staff-role"
                  value={role ?? user.role}
                  onChange={(e) => setRole((e.target as HTMLSelectElement).value as StaffRole)}
                >
                  {STAFF_ROLES.map((r) => (
                    <option value={r}>{roleName(r)}</option>
                  ))}
                </select>
                <ErrorText id="role-error" text={error?.where === 'role' ? error.text : null} />
                <button type="submit" class="button primary" disabled={busy || (role ?? user.role) === user.role}>
                  {t('a.role.submit')}
                </button>
              </form>
            )}
          </section>
          <section class="card" aria-labelledby="access-title">
            <h2 id="access-title">{t('a.access.title')}</h2>
            {self ? (
              <p class="note">{t('a.access.self')}</p>
            ) : user.is_active ? (
              <>
                <p class="hint">{t('a.deactivate.intro')}</p>
                <button
                  type="button"
                  class="button danger"
                  data-action="deactivate"
                  disabled={busy}
                  onClick={() => setAsking('deactivate')}
                >
                  {t('a.deactivate')}
                </button>
              </>
            ) : (
              <>
                <p class="hint">{t('a.reactivate.intro')}</p>
                <button
                  type="button"
                  class="button primary"
                  data-action="reactivate"
                  disabled={busy}
                  onClick={() =>
                    void act(
                      'access',
                      () => adminApi.reactivate(user.id),
                      t('a.reactivate.done', { name: user.display_name }),
                    )
                  }
                >
                  {t('a.reactivate')}
                </button>
              </>
            )}
            <h3>{t('a.reset.title')}</h3>
            <p class="hint">{user.totp_enabled ? t('a.reset.intro') : t('a.reset.none')}</p>
            {user.totp_enabled && !self && (
              <button
                type="button"
                class="button danger"
                data-action="reset-second-factor"
                disabled={busy}
                onClick={() => setAsking('reset')}
              >
                {t('a.reset')}
              </button>
            )}
            <ErrorText text={error?.where === 'access' ? error.text : null} />
          </section>
          <Sessions user={user} version={version} />
          <Confirm
            id="confirm-deactivate"
            open={asking === 'deactivate'}
            title={t('a.deactivate.confirm', { name: user.display_name })}
            text={t('a.deactivate.text')}
            yes={t('a.deactivate.yes')}
            onAnswer={(yes) => {
              setAsking(null);
              if (yes)
                void act(
                  'access',
                  () => adminApi.deactivate(user.id),
                  t('a.deactivate.done', { name: user.display_name }),
                );
            }}
          />
          <Confirm
            id="confirm-reset"
            open={asking === 'reset'}
            title={t('a.reset.confirm', { name: user.display_name })}
            text={t('a.reset.text')}
            yes={t('a.reset.yes')}
            onAnswer={(yes) => {
              setAsking(null);
              if (yes)
                void act(
                  'access',
                  () => adminApi.resetSecondFactor(user.id),
                  t('a.reset.done', { name: user.display_name }),
                );
            }}
          />
        </div>
      )}
    </ConsoleShell>
  );
}

// --- care teams ----------------------------------------------------------------------------------

function CreateTeam(props: { clinicians: StaffAccount[]; onCreated: (team: TeamDetail, lead: string) => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<TeamKind>('hospital_service');
  const [phone, setPhone] = useState('');
  const [lead, setLead] = useState('');
  const [leadRole, setLeadRole] = useState<TeamRole>('coordinating_nurse');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (name.trim().length < 2) missing.name = t('a.team.nameNeeded');
    if (!lead) missing.lead = t('a.team.leadNeeded');
    setFieldErrors(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    setError(null);
    try {
      const team = await adminApi.createTeam({
        name: name.trim(),
        kind,
        phone: phone.trim(),
        lead_user_id: lead,
        lead_role: leadRole,
      });
      setName('');
      setPhone('');
      setLead('');
      props.onCreated(team, props.clinicians.find((c) => c.id === lead)?.display_name ?? '');
    } catch (e) {
      // Refused: neither the team nor its lead was created.
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const invalid = (field: string) =>
    fieldErrors[field] ? { 'aria-invalid': true, 'aria-describedby': `team-${field}-error` } : {};
  return (
    <section class="card" aria-labelledby="new-team-title">
      <h2 id="new-team-title">{t('a.team.create')}</h2>
      <p class="hint">{t('a.team.intro')}</p>
      <form class="form admin-form" onSubmit={(e) => void submit(e)} noValidate data-testid="new-team">
        <label for="team-name">{t('a.team.name')}</label>
        <input
          id="team-name"
          value={name}
          maxLength={200}
          {...invalid('name')}
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
        />
        <ErrorText id="team-name-error" text={fieldErrors.name ?? null} />
        <label for="team-kind">{t('a.team.kind')}</label>
        <select
          id="team-kind"
          value={kind}
          onChange={(e) => setKind((e.target as HTMLSelectElement).value as TeamKind)}
        >
          {TEAM_KINDS.map((k) => (
            <option value={k}>{kindName(k)}</option>
          ))}
        </select>
        <label for="team-phone">{t('a.team.phone')}</label>
        <input
          id="team-phone"
          type="tel"
          value={phone}
          maxLength={30}
          onInput={(e) => setPhone((e.target as HTMLInputElement).value)}
        />
        <label for="team-lead">{t('a.team.lead')}</label>
        <select
          id="team-lead"
          value={lead}
          aria-invalid={fieldErrors.lead ? true : undefined}
          aria-describedby={fieldErrors.lead ? 'team-lead-error team-lead-hint' : 'team-lead-hint'}
          onChange={(e) => setLead((e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('a.team.leadChoose')}</option>
          {props.clinicians.map((c) => (
            <option value={c.id}>
              {c.display_name} ({c.email})
            </option>
          ))}
        </select>
        <ErrorText id="team-lead-error" text={fieldErrors.lead ?? null} />
        <p class="hint" id="team-lead-hint">
          {t('a.team.leadHint')}
        </p>
        <label for="team-lead-role">{t('a.team.leadRole')}</label>
        <select
          id="team-lead-role"
          value={leadRole}
          onChange={(e) => setLeadRole((e.target as HTMLSelectElement).value as TeamRole)}
        >
          {TEAM_ROLES.map((r) => (
            <option value={r}>{teamRoleName(r)}</option>
          ))}
        </select>
        <ErrorText text={error} />
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? t('a.wait') : t('a.team.submit')}
        </button>
      </form>
    </section>
  );
}

export function AdminTeams(props: { route: Route }) {
  const [teams, setTeams] = useState<TeamDetail[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [users] = useStaff();
  const [said, announce] = useAnnounce();
  const [made, setMade] = useState<TeamDetail | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    adminApi.teams().then(
      (list) => live && setTeams(list),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [tick]);
  const clinicians = (users ?? []).filter((u) => u.role === 'clinician' && u.is_active);
  return (
    <ConsoleShell route={props.route} title={t('a.teams.title')}>
      <p class="hint">{t('a.teams.intro')}</p>
      <div role="status" class="status" data-testid="said">
        {said}
        {said && made && (
          <>
            {' '}
            <a href={`/console/team/${made.id}`}>{t('a.teams.addMembers', { team: made.name })}</a>
          </>
        )}
      </div>
      <section class="card wide" aria-labelledby="teams-title">
        <h2 id="teams-title">{t('a.teams.list')}</h2>
        {error && <LoadFailed error={error} retry={() => setTick((n) => n + 1)} />}
        {!error && teams === null && <Loading />}
        {teams !== null && teams.length === 0 && <p>{t('a.teams.empty')}</p>}
        {teams !== null && teams.length > 0 && (
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="teams-title">
            <table class="stack" data-testid="teams">
              <thead>
                <tr>
                  <th scope="col">{t('a.team.name')}</th>
                  <th scope="col">{t('a.team.kind')}</th>
                  <th scope="col">{t('a.team.phone')}</th>
                </tr>
              </thead>
              <tbody>
                {teams.map((tm) => (
                  <tr>
                    <th scope="row">
                      <a href={`/console/team/${tm.id}`}>{tm.name}</a>
                    </th>
                    <td data-label={t('a.team.kind')}>{kindName(tm.kind)}</td>
                    <td data-label={t('a.team.phone')}>{tm.phone}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <CreateTeam
        clinicians={clinicians}
        onCreated={(team, lead) => {
          setMade(team);
          announce(t('a.team.done', { team: team.name, lead }));
          setTick((n) => n + 1);
        }}
      />
    </ConsoleShell>
  );
}
