// While the console is open: how many alerts of my teams nobody has seen (in the tab's title), and
// a short sound when a new red alert arrives on the live channel, unless turned off (kept in this
// browser). The sound is made with the Web Audio API: no file to load or cache.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { listen } from './live';

type Unread = components['schemas']['UnreadOut'];

const SOUND_KEY = 'relais.console.sound';
let unread = 0;
// Alerts already rung for in this page: an escalation step of the same alert does not ring again.
const rung = new Set<string>();
let audio: AudioContext | null = null;

export function soundOn(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function setSoundOn(on: boolean): void {
  try {
    localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  } catch {
    // Private browsing without storage: the choice lasts for this page only.
  }
}

/** Three short tones, rising then falling (about half a second). */
export function ring(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
    const start = audio.currentTime + 0.02;
    [880, 1175, 880].forEach((frequency, i) => {
      const ctx = audio as AudioContext;
      const tone = ctx.createOscillator();
      const gain = ctx.createGain();
      const at = start + i * 0.17;
      tone.type = 'sine';
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.15);
      tone.connect(gain).connect(ctx.destination);
      tone.start(at);
      tone.stop(at + 0.16);
    });
  } catch {
    // No audio output, or none allowed yet: the title and the screen still say it.
  }
}

/** The number of unseen alerts of my teams, kept current from the live channel; rings for a new
 * red alert while the sound is on. Not ``watching`` (a second factor to set up first): nothing. */
export function useAttention(watching: boolean): number {
  const [count, setCount] = useState(unread);
  useEffect(() => {
    if (!watching) return undefined;
    let gone = false;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const load = (): void => {
      api<Unread>('GET', '/api/alerts/unread').then(
        (got) => {
          unread = got.open;
          if (!gone) setCount(got.open);
        },
        () => undefined, // Signed out, or a second factor to set up first: the title stays plain.
      );
    };
    load();
    const stop = listen((kind, event) => {
      if (kind === 'message') return;
      if (
        kind === 'alert' &&
        event &&
        event.state === 'open' &&
        event.level === 'red' &&
        !(event.escalation_step ?? 0) &&
        !rung.has(event.id)
      ) {
        rung.add(event.id);
        if (soundOn()) ring();
      }
      clearTimeout(pending);
      pending = setTimeout(load, 150); // several events at once: one request
    });
    return () => {
      gone = true;
      clearTimeout(pending);
      stop();
    };
  }, [watching]);
  return watching ? count : 0;
}
