// The patient's (or family member's) thread with the care team. It works like a messaging app
// on a phone that loses the network: the last thread read is shown at once (offline too, with
// the time it dates from), and a message written offline waits on the phone and goes once the
// network is back, stored once by the server whatever the number of tries.

import { useEffect, useState } from 'preact/hooks';
import { NetworkError } from '../api/client';
import { formatDate, t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { emergencyNumber } from '../lib/numbers';
import type { Route } from '../lib/router';
import { currentPerson, forgetMessage, loadThread, useStore, writeMessage } from '../lib/store';
import { ErrorText, PersonSwitcher, Shell } from '../ui';
import { MessageForm, MessageList } from '../ui/MessageList';

export function Messages(props: { route: Route }) {
  const s = useStore();
  const person = currentPerson(s);
  const id = person?.patient_id ?? null;
  const [problem, setProblem] = useState<string | null>(null); // 'offline', or the reason in words
  const [loading, setLoading] = useState(true);
  const [body, setBody] = useState('');

  useEffect(() => {
    if (!id) return;
    setLoading(true);
    setProblem(null);
    loadThread(id)
      .catch((e: unknown) => setProblem(e instanceof NetworkError ? 'offline' : errorMessage(e)))
      .finally(() => setLoading(false));
  }, [id, s.online]);

  if (!person || person.can_read_messages === false || !id) {
    return (
      <Shell route={props.route} title={t('m.title')}>
        <PersonSwitcher />
        <p>{t('m.notAllowed')}</p>
      </Shell>
    );
  }
  const kept = s.threads[id];
  const queued = s.messageQueue.filter((q) => q.patient_id === id);
  const emergency = emergencyNumber(s.bundle);

  function send(): void {
    const text = body.trim();
    if (!text || !id) return;
    // In the queue (on the phone) before anything else: nothing written is lost.
    setBody('');
    void writeMessage(id, text);
  }

  return (
    <Shell route={props.route} title={t('m.title')}>
      <PersonSwitcher />
      <section class="thread" aria-label={t('m.title')}>
        {emergency && <p class="hint">{t('m.notice', { emergency })}</p>}
        {problem === 'offline' ? (
          <p class="notice offline" role="status">
            {kept ? t('m.offlineAsOf', { when: formatDate(kept.fetchedAt, true) }) : t('m.offlineNone')}
          </p>
        ) : (
          <ErrorText text={problem} />
        )}
        {loading && !kept && <p role="status">{t('status.loading')}</p>}
        {kept && kept.thread.messages.length === 0 && queued.length === 0 && <p>{t('m.empty')}</p>}
        <MessageList
          messages={kept?.thread.messages ?? []}
          queued={queued}
          onRemove={(messageId) => void forgetMessage(messageId)}
        />
        <MessageForm
          body={body}
          onBody={setBody}
          onSend={send}
          hint={!s.online && <p class="hint">{t('m.offlineSend')}</p>}
        />
      </section>
    </Shell>
  );
}
