import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { type Embedded, startDynalite, startSes } from '@dvcwatch/cli';
import { blankPage, type PageArtifacts, parseRegistry, type Result } from '@dvcwatch/core';
import { Mailer } from '@dvcwatch/notify';
import type { Prober } from '@dvcwatch/probe';
import { type RunnerDeps, runRound, silentLogger } from '@dvcwatch/runner';
import { ensureTable, Sends, Store } from '@dvcwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

/**
 * Issue 19: the local round times every agency's pages first, then runs the catalogues, so no timed load waits for
 * gathering pages and no gathering page waits for a timed load. The browser is scripted (what a probe returns, and a
 * gathering page that resolves after a while); the round, the store and the mailer are real.
 */
const AGENCIES = ['a', 'b', 'c', 'd', 'e', 'f'];
const registry = parseRegistry(
  stringify({
    version: 1,
    defaults: { probe: { accessibility: false } },
    operators: ['vanhanh@example.vn'],
    agencies: AGENCIES.map((id) => ({
      id,
      name: `UBND tỉnh ${id}`,
      kind: 'province',
      head: { name: 'Chủ tịch', email: `head.${id}@example.vn` },
      portal: { home: `https://${id}.example.vn/`, form: `https://${id}.example.vn/form` },
    })),
  }),
  'timed-first.yaml',
);

const loaded = (url: string): PageArtifacts => ({
  ...blankPage(url),
  finalUrl: url,
  httpStatus: 200,
  redirects: [url],
  ttfbMs: 80,
  fcpMs: 200,
  lcpMs: 300,
  ...(url.endsWith('/form') ? { readyMs: 250, readyKind: 'form' as const } : {}),
});

/** A prober whose page loads and gathering pages each take a few ms and are logged in the order they start. */
const loggingProber = (log: string[]): Prober => ({
  probePage: async (url, kind) => {
    log.push(`timed ${new URL(url).hostname.split('.')[0]} ${kind}`);
    await new Promise((r) => setTimeout(r, 5));
    return loaded(url);
  },
  session: {
    withPage: async (url: string) => {
      log.push(`gather ${new URL(url).hostname.split('.')[0]}`);
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('scripted: no page');
    },
  } as unknown as Prober['session'],
  guard: { local: false, allowedOrigins: [] },
  launches: () => 0,
  fromEgress: () => {
    throw new Error('one vantage');
  },
  close: async () => {},
});

let dynamo: Embedded;
let ses: Embedded;
let deps: RunnerDeps;

beforeAll(async () => {
  dynamo = await startDynalite(null, 0);
  ses = await startSes();
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'ap-southeast-1', credentials });
  await ensureTable(client, 'timed-first');
  const sends = new Sends(client, 'timed-first');
  const sesClient = new SESClient({ endpoint: ses.endpoint, region: 'ap-southeast-1', credentials });
  deps = {
    registry,
    store: new Store(client, 'timed-first'),
    sends,
    mailer: new Mailer({ ses: sesClient, sends, from: 'dvcwatch@example.vn' }),
    log: silentLogger,
    evidenceUrl: () => null,
  };
}, 60_000);

afterAll(async () => {
  await dynamo?.close();
  await ses?.close();
});

const round = async (at: string, timedFirst?: boolean) => {
  const log: string[] = [];
  const results: Result[] = [];
  const started: string[] = [];
  await runRound(deps, {
    at,
    trigger: 'manual',
    concurrency: 2,
    spool: null,
    now: () => at,
    ...(timedFirst === undefined ? {} : { timedFirst }),
    probe: { prober: loggingProber(log), registry, evidence: null, facts: true },
    onStart: (id) => started.push(id),
    onResult: (r) => results.push(r),
  });
  return { log, results, started };
};

describe('the local round times every agency first, then gathers (issue 19)', () => {
  it('starts no gathering page before the last timed load, and times each agency once', async () => {
    // act
    const { log, results, started } = await round('2026-12-03T01:00:00.000Z');
    // assess: every timed load comes before every gathering page
    const lastTimed = log.findLastIndex((l) => l.startsWith('timed'));
    const firstGather = log.findIndex((l) => l.startsWith('gather'));
    expect(firstGather).toBeGreaterThan(lastTimed);
    expect(log.filter((l) => l.startsWith('timed'))).toHaveLength(2 * AGENCIES.length);
    // each agency's result carries the pages of the timed pass, and its catalogue ran after it
    expect(results.map((r) => r.agencyId).sort()).toEqual(AGENCIES);
    for (const r of results) expect([r.pages.home?.lcpMs, r.pages.form?.readyMs]).toEqual([300, 250]);
    expect(new Set(log.filter((l) => l.startsWith('gather')).map((l) => l.split(' ')[1]))).toEqual(new Set(AGENCIES));
    // one progress line per agency
    expect(started.sort()).toEqual(AGENCIES);
  });

  it('without the timed pass, an agency gathers before a later agency is timed (what the pass removes)', async () => {
    const { log } = await round('2026-12-03T02:00:00.000Z', false);
    const lastTimed = log.findLastIndex((l) => l.startsWith('timed'));
    const firstGather = log.findIndex((l) => l.startsWith('gather'));
    expect(firstGather).toBeLessThan(lastTimed);
  });

  it('keeps a result already stored for the round and does not time that agency again', async () => {
    // act: the same hour as the first test
    const { log } = await round('2026-12-03T01:00:00.000Z');
    // assess
    expect(log).toEqual([]);
  });
});
