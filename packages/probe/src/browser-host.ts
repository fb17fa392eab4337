import chromium from '@sparticuz/chromium';
import { type Browser, type BrowserServer, chromium as pw } from 'playwright-core';
import { withTimeout } from './limits.js';

/** How to launch Chromium; the defaults are the Lambda binary and its arguments. */
export interface LaunchOptions {
  executablePath?: string;
  args?: string[];
  /** Browser-wide proxy (the guard), asked for at each launch: anything outside a page's context uses it. */
  proxyServer: () => Promise<string>;
}

/** Where pages get their browser; `kill` drops a stuck one so the next `browser()` relaunches. */
export interface BrowserSource {
  browser(): Promise<Browser>;
  kill(): Promise<void>;
}

/**
 * Arguments dropped from @sparticuz/chromium's defaults: `--single-process` kills the browser when its first
 * context closes (DOMAIN.md, "Tool facts"); `--disable-web-security` and `--allow-running-insecure-content` would
 * make a portal behave unlike it does for a citizen (no CORS, mixed content allowed).
 */
const DROPPED = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);

/** Extra arguments: no WebRTC path around the proxy (STUN/UDP could reach private addresses). */
const EXTRA = [
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
];

/**
 * One Chromium per prober, launched lazily and relaunched transparently after a crash or a kill. Launched as a
 * BrowserServer so a stuck browser can be killed (`BrowserServer.kill`, SIGKILL) without waiting on it.
 */
export class BrowserHost implements BrowserSource {
  private current: Promise<{ server: BrowserServer; browser: Browser }> | null = null;
  /** Number of launches so far (1 = never relaunched). */
  launches = 0;

  constructor(private readonly options: LaunchOptions) {}

  /** A connected browser, launching one if there is none. */
  async browser(): Promise<Browser> {
    if (!this.current) this.current = this.launch();
    const cur = this.current;
    try {
      const { browser } = await cur;
      if (browser.isConnected()) return browser;
    } catch (e) {
      if (this.current === cur) this.current = null;
      throw e;
    }
    if (this.current === cur) this.current = null;
    return this.browser();
  }

  private async launch(): Promise<{ server: BrowserServer; browser: Browser }> {
    this.launches += 1;
    const executablePath = this.options.executablePath ?? (await chromium.executablePath());
    const base = this.options.args ?? chromium.args;
    const server = await pw.launchServer({
      executablePath,
      headless: true,
      args: [...base.filter((a) => !DROPPED.has(a)), ...EXTRA],
      proxy: { server: await this.options.proxyServer() },
    });
    try {
      const browser = await pw.connect(server.wsEndpoint());
      const launched = { server, browser };
      browser.on('disconnected', () => {
        void this.forget(launched);
      });
      return launched;
    } catch (e) {
      await server.kill();
      throw new Error('could not connect to the launched browser', { cause: e });
    }
  }

  private async forget(launched: { server: BrowserServer; browser: Browser }): Promise<void> {
    const cur = this.current;
    if (cur && (await cur.catch(() => null)) === launched) this.current = null;
    await launched.server.kill().catch(() => {});
  }

  /** The browser's process id, if one is running (diagnostics and crash tests). */
  async pid(): Promise<number | undefined> {
    const launched = await this.current?.catch(() => null);
    return launched?.server.process().pid;
  }

  /** Kills the browser at once (SIGKILL); the next `browser()` launches a new one. */
  async kill(): Promise<void> {
    const cur = this.current;
    this.current = null;
    const launched = await cur?.catch(() => null);
    await launched?.server.kill().catch(() => {});
  }

  /** Closes the browser, killing it if it does not close within `timeoutMs`. */
  async close(timeoutMs = 5_000): Promise<void> {
    const cur = this.current;
    this.current = null;
    const launched = await cur?.catch(() => null);
    if (!launched) return;
    try {
      await withTimeout(launched.server.close(), timeoutMs, 'browser close');
    } catch {
      await launched.server.kill().catch(() => {});
    }
  }
}
