import { defineFixtures, fixtureLink } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: { homeLinks: [fixtureLink('Hỏi đáp')], homeText: '' },
    fail: { homeLinks: [], homeText: '' },
  },
  styles: {
    aspnet: /Hỏi đáp/,
    // Upper-cased by CSS: the words as a citizen sees them.
    igate: /CÂU HỎI THƯỜNG GẶP/,
  },
});
