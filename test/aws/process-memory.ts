import { readdirSync, readFileSync } from 'node:fs';
import { parseStat } from '../../packages/probe/src/tree-cpu.js';

/** Memory of a process and all its descendants (an execution environment and its Chromium processes), in MB. */
export interface MemorySample {
  /** Sum of VmRSS: overcounts pages shared between Chromium processes. */
  rssMb: number;
  /** Sum of Pss (proportional set size, shared pages split between sharers): the fairer total. */
  pssMb: number;
  processes: number;
}

const read = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

const kb = (text: string | null, field: string): number => {
  const m = text?.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return m ? Number(m[1]) : 0;
};

/** Pids of `root` and every descendant, from /proc/<pid>/stat (Linux only). */
export function family(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    const ppid = stat ? parseStat(stat)?.ppid : undefined;
    if (ppid !== undefined) parent.set(Number(name), ppid);
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, pp] of parent) if (pp === out[i]) out.push(pid);
  return out;
}

/** One reading of a process tree's memory. */
export function sampleMemory(root = process.pid): MemorySample {
  let rss = 0;
  let pss = 0;
  const pids = family(root);
  for (const pid of pids) {
    rss += kb(read(`/proc/${pid}/status`), 'VmRSS');
    pss += kb(read(`/proc/${pid}/smaps_rollup`), 'Pss');
  }
  return { rssMb: rss / 1024, pssMb: pss / 1024, processes: pids.length };
}
