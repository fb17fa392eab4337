import { gatherTls } from '../tls.js';
import { connection } from './types.js';

/** The home host's certificate, read over a TLS connection of its own (no browser), the guard's policy applied. */
export const tls = connection({
  fact: 'tls',
  owner: 'tls-valid',
  step: 'tls',
  run: (c) => gatherTls(c.homeUrl, { guard: c.guard ?? { local: false, allowedOrigins: [] }, ca: c.tlsCa }),
});
