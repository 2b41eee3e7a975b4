import { describe, expect, it } from 'vitest';
import { href, parse } from '../../src/lib/router';

describe('children and team review routes', () => {
  it('name the wellbeing page and the review list, nothing medical', () => {
    expect(parse('/child/wellbeing')).toEqual({ name: 'child-wellbeing' });
    expect(href({ name: 'child-wellbeing' })).toBe('/child/wellbeing');
    expect(parse('/console/reviews')).toEqual({ name: 'console-reviews' });
    expect(parse('/console/reviews/')).toEqual({ name: 'console-reviews' });
    expect(href({ name: 'console-reviews' })).toBe('/console/reviews');
    expect(parse('/console/reviews/x').name).toBe('notfound');
    expect(parse('/child/wellbeing/pcl5').name).toBe('notfound');
  });
});
