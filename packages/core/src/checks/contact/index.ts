import type { Facts } from '../../artifacts.js';
import { matches } from '../../text.js';
import { defineCheck, need } from '../define.js';
import { LABELS } from '../labels.js';
import { ND42 } from '../legal.js';
import { fail, type Judgement, notGathered, pass } from '../types.js';
import { findEmail, findPhone } from './contact-text.js';

/** Decree 42/2022/NĐ-CP Art. 4: address, phone and email of the agency published. */
export function judgeContact(facts: Facts): Judgement {
  if (facts.homeText === null) return notGathered('nội dung trang chủ');
  const hrefs = (facts.homeLinks ?? []).map((l) => l.href ?? '').join(' ');
  const phone = findPhone(facts.homeText) ?? findPhone(hrefs);
  const email = findEmail(facts.homeText) ?? findEmail(hrefs);
  const address = matches(facts.homeText, LABELS.contactAddress);
  if (phone && email) return pass(`Trang chủ có điện thoại ${phone}, email ${email}${address ? `, "${address}"` : ''}`);
  const missing = [!phone && 'số điện thoại', !email && 'email'].filter(Boolean).join(', ');
  return fail(`Trang chủ thiếu thông tin liên hệ: ${missing}`);
}

export const contact = defineCheck({
  id: 'contact',
  title: 'Thông tin liên hệ',
  group: 'functions',
  weight: 3,
  legalBasis: `${ND42}, Điều 4`,
  needs: [need('homeText'), need('homeLinks')],
  judge: judgeContact,
  labels: { contactAddress: LABELS.contactAddress, contactPhone: LABELS.contactPhone },
});
