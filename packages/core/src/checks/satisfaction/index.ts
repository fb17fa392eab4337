import { defineCheck, need } from '../define.js';
import { homeLink } from '../home-link.js';
import { LABELS } from '../labels.js';

export const satisfaction = defineCheck({
  id: 'satisfaction',
  title: 'Đánh giá mức độ hài lòng',
  group: 'functions',
  weight: 4,
  legalBasis: 'QĐ 766/QĐ-TTg (2022): mức độ hài lòng (18 điểm)',
  needs: [need('homeLinks'), need('homeText')],
  judge: homeLink(LABELS.satisfaction, 'mục đánh giá mức độ hài lòng', LABELS.satisfactionVague),
  labels: { satisfaction: LABELS.satisfaction, satisfactionVague: LABELS.satisfactionVague },
});
