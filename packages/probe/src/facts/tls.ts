import { lookup } from 'node:dns/promises';
import net from 'node:net';
import tls from 'node:tls';
import { type Facts, TLS_TIMEOUT_MS } from '@dvcwatch/core';
import type { GuardOptions } from '../guard-policy.js';
import { allowedHostPorts, checkTarget } from '../guard-policy.js';

type TlsFacts = NonNullable<Facts['tls']>;

const DAY_MS = 86_400_000;

/**
 * Connects to the home page's host with Node's TLS (no browser) and reads the certificate: whether it chains to
 * a trusted root for that name, why not, and when it expires. The address is checked by the request guard first.
 */
export async function gatherTls(
  homeUrl: string,
  opts: { guard: GuardOptions; ca?: string | Buffer; timeoutMs?: number; now?: number },
): Promise<TlsFacts | null> {
  const u = new URL(homeUrl);
  if (u.protocol !== 'https:') return null;
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = u.port || '443';
  const address = net.isIP(host) ? host : (await lookup(host)).address;
  const refused = checkTarget(allowedHostPorts(opts.guard.local ? opts.guard.allowedOrigins : []), host, port, address);
  if (refused) throw new Error(`guard:${refused.reason}: ${refused.detail}`);
  return new Promise<TlsFacts>((resolve, reject) => {
    const socket = tls.connect({
      host: address,
      port: Number(port),
      servername: net.isIP(host) ? undefined : host,
      rejectUnauthorized: false,
      ca: opts.ca,
      timeout: opts.timeoutMs ?? TLS_TIMEOUT_MS,
    });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const validTo = cert?.valid_to ? new Date(cert.valid_to) : null;
      const issuer = cert?.issuer ? (cert.issuer.O ?? cert.issuer.CN ?? null) : null;
      resolve({
        authorized: socket.authorized,
        error: socket.authorizationError ? String(socket.authorizationError) : null,
        validTo: validTo ? validTo.toISOString() : null,
        daysToExpiry: validTo ? Math.floor((validTo.getTime() - (opts.now ?? Date.now())) / DAY_MS) : null,
        issuer: Array.isArray(issuer) ? (issuer[0] ?? null) : issuer,
        protocol: socket.getProtocol(),
      });
      socket.end();
    });
    socket.once('timeout', () => socket.destroy(new Error('tls: timeout')));
    socket.once('error', reject);
  });
}
