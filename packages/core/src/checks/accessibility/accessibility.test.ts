import { describe, expect, it } from 'vitest';
import { emptyFacts } from '../../artifacts.js';
import { judgeAccessibility } from './index.js';

describe('accessibility', () => {
  it('counts violations by impact', () => {
    const r = judgeAccessibility({
      ...emptyFacts(),
      axe: {
        violations: [
          { id: 'color-contrast', impact: 'serious', help: 'x', nodes: 4 },
          { id: 'region', impact: 'moderate', help: 'x', nodes: 1 },
        ],
        passes: 10,
      },
    });
    expect(r.status).toBe('fail');
    expect(r.evidence).toContain('critical 0, serious 1, moderate 1, minor 0');
  });
});
