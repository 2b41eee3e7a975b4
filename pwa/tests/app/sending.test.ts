// A form's answers are sent with an id made on the phone: the same answers sent again after the
// connection failed keep it (the server answers a retry from what it stored), changed answers or
// a new form after a successful sending get a new one.
import { describe, expect, it } from 'vitest';
import { Sending } from '../../src/lib/sending';

const at = (iso: string) => () => new Date(iso);

describe('Sending', () => {
  it('keeps the id and the time while the same answers are sent again', () => {
    const s = new Sending();
    const first = s.next({ check: 'm12', answers: { a: 'yes', b: 'no' } }, at('2026-12-06T10:00:00Z'));
    // Retried later, keys in another order: the same answers, the same id and time.
    const again = s.next({ answers: { b: 'no', a: 'yes' }, check: 'm12' }, at('2026-12-06T10:05:00Z'));
    expect(again).toEqual(first);
    expect(first.at).toBe('2026-12-06T10:00:00.000Z');
  });

  it('makes a new id when the answers change', () => {
    const s = new Sending();
    const first = s.next({ weight_kg: 12.4, measured_on: '2026-12-06' });
    const changed = s.next({ weight_kg: 12.5, measured_on: '2026-12-06' });
    expect(changed.id).not.toBe(first.id);
    // An absent value is no value: the same measurement.
    expect(s.next({ weight_kg: 12.5, measured_on: '2026-12-06', head_cm: undefined }).id).toBe(changed.id);
  });

  it('makes a new id once the answers were sent, even for the same answers', () => {
    const s = new Sending();
    const first = s.next({ weight_kg: 12.4 });
    s.sent();
    expect(s.next({ weight_kg: 12.4 }).id).not.toBe(first.id);
  });

  it('makes ids in the UUID form the server expects', () => {
    const id = new Sending().next({}).id;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('Sending.send', () => {
  it('keeps the id when the sending fails, and makes a new one after it succeeded', async () => {
    const s = new Sending();
    const ids: string[] = [];
    const failing = (a: { id: string }) => {
      ids.push(a.id);
      return Promise.reject(new Error('offline'));
    };
    const working = (a: { id: string }) => {
      ids.push(a.id);
      return Promise.resolve(a.id);
    };
    await expect(s.send({ w: 12.4 }, failing)).rejects.toThrow('offline');
    expect(await s.send({ w: 12.4 }, working)).toBe(ids[0]);
    await s.send({ w: 12.4 }, working);
    expect(ids[2]).not.toBe(ids[0]);
  });
});
