// Web Push: asked only from a button, never on page load; the subscription is sent again each
// time the app opens (the push service may have renewed it), and made again when the server's key
// has changed (a rotated VAPID key). iPhones only offer push to an app added to the home screen.

import { api } from '../api/client';
import type { components } from '../api/schema';

export type PushStatus = 'unsupported' | 'ios-home-screen' | 'denied' | 'off' | 'on';

interface PushKey {
  application_server_key: string;
}

function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const padded = value.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (value.length % 4)) % 4);
  const raw = atob(padded);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i += 1) out[i] = raw.charCodeAt(i);
  return out;
}

export function isIos(): boolean {
  return (
    /iPhone|iPad|iPod/.test(navigator.userAgent) || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1)
  );
}

export function isStandalone(): boolean {
  return (
    window.matchMedia('(display-mode: standalone)').matches ||
    (navigator as unknown as { standalone?: boolean }).standalone === true
  );
}

/** Whether a subscription was made with this server key (base64url); a browser that does not
 * tell is trusted. After a key rotation, the old subscription can no longer receive anything. */
export function madeWithKey(applicationServerKey: ArrayBuffer | null | undefined, key: string): boolean {
  if (!applicationServerKey) return true;
  const have = new Uint8Array(applicationServerKey);
  const want = base64UrlToBytes(key);
  return have.length === want.length && have.every((byte, i) => byte === want[i]);
}

/** This device's subscription, made with the server's current key. */
async function currentSubscription(reg: ServiceWorkerRegistration): Promise<PushSubscription> {
  const { application_server_key: key } = await api<PushKey>('GET', '/api/push/key');
  const sub = await reg.pushManager.getSubscription();
  if (sub && madeWithKey(sub.options?.applicationServerKey, key)) return sub;
  if (sub) {
    // Made with a key the server no longer has: forget it on both sides.
    await api('DELETE', '/api/push/subscriptions', { endpoint: sub.endpoint }).catch(() => undefined);
    await sub.unsubscribe().catch(() => false);
  }
  return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(key) });
}

async function registration(): Promise<ServiceWorkerRegistration | undefined> {
  return navigator.serviceWorker?.getRegistration();
}

export async function pushStatus(): Promise<PushStatus> {
  const supported = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
  if (!supported) return isIos() && !isStandalone() ? 'ios-home-screen' : 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  const reg = await registration();
  const sub = await reg?.pushManager.getSubscription();
  return sub && Notification.permission === 'granted' ? 'on' : 'off';
}

async function send(sub: PushSubscription): Promise<void> {
  const json = sub.toJSON();
  await api('POST', '/api/push/subscriptions', {
    endpoint: json.endpoint,
    keys: { p256dh: json.keys?.p256dh, auth: json.keys?.auth },
  });
}

/** From a button: asks the permission, subscribes, tells the server. */
export async function enablePush(): Promise<PushStatus> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return permission === 'denied' ? 'denied' : 'off';
  const reg = await registration();
  if (!reg) return 'unsupported';
  await send(await currentSubscription(reg));
  return 'on';
}

export async function disablePush(): Promise<PushStatus> {
  const reg = await registration();
  const sub = await reg?.pushManager.getSubscription();
  if (sub) {
    await api('DELETE', '/api/push/subscriptions', { endpoint: sub.endpoint }).catch(() => undefined);
    await sub.unsubscribe();
  }
  return 'off';
}

/** At each opening: the push service may have changed the subscription, or the server its key;
 * the server learns the subscription this device has now. */
export async function resyncPush(): Promise<void> {
  if (!('PushManager' in window) || !('Notification' in window) || Notification.permission !== 'granted') return;
  const reg = await registration();
  if (reg && (await reg.pushManager.getSubscription())) await send(await currentSubscription(reg));
}

/** At sign-out: this phone stops receiving the person's notifications. */
export async function forgetPush(): Promise<void> {
  await disablePush().catch(() => undefined);
}

/** One of the person's devices that receives notifications, with what its last push did. */
export type PushDevice = components['schemas']['SubscriptionOut'];
/** What "send me a test" did on each device. */
export type PushTest = components['schemas']['PushTestOut'];

export function pushDevices(): Promise<PushDevice[]> {
  return api<PushDevice[]>('GET', '/api/push/subscriptions');
}

/** A neutral notification to each of my devices, now. */
export function sendTestPush(): Promise<PushTest> {
  return api<PushTest>('POST', '/api/push/test');
}

/** This browser's push endpoint, if it has a subscription (to point it out in the list). */
export async function thisDeviceEndpoint(): Promise<string | null> {
  if (!('PushManager' in window)) return null;
  const sub = await (await registration())?.pushManager.getSubscription();
  return sub?.endpoint ?? null;
}
