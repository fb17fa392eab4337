import { describe, expect, it } from 'vitest';
import { emptyFacts } from '../../artifacts.js';
import { fixtureContext } from '../fixtures.js';
import { judgeNoMixedContent } from './index.js';

describe('no-mixed-content', () => {
  it('does not apply to an http home page', () => {
    const http = fixtureContext({ url: 'http://x.gov.vn/', finalUrl: 'http://x.gov.vn/' });
    expect(judgeNoMixedContent({ ...emptyFacts(), mixedContent: [] }, http).status).toBe('unknown');
  });

  it('names at most three of the http resources and counts them all', () => {
    const urls = ['a', 'b', 'c', 'd'].map((n) => `http://x/${n}.png`);
    const r = judgeNoMixedContent({ ...emptyFacts(), mixedContent: urls }, fixtureContext());
    expect(r.evidence).toBe('Trang HTTPS tải 4 tài nguyên qua http://: http://x/a.png, http://x/b.png, http://x/c.png');
  });
});
