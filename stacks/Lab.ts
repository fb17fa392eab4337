import { VISIBILITY_TIMEOUT_FACTOR } from '@dvcwatch/core/probe-budget';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Cron, type FunctionProps, Function as SstFunction, type StackContext, use } from 'sst/constructs';
import { Data } from './Data.js';
import { Email } from './Email.js';
import { jobQueue } from './job-queue.js';
import { BUNDLED_REGISTRY, readSettings, registryObjectArn } from './settings.js';

/**
 * Lab function timeout, sized for one agency (one job per invocation): two pages × Lighthouse's 60 s whole-run limit
 * (functions/lab/handler.ts LAB_PAGE_TIMEOUT_MS), Chromium's cold launch (again after a failed page) and the lab day's
 * writes stay under 200 s; 300 s keeps a margin without making a crashed job wait long for its retry (6× this).
 */
export const LAB_TIMEOUT_SECONDS = 300;
/** Receives before a lab job goes to the dead-letter queue (as the probe's). */
export const LAB_MAX_RECEIVES = 3;
/** The lab queue hides a job this long once handed out (AWS: at least six times the function timeout). */
export const LAB_VISIBILITY_SECONDS = VISIBILITY_TIMEOUT_FACTOR * LAB_TIMEOUT_SECONDS;

/**
 * Lab invocations at once (the SQS event source's maximum concurrency). At 1,000 agencies × 3 runs a day × 2 pages ×
 * ~18 s a run (docs/cost.md) the lab is 108,000 s of Lighthouse a day, 3.3 runs at once over the 9 office hours on
 * average. Each agency is due once in every 3-hour part of the day, at an hour spread by a hash of its id
 * (core/lab-schedule.ts), so an hour queues ≈ 333 agencies × 36 s = 12,000 s: 20 minutes at 10 at once, three times
 * within the hour, for the hash's unevenness and slow pages. It also bounds the lab's share of the account's Lambda
 * concurrency.
 */
export const LAB_MAX_CONCURRENCY = 10;

/**
 * Hourly at minute 5 from 08:05 to 16:05 Asia/Ho_Chi_Minh (UTC+7: 01–09 UTC); each run queues only the agencies whose
 * lab hour it is (core/lab-schedule.ts), so each agency gets `probe.labRunsPerDay` runs a day.
 */
export const LAB_SCHEDULE = 'cron(5 1-9 ? * * *)';

/**
 * The ministry profile: Lighthouse 12.8.2 (mobile, simulated throttling) in a function of its own, on its own schedule.
 * It needs Chrome's DevTools port and ~10–15 s a page, runs one page at a time, and must not share a CPU with the
 * hourly probes. Measured here: Lighthouse runs against @sparticuz/chromium launched with its own default arguments,
 * `--single-process` included (which Lambda requires), three runs in a row on one browser.
 *
 * It fans out: the schedule's invocation queues one job per due agency on the lab queue, and the lab queue invokes the
 * same function with one job at a time, up to LAB_MAX_CONCURRENCY at once (functions/lab/handler.ts), so an hour's
 * agencies run side by side, each invocation with a CPU of its own.
 */
export function Lab({ stack, app }: StackContext) {
  const settings = readSettings();
  const { table } = use(Data);
  const email = use(Email);

  const { queue, dlq } = jobQueue(stack, 'Lab', { visibilitySeconds: LAB_VISIBILITY_SECONDS, maxReceives: LAB_MAX_RECEIVES });

  const bundled = settings.registry === BUNDLED_REGISTRY;
  const withRegistry: Partial<FunctionProps> = bundled ? { copyFiles: [{ from: BUNDLED_REGISTRY, to: BUNDLED_REGISTRY }] } : {};
  const lab = new SstFunction(stack, 'LabRunner', {
    handler: 'functions/lab/handler.handler',
    description:
      'Ministry profile: queues the due agencies hourly, then Lighthouse mobile on one agency a job (home and form pages)',
    architecture: 'x86_64',
    // One full vCPU (1,769 MB) and more: Lighthouse's simulation reads the trace of a real load, and its
    // benchmarkIndex (kept with every run) records the CPU it had.
    memorySize: 2048,
    diskSize: '1024 MB',
    timeout: LAB_TIMEOUT_SECONDS,
    // Installed, not bundled: Lighthouse reads its locale and audit files at run time; versions from functions/lab/package.json.
    nodejs: { install: ['@sparticuz/chromium', 'lighthouse', 'third-party-web', 'legacy-javascript'] },
    environment: {
      DVCWATCH_STAGE: app.stage,
      DVCWATCH_TABLE: table.tableName,
      DVCWATCH_SENDER: email.sender,
      DVCWATCH_OPERATORS: settings.operators.join(','),
      DVCWATCH_REGISTRY: settings.registry,
      DVCWATCH_RETENTION_DAYS: String(settings.retentionDays),
      DVCWATCH_LAB_QUEUE_URL: queue.queueUrl,
    },
    ...withRegistry,
  });
  table.grantReadWriteData(lab);
  queue.grantSendMessages(lab);
  lab.addEventSource(
    new SqsEventSource(queue, {
      // One agency per invocation: Lighthouse runs one page at a time, so the concurrency is in the invocations.
      batchSize: 1,
      reportBatchItemFailures: true,
      maxConcurrency: LAB_MAX_CONCURRENCY,
    }),
  );
  const registryArn = registryObjectArn(settings.registry, stack.partition);
  if (registryArn) lab.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [registryArn] }));
  new Cron(stack, 'LabSchedule', { schedule: LAB_SCHEDULE, job: lab });
  stack.addOutputs({ LabQueueUrl: queue.queueUrl, LabDlqUrl: dlq.queueUrl });
  return { lab, queue, dlq };
}
