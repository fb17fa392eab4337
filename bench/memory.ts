import { type MemorySample, sampleMemory } from '../test/aws/process-memory.js';

export type { MemorySample };

/** Samples every `everyMs` until stopped; returns the peaks. */
export function memoryPeaks(everyMs = 250): { stop(): MemorySample } {
  const peak: MemorySample = { rssMb: 0, pssMb: 0, processes: 0 };
  const take = () => {
    const s = sampleMemory();
    peak.rssMb = Math.max(peak.rssMb, s.rssMb);
    peak.pssMb = Math.max(peak.pssMb, s.pssMb);
    peak.processes = Math.max(peak.processes, s.processes);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return { ...peak };
    },
  };
}
