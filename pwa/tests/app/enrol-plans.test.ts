import { describe, expect, it } from 'vitest';
import { scalableSvg } from '../../src/console/Invitations';
import { ageYears, plansForAge } from '../../src/console/plans';
import { href, parse } from '../../src/lib/router';

const plans = [
  { id: 'adult_post_sepsis', audience: 'adult' },
  { id: 'child_post_sepsis', audience: 'child' },
  { id: 'mild_head_injury', audience: 'any' },
];
const ids = (birth: string, today = '2026-12-07') => plansForAge(plans, birth, today).map((p) => p.id);

describe('plans by age', () => {
  it('counts full years, the birthday included', () => {
    expect(ageYears('2008-12-07', '2026-12-07')).toBe(18);
    expect(ageYears('2008-12-08', '2026-12-07')).toBe(17);
    expect(ageYears('2008-13-01', '2026-12-07')).toBeNull();
    expect(ageYears('', '2026-12-07')).toBeNull();
  });

  it('offers adults the plans for adults and for every age', () => {
    expect(ids('1970-05-02')).toEqual(['adult_post_sepsis', 'mild_head_injury']);
    expect(ids('2008-12-07')).toEqual(['adult_post_sepsis', 'mild_head_injury']);
  });

  it('offers children the plans for children and for every age', () => {
    expect(ids('2008-12-08')).toEqual(['child_post_sepsis', 'mild_head_injury']);
    expect(ids('2026-11-30')).toEqual(['child_post_sepsis', 'mild_head_injury']);
  });

  it('offers every plan while the birth date is unknown', () => {
    expect(ids('')).toHaveLength(3);
    expect(ids('2027-01-01')).toHaveLength(3);
  });
});

describe('the invitation QR', () => {
  it('gets a viewBox so that print can size it', () => {
    const svg = '<svg width="180" height="180" class="segno"><path d="M4 4.5h7"/></svg>';
    expect(scalableSvg(svg)).toBe(
      '<svg viewBox="0 0 180 180" width="180" height="180" class="segno"><path d="M4 4.5h7"/></svg>',
    );
    expect(scalableSvg('<svg viewBox="0 0 1 1"></svg>')).toBe('<svg viewBox="0 0 1 1"></svg>');
  });
});

describe('the enrolment and invitation addresses', () => {
  it('parse and print back', () => {
    const id = '8f49191d-a506-4012-be14-7b60a63ff224';
    expect(parse('/console/patients/new')).toEqual({ name: 'console-enrol' });
    expect(parse(`/console/patients/${id}/invite`)).toEqual({ name: 'console-invite', id });
    expect(href({ name: 'console-enrol' })).toBe('/console/patients/new');
    expect(href({ name: 'console-invite', id })).toBe(`/console/patients/${id}/invite`);
    expect(parse('/console/patients/new/x')).toEqual({ name: 'notfound' });
  });
});
