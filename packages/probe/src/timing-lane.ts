/**
 * The timing lane: a timed page load (home, form, their confirmations) never shares the CPU with another page
 * load of the product (issue 19). As Lighthouse refuses to run two audits on one machine at once, timed loads take
 * the lane before gathering pages: gathering pages (the check catalogue, any agency's) are not started while a
 * timed load runs or waits, and a timed load starts once the gathering pages already open have closed. One lane per
 * process: the local round's pool and each probe Lambda invocation use it alike, through `probePage` and
 * `PageSession.withPage`.
 *
 * `overlap` timed loads may run at once (issue 21: a probe invocation is not idle while portals make it wait). A
 * timed load marks its busy phases (`ActiveMarks`: the browser's launch, the page's rendering from its answer to its
 * last reading, the close), the phases in which it uses the CPU; its network wait is not one. A load whose busy
 * phase met another load's busy phase is reported `overlapped`, and its numbers are not clean: the probe times it
 * again with `exclusive`, alone in the lane. With `overlap` 1 (the default, and locally) timed loads run one at a
 * time and never overlap.
 */
export interface ActiveMarks {
  /** A busy phase of this load begins (phases may nest). */
  begin(): void;
  /** It ends. */
  end(): void;
}

/** How a timed load ran. */
export interface TimedOutcome<T> {
  value: T;
  waitedMs: number;
  /** It had a place in the lane (false: it ran anyway after its longest wait, beside gathering pages). */
  alone: boolean;
  /** A busy phase of another timed load met one of its own. */
  overlapped: boolean;
}

interface Entry {
  active: number;
  overlapped: boolean;
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

  /** `overlap`: timed loads that may run at once (1: one at a time). */
  constructor(readonly overlap = 1) {}

  /**
   * Runs a timed load in the lane. Waits at most `maxWaitMs` for a place; past that it runs anyway and says so
   * (`alone: false`), so a job's time budget is never spent waiting: such a load counts as timed under contention.
   * `exclusive`: no other timed load runs beside it (a load timed again after it overlapped another).
   */
  async timed<T>(fn: (marks: ActiveMarks) => Promise<T>, maxWaitMs: number, exclusive = false): Promise<TimedOutcome<T>> {
    const asked = performance.now();
    const alone = await this.enterTimed(exclusive, maxWaitMs);
    const waitedMs = Math.round(performance.now() - asked);
    const entry: Entry = { active: 0, overlapped: false };
    this.entries.add(entry);
    const marks: ActiveMarks = {
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
      return { value, waitedMs, alone, overlapped: entry.overlapped };
    } finally {
      this.entries.delete(entry);
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
