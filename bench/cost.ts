import { syntheticSiteInput } from '@dvcwatch/cli';
import { buildSite } from '@dvcwatch/site';

/**
 * Price assumptions, ap-southeast-1 (Singapore), from the AWS Lambda and DynamoDB pricing pages as read when this
 * benchmark was written: they are assumptions, not quotes; check the pages before relying on them.
 */
export const PRICES = {
  source: 'AWS Lambda pricing page and Amazon DynamoDB pricing page (on-demand), ap-southeast-1; assumption',
  lambdaGbSecond: 0.0000166667,
  lambdaPerMillionRequests: 0.2,
  dynamoPerMillionWru: 1.4269,
  /** The probe function's memory (stacks/Monitor.ts). */
  lambdaMemoryMb: 2048,
  roundsPerMonth: 730,
};

export interface MonthlyCost {
  agencies: number;
  lambdaUsd: number;
  requestsUsd: number;
  dynamoUsd: number;
  totalUsd: number;
}

/** Monthly cost of hourly rounds: one probe invocation per agency per round, lasting `probeMs`, writing `wruPerAgency`. */
export function monthlyCost(agencies: number, probeMs: number, wruPerAgency: number): MonthlyCost {
  const invocations = agencies * PRICES.roundsPerMonth;
  const lambdaUsd = invocations * (probeMs / 1000) * (PRICES.lambdaMemoryMb / 1024) * PRICES.lambdaGbSecond;
  const requestsUsd = (invocations / 1e6) * PRICES.lambdaPerMillionRequests;
  const dynamoUsd = ((invocations * wruPerAgency) / 1e6) * PRICES.dynamoPerMillionWru;
  return { agencies, lambdaUsd, requestsUsd, dynamoUsd, totalUsd: lambdaUsd + requestsUsd + dynamoUsd };
}

/** Builds the site for `agencies` × `days` of synthetic aggregates; the build alone is timed (best of `runs`). */
export function timeSiteBuild(agencies: number, days: number, runs = 3): { buildS: number[]; files: number; bytes: number } {
  const input = syntheticSiteInput({ agencies, days, at: '2026-04-01T00:00:00.000Z' });
  const buildS: number[] = [];
  let files = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const site = buildSite(input);
    buildS.push((performance.now() - t) / 1000);
    files = site.size;
    bytes = [...site.values()].reduce((s, v) => s + Buffer.byteLength(v), 0);
  }
  return { buildS, files, bytes };
}
