import { defineFixtures, VENDOR_STYLES } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: { tls: { authorized: true, error: null, validTo: '2030-01-01', daysToExpiry: 400, issuer: 'CA', protocol: 'TLSv1.3' } },
    fail: { tls: { authorized: true, error: null, validTo: '2030-01-01', daysToExpiry: 29, issuer: 'CA', protocol: 'TLSv1.3' } },
  },
  styles: Object.fromEntries(VENDOR_STYLES.map((s) => [s, /^Chứng chỉ hợp lệ đến .*cấp bởi dvcwatch test CA/])),
});
