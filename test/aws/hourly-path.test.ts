import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DEMO_PORTALS, type DemoPortals, demoRegistryYaml, startDemoPortals } from '@dvcwatch/cli';
import { roundDeadline } from '@dvcwatch/core';
import { PLACEHOLDER_REASON } from '@dvcwatch/runner';
import { Sends, Store, VantageObservations } from '@dvcwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { BuildRun } from '../../.ci/sst-build-standin.js';
import { queueMailer } from '../../functions/shared/mail-queue.js';
import { REASON_LABELS } from '../../packages/present/src/labels.js';
import { PLACEHOLDER_HEAD_NOTE } from '../../packages/site/src/pages/agency-page.js';
import { scheduledEvent } from '../integration/handlers/events.js';
import { sesEmails } from '../integration/handlers/local-aws.js';
import { awsPathBuild, SEND_RATE } from './awspath-build.js';
import { BuiltApp } from './built-app.js';
import type { Running } from './lambda-functions.js';
import { type LateAgent, startAgent } from './late-agent.js';
import { type LocalCloud, startLocalCloud, TABLE } from './local-cloud.js';

// `npm run test:aws`: the hourly path as AWS runs it, from the bundles `sst build` produced (not the TypeScript
// sources), each function in its own execution environment (a child process) with the environment the synthesized
// template gives it, against dynalite, the SES emulator, s3rver, an SQS-API server with the template's queues
// (visibility timeout and redrive policy) and real Chromium, with the Lambda argument list, on the demo portals.

// Time runs faster for the queue, the same for all its timeouts, so the template's relations hold. In the first
// round one template second lasts 1/15 s (the 4,500 s visibility timeout is 300 s, above any first-round job with
// its whole catalogue in Chromium's Lambda model on two shared cores: a job outliving it would be handed out again,
// the hazard the 6× rule guards against). In the second round, mostly timings, 1/150 s: 30 s, so redeliveries
// come within half a minute and the dead-letter queue within about 90 s.
const FIRST_ROUND_SCALE_MS = 1000 / 15;
const SECOND_ROUND_SCALE_MS = 1000 / 150;
/**
 * The heads' addresses: fictional, on a top-level name no registry delegates, so nothing can leave this machine,
 * and not a placeholder (core/placeholder-contact.ts); `cham-bieu-mau` keeps the demo's placeholder (example.vn).
 */
const head = (id: string) => `thutruong.${id}@mophong.dvcwatch`;
const PLACEHOLDER = 'cham-bieu-mau';
const REFUSED = head('cham-trang-chu');
/**
 * The seven demo portals, `chan-nuoc-ngoai` (refusing 127.0.0.1, the first vantage) included. The second vantage
 * `viet-nam` is an agent (`dvcwatch agent`, its connections leaving from 127.0.0.2), started only after the round's
 * last probe: the agent that answers late.
 */
const PORTALS = DEMO_PORTALS;
const AGENT_EGRESS = '127.0.0.2';
const ROUND_1 = '2025-06-02T01:00:00.000Z';
const ROUND_2 = '2025-06-02T02:00:00.000Z';

let build: BuildRun;
let app: BuiltApp;
let cloud: LocalCloud;
let demo: DemoPortals;
let store: Store;
let s3: S3Client;
let observations: VantageObservations;
let sends: Sends;
let agent: LateAgent | null = null;

const waitFor = async <T>(what: string, read: () => Promise<T | null | undefined | false>, ms = 300_000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};
const jobOf = (run: Running): { agencyId: string; at: string; receives: number } => {
  const record = (run.event as { Records: { body: string; attributes: { ApproximateReceiveCount: string } }[] }).Records[0];
  return { ...JSON.parse(record?.body ?? '{}'), receives: Number(record?.attributes.ApproximateReceiveCount) };
};
const keysIn = async (bucket: string, prefix = '') =>
  ((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key ?? '');
// The emulator keeps a message's To header as one entry ("a@x, b@y").
const sentTo = async (address: string) =>
  (await sesEmails(cloud.ses)).filter((m) => m.destination.to.join(',').split(/,\s*/).includes(address));
const lastModified = async (bucket: string, key: string): Promise<number> => {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key }));
  return out.Contents?.find((o) => o.Key === key)?.LastModified?.getTime() ?? Number.NaN;
};
const jobsFor = (at: string) => cloud.sqs.sent(cloud.queue.name).filter((b) => JSON.parse(b).at === at);

beforeAll(async () => {
  demo = await startDemoPortals({ basePort: 0, portals: PORTALS });
  const registry = parse(demoRegistryYaml(demo.portals, demo.nationalOrigin)) as {
    defaults: Record<string, unknown>;
    vantages: { id: string; name: string; egress?: string }[];
    agencies: { id: string; head: { email: string }; placeholderContact?: boolean }[];
  };
  for (const a of registry.agencies) {
    if (a.id === PLACEHOLDER) continue;
    a.head.email = head(a.id);
    a.placeholderContact = false;
  }
  // On AWS the second vantage is an agent (no egress: the probe sends it a job and waits for it a little).
  for (const v of registry.vantages) delete v.egress;
  // The production probe settings (20 s pages, failures re-probed twice within the round, axe), as on Lambda. The
  // catalogue runs for everyone in the first round; once a day after it (not in the second round, mostly). A breach
  // alerts at once, so one round shows the emails.
  registry.defaults.probe = { checksEveryHours: 24 };
  registry.defaults.alerts = { confirmRounds: 1 };
  // The built app (awspath-build.ts: the registry read from S3, operators, two probe environments, the agent's wait).
  build = await awsPathBuild();
  if (build.status !== 0) throw new Error(`sst build failed:\n${build.output.slice(-3000)}`);
  app = new BuiltApp(build.outDir);
  cloud = await startLocalCloud(app, {
    registryYaml: stringify(registry),
    refusedRecipient: REFUSED,
    // The SES sandbox with an IAM policy naming only the sender: AccessDenied, not MessageRejected.
    refusal: 'AccessDenied',
    scaleMs: FIRST_ROUND_SCALE_MS,
    // Test only: the request guard lets the probe reach these loopback origins (production refuses loopback).
    // One agency per invocation here, taking no further job from the queue, so a killed environment names one job
    // (the faults below); batches of several agencies per invocation that take more jobs as places free up, from the
    // same bundle, are played by `npm run bench:cost`.
    extraProbeEnv: {
      DVCWATCH_ALLOW_ORIGINS: demo.portals.map((p) => new URL(p.home).origin).join(','),
      DVCWATCH_PROBE_TAKE_MORE: 'false',
    },
    batchSize: 1,
  });
  store = new Store(new DynamoDBClient({ endpoint: cloud.dynamo.endpoint }), TABLE);
  s3 = new S3Client({ endpoint: cloud.s3.endpoint, forcePathStyle: true });
  observations = new VantageObservations(new DynamoDBClient({ endpoint: cloud.dynamo.endpoint }), TABLE);
  sends = new Sends(new DynamoDBClient({ endpoint: cloud.dynamo.endpoint }), TABLE);
  cloud.mapping.start();
}, 600_000);

afterAll(async () => {
  await agent?.stop();
  await cloud?.close();
  await demo?.close();
  s3?.destroy();
});

describe('the hourly path from the built bundles', { timeout: 420_000 }, () => {
  it('runs a round of seven agencies: dispatch → queue → probe → finalize (waiting for the late agent) → the site in the bucket, decided at the deadline', async () => {
    const dispatch = cloud.fn('functions/dispatch.handler');
    const finalize = cloud.fn('functions/finalize.handler');
    const event = scheduledEvent('2025-06-02T01:00:00Z', 'awspath-dvcwatch-Round');

    // EventBridge delivers at least once: the same event twice.
    const first = await dispatch.invoke(event);
    const again = await dispatch.invoke(event);

    expect(first).toEqual({ ok: true, result: { at: ROUND_1, queued: 7, skipped: 0 } });
    expect(again).toEqual({ ok: true, result: { at: ROUND_1, queued: 0, skipped: 7 } });
    await waitFor('every probe of round 1', async () => (await store.getRound(ROUND_1))?.done.length === PORTALS.length);
    await waitFor('the last probe to invoke finalize', async () => finalize.invocations.length > 0);
    await cloud.pendingInvocations();

    expect(jobsFor(ROUND_1)).toHaveLength(7);
    // Finalize was invoked by the last probe, asynchronously, with { at }: the two portals down from the first
    // vantage still wait for the agent, so no alert is decided and the round is not finished; the site is published.
    expect(new Set(finalize.invocations.map((i) => JSON.stringify(i.event)))).toEqual(new Set([JSON.stringify({ at: ROUND_1 })]));
    // (On a machine this loaded other portals may miss the 20 s page limit too: they wait for the agent alike.)
    for (const i of finalize.invocations)
      expect(i.outcome, finalize.logs.slice(-30).join('\n')).toMatchObject({
        ok: true,
        result: { finished: false, awaiting: expect.arrayContaining(['loi', 'chan-nuoc-ngoai']) },
      });
    expect((await store.getRound(ROUND_1))?.finishedAt).toBeNull();
    // Each probe environment ran under its memory size (1,769 MB), Chromium included: read, not assumed.
    const probe = cloud.fn('functions/probe.handler');
    expect(Math.max(...probe.invocations.map((i) => i.maxMemoryMb))).toBeGreaterThan(0);
    expect(probe.invocations.filter((i) => !i.outcome.ok)).toEqual([]);
    expect(await sesEmails(cloud.ses)).toEqual([]);
    const agentJobs = cloud.sqs.sent(cloud.agentQueue).map((b) => JSON.parse(b) as { agencyId: string; vantageId: string });
    expect(agentJobs.map((j) => `${j.agencyId}@${j.vantageId}`)).toEqual(
      expect.arrayContaining(['chan-nuoc-ngoai@viet-nam', 'loi@viet-nam']),
    );
    const site = cloud.bucket('SiteBucket');
    expect(await keysIn(site)).toEqual(expect.arrayContaining(['index.html', '_manifest.json', 'agency/tot.html']));
    const firstPublish = await s3.send(new GetObjectCommand({ Bucket: site, Key: '_manifest.json' }));

    // The agent answers after the last probe: it reaches `chan-nuoc-ngoai`, and sees `loi` down too.
    agent = startAgent({
      vantageId: 'viet-nam',
      egress: AGENT_EGRESS,
      queueUrl: cloud.sqs.url(cloud.agentQueue),
      sqsEndpoint: cloud.sqs.endpoint,
      dynamoEndpoint: cloud.dynamo.endpoint,
      table: TABLE,
      allowedOrigins: demo.portals.map((p) => new URL(p.home).origin),
      // Twenty minutes into round 1: before its deadline (and round 2's), as for an agent answering within the hour.
      now: () => Date.parse(ROUND_1) + 20 * 60_000,
    });
    await waitFor('the agent to answer every job', async () => {
      const seen = await Promise.all(agentJobs.map((j) => observations.forRound(j.agencyId, ROUND_1)));
      return seen.every((s) => s.length === 1) && seen;
    });

    // EventBridge's deadline rule: the alerts are decided now, with what the agent saw.
    const atDeadline = await finalize.invoke(scheduledEvent(roundDeadline(ROUND_1), 'awspath-dvcwatch-FinalizeDeadline'));

    expect(atDeadline).toMatchObject({ ok: true, result: { at: ROUND_1, finished: true, missing: [] } });
    const [geo] = await store.results('chan-nuoc-ngoai', ROUND_1, `${ROUND_1}~`);
    expect(geo).toMatchObject({ status: 'blocked', reason: 'geo', vantageVerdict: 'geo', breaches: [] });
    const [down] = await store.results('loi', ROUND_1, `${ROUND_1}~`);
    expect(down).toMatchObject({ status: 'down', vantageVerdict: 'confirmed' });
    // A geo-blocked portal emails nobody; a portal down from every vantage alerts its head once.
    const [alert] = await waitFor('the alert email (queued, then sent by the mail function)', async () => {
      const got = await sentTo(head('loi'));
      return got.length > 0 && got;
    });
    expect(alert?.subject).toContain('Tỉnh Lỗi');
    await waitFor('the mail queue to drain', async () => cloud.sqs.messages(cloud.mailQueue).length === 0);
    expect(await sentTo(head('chan-nuoc-ngoai'))).toEqual([]);
    expect(await sentTo(head('loi'))).toHaveLength(1);
    // A placeholder head gets nothing: its alert is recorded `suppressed` with the reason, and the site says so.
    expect(await sentTo('thutruong.cham-bieu-mau@example.vn')).toEqual([]);
    // (Its breach is a 5 s form; on a machine this loaded the portal may read `down` and be settled otherwise.)
    const [placeholderResult] = await store.results(PLACEHOLDER, ROUND_1, `${ROUND_1}~`);
    const placeholderSends = await sends.list(PLACEHOLDER);
    expect(placeholderSends.map((r) => [r.state, r.lastError])).toEqual(
      placeholderResult?.breaches.length ? [['suppressed', PLACEHOLDER_REASON]] : [],
    );
    const placeholderPage = await s3.send(new GetObjectCommand({ Bucket: site, Key: `agency/${PLACEHOLDER}.html` }));
    expect(await placeholderPage.Body?.transformToString()).toContain(PLACEHOLDER_HEAD_NOTE);
    // Published first, then mailed: finalize queued the emails only after the site was written.
    const published = await lastModified(site, '_manifest.json');
    const queuedAt = cloud.sqs.sentAt(cloud.mailQueue);
    expect(queuedAt.length).toBeGreaterThan(0);
    expect(Math.min(...queuedAt)).toBeGreaterThanOrEqual(published);
    // The deadline's finalize published the decided round again: the site says the portal is blocked by region.
    const republished = await s3.send(new GetObjectCommand({ Bucket: site, Key: '_manifest.json' }));
    expect(republished.LastModified?.getTime()).toBeGreaterThanOrEqual(firstPublish.LastModified?.getTime() ?? 0);
    const page = await s3.send(new GetObjectCommand({ Bucket: site, Key: 'agency/chan-nuoc-ngoai.html' }));
    expect(await page.Body?.transformToString()).toContain(REASON_LABELS.geo);
    for (const p of PORTALS) expect(await store.results(p.id, ROUND_1, `${ROUND_1}~`), p.id).toHaveLength(1);
    const finishing = finalize.invocations.filter((i) => i.outcome.ok && (i.outcome.result as { finished: boolean }).finished);
    expect(finishing).toHaveLength(1);
    const index = await s3.send(new GetObjectCommand({ Bucket: site, Key: 'index.html' }));
    expect(await index.Body?.transformToString()).toContain('Tỉnh Tốt');
    expect(
      (await keysIn(cloud.bucket('Evidence'), 'evidence/tot/')).length,
      cloud
        .fn('functions/probe.handler')
        .logs.filter((l) => /ERR_|rror|denied|screenshot|evidence/i.test(l))
        .slice(-20)
        .join('\n'),
    ).toBeGreaterThan(0);
    // EMF metrics of the round, with the names the alarms watch: once, when the round is decided.
    const emf = finalize.logs.filter((l) => l.includes('"CloudWatchMetrics"')).map((l) => JSON.parse(l));
    expect(emf.filter((m) => m.RoundsCompleted === 1)).toEqual([expect.objectContaining({ at: ROUND_1, RoundIncomplete: 0 })]);
  });

  it('survives SES refusing a head for good: the other emails go, the round and the site stand', async () => {
    // 'loi' answers 503 (down), 'cham-trang-chu' breaches its home LCP: both alert at once (confirmRounds 1).
    // SES answers AccessDenied for the latter: recorded `rejected` with SES's reason, tried once, never retried.
    expect(cloud.refusing.rejected).toEqual([REFUSED]);
    expect(await sentTo(REFUSED)).toEqual([]);
    const rejections = await sends.rejections(
      new Date(Date.now() - 3_600_000).toISOString(),
      new Date(Date.now() + 60_000).toISOString(),
    );
    expect(rejections).toEqual([
      expect.objectContaining({
        scope: 'cham-trang-chu',
        to: expect.arrayContaining([REFUSED]),
        reason: expect.stringMatching(/^AccessDenied: /),
      }),
    ]);
    expect(await sentTo(head('loi'))).toHaveLength(1);
    expect((await store.getRound(ROUND_1))?.finishedAt).not.toBeNull();
    // No probe job failed because of the refusal: seven jobs, seven successful invocations.
    const probe = cloud.fn('functions/probe.handler');
    expect(probe.invocations.map((i) => i.outcome.ok)).toEqual(PORTALS.map(() => true));
  });

  it('sends no duplicate job or email when the same EventBridge event arrives again after the round', async () => {
    const before = (await sesEmails(cloud.ses)).length;

    const third = await cloud
      .fn('functions/dispatch.handler')
      .invoke(scheduledEvent('2025-06-02T01:00:00Z', 'awspath-dvcwatch-Round'));
    const refinalized = await cloud.fn('functions/finalize.handler').invoke({ at: ROUND_1 });

    expect(third).toEqual({ ok: true, result: { at: ROUND_1, queued: 0, skipped: 7 } });
    expect(refinalized).toMatchObject({ ok: true, result: { finished: false } });
    expect(jobsFor(ROUND_1)).toHaveLength(7);
    expect(await sesEmails(cloud.ses)).toHaveLength(before);
  });

  it('resumes a dispatch that failed half-way, redelivers a killed job (one result), dead-letters a job that fails three times, and finalizes at the deadline', async () => {
    const dispatch = cloud.fn('functions/dispatch.handler');
    const probe = cloud.fn('functions/probe.handler');
    const finalize = cloud.fn('functions/finalize.handler');
    // Environments killed mid-job, as Lambda does at a timeout or when memory runs out: 'tot' on its first
    // receive, 'hop-nhat' on every receive.
    probe.onInvoke = (run) => {
      const job = jobOf(run);
      if (job.at !== ROUND_2) return;
      if (job.agencyId === 'hop-nhat') setTimeout(() => run.kill(), 300);
      // 300 ms in, while its pages load: a local portal's two loads can end within a second on a reused browser.
      if (job.agencyId === 'tot' && job.receives === 1) setTimeout(() => run.kill(), 300);
    };
    const event = scheduledEvent('2025-06-02T02:00:00Z', 'awspath-dvcwatch-Round');
    cloud.sqs.setScale(SECOND_ROUND_SCALE_MS);
    // SQS refuses half of the batch: dispatch fails, and EventBridge's retry delivers the same event again.
    cloud.sqs.failNextEntries(3);

    const failed = await dispatch.invoke(event);
    const retried = await dispatch.invoke(event);

    expect(failed).toMatchObject({ ok: false, error: expect.stringMatching(/refused 3 jobs/) });
    expect(retried).toEqual({ ok: true, result: { at: ROUND_2, queued: 3, skipped: 4 } });
    expect(
      jobsFor(ROUND_2)
        .map((b) => JSON.parse(b).agencyId)
        .sort(),
    ).toEqual(PORTALS.map((p) => p.id).sort());
    // Three receives, three crashes, then the dead-letter queue.
    const dead = await waitFor(
      'the DLQ',
      async () => cloud.sqs.messages(cloud.queue.deadLetter).length > 0 && cloud.sqs.messages(cloud.queue.deadLetter),
    );
    expect(dead.map((m) => JSON.parse(m.body))).toEqual([{ agencyId: 'hop-nhat', at: ROUND_2 }]);
    const crashes = probe.invocations.filter(
      (i) => JSON.stringify(i.event).includes('\\"hop-nhat\\"') && JSON.stringify(i.event).includes(ROUND_2),
    );
    expect(crashes).toHaveLength(cloud.queue.maxReceiveCount);
    await waitFor('six results', async () => (await store.getRound(ROUND_2))?.done.length === PORTALS.length - 1);
    expect((await store.getRound(ROUND_2))?.finishedAt).toBeNull();
    // The killed 'tot' job was offered again after the visibility timeout and wrote one result.
    const tot = probe.invocations.filter(
      (i) => JSON.stringify(i.event).includes('\\"tot\\"') && JSON.stringify(i.event).includes(ROUND_2),
    );
    expect(
      tot.map((i) => i.outcome.ok),
      `probe runs (ms): ${probe.invocations.map((i) => i.ms)}`,
    ).toEqual([false, true]);
    expect(tot[0]?.outcome).toMatchObject({ error: expect.stringMatching(/Runtime exited/) });
    expect(await store.results('tot', ROUND_2, `${ROUND_2}~`)).toHaveLength(1);
    const publishedBefore = finalize.invocations.length;

    // EventBridge's deadline rule fires ROUND_DEADLINE_MINUTES after the round's start.
    const atDeadline = await finalize.invoke(scheduledEvent(roundDeadline(ROUND_2), 'awspath-dvcwatch-FinalizeDeadline'));

    expect(finalize.invocations).toHaveLength(publishedBefore + 1);
    expect(atDeadline).toMatchObject({ ok: true, result: { at: ROUND_2, missing: ['hop-nhat'], finished: true } });
    expect((await store.results('hop-nhat', ROUND_2, `${ROUND_2}~`)).map((r) => r.status)).toEqual(['error']);
    const emf = finalize.logs.filter((l) => l.includes('"CloudWatchMetrics"')).map((l) => JSON.parse(l));
    expect(emf.at(-1)).toMatchObject({ at: ROUND_2, RoundsCompleted: 1, RoundIncomplete: 1, MissingResults: 1 });
    const toOps = await waitFor("the operators' emails", async () => {
      const got = await sentTo('vanhanh.aws@example.vn');
      return got.some((m) => m.subject.includes('SES từ chối')) && got.some((m) => m.subject.includes('Lỗi hệ thống')) && got;
    });
    const ops = toOps.filter((m) => m.subject.includes('Lỗi hệ thống giám sát'));
    expect(ops).toHaveLength(1);
    expect(ops[0]?.body.text ?? ops[0]?.body.html).toContain('hop-nhat');
    // The head SES refused is reported to the operators (once a day), not retried.
    expect(toOps.filter((m) => m.subject.includes('SES từ chối'))).toHaveLength(1);
    expect(cloud.refusing.rejected).toEqual([REFUSED]);
    const index = await s3.send(new GetObjectCommand({ Bucket: cloud.bucket('SiteBucket'), Key: '_manifest.json' }));
    expect(index.LastModified?.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('drains 1,000 queued emails at the set rate, all sent in queue order, with no mail invocation timing out', {
    timeout: 1_200_000,
  }, async () => {
    const mail = cloud.fn('functions/mail.handler');
    const invocationsBefore = mail.invocations.length;
    const passedBefore = cloud.refusing.passedAt.length;
    const sqs = new SQSClient({ endpoint: cloud.sqs.endpoint, region: 'ap-southeast-1' });
    const queue = queueMailer(sqs, cloud.sqs.url(cloud.mailQueue));
    const subject = (i: number) => `Thư hàng loạt ${String(i).padStart(4, '0')}`;

    // 1,000 alerts decided in one round: queued as finalize queues them (milliseconds each).
    for (let i = 0; i < 1_000; i++) {
      const outcome = await queue.send(
        { scope: `co-quan-${i}`, topic: 'drain', step: 'open', kind: 'open' },
        {
          to: ['hangloat@example.vn'],
          cc: [],
          subject: subject(i),
          text: 'Cổng dịch vụ công không truy cập được.',
          html: '<p>…</p>',
        },
      );
      expect(outcome).toBe('queued');
    }
    sqs.destroy();
    let progress = 0;
    const sent = await waitFor(
      '1,000 emails',
      async () => {
        const got = await sentTo('hangloat@example.vn');
        progress = got.length;
        return got.length >= 1_000 && got;
      },
      900_000,
    ).catch((e: unknown) => {
      const runs = mail.invocations.slice(invocationsBefore);
      throw new Error(
        `${String(e)}: ${progress} sent, ${runs.length} mail invocations (${runs.filter((r) => !r.outcome.ok).length} failed), ` +
          `${cloud.sqs.messages(cloud.mailQueue).length} in the queue`,
      );
    });

    expect(sent.map((m) => m.subject)).toEqual(Array.from({ length: 1_000 }, (_, i) => subject(i)));
    const runs = mail.invocations.slice(invocationsBefore);
    const timeoutMs = mail.spec.timeoutSeconds * 1000;
    expect(runs.filter((r) => !r.outcome.ok || r.ms >= timeoutMs)).toEqual([]);
    // Ten a batch (the FIFO event source's most), one batch at a time.
    expect(runs.length).toBeGreaterThanOrEqual(100);
    // Never faster than the set rate: 1,000 sends take at least 999 gaps of 1/SEND_RATE s (a lower bound only).
    const passed = cloud.refusing.passedAt.slice(passedBefore);
    expect((passed.at(-1) ?? 0) - (passed[0] ?? 0)).toBeGreaterThanOrEqual(((999 * 1000) / SEND_RATE) * 0.95);
  });
});
