import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXECUTION_ENV } from './lambda-environment.js';
import { LocalFunction } from './lambda-functions.js';

// The local stand-in for Lambda's execution environment, on a handler written for it: what the hourly path's
// functions meet here is what Lambda would give them (its variables, a read-only task root, its own /tmp, the
// memory size as a limit).
const HANDLER = `
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export const handler = async (event, context) => {
  if (event.allocateMb) {
    const held = [];
    for (let i = 0; i < event.allocateMb; i++) held.push(Buffer.alloc(1024 * 1024, 1));
    // Held long enough for the environment's memory to be read (every 500 ms).
    await new Promise((r) => setTimeout(r, 1_500));
    return held.length;
  }
  const tryWrite = (file) => { try { writeFileSync(file, 'x'); return 'written'; } catch (e) { return e.code; } };
  return {
    env: Object.fromEntries(['AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'LAMBDA_TASK_ROOT', 'HOME', 'TZ']
      .map((k) => [k, process.env[k] ?? null])),
    memoryLimitInMB: context.memoryLimitInMB,
    taskRoot: tryWrite(join(process.cwd(), 'written-by-handler')),
    tmp: tryWrite(join(tmpdir(), 'written-by-handler')),
  };
};
`;

let root: string;
let tmpRoot: string;
const fn = (memoryMb: number) =>
  new LocalFunction({
    name: 'Probe',
    root,
    handler: 'functions/probe.handler',
    timeoutSeconds: 30,
    memoryMb,
    env: { DVCWATCH_TABLE: 't' },
    tmpRoot,
  });

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'dvcwatch-task-root-'));
  tmpRoot = mkdtempSync(join(tmpdir(), 'dvcwatch-lambda-tmp-'));
  mkdirSync(join(root, 'functions'));
  writeFileSync(join(root, 'functions', 'probe.mjs'), HANDLER);
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(tmpRoot, { recursive: true, force: true });
});

describe('a function played locally as Lambda runs it', { timeout: 60_000 }, () => {
  it("has Lambda's variables, a read-only task root and its own writable /tmp", async () => {
    const f = fn(512);
    try {
      const out = await f.invoke({});
      expect(out).toEqual({
        ok: true,
        result: {
          env: {
            AWS_EXECUTION_ENV: EXECUTION_ENV,
            AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
            LAMBDA_TASK_ROOT: root,
            HOME: null,
            TZ: ':UTC',
          },
          memoryLimitInMB: '512',
          taskRoot: 'ERR_ACCESS_DENIED',
          tmp: 'written',
        },
      });
      expect(f.invocations[0]?.maxMemoryMb).toBeGreaterThan(0);
    } finally {
      await f.close();
    }
  });

  it("kills an environment whose memory passes the function's memory size, as Lambda does", async () => {
    const f = fn(256);
    try {
      const out = await f.invoke({ allocateMb: 400 });
      expect(out).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^Runtime exited with error: signal: killed \(Max Memory Used: \d+ MB of 256 MB\)$/),
      });
      // The same allocation fits in a larger function.
      const big = fn(1024);
      try {
        expect(await big.invoke({ allocateMb: 400 })).toEqual({ ok: true, result: 400 });
      } finally {
        await big.close();
      }
    } finally {
      await f.close();
    }
  });
});
