import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of a process tree, read from /proc (Linux, as on Lambda): the meter behind a timed load's `othersCpuMs`
 * (probe-page.ts, timing-lane.ts). A process's own time is `utime + stime`; the time of children it has reaped is
 * in its `cutime + cstime`, so a browser that closed during a window stays counted in its parent's total and the
 * tree's sum never jumps back.
 */
export interface TreeCpu {
  /** CPU milliseconds of the root (this process) and every live descendant, reaped children included. */
  treeMs: number;
  /** CPU milliseconds of the subtree rooted at `of` (one load's browser); null when it is not running. */
  ofMs: number | null;
  /**
   * CPU milliseconds this process has spent taking these readings, up to this one: the meter's own cost, which
   * grows with the number of processes and of loads measured at once, is not another load's contention.
   */
  readingMs: number;
}

/** CPU this process spent in `readTreeCpu` so far (all readings, every meter). */
let readingMsSoFar = 0;

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on every Linux architecture Lambda runs). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  ppid: number;
  ticks: number;
}

/** Fields after the command name (which may hold spaces and parentheses): state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14). */
export const parseStat = (text: string): ProcStat | null => {
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(f[1]);
  const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  return Number.isFinite(ppid) && Number.isFinite(ticks) ? { ppid, ticks } : null;
};

const readStat = (pid: string): ProcStat | null => {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    // The process ended between the listing and the read: its time is in its parent's cutime once reaped.
    return null;
  }
};

/** Sum of ticks of `root` and its descendants in a pid → stat table. */
const subtreeTicks = (root: number, stats: Map<number, ProcStat>, children: Map<number, number[]>): number | null => {
  if (!stats.has(root)) return null;
  let ticks = 0;
  const todo = [root];
  while (todo.length > 0) {
    const pid = todo.pop() as number;
    ticks += stats.get(pid)?.ticks ?? 0;
    todo.push(...(children.get(pid) ?? []));
  }
  return ticks;
};

/**
 * One reading of this process's tree and of the subtree of `of` (a browser's pid). Null where /proc cannot be read
 * (not Linux): the caller falls back to a coarser signal.
 */
export function readTreeCpu(of?: number, root = process.pid): TreeCpu | null {
  const started = process.cpuUsage();
  try {
    return readTree(of, root);
  } finally {
    const spent = process.cpuUsage(started);
    readingMsSoFar += (spent.user + spent.system) / 1000;
  }
}

function readTree(of: number | undefined, root: number): TreeCpu | null {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return null;
  }
  const stats = new Map<number, ProcStat>();
  const children = new Map<number, number[]>();
  for (const name of names) {
    if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
    const st = readStat(name);
    if (!st) continue;
    const pid = Number(name);
    stats.set(pid, st);
    const siblings = children.get(st.ppid);
    if (siblings) siblings.push(pid);
    else children.set(st.ppid, [pid]);
  }
  if (!stats.has(root)) return null;
  const ms = (ticks: number | null) => (ticks === null ? null : (ticks * 1000) / TICKS_PER_SECOND);
  return {
    treeMs: ms(subtreeTicks(root, stats, children)) ?? 0,
    ofMs: of === undefined ? null : ms(subtreeTicks(of, stats, children)),
    readingMs: readingMsSoFar,
  };
}

/**
 * CPU milliseconds the rest of the tree used between two readings, the readings' own cost left out (null when
 * either, or the browser, is missing).
 */
export const othersCpuMs = (before: TreeCpu | null, after: TreeCpu | null): number | null =>
  before?.ofMs != null && after?.ofMs != null
    ? Math.max(0, after.treeMs - before.treeMs - (after.ofMs - before.ofMs) - (after.readingMs - before.readingMs))
    : null;
