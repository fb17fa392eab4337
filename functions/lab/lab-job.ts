import { z } from 'zod';

/**
 * One LabQueue message: run the ministry profile on one agency for the lab hour `at` (the hour the schedule found it
 * due, core/lab-schedule.ts). The same shape as the probe's ProbeJob (functions/shared/jobs.ts), parsed on both ends.
 */
export const LabJob = z.strictObject({ agencyId: z.string().min(1), at: z.iso.datetime() });
export type LabJob = z.infer<typeof LabJob>;
