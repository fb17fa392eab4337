import { defineFixtures, FIXTURE_HOME } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: {
      search: {
        inputFound: true,
        query: 'khai sinh',
        resultsUrl: `${FIXTURE_HOME}tim`,
        resultCount: 3,
        evidence: 'Đăng ký khai sinh',
      },
    },
    fail: { search: { inputFound: true, query: 'khai sinh', resultsUrl: `${FIXTURE_HOME}tim`, resultCount: 0, evidence: null } },
  },
  styles: {
    // The search posts back inside the page-wide form; the SPA's search is a client route.
    aspnet: /Tìm "khai sinh": 3 kết quả/,
    igate: /\/vi\/procedure\/search\?keyword=/,
  },
});
