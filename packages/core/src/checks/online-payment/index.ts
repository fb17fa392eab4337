import { defineCheck, need } from '../define.js';
import { homeLink } from '../home-link.js';
import { LABELS } from '../labels.js';

export const onlinePayment = defineCheck({
  id: 'online-payment',
  title: 'Thanh toán trực tuyến',
  group: 'functions',
  weight: 5,
  legalBasis: 'QĐ 766/QĐ-TTg (2022), nhóm dịch vụ công trực tuyến',
  needs: [need('homeLinks'), need('homeText')],
  judge: homeLink(LABELS.onlinePayment, 'thanh toán trực tuyến'),
  labels: { onlinePayment: LABELS.onlinePayment },
});
