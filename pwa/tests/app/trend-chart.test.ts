// The charts of the trends: a red zone stays visible where an amber zone lies around it, and the
// patient's legend names only the zones drawn.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bandsFor, Chart, references, ZoneLegend, type Band } from '../../src/lib/trend-chart';
import type { Rule } from '../../src/triage/types';

const CONTENT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'content');
const ADULT = (parse(readFileSync(join(CONTENT, 'rules', 'adult_vitals.yaml'), 'utf8')) as { rules: Rule[] }).rules;
const TEMPERATURE = { kind: 'vital', name: 'temperature', min: 30, max: 45 } as const;

/** Every element of a rendered tree, in document order (later ones are painted on top). */
function elements(node: unknown): VNode<Record<string, unknown>>[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!node || typeof node !== 'object' || !('props' in node)) return [];
  const vnode = node as VNode<Record<string, unknown>>;
  return [vnode, ...elements(vnode.props.children)];
}

function rects(bands: Band[]): string[] {
  const points = [
    { at: Date.parse('2026-12-01T08:00:00Z'), value: 35.2 },
    { at: Date.parse('2026-12-02T08:00:00Z'), value: 37.0 },
  ];
  const svg = Chart({ label: 'Température', unit: '°C', points, bands, decimals: 1 });
  return elements(svg)
    .filter((e) => e.type === 'rect')
    .map((e) => String(e.props.class));
}

describe('a vital sign chart', () => {
  it('paints the red zone over the amber one around it (a low temperature)', () => {
    const bands = bandsFor(ADULT, null, TEMPERATURE);
    // The content lists the red rule (35 or less) before the amber one (below 36).
    expect(bands.map((b) => [b.level, b.op, b.value])).toEqual([
      ['red', 'lte', 35],
      ['amber', 'gt', 38],
      ['amber', 'lt', 36],
    ]);
    const painted = rects(bands);
    expect(painted.filter((c) => c.includes('band-red'))).toHaveLength(1);
    expect(painted.lastIndexOf('band band-red')).toBeGreaterThan(painted.lastIndexOf('band band-amber'));
  });

  it('has a legend for the zones it draws and none without zones', () => {
    const legend = (bands: Band[]) =>
      elements(ZoneLegend({ bands }))
        .map((e) => e.props['data-zone'])
        .filter(Boolean);
    const bands = bandsFor(ADULT, null, TEMPERATURE);
    expect(legend(bands)).toEqual(['red', 'amber']);
    expect(legend(bands.filter((b) => b.level === 'amber'))).toEqual(['amber']);
    expect(ZoneLegend({ bands: [] })).toBeNull();
  });

  it('marks the reference values where zones begin on the axis', () => {
    const bands = bandsFor(ADULT, null, TEMPERATURE);
    expect(references(bands, 34, 40)).toEqual([35, 36, 38]);
    // Outside the drawn range, or at its very ends, a value is not repeated.
    expect(references(bands, 36.5, 39)).toEqual([38]);
    const marked = elements(
      Chart({
        label: 'T',
        unit: '°C',
        decimals: 1,
        points: [
          { at: 0, value: 35.5 },
          { at: 1, value: 38.6 },
        ],
        bands,
      }),
    )
      .map((e) => e.props['data-reference'])
      .filter((v) => v !== undefined);
    expect(marked).toEqual([36, 38]);
  });
});
