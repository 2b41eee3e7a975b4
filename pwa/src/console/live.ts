// The live channel: server-sent events from /api/live. The browser reconnects on its own after a
// network drop (the server sends `retry`); when the server refuses or the stream closes, try again
// a little later. Each (re)connection reloads the list, so nothing missed meanwhile is lost.

import { useEffect, useState } from 'preact/hooks';

export interface LiveEvent {
  id: string;
  patient_id: string;
  team_id: string;
  level?: string;
  state?: string;
  escalation_step?: number;
  side?: string;
}

export function useLive(onEvent: (kind: 'alert' | 'message' | 'ready', event: LiveEvent | null) => void): boolean {
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return undefined;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = (): void => {
      source = new EventSource('/api/live', { withCredentials: true });
      source.addEventListener('ready', () => {
        setConnected(true);
        onEvent('ready', null);
      });
      for (const kind of ['alert', 'message'] as const) {
        source.addEventListener(kind, (e) => {
          try {
            onEvent(kind, JSON.parse((e as MessageEvent<string>).data) as LiveEvent);
          } catch {
            // A malformed event is ignored; the next reload shows the truth.
          }
        });
      }
      source.onerror = () => {
        setConnected(false);
        if (source && source.readyState === EventSource.CLOSED && !stopped) {
          timer = setTimeout(open, 5000);
        }
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the handler is read through a closure on purpose: connect once per screen
  }, []);
  return connected;
}
