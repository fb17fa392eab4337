import type { Facts } from '../../artifacts.js';
import { matches } from '../../text.js';
import { defineCheck, need } from '../define.js';
import { describeLink, findLink, lookedFor } from '../find.js';
import { LABELS } from '../labels.js';
import { fail, type Judgement, notGathered, pass, unknown } from '../types.js';

/** VNeID offered on the home page or on the login page it links to. */
export function judgeLoginVneid(facts: Facts): Judgement {
  const home = facts.homeLinks ? findLink(facts.homeLinks, LABELS.vneid) : null;
  if (home) return pass(`Trang chủ có đăng nhập VNeID: ${describeLink(home.link)}`);
  const l = facts.login;
  if (l === null) return notGathered('trang đăng nhập');
  if (l.url === null) return fail(`Không thấy nút ${lookedFor(LABELS.login)} trên trang chủ`);
  if (l.error) return unknown(`Không mở được trang đăng nhập ${l.url}: ${l.error}`);
  const link = findLink(l.links, LABELS.vneid);
  if (link) return pass(`Trang đăng nhập ${l.url} có ${describeLink(link.link)}`);
  const inText = matches(l.text, LABELS.vneid) ?? (matches(l.url, ['xacthuc.dichvucong.gov.vn', 'vneid']) ? l.url : null);
  if (inText) return pass(`Trang đăng nhập ${l.url} có "${inText}"`);
  return fail(`Trang đăng nhập ${l.url} không có tài khoản VNeID (đã tìm ${lookedFor(LABELS.vneid)})`);
}

export const loginVneid = defineCheck({
  id: 'login-vneid',
  title: 'Đăng nhập bằng tài khoản VNeID',
  group: 'functions',
  weight: 6,
  legalBasis: 'Nghị định 69/2024/NĐ-CP (trước đây 59/2022/NĐ-CP): VNeID là tài khoản duy nhất từ 1/7/2024',
  needs: [need('homeLinks'), need('login')],
  gather: { overrides: ['url'] },
  judge: judgeLoginVneid,
  labels: { login: LABELS.login, vneid: LABELS.vneid },
});
