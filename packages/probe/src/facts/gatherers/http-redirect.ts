import type { Facts } from '@dvcwatch/core';
import type { GatherContext } from './types.js';
import { ownPage } from './types.js';

/** The `http://` version of an https home page: where it ended (or why it failed); null for an http home page. */
export const httpRedirect = ownPage({
  fact: 'httpRedirect',
  owner: 'https',
  needs: [],
  steps: ['http-redirect'],
  run: async (c) => (c.homeUrl.startsWith('https:') ? c.step('http-redirect', () => followHttp(c)) : null),
});

/** Opens the `http://` version of the home page and records where it ended (or why it failed). */
async function followHttp(c: GatherContext): Promise<NonNullable<Facts['httpRedirect']>> {
  const url = c.homeUrl.replace(/^https:/i, 'http:');
  try {
    const finalUrl = await c.session.withPage(url, async (page) => page.url(), {
      timeoutMs: Math.max(1_000, Math.min(15_000, c.left())),
    });
    // Chromium shows its own error page when nothing loaded.
    return finalUrl.startsWith('chrome-error:') ? { url, finalUrl: null, error: 'no response' } : { url, finalUrl, error: null };
  } catch (e) {
    return { url, finalUrl: null, error: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
  }
}
