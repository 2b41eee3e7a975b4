import { describe, expect, it } from 'vitest';
import { madeWithKey } from '../../src/lib/push';

// A P-256 public key as /api/push/key gives it (base64url, 65 bytes), and the same bytes as the
// browser reports them in PushSubscription.options.applicationServerKey.
const KEY = 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U';
function bytes(b64url: string): ArrayBuffer {
  const raw = atob(b64url.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0)).buffer;
}

describe('push subscription after a VAPID key rotation', () => {
  it('keeps a subscription made with the current key', () => {
    expect(madeWithKey(bytes(KEY), KEY)).toBe(true);
  });
  it('makes a new one when the server key changed', () => {
    const rotated = KEY.slice(0, 10) + (KEY[10] === 'A' ? 'B' : 'A') + KEY.slice(11);
    expect(madeWithKey(bytes(KEY), rotated)).toBe(false);
    expect(madeWithKey(new ArrayBuffer(0), KEY)).toBe(false);
  });
  it('trusts a browser that does not say which key it used', () => {
    expect(madeWithKey(null, KEY)).toBe(true);
    expect(madeWithKey(undefined, KEY)).toBe(true);
  });
});
