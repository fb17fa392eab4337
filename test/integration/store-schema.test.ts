import { gzipSync } from 'node:zlib';
import { type AttributeValue, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { type AlertState, addToAggregate, type Incident, initialState } from '@dvcwatch/core';
import { CorruptItemError, keys, NotFoundError, UnknownSchemaVersionError } from '@dvcwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upResult } from './handlers/results.js';
import { startWorld, type World } from './helpers/world.js';

/**
 * Rows outlive the code (results are kept 400 days): rows written by the code before schemaVersion existed, in
 * exactly the shapes it wrote, still read; a row from a newer version is refused with a typed error naming its key.
 */
let world: World;
const S = (s: string): AttributeValue => ({ S: s });
const N = (n: number): AttributeValue => ({ N: String(n) });
const raw = (k: { pk: string; sk: string }, attrs: Record<string, AttributeValue>) =>
  world.dynamo.send(new PutItemCommand({ TableName: world.table, Item: { pk: S(k.pk), sk: S(k.sk), ...attrs } }));

beforeAll(async () => {
  world = await startWorld({ dbDir: null });
}, 60_000);

afterAll(async () => {
  await world?.close();
});

describe('rows written before schemaVersion (version 1) still read', () => {
  const at = '2026-01-05T03:00:00.000Z';

  it('results, day aggregates, alert states, incidents and facts as the old Store wrote them', async () => {
    const r = upResult('cu', at, 1_800, 88);
    await raw(keys.result('cu', at), { data: S(JSON.stringify(r)), status: S(r.status), expiresAt: N(1) });
    const day = addToAggregate(null, r);
    await raw(keys.day('cu', day.day), { data: S(JSON.stringify(day)), version: N(1) });
    const incident: Incident = {
      id: `cu#${at}`,
      openedAt: at,
      since: at,
      status: 'down',
      breaches: [],
      lastNotifiedAt: at,
      reminders: 0,
      escalated: false,
      resolvedAt: null,
    };
    // An alert state from before pending sends existed: the field is absent.
    const { pending: _p, ...oldState } = { ...initialState('cu'), incident, lastAt: at, version: 3 } satisfies AlertState;
    await raw(keys.alertState('cu'), { data: S(JSON.stringify(oldState)), version: N(3) });
    await raw(keys.incident('cu', at), { data: S(JSON.stringify(incident)) });
    const facts = { agencyId: 'cu', at, surface: null, config: 'c1', facts: { pages: [] } };
    await raw(keys.facts('cu'), { blob: { B: gzipSync(JSON.stringify(facts)) }, at: S(at) });

    expect(await world.store.getResult('cu', at)).toEqual(r);
    expect(await world.store.results('cu')).toEqual([r]);
    expect(await world.store.days('cu', day.day, day.day)).toEqual([day]);
    expect(await world.store.getAlertState('cu')).toEqual({ ...oldState, pending: [] });
    expect(await world.store.incidents('cu')).toEqual([incident]);
    expect(await world.store.getFacts('cu')).toEqual(facts);
    // And the old day row is advanced in place by today's code (its lock version read from the old row).
    const next = await world.store.addToDay(upResult('cu', '2026-01-05T04:00:00.000Z', 1_900, 80));
    expect(next.rounds).toBe(2);
  });

  it('an old row timing an error page reads without those timings (issue 19); a healthy row is untouched', async () => {
    // prepare: a 503 maintenance page stored with its LCP before the rule, beside a healthy row
    const ok = upResult('tot-cu', at, 600, 90);
    const old = upResult('loi-cu', at, 3_200, 0);
    const home = { ...old.pages.home!, httpStatus: 503, title: '503' };
    await raw(keys.result('loi-cu', at), {
      data: S(JSON.stringify({ ...old, status: 'down', pages: { home, form: null } })),
      status: S('down'),
    });
    await raw(keys.result('tot-cu', at), { data: S(JSON.stringify(ok)), status: S('up') });
    // act
    const read = await world.store.getResult('loi-cu', at);
    // assess
    expect(read?.pages.home).toMatchObject({ httpStatus: 503, title: '503', lcpMs: null, fcpMs: null, ttfbMs: null });
    expect(await world.store.getResult('tot-cu', at)).toEqual(ok);
  });

  it('a round recorded the old way (one growing set of done ids) reads, and counts completions after the change', async () => {
    const old = { at, startedAt: at, expected: ['a', 'b', 'c'], done: [], finishedAt: null, trigger: 'schedule' };
    await raw(keys.round(at), { data: S(JSON.stringify(old)), expected: N(3), doneIds: { SS: ['a'] } });
    expect(await world.store.roundProgress(at)).toMatchObject({ expectedCount: 3, doneCount: 1, finishedAt: null });
    expect(await world.store.markDone(at, 'b')).toBe(2);
    const round = await world.store.getRound(at);
    expect(round?.expected).toEqual(['a', 'b', 'c']);
    expect(round?.done.sort()).toEqual(['a', 'b']);
    expect(await world.store.finishRound(at, '2026-01-05T03:40:00.000Z')).toBe(true);
    expect((await world.store.rounds(5)).find((x) => x.at === at)?.finishedAt).toBe('2026-01-05T03:40:00.000Z');
  });
});

describe('rows the code cannot read are typed errors naming the key', () => {
  it('an unknown future schemaVersion', async () => {
    const at = '2026-02-01T00:00:00.000Z';
    const r = upResult('moi', at, 1_000, 90);
    await raw(keys.result('moi', at), { schemaVersion: N(7), data: S(JSON.stringify(r)), status: S('up') });
    const err = await world.store.getResult('moi', at).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownSchemaVersionError);
    expect((err as UnknownSchemaVersionError).key).toEqual(keys.result('moi', at));
    expect((err as Error).message).toContain(`v1#agency#moi / result#${at}`);
    expect((err as Error).message).toContain('schemaVersion 7');
  });

  it('a known version that does not match its schema', async () => {
    const at = '2026-02-01T01:00:00.000Z';
    await raw(keys.result('hong', at), {
      data: S(JSON.stringify({ agencyId: 'hong', at, status: 'sideways' })),
      status: S('up'),
    });
    const err = await world.store.getResult('hong', at).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorruptItemError);
    expect((err as Error).message).toContain(`v1#agency#hong / result#${at}`);
  });
});

describe('rounds: completion at a flat cost', () => {
  it('counts each agency once however often it is marked, and refuses a round never recorded', async () => {
    const at = '2026-03-01T00:00:00.000Z';
    expect(await world.store.startRound({ at, startedAt: at, expected: ['x', 'y'], trigger: 'manual' })).toBe(true);
    expect(await world.store.startRound({ at, startedAt: at, expected: ['x', 'y'], trigger: 'manual' })).toBe(false);
    expect(await world.store.markDone(at, 'x')).toBe(1);
    expect(await world.store.markDone(at, 'x')).toBe(1);
    expect(await world.store.roundProgress(at)).toMatchObject({ expectedCount: 2, doneCount: 1 });
    expect(await world.store.markDone(at, 'y')).toBe(2);
    expect(await world.store.getRound(at)).toMatchObject({ expected: ['x', 'y'], done: ['x', 'y'], doneCount: 2 });

    const none = '2026-03-01T01:00:00.000Z';
    await expect(world.store.markDone(none, 'x')).rejects.toBeInstanceOf(NotFoundError);
    // The completion was taken back: a round recorded later for that hour counts the agency.
    await world.store.startRound({ at: none, startedAt: none, expected: ['x'], trigger: 'manual' });
    expect(await world.store.markDone(none, 'x')).toBe(1);
  });
});
