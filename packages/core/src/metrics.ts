/**
 * The CloudWatch metrics finalize emits (Embedded Metric Format, functions/shared/metrics.ts) and the alarms
 * watch (stacks/Alarms.ts): names written once. Namespace `dvcwatch`, one dimension `Stage` (the SST stage).
 * - `RoundsCompleted` (Count): 1 when a round is finalized, whatever its results.
 * - `RoundIncomplete` (Count): 1 when finalize had to record missing agencies as `error`, else 0.
 * - `ErrorShare` (None): results with status `error` divided by agencies in the round, 0–1.
 * - `MissingResults` (Count): agencies recorded as `error` at the deadline.
 * Pure, no imports: the stacks may import it (`@dvcwatch/core/metrics`).
 */
export const METRICS = {
  namespace: 'dvcwatch',
  dimension: 'Stage',
  roundsCompleted: 'RoundsCompleted',
  roundIncomplete: 'RoundIncomplete',
  errorShare: 'ErrorShare',
  missingResults: 'MissingResults',
} as const;
