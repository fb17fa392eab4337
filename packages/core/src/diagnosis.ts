/**
 * What made a page slow, as the hourly probe read it from the browser's own Resource Timing, LCP and
 * long-animation-frame entries (no extra request). Raw facts: `causes.ts` judges them.
 */

/** One subresource as Resource Timing saw it; times in ms from navigation start. */
export interface ResourceFact {
  url: string;
  /** Resource Timing `initiatorType`: img, script, link, css, fetch, xmlhttprequest, … */
  type: string;
  /** Body bytes (encoded), or 0 when the server did not allow them to be read (cross-origin without TAO). */
  bytes: number;
  startMs: number;
  endMs: number;
  /** Resource Timing `renderBlockingStatus === 'blocking'`: the page could not paint before it arrived. */
  renderBlocking: boolean;
}

/** A script that held the main thread in long animation frames, summed over the page load. */
export interface ScriptTime {
  url: string;
  /** What ran it, e.g. `https://x/app.js` (classic script), `Window.onload`, `TimerHandler:setTimeout`. */
  invoker: string;
  ms: number;
}

/** The page's diagnosis: bounded (top 3 of each list), a few hundred bytes per page. */
export interface PageDiagnosis {
  /** The LCP element: tag, image URL (null for text), and the start of its text. Portal-supplied. */
  lcpElement: { tag: string | null; url: string | null; text: string | null } | null;
  /** Resource Timing of the LCP image, when it is one and the browser timed it. */
  lcpResource: ResourceFact | null;
  /** The three largest and the three slowest subresources. */
  largest: ResourceFact[];
  slowest: ResourceFact[];
  /** Render-blocking subresources (at most 5, slowest first). */
  renderBlocking: ResourceFact[];
  /** Scripts that held the main thread longest (at most 3). */
  longScripts: ScriptTime[];
  resourceCount: number;
  totalBytes: number;
}
