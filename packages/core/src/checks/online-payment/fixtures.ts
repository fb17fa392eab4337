import { defineFixtures, fixtureLink } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: { homeLinks: [fixtureLink('Thanh toán trực tuyến')], homeText: '' },
    fail: { homeLinks: [fixtureLink('Tin tức')], homeText: 'Tin tức' },
  },
  styles: {
    aspnet: /Thanh toán phí, lệ phí/,
    plain: /THANH TOAN TRUC TUYEN/,
  },
});
