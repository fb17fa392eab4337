import { createHash, randomUUID } from 'node:crypto';
import { type StandIn, startStandIn } from './http-standin.js';

/** A message the stand-in accepted, as SQS would later deliver it to a consumer. */
export interface QueuedMessage {
  queueUrl: string;
  messageId: string;
  body: string;
  md5OfBody: string;
}

export interface SqsStandIn extends StandIn {
  messages: QueuedMessage[];
  /** Every `x-amz-target` received, in order (to see that nothing else was called). */
  targets: string[];
}

const JSON_10 = { 'content-type': 'application/x-amz-json-1.0' };

/**
 * Stand-in for SQS's SendMessageBatch (AWS JSON 1.0 protocol, as @aws-sdk/client-sqs speaks it since 2023):
 * records the messages and answers with the MD5 of each body, which the SDK verifies. There is no SQS emulator
 * for Node 20 in the installed packages; this is the one call dispatch makes.
 */
export async function startSqsStandIn(): Promise<SqsStandIn> {
  const messages: QueuedMessage[] = [];
  const targets: string[] = [];
  const server = await startStandIn((req) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    targets.push(target);
    if (target !== 'AmazonSQS.SendMessageBatch') {
      return {
        status: 400,
        headers: JSON_10,
        body: JSON.stringify({ __type: 'com.amazonaws.sqs#UnsupportedOperation', message: `stand-in: ${target}` }),
      };
    }
    const input = JSON.parse(req.body) as { QueueUrl: string; Entries: { Id: string; MessageBody: string }[] };
    if (input.Entries.length > 10) {
      return {
        status: 400,
        headers: JSON_10,
        body: JSON.stringify({ __type: 'com.amazonaws.sqs#TooManyEntriesInBatchRequest', message: 'max 10 entries' }),
      };
    }
    const successful = input.Entries.map((e) => {
      const m: QueuedMessage = {
        queueUrl: input.QueueUrl,
        messageId: randomUUID(),
        body: e.MessageBody,
        md5OfBody: createHash('md5').update(e.MessageBody).digest('hex'),
      };
      messages.push(m);
      return { Id: e.Id, MessageId: m.messageId, MD5OfMessageBody: m.md5OfBody };
    });
    return { status: 200, headers: JSON_10, body: JSON.stringify({ Successful: successful, Failed: [] }) };
  });
  return { ...server, messages, targets };
}
