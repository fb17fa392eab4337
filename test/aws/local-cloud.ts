import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type Embedded, startDynalite, startSes } from '@dvcwatch/cli';
import { ensureTable } from '@dvcwatch/store';
import { type LocalS3, startLocalS3 } from '../integration/handlers/local-s3.js';
import { startRefusingSes } from '../integration/helpers/ses-refusing-proxy.js';
import type { BuiltApp, Locals } from './built-app.js';
import { EventSourceMapping } from './event-source.js';
import { LocalFunction, startLambdaApi } from './lambda-functions.js';
import { type QueueConfig, type SqsServer, startSqsServer } from './sqs-server.js';

const ACCOUNT = '123456789012';
const REGION = 'ap-southeast-1';
export const TABLE = 'dvcwatch-aws-path';
export const REGISTRY_BUCKET = 'dvcwatch-registry';
export const REGISTRY_KEY = 'registry.yaml';

type Props = Record<string, unknown>;
type QueueProps = {
  VisibilityTimeout: number;
  FifoQueue?: boolean;
  RedrivePolicy?: { deadLetterTargetArn: { 'Fn::GetAtt': [string, string] }; maxReceiveCount: number };
};

/** The deployment, played on 127.0.0.1 from the built app: AWS API servers, the functions, the event source. */
export interface LocalCloud {
  dynamo: Embedded;
  ses: Embedded;
  refusing: Awaited<ReturnType<typeof startRefusingSes>>;
  s3: LocalS3;
  sqs: SqsServer;
  functions: Map<string, LocalFunction>;
  fn(handler: string): LocalFunction;
  /** The template's event source mappings (the probe queue's and the mail queue's), started and stopped together. */
  mapping: { start(): void; stop(): Promise<void> };
  queue: { name: string; deadLetter: string; visibilitySeconds: number; maxReceiveCount: number };
  /** The agent vantages' job queue (stacks/Agent.ts), by its logical id. */
  agentQueue: string;
  /** The mail queue (stacks/Mail.ts), by its logical id. */
  mailQueue: string;
  /** Buckets by the logical id of the template's bucket. */
  bucket(logicalIdPrefix: string): string;
  pendingInvocations(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts dynalite, the SES emulator (behind a proxy refusing `refusedRecipient`), s3rver and the SQS-API server
 * with the queues of the template (visibility timeout and redrive policy as synthesized, time scaled by
 * `scaleMs` per template second), then the app's functions from their bundles, each with its template environment
 * resolved to these servers, and the event source mapping of the probe queue as the template configures it.
 */
export async function startLocalCloud(
  app: BuiltApp,
  o: {
    registryYaml: string;
    refusedRecipient: string;
    /** How SES refuses that recipient (default MessageRejected). */
    refusal?: 'MessageRejected' | 'AccessDenied';
    scaleMs: number;
    extraProbeEnv: Record<string, string>;
    /** Plays the probe's event source mapping with this batch size instead of the template's. */
    batchSize?: number;
    /** And with at most this many invocations at once (the template's least is 2, SQS's floor). */
    maxConcurrency?: number;
  },
): Promise<LocalCloud> {
  const queues = app.resources('AWS::SQS::Queue');
  // Each event source mapping of the template: its function (by logical id) and its queue.
  const mappingsRes = app.resources('AWS::Lambda::EventSourceMapping').map((m) => {
    const p = (m.resource.Properties ?? {}) as {
      EventSourceArn?: { 'Fn::GetAtt'?: [string, string] };
      FunctionName?: { Ref?: string };
      BatchSize?: number;
      FunctionResponseTypes?: string[];
      ScalingConfig?: { MaximumConcurrency?: number };
    };
    return { queueId: p.EventSourceArn?.['Fn::GetAtt']?.[0] ?? '', functionId: p.FunctionName?.Ref ?? '', props: p };
  });
  // The probe queue is the one the probe function's mapping reads (the agent's and the mail queue have DLQs too).
  const probeFn = app
    .resources('AWS::Lambda::Function')
    .find((r) => (r.resource.Properties as Props | undefined)?.Handler === 'functions/probe.handler')?.id;
  const source = mappingsRes.find((m) => m.functionId === probeFn)?.queueId;
  const main = queues.find((q) => q.id === source);
  if (!main?.resource.Properties || !(main.resource.Properties as QueueProps).RedrivePolicy)
    throw new Error(`the probe's queue (${source ?? 'none'}) with a redrive policy is not in the template`);
  const mp = main.resource.Properties as QueueProps;
  const redrive = mp.RedrivePolicy!;
  const dlqId = redrive.deadLetterTargetArn['Fn::GetAtt'][0];
  const configs: QueueConfig[] = queues.map((q) => {
    const p = q.resource.Properties as QueueProps;
    return {
      name: q.id,
      visibilityTimeoutSeconds: p.VisibilityTimeout ?? 30,
      fifo: p.FifoQueue === true,
      ...(p.RedrivePolicy
        ? {
            redrive: {
              deadLetterQueue: p.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0],
              maxReceiveCount: p.RedrivePolicy.maxReceiveCount,
            },
          }
        : {}),
    };
  });
  const buckets = app.resources('AWS::S3::Bucket').map((b) => b.id.toLowerCase());
  const [dynamo, ses, s3, sqs] = await Promise.all([
    startDynalite(null, 0),
    startSes(0),
    startLocalS3([...buckets, REGISTRY_BUCKET]),
    startSqsServer(configs, o.scaleMs),
  ]);
  const refusing = await startRefusingSes(ses.endpoint, [o.refusedRecipient], { as: o.refusal ?? 'MessageRejected' });
  const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint });
  await ensureTable(dynamoClient, TABLE);
  dynamoClient.destroy();
  const s3Client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true });
  await s3Client.send(new PutObjectCommand({ Bucket: REGISTRY_BUCKET, Key: REGISTRY_KEY, Body: o.registryYaml }));
  s3Client.destroy();

  const functions = new Map<string, LocalFunction>();
  // Each execution environment's /tmp, under one folder removed with the cloud.
  const tmpRoot = mkdtempSync(join(tmpdir(), 'dvcwatch-lambda-'));
  const lambdaApi = await startLambdaApi(functions);
  const locals: Locals = (type, id, attr) => {
    if (type === 'AWS::DynamoDB::Table') return TABLE;
    if (type === 'AWS::S3::Bucket') return id.toLowerCase();
    if (type === 'AWS::SQS::Queue') return attr === 'Arn' ? `arn:aws:sqs:${REGION}:${ACCOUNT}:${id}` : sqs.url(id);
    if (type === 'AWS::Lambda::Function') return id;
    if (type === 'AWS::SES::ConfigurationSet') return id;
    // No CloudFront here: an empty distribution id makes the publish skip the invalidation.
    if (type === 'AWS::CloudFront::Distribution') return '';
    throw new Error(`no local stand-in for ${type} ${id}`);
  };
  app.setLocals(locals);
  const endpoints = {
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SES: refusing.endpoint,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_SQS: sqs.endpoint,
    AWS_ENDPOINT_URL_LAMBDA: lambdaApi.endpoint,
  };
  for (const r of app.resources('AWS::Lambda::Function')) {
    const handler = String((r.resource.Properties as Props).Handler ?? '');
    if (!handler.startsWith('functions/')) continue;
    const built = app.fn(handler);
    functions.set(
      built.logicalId,
      new LocalFunction({
        name: built.logicalId,
        root: built.root,
        handler,
        timeoutSeconds: built.timeoutSeconds,
        memoryMb: built.memoryMb,
        tmpRoot,
        env: {
          ...endpoints,
          ...built.env,
          ...(handler === 'functions/probe.handler' ? o.extraProbeEnv : {}),
        },
      }),
    );
  }
  const byHandler = (handler: string) => {
    const f = [...functions.values()].find((x) => x.spec.handler === handler);
    if (!f) throw new Error(`no function ${handler}`);
    return f;
  };
  const fnById = (id: string) => {
    const f = functions.get(id);
    if (!f) throw new Error(`an event source mapping names no function of the app: ${id}`);
    return f;
  };
  const sqsClient = new SQSClient({ endpoint: sqs.endpoint, region: REGION });
  const mappings = mappingsRes.map(
    (m) =>
      new EventSourceMapping(
        {
          sqs: sqsClient,
          queueUrl: sqs.url(m.queueId),
          queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${m.queueId}`,
          batchSize:
            (fnById(m.functionId) === byHandler('functions/probe.handler') ? o.batchSize : undefined) ?? m.props.BatchSize ?? 10,
          maxConcurrency:
            (fnById(m.functionId) === byHandler('functions/probe.handler') ? o.maxConcurrency : undefined) ??
            m.props.ScalingConfig?.MaximumConcurrency ??
            2,
          reportBatchItemFailures: (m.props.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
        },
        fnById(m.functionId),
      ),
  );
  const mapping = {
    start: () => {
      for (const m of mappings) m.start();
    },
    stop: async () => {
      await Promise.all(mappings.map((m) => m.stop()));
    },
  };
  return {
    dynamo,
    ses,
    refusing,
    s3,
    sqs,
    functions,
    fn: byHandler,
    mapping,
    queue: {
      name: main.id,
      deadLetter: dlqId,
      visibilitySeconds: mp.VisibilityTimeout,
      maxReceiveCount: redrive.maxReceiveCount,
    },
    agentQueue: queues.find((q) => q.id.startsWith('AgentQueue'))?.id ?? 'AgentQueue',
    mailQueue: queues.find((q) => q.id.startsWith('MailQueue'))?.id ?? 'MailQueue',
    bucket: (prefix) => {
      const found = buckets.find((b) => b.startsWith(prefix.toLowerCase()));
      if (!found) throw new Error(`no bucket ${prefix}*`);
      return found;
    },
    pendingInvocations: () => lambdaApi.pending(),
    close: async () => {
      await mapping.stop();
      await Promise.all([...functions.values()].map((f) => f.close()));
      sqsClient.destroy();
      await Promise.all([lambdaApi.close(), refusing.close(), dynamo.close(), ses.close(), s3.close(), sqs.close()]);
      rmSync(tmpRoot, { recursive: true, force: true });
    },
  };
}
