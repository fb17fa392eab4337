import { defineCheck, need } from '../define.js';
import { homeLink } from '../home-link.js';
import { LABELS } from '../labels.js';

export const feedback = defineCheck({
  id: 'feedback',
  title: 'Phản ánh, kiến nghị',
  group: 'functions',
  weight: 5,
  legalBasis: 'Nghị định 61/2018/NĐ-CP; Nghị định 20/2008/NĐ-CP',
  needs: [need('homeLinks'), need('homeText')],
  judge: homeLink(LABELS.feedback, 'mục phản ánh, kiến nghị'),
  labels: { feedback: LABELS.feedback },
});
