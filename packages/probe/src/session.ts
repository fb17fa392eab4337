import type { Page, Response } from 'playwright-core';

/** Options for one page opened by a PageSession. */
export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** Hard limit for navigation plus `fn`; the page is closed when it passes. */
  timeoutMs?: number;
  /** Longest wait for the document to answer (within `timeoutMs`): the probe's page limit, as for a timed load. */
  navigationTimeoutMs?: number;
}

/**
 * Opens pages for probes and fact gatherers: each call gets a fresh, guarded browser context (no cookies or
 * storage from any other call), navigates to `url`, runs `fn`, and always closes the context.
 * Dialogs are dismissed, popups closed and downloads cancelled by the session.
 */
export interface PageSession {
  withPage<T>(url: string, fn: (page: Page, response: Response | null) => Promise<T>, opts?: OpenOptions): Promise<T>;
}
