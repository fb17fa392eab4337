import { defineFixtures } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: { contrast: { control: 'Tăng tương phản', changed: true, before: 'a', after: 'b' } },
    fail: { contrast: { control: null, changed: false, before: null, after: null } },
  },
  styles: {
    jsp: /Tăng tương phản/,
  },
});
