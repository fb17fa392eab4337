import { describe, expect, it } from 'vitest';
import { emptyFacts } from '../../artifacts.js';
import { fixtureContext } from '../fixtures.js';
import { judgeTlsValid, TLS_MIN_DAYS } from './index.js';

const cert = { authorized: true, error: null, validTo: '2030-01-01', issuer: 'CA', protocol: 'TLSv1.3' };

describe('tls-valid', () => {
  it(`passes with ${TLS_MIN_DAYS} days left and fails on an untrusted certificate, naming why`, () => {
    expect(judgeTlsValid({ ...emptyFacts(), tls: { ...cert, daysToExpiry: TLS_MIN_DAYS } }, fixtureContext()).status).toBe(
      'pass',
    );
    const untrusted = { ...cert, authorized: false, error: 'DEPTH_ZERO_SELF_SIGNED_CERT', daysToExpiry: 300 };
    const r = judgeTlsValid({ ...emptyFacts(), tls: untrusted }, fixtureContext());
    expect(r.status).toBe('fail');
    expect(r.evidence).toContain('SELF_SIGNED');
  });

  it('fails an http-only home page: there is no certificate', () => {
    const r = judgeTlsValid(emptyFacts(), fixtureContext({ url: 'http://x.gov.vn/', finalUrl: 'http://x.gov.vn/' }));
    expect(r.status).toBe('fail');
  });
});
