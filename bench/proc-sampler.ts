import { readdirSync, readFileSync } from 'node:fs';

/** Peak resident memory of one matching process with its descendants (one Lambda environment), and CPU seconds. */
export interface TreeUsage {
  peakMb: number;
  cpuS: number;
}

const TICKS = 100;
const PAGE_KB = 4;

const stat = (pid: string): { ppid: string; cpu: number; rssKb: number } | null => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // Fields after the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14) … rss(21)
    return {
      ppid: f[1] ?? '',
      cpu: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICKS,
      rssKb: Number(f[21]) * PAGE_KB,
    };
  } catch {
    return null;
  }
};
const cmdline = (pid: string): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
};

/**
 * Samples /proc every 250 ms: for each process whose command line matches `match` (a Lambda environment of the
 * bench), the resident memory of it and its descendants (its Chromium browsers), and its CPU time, children it
 * reaped included (every browser is closed with its page, so its CPU lands in the environment's cutime).
 */
export function sampleTree(match: RegExp): { stop(): TreeUsage } {
  let peakKb = 0;
  const cpu = new Map<string, number>();
  const tick = () => {
    const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
    const stats = new Map(pids.map((p) => [p, stat(p)] as const));
    const children = new Map<string, string[]>();
    for (const [p, st] of stats) if (st) children.set(st.ppid, [...(children.get(st.ppid) ?? []), p]);
    for (const p of pids) {
      if (!match.test(cmdline(p))) continue;
      let kb = 0;
      const todo = [p];
      while (todo.length) {
        const q = todo.pop()!;
        kb += stats.get(q)?.rssKb ?? 0;
        todo.push(...(children.get(q) ?? []));
      }
      peakKb = Math.max(peakKb, kb);
      cpu.set(p, Math.max(cpu.get(p) ?? 0, stats.get(p)?.cpu ?? 0));
    }
  };
  const timer = setInterval(tick, 250);
  const start = new Map<string, number>();
  tick();
  for (const [p, c] of cpu) start.set(p, c);
  return {
    stop: () => {
      clearInterval(timer);
      tick();
      const cpuS = [...cpu].reduce((s, [p, c]) => s + c - (start.get(p) ?? 0), 0);
      return { peakMb: peakKb / 1024, cpuS };
    },
  };
}
