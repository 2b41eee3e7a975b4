// Message catalogues: every word the app shows comes from them (content text comes from the content
// bundle), through the one `t()`. French by default; the choice is kept on the phone (not personal
// data). fr.ts lists every key; the console's words join when the console loads (addMessages).

import type { Lang } from '../lib/types';
import { en as childrenEn } from './children/en';
import { fr as childrenFr } from './children/fr';
import type { Messages } from './fr';
import { en as patientEn } from './patient/en';
import { fr as patientFr } from './patient/fr';
import { en as threadEn } from './thread/en';
import { fr as threadFr } from './thread/fr';

export type MessageKey = keyof Messages;

type Catalogue = Partial<Messages>;

const catalogues: Record<Lang, Catalogue> = {
  fr: { ...patientFr, ...threadFr, ...childrenFr },
  en: { ...patientEn, ...threadEn, ...childrenEn },
};

/** Adds the words of a part of the app loaded later (the console's). */
export function addMessages(more: Record<Lang, Catalogue>): void {
  Object.assign(catalogues.fr, more.fr);
  Object.assign(catalogues.en, more.en);
}

const LANG_KEY = 'relais.lang';

function initial(): Lang {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === 'fr' || saved === 'en') return saved;
  } catch {
    // Storage refused (private mode): French.
  }
  return 'fr';
}

let current: Lang = initial();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  try {
    localStorage.setItem(LANG_KEY, next);
  } catch {
    // The choice lasts for this visit only.
  }
  document.documentElement.lang = next;
}

/** `t('home.hello', {name: 'Jean'})` fills `{name}` in the message. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const text: string = catalogues[current][key] ?? catalogues.fr[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all));
}

const locales: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

export function formatDate(iso: string, withTime = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[current], {
    weekday: withTime ? 'short' : 'long',
    day: 'numeric',
    month: 'long',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(date);
}

/** A calendar date ("1961-05-14", a birth date) as "14 mai 1961", the same day in every zone. */
export function formatDay(isoDay: string): string {
  const date = new Date(`${isoDay.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDay;
  return new Intl.DateTimeFormat(locales[current], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** The time of day, "09:00". */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[current], { hour: '2-digit', minute: '2-digit' }).format(date);
}

export function formatShortDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[current], { day: 'numeric', month: 'short' }).format(date);
}

/** "Rules : a, b" in French (a no-break space before the colon), "Rules: a, b" in English. */
export function labelled(label: string, value: string): string {
  return lang() === 'fr' ? `${label}\u00a0: ${value}` : `${label}: ${value}`;
}

export function formatNumber(value: number, decimals = 1): string {
  return new Intl.NumberFormat(locales[current], { maximumFractionDigits: decimals }).format(value);
}

/** Reads "37,8" as well as "37.8": French keyboards type a comma. */
export function parseNumber(text: string): number | null {
  const clean = text.trim().replace(/\s/g, '').replace(',', '.');
  if (clean === '' || !/^-?\d+(\.\d+)?$/.test(clean)) return null;
  return Number(clean);
}

/** Fills {emergency_number}, {crisis_line}, {team_phone}, {next_checkin} in guidance text. */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(
    /\{(emergency_number|crisis_line|team_phone|next_checkin)\}/g,
    (all, k: string) => values[k] ?? all,
  );
}
