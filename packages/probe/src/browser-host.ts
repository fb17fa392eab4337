import chromium from '@sparticuz/chromium';
import { type Browser, type BrowserContext, type BrowserServer, chromium as pw } from 'playwright-core';
import { bundledExecutablePath, launchArgs, type ProcessModel } from './chromium-launch.js';
import { withTimeout } from './limits.js';
import { type ProxyRelay, startProxyRelay } from './proxy-relay.js';

export type { ProcessModel } from './chromium-launch.js';

/** How to launch Chromium; the defaults are the Lambda binary and its arguments. */
export interface LaunchOptions {
  executablePath?: string;
  args?: string[];
  /** Browser-wide proxy (the guard), asked for at each launch: anything outside a page's context uses it. */
  proxyServer: () => Promise<string>;
  processModel?: ProcessModel;
  /** A browser that does not close within this is killed (SIGKILL). */
  closeTimeoutMs?: number;
}

/**
 * Where pages get their browser; `release` after the page's context closed; `kill` drops a stuck one (in the Lambda
 * model only that page's browser: the other agencies' pages of the invocation go on).
 */
export interface BrowserSource {
  browser(): Promise<Browser>;
  /**
   * Ends a page's context: closed, or (a single-process browser, which dies with its first closed context) its
   * pages closed and the context left behind empty.
   */
  endContext?(context: BrowserContext): Promise<void>;
  /** The proxy a page's context of `browser` uses so that its connections pass `guardServer` (default: that). */
  proxyFor?(browser: Browser, guardServer: string): string;
  release(browser: Browser): Promise<void>;
  kill(browser?: Browser): Promise<void>;
  /** The process id of the browser a page got (its CPU is measured apart from the rest: tree-cpu.ts). */
  pidOf?(browser: Browser): number | undefined;
}

interface Launched {
  server: BrowserServer;
  browser: Browser;
  /** Pages it served (the Lambda model). */
  pages: number;
  /** Closes it when it stays idle (the Lambda model). */
  idleTimer?: NodeJS.Timeout;
  /** Its only proxy, pointed at the guard of the page it serves (the Lambda model: proxy-relay.ts). */
  relay?: ProxyRelay;
}

/**
 * Pages one single-process browser serves, one after another, before it is closed (the contexts it leaves behind
 * hold their memory until then). Launching and closing a browser for each page took about 220 ms of CPU of a timed
 * load's 700 (issue 21).
 */
export const PAGES_PER_BROWSER = 6;

/** A freed browser no page takes within this is closed: an idle one is not kept across invocations. */
export const BROWSER_IDLE_MS = 10_000;

/**
 * Chromium launched lazily as a BrowserServer (so a stuck one can be killed without waiting on it) and relaunched
 * transparently after a crash or a kill. In the shared model one browser serves every page; in the Lambda model
 * each `browser()` is a new browser, closed by `release`.
 */
export class BrowserHost implements BrowserSource {
  private current: Promise<Launched> | null = null;
  /** Browsers serving a page now (the Lambda model: one page each). */
  private readonly inUse = new Set<Launched>();
  /** Single-process browsers freed by their page, waiting for the next (the Lambda model). */
  private readonly idle: Launched[] = [];
  private sharedPid: number | undefined;
  /** Number of launches so far (1 = never relaunched, in the shared model). */
  launches = 0;

  constructor(private readonly options: LaunchOptions) {}

  get processModel(): ProcessModel {
    return this.options.processModel ?? 'shared';
  }

  /** A connected browser: the shared one (launched if there is none), or a new one in the Lambda model. */
  async browser(): Promise<Browser> {
    if (this.processModel === 'lambda') {
      let launched = this.idle.pop();
      while (launched && !launched.browser.isConnected()) launched = this.idle.pop();
      if (launched) clearTimeout(launched.idleTimer);
      launched ??= await this.launch();
      launched.pages += 1;
      this.inUse.add(launched);
      return launched.browser;
    }
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

  /** The Lambda model's browser relays to the page's guard (proxy-relay.ts); elsewhere the context uses it directly. */
  proxyFor(browser: Browser, guardServer: string): string {
    const relay = [...this.inUse].find((l) => l.browser === browser)?.relay;
    if (!relay) return guardServer;
    relay.target(guardServer);
    return relay.server;
  }

  /** A page's context ends: closed, but in the Lambda model, where that would end the browser, only emptied. */
  async endContext(context: BrowserContext): Promise<void> {
    if (this.processModel === 'shared') return context.close();
    await Promise.all(context.pages().map((p) => p.close()));
  }

  /**
   * After a page's context ended: in the Lambda model that page's browser serves the next page, or is closed once it
   * served PAGES_PER_BROWSER or stays idle BROWSER_IDLE_MS; the shared one stays.
   */
  async release(browser: Browser): Promise<void> {
    const launched = [...this.inUse].find((l) => l.browser === browser);
    if (!launched) return;
    this.inUse.delete(launched);
    launched.relay?.target(null);
    if (launched.pages >= PAGES_PER_BROWSER || !browser.isConnected()) return this.shut(launched);
    launched.idleTimer = setTimeout(() => {
      const i = this.idle.indexOf(launched);
      if (i < 0) return;
      this.idle.splice(i, 1);
      void this.shut(launched);
    }, BROWSER_IDLE_MS);
    launched.idleTimer.unref?.();
    this.idle.push(launched);
  }

  private async launch(): Promise<Launched> {
    this.launches += 1;
    const executablePath = this.options.executablePath ?? (await bundledExecutablePath());
    const relay = this.processModel === 'lambda' ? await startProxyRelay() : undefined;
    let server: BrowserServer;
    try {
      server = await pw.launchServer({
        executablePath,
        headless: true,
        args: launchArgs(this.options.args ?? chromium.args, this.processModel),
        proxy: { server: relay?.server ?? (await this.options.proxyServer()) },
      });
    } catch (e) {
      await relay?.close();
      throw e;
    }
    try {
      const browser = await pw.connect(server.wsEndpoint());
      const launched: Launched = { server, browser, pages: 0, ...(relay ? { relay } : {}) };
      if (this.processModel === 'shared') this.sharedPid = server.process().pid;
      browser.on('disconnected', () => {
        void this.forget(launched);
      });
      return launched;
    } catch (e) {
      await server.kill();
      await relay?.close();
      throw new Error('could not connect to the launched browser', { cause: e });
    }
  }

  private async forget(launched: Launched): Promise<void> {
    this.inUse.delete(launched);
    clearTimeout(launched.idleTimer);
    if (this.idle.includes(launched)) this.idle.splice(this.idle.indexOf(launched), 1);
    await launched.relay?.close();
    const cur = this.current;
    if (cur && (await cur.catch(() => null)) === launched) this.current = null;
    await launched.server.kill().catch(() => {});
  }

  private async shut(launched: Launched): Promise<void> {
    clearTimeout(launched.idleTimer);
    try {
      await withTimeout(launched.server.close(), this.options.closeTimeoutMs ?? 5_000, 'browser close');
    } catch {
      await launched.server.kill().catch(() => {});
    }
    await launched.relay?.close();
  }

  /** Every idle browser, taken out of the pool (to be killed or closed). */
  private takeIdle(): Launched[] {
    for (const l of this.idle) clearTimeout(l.idleTimer);
    return this.idle.splice(0);
  }

  /** The browser's process id, if one is running (diagnostics and crash tests). */
  async pid(): Promise<number | undefined> {
    const launched = (await this.current?.catch(() => null)) ?? [...this.inUse][0];
    return launched?.server.process().pid;
  }

  /** The process id of `browser`, while it runs. */
  pidOf(browser: Browser): number | undefined {
    return [...this.inUse].find((l) => l.browser === browser)?.server.process().pid ?? this.sharedPid;
  }

  /**
   * Kills a browser (SIGKILL): in the Lambda model the given page's own, otherwise every browser at once; the next
   * `browser()` launches a new one.
   */
  async kill(browser?: Browser): Promise<void> {
    const own = browser && [...this.inUse].find((l) => l.browser === browser);
    if (own) {
      this.inUse.delete(own);
      await own.server.kill().catch(() => {});
      return;
    }
    const cur = this.current;
    this.current = null;
    const all = [(await cur?.catch(() => null)) ?? null, ...this.inUse, ...this.takeIdle()];
    this.inUse.clear();
    await Promise.all(all.map((l) => l?.server.kill().catch(() => {})));
  }

  /** Closes every browser, killing any that does not close within `timeoutMs`. */
  async close(timeoutMs = this.options.closeTimeoutMs ?? 5_000): Promise<void> {
    const cur = this.current;
    this.current = null;
    const all = [(await cur?.catch(() => null)) ?? null, ...this.inUse, ...this.takeIdle()].filter(
      (l): l is Launched => l !== null,
    );
    this.inUse.clear();
    await Promise.all(
      all.map(async (l) => {
        try {
          await withTimeout(l.server.close(), timeoutMs, 'browser close');
        } catch {
          await l.server.kill().catch(() => {});
        }
      }),
    );
  }
}
