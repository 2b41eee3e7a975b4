import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en as adminEn } from '../../src/i18n/admin/en';
import { fr as adminFr } from '../../src/i18n/admin/fr';
import { en as childrenEn } from '../../src/i18n/children/en';
import { fr as childrenFr } from '../../src/i18n/children/fr';
import { en as consoleEn } from '../../src/i18n/console/en';
import { fr as consoleFr } from '../../src/i18n/console/fr';
import { en } from '../../src/i18n/en';
import { fr } from '../../src/i18n/fr';
import { en as patientEn } from '../../src/i18n/patient/en';
import { fr as patientFr } from '../../src/i18n/patient/fr';
import { en as threadEn } from '../../src/i18n/thread/en';
import { fr as threadFr } from '../../src/i18n/thread/fr';
import { fillPlaceholders, formatDay, labelled, parseNumber, setLang } from '../../src/i18n';
import { vitalsFor } from '../../src/lib/checkin-plan';
import { fold, renderMarkdown } from '../../src/lib/markdown';
import { higher, shownLevel } from '../../src/lib/phone-triage';
import { parse } from '../../src/lib/router';
import type { OutboxEntry } from '../../src/lib/db';
import type { Bundle } from '../../src/lib/types';

describe('catalogues', () => {
  it('have the same keys in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [key, text] of [...Object.entries(fr), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });
  it('use the same {placeholders} in both languages', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      expect(names(en[key]), key).toEqual(names(fr[key]));
    }
  });
  it('give each key to one audience only', () => {
    for (const [all, parts] of [
      [fr, [patientFr, threadFr, childrenFr, consoleFr, adminFr]],
      [en, [patientEn, threadEn, childrenEn, consoleEn, adminEn]],
    ] as const) {
      expect(parts.reduce((n, part) => n + Object.keys(part).length, 0)).toBe(Object.keys(all).length);
    }
  });
  it('load with the patient app every word it says (the console words come later, with the console)', () => {
    // The modules a patient's phone loads at start: every static import from main.tsx (types aside).
    const src = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const [, from, bare] of text.matchAll(
        /^(?:import|export)(?! type\b)\b[^'"]*?from '(\.[^']+)'|^import '(\.[^']+)'/gm,
      )) {
        const spec = from ?? bare;
        if (!spec) continue;
        const base = join(dirname(file), spec);
        const found = ['.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext).find((f) => existsSync(f));
        if (found) visit(found);
      }
    };
    visit(join(src, 'main.tsx'));
    expect(seen.has(join(src, 'app.tsx'))).toBe(true);
    const later = new Set(Object.keys(consoleFr));
    for (const file of seen) {
      const text = readFileSync(file, 'utf8');
      const said = [...text.matchAll(/'([a-zA-Z][\w.]*)'/g)].map((m) => m[1]!).filter((key) => later.has(key));
      expect(said, file).toEqual([]);
      expect(text, file).not.toMatch(/`c\./);
    }
  });
});

describe('a label and its value', () => {
  it('put the colon as each language writes it', () => {
    // setLang marks the page's language; there is no page here.
    (globalThis as { document?: unknown }).document ??= { documentElement: {} };
    setLang('en');
    expect(labelled('Rules', 'adult_spo2_amber')).toBe('Rules: adult_spo2_amber');
    setLang('fr');
    expect(labelled('Règles', 'adult_spo2_amber')).toBe('Règles\u00a0: adult_spo2_amber');
  });
  it('write a calendar date as the same day whatever the zone', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles'; // midnight UTC is the day before there
    setLang('fr');
    expect(formatDay('1961-05-14')).toBe('14 mai 1961');
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
    setLang('en');
    expect(formatDay('1961-05-14')).toBe('14 May 1961');
    expect(formatDay('not a date')).toBe('not a date');
    setLang('fr');
  });
});

describe('numbers typed on the phone', () => {
  it('reads a French comma and a dot', () => {
    expect(parseNumber('37,8')).toBe(37.8);
    expect(parseNumber(' 37.8 ')).toBe(37.8);
    expect(parseNumber('120')).toBe(120);
  });
  it('refuses what is not a number', () => {
    for (const text of ['', 'abc', '37,8,1', '1e3', '--1']) expect(parseNumber(text)).toBeNull();
  });
});

describe('guidance placeholders', () => {
  it('are filled, unknown ones kept', () => {
    const text = 'Appelez le {emergency_number} ou le {team_phone} ({other})';
    expect(fillPlaceholders(text, { emergency_number: '15', team_phone: '01 40' })).toBe(
      'Appelez le 15 ou le 01 40 ({other})',
    );
  });
});

describe('routes', () => {
  it('name screens, never data', () => {
    expect(parse('/')).toEqual({ name: 'home' });
    expect(parse('/checkin')).toEqual({ name: 'checkin' });
    expect(parse('/booklet/what-is-sepsis')).toEqual({ name: 'page', id: 'what-is-sepsis' });
    expect(parse('/join')).toEqual({ name: 'join' });
    expect(parse('/result/123')).toEqual({ name: 'notfound' });
    expect(parse('/nope')).toEqual({ name: 'notfound' });
  });
  it('reach sharing, closing the account and the last page', () => {
    expect(parse('/my-data/sharing')).toEqual({ name: 'my-data-sharing' });
    expect(parse('/my-data/close')).toEqual({ name: 'my-data-close' });
    expect(parse('/my-data/close/now')).toEqual({ name: 'notfound' });
    expect(parse('/account-closed')).toEqual({ name: 'account-closed' });
  });
});

describe('markdown', () => {
  it('renders headings, lists and emphasis as elements', () => {
    const blocks = renderMarkdown('## Titre\n\n- un **deux**\n- trois\n\nTexte {team_phone}.', (t) =>
      t.replace('{team_phone}', '01'),
    );
    expect(blocks.map((b) => b.type)).toEqual(['h2', 'ul', 'p']);
  });
  it('drops links that are not web, mail, phone or local', () => {
    const [p] = renderMarkdown('[x](javascript:alert(1))');
    expect(JSON.stringify(p?.props)).not.toContain('javascript');
  });
  it('folds accents for the search', () => {
    expect(fold('Épuisé')).toBe('epuise');
  });
});

describe('levels shown', () => {
  const entry = (client: 'red' | 'amber' | 'green', server?: 'red' | 'amber' | 'green') =>
    ({
      client: { level: client, flags: [], fired: [] },
      server: server ? { level: server } : undefined,
    }) as unknown as OutboxEntry;
  it('the server may raise the level, never lower it', () => {
    expect(shownLevel(entry('green', 'amber'))).toBe('amber');
    expect(shownLevel(entry('red', 'green'))).toBe('red');
    expect(shownLevel(entry('amber'))).toBe('amber');
    expect(higher('amber', 'red')).toBe('red');
  });
});

describe('vital-sign screens', () => {
  it('ask what the rules for the person look at', () => {
    const vital = (name: string) => ({ name, label: name, unit: '', symbol: '', min: 0, max: 1, step: 1, decimals: 0 });
    const bundle = {
      vitals: { vitals: [vital('temperature'), vital('spo2'), vital('weight'), vital('systolic_bp')] },
      rules: [
        {
          rules: [
            { applies_to: { group: 'adult' }, when: { any: [{ vital: { name: 'systolic_bp', lte: 90 } }] } },
            { applies_to: { group: 'any' }, when: { vital: { name: 'temperature', gte: 38 } } },
            { applies_to: { group: 'child' }, when: { baseline_drop: { vital: 'spo2', by: 3 } } },
          ],
        },
      ],
    } as unknown as Bundle;
    expect(vitalsFor(bundle, false).map((v) => v.name)).toEqual(['temperature', 'systolic_bp']);
    expect(vitalsFor(bundle, true).map((v) => v.name)).toEqual(['temperature', 'spo2']);
  });
});
