import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PORTALS, type DemoPortals, demoRegistryYaml, main, startDemoPortals } from '@dvcwatch/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

/**
 * Issue 24: the commands a user runs beside `npm start`. The real `dvcwatch` binary (tsx, a child process each) on
 * the embedded defaults — no AWS_ENDPOINT_URL_* — so `serve` owns its dynalite and SES, and `results`, `alerts` and
 * `status` find them through the state folder. Two demo portals keep the first round short (~20 s on 2 cores); the
 * read commands run through main() in this process, and the real binary once more for the one-line rule.
 */
const BIN = join(process.cwd(), 'packages/cli/bin/dvcwatch.js');
const IDS = ['tot', 'loi'];

let portals: DemoPortals;
let home: string;
let registryFile: string;
let serve: ChildProcess | undefined;
const serveOut: string[] = [];
const serveErr: string[] = [];

/** The environment a user's shell has: no endpoint variables, this test's state folder. */
const userEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, DVCWATCH_HOME: home };
  delete env.AWS_ENDPOINT_URL_DYNAMODB;
  delete env.AWS_ENDPOINT_URL_SES;
  delete env.DVCWATCH_REGISTRY;
  delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  return env;
};

/** Runs `dvcwatch ARGS` to the end: exit code, stdout lines, stderr lines. */
const run = (args: string[]) =>
  new Promise<{ code: number | null; out: string[]; err: string[] }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: userEnv() });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out: lines(out), err: lines(err) }));
  });
const lines = (text: string) => text.split('\n').filter((l) => l !== '');

/** Runs `main(ARGS)` here, as the binary would: exit code, stdout lines, stderr lines. */
async function inProcess(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  let err = '';
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(args, (l) => out.push(...l.split('\n')));
    return { code, out, err: lines(err) };
  } finally {
    process.stderr.write = write;
  }
}

/** At most the one line about an ageing Node before a command's own output, and never a stack trace. */
const quiet = (err: string[]) => {
  expect(err.length, err.join('\n')).toBeLessThanOrEqual(1);
  for (const l of err) expect(l).toMatch(/^dvcwatch: Node /);
  expect(err.join('\n')).not.toMatch(/\n\s+at |NodeVersionSupportWarning/);
};

const waitFor = async (test: () => boolean, ms: number, what: string) => {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end || serve?.exitCode != null)
      throw new Error(`${what} did not happen:\n${serveOut.join('')}\n${serveErr.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

beforeAll(async () => {
  portals = await startDemoPortals({ basePort: 0, portals: DEMO_PORTALS.filter((p) => IDS.includes(p.id)) });
  home = await mkdtemp(join(tmpdir(), 'dvcwatch-beside-'));
  const doc = parse(demoRegistryYaml(portals.portals, portals.nationalOrigin));
  delete doc.vantages;
  doc.defaults.probe = { pageTimeoutMs: 15_000, confirmAttempts: 0, accessibility: false };
  registryFile = join(home, 'demo.yaml');
  await writeFile(registryFile, stringify(doc));
});

afterAll(async () => {
  if (serve && serve.exitCode === null) serve.kill('SIGKILL');
  await portals?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

describe('dvcwatch beside a running serve (embedded defaults)', () => {
  it('serve shows a page at once, then results, alerts and status answer beside it; stopping clears its record', {
    timeout: 300_000,
  }, async () => {
    // prepare: serve on the embedded defaults
    serve = spawn(process.execPath, [BIN, 'serve', '--registry', registryFile, '--port', '0'], { env: userEnv() });
    serve.stdout?.on('data', (d) => serveOut.push(String(d)));
    serve.stderr?.on('data', (d) => serveErr.push(String(d)));
    const text = () => serveOut.join('');
    await waitFor(() => /Trang tổng hợp mở ngay tại (\S+)/.test(text()), 60_000, 'the site opening');
    const site = /Trang tổng hợp mở ngay tại (\S+)/.exec(text())![1]!;
    // The site answers before the first round ends: a page saying the first round is running.
    const waiting = await fetch(site);
    expect(waiting.status).toBe(200);
    expect(await waiting.text()).toContain('Vòng đo đầu tiên đang chạy');
    // The outbox printed exists when printed.
    const outbox = /Thư gửi đi \(\.eml\): (\S+)/.exec(text())?.[1];
    expect(outbox && existsSync(outbox)).toBe(true);
    await waitFor(() => text().includes('Vòng tiếp theo lúc'), 110_000, 'the first round');
    const state = JSON.parse(await readFile(join(home, 'serve.json'), 'utf8')) as { pid: number; dynamodb: string };
    expect(state.pid).toBe(serve.pid);

    // act: the read commands beside it
    // In this process (no second tsx start-up on a busy machine), with the user's environment.
    const saved = { ...process.env };
    process.env = { ...userEnv(), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }; // as the binary sets it
    const results = await inProcess(['results', '--json']);
    const alerts = await inProcess(['alerts']);
    const status = await inProcess(['status']);
    const second = await inProcess(['serve', '--registry', registryFile, '--port', '0']);
    process.env = saved;

    expect(results.code, results.err.join('\n')).toBe(0);
    expect(results.out.map((l) => (JSON.parse(l) as { agencyId: string }).agencyId).sort()).toEqual([...IDS].sort());
    quiet(results.err);
    expect(alerts.code, alerts.err.join('\n')).toBe(0);
    expect(alerts.out[0]).toMatch(/^Sự cố \(\d+\):$|^Chưa có sự cố/);
    quiet(alerts.err);
    expect(status.code, status.err.join('\n')).toBe(0);
    expect(status.out.join('\n')).toContain(`Dịch vụ: đang chạy (pid ${serve.pid}`);
    expect(status.out.join('\n')).toMatch(/Vòng tiếp theo: \d\d:00 \d\d\/\d\d\/\d{4} \(giờ Việt Nam\)/);
    expect(status.out.join('\n')).toContain(site);
    quiet(status.err);
    // serve's own output: times in Vietnam time, the first email explained, nothing on stderr but the Node line
    expect(text()).toMatch(/Vòng tiếp theo lúc \d\d:00 \d\d\/\d\d\/\d{4} \(giờ Việt Nam\)/);
    expect(text()).toMatch(/Thư cảnh báo đầu tiên sớm nhất sau vòng \d\d:00/);
    for (const id of IDS) expect(text()).toContain(`→ đang đo ${id}`);
    quiet(lines(serveErr.join('')));

    // A second serve on the same folder says so in one line, exit 1.
    expect(second.code).toBe(1);
    expect(second.err).toEqual([expect.stringMatching(/^dvcwatch: serve đã chạy ở thư mục này \(pid \d+/)]);

    // Stopped, serve removes its record; the commands then open the store themselves.
    const exited = new Promise<number | null>((r) => serve?.once('exit', (code) => r(code)));
    serve.kill('SIGTERM');
    // Stopping closes Chromium, dynalite and the demo's servers: slow on a busy machine, never minutes.
    const code = await Promise.race([exited, new Promise<'slow'>((r) => setTimeout(() => r('slow'), 90_000))]);
    expect(code, serveOut.join('') + serveErr.join('')).toBe(0);
    expect(existsSync(join(home, 'serve.json'))).toBe(false);
    const after = await run(['status']);
    expect(after.code).toBe(0);
    expect(after.out[0]).toMatch(/^Dịch vụ: không chạy/);
    quiet(after.err);
  });
});
