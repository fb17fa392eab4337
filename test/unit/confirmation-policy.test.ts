import {
  agencyWorstCaseMs,
  blankPage,
  CLOSE_TIMEOUT_MS,
  classifyPage,
  confirmationPolicy,
  DEFAULT_PROBE_TIMING,
  type PageArtifacts,
} from '@dvcwatch/core';
import { describe, expect, it } from 'vitest';

const URL = 'https://dichvucong.hatinh.gov.vn/';
const policy = confirmationPolicy(DEFAULT_PROBE_TIMING);
const seen = (p: Partial<PageArtifacts>) =>
  classifyPage({ ...blankPage(URL), finalUrl: URL, httpStatus: 200, redirects: [URL], ...p }, []);

describe('the confirmation policy', () => {
  it('re-probes failures within the round: network errors, timeouts, HTTP ≥ 500', () => {
    for (const code of ['timeout', 'net::ERR_CONNECTION_RESET', 'net::ERR_CONNECTION_REFUSED', 'net::ERR_NAME_NOT_RESOLVED'])
      expect({ code, again: policy.reprobes(seen({ error: { code, message: code }, httpStatus: null })) }).toEqual({
        code,
        again: true,
      });
    expect(policy.reprobes(seen({ httpStatus: 503 }))).toBe(true);
    expect(policy.another(0, seen({ httpStatus: 502 }))).toBe(true);
    expect(policy.another(DEFAULT_PROBE_TIMING.confirmAttempts, seen({ httpStatus: 502 }))).toBe(false);
  });

  it('never re-probes a page that answered, however slow: slowness is confirmed over rounds', () => {
    expect(policy.slowPages).toBe('rounds');
    expect(policy.reprobes(seen({ httpStatus: 200, ttfbMs: 9_500, lcpMs: 19_000 }))).toBe(false);
    expect(policy.another(0, seen({ httpStatus: 200, lcpMs: 12_000 }))).toBe(false);
  });

  it('does not re-probe answers that would not change within seconds', () => {
    expect(policy.reprobes(seen({ httpStatus: 404 }))).toBe(false);
    expect(policy.reprobes(seen({ httpStatus: 403 }))).toBe(false);
    expect(policy.reprobes(seen({ error: { code: 'net::ERR_CERT_DATE_INVALID', message: '' }, httpStatus: null }))).toBe(false);
    expect(policy.reprobes(seen({ error: { code: 'guard:private', message: '' }, httpStatus: null }))).toBe(false);
    expect(policy.reprobes(seen({ error: { code: 'probe', message: '' }, httpStatus: null }))).toBe(false);
  });

  it('waits delay × i before re-probe i, and its delays and attempts are what the worst-case budget adds', () => {
    expect([policy.delayBeforeMs(1), policy.delayBeforeMs(2)]).toEqual([3_000, 6_000]);
    expect(policy.delaysMs).toBe(9_000);
    const none = confirmationPolicy({ ...DEFAULT_PROBE_TIMING, confirmAttempts: 0 });
    const perPage = policy.pageWorstCaseMs(20_000, CLOSE_TIMEOUT_MS) - none.pageWorstCaseMs(20_000, CLOSE_TIMEOUT_MS);
    expect(perPage).toBe(2 * (20_000 + 2 * CLOSE_TIMEOUT_MS) + 9_000);
    // Two pages (home, form) each at the policy's worst case: the budget moves with the policy, and only with it.
    expect(agencyWorstCaseMs(DEFAULT_PROBE_TIMING) - agencyWorstCaseMs({ ...DEFAULT_PROBE_TIMING, confirmAttempts: 0 })).toBe(
      2 * perPage,
    );
    expect(agencyWorstCaseMs(DEFAULT_PROBE_TIMING, policy.vantageWorstCaseMs(20_000))).toBe(
      agencyWorstCaseMs(DEFAULT_PROBE_TIMING) + 3 * 20_000 + 9_000 + 5_000,
    );
  });

  it('times a load that shared the lane again beside the others, alone only on the round’s last look; a failure never alone', () => {
    expect(policy.attempts).toBe(2);
    expect([policy.alone(1, false), policy.alone(2, false)]).toEqual([false, true]);
    expect([policy.alone(1, true), policy.alone(2, true)]).toEqual([false, false]);
    expect(confirmationPolicy({ ...DEFAULT_PROBE_TIMING, confirmAttempts: 1 }).alone(1, false)).toBe(true);
  });

  it('keeps the old rule selectable (in-round: every failure and every breach re-probed) for pricing it', () => {
    const old = confirmationPolicy({ ...DEFAULT_PROBE_TIMING, confirmSlow: 'in-round' });
    expect(old.another(0, seen({ httpStatus: 200, lcpMs: 12_000 }), true)).toBe(true);
    expect(old.another(0, seen({ httpStatus: 404 }))).toBe(true);
    expect(policy.another(0, seen({ httpStatus: 200, lcpMs: 12_000 }), true)).toBe(false);
    expect(old.pageWorstCaseMs(20_000, CLOSE_TIMEOUT_MS)).toBe(policy.pageWorstCaseMs(20_000, CLOSE_TIMEOUT_MS));
  });
});
