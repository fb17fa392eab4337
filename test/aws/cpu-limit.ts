import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Lambda gives a function one vCPU at 1,769 MB and CPU in proportion to its memory below and above that. */
export const MB_PER_VCPU = 1_769;

/** The vCPUs Lambda gives a function of `memoryMb`. */
export const vcpusOf = (memoryMb: number): number => memoryMb / MB_PER_VCPU;

const V1 = '/sys/fs/cgroup/cpu';
const V2 = '/sys/fs/cgroup';
const PERIOD_US = 100_000;

/** Whether this machine lets the stand-in cap a process tree's CPU (a writable cgroup cpu controller: root). */
export function canLimitCpu(): boolean {
  try {
    if (existsSync(join(V1, 'cpu.cfs_quota_us'))) return probeDir(V1);
    const controllers = readFileSync(join(V2, 'cgroup.controllers'), 'utf8');
    return controllers.split(/\s+/).includes('cpu') && probeDir(V2);
  } catch {
    return false;
  }
}

const probeDir = (root: string): boolean => {
  const dir = join(root, `dvcwatch-probe-${process.pid}`);
  try {
    mkdirSync(dir);
    rmdirSync(dir);
    return true;
  } catch {
    return false;
  }
};

/**
 * Caps the CPU of process `pid` and of every process it starts from then on (Chromium) at `vcpus`, as Lambda's
 * scheduler caps an execution environment: a cgroup with a CFS quota of `vcpus` × its period. Returns the release,
 * which removes the group once its processes are gone.
 */
export function limitCpu(pid: number, name: string, vcpus: number): () => void {
  const v1 = existsSync(join(V1, 'cpu.cfs_quota_us'));
  const dir = join(v1 ? V1 : V2, `dvcwatch-${name}-${pid}`);
  mkdirSync(dir, { recursive: true });
  const quota = Math.round(vcpus * PERIOD_US);
  if (v1) {
    writeFileSync(join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
    writeFileSync(join(dir, 'cpu.cfs_quota_us'), String(quota));
  } else writeFileSync(join(dir, 'cpu.max'), `${quota} ${PERIOD_US}`);
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
