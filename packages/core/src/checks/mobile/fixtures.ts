import { defineFixtures } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: { mobile: { viewport: 'width=device-width, initial-scale=1', scrollWidth: 375, clientWidth: 375 } },
    fail: { mobile: { viewport: null, scrollWidth: 1200, clientWidth: 375 } },
  },
  styles: {},
});
