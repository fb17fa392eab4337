import type { Facts } from '../artifacts.js';
import type { CheckResult } from '../result.js';
import { judgeAccessibility, judgeContrast, judgeFontSize, judgeMobile, judgeThreeClicks } from './judges-access.js';
import {
  homeLink,
  judgeContact,
  judgeDossierLookup,
  judgeEnglish,
  judgeLoginVneid,
  judgeProcedureInfo,
  judgeSearch,
} from './judges-functions.js';
import { judgeHttps, judgeNoMixedContent, judgeSecurityHeaders, judgeTlsValid } from './judges-security.js';
import { LABELS } from './labels.js';
import { type Check, type JudgeContext, unknown } from './types.js';

const ND42 = 'Nghị định 42/2022/NĐ-CP';
const TT32 = 'Thông tư 32/2017/TT-BTTTT, Điều 18';
const QD473 = 'QĐ 473/QĐ-BTTTT (2024), nhóm an toàn thông tin';

/**
 * The check catalogue, as data. Points per check are dvcwatch's split of each QĐ 473/QĐ-BTTTT (2024) group
 * (functions 50, layout 5, security 15, access 5): the decision publishes group totals, not per-criterion points,
 * so each group's total is spread with more points for what the law names explicitly. Performance (20) is scored
 * from the timing thresholds (see performance.ts) and EMC connection (5) cannot be seen from outside.
 */
export const CHECKS: readonly Check[] = [
  // functions: 50 = 6+6+6+6+5+5+4+3+3+3+3
  {
    id: 'search',
    title: 'Tìm kiếm thủ tục cho kết quả',
    group: 'functions',
    weight: 6,
    source: `${ND42}, Điều 7`,
    judge: judgeSearch,
  },
  {
    id: 'procedure-info',
    title: 'Thông tin thủ tục đầy đủ',
    group: 'functions',
    weight: 6,
    source: 'Nghị định 63/2010/NĐ-CP, Điều 8; Thông tư 02/2017/TT-VPCP',
    judge: judgeProcedureInfo,
  },
  {
    id: 'login-vneid',
    title: 'Đăng nhập bằng tài khoản VNeID',
    group: 'functions',
    weight: 6,
    source: 'Nghị định 69/2024/NĐ-CP (trước đây 59/2022/NĐ-CP): VNeID là tài khoản duy nhất từ 1/7/2024',
    judge: judgeLoginVneid,
  },
  {
    id: 'dossier-lookup',
    title: 'Tra cứu hồ sơ theo mã',
    group: 'functions',
    weight: 6,
    source: 'Nghị định 45/2020/NĐ-CP (thủ tục hành chính trên môi trường điện tử)',
    judge: judgeDossierLookup,
  },
  {
    id: 'online-payment',
    title: 'Thanh toán trực tuyến',
    group: 'functions',
    weight: 5,
    source: 'QĐ 766/QĐ-TTg (2022), nhóm dịch vụ công trực tuyến',
    judge: homeLink(LABELS.onlinePayment, 'thanh toán trực tuyến'),
  },
  {
    id: 'feedback',
    title: 'Phản ánh, kiến nghị',
    group: 'functions',
    weight: 5,
    source: 'Nghị định 61/2018/NĐ-CP; Nghị định 20/2008/NĐ-CP',
    judge: homeLink(LABELS.feedback, 'mục phản ánh, kiến nghị'),
  },
  {
    id: 'satisfaction',
    title: 'Đánh giá mức độ hài lòng',
    group: 'functions',
    weight: 4,
    source: 'QĐ 766/QĐ-TTg (2022): mức độ hài lòng (18 điểm)',
    judge: homeLink(LABELS.satisfaction, 'mục đánh giá mức độ hài lòng', LABELS.satisfactionVague),
  },
  {
    id: 'help',
    title: 'Hướng dẫn, hỏi đáp',
    group: 'functions',
    weight: 3,
    source: `${ND42}`,
    judge: homeLink(LABELS.help, 'hướng dẫn hoặc hỏi đáp'),
  },
  {
    id: 'index-766',
    title: 'Công khai Bộ chỉ số phục vụ người dân và doanh nghiệp',
    group: 'functions',
    weight: 3,
    source: 'QĐ 766/QĐ-TTg (23/6/2022)',
    judge: homeLink(LABELS.index766, 'kết quả Bộ chỉ số phục vụ người dân và doanh nghiệp'),
  },
  { id: 'contact', title: 'Thông tin liên hệ', group: 'functions', weight: 3, source: `${ND42}, Điều 4`, judge: judgeContact },
  { id: 'english', title: 'Thông tin tiếng Anh', group: 'functions', weight: 3, source: `${ND42}, Điều 7`, judge: judgeEnglish },
  // layout: 5 = 3+2
  {
    id: 'three-clicks',
    title: 'Nộp hồ sơ trong tối đa 3 lần nhấp',
    group: 'layout',
    weight: 3,
    source: `${TT32} (quy định 3 lần nhấp đã được xác nhận, điều khoản chính xác chưa)`,
    judge: judgeThreeClicks,
  },
  {
    id: 'mobile',
    title: 'Hiển thị trên điện thoại',
    group: 'layout',
    weight: 2,
    source: 'Thông tư 22/2023/TT-BTTTT (theo nguồn thứ cấp)',
    judge: judgeMobile,
  },
  // security: 15 = 4+4+3+2+2
  { id: 'https', title: 'Dùng HTTPS', group: 'security', weight: 4, source: QD473, judge: judgeHttps },
  { id: 'tls-valid', title: 'Chứng chỉ TLS hợp lệ', group: 'security', weight: 4, source: QD473, judge: judgeTlsValid },
  {
    id: 'security-headers',
    title: 'Tiêu đề bảo mật HTTP',
    group: 'security',
    weight: 3,
    source: `${QD473}; OWASP Secure Headers`,
    judge: judgeSecurityHeaders,
  },
  {
    id: 'no-mixed-content',
    title: 'Không tải nội dung qua HTTP',
    group: 'security',
    weight: 2,
    source: QD473,
    judge: judgeNoMixedContent,
  },
  {
    id: 'privacy-policy',
    title: 'Chính sách bảo vệ dữ liệu cá nhân',
    group: 'security',
    weight: 2,
    source: 'Nghị định 13/2023/NĐ-CP (bảo vệ dữ liệu cá nhân)',
    judge: homeLink(LABELS.privacyPolicy, 'chính sách bảo mật hoặc bảo vệ dữ liệu cá nhân'),
  },
  // access: 5 = 3+1+1
  {
    id: 'accessibility',
    title: 'Tiếp cận cho người khuyết tật (WCAG 2.1 AA)',
    group: 'access',
    weight: 3,
    source: `${TT32}; ${ND42}, Điều 14; Thông tư 22/2023/TT-BTTTT`,
    judge: judgeAccessibility,
  },
  {
    id: 'font-size-controls',
    title: 'Nút tăng cỡ chữ',
    group: 'access',
    weight: 1,
    source: `${TT32}; WCAG 1.4.4`,
    judge: judgeFontSize,
  },
  {
    id: 'contrast-toggle',
    title: 'Nút tăng độ tương phản',
    group: 'access',
    weight: 1,
    source: `${TT32} (khuyến khích có nút đổi độ tương phản)`,
    judge: judgeContrast,
  },
];

/** Stable ids of the catalogue, in order. */
export const CHECK_IDS = CHECKS.map((c) => c.id);

/** Judges every check; a skipped or throwing judge gives `unknown`, never `fail`. */
export function judgeChecks(facts: Facts, ctx: JudgeContext): CheckResult[] {
  return CHECKS.map((check) => {
    if (ctx.skipped?.includes(check.id)) return { id: check.id, ...unknown('Bỏ qua theo cấu hình của cơ quan') };
    try {
      return { id: check.id, ...check.judge(facts, ctx) };
    } catch (e) {
      return { id: check.id, ...unknown(`Lỗi khi đánh giá: ${e instanceof Error ? e.message : String(e)}`) };
    }
  });
}
