/**
 * Prices, ap-southeast-1 (Singapore), on-demand, as read from the AWS pricing pages (Lambda, DynamoDB, CloudWatch,
 * S3, SES, SQS) on 2 December 2026 from memory of those pages: assumptions, not quotes; check before relying on
 * them. DynamoDB on-demand is after AWS's 50 % price cut of 1 November 2024.
 */
export const PRICES = {
  date: '2026-12-02',
  source: 'aws.amazon.com/{lambda,dynamodb,cloudwatch,s3,ses,sqs}/pricing, ap-southeast-1, on-demand (assumption)',
  lambdaGbSecond: 0.0000166667,
  lambdaPerMillionRequests: 0.2,
  dynamoPerMillionWru: 0.7135,
  dynamoPerMillionRru: 0.1427,
  dynamoStorageGbMonth: 0.285,
  /** Point-in-time recovery (continuous backups), per GB-month of table size. */
  dynamoPitrGbMonth: 0.228,
  cloudwatchAlarm: 0.1,
  cloudwatchLogsIngestGb: 0.7,
  cloudwatchLogsStoreGbMonth: 0.033,
  s3StorageGbMonth: 0.025,
  s3PerThousandPuts: 0.005,
  sesPerThousand: 0.1,
  sqsPerMillion: 0.4,
} as const;

export const ROUNDS_PER_MONTH = 730;
export const DAYS_PER_MONTH = 30.42;

/** What one measured run gives per agency-round (catalogue rounds weighted in), and per round. */
export interface PerAgencyRound {
  /** Billed probe seconds per agency-round. */
  probeSeconds: number;
  probeInvocations: number;
  probeMemoryMb: number;
  wru: number;
  rru: number;
  /** Bytes written per agency-round (item sizes: table growth). */
  writeBytes: number;
  /** Finalize (and its mail) seconds per agency-round (finalize's time grows with the agencies: scaled linearly). */
  finalizeSeconds: number;
  finalizeMemoryMb: number;
  dispatchSeconds: number;
  dispatchMemoryMb: number;
  logBytes: number;
  s3Puts: number;
  /** Evidence bytes stored per agency-round. */
  s3Bytes: number;
  emails: number;
  sqsRequests: number;
}

/** Settings of the deployment that the bench does not measure in its rounds (stated, from the stacks and registry). */
export interface Fixed {
  alarms: number;
  retentionDays: number;
  logRetentionDays: number;
  /** Lab (Lighthouse mobile) runs per agency per day and seconds each, at its memory. */
  labRunsPerDay: number;
  labSecondsPerRun: number;
  labMemoryMb: number;
}

export type Bill = Record<string, number>;

const gbs = (seconds: number, mb: number) => seconds * (mb / 1024) * PRICES.lambdaGbSecond;

/** The monthly bill per component for `agencies`, hourly rounds. */
export function monthlyBill(agencies: number, m: PerAgencyRound, f: Fixed): Bill {
  const ar = agencies * ROUNDS_PER_MONTH;
  const tableGb = (m.writeBytes * agencies * 24 * f.retentionDays) / 1e9;
  const logGb = (m.logBytes * ar) / 1e9;
  return {
    probe: ar * (gbs(m.probeSeconds, m.probeMemoryMb) + (m.probeInvocations * PRICES.lambdaPerMillionRequests) / 1e6),
    lab:
      agencies *
      f.labRunsPerDay *
      DAYS_PER_MONTH *
      (gbs(f.labSecondsPerRun, f.labMemoryMb) + PRICES.lambdaPerMillionRequests / 1e6),
    'finalize+mail':
      ar * gbs(m.finalizeSeconds, m.finalizeMemoryMb) +
      ar * gbs(m.dispatchSeconds, m.dispatchMemoryMb) +
      ((2 * ROUNDS_PER_MONTH) / 1e6) * PRICES.lambdaPerMillionRequests +
      ((ar * m.sqsRequests) / 1e6) * PRICES.sqsPerMillion,
    'dynamodb writes': ((ar * m.wru) / 1e6) * PRICES.dynamoPerMillionWru,
    'dynamodb reads': ((ar * m.rru) / 1e6) * PRICES.dynamoPerMillionRru,
    'storage+backups': tableGb * (PRICES.dynamoStorageGbMonth + PRICES.dynamoPitrGbMonth),
    cloudwatch:
      f.alarms * PRICES.cloudwatchAlarm +
      logGb * PRICES.cloudwatchLogsIngestGb +
      logGb * (f.logRetentionDays / 30) * PRICES.cloudwatchLogsStoreGbMonth,
    s3: ((ar * m.s3Puts) / 1000) * PRICES.s3PerThousandPuts + ((m.s3Bytes * ar) / 1e9) * 3 * PRICES.s3StorageGbMonth,
    ses: ((ar * m.emails) / 1000) * PRICES.sesPerThousand,
  };
}

export const total = (b: Bill): number => Object.values(b).reduce((s, v) => s + v, 0);
