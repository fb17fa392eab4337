import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { evidenceKey, RECORD_MARGIN_MS, takesMoreWhileMs } from '@dvcwatch/core';
import { createProber, type Prober, TimingLane } from '@dvcwatch/probe';
import { agencyJob, type RunnerDeps, recordResult, silentLogger } from '@dvcwatch/runner';
import type { SQSRecord } from 'aws-lambda';
import { env, type FunctionEnv } from './shared/env.js';
import { ProbeJob } from './shared/jobs.js';
import { type MoreRecords, withSqsBatch } from './shared/middleware.js';
import { awsClients, runnerDeps } from './shared/services.js';

/** A job that failed is offered again after this many seconds, not after the queue's whole visibility timeout. */
export const RETRY_DELAY_SECONDS = 60;

// Chromium as Lambda needs it: @sparticuz/chromium's single-process arguments, one browser per page
// (packages/probe/src/browser-host.ts). The prober (its guard proxy) is reused across invocations.
let prober: Prober | null = null;
const lambda = new LambdaClient({});
const sqs = new SQSClient({});

/**
 * SQS consumer: for each agency of the batch (several at once, through the runner's agency pool, as the local round
 * runs them), measures it (or keeps its stored result) and records it; the last one triggers finalize (which alerts).
 */
export const handler = withSqsBatch(
  'probe',
  async (record, baseLog, context) => {
    const e = env();
    try {
      const job = ProbeJob.parse(JSON.parse(record.body));
      const log = baseLog.child({ at: job.at, agencyId: job.agencyId });
      const deps = await runnerDeps(log);
      await runJob(e, deps, job, context.getRemainingTimeInMillis() - RECORD_MARGIN_MS);
      await finalizeWhenLast(e, deps, job.at);
    } catch (error) {
      await retrySoon(e, record).catch((v: unknown) => baseLog.warn('could not shorten the retry delay', { error: String(v) }));
      throw error;
    }
  },
  () => env().DVCWATCH_PROBE_CONCURRENCY,
  moreJobs(),
);

/**
 * Further jobs from the probe queue, taken while a place of the invocation's pool is free and a whole job still
 * fits in its time (core/probe-budget.ts `takesMoreWhileMs`): an invocation does not idle while its last agency
 * waits on a slow portal. A taken job is hidden for the rest of the invocation, deleted when done, and a failed one
 * is left to the queue (it comes back after RETRY_DELAY_SECONDS, and to the dead-letter queue after its receives).
 */
function moreJobs(): MoreRecords {
  return {
    take: async (context) => {
      const e = env();
      const left = context.getRemainingTimeInMillis();
      if (!e.DVCWATCH_QUEUE_URL || !e.DVCWATCH_PROBE_TAKE_MORE) return null;
      const deps = await runnerDeps(silentLogger);
      if (left < takesMoreWhileMs(deps.registry.probe)) return null;
      const got = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: e.DVCWATCH_QUEUE_URL,
          MaxNumberOfMessages: 1,
          WaitTimeSeconds: 0,
          VisibilityTimeout: Math.ceil(left / 1000) + RETRY_DELAY_SECONDS,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
      );
      const m = got.Messages?.[0];
      if (!m?.ReceiptHandle || m.Body === undefined) return null;
      return {
        messageId: m.MessageId ?? '',
        receiptHandle: m.ReceiptHandle,
        body: m.Body,
        attributes: { ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1' },
        messageAttributes: {},
        md5OfBody: m.MD5OfBody ?? '',
        eventSource: 'aws:sqs',
        eventSourceARN: '',
        awsRegion: e.AWS_REGION,
      } as unknown as SQSRecord;
    },
    settle: async (record, ok) => {
      const url = env().DVCWATCH_QUEUE_URL;
      if (ok && url) await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: record.receiptHandle }));
    },
  };
}

async function runJob(e: FunctionEnv, deps: RunnerDeps, job: ProbeJob, capMs: number): Promise<void> {
  const agency = deps.registry.agencies.find((a) => a.id === job.agencyId);
  if (!agency) {
    // The registry changed since dispatch: nothing to measure, and retrying will not help.
    deps.log.warn('agency not in registry; job dropped');
    return;
  }
  prober ??= createProber({
    local: e.DVCWATCH_ALLOW_ORIGINS.length > 0,
    allowedOrigins: e.DVCWATCH_ALLOW_ORIGINS,
    processModel: 'lambda',
    lane: new TimingLane(e.DVCWATCH_TIMED_OVERLAP),
  });
  const probe = {
    prober,
    registry: deps.registry,
    facts: true,
    factsStore: deps.store,
    evidence: {
      path: (id: string, at: string, page: 'home' | 'form') => ({
        // Lambda's /tmp (os.tmpdir(): TMPDIR where a test gives each environment its own).
        file: join(tmpdir(), `dvcwatch-${id}-${page}.jpg`),
        key: evidenceKey(id, at, page),
      }),
      commit: async (file: string, key: string) => {
        if (e.DVCWATCH_EVIDENCE_BUCKET) {
          await awsClients().s3.send(
            new PutObjectCommand({
              Bucket: e.DVCWATCH_EVIDENCE_BUCKET,
              Key: key,
              Body: await readFile(file),
              ContentType: 'image/jpeg',
            }),
          );
        }
        // /tmp is shared by every invocation of this container: nothing of one portal stays for the next.
        await rm(file, { force: true });
      },
    },
  };
  // Recorded only: the round's alerts are decided once, by finalize (an SES refusal can never fail this job).
  const { result, measured, recorded } = await agencyJob(deps, agency, job.at, probe, (r) => recordResult(deps, agency, r), {
    capMs,
  });
  deps.log.info('agency done', { status: result.status, breaches: result.breaches, measured, stored: recorded.stored });
}

/** The probe that completes the round invokes finalize (asynchronously); the deadline schedule is the fallback. */
async function finalizeWhenLast(e: FunctionEnv, deps: RunnerDeps, at: string): Promise<void> {
  // One GetItem of the round's counts: the last probe of the round triggers finalize.
  const round = await deps.store.roundProgress(at);
  if (!round || round.finishedAt || round.doneCount < round.expectedCount || !e.DVCWATCH_FINALIZE_FUNCTION) return;
  await lambda.send(
    new InvokeCommand({
      FunctionName: e.DVCWATCH_FINALIZE_FUNCTION,
      InvocationType: 'Event',
      Payload: Buffer.from(JSON.stringify({ at })),
    }),
  );
}

/** A failed job becomes visible again after RETRY_DELAY_SECONDS, so its retries fall within the round. */
async function retrySoon(e: FunctionEnv, record: SQSRecord): Promise<void> {
  if (!e.DVCWATCH_QUEUE_URL) return;
  await sqs.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: e.DVCWATCH_QUEUE_URL,
      ReceiptHandle: record.receiptHandle,
      VisibilityTimeout: RETRY_DELAY_SECONDS,
    }),
  );
}
