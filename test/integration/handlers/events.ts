import { createHash, randomUUID } from 'node:crypto';
import type { Context, ScheduledEvent, SNSEvent, SQSEvent, SQSRecord } from 'aws-lambda';

// Shapes copied from the AWS Lambda developer guide's example events ("Using Lambda with EventBridge / SQS /
// SNS"), so the handlers see what AWS sends, not a convenient subset.

const ACCOUNT = '123456789012';
const REGION = 'ap-southeast-1';

/** An EventBridge Scheduled Event as a `rate()`/`cron()` rule delivers it (time without milliseconds). */
export function scheduledEvent(time: string, rule: string): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: ACCOUNT,
    time: time.replace(/\.\d{3}Z$/, 'Z'),
    region: REGION,
    resources: [`arn:aws:events:${REGION}:${ACCOUNT}:rule/${rule}`],
    detail: {},
  };
}

/** One SQS record as the Lambda event source mapping delivers it. */
export function sqsRecord(body: string, messageId: string = randomUUID(), queue = 'dvcwatch-ProbeQueue'): SQSRecord {
  const sent = Date.now();
  return {
    messageId,
    receiptHandle: `AQEB${Buffer.from(messageId).toString('base64')}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(sent),
      SenderId: 'AROAEXAMPLE:dvcwatch-Dispatch',
      ApproximateFirstReceiveTimestamp: String(sent + 2),
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:${queue}`,
    awsRegion: REGION,
  };
}

export const sqsEvent = (records: SQSRecord[]): SQSEvent => ({ Records: records });

/** An SNS event carrying `messages` (each a notification's Message string). */
export function snsEvent(messages: string[], timestamp: string): SNSEvent {
  const topic = `arn:aws:sns:${REGION}:${ACCOUNT}:dvcwatch-ses-events`;
  return {
    Records: messages.map((Message) => ({
      EventVersion: '1.0',
      EventSubscriptionArn: `${topic}:${randomUUID()}`,
      EventSource: 'aws:sns',
      Sns: {
        SignatureVersion: '1',
        Timestamp: timestamp,
        Signature:
          'EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=',
        SigningCertUrl: 'https://sns.ap-southeast-1.amazonaws.com/SimpleNotificationService-example.pem',
        MessageId: randomUUID(),
        Message,
        MessageAttributes: {},
        Type: 'Notification',
        UnsubscribeUrl: `https://sns.${REGION}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topic}:example`,
        TopicArn: topic,
        Subject: '',
      },
    })),
  };
}

/** A Lambda context as the runtime passes it (the handlers read awsRequestId). */
export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `2025/01/06/[$LATEST]${randomUUID().replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
