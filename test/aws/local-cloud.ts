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
  mapping: EventSourceMapping;
  queue: { name: string; deadLetter: string; visibilitySeconds: number; maxReceiveCount: number };
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
    scaleMs: number;
    extraProbeEnv: Record<string, string>;
    /** Plays the event source mapping with this batch size instead of the template's (one agency per invocation). */
    batchSize?: number;
  },
): Promise<LocalCloud> {
  const queues = app.resources('AWS::SQS::Queue');
  // The probe queue is the one the template's event source mapping reads (the agent's queue has a DLQ too).
  const [mappingRes] = app.resources('AWS::Lambda::EventSourceMapping');
  const source = (mappingRes?.resource.Properties as { EventSourceArn?: { 'Fn::GetAtt'?: [string, string] } } | undefined)
    ?.EventSourceArn?.['Fn::GetAtt']?.[0];
  const main = queues.find((q) => q.id === source);
  if (!main?.resource.Properties || !(main.resource.Properties as QueueProps).RedrivePolicy)
    throw new Error(`the event source mapping's queue (${source ?? 'none'}) with a redrive policy is not in the template`);
  const mp = main.resource.Properties as QueueProps;
  const redrive = mp.RedrivePolicy!;
  const dlqId = redrive.deadLetterTargetArn['Fn::GetAtt'][0];
  const configs: QueueConfig[] = queues.map((q) => ({
    name: q.id,
    visibilityTimeoutSeconds: (q.resource.Properties as QueueProps).VisibilityTimeout ?? 30,
    ...(q.id === main.id ? { redrive: { deadLetterQueue: dlqId, maxReceiveCount: redrive.maxReceiveCount } } : {}),
  }));
  const buckets = app.resources('AWS::S3::Bucket').map((b) => b.id.toLowerCase());
  const [dynamo, ses, s3, sqs] = await Promise.all([
    startDynalite(null, 0),
    startSes(0),
    startLocalS3([...buckets, REGISTRY_BUCKET]),
    startSqsServer(configs, o.scaleMs),
  ]);
  const refusing = await startRefusingSes(ses.endpoint, [o.refusedRecipient]);
  const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint });
  await ensureTable(dynamoClient, TABLE);
  dynamoClient.destroy();
  const s3Client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true });
  await s3Client.send(new PutObjectCommand({ Bucket: REGISTRY_BUCKET, Key: REGISTRY_KEY, Body: o.registryYaml }));
  s3Client.destroy();

  const functions = new Map<string, LocalFunction>();
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
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: process.env.HOME ?? '/tmp',
          TZ: 'UTC',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_REGION: REGION,
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_LAMBDA_FUNCTION_NAME: built.logicalId,
          LAMBDA_TASK_ROOT: built.root,
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
  const mprops = (mappingRes?.resource.Properties ?? {}) as {
    BatchSize?: number;
    FunctionResponseTypes?: string[];
    ScalingConfig?: { MaximumConcurrency?: number };
  };
  const sqsClient = new SQSClient({ endpoint: sqs.endpoint, region: REGION });
  const mapping = new EventSourceMapping(
    {
      sqs: sqsClient,
      queueUrl: sqs.url(main.id),
      queueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${main.id}`,
      batchSize: o.batchSize ?? mprops.BatchSize ?? 10,
      maxConcurrency: mprops.ScalingConfig?.MaximumConcurrency ?? 2,
      reportBatchItemFailures: (mprops.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
    },
    byHandler('functions/probe.handler'),
  );
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
    },
  };
}
