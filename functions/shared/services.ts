import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Registry } from '@dvcwatch/core';
import { Mailer } from '@dvcwatch/notify';
import type { Logger, RunnerDeps, VantageJobs } from '@dvcwatch/runner';
import { Sends, Store, VantageObservations } from '@dvcwatch/store';
import { env, type FunctionEnv } from './env.js';
import { queueMailer } from './mail-queue.js';
import { loadRegistry } from './registry.js';

// Clients are created once per container. The SDK reads AWS_ENDPOINT_URL_DYNAMODB / _SES / _S3 itself, so
// the same code talks to dynalite, the SES emulator and a local S3 in tests, and to AWS in production.
let clients: { dynamo: DynamoDBClient; ses: SESClient; s3: S3Client; sqs: SQSClient } | null = null;

/** The AWS clients of this container. */
export function awsClients() {
  if (clients) return clients;
  const region = env().AWS_REGION;
  clients = {
    dynamo: new DynamoDBClient({ region, maxAttempts: 6 }),
    // SES throttling is retried by the Mailer with jitter; the SDK's own retry would multiply attempts.
    ses: new SESClient({ region, maxAttempts: 1, requestHandler: { connectionTimeout: 3_000, requestTimeout: 15_000 } }),
    s3: new S3Client({ region, forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }),
    sqs: new SQSClient({ region }),
  };
  return clients;
}

/** Tests swap endpoints between cases. */
export const resetClients = () => {
  clients = null;
};

/** The registry with the deployment's operators added. */
export async function registryFor(e: FunctionEnv): Promise<Registry> {
  const r = await loadRegistry(e.DVCWATCH_REGISTRY, awsClients().s3, e.LAMBDA_TASK_ROOT ?? process.cwd());
  return { ...r, operators: [...new Set([...r.operators, ...e.DVCWATCH_OPERATORS])] };
}

/** The runner's dependencies on AWS. */
export async function runnerDeps(log: Logger): Promise<RunnerDeps> {
  const e = env();
  const { dynamo } = awsClients();
  const registry = await registryFor(e);
  const sends = new Sends(dynamo, e.DVCWATCH_TABLE);
  const siteBase = registry.siteUrl?.replace(/\/$/, '') ?? null;
  return {
    registry,
    store: new Store(dynamo, e.DVCWATCH_TABLE, e.DVCWATCH_RETENTION_DAYS),
    sends,
    // Queued when the stack has a mail queue (the mail function sends at SES's rate); else sent from here.
    mailer: e.DVCWATCH_MAIL_QUEUE_URL ? queueMailer(awsClients().sqs, e.DVCWATCH_MAIL_QUEUE_URL) : sesMailer(sends, 1),
    log,
    evidenceUrl: (key) => (siteBase ? `${siteBase}/${key}` : null),
    observations: new VantageObservations(dynamo, e.DVCWATCH_TABLE),
    vantageJobs: agentQueue(e.DVCWATCH_AGENT_QUEUE_URL),
    vantageWaitMs: e.DVCWATCH_VANTAGE_WAIT_SECONDS * 1000,
    // A deployment's mail can reach real mailboxes: placeholder heads are never emailed (core/placeholder-contact.ts).
    skipPlaceholderHeads: true,
  };
}

/** The Mailer on SES: keyed sends at most `perSecond` emails a second (SES sandbox: 1, DOMAIN.md). */
export const sesMailer = (sends: Sends, perSecond: number): Mailer => {
  const e = env();
  return new Mailer({
    ses: awsClients().ses,
    sends,
    from: e.DVCWATCH_SENDER,
    minIntervalMs: Math.ceil(1_000 / perSecond),
    ...(e.DVCWATCH_CONFIGURATION_SET ? { configurationSet: e.DVCWATCH_CONFIGURATION_SET } : {}),
  });
};

/** Confirmation jobs for the agent vantages, one SQS message each (stacks/Agent.ts); none without a queue. */
const agentQueue = (url: string | undefined): VantageJobs | null =>
  url
    ? {
        enqueue: async (job) => {
          await awsClients().sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify(job) }));
        },
      }
    : null;
