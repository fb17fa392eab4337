import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type Embedded, startDynalite, startSes } from '@dvcwatch/cli';
import { ensureTable } from '@dvcwatch/store';
import { type LambdaStandIn, startLambdaStandIn } from './lambda-standin.js';
import { type LocalS3, startLocalS3 } from './local-s3.js';
import { type SqsStandIn, startSqsStandIn } from './sqs-standin.js';

/** The local AWS the handlers talk to: dynalite, the SES emulator, s3rver, and stand-ins for SQS and Lambda. */
export interface LocalAws {
  dynamo: Embedded;
  ses: Embedded;
  s3: LocalS3;
  sqs: SqsStandIn;
  lambda: LambdaStandIn;
  /** The SDK's per-service endpoint variables pointing at the above. */
  endpoints: Record<string, string>;
  close(): Promise<void>;
}

/** Starts every local service on 127.0.0.1 and creates `table` and `buckets`. */
export async function startLocalAws(table: string, buckets: string[]): Promise<LocalAws> {
  const [dynamo, ses, s3, sqs, lambda] = await Promise.all([
    startDynalite(null, 0),
    startSes(0),
    startLocalS3(buckets),
    startSqsStandIn(),
    startLambdaStandIn(),
  ]);
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint });
  await ensureTable(client, table);
  client.destroy();
  return {
    dynamo,
    ses,
    s3,
    sqs,
    lambda,
    endpoints: {
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SES: ses.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
    },
    close: async () => {
      await Promise.all([dynamo.close(), ses.close(), s3.close(), sqs.close(), lambda.close()]);
    },
  };
}

/** One email as the SES emulator stores it (GET /store). */
export interface SesEmail {
  messageId: string;
  subject: string;
  destination: { to: string[]; cc: string[] };
  body: { text?: string; html?: string };
}

/** The emails the SES emulator received (its store is per process: filter by recipient or subject). */
export const sesEmails = async (ses: Embedded): Promise<SesEmail[]> =>
  ((await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: SesEmail[] }).emails;
