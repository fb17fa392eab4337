import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { sqsAgentQueue } from '@dvcwatch/cli';
import { DEFAULT_PROBE } from '@dvcwatch/core';
import { createProber } from '@dvcwatch/probe';
import { runAgent, silentLogger } from '@dvcwatch/runner';
import { VantageObservations } from '@dvcwatch/store';

/** A `dvcwatch agent` started when the test says so (after the round's last probe): the agent that answers late. */
export interface LateAgent {
  stop(): Promise<void>;
}

/**
 * Starts the agent of vantage `vantageId` as an operator's VM runs it (the CLI's SQS adapter with long polling, the
 * observations table), its connections leaving from `egress` (a loopback address standing in for a Vietnamese
 * network), against the queue and table of the local cloud.
 */
export function startAgent(o: {
  vantageId: string;
  egress: string;
  queueUrl: string;
  sqsEndpoint: string;
  dynamoEndpoint: string;
  table: string;
  allowedOrigins: string[];
  /** The agent's clock: the test's rounds are in the past, and a job past its round's deadline is dropped. */
  now: () => number;
}): LateAgent {
  const sqs = new SQSClient({ endpoint: o.sqsEndpoint, region: 'ap-southeast-1' });
  const dynamo = new DynamoDBClient({ endpoint: o.dynamoEndpoint, region: 'ap-southeast-1' });
  const prober = createProber({ local: true, allowedOrigins: o.allowedOrigins, egress: o.egress });
  const stop = new AbortController();
  const run = runAgent(sqsAgentQueue(sqs, o.queueUrl), {
    vantageId: o.vantageId,
    prober,
    observations: new VantageObservations(dynamo, o.table),
    probe: DEFAULT_PROBE,
    log: silentLogger,
    now: o.now,
    signal: stop.signal,
  });
  return {
    stop: async () => {
      stop.abort();
      await run.catch(() => 0);
      await prober.close().catch(() => undefined);
      sqs.destroy();
      dynamo.destroy();
    },
  };
}
