import { GetSendQuotaCommand } from '@aws-sdk/client-ses';
import type { Mailer } from '@dvcwatch/notify';
import { Sends } from '@dvcwatch/store';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { env } from './shared/env.js';
import { MailJob } from './shared/jobs.js';
import { withMiddleware } from './shared/middleware.js';
import { awsClients, sesMailer } from './shared/services.js';

const jsonOrNull = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
};

// One Mailer per container: its gap between sends holds across the batches this environment handles.
let mailer: Mailer | null = null;

/** The send rate: the setting, or (0) the account's own MaxSendRate from SES (GetSendQuota), at least 1 a second. */
async function sendRate(log: { info(m: string, f?: object): void }): Promise<number> {
  const setting = env().DVCWATCH_SES_SEND_RATE;
  if (setting > 0) return setting;
  const quota = await awsClients().ses.send(new GetSendQuotaCommand({}));
  const rate = Math.max(1, Math.floor(quota.MaxSendRate ?? 1));
  log.info('SES send rate from GetSendQuota', { rate, max24h: quota.Max24HourSend, sent24h: quota.SentLast24Hours });
  return rate;
}

/**
 * Drains the mail queue (FIFO, one message group: one batch at a time, in queue order): each keyed email is sent
 * through the Mailer at the send rate (claimed first, so never twice; SES's permanent refusals recorded `rejected`).
 * On the first email that cannot go now (SES failing, or another worker holding its claim) that one and every later
 * one of the batch are handed back, so SQS offers them again in the same order.
 */
export const handler = withMiddleware('mail', async (event: SQSEvent, log): Promise<SQSBatchResponse> => {
  const e = env();
  mailer ??= sesMailer(new Sends(awsClients().dynamo, e.DVCWATCH_TABLE), await sendRate(log));
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    if (failures.length > 0) {
      failures.push({ itemIdentifier: record.messageId });
      continue;
    }
    const parsed = MailJob.safeParse(jsonOrNull(record.body));
    if (!parsed.success) {
      // A message no retry can mend: logged and dropped, not sent to the DLQ with the good ones behind it.
      log.error('mail job dropped: not a mail job', { messageId: record.messageId, error: parsed.error.message.slice(0, 300) });
      continue;
    }
    const { key, message } = parsed.data;
    const outcome = await mailer.send(key, message).catch((error: unknown) => {
      log.error('email not sent; offered again', { key, error: String(error) });
      return 'failed' as const;
    });
    if (outcome === 'busy' || outcome === 'failed') failures.push({ itemIdentifier: record.messageId });
    else log.info('email', { key, outcome });
  }
  return { batchItemFailures: failures };
});
