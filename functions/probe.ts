import { readFile, rm } from 'node:fs/promises';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import { evidenceKey, RECORD_MARGIN_MS } from '@dvcwatch/core';
import { createProber, type Prober } from '@dvcwatch/probe';
import { agencyJob, type RunnerDeps, recordResult } from '@dvcwatch/runner';
import type { SQSRecord } from 'aws-lambda';
import { env, type FunctionEnv } from './shared/env.js';
import { ProbeJob } from './shared/jobs.js';
import { withSqsBatch } from './shared/middleware.js';
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
);

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
  });
  const probe = {
    prober,
    registry: deps.registry,
    facts: true,
    factsStore: deps.store,
    evidence: {
      path: (id: string, at: string, page: 'home' | 'form') => ({
        file: `/tmp/dvcwatch-${id}-${page}.jpg`,
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
