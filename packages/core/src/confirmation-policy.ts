/**
 * How a page's verdict is confirmed, written once. Used by the probe's re-probe loop (runner/probe-agency.ts), the
 * replayed rounds (runner/replay-scenario.ts), the other vantages (runner/vantages.ts) and the worst-case budget
 * (probe-budget.ts, which sizes the probe Lambda). Pure, with no runtime imports: the stacks may import it through
 * `@dvcwatch/core/probe-budget`.
 *
 * - A page that ANSWERED but was slow (a threshold breached) is measured once per round. The registry's
 *   `alerts.confirmRounds` confirms a breach over consecutive rounds (core/alert-policy.ts): a second look within
 *   seconds at a slow page mostly buys a second slow answer, billed while the probe sleeps.
 * - A page that FAILED (a network error, a timeout, HTTP ≥ 500) is re-probed within the round, up to `attempts`
 *   times, `delayMs × i` before attempt i: there a second look within seconds separates a blip from an outage.
 * - Deterministic refusals (HTTP 4xx, a WAF's 403/429/captcha, a certificate error, the request guard, a redirect
 *   loop, a download, an oversized page, a popup storm) and the monitor's own failures (`error`) are not re-probed:
 *   the answer would not change within seconds.
 * - A page still failing after its re-probes is looked at from the other vantages (core/vantage.ts), each with the
 *   same re-probes; on AWS those are agents fed by a queue (nothing added to the probe's time), locally they run in
 *   the round and add at most `vantageWorstCaseMs` to the agency's time.
 */

/**
 * How a slow but answering page is confirmed. `rounds` (the default): by the alert policy's `confirmRounds`, one
 * look per round. `in-round`: the rule before issue 21 — every failure and every breach re-probed within the round
 * (kept selectable so `npm run bench:cost` can price the old rule beside the new one).
 */
export type SlowConfirmation = 'rounds' | 'in-round';

/** The settings the policy is made of (the registry's `defaults.probe`). */
export interface ConfirmationSettings {
  /** Default `rounds`. */
  confirmSlow?: SlowConfirmation;
  /** In-round re-probes of a failed page (0–2). */
  confirmAttempts: number;
  /** Base delay between re-probes: attempt i waits `confirmDelayMs × i`. */
  confirmDelayMs: number;
}

/** The part of a page's classification the policy reads (core/classify.ts's Failure; null: answered normally). */
export interface SeenFailure {
  status: string;
  reason: string | null;
}

/** Failure reasons that a second look within the round may not see again: network errors, timeouts, HTTP ≥ 500. */
export const REPROBED_REASONS: ReadonlySet<string> = new Set(['timeout', 'dns', 'refused', 'reset', 'network', 'http-5xx']);

/** One object for the confirmation rules: what is re-probed in the round, when, and what it costs at worst. */
export interface ConfirmationPolicy {
  /** Re-probes of a failed page within the round. */
  readonly attempts: number;
  /** How a slow but answering page is confirmed (`rounds`: by the alert policy's `confirmRounds`, never in-round). */
  readonly slowPages: SlowConfirmation;
  /**
   * Whether a page seen so (classifyPage's answer, null when it answered normally; `breached`: it answered over a
   * threshold) is probed again in the round.
   */
  reprobes(failure: SeenFailure | null, breached?: boolean, shared?: boolean): boolean;
  /**
   * Whether the loop may go on after `done` re-probes of a page seen so. `shared`: the load could not have the
   * timing lane to itself (probe/timing-lane.ts), so its timings are not the portal's: it is timed again.
   */
  another(done: number, failure: SeenFailure | null, breached?: boolean, shared?: boolean): boolean;
  /**
   * Whether look `i` (1-based) of a page takes the timing lane alone. A failure's re-probe (`reprobe`) never needs
   * to; a load timed again because it shared the lane does on the round's last look, so the number kept is clean,
   * and before that goes beside the others, judged the same way (a load alone first drains the lane).
   */
  alone(i: number, reprobe: boolean): boolean;
  /** Wait before re-probe `i` (1-based). */
  delayBeforeMs(i: number): number;
  /** Sum of every delay a page may wait through. */
  readonly delaysMs: number;
  /** Worst case of one page: every attempt at its limit, each with two close timeouts, and the delays. */
  pageWorstCaseMs(pageTimeoutMs: number, closeTimeoutMs: number): number;
  /** Worst case of a look from another vantage (home page only, same re-probes), plus its slack. */
  vantageWorstCaseMs(pageTimeoutMs: number): number;
}

/** Slack a local vantage gets beyond its pages and delays (its own browser context opening and closing). */
export const VANTAGE_SLACK_MS = 5_000;

/** The confirmation policy for a registry's probe settings. */
export function confirmationPolicy(s: ConfirmationSettings): ConfirmationPolicy {
  const attempts = Math.max(0, Math.floor(s.confirmAttempts));
  const delayBeforeMs = (i: number) => s.confirmDelayMs * i;
  const delaysMs = (s.confirmDelayMs * attempts * (attempts + 1)) / 2;
  const slowPages = s.confirmSlow ?? 'rounds';
  const reprobes = (failure: SeenFailure | null, breached = false, shared = false): boolean =>
    shared ||
    (slowPages === 'in-round'
      ? failure?.status === 'down' || breached
      : failure !== null && failure.status === 'down' && failure.reason !== null && REPROBED_REASONS.has(failure.reason));
  return {
    attempts,
    slowPages,
    reprobes,
    another: (done, failure, breached, shared) => done < attempts && reprobes(failure, breached, shared),
    alone: (i, reprobe) => !reprobe && i >= attempts,
    delayBeforeMs,
    delaysMs,
    pageWorstCaseMs: (pageTimeoutMs, closeTimeoutMs) => (1 + attempts) * (pageTimeoutMs + 2 * closeTimeoutMs) + delaysMs,
    vantageWorstCaseMs: (pageTimeoutMs) => (1 + attempts) * pageTimeoutMs + delaysMs + VANTAGE_SLACK_MS,
  };
}
