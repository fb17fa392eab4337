import { defineFixtures, fixtureLink } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: { homeLinks: [fixtureLink('Phan anh, kien nghi')], homeText: '' },
    fail: { homeLinks: [], homeText: 'Tin tức' },
  },
  styles: {
    // "PAKN" on an icon button whose words are in aria-label.
    igate: /PAKN"/,
    sharepoint: /Góp ý, phản ánh/,
  },
});
