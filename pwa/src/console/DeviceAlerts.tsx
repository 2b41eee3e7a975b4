// "Alerts on this device": a staff member turns Web Push on or off for this browser, sends
// themselves a test, and sees each of their devices with what its last push did (working,
// failing) or, with none, that alerts reach them by email.

import { useEffect, useState } from 'preact/hooks';
import { formatDate, type MessageKey, t } from '../i18n';
import { errorMessage } from '../lib/errors';
import {
  disablePush,
  enablePush,
  isIos,
  isStandalone,
  pushDevices,
  pushStatus,
  sendTestPush,
  thisDeviceEndpoint,
  type PushDevice,
  type PushStatus,
  type PushTest,
} from '../lib/push';
import { useStore } from '../lib/store';
import { ErrorText } from '../ui';

const why = (code: string): string => t(`c.device.err.${code || 'refused'}` as MessageKey);

function testSummary(result: PushTest): string {
  if (result.devices.length === 0) return t('c.device.noneTest');
  if (result.sent === 0) return t('c.device.sentNone');
  if (result.failed > 0) return t('c.device.sentSome', { sent: result.sent, failed: result.failed });
  return t('c.device.sent', { n: result.sent });
}

function Device(props: { device: PushDevice; mine: boolean }) {
  const d = props.device;
  const status = d.status ?? 'unknown';
  const icon = status === 'working' ? '✓' : status === 'failing' ? '!' : '○';
  return (
    <li class={`device device-${status}`} data-device={d.id} data-status={status}>
      <span class="device-name">
        {d.label || t('c.device.unnamed')}
        {props.mine && <span class="hint"> ({t('c.device.this')})</span>}
      </span>
      <span class={`device-status device-status-${status}`}>
        <span aria-hidden="true">{icon} </span>
        {t(`c.device.${status}` as MessageKey)}
      </span>
      {status === 'working' && d.last_ok_at && (
        <span class="hint">{t('c.device.lastOk', { when: formatDate(d.last_ok_at, true) })}</span>
      )}
      {status === 'failing' && d.last_error_at && (
        <span class="hint">
          {t('c.device.lastError', { when: formatDate(d.last_error_at, true), why: why(d.last_error ?? '') })}
        </span>
      )}
    </li>
  );
}

export function DeviceAlerts() {
  const s = useStore();
  const [status, setStatus] = useState<PushStatus | null>(null);
  const [devices, setDevices] = useState<PushDevice[] | null>(null);
  const [mine, setMine] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState('');

  async function refresh(): Promise<void> {
    const [st, list, endpoint] = await Promise.all([pushStatus(), pushDevices(), thisDeviceEndpoint()]);
    setStatus(st);
    setDevices(list);
    setMine(endpoint);
  }
  useEffect(() => {
    refresh().catch((e: unknown) => setError(errorMessage(e)));
  }, []);

  async function run(action: () => Promise<string | void>): Promise<void> {
    setBusy(true);
    setError(null);
    setSaid('');
    try {
      const text = await action();
      await refresh();
      if (text) setSaid(text);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const allFailing = devices?.every((d) => d.status === 'failing') ?? false;
  return (
    <section class="card wide device-alerts" aria-labelledby="device-title">
      <h2 id="device-title">{t('c.device.title')}</h2>
      <p>{t('c.device.intro')}</p>
      {status === 'ios-home-screen' && <p class="hint">{t('c.device.ios')}</p>}
      {status === 'unsupported' && <p>{t('c.device.unsupported')}</p>}
      {status === 'denied' && <p>{t('c.device.denied')}</p>}
      {status === 'on' && <p class="status status-sent">{t('c.device.on')}</p>}
      {status === 'off' && (
        <>
          <p class="status">{t('c.device.off')}</p>
          {isIos() && !isStandalone() && <p class="hint">{t('c.device.ios')}</p>}
        </>
      )}
      <div class="alert-actions">
        {status === 'off' && (
          <button
            type="button"
            class="button primary"
            data-action="push-on"
            disabled={busy}
            onClick={() => void run(async () => ((await enablePush()) === 'on' ? t('c.device.on') : undefined))}
          >
            {t('c.device.enable')}
          </button>
        )}
        {status === 'on' && (
          <button
            type="button"
            class="button"
            data-action="push-off"
            disabled={busy}
            onClick={() => void run(async () => (await disablePush(), t('c.device.off')))}
          >
            {t('c.device.disable')}
          </button>
        )}
        <button
          type="button"
          class="button"
          data-action="push-test"
          disabled={busy || devices === null}
          onClick={() => void run(async () => testSummary(await sendTestPush()))}
        >
          {busy ? t('c.device.testing') : t('c.device.test')}
        </button>
      </div>
      <p role="status" class="device-result">
        {said}
      </p>
      <ErrorText text={error} />
      <h3 id="devices-title">{t('c.device.list')}</h3>
      {devices === null && !error && <p>{t('c.loading')}</p>}
      {devices !== null && devices.length === 0 && (
        <p class="note" data-devices="none">
          {t('c.device.none', { email: s.user?.email ?? '' })}
        </p>
      )}
      {devices !== null && devices.length > 0 && (
        <>
          <ul class="plain devices" aria-labelledby="devices-title">
            {devices.map((d) => (
              <Device key={d.id} device={d} mine={d.endpoint === mine} />
            ))}
          </ul>
          {allFailing && <p class="note">{t('c.device.emailFallback')}</p>}
        </>
      )}
    </section>
  );
}
