import { checksSlot, INCOMPLETE_RETRY_HOURS } from '@dvcwatch/core';

/** The product's catalogue cadence (`probe.checksEveryHours`' default): the bill is priced at it. */
export const CHECKS_EVERY_HOURS = 6;

/**
 * The bench registry's cadence: a day, so that the bench can pick hours at which no agency's catalogue is due by its
 * slot (core/facts-refresh.ts `checksSlot`). At six hours, the ten bench agencies' slots cover five of the six hours:
 * the "timing" round of earlier runs held two scheduled catalogues and over-stated the timing round.
 */
export const BENCH_EVERY_HOURS = 24;

/** The rounds a variant plays: every agency's first catalogue, a timing round, and the retry of gaps after it. */
export interface CostRound {
  at: string;
  kind: 'catalogue' | 'timing' | 'retry';
}

const HOUR = 3_600_000;
const DAY0 = Date.UTC(2025, 5, 2);

/**
 * The catalogue round at an hour, a timing round one or two hours on, and (`retry`) the round three to five hours on
 * where facts with gaps are gathered again (INCOMPLETE_RETRY_HOURS), none of the later two at an agency's slot.
 */
export function costRounds(agencyIds: readonly string[], retry: boolean): CostRound[] {
  const due = new Set(agencyIds.map((id) => checksSlot(id, BENCH_EVERY_HOURS)));
  const free = (h: number) => !due.has(h % BENCH_EVERY_HOURS);
  const iso = (h: number) => new Date(DAY0 + h * HOUR).toISOString();
  for (let h1 = 1; h1 < 1 + BENCH_EVERY_HOURS; h1++) {
    const h2 = [h1 + 1, h1 + 2].find(free);
    const h3 = [0, 1, 2].map((d) => h1 + INCOMPLETE_RETRY_HOURS + d).find(free);
    if (h2 === undefined || h3 === undefined) continue;
    return [
      { at: iso(h1), kind: 'catalogue' },
      { at: iso(h2), kind: 'timing' },
      ...(retry ? [{ at: iso(h3), kind: 'retry' } as const] : []),
    ];
  }
  throw new Error(`no hours free of the agencies' catalogue slots for the bench's rounds: ${agencyIds.join(', ')}`);
}

/**
 * How often each kind of round comes per agency-round at the product's cadence. Before (no retry played): the
 * catalogue once in CHECKS_EVERY_HOURS, timing the rest. After: the catalogue once, the retry round once (it holds
 * the agencies with gaps retrying and the others timing, in the proportion measured), timing the rest.
 */
export const roundWeights = (kinds: readonly CostRound['kind'][]): number[] => {
  const per = 1 / CHECKS_EVERY_HOURS;
  const timing = 1 - per * kinds.filter((k) => k !== 'timing').length;
  return kinds.map((k) => (k === 'timing' ? timing : per));
};
