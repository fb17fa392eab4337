import { readFile, rm } from 'node:fs/promises';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createProber, type Prober } from '@dvcwatch/probe';
import { measureAgency, recordResult } from '@dvcwatch/runner';
import { env } from './shared/env.js';
import { ProbeJob } from './shared/jobs.js';
import { withSqsBatch } from './shared/middleware.js';
import { awsClients, runnerDeps } from './shared/services.js';

// One browser per container, reused across invocations; each page still gets a fresh context.
let prober: Prober | null = null;
const lambda = new LambdaClient({});

/** SQS consumer: measures one agency and records the result; the last one triggers finalize (which alerts). */
export const handler = withSqsBatch('probe', async (record, baseLog) => {
  const e = env();
  const job = ProbeJob.parse(JSON.parse(record.body));
  const log = baseLog.child({ at: job.at, agencyId: job.agencyId });
  const deps = await runnerDeps(log);
  const agency = deps.registry.agencies.find((a) => a.id === job.agencyId);
  if (!agency) {
    // The registry changed since dispatch: nothing to measure, and retrying will not help.
    log.warn('agency not in registry; job dropped');
    return;
  }
  prober ??= createProber({ local: e.DVCWATCH_ALLOW_ORIGINS.length > 0, allowedOrigins: e.DVCWATCH_ALLOW_ORIGINS });
  const existing = await deps.store.getResult(agency.id, job.at);
  const result =
    existing ??
    (await measureAgency(deps, agency, job.at, {
      prober,
      registry: deps.registry,
      facts: true,
      factsStore: deps.store,
      evidence: {
        path: (id, at, page) => {
          const key = `evidence/${id}/${at.replace(/[:.]/g, '-')}-${page}.jpg`;
          return { file: `/tmp/dvcwatch-${id}-${page}.jpg`, key };
        },
        commit: async (file, key) => {
          if (!e.DVCWATCH_EVIDENCE_BUCKET) return;
          await awsClients().s3.send(
            new PutObjectCommand({
              Bucket: e.DVCWATCH_EVIDENCE_BUCKET,
              Key: key,
              Body: await readFile(file),
              ContentType: 'image/jpeg',
            }),
          );
          // /tmp is shared by every invocation of this container: nothing of one portal stays for the next.
          await rm(file, { force: true });
        },
      },
    }));
  // Recorded only: the round's alerts are decided once, by finalize (an SES refusal can never fail this job).
  const outcome = await recordResult(deps, agency, result);
  log.info('agency done', { status: result.status, breaches: result.breaches, stored: outcome.stored });
  // One GetItem of the round's counts: the last probe of the round triggers finalize.
  const round = await deps.store.roundProgress(job.at);
  if (round && !round.finishedAt && round.doneCount >= round.expectedCount && e.DVCWATCH_FINALIZE_FUNCTION) {
    await lambda.send(
      new InvokeCommand({
        FunctionName: e.DVCWATCH_FINALIZE_FUNCTION,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify({ at: job.at })),
      }),
    );
  }
});
