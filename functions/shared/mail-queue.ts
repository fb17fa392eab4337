import { createHash } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MailSender } from '@dvcwatch/runner';
import type { MailJob } from './jobs.js';

/** The one message group of the mail queue: one batch at a time, in the order the emails were queued. */
export const MAIL_GROUP = 'mail';

/**
 * The round's emails leave through the mail queue (a FIFO queue, stacks/Mail.ts) instead of SES: queuing takes
 * milliseconds, so no number of alerts can time finalize out, and the mail function drains the queue at SES's send
 * rate. The deduplication id is the send key, so a finalize retried within SQS's five minutes queues an email once;
 * after that, the Mailer's keyed claim still sends it at most once.
 */
export const queueMailer = (sqs: SQSClient, queueUrl: string): MailSender => ({
  send: async (key, message) => {
    const job: MailJob = { key, message };
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(job),
        MessageGroupId: MAIL_GROUP,
        MessageDeduplicationId: createHash('sha256').update(`${key.scope}/${key.topic}/${key.step}`).digest('hex'),
      }),
    );
    return 'queued';
  },
});
