import { type AttributeValue, DeleteItemCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { LabDay, Result } from '@dvcwatch/core';
import {
  ConflictError,
  CorruptItemError,
  DispatchJobs,
  type Key,
  keyOf,
  keys,
  N,
  S,
  UnknownSchemaVersionError,
  VantageObservations,
} from '@dvcwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labRun } from '../fixtures/lab-runs.js';
import { upResult } from './handlers/results.js';
import { startWorld, type World } from './helpers/world.js';

/**
 * Issue 20: lab days, monitor health, sends, dispatch jobs and vantage observations on the one TableIo, each read
 * through its zod schema by schemaVersion. Rows written by the code before, in exactly the shapes it wrote, still
 * read; a row that does not match is a typed error naming its key; the result row is written by ResultsRepo only.
 */
let world: World;
let jobs: DispatchJobs;
let observations: VantageObservations;
const raw = (k: Key, attrs: Record<string, AttributeValue>) =>
  world.dynamo.send(new PutItemCommand({ TableName: world.table, Item: { ...keyOf(k), ...attrs } }));
const stored = async (k: Key) =>
  (await world.dynamo.send(new GetItemCommand({ TableName: world.table, Key: keyOf(k), ConsistentRead: true }))).Item;
const at = '2026-03-02T03:00:00.000Z';

beforeAll(async () => {
  world = await startWorld({ dbDir: null });
  jobs = new DispatchJobs(world.dynamo, world.table);
  observations = new VantageObservations(world.dynamo, world.table);
}, 60_000);

afterAll(async () => {
  await world?.close();
});

describe('rows written before these entities moved onto TableIo (version 1) still read', () => {
  it('a lab day as LabDayRepo wrote it (`data` and `version`, no schemaVersion) reads, and a run appends in place', async () => {
    const day: LabDay = { agencyId: 'hue', day: '2026-03-02', runs: [labRun('2026-03-02T02:00:00.000Z', 3_000)] };
    await raw(keys.labDay('hue', '2026-03-02'), { data: S(JSON.stringify(day)), version: N(2) });

    expect(await world.store.labDays.get('hue', '2026-03-02')).toEqual(day);
    expect(await world.store.labDays.days('hue', '2026-03-01', '2026-03-03')).toEqual([day]);
    const next = await world.store.labDays.add('hue', '2026-03-02', labRun('2026-03-02T05:00:00.000Z', 4_000));
    expect(next.runs).toHaveLength(2);
    const item = await stored(keys.labDay('hue', '2026-03-02'));
    expect([item?.version?.N, item?.schemaVersion?.N]).toEqual(['3', '1']);
  });

  it('monitor health with its schemaVersion inside the JSON reads, and advances only from its version', async () => {
    const old = { schemaVersion: 1, reachable: ['a', 'b'], outage: { since: at, affected: ['b'] }, lastAt: at };
    await raw(keys.monitorHealth(), { data: S(JSON.stringify(old)), version: N(4) });

    const health = await world.store.health.get();
    expect(health).toEqual({ reachable: ['a', 'b'], outage: { since: at, affected: ['b'] }, lastAt: at, version: 4 });
    await world.store.health.put({ ...health, outage: null, version: 5 });
    await expect(world.store.health.put({ ...health, version: 5 })).rejects.toBeInstanceOf(ConflictError);
    expect(await world.store.health.get()).toMatchObject({ outage: null, version: 5 });
    expect((await stored(keys.monitorHealth()))?.schemaVersion?.N).toBe('1');
  });

  it('send records, SES rejections and SES events as Sends wrote them read, and a sent email stays sent', async () => {
    const send = { scope: S('hue'), topic: S('inc-1'), step: S('open'), kind: S('open'), subject: S('Sự cố') };
    await raw(keys.send('hue', 'inc-1', 'open'), {
      ...send,
      state: S('sent'),
      to: { SS: ['a@hue.gov.vn'] },
      attempts: N(1),
      createdAt: S(at),
      messageId: S('m-1'),
      sentAt: S(at),
    });
    await raw(keys.send('hue', 'inc-1', 'remind'), {
      ...send,
      step: S('remind'),
      state: S('suppressed'),
      to: { SS: ['(none)'] },
    });
    const rejection = { scope: 'ops', topic: 't', step: 's', kind: 'ops', to: ['x@y.vn'], reason: 'unverified', at };
    await raw(keys.rejection(at, 'ops', 't', 's'), { data: S(JSON.stringify(rejection)) });
    const event = { at, type: 'Bounce', messageId: 'm-1', recipients: ['a@hue.gov.vn'], detail: 'Permanent' };
    await raw(keys.sesEvent(at, 'm-1'), { data: S(JSON.stringify(event)) });

    const list = await world.sends.list('hue');
    expect(list.map((r) => [r.step, r.state, r.to, r.messageId])).toEqual([
      ['open', 'sent', ['a@hue.gov.vn'], 'm-1'],
      ['remind', 'suppressed', ['(none)'], null],
    ]);
    expect((await world.sends.list()).map((r) => r.step).sort()).toEqual(['open', 'remind']);
    expect(await world.sends.rejections(at, at)).toEqual([rejection]);
    expect(await world.sends.sesEvents()).toEqual([event]);
    const fields = { scope: 'hue', topic: 'inc-1', step: 'open', kind: 'open', to: [], subject: 'Sự cố' };
    expect(await world.sends.claim(fields, Date.parse(at), 60_000)).toBe('already-sent');
    // A new claim writes its schemaVersion.
    expect(await world.sends.claim({ ...fields, step: 'escalate' }, Date.parse(at), 60_000)).toBe('claimed');
    expect((await stored(keys.send('hue', 'inc-1', 'escalate')))?.schemaVersion?.N).toBe('1');
  });

  it('dispatch markers and vantage observations as written before read', async () => {
    await raw(keys.dispatchJob(at, 'hue'), {
      schemaVersion: N(1),
      state: S('queued'),
      owner: S('d-1'),
      leaseUntil: N(7),
      expiresAt: N(9),
      messageId: S('q-1'),
    });
    const seen = { id: 'vn', status: 'up', reason: null, at };
    await raw(keys.vantageObservation('hue', at, 'vn'), { data: S(JSON.stringify({ agencyId: 'hue', at, seen })) });

    expect(await jobs.get(at, 'hue')).toEqual({ state: 'queued', owner: 'd-1', leaseUntil: 7, messageId: 'q-1' });
    expect(await jobs.claim(at, 'hue', 'd-2', 0, 60_000)).toBe(false);
    expect(await observations.get('hue', at, 'vn')).toEqual({ agencyId: 'hue', at, seen });
    expect(await observations.forRound('hue', at)).toEqual([{ agencyId: 'hue', at, seen }]);
  });
});

describe('a row that does not match its schema is a typed error naming its key', () => {
  const cases: [string, Key, Record<string, AttributeValue>, () => Promise<unknown>][] = [
    [
      'lab day',
      keys.labDay('hong', '2026-03-02'),
      { data: S('{not json'), version: N(1) },
      () => world.store.labDays.get('hong', '2026-03-02'),
    ],
    [
      'monitor health',
      keys.monitorHealth(),
      { data: S(JSON.stringify({ reachable: 'all', outage: null, lastAt: null })), version: N(1) },
      () => world.store.health.get(),
    ],
    ['send', keys.send('hong', 't', 's'), { state: S('sent'), attempts: S('many') }, () => world.sends.list('hong')],
    ['SES rejection', keys.rejection(at, 'hong', 't', 's'), { data: S('{}') }, () => world.sends.rejections(at, at)],
    ['SES event', keys.sesEvent(at, 'hong'), { data: S('[]') }, () => world.sends.sesEvents()],
    [
      'dispatch job',
      keys.dispatchJob(at, 'hong'),
      { schemaVersion: N(1), state: S('lost'), owner: S('d'), leaseUntil: N(0) },
      () => jobs.get(at, 'hong'),
    ],
    [
      'vantage observation',
      keys.vantageObservation('hong', at, 'vn'),
      { data: S(JSON.stringify({ agencyId: 'hong', at })) },
      () => observations.forRound('hong', at),
    ],
  ];

  it.each(cases)('%s', async (entity, k, attrs, read) => {
    await raw(k, attrs);
    try {
      const err = await read().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CorruptItemError);
      expect((err as CorruptItemError).entity).toBe(entity);
      expect((err as CorruptItemError).key).toEqual(k);
      expect((err as Error).message).toContain(`${k.pk} / ${k.sk}`);
    } finally {
      await world.dynamo.send(new DeleteItemCommand({ TableName: world.table, Key: keyOf(k) }));
    }
  });

  it('a lab day of an unknown future schemaVersion is refused, not misread', async () => {
    const k = keys.labDay('moi', '2026-03-02');
    await raw(k, { schemaVersion: N(9), data: S(JSON.stringify({ agencyId: 'moi', day: '2026-03-02', runs: [] })) });
    const err = await world.store.labDays.get('moi', '2026-03-02').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownSchemaVersionError);
    expect((err as UnknownSchemaVersionError).key).toEqual(k);
  });
});

describe('the result row has one writer: ResultsRepo', () => {
  const down = (id: string): Result => ({
    ...upResult(id, at, 1_000, 0),
    status: 'down',
    reason: 'reset',
    vantageVerdict: 'unconfirmed',
  });
  const geo = (id: string): Result => ({ ...down(id), status: 'blocked', reason: 'geo', vantageVerdict: 'geo' });

  it('settles an unsettled down once, marking it settled; never an up, a settled or a missing row', async () => {
    await world.store.putResult(down('lao'));
    await world.store.putResult(down('hanoi'));
    await world.store.putResult(upResult('tot', at, 1_000, 90));
    const everyVantage: Result = { ...down('hanoi'), vantageVerdict: 'confirmed' };

    expect(await world.store.settleFromVantages(geo('lao'))).toBe(true);
    expect(await world.store.getResult('lao', at)).toEqual(geo('lao'));
    const item = await stored(keys.result('lao', at));
    expect([item?.settled?.BOOL, item?.status?.S, item?.schemaVersion?.N]).toEqual([true, 'blocked', '1']);
    // A down confirmed by every vantage stays `down`: the `settled` flag alone keeps a second finalize from settling it again.
    expect(await world.store.resultRows.settle(everyVantage)).toBe(true);
    expect(await world.store.resultRows.settle(geo('hanoi'))).toBe(false);
    expect((await world.store.getResult('hanoi', at))?.vantageVerdict).toBe('confirmed');
    expect(await world.store.resultRows.settle(geo('tot'))).toBe(false);
    expect(await world.store.resultRows.settle(geo('khong'))).toBe(false);
    expect((await world.store.getResult('tot', at))?.status).toBe('up');
    expect(await world.store.getResult('khong', at)).toBeNull();
  });
});
