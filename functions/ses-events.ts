import { Sends } from '@dvcwatch/store';
import type { SNSEvent } from 'aws-lambda';
import { z } from 'zod';
import { env } from './shared/env.js';
import { withMiddleware } from './shared/middleware.js';
import { awsClients } from './shared/services.js';

// SES event publishing through a configuration set (eventType) or identity notifications (notificationType).
const Notification = z.object({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  mail: z.object({ messageId: z.string(), timestamp: z.string().optional(), destination: z.array(z.string()).default([]) }),
  bounce: z
    .object({
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z.array(z.object({ emailAddress: z.string() })).default([]),
    })
    .optional(),
  complaint: z
    .object({
      complainedRecipients: z.array(z.object({ emailAddress: z.string() })).default([]),
      complaintFeedbackType: z.string().optional(),
    })
    .optional(),
});

// A topic also carries plain text (SES's own message when a destination is set up): skip it, never fail on it.
const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/** SNS → records SES bounces and complaints, shown to operators by `dvcwatch alerts` and the alarm on bounce rate. */
export const handler = withMiddleware('ses-events', async (event: SNSEvent, log) => {
  const sends = new Sends(awsClients().dynamo, env().DVCWATCH_TABLE);
  let recorded = 0;
  for (const record of event.Records) {
    const parsed = Notification.safeParse(parseJson(record.Sns.Message));
    if (!parsed.success) {
      log.warn('unrecognised SES notification skipped', { messageId: record.Sns.MessageId });
      continue;
    }
    const n = parsed.data;
    const type = n.eventType ?? n.notificationType ?? 'Unknown';
    const recipients =
      n.bounce?.bouncedRecipients.map((r) => r.emailAddress) ??
      n.complaint?.complainedRecipients.map((r) => r.emailAddress) ??
      n.mail.destination;
    const detail = n.bounce
      ? `${n.bounce.bounceType}/${n.bounce.bounceSubType ?? ''}`
      : (n.complaint?.complaintFeedbackType ?? '');
    await sends.putSesEvent({ at: record.Sns.Timestamp, type, messageId: n.mail.messageId, recipients, detail });
    log.warn('SES feedback recorded', { type, recipients, messageId: n.mail.messageId });
    recorded++;
  }
  return { recorded };
});
