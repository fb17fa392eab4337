/**
 * Timed loads running at once taking turns on the CPU (timing-lane.ts, issue 19): a load holds the CPU for its busy
 * phases and releases it while it waits idle (the rest of its settle), and `hold` waits, within a bound, while
 * another load holds it. The check and the taking happen in one turn of the event loop, so two loads waiting never
 * both see the CPU free.
 */
export interface Turn {
  /** Holds the CPU: `busy`, or `navigating` (waiting for its answer) since `since` (performance.now() time). */
  holding: null | 'busy' | 'navigating';
  since: number;
}

export class CpuTurns {
  private readonly turns = new Set<Turn>();
  private readonly waiters = new Set<() => void>();

  /**
   * `navigationHoldMs`: how long the others wait for a load whose answer has not come (0: not at all, as on Lambda,
   * where portals make a load wait seconds).
   */
  constructor(readonly navigationHoldMs = 0) {}

  /** A load joins (holding nothing yet). */
  join(): Turn {
    const turn: Turn = { holding: null, since: 0 };
    this.turns.add(turn);
    return turn;
  }

  /** It has ended: whatever it held is free. */
  leave(turn: Turn): void {
    this.turns.delete(turn);
    this.wake();
  }

  /**
   * Resolves once no other load holds the CPU (a navigating one counts for `navigationHoldMs`), or after `maxMs`;
   * then `self` holds it (no wait if it holds it already; a load still navigating waits like any other).
   */
  async hold(self: Turn, maxMs: number): Promise<void> {
    if (self.holding === 'busy') return;
    const until = performance.now() + maxMs;
    for (;;) {
      const now = performance.now();
      /** When the last holder stops counting (Infinity: a busy holder; null: nobody holds). */
      let free: number | null = null;
      for (const t of this.turns) {
        if (t === self || !t.holding) continue;
        const end = t.holding === 'busy' ? Number.POSITIVE_INFINITY : t.since + this.navigationHoldMs;
        if (end > now) free = Math.max(free ?? 0, end);
      }
      if (free === null || now >= until) break;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(until, free as number) - now);
        timer.unref?.();
        this.waiters.add(done);
      });
    }
    self.holding = 'busy';
  }

  /** The load waits for its main document's answer: the others wait for it at most `navigationHoldMs`. */
  navigating(turn: Turn): void {
    if (!turn.holding) return;
    turn.holding = 'navigating';
    turn.since = performance.now();
    this.wake();
  }

  /** Its answer came: it holds the CPU in full (rendering), whether it held it before or not. */
  rendering(turn: Turn): void {
    turn.holding = 'busy';
  }

  /** It leaves the CPU to the others (an idle wait). */
  release(turn: Turn): void {
    turn.holding = null;
    this.wake();
  }

  private wake(): void {
    for (const done of [...this.waiters]) done();
  }
}
