import chromium from '@sparticuz/chromium';

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

/**
 * The model a local round uses (the CLI's `DVCWATCH_BROWSER_MODEL` default, and the benchmarks): the Lambda one.
 * Measured on this 2-core machine once browsers served pages in turn (`npx tsx bench/process-model.ts`, 16 pages):
 * 881 ms per timed page against 1,042 ms for the shared model, 376 ms of the machine's CPU against 634 ms (the shared
 * model starts a renderer process for every page), the same median LCP (294 vs 312 ms). A check catalogue took
 * 4.3 s of CPU against 5.5 s (one measurement of 8 agencies, not kept as a bench). `createProber` still defaults to `shared`, which the tests use.
 */
export const LOCAL_PROCESS_MODEL: ProcessModel = 'lambda';

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
export const bundledExecutablePath = (): Promise<string> => {
  bundledChromium ??= chromium.executablePath().catch((e: unknown) => {
    bundledChromium = null;
    throw e;
  });
  return bundledChromium;
};
