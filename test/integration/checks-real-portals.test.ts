/**
 * The check catalogue on pages saved from a real portal (Bắc Ninh's Liferay portal, 2019), served unchanged from
 * `../shared/real-portals` on 127.0.0.1 and judged in real Chromium, against what a person sees (labels.json):
 * `true` must pass, `false` must fail, `ambiguous` is not asserted. Where the saved copy cannot show the function
 * (its server is gone: the login page is not saved, the search posts to a server that no longer answers), the
 * verdict must be `unknown` with the reason, never a guessed `fail`: those cases are listed in UNKNOWN below.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckResult, judgeChecks } from '../../packages/core/src/index.js';
import { gatherFacts } from '../../packages/probe/src/facts/index.js';
import type { Prober } from '../../packages/probe/src/index.js';
import { localProber } from '../fixtures/portals/prober.js';
import { hasRealPortals, LABEL_CHECKS, type Label, readLabels, realPortalsDir } from '../fixtures/real/real-portals.js';
import { serveFolder } from '../fixtures/real/serve-folder.js';

const PORTAL = 'bacninh-2019';
const present = hasRealPortals();
if (!present) console.warn(`real-portal test skipped: ${realPortalsDir()} is absent (CI has it beside the repository)`);

/** Verdicts that must be `unknown` on the saved copy, with the reason the evidence must give. */
const UNKNOWN: Record<string, Record<string, RegExp>> = {
  // The login links point at /dangky and /dangnhap, which were not saved: the VNeID button could be there.
  'TrangChuView.html': { 'login-vneid': /Không mở được trang đăng nhập.*HTTP 404/ },
  'DanhMucHoSoView.html': {
    'login-vneid': /HTTP 404/,
    // The search form posts back to its server; the saved copy answers with itself, unchanged.
    search: /không đọc được kết quả.*không nhắc lại từ khoá/,
  },
  'ThanhPhanHoSoView.html': { 'login-vneid': /HTTP 404/ },
  'DangNhapView.html': { 'login-vneid': /HTTP 404/ },
  'index.html': { 'login-vneid': /HTTP 404/ },
};
/** `procedure-info` judges a procedure page reached by searching; none of these pages leads to one. */
const NO_PROCEDURE_PAGE = /Không có trang thủ tục/;

const skip = { skip: true };
let server: Awaited<ReturnType<typeof serveFolder>> | undefined;
let prober: Prober | undefined;
const verdicts = new Map<string, CheckResult[]>();

beforeAll(async () => {
  if (!present) return;
  // prepare: the saved folder served as is, the real guarded prober allowed only that origin
  server = await serveFolder(path.join(realPortalsDir(), PORTAL));
  prober = localProber([server.origin]);
  // act: each saved page as an agency's home page, gathered once and judged (walk, mobile and axe are not labelled)
  for (const page of Object.keys(readLabels(PORTAL).pages)) {
    const homeUrl = `${server.origin}/${page}`;
    const facts = await gatherFacts(prober.session, {
      homeUrl,
      accessibility: false,
      overrides: { 'three-clicks': skip, mobile: skip },
    });
    const home = await prober.probePage(homeUrl, 'home');
    verdicts.set(page, judgeChecks(facts, { home }));
  }
}, 240_000);

afterAll(async () => {
  await prober?.close();
  await server?.close();
});

describe.skipIf(!present)(`checks on saved real pages (${PORTAL}, real Chromium)`, () => {
  const labels = present ? readLabels(PORTAL) : { pages: {} };
  for (const [page, row] of Object.entries(labels.pages)) {
    it(`${page}: verdicts match what a person sees`, () => {
      const got = verdicts.get(page);
      if (!got) throw new Error(`no verdicts for ${page}`);
      let asserted = 0;
      for (const [key, ids] of Object.entries(LABEL_CHECKS)) {
        const label = row[key] as Label | undefined;
        if (label === undefined || label === 'ambiguous') continue;
        for (const id of ids) {
          const r = got.find((c) => c.id === id);
          if (!r) throw new Error(`no result for ${id}`);
          const why = `${page} ${key}=${String(label)} → ${id}: ${r.status} (${r.evidence})`;
          const unknownBecause = UNKNOWN[page]?.[id] ?? (id === 'procedure-info' ? NO_PROCEDURE_PAGE : undefined);
          if (unknownBecause) {
            expect(r.status, why).toBe('unknown');
            expect(r.evidence, why).toMatch(unknownBecause);
          } else expect(r.status, why).toBe(label ? 'pass' : 'fail');
          asserted++;
        }
      }
      expect(asserted).toBeGreaterThan(8);
    });
  }

  it('reads the Liferay home page as a person does: lookup box, feedback menu, bare "ĐÁNH GIÁ" left unknown', () => {
    const got = verdicts.get('TrangChuView.html') ?? [];
    const of = (id: string) => got.find((c) => c.id === id);
    expect(of('dossier-lookup')?.evidence).toMatch(/mahoso/);
    expect(of('feedback')?.evidence).toMatch(/Phản ánh kiến nghị/);
    expect(of('satisfaction')).toMatchObject({ status: 'unknown' });
    expect(of('satisfaction')?.evidence).toMatch(/ĐÁNH GIÁ/);
  });

  it('fails contact on the e-form page: address and phone, but no email (Decree 42 Art. 4 asks all three)', () => {
    const contact = verdicts.get('index.html')?.find((c) => c.id === 'contact');
    expect(contact?.status).toBe('fail');
    expect(contact?.evidence).toMatch(/thiếu thông tin liên hệ: email$/);
  });
});
