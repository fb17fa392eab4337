import { type ActiveMarks, type TimedOutcome, TimingLane } from '@dvcwatch/probe';

/** The behaviour before the timing lane (issue 19), for benchmarks: timed loads and gathering pages all run at once. */
export class SharedLane extends TimingLane {
  override async timed<T>(fn: (marks: ActiveMarks) => Promise<T>): Promise<TimedOutcome<T>> {
    return { value: await fn({ begin: () => {}, end: () => {} }), waitedMs: 0, alone: true, overlapped: false };
  }
  override gather<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }
}
