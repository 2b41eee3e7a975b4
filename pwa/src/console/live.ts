// The live channel: server-sent events from /api/live, one connection for the whole console (the
// frame and the screen inside it listen to the same one). The browser reconnects on its own after
// a network drop (the server sends `retry`); when the server refuses or the stream closes, try
// again a little later. Each (re)connection reloads the lists, so nothing missed meanwhile is lost.

import { useEffect, useRef, useState } from 'preact/hooks';

export interface LiveEvent {
  id: string;
  patient_id: string;
  team_id: string;
  level?: string;
  state?: string;
  escalation_step?: number;
  side?: string;
}

export type LiveKind = 'alert' | 'message' | 'ready';
type Listener = (kind: LiveKind, event: LiveEvent | null) => void;

const listeners = new Set<Listener>();
const watchers = new Set<(connected: boolean) => void>();
let source: EventSource | null = null;
let retry: ReturnType<typeof setTimeout> | undefined;
let closing: ReturnType<typeof setTimeout> | undefined;
let connected = false;

function setConnected(value: boolean): void {
  connected = value;
  for (const watch of [...watchers]) watch(value);
}

function emit(kind: LiveKind, event: LiveEvent | null): void {
  for (const listener of [...listeners]) listener(kind, event);
}

function open(): void {
  const here = new EventSource('/api/live', { withCredentials: true });
  source = here;
  here.addEventListener('ready', () => {
    setConnected(true);
    emit('ready', null);
  });
  for (const kind of ['alert', 'message'] as const) {
    here.addEventListener(kind, (e) => {
      let event: LiveEvent;
      try {
        event = JSON.parse((e as MessageEvent<string>).data) as LiveEvent;
      } catch {
        return; // A malformed event is ignored; the next reload shows the truth.
      }
      emit(kind, event);
    });
  }
  here.onerror = () => {
    setConnected(false);
    if (here.readyState === EventSource.CLOSED && source === here) retry = setTimeout(open, 5000);
  };
}

function close(): void {
  clearTimeout(retry);
  source?.close();
  source = null;
  connected = false;
}

/** Listen to the live channel (opened with the first listener); returns the way to stop. */
export function listen(listener: Listener, onConnected?: (connected: boolean) => void): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  listeners.add(listener);
  if (onConnected) {
    watchers.add(onConnected);
    onConnected(connected);
  }
  clearTimeout(closing);
  if (!source) open();
  return () => {
    listeners.delete(listener);
    if (onConnected) watchers.delete(onConnected);
    // Going from one screen to the next drops the last listener for a moment: keep the stream.
    clearTimeout(closing);
    closing = setTimeout(() => listeners.size === 0 && close(), 2000);
  };
}

export function useLive(onEvent: Listener): boolean {
  const [isConnected, setIsConnected] = useState(connected);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => listen((kind, event) => handler.current(kind, event), setIsConnected), []);
  return isConnected;
}
