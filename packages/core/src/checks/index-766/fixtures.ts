import { defineFixtures, fixtureLink } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: { homeLinks: [fixtureLink('Kết quả đánh giá Bộ chỉ số phục vụ người dân và doanh nghiệp')], homeText: '' },
    fail: { homeLinks: [], homeText: '' },
  },
  styles: {},
});
