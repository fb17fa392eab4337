import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { othersCpuMs, parseStat, readTreeCpu } from '../../packages/probe/src/tree-cpu.js';

/** A child that uses one core for `busyMs`, then idles until killed. */
const hog = (busyMs: number): ChildProcess =>
  spawn(process.execPath, ['-e', `const t = Date.now(); while (Date.now() - t < ${busyMs}); setInterval(() => {}, 1000);`], {
    stdio: 'ignore',
  });

let child: ChildProcess | null = null;
let other: ChildProcess | null = null;
afterEach(() => {
  child?.kill('SIGKILL');
  other?.kill('SIGKILL');
  child = null;
  other = null;
});

describe('the CPU of the monitor’s process tree (issue 21: the finer contention signal)', () => {
  it('reads ppid and CPU ticks after a command name holding spaces and parentheses', () => {
    const stat = '4242 (Web (Content) x) S 17 4242 4242 0 -1 4194560 0 0 0 0 30 12 5 3 20 0 1 0 100 0 0';
    expect(parseStat(stat)).toEqual({ ppid: 17, ticks: 30 + 12 + 5 + 3, own: 30 + 12 });
  });

  it('counts a busy child in the tree and in its own subtree, and not in what the others used', async () => {
    // prepare: a child that burns 600 ms of CPU, read before and after
    child = hog(600);
    const pid = child.pid as number;
    await sleep(20);
    const before = readTreeCpu(pid);
    // act
    await sleep(900);
    const after = readTreeCpu(pid);
    // assess: the child's CPU is in the tree and in its subtree; the rest (this idle test) used little
    expect(before?.ofMs).not.toBeNull();
    expect((after?.ofMs ?? 0) - (before?.ofMs ?? 0)).toBeGreaterThan(300);
    expect((after?.treeMs ?? 0) - (before?.treeMs ?? 0)).toBeGreaterThan(300);
    expect(othersCpuMs(before, after)).toBeLessThan(200);
  });

  it('counts another load’s browser, and not the monitor’s own process (its readings and its own work)', async () => {
    // prepare: this load's browser (an idle child), another load's (a busy child), the first reading
    child = hog(0);
    other = hog(500);
    const pid = child.pid as number;
    await sleep(20);
    const before = readTreeCpu(pid);
    // act: the monitor's process works (readings as four meters take them, and a busy loop) while the other burns
    const spent = process.cpuUsage();
    let after = readTreeCpu(pid);
    for (let i = 0; i < 400; i++) after = readTreeCpu(pid);
    const t = performance.now();
    while (performance.now() - t < 200);
    await sleep(600);
    after = readTreeCpu(pid);
    const used = process.cpuUsage(spent);
    const ownMs = (used.user + used.system) / 1000;
    // assess: the monitor's process took real CPU (past the tolerance), none of it counted; the other load's is
    expect(ownMs).toBeGreaterThan(300);
    expect((after?.rootOwnMs ?? 0) - (before?.rootOwnMs ?? 0)).toBeGreaterThan(250);
    const others = othersCpuMs(before, after) ?? 0;
    expect(others).toBeGreaterThan(300);
    expect(others).toBeLessThan(700);
  });

  it('keeps another load’s browser counted after it ended and was reaped; gives no figure without the load’s browser', async () => {
    // prepare: this load's browser (an idle child) and another load's (a busy child), the first readings
    child = hog(0);
    other = hog(600);
    const pid = child.pid as number;
    await sleep(20);
    const before = readTreeCpu(pid);
    const wholeBefore = readTreeCpu(process.pid);
    await sleep(900);
    const during = readTreeCpu(pid);
    // act: the other browser ends and is reaped (its CPU moves to this process's cutime)
    const exited = new Promise((r) => other?.once('exit', r));
    other.kill('SIGKILL');
    await exited;
    await sleep(50);
    const after = readTreeCpu(pid);
    // assess: the reaped browser's CPU still counts as the others' (the monitor's own utime and stime alone are left
    // out, not what it reaped); of=process.pid is the whole tree, so nothing is "others"; a missing browser gives no
    // figure at all
    const counted = othersCpuMs(before, during) ?? 0;
    expect(counted).toBeGreaterThan(300);
    expect(othersCpuMs(before, after) ?? 0).toBeGreaterThanOrEqual(counted - 20);
    expect(othersCpuMs(wholeBefore, readTreeCpu(process.pid))).toBe(0);
    expect(othersCpuMs(readTreeCpu(999_999_999), readTreeCpu(999_999_999))).toBeNull();
  });
});
