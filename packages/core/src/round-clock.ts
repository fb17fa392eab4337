/**
 * The round clock, in one place: a round starts at the top of every hour (UTC), is keyed by that hour, and every
 * deadline is an offset from the round's start. The schedules (stacks/Monitor.ts), dispatch, finalize and the
 * local scheduler all read these. Pure, no imports: the stacks may import it (`@dvcwatch/core/round-clock`).
 */

/** Minute of the hour at which a round starts. Rounds are keyed by the hour, so it must be 0. */
export const ROUND_START_MINUTE = 0;
/** Minutes after the round's start at which finalize records every missing agency as `error`. */
export const ROUND_DEADLINE_MINUTES = 50;

const HOUR_MS = 3_600_000;

/** EventBridge schedule expressions (UTC). `rate(1 hour)` would start at the deploy's minute, not at the hour. */
export const ROUND_SCHEDULES = {
  round: `cron(${ROUND_START_MINUTE} * * * ? *)`,
  deadline: `cron(${ROUND_START_MINUTE + ROUND_DEADLINE_MINUTES} * * * ? *)`,
} as const;

/** The round a time belongs to: the top of its hour (UTC), so every agency's rows line up. */
export const roundOf = (time: string): string => new Date(Math.floor(Date.parse(time) / HOUR_MS) * HOUR_MS).toISOString();

/** When a round's deadline falls. */
export const roundDeadline = (at: string): string => new Date(Date.parse(at) + ROUND_DEADLINE_MINUTES * 60_000).toISOString();

/** The round whose deadline a scheduled deadline event (its `time`) marks. */
export const roundOfDeadline = (time: string): string =>
  roundOf(new Date(Date.parse(time) - ROUND_DEADLINE_MINUTES * 60_000).toISOString());
