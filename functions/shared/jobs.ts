import { z } from 'zod';

/** One SQS message: measure one agency for one round. */
export const ProbeJob = z.strictObject({ agencyId: z.string().min(1), at: z.iso.datetime() });
export type ProbeJob = z.infer<typeof ProbeJob>;

/** Finalize is invoked by the probe (all done) with `{ at }`, or by its deadline schedule (EventBridge). */
export const FinalizeEvent = z.union([
  z.object({ at: z.iso.datetime() }),
  z.object({ time: z.iso.datetime(), 'detail-type': z.string() }),
]);

export { roundOf } from '@dvcwatch/core';

/** One SQS message of the mail queue: a keyed email (notify/mailer.ts SendKey), sent by the mail function. */
export const MailJob = z.strictObject({
  key: z.strictObject({ scope: z.string().min(1), topic: z.string().min(1), step: z.string().min(1), kind: z.string().min(1) }),
  message: z.strictObject({
    to: z.array(z.string()),
    cc: z.array(z.string()),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
  }),
});
export type MailJob = z.infer<typeof MailJob>;
