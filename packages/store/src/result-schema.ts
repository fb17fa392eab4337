import { type PageResult, REASONS, type Result, STATUSES } from '@dvcwatch/core';
import { z } from 'zod';

/**
 * A stored result's payload, checked at the level every reader relies on. Pages keep the probe's artifacts as
 * recorded (their fields grew over time and only the site reads them); they are checked to be objects.
 */
const page = z.custom<PageResult>((v) => typeof v === 'object' && v !== null, 'a page object');

export const ResultPayload = z.looseObject({
  agencyId: z.string().min(1),
  at: z.string().min(1),
  status: z.enum(STATUSES),
  reason: z.enum(REASONS).nullable(),
  pages: z.object({ home: page.nullable(), form: page.nullable() }),
  retries: z.array(z.custom<{ page: 'home' | 'form' } & PageResult>((v) => typeof v === 'object' && v !== null)).optional(),
  breaches: z.array(z.string()),
  breachDetails: z.array(z.object({ metric: z.string(), value: z.number(), limit: z.number() })),
  checks: z.array(z.object({ id: z.string(), status: z.enum(['pass', 'fail', 'unknown']), evidence: z.string() })),
  checksAt: z.string().nullable().optional(),
  groups: z.array(z.object({ group: z.string(), earned: z.number(), measured: z.number(), weight: z.number() })),
  score: z.number().nullable(),
  grade: z.enum(['A', 'B', 'C', 'D', 'E']).nullable(),
  profile: z.string(),
  maintenance: z.boolean(),
  probeMs: z.number(),
  monitorError: z.string().optional(),
  observed: z.object({ status: z.enum(STATUSES), reason: z.enum(REASONS).nullable() }).optional(),
  replay: z.object({ recordedAt: z.string(), scenario: z.string(), events: z.array(z.string()) }).optional(),
}) satisfies z.ZodType<Result>;
