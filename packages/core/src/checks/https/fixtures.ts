import { defineFixtures, FIXTURE_HOME, VENDOR_STYLES } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: { httpRedirect: { url: 'http://x/', finalUrl: FIXTURE_HOME, error: null } },
    fail: { httpRedirect: { url: 'http://x/', finalUrl: 'http://x/', error: null } },
  },
  styles: Object.fromEntries(
    // Every style's passing portal answers http:// on the same port with a 301 to https://.
    VENDOR_STYLES.map((s) => [s, /^http:\/\/127\.0\.0\.1:\d+\/.* chuyển sang https:\/\/127\.0\.0\.1:\d+\//]),
  ),
});
