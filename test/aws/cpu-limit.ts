import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Lambda gives a function one vCPU at 1,769 MB and CPU in proportion to its memory below and above that. */
export const MB_PER_VCPU = 1_769;

/** The vCPUs Lambda gives a function of `memoryMb`. */
export const vcpusOf = (memoryMb: number): number => memoryMb / MB_PER_VCPU;

const PERIOD_US = 100_000;

/** The cgroup cpu controller: v1's own hierarchy, or v2's unified one where it offers `cpu`; null without either. */
const controller = (): { root: string; quotaFile: string } | null => {
  if (existsSync('/sys/fs/cgroup/cpu/cpu.cfs_quota_us')) return { root: '/sys/fs/cgroup/cpu', quotaFile: 'cpu.cfs_quota_us' };
  try {
    const offered = readFileSync('/sys/fs/cgroup/cgroup.subtree_control', 'utf8').split(/\s+/);
    return offered.includes('cpu') ? { root: '/sys/fs/cgroup', quotaFile: 'cpu.max' } : null;
  } catch {
    return null;
  }
};

/** Whether this machine lets the stand-in cap a process tree's CPU (a group it may create, with a quota: root). */
export function canLimitCpu(): boolean {
  const c = controller();
  if (!c) return false;
  const dir = join(c.root, `dvcwatch-probe-${process.pid}`);
  try {
    mkdirSync(dir);
    const usable = existsSync(join(dir, c.quotaFile));
    rmdirSync(dir);
    return usable;
  } catch {
    return false;
  }
}

/**
 * Caps the CPU of process `pid` and of every process it starts from then on (Chromium) at `vcpus`, as Lambda's
 * scheduler caps an execution environment: a cgroup with a CFS quota of `vcpus` × its period. Returns the release,
 * which removes the group once its processes are gone.
 */
export function limitCpu(pid: number, name: string, vcpus: number): () => void {
  const c = controller();
  if (!c) throw new Error('no cgroup cpu controller to cap a Lambda environment with (see canLimitCpu)');
  const dir = join(c.root, `dvcwatch-${name}-${pid}`);
  mkdirSync(dir, { recursive: true });
  const quota = Math.round(vcpus * PERIOD_US);
  if (c.quotaFile === 'cpu.cfs_quota_us') {
    writeFileSync(join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
    writeFileSync(join(dir, c.quotaFile), String(quota));
  } else writeFileSync(join(dir, c.quotaFile), `${quota} ${PERIOD_US}`);
  // cgroup.procs moves every thread of the process; children started later are born in the group.
  writeFileSync(join(dir, 'cgroup.procs'), String(pid));
  return () => {
    try {
      rmdirSync(dir);
    } catch {
      // Still in use (a browser not yet reaped) or gone: the group is empty and harmless.
    }
  };
}

/**
 * Runs every thread of process `pid`, and every process it starts from then on, on `cpus` (as `taskset` names
 * them: "0", "1-3"). Throws naming the CPUs when `taskset` refuses them.
 */
export function pinCpus(pid: number, cpus: string): void {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
  } catch (e) {
    throw new Error(`could not pin process ${pid} to CPUs ${cpus} with taskset (util-linux)`, { cause: e });
  }
}

/** Whether `taskset` is there to pin processes with. */
export function canPinCpus(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
