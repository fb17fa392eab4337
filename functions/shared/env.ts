import { VANTAGE_WAIT_MS } from '@dvcwatch/core/probe-budget';
import { z } from 'zod';

const list = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

const Env = z.object({
  DVCWATCH_STAGE: z.string().default('dev'),
  DVCWATCH_TABLE: z.string().min(3),
  DVCWATCH_QUEUE_URL: z.string().optional(),
  DVCWATCH_EVIDENCE_BUCKET: z.string().optional(),
  DVCWATCH_SITE_BUCKET: z.string().optional(),
  DVCWATCH_DISTRIBUTION_ID: z.string().optional(),
  DVCWATCH_SENDER: z.email(),
  DVCWATCH_CONFIGURATION_SET: z.string().optional(),
  DVCWATCH_OPERATORS: list,
  DVCWATCH_REGISTRY: z.string().default('registry/vietnam.yaml'),
  DVCWATCH_RETENTION_DAYS: z.coerce.number().int().positive().default(400),
  DVCWATCH_FINALIZE_FUNCTION: z.string().optional(),
  /** The agent vantages' job queue (stacks/Agent.ts): a `down` is sent there for confirmation. */
  DVCWATCH_AGENT_QUEUE_URL: z.string().optional(),
  /** The probe's wait for the agent vantages after a `down` (stacks/settings.ts; core/probe-budget.ts VANTAGE_WAIT_MS). */
  DVCWATCH_VANTAGE_WAIT_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(VANTAGE_WAIT_MS / 1000)
    .default(VANTAGE_WAIT_MS / 1000),
  /** The mail queue (stacks/Mail.ts): set, every email is queued there and the mail function sends it. */
  DVCWATCH_MAIL_QUEUE_URL: z.string().optional(),
  /** Emails a second the mail function sends (stacks/settings.ts); 0: SES's own MaxSendRate (GetSendQuota). */
  DVCWATCH_SES_SEND_RATE: z.coerce.number().min(0).max(1000).default(1),
  /** Test and demo only: loopback origins the request guard lets through (local mode). Never set in production. */
  DVCWATCH_ALLOW_ORIGINS: list,
  /** Agencies one probe invocation measures at once (the SQS batch size, stacks/Monitor.ts); 1 when unset. */
  DVCWATCH_PROBE_CONCURRENCY: z.coerce.number().int().min(1).max(10).default(1),
  /** Timed loads one invocation runs at once (probe/timing-lane.ts, stacks/Monitor.ts); 1 when unset. */
  DVCWATCH_TIMED_OVERLAP: z.coerce.number().int().min(1).max(10).default(1),
  /** Whether a probe invocation takes further jobs from its queue as places free up (functions/probe.ts); off when unset. */
  DVCWATCH_PROBE_TAKE_MORE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  DVCWATCH_PROBE_LOCATION: z.string().default('AWS ap-southeast-1 (Singapore)'),
  AWS_REGION: z.string().default('ap-southeast-1'),
  LAMBDA_TASK_ROOT: z.string().optional(),
  /** The lab queue (stacks/Lab.ts): one job per agency due this hour, sent by the lab function and taken by it. */
  DVCWATCH_LAB_QUEUE_URL: z.string().optional(),
});

export type FunctionEnv = z.infer<typeof Env>;

let cached: FunctionEnv | null = null;

/** The functions' environment, parsed once per container; a bad value fails fast naming the variable. */
export function env(): FunctionEnv {
  if (cached) return cached;
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests change the environment between cases. */
export const resetEnv = () => {
  cached = null;
};
