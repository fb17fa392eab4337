import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type StandIn, startStandIn } from '../integration/handlers/http-standin.js';
import { limitCpu, pinCpus, vcpusOf } from './cpu-limit.js';
import { lambdaEnvironment, lambdaNodeArgs } from './lambda-environment.js';
import { sampleMemory } from './process-memory.js';

/** How one invocation ended: the handler's result, or an error (thrown, timed out, or the environment killed). */
export type Outcome = { ok: true; result: unknown } | { ok: false; error: string };

/** One running invocation: the test may kill its environment mid-job. */
export interface Running {
  readonly event: unknown;
  kill(): void;
}

export interface FunctionSpec {
  /** The function's logical id in the template (also its name here). */
  name: string;
  /** The asset folder of the built bundle (LAMBDA_TASK_ROOT). */
  root: string;
  /** `functions/probe.handler` as in the template. */
  handler: string;
  timeoutSeconds: number;
  /** The function's memory size: an environment whose processes use more is killed, as Lambda kills it. */
  memoryMb: number;
  /** The template's environment (and the local endpoints); Lambda's own variables are added (lambda-environment.ts). */
  env: Record<string, string>;
  /** Where each environment gets its own /tmp. */
  tmpRoot: string;
  /**
   * CPUs an environment (and every process it starts: Chromium) may run on, as `taskset` names them ("1"): a Lambda
   * environment has its own vCPU, not a share of the machine's cores with everything else (bench:cost).
   */
  cpus?: string;
  /** Caps an environment's CPU as Lambda does for its memory size (cpu-limit.ts: 1 vCPU at 1,769 MB). */
  limitCpu?: boolean;
}

/** How often an environment's memory is read while it runs an invocation. */
const MEMORY_EVERY_MS = 500;

const RUNTIME = join(import.meta.dirname, 'lambda-runtime.mjs');

/**
 * A Lambda function played locally from its built bundle: execution environments are child processes (each
 * imports the bundle once and serves one invocation at a time, reused while warm), with Lambda's environment
 * variables and the template's, the template's timeout and memory size, the task root read-only and only the
 * environment's own /tmp writable (Node's permission model). An invocation past the timeout, or whose processes
 * (Chromium's included) use more than the memory size, kills its environment, as Lambda does.
 */
export class LocalFunction {
  private readonly idle: ChildProcess[] = [];
  private readonly all = new Set<ChildProcess>();
  readonly invocations: { event: unknown; outcome: Outcome; ms: number; maxMemoryMb: number }[] = [];
  private created = 0;
  /** Called as each invocation starts (fault injection: kill it). */
  onInvoke: (run: Running) => void = () => {};

  constructor(readonly spec: FunctionSpec) {}

  private async environment(): Promise<ChildProcess> {
    const ready = this.idle.pop();
    if (ready?.connected) return ready;
    const [file, exportName] = [this.spec.handler.replace(/\.[^.]+$/, ''), this.spec.handler.split('.').pop() ?? 'handler'];
    const tmp = join(this.spec.tmpRoot, `${this.spec.name}-${++this.created}`);
    mkdirSync(tmp, { recursive: true });
    const { name, handler, root, memoryMb } = this.spec;
    const child = fork(
      RUNTIME,
      [join(root, `${file}.mjs`), exportName, name, String(this.spec.timeoutSeconds * 1000), String(memoryMb)],
      {
        cwd: root,
        env: lambdaEnvironment({ name, handler, root, memoryMb, tmp }, this.spec.env),
        execArgv: lambdaNodeArgs(tmp),
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      },
    );
    // Every thread of the environment, and the browsers it starts later, on its own CPUs.
    if (this.spec.cpus && child.pid) pinCpus(child.pid, this.spec.cpus);
    if (this.spec.limitCpu && child.pid) child.once('exit', limitCpu(child.pid, name, vcpusOf(memoryMb)));
    // Lambda's /tmp goes with its environment.
    child.once('exit', () => rmSync(tmp, { recursive: true, force: true }));
    child.stdout?.on('data', (d: Buffer) => this.log(d));
    child.stderr?.on('data', (d: Buffer) => this.log(d));
    this.all.add(child);
    child.once('exit', () => this.all.delete(child));
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`${this.spec.name}: the environment exited (${code}) during init`)));
    });
    return child;
  }

  /** Log lines of every environment (EMF metrics, structured logs). */
  readonly logs: string[] = [];
  private log(d: Buffer): void {
    this.logs.push(...d.toString().split('\n').filter(Boolean));
  }

  /** Invocations started and not yet returned (the event source mapping's included). */
  get inFlight(): number {
    return this.running;
  }
  private running = 0;

  /** Invokes the function with `event`, as Lambda's synchronous Invoke would, and records the outcome. */
  async invoke(event: unknown): Promise<Outcome> {
    this.running += 1;
    try {
      return await this.invokeNow(event);
    } finally {
      this.running -= 1;
    }
  }

  private async invokeNow(event: unknown): Promise<Outcome> {
    const started = performance.now();
    const child = await this.environment();
    const id = randomUUID();
    let maxMemoryMb = 0;
    let overMemory = false;
    const readMemory = () => {
      if (child.pid === undefined || child.exitCode !== null) return;
      maxMemoryMb = Math.max(maxMemoryMb, Math.round(sampleMemory(child.pid).pssMb));
      if (maxMemoryMb > this.spec.memoryMb && !overMemory) {
        overMemory = true;
        child.kill('SIGKILL');
      }
    };
    readMemory();
    const memory = setInterval(readMemory, MEMORY_EVERY_MS);
    const outcome = await new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        done({ ok: false, error: `Task timed out after ${this.spec.timeoutSeconds} seconds` });
      }, this.spec.timeoutSeconds * 1000);
      const onMessage = (m: { id?: string } & Outcome) => {
        if (m.id !== id) return;
        done(
          m.ok ? { ok: true, result: (m as { result: unknown }).result } : { ok: false, error: (m as { error: string }).error },
        );
      };
      const onExit = (code: number | null, signal: string | null) =>
        done({
          ok: false,
          error: overMemory
            ? `Runtime exited with error: signal: killed (Max Memory Used: ${maxMemoryMb} MB of ${this.spec.memoryMb} MB)`
            : `Runtime exited (${signal ?? code}) before the handler returned`,
        });
      const done = (o: Outcome) => {
        clearTimeout(timer);
        clearInterval(memory);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(o);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ id, event });
      this.onInvoke({ event, kill: () => child.kill('SIGKILL') });
    });
    // As Lambda's runtime writes a failed invocation to the function's log stream.
    if (!outcome.ok) this.logs.push(`ERROR\tInvoke Error\t${JSON.stringify({ errorMessage: outcome.error })}`);
    if (outcome.ok && child.connected) this.idle.push(child);
    this.invocations.push({ event, outcome, ms: Math.round(performance.now() - started), maxMemoryMb });
    return outcome;
  }

  /** Ends every environment. */
  async close(): Promise<void> {
    for (const child of this.all) child.kill('SIGKILL');
    this.idle.length = 0;
  }
}

/**
 * The Lambda API's Invoke (REST: POST /2015-03-31/functions/<name>/invocations) on 127.0.0.1: an `Event`
 * invocation is accepted with 202 and run in the background, as Lambda's asynchronous invocation does.
 */
export async function startLambdaApi(functions: Map<string, LocalFunction>): Promise<StandIn & { pending(): Promise<void> }> {
  const running = new Set<Promise<unknown>>();
  const server = await startStandIn((req) => {
    const m = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(req.url);
    const fn = m?.[1] ? functions.get(decodeURIComponent(m[1])) : undefined;
    if (req.method !== 'POST' || !fn)
      return {
        status: 404,
        headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
        body: '{"Message":"Function not found"}',
      };
    if (String(req.headers['x-amz-invocation-type']) !== 'Event')
      return { status: 400, body: '{"Message":"only Event invocations"}' };
    const run = fn.invoke(JSON.parse(req.body || 'null'));
    running.add(run);
    void run.finally(() => running.delete(run));
    return { status: 202 };
  });
  return {
    ...server,
    pending: async () => {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
