import { defineFixtures } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: { axe: { violations: [{ id: 'region', impact: 'moderate', help: 'x', nodes: 3 }], passes: 20 } },
    fail: { axe: { violations: [{ id: 'image-alt', impact: 'critical', help: 'x', nodes: 2 }], passes: 20 } },
  },
  styles: {},
});
