import { METRICS } from '@dvcwatch/core';

/** What one finalize call reports to CloudWatch. */
export interface RoundMetrics {
  finished: boolean;
  missing: number;
  errors: number;
  results: number;
}

/**
 * One CloudWatch Embedded Metric Format line (a JSON log line with an `_aws.CloudWatchMetrics` block; no
 * PutMetricData permission needed), with the metric names the alarms watch (core/metrics.ts).
 */
export const roundMetricsLine = (stage: string, at: string, m: RoundMetrics, now = Date.now()): string =>
  JSON.stringify({
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        {
          Namespace: METRICS.namespace,
          Dimensions: [[METRICS.dimension]],
          Metrics: [
            { Name: METRICS.roundsCompleted, Unit: 'Count' },
            { Name: METRICS.roundIncomplete, Unit: 'Count' },
            { Name: METRICS.errorShare, Unit: 'None' },
            { Name: METRICS.missingResults, Unit: 'Count' },
          ],
        },
      ],
    },
    [METRICS.dimension]: stage,
    [METRICS.roundsCompleted]: m.finished ? 1 : 0,
    [METRICS.roundIncomplete]: m.missing > 0 ? 1 : 0,
    [METRICS.errorShare]: m.results ? m.errors / m.results : 0,
    [METRICS.missingResults]: m.missing,
    at,
  });
