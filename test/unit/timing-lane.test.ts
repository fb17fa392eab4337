import { describe, expect, it } from 'vitest';
import { TimingLane } from '../../packages/probe/src/timing-lane.js';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

/** Records which work ran at the same time as which. */
const recorder = () => {
  const running = new Set<string>();
  const overlaps: string[] = [];
  const work = (name: string, ms: number) => async () => {
    for (const other of running) overlaps.push(`${name}+${other}`);
    running.add(name);
    await tick(ms);
    running.delete(name);
    return name;
  };
  return { work, overlaps };
};

describe('the timing lane (issue 19: timed loads run alone)', () => {
  it('starts a timed load only once open gathering pages closed, and starts no gathering page meanwhile', async () => {
    // prepare
    const lane = new TimingLane();
    const { work, overlaps } = recorder();
    // act: two catalogue pages open, then a timed load asks, then more catalogue pages and another timed load
    const g1 = lane.gather(work('g1', 30));
    const g2 = lane.gather(work('g2', 40));
    await tick(1);
    const t1 = lane.timed(work('t1', 20), 10_000);
    const g3 = lane.gather(work('g3', 10));
    const t2 = lane.timed(work('t2', 20), 10_000);
    const [r1, r2] = await Promise.all([t1, t2, g1, g2, g3]);
    // assess: timed loads overlapped nothing; the catalogue pages ran together only with each other
    expect(overlaps.filter((o) => o.includes('t'))).toEqual([]);
    expect(r1).toMatchObject({ value: 't1', alone: true });
    expect(r1.waitedMs).toBeGreaterThan(0);
    expect(r2).toMatchObject({ value: 't2', alone: true });
    expect(lane.state()).toEqual({ timing: false, waiting: 0, gathering: 0 });
  });

  it('runs a timed load anyway after its longest wait, and says it was not alone', async () => {
    const lane = new TimingLane();
    const long = lane.gather(() => tick(80));
    const r = await lane.timed(async () => 'late', 10);
    expect(r).toMatchObject({ value: 'late', alone: false });
    await long;
    expect(await lane.timed(async () => 'next', 10)).toMatchObject({ alone: true });
  });
});
