import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';

/** A Chromium with its DevTools port open on 127.0.0.1, as Lighthouse needs it. */
export interface LabChrome {
  port: number;
  close(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/**
 * Launches the probe's own Chromium build (@sparticuz/chromium) for Lighthouse: a DevTools port (Lighthouse drives
 * Chrome over CDP and opens its own tab), every request through the guard proxy
 * (`--proxy-server`, loopback included: `<-loopback>` removes Chromium's implicit bypass, as Playwright does),
 * and a throwaway profile.
 */
export async function launchLabChrome(opts: {
  /** The guard proxy every request goes through; only the benchmark's side-by-side run goes without one. */
  proxyServer?: string;
  executablePath?: string;
  args?: string[];
  /** Keep `--single-process` (Lambda needs it). Measured: Lighthouse then runs, but its main-thread attribution is wrong (TBT 0). */
  singleProcess?: boolean;
}): Promise<LabChrome> {
  const exe = opts.executablePath ?? (await chromium.executablePath());
  const port = await freePort();
  const profile = await mkdtemp(join(tmpdir(), 'dvcwatch-lab-'));
  const base = opts.args ?? chromium.args;
  const args = [
    // As in the hourly probe: no `--single-process` unless asked (with it Lighthouse's TBT reads 0: measured), and no
    // flags that make a portal behave unlike it does for a citizen (no CORS, mixed content allowed).
    ...base.filter(
      (a) =>
        (opts.singleProcess || a !== '--single-process') &&
        a !== '--disable-web-security' &&
        a !== '--allow-running-insecure-content',
    ),
    ...(opts.proxyServer
      ? [
          `--proxy-server=${opts.proxyServer}`,
          '--proxy-bypass-list=<-loopback>',
          '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
        ]
      : []),
    `--remote-debugging-port=${port}`,
    '--remote-debugging-address=127.0.0.1',
    `--user-data-dir=${profile}`,
    'about:blank',
  ];
  const child: ChildProcess = spawn(exe, args, { stdio: 'ignore' });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`Chromium for Lighthouse exited (${code})`))),
  );
  exited.catch(() => {});
  const close = async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(profile, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i++) {
      const ok = await Promise.race([
        fetch(`http://127.0.0.1:${port}/json/version`).then(
          (r) => r.ok,
          () => false,
        ),
        exited,
      ]);
      if (ok) break;
      if (i > 150) throw new Error('Chromium for Lighthouse did not open its DevTools port within 15 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (e) {
    await close();
    throw e;
  }
  return { port, close };
}
