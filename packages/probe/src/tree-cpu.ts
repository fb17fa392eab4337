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
   * The root's own CPU milliseconds (utime + stime, its reaped children apart): the monitor's own process, which
   * serves every load it drives (the guard proxy relays its bytes, the protocol client handles its events; locally
   * the fixture portal answers it) and takes these readings. That is not another page load's work.
   */
  rootOwnMs: number;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on every Linux architecture Lambda runs). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  ppid: number;
  /** utime + stime + cutime + cstime. */
  ticks: number;
  /** utime + stime. */
  own: number;
}

/** Fields after the command name (which may hold spaces and parentheses): state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14). */
export const parseStat = (text: string): ProcStat | null => {
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(f[1]);
  const own = Number(f[11]) + Number(f[12]);
  const ticks = own + Number(f[13]) + Number(f[14]);
  return Number.isFinite(ppid) && Number.isFinite(ticks) ? { ppid, ticks, own } : null;
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
    rootOwnMs: ms(stats.get(root)?.own ?? 0) ?? 0,
  };
}

/**
 * CPU milliseconds the other page loads of the tree used between two readings: the tree without the load's own
 * browser and without the monitor's own process (null when either reading, or the browser, is missing). Counting the
 * monitor's process made a load timed alone look contended: locally its own fixture portal, proxy and protocol
 * traffic took 20–95 ms of a 100 ms tolerance (issue 19).
 */
export const othersCpuMs = (before: TreeCpu | null, after: TreeCpu | null): number | null =>
  before?.ofMs != null && after?.ofMs != null
    ? Math.max(0, after.treeMs - before.treeMs - (after.ofMs - before.ofMs) - (after.rootOwnMs - before.rootOwnMs))
    : null;
