import { defineCheck, need } from '../define.js';
import { homeLink } from '../home-link.js';
import { LABELS } from '../labels.js';

export const privacyPolicy = defineCheck({
  id: 'privacy-policy',
  title: 'Chính sách bảo vệ dữ liệu cá nhân',
  group: 'security',
  weight: 2,
  legalBasis: 'Nghị định 13/2023/NĐ-CP (bảo vệ dữ liệu cá nhân)',
  needs: [need('homeLinks'), need('homeText')],
  judge: homeLink(LABELS.privacyPolicy, 'chính sách bảo mật hoặc bảo vệ dữ liệu cá nhân'),
  labels: { privacyPolicy: LABELS.privacyPolicy },
});
