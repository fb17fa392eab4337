/**
 * Every email the product sends is built from present's components (issue 22): the monthly summary and the
 * operators' plain emails share the heads' shell, escape what portals and registries supply, and format numbers
 * and months with core's Vietnamese formatting module.
 */
import { readFileSync } from 'node:fs';
import { type EditionAgency, parseRegistry } from '@dvcwatch/core';
import { editionSummaryEmail, plainEmail } from '@dvcwatch/present';
import { describe, expect, it } from 'vitest';

const registry = parseRegistry(readFileSync('registry/demo.yaml', 'utf8'), 'registry/demo.yaml');
const agency = { ...registry.agencies[0]!, name: 'Sở <b>Thử</b> & "Nghiệm"' };
const ROW: EditionAgency = {
  agencyId: agency.id,
  name: agency.name,
  kind: agency.kind,
  rounds: 720,
  replayedRounds: 0,
  availability: 0.98765,
  homeLcpMedianMs: 2_345,
  formReadyMedianMs: 850,
  breachShare: 0.125,
  scoreMedian: 87,
  checksPassed: 14,
  checksJudged: 16,
  incidents: 2,
  incidentMinutes: 185,
  downtimeHours: 3,
  labHomeLcpMs: null,
  labHomeScore: null,
  labFormLcpMs: null,
  index766Total: 87.35,
};

describe('the monthly summary email', () => {
  const mail = editionSummaryEmail(agency, '2026-03', ROW, 'https://dvcwatch.example.vn/editions/2026-03.html');

  it('names the month and formats every figure the Vietnamese way', () => {
    expect(mail.subject).toBe('[dvcwatch] Ấn bản tháng 3/2026: Sở <b>Thử</b> & "Nghiệm"');
    expect(mail.text).toContain('- Tỷ lệ truy cập được: 98,8 % (720 lần đo)');
    expect(mail.text).toContain('- Trang chủ (LCP, trung vị): 2,3 giây; trang biểu mẫu (trung vị): 850 ms');
    expect(mail.text).toContain('- Tỷ lệ giờ vượt ngưỡng: 12,5 %');
    expect(mail.text).toContain('- Chỉ số 766 của Văn phòng Chính phủ: 87,35/100');
    expect(mail.text).toContain('LCP trang chủ trung vị —');
  });

  it('is the shared shell: escaped name, phone viewport, a list of figures and the link', () => {
    expect(mail.html).toContain('Sở &lt;b>Thử&lt;/b> &amp; &quot;Nghiệm&quot;');
    expect(mail.html).not.toContain('<b>Thử</b>');
    expect(mail.html).toContain('<meta name="viewport" content="width=device-width,initial-scale=1"/>');
    expect(mail.html.match(/<li>/g)).toHaveLength(8);
    expect(mail.html).toContain('Ấn bản đầy đủ: https://dvcwatch.example.vn/editions/2026-03.html');
    expect(mail.to).toEqual([agency.head.email]);
  });
});

describe("the operators' plain emails", () => {
  it('share the same shell and escape what they quote', () => {
    const m = plainEmail(['ops@example.vn'], '[dvcwatch] Lỗi\nhai dòng', ['Dòng <script>x</script>', '', '- một', '- hai']);
    expect(m.subject).toBe('[dvcwatch] Lỗi hai dòng');
    expect(m.html).toContain('<html lang="vi">');
    expect(m.html).toContain('Dòng &lt;script>x&lt;/script>');
    expect(m.html).toContain('<ul><li>một</li><li>hai</li></ul>');
    expect(m.text).toBe('Dòng <script>x</script>\n\n- một\n- hai');
  });
});
