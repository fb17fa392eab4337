import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { canLimitCpu, limitCpu, MB_PER_VCPU, vcpusOf } from './cpu-limit.js';

/** Wall time each process spins. */
const SPIN_MS = 1_500;
/** A process that spins SPIN_MS after a child of its own did, then prints the CPU seconds each used. */
const SPIN = `const spin = () => { const t = Date.now(); while (Date.now() - t < ${SPIN_MS}); };
const { spawnSync } = require('node:child_process');
const child = spawnSync(process.execPath, ['-e', '(' + spin + ')(); const u = process.cpuUsage(); process.stdout.write(String((u.user + u.system) / 1e6))']);
spin(); const u = process.cpuUsage(); console.log(JSON.stringify({ own: (u.user + u.system) / 1e6, child: Number(String(child.stdout)) }));`;

describe('the Lambda stand-in caps an environment’s CPU by its memory size, as Lambda does', () => {
  it('gives one vCPU at 1,769 MB and CPU in proportion to memory', () => {
    expect(vcpusOf(MB_PER_VCPU)).toBe(1);
    expect(vcpusOf(1_024)).toBeCloseTo(0.579, 3);
    expect(vcpusOf(2_048)).toBeCloseTo(1.158, 3);
  });

  // A writable cgroup cpu controller needs root; where there is none the cap cannot be played, and this says so.
  it.skipIf(!canLimitCpu())('holds a busy process and the processes it starts later to the cap together', async () => {
    // prepare: a process that spins 1.5 s itself, after a child of its own spun 1.5 s (started once capped)
    const child = spawn(process.execPath, ['-e', `setTimeout(() => { ${SPIN} }, 300)`], { stdio: ['ignore', 'pipe', 'inherit'] });
    const release = limitCpu(child.pid as number, 'cap-test', 0.25);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    // act
    await once(child, 'exit');
    release();
    // assess: each spun 1.5 s of wall time but got about a quarter of a CPU
    const used = JSON.parse(out) as { own: number; child: number };
    expect(used.child).toBeLessThan(0.6);
    expect(used.own).toBeLessThan(0.6 + 0.3);
  });
});
