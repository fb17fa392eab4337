import { defineFixtures, fixtureContext, VENDOR_STYLES } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: {},
    fail: {},
    passContext: fixtureContext({
      headers: {
        'strict-transport-security': 'max-age=31536000',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "frame-ancestors 'self'",
      },
    }),
    failContext: fixtureContext({ headers: { 'x-frame-options': 'DENY' } }),
  },
  styles: Object.fromEntries(VENDOR_STYLES.map((s) => [s, /Strict-Transport-Security/])),
});
