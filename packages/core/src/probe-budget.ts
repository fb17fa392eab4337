/**
 * One agency's worst case, computed once from the probe's own limits: the probe Lambda's timeout, the queue's
 * visibility timeout (stacks/Monitor.ts) and the runner's per-agency budget (runner/run-agency.ts) all derive
 * from here. Pure arithmetic whose only import is the (equally pure) confirmation policy, so the stacks may import
 * it (`@dvcwatch/core/probe-budget`).
 */
import { type ConfirmationSettings, confirmationPolicy } from './confirmation-policy.js';

/** The probe settings that bound one agency's time (the registry's `defaults.probe`). */
export interface ProbeTiming extends ConfirmationSettings {
  pageTimeoutMs: number;
}

/**
 * Defaults of the registry's `defaults.probe` timing. 20 s per page: Upptime and Checkly default to 30 s for a
 * whole check; a portal page slower than 20 s is down for a citizen anyway. A failed page is re-probed twice, 3 s
 * and 6 s apart; a slow one is confirmed over rounds (core/confirmation-policy.ts).
 */
export const DEFAULT_PROBE_TIMING: ProbeTiming = {
  pageTimeoutMs: 20_000,
  confirmAttempts: 2,
  confirmDelayMs: 3_000,
  confirmSlow: 'rounds',
};

/** A context or browser that does not close within this is killed (SIGKILL); paid at most twice per page. */
export const CLOSE_TIMEOUT_MS = 5_000;
/** The check catalogue's whole budget (probe/facts): gatherers not started by then stay unknown. */
export const CATALOGUE_DEADLINE_MS = 90_000;
/** The certificate read between catalogue runs (probe/facts/tls.ts). */
export const TLS_TIMEOUT_MS = 8_000;
/**
 * Storing the result, the day aggregate and the round marker, the evidence upload, and on Lambda Chromium's cold
 * start (unpacking ~200 MB to /tmp, measured by `npm run bench`): never part of a page's own limit.
 */
export const RECORD_MARGIN_MS = 30_000;

/**
 * Worst case of one agency's job, in ms: two pages (home, form), each at the confirmation policy's page worst case
 * (a failure re-probed `confirmAttempts` times at pageTimeoutMs, the browser launch inside a page's limit, two close
 * timeouts per attempt, the delays), the catalogue at its deadline (plus its last page's closes), the certificate
 * read, and the margin for recording. `extraMs` is for work a caller adds (a local vantage's look:
 * `confirmationPolicy(p).vantageWorstCaseMs`).
 */
export const agencyWorstCaseMs = (p: ProbeTiming, extraMs = 0): number => {
  const page = confirmationPolicy(p).pageWorstCaseMs(p.pageTimeoutMs, CLOSE_TIMEOUT_MS);
  return 2 * page + CATALOGUE_DEADLINE_MS + 2 * CLOSE_TIMEOUT_MS + TLS_TIMEOUT_MS + extraMs + RECORD_MARGIN_MS;
};

/**
 * The vantage wait: after a `down`, the probe waits this long at most for the agent vantages' observations
 * (runner/vantages.ts), so most rounds are decided by the probe that finishes last instead of at the deadline.
 * An agent takes a job by long polling (up to 20 s), then looks with its own re-probes (a reset or 5xx answers in
 * seconds; three timeouts take 70 s): 90 s covers all but the slowest. Kept as its own term of the probe's
 * timeout, on top of one agency's worst case.
 */
export const VANTAGE_WAIT_MS = 90_000;

/**
 * How long a probe invocation keeps taking further jobs from the queue once a place in its pool frees up (issue 21:
 * no idle invocation). An agency usually takes 15–40 s and its worst case about 6 min: without it, an invocation
 * of four agencies lasts as long as its slowest one while the other places wait, billed. Each further job starts
 * only while its whole worst case and the vantage wait still fit (`takesMoreWhileMs`).
 */
export const PROBE_TAKE_MORE_MS = 300_000;

/** A probe invocation takes another job from the queue only while this much of its time is left. */
export const takesMoreWhileMs = (p: ProbeTiming = DEFAULT_PROBE_TIMING): number => agencyWorstCaseMs(p) + VANTAGE_WAIT_MS;

/**
 * The probe function's timeout in whole seconds: the worst case of the default settings plus the vantage wait,
 * plus the time it keeps taking further jobs, rounded up to 30 s.
 */
export const probeTimeoutSeconds = (p: ProbeTiming = DEFAULT_PROBE_TIMING): number =>
  Math.ceil((takesMoreWhileMs(p) + PROBE_TAKE_MORE_MS) / 30_000) * 30;

/**
 * AWS Lambda developer guide ("Using Lambda with Amazon SQS"): set the queue's visibility timeout to at least six
 * times the function timeout, so a job is not handed out again while a throttled or retried invocation holds it.
 */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/**
 * Agencies one probe invocation measures at once (the SQS batch size and the invocation's pool, functions/probe.ts).
 * A portal page mostly keeps the probe waiting on the network (3–10 s from Singapore, a few hundred ms of CPU):
 * one agency per invocation bills that waiting in full. The agencies of a batch all start together, so the
 * invocation's worst case stays one agency's (each capped by the invocation's remaining time). Chosen from
 * `npm run bench:cost` (docs/cost.md): billed seconds per agency-round against the timing fixtures' truth.
 */
export const PROBE_AGENCIES_PER_INVOCATION = 4;

/**
 * Timed loads one probe invocation runs at once (the timing lane's `overlap`, probe/timing-lane.ts): one per agency
 * of the invocation, so a portal that keeps one load waiting on the network (3–10 s from Singapore, or a 20 s
 * timeout) does not keep the other agencies' loads waiting too. Whether a load's numbers stayed clean is measured:
 * the CPU the rest of the invocation used while they formed (probe/formation-meter.ts); above 100 ms the load is
 * timed again, beside the others, and the round's last look alone (runner/probe-agency.ts). Measured by
 * `npm run bench:cost` (docs/cost.md) once Chromium ran without its emulated GPU: at four, one load in eight to one in four
 * were timed again, every timing fixture stayed inside its window, and the probe billed less than one at a time.
 * `DVCWATCH_TIMED_OVERLAP` sets it per deployment (1: one at a time).
 */
export const PROBE_TIMED_OVERLAP = PROBE_AGENCIES_PER_INVOCATION;

/**
 * The probe's memory size: 1,769 MB, the smallest with one whole vCPU (Lambda gives CPU in proportion to memory,
 * one vCPU at 1,769 MB: AWS Lambda developer guide, "Configuring function memory"). Price × time, measured by
 * `npm run bench:cost` (docs/cost.md):
 * - above it, the time an invocation spends on the network does not shrink, and its CPU part shrinks at most in
 *   proportion to the price (2,048 MB: 1.16 vCPU for 1.16 times the price), so more memory never bills less;
 * - below it, Lambda's scheduler throttles the environment to a fraction of a core (a CFS quota): every timed load's
 *   renderer would be slowed by the monitor, not the portal, and read as contended (the calibration's CPU share);
 * - memory is not what binds: four agencies at once, each page in a single-process Chromium that serves up to six
 *   pages in turn, peaked below 800 MB (proportional set size of the environment with its browsers) in the bench.
 */
export const PROBE_MEMORY_MB = 1_769;
