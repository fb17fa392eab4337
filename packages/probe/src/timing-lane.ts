/**
 * The timing lane: a timed page load (home, form, their confirmations) never shares the CPU with another page
 * load of the product (issue 19). As Lighthouse refuses to run two audits on one machine at once, a timed load
 * takes the lane exclusively: gathering pages (the check catalogue, any agency's) are not started while a timed
 * load runs or waits, and the timed load starts once the gathering pages already open have closed. Timed loads run
 * one at a time, in the order they asked. One lane per process: the local round's pool and each probe Lambda
 * invocation use it alike, through `probePage` and `PageSession.withPage`.
 */
export class TimingLane {
  private gathering = 0;
  private timing = false;
  private readonly timedQueue: (() => void)[] = [];
  private readonly gatherQueue: (() => void)[] = [];

  /**
   * Runs a timed load alone. Waits at most `maxWaitMs` for the lane; past that it runs anyway and says so
   * (`alone: false`), so a job's time budget is never spent waiting: such a load counts as timed under contention.
   */
  async timed<T>(fn: () => Promise<T>, maxWaitMs: number): Promise<{ value: T; waitedMs: number; alone: boolean }> {
    const asked = performance.now();
    const alone = await this.enterTimed(maxWaitMs);
    const waitedMs = Math.round(performance.now() - asked);
    try {
      return { value: await fn(), waitedMs, alone };
    } finally {
      if (alone) this.leaveTimed();
    }
  }

  /** Runs a gathering page once no timed load runs or waits. */
  async gather<T>(fn: () => Promise<T>): Promise<T> {
    // The waker counts a woken page as gathering before it resumes, so no timed load slips in between.
    if (this.timing || this.timedQueue.length > 0) await new Promise<void>((r) => this.gatherQueue.push(r));
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
    return { timing: this.timing, waiting: this.timedQueue.length, gathering: this.gathering };
  }

  private enterTimed(maxWaitMs: number): Promise<boolean> {
    if (!this.timing && this.gathering === 0 && this.timedQueue.length === 0) {
      this.timing = true;
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const turn = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(
        () => {
          const i = this.timedQueue.indexOf(turn);
          if (i >= 0) this.timedQueue.splice(i, 1);
          resolve(false);
          this.wake();
        },
        Math.max(0, maxWaitMs),
      );
      timer.unref?.();
      this.timedQueue.push(turn);
    });
  }

  private leaveTimed(): void {
    this.timing = false;
    this.wake();
  }

  /** Hands the lane on: the next timed load once nothing else runs, else every waiting gathering page. */
  private wake(): void {
    if (this.timing) return;
    const next = this.timedQueue[0];
    if (next) {
      if (this.gathering > 0) return;
      this.timedQueue.shift();
      this.timing = true;
      next();
      return;
    }
    for (const go of this.gatherQueue.splice(0)) {
      this.gathering += 1;
      go();
    }
  }
}

/** The process's lane (one per process: every prober of the process shares it). */
export const PROCESS_TIMING_LANE = new TimingLane();
