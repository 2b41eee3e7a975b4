// Sharing with care teams: each team that follows the person, whether it still receives the
// follow-up, and a way to stop (or start again). What a change does is explained by the server,
// in a confirmation dialog, before anything happens. A family member sees the person they chose
// in the switcher.

import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { decideSharing, teamSharing, type TeamSharing } from '../lib/consent';
import { errorMessage } from '../lib/errors';
import { renderMarkdown } from '../lib/markdown';
import type { Route } from '../lib/router';
import { currentPerson, useStore } from '../lib/store';
import { ErrorText, PersonSwitcher, Shell } from '../ui';
import { formatDay } from './Consent';
import { FollowersCard } from './FamilyAlerts';

export function Sharing(props: { route: Route }) {
  const s = useStore();
  const person = currentPerson(s);
  const patientId = person?.patient_id ?? null;
  const canDecide = Boolean(person?.can_read_results);
  const [teams, setTeams] = useState<TeamSharing[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [asking, setAsking] = useState<TeamSharing | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    setTeams(null);
    setFailed(false);
    setDone('');
    if (!patientId) return;
    let live = true;
    teamSharing(patientId, s.lang)
      .then((list) => live && setTeams(list))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [patientId, s.lang]);

  // Opened once its content is there, so that the browser moves the focus into it.
  useEffect(() => {
    if (asking && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [asking]);

  function ask(team: TeamSharing, button: HTMLElement): void {
    opener.current = button;
    setError(null);
    setDone('');
    setAsking(team);
  }

  function closed(): void {
    setAsking(null);
    // Back to the button that opened the dialog (its words may have changed).
    const back = opener.current?.isConnected
      ? opener.current
      : document.querySelector<HTMLElement>(`[data-team="${asking?.team_id ?? ''}"] button`);
    back?.focus();
  }

  async function confirm(): Promise<void> {
    if (!asking || !patientId) return;
    const decision = asking.status === 'shared' ? 'withdrawn' : 'shared';
    setBusy(true);
    setError(null);
    try {
      const updated = await decideSharing(patientId, asking.team_id, decision, s.lang);
      setTeams((teams ?? []).map((team) => (team.team_id === updated.team_id ? updated : team)));
      setDone(t(decision === 'withdrawn' ? 'sharing.doneStop' : 'sharing.doneResume', { team: updated.team_name }));
      dialog.current?.close();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const title =
    !person || person.relation === 'self' ? t('sharing.title') : t('sharing.titleFor', { name: person.given_name });
  const stopping = asking?.status === 'shared';
  return (
    <Shell route={props.route} title={title}>
      <PersonSwitcher />
      <p>{t('sharing.intro')}</p>
      {!canDecide && person && <p class="hint">{t('sharing.notAllowed')}</p>}
      {failed && (
        <p class="error" role="alert">
          {t('sharing.error')}
        </p>
      )}
      {!teams && !failed && person && (
        <p role="status" class="loading">
          {t('status.loading')}
        </p>
      )}
      <p role="status" class="status status-sent sharing-done">
        {done}
      </p>
      {teams && teams.length === 0 && <p>{t('sharing.empty')}</p>}
      {teams && teams.length > 0 && (
        <ul class="plain">
          {teams.map((team) => (
            <li class="card sharing-team" data-team={team.team_id} data-status={team.status} key={team.team_id}>
              <h2>{team.team_name}</h2>
              <p class={team.status === 'shared' ? 'sharing-state' : 'sharing-state sharing-off'}>
                <span aria-hidden="true">{team.status === 'shared' ? '✓ ' : '⏸ '}</span>
                {t(team.status === 'shared' ? 'sharing.shared' : 'sharing.withdrawn', {
                  date: formatDay(team.since),
                })}
              </p>
              {canDecide && (
                <button
                  type="button"
                  class={team.status === 'shared' ? 'button danger' : 'button'}
                  data-action={team.status === 'shared' ? 'stop-sharing' : 'resume-sharing'}
                  onClick={(e) => ask(team, e.currentTarget)}
                >
                  {t(team.status === 'shared' ? 'sharing.stop' : 'sharing.resume', { team: team.team_name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {person?.relation === 'self' && !person.is_child && <FollowersCard patientId={person.patient_id} />}
      {person?.relation === 'proxy' && person.is_child && person.relationship === 'parent' && (
        <FollowersCard patientId={person.patient_id} child={person.given_name} />
      )}
      <a class="button" href="/my-data">
        {t('data.back')}
      </a>
      <dialog
        ref={dialog}
        class="confirm-dialog"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-text"
        onClose={closed}
      >
        {asking && (
          <>
            {/* Focused on opening, so the dialog starts at its title: with the largest text the
                consequences are longer than the screen, and focusing Cancel would scroll past them. */}
            <h2 id="confirm-title" tabIndex={-1} autoFocus>
              {t(stopping ? 'sharing.confirmStop' : 'sharing.confirmResume', { team: asking.team_name })}
            </h2>
            <div id="confirm-text" class="sharing-explanation">
              {renderMarkdown(asking.explanation)}
            </div>
            <ErrorText text={error} />
            <div class="row">
              <button type="button" class="button" onClick={() => dialog.current?.close()}>
                {t('sharing.cancel')}
              </button>
              <button
                type="button"
                class={stopping ? 'button warn' : 'button primary'}
                data-action="confirm-sharing"
                disabled={busy}
                onClick={() => void confirm()}
              >
                {busy ? t('status.wait') : t(stopping ? 'sharing.yesStop' : 'sharing.yesResume')}
              </button>
            </div>
          </>
        )}
      </dialog>
    </Shell>
  );
}
