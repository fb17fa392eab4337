import { resolve } from 'node:path';
import { LOCAL_PROCESS_MODEL } from '@dvcwatch/probe';
import { z } from 'zod';

const Env = z.object({
  DVCWATCH_HOME: z.string().min(1).optional(),
  DVCWATCH_TABLE: z
    .string()
    .regex(/^[a-zA-Z0-9_.-]{3,255}$/, 'must be a valid DynamoDB table name')
    .default('dvcwatch'),
  DVCWATCH_SENDER: z.email({ error: 'must be an email address' }).default('dvcwatch@dvcwatch.local'),
  DVCWATCH_PORT: z.coerce.number().int().min(0).max(65535).default(4800),
  // 4 agencies at once: a 100-agency hourly round fits in 90 s on 2 cores (npm run bench, section 2b) with less
  // contention inflating the timings than at 8.
  DVCWATCH_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(4),
  /** The registry commands use without --registry (round, serve, replay, results, alerts). */
  DVCWATCH_REGISTRY: z.string().min(1).optional(),
  // `lambda` runs Chromium as the probe Lambda does (single-process browsers serving pages in turn), faster here too
  // (probe/chromium-launch.ts LOCAL_PROCESS_MODEL); `shared`: one multi-process browser.
  DVCWATCH_BROWSER_MODEL: z.enum(['shared', 'lambda']).default(LOCAL_PROCESS_MODEL),
  /** Where `import-766` and serve's daily import ask (default: the national portal's endpoint). */
  DVCWATCH_INDEX766_ENDPOINT: z.url().optional(),
  AWS_ENDPOINT_URL_DYNAMODB: z.url().optional(),
  AWS_ENDPOINT_URL_SES: z.url().optional(),
  AWS_REGION: z.string().default('ap-southeast-1'),
});

export type CliEnv = z.infer<typeof Env> & { home: string };

/** Reads the environment once, in the composition root; a bad value names the variable. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): CliEnv {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`biến môi trường không hợp lệ (invalid environment):\n${lines.join('\n')}`);
  }
  return { ...parsed.data, home: resolve(parsed.data.DVCWATCH_HOME ?? '.dvcwatch') };
}
