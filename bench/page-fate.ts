import { createHash } from 'node:crypto';

/**
 * The page-time distribution of `npm run bench:cost` (issue 21): what each HTML document a slow portal serves does.
 *
 * - 6 %: no answer (the connection is held past the probe's 20 s page limit): a timeout;
 * - 4 %: HTTP 503 after 1 s: a failure;
 * - 90 %: the page after a delay uniform in 3–10 s (mean 6.5 s), the central case of issue 21.
 */
export const PAGE_TIMES = {
  timeoutShare: 0.06,
  failShare: 0.04,
  minMs: 3_000,
  maxMs: 10_000,
  failAfterMs: 1_000,
  holdMs: 25_000,
} as const;

export type PageFate =
  | { kind: 'timeout'; afterMs: number }
  | { kind: 'fail'; afterMs: number }
  | { kind: 'page'; afterMs: number };

/**
 * Two independent numbers in [0, 1) from a string (SHA-256), so runs are repeatable. A strong hash matters: the
 * draws of one path differ only in the request's sequence number, and a weak one (FNV-1a without a final mix) gave
 * every request of one path nearly the same number, i.e. one fate per page for the whole run.
 */
const units = (s: string): [number, number] => {
  const h = createHash('sha256').update(s).digest();
  return [h.readUInt32BE(0) / 2 ** 32, h.readUInt32BE(4) / 2 ** 32];
};

/** The fate of the `n`-th request (from 1) for `path` at `agency`; times multiplied by `scale` (1 = real time). */
export function drawFate(seed: string, agency: string, path: string, n: number, scale = 1): PageFate {
  const [u, v] = units(`${seed}|${agency}|${path}|${n}`);
  if (u < PAGE_TIMES.timeoutShare) return { kind: 'timeout', afterMs: PAGE_TIMES.holdMs * scale };
  if (u < PAGE_TIMES.timeoutShare + PAGE_TIMES.failShare) return { kind: 'fail', afterMs: PAGE_TIMES.failAfterMs * scale };
  return { kind: 'page', afterMs: (PAGE_TIMES.minMs + v * (PAGE_TIMES.maxMs - PAGE_TIMES.minMs)) * scale };
}
