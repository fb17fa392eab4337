import { describe, expect, it } from 'vitest';
import { cpuShare, lastCpuShare, recentCpuShare } from '../../packages/probe/src/cpu-share.js';

describe('the CPU-share calibration, shared by loads that follow each other at once', () => {
  it('serves a calibration that ended within the bound, and calibrates again past it', () => {
    // prepare: one calibration
    const share = cpuShare(5);
    const first = lastCpuShare();
    expect(first?.share).toBe(share);
    // act + assess: 50 ms later (the next load took the lane at once), the same reading serves
    expect(recentCpuShare(100, (first?.at ?? 0) + 50)).toBe(share);
    expect(lastCpuShare()).toEqual(first);
    // act + assess: 500 ms later, a new calibration is taken
    recentCpuShare(100, (first?.at ?? 0) + 500);
    expect(lastCpuShare()?.at).toBeGreaterThan(first?.at ?? 0);
  });

  it('reads between 0 and 1 of a core', () => {
    const share = cpuShare(20);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThanOrEqual(1);
  });
});
