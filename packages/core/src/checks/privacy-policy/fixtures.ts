import { defineFixtures, fixtureLink } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: { homeLinks: [fixtureLink('Chính sách bảo mật')], homeText: '' },
    fail: { homeLinks: [], homeText: '' },
  },
  styles: {},
});
