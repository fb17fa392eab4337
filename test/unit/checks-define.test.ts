import { describe, expect, it } from 'vitest';
import { CHECK_IDS, CHECKS, FACT_COSTS, isCheckId, neededFacts } from '../../packages/core/src/index.js';

describe('the catalogue as declared by its check folders', () => {
  it('has unique ids and every check names its legal basis, labels and needs with their cost', () => {
    expect(new Set(CHECK_IDS).size).toBe(CHECKS.length);
    for (const c of CHECKS) {
      expect(c.legalBasis.length, c.id).toBeGreaterThan(5);
      for (const n of c.needs) expect(n.cost, `${c.id}/${n.fact}`).toBe(FACT_COSTS[n.fact]);
    }
    expect(isCheckId('search')).toBe(true);
    expect(isCheckId('serch')).toBe(false);
  });

  it('needs every fact the probe can gather (no gatherer runs for nothing)', () => {
    expect([...neededFacts()].sort()).toEqual(Object.keys(FACT_COSTS).sort());
  });

  it('drops a fact only when every check needing it is skipped', () => {
    const facts = neededFacts(['three-clicks', 'tls-valid', 'search']);
    expect(facts.has('threeClicks')).toBe(false);
    expect(facts.has('tls')).toBe(false);
    // procedure-info still needs the search (its procedure page is the search's result)
    expect(facts.has('search')).toBe(true);
    expect(neededFacts(['search', 'procedure-info']).has('search')).toBe(false);
    // homeLinks is needed by many checks: skipping one keeps it
    expect(neededFacts(['english']).has('homeLinks')).toBe(true);
  });
});
