// The ids a phone makes for what it sends. A form's answers go with an id made here, so that the
// server can tell a retry (the answer to the first sending was lost) from a new sending, and
// store them once.

export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface Attempt {
  id: string;
  /** When the answers were given: sent again with them. */
  at: string;
}

/** The id a form sends its answers with (and their time). Kept while the same answers are sent
 * again after the connection failed: the first sending may have reached the server, which then
 * answers from what it stored instead of storing them twice. New once they were sent, or when
 * the answers change. */
export class Sending {
  private last: (Attempt & { key: string }) | null = null;

  next(content: unknown, now: () => Date = () => new Date()): Attempt {
    const key = canonical(content);
    if (this.last?.key !== key) this.last = { key, id: newId(), at: now().toISOString() };
    return { id: this.last.id, at: this.last.at };
  }

  sent(): void {
    this.last = null;
  }

  /** Sends the answers with the id ``next`` gives them; a new id is made for the next answers
   * once this sending has succeeded. */
  async send<T>(content: unknown, post: (attempt: Attempt) => Promise<T>): Promise<T> {
    const result = await post(this.next(content));
    this.sent();
    return result;
  }
}
