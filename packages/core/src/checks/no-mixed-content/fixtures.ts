import { defineFixtures, VENDOR_STYLES } from '../fixtures.js';

export default defineFixtures({
  judge: { pass: { mixedContent: [] }, fail: { mixedContent: ['http://x/a.png'] } },
  styles: Object.fromEntries(
    VENDOR_STYLES.map((s) => [s, /^Trang chủ https:\/\/127\.0\.0\.1:\d+\/\S* không tải tài nguyên qua http:\/\//]),
  ),
});
