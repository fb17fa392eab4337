import type { EmailMessage, Registry } from '@dvcwatch/core';
import type { SendKey } from '@dvcwatch/notify';
import { createProber, type Prober } from '@dvcwatch/probe';
import { runRound } from '@dvcwatch/runner';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DemoPortals, startDemoPortals } from '../../packages/cli/src/demo/index.js';
import { localOrigins } from '../../packages/cli/src/registry-file.js';
import { injectFault, sesThrottled } from './helpers/faults.js';
import { testRegistry } from './helpers/registry.js';
import { startWorld, type World } from './helpers/world.js';

// Issue "dvcwatch under hostile portals, faults and bad input": each alert email leaves exactly once.
let world: World;

beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => world?.close());
afterEach(async () => world.clearEmails());

const message = (subject: string): EmailMessage => ({
  to: ['thutruong.tinh-a@example.vn'],
  cc: ['vanphong.tinh-a@example.vn'],
  subject,
  text: 'Cổng dịch vụ công không truy cập được.',
  html: '<p>Cổng dịch vụ công không truy cập được.</p>',
});
const key = (topic: string): SendKey => ({ scope: 'tinh-a', topic, step: 'open', kind: 'open' });

describe('SES throttling', () => {
  it('retries "Maximum sending rate exceeded" with backoff and sends exactly one email', async () => {
    // prepare: SES refuses the first 2 attempts as over its rate
    const fault = injectFault(world.ses, { times: 2, commands: ['SendRawEmailCommand'], error: sesThrottled });
    try {
      // act
      const outcome = await world.mailer.send(key('throttle'), message('[dvcwatch] Sự cố: Tỉnh A'));
      // assess
      expect(outcome).toBe('sent');
      expect(fault.injected()).toBe(2);
      expect(fault.attempts()).toBe(3);
      const emails = await world.emails();
      expect(emails.map((e) => e.subject)).toEqual(['[dvcwatch] Sự cố: Tỉnh A']);
      const [record] = (await world.sends.list('tinh-a')).filter((r) => r.topic === 'throttle');
      expect(record).toMatchObject({ state: 'sent', attempts: 1, messageId: emails[0]?.messageId });
    } finally {
      fault.remove();
    }
  });

  it('gives up on a throttle that outlasts its attempts, sends nothing, and leaves the send retryable', async () => {
    // prepare
    const fault = injectFault(world.ses, {
      times: Number.POSITIVE_INFINITY,
      commands: ['SendRawEmailCommand'],
      error: sesThrottled,
    });
    const mailer = world.newMailer({ attempts: 3 });
    try {
      // act
      await expect(mailer.send(key('throttle-long'), message('dài'))).rejects.toThrow(/Maximum sending rate exceeded/);
      expect(await world.emails()).toEqual([]);
      fault.stop();
      const outcome = await mailer.send(key('throttle-long'), message('dài'));
      // assess
      expect(fault.injected()).toBe(3);
      expect(outcome).toBe('sent');
      expect(await world.emails()).toHaveLength(1);
    } finally {
      fault.remove();
    }
  });
});

describe('a sender dies between its claim and the SES call', () => {
  it('an attempt that fails after the claim releases it; the retry sends exactly one email', async () => {
    // prepare: the first attempt throws right after the conditional write
    let crashes = 1;
    const mailer = world.newMailer({
      afterClaim: async () => {
        if (crashes-- > 0) throw new Error('worker crashed after claiming');
      },
    });
    // act
    await expect(mailer.send(key('crash'), message('crash'))).rejects.toThrow(/crashed/);
    const retry = await mailer.send(key('crash'), message('crash'));
    const again = await mailer.send(key('crash'), message('crash'));
    // assess
    expect([retry, again]).toEqual(['sent', 'already-sent']);
    expect(await world.emails()).toHaveLength(1);
  });

  it('a killed sender holds its lease: others are `busy` until it runs out, then exactly one email leaves', async () => {
    // prepare: a clock under test control, a 60 s lease, and a sender that never gets past its claim (killed)
    let nowMs = Date.parse('2025-09-01T03:00:00Z');
    const now = () => nowMs;
    const killed = world.newMailer({ leaseMs: 60_000, now, afterClaim: () => new Promise<void>(() => undefined) });
    const other = world.newMailer({ leaseMs: 60_000, now });
    void killed.send(key('killed'), message('killed'));
    await expect.poll(async () => (await world.sends.list('tinh-a')).some((r) => r.topic === 'killed')).toBe(true);
    // act: another worker during the lease, then after it
    const during = await other.send(key('killed'), message('killed'));
    const duringEmails = (await world.emails()).length;
    nowMs += 60_001;
    const after = await other.send(key('killed'), message('killed'));
    const later = await other.send(key('killed'), message('killed'));
    // assess
    expect(during).toBe('busy');
    expect(duringEmails).toBe(0);
    expect([after, later]).toEqual(['sent', 'already-sent']);
    expect(await world.emails()).toHaveLength(1);
    const [record] = (await world.sends.list('tinh-a')).filter((r) => r.topic === 'killed');
    expect(record).toMatchObject({ state: 'sent', attempts: 2 });
  });
});

describe('overlapping rounds for the same hour over a portal that is down', () => {
  let demo: DemoPortals;
  let registry: Registry;
  let prober: Prober;
  beforeAll(async () => {
    demo = await startDemoPortals({
      basePort: 0,
      portals: [{ id: 'tinh-loi', name: 'Tỉnh Lỗi', kind: 'province', failure: 'http-503' }],
    });
    registry = testRegistry(
      demo.portals.map((p) => ({ id: p.id, home: p.home, form: p.form })),
      { probe: { pageTimeoutMs: 4_000, confirmAttempts: 0, accessibility: false }, alerts: { confirmRounds: 2 } },
    );
    prober = createProber({ local: true, allowedOrigins: localOrigins(registry) });
  });
  afterAll(async () => {
    await prober?.close();
    await demo?.close();
  });

  it('opens the incident once, sends one "open" email, and keeps the alert state consistent', async () => {
    // prepare: two workers (the hourly round and a manual one), each with its own mailer, one store
    const scheduled = world.deps(registry);
    const manual = world.deps(registry, { mailer: world.newMailer() });
    const round = (deps: typeof scheduled, at: string, trigger: 'schedule' | 'manual') =>
      runRound(deps, {
        at,
        trigger,
        concurrency: 1,
        spool: null,
        now: () => new Date().toISOString(),
        probe: { prober, registry, evidence: null, facts: false },
      });
    const hours = ['2025-09-01T03:00:00.000Z', '2025-09-01T04:00:00.000Z', '2025-09-01T05:00:00.000Z'];
    const versions: number[] = [];
    // act: both rounds at once, for each of three hours
    for (const at of hours) {
      const pair = await Promise.all([round(scheduled, at, 'schedule'), round(manual, at, 'manual')]);
      expect(pair.filter((s) => s.finished)).toHaveLength(1);
      versions.push((await world.store.getAlertState('tinh-loi'))?.version ?? -1);
    }
    // assess: one result per hour, one incident, one email, a state that moved forward every hour
    for (const at of hours) expect(await world.store.results('tinh-loi', at, at)).toHaveLength(1);
    const emails = await world.emails();
    expect(emails).toHaveLength(1);
    expect(emails[0]?.destination.to.join(',')).toContain('thutruong.tinh-loi@example.vn');
    const sends = await world.sends.list('tinh-loi');
    expect(sends.map((s) => [s.step, s.state])).toEqual([['open', 'sent']]);
    expect(await world.store.incidents('tinh-loi')).toHaveLength(1);
    const state = await world.store.getAlertState('tinh-loi');
    expect(state).toMatchObject({ breachedRounds: 3, lastAt: hours[2], pending: [], incident: { openedAt: hours[1] } });
    expect(versions[0]).toBeGreaterThan(0);
    expect(versions[1]).toBeGreaterThan(versions[0] ?? 0);
    expect(versions[2]).toBeGreaterThan(versions[1] ?? 0);
  });
  it('a worker killed while sending an alert does not lose it: the email leaves once its lease runs out', async () => {
    // prepare: hour 1 breached by the hourly worker; a clock under test control for the leases
    const id = 'tinh-chet';
    let nowMs = Date.parse('2025-09-02T03:00:00Z');
    const now = () => nowMs;
    const lease = { leaseMs: 60_000, now };
    const single = testRegistry([{ id, home: demo.portals[0]?.home ?? '' }], {
      probe: { pageTimeoutMs: 4_000, confirmAttempts: 0, accessibility: false },
      alerts: { confirmRounds: 2 },
    });
    const healthy = world.deps(single, { mailer: world.newMailer(lease) });
    // The manual worker is killed right after claiming the "open" email (it never reaches SES).
    const doomed = world.deps(single, {
      mailer: world.newMailer({ ...lease, afterClaim: () => new Promise<void>(() => undefined) }),
    });
    const round = (deps: typeof healthy, at: string) =>
      runRound(deps, {
        at,
        trigger: 'manual',
        concurrency: 1,
        spool: null,
        now: () => new Date(nowMs).toISOString(),
        probe: { prober, registry: single, evidence: null, facts: false },
      });
    await round(healthy, '2025-09-02T03:00:00.000Z');
    // act: hour 2 opens the incident; the doomed worker claims the email and dies; the hourly worker overlaps
    void round(doomed, '2025-09-02T04:00:00.000Z');
    await expect
      // The doomed worker probes the portal and finalizes its round before it claims: on a loaded machine that takes
      // longer than poll's 1 s default.
      .poll(async () => (await world.sends.list(id)).filter((s) => s.topic.endsWith('2025-09-02T04:00:00.000Z')).length, {
        timeout: 15_000,
      })
      .toBe(1);
    await round(healthy, '2025-09-02T04:00:00.000Z');
    const whileLeased = (await world.emails()).length;
    // hour 3, after the dead worker's lease ran out
    nowMs += 3_600_000;
    await round(healthy, '2025-09-02T05:00:00.000Z');
    // assess: the "open" email was not lost, and left once
    expect(whileLeased).toBe(0);
    const sends = (await world.sends.list(id)).filter((s) => s.topic.endsWith('2025-09-02T04:00:00.000Z'));
    expect(sends.map((s) => [s.step, s.state])).toEqual([['open', 'sent']]);
    expect(await world.emails()).toHaveLength(1);
    expect((await world.store.getAlertState(id))?.pending).toEqual([]);
  });
});
