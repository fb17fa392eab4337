import { defineFixtures, fixtureLink } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: { homeLinks: [fixtureLink('Đánh giá mức độ hài lòng')], homeText: '' },
    fail: { homeLinks: [], homeText: '' },
  },
  styles: {
    plain: /DANH GIA MUC DO HAI LONG/,
  },
});
