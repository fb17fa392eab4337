import chromium from '@sparticuz/chromium';
import { type Browser, type BrowserContext, type BrowserServer, chromium as pw } from 'playwright-core';
import { withTimeout } from './limits.js';
import { type ProxyRelay, startProxyRelay } from './proxy-relay.js';

/**
 * How Chromium runs. `shared`: one multi-process browser, a fresh context per page (locally, where it is measured
 * faster). `lambda`: @sparticuz/chromium's own arguments, `--single-process` included — Lambda's sandbox refuses
 * what the multi-process model needs ("Needs to be single-process to avoid `prctl(PR_SET_NO_NEW_PRIVS) failed`",
 * its source says). A single-process browser dies when its first context closes, so there a page's context is
 * never closed: its pages are, and the context is left behind, empty. One page at a time per browser (its CPU is
 * that page's own: tree-cpu.ts); a browser freed by its page serves the next one, each page in a fresh context (no
 * cookie, cache or connection crosses pages, let alone agencies), up to `PAGES_PER_BROWSER` pages.
 */
export type ProcessModel = 'shared' | 'lambda';

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

/**
 * Arguments that make a portal behave unlike it does for a citizen (no CORS, mixed content allowed): dropped in
 * both models. `--single-process` is dropped only in the shared model (it would die with its first context).
 */
const UNLIKE_A_CITIZEN = new Set(['--disable-web-security', '--allow-running-insecure-content']);

/**
 * The GPU emulated in software (ANGLE on SwiftShader), which @sparticuz/chromium turns on for WebGL: dropped for
 * `--disable-gpu` (Chromium's software compositor). Measured in the Lambda model on a demo portal page: a timed load's
 * CPU fell from about 1.6 s to 0.7 s (issue 21: the probe is CPU-bound). No portal function needs WebGL, and paint
 * timing is the same event either way. The lab (lab/chrome.ts) keeps the full list, as Lighthouse is measured.
 */
const GPU_EMULATION = /^--(use-gl|use-angle|enable-unsafe-swiftshader|ignore-gpu-blocklist|in-process-gpu)(=|$)/;

/** Extra arguments: no WebRTC path around the proxy (STUN/UDP could reach private addresses); no emulated GPU. */
const EXTRA = [
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--disable-gpu',
];

/** The arguments Chromium is launched with in `model`, from @sparticuz/chromium's (or the given) list. */
export const launchArgs = (base: readonly string[], model: ProcessModel): string[] => [
  ...base.filter((a) => !UNLIKE_A_CITIZEN.has(a) && !GPU_EMULATION.test(a) && (model === 'lambda' || a !== '--single-process')),
  ...EXTRA,
];

/**
 * @sparticuz/chromium's binary, unpacked once per process: on a cold Lambda environment it inflates Chromium into
 * /tmp, and two pages launching at once (timed loads overlap there) would both inflate it over each other.
 */
let bundledChromium: Promise<string> | null = null;
const bundledExecutablePath = (): Promise<string> => {
  bundledChromium ??= chromium.executablePath().catch((e: unknown) => {
    bundledChromium = null;
    throw e;
  });
  return bundledChromium;
};

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
  private readonly perPage = new Set<Launched>();
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
      this.perPage.add(launched);
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
    const relay = [...this.perPage].find((l) => l.browser === browser)?.relay;
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
    const launched = [...this.perPage].find((l) => l.browser === browser);
    if (!launched) return;
    this.perPage.delete(launched);
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
    this.perPage.delete(launched);
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
    const launched = (await this.current?.catch(() => null)) ?? [...this.perPage][0];
    return launched?.server.process().pid;
  }

  /** The process id of `browser`, while it runs. */
  pidOf(browser: Browser): number | undefined {
    return [...this.perPage].find((l) => l.browser === browser)?.server.process().pid ?? this.sharedPid;
  }

  /**
   * Kills a browser (SIGKILL): in the Lambda model the given page's own, otherwise every browser at once; the next
   * `browser()` launches a new one.
   */
  async kill(browser?: Browser): Promise<void> {
    const own = browser && [...this.perPage].find((l) => l.browser === browser);
    if (own) {
      this.perPage.delete(own);
      await own.server.kill().catch(() => {});
      return;
    }
    const cur = this.current;
    this.current = null;
    const all = [(await cur?.catch(() => null)) ?? null, ...this.perPage, ...this.takeIdle()];
    this.perPage.clear();
    await Promise.all(all.map((l) => l?.server.kill().catch(() => {})));
  }

  /** Closes every browser, killing any that does not close within `timeoutMs`. */
  async close(timeoutMs = this.options.closeTimeoutMs ?? 5_000): Promise<void> {
    const cur = this.current;
    this.current = null;
    const all = [(await cur?.catch(() => null)) ?? null, ...this.perPage, ...this.takeIdle()].filter(
      (l): l is Launched => l !== null,
    );
    this.perPage.clear();
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
