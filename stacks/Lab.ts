import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Cron, type FunctionProps, Function as SstFunction, type StackContext, use } from 'sst/constructs';
import { Data } from './Data.js';
import { Email } from './Email.js';
import { BUNDLED_REGISTRY, readSettings, registryObjectArn } from './settings.js';

/** Lab function timeout: Lambda's maximum; an agency is started only with 150 s left (functions/lab/handler.ts). */
export const LAB_TIMEOUT_SECONDS = 900;

/**
 * Hourly at minute 5 from 08:05 to 16:05 Asia/Ho_Chi_Minh (UTC+7: 01–09 UTC); each run measures only the agencies
 * whose lab hour it is (core/lab-schedule.ts), so each agency gets `probe.labRunsPerDay` runs a day.
 */
export const LAB_SCHEDULE = 'cron(5 1-9 ? * * *)';

/**
 * The ministry profile: Lighthouse 12.8.2 (mobile, simulated throttling) in a function of its own, on its own schedule.
 * It needs Chrome's DevTools port and ~10–15 s a page, runs one page at a time, and must not share a CPU with the
 * hourly probes. Measured here: Lighthouse runs against @sparticuz/chromium launched with its own default arguments,
 * `--single-process` included (which Lambda requires), three runs in a row on one browser.
 */
export function Lab({ stack, app }: StackContext) {
  const settings = readSettings();
  const { table } = use(Data);
  const email = use(Email);
  const bundled = settings.registry === BUNDLED_REGISTRY;
  const withRegistry: Partial<FunctionProps> = bundled ? { copyFiles: [{ from: BUNDLED_REGISTRY, to: BUNDLED_REGISTRY }] } : {};
  const lab = new SstFunction(stack, 'LabRunner', {
    handler: 'functions/lab/handler.handler',
    description: 'Ministry profile: Lighthouse mobile on each due agency (home and form pages)',
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
    },
    ...withRegistry,
  });
  table.grantReadWriteData(lab);
  const registryArn = registryObjectArn(settings.registry, stack.partition);
  if (registryArn) lab.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [registryArn] }));
  new Cron(stack, 'LabSchedule', { schedule: LAB_SCHEDULE, job: lab });
  return { lab };
}
