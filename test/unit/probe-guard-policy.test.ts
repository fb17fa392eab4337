import { describe, expect, it } from 'vitest';
import {
  addressRange,
  allowedHostPorts,
  checkTarget,
  DeadlineError,
  hostPortOfUrl,
  isAllowedScheme,
  totalBlockingTime,
} from '../../packages/probe/src/index.js';
import { navigationError } from '../../packages/probe/src/page-error.js';

describe('guard policy', () => {
  it('refuses every non-public address range and allows public unicast', () => {
    // prepare
    const refused = [
      '127.0.0.1',
      '::1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      'fe80::1',
      'fc00::1',
      'fd12::1',
      '0.0.0.0',
      '::',
      '224.0.0.1',
      '100.64.0.1',
      '::ffff:127.0.0.1',
      '::ffff:169.254.169.254',
    ];
    const allowed = ['8.8.8.8', '203.113.131.1', '2001:4860:4860::8888'];
    // act
    const decisions = [...refused, ...allowed].map((a) => checkTarget(new Set(), 'portal.gov.vn', '443', a));
    // assess
    expect(decisions.slice(0, refused.length).every((d) => d?.reason === 'private-address')).toBe(true);
    expect(decisions.slice(refused.length)).toEqual([null, null, null]);
    expect(addressRange('not-an-ip')).toBe('invalid');
  });

  it('allows a non-public address only for an exact allowed host and port', () => {
    // prepare
    const allowed = allowedHostPorts(['http://127.0.0.1:8080', 'https://[::1]', 'http://Localhost:9000/path']);
    // act / assess
    expect(checkTarget(allowed, '127.0.0.1', '8080', '127.0.0.1')).toBeNull();
    expect(checkTarget(allowed, '127.0.0.1', '8081', '127.0.0.1')?.reason).toBe('private-address');
    expect(checkTarget(allowed, '[::1]', '443', '::1')).toBeNull();
    expect(checkTarget(allowed, 'localhost', '9000', '127.0.0.1')).toBeNull();
    expect(checkTarget(allowed, 'localhost', '9000', '169.254.169.254')).toBeNull();
    expect(checkTarget(allowed, 'evil.example', '8080', '127.0.0.1')?.reason).toBe('private-address');
  });

  it('keys URLs by host and default port, and allows only http(s) schemes', () => {
    expect(hostPortOfUrl('https://DichVuCong.gov.vn/p/home')).toBe('dichvucong.gov.vn:443');
    expect(hostPortOfUrl('http://[::1]:81/')).toBe('::1:81');
    expect(hostPortOfUrl('nonsense')).toBeNull();
    expect(['http://a/', 'HTTPS://a/'].map(isAllowedScheme)).toEqual([true, true]);
    expect(
      ['file:///etc/passwd', 'ftp://a/', 'chrome://crash', 'data:text/html,x', 'javascript:1', ''].map(isAllowedScheme),
    ).toEqual([false, false, false, false, false, false]);
  });
});

describe('total blocking time', () => {
  it('counts only the part of each long task beyond 50 ms after FCP', () => {
    // prepare: [start, duration]
    const tasks: [number, number][] = [
      [0, 200], // entirely before FCP at 300
      [250, 150], // straddles FCP: 100 ms after it, 50 blocking
      [500, 120], // 70 blocking
      [900, 40], // short
    ];
    // act / assess
    expect(totalBlockingTime(tasks, 300)).toBe(120);
    expect(totalBlockingTime([], 300)).toBe(0);
  });
});

describe('navigation error codes', () => {
  it('keeps browser codes verbatim and maps proxy failures to the guard record', () => {
    // prepare
    const events = [{ hostPort: '169.254.169.254:443', code: 'guard:private-address', message: 'linkLocal' }];
    // act
    const tunnel = navigationError(
      new Error('page.goto: net::ERR_TUNNEL_CONNECTION_FAILED at https://169.254.169.254/'),
      'https://169.254.169.254/',
      events,
    );
    const refused = navigationError(new Error('page.goto: net::ERR_CERT_DATE_INVALID at https://a/'), 'https://a/', events);
    const timeout = navigationError(new DeadlineError('navigation', 10), null, []);
    const download = navigationError(new Error('page.goto: Download is starting'), null, []);
    const other = navigationError(new Error('Target closed'), null, []);
    // assess
    expect(tunnel.code).toBe('guard:private-address');
    expect(refused.code).toBe('net::ERR_CERT_DATE_INVALID');
    expect([timeout.code, download.code, other.code]).toEqual(['timeout', 'download', 'probe']);
  });
});
