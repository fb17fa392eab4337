import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Registry } from '@dvcwatch/core';
import { createProber, type Prober } from '@dvcwatch/probe';
import { drainSpool, type RoundOptions, runRound } from '@dvcwatch/runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoPortals, startDemoPortals } from '../../packages/cli/src/demo/index.js';
import { fileSpool } from '../../packages/cli/src/local-files.js';
import { localOrigins } from '../../packages/cli/src/registry-file.js';
import { dynamoThrottled, injectFault } from './helpers/faults.js';
import { testRegistry } from './helpers/registry.js';
import { startWorld, type World } from './helpers/world.js';

// Issue "dvcwatch under hostile portals, faults and bad input": the store goes away mid-round, or throttles.
let demo: DemoPortals;
let registry: Registry;
let prober: Prober;
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'dvcwatch-outage-'));
  demo = await startDemoPortals({
    basePort: 0,
    portals: [
      { id: 'tinh-a', name: 'Tỉnh A', kind: 'province', securityHeaders: true },
      { id: 'tinh-b', name: 'Tỉnh B', kind: 'province' },
      { id: 'tinh-c', name: 'Tỉnh C', kind: 'province', failure: 'http-503' },
      { id: 'bo-d', name: 'Bộ D', kind: 'ministry' },
    ],
  });
  registry = testRegistry(
    demo.portals.map((p) => ({ id: p.id, home: p.home, form: p.form, kind: p.kind })),
    { probe: { pageTimeoutMs: 4_000, confirmAttempts: 0, accessibility: false } },
  );
  prober = createProber({ local: true, allowedOrigins: localOrigins(registry) });
});
afterAll(async () => {
  await prober?.close();
  await demo?.close();
  await rm(tmp, { recursive: true, force: true });
});

const roundOptions = (at: string, o: Partial<RoundOptions> = {}): RoundOptions => ({
  at,
  trigger: 'schedule',
  concurrency: 1,
  spool: null,
  now: () => new Date().toISOString(),
  probe: { prober, registry, evidence: null, facts: false },
  ...o,
});

/** Every agency's stored results for `at`: the count per agency must be exactly 1. */
const countsAt = async (world: World, at: string): Promise<number[]> =>
  Promise.all(registry.agencies.map(async (a) => (await world.store.results(a.id, at, at)).length));

describe('the store stops mid-round and comes back', () => {
  let world: World;
  beforeAll(async () => {
    // Two SDK attempts per call: a refused connection fails the call fast, as a dead server should.
    world = await startWorld({ dbDir: join(tmp, 'db'), dynamoMaxAttempts: 2 });
  });
  afterAll(async () => world?.close());

  it('spools the results it could not store, then writes each exactly once after a restart', async () => {
    // prepare
    const at = '2025-09-01T05:00:00.000Z';
    const spoolDir = join(tmp, 'spool');
    const spool = fileSpool(spoolDir);
    let stopping: Promise<void> | null = null;
    // act: the store dies right after the first agency's result was written
    const summary = await runRound(
      world.deps(registry),
      roundOptions(at, {
        spool,
        onResult: (_r, done) => {
          if (done === 1) stopping = world.stopDynamo();
        },
      }),
    );
    await stopping;
    // assess: the round ran to its end and kept what it could not store
    expect(summary).toMatchObject({ expected: 4, finished: false, spooled: 3 });
    expect((await readdir(spoolDir)).filter((f) => f.endsWith('.json'))).toHaveLength(3);
    // act: same port, same directory
    await world.restartDynamo();
    const written = await drainSpool(world.deps(registry), spool);
    // assess: nothing lost, nothing twice, the first result survived the restart on disk, the round finished
    expect(written).toBe(3);
    expect(await spool.load()).toEqual([]);
    expect(await countsAt(world, at)).toEqual([1, 1, 1, 1]);
    const round = await world.store.getRound(at);
    expect(round?.done).toHaveLength(4);
    expect(round?.finishedAt).not.toBeNull();
    expect((await world.store.results('tinh-c', at, at))[0]).toMatchObject({ status: 'down', reason: 'http-5xx' });
    // a second drain (the next round's start) has nothing left to do
    expect(await drainSpool(world.deps(registry), spool)).toBe(0);
    expect(await countsAt(world, at)).toEqual([1, 1, 1, 1]);
  });
});

describe('DynamoDB throttles (ProvisionedThroughputExceededException)', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ dynamoMaxAttempts: 3 });
  });
  afterAll(async () => world?.close());

  it('a short burst is absorbed by the SDK retry: every result stored once, the round finished', async () => {
    // prepare: the first 2 attempts of every write fail, fewer than the 3 the client makes
    const at = '2025-09-01T06:00:00.000Z';
    const fault = injectFault(world.dynamo, {
      times: 2,
      commands: ['PutItemCommand', 'UpdateItemCommand'],
      error: dynamoThrottled,
    });
    try {
      // act
      const summary = await runRound(world.deps(registry), roundOptions(at, { concurrency: 2 }));
      // assess
      expect(fault.injected()).toBe(2);
      expect(fault.attempts()).toBeGreaterThan(2);
      expect(summary).toMatchObject({ expected: 4, results: 4, missing: [], finished: true, spooled: 0 });
      expect(await countsAt(world, at)).toEqual([1, 1, 1, 1]);
    } finally {
      fault.remove();
    }
  });

  it('sustained throttling outlasting the retries spools the results; they are written once it stops', async () => {
    // prepare: every write is throttled until the fault is stopped
    const at = '2025-09-01T07:00:00.000Z';
    const spool = fileSpool(join(tmp, 'spool-throttle'));
    const fault = injectFault(world.dynamo, {
      times: Number.POSITIVE_INFINITY,
      commands: ['PutItemCommand'],
      error: dynamoThrottled,
    });
    try {
      // act
      const summary = await runRound(world.deps(registry), roundOptions(at, { concurrency: 2, spool }));
      expect(summary).toMatchObject({ finished: false, spooled: 4 });
      expect(await countsAt(world, at)).toEqual([0, 0, 0, 0]);
      fault.stop();
      const written = await drainSpool(world.deps(registry), spool);
      // assess
      expect(written).toBe(4);
      expect(await countsAt(world, at)).toEqual([1, 1, 1, 1]);
      expect(await spool.load()).toEqual([]);
    } finally {
      fault.remove();
    }
  });
});
