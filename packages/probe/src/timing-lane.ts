import { CpuTurns } from './cpu-turns.js';

/**
 * The timing lane: a timed page load (home, form, their confirmations) never shares the CPU with another page
 * load of the product (issue 19). As Lighthouse refuses to run two audits on one machine at once, timed loads take
 * the lane before gathering pages: gathering pages (the check catalogue, any agency's) are not started while a
 * timed load runs or waits, and a timed load starts once the gathering pages already open have closed. One lane per
 * process: the local round's pool and each probe Lambda invocation use it alike, through `probePage` and
 * `PageSession.withPage`.
 *
 * `overlap` timed loads may run at once (issue 21: a probe invocation is not idle while portals make it wait; issue
 * 19: nor while a page sits out its settle). Each timed load marks its busy phases (`ActiveMarks`: the browser's
 * launch, the page's rendering from its answer to its close, the calibrations). With `overlap` above 1 they also
 * take turns on the CPU: a load `hold`s it for its launch and navigation, its rendering until it has painted and
 * been quiet, its reading, screenshot and close, and its calibrations, and `release`s it for the rest of its settle,
 * an idle wait; `hold` first waits, within a bound, while another load holds it. A load whose answer has not come
 * yet holds it at most `navigationHoldMs` (a portal that makes it wait longer lets the others go). What decides
 * whether a load's numbers are clean is the CPU the other page loads actually used while they formed, measured from
 * /proc (`measured`, tree-cpu.ts): above OTHERS_CPU_TOLERANCE_MS it is `overlapped`, and the probe times it again
 * with `exclusive`, alone in the lane. A late paint in the released part of the settle is therefore still caught.
 * Where that cannot be measured (not Linux), a load whose busy phase met another's counts as overlapped. With
 * `overlap` 1 timed loads run one at a time and never overlap.
 */
export interface ActiveMarks {
  /** A busy phase of this load begins (phases may nest). */
  begin(): void;
  /** It ends. */
  end(): void;
  /** Other timed loads may run beside this one: its numbers' formation is measured (`measured`). */
  readonly measuring: boolean;
  /** Takes the CPU for this load's next phase: waits, at most `maxMs`, while another load holds it (no-op if held). */
  hold(maxMs: number): Promise<void>;
  /** The load is waiting for its main document's answer: others wait for it at most the lane's `navigationHoldMs`. */
  navigating(): void;
  /** Its answer came: it holds the CPU again in full (rendering), whether it held it before or not. */
  rendering(): void;
  /** It leaves the CPU to the others (an idle wait). */
  release(): void;
  /**
   * The CPU milliseconds the other page loads used while this load's numbers formed; null: they formed but could not
   * be measured (the load is judged by its busy phases, as where nothing can be measured).
   */
  measured(othersCpuMs: number | null): void;
}

/**
 * CPU the other page loads of a probe invocation may use while a load's numbers form, with those numbers still
 * clean: at most that much of the CPU beside its rendering, a quarter of the LCP and readiness truth windows (+400 ms) and
 * below the TTFB one (+150 ms) (dvcwatch's choice, checked by `npm run bench:cost` against the timing fixtures).
 */
export const OTHERS_CPU_TOLERANCE_MS = 100;

/** How a timed load ran. */
export interface TimedOutcome<T> {
  value: T;
  waitedMs: number;
  /** It had a place in the lane (false: it ran anyway after its longest wait, beside gathering pages). */
  alone: boolean;
  /** Its numbers are not clean: the other page loads took more than the tolerance while they formed. */
  overlapped: boolean;
  /** CPU milliseconds the other page loads used while its numbers formed (null: not measured). */
  othersCpuMs: number | null;
}

interface Entry {
  active: number;
  overlapped: boolean;
  othersCpuMs: number | null;
}

interface Waiter {
  exclusive: boolean;
  go: () => void;
}

export class TimingLane {
  private gathering = 0;
  private running = 0;
  private exclusiveRunning = false;
  private readonly timedQueue: Waiter[] = [];
  private readonly gatherQueue: (() => void)[] = [];
  private readonly entries = new Set<Entry>();
  private readonly turns: CpuTurns;

  /**
   * `overlap`: timed loads that may run at once (1: one at a time). `navigationHoldMs`: how long the others wait for
   * a load whose answer has not come (cpu-turns.ts; 0: not at all, as on Lambda, where portals make a load wait seconds).
   */
  constructor(
    readonly overlap = 1,
    navigationHoldMs = 0,
  ) {
    this.turns = new CpuTurns(navigationHoldMs);
  }

  /**
   * Runs a timed load in the lane. Waits at most `maxWaitMs` for a place; past that it runs anyway and says so
   * (`alone: false`), so a job's time budget is never spent waiting: such a load counts as timed under contention.
   * `exclusive`: no other timed load runs beside it (a load timed again after it overlapped another).
   */
  async timed<T>(fn: (marks: ActiveMarks) => Promise<T>, maxWaitMs: number, exclusive = false): Promise<TimedOutcome<T>> {
    const asked = performance.now();
    const alone = await this.enterTimed(exclusive, maxWaitMs);
    const waitedMs = Math.round(performance.now() - asked);
    const entry: Entry = { active: 0, overlapped: false, othersCpuMs: null };
    this.entries.add(entry);
    const turn = this.turns.join();
    const marks: ActiveMarks = {
      measuring: this.overlap > 1,
      hold: (maxMs) => this.turns.hold(turn, maxMs),
      navigating: () => this.turns.navigating(turn),
      rendering: () => this.turns.rendering(turn),
      release: () => this.turns.release(turn),
      measured: (ms) => {
        entry.othersCpuMs = ms;
      },
      begin: () => {
        if (entry.active++ > 0) return;
        for (const other of this.entries)
          if (other !== entry && other.active > 0) {
            other.overlapped = true;
            entry.overlapped = true;
          }
      },
      end: () => {
        entry.active = Math.max(0, entry.active - 1);
      },
    };
    try {
      const value = await fn(marks);
      const overlapped = entry.othersCpuMs === null ? entry.overlapped : entry.othersCpuMs > OTHERS_CPU_TOLERANCE_MS;
      return { value, waitedMs, alone, overlapped, othersCpuMs: entry.othersCpuMs };
    } finally {
      this.entries.delete(entry);
      this.turns.leave(turn);
      if (alone) this.leaveTimed(exclusive);
    }
  }

  /** Runs a gathering page once no timed load runs or waits. */
  async gather<T>(fn: () => Promise<T>): Promise<T> {
    // The waker counts a woken page as gathering before it resumes, so no timed load slips in between.
    if (this.running > 0 || this.timedQueue.length > 0) await new Promise<void>((r) => this.gatherQueue.push(r));
    else this.gathering += 1;
    try {
      return await fn();
    } finally {
      this.gathering -= 1;
      this.wake();
    }
  }

  /** Timed loads running or waiting, and gathering pages open (tests, logs). */
  state(): { timing: boolean; waiting: number; gathering: number } {
    return { timing: this.running > 0, waiting: this.timedQueue.length, gathering: this.gathering };
  }

  private canEnter(exclusive: boolean): boolean {
    if (this.gathering > 0 || this.exclusiveRunning) return false;
    return exclusive ? this.running === 0 : this.running < Math.max(1, this.overlap);
  }

  private take(exclusive: boolean): void {
    this.running += 1;
    if (exclusive) this.exclusiveRunning = true;
  }

  private enterTimed(exclusive: boolean, maxWaitMs: number): Promise<boolean> {
    if (this.timedQueue.length === 0 && this.canEnter(exclusive)) {
      this.take(exclusive);
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        exclusive,
        go: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(
        () => {
          const i = this.timedQueue.indexOf(waiter);
          if (i >= 0) this.timedQueue.splice(i, 1);
          resolve(false);
          this.wake();
        },
        Math.max(0, maxWaitMs),
      );
      timer.unref?.();
      this.timedQueue.push(waiter);
    });
  }

  private leaveTimed(exclusive: boolean): void {
    this.running -= 1;
    if (exclusive) this.exclusiveRunning = false;
    this.wake();
  }

  /** Hands the lane on: the next timed loads, in order, while they fit; once none runs or waits, the gathering pages. */
  private wake(): void {
    for (let next = this.timedQueue[0]; next && this.canEnter(next.exclusive); next = this.timedQueue[0]) {
      this.timedQueue.shift();
      this.take(next.exclusive);
      next.go();
    }
    if (this.running > 0 || this.timedQueue.length > 0) return;
    for (const go of this.gatherQueue.splice(0)) {
      this.gathering += 1;
      go();
    }
  }
}

/** The process's lane (one per process: every prober of the process shares it; one timed load at a time). */
export const PROCESS_TIMING_LANE = new TimingLane();

/**
 * Timed loads of the local round at once (issue 19). Two: while one sits out its settle (500 ms after its load event,
 * the CPU idle), the next launches, navigates and renders; they take turns on the CPU (`hold`), and each load's
 * numbers are checked against what the other used (`measured`). Measured on 20 copies of the demo's good portal,
 * timed pass and next-hour round: 34 → 23 s, no load timed again (docs/benchmarks.md). It needs each load's browser
 * apart (chromium-launch.ts LOCAL_PROCESS_MODEL): in one shared browser the loads' CPU cannot be told apart.
 */
export const LOCAL_TIMED_OVERLAP = 2;

/**
 * How long the local round's other timed load waits for one whose answer has not come: a portal on the same
 * network answers within it, and the loads do not render at once; a slower one lets the other go.
 */
export const LOCAL_NAVIGATION_HOLD_MS = 1_000;

/** A lane for the local round (the CLI's, with single-process browsers). */
export const localTimingLane = (): TimingLane => new TimingLane(LOCAL_TIMED_OVERLAP, LOCAL_NAVIGATION_HOLD_MS);
