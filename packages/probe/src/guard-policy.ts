import ipaddr from 'ipaddr.js';

/** What the request guard allows: production refuses every non-public address; local mode allows named origins. */
export interface GuardOptions {
  /** Local mode (demo, tests): loopback is allowed, but only for `allowedOrigins`. */
  local: boolean;
  /** Origins (`http://127.0.0.1:8080`, `https://host:8443`) reachable even on a non-public address. */
  allowedOrigins: string[];
  /**
   * Local source address every upstream connection leaves from (a vantage's loopback `egress`), so a test portal
   * can answer one vantage and refuse another. Unset: the system's choice.
   */
  egress?: string | undefined;
}

/** Why the guard refused a request: becomes `guard:<why>` in PageError.code. */
export type GuardReason = 'private-address' | 'scheme' | 'too-large';

/** The default port of a scheme, for matching `host:port` keys. */
const defaultPort = (protocol: string): string => (protocol === 'https:' ? '443' : '80');

/** Normalises a host for keys: lower-case, IPv6 brackets removed. */
export const normaliseHost = (host: string): string => host.toLowerCase().replace(/^\[(.*)\]$/, '$1');

/** `host:port` keys of the allowed origins; the proxy sees host and port, not the scheme. */
export const allowedHostPorts = (origins: string[]): Set<string> => {
  const keys = new Set<string>();
  for (const origin of origins) {
    const u = new URL(origin);
    keys.add(`${normaliseHost(u.hostname)}:${u.port || defaultPort(u.protocol)}`);
  }
  return keys;
};

/** `host:port` key of a URL, as the proxy sees it. */
export const hostPortOfUrl = (url: string): string | null => {
  try {
    const u = new URL(url);
    return `${normaliseHost(u.hostname)}:${u.port || defaultPort(u.protocol)}`;
  } catch {
    return null;
  }
};

/** True when a scheme may be fetched at all: only http and https reach the network. */
export const isAllowedScheme = (url: string): boolean => /^https?:$/i.test(safeProtocol(url));

const safeProtocol = (url: string): string => {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
};

/**
 * The ipaddr.js range of an address, IPv4-mapped IPv6 unwrapped (`::ffff:127.0.0.1` is loopback), or
 * 'invalid'. Only 'unicast' is a public address: every other range (loopback, private, linkLocal incl.
 * 169.254.169.254, uniqueLocal fc00::/7, carrierGradeNat, unspecified, multicast, reserved, 6to4, …) is refused.
 */
export const addressRange = (address: string): string => {
  if (!ipaddr.isValid(address)) return 'invalid';
  return ipaddr.process(address).range();
};

/**
 * Decides one connection: `null` to allow, or the refusal reason. `host`/`port` are what the browser asked for,
 * `address` the resolved address the proxy will connect to (checked here, used there: no second lookup).
 */
export const checkTarget = (
  allowed: Set<string>,
  host: string,
  port: string,
  address: string,
): { reason: GuardReason; detail: string } | null => {
  const range = addressRange(address);
  if (range === 'unicast') return null;
  if (allowed.has(`${normaliseHost(host)}:${port}`)) return null;
  return { reason: 'private-address', detail: `${address} is ${range}` };
};
