import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { parseIndex766Period } from '@dvcwatch/core';
import { Index766ImportError, importIndex766 } from '@dvcwatch/runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Index766StandIn, startIndex766StandIn } from '../fixtures/index-766/server.js';
import { testRegistry } from './helpers/registry.js';
import { startWorld, type World } from './helpers/world.js';

/** The importer against the stand-in endpoint and dynalite: what is kept, and what each failure says and leaves. */
let world: World;
let standIn: Index766StandIn;
const registry = testRegistry([{ id: 'a', home: 'http://127.0.0.1:9/' }]);
const period = parseIndex766Period('2025-06')!;
let clock = 0;
const now = () => new Date(Date.parse('2025-06-10T00:00:00.000Z') + ++clock * 60_000).toISOString();

beforeAll(async () => {
  world = await startWorld();
  standIn = await startIndex766StandIn('rows');
});
afterAll(async () => {
  await standIn?.close();
  await world?.close();
});

/** A port nothing listens on. */
const closedPort = async (): Promise<number> => {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
};

describe('importIndex766', () => {
  it('keeps the raw answer with its SHA-256, the params and the fetch time', async () => {
    const imported = await importIndex766(world.store, registry, { period, endpoint: standIn.endpoint, now });
    const raw = await world.store.index766.raw(imported.fetchedAt);
    expect(createHash('sha256').update(raw!).digest('hex')).toBe(imported.sha256);
    expect(JSON.parse(new TextDecoder().decode(raw!))[0].MA).toBe('x'); // as received, extra fields included
    expect(await world.store.index766.latest()).toEqual(imported);
  });

  it('says in one line what a failure received, and every failure leaves the earlier import as the latest', async () => {
    const before = await world.store.index766.latest();
    const failure = async (endpoint = standIn.endpoint) => {
      const e = await importIndex766(world.store, registry, { period, endpoint, now, timeoutMs: 5_000 }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(Index766ImportError);
      expect((e as Error).message).not.toContain('\n');
      return (e as Error).message;
    };
    standIn.setMode('firewall');
    expect(await failure()).toBe(
      'nhận được một trang HTML “Request Rejected” (có thể là trang tường lửa), không phải dữ liệu JSON',
    );
    standIn.setMode('changed');
    expect(await failure()).toBe('dữ liệu đã đổi dạng: nhận được JSON dạng object, cần kiểu array');
    const port = await closedPort();
    expect(await failure(`http://127.0.0.1:${port}/jsp/rest.jsp`)).toBe(
      `không kết nối được tới http://127.0.0.1:${port}/p/home/dvc-index-tinhthanhpho-tonghop.html: ECONNREFUSED`,
    );
    standIn.setMode('rows');
    expect(await world.store.index766.latest()).toEqual(before);
    expect(await world.store.index766.between('0000', '9999')).toHaveLength(1);
  });
});
