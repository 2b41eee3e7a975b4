// Phone numbers the guidance text needs. They come from the deployment (the content bundle's
// `extras`) and the person's care team; the fallbacks are only used when the phone has never
// downloaded them: 112 answers everywhere in the European Union.

import { formatDate, t } from '../i18n';
import type { Bundle, Person, ScheduleItem } from './types';

const FALLBACK_EMERGENCY = '112';

function extra(bundle: Bundle | null, key: string): string | null {
  const value = bundle?.extras?.[key];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

export function emergencyNumber(bundle: Bundle | null): string {
  return extra(bundle, 'emergency_number') ?? FALLBACK_EMERGENCY;
}

export function crisisLine(bundle: Bundle | null): string | null {
  return extra(bundle, 'crisis_line');
}

export function teamPhone(bundle: Bundle | null, person: Person | null): string | null {
  if (person?.team?.phone) return person.team.phone;
  const phones = bundle?.extras?.team_phones;
  if (Array.isArray(phones)) {
    for (const p of phones as unknown[]) {
      if (typeof p === 'string' && p) return p;
      const phone = (p as { phone?: unknown } | null)?.phone;
      if (typeof phone === 'string' && phone) return phone;
    }
  }
  return extra(bundle, 'team_phone');
}

export function nextCheckin(schedule: ScheduleItem[] | undefined): string {
  const now = Date.now();
  const next = (schedule ?? [])
    .filter((i) => i.kind === 'checkin' && i.status !== 'done' && i.status !== 'skipped')
    .map((i) => i.due_at)
    .filter((d) => new Date(d).getTime() > now)
    .sort()[0];
  return next ? formatDate(next, true) : t('result.tomorrow');
}

export function placeholderValues(
  bundle: Bundle | null,
  person: Person | null,
  schedule?: ScheduleItem[],
): Record<string, string> {
  return {
    emergency_number: emergencyNumber(bundle),
    crisis_line: crisisLine(bundle) ?? emergencyNumber(bundle),
    team_phone: teamPhone(bundle, person) ?? t('result.teamPhoneUnknown'),
    next_checkin: nextCheckin(schedule),
  };
}
