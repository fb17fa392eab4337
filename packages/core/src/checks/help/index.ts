import { defineCheck, need } from '../define.js';
import { homeLink } from '../home-link.js';
import { LABELS } from '../labels.js';
import { ND42 } from '../legal.js';

export const help = defineCheck({
  id: 'help',
  title: 'Hướng dẫn, hỏi đáp',
  group: 'functions',
  weight: 3,
  legalBasis: ND42,
  needs: [need('homeLinks'), need('homeText')],
  judge: homeLink(LABELS.help, 'hướng dẫn hoặc hỏi đáp'),
  labels: { help: LABELS.help },
});
