import {
  PROBE_AGENCIES_PER_INVOCATION,
  PROBE_MEMORY_MB,
  PROBE_TIMED_OVERLAP,
  probeTimeoutSeconds,
  VISIBILITY_TIMEOUT_FACTOR,
} from '@dvcwatch/core/probe-budget';
import { ROUND_SCHEDULES } from '@dvcwatch/core/round-clock';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Cron, type FunctionProps, Function as SstFunction, type StackContext, use } from 'sst/constructs';
import { Agent } from './Agent.js';
import { Data } from './Data.js';
import { Email } from './Email.js';
import { jobQueue } from './job-queue.js';
import { mailQueue } from './Mail.js';
import { Site } from './Site.js';
import { BUNDLED_REGISTRY, readSettings, registryObjectArn } from './settings.js';

/** Probe timeout in seconds: one agency's worst case (core/probe-budget.ts), from the same constants the probe uses. */
export const PROBE_TIMEOUT_SECONDS = probeTimeoutSeconds();
/** Receives before a probe job goes to the dead-letter queue. */
export const PROBE_MAX_RECEIVES = 3;
/** The queue hides a job this long once handed out (AWS: at least six times the function timeout). */
export const PROBE_VISIBILITY_SECONDS = VISIBILITY_TIMEOUT_FACTOR * PROBE_TIMEOUT_SECONDS;

/** The schedules of the round, in EventBridge syntax (UTC); the round's are derived in core/round-clock.ts. */
export const SCHEDULES = {
  // At the top of every hour: rounds are keyed by the hour, and `rate(1 hour)` would start at the deploy's minute.
  round: ROUND_SCHEDULES.round,
  // Deadline for stragglers, an offset from the round's start: whatever has not reported is recorded as `error`.
  finalize: ROUND_SCHEDULES.deadline,
  // Monday 08:00 in Asia/Ho_Chi_Minh (UTC+7, no daylight saving) is Monday 01:00 UTC.
  digest: 'cron(0 1 ? * MON *)',
  watchdog: 'rate(30 minutes)',
} as const;

/**
 * The hourly round: dispatch → SQS (one job per agency) → probe, then finalize (also at a deadline),
 * plus the weekly digest and the watchdog. Publishing the site is part of finalize, not its own
 * function: it runs once per round, right after the last result, and needs the same data.
 */
export function Monitor({ stack, app }: StackContext) {
  const settings = readSettings();
  const { table } = use(Data);
  const email = use(Email);
  const site = use(Site);
  const { evidence } = site;
  const agent = use(Agent);

  // A job the probe reports as failed is made visible again sooner (functions/probe.ts), so it is retried within the round.
  const { queue, dlq } = jobQueue(stack, 'Probe', {
    visibilitySeconds: PROBE_VISIBILITY_SECONDS,
    maxReceives: PROBE_MAX_RECEIVES,
  });

  const bundled = settings.registry === BUNDLED_REGISTRY;
  const environment: Record<string, string> = {
    DVCWATCH_STAGE: app.stage,
    DVCWATCH_TABLE: table.tableName,
    DVCWATCH_QUEUE_URL: queue.queueUrl,
    DVCWATCH_EVIDENCE_BUCKET: evidence.bucketName,
    DVCWATCH_SITE_BUCKET: site.bucket.bucketName,
    DVCWATCH_DISTRIBUTION_ID: site.distribution.distributionId,
    DVCWATCH_SENDER: email.sender,
    DVCWATCH_CONFIGURATION_SET: email.configurationSet.configurationSetName,
    DVCWATCH_OPERATORS: settings.operators.join(','),
    // `registry/vietnam.yaml` is relative to LAMBDA_TASK_ROOT (copied into every bundle); `s3://…` is read from S3.
    DVCWATCH_REGISTRY: settings.registry,
    DVCWATCH_RETENTION_DAYS: String(settings.retentionDays),
  };
  const withRegistry: Partial<FunctionProps> = bundled ? { copyFiles: [{ from: BUNDLED_REGISTRY, to: BUNDLED_REGISTRY }] } : {};
  const registryArn = registryObjectArn(settings.registry, stack.partition);
  const grantRegistry = (fn: SstFunction) => {
    if (registryArn) fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [registryArn] }));
  };
  // Every email goes through the mail queue: the functions below queue, only the mail function talks to SES.
  const mail = mailQueue(stack, { settings, table, environment: { ...environment }, grantSend: email.grantSend });
  environment.DVCWATCH_MAIL_QUEUE_URL = mail.queue.queueUrl;

  const finalize = new SstFunction(stack, 'Finalize', {
    handler: 'functions/finalize.handler',
    description:
      "Records missing agencies as error, decides the round's alerts, publishes changed site files, then queues the emails",
    timeout: 300,
    // The bounded publisher peaks near 850 MB at 1,000 agencies × 90 days (npm run bench, store section): 1,769 MB
    // keeps headroom and is one full vCPU (Lambda allocates CPU in proportion to memory), which the site build uses.
    memorySize: 1769,
    environment,
    ...withRegistry,
  });
  table.grantReadWriteData(finalize);
  mail.queue.grantSendMessages(finalize);
  site.bucket.grantReadWrite(finalize);
  site.distribution.grantCreateInvalidation(finalize);
  grantRegistry(finalize);
  new Cron(stack, 'FinalizeDeadline', { schedule: SCHEDULES.finalize, job: finalize });

  const dispatch = new SstFunction(stack, 'Dispatch', {
    handler: 'functions/dispatch.handler',
    description: 'Starts a round: writes the round record and one SQS job per agency',
    timeout: 60,
    environment,
    ...withRegistry,
  });
  table.grantReadWriteData(dispatch);
  queue.grantSendMessages(dispatch);
  grantRegistry(dispatch);
  new Cron(stack, 'Round', { schedule: SCHEDULES.round, job: dispatch });

  const probe = new SstFunction(stack, 'Probe', {
    handler: 'functions/probe.handler',
    description: 'Measures one agency portal with headless Chromium',
    // @sparticuz/chromium's x86-64 build is the one the local mode runs too: one Chromium for both.
    architecture: 'x86_64',
    // One whole vCPU, no more (core/probe-budget.ts: chosen by price × time in `npm run bench:cost`).
    memorySize: PROBE_MEMORY_MB,
    // Chromium unpacks to about 200 MB in /tmp on a cold start; screenshots are written there before upload.
    diskSize: '1024 MB',
    timeout: PROBE_TIMEOUT_SECONDS,
    // Installed into the bundle, not bundled: the Chromium binary and Playwright's own files are read at run time.
    nodejs: { install: ['@sparticuz/chromium', 'playwright-core', 'axe-core'] },
    environment: {
      ...environment,
      DVCWATCH_FINALIZE_FUNCTION: finalize.functionName,
      DVCWATCH_AGENT_QUEUE_URL: agent.queue.queueUrl,
      // The invocation's pool runs its whole batch at once (functions/probe.ts).
      DVCWATCH_PROBE_CONCURRENCY: String(PROBE_AGENCIES_PER_INVOCATION),
      // Timed loads at once in the invocation (core/probe-budget.ts: 1, measured).
      DVCWATCH_TIMED_OVERLAP: String(PROBE_TIMED_OVERLAP),
      // …and takes further jobs from the queue as places free up (core/probe-budget.ts PROBE_TAKE_MORE_MS).
      DVCWATCH_PROBE_TAKE_MORE: 'true',
      DVCWATCH_VANTAGE_WAIT_SECONDS: String(settings.vantageWaitSeconds),
    },
    ...withRegistry,
  });
  probe.addEventSource(
    new SqsEventSource(queue, {
      // Several agencies per invocation, measured at once while their pages wait on the network (core/probe-budget.ts,
      // docs/cost.md); a failed agency is reported on its own (partial batch failures), the others are deleted.
      batchSize: PROBE_AGENCIES_PER_INVOCATION,
      reportBatchItemFailures: true,
      maxConcurrency: settings.probeMaxConcurrency,
    }),
  );
  table.grantReadWriteData(probe);
  evidence.grantPut(probe);
  finalize.grantInvoke(probe);
  agent.queue.grantSendMessages(probe);
  grantRegistry(probe);

  const digest = new SstFunction(stack, 'Digest', {
    handler: 'functions/digest.handler',
    description: 'Weekly digest email',
    timeout: 300,
    environment,
    ...withRegistry,
  });
  // The Mailer writes each send's key before sending (never twice): the digest writes to the table.
  table.grantReadWriteData(digest);
  mail.queue.grantSendMessages(digest);
  grantRegistry(digest);
  new Cron(stack, 'WeeklyDigest', { schedule: SCHEDULES.digest, job: digest });

  const watchdog = new SstFunction(stack, 'Watchdog', {
    handler: 'functions/watchdog.handler',
    description: "Dead man's switch: no completed round for 2 hours notifies the operators",
    timeout: 30,
    environment,
    ...withRegistry,
  });
  table.grantReadWriteData(watchdog);
  grantRegistry(watchdog);
  mail.queue.grantSendMessages(watchdog);
  new Cron(stack, 'WatchdogSchedule', { schedule: SCHEDULES.watchdog, job: watchdog });

  stack.addOutputs({ ProbeQueueUrl: queue.queueUrl, ProbeDlqUrl: dlq.queueUrl, MailDlqUrl: mail.dlq.queueUrl });
  return { queue, dlq, probe, dispatch, finalize, digest, watchdog, mail: mail.fn, mailQueue: mail.queue, mailDlq: mail.dlq };
}
