import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DEFAULT_PROBE } from '@dvcwatch/core';
import { createProber } from '@dvcwatch/probe';
import { type AgentQueue, type Logger, runAgent } from '@dvcwatch/runner';
import { VantageObservations } from '@dvcwatch/store';
import { parse } from './args.js';
import type { CliEnv } from './env.js';
import { loadRegistry, localOrigins } from './registry-file.js';
import { UsageError } from './usage.js';

/** SQS long polling: one request waits up to 20 s for a job (the SQS maximum). */
export const sqsAgentQueue = (sqs: SQSClient, url: string): AgentQueue => ({
  receive: async (max, signal) => {
    const out = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: Math.min(10, max), WaitTimeSeconds: 20 }),
      signal ? { abortSignal: signal } : {},
    );
    return (out.Messages ?? []).flatMap((m) => (m.Body && m.ReceiptHandle ? [{ body: m.Body, receipt: m.ReceiptHandle }] : []));
  },
  remove: async (receipt) => {
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: receipt }));
  },
});

/**
 * `dvcwatch agent`: a confirming vantage in another network. Takes jobs from its own SQS queue, looks at each
 * portal from here, and writes what it saw to the table (AWS credentials from the SDK's usual chain, with only
 * the Agent stack's policy). Runs until stopped (SIGTERM/SIGINT), or handles one receive with `--once`.
 */
export async function cmdAgent(argv: string[], env: CliEnv, log: Logger, out: (l: string) => void): Promise<number> {
  const { values } = parse(argv, {
    vantage: { type: 'string' },
    'queue-url': { type: 'string' },
    registry: { type: 'string' },
    once: { type: 'boolean' },
    jobs: { type: 'string' },
  });
  const jobsRaw = values.jobs ?? process.env.DVCWATCH_AGENT_JOBS ?? '2';
  const jobs = Number(jobsRaw);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16)
    throw new UsageError(`--jobs (hoặc DVCWATCH_AGENT_JOBS)=${jobsRaw}: cần số nguyên từ 1 đến 16 (jobs at once, 1–16)`);
  const queueUrl = values['queue-url'] ?? process.env.DVCWATCH_AGENT_QUEUE_URL;
  if (!values.vantage) throw new UsageError('--vantage: cần mã điểm đo của máy này (the id of this vantage in the registry)');
  if (!queueUrl)
    throw new UsageError('--queue-url (hoặc DVCWATCH_AGENT_QUEUE_URL): cần địa chỉ hàng đợi của agent (AgentQueueUrl)');
  // A registry is optional: it only gives local test origins and probe settings; production needs none.
  const registry = values.registry ? await loadRegistry(values.registry) : null;
  const vantage = registry?.vantages.find((v) => v.id === values.vantage);
  if (registry && !vantage) throw new UsageError(`--vantage: không có điểm đo "${values.vantage}" trong ${values.registry}`);
  const origins = registry ? localOrigins(registry) : [];
  const prober = createProber({
    local: origins.length > 0,
    allowedOrigins: origins,
    // A loopback egress is for runs on one machine only (test portals on 127.0.0.1).
    ...(vantage?.egress && origins.length > 0 ? { egress: vantage.egress } : {}),
  });
  const sqs = new SQSClient({ region: env.AWS_REGION });
  const dynamo = new DynamoDBClient({ region: env.AWS_REGION, maxAttempts: 6 });
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  out(`dvcwatch agent: điểm đo ${values.vantage}, ${jobs} việc cùng lúc, đang nhận việc từ ${queueUrl}`);
  try {
    const handled = await runAgent(sqsAgentQueue(sqs, queueUrl), {
      vantageId: values.vantage,
      prober,
      observations: new VantageObservations(dynamo, env.DVCWATCH_TABLE),
      probe: registry?.probe ?? DEFAULT_PROBE,
      log,
      now: () => Date.now(),
      signal: stop.signal,
      once: values.once ?? false,
      concurrency: jobs,
    });
    out(`dvcwatch agent: dừng sau ${handled} việc (stopped after ${handled} jobs)`);
    return 0;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await prober.close().catch(() => undefined);
    sqs.destroy();
    dynamo.destroy();
  }
}
