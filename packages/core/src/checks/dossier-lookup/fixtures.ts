import { defineFixtures, FIXTURE_HOME } from '../fixtures.js';

export default defineFixtures({
  judge: {
    pass: { dossierLookup: { url: `${FIXTURE_HOME}tra-cuu`, codeFieldFound: true, evidence: 'Mã hồ sơ' } },
    fail: { dossierLookup: { url: `${FIXTURE_HOME}tra-cuu`, codeFieldFound: false, evidence: null } },
  },
  styles: {
    aspnet: /Số biên nhận/,
    jsp: /dvc-tra-cuu-ho-so\.html/,
    sharepoint: /Mã biên nhận/,
    plain: /MÃ HỒ SƠ|Mã hồ sơ/,
  },
});
