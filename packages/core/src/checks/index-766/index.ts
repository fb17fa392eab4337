import { defineCheck, need } from '../define.js';
import { homeLink } from '../home-link.js';
import { LABELS } from '../labels.js';

export const index766 = defineCheck({
  id: 'index-766',
  title: 'Công khai Bộ chỉ số phục vụ người dân và doanh nghiệp',
  group: 'functions',
  weight: 3,
  legalBasis: 'QĐ 766/QĐ-TTg (23/6/2022)',
  needs: [need('homeLinks'), need('homeText')],
  judge: homeLink(LABELS.index766, 'kết quả Bộ chỉ số phục vụ người dân và doanh nghiệp'),
  labels: { index766: LABELS.index766 },
});
