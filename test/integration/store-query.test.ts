import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from './helpers/world.js';

/** Store queries against dynalite with its data on disk (as the CLI runs it), across pages and with any limit. */
let world: World;
let dir: string;
const N = 1_205;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dvcwatch-store-'));
  world = await startWorld({ dbDir: dir });
  const expected = ['a', 'b'];
  for (let h = 0; h < N; h++) {
    const at = new Date(Date.UTC(2026, 0, 1) + h * 3_600_000).toISOString();
    await world.store.startRound({ at, startedAt: at, expected, done: [], finishedAt: null, trigger: 'schedule' });
  }
}, 120_000);

afterAll(async () => {
  await world?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('Store queries (dynalite on disk)', () => {
  it('returns every round for a limit of any size, newest first, across query pages', async () => {
    for (const limit of [Number.MAX_SAFE_INTEGER, 2 ** 31, 1_000_000]) {
      const rounds = await world.store.rounds(limit);
      expect(rounds, `limit ${limit}`).toHaveLength(N);
      expect(rounds[0]!.at > rounds.at(-1)!.at).toBe(true);
    }
  });

  it('stops at the limit, also when it spans more than one page', async () => {
    expect(await world.store.rounds(3)).toHaveLength(3);
    expect(await world.store.rounds(1_100)).toHaveLength(1_100);
  });
});
