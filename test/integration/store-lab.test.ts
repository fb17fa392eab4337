import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorFailure, type Result } from '../../packages/core/src/index.js';
import { labRun } from '../fixtures/lab-runs.js';
import { startWorld, type World } from './helpers/world.js';

/** The new store data of issue 15 through dynalite: lab days (own repository) and causes kept in the day aggregate. */
let world: World;
beforeAll(async () => {
  world = await startWorld({});
}, 60_000);
afterAll(async () => {
  await world?.close();
});

const run = (at: string, lcpMs: number) => labRun(at, lcpMs);

describe('store: ministry profile and causes (dynalite)', () => {
  it('appends lab runs per agency and day, once each, and lists days in order', async () => {
    const repo = world.store.labDays;
    await repo.add('a', '2026-03-02', run('2026-03-02T02:00:00Z', 3_000));
    await repo.add('a', '2026-03-02', run('2026-03-02T05:00:00Z', 5_000));
    const again = await repo.add('a', '2026-03-02', run('2026-03-02T05:00:00Z', 5_000));
    await repo.add('a', '2026-03-03', run('2026-03-03T02:00:00Z', 4_000));
    expect(again.runs).toHaveLength(2);
    expect((await repo.days('a', '2026-03-01', '2026-03-03')).map((d) => [d.day, d.runs.length])).toEqual([
      ['2026-03-02', 2],
      ['2026-03-03', 1],
    ]);
    expect(await repo.get('b', '2026-03-02')).toBeNull();
  });

  it('keeps the causes counted in the day aggregate when it is read back', async () => {
    const r: Result = {
      ...monitorFailure('c', { at: '2026-03-02T03:00:00.000Z', nationalHosts: [], maintenance: false }, 'x'),
      causes: [
        {
          kind: 'slow-server',
          page: 'home',
          text: 'Máy chủ trả lời chậm: 2,9 s chờ phản hồi đầu tiên',
          url: null,
          impactMs: 2_900,
        },
      ],
    };
    await world.store.addToDay(r);
    const [day] = await world.store.days('c', '2026-03-02', '2026-03-02');
    expect(day?.causes).toEqual({ 'home:slow-server': { rounds: 1, text: 'Máy chủ trả lời chậm: 2,9 s chờ phản hồi đầu tiên' } });
  });
});
