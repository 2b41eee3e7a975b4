import { describe, expect, it } from 'vitest';
import { adjustedLength, ageMonths, defaultPosition } from '../../src/children/growth';

// The same cases as tests/children/test_growth.py (WHO lhfa tables, published SD columns).
describe('length lying down or height standing', () => {
  it('adds 0.7 cm to a child under 2 measured standing', () => {
    // A boy of 18 months: median length 82.3 cm (WHO lhfa_boys_0_2).
    expect(adjustedLength(81.6, 18, 'standing')).toBe(82.3);
    expect(adjustedLength(82.3, 18, 'recumbent')).toBe(82.3);
  });
  it('takes 0.7 cm off a child of 2 or more measured lying down', () => {
    // A boy of 36 months: median height 96.1 cm (WHO lhfa_boys_2_5).
    expect(adjustedLength(96.8, 36, 'recumbent')).toBe(96.1);
    expect(adjustedLength(96.1, 36, 'standing')).toBe(96.1);
  });
  it('leaves a measurement without position as it is', () => {
    expect(adjustedLength(80, 18, null)).toBe(80);
    expect(adjustedLength(95, 36, undefined)).toBe(95);
  });
  it('switches at 731 days of age, as WHO Anthro does', () => {
    expect(ageMonths('2024-01-01', '2025-12-31')).toBeCloseTo(730 / 30.4375, 6);
    expect(defaultPosition(730 / 30.4375)).toBe('recumbent');
    expect(defaultPosition(731 / 30.4375)).toBe('standing');
    expect(adjustedLength(85, 730 / 30.4375, 'standing')).toBe(85.7);
    expect(adjustedLength(85, 731 / 30.4375, 'standing')).toBe(85);
  });
  it('has no age before birth or for a bad date', () => {
    expect(ageMonths('2026-01-10', '2026-01-01')).toBeNull();
    expect(ageMonths('2026-01-10', '')).toBeNull();
  });
});
