// The messages of a thread, the same on both sides: who wrote (the team member's name), when,
// and whether the other side has read. Messages written on this phone and not sent yet follow,
// marked as waiting (or refused, with why and a way to remove them).

import type { ComponentChildren } from 'preact';
import type { components } from '../api/schema';
import { formatDate, t } from '../i18n';
import type { QueuedMessage } from '../lib/messages';

type Message = components['schemas']['MessageOut'];

export function MessageList(props: { messages: Message[]; queued?: QueuedMessage[]; onRemove?: (id: string) => void }) {
  return (
    <ol class="plain messages" aria-live="polite">
      {props.messages.map((m) => (
        <li class={`message ${m.mine ? 'message-mine' : ''} message-${m.side}`} key={m.id}>
          <p class="message-who">
            {m.mine ? t('m.you') : m.author_name || (m.side === 'team' ? t('m.team') : t('m.patientSide'))}
            {m.side === 'team' && !m.mine ? ` (${t('m.team')})` : ''} · {formatDate(m.created_at, true)}
          </p>
          <p class="message-body">{m.body}</p>
          {m.mine && <p class="hint">{m.read_by_other_side ? `✓ ${t('m.read')}` : t('m.unread')}</p>}
        </li>
      ))}
      {(props.queued ?? []).map((q) => (
        <li class={`message message-mine message-patient message-${q.state}`} key={q.id}>
          <p class="message-who">
            {t('m.you')} · {formatDate(q.at, true)}
          </p>
          <p class="message-body">{q.body}</p>
          {q.state === 'pending' ? (
            <p class="hint">◷ {t('m.waiting')}</p>
          ) : (
            <div role="alert">
              <p class="error">
                {t('m.refused')} {q.error || ''}
              </p>
              {props.onRemove && (
                <button type="button" class="button" onClick={() => props.onRemove?.(q.id)}>
                  {t('m.remove')}
                </button>
              )}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The box to write in, the same on both sides; `hint` goes between the box and the button. */
export function MessageForm(props: {
  body: string;
  onBody: (text: string) => void;
  onSend: () => void;
  disabled?: boolean;
  hint?: ComponentChildren;
}) {
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSend();
      }}
    >
      <label for="message-body">{t('m.write')}</label>
      <textarea
        id="message-body"
        rows={3}
        maxLength={4000}
        value={props.body}
        onInput={(e) => props.onBody((e.target as HTMLTextAreaElement).value)}
      />
      {props.hint}
      <button type="submit" class="button primary" disabled={props.disabled || !props.body.trim()}>
        {t('m.send')}
      </button>
    </form>
  );
}
