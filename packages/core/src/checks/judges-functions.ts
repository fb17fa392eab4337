import type { Facts } from '../artifacts.js';
import { matches } from '../text.js';
import { findEmail, findPhone } from './contact-text.js';
import { describeLink, findLink, lookedFor } from './find.js';
import { LABELS } from './labels.js';
import { fail, type Judgement, notGathered, pass, unknown } from './types.js';

/** A home-page link carrying one of `labels` (Decree 42/2022 functions that are simply offered as links). */
export const homeLink =
  (labels: readonly string[], what: string, vague: readonly string[] = []) =>
  (facts: Facts): Judgement => {
    if (facts.homeLinks === null) return notGathered('liên kết trang chủ');
    const found = findLink(facts.homeLinks, labels);
    if (found) return pass(`Thấy ${describeLink(found.link)} trên trang chủ`);
    // Some portals render the function as text without a link (a card or a tab).
    const inText = matches(facts.homeText, labels);
    if (inText) return pass(`Thấy "${inText}" trong nội dung trang chủ`);
    // A bare menu item ("ĐÁNH GIÁ") may or may not be the function: a person could say either, so no guess.
    const maybe = vague.length > 0 ? findLink(facts.homeLinks, vague) : null;
    if (maybe) return unknown(`Chỉ thấy ${describeLink(maybe.link)}: không rõ có phải ${what}`);
    return fail(`Không thấy ${what} trên trang chủ (đã tìm ${lookedFor(labels)})`);
  };

export function judgeSearch(facts: Facts): Judgement {
  const s = facts.search;
  if (s === null) return notGathered('tìm kiếm');
  if (!s.inputFound) return fail(`Không thấy ô tìm kiếm trên trang chủ (đã tìm ${lookedFor(LABELS.search)})`);
  if (s.error)
    return unknown(
      `Có ô tìm kiếm nhưng không đọc được kết quả tìm "${s.query}": ${s.error}${s.resultsUrl ? ` (${s.resultsUrl})` : ''}`,
    );
  if (s.resultCount === 0) return fail(`Tìm "${s.query}" không cho kết quả nào${s.resultsUrl ? ` (${s.resultsUrl})` : ''}`);
  return pass(
    `Tìm "${s.query}": ${s.resultCount} kết quả${s.resultsUrl ? ` tại ${s.resultsUrl}` : ''}${s.evidence ? `, ví dụ "${s.evidence}"` : ''}`,
  );
}

export function judgeProcedureInfo(facts: Facts): Judgement {
  if (facts.procedureText === null)
    return unknown('Không có trang thủ tục để đọc: tìm kiếm không dẫn đến thủ tục nào và cơ quan chưa khai báo trang biểu mẫu');
  const found: string[] = [];
  const missing: string[] = [];
  for (const [item, labels] of Object.entries(LABELS.procedure)) {
    (matches(facts.procedureText, labels) ? found : missing).push(item);
  }
  if (missing.length === 0) return pass(`Trang thủ tục có đủ: ${found.join(', ')}`);
  return fail(`Trang thủ tục thiếu: ${missing.join(', ')}${found.length ? ` (có: ${found.join(', ')})` : ''}`);
}

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

export function judgeDossierLookup(facts: Facts): Judgement {
  const d = facts.dossierLookup;
  if (d === null) return notGathered('tra cứu hồ sơ');
  if (d.url === null) return fail(`Không thấy ${lookedFor(LABELS.dossierLookup)} trên trang chủ`);
  const via = d.weak ? ` (qua "${d.weak}")` : '';
  if (d.error) return unknown(`Không mở được trang ${d.url}${via}: ${d.error}`);
  if (d.codeFieldFound) return pass(`Trang ${d.url}${via} có ô "${d.evidence ?? 'Mã hồ sơ'}"`);
  return fail(
    `Không thấy ${lookedFor(LABELS.dossierLookup)}; trang ${d.url}${via} không có ô nhập ${lookedFor(LABELS.dossierCode)}`,
  );
}

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

const EN_HREF = /(?:[/?&](?:lang|language|locale)=en\b|\/en(?:[/?#-]|$)|\/english\b)/i;

/** Decree 42/2022/NĐ-CP Art. 7: English information on the organisation and contacts. */
export function judgeEnglish(facts: Facts): Judgement {
  if (facts.homeLinks === null) return notGathered('liên kết trang chủ');
  for (const link of facts.homeLinks) {
    const text = (link.text || link.ariaLabel || link.title || '').trim();
    if (matches(text, LABELS.english) && text.length <= 20) return pass(`Thấy ${describeLink(link)}`);
    if (link.href && EN_HREF.test(link.href)) return pass(`Thấy trang tiếng Anh ${describeLink(link)}`);
  }
  return fail(`Không thấy liên kết tiếng Anh (đã tìm ${lookedFor(LABELS.english)} hoặc địa chỉ /en/)`);
}
