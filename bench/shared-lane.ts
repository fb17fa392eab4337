import { type ActiveMarks, type TimedOutcome, TimingLane } from '@dvcwatch/probe';

/** The behaviour before the timing lane (issue 19), for benchmarks: timed loads and gathering pages all run at once. */
export class SharedLane extends TimingLane {
  override async timed<T>(fn: (marks: ActiveMarks) => Promise<T>): Promise<TimedOutcome<T>> {
    const marks: ActiveMarks = {
      begin: () => {},
      end: () => {},
      measuring: false,
      hold: async () => {},
      navigating: () => {},
      rendering: () => {},
      release: () => {},
      measured: () => {},
    };
    return { value: await fn(marks), waitedMs: 0, alone: true, overlapped: false, othersCpuMs: null };
  }
  override gather<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }
}
