import { describe, expect, it } from 'vitest';
import { emptyFacts } from '../../artifacts.js';
import { fixtureContext } from '../fixtures.js';
import { judgeSecurityHeaders } from './index.js';

describe('security-headers', () => {
  it('asks for HSTS only on https', () => {
    const headers = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN' };
    const onHttp = fixtureContext({ url: 'http://x/', finalUrl: 'http://x/', headers });
    expect(judgeSecurityHeaders(emptyFacts(), onHttp).status).toBe('pass');
    const onHttps = judgeSecurityHeaders(emptyFacts(), fixtureContext({ headers }));
    expect(onHttps.status).toBe('fail');
    expect(onHttps.evidence).toContain('Strict-Transport-Security');
  });
});
