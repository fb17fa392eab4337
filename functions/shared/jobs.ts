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
