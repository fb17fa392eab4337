import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorFailure, type Result } from '../../packages/core/src/index.js';
import { ConflictError } from '../../packages/store/src/errors.js';
import { keyOf, N, S } from '../../packages/store/src/item.js';
import { changeVersioned, type VersionedDoc } from '../../packages/store/src/versioned.js';
import { startWorld, type World } from './helpers/world.js';

// The one read-change-write loop under an optimistic lock (store/versioned.ts), used by the day aggregates and the
// lab days, through dynalite.
let world: World;
beforeAll(async () => {
  world = await startWorld({});
}, 60_000);
afterAll(async () => {
  await world?.close();
});

const result = (agencyId: string, hour: number): Result =>
  monitorFailure(
    agencyId,
    { at: `2026-03-02T${String(hour).padStart(2, '0')}:00:00.000Z`, nationalHosts: [], maintenance: false },
    'x',
  );

describe('changeVersioned', () => {
  // Six writers: each failed attempt means another writer's succeeded, so the last needs at most six (ATTEMPTS).
  it('loses no result when six rounds of one day are added at once', async () => {
    await Promise.all(Array.from({ length: 6 }, (_, h) => world.store.addToDay(result('dong-thoi', h))));
    const [day] = await world.store.days('dong-thoi', '2026-03-02', '2026-03-02');
    expect(day?.rounds).toBe(6);
  });

  it('gives up with a ConflictError naming the item when every attempt is overtaken', async () => {
    const k = { pk: 'TEST#versioned', sk: 'DOC' };
    const io = world.store.io;
    const doc: VersionedDoc<number> = {
      name: 'test counter',
      read: (item) => ({ doc: Number(item.data?.S), version: Number(item.version?.N) }),
      write: (n) => ({ data: S(String(n)) }),
    };
    let attempts = 0;
    // Another writer bumps the version between each read and write: a put of its own on every attempt.
    const original = io.get.bind(io);
    io.get = async (key) => {
      const item = await original(key);
      await io.put({ Item: { ...keyOf(k), data: S('100'), version: N(Number(item?.version?.N ?? 0) + 1) } });
      return item;
    };
    try {
      const overtaken = changeVersioned(io, k, doc, (prev) => {
        attempts++;
        return (prev ?? 0) + 1;
      });
      await expect(overtaken).rejects.toThrow(ConflictError);
      await expect(overtaken).rejects.toThrow('test counter TEST#versioned / DOC: still contended after 6 attempts');
    } finally {
      io.get = original;
    }
    expect(attempts).toBe(6);
  });
});
