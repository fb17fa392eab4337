import { defineFixtures } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: {
      procedureText: 'Trình tự thực hiện … Thành phần hồ sơ … Thời hạn giải quyết … Lệ phí … Cơ quan thực hiện … Căn cứ pháp lý',
    },
    fail: { procedureText: 'Mã thủ tục 1.001193 Lĩnh vực Hộ tịch' },
  },
  styles: {
    // The procedure opens only through `__doPostBack` from the search results.
    aspnet: /có đủ: Trình tự thực hiện/,
  },
});
