import { isReservedAddress } from '@dvcwatch/core/placeholder-contact';
import { VANTAGE_WAIT_MS } from '@dvcwatch/core/probe-budget';

/**
 * Deploy-time settings, read from the environment when the app is synthesized.
 *
 * SST v2 loads `.env`, `.env.<stage>` and `.env.<stage>.local` before synthesis (sst/project.js), so a
 * stage's values live in an uncommitted `.env.prod.local`. Every value has a safe default so that
 * `sst build` and the stack tests synthesize offline; nothing here is secret.
 */
export interface Settings {
  /** Domain verified in SES; the sender address must belong to it. */
  readonly senderDomain: string;
  /** The From address of every email. */
  readonly sender: string;
  /** Operators who receive alarms, the watchdog and the digest copy. */
  readonly operators: readonly string[];
  /** Registry location: `s3://bucket/key`, or a path inside the function bundle. */
  readonly registry: string;
  /** Upper bound on concurrent probe invocations (SQS event source `MaximumConcurrency`, 2–1000). */
  readonly probeMaxConcurrency: number;
  /** How long result rows and evidence are kept. */
  readonly retentionDays: number;
  /** Emails a second the mail function sends (SES sandbox: 1); 0 reads the account's MaxSendRate (GetSendQuota). */
  readonly sesSendRate: number;
  /** How long a probe waits for the agent vantages after a `down` (at most core/probe-budget.ts VANTAGE_WAIT_MS). */
  readonly vantageWaitSeconds: number;
}

/** The registry file bundled with the functions (copied from the repository by `copyFiles`). */
export const BUNDLED_REGISTRY = 'registry/vietnam.yaml';

const integer = (name: string, raw: string | undefined, fallback: number, min: number, max: number): number => {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name}=${raw}: expected an integer from ${min} to ${max}`);
  }
  return value;
};

const emails = (raw: string | undefined): string[] =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Reads the settings from `env` (defaults to `process.env`), failing on malformed values. */
export const readSettings = (env: NodeJS.ProcessEnv = process.env): Settings => {
  const senderDomain = env.DVCWATCH_SENDER_DOMAIN?.trim() || 'example.vn';
  const sender = env.DVCWATCH_SENDER?.trim() || `dvcwatch@${senderDomain}`;
  if (!sender.toLowerCase().endsWith(`@${senderDomain.toLowerCase()}`)) {
    throw new Error(`DVCWATCH_SENDER=${sender}: must be an address at DVCWATCH_SENDER_DOMAIN (${senderDomain})`);
  }
  const operators = emails(env.DVCWATCH_OPERATORS);
  const bad = operators.filter((o) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(o));
  if (bad.length > 0) throw new Error(`DVCWATCH_OPERATORS: invalid address(es) ${bad.join(', ')}`);
  const registry = env.DVCWATCH_REGISTRY_URI?.trim() || BUNDLED_REGISTRY;
  if (registry.startsWith('s3://') && !/^s3:\/\/[a-z0-9.-]{3,63}\/.+/.test(registry)) {
    throw new Error(`DVCWATCH_REGISTRY_URI=${registry}: expected s3://bucket/key`);
  }
  return {
    senderDomain,
    sender,
    operators,
    registry,
    // SQS event sources accept a maximum concurrency from 2 to 1000 (AWS Lambda developer guide,
    // "Configuring maximum concurrency for Amazon SQS event sources").
    probeMaxConcurrency: integer('DVCWATCH_PROBE_MAX_CONCURRENCY', env.DVCWATCH_PROBE_MAX_CONCURRENCY, 10, 2, 1000),
    retentionDays: integer('DVCWATCH_RETENTION_DAYS', env.DVCWATCH_RETENTION_DAYS, 400, 1, 3650),
    // SES's sandbox sends 1 email a second; production accounts start at 14 (SES developer guide, sending quotas).
    sesSendRate: integer('DVCWATCH_SES_SEND_RATE', env.DVCWATCH_SES_SEND_RATE, 1, 0, 1000),
    // The probe's timeout counts this wait (core/probe-budget.ts): it can be shortened, never lengthened.
    vantageWaitSeconds: integer(
      'DVCWATCH_VANTAGE_WAIT_SECONDS',
      env.DVCWATCH_VANTAGE_WAIT_SECONDS,
      VANTAGE_WAIT_MS / 1000,
      0,
      VANTAGE_WAIT_MS / 1000,
    ),
  };
};

/** Stages that send real email to real people: they refuse placeholder addresses at synth. */
export const PRODUCTION_STAGES = ['prod', 'production'];

/**
 * Fails the synth of a production stage (`sst deploy --stage prod`) whose sender or operators are placeholders
 * (a reserved example domain, core/placeholder-contact.ts) or whose operators are missing: SES would bounce the
 * mail (pushing the account toward review at 5 %) and nobody would hear of the monitor's own failures.
 */
export const assertDeployable = (settings: Settings, stage: string): void => {
  if (!PRODUCTION_STAGES.includes(stage)) return;
  const problems = [
    ...(isReservedAddress(settings.sender)
      ? [`DVCWATCH_SENDER=${settings.sender} (set DVCWATCH_SENDER_DOMAIN to the domain verified in SES)`]
      : []),
    ...(settings.operators.length === 0 ? ['DVCWATCH_OPERATORS is empty'] : []),
    ...settings.operators.filter(isReservedAddress).map((o) => `DVCWATCH_OPERATORS contains ${o}`),
  ];
  if (problems.length > 0)
    throw new Error(
      `stage "${stage}" sends real email, but these are placeholders on a reserved example domain: ${problems.join('; ')}. ` +
        'Set them in .env.prod.local (docs/deploy.md).',
    );
};

/** The object ARN of an `s3://bucket/key` registry URI, or undefined for a bundled registry. */
export const registryObjectArn = (registry: string, partition = 'aws'): string | undefined => {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(registry);
  return match ? `arn:${partition}:s3:::${match[1]}/${match[2]}` : undefined;
};
