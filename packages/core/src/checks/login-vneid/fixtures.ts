import { defineFixtures, FIXTURE_HOME, fixtureLink } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: {
      homeLinks: [],
      login: { url: `${FIXTURE_HOME}dang-nhap`, text: 'Đăng nhập', links: [fixtureLink('Tài khoản Định danh điện tử (VNeID)')] },
    },
    fail: { homeLinks: [], login: { url: `${FIXTURE_HOME}dang-nhap`, text: 'Tên đăng nhập Mật khẩu', links: [] } },
  },
  styles: {
    // The login is a button to a Keycloak realm on another host.
    igate: /\/auth\/realms\/digo\/pass/,
    jsp: /\/auth\/realms\/digo\/pass/,
  },
});
