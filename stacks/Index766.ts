import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Cron, type FunctionProps, Function as SstFunction, type StackContext, use } from 'sst/constructs';
import { Alarms } from './Alarms.js';
import { Data } from './Data.js';
import { Email } from './Email.js';
import { BUNDLED_REGISTRY, readSettings, registryObjectArn } from './settings.js';

/** Daily at 06:30 Asia/Ho_Chi_Minh (23:30 UTC the day before): the QĐ 766 index, once, before office hours. */
export const INDEX766_SCHEDULE = 'cron(30 23 * * ? *)' as const;
/** The 1st of each month at 07:00 Asia/Ho_Chi_Minh (00:00 UTC): the past month's frozen edition. */
export const EDITION_SCHEDULE = 'cron(0 0 1 * ? *)' as const;

/**
 * The Government Office's QĐ 766 index imported once a day, and the monthly edition written on the 1st, each its
 * own function and schedule with an Errors alarm to the operators (a failed import or edition is never silent).
 * The hourly publish reads both from the table, so neither function touches the site.
 */
export function Index766({ stack, app }: StackContext) {
  const settings = readSettings();
  const { table } = use(Data);
  const email = use(Email);
  const { operators } = use(Alarms);
  const bundled = settings.registry === BUNDLED_REGISTRY;
  const withRegistry: Partial<FunctionProps> = bundled ? { copyFiles: [{ from: BUNDLED_REGISTRY, to: BUNDLED_REGISTRY }] } : {};
  const environment = {
    DVCWATCH_STAGE: app.stage,
    DVCWATCH_TABLE: table.tableName,
    DVCWATCH_SENDER: email.sender,
    DVCWATCH_REGISTRY: settings.registry,
    DVCWATCH_RETENTION_DAYS: String(settings.retentionDays),
  };
  const registryArn = registryObjectArn(settings.registry, stack.partition);
  const make = (id: string, handler: string, description: string, timeout: number, schedule: `cron(${string})`) => {
    const fn = new SstFunction(stack, id, { handler, description, timeout, memorySize: 512, environment, ...withRegistry });
    table.grantReadWriteData(fn);
    if (registryArn) fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [registryArn] }));
    new Cron(stack, `${id}Schedule`, { schedule, job: fn });
    // One failed run is enough to tell: both run once a day at most.
    new Alarm(stack, `${id}Errors`, {
      alarmDescription: `${description}: failed`,
      metric: fn.metricErrors({ statistic: 'Sum', period: Duration.hours(1) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(operators));
    return fn;
  };
  const importer = make(
    'Index766Import',
    'functions/index-766.handler',
    'QĐ 766 index: daily import from the national portal',
    120,
    INDEX766_SCHEDULE,
  );
  const edition = make(
    'MonthlyEdition',
    'functions/edition.handler',
    'Monthly edition: the past month, frozen',
    900,
    EDITION_SCHEDULE,
  );
  return { importer, edition };
}
