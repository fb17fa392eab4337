import { z } from 'zod';

/** One SQS message: measure one agency for one round. */
export const ProbeJob = z.strictObject({ agencyId: z.string().min(1), at: z.iso.datetime() });
export type ProbeJob = z.infer<typeof ProbeJob>;

/** Finalize is invoked by the probe (all done) with `{ at }`, or by its deadline schedule (EventBridge). */
export const FinalizeEvent = z.union([
  z.object({ at: z.iso.datetime() }),
  z.object({ time: z.iso.datetime(), 'detail-type': z.string() }),
]);

/** The round a scheduled event belongs to: the top of its hour (UTC), so every agency's rows line up. */
export const roundOf = (time: string): string => new Date(Math.floor(Date.parse(time) / 3_600_000) * 3_600_000).toISOString();
