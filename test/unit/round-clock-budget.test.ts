import {
  agencyWorstCaseMs,
  DEFAULT_PROBE_TIMING,
  PROBE_TAKE_MORE_MS,
  probeTimeoutSeconds,
  ROUND_SCHEDULES,
  roundDeadline,
  roundOf,
  roundOfDeadline,
  takesMoreWhileMs,
  VANTAGE_WAIT_MS,
} from '@dvcwatch/core';
import { launchArgs } from '@dvcwatch/probe';
import chromium from '@sparticuz/chromium';
import { describe, expect, it } from 'vitest';

describe('the round clock', () => {
  it('keys a round by the top of its hour and maps the deadline event back to that round', () => {
    expect(roundOf('2025-06-02T01:00:07Z')).toBe('2025-06-02T01:00:00.000Z');
    expect(roundDeadline('2025-06-02T01:00:00.000Z')).toBe('2025-06-02T01:50:00.000Z');
    // EventBridge delivers a few seconds late at most; the deadline event still names its own round.
    expect(roundOfDeadline('2025-06-02T01:50:04Z')).toBe('2025-06-02T01:00:00.000Z');
    expect(ROUND_SCHEDULES).toEqual({ round: 'cron(0 * * * ? *)', deadline: 'cron(50 * * * ? *)' });
  });
});

describe("one agency's worst case", () => {
  it('grows with every limit it is made of, and the probe timeout covers it', () => {
    const base = agencyWorstCaseMs(DEFAULT_PROBE_TIMING);

    expect(agencyWorstCaseMs({ ...DEFAULT_PROBE_TIMING, pageTimeoutMs: 21_000 })).toBe(base + 2 * 3 * 1_000);
    expect(agencyWorstCaseMs({ ...DEFAULT_PROBE_TIMING, confirmAttempts: 0 })).toBe(base - 2 * (2 * 30_000 + 9_000));
    expect(agencyWorstCaseMs(DEFAULT_PROBE_TIMING, 15_000)).toBe(base + 15_000);
    expect(probeTimeoutSeconds() * 1000).toBeGreaterThanOrEqual(base + VANTAGE_WAIT_MS);
    // …and the window in which an invocation takes further jobs (issue 21), each only while its worst case fits.
    expect(takesMoreWhileMs()).toBe(base + VANTAGE_WAIT_MS);
    expect(probeTimeoutSeconds() * 1000 - VANTAGE_WAIT_MS - PROBE_TAKE_MORE_MS).toBeGreaterThanOrEqual(base);
    expect(probeTimeoutSeconds() * 1000 - VANTAGE_WAIT_MS - PROBE_TAKE_MORE_MS).toBeLessThan(base + 30_000);
  });
});

describe("Chromium's arguments", () => {
  it("keep @sparticuz/chromium's --single-process on Lambda only, and never the ones that change a page", () => {
    const lambda = launchArgs(chromium.args, 'lambda');
    const shared = launchArgs(chromium.args, 'shared');

    expect(chromium.args).toContain('--single-process');
    expect(lambda).toContain('--single-process');
    expect(shared).not.toContain('--single-process');
    for (const args of [lambda, shared]) {
      expect(args).not.toContain('--disable-web-security');
      expect(args).toContain('--webrtc-ip-handling-policy=disable_non_proxied_udp');
      // No GPU emulated in software: it doubled a timed load's CPU (issue 21).
      expect(args).toContain('--disable-gpu');
      expect(args.filter((a) => /swiftshader|use-gl|use-angle/.test(a))).toEqual([]);
    }
  });
});
