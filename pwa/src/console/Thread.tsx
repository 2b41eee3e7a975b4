// A patient's message thread, the same on both sides: the team sees who answered, both sides see
// whether the other side has read.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { consoleApi, type Thread as ThreadData } from '../api/console';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { Sending } from '../lib/sending';
import { ErrorText } from '../ui';
import { MessageForm, MessageList } from '../ui/MessageList';

export function Thread(props: {
  patientId: string;
  side: 'team' | 'patient';
  emergency?: string;
  /** Called once the thread is marked read (the console's inbox then counts again). */
  onRead?: () => void;
}) {
  const [thread, setThread] = useState<ThreadData | null>(null);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sending = useMemo(() => new Sending(), []);

  useEffect(() => {
    const onRead = props.onRead;
    consoleApi
      .markRead(props.patientId)
      .then((got) => {
        setThread(got);
        onRead?.();
      })
      .catch(() => setError(t('c.error')));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per thread opened, whatever callback the parent passes
  }, [props.patientId]);

  async function send(): Promise<void> {
    if (!body.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const text = body.trim();
      setThread(
        await sending.send({ patient: props.patientId, text }, (attempt) =>
          consoleApi.send(props.patientId, text, attempt),
        ),
      );
      setBody('');
    } catch (e) {
      // Never the address or the server's English: the reason in the reader's words.
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="thread" aria-labelledby="thread-title">
      <h2 id="thread-title">{t('m.title')}</h2>
      {props.side === 'patient' && props.emergency && (
        <p class="hint">{t('m.notice', { emergency: props.emergency })}</p>
      )}
      <ErrorText text={error} />
      {thread && thread.messages.length === 0 && <p>{t('m.empty')}</p>}
      {thread && <MessageList messages={thread.messages} />}
      <MessageForm body={body} onBody={setBody} onSend={() => void send()} disabled={busy} />
    </section>
  );
}
