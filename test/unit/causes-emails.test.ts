import { readFileSync } from 'node:fs';
import { addToAggregate, type Cause, monitorFailure, parseRegistry, type Result, summariseWeek } from '@dvcwatch/core';
import { alertEmail, digestEmail } from '@dvcwatch/present';
import { describe, expect, it } from 'vitest';

const registry = parseRegistry(readFileSync('registry/demo.yaml', 'utf8'), 'registry/demo.yaml');
const agency = registry.agencies[0]!;
const AT = '2026-11-23T03:00:00.000Z';
const CAUSES: Cause[] = [
  {
    kind: 'heavy-lcp-image',
    page: 'home',
    text: 'Ảnh chính của trang (LCP) nặng 4,2 MB, tải mất 3,8 s: /images/banner.jpg',
    url: null,
    impactMs: 3_800,
  },
  { kind: 'slow-server', page: 'home', text: 'Máy chủ trả lời chậm: 2,9 s chờ phản hồi đầu tiên', url: null, impactMs: 2_900 },
];
const degraded = (at: string, causes: Cause[]): Result => ({
  ...monitorFailure(agency.id, { at, nationalHosts: [], maintenance: false }, 'x'),
  status: 'degraded',
  reason: null,
  breaches: ['home.lcpMs'],
  breachDetails: [{ metric: 'home.lcpMs', value: 6_100, limit: 4_000 }],
  causes,
});

describe('causes in the emails', () => {
  it('lists the causes after the breaches in the alert email, each in its own list, instead of the generic advice', () => {
    // prepare
    const incident = {
      id: `${agency.id}#${AT}`,
      openedAt: AT,
      since: AT,
      status: 'degraded',
      breaches: ['home.lcpMs'],
      lastNotifiedAt: AT,
      reminders: 0,
      escalated: false,
      resolvedAt: null,
    };
    // act
    const mail = alertEmail({
      transition: { kind: 'open', incident, step: 'open', at: AT },
      agency,
      result: degraded(AT, CAUSES),
      recent: [],
      siteUrl: null,
      evidenceUrl: null,
    });
    // assess
    expect(mail.text).toContain(
      'Nguyên nhân đo được (chuyển cho đơn vị vận hành):\n- Ảnh chính của trang (LCP) nặng 4,2 MB, tải mất 3,8 s: /images/banner.jpg\n- Máy chủ trả lời chậm: 2,9 s chờ phản hồi đầu tiên',
    );
    expect(mail.text).not.toContain('kiểm tra máy chủ, đường truyền');
    expect(mail.html.match(/<ul>/g)).toHaveLength(2);
    expect(mail.html).toMatch(/<\/ul><p[^>]*>Nguyên nhân đo được/);
  });

  it('keeps the generic advice when no cause was named', () => {
    const incident = {
      id: 'x',
      openedAt: AT,
      since: AT,
      status: 'down',
      breaches: [],
      lastNotifiedAt: AT,
      reminders: 0,
      escalated: false,
      resolvedAt: null,
    };
    const mail = alertEmail({
      transition: { kind: 'open', incident, step: 'open', at: AT },
      agency,
      result: degraded(AT, []),
      recent: [],
      siteUrl: null,
      evidenceUrl: null,
    });
    expect(mail.text).toContain('kiểm tra máy chủ, đường truyền và trang biểu mẫu');
  });

  it('counts causes per day and names the week’s most frequent in the digest', () => {
    // prepare: three rounds on one day name the image, one names the server, a second day names the image again
    let day1 = addToAggregate(null, degraded('2026-11-23T01:00:00.000Z', CAUSES));
    day1 = addToAggregate(day1, degraded('2026-11-23T02:00:00.000Z', [CAUSES[0]!]));
    day1 = addToAggregate(day1, degraded('2026-11-23T02:00:00.000Z', [CAUSES[0]!])); // the same round again: not counted
    const day2 = addToAggregate(null, degraded('2026-11-24T02:00:00.000Z', [CAUSES[0]!]));
    // act
    const week = summariseWeek([day1, day2]);
    const mail = digestEmail(
      agency,
      { ...week, grade: null, rank: null, of: 0, labRisk: ['LCP trang chủ'] },
      '23/11–29/11/2026',
      null,
      {},
    );
    // assess
    expect(week.causes).toEqual([
      { text: CAUSES[0]!.text, rounds: 3 },
      { text: CAUSES[1]!.text, rounds: 1 },
    ]);
    expect(mail.text).toContain(
      'Nguyên nhân cần khắc phục (số lượt đo ghi nhận trong tuần):\n- Ảnh chính của trang (LCP) nặng 4,2 MB, tải mất 3,8 s: /images/banner.jpg (3 lượt)',
    );
    expect(mail.text).toContain('Có nguy cơ không đạt khi Bộ đánh giá');
  });
});
