import { defineFixtures } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: { homeText: 'Địa chỉ: 12 Tràng Tiền. Điện thoại: 024 3823 1234. Email: vp@hanoi.gov.vn' },
    fail: { homeText: 'Địa chỉ: 12 Tràng Tiền' },
  },
  styles: {
    // Toll-free 1800/1900 numbers, emails written "(at)", "[at]…[dot]" or only in a mailto: link.
    liferay: /\(0222\) 3 822 533/,
    aspnet: /1900 1096, email hotro@example\.gov\.vn/,
    igate: /18001096, email hotro@example\.gov\.vn/,
    jsp: /18001096/,
    sharepoint: /email vanthu@example\.gov\.vn/,
  },
});
