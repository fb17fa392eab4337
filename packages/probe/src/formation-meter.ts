import { othersCpuMs, readTreeCpu, type TreeCpu } from './tree-cpu.js';

/** How often the tree's CPU is read while a load's numbers form: finer than the 10 ms ticks are not useful. */
export const SAMPLE_EVERY_MS = 100;

/**
 * Measures the CPU the rest of a probe invocation uses while one timed load's numbers form (timing-lane.ts): from
 * its main document's answer until its last paint or readiness. The tree is read at the start and every 100 ms;
 * once the page is read and the time of its last number is known, the window ends at the first reading after it.
 * The page's quiet period after its last paint (the settle) is not counted: nothing of it can move a number
 * already emitted.
 */
export class FormationMeter {
  private readonly samples: { at: number; cpu: TreeCpu }[] = [];
  private timer: NodeJS.Timeout | undefined;

  /** `browserPid`: the load's own browser, whose CPU is its own. */
  constructor(private readonly browserPid: number | undefined) {}

  /** The main document answered. */
  start(): void {
    if (this.timer || this.samples.length > 0) return;
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_EVERY_MS);
    this.timer.unref?.();
  }

  /** Takes a reading now (the load leaves the CPU to the next: its window must be able to end here). */
  mark(): void {
    if (this.timer) this.sample();
  }

  /**
   * Stops; the CPU milliseconds the rest of the tree used from the start to `lastNumberAt` (performance.now() time;
   * null: to now). Null when nothing was measured (never started, /proc unreadable, the browser gone).
   */
  stop(lastNumberAt: number | null): number | null {
    clearInterval(this.timer);
    this.timer = undefined;
    const first = this.samples[0];
    if (!first) return null;
    this.sample();
    const end = (lastNumberAt === null ? undefined : this.samples.find((s) => s.at >= lastNumberAt)) ?? this.samples.at(-1);
    this.samples.length = 0;
    return othersCpuMs(first.cpu, end?.cpu ?? null);
  }

  private sample(): void {
    const cpu = readTreeCpu(this.browserPid);
    if (cpu) this.samples.push({ at: performance.now(), cpu });
  }
}
