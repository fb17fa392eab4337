import { describe, expect, it } from 'vitest';
import { emptyFacts } from '../../artifacts.js';
import { fixtureContext } from '../fixtures.js';
import { judgeHttps } from './index.js';

describe('https', () => {
  it('fails an http-only home page', () => {
    const r = judgeHttps(emptyFacts(), fixtureContext({ url: 'http://x.gov.vn/', finalUrl: 'http://x.gov.vn/' }));
    expect(r.status).toBe('fail');
  });

  it('passes a portal that does not answer plain http at all, and is unknown when http:// failed otherwise', () => {
    const refused = { url: 'http://x/', finalUrl: null, error: 'net::ERR_CONNECTION_REFUSED' };
    expect(judgeHttps({ ...emptyFacts(), httpRedirect: refused }, fixtureContext()).status).toBe('pass');
    const timeout = { url: 'http://x/', finalUrl: null, error: 'Timeout 15000ms exceeded' };
    expect(judgeHttps({ ...emptyFacts(), httpRedirect: timeout }, fixtureContext()).status).toBe('unknown');
  });
});
