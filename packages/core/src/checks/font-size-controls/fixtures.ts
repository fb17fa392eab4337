import { defineFixtures } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: { fontSize: { control: 'A+', beforePx: 16, afterPx: 18 } },
    fail: { fontSize: { control: 'A+', beforePx: 16, afterPx: 16 } },
  },
  styles: {},
});
