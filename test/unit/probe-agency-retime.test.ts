import { blankPage, type PageArtifacts, parseRegistry, type TimingConditions } from '@dvcwatch/core';
import type { ProbePageOptions, Prober } from '@dvcwatch/probe';
import { describe, expect, it } from 'vitest';
import { probeAgency } from '../../packages/runner/src/probe-agency.js';

const registry = parseRegistry(
  `version: 1
operators: [vanhanh@example.vn]
agencies:
  - id: a
    name: Tỉnh A
    kind: province
    head: { name: Chủ tịch, email: chutich@a.example.vn }
    portal: { home: "https://a.example.vn/", form: "https://a.example.vn/form" }
`,
  'retime.yaml',
);
const clean: TimingConditions = { cpuShare: 1, laneWaitMs: 0, alone: true, contended: false };
const page = (url: string, conditions: TimingConditions, p: Partial<PageArtifacts> = {}): PageArtifacts => ({
  ...blankPage(url),
  finalUrl: url,
  httpStatus: 200,
  redirects: [url],
  ttfbMs: 100,
  fcpMs: 300,
  lcpMs: 400,
  readyMs: 500,
  readyKind: 'form',
  conditions,
  ...p,
});

/** A prober that answers each call from a script, and records the options of every call. */
const scripted = (answers: ((url: string) => PageArtifacts)[]) => {
  const calls: { url: string; opts: ProbePageOptions | undefined }[] = [];
  const prober = {
    probePage: async (url: string, _kind: 'home' | 'form', opts?: ProbePageOptions) => {
      calls.push({ url, opts });
      return (answers[calls.length - 1] ?? ((u: string) => page(u, clean)))(url);
    },
  } as unknown as Prober;
  return { prober, calls };
};

/** Probes the registry's agency with `prober`, timings only, recording every sleep instead of sleeping. */
const probeOnce = async (prober: Prober) => {
  const slept: number[] = [];
  const artifacts = await probeAgency(registry.agencies[0]!, '2026-12-01T02:00:00.000Z', {
    prober,
    registry,
    evidence: null,
    facts: false,
    sleep: async (ms) => {
      slept.push(ms);
    },
  });
  return { artifacts, slept };
};

describe('a timed load that met another is timed again, and the last look alone (issue 21)', () => {
  const overlapped: TimingConditions = { ...clean, alone: false, overlapped: true, contended: true };

  it('times an overlapped home page again at once beside the others, and keeps the first as a retry', async () => {
    // prepare: the home page's first load overlapped another agency's render; the second is clean
    const { prober, calls } = scripted([(u) => page(u, overlapped)]);
    // act
    const { artifacts: a, slept } = await probeOnce(prober);
    // assess: home timed twice, the second at once (no failure delay) and not yet alone; form once
    expect(calls.map((c) => [c.url, c.opts?.exclusive ?? false])).toEqual([
      ['https://a.example.vn/', false],
      ['https://a.example.vn/', false],
      ['https://a.example.vn/form', false],
    ]);
    expect(slept).toEqual([0]);
    expect(a.retries).toHaveLength(1);
    expect(a.home.conditions?.alone).toBe(true);
  });

  it('takes the lane alone for the round’s last look when the second load overlapped too, so the kept number is clean', async () => {
    // prepare: the first two loads overlapped others (confirmAttempts 2: the third is the round's last look)
    const { prober, calls } = scripted([(u) => page(u, overlapped), (u) => page(u, overlapped)]);
    // act
    const { artifacts: a } = await probeOnce(prober);
    // assess
    expect(registry.probe.confirmAttempts).toBe(2);
    expect(calls.map((c) => [c.url, c.opts?.exclusive ?? false])).toEqual([
      ['https://a.example.vn/', false],
      ['https://a.example.vn/', false],
      ['https://a.example.vn/', true],
      ['https://a.example.vn/form', false],
    ]);
    expect(a.retries).toHaveLength(2);
    expect(a.home.conditions).toMatchObject({ alone: true, contended: false });
  });

  it('re-probes a failure after the policy delay, not exclusively', async () => {
    const { prober, calls } = scripted([(u) => page(u, clean, { httpStatus: 503 })]);
    const { slept } = await probeOnce(prober);
    expect(calls.map((c) => c.opts?.exclusive ?? false)).toEqual([false, false, false]);
    expect(slept).toEqual([registry.probe.confirmDelayMs]);
  });
});
